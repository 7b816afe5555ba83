// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_memblock.c - one small test per memblock rule
 * (docs/kernel-model.md §2.3), with the memory map written out in literal
 * addresses, in the style of U-Boot's test/lib/lmb.c.
 */
#include <stdlib.h>
#include "internal.h"
#include "heapsort.h"
#include "tap.h"

static struct mp_arena arena;
static struct mp_memblock mb;

static void fresh(void)
{
	static void *buf;

	if (!buf)
		buf = malloc(64 << 20);
	mp_arena_init(&arena, buf, 64 << 20);
	mp_mb_init(&mb, &arena, 4096, 1024, 128);
}

static int count(struct mp_mb_type *t)
{
	struct mp_mb_region r;
	bool ok;
	int n = 0;

	for_each_mb_region(t, r, ok)
		n++;
	return n;
}

static struct mp_mb_region nth(struct mp_mb_type *t, int i)
{
	struct mp_mb_region r = { 0, 0, 0 };
	bool ok;

	for_each_mb_region(t, r, ok)
		if (i-- == 0)
			return r;
	return (struct mp_mb_region){ 0, 0, 0 };
}

static void test_add_merges_touching(void)
{
	TEST("memblock_add merges touching regions of equal flags");
	fresh();
	mp_mb_add(&mb, 0x40000000, 0x40000000);
	mp_mb_add(&mb, 0x80000000, 0x40000000);
	CHECK_EQ(count(&mb.memory), 1);
	CHECK_EQ(nth(&mb.memory, 0).size, 0x80000000);
	mp_mb_add(&mb, 0x100000000ULL, 0x1000);
	CHECK_EQ(count(&mb.memory), 2);
	CHECK_EQ(mb.memory.total_size, 0x80001000ULL);
}

static void test_add_overlap_keeps_flags(void)
{
	TEST("memblock_add over a NOMAP region does not clear NOMAP");
	fresh();
	mp_mb_add(&mb, 0x40000000, 0x40000000);
	mp_mb_mark_nomap(&mb, 0x50000000, 0x100000);
	CHECK_EQ(count(&mb.memory), 3);
	mp_mb_add(&mb, 0x40000000, 0x40000000);
	CHECK_EQ(count(&mb.memory), 3);
	CHECK_EQ(nth(&mb.memory, 1).flags, MP_MB_NOMAP);
	mp_mb_clear_nomap(&mb, 0x50000000, 0x100000);
	CHECK_EQ(count(&mb.memory), 1);
}

static void test_reserve_overlap_merges(void)
{
	TEST("memblock_reserve of overlapping ranges merges into one");
	fresh();
	mp_mb_reserve(&mb, 0x48000000, 0x10000);
	mp_mb_reserve(&mb, 0x48008000, 0x10000);
	CHECK_EQ(count(&mb.reserved), 1);
	CHECK_EQ(nth(&mb.reserved, 0).size, 0x18000);
}

static void test_top_down_highest_fit(void)
{
	TEST("top-down: highest aligned fit in the highest free range that can hold it");
	fresh();
	mp_mb_add(&mb, 0x40000000, 0x40000000); /* [1G, 2G) */
	mp_mb_reserve(&mb, 0x7ff00000, 0x100000); /* top 1 MiB used */
	mp_mb_reserve(&mb, 0x7e000000, 0x1e00000); /* leaves [0x7fe00000,0x7ff00000) */
	/* 2 MiB at 2 MiB alignment does not fit in the 1 MiB hole above */
	CHECK_EQ(mp_mb_find_in_range(&mb, 0x200000, 0x200000, 0, MP_ALLOC_ANYWHERE), 0x7de00000);
	CHECK_EQ(mp_mb_find_in_range(&mb, 0x1000, 0x1000, 0, MP_ALLOC_ANYWHERE), 0x7feff000);
}

static void test_bottom_up(void)
{
	TEST("bottom-up: lowest aligned fit, never page 0");
	fresh();
	mp_mb_add(&mb, 0, 0x10000000);
	mb.bottom_up = true;
	CHECK_EQ(mp_mb_find_in_range(&mb, 0x1000, 0x1000, 0, MP_ALLOC_ANYWHERE), 0x1000);
	CHECK_EQ(mp_mb_find_in_range(&mb, 0x1000, 0x200000, 0, MP_ALLOC_ANYWHERE), 0x200000);
}

static void test_nomap_skipped(void)
{
	TEST("allocation skips NOMAP memory; a free range never spans two memory regions");
	fresh();
	mp_mb_add(&mb, 0x40000000, 0x200000);
	mp_mb_add(&mb, 0x40200000, 0x200000);
	mp_mb_mark_nomap(&mb, 0x40200000, 0x200000);
	CHECK_EQ(mp_mb_phys_alloc_range(&mb, 0x200000, 0x200000, 0, MP_ALLOC_ANYWHERE),
		 0x40000000);
	fresh();
	mp_mb_add(&mb, 0x40000000, 0x200000);
	mp_mb_add(&mb, 0x40200000, 0x200000);
	mp_mb_mark_hotplug(&mb, 0x40200000, 0x200000); /* unmerged neighbours */
	CHECK_EQ(mp_mb_find_in_range(&mb, 0x300000, 0x1000, 0, MP_ALLOC_ANYWHERE), 0);
}

