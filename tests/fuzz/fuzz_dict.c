/*
 * fuzz_dict.c: libFuzzer harness for the dictionary readers: PETRARCH
 * verb, actor, agent, discard and issue files and dyad's TSV tables.
 *
 * The first byte picks the kind, the rest is written to a temporary file
 * and loaded into a fresh context with dy_dict_load(); a loaded set is
 * then checked with dy_dict_check() and a name looked up.  A malformed
 * entry must fail with a "FILE:LINE: ..." message (or a warning for the
 * lenient PETRARCH formats), never crash, leak or loop.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"
#include "fuzz.h"


static void quiet(void *ud, const char *msg)
{
	(void)ud;
	REQUIRE(msg != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum dy_dict_kind kinds[] = {
		DY_DICT_VERBS, DY_DICT_ACTORS, DY_DICT_AGENTS,
		DY_DICT_DISCARDS, DY_DICT_ISSUES, DY_DICT_MEMBERS,
		DY_DICT_CAMEO };
	char path[64];
	struct dy_ctx *ctx;
	int fd, rc;

	if (size == 0 || size > FUZZ_MAX)
		return 0;
	snprintf(path, sizeof path, "/tmp/dyad-fuzz-dict-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		abort();
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	close(fd);
	if (dy_ctx_new(&ctx))
		abort();
	rc = dy_dict_load(ctx, kinds[data[0] % (sizeof kinds /
						sizeof kinds[0])], path);
	if (rc)
		REQUIRE(strstr(dy_errmsg(ctx), path) != NULL ||
			rc == DY_ENOMEM);
	else {
		(void)dy_dict_check(ctx, quiet, NULL);
		(void)dy_dict_lookup(ctx, "Kazakhstan", "2022-01-06", quiet,
				     NULL);
	}
	dy_ctx_free(ctx);
	unlink(path);
	return 0;
}
