/*
 * serve.c: the HTTP server behind `dyad serve` -- a JSON API over the
 * event store and the dashboard's files, on libmicrohttpd.
 *
 * It uses the public API only (dyad.h, dyad_store.h), as any other client
 * of the library would.  Requests it answers:
 *
 *   GET /api/stats              totals and the date range
 *   GET /api/events?F&limit=&offset=&newest=&columns=
 *                               events, newest first, 100 by default
 *                               (at most 1000), with the total matching
 *   GET /api/counts?F&period=day|week|month&by=quad|root|dyad|none
 *                  &goldstein=1 event counts per period (and key)
 *   GET /api/dyads?F&top=N&goldstein=1
 *                               the N (30, at most 500) largest dyads
 *   GET /api/map?F&limit=&columns=
 *                               located events (2000, at most 10000)
 *   GET /api/event/ID           one event with its highlighted sentence
 *   GET /  /NAME                index.html and the files of the web
 *                               folder: plain files directly in it with a
 *                               known extension, nothing else
 *
 * F are the filters of dy_query_set: actor, members, source, target,
 * country, code, root, quad, plover, from, to, bbox, text, story.  An
 * unknown parameter or a bad value is 400 with {"error": "..."}; no such
 * event or file 404; a method other than GET or HEAD 405; a request
 * with a body 413; a URL over MAX_URL 414 (libmicrohttpd answers 431
 * itself for headers over the connection memory limit); a query over the
 * time limit 503.  When it listens on a loopback address the Host header
 * must name a loopback host too (421 otherwise), so a web page elsewhere
 * cannot reach the server through DNS rebinding.
 *
 * Threads: libmicrohttpd's thread pool runs the handlers; each handler
 * borrows a handle -- its own context and read-only store -- from a pool
 * of as many handles as threads, so no two threads share a connection or
 * an error message.  Handles are opened on first use and kept.
 *
 * Answers are cached: the last CACHE_SLOTS API answers (each at most
 * CACHE_MAX_BODY), keyed by path and parameters, are reused while the
 * database and its -wal file keep the inode, size and modification time
 * they had when the answer was computed.  A commit by an ingest changes
 * the -wal file, so a dashboard watching a growing database sees each
 * commit.
 *
 * NEEDSWORK: response bodies come from malloc, as libmicrohttpd frees
 * them with free(); the library's allocator hook (dy_set_allocator) does
 * not see them.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>

#include "dyad.h"
#include "dyad_store.h"

#define MAX_URL 2048               /* bytes of path plus query */
#define MAX_ARGS 32                /* query parameters */
#define MAX_BODY (64u << 20)       /* bytes of one JSON answer */
#define MAX_ASSET (16u << 20)      /* bytes of one dashboard file */
#define MAX_ASSET_NAME 64
#define CONN_MEMORY (32u << 10)    /* per-connection header memory */
#define CONN_LIMIT 1024
#define CONN_TIMEOUT 30            /* seconds idle */
#define DEFAULT_THREADS 8
#define DEFAULT_TIMEOUT_MS 5000
#define CACHE_SLOTS 64             /* answers kept */
#define CACHE_MAX_BODY (2u << 20)  /* larger answers are not kept */
#define CACHE_MAX_KEY 4096         /* nor those of longer requests */

struct handle {
	struct dy_ctx *ctx;       /* errors; IGO membership */
	struct dy_store *st;      /* read-only connection */
	int busy;                 /* lent to a request */
};

/* The database file's state: an answer computed in one state is good
 * until it changes.  Every commit writes the -wal file (so its size or
 * modification time changes), and checkpoints write the main file. */
struct dbstate {
	long long v[6];           /* inode, size, mtime (ns), for db, -wal */
};

struct centry {
	char *key;                /* "path?k=v&k=v", NULL for a free slot */
	char *body;               /* the JSON answer */
	size_t n;
	struct dbstate ver;       /* when it was computed */
	unsigned long long used;  /* last use, for LRU */
};

