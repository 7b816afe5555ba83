// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * early_mm.c - what a memplan-6.12 kernel shows in /sys/kernel/debug/arm64_early_mm
 * (kernel-patches/6.12 0006, early_mm_show() in arch/arm64/mm/init.c), predicted
 * from a plan and written byte for byte as the kernel writes it, so that
 * `memplan verify` can compare the two member by member.
 *
 * The kernel reads its own state when the file is read: where the DMA limits came
 * from (0002: "fdt" on DT boots, "dt,iort" when zone_sizes_init() computed them),
 * arm64_dma_phys_limit and zone_dma_limit, where the crash kernel was reserved,
 * crashk_res / crashk_low_res, and the runs of leaf levels of the linear map over
 * them, walked in swapper_pg_dir ("none" while a protected region is unmapped).
 */
#include "internal.h"

/* early_mm_show_run() */
static void put_run(const struct mp_sink *sink, const char **sep, mp_u64 start, mp_u64 end,
		    const char *level)
{
	mp_sink_printf(sink, "%s{\"start\":\"0x%016llx\",\"end\":\"0x%016llx\",\"mapping\":\"%s\"}", *sep,
	     (unsigned long long)start, (unsigned long long)end, level);
	*sep = ",";
}

/*
 * early_mm_show_map(): the runs of one level over [base, base + size), from the
 * planned linear map; memory no planned range covers is "none"
 */
static void put_map(const struct mp_sink *sink, const struct mp_plan *plan, bool loaded,
		    mp_u64 base, mp_u64 size, const char **sep)
{
	mp_u64 addr = base, last = base + size - 1, run_start = base;
	const char *run = NULL, *level;
	size_t i;

	if (loaded && plan->linmap.crash_protected) {
		put_run(sink, sep, base, last, "none");
		return;
	}
	while (addr <= last) {
		mp_u64 next = last;

		level = "none";
		for (i = 0; i < plan->linmap.nr_ranges; i++) {
			const struct mp_map_range *r = &plan->linmap.ranges[i];

			if (r->end < addr)
				continue;
			if (r->start > addr) {
				next = mp_min(next, r->start - 1);
				continue;
			}
			level = mp_map_level_name(r->level);
			next = mp_min(next, r->end);
			break;
		}
		if (run && mp_strcmp(run, level)) {
			put_run(sink, sep, run_start, addr - 1, run);
			run_start = addr;
		}
		run = level;
		if (next == last)
			break;
		addr = next + 1;
	}
	put_run(sink, sep, run_start, last, run);
}

static void put_region(const struct mp_sink *sink, const char *name, mp_u64 base, mp_u64 size,
		       const char **sep)
{
	mp_sink_printf(sink, "%s{\"name\":\"%s\",\"start\":\"0x%016llx\",\"end\":\"0x%016llx\"}", *sep, name,
	     (unsigned long long)base, (unsigned long long)(base + size - 1));
	*sep = ",";
}

void mp_write_early_mm_json(const struct mp_plan *plan, bool loaded, const struct mp_sink *sink)
{
	bool early;
	const struct mp_crash *c = &plan->crash;
	bool reserved = c->status == MP_CRASH_RESERVED;
	/*
	 * reserve_crashkernel_generic(): crashk_res is the high region when there is
	 * one (then crashk_low_res the low one), else the only, low, region
	 */
	bool res = reserved && (c->high_present || c->low_present);
	mp_u64 res_base = c->high_present ? c->high_base : c->low_base;
	mp_u64 res_size = c->high_present ? c->high_size : c->low_size;
	bool low_res = reserved && c->high_present && c->low_present;
	const char *sep = "";

	/* 0002: every boot without ACPI tables takes the limits early */
	early = plan->dma_limits_early;
	mp_sink_printf(sink, "{\"schema\":\"arm64-early-mm/1\",\"dma_limits\":{\"source\":\"%s\","
	     "\"arm64_dma_phys_limit\":\"0x%016llx\",", early ? "fdt" : "dt,iort",
	     (unsigned long long)plan->dma_phys_limit);
	if (plan->kc.zone_dma)
		mp_sink_printf(sink, "\"zone_dma_limit\":\"0x%016llx\"}",
		     (unsigned long long)plan->zone_dma_limit);
	else
		mp_sink_puts(sink, "\"zone_dma_limit\":null}");
	mp_sink_printf(sink, ",\"crashkernel\":{\"reserved_in\":\"%s\",\"regions\":[",
	     early ? "arm64_memblock_init" : "bootmem_init");
	if (res)
		put_region(sink, "crashk_res", res_base, res_size, &sep);
	if (low_res)
		put_region(sink, "crashk_low_res", c->low_base, c->low_size, &sep);
	mp_sink_puts(sink, "]},\"crash_linear_map\":[");
	sep = "";
	if (low_res)
		put_map(sink, plan, loaded, c->low_base, c->low_size, &sep);
	if (res)
		put_map(sink, plan, loaded, res_base, res_size, &sep);
	mp_sink_puts(sink, "]}\n");
}
