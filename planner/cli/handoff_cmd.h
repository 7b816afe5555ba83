/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * handoff_cmd.h - what the two files of `memplan handoff` share: handoff.c
 * (options, xen-dom0, the reports) and handoff_kexec.c (kexec).  The rules
 * and the DT construction are the core's (memplan_handoff.h).
 */
#ifndef MEMPLAN_CLI_HANDOFF_CMD_H
#define MEMPLAN_CLI_HANDOFF_CMD_H

#include "memplan_handoff.h"
#include "planinput.h"

#define MAX_DOM0_RANGES 64

struct handoff_opts {
	struct cli_plan_args in;
	bool xen, fix, dts;
	enum mp_xen_build build;	/* xen-dom0: whose construction (--xen, --legacy) */
	const char *output, *bootargs, *cap_cmdline;
	const char *host_output;	/* xen-dom0 --fix: where the fixed host DT goes, or NULL */
	const char *output_name;	/* for the report: "<stdout>" with -o - */
	const char *prog;		/* "memplan handoff TARGET", for messages */
	struct mp_range dom0[MAX_DOM0_RANGES];
	size_t nr_dom0;
	mp_u64 cap_image_size, cap_initrd_size, nr_cpus;
};

/**
 * handoff_print_range() - one "LABEL[0x...-0x...] SIZE" of the report
 * @label: printed first
 * @base: the range's start
 * @size: its size (not 0)
 *
 * On standard output, without a newline.
 */
void handoff_print_range(const char *label, mp_u64 base, mp_u64 size);

/**
 * handoff_print_finding() - one finding of the core as a line of the report
 * @f: the finding
 * @fix: kexec: the regions were to be pinned (--fix)
 *
 * Return: 1 when the finding counts against the hand-off (a violation, a
 * region still allocated in the crash region), else 0.
 */
int handoff_print_finding(const struct mp_ho_finding *f, bool fix);

/**
 * handoff_replan() - plan a hand-off DT with the inputs of another plan
 * @base: the plan whose inputs are used
 * @dtb: the DT to plan (copied)
 * @out: the new plan; cli_planned_free() it also on failure
 * @name: the DT's name in messages
 *
 * Return: 0, or an exit status after a message.
 */
int handoff_replan(const struct cli_planned *base, const char *dtb, struct cli_planned *out,
		   const char *name);

/**
 * handoff_print_findings() - the findings of one kind as lines of the report
 * @fi: the findings
 * @from: the first to look at
 * @kind: the kind to print, or < 0 for all
 *
 * Return: how many of those printed count against the hand-off.
 */
size_t handoff_print_findings(const struct mp_ho_findings *fi, size_t from, int kind);

/* `memplan handoff xen-dom0 --help`: its printf format (the plan options' help) */
extern const char handoff_usage_xen[];

/**
 * handoff_xen() - `memplan handoff xen-dom0` after its options
 * @o: the options
 *
 * Return: the exit status.
 */
int handoff_xen(struct handoff_opts *o);

/**
 * handoff_kexec() - `memplan handoff kexec` after its options
 * @o: the options
 *
 * Return: the exit status.
 */
int handoff_kexec(struct handoff_opts *o);

#endif /* MEMPLAN_CLI_HANDOFF_CMD_H */