struct dy_server {
	struct MHD_Daemon *d;
	char *db;                 /* database path */
	char *wal;                /* its -wal file */
	char *members;            /* path of members.tsv */
	int web_fd;               /* the asset folder */
	unsigned timeout_ms;
	int loopback;             /* listening on a loopback address */
	unsigned port;
	pthread_mutex_t mu;       /* guards the pool */
	pthread_cond_t cv;
	struct handle *h;         /* the pool */
	unsigned nh;
	int no_cache;             /* answer every request from SQLite */
	pthread_mutex_t cmu;      /* guards the cache */
	unsigned long long clock; /* LRU clock */
	struct centry cache[CACHE_SLOTS];
};

/* ------------------------------------------------------------------ */
/* Answer cache                                                        */
/* ------------------------------------------------------------------ */

static void db_state(const struct dy_server *srv, struct dbstate *ver)
{
	const char *files[2] = { srv->db, srv->wal };
	struct stat sb;
	int i;

	memset(ver, 0, sizeof *ver);
	for (i = 0; i < 2; i++) {
		if (stat(files[i], &sb))
			continue;
		ver->v[i * 3] = (long long)sb.st_ino;
		ver->v[i * 3 + 1] = (long long)sb.st_size;
		ver->v[i * 3 + 2] = (long long)sb.st_mtim.tv_sec *
			1000000000LL + sb.st_mtim.tv_nsec;
	}
}

struct keybuf {
	char buf[CACHE_MAX_KEY];
	size_t n;
	int full;
};

static void key_add(struct keybuf *k, const char *s)
{
	size_t n = strlen(s);

	if (k->full || n >= sizeof k->buf - k->n) {
		k->full = 1;
		return;
	}
	memcpy(k->buf + k->n, s, n + 1);
	k->n += n;
}

static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind,
			       const char *key, const char *value)
{
	struct keybuf *k = cls;

	(void)kind;
	key_add(k, "&");
	key_add(k, key);
	key_add(k, "=");
	key_add(k, value ? value : "");
	return k->full ? MHD_NO : MHD_YES;
}

/* The cache key of the request, or NULL when it is too long. */
static const char *request_key(struct MHD_Connection *c, const char *path,
			       struct keybuf *k)
{
	k->n = 0;
	k->full = 0;
	k->buf[0] = '\0';
	key_add(k, path);
	key_add(k, "?");
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, key_arg, k);
	return k->full ? NULL : k->buf;
}

/* A copy of the answer for key computed in state ver, or NULL. */
static char *cache_get(struct dy_server *srv, const char *key,
		       const struct dbstate *ver, size_t *n)
{
	char *body = NULL;
	int i;

	pthread_mutex_lock(&srv->cmu);
	for (i = 0; i < CACHE_SLOTS; i++) {
		struct centry *e = &srv->cache[i];

		if (!e->key || strcmp(e->key, key) ||
		    memcmp(&e->ver, ver, sizeof *ver))
			continue;
		body = malloc(e->n + 1);
		if (body) {
			memcpy(body, e->body, e->n + 1);
			*n = e->n;
			e->used = ++srv->clock;
		}
		break;
	}
	pthread_mutex_unlock(&srv->cmu);
	return body;
}

static void cache_put(struct dy_server *srv, const char *key,
		      const struct dbstate *ver, const char *body, size_t n)
{
	struct centry *e, *victim = &srv->cache[0];
	char *k, *b;
	int i;

	if (n > CACHE_MAX_BODY)
		return;
	k = malloc(strlen(key) + 1);
	b = malloc(n + 1);
	if (!k || !b) {
		free(k);
		free(b);
		return;
	}
	memcpy(k, key, strlen(key) + 1);
	memcpy(b, body, n);
	b[n] = '\0';
	pthread_mutex_lock(&srv->cmu);
	for (i = 0; i < CACHE_SLOTS; i++) {
		e = &srv->cache[i];
		if (e->key && !strcmp(e->key, key)) {
			victim = e;
			break;
		}
		if (!e->key || e->used < victim->used)
			victim = e;
		if (!e->key)
			break;
	}
	free(victim->key);
	free(victim->body);
	victim->key = k;
	victim->body = b;
	victim->n = n;
	victim->ver = *ver;
	victim->used = ++srv->clock;
	pthread_mutex_unlock(&srv->cmu);
}

