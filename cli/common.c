/*
 * common.c: what the subcommands share: fatal errors and loading the
 * dictionaries a command line names.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"

void die(const char *fmt, ...)
{
	va_list ap;

	fputs("dyad: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void load_dicts(struct dy_ctx *ctx, const char *petrarch, const char *kb,
		int quiet)
{
	int rc;

	if (petrarch)
		rc = dy_petrarch_load(ctx, petrarch, kb);
	else
		rc = dy_kb_load(ctx, kb);
	if (rc)
		die("%s", dy_errmsg(ctx));
	/* PETRARCH's files load leniently: say what was skipped */
	if (!quiet && *dy_dict_warnings(ctx)) {
		const char *w = dy_dict_warnings(ctx), *p = w;
		int n = 0;

		while ((p = strchr(p, '\n')) != NULL)
			n++, p++;
		fprintf(stderr, "dyad: %d malformed dictionary line%s skipped, "
			"first: %.*s\n", n, n == 1 ? "" : "s",
			(int)strcspn(w, "\n"), w);
	}
}
