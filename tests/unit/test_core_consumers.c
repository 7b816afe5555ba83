// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_consumers.c - what each device's memory-region phandles get
 * (consumers.c): of_reserved_mem_device_init_by_idx()'s outcomes, the
 * restricted-dma-pool that of_dma_configure() assigns at probe and its line,
 * the 65th dynamic region on stock 6.12 against memplan-6.12, the v8 series'
 * lost ops, a driver that asks for every region (--rmem-caller), and device names as of_device_make_bus_id() makes them.  Expected
 * values are worked out by hand from drivers/of/of_reserved_mem.c,
 * drivers/of/device.c and kernel/dma/coherent.c of 6.12.
 */
#include "memplan_consumers.h"
#include "plan_fixture.h"
#include "tap.h"

static bool ops_lost;
static const char *const callers[] = { "memplan,test-asks" };
static size_t nr_callers;

static void tweak(struct mp_input *in)
{
	in->rmem_ops_lost = ops_lost;
	in->rmem_callers = callers;
	in->nr_rmem_callers = nr_callers;
}

static void region(const char *name, uint32_t phandle, const char *compat, mp_u64 base,
		   bool no_map, bool disabled)
{
	fdt32_t size[2] = { 0, cpu_to_fdt32(0x100000) };

	fdt_begin_node(dtb, name);
	if (compat)
		fdt_property_string(dtb, "compatible", compat);
	if (base)
		prop2("reg", base, 0x100000);
	else
		fdt_property(dtb, "size", size, sizeof(size));
	if (no_map)
		fdt_property(dtb, "no-map", NULL, 0);
	if (disabled)
		fdt_property_string(dtb, "status", "disabled");
	fdt_property_u32(dtb, "phandle", phandle);
	fdt_end_node(dtb);
}

static void device(const char *name, const char *compat, mp_u64 reg, const uint32_t *ph, int n)
{
	fdt32_t cells[8];
	int i;

	fdt_begin_node(dtb, name);
	if (compat)
		fdt_property_string(dtb, "compatible", compat);
	prop2("reg", reg, 0x1000);
	for (i = 0; i < n; i++)
		cells[i] = cpu_to_fdt32(ph[i]);
	fdt_property(dtb, "memory-region", cells, (int)(n * sizeof(cells[0])));
	fdt_end_node(dtb);
}

/*
 * 70 dynamic restricted-dma-pools D00..D69 (phandles 100..169), a static
 * coherent pool with and without no-map (phandles 1, 2), a disabled one (3), a
 * plain no-map carve-out without compatible (4, named by dev@9003000), a second
 * no-map coherent pool (5); dev@9000000 names D69, dev@9001000 D00, dev@9002000
 * the coherent pools, the disabled one and phandle 999 (none); asks@9004000
 * ("memplan,test-asks") both no-map coherent pools, the one without no-map, D00
 * and the disabled one; /soc (ranges: 0 -> 0x10000000) holds
 * dev@1000 naming D00 (ranges: child 1 cell, parent 2, size 1)
 */
static void build(void)
{
	static const uint32_t d69[] = { 169 }, d00[] = { 100 }, mixed[] = { 2, 1, 3, 999 },
			      plain[] = { 4 }, asks[] = { 1, 5, 2, 100, 3 };
	fdt32_t ranges[4] = { 0, 0, cpu_to_fdt32(0x10000000), cpu_to_fdt32(0x100000) };
	fdt32_t reg[2] = { cpu_to_fdt32(0x1000), cpu_to_fdt32(0x100) }, ph = cpu_to_fdt32(100);
	int i;

	begin_dt(0, 0, 0x40000000, 0x100000000ULL, "");
	begin_rmem_node();
	region("coherent@60000000", 1, "shared-dma-pool", 0x60000000, true, false);
	region("coherent-map@60100000", 2, "shared-dma-pool", 0x60100000, false, false);
	region("off@60200000", 3, "shared-dma-pool", 0x60200000, true, true);
	region("plain@60300000", 4, NULL, 0x60300000, true, false);
	region("coherent@60400000", 5, "shared-dma-pool", 0x60400000, true, false);
	for (i = 0; i < 70; i++) {
		char name[16];

		snprintf(name, sizeof(name), "D%02d", i);
		region(name, 100 + (uint32_t)i, "restricted-dma-pool", 0, false, false);
	}
	fdt_end_node(dtb);
	device("dev@9000000", NULL, 0x9000000, d69, 1);
	device("dev@9001000", NULL, 0x9001000, d00, 1);
	device("dev@9002000", NULL, 0x9002000, mixed, 4);
	device("dev@9003000", NULL, 0x9003000, plain, 1);
	device("asks@9004000", "memplan,test-asks", 0x9004000, asks, 5);
	fdt_begin_node(dtb, "soc");
	fdt_property_u32(dtb, "#address-cells", 1);
	fdt_property_u32(dtb, "#size-cells", 1);
	fdt_property(dtb, "ranges", ranges, sizeof(ranges));
	fdt_begin_node(dtb, "dev@1000");
	fdt_property(dtb, "reg", reg, sizeof(reg));
	fdt_property(dtb, "memory-region", &ph, sizeof(ph));
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_finish(dtb);
}

