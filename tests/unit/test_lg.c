/*
 * test_lg.c: the Link Grammar front-end (src/lg.c).
 *
 * Each sentence sits inside a small story ("Headline.\n\n" before it, a
 * sentence after it) copied to an exact-size heap buffer with no NUL
 * after it, so spans must be story offsets and the sanitizer build
 * catches a read past the end.  Every parse is checked against the
 * invariants of the sentence form (spans inside the sentence, top-level
 * chunks apart, conjuncts under a COORD umbrella, PPs contiguous per
 * clause, upper/lower ranges around the verb) before its content is.
 * The sentences are our own, news-like.  Content checks name words by
 * their matching form ("SENT"), and find NPs by the words they hold.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "test.h"
#include "base/arena.h"
#include "base/buf.h"
#include "lg.h"
#include "text.h"

static struct dy_lg *lg;

struct parsed {
	struct dy_arena a;
	struct dy_sent s;
	char *text;   /* the whole story, exact size */
	int rc;
	double secs;  /* wall time of dy_lg_parse */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Put sentence `sent` (n bytes) inside a story and parse it. */
static void parse_n(struct parsed *p, const char *sent, size_t n,
		    double timeout)
{
	static const char pre[] = "Headline.\n\n", post[] = " Next one.";
	size_t len = sizeof pre - 1 + n + sizeof post - 1;
	double t0;

	memset(p, 0, sizeof *p);
	dy_arena_init(&p->a, 0);
	p->text = malloc(len);
	if (!p->text) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	memcpy(p->text, pre, sizeof pre - 1);
	memcpy(p->text + sizeof pre - 1, sent, n);
	memcpy(p->text + sizeof pre - 1 + n, post, sizeof post - 1);
	p->s.off = sizeof pre - 1;
	p->s.len = (uint32_t)n;
	p->rc = dy_text_tokenize(&p->a, p->text, p->s.off, p->s.len,
				 &p->s.toks, &p->s.ntok);
	if (p->rc)
		return;
	t0 = now();
	p->rc = dy_lg_parse(lg, &p->a, &p->s, p->text, timeout, 500);
	p->secs = now() - t0;
}

static void parse(struct parsed *p, const char *sent)
{
	parse_n(p, sent, strlen(sent), 3);
}

static void done(struct parsed *p)
{
	dy_arena_release(&p->a);
	free(p->text);
}

/* ------------------------------------------------------------------ */
/* Invariants                                                          */
/* ------------------------------------------------------------------ */

static int np_word(const struct dy_np *np, int k)
{
	return np->words ? np->words[k] : np->first + k;
}

static int np_len(const struct dy_np *np)
{
	return np->words ? np->nwords : np->last - np->first;
}

