/*
 * test_geo.c: the gazetteer (src/geo.c) and its generated table.
 *
 * Checks lookups by folded name (cities, countries, aliases, variants),
 * the tie rules (country first, then `prefer`, then population), the
 * everyday-word rule, and that the table agrees with dy_text_fold.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test.h"
#include "dyad.h"
#include "geo.h"
#include "text.h"

static struct dy_gazetteer *gaz;

static const struct dy_place *look(const char *folded,
				   const char *const *prefer)
{
	return dy_geo_lookup(gaz, folded, strlen(folded), prefer);
}

static const char *country_of(const char *folded,
			      const char *const *prefer)
{
	const struct dy_place *p = look(folded, prefer);

	return p ? p->country : NULL;
}

static int near(const struct dy_place *p, double lat, double lon,
		double tol)
{
	return p && fabs(p->lat - lat) <= tol && fabs(p->lon - lon) <= tol;
}

static void test_cities(void)
{
	static const char *const usa[] = { "USA", NULL };
	static const char *const fra_rus[] = { "FRA", "RUS", NULL };
	const struct dy_place *p = look("ALMATY", NULL);

	CHECK(p != NULL);
	CHECK_EQ_STR(p ? p->name : NULL, "Almaty");
	CHECK_EQ_STR(p ? p->country : NULL, "KAZ");
	CHECK(near(p, 43.25, 76.92, 0.1));
	CHECK(p && !p->is_country && p->population > 1000000);
	CHECK_EQ_STR(country_of("MINSK", NULL), "BLR");
	CHECK_EQ_STR(country_of("MOSCOW", NULL), "RUS");
	CHECK_EQ_STR(country_of("NEW YORK", NULL), "USA");
	/* Idaho has a Moscow too; the prefer list picks it */
	CHECK_EQ_STR(country_of("MOSCOW", usa), "USA");
	/* a code with no candidate is skipped */
	CHECK_EQ_STR(country_of("MOSCOW", fra_rus), "RUS");
	CHECK(look("NO SUCH PLACE", NULL) == NULL);
	CHECK(look("almaty", NULL) == NULL); /* folded input only */
	CHECK(dy_geo_lookup(gaz, "ALMATY", 0, NULL) == NULL);
	/* a prefix is not the name */
	CHECK(dy_geo_lookup(gaz, "ALMATY", 5, NULL) == NULL);
}

static void test_washington(void)
{
	static const char *const usa[] = { "USA", NULL };
	static const char *const gbr[] = { "GBR", NULL };
	const struct dy_place *p = look("WASHINGTON", usa);

	CHECK_EQ_STR(p ? p->name : NULL, "Washington D.C.");
	CHECK(near(p, 38.9, -77.04, 0.1));
	CHECK_EQ_STR(country_of("WASHINGTON", NULL), "USA");
	/* the town in Tyne and Wear */
	p = look("WASHINGTON", gbr);
	CHECK_EQ_STR(p ? p->country : NULL, "GBR");
	CHECK(p && p->population < 100000);
	CHECK_EQ_STR(country_of("WASHINGTON D.C.", NULL), "USA");
}

static void test_prefer(void)
{
	static const char *const lbn[] = { "LBN", NULL };
	static const char *const chl[] = { "CHL", NULL };
	static const char *const chl_can[] = { "CHL", "CAN", NULL };
	static const char *const can_chl[] = { "CAN", "CHL", NULL };

	/* Tripoli: Libya's is larger, Lebanon's when preferred */
	CHECK_EQ_STR(country_of("TRIPOLI", NULL), "LBY");
	CHECK_EQ_STR(country_of("TRIPOLI", lbn), "LBN");
	/* Victoria: six in the data, British Columbia's is largest */
	CHECK_EQ_STR(country_of("VICTORIA", NULL), "CAN");
	CHECK_EQ_STR(country_of("VICTORIA", chl), "CHL");
	/* earlier codes in the list win */
	CHECK_EQ_STR(country_of("VICTORIA", chl_can), "CHL");
	CHECK_EQ_STR(country_of("VICTORIA", can_chl), "CAN");
}