static const struct mp_consumer *consumer(const struct mp_plan *p, const char *node,
					  unsigned int idx)
{
	static const struct mp_consumer none = { .outcome = MP_CONS_NO_TARGET, .err = 1 };

	for (size_t i = 0; p && i < p->nr_consumers; i++)
		if (!strcmp(p->consumers[i].node, node) && p->consumers[i].index == idx)
			return &p->consumers[i];
	return &none;
}

static bool finding_on(const struct mp_plan *p, const char *path)
{
	for (size_t i = 0; p && i < p->nr_diags; i++)
		if (p->diags[i].path && !strcmp(p->diags[i].path, path))
			return true;
	return false;
}

static bool error_on(const struct mp_plan *p, const char *path)
{
	for (size_t i = 0; p && i < p->nr_diags; i++)
		if (p->diags[i].path && !strcmp(p->diags[i].path, path) &&
		    p->diags[i].severity == MP_SEV_ERROR)
			return true;
	return false;
}

static struct mp_plan *plan(enum mp_profile prof, bool lost)
{
	build();
	ops_lost = lost;
	plan_tweak = tweak;
	return plan_at(prof, 0x40200000, 0x48000000);
}

static void sixty_fifth(void)
{
	struct mp_plan *p = plan(MP_LINUX_6_12, false);
	const struct mp_consumer *c = consumer(p, "/dev@9000000", 0);

	TEST("6.12: a device naming the 70th dynamic region gets -EINVAL at probe");
	CHECK(p && p->nr_consumers == 13);
	CHECK(c->outcome == MP_CONS_NOT_RECORDED && c->err == -MP_EINVAL && c->generic);
	CHECK(c->region == NULL && !strcmp(c->target, "/reserved-memory/D69"));
	CHECK(logged(p, "9000000.dev: failed to initialise \"restricted-dma-pool\" memory node")
	      == 1);
	CHECK(strstr(diag(p, "rmem-consumer"), "of_dma_configure() at probe gets"));
	TEST("6.12: the first dynamic region is assigned at probe, with the kernel's line");
	c = consumer(p, "/dev@9001000", 0);
	CHECK(c->outcome == MP_CONS_ASSIGNED && !c->err && !strcmp(c->region, "D00"));
	CHECK(logged(p, "9001000.dev: assigned reserved memory node D00") == 1);

	TEST("memplan-6.12: no fixed limit, the 70th region is assigned too");
	p = plan(MP_MEMPLAN_6_12, false);
	c = consumer(p, "/dev@9000000", 0);
	CHECK(c->outcome == MP_CONS_ASSIGNED && !strcmp(c->region, "D69"));
	CHECK(logged(p, "9000000.dev: assigned reserved memory node D69") == 1);

	TEST("6.1: 64 records in all: the 70th region has none either");
	p = plan(MP_LINUX_6_1, false);
	CHECK(consumer(p, "/dev@9000000", 0)->outcome == MP_CONS_NOT_RECORDED);
}

static void outcomes(void)
{
	struct mp_plan *p = plan(MP_LINUX_6_12, false);
	const struct mp_consumer *c;

	TEST("a coherent pool without no-map: device_init's memremap(WC) refuses RAM");
	c = consumer(p, "/dev@9002000", 0);
	CHECK(c->outcome == MP_CONS_INIT_FAILS && c->err == -MP_EINVAL && !c->generic);
	CHECK(finding_on(p, "/dev@9002000"));
	TEST("a coherent pool with no-map: assigned when the driver asks");
	c = consumer(p, "/dev@9002000", 1);
	CHECK(c->outcome == MP_CONS_ASSIGNED && !c->generic);
	TEST("a disabled region: 0, nothing assigned; a phandle of no node: -ENODEV");
	c = consumer(p, "/dev@9002000", 2);
	CHECK(c->outcome == MP_CONS_TARGET_DISABLED && c->err == 0);
	c = consumer(p, "/dev@9002000", 3);
	CHECK(c->outcome == MP_CONS_NO_TARGET && c->err == -MP_ENODEV && !c->target);
	TEST("a plain carve-out: no ops by design, no finding (its driver maps it itself)");
	c = consumer(p, "/dev@9003000", 0);
	CHECK(c->outcome == MP_CONS_NO_OPS && c->plain);
	CHECK(!finding_on(p, "/dev@9003000"));
	TEST("device names: of_device_make_bus_id() translates reg through /soc's ranges");
	CHECK(!strcmp(consumer(p, "/soc/dev@1000", 0)->dev_name, "10001000.dev"));
	CHECK(!strcmp(consumer(p, "/dev@9002000", 0)->dev_name, "9002000.dev"));
}

