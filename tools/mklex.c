/*
 * mklex.c: build the shallow front-end's word table from WordNet.
 *
 * Usage: mklex WORDNET_DIR > shallow_lex.h
 *
 * Reads, from WORDNET_DIR (Debian wordnet-base: /usr/share/wordnet):
 *
 *   index.noun index.verb index.adj index.adv   which parts of speech a
 *                                               word can have;
 *   noun.exc verb.exc adj.exc                   irregular forms ("men
 *                                               man", "took take",
 *                                               "better good");
 *   cntlist.rev                                 sense-tagged counts, summed
 *                                               per word and part of
 *                                               speech: how common each
 *                                               reading is;
 *   data.noun                                   the spelling of each noun
 *                                               sense, to tell names
 *                                               ("Russia") from common
 *                                               nouns.
 *
 * and writes a C header for src/shallow.c: a string blob of records and
 * an open-addressing hash table over it, with the hash function, so the
 * library needs neither the WordNet files nor any start-up time.  Words
 * with spaces (WordNet's "_" collocations) are left out.  A record is
 *
 *   flags (2 bytes, little endian, LX_*), counts (2 bytes: noun << 4 |
 *   verb, adj << 4 | adv, each 0 or 1 + log2 of the count, at most 15),
 *   the upper-case word, NUL, its lemma for irregular forms (upper case,
 *   empty when none), NUL
 *
 * and a slot holds 1 + the record's offset, 0 when empty.  The output is
 * a pure function of the input files.  This is a build tool: it reports
 * errors on stderr and exits non-zero.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ORDER LX: keep in step with the LX_* names in the output below. */
enum {
	LX_N = 1 << 0,    /* noun (base form) */
	LX_V = 1 << 1,    /* verb (base form) */
	LX_J = 1 << 2,    /* adjective */
	LX_R = 1 << 3,    /* adverb */
	LX_PROPER = 1 << 4, /* every noun sense is a name (capitalised) */
	LX_NNS = 1 << 5,  /* irregular plural (noun.exc) */
	LX_VBD = 1 << 6,  /* irregular past tense (verb.exc) */
	LX_VBN = 1 << 7,  /* irregular past participle (verb.exc) */
	LX_VBG = 1 << 8,  /* -ing form listed in verb.exc */
	LX_VBZ = 1 << 9,  /* -s form listed in verb.exc */
	LX_JJR = 1 << 10, /* comparative (adj.exc) */
	LX_JJS = 1 << 11, /* superlative (adj.exc) */
	LX_COMMON = 1 << 12, /* some noun sense is not a name (scratch) */
};

#define NSLOTS (1u << 18)
#define MAXWORD 64

struct ent {
	char word[MAXWORD];
	char lemma[MAXWORD];
	unsigned flags;
	unsigned long cnt[4]; /* noun verb adj adv */
};

static struct ent *ents;
static size_t nents, capents;
static uint32_t *slots; /* 1 + index into ents */

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "mklex: %s%s%s\n", msg, arg ? " " : "",
		arg ? arg : "");
	exit(1);
}

/* FNV-1a; the same function is written into the output. */
static uint32_t hash(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 16777619u;
	}
	return h;
}

/* The entry for upper-case word w, created when absent. */
static struct ent *get(const char *w)
{
	uint32_t h = hash(w, strlen(w)) & (NSLOTS - 1);

	while (slots[h]) {
		struct ent *e = &ents[slots[h] - 1];

		if (!strcmp(e->word, w))
			return e;
		h = (h + 1) & (NSLOTS - 1);
	}
	if (nents * 10 >= (size_t)NSLOTS * 7)
		die("too many words for the table", NULL);
	if (nents == capents) {
		capents = capents ? capents * 2 : 65536;
		ents = realloc(ents, capents * sizeof *ents);
		if (!ents)
			die("out of memory", NULL);
	}
	memset(&ents[nents], 0, sizeof ents[nents]);
	snprintf(ents[nents].word, MAXWORD, "%s", w);
	slots[h] = (uint32_t)(++nents);
	return &ents[nents - 1];
}

/* Upper-case copy of the word at p (up to a space or end) into out;
 * returns 0 for a word that cannot go in the table. */
