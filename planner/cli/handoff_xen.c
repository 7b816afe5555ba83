// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * handoff_xen.c - `memplan handoff xen-dom0`: the DT Xen builds for dom0 from
 * a host DT, checked, and dom0's boot planned from it; with --fix the host
 * DT to give Xen instead.  The construction is the core's
 * (planner/core/handoff_xen.c); this file prints it.
 */
#include <stdio.h>
#include <string.h>

#include "dtout.h"
#include "handoff_cmd.h"
#include "util.h"

const char handoff_usage_xen[] =
	"Usage: memplan handoff xen-dom0 (--dtb FILE | --dts FILE) --dom0-mem LIST -o FILE\n"
	"                                [OPTION]...\n"
	"Write the DT Xen on arm64 builds for dom0 from the host DT it boots from\n"
	"(xen/arch/arm/domain_build.c), check it, and plan dom0's boot from it.\n"
	"Xen 4.13 to 4.18 (--xen 4.17, the default: Debian 12's):\n"
	"  - copies the host DT without its memory nodes, its /memreserve/ entries and\n"
	"    its /chosen module nodes; /chosen/bootargs becomes xen,dom0-bootargs, else\n"
	"    the kernel module's bootargs, else the host's; linux,initrd-* where Xen\n"
	"    loads the ramdisk module (place_modules(): the DT at bank 0 + 128 MiB, the\n"
	"    initrd 2 MiB-aligned after it);\n"
	"  - keeps /reserved-memory as it is, status included;\n"
	"  - writes memory@<bank 0> with dom0's banks, and a second memory node with\n"
	"    the reg ranges of every /reserved-memory child, in DT order, whatever its\n"
	"    status (Xen keeps them out of its heap and maps them into dom0 as MMIO).\n"
	"Xen 4.19 on (--xen 4.19) leaves disabled children out of that memory node.\n"
	"Nodes Xen rebuilds for itself (GIC, timer, cpus, psci, hypervisor) hold no\n"
	"memory and are copied as the host has them.\n"
	"\n"
	"The check: every host reserved range in dom0's memory must stay reserved by\n"
	"a /reserved-memory reg (or /memreserve/ entry) of dom0's DT, every host region\n"
	"must keep its node, /reserved-memory must keep the root's cells and `ranges`,\n"
	"and memory outside dom0's banks must be reserved by dom0's kernel: a disabled\n"
	"region's range there is RAM to dom0 that Xen never gave it, and a hypercall\n"
	"naming one of its pages fails (the 2023 xen-devel report: \"Failing to acquire\n"
	"the MFN\").  dom0's boot is then planned from the DT, the kernel at bank 0 and\n"
	"the DT where Xen puts them, and what lands on such a range is listed.\n"
	"\n"
	"Host DT (the plan options; the host plan gives dynamic regions' addresses):\n"
	"%s"
	"\n"
	"dom0:\n"
	"  --dom0-mem LIST       dom0's RAM banks: BASE:SIZE[,BASE:SIZE...] (required),\n"
	"                        as Xen's console prints them (\"(XEN) BANK[0] ...\"):\n"
	"                        allocate_memory_11() takes them from Xen's heap and\n"
	"                        memplan does not predict where\n"
	"  --dom0-bootargs STR   dom0's /chosen/bootargs instead of Xen's choice\n"
	"  --xen VERSION         whose construction: 4.17 (default; 4.13 to 4.18) or 4.19\n"
	"                        (4.19 on: disabled /reserved-memory children skipped)\n"
	"  --legacy              instead, a hand-over that drops /reserved-memory and\n"
	"                        lists its ranges as RAM in one memory node (no Xen\n"
	"                        release builds this; for comparison: the check fails)\n"
	"  --fix                 first fix the host DT for that Xen: remove disabled\n"
	"                        /reserved-memory children (before 4.19) and pin, at the\n"
	"                        host plan's address, dynamic regions whose alloc-ranges\n"
	"                        miss dom0's memory; dom0's DT is then the one Xen builds\n"
	"                        from the fixed host DT\n"
	"  --host-output FILE    with --fix: write the fixed host DT there (boot Xen\n"
	"                        with it)\n"
	"\n"
	"Output:\n"
	"  -o, --output FILE     where to write dom0's DT (required)\n"
	"  --format FMT          dtb (default) or dts (decompiled with dtc); both outputs\n"
	"  -h, --help            show this help\n"
	"\n"
	"Exit status: 0 the DT is safe; 1 the check found a reserved range handed over\n"
	"as plain memory, or memory Xen does not give dom0 left to dom0's kernel\n"
	"(always with --legacy when a region meets dom0's RAM); 2 bad input or usage.\n"
	"\n"
	"Example:\n"
	"  memplan handoff xen-dom0 --dtb host.dtb --dom0-mem 0x80000000:512M -o dom0.dtb\n"
	"  memplan handoff xen-dom0 --dtb host.dtb --dom0-mem 0x80000000:512M --fix \\\n"
	"                           --host-output host-fixed.dtb -o dom0.dtb\n";

