// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * efi.c - a UEFI boot (docs/kernel-model.md §17): efi_init() of
 * drivers/firmware/efi/efi-init.c (6.1 and 6.12 alike), where the EFI stub left
 * the Image, the initrd and the DTB, and acpi_boot_table_init()'s choice
 * between the DT and ACPI (arch/arm64/kernel/acpi.c).
 */
#include "internal.h"
#include "dtscan.h"
#include "cmdline.h"
#include "memplan_efi.h"

/* sizeof(efi_memory_attributes_table_t): version, num_entries, desc_size, flags */
#define MEMATTR_HDR 16
/* sizeof(struct linux_efi_memreserve): size, count, next */
#define MEMRESERVE_HDR 16
/* EDK II's descriptor size (sizeof(EFI_MEMORY_DESCRIPTOR) rounded to 8 + 8) */
#define EDK2_DESC_SIZE 48
/* libstub fdt.c MAX_FDT_SIZE: the stub allocates the DTB this big */
#define STUB_FDT_SIZE (2 * MP_SZ_M)
/* libstub EFI_ALLOC_ALIGN on arm64 (efistub.h): 64 KiB */
#define STUB_ALLOC_ALIGN (64 * MP_SZ_K)
#define KIMG_ALIGN (2 * MP_SZ_M)

static mp_u64 map_desc_size(const struct mp_efi_map *m)
{
	return m->desc_size ? m->desc_size : EDK2_DESC_SIZE;
}

/* is_memory() 6.1/6.12: anything the CPU may map cacheable or write-combined */
static bool is_memory(const struct mp_efi_desc *d)
{
	return d->attr & (MP_EFI_WB | MP_EFI_WT | MP_EFI_WC);
}

/*
 * is_usable_memory() 6.12; 6.1 also refuses EFI_MEMORY_SP when soft
 * reservation is on, which memplan does not model (region())
 */
static bool is_usable(const struct mp_efi_desc *d)
{
	switch (d->type) {
	case MP_EFI_LOADER_CODE:
	case MP_EFI_LOADER_DATA:
	case MP_EFI_ACPI_RECLAIM:
	case MP_EFI_BOOT_CODE:
	case MP_EFI_BOOT_DATA:
	case MP_EFI_CONVENTIONAL:
	case MP_EFI_PERSISTENT:
		/* free after ExitBootServices(), but System RAM only if WB-mappable */
		return d->attr & MP_EFI_WB;
	default:
		return false;
	}
}

bool mp_efi_acpi_tables(const struct mp_input *in)
{
	/* an IORT given without the EFI map: the firmware has ACPI tables */
	return in->kc.acpi && (in->efi ? in->efi->acpi20 != 0 : in->iort != NULL);
}

/*
 * acpi_boot_table_init() 6.1/6.12: ACPI unless acpi=off, or unless the DT is
 * more than the stub's (a node at depth 1 other than /chosen and a Xen
 * /hypervisor) and neither acpi=on nor acpi=force asks for ACPI; and only if
 * acpi_table_init() finds the RSDP the firmware published
 */
bool mp_efi_acpi_boot(const struct mp_ctx *ctx)
{
	const void *fdt = ctx->in->fdt;
	bool stub = true;
	int node;

	if (!mp_efi_acpi_tables(ctx->in) || ctx->cl->acpi_off)
		return false;
	fdt_for_each_subnode(node, fdt, 0) {
		const char *name = fdt_get_name(fdt, node, NULL);

		if (name && mp_streq(name, "chosen"))
			continue;
		if (name && mp_streq(name, "hypervisor") &&
		    !fdt_node_check_compatible(fdt, node, "xen,xen"))
			continue;
		stub = false;
		break;
	}
	return stub || ctx->cl->acpi_on || ctx->cl->acpi_force;
}

