// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_cmdline.c - libFuzzer target: the input is the kernel command line
 * (in.cmdline, NUL-terminated copy, at most 4 KiB) for the minimal valid DTB
 * of fuzz_dtb.h (1 GiB of RAM at 0x40000000, an empty /chosen).  Profiles
 * alternate with the input length.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "fuzz_dtb.h"
#include "memplan.h"

#define ARENA_BYTES (64u << 20)
#define CMDLINE_MAX 4096

static char dtb[4096];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void *arena_buf;
	struct mp_input in;
	struct mp_arena arena;
	struct mp_plan *plan = NULL;
	char *cmdline;

	if (!arena_buf) {
		fuzz_build_dtb(dtb, sizeof(dtb));
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
