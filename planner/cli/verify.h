/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * verify.h - `memplan verify`: a plan against what a real kernel did.
 *
 * Three comparisons (docs/design.md §4, §5 item 2):
 *  1. kernel log: the plan's predicted lines of the `kernel_log` families vs the real
 *     log's lines of the same families, as sequences (longest common subsequence:
 *     matched / missing = predicted but not printed / unexpected = printed but not
 *     predicted).  Predicted lines of no family must each occur somewhere in the log.
 *  2. /proc/iomem "Crash kernel" ranges vs the plan's crash regions (as sets).
 *  3. every exact (not estimated) plan->allocs entry must be reserved in the real
 *     boot: memblock.reserved (final debugfs state, merged neighbours allowed), except
 *     what the kernel frees or never reserves after boot, checked in /proc/iomem:
 *     the initrd (free_initrd_mem), the kernel image (paging_init frees init_pg_dir;
 *     /proc/iomem Kernel code/data), static no-map regions (memblock_mark_nomap only:
 *     a top-level "reserved" resource).
 * With kernel_page_tables in the record also the linear map (ranges and levels), and
 * with early_mm.json (/sys/kernel/debug/arm64_early_mm of a memplan-6.12 kernel, kernel
 * patch 0006) the kernel's early decisions, read from its state, vs their prediction,
 * member by member.
 * The command is split by job over planner/cli/verify_*.c; verify_internal.h says
 * which file does what.
 */
#ifndef MEMPLAN_CLI_VERIFY_H
#define MEMPLAN_CLI_VERIFY_H

#include <stdbool.h>
#include <stdio.h>

#include "bootrec.h"
#include "memplan.h"

/* The kernel_log families of docs/design.md §4, plus VF_OTHER (predicted, no family). */
enum verify_family {
	VF_NONE = -1,
	VF_CRASH,	/* crashkernel reserved/low memory/reservation failed/crashkernel: */
	VF_CRASH_FAIL,	/* cannot allocate crashkernel[ low memory] */
	VF_RESMEM,	/* [software IO TLB: ]Reserved memory: ... (kernel/dma pools) */
	VF_OF_RMEM,	/* OF: reserved mem: ... (incl. OVERLAP, not enough space) */
	VF_OVERLAP,	/* "A (base--end) overlaps with B (base--end)" */
	VF_OF_FDT,	/* OF: fdt: Reserved memory: ... */
	VF_CMA,		/* cma: Reserved / cma: Failed */
	VF_ZONE,	/* "  DMA      [mem ...]", "  DMA32    empty", "  Normal ..." */
	/*
	 * a device's reserved-memory assignment at probe, "DEV: assigned reserved
	 * memory node R" or "DEV: failed to initialise "restricted-dma-pool"
	 * memory node": the log's "DRIVER " before DEV is dropped, and the lines
	 * are compared in any order (probe order follows driver registration)
	 */
	VF_DEVICE,
	VF_OTHER,	/* a predicted line outside the families: must occur in the log */
	VF_COUNT
};

/**
 * verify_family() - the kernel_log family of one log line
 * @line: the line, printk prefixes already stripped (may be NULL)
 *
 * Return: its family, or VF_NONE.
 */
enum verify_family verify_family(const char *line);

/**
 * verify_family_name() - the name reports give a family
 * @f: the family
 *
 * Return: a static string ("crashkernel", "of-rmem", ..., "none").
 */
const char *verify_family_name(enum verify_family f);

enum verify_op { VOP_MATCH, VOP_MISSING, VOP_UNEXPECTED };

struct verify_line {
	enum verify_op op;
	enum verify_family family;
	const char *text;	/* points into the plan or the log */
};

struct verify_range {
	enum verify_op op;	/* MATCH: covered/found; MISSING: not in the record;
				 * UNEXPECTED: in the record, not in the plan */
	mp_u64 start, end;	/* inclusive */
	const char *what;
	const char *where;	/* "memblock-reserved", "iomem", ... or a reason */
	mp_u64 first_gap;	/* first address not covered (claims, MISSING) */
};

/* One top-level member of the kernel's early decisions (early_mm.json) vs the prediction. */
enum verify_mstatus { VM_MATCH, VM_MISMATCH };

struct verify_member {
	enum verify_mstatus status;
	char *name;		/* "dma_limits", "loaded:crash_linear_map", ... (malloc'ed) */
	char *detail;		/* MISMATCH: the first difference (malloc'ed), or NULL */
};

