/*
 * gen_gazetteer.c: write dyad's gazetteer table, build/gazetteer.c.
 *
 * Usage:
 *   gen_gazetteer --iso FILE --wordnet DIR --points FILE --aliases FILE
 *                 -o OUT
 *
 * Run by the Makefile; the output is compiled into libdyad and read by
 * src/geo.c, which documents the matching rules.  Inputs:
 *
 *   - the cities of GeoNames (geonames.org, CC-BY 4.0) as compiled into
 *     Debian's libgeonames (geonames_get_city): name, country code,
 *     latitude, longitude, population.  Only this tool links the library
 *     (GPL-3); libdyad gets the data alone.
 *   - --iso: Debian's iso-codes iso_3166-1.json, for the alpha-2 to
 *     alpha-3 map and the country names (name, official_name,
 *     common_name).  GeoNames' XK (Kosovo, no ISO code) becomes XKX.
 *   - --points: data/src/country-points.tsv, a representative point and
 *     extra names for every country (format in its header).
 *   - --aliases: data/src/place-aliases.tsv, other English names of
 *     cities (format in its header).
 *   - --wordnet: WordNet's data.{noun,verb,adj,adv} and cntlist.rev
 *     (Debian wordnet-base), to find city names that are everyday English
 *     words: a lower-case WordNet lemma with at least one sense tagged in
 *     SemCor (cntlist.rev) marks the name DY_GEO_KEY_WORD.  So "Reading",
 *     "Mobile", "Police" are words; "Shanghai" (a rare verb) and
 *     "Geneva" (gin) are not.  The stop list below adds names WordNet
 *     misses (function words, newer news vocabulary) as DY_GEO_KEY_STOP;
 *     the allow list exempts a few well-known places.
 *
 * Names are folded with dy_text_fold (src/text.c is linked in), so the
 * keys are exactly what the coder looks up.  For each city the generator
 * also adds variant keys: without apostrophes ("N'DJAMENA" -> NDJAMENA),
 * with a hyphen after an Arabic article ("AL ARISH" -> AL-ARISH), and
 * SAINT/ST./ST swapped at the start.
 *
 * The output depends only on the inputs (every sort is total), so two
 * runs give identical files.  Errors (unreadable input, a malformed row,
 * an unknown country code, an alias whose city is missing, an ISO country
 * without a point, a point far from all of its country's cities) print a
 * message on stderr and exit with status 1.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geonames.h>

#include "dyad.h"
#include "base/arena.h"
#include "base/file.h"
#include "base/hash.h"
#include "base/str.h"
#include "geo.h"
#include "text.h"

#define GAZ_MAX_INPUT (64u << 20) /* cap on any input file */
#define MAX_NAME 200          /* longest name or folded name kept */
#define MAX_POINT_KM 1500.0   /* a country point's nearest city */

/* Names WordNet does not flag but that are everyday words in news text,
 * or function words WordNet leaves out: never matched by default. */
static const char *const stop_list[] = {
	"ALLIANCE", "ANTHEM", "BORNE", "DOME", "FATWA", "GOES", "MENTOR",
	"MIDSTREAM", "OF", "PAROLE", "SALE", "SUMMIT", "SUNRISE", "SUNSET",
};

/* Well-known places whose names WordNet would flag. */
static const char *const allow_list[] = {
	"CORK", "HUE", "MALE", "PECS",
};

/* Arabic articles that news text joins to the name with a hyphen. */
static const char *const articles[] = {
	"AD ", "ADH ", "AL ", "AN ", "AR ", "AS ", "ASH ", "AT ", "AZ ",
	"EL ",
};

struct iso {
	char a2[3], a3[4];
	const char *name, *official, *common; /* arena; NULL when absent */
};

struct row {
	const char *name;   /* display name, arena */
	const char *folded; /* arena */
	char a3[4];
	int32_t lat, lon;   /* 1e-5 degree */
	uint32_t pop;
	int is_country;
	uint32_t idx;       /* position after sorting */
};

struct key {
	const char *folded;
	size_t len;
	struct row *row;
	unsigned flags;
};

static struct dy_arena arena = DY_ARENA_INIT;
static const char *prog = "gen_gazetteer";

static struct iso *isos;
static size_t nisos, capisos;
static struct row **rows;
static size_t nrows, caprows;
static struct key *keys;
static size_t nkeys, capkeys;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						     noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *grow(void *p, size_t *cap, size_t need, size_t elsize)
{
	size_t ncap = *cap ? *cap : 64;

	if (need <= *cap)
		return p;
	while (ncap < need)
		ncap *= 2;
	p = realloc(p, ncap * elsize);
	if (!p)
		die("out of memory");
	*cap = ncap;
	return p;
}

static char *save(const char *s, size_t n)
{
	char *p = dy_arena_strndup(&arena, s, n);

	if (!p)
		die("out of memory");
	return p;
}

