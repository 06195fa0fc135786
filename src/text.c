/*
 * text.c: a story's bytes to sentences and Treebank-style tokens.
 *
 * Accepts any bytes.  dy_text_sanitize() makes them valid UTF-8 with LF
 * line ends; the other functions expect that (they do not crash on
 * invalid UTF-8, which they read as U+FFFD one byte at a time).
 *
 * Sentences.  ICU's sentence iterator (UAX #29 rules, UTF-8 offsets via
 * utext_openUTF8) proposes the boundaries, and we correct them:
 *
 *   "Gen. Smith", "the U.S. Army", "5 p.m. Moscow time", "George W.
 *   Bush", "J. R. R. Tolkien", "Jan. 5"   one sentence: after a title,
 *                            month, company or Latin abbreviation, an
 *                            initial or a dotted abbreviation (U.S.,
 *                            a.m.) the break is removed ...
 *   "at 5 p.m. The talks began."  ... unless the next word clearly
 *                            starts a sentence (The, He, But, In, ...);
 *                            this also adds breaks ICU would not make
 *   "No. 10 Downing St."     No., Art., Fig., Vol. only hold before a
 *                            number
 *   "MOSCOW, January 6. /TASS/. The"  an agency tag stays with its
 *                            dateline
 *   "“Why?” he asked."       ? or ! (and closing quotes) followed by a
 *                            lower-case word: one sentence
 *   "ready.” The minister"   a closing quote after . ? ! stays with its
 *                            sentence (ICU's rule)
 *   "Title\n\nBody"          a blank line always ends a sentence
 *   "Photo: V. S. / TASS\nThe ..."   every line break ends a sentence
 *                            (headlines, captions, "2020.12.03 11:00"),
 *                            except that a line that does not end a
 *                            sentence (no . ! ?, or an abbreviation)
 *                            and is followed by a line starting with a
 *                            lower-case letter, or that ends with a
 *                            comma or a word like "the" or "of",
 *                            continues (hard-wrapped text)
 *
 * Spans are trimmed of white space (Unicode spaces, controls, BOM) and
 * blank pieces are dropped, so every sentence has at least one token.
 *
 * ICU's own abbreviation filter ("en_US@ss=standard") is not used: in
 * ICU 72 it suppresses breaks after words like "Act." and "Up." ("He
 * signed the Act. Parliament then voted." stays one sentence) and, over
 * UText, it misses some of its own entries ("Then Dr. Jones." splits),
 * while the list below handles both directions.
 *
 * Tokens follow the Penn Treebank: punctuation is split off; "U.S.",
 * "a.m.", "Gen.", "W." and listed abbreviations keep their period, also
 * at the end of a sentence, where the Treebank adds a "." token of its
 * own (we add none: it would be empty, a trap for every span consumer,
 * and a name like "U.S." tokenized alone would grow a second token);
 * an initial at the end gives its period back ("vitamin C", ".");
 * numbers keep internal , . : ("3,600", "3.5", "11:00", "2020.12.03");
 * currency signs and % are split ("$" "1.13bn", "76" "%"); hyphenated
 * words stay whole ("Kasym-Jomart", "U.S.-led"); clitics are split
 * ("do" "n't", "ca" "n't", "wo" "n't", "Tokayev" "’s", "we" "'ll",
 * "analysts" "'", "can" "not"); "--", em dashes and "..." are one token
 * each.  Words over DY_MAX_TOKEN_LEN bytes are cut into pieces.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utext.h>

#include "text.h"
#include "base/str.h"

/* ------------------------------------------------------------------ */
/* Characters                                                          */
/* ------------------------------------------------------------------ */

/* ORDER CCLASS: the digits of ascii_cls[] are these values */
enum cclass {
	C_ALNUM,   /* letters, digits, marks, format characters, U+FFFD */
	C_SPACE,   /* white space, controls, zero-width space, BOM */
	C_SYM,     /* symbols that stay inside a word: # & * + / < = > @ */
	C_SPLIT,   /* punctuation and symbols that are always a token */
	C_SPECIAL, /* . , : ' ` - and the like: depends on the neighbours */
};

/* Classes of 0x20..0x7f, 16 a line, as enum cclass digits. */
static const char ascii_cls[] =
	"1332332433224442"  /*  !"#$%&'()*+,-./ */
	"0000000000432223"  /* 0123456789:;<=>? */
	"2000000000000000"  /* @ABCDEFGHIJKLMNO */
	"0000000000032322"  /* PQRSTUVWXYZ[\]^_ */
	"4000000000000000"  /* `abcdefghijklmno */
	"0000000000032321"; /* pqrstuvwxyz{|}~  */

static inline int ascii_class(uint32_t c)
{
	return c < 0x20 ? C_SPACE : ascii_cls[c - 0x20] - '0';
}

static int uni_class(uint32_t c)
{
	switch (c) {
	case 0x0085: case 0x00a0: case 0x1680: case 0x200b: case 0x2028:
	case 0x2029: case 0x202f: case 0x205f: case 0x3000: case 0xfeff:
		return C_SPACE;
	case 0xfffd:
		return C_ALNUM;
	case 0x2010: case 0x2011: case 0x2013: case 0x2014: case 0x2015:
	case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2026:
	case 0x2212:
		return C_SPECIAL;
	}
	if (c >= 0x2000 && c <= 0x200a)
		return C_SPACE;
	switch (u_charType((UChar32)c)) {
	case U_SPACE_SEPARATOR: case U_LINE_SEPARATOR:
	case U_PARAGRAPH_SEPARATOR: case U_CONTROL_CHAR:
		return C_SPACE;
	case U_DASH_PUNCTUATION: case U_START_PUNCTUATION:
	case U_END_PUNCTUATION: case U_INITIAL_PUNCTUATION:
	case U_FINAL_PUNCTUATION: case U_OTHER_PUNCTUATION:
	case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_OTHER_SYMBOL:
		return C_SPLIT;
	case U_CONNECTOR_PUNCTUATION: case U_MODIFIER_SYMBOL:
		return C_SYM;
	default:
		return C_ALNUM;
	}
}

static inline int cls(uint32_t c)
{
	return c < 0x80 ? ascii_class(c) : uni_class(c);
}

/* Decode at t[i] (i < end); invalid bytes read as U+FFFD, one by one. */
static inline uint32_t dec(const char *t, uint32_t i, uint32_t end,
			   uint32_t *l)
{
	unsigned char b = (unsigned char)t[i];
	uint32_t cp;
	size_t k;

	if (b < 0x80) {
		*l = 1;
		return b;
	}
	k = dy_utf8_decode(t + i, end - i, &cp);
	if (!k) {
		*l = 1;
		return 0xfffd;
	}
	*l = (uint32_t)k;
	return cp;
}

