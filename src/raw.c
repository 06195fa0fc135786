/*
 * raw.c: raw text into sentences and tokens, then into the sentence form
 * through the configured front-end.
 *
 * Front-ends for raw text:
 *   shallow       the tagger-chunker (shallow.c): fast, always answers
 *   linkgrammar   Link Grammar's links (lg.c); a sentence it cannot link
 *                 completely, or that runs over its time or memory
 *                 limit, falls back to the shallow front-end
 *   auto          the default: see DY_FE_DEFAULT below and the README
 *                 for the measurement behind the choice
 */
#include <string.h>

#include "code.h"
#include "ctx.h"
#include "lg.h"
#include "shallow.h"
#include "story.h"
#include "text.h"

/* The front-end "auto" means, chosen by lenient event F1 on the
 * PLOVER development set and sentences per second (README). */
#define DY_FE_DEFAULT DY_FE_SHALLOW

int dy_raw_split(struct dy_ctx *ctx, struct dy_story *st)
{
	struct dy_span *sp;
	size_t n, i;
	int rc;

	(void)ctx;
	rc = dy_text_split(&st->arena, st->text, st->text_len, &sp, &n);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		struct dy_sent *s = dy_story_push_sent(st, sp[i].off,
						       sp[i].len);

		if (!s)
			return DY_ENOMEM;
		if (st->body_off && sp[i].off < st->body_off)
			s->flags |= DY_SENT_HEADLINE;
	}
	return 0;
}

/* The matcher reads a verb's phrase the way a Treebank VP holds it:
 * with its complement clauses ("agreed [to send peacekeepers]", "said
 * [that ...]"), so PETRARCH-style patterns such as "- * TO_SEND
 * &PEACEKEEPER" see them.  Front-ends for raw text stop a clause at its
 * last object or PP; extend it over its complements, innermost first. */
static void extend_phrases(struct dy_sent *s)
{
	int i, changed = 1, rounds = 0;

	while (changed && rounds++ < 16) {
		changed = 0;
		for (i = 0; i < s->ncl; i++) {
			struct dy_clause *c = &s->clauses[i];
			const struct dy_clause *p;

			if (c->parent < 0 || (c->rel != DY_REL_XCOMP &&
					      c->rel != DY_REL_CCOMP))
				continue;
			p = &s->clauses[c->parent];
			if (c->verb <= p->verb || c->vp_last <= p->vp_last)
				continue;
			s->clauses[c->parent].vp_last = c->vp_last;
			changed = 1;
		}
	}
}

/* Forget what a front-end filled in, keeping the tokens. */
static void reset(struct dy_sent *s)
{
	s->nnp = s->npp = s->ncl = 0;
}

int dy_raw_parse(struct dy_ctx *ctx, struct dy_story *st, struct dy_sent *s,
		 int idx)
{
	int rc, fe = ctx->opt.frontend;

	rc = dy_text_tokenize(&st->arena, st->text, s->off, s->len, &s->toks,
			      &s->ntok);
	if (rc == DY_ELIMIT) {
		dy_story_warn(st, "story '%s' sentence %d: over %d tokens, "
			      "skipped", st->id, idx, DY_MAX_SENTENCE_TOKENS);
		s->flags |= DY_SENT_TOOLONG;
		s->ntok = 0;
		return rc;
	}
	if (rc)
		return rc;
	if (fe == DY_FE_NONE || fe == DY_FE_TREEBANK)
		fe = DY_FE_DEFAULT;
	if (fe == DY_FE_LINKGRAMMAR) {
		const char *err = NULL;

		pthread_mutex_lock(&ctx->lg_lock);
		rc = ctx->lg ? 0 : dy_lg_open(&ctx->lg, &err);
		pthread_mutex_unlock(&ctx->lg_lock);
		if (rc)
			return dy_fail(ctx, rc, "cannot open Link Grammar: %s",
				       err ? err : dy_strerror(rc));
		rc = dy_lg_parse(ctx->lg, &st->arena, s, st->text,
				 ctx->opt.lg_timeout, ctx->opt.lg_linkages);
		if (rc == 0) {
			s->frontend = DY_FE_LINKGRAMMAR;
			extend_phrases(s);
			return 0;
		}
		if (rc != DY_EPARSE && rc != DY_ETIMEOUT)
			return rc;
		/* not fully linked, or too slow: the shallow parse */
		reset(s);
		s->flags |= DY_SENT_PARTIAL;
	}
	if (!ctx->shallow) {
		const char *err = NULL;

		if ((rc = dy_shallow_open(&ctx->shallow, &err)) != 0)
			return dy_fail(ctx, rc, "cannot open the shallow "
				       "parser: %s", err ? err : "");
	}
	rc = dy_shallow_parse(ctx->shallow, &st->arena, s, st->text);
	if (!rc) {
		s->frontend = DY_FE_SHALLOW;
		extend_phrases(s);
	}
	return rc;
}
