/*
 * query.c: queries on the event store -- filters, aggregations and the
 * output formats (aligned table, CSV, JSON Lines, JSON, GDELT-like TSV),
 * plus the one-event view with its highlighted sentence.
 *
 * A struct dy_query becomes one SQL statement with bound parameters: the
 * filters are ANDed in a WHERE clause over `events e`; what is computed
 * picks the select list and grouping:
 *
 *   events      e.* with the story id and actor labels, by date and id
 *   count_by    period [, key], count [, goldstein]   GROUP BY period, key
 *   top_dyads   source, source_label, target, target_label, count
 *               [, goldstein]                         the N largest
 *   goldstein   count, goldstein                      over all matches
 *
 * Codes ending in '*' are prefixes and become a range on the index
 * (`col >= 'KAZ' AND col < 'KA['`).  --members turns an IGO code into
 * "the IGO itself, or an actor whose first three letters name a country
 * that was a member on the event's date": a pre-filter on the countries
 * that were ever members, then the SQL function dy_member() (store.c),
 * which asks dy_igo_member().  The full-text filter matches the event's
 * sentence through the FTS5 index of sentences.
 *
 * Numbers are written as SQLite gives them, except Goldstein scores and
 * sums (one decimal) and coordinates (four decimals), so output does not
 * depend on float noise.  Every value is checked by dy_query_set before
 * it reaches SQL, and every value is bound, never pasted into the SQL.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "store_int.h"
#include "base/buf.h"
#include "base/str.h"

#define MAX_MEMBERS 256       /* member countries of one IGO in a filter */
#define MAX_TOP_DYADS 10000
#define MAX_OFFSET 1000000000L
#define OUT_FLUSH (64u << 10) /* output buffered before writing */
#define SQL_MAX (64u << 10)   /* one built statement */

/* ------------------------------------------------------------------ */
/* Result columns                                                      */
/* ------------------------------------------------------------------ */

enum col_kind {
	C_TEXT,
	C_INT,
	C_R1,  /* real, one decimal: Goldstein */
	C_R4,  /* real, four decimals: coordinates */
};

struct col {
	const char *name;  /* output name */
	const char *expr;  /* SQL expression */
	uint8_t kind;      /* enum col_kind */
	uint8_t brief;     /* shown in the table format */
};

static const struct col ev_cols[] = {
	{ "id", "e.id", C_INT, 1 },
	{ "story_id", "s.story_id", C_TEXT, 1 },
	{ "sentence", "e.sentence", C_INT, 0 },
	{ "also_sentence", "e.also_sentence", C_INT, 0 },
	{ "sentence_id", "e.sentence_id", C_TEXT, 0 },
	{ "date", "e.date", C_TEXT, 1 },
	{ "date_text", "e.date_text", C_TEXT, 0 },
	{ "date_how", "e.date_how", C_TEXT, 0 },
	{ "source", "e.source", C_TEXT, 1 },
	{ "source_label", "sa.label", C_TEXT, 0 },
	{ "target", "e.target", C_TEXT, 1 },
	{ "target_label", "ta.label", C_TEXT, 0 },
	{ "code", "e.code", C_TEXT, 1 },
	{ "root", "e.root", C_TEXT, 0 },
	{ "quad", "e.quad", C_INT, 1 },
	{ "goldstein", "e.goldstein", C_R1, 1 },
	{ "plover", "e.plover", C_TEXT, 1 },
	{ "mode", "e.mode", C_INT, 0 },
	{ "source_text", "e.source_text", C_TEXT, 0 },
	{ "target_text", "e.target_text", C_TEXT, 0 },
	{ "verb_text", "e.verb_text", C_TEXT, 0 },
	{ "source_off", "e.source_off", C_INT, 0 },
	{ "source_len", "e.source_len", C_INT, 0 },
	{ "target_off", "e.target_off", C_INT, 0 },
	{ "target_len", "e.target_len", C_INT, 0 },
	{ "verb_off", "e.verb_off", C_INT, 0 },
	{ "verb_len", "e.verb_len", C_INT, 0 },
	{ "pattern", "e.pattern", C_TEXT, 0 },
	{ "pattern_text", "e.pattern_text", C_TEXT, 0 },
	{ "reported_by", "e.reported_by", C_TEXT, 0 },
	{ "reported_text", "e.reported_text", C_TEXT, 0 },
	{ "loc_name", "e.loc_name", C_TEXT, 0 },
	{ "loc_country", "e.loc_country", C_TEXT, 0 },
	{ "lat", "e.lat", C_R4, 0 },
	{ "lon", "e.lon", C_R4, 0 },
	{ "loc_is_country", "e.loc_is_country", C_INT, 0 },
	{ "issues", "e.issues", C_TEXT, 0 },
};
#define N_EV_COLS (sizeof ev_cols / sizeof ev_cols[0])

static const char ev_from[] =
	" FROM events e JOIN stories s ON s.id = e.story"
	" LEFT JOIN actors sa ON sa.code = e.source"
	" LEFT JOIN actors ta ON ta.code = e.target";

/* ------------------------------------------------------------------ */
/* Setting fields by name                                              */
/* ------------------------------------------------------------------ */

static int bad(struct dy_ctx *ctx, const char *name, const char *value,
	       const char *why)
{
	return dy_fail(ctx, DY_EINVAL, "%s: '%.64s'%s %s", name, value,
		       strlen(value) > 64 ? "..." : "", why);
}

/* An actor code: letters, digits, '_' and '-', optionally ending in
 * '*'. */
static int valid_actor(const char *v)
{
	size_t n = strlen(v), i;

	if (n && v[n - 1] == '*')
		n--;
	if (!n || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!dy_isalnum((unsigned char)v[i]) && v[i] != '_' &&
		    v[i] != '-')
			return 0;
	return 1;
}

static int valid_alnum(const char *v, size_t max, int star)
{
	size_t n = strlen(v), i;

	if (star && n && v[n - 1] == '*')
		n--;
	if (!n || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if (!dy_isalnum((unsigned char)v[i]) && v[i] != '_')
			return 0;
	return 1;
}

static int valid_date(const char *v)
{
	long ymd;

	return strlen(v) == 10 && v[4] == '-' && v[7] == '-' &&
	       !dy_parse_ymd(dy_str_c(v), &ymd) && dy_ymd_valid(ymd);
}

static int parse_long(const char *v, unsigned long max, long *out)
{
	const char *p = v, *end = v + strlen(v);
	unsigned long x;

	/* the bound is checked here: dy_parse_uint's overflow test assumes
	 * max is far above 9 */
	if (dy_parse_uint(&p, end, 1UL << 40, &x) || p != end || x > max)
		return -1;
	*out = (long)x;
	return 0;
}

static int parse_flag(const char *v, int *out)
{
	if (!*v || !strcmp(v, "1") || !strcmp(v, "true") ||
	    !strcmp(v, "yes")) {
		*out = 1;
		return 0;
	}
	if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "no")) {
		*out = 0;
		return 0;
	}
	return -1;
}

