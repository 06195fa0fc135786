/*
 * context.c: what the story around an event says about it.
 *
 *   places       before coreference, each sentence's place: a gazetteer
 *                name in a locative phrase ("in Almaty", "at the
 *                border near Khorgos"), an apposition ("the country's
 *                largest city, Almaty"), a story dateline ("ALMATY, Jan
 *                6 --"), or "across the country" (the story's country)
 *   dates        each event's own date from the time expressions of its
 *                sentence (dates.c): the one in the event's clause or the
 *                clauses above it, nearest the verb; the sentence's only
 *                expression; else the story date
 *   locations    the event's sentence place, else the place of the
 *                previous two sentences of the same paragraph ("the
 *                city"), else the dateline; nothing when there is none
 *   attribution  an event under a reporting verb ("X said that ...",
 *                "X announced ...") or an "according to X" phrase gets
 *                reported_by X; the reporting itself is no event then
 *   modality     negated, future (will, shall, going to), hypothetical
 *                (would, could, may, might), conditional (an "if" or
 *                "unless" clause above it), reported (reportedly,
 *                allegedly, "there were reports"), question ('?')
 *   dedup        the same event (source, target, code, date) stated
 *                again later in the story -- headline and lede -- is one
 *                event that lists both sentences
 */
#include <string.h>

#include "context.h"
#include "coref.h"
#include "ctx.h"
#include "dates.h"
#include "dict.h"
#include "geo.h"
#include "story.h"
#include "text.h"
#include "base/str.h"

/* where something happens, not where it comes from or goes to */
static const char *const locative[] = { "IN", "AT", "NEAR", "OUTSIDE",
	"INSIDE", "ACROSS", "THROUGHOUT", "AROUND", "OVER", NULL };
static const char *const reporting[] = { "SAY", "SAID", "SAYS", "SAYING",
	"TELL", "TOLD", "TELLS", "ANNOUNCE", "ANNOUNCED", "ANNOUNCES",
	"REPORT", "REPORTED", "REPORTS", "STATE", "STATED", "STATES",
	"CLAIM", "CLAIMED", "CLAIMS", "CONFIRM", "CONFIRMED", "CONFIRMS",
	"ADD", "ADDED", "ADDS", "NOTE", "NOTED", "NOTES", "QUOTE",
	"QUOTED", "QUOTES", "DECLARE", "DECLARED", "INSIST", "INSISTED",
	"ALLEGE", "ALLEGED", "WRITE", "WROTE", "EXPLAIN", "EXPLAINED",
	"REPORTEDLY", "WARNED", "WARNS", "ACKNOWLEDGED", "ADMITTED",
	"STRESSED", "EMPHASISED", "EMPHASIZED", "INSISTED", NULL };
static const char *const hearsay[] = { "REPORTEDLY", "ALLEGEDLY",
	"PURPORTEDLY", "RUMOURED", "RUMORED", "UNCONFIRMED", NULL };

/* ------------------------------------------------------------------ */
/* Places                                                              */
/* ------------------------------------------------------------------ */

static struct dy_location *make_loc(struct dy_story *st,
				    const struct dy_place *p)
{
	struct dy_location *l = dy_arena_zalloc(&st->arena, sizeof *l);

	if (!l)
		return NULL;
	l->name = p->name;
	l->country = p->country;
	l->lat = p->lat;
	l->lon = p->lon;
	l->is_country = p->is_country;
	return l;
}

/* Countries the sentence's actors belong to, as a lookup preference. */
static void actor_countries(const struct dy_sent *s, const char **out,
			    int max, char (*buf)[4])
{
	int i, n = 0;

	for (i = 0; i < s->nnp && n < max - 1; i++) {
		const char *c = s->nps[i].code;

		if (!c || strlen(c) < 3 || !strncmp(c, "---", 3) ||
		    !strncmp(c, "IGO", 3) || !strncmp(c, "NGO", 3))
			continue;
		memcpy(buf[n], c, 3);
		buf[n][3] = '\0';
		out[n] = buf[n];
		n++;
	}
	out[n] = NULL;
}

/* A run of capitalised words in tokens [a, b) that names a place.  Only
 * a whole run counts: "North Carolina" is not the town of Carolina. */
