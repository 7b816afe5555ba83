// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_plan.c - libFuzzer target: arbitrary bytes as the DTB for the DT scan
 * and the whole plan (mp_plan_build).  The first byte picks the mode:
 * bit 0 strict/non-strict, bit 1 profile linux-6.1/linux-6.12, bit 2 no
 * SYSFS (OF_KOBJ: unavailable nodes are not unflattened), bit 3 struct sizes
 * "from BTF" (odd ones, from bits 4-7, and one too large to be taken), bits
 * 4-5 both set a --phys-offset from bits 6-7 (whole GiB or half), bit 4 alone
 * (bits 3 and 5 clear) rmem callers (--rmem-caller) of compatibles the seeds
 * have, so that consumers.c's driver path runs; the rest is the DTB.  Fixed 64 MiB arena.  A DT without usable memory is planned again
 * with the RAM mp_assume_memory() writes in (mp_dt_with_memory()), as the CLI does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memplan.h"
#include "fuzz_input.h"

#define ARENA_BYTES (64u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void *arena_buf;
	struct mp_input in;
	struct mp_arena arena;
	struct mp_plan *plan = NULL;
	uint8_t mode;
	void *dtb;

	if (!arena_buf && !(arena_buf = malloc(ARENA_BYTES)))
		abort();
	dtb = fuzz_take(data, &size, &mode);
	if (!dtb)
		return 0;
	memset(&in, 0, sizeof(in));
	in.profile = (mode & 2) ? MP_LINUX_6_12 : MP_LINUX_6_1;
	if (mp_kconfig_defaults(in.profile, &in.kc) < 0)
		abort();
	if (mode & 4)
		in.kc.sysfs = false;
	if (mode & 8) {
		in.btf_sizes[MP_KS_DEVICE_NODE] = 1 + (mode >> 4);
		in.btf_sizes[MP_KS_PROPERTY] = 3 * (mode >> 4);
		in.btf_sizes[MP_KS_PGLIST_DATA] = ~0ULL;
	}
	in.fdt = dtb;
	in.fdt_len = size;
	in.strict = mode & 1;
	/* drivers that ask for every memory-region (--rmem-caller) */
	if ((mode & 0x38) == 0x10) {
		static const char *const callers[] = { "virtio,mmio", "arm,pl011",
						       "memplan,rmem-probe" };

		in.rmem_callers = callers;
		in.nr_rmem_callers = sizeof(callers) / sizeof(callers[0]);
	}
	/* a KASLR shift of the linear map, in whole GiB or not (an error) */
	if ((mode & 0x30) == 0x30) {
		in.phys_offset_given = true;
		in.phys_offset = 0x40000000ULL - (uint64_t)(mode >> 6) * 0x20000000ULL * 127;
	}
	mp_arena_init(&arena, arena_buf, ARENA_BYTES);
	if (mp_plan_build(&in, &arena, &plan) < 0 && plan && plan->memory_missing) {
		/* the CLI's next step (cli_plan_run()): RAM as a boot loader fills it in */
		static struct mp_mem_assumption a;
		size_t cap = size + 1024, len;
		void *with = malloc(cap);

		if (!with)
			abort();
		if (!mp_assume_memory(dtb, NULL, 0, false, &a) &&
		    !mp_dt_with_memory(dtb, &a, with, cap, &len)) {
			in.fdt = with;
			in.fdt_len = len;
			in.mem_assumed = &a;
			mp_arena_init(&arena, arena_buf, ARENA_BYTES);
			(void)mp_plan_build(&in, &arena, &plan);
		}
		free(with);
	}
	free(dtb);
	return 0;
}
