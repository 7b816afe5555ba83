// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_cli_verify.c - `memplan verify`'s comparisons on synthetic logs, /proc/iomem and
 * memblock debugfs: the family classifier, the in-order line diff, the Crash kernel
 * ranges and the exact-allocation coverage rules (initrd/kernel via iomem, static
 * no-map via the top-level reserved resource, merged memblock neighbours); the JSON
 * reader and the kernel's early decisions (early_mm.json) vs the prediction.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootrec.h"
#include "jsonread.h"
#include "tap.h"
#include "verify.h"

static void parse_log(struct bootrec_log *log, const char *text)
{
	memset(log, 0, sizeof(*log));
	CHECK(bootrec_log_parse(log, text, strlen(text), BOOTREC_SRC_DMESG) == BOOTREC_OK);
}

static void test_families(void)
{
	TEST("families");
	CHECK(verify_family("crashkernel reserved: 0x00000000a9a00000 - 0x00000000b9a00000 "
			    "(256 MB)") == VF_CRASH);
	CHECK(verify_family("crashkernel low memory reserved: 0xf4000000 - 0xfc000000 (128 MB)") ==
	      VF_CRASH);
	CHECK(verify_family("crashkernel: memory value expected") == VF_CRASH);
	CHECK(verify_family("cannot allocate crashkernel (size:0x100000000)") == VF_CRASH_FAIL);
	CHECK(verify_family("Reserved memory: created CMA memory pool at 0x0000000070000000, "
			    "size 64 MiB") == VF_RESMEM);
	CHECK(verify_family("software IO TLB: Reserved memory: created restricted DMA pool at "
			    "0x000000005a000000, size 8 MiB") == VF_RESMEM);
	CHECK(verify_family("software IO TLB: area num 1.") == VF_NONE);
	CHECK(verify_family("OF: reserved mem: OVERLAP DETECTED!") == VF_OF_RMEM);
	CHECK(verify_family("a@50000000 (0x0000000050000000--0x0000000051000000) overlaps with "
			    "b@50800000 (0x0000000050800000--0x0000000051800000)") == VF_OVERLAP);
	CHECK(verify_family("OF: fdt: Reserved memory: unsupported node format, ignoring") ==
	      VF_OF_FDT);
	CHECK(verify_family("cma: Reserved 64 MiB at 0x00000000b9a00000") == VF_CMA);
	CHECK(verify_family("cma: Failed to reserve 3072 MiB") == VF_CMA);
	CHECK(verify_family("  DMA      [mem 0x0000000040000000-0x00000000bfffffff]") == VF_ZONE);
	CHECK(verify_family("  DMA32    empty") == VF_ZONE);
	CHECK(verify_family("  Normal   empty") == VF_ZONE);
	/* not families */
	CHECK(verify_family("  node   0: [mem 0x0000000040000000-0x00000000bfffffff]") == VF_NONE);
	CHECK(verify_family("Zone ranges:") == VF_NONE);
	CHECK(verify_family("Kernel command line: crashkernel=256M") == VF_NONE);
	CHECK(verify_family("cma: number of areas 7") == VF_NONE);
	CHECK(verify_family("  DMAx     empty") == VF_NONE);
	CHECK(verify_family(NULL) == VF_NONE);
}

static const char real_log[] =
	"<6>[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd070]\n"
	"<6>[    0.000000] Zone ranges:\n"
	"<6>[    0.000000]   DMA      [mem 0x0000000040000000-0x00000000bfffffff]\n"
	"<6>[    0.000000]   DMA32    empty\n"
	"<6>[    0.000000]   Normal   empty\n"
	"<6>[    0.000000] Movable zone start for each node\n"
	"<6>[    0.000000] cma: Reserved 64 MiB at 0x00000000b9a00000\n"
	"<6>[    0.000000] crashkernel reserved: 0x00000000a9a00000 - 0x00000000b9a00000 "
	"(256 MB)\n"
	"<5>[    0.000000] Kernel command line: crashkernel=256M\n";

static void test_log_match(void)
{
	static const char *const pred[] = {
		"  DMA      [mem 0x0000000040000000-0x00000000bfffffff]",
		"  DMA32    empty",
		"  Normal   empty",
		"cma: Reserved 64 MiB at 0x00000000b9a00000",
		"crashkernel reserved: 0x00000000a9a00000 - 0x00000000b9a00000 (256 MB)",
	};
	struct bootrec_log log;
	struct verify_result r;

	TEST("log: full match");
	parse_log(&log, real_log);
	memset(&r, 0, sizeof(r));
	CHECK(verify_compare_log(pred, 5, &log, &r) == 0);
	CHECK_EQ(r.matched, 5);
	CHECK_EQ(r.missing, 0);
	CHECK_EQ(r.unexpected, 0);
	CHECK(verify_ok(&r));
	verify_result_free(&r);
	bootrec_log_free(&log);
}

