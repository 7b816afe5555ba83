// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * dtscan.c - the early DT scan: root cells, memory nodes, /chosen,
 * /memreserve/ count, and the DMA limit from dma-ranges.
 *
 * Mirrors early_init_dt_scan_root(), early_init_dt_scan_memory(),
 * early_init_dt_scan_chosen() and early_init_dt_check_for_usable_mem_range()
 * (drivers/of/fdt.c, 6.1 and 6.12 alike; docs/kernel-model.md §2.2) and
 * of_dma_get_max_cpu_address() (drivers/of/address.c, §4.1).  The DT is
 * untrusted: every property length is checked before it is read.
 */
#include "dtscan.h"

mp_u64 mp_dt_read_cells(const void *p, unsigned int cells)
{
	const unsigned char *b = p;
	mp_u64 v = 0;
	unsigned int i;

	/* of_read_number(): shift-accumulate, > 2 cells keep the low 64 bits */
	for (i = 0; i < cells; i++, b += 4)
		v = (v << 32) | ((mp_u64)b[0] << 24 | (mp_u64)b[1] << 16 |
				 (mp_u64)b[2] << 8 | b[3]);
	return v;
}

static bool prop_is_string(const char *v, int len)
{
	return v && len > 0 && mp_strnlen(v, (size_t)len) < (size_t)len;
}

const char *mp_dt_path(struct mp_ctx *ctx, int node)
{
	size_t sz = 128;

	for (;;) {
		char *buf = mp_arena_alloc(ctx->arena, sz, 1);
		int r;

		if (!buf)
			return "?";
		r = fdt_get_path(ctx->in->fdt, node, buf, (int)sz);
		if (r == 0)
			return buf;
		if (r != -FDT_ERR_NOSPACE || sz > 65536)
			return "?";
		sz *= 4;
	}
}

const char *mp_dt_string(struct mp_ctx *ctx, int node, const char *prop, int *lenp)
{
	int len;
	const char *v = fdt_getprop(ctx->in->fdt, node, prop, &len);

	if (lenp)
		*lenp = v ? len : 0;
	if (!v)
		return NULL;
	if (!prop_is_string(v, len)) {
		if (ctx->in->strict)
			mp_fail(ctx, -MP_ERR_BADINPUT,
				"%s: property '%s' is not a NUL-terminated string (%d bytes)",
				mp_dt_path(ctx, node), prop, len);
		else
			mp_diag(ctx, MP_SEV_WARNING, "dt-unterminated-string",
				mp_dt_path(ctx, node),
				"property '%s' is not NUL-terminated; the kernel may read past it",
				prop);
		return NULL;
	}
	return v;
}

bool mp_dt_status_ok(const char *s, int len)
{
	if (!s)
		return true;
	if (len <= 0)
		return false;
	/* "okay" or "ok" compared as C strings */
	return (len >= 5 && !mp_memcmp(s, "okay", 5)) || (len >= 3 && !mp_memcmp(s, "ok", 3));
}

void mp_dt_props(const void *fdt, int node, const char *const *names, size_t n,
		 struct mp_dt_prop *out)
{
	int off;
	size_t i;

	mp_memset(out, 0, n * sizeof(*out));
	fdt_for_each_property_offset(off, fdt, node) {
		const char *name;
		int len;
		const void *v = fdt_getprop_by_offset(fdt, off, &name, &len);

		for (i = 0; v && name && i < n; i++) {
			/* the first of duplicated names, as fdt_getprop() finds it */
			if (!out[i].v && !mp_strcmp(name, names[i])) {
				out[i] = (struct mp_dt_prop){ v, len };
				break;
			}
		}
	}
}

