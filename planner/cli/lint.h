/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
#ifndef MEMPLAN_CLI_LINT_H
#define MEMPLAN_CLI_LINT_H
/* `memplan lint` (argv[0] is "lint"); returns the exit status */
int cli_cmd_lint(int argc, char **argv);
#endif
