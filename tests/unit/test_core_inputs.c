// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_inputs.c - the RAM assumed for a DT that leaves it to the boot
 * loader (core inputs.c: mp_assume_memory(), mp_dt_with_memory()), and the
 * default placements stepping past the DT's reservations (placement.c).
 * Every expected value is worked out from the rule in memplan_inputs.h.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "memplan.h"
#include "tap.h"

static char dt[16384];

/* a DT: root cells @ac/@sc; memory node at @mem_base with size 0 when @mem_base != ~0 */
static void begin(int ac, int sc, mp_u64 mem_base)
{
	int node;

	fdt_create_empty_tree(dt, sizeof(dt));
	fdt_setprop_u32(dt, 0, "#address-cells", (uint32_t)ac);
	fdt_setprop_u32(dt, 0, "#size-cells", (uint32_t)sc);
	if (mem_base != ~0ULL) {
		fdt32_t c[4];
		int n = 0, i;

		node = fdt_add_subnode(dt, 0, "memory@0");
		fdt_setprop_string(dt, node, "device_type", "memory");
		if (ac == 2)
			c[n++] = cpu_to_fdt32((uint32_t)(mem_base >> 32));
		c[n++] = cpu_to_fdt32((uint32_t)mem_base);
		for (i = 0; i < sc; i++)
			c[n++] = 0;
		fdt_setprop(dt, node, "reg", c, n * 4);
	}
	node = fdt_add_subnode(dt, 0, "reserved-memory");
	fdt_setprop_u32(dt, node, "#address-cells", 2);
	fdt_setprop_u32(dt, node, "#size-cells", 2);
	fdt_setprop(dt, node, "ranges", NULL, 0);
}

static void rsv(const char *name, mp_u64 base, mp_u64 size, bool disabled)
{
	int rm = fdt_path_offset(dt, "/reserved-memory");
	int node = fdt_add_subnode(dt, rm, name);
	fdt32_t c[4] = { cpu_to_fdt32((uint32_t)(base >> 32)), cpu_to_fdt32((uint32_t)base),
			 cpu_to_fdt32((uint32_t)(size >> 32)), cpu_to_fdt32((uint32_t)size) };

	fdt_setprop(dt, node, "reg", c, sizeof(c));
	fdt_setprop(dt, node, "no-map", NULL, 0);
	if (disabled)
		fdt_setprop_string(dt, node, "status", "disabled");
}

static void placeholder_lowered(void)
{
	struct mp_mem_assumption a;

	TEST("sm8550-like: placeholder at 0xa0000000, carve-outs from 0x80000000");
	begin(2, 2, 0xa0000000);
	rsv("hyp@80000000", 0x80000000, 0xa00000, false);
	rsv("xbl@d8100000", 0xd8100000, 0x40000, false);
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == 0);
	CHECK(a.nr == 1 && a.banks[0].base == 0x80000000 && a.banks[0].size == 2ULL << 30);
	CHECK(a.base_src == MP_SRC_ASSUMED && a.size_src == MP_SRC_ASSUMED);
	CHECK(a.base_from && !strcmp(a.base_from, "the lowest static reservation"));
	CHECK(a.nr_rsv == 2 && a.nr_rsv_outside == 0);

	TEST("msm8994-like: carve-outs 2 GiB below the placeholder lower it to 0, 3 GiB");
	begin(2, 2, 0x80000000);
	rsv("smem@6a00000", 0x6a00000, 0x200000, false);
	rsv("aop@80800000", 0x80800000, 0x60000, false);
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == 0 && a.banks[0].base == 0);
	CHECK(a.banks[0].size == 3ULL << 30 && a.nr_rsv == 2 && a.nr_rsv_outside == 0);
	CHECK(!strcmp(a.base_from, "the lowest static reservation"));

	TEST("the lowest reservation 0x85700000 rounds down to 256 MiB");
	begin(2, 2, ~0ULL);
	rsv("tz@85700000", 0x85700000, 0x100000, false);
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == 0 && a.banks[0].base == 0x80000000);

	TEST("a disabled reservation does not count; /memreserve/ does");
	begin(2, 2, 0x40000000);
	rsv("off@10000000", 0x10000000, 0x100000, true);
	fdt_add_mem_rsv(dt, 0x40000000, 0x1000);
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == 0 && a.banks[0].base == 0x40000000);
	CHECK(a.nr_rsv == 1 && a.nr_rsv_outside == 0);
	CHECK(!strcmp(a.base_from, "the placeholder /memory node"));
}

