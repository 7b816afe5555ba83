// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * estimate.c - the crashkernel= size to recommend for one board and kernel,
 * and the forms to try when it does not fit below the DMA limit.
 *
 * The size follows Fedora/RHEL kdump-utils (kdump-lib.sh,
 * kdump_get_arch_recommend_crashkernel(), aarch64 branch):
 *   base table "2G-4G:256M,4G-64G:320M,64G-:576M" (4K kernels; below 2 GiB: none);
 *   64K-page kernels: +100M ("the diff of MemFree between 4K and 64K measured on
 *   a high end aarch64 machine is 82M"), and +384M more with an Arm SMMU
 *   ("cmdq_num * 16 bytes + evtq_num * 32B + priq_num * 16B ... on a 4K
 *   system, it is negligible").
 * kdump-utils has no 16K variant: memplan uses the 4K numbers for 16K (an
 * assumption the caller reports).  What the kernel then does with the size
 * (crashkernel=X,high and its default ,low) is the kernel's rule: the
 * behaviour flag crash_low_default the crashkernel= parser asks (cmdline.c).
 */
#include "internal.h"

#define CRASH_STEP (32 * MP_SZ_M)	/* the smaller sizes tried, and their alignment */
#define CRASH_MIN (128 * MP_SZ_M)	/* below this a distro capture kernel does not boot */
mp_u64 mp_crash_default_low_size(enum mp_profile p)
{
	struct mp_behaviour b;

	/* the flag the crashkernel= parser asks (cmdline.c): 6.2+ only */
	if (mp_behaviour_of(p, &b))
		return 0;
	return b.crash_low_default ? MP_CRASH_LOW_DEFAULT : 0;
}

/* kdump-utils' aarch64 table: 2G-4G:256M,4G-64G:320M,64G-:576M */
static mp_u64 table_size(mp_u64 ram)
{
	if (ram < 2 * MP_SZ_G)
		return 0;
	if (ram < 4 * MP_SZ_G)
		return 256 * MP_SZ_M;
	if (ram < 64 * MP_SZ_G)
		return 320 * MP_SZ_M;
	return 576 * MP_SZ_M;
}

/* has the DT an Arm SMMU (or any IOMMU user)?  Its name, or NULL */
static const char *find_iommu(const void *fdt)
{
	static const char *const compat[] = { "arm,smmu-v3", "arm,mmu-500", "arm,smmu-v2",
					      "arm,mmu-401", "arm,smmu-v1" };
	int node, depth = 0;
	size_t i;

	for (i = 0; i < MP_ARRAY_SIZE(compat); i++)
		if (fdt_node_offset_by_compatible(fdt, -1, compat[i]) >= 0)
			return compat[i];
	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth))
		if (fdt_getprop(fdt, node, "iommus", NULL))
			return "an `iommus` property";
	return NULL;
}

static void addition(struct mp_crash_estimate *e, mp_u64 size, const char *why, bool smmu)
{
	if (e->nr_add < MP_ESTIMATE_MAX_ADDITIONS) {
		e->add[e->nr_add].size = size;
		e->add[e->nr_add].why = why;
		e->add[e->nr_add].smmu = smmu;
		e->nr_add++;
	}
}

void mp_crash_recommend(const void *fdt, unsigned int page_shift, mp_u64 ram,
			struct mp_crash_estimate *e)
{
	size_t i;

	mp_memset(e, 0, sizeof(*e));
	e->ram = ram;
	e->table = table_size(ram);
	if (!e->table)
		return;
	if (page_shift == 16)
		addition(e, 100 * MP_SZ_M,
			 "64K pages (kdump-utils: measured MemFree difference 82M)", false);
	else if (page_shift == 14)
		e->assume_16k = true;
	e->iommu = find_iommu(fdt);
	if (e->iommu && page_shift == 16)
		addition(e, 384 * MP_SZ_M,
			 "SMMU with 64K pages (kdump-utils: cmdq*16B + evtq*32B + priq*16B queues)",
			 true);
	e->size = e->table;
	for (i = 0; i < e->nr_add; i++)
		e->size += e->add[i].size;
	/* parse_crashkernel() rejects a size that is not below the RAM size */
	e->too_big = e->size >= ram;
}

mp_u64 mp_plan_ram(const struct mp_plan *plan)
{
	mp_u64 ram = 0;
	size_t i;

	for (i = 0; i < plan->nr_banks; i++)
		ram += plan->banks[i].size;
	return ram;
}

bool mp_crash_low_reserved(const struct mp_crash *c)
{
	return c->status == MP_CRASH_RESERVED && c->low_present &&
	       c->low_base + c->low_size <= c->low_max;
}

bool mp_crash_fits_low(const struct mp_crash *c)
{
	return mp_crash_low_reserved(c) && !c->high_present;
}

void mp_crash_param(char *buf, size_t len, enum mp_crash_form form, enum mp_profile p,
		    mp_u64 size)
{
	unsigned long long mib = size / MP_SZ_M;

	if (form == MP_CRASH_FORM_LOW)
		mp_snprintf(buf, len, "crashkernel=%lluM", mib);
	else if (mp_crash_default_low_size(p))
		mp_snprintf(buf, len, "crashkernel=%lluM,high", mib);
	else	/* without ,low the capture kernel has no DMA-able memory */
		mp_snprintf(buf, len, "crashkernel=%lluM,high crashkernel=%lluM,low", mib,
			    (unsigned long long)(MP_CRASH_LOW_DEFAULT / MP_SZ_M));
}

mp_u64 mp_crash_smaller(mp_u64 size)
{
	mp_u64 s;

	if (size < CRASH_STEP)
		return 0;
	s = mp_round_down(size - CRASH_STEP, CRASH_STEP);
	return s >= CRASH_MIN ? s : 0;
}

mp_u64 mp_crash_min_size(void)
{
	return CRASH_MIN;
}
