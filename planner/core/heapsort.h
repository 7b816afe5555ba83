/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
#ifndef MEMPLAN_HEAPSORT_H
#define MEMPLAN_HEAPSORT_H
#include "memplan_env.h"
/* lib/sort.c sort() semantics, including its order among equal elements */
void mp_heapsort(void *base, size_t num, size_t size,
		 int (*cmp)(const void *a, const void *b, void *priv), void *priv);
#endif