static void test_log_mismatch(void)
{
	static const char *const pred[] = {
		"  DMA      [mem 0x0000000040000000-0x00000000bfffffff]",
		"  DMA32    empty",
		"  Normal   empty",
		"cma: Reserved 64 MiB at 0x00000000b9a00000",
		/* wrong address: one missing, the real one unexpected */
		"crashkernel reserved: 0x00000000a9800000 - 0x00000000b9800000 (256 MB)",
		/* a line of no family: must occur somewhere */
		"Kernel command line: crashkernel=256M",
		"Memory limited to 1024MB",
	};
	struct bootrec_log log;
	struct verify_result r;
	size_t i, miss = 0, unexp = 0;

	TEST("log: mismatch");
	parse_log(&log, real_log);
	memset(&r, 0, sizeof(r));
	CHECK(verify_compare_log(pred, 7, &log, &r) == 0);
	CHECK_EQ(r.matched, 5);
	CHECK_EQ(r.missing, 2);
	CHECK_EQ(r.unexpected, 1);
	CHECK(!verify_ok(&r));
	for (i = 0; i < r.nr_lines; i++) {
		if (r.lines[i].op == VOP_MISSING && r.lines[i].family == VF_CRASH)
			miss += !strcmp(r.lines[i].text, pred[4]);
		if (r.lines[i].op == VOP_UNEXPECTED)
			unexp += !strncmp(r.lines[i].text, "crashkernel reserved: 0x00000000a9a", 35);
		if (r.lines[i].op == VOP_MISSING && r.lines[i].family == VF_OTHER)
			miss += !strcmp(r.lines[i].text, pred[6]);
	}
	CHECK_EQ(miss, 2);
	CHECK_EQ(unexp, 1);
	verify_result_free(&r);
	bootrec_log_free(&log);
}

static void test_log_order_and_count(void)
{
	/* the same line printed twice must be predicted twice; order matters */
	static const char log_text[] =
		"[    0.000000] OF: reserved mem: not enough space for all defined regions.\n"
		"[    0.000000] OF: reserved mem: not enough space for all defined regions.\n"
		"[    0.000000] cma: Reserved 64 MiB at 0x00000000b9a00000\n"
		"[    0.000000] OF: reserved mem: OVERLAP DETECTED!\n"
		"[    0.000000] a@50000000 (0x0000000050000000--0x0000000051000000) overlaps with "
		"b@50800000 (0x0000000050800000--0x0000000051800000)\n";
	static const char *const pred[] = {
		"OF: reserved mem: not enough space for all defined regions.",
		"OF: reserved mem: OVERLAP DETECTED!",
		"a@50000000 (0x0000000050000000--0x0000000051000000) overlaps with "
		"b@50800000 (0x0000000050800000--0x0000000051800000)",
		"cma: Reserved 64 MiB at 0x00000000b9a00000",
	};
	struct bootrec_log log;
	struct verify_result r;

	TEST("log: count and order");
	parse_log(&log, log_text);
	memset(&r, 0, sizeof(r));
	CHECK(verify_compare_log(pred, 4, &log, &r) == 0);
	/* LCS: not-enough-space x1, then either cma or the overlap pair */
	CHECK_EQ(r.matched, 3);
	CHECK_EQ(r.missing, 1);
	CHECK_EQ(r.unexpected, 2);
	verify_result_free(&r);
	bootrec_log_free(&log);
}

static const char iomem_text[] = "40000000-bfffffff : System RAM\n"
				 "  40210000-4185ffff : Kernel code\n"
				 "  41860000-41eaffff : reserved\n"
				 "  41eb0000-4220ffff : Kernel data\n"
				 "  48000000-48f12fff : reserved\n"
				 "  49000000-490fffff : reserved\n"
				 "  a9a00000-b99fffff : Crash kernel\n"
				 "c0000000-c0ffffff : reserved\n"
				 "c1000000-13fffffff : System RAM\n";
