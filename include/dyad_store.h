/*
 * dyad_store.h: the event store, its queries and the dashboard server.
 *
 * Coded stories go into a SQLite database (one file, WAL mode): their
 * text, sentences, events and the actor labels seen, as laid out in
 * docs/schema.md.  Queries filter and aggregate the stored events and
 * write them as a table, CSV, JSON Lines, JSON or a GDELT-like TSV
 * (docs/query.md); the HTTP server answers the same queries as JSON and
 * serves the dashboard.
 *
 * The objects:
 *
 *   struct dy_store   one database connection.  Errors go to the context
 *                     it was opened with.  A store is used by one thread
 *                     at a time; threads that read concurrently open one
 *                     store (and one context) each.
 *   struct dy_query   a query: filters plus what to compute.  Plain data
 *                     the caller owns; its strings are not copied and
 *                     must live until the query has run.
 *   struct dy_server  the HTTP server (libmicrohttpd), with its own pool
 *                     of read-only stores.
 *
 * Errors follow dyad.h: 0 or a negative DY_E* code, the message on the
 * context (dy_errmsg).  Database failures are DY_EDB; a query that is not
 * well formed (bad date, bad full-text expression, unknown option) is
 * DY_EINVAL; a query over the store's time limit is DY_ETIMEOUT.
 */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include "dyad.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Version of the database layout written into meta.schema_version; a
 * store refuses to open a database of another version. */
#define DY_STORE_SCHEMA 1

#define DY_STORE_DEFAULT_DB "dyad.db" /* dyad ingest/query/serve --db */
#define DY_STORE_BATCH 200            /* stories per ingest transaction */
#define DY_MAX_QUERY_ROWS 1000000     /* rows one query may return */
#define DY_MAX_QUERY_TEXT 1024        /* bytes of a filter value */

/* ------------------------------------------------------------------ */
/* Store                                                               */
/* ------------------------------------------------------------------ */

struct dy_store;

enum dy_store_flags {
	DY_STORE_READONLY = 1 << 0, /* read-only connection (query, serve) */
	DY_STORE_CREATE = 1 << 1,   /* create the file and schema if absent */
};

/*
 * Open the database at `path`.  Without DY_STORE_CREATE a missing file
 * is DY_ENOTFOUND.  `ctx` receives error messages and supplies the
 * dictionaries: the coder's for ingest, the IGO membership table for
 * queries with `members` set, and actor names for the actor labels.  It
 * must outlive the store.  *out is NULL on failure.
 */
DY_API int dy_store_open(struct dy_ctx *ctx, const char *path, unsigned flags,
		  struct dy_store **out);
/* Close the store (a pending transaction is rolled back); NULL is a
 * no-op. */
DY_API void dy_store_close(struct dy_store *st);

/*
 * Time limit for each later query on this store, in milliseconds (0, the
 * default, for none).  A query over it stops with DY_ETIMEOUT.
 */
DY_API void dy_store_set_timeout(struct dy_store *st, unsigned ms);

/* What the store holds. */
struct dy_store_stats {
	long long stories;    /* stories stored */
	long long sentences;  /* their sentences */
	long long events;     /* coded events */
	long long located;    /* events with coordinates */
	long long actors;     /* distinct actor codes */
	char first_date[11];  /* earliest event date, "" when none */
	char last_date[11];   /* latest event date, "" when none */
};
DY_API int dy_store_stats(struct dy_store *st, struct dy_store_stats *out);

/* ------------------------------------------------------------------ */
/* Ingest                                                              */
/* ------------------------------------------------------------------ */

/* Running totals of an ingest; dy_store_ingest adds to them. */
struct dy_ingest_stats {
	long long stories;   /* stories read */
	long long stored;    /* new stories stored */
	long long replaced;  /* stored stories whose content changed */
	long long skipped;   /* stored already with the same content */
	long long failed;    /* records that could not be read, or stories
				that could not be coded (stored uncoded) */
	long long sentences; /* sentences of the stories coded */
	long long events;    /* events of the stories coded */
};

typedef void (*dy_progress_fn)(void *ud, const struct dy_ingest_stats *s);

struct dy_ingest_opts {
	size_t batch;            /* stories per transaction; 0 =
				    DY_STORE_BATCH */
	int force;               /* recode and replace unchanged stories */
	dy_report_fn report;     /* per-story problems, or NULL */
	dy_progress_fn progress; /* called after every story, or NULL */
	void *ud;                /* for report and progress */
};

/*
 * Read every story of `r`, code it with the store's context and store
 * it, committing every `batch` stories.  A story already stored with the
 * same id and content (id, date, source, title, text: see the hash in
 * docs/schema.md) is skipped without coding; a story whose content
 * changed replaces the stored one.  Killed at any point, the database
 * keeps the batches committed so far and a new run picks up where it
 * stopped.
 *
 * A record the reader cannot read, and a story dy_code fails on, is
 * reported ("FILE:LINE: ..." or "story 'ID': ...") to o->report and
 * counted as failed; the run goes on.  A story that failed to code is
 * stored with its error and no events, so it is not retried until its
 * content changes (or `force`).  A database error rolls back the open
 * batch and ends the run with DY_EDB; a read error (DY_EIO) or running
 * out of memory ends it too, after committing what was done.
 */
