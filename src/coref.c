/*
 * coref.c: who "he", "the organisation" and "Tokayev's adherers" are.
 *
 * Runs on each sentence after actor resolution and before matching, so
 * the matcher sees resolved codes.  It keeps a discourse memory of the
 * coded mentions of the story (struct dy_mention in story.h): code, kind
 * (person, organisation, country, group), number, grammatical role and
 * sentence.  Then, for the NPs of the sentence that have no code of their
 * own:
 *
 *   pronouns        he/him/his/she/her -> the most salient person;
 *                   it/its -> an organisation or country; they/them/
 *                   their -> a group, a compound or an organisation.
 *                   Salience: the current sentence before the pronoun
 *                   (nearest first), then the previous three sentences,
 *                   subjects before other mentions, nearer first.
 *   definite NPs    "the organisation/alliance/bloc" -> an organisation;
 *                   "the country/nation/republic" -> a country (its
 *                   3-letter code); "the (Russian) official/minister/
 *                   president/spokesman" -> a person (of that country)
 *   possession      an uncoded NP owned by a coded possessor takes the
 *                   possessor's code plus its own agents ("Tokayev's
 *                   adherers" -> KAZGOV, "Kazakhstan's police" -> KAZCOP)
 *   apposition      "Leonid Kalashnikov, head of the CIS affairs
 *                   committee of the Russian State Duma": the name takes
 *                   the apposition's code, and the reverse
 *   bare agents     an agent-only code ("---OPP" for "protesters") takes
 *                   the country the story is about at that point: a
 *                   place named in the sentence, else the country most
 *                   mentioned in the last few sentences
 *
 * Nothing is guessed: a pronoun without a compatible antecedent stays
 * uncoded (and so codes no event).  Words given in quotes by a speaker
 * ("we", "I") are left alone.
 */
#include <string.h>

#include "actors.h"
#include "coref.h"
#include "ctx.h"
#include "dict.h"
#include "geo.h"
#include "story.h"
#include "base/str.h"

#define WINDOW 3 /* sentences back a pronoun may reach */

static const char *const he_words[] = { "HE", "HIM", "HIS", "HIMSELF",
	"SHE", "HER", "HERS", "HERSELF", NULL };
static const char *const it_words[] = { "IT", "ITS", "ITSELF", NULL };
static const char *const they_words[] = { "THEY", "THEM", "THEIR",
	"THEMSELVES", "THEIRS", NULL };
static const char *const org_nouns[] = { "ORGANISATION", "ORGANIZATION",
	"ALLIANCE", "BLOC", "BODY", "UNION", "GROUPING", "COMMISSION",
	"COUNCIL", "AGENCY", NULL };
static const char *const country_nouns[] = { "COUNTRY", "NATION",
	"REPUBLIC", "KINGDOM", "STATE", NULL };
static const char *const person_nouns[] = { "OFFICIAL", "MINISTER",
	"PRESIDENT", "SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON", "LEADER",
	"DIPLOMAT", "PREMIER", "CHANCELLOR", "ENVOY", "AMBASSADOR",
	"GENERAL", "COMMANDER", "CHAIRMAN", "CHAIRWOMAN", "POLITICIAN",
	"LAWMAKER", "SENATOR", "DEPUTY", "SECRETARY", "HEAD", "CHIEF",
	"MAYOR", "GOVERNOR", "KING", "QUEEN", "PRINCE", "EMIR", "SHEIKH",
	"SECRETARY-GENERAL", NULL };

static const char *np_word(const struct dy_sent *s, const struct dy_np *np,
			   int k)
{
	uint16_t t = np->words ? np->words[k] : (uint16_t)(np->first + k);

	return s->toks[t].form;
}

static int np_len(const struct dy_np *np)
{
	return np->words ? np->nwords : np->last - np->first;
}

