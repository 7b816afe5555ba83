/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memplan_inputs.h - what a plan was built from and where each input came
 * from: given, read from the DT or a file, the profile's default, or assumed
 * by memplan.  An assumption is never silent: the plan's "inputs" member and
 * the text header list every input with its source, and a diagnostic that
 * exists only because of an assumed input says so.
 *
 * Most board DTs in Linux's own tree leave /memory to the boot loader (a
 * placeholder node with a zero size, or none at all): U-Boot fills it from its
 * DRAM banks (fdt_fixup_memory_banks()).  mp_assume_memory() chooses the banks
 * a boot loader would have written, and mp_dt_with_memory() writes them into a
 * copy of the DT, so the plan sees the DT as the kernel would receive it.
 */
#ifndef MEMPLAN_INPUTS_H
#define MEMPLAN_INPUTS_H

#include "memplan_env.h"

/* Where one input of a plan came from. */
enum mp_source {
	MP_SRC_UNSAID,	/* the caller did not say: the core derives it */
	MP_SRC_DT,	/* read from the DT (/memory, /chosen, the blob's header) */
	MP_SRC_GIVEN,	/* given on the command line */
	MP_SRC_FILE,	/* read from a file (--image, --kconfig) */
	MP_SRC_RECORD,	/* derived from a recorded boot (verify) */
	MP_SRC_DEFAULT,	/* the profile's default */
	MP_SRC_ASSUMED,	/* chosen by memplan; the plan says how */
	MP_SRC_NONE,	/* absent: no initrd */
	MP_SRC_BOOT_LOADER, /* where the modelled boot loader puts it (--uboot-env) */
	MP_SRC_EFI_MAP,	/* where the EFI stub left it, as the EFI memory map shows (--efi-memmap) */
};

/* at most this many banks in --assume-memory */
#define MP_ASSUME_MAX_BANKS 8
/* the RAM assumed when the DT has none and no size is given */
#define MP_ASSUME_DEFAULT_SIZE (2ULL << 30)
/* the base assumed when neither a placeholder node nor a reservation suggests one */
#define MP_ASSUME_DEFAULT_BASE 0x80000000ULL
/* assumed RAM grows to cover the board's static reservations up to this size */
#define MP_ASSUME_MAX_SIZE (64ULL << 30)

/**
 * struct mp_mem_assumption - the RAM a plan assumes, and why
 * @banks: the assumed banks, ascending
 * @nr: how many
 * @base_src: MP_SRC_GIVEN (--assume-memory BASE:SIZE) or MP_SRC_ASSUMED
 * @size_src: MP_SRC_GIVEN or MP_SRC_ASSUMED
 * @base_from: what the assumed base follows: "the placeholder /memory node",
 *	"the lowest static reservation", "the default" (NULL when given)
 * @untyped_node: the name of a "memory" node without device_type whose own reg
 *	is used (a copy), or ""
 *	(the kernel ignores such a node; a finding says so), or NULL
 * @nr_rsv: static reservations (/memreserve/, /reserved-memory reg) in the DT
 * @nr_rsv_outside: how many of them the assumed RAM does not cover
 */
struct mp_mem_assumption {
	struct mp_range banks[MP_ASSUME_MAX_BANKS];
	size_t nr;
	enum mp_source base_src, size_src;
	const char *base_from;
	char untyped_node[64];
	size_t nr_rsv, nr_rsv_outside;
};

