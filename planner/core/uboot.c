// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * uboot.c - U-Boot 2023.01's `booti` hand-over (docs/kernel-model.md §16):
 * the environment, U-Boot's lmb allocator (lib/lmb.c), booti_start() and
 * booti_setup() (cmd/booti.c, arch/arm/lib/image.c), boot_ramdisk_high()
 * (boot/image-board.c), boot_relocate_fdt() (boot/image-fdt.c), and the arm64
 * boot protocol's checks of the result (Documentation/arch/arm64/booting.rst).
 * Our own code; each rule names the U-Boot function it follows.
 */
#include "internal.h"
#include "uboot_dt.h"

/* lib/Kconfig: LMB_MAX_REGIONS, per list (memory, reserved) */
#define LMB_MAX 8
/* lib/Kconfig: SYS_FDT_PAD */
#define FDT_PAD 0x3000
/* booti_setup(): an Image without image_size is assumed 16 MiB at 0x80000 */
#define OLD_IMAGE_SIZE (16 * MP_SZ_M)
#define OLD_TEXT_OFFSET 0x80000
/* arch_lmb_reserve(): sp - 16 KiB up to ram_top; how far below ram_top U-Boot
 * 2023.01 qemu_arm64 keeps memory (stack, EFI, malloc, itself) - measured at
 * 34.3 MiB with 2 GiB; memplan takes 64 MiB and calls a result that reaches
 * it uncertain (§16.2) */
#define UBOOT_AREA (64 * MP_SZ_M)

struct lmb_rgn {
	mp_u64 base, size;
	bool nomap;
};

struct lmb {
	struct lmb_rgn mem, res[LMB_MAX];
	size_t nr_res;
	bool full;		/* a reservation was refused (lmb_add_region: -1) */
};

struct ctx {
	const struct mp_uboot_in *in;
	struct mp_arena *arena;
	struct mp_uboot_handover *out;
	struct mp_ub_dt dt;
	struct lmb lmb;
	mp_u64 uboot_floor;	/* the lowest address memplan gives U-Boot */
};

static void finding(struct ctx *c, enum mp_severity sev, const char *code, const char *msg)
{
	struct mp_uboot_handover *o = c->out;

	if (o->nr_f < MP_UBOOT_MAX_FINDINGS)
		o->f[o->nr_f++] = (struct mp_uboot_finding){ sev, code, msg ? msg : code };
}

#define FIND(c, sev, code, ...) finding(c, sev, code, mp_aprintf((c)->arena, __VA_ARGS__))

const char *mp_uboot_env_get(const struct mp_uboot_in *in, const char *name)
{
	size_t i = in->nr_env;

	while (i--)
		if (!mp_strcmp(in->env[i].name, name))
			return in->env[i].value;
	return NULL;
}

/* lib/strto.c simple_strtoul(s, &end, 16): "0x" skipped, hex digits, wraps */
mp_u64 mp_uboot_hextoul(const char *s, const char **end)
{
	mp_u64 v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (;; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			d = (unsigned)((*s | 0x20) - 'a' + 10);
		else
			break;
		v = v * 16 + d;	/* unsigned: wraps as U-Boot's ulong does */
	}
	if (end)
		*end = s;
	return v;
}

static bool env_hex(struct ctx *c, const char *name, mp_u64 *v)
{
	const char *s = mp_uboot_env_get(c->in, name);

	if (!s)
		return false;
	*v = mp_uboot_hextoul(s, NULL);
	return true;
}

/* ---- lib/lmb.c ------------------------------------------------------------ */

static bool lmb_overlap(mp_u64 b1, mp_u64 s1, mp_u64 b2, mp_u64 s2)
{
	/* lmb_addrs_overlap(): inclusive ends, as U-Boot computes them */
	return b1 <= b2 + s2 - 1 && b2 <= b1 + s1 - 1;
}

