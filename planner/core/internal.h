/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * internal.h - declarations shared by the core's files, not part of the API.
 */
#ifndef MEMPLAN_INTERNAL_H
#define MEMPLAN_INTERNAL_H

#include "memplan.h"

#define MP_SZ_K 0x400ULL
#define MP_SZ_M 0x100000ULL
#define MP_SZ_G 0x40000000ULL

static inline mp_u64 mp_round_down(mp_u64 x, mp_u64 a)
{
	return x & ~(a - 1);
}

/* round_up(x, a) with a power of two; saturates instead of wrapping */
static inline mp_u64 mp_round_up(mp_u64 x, mp_u64 a)
{
	if (x > MP_U64_MAX - (a - 1))
		return mp_round_down(MP_U64_MAX, a);
	return (x + a - 1) & ~(a - 1);
}

static inline bool mp_is_pow2(mp_u64 x)
{
	return x && !(x & (x - 1));
}

static inline mp_u64 mp_min(mp_u64 a, mp_u64 b)
{
	return a < b ? a : b;
}

static inline mp_u64 mp_max(mp_u64 a, mp_u64 b)
{
	return a > b ? a : b;
}

/*
 * [a, a + as) and [b, b + bs) share a byte; sizes may reach the top of the
 * space (inclusive ends do not overflow), an empty range meets nothing
 */
static inline bool mp_overlaps(mp_u64 a, mp_u64 as, mp_u64 b, mp_u64 bs)
{
	return as && bs && a <= b + (bs - 1) && b <= a + (as - 1);
}

/* fls64(): 1-based index of the highest set bit, 0 for 0 */
static inline unsigned int mp_fls64(mp_u64 x)
{
	return x ? 64 - (unsigned int)__builtin_clzll(x) : 0;
}

/* arena.c */
int mp_grow(struct mp_arena *arena, void **array, size_t *cap, size_t need, size_t elem);
char *mp_strdup(struct mp_arena *arena, const char *s);
char *mp_aprintf(struct mp_arena *arena, const char *fmt, ...)
	MP_PRINTF(2, 3);

/* json.c: writing to a caller's sink (struct mp_sink) */
void mp_sink_puts(const struct mp_sink *sink, const char *s);
void mp_sink_printf(const struct mp_sink *sink, const char *fmt, ...) MP_PRINTF(2, 3);

/* num.c: the kernel's number parsing (lib/kstrtox.c, lib/cmdline.c) */
mp_u64 mp_simple_strtoull(const char *s, const char **end);
mp_u64 mp_memparse(const char *s, const char **end);

/* ------------------------------------------------------------------ */
/* memblock.c: the memblock model (mm/memblock.c)                      */

struct mp_mb_region {
	mp_u64 base, size;
	unsigned int flags;
};

struct mp_mb_node;

struct mp_mb_type {
	struct mp_mb_node *root;
	struct mp_mb_node *head, *tail;	/* lowest and highest region */
	struct mp_mb_node *finger;	/* where the last list search ended */
	bool tree;			/* root is maintained (many regions) */
	struct mp_mb_node *free_nodes;
	size_t cnt;		/* regions */
	size_t max;		/* the kernel array's capacity */
	mp_u64 total_size;
	const char *name;
};

struct mp_memblock {
	struct mp_mb_type memory, reserved;
	bool bottom_up;
	mp_u64 current_limit;
	mp_u64 page_size;
	bool allow_resize;
	bool resize_panics;	/* V6.12: memblock_double_array() panics early */
	bool empty_cnt_is_one;	/* V6.1: an empty array still counts one dummy */
	bool movable_node;
	bool merge_all;		/* V6.1: memblock_merge_regions() walks the whole array */
	bool unmerged;		/* cap_memory_range() left touching pieces unmerged */
	bool panicked;		/* "memblock: cannot resize %s array" */
	int err;		/* -MP_ERR_NOSPACE once the arena ran out */
	mp_u32 seed;
	size_t region_bytes;	/* sizeof(struct memblock_region) */
	struct mp_arena *arena;
	/* resize bookkeeping: each doubling reserves a new array */
	void (*on_resize)(void *ctx, struct mp_mb_type *type, mp_u64 addr, mp_u64 size);
	void *on_resize_ctx;
};

#define MP_ALLOC_ANYWHERE MP_U64_MAX
#define MP_ALLOC_ACCESSIBLE 0ULL

void mp_mb_init(struct mp_memblock *mb, struct mp_arena *arena, mp_u64 page_size,
		size_t memory_max, size_t reserved_max);
