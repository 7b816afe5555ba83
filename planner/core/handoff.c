// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * handoff.c - the DT the next boot stage receives, built from a plan so that
 * no reserved range reaches that stage as plain memory, and the checks that
 * prove it.  Returns findings; never prints.
 *
 *  xen-dom0  Xen (xen/arch/arm/domain_build.c) gives dom0 a DT whose memory
 *            nodes hold only dom0's RAM.  Xen's historic construction appended
 *            the host's /reserved-memory regions to dom0's memory node as
 *            normal RAM and dropped /reserved-memory, so dom0's memblock handed
 *            firmware carve-outs to the page allocator, the crash kernel or CMA.
 *            Here every region stays a /reserved-memory node with all its
 *            properties; a dynamic region whose alloc-ranges miss dom0's RAM is
 *            pinned (static reg) at the host plan's address, since dom0 could
 *            not allocate it; /memreserve/ is kept.
 *  kexec     the kdump capture kernel's memory is only the crash region, so a
 *            dynamic region without alloc-ranges, or whose alloc-ranges meet
 *            the crash region, is allocated inside it (of_reserved_mem.c,
 *            docs/kernel-model.md §7.4).  Those are flagged, or pinned at the
 *            first kernel's address (outside the capture kernel's memory).
 */
#include "memplan_handoff.h"
#include "internal.h"
#include "dtscan.h"

#define MAX_REGS 64
#define MAX_OUT_MEMORY 256	/* memory ranges of a written DT the check reads */
#define MAX_OUT_RESERVED 1024	/* reserved ranges of a written DT the check reads */
#define MAX_LEGACY 256		/* host reserved ranges --legacy appends as RAM */

static int add(struct mp_ho_findings *fi, enum mp_ho_kind kind, const struct mp_rmem *r,
	       mp_u64 base, mp_u64 size, const char *message)
{
	if (!fi)
		return 0;
	if (mp_grow(fi->arena, (void **)&fi->f, &fi->cap, fi->nr + 1, sizeof(*fi->f)))
		return -MP_ERR_NOSPACE;
	fi->f[fi->nr++] = (struct mp_ho_finding){ kind, r, base, size, message };
	return 0;
}

static bool ranges_meet(const struct mp_range *a, size_t na, const struct mp_range *b, size_t nb)
{
	size_t i, k;

	for (i = 0; i < na; i++)
		for (k = 0; k < nb; k++)
			if (mp_overlaps(a[i].base, a[i].size, b[k].base, b[k].size))
				return true;
	return false;
}

/* dynamic region @r would be allocated in @mem: no alloc-ranges means anywhere */
static bool dynamic_lands_in(const struct mp_rmem *r, const struct mp_range *mem, size_t n)
{
	if (!r->nr_alloc_ranges)
		return true;
	return ranges_meet(r->alloc_ranges, r->nr_alloc_ranges, mem, n);
}

/* unit name for a region pinned at @base: "name@base" */
static void pinned_name(const char *name, mp_u64 base, char *out, size_t len)
{
	size_t n = 0;

	/* the name before its unit address, then the new one */
	while (name[n] && name[n] != '@' && n + 1 < len) {
		out[n] = name[n];
		n++;
	}
	mp_snprintf(out + n, len - n, "@%llx", (unsigned long long)base);
}

/* the (address, size) pairs of @prop of @node, @ac/@sc cells each; -1 when malformed */
static int read_pairs(const void *fdt, int node, const char *prop, unsigned int ac,
		      unsigned int sc, struct mp_range *out, size_t cap)
{
	const unsigned char *p;
	int len, n, i, pair = (int)(ac + sc) * 4;

	p = fdt_getprop(fdt, node, prop, &len);
	if (!p || len <= 0)
		return 0;
	if (ac > 4 || sc > 4 || pair <= 0 || len % pair)
		return -1;
	n = len / pair;
	for (i = 0; i < n && (size_t)i < cap; i++) {
		out[i].base = mp_dt_read_cells(p + i * pair, ac);
		out[i].size = mp_dt_read_cells(p + i * pair + ac * 4, sc);
	}
	return n;
}

