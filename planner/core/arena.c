// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * arena.c - the caller-given bump allocator every core allocation comes from.
 *
 * The core never frees: a plan lives exactly as long as its arena.  Arrays
 * that grow (memblock regions, diagnostics, log lines) are re-allocated at
 * double size by their owners; the abandoned copies are bounded by the final
 * size, so the arena needs at most about twice the plan.
 */
#include "memplan.h"
#include "internal.h"

void mp_arena_init(struct mp_arena *arena, void *buf, size_t size)
{
	arena->base = buf;
	arena->size = size;
	arena->used = 0;
	arena->exhausted = false;
}

void *mp_arena_alloc(struct mp_arena *arena, size_t size, size_t align)
{
	size_t start, end;

	if (!align)
		align = sizeof(mp_u64);
	start = (arena->used + align - 1) & ~(align - 1);
	if (start < arena->used || __builtin_add_overflow(start, size, &end) ||
	    end > arena->size) {
		arena->exhausted = true;
		return NULL;
	}
	arena->used = end;
	mp_memset(arena->base + start, 0, size);
	return arena->base + start;
}

/* Grow *@array (of @elem bytes each, *@cap slots) to hold at least @need. */
int mp_grow(struct mp_arena *arena, void **array, size_t *cap, size_t need,
	    size_t elem)
{
	size_t ncap = *cap ? *cap : 8;
	void *n;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > ((size_t)-1) / 2 / elem)
			return -MP_ERR_NOSPACE;
		ncap *= 2;
	}
	n = mp_arena_alloc(arena, ncap * elem, 16);
	if (!n)
		return -MP_ERR_NOSPACE;
	if (*array)
		mp_memcpy(n, *array, *cap * elem);
	*array = n;
	*cap = ncap;
	return 0;
}

char *mp_strdup(struct mp_arena *arena, const char *s)
{
	size_t n = mp_strlen(s);
	char *d = mp_arena_alloc(arena, n + 1, 1);

	if (d)
		mp_memcpy(d, s, n + 1);
	return d;
}

char *mp_aprintf(struct mp_arena *arena, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *d;

	va_start(ap, fmt);
	n = mp_vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	d = mp_arena_alloc(arena, (size_t)n + 1, 1);
	if (!d)
		return NULL;
	va_start(ap, fmt);
	mp_vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}
