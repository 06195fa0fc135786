/*
 * input.c: story readers.
 *
 * Accepts:
 *   JSON Lines   one object per line: {"id", "date" (YYYY-MM-DD),
 *                "source", "title", "text"}; "id" may be a number; blank
 *                lines are skipped; other members are ignored.
 *   text         a file is one story (id = the file name without its
 *                directory); a directory gives every regular file in it
 *                whose name does not start with '.', in name order.  The
 *                date comes from the "date" option (--date), or else from
 *                a YYYY-MM-DD in the file name; a story with neither gets
 *                a warning that no date is known.
 *   PETRARCH XML <Sentences> batch files and <Validation> files:
 *                <Sentence date= id= [source=]><Text>..</Text><Parse>..
 *                </Parse></Sentence>; consecutive sentences whose ids
 *                differ only in a final "-NN" or "_NN" form one story.
 *   "-"          standard input, JSON Lines unless told otherwise.
 *
 * Errors name the file and line (JSON Lines, XML) or the file (text); the
 * reader then moves on to the next record, so a caller can report and go
 * on.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctx.h"
#include "json.h"
#include "story.h"
#include "xml.h"
#include "base/buf.h"
#include "base/file.h"
#include "base/str.h"

struct dy_reader {
	struct dy_ctx *ctx;
	int fmt;                 /* enum dy_input_format */
	char *path;              /* file or directory */
	FILE *f;                 /* JSON Lines stream */
	int own_f;               /* close f at the end */
	uint32_t line;           /* JSON Lines line number */
	struct dy_buf lb;        /* current line */
	char **files;            /* text: files to read */
	size_t nfiles, next, files_cap;
	char *xml;               /* XML: whole file */
	size_t xml_len;
	struct dy_xml x;
	int xml_pending;         /* a <Sentence> start token is held */
	struct dy_xml_tok held;
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(struct dy_reader *r)
{
	DIR *d = opendir(r->path);
	struct dirent *de;
	int rc = 0;

	if (!d)
		return dy_fail(r->ctx, DY_EIO, "%s: cannot open directory",
			       r->path);
	while ((de = readdir(d)) != NULL) {
		char full[4096];
		struct stat sb;

		if (de->d_name[0] == '.')
			continue;
		snprintf(full, sizeof full, "%s/%s", r->path, de->d_name);
		if (stat(full, &sb) || !S_ISREG(sb.st_mode))
			continue;
		if (r->nfiles == r->files_cap) {
			size_t ncap = r->files_cap ? r->files_cap * 2 : 64;
			char **p = r->files ? dy_realloc(r->files,
				r->files_cap * sizeof *p, ncap * sizeof *p)
				: dy_malloc(ncap * sizeof *p);
			if (!p) {
				rc = DY_ENOMEM;
				break;
			}
			r->files = p;
			r->files_cap = ncap;
		}
		r->files[r->nfiles] = dy_strndup(full, strlen(full));
		if (!r->files[r->nfiles]) {
			rc = DY_ENOMEM;
			break;
		}
		r->nfiles++;
	}
	closedir(d);
	if (r->nfiles)
		qsort(r->files, r->nfiles, sizeof *r->files, cmp_names);
	if (rc)
		return dy_fail(r->ctx, rc, "out of memory");
	return 0;
}

int dy_reader_open(struct dy_ctx *ctx, const char *path,
		   enum dy_input_format fmt, struct dy_reader **out)
{
	struct dy_reader *r;
	struct stat sb;
	int rc = 0;

