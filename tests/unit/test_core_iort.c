// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_iort.c - planner/core/iort.c: the ACPI IORT's ZONE_DMA limit as
 * acpi_iort_dma_get_max_cpu_address() (drivers/acpi/arm64/iort.c, 6.1 and
 * 6.12) computes it, and what zone_sizes_init() makes of it in each version.
 * The tables are built here byte by byte after Arm DEN 0049 (ACPICA's
 * include/acpi/actbl2.h): named components of 32/40/48 bits, root complexes
 * of revision 0 (no limit field) and 1, limits of 0 and 64 bits, and every
 * way the layout can lie.  The QEMU table has the layout QEMU 7.2's
 * build_iort() (hw/arm/virt-acpi-build.c) gives the virt machine without an
 * SMMU: it is modelled on that code, not captured from a guest.
 */
#include "le_bytes.h"
#include "plan_fixture.h"
#include "tap.h"

#define IORT_HDR 48

/* a table being built: the header, then the nodes, each appended */
struct tbl {
	unsigned char b[1024];
	size_t len;
	mp_u32 nodes;
};

/* the ACPI header (QEMU's OEM fields) and the IORT header, node array at 48 */
static void tbl_begin(struct tbl *t, unsigned int revision)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->b, "IORT", 4);
	t->b[8] = (unsigned char)revision;
	memcpy(t->b + 10, "BOCHS ", 6);
	memcpy(t->b + 16, "BXPC    ", 8);
	put_le32(t->b + 24, 1);		/* OEM revision */
	memcpy(t->b + 28, "BXPC", 4);	/* creator ID */
	put_le32(t->b + 32, 1);		/* creator revision */
	put_le32(t->b + 40, IORT_HDR);
	t->len = IORT_HDR;
}

/* a node header of @len bytes (the rest zero); returns the node's offset */
static size_t node(struct tbl *t, unsigned int type, unsigned int rev, unsigned int len,
		   mp_u32 maps, mp_u32 map_off)
{
	size_t off = t->len;

	t->b[off] = (unsigned char)type;
	put_le16(t->b + off + 1, len);
	t->b[off + 3] = (unsigned char)rev;
	put_le32(t->b + off + 4, t->nodes);	/* identifier */
	put_le32(t->b + off + 8, maps);
	put_le32(t->b + off + 12, map_off);
	t->len += len;
	t->nodes++;
	return off;
}

/* a named component "\_SB.DEV0" whose memory address size limit is @bits */
static size_t named(struct tbl *t, unsigned int bits)
{
	size_t off = node(t, 1, 4, 16 + 4 + 8 + 1 + 10, 0, 0);

	t->b[off + 28] = (unsigned char)bits;
	memcpy(t->b + off + 29, "\\_SB.DEV0", 10);
	return off;
}

/* a root complex of revision @rev with one ID mapping to the node at @its */
static size_t root_complex(struct tbl *t, unsigned int rev, unsigned int bits, mp_u32 its)
{
	size_t off = node(t, 2, rev, 36 + 20, 1, 36);

	put_le32(t->b + off + 16, 1);	/* CCA: fully coherent */
	t->b[off + 23] = 0x3;		/* memory access flags: CCA, CPM, DACS */
	t->b[off + 32] = (unsigned char)bits;
	put_le32(t->b + off + 36 + 4, 0xffff);	/* number of IDs */
	put_le32(t->b + off + 36 + 12, its);	/* output reference */
	return off;
}

/* an ITS group with one ITS, identifier 0 */
static size_t its_group(struct tbl *t)
{
	size_t off = node(t, 0, 1, 16 + 4 + 4, 0, 0);

	put_le32(t->b + off + 16, 1);
	return off;
}

/* length, node count, checksum */
static void tbl_end(struct tbl *t)
{
	unsigned int sum = 0;

	put_le32(t->b + 4, (mp_u32)t->len);
	put_le32(t->b + 36, t->nodes);
	t->b[9] = 0;
	for (size_t i = 0; i < t->len; i++)
		sum += t->b[i];
	t->b[9] = (unsigned char)(0x100 - (sum & 0xff));
}

/*
 * QEMU 7.2 virt, no SMMU: IORT revision 3 (DEN 0049E.b), an ITS group
 * (revision 1, 24 bytes) and a root complex (revision 3, 36 bytes and one ID
 * mapping to the ITS group at 48) whose memory address size limit is 64 -
 * 0x80 bytes in all.
 */
