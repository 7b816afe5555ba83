// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * linmap.c - the linear map: map_mem() and the __create_pgd_mapping() walk
 * (arch/arm64/mm/mmu.c), the page-granularity decision (can_set_direct_map(),
 * arch/arm64/mm/pageattr.c) and the number of page-table pages it allocates
 * (docs/kernel-model.md §8).
 */
#include "internal.h"
#include "cmdline.h"
#include "heapsort.h"

#define NO_BLOCK 1u
#define NO_CONT 2u

/*
 * The walk is done arithmetically: a range is cut into head / aligned middle /
 * tail at each level instead of stepping through it, and the tables it needs
 * are counted as runs of windows, so a 11 TiB bank costs the same as 1 GiB.
 */

struct geom {
	unsigned int page_shift, levels;
	mp_u64 page, cont_pte, pmd, cont_pmd, pud;
	bool pud_block;
};

struct window_run {
	mp_u64 first, last; /* inclusive window indices */
};

struct walk {
	struct mp_arena *arena;
	int err;
	struct geom g;
	struct mp_map_range *out;
	size_t nr, cap;
	struct window_run *win[4]; /* tables touched: PTE, PMD, PUD, P4D */
	size_t nwin[4], capwin[4];
};

/* @levels: the translation levels in use (mp_arm64_bits()) */
static void geom_init(struct geom *g, const struct mp_kconfig *kc, unsigned int levels)
{
	unsigned int s = kc->page_shift, bits = s - 3;

	g->page_shift = s;
	g->page = 1ULL << s;
	g->levels = levels;
	g->pmd = 1ULL << (s + bits);
	g->pud = 1ULL << (s + 2 * bits);
	g->cont_pte = g->page << (s == 12 ? 4 : s == 14 ? 7 : 5);
	g->cont_pmd = g->pmd << (s == 12 ? 4 : 5);
	g->pud_block = s == 12; /* pud_sect_supported() */
}

static void emit(struct walk *w, mp_u64 start, mp_u64 end, enum mp_map_level level)
{
	struct mp_map_range *last = w->nr ? &w->out[w->nr - 1] : NULL;

	if (start >= end)
		return;
	if (last && last->level == level && last->end + 1 == start) {
		last->end = end - 1;
		return;
	}
	if (mp_grow(w->arena, (void **)&w->out, &w->cap, w->nr + 1, sizeof(*w->out))) {
		w->err = -MP_ERR_NOSPACE;
		return;
	}
	w->out[w->nr++] = (struct mp_map_range){ start, end - 1, level };
}

/* the tables of @level covering windows of @span bytes over [a, end) are needed */
static void touch(struct walk *w, int level, mp_u64 a, mp_u64 end, mp_u64 span)
{
	struct window_run run = { a / span, (end - 1) / span };
	size_t n = w->nwin[level];

	if (n && w->win[level][n - 1].last + 1 >= run.first &&
	    w->win[level][n - 1].first <= run.first) {
		if (run.last > w->win[level][n - 1].last)
			w->win[level][n - 1].last = run.last;
		return;
	}
	if (mp_grow(w->arena, (void **)&w->win[level], &w->capwin[level], n + 1,
		    sizeof(run))) {
		w->err = -MP_ERR_NOSPACE;
		return;
	}
	w->win[level][w->nwin[level]++] = run;
}

/* [*ms, *me): the whole @unit chunks of [a, end); empty (at end) if none */
static void split3(mp_u64 a, mp_u64 end, mp_u64 unit, mp_u64 *ms, mp_u64 *me)
{
	*ms = mp_round_up(a, unit);
	*me = mp_round_down(end, unit);
	if (*ms >= *me || *ms > end)
		*ms = *me = end;
}

/*
 * init_pte()/alloc_init_cont_pte(): PTEs over [a, end), which may span several
 * PMD windows; a CONT_PTE chunk fully inside the range gets the contiguous hint.
 */
static void walk_pte(struct walk *w, mp_u64 a, mp_u64 end, unsigned int flags)
{
	mp_u64 ms, me;

	if (a >= end)
		return;
	touch(w, 0, a, end, w->g.pmd);
	if (flags & NO_CONT) {
		emit(w, a, end, MP_MAP_PTE);
		return;
	}
	split3(a, end, w->g.cont_pte, &ms, &me);
	emit(w, a, ms, MP_MAP_PTE);
	emit(w, ms, me, MP_MAP_CONT_PTE);
	emit(w, me, end, MP_MAP_PTE);
}

/*
 * alloc_init_cont_pmd()/init_pmd(): PMD blocks where a whole 2 MiB (4K) window
 * is covered, contiguous where a whole CONT_PMD chunk is; PTEs at the edges.
 */
