/*
 * hash.h: open-addressing map from byte-string keys to pointers.
 *
 * Keys are views and are not copied: they must outlive the map (they
 * normally live in the same arena as the values).  The table itself is on
 * the heap and grows at 50% load; lookups are a hash plus a short linear
 * probe.  Used for the dictionaries (word -> entries), the gazetteer and
 * interned codes.
 */
#ifndef DY_BASE_HASH_H
#define DY_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "str.h"

struct dy_hash_slot {
	const char *key; /* NULL for an empty slot */
	uint32_t klen;   /* key length */
	uint32_t h;      /* cached hash */
	void *val;       /* caller's value */
};

struct dy_hash {
	struct dy_hash_slot *slots; /* power-of-two array, or NULL */
	size_t cap;                 /* number of slots */
	size_t count;               /* occupied slots */
};

DY_INTERNAL void dy_hash_init(struct dy_hash *h);
DY_INTERNAL void dy_hash_release(struct dy_hash *h);
DY_INTERNAL uint32_t dy_hash_bytes(const char *p, size_t n);
DY_INTERNAL void *dy_hash_get(const struct dy_hash *h, const char *k,
			      size_t n);
/* Insert or replace; returns 0 or DY_ENOMEM (map unchanged). */
DY_INTERNAL int dy_hash_put(struct dy_hash *h, const char *k, size_t n,
			    void *val);
/* Pointer to the value slot for k, inserting NULL if absent, so callers
 * can build per-key lists without a second lookup; NULL on ENOMEM. */
DY_INTERNAL void **dy_hash_slot(struct dy_hash *h, const char *k, size_t n);
/* Iterate: start with *it = 0; returns the next occupied slot or NULL. */
DY_INTERNAL struct dy_hash_slot *dy_hash_next(const struct dy_hash *h,
					      size_t *it);

#endif
