// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_btf.c - planner/core/btf.c: finding the kernel's BTF (raw, in a
 * vmlinux's .BTF section, inside an arm64 Image) and reading struct sizes
 * from it.  The blobs are built here type by type, after the kernel's
 * Documentation/bpf/btf.rst: every kind's trailing data, typedefs, and every
 * lie a header or a type can tell.  The real sizes come from subsets of
 * Debian's kernels that scripts/btf-subset.py cut from the Images in
 * tests/unit/data/.
 */
#include "memplan.h"
#include "memplan_btf.h"
#include "le_bytes.h"
#include "tap.h"
#include "testdata.h"

/* ------------------------------------------------------------------ */
/* A BTF blob built by hand: types and strings, then the header.      */

#define KIND_INT 1
#define KIND_PTR 2
#define KIND_ARRAY 3
#define KIND_STRUCT 4
#define KIND_UNION 5
#define KIND_ENUM 6
#define KIND_FWD 7
#define KIND_TYPEDEF 8
#define KIND_CONST 10
#define KIND_FUNC 12
#define KIND_FUNC_PROTO 13
#define KIND_VAR 14
#define KIND_DATASEC 15

struct bb {
	unsigned char types[4096];
	size_t tlen;
	char strs[1024];
	size_t slen;
	unsigned int ntypes;
};

static void bb_init(struct bb *bb)
{
	memset(bb, 0, sizeof(*bb));
	bb->slen = 1; /* the empty string first (btf.rst §2.1) */
}

static mp_u32 bb_str(struct bb *bb, const char *s)
{
	mp_u32 off = (mp_u32)bb->slen;

	if (!s || !*s)
		return 0;
	memcpy(bb->strs + bb->slen, s, strlen(s) + 1);
	bb->slen += strlen(s) + 1;
	return off;
}

static void bb_u32(struct bb *bb, mp_u32 v)
{
	put_le32(bb->types + bb->tlen, v);
	bb->tlen += 4;
}

/* a struct btf_type without its trailing data; returns its type id */
static mp_u32 bb_type(struct bb *bb, const char *name, unsigned int kind, unsigned int vlen,
		      mp_u32 size_or_type)
{
	bb_u32(bb, bb_str(bb, name));
	bb_u32(bb, kind << 24 | vlen);
	bb_u32(bb, size_or_type);
	return ++bb->ntypes;
}

static mp_u32 bb_struct(struct bb *bb, const char *name, mp_u32 size)
{
	return bb_type(bb, name, KIND_STRUCT, 0, size);
}

/* header (hdr_len 24), types, strings into @out; returns the length */
static size_t bb_blob(const struct bb *bb, unsigned char *out)
{
	put_le16(out, 0xeb9f);
	out[2] = 1;
	out[3] = 0;
	put_le32(out + 4, 24);
	put_le32(out + 8, 0);
	put_le32(out + 12, (mp_u32)bb->tlen);
	put_le32(out + 16, (mp_u32)bb->tlen);
	put_le32(out + 20, (mp_u32)bb->slen);
	memcpy(out + 24, bb->types, bb->tlen);
	memcpy(out + 24 + bb->tlen, bb->strs, bb->slen);
	return 24 + bb->tlen + bb->slen;
}

static int size_of(const unsigned char *blob, size_t len, const char *name, mp_u64 *size)
{
	*size = 0;
	return mp_btf_struct_size(blob, len, name, size);
}

/* the size of @name in @blob, or the negative error as a huge number */
static mp_u64 sz(const unsigned char *blob, size_t len, const char *name)
{
	mp_u64 size;
	int ret = size_of(blob, len, name, &size);

	return ret ? (mp_u64)ret : size;
}

#define ERR(e) ((mp_u64)(mp_s64)(e))

/* ------------------------------------------------------------------ */
/* Every kind's trailing data is skipped: the struct after it is read. */