static void qemu_virt(struct tbl *t)
{
	tbl_begin(t, 3);
	its_group(t);
	root_complex(t, 3, 64, IORT_HDR);
	tbl_end(t);
}

static struct mp_iort io;
static char why[MP_IORT_WHY_LEN];

static int parse(const struct tbl *t)
{
	return mp_iort_parse(t->b, t->len, &io, why, sizeof(why));
}

static void test_qemu_virt(void)
{
	struct tbl t;

	TEST("QEMU 7.2 virt: one root complex of 64 bits, no limit");
	qemu_virt(&t);
	CHECK_EQ(t.len, 0x80);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.dma_max, MP_U64_MAX);
	CHECK_EQ(io.length, 0x80);
	CHECK_EQ(io.revision, 3);
	CHECK(io.checksum_ok);
	CHECK(!strcmp(io.oem_id, "BOCHS "));
	CHECK_EQ(io.nr_nodes, 2);
	CHECK_EQ(io.by_type[MP_IORT_ITS_GROUP], 1);
	CHECK_EQ(io.by_type[MP_IORT_ROOT_COMPLEX], 1);
	CHECK_EQ(io.nr_limits, 1);
	CHECK(io.has_limit_node);
	CHECK_EQ(io.limit_type, MP_IORT_ROOT_COMPLEX);
	CHECK_EQ(io.limit_index, 1);
	CHECK_EQ(io.limit_offset, 0x48);
	CHECK_EQ(io.limit_bits, 64);
	CHECK(!why[0]);
}

static void test_named_components(void)
{
	static const struct {
		unsigned int bits;
		mp_u64 max;
	} c[] = { { 32, 0xffffffffULL }, { 40, 0xffffffffffULL }, { 48, 0xffffffffffffULL } };
	struct tbl t;

	TEST("named component: DMA_BIT_MASK(memory address size limit)");
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		tbl_begin(&t, 3);
		named(&t, c[i].bits);
		tbl_end(&t);
		CHECK_EQ(parse(&t), 0);
		CHECK_EQ(io.dma_max, c[i].max);
		CHECK_EQ(io.limit_type, MP_IORT_NAMED_COMPONENT);
		CHECK_EQ(io.limit_bits, c[i].bits);
	}

	TEST("the smallest limit wins, the first node to give it is named");
	tbl_begin(&t, 3);
	its_group(&t);
	named(&t, 48);
	named(&t, 32);
	named(&t, 40);
	named(&t, 32);
	tbl_end(&t);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.dma_max, 0xffffffffULL);
	CHECK_EQ(io.limit_index, 2);
	CHECK_EQ(io.limit_offset, IORT_HDR + 24 + 39);
	CHECK_EQ(io.nr_limits, 4);
	CHECK_EQ(io.by_type[MP_IORT_NAMED_COMPONENT], 4);
}

static void test_root_complex_revision(void)
{
	struct tbl t;

	TEST("root complex of revision 0: no limit field, not read");
	tbl_begin(&t, 0);
	its_group(&t);
	root_complex(&t, 0, 30, IORT_HDR);	/* byte 32 would say 30 bits */
	tbl_end(&t);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.dma_max, MP_U64_MAX);
	CHECK(!io.has_limit_node);
	CHECK_EQ(io.nr_rc_rev0, 1);
	CHECK_EQ(io.nr_limits, 0);

	TEST("root complex of revision 1: its limit counts");
	tbl_begin(&t, 0);
	its_group(&t);
	root_complex(&t, 1, 30, IORT_HDR);
	tbl_end(&t);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.dma_max, 0x3fffffffULL);
	CHECK_EQ(io.limit_type, MP_IORT_ROOT_COMPLEX);
	CHECK_EQ(io.nr_rc_rev0, 0);
}

