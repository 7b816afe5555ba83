// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * handoff.c - `memplan handoff xen-dom0|kexec`: write the DT the next stage
 * boots with, so that no reserved range reaches it as plain memory.
 *
 * The construction and the checks are the core's (planner/core/handoff.c,
 * memplan_handoff.h): they return findings, printed here.  This file has the
 * options and the report; handoff_xen.c has xen-dom0, handoff_kexec.c kexec.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dtout.h"
#include "handoff.h"
#include "handoff_cmd.h"
#include "plan_getopt.h"
#include "uboot.h"
#include "util.h"

static const char usage_main[] =
	"Usage: memplan handoff TARGET [OPTION]...\n"
	"Write the device tree the next boot stage receives, keeping every reserved\n"
	"range reserved.  TARGET is one of:\n"
	"  xen-dom0   the DT Xen hands dom0 (see `memplan handoff xen-dom0 --help`)\n"
	"  kexec      the DT of a kdump capture kernel (see `memplan handoff kexec --help`)\n"
	"  uboot      what U-Boot booti hands the kernel (see `memplan handoff uboot --help`)\n"
	"\n"
	"Exit status: 0 ok; 1 a reserved range would reach the next stage as plain\n"
	"memory (a finding); 2 bad input or usage.\n";

static const char usage_kexec[] =
	"Usage: memplan handoff kexec (--dtb FILE | --dts FILE) -o FILE [OPTION]...\n"
	"Write the DT a kdump capture kernel boots with, as kexec -p (kexec-tools\n"
	"2.0.25) builds it from the first kernel's: linux,usable-memory-range (the\n"
	"crash regions), linux,elfcorehdr and the capture command line in /chosen.\n"
	"The capture kernel's memory is only the crash region, so every dynamic\n"
	"/reserved-memory region without alloc-ranges, or whose alloc-ranges meet the\n"
	"crash region, is allocated inside it and eats the capture kernel's memory.\n"
	"Those regions are reported; with --fix they are rewritten to static reg at\n"
	"the first kernel's address (outside the capture kernel's memory, so the\n"
	"reservation is a harmless no-op and drivers still find their node).  The\n"
	"capture kernel is planned before and after to show what the crash region\n"
	"loses.\n"
	"\n"
	"First kernel (the plan options; crashkernel= must be reserved):\n"
	"%s"
	"\n"
	"Capture kernel:\n"
	"  --capture-cmdline STR the capture kernel's command line (kexec --append;\n"
	"                        default \"cma=0 nr_cpus=1 reset_devices\")\n"
	"  --capture-image-size N   the capture Image's size (default: the first's)\n"
	"  --capture-initrd-size N  size of the capture initrd (default: none)\n"
	"  --nr-cpus N           CPUs of the first kernel: one ELF note each (default 1)\n"
	"  --fix                 pin the offending regions (see above)\n"
	"\n"
	"Output:\n"
	"  -o, --output FILE     where to write the capture kernel's DT (required)\n"
	"  --format FMT          dtb (default) or dts (decompiled with dtc)\n"
	"  -h, --help            show this help\n"
	"\n"
	"Exit status: 0 nothing lands in the crash region (or --fix pinned it all);\n"
	"1 a region is allocated inside the crash region, or no crash kernel is\n"
	"reserved; 2 bad input or usage.\n"
	"\n"
	"Example:\n"
	"  memplan handoff kexec --dts board.dts --cmdline 'crashkernel=256M' --fix \\\n"
	"                        -o capture.dtb\n";

enum {
	OPT_DOM0_MEM = 400,
	OPT_DOM0_BOOTARGS,
	OPT_LEGACY,
	OPT_FORMAT,
	OPT_FIX,
	OPT_CAP_CMDLINE,
	OPT_CAP_IMAGE_SIZE,
	OPT_CAP_INITRD_SIZE,
	OPT_NR_CPUS,
	OPT_XEN,
	OPT_HOST_OUTPUT,
};

static const struct option handoff_options[] = {
	CLI_OPT_ARG("dom0-mem", OPT_DOM0_MEM), CLI_OPT_ARG("dom0-bootargs", OPT_DOM0_BOOTARGS),
	CLI_OPT_FLAG("legacy", OPT_LEGACY), CLI_OPT_ARG("format", OPT_FORMAT),
	CLI_OPT_FLAG("fix", OPT_FIX), CLI_OPT_ARG("capture-cmdline", OPT_CAP_CMDLINE),
	CLI_OPT_ARG("capture-image-size", OPT_CAP_IMAGE_SIZE),
	CLI_OPT_ARG("capture-initrd-size", OPT_CAP_INITRD_SIZE),
	CLI_OPT_ARG("nr-cpus", OPT_NR_CPUS), CLI_OPT_ARG("xen", OPT_XEN),
	CLI_OPT_ARG("host-output", OPT_HOST_OUTPUT),
	{ NULL, 0, NULL, 0 },
};

static const char *prog = "memplan handoff";

#define usage_error(...) cli_usage_error(prog, __VA_ARGS__)

/* every error line has one form: "memplan handoff: ..." */
#define error(...) cli_error(prog, __VA_ARGS__)

