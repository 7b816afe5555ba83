// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * rmem.c - /memreserve/, /reserved-memory and elfcorehdr, in each version's
 * order (docs/kernel-model.md §7):
 *
 *   6.1  early_init_fdt_scan_reserved_mem(): /memreserve/, fdt_scan_reserved_mem()
 *        (static reg + recording), fdt_reserve_elfcorehdr(),
 *        fdt_init_reserved_mem() (heapsort, overlap report, dynamic allocation
 *        and driver init in sorted order, 64 records at most).
 *   6.12 (6.12.117) / mainline: fdt_reserve_elfcorehdr(), fdt_scan_reserved_mem()
 *        (static reg, then dynamic allocation + driver init in DT order, at most
 *        64 dynamic nodes), /memreserve/; static records and their driver init
 *        only at unflatten time (fdt_scan_reserved_mem_reg_nodes()).
 *   memplan-6.12 (kernel-patches/6.12/0005): as 6.12, without the 64-node limit:
 *        the dynamic records live in memblock memory (early_records()) until
 *        unflatten time.
 *
 * The DT is read through libfdt in the order the kernel walks the flattened
 * tree, so the order of records and log lines is the kernel's.
 */
#include "rmem.h"
#include "cmdline.h"
#include "heapsort.h"

#define MAX_RESERVED_REGIONS 64

/* the names of struct mp_rmem_props' members, in their order */
static const char *const mp_rmem_prop_names[] = {
	"reg", "size", "alignment", "alloc-ranges", "compatible", "status",
	"no-map", "reusable", "linux,cma-default", "linux,dma-default",
};
_Static_assert(MP_ARRAY_SIZE(mp_rmem_prop_names) ==
	       MP_ARRAY_SIZE(((struct mp_rmem_props *)0)->all), "one name per member");

static void read_props(const void *fdt, int node, struct mp_rmem_props *pp)
{
	mp_dt_props(fdt, node, mp_rmem_prop_names, MP_ARRAY_SIZE(pp->all), pp->all);
}

/* of_fdt_device_is_available() on the status read with the rest */
static bool props_available(const struct mp_rmem_props *pp)
{
	return mp_dt_status_ok(pp->status.v, pp->status.len);
}

static void note_region(struct mp_ctx *ctx, struct mp_rmem *r, mp_u64 base, mp_u64 size)
{
	mp_note_alloc(ctx, base, size, MP_ALLOC_RMEM, r->name, false);
}

/* ---- static regions: __reserved_mem_reserve_reg() ----------------------- */

/* early_init_dt_reserve_memory() */
static int reserve_one(struct mp_ctx *ctx, mp_u64 base, mp_u64 size, bool nomap)
{
	if (nomap) {
		if (mp_mb_overlaps_memory(&ctx->mb, base, size) &&
		    mp_mb_is_region_reserved(&ctx->mb, base, size))
			return -MP_EBUSY;
		return mp_mb_mark_nomap(&ctx->mb, base, size);
	}
	return mp_mb_reserve(&ctx->mb, base, size);
}

/* does a failed no-map entry of @r overlap a placement memplan only assumed? */
static bool assumed_conflict(struct mp_ctx *ctx, const struct mp_rmem *r)
{
	const struct mp_plan *p = ctx->plan;
	mp_u64 ks = p->image.text, ke = p->image.text + p->image.size;
	size_t i;

	for (i = 0; i < r->nr_regs; i++) {
		mp_u64 b = r->regs[i].base, e = b + r->regs[i].size;

		if (p->image.text_assumed && b < ke && ks < e)
			return true;
		if (!ctx->in->fdt_base_given && b < p->fdt_base + p->fdt_size && p->fdt_base < e)
			return true;
	}
	return false;
}

static const char *fdt_prefix(struct mp_ctx *ctx)
{
	return ctx->b.rmem_log_prefix;
}

