// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_early_alloc.c - the early allocations sized as the kernel sizes
 * them: the struct layouts (kstruct.c), the unflattened DT and /aliases
 * entries (unflatten.c), NUMA and sparsemem (sparse.c), and the memblock calls
 * a plan records for `memplan verify` (memblock.c's trace).  Expected values
 * are worked out by hand from the kernel code named in each test; the sizes
 * of the real Debian kernels are those their BTF states (helper-measured,
 * tests/unit/data/btf-*.btf).
 */
#include <libfdt.h>

#include "early_alloc.h"
#include "plan_fixture.h"
#include "tap.h"

/* / { a { b@1 { x; }; }; c@2,3 { name = "n"; status = "disabled"; }; }; */
static void small_tree(void)
{
	fdt_create(dtb, sizeof(dtb));
	fdt_finish_reservemap(dtb);
	fdt_begin_node(dtb, "");
	fdt_begin_node(dtb, "a");
	fdt_begin_node(dtb, "b@1");
	fdt_property(dtb, "x", NULL, 0);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_begin_node(dtb, "c@2,3");
	fdt_property_string(dtb, "name", "n");
	fdt_property_string(dtb, "status", "disabled");
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_finish(dtb);
}

static void unflatten_size(void)
{
	bool numa;

	/*
	 * node sizes 208 + name + NUL, 8-aligned; property 104; a made-up name
	 * property is 104 + the name up to '@' + NUL:
	 *   /      208 + 1 = 209 -> 216, made-up name ""   104 + 1 = 105 -> 321 -> 328
	 *   a      208 + 2 = 538 -> 544, made-up "a"       104 + 2 -> 650 -> 656
	 *   b@1    208 + 4 -> 868 -> 872, x 104 -> 976, made-up "b" 106 -> 1082 -> 1088
	 *   c@2,3  208 + 6 -> 1302 -> 1304, name 104 -> 1408, status 104 -> 1512
	 * total 1512, rounded to 4, + 4 = 1516
	 */
	TEST("unflatten: per node and property, made-up names, alignment, end marker");
	small_tree();
	CHECK_EQ(mp_unflatten_size(dtb, 208, 104, true, &numa), 1516);
	CHECK(!numa);
	/*
	 * without OF_KOBJ (device_node 144, property 32) the disabled c@2,3 is
	 * left out: / 145 -> 152 + 33 = 185; a -> 192 + 146 = 338 -> 344 + 34 =
	 * 378; b@1 -> 384 + 148 = 532 -> 536 + 32 = 568 + 34 = 602; 604 + 4
	 */
	TEST("unflatten: without OF_KOBJ an unavailable node is not unflattened");
	CHECK_EQ(mp_unflatten_size(dtb, 144, 32, false, &numa), 608);
}

static mp_u64 alias_sizes[8];
static size_t nr_alias;

static void alias_cb(void *ctx, mp_u64 size)
{
	(void)ctx;
	if (nr_alias < 8)
		alias_sizes[nr_alias++] = size;
}

static void aliases(void)
{
	fdt_create(dtb, sizeof(dtb));
	fdt_finish_reservemap(dtb);
	fdt_begin_node(dtb, "");
	fdt_begin_node(dtb, "aliases");
	fdt_property_string(dtb, "serial0", "/soc/serial@1000");	/* stem "serial": 40+6+1 */
	fdt_property_string(dtb, "i2c12", "/soc/i2c@2000:opt");	/* ':' ends the path */
	fdt_property_string(dtb, "ethernet", "/soc/serial@1000");	/* no number: none */
	fdt_property_string(dtb, "mmc0", "/soc/nowhere");		/* no such node: none */
	fdt_property_string(dtb, "spi0", "serial0");			/* not a path: none */
	fdt_property_string(dtb, "gpio99999999999", "/soc");		/* id overflows int */
	fdt_end_node(dtb);
	fdt_begin_node(dtb, "soc");
	fdt_begin_node(dtb, "serial@1000");
	fdt_end_node(dtb);
	fdt_begin_node(dtb, "i2c@2000");
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_finish(dtb);
	nr_alias = 0;
	mp_alias_allocs(dtb, true, alias_cb, NULL);
	TEST("of_alias_scan: one alias_prop + stem + NUL per numbered alias of a node path");
	CHECK_EQ(nr_alias, 2);
	CHECK_EQ(alias_sizes[0], 40 + 6 + 1);
	CHECK_EQ(alias_sizes[1], 40 + 3 + 1);
}

/* a plan of QEMU-like 2 GiB with NUMA, for the sizes and calls it records */
static struct mp_plan *plan_2g(enum mp_profile prof, void (*tweak)(struct mp_input *))
{
	begin_dt(0, 0, 0x40000000, 0x80000000, "crashkernel=256M");
	fdt_end_node(dtb);
	fdt_finish(dtb);
	plan_tweak = tweak;
	return plan_at(prof, 0x40200000, 0x48000000);
}

static void btf_given(struct mp_input *in)
{
	in->btf_sizes[MP_KS_PGLIST_DATA] = 11392;	/* Debian 6.1's BTF */
	in->btf_sizes[MP_KS_PROPERTY] = 96;
}

static void kstructs(void)
{
	struct mp_plan *p = plan_2g(MP_LINUX_6_12, NULL);

	TEST("kstruct 6.12 defaults: device_node 208, property 104 by layout, pg_data_t typical");
	CHECK_EQ(p->ksizes[MP_KS_DEVICE_NODE].bytes, 208);
	CHECK_EQ(p->ksizes[MP_KS_DEVICE_NODE].src, MP_KSIZE_RULE);
	CHECK_EQ(p->ksizes[MP_KS_PROPERTY].bytes, 104);
	CHECK_EQ(p->ksizes[MP_KS_MEM_SECTION_USAGE].bytes, 24);
	CHECK_EQ(p->ksizes[MP_KS_PGLIST_DATA].src, MP_KSIZE_ESTIMATED);
	p = plan_2g(MP_LINUX_6_1, NULL);
	TEST("kstruct 6.1: struct bin_attribute without llseek: property 96");
	CHECK_EQ(p->ksizes[MP_KS_PROPERTY].bytes, 96);
	p = plan_2g(MP_LINUX_6_1, btf_given);
	TEST("kstruct: BTF sizes win; pg_data_t rounded up to SMP_CACHE_BYTES");
	CHECK_EQ(p->ksizes[MP_KS_PGLIST_DATA].src, MP_KSIZE_BTF);
	CHECK_EQ(p->ksizes[MP_KS_PGLIST_DATA].bytes, 0x2c80);
	CHECK_EQ(p->ksizes[MP_KS_PROPERTY].src, MP_KSIZE_BTF);
	p = plan_2g(MP_MAINLINE, NULL);
	TEST("kstruct mainline: no layout written down, so typical and estimated");
	CHECK_EQ(p->ksizes[MP_KS_DEVICE_NODE].src, MP_KSIZE_ESTIMATED);
	plan_tweak = NULL;
}

/* the index of the first traced call at @base, or -1 */
static long call_at(const struct mp_plan *p, mp_u64 base, bool free)
{
	size_t i;

	for (i = 0; i < p->nr_mb_events; i++)
		if (p->mb_events[i].base == base && p->mb_events[i].free == free)
			return (long)i;
	return -1;
}

static void numa_61(void)
{
	struct mp_plan *p = plan_2g(MP_LINUX_6_1, btf_given);
	const struct mp_alloc *nd = NULL;
	long first, freed, again;
	size_t i;

	/*
	 * numa_init() allocates MAX_NUMNODES² = 256 bytes, page aligned, frees it
	 * when of_numa_init() finds nothing, allocates it again for the dummy
	 * node: the same page twice, then NODE_DATA right below it
	 */
	for (i = 0; i < p->nr_allocs; i++)
		if (!strcmp(p->allocs[i].what, "NODE_DATA(0)"))
			nd = &p->allocs[i];
	TEST("6.1 numa_init: distance table, freed, again; NODE_DATA below it");
	CHECK(nd != NULL);
	if (!nd)
		return;
	CHECK_EQ(nd->size, 0x2c80);
	first = call_at(p, nd->base + nd->size, false);
	freed = call_at(p, nd->base + nd->size, true);
	CHECK(first >= 0 && freed == first + 1);
	again = first >= 0 ? (long)(first + 2) : -1;
	CHECK(again > 0 && (size_t)again < p->nr_mb_events &&
	      p->mb_events[again].base == nd->base + nd->size && p->mb_events[again].size == 256);
	plan_tweak = NULL;
}

static void trace(void)
{
	struct mp_plan *p = plan_2g(MP_LINUX_6_12, NULL);
	size_t i, runs = 0;

	/* the DTB is reserved before parse_early_param(): never logged, never traced */
	TEST("trace: starts at arm64_memblock_init(), page-table runs are one event each");
	CHECK(call_at(p, 0x48000000, false) < 0);
	CHECK(p->nr_mb_events > 0 && p->mb_events[0].base == 0x40200000);
	for (i = 0; i < p->nr_mb_events; i++)
		runs += p->mb_events[i].count > 1;
	CHECK(runs >= 1);
	plan_tweak = NULL;
}

static void pages_64k(struct mp_input *in)
{
	in->kc.page_shift = 16;
}

/*
 * 6.12, 64K pages: a 16 KiB dynamic no-map region at the top of RAM (as
 * sdm845's mpss-metadata lands under memplan-6.12 on QEMU, where the kernel
 * oopsed in fdt_scan_reserved_mem_reg_nodes()): map_mem() leaves the rest of
 * its 64K page unmapped, and the reserved_mem[] array lands there
 */
static void unmapped_alloc(void)
{
	struct mp_plan *p;

	begin_dt(0, 0, 0x40000000, 0x80000000, "");
	begin_rmem_node();
	fdt_begin_node(dtb, "meta");
	{
		fdt32_t size[2] = { 0, cpu_to_fdt32(0x4000) };

		fdt_property(dtb, "size", size, sizeof(size));
	}
	fdt_property(dtb, "no-map", NULL, 0);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_finish(dtb);
	plan_tweak = pages_64k;
	p = plan_at(MP_LINUX_6_12, 0x40200000, 0x48000000);
	TEST("64K pages, a 16 KiB no-map region: an allocation in its unmapped page");
	CHECK(*diag(p, "alloc-unmapped"));
	plan_tweak = NULL;
	p = plan_at(MP_LINUX_6_12, 0x40200000, 0x48000000);
	TEST("4K pages: the same region fills its pages, nothing unmapped");
	CHECK(p && !*diag(p, "alloc-unmapped"));
}

/* the bytes of the plan's allocations labelled @what */
static mp_u64 bytes_of(const struct mp_plan *p, const char *what)
{
	mp_u64 n = 0;
	size_t i;

	for (i = 0; p && i < p->nr_allocs; i++)
		if (!strcmp(p->allocs[i].what, what))
			n += p->allocs[i].size;
	return n;
}

/*
 * 6.12, 4K, 48 bits: VMEMMAP_START = -1 GiB - 2^47 / 4096 * 64 = -(2 TiB + 1 GiB),
 * memstart 0x40000000 (1 GiB aligned), so the memmap starts there.  2 GiB of RAM:
 * 32 MiB of memmap: one PUD table (512 GiB region) and one PMD table (1 GiB).
 * 128 GiB: 2 GiB of memmap from -(2 TiB + 1 GiB): two 512 GiB regions (the
 * memmap crosses -2 TiB) and two 1 GiB regions: 4 tables
 */
static void vmemmap(void)
{
	struct mp_plan *p = plan_2g(MP_LINUX_6_12, NULL);

	TEST("vmemmap tables: 2 GiB, one PUD and one PMD table");
	CHECK_EQ(bytes_of(p, "vmemmap page tables"), 2 * 0x1000);
	begin_dt(0, 0, 0x40000000, 0x2000000000ULL, "");
	fdt_end_node(dtb);
	fdt_finish(dtb);
	p = plan_at(MP_LINUX_6_12, 0x40200000, 0x48000000);
	TEST("vmemmap tables: 128 GiB, the memmap crosses a 512 GiB boundary");
	CHECK_EQ(bytes_of(p, "vmemmap page tables"), 4 * 0x1000);
	plan_tweak = NULL;
}

static mp_u64 phys_offset;
static bool no_kaslr;

static void with_phys_offset(struct mp_input *in)
{
	in->phys_offset = phys_offset;
	in->phys_offset_given = true;
	if (no_kaslr)
		in->kc.randomize_base = false;
}

/*
 * KASLR lowers memstart_addr by k GiB (arm64_memblock_init()), so the memmap
 * of 2 GiB at 1 GiB starts k * 16 MiB above VMEMMAP_START = -(2 TiB + 1 GiB).
 * k = 98368 (0x18040): 1.5 TiB + 1 GiB higher, at -512 GiB, the region whose
 * PUD table the fixmap already has: only a PMD table.  k = 127: from 1008 MiB
 * to 1040 MiB past -2 TiB, across a 1 GiB boundary: a PUD and two PMD tables
 * (k = 63 would also cross -2 TiB, a 512 GiB boundary: four).
 */
static void vmemmap_kaslr(void)
{
	struct mp_plan *p;

	phys_offset = 0x40000000ULL - 98368ULL * 0x40000000ULL;
	p = plan_2g(MP_LINUX_6_12, with_phys_offset);
	TEST("vmemmap tables with KASLR: the memmap in the fixmap's 512 GiB, one PMD table");
	CHECK(p && p->linear_offset == 98368ULL << 30 && p->memstart_addr == phys_offset);
	CHECK_EQ(bytes_of(p, "vmemmap page tables"), 1 * 0x1000);
	CHECK(p && p->inputs.phys_offset == MP_SRC_GIVEN && !*diag(p, "kaslr-tables"));
	phys_offset = 0x40000000ULL - 127ULL * 0x40000000ULL;
	p = plan_2g(MP_LINUX_6_12, with_phys_offset);
	TEST("vmemmap tables with KASLR: the memmap across a 1 GiB boundary, three tables");
	CHECK_EQ(bytes_of(p, "vmemmap page tables"), 3 * 0x1000);
	phys_offset = 0x40000000ULL - 0x1000000ULL;
	p = plan_2g(MP_LINUX_6_12, with_phys_offset);
	TEST("--phys-offset not memstart_addr less whole GiB: an error");
	CHECK(!p);
	phys_offset = 0x40000000ULL - 0x40000000ULL;
	no_kaslr = true;
	p = plan_2g(MP_LINUX_6_12, with_phys_offset);
	TEST("--phys-offset without RANDOMIZE_BASE: only memstart_addr itself");
	CHECK(!p);
	phys_offset = 0x40000000ULL;
	p = plan_2g(MP_LINUX_6_12, with_phys_offset);
	CHECK(p && p->linear_offset == 0 && p->inputs.phys_offset == MP_SRC_GIVEN);
	no_kaslr = false;
	p = plan_2g(MP_LINUX_6_12, NULL);
	TEST("no --phys-offset: no shift, assumed");
	CHECK(p && p->inputs.phys_offset == MP_SRC_ASSUMED && p->memstart_addr == 0x40000000);
	plan_tweak = NULL;
}

int main(void)
{
	vmemmap();
	vmemmap_kaslr();
	unmapped_alloc();
	unflatten_size();
	aliases();
	kstructs();
	numa_61();
	trace();
	return DONE();
}
