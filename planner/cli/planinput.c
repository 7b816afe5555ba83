// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * planinput.c - options describing one boot, and the plan built from them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "kconfig.h"
#include "planinput.h"
#include "uboot.h"
#include "util.h"

/* arena: 64 MiB + 256 bytes per DT byte (capped at 1 GiB), once 4x on -NOSPACE */
#define ARENA_BASE (64u << 20)
#define ARENA_PER_DT_BYTE 256u
#define ARENA_CAP (1ull << 30)
#define ARENA_RETRY_FACTOR 4

enum {
	OPT_DTB = CLI_PLAN_OPT_FIRST,
	OPT_DTS,
	OPT_CMDLINE,
	OPT_KERNEL,
	OPT_KCONFIG,
	OPT_IMAGE,
	OPT_IMAGE_BASE,
	OPT_IMAGE_SIZE,
	OPT_FDT_BASE,
	OPT_UBOOT_ENV,
};

const struct option cli_plan_options[] = {
	CLI_OPT_ARG("dtb", OPT_DTB), CLI_OPT_ARG("dts", OPT_DTS),
	CLI_OPT_ARG("cmdline", OPT_CMDLINE), CLI_OPT_ARG("kernel", OPT_KERNEL),
	CLI_OPT_ARG("kconfig", OPT_KCONFIG), CLI_OPT_ARG("image", OPT_IMAGE),
	CLI_OPT_ARG("image-base", OPT_IMAGE_BASE), CLI_OPT_ARG("image-size", OPT_IMAGE_SIZE),
	CLI_OPT_ARG("fdt-base", OPT_FDT_BASE), CLI_OPT_ARG("uboot-env", OPT_UBOOT_ENV),
	{ NULL, 0, NULL, 0 },
};

const char cli_plan_options_help[] =
	"  --dtb FILE            the flattened DT as the kernel receives it\n"
	"  --dts FILE            DT source; compiled with `dtc -I dts -O dtb` first\n"
	"  --cmdline STR         kernel command line (default: /chosen/bootargs)\n"
	"  --kernel PROFILE      linux-6.1 | linux-6.12 | mainline | memplan-6.12\n"
	"                        (default: linux-6.12)\n"
	"  --kconfig FILE        the kernel's .config (default: the profile's defaults)\n"
	"  --image FILE          arm64 Image: its header gives the image size\n"
	"  --image-base ADDR     physical address of the Image (_text)\n"
	"  --image-size N        _end - _text, instead of --image\n"
	"  --fdt-base ADDR       where the DTB itself sits in memory (it is reserved)\n"
	"  --uboot-env FILE      plan the DT and placement U-Boot 2023.01 booti hands over\n"
	"                        from this environment (printenv text; see memplan(1))\n";

struct option *cli_plan_options_merge(struct option *out, size_t cap, const struct option *extra)
{
	size_t n = 0, i;

	for (i = 0; extra && extra[i].name; i++) {
		if (n + 1 >= cap)
			return NULL;
		out[n++] = extra[i];
	}
	for (i = 0; cli_plan_options[i].name; i++) {
		if (n + 1 >= cap)
			return NULL;
		out[n++] = cli_plan_options[i];
	}
	memset(&out[n], 0, sizeof(out[n]));
	return out;
}

static int number(const char *prog, const char *opt, const char *arg, mp_u64 *v)
{
	uint64_t x;

	if (cli_parse_size(arg, &x)) {
		cli_error(prog, "--%s: invalid number '%s' (expected e.g. 0x40000000, 64M)", opt, arg);
		return -1;
	}
	*v = x;
	return 0;
}

int cli_plan_arg(struct cli_plan_args *a, int c, const char *arg, const char *prog)
{
	switch (c) {
	case OPT_DTB: a->dtb = arg; return 1;
	case OPT_DTS: a->dts = arg; return 1;
	case OPT_CMDLINE: a->cmdline = arg; return 1;
	case OPT_KERNEL: a->kernel = arg; return 1;
	case OPT_KCONFIG: a->kconfig = arg; return 1;
	case OPT_IMAGE: a->image = arg; return 1;
	case OPT_IMAGE_BASE:
		a->image_base_given = true;
		return number(prog, "image-base", arg, &a->image_base) ? -1 : 1;
	case OPT_IMAGE_SIZE:
		a->image_size_given = true;
		if (number(prog, "image-size", arg, &a->image_size))
			return -1;
		if (!a->image_size) {
			cli_error(prog, "--image-size: must not be 0");
			return -1;
		}
		return 1;
	case OPT_UBOOT_ENV: a->uboot_env = arg; return 1;
	case OPT_FDT_BASE:
		a->fdt_base_given = true;
		return number(prog, "fdt-base", arg, &a->fdt_base) ? -1 : 1;
	}
	return 0;
}

