/*
 * sent.c: helpers for the internal sentence form (see sent.h): POS tag
 * names, growing the NP/PP/clause arrays in the story arena, lookups and
 * a debug dump used by tests and `dyad parse`.
 */
#include <stdio.h>

#include "dyad.h"
#include "sent.h"
#include "base/buf.h"

/* ORDER DY_POS */
const char *const dy_pos_names[DY_POS__COUNT] = {
	"X", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS",
	"MD", "NN", "NNS", "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB",
	"RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN",
	"VBP", "VBZ", "WDT", "WP", "WP$", "WRB", ",", ".", ":", "''",
	"-LRB-", "-RRB-",
};

enum dy_pos dy_pos_from_tag(const char *tag, size_t n)
{
	struct dy_str t = dy_str_make(tag, n);
	int i;

	for (i = 1; i < DY_POS__COUNT; i++)
		if (dy_pos_names[i][0] == (n ? tag[0] : 0) &&
		    dy_str_eqc(t, dy_pos_names[i]))
			return (enum dy_pos)i;
	if (dy_str_eqc(t, "``") || dy_str_eqc(t, "\""))
		return DY_POS_QUOTE;
	if (dy_str_eqc(t, "NP$"))  /* occasional CoreNLP variant */
		return DY_POS_NNP;
	if (dy_str_eqc(t, "-LCB-") || dy_str_eqc(t, "("))
		return DY_POS_LRB;
	if (dy_str_eqc(t, "-RCB-") || dy_str_eqc(t, ")"))
		return DY_POS_RRB;
	if (dy_str_eqc(t, "HYPH") || dy_str_eqc(t, "NFP"))
		return DY_POS_COLON;
	return DY_POS_OTHER;
}

void dy_np_init(struct dy_np *np, uint16_t first, uint16_t last,
		uint16_t head)
{
	memset(np, 0, sizeof *np);
	np->first = first;
	np->last = last;
	np->head = head;
	np->parent = -1;
	np->next_conj = -1;
	np->owner = -1;
	np->pp = -1;
	np->antecedent = -1;
	np->ante_sent = -1;
}

void dy_clause_init(struct dy_clause *c, uint16_t verb)
{
	memset(c, 0, sizeof *c);
	c->verb = verb;
	c->first = verb;
	c->last = (uint16_t)(verb + 1);
	c->vp_last = (uint16_t)(verb + 1);
	c->up_first = verb;
	c->subj = -1;
	c->obj = -1;
	c->obj2 = -1;
	c->agent = -1;
	c->parent = -1;
	c->particle = -1;
}

/* Append one element to an arena array, doubling its room as needed. */
static int push(struct dy_arena *a, void **arr, uint16_t *n, uint16_t *cap,
		const void *el, size_t elsize)
{
	if (*n == 0x7fff) {
		a->oom = 1;
		return -1;
	}
	if (*n == *cap) {
		uint16_t ncap = *cap ? (uint16_t)(*cap * 2) : 8;
		void *p;

		if (ncap > 0x7fff)
			ncap = 0x7fff;
		p = dy_arena_grow(a, *arr, *n, ncap, elsize);
		if (!p)
			return -1;
		*arr = p;
		*cap = ncap;
	}
	memcpy((char *)*arr + (size_t)*n * elsize, el, elsize);
	return (*n)++;
}

int dy_sent_add_np(struct dy_arena *a, struct dy_sent *s,
		   const struct dy_np *np)
{
	return push(a, (void **)&s->nps, &s->nnp, &s->_cap_np, np, sizeof *np);
}

int dy_sent_add_pp(struct dy_arena *a, struct dy_sent *s,
		   const struct dy_pp *pp)
{
	return push(a, (void **)&s->pps, &s->npp, &s->_cap_pp, pp, sizeof *pp);
}

int dy_sent_add_clause(struct dy_arena *a, struct dy_sent *s,
		       const struct dy_clause *c)
{
	return push(a, (void **)&s->clauses, &s->ncl, &s->_cap_cl, c,
		    sizeof *c);
}

