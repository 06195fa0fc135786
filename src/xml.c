/*
 * xml.c: pull parser for PETRARCH's XML input (see xml.h).
 *
 * Accepts: <?xml ...?> declarations, <!-- comments --> (skipped, also
 * between elements and inside text), <!DOCTYPE ...> (skipped),
 * <![CDATA[...]]> (as text), start tags with attributes quoted by ' or ",
 * self-closing tags, end tags, and text.  Entities: &amp; &lt; &gt;
 * &quot; &apos; &#N; &#xN; -- an unknown entity is kept as written.
 */
#include <string.h>

#include "dyad.h"
#include "xml.h"

void dy_xml_init(struct dy_xml *x, const char *s, size_t n)
{
	x->p = s;
	x->end = s + n;
	x->start = s;
	x->line = 1;
	x->err = NULL;
	x->err_line = 0;
}

static void advance(struct dy_xml *x, const char *to)
{
	const char *p;

	for (p = x->p; p < to; p++)
		if (*p == '\n')
			x->line++;
	x->p = to;
}

static const char *find(const struct dy_xml *x, const char *from,
			const char *s)
{
	return dy_str_find(dy_str_make(from, (size_t)(x->end - from)), s);
}

static int fail(struct dy_xml *x, const char *msg)
{
	x->err = msg;
	x->err_line = x->line;
	return -1;
}

static int is_name_char(int c)
{
	return dy_isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':';
}

int dy_xml_next(struct dy_xml *x, struct dy_xml_tok *t)
{
	const char *p, *q;

	memset(t, 0, sizeof *t);
	for (;;) {
		if (x->p >= x->end) {
			t->kind = DY_XML_EOF;
			return 0;
		}
		t->line = x->line;
		p = x->p;
		if (*p != '<') {
			q = memchr(p, '<', (size_t)(x->end - p));
			if (!q)
				q = x->end;
			t->kind = DY_XML_TEXT;
			t->text = dy_str_make(p, (size_t)(q - p));
			advance(x, q);
			return 1;
		}
		if (x->end - p >= 4 && !memcmp(p, "<!--", 4)) {
			q = find(x, p + 4, "-->");
			if (!q)
				return fail(x, "unterminated comment");
			advance(x, q + 3);
			continue;
		}
		if (x->end - p >= 9 && !memcmp(p, "<![CDATA[", 9)) {
			q = find(x, p + 9, "]]>");
			if (!q)
				return fail(x, "unterminated CDATA section");
			t->kind = DY_XML_TEXT;
			t->text = dy_str_make(p + 9, (size_t)(q - p - 9));
			advance(x, q + 3);
			return 1;
		}
		if (x->end - p >= 2 && (p[1] == '?' || p[1] == '!')) {
			q = memchr(p, '>', (size_t)(x->end - p));
			if (!q)
				return fail(x, "unterminated declaration");
			advance(x, q + 1);
			continue;
		}
		break;
	}
	p = x->p + 1;
	if (p < x->end && *p == '/') {
		p++;
		q = p;
		while (q < x->end && is_name_char((unsigned char)*q))
			q++;
		if (q == p)
			return fail(x, "end tag without a name");
		t->kind = DY_XML_END;
		t->name = dy_str_make(p, (size_t)(q - p));
		while (q < x->end && dy_isspace((unsigned char)*q))
			q++;
		if (q >= x->end || *q != '>')
			return fail(x, "malformed end tag");
		advance(x, q + 1);
		return 1;
	}
	q = p;
	while (q < x->end && is_name_char((unsigned char)*q))
		q++;
	if (q == p)
		return fail(x, "'<' not followed by a tag name");
	t->kind = DY_XML_START;
	t->name = dy_str_make(p, (size_t)(q - p));
	p = q;
	/* attributes run to the first '>' outside quotes */
	{
		char quote = 0;

		for (q = p; q < x->end; q++) {
			if (quote) {
				if (*q == quote)
					quote = 0;
			} else if (*q == '"' || *q == '\'') {
				quote = *q;
			} else if (*q == '>' || *q == '<') {
				break;
			}
		}
		if (q >= x->end || *q != '>')
			return fail(x, "unterminated start tag");
	}
	t->empty = q > p && q[-1] == '/';
	t->attrs = dy_str_trim(dy_str_make(p, (size_t)(q - p - t->empty)));
	advance(x, q + 1);
	return 1;
}

