/*
 * mem.c: the allocator hook.
 *
 * The default allocator is the C library's.  dy_set_allocator() swaps in a
 * user function with Lua's lua_Alloc contract: ptr == NULL allocates,
 * nsize == 0 frees, anything else resizes.  The hook is process-wide and
 * must be set before any other call (like sqlite3_config); it exists for
 * fault injection and memory accounting, not for per-context policies.
 */
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "mem.h"

static void *default_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	(void)ud;
	(void)osize;
	if (nsize == 0) {
		free(ptr);
		return NULL;
	}
	return realloc(ptr, nsize);
}

static dy_alloc_fn alloc_fn = default_alloc;
static void *alloc_ud;

void dy_set_allocator(dy_alloc_fn fn, void *ud)
{
	alloc_fn = fn ? fn : default_alloc;
	alloc_ud = fn ? ud : NULL;
}

void *dy_malloc(size_t n)
{
	return alloc_fn(alloc_ud, NULL, 0, n ? n : 1);
}

void *dy_calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > (size_t)-1 / size)
		return NULL;
	p = dy_malloc(n * size);
	if (p && n && size)
		memset(p, 0, n * size);
	return p;
}

void *dy_realloc(void *p, size_t osize, size_t nsize)
{
	return alloc_fn(alloc_ud, p, osize, nsize ? nsize : 1);
}

void dy_free(void *p, size_t osize)
{
	if (p)
		alloc_fn(alloc_ud, p, osize, 0);
}

char *dy_strndup(const char *s, size_t n)
{
	char *p = dy_malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
