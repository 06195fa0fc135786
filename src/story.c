/*
 * story.c: creating stories, storing their text and sentences, accessors
 * for coded events, and warnings.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "story.h"
#include "text.h"
#include "base/str.h"

void dy_story_warn(struct dy_story *st, const char *fmt, ...)
{
	va_list ap;

	/* warnings are best effort: a full buffer drops the rest */
	va_start(ap, fmt);
	if (dy_buf_vprintf(&st->warnings, fmt, ap) == 0)
		dy_buf_addc(&st->warnings, '\n');
	va_end(ap);
}

static int set_text(struct dy_story *st, const char *title, const char *s,
		    size_t n)
{
	char *clean = NULL, *tclean = NULL;
	size_t cn = 0, tn = 0, nbad = 0, first = 0, tbad = 0, tfirst = 0;
	int rc;

	if (n > DY_MAX_STORY_BYTES)
		return DY_ELIMIT;
	rc = dy_text_sanitize(&st->arena, s, n, &clean, &cn, &nbad, &first);
	if (rc)
		return rc;
	if (nbad)
		dy_story_warn(st, "story '%s': %zu invalid UTF-8 sequence%s "
			      "replaced (first at byte %zu)", st->id, nbad,
			      nbad == 1 ? "" : "s", first);
	if (title && *title) {
		rc = dy_text_sanitize(&st->arena, title, strlen(title),
				      &tclean, &tn, &tbad, &tfirst);
		if (rc)
			return rc;
		if (tbad)
			dy_story_warn(st, "story '%s': invalid UTF-8 in the "
				      "title replaced", st->id);
		/* headline, blank line, body: the splitter keeps the
		 * headline a sentence of its own */
		st->text = dy_arena_alloc(&st->arena, tn + 2 + cn + 1);
		if (!st->text)
			return DY_ENOMEM;
		memcpy(st->text, tclean, tn);
		memcpy(st->text + tn, "\n\n", 2);
		memcpy(st->text + tn + 2, clean, cn);
		st->text_len = tn + 2 + cn;
		st->text[st->text_len] = '\0';
		st->body_off = (uint32_t)(tn + 2);
	} else {
		st->text = clean;
		st->text_len = cn;
		st->body_off = 0;
	}
	st->text_cap = st->text_len + 1;
	return 0;
}

int dy_story_new(struct dy_ctx *ctx, const struct dy_story_info *info,
		 struct dy_story **out)
{
	struct dy_story *st;
	int rc = DY_ENOMEM;

	*out = NULL;
	if (!info || !info->id || !*info->id)
		return dy_fail(ctx, DY_EINVAL, "story without an id");
	st = dy_calloc(1, sizeof *st);
	if (!st)
		return dy_fail(ctx, DY_ENOMEM, "out of memory");
	dy_arena_init(&st->arena, DY_MAX_STORY_ARENA);
	dy_buf_init(&st->warnings, 1u << 16);
	st->ctx = ctx;
	st->id = dy_arena_strdup(&st->arena, info->id);
	st->source = info->source ? dy_arena_strdup(&st->arena, info->source)
				  : NULL;
	st->title = info->title ? dy_arena_strdup(&st->arena, info->title)
				: NULL;
	if (!st->id || (info->source && !st->source) ||
	    (info->title && !st->title))
		goto fail;
	if (info->date && *info->date) {
		if (dy_parse_ymd(dy_str_c(info->date), &st->date)) {
			rc = dy_fail(ctx, DY_EPARSE, "story '%s': bad date "
				     "'%s' (want YYYY-MM-DD)", info->id,
				     info->date);
			goto fail_quiet;
		}
	} else if (ctx->opt.default_date) {
		st->date = ctx->opt.default_date;
	}
	if (st->date)
		snprintf(st->date_s, sizeof st->date_s, "%04d-%02d-%02d",
			 (int)(st->date / 10000 % 10000),
			 (int)(st->date / 100 % 100), (int)(st->date % 100));
	rc = set_text(st, info->title, info->text ? info->text : "",
		      info->text ? info->text_len : 0);
	if (rc == DY_ELIMIT) {
		rc = dy_fail(ctx, DY_ELIMIT, "story '%s': text of %zu bytes "
			     "is over the limit of %u", info->id,
			     info->text_len, DY_MAX_STORY_BYTES);
		goto fail_quiet;
	}
	if (rc)
		goto fail;
	*out = st;
	return DY_OK;
fail:
	rc = dy_fail(ctx, DY_ENOMEM, "out of memory");
fail_quiet:
	dy_story_free(st);
	return rc;
}

void dy_story_free(struct dy_story *st)
{
	if (!st)
		return;
	dy_buf_release(&st->warnings);
	dy_arena_release(&st->arena);
	dy_free(st, sizeof *st);
}