int dy_xml_decode(struct dy_str s, struct dy_buf *out)
{
	size_t i = 0, run = 0;
	int rc = 0;

	while (i < s.n && !rc) {
		const char *semi;
		size_t k;

		if (s.p[i] != '&') {
			run++;
			i++;
			continue;
		}
		if (run)
			rc = dy_buf_add(out, s.p + i - run, run);
		run = 0;
		if (rc)
			break;
		semi = memchr(s.p + i, ';', s.n - i < 12 ? s.n - i : 12);
		if (!semi) {
			rc = dy_buf_addc(out, '&');
			i++;
			continue;
		}
		k = (size_t)(semi - (s.p + i));
		{
			struct dy_str e = dy_str_make(s.p + i + 1, k - 1);
			uint32_t cp = 0;
			int ok = 1;

			if (dy_str_eqc(e, "amp"))
				cp = '&';
			else if (dy_str_eqc(e, "lt"))
				cp = '<';
			else if (dy_str_eqc(e, "gt"))
				cp = '>';
			else if (dy_str_eqc(e, "quot"))
				cp = '"';
			else if (dy_str_eqc(e, "apos"))
				cp = '\'';
			else if (e.n > 1 && e.p[0] == '#') {
				size_t j = 1;
				int hex = e.p[1] == 'x' || e.p[1] == 'X';

				j += (size_t)hex;
				if (j >= e.n)
					ok = 0;
				for (; j < e.n && ok; j++) {
					int c = (unsigned char)e.p[j], v;

					if (dy_isdigit(c))
						v = c - '0';
					else if (hex && c >= 'a' && c <= 'f')
						v = c - 'a' + 10;
					else if (hex && c >= 'A' && c <= 'F')
						v = c - 'A' + 10;
					else {
						ok = 0;
						break;
					}
					cp = cp * (hex ? 16u : 10u) + (uint32_t)v;
					if (cp > 0x10ffff)
						ok = 0;
				}
				if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
					ok = 0;
			} else {
				ok = 0;
			}
			if (ok) {
				char u[4];

				rc = dy_buf_add(out, u, dy_utf8_encode(cp, u));
				i += k + 1;
			} else {
				rc = dy_buf_addc(out, '&');
				i++;
			}
		}
	}
	if (!rc && run)
		rc = dy_buf_add(out, s.p + i - run, run);
	return rc;
}

int dy_xml_attr(const struct dy_xml_tok *t, const char *name,
		struct dy_buf *out)
{
	const char *p = t->attrs.p, *end = t->attrs.p + t->attrs.n;
	size_t nl = strlen(name);

	while (p < end) {
		const char *n0, *n1, *v0;
		char quote;

		while (p < end && dy_isspace((unsigned char)*p))
			p++;
		if (p >= end)
			break;
		n0 = p;
		while (p < end && is_name_char((unsigned char)*p))
			p++;
		n1 = p;
		if (n1 == n0)
			return -1;
		while (p < end && dy_isspace((unsigned char)*p))
			p++;
		if (p >= end || *p != '=')
			return -1;
		p++;
		while (p < end && dy_isspace((unsigned char)*p))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return -1;
		quote = *p++;
		v0 = p;
		while (p < end && *p != quote)
			p++;
		if (p >= end)
			return -1;
		if ((size_t)(n1 - n0) == nl && !memcmp(n0, name, nl)) {
			dy_buf_reset(out);
			if (dy_xml_decode(dy_str_make(v0, (size_t)(p - v0)),
					  out))
				return -1;
			return 1;
		}
		p++;
	}
	return 0;
}