static const char *head_form(const struct dy_sent *s, const struct dy_np *np)
{
	int n = np_len(np), k;

	/* the last word that is not punctuation or a possessive */
	for (k = n - 1; k >= 0; k--) {
		uint16_t t = np->words ? np->words[k]
				       : (uint16_t)(np->first + k);
		int p = s->toks[t].pos;

		if (p != DY_POS_POS && p != DY_POS_COMMA &&
		    p != DY_POS_PERIOD && p != DY_POS_QUOTE)
			return s->toks[t].form;
	}
	return "";
}

static int is_country_code(const char *c)
{
	return strlen(c) == 3 && c[0] >= 'A' && c[0] <= 'Z' &&
	       strcmp(c, "IGO") && strcmp(c, "NGO") && strcmp(c, "---");
}

static int is_intl(const char *c)
{
	return !strncmp(c, "IGO", 3) || !strncmp(c, "NGO", 3) ||
	       !strncmp(c, "IMG", 3) || !strncmp(c, "MNC", 3) ||
	       !strncmp(c, "NGM", 3) || !strncmp(c, "UIS", 3);
}

static int country_prefix(const char *c)
{
	return strlen(c) >= 3 && !is_intl(c) && strncmp(c, "---", 3) &&
	       c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' &&
	       c[2] >= 'A' && c[2] <= 'Z';
}

/* Classify a coded NP into a mention kind. */
static int kind_of(const struct dy_sent *s, const struct dy_np *np)
{
	const char *c = np->code, *h;

	if (!c)
		return DY_MK_NONE;
	if (np->flags & DY_NP_COORD)
		return DY_MK_GROUP;
	if (np->person)
		return DY_MK_PERSON;
	if (is_intl(c))
		return DY_MK_ORG;
	if (is_country_code(c))
		return DY_MK_COUNTRY;
	h = head_form(s, np);
	if (dy_word_in(h, person_nouns))
		return DY_MK_PERSON;
	/* "Foreign Minister Gabrielius Landsbergis": a title and a name */
	{
		int k, n = np_len(np);

		for (k = 0; k + 1 < n; k++)
			if (dy_word_in(np_word(s, np, k), person_nouns) &&
			    dy_pos_is_noun(s->toks[np->words ? np->words[n - 1]
						   : np->last - 1].pos) &&
			    (s->toks[np->words ? np->words[n - 1]
				     : np->last - 1].flags & DY_TOK_CAP))
				return DY_MK_PERSON;
	}
	if (strlen(h) > 1 && h[strlen(h) - 1] == 'S')
		return DY_MK_GROUP;
	return DY_MK_ORG; /* a government, ministry, party, agency */
}

static int role_of(const struct dy_sent *s, int np)
{
	int i;

	for (i = 0; i < s->ncl; i++) {
		const struct dy_clause *c = &s->clauses[i];

		if (c->subj == np || (c->subj >= 0 &&
				      s->nps[np].parent == c->subj))
			return c->rel == DY_REL_ROOT ? 3 : 2;
		if (c->obj == np || c->agent == np)
			return 1;
	}
	return 0;
}

static int add_mention(struct dy_story *st, int sidx, int np)
{
	const struct dy_sent *s = &st->sents[sidx];
	const struct dy_np *n = &s->nps[np];
	struct dy_mention *m;

	if (!n->code || !strcmp(n->code, "---"))
		return 0;
	if (st->nment == st->capment) {
		uint32_t ncap = st->capment ? st->capment * 2 : 32;
		void *p = dy_arena_grow(&st->arena, st->ments, st->nment, ncap,
					sizeof *st->ments);
		if (!p)
			return DY_ENOMEM;
		st->ments = p;
		st->capment = ncap;
	}
	m = &st->ments[st->nment++];
	memset(m, 0, sizeof *m);
	m->code = n->code;
	m->sent = (int16_t)sidx;
	m->np = (int16_t)np;
	m->tok = n->first;
	m->kind = (uint8_t)kind_of(s, n);
	m->role = (uint8_t)role_of(s, np);
	return 0;
}