static void test_countries(void)
{
	static const char *const col[] = { "COL", NULL };
	const struct dy_place *p = look("KAZAKHSTAN", NULL), *q;

	CHECK(p && p->is_country);
	CHECK_EQ_STR(p ? p->country : NULL, "KAZ");
	CHECK_EQ_STR(p ? p->name : NULL, "Kazakhstan");
	CHECK(near(p, 48, 67, 3));
	CHECK(p && p->population == 0);
	q = dy_geo_country(gaz, "KAZ");
	CHECK(q == p);
	CHECK(dy_geo_country(gaz, "XYZ") == NULL);
	CHECK(dy_geo_country(gaz, "") == NULL);
	p = dy_geo_country(gaz, "ABW"); /* first and last rows */
	CHECK(p && p->is_country);
	p = dy_geo_country(gaz, "ZWE");
	CHECK(p && p->is_country);
	p = dy_geo_country(gaz, "XKX");
	CHECK_EQ_STR(p ? p->name : NULL, "Kosovo");
	/* ISO names, common names, extra names */
	p = look("RUSSIA", NULL);
	CHECK(p && p->is_country);
	CHECK_EQ_STR(p ? p->name : NULL, "Russia");
	CHECK_EQ_STR(country_of("RUSSIAN FEDERATION", NULL), "RUS");
	CHECK_EQ_STR(country_of("SOUTH KOREA", NULL), "KOR");
	CHECK_EQ_STR(country_of("IVORY COAST", NULL), "CIV");
	CHECK_EQ_STR(country_of("COTE D'IVOIRE", NULL), "CIV");
	CHECK_EQ_STR(country_of("BURMA", NULL), "MMR");
	CHECK_EQ_STR(country_of("U.K.", NULL), "GBR");
	CHECK_EQ_STR(country_of("UNITED STATES OF AMERICA", NULL), "USA");
	CHECK_EQ_STR(country_of("TURKEY", NULL), "TUR");
	CHECK_EQ_STR(country_of("KOSOVO", NULL), "XKX");
	CHECK(look("US", NULL) == NULL); /* the pronoun */
	/* a country beats a city of the same name, preferred or not */
	p = look("ARMENIA", col);
	CHECK(p && p->is_country);
	CHECK_EQ_STR(p ? p->country : NULL, "ARM");
	/* every ISO country has a point */
	CHECK(dy_geo_ncountries >= 249);
}

static void test_aliases(void)
{
	const struct dy_place *p = look("KIEV", NULL);

	CHECK_EQ_STR(p ? p->name : NULL, "Kyiv");
	CHECK(p && p == look("KYIV", NULL));
	CHECK_EQ_STR(country_of("KIEV", NULL), "UKR");
	p = look("BOMBAY", NULL);
	CHECK_EQ_STR(p ? p->name : NULL, "Mumbai");
	CHECK(p && p == look("MUMBAI", NULL));
	CHECK(look("PEKING", NULL) == look("BEIJING", NULL));
	CHECK(look("ALMA-ATA", NULL) == look("ALMATY", NULL));
	CHECK_EQ_STR(country_of("ABU DHABI", NULL), "ARE");
	/* generated variants */
	CHECK_EQ_STR(country_of("ST PETERSBURG", NULL), "RUS");
	CHECK_EQ_STR(country_of("ST. PETERSBURG", NULL), "RUS");
	CHECK_EQ_STR(country_of("AL-HUDAYDAH", NULL), "YEM");
	CHECK_EQ_STR(country_of("NDJAMENA", NULL), "TCD");
	CHECK_EQ_STR(country_of("N'DJAMENA", NULL), "TCD");
}

static void test_words(void)
{
	static const char *const pol[] = { "POL", NULL };
	static const char *const usa[] = { "USA", NULL };
	const struct dy_place *p;

	CHECK(look("POLICE", NULL) == NULL);
	CHECK(look("POLICE", pol) == NULL);
	CHECK(look("MOBILE", NULL) == NULL);
	CHECK(look("MOBILE", usa) == NULL);
	CHECK(look("READING", NULL) == NULL);
	CHECK(look("NICE", NULL) == NULL);
	CHECK(look("BATH", NULL) == NULL);
	CHECK(look("DEAL", NULL) == NULL);
	CHECK(look("MARCH", NULL) == NULL);
	CHECK(look("OF", NULL) == NULL);
	CHECK(look("SUMMIT", NULL) == NULL);
	CHECK(look("SALE", NULL) == NULL);
	/* not everyday words */
	CHECK_EQ_STR(country_of("GENEVA", NULL), "CHE");
	CHECK_EQ_STR(country_of("SHANGHAI", NULL), "CHN");
	CHECK_EQ_STR(country_of("MALE", NULL), "MDV");
	/* a large city passes the word rule */
	CHECK_EQ_STR(country_of("NATAL", NULL), "BRA");
	/* DY_GEO_WORDS: a dateline */
	p = dy_geo_find(gaz, "POLICE", 6, NULL, DY_GEO_WORDS);
	CHECK_EQ_STR(p ? p->country : NULL, "POL");
	p = dy_geo_find(gaz, "READING", 7, usa, DY_GEO_WORDS);
	CHECK_EQ_STR(p ? p->country : NULL, "USA");
	p = dy_geo_find(gaz, "NICE", 4, NULL, DY_GEO_WORDS);
	CHECK_EQ_STR(p ? p->country : NULL, "FRA");
	p = dy_geo_find(gaz, "OF", 2, NULL, DY_GEO_WORDS);
	CHECK_EQ_STR(p ? p->country : NULL, "TUR");
}

