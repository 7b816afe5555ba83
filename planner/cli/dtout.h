/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * dtout.h - writing a flattened DT as DTB or, through dtc, as DTS (the
 * handoff commands).
 */
#ifndef MEMPLAN_CLI_DTOUT_H
#define MEMPLAN_CLI_DTOUT_H

#include <stdbool.h>
#include <stddef.h>
#include "memplan.h"

/**
 * cli_dt_write() - write a flattened DT as DTB or DTS
 * @prog: "memplan CMD": messages go to stderr prefixed with it
 * @fdt: the blob
 * @path: the file ("-": standard output); a regular file appears only once
 *	it is complete
 * @dts: decompile with `dtc -I dtb -O dts` instead
 *
 * Return: 0 or -1.
 */
int cli_dt_write(const char *prog, const void *fdt, const char *path, bool dts);

#endif
