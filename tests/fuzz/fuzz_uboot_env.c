// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * fuzz_uboot_env.c - libFuzzer target for planner/cli/uboot_env.c: the input
 * is U-Boot environment text (`printenv` output, `env export -t`).  It is
 * parsed from a writable, NUL-terminated, exact-size heap copy (the reader
 * splits and unescapes in place); an accepted environment then drives the
 * core's booti model (planner/core/uboot.c) over the minimal DTB of
 * fuzz_dtb.h, so every value the reader lets through - huge, wrapping or
 * unaligned addresses, "no", empty values - reaches U-Boot's lmb and the
 * DT edits as it would from `memplan handoff uboot`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_dtb.h"
#include "uboot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dtb[4096], mem[1 << 20];
	struct cli_uboot_env env;
	struct mp_uboot_handover ho;
	struct mp_uboot_in in;
	struct mp_arena arena;
	char err[256], *text = malloc(size + 1);
	size_t i;

	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&env, 0, sizeof(env));
	if (cli_uboot_env_parse(text, size, &env, err, sizeof(err))) {
		free(env.vars);
		free(text);
		return 0;
	}
	for (i = 0; i < env.nr; i++)	/* the reader's contract */
		if (!env.vars[i].name[0] || strchr(env.vars[i].name, '='))
			abort();
	fuzz_build_dtb(dtb, sizeof(dtb));
	memset(&in, 0, sizeof(in));
	in.fdt = dtb;
	in.fdt_len = sizeof(dtb);
	in.env = env.vars;
	in.nr_env = env.nr;
	in.image = (struct mp_uboot_image){ size & 1 ? 0 : 0x2010000, 0, size & 2 };
	mp_arena_init(&arena, mem, sizeof(mem));
	if (!mp_uboot_booti(&in, &arena, &ho) && ho.booted &&
	    fdt_check_header(ho.fdt))
		abort();	/* a hand-over DT is always a valid DT */
	free(env.vars);
	free(text);
	return 0;
}
