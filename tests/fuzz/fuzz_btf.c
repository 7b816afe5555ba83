// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_btf.c - libFuzzer target for planner/core/btf.c: the input is a whole
 * file as --btf would read it (raw BTF, a vmlinux, an arm64 Image), an
 * exact-size heap copy.  mp_btf_find() locates the blob and
 * mp_btf_struct_size() reads a few names from it (plain, typedef'd, and a
 * one-letter one the fuzzer can make up), and also from the whole input
 * taken as a raw blob.  Checks the documented contract: a blob found lies
 * inside the input and has passed the full check, so reading it never says
 * it is malformed; a failure always gives a reason.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_input.h"
#include "memplan.h"
#include "memplan_btf.h"

static const char *const names[] = { "device_node", "pg_data_t", "a" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf = fuzz_copy(data, size);
	size_t off = 0, blob_len = 0, i;
	const char *why = NULL;
	mp_u64 size_found, size_whole;
	int ret, found, whole;

	ret = mp_btf_find(buf, size, &off, &blob_len, &why);
	if (ret && (ret != -MP_ERR_BADINPUT || !why || !*why))
		abort();
	if (!ret && (why || off > size || blob_len > size - off))
		abort();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		whole = mp_btf_struct_size(buf, size, names[i], &size_whole);
		if (ret)
			continue;
		found = mp_btf_struct_size(buf + off, blob_len, names[i], &size_found);
		if (found == -MP_ERR_BADINPUT)
			abort(); /* the blob passed mp_btf_find()'s full check */
		/* raw BTF: the same sections, read through the file or the blob */
		if (!off && (found != whole || (!found && size_found != size_whole)))
			abort();
	}
	free(buf);
	return 0;
}
