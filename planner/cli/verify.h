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
	VF_OTHER,	/* a predicted line outside the families: must occur in the log */
	VF_COUNT
};

/* The family of one log line (prefixes already stripped), or VF_NONE. */
enum verify_family verify_family(const char *line);
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

	bool kplan_checked;	/* early_mm.json was given */
	struct verify_member *kplan;	/* the kernel's early decisions, member by member */
	size_t nr_kplan, cap_kplan;

	char derived[4][256];	/* "--fdt-base 0x... (why)" lines */
	size_t nr_derived;
};

/* Compare the predicted lines with LOG's lines; appends to RES. Return 0 or -1 (ENOMEM). */
int verify_compare_log(const char *const *pred, size_t nr_pred, const struct bootrec_log *log,
		       struct verify_result *res);
/* The "Crash kernel" resources of IO vs PLAN's crash regions. */
int verify_compare_crash(const struct mp_plan *plan, const struct bootrec_iomem *io,
			 struct verify_result *res);
/*
 * Every exact allocation of PLAN vs the record: RESERVED (memblock debugfs), MEMORY
 * (memblock.memory, may be NULL) and IO (/proc/iomem, may be NULL).
 */
int verify_check_claims(const struct mp_plan *plan, const struct bootrec_memblock *reserved,
			const struct bootrec_memblock *memory, const struct bootrec_iomem *io,
			struct verify_result *res);
/*
 * The plan's linear-map ranges vs the real ones (@real, @nr_real, physical,
 * from /sys/kernel/debug/kernel_page_tables): equal ranges of equal level match.
 */
int verify_compare_linmap(const struct mp_plan *plan, const struct mp_map_range *real,
			  size_t nr_real, struct verify_result *res);
/*
 * The same with a capture kernel loaded (@real from kernel_page_tables.loaded): the
 * plan's ranges without the crash region(s) when the plan says they are protected
 * (linmap.crash_protected), else unchanged.  @freed (@nr_freed, may be 0): crash
 * memory given back by a shrink before the load, expected mapped with pages.
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
/*
 * The kernel's early decisions @json (@len bytes: /sys/kernel/debug/arm64_early_mm of
 * a memplan-6.12 kernel, schema arm64-early-mm/1, read at @when) vs PLAN's prediction
 * of that file (the core's mp_write_early_mm_json()), top-level member by member; the
 * members are named NAME at boot, "shrunk:NAME" and "loaded:NAME" later.  PLAN is
 * the plan as it stands at @when (shrunk regions, their re-mapped linear map).
 * Return 0, -1 (out of memory), or -2 when @json is not such a document (@err says why).
 */
int verify_compare_early_mm(const struct mp_plan *plan, enum verify_early_mm_when when,
			    const char *json, size_t len, struct verify_result *res, char *err,
			    size_t errlen);
/*
 * A full match: no missing/unexpected line, crash ranges and every claim found, the
 * linear map (also with the capture kernel loaded) and the kernel's early decisions equal.
 */
bool verify_ok(const struct verify_result *res);
void verify_result_free(struct verify_result *res);

void verify_write_text(FILE *f, const struct verify_result *res, const char *source);
void verify_write_json(FILE *f, const struct verify_result *res, const char *source);

/* `memplan verify ARGS`: argv[0] is "verify".  Returns the exit status. */
int cli_verify_main(int argc, char **argv);

#endif /* MEMPLAN_CLI_VERIFY_H */