static const char *fold(const char *s, size_t n, size_t *outn)
{
	const char *f = dy_text_fold(&arena, s, n, outn);

	if (!f)
		die("out of memory");
	return f;
}

/* Read a whole input file; `package` names the Debian package that
 * provides it, for the message when it is missing (NULL: ours). */
static char *read_input(const char *path, const char *package, size_t *n)
{
	char *p;
	int rc = dy_file_read(path, GAZ_MAX_INPUT, &p, n);

	if (rc == DY_ENOTFOUND && package)
		die("cannot read '%s': %s (install the Debian package %s)",
		    path, strerror(errno), package);
	if (rc == DY_ELIMIT)
		die("cannot read '%s': larger than %u bytes", path,
		    GAZ_MAX_INPUT);
	if (rc)
		die("cannot read '%s': %s", path, strerror(errno));
	return p;
}

/* ------------------------------------------------------------------ */
/* iso_3166-1.json                                                     */
/* ------------------------------------------------------------------ */

/*
 * Just enough JSON for iso-codes: the document is an object whose
 * "3166-1" member is an array of flat objects with string values.
 */
struct json {
	const char *start, *p, *end, *path;
};

static void json_fail(struct json *j, const char *what)
{
	die("%s: %s at byte %zu", j->path, what, (size_t)(j->p - j->start));
}

static void json_space(struct json *j)
{
	while (j->p < j->end && dy_isspace((unsigned char)*j->p))
		j->p++;
}

static int json_peek(struct json *j, char c)
{
	json_space(j);
	return j->p < j->end && *j->p == c;
}

static void json_expect(struct json *j, char c)
{
	char msg[32];

	if (!json_peek(j, c)) {
		snprintf(msg, sizeof msg, "expected '%c'", c);
		json_fail(j, msg);
	}
	j->p++;
}

static unsigned json_hex4(struct json *j)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++, j->p++) {
		int c = j->p < j->end ? (unsigned char)*j->p : 0;

		v <<= 4;
		if (dy_isdigit(c))
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			json_fail(j, "bad \\u escape");
	}
	return v;
}

/* string -> '"' char* '"' ; decoded into the arena */
static const char *json_string(struct json *j)
{
	char buf[4 * MAX_NAME];
	size_t k = 0;
	uint32_t cp;

	json_expect(j, '"');
	while (j->p < j->end && *j->p != '"') {
		if (k + 4 >= sizeof buf)
			json_fail(j, "string too long");
		if (*j->p != '\\') {
			buf[k++] = *j->p++;
			continue;
		}
		if (++j->p >= j->end)
			break;
		switch (*j->p++) {
		case 'n': buf[k++] = '\n'; break;
		case 't': buf[k++] = '\t'; break;
		case 'r': buf[k++] = '\r'; break;
		case 'b': buf[k++] = '\b'; break;
		case 'f': buf[k++] = '\f'; break;
		case 'u':
			cp = json_hex4(j);
			if (cp >= 0xd800 && cp < 0xdc00 &&
			    j->end - j->p >= 6 && j->p[0] == '\\' &&
			    j->p[1] == 'u') {
				uint32_t lo;

				j->p += 2;
				lo = json_hex4(j);
				if (lo < 0xdc00 || lo > 0xdfff)
					json_fail(j, "bad surrogate pair");
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
			}
			if (cp >= 0xd800 && cp <= 0xdfff)
				json_fail(j, "lone surrogate");
			k += dy_utf8_encode(cp, buf + k);
			break;
		default: buf[k++] = j->p[-1]; break;
		}
	}
	json_expect(j, '"');
	return save(buf, k);
}

/* one country: '{' (string ':' string ','?)* '}' */
static void json_country(struct json *j)
{
	struct iso c;
	const char *k, *v;

	memset(&c, 0, sizeof c);
	json_expect(j, '{');
	while (!json_peek(j, '}')) {
		k = json_string(j);
		json_expect(j, ':');
		v = json_string(j);
		if (strcmp(k, "alpha_2") == 0 && strlen(v) == 2)
			memcpy(c.a2, v, 3);
		else if (strcmp(k, "alpha_3") == 0 && strlen(v) == 3)
			memcpy(c.a3, v, 4);
		else if (strcmp(k, "name") == 0)
			c.name = v;
		else if (strcmp(k, "official_name") == 0)
			c.official = v;
		else if (strcmp(k, "common_name") == 0)
			c.common = v;
		if (!json_peek(j, ','))
			break;
		j->p++;
	}
	json_expect(j, '}');
	if (!c.a2[0] || !c.a3[0] || !c.name)
		json_fail(j, "country without alpha_2, alpha_3 or name");
	isos = grow(isos, &capisos, nisos + 1, sizeof *isos);
	isos[nisos++] = c;
}

