// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * plan.c - the boot sequence (docs/kernel-model.md §3, §9, §13.1): setup_arch()
 * -> setup_machine_fdt() -> parse_early_param() -> arm64_memblock_init() ->
 * paging_init() -> unflatten_device_tree() -> bootmem_init(), run over one
 * memblock model for the selected profile, recording the plan.
 */
#include "early_alloc.h"
#include "rmem.h"
#include "cmdline.h"

/* ---- boot steps ---------------------------------------------------------- */

/* early_init_dt_add_memory_arch(): page-trim each bank (§2.2) */
static void add_memory(struct mp_ctx *ctx)
{
	struct mp_dt_facts *dt = ctx->dt;
	mp_u64 page = ctx->page_size;
	size_t i;

	for (i = 0; i < dt->nr_mem; i++) {
		mp_u64 base = dt->mem[i].base, size = dt->mem[i].size;
		mp_u64 off = base & (page - 1);

		if (size < page - off) {
			mp_log(ctx, "OF: fdt: Ignoring memory block 0x%llx - 0x%llx",
			       (unsigned long long)base, (unsigned long long)(base + size));
			continue;
		}
		if (off) {
			size -= page - off;
			base = mp_round_up(base, page);
		}
		size = mp_round_down(size, page);
		mp_mb_add(&ctx->mb, base, size);
		if (dt->mem[i].hotplug)
			mp_mb_mark_hotplug(&ctx->mb, dt->mem[i].base, dt->mem[i].size);
	}
	/* early_init_dt_check_for_usable_mem_range(): kdump kernels (EFI: efi_init()) */
	if (dt->nr_usable && !ctx->in->efi) {
		mp_cap_memory(ctx, dt->usable[0].base, dt->usable[0].size);
		if (dt->nr_usable > 1 && dt->usable[1].size)
			mp_mb_add(&ctx->mb, dt->usable[1].base, dt->usable[1].size);
	}
}

/*
 * memstart_addr as arm64_memblock_init() leaves it (6.1 and 6.12): the
 * physical base, less _PAGE_OFFSET(vabits_actual) - _PAGE_OFFSET(52) for a
 * 52-bit configuration on a 48-bit CPU, less KASLR's ARM64_MEMSTART_ALIGN *
 * ((range * memstart_offset_seed) >> 16).  The seed is consumed (the DT's
 * kaslr-seed zeroed), so the shift is known only from the booted kernel's
 * PHYS_OFFSET (VMCOREINFO); it moves the vmemmap, and with it how many page
 * tables vmemmap_populate() takes (sparse.c).
 */
static int linear_offset(struct mp_ctx *ctx)
{
	const struct mp_input *in = ctx->in;
	struct mp_plan *p = ctx->plan;
	mp_u64 align = mp_memstart_align(in->kc.page_shift), base = p->memstart, off;

	if (in->kc.va_bits == 52 && p->bits.va_bits_actual != 52)
		base -= (1ULL << 52) - (1ULL << p->bits.va_bits_actual);
	p->memstart_addr = base;
	if (!in->phys_offset_given)
		return 0;
	off = base - in->phys_offset;
	if (off && !mp_linear_may_shift(ctx))
		return mp_fail(ctx, -MP_ERR_BADARG,
			       "PHYS_OFFSET 0x%llx is not memstart_addr 0x%llx, and without "
			       "KASLR (CONFIG_RANDOMIZE_BASE, no nokaslr) the linear map does not move",
			       (unsigned long long)in->phys_offset, (unsigned long long)base);
	if (off % align || off >= p->bits.linear_size)
		return mp_fail(ctx, -MP_ERR_BADARG,
			       "PHYS_OFFSET 0x%llx is not memstart_addr 0x%llx less a multiple of "
			       "0x%llx below the linear region's size (arm64_memblock_init())",
			       (unsigned long long)in->phys_offset, (unsigned long long)base,
			       (unsigned long long)align);
	p->linear_offset = off;
	p->memstart_addr = in->phys_offset;
	return 0;
}

