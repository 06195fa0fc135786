/*
 * bench.c: the figures `make bench` prints.
 *
 *   load   time and peak RSS to load a dictionary set, measured in a
 *          fresh child process per run (so RSS is the set's own)
 *   ab     the same input with default options and with one option
 *          changed, in turn within one process (context on/off)
 *   code   sentences per second coding an input repeatedly on one thread,
 *          per CPU second of that thread (inputs with Treebank parses
 *          measure the coder alone)
 *
 * Every figure is the median of several runs, with the spread, so the
 * machine's noise is visible.  Uses only the public API.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dyad.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this thread: coding runs on one core, and other
 * processes on a shared machine then slow the figure less than they
 * slow the wall clock */
static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void die(const char *msg, struct dy_ctx *ctx)
{
	fprintf(stderr, "bench: %s%s%s\n", msg, ctx ? ": " : "",
		ctx ? dy_errmsg(ctx) : "");
	exit(1);
}

static int load(struct dy_ctx *ctx, const char *what, const char *dir)
{
	if (!strcmp(what, "petrarch"))
		return dy_petrarch_load(ctx, dir, NULL);
	return dy_kb_load(ctx, dir);
}

/* One load in a child: writes seconds and max RSS (KiB) to the pipe. */
static void load_once(const char *what, const char *dir, double *secs,
		      long *rss)
{
	int fd[2];
	pid_t pid;
	double r[2] = { 0, 0 };

	if (pipe(fd))
		die("pipe", NULL);
	pid = fork();
	if (pid < 0)
		die("fork", NULL);
	if (pid == 0) {
		struct dy_ctx *ctx;
		struct rusage ru;
		double t0;

		close(fd[0]);
		if (dy_ctx_new(&ctx))
			_exit(2);
		t0 = now();
		if (load(ctx, what, dir)) {
			fprintf(stderr, "bench: %s\n", dy_errmsg(ctx));
			_exit(3);
		}
		r[0] = now() - t0;
		getrusage(RUSAGE_SELF, &ru);
		r[1] = (double)ru.ru_maxrss;
		if (write(fd[1], r, sizeof r) != sizeof r)
			_exit(4);
		_exit(0);
	}
	close(fd[1]);
	if (read(fd[0], r, sizeof r) != sizeof r)
		die("load failed", NULL);
	close(fd[0]);
	waitpid(pid, NULL, 0);
	*secs = r[0];
	*rss = (long)r[1];
}

static void bench_load(const char *what, const char *dir, int runs)
{
	double t[32];
	long rss[32], maxrss = 0;
	int i;

	if (runs > 32)
		runs = 32;

	for (i = 0; i < runs; i++) {
		load_once(what, dir, &t[i], &rss[i]);
		if (rss[i] > maxrss)
			maxrss = rss[i];
	}
	qsort(t, (size_t)runs, sizeof *t, cmp_d);
	printf("load %-9s median %.3f s (min %.3f, max %.3f, %d runs), "
	       "peak RSS %.1f MiB\n", what, t[runs / 2], t[0], t[runs - 1],
	       runs, (double)maxrss / 1024.0);
}

/* Code every story of input once; returns sentences and events. */
static double code_pass(struct dy_ctx *ctx, const char *input, long *nsent,
			long *nev, long *nstories)
{
	struct dy_reader *r;
	struct dy_story *st;
	double t0, busy = 0;
	int k;

	*nsent = *nev = *nstories = 0;
	if (dy_reader_open(ctx, input, DY_INPUT_AUTO, &r))
		die("open", ctx);
	while ((k = dy_reader_next(r, &st)) != 0) {
		if (k < 0)
			continue;
		/* time coding only, not reading */
		t0 = cpu_now();
		if (dy_code(ctx, st))
			fprintf(stderr, "bench: %s\n", dy_errmsg(ctx));
		busy += cpu_now() - t0;
		*nsent += (long)dy_story_sentence_count(st);
		*nev += (long)dy_story_event_count(st);
		(*nstories)++;
		dy_story_free(st);
	}
	dy_reader_free(r);
	return busy;
}

static void bench_code(const char *what, const char *dir, const char *input,
		       const char *frontend, int runs, int reps, char **opts,
		       int nopts)
{
	struct dy_ctx *ctx;
	double rate[32];
	long nsent = 0, nev = 0, nst = 0;
	int i, j;
	struct rusage ru;

	if (runs > 32)
		runs = 32;
	if (dy_ctx_new(&ctx) || load(ctx, what, dir))
		die("load", ctx);
	if (frontend && dy_ctx_set_option(ctx, "frontend", frontend))
		die("frontend", ctx);
	for (i = 0; i < nopts; i++) {
		char name[64], *eq = strchr(opts[i], '=');

		if (!eq || (size_t)(eq - opts[i]) >= sizeof name)
			die("options are NAME=VALUE", NULL);
		memcpy(name, opts[i], (size_t)(eq - opts[i]));
		name[eq - opts[i]] = '\0';
		if (dy_ctx_set_option(ctx, name, eq + 1))
			die("option", ctx);
	}
	for (i = 0; i < runs; i++) {
		double busy = 0;
		long s = 0;

		for (j = 0; j < reps; j++) {
			busy += code_pass(ctx, input, &nsent, &nev, &nst);
			s += nsent;
		}
		rate[i] = (double)s / busy;
	}
	qsort(rate, (size_t)runs, sizeof *rate, cmp_d);
	getrusage(RUSAGE_SELF, &ru);
	printf("code %-9s %-10s%s%s %ld stories, %ld sentences, %ld events "
	       "per pass; median %.0f sentences/s (min %.0f, max %.0f, %d "
	       "runs x %d passes), peak RSS %.1f MiB\n", what,
	       frontend ? frontend : "default", nopts ? " " : "",
	       nopts ? opts[0] : "", nst, nsent, nev,
	       rate[runs / 2], rate[0], rate[runs - 1], runs, reps,
	       (double)ru.ru_maxrss / 1024.0);
	dy_ctx_free(ctx);
}

