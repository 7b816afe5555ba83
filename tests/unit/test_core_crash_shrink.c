// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_crash_shrink.c - the crash regions after boot, on plans written out by
 * hand: mp_crash_shrink() (crash_shrink_memory(): one region, a high+low pair,
 * nothing to shrink), mp_linmap_after_shrink() (memplan-6.12 re-maps what a region
 * keeps on its own) and mp_linmap_loaded() (the linear map once kexec -p has loaded
 * a capture kernel: protected regions cut out, freed memory with pages, runs merged).
 */
#include <string.h>

#include "memplan.h"
#include "tap.h"

static struct mp_map_range map_256m[] = {
	{ 0x40000000, 0x401fffff, MP_MAP_PTE },
	{ 0x40200000, 0xafffffff, MP_MAP_PTE },
	{ 0xb0000000, 0xbfffffff, MP_MAP_PMD },
};

/* memplan-6.12, 2 GiB at 1 GiB, crashkernel=256M at its top (4K pages) */
static void plan_256m(struct mp_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->profile = MP_MEMPLAN_6_12;
	p->kc.page_shift = 12;
	p->kc.va_bits = 48;
	p->crash.status = MP_CRASH_RESERVED;
	p->crash.low_present = true;
	p->crash.low_base = 0xb0000000;
	p->crash.low_size = 0x10000000;
	p->linmap.ranges = map_256m;
	p->linmap.nr_ranges = 3;
	p->linmap.crash_protected = true;
}

/* crashkernel=512M,high with a 128 MiB low region */
static void plan_high_low(struct mp_plan *p)
{
	plan_256m(p);
	p->crash.low_base = 0xb8000000;
	p->crash.low_size = 0x8000000;
	p->crash.high_present = true;
	p->crash.high_base = 0x1e0000000;
	p->crash.high_size = 0x20000000;
}

static bool range_is(const struct mp_range *r, mp_u64 base, mp_u64 size)
{
	return r->base == base && r->size == size;
}

static bool map_is(const struct mp_map_range *r, mp_u64 start, mp_u64 end,
		   enum mp_map_level level)
{
	return r->start == start && r->end == end && r->level == level;
}

static void test_shrink_one(void)
{
	struct mp_range freed[MP_CRASH_SHRINK_MAX];
	struct mp_plan p;

	TEST("shrink one region: rounded up to a page, the end given back");
	plan_256m(&p);
	CHECK_EQ(mp_crash_shrink(&p, 0xa100001, freed), 1);
	CHECK(range_is(&freed[0], 0xba101000, 0x10000000 - 0xa101000));
	CHECK_EQ(p.crash.low_base, 0xb0000000);
	CHECK_EQ(p.crash.low_size, 0xa101000);
	CHECK(p.crash.low_present);

	TEST("shrink to the size it has, or more: nothing happens");
	plan_256m(&p);
	CHECK_EQ(mp_crash_shrink(&p, 0x10000000, freed), 0);
	CHECK_EQ(mp_crash_shrink(&p, 0x20000000, freed), 0);
	CHECK_EQ(p.crash.low_size, 0x10000000);

	TEST("shrink to 0: all given back, the region gone");
	CHECK_EQ(mp_crash_shrink(&p, 0, freed), 1);
	CHECK(range_is(&freed[0], 0xb0000000, 0x10000000));
	CHECK(!p.crash.low_present);
	CHECK_EQ(p.crash.low_size, 0);

	TEST("no crash kernel reserved: nothing to shrink");
	plan_256m(&p);
	p.crash.status = MP_CRASH_FAILED;
	CHECK_EQ(mp_crash_shrink(&p, 0x1000000, freed), 0);
	CHECK_EQ(p.crash.low_size, 0x10000000);
}

static void test_shrink_high_low(void)
{
	struct mp_range freed[MP_CRASH_SHRINK_MAX];
	struct mp_plan p;

	TEST("high+low, more than the low region kept: crashk_res (high) shrinks");
	plan_high_low(&p);
	CHECK_EQ(mp_crash_shrink(&p, 0x10000000, freed), 1);
	CHECK(range_is(&freed[0], 0x1e8000000, 0x18000000));
	CHECK_EQ(p.crash.high_size, 0x8000000);
	CHECK_EQ(p.crash.low_size, 0x8000000);
	CHECK(p.crash.high_present && p.crash.low_present);

	TEST("high+low, less than the low region kept: high gone, then low shrinks");
	plan_high_low(&p);
	CHECK_EQ(mp_crash_shrink(&p, 0x4000000, freed), 2);
	CHECK(range_is(&freed[0], 0x1e0000000, 0x20000000));
	CHECK(range_is(&freed[1], 0xbc000000, 0x4000000));
	CHECK(!p.crash.high_present);
	CHECK_EQ(p.crash.high_size, 0);
	CHECK_EQ(p.crash.low_size, 0x4000000);
	CHECK(p.crash.low_present);

	TEST("high+low, exactly the low region kept: the high region goes");
	plan_high_low(&p);
	CHECK_EQ(mp_crash_shrink(&p, 0x8000000, freed), 1);
	CHECK(range_is(&freed[0], 0x1e0000000, 0x20000000));
	CHECK(!p.crash.high_present);
	CHECK(p.crash.low_present);
}

