// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * placement.c - where the boot loader put the Image and the DTB: the default
 * when the caller does not say, and the arm64 boot protocol's rules
 * (Documentation/arch/arm64/booting.rst) when it does.
 *
 * A placement the protocol forbids never boots, so planning it would only
 * print nonsense: an Image or DTB the caller placed outside the DT's memory,
 * off its alignment, or with an end that wraps is refused with
 * -MP_ERR_BADINPUT.  The default placement of the default-sized Image is not
 * checked against memory: it is marked assumed, and a DT whose RAM cannot hold
 * it fails later with its own diagnostics.  A given size is checked at the
 * default base too: an Image larger than the RAM after that base cannot boot.
 */
#include "internal.h"
#include "dtscan.h"

/* booting.rst: "placed text_offset bytes from a 2MB aligned base"; text_offset is 0 since 5.8 */
#define IMAGE_BASE_ALIGN (2 * MP_SZ_M)
/* booting.rst: "The device tree blob (dtb) must be placed on an 8-byte boundary" */
#define FDT_ALIGN 8
/* QEMU's arm64 loader (hw/arm/boot.c) puts the DTB 2 MiB aligned after the initrd */
#define QEMU_FDT_ALIGN (2 * MP_SZ_M)
/* the DT's static reservations a default placement steps past (more are not looked at) */
#define MAX_AVOIDED 512

mp_u64 mp_fdt_base_after_initrd(mp_u64 initrd_end)
{
	return mp_round_up(initrd_end, QEMU_FDT_ALIGN);
}

/* the first reservation of @rsv that [base, base + size) overlaps, or NULL */
static const struct mp_range *overlap(const struct mp_range *rsv, size_t n, mp_u64 base,
				      mp_u64 size)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rsv[i].base < base + size && base < rsv[i].base + rsv[i].size)
			return &rsv[i];
	return NULL;
}

static bool in_dt_memory(const struct mp_dt_facts *dt, mp_u64 base, mp_u64 size);

/*
 * A boot loader's lmb (U-Boot 2023.01: boot_fdt_add_mem_rsv_regions() reserves
 * the DT's /memreserve/ and /reserved-memory before it places anything) never
 * puts an object on the board's carve-outs: from @want, step past each
 * reservation it meets, @align at a time, while the object stays in RAM.
 * Returns @want when it is free, or when no free place follows it (then the
 * plan says the default lands on a reservation).
 */
static mp_u64 first_free(struct mp_ctx *ctx, const struct mp_range *rsv, size_t n, mp_u64 want,
			 mp_u64 size, mp_u64 align)
{
	const struct mp_range *r;
	mp_u64 at = want, end;
	size_t steps = 0;

	while ((r = overlap(rsv, n, at, size)) && steps++ <= n) {
		if (mp_add_overflows(r->base, r->size, &end) || end > MP_U64_MAX - align)
			return want;
		at = mp_round_up(end, align);
		if (mp_add_overflows(at, size, &end) || !in_dt_memory(ctx->dt, at, size))
			return want;
	}
	return r ? want : at;
}

/* a default that still lies on a reservation is a finding, as is one moved past them */
static void say_default(struct mp_ctx *ctx, const struct mp_range *rsv, size_t n,
			const char *what, mp_u64 want, mp_u64 got, mp_u64 size)
{
	const struct mp_range *r = overlap(rsv, n, got, size);

	if (r)
		mp_diag(ctx, MP_SEV_WARNING, "placement-on-reservation", NULL,
			"the assumed %s [0x%llx-0x%llx] lies on the DT's reservation "
			"[0x%llx-0x%llx] and no free place follows in RAM: give its real base",
			what, (unsigned long long)got, (unsigned long long)mp_last_byte(got, size),
			(unsigned long long)r->base,
			(unsigned long long)mp_last_byte(r->base, r->size));
	else if (got != want)
		mp_diag(ctx, MP_SEV_NOTE, "placement-assumed", NULL,
			"the %s is assumed at 0x%llx: the default 0x%llx lies on the DT's "
			"reservations, which a boot loader's lmb places past", what,
			(unsigned long long)got, (unsigned long long)want);
}

