// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_pools.c - `memplan verify`, the devices' restricted DMA pools: each
 * restricted-dma-pool the plan assigns at probe (consumers.c) against the
 * record's swiotlb-pools, the debugfs directories rmem_swiotlb_device_init()
 * (kernel/dma/swiotlb.c) creates with io_tlb_nslabs = size >> IO_TLB_SHIFT.
 */
#include <string.h>

#include "memplan_consumers.h"
#include "verify_internal.h"

#define IO_TLB_SHIFT 11

/* the plan's record of region @name: its range */
static const struct mp_rmem *region(const struct mp_plan *plan, const char *name)
{
	size_t i;

	for (i = 0; i < plan->nr_rmem; i++)
		if (plan->rmem[i].name && !strcmp(plan->rmem[i].name, name))
			return &plan->rmem[i];
	return NULL;
}

static bool planned(const struct mp_plan *plan, size_t upto, const char *name)
{
	size_t i;

	for (i = 0; i < upto; i++) {
		const struct mp_consumer *c = &plan->consumers[i];

		if (c->generic && c->outcome == MP_CONS_ASSIGNED && !strcmp(c->region, name))
			return true;
	}
	return false;
}

int verify_compare_pools(const struct mp_plan *plan, const struct bootrec_pools *pools,
			 struct verify_result *res)
{
	unsigned char seen[256] = { 0 };
	size_t i, k;

	res->pools_checked = true;
	for (i = 0; i < plan->nr_consumers; i++) {
		const struct mp_consumer *c = &plan->consumers[i];
		const struct mp_rmem *r;
		struct verify_range v = { VOP_MISSING, 0, 0, NULL, "not in swiotlb-pools", 0 };

		/* one pool per region, set up for its first device */
		if (!c->generic || c->outcome != MP_CONS_ASSIGNED || planned(plan, i, c->region))
			continue;
		r = region(plan, c->region);
		v.what = c->region;
		if (r) {
			v.start = r->base;
			v.end = r->base + (r->size ? r->size - 1 : 0);
		}
		for (k = 0; k < pools->n; k++) {
			if (strcmp(pools->v[k].name, c->region))
				continue;
			if (k < sizeof(seen))
				seen[k] = 1;
			if (r && pools->v[k].nslabs == r->size >> IO_TLB_SHIFT) {
				v.op = VOP_MATCH;
				v.where = "swiotlb-pools";
			} else {
				v.where = "swiotlb-pools: io_tlb_nslabs differs";
			}
			break;
		}
		if (verify_add_range(&res->pools, &res->nr_pools, &res->cap_pools, &v))
			return -1;
	}
	for (k = 0; k < pools->n; k++) {
		struct verify_range v = { VOP_UNEXPECTED, 0, 0, pools->v[k].name,
					  "swiotlb-pools, not planned", 0 };

		if ((k < sizeof(seen) && seen[k]) || !strcmp(pools->v[k].name, "swiotlb"))
			continue;
		if (verify_add_range(&res->pools, &res->nr_pools, &res->cap_pools, &v))
			return -1;
	}
	return 0;
}