/* arm64_memblock_init() (§3.2) up to, not including, the reserved-memory scan */
static void memblock_init(struct mp_ctx *ctx)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	struct mp_plan *p = ctx->plan;
	/* linear_region_size and PHYS_MASK_SHIFT as the CPU lets them be (6.9+) */
	mp_u64 linear = p->bits.linear_size;
	mp_u64 align = mp_memstart_align(kc->page_shift);
	mp_u64 kend = p->image.text + p->image.size, memstart, start, end;
	mp_u64 pa_limit = 1ULL << p->bits.phys_mask_shift;

	/* parse_early_param() has run: memblock=debug logs from here on */
	ctx->mb.tracing = true;
	mp_mb_remove(&ctx->mb, pa_limit, MP_U64_MAX - pa_limit);
	start = mp_mb_start_of_dram(&ctx->mb);
	end = mp_mb_end_of_dram(&ctx->mb);
	memstart = mp_round_down(start, align);
	if (end - memstart > linear)
		mp_log(ctx, "Memory doesn't fit in the linear mapping, VA_BITS too small");
	{
		mp_u64 cut = mp_max(memstart + linear, kend);

		mp_mb_remove(&ctx->mb, cut, MP_U64_MAX - cut);
	}
	/*
	 * memblock_end_of_DRAM() again, after that cut: memstart_addr moves up only
	 * when the kernel image keeps memory above the linear map's reach (found
	 * against a 39-bit VA kernel with 258 GiB of DT memory: PHYS_OFFSET stayed
	 * at the start of DRAM)
	 */
	end = mp_mb_end_of_dram(&ctx->mb);
	if (memstart + linear < end) {
		memstart = mp_round_up(end - linear, align);
		mp_mb_remove(&ctx->mb, 0, memstart);
	}
	/*
	 * A 52-bit VA kernel on a CPU without LPA2/LVA then subtracts
	 * _PAGE_OFFSET(48) - _PAGE_OFFSET(52) from memstart_addr: a virtual shift
	 * of the linear map, not a change of its physical base, which this keeps
	 */
	p->memstart = memstart;
	if (linear_offset(ctx))
		return;
	if (ctx->cl->mem_set) {
		mp_u64 cut;

		p->mem_limit = ctx->cl->mem_limit;
		cut = mp_mb_mem_limit_remove_map(&ctx->mb, ctx->cl->mem_limit);
		/* memblock.reserved is cut there too: what lay above is no longer reserved */
		if (cut != MP_U64_MAX)
			mp_forget_alloc(ctx, cut, MP_U64_MAX - cut, NULL);
		mp_mb_add(&ctx->mb, p->image.text, p->image.size);
	}
	if (p->has_initrd) {
		mp_u64 b = mp_round_down(p->initrd_start, ctx->page_size);
		mp_u64 s = mp_round_up(p->initrd_end, ctx->page_size) - b;

		start = mp_mb_start_of_dram(&ctx->mb);
		if (b < start || b + s > start + linear) {
			mp_log(ctx, "initrd not fully accessible via the linear mapping -- please "
				    "check your bootloader ...");
			p->has_initrd = false;
		} else {
			mp_mb_add(&ctx->mb, b, s);
			mp_mb_clear_nomap(&ctx->mb, b, s);
			mp_mb_reserve(&ctx->mb, b, s);
			mp_note_alloc(ctx, b, s, MP_ALLOC_INITRD, "initrd", false);
		}
	}
	/* V6.1 reserves from _stext, 6.12.54+ from _text */
	{
		mp_u64 ks = p->image.text + (ctx->b.kernel_from_stext ? p->image.stext_offset : 0);

		mp_mb_reserve(&ctx->mb, ks, kend - ks);
		mp_note_alloc(ctx, ks, kend - ks, MP_ALLOC_KERNEL, "kernel image", false);
	}
}

static void note_tables(void *ctx, mp_u64 base, mp_u64 size)
{
	mp_note_alloc(ctx, base, size, MP_ALLOC_PGTABLE, "kernel and idmap page tables", false);
}

