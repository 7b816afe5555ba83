// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * devmem.c - where ZONE_DEVICE private memory (memremap_pages() with
 * MEMORY_DEVICE_PRIVATE, e.g. HMM device memory) can go: a physical range
 * that collides with nothing the platform decodes and that the linear map
 * can reach.
 *
 * Memory hotplug works in sections (SECTION_SIZE_BITS, mp_section_size_bits()),
 * so base and size are section aligned.  The range must avoid all RAM (every
 * memory node, also beyond mem=), every reserved range, every `hotpluggable`
 * range, every device `reg` window (translated through the parents' `ranges`
 * to CPU addresses, as of_translate_address() does) and every bus window (the
 * parent side of a non-empty `ranges`, e.g. a PCIe host's 64-bit MMIO window,
 * where BARs are assigned).  arch_get_mappable_range() (arch/arm64/mm/mmu.c,
 * 6.1 and 6.12) accepts [memstart_addr, memstart_addr + 2^(VA_BITS-1)); since
 * 5.11 KASLR randomizes memstart_addr only by what the CPU's PA range leaves
 * spare, so this bound holds with KASLR too.  The search is top-down from
 * min(2^PA_BITS, that end), as request_free_mem_region() (kernel/resource.c)
 * walks iomem_resource from the top, so the first free slot is above all RAM
 * whenever there is room there.
 */
#include "dtscan.h"

#define MAX_DEPTH 64
#define MAX_REGS 64
#define PATH_LEN 1024

static const char *const kind_names[MP_DEVMEM_KINDS] = { "RAM", "hotpluggable", "reserved",
							 "MMIO", "bus window",
							 "device memory" };

const char *mp_devmem_kind_name(enum mp_devmem_kind k)
{
	return (unsigned int)k < MP_DEVMEM_KINDS ? kind_names[k] : "?";
}

struct walk {
	struct mp_devmem *d;
	struct mp_arena *arena;
	const void *fdt;
};

static int add(struct walk *w, mp_u64 base, mp_u64 size, enum mp_devmem_kind k,
	       const char *path, bool iomem)
{
	struct mp_devmem *d = w->d;
	struct mp_devmem_obstacle *o;

	if (!size)
		return 0;
	if (base + size < base)
		size = MP_U64_MAX - base; /* clipped at the top of the space */
	if (mp_grow(w->arena, (void **)&d->ob, &d->cap, d->nr + 1, sizeof(*d->ob)))
		return -MP_ERR_NOSPACE;
	o = &d->ob[d->nr];
	o->path = mp_strdup(w->arena, path ? path : "");
	if (!o->path)
		return -MP_ERR_NOSPACE;
	o->base = base;
	o->size = size;
	o->kind = k;
	o->iomem = iomem;
	d->nr++;
	return 0;
}

static bool is_pci(const void *fdt, int node)
{
	const char *t = fdt_getprop(fdt, node, "device_type", NULL);

	return t && mp_streq(t, "pci");
}

/* @node's reg entries, on its parent bus stack[depth - 1], as MMIO obstacles */
static int add_regs(struct walk *w, const int *stack, int depth, int node, const char *path)
{
	unsigned int pac, psc;
	const unsigned char *p;
	int len, i, n, ret;

	mp_dt_cells(w->fdt, stack[depth - 1], &pac, &psc);
	p = fdt_getprop(w->fdt, node, "reg", &len);
	/* a PCI device's reg is a config-space address, not MMIO */
	if (!p || len <= 0 || !psc || !pac || pac > 3 || psc > 2 ||
	    is_pci(w->fdt, stack[depth - 1]) || len % (int)((pac + psc) * 4))
		return 0;
	n = len / (int)((pac + psc) * 4);
	for (i = 0; i < n; i++) {
		const unsigned char *e = p + i * (int)(pac + psc) * 4;
		mp_u64 a = mp_dt_read_cells(e, pac), s = mp_dt_read_cells(e + pac * 4, psc);

		if (!s)
			continue;
		if (mp_dt_translate(w->fdt, stack, depth - 1, &a)) {
			w->d->untranslated++;
			continue;
		}
		ret = add(w, a, s, MP_DEVMEM_MMIO, path, true);
		if (ret)
			return ret;
	}
	return 0;
}