/* lmb_add_region_flags() on the reserved list: coalesce, refuse an overlap, insert sorted */
static int lmb_reserve(struct lmb *l, mp_u64 base, mp_u64 size, bool nomap)
{
	size_t i, j;
	bool merged = false;

	for (i = 0; i < l->nr_res; i++) {
		struct lmb_rgn *r = &l->res[i];

		if (r->base == base && r->size == size)
			return r->nomap == nomap ? 0 : -1;
		if (r->base == base + size) {		/* lmb_addrs_adjacent() > 0 */
			if (r->nomap != nomap)
				break;
			r->base -= size;
			r->size += size;
			merged = true;
			break;
		}
		if (base == r->base + r->size) {	/* adjacent < 0 */
			if (r->nomap != nomap)
				break;
			r->size += size;
			merged = true;
			break;
		}
		if (lmb_overlap(base, size, r->base, r->size))
			return -1;
	}
	if (merged && i + 1 < l->nr_res && l->res[i].base + l->res[i].size == l->res[i + 1].base &&
	    l->res[i].nomap == l->res[i + 1].nomap) {
		/* lmb_coalesce_regions() */
		l->res[i].size += l->res[i + 1].size;
		for (j = i + 1; j + 1 < l->nr_res; j++)
			l->res[j] = l->res[j + 1];
		l->nr_res--;
	}
	if (merged)
		return 1;
	if (l->nr_res == LMB_MAX) {
		l->full = true;
		return -1;
	}
	for (i = l->nr_res; i > 0 && l->res[i - 1].base > base; i--)
		l->res[i] = l->res[i - 1];
	l->res[i] = (struct lmb_rgn){ base, size, nomap };
	l->nr_res++;
	return 0;
}

/* __lmb_alloc_base(size, align, max_addr): the highest free aligned block below max_addr */
static mp_u64 lmb_alloc_base(struct lmb *l, mp_u64 size, mp_u64 align, mp_u64 max_addr)
{
	mp_u64 lo = l->mem.base, base, top;
	size_t i;

	if (l->mem.size < size || lo >= max_addr)
		return 0;
	if (mp_add_overflows(lo, l->mem.size, &top))
		top = MP_U64_MAX;	/* "Watch out for RAM at end of address space" */
	base = mp_round_down(mp_min(top, max_addr) - size, align);
	while (base && lo <= base) {
		for (i = 0; i < l->nr_res; i++)
			if (lmb_overlap(base, size, l->res[i].base, l->res[i].size))
				break;
		if (i == l->nr_res)
			return lmb_reserve(l, base, size, false) < 0 ? 0 : base;
		if (l->res[i].base < size)
			break;
		base = mp_round_down(l->res[i].base - size, align);
	}
	return 0;
}

/* ---- booti ----------------------------------------------------------------- */

/* boot_start_lmb(): [bootm_low, +bootm_size) and U-Boot's own area (arch_lmb_reserve()) */
static void start_lmb(struct ctx *c)
{
	struct mp_uboot_handover *o = c->out;
	mp_u64 low = c->dt.ram_base, size, top;

	if (mp_add_overflows(c->dt.ram_base, c->dt.ram_size, &o->ram_top))
		o->ram_top = MP_U64_MAX;
	env_hex(c, "bootm_low", &low);	/* env_get_bootm_low(): CONFIG_SYS_SDRAM_BASE */
	if (!env_hex(c, "bootm_size", &size))
		size = low >= c->dt.ram_base && low - c->dt.ram_base < c->dt.ram_size ?
		       c->dt.ram_size - (low - c->dt.ram_base) : 0;
	o->lmb_base = low;
	o->lmb_size = size;
	c->lmb.mem = (struct lmb_rgn){ low, size, false };
	c->uboot_floor = o->ram_top > c->dt.ram_base + UBOOT_AREA ? o->ram_top - UBOOT_AREA :
			 c->dt.ram_base;
	top = o->ram_top;
	if (top > c->uboot_floor)
		lmb_reserve(&c->lmb, c->uboot_floor, top - c->uboot_floor, false);
}

