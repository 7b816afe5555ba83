// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * inputs.c - where a plan's inputs came from, and the RAM a boot loader fills
 * into a DT that leaves it out, chosen to cover the board's static
 * reservations.
 *
 * 595 of the 1,219 arm64 DTBs of Linux 6.12 have no usable /memory: a
 * placeholder "memory@a0000000 { reg = <0 0xa0000000 0 0>; }" or nothing, and
 * U-Boot writes the real banks (fdt_fixup_memory_banks(), boot/fdt_support.c,
 * 2023.01).  Planning such a DT needs RAM; the assumption is chosen so that the
 * board's own carve-outs lie inside it - an assumed bank that misses them would
 * only produce findings about the assumption, not about the board.
 */
#include "cmdline.h"
#include "internal.h"
#include "dtscan.h"

#define ASSUME_BASE_ALIGN (256 * MP_SZ_M)
#define ASSUME_SIZE_STEP MP_SZ_G
/* the largest 2 MiB multiple one 32-bit size cell holds */
#define ONE_CELL_MAX_SIZE 0xffe00000ULL

const char *mp_source_name(enum mp_source s)
{
	static const char *const names[] = {
		[MP_SRC_UNSAID] = "unsaid", [MP_SRC_DT] = "dt", [MP_SRC_GIVEN] = "given",
		[MP_SRC_FILE] = "file", [MP_SRC_RECORD] = "record",
		[MP_SRC_DEFAULT] = "default", [MP_SRC_ASSUMED] = "assumed",
		[MP_SRC_NONE] = "none", [MP_SRC_BOOT_LOADER] = "boot-loader",
		[MP_SRC_EFI_MAP] = "efi-memmap",
	};

	return (unsigned int)s < sizeof(names) / sizeof(names[0]) ? names[s] : "unsaid";
}

static void say_assumed_memory(struct mp_ctx *ctx, const struct mp_mem_assumption *a)
{
	const char *how = a->base_src == MP_SRC_GIVEN ? "given with --assume-memory" :
			  a->base_src == MP_SRC_DT ? "its own reg" :
			  a->size_src == MP_SRC_GIVEN ? "size given with --assume-memory" :
							"assumed: pass --assume-memory BASE:SIZE";

	if (a->untyped_node[0]) {
		int node = fdt_subnode_offset(ctx->in->fdt, 0, a->untyped_node);

		mp_diag(ctx, MP_SEV_ERROR, "memory-no-device-type",
			node >= 0 ? mp_dt_path(ctx, node) : NULL,
			"the memory node lacks device_type = \"memory\": "
			"early_init_dt_scan_memory() skips it, so Linux sees no RAM unless the "
			"boot loader adds it");
	}
	mp_diag(ctx, MP_SEV_NOTE, "memory-assumed", NULL,
		"the DT leaves memory to the boot loader: planned with %llu MiB of RAM at "
		"0x%llx%s (%s%s%s); %zu of the DT's %zu static reservations lie outside it",
		(unsigned long long)(a->banks[0].size >> 20), (unsigned long long)a->banks[0].base,
		a->nr > 1 ? " and more banks" : "", how, a->base_from ? "; base from " : "",
		a->base_from ? a->base_from : "", a->nr_rsv_outside, a->nr_rsv);
}

/*
 * What the IORT holds that the kernel reads oddly, in the plan's findings.
 * The checksum is not verified when zone_sizes_init() reads the table
 * ("Early table checksum verification disabled"); acpi_reallocate_root_table()
 * checks it later and only warns (acpi_tb_verify_checksum() in 6.1,
 * acpi_ut_verify_checksum() in 6.12; ACPI_CHECKSUM_ABORT is off).
 */
static void say_iort(struct mp_ctx *ctx, const struct mp_iort *t)
{
	if (!t->checksum_ok)
		mp_diag(ctx, MP_SEV_WARNING, "iort-checksum", NULL,
			"the IORT's checksum byte is 0x%02X, its bytes need 0x%02X: Linux sizes "
			"ZONE_DMA from the table all the same and later warns \"Incorrect "
			"checksum in table [IORT]\"", t->checksum, t->checksum_want);
	if (t->nr_bits_over_64)
		mp_diag(ctx, MP_SEV_WARNING, "iort-limit-bits", NULL,
			"%u IORT node(s) give a memory address size limit over 64 bits: "
			"DMA_BIT_MASK() shifts by it, undefined in C; planned as arm64 shifts, by "
			"the count modulo 64", t->nr_bits_over_64);
}

static enum mp_source said(enum mp_source s, enum mp_source otherwise)
{
	return s == MP_SRC_UNSAID ? otherwise : s;
}

