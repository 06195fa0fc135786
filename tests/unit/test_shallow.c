/*
 * test_shallow.c: the shallow front-end (src/shallow.c): tags, lemmas,
 * chunks, PPs and clauses of our own sentences, the invariants of the
 * sentence form after every parse (spans inside the sentence, top-level
 * chunks not overlapping, indices valid, a clause's PPs contiguous and
 * its own), odd input, and out-of-memory on a capped arena.
 */
#include <stdlib.h>

#include "test.h"
#include "base/arena.h"
#include "shallow.h"
#include "text.h"

static struct dy_shallow *sh;
static struct dy_arena arena;
static struct dy_sent S;
static const char *TEXT;

/* Check the sentence-form invariants of S. */
static void check_invariants(const char *what)
{
	const struct dy_sent *s = &S;
	int i, k, t;
	unsigned char *cover = calloc(s->ntok + 1u, 1);

	if (!cover)
		exit(2);
	for (t = 0; t < s->ntok; t++) {
		CHECK_MSG(s->toks[t].pos < DY_POS__COUNT, "%s: pos", what);
		CHECK_MSG(s->toks[t].lemma && s->toks[t].lemma[0],
			  "%s: lemma of %d", what, t);
	}
	for (i = 0; i < s->nnp; i++) {
		const struct dy_np *np = &s->nps[i];

		CHECK_MSG(np->first < np->last && np->last <= s->ntok,
			  "%s: np%d span", what, i);
		CHECK_MSG(np->head >= np->first && np->head < np->last,
			  "%s: np%d head", what, i);
		CHECK_MSG(np->parent < s->nnp && np->next_conj < s->nnp &&
			  np->owner < s->nnp, "%s: np%d links", what, i);
		if (np->parent >= 0) {
			const struct dy_np *u = &s->nps[np->parent];

			CHECK_MSG((u->flags & DY_NP_COORD) &&
				  u->first <= np->first && np->last <= u->last,
				  "%s: np%d conjunct", what, i);
			continue;
		}
		/* top level: no overlap */
		for (t = np->first; t < np->last; t++) {
			CHECK_MSG(!cover[t], "%s: np%d overlaps at %d", what,
				  i, t);
			cover[t] = 1;
		}
		if (np->flags & DY_NP_IN_PP)
			CHECK_MSG(np->pp >= 0 && np->pp < s->npp &&
				  s->pps[np->pp].np == i, "%s: np%d pp", what,
				  i);
	}
	for (i = 0; i < s->npp; i++) {
		const struct dy_pp *pp = &s->pps[i];

		CHECK_MSG(pp->prep < s->ntok && pp->np < s->nnp &&
			  pp->clause < s->ncl && pp->np_head < s->nnp,
			  "%s: pp%d", what, i);
		CHECK_MSG(pp->clause >= 0 || pp->np_head >= 0,
			  "%s: pp%d unattached", what, i);
	}
	for (k = 0; k < s->ncl; k++) {
		const struct dy_clause *c = &s->clauses[k];

		CHECK_MSG(c->first <= c->verb && c->verb < c->vp_last &&
			  c->vp_last <= c->last && c->last <= s->ntok,
			  "%s: cl%d span", what, k);
		CHECK_MSG(c->up_first <= c->verb, "%s: cl%d up_first", what,
			  k);
		CHECK_MSG(dy_pos_is_verb(s->toks[c->verb].pos),
			  "%s: cl%d verb tag", what, k);
		CHECK_MSG(c->subj < s->nnp && c->obj < s->nnp &&
			  c->obj2 < s->nnp && c->agent < s->nnp &&
			  c->parent < s->ncl && c->parent != k &&
			  c->rel < DY_REL__COUNT, "%s: cl%d links", what, k);
		CHECK_MSG(c->pp_first + c->pp_count <= s->npp,
			  "%s: cl%d pps", what, k);
		for (i = 0; i < c->pp_count; i++)
			CHECK_MSG(s->pps[c->pp_first + i].clause == k,
				  "%s: cl%d pp%d", what, k, c->pp_first + i);
		if (k > 0)
			CHECK_MSG(s->clauses[k - 1].verb < c->verb,
				  "%s: clause order", what);
	}
	free(cover);
}

