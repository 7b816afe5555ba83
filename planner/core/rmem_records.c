// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * rmem_records.c - the kernel's reserved_mem[] array: saving a record
 * (fdt_reserved_mem_save_node(), a fixed array of 64 in 6.1 and stock
 * 6.12, sized at run time by memplan 0005) and the overlap report over the
 * sorted records (__rmem_check_for_overlap()).
 */
#include "rmem.h"
#include "heapsort.h"

/* ---- overlap report: __rmem_check_for_overlap() ------------------------- */

static int rmem_cmp(const void *a, const void *b, void *priv)
{
	const struct mp_rmem *ra = *(struct mp_rmem *const *)a;
	const struct mp_rmem *rb = *(struct mp_rmem *const *)b;
	bool tie_fdt = *(bool *)priv;

	if (ra->base != rb->base)
		return ra->base < rb->base ? -1 : 1;
	if (ra->size != rb->size)
		return ra->size < rb->size ? -1 : 1;
	if (tie_fdt && ra->fdt_offset != rb->fdt_offset)
		return ra->fdt_offset < rb->fdt_offset ? -1 : 1;
	return 0;
}

void mp_rmem_check_overlap(struct mp_ctx *ctx)
{
	bool tie_fdt = ctx->b.rmem_sort_ties_by_fdt;
	size_t i;

	if (ctx->nr_records < 2)
		return;
	mp_heapsort(ctx->records, ctx->nr_records, sizeof(ctx->records[0]), rmem_cmp, &tie_fdt);
	for (i = 0; i + 1 < ctx->nr_records; i++) {
		struct mp_rmem *a = ctx->records[i], *b = ctx->records[i + 1];

		if (a->base + a->size > b->base) {
			mp_log(ctx, "OF: reserved mem: OVERLAP DETECTED!");
			mp_log(ctx, "%s (%#018llx--%#018llx) overlaps with %s (%#018llx--%#018llx)",
			       a->name, (unsigned long long)a->base,
			       (unsigned long long)(a->base + a->size), b->name,
			       (unsigned long long)b->base, (unsigned long long)(b->base + b->size));
			mp_diag(ctx, MP_SEV_WARNING, "rmem-overlap", b->path,
				"%s overlaps %s", b->name, a->name);
		}
	}
}

/* fdt_reserved_mem_save_node(): the fixed array, and 6.12's later one */
bool mp_rmem_save_node(struct mp_ctx *ctx, struct mp_rmem *r, size_t capacity)
{
	if (ctx->nr_records == capacity) {
		mp_log(ctx, "OF: reserved mem: not enough space for all defined regions.");
		return false;
	}
	if (mp_grow(ctx->arena, (void **)&ctx->records, &ctx->cap_records, ctx->nr_records + 1,
		    sizeof(ctx->records[0]))) {
		mp_fail(ctx, -MP_ERR_NOSPACE, "arena exhausted");
		return false;
	}
	ctx->records[ctx->nr_records++] = r;
	return true;
}
