/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memplan_devmem.h - ZONE_DEVICE private memory: where memremap_pages() can
 * put it, and where request_free_mem_region() does (devmem.c).  Included by
 * memplan.h.
 */
#ifndef MEMPLAN_DEVMEM_H
#define MEMPLAN_DEVMEM_H


enum mp_devmem_kind {
	MP_DEVMEM_RAM, MP_DEVMEM_HOTPLUG, MP_DEVMEM_RESERVED, MP_DEVMEM_MMIO, MP_DEVMEM_BUS,
	/*
	 * address space a memory device claims at run time (a virtio-mem
	 * device's region, DIMM slots): in no DT and not in iomem at boot
	 */
	MP_DEVMEM_DEVICE,
	MP_DEVMEM_KINDS
};

/**
 * mp_devmem_kind_name() - the name of an obstacle kind, as devmem prints it
 * @k: the kind
 *
 * Return: "RAM", "hotpluggable", "reserved", "MMIO", "bus window", "device memory",
 * or "?".
 */
const char *mp_devmem_kind_name(enum mp_devmem_kind k);

/* a physical range the device memory must not overlap */
struct mp_devmem_obstacle {
	mp_u64 base, size;
	enum mp_devmem_kind kind;
	const char *path;	/* DT node path, "memory bank" or the rmem path */
	/*
	 * in iomem when a driver asks, so the kernel's pick avoids it: the
	 * memory the kernel added (the plan's banks), reserved ranges, MMIO, bus
	 * windows; not a memory node's range as the DT has it (what mem= or the
	 * linear map's reach took away is not System RAM) nor device memory
	 */
	bool iomem;
};

#define MP_DEVMEM_MAX_CANDIDATES 256
#define MP_DEVMEM_SHOWN 3	/* obstacles named per candidate */

/* one section-aligned range tried, top-down */
struct mp_devmem_candidate {
	mp_u64 base, end;	/* exclusive end */
	bool chosen;
	size_t obstacle[MP_DEVMEM_SHOWN];	/* indices into ob[], the first ones met */
	size_t nr_obstacles;
	size_t more;		/* overlapping obstacles not in obstacle[] */
};

struct mp_devmem {
	mp_u64 asked;		/* the size asked for */
	mp_u64 size;		/* rounded up to whole sections */
	mp_u64 section;		/* 1 << SECTION_SIZE_BITS */
	mp_u64 pa_top;		/* 2^CONFIG_ARM64_PA_BITS */
	mp_u64 memstart;	/* memstart_addr, from the plan */
	mp_u64 linear_top;	/* memstart + 2^(VA_BITS - 1) */
	mp_u64 top;		/* where the search starts: min(pa_top, linear_top) */
	mp_u64 ram_top;		/* end of the highest non-hotpluggable RAM */
	struct mp_devmem_obstacle *ob;
	size_t nr, cap;
	size_t counts[MP_DEVMEM_KINDS];	/* obstacles of each kind */
	size_t untranslated;	/* reg entries that are not memory mapped */
	struct mp_devmem_candidate *cand;
	size_t nr_cand;
	bool found;		/* cand[nr_cand - 1] is free */
	/*
	 * the kernel's own pick for the same size (request_free_mem_region():
	 * 6.12's get_free_mem_region() top-down from PHYSMEM_END, the end of the
	 * linear map; 6.1's __request_free_mem_region() from 2^MAX_PHYSMEM_BITS),
	 * in steps of a section, clear of what iomem holds (RAM, reserved, MMIO,
	 * bus windows; here: every obstacle)
	 */
	mp_u64 kernel_top;	/* the exclusive end the kernel searches down from */
	/*
	 * kernel_top is the linear map's end with no KASLR shift assumed: with
	 * one, PHYSMEM_END is lower by the shift (mp_plan.linear_offset)
	 */
	bool kernel_top_assumed;
	mp_u64 kernel_base;	/* its pick, valid with kernel_found */
	bool kernel_found;
	/*
	 * the pick lies in a range not in iomem when the driver asks
	 * (ob[kernel_collision]): device memory, or DT memory the kernel did not
	 * add; get_free_mem_region() sees only iomem, where such memory appears
	 * when a device probes or memory is plugged
	 */
	bool kernel_collides;
	size_t kernel_collision;
};

/**
 * mp_devmem_place() - choose a physical range for ZONE_DEVICE private memory
 * @plan: the plan of the kernel that will call memremap_pages()
 * @fdt: the DT @plan was made from
 * @asked: the bytes wanted (rounded up to whole memory sections)
 * @device: address space memory devices claim at run time (a virtio-mem
 *	device's region, DIMM slots), which the DT does not describe; or NULL
 * @nr_device: how many ranges
 * @arena: memory for @d's arrays (the plan's arena will do)
 * @d: the answer: the obstacles, each candidate tried and why it was rejected
 *
 * Mirrors what a driver gets from request_free_mem_region() (kernel/resource.c,
 * top-down) within arch_get_mappable_range() (arch/arm64/mm/mmu.c, 6.1 and
 * 6.12): [memstart_addr, memstart_addr + 2^(VA_BITS-1)) below 2^PA_BITS, in
 * whole sections (SECTION_SIZE_BITS), clear of every RAM, reserved,
 * hotpluggable, MMIO reg and bus window range of the DT (reg translated
 * through `ranges` as of_translate_address() does) and of @device.  The
 * kernel's own pick skips what iomem holds when the driver asks: the memory it
 * added (hotpluggable DT memory is System RAM from boot on), reserved ranges,
 * MMIO and bus windows, not @device nor DT memory that mem= or the linear
 * map's reach left out, so it may land there (@d->kernel_collides).
 *
 * Return: 0 (@d->found says whether a range is free), -MP_ERR_BADARG for a
 * size of 0 or one that cannot be rounded to a section, or -MP_ERR_NOSPACE.
 */
int mp_devmem_place(const struct mp_plan *plan, const void *fdt, mp_u64 asked,
		    const struct mp_range *device, size_t nr_device, struct mp_arena *arena,
		    struct mp_devmem *d);

#endif /* MEMPLAN_DEVMEM_H */