static void cache_free(struct dy_server *srv)
{
	int i;

	for (i = 0; i < CACHE_SLOTS; i++) {
		free(srv->cache[i].key);
		free(srv->cache[i].body);
	}
}

/* ------------------------------------------------------------------ */
/* Handles                                                             */
/* ------------------------------------------------------------------ */

static void handle_close(struct handle *h)
{
	dy_store_close(h->st);
	dy_ctx_free(h->ctx);
	h->st = NULL;
	h->ctx = NULL;
}

/* Open h's context and store; the message goes to err. */
static int handle_open(struct dy_server *srv, struct handle *h, char *err,
		       size_t errsz)
{
	int rc = dy_ctx_new(&h->ctx);

	if (rc) {
		snprintf(err, errsz, "out of memory");
		return rc;
	}
	/* without the membership table only members=1 queries fail */
	if (srv->members)
		dy_dict_load(h->ctx, DY_DICT_MEMBERS, srv->members);
	rc = dy_store_open(h->ctx, srv->db, DY_STORE_READONLY, &h->st);
	if (rc) {
		snprintf(err, errsz, "%s", dy_errmsg(h->ctx));
		handle_close(h);
		return rc;
	}
	dy_store_set_timeout(h->st, srv->timeout_ms);
	return 0;
}

static struct handle *handle_get(struct dy_server *srv, char *err,
				 size_t errsz)
{
	struct handle *h = NULL;
	unsigned i;

	pthread_mutex_lock(&srv->mu);
	for (;;) {
		for (i = 0; i < srv->nh && !h; i++)
			if (!srv->h[i].busy)
				h = &srv->h[i];
		if (h)
			break;
		pthread_cond_wait(&srv->cv, &srv->mu);
	}
	h->busy = 1;
	pthread_mutex_unlock(&srv->mu);
	if (!h->st && handle_open(srv, h, err, errsz)) {
		pthread_mutex_lock(&srv->mu);
		h->busy = 0;
		pthread_cond_signal(&srv->cv);
		pthread_mutex_unlock(&srv->mu);
		return NULL;
	}
	return h;
}

static void handle_put(struct dy_server *srv, struct handle *h)
{
	pthread_mutex_lock(&srv->mu);
	h->busy = 0;
	pthread_cond_signal(&srv->cv);
	pthread_mutex_unlock(&srv->mu);
}

/* ------------------------------------------------------------------ */
/* Bodies and responses                                                */
/* ------------------------------------------------------------------ */

struct body {
	char *p;     /* malloc'd, handed to libmicrohttpd */
	size_t n, cap;
	int full;    /* over MAX_BODY or out of memory */
};

static int body_write(void *ud, const char *p, size_t n)
{
	struct body *b = ud;

	if (b->full)
		return -1;
	if (n > MAX_BODY - b->n) {
		b->full = 1;
		return -1;
	}
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *q;

		while (cap < b->n + n + 1)
			cap *= 2;
		q = realloc(b->p, cap);
		if (!q) {
			b->full = 1;
			return -1;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
	return 0;
}

static int body_adds(struct body *b, const char *s)
{
	return body_write(b, s, strlen(s));
}

static void add_common_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
}

/* Send b (taking it) with status and content type. */
static enum MHD_Result send_body(struct MHD_Connection *c, unsigned status,
				 const char *type, struct body *b)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(b->n, b->p ? b->p : (void *)"",
					    b->p ? MHD_RESPMEM_MUST_FREE :
					    MHD_RESPMEM_PERSISTENT);
	if (!r) {
		free(b->p);
		return MHD_NO;
	}
	b->p = NULL;
	add_common_headers(r);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* {"error": msg} with status. */