const char *mp_dt_struct_walk(const void *fdt, size_t len)
{
	const unsigned char *b = fdt;
	mp_u64 off = fdt_off_dt_struct(fdt), end, n;

	/* version 17 has size_dt_struct; before it the block runs to the strings or the end */
	if (fdt_version(fdt) >= 17)
		end = off + fdt_size_dt_struct(fdt);
	else
		end = fdt_off_dt_strings(fdt) > off ? fdt_off_dt_strings(fdt) : fdt_totalsize(fdt);
	if (end > len || end > fdt_totalsize(fdt) || off > end)
		return "the structure block lies outside the blob";
	while (off + 4 <= end) {
		mp_u32 tag = (mp_u32)mp_dt_read_cells(b + off, 1);

		switch (tag) {
		case FDT_BEGIN_NODE:
			for (n = off + 4; n < end && b[n]; n++)
				;
			if (n >= end)
				return "a node name runs past the structure block";
			off = (n + 1 + 3) & ~3ULL;
			break;
		case FDT_PROP:
			if (off + 12 > end)
				return "a property header runs past the structure block";
			/* 64-bit sums: a length near 2^32 cannot wrap back */
			n = off + 12 + (mp_u64)(mp_u32)mp_dt_read_cells(b + off + 4, 1);
			if (n > end)
				return "a property's length runs past the structure block";
			off = (n + 3) & ~3ULL;
			break;
		case FDT_END_NODE:
		case FDT_NOP:
			off += 4;
			break;
		case FDT_END:
			return NULL;
		default:
			return "an unknown tag in the structure block";
		}
	}
	return "no FDT_END tag in the structure block";
}

bool mp_dt_xen_module(const void *fdt, int node)
{
	return !fdt_node_check_compatible(fdt, node, "multiboot,module") ||
	       !fdt_node_check_compatible(fdt, node, "xen,multiboot-module");
}

bool mp_dt_available(const void *fdt, int node)
{
	int len;
	const char *s = fdt_getprop(fdt, node, "status", &len);

	return mp_dt_status_ok(s, len);
}

/* #address-cells / #size-cells of the root (early_init_dt_scan_root) */
static int scan_root(struct mp_ctx *ctx, struct mp_dt_facts *dt)
{
	const void *fdt = ctx->in->fdt;
	const char *names[2] = { "#address-cells", "#size-cells" };
	unsigned int *dst[2] = { &dt->addr_cells, &dt->size_cells };
	int i, len;

	/* OF_ROOT_NODE_ADDR_CELLS_DEFAULT 2, OF_ROOT_NODE_SIZE_CELLS_DEFAULT 1 */
	dt->addr_cells = 2;
	dt->size_cells = 1;
	for (i = 0; i < 2; i++) {
		const void *p = fdt_getprop(fdt, 0, names[i], &len);

		if (!p)
			continue;
		if (len < 4) {
			if (ctx->in->strict)
				return mp_fail(ctx, -MP_ERR_BADINPUT, "/: %s is %d bytes, need 4",
					       names[i], len);
			continue;
		}
		*dst[i] = (unsigned int)mp_dt_read_cells(p, 1);
		if (*dst[i] < 1 || *dst[i] > 2) {
			if (ctx->in->strict)
				return mp_fail(ctx, -MP_ERR_BADINPUT,
					       "/: %s = <%u>: memplan supports 1 or 2 cells "
					       "(the kernel would keep only the low 64 bits)",
					       names[i], *dst[i]);
			mp_diag(ctx, MP_SEV_ERROR, "dt-root-cells", "/",
				"%s = <%u> is not 1 or 2", names[i], *dst[i]);
			if (*dst[i] == 0 || *dst[i] > 4)
				return mp_fail(ctx, -MP_ERR_BADINPUT, "/: %s = <%u> unusable",
					       names[i], *dst[i]);
		}
	}
	return 0;
}

static int add_mem(struct mp_ctx *ctx, struct mp_dt_facts *dt, mp_u64 base, mp_u64 size,
		   bool hotplug, int node)
{
	if (mp_grow(ctx->arena, (void **)&dt->mem, &dt->cap_mem, dt->nr_mem + 1,
		    sizeof(*dt->mem)))
		return mp_fail(ctx, -MP_ERR_NOSPACE, "arena exhausted");
	dt->mem[dt->nr_mem++] = (struct mp_dt_mem){ base, size, hotplug, node };
	return 0;
}

