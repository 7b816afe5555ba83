// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * main.c - the memplan program: subcommand dispatch and the `plan` command.
 *
 * Thin by design (docs/design.md §6): parse options, load the inputs, call
 * mp_plan_build(), hand the plan to one writer.  Exit codes (docs/design.md §4):
 * 0 ok, 1 the plan found errors, 2 bad input or usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "image.h"
#include "kconfig.h"
#include "memplan.h"
#include "memplan_kexec.h"
#include "util.h"
#include "verify.h"
#include "writers.h"
#include "lint.h"
#include "planinput.h"
#include "handoff.h"
#include "devmem.h"
#include "estimate.h"
#include "output.h"
#include "plan_getopt.h"

#ifndef MEMPLAN_VERSION
#define MEMPLAN_VERSION "0.1.0"
#endif

/* plan_capture() says this until it moves to the core; the value is util.h's */
#define EXIT_PLAN_ERRORS CLI_EXIT_FINDINGS


static const char usage_main[] =
	"Usage: memplan COMMAND [OPTION]...\n"
	"Predict where arm64 Linux places the crash kernel, /reserved-memory regions,\n"
	"CMA and its linear map at boot, from the DTB the kernel receives.\n"
	"\n"
	"Commands:\n"
	"  plan     compute the placement plan for one DTB/DTS and print it\n"
	"  lint     check DTBs/DTSs for reserved-memory, DMA-zone and crash-kernel mistakes\n"
	"  verify   compare the plan with a real boot (log, /proc/iomem, memblock)\n"
	"  handoff  write the DT of the next stage (xen-dom0, kexec) keeping reservations\n"
	"  devmem   choose a physical range for ZONE_DEVICE private memory\n"
	"  estimate recommend a crashkernel= size and check that it fits\n"
	"  help [COMMAND]   show this help, or the help of COMMAND\n"
	"\n"
	"Options:\n"
	"  -h, --help     show this help\n"
	"      --version  print the version\n"
	"\n"
	"Exit status: 0 ok, 1 the plan or lint found errors, 2 bad input or usage.\n"
	"See memplan(1) for details, `memplan plan --help` for the plan options.\n";

static const char usage_plan[] =
	"Usage: memplan plan [OPTION]... (FILE | --dtb FILE | --dts FILE)\n"
	"Run the early-boot memory decisions of one arm64 kernel over a device tree and\n"
	"print the resulting plan: memory banks and zones, every /reserved-memory and\n"
	"/memreserve/ region with its address or why it failed, CMA, the crash kernel,\n"
	"the linear-map granularity and the kernel log lines the boot will print.\n"
	"\n"
	"Input (FILE is a DTB or DT source, told apart by its first bytes; \"-\" is\n"
	"standard input, for FILE and every other file option):\n";

/* the input options' lines come from planinput.c, shared with other commands */
static const char usage_plan_tail[] =
	"\n"
	"kdump capture kernel (plan the second stage):\n"
	"  --capture             plan the capture kernel that kexec -p (kexec-tools\n"
	"                        2.0.25) boots inside the first kernel's crash region:\n"
	"                        the inherited DT with linux,usable-memory-range and\n"
	"                        linux,elfcorehdr, the Image at the highest crash\n"
	"                        region's start, initrd and DTB after it\n"
	"  --capture-cmdline STR the capture kernel's command line (kexec --append;\n"
	"                        default \"cma=0 nr_cpus=1 reset_devices\")\n"
	"  --capture-initrd-size N  size of the capture initrd (default: none)\n"
	"  --capture-image-size N   the capture Image's size (default: the first's)\n"
	"  --nr-cpus N           CPUs of the first kernel: one ELF note each (default 1)\n"
	"\n"
	"Output:\n"
	"  --format FMT          text (default), json, svg or dts\n"
	"  -o, --output FILE     write to FILE instead of standard output (\"-\");\n"
	"                        FILE is replaced only when the plan was written\n"
	"  --color WHEN          auto (default), always or never: colour in the text\n"
	"                        format; auto colours a terminal unless NO_COLOR is\n"
	"                        set or TERM=dumb\n"
	"  --svg-scale SCALE     linear (default) or log: a segmented scale in which\n"
	"                        each stretch's height grows with log2 of its size\n"
	"  -h, --help            show this help\n"
	"\n"
	"Sizes and addresses take C prefixes (0x.. hex, 0.. octal) and the kernel's\n"
	"memparse suffixes K M G T P E, e.g. 0x40200000, 48M.\n"
	"\n"
	"Formats: text is a table for people (see --color); json is the stable \"memplan-plan/1\" schema for scripts; svg is a\n"
	"to-scale memory map; dts is /reserved-memory with every region pinned at its\n"
	"planned address, for a boot loader to hand over.\n"
	"\n"
	"Exit status: 0 ok; 1 the plan has an error diagnostic or the requested crash\n"
	"kernel could not be reserved; 2 bad input or usage.\n"
	"\n"
	"Examples:\n"
	"  memplan plan --dts board.dts --cmdline 'crashkernel=256M'\n"
	"  memplan plan --dtb /sys/firmware/fdt --kconfig /boot/config-$(uname -r) \\\n"
	"               --format json -o plan.json\n"
	"  memplan plan --dtb virt.dtb --kernel linux-6.1 --image Image \\\n"
	"               --image-base 0x40200000 --format svg --svg-scale log -o map.svg\n";