static const struct {
	const char *what;
	unsigned int kind, vlen, trailer; /* trailer: bytes after struct btf_type */
} kinds[] = {
	{ "INT", 1, 0, 4 },	  { "PTR", 2, 0, 0 },	    { "ARRAY", 3, 0, 12 },
	{ "STRUCT", 4, 2, 24 },	  { "UNION", 5, 2, 24 },    { "ENUM", 6, 3, 24 },
	{ "FWD", 7, 0, 0 },	  { "TYPEDEF", 8, 0, 0 },   { "VOLATILE", 9, 0, 0 },
	{ "CONST", 10, 0, 0 },	  { "RESTRICT", 11, 0, 0 }, { "FUNC", 12, 1, 0 },
	{ "FUNC_PROTO", 13, 3, 24 }, { "VAR", 14, 0, 4 },	    { "DATASEC", 15, 2, 24 },
	{ "FLOAT", 16, 0, 0 },	  { "DECL_TAG", 17, 0, 4 }, { "TYPE_TAG", 18, 0, 0 },
	{ "ENUM64", 19, 2, 24 },
};

/*
 * One type of @kinds[i] with its trailing data.  The data is made of decoys:
 * struct btf_type records of a STRUCT "target" of size 666, so a reader that
 * skips too little finds a wrong "target" (or garbage), and one that skips
 * too much runs past the real one.
 */
static void bb_kind(struct bb *bb, size_t i, mp_u32 target_name)
{
	unsigned char decoy[12];
	size_t n;

	bb_type(bb, kinds[i].what, kinds[i].kind, kinds[i].vlen, 1);
	put_le32(decoy, target_name);
	put_le32(decoy + 4, KIND_STRUCT << 24);
	put_le32(decoy + 8, 666);
	for (n = 0; n < kinds[i].trailer; n += 4)
		bb_u32(bb, mp_get_le32(decoy + n % 12));
}

static void test_every_kind_skipped(void)
{
	unsigned char blob[8192];
	struct bb bb;
	size_t i, len, off, blob_len;
	const char *why;
	mp_u32 target;

	TEST("every kind's trailing data is skipped (btf.rst §2.2)");
	CHECK_EQ(MP_ARRAY_SIZE(kinds), 19);
	for (i = 0; i < MP_ARRAY_SIZE(kinds); i++) {
		bb_init(&bb);
		target = bb_str(&bb, "target");
		bb_kind(&bb, i, target);
		bb_struct(&bb, "target", 4242);
		len = bb_blob(&bb, blob);
		CHECK(mp_btf_find(blob, len, &off, &blob_len, &why) == 0, "%s: %s", kinds[i].what,
		      why);
		CHECK(off == 0 && blob_len == len, "%s", kinds[i].what);
		CHECK(sz(blob, len, "target") == 4242, "%s: %lld", kinds[i].what,
		      (long long)sz(blob, len, "target"));
	}
	/* all of them in a row */
	bb_init(&bb);
	target = bb_str(&bb, "target");
	for (i = 0; i < MP_ARRAY_SIZE(kinds); i++)
		bb_kind(&bb, i, target);
	bb_struct(&bb, "target", 4242);
	len = bb_blob(&bb, blob);
	CHECK_EQ(mp_btf_find(blob, len, &off, &blob_len, &why), 0);
	CHECK_EQ(sz(blob, len, "target"), 4242);
	CHECK_EQ(sz(blob, len, "ENUM64"), ERR(-MP_ENOENT)); /* not a struct */
}

/* ------------------------------------------------------------------ */
/* Names: structs, typedefs, what is not a struct.                     */