static const char *const place_preps[] = { "IN", "AT", "TO", "INTO",
	"NEAR", "FROM", "OUTSIDE", "INSIDE", "TOWARD", "TOWARDS", "ON",
	"AGAINST", "OVER", NULL };

/* The place an NP of capitalised words names ("Almaty", "the city of
 * Aleppo" is left to the gazetteer's callers), or NULL. */
static const struct dy_place *place_of(const struct dy_gazetteer *g,
				       const struct dy_sent *s,
				       const struct dy_np *np)
{
	char buf[256];
	size_t n = 0;
	int k, m = np_len(np);

	for (k = 0; k < m; k++) {
		uint16_t t = np->words ? np->words[k]
				       : (uint16_t)(np->first + k);
		const struct dy_tok *tok = &s->toks[t];
		size_t l = strlen(tok->form);

		if (k == 0 && !strcmp(tok->form, "THE"))
			continue;
		if (!(tok->flags & DY_TOK_CAP) || n + l + 2 >= sizeof buf)
			return NULL;
		if (n)
			buf[n++] = ' ';
		memcpy(buf + n, tok->form, l);
		n += l;
	}
	return n ? dy_geo_lookup(g, buf, n, NULL) : NULL;
}

/* Sentences from a to b that say something (have a clause): captions,
 * datelines and photo credits between a name and "he" do not count. */
static int content_dist(const struct dy_story *st, int a, int b)
{
	int k, d = 0;

	if (a > b)
		return -1;
	for (k = a + 1; k <= b; k++)
		if (st->sents[k].ncl > 0 || k == b)
			d++;
	return d;
}

/* The best antecedent of kind in `kinds` (bit set) for a mention at
 * (sidx, tok), or NULL. */
static const struct dy_mention *antecedent(const struct dy_story *st,
					   int sidx, int tok, unsigned kinds,
					   const char *country)
{
	const struct dy_mention *best = NULL;
	int best_score = -1000;
	uint32_t i;

	for (i = 0; i < st->nment; i++) {
		const struct dy_mention *m = &st->ments[i];
		int dist = content_dist(st, m->sent, sidx), score;

		if (dist < 0 || dist > WINDOW)
			continue;
		if (dist == 0 && m->tok >= tok)
			continue;
		if (!(kinds & (1u << m->kind)))
			continue;
		if (country && strncmp(m->code, country, 3))
			continue;
		/* nearer sentences first, then subjects, then nearer words */
		score = -dist * 100 + m->role * 10 +
			(dist == 0 ? m->tok / 8 : 0);
		if (score > best_score ||
		    (score == best_score && best && m->tok > best->tok &&
		     dist == 0)) {
			best = m;
			best_score = score;
		}
	}
	return best;
}

static int set_code(struct dy_story *st, struct dy_np *np, const char *code,
		    const struct dy_mention *from)
{
	np->code = dy_arena_strdup(&st->arena, code);
	if (!np->code)
		return DY_ENOMEM;
	if (from) {
		np->ante_sent = from->sent;
		np->antecedent = from->np;
	}
	np->coref = 1;
	return 0;
}


/* The country a bare agent belongs to at this point of the story: a
 * place named in the sentence, else the country most mentioned in the
 * last few sentences (ties to the most recent), else the dateline's. */
const char *dy_coref_focus(const struct dy_story *st, int sidx)
{
	const char *best = NULL;
	int best_n = 0, best_sent = -1;
	uint32_t i, j;

	if (st->sents[sidx].place_country)
		return st->sents[sidx].place_country;
	for (i = 0; i < st->nment; i++) {
		const struct dy_mention *m = &st->ments[i];
		int n = 0;

		if (sidx - m->sent > WINDOW || m->sent > sidx ||
		    !country_prefix(m->code))
			continue;
		/* recent mentions count more: the story's subject shifts */
		for (j = 0; j < st->nment; j++)
			if (sidx - st->ments[j].sent <= WINDOW &&
			    st->ments[j].sent <= sidx &&
			    !strncmp(st->ments[j].code, m->code, 3))
				n += WINDOW + 1 - (sidx - st->ments[j].sent);
		if (n > best_n || (n == best_n && m->sent > best_sent)) {
			best = m->code;
			best_n = n;
			best_sent = m->sent;
		}
	}
	return best ? best : st->dateline_country;
}