static void put_cells(fdt32_t *c, mp_u64 v, unsigned int n)
{
	unsigned int i;

	for (i = n; i-- > 0;) {
		c[i] = cpu_to_fdt32((mp_u32)v);
		v = n > 1 ? v >> 32 : 0;
	}
}

/* set @prop of @node to @n (address, size) pairs of @ac/@sc cells */
static int set_pairs(void *fdt, int node, const char *prop, const struct mp_range *r, size_t n,
		     unsigned int ac, unsigned int sc, struct mp_arena *arena)
{
	size_t i, k = 0, per = ac + sc;
	fdt32_t *cells;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -FDT_ERR_BADNCELLS;
	cells = mp_arena_alloc(arena, (n ? n * per : 1) * sizeof(*cells), 0);
	if (!cells)
		return -FDT_ERR_NOSPACE;
	for (i = 0; i < n; i++) {
		put_cells(&cells[k], r[i].base, ac);
		k += ac;
		put_cells(&cells[k], r[i].size, sc);
		k += sc;
	}
	return fdt_setprop(fdt, node, prop, cells, (int)(k * sizeof(*cells)));
}

/* rewrite node @path of @fdt to static reg <base size> (root cells) */
static int pin_region(void *fdt, const char *path, mp_u64 base, mp_u64 size,
		      struct mp_arena *arena)
{
	struct mp_range r = { base, size };
	unsigned int ac, sc;
	char name[256];
	int node = fdt_path_offset(fdt, path), ret;

	if (node < 0)
		return node;
	mp_dt_cells(fdt, 0, &ac, &sc);
	ret = set_pairs(fdt, node, "reg", &r, 1, ac, sc, arena);
	if (ret)
		return ret;
	pinned_name(fdt_get_name(fdt, node, NULL), base, name, sizeof(name));
	return fdt_set_name(fdt, node, name);
}

/* a copy of @fdt with @extra bytes of room, in @arena */
static void *open_copy(const void *fdt, size_t extra, struct mp_arena *arena)
{
	size_t size = fdt_totalsize(fdt) + extra;
	void *buf = mp_arena_alloc(arena, size, 8);

	if (buf && fdt_open_into(fdt, buf, (int)size))
		return NULL;
	return buf;
}

/* a failed build: where and why; returns -1 */
static int failed(struct mp_ho_result *res, enum mp_ho_step step, int fdt_err, const char *path)
{
	res->step = step;
	res->fdt_err = fdt_err;
	res->path = path;
	return -1;
}

/* the end of a build: @fdt packed into @res, or the libfdt error @ret */
static int finish(struct mp_ho_result *res, void *fdt, int ret)
{
	if (!ret)
		ret = fdt_pack(fdt);
	if (ret)
		return failed(res, MP_HO_BUILD, ret, NULL);
	res->fdt = fdt;
	return 0;
}

size_t mp_crash_ranges(const struct mp_crash *c, struct mp_range out[2])
{
	size_t n = 0;

	if (c->low_present)
		out[n++] = (struct mp_range){ c->low_base, c->low_size };
	if (c->high_present)
		out[n++] = (struct mp_range){ c->high_base, c->high_size };
	return n;
}

/* ------------------------------------------------------------------ */
/* xen-dom0                                                            */

int mp_ho_outside_ram(const struct mp_plan *host, const struct mp_range *dom0, size_t n)
{
	size_t i, b;

	for (i = 0; i < n; i++) {
		mp_u64 pos = dom0[i].base, end = pos + dom0[i].size;
		bool moved = true;

		/* banks merged: walk from bank to bank while one holds @pos */
		while (pos < end && moved) {
			moved = false;
			for (b = 0; b < host->nr_banks; b++) {
				const struct mp_bank *k = &host->banks[b];

				if (k->base <= pos && k->base + k->size > pos) {
					pos = k->base + k->size;
					moved = true;
				}
			}
		}
		if (pos < end)
			return (int)i;
	}
	return -1;
}