static int parse(const char *text)
{
	int rc;

	dy_arena_release(&arena);
	dy_arena_init(&arena, 0);
	memset(&S, 0, sizeof S);
	TEXT = text;
	S.len = (uint32_t)strlen(text);
	rc = dy_text_tokenize(&arena, text, 0, S.len, &S.toks, &S.ntok);
	if (rc)
		return rc;
	rc = dy_shallow_parse(sh, &arena, &S, text);
	CHECK_EQ_INT(S.frontend, DY_FE_SHALLOW);
	if (!rc)
		check_invariants(text);
	return rc;
}

/* token with form w (the n-th from 0), or -1 */
static int tok(const char *w, int nth)
{
	int i;

	for (i = 0; i < S.ntok; i++)
		if (!strcmp(S.toks[i].form, w) && nth-- == 0)
			return i;
	return -1;
}

static const char *tag_of(const char *w)
{
	int t = tok(w, 0);

	return t < 0 ? "(none)" : dy_pos_names[S.toks[t].pos];
}

static const char *lemma_of(const char *w)
{
	int t = tok(w, 0);

	return t < 0 ? "(none)" : S.toks[t].lemma;
}

/* The text of NP np as upper-case words joined by spaces (static). */
static const char *np_text(int np)
{
	static char buf[512];
	size_t n = 0;
	int t;

	if (np < 0 || np >= S.nnp)
		return "(none)";
	buf[0] = '\0';
	for (t = S.nps[np].first; t < S.nps[np].last; t++) {
		size_t k = strlen(S.toks[t].form);

		if (n + k + 2 >= sizeof buf)
			break;
		if (n)
			buf[n++] = ' ';
		memcpy(buf + n, S.toks[t].form, k + 1);
		n += k;
	}
	return buf;
}

/* clause whose verb has form w, or -1 */
static int clause(const char *w)
{
	int k, t = tok(w, 0);

	for (k = 0; k < S.ncl; k++)
		if (S.clauses[k].verb == t)
			return k;
	return -1;
}

static const struct dy_clause *C(const char *w)
{
	static struct dy_clause none;
	int k = clause(w);

	if (k < 0) {
		memset(&none, 0, sizeof none);
		none.subj = none.obj = none.obj2 = none.agent = -1;
		none.parent = none.particle = -2;
		return &none;
	}
	return &S.clauses[k];
}

/* top-level NP containing token w */
static int np_at(const char *w)
{
	int t = tok(w, 0), i;

	for (i = 0; i < S.nnp; i++)
		if (S.nps[i].parent < 0 && t >= S.nps[i].first &&
		    t < S.nps[i].last)
			return i;
	return -1;
}

static const char *pp_prep(const struct dy_clause *c, int k)
{
	if (k >= c->pp_count)
		return "(none)";
	return S.toks[S.pps[c->pp_first + k].prep].form;
}

static const char *pp_obj(const struct dy_clause *c, int k)
{
	if (k >= c->pp_count)
		return "(none)";
	return np_text(S.pps[c->pp_first + k].np);
}