struct runs {
	mp_u64 base[8], size[8];
	int n;
};

static void note_run(void *ctx, mp_u64 base, mp_u64 size)
{
	struct runs *r = ctx;

	if (r->n < 8) {
		r->base[r->n] = base;
		r->size[r->n] = size;
	}
	r->n++;
}

static void test_alloc_pages_runs(void)
{
	struct runs runs = { .n = 0 };
	mp_u64 i;

	TEST("n one-page allocations taken a free run at a time, as page by page");
	fresh();
	mp_mb_add(&mb, 0x40000000, 0x100000);
	mp_mb_reserve(&mb, 0x400f0000, 0x1000);
	mp_mb_reserve(&mb, 0x40080000, 0x8000);
	CHECK_EQ(mp_mb_phys_alloc_pages(&mb, 30, note_run, &runs), 30);
	/* 15 pages above the reserved page, then the top 15 of the hole below it */
	CHECK_EQ(runs.n, 2);
	CHECK_EQ(runs.base[0], 0x400f1000);
	CHECK_EQ(runs.size[0], 0xf000);
	CHECK_EQ(runs.base[1], 0x400e1000);
	CHECK_EQ(runs.size[1], 0xf000);
	CHECK_EQ(count(&mb.reserved), 2);
	CHECK_EQ(nth(&mb.reserved, 1).base, 0x400e1000);
	CHECK_EQ(nth(&mb.reserved, 1).size, 0x1f000);
	/* the same state as 30 single calls */
	fresh();
	mp_mb_add(&mb, 0x40000000, 0x100000);
	mp_mb_reserve(&mb, 0x400f0000, 0x1000);
	mp_mb_reserve(&mb, 0x40080000, 0x8000);
	for (i = 0; i < 30; i++)
		mp_mb_phys_alloc_range(&mb, 0x1000, 0x1000, 0, MP_ALLOC_ACCESSIBLE);
	CHECK_EQ(count(&mb.reserved), 2);
	CHECK_EQ(nth(&mb.reserved, 1).base, 0x400e1000);
	CHECK_EQ(nth(&mb.reserved, 1).size, 0x1f000);
	/* more than there is: every free page but page 0, then it stops */
	fresh();
	mp_mb_add(&mb, 0, 0x10000);
	runs.n = 0;
	CHECK_EQ(mp_mb_phys_alloc_pages(&mb, 100, note_run, &runs), 15);
	CHECK_EQ(runs.n, 1);
	CHECK_EQ(runs.base[0], 0x1000);
	CHECK_EQ(mb.reserved.total_size, 0xf000);
}

static void test_limits(void)
{
	TEST("search honours start/end and rounds down inside them");
	fresh();
	mp_mb_add(&mb, 0x40000000, 0x100000000ULL);
	CHECK_EQ(mp_mb_phys_alloc_range(&mb, 0x10000000, 0x200000, 0, 0x100000000ULL),
		 0xf0000000);
	CHECK_EQ(mp_mb_phys_alloc_range(&mb, 0x10000000, 0x200000, 0x100000000ULL,
					1ULL << 48),
		 0x130000000ULL);
	/* a fixed placement: [base, base+size) exactly */
	CHECK_EQ(mp_mb_phys_alloc_range(&mb, 0x1000000, 0x200000, 0x60000000, 0x61000000),
		 0x60000000);
	CHECK_EQ(mp_mb_phys_alloc_range(&mb, 0x1000000, 0x200000, 0x60100000, 0x61100000), 0);
}

static void test_remove_and_free(void)
{
	TEST("remove/free split regions around the hole");
	fresh();
	mp_mb_add(&mb, 0x40000000, 0x40000000);
	mp_mb_remove(&mb, 0x50000000, 0x1000);
	CHECK_EQ(count(&mb.memory), 2);
	CHECK_EQ(nth(&mb.memory, 1).base, 0x50001000);
	mp_mb_reserve(&mb, 0x60000000, 0x3000);
	mp_mb_phys_free(&mb, 0x60001000, 0x1000);
	CHECK_EQ(count(&mb.reserved), 2);
}

static void test_mem_limit(void)
{
	TEST("mem= keeps the first LIMIT bytes of memory (NOMAP included in the count)");
	fresh();
	mp_mb_add(&mb, 0x40000000, 0x40000000);
	mp_mb_add(&mb, 0x100000000ULL, 0x40000000);
	mp_mb_mem_limit_remove_map(&mb, 0x50000000);
	CHECK_EQ(mp_mb_end_of_dram(&mb), 0x110000000ULL);
	CHECK_EQ(mb.memory.total_size, 0x50000000);
}

