// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_ptdump.c - planner/bootrec/ptdump.c: the /sys/kernel/debug/kernel_page_tables reader
 * and its linear map as physical ranges, on text captured from our own Debian
 * linux-source-6.12 build (scripts/build-kernel, 4K pages, 48-bit VA) booted by
 * scripts/qemu-boot (QEMU virt, -m 2G, RAM 0x40000000-0xbfffffff, _text 0x40200000),
 * plus malformed input.
 * Build: cc -std=gnu11 -Wall -Wextra -Werror -Iplanner/core -Iplanner/bootrec -Itests/unit \
 *           tests/unit/test_ptdump.c planner/bootrec/ptdump.c planner/core/arm64.c \
 *           -o test_ptdump
 * Prints "N passed, N failed"; exit 1 on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ptdump.h"
#include "tap.h"
#include "testdata.h"

/*
 * Real /sys/kernel/debug/kernel_page_tables and /proc/iomem of our Debian
 * linux-source-6.12.117 build (kernel-patches/config/memplan.config: 4K pages,
 * 48-bit VA, no KASLR) in QEMU virt -m 2G -cpu cortex-a57, recorded by
 * scripts/qemu-boot (tests/e2e/scenarios/k612-rodata-on-2g.scn: rodata=on,
 * block mappings; k612-ck256m-2g.scn: rodata=full, crashkernel=256M, and its
 * iomem), unedited, in tests/unit/data/.  The kdump capture of the second boot
 * reported VMCOREINFO PHYS_OFFSET=0x40000000.
 */
static char *capture_4k_rodata_on, *capture_4k_rodata_full, *capture_4k_iomem;

static int parse(struct ptdump *pd, const char *s)
{
	memset(pd, 0, sizeof(*pd));
	return ptdump_parse(pd, s, strlen(s));
}

struct want {
	uint64_t start, end;
	const char *map;
};

static void check_ranges(const char *name, const char *text, uint64_t memstart,
			 const struct want *w, size_t nw)
{
	struct ptdump pd;
	struct ptdump_phys ph;
	size_t i;
	int rc;

	TEST(name);
	rc = parse(&pd, text);
	CHECK_EQ(rc, PTDUMP_OK);
	memset(&ph, 0, sizeof(ph));
	rc = ptdump_linear_phys(&pd, 0, memstart, &ph);
	CHECK_EQ(rc, PTDUMP_OK);
	CHECK_EQ(ph.page_offset, 0xffff000000000000ULL);
	CHECK_EQ(ph.n, nw);
	for (i = 0; i < ph.n && i < nw; i++) {
		CHECK_EQ(ph.r[i].start, w[i].start);
		CHECK_EQ(ph.r[i].end, w[i].end);
		CHECK(!strcmp(ptdump_map_level_name(ph.r[i].level), w[i].map));
	}
	if (tap_failed)
		for (i = 0; i < ph.n; i++)
			fprintf(stderr, "  0x%016llx-0x%016llx %s\n",
				(unsigned long long)ph.r[i].start, (unsigned long long)ph.r[i].end,
				ptdump_map_level_name(ph.r[i].level));
	ptdump_phys_free(&ph);
	ptdump_free(&pd);
}