static void test_special_counts(void)
{
	struct tbl t;

	TEST("no nodes: no limit (PHYS_ADDR_MAX)");
	tbl_begin(&t, 3);
	tbl_end(&t);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.dma_max, MP_U64_MAX);
	CHECK_EQ(io.nr_nodes, 0);
	CHECK(!io.has_limit_node);

	TEST("0 bits: DMA_BIT_MASK(0) is 0, which min_not_zero() skips");
	tbl_begin(&t, 3);
	named(&t, 0);
	tbl_end(&t);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.dma_max, MP_U64_MAX);
	CHECK(!io.has_limit_node);
	CHECK_EQ(io.nr_limits, 1);
	tbl_begin(&t, 3);
	named(&t, 0);
	named(&t, 40);
	tbl_end(&t);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.dma_max, 0xffffffffffULL);
	CHECK_EQ(io.limit_index, 1);

	TEST("64 bits: all ones, named as the node that gives the limit");
	tbl_begin(&t, 3);
	named(&t, 64);
	tbl_end(&t);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.dma_max, MP_U64_MAX);
	CHECK(io.has_limit_node);
	CHECK_EQ(io.limit_bits, 64);

	TEST("over 64 bits: the shift count modulo 64, as arm64 shifts");
	tbl_begin(&t, 3);
	named(&t, 72);
	tbl_end(&t);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.dma_max, 0xffULL);
	CHECK_EQ(io.nr_bits_over_64, 1);
	tbl_begin(&t, 3);
	named(&t, 128);		/* 128 mod 64 = 0 bits: skipped */
	named(&t, 255);		/* 63 bits */
	tbl_end(&t);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.dma_max, 0x7fffffffffffffffULL);
	CHECK_EQ(io.limit_index, 1);
	CHECK_EQ(io.nr_bits_over_64, 2);
}

static void test_checksum(void)
{
	struct tbl t;

	TEST("a wrong checksum is reported, not refused (the kernel only warns)");
	qemu_virt(&t);
	t.b[9] ^= 0x5a;
	CHECK_EQ(parse(&t), 0);
	CHECK(!io.checksum_ok);
	CHECK_EQ(io.checksum, t.b[9]);
	CHECK_EQ(io.checksum_want, t.b[9] ^ 0x5a);
	CHECK_EQ(io.dma_max, MP_U64_MAX);
}

/* @t must be refused with a reason that holds @words */
static void refused(const struct tbl *t, size_t len, const char *words)
{
	int r = mp_iort_parse(t->b, len, &io, why, sizeof(why));

	CHECK_EQ(r, -MP_ERR_BADINPUT);
	CHECK(strstr(why, words), "'%s' in '%s'", words, why);
}

static void test_malformed(void)
{
	struct tbl t;

	TEST("malformed header");
	qemu_virt(&t);
	refused(&t, 20, "shorter than an ACPI table header");
	refused(&t, 0, "0 bytes");
	refused(&t, 100, "truncated: the header's length is 128 bytes, the file has 100");
	refused(&t, 130, "the file has 130");
	memcpy(t.b, "DSDT", 4);
	refused(&t, t.len, "\"DSDT\": not an IORT");
	memcpy(t.b, "IO\x01T", 4);
	refused(&t, t.len, "\"IO?T\"");
	tbl_begin(&t, 3);
	tbl_end(&t);
	put_le32(t.b + 4, 40);
	refused(&t, 40, "shorter than the IORT header");

	TEST("node array and count");
	qemu_virt(&t);
	put_le32(t.b + 40, 8);
	refused(&t, t.len, "offset 0x8 lies outside");
	put_le32(t.b + 40, 0x80);
	refused(&t, t.len, "offset 0x80 lies outside");
	put_le32(t.b + 40, IORT_HDR);
	put_le32(t.b + 36, 0xffffffff);
	refused(&t, t.len, "4294967295 nodes cannot fit");
	put_le32(t.b + 36, 3);	/* 80 bytes of nodes: 5 headers would fit, not 3 nodes */
	refused(&t, t.len, "node 2 at 0x80: its 16-byte header runs past");

	TEST("node lengths");
	qemu_virt(&t);
	put_le16(t.b + IORT_HDR + 1, 0);	/* would never advance */
	refused(&t, t.len, "node 0 at 0x30: length 0, less than a node header");
	put_le16(t.b + IORT_HDR + 1, 15);
	refused(&t, t.len, "length 15");
	qemu_virt(&t);
	put_le16(t.b + 0x48 + 1, 57);
	refused(&t, t.len, "node 1 at 0x48: length 57 runs past the end of the table (0x80");

	TEST("ID mappings outside their node");
	qemu_virt(&t);
	put_le32(t.b + 0x48 + 8, 2);
	refused(&t, t.len, "node 1 at 0x48: 2 ID mappings at offset 0x24 run past its 56 bytes");
	qemu_virt(&t);
	put_le32(t.b + 0x48 + 8, 0xffffffff);
	refused(&t, t.len, "4294967295 ID mappings");
	qemu_virt(&t);
	put_le32(t.b + 0x48 + 12, 4);
	refused(&t, t.len, "at offset 0x4");

	TEST("the limit byte outside its node");
	tbl_begin(&t, 3);
	node(&t, 1, 4, 28, 0, 0);
	tbl_end(&t);
	refused(&t, t.len, "a named_component of 28 bytes has no memory address size limit");
	tbl_begin(&t, 3);
	node(&t, 2, 1, 32, 0, 0);
	tbl_end(&t);
	refused(&t, t.len, "node 0 at 0x30: a root_complex of 32 bytes");
	tbl_begin(&t, 3);
	node(&t, 2, 0, 32, 0, 0);	/* revision 0: the field is not read */
	tbl_end(&t);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.nr_rc_rev0, 1);

	TEST("every prefix of a valid table is refused, none read past its end");
	qemu_virt(&t);
	for (size_t len = 0; len < t.len; len++) {
		unsigned char *copy = malloc(len ? len : 1);

		memcpy(copy, t.b, len);
		CHECK_EQ(mp_iort_parse(copy, len, &io, why, sizeof(why)), -MP_ERR_BADINPUT);
		free(copy);
	}

	TEST("arguments");
	CHECK_EQ(mp_iort_parse(NULL, 0, &io, why, sizeof(why)), -MP_ERR_BADARG);
	CHECK_EQ(mp_iort_parse(t.b, t.len, NULL, NULL, 0), -MP_ERR_BADARG);
	CHECK_EQ(mp_iort_parse(t.b, 3, &io, NULL, 0), -MP_ERR_BADINPUT);
	CHECK_EQ(mp_iort_parse(t.b, 3, &io, why, 8), -MP_ERR_BADINPUT);
	CHECK_EQ(strlen(why), 7);
	CHECK(!strcmp(mp_iort_node_type_name(MP_IORT_SMMU_V3), "smmu_v3"));
	CHECK(!strcmp(mp_iort_node_type_name(MP_IORT_NODE_TYPES), "?"));

	TEST("an unknown node type is counted and skipped");
	tbl_begin(&t, 3);
	node(&t, 0x42, 0, 20, 0, 0);
	named(&t, 44);
	tbl_end(&t);
	CHECK_EQ(parse(&t), 0);
	CHECK_EQ(io.by_type[MP_IORT_OTHER], 1);
	CHECK_EQ(io.dma_max, 0xfffffffffffULL);
}

