/*
 * fuzz_input.c: libFuzzer harness for the story readers (JSON Lines,
 * PETRARCH XML, plain text), through the public API.
 *
 * The first byte picks the format, the rest is written to a temporary
 * file that dy_reader_open() reads like any input; every story read is
 * coded.  A bad record must come back as an error with a message and
 * leave the reader usable; nothing may crash, leak or loop: the reader
 * must end within as many calls as the file has bytes (plus one).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"
#include "fuzz.h"


static struct dy_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ext[] = { ".jsonl", ".xml", ".txt" };
	static const enum dy_input_format fmt[] = {
		DY_INPUT_JSONL, DY_INPUT_XML, DY_INPUT_TEXT };
	char path[64];
	struct dy_reader *r;
	struct dy_story *st;
	size_t calls = 0;
	int fd, k, m;

	if (size == 0 || size > FUZZ_MAX)
		return 0;
	if (!ctx) {
		if (dy_ctx_new(&ctx) || dy_kb_load(ctx, dy_kb_default_dir()) ||
		    dy_ctx_set_option(ctx, "date", "2022-01-06"))
			abort();
	}
	m = data[0] % 3;
	snprintf(path, sizeof path, "/tmp/dyad-fuzz-XXXXXX%s", ext[m]);
	fd = mkstemps(path, (int)strlen(ext[m]));
	if (fd < 0)
		abort();
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	close(fd);
	if (dy_reader_open(ctx, path, fmt[m], &r) == 0) {
		while ((k = dy_reader_next(r, &st)) != 0) {
			REQUIRE(++calls <= size + 1);
			if (k < 0) {
				REQUIRE(dy_errmsg(ctx)[0] != '\0');
				continue;
			}
			REQUIRE(dy_story_id(st) != NULL);
			(void)dy_code(ctx, st);
			dy_story_free(st);
		}
		dy_reader_free(r);
	}
	unlink(path);
	return 0;
}