/* an allocation that ends within reach of U-Boot's own area depends on its stack */
static void check_reach(struct ctx *c, const char *what, mp_u64 base, mp_u64 size)
{
	if (base && base + size + MP_SZ_M > c->uboot_floor) {
		c->out->uncertain = true;
		FIND(c, MP_SEV_WARNING, "uboot-stack-dependent",
		     "%s: U-Boot allocates it just below its own area (arch_lmb_reserve(): "
		     "sp - 16 KiB up to ram_top 0x%llx); the address depends on U-Boot's stack "
		     "pointer and is assumed below 0x%llx", what,
		     (unsigned long long)c->out->ram_top, (unsigned long long)c->uboot_floor);
	}
}

/* booti_start() -> booti_setup(): move the Image to a 2 MiB aligned base + text_offset */
static int kernel(struct ctx *c)
{
	struct mp_uboot_handover *o = c->out;
	const struct mp_uboot_image *im = &c->in->image;
	mp_u64 text_offset = im->text_offset, dst, end;

	if (!env_hex(c, "kernel_addr_r", &o->kernel_load)) {
		FIND(c, MP_SEV_ERROR, "uboot-no-kernel-addr",
		     "kernel_addr_r is not set: booti has no Image address");
		return -1;
	}
	o->image_size = im->image_size;
	if (!o->image_size) {
		o->image_size = OLD_IMAGE_SIZE;
		text_offset = OLD_TEXT_OFFSET;
	}
	dst = im->anywhere ? o->kernel_load - text_offset : c->dt.ram_base;
	if (mp_add_overflows(mp_round_up(dst, 2 * MP_SZ_M), text_offset, &o->image_text) ||
	    mp_add_overflows(o->image_text, o->image_size, &end)) {
		FIND(c, MP_SEV_ERROR, "uboot-image-wraps",
		     "the Image at 0x%llx (size 0x%llx) runs past the 64-bit address space",
		     (unsigned long long)o->kernel_load, (unsigned long long)o->image_size);
		return -1;
	}
	o->image_moved = o->image_text != o->kernel_load;
	if (o->image_moved)
		FIND(c, MP_SEV_WARNING, "uboot-image-moved",
		     "kernel_addr_r 0x%llx is not a 2 MiB aligned base + text_offset 0x%llx: "
		     "booti_setup() moves the Image to 0x%llx (\"Moving Image from ...\")",
		     (unsigned long long)o->kernel_load, (unsigned long long)text_offset,
		     (unsigned long long)o->image_text);
	/* lmb_reserve(ep, le32_to_cpu(image_size)): only the low 32 bits */
	lmb_reserve(&c->lmb, o->image_text, o->image_size & 0xffffffffULL, false);
	return 0;
}

/* boot_get_ramdisk() for "addr:size", and bootm_find_images()'s overlap check */
static int ramdisk_arg(struct ctx *c)
{
	struct mp_uboot_handover *o = c->out;
	mp_u64 size = 0, start = o->image_text, end = o->image_text + o->image_size, rd_end;

	if (!env_hex(c, "ramdisk_addr_r", &o->initrd_load) || !o->initrd_load)
		return 0;
	if (!env_hex(c, "filesize", &size) || !size) {
		FIND(c, MP_SEV_NOTE, "uboot-no-initrd-size",
		     "ramdisk_addr_r is set but filesize is not: no initrd is passed "
		     "(booti ${kernel_addr_r} ${ramdisk_addr_r}:${filesize} needs both)");
		return 0;
	}
	if (mp_add_overflows(o->initrd_load, size, &rd_end)) {
		FIND(c, MP_SEV_ERROR, "uboot-initrd-wraps",
		     "the initrd at 0x%llx (filesize 0x%llx) runs past the 64-bit address space",
		     (unsigned long long)o->initrd_load, (unsigned long long)size);
		return -1;
	}
	o->has_initrd = true;
	o->initrd_start = o->initrd_load;
	o->initrd_end = rd_end;
	if ((o->initrd_start >= start && o->initrd_start < end) ||
	    (rd_end > start && rd_end <= end) || (o->initrd_start < start && rd_end >= end)) {
		FIND(c, MP_SEV_ERROR, "uboot-initrd-overlaps-image",
		     "ERROR: RD image overlaps OS image (OS=0x%llx..0x%llx): the initrd at "
		     "0x%llx-0x%llx (bootm_find_images())", (unsigned long long)start,
		     (unsigned long long)end, (unsigned long long)o->initrd_start,
		     (unsigned long long)rd_end);
		return -1;
	}
	return 0;
}