static const char *const gov_nouns[] = { "MINISTRY", "GOVERNMENT",
	"AUTHORITIES", "ADMINISTRATION", "CABINET", "PRESIDENCY",
	"KREMLIN", NULL };

static int coded(const struct dy_np *np)
{
	return np->code && strncmp(np->code, "---", 3);
}

/* (Re)record the sentence's mentions from first_ment on. */
static int record(struct dy_story *st, int sidx, uint32_t first_ment)
{
	const struct dy_sent *s = &st->sents[sidx];
	int i, rc = 0;

	st->nment = first_ment;
	for (i = 0; i < s->nnp && !rc; i++)
		if (!(s->nps[i].flags & (DY_NP_COORD | DY_NP_DELETED)))
			rc = add_mention(st, sidx, i);
	return rc;
}

/* "Head of the CIS Affairs Committee of the Russian State Duma": a role
 * takes the code of the last coded NP of its "of" chain; "the friendly
 * people of Kazakhstan": an agent without a country takes the country of
 * its "of" NP. */
static int of_chains(struct dy_story *st, struct dy_sent *s)
{
	int i, rc = 0;

	for (i = 0; i < s->nnp && !rc; i++) {
		struct dy_np *np = &s->nps[i];
		int role = dy_word_in(head_form(s, np), person_nouns);
		int k, cur = i, last = -1, guard;

		if ((np->flags & (DY_NP_COORD | DY_NP_DELETED)) || coded(np))
			continue;
		for (guard = 0; guard < 4; guard++) {
			int next = -1;

			for (k = 0; k < s->npp; k++)
				if (s->pps[k].np_head == cur &&
				    s->pps[k].np >= 0 &&
				    !strcmp(s->toks[s->pps[k].prep].form,
					    "OF"))
					next = s->pps[k].np;
			if (next < 0)
				break;
			if (coded(&s->nps[next]))
				last = next;
			cur = next;
		}
		if (last < 0)
			continue;
		if (role && !np->code) {
			rc = set_code(st, np, s->nps[last].code, NULL);
			np->person = 1;
		} else if (np->code && np->code[3] &&
			   country_prefix(s->nps[last].code)) {
			const char *c = dy_arena_printf(&st->arena, "%.3s%s",
				s->nps[last].code, np->code + 3);
			if (!c)
				rc = DY_ENOMEM;
			else
				np->code = c;
		}
	}
	return rc;
}

/* "arrived in Almaty", "sent troops to Aleppo": a town after a
 * preposition of place stands for its country, as capitals do in the
 * actor dictionary. */
static int towns(struct dy_ctx *ctx, struct dy_story *st, struct dy_sent *s)
{
	int i, rc = 0;

	for (i = 0; i < s->nnp && !rc && ctx->gaz; i++) {
		struct dy_np *np = &s->nps[i];
		const struct dy_place *pl;

		if (np->code || np->pp < 0 || (np->flags & DY_NP_COORD) ||
		    !(np->flags & DY_NP_IN_PP))
			continue;
		if (!dy_word_in(s->toks[s->pps[np->pp].prep].form,
				place_preps))
			continue;
		pl = place_of(ctx->gaz, s, np);
		if (pl)
			rc = set_code(st, np, pl->country, NULL);
	}
	return rc;
}

