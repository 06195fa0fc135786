/*
 * lg.c: the Link Grammar front-end.
 *
 * Input: one sentence of raw story text, already cut into tokens by
 * dy_text_tokenize().  The sentence's bytes go to Link Grammar unchanged
 * (a NUL would become a space), and LG's words come back onto dyad's
 * tokens by byte offsets.  The two tokenizers disagree: LG keeps
 * "didn't" and "haven't" whole where dyad splits them, splits "5bn" or
 * "U.S.-led" where dyad keeps them, and joins idioms ("according to",
 * "United States") with "_" links.  So several LG words may land on one
 * token (its links are the union of theirs), and one LG word or idiom
 * may cover several tokens (they are "glued" to a head token: the first
 * of a contraction, else the last; the idiom word with most links).
 * Anything that does not line up is dropped, never trusted.
 *
 * Output: the sentence form of sent.h, read from the links of the best
 * linkage (LG's constituent trees are much worse than its links):
 *
 *   D DD DG DT A AN AJ AL G GN L EA EN NM NN ND NS NW NR T*  inside an NP
 *   X YS 's D Y, my/its/their D Y   possessor chunk, DY_NP_POSSESSOR,
 *                                   owner = the possessed chunk
 *   SJ, and G across "and"          COORD umbrella plus conjuncts, which
 *                                   carry the words they share
 *   MX to a noun                    DY_NP_APPOS, owner = the noun's NP
 *   Mp Mf Mj MG + J (JG JT ON IN)   PP on a noun; "x p y" is one chunk
 *                                   when y holds no PP, as in tree.c
 *   MVp Pp OF + J                   PP of a clause; "by" gives the agent
 *   S SX / SI SXI                   subject / inverted subject
 *   RS, B, Mv Mg                    subject from the antecedent noun
 *                                   (R or MX to who/which/that)
 *   O (not OD OF ON OT OX)          objects, in text order
 *   PP from have, Pv Pg from be,    auxiliary chain down to the lexical
 *   I from modals/do, be going-IV   verb ("be -Pa- reduced", "been -O-
 *                                   waiting" too, as LG sometimes has)
 *   Pv, Mv                          passive, with or without a "by" agent
 *                                   (tree.c, after PETRARCH, marks only
 *                                   passives with "by")
 *   N E En NT to not/never, "n't"   negation
 *   CV from a verb or "that" (TH)   DY_REL_CCOMP (so is a C link to the
 *                                   clause's subject)
 *   CV from who/which/relative that DY_REL_RELCL, as are B and RS
 *   CV from after/because/when...   DY_REL_ADVCL, as are MVi, MVg, MX
 *   IV, TO + I, I from other verbs  DY_REL_XCOMP; the controller (the
 *                                   object after TOo, else the subject)
 *                                   becomes the subject
 *   Mv Mg                           DY_REL_PARTMOD
 *   VJ                              DY_REL_CONJ; the conjuncts share what
 *                                   hangs on the conjunction (subject,
 *                                   auxiliaries, objects, PPs)
 *   CP to "said" (punctuation/wall) a root clause before it becomes its
 *                                   DY_REL_CCOMP
 *   K                               particle
 *
 * Clause ranges: up_first is the first token of the subject NP (with its
 * possessor) when that comes before the verb, else the clause's first
 * auxiliary or "to"; vp_last is one past the rightmost word reachable
 * from the verb through rightward links (objects, PPs, complements),
 * never crossing its own VJ link into a coordinated verb, nor
 * punctuation.  POS tags come from LG's subscripts (.v .n .a .e .p ...),
 * closed-class words by form and the links around a word; lemmas stay
 * the forms (LG gives none, and irregular verbs need a table this layer
 * lacks).
 *
 * Parser settings: no null links (an incomplete linkage is DY_EPARSE, so
 * the caller can fall back), no spell guessing, repeatable sampling of
 * linkages, the caller's linkage limit and time limit.  LG's time limit
 * counts the whole process's user CPU time (getrusage RUSAGE_SELF), so
 * it is scaled by the number of parses running at once; its memory cap
 * (bytes) counts nothing in Debian's build (no TRACK_SPACE_USAGE), so
 * the length cap DY_LG_MAX_TOKENS stands in for it.  LG needs a UTF-8
 * LC_CTYPE: each parse runs under a thread-local C.UTF-8 locale
 * (uselocale), and the global locale LG sets while loading its
 * dictionary is put back, so the library changes no process state.
 */
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include <link-grammar/link-includes.h>

#include "dyad.h"
#include "lg.h"
#include "base/str.h"

#define LG_MAX_MEMORY (512 << 20) /* bytes; ignored by Debian's LG */
#define LG_MAX_SECONDS 3600       /* cap on the scaled time limit */
#define MAX_CHAIN 8               /* auxiliaries before a verb */
#define MAX_NEST 8                /* nested coordinations followed */

struct dy_lg {
	Dictionary dict; /* English dictionary, shared by all threads */
	locale_t utf8;   /* LC_CTYPE LG's mbrtowc calls need, or 0 */
};

/* One parser state per process, however many contexts: LG's dictionary
 * takes tenths of a second and tens of MB to load, and Debian's build
 * may share it between threads. */
static pthread_mutex_t lg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct dy_lg *lg_shared; /* guarded by lg_lock */
static unsigned lg_refs;        /* guarded by lg_lock */
static atomic_int lg_active;    /* parses running now */

static void lg_quiet(lg_errinfo *ei, void *data)
{
	(void)ei;
	(void)data;
}

int dy_lg_open(struct dy_lg **out, const char **err)
{
	struct dy_lg *lg;
	char *saved = NULL;
	const char *cur;
	int rc = 0;

	*out = NULL;
	pthread_mutex_lock(&lg_lock);
	if (lg_shared) {
		lg_refs++;
		*out = lg_shared;
		goto out;
	}
	lg = dy_calloc(1, sizeof *lg);
	if (!lg) {
		rc = DY_ENOMEM;
		goto out;
	}
	cur = setlocale(LC_ALL, NULL);
	if (cur) {
		saved = dy_strndup(cur, strlen(cur));
		if (!saved) {
			dy_free(lg, sizeof *lg);
			rc = DY_ENOMEM;
			goto out;
		}
	}
	lg_error_set_handler(lg_quiet, NULL);
	lg->dict = dictionary_create_lang("en");
	if (saved) {
		setlocale(LC_ALL, saved);
		dy_free(saved, strlen(saved) + 1);
	}
	if (!lg->dict) {
		dy_free(lg, sizeof *lg);
		*err = "cannot load the link grammar english dictionary";
		rc = DY_ENOTFOUND;
		goto out;
	}
	lg->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (!lg->utf8)
		lg->utf8 = newlocale(LC_CTYPE_MASK, "en_US.UTF-8",
				     (locale_t)0);
	lg_shared = lg;
	lg_refs = 1;
	*out = lg;
out:
	pthread_mutex_unlock(&lg_lock);
	return rc;
}

void dy_lg_close(struct dy_lg *lg)
{
	if (!lg)
		return;
	pthread_mutex_lock(&lg_lock);
	if (lg == lg_shared && --lg_refs == 0) {
		lg_error_set_handler(lg_quiet, NULL);
		dictionary_delete(lg->dict);
		if (lg->utf8)
			freelocale(lg->utf8);
		dy_free(lg, sizeof *lg);
		lg_shared = NULL;
	}
	pthread_mutex_unlock(&lg_lock);
}

/* ------------------------------------------------------------------ */
/* Word lists                                                          */
/* ------------------------------------------------------------------ */

static const char *const be_forms[] = {
	"BE", "IS", "ARE", "WAS", "WERE", "BEEN", "BEING", "AM", "'S",
	"'RE", "'M", NULL
};
static const char *const have_forms[] = {
	"HAVE", "HAS", "HAD", "HAVING", "'VE", "'D", NULL
};
static const char *const do_forms[] = { "DO", "DOES", "DID", NULL };
static const char *const get_forms[] = {
	"GET", "GETS", "GOT", "GOTTEN", "GETTING", NULL
};
static const char *const modals[] = {
	"WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT",
	"MUST", "'LL", "'D", "WO", "CA", "OUGHT", NULL
};
static const char *const pronouns[] = {
	"I", "YOU", "HE", "SHE", "IT", "WE", "THEY", "ME", "HIM", "HER",
	"US", "THEM", "MYSELF", "YOURSELF", "HIMSELF", "HERSELF", "ITSELF",
	"OURSELVES", "YOURSELVES", "THEMSELVES", NULL
};
static const char *const poss_pronouns[] = {
	"MY", "YOUR", "HIS", "HER", "ITS", "OUR", "THEIR", NULL
};
static const char *const wh_words[] = {
	"WHO", "WHOM", "WHOSE", "WHICH", "WHAT", "WHERE", "WHEN", "WHY",
	"HOW", NULL
};
static const char *const determiners[] = {
	"THE", "A", "AN", "THIS", "THAT", "THESE", "THOSE", "EACH", "EVERY",
	"SOME", "ANY", "NO", "ALL", "BOTH", "ANOTHER", "EITHER", "NEITHER",
	NULL
};
static const char *const prepositions[] = {
	"ABOARD", "ABOUT", "ABOVE", "ACROSS", "AFTER", "AGAINST", "ALONG",
	"ALONGSIDE", "AMID", "AMIDST", "AMONG", "AMONGST", "AROUND", "AS",
	"AT", "ATOP", "BEFORE", "BEHIND", "BELOW", "BENEATH", "BESIDE",
	"BESIDES", "BETWEEN", "BEYOND", "BY", "DESPITE", "DOWN", "DURING",
	"EXCEPT", "FOR", "FROM", "IN", "INSIDE", "INTO", "LIKE", "NEAR", "OF",
	"OFF", "ON", "ONTO", "OUT", "OUTSIDE", "OVER", "PAST", "PER", "SINCE",
	"THAN", "THROUGH", "THROUGHOUT", "TILL", "TOWARD", "TOWARDS", "UNDER",
	"UNDERNEATH", "UNLIKE", "UNTIL", "UP", "UPON", "VIA", "WITH",
	"WITHIN", "WITHOUT", "BECAUSE", "ALTHOUGH", "THOUGH", "WHILE",
	"WHEREAS", "IF", "UNLESS", "WHETHER", NULL
};
static const char *const conjunctions[] = { "AND", "OR", "BUT", "NOR",
					    NULL };
static const char *const neg_words[] = { "NOT", "N'T", "NEVER", NULL };
static const char *const numbers[] = {
	"ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT",
	"NINE", "TEN", "ELEVEN", "TWELVE", "TWENTY", "THIRTY", "FORTY",
	"FIFTY", "HUNDRED", "HUNDREDS", "THOUSAND", "THOUSANDS", "MILLION",
	"MILLIONS", "BILLION", "BILLIONS", "DOZEN", "DOZENS", "SCORES", NULL
};

static int in_list(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(w, *list))
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Working state                                                       */
/* ------------------------------------------------------------------ */

/* Word classes, refined into Penn tags at the end. */
enum {
	K_NONE, K_PUNCT, K_NOUN, K_PRON, K_POSSPRON, K_NUM, K_VERB, K_MODAL,
	K_ADJ, K_ADV, K_NEG, K_PREP, K_TO, K_DET, K_CONJ, K_WH, K_POSS,
	K_PART, K_EX
};

struct lk {
	uint16_t l, r;   /* tokens, l < r */
	uint8_t tl;      /* length of the upper-case type ("MV" of "MVp") */
	const char *lab; /* label, owned by the linkage */
};

struct chunk {
	uint16_t first, last; /* span [first, last) */
	uint16_t head;        /* head token */
	uint16_t flags;       /* DY_NP_* */
	int16_t owner;        /* chunk owned (POSSESSOR) or renamed (APPOS) */
	int16_t nconj;        /* 0 for a plain chunk, else conjuncts */
	uint16_t **cw;        /* conjunct word lists (sorted) */
	uint16_t *ncw;        /* their lengths */
	uint16_t *chead;      /* their heads */
	uint8_t has_pp;       /* an "x p y" chunk, or a noun with a PP */
	uint8_t dead;         /* merged into another chunk */
	int16_t np;           /* index in s->nps once emitted */
};

/* A lexical verb and what the links say about it. */
struct vb {
	uint16_t v;          /* the lexical verb */
	uint16_t top;        /* first auxiliary (v if none) */
	int16_t to;          /* infinitive "to", -1 */
	int16_t vjm;         /* chain token that is a VJ conjunct, -1 */
	int16_t vj;          /* its conjunction */
	int16_t chain[MAX_CHAIN + 1]; /* top .. v */
	uint8_t nchain;
	int16_t subj_t;      /* subject token, -1 */
	int16_t obj_t[2];    /* object tokens */
	int16_t intro;       /* word introducing the clause, -1 */
	int16_t ante;        /* noun a RELCL/PARTMOD hangs on, -1 */
	uint8_t rel, passive, neg, aux, ctrl_obj, inherit;
	int16_t parent;      /* index into the vb array, -1 */
	int16_t particle;
	uint16_t up_first, vp_last, first;
	int16_t subj, obj, obj2; /* NP indices */
};