static int word(const char *p, char *out)
{
	size_t n = 0;

	while (*p && *p != ' ' && *p != '\n' && *p != '%') {
		if (*p == '_' || n + 1 >= MAXWORD ||
		    (unsigned char)*p >= 0x80)
			return 0;
		out[n++] = (char)toupper((unsigned char)*p);
		p++;
	}
	out[n] = '\0';
	return n > 0;
}

static FILE *open_in(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "mklex: cannot open %s: %s\n", path,
			strerror(errno));
		exit(1);
	}
	return f;
}

static void read_index(const char *dir, const char *name, unsigned flag)
{
	FILE *f = open_in(dir, name);
	char line[16384], w[MAXWORD];

	while (fgets(line, sizeof line, f)) {
		if (line[0] == ' ')
			continue; /* licence header */
		if (word(line, w))
			get(w)->flags |= flag;
	}
	fclose(f);
}

/* Classify an irregular verb form against the other forms of its lemma:
 * "took"/"taken" -> VBD/VBN, "sent" -> both. */
static unsigned verb_form_class(const char *form, const char *lemma,
				char (*forms)[MAXWORD], size_t nforms)
{
	size_t n = strlen(form), i, strong = 0, en = 0;

	if (n > 3 && !strcmp(form + n - 3, "ING"))
		return LX_VBG;
	if (n > 2 && !strcmp(form + n - 2, "ED"))
		return LX_VBD | LX_VBN;
	if (n > 1 && form[n - 1] == 'S' && lemma[strlen(lemma) - 1] != 'S')
		return LX_VBZ;
	/* the strong forms of the same lemma */
	for (i = 0; i < nforms; i++) {
		size_t m = strlen(forms[i]);

		if ((m > 2 && !strcmp(forms[i] + m - 2, "ED")) ||
		    (m > 3 && !strcmp(forms[i] + m - 3, "ING")))
			continue;
		strong++;
		if ((m > 1 && forms[i][m - 1] == 'N') ||
		    (m > 2 && !strcmp(forms[i] + m - 2, "NE")) ||
		    strchr(forms[i], 'U'))
			en++;
	}
	if (strong >= 2 && en >= 1 && en < strong) {
		if ((n > 1 && form[n - 1] == 'N') ||
		    (n > 2 && !strcmp(form + n - 2, "NE")) ||
		    strchr(form, 'U'))
			return LX_VBN;
		return LX_VBD;
	}
	return LX_VBD | LX_VBN;
}

struct pair {
	char form[MAXWORD], lemma[MAXWORD];
};

static void read_verb_exc(const char *dir)
{
	FILE *f = open_in(dir, "verb.exc");
	char line[1024], a[MAXWORD], b[MAXWORD];
	struct pair *p = NULL;
	size_t np = 0, cap = 0, i, j;

	while (fgets(line, sizeof line, f)) {
		char *sp = strchr(line, ' ');

		if (!sp || !word(line, a) || !word(sp + 1, b))
			continue;
		if (np == cap) {
			cap = cap ? cap * 2 : 4096;
			p = realloc(p, cap * sizeof *p);
			if (!p)
				die("out of memory", NULL);
		}
		memcpy(p[np].form, a, MAXWORD);
		memcpy(p[np].lemma, b, MAXWORD);
		np++;
	}
	fclose(f);
	for (i = 0; i < np; i++) {
		char forms[16][MAXWORD];
		size_t nf = 0;
		struct ent *e;

		for (j = 0; j < np && nf < 16; j++)
			if (!strcmp(p[j].lemma, p[i].lemma))
				memcpy(forms[nf++], p[j].form, MAXWORD);
		e = get(p[i].form);
		e->flags |= verb_form_class(p[i].form, p[i].lemma, forms, nf);
		/* a verb lemma beats a noun or adjective one */
		memcpy(e->lemma, p[i].lemma, MAXWORD);
	}
	free(p);
}

/* Verbs whose past tense and participle are the base form: verb.exc
 * lists only forms that differ, so "has been put" would find no
 * participle. */