static void test_asked(void)
{
	const struct dy_clause *c;

	CHECK_EQ_INT(parse("Kazakh President Kassym-Jomart Tokayev asked "
			   "the CSTO for help."), 0);
	/* WordNet has no adjective "Kazakh": a name, in the chunk */
	CHECK(!strcmp(tag_of("KAZAKH"), "JJ") ||
	      !strcmp(tag_of("KAZAKH"), "NNP"));
	CHECK_EQ_STR(tag_of("PRESIDENT"), "NNP");
	CHECK_EQ_STR(tag_of("TOKAYEV"), "NNP");
	CHECK_EQ_STR(tag_of("ASKED"), "VBD");
	CHECK_EQ_STR(lemma_of("ASKED"), "ASK");
	CHECK_EQ_STR(tag_of("THE"), "DT");
	CHECK_EQ_STR(tag_of("CSTO"), "NNP");
	CHECK_EQ_STR(tag_of("FOR"), "IN");
	CHECK_EQ_STR(tag_of("HELP"), "NN");
	CHECK_EQ_INT(S.ncl, 1);
	c = C("ASKED");
	CHECK_EQ_STR(np_text(c->subj),
		     "KAZAKH PRESIDENT KASSYM-JOMART TOKAYEV");
	CHECK_EQ_STR(np_text(c->obj), "THE CSTO");
	CHECK_EQ_INT(c->pp_count, 1);
	CHECK_EQ_STR(pp_prep(c, 0), "FOR");
	CHECK_EQ_STR(pp_obj(c, 0), "HELP");
	CHECK_EQ_INT(c->rel, DY_REL_ROOT);
	CHECK_EQ_INT(c->passive, 0);
	CHECK_EQ_INT(c->neg, 0);
	CHECK_EQ_INT(c->up_first, 0);
	CHECK(S.nps[c->obj].flags & DY_NP_DEFINITE);
	CHECK_EQ_INT(c->vp_last, tok(".", 0));
	CHECK_EQ_INT(parse("Russian President Vladimir Putin met Tokayev."),
		     0);
	CHECK_EQ_STR(tag_of("RUSSIAN"), "JJ");
	CHECK_EQ_STR(np_text(C("MET")->subj),
		     "RUSSIAN PRESIDENT VLADIMIR PUTIN");
}

static void test_xcomp(void)
{
	const struct dy_clause *d, *s;

	CHECK_EQ_INT(parse("The CSTO decided to send peacekeepers to "
			   "Kazakhstan."), 0);
	CHECK_EQ_STR(tag_of("DECIDED"), "VBD");
	CHECK_EQ_STR(tag_of("TO"), "TO");
	CHECK_EQ_STR(tag_of("SEND"), "VB");
	CHECK_EQ_STR(tag_of("PEACEKEEPERS"), "NNS");
	CHECK_EQ_STR(lemma_of("PEACEKEEPERS"), "PEACEKEEPER");
	CHECK_EQ_STR(tag_of("KAZAKHSTAN"), "NNP");
	CHECK_EQ_INT(S.ncl, 2);
	d = C("DECIDED");
	s = C("SEND");
	CHECK_EQ_STR(np_text(d->subj), "THE CSTO");
	CHECK_EQ_INT(s->rel, DY_REL_XCOMP);
	CHECK_EQ_INT(s->parent, clause("DECIDED"));
	CHECK_EQ_INT(s->subj, d->subj);
	CHECK(s->aux & DY_AUX_TO);
	CHECK_EQ_STR(np_text(s->obj), "PEACEKEEPERS");
	CHECK_EQ_STR(pp_prep(s, 0), "TO");
	CHECK_EQ_STR(pp_obj(s, 0), "KAZAKHSTAN");
	/* the parent's verb phrase stops before the complement */
	CHECK(d->vp_last <= tok("TO", 0));

	/* object control: the object is the subject of "to V" */
	CHECK_EQ_INT(parse("Tokayev asked the CSTO to send troops."), 0);
	CHECK_EQ_INT(C("SEND")->rel, DY_REL_XCOMP);
	CHECK_EQ_STR(np_text(C("SEND")->subj), "THE CSTO");
	CHECK_EQ_STR(np_text(C("ASKED")->obj), "THE CSTO");
}

