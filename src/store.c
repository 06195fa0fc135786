/*
 * store.c: the SQLite event store -- opening and creating the database,
 * and ingest: storing coded stories with their sentences, events and
 * actor labels.
 *
 * The layout is in docs/schema.md (keep the two in step; a change that
 * old files cannot read bumps DY_STORE_SCHEMA).  Writers use WAL mode
 * and synchronous=NORMAL: a killed process loses at most the transaction
 * it had open, never a committed one, and readers (dyad query, dyad
 * serve) go on reading while an ingest writes.
 *
 * A story is identified by its id.  Its content hash (64-bit FNV-1a over
 * id, date, source, title and the stored text, each followed by a NUL
 * and a presence byte) decides what a new ingest does: same hash, skip
 * without coding; other hash, delete the stored story and store the new
 * one.  The ingest loop commits every `batch` stories; a database error
 * rolls the open batch back, so no story is ever half stored.
 *
 * Actor labels come from the context's actor dictionaries: the primary
 * phrase of the first actor whose default code is the code ("ARMENIA_"
 * becomes "Armenia"), or, for composite codes, the longest prefix that
 * has one followed by the CAMEO role names of the remaining three-letter
 * blocks ("KAZGOV" becomes "Kazakhstan government").  Country plus role
 * is tried first, since people and metonyms also carry codes like
 * "KAZGOV" and must not name them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "dict.h"
#include "store_int.h"
#include "base/buf.h"
#include "base/file.h"
#include "base/str.h"

#define STORE_BUSY_MS 10000       /* wait for another writer's lock */
#define PATFILE_MAX (64u << 20)   /* dictionary file read for patterns */
#define PATTERN_TEXT_MAX 400      /* bytes of a dictionary line kept */
#define LABEL_MAX 200             /* bytes of an actor label */

static const char schema_sql[] =
"CREATE TABLE IF NOT EXISTS meta (\n"
"  key TEXT PRIMARY KEY,\n"
"  value TEXT\n"
") WITHOUT ROWID;\n"
"CREATE TABLE IF NOT EXISTS stories (\n"
"  id INTEGER PRIMARY KEY,\n"
"  story_id TEXT NOT NULL UNIQUE,\n"
"  date TEXT,\n"
"  source TEXT,\n"
"  title TEXT,\n"
"  text TEXT NOT NULL,\n"
"  hash TEXT NOT NULL,\n"
"  nsentences INTEGER NOT NULL,\n"
"  nevents INTEGER NOT NULL,\n"
"  error TEXT,\n"
"  warnings TEXT,\n"
"  ingested TEXT NOT NULL\n"
");\n"
"CREATE TABLE IF NOT EXISTS sentences (\n"
"  id INTEGER PRIMARY KEY,\n"
"  story INTEGER NOT NULL,\n"
"  idx INTEGER NOT NULL,\n"
"  off INTEGER NOT NULL,\n"
"  len INTEGER NOT NULL,\n"
"  text TEXT NOT NULL,\n"
"  UNIQUE (story, idx)\n"
");\n"
"CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(\n"
"  text, content='sentences', content_rowid='id',\n"
"  tokenize='unicode61 remove_diacritics 2');\n"

"CREATE TABLE IF NOT EXISTS events (\n"
"  id INTEGER PRIMARY KEY,\n"
"  story INTEGER NOT NULL,\n"
"  sentence INTEGER NOT NULL,\n"
"  also_sentence INTEGER,\n"
"  sentence_id TEXT,\n"
"  date TEXT,\n"
"  date_text TEXT,\n"
"  date_how TEXT,\n"
"  source TEXT NOT NULL,\n"
"  target TEXT NOT NULL,\n"
"  code TEXT NOT NULL,\n"
"  root TEXT NOT NULL,\n"
"  quad INTEGER NOT NULL,\n"
"  goldstein REAL NOT NULL,\n"
"  plover TEXT,\n"
"  mode INTEGER NOT NULL,\n"
"  source_off INTEGER, source_len INTEGER,\n"
"  target_off INTEGER, target_len INTEGER,\n"
"  verb_off INTEGER, verb_len INTEGER,\n"
"  source_text TEXT,\n"
"  target_text TEXT,\n"
"  verb_text TEXT,\n"
"  pattern TEXT,\n"
"  pattern_text TEXT,\n"
"  reported_by TEXT,\n"
"  reported_text TEXT,\n"
"  loc_name TEXT,\n"
"  loc_country TEXT,\n"
"  lat REAL,\n"
"  lon REAL,\n"
"  loc_is_country INTEGER,\n"
"  issues TEXT\n"
");\n"
"CREATE INDEX IF NOT EXISTS events_story ON events(story);\n"
"CREATE INDEX IF NOT EXISTS events_date_quad ON events(date, quad, "
"goldstein);\n"
"CREATE INDEX IF NOT EXISTS events_dyad ON events(source, target, "
"goldstein);\n"
"CREATE INDEX IF NOT EXISTS events_target ON events(target);\n"
"CREATE INDEX IF NOT EXISTS events_code ON events(code);\n"
"CREATE TABLE IF NOT EXISTS actors (\n"
"  code TEXT PRIMARY KEY,\n"
"  label TEXT\n"
") WITHOUT ROWID;\n";

