/*
 * buf.c: growable buffers.  See buf.h for the invariants.
 */
#include <stdio.h>
#include <string.h>

#include "dyad.h"
#include "buf.h"

static char empty_string[1];

void dy_buf_init(struct dy_buf *b, size_t cap_limit)
{
	b->buf = empty_string;
	b->len = 0;
	b->alloc = 0;
	b->cap_limit = cap_limit ? cap_limit : (size_t)-1 / 2;
}

void dy_buf_release(struct dy_buf *b)
{
	if (b->alloc)
		dy_free(b->buf, b->alloc);
	dy_buf_init(b, b->cap_limit);
}

void dy_buf_reset(struct dy_buf *b)
{
	dy_buf_setlen(b, 0);
}

int dy_buf_grow(struct dy_buf *b, size_t extra)
{
	size_t want, n;
	char *p;

	if (extra > b->cap_limit - b->len)
		return DY_ELIMIT;
	want = b->len + extra + 1;
	if (want <= b->alloc)
		return DY_OK;
	n = b->alloc ? b->alloc : 64;
	while (n < want)
		n = n * 2;
	if (n > b->cap_limit + 1)
		n = b->cap_limit + 1;
	p = b->alloc ? dy_realloc(b->buf, b->alloc, n) : dy_malloc(n);
	if (!p)
		return DY_ENOMEM;
	if (!b->alloc)
		p[0] = '\0';
	b->buf = p;
	b->alloc = n;
	return DY_OK;
}

int dy_buf_add(struct dy_buf *b, const void *p, size_t n)
{
	int rc = dy_buf_grow(b, n);

	if (rc)
		return rc;
	if (n)
		memcpy(b->buf + b->len, p, n);
	b->len += n;
	b->buf[b->len] = '\0';
	return DY_OK;
}

int dy_buf_adds(struct dy_buf *b, const char *s)
{
	return dy_buf_add(b, s, strlen(s));
}

int dy_buf_addc(struct dy_buf *b, char c)
{
	return dy_buf_add(b, &c, 1);
}

int dy_buf_vprintf(struct dy_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n, rc;

	va_copy(cp, ap);
	n = vsnprintf(b->buf + b->len, b->alloc ? b->alloc - b->len : 0, fmt,
		      cp);
	va_end(cp);
	if (n < 0)
		return DY_EINVAL;
	if (b->alloc && (size_t)n < b->alloc - b->len) {
		b->len += (size_t)n;
		return DY_OK;
	}
	rc = dy_buf_grow(b, (size_t)n);
	if (rc) {
		if (b->alloc)
			b->buf[b->len] = '\0';
		return rc;
	}
	vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, ap);
	b->len += (size_t)n;
	return DY_OK;
}

int dy_buf_printf(struct dy_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = dy_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void dy_buf_setlen(struct dy_buf *b, size_t len)
{
	if (!b->alloc)
		return;
	if (len > b->len)
		len = b->len;
	b->len = len;
	b->buf[len] = '\0';
}

char *dy_buf_detach(struct dy_buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	if (!b->alloc) {
		p = dy_malloc(1);
		if (p)
			p[0] = '\0';
		return p;
	}
	p = b->buf;
	dy_buf_init(b, b->cap_limit);
	return p;
}

static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

int dy_buf_add_json(struct dy_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, k;
	int rc = 0;

	while (i < n && !rc) {
		unsigned c = p[i];

		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			run++;
			i++;
			continue;
		}
		if (run)
			rc = dy_buf_add(b, p + i - run, run);
		run = 0;
		if (rc)
			break;
		if (c >= 0x80) {
			k = utf8_seq(p + i, n - i);
			if (k) {
				rc = dy_buf_add(b, p + i, k);
				i += k;
			} else {
				rc = dy_buf_add(b, "\xef\xbf\xbd", 3);
				i++;
			}
			continue;
		}
		switch (c) {
		case '"': rc = dy_buf_add(b, "\\\"", 2); break;
		case '\\': rc = dy_buf_add(b, "\\\\", 2); break;
		case '\n': rc = dy_buf_add(b, "\\n", 2); break;
		case '\r': rc = dy_buf_add(b, "\\r", 2); break;
		case '\t': rc = dy_buf_add(b, "\\t", 2); break;
		default: rc = dy_buf_printf(b, "\\u%04x", c); break;
		}
		i++;
	}
	if (!rc && run)
		rc = dy_buf_add(b, p + i - run, run);
	return rc;
}