static void load_iso(const char *path)
{
	struct json j;
	size_t n;
	char *text = read_input(path, "iso-codes", &n);

	j.start = j.p = text;
	j.end = text + n;
	j.path = path;
	json_expect(&j, '{');
	if (strcmp(json_string(&j), "3166-1") != 0)
		json_fail(&j, "expected \"3166-1\"");
	json_expect(&j, ':');
	json_expect(&j, '[');
	while (!json_peek(&j, ']')) {
		json_country(&j);
		if (!json_peek(&j, ','))
			break;
		j.p++;
	}
	json_expect(&j, ']');
	dy_free(text, n + 1);
	if (nisos < 200)
		die("%s: only %zu countries", path, nisos);
}

static const struct iso *iso_by_a2(const char *a2)
{
	size_t i;

	for (i = 0; i < nisos; i++)
		if (strcmp(isos[i].a2, a2) == 0)
			return &isos[i];
	return NULL;
}

static const struct iso *iso_by_a3(const char *a3)
{
	size_t i;

	for (i = 0; i < nisos; i++)
		if (strcmp(isos[i].a3, a3) == 0)
			return &isos[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Rows and keys                                                       */
/* ------------------------------------------------------------------ */

static int32_t fixed(double deg)
{
	return (int32_t)lround(deg * 1e5);
}

static struct row *add_row(const char *name, const char *a3, double lat,
			   double lon, uint32_t pop, int is_country)
{
	struct row *r = dy_arena_zalloc(&arena, sizeof *r);
	size_t n;

	if (!r)
		die("out of memory");
	r->name = name;
	r->folded = fold(name, strlen(name), &n);
	memcpy(r->a3, a3, 4);
	r->lat = fixed(lat);
	r->lon = fixed(lon);
	r->pop = pop;
	r->is_country = is_country;
	rows = grow(rows, &caprows, nrows + 1, sizeof *rows);
	rows[nrows++] = r;
	return r;
}

static void add_key(const char *folded, size_t n, struct row *r,
		    unsigned flags)
{
	if (n == 0)
		return;
	if (n > MAX_NAME)
		die("name too long: '%s'", folded);
	keys = grow(keys, &capkeys, nkeys + 1, sizeof *keys);
	keys[nkeys].folded = folded;
	keys[nkeys].len = n;
	keys[nkeys].row = r;
	keys[nkeys].flags = flags;
	nkeys++;
}

static void add_name_key(const char *name, struct row *r, unsigned flags)
{
	size_t n;
	const char *f = fold(name, strlen(name), &n);

	add_key(f, n, r, flags);
}

/* ------------------------------------------------------------------ */
/* Cities from libgeonames                                             */
/* ------------------------------------------------------------------ */

static void load_cities(void)
{
	gint i, n = geonames_get_n_cities();

	if (n < 1000)
		die("libgeonames has only %d cities", (int)n);
	for (i = 0; i < n; i++) {
		GeonamesCity *c = geonames_get_city(i);
		const char *name, *cc;
		const struct iso *iso;
		const char *a3;
		double lat, lon;

		if (!c)
			die("libgeonames: no city %d", (int)i);
		name = geonames_city_get_name(c);
		cc = geonames_city_get_country_code(c);
		if (!name || !*name || !cc)
			die("libgeonames: city %d has no name or country",
			    (int)i);
		if (strcmp(cc, "XK") == 0) {
			a3 = "XKX";
		} else {
			iso = iso_by_a2(cc);
			if (!iso)
				die("libgeonames: unknown country code '%s' "
				    "for '%s'", cc, name);
			a3 = iso->a3;
		}
		lat = geonames_city_get_latitude(c);
		lon = geonames_city_get_longitude(c);
		if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
			die("libgeonames: '%s' has bad coordinates", name);
		add_row(save(name, strlen(name)), a3, lat, lon,
			geonames_city_get_population(c), 0);
		geonames_city_free(c);
	}
}

/* ------------------------------------------------------------------ */
/* Tab-separated tables                                                */
/* ------------------------------------------------------------------ */

struct tsv {
	const char *path;
	char *text;
	size_t n;
	const char *p;
	unsigned line;
	struct dy_str col[8];
	size_t ncol;
};

static void tsv_open(struct tsv *t, const char *path)
{
	memset(t, 0, sizeof *t);
	t->path = path;
	t->text = read_input(path, NULL, &t->n);
	t->p = t->text;
}

/* Next data row (comments and blank lines skipped); 0 at the end. */
static int tsv_next(struct tsv *t)
{
	const char *end = t->text + t->n;

	while (t->p < end) {
		const char *s = t->p, *e = memchr(s, '\n', (size_t)(end - s));
		const char *q;

		if (!e)
			e = end;
		t->p = e < end ? e + 1 : end;
		t->line++;
		if (e > s && e[-1] == '\r')
			e--;
		if (s == e || *s == '#')
			continue;
		t->ncol = 0;
		for (q = s;; q++) {
			if (q == e || *q == '\t') {
				if (t->ncol == 8)
					die("%s:%u: too many columns",
					    t->path, t->line);
				t->col[t->ncol++] =
					dy_str_trim(dy_str_make(s,
						(size_t)(q - s)));
				if (q == e)
					break;
				s = q + 1;
			}
		}
		return 1;
	}
	return 0;
}

static void tsv_close(struct tsv *t)
{
	dy_free(t->text, t->n + 1);
}

static double tsv_degrees(struct tsv *t, size_t i, double lim)
{
	char buf[32], *end;
	double v;

	if (dy_str_to_cbuf(t->col[i], buf, sizeof buf) != 0 || !buf[0])
		die("%s:%u: bad number", t->path, t->line);
	errno = 0;
	v = strtod(buf, &end);
	if (*end || errno || !(v >= -lim && v <= lim))
		die("%s:%u: bad coordinate '%s'", t->path, t->line, buf);
	return v;
}

/* ------------------------------------------------------------------ */
/* Countries                                                           */
/* ------------------------------------------------------------------ */

static int usable_iso_name(const char *s)
{
	return s && !strchr(s, ',') && !strchr(s, '(');
}

static const char *strip_the(const char *s)
{
	return strncmp(s, "the ", 4) == 0 ? s + 4 : s;
}

/*
 * country-points.tsv: alpha3 TAB lat TAB lon [TAB names], names |-separated,
 * "=Name" the display name.  Every ISO country must have a row; a code
 * outside ISO needs a display name.
 */
static void load_points(const char *path)
{
	struct tsv t;
	size_t i, nc = 0;
	char a3[4];

	tsv_open(&t, path);
	while (tsv_next(&t)) {
		const struct iso *iso;
		const char *display = NULL;
		struct row *r;
		struct dy_str names;
		double lat, lon;

		if (t.ncol < 3 || t.ncol > 4 || t.col[0].n != 3)
			die("%s:%u: want alpha3, lat, lon [, names]", path,
			    t.line);
		memcpy(a3, t.col[0].p, 3);
		a3[3] = '\0';
		for (i = 0; i < nrows; i++)
			if (rows[i]->is_country &&
			    strcmp(rows[i]->a3, a3) == 0)
				die("%s:%u: '%s' again", path, t.line, a3);
		lat = tsv_degrees(&t, 1, 90);
		lon = tsv_degrees(&t, 2, 180);
		names = t.ncol == 4 ? t.col[3] : dy_str_make("", 0);
		/* the display name first: it names the row */
		for (i = 0; i < names.n; i++)
			if (names.p[i] == '=' && (i == 0 ||
						  names.p[i - 1] == '|')) {
				const char *e = memchr(names.p + i, '|',
						       names.n - i);
				size_t len = (e ? (size_t)(e - names.p)
						: names.n) - i - 1;

				display = save(names.p + i + 1, len);
			}
		iso = iso_by_a3(a3);
		if (!display && iso)
			display = iso->common ? iso->common :
				  usable_iso_name(iso->name) ? iso->name :
				  iso->official ? strip_the(iso->official) :
				  iso->name;
		if (!display)
			die("%s:%u: '%s' is not in ISO 3166: give =Name",
			    path, t.line, a3);
		r = add_row(display, a3, lat, lon, 0, 1);
		add_name_key(display, r, 0);
		if (iso) {
			if (usable_iso_name(iso->name))
				add_name_key(iso->name, r, 0);
			if (usable_iso_name(iso->official))
				add_name_key(strip_the(iso->official), r, 0);
			if (iso->common)
				add_name_key(iso->common, r, 0);
		}
		while (names.n) {
			const char *e = memchr(names.p, '|', names.n);
			size_t len = e ? (size_t)(e - names.p) : names.n;
			struct dy_str nm = dy_str_trim(
				dy_str_make(names.p, len));

			if (nm.n && nm.p[0] == '=')
				nm = dy_str_make(nm.p + 1, nm.n - 1);
			if (nm.n)
				add_name_key(save(nm.p, nm.n), r, 0);
			names.p += len + (e != NULL);
			names.n -= len + (e != NULL);
		}
		nc++;
	}
	tsv_close(&t);
	for (i = 0; i < nisos; i++) {
		size_t k;

		for (k = 0; k < nrows; k++)
			if (rows[k]->is_country &&
			    strcmp(rows[k]->a3, isos[i].a3) == 0)
				break;
		if (k == nrows)
			die("%s: no row for ISO country '%s' (%s)", path,
			    isos[i].a3, isos[i].name);
	}
	if (nc == 0)
		die("%s: no countries", path);
}

/* Great-circle distance (haversine) */
static double km(const struct row *a, const struct row *b)
{
	const double rad = 1e-5 * M_PI / 180;
	double la1 = a->lat * rad, la2 = b->lat * rad;
	double sla = sin((la2 - la1) / 2);
	double slo = sin((double)(b->lon - a->lon) * rad / 2);
	double h = sla * sla + cos(la1) * cos(la2) * slo * slo;

	return 2 * 6371.0 * asin(sqrt(h < 1 ? h : 1));
}

/* A hand-typed point with a flipped sign lands far from its country. */
static void check_points(void)
{
	size_t i, k;

	for (i = 0; i < nrows; i++) {
		double best = -1;

		if (!rows[i]->is_country)
			continue;
		for (k = 0; k < nrows; k++) {
			double d;

			if (rows[k]->is_country ||
			    strcmp(rows[k]->a3, rows[i]->a3) != 0)
				continue;
			d = km(rows[i], rows[k]);
			if (best < 0 || d < best)
				best = d;
		}
		if (best > MAX_POINT_KM)
			die("country point of %s is %.0f km from its nearest "
			    "city", rows[i]->a3, best);
	}
}

/* ------------------------------------------------------------------ */
/* Aliases                                                             */
/* ------------------------------------------------------------------ */

/* place-aliases.tsv: alias TAB GeoNames name TAB alpha3 */
static void load_aliases(const char *path)
{
	struct tsv t;
	char name[MAX_NAME + 1], a3[4];
	size_t i;

	tsv_open(&t, path);
	while (tsv_next(&t)) {
		struct row *best = NULL;

		if (t.ncol != 3 || t.col[2].n != 3 || !t.col[0].n ||
		    dy_str_to_cbuf(t.col[1], name, sizeof name) != 0)
			die("%s:%u: want alias, name, alpha3", path, t.line);
		memcpy(a3, t.col[2].p, 3);
		a3[3] = '\0';
		for (i = 0; i < nrows; i++) {
			struct row *r = rows[i];

			if (r->is_country || strcmp(r->a3, a3) != 0 ||
			    strcmp(r->name, name) != 0)
				continue;
			if (!best || r->pop > best->pop)
				best = r;
		}
		if (!best)
			die("%s:%u: no city '%s' in %s", path, t.line, name,
			    a3);
		add_name_key(save(t.col[0].p, t.col[0].n), best,
			     DY_GEO_KEY_ALIAS);
	}
	tsv_close(&t);
}

/* ------------------------------------------------------------------ */
/* Variants                                                            */
/* ------------------------------------------------------------------ */

static void add_variant(const char *s, size_t n, struct row *r)
{
	if (n && (n != strlen(r->folded) || memcmp(s, r->folded, n) != 0))
		add_key(save(s, n), n, r, DY_GEO_KEY_VARIANT);
}

/* The article variant of s (and s itself when it differs from the
 * primary key). */
static void add_article_variants(const char *s, size_t n, struct row *r)
{
	char buf[MAX_NAME + 8];
	size_t i, m;

	add_variant(s, n, r);
	for (i = 0; i < sizeof articles / sizeof *articles; i++) {
		m = strlen(articles[i]);
		if (n > m && memcmp(s, articles[i], m) == 0) {
			memcpy(buf, s, n);
			buf[m - 1] = '-';
			add_variant(buf, n, r);
		}
	}
}

static void add_city_keys(struct row *r)
{
	char buf[MAX_NAME + 8];
	const char *f = r->folded;
	size_t n = strlen(f), i, k;

	if (n > MAX_NAME)
		die("name too long: '%s'", r->name);
	add_key(f, n, r, 0);
	/* apostrophes and transliteration marks dropped */
	for (i = k = 0; i < n; i++)
		if (f[i] != '\'')
			buf[k++] = f[i];
	add_article_variants(f, n, r);
	if (k < n)
		add_article_variants(buf, k, r);
	/* SAINT / ST. / ST at the start */
	if (n > 6 && memcmp(f, "SAINT ", 6) == 0) {
		memcpy(buf, "ST. ", 4);
		memcpy(buf + 4, f + 6, n - 6);
		add_variant(buf, n - 2, r);
		memcpy(buf, "ST ", 3);
		memcpy(buf + 3, f + 6, n - 6);
		add_variant(buf, n - 3, r);
	} else if (n > 4 && memcmp(f, "ST. ", 4) == 0) {
		memcpy(buf, "SAINT ", 6);
		memcpy(buf + 6, f + 4, n - 4);
		add_variant(buf, n + 2, r);
		memcpy(buf, "ST ", 3);
		memcpy(buf + 3, f + 4, n - 4);
		add_variant(buf, n - 1, r);
	}
}

/* ------------------------------------------------------------------ */
/* Everyday words                                                      */
/* ------------------------------------------------------------------ */

static int in_list(const char *s, size_t n, const char *const *list,
		   size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
			return 1;
	return 0;
}

/* Next space-separated field of [*pp, end). */
static struct dy_str field(const char **pp, const char *end)
{
	const char *s = *pp;

	while (s < end && *s == ' ')
		s++;
	*pp = s;
	while (*pp < end && **pp != ' ' && **pp != '\n')
		(*pp)++;
	return dy_str_make(s, (size_t)(*pp - s));
}

static unsigned long hexval(struct dy_str s)
{
	unsigned long v = 0;
	size_t i;

	for (i = 0; i < s.n; i++) {
		int c = dy_tolower((unsigned char)s.p[i]);

		v = v * 16 + (unsigned long)(dy_isdigit(c) ? c - '0' :
					     c - 'a' + 10);
	}
	return v;
}

/*
 * Record in `senses` the sense-key prefix "lemma%T:FF:II" of every
 * all-lower-case word of one WordNet data file whose upper-case form is
 * a candidate (a city key).
 */
static void wordnet_data(const char *dir, const char *pos, int type,
			 struct dy_hash *cand, struct dy_hash *senses)
{
	char path[4096], up[MAX_NAME + 1], sense[MAX_NAME + 32];
	size_t n, i, w;
	char *text;
	const char *p, *end;

	snprintf(path, sizeof path, "%s/data.%s", dir, pos);
	text = read_input(path, "wordnet-base", &n);
	end = text + n;
	for (p = text; p < end; p = p < end ? p + 1 : end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		struct dy_str lexfile, sstype, wcnt;
		unsigned long nw;
		int t = type;

		if (!eol)
			eol = end;
		if (*p == ' ') { /* the licence header */
			p = eol;
			continue;
		}
		field(&p, eol); /* synset offset */
		lexfile = field(&p, eol);
		sstype = field(&p, eol);
		wcnt = field(&p, eol);
		if (lexfile.n != 2 || sstype.n != 1 || wcnt.n != 2)
			die("%s: malformed line", path);
		if (sstype.p[0] == 's')
			t = 5;
		nw = hexval(wcnt);
		for (w = 0; w < nw; w++) {
			struct dy_str word = field(&p, eol);
			struct dy_str lexid = field(&p, eol);
			const char *paren = memchr(word.p, '(', word.n);
			int lower = 1;
			char *key;

			if (paren) /* adjective marker: able(p) */
				word.n = (size_t)(paren - word.p);
			if (!word.n || word.n > MAX_NAME || lexid.n != 1)
				continue;
			for (i = 0; i < word.n; i++) {
				if (word.p[i] >= 'A' && word.p[i] <= 'Z')
					lower = 0;
				up[i] = word.p[i] == '_' ? ' ' :
					(char)dy_toupper(word.p[i]);
			}
			if (!lower || !dy_hash_get(cand, up, word.n))
				continue;
			snprintf(sense, sizeof sense, "%.*s%%%d:%.2s:%02lu",
				 (int)word.n, word.p, t, lexfile.p,
				 hexval(lexid));
			key = save(sense, strlen(sense));
			if (dy_hash_put(senses, key, strlen(key), key))
				die("out of memory");
		}
		p = eol;
	}
	dy_free(text, n + 1);
}

/*
 * Names in `cand` with a lower-case sense tagged at least once in SemCor
 * go into `words` (upper case).
 */
static void wordnet_words(const char *dir, struct dy_hash *cand,
			  struct dy_hash *words)
{
	static const char *const pos[] = { "noun", "verb", "adj", "adv" };
	struct dy_hash senses;
	char path[4096], up[MAX_NAME + 1];
	size_t n, i;
	char *text;
	const char *p, *end;

	dy_hash_init(&senses);
	for (i = 0; i < 4; i++)
		wordnet_data(dir, pos[i], (int)i + 1, cand, &senses);
	snprintf(path, sizeof path, "%s/cntlist.rev", dir);
	text = read_input(path, "wordnet-base", &n);
	end = text + n;
	for (p = text; p < end; p++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		struct dy_str sk, cnt, lemma;
		const char *c, *pct;
		unsigned long count = 0;
		int colons = 0;

		if (!eol)
			eol = end;
		sk = field(&p, eol);
		field(&p, eol); /* sense number */
		cnt = field(&p, eol);
		p = eol;
		for (i = 0; i < cnt.n && dy_isdigit(cnt.p[i]); i++)
			count = count * 10 + (unsigned long)(cnt.p[i] - '0');
		if (!count)
			continue;
		/* the prefix up to the third colon: lemma%T:FF:II */
		for (c = sk.p; c < sk.p + sk.n; c++)
			if (*c == ':' && ++colons == 3)
				break;
		pct = memchr(sk.p, '%', sk.n);
		if (!pct || !dy_hash_get(&senses, sk.p, (size_t)(c - sk.p)))
			continue;
		lemma = dy_str_make(sk.p, (size_t)(pct - sk.p));
		for (i = 0; i < lemma.n; i++)
			up[i] = lemma.p[i] == '_' ? ' ' :
				(char)dy_toupper(lemma.p[i]);
		if (!dy_hash_get(words, up, lemma.n)) {
			char *k = save(up, lemma.n);

			if (dy_hash_put(words, k, lemma.n, k))
				die("out of memory");
		}
	}
	dy_free(text, n + 1);
	dy_hash_release(&senses);
}

static void flag_words(const char *wordnet_dir)
{
	struct dy_hash cand, words;
	size_t i;

	dy_hash_init(&cand);
	dy_hash_init(&words);
	for (i = 0; i < nkeys; i++)
		if (!keys[i].row->is_country &&
		    !(keys[i].flags & DY_GEO_KEY_ALIAS) &&
		    dy_hash_put(&cand, keys[i].folded, keys[i].len,
				&keys[i]))
			die("out of memory");
	wordnet_words(wordnet_dir, &cand, &words);
	for (i = 0; i < nkeys; i++) {
		struct key *k = &keys[i];

		if (k->row->is_country || (k->flags & DY_GEO_KEY_ALIAS))
			continue;
		if (in_list(k->folded, k->len, stop_list,
			    sizeof stop_list / sizeof *stop_list))
			k->flags |= DY_GEO_KEY_STOP;
		else if (dy_hash_get(&words, k->folded, k->len) &&
			 !in_list(k->folded, k->len, allow_list,
				  sizeof allow_list / sizeof *allow_list))
			k->flags |= DY_GEO_KEY_WORD;
	}
	dy_hash_release(&cand);
	dy_hash_release(&words);
}

/* ------------------------------------------------------------------ */
/* Sorting and output                                                  */
/* ------------------------------------------------------------------ */

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a;
	const struct row *y = *(const struct row *const *)b;
	int c;

	if (x->is_country != y->is_country)
		return x->is_country ? -1 : 1;
	if ((c = strcmp(x->a3, y->a3)) != 0)
		return c;
	if ((c = strcmp(x->folded, y->folded)) != 0)
		return c;
	if (x->pop != y->pop)
		return x->pop > y->pop ? -1 : 1;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	if (x->lat != y->lat)
		return x->lat < y->lat ? -1 : 1;
	if (x->lon != y->lon)
		return x->lon < y->lon ? -1 : 1;
	return 0;
}

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->folded, y->folded, n);

	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if (x->row->is_country != y->row->is_country)
		return x->row->is_country ? -1 : 1;
	if (x->row->pop != y->row->pop)
		return x->row->pop > y->row->pop ? -1 : 1;
	if (x->row->idx != y->row->idx)
		return x->row->idx < y->row->idx ? -1 : 1;
	if (x->flags != y->flags) /* the least restricted key first */
		return x->flags < y->flags ? -1 : 1;
	return 0;
}

