// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_examples.c - the worked examples of docs/kernel-model.md §13
 * (reproduced there against the real mm/memblock.c), planned end to end
 * from DTBs built here with libfdt's sequential-write API.
 */
#include "plan_fixture.h"
#include "tap.h"

static void be_cells(fdt32_t *c, int n, mp_u64 a, mp_u64 b, mp_u64 x, mp_u64 y)
{
	mp_u64 v[4] = { a, b, x, y };

	for (int i = 0; i < n; i++) {
		c[2 * i] = cpu_to_fdt32((uint32_t)(v[i] >> 32));
		c[2 * i + 1] = cpu_to_fdt32((uint32_t)v[i]);
	}
}


static void prop1(const char *name, mp_u64 a)
{
	fdt32_t c[2];

	be_cells(c, 1, a, 0, 0, 0);
	fdt_property(dtb, name, c, sizeof(c));
}

static void begin(mp_u64 mem_base, mp_u64 mem_size, const char *bootargs)
{
	begin_dt(0, 0, mem_base, mem_size, bootargs);
}

static void rmem_begin(void)
{
	fdt_begin_node(dtb, "reserved-memory");
	fdt_property_u32(dtb, "#address-cells", 2);
	fdt_property_u32(dtb, "#size-cells", 2);
	fdt_property(dtb, "ranges", NULL, 0);
}

static void finish(void)
{
	fdt_end_node(dtb);
	fdt_finish(dtb);
}


static const struct mp_rmem *rmem(const struct mp_plan *p, const char *name)
{
	for (size_t i = 0; p && i < p->nr_rmem; i++)
		if (!strcmp(p->rmem[i].name, name))
			return &p->rmem[i];
	static const struct mp_rmem none;
	return &none;
}

static void example_a(enum mp_profile prof)
{
	struct mp_plan *p;

	begin(0x40000000, 0x100000000ULL, "crashkernel=256M");
	rmem_begin();
	fdt_begin_node(dtb, "tz@7e000000");
	prop2("reg", 0x7e000000, 0x2000000);
	fdt_property(dtb, "no-map", NULL, 0);
	fdt_end_node(dtb);
	fdt_begin_node(dtb, "linux,cma");
	fdt_property_string(dtb, "compatible", "shared-dma-pool");
	fdt_property(dtb, "reusable", NULL, 0);
	prop1("size", 0x4000000);
	fdt_property(dtb, "linux,cma-default", NULL, 0);
	fdt_end_node(dtb);
	fdt_begin_node(dtb, "vpu");
	prop1("size", 0x800000);
	prop2("alloc-ranges", 0x40000000, 0x40000000);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	finish();
	p = plan_at(prof, 0x40200000, 0x48000000);
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_EQ(rmem(p, "linux,cma")->base, 0x13c000000ULL);
	CHECK_EQ(rmem(p, "vpu")->base, 0x7d800000);
	CHECK(p->cma.present && p->cma.source == MP_CMA_DT);
	CHECK_EQ(p->zones[MP_ZONE_DMA].end, 0xffffffff);
	CHECK(p->zones[MP_ZONE_DMA32].empty);
	CHECK_EQ(p->zones[MP_ZONE_NORMAL].start, 0x100000000ULL);
	CHECK_EQ(p->crash.low_base, 0xf0000000);
	CHECK(logged(p, "crashkernel reserved: 0x00000000f0000000 - 0x0000000100000000 (256 MB)"));
	CHECK(logged(p, "  DMA      [mem 0x0000000040000000-0x00000000ffffffff]"));
	CHECK(logged(p, "  DMA32    empty"));
	CHECK(p->crash.deferred);
	CHECK(p->linmap.forced_pte);
}

static void example_b(void)
{
	struct mp_plan *p;

	TEST("§13.3 example B: default CMA just below 4 GiB, crash below it (6.12)");
	begin(0x40000000, 0x100000000ULL, "crashkernel=256M");
	finish();
	p = plan_at(MP_LINUX_6_12, 0x40200000, 0x48000000);
	CHECK(p && p->cma.base == 0xfe000000);
	CHECK(logged(p, "cma: Reserved 32 MiB at 0x00000000fe000000 on node -1"));
	CHECK(p && p->crash.low_base == 0xee000000);

	TEST("§13.3 example B: ,high gets the default 128 MiB low region on 6.12 only");
	begin(0x40000000, 0x100000000ULL, "crashkernel=256M,high");
	finish();
	p = plan_at(MP_LINUX_6_12, 0x40200000, 0x48000000);
	CHECK(p && p->crash.high_present && p->crash.high_base >= 0x100000000ULL);
	CHECK(p && p->crash.low_present && p->crash.low_base == 0xf6000000);
	p = plan_at(MP_LINUX_6_1, 0x40200000, 0x48000000);
	CHECK(p && p->crash.high_present && !p->crash.low_present);
}

