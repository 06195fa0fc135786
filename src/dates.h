/*
 * dates.h: time expressions in news text, resolved against the story date.
 *
 * dy_dates_find() scans one sentence (or any stretch of story text) for
 * expressions such as "6 January 2022", "on Thursday morning", "last
 * week" or "three years ago" and turns each into a calendar date with a
 * precision.  The forms it accepts, and the choices made for ambiguous
 * ones, are listed at the top of dates.c.  Nothing here allocates or
 * keeps state between calls, so it is safe to call from any thread.
 */
#ifndef DY_DATES_H
#define DY_DATES_H

#include <stddef.h>
#include <stdint.h>

#include "base/mem.h"

/* ORDER DY_PREC: keep in step with dy_date_prec_name() */
enum dy_date_prec {
	DY_PREC_DAY,   /* one calendar day */
	DY_PREC_MONTH, /* ymd is the first of the month */
	DY_PREC_YEAR,  /* ymd is the first of January */
	DY_PREC_WEEK,  /* ymd is the Monday of the (ISO, Monday-first) week */
};

/* ORDER DY_HOW: keep in step with dy_date_how_name() */
enum dy_date_how {
	DY_HOW_EXPLICIT,  /* full date in the text: "6 January 2022"; also a
			     month with its year, "January 2022" */
	DY_HOW_PARTIAL,   /* month and day, year from the story: "January 2" */
	DY_HOW_RELATIVE,  /* deictic: "yesterday", "last night", "on Thursday",
			     "last week", "earlier this year" */
	DY_HOW_OFFSET,    /* counted: "three years ago", "two days ago" */
	DY_HOW_MONTH,     /* a month, year from the story: "in March" */
	DY_HOW_YEAR,      /* a year alone: "in 2020" */
};

/* What the word just before the expression says about it.
 * ORDER DY_DATE_MOD: keep in step with dy_date_mod_name() */
enum dy_date_mod {
	DY_DATE_MOD_NONE,   /* "in 2020", "on Thursday", no signal */
	DY_DATE_MOD_SINCE,  /* "since 2019", "from March" */
	DY_DATE_MOD_BEFORE, /* "before", "by", "until", "till" */
	DY_DATE_MOD_AFTER,  /* "after" */
};

struct dy_timex {
	uint32_t off;   /* first byte of the expression in the text */
	uint32_t len;   /* its length in bytes */
	long ymd;       /* resolved date, yyyymmdd; first day when prec is
			   month, year or week */
	uint8_t prec;   /* enum dy_date_prec */
	uint8_t how;    /* enum dy_date_how */
	uint8_t mod;    /* enum dy_date_mod, from the word before off */
};

/* Find the time expressions in text[0..n) and resolve them against the
 * story date `ref` (yyyymmdd).  Writes at most `max` to out, in text
 * order, without overlaps (the longest expression wins), and returns the
 * number written.  Never allocates; never reads past n; text need not be
 * NUL-terminated or valid UTF-8.  When ref is not a valid date only the
 * expressions that carry their own year are returned.  Text past
 * UINT32_MAX bytes is ignored (offsets are 32-bit). */
DY_INTERNAL size_t dy_dates_find(const char *text, size_t n, long ref,
				 struct dy_timex *out, size_t max);
/* Static names for the enums: "explicit", "day", "since", ...; "?" for a
 * value out of range. */
DY_INTERNAL const char *dy_date_how_name(int how);
DY_INTERNAL const char *dy_date_prec_name(int prec);
DY_INTERNAL const char *dy_date_mod_name(int mod);

#endif
