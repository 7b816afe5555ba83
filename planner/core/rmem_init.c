// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * rmem_init.c - the driver init of one reserved-memory region,
 * __reserved_mem_init_node() (drivers/of/of_reserved_mem.c): the built-in
 * RESERVEDMEM_OF_DECLARE handlers the model knows (CMA pools, coherent and
 * restricted DMA pools, the Tegra EMC table), what each takes or gives back,
 * and the line the kernel prints for the region.
 */
#include "rmem.h"
#include "cmdline.h"

/* of_flat_dt_is_compatible(): any string of the list equals @compat */
bool mp_rmem_is_compatible(struct mp_ctx *ctx, const struct mp_rmem *r, const char *compat)
{
	const struct mp_rmem_props *pp = mp_rmem_props_of(ctx, r);

	return pp->compat.v && pp->compat.len > 0 &&
	       fdt_stringlist_contains(pp->compat.v, pp->compat.len, compat);
}

/* ---- driver init: __reserved_mem_init_node() ------------------------------ */

/* a handler whose code is not built in is absent from the table: -MP_ENOENT */
static int rmem_cma_setup(struct mp_ctx *ctx, struct mp_rmem *r)
{
	mp_u64 align = mp_cma_min_align(ctx);

	if (!ctx->in->kc.dma_cma)
		return -MP_ENOENT;
	if (ctx->cl->cma_set && r->cma_default) {
		mp_log(ctx, "Reserved memory: bypass %s node, using cmdline CMA params instead",
		       r->name);
		r->reason = "cma= on the command line overrides the linux,cma-default pool";
		return -MP_EBUSY;
	}
	if (!r->reusable || r->no_map)
		return -MP_EINVAL;
	if ((r->base | r->size) & (align - 1)) {
		mp_log(ctx, "Reserved memory: incorrect alignment of CMA region");
		r->reason = mp_aprintf(ctx->arena, "base/size not aligned to CMA_MIN_ALIGNMENT_BYTES "
				       "%#llx", (unsigned long long)align);
		return -MP_EINVAL;
	}
	/* cma_init_reserved_mem() */
	if (ctx->cma_areas_used >= ctx->in->kc.cma_areas) {
		mp_log(ctx, "cma: Not enough slots for CMA reserved regions!");
		mp_log(ctx, "Reserved memory: unable to setup CMA region");
		r->reason = "all CONFIG_CMA_AREAS slots are used";
		return -MP_ENOSPC;
	}
	if (!r->size || !mp_mb_is_region_reserved(&ctx->mb, r->base, r->size)) {
		mp_log(ctx, "Reserved memory: unable to setup CMA region");
		r->reason = "the region is not reserved in memblock";
		return -MP_EINVAL;
	}
	ctx->cma_areas_used++;
	if (r->cma_default) {
		ctx->plan->cma.present = true;
		ctx->plan->cma.base = r->base;
		ctx->plan->cma.size = r->size;
		ctx->plan->cma.source = MP_CMA_DT;
		ctx->plan->cma.requested = r->size;
	}
	mp_log(ctx, "Reserved memory: created CMA memory pool at %#018llx, size %llu MiB",
	       (unsigned long long)r->base, (unsigned long long)(r->size >> 20));
	r->init = "cma";
	return 0;
}

static int rmem_dma_setup(struct mp_ctx *ctx, struct mp_rmem *r)
{
	if (!ctx->in->kc.dma_declare_coherent)
		return -MP_ENOENT;
	if (r->reusable)
		return -MP_EINVAL;
	mp_log(ctx, "Reserved memory: created DMA memory pool at %#018llx, size %llu MiB",
	       (unsigned long long)r->base, (unsigned long long)(r->size >> 20));
	r->init = "dma-coherent";
	return 0;
}

static int rmem_swiotlb_setup(struct mp_ctx *ctx, struct mp_rmem *r)
{
	if (!ctx->in->kc.dma_restricted_pool)
		return -MP_ENOENT;
	if (r->reusable || r->cma_default || mp_rmem_props_of(ctx, r)->dma_default.v ||
	    r->no_map)
		return -MP_EINVAL;
	mp_log(ctx, "software IO TLB: Reserved memory: created restricted DMA pool at %#018llx, "
		    "size %llu MiB",
	       (unsigned long long)r->base, (unsigned long long)(r->size >> 20));
	r->init = "restricted-dma";
	return 0;
}

static int rmem_tegra210_emc_setup(struct mp_ctx *ctx, struct mp_rmem *r)
{
	(void)ctx;
	r->init = "tegra210-emc-table";
	return 0;
}