/* Code point ending at t[i] (lo < i); *start gets its first byte. */
static uint32_t dec_back(const char *t, uint32_t lo, uint32_t i,
			 uint32_t *start)
{
	uint32_t s = i - 1, l, c;

	while (s > lo && i - s < 4 && ((unsigned char)t[s] & 0xc0) == 0x80)
		s--;
	c = dec(t, s, i, &l);
	if (s + l != i) { /* not one sequence: take the last byte alone */
		s = i - 1;
		c = dec(t, s, i, &l);
	}
	*start = s;
	return c;
}

static inline int is_alnum_cp(uint32_t c)
{
	return cls(c) == C_ALNUM;
}

static inline int is_letter_cp(uint32_t c)
{
	return c < 0x80 ? dy_isalpha((int)c) :
			  (cls(c) == C_ALNUM && !u_isdigit((UChar32)c));
}

static inline int is_upper_cp(uint32_t c)
{
	return c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper((UChar32)c);
}

static inline int is_lower_cp(uint32_t c)
{
	return c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower((UChar32)c);
}

/* Skip white space forward from i; returns the first other offset. */
static uint32_t skip_space(const char *t, uint32_t i, uint32_t end)
{
	uint32_t l;

	while (i < end) {
		if ((unsigned char)t[i] < 0x80) {
			if (ascii_class((unsigned char)t[i]) != C_SPACE)
				break;
			i++;
			continue;
		}
		if (uni_class(dec(t, i, end, &l)) != C_SPACE)
			break;
		i += l;
	}
	return i;
}

/* Trim white space backward from e down to s; returns the new end. */
static uint32_t trim_back(const char *t, uint32_t s, uint32_t e)
{
	uint32_t st;

	while (e > s) {
		if ((unsigned char)t[e - 1] < 0x80) {
			if (ascii_class((unsigned char)t[e - 1]) != C_SPACE)
				break;
			e--;
			continue;
		}
		if (cls(dec_back(t, s, e, &st)) != C_SPACE)
			break;
		e = st;
	}
	return e;
}

/* ------------------------------------------------------------------ */
/* Sanitizing                                                          */
/* ------------------------------------------------------------------ */

/* Length of the maximal subpart of the ill-formed sequence at p: the
 * longest prefix of a well-formed sequence, or 1 (Unicode ch. 3, U+FFFD
 * substitution of maximal subparts). */
static size_t bad_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0], lo = 0x80, hi = 0xbf;
	size_t need, i;

	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		return 1;
	}
	for (i = 1; i <= need && i < n; i++) {
		if (p[i] < lo || p[i] > hi)
			break;
		lo = 0x80;
		hi = 0xbf;
	}
	return i <= need ? i : need;
}

/* One pass of sanitizing: writes to out unless it is NULL; returns the
 * output length. */
static size_t sanitize_pass(const char *s, size_t n, char *out,
			    size_t *nbad, size_t *first_bad)
{
	static const char fffd[3] = { '\xef', '\xbf', '\xbd' };
	size_t i = 0, o = 0, k;
	uint32_t cp;

	*nbad = 0;
	*first_bad = n;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			if (c == '\r') {
				c = '\n';
				if (i + 1 < n && s[i + 1] == '\n')
					i++;
			}
			if (out)
				out[o] = (char)c;
			o++;
			i++;
			continue;
		}
		k = dy_utf8_decode(s + i, n - i, &cp);
		if (k) {
			if (out)
				memcpy(out + o, s + i, k);
			o += k;
			i += k;
			continue;
		}
		if (*nbad == 0)
			*first_bad = i;
		(*nbad)++;
		if (out)
			memcpy(out + o, fffd, 3);
		o += 3;
		i += bad_len((const unsigned char *)s + i, n - i);
	}
	return o;
}

int dy_text_sanitize(struct dy_arena *a, const char *s, size_t n,
		     char **out, size_t *outn, size_t *nbad,
		     size_t *first_bad)
{
	size_t len, nb, fb;
	char *p;

	*out = NULL;
	*outn = 0;
	*nbad = 0;
	*first_bad = n;
	if (n > (SIZE_MAX - 1) / 3)
		return DY_ELIMIT;
	len = sanitize_pass(s, n, NULL, &nb, &fb);
	p = dy_arena_alloc(a, len + 1);
	if (!p)
		return DY_ENOMEM;
	sanitize_pass(s, n, p, nbad, first_bad);
	p[len] = '\0';
	*out = p;
	*outn = len;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Folding                                                             */
/* ------------------------------------------------------------------ */

/*
 * ASCII base letters of U+00C0..U+017F, 16 a line.  '.' means no
 * folding (× ÷); a digit stands for two letters: 1 AE, 2 TH, 3 SS,
 * 4 IJ, 5 OE, 6 'N.
 */
static const char latin_fold[] =
	"AAAAAA1CEEEEIIII" /* 00C0 À..Ï */
	"DNOOOOO.OUUUUY23" /* 00D0 Ð..ß */
	"AAAAAA1CEEEEIIII" /* 00E0 à..ï */
	"DNOOOOO.OUUUUY2Y" /* 00F0 ð..ÿ */
	"AAAAAACCCCCCCCDD" /* 0100 Ā..ď */
	"DDEEEEEEEEEEGGGG" /* 0110 Đ..ğ */
	"GGGGHHHHIIIIIIII" /* 0120 Ġ..į */
	"II44JJKKKLLLLLLL" /* 0130 İ..Ŀ */
	"LLLNNNNNN6NNOOOO" /* 0140 ŀ..ŏ */
	"OO55RRRRRRSSSSSS" /* 0150 Ő..ş */
	"SSTTTTTTUUUUUUUU" /* 0160 Š..ů */
	"UUUUWWYYYZZZZZZS";/* 0170 Ű..ſ */

static const char *const latin_pairs[] = {
	"AE", "TH", "SS", "IJ", "OE", "'N"
};

/* A Latin letter outside the table whose canonical decomposition starts
 * with an ASCII letter (Vietnamese ạ, ơ; Pinyin ǎ): that letter, or 0. */
static uint32_t latin_base(uint32_t c)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	UChar d[8];
	int32_t k;

	if (U_FAILURE(st))
		return 0;
	k = unorm2_getDecomposition(nfd, (UChar32)c, d, 8, &st);
	if (U_FAILURE(st) || k < 1 || d[0] >= 0x80 || !dy_isalpha(d[0]))
		return 0;
	return (uint32_t)dy_toupper(d[0]);
}

/* Fold one code point into o (room for 4 bytes); returns the length.
 * after_ascii: the previous output byte is an ASCII letter, so a
 * combining accent (decomposed text) is dropped. */
