/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memplan_efi.h - a UEFI boot's inputs: the EFI memory map the EFI stub hands
 * the kernel (/chosen linux,uefi-mmap-*), the configuration tables the kernel
 * reads from the system table, and where the stub put the Image, the initrd and
 * the DTB (docs/kernel-model.md §17).
 *
 * A running system shows the map only in its boot log, and only when booted
 * with efi=debug: reserve_regions() (drivers/firmware/efi/efi-init.c, 6.1 and
 * 6.12) prints one line per descriptor with efi_md_typeattr_format().
 * mp_efi_map_parse() reads that text (a pasted block, a whole dmesg or a
 * console log); the CLI also reads a JSON form (memplan(1), --efi-memmap).
 */
#ifndef MEMPLAN_EFI_H
#define MEMPLAN_EFI_H

#include "memplan_env.h"

/* EFI_MEMORY_TYPE (UEFI 2.10 §7.2), as memory_type_name[] of efi.c names them */
enum mp_efi_type {
	MP_EFI_RESERVED, MP_EFI_LOADER_CODE, MP_EFI_LOADER_DATA, MP_EFI_BOOT_CODE,
	MP_EFI_BOOT_DATA, MP_EFI_RUNTIME_CODE, MP_EFI_RUNTIME_DATA, MP_EFI_CONVENTIONAL,
	MP_EFI_UNUSABLE, MP_EFI_ACPI_RECLAIM, MP_EFI_ACPI_NVS, MP_EFI_MMIO, MP_EFI_MMIO_PORT,
	MP_EFI_PAL_CODE, MP_EFI_PERSISTENT, MP_EFI_UNACCEPTED, MP_EFI_NR_TYPES
};

/* EFI_MEMORY_* attribute bits */
#define MP_EFI_UC 0x1ULL
#define MP_EFI_WC 0x2ULL
#define MP_EFI_WT 0x4ULL
#define MP_EFI_WB 0x8ULL
#define MP_EFI_UCE 0x10ULL
#define MP_EFI_WP 0x1000ULL
#define MP_EFI_RP 0x2000ULL
#define MP_EFI_XP 0x4000ULL
#define MP_EFI_NV 0x8000ULL
#define MP_EFI_MR 0x10000ULL
#define MP_EFI_RO 0x20000ULL
#define MP_EFI_SP 0x40000ULL
#define MP_EFI_CC 0x80000ULL
#define MP_EFI_HP 0x100000ULL
#define MP_EFI_RUNTIME 0x8000000000000000ULL

#define MP_EFI_PAGE 4096ULL
/* descriptors memplan reads; a real map has tens to a few hundred */
#define MP_EFI_MAX_DESC 4096

/* one EFI_MEMORY_DESCRIPTOR */
struct mp_efi_desc {
	mp_u32 type;		/* enum mp_efi_type, or a number past them */
	mp_u64 phys;		/* PhysicalStart */
	mp_u64 pages;		/* NumberOfPages (4 KiB) */
	mp_u64 attr;		/* Attribute */
};

/**
 * struct mp_efi_map - what efi_init() reads, as a boot log shows it
 * @desc: the descriptors in map order (the order reserve_regions() walks)
 * @nr: how many
 * @map_phys: linux,uefi-mmap-start: where the stub left the map (0: unknown)
 * @map_size: linux,uefi-mmap-size (0: @nr * @desc_size)
 * @desc_size: linux,uefi-mmap-desc-size (0: unknown, 48 assumed as EDK II's)
 * @memattr: the EFI_MEMORY_ATTRIBUTES_TABLE's address (0: none)
 * @memattr_entries: its NumberOfEntries (the "Processing EFI Memory
 *	Attributes table" lines efi=debug prints later in the boot)
 * @memattr_entries_known: whether the text had those lines
 * @memreserve: the LINUX_EFI_MEMRESERVE table the stub installs (0: none)
 * @initrd_table: the LINUX_EFI_INITRD table (0: none: no initrd by the stub)
 * @acpi20: the ACPI 2.0 RSDP (0: none: the firmware offers no ACPI tables)
 * @rng_seed: the LINUX_EFI_RANDOM_SEED table ("RNG="): the stub found an EFI RNG
 *	(0: none, so no physical KASLR)
 * @unmodelled: config tables the kernel reserves memory for that memplan does
 *	not size (ESRT, TPMEventLog, TPMFinalLog, MOKvar), space separated
 * @version: "EFI v2.7 by EDK II" without "efi: ", or ""
 */
struct mp_efi_map {
	struct mp_efi_desc desc[MP_EFI_MAX_DESC];
	size_t nr;
	mp_u64 map_phys, map_size, desc_size;
	mp_u64 memattr, memattr_entries;
	bool memattr_entries_known;
	mp_u64 memreserve, initrd_table, acpi20, rng_seed;
	char unmodelled[64];
	char version[64];
};

/**
 * mp_efi_map_parse() - read the EFI memory map from a boot log's text
 * @text: the text (any of: the efi=debug block pasted, a dmesg, a console log;
 *	lines may carry printk and console prefixes)
 * @len: its bytes (no NUL needed)
 * @out: the map (zeroed first)
 * @err: one line saying what is wrong, on failure
 * @errlen: bytes at @err
 *
 * Reads the first "efi: Processing EFI memory map:" block and the lines of the
 * same boot before and after it: "Getting UEFI parameters from /chosen"
 * (map address and sizes), the configuration table line (MEMATTR=, ACPI 2.0=,
 * INITRD=, MEMRESERVE=, ...) and the memory attributes table's entries.  A
 * descriptor line that does not parse, a range that is not whole 4 KiB pages
 * or wraps, and a text without the block are errors.
 *
 * Return: 0, or -1 with @err set.
 */
int mp_efi_map_parse(const char *text, size_t len, struct mp_efi_map *out, char *err,
		     size_t errlen);

/**
 * mp_efi_type_name() - a type as efi_md_typeattr_format() names it
 * @type: the type
 * Return: "Conventional", "Loader Data", ...; NULL past the known types.
 */
const char *mp_efi_type_name(mp_u32 type);

/**
 * mp_efi_type_parse() - the type of a name (mp_efi_type_name()'s, any case,
 *	or "type=N")
 * @name: the name
 * @len: its bytes
 * @type: the type
 * Return: 0, or -1 for an unknown name.
 */
int mp_efi_type_parse(const char *name, size_t len, mp_u32 *type);

/**
 * mp_efi_attr_parse() - one attribute's bit from its name ("WB", "RUN", ...)
 * @name: the name
 * @len: its bytes
 * Return: the bit, or 0 for an unknown name.
 */
mp_u64 mp_efi_attr_parse(const char *name, size_t len);

#endif /* MEMPLAN_EFI_H */