static void test_passive(void)
{
	const struct dy_clause *c;

	CHECK_EQ_INT(parse("Peacekeepers were sent to Kazakhstan by the "
			   "organisation."), 0);
	CHECK_EQ_STR(tag_of("WERE"), "VBD");
	CHECK_EQ_STR(tag_of("SENT"), "VBN");
	CHECK_EQ_STR(lemma_of("SENT"), "SEND");
	CHECK_EQ_STR(lemma_of("WERE"), "BE");
	CHECK_EQ_INT(S.ncl, 1);
	c = C("SENT");
	CHECK_EQ_INT(c->passive, 1);
	CHECK_EQ_STR(np_text(c->subj), "PEACEKEEPERS");
	CHECK_EQ_STR(np_text(c->agent), "THE ORGANISATION");
	CHECK_EQ_INT(c->pp_count, 2);
	CHECK_EQ_STR(pp_prep(c, 0), "TO");
	CHECK_EQ_STR(pp_prep(c, 1), "BY");
	CHECK_EQ_INT(c->obj, -1);
	CHECK_EQ_INT(c->up_first, 0);
}

static void test_pps(void)
{
	const struct dy_clause *c;
	int of;

	CHECK_EQ_INT(parse("Police detained dozens of protesters in Almaty "
			   "on Thursday."), 0);
	CHECK_EQ_STR(tag_of("POLICE"), "NNS");
	CHECK_EQ_STR(tag_of("DETAINED"), "VBD");
	CHECK_EQ_STR(lemma_of("DETAINED"), "DETAIN");
	CHECK_EQ_STR(tag_of("DOZENS"), "NNS");
	CHECK_EQ_STR(tag_of("PROTESTERS"), "NNS");
	CHECK_EQ_STR(tag_of("THURSDAY"), "NNP");
	c = C("DETAINED");
	CHECK_EQ_STR(np_text(c->subj), "POLICE");
	CHECK_EQ_STR(np_text(c->obj), "DOZENS");
	/* "of protesters" hangs on "dozens", the others on the verb */
	of = S.nps[np_at("PROTESTERS")].pp;
	CHECK(of >= 0 && S.pps[of].np_head == np_at("DOZENS") &&
	      S.pps[of].clause == -1);
	CHECK_EQ_INT(c->pp_count, 2);
	CHECK_EQ_STR(pp_obj(c, 0), "ALMATY");
	CHECK_EQ_STR(pp_obj(c, 1), "THURSDAY");
	CHECK(S.nps[np_at("ALMATY")].flags & DY_NP_IN_PP);
	/* the whole verb phrase is the lower sequence */
	CHECK_EQ_INT(c->vp_last, tok(".", 0));
}

