// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_early_mm.c - mp_write_early_mm_json(): the prediction of a memplan-6.12
 * kernel's /sys/kernel/debug/arm64_early_mm (kernel-patches 0006), byte for byte, for
 * plans written out by hand: which region is crashk_res and which crashk_low_res, the
 * runs of mapping levels over them (edges, gaps), the file once a capture kernel is
 * loaded, and a kernel without ZONE_DMA; mp_linmap_alone(), the levels of a region
 * mapped on its own (at boot, and what a kexec_crash_size shrink keeps).
 */
#include <stdlib.h>
#include <string.h>

#include "crash_fixture.h"
#include "memplan.h"
#include "tap.h"

static void sink_buf(void *ctx, const char *buf, size_t len)
{
	char **s = ctx;
	size_t old = *s ? strlen(*s) : 0;
	char *n = realloc(*s, old + len + 1);

	if (!n)
		abort();
	memcpy(n + old, buf, len);
	n[old + len] = '\0';
	*s = n;
}

static char *early_mm(const struct mp_plan *plan, bool loaded)
{
	char *s = NULL;

	mp_write_early_mm_json(plan, loaded, &(struct mp_sink){ sink_buf, &s });
	return s;
}

#define HEAD_FDT "{\"schema\":\"arm64-early-mm/1\",\"dma_limits\":{\"source\":\"fdt\","

static void test_low_region(void)
{
	struct mp_plan p;
	char *s;

	TEST("crashkernel=256M below the DMA limit: crashk_res, one PMD run");
	plan_256m(&p);
	s = early_mm(&p, false);
	CHECK(s && !strcmp(s, HEAD_FDT "\"arm64_dma_phys_limit\":\"0x00000000c0000000\","
		  "\"zone_dma_limit\":\"0x00000000ffffffff\"},\"crashkernel\":{\"reserved_in\":"
		  "\"arm64_memblock_init\",\"regions\":[{\"name\":\"crashk_res\",\"start\":"
		  "\"0x00000000b0000000\",\"end\":\"0x00000000bfffffff\"}]},\"crash_linear_map\":"
		  "[{\"start\":\"0x00000000b0000000\",\"end\":\"0x00000000bfffffff\",\"mapping\":"
		  "\"pmd\"}]}\n"));
	free(s);

	TEST("with the capture kernel loaded the region is a hole");
	s = early_mm(&p, true);
	CHECK(s && strstr(s, "\"crash_linear_map\":[{\"start\":\"0x00000000b0000000\",\"end\":"
			     "\"0x00000000bfffffff\",\"mapping\":\"none\"}]}\n"));
	free(s);

	TEST("no protection (not memplan-6.12): loaded is the boot's map, reserved late");
	p.profile = MP_LINUX_6_12;
	p.dma_limits_early = false;
	p.linmap.crash_protected = false;
	s = early_mm(&p, true);
	CHECK(s && strstr(s, "\"source\":\"dt,iort\""));
	CHECK(s && strstr(s, "\"reserved_in\":\"bootmem_init\""));
	CHECK(s && strstr(s, "\"mapping\":\"pmd\"}]}\n"));
	free(s);
}

static struct mp_map_range map_high_low[] = {
	{ 0x40000000, 0xb7ffffff, MP_MAP_PTE },
	{ 0xb8000000, 0xbfffffff, MP_MAP_PMD },
	{ 0xc0000000, 0x1dfffffff, MP_MAP_PTE },
	/* the high region: a PTE edge, PMD blocks, and memory no range covers */
	{ 0x1e0000000, 0x1e00fffff, MP_MAP_PTE },
	{ 0x1e0100000, 0x1e01fffff, MP_MAP_PTE },
	{ 0x1e0200000, 0x1fdffffff, MP_MAP_PMD },
};

