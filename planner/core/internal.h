/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * internal.h - declarations shared by the core's files, not part of the API.
 */
#ifndef MEMPLAN_INTERNAL_H
#define MEMPLAN_INTERNAL_H

#include "memplan.h"
#include "behaviour.h"

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
/**
 * mp_grow() - make an arena array hold at least @need elements
 * @arena: the arena
 * @array: the array (NULL when it has none yet)
 * @cap: its capacity in elements
 * @need: the elements it must hold
 * @elem: the size of one element
 *
 * The capacity doubles, starting at 8, until it holds @need; the new array is
 * 16-byte aligned, zeroed past the old contents, and the old copy stays
 * behind in the arena (the core never frees, see arena.c), so pointers into
 * the old array go stale.
 *
 * Return: 0, also when *@cap already holds @need, or -MP_ERR_NOSPACE when
 * the arena is full or the size would overflow; *@array and *@cap are then
 * unchanged.
 */
int mp_grow(struct mp_arena *arena, void **array, size_t *cap, size_t need, size_t elem);
/**
 * mp_strdup() - copy a string into an arena
 * @arena: the arena
 * @s: a NUL-terminated string
 *
 * Return: the copy, or NULL when the arena is full.
 */
char *mp_strdup(struct mp_arena *arena, const char *s);
/**
 * mp_aprintf() - format a string into an arena
 * @arena: the arena
 * @fmt: a format of mp_snprintf()'s conversions
 *
 * Return: the string, sized exactly, or NULL when @fmt has a conversion
 * mp_snprintf() does not know or the arena is full.
 */
char *mp_aprintf(struct mp_arena *arena, const char *fmt, ...)
	MP_PRINTF(2, 3);

/* json.c: writing to a caller's sink (struct mp_sink) */
/**
 * mp_sink_puts() - write a string to a sink
 * @sink: where the bytes go
 * @s: a NUL-terminated string; "" writes nothing (the sink is not called)
 */
void mp_sink_puts(const struct mp_sink *sink, const char *s);
/**
 * mp_sink_printf() - format into a sink
 * @sink: where the bytes go
 * @fmt: a format of mp_snprintf()'s conversions
 *
 * Formatted in a 160-byte buffer (a number, or one short object of
 * early_mm.c): longer output is cut to 159 bytes, and a format error or an
 * empty result writes nothing.
 */
void mp_sink_printf(const struct mp_sink *sink, const char *fmt, ...) MP_PRINTF(2, 3);

/* num.c: the kernel's number parsing (lib/kstrtox.c, lib/cmdline.c) */
/**
 * mp_simple_strtoull() - simple_strtoull(s, &end, 0), as for boot parameters
 * @s: the text
 * @end: set to the first byte not consumed (@s when no digit was)
 *
 * simple_strtoull() (lib/vsprintf.c) takes the base from the prefix with
 * _parse_integer_fixup_radix() (lib/kstrtox.c): "0x" followed by a hex digit is
 * 16, another leading 0 is 8, else 10.  No sign, no blanks; an overflow wraps
 * silently.
 *
 * Return: the value (0 when no digit was read).
 */
mp_u64 mp_simple_strtoull(const char *s, const char **end);
/**
 * mp_memparse() - memparse() (lib/cmdline.c): a number and an optional size suffix
 * @s: the text
 * @end: set to the first byte not consumed (past the suffix)
 *
 * mp_simple_strtoull() then one of K, M, G, T, P, E (either case), which
 * shifts the value by 10 to 60 bits without an overflow check, as the kernel.
 *
 * Return: the value in bytes.
 */
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
	mp_u64 array_base, array_size;	/* where memblock_double_array() put it; 0: static */
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
	/* the calls memblock=debug would log, once tracing is set (mp_mb_event) */
	bool tracing;
	struct mp_mb_event *events;
	size_t nr_events, cap_events;
};

#define MP_ALLOC_ANYWHERE MP_U64_MAX
#define MP_ALLOC_ACCESSIBLE 0ULL