static void size_grows(void)
{
	struct mp_mem_assumption a;

	TEST("reservations up to 0x120000000 from 0x80000000: 2.5 GiB -> 3 GiB");
	begin(2, 2, 0x80000000);
	rsv("a@80000000", 0x80000000, 0x100000, false);
	rsv("b@11ff00000", 0x11ff00000, 0x100000, false);
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == 0 && a.banks[0].size == 3ULL << 30);
	CHECK(a.nr_rsv_outside == 0);

	TEST("a reservation 64 GiB cannot reach does not grow RAM; it is counted outside");
	rsv("far@4000000000", 0x4000000000ULL, 0x100000, false);
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == 0 && a.banks[0].size == 3ULL << 30);
	CHECK(a.nr_rsv_outside == 1);

	TEST("one just within 64 GiB grows it to 64 GiB");
	rsv("edge@fffe00000", 0x80000000ULL + (64ULL << 30) - 0x200000, 0x200000, false);
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == 0 && a.banks[0].size == 64ULL << 30);
	CHECK(a.nr_rsv_outside == 1);

	TEST("one size cell holds 0xffe00000 at most");
	begin(2, 1, 0);
	rsv("hi@140000000", 0x140000000, 0x100000, false);
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == 0 && a.banks[0].size == 0xffe00000);

	TEST("no memory node, no reservation: the default 2 GiB at 0x80000000");
	begin(2, 2, ~0ULL);
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == 0);
	CHECK(a.banks[0].base == 0x80000000 && a.banks[0].size == 2ULL << 30);
	CHECK(!strcmp(a.base_from, "the default"));
}

static void given(void)
{
	struct mp_mem_assumption a;
	struct mp_range one = { 0, 1ULL << 30 };
	struct mp_range two[2] = { { 0x80000000, 1ULL << 30 }, { 0x880000000ULL, 1ULL << 30 } };

	TEST("a SIZE alone keeps the chosen base and is not grown");
	begin(2, 2, 0x40000000);
	rsv("far@200000000", 0x200000000ULL, 0x100000, false);
	CHECK(mp_assume_memory(dt, &one, 1, false, &a) == 0);
	CHECK(a.banks[0].base == 0x40000000 && a.banks[0].size == 1ULL << 30);
	CHECK(a.size_src == MP_SRC_GIVEN && a.base_src == MP_SRC_ASSUMED && a.nr_rsv_outside == 1);

	TEST("BASE:SIZE banks are used as they are");
	CHECK(mp_assume_memory(dt, two, 2, true, &a) == 0 && a.nr == 2);
	CHECK(a.banks[1].base == 0x880000000ULL && a.base_src == MP_SRC_GIVEN && !a.base_from);

	TEST("a wrapping bank is refused");
	two[1].base = ~0ULL - 10;
	CHECK(mp_assume_memory(dt, two, 2, true, &a) == -MP_EINVAL);

	TEST("#size-cells 3 is refused");
	begin(2, 3, ~0ULL);
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == -MP_EINVAL);
}