/**
 * struct mp_inputs - the source of every input of a plan (mp_plan.inputs)
 * @memory: RAM: DT, GIVEN (--assume-memory with a base) or ASSUMED
 * @image_base: the Image's physical base: GIVEN, RECORD, BOOT_LOADER or ASSUMED
 * @image_size: FILE (--image), GIVEN (--image-size) or DEFAULT
 * @image_layout: the section offsets: FILE or DEFAULT (the profile's typical)
 * @dtb_base: where the DTB sits: GIVEN, RECORD, BOOT_LOADER or ASSUMED
 * @dtb_size: DT (the blob's totalsize)
 * @initrd: DT (/chosen linux,initrd-*) or NONE
 * @kconfig: FILE or DEFAULT
 * @profile: GIVEN or DEFAULT
 * @cmdline: GIVEN, DT (/chosen/bootargs) or NONE
 * @cpu_va52: whether the CPU has LPA2/LVA: GIVEN, RECORD (verify: the boot log),
 *	ASSUMED (not: the 48-bit fallback of a 52-bit configuration) or NONE (the
 *	configuration is not 52-bit: the CPU does not matter)
 * @acpi_iort: the IORT whose DMA limit bounds ZONE_DMA: FILE (--acpi-iort),
 *	RECORD (verify: the record's IORT) or NONE (a DT boot: no limit)
 * @phys_offset: memstart_addr after KASLR's shift of the linear map: GIVEN
 *	(--phys-offset), RECORD (verify: the record's VMCOREINFO), ASSUMED (no
 *	shift, though KASLR may make one) or NONE (no RANDOMIZE_BASE, or nokaslr)
 */
struct mp_inputs {
	enum mp_source memory, image_base, image_size, image_layout, dtb_base, dtb_size, initrd,
		kconfig, profile, cmdline, cpu_va52, acpi_iort, phys_offset;
};

/**
 * mp_source_name() - the stable name of a source, as JSON and text print it
 * @s: the source
 *
 * Return: "dt", "given", "file", "record", "default", "assumed", "none",
 * "boot-loader", "efi-memmap" or "unsaid".
 */
const char *mp_source_name(enum mp_source s);

/**
 * mp_assume_memory() - the RAM a boot loader would fill into a DT without any
 * @fdt: the flattened DT (valid; its /memory gives no usable RAM)
 * @given: --assume-memory's banks, or NULL
 * @nr_given: how many (0: choose everything)
 * @base_given: whether @given carries bases (BASE:SIZE); without, @given
 *	has one bank whose size alone is given
 * @out: the assumption
 *
 * Given bases are used as they are.  Otherwise the base is the placeholder
 * /memory node's (the board's own word), lowered to the board's lowest static
 * reservation (rounded down to 256 MiB) when that lies below it, so that the
 * carve-outs the board declares fall inside RAM; the size is the given one,
 * or MP_ASSUME_DEFAULT_SIZE grown in 1 GiB steps to cover the static
 * reservations above the base (at most MP_ASSUME_MAX_SIZE).  A "memory" node
 * without device_type and with a non-empty reg is taken at its word.
 *
 * Return: 0, or -MP_EINVAL for root cells memplan cannot write (0 or over 2),
 * or a bank whose end wraps.
 */
int mp_assume_memory(const void *fdt, const struct mp_range *given, size_t nr_given,
		     bool base_given, struct mp_mem_assumption *out);

/**
 * mp_dt_with_memory() - a copy of @fdt whose /memory holds @a's banks
 * @fdt: the flattened DT
 * @a: the banks (from mp_assume_memory())
 * @buf: room for the copy
 * @cap: bytes at @buf (fdt_totalsize(@fdt) + 1 KiB is enough)
 * @len: the copy's size
 *
 * Writes reg into the first device_type = "memory" node (or the untyped
 * "memory" node, given device_type, or a new /memory node), dropping its
 * status and linux,usable-memory, as U-Boot's fdt_fixup_memory_banks() does.
 *
 * Return: 0, or -MP_ENOSPC when @cap is too small, or -MP_EINVAL.
 */
int mp_dt_with_memory(const void *fdt, const struct mp_mem_assumption *a, void *buf, size_t cap,
		      size_t *len);

/**
 * mp_dt_struct_walk() - walk the structure block's tags with bounds checked
 * @fdt: the flattened DT, its header already checked (fdt_check_header())
 * @len: the bytes present at @fdt
 *
 * Each tag must lie inside the structure block and each must start after
 * the one before.  libfdt 1.6.1 (Debian 12) does not check a property's
 * length for overflow in fdt_next_tag(): a length of -12 points a property
 * at itself and fdt_check_full() loops forever; this walk runs first.
 *
 * Return: NULL when the walk reaches FDT_END, else what is wrong (a static
 * string).
 */
const char *mp_dt_struct_walk(const void *fdt, size_t len);

#endif /* MEMPLAN_INPUTS_H */
