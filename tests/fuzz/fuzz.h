/*
 * fuzz.h: what the libFuzzer harnesses share.
 */
#ifndef DY_FUZZ_H
#define DY_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* inputs over 64 KiB are skipped, as utf8proc's fuzzer does: every stage
 * is linear, long inputs only slow the search down */
#define FUZZ_MAX (64u << 10)

/* a broken invariant traps, so libFuzzer and the replay driver both stop
 * on it */
#define REQUIRE(c) \
	do { \
		if (!(c)) \
			__builtin_trap(); \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