static const char *prog = "memplan";

/* every error line has one form: "memplan CMD: ..." */
#define error(...) cli_error(prog, __VA_ARGS__)

#define usage_error(...) cli_usage_error(prog, __VA_ARGS__)

/* ------------------------------------------------------------------ */

struct plan_opts {
	struct cli_plan_args in;
	const char *output, *format;
	bool capture;
	const char *capture_cmdline;
	mp_u64 capture_initrd_size, capture_image_size, nr_cpus;
	enum cli_svg_scale svg_scale;
	enum cli_color color;
};

enum {
	OPT_FORMAT = 300,
	OPT_SVG_SCALE,
	OPT_CAPTURE,
	OPT_CAPTURE_CMDLINE,
	OPT_CAPTURE_INITRD_SIZE,
	OPT_CAPTURE_IMAGE_SIZE,
	OPT_NR_CPUS,
	OPT_COLOR,
};

static const struct option plan_only_options[] = {
	CLI_OPT_ARG("format", OPT_FORMAT), CLI_OPT_ARG("svg-scale", OPT_SVG_SCALE),
	CLI_OPT_FLAG("capture", OPT_CAPTURE),
	CLI_OPT_ARG("capture-cmdline", OPT_CAPTURE_CMDLINE),
	CLI_OPT_ARG("capture-initrd-size", OPT_CAPTURE_INITRD_SIZE),
	CLI_OPT_ARG("capture-image-size", OPT_CAPTURE_IMAGE_SIZE),
	CLI_OPT_ARG("nr-cpus", OPT_NR_CPUS), CLI_OPT_ARG("color", OPT_COLOR),
	{ NULL, 0, NULL, 0 },
};

static int parse_plan_options(int argc, char **argv, struct plan_opts *o)
{
	struct cli_getopt g;
	int c;

	memset(o, 0, sizeof(*o));
	o->format = "text";
	cli_getopt_init(&g, &o->in, plan_only_options, ":o:h", prog);
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case CLI_GETOPT_BAD: return CLI_EXIT_USAGE;
		case OPT_FORMAT: o->format = optarg; break;
		case 'o': o->output = optarg; break;
		case OPT_CAPTURE: o->capture = true; break;
		case OPT_CAPTURE_CMDLINE: o->capture_cmdline = optarg; break;
		case OPT_CAPTURE_INITRD_SIZE:
			if (cli_number_arg(prog, "capture-initrd-size", optarg,
					   &o->capture_initrd_size))
				return CLI_EXIT_USAGE;
			break;
		case OPT_CAPTURE_IMAGE_SIZE:
			if (cli_number_arg(prog, "capture-image-size", optarg,
					   &o->capture_image_size))
				return CLI_EXIT_USAGE;
			break;
		case OPT_NR_CPUS:
			if (cli_number_arg(prog, "nr-cpus", optarg, &o->nr_cpus))
				return CLI_EXIT_USAGE;
			if (!o->nr_cpus || o->nr_cpus > 4096)
				return usage_error("--nr-cpus: 1..4096");
			break;
		case OPT_COLOR:
			if (cli_color_parse(optarg, &o->color))
				return usage_error("--color: '%s' is not auto, always or never",
						   optarg);
			break;
		case OPT_SVG_SCALE:
			if (!strcmp(optarg, "linear"))
				o->svg_scale = CLI_SVG_LINEAR;
			else if (!strcmp(optarg, "log"))
				o->svg_scale = CLI_SVG_LOG;
			else
				return usage_error("--svg-scale: '%s' is not linear or log",
						   optarg);
			break;
		case 'h':
			fputs(usage_plan, stdout);
			fputs(cli_plan_options_help, stdout);
			fputs(usage_plan_tail, stdout);
			return -1;
		default: return cli_getopt_error(prog, c, argv);
		}
	}
	/* one positional FILE, as dtc and fdtget take their input */
	if (optind < argc)
		o->in.dt_file = argv[optind++];
	if (cli_getopt_end(&g, argc, argv))
		return CLI_EXIT_USAGE;
	if (strcmp(o->format, "text") && strcmp(o->format, "json") && strcmp(o->format, "svg") &&
	    strcmp(o->format, "dts"))
		return usage_error("--format: '%s' is not text, json, svg or dts", o->format);
	return 0;
}

