// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * memblock.c - a model of the kernel's memblock allocator (mm/memblock.c;
 * docs/kernel-model.md §2.3).  The rules are the same in 6.1 and 6.12 but for
 * three, which are flags of struct mp_memblock set from the profile's
 * behaviour: resize_panics, empty_cnt_is_one and merge_all.
 *
 * Two sets of non-overlapping regions, "memory" and "reserved", with the
 * kernel's merge rule (touching regions of equal flags merge), its free-range
 * walk (memory minus reserved, NOMAP skipped, never spanning two memory
 * regions) and its top-down/bottom-up search.  The regions are held in the
 * ordered set of memblock_set.c; the kernel arrays' *capacity* (which changes
 * outcomes before memblock_allow_resize()) is modelled here, separately.
 */
#include "memblock_set.h"

/* ---- setup ------------------------------------------------------------ */

void mp_mb_init(struct mp_memblock *mb, struct mp_arena *arena, mp_u64 page_size,
		size_t memory_max, size_t reserved_max)
{
	mp_memset(mb, 0, sizeof(*mb));
	mb->arena = arena;
	mb->page_size = page_size;
	mb->current_limit = MP_ALLOC_ANYWHERE;
	mb->memory.max = memory_max;
	mb->memory.name = "memory";
	mb->reserved.max = reserved_max;
	mb->reserved.name = "reserved";
	mb->seed = 0x2545f491;
	mb->region_bytes = 24;
}

/* ---- capacity (memblock_double_array) --------------------------------- */

static size_t eff_cnt(struct mp_memblock *mb, struct mp_mb_type *type)
{
	/* V6.1 keeps one zero-size dummy entry in an empty array */
	if (!type->cnt && mb->empty_cnt_is_one)
		return 1;
	return type->cnt;
}

static mp_u64 page_align(struct mp_memblock *mb, mp_u64 x)
{
	return mp_round_up(x, mb->page_size);
}

/*
 * memblock_double_array(): refused (6.1) or fatal (6.12) before
 * memblock_allow_resize(); afterwards a new array twice the size is found
 * top-down, avoiding the range being added, and reserved.
 */
static int double_array(struct mp_memblock *mb, struct mp_mb_type *type,
			mp_u64 new_area_start, mp_u64 new_area_size)
{
	mp_u64 new_size, addr;

	if (!mb->allow_resize) {
		if (mb->resize_panics)
			mb->panicked = true;
		return -MP_ENOMEM;
	}
	new_size = page_align(mb, (mp_u64)type->max * 2 * mb->region_bytes);
	if (type == &mb->memory)
		new_area_start = new_area_size = 0;
	addr = mp_mb_find_in_range(mb, new_size, mb->page_size,
				   new_area_start + new_area_size, mb->current_limit);
	if (!addr && new_area_size)
		addr = mp_mb_find_in_range(mb, new_size, mb->page_size, 0,
					   mp_min(new_area_start, mb->current_limit));
	if (!addr)
		return -MP_ENOMEM;
	type->max *= 2;
	/*
	 * the old array is freed (memblock_free()) unless it is the static
	 * initial one, then the new one reserved
	 */
	if (type->array_size)
		mp_mb_phys_free(mb, type->array_base, type->array_size);
	type->array_base = addr;
	type->array_size = new_size;
	if (mp_mb_reserve(mb, addr, new_size))
		return -MP_ENOMEM;
	if (mb->on_resize)
		mb->on_resize(mb->on_resize_ctx, type, addr, new_size);
	return 0;
}

static int ensure_capacity(struct mp_memblock *mb, struct mp_mb_type *type, size_t nr_new,
			   mp_u64 base, mp_u64 size)
{
	while (eff_cnt(mb, type) + nr_new > type->max)
		if (double_array(mb, type, base, size))
			return -MP_ENOMEM;
	return 0;
}

/* ---- merging ------------------------------------------------------------ */

static bool mergeable(const struct mp_mb_region *a, const struct mp_mb_region *b)
{
	return mp_mbs_end(a) == b->base && a->flags == b->flags;
}

