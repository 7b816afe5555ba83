// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * capture.c - the device tree and load addresses kexec-tools 2.0.25 gives an
 * arm64 kdump capture kernel (kexec -p), computed from the first kernel's plan,
 * and the capture kernel's planner input built from them:
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
 *
 * Like the rest of the core: no I/O, the capture DT goes into a caller's buffer,
 * a failure is a -MP_ERR_* code with one line of text in a caller's buffer.
 */
#include "internal.h"
#include "memplan_kexec.h"
#include "memplan_handoff.h"

/* arm64_locate_kernel_segment(): the Image's base is 2 MiB aligned (MIN_KIMG_ALIGN) */
#define KIMG_ALIGN (2 * MP_SZ_M)
/* sizeof(Elf64_Ehdr), sizeof(Elf64_Phdr); the header is rounded up to 1 KiB */
#define ELF64_EHDR 64
#define ELF64_PHDR 56
#define ELFCOREHDR_ALIGN MP_SZ_K
/* what the DT may grow by besides the command line (properties kexec adds) */
#define DTB_SLACK 1024
#define RAM_RANGES_MAX 512

static const char *cmdline_of(const struct mp_capture_opts *o)
{
	return o->cmdline ? o->cmdline : MP_CAPTURE_CMDLINE;
}

struct range {
	mp_u64 start, end; /* exclusive end */
};

