// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * test_bootrec.c - unit tests for planner/bootrec/bootrec.c (boot-record readers).
 * Build: cc -std=gnu11 -Wall -Wextra -Werror -Iplanner/bootrec -Itests/unit \
 *           tests/unit/test_bootrec.c planner/bootrec/bootrec.c -o test_bootrec
 * Prints one line per failed check and "N passed, N failed"; exit 1 on failure.
 */
#include "bootrec.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static int parse_log(struct bootrec_log *l, const char *s, enum bootrec_src src)
{
	memset(l, 0, sizeof(*l));
	return bootrec_log_parse(l, s, strlen(s), src);
}

static void test_line_prefixes(void)
{
	struct bootrec_log l;
	const char *s =
		"[H   0.304536] [    0.000000] Booting Linux on physical CPU 0x0\r\n"
		"<6>[    1.250000] cma: Reserved 64 MiB at 0x00000000b9a00000\n"
		"<14>[   12.000001][    T1] caller id line\n"
		"[H   2.489627] @@MEMPLAN-PHASE init role=first@@\r\n"
		"\r\n"
		"[    3.5] short fraction\n"
		"[Hbad] not a host stamp\n"
		"<9999999>[ 1.000000] level too long\n"
		"no newline at end";

	CHECK(parse_log(&l, s, BOOTREC_SRC_CONSOLE) == BOOTREC_OK);
	CHECK(l.n == 8);
	if (l.n == 8) {
		CHECK(!strcmp(l.lines[0].text, "Booting Linux on physical CPU 0x0"));
		CHECK(l.lines[0].ts_ns == 0 && l.lines[0].level == -1);
		CHECK(l.lines[0].host_ns == 304536000);
		CHECK(!strcmp(l.lines[1].text, "cma: Reserved 64 MiB at 0x00000000b9a00000"));
		CHECK(l.lines[1].level == 6 && l.lines[1].ts_ns == 1250000000);
		CHECK(!strcmp(l.lines[2].text, "caller id line"));
		CHECK(l.lines[2].level == 6 && l.lines[2].ts_ns == 12000001000);
		CHECK(!strcmp(l.lines[3].text, "@@MEMPLAN-PHASE init role=first@@"));
		CHECK(l.lines[3].ts_ns == -1 && l.lines[3].host_ns == 2489627000);
		CHECK(l.lines[4].ts_ns == 3500000000 && !strcmp(l.lines[4].text, "short fraction"));
		CHECK(!strcmp(l.lines[5].text, "[Hbad] not a host stamp"));
		CHECK(l.lines[6].level == -1);
		CHECK(!strcmp(l.lines[7].text, "no newline at end"));
		CHECK(l.lines[7].src == BOOTREC_SRC_CONSOLE);
	}
	bootrec_log_free(&l);
}