static void walk_pmd(struct walk *w, mp_u64 a, mp_u64 end, unsigned int flags)
{
	const struct geom *g = &w->g;
	mp_u64 ms, me, cs, ce;

	if (a >= end)
		return;
	if (g->levels >= 3)
		touch(w, 1, a, end, g->pud);
	if (flags & NO_BLOCK) {
		walk_pte(w, a, end, flags);
		return;
	}
	split3(a, end, g->pmd, &ms, &me);
	walk_pte(w, a, ms, flags);
	if (flags & NO_CONT) {
		emit(w, ms, me, MP_MAP_PMD);
	} else {
		split3(ms, me, g->cont_pmd, &cs, &ce);
		emit(w, ms, cs, MP_MAP_PMD);
		emit(w, cs, ce, MP_MAP_CONT_PMD);
		emit(w, ce, me, MP_MAP_PMD);
	}
	walk_pte(w, me, end, flags);
}

/* __create_pgd_mapping() for one physical range (linear: virt follows phys) */
static void create_mapping(struct walk *w, mp_u64 start, mp_u64 end, unsigned int flags)
{
	const struct geom *g = &w->g;
	mp_u64 pgd_span = g->levels >= 4 ? g->pud << (g->page_shift - 3) : 0;
	mp_u64 ms, me;

	start = mp_round_down(start, g->page);
	end = mp_round_up(end, g->page);
	if (start >= end)
		return;
	/*
	 * 5 levels (4K pages, 52-bit VA with LPA2 in use, 6.9+): alloc_init_p4d()
	 * takes a P4D table for each 256 TiB the range touches; with 48-bit VA the
	 * P4D level is folded at run time (pgtable_l5_enabled()) and costs nothing
	 */
	if (g->levels >= 5)
		touch(w, 3, start, end, pgd_span << (g->page_shift - 3));
	if (pgd_span)
		touch(w, 2, start, end, pgd_span);
	if (!g->pud_block || (flags & NO_BLOCK)) {
		walk_pmd(w, start, end, flags);
		return;
	}
	split3(start, end, g->pud, &ms, &me);
	walk_pmd(w, start, ms, flags);
	emit(w, ms, me, MP_MAP_PUD);
	walk_pmd(w, me, end, flags);
}