static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status,
				  const char *msg)
{
	struct body b = { NULL, 0, 0, 0 };
	const unsigned char *p;
	char esc[8];

	body_adds(&b, "{\"error\":\"");
	for (p = (const unsigned char *)msg; *p; p++) {
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			body_write(&b, esc, 2);
		} else if (*p < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", *p);
			body_adds(&b, esc);
		} else {
			body_write(&b, (const char *)p, 1);
		}
	}
	body_adds(&b, "\"}\n");
	if (b.full) {
		free(b.p);
		return MHD_NO;
	}
	return send_body(c, status, "application/json; charset=utf-8", &b);
}

static unsigned status_of(int rc)
{
	switch (rc) {
	case DY_EINVAL: return MHD_HTTP_BAD_REQUEST;
	case DY_ENOTFOUND: return MHD_HTTP_NOT_FOUND;
	case DY_ETIMEOUT: return MHD_HTTP_SERVICE_UNAVAILABLE;
	case DY_ELIMIT: return MHD_HTTP_CONTENT_TOO_LARGE;
	default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

/* ------------------------------------------------------------------ */
/* API                                                                 */
/* ------------------------------------------------------------------ */

/* ORDER API */
enum api { API_EVENTS, API_COUNTS, API_DYADS, API_MAP };

static const char *const filters[] = {
	"actor", "members", "source", "target", "country", "code", "root",
	"quad", "plover", "from", "to", "bbox", "text", "story", NULL,
};

struct args {
	enum api api;
	struct dy_ctx *ctx;
	struct dy_query q;
	int nargs;
	int rc;            /* first failure */
	char err[512];
};

/* The query name of an API parameter of `api`, or NULL when the
 * endpoint does not take it. */
static const char *param_name(enum api api, const char *key)
{
	size_t i;

	for (i = 0; filters[i]; i++)
		if (!strcmp(key, filters[i]))
			return key;
	switch (api) {
	case API_EVENTS:
		if (!strcmp(key, "limit") || !strcmp(key, "offset") ||
		    !strcmp(key, "newest") || !strcmp(key, "columns"))
			return key;
		break;
	case API_COUNTS:
		if (!strcmp(key, "period"))
			return "count-by";
		if (!strcmp(key, "by") || !strcmp(key, "goldstein"))
			return key;
		break;
	case API_DYADS:
		if (!strcmp(key, "top"))
			return "top-dyads";
		if (!strcmp(key, "goldstein"))
			return key;
		break;
	case API_MAP:
		if (!strcmp(key, "limit") || !strcmp(key, "columns"))
			return key;
		break;
	}
	return NULL;
}

static enum MHD_Result on_arg(void *cls, enum MHD_ValueKind kind,
			      const char *key, const char *value)
{
	struct args *a = cls;
	const char *name;

	(void)kind;
	if (++a->nargs > MAX_ARGS) {
		a->rc = DY_EINVAL;
		snprintf(a->err, sizeof a->err, "more than %d parameters",
			 MAX_ARGS);
		return MHD_NO;
	}
	name = param_name(a->api, key);
	if (!name) {
		a->rc = DY_EINVAL;
		snprintf(a->err, sizeof a->err, "unknown parameter '%.64s'",
			 key);
		return MHD_NO;
	}
	a->rc = dy_query_set(a->ctx, &a->q, name, value ? value : "");
	if (a->rc) {
		snprintf(a->err, sizeof a->err, "%s", dy_errmsg(a->ctx));
		return MHD_NO;
	}
	return MHD_YES;
}

static const unsigned long api_limit[] = { 1000, 0, 500, 10000 };

/* what a map needs, unless the request asks for other columns */
static const char map_columns[] = "id,date,source,target,code,quad,"
	"goldstein,loc_name,loc_country,lat,lon";

static int over_limit(struct args *a, const char *name, unsigned long max)
{
	snprintf(a->err, sizeof a->err, "%s: at most %lu here", name, max);
	return DY_EINVAL;
}

static int run_api(struct handle *h, struct args *a, struct body *b)
{
	struct dy_query *q = &a->q;
	char buf[128];
	long long total = 0;
	int rc = 0;

	switch (a->api) {
	case API_EVENTS:
	case API_MAP:
		if (a->api == API_MAP) {
			q->located = 1;
			if (!q->columns)
				q->columns = map_columns;
		}
		if ((unsigned long)q->limit > api_limit[a->api])
			return over_limit(a, "limit", api_limit[a->api]);
		if (!q->limit)
			q->limit = a->api == API_MAP ? 2000 : 100;
		rc = dy_query_count(h->st, q, &total);
		if (rc)
			return rc;
		snprintf(buf, sizeof buf, "{\"total\":%lld,\"limit\":%ld,"
			 "\"offset\":%ld,\"rows\":", total, q->limit,
			 q->offset);
		body_adds(b, buf);
		break;
	case API_COUNTS:
		if (!q->count_by)
			q->count_by = DY_PERIOD_DAY;
		body_adds(b, "{\"rows\":");
		break;
	case API_DYADS:
		if ((unsigned long)q->top_dyads > api_limit[a->api])
			return over_limit(a, "top", api_limit[a->api]);
		if (!q->top_dyads)
			q->top_dyads = 30;
		body_adds(b, "{\"rows\":");
		break;
	}
	rc = dy_query_write(h->st, q, DY_QFORMAT_JSON, body_write, b);
	if (rc)
		return rc;
	body_adds(b, "}\n");
	return b->full ? DY_ELIMIT : 0;
}

static enum MHD_Result serve_api(struct dy_server *srv,
				 struct MHD_Connection *c, const char *path)
{
	static const char *const names[] = { "events", "counts", "dyads",
					     "map", NULL }; /* ORDER API */
	struct body b = { NULL, 0, 0, 0 };
	struct args a;
	struct handle *h;
	struct dbstate ver;
	struct keybuf kb;
	const char *key = NULL;
	char err[512];
	long long id = -1;
	int rc, i, is_stats = 0;

	memset(&a, 0, sizeof a);
	a.api = API_EVENTS;
	for (i = 0; names[i] && strcmp(path, names[i]); i++)
		;
	if (names[i]) {
		a.api = (enum api)i;
	} else if (!strcmp(path, "stats")) {
		is_stats = 1;
	} else if (!strncmp(path, "event/", 6)) {
		const char *p = path + 6;

		for (id = 0; *p >= '0' && *p <= '9' && id < (1LL << 53); p++)
			id = id * 10 + (*p - '0');
		if (*p || p == path + 6 || id >= (1LL << 53))
			return send_error(c, MHD_HTTP_BAD_REQUEST, "event: "
					  "not an event id");
	} else {
		return send_error(c, MHD_HTTP_NOT_FOUND, "no such API");
	}
	if (!srv->no_cache) {
		db_state(srv, &ver);
		key = request_key(c, path, &kb);
		if (key && (b.p = cache_get(srv, key, &ver, &b.n)) != NULL)
			return send_body(c, MHD_HTTP_OK, "application/json; "
					 "charset=utf-8", &b);
	}
	h = handle_get(srv, err, sizeof err);
	if (!h)
		return send_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, err);
	a.ctx = h->ctx;
	if (a.api == API_EVENTS)
		a.q.newest = 1;
	if (id >= 0 || is_stats) {
		if (MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, NULL,
					      NULL) > 0) {
			rc = DY_EINVAL;
			snprintf(a.err, sizeof a.err, "%s takes no parameters",
				 is_stats ? "stats" : "event");
		} else {
			rc = 0;
		}
	} else {
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, on_arg,
					  &a);
		rc = a.rc;
	}
	if (!rc && id >= 0)
		rc = dy_store_event_json(h->st, id, body_write, &b);
	else if (!rc && is_stats)
		rc = dy_store_stats_json(h->st, body_write, &b);
	else if (!rc)
		rc = run_api(h, &a, &b);
	if (rc && !a.err[0])
		snprintf(a.err, sizeof a.err, "%s", rc == DY_EIO && b.full ?
			 "answer too large" : dy_errmsg(h->ctx));
	handle_put(srv, h);
	if (rc) {
		free(b.p);
		return send_error(c, rc == DY_EIO && b.full ?
				  MHD_HTTP_CONTENT_TOO_LARGE : status_of(rc),
				  a.err);
	}
	if (key)
		cache_put(srv, key, &ver, b.p, b.n);
	return send_body(c, MHD_HTTP_OK, "application/json; charset=utf-8",
			 &b);
}

