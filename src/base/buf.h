/*
 * buf.h: growable byte buffers (git strbuf invariants, curl dynbuf cap).
 *
 * Invariants: `buf` is never NULL and always NUL-terminated; `len` bytes
 * are in use; growing past `cap_limit` fails with DY_ELIMIT and leaves the
 * contents unchanged.  An allocation failure returns DY_ENOMEM and also
 * leaves the contents unchanged.  dy_buf_detach() hands the bytes to the
 * caller (free with dy_free(p, len + 1) or keep for the process lifetime).
 */
#ifndef DY_BASE_BUF_H
#define DY_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "mem.h"

struct dy_buf {
	char *buf;        /* contents, NUL-terminated, never NULL */
	size_t len;       /* bytes in use, excluding the NUL */
	size_t alloc;     /* bytes allocated, 0 while buf is the empty string */
	size_t cap_limit; /* hard cap on len */
};

DY_INTERNAL void dy_buf_init(struct dy_buf *b, size_t cap_limit);
DY_INTERNAL void dy_buf_release(struct dy_buf *b);
DY_INTERNAL void dy_buf_reset(struct dy_buf *b);
DY_INTERNAL int dy_buf_grow(struct dy_buf *b, size_t extra);
DY_INTERNAL int dy_buf_add(struct dy_buf *b, const void *p, size_t n);
DY_INTERNAL int dy_buf_adds(struct dy_buf *b, const char *s);
DY_INTERNAL int dy_buf_addc(struct dy_buf *b, char c);
DY_INTERNAL int dy_buf_printf(struct dy_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
DY_INTERNAL int dy_buf_vprintf(struct dy_buf *b, const char *fmt, va_list ap);
DY_INTERNAL void dy_buf_setlen(struct dy_buf *b, size_t len);
DY_INTERNAL char *dy_buf_detach(struct dy_buf *b, size_t *len);
/* Append `s` as the body of a JSON string (no quotes), escaping as needed;
 * invalid UTF-8 bytes become U+FFFD so output is always valid JSON. */
DY_INTERNAL int dy_buf_add_json(struct dy_buf *b, const char *s, size_t n);

#endif