static void test_merge(void)
{
	/* console: lost nothing at the start, skipped "b2" mid-boot, has the tail */
	const char *con =
		"[    0.000000] a0\n"
		"[    0.000000] a1\n"
		"user space line\n"
		"[    0.100000] b1\n"
		"[    0.200000] c1\n"
		"[    0.200000] c2\n"
		"[    5.000000] after dmesg was read\n";
	/* dmesg: lost a0 (early buffer overflow), has everything in between */
	const char *dm =
		"<6>[    0.000000] a1\n"
		"<6>[    0.100000] b1\n"
		"<6>[    0.150000] b2\n"
		"<6>[    0.200000] c1\n"
		"<6>[    0.200000] c2\n";
	const char *want[] = { "a0", "a1", "b1", "b2", "c1", "c2", "after dmesg was read" };
	struct bootrec_log c, d, m;
	size_t i;

	CHECK(parse_log(&c, con, BOOTREC_SRC_CONSOLE) == BOOTREC_OK);
	CHECK(parse_log(&d, dm, BOOTREC_SRC_DMESG) == BOOTREC_OK);
	memset(&m, 0, sizeof(m));
	CHECK(bootrec_log_merge(&m, &c, 0, &d) == BOOTREC_OK);
	CHECK(m.n == sizeof(want) / sizeof(want[0]));
	for (i = 0; i < m.n && i < sizeof(want) / sizeof(want[0]); i++)
		CHECK(!strcmp(m.lines[i].text, want[i]));
	if (m.n > 1)
		CHECK(m.lines[1].level == 6);	/* the dmesg copy wins */
	bootrec_log_free(&m);

	/* a line printed twice stays twice */
	bootrec_log_free(&c);
	bootrec_log_free(&d);
	CHECK(parse_log(&c, "[    1.000000] x\n[    1.000000] x\n", BOOTREC_SRC_CONSOLE) == 0);
	CHECK(parse_log(&d, "<6>[    1.000000] x\n<6>[    1.000000] x\n", BOOTREC_SRC_DMESG) == 0);
	memset(&m, 0, sizeof(m));
	CHECK(bootrec_log_merge(&m, &c, 0, &d) == BOOTREC_OK);
	CHECK(m.n == 2);
	bootrec_log_free(&m);

	/* only one source */
	memset(&m, 0, sizeof(m));
	CHECK(bootrec_log_merge(&m, &c, 0, NULL) == BOOTREC_OK && m.n == 2);
	bootrec_log_free(&m);
	memset(&m, 0, sizeof(m));
	CHECK(bootrec_log_merge(&m, NULL, 0, &d) == BOOTREC_OK && m.n == 2);
	bootrec_log_free(&m);
	bootrec_log_free(&c);
	bootrec_log_free(&d);

	/* a kdump console log holds two boots; merge picks one */
	CHECK(parse_log(&c, "[    0.000000] Booting Linux on physical CPU 0x0\n"
			    "[    1.000000] first\n"
			    "[    0.000000] Booting Linux on physical CPU 0x0\n"
			    "[    0.500000] capture\n", BOOTREC_SRC_CONSOLE) == 0);
	CHECK(c.n == 4 && c.lines[1].boot == 0 && c.lines[2].boot == 1);
	memset(&m, 0, sizeof(m));
	CHECK(bootrec_log_merge(&m, &c, 1, NULL) == BOOTREC_OK && m.n == 2);
	if (m.n == 2)
		CHECK(!strcmp(m.lines[1].text, "capture"));
	bootrec_log_free(&m);
	memset(&m, 0, sizeof(m));
	CHECK(bootrec_log_merge(&m, &c, -1, NULL) == BOOTREC_EINVAL);
	bootrec_log_free(&m);
	bootrec_log_free(&c);
}

static const char iomem_61[] =
	"09000000-09000fff : pl011@9000000\n"
	"  09000000-09000fff : 9000000.pl011 pl011@9000000\n"
	"10000000-3efeffff : pcie@10000000\n"
	"40000000-bfffffff : System RAM\n"
	"  40210000-4185ffff : Kernel code\n"
	"  41860000-41eaffff : reserved\n"
	"  41eb0000-4220ffff : Kernel data\n"
	"  a9a00000-b99fffff : Crash kernel\n"
	"4010000000-401fffffff : PCI ECAM\n"
	"8000000000-ffffffffff : pcie@10000000\n";

static void test_iomem(void)
{
	struct bootrec_iomem io;
	static const char *bad[] = {
		" 40000000-bfffffff : odd indent\n",
		"  40000000-bfffffff : child without parent\n",
		"40000000-bfffffff : a\n    40000000-4fffffff : depth jump\n",
		"40000000 bfffffff : no dash\n",
		"bfffffff-40000000 : end before start\n",
		"40000000-bfffffff - wrong separator\n",
		"10000000000000000-1 : too many digits\n",
		"zz-1 : not hex\n",
	};
	size_t i;

	memset(&io, 0, sizeof(io));
	CHECK(bootrec_iomem_parse(&io, iomem_61, strlen(iomem_61)) == BOOTREC_OK);
	CHECK(io.n == 10);
	if (io.n == 10) {
		CHECK(io.e[3].start == 0x40000000 && io.e[3].end == 0xbfffffff);
		CHECK(!strcmp(io.e[3].name, "System RAM") && io.e[3].depth == 0);
		CHECK(io.e[7].depth == 1 && io.e[7].parent == 3);
		CHECK(!strcmp(io.e[7].name, "Crash kernel"));
		CHECK(io.e[9].start == 0x8000000000ull && io.e[9].end == 0xffffffffffull);
		CHECK(io.e[1].parent == 0 && io.e[2].parent == -1);
	}
	bootrec_iomem_free(&io);

	/* CRLF and an empty name */
	CHECK(bootrec_iomem_parse(&io, "0-fff : \r\n", 10) == BOOTREC_OK && io.n == 1 &&
	      io.e[0].name[0] == '\0');
	bootrec_iomem_free(&io);
	CHECK(bootrec_iomem_parse(&io, "0-fff :\n", 8) == BOOTREC_OK && io.n == 1);
	bootrec_iomem_free(&io);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc;

		memset(&io, 0, sizeof(io));
		rc = bootrec_iomem_parse(&io, bad[i], strlen(bad[i]));
		CHECK(rc != BOOTREC_OK);
		bootrec_iomem_free(&io);
	}
}

