/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * btf_file.h - read the kernel's BTF from a file, for the struct sizes the
 * planner needs (the core's memplan_btf.h reads them from the blob).
 */
#ifndef MEMPLAN_CLI_BTF_FILE_H
#define MEMPLAN_CLI_BTF_FILE_H

#include <stddef.h>

#include "memplan.h"

/* The largest file read: a vmlinux with DWARF debug info is several hundred MiB. */
#define CLI_BTF_FILE_MAX (1024u << 20)

/**
 * struct cli_btf - a BTF blob and the file it was found in
 * @file: the whole file, malloc()ed (decompressed when it was gzip'd)
 * @file_len: its length
 * @blob: the BTF blob inside @file, for mp_btf_struct_size()
 * @blob_len: its length
 * @off: its offset in @file (0 for raw BTF)
 */
struct cli_btf {
	char *file;
	size_t file_len;
	const void *blob;
	size_t blob_len;
	size_t off;
};

/**
 * cli_btf_load() - read a file and find the kernel's BTF in it
 * @path: raw BTF (/sys/kernel/btf/vmlinux), a vmlinux with .BTF or an arm64
 *	Image carrying it, optionally gzip'd; "-" is standard input
 * @out: filled on success (zeroed on failure); release it with cli_btf_free()
 * @err: on failure one line "--btf PATH: reason"; the caller prints it with
 *	cli_error(), so it reads "memplan CMD: --btf PATH: reason", and exits
 *	with status 2 (CLI_EXIT_USAGE) like the other readers
 * @errlen: the size of @err
 *
 * The blob has passed the core's full check (mp_btf_find()).
 *
 * Return: 0 or -1.
 */
int cli_btf_load(const char *path, struct cli_btf *out, char *err, size_t errlen);

/**
 * cli_btf_free() - release what cli_btf_load() read
 * @btf: the loaded file; zeroed, so a second call does nothing
 */
void cli_btf_free(struct cli_btf *btf);

/**
 * cli_btf_struct_sizes() - the sizes of the structs the planner needs, from BTF
 * @path: as for cli_btf_load()
 * @sizes: indexed by enum mp_kstruct; a struct the BTF lacks stays 0
 * @err: on failure one line, as for cli_btf_load()
 * @errlen: the size of @err
 *
 * Return: 0 or -1.
 */
int cli_btf_struct_sizes(const char *path, mp_u64 sizes[MP_KS_COUNT], char *err, size_t errlen);

#endif /* MEMPLAN_CLI_BTF_FILE_H */