static void alias_alloc(void *c, mp_u64 size)
{
	struct mp_ctx *ctx = c;
	mp_u64 a = mp_mb_phys_alloc_range(&ctx->mb, size, 8, 0, MP_ALLOC_ACCESSIBLE);

	if (a)
		mp_note_alloc(ctx, a, size, MP_ALLOC_EARLY, "/aliases entries", false);
}

/*
 * unflatten_device_tree(): the tree, sized as the kernel sizes it
 * (unflatten.c), then of_alias_scan()'s entries
 */
static void unflatten(struct mp_ctx *ctx)
{
	const struct mp_ksize *ks = ctx->plan->ksizes;
	mp_u64 size = mp_unflatten_size(ctx->in->fdt, ks[MP_KS_DEVICE_NODE].bytes,
					ks[MP_KS_PROPERTY].bytes, ctx->in->kc.sysfs, &ctx->dt_numa);
	mp_u64 a = mp_mb_phys_alloc_range(&ctx->mb, size, 8, 0, MP_ALLOC_ACCESSIBLE);

	if (a)
		mp_note_alloc(ctx, a, size, MP_ALLOC_EARLY, "unflattened device tree",
			      mp_kstruct_estimated(ctx->plan, MP_KS_DEVICE_NODE) ||
				      mp_kstruct_estimated(ctx->plan, MP_KS_PROPERTY));
	mp_alias_allocs(ctx->in->fdt, ctx->in->kc.sysfs, alias_alloc, ctx);
}

static void record_memblock(struct mp_ctx *ctx)
{
	struct mp_plan *p = ctx->plan;
	struct mp_mb_type *types[2] = { &ctx->mb.memory, &ctx->mb.reserved };
	struct mp_region_out **outs[2] = { &p->mb_memory, &p->mb_reserved };
	size_t *counts[2] = { &p->nr_mb_memory, &p->nr_mb_reserved };
	struct mp_mb_region r;
	bool ok;
	int t;

	for (t = 0; t < 2; t++) {
		size_t n = 0;

		*outs[t] = mp_arena_alloc(ctx->arena, (types[t]->cnt + 1) * sizeof(**outs[t]), 0);
		if (!*outs[t])
			return;
		for_each_mb_region(types[t], r, ok)
			(*outs[t])[n++] = (struct mp_region_out){ r.base, r.size, r.flags };
		*counts[t] = n;
	}
	p->mb_events = ctx->mb.events;
	p->nr_mb_events = ctx->mb.nr_events;
	p->banks = mp_arena_alloc(ctx->arena, (p->nr_mb_memory + 1) * sizeof(*p->banks), 0);
	if (!p->banks)
		return;
	for (p->nr_banks = 0; p->nr_banks < p->nr_mb_memory; p->nr_banks++) {
		struct mp_region_out *m = &p->mb_memory[p->nr_banks];

		p->banks[p->nr_banks] = (struct mp_bank){ m->base, m->size,
							   !!(m->flags & MP_MB_NOMAP),
							   !!(m->flags & MP_MB_HOTPLUG) };
	}
}

