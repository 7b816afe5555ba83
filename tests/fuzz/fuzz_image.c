// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_image.c - libFuzzer target for planner/cli/image.c: the input is the
 * start of an arm64 Image (an exact-size heap copy, so ASan sees any read past
 * what cli_image_read() would have read).  A header that parses has its
 * image_size planned as `memplan plan --image` does (linux-6.12 and 6.1 by
 * turns, for the minimal DTB of fuzz_dtb.h), since that 64-bit value goes to
 * the core unchecked.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_dtb.h"
#include "image.h"
#include "fuzz_input.h"
#include "memplan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cli_image_header hdr;
	struct mp_input in;
	char err[160], tiny[8];
	unsigned char *buf;
	int ret;

	/* cli_image_read() hands over at most the 64 header bytes */
	if (size > ARM64_IMAGE_HEADER_SIZE)
		size = ARM64_IMAGE_HEADER_SIZE;
	buf = fuzz_copy(data, size);
	ret = cli_image_parse(buf, size, &hdr, err, sizeof(err));
	/* a message buffer shorter than any message must be truncated, not overrun */
	if (cli_image_parse(buf, size, &hdr, tiny, sizeof(tiny)) != ret)
		abort();
	free(buf);
	if (ret)
		return 0;
	if (!hdr.image_size || (hdr.page_shift && hdr.page_shift != 12 && hdr.page_shift != 14 &&
				hdr.page_shift != 16))
		abort(); /* the documented contract of cli_image_parse() */
	memset(&in, 0, sizeof(in));
	in.profile = (hdr.flags >> 4) & 1 ? MP_LINUX_6_1 : MP_LINUX_6_12;
	if (mp_kconfig_defaults(in.profile, &in.kc) < 0)
		abort();
	in.image.size = hdr.image_size;
	in.strict = true;
	fuzz_plan_min(&in);
	return 0;
}