/* host reserved ranges (static regs, dynamic placements), as --legacy appends them */
static size_t host_reserved(const struct mp_plan *host, struct mp_range *out, size_t cap)
{
	size_t i, k, n = 0;

	for (i = 0; i < host->nr_rmem && n < cap; i++) {
		const struct mp_rmem *r = &host->rmem[i];

		if (r->kind == MP_RMEM_MEMRESERVE)
			continue;
		if (r->kind == MP_RMEM_STATIC && r->nr_regs) {
			for (k = 0; k < r->nr_regs && n < cap; k++)
				if (r->regs[k].size)
					out[n++] = r->regs[k];
		} else if (r->size && r->status != MP_RMEM_FAILED && r->status != MP_RMEM_DROPPED) {
			out[n++] = (struct mp_range){ r->base, r->size };
		}
	}
	return n;
}

/* by base, stable (equal bases keep their order) */
static void sort_ranges(struct mp_range *r, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct mp_range x = r[i];

		for (j = i; j > 0 && r[j - 1].base > x.base; j--)
			r[j] = r[j - 1];
		r[j] = x;
	}
}

/* drop every memory node: dom0 sees only its own RAM */
static void drop_memory_nodes(void *fdt)
{
	int node;

	for (;;) {
		bool found = false;

		fdt_for_each_subnode(node, fdt, 0) {
			const char *t = fdt_getprop(fdt, node, "device_type", NULL);

			if (t && mp_streq(t, "memory")) {
				found = true;
				break;
			}
		}
		if (!found)
			break;
		fdt_del_node(fdt, node);
	}
}

/* pin the dynamic regions dom0 cannot allocate at the host plan's address */
static int pin_unreachable(const struct mp_plan *host, void *fdt, const struct mp_range *dom0,
			   size_t n, struct mp_arena *arena, struct mp_ho_findings *fi,
			   struct mp_ho_result *res)
{
	size_t i;
	int ret;

	for (i = 0; i < host->nr_rmem; i++) {
		const struct mp_rmem *r = &host->rmem[i];

		if (r->kind != MP_RMEM_DYNAMIC || dynamic_lands_in(r, dom0, n))
			continue;
		if (r->status != MP_RMEM_RESERVED) {
			if (add(fi, MP_HO_LEFT_DYNAMIC, r, r->base, r->size, NULL))
				return -MP_ERR_NOSPACE;
			continue;
		}
		ret = pin_region(fdt, r->path, r->base, r->size, arena);
		if (ret)
			return failed(res, MP_HO_PIN, ret, r->path);
		if (add(fi, MP_HO_PINNED, r, r->base, r->size, NULL))
			return -MP_ERR_NOSPACE;
	}
	return 0;
}

/* dom0's memory node and /chosen/bootargs */
static int write_memory(void *fdt, const struct mp_range *mem, size_t nmem, const char *bootargs,
			struct mp_arena *arena)
{
	unsigned int ac, sc;
	char name[64];
	int node, ret;

	mp_dt_cells(fdt, 0, &ac, &sc);
	mp_snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)mem[0].base);
	node = fdt_add_subnode(fdt, 0, name);
	ret = node < 0 ? node : fdt_setprop_string(fdt, node, "device_type", "memory");
	if (!ret)
		ret = set_pairs(fdt, node, "reg", mem, nmem, ac, sc, arena);
	if (!ret && bootargs) {
		node = fdt_path_offset(fdt, "/chosen");
		if (node == -FDT_ERR_NOTFOUND)
			node = fdt_add_subnode(fdt, 0, "chosen");
		ret = node < 0 ? node : fdt_setprop_string(fdt, node, "bootargs", bootargs);
	}
	return ret;
}

int mp_ho_build_dom0(const struct mp_plan *host, const void *host_fdt, const struct mp_range *dom0,
		     size_t n, const char *bootargs, bool legacy, struct mp_arena *arena,
		     struct mp_ho_findings *fi, struct mp_ho_result *res)
{
	struct mp_range *mem = mp_arena_alloc(arena, (n + MAX_LEGACY) * sizeof(*mem), 0);
	size_t nmem = 0, i;
	void *fdt;
	int node, ret;

