/*
 * actors.h: actor resolution for noun phrases (see actors.c).
 */
#ifndef DY_ACTORS_H
#define DY_ACTORS_H

#include "sent.h"

struct dy_dict;
struct dy_ctx;
struct dy_phrase;
struct dy_actor;

struct dy_actor_result {
	char code[64];                 /* "KAZGOV", "---COP" */
	const struct dy_actor *actor;  /* actor entry, or NULL */
	const struct dy_phrase *agent; /* last agent applied, or NULL */
	uint16_t first, last;          /* tokens of the actor phrase */
	int head_agent;                /* an agent phrase covers the NP's
					  last word ("security forces",
					  not "military aid") */
};

/* Code one NP on date (yyyymmdd, 0 = undated): 1 and *r filled when an
 * actor or agent matched, else 0. */
DY_INTERNAL int dy_actor_phrase(const struct dy_dict *d,
				const struct dy_sent *s,
				const struct dy_np *np, long date,
				struct dy_actor_result *r);
/* Point each token's dform/dlemma at the dictionary's copy of its
 * form/lemma (NULL when unknown), so matching compares pointers. */
DY_INTERNAL void dy_sent_intern(const struct dy_dict *d, struct dy_sent *s);
/* Set code/entry of every NP of s (calls dy_sent_intern first). */
DY_INTERNAL int dy_actors_resolve(struct dy_ctx *ctx, struct dy_arena *a,
				  struct dy_sent *s, long date);

#endif
