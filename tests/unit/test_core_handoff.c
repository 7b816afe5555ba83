// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * test_core_handoff.c - the hand-off DTs of memplan_handoff.h over a host DT
 * built here (plan_fixture.h): 2 GiB of RAM at 0x40000000, a static carve-out
 * and a dynamic pool whose alloc-ranges lie above dom0's RAM.  dom0 gets the
 * pool pinned at the host's address and passes the check; Xen's historic
 * construction hands the carve-out over as RAM and fails it; a capture kernel
 * whose crash region meets the pool's alloc-ranges has it flagged, or pinned
 * with the fix.
 */
#include "memplan_handoff.h"
#include "plan_fixture.h"
#include "tap.h"

static struct mp_arena arena;	/* the hand-off DTs and findings */
static char *buf;

static void reset(void)
{
	if (!buf)
		buf = malloc(4 << 20);
	if (!buf)
		abort();
	mp_arena_init(&arena, buf, 4 << 20);
}

static void host_dt(void)
{
	begin_dt(0, 0, 0x40000000, 0x80000000, "crashkernel=64M");
	begin_rmem_node();
	fdt_begin_node(dtb, "fw@48000000");
	prop2("reg", 0x48000000, 0x100000);
	fdt_property(dtb, "no-map", NULL, 0);
	fdt_end_node(dtb);
	fdt_begin_node(dtb, "pool");
	fdt_property_u64(dtb, "size", 0x1000000);
	prop2("alloc-ranges", 0xa0000000, 0x10000000);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_finish(dtb);
}

/* the host plan (linux-6.12, the Image at 0x50000000), NULL after a failed check */
static struct mp_plan *host_plan(void)
{
	struct mp_plan *p;

	host_dt();
	p = plan_at(MP_LINUX_6_12, 0x50000000, 0x4a000000);
	CHECK(p != NULL);
	return p;
}

static size_t count(const struct mp_ho_findings *fi, enum mp_ho_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < fi->nr; i++)
		n += fi->f[i].kind == k;
	return n;
}

static const struct mp_rmem *pool(const struct mp_plan *p)
{
	for (size_t i = 0; i < p->nr_rmem; i++)
		if (!strcmp(p->rmem[i].name, "pool"))
			return &p->rmem[i];
	return NULL;
}

static void test_dom0(void)
{
	const struct mp_range dom0 = { 0x40000000, 0x20000000 }, outside = { 0xc0000000, 1 << 20 };
	struct mp_ho_findings fi;
	struct mp_ho_result res;
	struct mp_plan *host;
	const struct mp_rmem *r;

	TEST("dom0: memplan construction");
	host = host_plan();
	if (!host)
		return;
	r = pool(host);
	CHECK(r && r->status == MP_RMEM_RESERVED);
	CHECK_EQ(mp_ho_outside_ram(host, &dom0, 1), -1);
	CHECK_EQ(mp_ho_outside_ram(host, &outside, 1), 0);
	reset();
	fi = (struct mp_ho_findings){ .arena = &arena };
	CHECK_EQ(mp_ho_build_dom0(host, dtb, &dom0, 1, "console=hvc0", false, &arena, &fi, &res), 0);
	CHECK_EQ(res.step, MP_HO_OK);
	CHECK_EQ(count(&fi, MP_HO_PINNED), 1);
	CHECK(fi.nr && fi.f[0].r == r && r && fi.f[0].base == r->base);
	CHECK(res.fdt && fdt_path_offset(res.fdt, "/reserved-memory/fw@48000000") >= 0);
	fi.nr = 0;
	CHECK_EQ(mp_ho_check_dom0(host, dtb, res.fdt, &fi), 0);

	TEST("dom0: Xen's historic construction");
	fi.nr = 0;
	CHECK_EQ(mp_ho_build_dom0(host, dtb, &dom0, 1, NULL, true, &arena, &fi, &res), 0);
	CHECK_EQ(fi.nr, 0);
	CHECK(res.fdt && fdt_path_offset(res.fdt, "/reserved-memory") < 0);
	CHECK(mp_ho_check_dom0(host, dtb, res.fdt, &fi) >= 2);
	CHECK_EQ(count(&fi, MP_HO_VIOLATION), fi.nr);
	CHECK(fi.nr && fi.f[0].message && strstr(fi.f[0].message, "/reserved-memory"));
}

static void test_capture(void)
{
	const struct mp_range crash = { 0xa8000000, 0x8000000 };
	struct mp_ho_findings fi;
	struct mp_ho_result res;
	struct mp_range cr[2];
	struct mp_plan *first;

	TEST("capture: a dynamic region in the crash region");
	first = host_plan();
	if (!first)
		return;
	CHECK_EQ(mp_crash_ranges(&first->crash, cr), first->crash.low_present +
						     first->crash.high_present);
	reset();
	fi = (struct mp_ho_findings){ .arena = &arena };
	CHECK_EQ(mp_ho_fix_capture(first, dtb, &crash, 1, false, &arena, &fi, &res), 0);
	CHECK_EQ(count(&fi, MP_HO_FLAGGED), 1);
	fi.nr = 0;
	CHECK_EQ(mp_ho_fix_capture(first, dtb, &crash, 1, true, &arena, &fi, &res), 0);
	CHECK_EQ(count(&fi, MP_HO_PINNED), 1);
	if (pool(first) && res.fdt) {
		char path[64];
		int node;

		snprintf(path, sizeof(path), "/reserved-memory/pool@%llx",
			 (unsigned long long)pool(first)->base);
		node = fdt_path_offset(res.fdt, path);
		CHECK(node >= 0 && fdt_getprop(res.fdt, node, "reg", NULL));
	}
	/* the first kernel's plan: its pool lies in the range asked about */
	fi.nr = 0;
	CHECK_EQ(mp_ho_crash_eaten(first, &(struct mp_range){ 0xa0000000, 0x10000000 }, 1, &fi),
		 0x1000000);
	CHECK_EQ(count(&fi, MP_HO_EATEN), 1);
}

int main(void)
{
	test_dom0();
	test_capture();
	free(buf);
	return DONE();
}