static void test_high_low(void)
{
	struct mp_plan p;
	char *s;

	TEST("crashkernel=512M,high + 128M,low: crashk_res high, crashk_low_res low, low first");
	plan_256m(&p);
	p.crash.low_base = 0xb8000000;
	p.crash.low_size = 0x8000000;
	p.crash.high_present = true;
	p.crash.high_base = 0x1e0000000;
	p.crash.high_size = 0x20000000;
	p.linmap.ranges = map_high_low;
	p.linmap.nr_ranges = 6;
	s = early_mm(&p, false);
	CHECK(s && strstr(s, "\"regions\":[{\"name\":\"crashk_res\",\"start\":\"0x00000001e0000000\","
			     "\"end\":\"0x00000001ffffffff\"},{\"name\":\"crashk_low_res\",\"start\":"
			     "\"0x00000000b8000000\",\"end\":\"0x00000000bfffffff\"}]}"));
	/* runs merge equal levels (two PTE ranges), end where the plan maps nothing */
	CHECK(s && strstr(s, "\"crash_linear_map\":["
			     "{\"start\":\"0x00000000b8000000\",\"end\":\"0x00000000bfffffff\",\"mapping\":\"pmd\"},"
			     "{\"start\":\"0x00000001e0000000\",\"end\":\"0x00000001e01fffff\",\"mapping\":\"pte\"},"
			     "{\"start\":\"0x00000001e0200000\",\"end\":\"0x00000001fdffffff\",\"mapping\":\"pmd\"},"
			     "{\"start\":\"0x00000001fe000000\",\"end\":\"0x00000001ffffffff\",\"mapping\":\"none\"}]}\n"));
	free(s);
}

static void test_no_crash_no_zone_dma(void)
{
	struct mp_plan p;
	char *s;

	TEST("no crashkernel=, no ZONE_DMA: empty lists, zone_dma_limit null");
	plan_256m(&p);
	p.crash.status = MP_CRASH_NONE;
	p.kc.zone_dma = false;
	s = early_mm(&p, false);
	CHECK(s && strstr(s, "\"zone_dma_limit\":null},\"crashkernel\":{\"reserved_in\":"
			     "\"arm64_memblock_init\",\"regions\":[]},\"crash_linear_map\":[]}\n"));
	free(s);
}

static bool range_is(const struct mp_map_range *r, mp_u64 start, mp_u64 end,
		     enum mp_map_level level)
{
	return r->start == start && r->end == end && r->level == level;
}

static void test_linmap_alone(void)
{
	struct mp_map_range out[MP_LINMAP_ALONE_MAX];
	struct mp_kconfig kc = { .page_shift = 12, .va_bits = 48 };
	struct mp_plan p;
	size_t n;
	char *s;

	TEST("alone, 4K: 161 MiB kept of a 2 MiB-aligned region: PMD blocks, PTEs at the end");
	n = mp_linmap_alone(&kc, 0xb0000000, 0xba100000, out);
	CHECK_EQ(n, 2);
	CHECK(range_is(&out[0], 0xb0000000, 0xb9ffffff, MP_MAP_PMD));
	CHECK(range_is(&out[1], 0xba000000, 0xba0fffff, MP_MAP_PTE));

	TEST("alone, 4K: a PUD block in the middle, never a contiguous hint");
	n = mp_linmap_alone(&kc, 0x3fc01000, 0x80300000, out);
	CHECK_EQ(n, 5);
	CHECK(range_is(&out[0], 0x3fc01000, 0x3fdfffff, MP_MAP_PTE));
	CHECK(range_is(&out[1], 0x3fe00000, 0x3fffffff, MP_MAP_PMD));
	CHECK(range_is(&out[2], 0x40000000, 0x7fffffff, MP_MAP_PUD));
	CHECK(range_is(&out[3], 0x80000000, 0x801fffff, MP_MAP_PMD));
	CHECK(range_is(&out[4], 0x80200000, 0x802fffff, MP_MAP_PTE));

	TEST("alone, 64K: no PUD blocks; PMD blocks are 512 MiB");
	kc.page_shift = 16;
	kc.va_bits = 48;
	n = mp_linmap_alone(&kc, 0x40000000, 0x70000000, out);
	CHECK_EQ(n, 2);
	CHECK(range_is(&out[0], 0x40000000, 0x5fffffff, MP_MAP_PMD));
	CHECK(range_is(&out[1], 0x60000000, 0x6fffffff, MP_MAP_PTE));

	TEST("early_mm after a shrink: the kept region's re-mapped levels");
	plan_256m(&p);
	p.crash.low_size = 0xa100000;
	kc.page_shift = 12;
	n = mp_linmap_alone(&kc, p.crash.low_base, p.crash.low_base + p.crash.low_size, out);
	p.linmap.ranges = out;
	p.linmap.nr_ranges = n;
	s = early_mm(&p, false);
	CHECK(s && strstr(s, "\"crash_linear_map\":[{\"start\":\"0x00000000b0000000\",\"end\":"
			     "\"0x00000000b9ffffff\",\"mapping\":\"pmd\"},{\"start\":"
			     "\"0x00000000ba000000\",\"end\":\"0x00000000ba0fffff\",\"mapping\":"
			     "\"pte\"}]}\n"));
	free(s);
}

int main(void)
{
	test_low_region();
	test_high_low();
	test_no_crash_no_zone_dma();
	test_linmap_alone();
	return DONE();
}