/* Possession and apposition pass codes between NPs. */
static int links(struct dy_story *st, struct dy_sent *s)
{
	int i, rc = 0;

	for (i = 0; i < s->nnp && !rc; i++) {
		struct dy_np *np = &s->nps[i], *o;

		if (np->owner < 0 || !coded(np))
			continue;
		o = &s->nps[np->owner];
		if (np->flags & DY_NP_POSSESSOR) {
			if (!o->code) {
				rc = set_code(st, o, np->code, NULL);
			} else if (!strncmp(o->code, "---", 3)) {
				/* "Kazakhstan's police": country + agents */
				const char *c = dy_arena_printf(&st->arena,
					"%.3s%s", np->code, o->code + 3);
				if (!c)
					rc = DY_ENOMEM;
				else
					o->code = c;
			}
		} else if ((np->flags & DY_NP_APPOS) && !coded(o)) {
			rc = set_code(st, o, np->code, NULL);
			/* "X, head of Y": X is a person */
			if (np->person ||
			    dy_word_in(head_form(s, np), person_nouns))
				o->person = 1;
		}
	}
	for (i = 0; i < s->nnp && !rc; i++) {
		struct dy_np *np = &s->nps[i];

		if ((np->flags & DY_NP_APPOS) && np->owner >= 0 &&
		    coded(&s->nps[np->owner]) && !coded(np))
			rc = set_code(st, np, s->nps[np->owner].code, NULL);
	}
	return rc;
}

/* "the organisation", "the country", "the ministry", "the (Russian)
 * official": an earlier mention of that kind. */
static int definites(struct dy_story *st, int sidx)
{
	struct dy_sent *s = &st->sents[sidx];
	int i, rc = 0;

	for (i = 0; i < s->nnp && !rc; i++) {
		struct dy_np *np = &s->nps[i];
		const struct dy_mention *m = NULL;
		const char *w0, *h;
		int n = np_len(np);
		char cc[4] = { 0 };

		if ((np->flags & (DY_NP_COORD | DY_NP_DELETED)) || n < 2 ||
		    n > 3)
			continue;
		w0 = np_word(s, np, 0);
		h = head_form(s, np);
		if (strcmp(w0, "THE"))
			continue;
		if (coded(np) && country_prefix(np->code))
			memcpy(cc, np->code, 3);
		if (dy_word_in(h, person_nouns)) {
			/* a coded "the Russian official" still takes a person
			 * mentioned before, of that country */
			m = antecedent(st, sidx, np->first, 1u << DY_MK_PERSON,
				       cc[0] ? cc : NULL);
			if (m && (!np->code || strcmp(m->code, np->code)))
				rc = set_code(st, np, m->code, m);
			continue;
		}
		if (coded(np))
			continue;
		if (dy_word_in(h, org_nouns) && n == 2) {
			m = antecedent(st, sidx, np->first, 1u << DY_MK_ORG,
				       NULL);
		} else if (dy_word_in(h, gov_nouns) && n == 2) {
			/* "the ministry": the government side of the last
			 * national actor to speak or act */
			m = antecedent(st, sidx, np->first,
				       (1u << DY_MK_ORG) | (1u << DY_MK_PERSON),
				       NULL);
			if (m && (!country_prefix(m->code) ||
				  !strstr(m->code + 3, "GOV") ||
				  content_dist(st, m->sent, sidx) > 1))
				m = NULL;
		} else if (dy_word_in(h, country_nouns) && n == 2) {
			m = antecedent(st, sidx, np->first,
				       (1u << DY_MK_COUNTRY) | (1u << DY_MK_ORG) |
				       (1u << DY_MK_PERSON), NULL);
			/* "the country" is the country itself */
			if (m && country_prefix(m->code)) {
				memcpy(cc, m->code, 3);
				cc[3] = '\0';
				rc = set_code(st, np, cc, m);
			}
			continue;
		}
		if (m)
			rc = set_code(st, np, m->code, m);
	}
	return rc;
}

