/*
 * store_int.h: the store's insides, shared by store.c (schema, ingest)
 * and query.c (filters, aggregations, output).  Nothing outside src/
 * includes this; the server uses dyad_store.h only.
 */
#ifndef DY_STORE_INT_H
#define DY_STORE_INT_H

#include <sqlite3.h>

#include "dyad_store.h"
#include "base/arena.h"
#include "base/hash.h"

struct dy_patfile;

/* ORDER DY_STMT: prepared statements, made on first use */
enum dy_stmt {
	DY_STMT_LOOKUP,     /* a story's row and hash by story id */
	DY_STMT_DEL_EVENTS, /* a story's events */
	DY_STMT_DEL_SENTS,  /* a story's sentences */
	DY_STMT_DEL_STORY,  /* the story row */
	DY_STMT_INS_STORY,
	DY_STMT_INS_SENT,
	DY_STMT_INS_EVENT,
	DY_STMT_INS_ACTOR,
	DY_STMT_FTS_ADD,    /* index the sentences from a rowid on */
	DY_STMT_FTS_DEL,    /* unindex a story's sentences */
	DY_STMT__COUNT
};

struct dy_store {
	struct dy_ctx *ctx;            /* errors, dictionaries */
	sqlite3 *db;                   /* the connection */
	unsigned flags;                /* enum dy_store_flags */
	int in_tx;                     /* dy_store_begin is open */
	long long fts_from;            /* sentences from this rowid on are
					  not in the full-text index yet, 0
					  when all are */
	sqlite3_stmt *stmt[DY_STMT__COUNT]; /* ORDER DY_STMT */
	unsigned timeout_ms;           /* per-query limit, 0 = none */
	long long deadline_ns;         /* CLOCK_MONOTONIC end of the query */
	int timed_out;                 /* the progress handler fired */
	struct dy_arena arena;         /* labels, cached dictionary lines */
	struct dy_hash labels;         /* actor code -> label (or "") */
	int labels_ready;              /* the name index below is built */
	struct dy_hash names;          /* actor code -> primary phrase */
	struct dy_hash seen;           /* actor codes upserted this session */
	struct dy_patfile *patfiles;   /* dictionary files read for
					  pattern_text */
};

/* Record sqlite's message as "what: message" on the store's context and
 * return DY_EDB (DY_ETIMEOUT after the time limit fired). */
DY_INTERNAL int dy_store_dbfail(struct dy_store *st, const char *what);
/* CAMEO's name for the role or sector code at p[0..2] ("GOV" ->
 * "government"), or NULL. */
DY_INTERNAL const char *dy_store_role_name(const char *p);
/* Start the time limit for one query. */
DY_INTERNAL void dy_store_arm(struct dy_store *st);

#endif
