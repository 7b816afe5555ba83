// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * linmap.c - the linear map: map_mem() and the __create_pgd_mapping() walk
 * (arch/arm64/mm/mmu.c), the page-granularity decision (can_set_direct_map(),
 * arch/arm64/mm/pageattr.c) and the number of page-table pages it allocates
 * (kernel-behaviour.md §8).
 */
#include "internal.h"
#include "cmdline.h"
#include "heapsort.h"

#define NO_BLOCK 1u
#define NO_CONT 2u

struct geom {
	unsigned page_shift, levels;
	mp_u64 page, cont_pte, pmd, cont_pmd, pud;
	bool pud_block;
};

struct walk {
	struct mp_ctx *ctx;
	struct geom g;
	struct mp_map_range *out;
	size_t nr, cap;
	mp_u64 *win[3];		/* touched windows: PTE, PMD, PUD tables */
	size_t nwin[3], capwin[3];
};

static void geom_init(struct geom *g, const struct mp_kconfig *kc)
{
	unsigned s = kc->page_shift, bits = s - 3;

	g->page_shift = s;
	g->page = 1ULL << s;
	g->levels = (kc->va_bits - 4) / bits;
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
	if (mp_grow(w->ctx->arena, (void **)&w->out, &w->cap, w->nr + 1, sizeof(*w->out))) {
		w->ctx->err = -MP_ERR_NOSPACE;
		return;
	}
	w->out[w->nr++] = (struct mp_map_range){ start, end - 1, level };
}

static void touch(struct walk *w, int level, mp_u64 window)
{
	if (w->nwin[level] && w->win[level][w->nwin[level] - 1] == window)
		return;
	if (mp_grow(w->ctx->arena, (void **)&w->win[level], &w->capwin[level], w->nwin[level] + 1,
		    sizeof(mp_u64))) {
		w->ctx->err = -MP_ERR_NOSPACE;
		return;
	}
	w->win[level][w->nwin[level]++] = window;
}

static bool aligned(mp_u64 a, mp_u64 b, mp_u64 sz)
{
	return !((a | b) & (sz - 1));
}

/* alloc_init_cont_pte()/init_pte() inside one PMD window */
static void walk_pte(struct walk *w, mp_u64 a, mp_u64 end, unsigned flags)
{
	const struct geom *g = &w->g;

	touch(w, 0, a / g->pmd);
	while (a < end) {
		mp_u64 n = mp_min(mp_round_down(a, g->cont_pte) + g->cont_pte, end);
		bool cont = aligned(a, n, g->cont_pte) && !(flags & NO_CONT);

		emit(w, a, n, cont ? MP_MAP_CONT_PTE : MP_MAP_PTE);
		a = n;
	}
}

/* alloc_init_cont_pmd()/init_pmd() inside one PUD window */
static void walk_pmd(struct walk *w, mp_u64 a, mp_u64 end, unsigned flags)
{
	const struct geom *g = &w->g;

	if (g->levels >= 3)
		touch(w, 1, a / g->pud);
	while (a < end) {
		mp_u64 n = mp_min(mp_round_down(a, g->cont_pmd) + g->cont_pmd, end);
		bool cont = aligned(a, n, g->cont_pmd) && !(flags & NO_CONT);
		mp_u64 b = a;

		while (b < n) {
			mp_u64 m = mp_min(mp_round_down(b, g->pmd) + g->pmd, n);

			if (aligned(b, m, g->pmd) && !(flags & NO_BLOCK))
				emit(w, b, m, cont ? MP_MAP_CONT_PMD : MP_MAP_PMD);
			else
				walk_pte(w, b, m, flags);
			b = m;
		}
		a = n;
	}
}

/* __create_pgd_mapping() for one physical range (linear: virt follows phys) */
static void create_mapping(struct walk *w, mp_u64 start, mp_u64 end, unsigned flags)
{
	const struct geom *g = &w->g;
	mp_u64 pgd_span = g->levels >= 4 ? g->pud << (g->page_shift - 3) : 0;

	start = mp_round_down(start, g->page);
	end = mp_round_up(end, g->page);
	while (start < end) {
		mp_u64 n = mp_min(mp_round_down(start, g->pud) + g->pud, end);

		if (pgd_span)
			touch(w, 2, start / pgd_span);
		if (g->pud_block && aligned(start, n, g->pud) && !(flags & NO_BLOCK))
			emit(w, start, n, MP_MAP_PUD);
		else
			walk_pmd(w, start, n, flags);
		start = n;
	}
}

static int cmp_u64(const void *a, const void *b, void *priv)
{
	mp_u64 x = *(const mp_u64 *)a, y = *(const mp_u64 *)b;

	(void)priv;
	return x < y ? -1 : x > y;
}

static mp_u64 distinct(mp_u64 *v, size_t n)
{
	mp_u64 count = 0;
	size_t i;

	mp_heapsort(v, n, sizeof(*v), cmp_u64, NULL);
	for (i = 0; i < n; i++)
		if (!i || v[i] != v[i - 1])
			count++;
	return count;
}

static int cmp_range(const void *a, const void *b, void *priv)
{
	const struct mp_map_range *x = a, *y = b;

	(void)priv;
	return x->start < y->start ? -1 : x->start > y->start;
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
	struct walk w = { .ctx = ctx };
	struct mp_mb_region r;
	mp_u64 kstart, kend, pool = 0, pool_size = 0, tables, i;
	unsigned flags = 0;
	bool ok, kfence_early = cl->kfence_early;
	size_t c;

	geom_init(&w.g, kc);
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
	} else if (ctx->v61 && kc->crash_reserve && cl->crash_token &&
		   (kc->zone_dma || kc->zone_dma32)) {
		lm->forced_pte = true;
		lm->forced_reason = "6.1: crashkernel= on the command line with ZONE_DMA/DMA32: "
				    "the crash kernel is reserved after map_mem, so all of the "
				    "linear map uses pages to keep it protectable";
	}
	if (lm->forced_pte)
		flags = NO_BLOCK | NO_CONT;

	kstart = ctx->plan->image.text + (ctx->v61 ? ctx->plan->image.stext_offset : 0);
	kend = ctx->plan->image.text + ctx->plan->image.init_offset;
	mp_mb_mark_nomap(&ctx->mb, kstart, kend - kstart);
	for (c = 0; c < nr_crash; c++)
		mp_mb_mark_nomap(&ctx->mb, crash[c].base, crash[c].size);

	for_each_mb_region(&ctx->mb.memory, r, ok) {
		mp_u64 s = r.base, e = r.base + r.size;

		if (r.flags & MP_MB_NOMAP)
			continue;
		if (!ctx->v61) {
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
			       ctx->v61 ? NO_BLOCK | NO_CONT : NO_CONT);
		mp_mb_clear_nomap(&ctx->mb, crash[c].base, crash[c].size);
	}
	if (pool) {
		create_mapping(&w, pool, pool + pool_size, NO_BLOCK | NO_CONT);
		mp_mb_clear_nomap(&ctx->mb, pool, pool_size);
	}
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
		 distinct(w.win[2], w.nwin[2]);
	lm->table_pages = tables;
	for (i = 0; i < tables; i++) {
		mp_u64 a = mp_mb_phys_alloc_range(&ctx->mb, w.g.page, w.g.page, 0, 1);

		if (!a)
			break;
		mp_note_alloc(ctx, a, w.g.page, MP_ALLOC_PGTABLE, "linear-map page tables", false);
	}
}
