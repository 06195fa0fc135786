/*
 * mem.h: the single allocation hook of libdyad.
 *
 * Every heap allocation in the library goes through dy_malloc/dy_realloc/
 * dy_free so that tests can inject failures (see dy_set_allocator in
 * dyad.h) and so that the arena and buffers never call malloc directly.
 */
#ifndef DY_BASE_MEM_H
#define DY_BASE_MEM_H

#include <stddef.h>

#define DY_INTERNAL __attribute__((visibility("hidden"))) extern

DY_INTERNAL void *dy_malloc(size_t n);
DY_INTERNAL void *dy_calloc(size_t n, size_t size);
DY_INTERNAL void *dy_realloc(void *p, size_t osize, size_t nsize);
DY_INTERNAL void dy_free(void *p, size_t osize);
DY_INTERNAL char *dy_strndup(const char *s, size_t n);

#endif