static int check_fdt(struct mp_ctx *ctx)
{
	const struct mp_input *in = ctx->in;
	const char *why;
	int r;

	if (!in->fdt || in->fdt_len < sizeof(struct fdt_header))
		return mp_fail(ctx, -MP_ERR_BADDTB, "DTB is %zu bytes: too short for a header",
			       in->fdt_len);
	r = fdt_check_header(in->fdt);
	if (r)
		return mp_fail(ctx, -MP_ERR_BADDTB, "bad DTB header: %s", fdt_strerror(r));
	if (fdt_totalsize(in->fdt) > in->fdt_len)
		return mp_fail(ctx, -MP_ERR_BADDTB,
			       "DTB header says totalsize %u bytes but only %zu are present "
			       "(truncated?)", fdt_totalsize(in->fdt), in->fdt_len);
	/* before fdt_check_full(), which libfdt 1.6.1 can send into an endless loop */
	why = mp_dt_struct_walk(in->fdt, in->fdt_len);
	if (why)
		return mp_fail(ctx, -MP_ERR_BADDTB, "corrupt DTB structure: %s", why);
	r = fdt_check_full(in->fdt, in->fdt_len);
	if (r)
		return mp_fail(ctx, -MP_ERR_BADDTB, "corrupt DTB structure: %s", fdt_strerror(r));
	if (fdt_totalsize(in->fdt) > 2 * MP_SZ_M)
		mp_diag(ctx, MP_SEV_ERROR, "fdt-too-big", "/",
			"DTB is %u bytes: arm64 maps at most MAX_FDT_SIZE (2 MiB) and will not "
			"boot", fdt_totalsize(in->fdt));
	return 0;
}

static void reserve_crash_now(struct mp_ctx *ctx, mp_u64 low_max, bool deferred,
			      const char *why)
{
	ctx->plan->crash.deferred = deferred;
	ctx->plan->crash.deferred_reason = why;
	mp_crash_reserve(ctx, low_max);
}

/* the DMA limit the memplan-6.12 patch derives from the flattened DT */
static mp_u64 early_dma_limit(struct mp_ctx *ctx)
{
	struct mp_plan saved = *ctx->plan;
	size_t nr_log = ctx->plan->nr_log, nr_diags = ctx->plan->nr_diags;
	mp_u64 limit;

	mp_zones(ctx);
	limit = ctx->plan->dma_phys_limit;
	*ctx->plan = saved;
	ctx->plan->nr_log = nr_log;
	ctx->plan->nr_diags = nr_diags;
	return limit;
}

/* the context of one run: the plan, the facts, the profile's behaviour, memblock */
static int ctx_init(struct mp_ctx *ctx, const struct mp_input *in, struct mp_arena *arena,
		    struct mp_plan **out)
{
	const struct mp_kconfig *kc = &in->kc;
	struct mp_plan *p = mp_arena_alloc(arena, sizeof(*p), 0);
	struct mp_dt_facts *dt = mp_arena_alloc(arena, sizeof(*dt), 0);
	struct mp_cmdline_facts *cl = mp_arena_alloc(arena, sizeof(*cl), 0);
	size_t reserved_max;

	if (!p || !dt || !cl)
		return -MP_ERR_NOSPACE;
	*out = p;
	*ctx = (struct mp_ctx){ .in = in, .plan = p, .arena = arena, .dt = dt, .cl = cl };
	p->arena = arena;
	p->profile = in->profile;
	p->kc = *kc;
	if (mp_behaviour_of(in->profile, &ctx->b) || mp_arm64_bits(kc, in->cpu_va52, &p->bits))
		return mp_fail(ctx, -MP_ERR_BADARG, "unsupported profile or page/VA/PA size");
	ctx->page_size = 1ULL << kc->page_shift;
	mp_kstruct_sizes(ctx);
	/* INIT_MEMBLOCK_RESERVED_REGIONS: 128, plus the ITS tables' with EFI + GICv3 */
	reserved_max = 128 + (kc->efi && kc->gic_v3_its ? kc->nr_cpus + 1 : 0);
	mp_mb_init(&ctx->mb, arena, ctx->page_size, 1024, reserved_max);
	/* the three memblock rules that differ between the profiles */
	ctx->mb.resize_panics = ctx->b.mb_resize_panics;
	ctx->mb.empty_cnt_is_one = ctx->b.mb_empty_cnt_is_one;
	ctx->mb.merge_all = ctx->b.mb_merge_all;
	/* struct memblock_region: base, size, flags (+ nid with NUMA): 24 bytes either way */
	ctx->mb.region_bytes = 24;
	return 0;
}

