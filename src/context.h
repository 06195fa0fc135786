/*
 * context.h: story context for events (see context.c).
 */
#ifndef DY_CONTEXT_H
#define DY_CONTEXT_H

#include "base/mem.h"

struct dy_ctx;
struct dy_story;

/* Find the place named in sentence sidx (before coreference). */
DY_INTERNAL int dy_context_places(struct dy_ctx *ctx, struct dy_story *st,
				  int sidx);
/* Dates, locations, attribution, modality and dedup of the story's
 * events (after matching). */
DY_INTERNAL int dy_context_events(struct dy_ctx *ctx, struct dy_story *st);

#endif
