// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * zones.c - ZONE_DMA / ZONE_DMA32 limits and the "Zone ranges" printout:
 * zone_sizes_init() + max_zone_phys() (arch/arm64/mm/init.c), with the DMA
 * limits of the DT (dtscan.c) and of the ACPI IORT (iort.c), and
 * free_area_init() (mm/page_alloc.c 6.1, mm/mm_init.c 6.12);
 * docs/kernel-model.md §4.
 */
#include "internal.h"
#include "dtscan.h"

#define DMA32_MASK 0xffffffffULL

/* V6.1 max_zone_phys(bits): DRAM above 4 GiB lifts the zone to all of DRAM */
static mp_u64 max_zone_phys_61(mp_u64 start, mp_u64 end, unsigned int bits)
{
	mp_u64 mask = bits >= 64 ? MP_U64_MAX : (1ULL << bits) - 1;

	if (start > DMA32_MASK)
		mask = MP_U64_MAX;
	else if (start > mask)
		mask = DMA32_MASK;
	return mp_min(mask, end - 1) + 1;
}

/* V6.12 max_zone_phys(limit): an exact address */
static mp_u64 max_zone_phys(mp_u64 end, mp_u64 limit)
{
	return mp_min(limit, end - 1) + 1;
}

static void print_zone(struct mp_ctx *ctx, const char *name, struct mp_zone *z)
{
	if (z->empty)
		mp_log(ctx, "  %-8s empty", name);
	else
		mp_log(ctx, "  %-8s [mem %#018llx-%#018llx]", name,
		       (unsigned long long)z->start, (unsigned long long)z->end);
}

/*
 * mp_zones - compute arm64_dma_phys_limit and the zone spans.  Called at the
 * point of bootmem_init() where the kernel runs zone_sizes_init().
 */
void mp_zones(struct mp_ctx *ctx)
{
	struct mp_plan *plan = ctx->plan;
	const struct mp_kconfig *kc = &ctx->in->kc;
	mp_u64 start = mp_mb_start_of_dram(&ctx->mb), end = mp_mb_end_of_dram(&ctx->mb);
	/*
	 * acpi_iort_dma_get_max_cpu_address() (iort.c): the IORT's limit, all
	 * ones without one or when a UEFI boot takes the DT (acpi_disabled: the
	 * kernel never parses the IORT)
	 */
	bool iort_used = ctx->in->iort && (!plan->efi_boot || plan->acpi_boot);
	mp_u64 dt_max = plan->dt_dma_max,
	       acpi_max = iort_used ? ctx->in->iort->dma_max : MP_U64_MAX;
	mp_u64 limit = 0, dma32, zone_end[MP_NR_ZONES] = { 0 };
	mp_u64 phys_mask_plus1 = 1ULL << plan->bits.phys_mask_shift;
	mp_u64 page = ctx->page_size, s;
	static const char *const names[MP_NR_ZONES] = { "DMA", "DMA32", "Normal" };
	int z;

	if (!end)
		return;
	if (ctx->b.zone_dma_from_bits) {
		dma32 = max_zone_phys_61(start, end, 32);
		if (kc->zone_dma) {
			unsigned int bits = mp_min(32, mp_min(mp_fls64(dt_max), mp_fls64(acpi_max)));

			limit = max_zone_phys_61(start, end, bits);
			zone_end[MP_ZONE_DMA] = limit / page;
		}
		if (kc->zone_dma32) {
			zone_end[MP_ZONE_DMA32] = dma32 / page;
			if (!limit)
				limit = dma32;
		}
		if (!kc->zone_dma && !kc->zone_dma32)
			limit = phys_mask_plus1;
	} else {
		dma32 = max_zone_phys(end, DMA32_MASK);
		if (kc->zone_dma) {
			mp_u64 zl = mp_min(dt_max, acpi_max);

			if (start < DMA32_MASK)
				zl = mp_min(zl, DMA32_MASK);
			plan->zone_dma_limit = zl;
			limit = max_zone_phys(end, zl);
			zone_end[MP_ZONE_DMA] = limit / page;
		}
		if (kc->zone_dma32) {
			zone_end[MP_ZONE_DMA32] = dma32 / page;
			if (!limit)
				limit = dma32;
		}
		if (!limit)
			limit = phys_mask_plus1;
	}
	zone_end[MP_ZONE_NORMAL] = end / page;
	plan->dma_phys_limit = limit;

	/* free_area_init(): ascending zones, each starts where the last ended */
	s = mp_round_up(start, page) / page;
	for (z = 0; z < MP_NR_ZONES; z++) {
		struct mp_zone *zone = &plan->zones[z];
		mp_u64 e = mp_max(zone_end[z], s);

		zone->configured = z == MP_ZONE_NORMAL || (z == MP_ZONE_DMA ? kc->zone_dma :
									     kc->zone_dma32);
		zone->empty = e == s;
		zone->start = s * page;
		zone->end = e * page - 1;
		s = e;
	}
	for (z = 0; z < MP_NR_ZONES; z++)
		if (plan->zones[z].configured)
			print_zone(ctx, names[z], &plan->zones[z]);
	if (kc->zone_dma && plan->zones[MP_ZONE_DMA].empty)
		mp_diag(ctx, MP_SEV_WARNING, "zone-dma-empty",
			acpi_max < dt_max ? NULL : ctx->dt->dma_max_path,
			"ZONE_DMA is empty: the DMA limit %#llx from %s lies below the start of "
			"DRAM %#llx", (unsigned long long)mp_min(dt_max, acpi_max),
			acpi_max < dt_max ? "the IORT" : "dma-ranges", (unsigned long long)start);
}
