/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * ptdump.h - reader for /sys/kernel/debug/kernel_page_tables (CONFIG_PTDUMP_DEBUGFS),
 * as printed by arch/arm64/mm/ptdump.c note_page() of 6.1 and 6.12:
 *
 *   ---[ Linear Mapping start ]---
 *   0xffff000000000000-0xffff000000200000           2M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED
 *   0xffff000000400000-0xffff000000560000        1408K PTE       ro NX SHD AF            UXN    MEM/NORMAL
 *   0xffff000000560000-0xffff000000600000         640K PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED
 *   0xffff000002000000-0xffff000040000000         992M PMD       RW NX SHD AF    CON BLK UXN    MEM/NORMAL-TAGGED
 *   0xffff000080000000-0xffff008000000000         510G PUD
 *   ---[ Linear Mapping end ]---
 * (6.12, 4K pages, rodata=on; the last line is an empty entry: a hole)
 *
 * i.e. "0x%016lx-0x%016lx   %9lu%c %s" (end exclusive; size in the largest unit of
 * K/M/G/T/P/E that divides it; level PGD/P4D/PUD/PMD/PTE, a level folded at run time
 * is printed as PGD) followed, for an entry whose masked descriptor bits are non-zero,
 * by one token per bit group: " "/F (valid), USR, ro/RW, NX/x, SHD, AF, NG, CON,
 * BLK (block descriptor: bit 1 clear), UXN, GP and the memory type.  Runs of entries
 * with the same level and bits are merged into one line by the kernel.
 *
 * The linear map is the part between the "Linear Mapping start" and "Linear Mapping
 * end" markers; its virtual addresses convert to physical ones with
 *   phys = virt - PAGE_OFFSET + memstart_addr
 * (arch/arm64/include/asm/memory.h __lm_to_phys()).  PAGE_OFFSET is the start of the
 * section's first line; memstart_addr is round_down(memblock_start_of_DRAM(),
 * ARM64_MEMSTART_ALIGN) (arm64_memblock_init(), no KASLR linear-map randomisation):
 * see mp_memstart_align() and ptdump_memstart_from_iomem().
 *
 * Parsers take a buffer + length (no NUL needed), never crash on bad input and return
 * PTDUMP_OK or a negative ptdump_err; results own their memory (*_free()).
 */
#ifndef MEMPLAN_PTDUMP_H
#define MEMPLAN_PTDUMP_H

#include <stddef.h>
#include <stdint.h>

#include "memplan.h"	/* enum mp_map_level, struct mp_map_range: the plan's vocabulary */

enum ptdump_err {
	PTDUMP_OK = 0,
	PTDUMP_EINVAL = -1,	/* malformed input (ptdump.err_line says where) */
	PTDUMP_ENOMEM = -2,
	PTDUMP_ERANGE = -3,	/* too many entries/sections, or a value out of range */
	PTDUMP_ENOENT = -4,	/* no such section / no System RAM */
};

/* page-table level as printed (kernel_pg_levels[] of arch/arm64/mm/ptdump.c) */
enum ptdump_level { PTDUMP_PGD, PTDUMP_P4D, PTDUMP_PUD, PTDUMP_PMD, PTDUMP_PTE };

/* attribute tokens (dump_prot()); PTDUMP_A_VALID is the absence of "F" */
#define PTDUMP_A_VALID 0x0001u
#define PTDUMP_A_USER 0x0002u	/* USR */
#define PTDUMP_A_RDONLY 0x0004u	/* ro (else RW) */
#define PTDUMP_A_PXN 0x0008u	/* NX (else x) */
#define PTDUMP_A_SHD 0x0010u
#define PTDUMP_A_AF 0x0020u
#define PTDUMP_A_NG 0x0040u
#define PTDUMP_A_CONT 0x0080u	/* CON: contiguous hint */
#define PTDUMP_A_BLK 0x0100u	/* block descriptor */
#define PTDUMP_A_UXN 0x0200u
#define PTDUMP_A_GP 0x0400u
#define PTDUMP_A_UNKNOWN 0x8000u	/* a token this reader does not know */

enum ptdump_memtype {
	PTDUMP_MT_NONE,		/* not printed */
	PTDUMP_MT_DEVICE_nGnRnE,
	PTDUMP_MT_DEVICE_nGnRE,
	PTDUMP_MT_NORMAL_NC,
	PTDUMP_MT_NORMAL,
	PTDUMP_MT_NORMAL_TAGGED,
};

