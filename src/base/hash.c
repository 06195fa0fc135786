/*
 * hash.c: linear-probing hash map; see hash.h.
 */
#include "dyad.h"
#include "hash.h"

void dy_hash_init(struct dy_hash *h)
{
	h->slots = NULL;
	h->cap = 0;
	h->count = 0;
}

void dy_hash_release(struct dy_hash *h)
{
	dy_free(h->slots, h->cap * sizeof *h->slots);
	dy_hash_init(h);
}

/* FNV-1a with a final avalanche: short keys, no need for more */
uint32_t dy_hash_bytes(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 16777619u;
	}
	h ^= h >> 16;
	h *= 0x7feb352d;
	h ^= h >> 15;
	return h;
}

static struct dy_hash_slot *find(const struct dy_hash *h, const char *k,
				 size_t n, uint32_t hv)
{
	size_t mask = h->cap - 1, i = hv & mask;

	for (;;) {
		struct dy_hash_slot *s = &h->slots[i];

		if (!s->key)
			return s;
		if (s->h == hv && s->klen == n && memcmp(s->key, k, n) == 0)
			return s;
		i = (i + 1) & mask;
	}
}

static int resize(struct dy_hash *h, size_t ncap)
{
	struct dy_hash_slot *old = h->slots, *s;
	size_t ocap = h->cap, i;

	h->slots = dy_calloc(ncap, sizeof *h->slots);
	if (!h->slots) {
		h->slots = old;
		return DY_ENOMEM;
	}
	h->cap = ncap;
	for (i = 0; i < ocap; i++) {
		if (!old[i].key)
			continue;
		s = find(h, old[i].key, old[i].klen, old[i].h);
		*s = old[i];
	}
	dy_free(old, ocap * sizeof *old);
	return DY_OK;
}

void *dy_hash_get(const struct dy_hash *h, const char *k, size_t n)
{
	struct dy_hash_slot *s;

	if (!h->cap)
		return NULL;
	s = find(h, k, n, dy_hash_bytes(k, n));
	return s->key ? s->val : NULL;
}

void **dy_hash_slot(struct dy_hash *h, const char *k, size_t n)
{
	uint32_t hv = dy_hash_bytes(k, n);
	struct dy_hash_slot *s;

	if (n > UINT32_MAX)
		return NULL;
	if ((h->count + 1) * 2 > h->cap &&
	    resize(h, h->cap ? h->cap * 2 : 16))
		return NULL;
	s = find(h, k, n, hv);
	if (!s->key) {
		s->key = k;
		s->klen = (uint32_t)n;
		s->h = hv;
		s->val = NULL;
		h->count++;
	}
	return &s->val;
}

int dy_hash_put(struct dy_hash *h, const char *k, size_t n, void *val)
{
	void **slot = dy_hash_slot(h, k, n);

	if (!slot)
		return DY_ENOMEM;
	*slot = val;
	return DY_OK;
}

struct dy_hash_slot *dy_hash_next(const struct dy_hash *h, size_t *it)
{
	while (*it < h->cap) {
		struct dy_hash_slot *s = &h->slots[(*it)++];

		if (s->key)
			return s;
	}
	return NULL;
}