/**
 * mp_mb_init() - an empty memblock, as the kernel's static initialiser leaves it
 * @mb: the model
 * @arena: where its regions live
 * @page_size: PAGE_SIZE
 * @memory_max: the capacity of the initial memory array
 *	(INIT_MEMBLOCK_MEMORY_REGIONS: 1024 on arm64)
 * @reserved_max: the capacity of the initial reserved array
 *	(INIT_MEMBLOCK_RESERVED_REGIONS)
 *
 * Top-down, current_limit MEMBLOCK_ALLOC_ANYWHERE, no resizing yet
 * (memblock_allow_resize() is the caller setting @mb->allow_resize), 24-byte
 * regions; the profile's behaviour flags (resize_panics, empty_cnt_is_one,
 * merge_all) start off for the caller to set.
 */
void mp_mb_init(struct mp_memblock *mb, struct mp_arena *arena, mp_u64 page_size,
		size_t memory_max, size_t reserved_max);
/**
 * mp_mb_add() - add a range to memblock.memory (memblock_add())
 * @mb: the model
 * @base: physical start
 * @size: length in bytes; cut at the top of the 64-bit space, 0 adds nothing
 *
 * memblock_add_range(): the parts not yet covered are inserted with no flags
 * and touching regions of equal flags merge around the new pieces (6.1's
 * merge of the whole array differs only once memblock_cap_memory_range()
 * left pieces unmerged).  When the array would overflow it grows first
 * (memblock_double_array(), which reserves the new array; 6.1 refuses and
 * 6.12 panics, @mb->panicked, before memblock_allow_resize()).
 *
 * Return: 0, or -MP_ERR_NOSPACE when the array cannot grow (where the kernel
 * returns -ENOMEM) or the arena is full (@mb->err set).
 */
