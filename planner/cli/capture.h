/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * capture.h - what kexec -p (kexec-tools 2.0.25, arm64) hands a kdump capture
 * kernel: its DT and where the Image, initrd, DTB and ELF core header go.
 * The rule is the core's (mp_capture_dtb(), mp_capture_input() in memplan.h);
 * this is the old interface handoff.c still uses.  To go when handoff.c uses
 * mp_capture_* (issue 16).
 */
#ifndef MEMPLAN_CLI_CAPTURE_H
#define MEMPLAN_CLI_CAPTURE_H

#include "memplan.h"
#include "memplan_kexec.h"

struct cli_capture_opts {
	const char *cmdline;	/* the capture kernel's command line (--append) */
	mp_u64 image_size;	/* the capture Image's image_size */
	mp_u64 initrd_size;	/* 0: no initrd */
	unsigned nr_cpus;	/* CPUs of the first kernel (one crash note each) */
};

struct cli_capture {
	char *dtb;		/* malloc'ed; the caller frees */
	size_t dtb_len;
	mp_u64 image_base, fdt_base;
	mp_u64 initrd_start, initrd_end;
	mp_u64 elfcorehdr, elfcorehdr_size;
};

/**
 * cli_capture_dtb() - mp_capture_dtb() with a malloc'ed capture DT (handoff.c's interface)
 * @first: the first kernel's plan
 * @fdt: the DT the first kernel received
 * @o: the capture options (all given: no default is applied here but the core's)
 * @cap: set to the capture DT (@cap->dtb: the caller frees it) and the placement
 * @err: one line saying why, on failure
 * @errlen: bytes at @err
 *
 * Return: 0, or -1 with @err set (no crash kernel, a segment does not fit, bad DT).
 */
int cli_capture_dtb(const struct mp_plan *first, const void *fdt, const struct cli_capture_opts *o,
		    struct cli_capture *cap, char *err, size_t errlen);

#endif
