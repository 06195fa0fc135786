/*
 * dyad.c: the command-line tool.  Argument parsing and calls into the
 * public API (dyad.h) only; everything else lives in libdyad.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "dyad.h"

static const char usage[] =
"usage: dyad COMMAND [ARGS]\n"
"\n"
"  code [INPUT...]        code stories, print events (JSON Lines or TSV)\n"
"  validate FILE.xml      run a PETRARCH validation-record file\n"
"  dict check             check the knowledge base\n"
"  dict lookup NAME       show how a name resolves\n"
"  parse [INPUT...]       show the parsed sentence form (debugging)\n"
"  ingest INPUT... [--db FILE]\n"
"                         code stories into a SQLite database\n"
"  query [--db FILE] ...  filter and aggregate stored events\n"
"  serve [--db FILE] [--port N] [--bind ADDR]\n"
"                         dashboard and JSON API over HTTP\n"
"  help                   this text\n"
"\n"
"INPUT is a .jsonl file (one story per line), a PETRARCH .xml file, a\n"
"text file or a directory of text files, or - for JSON Lines on stdin.\n"
"Without INPUT, dyad codes its built-in example story.\n"
"\n"
"Options for code and parse:\n"
"  --kb DIR               dyad knowledge base (default: the installed one)\n"
"  --petrarch DIR         use PETRARCH2's dictionaries from DIR instead\n"
"  --format json|tsv      output format (default json)\n"
"  --input-format F       jsonl, text or xml (default: by extension)\n"
"  --date YYYY-MM-DD      date for stories that have none\n"
"  --frontend F           auto, treebank, linkgrammar or shallow\n"
"  --one-a-story          one event per source, target, code and story\n"
"  --one-a-day            one event per source, target, code and day\n"
"  --modes all|asserted   keep or drop negated/future/... events\n"
"  --set NAME=VALUE       any coding option (see dy_ctx_set_option)\n"
"  -o FILE                write events to FILE\n"
"  -q                     no warnings on stderr\n";

struct opts {
	const char *kb;         /* knowledge base dir */
	const char *petrarch;   /* PETRARCH dictionary dir */
	const char *out;        /* output file */
	int fmt;                /* enum dy_format */
	int in_fmt;             /* enum dy_input_format */
	int quiet;
	const char *inputs[256];
	int ninputs;
};

static void set(struct dy_ctx *ctx, const char *name, const char *value)
{
	if (dy_ctx_set_option(ctx, name, value))
		die("%s", dy_errmsg(ctx));
}

static void parse_opts(struct dy_ctx *ctx, int argc, char **argv,
		       struct opts *o)
{
	int i;

	memset(o, 0, sizeof *o);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

#define NEEDV() do { if (!v) die("option '%s' needs a value", a); i++; } \
		while (0)
		if (!strcmp(a, "--kb")) {
			NEEDV();
			o->kb = v;
		} else if (!strcmp(a, "--petrarch")) {
			NEEDV();
			o->petrarch = v;
		} else if (!strcmp(a, "--format")) {
			NEEDV();
			if (!strcmp(v, "json") || !strcmp(v, "jsonl"))
				o->fmt = DY_FORMAT_JSON;
			else if (!strcmp(v, "tsv"))
				o->fmt = DY_FORMAT_TSV;
			else
				die("--format: '%s' is not json or tsv", v);
		} else if (!strcmp(a, "--input-format")) {
			NEEDV();
			if (!strcmp(v, "jsonl"))
				o->in_fmt = DY_INPUT_JSONL;
			else if (!strcmp(v, "text"))
				o->in_fmt = DY_INPUT_TEXT;
			else if (!strcmp(v, "xml"))
				o->in_fmt = DY_INPUT_XML;
			else
				die("--input-format: '%s' is not jsonl, text "
				    "or xml", v);
		} else if (!strcmp(a, "--set")) {
			char name[64];
			const char *eq;

			NEEDV();
			eq = strchr(v, '=');
			if (!eq || (size_t)(eq - v) >= sizeof name)
				die("--set wants NAME=VALUE, got '%s'", v);
			memcpy(name, v, (size_t)(eq - v));
			name[eq - v] = '\0';
			set(ctx, name, eq + 1);
		} else if (!strcmp(a, "--date")) {
			NEEDV();
			set(ctx, "date", v);
		} else if (!strcmp(a, "--frontend")) {
			NEEDV();
			set(ctx, "frontend", v);
		} else if (!strcmp(a, "--modes")) {
			NEEDV();
			set(ctx, "modes", v);
		} else if (!strcmp(a, "--one-a-story")) {
			set(ctx, "one_a_story", "true");
		} else if (!strcmp(a, "--one-a-day")) {
			set(ctx, "one_a_day", "true");
		} else if (!strcmp(a, "-o")) {
			NEEDV();
			o->out = v;
		} else if (!strcmp(a, "-q")) {
			o->quiet = 1;
		} else if (a[0] == '-' && a[1]) {
			die("unknown option '%s' (see dyad help)", a);
		} else {
			if (o->ninputs == 256)
				die("too many inputs");
			o->inputs[o->ninputs++] = a;
		}
#undef NEEDV
	}
}

static const char *example_path(const struct opts *o)
{
	static char path[4096];

	snprintf(path, sizeof path, "%s/../examples/2022-01-06-almaty.txt",
		 o->kb ? o->kb : dy_kb_default_dir());
	return path;
}

typedef int (*story_fn)(struct dy_ctx *ctx, struct dy_story *st, FILE *out,
			const struct opts *o);