static const char reserved_text[] = "   0: 0x0000000040210000..0x000000004220afff\n"
				    "   1: 0x0000000049000000..0x00000000490fffff\n"
				    "   2: 0x00000000a8600000..0x00000000a9ffffff\n"
				    "   3: 0x00000000aa000000..0x00000000bf9fffff\n";
static const char memory_text[] = "   0: 0x0000000040000000..0x00000000bfffffff\n"
				  "   1: 0x00000000c0000000..0x00000000c0ffffff\n"
				  "   2: 0x00000000c1000000..0x000000013fffffff\n";

static void test_crash_and_claims(void)
{
	struct bootrec_iomem io = { 0 };
	struct bootrec_memblock rsv = { 0 }, mem = { 0 };
	struct mp_plan plan;
	struct mp_rmem rm[2];
	struct mp_alloc allocs[] = {
		{ 0x40210000, 0x2000000, MP_ALLOC_KERNEL, "kernel image", false },
		{ 0x48000000, 0xf13000, MP_ALLOC_INITRD, "initrd", false },
		{ 0x49000000, 0x100000, MP_ALLOC_FDT, "device tree blob", false },
		{ 0xa9a00000, 0x10000000, MP_ALLOC_CRASH, "crashkernel", false },
		{ 0xbfbd2000, 0x2000, MP_ALLOC_EARLY, "estimated", true },
		{ 0xc0000000, 0x1000000, MP_ALLOC_RMEM, "nomap@c0000000", false },
		{ 0x50000000, 0x100000, MP_ALLOC_RMEM, "plain@50000000", false },
	};
	struct verify_result r;

	TEST("crash + claims");
	CHECK(bootrec_iomem_parse(&io, iomem_text, strlen(iomem_text)) == BOOTREC_OK);
	CHECK(bootrec_memblock_parse(&rsv, reserved_text, strlen(reserved_text)) == BOOTREC_OK);
	CHECK(bootrec_memblock_parse(&mem, memory_text, strlen(memory_text)) == BOOTREC_OK);
	memset(&plan, 0, sizeof(plan));
	memset(rm, 0, sizeof(rm));
	rm[0] = (struct mp_rmem){ .name = "nomap@c0000000", .kind = MP_RMEM_STATIC,
				  .base = 0xc0000000, .size = 0x1000000, .no_map = true };
	rm[1] = (struct mp_rmem){ .name = "plain@50000000", .kind = MP_RMEM_STATIC,
				  .base = 0x50000000, .size = 0x100000 };
	plan.rmem = rm;
	plan.nr_rmem = 2;
	plan.allocs = allocs;
	plan.nr_allocs = sizeof(allocs) / sizeof(allocs[0]);
	plan.crash.status = MP_CRASH_RESERVED;
	plan.crash.high_present = true;
	plan.crash.high_base = 0xa9a00000;
	plan.crash.high_size = 0x10000000;

	memset(&r, 0, sizeof(r));
	CHECK(verify_compare_crash(&plan, &io, &r) == 0);
	CHECK_EQ(r.nr_crash, 1);
	CHECK(r.nr_crash == 1 && r.crash[0].op == VOP_MATCH);
	CHECK(verify_check_claims(&plan, &rsv, &mem, &io, &r) == 0);
	/* 6 exact allocations (the estimated one is skipped) */
	CHECK_EQ(r.nr_claims, 6);
	if (r.nr_claims == 6) {
		CHECK(r.claims[0].op == VOP_MATCH);   /* kernel via iomem code/data */
		CHECK(!strcmp(r.claims[0].where, "iomem"));
		CHECK(r.claims[1].op == VOP_MATCH);   /* initrd via iomem reserved */
		CHECK(r.claims[2].op == VOP_MATCH);   /* DTB */
		CHECK(r.claims[3].op == VOP_MATCH);   /* crash: merged neighbours 2+3 */
		CHECK(r.claims[4].op == VOP_MATCH);   /* no-map: top-level reserved */
		CHECK(r.claims[5].op == VOP_MISSING); /* not reserved at all */
		CHECK_EQ(r.claims[5].first_gap, 0x50000000);
	}
	CHECK(!verify_ok(&r));
	verify_result_free(&r);

	/* a crash kernel in iomem the plan does not have; a planned one absent */
	plan.crash.high_base = 0xa9800000;
	memset(&r, 0, sizeof(r));
	CHECK(verify_compare_crash(&plan, &io, &r) == 0);
	CHECK_EQ(r.nr_crash, 2);
	if (r.nr_crash == 2) {
		CHECK(r.crash[0].op == VOP_UNEXPECTED);
		CHECK(r.crash[1].op == VOP_MISSING);
	}
	verify_result_free(&r);

	/* output writers do not crash and say MISMATCH */
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		memset(&r, 0, sizeof(r));
		CHECK(verify_compare_crash(&plan, &io, &r) == 0);
		verify_write_text(f, &r, "synthetic");
		verify_write_json(f, &r, "synthetic");
		fclose(f);
		CHECK(buf && strstr(buf, "summary: 0 of 0 lines matched"));
		CHECK(buf && strstr(buf, ": MISMATCH\n"));
		CHECK(buf && strstr(buf, "\"schema\": \"memplan-verify/1\""));
		free(buf);
		verify_result_free(&r);
	}
	bootrec_iomem_free(&io);
	bootrec_memblock_free(&rsv);
	bootrec_memblock_free(&mem);
}

