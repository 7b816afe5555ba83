// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * btf.c - struct sizes from the kernel's BTF (BPF Type Format).
 *
 * The format is the kernel's Documentation/bpf/btf.rst with
 * include/uapi/linux/btf.h: a 24-byte header (u16 magic 0xeB9F, u8 version 1,
 * u8 flags 0, u32 hdr_len, then type_off, type_len, str_off, str_len, offsets
 * relative to the header's end), a type section and a string section.  The
 * type section is a sequence of 12-byte struct btf_type (name_off, info with
 * the kind in bits 24-28 and vlen in bits 0-15, size or type), each followed
 * by kind-specific data; type ids count from 1 in that order (0 is void).
 * Nothing indexes the types, so every lookup walks the section, and the walk
 * must know every kind's trailing data to find the next type.
 *
 * Where the blob is: /sys/kernel/btf/vmlinux is the raw blob; a vmlinux
 * carries it as the ELF section ".BTF" (the kernel's link step,
 * scripts/link-vmlinux.sh, with pahole); an arm64 Image is vmlinux's loadable
 * sections copied out (objcopy -O binary), so .BTF is in it without any
 * section table, found by its header alone.
 *
 * Every offset and length is checked before use: a file given with --btf is
 * untrusted input, as a DTB is.
 */
#include "memplan.h"
#include "memplan_btf.h"

#define BTF_MAGIC 0xeb9f
#define BTF_VERSION 1
#define BTF_HDR_LEN 24	/* sizeof(struct btf_header) */
#define BTF_TYPE_LEN 12 /* sizeof(struct btf_type) */

/* the kinds of include/uapi/linux/btf.h that matter here */
#define BTF_KIND_STRUCT 4
#define BTF_KIND_TYPEDEF 8
#define BTF_KIND_VOLATILE 9
#define BTF_KIND_CONST 10
#define BTF_KIND_RESTRICT 11
#define BTF_KIND_TYPE_TAG 18
#define BTF_KIND_MAX 19 /* BTF_KIND_ENUM64 */

/* a typedef chain longer than this is taken as a loop (hostile input) */
#define BTF_MAX_CHAIN 32

/*
 * The data after struct btf_type, per kind (btf.rst §2.2): a fixed part plus
 * one entry per vlen.  Kind 0 (UNKN) and kinds past ENUM64 do not exist.
 */
static const struct {
	unsigned char fixed, per_vlen;
} btf_trailer[BTF_KIND_MAX + 1] = {
	[1] = { 4, 0 },	  /* INT: u32 encoding, offset, bits */
	[2] = { 0, 0 },	  /* PTR */
	[3] = { 12, 0 },  /* ARRAY: struct btf_array */
	[4] = { 0, 12 },  /* STRUCT: struct btf_member per member */
	[5] = { 0, 12 },  /* UNION: the same */
	[6] = { 0, 8 },	  /* ENUM: struct btf_enum per value */
	[7] = { 0, 0 },	  /* FWD */
	[8] = { 0, 0 },	  /* TYPEDEF */
	[9] = { 0, 0 },	  /* VOLATILE */
	[10] = { 0, 0 },  /* CONST */
	[11] = { 0, 0 },  /* RESTRICT */
	[12] = { 0, 0 },  /* FUNC: vlen is the linkage, no data */
	[13] = { 0, 8 },  /* FUNC_PROTO: struct btf_param per parameter */
	[14] = { 4, 0 },  /* VAR: struct btf_var */
	[15] = { 0, 12 }, /* DATASEC: struct btf_var_secinfo per variable */
	[16] = { 0, 0 },  /* FLOAT */
	[17] = { 4, 0 },  /* DECL_TAG: struct btf_decl_tag */
	[18] = { 0, 0 },  /* TYPE_TAG */
	[19] = { 0, 12 }, /* ENUM64: struct btf_enum64 per value */
};

/* the two sections of a checked blob */
struct btf_view {
	const unsigned char *types, *strs;
	mp_u64 type_len, str_len;
};

/* one decoded struct btf_type */
struct btf_type {
	mp_u32 name_off, kind, ref; /* ref: "size" or "type", by kind */
};

/*
 * Check a blob's header and the place of its sections; fill @v and the
 * blob's length (header and both sections) in @used.  @scanning: a candidate
 * found in an Image by its bytes, held to the layout the kernel's build
 * writes (hdr_len 24, types first, strings right after them), which makes a
 * chance match in code or data unlikely.
 */
static int btf_open(const unsigned char *b, mp_u64 len, bool scanning, struct btf_view *v,
		    mp_u64 *used, const char **why)
{
	mp_u64 hdr_len, type_off, type_len, str_off, str_len, body, type_end, str_end, i;

	if (len < BTF_HDR_LEN) {
		*why = "truncated BTF header";
		return -MP_ERR_BADINPUT;
	}
	if (mp_get_le16(b) != BTF_MAGIC) {
		/* the magic reads 0x9feb when the producer was big-endian */
		*why = mp_get_le16(b) == 0x9feb ? "big-endian BTF is not supported" :
						  "bad BTF magic";
		return -MP_ERR_BADINPUT;
	}
	if (b[2] != BTF_VERSION || b[3] != 0) {
		*why = "unsupported BTF version or flags";
		return -MP_ERR_BADINPUT;
	}
	hdr_len = mp_get_le32(b + 4);
	if (hdr_len < BTF_HDR_LEN || hdr_len > len || (scanning && hdr_len != BTF_HDR_LEN)) {
		*why = "bad BTF header length";
		return -MP_ERR_BADINPUT;
	}
	/* a longer header of a newer writer is read as the kernel's btf_parse_hdr()
	 * does: only when the fields it does not know are zero */
	for (i = BTF_HDR_LEN; i < hdr_len; i++)
		if (b[i]) {
			*why = "unknown BTF header fields";
			return -MP_ERR_BADINPUT;
		}
	type_off = mp_get_le32(b + 8);
	type_len = mp_get_le32(b + 12);
	str_off = mp_get_le32(b + 16);
	str_len = mp_get_le32(b + 20);
	body = len - hdr_len;
	if (mp_add_overflows(type_off, type_len, &type_end) || type_end > body) {
		*why = "truncated type section";
		return -MP_ERR_BADINPUT;
	}
	if (mp_add_overflows(str_off, str_len, &str_end) || str_end > body) {
		*why = "truncated string section";
		return -MP_ERR_BADINPUT;
	}
	if (scanning ? type_off != 0 || str_off != type_end
		     : type_off < str_end && str_off < type_end) {
		*why = "type and string sections overlap or are out of place";
		return -MP_ERR_BADINPUT;
	}
	v->types = b + hdr_len + type_off;
	v->type_len = type_len;
	v->strs = b + hdr_len + str_off;
	v->str_len = str_len;
	/* btf.rst §2.1: the first string is the empty one; a NUL last makes
	 * every name_off inside the section the start of a terminated string */
	if (!str_len || v->strs[0] || v->strs[str_len - 1]) {
		*why = "string section not NUL-delimited";
		return -MP_ERR_BADINPUT;
	}
	*used = hdr_len + (type_end > str_end ? type_end : str_end);
	return 0;
}

/*
 * Decode the type at *@pos of the type section and move *@pos past its
 * trailing data.  Invariant: *@pos <= type_len.
 */
static int btf_next(const struct btf_view *v, mp_u64 *pos, struct btf_type *t, const char **why)
{
	const unsigned char *p = v->types + *pos;
	mp_u64 data, next;
	mp_u32 info;

	if (v->type_len - *pos < BTF_TYPE_LEN) {
		*why = "truncated type section";
		return -MP_ERR_BADINPUT;
	}
	t->name_off = mp_get_le32(p);
	info = mp_get_le32(p + 4);
	t->ref = mp_get_le32(p + 8);
	t->kind = (info >> 24) & 0x1f;
	if (!t->kind || t->kind > BTF_KIND_MAX) {
		*why = "unknown BTF type kind";
		return -MP_ERR_BADINPUT;
	}
	if (t->name_off >= v->str_len) {
		*why = "type name beyond the string section";
		return -MP_ERR_BADINPUT;
	}
	/* vlen is 16 bits: data is at most 12 * 65535 bytes */
	data = btf_trailer[t->kind].fixed + (mp_u64)btf_trailer[t->kind].per_vlen * (info & 0xffff);
	if (mp_add_overflows(*pos + BTF_TYPE_LEN, data, &next) || next > v->type_len) {
		*why = "truncated type section";
		return -MP_ERR_BADINPUT;
	}
	*pos = next;
	return 0;
}

/* Walk the whole type section: every type must decode. */
static int btf_check_types(const struct btf_view *v, const char **why)
{
	struct btf_type t;
	mp_u64 pos = 0;
	int ret;

	while (pos < v->type_len) {
		ret = btf_next(v, &pos, &t, why);
		if (ret)
			return ret;
	}
	return 0;
}

/* btf_open() and btf_check_types(): @b[0, @len) holds a valid blob */
static int btf_check(const unsigned char *b, mp_u64 len, bool scanning, mp_u64 *used,
		     const char **why)
{
	struct btf_view v;
	int ret;

	ret = btf_open(b, len, scanning, &v, used, why);
	return ret ? ret : btf_check_types(&v, why);
}

/* one ELF64 section header (Elf64_Shdr) */
struct elf_shdr {
	mp_u32 name, type, link;
	mp_u64 offset, size;
};

#define ELF_SHDR_LEN 64
#define ELF_SHT_NOBITS 8
#define ELF_SHN_XINDEX 0xffff

/* Section header @i of the table at @shoff, which is known to hold it. */
static void elf_shdr(const unsigned char *b, mp_u64 shoff, mp_u64 i, struct elf_shdr *s)
{
	const unsigned char *p = b + shoff + i * ELF_SHDR_LEN;

	s->name = mp_get_le32(p);
	s->type = mp_get_le32(p + 4);
	s->offset = mp_get_le64(p + 24);
	s->size = mp_get_le64(p + 32);
	s->link = mp_get_le32(p + 40);
}

/* whether [@off, @off + @size) lies within @len bytes */
static bool in_bounds(mp_u64 off, mp_u64 size, mp_u64 len)
{
	mp_u64 end;

	return !mp_add_overflows(off, size, &end) && end <= len;
}

/*
 * The ".BTF" section of an ELF64 little-endian file (the System V gABI's
 * header layout).  The section count and the name table's index may be in
 * section 0 when they do not fit the ELF header (SHN_XINDEX): read them
 * there too.
 */
static int find_elf(const unsigned char *b, mp_u64 len, size_t *off, size_t *blob_len,
		    const char **why)
{
	mp_u64 shoff, shnum, shstrndx, i, used;
	struct elf_shdr s, names;

	if (len < 64 || b[4] != 2 || b[5] != 1) {
		*why = len < 64 ? "truncated ELF header" : "not an ELF64 little-endian file";
		return -MP_ERR_BADINPUT;
	}
	shoff = mp_get_le64(b + 0x28);
	shnum = mp_get_le16(b + 0x3c);
	shstrndx = mp_get_le16(b + 0x3e);
	if (mp_get_le16(b + 0x3a) != ELF_SHDR_LEN || !shoff ||
	    !in_bounds(shoff, ELF_SHDR_LEN, len)) {
		*why = "ELF without a usable section header table";
		return -MP_ERR_BADINPUT;
	}
	elf_shdr(b, shoff, 0, &s);
	if (!shnum)
		shnum = s.size;
	if (shstrndx == ELF_SHN_XINDEX)
		shstrndx = s.link;
	/* shnum > len / 64 cannot fit; this also keeps the product from overflowing */
	if (shnum > len / ELF_SHDR_LEN || !in_bounds(shoff, shnum * ELF_SHDR_LEN, len) ||
	    shstrndx >= shnum) {
		*why = "ELF section header table beyond the file";
		return -MP_ERR_BADINPUT;
	}
	elf_shdr(b, shoff, shstrndx, &names);
	if (names.type == ELF_SHT_NOBITS || !in_bounds(names.offset, names.size, len)) {
		*why = "ELF section name table beyond the file";
		return -MP_ERR_BADINPUT;
	}
	for (i = 0; i < shnum; i++) {
		elf_shdr(b, shoff, i, &s);
		if (s.name >= names.size || names.size - s.name < sizeof(".BTF") ||
		    mp_memcmp(b + names.offset + s.name, ".BTF", sizeof(".BTF")))
			continue;
		if (s.type == ELF_SHT_NOBITS || !in_bounds(s.offset, s.size, len)) {
			*why = "ELF .BTF section beyond the file";
			return -MP_ERR_BADINPUT;
		}
		if (btf_check(b + s.offset, s.size, false, &used, why))
			return -MP_ERR_BADINPUT;
		*off = s.offset;
		*blob_len = s.size;
		return 0;
	}
	*why = "ELF without a .BTF section (built without CONFIG_DEBUG_INFO_BTF?)";
	return -MP_ERR_BADINPUT;
}

/*
 * The BTF blob inside an arm64 Image.  The Image has no section table, so
 * the blob is found by its header: magic, version 1, flags 0, hdr_len 24,
 * type_off 0, as the kernel's build writes it.  Each candidate is checked in
 * full (header, sections inside the Image, every type); the first that
 * passes wins.  Only MP_BTF_SCAN_CANDIDATES candidates get the full check, so
 * an Image full of fake headers costs a bounded time.
 */
static int find_image(const unsigned char *b, mp_u64 len, size_t *off, size_t *blob_len,
		      const char **why)
{
	static const unsigned char head[12] = { 0x9f, 0xeb, BTF_VERSION, 0, BTF_HDR_LEN, 0, 0, 0,
						0,    0,    0,		 0 };
	const char *last = NULL;
	unsigned int tried = 0;
	mp_u64 i, used;

	for (i = 64; len - i >= BTF_HDR_LEN; i++) {
		struct btf_view v;

		if (b[i] != head[0] || mp_memcmp(b + i, head, sizeof(head)))
			continue;
		if (btf_open(b + i, len - i, true, &v, &used, &last))
			continue;
		if (tried++ == MP_BTF_SCAN_CANDIDATES) {
			*why = "too many BTF-like headers in the Image";
			return -MP_ERR_BADINPUT;
		}
		if (btf_check_types(&v, &last))
			continue;
		*off = i;
		*blob_len = used;
		return 0;
	}
	*why = last ? last : "arm64 Image without BTF (built without CONFIG_DEBUG_INFO_BTF?)";
	return -MP_ERR_BADINPUT;
}

int mp_btf_find(const void *buf, size_t len, size_t *off, size_t *blob_len, const char **why)
{
	static const unsigned char image_magic[4] = { 'A', 'R', 'M', 0x64 };
	const unsigned char *b = buf;
	const char *unused;
	mp_u64 used;
	int ret;

	if (!why)
		why = &unused;
	*why = NULL;
	if (!buf || !off || !blob_len) {
		*why = "invalid argument";
		return -MP_ERR_BADARG;
	}
	if (len >= 2 && (mp_get_le16(b) == BTF_MAGIC || mp_get_le16(b) == 0x9feb)) {
		ret = btf_check(b, len, false, &used, why);
		if (ret)
			return ret;
		*off = 0;
		*blob_len = used;
		return 0;
	}
	if (len >= 4 && !mp_memcmp(b, "\177ELF", 4))
		return find_elf(b, len, off, blob_len, why);
	/* Documentation/arch/arm64/booting.rst: the Image's magic at offset 0x38 */
	if (len >= 64 && !mp_memcmp(b + 0x38, image_magic, 4))
		return find_image(b, len, off, blob_len, why);
	*why = "no BTF: not raw BTF, an ELF with .BTF or an arm64 Image carrying one";
	return -MP_ERR_BADINPUT;
}

/*
 * The type with id @id (1-based, in section order), or -MP_ENOENT.  The
 * section was checked in full before, so the walk cannot fail.
 */
static int btf_type_by_id(const struct btf_view *v, mp_u32 id, struct btf_type *t)
{
	const char *why;
	mp_u64 pos = 0;
	mp_u32 n;

	for (n = 1; id && pos < v->type_len; n++) {
		if (btf_next(v, &pos, t, &why))
			return -MP_ERR_BADINPUT;
		if (n == id)
			return 0;
	}
	return -MP_ENOENT;
}

/* Follow a typedef through typedefs and qualifiers to a struct's size. */
static int btf_typedef_size(const struct btf_view *v, mp_u32 id, mp_u64 *size)
{
	struct btf_type t;
	unsigned int hops;
	int ret;

	for (hops = 0; hops < BTF_MAX_CHAIN; hops++) {
		ret = btf_type_by_id(v, id, &t);
		if (ret)
			return ret;
		switch (t.kind) {
		case BTF_KIND_STRUCT:
			*size = t.ref;
			return 0;
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			id = t.ref;
			break;
		default:
			return -MP_ENOENT; /* a typedef of an int, a union, ... */
		}
	}
	return -MP_ENOENT;
}

int mp_btf_struct_size(const void *blob, size_t blob_len, const char *name, mp_u64 *size)
{
	bool found = false, ambiguous = false, have_typedef = false;
	mp_u32 typedef_ref = 0;
	mp_u64 pos = 0, used, found_size = 0;
	struct btf_view v;
	struct btf_type t;
	const char *why;

	if (!blob || !name || !*name || !size)
		return -MP_ERR_BADARG;
	if (btf_open(blob, blob_len, false, &v, &used, &why))
		return -MP_ERR_BADINPUT;
	while (pos < v.type_len) {
		if (btf_next(&v, &pos, &t, &why))
			return -MP_ERR_BADINPUT;
		if (!mp_streq((const char *)v.strs + t.name_off, name))
			continue;
		if (t.kind == BTF_KIND_STRUCT) {
			ambiguous |= found && found_size != t.ref;
			found_size = t.ref;
			found = true;
		} else if (t.kind == BTF_KIND_TYPEDEF && !have_typedef) {
			typedef_ref = t.ref; /* the first typedef of that name */
			have_typedef = true;
		}
	}
	if (ambiguous)
		return -MP_EINVAL;
	if (found) {
		*size = found_size;
		return 0;
	}
	return have_typedef ? btf_typedef_size(&v, typedef_ref, size) : -MP_ENOENT;
}