struct dy_sent *dy_story_push_sent(struct dy_story *st, uint32_t off,
				   uint32_t len)
{
	struct dy_sent *s;

	if (st->nsent == st->capsent) {
		uint32_t ncap = st->capsent ? st->capsent * 2 : 16;
		void *p = dy_arena_grow(&st->arena, st->sents, st->nsent, ncap,
					sizeof *st->sents);
		if (!p)
			return NULL;
		st->sents = p;
		st->capsent = ncap;
	}
	s = &st->sents[st->nsent++];
	memset(s, 0, sizeof *s);
	s->off = off;
	s->len = len;
	return s;
}

int dy_story_add_parsed(struct dy_story *st, const char *sent_id,
			const char *text, size_t text_len, const char *parse,
			size_t parse_len)
{
	char *clean;
	size_t cn, nbad, first, need;
	struct dy_sent *s;
	int rc;

	if (st->coded)
		return dy_fail(st->ctx, DY_EINVAL, "story '%s' is already "
			       "coded", st->id);
	rc = dy_text_sanitize(&st->arena, text, text_len, &clean, &cn, &nbad,
			      &first);
	if (rc)
		return dy_fail(st->ctx, rc, "out of memory");
	need = st->text_len + (st->text_len ? 1 : 0) + cn + 1;
	if (need > DY_MAX_STORY_BYTES)
		return dy_fail(st->ctx, DY_ELIMIT, "story '%s': text over "
			       "the limit", st->id);
	if (need > st->text_cap) {
		size_t ncap = st->text_cap * 2 > need ? st->text_cap * 2 : need;
		char *p = dy_arena_alloc(&st->arena, ncap);

		if (!p)
			return dy_fail(st->ctx, DY_ENOMEM, "out of memory");
		memcpy(p, st->text, st->text_len);
		st->text = p;
		st->text_cap = ncap;
	}
	if (st->text_len)
		st->text[st->text_len++] = '\n';
	s = dy_story_push_sent(st, (uint32_t)st->text_len, (uint32_t)cn);
	if (!s)
		return dy_fail(st->ctx, DY_ENOMEM, "out of memory");
	memcpy(st->text + st->text_len, clean, cn);
	st->text_len += cn;
	st->text[st->text_len] = '\0';
	s->id = sent_id ? dy_arena_strdup(&st->arena, sent_id) : NULL;
	/* without a parse the sentence goes to the raw-text front-end */
	if (parse && parse_len) {
		s->parse = dy_arena_strndup(&st->arena, parse, parse_len);
		s->parse_len = parse_len;
		if (!s->parse)
			return dy_fail(st->ctx, DY_ENOMEM, "out of memory");
	}
	if (sent_id && !s->id)
		return dy_fail(st->ctx, DY_ENOMEM, "out of memory");
	st->presplit = 1;
	return DY_OK;
}

struct dy_event *dy_story_push_event(struct dy_story *st,
				     const struct dy_event *ev)
{
	if (st->nev == st->capev) {
		uint32_t ncap = st->capev ? st->capev * 2 : 16;
		void *p = dy_arena_grow(&st->arena, st->events, st->nev, ncap,
					sizeof *st->events);
		if (!p)
			return NULL;
		st->events = p;
		st->capev = ncap;
	}
	st->events[st->nev] = *ev;
	return &st->events[st->nev++];
}

const char *dy_story_span_text(struct dy_story *st, struct dy_span sp)
{
	if (sp.off > st->text_len || sp.len > st->text_len - sp.off)
		return NULL;
	return dy_arena_strndup(&st->arena, st->text + sp.off, sp.len);
}

size_t dy_story_event_count(const struct dy_story *st)
{
	return st->nev;
}

const struct dy_event *dy_story_event(const struct dy_story *st, size_t i)
{
	return i < st->nev ? &st->events[i] : NULL;
}

const char *dy_story_id(const struct dy_story *st)
{
	return st->id;
}

const char *dy_story_date(const struct dy_story *st)
{
	return st->date ? st->date_s : NULL;
}

const char *dy_story_source(const struct dy_story *st)
{
	return st->source;
}

const char *dy_story_title(const struct dy_story *st)
{
	return st->title;
}

const char *dy_story_text(const struct dy_story *st, size_t *len)
{
	if (len)
		*len = st->text_len;
	return st->text ? st->text : "";
}

size_t dy_story_sentence_count(const struct dy_story *st)
{
	return st->nsent;
}

struct dy_span dy_story_sentence(const struct dy_story *st, size_t i)
{
	struct dy_span sp = { 0, 0 };

	if (i < st->nsent) {
		sp.off = st->sents[i].off;
		sp.len = st->sents[i].len;
	}
	return sp;
}

const char *dy_story_warnings(const struct dy_story *st)
{
	return st->warnings.buf;
}
