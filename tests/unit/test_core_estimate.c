// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * test_core_estimate.c - the crashkernel= sizing rules of estimate.c:
 * kdump-utils' aarch64 table and its 64K and SMMU additions, the 16K
 * assumption, a size not below the RAM, the ,high form with and without an
 * explicit ,low (6.1 has no default low region), and the smaller sizes tried.
 */
#include "plan_fixture.h"
#include "tap.h"

#define M (1ULL << 20)
#define G (1ULL << 30)

static void dt(bool smmu)
{
	begin_dt(0, 0, 0x40000000, 0x80000000, "console=ttyAMA0");
	if (smmu) {
		fdt_begin_node(dtb, "iommu@9050000");
		fdt_property_string(dtb, "compatible", "arm,smmu-v3");
		fdt_end_node(dtb);
	}
	fdt_end_node(dtb);
	fdt_finish(dtb);
}

static void test_table(void)
{
	struct mp_crash_estimate e;

	TEST("table");
	dt(false);
	mp_crash_recommend(dtb, 12, 1 * G, &e);
	CHECK_EQ(e.table, 0);
	CHECK_EQ(e.size, 0);
	mp_crash_recommend(dtb, 12, 3 * G, &e);
	CHECK_EQ(e.size, 256 * M);
	mp_crash_recommend(dtb, 12, 8 * G, &e);
	CHECK_EQ(e.size, 320 * M);
	CHECK(!e.iommu && !e.nr_add && !e.too_big);
	mp_crash_recommend(dtb, 16, 100 * G, &e);
	CHECK_EQ(e.size, 676 * M);
	CHECK_EQ(e.nr_add, 1);
	mp_crash_recommend(dtb, 14, 8 * G, &e);
	CHECK(e.assume_16k);
	CHECK_EQ(e.size, 320 * M);

	TEST("SMMU");
	dt(true);
	mp_crash_recommend(dtb, 16, 8 * G, &e);
	CHECK_EQ(e.size, 804 * M);
	CHECK(e.nr_add == 2 && e.add[1].smmu && !e.add[0].smmu);
	CHECK(e.iommu && !strcmp(e.iommu, "arm,smmu-v3"));
	mp_crash_recommend(dtb, 12, 8 * G, &e);
	CHECK_EQ(e.size, 320 * M);
	CHECK(e.iommu != NULL);
	mp_crash_recommend(dtb, 16, (2 * G) + 1, &e);
	CHECK(!e.too_big);
	CHECK_EQ(e.size, 740 * M);
}

static void test_forms(void)
{
	char p[128];
	mp_u64 s;
	int n = 0;

	TEST("forms");
	CHECK_EQ(mp_crash_default_low_size(MP_LINUX_6_1), 0);
	CHECK_EQ(mp_crash_default_low_size(MP_LINUX_6_12), 128 * M);
	mp_crash_param(p, sizeof(p), MP_CRASH_FORM_LOW, MP_LINUX_6_12, 320 * M);
	CHECK(!strcmp(p, "crashkernel=320M"));
	mp_crash_param(p, sizeof(p), MP_CRASH_FORM_HIGH, MP_LINUX_6_12, 320 * M);
	CHECK(!strcmp(p, "crashkernel=320M,high"));
	mp_crash_param(p, sizeof(p), MP_CRASH_FORM_HIGH, MP_LINUX_6_1, 320 * M);
	CHECK(!strcmp(p, "crashkernel=320M,high crashkernel=128M,low"));

	TEST("smaller sizes");
	CHECK_EQ(mp_crash_smaller(256 * M), 224 * M);
	CHECK_EQ(mp_crash_smaller(250 * M), 192 * M);
	for (s = mp_crash_smaller(320 * M); s; s = mp_crash_smaller(s))
		n++;
	CHECK_EQ(n, 6);	/* 288 256 224 192 160 128 */
	CHECK_EQ(mp_crash_smaller(128 * M), 0);
	CHECK_EQ(mp_crash_smaller(16 * M), 0);
	CHECK_EQ(mp_crash_min_size(), 128 * M);
}

int main(void)
{
	test_table();
	test_forms();
	return DONE();
}
