/*
 * actors.c: give noun phrases actor codes.
 *
 * For each NP the words are read left to right (PETRARCH check_NEphrase):
 *  - the first position where an actor phrase matches gives the actor
 *    (the longest phrase starting at that word wins); its code is the one
 *    in force on the story date (date restrictions, then the default);
 *  - every position where an agent phrase matches adds that agent's code,
 *    after the actor ("~GOV": Kazakh + police -> KAZCOP) or before it
 *    ("NGO~"), unless the code already holds that 3-letter block;
 *  - "former" turns the role into ELI (AGENTS-18: "former Gondor
 *    prosecutors" -> GONELI).
 * A phrase matches when its words occur in order from the starting word,
 * adjacent where the dictionary wrote '_' and with gaps where it wrote a
 * space.  An NP with agents but no actor gets "---" plus the agents
 * ("police" -> ---COP); with neither it stays uncoded.
 */
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "ctx.h"
#include "dict.h"
#include "base/str.h"

#define MAX_NP_WORDS 128
#define MAX_CODE 64

struct npwords {
	const char *w[MAX_NP_WORDS]; /* forms */
	uint16_t t[MAX_NP_WORDS];    /* token of each */
	uint8_t flags[MAX_NP_WORDS]; /* token flags of each */
	uint16_t len[MAX_NP_WORDS];  /* length of each word */
	uint8_t pos[MAX_NP_WORDS];   /* part of speech of each */
	int n;
};

static void np_words(const struct dy_sent *s, const struct dy_np *np,
		     struct npwords *out)
{
	int k, n = np->words ? np->nwords : np->last - np->first;

	out->n = 0;
	for (k = 0; k < n && out->n < MAX_NP_WORDS; k++) {
		uint16_t t = np->words ? np->words[k]
				       : (uint16_t)(np->first + k);
		const struct dy_tok *tok = &s->toks[t];

		if (tok->pos == DY_POS_POS)
			continue;
		out->w[out->n] = tok->dform;
		out->t[out->n] = t;
		out->flags[out->n] = tok->flags;
		out->len[out->n] = tok->flen;
		out->pos[out->n] = (uint8_t)tok->pos;
		out->n++;
	}
}

/* Short acronyms that are also everyday words ("US" and "us", "WHO" and
 * "who") name an actor only when written in capitals.  Sorted. */
static const char *const common_words[] = {
	"ACT", "AID", "ALL", "AM", "AN", "AND", "ANY", "ARE", "AS", "AT",
	"BE", "BUT", "BY", "CAN", "DO", "FOR", "GO", "HAD", "HAS", "HE",
	"HER", "HIM", "HIS", "HOW", "I", "IF", "IN", "IS", "IT", "ITS",
	"ME", "MY", "NO", "NOR", "NOT", "NOW", "OF", "OFF", "ON", "ONE",
	"OR", "OUR", "OUT", "SHE", "SO", "THE", "TO", "UP", "US", "WAS",
	"WAY", "WE", "WHO", "WHY", "YES", "YOU",
};

