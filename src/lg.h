/*
 * lg.h: the Link Grammar front-end (see lg.c).
 *
 * Fills the sentence form of sent.h from a Link Grammar parse of a raw
 * sentence whose tokens dy_text_tokenize() made.  Thread-safe: any number
 * of threads may call dy_lg_parse() at once on different sentences.
 */
#ifndef DY_LG_H
#define DY_LG_H

#include "sent.h"

/* Sentences with more tokens than this are not given to the parser: its
 * memory grows with length (some 200 MB more at 120 words) and its own
 * memory cap does nothing in Debian's build.  News sentences rarely come
 * near it (the longest of 4,843 in the benchmark sample has 64 words). */
#define DY_LG_MAX_TOKENS 100

/* Shared parser state: one Dictionary for all threads (Debian's build is
 * thread-safe for a shared Dictionary), created on first use. */
struct dy_lg;

/*
 * Get the process's parser state, loading the English dictionary the
 * first time (0.2 s, 30 MB).  Every successful call must be paired
 * with dy_lg_close(); the dictionary is freed with the last one.  Returns
 * 0, DY_ENOMEM, or DY_ENOTFOUND with *err a static message when the
 * dictionary cannot be loaded.
 */
DY_INTERNAL int dy_lg_open(struct dy_lg **out, const char **err);
DY_INTERNAL void dy_lg_close(struct dy_lg *lg);

/*
 * Parse the tokenized sentence s (s->toks filled by dy_text_tokenize;
 * text is the story text) and fill s's POS tags, NPs, PPs and clauses
 * (lemmas stay the forms).  Returns 0 when the sentence got a complete
 * linkage; DY_ETIMEOUT when the time or memory limit hit (a sentence over
 * DY_LG_MAX_TOKENS counts as the memory limit), or DY_EPARSE when no
 * linkage without null links exists -- in those two cases s is left with
 * only its tokens so the caller can fall back to the shallow front-end.
 * DY_ENOMEM when the arena ran out (s is then left with its tokens too).
 *
 * timeout_s is the parser's CPU-time limit (whole seconds, rounded up);
 * linkage_limit the number of linkages it ranks (300-1000 is good).
 */
DY_INTERNAL int dy_lg_parse(struct dy_lg *lg, struct dy_arena *a,
			    struct dy_sent *s, const char *text,
			    double timeout_s, int linkage_limit);

#endif
