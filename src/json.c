/*
 * json.c: a strict RFC 8259 reader for one object per call (see json.h).
 *
 * Grammar (Lua style):
 *   object -> '{' [member {',' member}] '}'
 *   member -> string ':' value
 *   value  -> string | number | object | array | true | false | null
 */
#include <string.h>

#include "dyad.h"
#include "json.h"

struct jp {
	const char *p, *start, *end;
	const char *err;
	struct dy_buf name, val; /* decoded member name and string value */
};

static int jfail(struct jp *j, const char *msg)
{
	if (!j->err)
		j->err = msg;
	return DY_EPARSE;
}

static void ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
				 *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		int c = (unsigned char)p[i];

		v <<= 4;
		if (dy_isdigit(c))
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* string -> '"' { char | escape } '"' ; decoded into out (or skipped) */
static int string(struct jp *j, struct dy_buf *out)
{
	const char *run;

	if (j->p >= j->end || *j->p != '"')
		return jfail(j, "expected a string");
	j->p++;
	if (out)
		dy_buf_reset(out);
	run = j->p;
	for (;;) {
		unsigned char c;

		if (j->p >= j->end)
			return jfail(j, "unterminated string");
		c = (unsigned char)*j->p;
		if (c == '"' || c == '\\') {
			if (out && j->p > run &&
			    dy_buf_add(out, run, (size_t)(j->p - run)))
				return jfail(j, "string too long");
			if (c == '"') {
				j->p++;
				return 0;
			}
			if (j->end - j->p < 2)
				return jfail(j, "unterminated escape");
			j->p++;
			c = (unsigned char)*j->p++;
			{
				char ch = 0;
				unsigned cp, lo;
				char u[4];

				switch (c) {
				case '"': ch = '"'; break;
				case '\\': ch = '\\'; break;
				case '/': ch = '/'; break;
				case 'b': ch = '\b'; break;
				case 'f': ch = '\f'; break;
				case 'n': ch = '\n'; break;
				case 'r': ch = '\r'; break;
				case 't': ch = '\t'; break;
				case 'u':
					if (j->end - j->p < 4 ||
					    hex4(j->p, &cp))
						return jfail(j, "bad \\u escape");
					j->p += 4;
					if (cp >= 0xd800 && cp <= 0xdbff) {
						if (j->end - j->p >= 6 &&
						    j->p[0] == '\\' &&
						    j->p[1] == 'u' &&
						    !hex4(j->p + 2, &lo) &&
						    lo >= 0xdc00 && lo <= 0xdfff) {
							j->p += 6;
							cp = 0x10000 +
							     ((cp - 0xd800) << 10) +
							     (lo - 0xdc00);
						} else {
							cp = 0xfffd;
						}
					} else if (cp >= 0xdc00 && cp <= 0xdfff) {
						cp = 0xfffd;
					}
					if (out && dy_buf_add(out, u,
						dy_utf8_encode(cp, u)))
						return jfail(j, "string too long");
					run = j->p;
					continue;
				default:
					return jfail(j, "bad escape");
				}
				if (out && dy_buf_addc(out, ch))
					return jfail(j, "string too long");
			}
			run = j->p;
			continue;
		}
		if (c < 0x20)
			return jfail(j, "control character in string");
		j->p++;
	}
}

static int value(struct jp *j, int depth, int *type, struct dy_str *raw,
		 int decode);

static int number(struct jp *j)
{
	const char *p = j->p;

	if (p < j->end && *p == '-')
		p++;
	if (p >= j->end || !dy_isdigit((unsigned char)*p))
		return jfail(j, "bad number");
	if (*p == '0')
		p++;
	else
		while (p < j->end && dy_isdigit((unsigned char)*p))
			p++;
	if (p < j->end && *p == '.') {
		p++;
		if (p >= j->end || !dy_isdigit((unsigned char)*p))
			return jfail(j, "bad number");
		while (p < j->end && dy_isdigit((unsigned char)*p))
			p++;
	}
	if (p < j->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < j->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= j->end || !dy_isdigit((unsigned char)*p))
			return jfail(j, "bad number");
		while (p < j->end && dy_isdigit((unsigned char)*p))
			p++;
	}
	j->p = p;
	return 0;
}

