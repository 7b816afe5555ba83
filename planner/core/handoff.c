// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * handoff.c - the DT the next boot stage receives, built from a plan so that
 * no reserved range reaches that stage as plain memory, and the checks that
 * prove it.  Returns findings; never prints.
 *
 *  xen-dom0  the checks of the DT Xen hands dom0 (handoff_xen.c builds it):
 *            every host reserved range in dom0's memory stays reserved, and
 *            no memory outside dom0's banks (Xen's reserved ranges, which it
 *            never gives dom0 as RAM) is left for dom0's kernel to use.
 *  kexec     the kdump capture kernel's memory is only the crash region, so a
 *            dynamic region without alloc-ranges, or whose alloc-ranges meet
 *            the crash region, is allocated inside it (of_reserved_mem.c,
 *            docs/kernel-model.md §7.4).  Those are flagged, or pinned at the
 *            first kernel's address (outside the capture kernel's memory).
 */
#include "memplan_handoff.h"
#include "internal.h"
#include "dtscan.h"
#include "handoff_dt.h"

#define MAX_REGS 64
#define MAX_OUT_MEMORY 256	/* memory ranges of a written DT the check reads */
#define MAX_OUT_RESERVED 1024	/* reserved ranges of a written DT the check reads */

int ho_add(struct mp_ho_findings *fi, enum mp_ho_kind kind, const struct mp_rmem *r,
	   mp_u64 base, mp_u64 size, const char *message)
{
	if (!fi)
		return 0;
	if (mp_grow(fi->arena, (void **)&fi->f, &fi->cap, fi->nr + 1, sizeof(*fi->f)))
		return -MP_ERR_NOSPACE;
	fi->f[fi->nr++] = (struct mp_ho_finding){ kind, r, base, size, message };
	return 0;
}

bool ho_ranges_meet(const struct mp_range *a, size_t na, const struct mp_range *b, size_t nb)
{
	size_t i, k;

	for (i = 0; i < na; i++)
		for (k = 0; k < nb; k++)
			if (mp_overlaps(a[i].base, a[i].size, b[k].base, b[k].size))
				return true;
	return false;
}

/* dynamic region @r would be allocated in @mem: no alloc-ranges means anywhere */
bool ho_dynamic_lands_in(const struct mp_rmem *r, const struct mp_range *mem, size_t n)
{
	if (!r->nr_alloc_ranges)
		return true;
	return ho_ranges_meet(r->alloc_ranges, r->nr_alloc_ranges, mem, n);
}