struct st {
	struct dy_arena *a;
	struct dy_sent *s;
	const char *str;   /* the sentence as given to LG */
	uint32_t len;
	int n;             /* tokens */
	Linkage lkg;
	/* per token */
	int16_t *word;     /* LG word whose class it takes, -1 none */
	uint16_t *glue;    /* head token of its LG word or idiom */
	uint8_t *cls;      /* K_* */
	uint8_t *wallq;    /* the wall links to it: 1 Q (a question), 2 CP
			      (a paraphrasing verb) */
	uint8_t *proper;   /* LG kept it capitalised or guessed a name */
	uint8_t *plural;
	const char **sub;  /* LG subscript of its word ("v-d"), "" none */
	uint32_t *adj0;    /* links of token t: adj[adj0[t] .. adj0[t+1]) */
	uint16_t *adj;
	struct lk *lk;
	int nlk;
	/* NPs */
	int16_t *comp;     /* union-find parent, then component root */
	int16_t *chunk_of; /* top-level chunk covering a token */
	struct chunk *ch;
	int nch;
	/* verbs */
	int16_t *prev;     /* auxiliary right before a verb in its chain */
	int16_t *nxt;      /* verb an auxiliary leads to */
	uint8_t *in_type;  /* how prev leads here: 'P' PP, 'v' Pv, 'g' Pg,
			      'I' I, 'G' going to */
	int16_t *vj_of;    /* VJ conjunction a token is a conjunct of */
	int16_t *sj_of;    /* SJ (or name "and") conjunction, likewise */
	int16_t *cl_of;    /* vb index whose chain holds a token */
	struct vb *vb;
	int nvb;
};

static const char *form(const struct st *S, int t)
{
	return S->s->toks[t].form;
}

static int is_type(const struct lk *k, const char *t)
{
	size_t n = strlen(t);

	return k->tl == n && !memcmp(k->lab, t, n);
}

static char subc(const struct lk *k)
{
	return k->lab[k->tl];
}

static int other(const struct lk *k, int t)
{
	return k->l == t ? k->r : k->l;
}

