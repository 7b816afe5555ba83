/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memplan_btf.h - the size of a named kernel struct, from the kernel's own BTF.
 *
 * The planner sizes the kernel's early allocations (the unflattened DT is
 * N * sizeof(struct device_node) + M * sizeof(struct property) + ...); those
 * sizes depend on the kernel's configuration, and its BTF (BPF Type Format,
 * the kernel's Documentation/bpf/btf.rst) states them.  mp_btf_find() locates
 * the BTF blob in what a user has at hand (/sys/kernel/btf/vmlinux, a vmlinux,
 * the arm64 Image that is booted); mp_btf_struct_size() reads one struct's
 * size from it.  Both read caller memory only and check every offset and
 * length first: the input is untrusted.
 */
#ifndef MEMPLAN_BTF_H
#define MEMPLAN_BTF_H

#include "memplan_env.h"

/**
 * mp_btf_find() - where a BTF blob lies in a buffer
 * @buf: the whole file: raw BTF (/sys/kernel/btf/vmlinux, magic 0xeB9F at
 *	offset 0, little-endian), an ELF64 little-endian vmlinux (its ".BTF"
 *	section) or an arm64 Image ("ARM\x64" at offset 0x38; the .BTF
 *	section lies somewhere in its data and is found by its header)
 * @len: bytes at @buf
 * @off: set to the blob's offset in @buf
 * @blob_len: set to its length (header, type and string sections)
 * @why: set to one phrase on failure ("truncated type section", ...),
 *	to NULL on success; may be NULL
 *
 * The blob returned has passed a full check: its header, both sections
 * within it, and every type of its type section.  Big-endian BTF and ELF
 * are refused.  In an Image the first candidate header that passes wins
 * (a Debian Image carries exactly one); at most MP_BTF_SCAN_CANDIDATES
 * candidates are checked in full, so hostile input cannot make it slow.
 *
 * Return: 0; -MP_ERR_BADINPUT when no valid BTF blob is found; -MP_ERR_BADARG
 * for a NULL @buf, @off or @blob_len.
 */
int mp_btf_find(const void *buf, size_t len, size_t *off, size_t *blob_len, const char **why);

/* the most candidate headers mp_btf_find() checks in full in an Image */
#define MP_BTF_SCAN_CANDIDATES 16

/**
 * mp_btf_struct_size() - the size of a named struct in a BTF blob
 * @blob: the blob (what mp_btf_find() located, or a whole raw BTF file)
 * @blob_len: its length
 * @name: a struct's name without "struct " ("device_node"), or a typedef
 *	that names a struct ("pg_data_t" for struct pglist_data), through
 *	further typedefs and qualifiers
 * @size: set to sizeof() of that struct, in bytes
 *
 * A STRUCT of that name is preferred to a typedef of it.  The whole blob is
 * checked on every call, also past the struct found.  Two structs of one
 * name with different sizes (static types of two files, as vmlinux has for
 * "console" or "its_device") make the name ambiguous.
 *
 * Return: 0; -MP_ENOENT when no struct and no typedef of a struct has that
 * name; -MP_EINVAL when the name is ambiguous; -MP_ERR_BADINPUT for a blob
 * that is not valid BTF; -MP_ERR_BADARG for NULL arguments or an empty name.
 */
int mp_btf_struct_size(const void *blob, size_t blob_len, const char *name, mp_u64 *size);

#endif /* MEMPLAN_BTF_H */
