/*
 * match.c: verb-pattern matching -- clauses in, events out.
 *
 * For each clause whose verb is in the verb dictionary the coder builds
 * two sequences from the sentence form (sent.h):
 *
 *   upper  the words before the verb back to up_first, nearest first;
 *   lower  the words of the verb phrase after the verb, in order;
 *
 * with noun-phrase chunks bracketed by markers (a compound's conjuncts
 * bracketed inside its umbrella).  A pattern matches when its upper part
 * matches the upper sequence and its lower part the lower sequence, with
 * PETRARCH's rules: elements match in order; an element joined by a space
 * may skip sequence words, one joined by '_' may not; chunk markers are
 * transparent; $ + % mark where the source, target or a compound actor
 * is, ^ skips the rest of a chunk; a synset matches any of its members.
 * The most specific pattern of the verb's block(s) that matches gives the
 * code; otherwise the verb's own code, if it has one.
 *
 * Source and target, where no marker set them, follow PETRARCH: the
 * source is the first compound or coded chunk of the upper sequence (in
 * text order), else the first uncoded one; the target the first coded
 * chunk of the lower sequence whose code differs from the source's, then
 * an uncoded one, then the same search in the upper sequence from the
 * verb outwards.  Passive clauses swap source and target; a symmetric
 * code ("[190:190]") codes both directions; compounds code every pair.
 * A clause that codes consumes the clauses nested in its verb phrase.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "coref.h"
#include "ctx.h"
#include "dict.h"
#include "match.h"
#include "story.h"
#include "base/str.h"

#define MAX_SEQ 1024

enum { SEL_WORD, SEL_OPEN, SEL_CLOSE };

struct sel {
	uint8_t kind;      /* SEL_* */
	int16_t np;        /* chunk opened/closed, or the chunk of a word */
	const char *form;  /* word form: the dictionary's copy or NULL */
	const char *lemma; /* word lemma: likewise */
	uint8_t verb;      /* a verb outside any chunk ("to [ease]
			      tensions") */
};

struct seqs {
	struct sel up[MAX_SEQ], low[MAX_SEQ];
	int nup, nlow;
};

struct loc {
	int16_t np;       /* chunk (umbrella for compounds), -1 unset */
	int8_t upper;     /* found in the upper sequence */
	const char *code; /* an actor the text implies but does not name
			     (np -1): "a curfew was imposed" -> KAZGOV */
};

/* ------------------------------------------------------------------ */
/* Sequences                                                           */
/* ------------------------------------------------------------------ */

/* top-level chunk covering token t, or -1 */
static int top_chunk(const struct dy_sent *s, int t)
{
	int i;

	for (i = 0; i < s->nnp; i++) {
		const struct dy_np *np = &s->nps[i];

		if (np->parent >= 0 || (np->flags & DY_NP_DELETED))
			continue;
		if (t >= np->first && t < np->last)
			return i;
	}
	return -1;
}

static int push(struct sel *q, int *n, int kind, int np, const char *form,
		const char *lemma)
{
	if (*n >= MAX_SEQ)
		return -1;
	q[*n].kind = (uint8_t)kind;
	q[*n].np = (int16_t)np;
	q[*n].form = form;
	q[*n].lemma = lemma;
	q[*n].verb = 0;
	(*n)++;
	return 0;
}

static void push_words(const struct dy_sent *s, int np, struct sel *q,
		       int *n)
{
	const struct dy_np *c = &s->nps[np];
	int k, m = c->words ? c->nwords : c->last - c->first;

	for (k = 0; k < m; k++) {
		uint16_t t = c->words ? c->words[k] : (uint16_t)(c->first + k);
		const struct dy_tok *tok = &s->toks[t];

		if (tok->pos == DY_POS_POS || (tok->flags & DY_TOK_SKIP))
			continue;
		push(q, n, SEL_WORD, np, tok->dform, tok->dlemma);
	}
}

static void push_chunk(const struct dy_sent *s, int np, struct sel *q,
		       int *n)
{
	int i;

	push(q, n, SEL_OPEN, np, NULL, NULL);
	if (s->nps[np].flags & DY_NP_COORD) {
		for (i = 0; i < s->nnp; i++)
			if (s->nps[i].parent == np &&
			    !(s->nps[i].flags & DY_NP_DELETED)) {
				push(q, n, SEL_OPEN, i, NULL, NULL);
				push_words(s, i, q, n);
				push(q, n, SEL_CLOSE, i, NULL, NULL);
			}
	} else {
		push_words(s, np, q, n);
	}
	push(q, n, SEL_CLOSE, np, NULL, NULL);
}

/* Append tokens [lo, hi) in text order to q, leaving out [xlo, xhi). */
static void append(const struct dy_sent *s, int lo, int hi, int xlo,
		   int xhi, struct sel *q, int *n)
{
	int t = lo;

	while (t < hi) {
		if (t >= xlo && t < xhi) {
			t = xhi;
			continue;
		}
		int c = top_chunk(s, t);

		if (c >= 0) {
			/* a chunk straddling the boundary counts whole only
			 * when it starts inside */
			if (s->nps[c].first >= lo)
				push_chunk(s, c, q, n);
			t = s->nps[c].last > t ? s->nps[c].last : t + 1;
			continue;
		}
		if (!(s->toks[t].flags & DY_TOK_SKIP) &&
		    s->toks[t].pos != DY_POS_POS)
			if (push(q, n, SEL_WORD, -1, s->toks[t].dform,
				 s->toks[t].dlemma) == 0)
				q[*n - 1].verb = (uint8_t)dy_pos_is_verb(
					s->toks[t].pos);
		t++;
	}
}

/* Tokens [lo, hi) in text order into q. */
static void build(const struct dy_sent *s, int lo, int hi, struct sel *q,
		  int *n)
{
	*n = 0;
	append(s, lo, hi, -1, -1, q, n);
}

static void reverse(struct sel *q, int n)
{
	int i;

	for (i = 0; i < n / 2; i++) {
		struct sel x = q[i];

		q[i] = q[n - 1 - i];
		q[n - 1 - i] = x;
	}
	/* markers swap roles: going backwards a chunk starts at CLOSE */
	for (i = 0; i < n; i++)
		if (q[i].kind != SEL_WORD)
			q[i].kind = q[i].kind == SEL_OPEN ? SEL_CLOSE
							  : SEL_OPEN;
}

/* ------------------------------------------------------------------ */
/* Pattern matching                                                    */
/* ------------------------------------------------------------------ */

struct mstate {
	const struct dy_sent *s;
	const struct sel *q;
	int n;
	int lemma;          /* pattern words may match lemmas */
	int max_gap;        /* words a space may skip in a row */
	struct loc src, tgt, cmp;
	int depth;          /* chunk nesting at the current position */
	int16_t cur[8];     /* open chunks, innermost last */
};