static size_t fold_cp(uint32_t c, char *o, int after_ascii)
{
	uint32_t b;

	if (c < 0x80) {
		o[0] = c ? (char)dy_toupper((int)c) : ' ';
		return 1;
	}
	if (c >= 0xc0 && c <= 0x17f) {
		char f = latin_fold[c - 0xc0];

		if (f >= '1' && f <= '6') {
			memcpy(o, latin_pairs[f - '1'], 2);
			return 2;
		}
		if (f != '.') {
			o[0] = f;
			return 1;
		}
	}
	switch (c) {
	case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032:
	case 0x02b9: case 0x02bb: case 0x02bc:
		o[0] = '\'';
		return 1;
	case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033:
	case 0x00ab: case 0x00bb:
		o[0] = '"';
		return 1;
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0xfe63: case 0xff0d:
		o[0] = '-';
		return 1;
	case 0x00a0: case 0x202f: case 0x205f: case 0x3000:
		o[0] = ' ';
		return 1;
	case 0x00ad: case 0x200b: case 0x200c: case 0x200d: case 0x2060:
	case 0xfeff:
		return 0;
	case 0x2026:
		memcpy(o, "...", 3);
		return 3;
	case 0x018f: case 0x0259: /* schwa: Azerbaijani Əliyev, Aliyev */
		o[0] = 'A';
		return 1;
	}
	if (c >= 0x2000 && c <= 0x200a) {
		o[0] = ' ';
		return 1;
	}
	if (c >= 0x0300 && c <= 0x036f && after_ascii)
		return 0;
	if ((c >= 0x0180 && c <= 0x024f) || (c >= 0x1e00 && c <= 0x1eff)) {
		b = latin_base(c);
		if (b) {
			o[0] = (char)b;
			return 1;
		}
	}
	return dy_utf8_encode((uint32_t)u_toupper((UChar32)c), o);
}

/* The non-ASCII path of dy_text_fold; o has room for 3 bytes a byte. */
static size_t fold_slow(const char *s, size_t n, char *o)
{
	size_t i = 0, k = 0;
	uint32_t c, l;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			o[k++] = s[i] ? (char)dy_toupper(s[i]) : ' ';
			i++;
			continue;
		}
		/* n may exceed uint32_t only for absurd inputs: cap the
		 * window, a sequence is at most 4 bytes */
		c = dec(s + i, 0, n - i < 4 ? (uint32_t)(n - i) : 4, &l);
		k += fold_cp(c, o + k, k > 0 && dy_isalpha(o[k - 1]));
		i += l;
	}
	return k;
}

char *dy_text_fold(struct dy_arena *a, const char *s, size_t n,
		   size_t *outlen)
{
	char tmp[3 * 128 + 1], *p;
	size_t i, k;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || (unsigned char)s[i] >= 0x80)
			break;
	if (i == n) { /* ASCII without NUL: the common case */
		p = dy_arena_alloc(a, n + 1);
		if (!p)
			return NULL;
		for (i = 0; i < n; i++)
			p[i] = (char)dy_toupper(s[i]);
		p[n] = '\0';
		if (outlen)
			*outlen = n;
		return p;
	}
	if (n > (SIZE_MAX - 1) / 3) {
		a->oom = 1;
		return NULL;
	}
	if (n <= 128) {
		k = fold_slow(s, n, tmp);
		p = dy_arena_strndup(a, tmp, k);
	} else {
		p = dy_arena_alloc(a, 3 * n + 1);
		k = p ? fold_slow(s, n, p) : 0;
		if (p)
			p[k] = '\0';
	}
	if (p && outlen)
		*outlen = k;
	return p;
}

/* ------------------------------------------------------------------ */
/* Abbreviations                                                       */
/* ------------------------------------------------------------------ */

enum abbr_kind {
	ABBR_NONE,
	ABBR_NAME, /* joins the next word unless a sentence clearly starts:
		      titles, months, companies, initials, U.S., a.m. */
	ABBR_NUM,  /* keeps its period before a number only: No. 10 */
	ABBR_TOK,  /* one token, but ICU decides the sentence end: etc. */
};

struct abbr {
	const char *w;      /* without the period */
	unsigned char n;    /* strlen(w) */
	unsigned char kind; /* enum abbr_kind */
};

#define AB(s, k) { s, sizeof(s) - 1, k }

/* Written with their usual case; an all-capitals spelling of three
 * letters or more ("GEN.") also matches.  Not "May": it is a word. */
static const struct abbr abbrs[] = {
	AB("Mr", ABBR_NAME), AB("Mrs", ABBR_NAME), AB("Ms", ABBR_NAME),
	AB("Messrs", ABBR_NAME), AB("Dr", ABBR_NAME), AB("Prof", ABBR_NAME),
	AB("Gen", ABBR_NAME), AB("Gens", ABBR_NAME), AB("Lt", ABBR_NAME),
	AB("Col", ABBR_NAME), AB("Maj", ABBR_NAME), AB("Capt", ABBR_NAME),
	AB("Cmdr", ABBR_NAME), AB("Adm", ABBR_NAME), AB("Sgt", ABBR_NAME),
	AB("Cpl", ABBR_NAME), AB("Pvt", ABBR_NAME), AB("Brig", ABBR_NAME),
	AB("Sen", ABBR_NAME), AB("Sens", ABBR_NAME), AB("Rep", ABBR_NAME),
	AB("Reps", ABBR_NAME), AB("Gov", ABBR_NAME), AB("Govs", ABBR_NAME),
	AB("Pres", ABBR_NAME), AB("Rev", ABBR_NAME), AB("Hon", ABBR_NAME),
	AB("Fr", ABBR_NAME), AB("Sr", ABBR_NAME), AB("Jr", ABBR_NAME),
	AB("St", ABBR_NAME), AB("Mt", ABBR_NAME), AB("Ft", ABBR_NAME),
	AB("Amb", ABBR_NAME), AB("Atty", ABBR_NAME), AB("Supt", ABBR_NAME),
	AB("Insp", ABBR_NAME), AB("Det", ABBR_NAME),
	AB("Jan", ABBR_NAME), AB("Feb", ABBR_NAME), AB("Mar", ABBR_NAME),
	AB("Apr", ABBR_NAME), AB("Jun", ABBR_NAME), AB("Jul", ABBR_NAME),
	AB("Aug", ABBR_NAME), AB("Sep", ABBR_NAME), AB("Sept", ABBR_NAME),
	AB("Oct", ABBR_NAME), AB("Nov", ABBR_NAME), AB("Dec", ABBR_NAME),
	AB("Inc", ABBR_NAME), AB("Corp", ABBR_NAME), AB("Ltd", ABBR_NAME),
	AB("Co", ABBR_NAME), AB("Bros", ABBR_NAME),
	AB("vs", ABBR_NAME), AB("approx", ABBR_NAME),
	AB("No", ABBR_NUM), AB("Nos", ABBR_NUM), AB("Art", ABBR_NUM),
	AB("Fig", ABBR_NUM), AB("Vol", ABBR_NUM), AB("Para", ABBR_NUM),
	AB("etc", ABBR_TOK), AB("al", ABBR_TOK), AB("Esq", ABBR_TOK),
	AB("est", ABBR_TOK), AB("incl", ABBR_TOK), AB("cf", ABBR_TOK),
	AB("Dept", ABBR_TOK), AB("Govt", ABBR_TOK), AB("Ave", ABBR_TOK),
	AB("Blvd", ABBR_TOK), AB("Rd", ABBR_TOK), AB("Calif", ABBR_TOK),
	AB("Fla", ABBR_TOK), AB("Ariz", ABBR_TOK), AB("Colo", ABBR_TOK),
	AB("Conn", ABBR_TOK), AB("Mich", ABBR_TOK), AB("Minn", ABBR_TOK),
	AB("Tenn", ABBR_TOK), AB("Tex", ABBR_TOK), AB("Okla", ABBR_TOK),
	AB("Wis", ABBR_TOK), AB("Ky", ABBR_TOK), AB("Md", ABBR_TOK),
	AB("Va", ABBR_TOK), AB("Pa", ABBR_TOK), AB("Nev", ABBR_TOK),
	AB("Neb", ABBR_TOK), AB("Kan", ABBR_TOK), AB("Ala", ABBR_TOK),
	AB("Ark", ABBR_TOK), AB("Wyo", ABBR_TOK), AB("Mont", ABBR_TOK),
};

