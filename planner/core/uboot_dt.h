/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * uboot_dt.h - what uboot.c asks of uboot_dt.c: the board DT as U-Boot
 * 2023.01 reads it, and the DT edits of image_setup_libfdt().  Private to
 * the core's two U-Boot files.
 */
#ifndef MEMPLAN_UBOOT_DT_H
#define MEMPLAN_UBOOT_DT_H

#include "memplan_uboot.h"

#define MP_UB_MAX_REGIONS 64

/* one /memreserve/ entry or /reserved-memory node with a reg */
struct mp_ub_resv {
	mp_u64 base, size;
	bool nomap, memreserve;
	const char *name;	/* node name, or "/memreserve/" */
};

struct mp_ub_dt {
	mp_u64 ram_base, ram_size;	/* gd->ram_base/ram_size: the first memory reg */
	bool has_ram;
	size_t nr_mem_regs;		/* reg entries of every memory node */
	struct mp_ub_resv resv[MP_UB_MAX_REGIONS];
	size_t nr_resv;
	bool resv_truncated;		/* more than MP_UB_MAX_REGIONS */
};

/**
 * mp_ub_dt_read() - the board DT facts U-Boot uses
 * @fdt: the DT (header checked by the caller)
 * @dt: filled
 *
 * fdtdec_setup_mem_size_base() and fdtdec_setup_memory_banksize() (the
 * qemu_arm64 build: CONFIG_NR_DRAM_BANKS=1, one bank = the first reg of the
 * first memory node), boot_fdt_add_mem_rsv_regions()'s reservations.
 *
 * Return: 0, or -MP_ERR_BADDTB when a reg cannot be read.
 */
int mp_ub_dt_read(const void *fdt, struct mp_ub_dt *dt);

/* what the DT edits need */
struct mp_ub_edit {
	mp_u64 fdt_addr;		/* where the hand-over DT sits */
	mp_u64 of_len;			/* totalsize + CONFIG_SYS_FDT_PAD */
	bool in_place;			/* fdt_high all ones: no fdt_open_into() */
	mp_u64 bank_base, bank_size;	/* bd->bi_dram[0] */
	bool has_initrd;
	mp_u64 initrd_start, initrd_end;
	const char *bootargs, *serial, *version;	/* NULL: not set */
};

/**
 * mp_ub_dt_edit() - the hand-over DT: image_setup_libfdt() over a copy
 * @fdt: the board DT
 * @e: the placement and the environment's strings
 * @arena: where the copy is made (@e->of_len bytes)
 * @out: the edited DT
 * @why: on failure, the U-Boot step that failed
 *
 * Return: 0, -MP_ERR_NOSPACE, or -MP_ERR_BADDTB when libfdt fails a step
 * (U-Boot prints an error and booti stops).
 */
int mp_ub_dt_edit(const void *fdt, const struct mp_ub_edit *e, struct mp_arena *arena,
		  void **out, const char **why);

#endif /* MEMPLAN_UBOOT_DT_H */