/* early_init_dt_scan_memory(): direct children of the root only */
static int scan_memory(struct mp_ctx *ctx, struct mp_dt_facts *dt)
{
	const void *fdt = ctx->in->fdt;
	unsigned int cells = dt->addr_cells + dt->size_cells;
	int node;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *type;
		const unsigned char *reg;
		const char *pname = "linux,usable-memory";
		int len, tlen;
		bool hotplug;

		type = fdt_getprop(fdt, node, "device_type", &tlen);
		if (!type || !prop_is_string(type, tlen) || !mp_streq(type, "memory"))
			continue;
		if (!mp_dt_available(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, pname, &len);
		if (!reg) {
			pname = "reg";
			reg = fdt_getprop(fdt, node, pname, &len);
		}
		if (!reg)
			continue;
		if (len % (int)(cells * 4)) {
			if (ctx->in->strict)
				return mp_fail(ctx, -MP_ERR_BADINPUT,
					       "%s: %s is %d bytes, not a multiple of %u cells "
					       "(#address-cells %u + #size-cells %u)",
					       mp_dt_path(ctx, node), pname, len, cells,
					       dt->addr_cells, dt->size_cells);
			mp_diag(ctx, MP_SEV_WARNING, "dt-reg-length", mp_dt_path(ctx, node),
				"%s length %d is not a multiple of %u cells; the kernel ignores "
				"the tail", pname, len, cells);
		}
		hotplug = fdt_getprop(fdt, node, "hotpluggable", NULL) != NULL;
		for (; len >= (int)(cells * 4); len -= (int)cells * 4, reg += cells * 4) {
			mp_u64 base = mp_dt_read_cells(reg, dt->addr_cells);
			mp_u64 size = mp_dt_read_cells(reg + dt->addr_cells * 4, dt->size_cells);
			mp_u64 end;

			if (!size)
				continue;
			if (mp_add_overflows(base, size, &end) && end != 0) {
				if (ctx->in->strict)
					return mp_fail(ctx, -MP_ERR_BADINPUT,
						       "%s: %s entry base 0x%llx + size 0x%llx "
						       "overflows 64 bits",
						       mp_dt_path(ctx, node), pname,
						       (unsigned long long)base,
						       (unsigned long long)size);
			}
			if (add_mem(ctx, dt, base, size, hotplug, node))
				return ctx->err;
		}
	}
	return 0;
}

static int scan_chosen(struct mp_ctx *ctx, struct mp_dt_facts *dt)
{
	const void *fdt = ctx->in->fdt;
	const unsigned char *p;
	int node, len;

	node = fdt_path_offset(fdt, "/chosen");
	if (node < 0)
		node = fdt_path_offset(fdt, "/chosen@0");
	dt->chosen = node;
	if (node < 0)
		return 0;

	/* early_init_dt_check_for_initrd(): cells = property length / 4 */
	dt->has_uefi_mmap = fdt_getprop(fdt, node, "linux,uefi-mmap-start", NULL) != NULL;
	p = fdt_getprop(fdt, node, "linux,initrd-start", &len);
	if (p && len > 0 && len % 4 == 0) {
		const unsigned char *e;
		int elen;

		dt->initrd_start = mp_dt_read_cells(p, (unsigned int)len / 4);
		e = fdt_getprop(fdt, node, "linux,initrd-end", &elen);
		if (e && elen > 0 && elen % 4 == 0) {
			dt->initrd_end = mp_dt_read_cells(e, (unsigned int)elen / 4);
			/* the kernel ignores the initrd if start > end */
			dt->has_initrd = dt->initrd_start <= dt->initrd_end;
		}
	}

	p = fdt_getprop(fdt, node, "linux,elfcorehdr", &len);
	if (p && len == (int)(4 * (dt->addr_cells + dt->size_cells))) {
		dt->has_elfcorehdr = true;
		dt->elfcorehdr_base = mp_dt_read_cells(p, dt->addr_cells);
		dt->elfcorehdr_size = mp_dt_read_cells(p + 4 * dt->addr_cells, dt->size_cells);
	}

	p = fdt_getprop(fdt, node, "linux,usable-memory-range", &len);
	if (p && len > 0 && len % (int)(4 * (dt->addr_cells + dt->size_cells)) == 0) {
		unsigned int step = 4 * (dt->addr_cells + dt->size_cells);

		for (; len >= (int)step && dt->nr_usable < 2; len -= (int)step, p += step) {
			dt->usable[dt->nr_usable].base = mp_dt_read_cells(p, dt->addr_cells);
			dt->usable[dt->nr_usable].size =
				mp_dt_read_cells(p + 4 * dt->addr_cells, dt->size_cells);
			dt->nr_usable++;
		}
	}

	dt->bootargs = fdt_getprop(fdt, node, "bootargs", &len);
	if (dt->bootargs) {
		if (len > 0 && !prop_is_string(dt->bootargs, len)) {
			if (ctx->in->strict)
				return mp_fail(ctx, -MP_ERR_BADINPUT,
					       "/chosen: bootargs is not a NUL-terminated string "
					       "(%d bytes)", len);
			dt->bootargs = NULL;
		} else if (len <= 0) {
			dt->bootargs = NULL;
		} else {
			dt->bootargs_len = (size_t)len;
		}
	}
	return ctx->err;
}