/*
 * The __reservedmem_of_table in link order: kernel/dma/contiguous.o,
 * coherent.o, swiotlb.o, then drivers/ (tegra210 EMC table).  Every entry whose
 * compatible the node has is tried until one succeeds; an entry whose code
 * is not configured in is absent (its setup says -MP_ENOENT).
 */
static const struct {
	const char *compat;
	int (*setup)(struct mp_ctx *ctx, struct mp_rmem *r);
} rmem_handlers[] = {
	{ "shared-dma-pool", rmem_cma_setup },
	{ "shared-dma-pool", rmem_dma_setup },
	{ "restricted-dma-pool", rmem_swiotlb_setup },
	{ "nvidia,tegra210-emc-table", rmem_tegra210_emc_setup },
};

static int init_node(struct mp_ctx *ctx, struct mp_rmem *r)
{
	int ret = -MP_ENOENT, err;
	size_t i;

	for (i = 0; i < MP_ARRAY_SIZE(rmem_handlers); i++) {
		if (!mp_rmem_is_compatible(ctx, r, rmem_handlers[i].compat))
			continue;
		err = rmem_handlers[i].setup(ctx, r);
		if (err == -MP_ENOENT)
			continue;
		ret = err;
		if (!ret) {
			mp_log(ctx, "OF: reserved mem: initialized node %s, compatible id %s", r->name,
			       rmem_handlers[i].compat);
			return 0;
		}
	}
	return ret;
}

/*
 * fdt_init_reserved_mem_node() (6.12) / the init half of
 * fdt_init_reserved_mem() (6.1): a failed init gives the memory back.
 */
void mp_rmem_init_and_report(struct mp_ctx *ctx, struct mp_rmem *r)
{
	int err = init_node(ctx, r);

	if (err && err != -MP_ENOENT) {
		mp_log(ctx, "OF: reserved mem: node %s compatible matching fail", r->name);
		if (r->no_map) {
			mp_mb_clear_nomap(&ctx->mb, r->base, r->size);
			if (r->kind == MP_RMEM_DYNAMIC) {
				r->reason = "driver init failed: no-map cleared, but a dynamic "
					    "region stays in memblock.reserved";
			} else {
				r->status = MP_RMEM_FREED;
				mp_forget_alloc(ctx, r->base, r->size, r->name);
				if (!r->reason)
					r->reason = "driver init failed: no-map cleared, the range "
						    "is ordinary memory again";
			}
		} else {
			mp_mb_phys_free(&ctx->mb, r->base, r->size);
			mp_forget_alloc(ctx, r->base, r->size, NULL);
			r->status = MP_RMEM_FREED;
			if (!r->reason)
				r->reason = "no driver accepted the region; it was freed";
		}
		mp_diag(ctx, MP_SEV_WARNING, "rmem-init-failed", r->path, "%s",
			r->reason ? r->reason : "driver init failed");
		return;
	}
	if (ctx->b.rmem_log_each)
		mp_log(ctx, "OF: reserved mem: %#018llx..%#018llx (%llu KiB) %s %s %s",
		       (unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1),
		       (unsigned long long)(r->size >> 10), r->no_map ? "nomap" : "map",
		       r->reusable ? "reusable" : "non-reusable", r->name);
}

/*
 * cma_init_reserved_areas() -> cma_activate_area() (mm/cma.c, core_initcall):
 * page_zone(pfn_to_page()) on every pfn of every CMA area.  A pool whose range
 * reaches a memory section with no memory has no memmap there (vmemmap never
 * populated it): the read faults and the kernel oopses before init.  Seen on
 * 6.12 with a static reusable pool outside a kdump kernel's
 * linux,usable-memory-range.
 */
void mp_rmem_cma_activate(struct mp_ctx *ctx)
{
	unsigned int bits = mp_section_size_bits(ctx->in->kc.page_shift);
	struct mp_plan *p = ctx->plan;
	size_t i;

	if (!bits)
		return;
	for (i = 0; i < p->nr_rmem; i++) {
		const struct mp_rmem *r = &p->rmem[i];
		mp_u64 s, end;

		if (!r->init || !mp_streq(r->init, "cma") || !r->size ||
		    mp_add_overflows(r->base, r->size, &end))
			continue;
		for (s = r->base >> bits; s <= (end - 1) >> bits; s++) {
			mp_u64 sb = s << bits, len = 1ULL << bits;

			if (mp_mb_overlaps_memory(&ctx->mb, sb, len))
				continue;
			mp_diag(ctx, MP_SEV_ERROR, "rmem-cma-outside-memory", r->path,
				"the CMA pool reaches [%#llx, %#llx), a memory section with no "
				"memory and so no memmap: cma_activate_area() faults reading its "
				"struct pages, and the kernel oopses at boot "
				"(cma_init_reserved_areas())",
				(unsigned long long)sb, (unsigned long long)(sb + len));
			break;
		}
	}
}

