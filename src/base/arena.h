/*
 * arena.h: bump allocator, one per story (tokens, parses, matches, dates)
 * and one long-lived arena per loaded dictionary set.
 *
 * Invariants: memory is released only all at once by dy_arena_release();
 * an allocation failure returns NULL and sets `oom`, which stays set until
 * release, so a pipeline stage can check once at its boundary (SQLite's
 * mallocFailed).  `limit` (0 = none) caps the total bytes the arena may
 * hold; going over is treated as out-of-memory, which is how a story that
 * would blow up (a pathological sentence) is stopped without hurting the
 * rest of the run.
 */
#ifndef DY_BASE_ARENA_H
#define DY_BASE_ARENA_H

#include <stddef.h>
#include <string.h>

#include "mem.h"

struct dy_arena_chunk;

struct dy_arena {
	struct dy_arena_chunk *_head; /* newest chunk first */
	char *_p;                     /* next free byte in _head */
	char *_end;                   /* end of _head's space */
	size_t total;                 /* bytes obtained from the allocator */
	size_t limit;                 /* cap on total, 0 for none */
	int oom;                      /* sticky allocation-failure flag */
};

#define DY_ARENA_INIT { NULL, NULL, NULL, 0, 0, 0 }

DY_INTERNAL void dy_arena_init(struct dy_arena *a, size_t limit);
DY_INTERNAL void dy_arena_release(struct dy_arena *a);
DY_INTERNAL void *dy_arena_alloc(struct dy_arena *a, size_t n);
DY_INTERNAL void *dy_arena_zalloc(struct dy_arena *a, size_t n);
DY_INTERNAL char *dy_arena_strndup(struct dy_arena *a, const char *s,
				   size_t n);
DY_INTERNAL char *dy_arena_strdup(struct dy_arena *a, const char *s);
DY_INTERNAL char *dy_arena_printf(struct dy_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Grow an array allocated in the arena: returns a copy with room for
 * `ncap` elements (old contents copied), or NULL with oom set. */
DY_INTERNAL void *dy_arena_grow(struct dy_arena *a, void *old, size_t nold,
				size_t ncap, size_t elsize);

#endif
