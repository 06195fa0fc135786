/*
 * str.c: string views, number and date parsers, UTF-8 helpers.
 */
#include "dyad.h"
#include "str.h"

int dy_str_ieq(struct dy_str a, struct dy_str b)
{
	size_t i;

	if (a.n != b.n)
		return 0;
	for (i = 0; i < a.n; i++)
		if (dy_toupper((unsigned char)a.p[i]) !=
		    dy_toupper((unsigned char)b.p[i]))
			return 0;
	return 1;
}

int dy_str_ieqc(struct dy_str a, const char *s)
{
	return dy_str_ieq(a, dy_str_c(s));
}

int dy_str_starts(struct dy_str s, const char *prefix)
{
	size_t n = strlen(prefix);

	return s.n >= n && memcmp(s.p, prefix, n) == 0;
}

int dy_str_istarts(struct dy_str s, const char *prefix)
{
	size_t n = strlen(prefix);

	return s.n >= n && dy_str_ieq(dy_str_make(s.p, n), dy_str_c(prefix));
}

struct dy_str dy_str_trim(struct dy_str s)
{
	while (s.n && dy_isspace((unsigned char)s.p[0]))
		s.p++, s.n--;
	while (s.n && dy_isspace((unsigned char)s.p[s.n - 1]))
		s.n--;
	return s;
}

const char *dy_str_find(struct dy_str hay, const char *needle)
{
	size_t n = strlen(needle), i;

	if (n == 0)
		return hay.p;
	for (i = 0; i + n <= hay.n; i++)
		if (hay.p[i] == needle[0] && memcmp(hay.p + i, needle, n) == 0)
			return hay.p + i;
	return NULL;
}

int dy_str_to_cbuf(struct dy_str s, char *out, size_t outsz)
{
	if (outsz == 0 || s.n >= outsz)
		return DY_ELIMIT;
	memcpy(out, s.p, s.n);
	out[s.n] = '\0';
	return DY_OK;
}

int dy_parse_uint(const char **pp, const char *end, unsigned long max,
		  unsigned long *out)
{
	const char *p = *pp;
	unsigned long v = 0;

	if (p >= end || !dy_isdigit((unsigned char)*p))
		return DY_EPARSE;
	while (p < end && dy_isdigit((unsigned char)*p)) {
		unsigned d = (unsigned)(*p - '0');

		if (d > max || v > (max - d) / 10)
			return DY_ELIMIT;
		v = v * 10 + d;
		p++;
	}
	*out = v;
	*pp = p;
	return DY_OK;
}

void dy_skip_space(const char **pp, const char *end)
{
	const char *p = *pp;

	while (p < end && dy_isspace((unsigned char)*p))
		p++;
	*pp = p;
}

size_t dy_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, c &= 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return len;
}

size_t dy_utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

size_t dy_utf8_check(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = dy_utf8_decode(s + i, n - i, &cp);
		if (!k)
			return i;
		i += k;
	}
	return n;
}

static int days_in_month(long y, long m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30,
				  31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : dm[m - 1];
}

int dy_ymd_valid(long ymd)
{
	long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;

	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

int dy_parse_ymd(struct dy_str s, long *out)
{
	const char *p = s.p, *end = s.p + s.n;
	unsigned long y, m, d;
	long v;

	s = dy_str_trim(s);
	p = s.p;
	end = s.p + s.n;
	if (s.n == 10 && s.p[4] == '-' && s.p[7] == '-') {
		if (dy_parse_uint(&p, p + 4, 9999, &y) || p != s.p + 4)
			return DY_EPARSE;
		p++;
		if (dy_parse_uint(&p, p + 2, 99, &m) || p != s.p + 7)
			return DY_EPARSE;
		p++;
		if (dy_parse_uint(&p, end, 99, &d) || p != end)
			return DY_EPARSE;
		v = (long)(y * 10000 + m * 100 + d);
	} else if (s.n == 8 || s.n == 6) {
		unsigned long all;

		if (dy_parse_uint(&p, end, 99999999, &all) || p != end)
			return DY_EPARSE;
		v = (long)all;
		if (s.n == 6)
			v += v / 10000 <= 30 ? 20000000 : 19000000;
	} else {
		return DY_EPARSE;
	}
	if (!dy_ymd_valid(v))
		return DY_EPARSE;
	*out = v;
	return DY_OK;
}

/* Howard Hinnant's days_from_civil, proleptic Gregorian */
long dy_ymd_to_days(long ymd)
{
	long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long dy_days_to_ymd(long z)
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	return y * 10000 + m * 100 + d;
}

int dy_word_in(const char *w, const char *const *list)
{
	/* the first letter first: most words fail there */
	for (; *list; list++)
		if (**list == *w && !strcmp(w, *list))
			return 1;
	return 0;
}