int dy_sent_np_at(const struct dy_sent *s, unsigned t)
{
	int best = -1, i;

	for (i = 0; i < s->nnp; i++) {
		const struct dy_np *np = &s->nps[i];

		if (np->flags & DY_NP_COORD)
			continue;
		if (t < np->first || t >= np->last)
			continue;
		if (best < 0 || np->last - np->first <
				s->nps[best].last - s->nps[best].first)
			best = i;
	}
	return best;
}

static int add_range(struct dy_buf *out, const struct dy_sent *s,
		     unsigned first, unsigned last)
{
	unsigned i;
	int rc = 0;

	for (i = first; i < last && i < s->ntok && !rc; i++)
		rc = dy_buf_printf(out, "%s%s", i > first ? " " : "",
				   s->toks[i].form);
	return rc;
}

static const char *const rel_names[DY_REL__COUNT] = {
	"root", "ccomp", "xcomp", "conj", "relcl", "advcl", "partmod",
};

int dy_sent_dump(const struct dy_sent *s, const char *text,
		 struct dy_buf *out)
{
	int i, rc = 0;

	(void)text;
	rc = dy_buf_adds(out, "tokens");
	for (i = 0; i < s->ntok && !rc; i++)
		rc = dy_buf_printf(out, " %s/%s%s", s->toks[i].form,
				   dy_pos_names[s->toks[i].pos],
				   s->toks[i].flags & DY_TOK_SKIP ? "/x" : "");
	rc = rc ? rc : dy_buf_addc(out, '\n');
	for (i = 0; i < s->nnp && !rc; i++) {
		const struct dy_np *np = &s->nps[i];

		rc = dy_buf_printf(out, "np%d [", i);
		rc = rc ? rc : add_range(out, s, np->first, np->last);
		rc = rc ? rc : dy_buf_printf(out, "]%s%s%s%s",
			np->flags & DY_NP_COORD ? " coord" : "",
			np->flags & DY_NP_PRONOUN ? " pron" : "",
			np->flags & DY_NP_POSSESSOR ? " poss" : "",
			np->flags & DY_NP_IN_PP ? " pp" : "");
		if (!rc && np->parent >= 0)
			rc = dy_buf_printf(out, " of=np%d", np->parent);
		if (!rc && np->owner >= 0)
			rc = dy_buf_printf(out, " owner=np%d", np->owner);
		if (!rc && np->code)
			rc = dy_buf_printf(out, " code=%s", np->code);
		rc = rc ? rc : dy_buf_addc(out, '\n');
	}
	for (i = 0; i < s->ncl && !rc; i++) {
		const struct dy_clause *c = &s->clauses[i];
		unsigned k;

		rc = dy_buf_printf(out, "cl%d %s verb=%s rel=%s", i,
				   c->passive ? "passive" : "active",
				   s->toks[c->verb].form, rel_names[c->rel]);
		if (!rc && c->parent >= 0)
			rc = dy_buf_printf(out, " parent=cl%d", c->parent);
		if (!rc && c->neg)
			rc = dy_buf_adds(out, " neg");
		if (!rc && c->subj >= 0)
			rc = dy_buf_printf(out, " subj=np%d", c->subj);
		if (!rc && c->obj >= 0)
			rc = dy_buf_printf(out, " obj=np%d", c->obj);
		if (!rc && c->obj2 >= 0)
			rc = dy_buf_printf(out, " obj2=np%d", c->obj2);
		if (!rc && c->agent >= 0)
			rc = dy_buf_printf(out, " agent=np%d", c->agent);
		for (k = 0; k < c->pp_count && !rc; k++) {
			const struct dy_pp *pp = &s->pps[c->pp_first + k];

			rc = dy_buf_printf(out, " pp(%s np%d)",
					   s->toks[pp->prep].form, pp->np);
		}
		rc = rc ? rc : dy_buf_adds(out, " upper=[");
		rc = rc ? rc : add_range(out, s, c->up_first, c->verb);
		rc = rc ? rc : dy_buf_adds(out, "] lower=[");
		rc = rc ? rc : add_range(out, s, c->verb + 1u, c->vp_last);
		rc = rc ? rc : dy_buf_adds(out, "]\n");
	}
	return rc;
}