static void unchanged_pasts(void)
{
	static const char *const v[] = { "BET", "BID", "BROADCAST", "BURST",
		"CAST", "COST", "CUT", "FIT", "FORECAST", "HIT", "HURT", "LET",
		"PUT", "QUIT", "READ", "RID", "SET", "SHED", "SHUT", "SLIT",
		"SPLIT", "SPREAD", "THRUST", "UPSET", "RESET", "OFFSET",
		"OUTBID", "RECAST", "REREAD", "TELECAST", "WEBCAST", NULL };
	const char *const *w;

	for (w = v; *w; w++) {
		struct ent *e = get(*w);

		e->flags |= LX_VBD | LX_VBN;
		if (!e->lemma[0])
			snprintf(e->lemma, MAXWORD, "%s", *w);
	}
}

static void read_exc(const char *dir, const char *name, int adj)
{
	FILE *f = open_in(dir, name);
	char line[1024], a[MAXWORD], b[MAXWORD];

	while (fgets(line, sizeof line, f)) {
		char *sp = strchr(line, ' ');
		struct ent *e;
		size_t n;

		if (!sp || !word(line, a) || !word(sp + 1, b))
			continue;
		e = get(a);
		n = strlen(a);
		if (!adj)
			e->flags |= LX_NNS;
		else if (n > 3 && !strcmp(a + n - 3, "EST"))
			e->flags |= LX_JJS;
		else if (n > 2 && !strcmp(a + n - 2, "ER"))
			e->flags |= LX_JJR;
		else if (!strcmp(a, "BEST") || !strcmp(a, "MOST") ||
			 !strcmp(a, "LEAST"))
			e->flags |= LX_JJS;
		else
			e->flags |= LX_JJR;
		if (!e->lemma[0])
			memcpy(e->lemma, b, MAXWORD);
	}
	fclose(f);
}

/* cntlist.rev: "lemma%ss_type:..." sense_number count */
static void read_counts(const char *dir)
{
	FILE *f = open_in(dir, "cntlist.rev");
	char line[1024], w[MAXWORD];

	while (fgets(line, sizeof line, f)) {
		char *pct = strchr(line, '%'), *sp, *end;
		unsigned long c;
		int ss;
		struct ent *e;

		if (!pct || !word(line, w))
			continue;
		ss = pct[1] - '0';
		sp = strrchr(line, ' ');
		if (!sp || ss < 1 || ss > 5)
			continue;
		errno = 0;
		c = strtoul(sp + 1, &end, 10);
		if (errno || end == sp + 1)
			continue;
		e = get(w);
		e->cnt[ss == 5 ? 2 : ss - 1] += c;
	}
	fclose(f);
}

/* data.noun: "offset lexfile ss_type w_cnt(hex) word lex_id ..." */
static void read_names(const char *dir)
{
	FILE *f = open_in(dir, "data.noun");
	static char line[1 << 16];
	char w[MAXWORD];

	while (fgets(line, sizeof line, f)) {
		char *p = line, *end;
		unsigned long n, i;
		int k;

		if (line[0] == ' ')
			continue;
		for (k = 0; k < 3 && p; k++) {
			p = strchr(p, ' ');
			if (p)
				p++;
		}
		if (!p)
			continue;
		n = strtoul(p, &end, 16);
		p = end;
		for (i = 0; i < n && p && *p == ' '; i++) {
			int cap = isupper((unsigned char)p[1]);

			if (word(p + 1, w)) {
				struct ent *e = get(w);

				e->flags |= cap ? LX_PROPER : LX_COMMON;
			}
			p = strchr(p + 1, ' ');     /* lex_id */
			if (p)
				p = strchr(p + 1, ' '); /* next word */
		}
	}
	fclose(f);
}

static unsigned quant(unsigned long c)
{
	unsigned q = 0;

	if (!c)
		return 0;
	while (c > 1 && q < 14) {
		c >>= 1;
		q++;
	}
	return q + 1;
}

static void put_byte(unsigned b, size_t *col)
{
	printf("\\%03o", b & 0xff);
	*col += 4;
}