/* unit name for a region pinned at @base: "name@base" */
void ho_pinned_name(const char *name, mp_u64 base, char *out, size_t len)
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
int ho_read_pairs(const void *fdt, int node, const char *prop, unsigned int ac,
		  unsigned int sc, struct mp_range *out, size_t cap)
{
	const unsigned char *p;
	int len, n, i, pair;

	p = fdt_getprop(fdt, node, prop, &len);
	if (!p || len <= 0)
		return 0;
	/* the cells come from the DT: bound them before they size anything */
	if (ac > 4 || sc > 4 || !(ac + sc))
		return -1;
	pair = (int)(ac + sc) * 4;
	if (len % pair)
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
int ho_set_pairs(void *fdt, int node, const char *prop, const struct mp_range *r, size_t n,
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
int ho_pin_region(void *fdt, const char *path, mp_u64 base, mp_u64 size, struct mp_arena *arena)
{
	struct mp_range r = { base, size };
	unsigned int ac, sc;
	char name[256];
	int node = fdt_path_offset(fdt, path), ret;

	if (node < 0)
		return node;
	mp_dt_cells(fdt, 0, &ac, &sc);
	ret = ho_set_pairs(fdt, node, "reg", &r, 1, ac, sc, arena);
	if (ret)
		return ret;
	ho_pinned_name(fdt_get_name(fdt, node, NULL), base, name, sizeof(name));
	return fdt_set_name(fdt, node, name);
}

/* a copy of @fdt with @extra bytes of room, in @arena */
void *ho_open_copy(const void *fdt, size_t extra, struct mp_arena *arena)
{
	size_t size = fdt_totalsize(fdt) + extra;
	void *buf = mp_arena_alloc(arena, size, 8);

	if (buf && fdt_open_into(fdt, buf, (int)size))
		return NULL;
	return buf;
}

/* a failed build: where and why; returns -1 */
int ho_failed(struct mp_ho_result *res, enum mp_ho_step step, int fdt_err, const char *path)
{
	res->step = step;
	res->fdt_err = fdt_err;
	res->path = path;
	return -1;
}

/* the end of a build: @fdt packed into @res, or the libfdt error @ret */
int ho_finish(struct mp_ho_result *res, void *fdt, int ret)
{
	if (!ret)
		ret = fdt_pack(fdt);
	if (ret)
		return ho_failed(res, MP_HO_BUILD, ret, NULL);
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

/* append the non-empty reg entries of @node to @out[@k..@cap); returns the new count */
static size_t append_regs(const void *fdt, int node, unsigned int ac, unsigned int sc,
			  struct mp_range *out, size_t k, size_t cap)
{
	struct mp_range regs[MAX_REGS];
	int n = ho_read_pairs(fdt, node, "reg", ac, sc, regs, MAX_REGS), j;

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

/*
 * the host region whose reg holds [@base, +@size), or NULL; the reg is read
 * from @host_fdt, since the plan keeps none for a node the kernel skips
 */
static const struct mp_rmem *region_at(const struct mp_plan *host, const void *host_fdt,
				       mp_u64 base, mp_u64 size)
{
	int rm = fdt_path_offset(host_fdt, "/reserved-memory");
	struct mp_range regs[MAX_REGS];
	unsigned int ac, sc;
	size_t i;
	int k, nr;

	if (rm < 0)
		return NULL;
	mp_dt_cells(host_fdt, rm, &ac, &sc);
	for (i = 0; i < host->nr_rmem; i++) {
		const struct mp_rmem *r = &host->rmem[i];

		if (r->kind == MP_RMEM_MEMRESERVE || r->fdt_offset < 0)
			continue;
		nr = ho_read_pairs(host_fdt, r->fdt_offset, "reg", ac, sc, regs, MAX_REGS);
		for (k = 0; k < nr && k < MAX_REGS; k++)
			if (regs[k].base <= base && base - regs[k].base + size <= regs[k].size)
				return r;
	}
	return NULL;
}

/*
 * Memory of dom0's DT outside its banks is Xen's: the host's reserved ranges
 * (bootinfo.reserved_mem), kept out of Xen's heap and mapped into dom0 as
 * MMIO by handle_device().  Each such range must be reserved by dom0's own
 * kernel, or dom0 uses pages Xen never gave it.
 */
static void check_xen_ram(struct check *c, const struct mp_plan *host, const void *host_fdt,
			  const struct mp_range *dom0, size_t n)
{
	size_t i;

	for (i = 0; i < c->nm; i++) {
		const struct mp_range *m = &c->mem[i];
		bool in_bank = false;
		size_t k;

		for (k = 0; k < n; k++)
			if (dom0[k].base <= m->base && m->base - dom0[k].base + m->size <= dom0[k].size)
				in_bank = true;
		if (in_bank || covered(m->base, m->size, m, 1, c->res, c->nr))
			continue;
		c->violations++;
		ho_add(c->fi, MP_HO_XEN_NOT_RAM, region_at(host, host_fdt, m->base, m->size), m->base, m->size,
		       NULL);
	}
}

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
	ho_add(c->fi, MP_HO_VIOLATION, r, 0, 0, mp_strdup(c->fi->arena, buf));
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
	ho_pinned_name(r->name, r->base, path + n, sizeof(path) - n);
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
	/* a node the host kernel skips reserves nothing there either (check_xen_ram()) */
	if (r->status == MP_RMEM_DROPPED)
		return;
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
	} else if (!fdt_getprop(fdt, node, "reg", NULL) && !ho_dynamic_lands_in(r, c->mem, c->nm)) {
		violation(c, r, "%s stays dynamic but its alloc-ranges miss dom0's memory: "
			  "dom0 cannot allocate it", r->path);
	}
}

size_t mp_ho_check_dom0(const struct mp_plan *host, const void *host_fdt, const void *fdt,
			const struct mp_range *dom0, size_t n, struct mp_ho_findings *fi)
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
	check_xen_ram(&c, host, host_fdt, dom0, n);
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
					ho_add(fi, MP_HO_CRASH_CONFLICT, r, r->base, r->size, NULL);
		}
	}
	if (dom0->cma.present && !dom0->cma.failed) {
		for (i = 0; i < host->nr_rmem; i++) {
			const struct mp_rmem *r = &host->rmem[i];

			if (r->size && !r->cma_default &&
			    mp_overlaps(dom0->cma.base, dom0->cma.size, r->base, r->size))
				ho_add(fi, MP_HO_CMA_CONFLICT, r, r->base, r->size, NULL);
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
	fdt = ho_open_copy(capture_fdt, 4096 + first->nr_rmem * 64, arena);
	if (!fdt)
		return ho_failed(res, MP_HO_OPEN, 0, NULL);
	for (i = 0; i < first->nr_rmem; i++) {
		const struct mp_rmem *r = &first->rmem[i];
		enum mp_ho_kind kind = MP_HO_FLAGGED;

		if (r->kind != MP_RMEM_DYNAMIC || !ho_dynamic_lands_in(r, crash, nc))
			continue;
		if (fix && r->status != MP_RMEM_RESERVED) {
			kind = MP_HO_NOT_PINNED;
		} else if (fix) {
			ret = ho_pin_region(fdt, r->path, r->base, r->size, arena);
			if (ret)
				return ho_failed(res, MP_HO_PIN, ret, r->path);
			kind = MP_HO_PINNED;
		}
		if (ho_add(fi, kind, r, r->base, r->size, NULL))
			return ho_failed(res, MP_HO_OPEN, 0, NULL);
	}
	return ho_finish(res, fdt, 0);
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
		    !ho_ranges_meet(&(struct mp_range){ r->base, r->size }, 1, crash, nc))
			continue;
		if (r->status == MP_RMEM_FREED) {
			ho_add(fi, MP_HO_EATEN_FREED, r, r->base, r->size, NULL);
			continue;
		}
		total += r->size;
		ho_add(fi, MP_HO_EATEN, r, r->base, r->size, NULL);
	}
	return total;
}