DY_API int dy_store_ingest(struct dy_store *st, struct dy_reader *r,
		    const struct dy_ingest_opts *o,
		    struct dy_ingest_stats *stats);

/*
 * The single-story steps dy_store_ingest is made of, for callers that
 * read or code stories themselves.  dy_store_lookup returns 1 when the
 * story is stored with the same content, 0 when it is not stored or
 * changed.  dy_store_put stores a story after dy_code (replacing a stored
 * story of the same id); `error` is NULL or the message of a failed
 * dy_code.  Outside a transaction opened by dy_store_begin, each put is
 * its own transaction; inside one, a failed put leaves the transaction
 * half done: roll it back.
 */
DY_API int dy_store_lookup(struct dy_store *st, const struct dy_story *story);
DY_API int dy_store_put(struct dy_store *st, const struct dy_story *story,
		 const char *error);
DY_API int dy_store_begin(struct dy_store *st);
DY_API int dy_store_commit(struct dy_store *st);
DY_API void dy_store_rollback(struct dy_store *st);

/* ------------------------------------------------------------------ */
/* Queries                                                             */
/* ------------------------------------------------------------------ */

/* ORDER DY_PERIOD */
enum dy_period {
	DY_PERIOD_NONE,
	DY_PERIOD_DAY,   /* YYYY-MM-DD */
	DY_PERIOD_WEEK,  /* the Monday starting the ISO week, YYYY-MM-DD */
	DY_PERIOD_MONTH, /* YYYY-MM */
};

/* ORDER DY_GROUP */
enum dy_group {
	DY_GROUP_NONE,
	DY_GROUP_ROOT,   /* CAMEO root code, "14" */
	DY_GROUP_QUAD,   /* quad class 1..4 */
	DY_GROUP_DYAD,   /* "SOURCE TARGET" */
};

/*
 * A query.  Zero it (or use DY_QUERY_INIT), then set fields directly or
 * by name with dy_query_set.  Filters combine with AND; an unset filter
 * (NULL, 0) does not restrict.  Codes are matched exactly unless they
 * end in '*', which makes them a prefix ("KAZ*" is every Kazakh actor).
 *
 * What is computed: with count_by, event counts per period (and per
 * `by` key); else with top_dyads, the N most frequent (source, target)
 * pairs; else with goldstein alone, the number of events and the sum of
 * their Goldstein scores; else the events themselves, ordered by date
 * and id (newest first with `newest`), `offset` skipped and at most
 * `limit` (0 = DY_MAX_QUERY_ROWS) returned.  `goldstein` adds the sum of
 * Goldstein scores to counts and dyads.
 */
struct dy_query {
	const char *actor;    /* source or target code */
	int members;          /* an IGO actor also matches the actors of
				 the countries that were its members on
				 the event's date (dy_igo_member) */
	const char *source;   /* source actor code */
	const char *target;   /* target actor code */
	const char *country;  /* first three letters of source or target */
	const char *code;     /* CAMEO code prefix, "07" or "074" */
	const char *root;     /* CAMEO root code, exactly, "14" */
	int quad;             /* quad class 1..4, 0 = any */
	const char *plover;   /* PLOVER event type, "PROTEST" */
	const char *from;     /* first event date, YYYY-MM-DD */
	const char *to;       /* last event date, YYYY-MM-DD, inclusive */
	int bbox;             /* 1: lat/lon must be inside the box */
	double lat1, lon1;    /* one corner */
	double lat2, lon2;    /* the opposite corner */
	const char *text;     /* SQLite FTS5 expression on sentence text */
	const char *story;    /* story id */
	int located;          /* only events with coordinates */
	int count_by;         /* enum dy_period */
	int by;               /* enum dy_group, with count_by */
	int top_dyads;        /* N: the N most frequent dyads */
	int goldstein;        /* add Goldstein sums */
	int newest;           /* events newest first */
	const char *columns;  /* events: comma-separated column names to
				 write (docs/query.md), NULL = all */
	long limit;           /* rows, 0 = DY_MAX_QUERY_ROWS */
	long offset;          /* rows to skip */
};

#define DY_QUERY_INIT { 0 }

/*
 * Set a query field by name, as the command line (--name value) and the
 * server (?name=value) spell it: actor, members, source, target, country,
 * code, root, quad, plover, from, to, bbox ("lat1,lon1,lat2,lon2"), text,
 * story, located, count-by (day|week|month), by (root|quad|dyad|none),
 * top-dyads, goldstein, newest, limit, offset, columns.  Flags
 * (members, located, goldstein, newest) take "1"/"true"/"yes" or
 * "0"/"false"/"no".  `value`
 * is checked and, for strings, kept by pointer (it must outlive the
 * query).  DY_EINVAL with a message on ctx for an unknown name or a bad
 * value.
 */
