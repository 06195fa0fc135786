/*
 * code.h: the pipeline's internal entry points (code.c, raw.c).
 */
#ifndef DY_CODE_H
#define DY_CODE_H

#include <stddef.h>

#include "base/mem.h"

struct dy_ctx;
struct dy_story;
struct dy_sent;
struct dy_dict;

/* Split a raw-text story into sentences and tokens (raw.c). */
DY_INTERNAL int dy_raw_split(struct dy_ctx *ctx, struct dy_story *st);
/* Parse one tokenized sentence with the configured front-end (raw.c). */
DY_INTERNAL int dy_raw_parse(struct dy_ctx *ctx, struct dy_story *st,
			     struct dy_sent *s, int idx);

#endif