/*
 * lmb_alloc_base(size, 0x1000, high) for a copy (high 0: lmb_alloc(), anywhere);
 * U-Boot prints "ERROR: Failed to allocate" and booti stops when nothing is free
 */
static int alloc_below(struct ctx *c, const char *what, const char *code, mp_u64 size,
		       mp_u64 high, mp_u64 *at)
{
	mp_u64 end;

	*at = lmb_alloc_base(&c->lmb, size, 0x1000, high ? high : MP_U64_MAX);
	if (!*at || mp_add_overflows(*at, size, &end)) {
		FIND(c, MP_SEV_ERROR, code, "%s: allocation error: no 0x%llx bytes free below 0x%llx "
		     "(lmb_alloc_base())", what, (unsigned long long)size,
		     (unsigned long long)high);
		return -1;
	}
	check_reach(c, what, *at, size);
	return 0;
}

/* boot_ramdisk_high(): in place when initrd_high is all ones, else copied high */
static int ramdisk_high(struct ctx *c)
{
	struct mp_uboot_handover *o = c->out;
	mp_u64 high, size = o->initrd_end - o->initrd_start, at;
	const char *s = mp_uboot_env_get(c->in, "initrd_high");

	if (!o->has_initrd)
		return 0;
	if (s)
		high = mp_uboot_hextoul(s, NULL);
	else if (!env_hex(c, "bootm_mapsize", &high))
		high = o->lmb_size;	/* env_get_bootm_mapsize(): bootm_size */
	if (!s && mp_add_overflows(high, o->lmb_base, &high))
		high = MP_U64_MAX;	/* + env_get_bootm_low() */
	if (s && high == MP_U64_MAX) {
		lmb_reserve(&c->lmb, o->initrd_start, size, false);
		return 0;
	}
	if (s && high == 0xffffffffULL)
		FIND(c, MP_SEV_NOTE, "uboot-high-not-all-ones",
		     "initrd_high=%s is not \"all ones\" on a 64-bit U-Boot (~0 is "
		     "0xffffffffffffffff): the initrd is copied below 4 GiB", s);
	if (alloc_below(c, "the initrd copy", "uboot-initrd-alloc", size, high, &at))
		return -1;
	o->initrd_copied = true;
	o->initrd_start = at;
	o->initrd_end = at + size;
	return 0;
}

/* boot_relocate_fdt(): of_len = totalsize + SYS_FDT_PAD; in place, below fdt_high, or high */
static int relocate_fdt(struct ctx *c, mp_u64 of_len)
{
	struct mp_uboot_handover *o = c->out;
	const char *s = mp_uboot_env_get(c->in, "fdt_high");
	mp_u64 high, at;

	o->fdt_copy_len = of_len;
	if (s && (high = mp_uboot_hextoul(s, NULL)) == MP_U64_MAX) {
		lmb_reserve(&c->lmb, o->fdt_load, of_len, false);
		o->fdt_addr = o->fdt_load;
		return 0;
	}
	if (s && high == 0xffffffffULL)
		FIND(c, MP_SEV_NOTE, "uboot-high-not-all-ones",
		     "fdt_high=%s is not \"all ones\" on a 64-bit U-Boot: the DTB is copied "
		     "below 4 GiB", s);
	if (!s && !env_hex(c, "bootm_mapsize", &high))
		high = o->lmb_size;
	/* one bank: lmb_alloc_base(start + min(size, mapsize)) */
	if (!s && mp_add_overflows(c->dt.ram_base, mp_min(c->dt.ram_size, high), &high))
		high = MP_U64_MAX;
	if (alloc_below(c, "the DTB copy", "uboot-fdt-alloc", of_len, high, &at))
		return -1;
	o->fdt_addr = at;
	o->fdt_relocated = true;
	return 0;
}