/* the bus windows: the parent side of @node's ranges, as CPU addresses */
static int add_windows(struct walk *w, const int *stack, int depth, int node, const char *path)
{
	unsigned int pac, psc, cac, csc, one;
	const unsigned char *p;
	int len, i, n, ret;

	mp_dt_cells(w->fdt, stack[depth - 1], &pac, &psc);
	p = fdt_getprop(w->fdt, node, "ranges", &len);
	mp_dt_cells(w->fdt, node, &cac, &csc);
	one = (cac + pac + csc) * 4;
	if (!p || len <= 0 || cac < 1 || cac > 3 || pac < 1 || pac > 3 || csc < 1 || csc > 2 ||
	    len % (int)one)
		return 0;
	n = len / (int)one;
	for (i = 0; i < n; i++) {
		const unsigned char *e = p + i * (int)one;
		mp_u64 a = mp_dt_read_cells(e + cac * 4, pac);
		mp_u64 s = mp_dt_read_cells(e + (cac + pac) * 4, csc);

		if (!s || mp_dt_translate(w->fdt, stack, depth - 1, &a))
			continue;
		ret = add(w, a, s, MP_DEVMEM_BUS, path, true);
		if (ret)
			return ret;
	}
	return 0;
}

/* /memory, /reserved-memory and their subtrees are not MMIO */
static bool is_memory_node(const void *fdt, int node, const char *name)
{
	const char *t = fdt_getprop(fdt, node, "device_type", NULL);

	return name && (mp_streq(name, "reserved-memory") || (t && mp_streq(t, "memory")) ||
			mp_starts_with(name, "memory@") || mp_streq(name, "memory"));
}