int mp_mb_add(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
/**
 * mp_mb_reserve() - add a range to memblock.reserved (memblock_reserve())
 * @mb: the model
 * @base: physical start
 * @size: length in bytes; cut at the top of the 64-bit space, 0 reserves
 *	nothing
 *
 * The same memblock_add_range() as mp_mb_add(), on the reserved array.
 *
 * Return: 0, or -MP_ERR_NOSPACE when the array cannot grow (where the kernel
 * returns -ENOMEM) or the arena is full (@mb->err set).
 */
int mp_mb_reserve(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
/**
 * mp_mb_remove() - remove a range from memblock.memory (memblock_remove())
 * @mb: the model
 * @base: physical start
 * @size: length in bytes; cut at the top of the 64-bit space
 *
 * memblock_remove_range(): memblock_isolate_range() splits the regions that
 * straddle @base or the end (growing the array first when it lacks two free
 * slots, as the kernel does), then every region inside the range goes.
 *
 * Return: 0, or -MP_ERR_NOSPACE when the array cannot grow (where the kernel
 * returns -ENOMEM) or the arena is full.
 */
int mp_mb_remove(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
/**
 * mp_mb_phys_free() - give a range back to memblock (memblock_phys_free())
 * @mb: the model
 * @base: physical start
 * @size: length in bytes; cut at the top of the 64-bit space
 *
 * The same memblock_remove_range() as mp_mb_remove(), on memblock.reserved.
 *
 * Return: 0, or -MP_ERR_NOSPACE when the array cannot grow (where the kernel
 * returns -ENOMEM) or the arena is full.
 */
int mp_mb_phys_free(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
/**
 * mp_mb_mark_nomap() - set MEMBLOCK_NOMAP on memory (memblock_mark_nomap())
 * @mb: the model
 * @base: physical start
 * @size: length in bytes
 *
 * memblock_setclr_flag(): the memory regions are isolated at the range's
 * edges, those inside get the flag, touching equal neighbours merge.  Parts
 * of the range that are not memory are ignored.  NOMAP memory is neither
 * handed out by the allocator nor mapped by map_mem().
 *
 * Return: 0, or -MP_ERR_NOSPACE when the array cannot grow (where the kernel
 * returns -ENOMEM) or the arena is full.
 */
int mp_mb_mark_nomap(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
/**
 * mp_mb_clear_nomap() - clear MEMBLOCK_NOMAP on memory (memblock_clear_nomap())
 * @mb: the model
 * @base: physical start
 * @size: length in bytes
 *
 * memblock_setclr_flag() as in mp_mb_mark_nomap(), clearing the flag.
 *
 * Return: 0, or -MP_ERR_NOSPACE when the array cannot grow (where the kernel
 * returns -ENOMEM) or the arena is full.
 */
int mp_mb_clear_nomap(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
/**
 * mp_mb_mark_hotplug() - set MEMBLOCK_HOTPLUG on memory (memblock_mark_hotplug())
 * @mb: the model
 * @base: physical start
 * @size: length in bytes
 *
 * memblock_setclr_flag() as in mp_mb_mark_nomap().  With movable_node
 * (@mb->movable_node) the allocator skips hotpluggable memory.
 *
 * Return: 0, or -MP_ERR_NOSPACE when the array cannot grow (where the kernel
 * returns -ENOMEM) or the arena is full.
 */
int mp_mb_mark_hotplug(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
/**
 * mp_mb_find_in_range() - memblock_find_in_range_node(): free memory, not taken
 * @mb: the model
 * @size: bytes wanted
 * @align: a power of two; anything else finds nothing
 * @start: the lowest base allowed; raised to one page (never page 0)
 * @end: the end of the window; MP_ALLOC_ACCESSIBLE (0) or 1
 *	(MEMBLOCK_ALLOC_NOLEAKTRACE) mean @mb->current_limit
 *
 * Free memory is memblock.memory minus memblock.reserved, never spanning two
 * memory regions and skipping NOMAP and driver-managed memory (and
 * hotpluggable memory with movable_node), as should_skip_region() does.  The
 * search runs top-down (__memblock_find_range_top_down()), or bottom-up with
 * @mb->bottom_up.
 *
 * Return: the base found, or 0 when nothing fits.
 */
mp_u64 mp_mb_find_in_range(struct mp_memblock *mb, mp_u64 size, mp_u64 align,
			   mp_u64 start, mp_u64 end);
/**
 * mp_mb_phys_alloc_range() - find and reserve memory (memblock_phys_alloc_range())
 * @mb: the model
 * @size: bytes wanted
 * @align: a power of two, or 0 for SMP_CACHE_BYTES (64; the kernel also
 *	warns with a stack dump)
 * @start: the lowest base allowed
 * @end: the end of the window, as in mp_mb_find_in_range()
 *
 * memblock_alloc_range_nid() with NUMA_NO_NODE: mp_mb_find_in_range(), then
 * mp_mb_reserve() of what it found.
 *
 * Return: the base of the reserved range, or 0 when nothing fits or the
 * reservation fails.
 */
mp_u64 mp_mb_phys_alloc_range(struct mp_memblock *mb, mp_u64 size, mp_u64 align,
			      mp_u64 start, mp_u64 end);
/**
 * mp_mb_phys_alloc_pages() - allocate pages one at a time, as early_pgtable_alloc() does
 * @mb: the model
 * @n: the number of pages
 * @fn: called for each run taken as fn(@ctx, @base (its lowest address),
 *	@size (its length)), the pages above before those below
 * @ctx: passed to @fn
 *
 * @n times mp_mb_phys_alloc_range(mb, page, page, 0, MP_ALLOC_ACCESSIBLE), as
 * early_pgtable_alloc() and the memmap fallback call it, until one fails.
 * For speed (17 million page-table pages for 33 TiB mapped with pages), after
 * each page found the normal way the pages the next calls would take are
 * reserved at once: top-down, the free pages right below it down to the
 * reserved region, the memory region's base or page 0.  The result is the
 * same, since each would merge with the page above; the run is only taken
 * when the page found did not merge downwards, the array has room for one
 * more region and the search is top-down.
 *
 * Return: the number of pages allocated, less than @n when memory ran out.
 */
mp_u64 mp_mb_phys_alloc_pages(struct mp_memblock *mb, mp_u64 n,
			      void (*fn)(void *ctx, mp_u64 base, mp_u64 size), void *ctx);
/**
 * mp_mb_cap_memory_range() - keep only a range of memory (memblock_cap_memory_range())
 * @mb: the model
 * @base: physical start of the range kept
 * @size: its length; 0 does nothing
 *
 * For a kdump kernel's linux,usable-memory-range
 * (early_init_dt_check_for_usable_mem_range()), and for mem= through
 * mp_mb_mem_limit_remove_map(): memory outside the range goes, except NOMAP
 * regions, and so does every reservation outside it (above base + size
 * unclamped, as the kernel, so it may wrap).  Nothing happens with no memory,
 * or when isolating the range cannot grow the array.  The isolated NOMAP
 * pieces stay split (6.1 merges them at its next whole-array merge).
 */
void mp_mb_cap_memory_range(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
/**
 * mp_mb_mem_limit_remove_map() - mem=: memblock_mem_limit_remove_map()
 * @mb: the model
 * @limit: bytes of memory to keep, counted from the lowest region; 0 does
 *	nothing
 *
 * Keeps the first @limit bytes of memory: __find_max_addr() turns the size
 * into an address, then mp_mb_cap_memory_range(0, that address).  A limit
 * not below the total memory changes nothing.
 *
 * Return: the address memory was capped at, or MP_U64_MAX when nothing was cut.
 */
mp_u64 mp_mb_mem_limit_remove_map(struct mp_memblock *mb, mp_u64 limit);
/**
 * mp_mb_start_of_dram() - the lowest memory address (memblock_start_of_DRAM())
 * @mb: the model
 *
 * Return: the base of the lowest memory region, 0 when there is none.
 */
mp_u64 mp_mb_start_of_dram(struct mp_memblock *mb);
/**
 * mp_mb_end_of_dram() - the end of memory (memblock_end_of_DRAM())
 * @mb: the model
 *
 * Return: the end (exclusive) of the highest memory region, 0 when there is
 * none.
 */
mp_u64 mp_mb_end_of_dram(struct mp_memblock *mb);
/**
 * mp_mb_is_region_reserved() - memblock_is_region_reserved(): a range overlaps a reservation
 * @mb: the model
 * @base: physical start
 * @size: length in bytes; cut at the top of the 64-bit space
 *
 * Return: true when a region of memblock.reserved overlaps
 * [@base, @base + @size).
 */
bool mp_mb_is_region_reserved(struct mp_memblock *mb, mp_u64 base, mp_u64 size);
/**
 * mp_mb_overlaps_memory() - memblock_overlaps_region() on memblock.memory
 * @mb: the model
 * @base: physical start
 * @size: length in bytes; cut at the top of the 64-bit space
 *
 * early_init_dt_reserve_memory() asks this, with mp_mb_is_region_reserved(),
 * before marking a no-map region.
 *
 * Return: true when a region of memblock.memory overlaps
 * [@base, @base + @size).
 */
bool mp_mb_overlaps_memory(struct mp_memblock *mb, mp_u64 base, mp_u64 size);

/*
 * Region cursor: regions in ascending (next) or descending (prev) order, as
 * for_each_mem_region() walks them.  Each step is a search by key, not a
 * pointer, so the set may change in between.
 */
/**
 * mp_mb_first() - the lowest region of a type
 * @t: memblock.memory or memblock.reserved
 * @r: set to a copy of the region
 *
 * Return: true, or false (@r untouched) when the type has no region.
 */
bool mp_mb_first(struct mp_mb_type *t, struct mp_mb_region *r);
/**
 * mp_mb_last() - the highest region of a type
 * @t: memblock.memory or memblock.reserved
 * @r: set to a copy of the region
 *
 * Return: true, or false (@r untouched) when the type has no region.
 */
bool mp_mb_last(struct mp_mb_type *t, struct mp_mb_region *r);
/**
 * mp_mb_next() - the region after a base
 * @t: memblock.memory or memblock.reserved
 * @after_base: the base of the current region
 * @r: set to a copy of the region with the lowest base above @after_base
 *
 * Return: true, or false (@r untouched) when there is none.
 */
bool mp_mb_next(struct mp_mb_type *t, mp_u64 after_base, struct mp_mb_region *r);
/**
 * mp_mb_prev() - the region before a base
 * @t: memblock.memory or memblock.reserved
 * @before_base: the base of the current region
 * @r: set to a copy of the region with the highest base below @before_base
 *
 * Return: true, or false (@r untouched) when there is none.
 */
bool mp_mb_prev(struct mp_mb_type *t, mp_u64 before_base, struct mp_mb_region *r);
/**
 * mp_mb_containing() - the region that contains an address
 * @t: memblock.memory or memblock.reserved
 * @addr: the address
 * @r: set to a copy of the region
 *
 * Return: true, or false (@r untouched) when no region contains @addr.
 */
bool mp_mb_containing(struct mp_mb_type *t, mp_u64 addr, struct mp_mb_region *r);

#define for_each_mb_region(t, r, ok)                                          \
	for ((ok) = mp_mb_first((t), &(r)); (ok); (ok) = mp_mb_next((t), (r).base, &(r)))

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
	size_t cap_consumers;		/* plan->consumers */
	size_t rmem_first, rmem_n;	/* /reserved-memory children in plan->rmem */
	size_t rmem_count;		/* 6.12 total_reserved_mem_cnt */
	mp_u64 early_records, early_records_size;	/* memplan-6.12, until unflatten */
	bool dt_numa;		/* a node has numa-node-id (found while unflattening) */
	int rmem_node;
	bool rmem_root_ok, dyn_pending;
	unsigned int cma_areas_used;
};

/* efi.c: a UEFI boot (memplan_efi.h) */
/**
 * mp_efi_init() - efi_init(): memblock from the EFI memory map
 * @ctx: the run, with @ctx->in->efi; after the DT scan and parse_early_param()
 *
 * The config tables' reservations, reserve_regions() (every descriptor the
 * CPU can map cacheable is memory, nomap unless usable, ACPI reclaim memory
 * reserved), the kdump capture's usable range and the map's own pages.
 * Return: 0.
 */
int mp_efi_init(struct mp_ctx *ctx);
/**
 * mp_efi_placement() - the Image, initrd and DTB where the EFI stub left them
 * @ctx: the run, after mp_placement_default(); given placements are kept
 */
void mp_efi_placement(struct mp_ctx *ctx);
/**
 * mp_efi_kaslr() - the EFI stub's choice of the Image's place, and with KASLR
 *	the slots it may take and those under which the plan holds
 * @ctx: the run, at its end (every allocation made)
 */
void mp_efi_kaslr(struct mp_ctx *ctx);

/**
 * mp_linear_may_shift() - whether KASLR may lower memstart_addr
 * @ctx: the run, its command line scanned
 *
 * arm64_memblock_init() randomizes the linear map with RANDOMIZE_BASE when
 * kaslr_early_init() found a seed (/chosen kaslr-seed, which the EFI stub
 * fills from an EFI RNG, or the CPU's RNDR) and nokaslr is not given.
 *
 * Return: true when it may.
 */
bool mp_linear_may_shift(const struct mp_ctx *ctx);

/**
 * mp_consumers() - what each device's memory-region phandles get (consumers.c)
 * @ctx: the run, the reserved_mem[] records final
 *
 * Fills plan->consumers in DT order: one entry per phandle, with what
 * of_reserved_mem_device_init_by_idx() returns for it; logs the lines
 * of_dma_configure() prints for a restricted-dma-pool at probe, and says a
 * finding (rmem-consumer) on each consumer node that will not get its region.
 */
void mp_consumers(struct mp_ctx *ctx);
/**
 * mp_efi_acpi_tables() - whether the firmware publishes ACPI tables the kernel
 *	can use (an RSDP in the config tables, CONFIG_ACPI)
 * @in: the inputs
 *
 * Return: true when they do (memplan-6.12's acpi_may_be_used()).
 */
bool mp_efi_acpi_tables(const struct mp_input *in);
/**
 * mp_efi_acpi_boot() - acpi_boot_table_init()'s choice: ACPI rather than the DT
 * @ctx: the run, after the command-line scan
 *
 * Return: true for an ACPI boot.
 */
bool mp_efi_acpi_boot(const struct mp_ctx *ctx);

/* placement.c: the boot loader's Image/DTB placement, defaulted then checked */
/**
 * mp_placement_default() - where the boot loader put the Image, the initrd and the DTB
 * @ctx: the run; reads the inputs and the DT facts, fills the plan
 *
 * The caller's values where given; else the Image of Debian's 6.1.0-56 arm64
 * build (image_size 0x2010000) 2 MiB above the lowest DT memory base rounded
 * up to 2 MiB (QEMU's choice; 0x40000000 without memory nodes), marked
 * assumed, with section offsets scaled from that build's layout; the initrd
 * from /chosen; the DTB at the caller's base, else at the initrd's end
 * rounded up to 2 MiB, else 128 MiB above the RAM base.  Nothing is checked
 * here: mp_placement_check() does that.
 */
void mp_placement_default(struct mp_ctx *ctx);
/**
 * mp_placement_check() - refuse a placement the arm64 boot protocol forbids
 * @ctx: the run, after mp_placement_default() and with the plan's fdt_size
 *
 * The rules of booting.rst, which a boot loader obeys or the kernel never
 * boots: the Image's end must not wrap; a given Image base is 2 MiB aligned;
 * an Image whose base or size was given lies in the DT's memory nodes (when
 * there are any); a given DTB base is 8-byte aligned, the DTB's end does not
 * wrap, it lies in the DT's memory and is clear of a given Image.  The
 * default placement of the default-sized Image is not checked against memory.
 *
 * Return: 0, or the first fatal error, -MP_ERR_BADINPUT with the plan's error
 * naming the rule (mp_fail()).
 */
int mp_placement_check(struct mp_ctx *ctx);
/* zones.c */
/**
 * mp_zones() - arm64_dma_phys_limit and the zone spans (zone_sizes_init())
 * @ctx: the run, with memblock.memory final
 *
 * zone_sizes_init() and max_zone_phys() (arch/arm64/mm/init.c), then
 * free_area_init() (mm/page_alloc.c 6.1, mm/mm_init.c 6.12): ZONE_DMA's end
 * from the smaller of the DT's dma-ranges limit and the IORT's (mp_input.iort;
 * 6.1 through a bit count, zone_dma_bits; 6.12 exact, zone_dma_limit),
 * ZONE_DMA32 up to 4 GiB (6.1: all of DRAM when DRAM
 * starts above 4 GiB), each zone starting where the last ended.  Fills the
 * plan's dma_phys_limit, zone_dma_limit and zones[], logs each configured
 * zone's "Zone ranges" line and warns "zone-dma-empty".  Nothing happens with
 * no memory.  Called where bootmem_init() runs zone_sizes_init(), and for
 * memplan-6.12's early DMA limit (kernel-patches 0002).
 */
void mp_zones(struct mp_ctx *ctx);
/* crash.c: arm64's reserve_crashkernel() of the profile, below @low_max */
/**
 * mp_crash_reserve() - parse crashkernel= and reserve the crash kernel now
 * @ctx: the run
 * @low_max: CRASH_ADDR_LOW_MAX: arm64_dma_phys_limit at the time of the call
 *	(the PA limit for 6.1 without ZONE_DMA/DMA32)
 *
 * Without CONFIG_KEXEC_CORE / CRASH_RESERVE crashkernel= is ignored (warned
 * as "crash-no-config").  6.1 reserve_crashkernel() (arch/arm64/mm/init.c):
 * the size rounded to pages, one try below @low_max, below the PA limit with
 * ",high", or at the fixed base; no fallback, no default ",low".  6.12
 * reserve_crashkernel_generic() (kernel/crash_reserve.c): plain falls back
 * above @low_max with a 128 MiB low region, ",high" falls back below it, a
 * fixed base has no fallback.  A region at or above @low_max with a low size
 * gets its low region (reserve_crashkernel_low()); if that fails the high one
 * is freed again.  Records the plan's system_ram (memblock_phys_mem_size())
 * and crash result, the kernel's lines and "crash-failed" on failure.
 */
void mp_crash_reserve(struct mp_ctx *ctx, mp_u64 low_max);
/* cma.c: dma_contiguous_reserve(@limit), and CMA_MIN_ALIGNMENT_BYTES */
/**
 * mp_cma_reserve() - the default CMA area (dma_contiguous_reserve())
 * @ctx: the run
 * @limit: the highest end allowed, arm64_dma_phys_limit; a lower cma= limit
 *	wins, 0 or above the end of DRAM means the end of DRAM
 *
 * The size from cma= or the CMA_SIZE_SEL_* configuration, placed as
 * cma_declare_contiguous_nid() (mm/cma.c) does: exactly at BASE for
 * cma=SIZE@BASE, else bottom-up from 4 GiB first when DRAM reaches 4 GiB +
 * size, then top-down between BASE (0 without one) and @limit.  Nothing happens
 * without CONFIG_CMA / DMA_CMA, with a size of 0, or when a DT
 * "linux,cma-default" pool already is the default area.  A failure (no CMA slot
 * left, misaligned fixed base, over the limit, no room) is logged as the kernel
 * does, marked in the plan's cma and warned as "cma-failed".
 */
void mp_cma_reserve(struct mp_ctx *ctx, mp_u64 limit);
/**
 * mp_cma_min_align() - CMA_MIN_ALIGNMENT_BYTES (PAGE_SIZE << pageblock_order)
 * @ctx: the run (page size, HugeTLB/THP configuration, behaviour)
 *
 * pageblock_order is the PMD order when HugeTLB pages are configured (6.12:
 * or THP), capped at the largest buddy order, else that largest order (10,
 * 11 or 13 for 4K, 16K or 64K pages).
 *
 * Return: the alignment in bytes.
 */
mp_u64 mp_cma_min_align(struct mp_ctx *ctx);
/* lint.c */
/**
 * mp_lint_checks() - the findings about the DT that the boot does not report
 * @ctx: the run, at its end
 *
 * For every /reserved-memory region (not /memreserve/): outside or partly
 * outside RAM, a no-map carve-out in hotpluggable memory, no-map together
 * with reusable, a CMA pool not aligned to CMA_MIN_ALIGNMENT_BYTES, and
 * alloc-ranges of which none can hold the size.  Each is a plan diagnostic
 * with a stable code ("rmem-outside-ram", ...) that `memplan lint` collects.
 */
void mp_lint_checks(struct mp_ctx *ctx);
/* linmap.c */
/**
 * mp_linmap() - the linear map: map_mem() in paging_init()
 * @ctx: the run
 * @crash: the crash regions reserved before map_mem() and mapped on their
 *	own (6.1 without ZONE_DMA/DMA32, memplan-6.12), or NULL
 * @nr_crash: the number of @crash regions
 *
 * The KFENCE pool first (arm64_kfence_alloc_pool()), then the page granularity
 * (can_set_direct_map(): rodata=full, debug_pagealloc, KFENCE without an early
 * pool, 6.1 crashkernel= with DMA zones force pages), then the
 * __create_pgd_mapping() walk of every mapped memory range (6.12: rounded
 * inward to pages), the kernel text, the @crash regions and the KFENCE pool;
 * the plan's linmap gets the leaf ranges and the table page count, and the
 * table pages are allocated one page at a time, top-down
 * (early_pgtable_alloc()).  When the arena runs out, ctx->err is set and
 * nothing is recorded.
 */
void mp_linmap(struct mp_ctx *ctx, const struct mp_range *crash, size_t nr_crash);

/* record.c: what the phases record into the plan */
/**
 * mp_log() - add a line the kernel would print to the plan's log
 * @ctx: the run
 * @fmt: a format of mp_snprintf()'s conversions, without a newline
 *
 * When the arena is full the line is lost and ctx->err becomes
 * -MP_ERR_NOSPACE, unless a fatal error is recorded already.
 */
void mp_log(struct mp_ctx *ctx, const char *fmt, ...) MP_PRINTF(2, 3);
/**
 * mp_diag() - add a diagnostic to the plan
 * @ctx: the run
 * @sev: error, warning or note
 * @code: the stable code, e.g. "crash-no-fit"; kept by pointer
 * @path: the DT node it is about, or NULL; kept by pointer
 * @fmt: the message, a format of mp_snprintf()'s conversions
 *
 * When the arena is full the diagnostic is lost silently.
 */
void mp_diag(struct mp_ctx *ctx, enum mp_severity sev, const char *code, const char *path,
	     const char *fmt, ...) MP_PRINTF(5, 6);
/**
 * mp_fail() - record the run's fatal error
 * @ctx: the run
 * @err: a negative -MP_ERR_* code
 * @fmt: the plan's one-line error message, a format of mp_snprintf()'s
 *	conversions
 *
 * Only the first call counts: it sets ctx->err and the plan's error (the
 * message, or mp_strerror(@err) when the arena cannot hold it); later calls
 * change nothing.
 *
 * Return: the recorded error: @err, or the one an earlier call recorded.
 */
int mp_fail(struct mp_ctx *ctx, int err, const char *fmt, ...)
	MP_PRINTF(3, 4);
/**
 * mp_note_alloc() - label a range the boot reserved, for the writers
 * @ctx: the run
 * @base: physical start
 * @size: length in bytes
 * @kind: what kind of allocation it is
 * @what: its label; kept by pointer, and compared by pointer
 * @estimated: the size is memplan's estimate, not exact
 *
 * Appended to the plan's allocs; a range directly below the last entry with
 * the same @kind and @what extends that entry instead, so a top-down run of
 * page-table pages is one entry, not thousands.  When the arena is full the
 * label is lost silently.
 */
void mp_note_alloc(struct mp_ctx *ctx, mp_u64 base, mp_u64 size, enum mp_alloc_kind kind,
		   const char *what, bool estimated);
/**
 * mp_new_rmem() - append an empty reserved-memory record to the plan
 * @ctx: the run
 *
 * Growing the plan's rmem array moves it: rmem.c sizes it once for all the
 * nodes beforehand, as records point into it.
 *
 * Return: the zeroed record, or NULL after mp_fail(-MP_ERR_NOSPACE) when the
 * arena is full.
 */
struct mp_rmem *mp_new_rmem(struct mp_ctx *ctx);
/**
 * mp_forget_alloc() - drop the labels of memory given back
 * @ctx: the run
 * @base: physical start of the range given back
 * @size: its length
 * @what: only the labels of this name (compared by pointer), or NULL for all
 *
 * For memblock_phys_free(), or a no-map mark cleared: the labels that cover
 * [@base, @base + @size) are dropped or trimmed to the part outside it (the
 * lower part only, when a label sticks out on both sides).  With @what, a
 * cleared no-map mark frees nothing else.
 */
void mp_forget_alloc(struct mp_ctx *ctx, mp_u64 base, mp_u64 size, const char *what);

/**
 * mp_cap_memory() - memblock_cap_memory_range() and the labels it takes away
 * @ctx: the run
 * @base: the range kept
 * @size: its length (0: nothing happens)
 *
 * The kernel truncates memblock.reserved to the range too: what was reserved
 * outside it (the DTB, EFI tables above mem=, below a capture kernel's range)
 * is no longer reserved, and its labels go.
 */
void mp_cap_memory(struct mp_ctx *ctx, mp_u64 base, mp_u64 size);

/**
 * mp_inputs_record() - fill mp_plan.inputs, and say what was assumed about memory
 * @ctx: the run, after the DT scan and the default placement
 */
void mp_inputs_record(struct mp_ctx *ctx);

#endif /* MEMPLAN_INTERNAL_H */
