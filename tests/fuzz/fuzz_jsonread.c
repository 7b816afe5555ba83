// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_jsonread.c - libFuzzer target for planner/bootrec/jsonread.c, the reader of
 * a record's early_mm.json (the kernel's /sys/kernel/debug/arm64_early_mm): parse the
 * input (an exact-size heap copy, not NUL-terminated), then use the tree the
 * way `memplan verify` does: look members up, compare the document with
 * itself and its halves, describe values.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"
#include "fuzz_input.h"

static void walk(const struct jr_value *v, int depth)
{
	char buf[64];
	size_t i;

	jr_brief(v, buf, sizeof(buf));
	if (depth > 64)
		return;
	for (i = 0; i < v->nr_kids; i++)
		walk(&v->kids[i], depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jr_value *a = NULL, *b = NULL;
	const struct jr_value *da, *db;
	char err[128], where[128];
	char *buf = fuzz_copy(data, size);

	if (!jr_parse(buf, size, &a, err, sizeof(err))) {
		walk(a, 0);
		jr_member(a, "schema");
		jr_member(a, "crashkernel");
		if (!jr_equal(a, a, where, sizeof(where), &da, &db))
			abort(); /* a document differs from itself */
		/* the first half, when it parses on its own, against the whole */
		if (!jr_parse(buf, size / 2, &b, err, sizeof(err))) {
			jr_equal(a, b, where, sizeof(where), &da, &db);
			jr_free(b);
		}
		jr_free(a);
	}
	free(buf);
	return 0;
}
