// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_arm64.c - mp_arm64_bits(): the VA and PA sizes a configuration runs
 * with on a CPU with and without FEAT_LPA2/FEAT_LVA (a 52-bit configuration such as
 * Debian's 6.12 falls back to 48 bits, 47 of VA with 16K pages), and what that
 * changes in a plan: the mem_section root array (MAX_PHYSMEM_BITS) and the P4D
 * table of a 5-level linear map.  Expected values are worked out by hand from
 * asm/memory.h and asm/pgtable-prot.h of 6.12.
 */
#include "plan_fixture.h"
#include "tap.h"

struct bits_case {
	unsigned int shift, va, pa;
	bool cpu;
	unsigned int va_actual, va_min, pms, levels;
	mp_u64 linear;
};

static const struct bits_case bits_cases[] = {
	/* not 52-bit: the configuration as it is */
	{ 12, 48, 48, false, 48, 48, 48, 4, 1ULL << 47 },
	{ 12, 48, 48, true, 48, 48, 48, 4, 1ULL << 47 },
	{ 12, 39, 48, false, 39, 39, 48, 3, 1ULL << 38 },
	{ 14, 47, 48, false, 47, 47, 48, 3, 1ULL << 46 },
	{ 16, 42, 48, false, 42, 42, 48, 2, 1ULL << 41 },
	/* 4K, 52/52 (Debian 6.12): LPA2 or 48 bits of both */
	{ 12, 52, 52, false, 48, 48, 48, 4, (1ULL << 48) - (1ULL << 47) },
	{ 12, 52, 52, true, 52, 48, 52, 5, (1ULL << 52) - (1ULL << 47) },
	/* 16K, 52/52 (Debian 6.12 16k): VA_BITS_MIN is 47 */
	{ 14, 52, 52, false, 47, 47, 48, 3, (1ULL << 47) - (1ULL << 46) },
	{ 14, 52, 52, true, 52, 47, 52, 4, (1ULL << 52) - (1ULL << 46) },
	/* 64K: PA_BITS_52 is LPA, not LPA2: PHYS_MASK_SHIFT stays 52 */
	{ 16, 52, 52, false, 48, 48, 52, 3, (1ULL << 48) - (1ULL << 47) },
	{ 16, 52, 52, true, 52, 48, 52, 3, (1ULL << 52) - (1ULL << 47) },
	{ 16, 48, 52, false, 48, 48, 52, 3, 1ULL << 47 },
};

static void test_bits(void)
{
	struct mp_kconfig kc;
	struct mp_arm64_bits b;
	size_t i;

	TEST("mp_arm64_bits");
	for (i = 0; i < sizeof(bits_cases) / sizeof(bits_cases[0]); i++) {
		const struct bits_case *c = &bits_cases[i];

		mp_kconfig_defaults(MP_LINUX_6_12, &kc);
		kc.page_shift = c->shift;
		kc.va_bits = c->va;
		kc.pa_bits = c->pa;
		CHECK_EQ(mp_arm64_bits(&kc, c->cpu, &b), 0);
		CHECK_EQ(b.va_bits_actual, c->va_actual);
		CHECK_EQ(b.va_bits_min, c->va_min);
		CHECK_EQ(b.phys_mask_shift, c->pms);
		CHECK_EQ(b.pgtable_levels, c->levels);
		CHECK_EQ(b.linear_size, c->linear);
	}
	mp_kconfig_defaults(MP_LINUX_6_12, &kc);
	kc.page_shift = 13;
	CHECK_EQ(mp_arm64_bits(&kc, false, &b), (unsigned long long)-MP_ERR_BADARG);
	kc.page_shift = 12;
	kc.va_bits = 53;
	CHECK_EQ(mp_arm64_bits(&kc, false, &b), (unsigned long long)-MP_ERR_BADARG);
}

static bool cpu_va52;

/* Debian 6.12's 52-bit, PAGE_EXTENSION configuration on a CPU with or without LPA2 */
static void debian_612(struct mp_input *in)
{
	in->kc.va_bits = in->kc.pa_bits = 52;
	in->kc.page_extension = true;
	in->cpu_va52 = cpu_va52;
}

static const struct mp_alloc *alloc_named(const struct mp_plan *p, const char *what)
{
	size_t i;

	for (i = 0; i < p->nr_allocs; i++)
		if (!strcmp(p->allocs[i].what, what))
			return &p->allocs[i];
	return NULL;
}

static void test_plan_52bit(void)
{
	const struct mp_alloc *roots;
	struct mp_plan *p;
	mp_u64 tables48;

	TEST("52-bit configuration in a plan");
	begin_dt(0, 0, 0x40000000, 0x80000000, "console=ttyAMA0");
	fdt_end_node(dtb);
	fdt_finish(dtb);
	plan_tweak = debian_612;
	cpu_va52 = false;
	p = plan_at(MP_LINUX_6_12, 0x40200000, 0x48000000);
	CHECK(p != NULL);
	if (!p)
		goto out;
	CHECK_EQ(p->bits.phys_mask_shift, 48);
	/* 2^(48-27) sections, 4096 / 32 per root, 8 bytes a root pointer */
	roots = alloc_named(p, "mem_section[] roots");
	CHECK(roots != NULL);
	CHECK_EQ(roots ? roots->size : 0, 0x20000);
	tables48 = p->linmap.table_pages;

	cpu_va52 = true;
	p = plan_at(MP_LINUX_6_12, 0x40200000, 0x48000000);
	CHECK(p != NULL);
	if (!p)
		goto out;
	CHECK_EQ(p->bits.phys_mask_shift, 52);
	roots = alloc_named(p, "mem_section[] roots");
	CHECK_EQ(roots ? roots->size : 0, 0x200000);
	/* five levels: one P4D table more for the 2 GiB */
	CHECK_EQ(p->linmap.table_pages, tables48 + 1);
out:
	plan_tweak = NULL;
}

int main(void)
{
	test_bits();
	test_plan_52bit();
	return DONE();
}
