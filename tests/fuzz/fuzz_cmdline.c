// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_cmdline.c - libFuzzer target: the input is the kernel command line
 * (in.cmdline, NUL-terminated copy, at most 4 KiB) for a minimal valid DTB
 * built with libfdt's sequential-write API: 1 GiB of RAM at 0x40000000, a
 * /chosen node.  Profiles alternate with the input length.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "memplan.h"

#define ARENA_BYTES (64u << 20)
#define CMDLINE_MAX 4096

static char dtb[4096];

static void build_dtb(void)
{
	fdt32_t two = cpu_to_fdt32(2);
	fdt64_t reg[2] = { cpu_to_fdt64(0x40000000ULL), cpu_to_fdt64(0x40000000ULL) };

	if (fdt_create(dtb, sizeof(dtb)) || fdt_finish_reservemap(dtb) ||
	    fdt_begin_node(dtb, "") || fdt_property(dtb, "#address-cells", &two, 4) ||
	    fdt_property(dtb, "#size-cells", &two, 4) ||
	    fdt_property_string(dtb, "compatible", "linux,dummy-virt") ||
	    fdt_begin_node(dtb, "chosen") || fdt_end_node(dtb) ||
	    fdt_begin_node(dtb, "memory@40000000") ||
	    fdt_property_string(dtb, "device_type", "memory") ||
	    fdt_property(dtb, "reg", reg, sizeof(reg)) || fdt_end_node(dtb) ||
	    fdt_end_node(dtb) || fdt_finish(dtb))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void *arena_buf;
	struct mp_input in;
	struct mp_arena arena;
	struct mp_plan *plan = NULL;
	char *cmdline;

	if (!arena_buf) {
		build_dtb();
		if (!(arena_buf = malloc(ARENA_BYTES)))
			abort();
	}
	if (size > CMDLINE_MAX - 1)
		size = CMDLINE_MAX - 1;
	cmdline = malloc(size + 1);
	if (!cmdline)
		abort();
	memcpy(cmdline, data, size);
	cmdline[size] = 0;
	memset(&in, 0, sizeof(in));
	in.profile = (size & 1) ? MP_LINUX_6_1 : MP_LINUX_6_12;
	if (mp_kconfig_defaults(in.profile, &in.kc) < 0)
		abort();
	in.fdt = dtb;
	in.fdt_len = fdt_totalsize(dtb);
	in.cmdline = cmdline;
	in.strict = (size & 2) != 0;
	mp_arena_init(&arena, arena_buf, ARENA_BYTES);
	(void)mp_plan_build(&in, &arena, &plan);
	free(cmdline);
	return 0;
}