static int cmp_run(const void *a, const void *b, void *priv)
{
	const struct window_run *x = a, *y = b;

	(void)priv;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* number of distinct windows in the union of the runs */
static mp_u64 distinct(struct window_run *v, size_t n)
{
	mp_u64 count = 0, covered_to = 0;
	bool any = false;
	size_t i;

	mp_heapsort(v, n, sizeof(*v), cmp_run, NULL);
	for (i = 0; i < n; i++) {
		mp_u64 first = v[i].first;

		if (any && first <= covered_to)
			first = covered_to + 1;
		if (any && v[i].last <= covered_to)
			continue;
		count += v[i].last - first + 1;
		covered_to = v[i].last;
		any = true;
	}
	return count;
}

static int cmp_range(const void *a, const void *b, void *priv)
{
	const struct mp_map_range *x = a, *y = b;

	(void)priv;
	return x->start < y->start ? -1 : x->start > y->start;
}

static void note_tables(void *ctx, mp_u64 base, mp_u64 size)
{
	mp_note_alloc(ctx, base, size, MP_ALLOC_PGTABLE, "linear-map page tables", false);
}

/*
 * mp_linmap - map_mem(): decide the granularity, walk every mapped range,
 * allocate the table pages top-down (one page each, early_pgtable_alloc()).
 * @crash: 6.1 non-deferred / memplan-6.12 crash region mapped on its own, or NULL.
 */
void mp_linmap(struct mp_ctx *ctx, const struct mp_range *crash, size_t nr_crash)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	const struct mp_cmdline_facts *cl = ctx->cl;
	struct mp_linmap *lm = &ctx->plan->linmap;
	struct walk w = { .arena = ctx->arena };
	struct mp_mb_region r;
	mp_u64 kstart, kend, pool = 0, pool_size = 0, tables, i;
	unsigned int flags = 0;
	bool ok, kfence_early = cl->kfence_early;
	size_t c;

	geom_init(&w.g, kc, ctx->plan->bits.pgtable_levels);
	lm->granule = w.g.page;

	/* arm64_kfence_alloc_pool() */
	if (kc->kfence && kfence_early) {
		pool_size = ((mp_u64)kc->kfence_num_objects + 1) * 2 * w.g.page;
		pool = mp_mb_phys_alloc_range(&ctx->mb, pool_size, w.g.page, 0, MP_ALLOC_ACCESSIBLE);
		if (!pool) {
			mp_log(ctx, "failed to allocate kfence pool");
			kfence_early = false;
		} else {
			mp_mb_mark_nomap(&ctx->mb, pool, pool_size);
			mp_note_alloc(ctx, pool, pool_size, MP_ALLOC_KFENCE, "KFENCE pool", false);
		}
	}

	/* can_set_direct_map() and the 6.1 crash_mem_map rule (§8.2) */
	if (cl->rodata_full) {
		lm->forced_pte = true;
		lm->forced_reason = "rodata=full (CONFIG_RODATA_FULL_DEFAULT_ENABLED or the "
				    "command line): the linear map must be changeable page by page";
	} else if (cl->debug_pagealloc) {
		lm->forced_pte = true;
		lm->forced_reason = "debug_pagealloc is enabled";
	} else if (kc->kfence && !kfence_early) {
		lm->forced_pte = true;
		lm->forced_reason = "KFENCE without an early pool (kfence.sample_interval=0)";
	} else if (ctx->b.crash_forces_page_linear_map && kc->crash_reserve && cl->crash_token &&
		   (kc->zone_dma || kc->zone_dma32)) {
		lm->forced_pte = true;
		lm->forced_reason = "6.1: crashkernel= on the command line with ZONE_DMA/DMA32: "
				    "the crash kernel is reserved after map_mem, so all of the "
				    "linear map uses pages to keep it protectable";
	}
	if (lm->forced_pte)
		flags = NO_BLOCK | NO_CONT;

	kstart = ctx->plan->image.text + (ctx->b.kernel_from_stext ? ctx->plan->image.stext_offset : 0);
	kend = ctx->plan->image.text + ctx->plan->image.init_offset;
	mp_mb_mark_nomap(&ctx->mb, kstart, kend - kstart);
	for (c = 0; c < nr_crash; c++)
		mp_mb_mark_nomap(&ctx->mb, crash[c].base, crash[c].size);

	for_each_mb_region(&ctx->mb.memory, r, ok) {
		mp_u64 s = r.base, e = r.base + r.size;

		if (r.flags & MP_MB_NOMAP)
			continue;
		if (ctx->b.map_mem_rounds_to_pages) {
			/* 6.12.117: round each range inward to pages */
			s = mp_round_up(s, w.g.page);
			e = mp_round_down(e, w.g.page);
			if (s >= e)
				continue;
		}
		create_mapping(&w, s, e, flags);
	}
	create_mapping(&w, kstart, kend, NO_CONT);
	mp_mb_clear_nomap(&ctx->mb, kstart, kend - kstart);
	for (c = 0; c < nr_crash; c++) {
		/* the crash region: PMD blocks where aligned, PTEs at the edges, never cont */
		create_mapping(&w, crash[c].base, crash[c].base + crash[c].size,
			       ctx->b.crash_mapped_with_pages ? NO_BLOCK | NO_CONT : NO_CONT);
		mp_mb_clear_nomap(&ctx->mb, crash[c].base, crash[c].size);
	}
	if (pool) {
		create_mapping(&w, pool, pool + pool_size, NO_BLOCK | NO_CONT);
		mp_mb_clear_nomap(&ctx->mb, pool, pool_size);
	}
	if (w.err)
		ctx->err = w.err;
	if (ctx->err)
		return;

	mp_heapsort(w.out, w.nr, sizeof(*w.out), cmp_range, NULL);
	/* merge neighbours of the same level that came from different calls */
	for (c = 0, i = 0; c < w.nr; c++) {
		if (i && w.out[i - 1].level == w.out[c].level &&
		    w.out[i - 1].end + 1 == w.out[c].start)
			w.out[i - 1].end = w.out[c].end;
		else
			w.out[i++] = w.out[c];
	}
	lm->ranges = w.out;
	lm->nr_ranges = (size_t)i;
	tables = distinct(w.win[0], w.nwin[0]) + distinct(w.win[1], w.nwin[1]) +
		 distinct(w.win[2], w.nwin[2]) + distinct(w.win[3], w.nwin[3]);
	lm->table_pages = tables;
	/* one page each, top-down, until one fails */
	mp_mb_phys_alloc_pages(&ctx->mb, tables, note_tables, ctx);
}

/*
 * mp_linmap_alone - the leaf levels of [start, end) when it is mapped on its
 * own without contiguous hints: the memplan-6.12 crash region, as crashk_map()
 * maps it in map_mem() and crashk_remap() maps what a shrink keeps
 * (crash_free_reserved_phys_range(), CRASHK_MAP_FLAGS).  At most
 * MP_LINMAP_ALONE_MAX runs (PTE, PMD, PUD, PMD, PTE) go to @out; returns their
 * number.
 */
size_t mp_linmap_alone(const struct mp_kconfig *kc, mp_u64 start, mp_u64 end,
		       struct mp_map_range out[MP_LINMAP_ALONE_MAX])
{
	/* room for the walk's own bookkeeping: 5 runs and 3 table-window runs */
	_Alignas(16) unsigned char buf[1024];
	struct mp_arena arena;
	struct walk w = { .arena = &arena };
	size_t i;

	mp_arena_init(&arena, buf, sizeof(buf));
	/* only the leaf levels are wanted: the table levels do not change them */
	geom_init(&w.g, kc, 3);
	create_mapping(&w, start, end, NO_CONT);
	for (i = 0; !w.err && i < w.nr && i < MP_LINMAP_ALONE_MAX; i++)
		out[i] = w.out[i];
	return i;
}
