/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
#ifndef MEMPLAN_CLI_DEVMEM_H
#define MEMPLAN_CLI_DEVMEM_H
/* `memplan devmem` (argv[0] is "devmem"); returns the exit status */
int cli_cmd_devmem(int argc, char **argv);
#endif
