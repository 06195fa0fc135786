/*
 * test_text.c: the text stage (src/text.c): sanitizing, sentence
 * splitting, tokenizing and folding.
 *
 * Every input is copied to an exact-size heap buffer with no NUL after
 * it, so the sanitizer build catches a read past the end, and every
 * result is checked against the invariants of its function (spans inside
 * the text, increasing, not overlapping, trimmed; tokens cover every
 * non-space byte of the sentence exactly once, forms are upper case and
 * NUL-terminated, SPACE flags match the text) before its content is.
 * Expected token lists are written as the token texts joined by single
 * spaces.
 */
#include <pthread.h>
#include <stdlib.h>

#include <unicode/uchar.h>

#include "test.h"
#include "base/arena.h"
#include "base/str.h"
#include "text.h"

static struct dy_arena arena;

/* An exact-size copy of s (no NUL after it); free with free(). */
static char *exact(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	memcpy(p, s, n);
	return p;
}

/* White space as the text stage sees it (test-side definition). */
static int space_cp(uint32_t c)
{
	return c <= 0x20 || c == 0x7f || c == 0x200b || c == 0xfeff ||
	       u_isUWhiteSpace((UChar32)c) ||
	       u_charType((UChar32)c) == U_CONTROL_CHAR;
}

/* Are t[s..e) all white space? */
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

/* ------------------------------------------------------------------ */
/* Invariants                                                          */
/* ------------------------------------------------------------------ */

static void check_spans(const char *t, size_t n, const struct dy_span *sp,
			size_t ns)
{
	size_t i, prev_end = 0;

	CHECK(ns == 0 || sp != NULL);
	for (i = 0; i < ns; i++) {
		CHECK_MSG(sp[i].len > 0, "sentence %zu empty", i);
		CHECK_MSG((size_t)sp[i].off + sp[i].len <= n,
			  "sentence %zu past the end", i);
		CHECK_MSG(sp[i].off >= prev_end, "sentence %zu overlaps", i);
		if (sp[i].len == 0 || (size_t)sp[i].off + sp[i].len > n)
			continue;
		CHECK_MSG(all_space(t, prev_end, sp[i].off),
			  "text dropped before sentence %zu", i);
		CHECK_MSG(!all_space(t, sp[i].off, sp[i].off + 1) &&
			  !dy_isspace(t[sp[i].off + sp[i].len - 1]),
			  "sentence %zu not trimmed", i);
		prev_end = sp[i].off + sp[i].len;
	}
	CHECK_MSG(all_space(t, prev_end, n), "text dropped at the end");
}

