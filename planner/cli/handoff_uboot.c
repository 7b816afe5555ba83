// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * handoff_uboot.c - `memplan handoff uboot`: what U-Boot 2023.01 `booti`
 * hands the kernel (the Image, initrd and DTB addresses, the DT) from the
 * board DT and U-Boot's environment, and what is wrong with it.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "uboot.h"
#include "util.h"

static const char usage[] =
	"Usage: memplan handoff uboot (FILE | --dtb FILE | --dts FILE) --uboot-env FILE\n"
	"                             [--image FILE | --image-size N] [-o FILE] [--format F]\n"
	"Predict what U-Boot 2023.01 `booti ${kernel_addr_r} ${ramdisk_addr_r}:${filesize}\n"
	"${fdt_addr_r}` (fdtcontroladdr when fdt_addr_r is unset) hands the kernel: where\n"
	"booti_setup() puts the Image, where boot_ramdisk_high() and boot_relocate_fdt()\n"
	"put the initrd and the DTB (fdt_high, initrd_high, bootm_low, bootm_size over\n"
	"U-Boot's lmb), the DT after image_setup_libfdt() (/chosen bootargs and\n"
	"u-boot,version, /memory, linux,initrd-* and their /memreserve/), and findings:\n"
	"addresses outside RAM or on the DT's reservations, and the arm64 boot protocol.\n"
	"\n"
	"  --dtb FILE, --dts FILE  the board DT at the FDT address (QEMU: its own DT)\n"
	"  --uboot-env FILE      U-Boot's environment: `printenv` output or `env export -t`\n"
	"                        text (filesize = the initrd's size)\n"
	"  --image FILE          the arm64 Image (header: size, text_offset, flags)\n"
	"  --image-size N        the Image's size without --image (default 0x2010000)\n"
	"  -o, --output FILE     write the hand-over DTB (\"-\": standard output)\n"
	"  --format FMT          text (default) or json (schema \"memplan-uboot/1\")\n"
	"  -h, --help            show this help\n"
	"\n"
	"Exit status: 0 ok; 1 booti stops or an error finding; 2 bad input or usage.\n";

static const char *prog = "memplan handoff uboot";

enum { OPT_DTB = 400, OPT_DTS, OPT_ENV, OPT_IMAGE, OPT_IMAGE_SIZE, OPT_FORMAT };

static const struct option options[] = {
	CLI_OPT_ARG("dtb", OPT_DTB), CLI_OPT_ARG("dts", OPT_DTS),
	CLI_OPT_ARG("uboot-env", OPT_ENV), CLI_OPT_ARG("image", OPT_IMAGE),
	CLI_OPT_ARG("image-size", OPT_IMAGE_SIZE), CLI_OPT_ARG("format", OPT_FORMAT),
	CLI_OPT_ARG("output", 'o'), CLI_OPT_FLAG("help", 'h'),
	{ NULL, 0, NULL, 0 },
};

struct opts {
	const char *dt, *env, *image, *output, *format;
	enum cli_dt_form form;
	mp_u64 image_size;
};

static int parse(int argc, char **argv, struct opts *o)
{
	int c, dts = 0;
	uint64_t v;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_DTB: case OPT_DTS:
			if (o->dt)
				return cli_usage_error(prog, "give one DT");
			o->dt = optarg;
			o->form = c == OPT_DTB ? CLI_DT_BLOB : CLI_DT_SOURCE;
			dts++;
			break;
		case OPT_ENV: o->env = optarg; break;
		case OPT_IMAGE: o->image = optarg; break;
		case OPT_IMAGE_SIZE:
			if (cli_parse_size(optarg, &v) || !v)
				return cli_usage_error(prog, "--image-size: invalid size '%s'", optarg);
			o->image_size = v;
			break;
		case OPT_FORMAT: o->format = optarg; break;
		case 'o': o->output = optarg; break;
		case 'h': fputs(usage, stdout); return -1;
		default: return cli_getopt_error(prog, c, argv);
		}
	}
	if (optind < argc && !o->dt) {
		o->dt = argv[optind++];
		o->form = CLI_DT_SNIFF;
	}
	if (optind < argc)
		return cli_usage_error(prog, "unexpected argument '%s'", argv[optind]);
	if (!o->dt || !o->env)
		return cli_usage_error(prog, "a DT and --uboot-env FILE are required");
	if (o->image && o->image_size)
		return cli_usage_error(prog, "--image and --image-size both give the size; use one");
	if (strcmp(o->format, "text") && strcmp(o->format, "json"))
		return cli_usage_error(prog, "--format: '%s' is not text or json", o->format);
	(void)dts;
	return 0;
}

static int write_dtb(const char *path, const void *fdt)
{
	struct cli_out out;
	int status = cli_out_open(&out, prog, path);

	if (status)
		return status;
	fwrite(fdt, 1, fdt_totalsize(fdt), out.f);
	return cli_out_close(&out, prog, true);
}

int cli_handoff_uboot(int argc, char **argv)
{
	struct opts o = { .format = "text" };
	struct mp_uboot_handover ho;
	char *dtb = NULL;
	size_t len;
	void *mem = NULL;
	int status;

	status = parse(argc, argv, &o);
	if (status)
		return status < 0 ? 0 : status;
	if (cli_load_dt(prog, o.dt, o.form, &dtb, &len))
		return CLI_EXIT_USAGE;
	status = cli_uboot_handover(dtb, len, o.env, o.image, o.image_size, &ho, &mem, prog);
	if (!status && o.output && ho.booted)
		status = write_dtb(o.output, ho.fdt);
	if (!status) {
		FILE *f = o.output && !strcmp(o.output, "-") ? stderr : stdout;

		if (!strcmp(o.format, "json")) {
			cli_uboot_print_json(f, &ho);
		} else {
			fprintf(f, "memplan handoff uboot: %s (U-Boot 2023.01 booti)\n", o.dt);
			cli_uboot_print(f, &ho, "  ");
		}
		status = cli_uboot_errors(&ho) ? CLI_EXIT_FINDINGS : 0;
	}
	free(mem);
	free(dtb);
	return status;
}