int mp_mb_add(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
int mp_mb_reserve(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
int mp_mb_remove(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
int mp_mb_phys_free(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
int mp_mb_mark_nomap(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
int mp_mb_clear_nomap(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
int mp_mb_mark_hotplug(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
mp_u64 mp_mb_find_in_range(struct mp_memblock *mb, mp_u64 size, mp_u64 align,
			   mp_u64 start, mp_u64 end);
mp_u64 mp_mb_phys_alloc_range(struct mp_memblock *mb, mp_u64 size, mp_u64 align,
			      mp_u64 start, mp_u64 end);
mp_u64 mp_mb_phys_alloc_pages(struct mp_memblock *mb, mp_u64 n,
			      void (*fn)(void *ctx, mp_u64 base, mp_u64 size), void *ctx);
void mp_mb_cap_memory_range(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
void mp_mb_mem_limit_remove_map(struct mp_memblock *mb, mp_u64 limit);
mp_u64 mp_mb_start_of_dram(struct mp_memblock *mb);
mp_u64 mp_mb_end_of_dram(struct mp_memblock *mb);
bool mp_mb_is_region_reserved(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
bool mp_mb_overlaps_memory(struct mp_memblock *mb, mp_u64 base, mp_u64 size);

/*
 * Region cursor: regions in ascending (next) or descending (prev) order.
 * Each step is a tree search by key, so the tree may change in between.
 */
bool mp_mb_first(struct mp_mb_type *t, struct mp_mb_region *r);
bool mp_mb_last(struct mp_mb_type *t, struct mp_mb_region *r);
bool mp_mb_next(struct mp_mb_type *t, mp_u64 after_base, struct mp_mb_region *r);
bool mp_mb_prev(struct mp_mb_type *t, mp_u64 before_base, struct mp_mb_region *r);
/* the region containing @addr, if any */
bool mp_mb_containing(struct mp_mb_type *t, mp_u64 addr, struct mp_mb_region *r);

#define for_each_mb_region(t, r, ok)                                          \
	for ((ok) = mp_mb_first((t), &(r)); (ok); (ok) = mp_mb_next((t), (r).base, &(r)))

/* ------------------------------------------------------------------ */
/* behaviour.c: what differs between the kernels of the profiles       */

/*
 * One named flag per behaviour that changed between the kernels modelled,
 * filled once per profile by mp_behaviour_of().  The comment names the
 * kernel function and the release where the 6.12 behaviour appeared.
 */
struct mp_behaviour {
	/* memblock_double_array() panics when it cannot grow (6.1: fails softly) */
	bool mb_resize_panics;
	/* 6.1: an empty memblock type counts one dummy region */
	bool mb_empty_cnt_is_one;
	/* 6.1: memblock_merge_regions() walks the whole array (later: a window) */
	bool mb_merge_all;
	/* 6.1: arm64_memblock_init() and map_mem() start the kernel at _stext; _text since 6.12.54 */
	bool kernel_from_stext;
	/* 6.1: paging_init() maps the kernel and the idmap with early-allocated tables */
	bool paging_init_early_tables;
	/* reserve_crashkernel_generic() (arm64 since 6.7) instead of arm64's own */
	bool crash_generic;
	/* the option without which crashkernel= is ignored (CRASH_RESERVE since 6.9) */
	const char *crash_config;
	/* ",high" without ",low" gets DEFAULT_CRASH_KERNEL_LOW_SIZE, 128 MiB (6.2+) */
	bool crash_low_default;
	/* crashkernel=SIZE,cma is a token of its own (6.16) */
	bool crash_suffix_cma;
	/* parse_crashkernel_mem()'s message for a range without a size (6.1: no "crashkernel: ") */
	const char *crash_range_size_msg;
	/* parse_crashkernel_simple()'s message for "@" without a number (6.12 spells it "crahskernel") */
	const char *crash_at_msg;
	/* 6.1: without ZONE_DMA/DMA32 the crash kernel is reserved in arm64_memblock_init() */
	bool crash_early_without_dma_zones;
	/* memplan 0002: the DMA limit from the flattened DT, crash reserved in arm64_memblock_init() */
	bool crash_early_from_fdt_dma;
	/* 5.11-6.3: crashkernel= with ZONE_DMA/DMA32 maps all RAM with pages (dropped in 6.4) */
	bool crash_forces_page_linear_map;
	/* 6.1: map_mem() maps an early-reserved crash region with pages only (dropped in 6.4) */
	bool crash_mapped_with_pages;
	/* memplan 0003/0004: the crash region mapped on its own and protected after kexec -p */
	bool crash_protected;
	/* 6.12: map_mem() rounds each memblock range inward to pages */
	bool map_mem_rounds_to_pages;
	/* 6.1: ZONE_DMA's end from a bit count (zone_dma_bits); 6.12 (zone_dma_limit) is exact */
	bool zone_dma_from_bits;
	/*
	 * 6.1: fdt_init_reserved_mem() sorts every record, then allocates the
	 * dynamic ones and inits drivers in sorted order; 6.12's reworked
	 * of_reserved_mem.c allocates in DT order and records static regions
	 * only at unflatten time (fdt_scan_reserved_mem_reg_nodes())
	 */
	bool rmem_sorted_init;
	/* the pr_fmt of the reserved-memory messages: 6.1 "OF: fdt: " (fdt.c) */
	const char *rmem_log_prefix;
	/* "OF: reserved mem: BASE..END (N KiB) nomap ..." for each region (not in 6.1) */
	bool rmem_log_each;
	/* alloc-ranges go through early_init_dt_alloc_reserved_memory_arch()'s range search */
	bool rmem_alloc_ranges_by_arch;
	/* __rmem_cmp(): records of equal base and size keep DT order (not in 6.1) */
	bool rmem_sort_ties_by_fdt;
	/* memplan 0005: dynamic reserved_mem records in memblock memory, no limit of 64 */
	bool rmem_dynamic_unlimited;
	/* pageblock_order follows THP as well as HugeTLB (not in 6.1): CMA alignment */
	bool cma_thp_pageblock;
	/* "cma: Reserved N MiB at ADDR on node -1" (6.1 prints no node) */
	bool cma_log_node;
};

int mp_behaviour_of(enum mp_profile profile, struct mp_behaviour *b);

/* DEFAULT_CRASH_KERNEL_LOW_SIZE: the ,low of a ,high without one (crash_low_default) */
#define MP_CRASH_LOW_DEFAULT (128 * MP_SZ_M)

/* ------------------------------------------------------------------ */
/* The planning context, one per mp_plan_build() call.                  */

struct mp_dt_facts;
struct mp_rmem_props;

struct mp_ctx {
	const struct mp_input *in;
	struct mp_plan *plan;
	struct mp_arena *arena;
	struct mp_memblock mb;
	struct mp_dt_facts *dt;
	struct mp_cmdline_facts *cl;
	int err;		/* first fatal error */
	mp_u64 page_size;
	struct mp_behaviour b;	/* the profile's behaviour flags */

	/* reserved-memory bookkeeping (rmem.c) */
	struct mp_rmem_props *rmem_props;	/* per /reserved-memory child */
	struct mp_rmem **records;	/* the kernel's reserved_mem[] */
	size_t nr_records, cap_records;
	size_t rmem_first, rmem_n;	/* /reserved-memory children in plan->rmem */
	size_t rmem_count;		/* 6.12 total_reserved_mem_cnt */
	mp_u64 early_records, early_records_size;	/* memplan-6.12, until unflatten */
	int rmem_node;
	bool rmem_root_ok, dyn_pending;
	unsigned int cma_areas_used;
};

/* placement.c: the boot loader's Image/DTB placement, defaulted then checked */
void mp_placement_default(struct mp_ctx *ctx);
int mp_placement_check(struct mp_ctx *ctx);
/* zones.c */
void mp_zones(struct mp_ctx *ctx);
/* crash.c: arm64's reserve_crashkernel() of the profile, below @low_max */
void mp_crash_reserve(struct mp_ctx *ctx, mp_u64 low_max);
/* cma.c: dma_contiguous_reserve(@limit), and CMA_MIN_ALIGNMENT_BYTES */
void mp_cma_reserve(struct mp_ctx *ctx, mp_u64 limit);
mp_u64 mp_cma_min_align(struct mp_ctx *ctx);
/* lint.c */
void mp_lint_checks(struct mp_ctx *ctx);
/* linmap.c */
void mp_linmap(struct mp_ctx *ctx, const struct mp_range *crash, size_t nr_crash);

/* record.c: what the phases record into the plan */
void mp_log(struct mp_ctx *ctx, const char *fmt, ...) MP_PRINTF(2, 3);
void mp_diag(struct mp_ctx *ctx, enum mp_severity sev, const char *code, const char *path,
	     const char *fmt, ...) MP_PRINTF(5, 6);
int mp_fail(struct mp_ctx *ctx, int err, const char *fmt, ...)
	MP_PRINTF(3, 4);
void mp_note_alloc(struct mp_ctx *ctx, mp_u64 base, mp_u64 size, enum mp_alloc_kind kind,
		   const char *what, bool estimated);
struct mp_rmem *mp_new_rmem(struct mp_ctx *ctx);
void mp_forget_alloc(struct mp_ctx *ctx, mp_u64 base, mp_u64 size, const char *what);

#endif /* MEMPLAN_INTERNAL_H */