static void put_str(const char *s, size_t *col)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\' || *s == '?' ||
		    !isprint((unsigned char)*s)) {
			put_byte((unsigned char)*s, col);
		} else {
			putchar(*s);
			(*col)++;
		}
	}
}

int main(int argc, char **argv)
{
	uint32_t *off, i, pos = 0;
	size_t col;

	if (argc != 2) {
		fprintf(stderr, "usage: mklex WORDNET_DIR > shallow_lex.h\n");
		return 2;
	}
	slots = calloc(NSLOTS, sizeof *slots);
	if (!slots)
		die("out of memory", NULL);
	read_index(argv[1], "index.noun", LX_N);
	read_index(argv[1], "index.verb", LX_V);
	read_index(argv[1], "index.adj", LX_J);
	read_index(argv[1], "index.adv", LX_R);
	read_verb_exc(argv[1]);
	unchanged_pasts();
	read_exc(argv[1], "noun.exc", 0);
	read_exc(argv[1], "adj.exc", 1);
	read_counts(argv[1]);
	read_names(argv[1]);
	off = calloc(nents ? nents : 1, sizeof *off);
	if (!off)
		die("out of memory", NULL);
	printf("/* Generated by tools/mklex.c from WordNet: do not edit. */\n"
	       "#define LX_N 0x%x\n#define LX_V 0x%x\n#define LX_J 0x%x\n"
	       "#define LX_R 0x%x\n#define LX_PROPER 0x%x\n"
	       "#define LX_NNS 0x%x\n#define LX_VBD 0x%x\n"
	       "#define LX_VBN 0x%x\n#define LX_VBG 0x%x\n"
	       "#define LX_VBZ 0x%x\n#define LX_JJR 0x%x\n"
	       "#define LX_JJS 0x%x\n#define LX_NSLOTS %uu\n"
	       "#define LX_NWORDS %zu\n\n",
	       LX_N, LX_V, LX_J, LX_R, LX_PROPER, LX_NNS, LX_VBD, LX_VBN,
	       LX_VBG, LX_VBZ, LX_JJR, LX_JJS, NSLOTS, nents);
	printf("static inline uint32_t lx_hash(const char *p, size_t n)\n"
	       "{\n\tuint32_t h = 2166136261u;\n\tsize_t i;\n\n"
	       "\tfor (i = 0; i < n; i++) {\n"
	       "\t\th ^= (unsigned char)p[i];\n\t\th *= 16777619u;\n\t}\n"
	       "\treturn h;\n}\n\n");
	printf("static const char lx_blob[] =\n");
	for (i = 0; i < nents; i++) {
		struct ent *e = &ents[i];
		unsigned fl = e->flags;

		if ((fl & LX_PROPER) && (fl & LX_COMMON))
			fl &= ~(unsigned)LX_PROPER;
		fl &= ~(unsigned)LX_COMMON;
		e->flags = fl;
		off[i] = pos;
		col = 1;
		putchar('"');
		put_byte(fl & 0xff, &col);
		put_byte(fl >> 8, &col);
		put_byte(quant(e->cnt[0]) << 4 | quant(e->cnt[1]), &col);
		put_byte(quant(e->cnt[2]) << 4 | quant(e->cnt[3]), &col);
		put_str(e->word, &col);
		put_byte(0, &col);
		put_str(e->lemma, &col);
		printf(i + 1 < nents ? "\\000\"\n" : "\";\n\n");
		pos += 4 + (uint32_t)strlen(e->word) + 1 +
		       (uint32_t)strlen(e->lemma) + 1;
	}
	if (!nents)
		printf("\"\";\n\n");
	printf("static const uint32_t lx_slots[LX_NSLOTS] = {\n");
	col = 0;
	for (i = 0; i < NSLOTS; i++) {
		char num[16];
		int k = snprintf(num, sizeof num, "%u,",
				 slots[i] ? off[slots[i] - 1] + 1 : 0);

		if (col + (size_t)k > 78) {
			putchar('\n');
			col = 0;
		}
		fputs(num, stdout);
		col += (size_t)k;
	}
	printf("\n};\n");
	free(off);
	free(slots);
	free(ents);
	if (fflush(stdout) || ferror(stdout))
		die("write error", NULL);
	return 0;
}
