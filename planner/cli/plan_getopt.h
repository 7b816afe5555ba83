/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * plan_getopt.h - the option loop of the commands that plan one boot (plan,
 * handoff, devmem, estimate): getopt_long() over the command's own options
 * and the plan options (planinput.h), which it takes itself.
 */
#ifndef MEMPLAN_CLI_PLAN_GETOPT_H
#define MEMPLAN_CLI_PLAN_GETOPT_H

#include "planinput.h"

#define CLI_GETOPT_MAX 64	/* the command's options and the plan options */
#define CLI_GETOPT_BAD (-2)	/* cli_getopt_next(): a bad value, message printed */

struct cli_getopt {
	struct option opts[CLI_GETOPT_MAX];
	struct cli_plan_args *a;
	const char *shortopts;
	const char *prog;
};

/**
 * cli_getopt_init() - start the option loop of a planning command
 * @g: the loop's state
 * @a: where the plan options go
 * @extra: the command's own options (NULL-terminated); --output (returned as
 *	'o') and --help ('h') are added, every planning command has them
 * @shortopts: getopt_long()'s short options, starting with ':'
 * @prog: "memplan CMD", for messages
 *
 * Resets getopt (optind = 1, opterr = 0: errors are reported by the caller
 * with cli_getopt_error()).
 */
void cli_getopt_init(struct cli_getopt *g, struct cli_plan_args *a, const struct option *extra,
		     const char *shortopts, const char *prog);

/**
 * cli_getopt_next() - the next option that is not a plan option
 * @g: the loop's state
 * @argc: the command's argc
 * @argv: the command's argv
 *
 * Return: what getopt_long() returns for the command's own options (also ':'
 * and '?' for the caller's cli_getopt_error()), -1 at the end, or
 * CLI_GETOPT_BAD after a bad plan option value (message printed).
 */
int cli_getopt_next(struct cli_getopt *g, int argc, char **argv);

/**
 * cli_getopt_end() - the checks after the loop
 * @g: the loop's state
 * @argc: the command's argc
 * @argv: the command's argv
 *
 * No argument may follow the options, and the plan options must go
 * together (cli_plan_args_check()).
 *
 * Return: 0, or CLI_EXIT_USAGE after a message.
 */
int cli_getopt_end(const struct cli_getopt *g, int argc, char **argv);

/**
 * cli_number_arg() - the value of a size or address option
 * @prog: "memplan CMD", for the message
 * @opt: the option's name without "--"
 * @arg: its text (cli_parse_size(): C prefixes, memparse suffixes)
 * @v: the value
 *
 * Return: 0, or CLI_EXIT_USAGE after a usage error.
 */
int cli_number_arg(const char *prog, const char *opt, const char *arg, mp_u64 *v);

#endif /* MEMPLAN_CLI_PLAN_GETOPT_H */
