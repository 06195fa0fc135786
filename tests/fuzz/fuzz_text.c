/*
 * fuzz_text.c: libFuzzer harness for the text stage (src/text.c).
 *
 * Accepts any bytes up to 64 KiB (longer inputs are skipped, as in
 * utf8proc's fuzzer): sanitizes them, splits the copy into sentences,
 * tokenizes every sentence and folds every token, checking the
 * invariants each step promises -- valid UTF-8 without CR, sanitizing is
 * idempotent, spans inside the text, increasing and trimmed, every
 * sentence has a token, tokens in order inside their sentence with only
 * white space between them, forms NUL-terminated with the right length.
 * The raw bytes also go to the splitter and the tokenizer unsanitized,
 * where only memory safety and the span invariants are expected.
 *
 * Build and run (`make fuzz` builds build-fuzz/fuzz-text the same way):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
 *     -D_GNU_SOURCE tests/fuzz/fuzz_text.c src/text.c src/base/mem.c \
 *     src/base/arena.c src/base/str.c \
 *     $(pkg-config --libs icu-uc icu-i18n) -lpthread -o fuzz_text
 *   ./fuzz_text -max_len=65536 tests/fuzz/corpus/text
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "base/arena.h"
#include "base/str.h"
#include "text.h"

#define FUZZ_MAX (64u << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(c) \
	do { \
		if (!(c)) \
			__builtin_trap(); \
	} while (0)

static int space_cp(uint32_t c)
{
	return c <= 0x20 || c == 0x7f || c == 0x200b || c == 0xfeff ||
	       u_isUWhiteSpace((UChar32)c) ||
	       u_charType((UChar32)c) == U_CONTROL_CHAR;
}

/* Are t[s..e) all white space (valid UTF-8 only)? */
static int all_space(const char *t, size_t s, size_t e)
{
	uint32_t c;
	size_t k;

	while (s < e) {
		k = dy_utf8_decode(t + s, e - s, &c);
		if (!k || !space_cp(c))
			return 0;
		s += k;
	}
	return 1;
}

static void check_toks(const char *t, const struct dy_span *s,
		       const struct dy_tok *tk, uint16_t nt, int valid)
{
	uint32_t prev = s->off, end = s->off + s->len;
	uint16_t i;

	for (i = 0; i < nt; i++) {
		REQUIRE(tk[i].off >= prev && tk[i].len <= end - tk[i].off);
		REQUIRE(tk[i].len <= DY_MAX_TOKEN_LEN);
		REQUIRE(tk[i].form && tk[i].lemma);
		REQUIRE(strlen(tk[i].form) == tk[i].flen);
		REQUIRE(tk[i].len > 0);
		if (valid) {
			REQUIRE(all_space(t, prev, tk[i].off));
			REQUIRE(dy_utf8_check(tk[i].form, tk[i].flen) ==
				tk[i].flen);
		}
		prev = tk[i].off + tk[i].len;
	}
	if (valid)
		REQUIRE(all_space(t, prev, end) ||
			nt == DY_MAX_SENTENCE_TOKENS);
}

/* Split t and tokenize each sentence; `valid`: t is sanitized. */
static void run(struct dy_arena *a, const char *t, size_t n, int valid)
{
	struct dy_span *sp;
	struct dy_tok *tk;
	size_t ns, i, prev = 0, k;
	uint16_t nt, j;
	int rc;

	rc = dy_text_split(a, t, n, &sp, &ns);
	REQUIRE(rc == 0);
	REQUIRE(ns == 0 || sp);
	for (i = 0; i < ns; i++) {
		REQUIRE(sp[i].len > 0 && sp[i].off >= prev);
		REQUIRE((size_t)sp[i].off + sp[i].len <= n);
		if (valid)
			REQUIRE(all_space(t, prev, sp[i].off));
		prev = sp[i].off + sp[i].len;
		rc = dy_text_tokenize(a, t, sp[i].off, sp[i].len, &tk, &nt);
		REQUIRE(rc == 0 || rc == DY_ELIMIT);
		REQUIRE(nt <= DY_MAX_SENTENCE_TOKENS);
		REQUIRE(rc == 0 || nt == DY_MAX_SENTENCE_TOKENS);
		if (valid)
			REQUIRE(nt > 0);
		check_toks(t, &sp[i], tk, nt, valid);
		for (j = 0; j < nt; j++) {
			const char *f = dy_text_fold(a, t + tk[j].off,
						     tk[j].len, &k);

			REQUIRE(f && k == strlen(f));
			/* quote pairs `` '' get the form " */
			REQUIRE(k == tk[j].flen || tk[j].pos == DY_POS_QUOTE);
		}
	}
	if (valid)
		REQUIRE(all_space(t, prev, n));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dy_arena a;
	char *raw, *t, *t2;
	size_t n, n2, nbad, first, k;
	struct dy_tok *tk;
	uint16_t nt;
	const char *f;

	if (size > FUZZ_MAX)
		return 0;
	/* an exact-size copy, so reading past the end is caught */
	raw = malloc(size ? size : 1);
	if (!raw)
		return 0;
	memcpy(raw, data, size);
	dy_arena_init(&a, 0);

	REQUIRE(dy_text_sanitize(&a, raw, size, &t, &n, &nbad, &first) == 0);
	REQUIRE(t[n] == '\0');
	REQUIRE(dy_utf8_check(t, n) == n);
	REQUIRE(!memchr(t, '\r', n));
	REQUIRE((nbad == 0) == (first == size));
	REQUIRE(dy_text_sanitize(&a, t, n, &t2, &n2, &nbad, &first) == 0);
	REQUIRE(n2 == n && memcmp(t, t2, n) == 0 && nbad == 0);
	run(&a, t, n, 1);

	/* the raw bytes: no promises but safety */
	run(&a, raw, size, 0);
	if (size <= UINT16_MAX) {
		int rc = dy_text_tokenize(&a, raw, 0, (uint32_t)size, &tk,
					  &nt);

		REQUIRE(rc == 0 || rc == DY_ELIMIT);
	}
	f = dy_text_fold(&a, raw, size, &k);
	REQUIRE(f && strlen(f) == k && dy_utf8_check(f, k) == k);

	dy_arena_release(&a);
	free(raw);
	return 0;
}