/* @cur grows over its successor, which goes */
static void absorb_next(struct mp_mb_type *type, struct mp_mb_node *cur)
{
	mp_u64 grow = cur->next->r.size;

	mp_mbs_erase(type, cur->next);
	cur->r.size += grow;
	type->total_size += grow;
}

/* 6.1 memblock_merge_regions(type): every touching pair of equal flags */
static void merge_all(struct mp_mb_type *type)
{
	struct mp_mb_node *cur = type->head;

	while (cur) {
		struct mp_mb_node *nx = cur->next;

		if (!nx)
			break;
		if (mergeable(&cur->r, &nx->r)) {
			absorb_next(type, cur);
			continue;
		}
		cur = nx;
	}
}

/*
 * 6.12 memblock_merge_regions(type, start_rgn, end_rgn): only the pairs from
 * the region before the first touched one (@first) up to the pair of the last
 * touched one (@last) and its successor.
 */
static void merge_window(struct mp_mb_type *type, struct mp_mb_node *first, mp_u64 last)
{
	struct mp_mb_node *cur = first->prev ? first->prev : first;

	while (cur) {
		struct mp_mb_node *nx = cur->next;
		bool final = cur->r.base <= last && last < mp_mbs_end(&cur->r);

		if (!nx)
			break;
		if (mergeable(&cur->r, &nx->r)) {
			absorb_next(type, cur);
			if (final)
				break;
			continue;
		}
		if (final)
			break;
		cur = nx;
	}
}

static void merge_regions(struct mp_memblock *mb, struct mp_mb_type *type,
			  struct mp_mb_node *first, mp_u64 last)
{
	/* 6.1 merges the whole array; only cap_memory_range leaves pairs unmerged */
	if (mb->merge_all && mb->unmerged) {
		merge_all(type);
		mb->unmerged = false;
		return;
	}
	merge_window(type, first, last);
}

/* ---- add / isolate / remove -------------------------------------------- */

/* the first region with end > @base, i.e. the first that may overlap */
static struct mp_mb_node *first_overlap(struct mp_mb_type *type, mp_u64 base)
{
	struct mp_mb_node *n = mp_mbs_find_le(type, base);

	if (n && mp_mbs_end(&n->r) > base)
		return n;
	return n ? n->next : type->head;
}

/* the pieces add_range() inserts: how many, the first node, the last base */
struct add_pieces {
	size_t nr;
	struct mp_mb_node *first;
	mp_u64 last;
};

/* count a missing piece [base, base+size), and insert it after @prev when @insert */
static int add_piece(struct mp_memblock *mb, struct mp_mb_type *type, struct add_pieces *ap,
		     bool insert, struct mp_mb_region r, struct mp_mb_node *prev)
{
	if (insert) {
		struct mp_mb_node *ins = mp_mbs_insert(mb, type, &r, prev);

		if (!ins)
			return -MP_ERR_NOSPACE;
		if (!ap->nr)
			ap->first = ins;
		ap->last = r.base;
	}
	ap->nr++;
	return 0;
}

