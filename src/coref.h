/*
 * coref.h: coreference and discourse context (see coref.c).
 */
#ifndef DY_COREF_H
#define DY_COREF_H

#include "base/mem.h"

/* ORDER DY_MK: kinds of mention, used as bits in antecedent searches */
enum dy_mention_kind {
	DY_MK_NONE, DY_MK_PERSON, DY_MK_ORG, DY_MK_COUNTRY, DY_MK_GROUP,
};

struct dy_ctx;
struct dy_story;

/* Resolve the uncoded NPs of sentence sidx (pronouns, definite NPs,
 * possession, apposition, bare agents) and record its mentions. */
DY_INTERNAL int dy_coref_sentence(struct dy_ctx *ctx, struct dy_story *st,
				  int sidx);

/* The country the story is about at sentence sidx: a place named in
 * it, else the country most mentioned in the last few sentences, else
 * the dateline's; NULL when unknown. */
DY_INTERNAL const char *dy_coref_focus(const struct dy_story *st, int sidx);

#endif
