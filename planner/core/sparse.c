// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * sparse.c - bootmem_init()'s allocations before the zones, in the kernel's
 * order: arch_numa_init() (the NUMA distance table in 6.1, NODE_DATA(0), the
 * node's cpumask) and sparse_init() (the mem_section roots, one page of
 * sections per root, the usemaps, the memmap and the vmemmap page tables).
 * Each is allocated top-down below the page tables and the unflattened DT,
 * and the crash kernel and CMA go below them.
 */
#include "early_alloc.h"
#include "cmdline.h"

/* SMP_CACHE_BYTES (and 1 << INTERNODE_CACHE_SHIFT) on arm64 */
#define CACHE_BYTES 64

static mp_u64 alloc(struct mp_ctx *ctx, mp_u64 size, mp_u64 align, mp_u64 start, mp_u64 end,
		    const char *what, bool estimated)
{
	mp_u64 a = mp_mb_phys_alloc_range(&ctx->mb, size, align, start, end);

	if (a)
		mp_note_alloc(ctx, a, size, MP_ALLOC_EARLY, what, estimated);
	return a;
}

/*
 * arch_numa_init() on a DT without a NUMA description (of_numa_init() finds no
 * numa-node-id, dummy_numa_init() fakes node 0 over all memory):
 *  - 6.1's numa_init() first allocates the distance table, nr_node_ids squared
 *    bytes (still MAX_NUMNODES then), page aligned, and frees it when the init
 *    function fails: of_numa_init()'s, then dummy_numa_init()'s that stays;
 *  - alloc_node_data(): roundup(sizeof(pg_data_t), SMP_CACHE_BYTES), any node;
 *  - setup_node_to_cpumask_map(): with CPUMASK_OFFSTACK one cpumask_size()
 *    (NR_CPUS bits) for the node.
 * Return: where NODE_DATA(0) is (0: not allocated).
 */
static mp_u64 numa_init(struct mp_ctx *ctx)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	const struct mp_ksize *pgdat = &ctx->plan->ksizes[MP_KS_PGLIST_DATA];
	mp_u64 nodes = 1ULL << mp_min(kc->nodes_shift, 10), nd;
	/* of_numa_init() would succeed on such a DT: memplan does not model it */
	bool numa_dt = ctx->dt_numa;

	if (!kc->numa)
		return 0;
	if (numa_dt)
		mp_diag(ctx, MP_SEV_NOTE, "numa-not-modelled", NULL,
			"the DT describes NUMA nodes (numa-node-id): memplan models one node, "
			"so NODE_DATA and the allocations after it are estimated");
	if (ctx->b.numa_distance_eager) {
		mp_u64 d = alloc(ctx, nodes * nodes, ctx->page_size, 0, MP_ALLOC_ACCESSIBLE,
				 "NUMA distance table", false);

		if (d && !numa_dt) {
			mp_mb_phys_free(&ctx->mb, d, nodes * nodes);
			mp_forget_alloc(ctx, d, nodes * nodes, NULL);
			alloc(ctx, nodes * nodes, ctx->page_size, 0, MP_ALLOC_ACCESSIBLE,
			      "NUMA distance table", false);
		}
	}
	nd = alloc(ctx, pgdat->bytes, CACHE_BYTES, 0, MP_ALLOC_ACCESSIBLE, "NODE_DATA(0)",
		   pgdat->src == MP_KSIZE_ESTIMATED || numa_dt);
	if (kc->cpumask_offstack) {
		/*
		 * cpumask_size(): nr_cpu_ids bits (6.1 nr_cpumask_bits; 6.12
		 * large_cpumask_bits, NR_CPUS itself up to 4 longs), and nr_cpu_ids
		 * is NR_CPUS until nr_cpus= lowers it (a kdump capture kernel's
		 * nr_cpus=1)
		 */
		mp_u64 bits = kc->nr_cpus;

		if (ctx->cl->nr_cpus && ctx->cl->nr_cpus < bits &&
		    (ctx->b.cpumask_nr_cpu_ids || kc->nr_cpus > 4 * 64))
			bits = ctx->cl->nr_cpus;
		alloc(ctx, mp_round_up(bits, 64) / 8, CACHE_BYTES, 0, MP_ALLOC_ACCESSIBLE,
		      "node_to_cpumask_map[0]", numa_dt);
	}
	return nd;
}

static void note_memmap_pages(void *ctx, mp_u64 base, mp_u64 size)
{
	mp_note_alloc(ctx, base, size, MP_ALLOC_EARLY, "memmap pages (no sparse buffer)", false);
}

/*
 * Where struct page of @pfn lives: vmemmap is VMEMMAP_START - (memstart_addr >>
 * PAGE_SHIFT) pages (asm/memory.h, 6.1 and 6.12).  6.12: VMEMMAP_END is -1 GiB
 * and VMEMMAP_SIZE covers the linear range of VA_BITS_MIN; a 52-bit
 * configuration on a CPU without LPA2/LVA lowers memstart_addr by
 * _PAGE_OFFSET(vabits_actual) - _PAGE_OFFSET(52) and KASLR's shift
 * (arm64_memblock_init(): plan->memstart_addr).
 * 6.1: VMEMMAP_START is -2^(VA_BITS - (PAGE_SHIFT - 6)).
 */
