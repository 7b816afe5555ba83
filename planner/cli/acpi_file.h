/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * acpi_file.h - read an ACPI table the plan takes as input from a file: the
 * IORT (--acpi-iort, or IORT in a `memplan verify` record), whose DMA limit
 * bounds ZONE_DMA.  The core's memplan_acpi.h reads the bytes.
 */
#ifndef MEMPLAN_CLI_ACPI_FILE_H
#define MEMPLAN_CLI_ACPI_FILE_H

#include <stddef.h>

#include "memplan.h"

/* The largest table read: an IORT has a 32-bit length, real ones a few KiB. */
#define CLI_ACPI_FILE_MAX (1u << 20)

/**
 * cli_iort_load() - read an IORT from a file and compute its DMA limit
 * @path: the file, as `cat /sys/firmware/acpi/tables/IORT` gives it; "-" is
 *	standard input
 * @out: the table's limit and summary (mp_iort_parse())
 * @err: on failure one line, "--acpi-iort PATH: reason"
 * @errlen: the size of @err
 *
 * Return: 0 or -1.
 */
int cli_iort_load(const char *path, struct mp_iort *out, char *err, size_t errlen);

#endif /* MEMPLAN_CLI_ACPI_FILE_H */
