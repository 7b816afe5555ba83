// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * plan_getopt.c - the option loop the planning commands share: their own
 * options merged with the plan options, which are taken here.
 */
#include <getopt.h>
#include <string.h>

#include "plan_getopt.h"
#include "util.h"

/* the options every planning command has, after its own */
static const struct option common[] = {
	CLI_OPT_ARG("output", 'o'), CLI_OPT_FLAG("help", 'h'),
};

void cli_getopt_init(struct cli_getopt *g, struct cli_plan_args *a, const struct option *extra,
		     const char *shortopts, const char *prog)
{
	struct option own[CLI_GETOPT_MAX];
	size_t n = 0, i;

	for (i = 0; extra && extra[i].name && n + 3 < CLI_GETOPT_MAX; i++)
		own[n++] = extra[i];
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		own[n++] = common[i];
	memset(&own[n], 0, sizeof(own[n]));
	cli_plan_options_merge(g->opts, CLI_GETOPT_MAX, own);
	g->a = a;
	g->shortopts = shortopts;
	g->prog = prog;
	optind = 1;
	opterr = 0;
}

int cli_getopt_next(struct cli_getopt *g, int argc, char **argv)
{
	int c, r;

	while ((c = getopt_long(argc, argv, g->shortopts, g->opts, NULL)) != -1) {
		r = cli_plan_arg(g->a, c, optarg, g->prog);
		if (r < 0)
			return CLI_GETOPT_BAD;
		if (!r)
			return c;
	}
	return -1;
}

int cli_getopt_end(const struct cli_getopt *g, int argc, char **argv)
{
	if (optind < argc)
		return cli_usage_error(g->prog, "unexpected argument '%s'", argv[optind]);
	return cli_plan_args_check(g->a, g->prog) ? CLI_EXIT_USAGE : 0;
}

int cli_number_arg(const char *prog, const char *opt, const char *arg, mp_u64 *v)
{
	uint64_t x;

	if (cli_parse_size(arg, &x))
		return cli_usage_error(prog, "--%s: invalid number '%s' (expected e.g. "
				       "0x40000000, 64M)", opt, arg);
	*v = x;
	return 0;
}
