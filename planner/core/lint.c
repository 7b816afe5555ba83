// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * lint.c - findings about a DT that the boot itself does not report, or
 * reports only as a side effect: reserved regions outside RAM, no-map +
 * reusable, CMA pools the CMA code will refuse, alloc-ranges too small for
 * their size, no-map carve-outs in hotpluggable memory.  Each becomes a plan
 * diagnostic with a stable code; `memplan lint` collects them per profile.
 */
#include "rmem.h"

static mp_u64 covered_by_memory(struct mp_ctx *ctx, mp_u64 base, mp_u64 size, bool *hotplug)
{
	struct mp_mb_region r;
	mp_u64 end = base + size, covered = 0;
	bool ok;

	*hotplug = false;
	for_each_mb_region(&ctx->mb.memory, r, ok) {
		mp_u64 s = mp_max(r.base, base), e = mp_min(r.base + r.size, end);

		if (r.base >= end)
			break;
		if (s < e) {
			covered += e - s;
			if (r.flags & MP_MB_HOTPLUG)
				*hotplug = true;
		}
	}
	return covered;
}

static void check_placement(struct mp_ctx *ctx, const struct mp_rmem *r)
{
	bool hotplug;
	mp_u64 cov;

	if (!r->size || r->status == MP_RMEM_DROPPED || r->kind == MP_RMEM_DYNAMIC)
		return;
	if (r->base > MP_U64_MAX - r->size)
		return;
	cov = covered_by_memory(ctx, r->base, r->size, &hotplug);
	if (!cov)
		mp_diag(ctx, MP_SEV_WARNING, "rmem-outside-ram", r->path,
			"[%#llx-%#llx) lies wholly outside RAM: the reservation has no effect%s",
			(unsigned long long)r->base, (unsigned long long)(r->base + r->size),
			r->no_map ? " (no-map outside memory is silently ignored)" : "");
	else if (cov < r->size)
		mp_diag(ctx, MP_SEV_WARNING, "rmem-partly-outside-ram", r->path,
			"[%#llx-%#llx) is only partly RAM (%#llx of %#llx bytes)",
			(unsigned long long)r->base, (unsigned long long)(r->base + r->size),
			(unsigned long long)cov, (unsigned long long)r->size);
	if (hotplug && r->no_map)
		mp_diag(ctx, MP_SEV_WARNING, "rmem-nomap-hotplug", r->path,
			"no-map carve-out inside hotpluggable memory: that memory can never be "
			"offlined and removed as a whole");
}

static void check_pool(struct mp_ctx *ctx, const struct mp_rmem *r)
{
	mp_u64 align = mp_cma_min_align(ctx);
	bool pool = r->compatible && mp_streq(r->compatible, "shared-dma-pool");

	if (r->no_map && r->reusable)
		mp_diag(ctx, MP_SEV_ERROR, "rmem-nomap-reusable", r->path,
			"no-map and reusable together: CMA refuses no-map and the coherent pool "
			"refuses reusable, so the region ends up as ordinary memory");
	if (pool && r->reusable && !r->no_map && r->kind == MP_RMEM_STATIC && r->size &&
	    ((r->base | r->size) & (align - 1)))
		mp_diag(ctx, MP_SEV_ERROR, "rmem-cma-misaligned", r->path,
			"CMA pool [%#llx+%#llx) is not aligned to CMA_MIN_ALIGNMENT_BYTES %#llx: "
			"rmem_cma_setup() rejects it and the memory is freed",
			(unsigned long long)r->base, (unsigned long long)r->size,
			(unsigned long long)align);
}

static void check_alloc_ranges(struct mp_ctx *ctx, const struct mp_rmem *r)
{
	size_t i, usable = 0;

	if (r->kind != MP_RMEM_DYNAMIC || !r->nr_alloc_ranges || !r->size)
		return;
	for (i = 0; i < r->nr_alloc_ranges; i++) {
		mp_u64 s = mp_round_up(r->alloc_ranges[i].base, r->align ? r->align : 64);
		mp_u64 e = r->alloc_ranges[i].base + r->alloc_ranges[i].size;

		if (e > s && e - s >= r->size)
			usable++;
	}
	if (!usable)
		mp_diag(ctx, MP_SEV_ERROR, "rmem-alloc-ranges-too-small", r->path,
			"no alloc-ranges entry can hold size %#llx at alignment %#llx, whatever "
			"else is reserved", (unsigned long long)r->size,
			(unsigned long long)(r->align ? r->align : 64));
}

