/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
#ifndef MEMPLAN_RMEM_H
#define MEMPLAN_RMEM_H
#include "dtscan.h"

/* early_init_fdt_scan_reserved_mem(), the version's order (§7.1) */
int mp_rmem_early(struct mp_ctx *ctx);
/* 6.12: fdt_scan_reserved_mem_reg_nodes() at unflatten_device_tree() */
void mp_rmem_late(struct mp_ctx *ctx);
#endif
