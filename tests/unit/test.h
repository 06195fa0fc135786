/*
 * test.h: a tiny unit-test harness (after Redis' testhelp.h).
 *
 * Each test file is its own program: it calls CHECK()/CHECK_EQ_STR() as
 * often as it likes and returns test_report() from main().  A failing
 * check prints "FILE:LINE: expression" and the test goes on, so one run
 * shows every failure.
 */
#ifndef DY_TEST_H
#define DY_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed, test_passed;

#define CHECK(cond)                                                        \
	do {                                                               \
		if (cond) {                                                \
			test_passed++;                                     \
		} else {                                                   \
			test_failed++;                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n",       \
				__FILE__, __LINE__, #cond);                \
		}                                                          \
	} while (0)

#define CHECK_MSG(cond, ...)                                               \
	do {                                                               \
		if (cond) {                                                \
			test_passed++;                                     \
		} else {                                                   \
			test_failed++;                                     \
			fprintf(stderr, "%s:%d: check failed: %s: ",      \
				__FILE__, __LINE__, #cond);                \
			fprintf(stderr, __VA_ARGS__);                      \
			fputc('\n', stderr);                               \
		}                                                          \
	} while (0)

#define CHECK_EQ_STR(got, want)                                            \
	do {                                                               \
		const char *g_ = (got), *w_ = (want);                      \
		if ((g_ && w_ && strcmp(g_, w_) == 0) || (!g_ && !w_)) {   \
			test_passed++;                                     \
		} else {                                                   \
			test_failed++;                                     \
			fprintf(stderr, "%s:%d: %s: got \"%s\", want "     \
				"\"%s\"\n", __FILE__, __LINE__, #got,      \
				g_ ? g_ : "(null)", w_ ? w_ : "(null)");   \
		}                                                          \
	} while (0)

#define CHECK_EQ_INT(got, want)                                            \
	do {                                                               \
		long long g_ = (long long)(got), w_ = (long long)(want);   \
		if (g_ == w_) {                                            \
			test_passed++;                                     \
		} else {                                                   \
			test_failed++;                                     \
			fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n",\
				__FILE__, __LINE__, #got, g_, w_);         \
		}                                                          \
	} while (0)

static inline int test_report(const char *name)
{
	printf("%-28s %d passed, %d failed\n", name, test_passed,
	       test_failed);
	return test_failed ? 1 : 0;
}

#endif
