// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * handoff_kexec.c - `memplan handoff kexec`: the kdump capture kernel's DT as
 * kexec-tools 2.0.25 builds it (capture.c), its dynamic /reserved-memory
 * regions that land in the crash region (flagged, or pinned with --fix: the
 * core's mp_ho_fix_capture()), and the capture kernel planned before and
 * after, with what reserved-memory takes of the crash region
 * (mp_ho_crash_eaten()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "dtout.h"
#include "handoff_cmd.h"
#include "util.h"

#define error(...) cli_error(o->prog, __VA_ARGS__)

static int plan_capture(const struct cli_planned *first, const struct handoff_opts *o,
			const struct cli_capture *cap, const char *dtb, struct cli_planned *out)
{
	struct cli_planned base = *first;

	base.in.cmdline = NULL;
	base.in.image.text = cap->image_base;
	base.in.image.size = o->cap_image_size ? o->cap_image_size : first->plan->image.size;
	base.in.image_given = true;
	base.in.fdt_base = cap->fdt_base;
	base.in.fdt_base_given = true;
	return handoff_replan(&base, dtb, out, o->output_name);
}

/* the crash regions and the capture kernel's placement, as the report's head */
static mp_u64 report_capture(const struct handoff_opts *o, const struct cli_planned *first,
			     const struct cli_capture *cap, const struct cli_capture_opts *co,
			     const struct mp_range *crash, size_t nc)
{
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
	       (unsigned long long)cap->fdt_base, (unsigned long long)cap->elfcorehdr, co->cmdline);
	if (!strstr(co->cmdline, "cma=") && first->plan->kc.cma)
		printf("  warning: the capture command line has no cma=: the default CMA area is "
		       "carved out of the crash region (add cma=0)\n");
	return crash_total;
}

/* the dynamic regions that land in the crash region, pinned in *@fixed with --fix */
static int report_dynamic(struct handoff_opts *o, struct cli_planned *first,
			  const struct cli_capture *cap, const struct mp_range *crash, size_t nc,
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
			const struct cli_capture *cap, const char *dtb, const char *title,
			const struct mp_range *crash, size_t nc, mp_u64 crash_total, mp_u64 *eaten)
{
	struct mp_ho_findings fi = { .arena = &first->arena };
	char h1[CLI_HUMAN_LEN], h2[CLI_HUMAN_LEN];
	struct cli_planned capture;
	size_t i;
	int status;

	status = plan_capture(first, o, cap, dtb, &capture);
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
	struct cli_capture_opts co;
	struct cli_capture cap;
	struct mp_range crash[2];
	char err[512];
	const struct mp_plan *fp;
	size_t nc, flagged = 0;
	mp_u64 crash_total, eaten = 0;
	void *fixed = NULL;
	int status;

	status = cli_plan_load(&o->in, &first, o->prog);
	if (!status)
		status = cli_plan_run(&first, o->prog);
	if (status) {
		cli_planned_free(&first);
		return status;
	}
	fp = first.plan;
	co = (struct cli_capture_opts){
		.cmdline = o->cap_cmdline ? o->cap_cmdline : "cma=0 nr_cpus=1 reset_devices",
		.image_size = o->cap_image_size ? o->cap_image_size : fp->image.size,
		.initrd_size = o->cap_initrd_size,
		.nr_cpus = o->nr_cpus ? (unsigned)o->nr_cpus : 1,
	};
	if (cli_capture_dtb(fp, first.in.fdt, &co, &cap, err, sizeof(err))) {
		error("%s: %s", first.dt_name, err);
		cli_planned_free(&first);
		return CLI_EXIT_FINDINGS;
	}
	nc = mp_crash_ranges(&fp->crash, crash);
	crash_total = report_capture(o, &first, &cap, &co, crash, nc);
	status = report_dynamic(o, &first, &cap, crash, nc, &fixed, &flagged);
	if (!status)
		status = report_eaten(o, &first, &cap, cap.dtb,
				      "capture kernel planned from the DT as kexec builds it", crash,
				      nc, crash_total, &eaten);
	if (!status && o->fix)
		status = report_eaten(o, &first, &cap, fixed,
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
	       (unsigned long long)cap.image_base, (unsigned long long)co.image_size,
	       (unsigned long long)cap.fdt_base);
	status = (o->fix ? eaten : flagged) ? CLI_EXIT_FINDINGS : 0;
out:
	free(cap.dtb);
	cli_planned_free(&first);
	return status;
}