void mp_placement_default(struct mp_ctx *ctx)
{
	struct mp_plan *p = ctx->plan;
	mp_u64 ram = ctx->dt->nr_mem ? ctx->dt->mem[0].base : 0x40000000ULL, want;
	struct mp_range rsv[MAX_AVOIDED];
	size_t i, n;

	for (i = 1; i < ctx->dt->nr_mem; i++)
		ram = mp_min(ram, ctx->dt->mem[i].base);
	n = mp_min(mp_dt_static_rsv(ctx->in->fdt, rsv, MAX_AVOIDED - 1), MAX_AVOIDED - 1);
	p->image = ctx->in->image;
	/* Debian 6.1.0-56 arm64 Image: image_size 0x2010000 (header) */
	if (!p->image.size)
		p->image.size = 0x2010000;
	if (!ctx->in->image_given) {
		/* booting.rst: a 2 MiB aligned base; QEMU uses RAM base + 2 MiB */
		want = mp_round_up(ram, IMAGE_BASE_ALIGN) + IMAGE_BASE_ALIGN;
		p->image.text = first_free(ctx, rsv, n, want, p->image.size, IMAGE_BASE_ALIGN);
		p->image.text_assumed = true;
		say_default(ctx, rsv, n, "Image", want, p->image.text, p->image.size);
	}
	if (!p->image.stext_offset)
		p->image.stext_offset = 0x10000; /* SEGMENT_ALIGN */
	if (!p->image.init_offset) {
		/*
		 * Section offsets scale with the image as in Debian's 6.1.0-56 arm64
		 * build, measured from its /proc/iomem in QEMU: __init_begin at
		 * _text + 0x1660000, _sdata at _text + 0x1cb0000, _end at + 0x2010000.
		 */
		p->image.init_offset = mp_round_down(p->image.size / 0x2010 * 0x1660, 0x10000);
		p->image.sdata_offset = mp_round_down(p->image.size / 0x2010 * 0x1cb0, 0x10000);
		p->image.layout_assumed = true;
	}
	p->has_initrd = ctx->dt->has_initrd;
	p->initrd_start = ctx->dt->initrd_start;
	p->initrd_end = ctx->dt->initrd_end;
	if (ctx->in->fdt_base_given) {
		p->fdt_base = ctx->in->fdt_base;
		return;
	}
	p->fdt_base_assumed = true;
	if (p->has_initrd) {
		/* QEMU's rule: it knows nothing of the DT's reservations */
		p->fdt_base = mp_fdt_base_after_initrd(p->initrd_end);
		return;
	}
	/* the Image is one more range the DTB keeps clear of */
	rsv[n++] = (struct mp_range){ p->image.text, p->image.size };
	want = ram + 128 * MP_SZ_M;
	p->fdt_base = first_free(ctx, rsv, n, want, fdt_totalsize(ctx->in->fdt), QEMU_FDT_ALIGN);
	say_default(ctx, rsv, n, "DTB", want, p->fdt_base, fdt_totalsize(ctx->in->fdt));
}

/*
 * in_dt_memory - whether [base, base + size) lies in the DT's memory nodes.
 * Banks may be listed in any order and split a range between them, so the
 * covered end is extended until no bank continues it.
 */
static bool in_dt_memory(const struct mp_dt_facts *dt, mp_u64 base, mp_u64 size)
{
	mp_u64 end = base + size, reached = base;
	bool grew = true;
	size_t i;

	while (grew && reached < end) {
		grew = false;
		for (i = 0; i < dt->nr_mem; i++) {
			mp_u64 b = dt->mem[i].base, e;

			if (mp_add_overflows(b, dt->mem[i].size, &e))
				e = MP_U64_MAX;
			if (b <= reached && reached < e) {
				reached = e;
				grew = true;
			}
		}
	}
	return reached >= end;
}

/* one placed object: its end does not wrap, its base is aligned, it lies in RAM */
static int check_one(struct mp_ctx *ctx, const char *what, mp_u64 base, mp_u64 size,
		     mp_u64 align, const char *rule, bool check_ram)
{
	mp_u64 end;

	if (mp_add_overflows(base, size, &end))
		return mp_fail(ctx, -MP_ERR_BADINPUT,
			       "%s at 0x%llx with size 0x%llx: the end is past the 64-bit "
			       "address space", what, (unsigned long long)base,
			       (unsigned long long)size);
	if (base & (align - 1))
		return mp_fail(ctx, -MP_ERR_BADINPUT,
			       "%s at 0x%llx: not %s aligned (%s)", what, (unsigned long long)base,
			       align >= MP_SZ_M ? "2 MiB" : align >= MP_SZ_K ? "64 KiB" : "8-byte",
			       rule);
	if (check_ram && ctx->dt->nr_mem && !in_dt_memory(ctx->dt, base, size))
		return mp_fail(ctx, -MP_ERR_BADINPUT,
			       "%s [0x%llx-0x%llx] is not inside the DT's memory (a boot "
			       "loader places it in RAM)", what, (unsigned long long)base,
			       (unsigned long long)(end - 1));
	return 0;
}

int mp_placement_check(struct mp_ctx *ctx)
{
	const struct mp_plan *p = ctx->plan;
	const struct mp_input *in = ctx->in;
	mp_u64 fdt_end;

	/* the EFI stub places it itself: 64 KiB aligned with KASLR (EFI_KIMG_ALIGN) */
	if (check_one(ctx, "the Image", p->image.text, p->image.size,
		      !in->image_given ? 1 : in->efi ? 64 * MP_SZ_K : IMAGE_BASE_ALIGN,
		      in->efi ? "the EFI stub places the Image at least 64 KiB aligned" :
				"the arm64 boot protocol, booting.rst: the Image sits at a 2 MiB "
				"aligned base",
		      in->image_given || in->image.size))
		return ctx->err;
	if (!in->fdt_base_given)
		return 0;
	if (check_one(ctx, "the DTB", p->fdt_base, p->fdt_size, FDT_ALIGN,
		      "the arm64 boot protocol, booting.rst: the dtb is placed on an "
		      "8-byte boundary", true))
		return ctx->err;
	fdt_end = p->fdt_base + p->fdt_size;
	if (in->image_given && p->fdt_base < p->image.text + p->image.size &&
	    p->image.text < fdt_end)
		return mp_fail(ctx, -MP_ERR_BADINPUT,
			       "the DTB [0x%llx-0x%llx] overlaps the Image [0x%llx-0x%llx]",
			       (unsigned long long)p->fdt_base, (unsigned long long)(fdt_end - 1),
			       (unsigned long long)p->image.text,
			       (unsigned long long)(p->image.text + p->image.size - 1));
	return 0;
}
