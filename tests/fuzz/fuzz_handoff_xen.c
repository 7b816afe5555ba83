// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_handoff_xen.c - libFuzzer target: arbitrary bytes as the host DT Xen
 * boots from, through the host plan and everything `memplan handoff xen-dom0`
 * does with it (planner/core/handoff_xen.c): the bank check, dom0's DT as Xen
 * 4.17, 4.19 or the legacy construction builds it (its /reserved-memory
 * ranges, /chosen modules and bootargs), the check of that DT, and the fixed
 * host DT.  The first byte picks the construction (bits 0-1) and dom0's bank
 * (bits 2-7: 512 MiB at 0x40000000 + n * 64 MiB); the rest is the DTB.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memplan_handoff.h"
#include "fuzz_input.h"

#define ARENA_BYTES (64u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void *plan_buf, *ho_buf;
	struct mp_arena arena, ho;
	struct mp_plan *plan = NULL;
	struct mp_ho_findings fi;
	struct mp_xen_modules mods;
	struct mp_ho_result res;
	struct mp_range bank, hit;
	enum mp_xen_build build;
	struct mp_input in;
	uint8_t mode;
	void *dtb;

	if ((!plan_buf && !(plan_buf = malloc(ARENA_BYTES))) ||
	    (!ho_buf && !(ho_buf = malloc(ARENA_BYTES))))
		abort();
	dtb = fuzz_take(data, &size, &mode);
	if (!dtb)
		return 0;
	memset(&in, 0, sizeof(in));
	in.profile = MP_LINUX_6_12;
	if (mp_kconfig_defaults(in.profile, &in.kc) < 0)
		abort();
	in.fdt = dtb;
	in.fdt_len = size;
	mp_arena_init(&arena, plan_buf, ARENA_BYTES);
	if (mp_plan_build(&in, &arena, &plan) < 0 || !plan) {
		free(dtb);
		return 0;
	}
	build = (mode & 3) == 1 ? MP_XEN_4_19 : (mode & 3) == 2 ? MP_XEN_LEGACY : MP_XEN_4_17;
	bank = (struct mp_range){ 0x40000000ULL + (uint64_t)(mode >> 2) * 0x4000000ULL,
				  0x20000000ULL };
	mp_arena_init(&ho, ho_buf, ARENA_BYTES);
	(void)mp_ho_outside_ram(plan, &bank, 1);
	(void)mp_ho_xen_bank_conflict(dtb, build, &bank, 1, &hit);
	fi = (struct mp_ho_findings){ .arena = &ho };
	if (!mp_ho_build_dom0(plan, dtb, &bank, 1, NULL, build, &ho, &fi, &mods, &res)) {
		if (fdt_check_full(res.fdt, fdt_totalsize(res.fdt)))
			abort();	/* every DT built must be well formed */
		fi.nr = 0;
		(void)mp_ho_check_dom0(plan, dtb, res.fdt, &bank, 1, &fi);
	}
	if (build != MP_XEN_LEGACY) {
		fi.nr = 0;
		if (!mp_ho_fix_xen_host(plan, dtb, &bank, 1, build, &ho, &fi, &res) &&
		    fdt_check_full(res.fdt, fdt_totalsize(res.fdt)))
			abort();
	}
	free(dtb);
	return 0;
}
