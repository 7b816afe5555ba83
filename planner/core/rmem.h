/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
#ifndef MEMPLAN_RMEM_H
#define MEMPLAN_RMEM_H
#include "dtscan.h"

/*
 * The properties of one /reserved-memory child, read in one pass over its
 * property list (looking each up by name would rescan the list every time).
 */
struct mp_rmem_props {
	union {
		struct {
			struct mp_dt_prop reg, size, align, ranges, compat, status;
			struct mp_dt_prop no_map, reusable, cma_default, dma_default;
		};
		struct mp_dt_prop all[10];	/* in mp_rmem_prop_names[] order */
	};
};

static inline struct mp_rmem_props *mp_rmem_props_of(struct mp_ctx *ctx, const struct mp_rmem *r)
{
	return &ctx->rmem_props[r - ctx->plan->rmem - ctx->rmem_first];
}


/**
 * mp_rmem_early() - early_init_fdt_scan_reserved_mem(), in the version's order (§7.1)
 * @ctx: the run, in arm64_memblock_init()
 *
 * The /reserved-memory children become plan records (dropped: status not
 * "okay", neither reg nor size, or every child when the node's cells differ
 * from the root's or it lacks ranges, __reserved_mem_check_root()).  Then 6.1:
 * /memreserve/, the static regions and their records (64 at most),
 * elfcorehdr, the sorted records' overlap report, dynamic allocation and
 * driver init in sorted order (fdt_init_reserved_mem()).  6.12 and mainline:
 * elfcorehdr, the static regions, dynamic allocation and driver init in DT
 * order (64 dynamic nodes at most; memplan-6.12 keeps their records in
 * memblock memory, no limit), then /memreserve/; the static records wait for
 * mp_rmem_late().
 *
 * Return: 0, or the fatal error that stopped the scan: -MP_ERR_NOSPACE when
 * the arena is full, -MP_ERR_BADINPUT in strict mode for a malformed reg,
 * size, alignment, alloc-ranges or compatible.
 */
int mp_rmem_early(struct mp_ctx *ctx);
/**
 * mp_rmem_late() - 6.12: fdt_scan_reserved_mem_reg_nodes() at unflatten_device_tree()
 * @ctx: the run, after mp_rmem_early() and paging_init()
 *
 * Nothing for 6.1, which did it all early, and only the kernel's "No
 * reserved-memory node" line without /reserved-memory.  Otherwise: the
 * reserved_mem[] array is allocated (48 bytes a record), memplan-6.12's early
 * records are given back, each available static node with a non-empty reg is
 * recorded and gets its driver init (a malformed reg is reported a second time,
 * extra reg entries are ignored with a line), then the overlap report.
 */
void mp_rmem_late(struct mp_ctx *ctx);

/**
 * mp_rmem_cma_activate() - cma_init_reserved_areas() over the DT's CMA pools
 * @ctx: the run, its memory sections known (after mp_sparse())
 *
 * Says an error (rmem-cma-outside-memory) for a pool that reaches a memory
 * section without memory: the kernel oopses reading struct pages there.
 */
void mp_rmem_cma_activate(struct mp_ctx *ctx);

/* rmem_init.c: the driver init of a region, __reserved_mem_init_node() */
/**
 * mp_rmem_is_compatible() - of_flat_dt_is_compatible() on a reserved-memory node
 * @ctx: the run
 * @r: a /reserved-memory child (its properties were read by mp_rmem_early())
 * @compat: the compatible string sought
 *
 * Return: true when any string of the node's compatible list equals @compat.
 */
bool mp_rmem_is_compatible(struct mp_ctx *ctx, const struct mp_rmem *r, const char *compat);
/**
 * mp_rmem_init_and_report() - the driver init of a region, and the kernel's line for it
 * @ctx: the run
 * @r: the region, reserved or allocated
 *
 * __reserved_mem_init_node() tries the RESERVEDMEM_OF_DECLARE handlers in
 * link order: the CMA pool and the coherent pool ("shared-dma-pool", with
 * CONFIG_DMA_CMA and CONFIG_DMA_DECLARE_COHERENT), the restricted DMA pool
 * ("restricted-dma-pool", CONFIG_DMA_RESTRICTED_POOL), the Tegra210 EMC
 * table.  As 6.12 fdt_init_reserved_mem_node() and the init half of 6.1
 * fdt_init_reserved_mem(): when a matching handler fails, the memory is given
 * back (no-map cleared, or freed; a dynamic no-map region stays reserved)
 * with an "rmem-init-failed" warning; otherwise 6.12 prints the region's
 * "OF: reserved mem:" line.  A region no handler matches stays reserved.
 */
void mp_rmem_init_and_report(struct mp_ctx *ctx, struct mp_rmem *r);

/* rmem_records.c: the kernel's reserved_mem[] array of records */
/**
 * mp_rmem_save_node() - record a region in reserved_mem[] (fdt_reserved_mem_save_node())
 * @ctx: the run
 * @r: the region
 * @capacity: the array's size: MAX_RESERVED_REGIONS (64) for the fixed
 *	array, or the count 6.12's late array (or memplan-6.12's early records)
 *	was sized for
 *
 * A full array logs "not enough space for all defined regions." and the
 * region gets no driver init.
 *
 * Return: true when recorded; false when the array is full, or the arena is
 * (then after mp_fail(-MP_ERR_NOSPACE)).
 */
bool mp_rmem_save_node(struct mp_ctx *ctx, struct mp_rmem *r, size_t capacity);
/**
 * mp_rmem_check_overlap() - the overlap report (__rmem_check_for_overlap())
 * @ctx: the run
 *
 * Sorts the records in place with the kernel's heapsort, by base then size
 * (6.12: equal ones in DT order, __rmem_cmp()); each neighbouring pair that
 * overlaps logs "OVERLAP DETECTED!" and the pair and is warned as
 * "rmem-overlap".  6.1 then allocates and inits in this sorted order.
 */
void mp_rmem_check_overlap(struct mp_ctx *ctx);
#endif