static size_t names_blob(unsigned char *blob)
{
	struct bb bb;
	mp_u32 id_int, id_dn, id_pgdat, id_const, id_loop, id;
	unsigned int i;

	bb_init(&bb);
	id_int = bb_type(&bb, "int", KIND_INT, 0, 4);
	bb_u32(&bb, 0x01000020);			    /* signed, 32 bits */
	bb_type(&bb, "pg_data_t", KIND_TYPEDEF, 0, 4);	    /* id 2 -> 4, declared later */
	id_dn = bb_struct(&bb, "device_node", 208);	    /* 3 */
	id_pgdat = bb_struct(&bb, "pglist_data", 14144);    /* 4 */
	bb_struct(&bb, "property", 104);
	bb_type(&bb, "u", KIND_UNION, 0, 8);
	bb_type(&bb, "fwd_only", KIND_FWD, 0, 0);
	id_const = bb_type(&bb, NULL, KIND_CONST, 0, id_dn);
	bb_type(&bb, "cdn_t", KIND_TYPEDEF, 0, id_const);   /* typedef const struct device_node */
	bb_type(&bb, "u32", KIND_TYPEDEF, 0, id_int);
	bb_type(&bb, "to_void", KIND_TYPEDEF, 0, 0);
	bb_type(&bb, "dangling", KIND_TYPEDEF, 0, 9999);
	id_loop = bb.ntypes + 1;
	bb_type(&bb, "loop_a", KIND_TYPEDEF, 0, id_loop + 1);
	bb_type(&bb, "loop_b", KIND_TYPEDEF, 0, id_loop);
	bb_struct(&bb, "same", 8);
	bb_struct(&bb, "same", 8);
	bb_struct(&bb, "amb", 8);
	bb_struct(&bb, "amb", 16);
	bb_type(&bb, "pref", KIND_TYPEDEF, 0, id_pgdat);    /* a struct of the name wins */
	bb_struct(&bb, "pref", 2);
	bb_struct(&bb, NULL, 77);			    /* anonymous */
	bb_type(&bb, "pgdat_ptr", KIND_PTR, 0, id_pgdat);
	/* typedef chains of 31 hops (the struct is reached) and of 40 (taken as a loop) */
	id = id_pgdat;
	for (i = 0; i < 40; i++) {
		id = bb_type(&bb, i == 30 ? "chain31" : i == 39 ? "chain40" : NULL, KIND_TYPEDEF, 0,
			     id);
	}
	return bb_blob(&bb, blob);
}

static void test_struct_and_typedef_names(void)
{
	unsigned char blob[4096];
	size_t len = names_blob(blob);
	mp_u64 size;

	TEST("struct sizes by name");
	CHECK_EQ(sz(blob, len, "device_node"), 208);
	CHECK_EQ(sz(blob, len, "property"), 104);
	CHECK_EQ(sz(blob, len, "pglist_data"), 14144);
	CHECK_EQ(sz(blob, len, "device"), ERR(-MP_ENOENT));	     /* a prefix is not the name */
	CHECK_EQ(sz(blob, len, "device_node_x"), ERR(-MP_ENOENT));
	CHECK_EQ(sz(blob, len, "nosuch"), ERR(-MP_ENOENT));
	CHECK_EQ(sz(blob, len, "u"), ERR(-MP_ENOENT));		     /* a union */
	CHECK_EQ(sz(blob, len, "fwd_only"), ERR(-MP_ENOENT));	     /* declared, never defined */
	CHECK_EQ(sz(blob, len, "int"), ERR(-MP_ENOENT));
	CHECK_EQ(sz(blob, len, "pgdat_ptr"), ERR(-MP_ENOENT));
	CHECK_EQ(sz(blob, len, "same"), 8);			     /* duplicates that agree */
	CHECK_EQ(sz(blob, len, "amb"), ERR(-MP_EINVAL));	     /* duplicates that differ */

	TEST("typedef names resolve to their struct");
	CHECK_EQ(sz(blob, len, "pg_data_t"), 14144);
	CHECK_EQ(sz(blob, len, "cdn_t"), 208);			     /* through a CONST */
	CHECK_EQ(sz(blob, len, "pref"), 2);
	CHECK_EQ(sz(blob, len, "chain31"), 14144);
	CHECK_EQ(sz(blob, len, "chain40"), ERR(-MP_ENOENT));
	CHECK_EQ(sz(blob, len, "u32"), ERR(-MP_ENOENT));	     /* of an int */
	CHECK_EQ(sz(blob, len, "to_void"), ERR(-MP_ENOENT));
	CHECK_EQ(sz(blob, len, "dangling"), ERR(-MP_ENOENT));
	CHECK_EQ(sz(blob, len, "loop_a"), ERR(-MP_ENOENT));	     /* ends, does not hang */

	TEST("mp_btf_struct_size() arguments");
	CHECK_EQ(size_of(blob, len, "", &size), ERR(-MP_ERR_BADARG)); /* would be anonymous */
	CHECK_EQ(size_of(NULL, len, "page", &size), ERR(-MP_ERR_BADARG));
	CHECK_EQ(mp_btf_struct_size(blob, len, NULL, &size), ERR(-MP_ERR_BADARG));
	CHECK_EQ(mp_btf_struct_size(blob, len, "page", NULL), ERR(-MP_ERR_BADARG));
}

