// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * capture.c - the device tree and load addresses kexec-tools 2.0.25 gives an
 * arm64 kdump capture kernel (kexec -p), computed from the first kernel's plan:
 *
 *  - the DT is the one the first kernel received (/sys/firmware/fdt) with
 *    /chosen/bootargs replaced, linux,usable-memory-range = the "Crash kernel"
 *    ranges in *descending* order (setup_2nd_dtb(): "the low region is always
 *    the last one"), linux,elfcorehdr and the initrd properties set;
 *  - the Image goes to the start of the highest crash region, 2 MiB aligned
 *    (arm64_locate_kernel_segment()); initrd and DTB follow it bottom-up,
 *    page aligned (arm64_load_other_segments());
 *  - the ELF core header is placed top-down, page aligned, in that region
 *    (load_crashdump_segments()); its size is the ELF header plus one PT_NOTE
 *    per CPU, one for VMCOREINFO, one PT_LOAD for the kernel text and one per
 *    System RAM range left after removing the crash regions, rounded up to
 *    1 KiB (crash_create_elf64_headers()).
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "capture.h"


struct range {
	mp_u64 start, end; /* exclusive end */
};

static mp_u64 align_up(mp_u64 x, mp_u64 a)
{
	return (x + a - 1) & ~(a - 1);
}

/* System RAM ranges (memblock.memory minus NOMAP, merged) minus the crash regions */
static size_t ram_ranges_left(const struct mp_plan *p, const struct range *crash, size_t nc)
{
	struct range ram[512];
	size_t n = 0, i, c, count = 0;

	for (i = 0; i < p->nr_mb_memory && n < 512; i++) {
		const struct mp_region_out *m = &p->mb_memory[i];

		if (m->flags & MP_MB_NOMAP)
			continue;
		if (n && ram[n - 1].end == m->base)
			ram[n - 1].end = m->base + m->size;
		else
			ram[n++] = (struct range){ m->base, m->base + m->size };
	}
	for (i = 0; i < n; i++) {
		/* split each RAM range by the crash holes inside it */
		mp_u64 s = ram[i].start;

		for (;;) {
			mp_u64 next_hole = ram[i].end, hole_end = ram[i].end;

			for (c = 0; c < nc; c++)
				if (crash[c].start >= s && crash[c].start < next_hole &&
				    crash[c].start < ram[i].end) {
					next_hole = crash[c].start;
					hole_end = crash[c].end;
				}
			if (next_hole > s)
				count++;
			if (next_hole >= ram[i].end)
				break;
			s = hole_end;
			if (s >= ram[i].end)
				break;
		}
	}
	return count;
}

static int setprop_ranges(void *fdt, int node, const char *name, const struct range *r,
			  size_t n)
{
	fdt32_t cells[16];
	size_t i, k = 0;

	for (i = n; i-- > 0 && k + 4 <= 16;) {
		mp_u64 size = r[i].end - r[i].start;

		cells[k++] = cpu_to_fdt32((uint32_t)(r[i].start >> 32));
		cells[k++] = cpu_to_fdt32((uint32_t)r[i].start);
		cells[k++] = cpu_to_fdt32((uint32_t)(size >> 32));
		cells[k++] = cpu_to_fdt32((uint32_t)size);
	}
	return fdt_setprop(fdt, node, name, cells, (int)(k * sizeof(cells[0])));
}

static int setprop_u64(void *fdt, int node, const char *name, mp_u64 v)
{
	return fdt_setprop_u64(fdt, node, name, v);
}

int cli_capture_dtb(const struct mp_plan *first, const void *fdt, const struct cli_capture_opts *o,
		    struct cli_capture *cap, char *err, size_t errlen)
{
	struct range crash[2];
	size_t nc = 0, bufsz, hdr;
	mp_u64 last_start, last_end, image, next;
	char *buf;
	int node, r;
	/* kexec's buffers are page aligned: getpagesize() of the first kernel */
	const mp_u64 PAGE = 1ULL << first->kc.page_shift;

	memset(cap, 0, sizeof(*cap));
	if (first->crash.status != MP_CRASH_RESERVED) {
		snprintf(err, errlen, "the first kernel reserves no crash kernel: nothing to capture");
		return -1;
	}
	/* ascending, as kexec reads them from /proc/iomem */
	if (first->crash.low_present)
		crash[nc++] = (struct range){ first->crash.low_base,
					      first->crash.low_base + first->crash.low_size };
	if (first->crash.high_present)
		crash[nc++] = (struct range){ first->crash.high_base,
					      first->crash.high_base + first->crash.high_size };
	last_start = crash[nc - 1].start;
	last_end = crash[nc - 1].end;

	image = align_up(last_start, 2ULL << 20);
	if (image + o->image_size > last_end) {
		snprintf(err, errlen,
			 "the capture Image (%#llx bytes) does not fit in the crash region "
			 "[%#llx-%#llx): kexec says 'Crash kernel out of range'",
			 (unsigned long long)o->image_size, (unsigned long long)last_start,
			 (unsigned long long)last_end);
		return -1;
	}
	hdr = 64 + 56 * ((size_t)o->nr_cpus + 1 + 1 + ram_ranges_left(first, crash, nc));
	cap->elfcorehdr_size = align_up(hdr, 1024);
	cap->elfcorehdr = (last_end - align_up(cap->elfcorehdr_size, PAGE)) & ~(PAGE - 1);
	cap->image_base = image;
	next = image + o->image_size;
	if (o->initrd_size) {
		cap->initrd_start = align_up(next, PAGE);
		if (__builtin_add_overflow(cap->initrd_start, o->initrd_size, &cap->initrd_end) ||
		    cap->initrd_end > cap->elfcorehdr) {
			snprintf(err, errlen,
				 "the capture initrd (%#llx bytes) does not fit in the crash region "
				 "[%#llx-%#llx) after the Image: kexec says 'Could not find a free "
				 "area of memory'", (unsigned long long)o->initrd_size,
				 (unsigned long long)last_start, (unsigned long long)last_end);
			return -1;
		}
		next = cap->initrd_end;
	}

	bufsz = fdt_totalsize(fdt) + strlen(o->cmdline) + 1024;
	buf = calloc(1, bufsz);
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	r = fdt_open_into(fdt, buf, (int)bufsz);
	node = r ? r : fdt_path_offset(buf, "/chosen");
	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(buf, 0, "chosen");
	if (node < 0) {
		snprintf(err, errlen, "cannot edit the DT: %s", fdt_strerror(node));
		free(buf);
		return -1;
	}
	r = fdt_setprop_string(buf, node, "bootargs", o->cmdline);
	if (!r) {
		fdt32_t c[4] = { cpu_to_fdt32((uint32_t)(cap->elfcorehdr >> 32)),
				 cpu_to_fdt32((uint32_t)cap->elfcorehdr),
				 cpu_to_fdt32((uint32_t)(cap->elfcorehdr_size >> 32)),
				 cpu_to_fdt32((uint32_t)cap->elfcorehdr_size) };

		r = fdt_setprop(buf, node, "linux,elfcorehdr", c, sizeof(c));
	}
	if (!r)
		r = setprop_ranges(buf, node, "linux,usable-memory-range", crash, nc);
	if (!r && o->initrd_size) {
		r = setprop_u64(buf, node, "linux,initrd-start", cap->initrd_start);
		if (!r)
			r = setprop_u64(buf, node, "linux,initrd-end", cap->initrd_end);
	} else if (!r) {
		/* dtb_clear_initrd(): do not reuse the first kernel's initrd */
		fdt_delprop(buf, node, "linux,initrd-start");
		fdt_delprop(buf, node, "linux,initrd-end");
	}
	if (!r)
		r = fdt_pack(buf);
	if (r) {
		snprintf(err, errlen, "cannot edit the DT: %s", fdt_strerror(r));
		free(buf);
		return -1;
	}
	cap->fdt_base = align_up(next, PAGE);
	if (cap->fdt_base + fdt_totalsize(buf) > cap->elfcorehdr) {
		snprintf(err, errlen,
			 "the capture DTB (%#x bytes) does not fit in the crash region [%#llx-%#llx) "
			 "after the Image and initrd: kexec says 'Could not find a free area of "
			 "memory'", fdt_totalsize(buf), (unsigned long long)last_start,
			 (unsigned long long)last_end);
		free(buf);
		return -1;
	}
	cap->dtb = buf;
	cap->dtb_len = fdt_totalsize(buf);
	return 0;
}
