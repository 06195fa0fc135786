/*
 * ctx.h: the context's insides, shared by the library's modules.
 * Nothing outside src/ includes this.
 */
#ifndef DY_CTX_H
#define DY_CTX_H

#include <pthread.h>
#include <stdarg.h>

#include "dyad.h"
#include "base/arena.h"
#include "base/buf.h"

struct dy_dict;
struct dy_gazetteer;
struct dy_lg;
struct dy_shallow;

struct dy_options {
	int frontend;         /* enum dy_frontend, DY_FE_NONE = auto */
	int require_dyad;     /* drop events without both actors */
	int new_actor_length; /* quote unknown NPs up to this many words */
	int comma_min, comma_max;   /* PETRARCH comma-clause deletion */
	int comma_bmin, comma_bmax;
	int comma_emin, comma_emax;
	double lg_timeout;    /* seconds per sentence */
	int lg_linkages;      /* Link Grammar linkage limit */
	int one_a_story;      /* dedup per story */
	int one_a_day;        /* dedup per day */
	int asserted_only;    /* drop events with a mode flag */
	long default_date;    /* yyyymmdd for undated stories, 0 none */
	int max_gap;          /* words a pattern's space may skip (dyad's
				 own dictionaries) */
	int context;          /* story context stages (default on) */
	int compat;           /* PETRARCH semantics (validation): no
				 story context, no country inference, and
				 a coded clause swallows what it reports */
};

struct dy_ctx {
	char errmsg[1024];        /* last failure */
	struct dy_options opt;    /* coding options */
	struct dy_dict *dict;     /* dictionaries (dict.c) */
	struct dy_lg *lg;         /* Link Grammar parser (lg.c), opened on
				     first use, under lg_lock */
	pthread_mutex_t lg_lock;  /* threads coding with one context may
				     all want the parser first */
	struct dy_shallow *shallow; /* shallow front-end's lexicon */
	struct dy_gazetteer *gaz; /* places (geo.c), loaded on first use */
};

/* Build the shared read-only state coding needs (gazetteer); called at
 * the end of dictionary loading. */
DY_INTERNAL int dy_ctx_prepare(struct dy_ctx *ctx);

/* Record a formatted message on ctx and return `code` (git's error()). */
DY_INTERNAL int dy_fail(struct dy_ctx *ctx, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
DY_INTERNAL int dy_vfail(struct dy_ctx *ctx, int code, const char *fmt,
			 va_list ap);

#endif