DY_API int dy_query_set(struct dy_ctx *ctx, struct dy_query *q, const char *name,
		 const char *value);

/* Column types of result rows. */
enum dy_val_type {
	DY_VAL_NULL,
	DY_VAL_INT,
	DY_VAL_REAL,
	DY_VAL_TEXT,
};

/* One result row.  The arrays and strings are valid during the
 * callback only.  Numbers come as text too, formatted as written out. */
struct dy_row {
	size_t ncols;                /* columns */
	const char *const *names;    /* column names */
	const char *const *values;   /* values, NULL for SQL NULL */
	const unsigned char *types;  /* enum dy_val_type per column */
};

/* Return 0 to go on, anything else to stop the query with that value. */
typedef int (*dy_row_fn)(void *ud, const struct dy_row *row);

/* Run q and call fn for every row.  Returns 0, a DY_E* code, or what fn
 * returned to stop. */
DY_API int dy_query_run(struct dy_store *st, const struct dy_query *q,
		 dy_row_fn fn, void *ud);

/* Number of events matching q's filters (ignoring aggregation, limit and
 * offset). */
DY_API int dy_query_count(struct dy_store *st, const struct dy_query *q,
		   long long *out);

/* ORDER DY_QFORMAT */
enum dy_qformat {
	DY_QFORMAT_TABLE, /* aligned columns with a header, for terminals */
	DY_QFORMAT_CSV,   /* RFC 4180, header line first */
	DY_QFORMAT_JSONL, /* one JSON object per row */
	DY_QFORMAT_JSON,  /* one JSON array of objects */
	DY_QFORMAT_GDELT, /* GDELT-like TSV of events, no header (events
			     only; columns in docs/query.md) */
};

/* Output sink: write n bytes, return 0 or nonzero on failure (the query
 * then stops with DY_EIO). */
typedef int (*dy_write_fn)(void *ud, const char *p, size_t n);

/*
 * Run q and write the result in format fmt.  The table format holds the
 * rows in memory to align them and shows the main event columns only;
 * the others write all columns as they come.
 */
DY_API int dy_query_write(struct dy_store *st, const struct dy_query *q,
		   enum dy_qformat fmt, dy_write_fn w, void *ud);

/*
 * Write one event as a JSON object: all its columns, the actor labels,
 * its story (id, date, source, title), the dictionary entry that fired
 * ("pattern" and the entry's text "pattern_text") and its sentence as
 * "segments": the sentence text cut into pieces, each
 * {"text": ..., "role": "source"|"verb"|"target"|null}, from the stored
 * spans.  DY_ENOTFOUND when there is no event `id`.
 */
DY_API int dy_store_event_json(struct dy_store *st, long long id, dy_write_fn w,
			void *ud);

/* Write the store statistics as a JSON object. */
DY_API int dy_store_stats_json(struct dy_store *st, dy_write_fn w, void *ud);

/* ------------------------------------------------------------------ */
/* Server                                                              */
/* ------------------------------------------------------------------ */

/*
 * Record a printf-style message on ctx (as dy_errmsg shows it) and
 * return `code`, for code built on the public API that reports through a
 * context as the library does -- the server here.
 */
DY_API int dy_ctx_error(struct dy_ctx *ctx, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

struct dy_server;

struct dy_server_opts {
	const char *db;       /* database file, NULL = DY_STORE_DEFAULT_DB */
	const char *bind;     /* IPv4 or IPv6 address, NULL = 127.0.0.1 */
	unsigned port;        /* TCP port, 0 = any free one */
	const char *web_dir;  /* dashboard assets, NULL = the "web" folder
				 beside the installed knowledge base */
	const char *kb_dir;   /* knowledge base for IGO membership, NULL =
				 dy_kb_default_dir() */
	unsigned threads;     /* worker threads, 0 = 8 */
	unsigned timeout_ms;  /* per-query limit, 0 = 5000 */
	int no_cache;         /* 1: compute every answer anew (the server
				 otherwise reuses answers while the
				 database files are unchanged) */
};

/*
 * Start serving in background threads: the JSON API under /api/ and the
 * files of web_dir (only plain files directly in it, of known types).
 * Requests other than GET and HEAD, with a body, with unknown or bad
 * parameters or over the size limits get a 4xx answer.  Errors (database
 * missing, address in use) on ctx; ctx is not used after the call.
 */
DY_API int dy_server_start(struct dy_ctx *ctx, const struct dy_server_opts *o,
		    struct dy_server **out);
/* The port the server listens on (useful after port 0). */
DY_API unsigned dy_server_port(const struct dy_server *srv);
/* Stop serving, wait for the workers and free everything; NULL is a
 * no-op. */
DY_API void dy_server_stop(struct dy_server *srv);

#ifdef __cplusplus
}
#endif
#endif