/* ------------------------------------------------------------------ */
/* Dashboard files                                                     */
/* ------------------------------------------------------------------ */

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".json", "application/json; charset=utf-8" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".txt", "text/plain; charset=utf-8" },
};

/* A file name directly in the web folder: [A-Za-z0-9_-][A-Za-z0-9._-]*
 * with a known extension.  Anything else -- "..", a slash, a leading
 * dot, an escape that decoded to one of these -- is not served. */
static const char *asset_type(const char *name)
{
	size_t n = strlen(name), i, k;

	if (!n || n > MAX_ASSET_NAME || name[0] == '.' || strstr(name, ".."))
		return NULL;
	for (i = 0; i < n; i++) {
		char ch = name[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
		      ch == '-'))
			return NULL;
	}
	for (k = 0; k < sizeof types / sizeof types[0]; k++) {
		size_t el = strlen(types[k].ext);

		if (n > el && !strcmp(name + n - el, types[k].ext))
			return types[k].type;
	}
	return NULL;
}

static enum MHD_Result serve_file(struct dy_server *srv,
				  struct MHD_Connection *c, const char *name)
{
	const char *type = asset_type(name);
	struct MHD_Response *r;
	enum MHD_Result ret;
	struct stat sb;
	int fd;

	if (!type)
		return send_error(c, MHD_HTTP_NOT_FOUND, "no such file");
	fd = openat(srv->web_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return send_error(c, MHD_HTTP_NOT_FOUND, "no such file");
	if (fstat(fd, &sb) || !S_ISREG(sb.st_mode) ||
	    sb.st_size > (off_t)MAX_ASSET) {
		close(fd);
		return send_error(c, MHD_HTTP_NOT_FOUND, "no such file");
	}
	r = MHD_create_response_from_fd((size_t)sb.st_size, fd);
	if (!r) {
		close(fd);
		return MHD_NO;
	}
	add_common_headers(r);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	if (!strcmp(type, types[0].type))
		MHD_add_response_header(r, "Content-Security-Policy",
					"default-src 'self'; "
					"img-src 'self' data:; "
					"object-src 'none'; base-uri 'none'; "
					"form-action 'self'; "
					"frame-ancestors 'none'");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

/* Host: 127.0.0.1[:port], localhost[:port] or [::1][:port] */
static int loopback_host(const char *host)
{
	static const char *const ok[] = { "127.0.0.1", "localhost", "[::1]",
					  NULL };
	size_t i, n;

	if (!host)
		return 0;
	for (i = 0; ok[i]; i++) {
		n = strlen(ok[i]);
		if (strncmp(host, ok[i], n))
			continue;
		if (!host[n])
			return 1;
		if (host[n] != ':' || !host[n + 1])
			continue;
		for (n++; host[n] >= '0' && host[n] <= '9'; n++)
			;
		if (!host[n])
			return 1;
	}
	return 0;
}

/* markers for *con_cls: only their addresses are used, never values */
static int req_started, req_has_body;

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Decode %XX in the path and parameters in place, except %00: a NUL
 * would cut the string short of what the client sent ("index.html%00
 * .png"), so it stays as written and fails the checks on names and
 * values. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *r = s, *w = s;

	(void)cls;
	(void)c;
	while (*r) {
		int hi, lo;

		if (r[0] == '%' && (hi = hexval((unsigned char)r[1])) >= 0 &&
		    (lo = hexval((unsigned char)r[2])) >= 0 && (hi || lo)) {
			*w++ = (char)(hi * 16 + lo);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct dy_server *srv = cls;
	struct MHD_Response *r;
	enum MHD_Result ret;

	(void)version;
	(void)upload;
	if (!*con_cls) {
		*con_cls = &req_started;
		return MHD_YES;
	}
	if (*upload_size) {
		/* drop the body; answer when it is all in */
		*con_cls = &req_has_body;
		*upload_size = 0;
		return MHD_YES;
	}
	if (strcmp(method, MHD_HTTP_METHOD_GET) &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD)) {
		r = MHD_create_response_from_buffer(0, (void *)"",
						    MHD_RESPMEM_PERSISTENT);
		if (!r)
			return MHD_NO;
		add_common_headers(r);
		MHD_add_response_header(r, "Allow", "GET, HEAD");
		ret = MHD_queue_response(c, MHD_HTTP_METHOD_NOT_ALLOWED, r);
		MHD_destroy_response(r);
		return ret;
	}
	if (*con_cls == &req_has_body)
		return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "requests "
				  "take no body");
	if (srv->loopback &&
	    !loopback_host(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						       "Host")))
		return send_error(c, MHD_HTTP_MISDIRECTED_REQUEST, "Host must "
				  "be a loopback address");
	if (strlen(url) > MAX_URL)
		return send_error(c, MHD_HTTP_URI_TOO_LONG, "URL too long");
	if (url[0] != '/')
		return send_error(c, MHD_HTTP_BAD_REQUEST, "bad URL");
	if (!strncmp(url, "/api/", 5))
		return serve_api(srv, c, url + 5);
	if (!strcmp(url, "/"))
		return serve_file(srv, c, "index.html");
	return serve_file(srv, c, url + 1);
}

/* ------------------------------------------------------------------ */
/* Starting and stopping                                               */
/* ------------------------------------------------------------------ */

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

/* DIR/../web for the knowledge base DIR, or "web". */
static char *default_web_dir(void)
{
	const char *kb = dy_kb_default_dir();
	size_t n = strlen(kb);
	char *p;

	while (n > 1 && kb[n - 1] == '/')
		n--;
	while (n && kb[n - 1] != '/')
		n--;
	p = malloc(n + 4);
	if (!p)
		return NULL;
	memcpy(p, kb, n);
	memcpy(p + n, "web", 4);
	return p;
}

static char *members_path(const char *kb)
{
	size_t n;
	char *p;

	if (!kb)
		kb = dy_kb_default_dir();
	n = strlen(kb);
	p = malloc(n + sizeof "/members.tsv");
	if (p) {
		memcpy(p, kb, n);
		memcpy(p + n, "/members.tsv", sizeof "/members.tsv");
	}
	return p;
}

/* Parse the bind address into *ss; sets *v6 and *loopback. */
static int parse_bind(const char *addr, unsigned port,
		      struct sockaddr_storage *ss, int *v6, int *loopback)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, addr, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
		*v6 = 0;
		*loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		*v6 = 1;
		*loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
		return 0;
	}
	return -1;
}