struct ptdump_entry {
	uint64_t vstart;
	uint64_t vend;		/* exclusive, as printed; 0 means 2^64 */
	uint64_t size;		/* bytes (vend - vstart, checked against the size column) */
	enum ptdump_level level;
	int has_attrs;		/* 0: nothing printed after the level (empty entry: a hole) */
	unsigned attrs;		/* PTDUMP_A_* */
	enum ptdump_memtype memtype;
	int section;		/* index into ptdump.sections, -1 before the first marker */
	int line;		/* 1-based line number */
};

struct ptdump {
	struct ptdump_entry *e;
	size_t n, cap;
	char **sections;	/* marker names, e.g. "Linear Mapping start" */
	size_t nsections, capsections;
	int err_line;		/* line of the first error, 0 if none */
};

/**
 * ptdump_parse() - read /sys/kernel/debug/kernel_page_tables
 * @pd: set to its entries and section markers (zeroed)
 * @data: the file's bytes (no NUL needed)
 * @len: their number
 *
 * Return: PTDUMP_OK or a negative &enum ptdump_err (@pd->err_line says where).
 */
int ptdump_parse(struct ptdump *pd, const char *data, size_t len);

/**
 * ptdump_free() - free what ptdump_parse() read
 * @pd: the dump
 */
void ptdump_free(struct ptdump *pd);

/**
 * ptdump_section() - find a section of a dump
 * @pd: the dump
 * @name: its marker, e.g. "Linear Mapping start"
 *
 * Return: the section's index, or PTDUMP_ENOENT.
 */
int ptdump_section(const struct ptdump *pd, const char *name);

/**
 * ptdump_entry_map_level() - an entry's mapping level in the plan's vocabulary
 * @e: a leaf entry
 *
 * Return: an &enum mp_map_level, or -1 for a hole.
 */
int ptdump_entry_map_level(const struct ptdump_entry *e);

/**
 * ptdump_map_level_name() - a mapping level as the linear-map report names it
 * @l: the level
 *
 * Return: "pud" ... "pte", or "?".
 */
const char *ptdump_map_level_name(enum mp_map_level l);

/**
 * ptdump_memstart_from_iomem() - memstart_addr from /proc/iomem
 * @data: the /proc/iomem text
 * @len: its bytes
 * @page_shift: the kernel's page size
 * @memstart: set to the lowest top-level "System RAM" or "reserved" (no-map memory,
 *	request_standard_resources()) start, rounded down to mp_memstart_align() (the
 *	core's ARM64_MEMSTART_ALIGN)
 *
 * Exact for kernels without linear-map randomisation (CONFIG_RANDOMIZE_BASE=n or
 * nokaslr) whose memory fits the linear map.
 *
 * Return: PTDUMP_OK, PTDUMP_EINVAL or PTDUMP_ENOENT (no System RAM).
 */
int ptdump_memstart_from_iomem(const char *data, size_t len, unsigned page_shift,
			       uint64_t *memstart);

struct ptdump_phys {
	struct mp_map_range *r;	/* physical, inclusive ends, address order */
	size_t n, cap;
	uint64_t page_offset;	/* the PAGE_OFFSET used */
};

/**
 * ptdump_linear_phys() - a dump's linear map as physical ranges
 * @pd: the dump ("Linear Mapping start" section)
 * @page_offset: PAGE_OFFSET; 0: the section's first address
 * @memstart: memstart_addr (ptdump_memstart_from_iomem())
 * @out: set to the ranges with their mapping level, adjacent runs of the same
 *	level merged (the plan's linear_map.ranges); holes (entries without
 *	attributes, or not valid) left out.  Zeroed; freed again on failure
 *
 * Return: PTDUMP_OK or a negative &enum ptdump_err.
 */
int ptdump_linear_phys(const struct ptdump *pd, uint64_t page_offset, uint64_t memstart,
		       struct ptdump_phys *out);

/**
 * ptdump_phys_free() - free what ptdump_linear_phys() made
 * @out: the ranges
 */
void ptdump_phys_free(struct ptdump_phys *out);

/**
 * ptdump_strerror() - the message of an error code
 * @err: an &enum ptdump_err value
 *
 * Return: a static string.
 */
const char *ptdump_strerror(int err);

#endif /* MEMPLAN_PTDUMP_H */
