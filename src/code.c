/*
 * code.c: the coding pipeline of one story (dy_code).
 *
 *   discards   story-level phrases drop the story, sentence-level ones
 *              the sentence (matched on the folded text at word starts)
 *   split      raw text -> sentences (text.c); stories read with
 *              Treebank parses are already split
 *   parse      each sentence -> the sentence form (tree.c for given
 *              parses; the raw-text front-ends otherwise)
 *   actors     NPs -> actor codes on the story date (actors.c)
 *   match      clauses -> events (match.c)
 *   finish     CAMEO facts (Goldstein, quad class, PLOVER), texts of the
 *              spans, issues, modality filter, dedup
 *
 * A sentence that fails to parse is reported in the story's warnings and
 * skipped; the story goes on.  Only out-of-memory stops a story.
 */
#include <stdio.h>
#include <string.h>

#include "actors.h"
#include "code.h"
#include "dates.h"
#include "context.h"
#include "coref.h"
#include "ctx.h"
#include "dict.h"
#include "match.h"
#include "story.h"
#include "text.h"
#include "tree.h"
#include "base/str.h"

/* " TEXT " folded, for discard and issue matching */
static char *folded_sentence(struct dy_story *st, const struct dy_sent *s,
			     size_t *n)
{
	size_t m, i;
	char *f = dy_text_fold(&st->arena, st->text + s->off, s->len, &m);
	char *out;

	if (!f)
		return NULL;
	out = dy_arena_alloc(&st->arena, m + 3);
	if (!out)
		return NULL;
	out[0] = ' ';
	for (i = 0; i < m; i++)
		out[i + 1] = dy_isspace((unsigned char)f[i]) ? ' ' : f[i];
	out[m + 1] = ' ';
	out[m + 2] = '\0';
	*n = m + 2;
	return out;
}

/* Issues: "CODE n, CODE m" for the sentence, or NULL (PETRARCH: any
 * ignore phrase cancels the sentence's issues). */
static const char *issues_of(struct dy_story *st, const struct dy_dict *d,
			     const char *f, size_t n)
{
	const char *codes[32];
	int counts[32], k, nc;
	struct dy_buf b;
	const char *r;

	nc = dy_dict_issues(d, f, n, codes, counts, 32);
	if (nc <= 0)
		return NULL;
	dy_buf_init(&b, 4096);
	for (k = 0; k < nc; k++)
		dy_buf_printf(&b, "%s%s %d", k ? ", " : "", codes[k],
			      counts[k]);
	r = dy_arena_strndup(&st->arena, b.buf, b.len);
	dy_buf_release(&b);
	return r;
}

static int parse_sentence(struct dy_ctx *ctx, struct dy_story *st,
			  struct dy_sent *s, int idx)
{
	const char *err = NULL;
	int rc;

	if (s->parse) {
		rc = dy_tree_parse(&st->arena, s, st->text, &ctx->opt, &err);
		if (rc == DY_EPARSE || rc == DY_ELIMIT) {
			dy_story_warn(st, "story '%s' sentence %d%s%s: bad "
				      "parse: %s", st->id, idx,
				      s->id ? " " : "", s->id ? s->id : "",
				      err ? err : "unknown error");
			s->flags |= DY_SENT_TOOLONG;
			s->ntok = s->nnp = s->npp = s->ncl = 0;
			return rc;
		}
		return rc;
	}
	return dy_raw_parse(ctx, st, s, idx);
}

static void finish_event(struct dy_ctx *ctx, struct dy_story *st,
			 struct dy_event *ev, const char *issues)
{
	const struct dy_cameo_info *ci = dy_cameo_lookup(ctx, ev->code);

	if (ci) {
		ev->goldstein = ci->goldstein;
		ev->quad = ci->quad;
		ev->plover = ci->plover;
	}
	if (!ev->date)
		ev->date = st->date ? st->date_s : NULL;
	if (!ev->date_how)
		ev->date_how = st->date ? "story" : NULL;
	ev->source_text = dy_story_span_text(st, ev->source_span);
	ev->target_text = dy_story_span_text(st, ev->target_span);
	ev->verb_text = dy_story_span_text(st, ev->verb_span);
	if (issues && !ev->issues)
		ev->issues = issues;
}

/* --one-a-story / --one-a-day: keep the first of each key */
static void dedup(struct dy_ctx *ctx, struct dy_story *st)
{
	uint32_t i, j, k = 0;

	for (i = 0; i < st->nev; i++) {
		const struct dy_event *e = &st->events[i];
		int dup = 0;

		if (ctx->opt.asserted_only && e->mode)
			continue;
		for (j = 0; j < k && !dup; j++) {
			const struct dy_event *o = &st->events[j];

			if (strcmp(o->source, e->source) ||
			    strcmp(o->target, e->target) ||
			    strcmp(o->code, e->code))
				continue;
			if (ctx->opt.one_a_story)
				dup = 1;
			else if (ctx->opt.one_a_day && o->date && e->date &&
				 !strcmp(o->date, e->date))
				dup = 1;
		}
		if (!dup)
			st->events[k++] = *e;
	}
	st->nev = k;
}

/* Web pages bring lines that are not the story: photo credits, and
 * links to other articles -- a title without a full stop followed by a
 * line that is only its date and time ("2020.12.03 11:00").  They are
 * marked so no stage reads them. */
static int only_digits_and_marks(const char *p, size_t n)
{
	size_t i, digits = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (dy_isdigit(c))
			digits++;
		else if (!strchr(" .:-/,", c))
			return 0;
	}
	return digits >= 4;
}

