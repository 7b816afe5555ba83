/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
#ifndef MEMPLAN_HEAPSORT_H
#define MEMPLAN_HEAPSORT_H
#include "memplan_env.h"
/**
 * mp_heapsort() - 6.1's sort_r() (lib/sort.c): an unstable bottom-up heapsort
 * @base: the array, sorted in place
 * @num: its number of elements
 * @size: the size of one element
 * @cmp: the order, cmp_r_func_t: called with @a, @b and @priv, negative, 0
 *	or positive when @a sorts before, with or after @b (two elements)
 * @priv: passed to @cmp
 *
 * lib/sort.c sort() semantics, including its order among equal elements:
 * 6.1 sorts its reserved_mem[] records with it before allocating dynamic
 * regions, so the permutation it leaves among equal records decides which
 * dynamic region is placed first.  6.12's sort_r() takes two elements off
 * the heap per step, but 6.12 breaks ties by DT order (__rmem_cmp()), so no
 * equal records remain for the difference to show.
 */
void mp_heapsort(void *base, size_t num, size_t size,
		 int (*cmp)(const void *a, const void *b, void *priv), void *priv);
#endif