static int composite(struct jp *j, int depth, char open)
{
	char close = open == '{' ? '}' : ']';
	int type, rc;
	struct dy_str raw;

	if (depth >= DY_JSON_MAX_DEPTH)
		return jfail(j, "nesting too deep");
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return 0;
	}
	for (;;) {
		if (open == '{') {
			ws(j);
			rc = string(j, NULL);
			if (rc)
				return rc;
			ws(j);
			if (j->p >= j->end || *j->p != ':')
				return jfail(j, "expected ':'");
			j->p++;
		}
		rc = value(j, depth + 1, &type, &raw, 0);
		if (rc)
			return rc;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return 0;
		}
		return jfail(j, open == '{' ? "expected ',' or '}'"
					    : "expected ',' or ']'");
	}
}

static int literal(struct jp *j, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n))
		return jfail(j, "unexpected character");
	j->p += n;
	return 0;
}

static int value(struct jp *j, int depth, int *type, struct dy_str *raw,
		 int decode)
{
	const char *start;
	int rc;

	ws(j);
	start = j->p;
	if (j->p >= j->end)
		return jfail(j, "unexpected end of input");
	switch (*j->p) {
	case '"':
		*type = DY_JSON_STRING;
		rc = string(j, decode ? &j->val : NULL);
		break;
	case '{':
		*type = DY_JSON_OBJECT;
		rc = composite(j, depth, '{');
		break;
	case '[':
		*type = DY_JSON_ARRAY;
		rc = composite(j, depth, '[');
		break;
	case 't':
		*type = DY_JSON_BOOL;
		rc = literal(j, "true");
		break;
	case 'f':
		*type = DY_JSON_BOOL;
		rc = literal(j, "false");
		break;
	case 'n':
		*type = DY_JSON_NULL;
		rc = literal(j, "null");
		break;
	default:
		*type = DY_JSON_NUMBER;
		rc = number(j);
	}
	if (rc)
		return rc;
	if (*type == DY_JSON_STRING && decode)
		*raw = dy_str_make(j->val.buf, j->val.len);
	else
		*raw = dy_str_make(start, (size_t)(j->p - start));
	return 0;
}

int dy_json_object(const char *s, size_t n, dy_json_member_fn fn, void *ud,
		   const char **err, size_t *at)
{
	struct jp j;
	int rc = 0, type;
	struct dy_str v;

	memset(&j, 0, sizeof j);
	j.p = j.start = s;
	j.end = s + n;
	dy_buf_init(&j.name, 1u << 16);
	dy_buf_init(&j.val, DY_MAX_LINE_BYTES);
	ws(&j);
	if (j.p >= j.end || *j.p != '{') {
		rc = jfail(&j, "expected a JSON object");
		goto out;
	}
	j.p++;
	ws(&j);
	if (j.p < j.end && *j.p == '}') {
		j.p++;
		goto tail;
	}
	for (;;) {
		ws(&j);
		rc = string(&j, &j.name);
		if (rc)
			goto out;
		ws(&j);
		if (j.p >= j.end || *j.p != ':') {
			rc = jfail(&j, "expected ':'");
			goto out;
		}
		j.p++;
		rc = value(&j, 1, &type, &v, 1);
		if (rc)
			goto out;
		rc = fn(ud, dy_str_make(j.name.buf, j.name.len), type, v);
		if (rc)
			goto out;
		ws(&j);
		if (j.p < j.end && *j.p == ',') {
			j.p++;
			continue;
		}
		if (j.p < j.end && *j.p == '}') {
			j.p++;
			break;
		}
		rc = jfail(&j, "expected ',' or '}'");
		goto out;
	}
tail:
	ws(&j);
	if (j.p != j.end)
		rc = jfail(&j, "trailing characters after the object");
out:
	if (rc == DY_EPARSE) {
		*err = j.err;
		*at = (size_t)(j.p - j.start);
	}
	dy_buf_release(&j.name);
	dy_buf_release(&j.val);
	return rc;
}
