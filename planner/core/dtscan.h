/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * dtscan.h - facts the kernel takes from the flattened DT before and during
 * arm64_memblock_init() (drivers/of/fdt.c), plus the DMA limit it takes from
 * the unflattened tree later (drivers/of/address.c).
 */
#ifndef MEMPLAN_DTSCAN_H
#define MEMPLAN_DTSCAN_H

#include "internal.h"

struct mp_dt_mem {
	mp_u64 base, size;	/* as written in reg / linux,usable-memory */
	bool hotplug;
	int node;
};

struct mp_dt_facts {
	const void *fdt;
	unsigned int addr_cells, size_cells;	/* dt_root_addr_cells/size_cells */
	struct mp_dt_mem *mem;
	size_t nr_mem, cap_mem;
	int chosen;			/* offset of /chosen, or < 0 */
	const char *bootargs;		/* NUL-terminated, or NULL */
	size_t bootargs_len;		/* property length incl. NUL */
	bool has_initrd;
	mp_u64 initrd_start, initrd_end;
	bool has_elfcorehdr;
	mp_u64 elfcorehdr_base, elfcorehdr_size;
	size_t nr_usable;
	struct mp_range usable[2];	/* linux,usable-memory-range */
	size_t nr_memreserve;
	mp_u64 dma_max;			/* of_dma_get_max_cpu_address(NULL) */
	const char *dma_max_path;	/* node that set it */
	const char *model;
};

/* Read a property of @cells big-endian cells as one number (of_read_number). */
mp_u64 mp_dt_read_cells(const void *p, unsigned int cells);

/* "available": no status, or "okay"/"ok" (of_fdt_device_is_available) */
bool mp_dt_available(const void *fdt, int node);

/* the path of @node, allocated in the arena */
const char *mp_dt_path(struct mp_ctx *ctx, int node);

/* A string property that must be NUL-terminated; NULL if absent or bad. */
const char *mp_dt_string(struct mp_ctx *ctx, int node, const char *prop, int *len);

/**
 * mp_dt_ranges_lookup() - translate an address through one bus's ranges
 * @r: the "ranges" or "dma-ranges" property of the bus, @len bytes
 * @len: its length; a tail shorter than one entry is ignored
 * @na: child address cells of an entry (3 for PCI: the low 64 bits count,
 *	so phys.hi, the space code, is dropped as of_read_number() drops it)
 * @pna: parent address cells
 * @ns: size cells
 * @addr: the child address; on a match, the parent address
 *
 * The lookup of of_translate_one() (drivers/of/address.c, 6.1 and 6.12)
 * with the default bus's map function: the first entry that holds @addr.
 *
 * Return: true when an entry holds @addr.
 */
bool mp_dt_ranges_lookup(const unsigned char *r, int len, unsigned int na, unsigned int pna,
			 unsigned int ns, mp_u64 *addr);

/**
 * mp_dt_cells() - the #address-cells and #size-cells a node gives its children
 * @fdt: the flattened DT
 * @node: the node
 * @ac: its #address-cells, 2 when absent or not one cell
 * @sc: its #size-cells, 1 when absent or not one cell
 *
 * The DT specification's defaults, not the kernel's search up the tree
 * (of_n_addr_cells()): a bus without them is taken as the specification says.
 */
void mp_dt_cells(const void *fdt, int node, unsigned int *ac, unsigned int *sc);

int mp_dtscan(struct mp_ctx *ctx, struct mp_dt_facts *dt);

#endif
