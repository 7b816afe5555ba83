// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * crash_shrink.c - a write to /sys/kernel/kexec_crash_size after boot: what
 * crash_shrink_memory() leaves of the crash regions, what it gives back, and the
 * linear map a memplan-6.12 kernel then has over the regions.
 *
 * The boot-time placement of the regions is crash.c's; this file works on a copy
 * of a finished plan (the caller copies struct mp_plan and shrinks the copy).
 */
#include "internal.h"
#include "memplan_kexec.h"

size_t mp_crash_shrink(struct mp_plan *plan, mp_u64 new_size,
		       struct mp_range freed[MP_CRASH_SHRINK_MAX])
{
	/* KEXEC_CRASH_MEM_ALIGN is PAGE_SIZE on arm64 */
	const mp_u64 page = 1ULL << plan->kc.page_shift;
	struct mp_crash *c = &plan->crash;
	mp_u64 *res_base, *res_size, *low_size = NULL, old;
	size_t n = 0;

	if (c->status != MP_CRASH_RESERVED || (!c->low_present && !c->high_present))
		return 0;
	/* crashk_res is the high region of a high+low pair, crashk_low_res the low one */
	if (c->high_present) {
		res_base = &c->high_base, res_size = &c->high_size;
		if (c->low_present)
			low_size = &c->low_size;
	} else {
		res_base = &c->low_base, res_size = &c->low_size;
	}
	new_size = (new_size + page - 1) & ~(page - 1);
	old = *res_size + (low_size ? *low_size : 0);
	if (new_size >= old)
		return 0;
	if (low_size && *low_size > new_size) {
		/* less than the low region is kept: crashk_res goes, the low one shrinks */
		freed[n++] = (struct mp_range){ *res_base, *res_size };
		*res_size = 0;
		c->high_present = false;
		freed[n++] = (struct mp_range){ c->low_base + new_size, *low_size - new_size };
		*low_size = new_size;
		if (!new_size)
			c->low_present = false;
	} else {
		/* crashk_res keeps what the low region does not hold */
		mp_u64 keep = new_size - (low_size ? *low_size : 0);

		freed[n++] = (struct mp_range){ *res_base + keep, *res_size - keep };
		*res_size = keep;
		if (!keep) {
			if (res_size == &c->high_size)
				c->high_present = false;
			else
				c->low_present = false;
		}
	}
	return n;
}

void mp_linmap_after_shrink(struct mp_plan *plan,
			    struct mp_map_range out[MP_CRASH_SHRINK_MAP_MAX])
{
	const struct mp_crash *c = &plan->crash;
	size_t n = 0;

	if (!plan->linmap.crash_protected)
		return;	/* not mapped on its own (late reservation): nothing re-mapped */
	if (c->low_present && c->low_size)
		n += mp_linmap_alone(&plan->kc, c->low_base, c->low_base + c->low_size, out + n);
	if (c->high_present && c->high_size)
		n += mp_linmap_alone(&plan->kc, c->high_base, c->high_base + c->high_size,
				     out + n);
	plan->linmap.ranges = out;
	plan->linmap.nr_ranges = n;
}