static void test_coord_ccomp(void)
{
	const struct dy_clause *said, *send;
	const struct dy_np *u;
	int k, n = 0;

	CHECK_EQ_INT(parse("Belarus and Russia said they would send "
			   "troops."), 0);
	CHECK_EQ_STR(tag_of("AND"), "CC");
	CHECK_EQ_STR(tag_of("THEY"), "PRP");
	CHECK_EQ_STR(tag_of("WOULD"), "MD");
	said = C("SAID");
	send = C("SEND");
	CHECK(said->subj >= 0);
	u = said->subj >= 0 ? &S.nps[said->subj] : NULL;
	CHECK(u && (u->flags & DY_NP_COORD));
	CHECK_EQ_STR(np_text(said->subj), "BELARUS AND RUSSIA");
	for (k = 0; k < S.nnp; k++)
		if (S.nps[k].parent == said->subj)
			n++;
	CHECK_EQ_INT(n, 2);
	if (u) {
		int a = np_at("BELARUS");

		CHECK_EQ_INT(a, said->subj);
	}
	CHECK_EQ_INT(send->rel, DY_REL_CCOMP);
	CHECK_EQ_INT(send->parent, clause("SAID"));
	CHECK_EQ_STR(np_text(send->subj), "THEY");
	CHECK(S.nps[send->subj].flags & DY_NP_PRONOUN);
	CHECK(send->aux & DY_AUX_WOULD);
	CHECK_EQ_STR(np_text(send->obj), "TROOPS");
	CHECK_EQ_INT(said->obj, -1);
	CHECK(said->vp_last <= tok("THEY", 0));

	/* a list; "step down" */
	CHECK_EQ_INT(parse("Leonid Kalashnikov, head of the committee, said "
			   "that Belarus, Russia and Armenia would step "
			   "down."), 0);
	CHECK_EQ_STR(np_text(C("STEP")->subj),
		     "BELARUS , RUSSIA AND ARMENIA");
	CHECK_EQ_INT(C("STEP")->rel, DY_REL_CCOMP);
	CHECK_EQ_STR(tag_of("DOWN"), "RP");
	CHECK_EQ_INT(C("STEP")->particle, tok("DOWN", 0));
	/* the subject passes over the apposition and its PP */
	CHECK_EQ_STR(np_text(C("SAID")->subj), "LEONID KALASHNIKOV");
	CHECK(S.nps[np_at("HEAD")].flags & DY_NP_APPOS);
	CHECK_EQ_INT(S.nps[np_at("HEAD")].owner, np_at("KALASHNIKOV"));
	CHECK_EQ_INT(C("SAID")->up_first, 0);

	/* "V and V": the subject is shared */
	CHECK_EQ_INT(parse("Russia attacked Georgia and bombed Tbilisi."), 0);
	CHECK_EQ_INT(C("BOMBED")->rel, DY_REL_CONJ);
	CHECK_EQ_INT(C("BOMBED")->parent, clause("ATTACKED"));
	CHECK_EQ_STR(np_text(C("BOMBED")->subj), "RUSSIA");
	CHECK_EQ_STR(np_text(C("ATTACKED")->obj), "GEORGIA");
	CHECK(C("ATTACKED")->vp_last <= tok("AND", 0));

	/* shared modifier */
	CHECK_EQ_INT(parse("Russian and Belarusian troops arrived."), 0);
	k = np_at("TROOPS");
	CHECK(k >= 0 && (S.nps[k].flags & DY_NP_COORD));
	CHECK_EQ_INT(C("ARRIVED")->subj, k);
	for (n = 0; n < S.nnp; n++)
		if (S.nps[n].parent == k && S.nps[n].first == 0)
			CHECK(S.nps[n].words && S.nps[n].nwords == 2 &&
			      S.nps[n].words[1] == tok("TROOPS", 0));
}

static void test_negation(void)
{
	const struct dy_clause *c;

	CHECK_EQ_INT(parse("The government did not impose a curfew."), 0);
	CHECK_EQ_STR(tag_of("GOVERNMENT"), "NN");
	CHECK_EQ_STR(tag_of("DID"), "VBD");
	CHECK_EQ_STR(tag_of("NOT"), "RB");
	CHECK_EQ_STR(tag_of("IMPOSE"), "VB");
	CHECK_EQ_INT(S.ncl, 1);
	c = C("IMPOSE");
	CHECK_EQ_INT(c->neg, 1);
	CHECK(c->aux & DY_AUX_DO);
	CHECK_EQ_STR(np_text(c->subj), "THE GOVERNMENT");
	CHECK_EQ_STR(np_text(c->obj), "A CURFEW");

	CHECK_EQ_INT(parse("Russia will never send troops."), 0);
	CHECK_EQ_INT(C("SEND")->neg, 1);
	CHECK(C("SEND")->aux & DY_AUX_WILL);
	CHECK_EQ_INT(parse("Russia is going to send troops."), 0);
	CHECK(C("SEND")->aux & DY_AUX_WILL);
	CHECK_EQ_INT(S.ncl, 1);
	CHECK_EQ_INT(parse("Rebels have seized the airport."), 0);
	CHECK_EQ_STR(tag_of("SEIZED"), "VBN");
	CHECK(C("SEIZED")->aux & DY_AUX_PERF);
}