/* setup_machine_fdt() and parse_early_param(): the DT, the command line, memory */
static int setup_machine(struct mp_ctx *ctx)
{
	struct mp_plan *p = ctx->plan;

	if (check_fdt(ctx) || mp_dtscan(ctx, ctx->dt))
		return ctx->err;
	if (mp_cmdline_scan(ctx, ctx->dt->bootargs, ctx->dt->bootargs_len, ctx->cl))
		return ctx->err;
	p->cmdline = ctx->cl->line;
	p->bootargs = ctx->in->cmdline ? ctx->in->cmdline : ctx->dt->bootargs;
	p->dt_dma_max = ctx->dt->dma_max;
	mp_placement_default(ctx);
	mp_inputs_record(ctx);
	if (ctx->in->efi) {
		p->efi_boot = true;
		mp_efi_placement(ctx);
		/* ACPI: the DMA limits are the IORT's, the DT is only the stub's /chosen */
		p->acpi_boot = mp_efi_acpi_boot(ctx);
		if (p->acpi_boot)
			p->dt_dma_max = MP_U64_MAX;
	}
	p->fdt_size = fdt_totalsize(ctx->in->fdt);
	if (mp_placement_check(ctx))
		return ctx->err;
	mp_mb_reserve(&ctx->mb, p->fdt_base, p->fdt_size);
	mp_note_alloc(ctx, p->fdt_base, p->fdt_size, MP_ALLOC_FDT, "device tree blob", false);
	ctx->mb.movable_node = ctx->cl->movable_node;
	add_memory(ctx);
	if (ctx->in->efi)
		mp_efi_init(ctx);
	if (!ctx->mb.memory.cnt && ctx->in->efi)
		return mp_fail(ctx, -MP_ERR_BADINPUT,
			       "no usable memory: no descriptor of the EFI memory map is memory "
			       "the kernel can map (WB, WT or WC)");
	/* the DT a UEFI boot exports: its memory is the EFI map's, not to be assumed */
	if (!ctx->mb.memory.cnt && ctx->dt->has_uefi_mmap)
		return mp_fail(ctx, -MP_ERR_BADINPUT,
			       "no usable memory: /chosen has linux,uefi-mmap-*, a DT the EFI "
			       "stub handed over, whose memory is the EFI memory map: give it "
			       "with --efi-memmap (the log of a boot with efi=debug)");
	p->memory_missing = !ctx->mb.memory.cnt;
	if (p->memory_missing)
		return mp_fail(ctx, -MP_ERR_BADINPUT,
			       "no usable memory: the DT has no available /memory node with a "
			       "non-empty reg");
	return 0;
}

/*
 * The crash kernel reserved in arm64_memblock_init(), where the profile does
 * so; its ranges go to @crash for map_mem().  Return: whether it was reserved
 * here (tried, successfully or not).
 */
static bool reserve_crash_early(struct mp_ctx *ctx, struct mp_range *crash, size_t *nr)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	struct mp_crash *c = &ctx->plan->crash;

	if (ctx->b.crash_early_without_dma_zones && !kc->zone_dma && !kc->zone_dma32) {
		/* arm64 reserve_crashkernel() 6.1: PHYS_MASK + 1 */
		mp_u64 limit = 1ULL << ctx->plan->bits.phys_mask_shift;

		reserve_crash_now(ctx, limit, false,
				  "6.1 without ZONE_DMA/DMA32: reserved in arm64_memblock_init()");
	} else if (ctx->b.crash_early_from_fdt_dma && !mp_efi_acpi_tables(ctx->in)) {
		/*
		 * kernel-patches 0002: unless the firmware publishes ACPI tables
		 * (acpi_may_be_used(): an RSDP in the EFI config tables, even with
		 * acpi=off), arm64_memblock_init() takes the DMA
		 * limits from the flattened DT (of_fdt_dma_max_cpu_address()) and
		 * reserves the crash kernel right after the reserved-memory scan
		 */
		ctx->plan->dma_limits_early = true;
		reserve_crash_now(ctx, early_dma_limit(ctx), false,
				  "memplan-6.12: the DMA limit is known from the flattened DT, so "
				  "the crash kernel is reserved in arm64_memblock_init(), before "
				  "paging_init()");
	} else {
		return false;
	}
	if (c->status == MP_CRASH_RESERVED) {
		if (c->low_present)
			crash[(*nr)++] = (struct mp_range){ c->low_base, c->low_size };
		if (c->high_present)
			crash[(*nr)++] = (struct mp_range){ c->high_base, c->high_size };
	}
	return true;
}

