// SPDX-License-Identifier: GPL-2.0
/*
 * fdt_check_full() for the kernel's libfdt copy.
 *
 * scripts/dtc/libfdt/libfdt.h declares fdt_check_full(), but the kernel does
 * not carry dtc's fdt_check.c.  The memplan core validates its input with it,
 * so provide an equivalent walk here: the header, then every tag of the
 * structure block must decode, nodes must nest properly and every property
 * name must be a valid string in the strings block.
 */
#include <linux/libfdt.h>
#include <linux/limits.h>

int fdt_check_full(const void *fdt, size_t bufsize)
{
	int err, depth = 0, offset = 0, nextoffset = 0;
	uint32_t tag;

	if (bufsize < FDT_V1_SIZE || bufsize < fdt_header_size(fdt))
		return -FDT_ERR_TRUNCATED;
	err = fdt_check_header(fdt);
	if (err)
		return err;
	if (bufsize < fdt_totalsize(fdt))
		return -FDT_ERR_TRUNCATED;
	if (fdt_num_mem_rsv(fdt) < 0)
		return fdt_num_mem_rsv(fdt);

	for (;;) {
		offset = nextoffset;
		tag = fdt_next_tag(fdt, offset, &nextoffset);
		if (nextoffset < 0)
			return nextoffset;

		switch (tag) {
		case FDT_NOP:
			break;
		case FDT_END:
			return depth ? -FDT_ERR_BADSTRUCTURE : 0;
		case FDT_BEGIN_NODE:
			depth++;
			if (depth > INT_MAX / 2)
				return -FDT_ERR_BADSTRUCTURE;
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return -FDT_ERR_BADSTRUCTURE;
			depth--;
			break;
		case FDT_PROP: {
			const char *name;
			int len;

			if (!fdt_getprop_by_offset(fdt, offset, &name, &len))
				return len < 0 ? len : -FDT_ERR_BADSTRUCTURE;
			if (!name)
				return -FDT_ERR_BADSTRUCTURE;
			break;
		}
		default:
			return -FDT_ERR_INTERNAL;
		}
	}
}