	*out = NULL;
	r = dy_calloc(1, sizeof *r);
	if (!r)
		return dy_fail(ctx, DY_ENOMEM, "out of memory");
	r->ctx = ctx;
	dy_buf_init(&r->lb, DY_MAX_LINE_BYTES);
	r->path = dy_strndup(path, strlen(path));
	if (!r->path) {
		rc = dy_fail(ctx, DY_ENOMEM, "out of memory");
		goto fail;
	}
	if (!strcmp(path, "-")) {
		r->fmt = fmt == DY_INPUT_AUTO ? DY_INPUT_JSONL : fmt;
		if (r->fmt != DY_INPUT_JSONL) {
			rc = dy_fail(ctx, DY_EINVAL, "standard input must be "
				     "JSON Lines");
			goto fail;
		}
		r->f = stdin;
		*out = r;
		return 0;
	}
	if (stat(path, &sb)) {
		rc = dy_fail(ctx, DY_ENOTFOUND, "%s: no such file or directory",
			     path);
		goto fail;
	}
	if (S_ISDIR(sb.st_mode)) {
		if (fmt != DY_INPUT_AUTO && fmt != DY_INPUT_TEXT) {
			rc = dy_fail(ctx, DY_EINVAL, "%s: a directory is read "
				     "as text files", path);
			goto fail;
		}
		r->fmt = DY_INPUT_TEXT;
		rc = list_dir(r);
		if (rc)
			goto fail;
		*out = r;
		return 0;
	}
	if (fmt == DY_INPUT_AUTO)
		fmt = ends_with(path, ".jsonl") || ends_with(path, ".json") ||
		      ends_with(path, ".ndjson") ? DY_INPUT_JSONL
		      : ends_with(path, ".xml") ? DY_INPUT_XML : DY_INPUT_TEXT;
	r->fmt = fmt;
	switch (fmt) {
	case DY_INPUT_JSONL:
		r->f = fopen(path, "rb");
		if (!r->f) {
			rc = dy_fail(ctx, DY_EIO, "%s: cannot open", path);
			goto fail;
		}
		r->own_f = 1;
		break;
	case DY_INPUT_XML:
		rc = dy_file_read(path, 1u << 30, &r->xml, &r->xml_len);
		if (rc) {
			rc = dy_fail(ctx, rc, "%s: cannot read: %s", path,
				     dy_strerror(rc));
			goto fail;
		}
		dy_xml_init(&r->x, r->xml, r->xml_len);
		break;
	default:
		r->files = dy_malloc(sizeof *r->files);
		r->files_cap = 1;
		if (!r->files || !(r->files[0] = dy_strndup(path,
							     strlen(path)))) {
			rc = dy_fail(ctx, DY_ENOMEM, "out of memory");
			goto fail;
		}
		r->nfiles = 1;
	}
	*out = r;
	return 0;
fail:
	dy_reader_free(r);
	return rc;
}

void dy_reader_free(struct dy_reader *r)
{
	size_t i;

	if (!r)
		return;
	if (r->own_f && r->f)
		fclose(r->f);
	for (i = 0; i < r->nfiles; i++)
		dy_free(r->files[i], strlen(r->files[i]) + 1);
	if (r->files)
		dy_free(r->files, r->files_cap * sizeof *r->files);
	if (r->xml)
		dy_free(r->xml, r->xml_len + 1);
	dy_buf_release(&r->lb);
	if (r->path)
		dy_free(r->path, strlen(r->path) + 1);
	dy_free(r, sizeof *r);
}

/* ---- JSON Lines ---- */

struct jstory {
	struct dy_buf id, date, source, title, text;
	int has_id, has_text;
	const char *bad;  /* member with the wrong type */
};

static int on_member(void *ud, struct dy_str name, int type,
		     struct dy_str v)
{
	struct jstory *j = ud;
	struct dy_buf *dst = NULL;

	if (dy_str_eqc(name, "id")) {
		if (type != DY_JSON_STRING && type != DY_JSON_NUMBER) {
			j->bad = "id";
			return 0;
		}
		dst = &j->id;
		j->has_id = 1;
	} else if (dy_str_eqc(name, "date")) {
		dst = &j->date;
	} else if (dy_str_eqc(name, "source")) {
		dst = &j->source;
	} else if (dy_str_eqc(name, "title")) {
		dst = &j->title;
	} else if (dy_str_eqc(name, "text")) {
		dst = &j->text;
		j->has_text = type == DY_JSON_STRING;
	}
	if (!dst)
		return 0;
	if (type == DY_JSON_NULL)
		return 0;
	if (type != DY_JSON_STRING && dst != &j->id) {
		j->bad = dst == &j->date ? "date" : dst == &j->source ? "source"
			 : dst == &j->title ? "title" : "text";
		return 0;
	}
	dy_buf_reset(dst);
	return dy_buf_add(dst, v.p, v.n);
}

static int read_line(struct dy_reader *r)
{
	int c;

	dy_buf_reset(&r->lb);
	for (;;) {
		c = getc(r->f);
		if (c == EOF)
			return r->lb.len ? 1 : (ferror(r->f) ? -1 : 0);
		if (c == '\n')
			return 1;
		if (dy_buf_addc(&r->lb, (char)c)) {
			/* too long: skip to the end of the line */
			while ((c = getc(r->f)) != EOF && c != '\n')
				;
			return -2;
		}
	}
}

