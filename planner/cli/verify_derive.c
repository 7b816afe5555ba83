// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_derive.c - `memplan verify`: the inputs of the recorded boot that the
 * record implies when no option gives them: the Image's placement and section
 * layout (/proc/iomem), the DTB's base (QEMU's rule, confirmed by memblock-reserved).
 * Each derivation is reported as a "derived" line.
 */
#include <errno.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "memplan_efi.h"
#include "verify_internal.h"

#define SZ_2M 0x200000ull

void verify_add_derived(struct verify_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->nr_derived >= sizeof(r->derived) / sizeof(r->derived[0]))
		return;
	va_start(ap, fmt);
	vsnprintf(r->derived[r->nr_derived++], sizeof(r->derived[0]), fmt, ap);
	va_end(ap);
}

static bool reserved_covers(const struct bootrec_memblock *mb, mp_u64 base, mp_u64 size)
{
	size_t i;

	for (i = 0; mb && i < mb->n; i++)
		if (mb->r[i].base <= base && base + size - 1 <= mb->r[i].end)
			return true;
	return false;
}

/*
 * The DTB's base: QEMU puts it at the next 2 MiB boundary after the initrd (the
 * core's mp_fdt_base_after_initrd()); early_init_fdt_reserve_self() reserves
 * fdt_totalsize() bytes there.
 */
int verify_derive_xen_dtb(const char *dir, struct verify_result *res, mp_u64 *base)
{
	static const char key[] = "(XEN) Loading d0 DTB to 0x";
	char *d = NULL, *at, *end;
	size_t len;
	unsigned long long v;
	int r = verify_read_opt(dir, "serial.log", &d, &len);

	if (r <= 0)
		return 1;
	/* verify_read_opt() NUL-terminates what it reads */
	at = strstr(d, key);
	if (!at) {
		free(d);
		return 1;
	}
	errno = 0;
	v = strtoull(at + sizeof(key) - 1, &end, 16);
	r = errno || end == at + sizeof(key) - 1 || *end != '-';
	free(d);
	if (r)
		return 1;
	*base = v;
	verify_add_derived(res, "--fdt-base 0x%llx (dom0 under Xen: Xen's console, "
				"\"Loading d0 DTB to\")", v);
	return 0;
}

int verify_derive_fdt_base(const void *fdt, const struct bootrec_memblock *rsv,
			   const struct bootrec_iomem *io, struct verify_result *res,
			   mp_u64 *base)
{
	mp_u64 tsize = fdt_totalsize(fdt), iend = 0, cand;
	int chosen = fdt_path_offset(fdt, "/chosen"), len = 0;
	const fdt32_t *p = chosen >= 0 ? fdt_getprop(fdt, chosen, "linux,initrd-end", &len) :
					 NULL;
	size_t i, hits = 0;

	if (p && (len == 4 || len == 8)) {
		iend = len == 4 ? fdt32_to_cpu(p[0]) :
				  ((mp_u64)fdt32_to_cpu(p[0]) << 32 | fdt32_to_cpu(p[1]));
		cand = mp_fdt_base_after_initrd(iend);
		if (reserved_covers(rsv, cand, tsize)) {
			verify_add_derived(res, "--fdt-base 0x%llx (/chosen linux,initrd-end "
						"0x%llx rounded up to 2 MiB; memblock-reserved "
						"holds the DTB's 0x%llx bytes there)",
					   (unsigned long long)cand, (unsigned long long)iend,
					   (unsigned long long)tsize);
			*base = cand;
			return 0;
		}
		for (i = 0; io && i < io->n; i++)
			if (io->e[i].start == cand && io->e[i].end - io->e[i].start + 1 >= tsize &&
			    !strcmp(io->e[i].name, "reserved"))
				break;
		if (!rsv && io && i < io->n) {
			verify_add_derived(res, "--fdt-base 0x%llx (/chosen linux,initrd-end "
						"0x%llx rounded up to 2 MiB; a reserved "
						"/proc/iomem range starts there)",
					   (unsigned long long)cand, (unsigned long long)iend);
			*base = cand;
			return 0;
		}
	}
	/* no initrd (or not confirmed): a 2 MiB aligned reserved range of exactly totalsize */
	for (i = 0; rsv && i < rsv->n; i++)
		if (!(rsv->r[i].base & (SZ_2M - 1)) &&
		    rsv->r[i].end - rsv->r[i].base + 1 == tsize && rsv->r[i].base >= iend) {
			if (!hits++)
				*base = rsv->r[i].base;
		}
	if (hits == 1) {
		verify_add_derived(res, "--fdt-base 0x%llx (the only 2 MiB aligned "
					"memblock-reserved range of the DTB's totalsize 0x%llx)",
				   (unsigned long long)*base, (unsigned long long)tsize);
		return 0;
	}
	if (p && (len == 4 || len == 8)) {
		*base = mp_fdt_base_after_initrd(iend);
		verify_add_derived(res, "--fdt-base 0x%llx (/chosen linux,initrd-end 0x%llx "
					"rounded up to 2 MiB; NOT confirmed by memblock-reserved)",
				   (unsigned long long)*base, (unsigned long long)iend);
		return 0;
	}
	return -1;
}

