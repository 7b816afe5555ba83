// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * heapsort.c - the kernel's sort() (lib/sort.c): an unstable bottom-up
 * heapsort.  6.1 sorts its reserved_mem[] records with it before allocating
 * dynamic regions, so the *permutation* it produces among equal records
 * decides which dynamic region is placed first (docs/kernel-model.md §2.4,
 * §7.5).  Written from the algorithm's description, index form.
 */
#include "internal.h"
#include "heapsort.h"

static void swap_elems(unsigned char *v, size_t size, size_t i, size_t j)
{
	unsigned char *a = v + i * size, *b = v + j * size;
	size_t k;

	for (k = 0; k < size; k++) {
		unsigned char t = a[k];

		a[k] = b[k];
		b[k] = t;
	}
}

void mp_heapsort(void *base, size_t num, size_t size,
		 int (*cmp)(const void *a, const void *b, void *priv), void *priv)
{
	unsigned char *v = base;
	size_t n = num, a = num / 2, b, c, d;

	if (num < 2)
		return;
	for (;;) {
		if (a > 0) {
			a--;			/* heap construction */
		} else if (n - 1 > 0) {
			n--;			/* extraction */
			swap_elems(v, size, 0, n);
		} else {
			break;
		}
		/* walk down to a leaf, always towards the larger child */
		b = a;
		while ((d = 2 * b + 2) < n) {
			c = 2 * b + 1;
			b = cmp(v + c * size, v + d * size, priv) >= 0 ? c : d;
		}
		if (2 * b + 2 == n)
			b = 2 * b + 1;
		/* back up to where v[a] belongs */
		while (b != a && cmp(v + a * size, v + b * size, priv) >= 0)
			b = (b - 1) / 2;
		c = b;
		while (b != a) {
			b = (b - 1) / 2;
			swap_elems(v, size, b, c);
		}
	}
}
