/*
 * validate.c: run PETRARCH validation-record files.
 *
 * Accepts a <Validation> document: an <Environment> naming the
 * dictionaries (<Verbfile>, <Actorfile> -- several, comma-separated, or
 * repeated --, <Agentfile>, <Discardfile>, <Issuefile>) and a
 * <Sentences> list of <Config option= value=> records and <Sentence
 * date= id= category= [place=]> records, each with <EventCoding
 * sourcecode= targetcode= eventcode=> (or noevents="True", or
 * error="dateline|bad_input_parse|storydiscard|sentencediscard"), <Text>
 * and <Parse>.  Every record is coded as a one-sentence story and the
 * produced triples compared with the expected ones as multisets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "ctx.h"
#include "dict.h"
#include "story.h"
#include "xml.h"
#include "base/buf.h"
#include "base/file.h"
#include "base/str.h"

#define MAX_EXPECT 64

struct record {
	struct dy_buf id, date, category, place, text, parse;
	struct dy_buf expected;     /* "SRC TGT CODE\n" lines */
	struct dy_buf error;        /* expected error, "" none */
	int noevents;
	int nexpect;
	char exp[MAX_EXPECT][3][64];
};

static void rec_init(struct record *r)
{
	dy_buf_init(&r->id, 4096);
	dy_buf_init(&r->date, 64);
	dy_buf_init(&r->category, 256);
	dy_buf_init(&r->place, 64);
	dy_buf_init(&r->text, 1u << 20);
	dy_buf_init(&r->parse, 1u << 22);
	dy_buf_init(&r->expected, 1u << 16);
	dy_buf_init(&r->error, 256);
	r->noevents = 0;
	r->nexpect = 0;
}

static void rec_reset(struct record *r)
{
	dy_buf_reset(&r->id);
	dy_buf_reset(&r->date);
	dy_buf_reset(&r->category);
	dy_buf_reset(&r->place);
	dy_buf_reset(&r->text);
	dy_buf_reset(&r->parse);
	dy_buf_reset(&r->expected);
	dy_buf_reset(&r->error);
	r->noevents = 0;
	r->nexpect = 0;
}

static void rec_release(struct record *r)
{
	dy_buf_release(&r->id);
	dy_buf_release(&r->date);
	dy_buf_release(&r->category);
	dy_buf_release(&r->place);
	dy_buf_release(&r->text);
	dy_buf_release(&r->parse);
	dy_buf_release(&r->expected);
	dy_buf_release(&r->error);
}

/* Collapse runs of white space (the XML text is wrapped). */
static void squeeze(struct dy_buf *b)
{
	size_t i, k = 0;
	int sp = 1;

	for (i = 0; i < b->len; i++) {
		char c = b->buf[i];

		if (dy_isspace((unsigned char)c)) {
			if (!sp)
				b->buf[k++] = ' ';
			sp = 1;
		} else {
			b->buf[k++] = c;
			sp = 0;
		}
	}
	while (k && b->buf[k - 1] == ' ')
		k--;
	dy_buf_setlen(b, k);
}

/* Text content of the current element up to its end tag. */
static int element_text(struct dy_xml *x, struct dy_str name,
			struct dy_buf *out)
{
	struct dy_xml_tok t;
	int r;

	dy_buf_reset(out);
	while ((r = dy_xml_next(x, &t)) > 0) {
		if (t.kind == DY_XML_TEXT) {
			if (dy_xml_decode(t.text, out))
				return -1;
		} else if (t.kind == DY_XML_END && dy_str_eq(t.name, name)) {
			return 0;
		}
	}
	return -1;
}

struct env {
	char verbs[8][512];
	int nverbs;
	char actors[16][512];
	int nactors;
	char agents[512], discards[512], issues[512];
};

static void add_names(char (*list)[512], int *n, int max, const char *s)
{
	while (*s && *n < max) {
		const char *c = strchr(s, ',');
		size_t len = c ? (size_t)(c - s) : strlen(s);
		struct dy_str t = dy_str_trim(dy_str_make(s, len));

		if (t.n && t.n < 512) {
			memcpy(list[*n], t.p, t.n);
			list[*n][t.n] = '\0';
			(*n)++;
		}
		if (!c)
			break;
		s = c + 1;
	}
}

static int read_env(struct dy_ctx *ctx, struct dy_xml *x, const char *path,
		    struct env *e)
{
	struct dy_xml_tok t;
	struct dy_buf b;
	int r, rc = 0;

