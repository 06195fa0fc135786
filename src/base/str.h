/*
 * str.h: string views and small parsers.
 *
 * A view points into a buffer it does not own (curl's Curl_str).  Parsers
 * take `const char **pp` and an end pointer, advance *pp past what they
 * consumed and return 0, or return a negative DY_E* code and leave *pp
 * alone (curl STRPARSE.md).  Nothing here allocates.
 */
#ifndef DY_BASE_STR_H
#define DY_BASE_STR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mem.h"

struct dy_str {
	const char *p; /* first byte, not NUL-terminated */
	size_t n;      /* length in bytes */
};

#define DY_STR_LIT(s) ((struct dy_str){ (s), sizeof(s) - 1 })

static inline struct dy_str dy_str_make(const char *p, size_t n)
{
	struct dy_str s = { p, n };
	return s;
}

static inline struct dy_str dy_str_c(const char *p)
{
	struct dy_str s = { p, p ? strlen(p) : 0 };
	return s;
}

static inline int dy_str_eq(struct dy_str a, struct dy_str b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

static inline int dy_str_eqc(struct dy_str a, const char *s)
{
	return dy_str_eq(a, dy_str_c(s));
}

static inline int dy_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static inline int dy_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int dy_isalpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int dy_isalnum(int c)
{
	return dy_isalpha(c) || dy_isdigit(c);
}

static inline int dy_toupper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static inline int dy_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

DY_INTERNAL int dy_str_ieq(struct dy_str a, struct dy_str b);
DY_INTERNAL int dy_str_ieqc(struct dy_str a, const char *s);
DY_INTERNAL int dy_str_starts(struct dy_str s, const char *prefix);
/* Is NUL-terminated w one of the words of a NULL-terminated list?  The
 * coder asks this of closed word lists for every token. */
DY_INTERNAL int dy_word_in(const char *w, const char *const *list);
DY_INTERNAL int dy_str_istarts(struct dy_str s, const char *prefix);
DY_INTERNAL struct dy_str dy_str_trim(struct dy_str s);
DY_INTERNAL const char *dy_str_find(struct dy_str hay, const char *needle);
DY_INTERNAL int dy_str_to_cbuf(struct dy_str s, char *out, size_t outsz);

/* number  -> digit+ ; stops at the first non-digit, fails on overflow
 * of `max` or when no digit is present */
DY_INTERNAL int dy_parse_uint(const char **pp, const char *end,
			      unsigned long max, unsigned long *out);
/* Skip blanks (space, tab, CR, LF) */
DY_INTERNAL void dy_skip_space(const char **pp, const char *end);

/* Decode one UTF-8 sequence at p (n bytes available).  Returns its length
 * and stores the code point, or returns 0 for an invalid or truncated
 * sequence (overlongs, surrogates and values past U+10FFFF are invalid). */
DY_INTERNAL size_t dy_utf8_decode(const char *p, size_t n, uint32_t *cp);
/* Encode cp as UTF-8 into out (4 bytes room); returns the length. */
DY_INTERNAL size_t dy_utf8_encode(uint32_t cp, char *out);
/* Offset of the first invalid UTF-8 byte, or n when all of s is valid. */
DY_INTERNAL size_t dy_utf8_check(const char *s, size_t n);

/* A date as an integer yyyymmdd; 0 means unknown. */
DY_INTERNAL int dy_ymd_valid(long ymd);
/* Parse YYYY-MM-DD, YYYYMMDD or YYMMDD (PETRARCH's short form: 00..30 is
 * 20xx, 31..99 is 19xx, as in KEDS and TABARI). */
DY_INTERNAL int dy_parse_ymd(struct dy_str s, long *out);
/* Days since 1970-01-01 for a valid ymd, and back. */
DY_INTERNAL long dy_ymd_to_days(long ymd);
DY_INTERNAL long dy_days_to_ymd(long days);

#endif