static int reserve_reg(struct mp_ctx *ctx, struct mp_rmem *r, int node)
{
	const struct mp_dt_facts *dt = ctx->dt;
	unsigned int t_len = 4 * (dt->addr_cells + dt->size_cells);
	const unsigned char *reg;
	int len, i = 0, failed = 0;

	(void)node;
	reg = mp_rmem_props_of(ctx, r)->reg.v;
	len = mp_rmem_props_of(ctx, r)->reg.len;
	if (!reg)
		return -MP_ENOENT;
	if (len && len % (int)t_len) {
		if (ctx->in->strict)
			return mp_fail(ctx, -MP_ERR_BADINPUT,
				       "%s: reg is %d bytes, not a multiple of %u "
				       "(#address-cells + #size-cells of the root)",
				       r->path, len, t_len);
		mp_log(ctx, "%sReserved memory: invalid reg property in '%s', skipping node.",
		       fdt_prefix(ctx), r->name);
		r->status = MP_RMEM_FAILED;
		r->reason = "reg length is not a multiple of the root's cells; node skipped";
		return -MP_EINVAL;
	}
	r->nr_regs = (size_t)len / t_len;
	r->regs = mp_arena_alloc(ctx->arena, (r->nr_regs ? r->nr_regs : 1) * sizeof(*r->regs), 0);
	if (!r->regs)
		return mp_fail(ctx, -MP_ERR_NOSPACE, "arena exhausted");
	for (; len >= (int)t_len; len -= (int)t_len, reg += t_len, i++) {
		mp_u64 base = mp_dt_read_cells(reg, dt->addr_cells);
		mp_u64 size = mp_dt_read_cells(reg + 4 * dt->addr_cells, dt->size_cells);
		mp_u64 end;
		int err = -1;

		if (mp_add_overflows(base, size, &end) && end) {
			if (ctx->in->strict)
				return mp_fail(ctx, -MP_ERR_BADINPUT,
					       "%s: reg entry %d base 0x%llx + size 0x%llx "
					       "overflows 64 bits", r->path, i,
					       (unsigned long long)base, (unsigned long long)size);
		}
		r->regs[i].base = base;
		r->regs[i].size = size;
		if (size)
			err = reserve_one(ctx, base, size, r->no_map);
		if (err) {
			mp_log(ctx, "%sReserved memory: failed to reserve memory for node '%s': "
				    "base %#018llx, size %llu MiB",
			       fdt_prefix(ctx), r->name, (unsigned long long)base,
			       (unsigned long long)(size >> 20));
			failed++;
			if (r->no_map && size)
				r->reason = "no-map range overlaps memory that is already "
					    "reserved (EBUSY): it stays ordinary, allocatable RAM";
			else if (!size)
				r->reason = "reg entry of size 0";
		} else {
			note_region(ctx, r, base, size);
		}
		if (i == 0) {
			r->base = base;
			r->size = size;
		}
	}
	if (failed && r->no_map && assumed_conflict(ctx, r)) {
		/* the conflict exists only under memplan's own guess of the boot loader */
		r->status = MP_RMEM_FAILED;
		mp_diag(ctx, MP_SEV_WARNING, "rmem-reserve-failed-assumed", r->path,
			"%s - but only because memplan assumed the Image at %#llx and the DTB at "
			"%#llx; pass --image-base/--fdt-base with the boot loader's real "
			"placement", r->reason ? r->reason : "reservation failed",
			(unsigned long long)ctx->plan->image.text,
			(unsigned long long)ctx->plan->fdt_base);
		failed = 0;
	}
	if (failed) {
		/* the node's status follows its first entry, the one drivers see */
		bool first_ok = r->nr_regs && r->regs[0].size &&
				!(failed == (int)r->nr_regs);

		if (!first_ok || r->nr_regs == 1)
			r->status = MP_RMEM_FAILED;
		else
			r->reason = mp_aprintf(ctx->arena, "%d of %zu reg entries failed: %s",
					       failed, r->nr_regs, r->reason ? r->reason : "");
		mp_diag(ctx, r->status == MP_RMEM_FAILED ? MP_SEV_ERROR : MP_SEV_WARNING,
			"rmem-reserve-failed", r->path, "%s",
			r->reason ? r->reason : "reservation failed");
	}
	if (r->nr_regs > 1)
		mp_diag(ctx, MP_SEV_NOTE, "rmem-multi-reg", r->path,
			"%zu reg entries: all are reserved, but only the first is recorded for "
			"drivers (of_reserved_mem_lookup)", r->nr_regs);
	return 0;
}

