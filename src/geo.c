/*
 * geo.c: the gazetteer -- look up a place name, get its country and
 * coordinates.
 *
 * The data is the table in build/gazetteer.c, generated at build time by
 * tools/gen_gazetteer (see there for the inputs): about 24,000 cities of
 * GeoNames (geonames.org, CC-BY 4.0, via Debian's libgeonames, which has
 * GeoNames' list of cities of about 15,000 people or more), with name,
 * ISO alpha-3 country, coordinates and population, plus one row per
 * country with a representative point (data/src/country-points.tsv).  Each row has one or more keys, all in
 * the folded form of dy_text_fold (upper case, diacritics folded: BOGOTA
 * for Bogotá):
 *
 *   - a city's GeoNames name, and variants: apostrophes dropped
 *     (NDJAMENA), a hyphen after an Arabic article (AL-HUDAYDAH),
 *     SAINT/ST./ST at the start (ST PETERSBURG);
 *   - aliases from data/src/place-aliases.tsv (KIEV -> Kyiv, BOMBAY ->
 *     Mumbai, WASHINGTON -> Washington D.C.);
 *   - a country's ISO name, official and common names (iso-codes), and
 *     the extra names of country-points.tsv (IVORY COAST, BURMA, U.K.).
 *
 * Everyday words.  A city name that is also an everyday English word
 * ("Reading", "Mobile", "Police", "Nice", "Bath", "Deal", "March") would
 * turn ordinary text into places, and the folded form no longer shows
 * whether the word was capitalised.  The rule:
 *   - a city name that is a lower-case WordNet lemma with at least one
 *     sense tagged in the SemCor corpus (so a word in real use: "reading",
 *     "police", "nice"; not "shanghai" the verb or "geneva" the gin) is a
 *     word: it matches only cities of more than DY_GEO_WORD_MIN_POP
 *     (500,000) people.  In the data that leaves "Natal" (Brazil) and
 *     "Erode" (India); "Reading", "Nice", "Split", "Mobile" and "Man" are
 *     out.  The generator exempts Cork, Hue, Malé and Pécs.
 *   - a stop list in the generator (function words WordNet lacks, such
 *     as "Of" in Turkey and "Goes" in the Netherlands, and newer news
 *     vocabulary such as "Summit", "Fatwa", "Alliance", "Sale") never
 *     matches.
 *   - country names and aliases are hand-written and always match.
 * DY_GEO_WORDS lifts both limits, for contexts that are certainly places
 * (a dateline: "READING, England, Jan 6").
 *
 * Ties.  Among the places sharing a name (after the word rule):
 *   1. a country beats cities: "Lebanon" and "Armenia" are the
 *      countries, not the towns in the United States and Colombia, and
 *      "Djibouti" and "Luxembourg" the countries, not their capitals;
 *   2. else a city in the first country of `prefer` that has one, then
 *      the second, ...; the most populous there ("Tripoli" with prefer
 *      {LBN} is Lebanon's Tripoli);
 *   3. else the most populous ("Victoria" is the capital of British
 *      Columbia, "Moscow" Russia's, "Washington" D.C. by its alias).
 *
 * dy_geo_open() copies the rows into dy_place structs and puts each
 * distinct key into a dy_hash pointing at the first key of its run (the
 * generator sorts the runs by rank, so a lookup is one hash probe and a
 * short scan).  Building takes about 1 ms (2-3 ms on a cold start); the
 * object is immutable afterwards, so threads may share it.
 */
#include <string.h>

#include "dyad.h"
#include "geo.h"
#include "base/hash.h"

struct dy_gazetteer {
	struct dy_hash names;    /* folded name -> first dy_geo_key of run */
	struct dy_place *places; /* one per dy_geo_rows entry */
};

void dy_geo_close(struct dy_gazetteer *g)
{
	if (!g)
		return;
	dy_hash_release(&g->names);
	dy_free(g->places, (size_t)dy_geo_nrows * sizeof *g->places);
	dy_free(g, sizeof *g);
}