int cli_plan_args_check(const struct cli_plan_args *a, const char *prog)
{
	enum mp_profile p;

	int given = !!a->dtb + !!a->dts + !!a->dt_file;

	if (given != 1)
		return cli_error(prog, given ? "give one DT: FILE, --dtb FILE or --dts FILE" :
					  "a DT is required: FILE, --dtb FILE or --dts FILE "
					  "(\"-\" reads standard input)");
	if (a->image && a->image_size_given)
		return cli_error(prog, "--image and --image-size both give the image size; use one");
	if (a->kernel && mp_profile_parse(a->kernel, &p) < 0)
		return cli_error(prog, "--kernel: unknown profile '%s' (linux-6.1, linux-6.12, "
				  "mainline, memplan-6.12)", a->kernel);
	return 0;
}

int cli_plan_load(const struct cli_plan_args *a, struct cli_planned *p, const char *prog)
{
	char err[512];

	memset(p, 0, sizeof(*p));
	p->dt_name = a->dtb ? a->dtb : a->dts ? a->dts : a->dt_file;
	if (!strcmp(p->dt_name, "-"))
		p->dt_name = "<stdin>";	/* as dtc names it */
	if (mp_profile_parse(a->kernel ? a->kernel : "linux-6.12", &p->in.profile) < 0 ||
	    mp_kconfig_defaults(p->in.profile, &p->in.kc) < 0)
		return cli_error(prog, "--kernel: unknown profile '%s'", a->kernel);
	if (a->kconfig && cli_kconfig_load(&p->in.kc, a->kconfig, &p->kcbuf, err, sizeof(err)))
		return cli_error(prog, "%s", err);
	if (a->image) {
		struct cli_image_header hdr;

		if (cli_image_read(a->image, &hdr, err, sizeof(err)))
			return cli_error(prog, "%s", err);
		if (hdr.big_endian)
			fprintf(stderr, "%s: warning: %s: a big-endian kernel; memplan models "
					"little-endian arm64\n", prog, a->image);
		if (hdr.page_shift && hdr.page_shift != p->in.kc.page_shift)
			fprintf(stderr, "%s: warning: %s: built for %u KiB pages, but the %s says "
					"%u KiB\n", prog, a->image, (1u << hdr.page_shift) >> 10,
				a->kconfig ? ".config" : "profile default",
				(1u << p->in.kc.page_shift) >> 10);
		p->in.image.size = hdr.image_size;
	}
	if (a->image_size_given)
		p->in.image.size = a->image_size;
	if (a->image_base_given) {
		p->in.image.text = a->image_base;
		p->in.image_given = true;
	}
	p->in.fdt_base = a->fdt_base;
	p->in.fdt_base_given = a->fdt_base_given;
	p->in.cmdline = a->cmdline;
	p->in.strict = true;
	if (cli_load_dt(prog, a->dtb ? a->dtb : a->dts ? a->dts : a->dt_file,
			a->dtb ? CLI_DT_BLOB : a->dts ? CLI_DT_SOURCE : CLI_DT_SNIFF, &p->dtb,
			&p->dtb_len))
		return CLI_EXIT_USAGE;
	p->in.fdt = p->dtb;
	p->in.fdt_len = p->dtb_len;
	return a->uboot_env ? cli_uboot_apply(p, a->uboot_env, a->image, prog) : 0;
}

int cli_plan_run(struct cli_planned *p, const char *prog)
{
	size_t size = p->dtb_len > ARENA_CAP / ARENA_PER_DT_BYTE ? ARENA_CAP :
			ARENA_BASE + p->dtb_len * ARENA_PER_DT_BYTE;
	int ret = 0, attempt;

	if (size > ARENA_CAP)
		size = ARENA_CAP;
	if (p->mem && p->mem_size >= size)
		size = p->mem_size;
	for (attempt = 0; attempt < 2; attempt++) {
		if (!p->mem || p->mem_size < size) {
			free(p->mem);
			p->mem = malloc(size);
			p->mem_size = p->mem ? size : 0;
		}
		if (!p->mem)
			return cli_error(prog, "%s: cannot allocate %zu MiB for the plan", p->dt_name,
				    size >> 20);
		mp_arena_init(&p->arena, p->mem, p->mem_size);
		p->plan = NULL;
		ret = mp_plan_build(&p->in, &p->arena, &p->plan);
		if (ret != -MP_ERR_NOSPACE)
			break;
		size *= ARENA_RETRY_FACTOR;
	}
	if (ret == -MP_ERR_NOSPACE)
		return cli_error(prog, "%s: the plan needs more than %zu MiB of memory", p->dt_name,
			    p->mem_size >> 20);
	if (ret < 0) {
		cli_error(prog, "%s: %s", p->dt_name,
		     p->plan && p->plan->error ? p->plan->error : mp_strerror(-ret));
		if (ret == -MP_ERR_BADDTB && p->dtb_len >= 8 && !memcmp(p->dtb, "/dts-v1/", 8))
			fprintf(stderr, "%s: %s looks like DT source: use --dts\n", prog,
				p->dt_name);
		return CLI_EXIT_USAGE;
	}
	return 0;
}

void cli_planned_free(struct cli_planned *p)
{
	free(p->mem);
	free(p->dtb);
	free(p->kcbuf);
	memset(p, 0, sizeof(*p));
}

int cli_plan_boot(const struct cli_plan_args *a, struct cli_planned *p, const char *prog)
{
	int status = cli_plan_load(a, p, prog);

	return status ? status : cli_plan_run(p, prog);
}
