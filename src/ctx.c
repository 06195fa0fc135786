/*
 * ctx.c: contexts, options and error reporting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "dict.h"
#include "geo.h"
#include "lg.h"
#include "shallow.h"
#include "base/str.h"

/* ORDER DY_ERR */
static const char *const err_text[] = {
	"success",
	"out of memory",
	"input/output error",
	"malformed input",
	"invalid argument",
	"input over a hard limit",
	"not found",
	"dictionary error",
	"database error",
	"time limit reached",
};

const char *dy_strerror(int code)
{
	size_t i = (size_t)(code < 0 ? -code : code);

	if (i >= sizeof err_text / sizeof err_text[0])
		return "unknown error";
	return err_text[i];
}

int dy_vfail(struct dy_ctx *ctx, int code, const char *fmt, va_list ap)
{
	if (ctx)
		vsnprintf(ctx->errmsg, sizeof ctx->errmsg, fmt, ap);
	return code;
}

int dy_fail(struct dy_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dy_vfail(ctx, code, fmt, ap);
	va_end(ap);
	return code;
}

const char *dy_errmsg(const struct dy_ctx *ctx)
{
	return ctx ? ctx->errmsg : "no context";
}

static void options_default(struct dy_options *o)
{
	memset(o, 0, sizeof *o);
	o->require_dyad = 2; /* source required, target may be unknown */
	o->max_gap = 5;
	o->context = 1;

	o->lg_timeout = 3.0;
	o->lg_linkages = 500;
}

int dy_ctx_new(struct dy_ctx **out)
{
	struct dy_ctx *ctx = dy_calloc(1, sizeof *ctx);

	*out = NULL;
	if (!ctx)
		return DY_ENOMEM;
	options_default(&ctx->opt);
	pthread_mutex_init(&ctx->lg_lock, NULL);
	*out = ctx;
	return DY_OK;
}

void dy_ctx_free(struct dy_ctx *ctx)
{
	if (!ctx)
		return;
	dy_dict_free(ctx->dict);
	dy_geo_close(ctx->gaz);
	dy_shallow_close(ctx->shallow);
	dy_lg_close(ctx->lg);
	pthread_mutex_destroy(&ctx->lg_lock);
	dy_free(ctx, sizeof *ctx);
}

int dy_ctx_prepare(struct dy_ctx *ctx)
{
	int rc;

	/* everything coding needs is made before any story is coded, so
	 * threads can share the context read-only */
	const char *err = NULL;

	if (!ctx->gaz && (rc = dy_geo_open(&ctx->gaz)) != 0)
		return dy_fail(ctx, rc, "cannot build the gazetteer: %s",
			       dy_strerror(rc));
	if (!ctx->shallow && (rc = dy_shallow_open(&ctx->shallow, &err)) != 0)
		return dy_fail(ctx, rc, "cannot open the shallow parser: %s",
			       err ? err : dy_strerror(rc));
	return 0;
}

static int parse_bool(const char *v, int *out)
{
	struct dy_str s = dy_str_c(v);

	if (dy_str_ieqc(s, "true") || dy_str_ieqc(s, "1") ||
	    dy_str_ieqc(s, "yes")) {
		*out = 1;
		return 0;
	}
	if (dy_str_ieqc(s, "false") || dy_str_ieqc(s, "0") ||
	    dy_str_ieqc(s, "no")) {
		*out = 0;
		return 0;
	}
	return -1;
}

static int parse_int(const char *v, int lo, int hi, int *out)
{
	const char *p = v, *end = v + strlen(v);
	unsigned long n;

	if (dy_parse_uint(&p, end, (unsigned long)hi, &n) || p != end ||
	    (long)n < lo)
		return -1;
	*out = (int)n;
	return 0;
}

int dy_ctx_set_option(struct dy_ctx *ctx, const char *name,
		      const char *value)
{
	struct dy_options *o = &ctx->opt;
	struct { const char *name; int *p; } ints[] = {
		{ "new_actor_length", &o->new_actor_length },
		{ "comma_min", &o->comma_min },
		{ "comma_max", &o->comma_max },
		{ "comma_bmin", &o->comma_bmin },
		{ "comma_bmax", &o->comma_bmax },
		{ "comma_emin", &o->comma_emin },
		{ "comma_emax", &o->comma_emax },
		{ "lg_linkages", &o->lg_linkages },
		{ "max_gap", &o->max_gap },
	};
	struct { const char *name; int *p; } bools[] = {
		{ "require_dyad", &o->require_dyad },
		{ "one_a_story", &o->one_a_story },
		{ "one_a_day", &o->one_a_day },
		{ "compat", &o->compat },
		{ "context", &o->context },
	};
	size_t i;

	if (!name || !value)
		return dy_fail(ctx, DY_EINVAL, "option name or value missing");
	for (i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		if (strcmp(name, ints[i].name))
			continue;
		if (parse_int(value, 0, 100000, ints[i].p))
			return dy_fail(ctx, DY_EINVAL,
				       "option '%s': '%s' is not a number",
				       name, value);
		return DY_OK;
	}
	if (!strcmp(name, "require_dyad") && !strcmp(value, "source")) {
		o->require_dyad = 2;
		return DY_OK;
	}
	for (i = 0; i < sizeof bools / sizeof bools[0]; i++) {
		if (strcmp(name, bools[i].name))
			continue;
		if (parse_bool(value, bools[i].p))
			return dy_fail(ctx, DY_EINVAL,
				       "option '%s': '%s' is not true/false",
				       name, value);
		return DY_OK;
	}
	if (!strcmp(name, "frontend")) {
		static const char *const fe[] = { "auto", "treebank",
						  "linkgrammar", "shallow" };
		for (i = 0; i < 4; i++)
			if (!strcmp(value, fe[i])) {
				o->frontend = (int)i;
				return DY_OK;
			}
		return dy_fail(ctx, DY_EINVAL,
			       "option 'frontend': '%s' is not one of auto, "
			       "treebank, linkgrammar, shallow", value);
	}
	if (!strcmp(name, "lg_timeout")) {
		char *end;
		double d = strtod(value, &end);

		if (*end || d <= 0 || d > 600)
			return dy_fail(ctx, DY_EINVAL,
				       "option 'lg_timeout': '%s' is not a "
				       "number of seconds", value);
		o->lg_timeout = d;
		return DY_OK;
	}
	if (!strcmp(name, "modes")) {
		if (!strcmp(value, "all"))
			o->asserted_only = 0;
		else if (!strcmp(value, "asserted"))
			o->asserted_only = 1;
		else
			return dy_fail(ctx, DY_EINVAL,
				       "option 'modes': '%s' is not 'all' or "
				       "'asserted'", value);
		return DY_OK;
	}
	if (!strcmp(name, "date")) {
		long ymd;

		if (dy_parse_ymd(dy_str_c(value), &ymd))
			return dy_fail(ctx, DY_EINVAL,
				       "option 'date': '%s' is not a date "
				       "(YYYY-MM-DD)", value);
		o->default_date = ymd;
		return DY_OK;
	}
	return dy_fail(ctx, DY_EINVAL, "unknown option '%s'", name);
}
