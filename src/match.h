/*
 * match.h: verb-pattern matching (see match.c).
 */
#ifndef DY_MATCH_H
#define DY_MATCH_H

#include "base/mem.h"

struct dy_ctx;
struct dy_story;

/* Code sentence sidx of st (its NPs already have actor codes), appending
 * events to the story. */
DY_INTERNAL int dy_match_sentence(struct dy_ctx *ctx, struct dy_story *st,
				  int sidx);

#endif