static void v8_series(void)
{
	struct mp_plan *p = plan(MP_LINUX_6_12, true);

	TEST("--rmem-ops-lost on 6.12: dynamic regions lose their ops, static ones keep them");
	CHECK(consumer(p, "/dev@9001000", 0)->outcome == MP_CONS_OPS_LOST);
	CHECK(consumer(p, "/dev@9002000", 1)->outcome == MP_CONS_ASSIGNED);
	CHECK(logged(p, "9001000.dev: failed to initialise \"restricted-dma-pool\" memory node")
	      == 1);
	TEST("--rmem-ops-lost on 6.1: not that flow, a note and no change");
	p = plan(MP_LINUX_6_1, true);
	/* 6.1's defaults lack DMA_RESTRICTED_POOL: the coherent pool shows it */
	CHECK(consumer(p, "/dev@9002000", 1)->outcome == MP_CONS_ASSIGNED);
	CHECK(consumer(p, "/dev@9001000", 0)->outcome == MP_CONS_NO_OPS);
	CHECK(*diag(p, "rmem-ops-lost-ignored"));
	plan_tweak = NULL;
}

static void driver_asks(void)
{
	struct mp_plan *p = plan(MP_LINUX_6_12, false);
	const struct mp_consumer *c;

	TEST("no rmem caller: nobody asks for a coherent pool, no line; D00 once (probe)");
	CHECK(!consumer(p, "/asks@9004000", 0)->driver);
	CHECK(consumer(p, "/asks@9004000", 1)->outcome == MP_CONS_ASSIGNED);
	CHECK(logged(p, "9004000.asks: assigned reserved memory node coherent@60000000") == 0);
	CHECK(logged(p, "9004000.asks: assigned reserved memory node D00") == 1);

	nr_callers = 1;
	p = plan(MP_LINUX_6_12, false);
	TEST("--rmem-caller: its driver asks for each index; assigned ones print the line");
	c = consumer(p, "/asks@9004000", 0);
	CHECK(c->driver && !c->generic && c->outcome == MP_CONS_ASSIGNED);
	CHECK(logged(p, "9004000.asks: assigned reserved memory node coherent@60000000") == 1);
	TEST("--rmem-caller: a second coherent pool meets dev->dma_mem: -EBUSY");
	c = consumer(p, "/asks@9004000", 1);
	CHECK(c->outcome == MP_CONS_INIT_FAILS && c->err == -MP_EBUSY);
	CHECK(logged(p, "9004000.asks: assigned reserved memory node coherent@60400000") == 0);
	TEST("--rmem-caller: the driver's failure is an error (its probe gets it)");
	c = consumer(p, "/asks@9004000", 2);
	CHECK(c->outcome == MP_CONS_INIT_FAILS && c->err == -MP_EINVAL);
	CHECK(error_on(p, "/asks@9004000"));
	TEST("--rmem-caller: the restricted pool of_dma_configure() took is assigned twice");
	c = consumer(p, "/asks@9004000", 3);
	CHECK(c->generic && c->driver && c->outcome == MP_CONS_ASSIGNED);
	CHECK(logged(p, "9004000.asks: assigned reserved memory node D00") == 2);
	TEST("--rmem-caller: a disabled region: 0 and no line; other nodes unchanged");
	CHECK(consumer(p, "/asks@9004000", 4)->outcome == MP_CONS_TARGET_DISABLED);
	CHECK(!consumer(p, "/dev@9002000", 1)->driver);
	CHECK(p->nr_rmem_callers == 1 && !strcmp(p->rmem_callers[0], "memplan,test-asks"));
	nr_callers = 0;
	plan_tweak = NULL;
}

int main(void)
{
	sixty_fifth();
	outcomes();
	v8_series();
	driver_asks();
	return DONE();
}