static void untyped_and_write(void)
{
	static char out[20000];
	struct mp_mem_assumption a;
	const fdt32_t *reg;
	size_t len = 0;
	int node, n;
	fdt32_t c[4] = { 0, cpu_to_fdt32(0x40000000), 0, cpu_to_fdt32(0x20000000) };

	TEST("a memory node without device_type: its own reg, source dt");
	begin(2, 2, ~0ULL);
	node = fdt_add_subnode(dt, 0, "memory");
	fdt_setprop(dt, node, "reg", c, sizeof(c));
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == 0 && a.untyped_node[0]);
	CHECK(a.banks[0].base == 0x40000000 && a.banks[0].size == 0x20000000);
	CHECK(a.base_src == MP_SRC_DT);

	TEST("mp_dt_with_memory() gives it device_type and the reg");
	CHECK(mp_dt_with_memory(dt, &a, out, sizeof(out), &len) == 0 && len);
	node = fdt_subnode_offset(out, 0, "memory");
	CHECK(node >= 0 && fdt_getprop(out, node, "device_type", NULL));
	reg = fdt_getprop(out, node, "reg", &n);
	CHECK(reg && n == 16 && fdt32_to_cpu(reg[1]) == 0x40000000 &&
	      fdt32_to_cpu(reg[3]) == 0x20000000);

	TEST("a placeholder's status is dropped, as fdt_fixup_memory_banks() leaves none");
	begin(2, 2, 0x40000000);
	fdt_setprop_string(dt, fdt_path_offset(dt, "/memory@0"), "status", "disabled");
	CHECK(mp_assume_memory(dt, NULL, 0, false, &a) == 0);
	CHECK(mp_dt_with_memory(dt, &a, out, sizeof(out), &len) == 0);
	CHECK(!fdt_getprop(out, fdt_path_offset(out, "/memory@0"), "status", NULL));

	TEST("too little room: -MP_ENOSPC");
	CHECK(mp_dt_with_memory(dt, &a, out, 64, &len) == -MP_ENOSPC);

	TEST("a 4 GiB bank under one size cell is refused, not truncated");
	begin(2, 1, 0);
	a.nr = 1;
	a.banks[0] = (struct mp_range){ 0, 1ULL << 32 };
	CHECK(mp_dt_with_memory(dt, &a, out, sizeof(out), &len) == -MP_EINVAL);
}

/* plan @dt with the assumption written in; the arena is static */
static struct mp_plan *plan_assumed(void)
{
	static char out[20000], mem[64 << 20];
	static struct mp_mem_assumption a;
	struct mp_arena arena;
	struct mp_input in;
	struct mp_plan *p = NULL;
	size_t len;

	memset(&in, 0, sizeof(in));
	if (mp_assume_memory(dt, NULL, 0, false, &a) || mp_dt_with_memory(dt, &a, out, sizeof(out),
									    &len))
		return NULL;
	in.fdt = out;
	in.fdt_len = len;
	in.profile = MP_LINUX_6_12;
	in.mem_assumed = &a;
	mp_kconfig_defaults(in.profile, &in.kc);
	mp_arena_init(&arena, mem, sizeof(mem));
	return mp_plan_build(&in, &arena, &p) ? NULL : p;
}

static void placement_steps_past(void)
{
	struct mp_plan *p;

	TEST("the default Image steps past a carve-out at RAM base + 2 MiB, 2 MiB at a time");
	begin(2, 2, 0x80000000);
	rsv("secmon@80000000", 0x80000000, 0x1000000, false);	/* to 0x81000000 */
	rsv("tee@81000000", 0x81000000, 0x300000, false);	/* to 0x81300000 */
	p = plan_assumed();
	CHECK(p && p->image.text == 0x81400000 && p->image.text_assumed, "%llx",
	      p ? (unsigned long long)p->image.text : 0ULL);
	CHECK(p && p->inputs.memory == MP_SRC_ASSUMED && p->inputs.image_base == MP_SRC_ASSUMED);
	CHECK(p && p->inputs.image_size == MP_SRC_DEFAULT && p->inputs.initrd == MP_SRC_NONE);

	TEST("the default DTB (RAM + 128 MiB) steps past a carve-out there");
	begin(2, 2, 0x80000000);
	rsv("fw@88000000", 0x88000000, 0x400000, false);
	p = plan_assumed();
	CHECK(p && p->fdt_base == 0x88400000 && p->fdt_base_assumed);
}

int main(void)
{
	placeholder_lowered();
	size_grows();
	given();
	untyped_and_write();
	placement_steps_past();
	return DONE();
}