/* memblock_add_range(): insert the parts of [base, base+size) not covered yet */
static int add_range(struct mp_memblock *mb, struct mp_mb_type *type, mp_u64 base,
		     mp_u64 size, unsigned int flags)
{
	mp_u64 end, cur;
	struct add_pieces ap = { 0, NULL, 0 };
	struct mp_mb_node *n, *prev;
	int pass;

	if (size > MP_U64_MAX - base)
		size = MP_U64_MAX - base;
	if (!size)
		return 0;
	end = base + size;

	/*
	 * Two passes: count the pieces, grow (or fail) if the kernel's array
	 * would overflow, then insert.  Like 6.12, skip the count when even
	 * cnt + 1 new pieces would fit.
	 */
	pass = eff_cnt(mb, type) * 2 + 1 <= type->max ? 1 : 0;
	for (; pass < 2; pass++) {
		cur = base;
		n = first_overlap(type, base);
		prev = n ? n->prev : type->tail;
		while (n && n->r.base < end) {
			mp_u64 rb = n->r.base, re = mp_mbs_end(&n->r);

			if (rb > cur && add_piece(mb, type, &ap, pass,
						  (struct mp_mb_region){ cur, rb - cur, flags },
						  n->prev))
				return -MP_ERR_NOSPACE;
			cur = mp_min(re, end);
			prev = n;
			n = n->next;
		}
		if (cur < end && add_piece(mb, type, &ap, pass,
					   (struct mp_mb_region){ cur, end - cur, flags }, prev))
			return -MP_ERR_NOSPACE;
		if (!pass) {
			if (!ap.nr)
				return 0;
			if (ensure_capacity(mb, type, ap.nr, base, size))
				return -MP_ERR_NOSPACE;
			ap.nr = 0;
		}
	}
	if (!ap.nr)
		return 0;
	merge_regions(mb, type, ap.first, ap.last);
	return 0;
}

/*
 * memblock_isolate_range(): split regions so none straddles base or end.
 * Returns -MP_ENOMEM only when the array cannot grow.
 */
static int isolate(struct mp_memblock *mb, struct mp_mb_type *type, mp_u64 base,
		   mp_u64 size, mp_u64 *end_out)
{
	mp_u64 end;
	struct mp_mb_node *n;

	if (size > MP_U64_MAX - base)
		size = MP_U64_MAX - base;
	end = base + size;
	*end_out = end;
	if (!size)
		return 0;
	if (ensure_capacity(mb, type, 2, base, size))
		return -MP_ENOMEM;
	n = first_overlap(type, base);
	while (n && n->r.base < end) {
		mp_u64 rb = n->r.base, re = mp_mbs_end(&n->r);

		if (rb < base) {
			struct mp_mb_region hi = { base, re - base, n->r.flags };

			n->r.size = base - rb;
			type->total_size -= hi.size;
			if (!mp_mbs_insert(mb, type, &hi, n))
				return -MP_ENOMEM;
			n = n->next;
			continue;
		}
		if (re > end) {
			struct mp_mb_region hi = { end, re - end, n->r.flags };

			n->r.size = end - rb;
			type->total_size -= hi.size;
			if (!mp_mbs_insert(mb, type, &hi, n))
				return -MP_ENOMEM;
			break;
		}
		n = n->next;
	}
	return 0;
}

static int remove_range(struct mp_memblock *mb, struct mp_mb_type *type, mp_u64 base,
			mp_u64 size)
{
	mp_u64 end;
	struct mp_mb_node *n;

	if (isolate(mb, type, base, size, &end))
		return -MP_ERR_NOSPACE;
	if (base == end)
		return 0;
	n = mp_mbs_find_ge(type, base);
	while (n && mp_mbs_end(&n->r) <= end && n->r.base < end) {
		struct mp_mb_node *nx = n->next;

		mp_mbs_erase(type, n);
		n = nx;
	}
	return 0;
}

static int setclr_flag(struct mp_memblock *mb, mp_u64 base, mp_u64 size, bool set,
		       unsigned int flag)
{
	struct mp_mb_type *type = &mb->memory;
	mp_u64 end, last = 0;
	struct mp_mb_node *n, *first = NULL;

	if (isolate(mb, type, base, size, &end))
		return -MP_ERR_NOSPACE;
	n = mp_mbs_find_ge(type, base);
	for (; n && n->r.base < end && mp_mbs_end(&n->r) <= end;
	     n = n->next) {
		if (set)
			n->r.flags |= flag;
		else
			n->r.flags &= ~flag;
		if (!first)
			first = n;
		last = n->r.base;
	}
	if (first)
		merge_regions(mb, type, first, last);
	return 0;
}

int mp_mb_add(struct mp_memblock *mb, mp_u64 base, mp_u64 size)
{
	return add_range(mb, &mb->memory, base, size, 0);
}