static int parse_options(int argc, char **argv, struct handoff_opts *o)
{
	const char *fmt = "dtb";
	struct cli_getopt g;
	int c;

	cli_getopt_init(&g, &o->in, handoff_options, ":o:h", prog);
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case CLI_GETOPT_BAD: return CLI_EXIT_USAGE;
		case OPT_DOM0_MEM:
			if (!o->xen)
				return usage_error("--dom0-mem is an option of xen-dom0");
			if (cli_parse_ranges(prog, "--dom0-mem", optarg, o->dom0, MAX_DOM0_RANGES,
					     &o->nr_dom0))
				return CLI_EXIT_USAGE;
			break;
		case OPT_DOM0_BOOTARGS:
		case OPT_LEGACY:
		case OPT_XEN:
		case OPT_HOST_OUTPUT:
			if (!o->xen)
				return usage_error("%s is an option of xen-dom0", argv[optind - 1]);
			if (c == OPT_LEGACY)
				o->build = MP_XEN_LEGACY;
			else if (c == OPT_HOST_OUTPUT)
				o->host_output = optarg;
			else if (c == OPT_DOM0_BOOTARGS)
				o->bootargs = optarg;
			else if (!strcmp(optarg, "4.17"))
				o->build = MP_XEN_4_17;
			else if (!strcmp(optarg, "4.19"))
				o->build = MP_XEN_4_19;
			else
				return usage_error("--xen: '%s' is not 4.17 or 4.19", optarg);
			break;
		case OPT_FIX:
			o->fix = true;
			break;
		case OPT_CAP_CMDLINE:
		case OPT_CAP_IMAGE_SIZE:
		case OPT_CAP_INITRD_SIZE:
		case OPT_NR_CPUS:
			if (o->xen)
				return usage_error("%s is an option of kexec", argv[optind - 1]);
			if (c == OPT_CAP_CMDLINE)
				o->cap_cmdline = optarg;
			else if (c == OPT_CAP_IMAGE_SIZE &&
				 cli_number_arg(prog, "capture-image-size", optarg, &o->cap_image_size))
				return CLI_EXIT_USAGE;
			else if (c == OPT_CAP_INITRD_SIZE &&
				 cli_number_arg(prog, "capture-initrd-size", optarg, &o->cap_initrd_size))
				return CLI_EXIT_USAGE;
			else if (c == OPT_NR_CPUS) {
				if (cli_number_arg(prog, "nr-cpus", optarg, &o->nr_cpus))
					return CLI_EXIT_USAGE;
				if (!o->nr_cpus || o->nr_cpus > 4096)
					return usage_error("--nr-cpus: 1..4096");
			}
			break;
		case OPT_FORMAT: fmt = optarg; break;
		case 'o': o->output = optarg; break;
		case 'h':
			printf(o->xen ? handoff_usage_xen : usage_kexec, cli_plan_options_help);
			return -1;
		default: return cli_getopt_error(prog, c, argv);
		}
	}
	if (cli_getopt_end(&g, argc, argv))
		return CLI_EXIT_USAGE;
	if (strcmp(fmt, "dtb") && strcmp(fmt, "dts"))
		return usage_error("--format: '%s' is not dtb or dts", fmt);
	o->dts = !strcmp(fmt, "dts");
	if (!o->output)
		return usage_error("-o FILE is required (the DT is binary by default)");
	if (o->xen && !o->nr_dom0)
		return usage_error("--dom0-mem LIST is required");
	if (o->host_output && !o->fix)
		return usage_error("--host-output writes the fixed host DT: it needs --fix");
	if (o->fix && o->build == MP_XEN_LEGACY)
		return usage_error("--fix and --legacy: the legacy construction has no fix");
	return 0;
}

void handoff_print_range(const char *label, mp_u64 base, mp_u64 size)
{
	char h[CLI_HUMAN_LEN];

	printf("%s[0x%016llx-0x%016llx] %s", label, (unsigned long long)base,
	       (unsigned long long)(base + size - 1), cli_human_size(size, h, sizeof(h)));
}

int handoff_replan(const struct cli_planned *base, const char *dtb, struct cli_planned *out,
		   const char *name)
{
	size_t len = fdt_totalsize(dtb);

	memset(out, 0, sizeof(*out));
	out->in = base->in;
	out->dtb = malloc(len);
	if (!out->dtb)
		return CLI_EXIT_USAGE;
	memcpy(out->dtb, dtb, len);
	out->dtb_len = len;
	out->in.fdt = out->dtb;
	out->in.fdt_len = len;
	out->dt_name = name;
	return cli_plan_run(out, prog);
}

/* the kexec findings: one line, or two with the pinned address */
static int print_capture_finding(const struct mp_ho_finding *f, bool fix)
{
	const struct mp_rmem *r = f->r;

	printf("  %s %s: %s, so the capture kernel allocates it inside the crash region",
	       fix ? "fixed" : "FLAGGED", r->path,
	       r->nr_alloc_ranges ? "its alloc-ranges meet the crash region" :
				    "it has no alloc-ranges");
	if (f->kind == MP_HO_FLAGGED) {
		putchar('\n');
		return 1;
	}
	if (f->kind == MP_HO_NOT_PINNED) {
		printf(" -- not pinned: the first kernel gives it no address (%s)\n",
		       mp_rmem_status_name(r->status));
		return 0;
	}
	handoff_print_range(";\n        pinned to static reg ", f->base, f->size);
	printf(" (the first kernel's address)\n");
	return 1;
}