/* ---- dynamic regions: __reserved_mem_alloc_size() ------------------------ */

/*
 * __reserved_mem_alloc_in_range() (~6.5+): bottom-up when the range starts
 * next to an already recorded region and does not also end next to one.
 */
static mp_u64 alloc_in_range(struct mp_ctx *ctx, mp_u64 size, mp_u64 align, mp_u64 start,
			     mp_u64 end)
{
	bool bu = false, td = false, prev = ctx->mb.bottom_up;
	mp_u64 base;
	size_t i;

	for (i = 0; i < ctx->nr_records; i++) {
		const struct mp_rmem *rec = ctx->records[i];

		if (!rec->size)
			continue;
		if (start >= rec->base && start <= rec->base + rec->size)
			bu = true;
		if (end >= rec->base && end <= rec->base + rec->size)
			td = true;
	}
	if (bu != td)
		ctx->mb.bottom_up = bu;
	base = mp_mb_phys_alloc_range(&ctx->mb, size, align ? align : 64, start,
				      end ? end : MP_ALLOC_ANYWHERE);
	ctx->mb.bottom_up = prev;
	return base;
}

/* early_init_dt_alloc_reserved_memory_arch() */
static mp_u64 alloc_arch(struct mp_ctx *ctx, struct mp_rmem *r, mp_u64 size, mp_u64 align,
			 mp_u64 start, mp_u64 end)
{
	mp_u64 base;

	if (ctx->b.rmem_alloc_ranges_by_arch && r->nr_alloc_ranges)
		base = alloc_in_range(ctx, size, align, start, end);
	else
		base = mp_mb_phys_alloc_range(&ctx->mb, size, align ? align : 64, start,
					      end ? end : MP_ALLOC_ANYWHERE);
	if (base && r->no_map && mp_mb_mark_nomap(&ctx->mb, base, size))
		mp_mb_phys_free(&ctx->mb, base, size);
	return base;
}