/*
 * memblock_reserve() and memblock_phys_free() print their range with
 * memblock=debug before doing anything else (memblock_dbg()), so every call is
 * traced, whatever it then does; @count calls of size / @count each make one
 * event (mp_mb_phys_alloc_pages())
 */
static void trace(struct mp_memblock *mb, mp_u64 base, mp_u64 size, mp_u64 count, bool free)
{
	if (!mb->tracing || mp_grow(mb->arena, (void **)&mb->events, &mb->cap_events,
				    mb->nr_events + 1, sizeof(*mb->events)))
		return;
	mb->events[mb->nr_events++] = (struct mp_mb_event){ base, size, count, free };
}

static int reserve_calls(struct mp_memblock *mb, mp_u64 base, mp_u64 size, mp_u64 count)
{
	trace(mb, base, size, count, false);
	return add_range(mb, &mb->reserved, base, size, 0);
}

int mp_mb_reserve(struct mp_memblock *mb, mp_u64 base, mp_u64 size)
{
	return reserve_calls(mb, base, size, 1);
}

int mp_mb_remove(struct mp_memblock *mb, mp_u64 base, mp_u64 size)
{
	return remove_range(mb, &mb->memory, base, size);
}

int mp_mb_phys_free(struct mp_memblock *mb, mp_u64 base, mp_u64 size)
{
	trace(mb, base, size, 1, true);
	return remove_range(mb, &mb->reserved, base, size);
}

int mp_mb_mark_nomap(struct mp_memblock *mb, mp_u64 base, mp_u64 size)
{
	return setclr_flag(mb, base, size, true, MP_MB_NOMAP);
}

int mp_mb_clear_nomap(struct mp_memblock *mb, mp_u64 base, mp_u64 size)
{
	return setclr_flag(mb, base, size, false, MP_MB_NOMAP);
}

int mp_mb_mark_hotplug(struct mp_memblock *mb, mp_u64 base, mp_u64 size)
{
	return setclr_flag(mb, base, size, true, MP_MB_HOTPLUG);
}

/* ---- searching ---------------------------------------------------------- */

/* should_skip_region(): memory the allocator never hands out */
static bool skip_memory(struct mp_memblock *mb, const struct mp_mb_region *m)
{
	if (m->flags & (MP_MB_NOMAP | MP_MB_DRIVER_MANAGED))
		return true;
	if (mb->movable_node && (m->flags & MP_MB_HOTPLUG))
		return true;
	return false;
}