static void test_line_format(void)
{
	struct ptdump pd;
	const struct ptdump_entry *e;
	const char *s =
		"---[ Linear Mapping start ]---\n"
		"0xffff000000000000-0xffff000000200000           2M PMD       RW NX SHD AF            "
		"BLK UXN    MEM/NORMAL-TAGGED\n"
		"0xffff000000200000-0xffff000000210000          64K PTE       ro NX SHD AF NG CON     "
		"UXN GP MEM/NORMAL\n"
		"0xffff000000210000-0xffff000000400000        1984K PTE\n"
		"0xffff000040000000-0xffff000080000000           1G PUD   F USR ro x  SHD AF   "
		"BLK     DEVICE/nGnRE\r\n"
		"---[ Linear Mapping end ]---\n"
		"0xfffffffffe000000-0x0000000000000000          32M PGD\n";

	TEST("line format");
	CHECK_EQ(parse(&pd, s), PTDUMP_OK);
	CHECK_EQ(pd.n, 5);
	CHECK_EQ(pd.nsections, 2);
	CHECK_EQ(ptdump_section(&pd, "Linear Mapping start"), 0);
	CHECK_EQ(ptdump_section(&pd, "Linear Mapping end"), 1);
	CHECK_EQ(ptdump_section(&pd, "Modules start"), PTDUMP_ENOENT);
	if (pd.n == 5) {
		e = &pd.e[0];
		CHECK_EQ(e->vstart, 0xffff000000000000ULL);
		CHECK_EQ(e->vend, 0xffff000000200000ULL);
		CHECK_EQ(e->size, 0x200000);
		CHECK_EQ(e->level, PTDUMP_PMD);
		CHECK_EQ(e->attrs, PTDUMP_A_VALID | PTDUMP_A_PXN | PTDUMP_A_SHD | PTDUMP_A_AF |
			 PTDUMP_A_BLK | PTDUMP_A_UXN);
		CHECK_EQ(e->memtype, PTDUMP_MT_NORMAL_TAGGED);
		CHECK_EQ(ptdump_entry_map_level(e), MP_MAP_PMD);
		e = &pd.e[1];
		CHECK_EQ(e->attrs, PTDUMP_A_VALID | PTDUMP_A_RDONLY | PTDUMP_A_PXN | PTDUMP_A_SHD |
			 PTDUMP_A_AF | PTDUMP_A_NG | PTDUMP_A_CONT | PTDUMP_A_UXN | PTDUMP_A_GP);
		CHECK_EQ(e->memtype, PTDUMP_MT_NORMAL);
		CHECK_EQ(ptdump_entry_map_level(e), MP_MAP_CONT_PTE);
		e = &pd.e[2];
		CHECK_EQ(e->has_attrs, 0);
		CHECK_EQ(e->size, 1984ULL << 10);
		CHECK_EQ(ptdump_entry_map_level(e), -1);
		e = &pd.e[3];
		CHECK_EQ(e->attrs & PTDUMP_A_VALID, 0);
		CHECK(e->attrs & PTDUMP_A_USER);
		CHECK_EQ(e->memtype, PTDUMP_MT_DEVICE_nGnRE);
		CHECK_EQ(ptdump_entry_map_level(e), -1);
		CHECK_EQ(pd.e[3].line, 5);
		e = &pd.e[4];
		CHECK_EQ(e->vend, 0);
		CHECK_EQ(e->size, 32ULL << 20);
		CHECK_EQ(e->section, 1);
	}
	ptdump_free(&pd);

	TEST("unknown attribute token is kept, not fatal");
	CHECK_EQ(parse(&pd, "0xffff000000000000-0xffff000000001000           4K PTE       RW "
			    "PIE MEM/NORMAL\n"), PTDUMP_OK);
	CHECK(pd.n == 1 && (pd.e[0].attrs & PTDUMP_A_UNKNOWN));
	CHECK_EQ(pd.e[0].section, -1);
	ptdump_free(&pd);

	TEST("no linear map section");
	{
		struct ptdump_phys ph;

		memset(&ph, 0, sizeof(ph));
		CHECK_EQ(parse(&pd, "---[ Modules start ]---\n"), PTDUMP_OK);
		CHECK_EQ(ptdump_linear_phys(&pd, 0, 0x40000000, &ph), PTDUMP_ENOENT);
		ptdump_phys_free(&ph);
		ptdump_free(&pd);
	}
}

