/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * behaviour.h - what differs between the kernels of the profiles
 * (behaviour.c), as flags the phases ask instead of a version.
 */
#ifndef MEMPLAN_BEHAVIOUR_H
#define MEMPLAN_BEHAVIOUR_H

#include "memplan.h"

/*
 * One named flag per behaviour that changed between the kernels modelled,
 * filled once per profile by mp_behaviour_of().  The comment names the
 * kernel function and the release where the 6.12 behaviour appeared.
 */
struct mp_behaviour {
	/* memblock_double_array() panics when it cannot grow (6.1: fails softly) */
	bool mb_resize_panics;
	/* 6.1: an empty memblock type counts one dummy region */
	bool mb_empty_cnt_is_one;
	/* 6.1: memblock_merge_regions() walks the whole array (later: a window) */
	bool mb_merge_all;
	/* 6.1: arm64_memblock_init() and map_mem() start the kernel at _stext; _text since 6.12.54 */
	bool kernel_from_stext;
	/* 6.1: paging_init() maps the kernel and the idmap with early-allocated tables */
	bool paging_init_early_tables;
	/* reserve_crashkernel_generic() (arm64 since 6.7) instead of arm64's own */
	bool crash_generic;
	/* the option without which crashkernel= is ignored (CRASH_RESERVE since 6.9) */
	const char *crash_config;
	/* ",high" without ",low" gets DEFAULT_CRASH_KERNEL_LOW_SIZE, 128 MiB (6.2+) */
	bool crash_low_default;
	/* crashkernel=SIZE,cma is a token of its own (6.16) */
	bool crash_suffix_cma;
	/* parse_crashkernel_mem()'s message for a range without a size (6.1: no "crashkernel: ") */
	const char *crash_range_size_msg;
	/* parse_crashkernel_simple()'s message for "@" without a number (6.12 spells it "crahskernel") */
	const char *crash_at_msg;
	/* 6.1: without ZONE_DMA/DMA32 the crash kernel is reserved in arm64_memblock_init() */
	bool crash_early_without_dma_zones;
	/* memplan 0002: the DMA limit from the flattened DT, crash reserved in arm64_memblock_init() */
	bool crash_early_from_fdt_dma;
	/* 5.11-6.3: crashkernel= with ZONE_DMA/DMA32 maps all RAM with pages (dropped in 6.4) */
	bool crash_forces_page_linear_map;
	/* 6.1: map_mem() maps an early-reserved crash region with pages only (dropped in 6.4) */
	bool crash_mapped_with_pages;
	/* memplan 0003/0004: the crash region mapped on its own and protected after kexec -p */
	bool crash_protected;
	/* 6.12: map_mem() rounds each memblock range inward to pages */
	bool map_mem_rounds_to_pages;
	/* 6.1: ZONE_DMA's end from a bit count (zone_dma_bits); 6.12 (zone_dma_limit) is exact */
	bool zone_dma_from_bits;
	/*
	 * 6.1: an off-stack cpumask is nr_cpu_ids bits (nr_cpumask_bits); 6.12
	 * (large_cpumask_bits) NR_CPUS while NR_CPUS fits in 4 longs
	 */
	bool cpumask_nr_cpu_ids;
	/*
	 * 6.12: get_free_mem_region() searches down from PHYSMEM_END, on arm64
	 * the linear map's end; 6.1 from 2^MAX_PHYSMEM_BITS
	 */
	bool free_mem_region_from_pa_bits;
	/*
	 * 6.1: fdt_init_reserved_mem() sorts every record, then allocates the
	 * dynamic ones and inits drivers in sorted order; 6.12's reworked
	 * of_reserved_mem.c allocates in DT order and records static regions
	 * only at unflatten time (fdt_scan_reserved_mem_reg_nodes())
	 */
	bool rmem_sorted_init;
	/* the pr_fmt of the reserved-memory messages: 6.1 "OF: fdt: " (fdt.c) */
	const char *rmem_log_prefix;
	/* "OF: reserved mem: BASE..END (N KiB) nomap ..." for each region (not in 6.1) */
	bool rmem_log_each;
	/* alloc-ranges go through early_init_dt_alloc_reserved_memory_arch()'s range search */
	bool rmem_alloc_ranges_by_arch;
	/* __rmem_cmp(): records of equal base and size keep DT order (not in 6.1) */
	bool rmem_sort_ties_by_fdt;
	/* memplan 0005: dynamic reserved_mem records in memblock memory, no limit of 64 */
	bool rmem_dynamic_unlimited;
	/* pageblock_order follows THP as well as HugeTLB (not in 6.1): CMA alignment */
	bool cma_thp_pageblock;
	/* "cma: Reserved N MiB at ADDR on node -1" (6.1 prints no node) */
	bool cma_log_node;
	/* struct bin_attribute has llseek (6.11; not in 6.1): sizeof(struct property) */
	bool bin_attribute_llseek;
	/* the struct layouts of kstruct.c are written down for this kernel (not mainline's) */
	bool kstruct_rules;
	/* 6.1: numa_init() allocates the distance table first, for each init function tried */
	bool numa_distance_eager;
	/* 6.1: CONFIG_ARCH_FORCE_MAX_ORDER is MAX_ORDER, one above the largest order */
	bool max_order_exclusive;
	/* 6.1: map_kernel() and create_idmap() take table pages: how many (4K, 48-bit) */
	unsigned int map_kernel_tables, idmap_tables;
	/* 6.1: VMEMMAP_START = -2^(VA_BITS - 6 + 12 - PAGE_SHIFT), the fixmap 32 MiB below it */
	bool vmemmap_layout_61;
};

/**
 * mp_behaviour_of() - the behaviour flags of a kernel profile
 * @profile: the profile
 * @b: filled with the profile's flags
 *
 * mainline is 6.12 plus the later changes read (",cma", the fixed
 * "crahskernel" typo); memplan-6.12 is 6.12 plus the kernel series of
 * kernel-patches/6.12 (0002, 0003/0004, 0005).
 *
 * Return: 0, or -MP_ERR_BADARG for an unknown profile (@b untouched).
 */
int mp_behaviour_of(enum mp_profile profile, struct mp_behaviour *b);

#endif /* MEMPLAN_BEHAVIOUR_H */