	mp_memset(res, 0, sizeof(*res));
	fdt = open_copy(host_fdt, 16384 + host->nr_rmem * 64 + (bootargs ? mp_strlen(bootargs) : 0),
			arena);
	if (!fdt || !mem)
		return failed(res, MP_HO_OPEN, 0, NULL);
	drop_memory_nodes(fdt);
	for (i = 0; i < n; i++)
		mem[nmem++] = dom0[i];
	if (legacy) {
		/* Xen's historic bug: reserved regions become banks of the memory node */
		nmem += host_reserved(host, mem + nmem, MAX_LEGACY);
		sort_ranges(mem, nmem);
		node = fdt_path_offset(fdt, "/reserved-memory");
		if (node >= 0)
			fdt_del_node(fdt, node);
	} else {
		ret = pin_unreachable(host, fdt, dom0, n, arena, fi, res);
		if (ret)
			return ret == -1 ? -1 : failed(res, MP_HO_OPEN, 0, NULL);
	}
	return finish(res, fdt, write_memory(fdt, mem, nmem, bootargs, arena));
}

/* append the non-empty reg entries of @node to @out[@k..@cap); returns the new count */
static size_t append_regs(const void *fdt, int node, unsigned int ac, unsigned int sc,
			  struct mp_range *out, size_t k, size_t cap)
{
	struct mp_range regs[MAX_REGS];
	int n = read_pairs(fdt, node, "reg", ac, sc, regs, MAX_REGS), j;

	for (j = 0; j < n && j < MAX_REGS && k < cap; j++)
		if (regs[j].size)
			out[k++] = regs[j];
	return k;
}

/* ranges of a written DT that stay reserved: static reg of /reserved-memory, /memreserve/ */
static size_t out_reserved(const void *fdt, struct mp_range *out, size_t cap, bool *rm_ok)
{
	unsigned int rac, rsc, ac, sc;
	int rm, child, i, n;
	size_t k = 0;

	mp_dt_cells(fdt, 0, &rac, &rsc);
	n = fdt_num_mem_rsv(fdt);
	for (i = 0; i < n && k < cap; i++) {
		uint64_t a, s;

		if (fdt_get_mem_rsv(fdt, i, &a, &s) || !s)
			break;
		out[k++] = (struct mp_range){ a, s };
	}
	rm = fdt_path_offset(fdt, "/reserved-memory");
	*rm_ok = false;
	if (rm < 0)
		return k;
	mp_dt_cells(fdt, rm, &ac, &sc);
	/* §7.2: the kernel ignores /reserved-memory unless the cells match and ranges exists */
	*rm_ok = ac == rac && sc == rsc && fdt_getprop(fdt, rm, "ranges", NULL);
	if (!*rm_ok)
		return k;
	fdt_for_each_subnode(child, fdt, rm) {
		const char *st = fdt_getprop(fdt, child, "status", NULL);

		if (!st || mp_streq(st, "okay") || mp_streq(st, "ok"))
			k = append_regs(fdt, child, rac, rsc, out, k, cap);
	}
	return k;
}

/* the memory ranges of a written DT */
static size_t out_memory(const void *fdt, struct mp_range *out, size_t cap)
{
	unsigned int ac, sc;
	size_t k = 0;
	int node;

	mp_dt_cells(fdt, 0, &ac, &sc);
	fdt_for_each_subnode(node, fdt, 0) {
		const char *t = fdt_getprop(fdt, node, "device_type", NULL);

		if (t && mp_streq(t, "memory"))
			k = append_regs(fdt, node, ac, sc, out, k, cap);
	}
	return k;
}

/* is [base, base+size) ∩ mem fully covered by @res? (byte-exact sweep) */
static bool covered(mp_u64 base, mp_u64 size, const struct mp_range *mem, size_t nm,
		    const struct mp_range *res, size_t nr)
{
	size_t i, k;

	for (i = 0; i < nm; i++) {
		mp_u64 lo, hi, pos;

		if (!mp_overlaps(base, size, mem[i].base, mem[i].size))
			continue;
		lo = mp_max(base, mem[i].base);
		hi = mp_min(base + size, mem[i].base + mem[i].size);
		pos = lo;
		while (pos < hi) {
			mp_u64 best = pos;

			for (k = 0; k < nr; k++)
				if (res[k].base <= pos && res[k].base + res[k].size > best)
					best = res[k].base + res[k].size;
			if (best == pos)
				return false;
			pos = best;
		}
	}
	return true;
}