static void test_bad_input(void)
{
	static const char *const bad[] = {
		"0xffff000000000000-0xffff000000200000           4M PMD\n",	/* size */
		"0xffff000000200000-0xffff000000000000           2M PMD\n",	/* order */
		"0xffff000000000000-0xffff000000200000           2Q PMD\n",	/* unit */
		"0xffff000000000000-0xffff000000200000           2M PXD\n",	/* level */
		"0xffff000000000000-0xffff000000200000           2M\n",
		"0xffff000000000000-0xffff000000200000\n",
		"0xffff000000000000 0xffff000000200000 2M PMD\n",
		"0x-0xffff000000200000           2M PMD\n",
		"0x1ffff000000000000-0xffff000000200000           2M PMD\n",	/* 17 digits */
		"0x0-0x0           0K PGD\n",
		"0x0-0x1000 99999999999999999999999K PTE\n",	/* overflow */
		"0x0-0x1000 18014398509481984E PTE\n",
		"garbage\n",
		"---[ unterminated\n",
		"0",
	};
	struct ptdump pd;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char name[64];

		snprintf(name, sizeof(name), "bad input %zu", i);
		TEST(name);
		CHECK(parse(&pd, bad[i]) < 0);
		CHECK_EQ(pd.err_line, 1);
		ptdump_free(&pd);
	}

	TEST("bad input: NUL inside, no trailing newline, embedded NUL in marker");
	{
		static const char s[] = "---[ A\0B ]---";

		memset(&pd, 0, sizeof(pd));
		CHECK(ptdump_parse(&pd, s, sizeof(s) - 1) < 0);
		ptdump_free(&pd);
	}
	TEST("empty input");
	CHECK_EQ(parse(&pd, ""), PTDUMP_OK);
	CHECK_EQ(pd.n, 0);
	ptdump_free(&pd);
	memset(&pd, 0, sizeof(pd));
	CHECK(ptdump_parse(&pd, NULL, 1) < 0);
	CHECK_EQ(ptdump_parse(&pd, NULL, 0), PTDUMP_OK);

	TEST("every prefix of a capture parses or fails cleanly");
	{
		size_t n = strlen(capture_4k_rodata_on);

		for (i = 0; i < n; i += 7) {
			memset(&pd, 0, sizeof(pd));
			(void)ptdump_parse(&pd, capture_4k_rodata_on, i);
			ptdump_free(&pd);
		}
		CHECK(1);
	}

	TEST("linear map not in address order");
	{
		struct ptdump_phys ph;

		memset(&ph, 0, sizeof(ph));
		CHECK_EQ(parse(&pd, "---[ Linear Mapping start ]---\n"
				    "0xffff000000200000-0xffff000000400000   2M PMD RW BLK\n"
				    "0xffff000000000000-0xffff000000200000   2M PMD RW BLK\n"),
			 PTDUMP_OK);
		CHECK_EQ(ptdump_linear_phys(&pd, 0xffff000000000000ULL, 0x40000000, &ph),
			 PTDUMP_EINVAL);
		ptdump_phys_free(&ph);
		/* PAGE_OFFSET from the first line: the second starts below it */
		CHECK_EQ(ptdump_linear_phys(&pd, 0, 0x40000000, &ph), PTDUMP_ERANGE);
		ptdump_phys_free(&ph);
		ptdump_free(&pd);
	}
	TEST("phys wraps");
	{
		struct ptdump_phys ph;

		memset(&ph, 0, sizeof(ph));
		CHECK_EQ(parse(&pd, "---[ Linear Mapping start ]---\n"
				    "0xffff000000000000-0xffff000000200000   2M PMD RW BLK\n"),
			 PTDUMP_OK);
		CHECK_EQ(ptdump_linear_phys(&pd, 0, 0xffffffffffff0000ULL, &ph), PTDUMP_ERANGE);
		ptdump_phys_free(&ph);
		ptdump_free(&pd);
	}
}

static void test_memstart(void)
{
	const char *io = "09000000-09000fff : pl011@9000000\n"
			 "  09000000-09000fff : pl011@9000000\n"
			 "40000000-bfffffff : System RAM\n"
			 "  40210000-41a3ffff : Kernel code\n";
	uint64_t m = 0;

	TEST("memstart from iomem");
	CHECK_EQ(ptdump_memstart_from_iomem(io, strlen(io), 12, &m), PTDUMP_OK);
	CHECK_EQ(m, 0x40000000);
	CHECK_EQ(mp_memstart_align(12), 1ULL << 30);
	CHECK_EQ(mp_memstart_align(14), 1ULL << 30);
	CHECK_EQ(mp_memstart_align(16), 1ULL << 29);
	CHECK_EQ(mp_memstart_align(13), 0);
	{
		const char *io2 = "60000000-60ffffff : reserved\n"
				  "61000000-17fffffff : System RAM\n";

		CHECK_EQ(ptdump_memstart_from_iomem(io2, strlen(io2), 16, &m), PTDUMP_OK);
		CHECK_EQ(m, 0x60000000);
		CHECK_EQ(ptdump_memstart_from_iomem(io2, strlen(io2), 12, &m), PTDUMP_OK);
		CHECK_EQ(m, 0x40000000);
	}
	CHECK_EQ(ptdump_memstart_from_iomem("09000000-09000fff : pl011\n", 26, 12, &m),
		 PTDUMP_ENOENT);
	CHECK_EQ(ptdump_memstart_from_iomem(io, strlen(io), 11, &m), PTDUMP_EINVAL);
	CHECK_EQ(ptdump_memstart_from_iomem(NULL, 1, 12, &m), PTDUMP_EINVAL);
	CHECK_EQ(ptdump_memstart_from_iomem(NULL, 0, 12, &m), PTDUMP_ENOENT);
	CHECK_EQ(ptdump_memstart_from_iomem("x-y : System RAM\n:\n-\n", 21, 12, &m),
		 PTDUMP_ENOENT);
}

/*
 * Real captures.  _text 0x40200000, __init_begin 0x40560000 (iomem "Kernel code" end
 * + 1), RAM 0x40000000-0xbfffffff.  map_mem() (6.12): the kernel alias
 * [_text, __init_begin) is mapped with NO_CONT_MAPPINGS after the memory loop.
 */