static void test_fold(void)
{
	struct dy_arena a;
	const struct dy_place *p;
	const char *f;
	size_t n;

	dy_arena_init(&a, 0);
	f = dy_text_fold(&a, "Bogotá", strlen("Bogotá"), &n);
	CHECK_EQ_STR(f, "BOGOTA");
	p = f ? dy_geo_lookup(gaz, f, n, NULL) : NULL;
	CHECK_EQ_STR(p ? p->name : NULL, "Bogotá");
	CHECK_EQ_STR(p ? p->country : NULL, "COL");
	f = dy_text_fold(&a, "Chișinău", strlen("Chișinău"), &n);
	CHECK_EQ_STR(country_of(f ? f : "", NULL), "MDA");
	f = dy_text_fold(&a, "Ürümqi", strlen("Ürümqi"), &n);
	CHECK_EQ_STR(country_of(f ? f : "", NULL), "CHN");
	dy_arena_release(&a);
}

/* Every city's name folds to one of its keys, the runs are in the
 * documented order, and all offsets are in range. */
static void test_table(void)
{
	struct dy_arena a;
	uint32_t i, bad_fold = 0, bad_order = 0, bad_off = 0;
	unsigned char *seen;

	dy_arena_init(&a, 0);
	seen = calloc(dy_geo_nrows, 1);
	CHECK(seen != NULL);
	for (i = 0; seen && i < dy_geo_nkeys; i++) {
		const struct dy_geo_key *k = &dy_geo_keys[i];
		const struct dy_geo_row *r;
		const char *f;
		size_t n;

		if (k->row >= dy_geo_nrows || k->folded >= dy_geo_pool_size ||
		    strlen(dy_geo_pool + k->folded) != k->len) {
			bad_off++;
			continue;
		}
		r = &dy_geo_rows[k->row];
		if (i > 0 && k->folded == k[-1].folded) {
			const struct dy_geo_row *q = &dy_geo_rows[k[-1].row];

			if (q->is_country < r->is_country ||
			    (q->is_country == r->is_country &&
			     q->population < r->population))
				bad_order++;
		} else if (i > 0 &&
			   strcmp(dy_geo_pool + k[-1].folded,
				  dy_geo_pool + k->folded) >= 0) {
			bad_order++; /* runs sorted, one offset per name */
		}
		if (k->flags & (DY_GEO_KEY_ALIAS | DY_GEO_KEY_VARIANT))
			continue;
		f = dy_text_fold(&a, dy_geo_pool + r->name,
				 strlen(dy_geo_pool + r->name), &n);
		if (f && n == k->len &&
		    memcmp(f, dy_geo_pool + k->folded, n) == 0)
			seen[k->row] = 1;
	}
	for (i = 0; seen && i < dy_geo_nrows; i++) {
		if (!dy_geo_rows[i].is_country && !seen[i]) {
			if (bad_fold++ < 5)
				fprintf(stderr, "no key for '%s'\n",
					dy_geo_pool + dy_geo_rows[i].name);
		}
		if (dy_geo_rows[i].name >= dy_geo_pool_size)
			bad_off++;
		if (i > 0 && i < dy_geo_ncountries &&
		    strcmp(dy_geo_rows[i - 1].country,
			   dy_geo_rows[i].country) >= 0)
			bad_order++;
	}
	CHECK_EQ_INT(bad_fold, 0);
	CHECK_EQ_INT(bad_order, 0);
	CHECK_EQ_INT(bad_off, 0);
	CHECK(dy_geo_nrows > 20000);
	free(seen);
	dy_arena_release(&a);
}

static void test_open_close(void)
{
	struct dy_gazetteer *g = NULL;
	struct timespec t0, t1;
	double ms;
	int i;

	dy_geo_close(NULL);
	/* open and close again: nothing is shared between objects */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 3; i++) {
		CHECK_EQ_INT(dy_geo_open(&g), 0);
		CHECK(g != NULL);
		if (i < 2)
			dy_geo_close(g);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = ((double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	      (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) / 3;
	/* generous: sanitizer builds are several times slower */
	CHECK_MSG(ms < 100, "dy_geo_open took %.1f ms", ms);
	CHECK(dy_geo_lookup(g, "ALMATY", 6, NULL) != NULL);
	CHECK(dy_geo_lookup(NULL, "ALMATY", 6, NULL) == NULL);
	CHECK(dy_geo_country(NULL, "KAZ") == NULL);
	dy_geo_close(g);
}

int main(void)
{
	test_open_close();
	if (dy_geo_open(&gaz) != 0) {
		fprintf(stderr, "dy_geo_open failed\n");
		return 1;
	}
	test_cities();
	test_washington();
	test_prefer();
	test_countries();
	test_aliases();
	test_words();
	test_fold();
	test_table();
	dy_geo_close(gaz);
	return test_report("test_geo");
}