static void test_memblock(void)
{
	const char *v61 =
		"   0: 0x0000000040000000..0x00000000bfffffff\n"
		"  12: 0x00000000bfbf2180..0x00000000bfbf2183\n";
	const char *v612 =
		"   0: 0x0000000040000000..0x000000004fffffff    0 NONE\n"
		"   1: 0x0000000050000000..0x0000000050ffffff    x NOMAP\n"
		"   2: 0x0000000051000000..0x00000000bfffffff    1 HOTPLUG|MIRROR\n"
		"   3: 0x00000000c0000000..0x00000000c0000fff    x UNKNOWN\n";
	static const char *bad[] = {
		"   0: 0x40000000-0xbfffffff\n",
		"   0 0x0000000040000000..0x00000000bfffffff\n",
		"   0: 0x00000000bfffffff..0x0000000040000000\n",
		"   0: 0x0000000040000000..0x00000000bfffffff    0 BOGUS\n",
		"   0: 0x0000000040000000..0x00000000bfffffff    0 NOMAP|\n",
		"   0: 0x0000000040000000..0x00000000bfffffff    0\n",
		"   x: 0x0000000040000000..0x00000000bfffffff\n",
		"99999999999: 0x0..0x1\n",
	};
	struct bootrec_memblock mb;
	size_t i;

	memset(&mb, 0, sizeof(mb));
	CHECK(bootrec_memblock_parse(&mb, v61, strlen(v61)) == BOOTREC_OK);
	CHECK(mb.n == 2);
	if (mb.n == 2) {
		CHECK(mb.r[0].base == 0x40000000 && mb.r[0].end == 0xbfffffff);
		CHECK(mb.r[0].nid == -1 && !mb.r[0].has_node_flags && mb.r[0].flags == 0);
		CHECK(mb.r[1].index == 12 && mb.r[1].end == 0xbfbf2183);
	}
	bootrec_memblock_free(&mb);

	CHECK(bootrec_memblock_parse(&mb, v612, strlen(v612)) == BOOTREC_OK);
	CHECK(mb.n == 4);
	if (mb.n == 4) {
		CHECK(mb.r[0].nid == 0 && mb.r[0].flags == 0 && mb.r[0].has_node_flags);
		CHECK(mb.r[1].nid == -1 && mb.r[1].flags == BOOTREC_MB_NOMAP);
		CHECK(mb.r[2].nid == 1 &&
		      mb.r[2].flags == (BOOTREC_MB_HOTPLUG | BOOTREC_MB_MIRROR));
		CHECK(mb.r[3].flags == BOOTREC_MB_UNKNOWN);
	}
	bootrec_memblock_free(&mb);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&mb, 0, sizeof(mb));
		CHECK(bootrec_memblock_parse(&mb, bad[i], strlen(bad[i])) != BOOTREC_OK);
		bootrec_memblock_free(&mb);
	}
}

/* Truncations and byte flips of valid input: any result, but no crash or leak. */
static void test_robustness(void)
{
	const char *inputs[] = { iomem_61,
		"   0: 0x0000000040000000..0x000000004fffffff    0 NONE\n",
		"[H   0.304536] <6>[    0.000000] x\r\n[    1.0] y\n" };
	unsigned int seed = 12345;
	size_t k, len, i;
	int rounds = 0;

	for (k = 0; k < sizeof(inputs) / sizeof(inputs[0]); k++) {
		size_t n = strlen(inputs[k]);
		char *buf = malloc(n + 1);

		if (!buf)
			return;
		for (len = 0; len <= n; len++) {
			for (i = 0; i < 20; i++) {
				struct bootrec_iomem io;
				struct bootrec_memblock mb;
				struct bootrec_log l, m;

				memcpy(buf, inputs[k], n);
				seed = seed * 1103515245u + 12345u;
				if (len)
					buf[(seed >> 8) % len] = (char)(seed >> 16);
				memset(&io, 0, sizeof(io));
				memset(&mb, 0, sizeof(mb));
				memset(&l, 0, sizeof(l));
				memset(&m, 0, sizeof(m));
				(void)bootrec_iomem_parse(&io, buf, len);
				(void)bootrec_memblock_parse(&mb, buf, len);
				(void)bootrec_log_parse(&l, buf, len, BOOTREC_SRC_DMESG);
				(void)bootrec_log_merge(&m, &l, 0, &l);
				bootrec_iomem_free(&io);
				bootrec_memblock_free(&mb);
				bootrec_log_free(&l);
				bootrec_log_free(&m);
				rounds++;
			}
		}
		free(buf);
	}
	CHECK(rounds > 0);
	CHECK(bootrec_iomem_parse(NULL, "", 0) == BOOTREC_EINVAL);
	CHECK(bootrec_memblock_parse(NULL, "", 0) == BOOTREC_EINVAL);
	CHECK(!strcmp(bootrec_strerror(BOOTREC_ENOMEM), "out of memory"));
}

