/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
#ifndef MEMPLAN_CLI_ESTIMATE_H
#define MEMPLAN_CLI_ESTIMATE_H
/* `memplan estimate` (argv[0] is "estimate"); returns the exit status */
int cli_cmd_estimate(int argc, char **argv);
#endif
