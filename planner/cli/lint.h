/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
#ifndef MEMPLAN_CLI_LINT_H
#define MEMPLAN_CLI_LINT_H
/**
 * cli_cmd_lint() - `memplan lint`
 * @argc: the argument count, from the command's name on
 * @argv: the arguments; argv[0] is "lint"
 *
 * Return: the exit status (CLI_EXIT_*).
 */
int cli_cmd_lint(int argc, char **argv);
#endif
