/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * crash_fixture.h - a plan written out by hand that the crash-region tests share
 * (test_core_early_mm.c, test_core_crash_shrink.c): memplan-6.12 on 2 GiB of RAM at
 * 1 GiB, 4K pages, crashkernel=256M at the top of RAM (below the DMA limit: the
 * low region, crashk_res), mapped on its own with PMD blocks.
 */
#ifndef MEMPLAN_TEST_CRASH_FIXTURE_H
#define MEMPLAN_TEST_CRASH_FIXTURE_H

#include <string.h>

#include "memplan.h"

static struct mp_map_range map_256m[] = {
	{ 0x40000000, 0x401fffff, MP_MAP_PTE },
	{ 0x40200000, 0xafffffff, MP_MAP_PTE },
	{ 0xb0000000, 0xbfffffff, MP_MAP_PMD },
};

static inline void plan_256m(struct mp_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->profile = MP_MEMPLAN_6_12;
	p->dma_limits_early = true;	/* a DT boot: kernel-patches 0002's early path */
	p->kc.page_shift = 12;
	p->kc.va_bits = 48;
	p->kc.zone_dma = true;
	p->dma_phys_limit = 0xc0000000;
	p->zone_dma_limit = 0xffffffff;
	p->crash.status = MP_CRASH_RESERVED;
	p->crash.low_present = true;
	p->crash.low_base = 0xb0000000;
	p->crash.low_size = 0x10000000;
	p->linmap.ranges = map_256m;
	p->linmap.nr_ranges = 3;
	p->linmap.crash_protected = true;
}

#endif /* MEMPLAN_TEST_CRASH_FIXTURE_H */