/* One memblock call (or a folded run of them), planned and logged (verify_memblock.c). */
struct verify_mbcall {
	mp_u64 base, size, count;	/* count calls of size / count bytes, top-down */
	bool free;			/* memblock_phys_free() */
	enum verify_op op;		/* MATCH, or MISSING: the log differs here */
	const char *what;		/* the plan's label */
	char caller[64];		/* the log's: the function that allocated */
	bool has_got;
	struct {
		mp_u64 base, size, count;
		bool free;
		char caller[64];
	} got;				/* the log's call at the same position */
};

struct verify_result {
	struct verify_line *lines;
	size_t nr_lines, cap_lines;
	size_t matched, missing, unexpected;

	bool crash_checked;	/* an iomem was given */
	struct verify_range *crash;
	size_t nr_crash, cap_crash;

	bool claims_checked;	/* memblock-reserved was given */
	struct verify_range *claims;
	size_t nr_claims, cap_claims;

	bool linmap_checked;	/* kernel_page_tables was given */
	struct verify_range *linmap;	/* what = the mapping level */
	size_t nr_linmap, cap_linmap;

	/* kernel_page_tables.loaded: the linear map with a capture kernel loaded */
	bool loaded_checked;
	struct verify_range *loaded;
	size_t nr_loaded, cap_loaded;

	/* swiotlb-pools: the restricted DMA pools devices were given, vs the consumers */
	bool pools_checked;
	struct verify_range *pools;	/* what = the pool's name, start/end its range */
	size_t nr_pools, cap_pools;

	bool kplan_checked;	/* early_mm.json was given */
	struct verify_member *kplan;	/* the kernel's early decisions, member by member */
	size_t nr_kplan, cap_kplan;

	/* memblock=debug in the log: the plan's memblock calls vs the logged ones */
	bool mblog_checked;
	struct verify_mbcall *mblog;	/* up to and including the first difference */
	size_t nr_mblog, cap_mblog;
	size_t mblog_logged;		/* folded calls in the log */
	size_t mblog_uncompared;	/* the plan's calls after the first difference */

	char derived[6][256];	/* "--fdt-base 0x... (why)" lines */
	size_t nr_derived;
};

/**
 * verify_compare_log() - the predicted kernel lines vs a real log
 * @pred: the plan's predicted lines (plan->log)
 * @nr_pred: their number
 * @log: the real log (may be NULL: nothing printed)
 * @res: gets one line per matched, missing or unexpected line
 *
 * Lines of the families are diffed in order (longest common subsequence); a
 * predicted line of no family must occur somewhere in @log.
 *
 * Return: 0, or -1 when out of memory.
 */
int verify_compare_log(const char *const *pred, size_t nr_pred, const struct bootrec_log *log,
		       struct verify_result *res);
/**
 * verify_compare_pools() - the restricted DMA pools set up at probe vs the consumers'
 * @plan: the plan (plan->consumers: the assigned restricted-dma-pools)
 * @pools: the record's swiotlb-pools (the default "swiotlb" pool is skipped)
 * @res: gets one range per planned or present pool, matched (same name and
 *	io_tlb_nslabs = size >> 11) or not
 *
 * rmem_swiotlb_device_init() sets a pool up, with its debugfs directory, for
 * the first device assigned to it.
 *
 * Return: 0, or -1 when out of memory.
 */
int verify_compare_pools(const struct mp_plan *plan, const struct bootrec_pools *pools,
			 struct verify_result *res);
/**
 * verify_compare_crash() - the "Crash kernel" resources of /proc/iomem vs the plan's
 * @plan: the plan
 * @io: /proc/iomem of the boot (may be NULL)
 * @res: gets one range per planned or present region, matched or not
 *
 * Return: 0, or -1 when out of memory.
 */
int verify_compare_crash(const struct mp_plan *plan, const struct bootrec_iomem *io,
			 struct verify_result *res);
/**
 * verify_compare_memblock() - the plan's memblock calls vs a memblock=debug log
 * @plan: the plan (plan->mb_events)
 * @log: the boot's kernel lines (may be NULL)
 * @res: gets the calls compared, up to the first difference
 *
 * Nothing is compared (res->mblog_checked stays false) when the log has no
 * memblock=debug line.
 *
 * Return: 0, or -1 when out of memory.
 */
int verify_compare_memblock(const struct mp_plan *plan, const struct bootrec_log *log,
			    struct verify_result *res);
