// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_args.c - libFuzzer target for the argument parsing every planning
 * subcommand shares: the input, split at NUL bytes, is an argv (at most 64
 * arguments after "memplan").  Every argument goes through cli_parse_size();
 * then getopt_long() runs over cli_plan_options with the option string of
 * `memplan plan` (":o:h"), each option going to cli_plan_arg(), and
 * cli_plan_args_check() judges the result, as main.c's parse_plan_options()
 * does.  Arguments that pass are planned the way cli_plan_load() would, but
 * without opening anything: --dtb/--dts/--kconfig/--image only name files,
 * so the minimal DTB of fuzz_dtb.h and the profile's defaults stand in, while
 * --kernel, --cmdline, --image-base, --image-size and --fdt-base are used as
 * given (they go to the core unchecked by the CLI).
 */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_dtb.h"
#include "memplan.h"
#include "planinput.h"
#include "util.h"

#define MAX_ARGS 64

static void plan_args(const struct cli_plan_args *a)
{
	struct mp_input in;

	memset(&in, 0, sizeof(in));
	/* cli_plan_args_check() accepted the profile name */
	if (mp_profile_parse(a->kernel ? a->kernel : "linux-6.12", &in.profile) < 0 ||
	    mp_kconfig_defaults(in.profile, &in.kc) < 0)
		abort();
	if (a->image_size_given)
		in.image.size = a->image_size;
	if (a->image_base_given) {
		in.image.text = a->image_base;
		in.image_given = true;
	}
	in.fdt_base = a->fdt_base;
	in.fdt_base_given = a->fdt_base_given;
	in.cmdline = a->cmdline;
	in.strict = true;
	fuzz_plan_min(&in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 2], *buf, *p, *end;
	struct cli_plan_args a;
	int argc = 0, c, r, bad = 0, i;

	buf = malloc(size + 1);
	if (!buf)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = (char *)"memplan";
	for (p = buf, end = buf + size; argc <= MAX_ARGS; p += strlen(p) + 1) {
		argv[argc++] = p;
		if (p + strlen(p) >= end)
			break;
	}
	argv[argc] = NULL;

	for (i = 1; i < argc; i++) {
		uint64_t v;
		char *rest;

		/* where strtoull() stops a K..E suffix must follow, and it multiplies
		 * by at least 1024: a value that parses must show that */
		(void)strtoull(argv[i], &rest, 0);
		if (!cli_parse_size(argv[i], &v) && *rest && (v & 1023))
			abort();
	}

	memset(&a, 0, sizeof(a));
	optind = 0; /* glibc: 0 re-initialises getopt completely, 1 keeps its scan state */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", cli_plan_options, NULL)) != -1) {
		r = cli_plan_arg(&a, c, optarg, "memplan");
		if (r < 0 || (!r && c != 'o' && c != 'h')) {
			bad = 1;
			break;
		}
	}
	if (!bad && optind >= argc && !cli_plan_args_check(&a, "memplan"))
		plan_args(&a);
	free(buf);
	return 0;
}