/*
 * The image's placement and section layout from /proc/iomem:
 * request_standard_resources() publishes "Kernel code" = [_stext (6.1) or
 * _text (6.12), __init_begin - 1] and "Kernel data" = [_sdata, _end - 1].
 */
int verify_derive_image(const struct bootrec_iomem *io, struct verify_result *res,
			struct mp_image *img, bool size_given, const struct mp_efi_map *efi)
{
	const struct bootrec_iomem_entry *code = NULL, *data = NULL;
	size_t i;

	for (i = 0; io && i < io->n; i++) {
		if (!strcmp(io->e[i].name, "Kernel code") && !code)
			code = &io->e[i];
		else if (!strcmp(io->e[i].name, "Kernel data") && !data)
			data = &io->e[i];
	}
	if (!code)
		return -1;
	img->text = code->start & ~(SZ_2M - 1);
	for (i = 0; efi && i < efi->nr; i++) {
		const struct mp_efi_desc *d = &efi->desc[i];

		/* the EFI stub's copy: 2 MiB aligned, or 64 KiB with KASLR */
		if (d->type == MP_EFI_LOADER_CODE && d->phys <= code->start &&
		    code->start - d->phys < d->pages * MP_EFI_PAGE) {
			img->text = d->phys;
			verify_add_derived(res, "--image-base 0x%llx (the EFI map's Loader Code "
					   "range holding /proc/iomem Kernel code 0x%llx)",
					   (unsigned long long)img->text,
					   (unsigned long long)code->start);
			break;
		}
	}
	if (!efi || i == efi->nr)
		verify_add_derived(res, "--image-base 0x%llx (/proc/iomem Kernel code 0x%llx rounded "
				   "down to 2 MiB)", (unsigned long long)img->text,
				   (unsigned long long)code->start);
	if (code->start > img->text)
		img->stext_offset = code->start - img->text;
	img->init_offset = code->end + 1 - img->text;
	if (data && data->start > img->text && data->end > data->start) {
		img->sdata_offset = data->start - img->text;
		if (!size_given)
			img->size = data->end + 1 - img->text;
	}
	verify_add_derived(res, "image layout: __init_begin at +0x%llx, _sdata at +0x%llx "
				"(/proc/iomem Kernel code/data)",
			   (unsigned long long)img->init_offset,
			   (unsigned long long)img->sdata_offset);
	return 0;
}

bool verify_derive_cpu_va52(const struct bootrec_log *log, const struct mp_kconfig *kc,
			    struct verify_result *res)
{
	static const char *const va52[] = {
		"CPU features: detected: 52-bit Virtual Addressing (LPA2)",
		"CPU features: detected: 52-bit Virtual Addressing (LVA)",
	};
	struct mp_arm64_bits b;
	size_t i, j;

	if (kc->va_bits <= 48 && kc->pa_bits <= 48)
		return false;
	for (i = 0; i < log->n; i++)
		for (j = 0; j < sizeof(va52) / sizeof(va52[0]); j++)
			if (!strcmp(log->lines[i].text, va52[j])) {
				verify_add_derived(res, "52-bit VA/PA in use: the log says \"%s\"",
						   va52[j]);
				return true;
			}
	if (!mp_arm64_bits(kc, false, &b))
		verify_add_derived(res, "52-bit configuration on a CPU without LPA2/LVA (no "
					"\"52-bit Virtual Addressing\" CPU feature in the log): "
					"VA %u bits, PA %u bits", b.va_bits_actual,
				   b.phys_mask_shift);
	return false;
}
