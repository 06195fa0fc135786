/*
 * file.c: read a whole file (dictionaries, stories) in one go.
 */
#include <errno.h>
#include <stdio.h>

#include "dyad.h"
#include "file.h"

int dy_file_read(const char *path, size_t cap, char **out, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *p;
	size_t len = 0, alloc = 0, got;
	int rc = DY_OK;

	*out = NULL;
	*n = 0;
	if (!f)
		return errno == ENOENT ? DY_ENOTFOUND : DY_EIO;
	for (;;) {
		if (alloc - len < 65536 + 1) {
			size_t na = alloc ? alloc * 2 : 65536 * 2;

			p = alloc ? dy_realloc(buf, alloc, na) : dy_malloc(na);
			if (!p) {
				rc = DY_ENOMEM;
				goto out;
			}
			buf = p;
			alloc = na;
		}
		got = fread(buf + len, 1, alloc - len - 1, f);
		len += got;
		if (len > cap) {
			rc = DY_ELIMIT;
			goto out;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		rc = DY_EIO;
		goto out;
	}
	/* shrink to the exact size so callers can free with n + 1 */
	p = dy_realloc(buf, alloc, len + 1);
	if (!p) {
		rc = DY_ENOMEM;
		goto out;
	}
	buf = p;
	buf[len] = '\0';
	*out = buf;
	*n = len;
	buf = NULL;
out:
	if (buf)
		dy_free(buf, alloc);
	fclose(f);
	return rc;
}