/* paging_init(): the linear map, and 6.1's early kernel and idmap tables */
static void paging_init(struct mp_ctx *ctx, const struct mp_range *crash, size_t nr_crash)
{
	struct mp_plan *p = ctx->plan;

	/* 6.1: map_kernel() before map_mem(), one page-table page at a time */
	if (ctx->b.paging_init_early_tables)
		mp_mb_phys_alloc_pages(&ctx->mb, ctx->b.map_kernel_tables, note_tables, ctx);
	mp_linmap(ctx, crash, nr_crash);
	p->linmap.crash_protected = ctx->b.crash_protected && nr_crash;
	if (ctx->b.paging_init_early_tables) {
		mp_u64 levels = p->bits.pgtable_levels;
		mp_u64 init_pg = (levels + 1) * ctx->page_size;
		mp_u64 end = p->image.text + p->image.size;

		/*
		 * paging_init() 6.1 frees [init_pg_dir, init_pg_end), the last pages of
		 * the image (5 pages with 4K/48-bit: measured, memblock.reserved ends at
		 * _end - 0x5000 in QEMU), then create_idmap() maps the idmap
		 */
		mp_mb_phys_free(&ctx->mb, end - init_pg, init_pg);
		mp_mb_phys_alloc_pages(&ctx->mb, ctx->b.idmap_tables, note_tables, ctx);
	}
	ctx->mb.allow_resize = true;
}

/*
 * The crash kernel lands below the early allocations: say which of their sizes
 * is estimated, and the input that would make it exact
 */
static void note_estimated(struct mp_ctx *ctx)
{
	struct mp_plan *p = ctx->plan;
	char which[96] = "";
	size_t len = 0;
	int k;

	for (k = 0; k < MP_KS_COUNT; k++) {
		if (!mp_kstruct_estimated(p, (enum mp_kstruct)k) || len >= sizeof(which) - 24)
			continue;
		len += (size_t)mp_snprintf(which + len, sizeof(which) - len, "%sstruct %s",
					   len ? ", " : "", mp_kstruct_name((enum mp_kstruct)k));
	}
	if (!len)
		return;
	p->crash.uncertain = true;
	mp_diag(ctx, MP_SEV_NOTE, "crash-estimated", NULL,
		"all RAM is below the DMA limit: the crash kernel lands below the early "
		"allocations, and the size of %s is a typical one for this kernel (no "
		"BTF); pass --btf (the kernel's /sys/kernel/btf/vmlinux, vmlinux or Image) "
		"to make them exact", which);
}

/*
 * KASLR with a seed (/chosen kaslr-seed, consumed and zeroed by the kernel, so
 * a recorded DT still has the property) moves the kernel's virtual address and
 * (memstart_offset_seed) the linear map and vmemmap by whole GiB: the tables
 * that map them can take a page more or less than planned, and every early
 * allocation below them then moves by a page.  PHYS_OFFSET (--phys-offset)
 * settles the linear map's shift; the kernel's own then matters only where
 * map_kernel() takes its tables from memblock (6.1).
 */
