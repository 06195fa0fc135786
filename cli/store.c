/*
 * store.c: the store subcommands -- dyad ingest, dyad query and dyad
 * serve.  Argument parsing, the progress bar and calls into the public
 * API (dyad.h, dyad_store.h) only; see docs/query.md and docs/schema.md.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmds.h"
#include "dyad.h"
#include "dyad_store.h"

#define MAX_INPUTS 256
#define PROGRESS_EVERY 0.1 /* seconds between redraws */

static unsigned long parse_num(const char *opt, const char *v,
			       unsigned long max)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (!*v || *end || errno || n > max || v[0] == '-')
		die("%s: '%s' is not a number 0..%lu", opt, v, max);
	return n;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------------ */
/* dyad ingest                                                         */
/* ------------------------------------------------------------------ */

static const char ingest_usage[] =
"usage: dyad ingest INPUT... [--db FILE] [options]\n"
"\n"
"Code stories and store them with their events in a SQLite database.\n"
"Stories already stored with the same content are skipped; changed ones\n"
"are replaced.  Safe to interrupt: run it again to finish.\n"
"\n"
"  --db FILE              database (default dyad.db, created if missing)\n"
"  --kb DIR, --petrarch DIR, --input-format F, --date YYYY-MM-DD,\n"
"  --frontend F, --one-a-story, --one-a-day, --modes all|asserted\n"
"                         as for dyad code\n"
"  --batch N              stories per transaction (default 200)\n"
"  --force                recode and replace unchanged stories too\n"
"  -q                     no messages (errors only through the exit code)\n"
"  -v                     summary even when stderr is not a terminal\n";

struct ingest_opts {
	const char *db, *kb, *petrarch;
	int in_fmt;                  /* enum dy_input_format */
	const char *inputs[MAX_INPUTS];
	int ninputs;
	unsigned long batch;
	int force, quiet, verbose;
};

struct progress {
	int tty;             /* draw the bar */
	int quiet;
	int drawn;           /* a bar is on the screen */
	double t0, last;     /* start, last redraw */
	long long total;     /* stories expected, 0 unknown */
	long long base;      /* stories of earlier inputs */
	unsigned cols;       /* terminal width */
};

static void set(struct dy_ctx *ctx, const char *name, const char *value)
{
	if (dy_ctx_set_option(ctx, name, value))
		die("%s", dy_errmsg(ctx));
}

static void parse_ingest(struct dy_ctx *ctx, int argc, char **argv,
			 struct ingest_opts *o)
{
	int i;

	memset(o, 0, sizeof *o);
	o->db = DY_STORE_DEFAULT_DB;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

#define NEEDV() do { if (!v) die("option '%s' needs a value", a); i++; } \
		while (0)
		if (!strcmp(a, "--db")) {
			NEEDV();
			o->db = v;
		} else if (!strcmp(a, "--kb")) {
			NEEDV();
			o->kb = v;
		} else if (!strcmp(a, "--petrarch")) {
			NEEDV();
			o->petrarch = v;
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
		} else if (!strcmp(a, "--batch")) {
			NEEDV();
			o->batch = parse_num(a, v, 1000000);
		} else if (!strcmp(a, "--force")) {
			o->force = 1;
		} else if (!strcmp(a, "-q")) {
			o->quiet = 1;
		} else if (!strcmp(a, "-v")) {
			o->verbose = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(ingest_usage, stdout);
			exit(0);
		} else if (a[0] == '-' && a[1]) {
			die("unknown option '%s' (see dyad ingest --help)", a);
		} else {
			if (o->ninputs == MAX_INPUTS)
				die("too many inputs");
			o->inputs[o->ninputs++] = a;
		}
#undef NEEDV
	}
	if (!o->ninputs) {
		fputs(ingest_usage, stderr);
		exit(1);
	}
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* Non-blank lines of a JSON Lines file, -1 when it cannot be read. */
static long long count_lines(const char *path)
{
	FILE *f = fopen(path, "rb");
	char buf[1 << 16];
	size_t n, i;
	long long lines = 0;
	int blank = 1;

	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n') {
				lines += !blank;
				blank = 1;
			} else if (buf[i] != ' ' && buf[i] != '\t' &&
				   buf[i] != '\r') {
				blank = 0;
			}
		}
	lines += !blank;
	fclose(f);
	return lines;
}

