// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_ptdump.c - libFuzzer target for planner/bootrec/ptdump.c, the reader of
 * /sys/kernel/debug/kernel_page_tables and of the memstart_addr /proc/iomem
 * gives: the first byte picks the granule (4K/16K/64K) and whether the input
 * is read as iomem or as a page-table dump (then its linear map is converted
 * to physical ranges as `memplan verify` does).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ptdump.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned shifts[] = { 12, 14, 16 };
	unsigned shift;
	uint64_t memstart = 0;
	char *buf;
	uint8_t sel;

	buf = fuzz_take(data, &size, &sel);
	if (!buf)
		return 0;
	shift = shifts[(sel >> 1) % 3];
	if (sel & 1) {
		ptdump_memstart_from_iomem(buf, size, shift, &memstart);
	} else {
		struct ptdump pd;
		struct ptdump_phys phys;
		size_t i;

		memset(&pd, 0, sizeof(pd));
		memset(&phys, 0, sizeof(phys));
		if (!ptdump_parse(&pd, buf, size)) {
			ptdump_section(&pd, "Linear Mapping start");
			for (i = 0; i < pd.n; i++)
				ptdump_entry_map_level(&pd.e[i]);
			if (!ptdump_linear_phys(&pd, 0, 0x40000000, &phys))
				ptdump_phys_free(&phys);
		}
		ptdump_free(&pd);
	}
	free(buf);
	return 0;
}
