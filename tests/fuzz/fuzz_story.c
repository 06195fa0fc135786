/*
 * fuzz_story.c: libFuzzer harness for the whole coding pipeline, through
 * the public API, with dyad's knowledge base loaded once.
 *
 * The first byte picks the form, the rest is the story:
 *   0  raw text with a date: split, shallow parse, actors, coreference,
 *      matching, dates, places, attribution, dedup
 *   1  raw text without a date and with the first line as headline
 *   2  one sentence that comes with a Treebank parse: "TEXT\nPARSE"
 * Every event must have its source, target and code, spans inside the
 * stored text, a valid mode and a date when the story has one; a broken
 * invariant traps.  Errors from dy_code (a bad parse) are expected.
 *
 *   make fuzz   (clang + libFuzzer: build-fuzz/fuzz_story), or the replay
 *   driver in `make check` (tests/fuzz/replay.c)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "fuzz.h"


static struct dy_ctx *ctx;

static void check_span(struct dy_span sp, size_t len)
{
	REQUIRE(sp.off <= len && sp.len <= len - sp.off);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dy_story_info info;
	struct dy_story *st;
	const char *text;
	size_t i, n, len;
	int mode;

	if (size == 0 || size > FUZZ_MAX)
		return 0;
	if (!ctx) {
		if (dy_ctx_new(&ctx) || dy_kb_load(ctx, dy_kb_default_dir()))
			abort();
	}
	mode = data[0] % 3;
	data++;
	size--;
	memset(&info, 0, sizeof info);
	info.id = "fuzz";
	if (mode == 0) {
		info.date = "2022-01-06";
		info.text = (const char *)data;
		info.text_len = size;
	} else if (mode == 1) {
		const uint8_t *nl = memchr(data, '\n', size);
		static char title[256];
		size_t ln = nl ? (size_t)(nl - data) : 0;
		size_t tn = ln < sizeof title ? ln : sizeof title - 1;

		memcpy(title, data, tn);
		title[tn] = '\0';
		info.title = tn ? title : NULL;
		info.text = (const char *)data + (nl ? ln + 1 : 0);
		info.text_len = size - (nl ? ln + 1 : 0);
	} else {
		info.date = "1999-12-31";
	}
	if (dy_story_new(ctx, &info, &st))
		return 0;
	if (mode == 2) {
		const uint8_t *nl = memchr(data, '\n', size);
		size_t tn = nl ? (size_t)(nl - data) : size;

		if (dy_story_add_parsed(st, "s1", (const char *)data, tn,
					nl ? (const char *)nl + 1 : "",
					nl ? size - tn - 1 : 0)) {
			dy_story_free(st);
			return 0;
		}
	}
	(void)dy_code(ctx, st);
	text = dy_story_text(st, &len);
	REQUIRE(text != NULL || len == 0);
	n = dy_story_event_count(st);
	for (i = 0; i < n; i++) {
		const struct dy_event *e = dy_story_event(st, i);

		REQUIRE(e && e->source && e->target && e->code);
		REQUIRE(strlen(e->code) >= 2 && strlen(e->code) <= 4);
		REQUIRE(e->sentence >= 0 &&
			(size_t)e->sentence < dy_story_sentence_count(st));
		REQUIRE(e->quad >= 0 && e->quad <= 4);
		check_span(e->source_span, len);
		check_span(e->target_span, len);
		check_span(e->verb_span, len);
		REQUIRE(!info.date || mode == 1 || e->date);
	}
	for (i = 0; i < dy_story_sentence_count(st); i++)
		check_span(dy_story_sentence(st, i), len);
	dy_story_free(st);
	return 0;
}