/* The string pool: each distinct string once, in order of first use. */
struct pool {
	struct dy_hash index; /* string -> offset + 1 */
	uint32_t size;
	FILE *out;
};

static void put_literal(FILE *out, const char *s, size_t n)
{
	size_t i;

	fputs("\t\"", out);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* octal escapes take at most three digits, so what
		 * follows cannot extend them; '?' is escaped for
		 * trigraphs */
		if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\%03o", c);
		else if (c == '"' || c == '\\' || c == '?')
			fprintf(out, "\\%c", c);
		else
			fputc(c, out);
	}
	fputs("\\0\"\n", out);
}

static uint32_t pool_add(struct pool *pl, const char *s, size_t n)
{
	void **slot = dy_hash_slot(&pl->index, s, n);
	uint32_t off;

	if (!slot)
		die("out of memory");
	if (*slot)
		return (uint32_t)((uintptr_t)*slot - 1);
	if (pl->size > UINT32_MAX - n - 1)
		die("string pool too large");
	off = pl->size;
	*slot = (void *)((uintptr_t)off + 1);
	pl->size += (uint32_t)n + 1;
	put_literal(pl->out, s, n);
	return off;
}

static void write_table(const char *path)
{
	struct pool pl;
	uint32_t *name_off, *key_off, ncountries = 0;
	size_t i, k;
	FILE *out;

	out = fopen(path, "w");
	if (!out)
		die("cannot write '%s': %s", path, strerror(errno));
	name_off = calloc(nrows + 1, sizeof *name_off);
	key_off = calloc(nkeys + 1, sizeof *key_off);
	if (!name_off || !key_off)
		die("out of memory");
	for (i = 0; i < nrows; i++)
		ncountries += rows[i]->is_country ? 1u : 0u;
	fprintf(out,
		"/*\n"
		" * gazetteer.c: generated by tools/gen_gazetteer; do not "
		"edit.\n"
		" *\n"
		" * Places from GeoNames (https://www.geonames.org/, CC-BY "
		"4.0), as compiled\n"
		" * into Debian's libgeonames; country names from Debian's "
		"iso-codes; points,\n"
		" * extra names and aliases from data/src/.  %zu rows "
		"(%u countries),\n"
		" * %zu keys.  See src/geo.h for the layout.\n"
		" */\n"
		"#include \"geo.h\"\n\n"
		"const char dy_geo_pool[] =\n",
		nrows, (unsigned)ncountries, nkeys);
	dy_hash_init(&pl.index);
	pl.size = 0;
	pl.out = out;
	for (i = 0; i < nrows; i++)
		name_off[i] = pool_add(&pl, rows[i]->name,
				       strlen(rows[i]->name));
	for (k = 0; k < nkeys; k++)
		key_off[k] = pool_add(&pl, keys[k].folded, keys[k].len);
	fprintf(out, "\t\"\";\n\nconst uint32_t dy_geo_pool_size = %u;\n\n",
		(unsigned)pl.size + 1);
	fputs("const struct dy_geo_row dy_geo_rows[] = {\n", out);
	for (i = 0; i < nrows; i++) {
		const struct row *r = rows[i];

		fprintf(out, "\t{ %u, %ld, %ld, %lu, \"%s\", %d },\n",
			(unsigned)name_off[i], (long)r->lat, (long)r->lon,
			(unsigned long)r->pop, r->a3, r->is_country);
	}
	fprintf(out, "};\n\nconst uint32_t dy_geo_nrows = %zu;\n"
		"const uint32_t dy_geo_ncountries = %u;\n\n",
		nrows, (unsigned)ncountries);
	fputs("const struct dy_geo_key dy_geo_keys[] = {\n", out);
	for (k = 0; k < nkeys; k++)
		fprintf(out, "\t{ %u, %u, %zu, %u },\n", (unsigned)key_off[k],
			(unsigned)keys[k].row->idx, keys[k].len,
			keys[k].flags);
	fprintf(out, "};\n\nconst uint32_t dy_geo_nkeys = %zu;\n", nkeys);
	if (fflush(out) != 0 || ferror(out))
		die("cannot write '%s': %s", path, strerror(errno));
	if (fclose(out) != 0)
		die("cannot write '%s': %s", path, strerror(errno));
	dy_hash_release(&pl.index);
	free(name_off);
	free(key_off);
}

