/*
 * raw.c: raw text into sentences and tokens, then into the sentence form
 * through the configured front-end.
 */
#include <string.h>

#include "code.h"
#include "ctx.h"
#include "story.h"
#include "text.h"

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

int dy_raw_parse(struct dy_ctx *ctx, struct dy_story *st, struct dy_sent *s,
		 int idx)
{
	int rc;

	(void)ctx;
	rc = dy_text_tokenize(&st->arena, st->text, s->off, s->len, &s->toks,
			      &s->ntok);
	if (rc == DY_ELIMIT) {
		dy_story_warn(st, "story '%s' sentence %d: over %d tokens, "
			      "skipped", st->id, idx, DY_MAX_SENTENCE_TOKENS);
		s->flags |= DY_SENT_TOOLONG;
		s->ntok = 0;
		return rc;
	}
	return rc;
}
