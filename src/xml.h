/*
 * xml.h: a small pull parser for the XML that PETRARCH files use.
 *
 * It reads elements, attributes, character data, comments and the five
 * predefined entities plus numeric references -- enough for <Validation>
 * and <Sentences> files -- without DTDs or namespaces.  Text and
 * attribute values are decoded into a caller buffer on request.
 */
#ifndef DY_XML_H
#define DY_XML_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/str.h"

enum dy_xml_kind { DY_XML_EOF, DY_XML_START, DY_XML_END, DY_XML_TEXT };

struct dy_xml_tok {
	int kind;            /* enum dy_xml_kind */
	struct dy_str name;  /* element name (START, END) */
	struct dy_str attrs; /* raw attribute text (START) */
	struct dy_str text;  /* raw character data, entities undecoded */
	int empty;           /* START of a self-closing element */
	uint32_t line;       /* line where the token starts */
};

struct dy_xml {
	const char *p, *end; /* unread input */
	const char *start;   /* whole input, for line numbers */
	uint32_t line;       /* line of p */
	const char *err;     /* static message after an error */
	uint32_t err_line;   /* its line */
};

DY_INTERNAL void dy_xml_init(struct dy_xml *x, const char *s, size_t n);
/* Next token: 0 at the end, 1 for a token, -1 on malformed input (x->err
 * says why). */
DY_INTERNAL int dy_xml_next(struct dy_xml *x, struct dy_xml_tok *t);
/* Decoded value of attribute `name` of a START token into out; returns
 * 1 when present, 0 when absent, -1 on a malformed attribute list. */
DY_INTERNAL int dy_xml_attr(const struct dy_xml_tok *t, const char *name,
			    struct dy_buf *out);
/* Append s with entities decoded. */
DY_INTERNAL int dy_xml_decode(struct dy_str s, struct dy_buf *out);

#endif
