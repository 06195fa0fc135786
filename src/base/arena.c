/*
 * arena.c: bump allocation in chunks that grow geometrically up to 1 MiB.
 * Large requests get a chunk of their own.  Everything is 16-byte aligned
 * so any scalar type may live in the arena.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

#define ARENA_ALIGN 16
#define ARENA_MIN_CHUNK 4096
#define ARENA_MAX_CHUNK (1u << 20)

struct dy_arena_chunk {
	struct dy_arena_chunk *next;
	size_t size; /* bytes of payload after the header */
	/* payload follows, aligned by the union below */
	union {
		long double ld;
		void *p;
		long long ll;
	} _align[];
};

void dy_arena_init(struct dy_arena *a, size_t limit)
{
	memset(a, 0, sizeof *a);
	a->limit = limit;
}

void dy_arena_release(struct dy_arena *a)
{
	struct dy_arena_chunk *c = a->_head, *n;

	while (c) {
		n = c->next;
		dy_free(c, sizeof *c + c->size);
		c = n;
	}
	dy_arena_init(a, a->limit);
}

static size_t round_up(size_t n)
{
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

static void *new_chunk(struct dy_arena *a, size_t n)
{
	struct dy_arena_chunk *c;
	size_t size, last = a->_head ? a->_head->size : 0;

	size = last ? last * 2 : ARENA_MIN_CHUNK;
	if (size > ARENA_MAX_CHUNK)
		size = ARENA_MAX_CHUNK;
	if (size < n)
		size = n;
	if (a->limit && a->total + size > a->limit) {
		if (a->total + n > a->limit) {
			a->oom = 1;
			return NULL;
		}
		size = n;
	}
	c = dy_malloc(sizeof *c + size);
	if (!c) {
		a->oom = 1;
		return NULL;
	}
	c->size = size;
	a->total += size;
	/* a big one-off request keeps the current chunk's free space */
	if (a->_head && size == n && n > ARENA_MAX_CHUNK / 4) {
		c->next = a->_head->next;
		a->_head->next = c;
		return (char *)c->_align;
	}
	c->next = a->_head;
	a->_head = c;
	a->_p = (char *)c->_align + n;
	a->_end = (char *)c->_align + size;
	return (char *)c->_align;
}

void *dy_arena_alloc(struct dy_arena *a, size_t n)
{
	void *p;

	if (a->oom)
		return NULL;
	n = round_up(n ? n : 1);
	if (n > (size_t)(a->_end - a->_p) || !a->_p)
		return new_chunk(a, n);
	p = a->_p;
	a->_p += n;
	return p;
}

void *dy_arena_zalloc(struct dy_arena *a, size_t n)
{
	void *p = dy_arena_alloc(a, n);

	if (p)
		memset(p, 0, n);
	return p;
}

char *dy_arena_strndup(struct dy_arena *a, const char *s, size_t n)
{
	char *p = dy_arena_alloc(a, n + 1);

	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *dy_arena_strdup(struct dy_arena *a, const char *s)
{
	return dy_arena_strndup(a, s, strlen(s));
}

char *dy_arena_printf(struct dy_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = dy_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *dy_arena_grow(struct dy_arena *a, void *old, size_t nold, size_t ncap,
		    size_t elsize)
{
	void *p;

	if (elsize && ncap > SIZE_MAX / elsize) {
		a->oom = 1;
		return NULL;
	}
	p = dy_arena_alloc(a, ncap * elsize);
	if (p && nold)
		memcpy(p, old, nold * elsize);
	return p;
}
