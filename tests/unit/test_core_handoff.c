// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * test_core_handoff.c - the hand-off DTs of memplan_handoff.h over a host DT
 * built here (plan_fixture.h): 2 GiB of RAM at 0x40000000, a static carve-out,
 * a disabled one and a dynamic pool whose alloc-ranges lie above dom0's RAM.
 * Xen 4.17's dom0 DT lists both carve-outs as memory and keeps the pool
 * dynamic: the check finds the disabled range, RAM Xen never gave dom0, and
 * the pool dom0 cannot allocate; Xen 4.19 leaves the disabled range out; the
 * fixed host DT drops the disabled node and pins the pool; the legacy
 * construction hands the carve-out over as RAM and fails; a capture kernel
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
	fdt_begin_node(dtb, "off@70000000");
	prop2("reg", 0x70000000, 0x200000);
	fdt_property_string(dtb, "status", "disabled");
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

/* the reg of node @path of @fdt as (base, size) pairs of 2 + 2 cells; how many */
static int regs_of(const void *fdt, const char *path, struct mp_range *out, int cap)
{
	int node = fdt_path_offset(fdt, path), len, i;
	const fdt64_t *c = node < 0 ? NULL : fdt_getprop(fdt, node, "reg", &len);

	if (!c)
		return -1;
	for (i = 0; i < len / 16 && i < cap; i++) {
		out[i].base = fdt64_to_cpu(c[2 * i]);
		out[i].size = fdt64_to_cpu(c[2 * i + 1]);
	}
	return len / 16;
}

static void test_dom0(void)
{
	const struct mp_range dom0 = { 0x40000000, 0x20000000 }, outside = { 0xc0000000, 1 << 20 };
	struct mp_xen_modules mods;
	struct mp_ho_findings fi;
	struct mp_ho_result res;
	struct mp_range m[4];
	struct mp_plan *host;
	const struct mp_rmem *r;

	TEST("dom0: Xen 4.17's construction");
	host = host_plan();
	if (!host)
		return;
	r = pool(host);
	CHECK(r && r->status == MP_RMEM_RESERVED);
	CHECK_EQ(mp_ho_outside_ram(host, &dom0, 1), -1);
	CHECK_EQ(mp_ho_outside_ram(host, &outside, 1), 0);
	reset();
	fi = (struct mp_ho_findings){ .arena = &arena };
	CHECK_EQ(mp_ho_build_dom0(host, dtb, &dom0, 1, "console=hvc0", MP_XEN_4_17, &arena, &fi,
				  &mods, &res), 0);
	CHECK_EQ(res.step, MP_HO_OK);
	CHECK_EQ(fi.nr, 0);
	CHECK(mods.placed && mods.kernel_base == 0x40000000 && mods.dtb_base == 0x48000000);
	CHECK(res.fdt && fdt_path_offset(res.fdt, "/reserved-memory/fw@48000000") >= 0);
	CHECK(res.fdt && fdt_path_offset(res.fdt, "/reserved-memory/pool") >= 0);
	CHECK_EQ(res.fdt ? fdt_num_mem_rsv(res.fdt) : -1, 0);
	CHECK_EQ(regs_of(res.fdt, "/memory@40000000", m, 4), 1);
	CHECK(m[0].base == dom0.base && m[0].size == dom0.size);
	/* bootinfo.reserved_mem: every child's reg in DT order, the disabled one too */
	CHECK_EQ(regs_of(res.fdt, "/memory@48000000", m, 4), 2);
	CHECK(m[0].base == 0x48000000 && m[1].base == 0x70000000 && m[1].size == 0x200000);
	CHECK_EQ(mp_ho_check_dom0(host, dtb, res.fdt, &dom0, 1, &fi), 2);
	CHECK_EQ(count(&fi, MP_HO_XEN_NOT_RAM), 1);
	CHECK_EQ(count(&fi, MP_HO_VIOLATION), 1);
	for (size_t i = 0; i < fi.nr; i++)
		if (fi.f[i].kind == MP_HO_XEN_NOT_RAM)
			CHECK(fi.f[i].base == 0x70000000 && fi.f[i].r &&
			      !strcmp(fi.f[i].r->path, "/reserved-memory/off@70000000"));

	TEST("dom0: Xen 4.19 skips the disabled region");
	fi.nr = 0;
	CHECK_EQ(mp_ho_build_dom0(host, dtb, &dom0, 1, NULL, MP_XEN_4_19, &arena, &fi, NULL, &res),
		 0);
	CHECK_EQ(regs_of(res.fdt, "/memory@48000000", m, 4), 1);
	CHECK_EQ(mp_ho_check_dom0(host, dtb, res.fdt, &dom0, 1, &fi), 1);
	CHECK_EQ(count(&fi, MP_HO_XEN_NOT_RAM), 0);

	TEST("dom0: the host DT fixed for Xen 4.17");
	fi.nr = 0;
	CHECK_EQ(mp_ho_fix_xen_host(host, dtb, &dom0, 1, MP_XEN_4_17, &arena, &fi, &res), 0);
	CHECK_EQ(count(&fi, MP_HO_HOST_DROPPED), 1);
	CHECK_EQ(count(&fi, MP_HO_PINNED), 1);
	CHECK(res.fdt && fdt_path_offset(res.fdt, "/reserved-memory/off@70000000") < 0);
	if (r) {
		char path[64];

		snprintf(path, sizeof(path), "/reserved-memory/pool@%llx",
			 (unsigned long long)r->base);
		CHECK(regs_of(res.fdt, path, m, 1) == 1 && m[0].base == r->base &&
		      r->base >= 0xa0000000 && r->base < 0xb0000000);
	}

	TEST("dom0: the legacy construction");
	fi.nr = 0;
	CHECK_EQ(mp_ho_build_dom0(host, dtb, &dom0, 1, NULL, MP_XEN_LEGACY, &arena, &fi, NULL,
				  &res), 0);
	CHECK_EQ(fi.nr, 0);
	CHECK(res.fdt && fdt_path_offset(res.fdt, "/reserved-memory") < 0);
	CHECK(mp_ho_check_dom0(host, dtb, res.fdt, &dom0, 1, &fi) >= 2);
	CHECK_EQ(count(&fi, MP_HO_VIOLATION) + count(&fi, MP_HO_XEN_NOT_RAM), fi.nr);
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
