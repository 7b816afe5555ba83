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

/* linux-6.1: arm64's own crash reservation, the reserved-memory code before its rework */
static const struct mp_behaviour linux_6_1 = {
	/* memblock_double_array() could still fail softly; merge walks every region */
	.mb_resize_panics = false,
	.mb_empty_cnt_is_one = true,
	.mb_merge_all = true,
	.kernel_from_stext = true,
	.paging_init_early_tables = true,
	.crash_generic = false,
	.crash_config = "CONFIG_KEXEC_CORE",
	.crash_low_default = false,
	.crash_suffix_cma = false,
	.crash_range_size_msg = "Memory value expected",
	.crash_at_msg = "Memory value expected after '@'",
	.crash_early_without_dma_zones = true,
	.crash_early_from_fdt_dma = false,
	.crash_forces_page_linear_map = true,
	.crash_mapped_with_pages = true,
	.crash_protected = false,
	.map_mem_rounds_to_pages = false,
	.zone_dma_from_bits = true,
	.rmem_sorted_init = true,
	.rmem_log_prefix = "OF: fdt: ",
	.rmem_log_each = false,
	.rmem_alloc_ranges_by_arch = false,
	.rmem_sort_ties_by_fdt = false,
	.rmem_dynamic_unlimited = false,
	.cma_thp_pageblock = false,
	.cma_log_node = false,
};

/* linux-6.12 (Debian 6.12.x): the generic crash reservation, the reworked reserved_mem */
static const struct mp_behaviour linux_6_12 = {
	.mb_resize_panics = true,
	.mb_empty_cnt_is_one = false,
	.mb_merge_all = false,
	.kernel_from_stext = false,
	.paging_init_early_tables = false,
	.crash_generic = true,
	.crash_config = "CONFIG_CRASH_RESERVE",
	.crash_low_default = true,
	.crash_suffix_cma = false,
	.crash_range_size_msg = "crashkernel: Memory value expected",
	.crash_at_msg = "crahskernel: Memory value expected after '@'",
	.crash_early_without_dma_zones = false,
	.crash_early_from_fdt_dma = false,
	.crash_forces_page_linear_map = false,
	.crash_mapped_with_pages = false,
	.crash_protected = false,
	.map_mem_rounds_to_pages = true,
	.zone_dma_from_bits = false,
	.rmem_sorted_init = false,
	.rmem_log_prefix = "OF: reserved mem: ",
	.rmem_log_each = true,
	.rmem_alloc_ranges_by_arch = true,
	.rmem_sort_ties_by_fdt = true,
	.rmem_dynamic_unlimited = false,
	.cma_thp_pageblock = true,
	.cma_log_node = true,
};

/**
 * mp_behaviour_of() - the behaviour flags of a kernel profile
 * @profile: the profile
 * @b: filled with the profile's flags
 *
 * mainline is 6.12 plus the later changes read (",cma", the fixed "crahskernel"
 * typo); memplan-6.12 is 6.12 plus the kernel series of kernel-patches/6.12.
 *
 * Return: 0, or -MP_ERR_BADARG for an unknown profile.
 */
int mp_behaviour_of(enum mp_profile profile, struct mp_behaviour *b)
{
	switch (profile) {
	case MP_LINUX_6_1:
		*b = linux_6_1;
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