/* ORDER DY_STMT */
static const char *const stmt_sql[DY_STMT__COUNT] = {
	"SELECT id, hash FROM stories WHERE story_id = ?1",
	"DELETE FROM events WHERE story = ?1",
	"DELETE FROM sentences WHERE story = ?1",
	"DELETE FROM stories WHERE id = ?1",
	"INSERT INTO stories (story_id, date, source, title, text, hash, "
	"nsentences, nevents, error, warnings, ingested) VALUES (?1, ?2, ?3, "
	"?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	"strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
	"INSERT INTO sentences (story, idx, off, len, text) "
	"VALUES (?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO events (story, sentence, also_sentence, sentence_id, "
	"date, date_text, date_how, source, target, code, root, quad, "
	"goldstein, plover, mode, source_off, source_len, target_off, "
	"target_len, verb_off, verb_len, source_text, target_text, verb_text, "
	"pattern, pattern_text, reported_by, reported_text, loc_name, "
	"loc_country, lat, lon, loc_is_country, issues) VALUES (?1, ?2, ?3, "
	"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	"?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, "
	"?31, ?32, ?33, ?34)",
	"INSERT INTO actors (code, label) VALUES (?1, ?2) "
	"ON CONFLICT (code) DO UPDATE SET "
	"label = coalesce(excluded.label, actors.label)",
	"INSERT INTO sentences_fts (rowid, text) "
	"SELECT id, text FROM sentences WHERE id >= ?1",
	"INSERT INTO sentences_fts (sentences_fts, rowid, text) "
	"SELECT 'delete', id, text FROM sentences WHERE story = ?1",
};

/* ------------------------------------------------------------------ */
/* Errors and the time limit                                           */
/* ------------------------------------------------------------------ */

int dy_store_dbfail(struct dy_store *st, const char *what)
{
	if (st->timed_out)
		return dy_fail(st->ctx, DY_ETIMEOUT, "%s: query over the time "
			       "limit of %u ms", what, st->timeout_ms);
	return dy_fail(st->ctx, DY_EDB, "%s: %s", what,
		       sqlite3_errmsg(st->db));
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int on_progress(void *ud)
{
	struct dy_store *st = ud;

	if (st->deadline_ns && now_ns() > st->deadline_ns) {
		st->timed_out = 1;
		return 1;
	}
	return 0;
}

void dy_store_arm(struct dy_store *st)
{
	st->timed_out = 0;
	st->deadline_ns = st->timeout_ms ?
		now_ns() + (long long)st->timeout_ms * 1000000LL : 0;
}

void dy_store_set_timeout(struct dy_store *st, unsigned ms)
{
	st->timeout_ms = ms;
	/* every 4000 virtual-machine steps: well under a millisecond */
	sqlite3_progress_handler(st->db, ms ? 4000 : 0,
				 ms ? on_progress : NULL, st);
}

int dy_ctx_error(struct dy_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dy_vfail(ctx, code, fmt, ap);
	va_end(ap);
	return code;
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */
/* ------------------------------------------------------------------ */

/* dy_member(igo, actor, date): 1 when the country of `actor` (its first
 * three letters) belonged to `igo` on `date` (NULL = ever). */
static void sql_member(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	struct dy_store *st = sqlite3_user_data(c);
	const char *igo = (const char *)sqlite3_value_text(argv[0]);
	const char *actor = (const char *)sqlite3_value_text(argv[1]);
	const char *date = (const char *)sqlite3_value_text(argv[2]);
	char country[4];

	(void)argc;
	if (!igo || !actor || strlen(actor) < 3) {
		sqlite3_result_int(c, 0);
		return;
	}
	memcpy(country, actor, 3);
	country[3] = '\0';
	sqlite3_result_int(c, dy_igo_member(st->ctx, igo, country, date));
}

static int exec(struct dy_store *st, const char *sql)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return dy_store_dbfail(st, "database");
	return 0;
}

/* Check meta.schema_version; create the schema in a fresh file. */
static int check_schema(struct dy_store *st, const char *path)
{
	sqlite3_stmt *s = NULL;
	int rc, have_meta, version = -1;

	rc = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master "
				"WHERE name = 'meta'", -1, &s, NULL);
	if (rc != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return dy_fail(st->ctx, DY_EDB, "%s: not a dyad database: %s",
			       path, sqlite3_errmsg(st->db));
	}
	have_meta = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (!have_meta) {
		if (st->flags & DY_STORE_READONLY)
			return dy_fail(st->ctx, DY_EDB, "%s: not a dyad "
				       "database (no meta table)", path);
		rc = exec(st, "BEGIN IMMEDIATE");
		if (!rc)
			rc = exec(st, schema_sql);
		if (!rc)
			rc = exec(st, "INSERT OR REPLACE INTO meta VALUES "
				  "('schema_version', '1'), "
				  "('dyad_version', '" DY_VERSION "'), "
				  "('created', strftime('%Y-%m-%dT%H:%M:%SZ',"
				  " 'now'))");
		if (!rc)
			rc = exec(st, "COMMIT");
		if (rc)
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	rc = sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = "
				"'schema_version'", -1, &s, NULL);
	if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (version != DY_STORE_SCHEMA)
		return dy_fail(st->ctx, DY_EDB, "%s: database schema version "
			       "%d, this dyad reads version %d", path, version,
			       DY_STORE_SCHEMA);
	return 0;
}