static void note_kaslr(struct mp_ctx *ctx)
{
	const void *fdt = ctx->in->fdt;
	int chosen = fdt_path_offset(fdt, "/chosen");
	bool linear_known = ctx->in->phys_offset_given;
	struct mp_plan *p = ctx->plan;
	size_t i;

	if (!mp_linear_may_shift(ctx) || chosen < 0 || !fdt_getprop(fdt, chosen, "kaslr-seed", NULL))
		return;
	if (linear_known && !ctx->b.map_kernel_tables)
		return;
	/* the page tables and what lies below them: a page either way */
	for (i = 0; i < p->nr_allocs; i++)
		if (p->allocs[i].kind == MP_ALLOC_PGTABLE || p->allocs[i].kind == MP_ALLOC_EARLY)
			p->allocs[i].estimated = true;
	if (linear_known)
		mp_diag(ctx, MP_SEV_NOTE, "kaslr-tables", "/chosen",
			"KASLR (kaslr-seed, CONFIG_RANDOMIZE_BASE): the kernel's random virtual "
			"address can make map_kernel()'s page tables one page longer than planned, "
			"and the early allocations below them a page lower; boot with nokaslr for "
			"exact addresses");
	else
		mp_diag(ctx, MP_SEV_NOTE, "kaslr-tables", "/chosen",
			"KASLR (kaslr-seed, CONFIG_RANDOMIZE_BASE): the random offsets of the "
			"kernel and of the linear map can make their page tables a page longer or "
			"shorter than planned (a memmap across a table boundary, or in the "
			"fixmap's), and the early allocations below them a page off; give the "
			"booted kernel's PHYS_OFFSET (--phys-offset) or boot with nokaslr for "
			"exact addresses");
}

/* bootmem_init(): memmap, zones, the default CMA area, the deferred crash kernel */
static void bootmem_init(struct mp_ctx *ctx, bool crash_done)
{
	struct mp_plan *p = ctx->plan;

	mp_sparse(ctx);
	mp_zones(ctx);
	mp_cma_reserve(ctx, p->dma_phys_limit);
	if (!crash_done)
		reserve_crash_now(ctx, p->dma_phys_limit, true,
				  ctx->b.crash_early_without_dma_zones ?
					     "6.1 with ZONE_DMA/DMA32: the DMA limit comes from "
					     "dma-ranges of the unflattened DT, read in bootmem_init()"
					   : "6.4+: always reserved in bootmem_init(), after map_mem()");
	if (p->crash.status == MP_CRASH_RESERVED && p->crash.low_present &&
	    p->dma_phys_limit >= mp_mb_end_of_dram(&ctx->mb))
		note_estimated(ctx);
}

int mp_plan_build(const struct mp_input *in, struct mp_arena *arena, struct mp_plan **out)
{
	struct mp_ctx ctx_s, *ctx = &ctx_s;
	struct mp_range crash_ranges[2];
	size_t nr_crash = 0;
	bool crash_done;
	int ret;

	*out = NULL;
	ret = ctx_init(ctx, in, arena, out);
	if (ret)
		return ret;
	if (setup_machine(ctx))
		return ctx->err;

	/* arm64_memblock_init() */
	memblock_init(ctx);
	if (ctx->err || mp_rmem_early(ctx))
		return ctx->err;
	crash_done = reserve_crash_early(ctx, crash_ranges, &nr_crash);

	paging_init(ctx, crash_ranges, nr_crash);

	/* unflatten_device_tree(), which setup_arch() skips on an ACPI boot */
	if (!ctx->plan->acpi_boot) {
		mp_rmem_late(ctx);
		unflatten(ctx);
	}

	bootmem_init(ctx, crash_done);
	/* core_initcall: the DT's CMA pools become CMA areas */
	mp_rmem_cma_activate(ctx);
	/* the devices, at probe: only with a DT (an ACPI boot has no DT devices) */
	if (!ctx->plan->acpi_boot)
		mp_consumers(ctx);
	note_kaslr(ctx);
	if (ctx->in->efi)
		mp_efi_kaslr(ctx);
	if (ctx->mb.panicked)
		mp_diag(ctx, MP_SEV_ERROR, "memblock-resize-panic", NULL,
			"memblock: cannot resize reserved array: the kernel panics before "
			"paging_init()");
	mp_lint_checks(ctx);
	record_memblock(ctx);
	if (arena->exhausted)
		return mp_fail(ctx, -MP_ERR_NOSPACE, "arena exhausted");
	return ctx->err;
}