static void check_invariants(const struct parsed *p, const char *what)
{
	const struct dy_sent *s = &p->s;
	int i, j, k, n = s->ntok;

	CHECK_MSG(s->frontend == DY_FE_LINKGRAMMAR, "%s", what);
	for (i = 0; i < n; i++) {
		CHECK_MSG(s->toks[i].off >= s->off &&
			  s->toks[i].off + s->toks[i].len <= s->off + s->len,
			  "%s: token %d outside the sentence", what, i);
		CHECK_MSG(s->toks[i].pos < DY_POS__COUNT, "%s: pos", what);
	}
	for (i = 0; i < s->nnp; i++) {
		const struct dy_np *np = &s->nps[i];

		CHECK_MSG(np->first < np->last && np->last <= n,
			  "%s: np%d span %d-%d", what, i, np->first,
			  np->last);
		CHECK_MSG(np->head >= np->first && np->head < np->last,
			  "%s: np%d head", what, i);
		CHECK_MSG(np_len(np) > 0, "%s: np%d empty", what, i);
		for (k = 0; k < np_len(np); k++) {
			CHECK_MSG(np_word(np, k) >= np->first &&
				  np_word(np, k) < np->last,
				  "%s: np%d word outside span", what, i);
			CHECK_MSG(k == 0 ||
				  np_word(np, k) > np_word(np, k - 1),
				  "%s: np%d words not sorted", what, i);
		}
		if (np->parent >= 0) {
			const struct dy_np *u;

			CHECK_MSG(np->parent < s->nnp, "%s: np%d parent", what,
				  i);
			if (np->parent >= s->nnp)
				continue;
			u = &s->nps[np->parent];
			CHECK_MSG(u->flags & DY_NP_COORD,
				  "%s: np%d parent not an umbrella", what, i);
			CHECK_MSG(np->first >= u->first && np->last <= u->last,
				  "%s: np%d outside its umbrella", what, i);
		}
		CHECK_MSG(np->next_conj < s->nnp, "%s: np%d next_conj", what,
			  i);
		if (np->next_conj >= 0)
			CHECK_MSG(s->nps[np->next_conj].parent == np->parent &&
				  np->parent >= 0,
				  "%s: np%d next_conj outside umbrella", what,
				  i);
		CHECK_MSG(np->owner < s->nnp && np->owner != i,
			  "%s: np%d owner", what, i);
		CHECK_MSG(np->owner < 0 ||
			  (np->flags & (DY_NP_POSSESSOR | DY_NP_APPOS)),
			  "%s: np%d owner without POSSESSOR/APPOS", what, i);
		CHECK_MSG(np->pp < s->npp, "%s: np%d pp", what, i);
		CHECK_MSG(!(np->flags & DY_NP_IN_PP) || np->pp >= 0,
			  "%s: np%d IN_PP without pp", what, i);
		/* top-level chunks do not overlap */
		for (j = 0; j < i && np->parent < 0; j++)
			if (s->nps[j].parent < 0)
				CHECK_MSG(np->first >= s->nps[j].last ||
					  np->last <= s->nps[j].first,
					  "%s: np%d overlaps np%d", what, i,
					  j);
	}
	for (i = 0; i < s->nnp; i++) {
		int c = 0;

		if (!(s->nps[i].flags & DY_NP_COORD))
			continue;
		for (j = 0; j < s->nnp; j++)
			c += s->nps[j].parent == i;
		CHECK_MSG(c >= 2, "%s: umbrella np%d has %d conjuncts", what,
			  i, c);
	}
	for (i = 0; i < s->npp; i++) {
		const struct dy_pp *pp = &s->pps[i];

		CHECK_MSG(pp->prep < n, "%s: pp%d prep", what, i);
		CHECK_MSG(pp->np >= -1 && pp->np < s->nnp, "%s: pp%d np",
			  what, i);
		CHECK_MSG(pp->clause >= -1 && pp->clause < s->ncl,
			  "%s: pp%d clause", what, i);
		CHECK_MSG(pp->np_head >= -1 && pp->np_head < s->nnp,
			  "%s: pp%d np_head", what, i);
		CHECK_MSG((pp->clause >= 0) != (pp->np_head >= 0),
			  "%s: pp%d on a clause xor an NP", what, i);
	}
	for (i = 0; i < s->ncl; i++) {
		const struct dy_clause *c = &s->clauses[i];

		CHECK_MSG(c->verb < n, "%s: cl%d verb", what, i);
		CHECK_MSG(dy_pos_is_verb(s->toks[c->verb].pos),
			  "%s: cl%d verb %s tagged %s", what, i,
			  s->toks[c->verb].form,
			  dy_pos_names[s->toks[c->verb].pos]);
		CHECK_MSG(c->up_first <= c->verb, "%s: cl%d up_first", what,
			  i);
		CHECK_MSG(c->vp_last > c->verb && c->vp_last <= n,
			  "%s: cl%d vp_last", what, i);
		CHECK_MSG(c->first <= c->up_first && c->last >= c->vp_last &&
			  c->last <= n, "%s: cl%d first/last", what, i);
		CHECK_MSG(c->pp_first + c->pp_count <= s->npp,
			  "%s: cl%d pps", what, i);
		for (k = 0; k < c->pp_count && c->pp_first + k < s->npp; k++)
			CHECK_MSG(s->pps[c->pp_first + k].clause == i,
				  "%s: cl%d pp %d not its own", what, i, k);
		CHECK_MSG(c->subj >= -1 && c->subj < s->nnp, "%s: cl%d subj",
			  what, i);
		CHECK_MSG(c->obj >= -1 && c->obj < s->nnp, "%s: cl%d obj",
			  what, i);
		CHECK_MSG(c->obj2 >= -1 && c->obj2 < s->nnp &&
			  (c->obj2 < 0 || c->obj >= 0), "%s: cl%d obj2", what,
			  i);
		CHECK_MSG(c->agent >= -1 && c->agent < s->nnp &&
			  (c->agent < 0 || c->passive), "%s: cl%d agent", what,
			  i);
		CHECK_MSG(c->parent >= -1 && c->parent < s->ncl &&
			  c->parent != i, "%s: cl%d parent", what, i);
		CHECK_MSG((c->parent < 0) == (c->rel == DY_REL_ROOT),
			  "%s: cl%d rel %d with parent %d", what, i, c->rel,
			  c->parent);
		CHECK_MSG(c->rel < DY_REL__COUNT, "%s: cl%d rel", what, i);
		CHECK_MSG(i == 0 || c->verb > s->clauses[i - 1].verb,
			  "%s: clauses out of verb order", what);
	}
}