/* efi_config_parse_tables(): the memory attributes table, then the memreserve list */
static void config_tables(struct mp_ctx *ctx, const struct mp_efi_map *m)
{
	if (m->memattr) {
		/* efi_memattr_init(): the header and num_entries descriptors */
		mp_u64 size = MEMATTR_HDR + m->memattr_entries * map_desc_size(m);

		mp_mb_reserve(&ctx->mb, m->memattr, size);
		mp_note_alloc(ctx, m->memattr, size, MP_ALLOC_EFI, "EFI memory attributes table",
			      !m->memattr_entries_known || !m->desc_size);
		if (!m->memattr_entries_known)
			mp_diag(ctx, MP_SEV_NOTE, "efi-memattr-size", NULL,
				"the EFI memory attributes table's entries are not in the log "
				"given (efi=debug prints them as \"Processing EFI Memory "
				"Attributes table\"): its reservation is sized with none");
	}
	if (m->memreserve) {
		/*
		 * The stub installs an empty LINUX_EFI_MEMRESERVE table; entries
		 * (a GICv3 ITS's tables) are added at run time and only a kexec'd
		 * kernel finds them
		 */
		mp_mb_reserve(&ctx->mb, m->memreserve, MEMRESERVE_HDR);
		mp_note_alloc(ctx, m->memreserve, MEMRESERVE_HDR, MP_ALLOC_EFI,
			      "EFI memreserve table", false);
	}
	if (m->unmodelled[0])
		mp_diag(ctx, MP_SEV_WARNING, "efi-table-unmodelled", NULL,
			"the firmware publishes %s: the kernel reserves memory for them in "
			"efi_init() that memplan does not size", m->unmodelled);
}

/* memrange_efi_to_native() and early_init_dt_add_memory_arch() of one descriptor */
static void region(struct mp_ctx *ctx, const struct mp_efi_desc *d)
{
	mp_u64 page = ctx->page_size, end, base, size;

	/* the reader refused wrapping ranges; a JSON map is checked the same way */
	if (d->pages > MP_U64_MAX / MP_EFI_PAGE)
		return;
	size = d->pages * MP_EFI_PAGE;
	if (mp_add_overflows(d->phys, size, &end) || end > MP_U64_MAX - page)
		return;
	base = mp_round_down(d->phys, page);
	size = mp_round_up(end, page) - base;
	if (!is_memory(d) || !size)
		return;
	/* efi_soft_reserve_enabled(): EFI_SOFT_RESERVE is x86/ACPI_HMAT-only in practice */
	mp_mb_add(&ctx->mb, base, size);
	if (!is_usable(d))
		mp_mb_mark_nomap(&ctx->mb, base, size);
	/* "keep ACPI reclaim memory intact for kexec etc." */
	if (d->type == MP_EFI_ACPI_RECLAIM) {
		mp_mb_reserve(&ctx->mb, base, size);
		mp_note_alloc(ctx, base, size, MP_ALLOC_EFI, "EFI ACPI reclaim memory", false);
	}
}

/* the map's own address: the log's "MemMap Address", else /chosen linux,uefi-mmap-start */
static mp_u64 map_address(struct mp_ctx *ctx, const struct mp_efi_map *m, mp_u64 *size)
{
	const void *fdt = ctx->in->fdt;
	int chosen = fdt_path_offset(fdt, "/chosen"), len = 0;
	const fdt32_t *p;

	*size = m->map_size ? m->map_size : m->nr * map_desc_size(m);
	if (m->map_phys)
		return m->map_phys;
	p = chosen >= 0 ? fdt_getprop(fdt, chosen, "linux,uefi-mmap-start", &len) : NULL;
	if (p && len == 8)
		return (mp_u64)fdt32_to_cpu(p[0]) << 32 | fdt32_to_cpu(p[1]);
	return 0;
}

