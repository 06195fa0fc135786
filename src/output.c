/*
 * output.c: writing coded events.
 *
 *   JSON Lines  one object per event (docs/output.md lists the members);
 *               strings are escaped, invalid UTF-8 cannot occur (the
 *               story text was sanitized) but is replaced if it does.
 *   TSV         PETRARCH's columns first -- date (YYYYMMDD), source,
 *               target, code, issues, sentence id -- then goldstein,
 *               quad class, PLOVER type and the dictionary entry.
 */
#include <stdio.h>
#include <string.h>

#include "story.h"
#include "base/buf.h"

static const char *const mode_names[] = {
	/* ORDER DY_MODE */
	"negated", "future", "hypothetical", "conditional", "reported",
	"question",
};

static int jstr(struct dy_buf *b, const char *key, const char *v)
{
	int rc;

	if (!v)
		return 0;
	rc = dy_buf_printf(b, ",\"%s\":\"", key);
	rc = rc ? rc : dy_buf_add_json(b, v, strlen(v));
	return rc ? rc : dy_buf_addc(b, '"');
}

static int jspan(struct dy_buf *b, const char *key, struct dy_span sp)
{
	if (!sp.len)
		return 0;
	return dy_buf_printf(b, ",\"%s\":[%u,%u]", key, sp.off, sp.len);
}

static int event_json(const struct dy_story *st, const struct dy_event *e,
		      struct dy_buf *b)
{
	int rc = 0;
	size_t i;

	rc = dy_buf_adds(b, "{\"story_id\":\"");
	rc = rc ? rc : dy_buf_add_json(b, st->id, strlen(st->id));
	rc = rc ? rc : dy_buf_printf(b, "\",\"sentence\":%d", e->sentence);
	if (!rc && e->also_sentence >= 0)
		rc = dy_buf_printf(b, ",\"also_sentence\":%d",
				   e->also_sentence);
	rc = rc ? rc : jstr(b, "sentence_id", e->sentence_id);
	rc = rc ? rc : jstr(b, "date", e->date);
	rc = rc ? rc : jstr(b, "date_text", e->date_text);
	rc = rc ? rc : jstr(b, "date_how", e->date_how);
	rc = rc ? rc : jstr(b, "source", e->source);
	rc = rc ? rc : jstr(b, "target", e->target);
	rc = rc ? rc : jstr(b, "code", e->code);
	if (!rc && e->code && strlen(e->code) >= 2)
		rc = dy_buf_printf(b, ",\"root\":\"%.2s\"", e->code);
	if (!rc && e->quad)
		rc = dy_buf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f",
				   e->quad, e->goldstein);
	rc = rc ? rc : jstr(b, "plover", e->plover);
	rc = rc ? rc : jstr(b, "source_text", e->source_text);
	rc = rc ? rc : jspan(b, "source_span", e->source_span);
	rc = rc ? rc : jstr(b, "target_text", e->target_text);
	rc = rc ? rc : jspan(b, "target_span", e->target_span);
	rc = rc ? rc : jstr(b, "verb_text", e->verb_text);
	rc = rc ? rc : jspan(b, "verb_span", e->verb_span);
	rc = rc ? rc : jstr(b, "pattern", e->pattern);
	if (!rc && e->mode) {
		int first = 1;

		rc = dy_buf_adds(b, ",\"mode\":[");
		for (i = 0; i < sizeof mode_names / sizeof *mode_names && !rc;
		     i++)
			if (e->mode & (1u << i)) {
				rc = dy_buf_printf(b, "%s\"%s\"",
						   first ? "" : ",",
						   mode_names[i]);
				first = 0;
			}
		rc = rc ? rc : dy_buf_addc(b, ']');
	}
	rc = rc ? rc : jstr(b, "reported_by", e->reported_by);
	rc = rc ? rc : jstr(b, "reported_text", e->reported_text);
	if (!rc && e->location) {
		const struct dy_location *l = e->location;

		rc = dy_buf_adds(b, ",\"location\":{\"name\":\"");
		rc = rc ? rc : dy_buf_add_json(b, l->name, strlen(l->name));
		rc = rc ? rc : dy_buf_printf(b, "\",\"country\":\"%s\"",
					     l->country ? l->country : "");
		rc = rc ? rc : dy_buf_printf(b, ",\"lat\":%.4f,\"lon\":%.4f,"
					     "\"precision\":\"%s\"", l->lat,
					     l->lon, l->is_country ? "country"
							   : "city");
		rc = rc ? rc : dy_buf_addc(b, '}');
	}
	rc = rc ? rc : jstr(b, "issues", e->issues);
	return rc ? rc : dy_buf_adds(b, "}\n");
}

static int event_tsv(const struct dy_story *st, const struct dy_event *e,
		     struct dy_buf *b)
{
	char date[9] = "";
	int k = 0;
	const char *p;

	for (p = e->date; p && *p && k < 8; p++)
		if (*p != '-')
			date[k++] = *p;
	date[k] = '\0';
	return dy_buf_printf(b, "%s\t%s\t%s\t%s\t%s\t%s-%d\t%.1f\t%d\t%s\t%s\n",
			     date, e->source, e->target, e->code,
			     e->issues ? e->issues : "",
			     e->sentence_id ? e->sentence_id : st->id,
			     e->sentence, e->goldstein, e->quad,
			     e->plover ? e->plover : "",
			     e->pattern ? e->pattern : "");
}

int dy_story_write(const struct dy_story *st, enum dy_format fmt, FILE *out)
{
	struct dy_buf b;
	uint32_t i;
	int rc = 0;

	dy_buf_init(&b, 1u << 24);
	for (i = 0; i < st->nev && !rc; i++)
		rc = fmt == DY_FORMAT_TSV ? event_tsv(st, &st->events[i], &b)
					  : event_json(st, &st->events[i], &b);
	if (!rc && b.len && fwrite(b.buf, 1, b.len, out) != b.len)
		rc = DY_EIO;
	dy_buf_release(&b);
	return rc;
}
