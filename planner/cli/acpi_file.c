// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * acpi_file.c - load the file --acpi-iort names.  The table's checks and its
 * DMA limit are the core's (planner/core/iort.c, mp_iort_parse()); this file
 * only reads the bytes.
 */
#include <stdio.h>
#include <stdlib.h>

#include "acpi_file.h"
#include "util.h"

int cli_iort_load(const char *path, struct mp_iort *out, char *err, size_t errlen)
{
	char reason[MP_IORT_WHY_LEN];
	size_t len;
	char *buf;
	int r;

	if (cli_load_file(path, CLI_ACPI_FILE_MAX, &buf, &len, reason, sizeof(reason))) {
		snprintf(err, errlen, "--acpi-iort %s: %s", path, reason);
		return -1;
	}
	r = mp_iort_parse(buf, len, out, reason, sizeof(reason));
	free(buf);
	if (r) {
		snprintf(err, errlen, "--acpi-iort %s: %s", path, reason);
		return -1;
	}
	return 0;
}
