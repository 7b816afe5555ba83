// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_crash_shrink.c - the crash regions after boot, on plans written out by
 * hand: mp_crash_shrink() (crash_shrink_memory(): one region, a high+low pair,
 * nothing to shrink), mp_linmap_after_shrink() (memplan-6.12 re-maps what a region
 * keeps on its own) and mp_linmap_loaded() (the linear map once kexec -p has loaded
 * a capture kernel: protected regions cut out, freed memory with pages, runs merged).
 */
#include "crash_fixture.h"
#include "memplan.h"
#include "memplan_kexec.h"
#include "tap.h"

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

/* one kexec_crash_size write on plan_256m() or plan_high_low(), and what it leaves */
struct shrink_case {
	const char *name;
	bool high_low;
	mp_u64 new_size;
	size_t nr_freed;
	struct mp_range freed[MP_CRASH_SHRINK_MAX];
	bool low_present, high_present;
	mp_u64 low_size, high_size;
};

static const struct shrink_case shrink_cases[] = {
	{ "one region: rounded up to a page, the end given back", false, 0xa100001,
	  1, { { 0xba101000, 0x5eff000 } }, true, false, 0xa101000, 0 },
	{ "one region, to the size it has: nothing happens", false, 0x10000000,
	  0, { { 0 } }, true, false, 0x10000000, 0 },
	{ "one region, to more than it has: nothing happens", false, 0x20000000,
	  0, { { 0 } }, true, false, 0x10000000, 0 },
	{ "one region, to 0: all given back, the region gone", false, 0,
	  1, { { 0xb0000000, 0x10000000 } }, false, false, 0, 0 },
	{ "high+low, more than the low region kept: crashk_res (high) shrinks", true, 0x10000000,
	  1, { { 0x1e8000000, 0x18000000 } }, true, true, 0x8000000, 0x8000000 },
	{ "high+low, less than the low region kept: high gone, then low shrinks", true, 0x4000000,
	  2, { { 0x1e0000000, 0x20000000 }, { 0xbc000000, 0x4000000 } },
	  true, false, 0x4000000, 0 },
	{ "high+low, exactly the low region kept: the high region goes", true, 0x8000000,
	  1, { { 0x1e0000000, 0x20000000 } }, true, false, 0x8000000, 0 },
};

static void test_shrink(void)
{
	struct mp_range freed[MP_CRASH_SHRINK_MAX];
	struct mp_plan p;
	size_t i, k, n;

	for (i = 0; i < sizeof(shrink_cases) / sizeof(shrink_cases[0]); i++) {
		const struct shrink_case *c = &shrink_cases[i];

		TEST(c->name);
		if (c->high_low)
			plan_high_low(&p);
		else
			plan_256m(&p);
		n = mp_crash_shrink(&p, c->new_size, freed);
		CHECK_EQ(n, c->nr_freed);
		for (k = 0; k < n && k < c->nr_freed; k++)
			CHECK(range_is(&freed[k], c->freed[k].base, c->freed[k].size));
		CHECK_EQ(p.crash.low_present, c->low_present);
		CHECK_EQ(p.crash.high_present, c->high_present);
		CHECK_EQ(p.crash.low_size, c->low_size);
		CHECK_EQ(p.crash.high_size, c->high_size);
		CHECK_EQ(p.crash.low_base, c->high_low ? 0xb8000000 : 0xb0000000);
	}

	TEST("no crash kernel reserved: nothing to shrink");
	plan_256m(&p);
	p.crash.status = MP_CRASH_FAILED;
	CHECK_EQ(mp_crash_shrink(&p, 0x1000000, freed), 0);
	CHECK_EQ(p.crash.low_size, 0x10000000);
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
	test_shrink();
	test_after_shrink();
	test_loaded();
	return DONE();
}
