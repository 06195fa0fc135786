/*
 * sent.h: the one internal form of a parsed sentence.
 *
 * Three front-ends fill it -- the Penn Treebank reader (tree.c), the Link
 * Grammar front-end (lg.c) and the shallow front-end (shallow.c) -- and
 * every later stage (actors.c, match.c, context.c) reads only this.  A
 * sentence is:
 *
 *   tokens   words and punctuation with their byte offsets in the story
 *            text, an upper-case matching form, a Penn POS tag and a lemma;
 *   nps      noun phrases (the only things that can become actors), with
 *            coordination ("Armenia and Belarus") and possession ("Kazakh
 *            President Tokayev's adherers") made explicit;
 *   pps      prepositional phrases: a preposition and its object NP,
 *            attached to a clause or to an NP;
 *   clauses  one per lexical verb: the verb, its subject, objects, PPs,
 *            voice, negation, auxiliaries, the token ranges PETRARCH-style
 *            patterns are matched over, and the clause that governs it (so
 *            "X said that Y attacked Z" keeps both clauses, the second
 *            with rel DY_REL_CCOMP and parent = the "said" clause).
 *
 * Everything lives in the story's arena.  Indices are uint16_t because a
 * sentence is capped at DY_MAX_SENTENCE_TOKENS tokens; -1 means "none".
 */
#ifndef DY_SENT_H
#define DY_SENT_H

#include <stdint.h>

#include "base/arena.h"
#include "base/str.h"
#include "dyad.h"

/* Penn Treebank tags.  ORDER DY_POS: keep in step with dy_pos_names[]. */
enum dy_pos {
	DY_POS_OTHER, /* anything not listed; punctuation other than , . */
	DY_POS_CC, DY_POS_CD, DY_POS_DT, DY_POS_EX, DY_POS_FW, DY_POS_IN,
	DY_POS_JJ, DY_POS_JJR, DY_POS_JJS, DY_POS_LS, DY_POS_MD, DY_POS_NN,
	DY_POS_NNS, DY_POS_NNP, DY_POS_NNPS, DY_POS_PDT, DY_POS_POS,
	DY_POS_PRP, DY_POS_PRPS, DY_POS_RB, DY_POS_RBR, DY_POS_RBS,
	DY_POS_RP, DY_POS_SYM, DY_POS_TO, DY_POS_UH, DY_POS_VB, DY_POS_VBD,
	DY_POS_VBG, DY_POS_VBN, DY_POS_VBP, DY_POS_VBZ, DY_POS_WDT,
	DY_POS_WP, DY_POS_WPS, DY_POS_WRB,
	DY_POS_COMMA,  /* , */
	DY_POS_PERIOD, /* . ! ? */
	DY_POS_COLON,  /* : ; -- */
	DY_POS_QUOTE,  /* `` '' " ' */
	DY_POS_LRB, DY_POS_RRB, /* ( ) */
	DY_POS__COUNT
};

DY_INTERNAL const char *const dy_pos_names[DY_POS__COUNT];
/* Tag text ("NNP", ",", "-LRB-") to enum; DY_POS_OTHER if unknown. */
DY_INTERNAL enum dy_pos dy_pos_from_tag(const char *tag, size_t n);

static inline int dy_pos_is_noun(int p)
{
	return p >= DY_POS_NN && p <= DY_POS_NNPS;
}

static inline int dy_pos_is_verb(int p)
{
	return p >= DY_POS_VB && p <= DY_POS_VBZ;
}

enum dy_tok_flags {
	DY_TOK_CAP = 1 << 0,     /* starts with an upper-case letter */
	DY_TOK_SKIP = 1 << 1,    /* removed from matching (comma clause) */
	DY_TOK_SPACE = 1 << 2,   /* preceded by white space in the text */
	DY_TOK_ALLCAP = 1 << 3,  /* all letters upper case (acronym) */
	DY_TOK_NEG = 1 << 4,     /* negation word: not, n't, never, no */
};