int main(int argc, char **argv)
{
	const char *iso = NULL, *wordnet = NULL, *points = NULL;
	const char *aliases = NULL, *outpath = NULL;
	size_t i, k, ncity;
	int a;

	for (a = 1; a + 1 < argc; a += 2) {
		if (strcmp(argv[a], "--iso") == 0)
			iso = argv[a + 1];
		else if (strcmp(argv[a], "--wordnet") == 0)
			wordnet = argv[a + 1];
		else if (strcmp(argv[a], "--points") == 0)
			points = argv[a + 1];
		else if (strcmp(argv[a], "--aliases") == 0)
			aliases = argv[a + 1];
		else if (strcmp(argv[a], "-o") == 0)
			outpath = argv[a + 1];
		else
			break;
	}
	if (a != argc || !iso || !wordnet || !points || !aliases ||
	    !outpath) {
		fprintf(stderr, "usage: %s --iso FILE --wordnet DIR "
			"--points FILE --aliases FILE -o OUT\n", prog);
		return 2;
	}
	dy_arena_init(&arena, 0);
	load_iso(iso);
	load_points(points);
	k = nrows;
	load_cities();
	ncity = nrows - k;
	check_points();
	qsort(rows, nrows, sizeof *rows, cmp_row);
	for (i = 0; i < nrows; i++)
		rows[i]->idx = (uint32_t)i;
	/* the country keys were added by load_points */
	for (i = 0; i < nrows; i++)
		if (!rows[i]->is_country)
			add_city_keys(rows[i]);
	load_aliases(aliases);
	flag_words(wordnet);
	qsort(keys, nkeys, sizeof *keys, cmp_key);
	/* drop repeats of a (name, row) pair, keeping the first, which
	 * has the fewest flags */
	for (i = k = 0; i < nkeys; i++) {
		if (k && keys[k - 1].row == keys[i].row &&
		    keys[k - 1].len == keys[i].len &&
		    memcmp(keys[k - 1].folded, keys[i].folded,
			   keys[i].len) == 0)
			continue;
		keys[k++] = keys[i];
	}
	nkeys = k;
	if (nrows > UINT32_MAX || nkeys > UINT32_MAX)
		die("too many places");
	write_table(outpath);
	fprintf(stderr, "%s: %zu cities, %zu rows, %zu keys\n", prog, ncity,
		nrows, nkeys);
	free(rows);
	free(keys);
	free(isos);
	dy_arena_release(&arena);
	return 0;
}