static const struct dy_place *place_in(const struct dy_gazetteer *g,
				       const struct dy_sent *s, int a, int b,
				       const char *const *prefer, int *at)
{
	int i = a, j, k;
	char buf[256];

	while (i < b) {
		size_t n = 0;
		int ok = 1;
		const struct dy_place *p;

		if (!(s->toks[i].flags & DY_TOK_CAP) ||
		    !strcmp(s->toks[i].form, "THE")) {
			i++;
			continue;
		}
		for (j = i; j < b && (s->toks[j].flags & DY_TOK_CAP ||
				      (!strcmp(s->toks[j].form, "-") &&
				       j + 1 < b)); j++)
			;
		for (k = i; k < j && ok; k++) {
			const struct dy_tok *t = &s->toks[k];
			size_t l = strlen(t->form);

			if (n + l + 2 >= sizeof buf) {
				ok = 0;
				break;
			}
			if (n && (t->flags & DY_TOK_SPACE))
				buf[n++] = ' ';
			memcpy(buf + n, t->form, l);
			n += l;
		}
		p = ok ? dy_geo_lookup(g, buf, n, prefer) : NULL;
		if (p && prefer && prefer[0] && !p->is_country) {
			/* the actors' country breaks ties between towns,
			 * but Moscow is not Moscow, Idaho */
			const struct dy_place *top = dy_geo_lookup(g, buf, n,
								   NULL);

			if (top && top != p && (top->is_country ||
			    top->population >= 10u * p->population))
				p = top;
		}
		if (p) {
			*at = i;
			return p;
		}
		i = j;
	}
	return NULL;
}

static int sent_places(struct dy_ctx *ctx, struct dy_story *st, int sidx)
{
	struct dy_sent *s = &st->sents[sidx];
	const char *prefer[16];
	char buf[16][4];
	int t, at = -1;
	const struct dy_place *p = NULL;

	s->place_tok = -1;
	if (!ctx->gaz || s->ntok == 0)
		return 0;
	actor_countries(s, prefer, 16, buf);
	/* a dateline: "ALMATY, Jan 6 --" at the start of the story */
	if (sidx <= 1 && !st->dateline && s->ntok > 2) {
		int k = 0;

		while (k < s->ntok && (s->toks[k].flags & DY_TOK_ALLCAP) &&
		       dy_isalpha((unsigned char)s->toks[k].form[0]))
			k++;
		if (k > 0 && k < s->ntok && s->toks[k].pos == DY_POS_COMMA) {
			p = place_in(ctx->gaz, s, 0, k, prefer, &at);
			if (p) {
				st->dateline = make_loc(st, p);
				if (!st->dateline)
					return DY_ENOMEM;
				st->dateline_country = p->country;
			}
		}
	}
	p = NULL;
	/* a place after a locative preposition */
	for (t = 0; t + 1 < s->ntok && !p; t++) {
		int e;

		if (!dy_word_in(s->toks[t].form, locative))
			continue;
		for (e = t + 1; e < s->ntok && e < t + 8; e++)
			if (s->toks[e].pos == DY_POS_COMMA ||
			    s->toks[e].pos == DY_POS_PERIOD ||
			    (e > t + 1 &&
			     dy_word_in(s->toks[e].form, locative)))
				break;
		p = place_in(ctx->gaz, s, t + 1, e, prefer, &at);
	}
	/* "..., Almaty" after "city", "capital", "town", "region" */
	for (t = 1; t + 1 < s->ntok && !p; t++) {
		const char *f = s->toks[t - 1].form;

		if (s->toks[t].pos == DY_POS_COMMA &&
		    (!strcmp(f, "CITY") || !strcmp(f, "CAPITAL") ||
		     !strcmp(f, "TOWN") || !strcmp(f, "REGION") ||
		     !strcmp(f, "PROVINCE")))
			p = place_in(ctx->gaz, s, t + 1,
				     t + 5 < s->ntok ? t + 5 : s->ntok, prefer,
				     &at);
	}
	/* "across the country", "nationwide": the story's country */
	for (t = 1; t + 1 < s->ntok && !p; t++)
		if ((!strcmp(s->toks[t - 1].form, "ACROSS") ||
		     !strcmp(s->toks[t - 1].form, "THROUGHOUT")) &&
		    !strcmp(s->toks[t].form, "THE") &&
		    !strcmp(s->toks[t + 1].form, "COUNTRY")) {
			const char *fc = dy_coref_focus(st, sidx);
			char cc[4];

			if (fc) {
				memcpy(cc, fc, 3);
				cc[3] = '\0';
				p = dy_geo_country(ctx->gaz, cc);
				at = t;
			}
		}
	if (p) {
		s->place = make_loc(st, p);
		if (!s->place)
			return DY_ENOMEM;
		s->place_country = p->country;
		s->place_tok = (int16_t)at;
	}
	return 0;
}

