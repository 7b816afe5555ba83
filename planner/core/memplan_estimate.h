/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memplan_estimate.h - sizing crashkernel= (memplan estimate); part of the
 * core's interface, included by memplan.h.
 */
#ifndef MEMPLAN_ESTIMATE_H
#define MEMPLAN_ESTIMATE_H

#include "memplan.h"


#define MP_ESTIMATE_MAX_ADDITIONS 2

/* kdump-utils' recommendation for one board and kernel */
struct mp_crash_estimate {
	mp_u64 ram;		/* the RAM sized for */
	mp_u64 table;		/* the table's size; 0: below 2 GiB, none recommended */
	struct {
		mp_u64 size;
		const char *why;
		bool smmu;	/* the SMMU's queues (@iommu names it) */
	} add[MP_ESTIMATE_MAX_ADDITIONS];
	size_t nr_add;
	const char *iommu;	/* the SMMU (or "an `iommus` property") found, or NULL */
	bool assume_16k;	/* 16K pages: the 4K numbers, kdump-utils has none */
	mp_u64 size;		/* table + additions: the size to ask for */
	bool too_big;		/* not below the RAM: the kernel rejects it */
};

/**
 * mp_crash_recommend() - the crashkernel= size kdump-utils recommends
 * @fdt: the DT (searched for an Arm SMMU or an `iommus` user)
 * @page_shift: the kernel's page size, 12, 14 or 16
 * @ram: the memory size to size for (memblock's total, see mp_plan_ram())
 * @e: the table size, each addition with its reason, and the sum
 *
 * Fedora/RHEL kdump-utils' kdump_get_arch_recommend_crashkernel() (aarch64):
 * 2G-4G:256M,4G-64G:320M,64G-:576M; 64K pages +100M, and +384M with an SMMU.
 * 16K pages use the 4K numbers (@e->assume_16k).  @e->too_big mirrors
 * parse_crashkernel() (kernel/crash_reserve.c, 6.12), which drops a size that
 * is not below the RAM.
 */
void mp_crash_recommend(const void *fdt, unsigned int page_shift, mp_u64 ram,
			struct mp_crash_estimate *e);

/**
 * mp_plan_ram() - the RAM crashkernel= ranges are sized against
 * @plan: a plan
 *
 * Return: the sum of the plan's memory banks (memblock_phys_mem_size()).
 */
mp_u64 mp_plan_ram(const struct mp_plan *plan);

/**
 * mp_crash_default_low_size() - the ,low region crashkernel=X,high adds alone
 * @p: the kernel profile
 *
 * 6.1's reserve_crashkernel() (arch/arm64/mm/init.c) reserves no low region
 * unless ,low is given; 6.2+ (kernel/crash_reserve.c in 6.12) reserves
 * DEFAULT_CRASH_KERNEL_LOW_SIZE, 128 MiB, below the DMA limit.
 *
 * Return: 0 for linux-6.1, 128 MiB for the others.
 */
mp_u64 mp_crash_default_low_size(enum mp_profile p);

/**
 * mp_crash_low_reserved() - is a crash region reserved below the DMA limit?
 * @c: the plan's crash kernel
 *
 * Return: true when the crash kernel was reserved and its low region (the
 * whole region, or the ,low part) ends below CRASH_ADDR_LOW_MAX.
 */
bool mp_crash_low_reserved(const struct mp_crash *c);

/**
 * mp_crash_fits_low() - is the crash kernel entirely below the DMA limit?
 * @c: the plan's crash kernel
 *
 * Return: mp_crash_low_reserved() without any region above the limit.
 */
bool mp_crash_fits_low(const struct mp_crash *c);

enum mp_crash_form { MP_CRASH_FORM_LOW, MP_CRASH_FORM_HIGH };

/**
 * mp_crash_param() - the crashkernel= parameter(s) for a size and form
 * @buf: where the text goes
 * @len: its size
 * @form: MP_CRASH_FORM_LOW "crashkernel=SIZE"; MP_CRASH_FORM_HIGH
 *	"crashkernel=SIZE,high", plus an explicit "crashkernel=128M,low" for a
 *	kernel without a default low region (mp_crash_default_low_size())
 * @p: the kernel profile
 * @size: the size, written in MiB
 */
void mp_crash_param(char *buf, size_t len, enum mp_crash_form form, enum mp_profile p,
		    mp_u64 size);

/**
 * mp_crash_smaller() - the next smaller crashkernel= size to try
 * @size: the size that did not fit
 *
 * Sizes go down in 32 MiB steps (multiples of 32 MiB) to mp_crash_min_size().
 *
 * Return: the next size, or 0 when none is left.
 */
mp_u64 mp_crash_smaller(mp_u64 size);

/**
 * mp_crash_min_size() - the smallest crashkernel= memplan proposes
 *
 * Return: 128 MiB: below it a distribution's capture kernel does not boot.
 */
mp_u64 mp_crash_min_size(void);

#endif /* MEMPLAN_ESTIMATE_H */