struct check {
	struct mp_ho_findings *fi;
	const struct mp_range *mem, *res;
	size_t nm, nr, violations;
};

static void violation(struct check *c, const struct mp_rmem *r, const char *fmt, ...)
	MP_PRINTF(3, 4);
static void violation(struct check *c, const struct mp_rmem *r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	mp_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	c->violations++;
	add(c->fi, MP_HO_VIOLATION, r, 0, 0, mp_strdup(c->fi->arena, buf));
}

/* the node of host region @r in dom0's DT (a pinned one under its new name), or < 0 */
static int node_of(const void *fdt, const struct mp_rmem *r)
{
	char path[512];
	int node = fdt_path_offset(fdt, r->path);
	size_t n;

	if (node >= 0 || r->kind != MP_RMEM_DYNAMIC || r->status != MP_RMEM_RESERVED)
		return node;
	mp_snprintf(path, sizeof(path), "/reserved-memory/");
	n = mp_strlen(path);
	pinned_name(r->name, r->base, path + n, sizeof(path) - n);
	return fdt_path_offset(fdt, path);
}

static void check_region(struct check *c, const void *fdt, const struct mp_rmem *r)
{
	int node;
	size_t k;

	if (r->kind == MP_RMEM_MEMRESERVE) {
		if (!covered(r->base, r->size, c->mem, c->nm, c->res, c->nr))
			violation(c, r, "%s [0x%llx+0x%llx] is dom0 memory but not reserved", r->path,
				  (unsigned long long)r->base, (unsigned long long)r->size);
		return;
	}
	node = node_of(fdt, r);
	if (node < 0)
		violation(c, r, "%s has no /reserved-memory node in dom0's DT", r->path);
	if (node < 0 && r->kind == MP_RMEM_DYNAMIC) {
		if (r->status == MP_RMEM_RESERVED &&
		    !covered(r->base, r->size, c->mem, c->nm, c->res, c->nr))
			violation(c, r, "%s (host address 0x%llx+0x%llx) is handed over as plain "
				  "memory", r->path, (unsigned long long)r->base,
				  (unsigned long long)r->size);
	} else if (r->kind == MP_RMEM_STATIC) {
		for (k = 0; k < (r->nr_regs ? r->nr_regs : 1); k++) {
			mp_u64 b = r->nr_regs ? r->regs[k].base : r->base;
			mp_u64 s = r->nr_regs ? r->regs[k].size : r->size;

			if (!covered(b, s, c->mem, c->nm, c->res, c->nr))
				violation(c, r, "%s [0x%llx+0x%llx] is handed over as plain memory",
					  r->path, (unsigned long long)b, (unsigned long long)s);
		}
	} else if (!fdt_getprop(fdt, node, "reg", NULL) && !dynamic_lands_in(r, c->mem, c->nm)) {
		violation(c, r, "%s stays dynamic but its alloc-ranges miss dom0's memory: "
			  "dom0 cannot allocate it", r->path);
	}
}

size_t mp_ho_check_dom0(const struct mp_plan *host, const void *host_fdt, const void *fdt,
			struct mp_ho_findings *fi)
{
	struct mp_range *mem = mp_arena_alloc(fi->arena, MAX_OUT_MEMORY * sizeof(*mem), 0);
	struct mp_range *res = mp_arena_alloc(fi->arena, MAX_OUT_RESERVED * sizeof(*res), 0);
	struct check c = { fi, mem, res, 0, 0, 0 };
	bool rm_ok;
	size_t i;