static void check_toks(const char *t, uint32_t off, uint32_t len,
		       const struct dy_tok *tk, uint16_t nt)
{
	uint32_t prev_end = off, end = off + len;
	const char *f;
	uint16_t i;
	int sp;

	CHECK(nt == 0 || tk != NULL);
	CHECK(nt <= DY_MAX_SENTENCE_TOKENS);
	for (i = 0; i < nt; i++) {
		CHECK_MSG(tk[i].off >= prev_end &&
			  tk[i].off + tk[i].len <= end,
			  "token %u out of place", i);
		if (tk[i].off < prev_end || tk[i].off + tk[i].len > end)
			return;
		CHECK_MSG(all_space(t, prev_end, tk[i].off),
			  "text dropped before token %u", i);
		if (i > 0 || off > 0) {
			sp = tk[i].off > prev_end ||
			     (i == 0 && all_space(t, off - 1, off));
			CHECK_MSG(!!(tk[i].flags & DY_TOK_SPACE) == sp,
				  "token %u SPACE flag", i);
		}
		CHECK_MSG(tk[i].len > 0, "token %u empty", i);
		CHECK(tk[i].len <= DY_MAX_TOKEN_LEN);
		CHECK(tk[i].form != NULL && tk[i].lemma == tk[i].form);
		if (!tk[i].form)
			return;
		CHECK(tk[i].flen == strlen(tk[i].form));
		for (f = tk[i].form; *f; f++)
			if (*f >= 'a' && *f <= 'z')
				break;
		CHECK_MSG(*f == '\0', "form '%s' not upper case", tk[i].form);
		CHECK(dy_utf8_check(tk[i].form, tk[i].flen) == tk[i].flen);
		prev_end = tk[i].off + tk[i].len;
	}
	CHECK_MSG(all_space(t, prev_end, end), "text dropped at the end");
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* Split s; returns the sentences joined by " | " (static buffer). */
static const char *split(const char *s)
{
	static char out[8192];
	size_t n = strlen(s), ns = 0, i, o = 0;
	struct dy_span *sp = NULL;
	char *t = exact(s, n);
	int rc;

	rc = dy_text_split(&arena, t, n, &sp, &ns);
	CHECK_EQ_INT(rc, 0);
	check_spans(t, n, sp, ns);
	out[0] = '\0';
	for (i = 0; i < ns && o + sp[i].len + 4 < sizeof out; i++) {
		if (i) {
			memcpy(out + o, " | ", 3);
			o += 3;
		}
		memcpy(out + o, t + sp[i].off, sp[i].len);
		o += sp[i].len;
	}
	out[o] = '\0';
	free(t);
	return out;
}

#define CHECK_SPLIT(text, want) CHECK_EQ_STR(split(text), want)

static struct dy_tok *last_toks;
static uint16_t last_n;

/* Tokenize s as one sentence; returns the token texts joined by " "
 * (static buffer); `forms` selects the forms instead. */
static const char *toks(const char *s, int forms)
{
	static char out[8192];
	size_t n = strlen(s), o = 0, k;
	uint16_t i;
	char *t = exact(s, n);
	const char *w;
	int rc;

	rc = dy_text_tokenize(&arena, t, 0, (uint32_t)n, &last_toks,
			      &last_n);
	CHECK_EQ_INT(rc, 0);
	check_toks(t, 0, (uint32_t)n, last_toks, last_n);
	for (i = 0; i < last_n; i++) {
		w = forms ? last_toks[i].form : t + last_toks[i].off;
		k = forms ? last_toks[i].flen : last_toks[i].len;
		if (o + k + 2 >= sizeof out)
			break;
		if (i)
			out[o++] = ' ';
		memcpy(out + o, w, k);
		o += k;
	}
	out[o] = '\0';
	free(t);
	return out;
}

#define CHECK_TOKS(text, want) CHECK_EQ_STR(toks(text, 0), want)
#define CHECK_FORMS(text, want) CHECK_EQ_STR(toks(text, 1), want)

/* Attribute string of the last tokenization, one letter a token:
 * P period, C comma, : colon, Q quote, L/R brackets, o other. */
static const char *pos_string(void)
{
	static char out[DY_MAX_SENTENCE_TOKENS + 1];
	uint16_t i;

	for (i = 0; i < last_n; i++) {
		switch (last_toks[i].pos) {
		case DY_POS_PERIOD: out[i] = 'P'; break;
		case DY_POS_COMMA: out[i] = 'C'; break;
		case DY_POS_COLON: out[i] = ':'; break;
		case DY_POS_QUOTE: out[i] = 'Q'; break;
		case DY_POS_LRB: out[i] = 'L'; break;
		case DY_POS_RRB: out[i] = 'R'; break;
		default: out[i] = 'o'; break;
		}
	}
	out[i] = '\0';
	return out;
}

/* Flag string of the last tokenization: per token, c = CAP, A = ALLCAP
 * (both: "cA"), n = NEG, s = SPACE, "-" for none; tokens joined by ' '. */
static const char *flag_string(void)
{
	static char out[8 * DY_MAX_SENTENCE_TOKENS];
	size_t o = 0;
	uint16_t i;

	for (i = 0; i < last_n; i++) {
		unsigned f = last_toks[i].flags;

		if (i)
			out[o++] = ' ';
		if (f & DY_TOK_CAP)
			out[o++] = 'c';
		if (f & DY_TOK_ALLCAP)
			out[o++] = 'A';
		if (f & DY_TOK_NEG)
			out[o++] = 'n';
		if (f & DY_TOK_SPACE)
			out[o++] = 's';
		if (!(f & (DY_TOK_CAP | DY_TOK_ALLCAP | DY_TOK_NEG |
			   DY_TOK_SPACE)))
			out[o++] = '-';
	}
	out[o] = '\0';
	return out;
}

/* Fold s; returns the form (arena). */
static const char *fold(const char *s, size_t n)
{
	char *t = exact(s, n), *f;
	size_t k = (size_t)-1;

	f = dy_text_fold(&arena, t, n, &k);
	CHECK(f != NULL);
	if (f) {
		CHECK_EQ_INT(k, strlen(f));
		CHECK(dy_utf8_check(f, k) == k);
	}
	free(t);
	return f ? f : "(null)";
}

#define CHECK_FOLD(text, want) \
	CHECK_EQ_STR(fold(text, sizeof(text) - 1), want)

/* ------------------------------------------------------------------ */
/* Sanitize                                                            */
/* ------------------------------------------------------------------ */

struct san_case {
	const char *in;   /* input bytes */
	size_t n;         /* their count */
	const char *out;  /* the sanitized copy */
	size_t outn;      /* its length */
	size_t nbad;      /* replacements */
	size_t first_bad; /* input offset of the first one, or n */
};

#define SAN(in, out, nbad, first) \
	{ in, sizeof(in) - 1, out, sizeof(out) - 1, nbad, first }
#define FFFD "\xef\xbf\xbd"

static const struct san_case san_cases[] = {
	SAN("", "", 0, 0),
	SAN("Tokayev", "Tokayev", 0, 7),
	SAN("C\xc3\xb4te \xe2\x80\x9cx\xe2\x80\x9d \xf0\x9f\x98\x80",
	    "C\xc3\xb4te \xe2\x80\x9cx\xe2\x80\x9d \xf0\x9f\x98\x80", 0, 18),
	/* a lone continuation byte, a byte that never starts anything */
	SAN("a\x80z", "a" FFFD "z", 1, 1),
	SAN("\xff\xfe", FFFD FFFD, 2, 0),
	/* truncated sequences: one U+FFFD for the maximal subpart */
	SAN("a\xe2\x82", "a" FFFD, 1, 1),
	SAN("\xe2\x82" "A", FFFD "A", 1, 0),
	SAN("\xf0\x9f\x98 ok", FFFD " ok", 1, 0),
	SAN("\xc3", FFFD, 1, 0),
	/* overlongs: C0/C1 never valid, E0 80 and F0 80 not a prefix */
	SAN("\xc0\x80", FFFD FFFD, 2, 0),
	SAN("\xc1\xbf", FFFD FFFD, 2, 0),
	SAN("\xe0\x80\xaf", FFFD FFFD FFFD, 3, 0),
	SAN("\xf0\x80\x80\xaf", FFFD FFFD FFFD FFFD, 4, 0),
	/* surrogates and values past U+10FFFF */
	SAN("x\xed\xa0\x80y", "x" FFFD FFFD FFFD "y", 3, 1),
	SAN("\xed\xbf\xbf", FFFD FFFD FFFD, 3, 0),
	SAN("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4, 0),
	SAN("\xf5\x80", FFFD FFFD, 2, 0),
	/* the largest valid values stay */
	SAN("\xed\x9f\xbf\xf4\x8f\xbf\xbf", "\xed\x9f\xbf\xf4\x8f\xbf\xbf",
	    0, 7),
	/* line ends */
	SAN("a\r\nb\rc\n", "a\nb\nc\n", 0, 7),
	SAN("\r\r\n\r", "\n\n\n", 0, 4),
	SAN("x\r", "x\n", 0, 2),
	/* a NUL byte is kept: it is valid UTF-8 */
	SAN("a\0b", "a\0b", 0, 3),
};

static void test_sanitize(void)
{
	size_t i, outn, nbad, first;
	char *in, *out;
	int rc;

	for (i = 0; i < sizeof san_cases / sizeof *san_cases; i++) {
		const struct san_case *c = &san_cases[i];

		in = exact(c->in, c->n);
		rc = dy_text_sanitize(&arena, in, c->n, &out, &outn, &nbad,
				      &first);
		CHECK_EQ_INT(rc, 0);
		CHECK(out != NULL);
		if (out) {
			CHECK_MSG(outn == c->outn &&
				  memcmp(out, c->out, outn) == 0,
				  "case %zu", i);
			CHECK(out[outn] == '\0');
			CHECK(dy_utf8_check(out, outn) == outn);
			CHECK(memchr(out, '\r', outn) == NULL);
		}
		CHECK_EQ_INT(nbad, c->nbad);
		CHECK_EQ_INT(first, c->first_bad);
		free(in);
	}
}

/* Random bytes: the output is always valid UTF-8 without CR, and valid
 * input comes back unchanged. */
static void test_sanitize_random(void)
{
	unsigned long x = 12345;
	char buf[64], *out, *out2;
	size_t i, j, n, outn, outn2, nbad, first;

	for (i = 0; i < 3000; i++) {
		n = i % sizeof buf;
		for (j = 0; j < n; j++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			buf[j] = (char)(x >> 56);
			if ((x >> 40) % 3 == 0)
				buf[j] = (char)('a' + (x >> 20) % 26);
		}
		if (dy_text_sanitize(&arena, buf, n, &out, &outn, &nbad,
				     &first) != 0) {
			CHECK(0);
			continue;
		}
		CHECK(dy_utf8_check(out, outn) == outn);
		CHECK(memchr(out, '\r', outn) == NULL);
		CHECK((nbad == 0) == (first == n));
		CHECK(nbad == 0 || first < n);
		/* sanitizing again changes nothing */
		CHECK(dy_text_sanitize(&arena, out, outn, &out2, &outn2, &nbad,
				       &first) == 0);
		CHECK(outn2 == outn && memcmp(out, out2, outn) == 0 &&
		      nbad == 0);
		if (i % 500 == 0) {
			dy_arena_release(&arena);
			dy_arena_init(&arena, 0);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Sentences                                                           */
/* ------------------------------------------------------------------ */

/* A report in the style of the CSTO deployment to Kazakhstan in January
 * 2022, written for these tests. */
static const char csto_story[] =
	"Kazakhstan asks CSTO for help as unrest spreads\n"
	"\n"
	"Photo: Valery Sharifulin / TASS / Forum\n"
	"2022.01.06 11:00\n"
	"ALMATY, Jan. 6 (Reuters) - The Collective Security Treaty "
	"Organization (CSTO) said on Thursday it would send peacekeepers to "
	"Kazakhstan at the request of President Kassym-Jomart Tokayev. "
	"Armenian Prime Minister Nikol Pashinyan, who chairs the bloc\xe2\x80"
	"\x99s council, wrote that the troops would stay \xe2\x80\x9c"
	"for a limited period.\xe2\x80\x9d Russian paratroopers began "
	"arriving in Almaty at 11 p.m. The U.S. State Department said it "
	"was watching closely. \"We have questions about the nature of "
	"this request,\" spokesman Ned Price told reporters.\r\n\r\n"
	"Protests erupted on Jan. 2 over fuel prices in the west of the "
	"country; by Jan. 5 they had spread to Almaty, where the mayor's "
	"office was set on fire.\r\n"
	"\xe2\x80\x9cWe will defend our common security in the field,"
	"\xe2\x80\x9d BelTA quotes Alexander Lukashenko as saying. Moscow "
	"did not say how many troops it sent...";

static const char *const csto_sentences[] = {
	"Kazakhstan asks CSTO for help as unrest spreads",
	"Photo: Valery Sharifulin / TASS / Forum",
	"2022.01.06 11:00",
	"ALMATY, Jan. 6 (Reuters) - The Collective Security Treaty "
	"Organization (CSTO) said on Thursday it would send peacekeepers to "
	"Kazakhstan at the request of President Kassym-Jomart Tokayev.",
	"Armenian Prime Minister Nikol Pashinyan, who chairs the bloc\xe2\x80"
	"\x99s council, wrote that the troops would stay \xe2\x80\x9c"
	"for a limited period.\xe2\x80\x9d",
	"Russian paratroopers began arriving in Almaty at 11 p.m.",
	"The U.S. State Department said it was watching closely.",
	"\"We have questions about the nature of this request,\" spokesman "
	"Ned Price told reporters.",
	"Protests erupted on Jan. 2 over fuel prices in the west of the "
	"country; by Jan. 5 they had spread to Almaty, where the mayor's "
	"office was set on fire.",
	"\xe2\x80\x9cWe will defend our common security in the field,"
	"\xe2\x80\x9d BelTA quotes Alexander Lukashenko as saying.",
	"Moscow did not say how many troops it sent...",
};

/* The whole pipeline on the story: sanitize, split, tokenize. */
static void test_story(void)
{
	size_t n = sizeof csto_story - 1, outn, nbad, first, ns = 0, i;
	size_t want = sizeof csto_sentences / sizeof *csto_sentences;
	char *in = exact(csto_story, n), *t;
	struct dy_span *sp = NULL;
	struct dy_tok *tk;
	uint16_t nt;

	CHECK_EQ_INT(dy_text_sanitize(&arena, in, n, &t, &outn, &nbad,
				      &first), 0);
	CHECK_EQ_INT(nbad, 0);
	CHECK_EQ_INT(outn, n - 3); /* three CR LF */
	CHECK_EQ_INT(dy_text_split(&arena, t, outn, &sp, &ns), 0);
	check_spans(t, outn, sp, ns);
	CHECK_EQ_INT(ns, want);
	for (i = 0; i < ns && i < want; i++) {
		CHECK_MSG(sp[i].len == strlen(csto_sentences[i]) &&
			  memcmp(t + sp[i].off, csto_sentences[i],
				 sp[i].len) == 0,
			  "sentence %zu: %.*s", i, (int)sp[i].len,
			  t + sp[i].off);
		CHECK_EQ_INT(dy_text_tokenize(&arena, t, sp[i].off, sp[i].len,
					      &tk, &nt), 0);
		check_toks(t, sp[i].off, sp[i].len, tk, nt);
		CHECK(nt > 0);
		/* the first token follows white space, except at 0 */
		CHECK(nt == 0 || !!(tk[0].flags & DY_TOK_SPACE) ==
				 (sp[i].off > 0));
	}
	/* sentence 5 ends in "p.m.", which keeps its period */
	if (ns > 5) {
		CHECK_EQ_INT(dy_text_tokenize(&arena, t, sp[5].off, sp[5].len,
					      &tk, &nt), 0);
		CHECK(nt >= 2 && tk[nt - 1].len == 4 &&
		      tk[nt - 1].off + 4 == sp[5].off + sp[5].len &&
		      strcmp(tk[nt - 1].form, "P.M.") == 0);
	}
	free(in);
}

static void test_split_abbrev(void)
{
	CHECK_SPLIT("He arrived at 5 p.m. The talks began.",
		    "He arrived at 5 p.m. | The talks began.");
	CHECK_SPLIT("Talks resumed at 10 a.m. on Monday.",
		    "Talks resumed at 10 a.m. on Monday.");
	CHECK_SPLIT("He left at 5 p.m. Moscow time.",
		    "He left at 5 p.m. Moscow time.");
	CHECK_SPLIT("The U.S. Army and the U.N. Security Council agreed.",
		    "The U.S. Army and the U.N. Security Council agreed.");
	CHECK_SPLIT("Sanctions were imposed by the U.S. The ministry "
		    "objected.", "Sanctions were imposed by the U.S. | The "
		    "ministry objected.");
	CHECK_SPLIT("Gen. Smith, Lt. Col. Jones, Sen. Brown, Rep. Green, "
		    "Gov. White, Mr. and Mrs. Black, Dr. Grey and Prof. Plum "
		    "met.", "Gen. Smith, Lt. Col. Jones, Sen. Brown, Rep. "
		    "Green, Gov. White, Mr. and Mrs. Black, Dr. Grey and "
		    "Prof. Plum met.");
	CHECK_SPLIT("Acme Inc. and Beta Corp. signed with Gamma Ltd. and "
		    "Delta Co. Ltd. on Feb. 3.", "Acme Inc. and Beta Corp. "
		    "signed with Gamma Ltd. and Delta Co. Ltd. on Feb. 3.");
	CHECK_SPLIT("It was Russia vs. Ukraine, approx. 40 people came.",
		    "It was Russia vs. Ukraine, approx. 40 people came.");
	CHECK_SPLIT("Kazakhstan vs. Russia ended 2-1.",
		    "Kazakhstan vs. Russia ended 2-1.");
	CHECK_SPLIT("The vote was on Dec. 5 in St. Petersburg.",
		    "The vote was on Dec. 5 in St. Petersburg.");
	CHECK_SPLIT("On Jan. 4, Feb. 7, Mar. 1, Apr. 2, Jun. 3, Jul. 4, "
		    "Aug. 5, Sep. 6, Sept. 7, Oct. 8 and Nov. 9 they met.",
		    "On Jan. 4, Feb. 7, Mar. 1, Apr. 2, Jun. 3, Jul. 4, "
		    "Aug. 5, Sep. 6, Sept. 7, Oct. 8 and Nov. 9 they met.");
	/* "May" is a word, not an abbreviation */
	CHECK_SPLIT("He was born in May. The war began.",
		    "He was born in May. | The war began.");
	/* No. holds only before a number */
	CHECK_SPLIT("He lives at No. 10 Downing St. He works there.",
		    "He lives at No. 10 Downing St. | He works there.");
	CHECK_SPLIT("He said No. Then he left.", "He said No. | Then he "
		    "left.");
	CHECK_SPLIT("He said no. Then he left.", "He said no. | Then he "
		    "left.");
	/* initials */
	CHECK_SPLIT("George W. Bush met J. R. R. Tolkien.",
		    "George W. Bush met J. R. R. Tolkien.");
	CHECK_SPLIT("They chose Plan B. It failed.",
		    "They chose Plan B. | It failed.");
	CHECK_SPLIT("AT&T. Consolidation followed.",
		    "AT&T. | Consolidation followed.");
	/* all capitals */
	CHECK_SPLIT("GEN. SMITH SPOKE.", "GEN. SMITH SPOKE.");
	CHECK_SPLIT("Patients with MS. Final approval came.",
		    "Patients with MS. | Final approval came.");
	/* ordinary full stops */
	CHECK_SPLIT("Troops arrived. Protests ended. Calm returned.",
		    "Troops arrived. | Protests ended. | Calm returned.");
	CHECK_SPLIT("He signed the Act. Parliament then voted.",
		    "He signed the Act. | Parliament then voted.");
	CHECK_SPLIT("Mr. Tokayev spoke. Gen. Smith spoke.",
		    "Mr. Tokayev spoke. | Gen. Smith spoke.");
	CHECK_SPLIT("See tass.ru. Others agreed.",
		    "See tass.ru. | Others agreed.");
	CHECK_SPLIT("He has a Ph.D. She does not.",
		    "He has a Ph.D. | She does not.");
}

static void test_split_punct(void)
{
	/* a closing quote stays with its sentence */
	CHECK_SPLIT("He said: \xe2\x80\x9cWe are ready.\xe2\x80\x9d The "
		    "minister added.", "He said: \xe2\x80\x9cWe are ready."
		    "\xe2\x80\x9d | The minister added.");
	CHECK_SPLIT("He said: \"We are ready.\" The minister added.",
		    "He said: \"We are ready.\" | The minister added.");
	CHECK_SPLIT("\xe2\x80\x9cWhy?\xe2\x80\x9d he asked. \"Who?\" she "
		    "said.", "\xe2\x80\x9cWhy?\xe2\x80\x9d he asked. | "
		    "\"Who?\" she said.");
	CHECK_SPLIT("Yahoo! said it would bid.",
		    "Yahoo! said it would bid.");
	CHECK_SPLIT("Stop! They ran. Why? Nobody knows.",
		    "Stop! | They ran. | Why? | Nobody knows.");
	CHECK_SPLIT("\xe2\x80\x9cWe stand firm,\xe2\x80\x9d BelTA quotes "
		    "him as saying.", "\xe2\x80\x9cWe stand firm,\xe2\x80\x9d "
		    "BelTA quotes him as saying.");
	CHECK_SPLIT("(They left.) Others stayed.",
		    "(They left.) | Others stayed.");
	/* numbers */
	CHECK_SPLIT("Prices rose 3.5 percent to 2,600.50 tenge. Then fell.",
		    "Prices rose 3.5 percent to 2,600.50 tenge. | Then fell.");
	CHECK_SPLIT("Version 2.0 shipped.", "Version 2.0 shipped.");
	/* ellipses */
	CHECK_SPLIT("The talks... resumed later. Wait... The end.",
		    "The talks... resumed later. | Wait... | The end.");
	CHECK_SPLIT("It was over\xe2\x80\xa6 Then more came.",
		    "It was over\xe2\x80\xa6 | Then more came.");
	/* no final punctuation, trimming, emptiness */
	CHECK_SPLIT("Troops arrived in Almaty", "Troops arrived in Almaty");
	CHECK_SPLIT("  Troops arrived.  \n", "Troops arrived.");
	CHECK_SPLIT("\xc2\xa0Troops arrived.\xe2\x80\x83\xe3\x80\x80",
		    "Troops arrived.");
	CHECK_SPLIT("", "");
	CHECK_SPLIT("   \n\t \xc2\xa0 \n\n", "");
	CHECK_SPLIT(".", ".");
	CHECK_SPLIT("\xef\xbb\xbfHello.", "Hello.");
	/* a dateline with an agency tag */
	CHECK_SPLIT("MOSCOW, January 6. /TASS/. The first units arrived.",
		    "MOSCOW, January 6. /TASS/. | The first units arrived.");
}

static void test_split_lines(void)
{
	CHECK_SPLIT("Title line\nBody text.", "Title line | Body text.");
	CHECK_SPLIT("Title line\n\nBody text.", "Title line | Body text.");
	CHECK_SPLIT("Photo: Valery Sharifulin / TASS / Forum\n"
		    "2020.12.03 11:00\nThe summit opened.",
		    "Photo: Valery Sharifulin / TASS / Forum | "
		    "2020.12.03 11:00 | The summit opened.");
	/* a blank line always ends a sentence */
	CHECK_SPLIT("The troops of the\n\ncollective force", "The troops "
		    "of the | collective force");
	CHECK_SPLIT("One\n \t\nmore", "One | more");
	CHECK_SPLIT("One\xe2\x80\xa9two", "One | two");
	/* hard-wrapped text continues */
	CHECK_SPLIT("Kazakh President Kassym-Jomart Tokayev asked the\n"
		    "CSTO for help on\nWednesday, officials\nsaid.",
		    "Kazakh President Kassym-Jomart Tokayev asked the\n"
		    "CSTO for help on\nWednesday, officials\nsaid.");
	CHECK_SPLIT("Armenia, Belarus,\nRussia and Tajikistan sent troops.",
		    "Armenia, Belarus,\nRussia and Tajikistan sent troops.");
	CHECK_SPLIT("in the U.S.\nmilitary", "in the U.S.\nmilitary");
	CHECK_SPLIT("Troops left.\nthen more came.",
		    "Troops left. | then more came.");
	CHECK_SPLIT("Line one\nLine two\n", "Line one | Line two");
	CHECK_SPLIT("x\n\n\n\ny", "x | y");
}

static void test_split_errors(void)
{
	struct dy_arena small;
	struct dy_span dummy, *sp = &dummy;
	size_t ns = 99, i;
	char text[4000];
	int rc;

	/* out of memory: a tiny arena cannot hold 100 spans */
	for (i = 0; i + 10 < sizeof text; i += 10)
		memcpy(text + i, "Go there. ", 10);
	dy_arena_init(&small, 64);
	rc = dy_text_split(&small, text, i, &sp, &ns);
	CHECK_EQ_INT(rc, DY_ENOMEM);
	CHECK(sp == NULL && ns == 0);
	dy_arena_release(&small);

	/* many sentences in a big arena */
	dy_arena_init(&small, 0);
	rc = dy_text_split(&small, text, i, &sp, &ns);
	CHECK_EQ_INT(rc, 0);
	CHECK_EQ_INT(ns, i / 10);
	check_spans(text, i, sp, ns);
	dy_arena_release(&small);
}

/* The per-thread iterator: threads split at the same time. */
static void *split_thread(void *arg)
{
	struct dy_arena a;
	struct dy_span *sp;
	size_t ns, k, *bad = arg;

	dy_arena_init(&a, 0);
	for (k = 0; k < 200; k++) {
		if (dy_text_split(&a, csto_story, sizeof csto_story - 1, &sp,
				  &ns) != 0 || ns != 11)
			(*bad)++;
		if (k % 50 == 0) {
			dy_arena_release(&a);
			dy_arena_init(&a, 0);
		}
	}
	dy_arena_release(&a);
	return NULL;
}

static void test_split_threads(void)
{
	pthread_t th[4];
	size_t bad[4] = { 0, 0, 0, 0 }, i;

	for (i = 0; i < 4; i++)
		CHECK(pthread_create(&th[i], NULL, split_thread, &bad[i]) ==
		      0);
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK_EQ_INT(bad[i], 0);
	}
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

static void test_tok_basic(void)
{
	CHECK_TOKS("He arrived at 5 p.m.", "He arrived at 5 p.m.");
	CHECK_FORMS("He arrived at 5 p.m.", "HE ARRIVED AT 5 P.M.");
	CHECK_EQ_STR(pos_string(), "ooooo");
	CHECK_TOKS("Troops arrived in the U.S.",
		   "Troops arrived in the U.S.");
	CHECK_TOKS("Troops arrived.", "Troops arrived .");
	CHECK_TOKS("They chose Plan B.", "They chose Plan B .");
	CHECK_TOKS("George W. Bush met J. R. R. Tolkien.",
		   "George W. Bush met J. R. R. Tolkien .");
	CHECK_TOKS("Gen. Smith met Lt. Col. Jones on Jan. 5 at No. 10.",
		   "Gen. Smith met Lt. Col. Jones on Jan. 5 at No. 10 .");
	CHECK_TOKS("He said no. No more.", "He said no . No more .");
	CHECK_TOKS("Acme Inc., Beta Corp. and Gamma Ltd.",
		   "Acme Inc. , Beta Corp. and Gamma Ltd.");
	CHECK_TOKS("rice, flour, etc.", "rice , flour , etc.");
	CHECK_TOKS("e.g. this, i.e. that", "e.g. this , i.e. that");
	CHECK_TOKS("The U.S.-led force", "The U.S.-led force");
	CHECK_TOKS("the U.S.'s role", "the U.S. 's role");
	CHECK_TOKS("(the U.S.)", "( the U.S. )");
	CHECK_TOKS("It ended.Then it began.", "It ended . Then it began .");
	CHECK_TOKS("It was dangerous.The troops left.",
		   "It was dangerous . The troops left .");
	CHECK_TOKS("Mr.Benn", "Mr. Benn");
	CHECK_TOKS("Read tass.ru. Or bbc.co.uk.", "Read tass.ru . Or "
		   "bbc.co.uk .");
	CHECK_TOKS("He has a Ph.D. from the U.S.A. and N.Y.",
		   "He has a Ph.D. from the U.S.A. and N.Y.");
}

static void test_tok_clitics(void)
{
	CHECK_TOKS("Kazakhstan's and Tokayev\xe2\x80\x99s",
		   "Kazakhstan 's and Tokayev \xe2\x80\x99s");
	CHECK_FORMS("Kazakhstan's and Tokayev\xe2\x80\x99s",
		    "KAZAKHSTAN 'S AND TOKAYEV 'S");
	CHECK_TOKS("the analysts' views", "the analysts ' views");
	CHECK_EQ_STR(pos_string(), "oooo");
	CHECK_TOKS("don't can't won't isn't Don't CAN'T",
		   "do n't ca n't wo n't is n't Do n't CA N'T");
	CHECK_FORMS("don't can't won't", "DO N'T CA N'T WO N'T");
	CHECK_EQ_STR(flag_string(), "- n s n s n");
	CHECK_TOKS("don\xe2\x80\x99t", "do n\xe2\x80\x99t");
	CHECK_TOKS("We'll they're I've she'd I'm it's",
		   "We 'll they 're I 've she 'd I 'm it 's");
	CHECK_TOKS("WE'LL", "WE 'LL");
	CHECK_TOKS("cannot", "can not");
	CHECK_EQ_STR(flag_string(), "- n");
	CHECK_TOKS("O'Brien, Cote d'Ivoire and o'clock",
		   "O'Brien , Cote d'Ivoire and o'clock");
	CHECK_TOKS("the '90s and \xe2\x80\x99" "80s",
		   "the '90s and \xe2\x80\x99" "80s");
	CHECK_TOKS("'s", "' s");
}

static void test_tok_words(void)
{
	CHECK_TOKS("Kasym-Jomart anti-terrorist well-known COVID-19",
		   "Kasym-Jomart anti-terrorist well-known COVID-19");
	CHECK_TOKS("pre- and post-war", "pre- and post-war");
	CHECK_TOKS("Kasym\xe2\x80\x91Jomart", "Kasym\xe2\x80\x91Jomart");
	CHECK_FORMS("Kasym\xe2\x80\x91Jomart", "KASYM-JOMART");
	CHECK_TOKS("AT&T and Q&A on #Kazakhstan via @tass_agency",
		   "AT&T and Q&A on #Kazakhstan via @tass_agency");
	CHECK_TOKS("see http://tass.com/world/1 or a.b@tass.ru now",
		   "see http://tass.com/world/1 or a.b@tass.ru now");
	CHECK_TOKS("and/or", "and/or");
	CHECK_TOKS("Sharifulin / TASS", "Sharifulin / TASS");
}

static void test_tok_numbers(void)
{
	CHECK_TOKS("3,600 troops, 3.5 percent, $1.13bn (\xc2\xa3" "600m), "
		   "76%, 11:00, 2020.12.03",
		   "3,600 troops , 3.5 percent , $ 1.13bn ( \xc2\xa3 600m ) "
		   ", 76 % , 11:00 , 2020.12.03");
	CHECK_TOKS("-5 degrees, .5 points, 1,000,000 people",
		   "-5 degrees , .5 points , 1,000,000 people");
	CHECK_TOKS("US$5 and 5-2 and 1990-1995", "US $ 5 and 5-2 and "
		   "1990-1995");
	CHECK_TOKS("a 2,600.50 tenge fee", "a 2,600.50 tenge fee");
	CHECK_TOKS("he said 5,", "he said 5 ,");
}

static void test_tok_punct(void)
{
	CHECK_TOKS("\xe2\x80\x9cWe are ready,\xe2\x80\x9d he said.",
		   "\xe2\x80\x9c We are ready , \xe2\x80\x9d he said .");
	CHECK_EQ_STR(pos_string(), "QoooCQooP");
	CHECK_FORMS("\xe2\x80\x9cWe are ready,\xe2\x80\x9d he said.",
		    "\" WE ARE READY , \" HE SAID .");
	CHECK_TOKS("\"Why?\" he asked.", "\" Why ? \" he asked .");
	CHECK_EQ_STR(pos_string(), "QoPQooP");
	CHECK_TOKS("'We are ready,' he said.",
		   "' We are ready , ' he said .");
	CHECK_EQ_STR(pos_string(), "QoooCQooP");
	CHECK_TOKS("\xe2\x80\x98Yes\xe2\x80\x99 or no",
		   "\xe2\x80\x98 Yes \xe2\x80\x99 or no");
	CHECK_EQ_STR(pos_string(), "QoQoo");
	CHECK_TOKS("``Yes'' `no'", "`` Yes '' ` no '");
	CHECK_FORMS("``Yes'' `no'", "\" YES \" ' NO '");
	CHECK_EQ_STR(pos_string(), "QoQQoQ");
	CHECK_TOKS("\xc2\xabNet\xc2\xbb", "\xc2\xab Net \xc2\xbb");
	CHECK_EQ_STR(pos_string(), "QoQ");
	CHECK_TOKS("Almaty -- the city \xe2\x80\x94 burned \xe2\x80\x93 "
		   "again - now",
		   "Almaty -- the city \xe2\x80\x94 burned \xe2\x80\x93 again "
		   "- now");
	CHECK_EQ_STR(pos_string(), "o:oo:o:o:o");
	CHECK_TOKS("city\xe2\x80\x94" "burned", "city \xe2\x80\x94 burned");
	CHECK_TOKS("Kazakhstan\xe2\x80\x93Russia talks",
		   "Kazakhstan\xe2\x80\x93Russia talks");
	CHECK_TOKS("Wait... then\xe2\x80\xa6 ok?! yes!!!",
		   "Wait ... then \xe2\x80\xa6 ok ?! yes !!!");
	CHECK_FORMS("Wait... then\xe2\x80\xa6", "WAIT ... THEN ...");
	CHECK_EQ_STR(pos_string(), "o:o:");
	CHECK_TOKS("(CSTO) [sic] {x}; a: b", "( CSTO ) [ sic ] { x } ; a : b");
	CHECK_EQ_STR(pos_string(), "LoRLoRLoR:o:o");
	CHECK_TOKS("Photo: Valery Sharifulin / TASS / Forum",
		   "Photo : Valery Sharifulin / TASS / Forum");
	CHECK_TOKS("a,b;c", "a , b ; c");
	CHECK_TOKS("\xe5\x8c\x97\xe4\xba\xac\xe3\x80\x82",
		   "\xe5\x8c\x97\xe4\xba\xac \xe3\x80\x82");
	CHECK_EQ_STR(pos_string(), "oP");
	CHECK_TOKS("5\xc2\xb0" "C \xe2\x80\xa2 item", "5 \xc2\xb0 C "
		   "\xe2\x80\xa2 item");
}

static void test_tok_unicode(void)
{
	CHECK_TOKS("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
		   "\xd0\xb7\xd0\xb0\xd1\x8f\xd0\xb2\xd0\xb8\xd0\xbb\xd0\xb0, "
		   "\xd1\x87\xd1\x82\xd0\xbe",
		   "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
		   "\xd0\xb7\xd0\xb0\xd1\x8f\xd0\xb2\xd0\xb8\xd0\xbb\xd0\xb0"
		   " , \xd1\x87\xd1\x82\xd0\xbe");
	CHECK_EQ_STR(flag_string(), "c s - s");
	CHECK_FORMS("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
		    "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90");
	CHECK_TOKS("C\xc3\xb4te d\xe2\x80\x99Ivoire",
		   "C\xc3\xb4te d\xe2\x80\x99Ivoire");
	CHECK_FORMS("C\xc3\xb4te d\xe2\x80\x99Ivoire", "COTE D'IVOIRE");
	/* no-break and thin spaces separate words */
	CHECK_TOKS("10\xc2\xa0" "000 troops\xe2\x80\x89here",
		   "10 000 troops here");
	CHECK_EQ_STR(flag_string(), "- s s s");
	/* a soft hyphen stays inside the word and leaves the form */
	CHECK_TOKS("Toka\xc2\xadyev", "Toka\xc2\xadyev");
	CHECK_FORMS("Toka\xc2\xadyev", "TOKAYEV");
	/* U+FFFD from sanitizing is part of a word */
	CHECK_TOKS("caf\xef\xbf\xbd ok", "caf\xef\xbf\xbd ok");
	/* Arabic comma and question mark */
	CHECK_TOKS("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7\xd8\x8c "
		   "\xd9\x84\xd9\x85\xd8\xa7\xd8\xb0\xd8\xa7\xd8\x9f",
		   "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd8\x8c "
		   "\xd9\x84\xd9\x85\xd8\xa7\xd8\xb0\xd8\xa7 \xd8\x9f");
	CHECK_EQ_STR(pos_string(), "oooP");
}

static void test_tok_flags(void)
{
	CHECK_TOKS("The CSTO and U.S. troops did not go, never, nor no one",
		   "The CSTO and U.S. troops did not go , never , nor no "
		   "one");
	CHECK_EQ_STR(flag_string(), "c cAs s cAs s s ns s - ns - ns ns s");
	CHECK_TOKS("McDonald iPhone I A", "McDonald iPhone I A");
	CHECK_EQ_STR(flag_string(), "c s cAs cAs");
	CHECK_TOKS("NOT Not", "NOT Not");
	CHECK_EQ_STR(flag_string(), "cAn cns");
	CHECK_TOKS("\xc3\x89lys\xc3\xa9" "e \xc3\x89LYS\xc3\x89" "E 42",
		   "\xc3\x89lys\xc3\xa9" "e \xc3\x89LYS\xc3\x89" "E 42");
	CHECK_EQ_STR(flag_string(), "c cAs s");
}

/* Offsets are exact inside a bigger text, and SPACE looks before off. */
static void test_tok_offsets(void)
{
	static const char s[] = "Intro.  Troops (CSTO) arrived;they left.";
	char *t = exact(s, sizeof s - 1);
	struct dy_tok *tk;
	uint16_t nt, i;
	uint32_t off = 8, len = (uint32_t)(sizeof s - 1 - 8);

	CHECK_EQ_INT(dy_text_tokenize(&arena, t, off, len, &tk, &nt), 0);
	check_toks(t, off, len, tk, nt);
	CHECK_EQ_INT(nt, 9);
	for (i = 0; i < nt; i++) /* forms are the upper-cased text here */
		CHECK(tk[i].len == tk[i].flen &&
		      dy_str_ieq(dy_str_make(t + tk[i].off, tk[i].len),
				 dy_str_make(tk[i].form, tk[i].flen)));
	CHECK(nt > 0 && (tk[0].flags & DY_TOK_SPACE) && tk[0].off == 8);
	CHECK(nt > 6 && !(tk[6].flags & DY_TOK_SPACE) && tk[6].off == 30);
	/* the same words at offset 0 have no SPACE on the first */
	CHECK_EQ_INT(dy_text_tokenize(&arena, t, 0, 6, &tk, &nt), 0);
	CHECK(nt == 2 && !(tk[0].flags & DY_TOK_SPACE));
	/* an empty range */
	CHECK_EQ_INT(dy_text_tokenize(&arena, t, 5, 0, &tk, &nt), 0);
	CHECK(nt == 0 && tk == NULL);
	/* blanks only */
	CHECK_EQ_INT(dy_text_tokenize(&arena, t, 6, 2, &tk, &nt), 0);
	CHECK(nt == 0);
	/* off + len past 32 bits */
	CHECK_EQ_INT(dy_text_tokenize(&arena, t, 8, UINT32_MAX, &tk, &nt),
		     DY_EINVAL);
	free(t);
}

static void test_tok_limits(void)
{
	char *t, big[3000];
	struct dy_tok *tk;
	struct dy_arena small;
	uint16_t nt;
	size_t i;

	/* a 600-byte word is cut at DY_MAX_TOKEN_LEN */
	memset(big, 'a', 600);
	t = exact(big, 600);
	CHECK_EQ_INT(dy_text_tokenize(&arena, t, 0, 600, &tk, &nt), 0);
	check_toks(t, 0, 600, tk, nt);
	CHECK(nt == 3 && tk[0].len == DY_MAX_TOKEN_LEN && tk[2].len == 88);
	free(t);
	/* ... and a long Cyrillic word between code points */
	for (i = 0; i < 600; i += 2)
		memcpy(big + i, "\xd1\x8f", 2);
	t = exact(big, 601);
	t[600] = '.';
	CHECK_EQ_INT(dy_text_tokenize(&arena, t, 0, 601, &tk, &nt), 0);
	check_toks(t, 0, 601, tk, nt);
	for (i = 0; i < nt; i++)
		CHECK(tk[i].len % 2 == 0 || tk[i].len == 1);
	free(t);
	/* over DY_MAX_SENTENCE_TOKENS: the first ones and DY_ELIMIT */
	for (i = 0; i < 450; i++)
		memcpy(big + 2 * i, "a ", 2);
	t = exact(big, 900);
	CHECK_EQ_INT(dy_text_tokenize(&arena, t, 0, 900, &tk, &nt),
		     DY_ELIMIT);
	CHECK_EQ_INT(nt, DY_MAX_SENTENCE_TOKENS);
	check_toks(t, 0, 2 * DY_MAX_SENTENCE_TOKENS - 1, tk, nt);
	/* out of memory */
	dy_arena_init(&small, 256);
	CHECK_EQ_INT(dy_text_tokenize(&small, t, 0, 900, &tk, &nt),
		     DY_ENOMEM);
	CHECK(tk == NULL && nt == 0);
	dy_arena_release(&small);
	free(t);
	/* invalid UTF-8 (not sanitized) does no harm */
	t = exact("\xff\xfe x\xe2\x80 \xc3", 8);
	CHECK_EQ_INT(dy_text_tokenize(&arena, t, 0, 8, &tk, &nt), 0);
	check_toks(t, 0, 8, tk, nt);
	CHECK_EQ_INT(nt, 3);
	free(t);
}

/* ------------------------------------------------------------------ */
/* Folding                                                             */
/* ------------------------------------------------------------------ */

static void test_fold(void)
{
	char big[400];
	const char *f;
	size_t i;

	CHECK_FOLD("", "");
	CHECK_FOLD("Tokayev", "TOKAYEV");
	CHECK_FOLD("U.S.-led", "U.S.-LED");
	CHECK_FOLD("C\xc3\xb4te d\xe2\x80\x99Ivoire", "COTE D'IVOIRE");
	CHECK_FOLD("Stra\xc3\x9f" "e", "STRASSE");
	CHECK_FOLD("\xc5\x81ukaszenka \xc5\xbb\xc3\xb3\xc5\x82w",
		   "LUKASZENKA ZOLW");
	CHECK_FOLD("\xc3\x86gir \xc5\x93uvre \xc3\x9eor \xc3\x98resund",
		   "AEGIR OEUVRE THOR ORESUND");
	CHECK_FOLD("\xc4\xb0stanbul \xc4\xb1", "ISTANBUL I");
	CHECK_FOLD("\xc6\x8fliyev", "ALIYEV");
	CHECK_FOLD("\xc8\x98tef\xc4\x83nescu", "STEFANESCU");
	CHECK_FOLD("Nguy\xe1\xbb\x85n", "NGUYEN");
	CHECK_FOLD("O\xca\xbbzbekiston", "O'ZBEKISTON");
	/* decomposed accents after ASCII letters are dropped */
	CHECK_FOLD("Co\xcc\x82te", "COTE");
	/* other scripts are upper-cased */
	CHECK_FOLD("\xd0\xa2\xd0\xbe\xd0\xba\xd0\xb0\xd0\xb5\xd0\xb2",
		   "\xd0\xa2\xd0\x9e\xd0\x9a\xd0\x90\xd0\x95\xd0\x92");
	CHECK_FOLD("\xcf\x83\xce\xb1", "\xce\xa3\xce\x91");
	CHECK_FOLD("\xe5\x8c\x97\xe4\xba\xac", "\xe5\x8c\x97\xe4\xba\xac");
	/* typography */
	CHECK_FOLD("\xe2\x80\x98x\xe2\x80\x99 \xe2\x80\x9ay\xe2\x80\xb2",
		   "'X' 'Y'");
	CHECK_FOLD("\xe2\x80\x9cx\xe2\x80\x9d \xe2\x80\x9ey\xe2\x80\xb3",
		   "\"X\" \"Y\"");
	CHECK_FOLD("a\xe2\x80\x93" "b\xe2\x80\x94" "c\xe2\x80\x95" "d"
		   "\xe2\x88\x92" "1", "A-B-C-D-1");
	CHECK_FOLD("a\xc2\xa0" "b\xe2\x80\x89" "c\xe2\x80\xaf" "d",
		   "A B C D");
	CHECK_FOLD("so\xe2\x80\xa6", "SO...");
	CHECK_FOLD("Toka\xc2\xadyev\xe2\x80\x8b", "TOKAYEV");
	/* bytes that are not UTF-8 become U+FFFD, NUL a space */
	CHECK_EQ_STR(fold("a\xff" "b", 3), "A\xef\xbf\xbd" "B");
	CHECK_EQ_STR(fold("a\0b", 3), "A B");
	/* the symbol sign and multiplication sign are left alone */
	CHECK_FOLD("2\xc3\x97" "3", "2\xc3\x97" "3");
	/* long inputs take the heap path */
	for (i = 0; i < sizeof big; i += 2)
		memcpy(big + i, "\xc3\xa9", 2);
	f = fold(big, sizeof big);
	CHECK(strlen(f) == sizeof big / 2 && strspn(f, "E") == strlen(f));
	for (i = 0; i < sizeof big; i += 2)
		memcpy(big + i, "\xc9\x90", 2); /* U+0250 grows to 3 bytes */
	f = fold(big, sizeof big);
	CHECK(strlen(f) == sizeof big / 2 * 3);
	f = fold(big, 100);
	CHECK(strlen(f) == 150);
}

int main(void)
{
	dy_arena_init(&arena, 0);
	test_sanitize();
	test_sanitize_random();
	test_story();
	test_split_abbrev();
	test_split_punct();
	test_split_lines();
	test_split_errors();
	test_split_threads();
	test_tok_basic();
	test_tok_clitics();
	test_tok_words();
	test_tok_numbers();
	test_tok_punct();
	test_tok_unicode();
	test_tok_flags();
	test_tok_offsets();
	test_tok_limits();
	test_fold();
	dy_arena_release(&arena);
	return test_report("test_text");
}