static const char *build_name(enum mp_xen_build b)
{
	return b == MP_XEN_4_19 ? "Xen 4.19" : b == MP_XEN_LEGACY ? "legacy" : "Xen 4.17";
}

/* the highest address of dom0's plan's memory */
static mp_u64 top_of_memory(const struct mp_plan *d)
{
	mp_u64 top = 0;
	size_t i;

	for (i = 0; i < d->nr_banks; i++)
		if (d->banks[i].base + d->banks[i].size > top)
			top = d->banks[i].base + d->banks[i].size;
	return top;
}

/*
 * What dom0's plan puts on a range Xen does not give it.  memblock
 * allocates top-down, so when the range is the top of dom0's memory the
 * per-CPU areas come from it too (setup_per_cpu_areas(), after the early
 * allocations the plan lists), and with them each vCPU's vcpu_info:
 * VCPUOP_register_vcpu_info gets a page Xen cannot take (map_vcpu_info())
 * and xen_starting_cpu() BUG()s (arch/arm/xen/enlighten.c, 6.1 and 6.12).
 */
static void landed_on(const struct mp_plan *d, const struct mp_ho_finding *f)
{
	size_t i, n = 0;

	for (i = 0; i < d->nr_allocs; i++) {
		const struct mp_alloc *a = &d->allocs[i];

		if (!a->size || a->base >= f->base + f->size || f->base >= a->base + a->size)
			continue;
		handoff_print_range(n++ ? "             " : "    lands there: ", a->base, a->size);
		printf(" %s\n", a->what);
	}
	if (f->base + f->size == top_of_memory(d))
		printf("    it is the top of dom0's memory: memblock allocates top-down, so the "
		       "per-CPU areas come from it, and vcpu_info with them: "
		       "VCPUOP_register_vcpu_info fails (-EINVAL) and dom0 BUG()s in "
		       "xen_starting_cpu()\n");
	else if (!n)
		printf("    nothing of the plan's early allocations; the page allocator hands "
		       "it out later\n");
}

static void summarize_dom0(struct cli_planned *host, const struct mp_plan *d,
			   const struct mp_ho_findings *checked)
{
	struct mp_ho_findings fi = { .arena = &host->arena };
	struct mp_range cr[2];
	size_t i, k, nc;

	printf("dom0's boot planned from the written DT (%s):\n", mp_profile_name(d->profile));
	for (i = 0; i < d->nr_rmem; i++) {
		const struct mp_rmem *r = &d->rmem[i];

		/* a node dom0's kernel skips (status not "okay") has no range to show */
		if (mp_rmem_placed(r))
			handoff_print_range("  ", r->base, r->size);
		else
			printf("  %-46s", "(no address)");
		printf(" %s: %s%s%s\n", r->path, mp_rmem_status_name(r->status),
		       r->reason ? ": " : "", r->reason ? r->reason : "");
	}
	if (!d->nr_rmem)
		printf("  no reserved regions\n");
	for (i = 0; i < checked->nr; i++)
		if (checked->f[i].kind == MP_HO_XEN_NOT_RAM) {
			handoff_print_range("  not Xen's to give: ", checked->f[i].base,
					    checked->f[i].size);
			putchar('\n');
			landed_on(d, &checked->f[i]);
		}
	mp_ho_dom0_conflicts(host->plan, d, &fi);
	if (d->crash.status == MP_CRASH_RESERVED) {
		nc = mp_crash_ranges(&d->crash, cr);
		for (k = 0; k < nc; k++) {
			handoff_print_range("  crash kernel ", cr[k].base, cr[k].size);
			putchar('\n');
		}
		handoff_print_findings(&fi, 0, MP_HO_CRASH_CONFLICT);
	}
	if (d->cma.present && !d->cma.failed) {
		handoff_print_range("  CMA ", d->cma.base, d->cma.size);
		putchar('\n');
		handoff_print_findings(&fi, 0, MP_HO_CMA_CONFLICT);
	}
}

static int build_failed(const struct handoff_opts *o, const char *dt_name,
			const struct mp_ho_result *res)
{
	if (res->step == MP_HO_OPEN)
		return cli_error(o->prog, "%s: cannot open the DT for editing", dt_name);
	if (res->step == MP_HO_PIN)
		return cli_error(o->prog, "%s: cannot pin %s: %s", dt_name, res->path,
				 fdt_strerror(res->fdt_err));
	if (!res->fdt_err)
		return CLI_EXIT_FINDINGS;
	return cli_error(o->prog, "%s: cannot build the DT: %s", dt_name,
			 fdt_strerror(res->fdt_err));
}

/* --fix: the fixed host DT, written and planned into @fixed (which then is the host) */
static int fix_host(const struct handoff_opts *o, struct cli_planned *host,
		    struct cli_planned *fixed)
{
	struct mp_ho_findings fi = { .arena = &host->arena };
	struct mp_ho_result res;
	int status;

