/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * memplan_uboot.h - the planner core's model of U-Boot 2023.01's `booti`
 * hand-over (docs/kernel-model.md §16): from the board DT and U-Boot's
 * environment, where the Image, the initrd and the DTB end up, the DT the
 * kernel receives, and what is wrong with it.  Pure: no I/O, memory from the
 * caller's arena; findings are returned, never printed.
 */
#ifndef MEMPLAN_UBOOT_H
#define MEMPLAN_UBOOT_H

#include "memplan.h"

/* one `name=value` line of U-Boot's environment (both NUL-terminated) */
struct mp_uboot_var {
	const char *name, *value;
};

/* the arm64 Image header as booti_setup() reads it */
struct mp_uboot_image {
	mp_u64 image_size;	/* 0: U-Boot assumes 16 MiB at text_offset 0x80000 */
	mp_u64 text_offset;
	bool anywhere;		/* flags bit 3: the 2 MiB base may be anywhere in RAM */
};

struct mp_uboot_in {
	const void *fdt;	/* the DT at booti's FDT address (checked by the callee) */
	size_t fdt_len;		/* bytes readable at @fdt */
	const struct mp_uboot_var *env;
	size_t nr_env;
	struct mp_uboot_image image;
};

/* a finding about the hand-over; @code is stable (docs/kernel-model.md §16.4) */
struct mp_uboot_finding {
	enum mp_severity severity;	/* error: the kernel is not started or breaks */
	const char *code;
	const char *message;
};

#define MP_UBOOT_MAX_FINDINGS 24

struct mp_uboot_handover {
	/* booti ${kernel_addr_r} [${ramdisk_addr_r}:${filesize}] ${fdt_addr_r|fdtcontroladdr} */
	mp_u64 kernel_load, image_text, image_size;
	bool image_moved;		/* booti_setup() moved the Image */
	bool has_initrd, initrd_copied;
	mp_u64 initrd_load, initrd_start, initrd_end;
	mp_u64 fdt_load, fdt_addr, fdt_size;	/* fdt_size: the hand-over's totalsize */
	mp_u64 fdt_copy_len;	/* of_len: totalsize + CONFIG_SYS_FDT_PAD, what U-Boot moves */
	bool fdt_relocated;
	bool uncertain;		/* an address depends on U-Boot's stack (§16.2) */
	bool booted;		/* false: booti stops before the kernel */
	const char *fdt_var;	/* "fdt_addr_r" or "fdtcontroladdr" */
	mp_u64 lmb_base, lmb_size;	/* bootm_low, bootm_size */
	mp_u64 ram_top;		/* gd->ram_top */
	const char *bootargs;	/* /chosen/bootargs set (env bootargs), or NULL */
	void *fdt;		/* the DT the kernel receives, in the arena */
	struct mp_uboot_finding f[MP_UBOOT_MAX_FINDINGS];
	size_t nr_f;
};

/**
 * mp_uboot_env_get() - the value of one environment variable
 * @in: the environment
 * @name: the variable
 *
 * The last definition wins, as `setenv` over an imported environment.
 *
 * Return: the value, or NULL when unset.
 */
const char *mp_uboot_env_get(const struct mp_uboot_in *in, const char *name);

/**
 * mp_uboot_hextoul() - U-Boot's hextoul(): base 16, "0x" optional, stops at
 * the first non-hex character, wraps past 64 bits
 * @s: the text
 * @end: set to the first character not taken (may be NULL)
 *
 * Return: the value (0 for text without a leading hex digit, e.g. "no").
 */
mp_u64 mp_uboot_hextoul(const char *s, const char **end);

/**
 * mp_uboot_booti() - what U-Boot 2023.01 `booti` hands the kernel
 * @in: board DT, environment and Image header
 * @arena: where the hand-over DT and the messages are built
 * @out: the placement, the DT and the findings
 *
 * Models booti_start(), booti_setup(), bootm_find_images(),
 * boot_ramdisk_high(), boot_fdt_add_mem_rsv_regions(), boot_relocate_fdt()
 * and image_setup_libfdt() over U-Boot's lmb (lib/lmb.c), then checks the
 * result against the arm64 boot protocol (booting.rst) and the DT's
 * reservations.  A booti that stops (U-Boot prints an error) leaves
 * @out->booted false and @out->fdt NULL.
 *
 * Return: 0 (findings in @out), -MP_ERR_BADDTB for a DT libfdt refuses,
 * -MP_ERR_NOSPACE when the arena is full.
 */
int mp_uboot_booti(const struct mp_uboot_in *in, struct mp_arena *arena,
		   struct mp_uboot_handover *out);

#endif /* MEMPLAN_UBOOT_H */
