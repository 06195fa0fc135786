/*
 * file.h: whole-file reading with a size cap.
 */
#ifndef DY_BASE_FILE_H
#define DY_BASE_FILE_H

#include <stddef.h>

#include "mem.h"

/* Read path into a NUL-terminated heap buffer (free with dy_free(p, n+1)).
 * Returns 0, DY_ENOTFOUND, DY_EIO or DY_ELIMIT (over `cap` bytes); errno
 * is left as the failing call set it. */
DY_INTERNAL int dy_file_read(const char *path, size_t cap, char **out,
			     size_t *n);

#endif