static int alloc_size(struct mp_ctx *ctx, struct mp_rmem *r, int node)
{
	const struct mp_dt_facts *dt = ctx->dt;
	const void *fdt = ctx->in->fdt;
	unsigned int t_len = 4 * (dt->addr_cells + dt->size_cells);
	const unsigned char *p;
	mp_u64 size, align = 0, base = 0;
	int len;

	const struct mp_rmem_props *pp = mp_rmem_props_of(ctx, r);

	(void)fdt;
	(void)node;
	p = pp->size.v;
	len = pp->size.len;
	if (!p)
		return -MP_EINVAL;
	if (len != (int)(dt->size_cells * 4)) {
		if (ctx->in->strict)
			return mp_fail(ctx, -MP_ERR_BADINPUT,
				       "%s: size is %d bytes, the root's #size-cells needs %u",
				       r->path, len, dt->size_cells * 4);
		mp_log(ctx, "OF: reserved mem: invalid size property in '%s' node.", r->name);
		r->status = MP_RMEM_FAILED;
		r->reason = "size property length does not match the root's #size-cells";
		return -MP_EINVAL;
	}
	size = mp_dt_read_cells(p, dt->size_cells);
	p = pp->align.v;
	len = pp->align.len;
	if (p) {
		/* read with #address-cells (the 6.12.15 fix was reverted in 6.12.19) */
		if (len != (int)(dt->addr_cells * 4)) {
			if (ctx->in->strict)
				return mp_fail(ctx, -MP_ERR_BADINPUT,
					       "%s: alignment is %d bytes; the kernel reads it "
					       "with the root's #address-cells (%u bytes)",
					       r->path, len, dt->addr_cells * 4);
			mp_log(ctx, "OF: reserved mem: invalid alignment property in '%s' node.",
			       r->name);
			r->status = MP_RMEM_FAILED;
			r->reason = "alignment property length does not match #address-cells";
			return -MP_EINVAL;
		}
		align = mp_dt_read_cells(p, dt->addr_cells);
		if (align > (1ULL << ctx->in->kc.pa_bits) && ctx->in->strict)
			return mp_fail(ctx, -MP_ERR_BADINPUT,
				       "%s: alignment = <0x%llx> is larger than the %u-bit physical "
				       "address space", r->path, (unsigned long long)align,
				       ctx->in->kc.pa_bits);
		if (align && !mp_is_pow2(align)) {
			if (ctx->in->strict)
				return mp_fail(ctx, -MP_ERR_BADINPUT,
					       "%s: alignment = <0x%llx> is not a power of two",
					       r->path, (unsigned long long)align);
			mp_diag(ctx, MP_SEV_ERROR, "rmem-bad-alignment", r->path,
				"alignment 0x%llx is not a power of two: memblock's round_down "
				"gives garbage addresses", (unsigned long long)align);
		}
	}
	if (ctx->in->kc.cma && r->reusable && !r->no_map &&
	    mp_rmem_is_compatible(ctx, r, "shared-dma-pool"))
		align = mp_max(align, mp_cma_min_align(ctx));
	r->align = align ? align : 64;
	r->size = size;

	p = pp->ranges.v;
	len = pp->ranges.len;
	if (p) {
		size_t i;

		if (len % (int)t_len) {
			if (ctx->in->strict)
				return mp_fail(ctx, -MP_ERR_BADINPUT,
					       "%s: alloc-ranges is %d bytes, not a multiple of %u",
					       r->path, len, t_len);
			mp_log(ctx, "OF: reserved mem: invalid alloc-ranges property in '%s', "
				    "skipping node.", r->name);
			r->status = MP_RMEM_FAILED;
			r->reason = "alloc-ranges length is not a multiple of the root's cells";
			return -MP_EINVAL;
		}
		r->nr_alloc_ranges = (size_t)len / t_len;
		r->alloc_ranges = mp_arena_alloc(ctx->arena,
						 (r->nr_alloc_ranges + 1) * sizeof(struct mp_range), 0);
		if (!r->alloc_ranges)
			return mp_fail(ctx, -MP_ERR_NOSPACE, "arena exhausted");
		for (i = 0; i < r->nr_alloc_ranges; i++, p += t_len) {
			mp_u64 start = mp_dt_read_cells(p, dt->addr_cells);
			mp_u64 rsize = mp_dt_read_cells(p + 4 * dt->addr_cells, dt->size_cells);

			r->alloc_ranges[i].base = start;
			r->alloc_ranges[i].size = rsize;
		}
		for (i = 0; i < r->nr_alloc_ranges; i++) {
			mp_u64 start = r->alloc_ranges[i].base;
			mp_u64 end = start + r->alloc_ranges[i].size; /* wraps like the kernel */

			base = alloc_arch(ctx, r, size, align, start, end);
			if (base)
				break;
		}
	} else {
		base = alloc_arch(ctx, r, size, align, 0, 0);
	}
	if (!base) {
		mp_log(ctx, "OF: reserved mem: failed to allocate memory for node '%s': "
			    "size %llu MiB", r->name, (unsigned long long)(size >> 20));
		r->status = MP_RMEM_FAILED;
		r->reason = r->nr_alloc_ranges ? "no free, mapped range inside alloc-ranges "
						 "can hold it (with its alignment)" :
						 "no free memory can hold it (with its alignment)";
		mp_diag(ctx, MP_SEV_ERROR, "rmem-alloc-failed", r->path,
			"dynamic region of %#llx bytes: %s", (unsigned long long)size, r->reason);
		return -MP_ENOMEM;
	}
	r->base = base;
	r->status = MP_RMEM_RESERVED;
	note_region(ctx, r, base, size);
	return 0;
}

/* ---- the node list -------------------------------------------------------- */