static mp_u64 clamp(mp_u64 x, mp_u64 lo, mp_u64 hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* __memblock_find_range_top_down() over __next_mem_range_rev() */
static mp_u64 find_top_down(struct mp_memblock *mb, mp_u64 start, mp_u64 end,
			    mp_u64 size, mp_u64 align)
{
	/* memory regions from the one that reaches below @end downward */
	struct mp_mb_node *mn = mp_mbs_find_lt(&mb->memory, end);

	for (; mn; mn = mn->prev) {
		const struct mp_mb_region *m = &mn->r;
		struct mp_mb_node *r;
		mp_u64 hi = mp_mbs_end(m);

		if (mp_mbs_end(m) <= start && size)
			break;
		if (skip_memory(mb, m))
			continue;
		/* free ranges inside m, descending; r walks the reserved list down */
		r = mp_mbs_find_lt(&mb->reserved, hi);
		while (hi > m->base) {
			mp_u64 fs, fe, cand;

			while (r && r->r.base >= hi)
				r = r->prev;
			if (r && mp_mbs_end(&r->r) > m->base && mp_mbs_end(&r->r) >= hi) {
				hi = r->r.base;
				r = r->prev;
				continue;
			}
			fs = r && mp_mbs_end(&r->r) > m->base ? mp_mbs_end(&r->r) : m->base;
			fe = hi;
			hi = r && mp_mbs_end(&r->r) > m->base ? r->r.base : m->base;
			fs = clamp(fs, start, end);
			fe = clamp(fe, start, end);
			if (fe < size)
				continue;
			cand = mp_round_down(fe - size, align);
			if (cand >= fs)
				return cand;
			if (fe <= start && size)
				break;
		}
	}
	return 0;
}

/* __memblock_find_range_bottom_up() over __next_mem_range() */
static mp_u64 find_bottom_up(struct mp_memblock *mb, mp_u64 start, mp_u64 end,
			     mp_u64 size, mp_u64 align)
{
	struct mp_mb_node *mn = first_overlap(&mb->memory, start);

	for (; mn; mn = mn->next) {
		const struct mp_mb_region *m = &mn->r;
		mp_u64 lo = m->base;

		if (m->base >= end)
			break;
		if (skip_memory(mb, m))
			continue;
		while (lo < mp_mbs_end(m)) {
			struct mp_mb_node *r = first_overlap(&mb->reserved, lo);
			mp_u64 fs, fe, cand;

			if (r && r->r.base <= lo) {
				lo = mp_mbs_end(&r->r);
				continue;
			}
			fs = lo;
			fe = r && r->r.base < mp_mbs_end(m) ? r->r.base : mp_mbs_end(m);
			lo = r && r->r.base < mp_mbs_end(m) ? mp_mbs_end(&r->r) : mp_mbs_end(m);
			fs = clamp(fs, start, end);
			fe = clamp(fe, start, end);
			/* round_up() wraps in the kernel: a candidate of 0 ends the search */
			cand = (fs + align - 1) & ~(align - 1);
			if (cand < fe && fe - cand >= size)
				return cand;
			if (fs >= end)
				return 0;
		}
	}
	return 0;
}

/*
 * memblock_find_in_range_node(): the kernel never returns page 0; @end of
 * ACCESSIBLE (0) means current_limit.
 */
mp_u64 mp_mb_find_in_range(struct mp_memblock *mb, mp_u64 size, mp_u64 align,
			   mp_u64 start, mp_u64 end)
{
	if (end == MP_ALLOC_ACCESSIBLE || end == 1)
		end = mb->current_limit;
	start = mp_max(start, mb->page_size);
	end = mp_max(start, end);
	if (!mp_is_pow2(align))
		return 0;
	if (mb->bottom_up)
		return find_bottom_up(mb, start, end, size, align);
	return find_top_down(mb, start, end, size, align);
}

/* memblock_phys_alloc_range() -> memblock_alloc_range_nid(), NUMA_NO_NODE */
mp_u64 mp_mb_phys_alloc_range(struct mp_memblock *mb, mp_u64 size, mp_u64 align,
			      mp_u64 start, mp_u64 end)
{
	mp_u64 a;

	if (!align)
		align = 64; /* SMP_CACHE_BYTES on arm64 (the kernel also dumps a stack) */
	a = mp_mb_find_in_range(mb, size, align, start, end);
	if (a && !mp_mb_reserve(mb, a, size))
		return a;
	return 0;
}

/*
 * @n times mp_mb_phys_alloc_range(mb, page, page, 0, MP_ALLOC_ACCESSIBLE), as
 * early_pgtable_alloc() and the memmap fallback call it.  One call per page
 * made a plan of a few TiB of RAM take seconds (17 million page-table pages
 * for 33 TiB mapped with pages), so after each page found the normal way the
 * pages the next calls would take are reserved at once: top-down, they are
 * the free pages right below it, down to the reserved region, the memory
 * region's base or page 0, whichever is highest.  The result is the same:
 * each of those pages would be inserted next to the one above and merged
 * with it, leaving the region count (so the array capacity) unchanged; the
 * run is only taken when the page found did not merge downwards, the array
 * has room for one more region (no memblock_double_array() in between) and
 * the search is top-down.  @fn gets each run (the lowest address and the
 * size) after the pages above it.  Returns the number of pages allocated.
 */
mp_u64 mp_mb_phys_alloc_pages(struct mp_memblock *mb, mp_u64 n,
			      void (*fn)(void *ctx, mp_u64 base, mp_u64 size), void *ctx)
{
	mp_u64 page = mb->page_size, done = 0;

	while (done < n) {
		mp_u64 a = mp_mb_phys_alloc_range(mb, page, page, 0, MP_ALLOC_ACCESSIBLE), k = 0;
		struct mp_mb_node *rn, *mn;

		if (!a)
			break;
		done++;
		rn = mp_mbs_find_le(&mb->reserved, a);
		mn = mp_mbs_find_le(&mb->memory, a);
		if (done < n && !mb->bottom_up && eff_cnt(mb, &mb->reserved) + 1 <= mb->reserved.max &&
		    rn && rn->r.base == a && mn && mp_mbs_end(&mn->r) > a && !skip_memory(mb, &mn->r)) {
			/* mp_mb_find_in_range() never returns page 0 */
			mp_u64 lo = mp_max(mn->r.base, page);

			if (rn->prev)
				lo = mp_max(lo, mp_mbs_end(&rn->prev->r));
			lo = mp_round_up(lo, page);
			if (a > lo)
				k = mp_min((a - lo) / page, n - done);
			if (k && reserve_calls(mb, a - k * page, k * page, k))
				k = 0;
		}
		fn(ctx, a - k * page, (k + 1) * page);
		done += k;
	}
	return done;
}

/* ---- capping (mem=, kdump kernels) -------------------------------------- */

void mp_mb_cap_memory_range(struct mp_memblock *mb, mp_u64 base, mp_u64 size)
{
	struct mp_mb_node *n, *nx;
	mp_u64 end;

	if (!size || !mb->memory.total_size)
		return;
	if (isolate(mb, &mb->memory, base, size, &end))
		return;
	for (n = mb->memory.head; n; n = nx) {
		nx = n->next;
		if ((n->r.base >= end || mp_mbs_end(&n->r) <= base) && !(n->r.flags & MP_MB_NOMAP))
			mp_mbs_erase(&mb->memory, n);
	}
	/* the kernel removes reserved above base + size unclamped: it may wrap */
	remove_range(mb, &mb->reserved, 0, base);
	remove_range(mb, &mb->reserved, base + size, MP_U64_MAX);
	mb->unmerged = true; /* the isolated NOMAP pieces stay split */
}

mp_u64 mp_mb_mem_limit_remove_map(struct mp_memblock *mb, mp_u64 limit)
{
	struct mp_mb_region r;
	mp_u64 max_addr = MP_U64_MAX;
	bool ok;

	if (!limit)
		return MP_U64_MAX;
	/* __find_max_addr(): translate a size into an address */
	for_each_mb_region(&mb->memory, r, ok) {
		if (limit <= r.size) {
			max_addr = r.base + limit;
			break;
		}
		limit -= r.size;
	}
	if (max_addr == MP_U64_MAX)
		return MP_U64_MAX;
	mp_mb_cap_memory_range(mb, 0, max_addr);
	return max_addr;
}

/* ---- queries ------------------------------------------------------------ */

mp_u64 mp_mb_start_of_dram(struct mp_memblock *mb)
{
	struct mp_mb_region r;

	return mp_mb_first(&mb->memory, &r) ? r.base : 0;
}

mp_u64 mp_mb_end_of_dram(struct mp_memblock *mb)
{
	struct mp_mb_region r;

	return mp_mb_last(&mb->memory, &r) ? mp_mbs_end(&r) : 0;
}

static bool overlaps(struct mp_mb_type *type, mp_u64 base, mp_u64 size)
{
	struct mp_mb_node *n;

	if (size > MP_U64_MAX - base)
		size = MP_U64_MAX - base;
	n = first_overlap(type, base);
	return n && n->r.base < base + size;
}

bool mp_mb_is_region_reserved(struct mp_memblock *mb, mp_u64 base, mp_u64 size)
{
	return overlaps(&mb->reserved, base, size);
}

bool mp_mb_overlaps_memory(struct mp_memblock *mb, mp_u64 base, mp_u64 size)
{
	return overlaps(&mb->memory, base, size);
}