	printf("fix of the host DT for %s:\n", build_name(o->build));
	if (mp_ho_fix_xen_host(host->plan, host->in.fdt, o->dom0, o->nr_dom0, o->build,
			       &host->arena, &fi, &res))
		return build_failed(o, host->dt_name, &res);
	handoff_print_findings(&fi, 0, -1);
	if (!fi.nr)
		printf("  nothing to fix\n");
	if (o->host_output && cli_dt_write(o->prog, res.fdt, o->host_output, o->dts))
		return CLI_EXIT_USAGE;
	status = handoff_replan(host, res.fdt, fixed, o->host_output ? o->host_output :
							      "the fixed host DT");
	return status;
}

/* plan dom0 from @fdt with the kernel and the DT where Xen put them */
static int plan_dom0(const struct handoff_opts *o, struct cli_planned *host, const void *fdt,
		     const struct mp_xen_modules *m, struct cli_planned *dom0)
{
	struct cli_planned base = *host;

	if (o->bootargs)
		base.in.cmdline = NULL;
	if (m->placed) {
		base.in.image.text = m->kernel_base;
		base.in.image_given = true;
		base.in.image_base_src = MP_SRC_BOOT_LOADER;
		base.in.fdt_base = m->dtb_base;
		base.in.fdt_base_given = true;
		base.in.fdt_base_src = MP_SRC_BOOT_LOADER;
	}
	return handoff_replan(&base, fdt, dom0, o->output_name);
}

static int run(struct handoff_opts *o, struct cli_planned *host)
{
	struct mp_ho_findings fi = { .arena = &host->arena };
	struct mp_xen_modules m;
	struct mp_ho_result res;
	struct cli_planned dom0;
	size_t i, v;
	int status;

	printf("memplan handoff xen-dom0: %s -> %s (%s construction)\n", host->dt_name,
	       o->output_name, build_name(o->build));
	for (i = 0; i < o->nr_dom0; i++) {
		handoff_print_range("  dom0 RAM ", o->dom0[i].base, o->dom0[i].size);
		putchar('\n');
	}
	if (mp_ho_build_dom0(host->plan, host->in.fdt, o->dom0, o->nr_dom0, o->bootargs, o->build,
			     &host->arena, &fi, &m, &res)) {
		handoff_print_findings(&fi, 0, -1);
		return build_failed(o, host->dt_name, &res);
	}
	if (m.placed) {
		printf("  dom0 kernel at 0x%016llx, DT at 0x%016llx (place_modules())\n",
		       (unsigned long long)m.kernel_base, (unsigned long long)m.dtb_base);
		if (m.initrd_size) {
			handoff_print_range("  dom0 initrd ", m.initrd_base, m.initrd_size);
			putchar('\n');
		}
	}
	printf("check of the written DT:\n");
	fi = (struct mp_ho_findings){ .arena = &host->arena };
	v = mp_ho_check_dom0(host->plan, host->in.fdt, res.fdt, o->dom0, o->nr_dom0, &fi);
	handoff_print_findings(&fi, 0, -1);
	if (!v)
		printf("  ok: every host reserved range in dom0's memory stays reserved, every "
		       "region keeps its node, and dom0 uses only the RAM Xen gives it\n");
	if (cli_dt_write(o->prog, res.fdt, o->output, o->dts))
		return CLI_EXIT_USAGE;
	status = plan_dom0(o, host, res.fdt, &m, &dom0);
	if (!status)
		summarize_dom0(host, dom0.plan, &fi);
	cli_planned_free(&dom0);
	if (status)
		return status;
	return v ? CLI_EXIT_FINDINGS : 0;
}

int handoff_xen(struct handoff_opts *o)
{
	struct cli_planned host, fixed;
	struct mp_range hit;
	int status, bad;

	memset(&fixed, 0, sizeof(fixed));
	status = cli_plan_boot(&o->in, &host, o->prog);
	if (status) {
		cli_planned_free(&host);
		return status;
	}
	bad = mp_ho_outside_ram(host.plan, o->dom0, o->nr_dom0);
	if (bad >= 0) {
		cli_error(o->prog, "--dom0-mem: 0x%llx+0x%llx is not inside the memory of %s",
			  (unsigned long long)o->dom0[bad].base,
			  (unsigned long long)o->dom0[bad].size, host.dt_name);
		cli_planned_free(&host);
		return CLI_EXIT_USAGE;
	}
	bad = mp_ho_xen_bank_conflict(host.in.fdt, o->build, o->dom0, o->nr_dom0, &hit);
	if (bad >= 0) {
		cli_error(o->prog, "--dom0-mem: 0x%llx+0x%llx meets the reserved range "
			  "0x%llx+0x%llx of %s, which Xen keeps out of its heap: no dom0 bank "
			  "covers it (Xen's console prints the banks: \"(XEN) BANK[0] ...\")",
			  (unsigned long long)o->dom0[bad].base,
			  (unsigned long long)o->dom0[bad].size, (unsigned long long)hit.base,
			  (unsigned long long)hit.size, host.dt_name);
		cli_planned_free(&host);
		return CLI_EXIT_USAGE;
	}
	if (o->fix) {
		status = fix_host(o, &host, &fixed);
		if (!status)
			status = run(o, &fixed);
	} else {
		status = run(o, &host);
	}
	cli_planned_free(&fixed);
	cli_planned_free(&host);
	return status;
}
