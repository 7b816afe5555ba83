/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
#ifndef MEMPLAN_CLI_HANDOFF_H
#define MEMPLAN_CLI_HANDOFF_H
/* `memplan handoff` (argv[0] is "handoff"); returns the exit status */
int cli_cmd_handoff(int argc, char **argv);
#endif