int mp_efi_init(struct mp_ctx *ctx)
{
	const struct mp_efi_map *m = ctx->in->efi;
	mp_u64 page = ctx->page_size, map, size;
	size_t i;

	/*
	 * parse_early_param() has run: memblock=debug logs from here on.  The
	 * lines efi=debug prints are the input itself and not predicted.
	 */
	ctx->mb.tracing = true;
	config_tables(ctx, m);
	/* reserve_regions(): UEFI's map replaces whatever the DT's memory nodes said */
	mp_mb_remove(&ctx->mb, 0, MP_U64_MAX);
	for (i = 0; i < m->nr; i++) {
		const struct mp_efi_desc *d = &m->desc[i];

		if (d->attr & MP_EFI_MR)
			mp_diag(ctx, MP_SEV_NOTE, "efi-mirror", NULL,
				"the map has EFI_MEMORY_MORE_RELIABLE memory: efi_find_mirror() "
				"marks it mirrored, which memplan does not model");
		region(ctx, d);
	}
	/* early_init_dt_check_for_usable_mem_range(): after the map, for kdump */
	if (ctx->dt->nr_usable) {
		mp_cap_memory(ctx, ctx->dt->usable[0].base, ctx->dt->usable[0].size);
		if (ctx->dt->nr_usable > 1 && ctx->dt->usable[1].size)
			mp_mb_add(&ctx->mb, ctx->dt->usable[1].base, ctx->dt->usable[1].size);
	}
	map = map_address(ctx, m, &size);
	if (map) {
		mp_u64 b = mp_round_down(map, page), s = mp_round_up(size + (map - b), page);

		mp_mb_reserve(&ctx->mb, b, s);
		mp_note_alloc(ctx, b, s, MP_ALLOC_EFI, "EFI memory map", false);
	} else {
		mp_diag(ctx, MP_SEV_WARNING, "efi-memmap-address", "/chosen",
			"where the EFI memory map lies is neither in the log given (efi: MemMap "
			"Address) nor in /chosen linux,uefi-mmap-start: its reservation is "
			"left out");
	}
	return 0;
}

/* libstub EFI_KIMG_ALIGN with KASLR (SEGMENT_ALIGN) and EFI_ALLOC_LIMIT (2^48 - 1) */
#define KASLR_ALIGN (64 * MP_SZ_K)
#define EFI_ALLOC_LIMIT ((1ULL << 48) - 1)

/*
 * efi_kaslr_get_phys_seed(): a random place for the Image needs
 * RANDOMIZE_BASE, no nokaslr and an EFI RNG, which the stub's
 * LINUX_EFI_RANDOM_SEED table ("RNG=") shows it found
 */
static bool stub_kaslr(const struct mp_ctx *ctx)
{
	return ctx->in->kc.randomize_base && !ctx->cl->nokaslr && ctx->in->efi->rng_seed;
}

/* efi_get_kimg_min_align(): 64 KiB with KASLR, else MIN_KIMG_ALIGN (2 MiB) */
static mp_u64 stub_align(const struct mp_ctx *ctx)
{
	return stub_kaslr(ctx) ? KASLR_ALIGN : KIMG_ALIGN;
}

/*
 * The Image, as the EFI stub left it (efi_kaslr_relocate_kernel(), libstub
 * kaslr.c): at a random 64 KiB aligned slot with KASLR; else run in place when
 * the firmware loaded it 2 MiB aligned, or copied to a 2 MiB aligned
 * EFI_LOADER_CODE allocation; either way the lowest Loader Code range at that
 * alignment that holds image_size bytes.
 */
static const struct mp_efi_desc *stub_image(const struct mp_efi_map *m, mp_u64 image_size,
					     mp_u64 align)
{
	size_t i;

	for (i = 0; i < m->nr; i++) {
		const struct mp_efi_desc *d = &m->desc[i];

		if (d->type == MP_EFI_LOADER_CODE && !(d->phys & (align - 1)) &&
		    d->pages >= mp_round_up(image_size, MP_EFI_PAGE) / MP_EFI_PAGE)
			return d;
	}
	return NULL;
}

/*
 * The stub loads the initrd (efi_load_initrd()) and then allocates
 * MAX_FDT_SIZE for the DTB (allocate_new_fdt_and_exit_boot()), both
 * EFI_LOADER_DATA top-down in 64 KiB units: the DTB lands right below the
 * initrd, and the two make one Loader Data range of 2 MiB + the initrd's size
 * rounded up to 64 KiB (2 MiB alone without an initrd).  Return: the range's
 * base, or 0.
 */