/*
 * Size the empty map for `n` keys up front (a power of two at most half
 * full, hash.h's invariants), so that loading never rehashes: that halves
 * dy_geo_open's time.  NEEDSWORK: use a dy_hash_reserve() if hash.c gets
 * one.
 */
static int reserve(struct dy_hash *h, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n + 2)
		cap *= 2;
	h->slots = dy_calloc(cap, sizeof *h->slots);
	if (!h->slots)
		return DY_ENOMEM;
	h->cap = cap;
	h->count = 0;
	return 0;
}

int dy_geo_open(struct dy_gazetteer **out)
{
	struct dy_gazetteer *g;
	const struct dy_geo_key *k;
	uint32_t i, nnames = 0;
	int rc = DY_ENOMEM;

	*out = NULL;
	g = dy_calloc(1, sizeof *g);
	if (!g)
		return DY_ENOMEM;
	dy_hash_init(&g->names);
	g->places = dy_calloc(dy_geo_nrows, sizeof *g->places);
	if (!g->places)
		goto out;
	for (i = 0; i < dy_geo_nkeys; i++)
		if (i == 0 ||
		    dy_geo_keys[i].folded != dy_geo_keys[i - 1].folded)
			nnames++;
	if (reserve(&g->names, nnames))
		goto out;
	for (i = 0; i < dy_geo_nrows; i++) {
		const struct dy_geo_row *r = &dy_geo_rows[i];
		struct dy_place *p = &g->places[i];

		p->name = dy_geo_pool + r->name;
		p->country = r->country;
		p->lat = r->lat / 1e5;
		p->lon = r->lon / 1e5;
		p->population = r->population;
		p->is_country = r->is_country;
	}
	for (i = 0; i < dy_geo_nkeys; i++) {
		k = &dy_geo_keys[i];
		if (i > 0 && k->folded == k[-1].folded)
			continue;
		/* the hash stores void *; runs are only read through it */
		if (dy_hash_put(&g->names, dy_geo_pool + k->folded, k->len,
				(void *)(uintptr_t)k))
			goto out;
	}
	*out = g;
	g = NULL;
	rc = 0;
out:
	dy_geo_close(g);
	return rc;
}

static int eligible(const struct dy_geo_key *k, unsigned flags)
{
	if (flags & DY_GEO_WORDS)
		return 1;
	if (k->flags & DY_GEO_KEY_STOP)
		return 0;
	if (k->flags & DY_GEO_KEY_WORD)
		return dy_geo_rows[k->row].population > DY_GEO_WORD_MIN_POP;
	return 1;
}

const struct dy_place *dy_geo_find(const struct dy_gazetteer *g,
				   const char *folded, size_t n,
				   const char *const *prefer, unsigned flags)
{
	const struct dy_geo_key *run, *end = dy_geo_keys + dy_geo_nkeys;
	const struct dy_geo_key *k, *best = NULL;
	const char *const *c;

	if (!g || !folded || n == 0)
		return NULL;
	run = dy_hash_get(&g->names, folded, n);
	if (!run)
		return NULL;
	/* the run is sorted: countries first, then by population */
	for (k = run; k < end && k->folded == run->folded; k++) {
		if (!eligible(k, flags))
			continue;
		if (dy_geo_rows[k->row].is_country)
			return &g->places[k->row];
		if (!best)
			best = k;
	}
	if (!best)
		return NULL;
	for (c = prefer; c && *c; c++)
		for (k = best; k < end && k->folded == run->folded; k++)
			if (eligible(k, flags) &&
			    strcmp(dy_geo_rows[k->row].country, *c) == 0)
				return &g->places[k->row];
	return &g->places[best->row];
}

const struct dy_place *dy_geo_lookup(const struct dy_gazetteer *g,
				     const char *folded, size_t n,
				     const char *const *prefer)
{
	return dy_geo_find(g, folded, n, prefer, 0);
}

const struct dy_place *dy_geo_country(const struct dy_gazetteer *g,
				      const char *code)
{
	uint32_t lo = 0, hi = dy_geo_ncountries;

	if (!g || !code)
		return NULL;
	/* the country rows come first, sorted by code */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(dy_geo_rows[mid].country, code);

		if (c == 0)
			return &g->places[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