static int write_plan(FILE *f, const struct mp_plan *plan, const struct plan_opts *o,
		      const struct cli_render *r)
{
	if (!strcmp(o->format, "json"))
		return cli_write_json(f, plan, r);
	if (!strcmp(o->format, "svg"))
		return cli_write_svg(f, plan, r);
	if (!strcmp(o->format, "dts"))
		return cli_write_dts(f, plan, r);
	return cli_write_text(f, plan, r);
}

/* re-plan @p as the capture kernel kexec -p would boot from @p's plan (mp_capture_input()) */
static int plan_capture(struct cli_planned *p, const struct plan_opts *o)
{
	struct mp_capture_opts co = {
		.cmdline = o->capture_cmdline,	/* NULL: MP_CAPTURE_CMDLINE */
		.image_size = o->capture_image_size,	/* 0: the first kernel's */
		.initrd_size = o->capture_initrd_size,
		.nr_cpus = (unsigned int)o->nr_cpus,	/* 0: 1 */
	};
	size_t room = mp_capture_dtb_room(p->in.fdt, &co);
	char *dtb = malloc(room), err[512];
	struct mp_capture cap;
	struct mp_input in;

	if (!dtb)
		snprintf(err, sizeof(err), "out of memory");
	if (!dtb || mp_capture_input(p->plan, &p->in, &co, dtb, room, &cap, &in, err,
				     sizeof(err))) {
		free(dtb);
		error("%s: --capture: %s", p->dt_name, err);
		return EXIT_PLAN_ERRORS;
	}
	free(p->dtb);
	p->dtb = dtb;
	p->dtb_len = cap.dtb_len;
	p->in = in;
	return cli_plan_run(p, prog);
}

static int cmd_plan(int argc, char **argv)
{
	struct plan_opts o;
	struct cli_planned p;
	struct cli_render render;
	int ret, status;
	struct cli_out out;

	prog = "memplan plan";
	ret = parse_plan_options(argc, argv, &o);
	if (ret)
		return ret < 0 ? 0 : ret;
	status = cli_plan_boot(&o.in, &p, prog);
	if (!status && o.capture)
		status = plan_capture(&p, &o);
	if (status)
		goto out;

	memset(&render, 0, sizeof(render));
	render.input_name = p.dt_name;
	render.kconfig_source = o.in.kconfig;
	render.svg_scale = o.svg_scale;
	status = cli_out_open(&out, prog, o.output);
	if (status)
		goto out;
	render.color = !strcmp(o.format, "text") && cli_color_use(o.color, out.f);
	ret = write_plan(out.f, p.plan, &o, &render);
	status = cli_out_close(&out, prog, !ret);
	if (ret && !status) {
		error("%s: the plan could not be written", o.output ? o.output : "standard output");
		status = CLI_EXIT_USAGE;
	}
	if (status)
		goto out;
	status = cli_plan_has_errors(p.plan) ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
out:
	cli_planned_free(&p);
	return status;
}

/* the commands, for main() and `memplan help COMMAND` (each takes --help) */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "plan", cmd_plan },
	{ "lint", cli_cmd_lint },
	{ "verify", cli_verify_main },
	{ "handoff", cli_cmd_handoff },
	{ "devmem", cli_cmd_devmem },
	{ "estimate", cli_cmd_estimate },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static int cmd_help(const char *topic)
{
	char *av[] = { (char *)topic, (char *)"--help", NULL };
	size_t i;

	if (!topic || !strcmp(topic, "-h") || !strcmp(topic, "--help")) {
		fputs(usage_main, stdout);
		return 0;
	}
	for (i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(topic, commands[i].name))
			return commands[i].run(2, av);
	return usage_error("no help for '%s' (plan, lint, verify, handoff, devmem, estimate)",
			   topic);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	size_t i;

	if (!cmd) {
		fputs(usage_main, stderr);
		return CLI_EXIT_USAGE;
	}
	for (i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(cmd, commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	if (!strcmp(cmd, "help"))
		return cmd_help(argc > 2 ? argv[2] : NULL);
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help"))
		return cmd_help(NULL);
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		printf("memplan %s\n", MEMPLAN_VERSION);
		return 0;
	}
	return usage_error("unknown command '%s' (plan, lint, verify, handoff, devmem, estimate, help)", cmd);
}