/* System RAM ranges (memblock.memory minus NOMAP, merged) minus the crash regions */
static size_t ram_ranges_left(const struct mp_plan *p, const struct range *crash, size_t nc)
{
	struct range ram[RAM_RANGES_MAX];
	size_t n = 0, i, c, count = 0;

	for (i = 0; i < p->nr_mb_memory && n < RAM_RANGES_MAX; i++) {
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

/* linux,usable-memory-range: the ranges of @r in descending order, 2+2 cells each */
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

/* "[START-END)" of a crash region, START written as C's "%#llx" writes it ("0" for 0) */
static void region_text(char *buf, size_t len, mp_u64 start, mp_u64 end)
{
	if (start)
		mp_snprintf(buf, len, "[%#llx-%#llx)", (unsigned long long)start,
			    (unsigned long long)end);
	else
		mp_snprintf(buf, len, "[0-%#llx)", (unsigned long long)end);
}

/*
 * Where the segments go (no DT editing yet): the Image, the ELF core header and
 * the initrd in the highest crash region.  0, or -MP_ERR_BADINPUT with @err set.
 */
static int place_segments(const struct mp_plan *first, const struct mp_capture_opts *o,
			  const struct range *crash, size_t nc, struct mp_capture *cap,
			  char *err, size_t errlen)
{
	/* kexec's buffers are page aligned: getpagesize() of the first kernel */
	const mp_u64 page = 1ULL << first->kc.page_shift;
	mp_u64 last_start = crash[nc - 1].start, last_end = crash[nc - 1].end, image, hdr;
	char where[64];

	region_text(where, sizeof(where), last_start, last_end);
	image = mp_round_up(last_start, KIMG_ALIGN);
	if (image + cap->image_size > last_end) {
		mp_snprintf(err, errlen,
			    "the capture Image (%#llx bytes) does not fit in the crash region "
			    "%s: kexec says 'Crash kernel out of range'",
			    (unsigned long long)cap->image_size, where);
		return -MP_ERR_BADINPUT;
	}
	hdr = ELF64_EHDR + ELF64_PHDR * ((mp_u64)(o->nr_cpus ? o->nr_cpus : 1) + 1 + 1 +
					 ram_ranges_left(first, crash, nc));
	cap->elfcorehdr_size = mp_round_up(hdr, ELFCOREHDR_ALIGN);
	cap->elfcorehdr = mp_round_down(last_end - mp_round_up(cap->elfcorehdr_size, page), page);
	cap->image_base = image;
	cap->fdt_base = image + cap->image_size; /* the DTB follows: mp_capture_dtb() aligns */
	if (!o->initrd_size)
		return 0;
	cap->initrd_start = mp_round_up(cap->fdt_base, page);
	if (mp_add_overflows(cap->initrd_start, o->initrd_size, &cap->initrd_end) ||
	    cap->initrd_end > cap->elfcorehdr) {
		mp_snprintf(err, errlen,
			    "the capture initrd (%#llx bytes) does not fit in the crash region "
			    "%s after the Image: kexec says 'Could not find a free area of memory'",
			    (unsigned long long)o->initrd_size, where);
		return -MP_ERR_BADINPUT;
	}
	cap->fdt_base = cap->initrd_end;
	return 0;
}

/* setup_2nd_dtb() and dtb_set_initrd()/dtb_clear_initrd() on the opened copy @buf */
static int edit_chosen(void *buf, const struct mp_capture_opts *o, const struct range *crash,
		       size_t nc, const struct mp_capture *cap)
{
	int node = fdt_path_offset(buf, "/chosen"), r;
	fdt32_t c[4] = { cpu_to_fdt32((uint32_t)(cap->elfcorehdr >> 32)),
			 cpu_to_fdt32((uint32_t)cap->elfcorehdr),
			 cpu_to_fdt32((uint32_t)(cap->elfcorehdr_size >> 32)),
			 cpu_to_fdt32((uint32_t)cap->elfcorehdr_size) };

	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(buf, 0, "chosen");
	if (node < 0)
		return node;
	r = fdt_setprop_string(buf, node, "bootargs", cmdline_of(o));
	if (!r)
		r = fdt_setprop(buf, node, "linux,elfcorehdr", c, sizeof(c));
	if (!r)
		r = setprop_ranges(buf, node, "linux,usable-memory-range", crash, nc);
	if (!r && o->initrd_size) {
		r = fdt_setprop_u64(buf, node, "linux,initrd-start", cap->initrd_start);
		if (!r)
			r = fdt_setprop_u64(buf, node, "linux,initrd-end", cap->initrd_end);
	} else if (!r) {
		/* dtb_clear_initrd(): do not reuse the first kernel's initrd */
		fdt_delprop(buf, node, "linux,initrd-start");
		fdt_delprop(buf, node, "linux,initrd-end");
	}
	return r;
}

size_t mp_capture_dtb_room(const void *fdt, const struct mp_capture_opts *o)
{
	return fdt_totalsize(fdt) + mp_strlen(cmdline_of(o)) + DTB_SLACK;
}

int mp_capture_dtb(const struct mp_plan *first, const void *fdt, const struct mp_capture_opts *o,
		   void *buf, size_t room, struct mp_capture *cap, char *err, size_t errlen)
{
	const mp_u64 page = 1ULL << first->kc.page_shift;
	struct mp_range regions[2];
	struct range crash[2];
	size_t nc = 0, i;
	char where[64];
	int r;

	mp_memset(cap, 0, sizeof(*cap));
	/* ascending, as kexec reads them from /proc/iomem */
	if (first->crash.status == MP_CRASH_RESERVED)
		nc = mp_crash_ranges(&first->crash, regions);
	for (i = 0; i < nc; i++)
		crash[i] = (struct range){ regions[i].base, regions[i].base + regions[i].size };
	/* none reserved, or a kexec_crash_size shrink gave it all back (mp_crash_shrink()) */
	if (!nc) {
		mp_snprintf(err, errlen,
			    "the first kernel reserves no crash kernel: nothing to capture");
		return -MP_ERR_BADINPUT;
	}
	cap->image_size = o->image_size ? o->image_size : first->image.size;
	r = place_segments(first, o, crash, nc, cap, err, errlen);
	if (r)
		return r;
	if (room < mp_capture_dtb_room(fdt, o)) {
		mp_snprintf(err, errlen, "no room for the capture DT");
		return -MP_ERR_NOSPACE;
	}
	mp_memset(buf, 0, room);
	r = fdt_open_into(fdt, buf, (int)room);
	if (!r)
		r = edit_chosen(buf, o, crash, nc, cap);
	if (!r)
		r = fdt_pack(buf);
	if (r) {
		mp_snprintf(err, errlen, "cannot edit the DT: %s", fdt_strerror(r));
		return -MP_ERR_BADDTB;
	}
	cap->fdt_base = mp_round_up(cap->fdt_base, page);
	if (cap->fdt_base + fdt_totalsize(buf) > cap->elfcorehdr) {
		region_text(where, sizeof(where), crash[nc - 1].start, crash[nc - 1].end);
		mp_snprintf(err, errlen,
			    "the capture DTB (%#x bytes) does not fit in the crash region %s "
			    "after the Image and initrd: kexec says 'Could not find a free area of "
			    "memory'", fdt_totalsize(buf), where);
		return -MP_ERR_BADINPUT;
	}
	cap->dtb = buf;
	cap->dtb_len = fdt_totalsize(buf);
	return 0;
}

int mp_capture_input(const struct mp_plan *first, const struct mp_input *first_in,
		     const struct mp_capture_opts *o, void *buf, size_t room,
		     struct mp_capture *cap, struct mp_input *in, char *err, size_t errlen)
{
	int r = mp_capture_dtb(first, first_in->fdt, o, buf, room, cap, err, errlen);

	if (r)
		return r;
	*in = *first_in;
	in->fdt = cap->dtb;
	in->fdt_len = cap->dtb_len;
	in->cmdline = NULL;	/* the capture kernel's is in the DT's /chosen/bootargs */
	in->image.text = cap->image_base;
	in->image.size = cap->image_size;
	in->image_given = true;
	in->fdt_base = cap->fdt_base;
	in->fdt_base_given = true;
	/* the capture kernel draws its own KASLR offsets */
	in->phys_offset = 0;
	in->phys_offset_given = false;
	in->phys_offset_src = MP_SRC_UNSAID;
	return 0;
}
