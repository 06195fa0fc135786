/*
 * shallow.h: the shallow front-end (see shallow.c) -- a rule-based
 * tagger, chunker and clause finder that fills the sentence form of
 * sent.h from tokens alone, for sentences the Link Grammar front-end
 * cannot link or times out on, and as a fast front-end of its own.
 */
#ifndef DY_SHALLOW_H
#define DY_SHALLOW_H

#include "base/arena.h"
#include "sent.h"

/* Immutable once open: one may be shared by any number of threads. */
struct dy_shallow;

/* Open the lexicon (the word table is compiled in; this only indexes the
 * closed-class words).  Returns 0, or DY_ENOMEM with *err set to a
 * static message. */
DY_INTERNAL int dy_shallow_open(struct dy_shallow **out, const char **err);
/* Free it; NULL is fine. */
DY_INTERNAL void dy_shallow_close(struct dy_shallow *sh);

/*
 * Tag, chunk and find clauses in the tokenized sentence s (s->toks from
 * dy_text_tokenize; text is the story text).  Fills every token's pos
 * and lemma (upper case; verbs and plural nouns get their base form,
 * pointing into the lexicon or the arena), the NPs, PPs and clauses, and
 * sets s->frontend.  NPs, PPs and clauses already in s are replaced.
 * Never fails on odd input; returns 0 or DY_ENOMEM (arena exhausted).
 */
DY_INTERNAL int dy_shallow_parse(const struct dy_shallow *sh,
				 struct dy_arena *a, struct dy_sent *s,
				 const char *text);

/* The tag the lexicon and suffix rules alone give the upper-case word
 * w (no context): for tests and tools. */
DY_INTERNAL enum dy_pos dy_shallow_word_tag(const struct dy_shallow *sh,
					    const char *w, size_t n);

#endif