static void test_after_shrink(void)
{
	struct mp_map_range out[MP_CRASH_SHRINK_MAP_MAX];
	struct mp_range freed[MP_CRASH_SHRINK_MAX];
	struct mp_plan p;

	TEST("after a shrink, memplan-6.12: the kept 161 MiB re-mapped on its own");
	plan_256m(&p);
	mp_crash_shrink(&p, 0xa100000, freed);
	mp_linmap_after_shrink(&p, out);
	CHECK(p.linmap.ranges == out);
	CHECK_EQ(p.linmap.nr_ranges, 2);
	CHECK(map_is(&out[0], 0xb0000000, 0xb9ffffff, MP_MAP_PMD));
	CHECK(map_is(&out[1], 0xba000000, 0xba0fffff, MP_MAP_PTE));

	TEST("after a shrink, high+low: both kept parts, low first");
	plan_high_low(&p);
	mp_crash_shrink(&p, 0x10000000, freed);
	mp_linmap_after_shrink(&p, out);
	CHECK_EQ(p.linmap.nr_ranges, 2);
	CHECK(map_is(&out[0], 0xb8000000, 0xbfffffff, MP_MAP_PMD));
	CHECK(map_is(&out[1], 0x1e0000000, 0x1e7ffffff, MP_MAP_PMD));

	TEST("after a shrink, a region not mapped on its own: the plan's map stays");
	plan_256m(&p);
	p.linmap.crash_protected = false;
	mp_crash_shrink(&p, 0xa100000, freed);
	mp_linmap_after_shrink(&p, out);
	CHECK(p.linmap.ranges == map_256m);
	CHECK_EQ(p.linmap.nr_ranges, 3);
}

static void test_loaded(void)
{
	struct mp_map_range out[16];
	struct mp_range freed[MP_CRASH_SHRINK_MAX + 1];
	struct mp_plan p;
	size_t n, nf;

	TEST("loaded, memplan-6.12: the region cut out, touching PTE runs merged");
	plan_256m(&p);
	CHECK(mp_linmap_loaded_room(&p, 0) <= 16);
	CHECK_EQ(mp_linmap_loaded(&p, NULL, 0, out, 16, &n), 0);
	CHECK_EQ(n, 1);
	CHECK(map_is(&out[0], 0x40000000, 0xafffffff, MP_MAP_PTE));

	TEST("loaded, no protection (stock kernels): the region stays mapped");
	p.linmap.crash_protected = false;
	CHECK_EQ(mp_linmap_loaded(&p, NULL, 0, out, 16, &n), 0);
	CHECK_EQ(n, 2);
	CHECK(map_is(&out[1], 0xb0000000, 0xbfffffff, MP_MAP_PMD));

	TEST("loaded after a shrink: the kept part cut out, the freed part with pages");
	plan_256m(&p);
	nf = mp_crash_shrink(&p, 0xa100000, freed);
	CHECK_EQ(mp_linmap_loaded(&p, freed, nf, out, mp_linmap_loaded_room(&p, nf), &n), 0);
	CHECK_EQ(n, 2);
	CHECK(map_is(&out[0], 0x40000000, 0xafffffff, MP_MAP_PTE));
	CHECK(map_is(&out[1], 0xba100000, 0xbfffffff, MP_MAP_PTE));

	TEST("loaded: a region inside one range splits it in two");
	plan_256m(&p);
	p.linmap.ranges = (struct mp_map_range[]){ { 0x40000000, 0xbfffffff, MP_MAP_PMD } };
	p.linmap.nr_ranges = 1;
	p.crash.low_base = 0x80000000;
	CHECK_EQ(mp_linmap_loaded(&p, NULL, 0, out, mp_linmap_loaded_room(&p, 0), &n), 0);
	CHECK_EQ(n, 2);
	CHECK(map_is(&out[0], 0x40000000, 0x7fffffff, MP_MAP_PMD));
	CHECK(map_is(&out[1], 0x90000000, 0xbfffffff, MP_MAP_PMD));

	TEST("loaded: too little room, too many freed ranges");
	CHECK_EQ(mp_linmap_loaded(&p, NULL, 0, out, 1, &n), -MP_ERR_NOSPACE);
	CHECK_EQ(mp_linmap_loaded(&p, freed, MP_CRASH_SHRINK_MAX + 1, out, 16, &n),
		 -MP_ERR_BADARG);
}

int main(void)
{
	test_shrink_one();
	test_shrink_high_low();
	test_after_shrink();
	test_loaded();
	return DONE();
}