	dy_buf_init(&b, 4096);
	while ((r = dy_xml_next(x, &t)) > 0) {
		if (t.kind == DY_XML_END && dy_str_eqc(t.name, "Environment"))
			break;
		if (t.kind != DY_XML_START || t.empty)
			continue;
		if (element_text(x, t.name, &b)) {
			rc = dy_fail(ctx, DY_EPARSE, "%s:%u: <%.*s> not closed",
				     path, t.line, (int)t.name.n, t.name.p);
			break;
		}
		squeeze(&b);
		if (dy_str_eqc(t.name, "Verbfile"))
			add_names(e->verbs, &e->nverbs, 8, b.buf);
		else if (dy_str_eqc(t.name, "Actorfile"))
			add_names(e->actors, &e->nactors, 16, b.buf);
		else if (dy_str_eqc(t.name, "Agentfile"))
			snprintf(e->agents, sizeof e->agents, "%s", b.buf);
		else if (dy_str_eqc(t.name, "Discardfile"))
			snprintf(e->discards, sizeof e->discards, "%s", b.buf);
		else if (dy_str_eqc(t.name, "Issuefile"))
			snprintf(e->issues, sizeof e->issues, "%s", b.buf);
	}
	dy_buf_release(&b);
	if (!rc && r < 0)
		rc = dy_fail(ctx, DY_EPARSE, "%s:%u: %s", path, x->err_line,
			     x->err);
	return rc;
}

static int load_env(struct dy_ctx *ctx, const struct env *e,
		    const char *dir)
{
	char path[2048];
	int i, rc;

#define LOAD(kind, name)                                                    \
	do {                                                                \
		snprintf(path, sizeof path, "%s/%s", dir, name);            \
		rc = dy_dict_load(ctx, kind, path);                         \
		if (rc)                                                     \
			return rc;                                          \
	} while (0)

	if (!e->nverbs || !e->nactors || !e->agents[0])
		return dy_fail(ctx, DY_EPARSE, "validation file: <Environment> "
			       "must name a <Verbfile>, an <Actorfile> and an "
			       "<Agentfile>");
	for (i = 0; i < e->nverbs; i++)
		LOAD(DY_DICT_VERBS, e->verbs[i]);
	for (i = 0; i < e->nactors; i++)
		LOAD(DY_DICT_ACTORS, e->actors[i]);
	LOAD(DY_DICT_AGENTS, e->agents);
	if (e->discards[0])
		LOAD(DY_DICT_DISCARDS, e->discards);
	if (e->issues[0])
		LOAD(DY_DICT_ISSUES, e->issues);
#undef LOAD
	return 0;
}

static int read_record(struct dy_ctx *ctx, struct dy_xml *x,
		       const struct dy_xml_tok *st, const char *path,
		       struct record *r)
{
	struct dy_xml_tok t;
	struct dy_buf b;
	int n;

	rec_reset(r);
	dy_buf_init(&b, 4096);
	dy_xml_attr(st, "id", &r->id);
	dy_xml_attr(st, "date", &r->date);
	dy_xml_attr(st, "category", &r->category);
	dy_xml_attr(st, "place", &r->place);
	while ((n = dy_xml_next(x, &t)) > 0) {
		if (t.kind == DY_XML_END && dy_str_eqc(t.name, "Sentence"))
			break;
		if (t.kind != DY_XML_START)
			continue;
		if (dy_str_eqc(t.name, "EventCoding")) {
			if (dy_xml_attr(&t, "noevents", &b) > 0) {
				r->noevents = 1;
				continue;
			}
			if (dy_xml_attr(&t, "error", &b) > 0) {
				dy_buf_add(&r->error, b.buf, b.len);
				continue;
			}
			if (r->nexpect < MAX_EXPECT) {
				char (*e)[64] = r->exp[r->nexpect];

				dy_xml_attr(&t, "sourcecode", &b);
				snprintf(e[0], 64, "%s", b.buf);
				dy_buf_reset(&b);
				dy_xml_attr(&t, "targetcode", &b);
				snprintf(e[1], 64, "%s", b.buf);
				dy_buf_reset(&b);
				dy_xml_attr(&t, "eventcode", &b);
				snprintf(e[2], 64, "%s", b.buf);
				dy_buf_reset(&b);
				dy_buf_printf(&r->expected, "%s %s %s\n", e[0],
					      e[1], e[2]);
				r->nexpect++;
			}
		} else if (dy_str_eqc(t.name, "Text") && !t.empty) {
			if (element_text(x, t.name, &r->text))
				goto bad;
			squeeze(&r->text);
		} else if (dy_str_eqc(t.name, "Parse") && !t.empty) {
			if (element_text(x, t.name, &r->parse))
				goto bad;
		}
	}
	dy_buf_release(&b);
	if (n <= 0)
		return dy_fail(ctx, DY_EPARSE, "%s:%u: <Sentence> not closed%s%s",
			       path, st->line, x->err ? ": " : "",
			       x->err ? x->err : "");
	return 0;
bad:
	dy_buf_release(&b);
	return dy_fail(ctx, DY_EPARSE, "%s:%u: element not closed in record "
		       "'%s'", path, t.line, r->id.buf);
}

