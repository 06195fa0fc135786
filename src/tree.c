/*
 * tree.c: the Penn Treebank front-end.
 *
 * Input: a bracketed parse as CoreNLP writes it,
 *     (ROOT (S (NP (NNP Arnor)) (VP (VBZ is) ...) (. .)))
 * with any white space between tokens, Treebank escapes (-LRB-, ``, '')
 * and function tags (NP-TMP is not an NP).  Output: the sentence form of
 * sent.h, shaped the way PETRARCH reads a tree, so PETRARCH dictionaries
 * and its validation suite behave as their authors expect:
 *
 *  - noun phrases become flat chunks ("NEs"): an NP without nested NPs;
 *    an NP with a possessive, whole, minus the 's; an NP of the form
 *    (NP (NP x) (PP p (NP y))) as "x p y" -- the rest of such an NP is
 *    dropped, as PETRARCH does;
 *  - a coordination ("Gondor and Osgiliath", "lawmakers and officials")
 *    becomes a COORD umbrella whose conjuncts carry the modifiers they
 *    share ("lawmakers in [Fornost and Gondor]" gives "lawmakers in
 *    Fornost" and "lawmakers in Gondor");
 *  - comma-delimited clauses within the configured word counts are
 *    removed from matching (DY_TOK_SKIP), as TABARI and PETRARCH do;
 *  - every VP whose first child is a verb is a clause; the upper sequence
 *    runs back from the verb to the nearest remaining comma, the lower
 *    sequence to the end of the VP; passive "was VBN ... by" is detected
 *    on the VP as PETRARCH does.
 *
 * On top of that it records the grammatical roles other stages use
 * (subject, object, PPs, negation, auxiliaries, governing clause).
 *
 * Limits: DY_MAX_PARSE_DEPTH nesting, DY_MAX_SENTENCE_TOKENS leaves; an
 * unbalanced or empty parse fails with DY_EPARSE.
 */
#include <string.h>

#include "ctx.h"
#include "story.h"
#include "text.h"
#include "tree.h"
#include "base/buf.h"
#include "base/str.h"

#define MAX_NODES 4096

struct node {
	struct dy_str label; /* tag: "NP", "VBD", "NP-TMP" */
	int16_t parent;
	int16_t first;       /* first child, -1 for a leaf */
	int16_t next;        /* next sibling */
	int16_t tok;         /* leaf: its token */
	uint16_t t0, t1;     /* tokens covered, [t0, t1) */
	int16_t end;         /* one past the last node of its subtree (the
				tree is stored in preorder) */
	uint8_t nec;         /* NP turned into a compound (NEC) */
};

struct tree {
	struct node *n;
	int nn;
	struct dy_str *words; /* leaf words, by token */
	int ntok;
	struct dy_arena *a;
	struct dy_sent *s;
	const struct dy_options *opt;
	uint8_t *in_ne;       /* token belongs to an NE chunk */
	uint8_t *dropped;     /* token left out of the chunks */
	const char *err;
};

static int is(const struct node *n, const char *tag)
{
	return dy_str_eqc(n->label, tag);
}

static int starts(const struct node *n, const char *prefix)
{
	return dy_str_starts(n->label, prefix);
}

/* ------------------------------------------------------------------ */
/* Reading the brackets                                                */
/* ------------------------------------------------------------------ */