/* ------------------------------------------------------------------ */
/* Truncations and lies of the header and the types.                   */

static size_t small_blob(unsigned char *blob, struct bb *bb)
{
	bb_init(bb);
	bb_type(bb, "int", KIND_INT, 0, 4);
	bb_u32(bb, 0x01000020);
	bb_struct(bb, "device_node", 208);
	return bb_blob(bb, blob);
}

/* mp_btf_find() on @blob: 0, or the error with its reason in @why */
static int find(const unsigned char *blob, size_t len, const char **why)
{
	size_t off, blob_len;

	return mp_btf_find(blob, len, &off, &blob_len, why);
}

/* the reason mp_btf_find() gives, or "accepted" */
static const char *refused(const unsigned char *blob, size_t len)
{
	const char *why;

	return find(blob, len, &why) ? why : "accepted";
}

static void test_truncated_blob(void)
{
	unsigned char blob[4096];
	struct bb bb;
	size_t len, n;
	mp_u64 size;
	bool all = true;
	const char *why;

	TEST("every truncation of a blob is refused");
	len = small_blob(blob, &bb);
	CHECK(!strcmp(refused(blob, len), "accepted"));
	for (n = 0; n < len; n++) {
		bool ok = find(blob, n, &why) == -MP_ERR_BADINPUT && why && *why &&
			  size_of(blob, n, "device_node", &size) == -MP_ERR_BADINPUT;

		if (!ok)
			fprintf(stderr, "truncated to %zu: %s\n", n, why ? why : "(no reason)");
		all &= ok;
	}
	CHECK(all);
	CHECK(!strcmp(refused(blob, 23), "truncated BTF header"));
	CHECK(!strcmp(refused(blob, len - 1), "truncated string section"));
	CHECK(!strcmp(refused(blob, 24 + 8), "truncated type section"));
}

static const char nothing[] = "no BTF: not raw BTF, an ELF with .BTF or an arm64 Image carrying one";

/* @blob with the u32 at @at set to @v (or the byte, for @at < 4) */
static const char *lie(const unsigned char *good, size_t len, size_t at, mp_u32 v, bool byte)
{
	static unsigned char blob[4096];

	memcpy(blob, good, len);
	if (byte)
		blob[at] = (unsigned char)v;
	else
		put_le32(blob + at, v);
	return refused(blob, len);
}