int dy_server_start(struct dy_ctx *ctx, const struct dy_server_opts *o,
		    struct dy_server **out)
{
	struct dy_server *srv;
	struct sockaddr_storage ss;
	const union MHD_DaemonInfo *info;
	const char *bind = o->bind ? o->bind : "127.0.0.1";
	char *web = NULL, err[1024];
	unsigned threads = o->threads ? o->threads : DEFAULT_THREADS;
	int v6 = 0, rc = DY_ENOMEM;

	*out = NULL;
	if (o->port > 65535)
		return dy_ctx_error(ctx, DY_EINVAL, "port %u out of range",
				   o->port);
	if (threads > 256)
		threads = 256;
	srv = calloc(1, sizeof *srv);
	if (!srv)
		return dy_ctx_error(ctx, DY_ENOMEM, "out of memory");
	srv->web_fd = -1;
	srv->no_cache = o->no_cache;
	pthread_mutex_init(&srv->mu, NULL);
	pthread_mutex_init(&srv->cmu, NULL);
	pthread_cond_init(&srv->cv, NULL);
	srv->timeout_ms = o->timeout_ms ? o->timeout_ms : DEFAULT_TIMEOUT_MS;
	if (parse_bind(bind, o->port, &ss, &v6, &srv->loopback)) {
		rc = dy_ctx_error(ctx, DY_EINVAL, "bind: '%s' is not an IPv4 "
				 "or IPv6 address", bind);
		goto fail;
	}
	srv->db = dup_str(o->db ? o->db : DY_STORE_DEFAULT_DB);
	srv->wal = srv->db ? malloc(strlen(srv->db) + 5) : NULL;
	if (srv->wal) {
		memcpy(srv->wal, srv->db, strlen(srv->db));
		memcpy(srv->wal + strlen(srv->db), "-wal", 5);
	}
	srv->members = members_path(o->kb_dir);
	web = o->web_dir ? dup_str(o->web_dir) : default_web_dir();
	srv->h = calloc(threads, sizeof *srv->h);
	if (!srv->db || !srv->wal || !srv->members || !web || !srv->h) {
		rc = dy_ctx_error(ctx, DY_ENOMEM, "out of memory");
		goto fail;
	}
	srv->nh = threads;
	srv->web_fd = open(web, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (srv->web_fd < 0) {
		rc = dy_ctx_error(ctx, DY_ENOTFOUND, "%s: cannot open the "
				 "dashboard folder: %s", web, strerror(errno));
		goto fail;
	}
	/* open one handle now, so a bad database fails here */
	rc = handle_open(srv, &srv->h[0], err, sizeof err);
	if (rc) {
		dy_ctx_error(ctx, rc, "%s", err);
		goto fail;
	}
	srv->d = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD |
				  (v6 ? MHD_USE_IPv6 : 0), (uint16_t)o->port,
				  NULL, NULL, on_request, srv,
				  MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
				  MHD_OPTION_THREAD_POOL_SIZE, threads,
				  MHD_OPTION_CONNECTION_LIMIT, CONN_LIMIT,
				  MHD_OPTION_CONNECTION_TIMEOUT, CONN_TIMEOUT,
				  MHD_OPTION_CONNECTION_MEMORY_LIMIT,
				  (size_t)CONN_MEMORY,
				  MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
				  MHD_OPTION_END);
	if (!srv->d) {
		rc = dy_ctx_error(ctx, DY_EIO, "cannot listen on %s port "
				  "%u: %s", bind, o->port, strerror(errno));
		goto fail;
	}
	info = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = info ? info->port : o->port;
	free(web);
	*out = srv;
	return 0;
fail:
	free(web);
	dy_server_stop(srv);
	return rc;
}

unsigned dy_server_port(const struct dy_server *srv)
{
	return srv->port;
}

void dy_server_stop(struct dy_server *srv)
{
	unsigned i;

	if (!srv)
		return;
	if (srv->d)
		MHD_stop_daemon(srv->d);
	for (i = 0; i < srv->nh; i++)
		handle_close(&srv->h[i]);
	if (srv->web_fd >= 0)
		close(srv->web_fd);
	cache_free(srv);
	pthread_cond_destroy(&srv->cv);
	pthread_mutex_destroy(&srv->mu);
	pthread_mutex_destroy(&srv->cmu);
	free(srv->h);
	free(srv->db);
	free(srv->wal);
	free(srv->members);
	free(srv);
}
