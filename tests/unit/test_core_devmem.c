// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * test_core_devmem.c - mp_devmem_place(), the ZONE_DEVICE range choice, over
 * plans of DTBs built here (plan_fixture.h): memstart_addr with each page
 * size (RAM at 0x42000000 gives 0x40000000 with 4K, 16K and 64K pages), the section
 * rounding, the linear-map and PA limits, reg translated through `ranges`
 * (a simple-bus, a PCI host's 3-cell ranges, a bus without ranges), a memory
 * device's range the kernel's pick cannot see, and the arguments refused.
 */
#include "plan_fixture.h"
#include "tap.h"

static struct mp_arena arena;	/* mp_devmem_place()'s answers */
static unsigned int page_shift, va_bits, pa_bits;
static mp_u64 phys_offset;	/* given as --phys-offset when not 0 */
static const struct mp_range *device;	/* --device-memory */
static size_t nr_device;

static void kconfig(struct mp_input *in)
{
	in->kc.page_shift = page_shift;
	in->kc.va_bits = va_bits;
	in->kc.pa_bits = pa_bits;
	in->phys_offset = phys_offset;
	in->phys_offset_given = phys_offset != 0;
}

/*
 * Plan dtb (linux-6.12, the Image at 0x50000000) with @shift pages and
 * @va/@pa bits, then place @size of device memory: 0 or the error.
 */
static int place(unsigned int shift, unsigned int va, unsigned int pa, mp_u64 size,
		 struct mp_devmem *d, struct mp_plan **pp)
{
	static void *buf;
	struct mp_plan *p;

	if (!buf)
		buf = malloc(1 << 20);
	if (!buf)
		abort();
	mp_arena_init(&arena, buf, 1 << 20);
	page_shift = shift;
	va_bits = va;
	pa_bits = pa;
	plan_tweak = kconfig;
	p = plan_at(MP_LINUX_6_12, 0x50000000, 0x4a000000);
	plan_tweak = NULL;
	if (pp)
		*pp = p;
	if (!p)
		return -MP_ERR_INTERNAL;
	return mp_devmem_place(p, dtb, size, device, nr_device, &arena, d);
}

static void ram42(void)
{
	begin_dt(0, 0, 0x42000000, 0x40000000, "console=ttyAMA0");
	fdt_end_node(dtb);
	fdt_finish(dtb);
}

static void test_memstart(void)
{
	static const struct {
		unsigned int shift;
		mp_u64 section;
	} cases[] = { { 12, 128ULL << 20 }, { 14, 128ULL << 20 }, { 16, 512ULL << 20 } };
	struct mp_devmem d;
	size_t i;

	TEST("memstart: RAM at 0x42000000");
	for (i = 0; i < MP_ARRAY_SIZE(cases); i++) {
		struct mp_plan *p = NULL;

		ram42();
		CHECK_EQ(place(cases[i].shift, 47, 48, 1ULL << 30, &d, &p), 0);
		if (!p)
			continue;
		/* ARM64_MEMSTART_ALIGN: 1 GiB (4K, 16K CONT_PMD), 512 MiB (64K) */
		CHECK_EQ(p->memstart, 0x40000000);
		CHECK_EQ(d.section, cases[i].section);
		CHECK_EQ(d.memstart, 0x40000000);
		CHECK_EQ(d.linear_top, 0x40000000 + (1ULL << 46));
		CHECK_EQ(d.pa_top, 1ULL << 48);
		CHECK_EQ(d.top, d.linear_top);
		CHECK(d.found);
		CHECK_EQ(d.cand[d.nr_cand - 1].base,
			 mp_round_down(d.linear_top, cases[i].section) - (1ULL << 30));
		CHECK_EQ(d.ram_top, 0x82000000);
	}
}

/*
 * 6.12's PHYSMEM_END is __pa(PAGE_END - 1): memstart_addr + the linear
 * region.  KASLR lowering memstart_addr by 5 GiB lowers the kernel's pick by
 * as much; not knowing the shift, devmem says it assumed none.
 */
static void test_kaslr(void)
{
	struct mp_devmem d, d0;

	TEST("KASLR: PHYSMEM_END and the kernel's pick follow memstart_addr");
	ram42();
	CHECK_EQ(place(12, 48, 48, 256ULL << 20, &d0, NULL), 0);
	CHECK(d0.kernel_found && d0.kernel_top_assumed);
	phys_offset = 0x40000000ULL - (5ULL << 30);
	ram42();
	CHECK_EQ(place(12, 48, 48, 256ULL << 20, &d, NULL), 0);
	phys_offset = 0;
	CHECK(d.kernel_found && !d.kernel_top_assumed);
	CHECK_EQ(d.kernel_top, d0.kernel_top - (5ULL << 30));
	CHECK_EQ(d.kernel_base, d0.kernel_base - (5ULL << 30));
}

/*
 * A 39-bit VA: PHYSMEM_END = 0x40000000 + 256 GiB.  A virtio-mem region from
 * 0xc0000000 over it is not in iomem when test_hmm asks, so the kernel's pick
 * lands inside it (a collision); memplan's own range goes below it.
 */
static void test_device_memory(void)
{
	static const struct mp_range vmem = { 0xc0000000ULL, 256ULL << 30 };
	struct mp_devmem d, d0;

	TEST("device memory: the kernel's pick collides, memplan's avoids it");
	ram42();
	CHECK_EQ(place(12, 39, 48, 256ULL << 20, &d0, NULL), 0);
	CHECK(d0.kernel_found && !d0.kernel_collides);
	CHECK_EQ(d0.kernel_base, 0x4040000000ULL - (256ULL << 20));
	device = &vmem;
	nr_device = 1;
	ram42();
	CHECK_EQ(place(12, 39, 48, 256ULL << 20, &d, NULL), 0);
	device = NULL;
	nr_device = 0;
	CHECK_EQ(d.counts[MP_DEVMEM_DEVICE], 1);
	CHECK(d.kernel_found && d.kernel_collides);
	CHECK_EQ(d.kernel_base, d0.kernel_base);
	CHECK(d.kernel_collides && d.ob[d.kernel_collision].kind == MP_DEVMEM_DEVICE);
	CHECK(d.found && d.cand[d.nr_cand - 1].base + d.size <= vmem.base);
	CHECK(!mp_streq(mp_devmem_kind_name(MP_DEVMEM_DEVICE), "?"));
}

/*
 * 258 GiB of RAM from 0x40000000 with a 39-bit VA: arm64_memblock_init() cuts
 * memory at memstart + 256 GiB and then, the end of DRAM read again, keeps
 * memstart_addr (it moves up only for a kernel image above the cut).
 */
static void test_memory_beyond_linear(void)
{
	struct mp_plan *p = NULL;
	struct mp_devmem d;

	TEST("memory beyond the linear map: memstart_addr stays");
	begin_dt(0, 0, 0x40000000, 258ULL << 30, "console=ttyAMA0 mem=2G");
	fdt_end_node(dtb);
	fdt_finish(dtb);
	CHECK_EQ(place(12, 39, 48, 256ULL << 20, &d, &p), 0);
	if (!p)
		return;
	CHECK_EQ(p->memstart, 0x40000000);
	/* the DT's memory above mem= is not in iomem: the kernel's pick lands in it */
	CHECK(d.kernel_found && d.kernel_base == 0x4030000000ULL);
	CHECK(d.kernel_collides && d.ob[d.kernel_collision].kind == MP_DEVMEM_RAM);
}

static void test_rounding(void)
{
	struct mp_devmem d;
	struct mp_plan *p = NULL;

	TEST("rounding: 600M in 512 MiB sections");
	ram42();
	CHECK_EQ(place(16, 48, 40, 600ULL << 20, &d, &p), 0);
	CHECK_EQ(d.asked, 600ULL << 20);
	CHECK_EQ(d.size, 1ULL << 30);
	CHECK_EQ(d.top, 1ULL << 40);
	if (!p)
		return;
	CHECK_EQ(mp_devmem_place(p, dtb, 0, NULL, 0, &arena, &d), -MP_ERR_BADARG);
	CHECK_EQ(mp_devmem_place(p, dtb, MP_U64_MAX - 4096, NULL, 0, &arena, &d), -MP_ERR_BADARG);
}

static void cells(const char *name, const fdt32_t *c, size_t n)
{
	fdt_property(dtb, name, c, (int)(n * sizeof(*c)));
}

#define BE(x) cpu_to_fdt32(x)

/* a simple-bus child 0 -> CPU 0x7dc0000000, a PCI host's 64-bit window, an unmapped bus */
static void buses(void)
{
	const fdt32_t soc[] = { BE(0), BE(0x7d), BE(0xc0000000), BE(0x40000000) };
	const fdt32_t dev[] = { BE(0x10000000), BE(0x1000) };
	const fdt32_t pci[] = { BE(0x3000000), BE(0x80), BE(0), BE(0x80), BE(0),
				BE(0x80), BE(0) };
	const fdt32_t chip[] = { BE(0), BE(0x100000) };

	begin_dt(0, 0, 0x40000000, 0x80000000, "console=ttyAMA0");
	fdt_begin_node(dtb, "soc@7dc0000000");
	fdt_property_u32(dtb, "#address-cells", 1);
	fdt_property_u32(dtb, "#size-cells", 1);
	cells("ranges", soc, MP_ARRAY_SIZE(soc));
	fdt_begin_node(dtb, "dev@10000000");
	cells("reg", dev, MP_ARRAY_SIZE(dev));
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_begin_node(dtb, "pcie@10000000");
	fdt_property_string(dtb, "device_type", "pci");
	fdt_property_u32(dtb, "#address-cells", 3);
	fdt_property_u32(dtb, "#size-cells", 2);
	cells("ranges", pci, MP_ARRAY_SIZE(pci));
	fdt_end_node(dtb);
	fdt_begin_node(dtb, "ext-bus");
	fdt_property_u32(dtb, "#address-cells", 1);
	fdt_property_u32(dtb, "#size-cells", 1);
	fdt_begin_node(dtb, "chip@0");
	cells("reg", chip, MP_ARRAY_SIZE(chip));
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_finish(dtb);
}

static const struct mp_devmem_obstacle *find(const struct mp_devmem *d, const char *path,
					     enum mp_devmem_kind k)
{
	for (size_t i = 0; i < d->nr; i++)
		if (d->ob[i].kind == k && !strcmp(d->ob[i].path, path))
			return &d->ob[i];
	return NULL;
}

static void test_translation(void)
{
	const struct mp_devmem_obstacle *o;
	struct mp_devmem d;

	TEST("translation: ranges, PCI, no ranges");
	buses();
	CHECK_EQ(place(12, 48, 40, 1ULL << 30, &d, NULL), 0);
	o = find(&d, "/soc@7dc0000000/dev@10000000", MP_DEVMEM_MMIO);
	CHECK(o != NULL);
	CHECK_EQ(o ? o->base : 0, 0x7dd0000000);
	o = find(&d, "/soc@7dc0000000", MP_DEVMEM_BUS);
	CHECK_EQ(o ? o->base : 0, 0x7dc0000000);
	o = find(&d, "/pcie@10000000", MP_DEVMEM_BUS);
	CHECK_EQ(o ? o->base : 0, 0x8000000000);
	CHECK_EQ(o ? o->size : 0, 0x8000000000);
	CHECK(find(&d, "/ext-bus/chip@0", MP_DEVMEM_MMIO) == NULL);
	CHECK_EQ(d.untranslated, 1);
	CHECK_EQ(d.counts[MP_DEVMEM_BUS], 2);
	CHECK(d.found);
	/* the first section below the PCIe window */
	CHECK_EQ(d.cand[d.nr_cand - 1].base, 0x7fc0000000);
	CHECK(!strcmp(mp_devmem_kind_name(MP_DEVMEM_BUS), "bus window"));
}

int main(void)
{
	test_memstart();
	test_kaslr();
	test_device_memory();
	test_memory_beyond_linear();
	test_rounding();
	test_translation();
	return DONE();
}