static void test_header_lies(void)
{
	unsigned char good[4096], blob[4096];
	struct bb bb;
	size_t len, tlen, slen, t2;
	mp_u64 size;

	TEST("header lies");
	len = small_blob(good, &bb);
	tlen = bb.tlen;
	slen = bb.slen;
	t2 = 24 + 16; /* the second type, struct device_node */
	CHECK(!strcmp(lie(good, len, 12, 0x7fffffff, false), "truncated type section"));
	CHECK(!strcmp(lie(good, len, 12, (mp_u32)(tlen + slen), false),
		      "type and string sections overlap or are out of place"));
	CHECK(!strcmp(lie(good, len, 16, (mp_u32)(tlen - 4), false),
		      "type and string sections overlap or are out of place"));
	CHECK(!strcmp(lie(good, len, 16, (mp_u32)(tlen + 1), false), "truncated string section"));
	CHECK(!strcmp(lie(good, len, 16, 0xffffffff, false), "truncated string section"));
	CHECK(!strcmp(lie(good, len, 20, (mp_u32)(slen + 1), false), "truncated string section"));
	CHECK(!strcmp(lie(good, len, 20, 0, false), "string section not NUL-delimited"));
	CHECK(!strcmp(lie(good, len, 4, 20, false), "bad BTF header length"));
	CHECK(!strcmp(lie(good, len, 4, 0xffffffff, false), "bad BTF header length"));
	CHECK(!strcmp(lie(good, len, 2, 2, true), "unsupported BTF version or flags"));
	CHECK(!strcmp(lie(good, len, 3, 1, true), "unsupported BTF version or flags"));
	CHECK(!strcmp(lie(good, len, 0, 0xeb, true), nothing)); /* not taken for BTF */
	memcpy(blob, good, len);
	blob[0] = 0xeb;
	CHECK_EQ(size_of(blob, len, "device_node", &size), ERR(-MP_ERR_BADINPUT));
	CHECK(!strcmp(lie(good, len, 24 + tlen, 'x', true), "string section not NUL-delimited"));
	CHECK(!strcmp(lie(good, len, len - 1, 'x', true), "string section not NUL-delimited"));

	TEST("type lies");
	CHECK(!strcmp(lie(good, len, t2, (mp_u32)slen, false),
		      "type name beyond the string section"));
	CHECK(!strcmp(lie(good, len, t2, (mp_u32)slen - 1, false), "accepted")); /* "" */
	CHECK(!strcmp(lie(good, len, t2 + 4, 0, false), "unknown BTF type kind"));
	CHECK(!strcmp(lie(good, len, t2 + 4, 20u << 24, false), "unknown BTF type kind"));
	CHECK(!strcmp(lie(good, len, t2 + 4, 31u << 24, false), "unknown BTF type kind"));
	CHECK(!strcmp(lie(good, len, t2 + 4, KIND_STRUCT << 24 | 1, false),
		      "truncated type section"));
	CHECK(!strcmp(lie(good, len, t2 + 4, KIND_STRUCT << 24 | 0xffff, false),
		      "truncated type section"));
	/* a type section that ends inside a type, strings where they were */
	CHECK(!strcmp(lie(good, len, 12, (mp_u32)tlen - 2, false), "truncated type section"));
	/* a bad type is refused also where it follows the struct asked for */
	memcpy(blob, good, len);
	put_le32(blob + 24 + tlen - 8, 0);
	CHECK_EQ(size_of(blob, len, "device_node", &size), ERR(-MP_ERR_BADINPUT));

	TEST("big-endian BTF is refused with its reason");
	memcpy(blob, good, len);
	blob[0] = 0xeb;
	blob[1] = 0x9f;
	CHECK(!strcmp(refused(blob, len), "big-endian BTF is not supported"));

	TEST("a longer header is read when its extra fields are zero (btf_parse_hdr())");
	memcpy(blob, good, 24);
	put_le32(blob + 4, 28);
	put_le32(blob + 24, 0);
	memcpy(blob + 28, good + 24, len - 24);
	CHECK(!strcmp(refused(blob, len + 4), "accepted"));
	CHECK_EQ(sz(blob, len + 4, "device_node"), 208);
	blob[26] = 1;
	CHECK(!strcmp(refused(blob, len + 4), "unknown BTF header fields"));

	TEST("an empty type section");
	bb_init(&bb);
	len = bb_blob(&bb, blob);
	CHECK(!strcmp(refused(blob, len), "accepted"));
	CHECK_EQ(sz(blob, len, "page"), ERR(-MP_ENOENT));
}

static void test_not_btf(void)
{
	unsigned char text[] = "CONFIG_ARM64=y\n";
	size_t off, blob_len;
	const char *why = "untouched";

	TEST("not BTF at all");
	CHECK(!strcmp(refused(text, sizeof(text) - 1), nothing));
	CHECK(!strcmp(refused(text, 0), nothing));
	CHECK(!strcmp(refused(text, 1), nothing));
	CHECK_EQ(mp_btf_find(NULL, 10, &off, &blob_len, &why), ERR(-MP_ERR_BADARG));
	CHECK_EQ(mp_btf_find(text, 10, NULL, &blob_len, NULL), ERR(-MP_ERR_BADARG));
	CHECK_EQ(mp_btf_find(text, 10, &off, NULL, NULL), ERR(-MP_ERR_BADARG));
	CHECK_EQ(mp_btf_find(text, sizeof(text), &off, &blob_len, NULL), ERR(-MP_ERR_BADINPUT));
}

/* ------------------------------------------------------------------ */
/* The ELF container: a vmlinux's .BTF section.                        */

#define ELF_SH(e, i) ((e) + elf_shoff + (i) * 64)
static size_t elf_shoff;

/*
 * A minimal ELF64 little-endian file: header, @blob as section 1 named
 * @name, the section name table as section 2, the section headers.
 */
