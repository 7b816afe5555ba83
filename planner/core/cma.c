// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * cma.c - the default CMA area: dma_contiguous_reserve()
 * (kernel/dma/contiguous.c) -> cma_declare_contiguous_nid() (mm/cma.c);
 * docs/kernel-model.md §9.3.  A DT "linux,cma-default" pool that rmem.c set up
 * already is the default area, and then nothing happens here.
 */
#include "rmem.h"
#include "cmdline.h"

/* CMA_MIN_ALIGNMENT_BYTES = PAGE_SIZE << pageblock_order (§3.4) */
mp_u64 mp_cma_min_align(struct mp_ctx *ctx)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	unsigned int shift = kc->page_shift;
	unsigned int pmd_order = shift - 3;
	unsigned int max_order = shift == 12 ? 10 : shift == 14 ? 11 : 13;
	bool pmd = kc->hugetlb_page || (ctx->b.cma_thp_pageblock && kc->transparent_hugepage);
	unsigned int order = pmd ? mp_min(pmd_order, max_order) : max_order;

	return ctx->page_size << order;
}

void mp_cma_reserve(struct mp_ctx *ctx, mp_u64 limit)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	const struct mp_cmdline_facts *cl = ctx->cl;
	struct mp_cma *cma = &ctx->plan->cma;
	mp_u64 size = 0, base = 0, align, end = mp_mb_end_of_dram(&ctx->mb), addr = 0;
	mp_u64 percent;
	bool fixed = false;

	if (!kc->cma || !kc->dma_cma || cma->present)
		return;
	percent = (ctx->mb.memory.total_size / ctx->page_size) * kc->cma_size_percentage / 100 *
		  ctx->page_size;
	if (cl->cma_set) {
		size = cl->cma_size;
		base = cl->cma_base;
		if (cl->cma_limit && cl->cma_limit < limit)
			limit = cl->cma_limit;
		fixed = cl->cma_base + cl->cma_size == cl->cma_limit;
		cma->source = MP_CMA_CMDLINE;
	} else {
		mp_u64 mb = kc->cma_size_mbytes * MP_SZ_M;

		size = kc->cma_size_sel == MP_CMA_SEL_MBYTES	 ? mb :
		       kc->cma_size_sel == MP_CMA_SEL_PERCENTAGE ? percent :
		       kc->cma_size_sel == MP_CMA_SEL_MIN	 ? mp_min(mb, percent) :
								   mp_max(mb, percent);
		cma->source = MP_CMA_KCONFIG;
	}
	if (!size)
		return;
	cma->requested = size;
	if (ctx->cma_areas_used >= kc->cma_areas) {
		mp_log(ctx, "cma: Not enough slots for CMA reserved regions!");
		goto err;
	}
	align = mp_cma_min_align(ctx);
	if (fixed && (base & (align - 1))) {
		mp_log(ctx, "cma: Region at %#018llx must be aligned to %#018llx bytes",
		       (unsigned long long)base, (unsigned long long)align);
		goto err;
	}
	base = mp_round_up(base, align);
	size = mp_round_up(size, align);
	limit &= ~(align - 1);
	if (!base)
		fixed = false;
	if (!limit || limit > end)
		limit = end;
	if (base + size > limit) {
		mp_log(ctx, "cma: Size (%#018llx) of region at %#018llx exceeds limit (%#018llx)",
		       (unsigned long long)size, (unsigned long long)base,
		       (unsigned long long)limit);
		goto err;
	}
	if (fixed) {
		if (mp_mb_is_region_reserved(&ctx->mb, base, size) ||
		    mp_mb_reserve(&ctx->mb, base, size))
			goto err;
		addr = base;
	} else {
		/* bottom-up from 4 GiB first when DRAM reaches 4 GiB + size */
		if (!ctx->mb.bottom_up && end >= 4 * MP_SZ_G + size) {
			ctx->mb.bottom_up = true;
			addr = mp_mb_phys_alloc_range(&ctx->mb, size, align, 4 * MP_SZ_G, limit);
			ctx->mb.bottom_up = false;
		}
		if (!addr)
			addr = mp_mb_phys_alloc_range(&ctx->mb, size, align, base, limit);
		if (!addr)
			goto err;
	}
	ctx->cma_areas_used++;
	cma->present = true;
	cma->base = addr;
	cma->size = size;
	mp_note_alloc(ctx, addr, size, MP_ALLOC_CMA, "CMA (default area)", false);
	mp_log(ctx, "cma: Reserved %llu MiB at %#018llx%s", (unsigned long long)(size >> 20),
	       (unsigned long long)addr, ctx->b.cma_log_node ? " on node -1" : "");
	return;
err:
	cma->failed = true;
	mp_log(ctx, "cma: Failed to reserve %llu MiB%s", (unsigned long long)(size >> 20),
	       ctx->b.cma_log_node ? " on node -1" : "");
	mp_diag(ctx, MP_SEV_WARNING, "cma-failed", NULL,
		"the default CMA area of %llu MiB could not be reserved",
		(unsigned long long)(size >> 20));
}
