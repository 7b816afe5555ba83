// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * behaviour.c - what differs between the kernels memplan models, as named
 * behaviour flags filled once per profile.  Phase code asks the flag, never
 * the kernel version, so a rule that changed in a kernel release is changed
 * here, once, with the release that changed it.
 *
 * The releases named below are where the behaviour first appears in the
 * mainline history between the kernels modelled (Debian's 6.1.x and
 * 6.12.x, and the newest mainline read); each was checked against real boots
 * of the two Debian kernels (the fidelity corpus).
 */
#include "internal.h"

/* linux-6.12 (Debian 6.12.x): the generic crash reservation, the reworked reserved_mem */
static const struct mp_behaviour linux_6_12 = {
	/* memblock: mm/memblock.c */
	.mb_resize_panics = true, .mb_empty_cnt_is_one = false, .mb_merge_all = false,
	/* the kernel image: arm64_memblock_init(), paging_init() */
	.kernel_from_stext = false, .paging_init_early_tables = false,
	/* crashkernel=: kernel/crash_reserve.c */
	.crash_generic = true, .crash_config = "CONFIG_CRASH_RESERVE", .crash_low_default = true,
	.crash_suffix_cma = false, .crash_range_size_msg = "crashkernel: Memory value expected",
	.crash_at_msg = "crahskernel: Memory value expected after '@'",
	.crash_early_without_dma_zones = false, .crash_early_from_fdt_dma = false,
	.crash_forces_page_linear_map = false, .crash_mapped_with_pages = false,
	.crash_protected = false,
	/* the linear map and the zones: map_mem(), zone_sizes_init() */
	.map_mem_rounds_to_pages = true, .zone_dma_from_bits = false,
	/* reserved memory: drivers/of/of_reserved_mem.c */
	.rmem_sorted_init = false, .rmem_log_prefix = "OF: reserved mem: ", .rmem_log_each = true,
	.rmem_alloc_ranges_by_arch = true, .rmem_sort_ties_by_fdt = true,
	.rmem_dynamic_unlimited = false,
	/* CMA: mm/cma.c */
	.cma_thp_pageblock = true, .cma_log_node = true,
	/* the sizes of the early allocations (kstruct.c, sparse.c) */
	.bin_attribute_llseek = true, .kstruct_rules = true, .numa_distance_eager = false,
	.max_order_exclusive = false, .map_kernel_tables = 0, .idmap_tables = 0,
	.vmemmap_layout_61 = false,
};

/**
 * mp_behaviour_of() - the behaviour flags of a kernel profile
 * @profile: the profile
 * @b: filled with the profile's flags
 *
 * Each profile is told as its difference from 6.12: 6.1 is older in all the
 * ways struct mp_behaviour names; mainline is 6.12 plus the later changes read (",cma", the fixed "crahskernel"
 * typo); memplan-6.12 is 6.12 plus the kernel series of kernel-patches/6.12.
 *
 * Return: 0, or -MP_ERR_BADARG for an unknown profile.
 */
int mp_behaviour_of(enum mp_profile profile, struct mp_behaviour *b)
{
	switch (profile) {
	case MP_LINUX_6_1:
		*b = linux_6_12;
		/* memblock before 6.12: soft resize failure, a dummy region, full merges */
		b->mb_resize_panics = false;
		b->mb_empty_cnt_is_one = true;
		b->mb_merge_all = true;
		b->kernel_from_stext = true;
		b->paging_init_early_tables = true;
		/* arm64's own reserve_crashkernel(), under CONFIG_KEXEC_CORE */
		b->crash_generic = false;
		b->crash_config = "CONFIG_KEXEC_CORE";
		b->crash_low_default = false;
		b->crash_range_size_msg = "Memory value expected";
		b->crash_at_msg = "Memory value expected after '@'";
		b->crash_early_without_dma_zones = true;
		b->crash_forces_page_linear_map = true;
		b->crash_mapped_with_pages = true;
		b->map_mem_rounds_to_pages = false;
		b->zone_dma_from_bits = true;
		b->cpumask_nr_cpu_ids = true;
		b->free_mem_region_from_pa_bits = true;
		/* of/fdt.c's reserved-memory code before the of_reserved_mem.c rework */
		b->rmem_sorted_init = true;
		b->rmem_log_prefix = "OF: fdt: ";
		b->rmem_log_each = false;
		b->rmem_alloc_ranges_by_arch = false;
		b->rmem_sort_ties_by_fdt = false;
		b->cma_thp_pageblock = false;
		b->cma_log_node = false;
		b->bin_attribute_llseek = false;
		b->numa_distance_eager = true;
		b->max_order_exclusive = true;
		/*
		 * measured with memblock=debug on Debian's 6.1 (4K, 48-bit VA, KPTI):
		 * map_kernel() 7 pages (PUD, PMD and the PTE tables of the segment
		 * edges; one more if KASLR puts the image across 1 GiB), then
		 * create_idmap() 4 (the idmap text and KPTI's flag)
		 */
		b->map_kernel_tables = 7;
		b->idmap_tables = 4;
		b->vmemmap_layout_61 = true;
		return 0;
	case MP_LINUX_6_12:
		*b = linux_6_12;
		return 0;
	case MP_MAINLINE:
		*b = linux_6_12;
		/* crashkernel=...,cma (6.16): a CMA-backed part of the crash kernel */
		b->crash_suffix_cma = true;
		/* "crahskernel" was fixed after 6.12 (kernel/crash_reserve.c) */
		b->crash_at_msg = "crashkernel: Memory value expected after '@'";
		/* struct bin_attribute changed after 6.12: sizes only from BTF */
		b->kstruct_rules = false;
		return 0;
	case MP_MEMPLAN_6_12:
		*b = linux_6_12;
		/* 0002: the DMA limit from the flattened DT, crash reserved early */
		b->crash_early_from_fdt_dma = true;
		/* 0003/0004: the crash region mapped on its own, with blocks, protected */
		b->crash_protected = true;
		/* 0005: reserved_mem records in memblock memory, no 64-node limit */
		b->rmem_dynamic_unlimited = true;
		return 0;
	default:
		return -MP_ERR_BADARG;
	}
}