/* The sentence's tokens as dy_text_tokenize() left them. */
static void check_bare(const struct parsed *p, const char *what)
{
	const struct dy_sent *s = &p->s;
	int i;

	CHECK_MSG(s->nnp == 0 && s->npp == 0 && s->ncl == 0,
		  "%s: parse left behind", what);
	CHECK_MSG(s->frontend == DY_FE_NONE, "%s: frontend set", what);
	for (i = 0; i < s->ntok; i++)
		if (dy_isalpha((unsigned char)s->toks[i].form[0]))
			CHECK_MSG(s->toks[i].pos == DY_POS_OTHER,
				  "%s: token %d tagged", what, i);
}

/* ------------------------------------------------------------------ */
/* Lookups                                                             */
/* ------------------------------------------------------------------ */

static int tok(const struct dy_sent *s, const char *form)
{
	int i;

	for (i = 0; i < s->ntok; i++)
		if (!strcmp(s->toks[i].form, form))
			return i;
	return -1;
}

/* The clause of verb `form`, or NULL. */
static const struct dy_clause *clause(const struct dy_sent *s,
				      const char *form)
{
	int i;

	for (i = 0; i < s->ncl; i++)
		if (!strcmp(s->toks[s->clauses[i].verb].form, form))
			return &s->clauses[i];
	return NULL;
}

static int clause_index(const struct dy_sent *s, const struct dy_clause *c)
{
	return c ? (int)(c - s->clauses) : -2;
}