struct dy_tok {
	uint32_t off;      /* first byte in the story text */
	uint32_t len;      /* bytes in the story text */
	const char *form;  /* matching form: upper case ASCII where possible,
			      curly quotes/dashes folded; NUL-terminated */
	const char *lemma; /* upper-case lemma (verbs, plural nouns), else
			      == form */
	const char *dform; /* the dictionary's interned copy of form, or
			      NULL when no dictionary has the word: words
			      then compare by pointer (set by actors.c) */
	const char *dlemma;/* the same for lemma */
	uint16_t flen;     /* strlen(form) */
	uint8_t pos;       /* enum dy_pos */
	uint8_t flags;     /* enum dy_tok_flags */
};

enum dy_np_flags {
	DY_NP_COORD = 1 << 0,    /* umbrella of a coordination: its
				    conjuncts are the NPs whose `parent` is
				    this one, chained by next_conj */
	DY_NP_PRONOUN = 1 << 1,  /* a personal pronoun (he, they, its) */
	DY_NP_POSSESSOR = 1 << 2, /* "X's" or "its": owns NP `owner` */
	DY_NP_IN_PP = 1 << 3,    /* object of a preposition */
	DY_NP_APPOS = 1 << 4,    /* apposition to NP `owner` */
	DY_NP_DEFINITE = 1 << 5, /* starts with "the"/"this"/"that" */
	DY_NP_DELETED = 1 << 6,  /* all its words removed from matching */
};

struct dy_np {
	uint16_t first;     /* first token */
	uint16_t last;      /* one past the last token */
	uint16_t head;      /* head noun (or the pronoun) */
	uint16_t flags;     /* enum dy_np_flags */
	int16_t parent;     /* coordination umbrella this is a conjunct of */
	int16_t next_conj;  /* next conjunct of the same umbrella */
	int16_t owner;      /* POSSESSOR: the possessed NP; APPOS: the NP it
			       renames; else -1 */
	int16_t pp;         /* IN_PP: index of its PP in sent->pps */
	const uint16_t *words; /* tokens actor resolution reads when they
				  are not simply first..last: a conjunct
				  with the modifiers it shares ("lawmakers
				  in" + "Gondor"), or an NP without its
				  possessive 's; NULL otherwise */
	uint16_t nwords;    /* length of words */
	/* Filled by actor resolution (actors.c): */
	const char *code;   /* full actor code ("KAZGOV"), or NULL */
	uint16_t code_first;/* tokens of the dictionary phrase that gave */
	uint16_t code_last; /*   the actor part of `code` */
	const char *entry;  /* dictionary entry "FILE:LINE" of the actor */
	int16_t antecedent; /* coreference: NP index in `ante_sent` */
	int16_t ante_sent;  /*   sentence index, -1 none */
	uint8_t person;     /* the actor entry is a person */
	uint8_t coref;      /* the code came from another mention */
};

struct dy_pp {
	uint16_t prep;   /* the preposition token (IN or TO) */
	int16_t np;      /* its object NP, -1 if not a noun phrase */
	int16_t clause;  /* clause whose predicate it modifies, or -1 */
	int16_t np_head; /* NP it modifies (attached to a noun), or -1 */
};

/* ORDER DY_REL */
enum dy_clause_rel {
	DY_REL_ROOT,   /* main clause */
	DY_REL_CCOMP,  /* complement: "said that [..]", "announced [..]" */
	DY_REL_XCOMP,  /* open complement: "agreed [to send ..]" */
	DY_REL_CONJ,   /* coordinated: "[..] and [..]" */
	DY_REL_RELCL,  /* relative: "protesters who [..]" */
	DY_REL_ADVCL,  /* adverbial: "after [..]", "if [..]" */
	DY_REL_PARTMOD,/* participial: "troops [sent to ..]" */
	DY_REL__COUNT
};

enum dy_aux_flags {
	DY_AUX_WILL = 1 << 0,   /* will, shall, 'll, going to */
	DY_AUX_WOULD = 1 << 1,  /* would, should */
	DY_AUX_MODAL = 1 << 2,  /* can, could, may, might, must */
	DY_AUX_PERF = 1 << 3,   /* have/has/had + VBN */
	DY_AUX_PROG = 1 << 4,   /* be + VBG */
	DY_AUX_TO = 1 << 5,     /* infinitive "to" */
	DY_AUX_DO = 1 << 6,     /* do-support */
	DY_AUX_QUESTION = 1 << 7, /* subject-auxiliary inversion */
};