static bool parses(const char *text)
{
	struct jr_value *v = NULL;
	char err[128];
	int rc = jr_parse(text, strlen(text), &v, err, sizeof(err));

	jr_free(v);
	return rc == 0;
}

static void test_jsonread(void)
{
	static const char a_text[] = "{\"a\": [1, {\"b\": \"x\\\"y\"}], \"c\": null}";
	static const char b_text[] = "{ \"a\" : [ 1 , { \"b\" : \"x\\\"z\" } ] , \"c\" : null }";
	static const char short_text[] = "{\"a\": [1], \"c\": null}";
	struct jr_value *a = NULL, *b = NULL;
	const struct jr_value *da, *db;
	char where[64], brief[32], err[128];
	char deep[200];
	size_t i;

	TEST("jsonread: syntax");
	CHECK(parses("{}") && parses("[]") && parses(" \"s\" ") && parses("-0.5e+3"));
	CHECK(parses("[true, false, null, \"\\u00ff\\n\"]"));
	CHECK(!parses("") && !parses("{") && !parses("[1,]") && !parses("{\"a\" 1}"));
	CHECK(!parses("01") && !parses("\"\\x\"") && !parses("\"a\nb\"") && !parses("nul"));
	CHECK(!parses("{} {}") && !parses("[1 2]") && !parses("\"\\u12g4\""));
	for (i = 0; i < 100; i++)
		deep[i] = '[';
	for (; i < 200; i++)
		deep[i] = ']';
	CHECK(jr_parse(deep, sizeof(deep), &a, err, sizeof(err)) == -1 && !a);
	CHECK(strstr(err, "nested too deeply") != NULL);

	TEST("jsonread: first difference");
	CHECK(jr_parse(a_text, strlen(a_text), &a, err, sizeof(err)) == 0);
	CHECK(jr_parse(b_text, strlen(b_text), &b, err, sizeof(err)) == 0);
	if (!a || !b)
		goto out;
	CHECK(jr_member(a, "c") && jr_member(a, "c")->type == JR_NULL && !jr_member(a, "d"));
	CHECK(jr_equal(jr_member(a, "c"), jr_member(b, "c"), where, sizeof(where), &da, &db));
	CHECK(!jr_equal(a, b, where, sizeof(where), &da, &db));
	CHECK(!strcmp(where, ".a[1].b"));
	jr_brief(da, brief, sizeof(brief));
	CHECK(!strcmp(brief, "\"x\\\"y\""));
	jr_brief(jr_member(a, "a"), brief, sizeof(brief));
	CHECK(!strcmp(brief, "[2 entries]"));
	/* arrays of different length: the first extra element */
	jr_free(b);
	b = NULL;
	CHECK(jr_parse(short_text, strlen(short_text), &b, err, sizeof(err)) == 0);
	CHECK(b && !jr_equal(a, b, where, sizeof(where), &da, &db));
	CHECK(!strcmp(where, ".a[1]") && da && da->type == JR_OBJECT && !db);
out:
	jr_free(a);
	jr_free(b);
}

/* what a memplan-6.12 kernel printed in /sys/kernel/debug/arm64_early_mm */
static const char kernel_early_mm[] =
	"{\"schema\":\"arm64-early-mm/1\",\"dma_limits\":{\"source\":\"fdt\","
	"\"arm64_dma_phys_limit\":\"0x00000000c0000000\",\"zone_dma_limit\":"
	"\"0x00000000ffffffff\"},\"crashkernel\":{\"reserved_in\":\"arm64_memblock_init\","
	"\"regions\":[{\"name\":\"crashk_res\",\"start\":\"0x00000000b0000000\",\"end\":"
	"\"0x00000000bfffffff\"}]},\"crash_linear_map\":[{\"start\":\"0x00000000b0000000\","
	"\"end\":\"0x00000000bfffffff\",\"mapping\":\"pmd\"}]}\n";

