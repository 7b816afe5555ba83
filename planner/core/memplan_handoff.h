/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * memplan_handoff.h - the planner core's API for hand-offs: the DT the next
 * boot stage receives (Xen's dom0, a kdump capture kernel), built from a plan
 * and checked so that no reserved range reaches that stage as plain memory.
 * The functions return findings (struct mp_ho_finding); they never print.
 * DTs are built in the caller's arena.
 */
#ifndef MEMPLAN_HANDOFF_H
#define MEMPLAN_HANDOFF_H

#include "memplan.h"

enum mp_ho_kind {
	MP_HO_PINNED,		/* @r pinned as static reg at [@base, +@size) */
	MP_HO_LEFT_DYNAMIC,	/* dom0: @r's alloc-ranges miss dom0's RAM and the host
				 * plan gives it no address: left dynamic */
	MP_HO_VIOLATION,	/* dom0 check: @message */
	MP_HO_FLAGGED,		/* kexec: @r is allocated inside the crash region */
	MP_HO_NOT_PINNED,	/* kexec fix: @r would be, and has no first-kernel address */
	MP_HO_CRASH_CONFLICT,	/* dom0's crash kernel lands on host region @r */
	MP_HO_CMA_CONFLICT,	/* dom0's CMA area lands on host region @r */
	MP_HO_EATEN,		/* capture kernel: @r allocated inside the crash region */
	MP_HO_EATEN_FREED,	/* ... and freed again (its driver rejected it) */
};

struct mp_ho_finding {
	enum mp_ho_kind kind;
	const struct mp_rmem *r;	/* the region, or NULL */
	mp_u64 base, size;		/* where it is (or is pinned) */
	const char *message;		/* MP_HO_VIOLATION: what is wrong */
};

/* findings in order, grown in @arena */
struct mp_ho_findings {
	struct mp_ho_finding *f;
	size_t nr, cap;
	struct mp_arena *arena;
};

/* where building a hand-off DT failed */
enum mp_ho_step { MP_HO_OK, MP_HO_OPEN, MP_HO_PIN, MP_HO_BUILD };

struct mp_ho_result {
	void *fdt;		/* the DT built, packed, in the arena */
	enum mp_ho_step step;	/* MP_HO_OK, or the step that failed */
	int fdt_err;		/* libfdt's error there (MP_HO_PIN, MP_HO_BUILD) */
	const char *path;	/* MP_HO_PIN: the region that could not be pinned */
};

/**
 * mp_crash_ranges() - the crash kernel's regions
 * @c: the plan's crash kernel
 * @out: the low region first (when present), then the high one
 *
 * Return: how many (0 to 2).
 */
size_t mp_crash_ranges(const struct mp_crash *c, struct mp_range out[2]);

/**
 * mp_ho_outside_ram() - the first dom0 range that is not host RAM
 * @host: the host plan
 * @dom0: dom0's RAM ranges
 * @n: how many
 *
 * Xen (xen/arch/arm/domain_build.c, allocate_memory()) gives dom0 host RAM;
 * a range is inside when the host's banks, merged, cover it.
 *
 * Return: the index of the first range outside, or -1.
 */
int mp_ho_outside_ram(const struct mp_plan *host, const struct mp_range *dom0, size_t n);

/**
 * mp_ho_build_dom0() - the DT Xen hands dom0
 * @host: the host plan (dynamic regions' addresses)
 * @host_fdt: the DT it was planned from
 * @dom0: dom0's RAM, sorted and disjoint
 * @n: how many ranges
 * @bootargs: dom0's /chosen/bootargs (Xen: xen,dom0-bootargs), or NULL
 * @legacy: Xen's historic construction (before the /reserved-memory
 *	support of xen/arch/arm/domain_build.c): reserved regions appended to
 *	the memory node as RAM, /reserved-memory dropped
 * @arena: where the DT and the findings go
 * @fi: MP_HO_PINNED for each dynamic region pinned at the host plan's address
 *	(its alloc-ranges miss dom0's RAM), MP_HO_LEFT_DYNAMIC for one without
 *	an address
 * @res: the DT, or the step that failed
 *
 * Without @legacy every host region stays a /reserved-memory node with all
 * its properties; reg wins over size in of_reserved_mem.c (6.1, 6.12), so a
 * pinned region keeps its dynamic properties for reference.
 *
 * Return: 0, or -1 with @res->step set.
 */
int mp_ho_build_dom0(const struct mp_plan *host, const void *host_fdt, const struct mp_range *dom0,
		     size_t n, const char *bootargs, bool legacy, struct mp_arena *arena,
		     struct mp_ho_findings *fi, struct mp_ho_result *res);

/**
 * mp_ho_check_dom0() - what dom0's DT hands over as plain memory
 * @host: the host plan
 * @host_fdt: its DT
 * @fdt: dom0's DT, as written
 * @fi: one MP_HO_VIOLATION for each fault
 *
 * Over the written DT only: every host reserved range in dom0's memory must
 * be covered by a /reserved-memory reg or a /memreserve/ entry, every host
 * region must keep its node, and /reserved-memory must keep the root's cells
 * and `ranges` (fdt_init_reserved_mem() ignores it otherwise, 6.1 and 6.12).
 *
 * Return: the number of violations.
 */
size_t mp_ho_check_dom0(const struct mp_plan *host, const void *host_fdt, const void *fdt,
			struct mp_ho_findings *fi);

/**
 * mp_ho_dom0_conflicts() - host regions that dom0's crash kernel or CMA take
 * @host: the host plan
 * @dom0: dom0's plan, from the written DT
 * @fi: MP_HO_CRASH_CONFLICT for each host region under dom0's crash kernel,
 *	then MP_HO_CMA_CONFLICT for each under its CMA area
 */
void mp_ho_dom0_conflicts(const struct mp_plan *host, const struct mp_plan *dom0,
			  struct mp_ho_findings *fi);

/**
 * mp_ho_fix_capture() - the capture kernel's dynamic regions in its memory
 * @first: the first kernel's plan
 * @capture_fdt: the capture kernel's DT as kexec-tools builds it
 * @crash: the crash regions (the capture kernel's only memory)
 * @nc: how many
 * @fix: pin each such region at the first kernel's address
 * @arena: where the DT and the findings go
 * @fi: MP_HO_FLAGGED (no @fix), MP_HO_PINNED or MP_HO_NOT_PINNED, one for
 *	each dynamic region without alloc-ranges or whose alloc-ranges meet
 *	the crash region: __reserved_mem_alloc_size() (of_reserved_mem.c)
 *	allocates it inside the capture kernel's memory
 * @res: the capture DT, with the regions pinned when @fix
 *
 * A pinned region lies outside the capture kernel's memory, so its
 * reservation is a harmless no-op and drivers still find their node.
 *
 * Return: 0, or -1 with @res->step set.
 */
int mp_ho_fix_capture(const struct mp_plan *first, const void *capture_fdt,
		      const struct mp_range *crash, size_t nc, bool fix, struct mp_arena *arena,
		      struct mp_ho_findings *fi, struct mp_ho_result *res);

/**
 * mp_ho_crash_eaten() - what reserved-memory takes of the crash region
 * @capture: the capture kernel's plan
 * @crash: the crash regions
 * @nc: how many
 * @fi: MP_HO_EATEN or MP_HO_EATEN_FREED for each dynamic region allocated
 *	inside them, or NULL
 *
 * Return: the bytes held (freed regions do not count).
 */
mp_u64 mp_ho_crash_eaten(const struct mp_plan *capture, const struct mp_range *crash, size_t nc,
			 struct mp_ho_findings *fi);

#endif /* MEMPLAN_HANDOFF_H */