static void test_captures(void)
{
	static const struct want on[] = {
		/* [0x40000000, _text) + the alias's first 2 MiB: PMD blocks, not cont */
		{ 0x40000000, 0x403fffff, "pmd" },
		/* rest of the alias: NO_CONT -> plain pages up to __init_begin */
		{ 0x40400000, 0x4055ffff, "pte" },
		/* memory loop from __init_begin: 64K aligned -> cont PTEs to 2 MiB */
		{ 0x40560000, 0x405fffff, "cont_pte" },
		{ 0x40600000, 0x41ffffff, "pmd" },
		{ 0x42000000, 0x7fffffff, "cont_pmd" },
		{ 0x80000000, 0xbfffffff, "pud" },
	};
	static const struct want full[] = {
		{ 0x40000000, 0x401fffff, "pte" },
		/* the alias may use blocks even with rodata=full (flags NO_CONT only) */
		{ 0x40200000, 0x403fffff, "pmd" },
		{ 0x40400000, 0xbfffffff, "pte" },
	};
	struct ptdump pd;
	uint64_t m = 0;
	int sec;
	size_t i, n = 0;

	TEST("capture: memstart from its iomem = VMCOREINFO PHYS_OFFSET");
	CHECK_EQ(ptdump_memstart_from_iomem(capture_4k_iomem, strlen(capture_4k_iomem), 12, &m),
		 PTDUMP_OK);
	CHECK_EQ(m, 0x40000000);

	check_ranges("capture: rodata=on linear map", capture_4k_rodata_on, m, on,
		     sizeof(on) / sizeof(on[0]));
	check_ranges("capture: rodata=full linear map", capture_4k_rodata_full, m, full,
		     sizeof(full) / sizeof(full[0]));

	TEST("capture: sections and entries");
	CHECK_EQ(parse(&pd, capture_4k_rodata_on), PTDUMP_OK);
	CHECK_EQ(pd.err_line, 0);
	sec = ptdump_section(&pd, "Linear Mapping start");
	CHECK_EQ(sec, 0);
	CHECK(ptdump_section(&pd, "vmalloc() area") > sec);
	CHECK(ptdump_section(&pd, "Fixmap end") > sec);
	for (i = 0; i < pd.n; i++)
		if (pd.e[i].section == sec)
			n++;
	CHECK_EQ(n, 9);
	if (pd.n > 6) {
		/* "0xffff000002000000-0xffff000040000000 992M PMD ... CON BLK ..." */
		CHECK_EQ(pd.e[5].size, 992ULL << 20);
		CHECK_EQ(pd.e[5].attrs & (PTDUMP_A_CONT | PTDUMP_A_BLK),
			 PTDUMP_A_CONT | PTDUMP_A_BLK);
		CHECK_EQ(pd.e[5].memtype, PTDUMP_MT_NORMAL_TAGGED);
		/* the alias is read-only (mark_linear_text_alias_ro()) */
		CHECK(pd.e[1].attrs & PTDUMP_A_RDONLY);
		CHECK_EQ(pd.e[1].memtype, PTDUMP_MT_NORMAL);
		/* "0xffff000080000000-0xffff008000000000 510G PUD": unmapped */
		CHECK_EQ(pd.e[7].has_attrs, 0);
		CHECK_EQ(ptdump_entry_map_level(&pd.e[7]), -1);
	}
	/* the last line wraps: "0xffffffffff800000-0x0000000000000000 8M PMD" */
	CHECK(pd.n > 0 && pd.e[pd.n - 1].vend == 0 && pd.e[pd.n - 1].size == 8ULL << 20);
	ptdump_free(&pd);

	TEST("capture: explicit PAGE_OFFSET");
	{
		struct ptdump_phys ph;

		memset(&ph, 0, sizeof(ph));
		CHECK_EQ(parse(&pd, capture_4k_rodata_full), PTDUMP_OK);
		CHECK_EQ(ptdump_linear_phys(&pd, 0xffff000000000000ULL, 0x40000000, &ph), PTDUMP_OK);
		CHECK_EQ(ph.n, 3);
		ptdump_phys_free(&ph);
		/* a PAGE_OFFSET above the section start is an error, not a wrap */
		CHECK_EQ(ptdump_linear_phys(&pd, 0xffff000000200000ULL, 0x40000000, &ph),
			 PTDUMP_ERANGE);
		ptdump_phys_free(&ph);
		ptdump_free(&pd);
	}
}

int main(void)
{
	capture_4k_rodata_on = test_data_load("ptdump-4k-rodata-on.txt", NULL);
	capture_4k_rodata_full = test_data_load("ptdump-4k-rodata-full.txt", NULL);
	capture_4k_iomem = test_data_load("iomem-4k.txt", NULL);
	test_line_format();
	test_bad_input();
	test_memstart();
	test_captures();
	free(capture_4k_rodata_on);
	free(capture_4k_rodata_full);
	free(capture_4k_iomem);
	return DONE();
}
