/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memplan_early.h - the early allocations as a plan states them: the sizes of
 * the kernel structs they are made of and where each came from (the BTF, the
 * .config, or typical), and the memblock calls a memblock=debug log shows.
 */
#ifndef MEMPLAN_EARLY_H
#define MEMPLAN_EARLY_H

#include "memplan_env.h"

/* The kernel structs the early allocations are sized by (kstruct.c). */
enum mp_kstruct {
	MP_KS_DEVICE_NODE,	/* struct device_node: the unflattened DT */
	MP_KS_PROPERTY,		/* struct property: the unflattened DT */
	MP_KS_PGLIST_DATA,	/* pg_data_t: NODE_DATA() with NUMA */
	MP_KS_MEM_SECTION_USAGE, /* struct mem_section_usage without its bitmap: usemaps */
	MP_KS_COUNT
};

/* where the size of one struct came from */
enum mp_ksize_src {
	MP_KSIZE_UNUSED,	/* this kernel does not allocate it early */
	MP_KSIZE_BTF,		/* the kernel's BTF (--btf) */
	MP_KSIZE_RULE,		/* the .config, by the layout written down for the version */
	MP_KSIZE_ESTIMATED,	/* a typical size: the BTF would make it exact */
};

struct mp_ksize {
	mp_u64 bytes;
	enum mp_ksize_src src;
};

/**
 * mp_kstruct_name() - a struct's name, as the kernel's BTF has it
 * @k: the struct
 *
 * Return: "device_node", "property", "pglist_data" or "mem_section_usage".
 */
const char *mp_kstruct_name(enum mp_kstruct k);

/**
 * mp_ksize_src_name() - the name plans give a size's source
 * @s: the source
 *
 * Return: "btf", "kconfig", "estimated" or "unused".
 */
const char *mp_ksize_src_name(enum mp_ksize_src s);

/**
 * struct mp_mb_event - memblock calls as memblock=debug logs them
 * @base: the lowest address
 * @size: the bytes of all @count calls together
 * @count: how many calls of @size / @count bytes each, the next below the
 *	previous (a run of page-table pages top-down); 1 for a single call
 * @free: memblock_phys_free() rather than memblock_reserve()
 */
struct mp_mb_event {
	mp_u64 base, size, count;
	bool free;
};

#endif /* MEMPLAN_EARLY_H */
