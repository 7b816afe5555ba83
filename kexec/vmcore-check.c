// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * vmcore-check - validate an arm64 kdump vmcore (/proc/vmcore in the capture kernel, or
 * a copy of it) against the first kernel's /proc/iomem.
 *
 * Checks (one result line each, then "vmcore-check: PASS" or "vmcore-check: FAIL"):
 *   elf-header     ELF64, little endian, ET_CORE, EM_AARCH64, program headers in the file
 *   file-size      the file size equals the end of the last PT_LOAD/PT_NOTE (as
 *                  fs/proc/vmcore.c computes it; a wrapped sum shows up here)
 *   notes          every PT_NOTE parses; >= 1 NT_PRSTATUS ("CORE"); a VMCOREINFO note
 *   vmcoreinfo     OSRELEASE, PAGESIZE, NUMBER(VA_BITS), NUMBER(kimage_voffset),
 *                  NUMBER(PHYS_OFFSET) present (and equal to --osrelease/--pagesize)
 *   pt-load-bounds every PT_LOAD: filesz == memsz, page aligned, inside the file, no
 *                  address overflow
 *   pt-load-linear every linear-map PT_LOAD has vaddr == (paddr - PHYS_OFFSET) | PAGE_OFFSET
 *                  (PAGE_OFFSET = -(1 << VA_BITS), arch/arm64/include/asm/memory.h;
 *                  the linear map ends at PAGE_END = -(1 << (VA_BITS_MIN - 1))); no
 *                  PT_LOAD below PAGE_OFFSET
 *   kernel-text    exactly one PT_LOAD in the kernel-image region, vaddr - paddr ==
 *                  kimage_voffset, covering the first kernel's "Kernel code" and
 *                  "Kernel data" resources, at most 256 MiB
 *   pt-load-ram    the union of the linear PT_LOADs == top-level "System RAM" minus every
 *                  "Crash kernel" resource (what kexec-tools' arm64 crashdump code must
 *                  describe), no two linear PT_LOADs overlap (exact duplicates, from
 *                  the nested "System RAM" a crashkernel shrink leaves, are allowed)
 *   printk         the printk ring buffer (SYMBOL(prb) + the OFFSET() entries of
 *                  kernel/printk/printk.c log_buf_vmcoreinfo_setup), read through the
 *                  PT_LOADs as a dump reader would, contains every --expect string
 *
 * Usage: vmcore-check --iomem FILE [--osrelease STR] [--pagesize N]
 *                     [--expect STR]... [VMCORE]     (VMCORE defaults to /proc/vmcore)
 *        vmcore-check --vmcoreinfo [CORE]   (the VMCOREINFO note's text, e.g. of /proc/kcore)
 * Exit: 0 all checks passed, 1 a check failed, 2 usage or I/O error.
 *
 * Every offset and length from the file is bounds- and overflow-checked: any input
 * gives FAIL lines, never a crash.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bootrec.h"

#define MAX_PHNUM 65534u
#define MAX_NOTE_BYTES (16u << 20)
#define MAX_TEXT_SIZE (256ull << 20)
#define MAX_EXPECT 16

struct range {
	uint64_t start, end;	/* [start, end) */
};

struct vmcore {
	int fd;
	uint64_t size;		/* bound for reads: st_size, or UINT64_MAX if st_size <= 0 */
	int64_t st_size;
	Elf64_Ehdr eh;
	Elf64_Phdr *ph;
	unsigned int phnum;
	char *vmcoreinfo;	/* NUL-terminated copy of the VMCOREINFO note */
	size_t vmcoreinfo_len;
	unsigned int prstatus;
};

static int failures;

static void result(int ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* --vmcoreinfo: the checks' lines go to stderr, stdout carries the note alone */
static FILE *result_out;

static void result(int ok, const char *name, const char *fmt, ...)
{
	FILE *f = result_out ? result_out : stdout;
	va_list ap;

	fprintf(f, "%s %s: ", ok ? "PASS" : "FAIL", name);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	if (!ok)
		failures++;
}

/* Read exactly LEN bytes at OFF; 0 on success, -1 if out of the file or on I/O error. */
static int read_at(const struct vmcore *vm, uint64_t off, void *buf, size_t len)
{
	size_t done = 0;

	if (off > vm->size || len > vm->size - off)
		return -1;
	while (done < len) {
		ssize_t r = pread(vm->fd, (char *)buf + done, len - done, (off_t)(off + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		done += (size_t)r;
	}
	return 0;
}

/* ---- ELF header and program headers ----------------------------------- */

static int check_header(struct vmcore *vm)
{
	const Elf64_Ehdr *e = &vm->eh;
	uint64_t phbytes;

	if (read_at(vm, 0, &vm->eh, sizeof(vm->eh))) {
		result(0, "elf-header", "file shorter than an ELF64 header (%" PRIu64 " bytes)",
		       vm->size);
		return -1;
	}
	if (memcmp(e->e_ident, ELFMAG, SELFMAG)) {
		result(0, "elf-header", "bad ELF magic");
		return -1;
	}
	if (e->e_ident[EI_CLASS] != ELFCLASS64 || e->e_ident[EI_DATA] != ELFDATA2LSB ||
	    e->e_ident[EI_VERSION] != EV_CURRENT) {
		result(0, "elf-header", "not ELF64 little-endian version 1 (class %u data %u)",
		       e->e_ident[EI_CLASS], e->e_ident[EI_DATA]);
		return -1;
	}
	if (e->e_type != ET_CORE || e->e_machine != EM_AARCH64) {
		result(0, "elf-header", "e_type %u e_machine %u, want ET_CORE/EM_AARCH64",
		       e->e_type, e->e_machine);
		return -1;
	}
	if (e->e_phentsize != sizeof(Elf64_Phdr) || e->e_phnum == 0 ||
	    e->e_phnum > MAX_PHNUM) {
		result(0, "elf-header", "e_phentsize %u e_phnum %u", e->e_phentsize, e->e_phnum);
		return -1;
	}
	phbytes = (uint64_t)e->e_phnum * sizeof(Elf64_Phdr);
	if (e->e_phoff > vm->size || phbytes > vm->size - e->e_phoff) {
		result(0, "elf-header", "program headers (off 0x%" PRIx64 ", %u) beyond the file",
		       (uint64_t)e->e_phoff, e->e_phnum);
		return -1;
	}
	vm->ph = calloc(e->e_phnum, sizeof(Elf64_Phdr));
	if (!vm->ph || read_at(vm, e->e_phoff, vm->ph, (size_t)phbytes)) {
		result(0, "elf-header", "cannot read program headers");
		return -1;
	}
	vm->phnum = e->e_phnum;
	result(1, "elf-header", "ELF64 LE core, EM_AARCH64, %u program headers", vm->phnum);
	return 0;
}

/* /proc/vmcore's size is the end of its last segment (fs/proc/vmcore.c get_vmcore_size) */
static void check_size(const struct vmcore *vm)
{
	uint64_t end = 0;
	unsigned int i;

	for (i = 0; i < vm->phnum; i++) {
		const Elf64_Phdr *ph = &vm->ph[i];

		if (ph->p_type != PT_LOAD && ph->p_type != PT_NOTE)
			continue;
		if (ph->p_offset > UINT64_MAX - ph->p_filesz) {
			result(0, "file-size", "segment %u: offset + size overflows", i);
			return;
		}
		if (ph->p_offset + ph->p_filesz > end)
			end = ph->p_offset + ph->p_filesz;
	}
	if (vm->st_size <= 0 || (uint64_t)vm->st_size != end)
		result(0, "file-size", "st_size %" PRId64 ", segments end at 0x%" PRIx64,
		       vm->st_size, end);
	else
		result(1, "file-size", "%" PRIu64 " bytes = end of the last segment", end);
}

/* ---- notes --------------------------------------------------------------- */

static uint64_t align4(uint64_t v) { return (v + 3) & ~(uint64_t)3; }

static int parse_notes(struct vmcore *vm, const unsigned char *buf, uint64_t len,
		       char *why, size_t whylen)
{
	uint64_t p = 0;

	while (p < len) {
		Elf64_Nhdr nh;
		uint64_t name_off, desc_off, next;

		if (len - p < sizeof(nh)) {
			/* kernel notes are followed by zero padding (kdump: the note area is
			 * bigger than the notes): accept trailing zeros only */
			while (p < len && !buf[p])
				p++;
			if (p < len) {
				snprintf(why, whylen, "truncated note header at 0x%" PRIx64, p);
				return -1;
			}
			break;
		}
		memcpy(&nh, buf + p, sizeof(nh));
		if (nh.n_namesz == 0 && nh.n_descsz == 0 && nh.n_type == 0)
			break;	/* end marker / padding */
		name_off = p + sizeof(nh);
		desc_off = name_off + align4(nh.n_namesz);
		next = desc_off + align4(nh.n_descsz);
		if (desc_off > len || next > len || next <= p) {
			snprintf(why, whylen, "note at 0x%" PRIx64 " (namesz %u descsz %u) overruns "
				 "its segment", p, nh.n_namesz, nh.n_descsz);
			return -1;
		}
		if (nh.n_namesz == 5 && !memcmp(buf + name_off, "CORE", 5) &&
		    nh.n_type == NT_PRSTATUS)
			vm->prstatus++;
		if (nh.n_namesz == 11 && !memcmp(buf + name_off, "VMCOREINFO", 11) &&
		    !vm->vmcoreinfo) {
			vm->vmcoreinfo = malloc((size_t)nh.n_descsz + 1);
			if (!vm->vmcoreinfo) {
				snprintf(why, whylen, "out of memory");
				return -1;
			}
			memcpy(vm->vmcoreinfo, buf + desc_off, nh.n_descsz);
			vm->vmcoreinfo[nh.n_descsz] = '\0';
			vm->vmcoreinfo_len = strlen(vm->vmcoreinfo);
		}
		p = next;
	}
	return 0;
}

static void check_notes(struct vmcore *vm)
{
	unsigned int i, nnotes = 0;
	char why[160] = "";

	for (i = 0; i < vm->phnum; i++) {
		const Elf64_Phdr *ph = &vm->ph[i];
		unsigned char *buf;

		if (ph->p_type != PT_NOTE)
			continue;
		nnotes++;
		if (ph->p_filesz > MAX_NOTE_BYTES || ph->p_offset > vm->size ||
		    ph->p_filesz > vm->size - ph->p_offset) {
			result(0, "notes", "PT_NOTE %u (off 0x%" PRIx64 " size 0x%" PRIx64
			       ") beyond the file", i, (uint64_t)ph->p_offset,
			       (uint64_t)ph->p_filesz);
			return;
		}
		buf = malloc(ph->p_filesz ? (size_t)ph->p_filesz : 1);
		if (!buf || read_at(vm, ph->p_offset, buf, (size_t)ph->p_filesz)) {
			free(buf);
			result(0, "notes", "cannot read PT_NOTE %u", i);
			return;
		}
		if (parse_notes(vm, buf, ph->p_filesz, why, sizeof(why))) {
			free(buf);
			result(0, "notes", "PT_NOTE %u: %s", i, why);
			return;
		}
		free(buf);
	}
	if (!nnotes) {
		result(0, "notes", "no PT_NOTE");
		return;
	}
	if (!vm->prstatus || !vm->vmcoreinfo) {
		result(0, "notes", "%u NT_PRSTATUS, VMCOREINFO %s", vm->prstatus,
		       vm->vmcoreinfo ? "present" : "missing");
		return;
	}
	result(1, "notes", "%u PT_NOTE, %u NT_PRSTATUS, VMCOREINFO %zu bytes", nnotes,
	       vm->prstatus, vm->vmcoreinfo_len);
}

/* ---- VMCOREINFO ---------------------------------------------------------- */

/* Value of "KEY=" at the start of a line, as a pointer + length, or NULL. */
static const char *vi_get(const struct vmcore *vm, const char *key, size_t *vlen)
{
	const char *s = vm->vmcoreinfo;
	size_t kl = strlen(key);

	if (!s)
		return NULL;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t ll = nl ? (size_t)(nl - s) : strlen(s);

		if (ll > kl && !memcmp(s, key, kl) && s[kl] == '=') {
			*vlen = ll - kl - 1;
			return s + kl + 1;
		}
		s += ll;
		if (*s)
			s++;
	}
	return NULL;
}

/* BASE 16 or 10; "0x" prefix forces 16.  Returns 0 on success. */
static int vi_num(const struct vmcore *vm, const char *key, int base, uint64_t *out)
{
	size_t vl, i = 0;
	const char *v = vi_get(vm, key, &vl);
	uint64_t r = 0;

	if (!v || !vl)
		return -1;
	if (vl > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == vl)
		return -1;
	for (; i < vl; i++) {
		int d;
		char c = v[i];

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		if (r > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return -1;
		r = r * (uint64_t)base + (uint64_t)d;
	}
	*out = r;
	return 0;
}

struct layout {
	int ok;
	uint64_t va_bits, kimage_voffset, phys_offset, page_offset, linear_end, pagesize;
};

static void check_vmcoreinfo(const struct vmcore *vm, const char *osrelease,
			     uint64_t want_pagesize, struct layout *lo)
{
	size_t l;
	const char *rel = vi_get(vm, "OSRELEASE", &l);
	uint64_t va_min;

	memset(lo, 0, sizeof(*lo));
	if (!vm->vmcoreinfo) {
		result(0, "vmcoreinfo", "no VMCOREINFO note");
		return;
	}
	if (!rel || !l) {
		result(0, "vmcoreinfo", "no OSRELEASE");
		return;
	}
	if (osrelease && (strlen(osrelease) != l || memcmp(rel, osrelease, l))) {
		result(0, "vmcoreinfo", "OSRELEASE=%.*s, want %s", (int)l, rel, osrelease);
		return;
	}
	if (vi_num(vm, "PAGESIZE", 10, &lo->pagesize) ||
	    (lo->pagesize != 4096 && lo->pagesize != 16384 && lo->pagesize != 65536) ||
	    (want_pagesize && lo->pagesize != want_pagesize)) {
		result(0, "vmcoreinfo", "PAGESIZE missing or wrong");
		return;
	}
	if (vi_num(vm, "NUMBER(VA_BITS)", 10, &lo->va_bits) || lo->va_bits < 36 ||
	    lo->va_bits > 52) {
		result(0, "vmcoreinfo", "NUMBER(VA_BITS) missing or out of range");
		return;
	}
	if (vi_num(vm, "NUMBER(kimage_voffset)", 16, &lo->kimage_voffset) ||
	    vi_num(vm, "NUMBER(PHYS_OFFSET)", 16, &lo->phys_offset)) {
		result(0, "vmcoreinfo", "NUMBER(kimage_voffset) or NUMBER(PHYS_OFFSET) missing");
		return;
	}
	lo->page_offset = UINT64_MAX << lo->va_bits;
	/*
	 * PAGE_END = _PAGE_END(VA_BITS_MIN) (asm/memory.h, 6.9+): a 52-bit VA kernel
	 * ends its linear map where a 48-bit one does (47-bit with 16K pages), since
	 * on a CPU without LPA2/LVA the map lives in [_PAGE_OFFSET(48), PAGE_END)
	 */
	va_min = lo->va_bits > 48 ? (lo->pagesize == 16384 ? 47 : 48) : lo->va_bits;
	lo->linear_end = UINT64_MAX << (va_min - 1);
	lo->ok = 1;
	result(1, "vmcoreinfo", "OSRELEASE=%.*s PAGESIZE=%" PRIu64 " VA_BITS=%" PRIu64
	       " kimage_voffset=0x%" PRIx64 " PHYS_OFFSET=0x%" PRIx64, (int)l, rel,
	       lo->pagesize, lo->va_bits, lo->kimage_voffset, lo->phys_offset);
}

/* ---- PT_LOADs ------------------------------------------------------------ */

static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

/* Sort and merge touching/overlapping ranges in place; returns the new count. */
static size_t normalize(struct range *r, size_t n)
{
	size_t i, k = 0;

	if (!n)
		return 0;
	qsort(r, n, sizeof(*r), cmp_range);
	for (i = 1; i < n; i++) {
		if (r[i].start <= r[k].end) {
			if (r[i].end > r[k].end)
				r[k].end = r[i].end;
		} else {
			r[++k] = r[i];
		}
	}
	return k + 1;
}

static void check_loads(const struct vmcore *vm, const struct layout *lo,
			const struct bootrec_iomem *io)
{
	struct range *lin = NULL, *ram = NULL, *crash = NULL;
	size_t nlin = 0, nram = 0, ncrash = 0, i, j;
	unsigned int bad_bounds = 0, bad_linear = 0, below = 0, ntext = 0;
	const Elf64_Phdr *text = NULL;
	char why[200] = "";
	uint64_t pgmask = lo->ok ? lo->pagesize - 1 : 4095;

	lin = calloc(vm->phnum + 1, sizeof(*lin));
	if (!lin) {
		result(0, "pt-load-bounds", "out of memory");
		return;
	}
	for (i = 0; i < vm->phnum; i++) {
		const Elf64_Phdr *ph = &vm->ph[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_filesz != ph->p_memsz || ph->p_memsz == 0 ||
		    ph->p_offset > vm->size || ph->p_filesz > vm->size - ph->p_offset ||
		    ph->p_paddr > UINT64_MAX - ph->p_memsz ||
		    ph->p_vaddr > UINT64_MAX - ph->p_memsz ||
		    (ph->p_paddr & pgmask) || (ph->p_memsz & pgmask)) {
			if (!bad_bounds++)
				snprintf(why, sizeof(why), "PT_LOAD %zu: paddr 0x%" PRIx64 " vaddr 0x%"
					 PRIx64 " off 0x%" PRIx64 " filesz 0x%" PRIx64 " memsz 0x%"
					 PRIx64, i, (uint64_t)ph->p_paddr, (uint64_t)ph->p_vaddr,
					 (uint64_t)ph->p_offset, (uint64_t)ph->p_filesz,
					 (uint64_t)ph->p_memsz);
			continue;
		}
		if (!lo->ok)
			continue;
		if (ph->p_vaddr < lo->page_offset) {
			below++;
		} else if (ph->p_vaddr < lo->linear_end) {
			uint64_t want = (ph->p_paddr - lo->phys_offset) | lo->page_offset;

			if (ph->p_vaddr != want)
				bad_linear++;
			lin[nlin].start = ph->p_paddr;
			lin[nlin].end = ph->p_paddr + ph->p_memsz;
			nlin++;
		} else {
			ntext++;
			text = ph;
		}
	}
	if (bad_bounds)
		result(0, "pt-load-bounds", "%u bad PT_LOADs, first: %s", bad_bounds, why);
	else
		result(1, "pt-load-bounds", "all PT_LOADs page aligned and inside the file");
	if (!lo->ok) {
		result(0, "pt-load-linear", "no VMCOREINFO layout to check against");
		result(0, "kernel-text", "no VMCOREINFO layout to check against");
		result(0, "pt-load-ram", "no VMCOREINFO layout to check against");
		free(lin);
		return;
	}
	if (below || bad_linear || !nlin)
		result(0, "pt-load-linear", "%zu linear PT_LOADs, %u with vaddr != (paddr - "
		       "PHYS_OFFSET) | PAGE_OFFSET, %u with vaddr below PAGE_OFFSET 0x%" PRIx64,
		       nlin, bad_linear, below, lo->page_offset);
	else
		result(1, "pt-load-linear", "%zu linear PT_LOADs at PAGE_OFFSET 0x%" PRIx64, nlin,
		       lo->page_offset);

	/* kernel text */
	{
		uint64_t kc_s = 0, kc_e = 0, kd_s = 0, kd_e = 0;
		int have_kc = 0, have_kd = 0;

		for (i = 0; io && i < io->n; i++) {
			if (!strcmp(io->e[i].name, "Kernel code")) {
				kc_s = io->e[i].start;
				kc_e = io->e[i].end;
				have_kc = 1;
			} else if (!strcmp(io->e[i].name, "Kernel data")) {
				kd_s = io->e[i].start;
				kd_e = io->e[i].end;
				have_kd = 1;
			}
		}
		if (ntext != 1) {
			result(0, "kernel-text", "%u PT_LOADs in the kernel-image region, want 1",
			       ntext);
		} else if (text->p_vaddr - text->p_paddr != lo->kimage_voffset) {
			result(0, "kernel-text", "vaddr 0x%" PRIx64 " - paddr 0x%" PRIx64
			       " != kimage_voffset 0x%" PRIx64, (uint64_t)text->p_vaddr,
			       (uint64_t)text->p_paddr, lo->kimage_voffset);
		} else if (text->p_memsz > MAX_TEXT_SIZE) {
			result(0, "kernel-text", "size 0x%" PRIx64 " > 256 MiB",
			       (uint64_t)text->p_memsz);
		} else if (!have_kc || !have_kd) {
			result(0, "kernel-text", "no Kernel code/Kernel data in the iomem file");
		} else if (text->p_paddr > kc_s || text->p_paddr + text->p_memsz < kd_e + 1 ||
			   kd_s < kc_e) {
			result(0, "kernel-text", "paddr 0x%" PRIx64 "-0x%" PRIx64 " does not cover "
			       "Kernel code 0x%" PRIx64 " .. Kernel data end 0x%" PRIx64,
			       (uint64_t)text->p_paddr,
			       (uint64_t)(text->p_paddr + text->p_memsz - 1), kc_s, kd_e);
		} else {
			result(1, "kernel-text", "vaddr 0x%" PRIx64 " paddr 0x%" PRIx64 " size 0x%"
			       PRIx64 " covers Kernel code + Kernel data",
			       (uint64_t)text->p_vaddr, (uint64_t)text->p_paddr,
			       (uint64_t)text->p_memsz);
		}
	}

	/* coverage: System RAM - Crash kernel */
	if (!io || !io->n) {
		result(0, "pt-load-ram", "no iomem to compare with");
		free(lin);
		return;
	}
	ram = calloc(io->n * 2 + 1, sizeof(*ram));
	crash = calloc(io->n + 1, sizeof(*crash));
	if (!ram || !crash) {
		result(0, "pt-load-ram", "out of memory");
		goto out;
	}
	for (i = 0; i < io->n; i++) {
		const struct bootrec_iomem_entry *e = &io->e[i];

		if (e->end == UINT64_MAX)
			continue;
		if (e->depth == 0 && !strcmp(e->name, "System RAM")) {
			ram[nram].start = e->start;
			ram[nram++].end = e->end + 1;
		} else if (!strcmp(e->name, "Crash kernel")) {
			crash[ncrash].start = e->start;
			crash[ncrash++].end = e->end + 1;
		}
	}
	nram = normalize(ram, nram);
	ncrash = normalize(crash, ncrash);
	/* subtract the crash regions (ram has room for one split per crash range) */
	for (j = 0; j < ncrash; j++) {
		size_t n2 = nram;

		for (i = 0; i < nram; i++) {
			struct range *r = &ram[i];

			if (crash[j].end <= r->start || crash[j].start >= r->end)
				continue;
			if (crash[j].start > r->start && crash[j].end < r->end) {
				ram[n2].start = crash[j].end;
				ram[n2++].end = r->end;
				r->end = crash[j].start;
			} else if (crash[j].start > r->start) {
				r->end = crash[j].start;
			} else if (crash[j].end < r->end) {
				r->start = crash[j].end;
			} else {
				r->start = r->end = 0;
			}
		}
		nram = n2;
		/* drop empties */
		for (i = 0, n2 = 0; i < nram; i++)
			if (ram[i].end > ram[i].start)
				ram[n2++] = ram[i];
		nram = normalize(ram, n2);
	}
	{
		uint64_t total = 0;
		size_t nraw = nlin, ndup = 0;
		int overlap = 0;

		/*
		 * An exact duplicate is not an overlap: crash_shrink_memory() inserts
		 * the freed memory as a "System RAM" resource nested under the
		 * top-level one, and kexec-tools describes both; each copy reads the
		 * same physical memory.
		 */
		qsort(lin, nlin, sizeof(*lin), cmp_range);
		for (i = 1; i < nlin; i++) {
			if (lin[i].start == lin[i - 1].start && lin[i].end == lin[i - 1].end)
				ndup++;
			else if (lin[i].start < lin[i - 1].end)
				overlap = 1;
		}
		nlin = normalize(lin, nlin);
		for (i = 0; i < nram; i++)
			total += ram[i].end - ram[i].start;
		if (overlap) {
			result(0, "pt-load-ram", "linear PT_LOADs overlap");
		} else if (nlin != nram || memcmp(lin, ram, nram * sizeof(*ram))) {
			for (i = 0; i < nlin && i < nram; i++)
				if (lin[i].start != ram[i].start || lin[i].end != ram[i].end)
					break;
			if (i < nlin && i < nram)
				result(0, "pt-load-ram", "range %zu: PT_LOAD 0x%" PRIx64 "-0x%" PRIx64
				       ", System RAM - Crash kernel 0x%" PRIx64 "-0x%" PRIx64, i,
				       lin[i].start, lin[i].end - 1, ram[i].start, ram[i].end - 1);
			else
				result(0, "pt-load-ram", "%zu PT_LOAD ranges, %zu expected", nlin, nram);
		} else {
			result(1, "pt-load-ram", "%zu PT_LOADs = System RAM - %zu Crash kernel "
			       "ranges (%" PRIu64 " MiB)%s", nraw, ncrash, total >> 20,
			       ndup ? ", duplicates of nested System RAM ignored" : "");
		}
	}
out:
	free(lin);
	free(ram);
	free(crash);
}

/* ---- printk buffer ------------------------------------------------------- */

/* Read LEN bytes at kernel virtual address VA through the PT_LOADs. */
static int read_va(const struct vmcore *vm, uint64_t va, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		uint64_t v = va + done;
		unsigned int i;
		int hit = 0;

		if (v < va)
			return -1;	/* wrapped */
		for (i = 0; i < vm->phnum; i++) {
			const Elf64_Phdr *ph = &vm->ph[i];
			uint64_t in, n;

			if (ph->p_type != PT_LOAD || v < ph->p_vaddr ||
			    v - ph->p_vaddr >= ph->p_filesz)
				continue;
			in = v - ph->p_vaddr;
			n = ph->p_filesz - in;
			if (n > len - done)
				n = len - done;
			if (ph->p_offset > UINT64_MAX - in ||
			    read_at(vm, ph->p_offset + in, (char *)buf + done, (size_t)n))
				return -1;
			done += (size_t)n;
			hit = 1;
			break;
		}
		if (!hit)
			return -1;
	}
	return 0;
}

static void check_printk(const struct vmcore *vm, const char *const *expect, int nexpect)
{
	uint64_t prb_sym, o_text, o_bits, o_data, prb, data;
	uint32_t size_bits;
	size_t size;
	char *ring;
	int i;

	if (!vm->vmcoreinfo || vi_num(vm, "SYMBOL(prb)", 16, &prb_sym) ||
	    vi_num(vm, "OFFSET(printk_ringbuffer.text_data_ring)", 10, &o_text) ||
	    vi_num(vm, "OFFSET(prb_data_ring.size_bits)", 10, &o_bits) ||
	    vi_num(vm, "OFFSET(prb_data_ring.data)", 10, &o_data) || o_text > 4096 ||
	    o_bits > 4096 || o_data > 4096) {
		result(0, "printk", "VMCOREINFO lacks SYMBOL(prb) or the prb_data_ring offsets");
		return;
	}
	if (read_va(vm, prb_sym, &prb, sizeof(prb))) {
		result(0, "printk", "prb at 0x%" PRIx64 " not covered by any PT_LOAD", prb_sym);
		return;
	}
	if (prb > UINT64_MAX - 8192 ||
	    read_va(vm, prb + o_text + o_bits, &size_bits, sizeof(size_bits)) ||
	    read_va(vm, prb + o_text + o_data, &data, sizeof(data))) {
		result(0, "printk", "ring buffer struct at 0x%" PRIx64 " not readable", prb);
		return;
	}
	if (size_bits < 8 || size_bits > 28) {
		result(0, "printk", "text ring size_bits %u implausible", size_bits);
		return;
	}
	size = (size_t)1 << size_bits;
	ring = malloc(size);
	if (!ring) {
		result(0, "printk", "out of memory for %zu bytes", size);
		return;
	}
	if (read_va(vm, data, ring, size)) {
		free(ring);
		result(0, "printk", "text ring 0x%" PRIx64 " (%zu bytes) not readable", data, size);
		return;
	}
	for (i = 0; i < nexpect; i++) {
		if (!memmem(ring, size, expect[i], strlen(expect[i]))) {
			free(ring);
			result(0, "printk", "\"%s\" not in the %zu-byte text ring", expect[i], size);
			return;
		}
	}
	free(ring);
	result(1, "printk", "%d expected message(s) found in the %zu-byte text ring at 0x%"
	       PRIx64, nexpect, size, data);
}

/*
 * --vmcoreinfo: the note's text, KEY=VALUE lines as the kernel wrote them
 * (crash_save_vmcoreinfo_init(), arm64 arch_crash_save_vmcoreinfo())
 */
static int print_vmcoreinfo(const char *path)
{
	struct vmcore vm;
	struct stat st;
	int rc = 2;

	memset(&vm, 0, sizeof(vm));
	result_out = stderr;
	vm.fd = open(path, O_RDONLY);
	if (vm.fd < 0 || fstat(vm.fd, &st)) {
		fprintf(stderr, "vmcore-check: %s: %s\n", path, strerror(errno));
		return 2;
	}
	vm.st_size = (int64_t)st.st_size;
	vm.size = st.st_size > 0 ? (uint64_t)st.st_size : UINT64_MAX;
	if (check_header(&vm) == 0)
		check_notes(&vm);
	if (vm.vmcoreinfo) {
		fputs(vm.vmcoreinfo, stdout);
		rc = 0;
	} else {
		fprintf(stderr, "vmcore-check: %s: no VMCOREINFO note\n", path);
	}
	close(vm.fd);
	free(vm.ph);
	free(vm.vmcoreinfo);
	return rc;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vmcore-check --iomem FILE [--osrelease STR] [--pagesize N]\n"
		"                    [--expect STR]... [VMCORE]\n"
		"       vmcore-check --vmcoreinfo [CORE]\n"
		"Validates an arm64 kdump vmcore (default /proc/vmcore) against the first\n"
		"kernel's /proc/iomem: ELF header, notes, VMCOREINFO, PT_LOADs = System RAM\n"
		"minus Crash kernel, kernel-text PT_LOAD, printk buffer contents.\n"
		"Default --expect: \"sysrq: Trigger a crash\".  Exit 0 pass, 1 fail, 2 error.\n"
		"--vmcoreinfo prints the VMCOREINFO note's text of CORE (a vmcore, or a\n"
		"running kernel's /proc/kcore): PHYS_OFFSET there is memstart_addr, the input\n"
		"memplan --phys-offset takes.  Exit 0, or 2 without a readable note.\n");
}

int main(int argc, char **argv)
{
	const char *iomem_path = NULL, *osrelease = NULL, *path = "/proc/vmcore";
	const char *expect[MAX_EXPECT];
	int nexpect = 0, i;
	bool dump_info = false;
	uint64_t pagesize = 0;
	struct vmcore vm;
	struct bootrec_iomem io;
	struct layout lo;
	struct stat st;
	char *iobuf;
	size_t iolen;
	int rc;

	memset(&vm, 0, sizeof(vm));
	memset(&io, 0, sizeof(io));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(a, "--vmcoreinfo")) {
			dump_info = true;
		} else if (i + 1 < argc && !strcmp(a, "--iomem")) {
			iomem_path = argv[++i];
		} else if (i + 1 < argc && !strcmp(a, "--osrelease")) {
			osrelease = argv[++i];
		} else if (i + 1 < argc && !strcmp(a, "--pagesize")) {
			char *end;

			errno = 0;
			pagesize = strtoull(argv[++i], &end, 0);
			if (errno || *end || !pagesize) {
				fprintf(stderr, "vmcore-check: bad --pagesize '%s'\n", argv[i]);
				return 2;
			}
		} else if (i + 1 < argc && !strcmp(a, "--expect")) {
			if (nexpect == MAX_EXPECT || !argv[i + 1][0]) {
				fprintf(stderr, "vmcore-check: too many or empty --expect\n");
				return 2;
			}
			expect[nexpect++] = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			usage(stderr);
			return 2;
		} else if (i == argc - 1) {
			path = a;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (dump_info)
		return print_vmcoreinfo(path);
	if (!iomem_path) {
		usage(stderr);
		return 2;
	}
	if (!nexpect)
		expect[nexpect++] = "sysrq: Trigger a crash";
	rc = bootrec_read_file(iomem_path, &iobuf, &iolen);
	if (rc) {
		fprintf(stderr, "vmcore-check: cannot read %s\n", iomem_path);
		return 2;
	}
	rc = bootrec_iomem_parse(&io, iobuf, iolen);
	free(iobuf);
	if (rc) {
		fprintf(stderr, "vmcore-check: %s: %s\n", iomem_path, bootrec_strerror(rc));
		bootrec_iomem_free(&io);
		return 2;
	}
	vm.fd = open(path, O_RDONLY);
	if (vm.fd < 0 || fstat(vm.fd, &st)) {
		fprintf(stderr, "vmcore-check: %s: %s\n", path, strerror(errno));
		bootrec_iomem_free(&io);
		return 2;
	}
	vm.st_size = (int64_t)st.st_size;
	vm.size = st.st_size > 0 ? (uint64_t)st.st_size : UINT64_MAX;

	if (check_header(&vm) == 0) {
		check_size(&vm);
		check_notes(&vm);
		check_vmcoreinfo(&vm, osrelease, pagesize, &lo);
		check_loads(&vm, &lo, &io);
		check_printk(&vm, expect, nexpect);
	}
	printf("vmcore-check: %s\n", failures ? "FAIL" : "PASS");
	fflush(stdout);
	close(vm.fd);
	free(vm.ph);
	free(vm.vmcoreinfo);
	bootrec_iomem_free(&io);
	return failures ? 1 : 0;
}