bool mp_linear_may_shift(const struct mp_ctx *ctx)
{
	return ctx->in->kc.randomize_base && !ctx->cl->nokaslr;
}

void mp_inputs_record(struct mp_ctx *ctx)
{
	const struct mp_input *in = ctx->in;
	struct mp_plan *p = ctx->plan;
	struct mp_inputs *s = &p->inputs;
	const struct mp_mem_assumption *a = in->mem_assumed;

	p->mem_assumed = a;
	s->memory = in->efi ? MP_SRC_EFI_MAP : !a ? MP_SRC_DT : a->base_src == MP_SRC_GIVEN ? MP_SRC_GIVEN :
		    a->base_src == MP_SRC_DT ? MP_SRC_DT : MP_SRC_ASSUMED;
	s->image_base = in->image_given ? said(in->image_base_src, MP_SRC_GIVEN) : MP_SRC_ASSUMED;
	s->image_size = in->image.size ? said(in->image_size_src, MP_SRC_GIVEN) : MP_SRC_DEFAULT;
	s->image_layout = p->image.layout_assumed ? MP_SRC_DEFAULT : s->image_size;
	s->dtb_base = in->fdt_base_given ? said(in->fdt_base_src, MP_SRC_GIVEN) : MP_SRC_ASSUMED;
	s->dtb_size = MP_SRC_DT;
	s->initrd = p->has_initrd ? MP_SRC_DT : MP_SRC_NONE;
	s->kconfig = said(in->kconfig_src, in->kc.from_file ? MP_SRC_FILE : MP_SRC_DEFAULT);
	s->profile = said(in->profile_src, MP_SRC_GIVEN);
	s->cmdline = in->cmdline ? MP_SRC_GIVEN : ctx->dt->bootargs ? MP_SRC_DT : MP_SRC_NONE;
	/* the CPU's LPA2/LVA matters only to a 52-bit configuration */
	s->cpu_va52 = in->kc.va_bits < 52 && in->kc.pa_bits < 52 ? MP_SRC_NONE :
		      said(in->cpu_va52_src, in->cpu_va52 ? MP_SRC_GIVEN : MP_SRC_ASSUMED);
	/* acpi_iort_dma_get_max_cpu_address() without an IORT: no limit */
	p->iort = in->iort;
	s->acpi_iort = in->iort ? said(in->iort_src, MP_SRC_FILE) : MP_SRC_NONE;
	s->phys_offset = in->phys_offset_given ? said(in->phys_offset_src, MP_SRC_GIVEN) :
			 mp_linear_may_shift(ctx) ? MP_SRC_ASSUMED : MP_SRC_NONE;
	if (a)
		say_assumed_memory(ctx, a);
	if (in->iort)
		say_iort(ctx, in->iort);
}

/* one (address, size) entry of @cells_a + @cells_s cells; false when it wraps or is empty */
static bool reg_entry(const fdt32_t *p, unsigned int ac, unsigned int sc, mp_u64 *base,
		      mp_u64 *size)
{
	mp_u64 end;

	*base = mp_dt_read_cells(p, ac);
	*size = mp_dt_read_cells(p + ac, sc);
	return *size && !mp_add_overflows(*base, *size, &end);
}

size_t mp_dt_static_rsv(const void *fdt, struct mp_range *out, size_t cap)
{
	unsigned int ac, sc;
	size_t n = 0;
	int i, node, rm, len;

	/* /memreserve/ entries: early_init_fdt_scan_reserved_mem() reserves each */
	for (i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		uint64_t b, s;

		if (fdt_get_mem_rsv(fdt, i, &b, &s) || !s || b + s < b)
			continue;
		if (n < cap)
			out[n] = (struct mp_range){ b, s };
		n++;
	}
	rm = fdt_path_offset(fdt, "/reserved-memory");
	if (rm < 0)
		return n;
	/* fdt_scan_reserved_mem(): every available child's reg entries */
	mp_dt_cells(fdt, rm, &ac, &sc);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return n;
	fdt_for_each_subnode(node, fdt, rm) {
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
		int k, per = (int)(ac + sc) * 4;

		if (!reg || len < per || !mp_dt_available(fdt, node))
			continue;
		for (k = 0; k + per <= len; k += per) {
			mp_u64 b, s;

			if (!reg_entry(reg + k / 4, ac, sc, &b, &s))
				continue;
			if (n < cap)
				out[n] = (struct mp_range){ b, s };
			n++;
		}
	}
	return n;
}

