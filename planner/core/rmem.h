/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
#ifndef MEMPLAN_RMEM_H
#define MEMPLAN_RMEM_H
#include "dtscan.h"

/*
 * The properties of one /reserved-memory child, read in one pass over its
 * property list (looking each up by name would rescan the list every time).
 */
struct mp_rmem_props {
	const unsigned char *reg, *size, *align, *ranges;
	const char *compat, *status;
	int reg_len, size_len, align_len, ranges_len, compat_len, status_len;
	bool no_map, reusable, cma_default, dma_default;
};

static inline struct mp_rmem_props *mp_rmem_props_of(struct mp_ctx *ctx, const struct mp_rmem *r)
{
	return &ctx->rmem_props[r - ctx->plan->rmem - ctx->rmem_first];
}


/* early_init_fdt_scan_reserved_mem(), the version's order (§7.1) */
int mp_rmem_early(struct mp_ctx *ctx);
/* 6.12: fdt_scan_reserved_mem_reg_nodes() at unflatten_device_tree() */
void mp_rmem_late(struct mp_ctx *ctx);

/* rmem_init.c: the driver init of a region, __reserved_mem_init_node() */
bool mp_rmem_is_compatible(struct mp_ctx *ctx, const struct mp_rmem *r, const char *compat);
void mp_rmem_init_and_report(struct mp_ctx *ctx, struct mp_rmem *r, int node);

/* rmem_records.c: the kernel's reserved_mem[] array of records */
bool mp_rmem_save_node(struct mp_ctx *ctx, struct mp_rmem *r, size_t capacity);
void mp_rmem_check_overlap(struct mp_ctx *ctx);
#endif