/* tree -> '(' label? (tree | word)* ')' */
static int read_tree(struct tree *T, const char *p, const char *end)
{
	int16_t stack[DY_MAX_PARSE_DEPTH + 1];
	int16_t last_child[DY_MAX_PARSE_DEPTH + 1];
	int depth = 0, roots = 0;

	while (p < end) {
		if (dy_isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		if (*p == '(') {
			struct node *n;
			const char *q = ++p;

			if (T->nn >= MAX_NODES)
				return T->err = "parse has too many nodes", -1;
			if (depth >= DY_MAX_PARSE_DEPTH)
				return T->err = "parse nested too deeply", -1;
			while (q < end && !dy_isspace((unsigned char)*q) &&
			       *q != '(' && *q != ')')
				q++;
			n = &T->n[T->nn];
			memset(n, 0, sizeof *n);
			n->label = dy_str_make(p, (size_t)(q - p));
			n->parent = depth ? stack[depth - 1] : -1;
			n->first = -1;
			n->next = -1;
			n->tok = -1;
			if (depth) {
				int16_t par = stack[depth - 1];

				if (last_child[depth - 1] < 0)
					T->n[par].first = (int16_t)T->nn;
				else
					T->n[last_child[depth - 1]].next =
						(int16_t)T->nn;
				last_child[depth - 1] = (int16_t)T->nn;
			} else {
				roots++;
			}
			stack[depth] = (int16_t)T->nn;
			last_child[depth] = -1;
			depth++;
			T->nn++;
			p = q;
			continue;
		}
		if (*p == ')') {
			if (depth == 0)
				return T->err = "unbalanced parse: extra ')'",
				       -1;
			depth--;
			p++;
			continue;
		}
		/* a word: the leaf of the innermost open node */
		{
			const char *q = p;
			struct node *leaf;

			while (q < end && !dy_isspace((unsigned char)*q) &&
			       *q != ')' && *q != '(')
				q++;
			if (depth == 0)
				return T->err = "word outside brackets", -1;
			leaf = &T->n[stack[depth - 1]];
			if (leaf->first >= 0 || leaf->tok >= 0)
				return T->err = "word beside sub-trees", -1;
			if (T->ntok >= DY_MAX_SENTENCE_TOKENS)
				return T->err = "sentence too long", -1;
			leaf->tok = (int16_t)T->ntok;
			T->words[T->ntok++] = dy_str_make(p, (size_t)(q - p));
			p = q;
		}
	}
	if (depth)
		return T->err = "unbalanced parse: missing ')'", -1;
	if (roots != 1 || T->ntok == 0)
		return T->err = roots ? "parse has no words"
				      : "parse is empty", -1;
	return 0;
}

/* Fill t0/t1 and end bottom-up; children come after parents. */
static void spans(struct tree *T)
{
	int i;

	for (i = T->nn - 1; i >= 0; i--) {
		struct node *n = &T->n[i];
		int16_t c;

		n->end = (int16_t)(i + 1);
		if (n->tok >= 0) {
			n->t0 = (uint16_t)n->tok;
			n->t1 = (uint16_t)(n->tok + 1);
			continue;
		}
		n->t0 = UINT16_MAX;
		n->t1 = 0;
		for (c = n->first; c >= 0; c = T->n[c].next) {
			if (T->n[c].t0 < n->t0)
				n->t0 = T->n[c].t0;
			if (T->n[c].t1 > n->t1)
				n->t1 = T->n[c].t1;
			n->end = T->n[c].end;
		}
		if (n->t0 == UINT16_MAX)
			n->t0 = n->t1 = 0;
	}
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

static struct dy_str unescape(struct dy_str w)
{
	static const struct { const char *esc, *txt; } map[] = {
		{ "-LRB-", "(" }, { "-RRB-", ")" }, { "-LSB-", "[" },
		{ "-RSB-", "]" }, { "-LCB-", "{" }, { "-RCB-", "}" },
		{ "``", "\"" }, { "''", "\"" },
	};
	size_t i;

	/* most words are no escape: only "-XXX-", "``" and "''" can be */
	if (w.n == 0 || (w.p[0] != '-' && w.p[0] != '`' && w.p[0] != '\''))
		return w;
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (dy_str_eqc(w, map[i].esc))
			return dy_str_c(map[i].txt);
	return w;
}

/* Find word w in text from *pos on, allowing for quotes and dashes the
 * parser normalised; on failure the token gets an empty span at *pos. */
static void align(const char *text, uint32_t base, uint32_t len,
		  uint32_t *pos, struct dy_str w, struct dy_tok *t)
{
	uint32_t p = *pos, lim;
	struct dy_str u = unescape(w);

	while (p < len && dy_isspace((unsigned char)text[base + p]))
		p++;
	lim = p + 40 < len ? p + 40 : len;
	for (; p < lim; p++) {
		if (u.n <= len - p &&
		    dy_str_ieq(dy_str_make(text + base + p, u.n), u)) {
			t->off = base + p;
			t->len = (uint32_t)u.n;
			*pos = p + (uint32_t)u.n;
			return;
		}
		/* typographic quotes the parser wrote as `` '' ` ' */
		if ((u.p[0] == '"' || u.p[0] == '\'' || u.p[0] == '`') &&
		    (unsigned char)text[base + p] == 0xe2 && p + 3 <= len) {
			t->off = base + p;
			t->len = 3;
			*pos = p + 3;
			return;
		}
	}
	t->off = base + *pos;
	t->len = 0;
}

static int make_tokens(struct tree *T, const char *text, uint32_t base,
		       uint32_t len)
{
	struct dy_sent *s = T->s;
	uint32_t pos = 0;
	int i;

	s->toks = dy_arena_zalloc(T->a, (size_t)T->ntok * sizeof *s->toks);
	if (!s->toks)
		return DY_ENOMEM;
	s->ntok = (uint16_t)T->ntok;
	for (i = 0; i < T->nn; i++) {
		struct node *n = &T->n[i];
		struct dy_tok *t;
		struct dy_str w;
		size_t fl;

		if (n->tok < 0)
			continue;
		t = &s->toks[n->tok];
		w = unescape(T->words[n->tok]);
		t->pos = (uint8_t)dy_pos_from_tag(n->label.p, n->label.n);
		t->form = dy_text_fold(T->a, w.p, w.n, &fl);
		if (!t->form)
			return DY_ENOMEM;
		t->flen = (uint16_t)(fl > 0xffff ? 0xffff : fl);
		t->lemma = t->form;
		align(text, base, len, &pos, T->words[n->tok], t);
		if (w.n && w.p[0] >= 'A' && w.p[0] <= 'Z') {
			size_t k, lower = 0;

			t->flags |= DY_TOK_CAP;
			for (k = 0; k < w.n; k++)
				lower += w.p[k] >= 'a' && w.p[k] <= 'z';
			if (!lower && w.n > 1)
				t->flags |= DY_TOK_ALLCAP;
		}
		if (dy_str_ieqc(w, "not") || dy_str_ieqc(w, "n't") ||
		    dy_str_ieqc(w, "never") || dy_str_ieqc(w, "no"))
			t->flags |= DY_TOK_NEG;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Compounds (PETRARCH mark_compounds)                                  */
/* ------------------------------------------------------------------ */

static int sub_end(const struct tree *T, int r)
{
	return T->n[r].end;
}

static int count_in(const struct tree *T, int r, const char *prefix)
{
	int e = sub_end(T, r), i, k = 0;

	for (i = r; i < e; i++)
		if (starts(&T->n[i], prefix))
			k++;
	return k;
}

static void mark_compounds(struct tree *T)
{
	int i;

	for (i = 0; i < T->nn; i++) {
		int p;

		if (!is(&T->n[i], "CC"))
			continue;
		p = T->n[i].parent;
		if (p < 0)
			continue;
		/* clause-level coordination is not a compound actor */
		if (count_in(T, p, "VP") || count_in(T, p, "S"))
			continue;
		if (count_in(T, p, "CC") > 1)
			continue;
		if (is(&T->n[p], "NP") && count_in(T, p, "N") >= 3)
			T->n[p].nec = 1;
	}
}

/* ------------------------------------------------------------------ */
/* Chunks (PETRARCH read_TreeBank's NE conversion)                      */
/* ------------------------------------------------------------------ */

/* A chunk under construction: a word list and, for compounds, the
 * conjunct word lists that replace the NEC part. */
struct chunk {
	uint16_t w[DY_MAX_SENTENCE_TOKENS]; /* words in order */
	int nw;
	int nec_at;                         /* index in w where the
					       compound sits, -1 none */
	int nec_node;                       /* its NEC node */
};

static void add_words(struct tree *T, struct chunk *c, int r, int keep_nec)
{
	int e = sub_end(T, r), i;

	for (i = r; i < e; i++) {
		struct node *n = &T->n[i];

		if (keep_nec && n->nec && c->nec_at < 0 && i != r) {
			c->nec_at = c->nw;
			c->nec_node = i;
			i = sub_end(T, i) - 1;
			continue;
		}
		if (n->tok >= 0 && !is(n, "POS") && c->nw < DY_MAX_SENTENCE_TOKENS)
			c->w[c->nw++] = (uint16_t)n->tok;
	}
}

static int emit_np(struct tree *T, const uint16_t *w, int nw, int16_t parent,
		   uint16_t first, uint16_t last)
{
	struct dy_np np;
	uint16_t *copy;
	int i, contiguous = 1, k;

	if (nw == 0)
		return -1;
	for (i = 1; i < nw; i++)
		if (w[i] != w[i - 1] + 1)
			contiguous = 0;
	dy_np_init(&np, first, last, w[nw - 1]);
	np.parent = parent;
	if (!contiguous || w[0] != first || w[nw - 1] + 1 != last) {
		copy = dy_arena_alloc(T->a, (size_t)nw * sizeof *copy);
		if (!copy)
			return -2;
		memcpy(copy, w, (size_t)nw * sizeof *copy);
		np.words = copy;
		np.nwords = (uint16_t)nw;
	}
	for (i = 0; i < nw; i++)
		T->in_ne[w[i]] = 1;
	k = dy_sent_add_np(T->a, T->s, &np);
	return k < 0 ? -2 : k;
}

/* Conjuncts of an NEC node: (adjectives before the first noun are
 * shared), each NP child or NN* leaf is one conjunct. */
static int nec_conjuncts(struct tree *T, int nec, uint16_t conj[][64],
			 int *nconj, int max)
{
	uint16_t adj[32];
	int nadj = 0, c, seen_noun = 0;

	*nconj = 0;
	for (c = T->n[nec].first; c >= 0; c = T->n[c].next) {
		struct node *n = &T->n[c];

		if (starts(n, "NP") || starts(n, "NN")) {
			int k = 0, e = sub_end(T, c), i;

			if (*nconj >= max)
				break;
			seen_noun = 1;
			if (starts(n, "NN"))
				for (i = 0; i < nadj && k < 63; i++)
					conj[*nconj][1 + k++] = adj[i];
			for (i = c; i < e && k < 63; i++)
				if (T->n[i].tok >= 0 && !is(&T->n[i], "POS"))
					conj[*nconj][1 + k++] =
						(uint16_t)T->n[i].tok;
			conj[*nconj][0] = (uint16_t)k;
			(*nconj)++;
		} else if (!seen_noun) {
			/* adjectives anywhere before the first noun */
			int e = sub_end(T, c), i;

			for (i = c; i < e; i++)
				if (starts(&T->n[i], "JJ") && T->n[i].tok >= 0 &&
				    nadj < 32)
					adj[nadj++] = (uint16_t)T->n[i].tok;
		}
	}
	return 0;
}

/* Emit a chunk: a simple NE, or a COORD umbrella when it holds an NEC. */
static int emit_chunk(struct tree *T, struct chunk *c, uint16_t first,
		      uint16_t last)
{
	uint16_t conj[16][64];
	int nconj, i, umb, prev = -1;
	struct dy_np np;

	if (c->nec_at < 0)
		return emit_np(T, c->w, c->nw, -1, first, last) < -1 ? -1 : 0;
	nec_conjuncts(T, c->nec_node, conj, &nconj, 16);
	if (nconj == 0)
		return emit_np(T, c->w, c->nw, -1, first, last) < -1 ? -1 : 0;
	dy_np_init(&np, first, last, c->w[c->nw ? c->nw - 1 : 0]);
	np.flags = DY_NP_COORD;
	umb = dy_sent_add_np(T->a, T->s, &np);
	if (umb < 0)
		return -1;
	for (i = 0; i < nconj; i++) {
		uint16_t w[DY_MAX_SENTENCE_TOKENS];
		int nw = 0, k, j;

		for (j = 0; j < c->nec_at; j++)
			w[nw++] = c->w[j];
		for (k = 0; k < conj[i][0]; k++)
			w[nw++] = conj[i][1 + k];
		for (j = c->nec_at; j < c->nw; j++)
			w[nw++] = c->w[j];
		k = emit_np(T, w, nw, (int16_t)umb, first, last);
		if (k < -1)
			return -1;
		if (k < 0)
			continue;
		if (prev >= 0)
			T->s->nps[prev].next_conj = (int16_t)k;
		prev = k;
	}
	return 0;
}

static void drop_rest(struct tree *T, int r)
{
	uint16_t t;

	for (t = T->n[r].t0; t < T->n[r].t1; t++)
		if (!T->in_ne[t])
			T->dropped[t] = 1;
}

/* PETRARCH process_preposition: an NP holding a PP becomes one chunk
 * "first-NP prep object-NP" when its shape allows; returns 1 if done. */
static int pp_chunk(struct tree *T, int np, struct chunk *c)
{
	int e = sub_end(T, np), i, pp = -1, encl, first, in = -1, obj = -1;

	for (i = np + 1; i < e; i++)
		if (is(&T->n[i], "PP")) {
			pp = i;
			break;
		}
	if (pp < 0)
		return 0;
	encl = T->n[pp].parent;
	first = T->n[encl].first;
	if (!is(&T->n[encl], "NP") || first < 0 ||
	    !(is(&T->n[first], "NP") || T->n[first].nec))
		return 0;
	/* the preposition: first IN after the first child */
	for (i = sub_end(T, first); i < sub_end(T, encl); i++)
		if (is(&T->n[i], "IN")) {
			in = i;
			break;
		}
	if (in < 0)
		return 0;
	for (i = in + 1; i < sub_end(T, encl); i++)
		if (is(&T->n[i], "NP") || T->n[i].nec) {
			obj = i;
			break;
		}
	if (obj < 0 || count_in(T, obj, "PP"))
		return 0;
	c->nw = 0;
	c->nec_at = -1;
	if (T->n[first].nec) {
		c->nec_at = 0;
		c->nec_node = first;
	} else {
		add_words(T, c, first, 1);
	}
	c->w[c->nw++] = (uint16_t)T->n[in].tok;
	if (T->n[obj].nec && c->nec_at < 0) {
		c->nec_at = c->nw;
		c->nec_node = obj;
	} else {
		add_words(T, c, obj, 1);
	}
	return 1;
}

static int chunk_np(struct tree *T, int r);

static int walk(struct tree *T, int r)
{
	int c;

	if (T->n[r].nec || is(&T->n[r], "NP"))
		return chunk_np(T, r);
	for (c = T->n[r].first; c >= 0; c = T->n[c].next)
		if (walk(T, c))
			return -1;
	return 0;
}

static int chunk_np(struct tree *T, int r)
{
	struct node *n = &T->n[r];
	struct chunk *c;
	int rc = 0, child;

	c = dy_arena_alloc(T->a, sizeof *c);
	if (!c)
		return -1;
	c->nw = 0;
	c->nec_at = -1;
	if (n->nec) {
		/* a bare compound: conjuncts with shared adjectives */
		c->nec_at = 0;
		c->nec_node = r;
		rc = emit_chunk(T, c, n->t0, n->t1);
		drop_rest(T, r);
		return rc;
	}
	if (count_in(T, r, "POS")) {
		add_words(T, c, r, 1);
		rc = emit_chunk(T, c, n->t0, n->t1);
		drop_rest(T, r);
		return rc;
	}
	if (count_in(T, r, "PP")) {
		if (pp_chunk(T, r, c)) {
			rc = emit_chunk(T, c, n->t0, n->t1);
			drop_rest(T, r);
			return rc;
		}
	} else if (count_in(T, r, "NP") == 1) {
		int e = sub_end(T, r), i, nested = 0;

		for (i = r + 1; i < e; i++)
			if (T->n[i].nec)
				nested = 1;
		if (!nested) {
			add_words(T, c, r, 0);
			return emit_chunk(T, c, n->t0, n->t1);
		}
	}
	/* complex NP: its parts become chunks of their own */
	for (child = n->first; child >= 0; child = T->n[child].next)
		if (walk(T, child))
			return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Comma clauses (PETRARCH check_commas)                                */
/* ------------------------------------------------------------------ */

static int live(const struct tree *T, int t)
{
	return !(T->s->toks[t].flags & DY_TOK_SKIP) && !T->dropped[t];
}

static int is_comma(const struct tree *T, int t)
{
	return T->s->toks[t].pos == DY_POS_COMMA && !T->in_ne[t] && live(T, t);
}

static int count_words(const struct tree *T, int lo, int hi)
{
	int k = 0, t;

	for (t = lo; t < hi; t++)
		if (live(T, t) && dy_isalpha((unsigned char)
					     T->s->toks[t].form[0]))
			k++;
	return k;
}

static void del(struct tree *T, int lo, int hi)
{
	int t;

	for (t = lo; t < hi; t++)
		T->s->toks[t].flags |= DY_TOK_SKIP;
}

static int next_comma(const struct tree *T, int from)
{
	int t;

	for (t = from; t < T->ntok; t++)
		if (is_comma(T, t))
			return t;
	return -1;
}

static int prev_comma(const struct tree *T, int before)
{
	int t;

	for (t = before - 1; t >= 0; t--)
		if (is_comma(T, t))
			return t;
	return -1;
}

static int find_end(const struct tree *T)
{
	int t = T->ntok - 1;

	while (t > 0 && !live(T, t))
		t--;
	return t;
}

static void commas(struct tree *T)
{
	const struct dy_options *o = T->opt;
	int c, k, a, b, kend;

	if (next_comma(T, 0) < 0)
		return;
	if (o->comma_bmax) {
		c = next_comma(T, 0);
		k = count_words(T, 0, c);
		if (k >= o->comma_bmin && k <= o->comma_bmax)
			del(T, 0, c);
	}
	if (o->comma_emax) {
		kend = find_end(T);
		c = prev_comma(T, kend);
		if (c >= 0) {
			k = count_words(T, c, T->ntok);
			if (k >= o->comma_emin && k <= o->comma_emax)
				del(T, c + 1, kend);
		}
	}
	if (o->comma_max) {
		a = next_comma(T, 0);
		while (a >= 0 && (b = next_comma(T, a + 1)) >= 0) {
			k = count_words(T, a + 1, b);
			if (k >= o->comma_min && k <= o->comma_max)
				del(T, a, b);
			a = b;
		}
	}
	/* dangling commas at either end */
	c = next_comma(T, 0);
	if (c >= 0 && count_words(T, 0, c) == 0)
		del(T, c, c + 1);
	kend = find_end(T);
	c = prev_comma(T, kend);
	if (c >= 0 && count_words(T, c + 1, kend) == 0)
		del(T, c, c + 1);
}

/* ------------------------------------------------------------------ */
/* Clauses                                                             */
/* ------------------------------------------------------------------ */

static int tok_is(const struct tree *T, int t, const char *w)
{
	return t >= 0 && t < T->ntok && !strcmp(T->s->toks[t].form, w);
}

/* PETRARCH check_passive: a VBN later in the VP, "BY" after it, and a
 * form of "be" before it.  Returns the VBN token or -1. */
static int passive_verb(const struct tree *T, int vp)
{
	int e = sub_end(T, vp), i, vbn = -1, t, by = 0;

	for (i = T->n[vp].first; i >= 0 && i < e; i++) {
		if (i == T->n[vp].first)
			continue;
		if (is(&T->n[i], "VBN") && T->n[i].tok >= 0) {
			vbn = T->n[i].tok;
			break;
		}
	}
	if (vbn < 0)
		return -1;
	for (t = vbn + 1; t < T->n[vp].t1; t++)
		if (tok_is(T, t, "BY"))
			by = 1;
	if (!by)
		return -1;
	for (t = vbn - 1; t >= T->n[vp].t0; t--) {
		const char *f = T->s->toks[t].form;

		if (dy_pos_is_verb(T->s->toks[t].pos) &&
		    (!strcmp(f, "WAS") || !strcmp(f, "IS") ||
		     !strcmp(f, "BEEN") || !strcmp(f, "WERE") ||
		     !strcmp(f, "ARE") || !strcmp(f, "BE") ||
		     !strcmp(f, "BEING")))
			return vbn;
	}
	return -1;
}

static int np_of_token(const struct dy_sent *s, int t)
{
	int i, best = -1;

	for (i = 0; i < s->nnp; i++) {
		const struct dy_np *np = &s->nps[i];

		if (t < np->first || t >= np->last)
			continue;
		/* prefer the umbrella of a compound */
		if (np->flags & DY_NP_COORD)
			return i;
		if (np->parent < 0 && best < 0)
			best = i;
	}
	return best;
}

static int clause_of_node(const struct tree *T, const int *vp_clause, int r)
{
	int a;

	for (a = T->n[r].parent; a >= 0; a = T->n[a].parent)
		if (vp_clause[a] >= 0)
			return vp_clause[a];
	return -1;
}

static void roles(struct tree *T, int vp, struct dy_clause *cl)
{
	struct dy_sent *s = T->s;
	int c, t, p;

	/* subject: the NP before the VP in its S (walking up through VPs
	 * so "X will [VP attack ...]" finds X) */
	for (p = vp; p >= 0; p = T->n[p].parent) {
		int par = T->n[p].parent;

		if (par < 0)
			break;
		if (starts(&T->n[par], "S")) {
			for (c = T->n[par].first; c >= 0 && c != p;
			     c = T->n[c].next)
				if (is(&T->n[c], "NP") || T->n[c].nec)
					cl->subj = (int16_t)np_of_token(s,
						T->n[c].t0);
			break;
		}
		if (!starts(&T->n[par], "VP"))
			break;
	}
	/* objects and PPs among the VP's children */
	for (c = T->n[vp].first; c >= 0; c = T->n[c].next) {
		if (T->n[c].t0 <= cl->verb)
			continue;
		if ((is(&T->n[c], "NP") || T->n[c].nec) && cl->obj < 0)
			cl->obj = (int16_t)np_of_token(s, T->n[c].t0);
		else if ((is(&T->n[c], "NP") || T->n[c].nec) && cl->obj2 < 0)
			cl->obj2 = (int16_t)np_of_token(s, T->n[c].t0);
		else if (is(&T->n[c], "PRT") && T->n[c].first >= 0)
			cl->particle = T->n[T->n[c].first].tok;
		else if (is(&T->n[c], "PP")) {
			struct dy_pp pp;
			int k, obj = -1, prep = -1, i, e = sub_end(T, c);

			for (i = c + 1; i < e; i++) {
				if (prep < 0 && T->n[i].tok >= 0 &&
				    (is(&T->n[i], "IN") || is(&T->n[i], "TO")))
					prep = T->n[i].tok;
				if (obj < 0 && (is(&T->n[i], "NP") ||
						T->n[i].nec))
					obj = np_of_token(s, T->n[i].t0);
			}
			if (prep < 0)
				continue;
			pp.prep = (uint16_t)prep;
			pp.np = (int16_t)obj;
			pp.clause = -1;
			pp.np_head = -1;
			k = dy_sent_add_pp(T->a, s, &pp);
			if (k < 0)
				return;
			if (cl->pp_count == 0)
				cl->pp_first = (uint16_t)k;
			cl->pp_count++;
			if (obj >= 0) {
				s->nps[obj].flags |= DY_NP_IN_PP;
				s->nps[obj].pp = (int16_t)k;
				if (cl->passive && prep >= 0 &&
				    !strcmp(s->toks[prep].form, "BY") &&
				    cl->agent < 0)
					cl->agent = (int16_t)obj;
			}
		}
	}
	/* negation and auxiliaries in the upper part of the VP chain */
	for (t = cl->verb - 1; t >= 0 && t >= (int)cl->up_first; t--) {
		const struct dy_tok *k = &s->toks[t];

		if (k->flags & DY_TOK_NEG)
			cl->neg = 1;
		if (k->pos == DY_POS_MD) {
			if (!strcmp(k->form, "WILL") || !strcmp(k->form, "SHALL")
			    || !strcmp(k->form, "'LL"))
				cl->aux |= DY_AUX_WILL;
			else if (!strcmp(k->form, "WOULD") ||
				 !strcmp(k->form, "SHOULD") ||
				 !strcmp(k->form, "'D"))
				cl->aux |= DY_AUX_WOULD;
			else
				cl->aux |= DY_AUX_MODAL;
		}
		if (k->pos == DY_POS_TO && t == cl->verb - 1)
			cl->aux |= DY_AUX_TO;
		if (!dy_pos_is_verb(k->pos) && k->pos != DY_POS_MD &&
		    k->pos != DY_POS_RB && k->pos != DY_POS_TO)
			break;
	}
	for (t = cl->verb + 1; t < cl->vp_last && t < cl->verb + 3; t++)
		if (s->toks[t].flags & DY_TOK_NEG)
			cl->neg = cl->neg || t == cl->verb + 1;
}

static const char *const adverbial[] = { "IF", "UNLESS", "BECAUSE",
	"AFTER", "BEFORE", "WHEN", "WHILE", "ALTHOUGH", "THOUGH", "SINCE",
	"UNTIL", "AS", "ONCE", "WHEREAS", NULL };

static int word_in(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(w, *list))
			return 1;
	return 0;
}

/* How the clause of VP node vp relates to the clause above it:
 *   (SBAR (IN if|because|...) S)     adverbial
 *   (SBAR [that] S)                  complement ("said that ...")
 *   (S (VP to ...)) without subject  open complement ("agreed to ...")
 *   (S NP VP) under a VP             complement ("said he would ...")
 *   SBAR or VP inside an NP          relative / participial modifier
 *   (VP (VP ..) (CC and) (VP ..))    coordination */
static int relation(const struct tree *T, int vp, const int *vp_clause)
{
	int a, prev = vp;

	for (a = T->n[vp].parent; a >= 0; prev = a, a = T->n[a].parent) {
		const struct node *n = &T->n[a];

		if (starts(n, "SBAR")) {
			int c = n->first;

			if (c >= 0 && is(&T->n[c], "IN") && T->n[c].tok >= 0 &&
			    word_in(T->s->toks[T->n[c].tok].form, adverbial))
				return DY_REL_ADVCL;
			if (n->parent >= 0 && is(&T->n[n->parent], "NP"))
				return DY_REL_RELCL;
			return DY_REL_CCOMP;
		}
		if (is(n, "S") || is(n, "SQ") || is(n, "SINV")) {
			int c, subj = 0;

			if (n->parent >= 0 && starts(&T->n[n->parent], "SBAR"))
				continue;
			for (c = n->first; c >= 0 && c != prev; c = T->n[c].next)
				if (is(&T->n[c], "NP") || T->n[c].nec)
					subj = 1;
			return subj ? DY_REL_CCOMP : DY_REL_XCOMP;
		}
		if (is(n, "NP"))
			return DY_REL_PARTMOD;
		/* an auxiliary's VP ("has [received]") or coordinated VPs
		 * share the subject; VPs without a verb of their own (modal
		 * chains) are passed through */
		if (is(n, "VP") && vp_clause[a] >= 0)
			return DY_REL_CONJ;
	}
	return DY_REL_CONJ;
}

static int clauses(struct tree *T)
{
	struct dy_sent *s = T->s;
	int *vp_clause, i;

	vp_clause = dy_arena_alloc(T->a, (size_t)T->nn * sizeof *vp_clause);
	if (!vp_clause)
		return DY_ENOMEM;
	for (i = 0; i < T->nn; i++)
		vp_clause[i] = -1;
	for (i = 0; i < T->nn; i++) {
		struct dy_clause cl;
		int first = T->n[i].first, verb, pv, c, k;

		if (!is(&T->n[i], "VP") || first < 0 ||
		    !starts(&T->n[first], "VB") || T->n[first].tok < 0)
			continue;
		verb = T->n[first].tok;
		pv = passive_verb(T, i);
		dy_clause_init(&cl, (uint16_t)(pv >= 0 ? pv : verb));
		cl.passive = pv >= 0;
		cl.first = T->n[i].t0;
		cl.last = T->n[i].t1;
		cl.vp_last = T->n[i].t1;
		c = prev_comma(T, cl.verb);
		cl.up_first = (uint16_t)(c >= 0 ? c + 1 : 0);
		cl.parent = (int16_t)clause_of_node(T, vp_clause, i);
		if (cl.parent >= 0)
			cl.rel = (uint8_t)relation(T, i, vp_clause);
		roles(T, i, &cl);
		k = dy_sent_add_clause(T->a, s, &cl);
		if (k < 0)
			return DY_ENOMEM;
		vp_clause[i] = k;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */
/* ------------------------------------------------------------------ */

int dy_tree_parse(struct dy_arena *a, struct dy_sent *s, const char *text,
		  const struct dy_options *opt, const char **err)
{
	struct tree T;
	int rc, i;

	memset(&T, 0, sizeof T);
	T.a = a;
	T.s = s;
	T.opt = opt;
	T.n = dy_arena_alloc(a, MAX_NODES * sizeof *T.n);
	T.words = dy_arena_alloc(a, DY_MAX_SENTENCE_TOKENS * sizeof *T.words);
	if (!T.n || !T.words)
		return DY_ENOMEM;
	if (read_tree(&T, s->parse, s->parse + s->parse_len)) {
		*err = T.err;
		return T.ntok >= DY_MAX_SENTENCE_TOKENS ? DY_ELIMIT : DY_EPARSE;
	}
	spans(&T);
	rc = make_tokens(&T, text, s->off, s->len);
	if (rc)
		return rc;
	T.in_ne = dy_arena_zalloc(a, (size_t)T.ntok);
	T.dropped = dy_arena_zalloc(a, (size_t)T.ntok);
	if (!T.in_ne || !T.dropped)
		return DY_ENOMEM;
	mark_compounds(&T);
	if (walk(&T, 0))
		return DY_ENOMEM;
	for (i = 0; i < T.ntok; i++)
		if (T.dropped[i])
			s->toks[i].flags |= DY_TOK_SKIP;
	commas(&T);
	/* chunks whose words were all removed are gone */
	for (i = 0; i < s->nnp; i++) {
		struct dy_np *np = &s->nps[i];
		int k, alive = 0;

		if (np->flags & DY_NP_COORD)
			continue;
		for (k = 0; k < (np->words ? np->nwords : np->last - np->first);
		     k++) {
			uint16_t t = np->words ? np->words[k]
					       : (uint16_t)(np->first + k);

			if (!(s->toks[t].flags & DY_TOK_SKIP))
				alive = 1;
		}
		if (!alive)
			np->flags |= DY_NP_DELETED;
	}
	rc = clauses(&T);
	if (rc)
		return rc;
	s->frontend = DY_FE_TREEBANK;
	return a->oom ? DY_ENOMEM : 0;
}