/* the first device_type = "memory" node's reg base (a placeholder), if any */
static bool placeholder_base(const void *fdt, unsigned int ac, mp_u64 *base)
{
	int node, len;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *t = fdt_getprop(fdt, node, "device_type", &len);
		const fdt32_t *reg;

		if (!t || len < 7 || strcmp(t, "memory"))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (reg && len >= (int)ac * 4) {
			*base = mp_dt_read_cells(reg, ac);
			return true;
		}
	}
	return false;
}

/*
 * A "memory" node without device_type: early_init_dt_scan_memory() skips it,
 * so the kernel sees no RAM unless the boot loader adds device_type.  Its own
 * non-empty reg is what the board says its RAM is: keep it (lint reports the
 * missing property as an error on the node).
 */
static bool untyped_node(const void *fdt, unsigned int ac, unsigned int sc,
			 struct mp_mem_assumption *a)
{
	int node = fdt_subnode_offset(fdt, 0, "memory"), len, k, per = (int)(ac + sc) * 4;
	const fdt32_t *reg;
	const char *name;

	if (node < 0 || fdt_getprop(fdt, node, "device_type", NULL))
		return false;
	reg = fdt_getprop(fdt, node, "reg", &len);
	for (k = 0; reg && k + per <= len && a->nr < MP_ASSUME_MAX_BANKS; k += per) {
		mp_u64 b, s;

		if (reg_entry(reg + k / 4, ac, sc, &b, &s))
			a->banks[a->nr++] = (struct mp_range){ b, s };
	}
	if (!a->nr)
		return false;
	/* copied: the caller may free @fdt once the DT with memory is written */
	name = fdt_get_name(fdt, node, NULL);
	if (name && mp_strlen(name) < sizeof(a->untyped_node))
		mp_memcpy(a->untyped_node, name, mp_strlen(name) + 1);
	else
		mp_memcpy(a->untyped_node, "memory", sizeof("memory"));
	a->base_src = a->size_src = MP_SRC_DT;
	return true;
}

static void count_outside(struct mp_mem_assumption *a, const struct mp_range *rsv, size_t n)
{
	size_t i, k;

	a->nr_rsv = n;
	a->nr_rsv_outside = 0;
	for (i = 0; i < n; i++) {
		bool in = false;

		for (k = 0; k < a->nr && !in; k++)
			in = rsv[i].base >= a->banks[k].base &&
			     rsv[i].base - a->banks[k].base < a->banks[k].size &&
			     rsv[i].size <= a->banks[k].size - (rsv[i].base - a->banks[k].base);
		a->nr_rsv_outside += !in;
	}
}

/* the lowest base of the reservations */
static mp_u64 rsv_lowest(const struct mp_range *rsv, size_t n)
{
	mp_u64 lo = MP_U64_MAX;
	size_t i;

	for (i = 0; i < n; i++)
		lo = mp_min(lo, rsv[i].base);
	return lo;
}

/* the highest end of the reservations that RAM from @base can reach (MP_ASSUME_MAX_SIZE) */
static mp_u64 rsv_reach(const struct mp_range *rsv, size_t n, mp_u64 base)
{
	mp_u64 hi = 0, end;
	size_t i;

	for (i = 0; i < n; i++) {
		end = rsv[i].base + rsv[i].size;
		if (rsv[i].base >= base && end - base <= MP_ASSUME_MAX_SIZE)
			hi = mp_max(hi, end);
	}
	return hi;
}

