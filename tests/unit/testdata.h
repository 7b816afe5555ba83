/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * testdata.h - read a file of tests/unit/data/ (captures of real boots, BTF
 * subsets of real kernels) at run time, wherever the test binary runs from:
 * the path is taken from this header's own __FILE__.
 */
#ifndef MEMPLAN_TESTDATA_H
#define MEMPLAN_TESTDATA_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the path of tests/unit/data/@name into @path (@size bytes) */
static inline char *test_data_path(const char *name, char *path, size_t size)
{
	const char *slash = strrchr(__FILE__, '/');
	int dir = slash ? (int)(slash - __FILE__) : 0;

	snprintf(path, size, "%.*s%sdata/%s", dir, __FILE__, slash ? "/" : "", name);
	return path;
}

/*
 * tests/unit/data/@name as a malloc()ed, NUL-terminated buffer (@len, when not
 * NULL, gets its length without the NUL); exits 2 when it cannot be read.
 */
static inline char *test_data_load(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	f = fopen(test_data_path(name, path, sizeof(path)), "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "cannot read test data %s\n", path);
		exit(2);
	}
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}
#endif