static void example_c(void)
{
	static const mp_u64 sizes[3] = { 0x1000000, 0x1000000, 0x800000 };
	struct mp_plan *p;

	begin(0x40000000, 0x100000000ULL, "");
	rmem_begin();
	for (int i = 0; i < 3; i++) {
		char name[8] = "D0";

		name[1] = (char)('0' + i);
		fdt_begin_node(dtb, name);
		prop1("size", sizes[i]);
		fdt_end_node(dtb);
	}
	fdt_end_node(dtb);
	finish();
	TEST("§13.4 example C: 6.12 allocates dynamic regions in DT order");
	p = plan_at(MP_LINUX_6_12, 0x40200000, 0x48000000);
	CHECK_EQ(rmem(p, "D0")->base, 0x13f000000ULL);
	CHECK_EQ(rmem(p, "D1")->base, 0x13e000000ULL);
	CHECK_EQ(rmem(p, "D2")->base, 0x13d800000ULL);
	TEST("§13.4 example C: 6.1 allocates in heapsort order D1, D2, D0");
	p = plan_at(MP_LINUX_6_1, 0x40200000, 0x48000000);
	CHECK_EQ(rmem(p, "D1")->base, 0x13f000000ULL);
	CHECK_EQ(rmem(p, "D2")->base, 0x13e800000ULL);
	CHECK_EQ(rmem(p, "D0")->base, 0x13d800000ULL);
}

static void example_d(void)
{
	struct mp_plan *p;
	fdt32_t r[6];

	begin(0, 0x200000000ULL, "crashkernel=512M");
	fdt_begin_node(dtb, "soc");
	fdt_property_u32(dtb, "#address-cells", 2);
	fdt_property_u32(dtb, "#size-cells", 2);
	fdt_property(dtb, "ranges", NULL, 0);
	be_cells(r, 3, 0, 0, 0xc0000000, 0);
	fdt_property(dtb, "dma-ranges", r, sizeof(r));
	fdt_end_node(dtb);
	finish();
	TEST("§13.5 example D: 3 GiB dma-ranges: 6.1 rounds ZONE_DMA up to 4 GiB");
	p = plan_at(MP_LINUX_6_1, 0x200000, 0x8000000);
	CHECK_EQ(p ? p->dma_phys_limit : 0, 0x100000000ULL);
	CHECK_EQ(p ? p->cma.base : 0, 0xfc000000);
	CHECK_EQ(p ? p->crash.low_base : 0, 0xdc000000);
	TEST("§13.5 example D: 6.12 uses the exact 3 GiB limit");
	p = plan_at(MP_LINUX_6_12, 0x200000, 0x8000000);
	CHECK_EQ(p ? p->dma_phys_limit : 0, 0xc0000000ULL);
	CHECK_EQ(p ? p->cma.base : 0, 0xbe000000);
	CHECK_EQ(p ? p->crash.low_base : 0, 0x9e000000);
}

static void crash_parse_cases(void)
{
	static const struct {
		const char *cmdline;
		bool reserved61, reserved612;
		const char *log;
	} cases[] = {
		{ "crashkernel=auto", false, false, "crashkernel: memory value expected" },
		{ "crashkernel=256M,foo", false, false, "crashkernel: unrecognized char: ," },
		{ "crashkernel=128M,low", false, false, NULL },
		{ "crashkernel=0", false, false, NULL },
		{ "crashkernel=64M,cma", false, false, "crashkernel: unrecognized char: ," },
		{ "crashkernel=1G-2G:128M,2G-:256M", true, true, NULL },
		{ "crashkernel=2G-1G:128M", false, false, "crashkernel: end <= start" },
		{ "xcrashkernel=256M", true, true, NULL },
		{ "crashkernel=256M crashkernel=512M,high", true, true, NULL },
		{ "crashkernel=8G", false, false, NULL },
	};

	for (size_t i = 0; i < MP_ARRAY_SIZE(cases); i++) {
		struct mp_plan *p;

		TEST(cases[i].cmdline);
		begin(0x40000000, 0x100000000ULL, cases[i].cmdline);
		finish();
		p = plan_at(MP_LINUX_6_1, 0x40200000, 0x48000000);
		CHECK(p && (p->crash.status == MP_CRASH_RESERVED) == cases[i].reserved61);
		if (cases[i].log)
			CHECK(logged(p, cases[i].log));
		p = plan_at(MP_LINUX_6_12, 0x40200000, 0x48000000);
		CHECK(p && (p->crash.status == MP_CRASH_RESERVED) == cases[i].reserved612);
	}
	TEST("range list matches the RAM size rounded up to 128 MiB: 4 GiB -> 256M");
	begin(0x40000000, 0x100000000ULL, "crashkernel=1G-4G:128M,4G-:256M");
	finish();
	CHECK_EQ(plan_at(MP_LINUX_6_12, 0x40200000, 0x48000000)->crash.size, 0x10000000);
}

int main(void)
{
	TEST("§13.2 example A on 6.12");
	example_a(MP_LINUX_6_12);
	TEST("§13.2 example A on 6.1 (same addresses)");
	example_a(MP_LINUX_6_1);
	example_b();
	example_c();
	example_d();
	crash_parse_cases();
	return DONE();
}