static void test_possessive_relcl(void)
{
	const struct dy_clause *a, *s;
	int poss;

	CHECK_EQ_INT(parse("Tokayev's supporters announced an operation "
			   "against protesters who had seized the city "
			   "hall."), 0);
	CHECK_EQ_STR(tag_of("'S"), "POS");
	CHECK_EQ_STR(tag_of("WHO"), "WP");
	CHECK_EQ_STR(tag_of("HAD"), "VBD");
	CHECK_EQ_STR(tag_of("SEIZED"), "VBN");
	CHECK_EQ_STR(tag_of("HALL"), "NN");
	poss = np_at("TOKAYEV");
	CHECK(poss >= 0 && (S.nps[poss].flags & DY_NP_POSSESSOR));
	CHECK_EQ_STR(np_text(poss), "TOKAYEV");
	CHECK(poss >= 0 && S.nps[poss].owner == np_at("SUPPORTERS"));
	a = C("ANNOUNCED");
	s = C("SEIZED");
	CHECK_EQ_STR(np_text(a->subj), "SUPPORTERS");
	CHECK_EQ_STR(np_text(a->obj), "AN OPERATION");
	CHECK_EQ_STR(pp_obj(a, 0), "PROTESTERS");
	CHECK(a->vp_last <= tok("WHO", 0));
	CHECK_EQ_INT(s->rel, DY_REL_RELCL);
	CHECK_EQ_INT(s->parent, clause("ANNOUNCED"));
	CHECK_EQ_STR(np_text(s->subj), "PROTESTERS");
	CHECK_EQ_STR(np_text(s->obj), "THE CITY HALL");
	CHECK(s->aux & DY_AUX_PERF);

	/* a relative clause inside the subject */
	CHECK_EQ_INT(parse("Protesters who seized the hall fled."), 0);
	CHECK_EQ_STR(np_text(C("FLED")->subj), "PROTESTERS");
	CHECK_EQ_INT(C("SEIZED")->rel, DY_REL_RELCL);
	CHECK_EQ_INT(C("SEIZED")->parent, clause("FLED"));
	/* PPs on the subject */
	CHECK_EQ_INT(parse("Police in Almaty detained protesters."), 0);
	CHECK_EQ_STR(np_text(C("DETAINED")->subj), "POLICE");
}

static void test_tags(void)
{
	/* the noun/verb ambiguities the rules exist for */
	CHECK_EQ_INT(parse("The government bans rallies."), 0);
	CHECK_EQ_STR(tag_of("BANS"), "VBZ");
	CHECK_EQ_STR(lemma_of("BANS"), "BAN");
	CHECK_EQ_STR(tag_of("RALLIES"), "NNS");
	CHECK_EQ_STR(lemma_of("RALLIES"), "RALLY");
	CHECK_EQ_INT(parse("Government forces attacked the town."), 0);
	CHECK_EQ_STR(tag_of("FORCES"), "NNS");
	CHECK_EQ_STR(tag_of("ATTACKED"), "VBD");
	CHECK_EQ_INT(parse("They condemned the attack and the talks."), 0);
	CHECK_EQ_STR(tag_of("ATTACK"), "NN");
	CHECK_EQ_STR(tag_of("TALKS"), "NNS");
	CHECK_EQ_INT(parse("Rebels want to attack the capital."), 0);
	CHECK_EQ_STR(tag_of("ATTACK"), "VB");
	CHECK_EQ_STR(tag_of("WANT"), "VBP");
	CHECK_EQ_INT(parse("Troops took the city and have taken the "
			   "port."), 0);
	CHECK_EQ_STR(tag_of("TOOK"), "VBD");
	CHECK_EQ_STR(lemma_of("TOOK"), "TAKE");
	CHECK_EQ_STR(tag_of("TAKEN"), "VBN");
	CHECK_EQ_STR(lemma_of("TAKEN"), "TAKE");
	CHECK_EQ_INT(parse("The men were arrested in 2021 after 12 "
			   "attacks."), 0);
	CHECK_EQ_STR(lemma_of("MEN"), "MAN");
	CHECK_EQ_STR(tag_of("2021"), "CD");
	CHECK_EQ_STR(tag_of("12"), "CD");
	/* the capitalised first word is read as the common word */
	CHECK_EQ_INT(parse("Police said the talks failed."), 0);
	CHECK_EQ_STR(tag_of("POLICE"), "NNS");
	CHECK_EQ_STR(tag_of("FAILED"), "VBD");
	CHECK_EQ_INT(C("FAILED")->rel, DY_REL_CCOMP);
	/* context-free lookups */
	CHECK_EQ_INT(dy_shallow_word_tag(sh, "QUICKLY", 7), DY_POS_RB);
	CHECK_EQ_INT(dy_shallow_word_tag(sh, "NATIONALIZATION", 15),
		     DY_POS_NN);
	CHECK_EQ_INT(dy_shallow_word_tag(sh, "THE", 3), DY_POS_DT);
}

