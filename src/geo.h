/*
 * geo.h: the gazetteer -- place names to countries and coordinates.
 *
 * The places come from a table compiled into libdyad (build/gazetteer.c,
 * written at build time by tools/gen_gazetteer from GeoNames' cities via
 * Debian's libgeonames, Debian's iso-codes and data/src/).  dy_geo_open()
 * indexes it once into a hash; the object is then read-only, so threads
 * may share it.  Which names match, and how ties between places of the
 * same name are broken, is described at the top of geo.c.
 */
#ifndef DY_GEO_H
#define DY_GEO_H

#include <stddef.h>
#include <stdint.h>

#include "base/mem.h"

/* A name that is an everyday English word matches only places above this
 * population unless DY_GEO_WORDS is given (see geo.c). */
#define DY_GEO_WORD_MIN_POP 500000

struct dy_place {
	const char *name;    /* as GeoNames writes it, "Almaty" */
	const char *country; /* ISO 3166-1 alpha-3, "KAZ" (XKX: Kosovo) */
	double lat, lon;     /* degrees, north and east positive */
	uint32_t population; /* 0 for country entries */
	uint8_t is_country;  /* a country's representative point */
};

struct dy_gazetteer;

enum dy_geo_flags {
	DY_GEO_WORDS = 1 << 0, /* also names that are everyday words or
				  stop-listed ("Police", "Reading"): for
				  contexts that are surely places, such as
				  a dateline */
};

/* Index the compiled-in table: *out gets a new gazetteer (free with
 * dy_geo_close).  Returns 0 or DY_ENOMEM (*out NULL). */
DY_INTERNAL int dy_geo_open(struct dy_gazetteer **out);
/* Free g and its places; NULL is allowed. */
DY_INTERNAL void dy_geo_close(struct dy_gazetteer *g);

/*
 * Look up a place by its folded name (dy_text_fold: "ALMATY", "NEW YORK",
 * "KAZAKHSTAN").  When several places share the name, a country wins;
 * else one in `prefer` (a NULL-terminated list of alpha-3 codes, such as
 * the actors' countries, earlier codes first; may be NULL); else the most
 * populous.  Names that are everyday words match only large places (see
 * geo.c).  NULL when nothing matches.  The result lives as long as g.
 */
DY_INTERNAL const struct dy_place *dy_geo_lookup(const struct dy_gazetteer *g,
						 const char *folded, size_t n,
						 const char *const *prefer);
/* dy_geo_lookup with flags from enum dy_geo_flags. */
DY_INTERNAL const struct dy_place *dy_geo_find(const struct dy_gazetteer *g,
					       const char *folded, size_t n,
					       const char *const *prefer,
					       unsigned flags);
/* The representative point of the country with alpha-3 code `code`
 * ("KAZ"), for "across the country"; NULL when unknown. */
DY_INTERNAL const struct dy_place *dy_geo_country(
	const struct dy_gazetteer *g, const char *code);

/*
 * The generated table (build/gazetteer.c); only geo.c and the unit test
 * read it.  Rows are the places: the countries first, sorted by code,
 * then the cities.  Keys are the names, sorted by folded name so that the
 * keys sharing a name form one run, and within a run: countries first,
 * then by population, largest first.  Equal folded names share one pool
 * offset, so a run is the keys with the same `folded`.
 */
enum dy_geo_key_flags {
	DY_GEO_KEY_WORD = 1 << 0,    /* an everyday English word (WordNet) */
	DY_GEO_KEY_STOP = 1 << 1,    /* on the generator's stop list */
	DY_GEO_KEY_ALIAS = 1 << 2,   /* from data/src/place-aliases.tsv */
	DY_GEO_KEY_VARIANT = 1 << 3, /* a variant the generator derived:
					AL-ARISH, ST PETERSBURG */
};

struct dy_geo_row {
	uint32_t name;       /* offset of the display name in dy_geo_pool */
	int32_t lat, lon;    /* units of 1e-5 degree */
	uint32_t population; /* 0 when unknown and for countries */
	char country[4];     /* alpha-3 code, NUL-terminated */
	uint8_t is_country;  /* a country's representative point */
};

struct dy_geo_key {
	uint32_t folded; /* offset of the folded name in dy_geo_pool */
	uint32_t row;    /* index into dy_geo_rows */
	uint16_t len;    /* strlen of the folded name */
	uint8_t flags;   /* enum dy_geo_key_flags */
};

DY_INTERNAL const char dy_geo_pool[];
DY_INTERNAL const uint32_t dy_geo_pool_size;
DY_INTERNAL const struct dy_geo_row dy_geo_rows[];
DY_INTERNAL const uint32_t dy_geo_nrows;
DY_INTERNAL const uint32_t dy_geo_ncountries;
DY_INTERNAL const struct dy_geo_key dy_geo_keys[];
DY_INTERNAL const uint32_t dy_geo_nkeys;

#endif
