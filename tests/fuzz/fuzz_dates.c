/*
 * fuzz_dates.c: libFuzzer harness for the date resolver (src/dates.c).
 *
 * The input is any bytes, taken as story text; inputs over 64 KiB are
 * skipped (utf8proc's fuzzer does the same), since the resolver is
 * linear and long inputs only slow the search down.  Each input is run
 * against a few story dates -- an ordinary one, year and leap-day edges,
 * the first and last valid dates, and an invalid one -- and every answer
 * is checked: inside the text, in text order, without overlaps, a valid
 * date, enums in range.  A broken invariant traps.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
 *	tests/fuzz/fuzz_dates.c src/dates.c src/base/str.c src/base/mem.c \
 *	-o fuzz_dates && ./fuzz_dates tests/fuzz/corpus/dates
 */
#include <stddef.h>
#include <stdint.h>

#include "base/str.h"
#include "dates.h"

#define FUZZ_MAX_INPUT (64u << 10)
#define FUZZ_MAX_OUT 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const long refs[] = {
	20220106, /* an ordinary Thursday */
	20200229, /* a leap day */
	20241231, /* a year's last day */
	10101,    /* the first valid date: "yesterday" falls off */
	99991231, /* the last valid date: "tomorrow" falls off */
	0,        /* no story date */
	20220230, /* not a date */
};

static void check(size_t size, const struct dy_timex *out, size_t n,
		  size_t max)
{
	size_t i;

	if (n > max)
		__builtin_trap();
	for (i = 0; i < n; i++) {
		if (out[i].len == 0 || (size_t)out[i].off + out[i].len > size)
			__builtin_trap();
		if (i > 0 && out[i - 1].off + out[i - 1].len > out[i].off)
			__builtin_trap();
		if (!dy_ymd_valid(out[i].ymd) || out[i].prec > DY_PREC_WEEK ||
		    out[i].how > DY_HOW_YEAR ||
		    out[i].mod > DY_DATE_MOD_AFTER)
			__builtin_trap();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dy_timex out[FUZZ_MAX_OUT];
	const char *text = (const char *)data;
	size_t i, n, n1;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		n = dy_dates_find(text, size, refs[i], out, FUZZ_MAX_OUT);
		check(size, out, n, FUZZ_MAX_OUT);
		/* a smaller max gives a prefix of the same answer */
		n1 = dy_dates_find(text, size, refs[i], out, 1);
		check(size, out, n1, 1);
		if (n1 != (n > 0))
			__builtin_trap();
	}
	return 0;
}