/* Words that clearly start a sentence when capitalized after an
 * abbreviation: "at 5 p.m. The talks" splits, "the U.S. Army" does
 * not. */
static const char *const starters[] = {
	"A", "According", "After", "Also", "Although", "Among", "An", "And",
	"Another", "As", "At", "Before", "Both", "But", "Despite", "During",
	"Each", "Earlier", "Even", "Every", "Following", "For",
	"Furthermore", "He", "Her", "His", "How", "However", "I", "If",
	"In", "Instead", "It", "Its", "Last", "Later", "Many", "Meanwhile",
	"Moreover", "Most", "My", "Nevertheless", "Now", "On", "Only",
	"Other", "Our", "Several", "She", "Since", "So", "Some", "Still",
	"Such", "That", "The", "Their", "Then", "There", "These", "They",
	"This", "Those", "Thus", "Today", "Under", "Until", "We", "What",
	"When", "Where", "While", "Why", "With", "Yesterday", "Yet", "You",
};

static int word_eq(const char *w, size_t n, const char *s, size_t sn,
		   int allcaps)
{
	size_t i;

	if (n != sn)
		return 0;
	if (memcmp(w, s, n) == 0)
		return 1;
	if (!allcaps || n < 3) /* "MS." is not "Ms." */
		return 0;
	for (i = 0; i < n; i++)
		if (w[i] != dy_toupper(s[i]))
			return 0;
	return 1;
}

/*
 * The kind of abbreviation w[0..n) is when a period follows it:
 *   abbr    -> listed word
 *   initial -> one upper-case ASCII letter               W. J.
 *   dotted  -> group ("." group)+, groups of 1-2 letters  U.S a.m Ph.D
 * `final` is set when it ends the sentence: initials then give the
 * period back ("vitamin C.").
 */
static int abbrev_kind(const char *w, size_t n, int final)
{
	size_t i, g = 0, maxg = 0, groups = 1;
	int caps = 1;

	if (n == 0 || n > 8)
		return ABBR_NONE;
	if (n == 1)
		return w[0] >= 'A' && w[0] <= 'Z' && !final ? ABBR_NAME :
							      ABBR_NONE;
	for (i = 0; i < n; i++) {
		if (w[i] == '.') {
			if (g == 0)
				return ABBR_NONE;
			g = 0;
			groups++;
		} else if (dy_isalpha(w[i])) {
			if (++g > maxg)
				maxg = g;
			if (w[i] >= 'a' && w[i] <= 'z')
				caps = 0;
		} else {
			return ABBR_NONE;
		}
	}
	if (groups > 1) /* not tass.ru */
		return g > 0 && maxg <= 2 ? ABBR_NAME : ABBR_NONE;
	for (i = 0; i < sizeof abbrs / sizeof *abbrs; i++)
		if (word_eq(w, n, abbrs[i].w, abbrs[i].n, caps))
			return abbrs[i].kind;
	return ABBR_NONE;
}

/* Does t[i..end) start with a word that clearly starts a sentence?
 * Opening quotes and brackets before it are skipped. */
