// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_result.c - `memplan verify`: the lists of a result (growing, freeing) and
 * its verdict.
 */
#include <stdlib.h>
#include <string.h>

#include "verify_internal.h"

int verify_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*arr, ncap * elem);
	if (!p)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

int verify_add_range(struct verify_range **arr, size_t *n, size_t *cap,
		     const struct verify_range *v)
{
	if (verify_grow((void **)arr, cap, *n + 1, sizeof(**arr)))
		return -1;
	(*arr)[(*n)++] = *v;
	return 0;
}

void verify_result_free(struct verify_result *r)
{
	size_t i;

	if (!r)
		return;
	free(r->lines);
	free(r->crash);
	free(r->pools);
	free(r->claims);
	free(r->linmap);
	free(r->loaded);
	free(r->mblog);
	for (i = 0; i < r->nr_kplan; i++) {
		free(r->kplan[i].name);
		free(r->kplan[i].detail);
	}
	free(r->kplan);
	memset(r, 0, sizeof(*r));
}

/* every range of a list matched */
static bool all_match(const struct verify_range *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].op != VOP_MATCH)
			return false;
	return true;
}

bool verify_ok(const struct verify_result *r)
{
	size_t i;

	if (!all_match(r->linmap, r->nr_linmap) || !all_match(r->loaded, r->nr_loaded) ||
	    r->missing || r->unexpected || !all_match(r->crash, r->nr_crash) ||
	    !all_match(r->claims, r->nr_claims) || !all_match(r->pools, r->nr_pools))
		return false;
	for (i = 0; i < r->nr_kplan; i++)
		if (r->kplan[i].status == VM_MISMATCH)
			return false;
	for (i = 0; i < r->nr_mblog; i++)
		if (r->mblog[i].op != VOP_MATCH)
			return false;
	return true;
}
