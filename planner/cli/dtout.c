// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * dtout.c - a flattened DT written as DTB or (through dtc) DTS, for the
 * hand-off commands.  (Reading and writing cells is the core's: dtscan.c,
 * handoff.c.)
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libfdt.h>

#include "dtout.h"
#include "util.h"
#include "output.h"

/* the blob through cli_out: a regular file appears only once it is complete */
static int write_blob(const char *prog, const void *fdt, const char *path)
{
	size_t n = fdt_totalsize(fdt);
	struct cli_out out;
	bool ok;

	if (cli_out_open(&out, prog, path))
		return -1;
	ok = fwrite(fdt, 1, n, out.f) == n;
	return cli_out_close(&out, prog, ok) || !ok ? -1 : 0;
}

int cli_dt_write(const char *prog, const void *fdt, const char *path, bool dts)
{
	char tmp[4096];
	int fd, ret = -1;

	if (!dts)
		return write_blob(prog, fdt, path);
	fd = cli_tmpfile(prog, ".dtb", tmp, sizeof(tmp));
	if (fd < 0)
		return -1;
	close(fd);
	if (write_blob(prog, fdt, tmp))
		goto out;
	if (cli_run_dtc(prog, "dtb", "dts", tmp, path, path))
		goto out;
	ret = 0;
out:
	unlink(tmp);
	return ret;
}
