/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * fuzz_dtb.h - a minimal valid DTB for the targets whose input is not the DT
 * (cmdline, kconfig, Image header, arguments): 1 GiB of RAM at 0x40000000 and
 * an empty /chosen, written with libfdt's sequential-write API.  Those targets
 * plan with it so that whatever their reader accepts also reaches the core.
 */
#ifndef MEMPLAN_FUZZ_DTB_H
#define MEMPLAN_FUZZ_DTB_H

#include <stdlib.h>

#include <libfdt.h>

#include "memplan.h"

static inline void fuzz_build_dtb(void *dtb, int size)
{
	fdt32_t two = cpu_to_fdt32(2);
	fdt64_t reg[2] = { cpu_to_fdt64(0x40000000ULL), cpu_to_fdt64(0x40000000ULL) };

	if (fdt_create(dtb, size) || fdt_finish_reservemap(dtb) || fdt_begin_node(dtb, "") ||
	    fdt_property(dtb, "#address-cells", &two, 4) ||
	    fdt_property(dtb, "#size-cells", &two, 4) ||
	    fdt_property_string(dtb, "compatible", "linux,dummy-virt") ||
	    fdt_begin_node(dtb, "chosen") || fdt_end_node(dtb) ||
	    fdt_begin_node(dtb, "memory@40000000") ||
	    fdt_property_string(dtb, "device_type", "memory") ||
	    fdt_property(dtb, "reg", reg, sizeof(reg)) || fdt_end_node(dtb) ||
	    fdt_end_node(dtb) || fdt_finish(dtb))
		abort(); /* the fixed DT does not fit: a bug of the target, not a finding */
}

/*
 * fuzz_plan_min - plan @in (profile, kconfig, cmdline, image... set by the
 * caller) for the minimal DTB, in a 64 MiB arena kept across runs.  Errors
 * are results like any other: only a sanitizer report or a hang is a finding.
 */
static inline void fuzz_plan_min(struct mp_input *in)
{
	static char dtb[4096];
	static void *arena_buf;
	struct mp_arena arena;
	struct mp_plan *plan = NULL;

	if (!arena_buf) {
		fuzz_build_dtb(dtb, sizeof(dtb));
		if (!(arena_buf = malloc(64u << 20)))
			abort();
	}
	in->fdt = dtb;
	in->fdt_len = fdt_totalsize(dtb);
	mp_arena_init(&arena, arena_buf, 64u << 20);
	(void)mp_plan_build(in, &arena, &plan);
}

#endif