/* lat1,lon1,lat2,lon2 */
static int parse_bbox(const char *v, double out[4])
{
	const char *p = v;
	int i;

	for (i = 0; i < 4; i++) {
		char *end;

		if (!*p || dy_isspace((unsigned char)*p))
			return -1;
		out[i] = strtod(p, &end);
		if (end == p || !isfinite(out[i]))
			return -1;
		if (fabs(out[i]) > (i % 2 ? 180.0 : 90.0))
			return -1;
		p = end;
		if (i < 3) {
			if (*p != ',')
				return -1;
			p++;
		}
	}
	return *p ? -1 : 0;
}

/* The event column named by s[0..n), or NULL. */
static const struct col *ev_col(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < N_EV_COLS; i++)
		if (strlen(ev_cols[i].name) == n &&
		    !memcmp(ev_cols[i].name, s, n))
			return &ev_cols[i];
	return NULL;
}

/* "id,date,source": known names, at most N_EV_COLS of them. */
static int check_columns(struct dy_ctx *ctx, const char *v)
{
	const char *p = v;
	size_t n = 0;

	for (;;) {
		size_t k = strcspn(p, ",");

		if (!ev_col(p, k))
			return dy_fail(ctx, DY_EINVAL, "columns: '%.*s' is "
				       "not an event column",
				       (int)(k > 64 ? 64 : k), p);
		if (++n > N_EV_COLS)
			return dy_fail(ctx, DY_EINVAL, "columns: too many");
		if (!p[k])
			return 0;
		p += k + 1;
	}
}