/* he/she, it, they: the most salient compatible mention. */
static int pronouns(struct dy_story *st, int sidx)
{
	struct dy_sent *s = &st->sents[sidx];
	int i, rc = 0;

	for (i = 0; i < s->nnp && !rc; i++) {
		struct dy_np *np = &s->nps[i];
		const struct dy_mention *m = NULL;
		const char *w0;

		if ((np->flags & (DY_NP_COORD | DY_NP_DELETED)) ||
		    np_len(np) != 1 || coded(np))
			continue;
		w0 = np_word(s, np, 0);
		if (dy_word_in(w0, he_words))
			m = antecedent(st, sidx, np->first, 1u << DY_MK_PERSON,
				       NULL);
		else if (dy_word_in(w0, it_words))
			m = antecedent(st, sidx, np->first,
				       (1u << DY_MK_ORG) | (1u << DY_MK_COUNTRY),
				       NULL);
		else if (dy_word_in(w0, they_words))
			m = antecedent(st, sidx, np->first,
				       (1u << DY_MK_GROUP) | (1u << DY_MK_ORG),
				       NULL);
		if (m)
			rc = set_code(st, np, m->code, m);
	}
	return rc;
}

/* Bare agents ("protesters", ---OPP) get the story's country. */
static int countries(struct dy_story *st, int sidx)
{
	struct dy_sent *s = &st->sents[sidx];
	const char *fc = dy_coref_focus(st, sidx);
	int i;

	for (i = 0; i < s->nnp; i++) {
		struct dy_np *np = &s->nps[i];

		if (np->code && !strncmp(np->code, "---", 3) && np->code[3]) {
			const char *from = fc, *c;
			int k;

			/* "a missionary from Calgary", "doctors from
			 * Switzerland": the country they come from */
			for (k = 0; k < s->npp; k++) {
				const struct dy_pp *pp = &s->pps[k];
				const char *pc;

				if (pp->np_head != i || pp->np < 0 ||
				    strcmp(s->toks[pp->prep].form, "FROM"))
					continue;
				pc = s->nps[pp->np].code;
				if (pc && country_prefix(pc)) {
					from = pc;
					break;
				}
			}
			if (!from)
				continue;
			c = dy_arena_printf(&st->arena, "%.3s%s", from,
					    np->code + 3);
			if (!c)
				return DY_ENOMEM;
			np->code = c;
		}
	}
	return 0;
}

/* What the sentence's NPs are coded as, in one number: a pass that
 * changed no code leaves the recorded mentions as they are. */
static uintptr_t codes_sig(const struct dy_sent *s)
{
	uintptr_t h = 0;
	int i;

	for (i = 0; i < s->nnp; i++)
		h = h * 31 + (uintptr_t)s->nps[i].code;
	return h;
}

static int rerecord(struct dy_story *st, int sidx, uint32_t first_ment,
		    uintptr_t *sig)
{
	uintptr_t now = codes_sig(&st->sents[sidx]);

	if (now == *sig)
		return 0;
	*sig = now;
	return record(st, sidx, first_ment);
}

int dy_coref_sentence(struct dy_ctx *ctx, struct dy_story *st, int sidx)
{
	struct dy_sent *s = &st->sents[sidx];
	uint32_t first_ment = st->nment;
	uintptr_t sig;
	int rc;

	/* the sentence's own coded NPs are antecedents too ("Belarus said
	 * it was ready"); each pass re-records them so the next sees what
	 * the last resolved */
	rc = record(st, sidx, first_ment);
	sig = codes_sig(s);
	rc = rc ? rc : of_chains(st, s);
	rc = rc ? rc : towns(ctx, st, s);
	rc = rc ? rc : links(st, s);
	rc = rc ? rc : rerecord(st, sidx, first_ment, &sig);
	rc = rc ? rc : definites(st, sidx);
	rc = rc ? rc : links(st, s);
	rc = rc ? rc : rerecord(st, sidx, first_ment, &sig);
	rc = rc ? rc : pronouns(st, sidx);
	rc = rc ? rc : countries(st, sidx);
	rc = rc ? rc : rerecord(st, sidx, first_ment, &sig);
	return rc;
}