/*
 * the first byte of [base, base + size) no planned linear-map range covers, or
 * 0; the ranges are in address order and do not overlap
 */
static mp_u64 first_unmapped(const struct mp_linmap *lm, mp_u64 base, mp_u64 size)
{
	mp_u64 at = base, last = base + size - 1;
	size_t lo = 0, hi = lm->nr_ranges;

	/* the first range that ends at or above @base */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (lm->ranges[mid].end < base)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < lm->nr_ranges && lm->ranges[lo].start <= at; lo++) {
		if (lm->ranges[lo].end >= last)
			return 0;
		at = lm->ranges[lo].end + 1;
	}
	return at;
}

/*
 * What memblock hands out after paging_init() is written through the linear
 * map (memset() of memblock_alloc(), the unflattened tree, NODE_DATA, the
 * vmemmap tables).  6.12's map_mem() rounds every memblock range inward to
 * pages, so with 64K pages a sub-page no-map region (a 16 KiB dynamic
 * carve-out) leaves the rest of its page unmapped while memblock still
 * counts it as free memory: an allocation there oopses on its first access
 * ("Unable to handle kernel paging request").  The memmap itself is reached
 * through the vmemmap, not the linear map.
 */
static void check_allocs_mapped(struct mp_ctx *ctx)
{
	const struct mp_plan *p = ctx->plan;
	size_t i;

	if (!p->linmap.nr_ranges)
		return;
	for (i = 0; i < p->nr_allocs; i++) {
		const struct mp_alloc *a = &p->allocs[i];
		mp_u64 at;

		if (a->kind != MP_ALLOC_EARLY || !a->size || mp_starts_with(a->what, "memmap"))
			continue;
		at = first_unmapped(&p->linmap, a->base, a->size);
		if (!at)
			continue;
		mp_diag(ctx, MP_SEV_ERROR, "alloc-unmapped", NULL,
			"%s at %#llx: memblock hands out 0x%llx, which the linear map does not "
			"cover (map_mem() maps whole pages only, around a no-map region that "
			"does not fill its page): the kernel oopses on its first access",
			a->what, (unsigned long long)a->base, (unsigned long long)at);
		return;
	}
}

/* a host DT for Xen: /chosen holds Xen's command line or its multiboot modules */
static bool xen_host_dt(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node;

	if (chosen < 0)
		return false;
	if (fdt_getprop(fdt, chosen, "xen,xen-bootargs", NULL) ||
	    fdt_getprop(fdt, chosen, "xen,dom0-bootargs", NULL))
		return true;
	fdt_for_each_subnode(node, fdt, chosen)
		if (mp_dt_xen_module(fdt, node))
			return true;
	return false;
}

/*
 * Xen 4.13 to 4.18 (bootfdt.c process_reserved_memory()) takes every
 * /reserved-memory child's reg as reserved, whatever its status: it keeps the
 * range out of its heap and lists it in dom0's memory, where dom0's kernel,
 * skipping the disabled node, uses it as RAM Xen never gave it (memplan
 * handoff xen-dom0; fixed in 4.19 by "xen/arm: Skip memory nodes if not enabled")
 */
static void check_xen_disabled(struct mp_ctx *ctx, const struct mp_rmem *r)
{
	const void *fdt = ctx->in->fdt;

	if (r->status != MP_RMEM_DROPPED || r->fdt_offset < 0 ||
	    mp_dt_available(fdt, r->fdt_offset) || !fdt_getprop(fdt, r->fdt_offset, "reg", NULL))
		return;
	mp_diag(ctx, MP_SEV_WARNING, "xen-reserved-disabled", r->path,
		"disabled, but Xen before 4.19 still takes its reg as reserved memory and hands "
		"it to dom0 as memory that dom0's kernel uses as RAM: hypercalls on those pages "
		"fail (\"Failing to acquire the MFN\")");
}

/* mp_lint_checks - append the static findings for every reserved region */
void mp_lint_checks(struct mp_ctx *ctx)
{
	bool xen = xen_host_dt(ctx->in->fdt);
	size_t i;

	check_allocs_mapped(ctx);
	for (i = 0; i < ctx->plan->nr_rmem; i++) {
		const struct mp_rmem *r = &ctx->plan->rmem[i];

		if (r->kind == MP_RMEM_MEMRESERVE)
			continue;
		if (xen)
			check_xen_disabled(ctx, r);
		check_placement(ctx, r);
		check_pool(ctx, r);
		check_alloc_ranges(ctx, r);
	}
}