static const struct verify_member *member(const struct verify_result *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nr_kplan; i++)
		if (!strcmp(r->kplan[i].name, name))
			return &r->kplan[i];
	return NULL;
}

static void test_early_mm(void)
{
	static struct mp_map_range map[] = { { 0xb0000000, 0xbfffffff, MP_MAP_PMD } };
	struct mp_plan plan;
	struct verify_result r;
	const struct verify_member *m;
	const char *json = kernel_early_mm;
	char err[128];
	size_t i, n;

	memset(&plan, 0, sizeof(plan));
	plan.profile = MP_MEMPLAN_6_12;
	plan.dma_limits_early = true;
	plan.kc.zone_dma = true;
	plan.dma_phys_limit = 0xc0000000;
	plan.zone_dma_limit = 0xffffffff;
	plan.crash.status = MP_CRASH_RESERVED;
	plan.crash.low_present = true;
	plan.crash.low_base = 0xb0000000;
	plan.crash.low_size = 0x10000000;
	plan.linmap.ranges = map;
	plan.linmap.nr_ranges = 1;
	plan.linmap.crash_protected = true;

	TEST("early decisions: as predicted, every member matches");
	memset(&r, 0, sizeof(r));
	CHECK(verify_compare_early_mm(&plan, EARLY_MM_BOOT, json, strlen(json), &r, err, sizeof(err)) == 0);
	CHECK(r.kplan_checked && r.nr_kplan == 4);
	for (i = n = 0; i < r.nr_kplan; i++)
		n += r.kplan[i].status == VM_MATCH;
	CHECK_EQ(n, 4);
	CHECK(verify_ok(&r));
	verify_result_free(&r);

	TEST("early decisions: the same file read with a capture kernel loaded");
	memset(&r, 0, sizeof(r));
	CHECK(verify_compare_early_mm(&plan, EARLY_MM_LOADED, json, strlen(json), &r, err, sizeof(err)) == 0);
	m = member(&r, "loaded:crash_linear_map");
	CHECK(m && m->status == VM_MISMATCH && m->detail &&
	      !strcmp(m->detail, "crash_linear_map[0].mapping: kernel \"pmd\", memplan \"none\""));
	CHECK(!verify_ok(&r));
	verify_result_free(&r);

	TEST("early decisions: the crash kernel elsewhere");
	plan.crash.low_base = 0xb0200000;
	memset(&r, 0, sizeof(r));
	CHECK(verify_compare_early_mm(&plan, EARLY_MM_BOOT, json, strlen(json), &r, err, sizeof(err)) == 0);
	m = member(&r, "crashkernel");
	CHECK(m && m->status == VM_MISMATCH && m->detail &&
	      !strcmp(m->detail, "crashkernel.regions[0].start: kernel \"0x00000000b0000000\", "
				 "memplan \"0x00000000b0200000\""));
	m = member(&r, "dma_limits");
	CHECK(m && m->status == VM_MATCH);
	CHECK(!verify_ok(&r));
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		verify_write_text(f, &r, "synthetic");
		verify_write_json(f, &r, "synthetic");
		fclose(f);
		CHECK(buf && strstr(buf, "\n  MISMATCH  crashkernel  (crashkernel.regions[0].start: "));
		CHECK(buf && strstr(buf, "; kernel decisions 2 of 4 members: MISMATCH\n"));
		CHECK(buf && strstr(buf, "{\"member\": \"crashkernel\", \"status\": \"mismatch\""));
		free(buf);
	}
	verify_result_free(&r);

	TEST("early decisions: not the kernel's file");
	memset(&r, 0, sizeof(r));
	CHECK(verify_compare_early_mm(&plan, EARLY_MM_BOOT, "[]", 2, &r, err, sizeof(err)) == -2);
	CHECK(strstr(err, "not the kernel's early decisions") != NULL);
	CHECK(verify_compare_early_mm(&plan, EARLY_MM_BOOT, "{", 1, &r, err, sizeof(err)) == -2);
	CHECK(strstr(err, "not JSON") != NULL);
	CHECK(!r.kplan_checked && !r.nr_kplan);
	verify_result_free(&r);
}