static int cmp_word(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int caps_only(const char *w)
{
	return bsearch(&w, common_words, sizeof common_words /
		       sizeof *common_words, sizeof *common_words,
		       cmp_word) != NULL;
}

/* Does phrase ph match words starting at position k?  Sets *end to one
 * past the last matched word. */
static int phrase_match(const struct dy_phrase *ph, const struct npwords *w,
			int k, int *end)
{
	int i = k + 1, j = 1;

	/* a phrase longer than the words left cannot match (lists are
	 * longest first, so this rejects most of a long list at once) */
	if (ph->nwords > w->n - k || ph->words[0] != w->w[k])
		return 0;
	if (ph->nwords == 1 && !ph->is_agent && caps_only(ph->words[0]) &&
	    !(w->flags[k] & DY_TOK_ALLCAP))
		return 0;
	/* a person's name is written with a capital: "Bush", not "bush
	 * fires"; "May", not "may" */
	if (ph->actor && ph->actor->person && !(w->flags[k] & DY_TOK_CAP))
		return 0;
	/* ... which says nothing first in a sentence: there a one-word
	 * name must be a proper noun ("Bush fires burned") */
	if (ph->actor && ph->actor->person && ph->nwords == 1 &&
	    w->t[k] == 0 && w->pos[k] != DY_POS_NNP &&
	    w->pos[k] != DY_POS_NNPS)
		return 0;
	while (j < ph->nwords) {
		if (i >= w->n)
			return 0;
		if (ph->words[j] == w->w[i]) {
			i++;
			j++;
			continue;
		}
		if (!ph->open[j - 1])
			return 0;
		i++;
	}
	*end = i;
	return 1;
}

/* Has `code` a 3-letter block equal to `agc`?  Blocks are counted from
 * the start (PETRARCH's alignment: NGO in GONGOV is no block) and from
 * the end, so longer organisation codes (IGOCSTO + MIL) align too. */
static int has_block(const char *code, const char *agc)
{
	size_t n = strlen(code), m = strlen(agc), k;

	for (k = 0; k + m <= n; k += 3)
		if (!memcmp(code + k, agc, m))
			return 1;
	for (k = n % 3; k + m <= n; k += 3)
		if (!memcmp(code + k, agc, m))
			return 1;
	return 0;
}

static int facility(const char *w)
{
	static const char *const heads[] = {
		"BARRACKS", "BASE", "BASES", "BUILDING", "BUILDINGS", "CAMP",
		"CAMPS", "CHECKPOINT", "CHECKPOINTS", "COMPOUND", "COMPOUNDS",
		"CONVOY", "CONVOYS", "HEADQUARTERS", "HIDEOUT", "HIDEOUTS",
		"INSTALLATION", "INSTALLATIONS", "LINES", "OFFICE", "OFFICES",
		"OUTPOST", "OUTPOSTS", "PATROL", "PATROLS", "POSITION",
		"POSITIONS", "POST", "POSTS", "STATION", "STATIONS",
		"STRONGHOLD", "STRONGHOLDS", "TARGETS", "UNIT", "UNITS",
		"VEHICLE", "VEHICLES",
	};

	return w && bsearch(&w, heads, sizeof heads / sizeof *heads,
			    sizeof *heads, cmp_word) != NULL;
}

int dy_actor_phrase(const struct dy_dict *d, const struct dy_sent *s,
		    const struct dy_np *np, long date,
		    struct dy_actor_result *r)
{
	struct npwords w;
	const struct dy_phrase *actor = NULL, *agents[16];
	int k, nag = 0, end = 0, former = 0, i, appended = 0, a0 = 0, a1 = 0;
	char code[MAX_CODE];
	size_t cl;

	memset(r, 0, sizeof *r);
	np_words(s, np, &w);
	if (w.n == 0)
		return 0;
	/* "the Russian-led bloc", "a US-led coalition": led by that
	 * country (the leader's word is looked up without "-LED") */
	for (k = 0; k < w.n; k++) {
		const char *f = s->toks[w.t[k]].form;
		size_t n = s->toks[w.t[k]].flen;

		if (n > 4 && !memcmp(f + n - 4, "-LED", 4)) {
			w.w[k] = dy_hash_get(&d->strings, f, n - 4);
			w.len[k] = (uint16_t)(n - 4);
		}
	}
	for (k = 0; k < w.n && !actor; k++) {
		const struct dy_phrase *ph;

		if (!w.w[k])
			continue;
		for (ph = dy_dict_actor(d, w.w[k], w.len[k]); ph;
		     ph = ph->next) {
			/* most of a long list ("INTERNATIONAL ...") fails on
			 * its second word */
			if (ph->adj1 && (k + 1 >= w.n || ph->w1 != w.w[k + 1]))
				continue;
			if (phrase_match(ph, &w, k, &end)) {
				actor = ph;
				r->first = w.t[k];
				r->last = (uint16_t)(w.t[end - 1] + 1);
				a0 = k;
				a1 = end;
				break;
			}
		}
	}
	for (k = 0; k < w.n; k++) {
		const struct dy_phrase *ph;

		if (!w.w[k])
			continue;
		/* words of the actor's own name are no agents ("Lord's
		 * Resistance Army" is not also an army) */
		if (k >= a0 && k < a1)
			continue;
		if (!strcmp(w.w[k], "FORMER"))
			former = 1;
		for (ph = dy_dict_agent(d, w.w[k], w.len[k]); ph;
		     ph = ph->next)
			if (phrase_match(ph, &w, k, &end)) {
				if (nag < 16)
					agents[nag++] = ph;
				if (end == w.n)
					r->head_agent = 1;
				/* "main opposition group" is one agent, not
				 * also "opposition group" */
				k = end - 1;
				break;
			}
	}
	if (!actor && !nag)
		return 0;
	/* a place or unit of the role's people stands for them: "rebel
	 * positions", "a guerrilla stronghold", "army convoys" */
	if (facility(w.w[w.n - 1]))
		r->head_agent = 1;
	/* a name after the role ("President Dos Santos", "the newspaper
	 * La Prensa") is the person or body the role names */
	if (w.flags[w.n - 1] & DY_TOK_CAP &&
	    (s->toks[w.t[w.n - 1]].pos == DY_POS_NNP ||
	     s->toks[w.t[w.n - 1]].pos == DY_POS_NNPS))
		r->head_agent = 1;
	code[0] = '\0';
	if (actor) {
		const char *c = dy_actor_code_on(actor->actor, date);

		r->actor = actor->actor;
		snprintf(code, sizeof code, "%s", c ? c : "---");
	} else {
		snprintf(code, sizeof code, "---");
	}
	for (i = 0; i < nag; i++) {
		const char *agc = agents[i]->agent_code;

		if (has_block(code, agc))
			break;
		cl = strlen(code);
		if (cl + strlen(agc) + 1 >= sizeof code)
			break;
		if (agents[i]->agent_prefix) {
			memmove(code + strlen(agc), code, cl + 1);
			memcpy(code, agc, strlen(agc));
		} else {
			memcpy(code + cl, agc, strlen(agc) + 1);
			appended = (int)strlen(agc);
		}
		r->agent = agents[i];
	}
	if (former && !has_block(code, "ELI")) {
		cl = strlen(code);
		/* the role held before: replace the last role added */
		if (appended && cl >= (size_t)appended)
			code[cl - (size_t)appended] = '\0';
		cl = strlen(code);
		if (cl + 4 < sizeof code)
			memcpy(code + cl, "ELI", 4);
	}
	snprintf(r->code, sizeof r->code, "%s", code);
	return 1;
}

void dy_sent_intern(const struct dy_dict *d, struct dy_sent *s)
{
	int i;

	for (i = 0; i < s->ntok; i++) {
		struct dy_tok *t = &s->toks[i];

		t->dform = dy_hash_get(&d->strings, t->form, t->flen);
		t->dlemma = t->lemma == t->form ? t->dform
			    : dy_hash_get(&d->strings, t->lemma,
					  strlen(t->lemma));
	}
}

/* words inside names that the chunker takes for the start of a phrase
 * of its own: "Doctors Without Borders", "Physicians for Human Rights",
 * "Trinidad and Tobago" */
static int linking_word(const char *w)
{
	static const char *const words[] = { "OF", "FOR", "WITHOUT",
		"AGAINST", "IN", "ON", "AND", "DE", "DU", "DES", "AT", NULL };

	return dy_word_in(w, words);
}

/* "the Republic of Kazakhstan", "the Democratic Republic of the Congo":
 * a name the chunker cut at "of" is matched across it; the phrase
 * before "of" takes the name's code when the name runs into the phrase
 * after it. */
static int of_names(struct dy_ctx *ctx, struct dy_arena *a,
		    struct dy_sent *s, long date)
{
	int i, j;

	for (i = 0; i < s->nnp; i++) {
		struct dy_np *A = &s->nps[i], span;
		struct dy_actor_result r;

		if (A->flags & (DY_NP_COORD | DY_NP_DELETED) ||
		    A->words || A->last + 1 >= s->ntok ||
		    !linking_word(s->toks[A->last].form))
			continue;
		for (j = 0; j < s->nnp; j++)
			if (!(s->nps[j].flags & (DY_NP_COORD |
						 DY_NP_DELETED)) &&
			    !s->nps[j].words &&
			    s->nps[j].first == A->last + 1)
				break;
		if (j == s->nnp)
			continue;
		dy_np_init(&span, A->first, s->nps[j].last, s->nps[j].head);
		if (!dy_actor_phrase(ctx->dict, s, &span, date, &r) ||
		    !r.actor || r.first >= A->last || r.last <= A->last + 1)
			continue;
		A->code = dy_arena_strdup(a, r.code);
		if (!A->code)
			return DY_ENOMEM;
		A->code_first = r.first;
		A->code_last = r.last;
		A->person = r.actor->person;
		A->entry = r.actor->where;
	}
	return 0;
}

int dy_actors_resolve(struct dy_ctx *ctx, struct dy_arena *a,
		      struct dy_sent *s, long date)
{
	const struct dy_dict *d = ctx->dict;
	int i;

	if (!d)
		return 0;
	dy_sent_intern(d, s);
	for (i = 0; i < s->nnp; i++) {
		struct dy_np *np = &s->nps[i];
		struct dy_actor_result r;

		if (np->flags & (DY_NP_COORD | DY_NP_DELETED))
			continue;
		if (!dy_actor_phrase(d, s, np, date, &r))
			continue;
		/* Outside PETRARCH semantics a role word must be the
		 * phrase's head to make it an actor: "military aid" and
		 * "police station" are things, "security forces" people. */
		if (!ctx->opt.compat && !r.actor && !r.head_agent &&
		    !(np->flags & DY_NP_PRONOUN))
			continue;
		np->code = dy_arena_strdup(a, r.code);
		if (!np->code)
			return DY_ENOMEM;
		np->code_first = r.first;
		np->code_last = r.last;
		np->person = r.actor ? r.actor->person : 0;
		np->entry = r.actor ? r.actor->where
				    : r.agent ? r.agent->where : NULL;
	}
	if (!ctx->opt.compat)
		return of_names(ctx, a, s, date);
	return 0;
}