struct dy_clause {
	uint16_t verb;      /* the lexical verb (head of the VP) */
	uint16_t first;     /* first token of the clause */
	uint16_t last;      /* one past its last token */
	uint16_t vp_last;   /* one past the last token of the verb phrase:
			       the "lower" sequence is verb+1 .. vp_last */
	uint16_t up_first;  /* first token of the "upper" sequence, which
			       runs up_first .. verb-1 */
	uint16_t pp_first;  /* first of its PPs in sent->pps (contiguous) */
	uint16_t pp_count;  /* number of PPs */
	int16_t subj;       /* subject NP (a COORD umbrella for compounds) */
	int16_t obj;        /* direct object NP */
	int16_t obj2;       /* second object ("gave X aid") */
	int16_t agent;      /* passive "by X" NP */
	int16_t parent;     /* governing clause, -1 for a root */
	int16_t particle;   /* particle token ("cut off"), -1 none */
	uint8_t rel;        /* enum dy_clause_rel */
	uint8_t passive;    /* 1 when passive voice */
	uint8_t neg;        /* 1 when negated ("did not", "never") */
	uint8_t aux;        /* enum dy_aux_flags */
};

enum dy_frontend {
	DY_FE_NONE,
	DY_FE_TREEBANK,
	DY_FE_LINKGRAMMAR,
	DY_FE_SHALLOW,
};

enum dy_sent_flags {
	DY_SENT_HEADLINE = 1 << 0, /* the story's title */
	DY_SENT_DISCARD = 1 << 1,  /* matched a discard phrase */
	DY_SENT_TOOLONG = 1 << 2,  /* over DY_MAX_SENTENCE_TOKENS */
	DY_SENT_PARTIAL = 1 << 3,  /* parser could not link it fully */
};

struct dy_sent {
	uint32_t off, len;         /* span in the story text */
	const char *id;            /* PETRARCH sentence id, or NULL */
	const char *parse;         /* Treebank parse given with the input */
	size_t parse_len;
	struct dy_tok *toks;       /* ntok tokens */
	struct dy_np *nps;         /* nnp noun phrases */
	struct dy_pp *pps;         /* npp prepositional phrases */
	struct dy_clause *clauses; /* ncl clauses, in text order of verbs */
	uint16_t ntok, nnp, npp, ncl;
	uint16_t _cap_np, _cap_pp, _cap_cl; /* allocated room */
	const struct dy_location *place; /* place named in it (context.c) */
	const char *place_country; /* its country, ISO alpha-3 */
	int16_t place_tok;         /* first token of the place, -1 */
	uint8_t frontend;          /* enum dy_frontend that filled it */
	uint8_t flags;             /* enum dy_sent_flags */
};

/* Helpers every stage uses; defined in sent.c */
DY_INTERNAL void dy_np_init(struct dy_np *np, uint16_t first,
			    uint16_t last, uint16_t head);
DY_INTERNAL void dy_clause_init(struct dy_clause *c, uint16_t verb);
/* Add to the sentence's arrays (grown in the arena); return the new
 * element's index, or -1 with the arena's oom flag set. */
DY_INTERNAL int dy_sent_add_np(struct dy_arena *a, struct dy_sent *s,
			       const struct dy_np *np);
DY_INTERNAL int dy_sent_add_pp(struct dy_arena *a, struct dy_sent *s,
			       const struct dy_pp *pp);
DY_INTERNAL int dy_sent_add_clause(struct dy_arena *a, struct dy_sent *s,
				   const struct dy_clause *c);
/* Innermost NP that contains token t and is not a COORD umbrella; -1 */
DY_INTERNAL int dy_sent_np_at(const struct dy_sent *s, unsigned t);
/* Debug dump, one line per clause/NP: used by tests and `dyad parse`. */
struct dy_buf;
DY_INTERNAL int dy_sent_dump(const struct dy_sent *s, const char *text,
			     struct dy_buf *out);

#endif