int dy_store_open(struct dy_ctx *ctx, const char *path, unsigned flags,
		  struct dy_store **out)
{
	struct dy_store *st;
	int oflags, rc;

	*out = NULL;
	if (!path || !*path)
		return dy_fail(ctx, DY_EINVAL, "no database file given");
	if (!(flags & DY_STORE_CREATE)) {
		FILE *f = fopen(path, "rb");

		if (!f)
			return dy_fail(ctx, DY_ENOTFOUND, "%s: no such "
				       "database", path);
		fclose(f);
	}
	st = dy_calloc(1, sizeof *st);
	if (!st)
		return dy_fail(ctx, DY_ENOMEM, "out of memory");
	st->ctx = ctx;
	st->flags = flags;
	dy_arena_init(&st->arena, 0);
	dy_hash_init(&st->labels);
	dy_hash_init(&st->names);
	dy_hash_init(&st->seen);
	oflags = SQLITE_OPEN_NOMUTEX;
	if (flags & DY_STORE_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE |
			  (flags & DY_STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		rc = dy_fail(ctx, DY_EDB, "%s: cannot open: %s", path,
			     st->db ? sqlite3_errmsg(st->db) :
			     "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(st->db, 1);
	if (!(flags & DY_STORE_READONLY)) {
		/* WAL survives a kill between any two writes; NORMAL sync
		 * only risks the last commits on power loss, not on a
		 * process crash */
		rc = exec(st, "PRAGMA journal_mode=WAL; "
			  "PRAGMA synchronous=NORMAL");
		if (rc)
			goto fail;
	} else {
		/* query_only also refuses writes through a read-only
		 * handle that SQLite opened read-write as a fallback */
		rc = exec(st, "PRAGMA query_only=1; "
			  "PRAGMA mmap_size=268435456");
		if (rc)
			goto fail;
	}
	rc = check_schema(st, path);
	if (rc)
		goto fail;
	if (sqlite3_create_function(st->db, "dy_member", 3,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, st,
				    sql_member, NULL, NULL) != SQLITE_OK) {
		rc = dy_store_dbfail(st, path);
		goto fail;
	}
	*out = st;
	return 0;
fail:
	dy_store_close(st);
	return rc;
}

struct dy_patfile {
	const char *path;         /* as written in the pattern */
	char *data;               /* file contents, or NULL (unreadable) */
	size_t len;
	uint32_t *lines;          /* offsets of line starts */
	uint32_t nlines;
	struct dy_patfile *next;
};

void dy_store_close(struct dy_store *st)
{
	struct dy_patfile *pf, *next;
	size_t i;

	if (!st)
		return;
	if (st->in_tx)
		dy_store_rollback(st);
	for (i = 0; i < DY_STMT__COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	for (pf = st->patfiles; pf; pf = next) {
		next = pf->next;
		if (pf->data)
			dy_free(pf->data, pf->len + 1);
		dy_free(pf->lines, (size_t)(pf->nlines + 1) * sizeof
			*pf->lines);
		dy_free(pf, sizeof *pf);
	}
	dy_hash_release(&st->labels);
	dy_hash_release(&st->names);
	dy_hash_release(&st->seen);
	dy_arena_release(&st->arena);
	dy_free(st, sizeof *st);
}

static sqlite3_stmt *stmt(struct dy_store *st, enum dy_stmt which)
{
	if (!st->stmt[which] &&
	    sqlite3_prepare_v3(st->db, stmt_sql[which], -1,
			       SQLITE_PREPARE_PERSISTENT, &st->stmt[which],
			       NULL) != SQLITE_OK)
		return NULL;
	sqlite3_reset(st->stmt[which]);
	sqlite3_clear_bindings(st->stmt[which]);
	return st->stmt[which];
}

/* ------------------------------------------------------------------ */
/* Transactions                                                        */
/* ------------------------------------------------------------------ */

int dy_store_begin(struct dy_store *st)
{
	int rc;

	if (st->in_tx)
		return dy_fail(st->ctx, DY_EINVAL, "a transaction is already "
			       "open");
	rc = exec(st, "BEGIN IMMEDIATE");
	if (!rc)
		st->in_tx = 1;
	return rc;
}

/*
 * Index the sentences stored since the last flush, in one statement.
 * Not row by row (a trigger, or an INSERT per sentence): FTS5 writes its
 * pending data out at every statement savepoint, and doing that for each
 * sentence made ingest five times slower.  Rowids of new sentences are
 * above every stored one when they are made (SQLite takes the largest
 * plus one), so "from the smallest new rowid on" is exactly the
 * unindexed ones.
 */
static int fts_flush(struct dy_store *st)
{
	sqlite3_stmt *s;
	int rc;

	if (!st->fts_from)
		return 0;
	s = stmt(st, DY_STMT_FTS_ADD);
	if (!s)
		return dy_store_dbfail(st, "full-text index");
	sqlite3_bind_int64(s, 1, st->fts_from);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return dy_store_dbfail(st, "full-text index");
	st->fts_from = 0;
	return 0;
}

/* COMMIT, after indexing; on failure the transaction is rolled back. */
static int commit(struct dy_store *st)
{
	int rc = fts_flush(st);

	if (!rc)
		rc = exec(st, "COMMIT");
	if (rc)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->fts_from = 0;
	return rc;
}

int dy_store_commit(struct dy_store *st)
{
	int rc;

	if (!st->in_tx)
		return 0;
	rc = commit(st);
	st->in_tx = 0;
	return rc;
}

void dy_store_rollback(struct dy_store *st)
{
	if (!st->in_tx)
		return;
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
	st->fts_from = 0;
}

/* ------------------------------------------------------------------ */
/* Content hash                                                        */
/* ------------------------------------------------------------------ */

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static uint64_t fnv_add(uint64_t h, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* A NULL field and "" hash differently: each field is followed by a NUL
 * and a presence byte. */
static uint64_t fnv_field(uint64_t h, const char *s, size_t n)
{
	char tail[2] = { '\0', s ? '1' : '0' };

	if (s)
		h = fnv_add(h, s, n);
	return fnv_add(h, tail, 2);
}

static void story_hash(const struct dy_story *story, char out[17])
{
	static const char hex[] = "0123456789abcdef";
	const char *id = dy_story_id(story), *date = dy_story_date(story);
	const char *src = dy_story_source(story);
	const char *title = dy_story_title(story);
	const char *text;
	size_t n;
	uint64_t h = FNV_OFFSET;
	int i;

	text = dy_story_text(story, &n);
	h = fnv_field(h, id, id ? strlen(id) : 0);
	h = fnv_field(h, date, date ? strlen(date) : 0);
	h = fnv_field(h, src, src ? strlen(src) : 0);
	h = fnv_field(h, title, title ? strlen(title) : 0);
	h = fnv_field(h, text, n);
	for (i = 15; i >= 0; i--) {
		out[i] = hex[h & 15];
		h >>= 4;
	}
	out[16] = '\0';
}

/* 1 stored with this hash, 2 stored with another (*rowid set), 0 not
 * stored, <0 error. */
static int lookup(struct dy_store *st, const struct dy_story *story,
		  long long *rowid)
{
	sqlite3_stmt *s = stmt(st, DY_STMT_LOOKUP);
	char hash[17];
	int rc;

	if (!s)
		return dy_store_dbfail(st, "lookup");
	story_hash(story, hash);
	sqlite3_bind_text(s, 1, dy_story_id(story), -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return dy_store_dbfail(st, "lookup");
	*rowid = sqlite3_column_int64(s, 0);
	rc = strcmp((const char *)sqlite3_column_text(s, 1), hash) ? 2 : 1;
	sqlite3_reset(s);
	return rc;
}

int dy_store_lookup(struct dy_store *st, const struct dy_story *story)
{
	long long rowid;
	int rc = lookup(st, story, &rowid);

	return rc < 0 ? rc : rc == 1;
}

/* ------------------------------------------------------------------ */
/* Actor labels                                                        */
/* ------------------------------------------------------------------ */

/* CAMEO role, sector and religion codes, for composite actor codes.
 * Also tell the GDELT export which three letters are not a country. */
static const struct {
	const char *code, *name;
} roles[] = {
	{ "AGR", "agriculture" },  { "BUD", "Buddhist" },
	{ "BUS", "business" },     { "CHR", "Christian" },
	{ "COP", "police" },       { "CRM", "criminals" },
	{ "CTH", "Catholic" },     { "CVL", "civilians" },
	{ "DEV", "development" },  { "EDU", "education" },
	{ "ELI", "elites" },       { "ENV", "environmental" },
	{ "GOV", "government" },   { "HIN", "Hindu" },
	{ "HLH", "health" },       { "HRI", "human rights" },
	{ "IGO", "intergovernmental" }, { "IMG", "international militants" },
	{ "INS", "insurgents" },   { "JEW", "Jewish" },
	{ "JUD", "judiciary" },    { "LAB", "labor" },
	{ "LEG", "legislature" },  { "MED", "media" },
	{ "MIL", "military" },     { "MNC", "multinational business" },
	{ "MOD", "moderates" },    { "MOS", "Muslim" },
	{ "NGM", "non-governmental movement" },
	{ "NGO", "non-governmental organisation" },
	{ "OPP", "opposition" },   { "PRO", "Protestant" },
	{ "PTY", "political party" }, { "RAD", "radicals" },
	{ "REB", "rebels" },       { "REF", "refugees" },
	{ "REL", "religious" },    { "SEP", "separatists" },
	{ "SHI", "Shia" },         { "SPY", "intelligence" },
	{ "SUN", "Sunni" },        { "UAF", "armed forces" },
	{ "UIS", "unidentified state actor" },
};

const char *dy_store_role_name(const char *p)
{
	size_t i;

	for (i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (!strncmp(p, roles[i].code, 3))
			return roles[i].name;
	return NULL;
}

/* Index actor code -> primary phrase, first default code wins. */
static int build_names(struct dy_store *st)
{
	const struct dy_dict *d = st->ctx ? st->ctx->dict : NULL;
	uint32_t i, k;

	st->labels_ready = 1;
	if (!d)
		return 0;
	for (i = 0; i < d->nactors; i++) {
		const struct dy_actor *a = d->actorv[i];

		for (k = 0; k < a->ncodes; k++) {
			const struct dy_arange *r = &a->codes[k];
			void **slot;

			if (r->kind != DY_AR_DEFAULT || !r->code)
				continue;
			slot = dy_hash_slot(&st->names, r->code,
					    strlen(r->code));
			if (!slot)
				return DY_ENOMEM;
			if (!*slot)
				*slot = (void *)a->name;
		}
	}
	return 0;
}

/* "UNITED_STATES_" -> "United States"; small words stay lower case.  A
 * one-word name of at most five letters for a code longer than a country
 * code is taken for an acronym and kept ("CSTO_" [IGOCSTO]). */
static void pretty(struct dy_buf *b, const char *name, size_t codelen)
{
	static const char *const small[] = { "OF", "THE", "AND", "FOR", "IN",
					     "ON", "DE", "AL", NULL };
	const char *p = name;
	size_t len = strcspn(name, " _");
	int first = 1, acronym;

	acronym = codelen > 3 && len <= 5 && !name[len + strspn(name + len,
								 " _")];
	while (*p) {
		const char *w;
		size_t n, i;
		int is_small = 0;

		while (*p == '_' || *p == ' ')
			p++;
		w = p;
		while (*p && *p != '_' && *p != ' ')
			p++;
		n = (size_t)(p - w);
		if (!n)
			break;
		for (i = 0; small[i]; i++)
			if (strlen(small[i]) == n && !memcmp(small[i], w, n))
				is_small = !first;
		if (b->len)
			dy_buf_addc(b, ' ');
		for (i = 0; i < n; i++) {
			int c = (unsigned char)w[i];

			if (!acronym)
				c = i == 0 && !is_small ? dy_toupper(c) :
					dy_tolower(c);
			dy_buf_addc(b, (char)c);
		}
		first = 0;
	}
}

/* Roles for the blocks of code from `from` on; 0 when one is unknown. */
static int add_roles(struct dy_buf *b, const char *code, size_t from)
{
	size_t n = strlen(code);

	if ((n - from) % 3)
		return 0;
	for (; from < n; from += 3) {
		const char *r = dy_store_role_name(code + from);

		if (!r)
			return 0;
		if (b->len)
			dy_buf_addc(b, ' ');
		dy_buf_adds(b, r);
	}
	return 1;
}

static const char *name_of(struct dy_store *st, const char *code, size_t n)
{
	return dy_hash_get(&st->names, code, n);
}

/* The label for code, or NULL; remembered in st->labels ("" for none)
 * under a key copied to the store's arena. */
static const char *label_of(struct dy_store *st, const char *code)
{
	size_t n = strlen(code), k;
	const char *name, *label = NULL, *key;
	const char *known = dy_hash_get(&st->labels, code, n);
	struct dy_buf b;

	if (known)
		return *known ? known : NULL;
	if (!st->labels_ready && build_names(st))
		return NULL;
	dy_buf_init(&b, LABEL_MAX);
	/* country + roles, then the whole code, then prefix + roles */
	if (n > 3 && (name = name_of(st, code, 3)) != NULL) {
		pretty(&b, name, 3);
		if (!add_roles(&b, code, 3))
			dy_buf_reset(&b);
	}
	if (!b.len && (name = name_of(st, code, n)) != NULL)
		pretty(&b, name, n);
	for (k = n >= 6 ? n - 3 : 0; !b.len && k >= 3; k -= 3) {
		name = name_of(st, code, k);
		if (!name)
			continue;
		pretty(&b, name, k);
		if (!add_roles(&b, code, k))
			dy_buf_reset(&b);
	}
	if (!b.len && !strncmp(code, "---", 3) && n > 3)
		add_roles(&b, code, 3);
	if (b.len)
		label = dy_arena_strndup(&st->arena, b.buf, b.len);
	dy_buf_release(&b);
	key = dy_arena_strndup(&st->arena, code, n);
	if (key)
		dy_hash_put(&st->labels, key, n, (void *)(label ? label : ""));
	return label;
}

/* ------------------------------------------------------------------ */
/* Dictionary lines for pattern_text                                   */
/* ------------------------------------------------------------------ */

static struct dy_patfile *patfile(struct dy_store *st, const char *path,
				  size_t n)
{
	struct dy_patfile *pf;
	size_t i, k;

	for (pf = st->patfiles; pf; pf = pf->next)
		if (strlen(pf->path) == n && !memcmp(pf->path, path, n))
			return pf;
	pf = dy_calloc(1, sizeof *pf);
	if (!pf)
		return NULL;
	pf->path = dy_arena_strndup(&st->arena, path, n);
	if (!pf->path) {
		dy_free(pf, sizeof *pf);
		return NULL;
	}
	if (dy_file_read(pf->path, PATFILE_MAX, &pf->data, &pf->len))
		pf->data = NULL;
	/* the knowledge base names its entries from its own folder
	 * ("verbs/07-aid.verbs") */
	if (!pf->data && pf->path[0] != '/' && st->ctx && st->ctx->dict &&
	    st->ctx->dict->kb_root) {
		char full[4096];

		snprintf(full, sizeof full, "%s/%s", st->ctx->dict->kb_root,
			 pf->path);
		if (dy_file_read(full, PATFILE_MAX, &pf->data, &pf->len))
			pf->data = NULL;
	}
	if (pf->data) {
		for (i = 0; i < pf->len; i++)
			pf->nlines += pf->data[i] == '\n';
		pf->nlines++;
		pf->lines = dy_malloc((size_t)(pf->nlines + 1) *
				      sizeof *pf->lines);
		if (!pf->lines) {
			dy_free(pf->data, pf->len + 1);
			pf->data = NULL;
			pf->nlines = 0;
		} else {
			pf->lines[0] = 0;
			for (i = 0, k = 1; i < pf->len; i++)
				if (pf->data[i] == '\n')
					pf->lines[k++] = (uint32_t)(i + 1);
		}
	}
	pf->next = st->patfiles;
	st->patfiles = pf;
	return pf;
}

/* The dictionary line a "FILE:LINE" pattern names, trimmed; *n = 0 when
 * the file cannot be read. */
static const char *pattern_line(struct dy_store *st, const char *pattern,
				size_t *n)
{
	const char *colon = pattern ? strrchr(pattern, ':') : NULL;
	const char *p, *end;
	struct dy_patfile *pf;
	unsigned long line;

	*n = 0;
	if (!colon || colon == pattern)
		return NULL;
	p = colon + 1;
	end = p + strlen(p);
	if (dy_parse_uint(&p, end, 1u << 30, &line) || p != end || !line)
		return NULL;
	pf = patfile(st, pattern, (size_t)(colon - pattern));
	if (!pf || !pf->data || line > pf->nlines)
		return NULL;
	p = pf->data + pf->lines[line - 1];
	end = line < pf->nlines ? pf->data + pf->lines[line] : pf->data +
		pf->len;
	while (p < end && dy_isspace((unsigned char)*p))
		p++;
	while (end > p && dy_isspace((unsigned char)end[-1]))
		end--;
	*n = (size_t)(end - p);
	if (*n > PATTERN_TEXT_MAX)
		*n = PATTERN_TEXT_MAX;
	/* do not cut a UTF-8 sequence */
	while (*n && *n < (size_t)(end - p) &&
	       ((unsigned char)p[*n] & 0xc0) == 0x80)
		(*n)--;
	return p;
}

/* ------------------------------------------------------------------ */
/* Storing one story                                                   */
/* ------------------------------------------------------------------ */

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static void bind_span(sqlite3_stmt *s, int i, struct dy_span sp)
{
	if (sp.len) {
		sqlite3_bind_int64(s, i, sp.off);
		sqlite3_bind_int64(s, i + 1, sp.len);
	}
}

static int step_done(struct dy_store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return dy_store_dbfail(st, what);
	return 0;
}

static int put_actor(struct dy_store *st, const char *code)
{
	sqlite3_stmt *s;
	size_t n;
	const char *key;

	if (!code || !*code || !strcmp(code, "---"))
		return 0;
	n = strlen(code);
	if (dy_hash_get(&st->seen, code, n))
		return 0;
	s = stmt(st, DY_STMT_INS_ACTOR);
	if (!s)
		return dy_store_dbfail(st, "actors");
	bind_str(s, 1, code);
	bind_str(s, 2, label_of(st, code));
	if (step_done(st, s, "actors"))
		return DY_EDB;
	key = dy_arena_strndup(&st->arena, code, n);
	if (key && dy_hash_put(&st->seen, key, n, (void *)key))
		return dy_fail(st->ctx, DY_ENOMEM, "out of memory");
	return 0;
}

static int put_event(struct dy_store *st, long long story,
		     const struct dy_event *e)
{
	sqlite3_stmt *s = stmt(st, DY_STMT_INS_EVENT);
	const char *ptext;
	size_t pn;
	char root[3] = { 0 };

	if (!s)
		return dy_store_dbfail(st, "events");
	if (e->code)
		memcpy(root, e->code, strnlen(e->code, 2));
	sqlite3_bind_int64(s, 1, story);
	sqlite3_bind_int(s, 2, e->sentence);
	if (e->also_sentence >= 0)
		sqlite3_bind_int(s, 3, e->also_sentence);
	bind_str(s, 4, e->sentence_id);
	bind_str(s, 5, e->date);
	bind_str(s, 6, e->date_text);
	bind_str(s, 7, e->date_how);
	bind_str(s, 8, e->source ? e->source : "---");
	bind_str(s, 9, e->target ? e->target : "---");
	bind_str(s, 10, e->code ? e->code : "---");
	sqlite3_bind_text(s, 11, root, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 12, e->quad);
	sqlite3_bind_double(s, 13, e->goldstein);
	bind_str(s, 14, e->plover);
	sqlite3_bind_int64(s, 15, e->mode);
	bind_span(s, 16, e->source_span);
	bind_span(s, 18, e->target_span);
	bind_span(s, 20, e->verb_span);
	bind_str(s, 22, e->source_text);
	bind_str(s, 23, e->target_text);
	bind_str(s, 24, e->verb_text);
	bind_str(s, 25, e->pattern);
	ptext = pattern_line(st, e->pattern, &pn);
	if (pn)
		sqlite3_bind_text(s, 26, ptext, (int)pn, SQLITE_STATIC);
	bind_str(s, 27, e->reported_by);
	bind_str(s, 28, e->reported_text);
	if (e->location) {
		bind_str(s, 29, e->location->name);
		bind_str(s, 30, e->location->country);
		sqlite3_bind_double(s, 31, e->location->lat);
		sqlite3_bind_double(s, 32, e->location->lon);
		sqlite3_bind_int(s, 33, e->location->is_country);
	}
	bind_str(s, 34, e->issues);
	if (step_done(st, s, "events"))
		return DY_EDB;
	if (put_actor(st, e->source) || put_actor(st, e->target) ||
	    put_actor(st, e->reported_by))
		return DY_EDB;
	return 0;
}

static int put_sentences(struct dy_store *st, long long story,
			 const struct dy_story *sty)
{
	size_t i, n = dy_story_sentence_count(sty), tlen;
	const char *text = dy_story_text(sty, &tlen);
	long long id;

	for (i = 0; i < n; i++) {
		struct dy_span sp = dy_story_sentence(sty, i);
		sqlite3_stmt *s = stmt(st, DY_STMT_INS_SENT);

		if (!s)
			return dy_store_dbfail(st, "sentences");
		if ((size_t)sp.off > tlen || sp.len > tlen - sp.off)
			sp.len = 0;
		sqlite3_bind_int64(s, 1, story);
		sqlite3_bind_int64(s, 2, (long long)i);
		sqlite3_bind_int64(s, 3, sp.off);
		sqlite3_bind_int64(s, 4, sp.len);
		sqlite3_bind_text(s, 5, text + (sp.len ? sp.off : 0),
				  (int)sp.len, SQLITE_STATIC);
		if (step_done(st, s, "sentences"))
			return DY_EDB;
		id = sqlite3_last_insert_rowid(st->db);
		if (!st->fts_from || id < st->fts_from)
			st->fts_from = id;
	}
	return 0;
}

/* Delete stored story `rowid` with its sentences (from the full-text
 * index first: FTS5's external-content 'delete' needs the indexed text,
 * and the index must be up to date for it) and its events. */
static int delete_story(struct dy_store *st, long long rowid)
{
	static const enum dy_stmt order[] = { DY_STMT_FTS_DEL,
					      DY_STMT_DEL_EVENTS,
					      DY_STMT_DEL_SENTS,
					      DY_STMT_DEL_STORY };
	size_t i;
	int rc = fts_flush(st);

	if (rc)
		return rc;
	for (i = 0; i < 4; i++) {
		sqlite3_stmt *s = stmt(st, order[i]);

		if (!s)
			return dy_store_dbfail(st, "delete");
		sqlite3_bind_int64(s, 1, rowid);
		if (step_done(st, s, "delete"))
			return DY_EDB;
	}
	return 0;
}

static int put_story_row(struct dy_store *st, const struct dy_story *sty,
			 const char *error, long long *rowid)
{
	sqlite3_stmt *s = stmt(st, DY_STMT_INS_STORY);
	char hash[17];
	size_t tlen;
	const char *text = dy_story_text(sty, &tlen);
	const char *warn = dy_story_warnings(sty);

	if (!s)
		return dy_store_dbfail(st, "stories");
	story_hash(sty, hash);
	bind_str(s, 1, dy_story_id(sty));
	bind_str(s, 2, dy_story_date(sty));
	bind_str(s, 3, dy_story_source(sty));
	bind_str(s, 4, dy_story_title(sty));
	sqlite3_bind_text(s, 5, text, (int)tlen, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, hash, 16, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 7, (long long)dy_story_sentence_count(sty));
	sqlite3_bind_int64(s, 8, error ? 0 :
			   (long long)dy_story_event_count(sty));
	bind_str(s, 9, error);
	bind_str(s, 10, warn && *warn ? warn : NULL);
	if (step_done(st, s, "stories"))
		return DY_EDB;
	*rowid = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/*
 * Store sty, replacing stored row `old` (0 = none).  Outside a
 * transaction the story is its own; inside one (a batch) a failure
 * leaves the transaction half done and the caller rolls it back.  Not a
 * savepoint per story: FTS5 flushes its pending index data at every
 * savepoint, which made ingest five times slower.
 */
static int put(struct dy_store *st, const struct dy_story *sty,
	       const char *error, long long old)
{
	long long rowid = 0;
	size_t i, n;
	int rc = 0, own = !st->in_tx;

	if (own && (rc = exec(st, "BEGIN IMMEDIATE")) != 0)
		return rc;
	if (old)
		rc = delete_story(st, old);
	if (!rc)
		rc = put_story_row(st, sty, error, &rowid);
	if (!rc)
		rc = put_sentences(st, rowid, sty);
	n = error ? 0 : dy_story_event_count(sty);
	for (i = 0; !rc && i < n; i++)
		rc = put_event(st, rowid, dy_story_event(sty, i));
	if (own) {
		if (!rc)
			return commit(st);
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		st->fts_from = 0;
	}
	return rc;
}

int dy_store_put(struct dy_store *st, const struct dy_story *story,
		 const char *error)
{
	long long old = 0;
	int rc;

	if (st->flags & DY_STORE_READONLY)
		return dy_fail(st->ctx, DY_EINVAL, "store opened read-only");
	rc = lookup(st, story, &old);
	if (rc < 0)
		return rc;
	return put(st, story, error, rc ? old : 0);
}

/* ------------------------------------------------------------------ */
/* Ingest                                                              */
/* ------------------------------------------------------------------ */

static void report(const struct dy_ingest_opts *o, const char *msg)
{
	if (o && o->report)
		o->report(o->ud, msg);
}

/* Code and store one story that is new, changed or forced.  A story
 * dy_code fails on is stored with its error and no events. */
static int ingest_one(struct dy_store *st, struct dy_story *sty,
		      const struct dy_ingest_opts *o,
		      struct dy_ingest_stats *stats)
{
	char err[1024];
	long long old = 0;
	int rc, state, coded;

	state = lookup(st, sty, &old);
	if (state < 0)
		return state;
	if (state == 1 && !(o && o->force)) {
		stats->skipped++;
		return 0;
	}
	coded = dy_code(st->ctx, sty) == 0;
	if (!coded) {
		snprintf(err, sizeof err, "%s", dy_errmsg(st->ctx));
		report(o, err);
		stats->failed++;
	}
	rc = put(st, sty, coded ? NULL : err, state ? old : 0);
	if (rc)
		return rc;
	if (state)
		stats->replaced++;
	else
		stats->stored++;
	stats->sentences += (long long)dy_story_sentence_count(sty);
	if (coded)
		stats->events += (long long)dy_story_event_count(sty);
	return 0;
}

int dy_store_ingest(struct dy_store *st, struct dy_reader *r,
		    const struct dy_ingest_opts *o,
		    struct dy_ingest_stats *stats)
{
	size_t batch = o && o->batch ? o->batch : DY_STORE_BATCH, n = 0;
	struct dy_story *sty;
	int k, rc = 0;

	if (st->flags & DY_STORE_READONLY)
		return dy_fail(st->ctx, DY_EINVAL, "store opened read-only");
	if (st->in_tx)
		return dy_fail(st->ctx, DY_EINVAL, "ingest inside an open "
			       "transaction");
	while ((k = dy_reader_next(r, &sty)) != 0) {
		if (k < 0) {
			stats->failed++;
			report(o, dy_errmsg(st->ctx));
			if (k == DY_EIO || k == DY_ENOMEM) {
				rc = k;
				break;
			}
			continue;
		}
		stats->stories++;
		if (!st->in_tx && (rc = dy_store_begin(st)) != 0) {
			dy_story_free(sty);
			break;
		}
		rc = ingest_one(st, sty, o, stats);
		dy_story_free(sty);
		if (rc)
			break;
		if (++n >= batch) {
			rc = dy_store_commit(st);
			if (rc)
				break;
			n = 0;
		}
		if (o && o->progress)
			o->progress(o->ud, stats);
	}
	if (rc == DY_EDB || rc == DY_ETIMEOUT) {
		dy_store_rollback(st);
		return rc;
	}
	if (st->in_tx) {
		int crc = dy_store_commit(st);

		if (!rc)
			rc = crc;
	}
	if (o && o->progress)
		o->progress(o->ud, stats);
	return rc;
}
