/*
 * dict.c: readers for the dictionary formats dyad understands.
 *
 * Accepted (see docs/knowledge-base.md and PETRARCH's dictionaries.rst):
 *
 *   verbs     PETRARCH-1 files (PETR.Validate.verbs.txt: multi-word verbs
 *             marked with '+', "KLM_NOP_+RST") and PETRARCH-2 files
 *             (CAMEO.2.0.txt: patterns with {NP} and (PP) markup, which
 *             is read as grouping).  Lines:
 *               &NAME[_]                 synset; "+phrase" members follow
 *               --- NAME [CODE] ---      block header
 *               VERB [CODE] {FORMS}      verb of the current block
 *               - UPPER * LOWER [CODE]   pattern of the current block
 *               ~ ...                    PETRARCH-2 transformation rule:
 *                                        counted and skipped
 *   actors    "PHRASE [CODE] [CODE DATE-DATE]..." primary lines,
 *             "+PHRASE" synonyms, indented "[CODE <DATE]" / "[CODE
 *             >DATE]" / "[CODE DATE-DATE]" / "[CODE DATE-]" / "[CODE
 *             -DATE]" / "[CODE]" restriction lines
 *   agents    "PHRASE {PLURALS} [~CODE]" or "[CODE~]", substitution sets
 *             "!NAME! = A, B, C"
 *   discards  "PHRASE" or "+PHRASE" (story), trailing '_' = word end
 *   issues    "PHRASE [CODE]" with n:/v:/+ expansions, <ISSUE> tags
 *   cameo.tsv, members.tsv  (dyad's own tables)
 *
 * Comments: '#' and ';' to the end of a line, and <!-- ... --> anywhere,
 * also across lines.  Any line that cannot be read fails the load with
 * "FILE:LINE: what is wrong" -- except PETRARCH's own documented
 * leniencies (patterns using undefined synsets are skipped with a
 * warning count), so that PETRARCH's published files load.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "dict.h"
#include "text.h"
#include "base/file.h"
#include "base/str.h"

#define DICT_MAX_FILE (64u << 20)
#define DICT_MAX_WORDS 64   /* words in one phrase or pattern */
#define DICT_MAX_FORMS 32   /* irregular forms on one verb line */

/* ------------------------------------------------------------------ */
/* Lines                                                               */
/* ------------------------------------------------------------------ */

struct lines {
	const char *p, *end;   /* rest of the file */
	const char *path;      /* for messages */
	uint32_t lineno;       /* current line number */
	int in_xml_comment;    /* inside <!-- --> */
	int lenient;           /* skip bad lines with a warning (PETRARCH's
				  own files have a few) instead of failing */
	struct dy_buf *warn;   /* where skipped lines are reported */
	uint32_t nwarn;        /* how many */
	char buf[8192];        /* current line without comments */
};

/* line    -> text comment? NL
 * comment -> ('#' | ';') any* | '<!--' any* '-->' */
static int next_line(struct lines *L, struct dy_str *line,
		     struct dy_str *comment, int *indented)
{
	const char *p, *eol;
	size_t n = 0;

	for (;;) {
		if (L->p >= L->end)
			return 0;
		p = L->p;
		eol = memchr(p, '\n', (size_t)(L->end - p));
		if (!eol)
			eol = L->end;
		L->p = eol < L->end ? eol + 1 : eol;
		L->lineno++;
		n = 0;
		*comment = dy_str_make(NULL, 0);
		*indented = p < eol && (*p == '\t' || *p == ' ');
		while (p < eol) {
			if (L->in_xml_comment) {
				const char *q = dy_str_find(
					dy_str_make(p, (size_t)(eol - p)),
					"-->");
				if (!q) {
					p = eol;
					break;
				}
				L->in_xml_comment = 0;
				p = q + 3;
				continue;
			}
			if (*p == '<' && eol - p >= 4 && !memcmp(p, "<!--", 4)) {
				L->in_xml_comment = 1;
				p += 4;
				continue;
			}
			/* '#' and ';' open a comment at the start of a line
			 * or after white space ("[###]" is a code) */
			if ((*p == '#' || *p == ';') &&
			    (n == 0 || dy_isspace((unsigned char)p[-1]))) {
				*comment = dy_str_trim(dy_str_make(
					p + 1, (size_t)(eol - p - 1)));
				break;
			}
			if (*p == '\r') {
				p++;
				continue;
			}
			if (n + 1 >= sizeof L->buf)
				return -1;
			L->buf[n++] = *p++;
		}
		L->buf[n] = '\0';
		*line = dy_str_trim(dy_str_make(L->buf, n));
		if (line->n)
			return 1;
	}
}

static int lfail(struct dy_ctx *ctx, const struct lines *L, const char *fmt,
		 ...) __attribute__((format(printf, 3, 4)));

static int lfail(struct dy_ctx *ctx, const struct lines *L, const char *fmt,
		 ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (L->lenient) {
		((struct lines *)L)->nwarn++;
		if (L->warn)
			dy_buf_printf(L->warn, "%s:%u: %s (line skipped)\n",
				      L->path, L->lineno, msg);
		return 1;
	}
	return dy_fail(ctx, DY_EDICT, "%s:%u: %s", L->path, L->lineno, msg);
}

/* ------------------------------------------------------------------ */
/* Dictionary object and small helpers                                 */
/* ------------------------------------------------------------------ */

static void dict_init(struct dy_dict *d)
{
	memset(d, 0, sizeof *d);
	dy_arena_init(&d->_arena, 0);
	dy_hash_init(&d->verbs);
	dy_hash_init(&d->synsets);
	dy_hash_init(&d->actors);
	dy_hash_init(&d->agents);
	dy_hash_init(&d->cameo);
	dy_hash_init(&d->strings);
	dy_hash_init(&d->discard_idx);
	dy_hash_init(&d->issue_idx);
	dy_buf_init(&d->warnings, 1u << 20);
}

void dy_dict_free(struct dy_dict *d)
{
	if (!d)
		return;
	{
		/* each synset's word index first: it hangs off the table */
		size_t it = 0;
		struct dy_hash_slot *sl;

		while ((sl = dy_hash_next(&d->synsets, &it)) != NULL)
			dy_hash_release(&((struct dy_synset *)sl->val)->first);
	}
	dy_hash_release(&d->verbs);
	dy_hash_release(&d->synsets);
	dy_hash_release(&d->actors);
	dy_hash_release(&d->agents);
	dy_hash_release(&d->cameo);
	{
		struct dy_hash *exc = dy_hash_get(&d->strings, "\x01wnexc", 6);

		if (exc)
			dy_hash_release(exc);
	}
	dy_hash_release(&d->strings);
	dy_hash_release(&d->discard_idx);
	dy_hash_release(&d->issue_idx);
	dy_buf_release(&d->warnings);
	dy_arena_release(&d->_arena);
	dy_free(d, sizeof *d);
}

struct dy_dict *dy_dict_get(struct dy_ctx *ctx)
{
	if (!ctx->dict) {
		ctx->dict = dy_malloc(sizeof *ctx->dict);
		if (ctx->dict)
			dict_init(ctx->dict);
	}
	return ctx->dict;
}

const char *dy_dict_intern(struct dy_dict *d, const char *s, size_t n)
{
	void **slot;
	char *p;

	p = dy_hash_get(&d->strings, s, n);
	if (p)
		return p;
	p = dy_arena_strndup(&d->_arena, s, n);
	if (!p)
		return NULL;
	slot = dy_hash_slot(&d->strings, p, n);
	if (!slot)
		return NULL;
	*slot = p;
	return p;
}

/* Matching form of a dictionary word (the same folding as the text). */
static const char *fold_word(struct dy_dict *d, const char *s, size_t n)
{
	char tmp[256];
	size_t i, m;
	int ascii = 1;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			ascii = 0;
	if (ascii && n < sizeof tmp) {
		for (i = 0; i < n; i++)
			tmp[i] = (char)dy_toupper((unsigned char)s[i]);
		return dy_dict_intern(d, tmp, n);
	} else {
		struct dy_arena scratch = DY_ARENA_INIT;
		const char *f = dy_text_fold(&scratch, s, n, &m);
		const char *r = f ? dy_dict_intern(d, f, m) : NULL;

		dy_arena_release(&scratch);
		return r;
	}
}

/* Codes are stored upper case ("[pse]" in PETRARCH's test file). */
static const char *intern_code(struct dy_dict *d, struct dy_str c)
{
	char tmp[64];
	size_t i;

	if (c.n == 0 || c.n >= sizeof tmp)
		return NULL;
	for (i = 0; i < c.n; i++)
		tmp[i] = (char)dy_toupper((unsigned char)c.p[i]);
	return dy_dict_intern(d, tmp, c.n);
}

/* Codes are CAMEO codes in our files; PETRARCH's carry markers too
 * ("+++", "###", "025?", "080!", ":173"), so take any printable ASCII
 * but brackets. */
static int valid_code_char(int c)
{
	return c > ' ' && c < 0x7f && c != '[' && c != ']';
}

#define GROW(d, arr, n, cap)                                                \
	((n) < (cap) ? 0 : grow_array(d, (void **)&(arr), n, &(cap),       \
				      sizeof *(arr)))