/* bootm_find_images(): "FDT image overlaps OS image" (ft_len = the board DT's totalsize) */
static int fdt_arg(struct ctx *c)
{
	struct mp_uboot_handover *o = c->out;
	mp_u64 start = o->image_text, end = o->image_text + o->image_size, len, fend;

	o->fdt_var = "fdt_addr_r";
	if (!env_hex(c, "fdt_addr_r", &o->fdt_load)) {
		o->fdt_var = "fdtcontroladdr";
		if (!env_hex(c, "fdtcontroladdr", &o->fdt_load)) {
			FIND(c, MP_SEV_ERROR, "uboot-no-fdt-addr",
			     "neither fdt_addr_r nor fdtcontroladdr is set: booti has no DT");
			return -1;
		}
	}
	len = fdt_totalsize(c->in->fdt);
	if (mp_add_overflows(o->fdt_load, len, &fend)) {
		FIND(c, MP_SEV_ERROR, "uboot-fdt-wraps", "the DT at %s 0x%llx wraps",
		     o->fdt_var, (unsigned long long)o->fdt_load);
		return -1;
	}
	if ((o->fdt_load >= start && o->fdt_load < end) || (fend >= start && fend < end)) {
		FIND(c, MP_SEV_ERROR, "uboot-fdt-overlaps-image",
		     "ERROR: FDT image overlaps OS image (OS=0x%llx..0x%llx): %s 0x%llx",
		     (unsigned long long)start, (unsigned long long)end, o->fdt_var,
		     (unsigned long long)o->fdt_load);
		return -1;
	}
	return 0;
}

/* the version fdt_chosen() writes: PLAIN_VERSION, from ver="U-Boot VERSION (date)" */
static const char *plain_version(struct ctx *c)
{
	const char *v = mp_uboot_env_get(c->in, "ver"), *p;
	char *s;
	size_t n;

	if (!v || !mp_starts_with(v, "U-Boot "))
		return NULL;
	v += 7;
	for (p = v; *p && *p != ' '; p++)
		;
	n = (size_t)(p - v);
	s = mp_arena_alloc(c->arena, n + 1, 1);
	if (s)
		mp_memcpy(s, v, n);
	return s;
}

static int build_dt(struct ctx *c, mp_u64 of_len)
{
	struct mp_uboot_handover *o = c->out;
	struct mp_ub_edit e = {
		.fdt_addr = o->fdt_addr, .of_len = of_len, .in_place = !o->fdt_relocated,
		.bank_base = c->dt.ram_base, .bank_size = c->dt.ram_size,
		.has_initrd = o->has_initrd, .initrd_start = o->initrd_start,
		.initrd_end = o->initrd_end,
		.bootargs = mp_uboot_env_get(c->in, "bootargs"),
		.serial = mp_uboot_env_get(c->in, "serial#"), .version = plain_version(c),
	};
	const char *why;
	int err;

	if (!e.version)
		FIND(c, MP_SEV_NOTE, "uboot-no-version",
		     "ver is not in the environment: /chosen/u-boot,version is left out");
	o->bootargs = e.bootargs;
	err = mp_ub_dt_edit(c->in->fdt, &e, c->arena, &o->fdt, &why);
	if (err == -MP_ERR_NOSPACE)
		return err;
	if (err) {
		FIND(c, MP_SEV_ERROR, "uboot-fdt-edit", "ERROR: %s (image_setup_libfdt())", why);
		return 1;
	}
	o->fdt_size = fdt_totalsize(o->fdt);
	return 0;
}


/* ---- the hand-over against the boot protocol and the DT ------------------- */

/* inside U-Boot's one bank, which the hand-over's /memory describes */
static bool in_ram(const struct ctx *c, mp_u64 base, mp_u64 size)
{
	return base >= c->dt.ram_base && size <= c->dt.ram_size &&
	       base - c->dt.ram_base <= c->dt.ram_size - size;
}

