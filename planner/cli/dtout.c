// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * dtout.c - flattened-DT helpers of the hand-off commands: cell lists in and
 * out, and the blob written as DTB or (through dtc) DTS.
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

void cli_dt_cells(const void *fdt, int node, int *ac, int *sc)
{
	const fdt32_t *p;
	int len;

	*ac = 2;
	*sc = 1;
	p = fdt_getprop(fdt, node, "#address-cells", &len);
	if (p && len == 4)
		*ac = (int)fdt32_to_cpu(*p);
	p = fdt_getprop(fdt, node, "#size-cells", &len);
	if (p && len == 4)
		*sc = (int)fdt32_to_cpu(*p);
}

mp_u64 cli_dt_read(const void *p, int n)
{
	const unsigned char *b = p;
	mp_u64 v = 0;
	int i;

	for (i = 0; i < n; i++) {
		fdt32_t c;

		memcpy(&c, b + 4 * i, 4);
		v = (v << 32) | fdt32_to_cpu(c);
	}
	return v;
}

int cli_dt_ranges(const void *fdt, int node, const char *prop, int ac, int sc,
		  struct mp_range *out, size_t cap)
{
	const unsigned char *p;
	int len, n, i, pair = (ac + sc) * 4;

	p = fdt_getprop(fdt, node, prop, &len);
	if (!p || len <= 0)
		return 0;
	if (pair <= 0 || len % pair)
		return -1;
	n = len / pair;
	for (i = 0; i < n && (size_t)i < cap; i++) {
		out[i].base = cli_dt_read(p + i * pair, ac);
		out[i].size = cli_dt_read(p + i * pair + ac * 4, sc);
	}
	return n;
}

static void put_cells(fdt32_t *c, mp_u64 v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		c[i] = cpu_to_fdt32((uint32_t)v);
		v = n > 1 ? v >> 32 : 0;
	}
}

int cli_dt_set_ranges(void *fdt, int node, const char *prop, const struct mp_range *r,
		      size_t n, int ac, int sc)
{
	size_t i, k = 0, per = (size_t)(ac + sc);
	fdt32_t *cells;
	int ret;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -FDT_ERR_BADNCELLS;
	cells = calloc(n ? n * per : 1, sizeof(*cells));
	if (!cells)
		return -FDT_ERR_NOSPACE;
	for (i = 0; i < n; i++) {
		put_cells(&cells[k], r[i].base, ac);
		k += (size_t)ac;
		put_cells(&cells[k], r[i].size, sc);
		k += (size_t)sc;
	}
	ret = fdt_setprop(fdt, node, prop, cells, (int)(k * sizeof(*cells)));
	free(cells);
	return ret;
}

bool cli_overlaps(mp_u64 a, mp_u64 as, mp_u64 b, mp_u64 bs)
{
	if (!as || !bs)
		return false;
	/* inclusive ends avoid overflow at the top of the address space */
	return a <= b + (bs - 1) && b <= a + (as - 1);
}

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
