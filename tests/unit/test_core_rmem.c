// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_rmem.c - dynamically placed /reserved-memory regions past the 64th:
 * 6.12.117 skips them (docs/kernel-model.md §7.4), memplan-6.12 (kernel patch
 * 0005) allocates them all and keeps their records in whole pages taken
 * bottom-up until unflatten_device_tree().  QEMU-virt-like layout: 4 GiB of
 * RAM at 1 GiB, the Image at 0x40200000 (32 MiB), the DTB at 0x48000000.
 */
#include "plan_fixture.h"
#include "tap.h"

/* @n dynamic 1 MiB regions D00.., optionally one /memreserve/ entry */
static void build(int n, mp_u64 rsv_base, mp_u64 rsv_size, const char *bootargs)
{
	begin_dt(rsv_base, rsv_size, 0x40000000, 0x100000000ULL, bootargs);
	fdt_begin_node(dtb, "reserved-memory");
	fdt_property_u32(dtb, "#address-cells", 2);
	fdt_property_u32(dtb, "#size-cells", 2);
	fdt_property(dtb, "ranges", NULL, 0);
	for (int i = 0; i < n; i++) {
		char name[16];
		fdt32_t size[2] = { 0, cpu_to_fdt32(0x100000) };

		snprintf(name, sizeof(name), "D%02d", i);
		fdt_begin_node(dtb, name);
		fdt_property(dtb, "size", size, sizeof(size));
		fdt_end_node(dtb);
	}
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_finish(dtb);
}

static struct mp_plan *plan(enum mp_profile prof)
{
	return plan_at(prof, 0x40200000, 0x48000000);
}

static const struct mp_rmem *rmem(const struct mp_plan *p, const char *name)
{
	static const struct mp_rmem none;

	for (size_t i = 0; p && i < p->nr_rmem; i++)
		if (p->rmem[i].name && !strcmp(p->rmem[i].name, name))
			return &p->rmem[i];
	return &none;
}

static bool reserved(const struct mp_plan *p, mp_u64 base, mp_u64 size)
{
	for (size_t i = 0; p && i < p->nr_mb_reserved; i++)
		if (p->mb_reserved[i].base <= base &&
		    base + size <= p->mb_reserved[i].base + p->mb_reserved[i].size)
			return true;
	return false;
}

static void seventy_dynamic(void)
{
	struct mp_plan *p;

	build(70, 0, 0, "");
	TEST("6.12.117: dynamic nodes past the 64th are skipped, never allocated");
	p = plan(MP_LINUX_6_12);
	CHECK(p != NULL);
	CHECK_EQ(rmem(p, "D63")->base, 0x13c000000ULL);
	CHECK(rmem(p, "D63")->status == MP_RMEM_RESERVED);
	CHECK(rmem(p, "D64")->status == MP_RMEM_DROPPED);
	CHECK(logged(p, "OF: reserved mem: too many defined dynamic regions, skip 'D64'") == 1);
	CHECK(logged(p, "OF: reserved mem: too many defined dynamic regions, skip 'D69'") == 1);

	TEST("memplan-6.12: all 70 dynamic nodes are allocated top-down in DT order");
	p = plan(MP_MEMPLAN_6_12);
	CHECK(p != NULL);
	/* Dk = 0x140000000 - (k + 1) MiB: the early records are at the bottom */
	CHECK_EQ(rmem(p, "D00")->base, 0x13ff00000ULL);
	CHECK_EQ(rmem(p, "D63")->base, 0x13c000000ULL);
	CHECK_EQ(rmem(p, "D64")->base, 0x13bf00000ULL);
	CHECK_EQ(rmem(p, "D69")->base, 0x13ba00000ULL);
	CHECK(rmem(p, "D69")->status == MP_RMEM_RESERVED);
	CHECK(logged(p, "OF: reserved mem: 0x000000013ba00000..0x000000013bafffff (1024 KiB) "
		      "map non-reusable D69") == 1);
	CHECK(logged(p, "OF: reserved mem: too many defined dynamic regions, skip 'D64'") == 0);
	CHECK(logged(p, "OF: reserved mem: not enough space for all defined regions.") == 0);

	TEST("memplan-6.12: 70 records (3360 bytes) take the lowest free page, bottom-up");
	/* [0x40000000, 0x40200000) is free below the Image; memblock skips page 0 only */
	CHECK(strstr(diag(p, "rmem-early-records"),
		     "the records of the 70 dynamic regions occupy [0x40000000, 0x40001000)"));
	TEST("memplan-6.12: the early records are given back at unflatten time");
	CHECK(!reserved(p, 0x40000000, 0x1000));
}

static void records_and_memreserve(void)
{
	struct mp_plan *p;

	TEST("memplan-6.12: the early records never overlap a /memreserve/ entry");
	build(65, 0x40000800, 0x2000, "");
	p = plan(MP_MEMPLAN_6_12);
	/* the candidate 0x40000000 overlaps [0x40000800, 0x40002800): resume above it */
	CHECK(strstr(diag(p, "rmem-early-records"),
		     "the records of the 65 dynamic regions occupy [0x40003000, 0x40004000)"));
	CHECK(reserved(p, 0x40000800, 0x2000));
	CHECK(!reserved(p, 0x40003000, 0x1000));

	TEST("memplan-6.12: no records without dynamic nodes");
	build(0, 0, 0, "");
	p = plan(MP_MEMPLAN_6_12);
	CHECK(p && !*diag(p, "rmem-early-records"));

	TEST("memplan-6.12: crashkernel=2M@0x40000000 fails on the early records");
	build(65, 0, 0, "crashkernel=2M@0x40000000");
	p = plan(MP_MEMPLAN_6_12);
	CHECK(p && p->crash.status == MP_CRASH_FAILED);
	CHECK(logged(p, "crashkernel reservation failed - memory is in use.") == 1);
	TEST("linux-6.12: crashkernel=2M@0x40000000 succeeds (reserved in bootmem_init())");
	p = plan(MP_LINUX_6_12);
	CHECK(p && p->crash.status == MP_CRASH_RESERVED && p->crash.low_base == 0x40000000);
}

/* a static reusable shared-dma-pool of 4 MiB at @base; RAM: 1 GiB at 1 GiB */
static void cma_pool_at(mp_u64 base)
{
	begin_dt(0, 0, 0x40000000, 0x40000000, "");
	begin_rmem_node();
	fdt_begin_node(dtb, "pool");
	fdt_property_string(dtb, "compatible", "shared-dma-pool");
	prop2("reg", base, 0x400000);
	fdt_property(dtb, "reusable", NULL, 0);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_finish(dtb);
}

/*
 * cma_activate_area() reads struct page of every pfn: a pool in a 128 MiB
 * section without memory has none (the kdump kernel's oops, 6.12)
 */
static void cma_outside_memory(void)
{
	struct mp_plan *p;

	TEST("a CMA pool in a section without memory: the kernel oopses at boot");
	cma_pool_at(0x90000000);
	p = plan(MP_LINUX_6_12);
	CHECK(p && strstr(diag(p, "rmem-cma-outside-memory"), "[0x90000000, 0x98000000)"));
	TEST("a CMA pool inside memory: no finding");
	cma_pool_at(0x60000000);
	p = plan(MP_LINUX_6_12);
	CHECK(p && !*diag(p, "rmem-cma-outside-memory"));
}

int main(void)
{
	cma_outside_memory();
	seventy_dynamic();
	records_and_memreserve();
	return DONE();
}