/* A against B in one process: the same input coded with the default
 * options and with NAME=VALUE, pass for pass in turn, so that a slow
 * spell of the machine slows both; reports the median rate of each and
 * the median of the per-run ratios. */
static void bench_ab(const char *what, const char *dir, const char *input,
		     const char *opt, int runs, int reps)
{
	struct dy_ctx *a, *b;
	double ra[64], rb[64], ratio[64];
	long nsent = 0, nev = 0, nst = 0;
	char name[64];
	const char *eq = strchr(opt, '=');
	int i, j;

	if (runs > 64)
		runs = 64;
	if (!eq || (size_t)(eq - opt) >= sizeof name)
		die("options are NAME=VALUE", NULL);
	memcpy(name, opt, (size_t)(eq - opt));
	name[eq - opt] = '\0';
	if (dy_ctx_new(&a) || load(a, what, dir))
		die("load", a);
	if (dy_ctx_new(&b) || load(b, what, dir))
		die("load", b);
	if (dy_ctx_set_option(b, name, eq + 1))
		die("option", b);
	for (i = 0; i < runs; i++) {
		double ta = 0, tb = 0;
		long sa = 0, sb = 0;

		for (j = 0; j < reps; j++) {
			ta += code_pass(a, input, &nsent, &nev, &nst);
			sa += nsent;
			tb += code_pass(b, input, &nsent, &nev, &nst);
			sb += nsent;
		}
		ra[i] = (double)sa / ta;
		rb[i] = (double)sb / tb;
		ratio[i] = ra[i] / rb[i];
	}
	qsort(ra, (size_t)runs, sizeof *ra, cmp_d);
	qsort(rb, (size_t)runs, sizeof *rb, cmp_d);
	qsort(ratio, (size_t)runs, sizeof *ratio, cmp_d);
	printf("ab   %-9s default %.0f sentences/s, %s %.0f sentences/s; "
	       "default/%s median %.3f (min %.3f, max %.3f, %d runs x %d "
	       "passes each, in turn)\n", what, ra[runs / 2], opt,
	       rb[runs / 2], opt, ratio[runs / 2], ratio[0],
	       ratio[runs - 1], runs, reps);
	dy_ctx_free(a);
	dy_ctx_free(b);
}

static int num(const char *s, int def)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *end || v <= 0 || v > 1000 ? def : (int)v;
}

/* Run a command and report its wall time and peak RSS. */
static int bench_exec(char **cmd)
{
	struct rusage ru;
	double t0 = now();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork", NULL);
	if (pid == 0) {
		execvp(cmd[0], cmd);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait", NULL);
	printf("exec %s: exit %d, %.1f s wall, peak RSS %.1f MiB\n", cmd[0],
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1, now() - t0,
	       (double)ru.ru_maxrss / 1024.0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "exec"))
		return bench_exec(argv + 2);
	if (argc >= 4 && !strcmp(argv[1], "load")) {
		bench_load(argv[2], argv[3], argc > 4 ? num(argv[4], 7) : 7);
		return 0;
	}
	if (argc >= 6 && !strcmp(argv[1], "ab")) {
		bench_ab(argv[2], argv[3], argv[4], argv[5],
			 argc > 6 ? num(argv[6], 9) : 9,
			 argc > 7 ? num(argv[7], 10) : 10);
		return 0;
	}
	if (argc >= 5 && !strcmp(argv[1], "code")) {
		bench_code(argv[2], argv[3], argv[4],
			   argc > 5 && strcmp(argv[5], "-") ? argv[5] : NULL,
			   argc > 6 ? num(argv[6], 5) : 5,
			   argc > 7 ? num(argv[7], 1) : 1,
			   argv + (argc > 8 ? 8 : argc), argc > 8 ? argc - 8 : 0);
		return 0;
	}
	fprintf(stderr, "usage: bench load petrarch|kb DIR [RUNS]\n"
		"       bench code petrarch|kb DIR INPUT [FRONTEND|-] [RUNS] "
		"[PASSES] [NAME=VALUE...]\n"
		"       bench ab petrarch|kb DIR INPUT NAME=VALUE [RUNS] "
		"[PASSES]\n       bench exec COMMAND [ARGS...]\n");
	return 1;
}
