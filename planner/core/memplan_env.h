/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memplan_env.h - the only file of the planner core that knows where it runs.
 *
 * Like libfdt_env.h: this header supplies fixed-width types, a check macro
 * and the few string helpers the core needs.  The core is user-space code
 * (the kernel series carries no copy of it), but stays freestanding: caller
 * memory only, no I/O, no global state.
 */
#ifndef MEMPLAN_ENV_H
#define MEMPLAN_ENV_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h> /* compiler-provided, freestanding */
#include <libfdt.h>

typedef uint64_t mp_u64;
typedef int64_t mp_s64;
typedef uint32_t mp_u32;

#define MP_U64_MAX ((mp_u64)~0ULL)

/* printf-style argument checking */
#define MP_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))

/* A violated internal invariant: the plan is marked broken, never a crash. */
#define MP_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static inline size_t mp_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static inline size_t mp_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static inline int mp_memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	size_t i;

	for (i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

static inline void mp_memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
}

static inline void mp_memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
}

static inline int mp_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

static inline bool mp_streq(const char *a, const char *b)
{
	return mp_strcmp(a, b) == 0;
}

static inline bool mp_starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

/* Overflow-checked a + b; returns true on overflow. */
static inline bool mp_add_overflows(mp_u64 a, mp_u64 b, mp_u64 *sum)
{
	return __builtin_add_overflow(a, b, sum);
}

/*
 * The inclusive end of [base, base + size), as the kernel prints ranges
 * (%pa-%pa): base for size 0; saturates at the top of the address space.
 */
static inline mp_u64 mp_last_byte(mp_u64 base, mp_u64 size)
{
	mp_u64 e;

	if (!size)
		return base;
	if (mp_add_overflows(base, size - 1, &e))
		return MP_U64_MAX;
	return e;
}

/*
 * Little-endian fields of a file (BTF, an ELF header, an ACPI table): read
 * byte by byte, so neither the host's byte order nor alignment matters.
 */
static inline mp_u32 mp_get_le16(const unsigned char *p)
{
	return (mp_u32)p[0] | (mp_u32)p[1] << 8;
}

static inline mp_u32 mp_get_le32(const unsigned char *p)
{
	return (mp_u32)p[0] | (mp_u32)p[1] << 8 | (mp_u32)p[2] << 16 | (mp_u32)p[3] << 24;
}

static inline mp_u64 mp_get_le64(const unsigned char *p)
{
	return (mp_u64)mp_get_le32(p) | (mp_u64)mp_get_le32(p + 4) << 32;
}

/* [base, base + size): a physical range */
struct mp_range {
	mp_u64 base, size;
};

#endif /* MEMPLAN_ENV_H */