/* the text of arm64's VMCOREINFO note (arch_crash_save_vmcoreinfo()) */
static void test_vmcoreinfo(void)
{
	static const char note[] = "OSRELEASE=6.12.118+deb12-arm64\nPAGESIZE=4096\n"
				   "NUMBER(VA_BITS)=52\nNUMBER(kimage_voffset)=0xffffdc6845000000\n"
				   "NUMBER(PHYS_OFFSET)=0xfff09645c0000000\nKERNELOFFSET=5c6800000\n";
	uint64_t v = 0;

	TEST("vmcoreinfo: NUMBER(PHYS_OFFSET), a \"negative\" memstart_addr");
	CHECK_EQ(bootrec_vmcoreinfo_number(note, sizeof(note) - 1, "PHYS_OFFSET", &v), BOOTREC_OK);
	CHECK_EQ(v, 0xfff09645c0000000ULL);
	TEST("vmcoreinfo: the key whole, not a prefix; missing is EINVAL");
	CHECK_EQ(bootrec_vmcoreinfo_number(note, sizeof(note) - 1, "PHYS", &v), BOOTREC_EINVAL);
	CHECK_EQ(bootrec_vmcoreinfo_number(note, sizeof(note) - 1, "MAX_PHYSMEM_BITS", &v),
		 BOOTREC_EINVAL);
	TEST("vmcoreinfo: a value with junk or 17 digits is refused");
	CHECK_EQ(bootrec_vmcoreinfo_number("NUMBER(PHYS_OFFSET)=0x40000000z\n", 32, "PHYS_OFFSET",
					   &v), BOOTREC_EINVAL);
	CHECK_EQ(bootrec_vmcoreinfo_number("NUMBER(PHYS_OFFSET)=0x11111111111111111", 39,
					   "PHYS_OFFSET", &v), BOOTREC_ERANGE);
	TEST("vmcoreinfo: the last line without a newline");
	CHECK_EQ(bootrec_vmcoreinfo_number("NUMBER(PHYS_OFFSET)=0x40000000", 30, "PHYS_OFFSET", &v),
		 BOOTREC_OK);
	CHECK_EQ(v, 0x40000000);
}

/* init.sh's swiotlb-pools: "NAME NSLABS" per debugfs pool directory */
static void test_pools(void)
{
	static const char ok[] = "restricted-dyn 2048\nrestricted@50000000 2048\n\nswiotlb 1024";
	struct bootrec_pools p;

	TEST("swiotlb-pools: names and io_tlb_nslabs, blank lines skipped");
	CHECK_EQ(bootrec_pools_parse(&p, ok, sizeof(ok) - 1), BOOTREC_OK);
	CHECK_EQ(p.n, 3);
	CHECK(p.n == 3 && !strcmp(p.v[1].name, "restricted@50000000") && p.v[1].nslabs == 2048);
	CHECK(p.n == 3 && !strcmp(p.v[2].name, "swiotlb") && p.v[2].nslabs == 1024);
	bootrec_pools_free(&p);
	TEST("swiotlb-pools: no number, junk after it, a tab: EINVAL");
	CHECK_EQ(bootrec_pools_parse(&p, "pool\n", 5), BOOTREC_EINVAL);
	bootrec_pools_free(&p);
	CHECK_EQ(bootrec_pools_parse(&p, "pool 12x\n", 9), BOOTREC_EINVAL);
	bootrec_pools_free(&p);
	CHECK_EQ(bootrec_pools_parse(&p, "po\tol 12\n", 10), BOOTREC_EINVAL);
	bootrec_pools_free(&p);
}

int main(void)
{
	test_pools();
	test_vmcoreinfo();
	test_line_prefixes();
	test_merge();
	test_iomem();
	test_memblock();
	test_robustness();
	return DONE();
}