int dy_context_places(struct dy_ctx *ctx, struct dy_story *st, int sidx)
{
	if (ctx->opt.compat)
		return 0;
	return sent_places(ctx, st, sidx);
}

/* ------------------------------------------------------------------ */
/* Per-event context                                                   */
/* ------------------------------------------------------------------ */

static int is_ancestor(const struct dy_sent *s, int anc, int c)
{
	int depth = 0;

	while (c >= 0 && depth++ < 64) {
		if (c == anc)
			return 1;
		c = s->clauses[c].parent;
	}
	return 0;
}

static int clause_of_tok(const struct dy_sent *s, int t)
{
	int i, best = -1;

	for (i = 0; i < s->ncl; i++) {
		const struct dy_clause *c = &s->clauses[i];

		if (t >= c->first && t < c->last &&
		    (best < 0 || c->last - c->first <
		     s->clauses[best].last - s->clauses[best].first))
			best = i;
	}
	return best;
}

static int tok_at(const struct dy_sent *s, uint32_t off)
{
	int i;

	for (i = 0; i < s->ntok; i++)
		if (s->toks[i].off + s->toks[i].len > off)
			return i;
	return s->ntok - 1;
}

/* The time expressions of a sentence, found once for all its events. */
struct sent_dates {
	int sent;               /* sentence they are of, -1 none yet */
	size_t n;
	struct dy_timex tx[16];
};

static void event_date(struct dy_story *st, const struct dy_sent *s,
		       struct dy_event *ev, int clause,
		       struct sent_dates *cache)
{
	const struct dy_timex *tx = cache->tx;
	size_t n, i;
	int best = -1, best_d = 1 << 30;

	if (!st->date)
		return;
	if (cache->sent != ev->sentence) {
		cache->n = dy_dates_find(st->text + s->off, s->len, st->date,
					 cache->tx, 16);
		cache->sent = ev->sentence;
	}
	n = cache->n;
	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		int t = tok_at(s, s->off + tx[i].off);
		int c = clause_of_tok(s, t);
		int d = t - (clause >= 0 ? s->clauses[clause].verb : 0);

		if (d < 0)
			d = -d;
		/* the report cannot come before what it reports: a date after
		 * the story's ("will meet next week", "cut emissions by
		 * 2050") is when something is planned for, and the event --
		 * the announcement -- keeps the story's date */
		if (tx[i].ymd > st->date)
			continue;
		/* in the event's clause or one that governs it; a date in
		 * no clause at all (a dateline) only when nothing else */
		if (clause >= 0 && c >= 0 && !is_ancestor(s, c, clause))
			continue;
		if (c < 0 && clause >= 0)
			d += 1000;
		if (d < best_d) {
			best = (int)i;
			best_d = d;
		}
	}
	if (best < 0 && n == 1)
		best = 0;
	/* the story's own dateline date says nothing about the event */
	if (best >= 0 && s->off + tx[best].off < 80 &&
	    tx[best].ymd == st->date && tx[best].how == DY_HOW_EXPLICIT)
		best = -1;
	if (best < 0)
		return;
	{
		long y = tx[best].ymd;
		struct dy_span sp;

		ev->date = dy_arena_printf(&st->arena, "%04d-%02d-%02d",
					   (int)(y / 10000),
					   (int)(y / 100 % 100), (int)(y % 100));
		sp.off = s->off + tx[best].off;
		sp.len = tx[best].len;
		ev->date_text = dy_story_span_text(st, sp);
		ev->date_how = dy_date_how_name(tx[best].how);
	}
}