static int word_eq(const struct mstate *m, const char *w, const struct sel *e)
{
	/* dictionary words are interned: equal words are equal pointers */
	return e->kind == SEL_WORD &&
	       (w == e->form || (m->lemma && w == e->lemma));
}

static int syn_match(const struct mstate *m, const struct dy_synset *syn,
		     int ks, int dir, int *used, int depth);

/* Match member elements (text order) at sequence position ks, going in
 * direction dir (+1 lower, -1 upper: the phrase is read backwards). */
static int member_match(const struct mstate *m, const struct dy_synmember *mem,
			int ks, int dir, int *used, int depth)
{
	int k, pos = ks, i;

	for (k = 0; k < mem->nels; k++) {
		const struct dy_pel *e = &mem->els[dir > 0 ? k : mem->nels - 1 - k];
		int u = 1;

		/* chunk markers inside a member are transparent: "a state
		 * of emergency" is chunked [a state] of [emergency] */
		while (k > 0 && pos < m->n && m->q[pos].kind != SEL_WORD)
			pos++;
		if (pos < 0 || pos >= m->n)
			return 0;
		if (e->kind == DY_PEL_WORD) {
			if (!word_eq(m, e->word, &m->q[pos]))
				return 0;
		} else if (e->kind == DY_PEL_SYN) {
			if (!syn_match(m, e->syn, pos, dir, &u, depth + 1))
				return 0;
		} else {
			return 0;
		}
		for (i = 0; i < u; i++)
			pos++;
	}
	*used = pos - ks;
	return 1;
}

static int syn_match(const struct mstate *m, const struct dy_synset *syn,
		     int ks, int dir, int *used, int depth)
{
	uint32_t i;
	int best = 0, u;

	const struct sel *x;
	int32_t k;

	if (depth > 8 || !syn || ks >= m->n || !syn->next)
		return 0;
	x = &m->q[ks];
	if (x->kind != SEL_WORD)
		return 0;
	/* the longest member wins, so "AUSTRIAN GOLD FLORIN" beats
	 * "AUSTRIAN" when both are members.  Only members that can start
	 * here are tried: reading backwards (upper) that is the last word
	 * of a member, so there all members are tried. */
	if (dir > 0) {
		int pass;

		for (pass = 0; pass < 3; pass++) {
			const char *w = pass == 0 ? x->form
					: pass == 1 ? x->lemma : NULL;

			if (pass < 2 && (!w || (pass == 1 && (!m->lemma ||
							     w == x->form))))
				continue;
			k = pass < 2 ? (int32_t)(intptr_t)dy_hash_get(
				&syn->first, w, strlen(w)) - 1 : syn->nested;
			for (; k >= 0; k = syn->next[k])
				if (member_match(m, &syn->members[k], ks, dir,
						 &u, depth) && u > best)
					best = u;
		}
	} else {
		for (i = 0; i < syn->nmembers; i++)
			if (member_match(m, &syn->members[i], ks, dir, &u,
					 depth) && u > best)
				best = u;
	}
	(void)k;
	*used = best;
	return best > 0;
}

static void enter(struct mstate *m, const struct sel *e)
{
	if (e->kind == SEL_OPEN) {
		if (m->depth < 8)
			m->cur[m->depth] = e->np;
		m->depth++;
	} else if (m->depth > 0) {
		m->depth--;
	}
}

/* The chunk a marker inside it refers to: the umbrella when the
 * position is inside a compound (so $/+ take the whole compound), else
 * the innermost chunk. */
static int16_t here(const struct mstate *m)
{
	if (m->depth <= 0)
		return -1;
	return m->cur[0];
}

/* Match pattern elements p against the sequence from its start.  A
 * space may skip words: any number in PETRARCH's patterns, at most
 * max_gap in dyad's, and never the verb of another clause there ("sought
 * to [ease] tensions" is no "seek TO + (appeal to someone)"). */