/* ------------------------------------------------------------------ */
/* The limit in a plan: zone_sizes_init() of each version.            */

static const struct mp_iort *plan_iort;

static void with_iort(struct mp_input *in)
{
	in->iort = plan_iort;
}

/* the plan of a DT with RAM at [@base, +@size), bus limit @dma (0: none), an IORT */
static struct mp_plan *plan_iort_dt(enum mp_profile prof, mp_u64 base, mp_u64 size,
				    mp_u64 dma_reach, const struct mp_iort *iort)
{
	struct mp_plan *p;

	begin_dt(0, 0, base, size, "console=ttyAMA0");
	if (dma_reach) {
		/* dma-ranges = <child 0, parent 0, size>: the bus reaches @dma_reach */
		mp_u64 sz = dma_reach + 1;
		fdt32_t c[6] = { 0, 0, 0, 0, cpu_to_fdt32((uint32_t)(sz >> 32)),
				 cpu_to_fdt32((uint32_t)sz) };

		fdt_begin_node(dtb, "soc");
		fdt_property_u32(dtb, "#address-cells", 2);
		fdt_property_u32(dtb, "#size-cells", 2);
		fdt_property(dtb, "ranges", NULL, 0);
		fdt_property(dtb, "dma-ranges", c, sizeof(c));
		fdt_end_node(dtb);
	}
	fdt_end_node(dtb);
	fdt_finish(dtb);
	plan_iort = iort;
	plan_tweak = with_iort;
	p = plan_at(prof, base + 0x200000, base + 0x8000000);
	plan_tweak = NULL;
	return p;
}