/* the first DT reservation [base, +size) meets (nomap_only: a no-map one), or NULL */
static const struct mp_ub_resv *on_resv(const struct ctx *c, mp_u64 base, mp_u64 size,
					bool nomap_only)
{
	size_t i;

	for (i = 0; i < c->dt.nr_resv; i++)
		if ((!nomap_only || c->dt.resv[i].nomap) &&
		    mp_overlaps(base, size, c->dt.resv[i].base, c->dt.resv[i].size))
			return &c->dt.resv[i];
	return NULL;
}

static void check_object(struct ctx *c, const char *what, const char *code, mp_u64 base,
			 mp_u64 size)
{
	const struct mp_ub_resv *r;

	if (!in_ram(c, base, size))
		FIND(c, MP_SEV_ERROR, "uboot-outside-ram",
		     "%s [0x%llx-0x%llx] is not inside the memory U-Boot hands over "
		     "[0x%llx-0x%llx]", what, (unsigned long long)base,
		     (unsigned long long)mp_last_byte(base, size),
		     (unsigned long long)c->dt.ram_base,
		     (unsigned long long)mp_last_byte(c->dt.ram_base, c->dt.ram_size));
	r = on_resv(c, base, size, false);
	if (r)
		FIND(c, MP_SEV_ERROR, code, "%s [0x%llx-0x%llx] lies on the DT's reservation %s "
		     "[0x%llx-0x%llx]%s", what, (unsigned long long)base,
		     (unsigned long long)mp_last_byte(base, size), r->name,
		     (unsigned long long)r->base, (unsigned long long)mp_last_byte(r->base, r->size),
		     r->nomap ? " (no-map)" : "");
}

/* a load address on a no-map region: the firmware's memory was written */
static void check_load(struct ctx *c, const char *var, mp_u64 base, mp_u64 size, mp_u64 final)
{
	const struct mp_ub_resv *r = on_resv(c, base, size, true);

	if (r && base != final)
		FIND(c, MP_SEV_WARNING, "uboot-load-on-nomap",
		     "%s 0x%llx: the file is loaded onto the no-map region %s [0x%llx-0x%llx] "
		     "before booti moves it", var, (unsigned long long)base, r->name,
		     (unsigned long long)r->base, (unsigned long long)mp_last_byte(r->base, r->size));
}

/* booting.rst: the DTB 8-byte aligned, at most 2 MiB, in 2 MiB blocks of plain RAM */
static void check_dtb(struct ctx *c)
{
	const struct mp_uboot_handover *o = c->out;
	mp_u64 lo = mp_round_down(o->fdt_addr, 2 * MP_SZ_M);
	mp_u64 hi = mp_round_up(o->fdt_addr + o->fdt_size, 2 * MP_SZ_M);
	const struct mp_ub_resv *r = on_resv(c, lo, hi - lo, true);

	if (o->fdt_addr & 7)
		FIND(c, MP_SEV_ERROR, "uboot-fdt-unaligned",
		     "the DTB at 0x%llx is not 8-byte aligned (booting.rst: \"placed on an "
		     "8-byte boundary\")", (unsigned long long)o->fdt_addr);
	if (o->fdt_size > 2 * MP_SZ_M)
		FIND(c, MP_SEV_ERROR, "uboot-fdt-too-big",
		     "the DTB is 0x%llx bytes (booting.rst: \"must not exceed 2 megabytes\")",
		     (unsigned long long)o->fdt_size);
	if (r)
		FIND(c, MP_SEV_ERROR, "uboot-fdt-block-nomap",
		     "the DTB's 2 MiB blocks [0x%llx-0x%llx] meet the no-map region %s (booting.rst: "
		     "\"must not be placed within any 2M region which must be mapped with any "
		     "specific attributes\")", (unsigned long long)lo,
		     (unsigned long long)(hi - 1), r->name);
	check_object(c, "the DTB", "uboot-fdt-on-reserved", o->fdt_addr, o->fdt_size);
}