/* every node's reg and every bus's ranges, as CPU-address obstacles */
static int walk_mmio(struct walk *w)
{
	const void *fdt = w->fdt;
	int stack[MAX_DEPTH + 1], node, depth = 0, skip_below = -1, ret;
	char path[PATH_LEN];

	stack[0] = 0;
	for (node = fdt_next_node(fdt, 0, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		const char *name = fdt_get_name(fdt, node, NULL);

		if (depth > MAX_DEPTH)
			continue;
		stack[depth] = node;
		if (skip_below >= 0 && depth > skip_below)
			continue;
		skip_below = -1;
		if (depth == 1 && is_memory_node(fdt, node, name)) {
			skip_below = 1;
			continue;
		}
		if (fdt_get_path(fdt, node, path, sizeof(path)))
			mp_snprintf(path, sizeof(path), "%s", name ? name : "?");
		ret = add_regs(w, stack, depth, node, path);
		if (!ret)
			ret = add_windows(w, stack, depth, node, path);
		if (ret)
			return ret;
	}
	return 0;
}

/* RAM and hotpluggable ranges: the DT's memory nodes (also beyond mem=) */
static int collect_memory_nodes(struct walk *w)
{
	const void *fdt = w->fdt;
	struct mp_devmem *d = w->d;
	unsigned int ac, sc;
	int node, ret;
	char path[PATH_LEN];

	mp_dt_cells(fdt, 0, &ac, &sc);
	fdt_for_each_subnode(node, fdt, 0) {
		const char *t = fdt_getprop(fdt, node, "device_type", NULL);
		bool hp = fdt_getprop(fdt, node, "hotpluggable", NULL) != NULL;
		const unsigned char *p;
		int len, i, n;

		if (!t || !mp_streq(t, "memory"))
			continue;
		if (fdt_get_path(fdt, node, path, sizeof(path)))
			mp_snprintf(path, sizeof(path), "memory");
		p = fdt_getprop(fdt, node, "reg", &len);
		if (!p || len <= 0 || ac > 4 || sc > 4 || !(ac + sc) || len % (int)((ac + sc) * 4))
			continue;
		n = len / (int)((ac + sc) * 4);
		for (i = 0; i < n && i < MAX_REGS; i++) {
			const unsigned char *e = p + i * (int)(ac + sc) * 4;
			mp_u64 base = mp_dt_read_cells(e, ac), size = mp_dt_read_cells(e + ac * 4, sc);

			ret = add(w, base, size, hp ? MP_DEVMEM_HOTPLUG : MP_DEVMEM_RAM, path, false);
			if (ret)
				return ret;
			if (!hp && base + size > d->ram_top)
				d->ram_top = base + size;
		}
	}
	return 0;
}

/* the plan's banks and reserved regions, then the DT's MMIO */
static int collect(struct walk *w, const struct mp_plan *plan)
{
	struct mp_devmem *d = w->d;
	size_t k, j;
	int ret;

	ret = collect_memory_nodes(w);
	for (k = 0; !ret && k < plan->nr_banks; k++) {
		const struct mp_bank *b = &plan->banks[k];

		ret = add(w, b->base, b->size, b->hotplug ? MP_DEVMEM_HOTPLUG : MP_DEVMEM_RAM,
			  "memory bank", true);
		if (!b->hotplug && b->base + b->size > d->ram_top)
			d->ram_top = b->base + b->size;
	}
	for (k = 0; !ret && k < plan->nr_rmem; k++) {
		const struct mp_rmem *r = &plan->rmem[k];

		if (r->kind == MP_RMEM_STATIC && r->nr_regs) {
			for (j = 0; !ret && j < r->nr_regs; j++)
				ret = add(w, r->regs[j].base, r->regs[j].size, MP_DEVMEM_RESERVED,
					  r->path, true);
		} else if (r->status == MP_RMEM_RESERVED || r->kind == MP_RMEM_MEMRESERVE) {
			ret = add(w, r->base, r->size, MP_DEVMEM_RESERVED, r->path, true);
		}
	}
	return ret ? ret : walk_mmio(w);
}

/* top-down: each candidate below the lowest obstacle the one above met */
static void search(struct mp_devmem *d)
{
	mp_u64 ceiling = d->top;
	size_t i;

	while (d->nr_cand < MP_DEVMEM_MAX_CANDIDATES) {
		struct mp_devmem_candidate *c = &d->cand[d->nr_cand];
		mp_u64 end = mp_round_down(ceiling, d->section), lowest = MP_U64_MAX;

		if (end < d->size)
			return;
		mp_memset(c, 0, sizeof(*c));
		c->end = end;
		c->base = end - d->size;
		for (i = 0; i < d->nr; i++) {
			const struct mp_devmem_obstacle *o = &d->ob[i];

			if (!mp_overlaps(c->base, d->size, o->base, o->size))
				continue;
			if (o->base < lowest)
				lowest = o->base;
			if (c->nr_obstacles < MP_DEVMEM_SHOWN)
				c->obstacle[c->nr_obstacles++] = i;
			else
				c->more++;
		}
		d->nr_cand++;
		if (lowest == MP_U64_MAX) {
			c->chosen = true;
			d->found = true;
			return;
		}
		ceiling = lowest;
	}
}

/*
 * request_free_mem_region(): from an exclusive end @top, candidates top - size,
 * then one section lower each time (not rounded to sections: PHYSMEM_END + 1 need
 * not be), the first that no iomem resource overlaps.  Jumps straight below the
 * lowest obstacle a candidate meets, as the kernel's one-section steps would.
 */
static void kernel_search(struct mp_devmem *d)
{
	mp_u64 start, addr, k = 0;
	size_t i;

	if (d->kernel_top < d->size)
		return;
	start = d->kernel_top - d->size;
	for (;;) {
		mp_u64 lowest = MP_U64_MAX;

		addr = start - k * d->section;
		/* gfr_continue(): addr > size (the step) */
		if (addr <= d->section)
			return;
		/* only what iomem holds: not a memory device's range, not unadded memory */
		for (i = 0; i < d->nr; i++)
			if (d->ob[i].iomem &&
			    mp_overlaps(addr, d->size, d->ob[i].base, d->ob[i].size) &&
			    d->ob[i].base < lowest)
				lowest = d->ob[i].base;
		if (lowest == MP_U64_MAX) {
			d->kernel_base = addr;
			d->kernel_found = true;
			for (i = 0; i < d->nr && !d->kernel_collides; i++)
				if (!d->ob[i].iomem &&
				    mp_overlaps(addr, d->size, d->ob[i].base, d->ob[i].size)) {
					d->kernel_collides = true;
					d->kernel_collision = i;
				}
			return;
		}
		if (lowest < d->size || start + d->size - lowest > MP_U64_MAX - d->section)
			return;
		/* the first k with start - k * section + size <= lowest */
		k = (start + d->size - lowest + d->section - 1) / d->section;
		if (k > start / d->section)
			return;
	}
}

int mp_devmem_place(const struct mp_plan *plan, const void *fdt, mp_u64 asked,
		    const struct mp_range *device, size_t nr_device, struct mp_arena *arena,
		    struct mp_devmem *d)
{
	const struct mp_kconfig *kc = &plan->kc;
	unsigned int bits = mp_section_size_bits(kc->page_shift);
	struct walk w = { d, arena, fdt };
	struct mp_behaviour b;
	size_t i;
	int ret;

	mp_memset(d, 0, sizeof(*d));
	if (!bits)
		return -MP_ERR_BADARG;
	d->asked = asked;
	d->section = 1ULL << bits;
	if (!asked || asked > MP_U64_MAX - d->section)
		return -MP_ERR_BADARG;
	d->size = mp_round_up(asked, d->section);
	d->pa_top = 1ULL << plan->bits.phys_mask_shift;
	/* KASLR lowers memstart_addr, and the linear map's physical reach, with it */
	d->memstart = plan->memstart - plan->linear_offset;
	/* memstart_addr is an s64: KASLR may take it below 0 */
	if (d->memstart >> 63)
		d->linear_top = plan->bits.linear_size > 0 - d->memstart ?
					d->memstart + plan->bits.linear_size : 0;
	else
		d->linear_top = d->memstart > MP_U64_MAX - plan->bits.linear_size ?
					MP_U64_MAX : d->memstart + plan->bits.linear_size;
	d->top = mp_min(d->pa_top, d->linear_top);
	d->cand = mp_arena_alloc(arena, MP_DEVMEM_MAX_CANDIDATES * sizeof(*d->cand), 0);
	if (!d->cand)
		return -MP_ERR_NOSPACE;
	ret = collect(&w, plan);
	for (i = 0; !ret && i < nr_device; i++)
		ret = add(&w, device[i].base, device[i].size, MP_DEVMEM_DEVICE, "--device-memory",
			  false);
	if (ret)
		return ret;
	for (i = 0; i < d->nr; i++)
		d->counts[d->ob[i].kind]++;
	search(d);
	/*
	 * 6.12 (arm64 PHYSMEM_END = __pa(PAGE_END - 1)): the linear map's end;
	 * 6.1: 2^MAX_PHYSMEM_BITS (CONFIG_ARM64_PA_BITS), where a device-private
	 * range need not be mapped (mhp_range_allowed(.., false))
	 */
	if (mp_behaviour_of(plan->profile, &b))
		return -MP_ERR_BADARG;
	d->kernel_top = b.free_mem_region_from_pa_bits ? 1ULL << plan->kc.pa_bits : d->linear_top;
	/* 6.12's PHYSMEM_END follows memstart_addr: with an unknown KASLR shift, unknown */
	d->kernel_top_assumed = !b.free_mem_region_from_pa_bits &&
				plan->inputs.phys_offset == MP_SRC_ASSUMED;
	kernel_search(d);
	return 0;
}
