// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_efimap.c - libFuzzer target for the EFI memory map readers: the boot-log
 * form (planner/core/efimap.c) and the JSON form (planner/cli/efimap_file.c),
 * the input an exact-size heap copy as --efi-memmap would read it.  A map that
 * reads is planned (a UEFI boot of the stub's DT: /chosen only, an initrd
 * size from the input's first byte, each profile in turn), which exercises
 * efi_init()'s model, the stub placement and the ACPI choice.  Checks the
 * documented contract: a failure gives a reason; a map read has 1..4096
 * descriptors of whole pages that do not wrap; planning it fails only as bad
 * input (no memory the kernel can map) or a full arena.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "efimap_file.h"
#include "fuzz_input.h"
#include "memplan.h"

#define ARENA (8u << 20)

static void plan_it(const struct mp_efi_map *m, uint8_t sel)
{
	char fdt[512];
	void *mem = malloc(ARENA);
	struct mp_input in;
	struct mp_arena arena;
	struct mp_plan *plan;
	int chosen, ret;

	if (!mem)
		return;
	if (fdt_create_empty_tree(fdt, sizeof(fdt)) ||
	    (chosen = fdt_add_subnode(fdt, 0, "chosen")) < 0 ||
	    fdt_setprop_string(fdt, chosen, "bootargs", (sel & 1) ? "crashkernel=256M efi=debug" :
								    "crashkernel=64M acpi=force"))
		abort();
	memset(&in, 0, sizeof(in));
	in.profile = (enum mp_profile)((sel >> 1) % MP_PROFILE_COUNT);
	if (mp_kconfig_defaults(in.profile, &in.kc))
		abort();
	in.fdt = fdt;
	in.fdt_len = sizeof(fdt);
	in.efi = m;
	in.initrd_size = (mp_u64)(sel >> 3) << 20;
	mp_arena_init(&arena, mem, ARENA);
	ret = mp_plan_build(&in, &arena, &plan);
	if (ret && ret != -MP_ERR_BADINPUT && ret != -MP_ERR_NOSPACE)
		abort();
	if (ret && plan && !plan->error)
		abort();
	free(mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size), err[200];
	struct mp_efi_map *m = malloc(sizeof(*m));
	size_t i;

	if (!m || (size && !buf))
		abort();
	err[0] = 0;
	if (cli_efi_map_parse(buf, size, m, err, sizeof(err))) {
		if (!err[0])
			abort();
	} else {
		if (!m->nr || m->nr > MP_EFI_MAX_DESC)
			abort();
		for (i = 0; i < m->nr; i++)
			if (!m->desc[i].pages || (m->desc[i].phys & (MP_EFI_PAGE - 1)) ||
			    m->desc[i].pages > (UINT64_MAX - m->desc[i].phys) / MP_EFI_PAGE)
				abort();
		plan_it(m, size ? data[0] : 0);
	}
	free(m);
	free(buf);
	return 0;
}
