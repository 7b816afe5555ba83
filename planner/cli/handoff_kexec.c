// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * handoff_kexec.c - `memplan handoff kexec`: the kdump capture kernel's DT as
 * kexec-tools 2.0.25 builds it (core capture.c), its dynamic /reserved-memory
 * regions that land in the crash region (flagged, or pinned with --fix: the
 * core's mp_ho_fix_capture()), and the capture kernel planned before and
 * after, with what reserved-memory takes of the crash region
 * (mp_ho_crash_eaten()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtout.h"
#include "handoff_cmd.h"
#include "memplan_kexec.h"
#include "util.h"

#define error(...) cli_error(o->prog, __VA_ARGS__)

/* the capture kernel planned from @dtb (the DT as kexec builds it, or the fixed one) */
static int plan_capture(const struct cli_planned *first, const struct handoff_opts *o,
			const struct mp_input *cin, const char *dtb, struct cli_planned *out)
{
	struct cli_planned base = *first;

	base.in = *cin;
	return handoff_replan(&base, dtb, out, o->output_name);
}

/* the crash regions and the capture kernel's placement, as the report's head */
static mp_u64 report_capture(const struct handoff_opts *o, const struct cli_planned *first,
			     const struct mp_capture *cap, const struct mp_capture_opts *co,
			     const struct mp_range *crash, size_t nc)
{
	const char *cmdline = co->cmdline ? co->cmdline : MP_CAPTURE_CMDLINE;
	mp_u64 crash_total = 0;
	size_t i;

	printf("memplan handoff kexec: %s -> %s\n", first->dt_name, o->output_name);
	for (i = 0; i < nc; i++) {
		handoff_print_range("  crash region ", crash[i].base, crash[i].size);
		putchar('\n');
		crash_total += crash[i].size;
	}
	printf("  capture kernel: Image at 0x%016llx, DTB at 0x%016llx, elfcorehdr at "
	       "0x%016llx\n  capture command line: %s\n", (unsigned long long)cap->image_base,
	       (unsigned long long)cap->fdt_base, (unsigned long long)cap->elfcorehdr, cmdline);
	if (!strstr(cmdline, "cma=") && first->plan->kc.cma)
		printf("  warning: the capture command line has no cma=: the default CMA area is "
		       "carved out of the crash region (add cma=0)\n");
	return crash_total;
}

/* the dynamic regions that land in the crash region, pinned in *@fixed with --fix */
static int report_dynamic(struct handoff_opts *o, struct cli_planned *first,
			  const struct mp_capture *cap, const struct mp_range *crash, size_t nc,
			  void **fixed, size_t *flagged)
{
	struct mp_ho_findings fi = { .arena = &first->arena };
	struct mp_ho_result res;
	size_t i;
	int ret;

	ret = mp_ho_fix_capture(first->plan, cap->dtb, crash, nc, o->fix, &first->arena, &fi, &res);
	if (res.step == MP_HO_OPEN) {
		error("cannot edit the capture DT");
		return CLI_EXIT_USAGE;
	}
	printf("dynamic /reserved-memory regions in the capture kernel:\n");
	*flagged = 0;
	for (i = 0; i < fi.nr; i++)
		*flagged += (size_t)handoff_print_finding(&fi.f[i], o->fix);
	if (ret && res.step == MP_HO_PIN) {
		error("cannot pin %s: %s", res.path, fdt_strerror(res.fdt_err));
		return CLI_EXIT_USAGE;
	}
	if (!*flagged)
		printf("  none is allocated inside the crash region\n");
	if (ret) {
		error("cannot edit the capture DT: %s", fdt_strerror(res.fdt_err));
		return CLI_EXIT_USAGE;
	}
	*fixed = res.fdt;
	return 0;
}

/* plan the capture kernel from @dtb and say what reserved-memory takes of the crash region */
static int report_eaten(struct handoff_opts *o, struct cli_planned *first,
			const struct mp_input *cin, const char *dtb, const char *title,
			const struct mp_range *crash, size_t nc, mp_u64 crash_total, mp_u64 *eaten)
{
	struct mp_ho_findings fi = { .arena = &first->arena };
	char h1[CLI_HUMAN_LEN], h2[CLI_HUMAN_LEN];
	struct cli_planned capture;
	size_t i;
	int status;

	status = plan_capture(first, o, cin, dtb, &capture);
	if (!status) {
		printf("%s:\n", title);
		*eaten = mp_ho_crash_eaten(capture.plan, crash, nc, &fi);
		for (i = 0; i < fi.nr; i++)
			handoff_print_finding(&fi.f[i], false);
		printf("  %s of the %s crash region taken by reserved-memory\n",
		       cli_human_size(*eaten, h1, sizeof(h1)),
		       cli_human_size(crash_total, h2, sizeof(h2)));
	}
	cli_planned_free(&capture);
	return status;
}

int handoff_kexec(struct handoff_opts *o)
{
	struct cli_planned first;
	struct mp_capture_opts co;
	struct mp_capture cap;
	struct mp_input cin;
	struct mp_range crash[2];
	char err[512];
	const struct mp_plan *fp;
	size_t nc, flagged = 0;
	mp_u64 crash_total, eaten = 0;
	void *fixed = NULL, *capdtb = NULL;
	size_t room;
	int status;

	status = cli_plan_boot(&o->in, &first, o->prog);
	if (status) {
		cli_planned_free(&first);
		return status;
	}
	fp = first.plan;
	/* the core's defaults: MP_CAPTURE_CMDLINE, the first kernel's Image size, one CPU */
	co = (struct mp_capture_opts){ .cmdline = o->cap_cmdline, .image_size = o->cap_image_size,
				       .initrd_size = o->cap_initrd_size,
				       .nr_cpus = (unsigned int)o->nr_cpus };
	room = mp_capture_dtb_room(first.in.fdt, &co);
	capdtb = malloc(room);
	if (!capdtb) {
		error("out of memory");
		cli_planned_free(&first);
		return CLI_EXIT_USAGE;
	}
	if (mp_capture_input(fp, &first.in, &co, capdtb, room, &cap, &cin, err, sizeof(err))) {
		error("%s: %s", first.dt_name, err);
		free(capdtb);
		cli_planned_free(&first);
		return CLI_EXIT_FINDINGS;
	}
	nc = mp_crash_ranges(&fp->crash, crash);
	crash_total = report_capture(o, &first, &cap, &co, crash, nc);
	status = report_dynamic(o, &first, &cap, crash, nc, &fixed, &flagged);
	if (!status)
		status = report_eaten(o, &first, &cin, cap.dtb,
				      "capture kernel planned from the DT as kexec builds it", crash,
				      nc, crash_total, &eaten);
	if (!status && o->fix)
		status = report_eaten(o, &first, &cin, fixed,
				      "capture kernel planned from the written (fixed) DT", crash, nc,
				      crash_total, &eaten);
	if (status)
		goto out;
	if (cli_dt_write(o->prog, o->fix ? fixed : cap.dtb, o->output, o->dts)) {
		status = CLI_EXIT_USAGE;
		goto out;
	}
	printf("re-plan: memplan plan --dtb %s --image-base 0x%llx --image-size 0x%llx "
	       "--fdt-base 0x%llx\n", o->dts ? "<the DTB>" : o->output_name,
	       (unsigned long long)cap.image_base, (unsigned long long)cap.image_size,
	       (unsigned long long)cap.fdt_base);
	status = (o->fix ? eaten : flagged) ? CLI_EXIT_FINDINGS : 0;
out:
	free(capdtb);
	cli_planned_free(&first);
	return status;
}
