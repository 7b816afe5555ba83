// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * capture.c - cli_capture_dtb(), the old entry point of handoff.c, on the core's
 * mp_capture_dtb() (planner/core/capture.c holds the kexec-tools rule) with a
 * malloc'ed DT.  To go when handoff.c uses mp_capture_* (issue 16).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"

int cli_capture_dtb(const struct mp_plan *first, const void *fdt, const struct cli_capture_opts *o,
		    struct cli_capture *cap, char *err, size_t errlen)
{
	const struct mp_capture_opts co = { o->cmdline, o->image_size, o->initrd_size,
					    o->nr_cpus };
	size_t room = mp_capture_dtb_room(fdt, &co);
	struct mp_capture c;
	char *buf = malloc(room);

	memset(cap, 0, sizeof(*cap));
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (mp_capture_dtb(first, fdt, &co, buf, room, &c, err, errlen)) {
		free(buf);
		return -1;
	}
	*cap = (struct cli_capture){ buf, c.dtb_len, c.image_base, c.fdt_base, c.initrd_start,
				     c.initrd_end, c.elfcorehdr, c.elfcorehdr_size };
	return 0;
}