static int collect_nodes(struct mp_ctx *ctx, int parent)
{
	const void *fdt = ctx->in->fdt;
	/* one tree walk for the parent; fdt_get_path() per child would be O(n^2) */
	const char *parent_path = mp_dt_path(ctx, parent);
	int child;

	size_t children = 0, i = 0;

	fdt_for_each_subnode(child, fdt, parent)
		children++;
	/*
	 * Size plan->rmem once for the children and the /memreserve/ entries:
	 * records point into it, so it must not move afterwards.
	 */
	if (mp_grow(ctx->arena, (void **)&ctx->plan->rmem, &ctx->plan->cap_rmem,
		    ctx->plan->nr_rmem + children + ctx->dt->nr_memreserve + 1,
		    sizeof(struct mp_rmem)))
		return mp_fail(ctx, -MP_ERR_NOSPACE, "arena exhausted");
	ctx->rmem_props = mp_arena_alloc(ctx->arena, (children + 1) * sizeof(*ctx->rmem_props), 0);
	if (!ctx->rmem_props)
		return mp_fail(ctx, -MP_ERR_NOSPACE, "arena exhausted");
	fdt_for_each_subnode(child, fdt, parent) {
		struct mp_rmem *r = mp_new_rmem(ctx);
		struct mp_rmem_props *pp = &ctx->rmem_props[i++];
		int len;

		if (!r)
			return ctx->err;
		read_props(fdt, child, pp);
		r->fdt_offset = child;
		r->name = fdt_get_name(fdt, child, NULL);
		r->path = mp_aprintf(ctx->arena, "%s/%s", parent_path, r->name ? r->name : "?");
		r->no_map = (pp->no_map.v != NULL);
		r->reusable = (pp->reusable.v != NULL);
		r->cma_default = (pp->cma_default.v != NULL);
		if (pp->compat.v) {
			r->compatible = mp_dt_string(ctx, child, "compatible", &len);
			if (ctx->err)
				return ctx->err;
		}
		r->kind = pp->reg.v ? MP_RMEM_STATIC : MP_RMEM_DYNAMIC;
		r->status = MP_RMEM_RESERVED;
		if (!props_available(pp)) {
			r->status = MP_RMEM_DROPPED;
			r->reason = "status is not \"okay\": the kernel skips the node";
		} else if (r->kind == MP_RMEM_DYNAMIC && !pp->size.v) {
			r->status = MP_RMEM_DROPPED;
			r->reason = "neither reg nor size: the kernel ignores the node";
		}
	}
	return 0;
}

/* __reserved_mem_check_root() */
static bool root_ok(struct mp_ctx *ctx, int node)
{
	const void *fdt = ctx->in->fdt;
	const unsigned char *p;
	int len;

	p = fdt_getprop(fdt, node, "#size-cells", &len);
	if (!p || len < 4 || mp_dt_read_cells(p, 1) != ctx->dt->size_cells)
		return false;
	p = fdt_getprop(fdt, node, "#address-cells", &len);
	if (!p || len < 4 || mp_dt_read_cells(p, 1) != ctx->dt->addr_cells)
		return false;
	return fdt_getprop(fdt, node, "ranges", NULL) != NULL;
}

static void memreserve(struct mp_ctx *ctx)
{
	int n;

	for (n = 0;; n++) {
		uint64_t base, size;
		struct mp_rmem *r;

		if (fdt_get_mem_rsv(ctx->in->fdt, n, &base, &size) || !size)
			break;
		mp_mb_reserve(&ctx->mb, base, size);
		r = mp_new_rmem(ctx);
		if (!r)
			return;
		r->kind = MP_RMEM_MEMRESERVE;
		r->path = mp_aprintf(ctx->arena, "/memreserve/[%d]", n);
		r->name = r->path;
		r->base = base;
		r->size = size;
		r->fdt_offset = -1;
		r->status = MP_RMEM_RESERVED;
		mp_note_alloc(ctx, base, size, MP_ALLOC_MEMRESERVE, "/memreserve/", false);
	}
}

/* fdt_reserve_elfcorehdr() */
static void elfcorehdr(struct mp_ctx *ctx)
{
	const struct mp_dt_facts *dt = ctx->dt;

	if (!ctx->in->kc.crash_dump || !dt->has_elfcorehdr || !dt->elfcorehdr_size)
		return;
	if (mp_mb_is_region_reserved(&ctx->mb, dt->elfcorehdr_base, dt->elfcorehdr_size)) {
		mp_log(ctx, "OF: fdt: elfcorehdr is overlapped");
		mp_diag(ctx, MP_SEV_ERROR, "elfcorehdr-overlap", "/chosen",
			"linux,elfcorehdr overlaps a reservation: the capture kernel cannot "
			"protect the ELF header");
		return;
	}
	mp_mb_reserve(&ctx->mb, dt->elfcorehdr_base, dt->elfcorehdr_size);
	mp_note_alloc(ctx, dt->elfcorehdr_base, dt->elfcorehdr_size, MP_ALLOC_ELFCOREHDR,
		      "elfcorehdr", false);
	mp_log(ctx, "OF: fdt: Reserving %llu KiB of memory at 0x%llx for elfcorehdr",
	       (unsigned long long)(dt->elfcorehdr_size >> 10),
	       (unsigned long long)dt->elfcorehdr_base);
}

