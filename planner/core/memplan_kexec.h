/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memplan_kexec.h - the planner core's API for the crash region after boot: a
 * write to /sys/kernel/kexec_crash_size (crash_shrink.c), the first kernel's
 * linear map once kexec -p has loaded a capture kernel (kexec_load.c), and what
 * kexec-tools gives the capture kernel, with its planner input (capture.c).
 * docs/kernel-model.md §6.5 describes the kernel and kexec-tools behaviour.
 */
#ifndef MEMPLAN_KEXEC_H
#define MEMPLAN_KEXEC_H

#include "memplan.h"

/* what mp_crash_shrink() can give back: the high region and part of the low one */
#define MP_CRASH_SHRINK_MAX 2
/* the linear map of both crash regions mapped on their own */
#define MP_CRASH_SHRINK_MAP_MAX (2 * MP_LINMAP_ALONE_MAX)

/**
 * mp_crash_shrink() - a write to /sys/kernel/kexec_crash_size after boot
 * @plan: a copy of the first kernel's plan; its crash regions are shrunk in
 *	place
 * @new_size: the bytes written (and read back) in kexec_crash_size
 * @freed: what goes back to the page allocator, at most %MP_CRASH_SHRINK_MAX
 *	ranges
 *
 * Mirrors crash_shrink_memory() (kernel/crash_core.c of 6.12): @new_size is
 * rounded up to a page (KEXEC_CRASH_MEM_ALIGN); the end of crashk_res (the high
 * region of a high+low pair, else the only one) is given back first, and
 * crashk_low_res only when less than it is kept.  A region shrunk to nothing is
 * no longer present.  6.1 (kernel/kexec_core.c) shrinks crashk_res alone; the
 * 6.12 rule is applied to every profile (only 6.12 shrinks are recorded).
 *
 * Return: the number of ranges in @freed; 0 when nothing is reserved or
 * @new_size is not smaller than what is.
 */
size_t mp_crash_shrink(struct mp_plan *plan, mp_u64 new_size,
		       struct mp_range freed[MP_CRASH_SHRINK_MAX]);

/**
 * mp_linmap_after_shrink() - the linear map over the crash regions after a shrink
 * @plan: a plan shrunk by mp_crash_shrink(); its linear map becomes @out's runs
 * @out: room for the runs of both regions
 *
 * memplan-6.12's crash_free_reserved_phys_range() (kernel patch 0003) maps what
 * each region keeps on its own again, as map_mem() mapped the whole region
 * (mp_linmap_alone()).  Only the crash regions are looked up afterwards (the
 * early_mm.json of a shrunk kernel), so they are all @plan's linear map holds.
 * A plan whose regions are not mapped on its own (!linmap.crash_protected: a
 * stock kernel, a late reservation) is left as it is.
 */
void mp_linmap_after_shrink(struct mp_plan *plan,
			    struct mp_map_range out[MP_CRASH_SHRINK_MAP_MAX]);

/**
 * mp_linmap_loaded_room() - the room mp_linmap_loaded() needs
 * @plan: the first kernel's plan (shrunk or not)
 * @nr_freed: the ranges a shrink freed (0 without one)
 *
 * Return: the number of &struct mp_map_range to give mp_linmap_loaded().
 */
size_t mp_linmap_loaded_room(const struct mp_plan *plan, size_t nr_freed);

/**
 * mp_linmap_loaded() - the linear map once kexec -p has loaded a capture kernel
 * @plan: the first kernel's plan, shrunk by mp_crash_shrink() when it was
 * @freed: what the shrink gave back (may be NULL with @nr_freed 0)
 * @nr_freed: at most %MP_CRASH_SHRINK_MAX
 * @out: the runs, in address order, touching runs of one level merged
 * @room: room at @out, see mp_linmap_loaded_room()
 * @nr_out: set to the number of runs
 *
 * @plan's linear map without the crash regions where memplan-6.12 protects them
 * (arch_kexec_protect_crashkres() of kernel patch 0004;
 * linmap.crash_protected), and with @freed mapped with pages
 * (crash_free_reserved_phys_range() of patch 0003: right where the plan maps
 * memory with pages, linmap.forced_pte).
 *
 * Return: 0, -MP_ERR_BADARG (@nr_freed too large) or -MP_ERR_NOSPACE (@room).
 */
