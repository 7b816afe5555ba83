/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * efimap_file.h - reading --efi-memmap FILE (efimap_file.c).
 */
#ifndef MEMPLAN_CLI_EFIMAP_FILE_H
#define MEMPLAN_CLI_EFIMAP_FILE_H

#include <stddef.h>
#include "memplan_efi.h"

/**
 * cli_efi_map_parse() - an EFI memory map from text: JSON when it starts with
 *	"{", else a boot log (mp_efi_map_parse())
 * @text: the text (need not be NUL-terminated)
 * @len: its bytes
 * @m: the map
 * @err: one line, on failure
 * @errlen: bytes at @err
 *
 * Return: 0, or -1 with @err set.
 */
int cli_efi_map_parse(const char *text, size_t len, struct mp_efi_map *m, char *err,
		      size_t errlen);

/**
 * cli_efi_map_load() - read an EFI memory map: a boot log with efi=debug (the
 *	"efi: Processing EFI memory map:" block, pasted or in a whole dmesg or
 *	console log) or memplan's JSON form
 * @path: the file ("-": standard input)
 * @out: set to the map (free() it)
 * @err: one line, on failure
 * @errlen: bytes at @err
 *
 * Return: 0, or -1 with @err set.
 */
int cli_efi_map_load(const char *path, struct mp_efi_map **out, char *err, size_t errlen);

#endif /* MEMPLAN_CLI_EFIMAP_FILE_H */