static int starts_sentence(const char *t, uint32_t i, uint32_t end)
{
	uint32_t j, l;
	size_t k;

	while (i < end && (t[i] == '"' || t[i] == '\'' || t[i] == '(' ||
			   t[i] == '['))
		i++;
	if (i + 3 <= end && memcmp(t + i, "\xe2\x80\x9c", 3) == 0)
		i += 3;
	if (i >= end || t[i] < 'A' || t[i] > 'Z')
		return 0;
	for (j = i + 1; j < end && dy_isalpha(t[j]); j++)
		;
	if (j < end) {
		uint32_t c = dec(t, j, end, &l);

		if (c == '.' || is_alnum_cp(c) || c == '-')
			return 0;
	}
	for (k = 0; k < sizeof starters / sizeof *starters; k++)
		if (strlen(starters[k]) == j - i &&
		    memcmp(starters[k], t + i, j - i) == 0)
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Sentences                                                           */
/* ------------------------------------------------------------------ */

/* "en_US@ss=standard" would add ICU's abbreviation filter: see the top
 * of the file for why it is not used. */
#ifndef SENT_LOCALE
#define SENT_LOCALE "en_US"
#endif

/*
 * One sentence iterator per thread, opened on first use: ubrk_open()
 * loads and builds rule data, far too slow per story.  A thread-exit
 * destructor closes it; the main thread's iterator is never freed (it
 * stays reachable, so leak checkers do not report it).
 */
static _Thread_local UBreakIterator *tl_sent;
static pthread_once_t sent_once = PTHREAD_ONCE_INIT;
static pthread_key_t sent_key;
static int sent_key_ok;

static void sent_destroy(void *p)
{
	ubrk_close(p);
}

static void sent_key_init(void)
{
	sent_key_ok = pthread_key_create(&sent_key, sent_destroy) == 0;
}

static int icu_err(UErrorCode st)
{
	return st == U_MEMORY_ALLOCATION_ERROR ? DY_ENOMEM : DY_EPARSE;
}

static int sent_iter(UBreakIterator **out)
{
	UErrorCode st = U_ZERO_ERROR;

	if (!tl_sent) {
		tl_sent = ubrk_open(UBRK_SENTENCE, SENT_LOCALE, NULL, 0, &st);
		if (U_FAILURE(st)) {
			if (tl_sent)
				ubrk_close(tl_sent);
			tl_sent = NULL;
			return icu_err(st);
		}
		pthread_once(&sent_once, sent_key_init);
		if (sent_key_ok)
			pthread_setspecific(sent_key, tl_sent);
	}
	*out = tl_sent;
	return 0;
}

struct splitter {
	struct dy_arena *a;   /* the story's arena */
	const char *t;        /* the text */
	uint32_t n;           /* its length */
	uint32_t cur;         /* start of the sentence being built */
	struct dy_span *out;  /* sentences so far */
	size_t nout;          /* their count */
	size_t cap;           /* room in out */
	int rc;               /* first error */
};

/* Append t[s..e) trimmed, if anything is left. */
static void emit(struct splitter *sp, uint32_t s, uint32_t e)
{
	struct dy_span *p;

	s = skip_space(sp->t, s, e);
	e = trim_back(sp->t, s, e);
	if (s >= e || sp->rc)
		return;
	if (sp->nout == sp->cap) {
		size_t ncap = sp->cap ? sp->cap * 2 : 16;

		p = dy_arena_grow(sp->a, sp->out, sp->nout, ncap, sizeof *p);
		if (!p) {
			sp->rc = DY_ENOMEM;
			return;
		}
		sp->out = p;
		sp->cap = ncap;
	}
	sp->out[sp->nout].off = s;
	sp->out[sp->nout].len = e - s;
	sp->nout++;
}

/* Line breaks in the white space t[s..e); a paragraph separator counts
 * two. */
static int count_breaks(const char *t, uint32_t s, uint32_t e)
{
	int nl = 0;

	for (; s < e; s++) {
		if (t[s] == '\n' || (t[s] == '\r' && !(s + 1 < e &&
						       t[s + 1] == '\n')))
			nl++;
		else if (s + 2 < e && memcmp(t + s, "\xe2\x80\xa9", 3) == 0)
			nl += 2;
		else if ((s + 2 < e && memcmp(t + s, "\xe2\x80\xa8", 3) == 0)
			 || (s + 1 < e && memcmp(t + s, "\xc2\x85", 2) == 0))
			nl++;
	}
	return nl;
}

static int is_closer(uint32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' ||
	       c == 0x201d || c == 0x2019 || c == 0x00bb || c == 0x203a;
}

/* Can a word start after c?  White space or an opening bracket or
 * quote. */
static int opens_word(uint32_t c)
{
	return cls(c) == C_SPACE || c == '(' || c == '[' || c == '"' ||
	       c == '\'' || c == 0x201c || c == 0x2018 || c == 0x00ab;
}

enum term {
	TERM_NONE,  /* no . ! ? at the end */
	TERM_STOP,  /* a real full stop */
	TERM_EXCL,  /* ! or ? */
	TERM_ABBR,  /* the period of an abbreviation (ABBR_NAME) */
	TERM_NUM,   /* the period of an ABBR_NUM abbreviation */
};

/* How the content t[s..e) ends (e is past its last non-space byte). */
static int ending(const char *t, uint32_t s, uint32_t e)
{
	uint32_t st, c, w, ws;
	int k;

	while (e > s) {
		c = dec_back(t, s, e, &st);
		if (!is_closer(c))
			break;
		e = st;
	}
	if (e <= s)
		return TERM_NONE;
	c = dec_back(t, s, e, &st);
	if (c == '!' || c == '?')
		return TERM_EXCL;
	if (c != '.')
		return TERM_NONE;
	if (st > s && t[st - 1] == '.')
		return TERM_STOP; /* ellipsis */
	for (w = st; w > s && (dy_isalpha(t[w - 1]) || t[w - 1] == '.'); w--)
		;
	if (w > s && !opens_word(dec_back(t, s, w, &ws)))
		return TERM_STOP; /* AT&T. */
	k = abbrev_kind(t + w, st - w, 0);
	return k == ABBR_NAME ? TERM_ABBR : k == ABBR_NUM ? TERM_NUM :
							    TERM_STOP;
}

/* Does the line t[s..e) end with a word that cannot end a title or a
 * caption ("... asked the\nCSTO for help")? */
static int ends_open(const char *t, uint32_t s, uint32_t e)
{
	static const char *const words[] = {
		"a", "an", "and", "as", "at", "by", "for", "from", "in",
		"into", "of", "on", "or", "than", "that", "the", "to", "with",
	};
	uint32_t w = e;
	size_t k;

	while (w > s && t[w - 1] >= 'a' && t[w - 1] <= 'z')
		w--;
	if (w == e || e - w > 4 || (w > s && !dy_isspace(t[w - 1])))
		return 0;
	for (k = 0; k < sizeof words / sizeof *words; k++)
		if (strlen(words[k]) == e - w &&
		    memcmp(words[k], t + w, e - w) == 0)
			return 1;
	return 0;
}

static int starts_lower(const char *t, uint32_t i, uint32_t end)
{
	uint32_t l;

	return i < end && is_lower_cp(dec(t, i, end, &l));
}

/* A TASS-style agency tag at t[i]: "/TASS/" after a dateline. */
static int agency_tag(const char *t, uint32_t i, uint32_t end)
{
	uint32_t j;

	if (i >= end || t[i] != '/')
		return 0;
	for (j = i + 1; j < end && dy_isalpha(t[j]); j++)
		;
	return j > i + 1 && j < end && t[j] == '/';
}

/* Should ICU's boundary at b stand?  sp->cur..b is the sentence so far. */
static int keep_break(struct splitter *sp, uint32_t b)
{
	const char *t = sp->t;
	uint32_t e = trim_back(t, sp->cur, b), nx, st;
	int nl, term;

	nx = skip_space(t, b, sp->n);
	if (e == sp->cur || nx == sp->n)
		return 1;
	nl = count_breaks(t, e, b);
	if (nl >= 2)
		return 1;
	if (nl == 0 && agency_tag(t, nx, sp->n))
		return 0;
	term = ending(t, sp->cur, e);
	if (nl == 1) {
		if (term == TERM_NONE &&
		    (dec_back(t, sp->cur, e, &st) == ',' ||
		     ends_open(t, sp->cur, e)))
			return 0;
		return !(starts_lower(t, nx, sp->n) && term != TERM_STOP &&
			 term != TERM_EXCL);
	}
	switch (term) {
	case TERM_EXCL:
		return !starts_lower(t, nx, sp->n);
	case TERM_ABBR:
		return starts_sentence(t, nx, sp->n);
	case TERM_NUM:
		return !dy_isdigit(t[nx]);
	default:
		return 1;
	}
}

/* Breaks ICU did not make inside t[s..b): "X. The" where X is a word
 * (ICU holds after some abbreviations), and U+2026 before a capital
 * ("over\u2026 Then"), which ICU does not see as a full stop while it
 * does "...". */
static void inner_breaks(struct splitter *sp, uint32_t s, uint32_t b)
{
	const char *t = sp->t;
	uint32_t i, nx, l, at;

	for (i = s; i < b; i++) {
		if (t[i] == '.' && i + 1 < b && i > 0 &&
		    (t[i + 1] == ' ' || t[i + 1] == '\t') &&
		    dy_isalpha(t[i - 1])) {
			at = i + 1;
			nx = skip_space(t, at, b);
			if (nx >= b || !starts_sentence(t, nx, b))
				continue;
		} else if (t[i] == '\xe2' && i + 3 < b &&
			   memcmp(t + i, "\xe2\x80\xa6 ", 4) == 0) {
			at = i + 3;
			nx = skip_space(t, at, b);
			if (nx >= b || !is_upper_cp(dec(t, nx, b, &l)))
				continue;
		} else {
			continue;
		}
		emit(sp, sp->cur, at);
		sp->cur = at;
	}
}

int dy_text_split(struct dy_arena *a, const char *text, size_t n,
		  struct dy_span **out, size_t *nout)
{
	struct splitter sp = { a, text, (uint32_t)n, 0, NULL, 0, 0, 0 };
	UText ut = UTEXT_INITIALIZER;
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi;
	int32_t p, b;
	int rc;

	*out = NULL;
	*nout = 0;
	if (n > INT32_MAX)
		return DY_ELIMIT;
	if (skip_space(text, 0, (uint32_t)n) == n)
		return 0;
	rc = sent_iter(&bi);
	if (rc)
		return rc;
	utext_openUTF8(&ut, text, (int64_t)n, &st);
	ubrk_setUText(bi, &ut, &st);
	if (U_FAILURE(st)) {
		rc = icu_err(st);
		goto out;
	}
	p = ubrk_first(bi);
	while ((b = ubrk_next(bi)) != UBRK_DONE && !sp.rc) {
		if (b <= p || (uint32_t)b > sp.n)
			break; /* never seen; do not trust the iterator */
		inner_breaks(&sp, (uint32_t)p, (uint32_t)b);
		if ((uint32_t)b < sp.n && keep_break(&sp, (uint32_t)b)) {
			emit(&sp, sp.cur, (uint32_t)b);
			sp.cur = (uint32_t)b;
		}
		p = b;
	}
	emit(&sp, sp.cur, sp.n);
	rc = sp.rc;
	if (!rc) {
		*out = sp.out;
		*nout = sp.nout;
	}
out:
	/* drop the iterator's pointer into text, which the caller frees */
	st = U_ZERO_ERROR;
	utext_openUTF8(&ut, "", 0, &st);
	ubrk_setUText(bi, &ut, &st);
	utext_close(&ut);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

#define F1(c) { (char)((c) >= 'a' && (c) <= 'z' ? (c) - 32 : (c)), 0 }
#define F4(c) F1(c), F1(c + 1), F1(c + 2), F1(c + 3)
#define F16(c) F4(c), F4(c + 4), F4(c + 8), F4(c + 12)
#define F64(c) F16(c), F16(c + 16), F16(c + 32), F16(c + 48)

/* Forms of one-byte tokens, so punctuation costs no allocation. */
static const char form1[128][2] = { F64(0), F64(64) };

struct tokz {
	struct dy_arena *a;
	const char *t;          /* story text */
	uint32_t end;           /* end of the sentence */
	struct dy_tok *tok;     /* room for DY_MAX_SENTENCE_TOKENS */
	unsigned n;             /* tokens so far */
	uint32_t word_end;      /* end of the last word token */
	int space;              /* white space before the next token */
	int squote;             /* an opening single quote is unmatched */
	int rc;                 /* first error */
};

static int is_neg(const char *f, size_t n)
{
	switch (n) {
	case 2:
		return memcmp(f, "NO", 2) == 0;
	case 3:
		return memcmp(f, "NOT", 3) == 0 || memcmp(f, "N'T", 3) == 0 ||
		       memcmp(f, "NOR", 3) == 0;
	case 5:
		return memcmp(f, "NEVER", 5) == 0;
	}
	return 0;
}

static int case_flags(const char *s, uint32_t n)
{
	uint32_t i = 0, c, l;
	int upper = 0, lower = 0, flags = 0;

	while (i < n) {
		c = dec(s, i, n, &l);
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				upper = 1;
			else if (c >= 'a' && c <= 'z')
				lower = 1;
		} else if (u_isupper((UChar32)c) || u_istitle((UChar32)c)) {
			upper = 1;
		} else if (u_islower((UChar32)c)) {
			lower = 1;
		}
		if (i == 0 && upper)
			flags |= DY_TOK_CAP;
		i += l;
	}
	if (upper && !lower)
		flags |= DY_TOK_ALLCAP;
	return flags;
}

/* Append the token t[p..q); form NULL means fold the text.  Returns q. */
static uint32_t put(struct tokz *z, uint32_t p, uint32_t q, int pos,
		    const char *form)
{
	struct dy_tok *k;
	size_t flen;

	if (z->rc)
		return q;
	if (z->n == DY_MAX_SENTENCE_TOKENS) {
		z->rc = DY_ELIMIT;
		return q;
	}
	if (!form && q - p == 1 && (unsigned char)z->t[p] < 0x80)
		form = form1[(unsigned char)z->t[p]];
	if (form) {
		flen = strlen(form);
	} else {
		form = dy_text_fold(z->a, z->t + p, q - p, &flen);
		if (!form) {
			z->rc = DY_ENOMEM;
			return q;
		}
	}
	k = &z->tok[z->n++];
	k->off = p;
	k->len = q - p;
	k->form = form;
	k->lemma = form;
	k->flen = (uint16_t)(flen < UINT16_MAX ? flen : UINT16_MAX);
	k->pos = (uint8_t)pos;
	k->flags = (uint8_t)((z->space ? DY_TOK_SPACE : 0) |
			     case_flags(z->t + p, q - p));
	if (pos == DY_POS_OTHER && is_neg(form, flen))
		k->flags |= DY_TOK_NEG;
	/* the possessive clitic; a tagger may still read it as "is" */
	if (pos == DY_POS_OTHER && !strcmp(form, "'S"))
		k->pos = DY_POS_POS;
	z->space = 0;
	return q;
}

static uint32_t run_of(const char *t, uint32_t p, uint32_t ce,
		       const char *set)
{
	while (p < ce && t[p] && strchr(set, t[p]))
		p++;
	return p;
}

static int is_hyphen(uint32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013 ||
	       c == 0x2212;
}

/* The code point at i, or 0 at the end of the chunk. */
static inline uint32_t peek(const char *t, uint32_t i, uint32_t ce)
{
	uint32_t l;

	return i < ce ? dec(t, i, ce, &l) : 0;
}

/* A full stop without its space, "dangerous.The": lower case before
 * the period at t[q], an upper-case letter and a lower-case one after. */
static int missing_space(const char *t, uint32_t q, uint32_t ce,
			 uint32_t pc)
{
	return pc >= 'a' && pc <= 'z' && q + 2 < ce && t[q + 1] >= 'A' &&
	       t[q + 1] <= 'Z' && t[q + 2] >= 'a' && t[q + 2] <= 'z';
}

/*
 * word -> (alnum | sym | inner)+ where an inner character needs its
 * neighbours:
 *   .      before an alnum or "-alnum"      U.S  3.5  U.S.-led
 *          (but "dangerous.The" is three tokens)
 *   ,      between digits                   3,600
 *   :      between digits, or "://"         11:00  https://
 *   - ‐ ‑ – −   after an alnum, before one (or a final "-")
 *                                           Kasym-Jomart  pre-
 *   ' ’    after an alnum, before a letter  O'Brien  don't
 * The first `lead` bytes are taken as they are (-5 .5 '90s).
 */
static uint32_t scan_word(const char *t, uint32_t p, uint32_t ce,
			  uint32_t lead)
{
	uint32_t q = p + lead, c, l, nx, pc = 0;
	int ok;

	if (lead)
		pc = dec(t, p, p + lead, &l);
	while (q < ce) {
		c = dec(t, q, ce, &l);
		switch (cls(c)) {
		case C_ALNUM:
		case C_SYM:
			ok = 1;
			break;
		case C_SPECIAL:
			nx = peek(t, q + l, ce);
			if (c == '.')
				ok = (is_alnum_cp(nx) &&
				      !missing_space(t, q, ce, pc)) ||
				     (nx == '-' &&
				      is_alnum_cp(peek(t, q + l + 1, ce)));
			else if (c == ',')
				ok = dy_isdigit((int)pc) &&
				     dy_isdigit((int)nx);
			else if (c == ':')
				ok = (dy_isdigit((int)pc) &&
				      dy_isdigit((int)nx)) ||
				     (dy_isalpha((int)pc) && nx == '/' &&
				      peek(t, q + 2, ce) == '/');
			else if (is_hyphen(c))
				ok = pc && (is_alnum_cp(pc) || pc == '.') &&
				     (is_alnum_cp(nx) ||
				      (c == '-' && !nx && is_letter_cp(pc)));
			else if (c == '\'' || c == 0x2019)
				ok = pc && is_alnum_cp(pc) &&
				     is_letter_cp(nx);
			else
				ok = 0;
			break;
		default:
			ok = 0;
		}
		if (!ok)
			break;
		pc = c;
		q += l;
	}
	return q;
}

/* Bytes of a clitic s d m ll re ve at t[i..ce), case-insensitive, that
 * ends the word there; else 0. */
static uint32_t clitic_len(const char *t, uint32_t i, uint32_t ce)
{
	uint32_t k;
	char a, b;

	if (i >= ce)
		return 0;
	a = (char)dy_tolower(t[i]);
	b = i + 1 < ce ? (char)dy_tolower(t[i + 1]) : 0;
	if (a == 's' || a == 'd' || a == 'm')
		k = 1;
	else if ((a == 'l' && b == 'l') || (a == 'r' && b == 'e') ||
		 (a == 'v' && b == 'e'))
		k = 2;
	else
		return 0;
	if (i + k < ce && is_alnum_cp(peek(t, i + k, ce)))
		return 0;
	return k;
}

/* Start of the apostrophe (' or ’) that ends at t[e], or e if none. */
static uint32_t apos_before(const char *t, uint32_t p, uint32_t e)
{
	if (e > p && t[e - 1] == '\'')
		return e - 1;
	if (e >= p + 3 && memcmp(t + e - 3, "\xe2\x80\x99", 3) == 0)
		return e - 3;
	return e;
}

/* Where a clitic starts in the word t[p..e), or e if none:
 * do|n't ca|n't it|'s we|'ll can|not */
static uint32_t clitic_split(const char *t, uint32_t p, uint32_t e)
{
	uint32_t a, n = e - p;
	char last = (char)dy_tolower(t[e - 1]);

	if (n >= 4 && last == 't') {
		a = apos_before(t, p, e - 1);
		if (a < e - 1 && a >= p + 2 && dy_tolower(t[a - 1]) == 'n' &&
		    dy_isalpha(t[a - 2]))
			return a - 1;
	}
	if (n >= 2 && (last == 's' || last == 'd' || last == 'm')) {
		a = apos_before(t, p, e - 1);
		if (a < e - 1 && a > p)
			return a;
	}
	if (n >= 3 && clitic_len(t, e - 2, e) == 2) {
		a = apos_before(t, p, e - 2);
		if (a < e - 2 && a > p)
			return a;
	}
	if ((n == 6 && dy_str_ieqc(dy_str_make(t + p, n), "cannot")) ||
	    (n == 5 && (dy_str_ieqc(dy_str_make(t + p, n), "gonna") ||
			dy_str_ieqc(dy_str_make(t + p, n), "gotta") ||
			dy_str_ieqc(dy_str_make(t + p, n), "wanna"))))
		return p + 3;
	return e;
}

/* Emit the word t[p..e): clitics split, long words cut. */
static void put_word(struct tokz *z, uint32_t p, uint32_t e)
{
	uint32_t k;

	while (e - p > DY_MAX_TOKEN_LEN) {
		k = p + DY_MAX_TOKEN_LEN;
		while (k > p + 1 && ((unsigned char)z->t[k] & 0xc0) == 0x80)
			k--;
		p = put(z, p, k, DY_POS_OTHER, NULL);
	}
	k = clitic_split(z->t, p, e);
	if (k > p && k < e)
		put(z, p, k, DY_POS_OTHER, NULL);
	else
		k = p;
	put(z, k, e, DY_POS_OTHER, NULL);
	z->word_end = e;
}

/* Only white space from i to the end of the sentence? */
static int at_end(struct tokz *z, uint32_t i)
{
	return skip_space(z->t, i, z->end) == z->end;
}

/* A word at p (see scan_word), with an abbreviation's period. */
static uint32_t word(struct tokz *z, uint32_t p, uint32_t ce, uint32_t lead)
{
	const char *t = z->t;
	uint32_t q = scan_word(t, p, ce, lead), nx, l;
	int k, final;

	if (q == p) {
		dec(t, p, ce, &l);
		q = p + l;
	}
	if (q < ce && t[q] == '.' && !(q + 1 < ce && t[q + 1] == '.')) {
		final = at_end(z, q + 1);
		k = abbrev_kind(t + p, q - p, final);
		if (k == ABBR_NUM) {
			nx = skip_space(t, q + 1, z->end);
			if (!(nx < z->end && dy_isdigit(t[nx])))
				k = ABBR_NONE;
		}
		if (k != ABBR_NONE) {
			put_word(z, p, q + 1);
			return q + 1;
		}
	}
	put_word(z, p, q);
	return q;
}

static int adjacent_word(struct tokz *z, uint32_t p)
{
	return z->n > 0 && z->word_end == p;
}

/* An apostrophe or single quote at p: clitic, '90s or quote. */
static uint32_t apos(struct tokz *z, uint32_t cs, uint32_t p, uint32_t ce,
		     uint32_t c, uint32_t l)
{
	const char *t = z->t;
	uint32_t nx = p + l, k;
	int straight = c == '\'' || c == 0x2019;

	if (c == '\'' && nx < ce && t[nx] == '\'')
		return put(z, p, nx + 1, DY_POS_QUOTE, "\"");
	if (straight && adjacent_word(z, p) && (k = clitic_len(t, nx, ce))) {
		put(z, p, nx + k, DY_POS_OTHER, NULL);
		z->word_end = nx + k;
		return nx + k;
	}
	if (straight && nx + 1 < ce && dy_isdigit(t[nx]) &&
	    dy_isdigit(t[nx + 1]))
		return word(z, p, ce, l);
	if (c == 0x2018 || c == 0x201a || c == 0x201b ||
	    (straight && p == cs && is_alnum_cp(peek(t, nx, ce)))) {
		z->squote = 1;
		return put(z, p, nx, DY_POS_QUOTE, NULL);
	}
	if (z->squote) {
		z->squote = 0;
		return put(z, p, nx, DY_POS_QUOTE, NULL);
	}
	if (adjacent_word(z, p) && (t[p - 1] == 's' || t[p - 1] == 'S'))
		return put(z, p, nx, DY_POS_POS, NULL); /* analysts' */
	return put(z, p, nx, DY_POS_QUOTE, NULL);
}

static int split_pos(uint32_t c)
{
	switch (c) {
	case '(': case '[': case '{':
		return DY_POS_LRB;
	case ')': case ']': case '}':
		return DY_POS_RRB;
	case '"': case 0x201c: case 0x201d: case 0x201e: case 0x201f:
	case 0x00ab: case 0x00bb: case 0x2039: case 0x203a:
		return DY_POS_QUOTE;
	case ';':
		return DY_POS_COLON;
	}
	if (c >= 0x80 && u_hasBinaryProperty((UChar32)c, UCHAR_S_TERM))
		return DY_POS_PERIOD;
	return DY_POS_OTHER;
}

/* One token (or a word and its clitic) at p in the chunk t[cs..ce). */
static uint32_t step(struct tokz *z, uint32_t cs, uint32_t p, uint32_t ce)
{
	const char *t = z->t;
	uint32_t l, q, c = dec(t, p, ce, &l);

	switch (c) {
	case '.':
		q = run_of(t, p, ce, ".");
		if (q - p >= 2)
			return put(z, p, q, DY_POS_COLON, NULL);
		if (q < ce && dy_isdigit(t[q]))
			return word(z, p, ce, 1);
		return put(z, p, q, DY_POS_PERIOD, NULL);
	case '!': case '?':
		return put(z, p, run_of(t, p, ce, "!?"), DY_POS_PERIOD, NULL);
	case ',':
		return put(z, p, p + 1, DY_POS_COMMA, NULL);
	case ':':
		return put(z, p, p + 1, DY_POS_COLON, NULL);
	case '`':
		q = p + 1 < ce && t[p + 1] == '`' ? p + 2 : p + 1;
		if (q - p == 1)
			z->squote = 1;
		return put(z, p, q, DY_POS_QUOTE, q - p == 2 ? "\"" : "'");
	case '\'': case 0x2018: case 0x2019: case 0x201a: case 0x201b:
		return apos(z, cs, p, ce, c, l);
	case 0x2014: case 0x2015:
		for (q = p + l; q < ce && (peek(t, q, ce) == 0x2014 ||
					   peek(t, q, ce) == 0x2015); q += 3)
			;
		return put(z, p, q, DY_POS_COLON, NULL);
	case 0x2026:
		return put(z, p, p + l, DY_POS_COLON, NULL);
	}
	if (is_hyphen(c)) {
		q = p + l;
		while (q < ce && is_hyphen(peek(t, q, ce)))
			q += ((unsigned char)t[q] < 0x80) ? 1 : 3;
		if (q == p + l && (c == '-' || c == 0x2212) && q < ce &&
		    dy_isdigit(t[q]) && !adjacent_word(z, p))
			return word(z, p, ce, l); /* -5 */
		return put(z, p, q, DY_POS_COLON, NULL);
	}
	if (cls(c) == C_SPLIT)
		return put(z, p, p + l, split_pos(c), NULL);
	return word(z, p, ce, 0);
}

int dy_text_tokenize(struct dy_arena *a, const char *text, uint32_t off,
		     uint32_t len, struct dy_tok **out, uint16_t *nout)
{
	struct dy_tok buf[DY_MAX_SENTENCE_TOKENS];
	struct tokz z;
	uint32_t i = off, cs, ce, l, st;

	*out = NULL;
	*nout = 0;
	if (len > UINT32_MAX - off)
		return DY_EINVAL;
	memset(&z, 0, sizeof z);
	z.a = a;
	z.t = text;
	z.end = off + len;
	z.tok = buf;
	z.word_end = UINT32_MAX;
	z.space = off > 0 && cls(dec_back(text, 0, off, &st)) == C_SPACE;
	while (i < z.end && !z.rc) {
		if (cls(dec(text, i, z.end, &l)) == C_SPACE) {
			z.space = 1;
			i += l;
			continue;
		}
		for (ce = i; ce < z.end; ce += l)
			if (cls(dec(text, ce, z.end, &l)) == C_SPACE)
				break;
		for (cs = i; i < ce && !z.rc;)
			i = step(&z, cs, i, ce);
	}
	if (z.rc == DY_ENOMEM)
		return DY_ENOMEM;
	if (z.n) {
		*out = dy_arena_alloc(a, z.n * sizeof *buf);
		if (!*out)
			return DY_ENOMEM;
		memcpy(*out, buf, z.n * sizeof *buf);
	}
	*nout = (uint16_t)z.n;
	return z.rc;
}
