// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_capture.c - what kexec -p (kexec-tools 2.0.25, arm64) gives a capture
 * kernel, from the plan of a first kernel: mp_capture_dtb() (the Image at the
 * highest crash region's 2 MiB aligned start, initrd and DTB page aligned after it,
 * the ELF core header at the region's top, the DT's /chosen) and mp_capture_input()
 * (the capture kernel's planner input, planned here too); the refusals: no crash
 * kernel, one shrunk to nothing, an Image that does not fit, too small a buffer.
 */
#include "plan_fixture.h"
#include "memplan_kexec.h"
#include "tap.h"

static char capdtb[80000];

/* @mem_size of RAM at 1 GiB booted with @bootargs, planned by 6.12 (Image, DTB placed) */
static struct mp_plan *first_plan(const char *bootargs, mp_u64 mem_size, struct mp_input *in)
{
	static void *buf;
	static struct mp_arena arena;
	struct mp_plan *p = NULL;

	begin_dt(0, 0, 0x40000000, mem_size, bootargs);
	fdt_end_node(dtb);
	fdt_finish(dtb);
	if (!buf)
		buf = malloc(64 << 20);
	if (!buf)
		abort();
	mp_arena_init(&arena, buf, 64 << 20);
	memset(in, 0, sizeof(*in));
	in->fdt = dtb;
	in->fdt_len = sizeof(dtb);
	in->profile = MP_LINUX_6_12;
	mp_kconfig_defaults(in->profile, &in->kc);
	in->image.text = 0x40200000;
	in->image.size = 0x2000000;
	in->image_given = true;
	in->fdt_base = 0x48000000;
	in->fdt_base_given = true;
	in->strict = true;
	return mp_plan_build(in, &arena, &p) ? NULL : p;
}

/* /chosen/@name of the capture DT as 64-bit cells, @n of them, into @v */
static int chosen_u64s(const char *name, mp_u64 *v, int n)
{
	int node = fdt_path_offset(capdtb, "/chosen"), len = 0, i;
	const fdt32_t *c = node >= 0 ? fdt_getprop(capdtb, node, name, &len) : NULL;

	if (!c || len != n * 8)
		return -1;
	for (i = 0; i < n; i++)
		v[i] = (mp_u64)fdt32_to_cpu(c[2 * i]) << 32 | fdt32_to_cpu(c[2 * i + 1]);
	return 0;
}

static void test_defaults(void)
{
	struct mp_capture_opts o = { 0 };
	struct mp_capture cap;
	struct mp_input in, cin;
	struct mp_plan *p = first_plan("crashkernel=256M", 0x80000000, &in);
	const char *args;
	char err[256] = "";
	mp_u64 v[4];
	void *mem;
	struct mp_arena arena;
	struct mp_plan *cp = NULL;

	TEST("capture, defaults: the Image at the crash region's start, the DTB after it");
	CHECK(p && p->crash.status == MP_CRASH_RESERVED && p->crash.low_present);
	if (!p)
		return;
	CHECK(mp_capture_dtb_room(dtb, &o) <= sizeof(capdtb));
	CHECK_EQ(mp_capture_input(p, &in, &o, capdtb, sizeof(capdtb), &cap, &cin, err,
				  sizeof(err)), 0);
	CHECK_EQ(cap.image_base, p->crash.low_base);
	CHECK_EQ(cap.image_size, 0x2000000);
	CHECK_EQ(cap.fdt_base, p->crash.low_base + 0x2000000);
	CHECK_EQ(cap.initrd_start, 0);

	TEST("capture: the ELF core header, 1 CPU + VMCOREINFO + text + 1 RAM range, at the top");
	CHECK_EQ(cap.elfcorehdr_size, 0x400);
	CHECK_EQ(cap.elfcorehdr, p->crash.low_base + p->crash.low_size - 0x1000);

	TEST("capture: /chosen as kexec-tools writes it, no initrd");
	args = fdt_getprop(capdtb, fdt_path_offset(capdtb, "/chosen"), "bootargs", NULL);
	CHECK(args && !strcmp(args, MP_CAPTURE_CMDLINE));
	CHECK(!chosen_u64s("linux,elfcorehdr", v, 2) && v[0] == cap.elfcorehdr && v[1] == 0x400);
	CHECK(!chosen_u64s("linux,usable-memory-range", v, 2) && v[0] == p->crash.low_base &&
	      v[1] == p->crash.low_size);
	CHECK(chosen_u64s("linux,initrd-start", v, 1));

	TEST("capture input: the first's with the capture DT, Image and DTB placed");
	CHECK(cin.fdt == (void *)capdtb && cin.fdt_len == cap.dtb_len);
	CHECK(cin.cmdline == NULL);
	CHECK(cin.image_given && cin.image.text == cap.image_base && cin.image.size == 0x2000000);
	CHECK(cin.fdt_base_given && cin.fdt_base == cap.fdt_base);
	CHECK(cin.profile == in.profile && cin.strict == in.strict);

	TEST("capture input plans: the capture kernel's command line, memory in the region");
	mem = malloc(64 << 20);
	if (!mem)
		abort();
	mp_arena_init(&arena, mem, 64 << 20);
	CHECK_EQ(mp_plan_build(&cin, &arena, &cp), 0);
	CHECK(cp && cp->cmdline && strstr(cp->cmdline, "reset_devices"));
	CHECK(cp && cp->nr_mb_memory == 1 && cp->mb_memory[0].base == cap.image_base &&
	      cp->mb_memory[0].size == p->crash.low_size);
	free(mem);
}

/* the capture of a first kernel booted with @bootargs on @mem_size of RAM, into capdtb */
static struct mp_plan *capture(const char *bootargs, mp_u64 mem_size,
			       const struct mp_capture_opts *o, struct mp_capture *cap)
{
	struct mp_input in;
	struct mp_plan *p = first_plan(bootargs, mem_size, &in);
	char err[256] = "";

	CHECK(p != NULL);
	if (!p || mp_capture_dtb(p, dtb, o, capdtb, sizeof(capdtb), cap, err, sizeof(err))) {
		CHECK(!err[0]);
		return NULL;
	}
	return p;
}

static void test_initrd_cpus(void)
{
	struct mp_capture_opts o = { "console=ttyAMA0", 0, 0x1000001, 4 };
	struct mp_capture cap;
	mp_u64 v[2];

	TEST("capture, initrd and 4 CPUs: the initrd page aligned after the Image");
	if (!capture("crashkernel=256M", 0x80000000, &o, &cap))
		return;
	CHECK_EQ(cap.initrd_start, cap.image_base + 0x2000000);
	CHECK_EQ(cap.initrd_end, cap.initrd_start + 0x1000001);
	CHECK_EQ(cap.fdt_base, cap.initrd_start + 0x1001000);
	CHECK(!chosen_u64s("linux,initrd-start", v, 1) && v[0] == cap.initrd_start);
	CHECK(!chosen_u64s("linux,initrd-end", v, 1) && v[0] == cap.initrd_end);
	/* 64 + 56 * (4 notes + VMCOREINFO + text + 1 RAM range) = 456: 1 KiB */
	CHECK_EQ(cap.elfcorehdr_size, 0x400);
}

static void test_high_low(void)
{
	struct mp_capture_opts o = { 0 };
	struct mp_capture cap;
	struct mp_plan *p = capture("crashkernel=256M,high", 0x100000000, &o, &cap);
	mp_u64 v[4];

	TEST("capture, high+low: the Image in the high region, usable ranges high first");
	CHECK(p && p->crash.high_present && p->crash.low_present);
	if (!p || !p->crash.high_present || !p->crash.low_present)
		return;
	CHECK_EQ(cap.image_base, p->crash.high_base);
	CHECK(!chosen_u64s("linux,usable-memory-range", v, 4) && v[0] == p->crash.high_base &&
	      v[1] == p->crash.high_size && v[2] == p->crash.low_base &&
	      v[3] == p->crash.low_size);
}

static void test_refusals(void)
{
	struct mp_capture_opts o = { 0 };
	struct mp_range freed[MP_CRASH_SHRINK_MAX];
	struct mp_capture cap;
	struct mp_input in;
	struct mp_plan *p = first_plan("console=ttyAMA0", 0x80000000, &in), shrunk;
	char err[256] = "";

	TEST("capture refused: no crash kernel");
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_EQ(mp_capture_dtb(p, dtb, &o, capdtb, sizeof(capdtb), &cap, err, sizeof(err)),
		 -MP_ERR_BADINPUT);
	CHECK(strstr(err, "nothing to capture"));

	TEST("capture refused: the crash kernel shrunk to nothing");
	p = first_plan("crashkernel=256M", 0x80000000, &in);
	if (!p)
		return;
	shrunk = *p;
	mp_crash_shrink(&shrunk, 0, freed);
	err[0] = '\0';
	CHECK_EQ(mp_capture_dtb(&shrunk, dtb, &o, capdtb, sizeof(capdtb), &cap, err,
				sizeof(err)), -MP_ERR_BADINPUT);
	CHECK(strstr(err, "nothing to capture"));

	TEST("capture refused: an Image larger than the region, kexec's words");
	o.image_size = 0x20000000;
	CHECK_EQ(mp_capture_dtb(p, dtb, &o, capdtb, sizeof(capdtb), &cap, err, sizeof(err)),
		 -MP_ERR_BADINPUT);
	CHECK(strstr(err, "(0x20000000 bytes) does not fit") &&
	      strstr(err, "'Crash kernel out of range'"));

	TEST("capture refused: too small a buffer for the DT");
	o.image_size = 0;
	CHECK_EQ(mp_capture_dtb(p, dtb, &o, capdtb, 100, &cap, err, sizeof(err)),
		 -MP_ERR_NOSPACE);
	CHECK(cap.dtb == NULL);
}

int main(void)
{
	test_defaults();
	test_initrd_cpus();
	test_high_low();
	test_refusals();
	return DONE();
}