/* Stories an input holds, as the readers count them, or -1 unknown
 * (standard input; PETRARCH XML, whose sentences group into stories). */
static long long count_stories(const char *path, int fmt)
{
	struct stat sb;
	DIR *d;
	struct dirent *de;
	long long n = 0;

	if (!strcmp(path, "-") || stat(path, &sb))
		return -1;
	if (S_ISDIR(sb.st_mode)) {
		d = opendir(path);
		if (!d)
			return -1;
		while ((de = readdir(d)) != NULL)
			n += de->d_name[0] != '.';
		closedir(d);
		return n;
	}
	if (fmt == DY_INPUT_XML || (fmt == DY_INPUT_AUTO &&
				    has_suffix(path, ".xml")))
		return -1;
	if (fmt == DY_INPUT_JSONL || (fmt == DY_INPUT_AUTO &&
				      (has_suffix(path, ".jsonl") ||
				       has_suffix(path, ".json"))))
		return count_lines(path);
	return 1;
}

static void clear_bar(struct progress *p)
{
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		p->drawn = 0;
	}
}

static void on_report(void *ud, const char *msg)
{
	struct progress *p = ud;

	if (p->quiet)
		return;
	clear_bar(p);
	fprintf(stderr, "dyad: %s\n", msg);
}

static void fmt_secs(char *buf, size_t n, double s)
{
	long t = (long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60,
			 t % 60);
	else
		snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

/* 41900 -> "41.9k" */
static void fmt_rate(char *buf, size_t n, double r)
{
	if (r >= 9999.5)
		snprintf(buf, n, "%.1fk", r / 1000);
	else
		snprintf(buf, n, "%.0f", r);
}

/* "836/2474 stories [#######-------------]  34%  ETA 0:03  41.9k
 * sentences/s  1234 events", the most useful first, cut to the
 * terminal's width. */
static void draw(struct progress *p, const struct dy_ingest_stats *s,
		 int force)
{
	double t = now(), el = t - p->t0;
	long long done = p->base + s->stories;
	char line[512], eta[32] = "", bar[64], rate[32];
	unsigned width = 20, i, fill;
	int n;

	if (!p->tty || (!force && t - p->last < PROGRESS_EVERY))
		return;
	p->last = t;
	fmt_rate(rate, sizeof rate, el > 0 ? (double)s->sentences / el : 0);
	if (p->total > 0) {
		double frac = (double)done / (double)p->total;

		if (frac > 1)
			frac = 1;
		fill = (unsigned)(frac * width + 0.5);
		for (i = 0; i < width; i++)
			bar[i] = i < fill ? '#' : '-';
		bar[width] = '\0';
		if (done > 0 && frac < 1)
			fmt_secs(eta, sizeof eta, el / frac - el);
		n = snprintf(line, sizeof line, "%lld/%lld stories [%s] "
			     "%3.0f%%%s%s  %s sentences/s  %lld events", done,
			     p->total, bar, frac * 100, *eta ? "  ETA " : "",
			     eta, rate, s->events);
	} else {
		fmt_secs(eta, sizeof eta, el);
		n = snprintf(line, sizeof line, "%lld stories  %s elapsed  %s "
			     "sentences/s  %lld events", done, eta, rate,
			     s->events);
	}
	if (n > 0 && (unsigned)n >= p->cols && p->cols > 1)
		line[p->cols - 1] = '\0';
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	p->drawn = 1;
}

static void on_progress(void *ud, const struct dy_ingest_stats *s)
{
	draw(ud, s, 0);
}

int cmd_ingest(int argc, char **argv)
{
	struct dy_ctx *ctx;
	struct dy_store *st;
	struct ingest_opts o;
	struct progress p;
	struct dy_ingest_opts io;
	struct dy_ingest_stats stats;
	struct winsize ws;
	int i, rc = 0, nerr = 0;
	double el;

	if (dy_ctx_new(&ctx))
		die("out of memory");
	parse_ingest(ctx, argc, argv, &o);
	memset(&p, 0, sizeof p);
	p.quiet = o.quiet;
	p.tty = !o.quiet && isatty(2);
	p.cols = 80;
	if (p.tty && !ioctl(2, TIOCGWINSZ, &ws) && ws.ws_col)
		p.cols = ws.ws_col;
	if (p.tty)
		for (i = 0; i < o.ninputs; i++) {
			long long n = count_stories(o.inputs[i], o.in_fmt);

			if (n < 0) {
				p.total = 0;
				break;
			}
			p.total += n;
		}
	load_dicts(ctx, o.petrarch, o.kb, o.quiet);
	if (dy_store_open(ctx, o.db, DY_STORE_CREATE, &st))
		die("%s", dy_errmsg(ctx));
	memset(&io, 0, sizeof io);
	memset(&stats, 0, sizeof stats);
	io.batch = o.batch;
	io.force = o.force;
	io.report = on_report;
	io.progress = on_progress;
	io.ud = &p;
	p.t0 = now();
	for (i = 0; i < o.ninputs; i++) {
		struct dy_reader *r;

		if (dy_reader_open(ctx, o.inputs[i], (enum dy_input_format)
				   o.in_fmt, &r)) {
			on_report(&p, dy_errmsg(ctx));
			nerr++;
			continue;
		}
		rc = dy_store_ingest(st, r, &io, &stats);
		dy_reader_free(r);
		if (rc == DY_EDB || rc == DY_ENOMEM || rc == DY_ETIMEOUT)
			break;
		if (rc) {
			on_report(&p, dy_errmsg(ctx));
			nerr++;
			rc = 0;
		}
	}
	draw(&p, &stats, 1);
	clear_bar(&p);
	if (rc) {
		fprintf(stderr, "dyad: %s\n", dy_errmsg(ctx));
		dy_store_close(st);
		dy_ctx_free(ctx);
		return 1;
	}
	el = now() - p.t0;
	if (!o.quiet && (p.tty || o.verbose))
		fprintf(stderr, "dyad: %s: %lld stories read: %lld new, %lld "
			"replaced, %lld unchanged, %lld failed; %lld "
			"sentences, %lld events in %.1f s (%.0f sentences/s)"
			"\n", o.db, stats.stories, stats.stored,
			stats.replaced, stats.skipped, stats.failed,
			stats.sentences, stats.events, el,
			el > 0 ? (double)stats.sentences / el : 0.0);
	dy_store_close(st);
	dy_ctx_free(ctx);
	return nerr || stats.failed ? 2 : 0;
}

/* ------------------------------------------------------------------ */
/* dyad query                                                          */
/* ------------------------------------------------------------------ */

static const char query_usage[] =
"usage: dyad query [--db FILE] [filters] [aggregation] [format]\n"
"\n"
"Filters (combined with AND; a code ending in * is a prefix):\n"
"  --actor CODE           source or target\n"
"  --members              --actor/--source/--target IGO also matches its\n"
"                         member countries on the event date\n"
"  --source CODE, --target CODE\n"
"  --country XXX          source or target starts with XXX\n"
"  --code PREFIX          CAMEO code prefix (07, 074)\n"
"  --root RR, --quad 1..4, --plover TYPE\n"
"  --from YYYY-MM-DD, --to YYYY-MM-DD\n"
"  --bbox LAT1,LON1,LAT2,LON2\n"
"  --text EXPR            full-text search of the sentence (SQLite FTS5)\n"
"  --story ID, --located\n"
"Aggregations:\n"
"  --count-by day|week|month [--by root|quad|dyad]\n"
"  --top-dyads N\n"
"  --goldstein            Goldstein sums (alone: count and sum)\n"
"Output (default: an aligned table):\n"
"  --csv, --jsonl, --json, --gdelt (GDELT-like TSV), --table\n"
"  --limit N, --offset N, --newest\n"
"  --columns A,B,...      event columns to write (default: all)\n"
"  --event ID             one event as JSON, with its sentence\n"
"  --stats                what the database holds\n"
"  --kb DIR               knowledge base for --members (default: the\n"
"                         installed one)\n"
"See docs/query.md.\n";

static int write_stdout(void *ud, const char *p, size_t n)
{
	(void)ud;
	return fwrite(p, 1, n, stdout) != n;
}

static void load_members(struct dy_ctx *ctx, const char *kb)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/members.tsv",
		 kb ? kb : dy_kb_default_dir());
	if (dy_dict_load(ctx, DY_DICT_MEMBERS, path))
		die("%s", dy_errmsg(ctx));
}

