// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_iort.c - libFuzzer target for planner/core/iort.c: the input is a
 * whole file as --acpi-iort reads it (/sys/firmware/acpi/tables/IORT), an
 * exact-size heap copy.  mp_iort_parse() reads it; a table it accepts is
 * planned for the minimal DTB (fuzz_dtb.h) under 6.1 and 6.12, so every limit
 * the reader lets through also reaches zone_sizes_init()'s model.  Checks the
 * documented contract: a refusal has a reason and is -MP_ERR_BADINPUT, with
 * or without a reason buffer; an accepted table's summary adds up (the node
 * counts, the node that gives the limit, a limit of the form 2^n - 1).
 */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_dtb.h"
#include "fuzz_input.h"
#include "memplan.h"

/* the accepted summary keeps its own promises */
static void check_summary(const struct mp_iort *io, size_t size)
{
	mp_u64 types = 0;
	int t;

	for (t = 0; t < MP_IORT_NODE_TYPES; t++)
		types += io->by_type[t];
	if (io->length != size || types != io->nr_nodes || io->nr_limits > io->nr_nodes ||
	    io->nr_rc_rev0 > io->by_type[MP_IORT_ROOT_COMPLEX] ||
	    io->nr_bits_over_64 > io->nr_limits)
		abort();
	/* DMA_BIT_MASK(): 2^n - 1 with 1 <= n <= 64, or all ones without a limit */
	if (!io->dma_max || (io->dma_max & (io->dma_max + 1)))
		abort();
	if (!io->has_limit_node) {
		if (io->dma_max != MP_U64_MAX)
			abort();
		return;
	}
	if (io->limit_index >= io->nr_nodes || io->limit_offset < 48 ||
	    io->limit_offset >= io->length ||
	    (io->limit_type != MP_IORT_NAMED_COMPONENT && io->limit_type != MP_IORT_ROOT_COMPLEX))
		abort();
	if (io->limit_bits != 64 && ((io->limit_bits & 63) == 0 ||
				     io->dma_max != (1ULL << (io->limit_bits & 63)) - 1))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf = fuzz_copy(data, size);
	char why[MP_IORT_WHY_LEN];
	struct mp_iort io, again;
	struct mp_input in;
	int ret, ret2;

	ret = mp_iort_parse(buf, size, &io, why, sizeof(why));
	/* the same verdict without a reason buffer, and with a tiny one */
	ret2 = mp_iort_parse(buf, size, &again, NULL, 0);
	if (ret != ret2 || mp_iort_parse(buf, size, &again, why + 1, 1) != ret)
		abort();
	if (ret && (ret != -MP_ERR_BADINPUT || !why[0]))
		abort();
	if (!ret) {
		check_summary(&io, size);
		memset(&in, 0, sizeof(in));
		in.iort = &io;
		in.profile = size & 1 ? MP_LINUX_6_1 : MP_LINUX_6_12;
		mp_kconfig_defaults(in.profile, &in.kc);
		fuzz_plan_min(&in);
	}
	free(buf);
	return 0;
}