/* memblock=debug lines as 6.12 prints them (verify_memblock.c) */
static const char mblog[] =
	"<6>[    0.000000] memblock_remove: [0x0001000000000000-0x0000fffffffffffe] arm64_memblock_init+0x70/0x340\n"
	"<6>[    0.000000] memblock_reserve: [0x0000000040200000-0x0000000042d3ffff] arm64_memblock_init+0x194/0x340\n"
	"<6>[    0.000000] memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000000001 early_pgtable_alloc+0x28/0x50\n"
	"<6>[    0.000000] memblock_reserve: [0x00000000bffff000-0x00000000bfffffff] memblock_alloc_range_nid+0x12c/0x1c8\n"
	"<6>[    0.000000] memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000000001 early_pgtable_alloc+0x28/0x50\n"
	"<6>[    0.000000] memblock_reserve: [0x00000000bfffe000-0x00000000bfffefff] memblock_alloc_range_nid+0x12c/0x1c8\n"
	"<6>[    0.000000] memblock_alloc_try_nid: 42276 bytes align=0x8 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 early_init_dt_alloc_memory_arch+0x30/0x68\n"
	"<6>[    0.000000] memblock_reserve: [0x00000000bfff3ad8-0x00000000bfffdffb] memblock_alloc_range_nid+0x12c/0x1c8\n"
	"<6>[    0.000000] memblock_phys_free: [0x00000000bfbd7000-0x00000000bfbd6fff] memblock_free+0x5c/0x78\n"
	"<6>[    0.000000] memblock_phys_free: [0x00000000bfff3000-0x00000000bfff30ff] numa_free_distance+0x38/0x50\n";

static void test_memblock_calls(void)
{
	struct mp_mb_event ev[] = {
		{ 0x40200000, 0x2b40000, 1, false },
		{ 0xbffff000, 0x1000, 1, false },	/* folded with the next, as the log's */
		{ 0xbfffe000, 0x1000, 1, false },
		{ 0xbfff3ad8, 42276, 1, false },
		{ 0xbfff3000, 0x100, 1, true },		/* the empty free is left out */
	};
	struct mp_alloc allocs[] = {
		{ 0xbfff3ad8, 42276, MP_ALLOC_EARLY, "unflattened device tree", false },
	};
	struct bootrec_log log = { 0 };
	struct verify_result r;
	struct mp_plan plan;

	memset(&plan, 0, sizeof(plan));
	plan.mb_events = ev;
	plan.nr_mb_events = 5;
	plan.allocs = allocs;
	plan.nr_allocs = 1;
	parse_log(&log, mblog);
	memset(&r, 0, sizeof(r));
	TEST("memblock calls: folded runs, callers, empty frees left out: all match");
	CHECK(verify_compare_memblock(&plan, &log, &r) == 0);
	CHECK(r.mblog_checked);
	CHECK_EQ(r.nr_mblog, 4);
	CHECK(r.nr_mblog == 4 && r.mblog[1].count == 2 && r.mblog[1].base == 0xbfffe000);
	CHECK(r.nr_mblog == 4 && !strcmp(r.mblog[1].got.caller, "early_pgtable_alloc"));
	CHECK(r.nr_mblog == 4 && !strcmp(r.mblog[2].what, "unflattened device tree") &&
	      !strcmp(r.mblog[2].got.caller, "early_init_dt_alloc_memory_arch"));
	CHECK(verify_ok(&r));
	verify_result_free(&r);

	TEST("memblock calls: the first difference stops the comparison");
	ev[3].size = 42268;
	memset(&r, 0, sizeof(r));
	CHECK(verify_compare_memblock(&plan, &log, &r) == 0);
	CHECK_EQ(r.nr_mblog, 3);
	CHECK(r.nr_mblog == 3 && r.mblog[2].op != VOP_MATCH && r.mblog[2].got.size == 42276);
	CHECK_EQ(r.mblog_uncompared, 1);
	CHECK(!verify_ok(&r));
	verify_result_free(&r);

	TEST("memblock calls: a log without memblock=debug is not compared");
	bootrec_log_free(&log);
	memset(&log, 0, sizeof(log));
	parse_log(&log, real_log);
	memset(&r, 0, sizeof(r));
	CHECK(verify_compare_memblock(&plan, &log, &r) == 0);
	CHECK(!r.mblog_checked);
	bootrec_log_free(&log);
}

int main(void)
{
	test_memblock_calls();
	test_families();
	test_log_match();
	test_log_mismatch();
	test_log_order_and_count();
	test_crash_and_claims();
	test_jsonread();
	test_early_mm();
	return DONE();
}
