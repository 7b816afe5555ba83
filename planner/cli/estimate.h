/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
#ifndef MEMPLAN_CLI_ESTIMATE_H
#define MEMPLAN_CLI_ESTIMATE_H
/**
 * cli_cmd_estimate() - `memplan estimate`
 * @argc: the argument count, from the command's name on
 * @argv: the arguments; argv[0] is "estimate"
 *
 * Return: the exit status (CLI_EXIT_*).
 */
int cli_cmd_estimate(int argc, char **argv);
#endif
