// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * kexec_load.c - the first kernel's linear map once kexec -p has loaded a
 * capture kernel, as /sys/kernel/debug/kernel_page_tables then shows it:
 *
 *  - memplan-6.12 (kernel patch 0004) takes the crash region(s) out of the
 *    linear map while an image is loaded (arch_kexec_protect_crashkres(), as
 *    arm64 did until 6.3); stock 6.1 and 6.12 leave them mapped;
 *  - memory a kexec_crash_size shrink gave back before the load is mapped with
 *    pages: crash_free_reserved_phys_range() of memplan-6.12 (patch 0003) maps
 *    it as map_mem() maps memory, which is with pages where the plan has
 *    linmap.forced_pte (linmap.c says when); the prediction holds only then;
 *  - ptdump merges touching runs of one level into one line, so the prediction
 *    merges them too.
 */
#include "internal.h"
#include "heapsort.h"
#include "memplan_kexec.h"

/* crashk_res and crashk_low_res, then what a shrink freed */
#define HOLES_MAX (2 + MP_CRASH_SHRINK_MAX)

struct hole {
	mp_u64 start, end; /* inclusive */
};

static int cmp_start(const void *a, const void *b, void *priv)
{
	const struct mp_map_range *x = a, *y = b;

	(void)priv;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* the holes in address order (insertion sort: at most HOLES_MAX) */
static size_t holes_of(const struct mp_plan *plan, const struct mp_range *freed,
		       size_t nr_freed, struct hole h[HOLES_MAX])
{
	const struct mp_crash *c = &plan->crash;
	size_t n = 0, i, k;

	if (plan->linmap.crash_protected && c->status == MP_CRASH_RESERVED) {
		if (c->low_present && c->low_size)
			h[n++] = (struct hole){ c->low_base, c->low_base + c->low_size - 1 };
		if (c->high_present && c->high_size)
			h[n++] = (struct hole){ c->high_base, c->high_base + c->high_size - 1 };
	}
	/* freed by a shrink: cut out here, added back with the page level */
	for (k = 0; k < nr_freed; k++)
		if (freed[k].size)
			h[n++] = (struct hole){ freed[k].base, freed[k].base + freed[k].size - 1 };
	for (i = 1; i < n; i++)
		for (k = i; k > 0 && h[k].start < h[k - 1].start; k--) {
			struct hole t = h[k];

			h[k] = h[k - 1];
			h[k - 1] = t;
		}
	return n;
}

/* the parts of @r outside every hole, appended to @out; -MP_ERR_NOSPACE when full */
static int clip(const struct mp_map_range *r, const struct hole *h, size_t nh,
		struct mp_map_range *out, size_t room, size_t *m)
{
	mp_u64 at = r->start;
	size_t k;

	for (k = 0; k < nh; k++) {
		if (h[k].end < at || h[k].start > r->end)
			continue;
		if (h[k].start > at) {
			if (*m >= room)
				return -MP_ERR_NOSPACE;
			out[(*m)++] = (struct mp_map_range){ at, h[k].start - 1, r->level };
		}
		if (h[k].end >= r->end)
			return 0;
		at = h[k].end + 1;
	}
	if (*m >= room)
		return -MP_ERR_NOSPACE;
	out[(*m)++] = (struct mp_map_range){ at, r->end, r->level };
	return 0;
}

size_t mp_linmap_loaded_room(const struct mp_plan *plan, size_t nr_freed)
{
	/* each hole splits at most one range in two; each freed range comes back */
	return plan->linmap.nr_ranges + 2 + 2 * nr_freed;
}

int mp_linmap_loaded(const struct mp_plan *plan, const struct mp_range *freed,
		     size_t nr_freed, struct mp_map_range *out, size_t room, size_t *nr_out)
{
	struct hole h[HOLES_MAX];
	size_t nh, m = 0, i, k;
	int r;

	*nr_out = 0;
	if (nr_freed > MP_CRASH_SHRINK_MAX)
		return -MP_ERR_BADARG;
	nh = holes_of(plan, freed, nr_freed, h);
	for (i = 0; i < plan->linmap.nr_ranges; i++) {
		r = clip(&plan->linmap.ranges[i], h, nh, out, room, &m);
		if (r)
			return r;
	}
	for (k = 0; k < nr_freed; k++) {
		if (!freed[k].size)
			continue;
		if (m >= room)
			return -MP_ERR_NOSPACE;
		out[m++] = (struct mp_map_range){ freed[k].base, freed[k].base + freed[k].size - 1,
						  MP_MAP_PTE };
	}
	mp_heapsort(out, m, sizeof(*out), cmp_start, NULL);
	for (i = 0, k = 0; i < m; i++) {
		if (k && out[k - 1].level == out[i].level && out[k - 1].end + 1 == out[i].start)
			out[k - 1].end = out[i].end;
		else
			out[k++] = out[i];
	}
	*nr_out = k;
	return 0;
}