static mp_u64 vmemmap_start(const struct mp_ctx *ctx)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	mp_u64 range = (1ULL << kc->va_bits) - (1ULL << (ctx->plan->bits.va_bits_min - 1));

	if (ctx->b.vmemmap_layout_61)
		return 0 - (1ULL << (kc->va_bits - (kc->page_shift - 6)));
	return (0 - (1ULL << 30)) - (range >> kc->page_shift) * 64;
}

static mp_u64 vmemmap_va(const struct mp_ctx *ctx, mp_u64 pfn)
{
	unsigned int shift = ctx->in->kc.page_shift;
	mp_u64 m = ctx->plan->memstart_addr;
	/* memstart_addr is an s64: shifted arithmetically, "negative" on 52-bit configurations */
	mp_u64 m_pfn = (m >> shift) | (m >> 63 ? ~(MP_U64_MAX >> shift) : 0);

	return vmemmap_start(ctx) + (pfn - m_pfn) * 64;
}

/* FIXADDR_TOP: the fixmap's tables exist at every level from early_fixmap_init() */
static mp_u64 fixmap_va(const struct mp_ctx *ctx)
{
	if (ctx->b.vmemmap_layout_61)
		return vmemmap_start(ctx) - (32ULL << 20) - 1;
	return (0 - (8ULL << 20)) - 1;
}

/*
 * vmemmap_populate()'s page tables for the memmap of the present sections
 * [@first, @last] (section numbers; holes between banks are few and ignored):
 * below the top-level table, one table per region of the level above that
 * the memmap touches, unless the fixmap's tables already fill it.  With 4K
 * pages the memmap is mapped with PMD blocks (tables down to the PMD level),
 * with 16K/64K with pages (down to the PTE level).
 */
static void vmemmap_tables(struct mp_ctx *ctx, mp_u64 first, mp_u64 last,
			   unsigned int sect_bits)
{
	unsigned int shift = ctx->in->kc.page_shift, bpl = shift - 3;
	unsigned int levels = ctx->plan->bits.pgtable_levels;
	unsigned int leaf = shift == 12 ? shift + bpl : shift, e;
	mp_u64 vs = vmemmap_va(ctx, first << (sect_bits - shift));
	mp_u64 ve = vmemmap_va(ctx, (last + 1) << (sect_bits - shift)) - 1;
	mp_u64 fix = fixmap_va(ctx), n = 0;

	/* e: the span of one entry of the parent table, from the top-level's down */
	for (e = shift + (levels - 1) * bpl; e > leaf && e < 64; e -= bpl) {
		mp_u64 r;

		for (r = vs >> e; r <= ve >> e; r++)
			if (r != fix >> e)
				n++;
	}
	while (n--)
		alloc(ctx, ctx->page_size, ctx->page_size, 0, MP_ALLOC_ACCESSIBLE,
		      "vmemmap page tables", false);
}

/*
 * sparse_init_nid(): the memmap (64-byte struct page array) of every present
 * section.  sparse_buffer_init() first takes one buffer of section_map_size()
 * per section (memmap rounded up to PMD_SIZE), PMD-size aligned, top-down.
 * With 4K pages vmemmap_populate() maps each section's 2 MiB memmap with a PMD
 * block out of that buffer, so all of it stays; with 16K/64K it maps base
 * pages taken from the buffer's bottom and sparse_buffer_fini() frees the rest
 * once the page tables are made.  If the buffer cannot be had (64K: 512 MiB
 * per section), each memmap page comes from memblock on its own, top-down.
 */
static void memmap(struct mp_ctx *ctx, mp_u64 sections, unsigned int sect_bits,
		   mp_u64 first, mp_u64 last)
{
	unsigned int shift = ctx->in->kc.page_shift;
	mp_u64 page = ctx->page_size, pmd = page << (shift - 3);
	mp_u64 map_bytes = (1ULL << (sect_bits - shift)) * 64;
	mp_u64 section_map = mp_round_up(map_bytes, pmd), used, buf;

	if (sections > MP_U64_MAX / section_map)
		return;
	buf = mp_mb_phys_alloc_range(&ctx->mb, sections * section_map, section_map, 0,
				     MP_ALLOC_ACCESSIBLE);
	if (buf && shift == 12) {
		mp_note_alloc(ctx, buf, sections * section_map, MP_ALLOC_EARLY,
			      "memmap (struct page array)", false);
		vmemmap_tables(ctx, first, last, sect_bits);
		return;
	}
	if (buf) {
		used = sections * mp_round_up(map_bytes, page);
		mp_note_alloc(ctx, buf, sections * section_map, MP_ALLOC_EARLY,
			      "memmap (struct page array)", false);
		vmemmap_tables(ctx, first, last, sect_bits);
		mp_mb_phys_free(&ctx->mb, buf + used, sections * section_map - used);
		mp_forget_alloc(ctx, buf + used, sections * section_map - used, NULL);
		return;
	}
	/* page by page; once one fails, so would the rest */
	mp_mb_phys_alloc_pages(&ctx->mb, sections * mp_round_up(map_bytes, page) / page,
			       note_memmap_pages, ctx);
	vmemmap_tables(ctx, first, last, sect_bits);
}

