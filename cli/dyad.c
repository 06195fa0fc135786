/*
 * dyad.c: the command-line tool; argument parsing and libdyad calls only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("dyad: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

struct vstate {
	int verbose;
};

static void on_record(void *ud, const struct dy_valid_result *r)
{
	struct vstate *v = ud;

	if (r->passed && v->verbose < 2)
		return;
	printf("%s %s [%s]\n  %s\n  expected: %s\n  produced: %s\n",
	       r->passed ? "PASS" : "FAIL", r->id, r->category, r->text,
	       r->expected, r->produced);
	if (r->error)
		printf("  error: %s\n", r->error);
}

static int cmd_validate(int argc, char **argv)
{
	const char *file = NULL, *dir = NULL;
	struct dy_ctx *ctx;
	struct vstate v = { 1 };
	int i, np, nf, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dict-dir") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(argv[i], "-v"))
			v.verbose = 2;
		else if (!strcmp(argv[i], "-q"))
			v.verbose = 0;
		else if (argv[i][0] == '-')
			die("validate: unknown option '%s'", argv[i]);
		else
			file = argv[i];
	}
	if (!file)
		die("usage: dyad validate FILE.xml [--dict-dir DIR] [-v|-q]");
	if (dy_ctx_new(&ctx))
		die("out of memory");
	rc = dy_validate_file(ctx, file, dir, v.verbose ? on_record : NULL, &v,
			      &np, &nf);
	if (rc)
		die("%s", dy_errmsg(ctx));
	printf("%d passed, %d failed\n", np, nf);
	dy_ctx_free(ctx);
	return nf ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		die("usage: dyad COMMAND ... (see dyad help)");
	if (!strcmp(argv[1], "validate"))
		return cmd_validate(argc - 1, argv + 1);
	die("unknown command '%s'", argv[1]);
	return 1;
}
