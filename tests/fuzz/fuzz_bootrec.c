// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_bootrec.c - libFuzzer target for planner/bootrec/bootrec.c: the first
 * byte selects the parser (console log, dmesg log, both + merge, /proc/iomem,
 * memblock debugfs, one line split, a VMCOREINFO number, swiotlb pools); the rest is the (not NUL-terminated)
 * input, in an exact-size heap copy.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bootrec.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t sel;
	char *buf;

	buf = fuzz_take(data, &size, &sel);
	if (!buf)
		return 0;
	switch (sel % 8) {
	case 0:
	case 1: {
		struct bootrec_log log;

		memset(&log, 0, sizeof(log));
		bootrec_log_parse(&log, buf, size,
				  sel % 8 ? BOOTREC_SRC_DMESG : BOOTREC_SRC_CONSOLE);
		bootrec_log_free(&log);
		break;
	}
	case 2: {
		/* split at a data-chosen point: console part, dmesg part, merge */
		struct bootrec_log con, dm, out;
		size_t cut = size ? (sel >> 3) * size / 32 : 0;

		memset(&con, 0, sizeof(con));
		memset(&dm, 0, sizeof(dm));
		memset(&out, 0, sizeof(out));
		if (bootrec_log_parse(&con, buf, cut, BOOTREC_SRC_CONSOLE) == BOOTREC_OK &&
		    bootrec_log_parse(&dm, buf + cut, size - cut, BOOTREC_SRC_DMESG) == BOOTREC_OK) {
			bootrec_log_merge(&out, &con, 0, &dm);
			bootrec_log_free(&out);
			memset(&out, 0, sizeof(out));
			bootrec_log_merge(&out, &con, 1, &dm);
			bootrec_log_free(&out);
		}
		bootrec_log_free(&con);
		bootrec_log_free(&dm);
		break;
	}
	case 3: {
		struct bootrec_iomem io;

		memset(&io, 0, sizeof(io));
		bootrec_iomem_parse(&io, buf, size);
		bootrec_iomem_free(&io);
		break;
	}
	case 4: {
		struct bootrec_memblock mb;

		memset(&mb, 0, sizeof(mb));
		bootrec_memblock_parse(&mb, buf, size);
		bootrec_memblock_free(&mb);
		break;
	}
	case 6: {
		struct bootrec_pools pools;

		bootrec_pools_parse(&pools, buf, size);
		bootrec_pools_free(&pools);
		break;
	}
	case 5: {
		uint64_t v;

		bootrec_vmcoreinfo_number(buf, size, "PHYS_OFFSET", &v);
		break;
	}
	default: {
		struct bootrec_line meta;
		size_t off = 0, len = 0;

		memset(&meta, 0, sizeof(meta));
		bootrec_line_split(buf, size, &meta, &off, &len);
		if (off > size || len > size - off)
			abort();	/* the text must lie inside the line */
		break;
	}
	}
	free(buf);
	return 0;
}