/* Same paragraph: no blank line between the two sentences. */
static int same_paragraph(const struct dy_story *st, int a, int b)
{
	uint32_t from = st->sents[a].off + st->sents[a].len;
	uint32_t to = st->sents[b].off, k;

	for (k = from; k + 1 < to; k++)
		if (st->text[k] == '\n' && st->text[k + 1] == '\n')
			return 0;
	return 1;
}

static const struct dy_location *event_place(const struct dy_story *st,
					     int sidx)
{
	int k;

	for (k = sidx; k >= 0 && k >= sidx - 2; k--) {
		if (k < sidx && !same_paragraph(st, k, sidx))
			break;
		if (st->sents[k].place)
			return st->sents[k].place;
	}
	return st->dateline;
}

static int has_word(const struct dy_sent *s, int a, int b,
		    const char *const *list)
{
	int t;

	for (t = a; t < b && t < s->ntok; t++)
		if (dy_word_in(s->toks[t].form, list))
			return 1;
	return 0;
}

static unsigned modes(const struct dy_sent *s, int ci)
{
	unsigned m = 0;
	int c = ci, depth = 0;

	if (ci < 0)
		return 0;
	if (s->clauses[ci].neg)
		m |= DY_MODE_NEGATED;
	if (s->clauses[ci].aux & DY_AUX_WILL)
		m |= DY_MODE_FUTURE;
	if (s->clauses[ci].aux & (DY_AUX_WOULD | DY_AUX_MODAL))
		m |= DY_MODE_HYPOTHETICAL;
	/* "the ministry said it would expel ...": the future of reported
	 * speech, not a hypothesis */
	if ((s->clauses[ci].aux & DY_AUX_WOULD) &&
	    !(s->clauses[ci].aux & DY_AUX_MODAL) &&
	    s->clauses[ci].rel == DY_REL_CCOMP) {
		int t, v = s->clauses[ci].verb;

		for (t = v - 1; t >= 0 && t >= v - 4; t--)
			if (!strcmp(s->toks[t].form, "WOULD")) {
				m = (m & ~DY_MODE_HYPOTHETICAL) |
				    DY_MODE_FUTURE;
				break;
			}
	}
	/* a condition under it ("If the talks fail, Israel could ...") */
	{
		int k;

		for (k = 0; k < s->ncl; k++) {
			const struct dy_clause *x = &s->clauses[k];
			int t = x->first > 0 ? x->first - 1 : 0;

			if (x->parent != ci)
				continue;
			if (!strcmp(s->toks[x->first].form, "IF") ||
			    !strcmp(s->toks[t].form, "IF") ||
			    !strcmp(s->toks[x->first].form, "UNLESS") ||
			    !strcmp(s->toks[t].form, "UNLESS"))
				m |= DY_MODE_CONDITIONAL;
		}
		for (k = 0; k < s->clauses[ci].verb && k < 3; k++)
			if (!strcmp(s->toks[k].form, "IF") ||
			    !strcmp(s->toks[k].form, "UNLESS"))
				m |= DY_MODE_CONDITIONAL;
	}
	/* conditions above it: "if ...", "unless ..." */
	while (c >= 0 && depth++ < 32) {
		const struct dy_clause *k = &s->clauses[c];
		int t = k->first > 0 ? k->first - 1 : 0;

		if (k->rel == DY_REL_ADVCL || k->rel == DY_REL_CCOMP) {
			if (!strcmp(s->toks[k->first].form, "IF") ||
			    !strcmp(s->toks[t].form, "IF") ||
			    !strcmp(s->toks[k->first].form, "UNLESS") ||
			    !strcmp(s->toks[t].form, "UNLESS"))
				m |= DY_MODE_CONDITIONAL;
		}
		c = k->parent;
	}
	if (has_word(s, 0, s->ntok, hearsay))
		m |= DY_MODE_REPORTED;
	/* "(Then) there were reports of ..." */
	if (has_word(s, 0, 3 < s->ntok ? 3 : s->ntok,
		     (const char *const[]){ "THERE", NULL }) &&
	    has_word(s, 1, 8 < s->ntok ? 8 : s->ntok,
		     (const char *const[]){ "REPORTS", "REPORT", "CLAIMS",
					    "RUMOURS", "RUMORS", NULL }))
		m |= DY_MODE_REPORTED;
	if (s->ntok && !strcmp(s->toks[s->ntok - 1].form, "?"))
		m |= DY_MODE_QUESTION;
	return m;
}