static void test_odd_input(void)
{
	static char big[4096];
	size_t i, n = 0;
	const char *odd[] = {
		"...", "!!! ???", "\"\"", "'s 's 's", "and and and or",
		"THE GOVERNMENT BANS RALLIES IN ALMATY", "( ) , ; :",
		"who who which that", "to to to to", "will will will",
		"Kazakhstan's", "the the the", "X, Y, Z, and", "-- - --",
		"1 2 3 4 5", "a-b-c-d-e-f", "Mr. Tokayev 's 's 's 's",
	};

	for (i = 0; i < sizeof odd / sizeof odd[0]; i++)
		CHECK_EQ_INT(parse(odd[i]), 0);
	/* the headline in capitals still has its verb */
	CHECK_EQ_INT(parse("THE GOVERNMENT BANS RALLIES IN ALMATY"), 0);
	CHECK_EQ_STR(tag_of("BANS"), "VBZ");
	/* an empty sentence */
	dy_arena_release(&arena);
	dy_arena_init(&arena, 0);
	memset(&S, 0, sizeof S);
	CHECK_EQ_INT(dy_shallow_parse(sh, &arena, &S, ""), 0);
	CHECK_EQ_INT(S.ncl + S.nnp + S.npp, 0);
	/* a long run of mixed words, near the token cap */
	while (n + 40 < sizeof big) {
		static const char *w[] = {
			"protesters ", "and ", "the ", "police ", ", ",
			"who ", "said ", "attacked ", "of ", "to ",
			"send ", "'s ", "Russia ", "not ",
		};
		const char *x = w[(n * 7 + n / 3) % 14];

		memcpy(big + n, x, strlen(x));
		n += strlen(x);
	}
	big[n] = '\0';
	CHECK(parse(big) == 0 || S.ntok > 0);
}

static void test_oom(void)
{
	int limit, ok = 0, failed = 0;
	const char *text = "Tokayev's supporters announced an operation "
			   "against protesters who had seized the city hall "
			   "and Belarus, Russia and Armenia said they would "
			   "send troops to Almaty on Thursday.";

	/* leave `limit` bytes in the arena's chunk and forbid new ones */
	for (limit = 0; limit < 8192; limit += 64) {
		int rc;
		size_t room;

		dy_arena_release(&arena);
		dy_arena_init(&arena, 0);
		memset(&S, 0, sizeof S);
		S.len = (uint32_t)strlen(text);
		if (dy_text_tokenize(&arena, text, 0, S.len, &S.toks,
				     &S.ntok))
			continue;
		room = (size_t)(arena._end - arena._p);
		if (room > (size_t)limit + 64 &&
		    !dy_arena_alloc(&arena, room - (size_t)limit - 64))
			continue;
		arena.limit = arena.total;
		rc = dy_shallow_parse(sh, &arena, &S, text);
		if (rc == 0) {
			ok++;
			check_invariants("oom run");
		} else {
			CHECK_EQ_INT(rc, DY_ENOMEM);
			failed++;
		}
	}
	CHECK(ok > 0);
	CHECK(failed > 0);
}

int main(void)
{
	const char *err = NULL;

	dy_arena_init(&arena, 0);
	CHECK_EQ_INT(dy_shallow_open(&sh, &err), 0);
	if (!sh)
		return test_report("test_shallow");
	test_asked();
	test_xcomp();
	test_passive();
	test_pps();
	test_coord_ccomp();
	test_negation();
	test_possessive_relcl();
	test_tags();
	test_odd_input();
	test_oom();
	(void)TEXT;
	dy_arena_release(&arena);
	dy_shallow_close(sh);
	dy_shallow_close(NULL);
	return test_report("test_shallow");
}