/* ---- of_dma_get_max_cpu_address() ------------------------------------- */

/*
 * The walk below keeps the path from the root to the current node: anc[d] is
 * the node's ancestor at depth d (anc[0] the root), so a node's parents are
 * found without fdt_parent_offset(), which walks the tree from its start.
 */
#define DMA_MAX_DEPTH 64

/* of_bus_n_addr_cells()/of_bus_n_size_cells(): search up from anc[d], default 1 */
static unsigned int n_cells(const void *fdt, const int *anc, int d, const char *name)
{
	for (; d >= 0; d--) {
		int len;
		const void *p = fdt_getprop(fdt, anc[d], name, &len);

		if (p && len >= 4)
			return (unsigned int)mp_dt_read_cells(p, 1);
	}
	return 1;
}

#define OF_BAD_ADDR MP_U64_MAX

bool mp_dt_ranges_lookup(const unsigned char *r, int len, unsigned int na, unsigned int pna,
			 unsigned int ns, mp_u64 *addr)
{
	unsigned int one = (na + pna + ns) * 4;

	/* of_translate_one(): the first entry that holds the address wins */
	for (; len >= (int)one; len -= (int)one, r += one) {
		mp_u64 cp = mp_dt_read_cells(r, na);
		mp_u64 s = mp_dt_read_cells(r + (na + pna) * 4, ns);

		if (*addr >= cp && *addr - cp < s) {
			*addr = mp_dt_read_cells(r + na * 4, pna) + (*addr - cp);
			return true;
		}
	}
	return false;
}

void mp_dt_cells(const void *fdt, int node, unsigned int *ac, unsigned int *sc)
{
	const void *p;
	int len;

	/* the DT specification's defaults when the property is absent */
	*ac = 2;
	*sc = 1;
	p = fdt_getprop(fdt, node, "#address-cells", &len);
	if (p && len == 4)
		*ac = (unsigned int)mp_dt_read_cells(p, 1);
	p = fdt_getprop(fdt, node, "#size-cells", &len);
	if (p && len == 4)
		*sc = (unsigned int)mp_dt_read_cells(p, 1);
}

/*
 * of_translate_dma_address(): translate a @cells-cell address on the parent
 * bus of the node at depth @d up to the CPU, through every ancestor's
 * dma-ranges (a missing or empty dma-ranges translates 1:1).
 */
static mp_u64 translate_dma(const void *fdt, const int *anc, int d, const unsigned char *addr,
			    unsigned int cells)
{
	mp_u64 a = mp_dt_read_cells(addr, cells);
	int dd = d - 1;	/* the bus device: the node's parent */

	if (cells < 1 || cells > 4)
		return OF_BAD_ADDR;
	for (; dd > 0; dd--) {
		int dev = anc[dd];
		unsigned int na = cells, pna, ns;
		const unsigned char *r;
		int len;

		pna = n_cells(fdt, anc, dd - 1, "#address-cells");
		ns = n_cells(fdt, anc, dd, "#size-cells");
		r = fdt_getprop(fdt, dev, "dma-ranges", &len);
		if (r && len > 0) {
			if (pna < 1 || pna > 4 || ns < 1)
				return OF_BAD_ADDR;
			if (!mp_dt_ranges_lookup(r, len, na, pna, ns, &a))
				return OF_BAD_ADDR;
		}
		cells = pna;
	}
	return a;
}

struct dma_walk {
	mp_u64 max;
	int node;
};