int handoff_print_finding(const struct mp_ho_finding *f, bool fix)
{
	const struct mp_rmem *r = f->r;

	switch (f->kind) {
	case MP_HO_PINNED:
		if (fix)
			return print_capture_finding(f, fix);
		handoff_print_range("  pinned ", f->base, f->size);
		printf(" %s: alloc-ranges miss dom0's RAM, static reg at the host plan's address\n",
		       r->path);
		return 0;
	case MP_HO_LEFT_DYNAMIC:
		printf("  note: %s: alloc-ranges miss dom0's RAM and the host plan gives it no "
		       "address (%s): left dynamic, dom0 will fail to allocate it\n", r->path,
		       mp_rmem_status_name(r->status));
		return 0;
	case MP_HO_VIOLATION:
		printf("  VIOLATION: %s\n", f->message);
		return 1;
	case MP_HO_FLAGGED:
	case MP_HO_NOT_PINNED:
		return print_capture_finding(f, fix);
	case MP_HO_CRASH_CONFLICT:
		printf("  CONFLICT: the crash kernel lands on host region %s\n", r->path);
		return 1;
	case MP_HO_CMA_CONFLICT:
		printf("  CONFLICT: the CMA area lands on host region %s\n", r->path);
		return 1;
	case MP_HO_EATEN:
		handoff_print_range("    ", f->base, f->size);
		printf(" %s allocated inside the crash region\n", r->path);
		return 1;
	case MP_HO_XEN_NOT_RAM:
		handoff_print_range("  VIOLATION: ", f->base, f->size);
		printf(" %s: dom0's memory outside its banks, and dom0's kernel does not "
		       "reserve it%s: it is RAM to dom0, but Xen keeps the host's reserved ranges "
		       "out of its heap and maps them as MMIO, so every hypercall naming a page "
		       "there fails (\"Failing to acquire the MFN\" in a debug Xen)\n",
		       r ? r->path : "(no host region)",
		       r && r->status == MP_RMEM_DROPPED ? " (its node is disabled)" : "");
		return 1;
	case MP_HO_XEN_TOO_MANY:
		printf("  FAILS: more than %llu /reserved-memory ranges: Xen panics (\"Max number "
		       "of supported reserved-memory regions reached.\")\n",
		       (unsigned long long)f->size);
		return 1;
	case MP_HO_HOST_DROPPED:
		printf("  fixed %s: disabled, yet Xen before 4.19 would list its reg as dom0 "
		       "memory: node removed from the host DT\n", r->path);
		return 0;
	case MP_HO_EATEN_FREED:
		handoff_print_range("    ", f->base, f->size);
		printf(" %s allocated inside the crash region, then freed (%s)\n", r->path,
		       r->reason ? r->reason : "its driver rejected it");
		return 0;
	}
	return 0;
}

size_t handoff_print_findings(const struct mp_ho_findings *fi, size_t from, int kind)
{
	size_t i, n = 0;

	for (i = from; i < fi->nr; i++)
		if (kind < 0 || fi->f[i].kind == (enum mp_ho_kind)kind)
			n += (size_t)handoff_print_finding(&fi->f[i], false);
	return n;
}

int cli_cmd_handoff(int argc, char **argv)
{
	struct handoff_opts o;
	int ret;

	memset(&o, 0, sizeof(o));
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage_main, argc < 2 ? stderr : stdout);
		return argc < 2 ? CLI_EXIT_USAGE : 0;
	}
	if (!strcmp(argv[1], "xen-dom0")) {
		prog = "memplan handoff xen-dom0";
		o.xen = true;
	} else if (!strcmp(argv[1], "kexec")) {
		prog = "memplan handoff kexec";
	} else if (!strcmp(argv[1], "uboot")) {
		return cli_handoff_uboot(argc - 1, argv + 1);
	} else {
		return usage_error("unknown target '%s' (xen-dom0, kexec, uboot)", argv[1]);
	}
	ret = parse_options(argc - 1, argv + 1, &o);
	if (ret)
		return ret < 0 ? 0 : ret;
	o.output_name = o.output;
	if (!strcmp(o.output, "-")) {
		/*
		 * -o -: the DT goes to standard output, as dtc -o - writes it, so the
		 * report moves to standard error; dtc (for --format dts) inherits
		 * the descriptor as /dev/fd/N.
		 */
		static char path[32];
		int fd;

		fflush(stdout);
		fd = dup(STDOUT_FILENO);
		if (fd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
			return error("-o -: %s", strerror(errno));
		snprintf(path, sizeof(path), "/dev/fd/%d", fd);
		o.output = path;
		o.output_name = "<stdout>";
	}
	o.prog = prog;
	return o.xen ? handoff_xen(&o) : handoff_kexec(&o);
}
