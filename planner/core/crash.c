// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * crash.c - crash kernel placement (docs/kernel-model.md §6):
 * 6.1 reserve_crashkernel() (arch/arm64/mm/init.c, no fallback, no default
 * low size) and 6.12 reserve_crashkernel_generic() (kernel/crash_reserve.c,
 * plain -> high fallback with a 128 MiB low region, ,high -> low fallback).
 */
#include "internal.h"
#include "cmdline.h"

#define CRASH_ALIGN (2 * MP_SZ_M)

static void record(struct mp_ctx *ctx, mp_u64 base, mp_u64 size, mp_u64 low_max, bool low_res)
{
	struct mp_crash *c = &ctx->plan->crash;

	if (base < low_max) {
		c->low_present = true;
		c->low_base = base;
		c->low_size = size;
	} else {
		c->high_present = true;
		c->high_base = base;
		c->high_size = size;
	}
	mp_note_alloc(ctx, base, size, low_res ? MP_ALLOC_CRASH_LOW : MP_ALLOC_CRASH,
		      low_res ? "crash kernel (low)" : "crash kernel", false);
}

/* reserve_crashkernel_low() */
static int reserve_low(struct mp_ctx *ctx, mp_u64 low_size, mp_u64 low_max)
{
	mp_u64 low = mp_mb_phys_alloc_range(&ctx->mb, low_size, CRASH_ALIGN, 0, low_max);

	if (!low) {
		mp_log(ctx, "cannot allocate crashkernel low memory (size:0x%llx).",
		       (unsigned long long)low_size);
		return -MP_ENOMEM;
	}
	mp_log(ctx, "crashkernel low memory reserved: 0x%08llx - 0x%08llx (%llu MB)",
	       (unsigned long long)low, (unsigned long long)(low + low_size),
	       (unsigned long long)(low_size >> 20));
	record(ctx, low, low_size, low_max, true);
	return 0;
}

static void fail(struct mp_ctx *ctx, const char *why)
{
	struct mp_crash *c = &ctx->plan->crash;

	c->status = MP_CRASH_FAILED;
	c->reason = why;
	mp_diag(ctx, MP_SEV_ERROR, "crash-failed", NULL, "crash kernel not reserved: %s", why);
}

/*
 * mp_crash_reserve - parse crashkernel= and place the crash kernel now.
 * @low_max: CRASH_ADDR_LOW_MAX (arm64_dma_phys_limit at the time of the call).
 */
void mp_crash_reserve(struct mp_ctx *ctx, mp_u64 low_max)
{
	struct mp_crash *c = &ctx->plan->crash;
	const struct mp_kconfig *kc = &ctx->in->kc;
	/* CRASH_ADDR_HIGH_MAX: PHYS_MASK + 1, the runtime PHYS_MASK_SHIFT */
	mp_u64 high_max = 1ULL << ctx->plan->bits.phys_mask_shift;
	mp_u64 system_ram = ctx->mb.memory.total_size;
	struct mp_crash_req req;
	mp_u64 size, base, lo, hi, low_size, addr;
	bool fixed, high;

	ctx->plan->system_ram = system_ram;
	c->low_max = low_max;
	if (!kc->crash_reserve) {
		if (mp_strstr_any(ctx->cl->line, "crashkernel="))
			mp_diag(ctx, MP_SEV_WARNING, "crash-no-config", NULL,
				"crashkernel= is ignored: the kernel lacks %s",
				ctx->b.crash_config);
		return;
	}
	mp_parse_crashkernel(ctx, system_ram, &req);
	c->request = req.token;
	if (req.ret == -MP_ENOENT)
		return;
	if (req.ret) {
		fail(ctx, req.why ? req.why : "the crashkernel= value is invalid");
		return;
	}
	size = req.size;
	base = req.base;
	high = req.high;
	low_size = req.low_size;
	c->size = size;
	c->base_fixed = base;
	c->is_high = high;
	c->low_request = low_size;

	if (!ctx->b.crash_generic) {
		mp_u64 max = high ? high_max : low_max;

		size = mp_round_up(size, ctx->page_size);
		c->size = size;
		if (base)
			max = base + size;
		addr = mp_mb_phys_alloc_range(&ctx->mb, size, CRASH_ALIGN, base, max);
		if (!addr) {
			mp_log(ctx, "cannot allocate crashkernel (size:0x%llx)", (unsigned long long)size);
			fail(ctx, base ? (base & (CRASH_ALIGN - 1) ?
					 "the fixed base is not 2 MiB aligned" :
					 "the fixed range is not free, mapped memory") :
				 high ? "no free range anywhere can hold it" :
					"no free range below the DMA limit can hold it (6.1 has no "
					"fallback above it)");
			return;
		}
	} else {
		fixed = base != 0;
		lo = 0;
		hi = low_max;
		if (fixed) {
			lo = base;
			hi = base + size;
		} else if (high) {
			lo = low_max;
			hi = high_max;
		}
		for (;;) {
			addr = mp_mb_phys_alloc_range(&ctx->mb, size, CRASH_ALIGN, lo, hi);
			if (addr)
				break;
			if (fixed) {
				mp_log(ctx, "crashkernel reservation failed - memory is in use.");
				fail(ctx, base & (CRASH_ALIGN - 1) ?
						  "the fixed base is not 2 MiB aligned" :
						  "the fixed range is not free, mapped memory");
				return;
			}
			if (!high && hi == low_max && low_max == high_max) {
				/*
				 * reserve_crashkernel_generic() (6.12) goes back to retry with
				 * search_end == CRASH_ADDR_LOW_MAX again: the boot never ends
				 */
				fail(ctx, "nothing fits below the DMA limit, which is also "
					  "CRASH_ADDR_HIGH_MAX: the kernel retries the same search "
					  "forever and the boot hangs");
				return;
			}
			if (!high && hi == low_max) {
				lo = low_max;
				hi = high_max;
				low_size = 128 * MP_SZ_M;
				c->low_request = low_size;
				c->reason = "no room below the DMA limit: fell back above it with the "
					    "default 128 MiB low region";
				continue;
			}
			if (high && hi == high_max) {
				hi = low_max;
				lo = 0;
				if (hi != high_max) {
					c->reason = "no room above the DMA limit: ,high fell back below it";
					continue;
				}
			}
			mp_log(ctx, "cannot allocate crashkernel (size:0x%llx)", (unsigned long long)size);
			fail(ctx, "no free range can hold it");
			return;
		}
	}
	if (addr >= low_max && low_size && reserve_low(ctx, low_size, low_max)) {
		mp_mb_phys_free(&ctx->mb, addr, size);
		fail(ctx, "the low region does not fit below the DMA limit; the high region "
			  "was freed again");
		return;
	}
	mp_log(ctx, "crashkernel reserved: 0x%016llx - 0x%016llx (%llu MB)",
	       (unsigned long long)addr, (unsigned long long)(addr + size),
	       (unsigned long long)(size >> 20));
	record(ctx, addr, size, low_max, false);
	c->status = MP_CRASH_RESERVED;
}