static size_t make_elf(unsigned char *e, const unsigned char *blob, size_t blen, const char *name)
{
	char shstr[64];
	size_t nlen = strlen(name), str_off, shstr_len;

	memset(e, 0, 8192);
	shstr[0] = '\0';
	memcpy(shstr + 1, name, nlen + 1);
	memcpy(shstr + 2 + nlen, ".shstrtab", 10);
	shstr_len = 12 + nlen;
	memcpy(e, "\177ELF\2\1\1", 7);
	put_le16(e + 0x10, 1);	  /* ET_REL */
	put_le16(e + 0x12, 183);  /* EM_AARCH64 */
	put_le32(e + 0x14, 1);
	put_le16(e + 0x34, 64);	  /* e_ehsize */
	memcpy(e + 64, blob, blen);
	str_off = 64 + blen;
	memcpy(e + str_off, shstr, shstr_len);
	elf_shoff = (str_off + shstr_len + 7) & ~(size_t)7;
	put_le64(e + 0x28, elf_shoff);
	put_le16(e + 0x3a, 64);	  /* e_shentsize */
	put_le16(e + 0x3c, 3);	  /* e_shnum */
	put_le16(e + 0x3e, 2);	  /* e_shstrndx */
	put_le32(ELF_SH(e, 1), 1);
	put_le32(ELF_SH(e, 1) + 4, 1); /* SHT_PROGBITS */
	put_le64(ELF_SH(e, 1) + 24, 64);
	put_le64(ELF_SH(e, 1) + 32, blen);
	put_le32(ELF_SH(e, 2), (mp_u32)(2 + nlen));
	put_le32(ELF_SH(e, 2) + 4, 3); /* SHT_STRTAB */
	put_le64(ELF_SH(e, 2) + 24, str_off);
	put_le64(ELF_SH(e, 2) + 32, shstr_len);
	return elf_shoff + 3 * 64;
}

static void test_elf_container(void)
{
	static const char *without = "ELF without a .BTF section (built without CONFIG_DEBUG_INFO_BTF?)";
	unsigned char blob[4096], e[8192], t[8192];
	struct bb bb;
	size_t blen, len, off = 0, blob_len = 0, n;
	const char *why;
	bool all = true;

	TEST("ELF with .BTF");
	blen = small_blob(blob, &bb);
	len = make_elf(e, blob, blen, ".BTF");
	CHECK(mp_btf_find(e, len, &off, &blob_len, &why) == 0, "%s", why);
	CHECK(off == 64 && blob_len == blen);
	CHECK_EQ(sz(e + off, blob_len, "device_node"), 208);
	/* the extended numbering of the gABI: counts in section 0 */
	memcpy(t, e, len);
	put_le16(t + 0x3c, 0);
	put_le64(ELF_SH(t, 0) + 32, 3);
	put_le16(t + 0x3e, 0xffff);
	put_le32(ELF_SH(t, 0) + 40, 2);
	CHECK(!strcmp(refused(t, len), "accepted"));

	TEST("ELF without .BTF");
	len = make_elf(e, blob, blen, ".BTF_ids"); /* vmlinux has both; only .BTF counts */
	CHECK(!strcmp(refused(e, len), without));
	len = make_elf(e, blob, blen, ".BTX");
	CHECK(!strcmp(refused(e, len), without));
	memcpy(t, e, len);
	put_le32(ELF_SH(t, 1), 0x7fffffff); /* sh_name beyond the name table: skipped */
	CHECK(!strcmp(refused(t, len), without));

	TEST("ELF header and section lies");
	len = make_elf(e, blob, blen, ".BTF");
	CHECK(!strcmp(lie(e, len, 4, 1, true), "not an ELF64 little-endian file"));
	CHECK(!strcmp(lie(e, len, 5, 2, true), "not an ELF64 little-endian file"));
	CHECK(!strcmp(lie(e, len, 0x28, 0, false), "ELF without a usable section header table"));
	CHECK(!strcmp(lie(e, len, 0x28, (mp_u32)len, false),
		      "ELF without a usable section header table"));
	CHECK(!strcmp(lie(e, len, 0x3a, 40, true), "ELF without a usable section header table"));
	CHECK(!strcmp(lie(e, len, 0x3c, 0xffff, false), "ELF section header table beyond the file"));
	CHECK(!strcmp(lie(e, len, 0x3e, 3, false), "ELF section header table beyond the file"));
	CHECK(!strcmp(lie(e, len, elf_shoff + 2 * 64 + 32, 0x10000, false),
		      "ELF section name table beyond the file"));
	CHECK(!strcmp(lie(e, len, elf_shoff + 64 + 4, 8, false), "ELF .BTF section beyond the file"));
	CHECK(!strcmp(lie(e, len, elf_shoff + 64 + 32, (mp_u32)len, false),
		      "ELF .BTF section beyond the file"));
	memcpy(t, e, len);
	put_le64(ELF_SH(t, 1) + 24, ~(mp_u64)0 - 8); /* offset + size wraps */
	CHECK(!strcmp(refused(t, len), "ELF .BTF section beyond the file"));
	memcpy(t, e, len);
	put_le64(ELF_SH(t, 0) + 32, ~(mp_u64)0 / 32); /* extended count: product would wrap */
	put_le16(t + 0x3c, 0);
	CHECK(!strcmp(refused(t, len), "ELF section header table beyond the file"));
	/* the blob inside is checked in full */
	CHECK(!strcmp(lie(e, len, 64 + 20, 0, false), "string section not NUL-delimited"));

	TEST("every truncation of the ELF is refused");
	CHECK(!strcmp(refused(e, 40), "truncated ELF header"));
	for (n = 0; n < len; n++)
		all &= find(e, n, &why) < 0;
	CHECK(all);
}