/* PETRARCH check_irregulars: a dateline ("CEBU CITY: -- ...") means the
 * text is not a proper sentence. */
static int is_dateline(const char *s)
{
	const char *colon = strstr(s, ":");
	const char *p;

	if (!colon || colon - s > 40)
		return 0;
	for (p = s; p < colon; p++)
		if (dy_isalpha((unsigned char)*p) && *p >= 'a' && *p <= 'z')
			return 0;
	p = colon + 1;
	while (*p == ' ')
		p++;
	return !strncmp(p, "--", 2);
}

struct triple {
	const char *s, *t, *c;
	int used;
};

static int code_record(struct dy_ctx *ctx, struct record *r,
		       struct dy_buf *produced, const char **error)
{
	struct dy_story_info info;
	struct dy_story *st = NULL;
	char date[32];
	long ymd;
	int rc;
	uint32_t i;

	*error = NULL;
	dy_buf_reset(produced);
	memset(&info, 0, sizeof info);
	info.id = r->id.len ? r->id.buf : "record";
	if (r->date.len && !dy_parse_ymd(dy_str_make(r->date.buf, r->date.len),
					 &ymd)) {
		snprintf(date, sizeof date, "%04ld-%02ld-%02ld", ymd / 10000,
			 ymd / 100 % 100, ymd % 100);
		info.date = date;
	}
	if (is_dateline(r->text.buf)) {
		*error = "dateline";
		return 0;
	}
	rc = dy_story_new(ctx, &info, &st);
	if (rc)
		return rc;
	st->place = r->place.len ? dy_arena_strdup(&st->arena, r->place.buf)
				 : NULL;
	if (dy_str_trim(dy_str_make(r->parse.buf, r->parse.len)).n == 0) {
		dy_story_free(st);
		*error = "bad_input_parse";
		return 0;
	}
	rc = dy_story_add_parsed(st, r->id.buf, r->text.buf, r->text.len,
				 r->parse.buf, r->parse.len);
	if (!rc)
		rc = dy_code(ctx, st);
	if (rc) {
		dy_story_free(st);
		return rc;
	}
	if (st->discarded)
		*error = "storydiscard";
	else if (st->nsent && (st->sents[0].flags & DY_SENT_DISCARD))
		*error = "sentencediscard";
	else if (st->nsent && (st->sents[0].flags & DY_SENT_TOOLONG))
		*error = "bad_input_parse";
	for (i = 0; i < st->nev; i++)
		dy_buf_printf(produced, "%s %s %s\n", st->events[i].source,
			      st->events[i].target, st->events[i].code);
	dy_story_free(st);
	return 0;
}

