// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * btf_file.c - load the file --btf names and find the kernel's BTF in it.  The
 * containers and every check are the core's (planner/core/btf.c,
 * mp_btf_find()); this file only reads the bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf_file.h"
#include "memplan.h"
#include "memplan_btf.h"
#include "util.h"

int cli_btf_load(const char *path, struct cli_btf *out, char *err, size_t errlen)
{
	const char *why;
	char reason[128];
	size_t len, off, blob_len;
	char *buf;

	memset(out, 0, sizeof(*out));
	/* a distribution's vmlinuz may be a gzip'd Image (Debian's arm64 one is not) */
	if (cli_load_file_gunzip(path, CLI_BTF_FILE_MAX, &buf, &len, reason, sizeof(reason))) {
		snprintf(err, errlen, "--btf %s: %s", path, reason);
		return -1;
	}
	if (mp_btf_find(buf, len, &off, &blob_len, &why)) {
		snprintf(err, errlen, "--btf %s: %s", path, why);
		free(buf);
		return -1;
	}
	out->file = buf;
	out->file_len = len;
	out->blob = buf + off;
	out->blob_len = blob_len;
	out->off = off;
	return 0;
}

void cli_btf_free(struct cli_btf *btf)
{
	free(btf->file);
	memset(btf, 0, sizeof(*btf));
}

int cli_btf_struct_sizes(const char *path, mp_u64 sizes[MP_KS_COUNT], char *err, size_t errlen)
{
	struct cli_btf btf;
	int k, r;

	if (cli_btf_load(path, &btf, err, errlen))
		return -1;
	for (k = 0; k < MP_KS_COUNT; k++) {
		mp_u64 size = 0;

		r = mp_btf_struct_size(btf.blob, btf.blob_len, mp_kstruct_name((enum mp_kstruct)k),
				       &size);
		/* a struct this kernel lacks is left to the .config's layout */
		if (r && r != -MP_ENOENT) {
			snprintf(err, errlen, "--btf %s: struct %s: %s", path,
				 mp_kstruct_name((enum mp_kstruct)k),
				 r == -MP_EINVAL ? "two different sizes under one name" :
						   "malformed BTF");
			cli_btf_free(&btf);
			return -1;
		}
		/* the structs read are bytes to kilobytes; a larger one is not a kernel's */
		if (!r && size > (1u << 20)) {
			snprintf(err, errlen, "--btf %s: struct %s is %llu bytes: not a kernel's "
				 "BTF", path, mp_kstruct_name((enum mp_kstruct)k),
				 (unsigned long long)size);
			cli_btf_free(&btf);
			return -1;
		}
		sizes[k] = r ? 0 : size;
	}
	cli_btf_free(&btf);
	return 0;
}