static int next_jsonl(struct dy_reader *r, struct dy_story **out)
{
	struct jstory j;
	struct dy_story_info info;
	const char *err = NULL;
	size_t at = 0;
	int rc;

	for (;;) {
		rc = read_line(r);
		r->line++;
		if (rc == 0)
			return 0;
		if (rc == -1)
			return dy_fail(r->ctx, DY_EIO, "%s:%u: read error",
				       r->path, r->line);
		if (rc == -2)
			return dy_fail(r->ctx, DY_ELIMIT, "%s:%u: line longer "
				       "than %u bytes", r->path, r->line,
				       DY_MAX_LINE_BYTES);
		if (dy_str_trim(dy_str_make(r->lb.buf, r->lb.len)).n)
			break;
	}
	memset(&j, 0, sizeof j);
	dy_buf_init(&j.id, 4096);
	dy_buf_init(&j.date, 64);
	dy_buf_init(&j.source, 4096);
	dy_buf_init(&j.title, 1u << 16);
	dy_buf_init(&j.text, DY_MAX_LINE_BYTES);
	rc = dy_json_object(r->lb.buf, r->lb.len, on_member, &j, &err, &at);
	if (rc == DY_EPARSE) {
		rc = dy_fail(r->ctx, rc, "%s:%u: not a JSON object: %s at "
			     "byte %zu", r->path, r->line, err, at + 1);
	} else if (rc) {
		rc = dy_fail(r->ctx, rc, "%s:%u: out of memory", r->path,
			     r->line);
	} else if (j.bad) {
		rc = dy_fail(r->ctx, DY_EPARSE, "%s:%u: \"%s\" has the wrong "
			     "type", r->path, r->line, j.bad);
	} else if (!j.has_id || !j.id.len) {
		rc = dy_fail(r->ctx, DY_EPARSE, "%s:%u: story without an "
			     "\"id\"", r->path, r->line);
	} else if (!j.has_text) {
		rc = dy_fail(r->ctx, DY_EPARSE, "%s:%u: story '%s': no "
			     "\"text\"", r->path, r->line, j.id.buf);
	} else {
		memset(&info, 0, sizeof info);
		info.id = j.id.buf;
		info.date = j.date.len ? j.date.buf : NULL;
		info.source = j.source.len ? j.source.buf : NULL;
		info.title = j.title.len ? j.title.buf : NULL;
		info.text = j.text.buf;
		info.text_len = j.text.len;
		rc = dy_story_new(r->ctx, &info, out);
		if (rc) {
			char msg[sizeof r->ctx->errmsg];

			snprintf(msg, sizeof msg, "%s", dy_errmsg(r->ctx));
			dy_fail(r->ctx, rc, "%s:%u: %s", r->path, r->line,
				msg);
		}
	}
	dy_buf_release(&j.id);
	dy_buf_release(&j.date);
	dy_buf_release(&j.source);
	dy_buf_release(&j.title);
	dy_buf_release(&j.text);
	return rc ? rc : 1;
}

/* ---- text files ---- */

static int date_in_name(const char *name, char *out)
{
	size_t n = strlen(name), i;
	long ymd;

	for (i = 0; i + 10 <= n; i++) {
		if (!dy_isdigit((unsigned char)name[i]) || name[i + 4] != '-')
			continue;
		if (!dy_parse_ymd(dy_str_make(name + i, 10), &ymd)) {
			memcpy(out, name + i, 10);
			out[10] = '\0';
			return 1;
		}
	}
	return 0;
}

static int next_text(struct dy_reader *r, struct dy_story **out)
{
	struct dy_story_info info;
	const char *file, *base;
	char *buf = NULL, date[11];
	size_t n;
	int rc;

	if (r->next >= r->nfiles)
		return 0;
	file = r->files[r->next++];
	rc = dy_file_read(file, DY_MAX_STORY_BYTES, &buf, &n);
	if (rc == DY_ELIMIT)
		return dy_fail(r->ctx, rc, "%s: larger than the story limit "
			       "of %u bytes", file, DY_MAX_STORY_BYTES);
	if (rc)
		return dy_fail(r->ctx, rc, "%s: cannot read", file);
	base = strrchr(file, '/');
	base = base ? base + 1 : file;
	memset(&info, 0, sizeof info);
	info.id = base;
	info.text = buf;
	info.text_len = n;
	if (!r->ctx->opt.default_date && date_in_name(base, date))
		info.date = date;
	rc = dy_story_new(r->ctx, &info, out);
	dy_free(buf, n + 1);
	if (rc) {
		char msg[sizeof r->ctx->errmsg];

		snprintf(msg, sizeof msg, "%s", dy_errmsg(r->ctx));
		return dy_fail(r->ctx, rc, "%s: %s", file, msg);
	}
	return 1;
}

/* ---- PETRARCH XML ---- */

/* story id of a sentence id: drop a final "-NN" or "_NN" */
static size_t story_prefix(const char *id)
{
	size_t n = strlen(id), i = n;

	while (i > 0 && dy_isdigit((unsigned char)id[i - 1]))
		i--;
	if (i < n && i > 1 && (id[i - 1] == '-' || id[i - 1] == '_'))
		return i - 1;
	return n;
}

static int xml_sentence(struct dy_reader *r, const struct dy_xml_tok *st,
			struct dy_buf *id, struct dy_buf *date,
			struct dy_buf *source, struct dy_buf *text,
			struct dy_buf *parse)
{
	struct dy_xml_tok t;
	int k;