/* ------------------------------------------------------------------ */
/* The arm64 Image: .BTF found by its header in the data.              */

static size_t make_image(unsigned char *img, size_t size)
{
	memset(img, 0, size);
	put_le32(img, 0x14000010);	 /* b over the header */
	put_le64(img + 16, size);	 /* image_size */
	put_le64(img + 24, 0xa);	 /* LE, 4K, anywhere */
	memcpy(img + 0x38, "ARM\x64", 4); /* Documentation/arch/arm64/booting.rst */
	return size;
}

/* a header the scan takes for a candidate, whose only type has kind 0 */
static size_t put_decoy(unsigned char *at)
{
	memset(at, 0, 37);
	put_le16(at, 0xeb9f);
	at[2] = 1;
	put_le32(at + 4, 24);
	put_le32(at + 12, 12); /* type_len */
	put_le32(at + 16, 12); /* str_off */
	put_le32(at + 20, 1);  /* str_len: the empty string */
	return 37;
}

static void test_image_container(void)
{
	static unsigned char img[16384];
	unsigned char blob[4096];
	struct bb bb;
	size_t blen, len, off = 0, blob_len = 0, n, at;
	const char *why;
	bool all = true;
	int i;

	TEST("arm64 Image carrying BTF");
	blen = small_blob(blob, &bb);
	len = make_image(img, 8192);
	memcpy(img + 4100, blob, blen); /* 4-aligned, as in Debian's Images */
	CHECK(mp_btf_find(img, len, &off, &blob_len, &why) == 0, "%s", why);
	CHECK(off == 4100 && blob_len == blen);
	CHECK_EQ(sz(img + off, blob_len, "device_node"), 208);
	memmove(img + 4101, img + 4100, blen); /* anywhere, not only aligned */
	img[4100] = 0;
	CHECK(mp_btf_find(img, len, &off, &blob_len, &why) == 0 && off == 4101);

	TEST("a candidate that fails its check is passed over");
	put_decoy(img + 1000);
	CHECK(mp_btf_find(img, len, &off, &blob_len, &why) == 0 && off == 4101);
	/* not the kernel's layout (strings before types): not a candidate */
	memcpy(img + 2000, blob, 24);
	put_le32(img + 2000 + 8, 4);
	CHECK(mp_btf_find(img, len, &off, &blob_len, &why) == 0 && off == 4101);

	TEST("an Image without BTF");
	len = make_image(img, 8192);
	CHECK(!strcmp(refused(img, len),
		      "arm64 Image without BTF (built without CONFIG_DEBUG_INFO_BTF?)"));
	put_decoy(img + 1000);
	CHECK(!strcmp(refused(img, len), "unknown BTF type kind")); /* the last candidate's fault */
	len = make_image(img, 8192);
	memcpy(img + 8192 - blen + 1, blob, blen - 1);	/* cut at the Image's end */
	CHECK(!strcmp(refused(img, len), "truncated string section"));
	CHECK(!strcmp(refused(img, 63), nothing));

	TEST("at most MP_BTF_SCAN_CANDIDATES candidates are checked in full");
	len = make_image(img, sizeof(img));
	for (i = 0, at = 64; i < MP_BTF_SCAN_CANDIDATES - 1; i++)
		at += put_decoy(img + at);
	memcpy(img + at, blob, blen);
	CHECK(mp_btf_find(img, len, &off, &blob_len, &why) == 0 && off == at, "%s", why);
	memmove(img + at + 37, img + at, blen);
	put_decoy(img + at);
	CHECK(!strcmp(refused(img, len), "too many BTF-like headers in the Image"));

	TEST("every truncation of the Image is refused");
	len = make_image(img, 4096 + blen);
	memcpy(img + 4096, blob, blen);
	CHECK(!strcmp(refused(img, len), "accepted"));
	for (n = 0; n < len; n++)
		all &= find(img, n, &why) < 0;
	CHECK(all);
}

