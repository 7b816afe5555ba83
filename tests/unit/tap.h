/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * tap.h - the smallest test harness: CHECK() records, DONE() prints the
 * closing "N passed, N failed" line and returns the exit status.
 */
#ifndef MEMPLAN_TAP_H
#define MEMPLAN_TAP_H
#include <stdio.h>

static int tap_passed, tap_failed;
static const char *tap_test = "";

#define TEST(name) (tap_test = (name))
#define CHECK(cond)                                                                          \
	do {                                                                                 \
		if (cond) {                                                                  \
			tap_passed++;                                                        \
		} else {                                                                     \
			tap_failed++;                                                        \
			fprintf(stderr, "FAIL %s: %s (%s:%d)\n", tap_test, #cond, __FILE__,  \
				__LINE__);                                                   \
		}                                                                            \
	} while (0)
#define CHECK_EQ(a, b)                                                                       \
	do {                                                                                 \
		unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b); \
		if (a_ == b_) {                                                              \
			tap_passed++;                                                        \
		} else {                                                                     \
			tap_failed++;                                                        \
			fprintf(stderr, "FAIL %s: %s == %s: 0x%llx != 0x%llx (%s:%d)\n",     \
				tap_test, #a, #b, a_, b_, __FILE__, __LINE__);               \
		}                                                                            \
	} while (0)
#define DONE()                                                                               \
	(printf("%d passed, %d failed\n", tap_passed, tap_failed), tap_failed ? 1 : 0)
#endif