int cmd_query(int argc, char **argv)
{
	static const char *const valued[] = {
		"actor", "source", "target", "country", "code", "root", "quad",
		"plover", "from", "to", "bbox", "text", "story", "count-by",
		"by", "top-dyads", "limit", "offset", "columns", NULL,
	};
	static const char *const flags[] = {
		"members", "located", "goldstein", "newest", NULL,
	};
	struct dy_query q = DY_QUERY_INIT;
	struct dy_ctx *ctx;
	struct dy_store *st;
	const char *db = DY_STORE_DEFAULT_DB, *kb = NULL;
	enum dy_qformat fmt = DY_QFORMAT_TABLE;
	long long event = -1;
	int i, k, rc, stats = 0;

	if (dy_ctx_new(&ctx))
		die("out of memory");
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		const char *name = a[0] == '-' && a[1] == '-' ? a + 2 : NULL;

		if (name) {
			for (k = 0; valued[k] && strcmp(name, valued[k]); k++)
				;
			if (valued[k]) {
				if (!v)
					die("option '%s' needs a value", a);
				if (dy_query_set(ctx, &q, name, v))
					die("--%s", dy_errmsg(ctx));
				i++;
				continue;
			}
			for (k = 0; flags[k] && strcmp(name, flags[k]); k++)
				;
			if (flags[k]) {
				if (dy_query_set(ctx, &q, name, "1"))
					die("--%s", dy_errmsg(ctx));
				continue;
			}
		}
		if (!strcmp(a, "--db") && v) {
			db = argv[++i];
		} else if (!strcmp(a, "--kb") && v) {
			kb = argv[++i];
		} else if (!strcmp(a, "--event") && v) {
			event = (long long)parse_num(a, argv[++i],
						     (1UL << 53) - 1);
		} else if (!strcmp(a, "--stats")) {
			stats = 1;
		} else if (!strcmp(a, "--table")) {
			fmt = DY_QFORMAT_TABLE;
		} else if (!strcmp(a, "--csv")) {
			fmt = DY_QFORMAT_CSV;
		} else if (!strcmp(a, "--jsonl")) {
			fmt = DY_QFORMAT_JSONL;
		} else if (!strcmp(a, "--json")) {
			fmt = DY_QFORMAT_JSON;
		} else if (!strcmp(a, "--gdelt")) {
			fmt = DY_QFORMAT_GDELT;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(query_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--db") || !strcmp(a, "--kb") ||
			   !strcmp(a, "--event")) {
			die("option '%s' needs a value", a);
		} else {
			die("unknown argument '%s' (see dyad query --help)",
			    a);
		}
	}
	if (q.members)
		load_members(ctx, kb);
	if (dy_store_open(ctx, db, DY_STORE_READONLY, &st))
		die("%s", dy_errmsg(ctx));
	if (stats)
		rc = dy_store_stats_json(st, write_stdout, NULL);
	else if (event >= 0)
		rc = dy_store_event_json(st, event, write_stdout, NULL);
	else
		rc = dy_query_write(st, &q, fmt, write_stdout, NULL);
	if (!rc && (fflush(stdout) || ferror(stdout)))
		rc = dy_ctx_error(ctx, DY_EIO, "write error");
	if (rc)
		fprintf(stderr, "dyad: %s\n", dy_errmsg(ctx));
	dy_store_close(st);
	dy_ctx_free(ctx);
	return rc ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* dyad serve                                                          */
/* ------------------------------------------------------------------ */

static const char serve_usage[] =
"usage: dyad serve [--db FILE] [--port N] [--bind ADDR] [options]\n"
"\n"
"Serve the dashboard and the JSON API (docs/query.md) over HTTP.\n"
"\n"
"  --db FILE              database (default dyad.db)\n"
"  --port N               TCP port (default 8080; 0 = any free port)\n"
"  --bind ADDR            listen address (default 127.0.0.1, loopback\n"
"                         only; 0.0.0.0 or :: opens it to the network)\n"
"  --web DIR              dashboard files (default: web/ beside the\n"
"                         installed knowledge base)\n"
"  --kb DIR               knowledge base, for IGO membership\n"
"  --threads N            worker threads (default 8)\n"
"  --timeout MS           per-query time limit (default 5000)\n"
"  --no-cache             compute every answer anew\n"
"\n"
"The first line on stdout is the dashboard's URL.  SIGINT or SIGTERM\n"
"stops the server.\n";

int cmd_serve(int argc, char **argv)
{
	struct dy_server_opts o;
	struct dy_server *srv;
	struct dy_ctx *ctx;
	sigset_t set_;
	int i, sig = 0;
	const char *bind;

	memset(&o, 0, sizeof o);
	o.port = 8080;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(serve_usage, stdout);
			return 0;
		}
		if (a[0] != '-')
			die("unexpected argument '%s' (see dyad serve --help)",
			    a);
		if (!strcmp(a, "--no-cache")) {
			o.no_cache = 1;
			continue;
		}
		if (!v)
			die("option '%s' needs a value", a);
		i++;
		if (!strcmp(a, "--db"))
			o.db = v;
		else if (!strcmp(a, "--port"))
			o.port = (unsigned)parse_num(a, v, 65535);
		else if (!strcmp(a, "--bind"))
			o.bind = v;
		else if (!strcmp(a, "--web"))
			o.web_dir = v;
		else if (!strcmp(a, "--kb"))
			o.kb_dir = v;
		else if (!strcmp(a, "--threads"))
			o.threads = (unsigned)parse_num(a, v, 256);
		else if (!strcmp(a, "--timeout"))
			o.timeout_ms = (unsigned)parse_num(a, v, 3600000);
		else
			die("unknown option '%s' (see dyad serve --help)", a);
	}
	/* the server's threads inherit this mask, so the signals wait for
	 * sigwait below */
	sigemptyset(&set_);
	sigaddset(&set_, SIGINT);
	sigaddset(&set_, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set_, NULL);
	if (dy_ctx_new(&ctx))
		die("out of memory");
	if (dy_server_start(ctx, &o, &srv))
		die("%s", dy_errmsg(ctx));
	bind = o.bind ? o.bind : "127.0.0.1";
	printf(strchr(bind, ':') ? "http://[%s]:%u/\n" : "http://%s:%u/\n",
	       bind, dy_server_port(srv));
	fflush(stdout);
	if (isatty(2))
		fprintf(stderr, "dyad: serving %s; Ctrl-C stops\n",
			o.db ? o.db : DY_STORE_DEFAULT_DB);
	sigwait(&set_, &sig);
	dy_server_stop(srv);
	dy_ctx_free(ctx);
	return 0;
}