static int run(struct dy_ctx *ctx, const struct opts *o, story_fn fn)
{
	FILE *out = stdout;
	int i, nerr = 0;
	long nstories = 0;
	const char *inputs[256];
	int ninputs = o->ninputs;

	memcpy(inputs, o->inputs, sizeof inputs);
	if (!ninputs) {
		inputs[0] = example_path(o);
		ninputs = 1;
	}
	if (o->out && !(out = fopen(o->out, "w")))
		die("%s: cannot open for writing", o->out);
	for (i = 0; i < ninputs; i++) {
		struct dy_reader *r;
		struct dy_story *st;
		int k;

		if (dy_reader_open(ctx, inputs[i], o->in_fmt, &r)) {
			fprintf(stderr, "dyad: %s\n", dy_errmsg(ctx));
			nerr++;
			continue;
		}
		while ((k = dy_reader_next(r, &st)) != 0) {
			if (k < 0) {
				fprintf(stderr, "dyad: %s\n", dy_errmsg(ctx));
				nerr++;
				if (k == DY_EIO || k == DY_ENOMEM)
					break;
				continue;
			}
			nstories++;
			if (fn(ctx, st, out, o)) {
				fprintf(stderr, "dyad: %s\n", dy_errmsg(ctx));
				nerr++;
			}
			if (!o->quiet && *dy_story_warnings(st))
				fprintf(stderr, "%s", dy_story_warnings(st));
			dy_story_free(st);
		}
		dy_reader_free(r);
	}
	if (fflush(out) || ferror(out))
		die("write error");
	if (out != stdout)
		fclose(out);
	if (nerr)
		fprintf(stderr, "dyad: %ld stories, %d error%s\n", nstories,
			nerr, nerr == 1 ? "" : "s");
	return nerr ? 2 : 0;
}

static int code_one(struct dy_ctx *ctx, struct dy_story *st, FILE *out,
		    const struct opts *o)
{
	int rc = dy_code(ctx, st);

	if (rc)
		return rc;
	if (dy_story_write(st, (enum dy_format)o->fmt, out))
		die("write error");
	return 0;
}

static int cmd_code(int argc, char **argv)
{
	struct dy_ctx *ctx;
	struct opts o;
	int rc;

	if (dy_ctx_new(&ctx))
		die("out of memory");
	parse_opts(ctx, argc, argv, &o);
	load_dicts(ctx, o.petrarch, o.kb, o.quiet);
	rc = run(ctx, &o, code_one);
	dy_ctx_free(ctx);
	return rc;
}

static int parse_one(struct dy_ctx *ctx, struct dy_story *st, FILE *out,
		     const struct opts *o)
{
	(void)o;
	return dy_story_dump(ctx, st, out);
}

static int cmd_parse(int argc, char **argv)
{
	struct dy_ctx *ctx;
	struct opts o;
	int rc;

	if (dy_ctx_new(&ctx))
		die("out of memory");
	parse_opts(ctx, argc, argv, &o);
	load_dicts(ctx, o.petrarch, o.kb, o.quiet);
	rc = run(ctx, &o, parse_one);
	dy_ctx_free(ctx);
	return rc;
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

static void print_line(void *ud, const char *msg)
{
	fprintf(ud, "%s\n", msg);
}

static int cmd_dict(int argc, char **argv)
{
	struct dy_ctx *ctx;
	struct opts o;
	int rc;
	const char *date = NULL, *name = NULL;
	int i, k = 0;
	char *rest[256];

	if (argc < 2)
		die("usage: dyad dict check | dyad dict lookup NAME "
		    "[--date YYYY-MM-DD]");
	if (dy_ctx_new(&ctx))
		die("out of memory");
	/* --date belongs to lookup here, not to the context */
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--date") && i + 1 < argc)
			date = argv[++i];
		else if (k < 255)
			rest[k++] = argv[i];
	}
	rest[k] = NULL;
	{
		char *args[258];

		args[0] = argv[0];
		memcpy(args + 1, rest, (size_t)(k + 1) * sizeof *rest);
		parse_opts(ctx, k + 1, args, &o);
	}
	load_dicts(ctx, o.petrarch, o.kb, o.quiet);
	if (!strcmp(argv[1], "check")) {
		rc = dy_dict_check(ctx, print_line, stdout);
		if (rc < 0)
			die("%s", dy_errmsg(ctx));
		printf("%d problem%s\n", rc, rc == 1 ? "" : "s");
		dy_ctx_free(ctx);
		return rc ? 1 : 0;
	}
	if (!strcmp(argv[1], "lookup")) {
		if (o.ninputs < 1)
			die("usage: dyad dict lookup NAME [--date YYYY-MM-DD]");
		name = o.inputs[0];
		rc = dy_dict_lookup(ctx, name, date, print_line, stdout);
		if (rc < 0)
			die("%s", dy_errmsg(ctx));
		dy_ctx_free(ctx);
		return rc ? 0 : 1;
	}
	die("unknown dict command '%s'", argv[1]);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "--help")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 1 : 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("dyad %s\n", DY_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "code"))
		return cmd_code(argc - 1, argv + 1);
	if (!strcmp(argv[1], "parse"))
		return cmd_parse(argc - 1, argv + 1);
	if (!strcmp(argv[1], "validate"))
		return cmd_validate(argc - 1, argv + 1);
	if (!strcmp(argv[1], "dict"))
		return cmd_dict(argc - 1, argv + 1);
	if (!strcmp(argv[1], "ingest"))
		return cmd_ingest(argc - 1, argv + 1);
	if (!strcmp(argv[1], "query"))
		return cmd_query(argc - 1, argv + 1);
	if (!strcmp(argv[1], "serve"))
		return cmd_serve(argc - 1, argv + 1);
	die("unknown command '%s' (see dyad help)", argv[1]);
	return 1;
}