int mp_assume_memory(const void *fdt, const struct mp_range *given, size_t nr_given,
		     bool base_given, struct mp_mem_assumption *out)
{
	struct mp_range rsv[256];
	unsigned int ac, sc;
	size_t nr_rsv, i;
	mp_u64 base = 0, size, lo, hi, end;
	bool have_base;

	mp_memset(out, 0, sizeof(*out));
	mp_dt_cells(fdt, 0, &ac, &sc);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || nr_given > MP_ASSUME_MAX_BANKS)
		return -MP_EINVAL;
	nr_rsv = mp_min(mp_dt_static_rsv(fdt, rsv, 256), 256);
	if (base_given) {
		for (i = 0; i < nr_given; i++) {
			if (!given[i].size || mp_add_overflows(given[i].base, given[i].size, &end))
				return -MP_EINVAL;
			out->banks[out->nr++] = given[i];
		}
		out->base_src = out->size_src = MP_SRC_GIVEN;
		count_outside(out, rsv, nr_rsv);
		return 0;
	}
	if (!nr_given && untyped_node(fdt, ac, sc, out)) {
		count_outside(out, rsv, nr_rsv);
		return 0;
	}
	have_base = placeholder_base(fdt, ac, &base);
	out->base_from = "the placeholder /memory node";
	/*
	 * Lowered to any carve-out below the placeholder, however far: on the
	 * upstream DTs that keeps more of the board's carve-outs in RAM (msm8994:
	 * placeholder at 0x80000000, DRAM and carve-outs from 0x3400000) than it
	 * wrongly adds (sc7280's wlan-ce@4cd000 in on-chip memory): measured with
	 * `make audit`, 24 rmem-outside-ram findings in 12 files against 176 in 48
	 * with a 1 GiB limit.
	 */
	lo = rsv_lowest(rsv, nr_rsv);
	if (lo != MP_U64_MAX && (!have_base || lo < base)) {
		base = mp_round_down(lo, ASSUME_BASE_ALIGN);
		out->base_from = "the lowest static reservation";
	} else if (!have_base) {
		base = MP_ASSUME_DEFAULT_BASE;
		out->base_from = "the default";
	}
	out->base_src = MP_SRC_ASSUMED;
	out->size_src = nr_given ? MP_SRC_GIVEN : MP_SRC_ASSUMED;
	size = nr_given ? given[0].size : MP_ASSUME_DEFAULT_SIZE;
	hi = rsv_reach(rsv, nr_rsv, base);
	if (!nr_given && hi > base && hi - base > size)
		size = mp_min(mp_round_up(hi - base, ASSUME_SIZE_STEP), MP_ASSUME_MAX_SIZE);
	/* one address cell reaches 4 GiB only; one size cell holds less than 4 GiB */
	if (ac == 1 && base < (1ULL << 32))
		size = mp_min(size, (1ULL << 32) - base);
	if (sc == 1)
		size = mp_min(size, ONE_CELL_MAX_SIZE);
	if (!size || mp_add_overflows(base, size, &end))
		return -MP_EINVAL;
	out->banks[out->nr++] = (struct mp_range){ base, size };
	count_outside(out, rsv, nr_rsv);
	return 0;
}

/* the node that receives the banks: typed, untyped, or a new /memory */
static int memory_node(void *buf)
{
	int node, len;

	fdt_for_each_subnode(node, buf, 0) {
		const char *t = fdt_getprop(buf, node, "device_type", &len);

		if (t && len >= 7 && !strcmp(t, "memory"))
			return node;
	}
	node = fdt_subnode_offset(buf, 0, "memory");
	if (node < 0)
		node = fdt_add_subnode(buf, 0, "memory");
	if (node >= 0 && fdt_setprop_string(buf, node, "device_type", "memory"))
		return -1;
	return node;
}

int mp_dt_with_memory(const void *fdt, const struct mp_mem_assumption *a, void *buf, size_t cap,
		      size_t *len)
{
	fdt32_t cells[MP_ASSUME_MAX_BANKS * 4];
	unsigned int ac, sc;
	int node, n = 0, err;
	size_t i;

	if (cap > INT32_MAX)
		cap = INT32_MAX;
	mp_dt_cells(fdt, 0, &ac, &sc);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || !a->nr || a->nr > MP_ASSUME_MAX_BANKS)
		return -MP_EINVAL;
	err = fdt_open_into(fdt, buf, (int)cap);
	if (err)
		return err == -FDT_ERR_NOSPACE ? -MP_ENOSPC : -MP_EINVAL;
	node = memory_node(buf);
	if (node < 0)
		return node == -FDT_ERR_NOSPACE ? -MP_ENOSPC : -MP_EINVAL;
	for (i = 0; i < a->nr; i++) {
		/* a bank the root's cells cannot express is refused, not truncated */
		if ((ac == 1 && a->banks[i].base >> 32) || (sc == 1 && a->banks[i].size >> 32))
			return -MP_EINVAL;
		if (ac == 2)
			cells[n++] = cpu_to_fdt32((uint32_t)(a->banks[i].base >> 32));
		cells[n++] = cpu_to_fdt32((uint32_t)a->banks[i].base);
		if (sc == 2)
			cells[n++] = cpu_to_fdt32((uint32_t)(a->banks[i].size >> 32));
		cells[n++] = cpu_to_fdt32((uint32_t)a->banks[i].size);
	}
	/* fdt_fixup_memory_banks() sets reg and leaves no status that disables it */
	fdt_delprop(buf, node, "status");
	fdt_delprop(buf, node, "linux,usable-memory");
	err = fdt_setprop(buf, node, "reg", cells, n * 4);
	if (!err)
		err = fdt_pack(buf);
	if (err)
		return err == -FDT_ERR_NOSPACE ? -MP_ENOSPC : -MP_EINVAL;
	*len = fdt_totalsize(buf);
	return 0;
}