static mp_u64 stub_fdt_initrd(const struct mp_efi_map *m, mp_u64 initrd_size)
{
	mp_u64 want = STUB_FDT_SIZE + mp_round_up(initrd_size, STUB_ALLOC_ALIGN);
	size_t i = 0;

	while (i < m->nr) {
		mp_u64 base = m->desc[i].phys, end = base;

		/* adjacent Loader Data descriptors are one run */
		while (i < m->nr && m->desc[i].type == MP_EFI_LOADER_DATA &&
		       m->desc[i].phys == end) {
			end += m->desc[i].pages * MP_EFI_PAGE;
			i++;
		}
		if (end != base && end - base == want && !(base & (STUB_ALLOC_ALIGN - 1)))
			return base;
		if (end == base)
			i++;
	}
	return 0;
}

void mp_efi_placement(struct mp_ctx *ctx)
{
	const struct mp_efi_map *m = ctx->in->efi;
	const struct mp_input *in = ctx->in;
	struct mp_plan *p = ctx->plan;
	const struct mp_efi_desc *img;
	mp_u64 run;

	/* without the Image's size, the range's: image_size rounded up to 64 KiB */
	img = in->image_given ? NULL : stub_image(m, in->image.size, stub_align(ctx));
	if (img) {
		p->image.text = img->phys;
		p->image.text_assumed = false;
		p->inputs.image_base = MP_SRC_EFI_MAP;
		if (!in->image.size) {
			p->image.size = img->pages * MP_EFI_PAGE;
			p->inputs.image_size = MP_SRC_EFI_MAP;
		}
	}
	/* efi_config_parse_tables(): the stub's LINUX_EFI_INITRD table, not /chosen */
	if (m->initrd_table && !ctx->dt->has_initrd) {
		if (!in->initrd_size) {
			mp_diag(ctx, MP_SEV_WARNING, "efi-initrd-size", NULL,
				"the EFI stub loaded an initrd (INITRD= table) whose size is not "
				"given (--initrd-size): the plan leaves it out");
		} else {
			run = stub_fdt_initrd(m, in->initrd_size);
			if (run) {
				p->has_initrd = true;
				p->initrd_start = run + STUB_FDT_SIZE;
				p->initrd_end = p->initrd_start + in->initrd_size;
				p->inputs.initrd = MP_SRC_EFI_MAP;
				if (!in->fdt_base_given) {
					p->fdt_base = run;
					p->fdt_base_assumed = false;
					p->inputs.dtb_base = MP_SRC_EFI_MAP;
				}
			} else {
				mp_diag(ctx, MP_SEV_WARNING, "efi-initrd-unplaced", NULL,
					"no Loader Data range of the EFI map is the stub's DTB "
					"(2 MiB) plus an initrd of %llu bytes: the plan leaves "
					"the initrd out", (unsigned long long)in->initrd_size);
			}
		}
	} else if (!m->initrd_table && !in->fdt_base_given) {
		run = stub_fdt_initrd(m, 0);
		if (run) {
			p->fdt_base = run;
			p->fdt_base_assumed = false;
			p->inputs.dtb_base = MP_SRC_EFI_MAP;
		}
	}
}

/* memory an allocation at boot may take top-down: its lowest address bounds the Image */
static bool top_down(enum mp_alloc_kind k)
{
	return k == MP_ALLOC_PGTABLE || k == MP_ALLOC_EARLY || k == MP_ALLOC_CMA ||
	       k == MP_ALLOC_CRASH || k == MP_ALLOC_CRASH_LOW || k == MP_ALLOC_KFENCE;
}

/*
 * get_entry_num_slots() over one range that was conventional memory when the
 * stub chose: the 64 KiB aligned bases of a @size byte Image below the
 * allocation limit; @stable of them end at or below @below
 */