static struct mp_rmem *dt_rmem(struct mp_ctx *ctx, size_t i)
{
	return &ctx->plan->rmem[ctx->rmem_first + i];
}

/* a /reserved-memory node the kernel cannot use: one line, every child ignored */
static void root_format_warning(struct mp_ctx *ctx, int node)
{
	if (node >= 0 && !ctx->rmem_root_ok)
		mp_log(ctx, "%sReserved memory: unsupported node format, ignoring",
		       ctx->b.rmem_log_prefix);
}

/*
 * The next child in DT order that was not dropped, its reg reserved
 * (__reserved_mem_reserve_reg()) with the result in @err (-MP_ENOENT: no reg,
 * a dynamic region).  Return: false at the end, or on a fatal error (ctx->err).
 */
static bool reserve_next_reg(struct mp_ctx *ctx, size_t *i, size_t n, struct mp_rmem **r,
			     int *err)
{
	while (ctx->rmem_root_ok && *i < n) {
		*r = dt_rmem(ctx, (*i)++);
		if ((*r)->status == MP_RMEM_DROPPED)
			continue;
		*err = reserve_reg(ctx, *r, (*r)->fdt_offset);
		return !ctx->err;
	}
	return false;
}

/* ---- 6.1 ------------------------------------------------------------------ */

static int scan_61(struct mp_ctx *ctx, int node, size_t n)
{
	struct mp_rmem *r;
	size_t i = 0;
	int err;

	memreserve(ctx);
	root_format_warning(ctx, node);
	while (reserve_next_reg(ctx, &i, n, &r, &err)) {
		if (err == -MP_ENOENT) {
			r->base = r->size = 0;
			if (!mp_rmem_save_node(ctx, r, MAX_RESERVED_REGIONS)) {
				r->status = MP_RMEM_DROPPED;
				r->reason = "reserved_mem[] holds 64 records: this dynamic node "
					    "is never allocated";
				mp_diag(ctx, MP_SEV_ERROR, "rmem-too-many", r->path, "%s",
					r->reason);
			}
		} else if (!err) {
			if (!mp_rmem_save_node(ctx, r, MAX_RESERVED_REGIONS)) {
				if (r->status == MP_RMEM_RESERVED)
					r->reason = "reserved, but reserved_mem[] was full: no driver "
						    "init, invisible to of_reserved_mem_lookup()";
				mp_diag(ctx, MP_SEV_ERROR, "rmem-too-many", r->path,
					"reserved_mem[] holds 64 records: no driver init");
			}
		}
	}
	if (ctx->err)
		return ctx->err;
	elfcorehdr(ctx);

	/* fdt_init_reserved_mem(): sort (overlap report) then allocate + init */
	mp_rmem_check_overlap(ctx);
	for (i = 0; i < ctx->nr_records; i++) {
		struct mp_rmem *r = ctx->records[i];
		int err = 0;

		if (r->size == 0) {
			err = alloc_size(ctx, r, r->fdt_offset);
			if (ctx->err)
				return ctx->err;
		}
		/* static records are initialised even if their reservation failed */
		if (!err)
			mp_rmem_init_and_report(ctx, r);
	}
	return 0;
}

/* ---- 6.12 / mainline -------------------------------------------------------- */

/* memreserve_overlap_end() of memplan's 0005: end of the first overlapping entry, or 0 */
static mp_u64 memreserve_overlap_end(struct mp_ctx *ctx, mp_u64 base, mp_u64 size)
{
	uint64_t rbase, rsize;
	int n;

	for (n = 0; !fdt_get_mem_rsv(ctx->in->fdt, n, &rbase, &rsize) && rsize; n++)
		if (rbase < base + size && base < rbase + rsize)
			return rbase + rsize;
	return 0;
}