/* NP i's words joined by spaces into buf. */
static const char *np_text(const struct dy_sent *s, int i, char *buf,
			   size_t n)
{
	const struct dy_np *np;
	size_t used = 0;
	int k;

	buf[0] = '\0';
	if (i < 0 || i >= s->nnp)
		return "(none)";
	np = &s->nps[i];
	for (k = 0; k < np_len(np); k++) {
		const struct dy_tok *t = &s->toks[np_word(np, k)];
		int w;

		if (t->pos == DY_POS_POS)
			continue;
		w = snprintf(buf + used, n - used, "%s%s", used ? " " : "",
			     t->form);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	return buf;
}

#define CHECK_NP(s, i, want)                                               \
	do {                                                               \
		char b_[256];                                              \
		CHECK_EQ_STR(np_text((s), (i), b_, sizeof b_), (want));    \
	} while (0)

/* The PP of clause c whose preposition is `prep`, or NULL. */
static const struct dy_pp *clause_pp(const struct dy_sent *s,
				     const struct dy_clause *c,
				     const char *prep)
{
	int k;

	for (k = 0; c && k < c->pp_count; k++)
		if (!strcmp(s->toks[s->pps[c->pp_first + k].prep].form, prep))
			return &s->pps[c->pp_first + k];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Sentences                                                           */
/* ------------------------------------------------------------------ */

static void test_subject_object_pp(void)
{
	struct parsed p;
	const struct dy_clause *c;
	const struct dy_pp *pp;

	parse(&p, "Kazakh President Kassym-Jomart Tokayev asked the CSTO "
		  "for help.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "asked");
	c = clause(&p.s, "ASKED");
	CHECK(c != NULL);
	if (c) {
		CHECK_NP(&p.s, c->subj,
			 "KAZAKH PRESIDENT KASSYM-JOMART TOKAYEV");
		CHECK_NP(&p.s, c->obj, "THE CSTO");
		CHECK(!c->passive && !c->neg && c->rel == DY_REL_ROOT);
		CHECK_EQ_INT(c->up_first, 0);
		CHECK_EQ_INT(c->vp_last, tok(&p.s, "HELP") + 1);
		pp = clause_pp(&p.s, c, "FOR");
		CHECK(pp != NULL);
		if (pp) {
			CHECK_NP(&p.s, pp->np, "HELP");
			CHECK(pp->np >= 0 &&
			      (p.s.nps[pp->np].flags & DY_NP_IN_PP));
		}
	}
	CHECK_EQ_INT(p.s.toks[tok(&p.s, "ASKED")].pos, DY_POS_VBD);
	CHECK_EQ_INT(p.s.toks[tok(&p.s, "TOKAYEV")].pos, DY_POS_NNP);
	CHECK_EQ_INT(p.s.toks[tok(&p.s, "THE")].pos, DY_POS_DT);
	CHECK_EQ_INT(p.s.toks[tok(&p.s, "FOR")].pos, DY_POS_IN);
	done(&p);

	parse(&p, "Police detained dozens of protesters in Almaty.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "detained");
	c = clause(&p.s, "DETAINED");
	CHECK(c != NULL);
	if (c) {
		CHECK_NP(&p.s, c->subj, "POLICE");
		CHECK_NP(&p.s, c->obj, "DOZENS OF PROTESTERS");
		pp = clause_pp(&p.s, c, "IN");
		CHECK(pp != NULL);
		if (pp)
			CHECK_NP(&p.s, pp->np, "ALMATY");
		CHECK_EQ_INT(c->vp_last, tok(&p.s, "ALMATY") + 1);
	}
	done(&p);
}

static void test_passive(void)
{
	struct parsed p;
	const struct dy_clause *c;

	parse(&p, "Peacekeepers were sent to Kazakhstan by the "
		  "organisation.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "passive");
	c = clause(&p.s, "SENT");
	CHECK(c != NULL);
	CHECK_EQ_INT(p.s.ncl, 1); /* "were" is an auxiliary */
	if (c) {
		CHECK(c->passive);
		CHECK_NP(&p.s, c->subj, "PEACEKEEPERS");
		CHECK_NP(&p.s, c->agent, "THE ORGANISATION");
		CHECK_EQ_INT(c->obj, -1);
		CHECK(clause_pp(&p.s, c, "TO") != NULL);
		CHECK(clause_pp(&p.s, c, "BY") != NULL);
		CHECK_EQ_INT(c->up_first, 0);
	}
	CHECK_EQ_INT(p.s.toks[tok(&p.s, "SENT")].pos, DY_POS_VBN);
	done(&p);
}

static void test_negation_aux(void)
{
	struct parsed p;
	const struct dy_clause *c;

	parse(&p, "The government did not impose a curfew.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "did not");
	c = clause(&p.s, "IMPOSE");
	CHECK(c != NULL);
	CHECK(clause(&p.s, "DID") == NULL);
	if (c) {
		CHECK(c->neg);
		CHECK(c->aux & DY_AUX_DO);
		CHECK_NP(&p.s, c->subj, "THE GOVERNMENT");
		CHECK_NP(&p.s, c->obj, "A CURFEW");
		CHECK(c->subj >= 0 &&
		      (p.s.nps[c->subj].flags & DY_NP_DEFINITE));
	}
	done(&p);

	/* LG keeps "haven't" whole, dyad splits it */
	parse(&p, "The rebels haven't released the hostages.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "haven't");
	c = clause(&p.s, "RELEASED");
	CHECK(c != NULL);
	if (c) {
		CHECK(c->neg);
		CHECK(c->aux & DY_AUX_PERF);
		CHECK_NP(&p.s, c->subj, "THE REBELS");
		CHECK_NP(&p.s, c->obj, "THE HOSTAGES");
	}
	CHECK_EQ_INT(p.s.toks[tok(&p.s, "N'T")].pos, DY_POS_RB);
	done(&p);

	parse(&p, "The rebels will never release the hostages.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "never");
	c = clause(&p.s, "RELEASE");
	CHECK(c != NULL);
	if (c) {
		CHECK(c->neg);
		CHECK(c->aux & DY_AUX_WILL);
	}
	CHECK_EQ_INT(p.s.toks[tok(&p.s, "WILL")].pos, DY_POS_MD);
	done(&p);

	parse(&p, "Moscow is going to withdraw its forces.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "going to");
	c = clause(&p.s, "WITHDRAW");
	CHECK(c != NULL);
	CHECK_EQ_INT(p.s.ncl, 1);
	if (c) {
		CHECK(c->aux & DY_AUX_WILL);
		CHECK(!c->neg);
		CHECK_NP(&p.s, c->subj, "MOSCOW");
		CHECK_NP(&p.s, c->obj, "FORCES");
	}
	{
		int its = tok(&p.s, "ITS"), i;

		for (i = 0; i < p.s.nnp; i++)
			if (p.s.nps[i].first == its)
				break;
		CHECK(i < p.s.nnp);
		if (i < p.s.nnp && c) {
			CHECK(p.s.nps[i].flags & DY_NP_POSSESSOR);
			CHECK(p.s.nps[i].flags & DY_NP_PRONOUN);
			CHECK_EQ_INT(p.s.nps[i].owner, c->obj);
		}
	}
	done(&p);

	parse(&p, "Did Russia send troops to Kazakhstan?");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "question");
	c = clause(&p.s, "SEND");
	CHECK(c != NULL);
	if (c) {
		CHECK(c->aux & DY_AUX_QUESTION);
		CHECK_NP(&p.s, c->subj, "RUSSIA");
		CHECK_NP(&p.s, c->obj, "TROOPS");
	}
	done(&p);
}

static void test_coordination(void)
{
	struct parsed p;
	const struct dy_clause *c, *c2;
	char b[256];
	int i, k, n;

	parse(&p, "Belarus and Russia said they would send troops.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "coordination");
	c = clause(&p.s, "SAID");
	c2 = clause(&p.s, "SEND");
	CHECK(c != NULL && c2 != NULL);
	if (c && c2) {
		const struct dy_np *u = c->subj >= 0 ? &p.s.nps[c->subj]
						     : NULL;

		CHECK(u && (u->flags & DY_NP_COORD));
		/* the conjuncts, in order through next_conj */
		for (i = 0; i < p.s.nnp && p.s.nps[i].parent != c->subj; i++)
			;
		n = 0;
		for (k = i; k >= 0 && k < p.s.nnp && n < 4;
		     k = p.s.nps[k].next_conj) {
			CHECK_EQ_STR(np_text(&p.s, k, b, sizeof b),
				     n == 0 ? "BELARUS" : "RUSSIA");
			n++;
		}
		CHECK_EQ_INT(n, 2);
		CHECK_EQ_INT(c2->rel, DY_REL_CCOMP);
		CHECK_EQ_INT(c2->parent, clause_index(&p.s, c));
		CHECK(c2->aux & DY_AUX_WOULD);
		CHECK_NP(&p.s, c2->subj, "THEY");
		CHECK(c2->subj >= 0 &&
		      (p.s.nps[c2->subj].flags & DY_NP_PRONOUN));
		CHECK_NP(&p.s, c2->obj, "TROOPS");
		/* the lower sequence of "said" holds the complement */
		CHECK_EQ_INT(c->vp_last, tok(&p.s, "TROOPS") + 1);
	}
	done(&p);

	parse(&p, "Police arrested and charged three men who attacked the "
		  "embassy.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "verb coordination");
	c = clause(&p.s, "ARRESTED");
	c2 = clause(&p.s, "CHARGED");
	CHECK(c != NULL && c2 != NULL);
	if (c && c2) {
		CHECK_EQ_INT(c->rel, DY_REL_ROOT);
		CHECK_EQ_INT(c2->rel, DY_REL_CONJ);
		CHECK_EQ_INT(c2->parent, clause_index(&p.s, c));
		CHECK_NP(&p.s, c->subj, "POLICE");
		CHECK_EQ_INT(c2->subj, c->subj);
		CHECK_NP(&p.s, c2->obj, "THREE MEN");
		CHECK_EQ_INT(c->obj, c2->obj);
		CHECK_EQ_INT(c2->up_first, 0);
	}
	c = clause(&p.s, "ATTACKED");
	CHECK(c != NULL);
	if (c) {
		CHECK_EQ_INT(c->rel, DY_REL_RELCL);
		CHECK_NP(&p.s, c->subj, "THREE MEN");
		CHECK_NP(&p.s, c->obj, "THE EMBASSY");
	}
	done(&p);

	/* a shared head: "lawmakers in Fornost", "lawmakers in Gondor" */
	parse(&p, "Lawmakers in Fornost and Gondor condemned the attack.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "shared words");
	c = clause(&p.s, "CONDEMNED");
	CHECK(c != NULL);
	if (c && c->subj >= 0) {
		CHECK(p.s.nps[c->subj].flags & DY_NP_COORD);
		n = 0;
		for (i = 0; i < p.s.nnp; i++) {
			if (p.s.nps[i].parent != c->subj)
				continue;
			CHECK_EQ_STR(np_text(&p.s, i, b, sizeof b),
				     n == 0 ? "LAWMAKERS IN FORNOST"
					    : "LAWMAKERS IN GONDOR");
			n++;
		}
		CHECK_EQ_INT(n, 2);
	}
	done(&p);
}

static void test_complements(void)
{
	struct parsed p;
	const struct dy_clause *c, *c2;

	parse(&p, "Russia agreed to send troops to Kazakhstan.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "xcomp");
	c = clause(&p.s, "AGREED");
	c2 = clause(&p.s, "SEND");
	CHECK(c != NULL && c2 != NULL);
	if (c && c2) {
		CHECK_EQ_INT(c2->rel, DY_REL_XCOMP);
		CHECK_EQ_INT(c2->parent, clause_index(&p.s, c));
		CHECK(c2->aux & DY_AUX_TO);
		CHECK_NP(&p.s, c2->subj, "RUSSIA");
		CHECK_NP(&p.s, c2->obj, "TROOPS");
		CHECK(clause_pp(&p.s, c2, "TO") != NULL);
		CHECK_EQ_INT(c->vp_last, tok(&p.s, "KAZAKHSTAN") + 1);
	}
	done(&p);

	/* object control and a possessor */
	parse(&p, "Tokayev's government asked Russia to send troops.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "object control");
	c = clause(&p.s, "ASKED");
	c2 = clause(&p.s, "SEND");
	CHECK(c != NULL && c2 != NULL);
	if (c && c2) {
		int i;

		CHECK_NP(&p.s, c->subj, "GOVERNMENT");
		CHECK_NP(&p.s, c->obj, "RUSSIA");
		CHECK_EQ_INT(c->up_first, 0); /* the possessor is upper */
		CHECK_EQ_INT(c2->rel, DY_REL_XCOMP);
		CHECK_NP(&p.s, c2->subj, "RUSSIA");
		for (i = 0; i < p.s.nnp; i++)
			if (p.s.nps[i].flags & DY_NP_POSSESSOR)
				break;
		CHECK(i < p.s.nnp);
		if (i < p.s.nnp) {
			CHECK_NP(&p.s, i, "TOKAYEV");
			CHECK_EQ_INT(p.s.nps[i].owner, c->subj);
		}
		CHECK_EQ_INT(p.s.toks[tok(&p.s, "'S")].pos, DY_POS_POS);
	}
	done(&p);

	parse(&p, "Kazakhstan's president, Kassym-Jomart Tokayev, said that "
		  "the protesters were terrorists.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "ccomp");
	c = clause(&p.s, "SAID");
	c2 = clause(&p.s, "WERE");
	CHECK(c != NULL && c2 != NULL);
	if (c && c2) {
		int i;

		CHECK_NP(&p.s, c->subj, "PRESIDENT");
		CHECK_EQ_INT(c->up_first, 0);
		CHECK_EQ_INT(c2->rel, DY_REL_CCOMP);
		CHECK_EQ_INT(c2->parent, clause_index(&p.s, c));
		CHECK_NP(&p.s, c2->subj, "THE PROTESTERS");
		for (i = 0; i < p.s.nnp; i++)
			if (p.s.nps[i].flags & DY_NP_APPOS)
				break;
		CHECK(i < p.s.nnp);
		if (i < p.s.nnp) {
			CHECK_NP(&p.s, i, "KASSYM-JOMART TOKAYEV");
			CHECK_EQ_INT(p.s.nps[i].owner, c->subj);
		}
	}
	done(&p);

	parse(&p, "The troops that Russia sent arrived on Monday.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "object relative");
	c = clause(&p.s, "SENT");
	c2 = clause(&p.s, "ARRIVED");
	CHECK(c != NULL && c2 != NULL);
	if (c && c2) {
		CHECK_EQ_INT(c->rel, DY_REL_RELCL);
		CHECK_EQ_INT(c->parent, clause_index(&p.s, c2));
		CHECK_NP(&p.s, c->subj, "RUSSIA");
		CHECK_NP(&p.s, c->obj, "THE TROOPS");
		CHECK_NP(&p.s, c2->subj, "THE TROOPS");
	}
	done(&p);

	parse(&p, "Russian paratroopers guarded the airport, the ministry "
		  "said.");
	CHECK_EQ_INT(p.rc, 0);
	check_invariants(&p, "paraphrase");
	c = clause(&p.s, "SAID");
	c2 = clause(&p.s, "GUARDED");
	CHECK(c != NULL && c2 != NULL);
	if (c && c2) {
		CHECK_EQ_INT(c2->rel, DY_REL_CCOMP);
		CHECK_EQ_INT(c2->parent, clause_index(&p.s, c));
		CHECK_NP(&p.s, c2->obj, "THE AIRPORT");
	}
	done(&p);
}

/* Tokenizer and LG disagree here; only the invariants must hold. */
static void test_awkward_text(void)
{
	static const char *const sents[] = {
		"U.S.-led forces didn't attack Kazakhstan's capital on 5 "
		"Jan.",
		"\xe2\x80\x9cWe won't leave,\xe2\x80\x9d the minister told "
		"reporters in Nur-Sultan.",
		"Profits jumped 76% to $1.13bn (\xc2\xa3" "600m) in the year "
		"to December, the firm said.",
		"The head of state met Putin in front of the building, "
		"according to officials.",
		"Z\xc3\xbcrich-based Nestl\xc3\xa9 cannot sell its shares.",
		"They can't -- and won't -- say so; it's over.",
		"ALMATY (Reuters) - Police fired tear gas.",
		"Troops fired.\xe2\x80\x8b",
		"A a a a a a a a a.",
		"!!! ??? ...",
	};
	struct parsed p;
	size_t i;

	for (i = 0; i < sizeof sents / sizeof sents[0]; i++) {
		parse(&p, sents[i]);
		CHECK_MSG(p.rc == 0 || p.rc == DY_EPARSE ||
			  p.rc == DY_ETIMEOUT, "%s: rc %d", sents[i], p.rc);
		if (p.rc == 0)
			check_invariants(&p, sents[i]);
		else
			check_bare(&p, sents[i]);
		done(&p);
	}
	/* a NUL byte inside the sentence */
	{
		static const char nul[] = "Police\0detained protesters.";

		parse_n(&p, nul, sizeof nul - 1, 3);
		CHECK(p.rc == 0 || p.rc == DY_EPARSE);
		if (p.rc == 0)
			check_invariants(&p, "nul");
		done(&p);
	}
}

static void test_hopeless(void)
{
	static const char *const words[] = {
		"protest", "the", "quickly", "of", "Almaty", "and", "fuel",
		"was", "green", "under", "seven", "police", "tomorrow",
		"whose", "strike", "very", "to", "banks", "if", "said",
	};
	char buf[2048];
	size_t used = 0;
	struct parsed p;
	int i;

	/* 90 words of run-on text */
	for (i = 0; i < 9; i++) {
		int w = snprintf(buf + used, sizeof buf - used, "%s",
				 "the police said the protesters who had "
				 "gathered in the square were dispersed and ");
		used += (size_t)w;
	}
	parse_n(&p, buf, used, 1);
	CHECK_MSG(p.rc == DY_EPARSE || p.rc == DY_ETIMEOUT, "run-on: rc %d",
		  p.rc);
	CHECK_MSG(p.secs < 10, "run-on took %.1f s", p.secs);
	check_bare(&p, "run-on");
	done(&p);

	/* word salad */
	used = 0;
	for (i = 0; i < 60; i++) {
		int w = snprintf(buf + used, sizeof buf - used, "%s ",
				 words[(i * 7 + i / 3) % 20]);
		used += (size_t)w;
	}
	parse_n(&p, buf, used, 1);
	CHECK_MSG(p.rc == DY_EPARSE || p.rc == DY_ETIMEOUT, "salad: rc %d",
		  p.rc);
	CHECK_MSG(p.secs < 10, "salad took %.1f s", p.secs);
	check_bare(&p, "salad");
	done(&p);

	/* over the length cap: refused at once */
	used = 0;
	for (i = 0; i <= DY_LG_MAX_TOKENS; i++) {
		int w = snprintf(buf + used, sizeof buf - used, "%s",
				 "troops ");
		used += (size_t)w;
	}
	parse_n(&p, buf, used, 1);
	CHECK_EQ_INT(p.rc, DY_ETIMEOUT);
	CHECK(p.secs < 1);
	check_bare(&p, "too long");
	done(&p);
}

/* ------------------------------------------------------------------ */
/* Threads                                                             */
/* ------------------------------------------------------------------ */

static const char *const thread_sents[] = {
	"Peacekeepers were sent to Kazakhstan by the organisation.",
	"Belarus and Russia said they would send troops.",
	"Police detained dozens of protesters in Almaty.",
	"The government did not impose a curfew.",
	"Tokayev's government asked Russia to send troops.",
	"Police arrested and charged three men who attacked the embassy.",
};

#define NSENT (sizeof thread_sents / sizeof thread_sents[0])

/* One line per NP and clause: enough to compare two parses. */
static void summary(const struct parsed *p, struct dy_buf *out)
{
	const struct dy_sent *s = &p->s;
	int i;

	dy_buf_printf(out, "rc=%d\n", p->rc);
	for (i = 0; i < s->nnp; i++)
		dy_buf_printf(out, "np %d %d %d %x %d\n", s->nps[i].first,
			      s->nps[i].last, s->nps[i].head,
			      s->nps[i].flags, s->nps[i].parent);
	for (i = 0; i < s->ncl; i++) {
		const struct dy_clause *c = &s->clauses[i];

		dy_buf_printf(out, "cl %d %d %d %d %d %d %d %d %d %d\n",
			      c->verb, c->subj, c->obj, c->agent, c->parent,
			      c->rel, c->passive, c->neg, c->up_first,
			      c->vp_last);
	}
}

struct job {
	struct dy_buf out[NSENT];
	int rounds;
};

static void *worker(void *arg)
{
	struct job *j = arg;
	int r;
	size_t i;

	for (r = 0; r < j->rounds; r++)
		for (i = 0; i < NSENT; i++) {
			struct parsed p;

			parse(&p, thread_sents[i]);
			if (r == 0)
				summary(&p, &j->out[i]);
			done(&p);
		}
	return NULL;
}

static void test_threads(void)
{
	struct job jobs[4];
	pthread_t th[4];
	size_t i;
	int t;

	for (t = 0; t < 4; t++) {
		for (i = 0; i < NSENT; i++)
			dy_buf_init(&jobs[t].out[i], 1 << 16);
		jobs[t].rounds = 2;
	}
	for (t = 0; t < 4; t++)
		CHECK(pthread_create(&th[t], NULL, worker, &jobs[t]) == 0);
	for (t = 0; t < 4; t++)
		pthread_join(th[t], NULL);
	for (t = 1; t < 4; t++)
		for (i = 0; i < NSENT; i++)
			CHECK_MSG(!strcmp(jobs[t].out[i].buf,
					  jobs[0].out[i].buf),
				  "thread %d differs on '%s'", t,
				  thread_sents[i]);
	for (t = 0; t < 4; t++)
		for (i = 0; i < NSENT; i++)
			dy_buf_release(&jobs[t].out[i]);
}

static void test_open_close(void)
{
	struct dy_lg *again = NULL;
	const char *err = NULL;

	CHECK_EQ_INT(dy_lg_open(&again, &err), 0);
	CHECK(again == lg); /* one dictionary per process */
	dy_lg_close(again);
	dy_lg_close(NULL);
}

int main(void)
{
	const char *err = "";
	int rc = dy_lg_open(&lg, &err);

	CHECK_MSG(rc == 0, "dy_lg_open: %s", err);
	if (rc)
		return test_report("test_lg");
	test_open_close();
	test_subject_object_pp();
	test_passive();
	test_negation_aux();
	test_coordination();
	test_complements();
	test_awkward_text();
	test_hopeless();
	test_threads();
	dy_lg_close(lg);
	return test_report("test_lg");
}
