/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * dtout.h - small flattened-DT helpers of the hand-off commands (handoff,
 * devmem): reading and writing address/size cell lists, and writing a blob
 * as DTB or, through dtc, as DTS.
 */
#ifndef MEMPLAN_CLI_DTOUT_H
#define MEMPLAN_CLI_DTOUT_H

#include <stdbool.h>
#include <stddef.h>
#include "memplan.h"

/* #address-cells / #size-cells of @node (defaults 2 and 1 when absent, as the spec says) */
void cli_dt_cells(const void *fdt, int node, int *ac, int *sc);

/* the number in @n big-endian cells at @p (n <= 2 meaningful; more: low 64 bits) */
mp_u64 cli_dt_read(const void *p, int n);

/*
 * cli_dt_ranges - the (address, size) pairs of property @prop of @node, with
 * @ac/@sc cells each, into @out (room for @cap).  Returns the number of pairs
 * (also when more than @cap: only @cap stored), 0 when absent, -1 when the
 * length is not a multiple of the pair size.
 */
int cli_dt_ranges(const void *fdt, int node, const char *prop, int ac, int sc,
		  struct mp_range *out, size_t cap);

/* set @prop of @node to @n (address, size) pairs of @ac/@sc cells; libfdt error or 0 */
int cli_dt_set_ranges(void *fdt, int node, const char *prop, const struct mp_range *r,
		      size_t n, int ac, int sc);

/* [a, a+as) and [b, b+bs) share a byte (sizes may reach the top of the space) */
bool cli_overlaps(mp_u64 a, mp_u64 as, mp_u64 b, mp_u64 bs);

/*
 * cli_dt_write - write blob @fdt to @path as a DTB, or as DTS (decompiled with
 * `dtc -I dtb -O dts`) when @dts.  Messages go to stderr prefixed with @prog.
 * Returns 0 or -1.
 */
int cli_dt_write(const char *prog, const void *fdt, const char *path, bool dts);

#endif
