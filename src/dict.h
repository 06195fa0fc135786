/*
 * dict.h: dictionaries in memory.
 *
 * Everything here is loaded once into one long-lived arena (struct
 * dy_dict._arena) and is immutable afterwards, so coding threads and the
 * dashboard can share it without locks.  Words are stored in their
 * matching form (upper case, see text.c's folding), and phrases as arrays
 * of words with a connector flag per word: `open` = other words may come
 * between this word and the next (a space in the file), else they must be
 * adjacent (`_`).
 *
 * Verbs: a block (`--- NAME [CODE] ---`) owns its patterns; every verb of
 * the block points at it, so all verbs of a block share the patterns
 * (PETRARCH's "primary form" indirection).  A form (inflected word) maps
 * to a list of dy_vform: multi-word verbs ("CORDON OFF", "WIRE TAP")
 * first, then the single-word one.
 */
#ifndef DY_DICT_H
#define DY_DICT_H

#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/hash.h"

/* ---- verbs ---- */

/* ORDER DY_PEL */
enum dy_pel_kind {
	DY_PEL_WORD,     /* a literal word */
	DY_PEL_SYN,      /* a synset (&NAME) */
	DY_PEL_SOURCE,   /* $ */
	DY_PEL_TARGET,   /* + */
	DY_PEL_COMPOUND, /* % */
	DY_PEL_SKIP,     /* ^ : skip the rest of a noun phrase */
};

struct dy_synset;

struct dy_pel {
	uint8_t kind;      /* enum dy_pel_kind */
	uint8_t open;      /* connector toward the previous element in
			      matching order: 1 = gaps allowed, 0 = adjacent */
	const char *word;  /* DY_PEL_WORD */
	const struct dy_synset *syn; /* DY_PEL_SYN */
};

/* A synset member: a phrase of words (possibly nested synsets). */
struct dy_synmember {
	struct dy_pel *els; /* in text order; `open` = connector to previous */
	uint16_t nels;
};

struct dy_synset {
	const char *name;              /* "&CURRENCY" */
	struct dy_synmember *members;  /* phrases and generated plurals */
	uint32_t nmembers;
	const char *where;             /* FILE:LINE of the definition */
	const char *ref_where;         /* first use before a definition */
	int defined;                   /* 0 while only referenced */
	struct dy_hash first;          /* first word -> index+1 of the first
					  member starting with it; members
					  chain through next[] */
	int32_t *next;                 /* per member: next with the same
					  first word, or -1 */
	int32_t nested;                /* first member starting with a
					  synset (chained likewise), or -1 */
};

struct dy_pattern {
	struct dy_pel *upper;   /* words before the verb, nearest first */
	struct dy_pel *lower;   /* words after the verb, in order */
	uint16_t nupper, nlower;
	uint16_t weight;        /* specificity: number of words and synsets */
	const char *code;       /* CAMEO code, "---" for none */
	const char *code2;      /* second code of a symmetric "a:b", or NULL */
	uint8_t reverse;        /* PETRARCH-2 ":b": code b from the target
				   to the source */
	const char *where;      /* "FILE:LINE" */
	uint32_t order;         /* position in the file(s), for stable sort */
	uint8_t lemma;          /* words may match a token's lemma (dyad's
				   own dictionaries; PETRARCH's match the
				   text exactly) */
	uint64_t need;          /* dy_word_bit() of every literal word: a
				   clause without them all cannot match */
};

/* A word's bit in a 64-bit signature: dictionary words are interned, so
 * the pointer stands for the word. */
static inline uint64_t dy_word_bit(const char *w)
{
	return (uint64_t)1 << ((((uintptr_t)w >> 3) * 0x9E3779B97F4A7C15u)
			       >> 58);
}

struct dy_vblock {
	const char *name;            /* block description */
	const char *code;            /* default code of its verbs */
	const char *where;           /* FILE:LINE of the header */
	struct dy_pattern *pats;     /* sorted: weight desc, then order */
	uint32_t npats, _cap;
	const char *lemma;           /* first verb of the block */
};

struct dy_vform {
	struct dy_vblock *block;     /* patterns */
	const char *code;            /* the bare verb's code, "---" none */
	const char *lemma;           /* base form ("CORDON_OFF") */
	const char *where;           /* FILE:LINE of the verb line */
	const char **mw;             /* other words of a multi-word verb */
	uint8_t nmw;                 /* their count, 0 for a single word */
	uint8_t generated;           /* a regular or WordNet form, not one
					written in the dictionary: yields to
					an entry that was written */
	uint8_t mw_after;            /* 1: the other words follow the verb
					("CORDON OFF"); 0: precede it, stored
					nearest-first ("WIRE TAP") */
	struct dy_vform *next;       /* other entries for the same form */
};

/* ---- actors and agents ---- */

enum dy_arange_kind { DY_AR_DEFAULT, DY_AR_BEFORE, DY_AR_AFTER,
		      DY_AR_RANGE };

struct dy_arange {
	const char *code; /* actor code */
	long from, until; /* yyyymmdd, inclusive; 0 = open */
	uint8_t kind;     /* enum dy_arange_kind */
	const char *note; /* comment on the restriction line, or NULL */
	uint32_t line;    /* line of the restriction */
};

struct dy_actor {
	const char *name;         /* primary phrase, as written */
	const char *where;        /* FILE:LINE of the primary phrase */
	struct dy_arange *codes;  /* restrictions then defaults, file order */
	uint16_t ncodes;
	uint8_t person;           /* a person (leaders files, or dated
				     terms under a multi-word name) */
};

