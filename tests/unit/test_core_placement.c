// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_placement.c - where the boot loader puts things: mp_fdt_base_after_initrd(),
 * QEMU's DTB at the next 2 MiB boundary after the initrd (and the plan's default DTB
 * base when the DT has an initrd).
 */
#include "plan_fixture.h"
#include "tap.h"

int main(void)
{
	struct mp_plan *p = NULL;
	struct mp_arena arena;
	struct mp_input in;
	void *mem;

	TEST("the DTB at the next 2 MiB boundary after the initrd, or at its end when aligned");
	CHECK_EQ(mp_fdt_base_after_initrd(0x48000001), 0x48200000);
	CHECK_EQ(mp_fdt_base_after_initrd(0x48200000), 0x48200000);
	CHECK_EQ(mp_fdt_base_after_initrd(0x481fffff), 0x48200000);

	TEST("near the top of the address space it saturates instead of wrapping to 0");
	CHECK_EQ(mp_fdt_base_after_initrd(~0ULL), ~0ULL & ~0x1fffffULL);

	TEST("the plan's default DTB base with an initrd is QEMU's");
	begin_dt(0, 0, 0x40000000, 0x80000000, "console=ttyAMA0");
	fdt_end_node(dtb);
	fdt_finish(dtb);
	fdt_open_into(dtb, dtb, sizeof(dtb));
	fdt_setprop_u64(dtb, fdt_path_offset(dtb, "/chosen"), "linux,initrd-start", 0x44000000);
	fdt_setprop_u64(dtb, fdt_path_offset(dtb, "/chosen"), "linux,initrd-end", 0x44a00123);
	memset(&in, 0, sizeof(in));
	in.fdt = dtb;
	in.fdt_len = sizeof(dtb);
	in.profile = MP_LINUX_6_12;
	mp_kconfig_defaults(in.profile, &in.kc);
	mem = malloc(64 << 20);
	if (!mem)
		abort();
	mp_arena_init(&arena, mem, 64 << 20);
	CHECK_EQ(mp_plan_build(&in, &arena, &p), 0);
	CHECK(p && p->has_initrd && p->fdt_base == 0x44c00000);
	free(mem);
	return DONE();
}