/* the end of the CPU addresses the dma-ranges @r (@len bytes) of anc[d] reach */
static void dma_max_node(const void *fdt, const int *anc, int d, const unsigned char *r,
			 int len, struct dma_walk *w)
{
	/* parser_init(): na/ns of the node itself, pna of its parent */
	unsigned int na = n_cells(fdt, anc, d, "#address-cells");
	unsigned int ns = n_cells(fdt, anc, d, "#size-cells");
	unsigned int pna = d ? n_cells(fdt, anc, d - 1, "#address-cells") : na;
	unsigned int one = (na + pna + ns) * 4;
	mp_u64 mine = MP_U64_MAX, cpu_end = 0;

	if (na >= 1 && na <= 4 && pna >= 1 && pna <= 4 && ns >= 1 && ns <= 4) {
		for (; len >= (int)one; len -= (int)one, r += one) {
			mp_u64 cpu = translate_dma(fdt, anc, d, r + na * 4, pna);
			mp_u64 size = mp_dt_read_cells(r + (na + pna) * 4, ns);

			/* u64 arithmetic exactly as the kernel, wrap included */
			if (cpu + size > cpu_end)
				cpu_end = cpu + size - 1;
		}
		mine = cpu_end;
	}
	if (mine < w->max) {
		w->max = mine;
		w->node = anc[d];
	}
}

/*
 * of_dma_get_max_cpu_address(): the root and every available node under
 * available parents, in pre-order, at most DMA_MAX_DEPTH levels deep.  One
 * pass over the structure block, and one over each node's properties for
 * both "status" and "dma-ranges" (the first of each, as fdt_getprop()): a
 * recursion with fdt_for_each_subnode() walks each subtree again for every
 * ancestor (fdt_next_subnode() skips a child's whole subtree), which was
 * most of a small lint run.
 */
static void dma_max_walk(const void *fdt, struct dma_walk *w)
{
	int anc[DMA_MAX_DEPTH + 1];
	int node, depth = 0, skip = -1; /* skip: the subtree below this depth */

	for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node(fdt, node, &depth)) {
		static const char *const names[] = { "status", "dma-ranges" };
		struct mp_dt_prop p[2];

		if (skip >= 0 && depth > skip)
			continue;
		skip = -1;
		if (depth > DMA_MAX_DEPTH) {
			skip = depth;
			continue;
		}
		mp_dt_props(fdt, node, names, MP_ARRAY_SIZE(names), p);
		if (depth > 0 && !mp_dt_status_ok(p[0].v, p[0].len)) {
			skip = depth;
			continue;
		}
		anc[depth] = node;
		if (p[1].v && p[1].len > 0)
			dma_max_node(fdt, anc, depth, p[1].v, p[1].len, w);
	}
}

int mp_dtscan(struct mp_ctx *ctx, struct mp_dt_facts *dt)
{
	const void *fdt = ctx->in->fdt;
	struct dma_walk w = { MP_U64_MAX, -1 };
	int len;

	mp_memset(dt, 0, sizeof(*dt));
	dt->fdt = fdt;
	dt->chosen = -1;
	if (scan_root(ctx, dt) || scan_chosen(ctx, dt) || scan_memory(ctx, dt))
		return ctx->err;
	dt->nr_memreserve = (size_t)(fdt_num_mem_rsv(fdt) > 0 ? fdt_num_mem_rsv(fdt) : 0);
	dma_max_walk(fdt, &w);
	dt->dma_max = w.max;
	if (w.node >= 0)
		dt->dma_max_path = mp_dt_path(ctx, w.node);
	dt->model = fdt_getprop(fdt, 0, "model", &len);
	if (dt->model && !prop_is_string(dt->model, len))
		dt->model = NULL;
	return ctx->err;
}

/*
 * of_translate_address(): translate @addr from the child address space of
 * bus @stack[depth] to a CPU address through the ancestors' `ranges`.  An
 * absent `ranges` ends translation (not memory mapped); an empty one is 1:1.
 */
int mp_dt_translate(const void *fdt, const int *stack, int depth, mp_u64 *addr)
{
	int d;

	for (d = depth; d > 0; d--) {
		unsigned int cac, csc, pac, psc;
		int len;
		const unsigned char *p = fdt_getprop(fdt, stack[d], "ranges", &len);

		if (!p)
			return -1;
		if (!len)
			continue;
		mp_dt_cells(fdt, stack[d], &cac, &csc);
		mp_dt_cells(fdt, stack[d - 1], &pac, &psc);
		if (cac < 1 || cac > 3 || pac < 1 || pac > 3 || csc < 1 || csc > 2 ||
		    len % (int)((cac + pac + csc) * 4))
			return -1;
		if (!mp_dt_ranges_lookup(p, len, cac, pac, csc, addr))
			return -1;
	}
	return 0;
}
