/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * tap.h - the one test harness of the unit tests: CHECK() and CHECK_EQ()
 * record, TEST() names what follows, DONE() prints the closing
 * "N passed, N failed" line and returns the exit status.
 */
#ifndef MEMPLAN_TAP_H
#define MEMPLAN_TAP_H
#include <stdarg.h>
#include <stdio.h>

static int tap_passed, tap_failed;
static const char *tap_test = "";

#define TEST(name) (tap_test = (name))

/*
 * CHECK(cond) or CHECK(cond, "format", args...): the optional message says
 * what was being checked, printed with the failing expression
 */
#define CHECK(cond, ...) tap_check(!!(cond), #cond, __FILE__, __LINE__, " " __VA_ARGS__)

static inline __attribute__((format(printf, 5, 6))) void
tap_check(int ok, const char *expr, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		tap_passed++;
		return;
	}
	tap_failed++;
	fprintf(stderr, "FAIL %s: %s (%s:%d)", tap_test, expr, file, line);
	/* @fmt is " " followed by the caller's format, if any */
	if (fmt[0] && fmt[1]) {
		fputs(":", stderr);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
	}
	fputc('\n', stderr);
}

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