/* booting.rst: "a 1 GB aligned physical memory window of up to 32 GB" with the Image */
static void check_initrd_window(struct ctx *c)
{
	const struct mp_uboot_handover *o = c->out;
	mp_u64 lo = mp_round_down(mp_min(o->image_text, o->initrd_start), MP_SZ_G);
	mp_u64 hi = mp_round_up(mp_max(o->image_text + o->image_size, o->initrd_end), MP_SZ_G);

	if (hi - lo > 32 * MP_SZ_G)
		FIND(c, MP_SEV_ERROR, "uboot-initrd-window",
		     "the Image and the initrd [0x%llx-0x%llx] do not fit one 1 GiB aligned window "
		     "of 32 GiB (booting.rst)", (unsigned long long)lo, (unsigned long long)(hi - 1));
}

static int check(struct ctx *c)
{
	const struct mp_uboot_handover *o = c->out;

	if (c->dt.nr_mem_regs > 1)
		FIND(c, MP_SEV_WARNING, "uboot-banks-dropped",
		     "the DT describes %zu memory ranges; U-Boot (CONFIG_NR_DRAM_BANKS=1) rewrites "
		     "/memory with the first only (fdt_fixup_memory_banks())", c->dt.nr_mem_regs);
	if (c->dt.resv_truncated)
		FIND(c, MP_SEV_NOTE, "uboot-many-reservations",
		     "more than %d DT reservations: memplan checks the first %d", MP_UB_MAX_REGIONS,
		     MP_UB_MAX_REGIONS);
	check_object(c, "the Image", "uboot-image-on-reserved", o->image_text, o->image_size);
	check_load(c, "kernel_addr_r", o->kernel_load, o->image_size, o->image_text);
	if (o->has_initrd) {
		check_object(c, o->initrd_copied ? "the initrd copy (boot_ramdisk_high() places it "
			     "before the DT's reservations reach lmb)" : "the initrd",
			     "uboot-initrd-on-reserved", o->initrd_start,
			     o->initrd_end - o->initrd_start);
		check_load(c, "ramdisk_addr_r", o->initrd_load, o->initrd_end - o->initrd_start,
			   o->initrd_start);
		check_initrd_window(c);
	}
	check_dtb(c);
	check_load(c, o->fdt_var, o->fdt_load, fdt_totalsize(c->in->fdt), o->fdt_addr);
	return 0;
}

int mp_uboot_booti(const struct mp_uboot_in *in, struct mp_arena *arena,
		   struct mp_uboot_handover *out)
{
	struct ctx c = { .in = in, .arena = arena, .out = out };
	mp_u64 of_len;
	int err;

	mp_memset(out, 0, sizeof(*out));
	if (in->fdt_len < sizeof(struct fdt_header) || fdt_check_header(in->fdt) ||
	    fdt_totalsize(in->fdt) > in->fdt_len || mp_dt_struct_walk(in->fdt, in->fdt_len))
		return -MP_ERR_BADDTB;
	if (mp_ub_dt_read(in->fdt, &c.dt))
		return -MP_ERR_BADDTB;
	if (!c.dt.has_ram) {
		FIND(&c, MP_SEV_ERROR, "uboot-no-memory",
		     "the DT has no memory node: U-Boot has no DRAM to boot from");
		return 0;
	}
	start_lmb(&c);
	if (kernel(&c) || ramdisk_arg(&c) || fdt_arg(&c) || ramdisk_high(&c))
		return 0;
	/* image_setup_linux(): the booted DT's reservations, then its relocation */
	for (size_t i = 0; i < c.dt.nr_resv; i++)
		if (lmb_reserve(&c.lmb, c.dt.resv[i].base, c.dt.resv[i].size, c.dt.resv[i].nomap) < 0)
			FIND(&c, MP_SEV_NOTE, "uboot-lmb-reserve-failed",
			     "ERROR: reserving fdt memory region failed (addr=%llx size=%llx): "
			     "%s overlaps a reservation or lmb is full (%d regions)",
			     (unsigned long long)c.dt.resv[i].base,
			     (unsigned long long)c.dt.resv[i].size, c.dt.resv[i].name, LMB_MAX);
	of_len = (mp_u64)fdt_totalsize(in->fdt) + FDT_PAD;
	if (relocate_fdt(&c, of_len))
		return 0;
	err = build_dt(&c, of_len);
	if (err)
		return err < 0 ? err : 0;
	out->booted = true;
	return check(&c);
}