/* pageblock_order: HugeTLB's order (6.12: or THP's), capped at the largest buddy order */
static unsigned int pageblock_order(const struct mp_ctx *ctx)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	unsigned int shift = kc->page_shift, pmd_order = shift - 3;
	unsigned int max = kc->force_max_order;

	if (!max)
		max = shift == 12 ? 10 : shift == 14 ? 11 : 13;
	else if (ctx->b.max_order_exclusive)
		max--;
	if (kc->hugetlb_page || (ctx->b.cma_thp_pageblock && kc->transparent_hugepage))
		max = mp_min(pmd_order, max);
	/* a kernel does not build with pageblocks larger than a section */
	return mp_min(max, mp_section_size_bits(shift) - shift);
}

/* mem_section_usage_size(): the struct and the section's pageblock flags */
static mp_u64 usage_size(const struct mp_ctx *ctx, unsigned int sect_bits)
{
	unsigned int shift = ctx->in->kc.page_shift;
	/* SECTION_BLOCKFLAGS_BITS: NR_PAGEBLOCK_BITS (4) per pageblock */
	mp_u64 bits = (1ULL << (sect_bits - shift - pageblock_order(ctx))) * 4;

	return ctx->plan->ksizes[MP_KS_MEM_SECTION_USAGE].bytes + mp_round_up(bits, 64) / 8;
}

void mp_sparse(struct mp_ctx *ctx)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	unsigned int sect_bits = mp_section_size_bits(kc->page_shift);
	mp_u64 page = ctx->page_size, sections = 0, last = MP_U64_MAX, last_root = MP_U64_MAX;
	mp_u64 first = MP_U64_MAX, last_sect = 0;
	/* SECTIONS_PER_ROOT: a page of struct mem_section (16 bytes, 32 with page_ext) */
	mp_u64 per_root = page / (kc->page_extension ? 32 : 16);
	mp_u64 pgdat, goal = 0, limit = MP_ALLOC_ACCESSIBLE, usage, roots;
	struct mp_mb_region r;
	bool ok;

	pgdat = numa_init(ctx);
	/*
	 * NR_SECTION_ROOTS: MAX_PHYSMEM_BITS is PHYS_MASK_SHIFT, which with
	 * CONFIG_ARM64_LPA2 is 52 only when LPA2 is in use, else 48 (6.9+)
	 */
	roots = (1ULL << (ctx->plan->bits.phys_mask_shift - sect_bits)) / per_root;
	alloc(ctx, roots * 8, CACHE_BYTES, 0, MP_ALLOC_ACCESSIBLE, "mem_section[] roots", false);
	/* memory_present() -> sparse_index_init(): a page of sections per root, ascending */
	for_each_mb_region(&ctx->mb.memory, r, ok) {
		mp_u64 s = r.base >> sect_bits, e = (r.base + r.size - 1) >> sect_bits, n;

		if (s == last)
			s++;
		if (e >= s) {
			sections += e - s + 1;
			first = mp_min(first, s);
			last_sect = e;
		}
		last = e;
		for (n = s; e >= s && n <= e; n = (n / per_root + 1) * per_root) {
			if (n / per_root == last_root)
				continue;
			last_root = n / per_root;
			alloc(ctx, page, CACHE_BYTES, 0, MP_ALLOC_ACCESSIBLE, "mem_section root page",
			      false);
		}
	}
	if (!sections)
		return;
	/*
	 * sparse_early_usemaps_alloc_pgdat_section(): with MEMORY_HOTREMOVE in the
	 * section of the node's pg_data_t (NODE_DATA(0), or contig_page_data in
	 * the kernel image: its section is taken as the Image's), else anywhere
	 */
	if (kc->memory_hotremove) {
		mp_u64 at = pgdat ? pgdat : ctx->plan->image.text;

		goal = mp_round_down(at, 1ULL << sect_bits);
		limit = goal + (1ULL << sect_bits);
	}
	usage = usage_size(ctx, sect_bits) * sections;
	/* memblock_alloc_internal() drops the lower limit, then sparse.c the upper */
	if (!alloc(ctx, usage, CACHE_BYTES, goal, limit, "section usemaps", false) && goal &&
	    !alloc(ctx, usage, CACHE_BYTES, 0, limit, "section usemaps", false))
		alloc(ctx, usage, CACHE_BYTES, 0, MP_ALLOC_ACCESSIBLE, "section usemaps", false);
	memmap(ctx, sections, sect_bits, first, last_sect);
}