static void test_plan(void)
{
#define EMPTY 0
	static const struct {
		const char *what;
		mp_u64 base, size, dt_reach;
		unsigned int bits;	/* the IORT: a named component of 30 or 48 bits */
		mp_u64 end61, end612;	/* ZONE_DMA's last byte, or EMPTY */
	} rows[] = {
		{ "30 bits, RAM from 0: 1 GiB in both", 0, 0x100000000ULL, 0, 30,
		  0x3fffffff, 0x3fffffff },
		{ "30 bits, RAM from 2 GiB: 6.1 lifts ZONE_DMA to 4 GiB, 6.12 leaves it empty",
		  0x80000000, 0x100000000ULL, 0, 30, 0xffffffff, EMPTY },
		{ "48 bits and the DT's 3 GiB bus: 6.1 rounds up to 4 GiB, 6.12 keeps 3 GiB", 0,
		  0x200000000ULL, 0xbfffffff, 48, 0xffffffff, 0xbfffffff },
		{ "30 bits and the DT's 3 GiB bus: the smaller, 1 GiB, in both", 0, 0x200000000ULL,
		  0xbfffffff, 30, 0x3fffffff, 0x3fffffff },
	};
	struct mp_iort q, nc30, nc48;
	struct mp_plan *p;
	struct tbl t;

	qemu_virt(&t);
	CHECK_EQ(mp_iort_parse(t.b, t.len, &q, NULL, 0), 0);
	tbl_begin(&t, 3);
	named(&t, 30);
	tbl_end(&t);
	CHECK_EQ(mp_iort_parse(t.b, t.len, &nc30, NULL, 0), 0);

	TEST("QEMU virt, 2 GiB at 1 GiB, 6.12: ZONE_DMA spans all RAM (the 4 GiB cap)");
	p = plan_iort_dt(MP_LINUX_6_12, 0x40000000, 0x80000000, 0, &q);
	CHECK(p);
	if (p) {
		CHECK_EQ(p->inputs.acpi_iort, MP_SRC_FILE);
		CHECK(p->iort == &q);
		CHECK_EQ(p->zone_dma_limit, 0xffffffffULL);
		CHECK_EQ(p->zones[MP_ZONE_DMA].start, 0x40000000);
		CHECK_EQ(p->zones[MP_ZONE_DMA].end, 0xbfffffff);
		CHECK(p->zones[MP_ZONE_DMA32].empty);
		CHECK(!diag(p, "iort-checksum")[0]);
	}

	TEST("no IORT: source none");
	p = plan_iort_dt(MP_LINUX_6_12, 0x40000000, 0x80000000, 0, NULL);
	CHECK(p && p->inputs.acpi_iort == MP_SRC_NONE && !p->iort);

	/* zone_sizes_init(): 6.1 through fls64() bit counts, 6.12 the exact smaller limit */
	tbl_begin(&t, 3);
	named(&t, 48);
	tbl_end(&t);
	CHECK_EQ(mp_iort_parse(t.b, t.len, &nc48, NULL, 0), 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct mp_iort *iort = rows[i].bits == 30 ? &nc30 : &nc48;

		TEST(rows[i].what);
		for (int v = 0; v < 2; v++) {
			mp_u64 want = v ? rows[i].end612 : rows[i].end61;

			p = plan_iort_dt(v ? MP_LINUX_6_12 : MP_LINUX_6_1, rows[i].base, rows[i].size,
					 rows[i].dt_reach, iort);
			CHECK(p && (want == EMPTY ? p->zones[MP_ZONE_DMA].empty :
					   p->zones[MP_ZONE_DMA].end == want),
			      "%s: ZONE_DMA ends at 0x%llx", v ? "6.12" : "6.1",
			      p ? (unsigned long long)p->zones[MP_ZONE_DMA].end : 0ULL);
		}
	}
	TEST("30 bits, RAM from 2 GiB, 6.12: the finding names the IORT");
	p = plan_iort_dt(MP_LINUX_6_12, 0x80000000, 0x100000000ULL, 0, &nc30);
	CHECK(p && strstr(diag(p, "zone-dma-empty"), "0x3fffffff from the IORT"),
	      "%s", p ? diag(p, "zone-dma-empty") : "");
	CHECK(p && p->zone_dma_limit == 0x3fffffff && p->dma_phys_limit == 0x40000000);

	TEST("a wrong checksum is a warning of the plan");
	qemu_virt(&t);
	t.b[9]++;
	CHECK_EQ(mp_iort_parse(t.b, t.len, &q, NULL, 0), 0);
	p = plan_iort_dt(MP_LINUX_6_12, 0x40000000, 0x80000000, 0, &q);
	CHECK(p && strstr(diag(p, "iort-checksum"), "Incorrect checksum in table [IORT]"));
}

int main(void)
{
	test_qemu_virt();
	test_named_components();
	test_root_complex_revision();
	test_special_counts();
	test_checksum();
	test_malformed();
	test_plan();
	return DONE();
}