/*
 * alloc_early_records() of memplan's 0005: the records of @n dynamic nodes
 * (48 bytes each) in whole pages, bottom-up from the lowest free page, after
 * the static regions and outside every /memreserve/ entry; freed again by
 * mp_rmem_late().  Returns false when memblock has no room.
 */
static bool early_records(struct mp_ctx *ctx, size_t n)
{
	mp_u64 size = mp_round_up((mp_u64)n * 48, ctx->page_size);
	bool bottom_up = ctx->mb.bottom_up;
	mp_u64 start = 0, base, end;

	ctx->mb.bottom_up = true;
	for (;;) {
		base = mp_mb_phys_alloc_range(&ctx->mb, size, ctx->page_size, start,
					      MP_ALLOC_ANYWHERE);
		end = base ? memreserve_overlap_end(ctx, base, size) : 0;
		if (!end)
			break;
		mp_mb_phys_free(&ctx->mb, base, size);
		start = end;
	}
	ctx->mb.bottom_up = bottom_up;
	if (!base)
		return false;
	ctx->early_records = base;
	ctx->early_records_size = size;
	mp_note_alloc(ctx, base, size, MP_ALLOC_EARLY, "reserved_mem[] early records", false);
	mp_diag(ctx, MP_SEV_NOTE, "rmem-early-records", "/reserved-memory",
		"the records of the %zu dynamic regions occupy [%#llx, %#llx) until "
		"unflatten_device_tree(): a crashkernel=size@offset range there fails", n,
		(unsigned long long)base, (unsigned long long)(base + size));
	return true;
}

static int scan_612(struct mp_ctx *ctx, int node, size_t n)
{
	size_t i = 0, dynamic = 0;
	bool skip_dynamic = false;
	struct mp_rmem *r;
	int err;

	elfcorehdr(ctx);
	root_format_warning(ctx, node);
	while (reserve_next_reg(ctx, &i, n, &r, &err)) {
		if (!err)
			ctx->rmem_count++;
		if (err != -MP_ENOENT)
			continue;
		if (dynamic == MAX_RESERVED_REGIONS && !ctx->b.rmem_dynamic_unlimited) {
			mp_log(ctx, "OF: reserved mem: too many defined dynamic regions, skip '%s'",
			       r->name);
			r->status = MP_RMEM_DROPPED;
			r->reason = "more than 64 dynamic nodes: the kernel skips the rest";
			mp_diag(ctx, MP_SEV_ERROR, "rmem-too-many", r->path, "%s", r->reason);
			continue;
		}
		r->base = r->size = 0;
		r->status = MP_RMEM_RESERVED;
		dynamic++;
		ctx->dyn_pending = true;
	}
	if (ctx->err)
		return ctx->err;
	if (ctx->b.rmem_dynamic_unlimited && dynamic && !early_records(ctx, dynamic)) {
		mp_log(ctx, "OF: reserved mem: no memory to record %zu dynamically-placed regions, "
			    "skipping them", dynamic);
		skip_dynamic = true;
	}
	for (i = 0; ctx->rmem_root_ok && i < n; i++) {
		struct mp_rmem *r = dt_rmem(ctx, i);

		if (r->kind != MP_RMEM_DYNAMIC || r->status == MP_RMEM_DROPPED)
			continue;
		if (skip_dynamic) {
			r->status = MP_RMEM_DROPPED;
			r->reason = "no memory for the early records of the dynamic regions";
			mp_diag(ctx, MP_SEV_ERROR, "rmem-alloc-failed", r->path, "%s", r->reason);
			continue;
		}
		if (alloc_size(ctx, r, r->fdt_offset)) {
			if (ctx->err)
				return ctx->err;
			continue;
		}
		ctx->rmem_count++;
		if (mp_rmem_save_node(ctx, r, ctx->b.rmem_dynamic_unlimited ? dynamic : MAX_RESERVED_REGIONS))
			mp_rmem_init_and_report(ctx, r);
	}
	memreserve(ctx);
	return 0;
}

/*
 * fdt_scan_reserved_mem_reg_nodes(), 6.12 at unflatten_device_tree() time:
 * the reserved_mem[] array is allocated (48 bytes a record), static records
 * get their driver init, then the overlap report.
 */