	dy_buf_reset(id);
	dy_buf_reset(date);
	dy_buf_reset(source);
	dy_buf_reset(text);
	dy_buf_reset(parse);
	dy_xml_attr(st, "id", id);
	dy_xml_attr(st, "date", date);
	dy_xml_attr(st, "source", source);
	while ((k = dy_xml_next(&r->x, &t)) > 0) {
		struct dy_buf *dst = NULL;

		if (t.kind == DY_XML_END && dy_str_eqc(t.name, "Sentence"))
			return 1;
		if (t.kind != DY_XML_START || t.empty)
			continue;
		if (dy_str_eqc(t.name, "Text"))
			dst = text;
		else if (dy_str_eqc(t.name, "Parse"))
			dst = parse;
		if (!dst)
			continue;
		while ((k = dy_xml_next(&r->x, &t)) > 0) {
			if (t.kind == DY_XML_TEXT && dy_xml_decode(t.text, dst))
				return DY_ENOMEM;
			if (t.kind == DY_XML_END)
				break;
		}
	}
	return k < 0 ? -1 : 0;
}

static int next_xml(struct dy_reader *r, struct dy_story **out)
{
	struct dy_buf id, date, source, text, parse;
	struct dy_story *st = NULL;
	struct dy_xml_tok t;
	char prefix[512] = "";
	int k, rc = 0;

	dy_buf_init(&id, 4096);
	dy_buf_init(&date, 64);
	dy_buf_init(&source, 4096);
	dy_buf_init(&text, DY_MAX_STORY_BYTES);
	dy_buf_init(&parse, 1u << 24);
	for (;;) {
		const char *p;
		size_t pl;

		if (r->xml_pending) {
			t = r->held;
			r->xml_pending = 0;
			k = 1;
		} else {
			k = dy_xml_next(&r->x, &t);
		}
		if (k <= 0)
			break;
		if (t.kind != DY_XML_START || !dy_str_eqc(t.name, "Sentence"))
			continue;
		if (st) {
			/* does it belong to the story being built? */
			dy_xml_attr(&t, "id", &id);
			pl = story_prefix(id.buf);
			if (pl != strlen(prefix) || strncmp(id.buf, prefix, pl)) {
				r->held = t;
				r->xml_pending = 1;
				break;
			}
		}
		k = xml_sentence(r, &t, &id, &date, &source, &text, &parse);
		if (k <= 0) {
			rc = k == DY_ENOMEM ? dy_fail(r->ctx, k, "out of memory")
			     : dy_fail(r->ctx, DY_EPARSE, "%s:%u: %s", r->path,
				       r->x.err ? r->x.err_line : t.line,
				       r->x.err ? r->x.err
						: "<Sentence> not closed");
			break;
		}
		if (!st) {
			struct dy_story_info info;
			char ds[32];
			long ymd;

			memset(&info, 0, sizeof info);
			pl = story_prefix(id.buf);
			snprintf(prefix, sizeof prefix, "%.*s", (int)pl,
				 id.buf);
			info.id = prefix[0] ? prefix : "story";
			info.source = source.len ? source.buf : NULL;
			p = date.buf;
			if (date.len && !dy_parse_ymd(dy_str_make(p, date.len),
						      &ymd)) {
				snprintf(ds, sizeof ds, "%04d-%02d-%02d",
					 (int)(ymd / 10000),
					 (int)(ymd / 100 % 100),
					 (int)(ymd % 100));
				info.date = ds;
			} else if (date.len) {
				rc = dy_fail(r->ctx, DY_EPARSE, "%s:%u: sentence "
					     "'%s': bad date '%s'", r->path,
					     t.line, id.buf, date.buf);
				break;
			}
			rc = dy_story_new(r->ctx, &info, &st);
			if (rc)
				break;
		}
		rc = dy_story_add_parsed(st, id.buf, text.buf, text.len,
					 parse.len ? parse.buf : NULL,
					 parse.len);
		if (rc)
			break;
	}
	if (!rc && k < 0)
		rc = dy_fail(r->ctx, DY_EPARSE, "%s:%u: %s", r->path,
			     r->x.err_line, r->x.err);
	dy_buf_release(&id);
	dy_buf_release(&date);
	dy_buf_release(&source);
	dy_buf_release(&text);
	dy_buf_release(&parse);
	if (rc) {
		dy_story_free(st);
		if (k < 0)
			r->x.p = r->x.end; /* a broken file ends here */
		return rc;
	}
	if (!st)
		return 0;
	*out = st;
	return 1;
}

int dy_reader_next(struct dy_reader *r, struct dy_story **story)
{
	*story = NULL;
	switch (r->fmt) {
	case DY_INPUT_JSONL: return next_jsonl(r, story);
	case DY_INPUT_XML: return next_xml(r, story);
	default: return next_text(r, story);
	}
}