static void count_slots(mp_u64 base, mp_u64 end, mp_u64 size, mp_u64 below, mp_u64 *slots,
			mp_u64 *stable)
{
	mp_u64 first, last, last_stable;

	if (end > EFI_ALLOC_LIMIT + 1)
		end = EFI_ALLOC_LIMIT + 1;
	if (end < size || end - size < mp_max(base, KASLR_ALIGN))
		return;
	first = mp_round_up(mp_max(base, KASLR_ALIGN), KASLR_ALIGN);
	last = mp_round_down(end - size, KASLR_ALIGN);
	if (first > last)
		return;
	*slots += (last - first) / KASLR_ALIGN + 1;
	if (below < size)
		return;
	last_stable = mp_min(last, mp_round_down(below - size, KASLR_ALIGN));
	if (last_stable >= first)
		*stable += (last_stable - first) / KASLR_ALIGN + 1;
}

/*
 * Was this descriptor free when the stub placed the Image?  Conventional
 * memory, and what the stub itself took afterwards (Loader Data: initrd, DTB,
 * pool pages) or for the Image (the Loader Code range holding it); EDK II's
 * own PE copy of the Image was already there.  The map is the one after
 * ExitBootServices(), so this is the stub's view only approximately.
 */
static bool free_then(const struct mp_efi_desc *d, mp_u64 image)
{
	if (d->attr & (MP_EFI_HP | MP_EFI_SP))
		return false;
	if (d->type == MP_EFI_CONVENTIONAL || d->type == MP_EFI_LOADER_DATA)
		return true;
	return d->type == MP_EFI_LOADER_CODE && d->phys <= image &&
	       image < d->phys + d->pages * MP_EFI_PAGE;
}

void mp_efi_kaslr(struct mp_ctx *ctx)
{
	const struct mp_efi_map *m = ctx->in->efi;
	struct mp_plan *p = ctx->plan;
	struct mp_efi_stub *s = &p->efi_stub;
	mp_u64 size = mp_round_up(p->image.size, KASLR_ALIGN), below = MP_U64_MAX;
	mp_u64 run_base = 0, run_end = 0;
	size_t i;

	s->rng = m->rng_seed != 0;
	s->kaslr = stub_kaslr(ctx);
	s->align = stub_align(ctx);
	if (!s->kaslr)
		return;
	for (i = 0; i < p->nr_allocs; i++)
		if (top_down(p->allocs[i].kind))
			below = mp_min(below, p->allocs[i].base);
	s->stable_below = below;
	s->image_above = p->image.text + size > below;
	/* adjacent free descriptors were one conventional range before the stub ran */
	for (i = 0; i <= m->nr; i++) {
		const struct mp_efi_desc *d = i < m->nr ? &m->desc[i] : NULL;

		if (d && free_then(d, p->image.text) && d->phys == run_end && run_end) {
			run_end += d->pages * MP_EFI_PAGE;
			continue;
		}
		if (run_end)
			count_slots(run_base, run_end, size, below, &s->slots, &s->stable_slots);
		run_base = run_end = 0;
		if (d && free_then(d, p->image.text) && d->pages <= MP_U64_MAX / MP_EFI_PAGE &&
		    !mp_add_overflows(d->phys, d->pages * MP_EFI_PAGE, &run_end))
			run_base = d->phys;
	}
	mp_diag(ctx, MP_SEV_NOTE, "efi-kaslr-image", NULL,
		"KASLR with an EFI RNG: the EFI stub puts the Image at one of %llu random 64 KiB "
		"slots of conventional memory (efi_random_alloc(), counted on the map after "
		"ExitBootServices(): approximate); %s when the Image ends at or below 0x%llx, "
		"%llu of the slots (%llu%%); above, they move below it",
		(unsigned long long)s->slots,
		s->image_above ? "this plan holds for this boot's placement only; the crash "
				 "kernel and the early allocations are placed as planned" :
				 "the crash kernel and the early allocations are placed as planned",
		(unsigned long long)below, (unsigned long long)s->stable_slots,
		(unsigned long long)(s->slots ? s->stable_slots * 100 / s->slots : 0));
}