/* One phrase (actor name, synonym, agent) keyed by its first word. */
struct dy_phrase {
	const char **words;       /* words[0] is the key */
	uint8_t *open;            /* open[i]: gap allowed after words[i] */
	uint8_t nwords;
	uint8_t is_agent;
	uint8_t adj1;             /* words[1] must follow words[0] directly */
	const char *w1;           /* words[1], or NULL: kept here so a long
				     list is scanned without touching words */
	struct dy_actor *actor;   /* for actors */
	const char *agent_code;   /* for agents: "GOV" */
	uint8_t agent_prefix;     /* 1 for "NGO~" (code goes first) */
	const char *where;        /* FILE:LINE */
	struct dy_phrase *next;   /* same key, longer phrases first */
};

/* ---- discards and issues ---- */

struct dy_discard {
	const char *text;         /* upper case, ASCII-folded */
	uint32_t len;
	uint8_t story;            /* '+': discard the whole story */
	uint8_t whole_word;       /* trailing '_': must end at a word end */
	const char *where;
	int32_t next;             /* next discard with the same index key */
};

struct dy_issue {
	const char *text;         /* " PHRASE " with spaces around */
	uint32_t len;
	const char *code;         /* issue code, "~" prefix = ignore */
	const char *where;
	int32_t next;             /* next issue with the same first word */
};

/* ---- tables ---- */

struct dy_member {
	const char *igo, *country;
	long from, until; /* 0 = open */
};

struct dy_dict {
	struct dy_arena _arena;     /* owns everything below */
	const char *kb_dir;         /* folder of the knowledge base being
				       loaded (entries are named from it),
				       NULL otherwise */
	const char *kb_root;        /* folder of the loaded knowledge base,
				       which its entries' names are relative
				       to; NULL when none was loaded */
	struct dy_hash verbs;       /* form -> struct dy_vform list */
	struct dy_hash synsets;     /* "&NAME" -> struct dy_synset */
	struct dy_hash actors;      /* first word -> struct dy_phrase list */
	struct dy_hash agents;      /* first word -> struct dy_phrase list */
	struct dy_hash cameo;       /* code -> struct dy_cameo_info */
	struct dy_hash strings;     /* interned words and codes */
	struct dy_vblock **blocks;  /* all verb blocks */
	uint32_t nblocks, _capblocks;
	struct dy_actor **actorv;   /* all actors, load order */
	uint32_t nactors, _capactors;
	struct dy_discard *discards;
	uint32_t ndiscards, _capdiscards;
	struct dy_issue *issues;
	uint32_t nissues, _capissues;
	unsigned discard_short;     /* bit l set: a discard's first word has
				       l < 4 letters (index keys that short) */
	struct dy_hash discard_idx; /* first <= 4 letters -> discard index+1
				       (a phrase may be a stem: TYPHOON
				       also discards TYPHOONS) */
	struct dy_hash issue_idx;   /* first word -> issue index+1 */
	struct dy_member *members;
	uint32_t nmembers, _capmembers;
	struct dy_buf warnings;     /* skipped lines of lenient loads */
	uint32_t npatterns;         /* total verb patterns */
	uint32_t nverbforms;        /* total verb forms */
	uint32_t nphrases;          /* actor phrases */
	uint32_t nagents;           /* agent phrases */
	uint32_t order;             /* running pattern order */
};

struct dy_ctx;

DY_INTERNAL struct dy_dict *dy_dict_get(struct dy_ctx *ctx);
DY_INTERNAL void dy_dict_free(struct dy_dict *d);
DY_INTERNAL const char *dy_dict_intern(struct dy_dict *d, const char *s,
				       size_t n);
/* The code an actor has on date ymd (0 = undated), or NULL. */
DY_INTERNAL const char *dy_actor_code_on(const struct dy_actor *a,
					 long ymd);
/* Lists for a form; NULL when the word is not in the dictionary. */
DY_INTERNAL const struct dy_vform *dy_dict_verb(const struct dy_dict *d,
						const char *form, size_t n);
DY_INTERNAL const struct dy_phrase *dy_dict_actor(const struct dy_dict *d,
						  const char *w, size_t n);
DY_INTERNAL const struct dy_phrase *dy_dict_agent(const struct dy_dict *d,
						  const char *w, size_t n);
/* Index every synset's members by first word; called after each load
 * so the dictionary is immutable once loading is done. */
DY_INTERNAL int dy_dict_index_synsets(struct dy_dict *d);
/* Discard phrases in a folded " SENTENCE " (spaces around, white space
 * as ' '): 2 story discard, 1 sentence discard, 0 none. */
DY_INTERNAL int dy_dict_discards(const struct dy_dict *d, const char *f,
				 size_t n, const char **which);
/* Issue codes of a folded " SENTENCE ": fills codes/counts (up to max,
 * distinct codes in order of first match); returns how many, or -1
 * when an ignore phrase cancels the sentence's issues. */
DY_INTERNAL int dy_dict_issues(const struct dy_dict *d, const char *f,
			       size_t n, const char **codes, int *counts,
			       int max);
/* Regular inflections, as PETRARCH makes them.  out gets up to 4
 * NUL-terminated forms written into buf; returns their number. */
DY_INTERNAL int dy_verb_forms(const char *lemma, char *buf, size_t bufsz,
			      const char **out);
DY_INTERNAL void dy_noun_plural(const char *w, char *out, size_t outsz);

#endif