void mp_rmem_late(struct mp_ctx *ctx)
{
	const struct mp_dt_facts *dt = ctx->dt;
	unsigned int t_len = 4 * (dt->addr_cells + dt->size_cells);
	size_t i;

	if (ctx->b.rmem_sorted_init)
		return;
	if (ctx->rmem_node < 0) {
		mp_log(ctx, "OF: reserved mem: Reserved memory: No reserved-memory node in the DT");
		return;
	}
	/*
	 * total_reserved_mem_cnt starts at MAX_RESERVED_REGIONS and is set to the
	 * count only at the end of fdt_scan_reserved_mem(): a root it rejected
	 * leaves 64 records to allocate
	 */
	if (ctx->rmem_count || !ctx->rmem_root_ok) {
		mp_u64 sz = (mp_u64)(ctx->rmem_root_ok ? ctx->rmem_count : MAX_RESERVED_REGIONS) * 48;
		mp_u64 a = mp_mb_phys_alloc_range(&ctx->mb, sz, 64, 0, MP_ALLOC_ACCESSIBLE);

		if (a)
			mp_note_alloc(ctx, a, sz, MP_ALLOC_EARLY, "reserved_mem[] array", false);
	}
	/* memplan's 0005: the dynamic records are copied, their memory given back */
	if (ctx->early_records_size) {
		mp_mb_phys_free(&ctx->mb, ctx->early_records, ctx->early_records_size);
		mp_forget_alloc(ctx, ctx->early_records, ctx->early_records_size, NULL);
		ctx->early_records_size = 0;
	}
	if (!ctx->rmem_root_ok) {
		mp_log(ctx, "OF: reserved mem: Reserved memory: unsupported node format, ignoring");
		return;
	}
	for (i = 0; i < ctx->rmem_n; i++) {
		struct mp_rmem *r = dt_rmem(ctx, i);
		int len;

		if (r->kind != MP_RMEM_STATIC || !props_available(mp_rmem_props_of(ctx, r)))
			continue;
		len = mp_rmem_props_of(ctx, r)->reg.len;
		if (len && len % (int)t_len) {
			/* fdt_scan_reserved_mem_reg_nodes() reports it a second time */
			mp_log(ctx, "OF: reserved mem: Reserved memory: invalid reg property in "
				    "'%s', skipping node.", r->name);
			continue;
		}
		if (len > (int)t_len)
			mp_log(ctx, "OF: reserved mem: fdt_scan_reserved_mem_reg_nodes() ignores %d "
				    "regions in node '%s'", len / (int)t_len - 1, r->name);
		if (!r->size)
			continue;
		if (mp_rmem_save_node(ctx, r, ctx->rmem_count))
			mp_rmem_init_and_report(ctx, r);
		else
			r->reason = "not recorded in reserved_mem[]: no driver init";
	}
	mp_rmem_check_overlap(ctx);
}

int mp_rmem_early(struct mp_ctx *ctx)
{
	int node = fdt_path_offset(ctx->in->fdt, "/reserved-memory");
	size_t n;

	ctx->rmem_node = node;
	ctx->rmem_first = ctx->plan->nr_rmem;
	if (node >= 0) {
		ctx->rmem_root_ok = root_ok(ctx, node);
		if (collect_nodes(ctx, node))
			return ctx->err;
	}
	n = ctx->plan->nr_rmem - ctx->rmem_first;
	ctx->rmem_n = n;
	if (node >= 0 && !ctx->rmem_root_ok) {
		size_t i;

		for (i = 0; i < n; i++) {
			dt_rmem(ctx, i)->status = MP_RMEM_DROPPED;
			dt_rmem(ctx, i)->reason = "/reserved-memory lacks ranges or its cells differ "
						  "from the root's: the kernel ignores every child";
		}
		mp_diag(ctx, MP_SEV_ERROR, "rmem-root-format", "/reserved-memory",
			"#address-cells/#size-cells must equal the root's and 'ranges' must exist; "
			"the kernel ignores the whole node");
	}
	return ctx->b.rmem_sorted_init ? scan_61(ctx, node, n) : scan_612(ctx, node, n);
}
