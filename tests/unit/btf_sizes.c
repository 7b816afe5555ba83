// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * btf_sizes.c - the struct sizes memplan's BTF reader finds in a file: the
 * test program of tests/btf/run.sh, which holds a subset written by
 * scripts/btf-subset.py against the full kernel Image it was cut from.
 * Reads FILE with cli_btf_load() (raw BTF, vmlinux, arm64 Image, gzip'd or
 * not) and prints "NAME SIZE" per NAME (mp_btf_struct_size()), or
 * "NAME error: REASON".
 * Usage: btf-sizes FILE NAME...
 * Exit status: 0; 1 a NAME has no size; 2 FILE holds no usable BTF, or usage.
 */
#include <stdio.h>

#include "btf_file.h"
#include "memplan.h"
#include "memplan_btf.h"
#include "util.h"

int main(int argc, char **argv)
{
	struct cli_btf btf;
	char err[256];
	int i, status = CLI_EXIT_OK;

	if (argc < 3) {
		fprintf(stderr, "usage: btf-sizes FILE NAME...\n");
		return CLI_EXIT_USAGE;
	}
	if (cli_btf_load(argv[1], &btf, err, sizeof(err)))
		return cli_error("btf-sizes", "%s", err);
	for (i = 2; i < argc; i++) {
		mp_u64 size;
		int ret = mp_btf_struct_size(btf.blob, btf.blob_len, argv[i], &size);

		if (ret) {
			printf("%s error: %s\n", argv[i], mp_strerror(ret));
			status = CLI_EXIT_FINDINGS;
		} else {
			printf("%s %llu\n", argv[i], (unsigned long long)size);
		}
	}
	cli_btf_free(&btf);
	return status;
}