#define FOR_LINKS(S, t, k)                                                 \
	for (uint32_t i_##k = (S)->adj0[t];                                \
	     i_##k < (S)->adj0[(t) + 1] &&                                 \
	     ((k) = &(S)->lk[(S)->adj[i_##k]], 1);                         \
	     i_##k++)

/* A link of type `type` with t as its right (dir < 0) or left (dir > 0)
 * end; returns the other end or -1. */
static int link_at(const struct st *S, int t, const char *type, int dir)
{
	const struct lk *k;

	FOR_LINKS(S, t, k) {
		if (!is_type(k, type))
			continue;
		if ((dir < 0 && k->r == t) || (dir > 0 && k->l == t))
			return other(k, t);
	}
	return -1;
}

static int is_verb(const struct st *S, int t)
{
	return S->cls[t] == K_VERB || S->cls[t] == K_MODAL;
}

static int is_nominal(const struct st *S, int t)
{
	int c = S->cls[t];

	return c == K_NOUN || c == K_PRON || c == K_POSSPRON || c == K_NUM;
}

static int is_punct(const struct st *S, int t)
{
	return S->cls[t] == K_PUNCT;
}

/* ------------------------------------------------------------------ */
/* LG words onto tokens                                                */
/* ------------------------------------------------------------------ */

/* The subscript of an LG word ("v-d" of "said.v-d", "a" of
 * "Russian-led[!<HYPHENATED-WORDS>].a"), "" when it has none ("U.S.",
 * "1.13bn"), and the guess marker between [ ] ("!<ALL-UPPER>"). */
static void word_parts(const char *w, const char **sub, size_t *mlen,
		       const char **mark)
{
	const char *b = strchr(w, '['), *e = b ? strchr(b, ']') : NULL;
	const char *end = w + strlen(w), *dot = NULL, *p;

	*mark = "";
	*mlen = 0;
	*sub = "";
	if (b && e) {
		*mark = b + 1;
		*mlen = (size_t)(e - b - 1);
		if (e[1] == '.')
			dot = e + 1;
	} else {
		for (p = end; p > w + 1; p--)
			if (p[-1] == '.') {
				dot = p - 1;
				break;
			}
	}
	if (!dot || dot + 1 >= end)
		return;
	for (p = dot + 1; p < end; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '-' || *p == '#' ||
		      *p == '*'))
			return;
	*sub = dot + 1;
}

static int mark_is(const char *mark, size_t n, const char *what)
{
	size_t k = strlen(what);

	return n >= k && !memcmp(mark + (n - k), what, k);
}

static int clitic(const struct dy_tok *t)
{
	return t->form[0] == '\'' || !strcmp(t->form, "N'T");
}

/* Map each LG word to the tokens its bytes overlap; returns the head
 * token per word in wt (-1 for walls and words that match nothing). */
static void map_words(struct st *S, int16_t *wt, size_t nw)
{
	const struct dy_sent *s = S->s;
	size_t i;
	int k = 0;

	for (i = 0; i < nw; i++) {
		size_t bs, be;
		int t, head = -1, lo = -1, hi = -1;

		wt[i] = -1;
		bs = linkage_get_word_byte_start(S->lkg, i);
		be = linkage_get_word_byte_end(S->lkg, i);
		if (be <= bs || be > S->len)
			continue;
		while (k < S->n && s->toks[k].off - s->off +
				   s->toks[k].len <= bs)
			k++;
		for (t = k; t < S->n; t++) {
			uint32_t o = s->toks[t].off - s->off;

			if (o >= be)
				break;
			if (s->toks[t].len == 0 || o + s->toks[t].len <= bs)
				continue;
			if (lo < 0)
				lo = t;
			hi = t;
		}
		if (lo < 0)
			continue;
		/* head: first of a contraction, else the last word that is
		 * not punctuation */
		if (hi > lo && clitic(&s->toks[hi]))
			head = lo;
		for (t = hi; head < 0 && t >= lo; t--)
			if (dy_isalnum((unsigned char)s->toks[t].form[0]) ||
			    (unsigned char)s->toks[t].form[0] >= 0x80)
				head = t;
		if (head < 0)
			head = hi;
		wt[i] = (int16_t)head;
		S->word[head] = (int16_t)i;
		for (t = lo; t <= hi; t++) {
			uint32_t o = s->toks[t].off - s->off;

			/* glue only tokens wholly inside the word */
			if (t != head && o >= bs && o + s->toks[t].len <= be)
				S->glue[t] = (uint16_t)head;
		}
	}
}

static int upper_len(const char *lab)
{
	int n = 0;

	if (lab[0] == '_')
		return 1;
	while ((lab[n] >= 'A' && lab[n] <= 'Z'))
		n++;
	return n;
}

/* How many non-idiom links token t (of idiom g) has to words outside. */
static int outside_links(const struct st *S, const int16_t *wt, size_t nw,
			 int t, int g)
{
	size_t nl = linkage_get_num_links(S->lkg), i;
	int c = 0;

	for (i = 0; i < nl; i++) {
		const char *lab = linkage_get_link_label(S->lkg, i);
		size_t lw = linkage_get_link_lword(S->lkg, i);
		size_t rw = linkage_get_link_rword(S->lkg, i);

		if (!lab || lab[0] == '_' || lw >= nw || rw >= nw)
			continue;
		if ((wt[lw] == t && (wt[rw] < 0 || S->glue[wt[rw]] != g)) ||
		    (wt[rw] == t && (wt[lw] < 0 || S->glue[wt[lw]] != g)))
			c++;
	}
	return c;
}

/* Token-level links: walls, links inside one token and links to words
 * that matched nothing are dropped; "_" idiom links glue their tokens to
 * the idiom's first token. */
static int read_links(struct st *S, const int16_t *wt, size_t nw)
{
	size_t nl = linkage_get_num_links(S->lkg), i;
	uint32_t *cnt;
	uint8_t *idiom;
	int t, g, n = S->n, changed = 1, rounds = 0;

	S->lk = dy_arena_alloc(S->a, (nl + 1) * sizeof *S->lk);
	idiom = dy_arena_zalloc(S->a, (size_t)n);
	if (!S->lk || !idiom)
		return DY_ENOMEM;
	/* idioms first: group on the leftmost token, then glue to the one
	 * that carries most links ("States" of "United States", "of" of "in
	 * front of"), the rightmost on a tie */
	while (changed && rounds++ < MAX_NEST) {
		changed = 0;
		for (i = 0; i < nl; i++) {
			const char *lab = linkage_get_link_label(S->lkg, i);
			size_t lw = linkage_get_link_lword(S->lkg, i);
			size_t rw = linkage_get_link_rword(S->lkg, i);
			int l, r;

			if (!lab || lab[0] != '_' || lw >= nw || rw >= nw)
				continue;
			l = wt[lw];
			r = wt[rw];
			if (l < 0 || r < 0)
				continue;
			l = S->glue[l];
			r = S->glue[r];
			if (l == r)
				continue;
			if (l > r) {
				int x = l;

				l = r;
				r = x;
			}
			for (t = 0; t < n; t++)
				if (S->glue[t] == r)
					S->glue[t] = (uint16_t)l;
			idiom[l] = 1;
			changed = 1;
		}
	}
	for (g = 0; g < n; g++) {
		int best = g, bestc = -1, c;

		if (!idiom[g])
			continue;
		for (t = g; t < n; t++) {
			if (S->glue[t] != g)
				continue;
			c = outside_links(S, wt, nw, t, g);
			if (c >= bestc) {
				bestc = c;
				best = t;
			}
		}
		for (t = g; t < n; t++)
			if (S->glue[t] == g)
				S->glue[t] = (uint16_t)best;
	}
	for (i = 0; i < nl; i++) {
		const char *lab = linkage_get_link_label(S->lkg, i);
		size_t lw = linkage_get_link_lword(S->lkg, i);
		size_t rw = linkage_get_link_rword(S->lkg, i);
		int l, r;

		if (!lab || lw >= nw || rw >= nw || lab[0] == '_')
			continue;
		l = wt[lw] >= 0 ? S->glue[wt[lw]] : -1;
		r = wt[rw] >= 0 ? S->glue[wt[rw]] : -1;
		if (lw == 0 && r >= 0 && lab[0] == 'Q')
			S->wallq[r] = 1;
		/* a paraphrasing verb, "..., the ministry said" */
		if (lw == 0 && r >= 0 && !strncmp(lab, "CP", 2))
			S->wallq[r] |= 2;
		if (l < 0 || r < 0 || l == r)
			continue;
		if (l > r) {
			int x = l;

			l = r;
			r = x;
		}
		S->lk[S->nlk].l = (uint16_t)l;
		S->lk[S->nlk].r = (uint16_t)r;
		S->lk[S->nlk].lab = lab;
		S->lk[S->nlk].tl = (uint8_t)upper_len(lab);
		S->nlk++;
	}
	cnt = dy_arena_zalloc(S->a, (size_t)(n + 1) * sizeof *cnt);
	S->adj0 = dy_arena_zalloc(S->a, (size_t)(n + 1) * sizeof *S->adj0);
	S->adj = dy_arena_alloc(S->a, (size_t)(2 * S->nlk + 1) *
					  sizeof *S->adj);
	if (!cnt || !S->adj0 || !S->adj)
		return DY_ENOMEM;
	for (i = 0; i < (size_t)S->nlk; i++) {
		cnt[S->lk[i].l]++;
		cnt[S->lk[i].r]++;
	}
	for (t = 0; t < n; t++)
		S->adj0[t + 1] = S->adj0[t] + cnt[t];
	memset(cnt, 0, (size_t)(n + 1) * sizeof *cnt);
	for (i = 0; i < (size_t)S->nlk; i++) {
		int l = S->lk[i].l, r = S->lk[i].r;

		S->adj[S->adj0[l] + cnt[l]++] = (uint16_t)i;
		S->adj[S->adj0[r] + cnt[r]++] = (uint16_t)i;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Word classes                                                        */
/* ------------------------------------------------------------------ */

static int punct_pos(int pos)
{
	return pos == DY_POS_COMMA || pos == DY_POS_PERIOD ||
	       pos == DY_POS_COLON || pos == DY_POS_QUOTE ||
	       pos == DY_POS_LRB || pos == DY_POS_RRB;
}

/* A gerund acting as a verb: progressive, participial modifier, or with
 * an object of its own. */
static int verbal_gerund(const struct st *S, int t)
{
	const struct lk *k;

	FOR_LINKS(S, t, k) {
		char c = subc(k);

		if (k->r == t && is_type(k, "P") && c == 'g')
			return 1;
		if (k->r == t && is_type(k, "M") && c == 'g')
			return 1;
		if (k->r == t && (is_type(k, "MV") || is_type(k, "MX")))
			return 1;
		if (k->l == t && is_type(k, "O"))
			return 1;
		/* "has been -Ost- waiting": LG's gerund object of be */
		if (k->r == t && is_type(k, "O") &&
		    in_list(S->s->toks[k->l].form, be_forms))
			return 1;
	}
	return 0;
}

/* A dictionary word LG wrote without a subscript ("Kazakh", "dozens",
 * "haven't"): by form, then by its links. */
static int bare_class(const struct st *S, int t)
{
	const char *f = form(S, t);
	const struct lk *k;

	if (in_list(f, be_forms) || in_list(f, have_forms) ||
	    in_list(f, do_forms))
		return K_VERB;
	if (in_list(f, numbers))
		return K_NUM;
	/* "Wednesday", "Kazakh": a capital letter inside the sentence */
	if (t > 0 && (S->s->toks[t].flags & DY_TOK_CAP))
		return K_NOUN;
	if (link_at(S, t, "AN", 1) >= 0)
		return K_NOUN;
	if (link_at(S, t, "A", 1) >= 0)
		return K_ADJ;
	if (strlen(f) > 4 && !strcmp(f + strlen(f) - 2, "LY"))
		return K_ADV;
	FOR_LINKS(S, t, k) {
		if ((is_type(k, "D") || is_type(k, "DD") || is_type(k, "G") ||
		     is_type(k, "GN") || is_type(k, "NM") ||
		     is_type(k, "YS") || is_type(k, "YP")) ||
		    (k->l == t && (is_type(k, "S") || is_type(k, "SJ") ||
				   is_type(k, "M") || is_type(k, "R") ||
				   is_type(k, "B"))) ||
		    (k->r == t && (is_type(k, "J") || is_type(k, "O") ||
				   is_type(k, "SI") || is_type(k, "SJ") ||
				   is_type(k, "MX") || is_type(k, "JG") ||
				   is_type(k, "JT") || is_type(k, "IN") ||
				   is_type(k, "ON"))))
			return K_NOUN;
	}
	return K_NONE;
}

/* A common noun in -s that LG did not mark plural ("troops.n"). */
static int plural_form(const char *f)
{
	size_t n = strlen(f);

	return n > 3 && f[n - 1] == 'S' && f[n - 2] != 'S' &&
	       f[n - 2] != 'U' && f[n - 2] != 'I';
}

static void classify(struct st *S, int t)
{
	const struct dy_tok *tk = &S->s->toks[t];
	const char *f = tk->form, *w, *sub, *mark;
	size_t ml;
	int c;

	S->sub[t] = "";
	if (punct_pos(tk->pos)) {
		S->cls[t] = K_PUNCT;
		return;
	}
	if (S->word[t] < 0) {
		/* the "n't" of an LG word "didn't" */
		S->cls[t] = tk->flags & DY_TOK_NEG ? K_NEG : K_NONE;
		return;
	}
	w = linkage_get_word(S->lkg, (size_t)S->word[t]);
	if (!w) {
		S->cls[t] = K_NONE;
		return;
	}
	word_parts(w, &sub, &ml, &mark);
	S->sub[t] = sub;
	S->proper[t] = (w[0] >= 'A' && w[0] <= 'Z') ||
		       mark_is(mark, ml, "CAPITALIZED-WORDS>") ||
		       mark_is(mark, ml, "ALL-UPPER>");
	S->plural[t] = sub[0] == 'p' ||
		       mark_is(mark, ml, "PL-CAPITALIZED-WORDS>") ||
		       mark_is(mark, ml, "S-WORDS>");
	c = sub[0];
	if (dy_isdigit((unsigned char)f[0]))
		S->cls[t] = K_NUM; /* "5bn", which LG may guess a verb */
	else if (in_list(f, neg_words))
		S->cls[t] = K_NEG;
	else if (in_list(f, modals) && (c == 0 || c == 'v'))
		S->cls[t] = K_MODAL;
	else if (!strcmp(f, "TO"))
		S->cls[t] = K_TO;
	else if (c == 'v' || c == 'q' || c == 'w')
		S->cls[t] = K_VERB;
	else if (c == 'g')
		S->cls[t] = verbal_gerund(S, t) ? K_VERB : K_NOUN;
	else if (!strcmp(f, "THAT") && !strcmp(sub, "j-r"))
		S->cls[t] = K_WH;
	else if (!strcmp(f, "THAT") && !strcmp(sub, "j-c"))
		S->cls[t] = K_PREP;
	else if (in_list(f, wh_words) && c == 0)
		S->cls[t] = K_WH;
	else if (in_list(f, poss_pronouns) && (c == 0 || c == 'd') &&
		 (strcmp(f, "HER") || link_at(S, t, "D", 1) >= 0))
		S->cls[t] = K_POSSPRON;
	else if (in_list(f, pronouns) && c == 0 && !ml)
		S->cls[t] = K_PRON; /* not "US.l" */
	else if ((!strcmp(f, "'S") || !strcmp(f, "'")) &&
		 (link_at(S, t, "YS", -1) >= 0 ||
		  link_at(S, t, "YP", -1) >= 0))
		S->cls[t] = K_POSS;
	else if (in_list(f, conjunctions) || c == 'j')
		S->cls[t] = K_CONJ;
	else if (!strcmp(f, "THERE") && (link_at(S, t, "SF", 1) >= 0 ||
					 link_at(S, t, "SFI", -1) >= 0))
		S->cls[t] = K_EX;
	else if (in_list(f, determiners) && (c == 0 || c == 'd'))
		S->cls[t] = K_DET;
	else if (in_list(f, prepositions) && (!c || !strchr("nslmfbt", c)))
		S->cls[t] = K_PREP; /* "for.p", "in.r", "as.z" */
	else if (c == 'a')
		S->cls[t] = K_ADJ;
	else if (c == 'e')
		S->cls[t] = K_ADV;
	else if (c == 'd')
		S->cls[t] = K_DET;
	else if (c == 'r')
		S->cls[t] = K_PREP;
	else if (c == '#' || mark_is(mark, ml, "NUMBERS>") ||
		 mark_is(mark, ml, "YEAR-DATE>") ||
		 dy_isdigit((unsigned char)f[0]))
		S->cls[t] = K_NUM;
	else if (c && strchr("nsplmfbtocuikxy", c))
		S->cls[t] = K_NOUN;
	else if (ml)
		S->cls[t] = K_NOUN; /* a guessed word: names, mostly */
	else
		S->cls[t] = (uint8_t)bare_class(S, t);
	/* a participle used as an adjective ("armed men") */
	if (S->cls[t] == K_VERB && (link_at(S, t, "A", 1) >= 0 ||
				    link_at(S, t, "AN", 1) >= 0))
		S->cls[t] = K_ADJ;
	if (S->cls[t] == K_NOUN && !S->proper[t] && !S->plural[t] &&
	    sub[0] != 's' && plural_form(f))
		S->plural[t] = 1;
	if (S->cls[t] == K_PREP || S->cls[t] == K_ADV) {
		if (link_at(S, t, "K", -1) >= 0)
			S->cls[t] = K_PART;
	}
}

/* ------------------------------------------------------------------ */
/* Noun phrases                                                        */
/* ------------------------------------------------------------------ */

static int find(int16_t *p, int x)
{
	int r = x, guard = 0;

	while (p[r] != r && guard++ < 1000)
		r = p[r];
	while (p[x] != r && guard++ < 2000) {
		int nx = p[x];

		p[x] = (int16_t)r;
		x = nx;
	}
	return r;
}

static void unite(int16_t *p, int x, int y)
{
	x = find(p, x);
	y = find(p, y);
	if (x != y)
		p[x > y ? x : y] = (int16_t)(x < y ? x : y);
}

/* Does link k hold two words of one noun phrase? */
static int np_internal(const struct st *S, const struct lk *k)
{
	static const char *const types[] = {
		"D", "DD", "DG", "DT", "DP", "A", "AN", "AJ", "AL", "G",
		"GN", "L", "EA", "EN", "NM", "NN", "ND", "NS", "NW", "NR",
		"TA", "TD", "TM", "TW", "TY", "YS", "YP", NULL
	};
	int i, l = k->l, r = k->r;

	if (is_verb(S, l) || is_verb(S, r) || is_punct(S, l) ||
	    is_punct(S, r))
		return 0;
	/* "5bn euros", whatever LG made of the number */
	if (r == l + 1 && S->cls[l] == K_NUM && is_nominal(S, r) &&
	    S->cls[r] != K_PRON)
		return 1;
	for (i = 0; types[i]; i++)
		if (is_type(k, types[i]))
			break;
	if (!types[i])
		return 0;
	/* "X 's Y", "its Y": two chunks, the possessor owning the other */
	if ((is_type(k, "D") || is_type(k, "DP") || is_type(k, "L")) &&
	    (S->cls[l] == K_POSS || S->cls[l] == K_POSSPRON))
		return 0;
	/* "Putin and Lukashenko" as a G series: coordinated names */
	return !(is_type(k, "G") && (S->cls[l] == K_CONJ ||
				     S->cls[r] == K_CONJ));
}

/* Is t a conjunction coordinating noun phrases?  Fills its conjuncts. */
static int np_conjuncts(const struct st *S, int t, int16_t *out, int max)
{
	const struct lk *k;
	int n = 0;

	if (S->cls[t] != K_CONJ && !(S->cls[t] == K_PUNCT &&
				     !strcmp(form(S, t), ",")))
		return 0;
	FOR_LINKS(S, t, k) {
		int o = other(k, t);

		if (!(is_type(k, "SJ") ||
		      (is_type(k, "G") && S->cls[t] == K_CONJ)))
			continue;
		if (is_type(k, "SJ") &&
		    !((subc(k) == 'l' && k->r == t) ||
		      (subc(k) == 'r' && k->l == t)))
			continue;
		if (n < max)
			out[n++] = (int16_t)o;
	}
	return n;
}

static int has_role_link(const struct st *S, int t)
{
	const struct lk *k;

	FOR_LINKS(S, t, k) {
		int o = other(k, t);

		if (is_punct(S, o))
			continue;
		if ((is_type(k, "S") || is_type(k, "SX")) && k->l == t)
			return 1;
		if ((is_type(k, "SI") || is_type(k, "O") || is_type(k, "J") ||
		     is_type(k, "JG") || is_type(k, "MX")) && k->r == t)
			return 1;
		if ((is_type(k, "B") || is_type(k, "R")) && k->l == t)
			return 1;
	}
	return 0;
}

static void sort_words(uint16_t *w, int n)
{
	int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && w[j - 1] > w[j]; j--) {
			uint16_t x = w[j];

			w[j] = w[j - 1];
			w[j - 1] = x;
		}
}

/* Is there a verb among tokens [lo, hi)?  No chunk may hold one. */
static int verb_in(const struct st *S, int lo, int hi)
{
	int t;

	for (t = lo; t < hi; t++)
		if (S->glue[t] == t && is_verb(S, t))
			return 1;
	return 0;
}

static int new_chunk(struct st *S)
{
	struct chunk *c = &S->ch[S->nch];

	memset(c, 0, sizeof *c);
	c->owner = -1;
	c->np = -1;
	return S->nch++;
}

/* Collect the leaf conjuncts under conjunction j (following nested
 * conjunctions), each with the words of the components along the way
 * (shared modifiers). */
struct conjs {
	int16_t leaf[32];     /* leaf conjunct tokens */
	int16_t shared[32][MAX_NEST]; /* conjunctions above each leaf */
	uint8_t nsh[32];
	int n;
};

static void collect_conj(const struct st *S, int j, struct conjs *cj,
			 int16_t *path, int depth)
{
	int16_t m[32];
	int nm = np_conjuncts(S, j, m, 32), i;

	if (depth >= MAX_NEST)
		return;
	path[depth] = (int16_t)j;
	for (i = 0; i < nm; i++) {
		int16_t sub[32];

		if (np_conjuncts(S, m[i], sub, 32) > 0) {
			collect_conj(S, m[i], cj, path, depth + 1);
			continue;
		}
		if (cj->n >= 32)
			return;
		cj->leaf[cj->n] = m[i];
		memcpy(cj->shared[cj->n], path,
		       (size_t)(depth + 1) * sizeof *path);
		cj->nsh[cj->n] = (uint8_t)(depth + 1);
		cj->n++;
	}
}

static int comp_head(const struct st *S, int c)
{
	int t, best = -1;

	for (t = S->n - 1; t >= 0 && best < 0; t--) {
		const struct lk *k;

		if (S->glue[t] != t || S->comp[t] != c || S->cls[t] == K_POSS)
			continue;
		FOR_LINKS(S, t, k) {
			int o = other(k, t);

			if (S->comp[o] != c && !is_punct(S, o)) {
				best = t;
				break;
			}
		}
	}
	for (t = S->n - 1; t >= 0 && best < 0; t--)
		if (S->glue[t] == t && S->comp[t] == c && is_nominal(S, t))
			best = t;
	for (t = S->n - 1; t >= 0 && best < 0; t--)
		if (S->glue[t] == t && S->comp[t] == c)
			best = t;
	return best;
}

/* Build a coordination chunk for top conjunction j. */
static int coord_chunk(struct st *S, int j, uint8_t *used)
{
	struct conjs cj;
	int16_t path[MAX_NEST];
	struct chunk *c;
	int i, k, t, lo = j, hi = j, ci;

	memset(&cj, 0, sizeof cj);
	collect_conj(S, j, &cj, path, 0);
	if (cj.n < 2)
		return 0;
	for (i = 1; i < cj.n; i++)
		for (k = i; k > 0 && cj.leaf[k - 1] > cj.leaf[k]; k--) {
			int16_t x = cj.leaf[k], sh[MAX_NEST];
			uint8_t ns = cj.nsh[k];

			memcpy(sh, cj.shared[k], sizeof sh);
			cj.leaf[k] = cj.leaf[k - 1];
			cj.nsh[k] = cj.nsh[k - 1];
			memcpy(cj.shared[k], cj.shared[k - 1], sizeof sh);
			cj.leaf[k - 1] = x;
			cj.nsh[k - 1] = ns;
			memcpy(cj.shared[k - 1], sh, sizeof sh);
		}
	/* LG links some conjunctions across a verb: no chunk then */
	for (i = 0; i < cj.n; i++)
		for (k = 0; k < cj.nsh[i] + 1; k++) {
			int cc = k < cj.nsh[i] ? S->comp[cj.shared[i][k]]
					       : S->comp[S->glue[cj.leaf[i]]];

			for (t = 0; t < S->n; t++)
				if (S->comp[S->glue[t]] == cc) {
					if (t < lo)
						lo = t;
					if (t > hi)
						hi = t;
				}
		}
	if (verb_in(S, lo, hi + 1))
		return 0;
	ci = new_chunk(S);
	c = &S->ch[ci];
	c->nconj = (int16_t)cj.n;
	c->cw = dy_arena_alloc(S->a, (size_t)cj.n * sizeof *c->cw);
	c->ncw = dy_arena_alloc(S->a, (size_t)cj.n * sizeof *c->ncw);
	c->chead = dy_arena_alloc(S->a, (size_t)cj.n * sizeof *c->chead);
	if (!c->cw || !c->ncw || !c->chead)
		return DY_ENOMEM;
	for (i = 0; i < cj.n; i++) {
		int lc = S->comp[S->glue[cj.leaf[i]]], n = 0;
		uint16_t *w = dy_arena_alloc(S->a, (size_t)S->n * sizeof *w);

		if (!w)
			return DY_ENOMEM;
		for (t = 0; t < S->n; t++) {
			int tc = S->comp[S->glue[t]], in = tc == lc;

			for (k = 0; k < cj.nsh[i] && !in; k++)
				in = tc == S->comp[cj.shared[i][k]] &&
				     S->glue[t] != cj.shared[i][k];
			if (!in)
				continue;
			w[n++] = (uint16_t)t;
			used[S->glue[t]] = 1;
			if (t < lo)
				lo = t;
			if (t > hi)
				hi = t;
		}
		c->cw[i] = w;
		c->ncw[i] = (uint16_t)n;
		k = comp_head(S, lc);
		c->chead[i] = (uint16_t)(k >= 0 ? k : cj.leaf[i]);
		for (k = 0; k < cj.nsh[i]; k++) {
			used[cj.shared[i][k]] = 1;
			for (t = 0; t < S->n; t++)
				if (S->comp[S->glue[t]] ==
				    S->comp[cj.shared[i][k]]) {
					if (t < lo)
						lo = t;
					if (t > hi)
						hi = t;
				}
		}
	}
	c->first = (uint16_t)lo;
	c->last = (uint16_t)(hi + 1);
	c->head = c->chead[cj.n - 1];
	/* "Kazakh and Russian troops": a conjunct with no noun of its own
	 * shares the last conjunct's */
	for (i = 0; i + 1 < cj.n && is_nominal(S, c->head); i++) {
		int nom = 0;

		for (k = 0; k < c->ncw[i]; k++)
			nom |= is_nominal(S, c->cw[i][k]);
		if (nom || c->ncw[i] + 1 > S->n)
			continue;
		c->cw[i][c->ncw[i]++] = c->head;
		sort_words(c->cw[i], c->ncw[i]);
		c->chead[i] = c->head;
	}
	return 0;
}

static int is_np_comp(const struct st *S, int c, int head)
{
	int t;

	if (head < 0)
		return 0;
	for (t = 0; t < S->n; t++)
		if (S->comp[t] == c && S->glue[t] == t && is_nominal(S, t))
			return 1;
	/* "these", "the poor", an unknown word in a noun's place */
	return (S->cls[head] == K_NONE || S->cls[head] == K_ADJ ||
		S->cls[head] == K_DET) && has_role_link(S, head);
}

/* Does any token of chunk c link to something right of it through a PP
 * on a noun? */
static int noun_has_pp(const struct st *S, const struct chunk *c)
{
	int t;

	for (t = c->first; t < c->last; t++) {
		const struct lk *k;

		FOR_LINKS(S, t, k) {
			if (k->l != t || k->r < c->last)
				continue;
			if ((is_type(k, "M") && (subc(k) == 'p' ||
						 subc(k) == 'f' ||
						 subc(k) == 'j')) ||
			    is_type(k, "MG"))
				return 1;
		}
	}
	return 0;
}

/* The object of preposition p: its J (JG JT ON IN) link to the right. */
static int prep_object(const struct st *S, int p)
{
	const struct lk *k;

	FOR_LINKS(S, p, k)
		if (k->l == p && (is_type(k, "J") || is_type(k, "JG") ||
				  is_type(k, "JT") || is_type(k, "ON") ||
				  is_type(k, "IN")))
			return k->r;
	return -1;
}

/* Is preposition p attached to a verb (MV, Pp)? */
static int verb_pp(const struct st *S, int p)
{
	const struct lk *k;

	FOR_LINKS(S, p, k)
		if (k->r == p && (is_type(k, "MV") ||
				  (is_type(k, "P") && subc(k) == 'p') ||
				  (is_type(k, "OF") && is_verb(S, k->l))))
			return 1;
	return 0;
}

static int has_word(const uint16_t *w, int n, int t)
{
	int i;

	for (i = 0; i < n; i++)
		if (w[i] == t)
			return 1;
	return 0;
}

/* Add tokens [lo, hi) to a conjunct's word list (a fresh copy). */
static int append_words(struct st *S, uint16_t **w, uint16_t *n, int lo,
			int hi)
{
	uint16_t *nw = dy_arena_alloc(S->a, (size_t)S->n * sizeof *nw);
	int m = 0, i, t;

	if (!nw)
		return DY_ENOMEM;
	for (i = 0; i < *n; i++)
		nw[m++] = (*w)[i];
	for (t = lo; t < hi && m < S->n; t++)
		if (!has_word(*w, *n, t))
			nw[m++] = (uint16_t)t;
	sort_words(nw, m);
	*w = nw;
	*n = (uint16_t)m;
	return 0;
}

/* Join chunk y into chunk x as "x p y"; noun is the word of x the PP
 * hangs on.  Coordinated parts keep their conjuncts: "[lawmakers in]
 * [Fornost and Gondor]" gives "lawmakers in Fornost", "lawmakers in
 * Gondor"; "[attacks and the outbreak] of the virus" extends only the
 * conjunct the PP hangs on, unless it hangs on them all. */
static int join_chunks(struct st *S, int xi, int yi, int noun)
{
	struct chunk *x = &S->ch[xi], *y = &S->ch[yi];
	int i, rc, in = 0;

	if (x->nconj && y->nconj)
		return 0; /* both coordinated: leave them apart */
	for (i = 0; i < x->nconj; i++)
		in += has_word(x->cw[i], x->ncw[i], noun);
	if (x->nconj) {
		for (i = 0; i < x->nconj; i++) {
			if (in > 0 && in < x->nconj &&
			    !has_word(x->cw[i], x->ncw[i], noun))
				continue;
			rc = append_words(S, &x->cw[i], &x->ncw[i], x->last,
					  y->last);
			if (rc)
				return rc;
		}
	} else if (y->nconj) {
		x->nconj = y->nconj;
		x->cw = y->cw;
		x->ncw = y->ncw;
		x->chead = y->chead;
		for (i = 0; i < x->nconj; i++) {
			rc = append_words(S, &x->cw[i], &x->ncw[i], x->first,
					  y->first);
			if (rc)
				return rc;
			x->chead[i] = x->head;
		}
	}
	x->last = y->last;
	y->dead = 1;
	return 1;
}

static void map_chunks(struct st *S)
{
	int i, t;

	for (t = 0; t < S->n; t++)
		S->chunk_of[t] = -1;
	for (i = 0; i < S->nch; i++) {
		const struct chunk *c = &S->ch[i];

		if (c->dead)
			continue;
		for (t = c->first; t < c->last; t++)
			S->chunk_of[t] = (int16_t)i;
	}
}

/* A chunk whose words link to nothing outside it ("Kazakh President" in
 * "Kazakh President Kassym-Jomart Tokayev", which LG often leaves as a
 * fragment on the wall). */
static int fragment(const struct st *S, const struct chunk *c)
{
	int t;

	if (c->nconj)
		return 0;
	for (t = c->first; t < c->last; t++) {
		const struct lk *k;

		FOR_LINKS(S, t, k) {
			int o = other(k, t);

			if ((o < c->first || o >= c->last) && !is_punct(S, o))
				return 0;
		}
	}
	return 1;
}

static int cmp_first(const struct st *S, int a, int b)
{
	return S->ch[a].first - S->ch[b].first;
}

static int build_chunks(struct st *S)
{
	uint8_t *used;
	int16_t *order;
	int t, i, j, rc, no, noun;

	S->comp = dy_arena_alloc(S->a, (size_t)S->n * sizeof *S->comp);
	S->chunk_of = dy_arena_alloc(S->a, (size_t)S->n * sizeof *S->chunk_of);
	S->ch = dy_arena_alloc(S->a, (size_t)(S->n + 1) * sizeof *S->ch);
	used = dy_arena_zalloc(S->a, (size_t)S->n);
	order = dy_arena_alloc(S->a, (size_t)(S->n + 1) * sizeof *order);
	if (!S->comp || !S->chunk_of || !S->ch || !used || !order)
		return DY_ENOMEM;
	for (t = 0; t < S->n; t++)
		S->comp[t] = (int16_t)t;
	for (i = 0; i < S->nlk; i++)
		if (np_internal(S, &S->lk[i]))
			unite(S->comp, S->lk[i].l, S->lk[i].r);
	/* what an 's determines is one phrase: "the world's [biggest car
	 * maker]" (L to "biggest", D to "maker") */
	for (t = 0; t < S->n; t++) {
		const struct lk *k;
		int first = -1;

		if (S->cls[t] != K_POSS && S->cls[t] != K_POSSPRON)
			continue;
		FOR_LINKS(S, t, k) {
			int det = is_type(k, "D") || is_type(k, "DP") ||
				  is_type(k, "L");

			if (k->l != t || !det || is_verb(S, k->r) ||
			    is_punct(S, k->r))
				continue;
			if (first < 0)
				first = k->r;
			else
				unite(S->comp, first, k->r);
		}
	}
	for (t = 0; t < S->n; t++)
		S->comp[t] = (int16_t)find(S->comp, t);

	/* coordinations: top conjunctions only (not conjuncts of another) */
	for (t = 0; t < S->n; t++) {
		int16_t m[32];

		if (S->glue[t] != t || np_conjuncts(S, t, m, 32) < 2 ||
		    S->sj_of[t] >= 0)
			continue;
		rc = coord_chunk(S, t, used);
		if (rc)
			return rc;
	}
	/* plain chunks, one per remaining nominal component */
	for (t = 0; t < S->n; t++) {
		int c = S->comp[t], h, lo = S->n, hi = -1, k;
		struct chunk *ch;

		if (S->glue[t] != t || c != t || used[t] ||
		    S->cls[t] == K_PUNCT)
			continue;
		h = comp_head(S, c);
		if (h < 0 || !is_np_comp(S, c, h))
			continue;
		for (k = 0; k < S->n; k++)
			if (S->comp[S->glue[k]] == c) {
				if (k < lo)
					lo = k;
				if (k > hi)
					hi = k;
			}
		if (hi < 0 || used[c])
			continue;
		/* a determiner linked across a verb: keep the head's side */
		if (verb_in(S, lo, hi + 1)) {
			int a = h, z = h;

			while (a > lo && !verb_in(S, a - 1, a))
				a--;
			while (z < hi && !verb_in(S, z + 1, z + 2))
				z++;
			lo = a;
			hi = z;
		}
		ch = &S->ch[new_chunk(S)];
		ch->first = (uint16_t)lo;
		ch->last = (uint16_t)(hi + 1);
		ch->head = (uint16_t)h;
	}
	/* text order, then overlaps: a chunk inside another is absorbed, a
	 * crossing one is cut at the other's end */
	no = 0;
	for (i = 0; i < S->nch; i++) {
		for (j = no; j > 0 && cmp_first(S, order[j - 1], i) > 0; j--)
			order[j] = order[j - 1];
		order[j] = (int16_t)i;
		no++;
	}
	for (i = 1; i < no; i++) {
		struct chunk *c = &S->ch[order[i]];
		int pj = i - 1;

		while (pj >= 0 && S->ch[order[pj]].dead)
			pj--;
		if (pj < 0 || c->first >= S->ch[order[pj]].last)
			continue;
		if (c->last <= S->ch[order[pj]].last || c->nconj) {
			c->dead = 1;
			continue;
		}
		c->first = S->ch[order[pj]].last;
		if (c->head < c->first)
			c->head = (uint16_t)(c->last - 1);
	}
	/* the chunks in text order from now on */
	{
		size_t sz = (size_t)(S->nch + 1) * sizeof(struct chunk);
		struct chunk *sorted = dy_arena_alloc(S->a, sz);
		int m = 0;

		if (!sorted)
			return DY_ENOMEM;
		for (i = 0; i < no; i++)
			if (!S->ch[order[i]].dead)
				sorted[m++] = S->ch[order[i]];
		S->ch = sorted;
		S->nch = m;
	}
	map_chunks(S);

	/* "x p y" chunks, right to left, when y holds no PP itself */
	for (i = S->nch - 1; i >= 0; i--) {
		struct chunk *x = &S->ch[i];
		int p = x->last, o, yi;

		if (x->dead || p >= S->n || is_verb(S, p) || verb_pp(S, p) ||
		    (x->flags & DY_NP_POSSESSOR))
			continue;
		{
			const struct lk *k;

			noun = -1;
			FOR_LINKS(S, p, k)
				if (k->r == p && S->chunk_of[k->l] == i &&
				    (is_type(k, "MG") ||
				     (is_type(k, "M") && (subc(k) == 'p' ||
							  subc(k) == 'f' ||
							  subc(k) == 'j'))))
					noun = k->l;
			if (noun < 0)
				continue;
		}
		o = prep_object(S, p);
		if (o < 0)
			continue;
		yi = S->chunk_of[o];
		if (yi < 0 || yi == i || S->ch[yi].first != p + 1 ||
		    S->ch[yi].has_pp || noun_has_pp(S, &S->ch[yi]) ||
		    S->cls[S->ch[yi].head] == K_PRON)
			continue;
		rc = join_chunks(S, i, yi, noun);
		if (rc < 0)
			return rc;
		if (rc > 0)
			x->has_pp = 1;
		map_chunks(S);
	}
	/* fragments glued onto the chunk right after them */
	for (i = 0; i + 1 < S->nch; i++) {
		int k = i + 1;

		if (S->ch[i].dead)
			continue;
		while (k < S->nch && S->ch[k].dead)
			k++;
		if (k >= S->nch || S->ch[k].first != S->ch[i].last ||
		    !fragment(S, &S->ch[i]) ||
		    S->cls[S->ch[i].head] == K_PRON)
			continue;
		/* join i into k: k takes i's words in front */
		S->ch[k].first = S->ch[i].first;
		if (S->ch[k].nconj)
			for (j = 0; j < S->ch[k].nconj; j++) {
				rc = append_words(S, &S->ch[k].cw[j],
						  &S->ch[k].ncw[j],
						  S->ch[i].first,
						  S->ch[i].last);
				if (rc)
					return rc;
			}
		S->ch[i].dead = 1;
	}
	map_chunks(S);
	return 0;
}

/* Possession and apposition between chunks. */
static void chunk_relations(struct st *S)
{
	int i;

	for (i = 0; i < S->nlk; i++) {
		const struct lk *k = &S->lk[i];
		int a = S->chunk_of[k->l], b = S->chunk_of[k->r];

		if (a < 0 || b < 0 || a == b)
			continue;
		if ((is_type(k, "D") || is_type(k, "DP")) &&
		    (S->cls[k->l] == K_POSS || S->cls[k->l] == K_POSSPRON)) {
			S->ch[a].flags |= DY_NP_POSSESSOR;
			S->ch[a].owner = (int16_t)b;
		} else if (is_type(k, "MX") && is_nominal(S, k->r) &&
			   k->r == S->ch[b].head &&
			   !(S->ch[b].flags & DY_NP_POSSESSOR)) {
			S->ch[b].flags |= DY_NP_APPOS;
			S->ch[b].owner = (int16_t)a;
		}
	}
}

static int definite(const struct st *S, int t)
{
	const char *f = form(S, t);

	return !strcmp(f, "THE") || !strcmp(f, "THIS") ||
	       !strcmp(f, "THAT") || !strcmp(f, "THESE") ||
	       !strcmp(f, "THOSE");
}

/* Add an NP of words w (sorted) spanning [first, last); words are kept
 * when they are not simply first..last. */
static int emit_np(struct st *S, const uint16_t *w, int nw, int first,
		   int last, int head, int parent, uint16_t flags)
{
	struct dy_np np;
	int i, contiguous = 1, k;

	if (nw <= 0)
		return -1;
	for (i = 1; i < nw; i++)
		if (w[i] != w[i - 1] + 1)
			contiguous = 0;
	if (w[0] != first || w[nw - 1] + 1 != last)
		contiguous = 0;
	if (head < w[0] || head > w[nw - 1])
		head = w[nw - 1];
	dy_np_init(&np, (uint16_t)first, (uint16_t)last, (uint16_t)head);
	np.parent = (int16_t)parent;
	np.flags = flags;
	if (definite(S, w[0]))
		np.flags |= DY_NP_DEFINITE;
	if (S->cls[head] == K_PRON || S->cls[head] == K_POSSPRON)
		np.flags |= DY_NP_PRONOUN;
	if (!contiguous) {
		uint16_t *copy = dy_arena_alloc(S->a, (size_t)nw *
						sizeof *copy);

		if (!copy)
			return -2;
		memcpy(copy, w, (size_t)nw * sizeof *copy);
		np.words = copy;
		np.nwords = (uint16_t)nw;
	}
	k = dy_sent_add_np(S->a, S->s, &np);
	return k < 0 ? -2 : k;
}

static int emit_chunks(struct st *S)
{
	uint16_t *w = dy_arena_alloc(S->a, (size_t)S->n * sizeof *w);
	int i, t, k;

	if (!w)
		return DY_ENOMEM;
	for (i = 0; i < S->nch; i++) {
		struct chunk *c = &S->ch[i];
		int nw = 0, j, prev = -1;

		if (c->dead)
			continue;
		if (!c->nconj) {
			/* a possessor's words leave out its 's */
			for (t = c->first; t < c->last; t++)
				if (!(c->flags & DY_NP_POSSESSOR) ||
				    S->cls[t] != K_POSS)
					w[nw++] = (uint16_t)t;
			if (nw == 0)
				for (t = c->first; t < c->last; t++)
					w[nw++] = (uint16_t)t;
			k = emit_np(S, w, nw, c->first, c->last, c->head, -1,
				    c->flags);
			if (k < -1)
				return DY_ENOMEM;
			c->np = (int16_t)k;
			continue;
		}
		for (t = c->first; t < c->last; t++)
			w[nw++] = (uint16_t)t;
		k = emit_np(S, w, nw, c->first, c->last, c->head, -1,
			    (uint16_t)(c->flags | DY_NP_COORD));
		if (k < -1)
			return DY_ENOMEM;
		c->np = (int16_t)k;
		for (j = 0; j < c->nconj; j++) {
			const uint16_t *cw = c->cw[j];
			int m = c->ncw[j] ? emit_np(S, cw, c->ncw[j], cw[0],
						    cw[c->ncw[j] - 1] + 1,
						    c->chead[j], k, 0) : -1;

			if (m < -1)
				return DY_ENOMEM;
			if (m < 0)
				continue;
			if (prev >= 0)
				S->s->nps[prev].next_conj = (int16_t)m;
			prev = m;
		}
	}
	for (i = 0; i < S->nch; i++) {
		const struct chunk *c = &S->ch[i];

		if (c->dead || c->np < 0 || c->owner < 0)
			continue;
		S->s->nps[c->np].owner = S->ch[c->owner].np;
	}
	return 0;
}

/* NP index of the chunk covering token t, -1 if none. */
static int np_at(const struct st *S, int t)
{
	if (t < 0 || t >= S->n || S->chunk_of[t] < 0)
		return -1;
	return S->ch[S->chunk_of[t]].np;
}

/* ------------------------------------------------------------------ */
/* Verb chains                                                         */
/* ------------------------------------------------------------------ */

static int vj_conjuncts(const struct st *S, int j, int16_t *out, int max)
{
	const struct lk *k;
	int n = 0;

	FOR_LINKS(S, j, k) {
		if (!is_type(k, "VJ"))
			continue;
		if (!((subc(k) == 'l' && k->r == j) ||
		      (subc(k) == 'r' && k->l == j)))
			continue;
		if (n < max)
			out[n++] = (int16_t)other(k, j);
	}
	return n;
}

/* A verb or a conjunction of verbs. */
static int verbish(const struct st *S, int t)
{
	int16_t m[2];

	return is_verb(S, t) || vj_conjuncts(S, t, m, 2) > 0;
}

static int ing_form(const char *f)
{
	size_t n = strlen(f);

	return n > 4 && !strcmp(f + n - 3, "ING");
}

/* How link k joins an auxiliary to the verb after it, or 0: 'P' have
 * -PP- done, 'v' be -Pv- done (LG reads "be reduced" as Pa sometimes),
 * 'g' be -Pg- doing, 'I' will/do -I- do. */
static uint8_t aux_link(const struct st *S, const struct lk *k)
{
	const char *f = form(S, k->l);
	char c = subc(k);

	if (is_type(k, "PP") && in_list(f, have_forms))
		return 'P';
	if (is_type(k, "P") && (in_list(f, be_forms) ||
				in_list(f, get_forms)) &&
	    (c == 'v' || (c == 'a' && S->cls[k->r] == K_VERB)))
		return 'v';
	if (((is_type(k, "P") && c == 'g') ||
	     (is_type(k, "O") && (S->sub[k->r][0] == 'g' ||
				  (S->cls[k->r] == K_VERB &&
				   ing_form(form(S, k->r)))))) &&
	    in_list(f, be_forms))
		return 'g'; /* LG has "is -Ost- grappling" sometimes */
	if (is_type(k, "I") && (S->cls[k->l] == K_MODAL ||
				in_list(f, do_forms)))
		return 'I';
	return 0;
}

/* 'G' for "be going -TO- to -IV- do": only once be -Pg- going is. */
static uint8_t going_link(const struct st *S, const struct lk *k)
{
	return is_type(k, "IV") && !strcmp(form(S, k->l), "GOING") &&
	       S->in_type[k->l] == 'g' ? 'G' : 0;
}

/* Link the auxiliary chains: have done, be done, be doing, will do, be
 * going to do. */
static void chains(struct st *S)
{
	int i, pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < S->nlk; i++) {
			const struct lk *k = &S->lk[i];
			int x = k->l, y = k->r;
			uint8_t how;

			if (!is_verb(S, x) || !verbish(S, y) ||
			    S->nxt[x] >= 0 || S->prev[y] >= 0)
				continue;
			how = pass ? going_link(S, k) : aux_link(S, k);
			if (!how)
				continue;
			S->nxt[x] = (int16_t)y;
			S->prev[y] = (int16_t)x;
			S->in_type[y] = how;
		}
}

static void mark_conjuncts(struct st *S)
{
	int t, i;

	for (t = 0; t < S->n; t++) {
		int16_t m[32];
		int n;

		if (S->glue[t] != t)
			continue;
		n = vj_conjuncts(S, t, m, 32);
		for (i = 0; i < n; i++)
			if (S->vj_of[m[i]] < 0)
				S->vj_of[m[i]] = (int16_t)t;
		n = np_conjuncts(S, t, m, 32);
		for (i = 0; i < n; i++)
			if (S->sj_of[m[i]] < 0 && m[i] != t)
				S->sj_of[m[i]] = (int16_t)t;
	}
}

/* Walk up from lexical verb v through auxiliaries (and shared ones on a
 * VJ conjunction) to the first; also the infinitive "to". */
static void walk_chain(struct st *S, struct vb *b)
{
	int16_t rev[MAX_CHAIN + 1];
	int cur = b->v, n = 0, i;

	b->vjm = -1;
	b->vj = -1;
	rev[n++] = (int16_t)cur;
	while (n <= MAX_CHAIN) {
		int p = S->prev[cur];

		if (p < 0 && S->vj_of[cur] >= 0 && b->vj < 0) {
			b->vjm = (int16_t)cur;
			b->vj = S->vj_of[cur];
			p = S->prev[b->vj];
		}
		if (p < 0 || p == b->v)
			break;
		cur = p;
		rev[n++] = (int16_t)cur;
	}
	if (b->vj < 0 && S->vj_of[cur] >= 0) {
		b->vjm = (int16_t)cur;
		b->vj = S->vj_of[cur];
	}
	b->nchain = (uint8_t)n;
	for (i = 0; i < n; i++)
		b->chain[i] = rev[n - 1 - i];
	b->top = (uint16_t)b->chain[0];
	b->to = -1;
	{
		const struct lk *k;
		int top = b->top;

		FOR_LINKS(S, top, k)
			if (k->r == top && is_type(k, "I") &&
			    S->cls[k->l] == K_TO)
				b->to = (int16_t)k->l;
		/* "going to" is an auxiliary, its "to" no infinitive mark */
		for (i = 0; i < n; i++)
			if (S->in_type[b->chain[i]] == 'G')
				b->to = -1;
		if (b->to < 0 && b->vj >= 0) {
			int j = b->vj;

			FOR_LINKS(S, j, k)
				if (k->r == j && is_type(k, "I") &&
				    S->cls[k->l] == K_TO)
					b->to = (int16_t)k->l;
		}
	}
}

static int in_chain(const struct vb *b, int t)
{
	int i;

	for (i = 0; i < b->nchain; i++)
		if (b->chain[i] == t)
			return 1;
	return 0;
}

/* The noun a relative pronoun stands for (R or MX...r to it), or -1.
 * When LG cut "X, which ..." at the comma, "who"/"which" take the noun
 * phrase right before them. */
static int antecedent(const struct st *S, int p)
{
	const struct lk *k;
	int t, skip = 0;

	FOR_LINKS(S, p, k)
		if (k->r == p && (is_type(k, "R") || is_type(k, "MX")))
			return k->l;
	if (strcmp(form(S, p), "WHO") && strcmp(form(S, p), "WHICH") &&
	    strcmp(form(S, p), "WHOM") && strcmp(form(S, p), "WHOSE"))
		return -1;
	for (t = p - 1; t >= 0 && is_punct(S, t) && skip < 3; t--)
		skip++;
	if (t < 0 || S->chunk_of[t] < 0)
		return -1;
	return S->ch[S->chunk_of[t]].head;
}

static int relative_word(const struct st *S, int t)
{
	return S->cls[t] == K_WH && strcmp(form(S, t), "WHAT") &&
	       strcmp(form(S, t), "HOW") && strcmp(form(S, t), "WHY");
}

/* Tokens whose links count as the clause's: its chain, plus the VJ
 * conjunctions it hangs from (they carry shared subject, objects). */
static int proxies(const struct st *S, const struct vb *b, int16_t *out)
{
	int n = 0, i, j;

	for (i = 0; i < b->nchain; i++)
		out[n++] = b->chain[i];
	for (j = b->vj, i = 0; j >= 0 && i < MAX_NEST; i++) {
		out[n++] = (int16_t)j;
		j = S->vj_of[j];
	}
	return n;
}

static void find_subject(struct st *S, struct vb *b)
{
	int16_t px[MAX_CHAIN + MAX_NEST + 2];
	int np = proxies(S, b, px), i, st = -1, bnoun = -1;

	for (i = 0; i < np && st < 0; i++) {
		const struct lk *k;
		int c = px[i];

		FOR_LINKS(S, c, k) {
			if ((is_type(k, "S") || is_type(k, "SX")) &&
			    k->r == c) {
				st = k->l;
				break;
			}
			if ((is_type(k, "SI") || is_type(k, "SXI")) &&
			    k->l == c) {
				st = k->r;
				if (c != b->v)
					b->aux |= DY_AUX_QUESTION;
				break;
			}
			if (is_type(k, "RS") && k->r == c) {
				st = k->l;
				break;
			}
		}
	}
	/* B: the noun a relative clause hangs on; subject when the clause
	 * has none, else the (moved) object */
	{
		const struct lk *k;
		int v = b->v;

		FOR_LINKS(S, v, k)
			if (is_type(k, "B") && k->r == v && k->l < v &&
			    !is_verb(S, k->l)) {
				bnoun = k->l;
				break;
			}
	}
	if (st >= 0 && relative_word(S, st) &&
	    (antecedent(S, st) >= 0 || bnoun >= 0)) {
		int a = antecedent(S, st);

		b->intro = (int16_t)st;
		if (a >= 0)
			st = a;
		else if (bnoun >= 0)
			st = bnoun;
		b->rel = DY_REL_RELCL;
		b->ante = (int16_t)st;
	}
	if (bnoun >= 0) {
		b->rel = DY_REL_RELCL;
		b->ante = (int16_t)bnoun;
		if (st < 0)
			st = bnoun;
		else if (st != bnoun && b->obj_t[0] < 0)
			b->obj_t[0] = (int16_t)bnoun;
	}
	b->subj_t = (int16_t)st;
}

static void find_objects(struct st *S, struct vb *b)
{
	int16_t px[MAX_CHAIN + MAX_NEST + 2];
	int np = proxies(S, b, px), i, n = b->obj_t[0] >= 0;

	for (i = 0; i < np; i++) {
		const struct lk *k;
		int c = px[i];

		if (c != b->v && in_chain(b, c))
			continue;
		if (c != b->v && n > 0)
			break; /* shared objects only when it has none */
		FOR_LINKS(S, c, k) {
			if (k->l == c && is_type(k, "O") && n < 2 &&
			    (n == 0 || b->obj_t[0] != k->r))
				b->obj_t[n++] = (int16_t)k->r;
			if (k->l == c && is_type(k, "K") && c == b->v)
				b->particle = (int16_t)k->r;
		}
	}
	/* "arrested and charged three men": a verb right before the
	 * conjunction, with no object, shares the next conjunct's */
	if (n == 0 && b->vjm == b->v && b->vj > b->v) {
		int t = b->v + 1, j = b->vj, m = -1;
		int16_t mm[32];
		int nm = vj_conjuncts(S, j, mm, 32);

		while (t < j && S->glue[t] != t)
			t++;
		for (i = 0; i < nm; i++)
			if (mm[i] > j && (m < 0 || mm[i] < m))
				m = mm[i];
		if (t == j && m >= 0)
			b->obj_t[n] = (int16_t)link_at(S, m, "O", 1);
		n = b->obj_t[0] >= 0;
	}
	if (n == 2 && b->obj_t[1] < b->obj_t[0]) {
		int16_t x = b->obj_t[0];

		b->obj_t[0] = b->obj_t[1];
		b->obj_t[1] = x;
	}
}

static void find_aux(struct st *S, struct vb *b)
{
	int i;

	for (i = 0; i < b->nchain; i++) {
		int c = b->chain[i], nx = S->nxt[c], t;
		const char *f = form(S, c);
		const struct lk *k;

		if (c != b->v && nx >= 0) {
			uint8_t how = S->in_type[nx];

			if (!strcmp(f, "WILL") || !strcmp(f, "SHALL") ||
			    !strcmp(f, "'LL") || !strcmp(f, "WO") ||
			    how == 'G')
				b->aux |= DY_AUX_WILL;
			else if (!strcmp(f, "WOULD") ||
				 !strcmp(f, "SHOULD") ||
				 (!strcmp(f, "'D") && how == 'I'))
				b->aux |= DY_AUX_WOULD;
			else if (S->cls[c] == K_MODAL && how == 'I')
				b->aux |= DY_AUX_MODAL;
			if (how == 'P')
				b->aux |= DY_AUX_PERF;
			if (how == 'g')
				b->aux |= DY_AUX_PROG;
			if (how == 'I' && in_list(f, do_forms))
				b->aux |= DY_AUX_DO;
			if (how == 'G')
				b->aux &= (uint8_t)~DY_AUX_PROG;
		}
		if ((S->wallq[c] & 1) && c != b->v)
			b->aux |= DY_AUX_QUESTION;
		/* not, never, n't: linked to the chain or glued into it */
		FOR_LINKS(S, c, k)
			if (S->cls[other(k, c)] == K_NEG)
				b->neg = 1;
		for (t = 0; t < S->n; t++)
			if (S->glue[t] == c && t != c &&
			    (S->s->toks[t].flags & DY_TOK_NEG))
				b->neg = 1;
	}
	if (b->to >= 0) {
		const struct lk *k;
		int to = b->to;

		b->aux |= DY_AUX_TO;
		FOR_LINKS(S, to, k)
			if (S->cls[other(k, to)] == K_NEG)
				b->neg = 1;
	}
	if (S->in_type[b->v] == 'v')
		b->passive = 1;
}

static int clause_of(const struct st *S, int t)
{
	return t >= 0 && t < S->n ? S->cl_of[t] : -1;
}

/* The clause whose subject, object or PP the chunk of token t is; -1. */
static int governing(const struct st *S, int t, int self)
{
	int c = t >= 0 && t < S->n ? S->chunk_of[t] : -1, i, best;

	if (c < 0)
		return clause_of(S, t);
	for (i = 0; i < S->nvb; i++) {
		const struct vb *b = &S->vb[i];
		int k;

		if (i == self)
			continue;
		if ((b->subj_t >= 0 && S->chunk_of[b->subj_t] == c) ||
		    (b->obj_t[0] >= 0 && S->chunk_of[b->obj_t[0]] == c) ||
		    (b->obj_t[1] >= 0 && S->chunk_of[b->obj_t[1]] == c))
			return i;
		for (k = 0; k < S->nlk; k++) {
			const struct lk *l = &S->lk[k];
			int o;

			if (!in_chain(b, l->l) || !(is_type(l, "MV") ||
						    is_type(l, "P") ||
						    is_type(l, "OF")))
				continue;
			o = prep_object(S, l->r);
			if (o >= 0 && S->chunk_of[o] == c)
				return i;
		}
	}
	/* else the innermost clause whose verb phrase holds the chunk */
	for (i = 0, best = -1; i < S->nvb; i++) {
		const struct vb *b = &S->vb[i];

		if (i != self && b->v < S->ch[c].first &&
		    S->ch[c].last <= b->vp_last &&
		    (best < 0 || b->v > S->vb[best].v))
			best = i;
	}
	return best;
}

/* The clause introduced by word w: "said [that ...]", "who ...",
 * "after ...". */
static void intro_word(struct st *S, struct vb *b, int self, int w)
{
	const struct lk *k;
	int cl = clause_of(S, w);

	b->intro = (int16_t)w;
	if (cl >= 0 && cl != self) {
		b->rel = DY_REL_CCOMP;
		b->parent = (int16_t)cl;
		return;
	}
	if ((relative_word(S, w) || !strcmp(form(S, w), "THAT")) &&
	    antecedent(S, w) >= 0) {
		b->rel = DY_REL_RELCL;
		b->ante = (int16_t)antecedent(S, w);
		return;
	}
	/* "the market in which the bank is a player" */
	if (S->cls[w] == K_PREP && prep_object(S, w) >= 0 &&
	    relative_word(S, prep_object(S, w))) {
		b->rel = DY_REL_RELCL;
		FOR_LINKS(S, w, k)
			if (k->r == w && (is_type(k, "M") || is_type(k, "MX")))
				b->ante = (int16_t)k->l;
		if (b->ante < 0)
			b->ante = (int16_t)antecedent(S, prep_object(S, w));
		return;
	}
	/* a complementizer: "said that", "asked whether", "wondered who" */
	{
		FOR_LINKS(S, w, k) {
			int o = other(k, w);

			if (o < w && (is_type(k, "TH") || is_type(k, "QI") ||
				      is_type(k, "TS"))) {
				b->rel = DY_REL_CCOMP;
				b->parent = (int16_t)(clause_of(S, o) >= 0
						      ? clause_of(S, o)
						      : governing(S, o, self));
				return;
			}
		}
	}
	/* a subordinator: whatever clause it hangs from */
	b->rel = DY_REL_ADVCL;
	FOR_LINKS(S, w, k) {
		int o = other(k, w), i;

		if (clause_of(S, o) >= 0 && clause_of(S, o) != self) {
			b->parent = (int16_t)clause_of(S, o);
			return;
		}
		for (i = 0; i < S->nvb; i++)
			if (i != self && S->vb[i].subj_t == o) {
				b->parent = (int16_t)i;
				return;
			}
	}
}

/* Does verb v take "to" after an object ("asked Russia to send": TOo)? */
static int to_object(const struct st *S, int v)
{
	const struct lk *q;

	FOR_LINKS(S, v, q)
		if (is_type(q, "TO") && q->l == v && subc(q) == 'o')
			return 1;
	return 0;
}

/* The clause of verb o, or the one its noun phrase belongs to, or for
 * another word ("unlikely to", "enough to") the verb it hangs from. */
static int owner_clause(const struct st *S, int o, int self)
{
	const struct lk *k;
	int c = clause_of(S, o) >= 0 ? clause_of(S, o)
				     : governing(S, o, self);

	if (c >= 0 || S->chunk_of[o] >= 0)
		return c;
	FOR_LINKS(S, o, k)
		if (k->r == o && clause_of(S, k->l) >= 0 &&
		    clause_of(S, k->l) != self)
			return clause_of(S, k->l);
	return -1;
}

/* How the clause is attached: rel, parent, controller. */
static void find_intro(struct st *S, struct vb *b, int self)
{
	int16_t px[MAX_CHAIN + MAX_NEST + 2];
	int np, i, v = b->v;
	const struct lk *k;

	/* a later conjunct of coordinated verbs */
	if (b->vj >= 0) {
		int16_t m[32];
		int n = vj_conjuncts(S, b->vj, m, 32), first = -1, j;

		for (j = 0; j < n; j++)
			if (first < 0 || m[j] < first)
				first = m[j];
		while (first >= 0 && S->cl_of[first] < 0 &&
		       vj_conjuncts(S, first, m, 32) > 0) {
			n = vj_conjuncts(S, first, m, 32);
			first = m[0];
			for (j = 1; j < n; j++)
				if (m[j] < first)
					first = m[j];
		}
		if (first >= 0 && first != b->vjm && clause_of(S, first) >= 0
		    && clause_of(S, first) != self) {
			b->rel = DY_REL_CONJ;
			b->parent = (int16_t)clause_of(S, first);
			b->inherit = 1;
			return;
		}
	}
	np = proxies(S, b, px);
	if (b->to >= 0)
		px[np++] = b->to;
	for (i = 0; i < np; i++) {
		int c = px[i];

		FOR_LINKS(S, c, k) {
			int o = other(k, c);
			char sc = subc(k);

			if (k->r != c || o == c)
				continue;
			if (is_type(k, "CV")) {
				intro_word(S, b, self, o);
				return;
			}
			if ((is_type(k, "IV") || (is_type(k, "I") &&
						  S->cls[o] == K_VERB)) &&
			    clause_of(S, o) >= 0 && clause_of(S, o) != self) {
				b->rel = DY_REL_XCOMP;
				b->parent = (int16_t)clause_of(S, o);
				b->inherit = 1;
				b->ctrl_obj = is_type(k, "I") ||
					      to_object(S, o);
				return;
			}
			if (c == b->to && is_type(k, "TO") &&
			    clause_of(S, o) != self) {
				b->rel = DY_REL_XCOMP;
				b->parent = (int16_t)owner_clause(S, o, self);
				b->inherit = clause_of(S, o) >= 0;
				b->ctrl_obj = sc == 'o';
				return;
			}
			if (c == b->to && is_type(k, "MV") &&
			    clause_of(S, o) != self) {
				b->rel = DY_REL_ADVCL;
				b->parent = (int16_t)clause_of(S, o);
				return;
			}
			if (c == v && is_type(k, "MX")) {
				/* ", killing ten": what the main clause did */
				b->rel = DY_REL_ADVCL;
				b->parent = (int16_t)owner_clause(S, o, self);
				b->inherit = 1;
				return;
			}
			if (c == v && is_type(k, "M") &&
			    (sc == 'v' || sc == 'g')) {
				if (is_nominal(S, o) || S->chunk_of[o] >= 0) {
					b->rel = DY_REL_PARTMOD;
					b->ante = (int16_t)o;
					if (b->subj_t < 0)
						b->subj_t = (int16_t)o;
					if (sc == 'v')
						b->passive = 1;
				} else {
					b->rel = DY_REL_ADVCL;
					intro_word(S, b, self, o);
					b->rel = DY_REL_ADVCL;
				}
				return;
			}
			if (c == v && is_type(k, "MV") &&
			    clause_of(S, o) >= 0) {
				b->rel = DY_REL_ADVCL;
				b->parent = (int16_t)clause_of(S, o);
				b->inherit = sc == 'g';
				return;
			}
			if (c == v && is_type(k, "P") && (sc == 'g' ||
							  sc == 'v') &&
			    is_verb(S, o) && S->prev[v] != o) {
				b->rel = DY_REL_XCOMP;
				b->parent = (int16_t)clause_of(S, o);
				b->inherit = 1;
				return;
			}
		}
	}
	if (b->rel == DY_REL_RELCL)
		return;
	/* an opener: "Looking ahead, BA warned", "To help, BA introduced";
	 * CO runs from it to the main clause's subject */
	for (i = 0; i < 2; i++) {
		int c = i ? b->to : v;

		if (c < 0)
			continue;
		FOR_LINKS(S, c, k) {
			int j;

			if (k->l != c || !is_type(k, "CO"))
				continue;
			for (j = 0; j < S->nvb; j++)
				if (j != self && S->vb[j].subj_t == k->r)
					break;
			if (j == S->nvb)
				j = clause_of(S, k->r);
			if (j < 0 || j == self)
				continue;
			b->rel = DY_REL_ADVCL;
			b->parent = (int16_t)j;
			b->inherit = 1;
			return;
		}
	}
	/* a C link to its subject: "said he ...", "after they ..." */
	if (b->subj_t >= 0) {
		int st = b->subj_t;

		FOR_LINKS(S, st, k)
			if (k->r == st && is_type(k, "C") && k->l < st) {
				intro_word(S, b, self, k->l);
				return;
			}
	}
}

/* Is t or u one of the VJ conjunctions clause b is a conjunct of? */
static int own_vj(const struct st *S, const struct vb *b, int t, int u)
{
	int j, i;

	for (j = b->vj, i = 0; j >= 0 && i < MAX_NEST; i++) {
		if (j == t || j == u)
			return 1;
		j = S->vj_of[j];
	}
	return 0;
}

/* Is t where the search from clause b starts (its verb or its own
 * conjunctions)?  A coordination reached from there is part of it. */
static int start(const struct st *S, const struct vb *b, int t)
{
	return t == b->v || own_vj(S, b, t, t);
}

/* One past the rightmost word the verb reaches by rightward links. */
static int reach(const struct st *S, const struct vb *b, uint8_t *seen)
{
	int16_t stack[DY_MAX_SENTENCE_TOKENS];
	int16_t px[MAX_CHAIN + MAX_NEST + 2];
	int sp = 0, max = b->v, i, np = proxies(S, b, px);

	memset(seen, 0, (size_t)S->n);
	for (i = 0; i < np; i++)
		if (px[i] == b->v || !in_chain(b, px[i])) {
			stack[sp++] = px[i];
			seen[px[i]] = 1;
		}
	for (i = 0; i < 2; i++)
		if (b->obj_t[i] > b->v && !seen[b->obj_t[i]]) {
			stack[sp++] = b->obj_t[i];
			seen[b->obj_t[i]] = 1;
			if (b->obj_t[i] > max)
				max = b->obj_t[i];
		}
	while (sp > 0) {
		int x = stack[--sp];
		const struct lk *k;

		FOR_LINKS(S, x, k) {
			int y = other(k, x);

			if (y <= x || seen[y] ||
			    (is_type(k, "VJ") && (own_vj(S, b, x, y) ||
						  start(S, b, x))) ||
			    is_type(k, "X") || is_type(k, "RW") ||
			    is_type(k, "W") || is_type(k, "WV") ||
			    is_type(k, "CC") || is_punct(S, y) ||
			    y < b->v)
				continue;
			seen[y] = 1;
			if (y > max)
				max = y;
			if (sp < DY_MAX_SENTENCE_TOKENS)
				stack[sp++] = (int16_t)y;
		}
	}
	/* whole chunks and glued words */
	if (max != b->v && S->chunk_of[max] >= 0)
		max = S->ch[S->chunk_of[max]].last - 1;
	for (i = max + 1; i < S->n && S->glue[i] != i &&
	     S->glue[i] <= max; i++)
		max = i;
	return max + 1;
}

/* PPs of a clause: MVp and Pp from its verb (or a shared conjunction),
 * sorted by preposition. */
static int clause_pps(struct st *S, const struct vb *b, int16_t *pp,
		      int max)
{
	int16_t px[MAX_CHAIN + MAX_NEST + 2];
	int np = proxies(S, b, px), i, n = 0, j;

	for (i = 0; i < np; i++) {
		const struct lk *k;
		int c = px[i];

		/* auxiliaries too: "is -MVp- with ... grappling" */
		FOR_LINKS(S, c, k) {
			int p = k->r, dup = 0;

			if (k->l != c || p <= c)
				continue;
			if (!((is_type(k, "MV") && (subc(k) == 'p' ||
					prep_object(S, p) >= 0)) ||
			      (is_type(k, "P") && subc(k) == 'p') ||
			      (is_type(k, "OF") && c == b->v)))
				continue;
			if (S->cls[p] != K_PREP && S->cls[p] != K_TO &&
			    prep_object(S, p) < 0)
				continue;
			for (j = 0; j < n; j++)
				dup |= pp[j] == p;
			if (!dup && n < max)
				pp[n++] = (int16_t)p;
		}
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && pp[j - 1] > pp[j]; j--) {
			int16_t x = pp[j];

			pp[j] = pp[j - 1];
			pp[j - 1] = x;
		}
	return n;
}

static int possessor_first(const struct dy_sent *s, int np)
{
	int i, f = s->nps[np].first;

	for (i = 0; i < s->nnp; i++)
		if ((s->nps[i].flags & DY_NP_POSSESSOR) &&
		    s->nps[i].owner == np && s->nps[i].first < f)
			f = s->nps[i].first;
	return f;
}

static int find_clauses(struct st *S)
{
	uint8_t *seen;
	int t, i, pass;

	S->vb = dy_arena_zalloc(S->a, (size_t)(S->n + 1) * sizeof *S->vb);
	if (!S->vb)
		return DY_ENOMEM;
	for (t = 0; t < S->n; t++) {
		struct vb *b;

		if (S->glue[t] != t || !is_verb(S, t) || S->nxt[t] >= 0)
			continue;
		/* a bare modal ("they would.") is no clause */
		if (S->cls[t] == K_MODAL)
			continue;
		b = &S->vb[S->nvb++];
		b->v = (uint16_t)t;
		b->subj_t = -1;
		b->obj_t[0] = b->obj_t[1] = -1;
		b->intro = -1;
		b->ante = -1;
		b->parent = -1;
		b->particle = -1;
		walk_chain(S, b);
	}
	for (i = 0; i < S->nvb; i++) {
		const struct vb *b = &S->vb[i];
		int k;

		for (k = 0; k < b->nchain; k++)
			if (S->cl_of[b->chain[k]] < 0)
				S->cl_of[b->chain[k]] = (int16_t)i;
		if (b->to >= 0 && S->cl_of[b->to] < 0)
			S->cl_of[b->to] = (int16_t)i;
	}
	seen = dy_arena_alloc(S->a, (size_t)S->n + 1);
	if (!seen)
		return DY_ENOMEM;
	for (i = 0; i < S->nvb; i++) {
		find_subject(S, &S->vb[i]);
		find_objects(S, &S->vb[i]);
		find_aux(S, &S->vb[i]);
		S->vb[i].vp_last = (uint16_t)reach(S, &S->vb[i], seen);
	}
	for (i = 0; i < S->nvb; i++) {
		struct vb *b = &S->vb[i];

		find_intro(S, b, i);
		if ((b->rel == DY_REL_RELCL || b->rel == DY_REL_PARTMOD) &&
		    b->parent < 0 && b->ante >= 0)
			b->parent = (int16_t)governing(S, b->ante, i);
	}
	/* a quote before "said" (CP from its punctuation or the wall) is
	 * what it says */
	for (i = 0; i < S->nvb; i++) {
		int v = S->vb[i].v, j, q = link_at(S, v, "CP", -1);

		if (S->wallq[v] & 2)
			q = v;
		else if (q < 0 || !is_punct(S, q))
			continue;
		for (j = 0; j < S->nvb; j++)
			if (j != i && S->vb[j].parent < 0 &&
			    S->vb[j].rel == DY_REL_ROOT && S->vb[j].v < q) {
				S->vb[j].rel = DY_REL_CCOMP;
				S->vb[j].parent = (int16_t)i;
			}
	}
	/* no cycles: a parent chain that comes back makes a root */
	for (i = 0; i < S->nvb; i++) {
		int p = S->vb[i].parent, steps = 0;

		while (p >= 0 && p != i && steps++ < S->nvb)
			p = S->vb[p].parent;
		if (p == i) {
			S->vb[i].parent = -1;
			S->vb[i].rel = DY_REL_ROOT;
		}
	}
	/* "Armenia, Belarus and Russia sent troops.": LG sometimes reads a
	 * sentence as a noun with a participle.  A passive participle that
	 * hangs on nothing is the active main verb when it takes an object
	 * or a "that" clause, or when no other clause is a root (but a
	 * headline's "Troops sent to Almaty" is passive). */
	for (i = 0; i < S->nvb; i++) {
		struct vb *b = &S->vb[i];
		int j, roots = 0;

		if (b->rel != DY_REL_PARTMOD || b->parent >= 0 || !b->passive)
			continue;
		for (j = 0; j < S->nvb; j++)
			roots += j != i && S->vb[j].parent < 0;
		if (link_at(S, b->v, "O", 1) >= 0 ||
		    link_at(S, b->v, "TH", 1) >= 0 ||
		    link_at(S, b->v, "CV", 1) >= 0 ||
		    (!roots && !(S->s->flags & DY_SENT_HEADLINE)))
			b->passive = 0;
	}
	for (i = 0; i < S->nvb; i++)
		if (S->vb[i].parent < 0)
			S->vb[i].rel = DY_REL_ROOT;
	/* shared subjects: conjuncts and controlled complements, parents
	 * first (a few passes settle chains of them) */
	for (pass = 0; pass < MAX_NEST; pass++) {
		int changed = 0;

		for (i = 0; i < S->nvb; i++) {
			struct vb *b = &S->vb[i];
			const struct vb *p;
			int st;

			if (b->subj_t >= 0 || !b->inherit || b->parent < 0)
				continue;
			p = &S->vb[b->parent];
			st = b->ctrl_obj && p->obj_t[0] >= 0 ? p->obj_t[0]
							     : p->subj_t;
			if (st >= 0) {
				b->subj_t = (int16_t)st;
				changed = 1;
			}
		}
		if (!changed)
			break;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Tags                                                                */
/* ------------------------------------------------------------------ */

static int verb_tag(const struct st *S, int t)
{
	const char *f = form(S, t), *sub = S->sub[t];
	size_t n = strlen(f);
	int past = strstr(sub, "-d") != NULL, finite = 0;
	const struct lk *k;

	uint8_t how = S->in_type[t];

	if (!how && S->vj_of[t] >= 0)
		how = S->in_type[S->vj_of[t]];
	switch (how) {
	case 'P':
	case 'v':
		return DY_POS_VBN;
	case 'g':
		return DY_POS_VBG;
	case 'I':
	case 'G':
		return DY_POS_VB;
	default:
		break;
	}
	FOR_LINKS(S, t, k) {
		char c = subc(k);

		if (k->r == t && is_type(k, "M") && c == 'v')
			return DY_POS_VBN;
		if (k->r == t && ((is_type(k, "M") && c == 'g') ||
				  (is_type(k, "P") && c == 'g')))
			return DY_POS_VBG;
		if (k->r == t && (is_type(k, "I") || is_type(k, "IV")))
			return DY_POS_VB;
		if ((k->r == t && (is_type(k, "S") || is_type(k, "SX") ||
				   is_type(k, "RS") || is_type(k, "SF"))) ||
		    (k->l == t && (is_type(k, "SI") || is_type(k, "SFI"))))
			finite = 1;
	}
	if (sub[0] == 'g' || (n > 3 && !strcmp(f + n - 3, "ING")))
		return DY_POS_VBG;
	if (past)
		return finite || S->vj_of[t] >= 0 ? DY_POS_VBD : DY_POS_VBN;
	if (finite)
		return n > 1 && f[n - 1] == 'S' && f[n - 2] != 'S'
		       ? DY_POS_VBZ : DY_POS_VBP;
	return DY_POS_VB;
}

static int noun_tag(const struct st *S, int t)
{
	if (S->proper[t])
		return S->plural[t] ? DY_POS_NNPS : DY_POS_NNP;
	return S->plural[t] ? DY_POS_NNS : DY_POS_NN;
}

static void tag(struct st *S, int t)
{
	struct dy_tok *tk = &S->s->toks[t];
	const char *f = tk->form, *sub = S->sub[t];
	int p = -1;

	switch (S->cls[t]) {
	case K_NOUN:
		p = noun_tag(S, t);
		break;
	case K_PRON:
		p = DY_POS_PRP;
		break;
	case K_POSSPRON:
		p = DY_POS_PRPS;
		break;
	case K_NUM:
		p = DY_POS_CD;
		break;
	case K_VERB:
		p = verb_tag(S, t);
		break;
	case K_MODAL:
		p = DY_POS_MD;
		break;
	case K_ADJ:
		p = !strcmp(sub, "a-c") ? DY_POS_JJR
		  : !strcmp(sub, "a-s") ? DY_POS_JJS : DY_POS_JJ;
		break;
	case K_ADV:
	case K_NEG:
		p = DY_POS_RB;
		break;
	case K_PREP:
		p = DY_POS_IN;
		break;
	case K_TO:
		p = DY_POS_TO;
		break;
	case K_DET:
		p = DY_POS_DT;
		break;
	case K_CONJ:
		p = DY_POS_CC;
		break;
	case K_WH:
		if (!strcmp(f, "WHO") || !strcmp(f, "WHOM") ||
		    !strcmp(f, "WHAT"))
			p = DY_POS_WP;
		else if (!strcmp(f, "WHOSE"))
			p = DY_POS_WPS;
		else if (!strcmp(f, "WHICH") || !strcmp(f, "THAT"))
			p = DY_POS_WDT;
		else
			p = DY_POS_WRB;
		break;
	case K_POSS:
		p = DY_POS_POS;
		break;
	case K_PART:
		p = DY_POS_RP;
		break;
	case K_EX:
		p = DY_POS_EX;
		break;
	default:
		break;
	}
	if (p >= 0)
		tk->pos = (uint8_t)p;
}

/* ------------------------------------------------------------------ */
/* Emitting clauses                                                    */
/* ------------------------------------------------------------------ */

static int emit_clauses(struct st *S)
{
	struct dy_sent *s = S->s;
	int i, k;

	for (i = 0; i < S->nvb; i++) {
		const struct vb *b = &S->vb[i];
		struct dy_clause cl;
		int16_t pp[64];
		int npp, start = b->top, sf;

		dy_clause_init(&cl, b->v);
		if (b->to >= 0 && b->to < start)
			start = b->to;
		cl.rel = b->rel;
		cl.parent = b->parent;
		cl.passive = b->passive;
		cl.neg = b->neg;
		cl.aux = b->aux;
		cl.particle = b->particle;
		cl.subj = (int16_t)np_at(S, b->subj_t);
		cl.obj = (int16_t)np_at(S, b->obj_t[0]);
		cl.obj2 = (int16_t)np_at(S, b->obj_t[1]);
		if (cl.obj2 == cl.obj)
			cl.obj2 = -1;
		if (cl.obj == cl.subj && b->obj_t[0] >= 0 &&
		    b->subj_t >= 0 && cl.subj >= 0) {
			cl.obj = cl.obj2;
			cl.obj2 = -1;
		}
		cl.up_first = (uint16_t)start;
		if (cl.subj >= 0) {
			sf = possessor_first(s, cl.subj);
			if (sf <= b->v)
				cl.up_first = (uint16_t)sf;
		}
		cl.vp_last = b->vp_last;
		if (cl.vp_last <= b->v)
			cl.vp_last = (uint16_t)(b->v + 1);
		cl.first = cl.up_first < start ? cl.up_first : (uint16_t)start;
		if (b->intro >= 0 && b->intro < cl.first)
			cl.first = (uint16_t)b->intro;
		cl.last = cl.vp_last;
		npp = clause_pps(S, b, pp, 64);
		for (k = 0; k < npp; k++) {
			struct dy_pp p;
			int o = prep_object(S, pp[k]), idx;

			p.prep = (uint16_t)pp[k];
			p.np = (int16_t)np_at(S, o);
			p.clause = (int16_t)i;
			p.np_head = -1;
			idx = dy_sent_add_pp(S->a, s, &p);
			if (idx < 0)
				return DY_ENOMEM;
			if (cl.pp_count == 0)
				cl.pp_first = (uint16_t)idx;
			cl.pp_count++;
			if (p.np >= 0) {
				s->nps[p.np].flags |= DY_NP_IN_PP;
				if (s->nps[p.np].pp < 0)
					s->nps[p.np].pp = (int16_t)idx;
				if (cl.passive && cl.agent < 0 &&
				    !strcmp(form(S, pp[k]), "BY"))
					cl.agent = p.np;
			}
		}
		/* the agent of a passive whose "by" LG hung on a noun */
		for (k = b->v + 1; cl.passive && cl.agent < 0 &&
		     k < cl.vp_last; k++)
			if (!strcmp(form(S, k), "BY"))
				cl.agent = (int16_t)np_at(S,
							  prep_object(S, k));
		if (dy_sent_add_clause(S->a, s, &cl) < 0)
			return DY_ENOMEM;
	}
	/* PPs on nouns that did not become part of an "x p y" chunk */
	for (i = 0; i < S->nlk; i++) {
		const struct lk *lk = &S->lk[i];
		struct dy_pp p;
		int o, idx, h = np_at(S, lk->l);

		if (!((is_type(lk, "M") && (subc(lk) == 'p' ||
					    subc(lk) == 'f' ||
					    subc(lk) == 'j')) ||
		      is_type(lk, "MG")) || verb_pp(S, lk->r) || h < 0)
			continue;
		if (S->chunk_of[lk->r] >= 0)
			continue; /* inside the chunk already */
		o = prep_object(S, lk->r);
		p.prep = lk->r;
		p.np = (int16_t)np_at(S, o);
		p.clause = -1;
		p.np_head = (int16_t)h;
		idx = dy_sent_add_pp(S->a, s, &p);
		if (idx < 0)
			return DY_ENOMEM;
		if (p.np >= 0) {
			s->nps[p.np].flags |= DY_NP_IN_PP;
			if (s->nps[p.np].pp < 0)
				s->nps[p.np].pp = (int16_t)idx;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */
/* ------------------------------------------------------------------ */

/* Run LG on str; *sent and *lkg are set when a complete linkage exists.
 * Returns 0, DY_EPARSE or DY_ETIMEOUT. */
static int run_parser(struct dy_lg *lg, const char *str, double timeout_s,
		      int linkage_limit, Sentence *sent, Linkage *lkg)
{
	Parse_Options po;
	Sentence sn;
	double secs;
	int n, rc = DY_EPARSE, active;

	*sent = NULL;
	*lkg = NULL;
	po = parse_options_create();
	if (!po)
		return DY_EPARSE;
	active = atomic_fetch_add(&lg_active, 1) + 1;
	secs = ceil((timeout_s > 0 ? timeout_s : 1) * active);
	if (!(secs <= LG_MAX_SECONDS))
		secs = LG_MAX_SECONDS;
	if (linkage_limit < 1)
		linkage_limit = 1;
	parse_options_set_verbosity(po, 0);
	parse_options_set_linkage_limit(po, linkage_limit);
	parse_options_set_max_parse_time(po, (int)secs);
	parse_options_set_max_memory(po, LG_MAX_MEMORY);
	parse_options_set_spell_guess(po, 0);
	parse_options_set_min_null_count(po, 0);
	parse_options_set_max_null_count(po, 0);
	parse_options_set_islands_ok(po, false);
	parse_options_set_repeatable_rand(po, true);
	sn = sentence_create(str, lg->dict);
	if (!sn)
		goto out;
	if (sentence_split(sn, po) < 0)
		goto out;
	n = sentence_parse(sn, po);
	if (parse_options_resources_exhausted(po)) {
		rc = DY_ETIMEOUT;
		goto out;
	}
	if (n <= 0 || sentence_null_count(sn) > 0)
		goto out;
	*lkg = linkage_create(0, sn, po);
	if (*lkg)
		rc = 0;
out:
	if (rc && sn)
		sentence_delete(sn);
	else
		*sent = sn;
	parse_options_delete(po);
	atomic_fetch_sub(&lg_active, 1);
	return rc;
}

static int fill(struct st *S)
{
	struct dy_sent *s = S->s;
	size_t nw = linkage_get_num_words(S->lkg);
	int16_t *wt;
	int t, rc, n = S->n;

	wt = dy_arena_alloc(S->a, (nw + 1) * sizeof *wt);
	S->word = dy_arena_alloc(S->a, (size_t)n * sizeof *S->word);
	S->glue = dy_arena_alloc(S->a, (size_t)n * sizeof *S->glue);
	S->cls = dy_arena_zalloc(S->a, (size_t)n);
	S->wallq = dy_arena_zalloc(S->a, (size_t)n);
	S->proper = dy_arena_zalloc(S->a, (size_t)n);
	S->plural = dy_arena_zalloc(S->a, (size_t)n);
	S->in_type = dy_arena_zalloc(S->a, (size_t)n);
	S->sub = dy_arena_alloc(S->a, (size_t)n * sizeof *S->sub);
	S->prev = dy_arena_alloc(S->a, (size_t)n * sizeof *S->prev);
	S->nxt = dy_arena_alloc(S->a, (size_t)n * sizeof *S->nxt);
	S->vj_of = dy_arena_alloc(S->a, (size_t)n * sizeof *S->vj_of);
	S->sj_of = dy_arena_alloc(S->a, (size_t)n * sizeof *S->sj_of);
	S->cl_of = dy_arena_alloc(S->a, (size_t)n * sizeof *S->cl_of);
	if (!wt || !S->word || !S->glue || !S->cls || !S->wallq ||
	    !S->proper || !S->plural || !S->in_type || !S->sub || !S->prev ||
	    !S->nxt || !S->vj_of || !S->sj_of || !S->cl_of)
		return DY_ENOMEM;
	for (t = 0; t < n; t++) {
		S->word[t] = -1;
		S->glue[t] = (uint16_t)t;
		S->prev[t] = S->nxt[t] = -1;
		S->vj_of[t] = S->sj_of[t] = S->cl_of[t] = -1;
	}
	map_words(S, wt, nw);
	rc = read_links(S, wt, nw);
	if (rc)
		return rc;
	for (t = 0; t < n; t++)
		classify(S, t);
	/* "United" of "United States" takes its idiom head's class */
	for (t = 0; t < n; t++)
		if (S->glue[t] != t && S->cls[t] == K_NONE &&
		    S->cls[S->glue[t]] == K_NOUN) {
			S->cls[t] = K_NOUN;
			S->proper[t] = (S->s->toks[t].flags & DY_TOK_CAP) != 0;
		}
	mark_conjuncts(S);
	chains(S);
	rc = build_chunks(S);
	if (rc)
		return rc;
	chunk_relations(S);
	rc = emit_chunks(S);
	if (rc)
		return rc;
	rc = find_clauses(S);
	if (rc)
		return rc;
	for (t = 0; t < n; t++)
		tag(S, t);
	rc = emit_clauses(S);
	if (rc)
		return rc;
	s->frontend = DY_FE_LINKGRAMMAR;
	return S->a->oom ? DY_ENOMEM : 0;
}

int dy_lg_parse(struct dy_lg *lg, struct dy_arena *a, struct dy_sent *s,
		const char *text, double timeout_s, int linkage_limit)
{
	struct st S;
	Sentence sent = NULL;
	locale_t old = (locale_t)0;
	lg_error_handler prev_h;
	const void *prev_d;
	uint8_t *pos = NULL;
	char *str;
	uint32_t i;
	int rc, t;

	if (!lg || !s || s->ntok == 0)
		return DY_EPARSE;
	if (s->ntok > DY_LG_MAX_TOKENS)
		return DY_ETIMEOUT;
	memset(&S, 0, sizeof S);
	S.a = a;
	S.s = s;
	S.n = s->ntok;
	S.len = s->len;
	str = dy_arena_alloc(a, (size_t)s->len + 1);
	pos = dy_arena_alloc(a, (size_t)s->ntok);
	if (!str || !pos)
		return DY_ENOMEM;
	memcpy(str, text + s->off, s->len);
	str[s->len] = '\0';
	for (i = 0; i < s->len; i++)
		if (str[i] == '\0')
			str[i] = ' ';
	S.str = str;
	for (t = 0; t < s->ntok; t++)
		pos[t] = s->toks[t].pos;

	prev_d = lg_error_set_handler_data(NULL);
	prev_h = lg_error_set_handler(lg_quiet, NULL);
	if (lg->utf8)
		old = uselocale(lg->utf8);
	rc = run_parser(lg, str, timeout_s, linkage_limit, &sent, &S.lkg);
	if (rc == 0) {
		rc = fill(&S);
		linkage_delete(S.lkg);
	}
	if (sent)
		sentence_delete(sent);
	if (lg->utf8)
		uselocale(old);
	if (prev_h)
		lg_error_set_handler(prev_h, (void *)(uintptr_t)prev_d);
	if (rc) {
		/* only the tokens, as dy_text_tokenize() left them */
		for (t = 0; t < s->ntok; t++)
			s->toks[t].pos = pos[t];
		s->nnp = s->npp = s->ncl = 0;
		s->frontend = DY_FE_NONE;
	}
	return rc;
}