/* The reporter of an event in clause ci: the subject of a reporting
 * clause above it, or an "according to X" phrase. */
static int reporter(const struct dy_sent *s, int ci)
{
	int c, depth = 0, t;

	if (ci >= 0)
		for (c = s->clauses[ci].parent; c >= 0 && depth++ < 32;
		     c = s->clauses[c].parent) {
			const struct dy_clause *k = &s->clauses[c];

			if (dy_word_in(s->toks[k->verb].form, reporting) &&
			    k->subj >= 0)
				return k->subj;
		}
	/* "..., the interior ministry said": a reporting clause after the
	 * event's, with nothing of its own to report */
	if (ci >= 0)
		for (c = ci + 1; c < s->ncl; c++) {
			const struct dy_clause *k = &s->clauses[c];
			int j, has_child = 0;

			/* "X said (early on Thursday)": no real object */
			if (k->rel != DY_REL_ROOT || k->subj < 0 ||
			    (k->obj >= 0 &&
			     dy_pos_is_noun(s->toks[s->nps[k->obj].head].pos)) ||
			    !dy_word_in(s->toks[k->verb].form, reporting))
				continue;
			for (j = 0; j < s->ncl; j++)
				if (s->clauses[j].parent == c &&
				    s->clauses[j].verb > k->verb)
					has_child = 1;
			if (!has_child)
				return k->subj;
		}
	for (t = 0; t + 2 < s->ntok; t++)
		if (!strcmp(s->toks[t].form, "ACCORDING") &&
		    !strcmp(s->toks[t + 1].form, "TO")) {
			int i;

			for (i = 0; i < s->nnp; i++)
				if (s->nps[i].first == t + 2 &&
				    s->nps[i].parent < 0)
					return i;
		}
	return -1;
}

int dy_context_events(struct dy_ctx *ctx, struct dy_story *st)
{
	uint32_t i, j, k = 0;
	struct sent_dates dates;

	if (ctx->opt.compat)
		return 0;
	dates.sent = -1;
	for (i = 0; i < st->nev; i++) {
		struct dy_event *ev = &st->events[i];
		const struct dy_sent *s = &st->sents[ev->sentence];
		int ci = ev->_clause, r;

		event_date(st, s, ev, ci, &dates);
		if (!ev->location)
			ev->location = event_place(st, ev->sentence);
		ev->mode |= modes(s, ci);
		/* "will not accept refugees" coded as a refusal is asserted */
		if (ev->_refusal)
			ev->mode &= ~(unsigned)DY_MODE_NEGATED;
		r = reporter(s, ci);
		if (r >= 0 && s->nps[r].code &&
		    strncmp(s->nps[r].code, "---", 3)) {
			struct dy_span sp;
			const struct dy_np *np = &s->nps[r];

			ev->reported_by = s->nps[r].code;
			sp.off = s->toks[np->first].off;
			sp.len = s->toks[np->last - 1].off +
				 s->toks[np->last - 1].len - sp.off;
			ev->reported_text = dy_story_span_text(st, sp);
		}
	}
	/* the same event restated later (headline and lede): one event */
	for (i = 0; i < st->nev; i++) {
		struct dy_event *e = &st->events[i];
		int dup = 0;

		for (j = 0; j < k && !dup; j++) {
			struct dy_event *o = &st->events[j];

			if (o->sentence != e->sentence &&
			    !strcmp(o->source, e->source) &&
			    !strcmp(o->target, e->target) &&
			    !strcmp(o->code, e->code) &&
			    ((!o->date && !e->date) ||
			     (o->date && e->date && !strcmp(o->date, e->date)))) {
				if (o->also_sentence < 0)
					o->also_sentence = e->sentence;
				dup = 1;
			}
		}
		if (!dup)
			st->events[k++] = *e;
	}
	st->nev = k;
	return st->arena.oom ? DY_ENOMEM : 0;
}
