/*
 * json.h: just enough JSON for JSON Lines story input.
 *
 * dy_json_object() parses one object and reports its top-level members;
 * string values arrive decoded (escapes and surrogate pairs resolved,
 * invalid UTF-8 passed through for the text stage to report), other
 * scalars as their raw text, and nested objects/arrays are validated and
 * skipped up to DY_JSON_MAX_DEPTH.
 */
#ifndef DY_JSON_H
#define DY_JSON_H

#include <stddef.h>

#include "base/buf.h"
#include "base/str.h"

#define DY_JSON_MAX_DEPTH 64

enum dy_json_type { DY_JSON_STRING, DY_JSON_NUMBER, DY_JSON_BOOL,
		    DY_JSON_NULL, DY_JSON_OBJECT, DY_JSON_ARRAY };

/* Called once per member; return non-zero to stop with that code. */
typedef int (*dy_json_member_fn)(void *ud, struct dy_str name, int type,
				 struct dy_str value);

/* Parse s[0..n) as one object (white space around it allowed).  Returns 0,
 * the callback's code, or DY_EPARSE with *err a static message and *at
 * the byte offset where it went wrong. */
DY_INTERNAL int dy_json_object(const char *s, size_t n,
			       dy_json_member_fn fn, void *ud,
			       const char **err, size_t *at);

#endif