/* ------------------------------------------------------------------ */
/* Real kernels: subsets of Debian's Images (scripts/btf-subset.py).   */

struct real_sizes {
	const char *file;
	mp_u64 device_node, property, pglist_data, zone, page, mem_section, mem_section_usage,
		memblock_region, reserved_mem;
};

/*
 * Cut by scripts/btf-subset.py from the Images in the cache of
 * scripts/guest-fetch-612.sh and scripts/guest-fetch.sh: Debian's
 * linux-image-6.12.118+deb12-arm64 (4K pages) and -arm64-16k (6.12.118-1~deb12u1),
 * and linux-image-6.1.0-57-arm64 (6.1.192-3, the guest kernel of the e2e tests).  The same sizes were read
 * from the full Images by memplan's reader (tests/btf/run.sh checks subset
 * against Image for the 4K one).
 */
static const struct real_sizes real[] = {
	{ "btf-debian-6.12-4k.btf", 208, 104, 14144, 1728, 64, 32, 24, 24, 48 },
	{ "btf-debian-6.12-16k.btf", 208, 104, 14464, 1792, 64, 32, 24, 24, 48 },
	{ "btf-debian-6.1.btf", 208, 96, 11392, 1728, 64, 32, 24, 24, 56 },
};

static void test_debian_kernels(void)
{
	size_t i, len, off, blob_len;
	const char *why;
	char *buf;

	TEST("struct sizes of Debian's kernels");
	for (i = 0; i < MP_ARRAY_SIZE(real); i++) {
		const struct real_sizes *r = &real[i];
		const unsigned char *b;

		buf = test_data_load(r->file, &len);
		b = (const unsigned char *)buf;
		CHECK(mp_btf_find(b, len, &off, &blob_len, &why) == 0, "%s: %s", r->file, why);
		CHECK(off == 0 && blob_len == len, "%s", r->file);
		CHECK_EQ(sz(b, len, "device_node"), r->device_node);
		CHECK_EQ(sz(b, len, "property"), r->property);
		CHECK_EQ(sz(b, len, "pglist_data"), r->pglist_data);
		CHECK_EQ(sz(b, len, "zone"), r->zone);
		CHECK_EQ(sz(b, len, "page"), r->page);
		CHECK_EQ(sz(b, len, "mem_section"), r->mem_section);
		CHECK_EQ(sz(b, len, "mem_section_usage"), r->mem_section_usage);
		CHECK_EQ(sz(b, len, "memblock_region"), r->memblock_region);
		CHECK_EQ(sz(b, len, "reserved_mem"), r->reserved_mem);
		CHECK_EQ(sz(b, len, "task_struct"), ERR(-MP_ENOENT)); /* not in the subset */
		free(buf);
	}
}

int main(void)
{
	test_every_kind_skipped();
	test_struct_and_typedef_names();
	test_truncated_blob();
	test_header_lies();
	test_not_btf();
	test_elf_container();
	test_image_container();
	test_debian_kernels();
	return DONE();
}
