/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * early_alloc.h - the allocations between the linear map and the zones, sized
 * as the kernel sizes them: the struct sizes (kstruct.c), the unflattened DT
 * and /aliases (unflatten.c), NUMA and sparsemem (sparse.c).
 */
#ifndef MEMPLAN_EARLY_ALLOC_H
#define MEMPLAN_EARLY_ALLOC_H

#include "internal.h"

/**
 * mp_kstruct_sizes() - fill plan->ksizes[]
 * @ctx: the plan's context (its input's BTF sizes, .config and behaviour)
 *
 * Each size comes from the BTF when given, else from the .config by the layout
 * written down for the version, else is the typical one, marked estimated.
 */
void mp_kstruct_sizes(struct mp_ctx *ctx);

/**
 * mp_kstruct_estimated() - whether a struct's size is only typical
 * @p: the plan
 * @k: the struct
 *
 * Return: true when neither BTF nor a layout gave it.
 */
bool mp_kstruct_estimated(const struct mp_plan *p, enum mp_kstruct k);

/**
 * mp_unflatten_size() - the bytes __unflatten_device_tree() allocates
 * @fdt: the checked blob
 * @node_size: sizeof(struct device_node)
 * @prop_size: sizeof(struct property)
 * @all_nodes: CONFIG_OF_KOBJ: unavailable nodes are unflattened too
 * @numa: set when a node has numa-node-id (of_numa_init() would find nodes)
 *
 * Return: the size, end marker included.
 */
mp_u64 mp_unflatten_size(const void *fdt, mp_u64 node_size, mp_u64 prop_size, bool all_nodes,
			 bool *numa);

/**
 * mp_alias_allocs() - of_alias_scan()'s allocations, in order
 * @fdt: the checked blob
 * @all_nodes: CONFIG_OF_KOBJ, as for mp_unflatten_size()
 * @fn: called with the size of each struct alias_prop and its stem
 * @ctx: passed to @fn
 */
void mp_alias_allocs(const void *fdt, bool all_nodes, void (*fn)(void *ctx, mp_u64 size),
		     void *ctx);

/**
 * mp_sparse() - bootmem_init() up to the zones
 * @ctx: the plan's context
 *
 * arch_numa_init() (6.1's distance table, NODE_DATA, the OFFSTACK cpumask) and
 * sparse_init() (mem_section roots and pages, usemaps, memmap, vmemmap tables).
 */
void mp_sparse(struct mp_ctx *ctx);

#endif /* MEMPLAN_EARLY_ALLOC_H */