static void test_capacity_61(void)
{
	TEST("6.1: a reservation that needs a 129th region fails before resize is allowed");
	fresh();
	mb.empty_cnt_is_one = true;
	mp_mb_add(&mb, 0x40000000, 0x40000000);
	for (int i = 0; i < 128; i++)
		CHECK(mp_mb_reserve(&mb, 0x40000000 + (mp_u64)i * 0x20000, 0x1000) == 0);
	CHECK(mp_mb_reserve(&mb, 0x50000000, 0x1000) != 0);
	CHECK_EQ(mp_mb_phys_alloc_range(&mb, 0x1000, 0x1000, 0, MP_ALLOC_ANYWHERE), 0);
	/* memblock_add_range() counts the new piece before merging it, so even a
	 * range that would merge into its neighbour needs a free slot */
	CHECK(mp_mb_reserve(&mb, 0x40001000, 0x1000) != 0);
	/* a range already covered inserts nothing and succeeds */
	CHECK(mp_mb_reserve(&mb, 0x40000000, 0x1000) == 0);
	mb.allow_resize = true;
	CHECK(mp_mb_reserve(&mb, 0x50000000, 0x1000) == 0);
	CHECK_EQ(mb.reserved.max, 256);
}

static void test_many_regions(void)
{
	TEST("100,000 regions: no fixed limit in memplan itself");
	fresh();
	mb.allow_resize = true;
	mb.reserved.max = 1u << 20;
	mp_mb_add(&mb, 0x40000000, 0x4000000000ULL);
	for (int i = 0; i < 100000; i++)
		mp_mb_reserve(&mb, 0x40000000 + (mp_u64)i * 0x4000, 0x1000);
	CHECK_EQ(mb.reserved.cnt, 100000);
	CHECK_EQ(mb.reserved.total_size, 100000ULL * 0x1000);
}

struct rec {
	mp_u64 base, size;
	int id;
};

static int rec_cmp(const void *a, const void *b, void *priv)
{
	const struct rec *x = a, *y = b;

	(void)priv;
	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return 0;
}

static void test_heapsort_order(void)
{
	/* docs/kernel-model.md §7.5: computed with the real lib/sort.c */
	struct rec three[3] = { { 0, 0, 0 }, { 0, 0, 1 }, { 0, 0, 2 } };
	struct rec five[5] = { { 0x90000000, 0x1000, 10 }, { 0, 0, 1 },
			       { 0x80000000, 0x1000, 11 }, { 0, 0, 3 }, { 0, 0, 4 } };
	struct rec four[4] = { { 0, 0, 0 }, { 0, 0, 1 }, { 0x80000000, 0x1000, 11 }, { 0, 0, 3 } };
	struct rec many[9];

	TEST("6.1 heapsort: 3 dynamic nodes D0 D1 D2 -> D1 D2 D0");
	mp_heapsort(three, 3, sizeof(three[0]), rec_cmp, NULL);
	CHECK_EQ(three[0].id, 1);
	CHECK_EQ(three[1].id, 2);
	CHECK_EQ(three[2].id, 0);
	TEST("6.1 heapsort: [S@0x90000000, D1, S@0x80000000, D3, D4] -> D1 D4 D3");
	mp_heapsort(five, 5, sizeof(five[0]), rec_cmp, NULL);
	CHECK_EQ(five[0].id, 1);
	CHECK_EQ(five[1].id, 4);
	CHECK_EQ(five[2].id, 3);
	CHECK_EQ(five[3].id, 11);
	TEST("6.1 heapsort: [D0, D1, S@0x80000000, D3] -> D1 D0 D3");
	mp_heapsort(four, 4, sizeof(four[0]), rec_cmp, NULL);
	CHECK_EQ(four[0].id, 1);
	CHECK_EQ(four[1].id, 0);
	CHECK_EQ(four[2].id, 3);
	TEST("6.1 heapsort: N equal elements -> rotation 1..N-1, 0");
	for (int i = 0; i < 9; i++)
		many[i] = (struct rec){ 0, 0, i };
	mp_heapsort(many, 9, sizeof(many[0]), rec_cmp, NULL);
	for (int i = 0; i < 8; i++)
		CHECK_EQ(many[i].id, i + 1);
	CHECK_EQ(many[8].id, 0);
}

static void test_memparse(void)
{
	const char *end;

	TEST("memparse/simple_strtoull as lib/cmdline.c");
	CHECK_EQ(mp_memparse("256M", &end), 256ULL << 20);
	CHECK_EQ(mp_memparse("0x1E", &end), 30);
	CHECK_EQ(mp_memparse("1e", &end), 1ULL << 60);
	CHECK_EQ(mp_memparse("010", &end), 8);
	CHECK_EQ(mp_simple_strtoull("0xg", &end), 0);
	CHECK_EQ(*end, 'x');
	CHECK_EQ(mp_memparse("4G@0x8", &end), 4ULL << 30);
	CHECK_EQ(*end, '@');
}

int main(void)
{
	test_add_merges_touching();
	test_add_overlap_keeps_flags();
	test_reserve_overlap_merges();
	test_top_down_highest_fit();
	test_bottom_up();
	test_nomap_skipped();
	test_alloc_pages_runs();
	test_limits();
	test_remove_and_free();
	test_mem_limit();
	test_capacity_61();
	test_many_regions();
	test_heapsort_order();
	test_memparse();
	return DONE();
}