static void boilerplate(struct dy_story *st)
{
	static const char *const credits[] = { "Photo:", "Photo by",
		"Photograph:", "Picture:", "Image:", "Video:", "Source:",
		"Read more:", "Related:", "READ MORE", NULL };
	uint32_t i;
	const char *const *c;

	for (i = 0; i < st->nsent; i++) {
		struct dy_sent *s = &st->sents[i];
		const char *p = st->text + s->off;

		for (c = credits; *c; c++)
			if (s->len >= strlen(*c) &&
			    !strncmp(p, *c, strlen(*c)))
				s->flags |= DY_SENT_DISCARD;
		if (i > 0 && only_digits_and_marks(p, s->len)) {
			struct dy_sent *t = &st->sents[i - 1];
			char last = t->len ? st->text[t->off + t->len - 1] : 0;

			s->flags |= DY_SENT_DISCARD;
			if (!strchr(".!?\"", last) && i - 1 > 0)
				t->flags |= DY_SENT_DISCARD;
		}
	}
}

/* An undated story often dates itself in its dateline: "VILNIUS,
 * March 3, 2021 --".  A full date near the start of the first two
 * sentences becomes the story date. */
static void dateline_date(struct dy_story *st)
{
	uint32_t i;

	for (i = 0; i < st->nsent && i < 2; i++) {
		const struct dy_sent *s = &st->sents[i];
		struct dy_timex tx[4];
		size_t n = dy_dates_find(st->text + s->off,
					 s->len < 80 ? s->len : 80, 0, tx, 4);

		if (n && tx[0].how == DY_HOW_EXPLICIT &&
		    tx[0].prec == DY_PREC_DAY) {
			st->date = tx[0].ymd;
			snprintf(st->date_s, sizeof st->date_s,
				 "%04d-%02d-%02d", (int)(st->date / 10000),
				 (int)(st->date / 100 % 100),
				 (int)(st->date % 100));
			return;
		}
	}
}

int dy_code(struct dy_ctx *ctx, struct dy_story *st)
{
	const struct dy_dict *d = ctx->dict;
	uint32_t i, first_ev;
	int rc = 0;

	if (st->coded)
		return dy_fail(ctx, DY_EINVAL, "story '%s' is already coded",
			       st->id);
	st->coded = 1;
	if (!st->presplit) {
		rc = dy_raw_split(ctx, st);
		if (rc)
			goto out;
		if (!ctx->opt.compat)
			boilerplate(st);
	}
	if (!st->date)
		dateline_date(st);
	if (!st->date)
		dy_story_warn(st, "story '%s': no date known (give --date "
			      "YYYY-MM-DD); events have none", st->id);
	for (i = 0; i < st->nsent && !rc; i++) {
		struct dy_sent *s = &st->sents[i];
		const char *f, *issues = NULL;
		size_t fn = 0;
		int disc, prc;
		uint32_t k;

		f = folded_sentence(st, s, &fn);
		if (!f) {
			rc = DY_ENOMEM;
			break;
		}
		disc = dy_dict_discards(d, f, fn, NULL);
		if (disc == 2) {
			st->discarded = 1;
			st->nev = 0;
			break;
		}
		if (disc == 1 || (s->flags & DY_SENT_DISCARD)) {
			s->flags |= DY_SENT_DISCARD;
			continue;
		}
		prc = parse_sentence(ctx, st, s, (int)i);
		if (prc == DY_ENOMEM) {
			rc = prc;
			break;
		}
		if (prc)
			continue;
		rc = dy_actors_resolve(ctx, &st->arena, s, st->date);
		if (!rc && !ctx->opt.compat && ctx->opt.context)
			rc = dy_context_places(ctx, st, (int)i);
		if (!rc && !ctx->opt.compat && ctx->opt.context)
			rc = dy_coref_sentence(ctx, st, (int)i);
		if (rc)
			break;
		first_ev = st->nev;
		rc = dy_match_sentence(ctx, st, (int)i);
		if (rc)
			break;
		if (d && d->nissues && st->nev > first_ev)
			issues = issues_of(st, d, f, fn);
		for (k = first_ev; k < st->nev; k++)
			finish_event(ctx, st, &st->events[k], issues);
	}
	if (!rc && ctx->opt.context)
		rc = dy_context_events(ctx, st);
	if (!rc && st->arena.oom)
		rc = DY_ENOMEM;
	if (!rc)
		dedup(ctx, st);
out:
	if (rc == DY_ENOMEM)
		return dy_fail(ctx, rc, "story '%s': out of memory (limit %u "
			       "MiB per story)", st->id,
			       DY_MAX_STORY_ARENA >> 20);
	return rc;
}

int dy_story_dump(struct dy_ctx *ctx, struct dy_story *st, FILE *out)
{
	struct dy_buf b;
	uint32_t i;
	int rc = 0;

	if (!st->coded) {
		rc = dy_code(ctx, st);
		if (rc)
			return rc;
	}
	dy_buf_init(&b, 1u << 24);
	for (i = 0; i < st->nsent && !rc; i++) {
		const struct dy_sent *s = &st->sents[i];

		rc = dy_buf_printf(&b, "# %s sentence %u%s%s: %.*s\n", st->id,
				   i, s->id ? " " : "", s->id ? s->id : "",
				   (int)s->len, st->text + s->off);
		rc = rc ? rc : dy_sent_dump(s, st->text, &b);
	}
	if (!rc && fwrite(b.buf, 1, b.len, out) != b.len)
		rc = DY_EIO;
	dy_buf_release(&b);
	return rc ? dy_fail(ctx, rc, "story '%s': cannot write the dump",
			    st->id) : 0;
}