static int pattern_match(struct mstate *m, const struct dy_pel *p, int np,
			 int upper)
{
	int dir = upper ? -1 : 1;
	int kp = 0, ks = 0, gap = 0;

	m->depth = 0;
	if (np == 0)
		return 1;
	if (m->n == 0)
		return 0;
	while (kp < np) {
		const struct dy_pel *e = &p[kp];
		const struct sel *x;

		if (ks >= m->n)
			return 0;
		x = &m->q[ks];
		if (x->kind != SEL_WORD) {
			enter(m, x);
			ks++;
			continue;
		}
		if (e->kind >= DY_PEL_SOURCE) {
			if (m->depth > 0) {
				struct loc l;

				l.np = here(m);
				l.upper = (int8_t)upper;
				if (e->kind == DY_PEL_SOURCE)
					m->src = l;
				else if (e->kind == DY_PEL_TARGET)
					m->tgt = l;
				else if (e->kind == DY_PEL_COMPOUND)
					m->cmp = l;
				else {
					/* ^ : skip to the end of the chunk */
					while (ks < m->n && m->depth > 0) {
						if (m->q[ks].kind != SEL_WORD)
							enter(m, &m->q[ks]);
						ks++;
					}
					ks--;
				}
				kp++;
				gap = 0;
				if (kp >= np)
					return 1;
				ks++;
				continue;
			}
			if (!e->open || ++gap > m->max_gap ||
			    (m->lemma && x->verb))
				return 0;
			ks++;
			continue;
		}
		if (e->kind == DY_PEL_SYN) {
			int used;

			if (syn_match(m, e->syn, ks, dir, &used, 0)) {
				int i;

				for (i = 0; i < used; i++)
					if (m->q[ks + i].kind != SEL_WORD)
						enter(m, &m->q[ks + i]);
				kp++;
				gap = 0;
				if (kp >= np)
					return 1;
				ks += used;
				continue;
			}
			if (!e->open || ++gap > m->max_gap ||
			    (m->lemma && x->verb))
				return 0;
			ks++;
			continue;
		}
		if (!word_eq(m, e->word, x)) {
			if (!e->open || ++gap > m->max_gap ||
			    (m->lemma && x->verb))
				return 0;
			ks++;
			continue;
		}
		kp++;
		gap = 0;
		if (kp >= np)
			return 1;
		ks++;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* Source and target                                                   */
/* ------------------------------------------------------------------ */

static const char *chunk_code(const struct dy_sent *s, int np)
{
	return np >= 0 ? s->nps[np].code : NULL;
}

static int is_coded(const struct dy_sent *s, int np)
{
	const char *c = chunk_code(s, np);

	return c && strcmp(c, "---");
}

/* "Wednesday", "last year", "the night": a time, not an actor */
static int temporal(const struct dy_sent *s, int np)
{
	static const char *const words[] = { "MONDAY", "TUESDAY",
		"WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
		"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
		"AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER",
		"TODAY", "TONIGHT", "YESTERDAY", "TOMORROW", "MORNING",
		"AFTERNOON", "EVENING", "NIGHT", "DAY", "DAYS", "WEEK", "WEEKS",
		"MONTH", "MONTHS", "YEAR", "YEARS", "WEEKEND", "HOUR", "HOURS",
		"TIME", "LATER", "EARLIER", "DECADE", "CENTURY", NULL };
	const struct dy_np *c = &s->nps[np];
	int k, n = c->words ? c->nwords : c->last - c->first;

	if (c->flags & DY_NP_COORD)
		return 0;
	for (k = 0; k < n; k++) {
		uint16_t t = c->words ? c->words[k] : (uint16_t)(c->first + k);
		const char *f = s->toks[t].form;
		const char *const *w;
		int hit = 0;

		for (w = words; *w && !hit; w++)
			hit = **w == *f && !strcmp(f, *w);
		if (hit || s->toks[t].pos == DY_POS_CD ||
		    s->toks[t].pos == DY_POS_DT || s->toks[t].pos == DY_POS_JJ)
			continue;
		return 0;
	}
	return 1;
}

/* chunks (umbrellas or simple) in sequence order; times are skipped
 * when s is given */
static int chunks_of(const struct dy_sent *s_of_chunks, const struct sel *q,
		     int n, int16_t *out, int max)
{
	int i, k = 0, depth = 0;

	for (i = 0; i < n; i++) {
		if (q[i].kind == SEL_WORD)
			continue;
		/* in the upper (reversed) sequence a chunk starts with what
		 * was its CLOSE, already swapped to OPEN by reverse() */
		if (q[i].kind == SEL_OPEN) {
			if (depth == 0 && k < max && q[i].np >= 0 &&
			    !(s_of_chunks && temporal(s_of_chunks, q[i].np)))
				out[k++] = q[i].np;
			depth++;
		} else if (depth > 0) {
			depth--;
		}
	}
	return k;
}

static int coded_or_compound(const struct dy_sent *s, int np)
{
	if (s->nps[np].flags & DY_NP_COORD)
		return 1;
	return is_coded(s, np);
}

static void find_source(const struct dy_sent *s, const struct seqs *q,
			struct loc *src, int skip_times)
{
	const struct dy_sent *cs = skip_times ? s : NULL;
	int16_t c[256];
	int n = chunks_of(cs, q->up, q->nup, c, 256), i;

	/* text order = the upper sequence read backwards */
	for (i = n - 1; i >= 0; i--)
		if (coded_or_compound(s, c[i])) {
			src->np = c[i];
			src->upper = 1;
			return;
		}
	if (n > 0) {
		src->np = c[n - 1];
		src->upper = 1;
	}
}

static void find_target(const struct dy_sent *s, const struct seqs *q,
			const struct loc *src, struct loc *tgt, int skip_times,
			int lower_only)
{
	const struct dy_sent *cs = skip_times ? s : NULL;
	int16_t c[256];
	int n, i;
	const char *sc = NULL;

	if (src->np >= 0 && !(s->nps[src->np].flags & DY_NP_COORD))
		sc = chunk_code(s, src->np);
	n = chunks_of(cs, q->low, q->nlow, c, 256);
	for (i = 0; i < n; i++)
		if (coded_or_compound(s, c[i]) &&
		    (!sc || (s->nps[c[i]].flags & DY_NP_COORD) ||
		     strcmp(sc, s->nps[c[i]].code))) {
			tgt->np = c[i];
			tgt->upper = 0;
			return;
		}
	for (i = 0; i < n; i++)
		if (!coded_or_compound(s, c[i])) {
			tgt->np = c[i];
			tgt->upper = 0;
			return;
		}
	/* a clause inside another ("... and will resign") finds the other
	 * clause's words before its verb: no target of its own there */
	if (lower_only)
		return;
	n = chunks_of(cs, q->up, q->nup, c, 256);
	for (i = 0; i < n; i++)
		if (coded_or_compound(s, c[i]) && c[i] != src->np &&
		    (!sc || (s->nps[c[i]].flags & DY_NP_COORD) ||
		     strcmp(sc, s->nps[c[i]].code))) {
			tgt->np = c[i];
			tgt->upper = 1;
			return;
		}
	for (i = 0; i < n; i++)
		if (!coded_or_compound(s, c[i]) && c[i] != src->np) {
			tgt->np = c[i];
			tgt->upper = 1;
			return;
		}
}

/* coded, or a compound with a coded member ("grain and flour" is
 * none) */
static int coded_member(const struct dy_sent *s, int np)
{
	int i;

	if (!(s->nps[np].flags & DY_NP_COORD))
		return is_coded(s, np);
	for (i = 0; i < s->nnp; i++)
		if (s->nps[i].parent == np &&
		    !(s->nps[i].flags & DY_NP_DELETED) && is_coded(s, i))
			return 1;
	return 0;
}

/* The pattern's target is a thing ("lift embargoes on [sales] to Iran",
 * "continue [military aid] to Mozambique"): outside PETRARCH mode an
 * actor later in the clause is the target instead. */
static void actor_target(const struct dy_sent *s, const struct seqs *q,
			 const struct loc *src, struct loc *tgt)
{
	int16_t c[256];
	const char *sc = NULL;
	int n, i;

	if (tgt->code || (tgt->np >= 0 && coded_member(s, tgt->np)))
		return;
	if (src->np >= 0 && !(s->nps[src->np].flags & DY_NP_COORD))
		sc = chunk_code(s, src->np);
	n = chunks_of(s, q->low, q->nlow, c, 256);
	for (i = 0; i < n; i++)
		if (c[i] != src->np && coded_member(s, c[i]) &&
		    (!sc || (s->nps[c[i]].flags & DY_NP_COORD) ||
		     strcmp(sc, s->nps[c[i]].code))) {
			tgt->np = c[i];
			tgt->upper = 0;
			return;
		}
}

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

struct actor_list {
	const char *code[32];
	int16_t np[32];
	int n;
};

static void add_code(struct dy_arena *a, struct actor_list *l,
		     const char *code, int np, const struct dy_options *o,
		     const struct dy_sent *s)
{
	char quoted[256];

	if (!code && o->new_actor_length > 0 && np >= 0) {
		/* an unknown NP quoted as a new actor, up to the length */
		const struct dy_np *c = &s->nps[np];
		int k, m = c->words ? c->nwords : c->last - c->first, nw = 0;
		size_t len = 1;

		quoted[0] = '"';
		for (k = 0; k < m; k++) {
			uint16_t t = c->words ? c->words[k]
					      : (uint16_t)(c->first + k);
			const char *f = s->toks[t].form;

			if (s->toks[t].pos == DY_POS_POS)
				continue;
			if (len + strlen(f) + 3 >= sizeof quoted)
				break;
			if (nw++)
				quoted[len++] = ' ';
			memcpy(quoted + len, f, strlen(f));
			len += strlen(f);
		}
		quoted[len++] = '"';
		quoted[len] = '\0';
		if (nw > 0 && nw <= o->new_actor_length)
			code = dy_arena_strdup(a, quoted);
	}
	if (!code)
		code = "---";
	/* "FRO/BIL/SAM": a coded compound */
	while (code && l->n < 32) {
		const char *sl = strchr(code, '/');

		if (!sl) {
			l->code[l->n] = code;
			l->np[l->n++] = (int16_t)np;
			break;
		}
		l->code[l->n] = dy_arena_strndup(a, code, (size_t)(sl - code));
		l->np[l->n++] = (int16_t)np;
		code = sl + 1;
	}
}

static void codes_of(struct dy_arena *a, const struct dy_sent *s, int np,
		     const struct dy_options *o, struct actor_list *l)
{
	int i;

	l->n = 0;
	if (np < 0)
		return;
	if (s->nps[np].flags & DY_NP_COORD) {
		int coded = 0;

		/* "the lions and Gondor": only the coded conjuncts act */
		for (i = 0; i < s->nnp; i++)
			if (s->nps[i].parent == np &&
			    !(s->nps[i].flags & DY_NP_DELETED) &&
			    is_coded(s, i))
				coded = 1;
		for (i = 0; i < s->nnp; i++)
			if (s->nps[i].parent == np &&
			    !(s->nps[i].flags & DY_NP_DELETED) &&
			    (!coded || is_coded(s, i)))
				add_code(a, l, s->nps[i].code, i, o, s);
	} else {
		add_code(a, l, s->nps[np].code, np, o, s);
	}
}

static const char *with_place(struct dy_arena *a, const char *code,
			      const char *place)
{
	if (!place || !*place || strncmp(code, "---", 3))
		return code;
	return dy_arena_printf(a, "%s%s", place, code + 3);
}

static struct dy_span np_span(const struct dy_sent *s, int np)
{
	struct dy_span sp = { 0, 0 };
	const struct dy_np *c;
	uint32_t a, b;

	if (np < 0)
		return sp;
	c = &s->nps[np];
	a = s->toks[c->first].off;
	b = s->toks[c->last - 1].off + s->toks[c->last - 1].len;
	if (c->words && c->nwords) {
		/* a conjunct: its own words are the ones not shared with the
		 * other conjuncts; report the span of all of them */
		a = s->toks[c->words[0]].off;
		b = s->toks[c->words[c->nwords - 1]].off +
		    s->toks[c->words[c->nwords - 1]].len;
	}
	sp.off = a;
	sp.len = b > a ? b - a : 0;
	return sp;
}

static int add_event(struct dy_story *st, const struct dy_sent *s,
		     int sidx, int clause, const char *src, int snp,
		     const char *tgt, int tnp, const char *code,
		     const char *where)
{
	struct dy_event ev;
	const struct dy_clause *c = &s->clauses[clause];
	const struct dy_tok *v = &s->toks[c->verb];
	uint32_t i;

	for (i = 0; i < st->nev; i++) {
		const struct dy_event *o = &st->events[i];

		if (o->sentence == sidx && !strcmp(o->source, src) &&
		    !strcmp(o->target, tgt) && !strcmp(o->code, code))
			return 0;
	}
	memset(&ev, 0, sizeof ev);
	ev.sentence = sidx;
	ev.also_sentence = -1;
	ev.sentence_id = s->id;
	ev.source = src;
	ev.target = tgt;
	ev.code = code;
	ev.source_span = np_span(s, snp);
	ev.target_span = np_span(s, tnp);
	ev.verb_span.off = v->off;
	ev.verb_span.len = v->len;
	ev.pattern = where;
	ev._clause = clause;
	return dy_story_push_event(st, &ev) ? 0 : DY_ENOMEM;
}

/* an actor code that starts with a country ("KAZ", "KAZOPP"), not an
 * international or unknown one */
static int country_code(const char *c)
{
	static const char *const intl[] = { "IGO", "NGO", "IMG", "MNC",
		"UIS", "NGM", "---", NULL };
	const char *const *p;

	if (!c || strlen(c) < 3 || c[0] < 'A' || c[0] > 'Z' ||
	    c[1] < 'A' || c[1] > 'Z' || c[2] < 'A' || c[2] > 'Z')
		return 0;
	for (p = intl; *p; p++)
		if (!strncmp(c, *p, 3))
			return 0;
	return 1;
}

/* a news medium: an actor code with a MED or JRN role block */
static int media(const char *code)
{
	size_t n = strlen(code), k;

	for (k = 3; k + 3 <= n; k += 3)
		if (!memcmp(code + k, "MED", 3) || !memcmp(code + k, "JRN", 3))
			return 1;
	return 0;
}

static int make_events(struct dy_ctx *ctx, struct dy_story *st, int sidx,
		       int clause, struct loc src, struct loc tgt,
		       const char *code, const char *code2, const char *where,
		       int passive)
{
	const struct dy_sent *s = &st->sents[sidx];
	struct actor_list S, T;
	int i, j, rc = 0, pass, self = 0, made = 0;
	const struct dy_options *o = &ctx->opt;

	codes_of(&st->arena, s, src.np, o, &S);
	codes_of(&st->arena, s, tgt.np, o, &T);
	if (src.code) {
		S.n = 1;
		S.code[0] = src.code;
		S.np[0] = -1;
	}
	if (tgt.code) {
		T.n = 1;
		T.code[0] = tgt.code;
		T.np[0] = -1;
	}
	if (tgt.np < 0 && o->require_dyad == 2 && !o->compat) {
		/* no target in the sentence at all ("the government
		 * resigned"): a one-sided event; an NP that is there but
		 * unknown is no event (below) */
		T.n = 1;
		T.code[0] = "---";
		T.np[0] = -1;
	}
	if (S.n == 0 || T.n == 0)
		return 0;
	if (!o->compat && !strncmp(code, "14", 2) && T.n == 1 &&
	    !strcmp(T.code[0], "---") && S.n >= 1 &&
	    country_code(with_place(&st->arena, S.code[0], st->place))) {
		/* a protest that names nobody it is against is against the
		 * government of the protesters' country */
		const char *sc = with_place(&st->arena, S.code[0], st->place);

		T.code[0] = dy_arena_printf(&st->arena, "%.3sGOV", sc);
		if (!T.code[0])
			return DY_ENOMEM;
	}
	if (!o->compat && S.n >= 2) {
		/* "Israel and Lebanon renewed talks on an Israeli pullback":
		 * a compound whose "target" is one of its own members acts
		 * among itself */
		int all = 1;

		for (j = 0; j < T.n && all; j++) {
			int in_s = 0;

			for (i = 0; i < S.n; i++)
				in_s |= !strncmp(S.code[i], T.code[j], 3);
			all = in_s;
		}
		if (all)
			T = S;
	}
	if (code2 && (!strcmp(S.code[0], "---") || !strcmp(T.code[0], "---"))) {
		/* a symmetric event with one side missing: the other side
		 * is both (PETRARCH), so a compound codes among itself */
		if (!strcmp(T.code[0], "---"))
			T = S;
		else
			S = T;
	}
	for (pass = 0; pass < (code2 ? 2 : 1) && !rc; pass++) {
		struct actor_list *A = pass ? &T : &S, *B = pass ? &S : &T;
		const char *ec = pass ? code2 : code;

		for (i = 0; i < A->n && !rc; i++)
			for (j = 0; j < B->n && !rc; j++) {
				const char *a = with_place(&st->arena,
							   A->code[i], st->place);
				const char *b = with_place(&st->arena,
							   B->code[j], st->place);

				if (!strcmp(A->code[i], B->code[j])) {
					self++;
					continue;
				}
				if (!a || !b)
					return DY_ENOMEM;
				if (o->require_dyad == 1 &&
				    (!strcmp(a, "---") || !strcmp(b, "---")))
					continue;
				/* "officials told AFP": talking to the press
				 * is how news is made, not an event */
				if (!o->compat && !strncmp(ec, "01", 2) &&
				    media(passive ? a : b))
					continue;
				/* "X said": a statement with nobody it is
				 * addressed to or about is no event */
				if (o->require_dyad == 2 &&
				    (!strcmp(passive ? b : a, "---") ||
				     (!strcmp(passive ? a : b, "---") &&
				      !strncmp(ec, "01", 2))))
					continue;
				if (passive)
					rc = add_event(st, s, sidx, clause, b,
						       B->np[j], a, A->np[i],
						       ec, where);
				else
					rc = add_event(st, s, sidx, clause, a,
						       A->np[i], b, B->np[j],
						       ec, where);
				made++;
			}
	}
	/* "Ethiopia agreed to open its borders": the actor acting on
	 * itself is a one-sided event */
	if (!rc && !made && self && !code2 && !o->compat &&
	    o->require_dyad == 2 && strncmp(code, "01", 2)) {
		const struct actor_list *A = passive ? &T : &S;
		const char *a = with_place(&st->arena, A->code[0], st->place);

		if (!a)
			return DY_ENOMEM;
		if (strcmp(a, "---"))
			rc = add_event(st, s, sidx, clause, a, A->np[0], "---",
				       -1, code, where);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Clauses                                                             */
/* ------------------------------------------------------------------ */

/* Multi-word verb check: do the other words sit next to the verb?
 * Returns how many tokens they take (0 for a single-word verb) or -1. */
static int mw_fits(const struct dy_sent *s, const struct dy_clause *c,
		   const struct dy_vform *v)
{
	int k, t;

	for (k = 0; k < v->nmw; k++) {
		t = v->mw_after ? c->verb + 1 + k : c->verb - 1 - k;
		if (t < 0 || t >= s->ntok || s->toks[t].dform != v->mw[k])
			return -1;
	}
	return v->nmw;
}

/* Is the clause's action stated for the future: "will/shall ...",
 * "going to ...", or "ready/prepared/willing/plans/pledged ... to"? */
static int announced(const struct dy_sent *s, const struct dy_clause *c)
{
	static const char *const intent[] = { "READY", "PREPARED",
		"WILLING", "PLAN", "PLANS", "PLANNED", "PLANNING", "INTEND",
		"INTENDS", "INTENDED", "PLEDGE", "PLEDGES", "PLEDGED",
		"PROMISE", "PROMISES", "PROMISED", "VOW", "VOWS", "VOWED",
		"OFFER", "OFFERS", "OFFERED", "AIM", "AIMS", "READINESS",
		"INTENTION", "DETERMINED", "EXPECTED", "SCHEDULED", "DUE",
		"AGREE", "AGREES", "AGREED", "DECIDE", "DECIDES", "DECIDED",
		"COMMITTED", "THREATEN", "THREATENS", "THREATENED", "WANT",
		"WANTS", "WANTED", "SEEK", "SEEKS", "SOUGHT", "HOPE", "HOPES",
		"HOPED", "RESOLVED", "VOTED", NULL };
	int t, k;

	if (c->neg)
		return 0;
	if (c->aux & DY_AUX_WILL)
		return 1;
	/* reported future: "[they said] they would meet the mediator" */
	if ((c->aux & DY_AUX_WOULD) && c->rel == DY_REL_CCOMP) {
		for (t = c->verb - 1; t >= 0 && t >= c->verb - 4; t--)
			if (!strcmp(s->toks[t].form, "WOULD"))
				return 1;
	}
	/* the infinitive's governor: "... ready to [verb]" */
	t = c->verb - 1;
	while (t >= 0 && s->toks[t].pos == DY_POS_RB)
		t--;
	if (t < 1 || strcmp(s->toks[t].form, "TO"))
		return 0;
	for (k = t - 1; k >= 0 && k >= t - 3; k--) {
		const char *const *w;

		if (s->toks[k].pos == DY_POS_RB)
			continue;
		for (w = intent; *w; w++)
			if (!strcmp(s->toks[k].form, *w))
				return 1;
		/* "going to" */
		if (!strcmp(s->toks[k].form, "GOING") &&
		    k > 0 && dy_pos_is_verb(s->toks[k - 1].pos))
			return 1;
		break;
	}
	return 0;
}

/* The top-level chunk holding NP np (its coordination umbrella). */
static int top_of(const struct dy_sent *s, int np)
{
	while (np >= 0 && s->nps[np].parent >= 0)
		np = s->nps[np].parent;
	return np;
}

/* Source and target of a passive clause outside PETRARCH mode. */
static void passive_roles(struct dy_ctx *ctx, struct dy_story *st, int sidx,
			  const struct dy_clause *c, const struct seqs *q,
			  const char *code, struct loc *src, struct loc *tgt)
{
	const struct dy_sent *s = &st->sents[sidx];

	(void)q;
	if (src && c->agent >= 0 && coded_or_compound(s, top_of(s, c->agent))) {
		src->np = (int16_t)top_of(s, c->agent);
	} else if (src) {
		const struct dy_cameo_info *ci = dy_cameo_lookup(ctx, code);
		const char *fc = dy_coref_focus(st, sidx);

		if (ci && ci->implied && *ci->implied && fc)
			src->code = dy_arena_printf(&st->arena, "%.3s%s", fc,
						    ci->implied);
	}
	if (tgt && c->subj >= 0) {
		int sj = top_of(s, c->subj);

		/* "dozens of protesters were detained": the protesters */
		if (!coded_or_compound(s, sj)) {
			int k;

			for (k = 0; k < s->npp; k++)
				if (s->pps[k].np_head == sj &&
				    s->pps[k].np >= 0 &&
				    !strcmp(s->toks[s->pps[k].prep].form,
					    "OF") &&
				    coded_or_compound(s,
					top_of(s, s->pps[k].np))) {
					sj = top_of(s, s->pps[k].np);
					break;
				}
		}
		if (coded_or_compound(s, sj))
			tgt->np = (int16_t)sj;
	}
}

static int descends(const struct dy_sent *s, int c, int anc);

static int code_clause(struct dy_ctx *ctx, struct dy_story *st, int sidx,
		       int ci, struct seqs *q)
{
	struct dy_sent *s = &st->sents[sidx];
	const struct dy_clause *c = &s->clauses[ci];
	const struct dy_tok *vt = &s->toks[c->verb];
	const struct dy_vform *list, *v, *use = NULL, *cand;
	const struct dy_pattern *best = NULL;
	int tried_single = 0, refusal = 0;
	uint64_t have;
	uint32_t ev0 = st->nev, e;
	struct loc best_src = { -1, 0, NULL }, best_tgt = { -1, 0, NULL };
	struct loc best_cmp = { -1, 0, NULL };
	const char *code = NULL, *code2 = NULL, *where = NULL;
	int mw = 0, lo, hi, rc, rev = 0, written = 0, active;
	struct mstate m;

	if (vt->flags & DY_TOK_SKIP)
		return 0;
	list = dy_dict_verb(ctx->dict, vt->form, vt->flen);
	cand = list;
	/* a form written in a dictionary beats one generated for another
	 * verb (MET as its own verb, not as the past of MEET) */
	for (v = list; v; v = v->next)
		if (!v->generated && !v->nmw)
			written = 1;
	/* Each verb that fits is tried in turn, multi-word ones first as
	 * the dictionary lists them, until one gives a code: "agreed to
	 * re-open" is no "agree to [a demand]" when that verb's patterns
	 * all fail, but may still be "agree [to do something]". */
next_form:
	if (use)
		cand = use->next;
	use = NULL;
	for (v = cand; v; v = v->next) {
		if (written && v->generated && !v->nmw)
			continue;
		if (!v->nmw && tried_single)
			continue;
		mw = mw_fits(s, c, v);
		if (mw >= 0) {
			use = v;
			break;
		}
	}
	if (!use)
		return 0;
	if (!use->nmw)
		tried_single = 1;
	best = NULL;
	best_src.np = best_tgt.np = best_cmp.np = -1;
	best_src.code = best_tgt.code = best_cmp.code = NULL;
	code = code2 = where = NULL;
	rev = 0;
	lo = use->mw_after ? c->verb : c->verb - mw;
	hi = use->mw_after ? c->verb + 1 + mw : c->verb + 1;
	active = c->passive && !ctx->opt.compat && c->subj >= 0;
	if (active) {
		/* patterns are written for the active voice: read "X was
		 * attacked by Y" as "Y attacked X" -- the agent before the
		 * verb, the subject after it */
		const struct dy_np *S = &s->nps[top_of(s, c->subj)];
		int alo = -1, ahi = -1, send = S->last;

		/* the subject with its PPs: "a state [of emergency]" */
		while (send + 1 < c->verb &&
		       (s->toks[send].pos == DY_POS_IN ||
			s->toks[send].pos == DY_POS_TO) &&
		       top_chunk(s, send + 1) >= 0 &&
		       s->nps[top_chunk(s, send + 1)].first == send + 1)
			send = s->nps[top_chunk(s, send + 1)].last;

		q->nup = 0;
		if (c->agent >= 0) {
			const struct dy_np *A = &s->nps[top_of(s, c->agent)];

			alo = A->first > 0 && !strcmp(s->toks[A->first - 1].form,
						      "BY") ? A->first - 1
							    : A->first;
			ahi = A->last;
			append(s, A->first, A->last, -1, -1, q->up, &q->nup);
			reverse(q->up, q->nup);
		}
		q->nlow = 0;
		append(s, S->first, send, -1, -1, q->low, &q->nlow);
		append(s, hi, c->vp_last, alo, ahi, q->low, &q->nlow);
	} else if (!ctx->opt.compat && c->subj >= 0 && c->parent >= 0 &&
		   (c->rel == DY_REL_ADVCL || c->rel == DY_REL_CONJ ||
		    c->rel == DY_REL_XCOMP) &&
		   s->nps[top_of(s, c->subj)].last <= c->first) {
		/* a clause that shares its subject with the clause it hangs
		 * on ("police opened fire on protesters, killing one"):
		 * before its verb it has that subject and its own words,
		 * not the other clause's */
		const struct dy_np *S = &s->nps[top_of(s, c->subj)];

		q->nup = 0;
		append(s, S->first, S->last, -1, -1, q->up, &q->nup);
		append(s, c->first, lo, -1, -1, q->up, &q->nup);
		reverse(q->up, q->nup);
		build(s, hi, c->vp_last, q->low, &q->nlow);
	} else {
		build(s, c->up_first, lo, q->up, &q->nup);
		reverse(q->up, q->nup);
		build(s, hi, c->vp_last, q->low, &q->nlow);
	}
	memset(&m, 0, sizeof m);
	m.s = s;
	/* the words of the clause, as a signature: most patterns need a
	 * word that is not there and are passed over without matching */
	{
		int i;

		have = 0;
		for (i = 0; i < q->nup; i++)
			if (q->up[i].kind == SEL_WORD)
				have |= dy_word_bit(q->up[i].form) |
					dy_word_bit(q->up[i].lemma);
		for (i = 0; i < q->nlow; i++)
			if (q->low[i].kind == SEL_WORD)
				have |= dy_word_bit(q->low[i].form) |
					dy_word_bit(q->low[i].lemma);
	}
	/* patterns of every block the verb is in; the most specific match
	 * wins, ties to the first block */
	for (v = list; v; v = v->next) {
		uint32_t i;

		/* a multi-word verb uses its own block; a single word all the
		 * single-word entries of the form */
		if (use->nmw ? v->lemma != use->lemma : v->nmw != 0)
			continue;
		if (written && v->generated)
			continue;
		for (i = 0; i < v->block->npats; i++) {
			const struct dy_pattern *p = &v->block->pats[i];

			if (best && p->weight <= best->weight)
				break;
			if (p->need & ~have)
				continue;
			/* TABARI's "complex event" marker: not a code */
			if (p->code[0] == '+' && !strcmp(p->code, "+++"))
				continue;
			m.lemma = p->lemma;
			/* PETRARCH lets a space skip any number of words;
			 * dyad's own patterns mean "a few words" */
			m.max_gap = p->lemma ? ctx->opt.max_gap : 1 << 30;
			m.src.np = m.tgt.np = m.cmp.np = -1;
			m.q = q->up;
			m.n = q->nup;
			if (!pattern_match(&m, p->upper, p->nupper, 1))
				continue;
			m.q = q->low;
			m.n = q->nlow;
			if (!pattern_match(&m, p->lower, p->nlower, 0))
				continue;
			best = p;
			best_src = m.src;
			best_tgt = m.tgt;
			best_cmp = m.cmp;
			break;
		}
	}
	if (best) {
		code = best->code;
		code2 = best->code2;
		where = best->where;
		rev = best->reverse;
	} else {
		/* the bare verb's code: the first entry for the form that
		 * gives one (a verb listed with [---] in one block may have
		 * its code in another) */
		const struct dy_vform *bare = NULL;

		for (v = list; v && !bare; v = v->next) {
			if (use->nmw ? v->lemma != use->lemma : v->nmw != 0)
				continue;
			if (written && v->generated)
				continue;
			if (v->code && strcmp(v->code, "---"))
				bare = v;
		}
		if (bare) {
			const char *colon = strchr(bare->code, ':');

			code = bare->code;
			where = bare->where;
			if (colon) {
				code = dy_arena_strndup(&st->arena, bare->code,
					(size_t)(colon - bare->code));
				code2 = colon + 1;
			}
		}
	}
	if (!code || !strcmp(code, "---")) {
		if (use->nmw && !ctx->opt.compat)
			goto next_form;
		return 0;
	}
	if (!ctx->opt.compat && c->neg) {
		/* "Syria will not accept more refugees": declining a deed
		 * is a rejection (CAMEO 12), when the table says which */
		const struct dy_cameo_info *info = dy_cameo_lookup(ctx, code);

		if (info && info->refused && *info->refused) {
			code = info->refused;
			code2 = NULL;
			refusal = 1;
		}
	}
	if (!ctx->opt.compat && !refusal && announced(s, c)) {
		/* "will send peacekeepers", "ready to help": an intent, and
		 * one-sided even where the deed is mutual ("they would
		 * meet the mediator") */
		const struct dy_cameo_info *info = dy_cameo_lookup(ctx, code);

		if (info && info->future && *info->future) {
			code = info->future;
			code2 = NULL;
		}
	}
	if (best_cmp.np >= 0) {
		/* % : a compound; before the verb it acts among itself ("X
		 * and Y delayed their meeting": X->Y and Y->X), after the verb
		 * it is the target ("X agrees with Y and Z") */
		if (best_cmp.upper && best_src.np < 0)
			best_src = best_cmp;
		if (best_tgt.np < 0)
			best_tgt = best_cmp;
	}
	if (active && best_cmp.np < 0) {
		/* the agent acts on the subject; with no agent, the actor
		 * the code implies ("a state of emergency has been declared
		 * across the country": the government) */
		if (best_src.np < 0 || best_tgt.np < 0)
			passive_roles(ctx, st, sidx, c, q, code,
				      best_src.np < 0 ? &best_src : NULL,
				      best_tgt.np < 0 ? &best_tgt : NULL);
		if (best_src.np < 0 && !best_src.code)
			return 1;
		if (best_tgt.np < 0)
			find_target(s, q, &best_src, &best_tgt, 1,
				    c->rel != DY_REL_ROOT);
		rc = make_events(ctx, st, sidx, ci, best_src, best_tgt, code,
				 code2, where, rev);
		for (e = ev0; e < st->nev; e++)
			st->events[e]._refusal = refusal;
		return rc ? rc : 1;
	}
	if (best_src.np < 0)
		find_source(s, q, &best_src, !ctx->opt.compat);
	if (best_src.np < 0 && best_cmp.np >= 0)
		best_src = best_cmp; /* "there was fighting between %" */
	if (best_src.np < 0)
		return 1;
	if (best_tgt.np < 0)
		find_target(s, q, &best_src, &best_tgt, !ctx->opt.compat,
			    !ctx->opt.compat && c->rel != DY_REL_ROOT);
	if (!ctx->opt.compat && !c->passive)
		actor_target(s, q, &best_src, &best_tgt);
	if (!ctx->opt.compat && c->rel == DY_REL_ADVCL && c->parent >= 0 &&
	    !best_tgt.code && (best_tgt.np < 0 ||
			       !coded_member(s, best_tgt.np))) {
		/* "fired on the demonstrators, killing one person": the
		 * victims are among those the clause above acted on */
		for (e = st->nev; e-- > 0 && st->events[e].sentence == sidx;)
			if (descends(s, ci, st->events[e]._clause) &&
			    strncmp(st->events[e].target, "---", 3)) {
				best_tgt.code = st->events[e].target;
				break;
			}
	}
	if (best_tgt.np < 0 && (ctx->opt.compat || ctx->opt.require_dyad != 2))
		return 1;
	rc = make_events(ctx, st, sidx, ci, best_src, best_tgt, code, code2,
			 where, c->passive != rev);
	for (e = ev0; e < st->nev; e++)
		st->events[e]._refusal = refusal;
	return rc ? rc : 1;
}

/* A reporting clause: a statement verb with a clause under it ("X said
 * [that Y attacked Z]"). */
static int reports(const struct dy_sent *s, int ci)
{
	static const char *const verbs[] = { "SAY", "TELL", "ANNOUNCE",
		"REPORT", "STATE", "CLAIM", "CONFIRM", "ADD", "NOTE", "QUOTE",
		"DECLARE", "INSIST", "ALLEGE", "WRITE", "EXPLAIN", "STRESS",
		"ASSERT", "REVEAL", "INDICATE", "UNDERLINE", "EMPHASISE",
		"EMPHASIZE", "REITERATE", "ACKNOWLEDGE", "WARN", NULL };
	const struct dy_tok *v = &s->toks[s->clauses[ci].verb];
	const char *const *w;
	int i, found = 0;

	for (w = verbs; *w && !found; w++)
		found = (**w == *v->lemma && !strcmp(v->lemma, *w)) ||
			(**w == *v->form && !strcmp(v->form, *w));
	if (!found)
		return 0;
	for (i = 0; i < s->ncl; i++)
		if (s->clauses[i].parent == ci &&
		    s->clauses[i].rel == DY_REL_CCOMP)
			return 1;
	return 0;
}

static int descends(const struct dy_sent *s, int c, int anc)
{
	int depth = 0;

	for (c = s->clauses[c].parent; c >= 0 && depth++ < 64;
	     c = s->clauses[c].parent)
		if (c == anc)
			return 1;
	return 0;
}

static int member_word(const struct dy_synset *y, const char *w)
{
	uint32_t i;

	if (!y || !w)
		return 0;
	for (i = 0; i < y->nmembers; i++)
		if (y->members[i].nels == 1 &&
		    y->members[i].els[0].kind == DY_PEL_WORD &&
		    y->members[i].els[0].word == w)
			return 1;
	return 0;
}

/* "A did X at B's request": B -> A, asking for X (see the synsets
 * &REQUEST_NOUN_ and &REQUEST_INTRO_ in data/verbs/21-nominal.verbs). */
static int requests(struct dy_ctx *ctx, struct dy_story *st, int sidx,
		    uint32_t first_ev)
{
	const struct dy_dict *d = ctx->dict;
	struct dy_sent *s = &st->sents[sidx];
	const struct dy_synset *noun, *intro;
	uint32_t nev = st->nev, e;
	int t;

	noun = dy_hash_get(&d->synsets, "&REQUEST_NOUN", 13);
	intro = dy_hash_get(&d->synsets, "&REQUEST_INTRO", 14);
	if (!noun || !intro || first_ev == nev)
		return 0;
	for (t = 1; t < s->ntok; t++) {
		int who = -1, k, ok = 0;

		if (!member_word(noun, s->toks[t].dform))
			continue;
		/* B's request */
		if (s->toks[t - 1].pos == DY_POS_POS && t >= 2)
			who = top_chunk(s, t - 2);
		/* the request of/from/by B */
		if (who < 0 && t + 2 < s->ntok &&
		    (!strcmp(s->toks[t + 1].form, "OF") ||
		     !strcmp(s->toks[t + 1].form, "FROM") ||
		     !strcmp(s->toks[t + 1].form, "BY")))
			who = top_chunk(s, t + 2);
		for (k = t - 1; k >= 0 && k >= t - 6 && !ok; k--)
			ok = member_word(intro, s->toks[k].dform);
		if (!ok || who < 0 || !is_coded(s, who))
			continue;
		for (e = first_ev; e < nev; e++) {
			struct dy_event ev = st->events[e];
			const struct dy_cameo_info *ci =
				dy_cameo_lookup(ctx, ev.code);
			uint32_t o;
			int dup = 0;

			if (!ci || !ci->request || !*ci->request ||
			    !strncmp(ev.source, "---", 3) ||
			    !strcmp(ev.source, s->nps[who].code))
				continue;
			for (o = first_ev; o < st->nev && !dup; o++)
				dup = !strcmp(st->events[o].source,
					      s->nps[who].code) &&
				      !strcmp(st->events[o].target,
					      ev.source) &&
				      !strcmp(st->events[o].code,
					      ci->request);
			if (dup)
				continue;
			ev.target = ev.source;
			ev.target_span = ev.source_span;
			ev.source = s->nps[who].code;
			ev.source_span = np_span(s, who);
			ev.code = ci->request;
			ev.verb_span.off = s->toks[t].off;
			ev.verb_span.len = s->toks[t].len;
			ev.pattern = noun->where;
			if (!dy_story_push_event(st, &ev))
				return DY_ENOMEM;
		}
	}
	return 0;
}

/* Is the clause's verb under "must", "should", "has to" or "ought
 * to"? */
static int obliged(const struct dy_sent *s, const struct dy_clause *c)
{
	int t;

	for (t = c->verb - 1; t >= 0 && t >= c->verb - 4; t--) {
		const char *f = s->toks[t].form;

		if (!strcmp(f, "MUST") || !strcmp(f, "SHOULD") ||
		    !strcmp(f, "OUGHT"))
			return 1;
		if (!strcmp(f, "TO") && t > 0 &&
		    (!strcmp(s->toks[t - 1].form, "HAS") ||
		     !strcmp(s->toks[t - 1].form, "HAVE") ||
		     !strcmp(s->toks[t - 1].form, "NEEDS") ||
		     !strcmp(s->toks[t - 1].form, "NEED")))
			return 1;
	}
	return 0;
}

/* "The administration declared that China must drop barriers": what
 * one actor says another must do is a demand on it (CAMEO 10x, the
 * counterpart of the appeal the deed implies), not the deed. */
static int obligations(struct dy_ctx *ctx, struct dy_story *st, int sidx,
		       uint32_t first_ev)
{
	struct dy_sent *s = &st->sents[sidx];
	uint32_t e;

	for (e = first_ev; e < st->nev; e++) {
		struct dy_event *ev = &st->events[e];
		const struct dy_clause *c = &s->clauses[ev->_clause];
		const struct dy_cameo_info *ci;
		int p = c->parent, who;

		if (c->rel != DY_REL_CCOMP || p < 0 || !obliged(s, c) ||
		    !reports(s, p) || s->clauses[p].subj < 0)
			continue;
		who = top_of(s, s->clauses[p].subj);
		if (!is_coded(s, who) || !strcmp(s->nps[who].code,
						 ev->source) ||
		    !strncmp(ev->source, "---", 3))
			continue;
		ci = dy_cameo_lookup(ctx, ev->code);
		ev->code = ci && ci->request && !strncmp(ci->request, "02", 2)
			   ? dy_arena_printf(&st->arena, "10%s",
					     ci->request + 2)
			   : "100";
		if (!ev->code)
			return DY_ENOMEM;
		ev->target = ev->source;
		ev->target_span = ev->source_span;
		ev->source = s->nps[who].code;
		ev->source_span = np_span(s, who);
		/* the demand is the reporting clause's deed: keep it */
		ev->_clause = p;
	}
	return 0;
}

int dy_match_sentence(struct dy_ctx *ctx, struct dy_story *st, int sidx)
{
	struct dy_sent *s = &st->sents[sidx];
	struct seqs *q;
	int i, rc = 0, done_until = -1;
	uint32_t first_ev = st->nev, e, k, before;

	if (!ctx->dict || s->ncl == 0)
		return 0;
	q = dy_arena_alloc(&st->arena, sizeof *q);
	if (!q)
		return DY_ENOMEM;
	for (i = 0; i < s->ncl; i++) {
		const struct dy_clause *c = &s->clauses[i];

		/* a coded clause takes the clauses inside its verb phrase --
		 * except that what a reporting verb reports is coded for
		 * itself (PETRARCH lets "said" swallow it) */
		if ((int)c->first < done_until)
			continue;
		before = st->nev;
		rc = code_clause(ctx, st, sidx, i, q);
		if (rc < 0)
			return rc;
		/* outside PETRARCH mode a clause that matched but made no
		 * event ("Algeria is prepared [to lift the ban]") leaves
		 * its inner clauses to be coded */
		if (rc > 0 && !ctx->opt.compat && st->nev == before)
			rc = 0;
		if (rc > 0 && (ctx->opt.compat || !reports(s, i)))
			done_until = c->vp_last;
	}
	if (ctx->opt.compat)
		return 0;
	rc = obligations(ctx, st, sidx, first_ev);
	if (rc < 0)
		return rc;
	/* the statement is no event of its own when what it reports is */
	for (e = first_ev, k = first_ev; e < st->nev; e++) {
		int ci = st->events[e]._clause, drop = 0;
		uint32_t o;

		if (reports(s, ci))
			for (o = first_ev; o < st->nev && !drop; o++)
				drop = descends(s, st->events[o]._clause, ci) ||
				       (o != e && st->events[o]._clause == ci &&
					!strncmp(st->events[e].code, "01", 2) &&
					!strncmp(st->events[o].code, "10", 2));
		if (!drop)
			st->events[k++] = st->events[e];
	}
	st->nev = k;
	return requests(ctx, st, sidx, first_ev);
}