	if (!mem || !res) {
		violation(&c, NULL, "out of memory: the DT was not checked");
		return c.violations;
	}
	c.nm = out_memory(fdt, mem, MAX_OUT_MEMORY);
	c.nr = out_reserved(fdt, res, MAX_OUT_RESERVED, &rm_ok);
	if (fdt_path_offset(host_fdt, "/reserved-memory") >= 0 && !rm_ok)
		violation(&c, NULL, "/reserved-memory is missing or unusable (cells/ranges): the "
			  "kernel would ignore every region under it");
	for (i = 0; i < host->nr_rmem; i++)
		check_region(&c, fdt, &host->rmem[i]);
	return c.violations;
}

void mp_ho_dom0_conflicts(const struct mp_plan *host, const struct mp_plan *dom0,
			  struct mp_ho_findings *fi)
{
	struct mp_range cr[2];
	size_t nc, i, k;

	if (dom0->crash.status == MP_CRASH_RESERVED) {
		nc = mp_crash_ranges(&dom0->crash, cr);
		for (i = 0; i < host->nr_rmem; i++) {
			const struct mp_rmem *r = &host->rmem[i];

			for (k = 0; k < nc; k++)
				if (r->size && mp_overlaps(cr[k].base, cr[k].size, r->base, r->size))
					add(fi, MP_HO_CRASH_CONFLICT, r, r->base, r->size, NULL);
		}
	}
	if (dom0->cma.present && !dom0->cma.failed) {
		for (i = 0; i < host->nr_rmem; i++) {
			const struct mp_rmem *r = &host->rmem[i];

			if (r->size && !r->cma_default &&
			    mp_overlaps(dom0->cma.base, dom0->cma.size, r->base, r->size))
				add(fi, MP_HO_CMA_CONFLICT, r, r->base, r->size, NULL);
		}
	}
}

/* ------------------------------------------------------------------ */
/* kexec                                                               */

int mp_ho_fix_capture(const struct mp_plan *first, const void *capture_fdt,
		      const struct mp_range *crash, size_t nc, bool fix, struct mp_arena *arena,
		      struct mp_ho_findings *fi, struct mp_ho_result *res)
{
	void *fdt;
	size_t i;
	int ret;

	mp_memset(res, 0, sizeof(*res));
	fdt = open_copy(capture_fdt, 4096 + first->nr_rmem * 64, arena);
	if (!fdt)
		return failed(res, MP_HO_OPEN, 0, NULL);
	for (i = 0; i < first->nr_rmem; i++) {
		const struct mp_rmem *r = &first->rmem[i];
		enum mp_ho_kind kind = MP_HO_FLAGGED;

		if (r->kind != MP_RMEM_DYNAMIC || !dynamic_lands_in(r, crash, nc))
			continue;
		if (fix && r->status != MP_RMEM_RESERVED) {
			kind = MP_HO_NOT_PINNED;
		} else if (fix) {
			ret = pin_region(fdt, r->path, r->base, r->size, arena);
			if (ret)
				return failed(res, MP_HO_PIN, ret, r->path);
			kind = MP_HO_PINNED;
		}
		if (add(fi, kind, r, r->base, r->size, NULL))
			return failed(res, MP_HO_OPEN, 0, NULL);
	}
	return finish(res, fdt, 0);
}

mp_u64 mp_ho_crash_eaten(const struct mp_plan *capture, const struct mp_range *crash, size_t nc,
			 struct mp_ho_findings *fi)
{
	mp_u64 total = 0;
	size_t i;

	for (i = 0; i < capture->nr_rmem; i++) {
		const struct mp_rmem *r = &capture->rmem[i];

		if (r->kind != MP_RMEM_DYNAMIC || !r->size ||
		    (r->status != MP_RMEM_RESERVED && r->status != MP_RMEM_FREED) ||
		    !ranges_meet(&(struct mp_range){ r->base, r->size }, 1, crash, nc))
			continue;
		if (r->status == MP_RMEM_FREED) {
			add(fi, MP_HO_EATEN_FREED, r, r->base, r->size, NULL);
			continue;
		}
		total += r->size;
		add(fi, MP_HO_EATEN, r, r->base, r->size, NULL);
	}
	return total;
}
