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
	MP_HO_XEN_NOT_RAM,	/* dom0: [@base, +@size) of @r is dom0 memory its kernel
				 * uses as RAM, but Xen keeps it out of its heap and
				 * maps it as MMIO: it never gives dom0 those pages */
	MP_HO_XEN_TOO_MANY,	/* dom0: more reserved ranges than Xen's NR_MEM_BANKS:
				 * Xen panics while reading the DT */
	MP_HO_HOST_DROPPED,	/* Xen host fix: unavailable region @r removed */
};

/*
 * Whose construction of dom0's DT (xen/arch/arm/domain_build.c,
 * handle_node(), make_memory_node(); bootfdt.c process_reserved_memory())
 */
enum mp_xen_build {
	/*
	 * Xen 4.13 to 4.18 (Debian 12's 4.17): the host's /reserved-memory is
	 * copied as it is, and the reg ranges of every one of its children, in
	 * DT order and whatever their status, become a second memory node
	 */
	MP_XEN_4_17,
	/* 4.19 on ("xen/arm: Skip memory nodes if not enabled"): unavailable
	 * children are left out of that memory node */
	MP_XEN_4_19,
	/* a hand-over that drops /reserved-memory and lists its ranges as RAM
	 * (no Xen release; the construction memplan first modelled) */
	MP_XEN_LEGACY,
};

/* what dom0 boots from, besides its DT (Xen's kernel.c place_modules()) */
struct mp_xen_modules {
	bool placed;		/* false: no bank, or the modules do not fit */
	mp_u64 kernel_base;	/* bank 0's start: the Image's load address */
	mp_u64 dtb_base;	/* where Xen copies dom0's DT */
	mp_u64 initrd_base, initrd_size; /* initrd_size 0: no ramdisk module */
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
 * mp_ho_xen_bank_conflict() - a dom0 bank Xen could not have given
 * @host_fdt: the DT Xen boots from
 * @build: whose construction (MP_XEN_LEGACY: none is checked)
 * @dom0: dom0's RAM banks
 * @n: how many
 * @hit: the reserved range the bank meets
 *
 * Xen keeps its reserved ranges (bootinfo.reserved_mem, as @build reads
 * /reserved-memory) and the /memreserve/ entries out of its heap
 * (dt_unreserved_regions()), so no bank allocate_memory_11() takes from it
 * covers one.
 *
 * Return: the index of the first bank that meets one, or -1.
 */
int mp_ho_xen_bank_conflict(const void *host_fdt, enum mp_xen_build build,
			    const struct mp_range *dom0, size_t n, struct mp_range *hit);

/**
 * mp_ho_build_dom0() - the DT Xen hands dom0
 * @host: the host plan (the legacy construction lists its ranges)
 * @host_fdt: the DT Xen boots from (its /chosen/module nodes give dom0's
 *	kernel and ramdisk, as Xen's multiboot binding has them)
 * @dom0: dom0's RAM banks, sorted and disjoint: Xen's console prints them
 *	("BANK[0] ...": allocate_memory_11() takes them from Xen's heap)
 * @n: how many
 * @bootargs: dom0's bootargs, or NULL for Xen's choice: xen,dom0-bootargs,
 *	else the kernel module's bootargs, else /chosen/bootargs
 * @build: whose construction
 * @arena: where the DT and the findings go
 * @fi: MP_HO_XEN_TOO_MANY when Xen would panic instead
 * @mods: where Xen places dom0's kernel, DT and initrd, or NULL
 * @res: the DT, or the step that failed
 *
 * Xen (4.13 on) copies the host DT without its memory nodes and without
 * /memreserve/ (prepare_dtb_hwdom() starts an empty reserve map), keeps
 * /reserved-memory as it is, writes dom0's banks as memory@<bank 0> and the
 * host's reserved ranges as a second memory node, and rewrites /chosen
 * (bootargs, linux,initrd-*, no modules, no stdout-path).  The nodes Xen
 * rebuilds for itself (GIC, timer, cpus, psci, hypervisor) and the devices
 * it keeps (its UART) are copied as the host has them: they hold no memory.
 *
 * Return: 0, or -1 with @res->step set.
 */
int mp_ho_build_dom0(const struct mp_plan *host, const void *host_fdt, const struct mp_range *dom0,
		     size_t n, const char *bootargs, enum mp_xen_build build,
		     struct mp_arena *arena, struct mp_ho_findings *fi,
		     struct mp_xen_modules *mods, struct mp_ho_result *res);

/**
 * mp_ho_fix_xen_host() - the host DT to give Xen so that dom0 gets a safe DT
 * @host: the host plan (dynamic regions' addresses)
 * @host_fdt: its DT
 * @dom0: dom0's RAM banks
 * @n: how many
 * @build: the Xen that boots from it
 * @arena: where the DT and the findings go
 * @fi: MP_HO_HOST_DROPPED for each unavailable /reserved-memory child removed
 *	(MP_XEN_4_17: Xen would hand its range to dom0 as memory it does not
 *	own), MP_HO_PINNED for each dynamic region pinned at the host plan's
 *	address (its alloc-ranges miss dom0's memory), MP_HO_LEFT_DYNAMIC for
 *	one the host plan gives no address
 * @res: the fixed host DT
 *
 * Return: 0, or -1 with @res->step set.
 */
int mp_ho_fix_xen_host(const struct mp_plan *host, const void *host_fdt, const struct mp_range *dom0,
		       size_t n, enum mp_xen_build build, struct mp_arena *arena,
		       struct mp_ho_findings *fi, struct mp_ho_result *res);

/**
 * mp_ho_check_dom0() - what dom0's DT hands over as plain memory
 * @host: the host plan
 * @host_fdt: its DT
 * @fdt: dom0's DT, as written
 * @dom0: dom0's RAM banks (the pages Xen gives dom0 as RAM)
 * @n: how many
 * @fi: one MP_HO_VIOLATION for each fault, one MP_HO_XEN_NOT_RAM for each
 *	range of dom0's memory outside @dom0 that dom0's kernel does not reserve
 *
 * Over the written DT only: every host reserved range in dom0's memory must
 * be covered by a /reserved-memory reg or a /memreserve/ entry, every host
 * region must keep its node, and /reserved-memory must keep the root's cells
 * and `ranges` (fdt_init_reserved_mem() ignores it otherwise, 6.1 and 6.12).
 * Memory outside dom0's banks is Xen's reserved ranges: Xen never puts
 * them in its heap and maps them into dom0 as MMIO (handle_device(),
 * p2m_mmio_direct_c), so a page there that dom0 uses as RAM fails every
 * hypercall that names it (p2m_get_page_from_gfn(), get_page():
 * "Failing to acquire the MFN" in a debug Xen).
 *
 * Return: the number of violations and MP_HO_XEN_NOT_RAM findings.
 */
size_t mp_ho_check_dom0(const struct mp_plan *host, const void *host_fdt, const void *fdt,
			const struct mp_range *dom0, size_t n, struct mp_ho_findings *fi);

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