int mp_linmap_loaded(const struct mp_plan *plan, const struct mp_range *freed,
		     size_t nr_freed, struct mp_map_range *out, size_t room, size_t *nr_out);

/* the capture kernel's command line when none is given (kexec --append) */
#define MP_CAPTURE_CMDLINE "cma=0 nr_cpus=1 reset_devices"

/* what kexec -p is told: mp_capture_dtb() */
struct mp_capture_opts {
	const char *cmdline;	/* the capture kernel's (--append); NULL: MP_CAPTURE_CMDLINE */
	mp_u64 image_size;	/* the capture Image's image_size; 0: the first kernel's */
	mp_u64 initrd_size;	/* 0: no initrd */
	unsigned int nr_cpus;	/* CPUs of the first kernel (one crash note each); 0: 1 */
};

/* what kexec -p hands the capture kernel */
struct mp_capture {
	void *dtb;		/* the capture DT, in the caller's buffer */
	size_t dtb_len;		/* its fdt_totalsize() */
	mp_u64 image_base, image_size, fdt_base;
	mp_u64 initrd_start, initrd_end;	/* [start, end); 0, 0 without an initrd */
	mp_u64 elfcorehdr, elfcorehdr_size;
};

/**
 * mp_capture_dtb_room() - the buffer mp_capture_dtb() needs for the capture DT
 * @fdt: the first kernel's DT
 * @o: the capture options (the command line goes into the DT)
 *
 * Return: a size in bytes.
 */
size_t mp_capture_dtb_room(const void *fdt, const struct mp_capture_opts *o);

/**
 * mp_capture_dtb() - the DT and load addresses kexec -p gives a capture kernel
 * @first: the first kernel's plan (its crash regions, memory, page size)
 * @fdt: the DT the first kernel received (/sys/firmware/fdt)
 * @o: the capture options
 * @buf: where the capture DT is written
 * @room: bytes at @buf, at least mp_capture_dtb_room()
 * @cap: set to the capture DT and the segments' places
 * @err: one line saying why, on failure
 * @errlen: bytes at @err
 *
 * Mirrors kexec-tools 2.0.25 on arm64 (kexec/arch/arm64/kexec-arm64.c,
 * crashdump-arm64.c; core/capture.c has the detail): the Image 2 MiB aligned at
 * the start of the highest crash region, the initrd and the DTB page aligned
 * after it, the ELF core header page aligned at the region's top; the DT with
 * the capture command line, linux,elfcorehdr, linux,usable-memory-range and the
 * initrd properties.
 *
 * Return: 0; -MP_ERR_BADINPUT when the first kernel has no crash region or a
 * segment does not fit (kexec-tools' message in @err); -MP_ERR_BADDTB
 * when the DT cannot be edited; -MP_ERR_NOSPACE when @room is too small.
 */
int mp_capture_dtb(const struct mp_plan *first, const void *fdt, const struct mp_capture_opts *o,
		   void *buf, size_t room, struct mp_capture *cap, char *err, size_t errlen);

/**
 * mp_capture_input() - the planner input of the capture kernel kexec -p boots
 * @first: the first kernel's plan
 * @first_in: the first kernel's input
 * @o: the capture options
 * @buf: where the capture DT is written (must stay valid while @in is used)
 * @room: bytes at @buf, at least mp_capture_dtb_room(@first_in->fdt, @o)
 * @cap: set as mp_capture_dtb() sets it
 * @in: set to @first_in with the capture DT (its /chosen/bootargs is the
 *	command line: @in->cmdline is NULL), the Image at @cap->image_base of
 *	@cap->image_size bytes and the DTB at @cap->fdt_base, both given
 * @err: one line saying why, on failure
 * @errlen: bytes at @err
 *
 * The one place the capture kernel's input is made: mp_plan_build(@in) plans
 * it.
 *
 * Return: as mp_capture_dtb().
 */
int mp_capture_input(const struct mp_plan *first, const struct mp_input *first_in,
		     const struct mp_capture_opts *o, void *buf, size_t room,
		     struct mp_capture *cap, struct mp_input *in, char *err, size_t errlen);

#endif /* MEMPLAN_KEXEC_H */
