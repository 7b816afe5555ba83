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
	bool has_uefi_mmap;		/* /chosen linux,uefi-mmap-start: the EFI stub booted it */
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

/**
 * mp_dt_read_cells() - read big-endian cells as one number (of_read_number())
 * @p: the cells, 4 bytes each, any alignment; the caller has checked the length
 * @cells: how many; with more than 2 the low 64 bits are kept
 *
 * Return: the number, 0 for no cells.
 */
mp_u64 mp_dt_read_cells(const void *p, unsigned int cells);

/**
 * mp_dt_xen_module() - whether a node is a module of Xen's multiboot binding
 * @fdt: the flattened DT
 * @node: the node's offset (a child of /chosen)
 *
 * Return: true for compatible "multiboot,module" or "xen,multiboot-module"
 * (xen/arch/arm/bootfdt.c, 4.17).
 */
bool mp_dt_xen_module(const void *fdt, int node);

/**
 * mp_dt_available() - whether a node is available (of_fdt_device_is_available())
 * @fdt: the flattened DT
 * @node: the node's offset
 *
 * Return: true when the node has no "status", or its status is "okay" or
 * "ok" (compared as C strings); false for any other or an empty status.
 */
bool mp_dt_available(const void *fdt, int node);

/**
 * mp_dt_path() - the full path of a node, for messages
 * @ctx: the run (the DT, the arena)
 * @node: the node's offset
 *
 * fdt_get_path() into an arena buffer of 128 bytes, four times larger on
 * each retry up to 128 KiB.
 *
 * Return: the path in the arena, or "?" when the arena is full, the path is
 * longer or libfdt fails; never NULL.
 */
const char *mp_dt_path(struct mp_ctx *ctx, int node);

/**
 * mp_dt_string() - a string property that must be NUL-terminated
 * @ctx: the run (the DT, strict mode)
 * @node: the node's offset
 * @prop: the property name
 * @len: when not NULL, set to the property's length (0 when absent)
 *
 * A value that is empty or has no NUL within its length is refused: in
 * strict mode as a fatal -MP_ERR_BADINPUT (mp_fail()), otherwise with a
 * "dt-unterminated-string" warning, since the kernel may read past it.
 *
 * Return: the string, in the DT, or NULL when absent or refused.
 */
const char *mp_dt_string(struct mp_ctx *ctx, int node, const char *prop, int *len);

/* a property's value and length, as fdt_getprop() gives them (v NULL: absent) */
struct mp_dt_prop {
	const void *v;
	int len;
};

/**
 * mp_dt_props() - several properties of a node in one pass over its list
 * @fdt: the flattened DT
 * @node: the node
 * @names: the property names wanted
 * @n: how many
 * @out: @out[i] is @names[i]'s value and length, or { NULL, 0 }
 *
 * Looking each property up by name would walk the node's list once per name;
 * a node with many properties and a DT with many nodes make that quadratic.
 * Of a duplicated name the first counts, as fdt_getprop() finds it.
 */
void mp_dt_props(const void *fdt, int node, const char *const *names, size_t n,
		 struct mp_dt_prop *out);

/**
 * mp_dt_status_ok() - of_fdt_device_is_available() on a "status" value
 * @s: the value, NULL when the node has no status
 * @len: its length
 *
 * Return: true for no status, "okay" or "ok" (compared as C strings).
 */
bool mp_dt_status_ok(const char *s, int len);

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

/**
 * mp_dt_translate() - of_translate_address() of an address on a bus
 * @fdt: the flattened DT
 * @stack: the bus's ancestors: @stack[0] the root, @stack[@depth] the bus
 * @depth: the bus's depth (0: the root, nothing to translate)
 * @addr: in: the address in @stack[@depth]'s child address space; out: the
 *	CPU address
 *
 * An absent `ranges` ends translation (not memory mapped); an empty one is 1:1.
 *
 * Return: 0, or -1 when the address cannot be translated.
 */
int mp_dt_translate(const void *fdt, const int *stack, int depth, mp_u64 *addr);

/**
 * mp_dtscan() - the facts the kernel takes from the flattened DT
 * @ctx: the run; the DT has passed libfdt's checks
 * @dt: filled, after being zeroed
 *
 * early_init_dt_scan_root() (#address-cells 2 and #size-cells 1 unless
 * given), early_init_dt_scan_chosen() (initrd, elfcorehdr, up to two
 * linux,usable-memory-range entries, bootargs), early_init_dt_scan_memory()
 * (available direct children of the root with device_type "memory",
 * linux,usable-memory before reg, empty banks skipped), the /memreserve/
 * count, of_dma_get_max_cpu_address(NULL) with the node that set it, and the
 * model.  The DT is untrusted: every property length is checked first;
 * outside strict mode a malformed value is a warning where the kernel
 * copes.
 *
 * Return: 0, or the fatal error recorded with mp_fail(): -MP_ERR_BADINPUT in
 * strict mode for malformed root cells, a memory reg of the wrong length or
 * that wraps, or bootargs that are not a string, and always for root cells
 * of 0 or over 4; -MP_ERR_NOSPACE when the arena is full.
 */
int mp_dtscan(struct mp_ctx *ctx, struct mp_dt_facts *dt);

/**
 * mp_dt_static_rsv() - the DT's static reservations, as the kernel finds them
 * @fdt: the flattened DT
 * @out: where they go (the first @cap of them)
 * @cap: room at @out
 *
 * The /memreserve/ entries and the reg entries of every available
 * /reserved-memory child (fdt_scan_reserved_mem()); empty or wrapping entries
 * are left out.  Used for choosing assumed RAM and placement defaults, not for
 * the reservation rules themselves (rmem.c).
 *
 * Return: how many there are (may exceed @cap).
 */
size_t mp_dt_static_rsv(const void *fdt, struct mp_range *out, size_t cap);

#endif