static int grow_array(struct dy_dict *d, void **arr, uint32_t n,
		      uint32_t *cap, size_t elsize)
{
	uint32_t ncap = *cap ? *cap * 2 : 16;
	void *p = dy_arena_grow(&d->_arena, *arr, n, ncap, elsize);

	if (!p)
		return DY_ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

/* Split "A_B C" into words and connectors (open[i] = 1 when a space
 * follows word i).  Returns the number of words or -1 if too many. */
static int split_phrase(struct dy_str s, struct dy_str *words,
			uint8_t *open, int max)
{
	size_t i = 0;
	int n = 0;

	while (i < s.n) {
		size_t j = i;

		while (j < s.n && s.p[j] != '_' && !dy_isspace((unsigned char)s.p[j]))
			j++;
		if (j > i) {
			if (n == max)
				return -1;
			words[n] = dy_str_make(s.p + i, j - i);
			open[n] = 0;
			n++;
		}
		if (j < s.n && n > 0)
			open[n - 1] = dy_isspace((unsigned char)s.p[j]) ? 1 : 0;
		i = j + 1;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Inflection                                                          */
/* ------------------------------------------------------------------ */

void dy_noun_plural(const char *w, char *out, size_t outsz)
{
	size_t n = strlen(w);

	if (n + 4 > outsz) {
		snprintf(out, outsz, "%s", w);
		return;
	}
	memcpy(out, w, n);
	if (n && w[n - 1] == 'Y') {
		memcpy(out + n - 1, "IES", 4);
	} else if (n && w[n - 1] == 'S') {
		memcpy(out + n, "ES", 3);
	} else {
		out[n] = 'S';
		out[n + 1] = '\0';
	}
}

static int is_vowel(int c)
{
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

/* PETRARCH's regular forms (root+S, +ED/+D, +ING) plus the English -Y
 * rules, which PETRARCH lacks (CRUCIFY -> CRUCIFIES, CRUCIFIED).
 * Consonant doubling cannot be decided from spelling (ADMITTED but
 * OPENED); it comes from WordNet's exception list or {} forms. */
int dy_verb_forms(const char *lemma, char *buf, size_t bufsz,
		  const char **out)
{
	size_t n = strlen(lemma), used = 0;
	int k = 0;
	char last = n ? lemma[n - 1] : 0;

#define ADD(...)                                                           \
	do {                                                               \
		int w_ = snprintf(buf + used, bufsz - used, __VA_ARGS__);  \
		if (w_ < 0 || (size_t)w_ >= bufsz - used)                   \
			return k;                                          \
		out[k++] = buf + used;                                     \
		used += (size_t)w_ + 1;                                    \
	} while (0)

	if (n == 0)
		return 0;
	if (last == 'Y' && n > 1 && !is_vowel(lemma[n - 2])) {
		ADD("%.*sIES", (int)(n - 1), lemma);
		ADD("%.*sIED", (int)(n - 1), lemma);
		ADD("%sING", lemma);
		return k;
	}
	if (last == 'S' || last == 'X' || last == 'Z' ||
	    (n > 1 && (!strcmp(lemma + n - 2, "SH") ||
		       !strcmp(lemma + n - 2, "CH"))))
		ADD("%sES", lemma);
	ADD("%sS", lemma);
	if (last == 'E') {
		ADD("%sD", lemma);
		ADD("%.*sING", (int)(n - 1), lemma);
	} else {
		ADD("%sED", lemma);
		ADD("%sING", lemma);
	}
	return k;
#undef ADD
}

/* ------------------------------------------------------------------ */
/* Verbs                                                               */
/* ------------------------------------------------------------------ */

struct verb_state {
	struct dy_vblock *block;      /* current block */
	const char *block_code;       /* its code */
	struct dy_synset *synset;     /* synset being read, or NULL */
	int synset_noplural;          /* label ended in '_' */
	int kb;                       /* dyad's own file (lemma matching) */
	const char *path;             /* interned file name for "where" */
	uint32_t skipped;             /* patterns skipped (undefined synset) */
};

static const char *where_of(struct dy_dict *d, const char *path,
			    uint32_t line)
{
	char tmp[600];
	size_t k = d->kb_dir ? strlen(d->kb_dir) : 0;
	int n;

	/* entries of the knowledge base are named from its folder
	 * ("verbs/07-aid.verbs:181"), wherever it is installed */
	if (k && !strncmp(path, d->kb_dir, k) && path[k] == '/')
		path += k + 1;
	n = snprintf(tmp, sizeof tmp, "%s:%u", path, line);

	if (n < 0 || (size_t)n >= sizeof tmp)
		n = (int)sizeof tmp - 1;
	return dy_dict_intern(d, tmp, (size_t)n);
}

static struct dy_synset *get_synset(struct dy_dict *d, struct dy_str name)
{
	const char *key = fold_word(d, name.p, name.n);
	void **slot;
	struct dy_synset *s;

	if (!key)
		return NULL;
	slot = dy_hash_slot(&d->synsets, key, strlen(key));
	if (!slot)
		return NULL;
	if (*slot)
		return *slot;
	s = dy_arena_zalloc(&d->_arena, sizeof *s);
	if (!s)
		return NULL;
	s->name = key;
	*slot = s;
	return s;
}

/* Parse words of a pattern half or synset member into elements.
 * `text` is in text order; connectors: open[i] = gap after word i. */
static int make_elements(struct dy_ctx *ctx, struct dy_dict *d,
			 const struct lines *L, struct dy_str text,
			 struct dy_pel **out, uint16_t *nout, int allow_markers,
			 int *undefined)
{
	struct dy_str w[DICT_MAX_WORDS];
	uint8_t open[DICT_MAX_WORDS];
	struct dy_pel *els;
	int n, i, k = 0;
	char clean[1024];
	size_t cn = 0, j;

	/* drop the PETRARCH-2 grouping marks { } ( ): they read as spaces */
	for (j = 0; j < text.n && cn + 1 < sizeof clean; j++) {
		char c = text.p[j];

		clean[cn++] = (c == '{' || c == '}' || c == '(' || c == ')')
				      ? ' ' : c;
	}
	n = split_phrase(dy_str_make(clean, cn), w, open, DICT_MAX_WORDS);
	if (n < 0)
		return lfail(ctx, L, "too many words in pattern");
	els = dy_arena_zalloc(&d->_arena, (size_t)(n ? n : 1) * sizeof *els);
	if (!els)
		return DY_ENOMEM;
	for (i = 0; i < n; i++) {
		struct dy_pel *e = &els[k];
		struct dy_str t = w[i];

		e->open = i > 0 ? open[i - 1] : 1;
		if (t.n == 1 && strchr("$+%^", t.p[0])) {
			if (!allow_markers)
				return lfail(ctx, L, "'%c' is not allowed in a "
					     "synset", t.p[0]);
			e->kind = t.p[0] == '$' ? DY_PEL_SOURCE :
				  t.p[0] == '+' ? DY_PEL_TARGET :
				  t.p[0] == '%' ? DY_PEL_COMPOUND : DY_PEL_SKIP;
		} else if (t.p[0] == '&') {
			struct dy_synset *s;
			int jj, best = i;

			/* a label may hold underscores ("&AIRCRAFT_N"):
			 * take the longest run of '_'-joined words that
			 * names a synset already defined */
			for (jj = i + 1; jj < n && !open[jj - 1]; jj++) {
				struct dy_str m = dy_str_make(t.p,
					(size_t)(w[jj].p + w[jj].n - t.p));
				const char *key = fold_word(d, m.p, m.n);
				struct dy_synset *y = key ? dy_hash_get(
					&d->synsets, key, strlen(key)) : NULL;

				if (y && y->defined)
					best = jj;
			}
			if (best > i) {
				t = dy_str_make(t.p, (size_t)(w[best].p +
						w[best].n - t.p));
				open[i] = open[best];
				i = best;
			}
			s = get_synset(d, t);

			if (!s)
				return DY_ENOMEM;
			if (!s->defined && undefined)
				*undefined = 1;
			if (!s->defined && !s->ref_where)
				s->ref_where = where_of(d, L->path, L->lineno);
			e->kind = DY_PEL_SYN;
			e->syn = s;
		} else {
			e->kind = DY_PEL_WORD;
			e->word = fold_word(d, t.p, t.n);
			if (!e->word)
				return DY_ENOMEM;
		}
		k++;
	}
	*out = els;
	*nout = (uint16_t)k;
	return 0;
}

static int add_synset_member(struct dy_ctx *ctx, struct dy_dict *d,
			     const struct lines *L, struct dy_synset *s,
			     struct dy_str text, int noplural)
{
	struct dy_synmember m;
	uint32_t cap;
	int rc, i;

	if (text.n && text.p[text.n - 1] == '_') {
		noplural = 1;
		text.n--;
	}
	rc = make_elements(ctx, d, L, text, &m.els, &m.nels, 0, NULL);
	if (rc)
		return rc;
	if (m.nels == 0)
		return lfail(ctx, L, "empty synset member");
	/* members are consecutive words, whatever the separator */
	for (i = 1; i < m.nels; i++)
		m.els[i].open = 0;
	cap = s->nmembers ? s->nmembers : 0;
	/* members arrays grow by doubling; capacity is implicit: powers of
	 * two from 8 */
	if (s->nmembers == 0 || (s->nmembers >= 8 &&
				 !(s->nmembers & (s->nmembers - 1)))) {
		uint32_t ncap = s->nmembers ? s->nmembers * 2 : 8;
		void *p = dy_arena_grow(&d->_arena, s->members, s->nmembers,
					ncap, sizeof *s->members);
		if (!p)
			return DY_ENOMEM;
		s->members = p;
	}
	(void)cap;
	s->members[s->nmembers++] = m;
	if (!noplural && m.els[m.nels - 1].kind == DY_PEL_WORD) {
		struct dy_synmember pl = m;
		char buf[256];

		pl.els = dy_arena_alloc(&d->_arena, m.nels * sizeof *m.els);
		if (!pl.els)
			return DY_ENOMEM;
		memcpy(pl.els, m.els, m.nels * sizeof *m.els);
		dy_noun_plural(m.els[m.nels - 1].word, buf, sizeof buf);
		pl.els[m.nels - 1].word = dy_dict_intern(d, buf, strlen(buf));
		if (!pl.els[m.nels - 1].word)
			return DY_ENOMEM;
		if (s->nmembers >= 8 && !(s->nmembers & (s->nmembers - 1))) {
			void *p = dy_arena_grow(&d->_arena, s->members,
						s->nmembers, s->nmembers * 2,
						sizeof *s->members);
			if (!p)
				return DY_ENOMEM;
			s->members = p;
		}
		s->members[s->nmembers++] = pl;
	}
	return 0;
}

/* code -> '[' chars ']' ; returns the last bracketed code on the line and
 * the text before the first '['. */
static int split_code(struct dy_str line, struct dy_str *text,
		      struct dy_str *code)
{
	const char *lb = memchr(line.p, '[', line.n), *rb;

	*code = dy_str_make(NULL, 0);
	if (!lb) {
		*text = line;
		return 0;
	}
	*text = dy_str_trim(dy_str_make(line.p, (size_t)(lb - line.p)));
	rb = memchr(lb, ']', (size_t)(line.p + line.n - lb));
	if (!rb)
		return -1;
	*code = dy_str_trim(dy_str_make(lb + 1, (size_t)(rb - lb - 1)));
	return 0;
}

static int check_code(struct dy_str c)
{
	size_t i;

	if (c.n == 0)
		return -1;
	for (i = 0; i < c.n; i++)
		if (!valid_code_char((unsigned char)c.p[i]))
			return -1;
	return 0;
}

static int add_pattern(struct dy_ctx *ctx, struct dy_dict *d,
		       const struct lines *L, struct verb_state *st,
		       struct dy_str line)
{
	struct dy_str text, code, up, low;
	struct dy_pattern *pat;
	struct dy_vblock *b = st->block;
	const char *star;
	char buf[1024];
	size_t i, n = 0;
	int rc, undefined = 0, k;
	struct dy_pel *tmp;

	if (!b)
		return lfail(ctx, L, "pattern outside a verb block");
	if (split_code(dy_str_make(line.p + 1, line.n - 1), &text, &code))
		return lfail(ctx, L, "pattern code has no closing ']'");
	if (code.n == 0)
		return lfail(ctx, L, "pattern has no [code]");
	if (check_code(code))
		return lfail(ctx, L, "bad code '%.*s'", (int)code.n, code.p);
	/* PETRARCH: "XXX_ " is an open match: turn "_ " into " " */
	for (i = 0; i < text.n && n + 1 < sizeof buf; i++) {
		if (text.p[i] == '_' && i + 1 < text.n &&
		    dy_isspace((unsigned char)text.p[i + 1]))
			continue;
		buf[n++] = text.p[i];
	}
	text = dy_str_make(buf, n);
	star = memchr(text.p, '*', text.n);
	if (!star)
		return lfail(ctx, L, "pattern has no '*' for the verb");
	if (memchr(star + 1, '*', (size_t)(text.p + text.n - star - 1)))
		return lfail(ctx, L, "pattern has more than one '*'");
	up = dy_str_make(text.p, (size_t)(star - text.p));
	low = dy_str_make(star + 1, (size_t)(text.p + text.n - star - 1));
	if (GROW(d, b->pats, b->npats, b->_cap))
		return DY_ENOMEM;
	pat = &b->pats[b->npats];
	memset(pat, 0, sizeof *pat);
	/* upper: connector between the last word and '*' decides the first
	 * element's openness; stored nearest-the-verb first */
	{
		struct dy_str u = dy_str_trim(up);
		int closed = up.n && up.p[up.n - 1] == '_';

		rc = make_elements(ctx, d, L, u, &tmp, &pat->nupper, 1,
				   &undefined);
		if (rc)
			return rc;
		pat->upper = dy_arena_alloc(&d->_arena,
					    (pat->nupper ? pat->nupper : 1) *
						    sizeof *tmp);
		if (!pat->upper)
			return DY_ENOMEM;
		for (k = 0; k < pat->nupper; k++) {
			pat->upper[k] = tmp[pat->nupper - 1 - k];
			/* connector toward the verb = connector after it in
			 * text order = the next element's `open` */
			pat->upper[k].open = k == 0 ? (uint8_t)!closed
				: tmp[pat->nupper - k].open;
		}
	}
	{
		int closed = low.n && low.p[0] == '_';

		rc = make_elements(ctx, d, L, dy_str_trim(low), &pat->lower,
				   &pat->nlower, 1, &undefined);
		if (rc)
			return rc;
		if (pat->nlower)
			pat->lower[0].open = (uint8_t)!closed;
	}
	/* A synset may be defined after its first use (even in a later
	 * file); one that never gets defined has no members, so the pattern
	 * never matches, and `dyad dict check` reports it.  (PETRARCH skips
	 * such patterns at load time.) */
	(void)undefined;
	{
		const char *colon = memchr(code.p, ':', code.n);

		if (colon == code.p) {
			pat->code = intern_code(d, dy_str_make(colon + 1,
				code.n - 1));
			pat->reverse = 1;
			colon = NULL;
		} else if (colon && colon == code.p + code.n - 1) {
			pat->code = intern_code(d, dy_str_make(code.p,
							       code.n - 1));
			colon = NULL;
		} else if (colon) {
			pat->code = intern_code(d, dy_str_make(code.p,
				(size_t)(colon - code.p)));
			pat->code2 = intern_code(d, dy_str_make(colon + 1,
				(size_t)(code.p + code.n - colon - 1)));
		} else {
			pat->code = intern_code(d, code);
		}
		if (!pat->code || (colon && !pat->code2))
			return lfail(ctx, L, "bad code '%.*s'", (int)code.n,
				     code.p);
	}
	for (k = 0; k < pat->nupper; k++) {
		pat->weight += pat->upper[k].kind <= DY_PEL_SYN;
		if (pat->upper[k].kind == DY_PEL_WORD)
			pat->need |= dy_word_bit(pat->upper[k].word);
	}
	for (k = 0; k < pat->nlower; k++) {
		pat->weight += pat->lower[k].kind <= DY_PEL_SYN;
		if (pat->lower[k].kind == DY_PEL_WORD)
			pat->need |= dy_word_bit(pat->lower[k].word);
	}
	pat->where = where_of(d, st->path, L->lineno);
	pat->order = d->order++;
	pat->lemma = (uint8_t)st->kb;
	b->npats++;
	d->npatterns++;
	return 0;
}

static int add_vform(struct dy_dict *d, const char *form,
		     const struct dy_vform *proto)
{
	void **slot = dy_hash_slot(&d->verbs, form, strlen(form));
	struct dy_vform *v, **pp;

	if (!slot)
		return DY_ENOMEM;
	/* skip exact duplicates (same lemma and block) */
	for (v = *slot; v; v = v->next)
		if (v->block == proto->block && v->nmw == proto->nmw &&
		    v->lemma == proto->lemma)
			return 0;
	v = dy_arena_alloc(&d->_arena, sizeof *v);
	if (!v)
		return DY_ENOMEM;
	*v = *proto;
	v->next = NULL;
	/* multi-word entries go before single-word ones */
	pp = (struct dy_vform **)slot;
	if (proto->nmw)
		while (*pp && (*pp)->nmw)
			pp = &(*pp)->next;
	else
		while (*pp)
			pp = &(*pp)->next;
	v->next = *pp;
	*pp = v;
	d->nverbforms++;
	return 0;
}

/* WordNet's irregular verb forms (verb.exc: "form lemma"), read once per
 * dictionary; missing file is fine. */
static struct dy_hash *wordnet_exc(struct dy_dict *d)
{
	static const char *const paths[] = {
		"/usr/share/wordnet/verb.exc",
		"/usr/share/wordnet/dict/verb.exc",
	};
	static struct dy_hash empty;
	struct dy_hash *h;
	char *buf = NULL;
	size_t n = 0, i;
	const char *p, *end;

	h = dy_hash_get(&d->strings, "\x01wnexc", 6);
	if (h)
		return h;
	h = dy_arena_zalloc(&d->_arena, sizeof *h);
	if (!h)
		return &empty;
	dy_hash_init(h);
	for (i = 0; i < sizeof paths / sizeof paths[0] && !buf; i++)
		if (dy_file_read(paths[i], 1u << 22, &buf, &n))
			buf = NULL;
	for (p = buf, end = buf + n; buf && p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *sp;
		char form[128], lemma[128];
		size_t fl, ll, k;

		if (!eol)
			eol = end;
		sp = memchr(p, ' ', (size_t)(eol - p));
		if (sp && (size_t)(sp - p) < sizeof form &&
		    (size_t)(eol - sp - 1) < sizeof lemma && eol > sp + 1) {
			fl = (size_t)(sp - p);
			ll = (size_t)(eol - sp - 1);
			for (k = 0; k < fl; k++)
				form[k] = (char)dy_toupper((unsigned char)p[k]);
			for (k = 0; k < ll && sp[1 + k] != ' '; k++)
				lemma[k] = (char)dy_toupper(
					(unsigned char)sp[1 + k]);
			ll = k;
			{
				const char *fs = dy_dict_intern(d, form, fl);
				const char *ls = dy_dict_intern(d, lemma, ll);
				/* lemma -> chain of forms, stored as a
				 * NUL-separated arena string */
				void **slot = ls ? dy_hash_slot(h, ls, ll)
						 : NULL;
				if (fs && slot) {
					const char *old = *slot;
					char *nw = old ? dy_arena_printf(
						&d->_arena, "%s %s", old, fs)
						: (char *)fs;
					if (nw)
						*slot = nw;
				}
			}
		}
		p = eol + 1;
	}
	if (buf)
		dy_free(buf, n + 1);
	dy_hash_put(&d->strings, "\x01wnexc", 6, h);
	return h;
}

static int add_verb_forms(struct dy_dict *d, const char *lemma,
			  const struct dy_vform *proto, int regular)
{
	char buf[512];
	const char *forms[8];
	int k, i, rc;
	const char *exc;

	struct dy_vform gen = *proto;

	gen.generated = 1;
	rc = add_vform(d, lemma, proto);
	if (rc || !regular)
		return rc;
	proto = &gen;
	k = dy_verb_forms(lemma, buf, sizeof buf, forms);
	for (i = 0; i < k && !rc; i++) {
		const char *f = dy_dict_intern(d, forms[i], strlen(forms[i]));

		rc = f ? add_vform(d, f, proto) : DY_ENOMEM;
	}
	exc = dy_hash_get(wordnet_exc(d), lemma, strlen(lemma));
	while (exc && *exc && !rc) {
		const char *sp = strchr(exc, ' ');
		size_t len = sp ? (size_t)(sp - exc) : strlen(exc);
		const char *f = dy_dict_intern(d, exc, len);

		rc = f ? add_vform(d, f, proto) : DY_ENOMEM;
		exc = sp ? sp + 1 : NULL;
	}
	return rc;
}

/* A multi-word verb "+CORDON_OFF", "WIRE_+TAP", or (dyad style, no '+')
 * "CALL_ON": the verb is the marked word, else the first. */
static int add_multiword(struct dy_ctx *ctx, struct dy_dict *d,
			 const struct lines *L, struct dy_str phrase,
			 struct dy_vform *proto, int regular)
{
	struct dy_str w[DICT_MAX_WORDS];
	uint8_t open[DICT_MAX_WORDS];
	int n, i, vi = -1, k;
	const char **mw;
	char lemma[256];
	const char *vword;

	n = split_phrase(phrase, w, open, DICT_MAX_WORDS);
	if (n < 2)
		return lfail(ctx, L, "bad multi-word verb '%.*s'",
			     (int)phrase.n, phrase.p);
	if (n > 8)
		return lfail(ctx, L, "multi-word verb has more than 8 words");
	for (i = 0; i < n; i++)
		if (w[i].n && w[i].p[0] == '+') {
			if (vi >= 0)
				return lfail(ctx, L, "two '+' in multi-word "
					     "verb");
			vi = i;
			w[i].p++;
			w[i].n--;
		}
	if (vi < 0)
		vi = 0;
	else if (vi != 0 && vi != n - 1)
		return lfail(ctx, L, "'+' must mark the first or last word "
			     "of a multi-word verb");
	mw = dy_arena_alloc(&d->_arena, (size_t)n * sizeof *mw);
	if (!mw)
		return DY_ENOMEM;
	k = 0;
	if (vi == 0) {
		for (i = 1; i < n; i++)
			if (!(mw[k++] = fold_word(d, w[i].p, w[i].n)))
				return DY_ENOMEM;
	} else {
		for (i = n - 2; i >= 0; i--)
			if (!(mw[k++] = fold_word(d, w[i].p, w[i].n)))
				return DY_ENOMEM;
	}
	proto->mw = mw;
	proto->nmw = (uint8_t)k;
	proto->mw_after = vi == 0;
	vword = fold_word(d, w[vi].p, w[vi].n);
	if (!vword)
		return DY_ENOMEM;
	if (!proto->lemma) {
		size_t ln = 0;

		for (i = 0; i < n && ln + w[i].n + 2 < sizeof lemma; i++) {
			if (i)
				lemma[ln++] = '_';
			for (size_t j = 0; j < w[i].n; j++)
				lemma[ln++] = (char)dy_toupper(
					(unsigned char)w[i].p[j]);
		}
		proto->lemma = dy_dict_intern(d, lemma, ln);
		if (!proto->lemma)
			return DY_ENOMEM;
	}
	return add_verb_forms(d, vword, proto, regular);
}

static int add_verb_line(struct dy_ctx *ctx, struct dy_dict *d,
			 const struct lines *L, struct verb_state *st,
			 struct dy_str line)
{
	struct dy_str text = line, code = { 0, 0 }, forms = { 0, 0 }, w;
	struct dy_vform proto;
	const char *lb, *lc, *rc_;
	int rc = 0;

	if (!st->block)
		return lfail(ctx, L, "verb '%.*s' outside a block (missing "
			     "'--- NAME [CODE] ---' line)", (int)line.n,
			     line.p);
	lb = memchr(line.p, '[', line.n);
	lc = memchr(line.p, '{', line.n);
	if (lb) {
		rc_ = memchr(lb, ']', (size_t)(line.p + line.n - lb));
		if (!rc_)
			return lfail(ctx, L, "code has no closing ']'");
		code = dy_str_trim(dy_str_make(lb + 1, (size_t)(rc_ - lb - 1)));
		if (check_code(code))
			return lfail(ctx, L, "bad code '%.*s'", (int)code.n,
				     code.p);
	}
	if (lc) {
		rc_ = memchr(lc, '}', (size_t)(line.p + line.n - lc));
		if (!rc_)
			return lfail(ctx, L, "forms have no closing '}'");
		forms = dy_str_make(lc + 1, (size_t)(rc_ - lc - 1));
	}
	{
		const char *stop = line.p + line.n;

		if (lb && lb < stop)
			stop = lb;
		if (lc && lc < stop)
			stop = lc;
		text = dy_str_trim(dy_str_make(line.p,
					       (size_t)(stop - line.p)));
	}
	if (text.n == 0)
		return lfail(ctx, L, "verb line without a verb");
	memset(&proto, 0, sizeof proto);
	proto.block = st->block;
	proto.code = code.n ? intern_code(d, code) : st->block_code;
	proto.where = where_of(d, st->path, L->lineno);
	if (!proto.code || !proto.where)
		return DY_ENOMEM;
	w = text;
	if (memchr(w.p, '_', w.n) || memchr(w.p, ' ', w.n) ||
	    (w.n && w.p[0] == '+')) {
		rc = add_multiword(ctx, d, L, w, &proto, !forms.n);
		if (rc)
			return rc;
		if (!st->block->lemma)
			st->block->lemma = proto.lemma;
		/* irregular multi-word forms: "+CORDONED_OFF ..." */
		while (forms.n && !rc) {
			struct dy_str f;
			size_t i = 0;

			while (i < forms.n && (dy_isspace((unsigned char)forms.p[i]) || forms.p[i] == ','))
				i++;
			forms.p += i;
			forms.n -= i;
			for (i = 0; i < forms.n &&
			     !(dy_isspace((unsigned char)forms.p[i]) || forms.p[i] == ','); i++)
				;
			f = dy_str_make(forms.p, i);
			forms.p += i;
			forms.n -= i;
			if (f.n && !memchr(f.p, '_', f.n)) {
				/* "SET_OFF {SET}": a form of the verb word,
				 * the other words stay */
				const char *fw = fold_word(d, f.p, f.n);

				rc = fw ? add_vform(d, fw, &proto) : DY_ENOMEM;
			} else if (f.n) {
				struct dy_vform p2 = proto;

				p2.mw = NULL;
				p2.nmw = 0;
				rc = add_multiword(ctx, d, L, f, &p2, 0);
			}
		}
		return rc;
	}
	proto.lemma = fold_word(d, w.p, w.n);
	if (!proto.lemma)
		return DY_ENOMEM;
	if (!st->block->lemma)
		st->block->lemma = proto.lemma;
	rc = add_verb_forms(d, proto.lemma, &proto, 1);
	while (forms.n && !rc) {
		size_t i = 0;
		const char *f;

		while (i < forms.n && (dy_isspace((unsigned char)forms.p[i]) || forms.p[i] == ','))
			i++;
		forms.p += i;
		forms.n -= i;
		for (i = 0; i < forms.n && !(dy_isspace((unsigned char)forms.p[i]) || forms.p[i] == ',');
		     i++)
			;
		if (i) {
			f = fold_word(d, forms.p, i);
			rc = f ? add_vform(d, f, &proto) : DY_ENOMEM;
		}
		forms.p += i;
		forms.n -= i;
	}
	return rc;
}

static int add_block(struct dy_ctx *ctx, struct dy_dict *d,
		     const struct lines *L, struct verb_state *st,
		     struct dy_str line)
{
	struct dy_str t = line, text, code;
	struct dy_vblock *b;

	while (t.n && t.p[0] == '-')
		t.p++, t.n--;
	while (t.n && t.p[t.n - 1] == '-')
		t.n--;
	if (split_code(t, &text, &code))
		return lfail(ctx, L, "block code has no closing ']'");
	if (code.n && check_code(code))
		return lfail(ctx, L, "bad code '%.*s'", (int)code.n, code.p);
	b = dy_arena_zalloc(&d->_arena, sizeof *b);
	if (!b || GROW(d, d->blocks, d->nblocks, d->_capblocks))
		return DY_ENOMEM;
	b->name = dy_arena_strndup(&d->_arena, text.p, text.n);
	b->code = intern_code(d, code.n ? code : DY_STR_LIT("---"));
	b->where = where_of(d, st->path, L->lineno);
	if (!b->name || !b->code || !b->where)
		return DY_ENOMEM;
	d->blocks[d->nblocks++] = b;
	st->block = b;
	st->block_code = b->code;
	return 0;
}

static int cmp_pattern(const void *a, const void *b)
{
	const struct dy_pattern *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int load_verbs(struct dy_ctx *ctx, struct dy_dict *d,
		      struct lines *L, int kb)
{
	struct verb_state st;
	struct dy_str line, comment;
	int indented, r, rc = 0;
	uint32_t i, first_block = d->nblocks;

	memset(&st, 0, sizeof st);
	st.kb = kb;
	st.path = dy_dict_intern(d, L->path, strlen(L->path));
	if (!st.path)
		return DY_ENOMEM;
	while ((r = next_line(L, &line, &comment, &indented)) > 0) {
		if (st.synset) {
			if (line.p[0] == '+') {
				rc = add_synset_member(ctx, d, L, st.synset,
					dy_str_trim(dy_str_make(line.p + 1,
								line.n - 1)),
					st.synset_noplural);
				if (rc < 0)
					return rc;
				continue;
			}
			if (st.synset->nmembers == 0 &&
			    lfail(ctx, L, "synset '%s' has no members",
				  st.synset->name) < 0)
				return DY_EDICT;
			st.synset = NULL;
		}
		if (line.p[0] == '&') {
			struct dy_str name = line;
			struct dy_synset *s;

			st.synset_noplural = name.p[name.n - 1] == '_';
			if (st.synset_noplural)
				name.n--;
			if (name.n < 2) {
				if (lfail(ctx, L, "synset without a name") < 0)
					return DY_EDICT;
				continue;
			}
			s = get_synset(d, name);
			if (!s)
				return DY_ENOMEM;
			if (s->defined && s->nmembers) {
				if (lfail(ctx, L, "synset '%s' already defined "
					  "at %s", s->name, s->where) < 0)
					return DY_EDICT;
				continue;
			}
			s->defined = 1;
			s->where = where_of(d, st.path, L->lineno);
			st.synset = s;
		} else if (line.n >= 3 && !memcmp(line.p, "---", 3)) {
			rc = add_block(ctx, d, L, &st, line);
		} else if (line.p[0] == '-') {
			rc = add_pattern(ctx, d, L, &st, line);
		} else if (line.p[0] == '~') {
			continue; /* PETRARCH-2 transformation rule */
		} else {
			rc = add_verb_line(ctx, d, L, &st, line);
		}
		if (rc < 0)
			return rc;
	}
	/* a lenient load records these and goes on to sort what loaded */
	if (r < 0 && lfail(ctx, L, "line too long") < 0)
		return DY_EDICT;
	if (st.synset && st.synset->nmembers == 0 &&
	    lfail(ctx, L, "synset '%s' has no members", st.synset->name) < 0)
		return DY_EDICT;
	/* the most specific pattern is tried first (PETRARCH-2); ties keep
	 * file order, which is what PETRARCH-1 dictionaries rely on */
	for (i = first_block; i < d->nblocks; i++)
		if (d->blocks[i]->npats > 1)
			qsort(d->blocks[i]->pats, d->blocks[i]->npats,
			      sizeof *d->blocks[i]->pats, cmp_pattern);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Actors and agents                                                   */
/* ------------------------------------------------------------------ */

static int make_phrase(struct dy_ctx *ctx, struct dy_dict *d,
		       const struct lines *L, struct dy_str text,
		       struct dy_phrase **out)
{
	struct dy_str w[DICT_MAX_WORDS];
	uint8_t open[DICT_MAX_WORDS];
	struct dy_phrase *ph;
	int n, i;

	n = split_phrase(text, w, open, DICT_MAX_WORDS);
	if (n < 0)
		return lfail(ctx, L, "phrase has too many words");
	if (n == 0)
		return lfail(ctx, L, "empty phrase");
	if (n > 255)
		return lfail(ctx, L, "phrase too long");
	ph = dy_arena_zalloc(&d->_arena, sizeof *ph);
	if (!ph)
		return DY_ENOMEM;
	ph->words = dy_arena_alloc(&d->_arena, (size_t)n * sizeof *ph->words);
	ph->open = dy_arena_alloc(&d->_arena, (size_t)n);
	if (!ph->words || !ph->open)
		return DY_ENOMEM;
	{
		int k = 0;

		for (i = 0; i < n; i++) {
			struct dy_str x = w[i];

			/* the coder reads names without their possessive
			 * clitic ("People's Republic" is PEOPLE REPUBLIC),
			 * so the dictionary's phrases drop it too */
			if (x.n >= 2 && x.p[x.n - 2] == '\'' &&
			    (x.p[x.n - 1] == 'S' || x.p[x.n - 1] == 's'))
				x.n -= 2;
			else if (x.n >= 1 && x.p[x.n - 1] == '\'')
				x.n -= 1;
			if (x.n == 0) {
				if (k > 0)
					ph->open[k - 1] = open[i];
				continue;
			}
			ph->words[k] = fold_word(d, x.p, x.n);
			if (!ph->words[k])
				return DY_ENOMEM;
			ph->open[k] = open[i];
			k++;
		}
		if (k == 0)
			return lfail(ctx, L, "empty phrase");
		n = k;
	}
	ph->nwords = (uint8_t)n;
	ph->w1 = n > 1 ? ph->words[1] : NULL;
	ph->adj1 = n > 1 && !ph->open[0];
	*out = ph;
	return 0;
}

/* Insert keeping longer phrases first, as PETRARCH sorts them. */
static int index_phrase(struct dy_hash *h, struct dy_phrase *ph)
{
	void **slot = dy_hash_slot(h, ph->words[0], strlen(ph->words[0]));
	struct dy_phrase **pp;

	if (!slot)
		return DY_ENOMEM;
	pp = (struct dy_phrase **)slot;
	while (*pp && (*pp)->nwords >= ph->nwords)
		pp = &(*pp)->next;
	ph->next = *pp;
	*pp = ph;
	return 0;
}

/* Arabic names are written "al-Thani" as often as "al Thani": a name
 * with the article as a word of its own also matches the hyphenated
 * form, which the tokenizer keeps as one word ("AL_THANI_" matches
 * "al-Thani"). */
static int article_variant(struct dy_dict *d, const struct dy_phrase *ph)
{
	static const char *const art[] = { "AL", "EL", "AD", "AS", "ASH",
		"AN", "AR", "AZ", "UL", "UD", NULL };
	struct dy_phrase *v;
	int i, k, n = 0, hit = 0;
	char tmp[256];

	for (i = 0; i + 1 < ph->nwords; i++) {
		const char *const *a;

		for (a = art; *a; a++)
			if (!strcmp(ph->words[i], *a) && !ph->open[i])
				hit = 1;
	}
	if (!hit)
		return 0;
	v = dy_arena_zalloc(&d->_arena, sizeof *v);
	if (!v)
		return DY_ENOMEM;
	*v = *ph;
	v->words = dy_arena_alloc(&d->_arena, ph->nwords * sizeof *v->words);
	v->open = dy_arena_alloc(&d->_arena, ph->nwords);
	if (!v->words || !v->open)
		return DY_ENOMEM;
	for (i = 0; i < ph->nwords; i++) {
		const char *const *a;
		int is_art = 0;

		for (a = art; *a && i + 1 < ph->nwords; a++)
			if (!strcmp(ph->words[i], *a) && !ph->open[i])
				is_art = 1;
		if (is_art) {
			k = snprintf(tmp, sizeof tmp, "%s-%s", ph->words[i],
				     ph->words[i + 1]);
			if (k <= 0 || (size_t)k >= sizeof tmp)
				return 0;
			v->words[n] = dy_dict_intern(d, tmp, (size_t)k);
			if (!v->words[n])
				return DY_ENOMEM;
			v->open[n++] = ph->open[i + 1];
			i++;
			continue;
		}
		v->words[n] = ph->words[i];
		v->open[n++] = ph->open[i];
	}
	v->nwords = (uint8_t)n;
	v->w1 = n > 1 ? v->words[1] : NULL;
	v->adj1 = n > 1 && !v->open[0];
	d->nphrases++;
	return index_phrase(&d->actors, v);
}

/* restriction -> CODE | CODE '<' DATE | CODE '>' DATE
 *              | CODE DATE '-' DATE? | CODE '-' DATE */
static int parse_restriction(struct dy_ctx *ctx, struct dy_dict *d,
			     const struct lines *L, struct dy_str s,
			     struct dy_arange *r)
{
	const char *p = s.p, *end = s.p + s.n, *q;
	struct dy_str code, rest, a, b;
	long da = 0, db = 0;

	memset(r, 0, sizeof *r);
	while (p < end && !dy_isspace((unsigned char)*p))
		p++;
	code = dy_str_make(s.p, (size_t)(p - s.p));
	rest = dy_str_trim(dy_str_make(p, (size_t)(end - p)));
	if (check_code(code))
		return lfail(ctx, L, "bad actor code '%.*s'", (int)code.n,
			     code.p);
	r->code = intern_code(d, code);
	r->line = L->lineno;
	if (!r->code)
		return DY_ENOMEM;
	if (rest.n == 0) {
		r->kind = DY_AR_DEFAULT;
		return 0;
	}
	if (rest.p[0] == '<' || rest.p[0] == '>') {
		a = dy_str_trim(dy_str_make(rest.p + 1, rest.n - 1));
		if (dy_parse_ymd(a, &da))
			return lfail(ctx, L, "bad date '%.*s' in restriction",
				     (int)a.n, a.p);
		r->kind = rest.p[0] == '<' ? DY_AR_BEFORE : DY_AR_AFTER;
		if (r->kind == DY_AR_BEFORE)
			r->until = da;
		else
			r->from = da;
		return 0;
	}
	q = memchr(rest.p, '-', rest.n);
	if (!q)
		return lfail(ctx, L, "restriction '%.*s' is not <DATE, >DATE "
			     "or DATE-DATE", (int)rest.n, rest.p);
	a = dy_str_trim(dy_str_make(rest.p, (size_t)(q - rest.p)));
	b = dy_str_trim(dy_str_make(q + 1, (size_t)(rest.p + rest.n - q - 1)));
	if (a.n && dy_parse_ymd(a, &da))
		return lfail(ctx, L, "bad date '%.*s' in restriction", (int)a.n,
			     a.p);
	if (b.n && dy_parse_ymd(b, &db))
		return lfail(ctx, L, "bad date '%.*s' in restriction", (int)b.n,
			     b.p);
	if (!a.n && !b.n)
		return lfail(ctx, L, "restriction has no dates");
	if (a.n && b.n && db < da)
		return lfail(ctx, L, "restriction ends before it starts");
	r->kind = DY_AR_RANGE;
	r->from = da;
	r->until = db;
	return 0;
}

static int actor_add_code(struct dy_dict *d, struct dy_actor *a,
			  const struct dy_arange *r)
{
	struct dy_arange *n;

	n = dy_arena_grow(&d->_arena, a->codes, a->ncodes,
			  (size_t)a->ncodes + 1, sizeof *n);
	if (!n)
		return DY_ENOMEM;
	n[a->ncodes++] = *r;
	a->codes = n;
	return 0;
}

/* All "[...]" groups on a line after the phrase. */
static int read_brackets(struct dy_ctx *ctx, struct dy_dict *d,
			 const struct lines *L, struct dy_str s,
			 struct dy_actor *a, struct dy_str comment)
{
	const char *p = s.p, *end = s.p + s.n;
	int rc;

	while ((p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		const char *q = memchr(p, ']', (size_t)(end - p));
		struct dy_arange r;

		if (!q)
			return lfail(ctx, L, "code has no closing ']'");
		rc = parse_restriction(ctx, d, L, dy_str_trim(dy_str_make(
			p + 1, (size_t)(q - p - 1))), &r);
		if (rc)
			return rc;
		if (comment.n)
			r.note = dy_arena_strndup(&d->_arena, comment.p,
						  comment.n);
		rc = actor_add_code(d, a, &r);
		if (rc)
			return rc;
		p = q + 1;
	}
	return 0;
}

static int load_actors(struct dy_ctx *ctx, struct dy_dict *d,
		       struct lines *L)
{
	struct dy_str line, comment;
	int indented, r, rc;
	struct dy_actor *cur = NULL;
	const char *path = dy_dict_intern(d, L->path, strlen(L->path));
	uint32_t first_actor = d->nactors;

	if (!path)
		return DY_ENOMEM;
	while ((r = next_line(L, &line, &comment, &indented)) > 0) {
		struct dy_str text;
		const char *lb;
		struct dy_phrase *ph;

		if (!memcmp(line.p, "---STOP---", line.n < 10 ? line.n : 10))
			break;
		if (line.p[0] == '[') {
			/* a restriction line (PETRARCH wants a tab; we take
			 * any indentation or none) */
			if (!cur) {
				if (lfail(ctx, L, "date restriction before any "
					  "actor") < 0)
					return DY_EDICT;
				continue;
			}
			rc = read_brackets(ctx, d, L, line, cur, comment);
			if (rc < 0)
				return rc;
			continue;
		}
		lb = memchr(line.p, '[', line.n);
		text = dy_str_trim(dy_str_make(line.p, lb ? (size_t)(lb -
					line.p) : line.n));
		if (line.p[0] == '+') {
			if (!cur) {
				if (lfail(ctx, L, "synonym before any actor") < 0)
					return DY_EDICT;
				continue;
			}
			text = dy_str_trim(dy_str_make(text.p + 1, text.n - 1));
		} else {
			cur = dy_arena_zalloc(&d->_arena, sizeof *cur);
			if (!cur || GROW(d, d->actorv, d->nactors,
					 d->_capactors))
				return DY_ENOMEM;
			cur->name = dy_arena_strndup(&d->_arena, text.p,
						     text.n);
			cur->where = where_of(d, path, L->lineno);
			if (!cur->name || !cur->where)
				return DY_ENOMEM;
			d->actorv[d->nactors++] = cur;
		}
		if (text.n == 0) {
			if (lfail(ctx, L, "empty actor phrase") < 0)
				return DY_EDICT;
			continue;
		}
		rc = make_phrase(ctx, d, L, text, &ph);
		if (rc < 0)
			return rc;
		if (rc > 0)
			continue; /* a lenient load skipped the line */
		ph->actor = cur;
		ph->where = where_of(d, path, L->lineno);
		rc = index_phrase(&d->actors, ph);
		if (rc < 0)
			return rc;
		d->nphrases++;
		rc = article_variant(d, ph);
		if (rc < 0)
			return rc;
		if (lb) {
			rc = read_brackets(ctx, d, L, dy_str_make(lb,
				(size_t)(line.p + line.n - lb)), cur, comment);
			if (rc < 0)
				return rc;
		}
	}
	/* who is a person: everyone in a leaders file; none in dyad's
	 * files of organisations; elsewhere (PETRARCH's files, igos.actors
	 * with its officers) an entry with dated terms and a name of two
	 * or more words that is not an organisation */
	{
		static const char *const orgs[] = { "groups.", "ngos.",
			"parties.", "media.", "countries.", NULL };
		const char *base = strrchr(L->path, '/');
		const char *const *o;
		uint32_t i;
		int leaders, org = 0;

		base = base ? base + 1 : L->path;
		leaders = !strncmp(base, "leaders", 7);
		for (o = orgs; *o; o++)
			org |= !strncmp(base, *o, strlen(*o));
		for (i = first_actor; i < d->nactors; i++) {
			struct dy_actor *a = d->actorv[i];
			const char *us = strchr(a->name, '_');
			int dated = 0, k;

			for (k = 0; k < a->ncodes; k++)
				if (a->codes[k].kind != DY_AR_DEFAULT)
					dated = 1;
			/* "TALIBAN_" is one word: its '_' ends the name */
			a->person = (uint8_t)(leaders ||
				(!org && dated && us && us[1] && us[1] != '_' &&
				 a->ncodes && strncmp(a->codes[0].code,
						      "IGO", 3)));
		}
	}
	return r < 0 ? lfail(ctx, L, "line too long") : 0;
}

#define MAX_SUBST 16
#define MAX_SUBST_ITEMS 32

struct subst {
	char name[64];                          /* "!PERSON!" */
	char items[MAX_SUBST_ITEMS][64];
	int nitems;
};

static int add_agent_phrase(struct dy_ctx *ctx, struct dy_dict *d,
			    const struct lines *L, const char *path,
			    struct dy_str text, const char *code, int prefix)
{
	struct dy_phrase *ph;
	int rc = make_phrase(ctx, d, L, text, &ph);

	if (rc)
		return rc;
	ph->is_agent = 1;
	ph->agent_code = code;
	ph->agent_prefix = (uint8_t)prefix;
	ph->where = where_of(d, path, L->lineno);
	d->nagents++;
	return index_phrase(&d->agents, ph);
}

static int load_agents(struct dy_ctx *ctx, struct dy_dict *d,
		       struct lines *L)
{
	struct dy_str line, comment;
	int indented, r, rc, nsubst = 0, i, k;
	struct subst *subst;
	const char *path = dy_dict_intern(d, L->path, strlen(L->path));

	subst = dy_calloc(MAX_SUBST, sizeof *subst);
	if (!subst || !path) {
		dy_free(subst, MAX_SUBST * sizeof *subst);
		return DY_ENOMEM;
	}
	rc = 0;
	while (rc <= 0 && (r = next_line(L, &line, &comment, &indented)) > 0) {
		if (rc < 0)
			break;
		rc = 0;
		struct dy_str text, code, plur = { 0, 0 };
		const char *lb, *lc, *ac;
		int prefix, noplural = 0;
		char phrase[512], pl[512];

		if (line.p[0] == '!' && memchr(line.p, '=', line.n)) {
			const char *eq = memchr(line.p, '=', line.n);
			struct dy_str name, list;
			struct subst *s;

			if (!eq) {
				rc = lfail(ctx, L, "substitution set without "
					   "'='");
				break;
			}
			if (nsubst == MAX_SUBST) {
				rc = lfail(ctx, L, "too many substitution "
					   "sets");
				break;
			}
			s = &subst[nsubst];
			name = dy_str_trim(dy_str_make(line.p,
						       (size_t)(eq - line.p)));
			if (dy_str_to_cbuf(name, s->name, sizeof s->name)) {
				rc = lfail(ctx, L, "substitution name too "
					   "long");
				break;
			}
			list = dy_str_make(eq + 1,
					   (size_t)(line.p + line.n - eq - 1));
			while (list.n && s->nitems < MAX_SUBST_ITEMS) {
				const char *cm = memchr(list.p, ',', list.n);
				struct dy_str it = dy_str_trim(dy_str_make(
					list.p, cm ? (size_t)(cm - list.p)
						   : list.n));

				if (it.n && dy_str_to_cbuf(it,
					s->items[s->nitems],
					sizeof s->items[0]) == 0)
					s->nitems++;
				if (!cm)
					break;
				list.n -= (size_t)(cm + 1 - list.p);
				list.p = cm + 1;
			}
			nsubst++;
			continue;
		}
		lb = memchr(line.p, '[', line.n);
		if (!lb) {
			rc = lfail(ctx, L, "agent '%.*s' has no [code]",
				   (int)line.n, line.p);
			break;
		}
		if (split_code(dy_str_make(lb, (size_t)(line.p + line.n - lb)),
			       &text, &code) || code.n == 0) {
			rc = lfail(ctx, L, "bad agent code");
			break;
		}
		ac = memchr(code.p, '~', code.n);
		if (!ac) {
			rc = lfail(ctx, L, "agent code '%.*s' has no '~'",
				   (int)code.n, code.p);
			break;
		}
		prefix = ac != code.p;
		code = prefix ? dy_str_trim(dy_str_make(code.p,
						 (size_t)(ac - code.p)))
			      : dy_str_trim(dy_str_make(ac + 1, code.n - 1));
		if (check_code(code)) {
			rc = lfail(ctx, L, "bad agent code");
			break;
		}
		lc = memchr(line.p, '{', (size_t)(lb - line.p));
		text = dy_str_trim(dy_str_make(line.p, (size_t)((lc ? lc : lb)
							     - line.p)));
		if (lc) {
			const char *rb = memchr(lc, '}', (size_t)(lb - lc));

			if (!rb) {
				rc = lfail(ctx, L, "plural has no closing '}'");
				break;
			}
			plur = dy_str_trim(dy_str_make(lc + 1,
						       (size_t)(rb - lc - 1)));
			noplural = 1;
		}
		if (text.n == 0 || text.n >= 400) {
			rc = lfail(ctx, L, "bad agent phrase");
			break;
		}
		{
			const char *cs = intern_code(d, code);
			struct dy_str forms[2];
			int nforms = 0;

			if (!cs) {
				rc = DY_ENOMEM;
				break;
			}
			memcpy(phrase, text.p, text.n);
			phrase[text.n] = '\0';
			if (phrase[text.n - 1] == '_') {
				phrase[text.n - 1] = '\0';
				noplural = 1;
			}
			for (k = 0; phrase[k]; k++)
				phrase[k] = (char)dy_toupper(
					(unsigned char)phrase[k]);
			forms[nforms++] = dy_str_c(phrase);
			/* substitution sets give every form themselves */
			if (strchr(phrase, '!'))
				noplural = 1, plur.n = 0;
			if (!noplural) {
				dy_noun_plural(phrase, pl, sizeof pl);
				forms[nforms++] = dy_str_c(pl);
			} else if (plur.n && plur.n < sizeof pl) {
				memcpy(pl, plur.p, plur.n);
				pl[plur.n] = '\0';
				forms[nforms++] = dy_str_c(pl);
			}
			for (k = 0; k < nforms && !rc; k++) {
				/* expand !SUBST! markers */
				const char *m = strchr(forms[k].p, '!');
				int done = 0;

				for (i = 0; m && i < nsubst && !rc; i++) {
					size_t nl = strlen(subst[i].name);
					int j;

					if (strncmp(m, subst[i].name, nl))
						continue;
					for (j = 0; j < subst[i].nitems && !rc;
					     j++) {
						char ex[600];
						int w = snprintf(ex, sizeof ex,
							"%.*s%s%s",
							(int)(m - forms[k].p),
							forms[k].p,
							subst[i].items[j],
							m + nl);
						if (w < 0 || (size_t)w >=
								sizeof ex)
							continue;
						rc = add_agent_phrase(ctx, d,
							L, path, dy_str_c(ex),
							cs, prefix);
					}
					done = 1;
				}
				if (m && !done && !rc)
					rc = lfail(ctx, L, "unknown "
						   "substitution set in '%s'",
						   forms[k].p);
				if (!m && !rc)
					rc = add_agent_phrase(ctx, d, L, path,
						forms[k], cs, prefix);
			}
		}
	}
	dy_free(subst, MAX_SUBST * sizeof *subst);
	if (rc > 0)
		rc = 0;
	if (!rc && r < 0)
		rc = lfail(ctx, L, "line too long");
	return rc;
}

/* ------------------------------------------------------------------ */
/* Discards and issues                                                 */
/* ------------------------------------------------------------------ */

static int load_discards(struct dy_ctx *ctx, struct dy_dict *d,
			 struct lines *L)
{
	struct dy_str line, comment;
	int indented, r;
	const char *path = dy_dict_intern(d, L->path, strlen(L->path));

	while ((r = next_line(L, &line, &comment, &indented)) > 0) {
		struct dy_discard *x;
		size_t m;
		char *f;

		if (GROW(d, d->discards, d->ndiscards, d->_capdiscards))
			return DY_ENOMEM;
		x = &d->discards[d->ndiscards];
		memset(x, 0, sizeof *x);
		if (line.p[0] == '+') {
			x->story = 1;
			line = dy_str_trim(dy_str_make(line.p + 1, line.n - 1));
		}
		if (line.n && line.p[line.n - 1] == '_') {
			x->whole_word = 1;
			line.n--;
		}
		if (line.n == 0) {
			if (lfail(ctx, L, "empty discard phrase") < 0)
				return DY_EDICT;
			continue;
		}
		f = dy_text_fold(&d->_arena, line.p, line.n, &m);
		if (!f)
			return DY_ENOMEM;
		/* underscores join words in the file; the text has spaces */
		for (size_t i = 0; i < m; i++)
			if (f[i] == '_')
				f[i] = ' ';
		x->text = f;
		x->len = (uint32_t)m;
		x->where = where_of(d, path, L->lineno);
		d->ndiscards++;
	}
	return r < 0 ? lfail(ctx, L, "line too long") : 0;
}

static int add_issue(struct dy_dict *d, const char *text, size_t n,
		     const char *code, const char *where)
{
	struct dy_issue *x;
	char *s;

	if (GROW(d, d->issues, d->nissues, d->_capissues))
		return DY_ENOMEM;
	s = dy_arena_alloc(&d->_arena, n + 3);
	if (!s)
		return DY_ENOMEM;
	s[0] = ' ';
	memcpy(s + 1, text, n);
	s[n + 1] = ' ';
	s[n + 2] = '\0';
	x = &d->issues[d->nissues++];
	x->text = s;
	x->len = (uint32_t)(n + 2);
	x->code = code;
	x->where = where;
	return 0;
}

/* Expand n:/v:/+ prefixes word by word (PETRARCH issues format). */
static int expand_issue(struct dy_dict *d, const char *done, size_t dn,
			const char *rest, const char *code, const char *where,
			int depth)
{
	char buf[1024], w[256], alt[4][300];
	size_t wl = 0;
	int nalt = 0, i, rc = 0;
	const char *sp;

	while (*rest == ' ')
		rest++;
	if (!*rest)
		return add_issue(d, done, dn, code, where);
	if (depth > 16)
		return 0;
	sp = strchr(rest, ' ');
	wl = sp ? (size_t)(sp - rest) : strlen(rest);
	if (wl >= sizeof w)
		return 0;
	memcpy(w, rest, wl);
	w[wl] = '\0';
	if (!strncmp(w, "N:", 2) && wl > 2) {
		snprintf(alt[nalt++], sizeof alt[0], "%s", w + 2);
		dy_noun_plural(w + 2, alt[nalt++], sizeof alt[0]);
	} else if (!strncmp(w, "V:", 2) && wl > 2) {
		const char *f[8];
		char fb[256];
		int k = dy_verb_forms(w + 2, fb, sizeof fb, f);

		snprintf(alt[nalt++], sizeof alt[0], "%s", w + 2);
		for (i = 0; i < k && nalt < 4; i++)
			snprintf(alt[nalt++], sizeof alt[0], "%s", f[i]);
	} else if (strchr(w, '+')) {
		char *p;

		snprintf(alt[nalt++], sizeof alt[0], "%s", w);
		snprintf(alt[nalt++], sizeof alt[0], "%s", w);
		for (p = alt[0]; *p; p++)
			if (*p == '+')
				*p = ' ';
		for (p = alt[1]; *p; p++)
			if (*p == '+')
				*p = '-';
	} else {
		snprintf(alt[nalt++], sizeof alt[0], "%s", w);
	}
	for (i = 0; i < nalt && !rc; i++) {
		int n = snprintf(buf, sizeof buf, "%.*s%s%s", (int)dn, done,
				 dn ? " " : "", alt[i]);
		if (n < 0 || (size_t)n >= sizeof buf)
			continue;
		rc = expand_issue(d, buf, (size_t)n, sp ? sp : "", code, where,
				  depth + 1);
	}
	return rc;
}

static int load_issues(struct dy_ctx *ctx, struct dy_dict *d,
		       struct lines *L)
{
	struct dy_str line, comment;
	int indented, r, rc;
	const char *path = dy_dict_intern(d, L->path, strlen(L->path));

	while ((r = next_line(L, &line, &comment, &indented)) > 0) {
		struct dy_str text, code;
		char up[512];
		const char *cs, *where;
		size_t i;

		if (line.p[0] == '<')
			continue; /* <ISSUE CATEGORY=...> grouping tags */
		if (split_code(line, &text, &code)) {
			if (lfail(ctx, L, "issue code has no closing ']'") < 0)
				return DY_EDICT;
			continue;
		}
		if (line.p[0] == '~') {
			/* ignore phrase: cancels issues for the sentence */
			text = dy_str_trim(dy_str_make(line.p, line.n));
			while (text.n && text.p[0] == '~')
				text.p++, text.n--;
			code = DY_STR_LIT("~");
		}
		if (code.n == 0 || text.n == 0 || text.n >= sizeof up) {
			if (lfail(ctx, L, code.n ? "bad issue phrase"
					: "issue phrase has no [code]") < 0)
				return DY_EDICT;
			continue;
		}
		for (i = 0; i < text.n; i++)
			up[i] = (char)dy_toupper((unsigned char)text.p[i]);
		up[text.n] = '\0';
		cs = intern_code(d, code);
		where = where_of(d, path, L->lineno);
		if (!cs || !where)
			return DY_ENOMEM;
		rc = expand_issue(d, "", 0, up, cs, where, 0);
		if (rc < 0)
			return rc;
	}
	return r < 0 ? lfail(ctx, L, "line too long") : 0;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

static int tsv_fields(char *line, char **f, int max)
{
	int n = 0;

	f[n++] = line;
	while (*line && n < max) {
		if (*line == '\t') {
			*line = '\0';
			f[n++] = line + 1;
		}
		line++;
	}
	return n;
}

static int load_cameo(struct dy_ctx *ctx, struct dy_dict *d,
		      struct lines *L)
{
	const char *p = L->p, *end = L->end;
	int header = 1;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		char line[1024], *f[12], *e;
		struct dy_cameo_info *ci;
		size_t n;
		int nf;
		double g;

		if (!eol)
			eol = end;
		L->lineno++;
		n = (size_t)(eol - p);
		if (n && p[n - 1] == '\r')
			n--;
		if (n >= sizeof line)
			return lfail(ctx, L, "line too long");
		memcpy(line, p, n);
		line[n] = '\0';
		p = eol + 1;
		if (n == 0 || line[0] == '#')
			continue;
		if (header) {
			header = 0;
			if (!strncmp(line, "code\t", 5))
				continue;
		}
		nf = tsv_fields(line, f, 12);
		if (nf < 5)
			return lfail(ctx, L, "expected at least 5 tab-separated "
				     "fields (code name goldstein quad "
				     "plover), got %d", nf);
		if (check_code(dy_str_c(f[0])) || strlen(f[0]) > 5)
			return lfail(ctx, L, "bad CAMEO code '%s'", f[0]);
		g = strtod(f[2], &e);
		if (*e || g < -10 || g > 10)
			return lfail(ctx, L, "bad Goldstein value '%s'", f[2]);
		if (strlen(f[3]) != 1 || f[3][0] < '1' || f[3][0] > '4')
			return lfail(ctx, L, "bad quad class '%s'", f[3]);
		ci = dy_arena_zalloc(&d->_arena, sizeof *ci);
		if (!ci)
			return DY_ENOMEM;
		ci->code = dy_dict_intern(d, f[0], strlen(f[0]));
		ci->name = dy_arena_strdup(&d->_arena, f[1]);
		ci->goldstein = g;
		ci->quad = f[3][0] - '0';
		ci->plover = dy_dict_intern(d, f[4], strlen(f[4]));
		ci->plover_mode = dy_dict_intern(d, nf > 5 ? f[5] : "",
						 nf > 5 ? strlen(f[5]) : 0);
		ci->plover_context = dy_dict_intern(d, nf > 6 ? f[6] : "",
						    nf > 6 ? strlen(f[6]) : 0);
		ci->future = dy_dict_intern(d, nf > 7 ? f[7] : "",
					    nf > 7 ? strlen(f[7]) : 0);
		ci->request = dy_dict_intern(d, nf > 8 ? f[8] : "",
					     nf > 8 ? strlen(f[8]) : 0);
		ci->implied = dy_dict_intern(d, nf > 9 ? f[9] : "",
					     nf > 9 ? strlen(f[9]) : 0);
		ci->refused = dy_dict_intern(d, nf > 10 ? f[10] : "",
					     nf > 10 ? strlen(f[10]) : 0);
		if (!ci->code || !ci->name || !ci->plover || !ci->plover_mode ||
		    !ci->plover_context || !ci->future || !ci->request ||
		    !ci->implied || !ci->refused)
			return DY_ENOMEM;
		if (dy_hash_get(&d->cameo, ci->code, strlen(ci->code)))
			return lfail(ctx, L, "duplicate CAMEO code '%s'",
				     ci->code);
		if (dy_hash_put(&d->cameo, ci->code, strlen(ci->code), ci))
			return DY_ENOMEM;
	}
	return 0;
}

static int load_members(struct dy_ctx *ctx, struct dy_dict *d,
			struct lines *L)
{
	const char *p = L->p, *end = L->end;
	int header = 1;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		char line[1024], *f[8];
		struct dy_member *m;
		size_t n;
		int nf;

		if (!eol)
			eol = end;
		L->lineno++;
		n = (size_t)(eol - p);
		if (n && p[n - 1] == '\r')
			n--;
		if (n >= sizeof line)
			return lfail(ctx, L, "line too long");
		memcpy(line, p, n);
		line[n] = '\0';
		p = eol + 1;
		if (n == 0 || line[0] == '#')
			continue;
		if (header) {
			header = 0;
			if (!strncmp(line, "igo\t", 4))
				continue;
		}
		nf = tsv_fields(line, f, 8);
		if (nf < 2)
			return lfail(ctx, L, "expected igo<TAB>country[<TAB>"
				     "from<TAB>until]");
		if (GROW(d, d->members, d->nmembers, d->_capmembers))
			return DY_ENOMEM;
		m = &d->members[d->nmembers];
		memset(m, 0, sizeof *m);
		m->igo = intern_code(d, dy_str_c(f[0]));
		m->country = intern_code(d, dy_str_c(f[1]));
		if (!m->igo || !m->country || check_code(dy_str_c(f[0])) ||
		    check_code(dy_str_c(f[1])))
			return lfail(ctx, L, "bad code");
		if (nf > 2 && f[2][0] && dy_parse_ymd(dy_str_c(f[2]), &m->from))
			return lfail(ctx, L, "bad date '%s'", f[2]);
		if (nf > 3 && f[3][0] &&
		    dy_parse_ymd(dy_str_c(f[3]), &m->until))
			return lfail(ctx, L, "bad date '%s'", f[3]);
		if (m->from && m->until && m->until < m->from)
			return lfail(ctx, L, "membership ends before it "
				     "starts");
		d->nmembers++;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Public entry points                                                 */
/* ------------------------------------------------------------------ */

static size_t word_len(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && p[i] != ' ')
		i++;
	return i;
}

/* Rebuild the discard and issue indexes (after each load, so the
 * dictionary is immutable once loading is done). */
static int reindex(struct dy_dict *d)
{
	uint32_t i;

	dy_hash_release(&d->discard_idx);
	dy_hash_release(&d->issue_idx);
	d->discard_short = 0;
	/* reverse order so each chain lists phrases in file order */
	for (i = d->ndiscards; i-- > 0;) {
		struct dy_discard *x = &d->discards[i];
		size_t k = word_len(x->text, x->len);
		void **slot;

		if (k > 4)
			k = 4;
		if (k < 4)
			d->discard_short |= 1u << k;
		slot = dy_hash_slot(&d->discard_idx, x->text, k);
		if (!slot)
			return DY_ENOMEM;
		x->next = (int32_t)(intptr_t)*slot - 1;
		*slot = (void *)(intptr_t)(i + 1);
	}
	for (i = d->nissues; i-- > 0;) {
		struct dy_issue *x = &d->issues[i];
		size_t k = word_len(x->text + 1, x->len - 1);
		void **slot = dy_hash_slot(&d->issue_idx, x->text + 1, k);

		if (!slot)
			return DY_ENOMEM;
		x->next = (int32_t)(intptr_t)*slot - 1;
		*slot = (void *)(intptr_t)(i + 1);
	}
	return 0;
}

int dy_dict_index_synsets(struct dy_dict *d)
{
	size_t it = 0;
	struct dy_hash_slot *sl;

	while ((sl = dy_hash_next(&d->synsets, &it)) != NULL) {
		struct dy_synset *y = sl->val;
		uint32_t i;

		dy_hash_release(&y->first);
		y->nested = -1;
		if (!y->nmembers)
			continue;
		y->next = dy_arena_alloc(&d->_arena,
					 y->nmembers * sizeof *y->next);
		if (!y->next)
			return DY_ENOMEM;
		for (i = y->nmembers; i-- > 0;) {
			const struct dy_pel *e = &y->members[i].els[0];
			void **slot;

			if (e->kind != DY_PEL_WORD) {
				y->next[i] = y->nested;
				y->nested = (int32_t)i;
				continue;
			}
			slot = dy_hash_slot(&y->first, e->word,
					    strlen(e->word));
			if (!slot)
				return DY_ENOMEM;
			y->next[i] = (int32_t)(intptr_t)*slot - 1;
			*slot = (void *)(intptr_t)(i + 1);
		}
	}
	return 0;
}

int dy_dict_discards(const struct dy_dict *d, const char *f, size_t n,
		     const char **which)
{
	size_t i;
	int found = 0;

	if (!d || !d->ndiscards)
		return 0;
	for (i = 0; i + 1 < n; i++) {
		size_t l, wl;

		if (f[i] != ' ' && f[i] != '"' && f[i] != '(')
			continue;
		wl = word_len(f + i + 1, n - i - 1);
		for (l = 1; l <= 4 && l <= wl; l++) {
			intptr_t k;

			/* keys are 4 letters long but for short first
			 * words: look up only the lengths there are */
			if (l < 4 && !(d->discard_short & 1u << l))
				continue;
			k = (intptr_t)dy_hash_get(&d->discard_idx, f + i + 1,
						  l);
			while (k > 0) {
				const struct dy_discard *x =
					&d->discards[k - 1];
				char c;

				k = x->next + 1;
				if (x->len > n - i - 1 ||
				    memcmp(f + i + 1, x->text, x->len))
					continue;
				c = f[i + 1 + x->len];
				if (x->whole_word && c != ' ' && c != '.' &&
				    c != '!' && c != '?' && c != ',')
					continue;
				/* a story discard wins over a sentence one */
				if (x->story) {
					if (which)
						*which = x->where;
					return 2;
				}
				if (!found && which)
					*which = x->where;
				found = 1;
			}
		}
	}
	return found;
}

int dy_dict_issues(const struct dy_dict *d, const char *f, size_t n,
		   const char **codes, int *counts, int max)
{
	size_t i;
	int nc = 0, k2;

	if (!d || !d->nissues)
		return 0;
	for (i = 0; i + 1 < n; i++) {
		intptr_t k;

		if (f[i] != ' ')
			continue;
		k = (intptr_t)dy_hash_get(&d->issue_idx, f + i + 1,
					  word_len(f + i + 1, n - i - 1));
		while (k > 0) {
			const struct dy_issue *x = &d->issues[k - 1];

			k = x->next + 1;
			if (x->len > n - i || memcmp(f + i, x->text, x->len))
				continue;
			if (x->code[0] == '~')
				return -1;
			for (k2 = 0; k2 < nc; k2++)
				if (codes[k2] == x->code)
					break;
			if (k2 == nc) {
				if (nc == max)
					continue;
				codes[nc] = x->code;
				counts[nc++] = 0;
			}
			counts[k2]++;
		}
	}
	return nc;
}

static int load_file(struct dy_ctx *ctx, enum dy_dict_kind kind,
		     const char *path, int kb)
{
	struct dy_dict *d = dy_dict_get(ctx);
	struct lines L;
	char *buf;
	size_t n;
	int rc;

	if (!d)
		return dy_fail(ctx, DY_ENOMEM, "out of memory");
	rc = dy_file_read(path, DICT_MAX_FILE, &buf, &n);
	if (rc)
		return dy_fail(ctx, rc, "%s: cannot read: %s", path,
			       rc == DY_ENOTFOUND ? "no such file"
						  : dy_strerror(rc));
	if (dy_utf8_check(buf, n) != n) {
		size_t bad = dy_utf8_check(buf, n), line = 1, i;

		for (i = 0; i < bad; i++)
			line += buf[i] == '\n';
		dy_free(buf, n + 1);
		return dy_fail(ctx, DY_EDICT, "%s:%zu: invalid UTF-8", path,
			       line);
	}
	memset(&L, 0, sizeof L);
	L.p = buf;
	L.end = buf + n;
	L.path = path;
	/* dyad's own files must be clean; PETRARCH's load with warnings
	 * (dyad's TSV tables are never PETRARCH's) */
	L.lenient = !kb && kind != DY_DICT_CAMEO && kind != DY_DICT_MEMBERS;
	L.warn = &d->warnings;
	switch (kind) {
	case DY_DICT_VERBS:
		rc = load_verbs(ctx, d, &L, kb);
		break;
	case DY_DICT_ACTORS: rc = load_actors(ctx, d, &L); break;
	case DY_DICT_AGENTS: rc = load_agents(ctx, d, &L); break;
	case DY_DICT_DISCARDS: rc = load_discards(ctx, d, &L); break;
	case DY_DICT_ISSUES: rc = load_issues(ctx, d, &L); break;
	case DY_DICT_CAMEO: rc = load_cameo(ctx, d, &L); break;
	case DY_DICT_MEMBERS: rc = load_members(ctx, d, &L); break;
	default: rc = dy_fail(ctx, DY_EINVAL, "unknown dictionary kind");
	}
	dy_free(buf, n + 1);
	/* a skipped line in a lenient load is a warning, not a failure */
	if (rc > 0)
		rc = 0;
	if (!rc && (kind == DY_DICT_DISCARDS || kind == DY_DICT_ISSUES))
		rc = reindex(d);
	if (!rc && kind == DY_DICT_VERBS)
		rc = dy_dict_index_synsets(d);
	if (rc == DY_ENOMEM || d->_arena.oom)
		return dy_fail(ctx, DY_ENOMEM, "%s: out of memory", path);
	return rc;
}

int dy_dict_load(struct dy_ctx *ctx, enum dy_dict_kind kind,
		 const char *path)
{
	return load_file(ctx, kind, path, 0);
}

const char *dy_actor_code_on(const struct dy_actor *a, long ymd)
{
	uint16_t i;

	for (i = 0; i < a->ncodes; i++) {
		const struct dy_arange *r = &a->codes[i];

		switch (r->kind) {
		case DY_AR_BEFORE:
			if (ymd && ymd <= r->until)
				return r->code;
			break;
		case DY_AR_AFTER:
			if (ymd && ymd >= r->from)
				return r->code;
			break;
		case DY_AR_RANGE:
			if (ymd && (!r->from || ymd >= r->from) &&
			    (!r->until || ymd <= r->until))
				return r->code;
			break;
		default:
			break;
		}
	}
	for (i = 0; i < a->ncodes; i++)
		if (a->codes[i].kind == DY_AR_DEFAULT)
			return a->codes[i].code;
	return NULL;
}

const struct dy_vform *dy_dict_verb(const struct dy_dict *d,
				    const char *form, size_t n)
{
	return d ? dy_hash_get(&d->verbs, form, n) : NULL;
}

const struct dy_phrase *dy_dict_actor(const struct dy_dict *d,
				      const char *w, size_t n)
{
	return d ? dy_hash_get(&d->actors, w, n) : NULL;
}

const struct dy_phrase *dy_dict_agent(const struct dy_dict *d,
				      const char *w, size_t n)
{
	return d ? dy_hash_get(&d->agents, w, n) : NULL;
}

const struct dy_cameo_info *dy_cameo_lookup(const struct dy_ctx *ctx,
					    const char *code)
{
	if (!ctx->dict || !code)
		return NULL;
	return dy_hash_get(&ctx->dict->cameo, code, strlen(code));
}

static int member_on(const struct dy_member *m, long ymd)
{
	return !ymd || ((!m->from || ymd >= m->from) &&
			(!m->until || ymd <= m->until));
}

int dy_igo_member(const struct dy_ctx *ctx, const char *igo,
		  const char *country, const char *date)
{
	long ymd = 0;
	uint32_t i;

	if (!ctx->dict)
		return 0;
	if (date && dy_parse_ymd(dy_str_c(date), &ymd))
		return 0;
	for (i = 0; i < ctx->dict->nmembers; i++) {
		const struct dy_member *m = &ctx->dict->members[i];

		if (!strcmp(m->igo, igo) && !strcmp(m->country, country) &&
		    member_on(m, ymd))
			return 1;
	}
	return 0;
}

size_t dy_igo_members(const struct dy_ctx *ctx, const char *igo,
		      const char *date, const char **out, size_t max)
{
	long ymd = 0;
	uint32_t i;
	size_t n = 0, k;

	if (!ctx->dict)
		return 0;
	if (date && dy_parse_ymd(dy_str_c(date), &ymd))
		return 0;
	for (i = 0; i < ctx->dict->nmembers; i++) {
		const struct dy_member *m = &ctx->dict->members[i];
		int dup = 0;

		if (strcmp(m->igo, igo) || !member_on(m, ymd))
			continue;
		for (k = 0; k < n && k < max; k++)
			if (out[k] == m->country)
				dup = 1;
		if (dup)
			continue;
		if (n < max)
			out[n] = m->country;
		n++;
	}
	return n;
}

/* The knowledge base: fixed file names plus every *.verbs / *.actors in
 * the verbs/ and actors/ folders, in name order so loads are
 * reproducible. */
#include <dirent.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int load_folder(struct dy_ctx *ctx, const char *dir,
		       const char *sub, const char *ext,
		       enum dy_dict_kind kind)
{
	char path[4096], *names[512];
	size_t n = 0, i, el = strlen(ext);
	DIR *dp;
	struct dirent *de;
	int rc = 0;

	snprintf(path, sizeof path, "%s/%s", dir, sub);
	dp = opendir(path);
	if (!dp)
		return dy_fail(ctx, DY_ENOTFOUND, "%s: cannot open folder",
			       path);
	while ((de = readdir(dp)) != NULL && n < 512) {
		size_t l = strlen(de->d_name);

		if (l > el && !strcmp(de->d_name + l - el, ext)) {
			names[n] = dy_strndup(de->d_name, l);
			if (!names[n]) {
				rc = DY_ENOMEM;
				break;
			}
			n++;
		}
	}
	closedir(dp);
	qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		if (!rc) {
			snprintf(path, sizeof path, "%s/%s/%s", dir, sub,
				 names[i]);
			rc = load_file(ctx, kind, path, 1);
		}
		dy_free(names[i], strlen(names[i]) + 1);
	}
	if (rc == DY_ENOMEM)
		return dy_fail(ctx, rc, "out of memory");
	return rc;
}

int dy_kb_load(struct dy_ctx *ctx, const char *dir)
{
	static const struct {
		const char *name;
		enum dy_dict_kind kind;
	} files[] = {
		{ "cameo.tsv", DY_DICT_CAMEO },
		{ "members.tsv", DY_DICT_MEMBERS },
		{ "agents.txt", DY_DICT_AGENTS },
		{ "discards.txt", DY_DICT_DISCARDS },
		{ "issues.txt", DY_DICT_ISSUES },
	};
	char path[4096];
	size_t i;
	int rc;

	struct dy_dict *d = dy_dict_get(ctx);

	if (!dir)
		dir = dy_kb_default_dir();
	if (!d)
		return dy_fail(ctx, DY_ENOMEM, "out of memory");
	d->kb_dir = dir;
	d->kb_root = dy_arena_strdup(&d->_arena, dir);
	if (!d->kb_root)
		return dy_fail(ctx, DY_ENOMEM, "out of memory");
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
		rc = load_file(ctx, files[i].kind, path, 1);
		if (rc)
			goto out;
	}
	rc = load_folder(ctx, dir, "verbs", ".verbs", DY_DICT_VERBS);
	if (!rc)
		rc = load_folder(ctx, dir, "actors", ".actors",
				 DY_DICT_ACTORS);
	if (!rc)
		rc = dy_ctx_prepare(ctx);
out:
	d->kb_dir = NULL;
	return rc;
}

const char *dy_dict_warnings(const struct dy_ctx *ctx)
{
	return ctx->dict ? ctx->dict->warnings.buf : "";
}

const char *dy_kb_default_dir(void)
{
	const char *env = getenv("DYAD_DATA");

	return env && *env ? env : DY_KB_DIR;
}