/**
 * verify_check_claims() - every exact allocation of the plan vs the record
 * @plan: the plan
 * @reserved: memblock.reserved (debugfs) of the boot
 * @memory: memblock.memory (may be NULL)
 * @io: /proc/iomem (may be NULL)
 * @res: gets one range per exact allocation, covered or not
 *
 * Return: 0, or -1 when out of memory.
 */
int verify_check_claims(const struct mp_plan *plan, const struct bootrec_memblock *reserved,
			const struct bootrec_memblock *memory, const struct bootrec_iomem *io,
			struct verify_result *res);
/**
 * verify_compare_linmap() - the plan's linear map vs the real one
 * @plan: the plan
 * @real: the real runs (physical, from /sys/kernel/debug/kernel_page_tables)
 * @nr_real: their number
 * @res: gets one range per run: equal ranges of equal level match
 *
 * Return: 0, or -1 when out of memory.
 */
int verify_compare_linmap(const struct mp_plan *plan, const struct mp_map_range *real,
			  size_t nr_real, struct verify_result *res);
/**
 * verify_compare_loaded_linmap() - the linear map with a capture kernel loaded
 * @plan: the plan (shrunk by mp_crash_shrink() when the boot shrank the region)
 * @real: the real runs, from kernel_page_tables.loaded
 * @nr_real: their number
 * @freed: crash memory a shrink gave back before the load (may be NULL)
 * @nr_freed: their number, 0 without a shrink
 * @res: gets one range per run
 *
 * The prediction is the core's mp_linmap_loaded(): the plan's runs without the
 * protected crash region(s), @freed mapped with pages.
 *
 * Return: 0, or -1 when out of memory.
 */
int verify_compare_loaded_linmap(const struct mp_plan *plan, const struct mp_map_range *real,
				 size_t nr_real, const struct mp_range *freed, size_t nr_freed,
				 struct verify_result *res);
/* When the kernel's early decisions were read (scripts/qemu-boot's file names) */
enum verify_early_mm_when {
	EARLY_MM_BOOT,		/* early_mm.json */
	EARLY_MM_SHRUNK,	/* early_mm.shrunk.json: after a kexec_crash_size shrink */
	EARLY_MM_LOADED,	/* early_mm.loaded.json: a capture kernel loaded */
};
/**
 * verify_compare_early_mm() - a memplan-6.12 kernel's early decisions vs the prediction
 * @plan: the plan as it stands at @when (shrunk regions, their re-mapped linear map)
 * @when: when the file was read
 * @json: /sys/kernel/debug/arm64_early_mm (schema arm64-early-mm/1)
 * @len: its bytes
 * @res: gets one member each, named NAME at boot, "shrunk:NAME" and "loaded:NAME" later
 * @err: why @json is not such a document
 * @errlen: bytes at @err
 *
 * Against the core's mp_write_early_mm_json() of @plan, top-level member by member.
 *
 * Return: 0, -1 (out of memory), or -2 when @json is not such a document.
 */
int verify_compare_early_mm(const struct mp_plan *plan, enum verify_early_mm_when when,
			    const char *json, size_t len, struct verify_result *res, char *err,
			    size_t errlen);
/**
 * verify_ok() - whether a result is a full match
 * @res: the result
 *
 * Return: true when no line is missing or unexpected, the crash ranges and every
 * claim are found, and the linear map (also with the capture kernel loaded) and
 * the kernel's early decisions are equal.
 */
bool verify_ok(const struct verify_result *res);

/**
 * verify_result_free() - free what a result holds and clear it
 * @res: the result (may be NULL)
 */
void verify_result_free(struct verify_result *res);

/**
 * verify_write_text() - the report for people, ending with "summary: ...: MATCH|MISMATCH"
 * @f: where it goes
 * @res: the result
 * @source: what was compared (the report's first line)
 */
void verify_write_text(FILE *f, const struct verify_result *res, const char *source);

/**
 * verify_write_json() - the report as JSON, schema "memplan-verify/1"
 * @f: where it goes
 * @res: the result
 * @source: what was compared
 */
void verify_write_json(FILE *f, const struct verify_result *res, const char *source);

/**
 * cli_verify_main() - the `memplan verify` command
 * @argc: the number of arguments
 * @argv: the arguments, argv[0] being "verify"
 *
 * Return: the exit status: 0 everything matched, 1 a mismatch, 2 bad input or usage.
 */
int cli_verify_main(int argc, char **argv);

#endif /* MEMPLAN_CLI_VERIFY_H */