/* Multiset comparison of "a b c" lines. */
static int same_events(const struct record *r, const char *produced)
{
	char buf[8192], *p, *save = NULL;
	int used[MAX_EXPECT] = { 0 }, n = 0, i;

	snprintf(buf, sizeof buf, "%s", produced);
	for (p = strtok_r(buf, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		char *a = p, *b = strchr(a, ' '), *c;

		if (!b)
			return 0;
		*b++ = '\0';
		c = strchr(b, ' ');
		if (!c)
			return 0;
		*c++ = '\0';
		for (i = 0; i < r->nexpect; i++)
			if (!used[i] && !strcmp(r->exp[i][0], a) &&
			    !strcmp(r->exp[i][1], b) && !strcmp(r->exp[i][2], c))
				break;
		if (i == r->nexpect)
			return 0;
		used[i] = 1;
		n++;
	}
	return n == r->nexpect;
}

int dy_validate_file(struct dy_ctx *ctx, const char *path,
		     const char *dict_dir, dy_valid_fn fn, void *ud,
		     int *npassed, int *nfailed)
{
	char *buf = NULL, dir[1024];
	size_t n;
	struct dy_xml x;
	struct dy_xml_tok t;
	struct env env;
	struct record rec;
	struct dy_buf produced, opt, val;
	int rc, r, have_env = 0;

	*npassed = *nfailed = 0;
	rc = dy_file_read(path, 1u << 28, &buf, &n);
	if (rc)
		return dy_fail(ctx, rc, "%s: cannot read: %s", path,
			       rc == DY_ENOTFOUND ? "no such file"
						  : dy_strerror(rc));
	if (!dict_dir) {
		const char *sl = strrchr(path, '/');

		snprintf(dir, sizeof dir, "%.*s", sl ? (int)(sl - path) : 1,
			 sl ? path : ".");
		dict_dir = dir;
	}
	memset(&env, 0, sizeof env);
	rec_init(&rec);
	dy_buf_init(&produced, 1u << 16);
	dy_buf_init(&opt, 256);
	dy_buf_init(&val, 256);
	dy_xml_init(&x, buf, n);
	/* PETRARCH's semantics, and its comma-deletion defaults */
	ctx->opt.compat = 1;
	ctx->opt.require_dyad = 1;
	ctx->opt.comma_min = 2;
	ctx->opt.comma_max = 8;
	ctx->opt.comma_emin = 2;
	ctx->opt.comma_emax = 8;
	while ((r = dy_xml_next(&x, &t)) > 0) {
		if (t.kind != DY_XML_START)
			continue;
		if (dy_str_eqc(t.name, "Environment")) {
			rc = read_env(ctx, &x, path, &env);
			if (!rc)
				rc = load_env(ctx, &env, dict_dir);
			if (rc)
				goto out;
			have_env = 1;
		} else if (dy_str_eqc(t.name, "Config")) {
			if (dy_xml_attr(&t, "option", &opt) > 0 &&
			    dy_xml_attr(&t, "value", &val) > 0 &&
			    strcmp(opt.buf, "stop_on_error")) {
				rc = dy_ctx_set_option(ctx, opt.buf, val.buf);
				if (rc) {
					rc = dy_fail(ctx, rc, "%s:%u: <Config>: "
						     "%s", path, t.line,
						     dy_errmsg(ctx));
					goto out;
				}
			}
		} else if (dy_str_eqc(t.name, "Sentence")) {
			struct dy_valid_result res;
			const char *error = NULL;

			if (!have_env) {
				rc = dy_fail(ctx, DY_EPARSE, "%s:%u: <Sentence> "
					     "before <Environment>", path,
					     t.line);
				goto out;
			}
			rc = read_record(ctx, &x, &t, path, &rec);
			if (rc)
				goto out;
			rc = code_record(ctx, &rec, &produced, &error);
			memset(&res, 0, sizeof res);
			res.id = rec.id.buf;
			res.category = rec.category.buf;
			res.text = rec.text.buf;
			res.expected = rec.error.len ? rec.error.buf
				       : rec.nexpect ? rec.expected.buf
						     : "no events";
			if (rc) {
				if (rc == DY_ENOMEM)
					goto out;
				res.error = dy_errmsg(ctx);
				res.produced = "";
				rc = 0;
			} else if (error) {
				res.produced = error;
				res.passed = rec.error.len &&
					     !strcmp(rec.error.buf, error);
			} else {
				res.produced = produced.len ? produced.buf
							    : "no events";
				res.passed = !rec.error.len &&
					     same_events(&rec, produced.buf);
			}
			if (res.passed)
				(*npassed)++;
			else
				(*nfailed)++;
			if (fn)
				fn(ud, &res);
		}
	}
	if (r < 0)
		rc = dy_fail(ctx, DY_EPARSE, "%s:%u: %s", path, x.err_line,
			     x.err);
	else if (!have_env)
		rc = dy_fail(ctx, DY_EPARSE, "%s: no <Environment> block",
			     path);
out:
	dy_buf_release(&produced);
	dy_buf_release(&opt);
	dy_buf_release(&val);
	rec_release(&rec);
	dy_free(buf, n + 1);
	return rc;
}