int dy_query_set(struct dy_ctx *ctx, struct dy_query *q, const char *name,
		 const char *value)
{
	const char *v = value ? value : "";
	long n;
	int f;

	if (strlen(v) > DY_MAX_QUERY_TEXT)
		return dy_fail(ctx, DY_EINVAL, "%s: value over %d bytes", name,
			       DY_MAX_QUERY_TEXT);
	if (!strcmp(name, "actor") || !strcmp(name, "source") ||
	    !strcmp(name, "target")) {
		if (!valid_actor(v))
			return bad(ctx, name, v, "is not an actor code");
		if (name[0] == 'a')
			q->actor = v;
		else if (name[0] == 's')
			q->source = v;
		else
			q->target = v;
	} else if (!strcmp(name, "country")) {
		if (strlen(v) != 3 || !valid_alnum(v, 3, 0))
			return bad(ctx, name, v, "is not a three-letter code");
		q->country = v;
	} else if (!strcmp(name, "code")) {
		if (!valid_alnum(v, 8, 1))
			return bad(ctx, name, v, "is not a CAMEO code");
		q->code = v;
	} else if (!strcmp(name, "root")) {
		if (!valid_alnum(v, 3, 0))
			return bad(ctx, name, v, "is not a CAMEO root code");
		q->root = v;
	} else if (!strcmp(name, "quad")) {
		if (parse_long(v, 4, &n) || n < 1)
			return bad(ctx, name, v, "is not a quad class 1..4");
		q->quad = (int)n;
	} else if (!strcmp(name, "plover")) {
		if (!valid_alnum(v, 32, 0))
			return bad(ctx, name, v, "is not a PLOVER type");
		q->plover = v;
	} else if (!strcmp(name, "from") || !strcmp(name, "to")) {
		if (!valid_date(v))
			return bad(ctx, name, v, "is not a date YYYY-MM-DD");
		if (name[0] == 'f')
			q->from = v;
		else
			q->to = v;
	} else if (!strcmp(name, "bbox")) {
		double b[4];

		if (parse_bbox(v, b))
			return bad(ctx, name, v, "is not lat1,lon1,lat2,lon2 "
				   "in degrees");
		q->bbox = 1;
		q->lat1 = b[0];
		q->lon1 = b[1];
		q->lat2 = b[2];
		q->lon2 = b[3];
	} else if (!strcmp(name, "text")) {
		if (!*v)
			return bad(ctx, name, v, "is empty");
		q->text = v;
	} else if (!strcmp(name, "story")) {
		if (!*v)
			return bad(ctx, name, v, "is empty");
		q->story = v;
	} else if (!strcmp(name, "count-by")) {
		if (!strcmp(v, "day"))
			q->count_by = DY_PERIOD_DAY;
		else if (!strcmp(v, "week"))
			q->count_by = DY_PERIOD_WEEK;
		else if (!strcmp(v, "month"))
			q->count_by = DY_PERIOD_MONTH;
		else if (!strcmp(v, "none"))
			q->count_by = DY_PERIOD_NONE;
		else
			return bad(ctx, name, v, "is not day, week or month");
	} else if (!strcmp(name, "by")) {
		if (!strcmp(v, "root"))
			q->by = DY_GROUP_ROOT;
		else if (!strcmp(v, "quad"))
			q->by = DY_GROUP_QUAD;
		else if (!strcmp(v, "dyad"))
			q->by = DY_GROUP_DYAD;
		else if (!strcmp(v, "none"))
			q->by = DY_GROUP_NONE;
		else
			return bad(ctx, name, v, "is not root, quad, dyad or "
				   "none");
	} else if (!strcmp(name, "top-dyads")) {
		if (parse_long(v, MAX_TOP_DYADS, &n) || n < 1)
			return bad(ctx, name, v, "is not a number 1..10000");
		q->top_dyads = (int)n;
	} else if (!strcmp(name, "limit")) {
		if (parse_long(v, DY_MAX_QUERY_ROWS, &n))
			return bad(ctx, name, v, "is not a number 0..1000000");
		q->limit = n;
	} else if (!strcmp(name, "offset")) {
		if (parse_long(v, MAX_OFFSET, &n))
			return bad(ctx, name, v, "is not a row count");
		q->offset = n;
	} else if (!strcmp(name, "columns")) {
		if (check_columns(ctx, v))
			return DY_EINVAL;
		q->columns = v;
	} else if (!strcmp(name, "members") || !strcmp(name, "located") ||
		   !strcmp(name, "goldstein") || !strcmp(name, "newest")) {
		if (parse_flag(v, &f))
			return bad(ctx, name, v, "is not 1 or 0");
		if (name[0] == 'm')
			q->members = f;
		else if (name[0] == 'l')
			q->located = f;
		else if (name[0] == 'g')
			q->goldstein = f;
		else
			q->newest = f;
	} else {
		return dy_fail(ctx, DY_EINVAL, "unknown query option '%.64s'",
			       name);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Building the statement                                              */
/* ------------------------------------------------------------------ */

enum bind_type { B_TEXT, B_INT, B_REAL };

struct bindv {
	uint8_t type;     /* enum bind_type */
	const char *s;    /* B_TEXT: the caller's string, or own */
	long long i;
	double d;
	char own[72];     /* a built string (a prefix's upper bound) */
};

struct plan {
	struct dy_buf sql;       /* the statement */
	struct bindv *b;         /* parameters ?1.. in order */
	size_t nb, capb;
	const struct col *cols;  /* result columns */
	size_t ncols;
	struct col dyn[8];       /* columns of aggregations */
	struct col sel[N_EV_COLS]; /* event columns chosen by name */
	int events;              /* an event listing */
	int chosen;              /* the columns were chosen */
	int has_where;           /* the WHERE keyword is written */
	int oom;                 /* an allocation failed */
};

static void plan_init(struct plan *p)
{
	memset(p, 0, sizeof *p);
	dy_buf_init(&p->sql, SQL_MAX);
}

static void plan_release(struct plan *p)
{
	dy_buf_release(&p->sql);
	dy_free(p->b, p->capb * sizeof *p->b);
}

static void sql(struct plan *p, const char *s)
{
	if (dy_buf_adds(&p->sql, s))
		p->oom = 1;
}

static struct bindv *bind_new(struct plan *p)
{
	struct bindv *b;

	if (p->nb == p->capb) {
		size_t ncap = p->capb ? p->capb * 2 : 16;

		b = dy_realloc(p->b, p->capb * sizeof *p->b,
			       ncap * sizeof *p->b);
		if (!b) {
			p->oom = 1;
			return NULL;
		}
		p->b = b;
		p->capb = ncap;
	}
	b = &p->b[p->nb++];
	memset(b, 0, sizeof *b);
	sql(p, "?");
	return b;
}

static void bind_text(struct plan *p, const char *s)
{
	struct bindv *b = bind_new(p);

	if (b) {
		b->type = B_TEXT;
		b->s = s;
	}
}

static void bind_textn(struct plan *p, const char *s, size_t n)
{
	struct bindv *b = bind_new(p);

	if (!b)
		return;
	if (n >= sizeof b->own)
		n = sizeof b->own - 1;
	memcpy(b->own, s, n);
	b->own[n] = '\0';
	b->type = B_TEXT;
	b->s = NULL;
}

static void bind_int(struct plan *p, long long v)
{
	struct bindv *b = bind_new(p);

	if (b) {
		b->type = B_INT;
		b->i = v;
	}
}

static void bind_real(struct plan *p, double v)
{
	struct bindv *b = bind_new(p);

	if (b) {
		b->type = B_REAL;
		b->d = v;
	}
}

/* col = 'X', or for "X*" the range col >= 'X' AND col < 'X' + 1 in the
 * last byte, which uses the column's index. */
static void match_code(struct plan *p, const char *col, const char *v)
{
	size_t n = strlen(v);
	char hi[72];

	if (!n || v[n - 1] != '*') {
		sql(p, col);
		sql(p, " = ");
		bind_text(p, v);
		return;
	}
	n--;
	if (!n) {
		sql(p, "1");
		return;
	}
	if (n >= sizeof hi)
		n = sizeof hi - 1;
	memcpy(hi, v, n);
	hi[n - 1]++;  /* codes are ASCII: no overflow */
	sql(p, "(");
	sql(p, col);
	sql(p, " >= ");
	bind_textn(p, v, n);
	sql(p, " AND ");
	sql(p, col);
	sql(p, " < ");
	bind_textn(p, hi, n);
	sql(p, ")");
}

/* (col = igo OR (substr(col, 1, 3) IN (members ever) AND
 *  dy_member(igo, col, e.date))) */
static int match_members(struct dy_store *st, struct plan *p,
			 const char *col, const char *igo)
{
	const char *m[MAX_MEMBERS];
	size_t n, i;

	if (strchr(igo, '*'))
		return dy_fail(st->ctx, DY_EINVAL, "members: '%s' is a "
			       "prefix; give the IGO's code", igo);
	n = dy_igo_members(st->ctx, igo, NULL, m, MAX_MEMBERS);
	if (!n)
		return dy_fail(st->ctx, DY_ENOTFOUND, "members: no member "
			       "countries known for '%s' (is the knowledge "
			       "base's members.tsv loaded?)", igo);
	sql(p, "(");
	sql(p, col);
	sql(p, " = ");
	bind_text(p, igo);
	sql(p, " OR (");
	if (n <= MAX_MEMBERS) {
		sql(p, "substr(");
		sql(p, col);
		sql(p, ", 1, 3) IN (");
		for (i = 0; i < n; i++) {
			if (i)
				sql(p, ", ");
			bind_text(p, m[i]);
		}
		sql(p, ") AND ");
	}
	sql(p, "dy_member(");
	bind_text(p, igo);
	sql(p, ", ");
	sql(p, col);
	sql(p, ", e.date)))");
	return 0;
}

static int match_actor(struct dy_store *st, struct plan *p,
		       const char *col, const char *v, int members)
{
	if (members)
		return match_members(st, p, col, v);
	match_code(p, col, v);
	return 0;
}

static void and(struct plan *p)
{
	sql(p, p->has_where ? " AND " : " WHERE ");
	p->has_where = 1;
}

static int build_where(struct dy_store *st, const struct dy_query *q,
		       struct plan *p)
{
	int rc;

	if (q->actor) {
		and(p);
		sql(p, "(");
		rc = match_actor(st, p, "e.source", q->actor, q->members);
		if (rc)
			return rc;
		sql(p, " OR ");
		rc = match_actor(st, p, "e.target", q->actor, q->members);
		if (rc)
			return rc;
		sql(p, ")");
	}
	if (q->source) {
		and(p);
		rc = match_actor(st, p, "e.source", q->source, q->members);
		if (rc)
			return rc;
	}
	if (q->target) {
		and(p);
		rc = match_actor(st, p, "e.target", q->target, q->members);
		if (rc)
			return rc;
	}
	if (q->country) {
		char pre[5];

		memcpy(pre, q->country, 3);
		pre[3] = '*';
		pre[4] = '\0';
		and(p);
		sql(p, "(");
		/* pre is on the stack: match_code copies prefixes */
		match_code(p, "e.source", pre);
		sql(p, " OR ");
		match_code(p, "e.target", pre);
		sql(p, ")");
	}
	if (q->code) {
		char pre[12];
		size_t n = strlen(q->code);

		if (n && q->code[n - 1] == '*')
			n--;
		if (n > 8)
			n = 8;
		memcpy(pre, q->code, n);
		pre[n] = '*';
		pre[n + 1] = '\0';
		and(p);
		match_code(p, "e.code", pre);
	}
	if (q->root) {
		and(p);
		sql(p, "e.root = ");
		bind_text(p, q->root);
	}
	if (q->quad) {
		and(p);
		sql(p, "e.quad = ");
		bind_int(p, q->quad);
	}
	if (q->plover) {
		and(p);
		sql(p, "e.plover = ");
		bind_text(p, q->plover);
	}
	if (q->from) {
		and(p);
		sql(p, "e.date >= ");
		bind_text(p, q->from);
	}
	if (q->to) {
		and(p);
		sql(p, "e.date <= ");
		bind_text(p, q->to);
	}
	if (q->bbox) {
		and(p);
		sql(p, "e.lat BETWEEN ");
		bind_real(p, fmin(q->lat1, q->lat2));
		sql(p, " AND ");
		bind_real(p, fmax(q->lat1, q->lat2));
		sql(p, " AND e.lon BETWEEN ");
		bind_real(p, fmin(q->lon1, q->lon2));
		sql(p, " AND ");
		bind_real(p, fmax(q->lon1, q->lon2));
	}
	if (q->located) {
		and(p);
		sql(p, "e.lat IS NOT NULL");
	}
	if (q->text) {
		and(p);
		sql(p, "(e.story, e.sentence) IN (SELECT story, idx FROM "
		    "sentences WHERE id IN (SELECT rowid FROM sentences_fts "
		    "WHERE sentences_fts MATCH ");
		bind_text(p, q->text);
		sql(p, "))");
	}
	if (q->story) {
		and(p);
		sql(p, "e.story = (SELECT id FROM stories WHERE story_id = ");
		bind_text(p, q->story);
		sql(p, ")");
	}
	return 0;
}

static void limit(struct plan *p, const struct dy_query *q)
{
	sql(p, " LIMIT ");
	bind_int(p, q->limit > 0 ? q->limit : DY_MAX_QUERY_ROWS);
	sql(p, " OFFSET ");
	bind_int(p, q->offset);
}

static void add_col(struct plan *p, const char *name, const char *expr,
		    int kind)
{
	struct col *c = &p->dyn[p->ncols++];

	c->name = name;
	c->expr = expr;
	c->kind = (uint8_t)kind;
	c->brief = 1;
}

static void select_cols(struct plan *p)
{
	size_t i;

	sql(p, "SELECT ");
	for (i = 0; i < p->ncols; i++) {
		if (i)
			sql(p, ", ");
		sql(p, p->cols[i].expr);
	}
}

/* Counts per day (and key) first, over the (date, quad, goldstein)
 * index, then per period over those few rows: date arithmetic for weeks
 * runs once per day, not once per event. */
static int build_counts(struct dy_store *st, const struct dy_query *q,
			struct plan *p)
{
	static const char *const period[] = {
		"c.d", "c.d", "date(c.d, '-6 days', 'weekday 1')",
		"substr(c.d, 1, 7)",
	}; /* ORDER DY_PERIOD */
	static const char *const key[] = {
		NULL, "e.root", "e.quad", "e.source || ' ' || e.target",
	}; /* ORDER DY_GROUP */
	static const char *const key_name[] = { NULL, "root", "quad",
						"dyad" };
	int rc, day = q->count_by == DY_PERIOD_DAY;

	p->cols = p->dyn;
	add_col(p, "period", period[q->count_by], C_TEXT);
	if (q->by != DY_GROUP_NONE)
		add_col(p, key_name[q->by], "c.k", q->by == DY_GROUP_QUAD ?
			C_INT : C_TEXT);
	/* days are the inner groups already */
	add_col(p, "count", day ? "c.n" : "sum(c.n)", C_INT);
	if (q->goldstein)
		add_col(p, "goldstein", day ? "c.g" : "sum(c.g)", C_R1);
	select_cols(p);
	sql(p, " FROM (SELECT e.date AS d, ");
	if (q->by != DY_GROUP_NONE) {
		sql(p, key[q->by]);
		sql(p, " AS k, ");
	}
	sql(p, "count(*) AS n, sum(e.goldstein) AS g FROM events e");
	rc = build_where(st, q, p);
	if (rc)
		return rc;
	and(p);
	sql(p, "e.date IS NOT NULL GROUP BY d");
	if (day)
		sql(p, q->by != DY_GROUP_NONE ? ", k) c ORDER BY 1, 2" :
		    ") c ORDER BY 1");
	else
		sql(p, q->by != DY_GROUP_NONE ? ", k) c GROUP BY 1, 2 ORDER "
		    "BY 1, 2" : ") c GROUP BY 1 ORDER BY 1");
	limit(p, q);
	return 0;
}

static int build_dyads(struct dy_store *st, const struct dy_query *q,
		       struct plan *p)
{
	int rc;

	p->cols = p->dyn;
	add_col(p, "source", "d.source", C_TEXT);
	add_col(p, "source_label", "(SELECT label FROM actors WHERE code = "
		"d.source)", C_TEXT);
	add_col(p, "target", "d.target", C_TEXT);
	add_col(p, "target_label", "(SELECT label FROM actors WHERE code = "
		"d.target)", C_TEXT);
	add_col(p, "count", "d.n", C_INT);
	if (q->goldstein)
		add_col(p, "goldstein", "d.g", C_R1);
	select_cols(p);
	sql(p, " FROM (SELECT e.source AS source, e.target AS target, "
	    "count(*) AS n, sum(e.goldstein) AS g FROM events e");
	rc = build_where(st, q, p);
	if (rc)
		return rc;
	sql(p, " GROUP BY e.source, e.target ORDER BY n DESC, e.source, "
	    "e.target LIMIT ");
	bind_int(p, q->top_dyads);
	sql(p, ") d ORDER BY d.n DESC, d.source, d.target");
	return 0;
}

static int build_sums(struct dy_store *st, const struct dy_query *q,
		      struct plan *p)
{
	p->cols = p->dyn;
	add_col(p, "count", "count(*)", C_INT);
	add_col(p, "goldstein", "coalesce(sum(e.goldstein), 0.0)", C_R1);
	select_cols(p);
	sql(p, " FROM events e");
	return build_where(st, q, p);
}

/* The event listing; `gdelt` adds the story's ingest time. */
static int build_events(struct dy_store *st, const struct dy_query *q,
			struct plan *p, int gdelt)
{
	int rc;

	p->cols = ev_cols;
	p->ncols = N_EV_COLS;
	p->events = 1;
	if (q->columns && !gdelt) {
		const char *s = q->columns;

		p->ncols = 0;
		for (;;) {
			size_t k = strcspn(s, ",");
			const struct col *c = ev_col(s, k);

			if (!c || p->ncols == N_EV_COLS)
				return dy_fail(st->ctx, DY_EINVAL, "columns: "
					       "bad list");
			p->sel[p->ncols++] = *c;
			if (!s[k])
				break;
			s += k + 1;
		}
		p->cols = p->sel;
		p->chosen = 1;
	}
	select_cols(p);
	if (gdelt)
		sql(p, ", s.ingested");
	sql(p, ev_from);
	rc = build_where(st, q, p);
	if (rc)
		return rc;
	sql(p, q->newest ? " ORDER BY e.date DESC, e.id DESC" :
	    " ORDER BY e.date, e.id");
	limit(p, q);
	return 0;
}

static int plan_build(struct dy_store *st, const struct dy_query *q,
		      struct plan *p, int gdelt)
{
	int rc;

	if (q->count_by < DY_PERIOD_NONE || q->count_by > DY_PERIOD_MONTH ||
	    q->by < DY_GROUP_NONE || q->by > DY_GROUP_DYAD)
		return dy_fail(st->ctx, DY_EINVAL, "bad count-by or by value");
	if (q->by && !q->count_by)
		return dy_fail(st->ctx, DY_EINVAL, "by needs count-by");
	if (gdelt && (q->count_by || q->top_dyads || q->goldstein))
		return dy_fail(st->ctx, DY_EINVAL, "the GDELT format is for "
			       "events, not aggregations");
	if (q->count_by)
		rc = build_counts(st, q, p);
	else if (q->top_dyads)
		rc = build_dyads(st, q, p);
	else if (q->goldstein)
		rc = build_sums(st, q, p);
	else
		rc = build_events(st, q, p, gdelt);
	if (!rc && p->oom)
		rc = dy_fail(st->ctx, DY_ENOMEM, "out of memory");
	return rc;
}

/* ------------------------------------------------------------------ */
/* Running                                                             */
/* ------------------------------------------------------------------ */

/* sqlite's message for a bad full-text expression is the user's fault */
static int step_fail(struct dy_store *st, const char *what)
{
	const char *m = sqlite3_errmsg(st->db);

	if (!st->timed_out && (!strncmp(m, "fts5:", 5) ||
			       strstr(m, "unterminated string") ||
			       strstr(m, "no such column")))
		return dy_fail(st->ctx, DY_EINVAL, "text: bad full-text "
			       "expression: %s", m);
	return dy_store_dbfail(st, what);
}

static int plan_prepare(struct dy_store *st, struct plan *p,
			sqlite3_stmt **out)
{
	sqlite3_stmt *s;
	size_t i;

	*out = NULL;
	if (sqlite3_prepare_v2(st->db, p->sql.buf, (int)p->sql.len, &s,
			       NULL) != SQLITE_OK)
		return dy_store_dbfail(st, "query");
	for (i = 0; i < p->nb; i++) {
		const struct bindv *b = &p->b[i];
		int k = (int)i + 1;

		if (b->type == B_INT)
			sqlite3_bind_int64(s, k, b->i);
		else if (b->type == B_REAL)
			sqlite3_bind_double(s, k, b->d);
		else
			sqlite3_bind_text(s, k, b->s ? b->s : b->own, -1,
					  SQLITE_STATIC);
	}
	*out = s;
	return 0;
}

/* Text of column i as written out; numbers formatted into buf. */
static const char *col_value(sqlite3_stmt *s, int i, int kind, char *buf,
			     size_t bufsz, unsigned char *type)
{
	int t = sqlite3_column_type(s, i);

	if (t == SQLITE_NULL) {
		*type = DY_VAL_NULL;
		return NULL;
	}
	if (kind == C_R1 || kind == C_R4) {
		double d = sqlite3_column_double(s, i);

		snprintf(buf, bufsz, kind == C_R1 ? "%.1f" : "%.4f", d);
		/* no "-0.0" */
		if (!strcmp(buf, "-0.0") || !strcmp(buf, "-0.0000"))
			memmove(buf, buf + 1, strlen(buf));
		*type = DY_VAL_REAL;
		return buf;
	}
	*type = kind == C_INT && t == SQLITE_INTEGER ? DY_VAL_INT :
		DY_VAL_TEXT;
	return (const char *)sqlite3_column_text(s, i);
}

#define MAX_COLS 48

static int plan_run(struct dy_store *st, struct plan *p, dy_row_fn fn,
		    void *ud)
{
	const char *names[MAX_COLS], *values[MAX_COLS];
	unsigned char types[MAX_COLS];
	char nums[MAX_COLS][32];
	struct dy_row row;
	sqlite3_stmt *s;
	size_t i, ncols;
	int rc, src;

	rc = plan_prepare(st, p, &s);
	if (rc)
		return rc;
	ncols = (size_t)sqlite3_column_count(s);
	if (ncols > MAX_COLS)
		ncols = MAX_COLS;
	for (i = 0; i < ncols; i++)
		names[i] = i < p->ncols ? p->cols[i].name :
			sqlite3_column_name(s, (int)i);
	row.ncols = ncols;
	row.names = names;
	row.values = values;
	row.types = types;
	dy_store_arm(st);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < ncols; i++)
			values[i] = col_value(s, (int)i, i < p->ncols ?
					      p->cols[i].kind : C_TEXT,
					      nums[i], sizeof nums[i],
					      &types[i]);
		rc = fn(ud, &row);
		if (rc)
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = step_fail(st, "query");
	sqlite3_finalize(s);
	return rc;
}

int dy_query_run(struct dy_store *st, const struct dy_query *q,
		 dy_row_fn fn, void *ud)
{
	struct plan p;
	int rc;

	plan_init(&p);
	rc = plan_build(st, q, &p, 0);
	if (!rc)
		rc = plan_run(st, &p, fn, ud);
	plan_release(&p);
	return rc;
}

int dy_query_count(struct dy_store *st, const struct dy_query *q,
		   long long *out)
{
	struct plan p;
	sqlite3_stmt *s = NULL;
	int rc;

	*out = 0;
	plan_init(&p);
	sql(&p, "SELECT count(*) FROM events e");
	rc = build_where(st, q, &p);
	if (!rc && p.oom)
		rc = dy_fail(st->ctx, DY_ENOMEM, "out of memory");
	if (!rc)
		rc = plan_prepare(st, &p, &s);
	if (!rc) {
		dy_store_arm(st);
		if (sqlite3_step(s) == SQLITE_ROW)
			*out = sqlite3_column_int64(s, 0);
		else
			rc = step_fail(st, "count");
	}
	sqlite3_finalize(s);
	plan_release(&p);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

struct table {
	struct dy_buf text;       /* cells, each NUL-terminated */
	size_t *cells;            /* offsets into text, row-major */
	size_t ncells, capcells;
	size_t show[MAX_COLS];    /* result columns shown, in order */
	size_t nshow;
	size_t width[MAX_COLS];   /* display width of each shown column */
	int right[MAX_COLS];      /* numbers: align right */
};

struct out {
	dy_write_fn w;            /* the caller's sink */
	void *ud;
	struct dy_buf b;          /* pending output */
	int fmt;                  /* enum dy_qformat */
	int failed;               /* a write failed: DY_EIO */
	int oom;                  /* an append failed */
	size_t nrows;             /* rows written */
	struct table *t;          /* DY_QFORMAT_TABLE */
	int gi[20];               /* GDELT: indexes of the columns used */
};

static int out_flush(struct out *o)
{
	if (o->b.len && !o->failed && o->w(o->ud, o->b.buf, o->b.len))
		o->failed = 1;
	dy_buf_reset(&o->b);
	return o->failed ? DY_EIO : 0;
}

static void put(struct out *o, const char *s, size_t n)
{
	if (dy_buf_add(&o->b, s, n))
		o->oom = 1;
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_json_body(struct out *o, const char *s, size_t n)
{
	if (dy_buf_add_json(&o->b, s, n))
		o->oom = 1;
}

static void put_json_str(struct out *o, const char *s)
{
	if (!s) {
		puts_(o, "null");
		return;
	}
	puts_(o, "\"");
	if (dy_buf_add_json(&o->b, s, strlen(s)))
		o->oom = 1;
	puts_(o, "\"");
}

static void put_json_val(struct out *o, const char *v, unsigned char type)
{
	if (type == DY_VAL_NULL || !v)
		puts_(o, "null");
	else if (type == DY_VAL_INT || type == DY_VAL_REAL)
		puts_(o, v);
	else
		put_json_str(o, v);
}

static void put_json_row(struct out *o, const struct dy_row *r)
{
	size_t i;

	puts_(o, "{");
	for (i = 0; i < r->ncols; i++) {
		if (i)
			puts_(o, ",");
		put_json_str(o, r->names[i]);
		puts_(o, ":");
		put_json_val(o, r->values[i], r->types[i]);
	}
	puts_(o, "}");
}

/* A CSV field: quoted when it holds a comma, quote or line break. */
static void put_csv(struct out *o, const char *v)
{
	const char *p;

	if (!v)
		return;
	if (!strpbrk(v, ",\"\r\n")) {
		puts_(o, v);
		return;
	}
	puts_(o, "\"");
	for (p = v; *p; p++) {
		if (*p == '"')
			puts_(o, "\"");
		put(o, p, 1);
	}
	puts_(o, "\"");
}

/* A TSV field: tabs and line breaks become spaces. */
static void put_tsv(struct out *o, const char *v)
{
	const char *p;

	for (p = v ? v : ""; *p; p++)
		put(o, *p == '\t' || *p == '\n' || *p == '\r' ? " " : p, 1);
}

/* Display width: code points, control characters shown as spaces. */
static size_t disp_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static int table_cell(struct out *o, const char *v)
{
	struct table *t = o->t;
	size_t off = t->text.len;
	const char *p;

	if (t->ncells == t->capcells) {
		size_t ncap = t->capcells ? t->capcells * 2 : 256;
		size_t *c = dy_realloc(t->cells, t->capcells * sizeof *c,
				       ncap * sizeof *c);

		if (!c)
			return DY_ENOMEM;
		t->cells = c;
		t->capcells = ncap;
	}
	for (p = v ? v : ""; *p; p++)
		if (dy_buf_addc(&t->text, (unsigned char)*p < 0x20 ? ' ' :
				*p))
			return DY_ENOMEM;
	if (dy_buf_addc(&t->text, '\0'))
		return DY_ENOMEM;
	t->cells[t->ncells++] = off;
	return 0;
}

static void table_header(struct out *o, const struct plan *p)
{
	struct table *t = o->t;
	size_t i;

	for (i = 0; i < p->ncols && t->nshow < MAX_COLS; i++)
		if (!p->events || p->chosen || p->cols[i].brief) {
			t->show[t->nshow] = i;
			t->right[t->nshow] = p->cols[i].kind != C_TEXT;
			if (table_cell(o, p->cols[i].name))
				o->oom = 1;
			t->nshow++;
		}
}

static void table_write(struct out *o)
{
	struct table *t = o->t;
	size_t i, k, nrows = t->nshow ? t->ncells / t->nshow : 0;

	for (i = 0; i < t->ncells; i++) {
		size_t w = disp_width(t->text.buf + t->cells[i]);

		if (w > t->width[i % t->nshow])
			t->width[i % t->nshow] = w;
	}
	for (i = 0; i < nrows; i++) {
		for (k = 0; k < t->nshow; k++) {
			const char *c = t->text.buf +
				t->cells[i * t->nshow + k];
			size_t pad = t->width[k] - disp_width(c), j;
			int last = k + 1 == t->nshow;

			if (k)
				puts_(o, "  ");
			for (j = 0; t->right[k] && j < pad; j++)
				puts_(o, " ");
			puts_(o, c);
			for (j = 0; !t->right[k] && !last && j < pad; j++)
				puts_(o, " ");
		}
		puts_(o, "\n");
		if (i == 0) {
			/* rule under the header */
			for (k = 0; k < t->nshow; k++) {
				size_t j;

				if (k)
					puts_(o, "  ");
				for (j = 0; j < t->width[k]; j++)
					puts_(o, "-");
			}
			puts_(o, "\n");
		}
		if (o->b.len >= OUT_FLUSH)
			out_flush(o);
	}
}

/* GDELT columns taken from the event row, ORDER GDELT_IN */
static const char *const gdelt_in[] = {
	"id", "date", "source", "source_label", "target", "target_label",
	"sentence", "code", "root", "quad", "goldstein", "loc_name",
	"loc_country", "lat", "lon", "loc_is_country", "story_id",
	"ingested",
};
enum { G_ID, G_DATE, G_SRC, G_SRCL, G_TGT, G_TGTL, G_SENT, G_CODE,
       G_ROOT, G_QUAD, G_GOLD, G_LOC, G_LOCC, G_LAT, G_LON, G_ISC,
       G_STORY, G_ADDED, G__COUNT };

/* Not a country: organisations and roles that CAMEO codes may start
 * with. */
static int country_like(const char *code)
{
	static const char *const non[] = { "IGO", "NGO", "NGM", "MNC", "IMG",
					   "UIS", NULL };
	size_t i;

	if (!code || strlen(code) < 3)
		return 0;
	for (i = 0; i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return 0;
	for (i = 0; non[i]; i++)
		if (!strncmp(code, non[i], 3))
			return 0;
	return !dy_store_role_name(code);
}

/* Actor code, name, country, type: four GDELT fields. */
static void gdelt_actor(struct out *o, const char *code, const char *label)
{
	const char *type = NULL;
	int is_country;
	const char *p;

	if (code && !strcmp(code, "---"))
		code = NULL;
	is_country = country_like(code);
	put_tsv(o, code);
	puts_(o, "\t");
	for (p = label ? label : ""; *p; p++) {
		char c = (char)dy_toupper((unsigned char)*p);

		put(o, c == '\t' || c == '\n' ? " " : &c, 1);
	}
	puts_(o, "\t");
	if (is_country)
		put(o, code, 3);
	puts_(o, "\t");
	if (code && strlen(code) >= 6 && (is_country || !strncmp(code, "---",
								3)))
		type = code + 3;
	else if (code && dy_store_role_name(code))
		type = code;
	if (type && dy_store_role_name(type))
		put(o, type, 3);
	puts_(o, "\t");
}

static void gdelt_row(struct out *o, const struct dy_row *r)
{
	const char *v[G__COUNT];
	char buf[64];
	long ymd = 0;
	size_t i;

	for (i = 0; i < G__COUNT; i++)
		v[i] = o->gi[i] >= 0 ? r->values[o->gi[i]] : NULL;
	if (v[G_DATE])
		dy_parse_ymd(dy_str_c(v[G_DATE]), &ymd);
	put_tsv(o, v[G_ID]);
	puts_(o, "\t");
	if (ymd) {
		long y = ymd / 10000;
		long doy = dy_ymd_to_days(ymd) - dy_ymd_to_days(y * 10000 +
								 101) + 1;

		snprintf(buf, sizeof buf, "%ld\t%ld\t%ld\t%.4f\t", ymd,
			 ymd / 100, y, (double)y + (double)doy / 365.0);
		puts_(o, buf);
	} else {
		puts_(o, "\t\t\t\t");
	}
	gdelt_actor(o, v[G_SRC], v[G_SRCL]);
	gdelt_actor(o, v[G_TGT], v[G_TGTL]);
	puts_(o, v[G_SENT] && !strcmp(v[G_SENT], "0") ? "1\t" : "0\t");
	put_tsv(o, v[G_CODE]);
	puts_(o, "\t");
	if (v[G_CODE])
		put(o, v[G_CODE], strnlen(v[G_CODE], 3));
	puts_(o, "\t");
	put_tsv(o, v[G_ROOT]);
	puts_(o, "\t");
	put_tsv(o, v[G_QUAD]);
	puts_(o, "\t");
	put_tsv(o, v[G_GOLD]);
	puts_(o, "\t1\t1\t1\t");
	puts_(o, !v[G_LAT] ? "0" : v[G_ISC] && !strcmp(v[G_ISC], "1") ?
	      "1" : "4");
	puts_(o, "\t");
	put_tsv(o, v[G_LOC]);
	puts_(o, "\t");
	put_tsv(o, v[G_LOCC]);
	puts_(o, "\t");
	put_tsv(o, v[G_LAT]);
	puts_(o, "\t");
	put_tsv(o, v[G_LON]);
	puts_(o, "\t");
	/* 2024-01-31T12:00:00Z -> 20240131120000 */
	for (i = 0; v[G_ADDED] && v[G_ADDED][i]; i++)
		if (dy_isdigit((unsigned char)v[G_ADDED][i]))
			put(o, v[G_ADDED] + i, 1);
	puts_(o, "\t");
	put_tsv(o, v[G_STORY]);
	puts_(o, "\n");
}

static int on_row(void *ud, const struct dy_row *r)
{
	struct out *o = ud;
	size_t i;

	switch (o->fmt) {
	case DY_QFORMAT_TABLE:
		for (i = 0; i < o->t->nshow; i++)
			if (table_cell(o, r->values[o->t->show[i]]))
				return DY_ENOMEM;
		break;
	case DY_QFORMAT_CSV:
		for (i = 0; i < r->ncols; i++) {
			if (i)
				puts_(o, ",");
			put_csv(o, r->values[i]);
		}
		puts_(o, "\r\n");
		break;
	case DY_QFORMAT_JSONL:
		put_json_row(o, r);
		puts_(o, "\n");
		break;
	case DY_QFORMAT_JSON:
		puts_(o, o->nrows ? ",\n" : "\n");
		put_json_row(o, r);
		break;
	case DY_QFORMAT_GDELT:
		if (o->nrows == 0) {
			size_t k;

			for (k = 0; k < G__COUNT; k++) {
				o->gi[k] = -1;
				for (i = 0; i < r->ncols; i++)
					if (!strcmp(r->names[i], gdelt_in[k]))
						o->gi[k] = (int)i;
			}
		}
		gdelt_row(o, r);
		break;
	}
	o->nrows++;
	if (o->oom)
		return DY_ENOMEM;
	if (o->b.len >= OUT_FLUSH)
		return out_flush(o);
	return 0;
}

int dy_query_write(struct dy_store *st, const struct dy_query *q,
		   enum dy_qformat fmt, dy_write_fn w, void *ud)
{
	struct plan p;
	struct table t;
	struct out o;
	size_t i;
	int rc;

	if ((unsigned)fmt > DY_QFORMAT_GDELT)
		return dy_fail(st->ctx, DY_EINVAL, "unknown output format");
	memset(&o, 0, sizeof o);
	memset(&t, 0, sizeof t);
	o.w = w;
	o.ud = ud;
	o.fmt = fmt;
	dy_buf_init(&o.b, (size_t)1 << 30);
	dy_buf_init(&t.text, (size_t)1 << 30);
	plan_init(&p);
	rc = plan_build(st, q, &p, fmt == DY_QFORMAT_GDELT);
	if (rc)
		goto out;
	if (fmt == DY_QFORMAT_TABLE) {
		o.t = &t;
		table_header(&o, &p);
	} else if (fmt == DY_QFORMAT_CSV) {
		for (i = 0; i < p.ncols; i++) {
			if (i)
				puts_(&o, ",");
			puts_(&o, p.cols[i].name);
		}
		puts_(&o, "\r\n");
	} else if (fmt == DY_QFORMAT_JSON) {
		puts_(&o, "[");
	}
	rc = plan_run(st, &p, on_row, &o);
	if (rc)
		goto out;
	if (fmt == DY_QFORMAT_TABLE)
		table_write(&o);
	else if (fmt == DY_QFORMAT_JSON)
		puts_(&o, o.nrows ? "\n]\n" : "]\n");
	if (o.oom)
		rc = DY_ENOMEM;
	else
		rc = out_flush(&o);
out:
	if (rc == DY_ENOMEM)
		dy_fail(st->ctx, rc, "out of memory");
	else if (rc == DY_EIO)
		dy_fail(st->ctx, rc, "write error");
	plan_release(&p);
	dy_buf_release(&o.b);
	dy_buf_release(&t.text);
	dy_free(t.cells, t.capcells * sizeof *t.cells);
	return rc;
}

/* ------------------------------------------------------------------ */
/* One event                                                           */
/* ------------------------------------------------------------------ */

struct seg {
	long long a, b;    /* byte range in the story text */
	const char *role;
};

static int seg_cmp(const void *x, const void *y)
{
	const struct seg *a = x, *b = y;

	return a->a < b->a ? -1 : a->a > b->a;
}

static long long col_ll(sqlite3_stmt *s, int i, long long dflt)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? dflt :
		sqlite3_column_int64(s, i);
}

static int col_index(const char *name)
{
	size_t i;

	for (i = 0; i < N_EV_COLS; i++)
		if (!strcmp(ev_cols[i].name, name))
			return (int)i;
	return -1;
}

/* The sentence cut at the event's spans, which index the story text;
 * spans outside the sentence (an actor named in another sentence) are
 * clipped or left out, and overlapping ones keep the first. */
static void put_segments(struct out *o, sqlite3_stmt *s, long long soff,
			 const char *text, long long slen)
{
	static const char *const roles[] = { "source", "target", "verb" };
	struct seg sg[3];
	size_t n = 0, i;
	long long at = 0;

	for (i = 0; i < 3; i++) {
		char name[16];
		int k;
		long long a, len;

		snprintf(name, sizeof name, "%s_off", roles[i]);
		k = col_index(name);
		if (k < 0)
			continue;
		a = col_ll(s, k, -1) - soff;
		len = col_ll(s, k + 1, 0);
		if (a + soff < 0 || len <= 0)
			continue;
		if (a < 0) {
			len += a;
			a = 0;
		}
		if (a + len > slen)
			len = slen - a;
		if (len <= 0)
			continue;
		sg[n].a = a;
		sg[n].b = a + len;
		sg[n].role = roles[i];
		n++;
	}
	qsort(sg, n, sizeof *sg, seg_cmp);
	puts_(o, "[");
	for (i = 0; i < n; i++) {
		if (sg[i].a < at)
			continue;
		if (sg[i].a > at) {
			puts_(o, at ? ",{\"text\":\"" : "{\"text\":\"");
			put_json_body(o, text + at, (size_t)(sg[i].a -
								   at));
			puts_(o, "\",\"role\":null}");
		}
		puts_(o, sg[i].a ? ",{\"text\":\"" : "{\"text\":\"");
		put_json_body(o, text + sg[i].a,
				(size_t)(sg[i].b - sg[i].a));
		puts_(o, "\",\"role\":\"");
		puts_(o, sg[i].role);
		puts_(o, "\"}");
		at = sg[i].b;
	}
	if (at < slen) {
		puts_(o, at ? ",{\"text\":\"" : "{\"text\":\"");
		put_json_body(o, text + at, (size_t)(slen - at));
		puts_(o, "\",\"role\":null}");
	}
	puts_(o, "]");
}

int dy_store_event_json(struct dy_store *st, long long id, dy_write_fn w,
			void *ud)
{
	struct plan p;
	struct out o;
	sqlite3_stmt *s = NULL;
	const char *names[N_EV_COLS], *values[N_EV_COLS];
	unsigned char types[N_EV_COLS];
	char nums[N_EV_COLS][32];
	struct dy_row row;
	int rc, k = (int)N_EV_COLS;
	size_t i;

	memset(&o, 0, sizeof o);
	o.w = w;
	o.ud = ud;
	dy_buf_init(&o.b, (size_t)1 << 30);
	plan_init(&p);
	p.cols = ev_cols;
	p.ncols = N_EV_COLS;
	select_cols(&p);
	sql(&p, ", s.date, s.source, s.title, se.off, se.len, se.text");
	sql(&p, ev_from);
	sql(&p, " LEFT JOIN sentences se ON se.story = e.story AND "
	    "se.idx = e.sentence WHERE e.id = ");
	bind_int(&p, id);
	rc = p.oom ? DY_ENOMEM : plan_prepare(st, &p, &s);
	if (rc)
		goto out;
	dy_store_arm(st);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		rc = dy_fail(st->ctx, DY_ENOTFOUND, "no event %lld", id);
		goto out;
	}
	if (rc != SQLITE_ROW) {
		rc = dy_store_dbfail(st, "event");
		goto out;
	}
	for (i = 0; i < N_EV_COLS; i++) {
		names[i] = ev_cols[i].name;
		values[i] = col_value(s, (int)i, ev_cols[i].kind, nums[i],
				      sizeof nums[i], &types[i]);
	}
	row.ncols = N_EV_COLS;
	row.names = names;
	row.values = values;
	row.types = types;
	puts_(&o, "{\"event\":");
	put_json_row(&o, &row);
	puts_(&o, ",\"story\":{\"id\":");
	put_json_str(&o, values[1]);
	puts_(&o, ",\"date\":");
	put_json_str(&o, (const char *)sqlite3_column_text(s, k));
	puts_(&o, ",\"source\":");
	put_json_str(&o, (const char *)sqlite3_column_text(s, k + 1));
	puts_(&o, ",\"title\":");
	put_json_str(&o, (const char *)sqlite3_column_text(s, k + 2));
	puts_(&o, "},\"sentence\":");
	if (sqlite3_column_type(s, k + 5) == SQLITE_NULL) {
		puts_(&o, "null");
	} else {
		const char *text = (const char *)sqlite3_column_text(s, k + 5);
		long long slen = sqlite3_column_bytes(s, k + 5);
		char buf[32];

		snprintf(buf, sizeof buf, "{\"index\":%lld,\"text\":",
			 col_ll(s, 2, 0));
		puts_(&o, buf);
		put_json_str(&o, text);
		puts_(&o, ",\"segments\":");
		put_segments(&o, s, col_ll(s, k + 3, 0), text, slen);
		puts_(&o, "}");
	}
	puts_(&o, "}\n");
	rc = o.oom ? DY_ENOMEM : out_flush(&o);
out:
	if (rc == DY_ENOMEM)
		dy_fail(st->ctx, rc, "out of memory");
	else if (rc == DY_EIO)
		dy_fail(st->ctx, rc, "write error");
	sqlite3_finalize(s);
	plan_release(&p);
	dy_buf_release(&o.b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Statistics                                                          */
/* ------------------------------------------------------------------ */

int dy_store_stats(struct dy_store *st, struct dy_store_stats *out)
{
	static const char q[] =
		"SELECT (SELECT count(*) FROM stories), "
		"(SELECT count(*) FROM sentences), "
		"(SELECT count(*) FROM events), "
		"(SELECT count(*) FROM events WHERE lat IS NOT NULL), "
		"(SELECT count(*) FROM actors), "
		"(SELECT min(date) FROM events), "
		"(SELECT max(date) FROM events)";
	sqlite3_stmt *s;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(st->db, q, -1, &s, NULL) != SQLITE_OK)
		return dy_store_dbfail(st, "stats");
	dy_store_arm(st);
	if (sqlite3_step(s) == SQLITE_ROW) {
		out->stories = sqlite3_column_int64(s, 0);
		out->sentences = sqlite3_column_int64(s, 1);
		out->events = sqlite3_column_int64(s, 2);
		out->located = sqlite3_column_int64(s, 3);
		out->actors = sqlite3_column_int64(s, 4);
		if (sqlite3_column_text(s, 5))
			snprintf(out->first_date, sizeof out->first_date, "%s",
				 (const char *)sqlite3_column_text(s, 5));
		if (sqlite3_column_text(s, 6))
			snprintf(out->last_date, sizeof out->last_date, "%s",
				 (const char *)sqlite3_column_text(s, 6));
	} else {
		rc = dy_store_dbfail(st, "stats");
	}
	sqlite3_finalize(s);
	return rc;
}

int dy_store_stats_json(struct dy_store *st, dy_write_fn w, void *ud)
{
	struct dy_store_stats s;
	struct out o;
	char buf[256];
	int rc = dy_store_stats(st, &s);

	if (rc)
		return rc;
	memset(&o, 0, sizeof o);
	o.w = w;
	o.ud = ud;
	dy_buf_init(&o.b, 4096);
	snprintf(buf, sizeof buf, "{\"stories\":%lld,\"sentences\":%lld,"
		 "\"events\":%lld,\"located\":%lld,\"actors\":%lld,"
		 "\"first_date\":", s.stories, s.sentences, s.events,
		 s.located, s.actors);
	puts_(&o, buf);
	put_json_str(&o, *s.first_date ? s.first_date : NULL);
	puts_(&o, ",\"last_date\":");
	put_json_str(&o, *s.last_date ? s.last_date : NULL);
	puts_(&o, "}\n");
	rc = o.oom ? dy_fail(st->ctx, DY_ENOMEM, "out of memory") :
		out_flush(&o);
	if (rc == DY_EIO)
		dy_fail(st->ctx, rc, "write error");
	dy_buf_release(&o.b);
	return rc;
}
