// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * iort.c - the ACPI IORT as input: the ZONE_DMA limit Linux takes from it,
 * acpi_iort_dma_get_max_cpu_address() (drivers/acpi/arm64/iort.c, the same
 * code in Linux 6.1 and 6.12), which zone_sizes_init() (arch/arm64/mm/init.c)
 * combines with the DT's limit (zones.c); docs/kernel-model.md §4.1.
 *
 * The layout is Arm DEN 0049 (IO Remapping Table) as ACPICA declares it in
 * include/acpi/actbl2.h, every structure packed and little-endian:
 *
 *   0  the ACPI table header (36 bytes: "IORT", length, revision, checksum,
 *      OEM ID, ...)
 *  36  node count (u32), offset of the node array (u32), reserved (u32)
 *      then nodes, each: type (u8), length (u16), revision (u8),
 *      identifier (u32), ID mapping count (u32), ID mapping offset (u32),
 *      then the type's own data; ID mappings are 20 bytes each.
 *
 * A named component holds its memory address size limit at byte 28 of the
 * node (flags u32, memory properties u64, then the limit); a root complex at
 * byte 32 (memory properties u64, ATS attribute u32, PCI segment u32, then the
 * limit), a field revision 1 of the node added (IORT issue D), which is why
 * the kernel reads it only from root complexes of revision 1 or later.
 */
#include "memplan.h"

#define ACPI_HDR_LEN 36
#define IORT_HDR_LEN 48		/* the ACPI header and node count, offset, reserved */
#define NODE_HDR_LEN 16
#define ID_MAPPING_LEN 20
#define NC_LIMIT_OFF 28		/* struct acpi_iort_named_component.memory_address_limit */
#define RC_LIMIT_OFF 32		/* struct acpi_iort_root_complex.memory_address_limit */

/* the reason of a malformed table into @why; returns -MP_ERR_BADINPUT */
static int MP_PRINTF(3, 4) bad(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (why && whylen) {
		va_start(ap, fmt);
		if (mp_vsnprintf(why, whylen, fmt, ap) < 0)
			why[0] = '\0';
		va_end(ap);
	}
	return -MP_ERR_BADINPUT;
}

/*
 * DMA_BIT_MASK(bits) (include/linux/dma-mapping.h, 6.1 and 6.12):
 * (1ULL << bits) - 1, all ones for 64.  The count is a byte of the table, so
 * it can exceed 64, where C leaves the shift undefined; the arm64 kernel's
 * LSL by register takes the count modulo 64, and so does this.
 */
static mp_u64 dma_bit_mask(unsigned int bits)
{
	if (bits == 64)
		return MP_U64_MAX;
	return (1ULL << (bits & 63)) - 1;
}

/* the four signature bytes, printable or '?', into @sig[5] */
static void signature(const unsigned char *t, char sig[5])
{
	int i;

	for (i = 0; i < 4; i++)
		sig[i] = t[i] >= 0x20 && t[i] < 0x7f ? (char)t[i] : '?';
	sig[4] = '\0';
}

/* the ACPI header, the IORT header and the checksum; 0 or -MP_ERR_BADINPUT */
static int read_header(const unsigned char *t, size_t len, struct mp_iort *out, char *why,
		       size_t whylen)
{
	mp_u32 length, i;
	unsigned int sum = 0;
	char sig[5];

	if (len < ACPI_HDR_LEN)
		return bad(why, whylen, "%zu bytes: shorter than an ACPI table header (36 bytes)",
			   len);
	signature(t, sig);
	if (mp_memcmp(t, "IORT", 4))
		return bad(why, whylen, "signature \"%s\": not an IORT", sig);
	length = mp_get_le32(t + 4);
	if (length > len)
		return bad(why, whylen, "truncated: the header's length is %u bytes, the file "
			   "has %zu", length, len);
	if (length < len)
		return bad(why, whylen, "the header's length is %u bytes, the file has %zu "
			   "(not one whole table)", length, len);
	if (length < IORT_HDR_LEN)
		return bad(why, whylen, "%u bytes: shorter than the IORT header (48 bytes)",
			   length);
	for (i = 0; i < length; i++)
		sum += t[i];
	out->length = length;
	out->revision = t[8];
	out->checksum = t[9];
	out->checksum_ok = !(sum & 0xff);
	out->checksum_want = (t[9] - sum) & 0xff;
	mp_memcpy(out->oem_id, t + 10, 6);
	out->oem_id[6] = '\0';
	return 0;
}

/*
 * One node at @off (@i in the array): checked, counted, and its limit taken
 * as acpi_iort_dma_get_max_cpu_address() takes it.  Sets *@nlen to the
 * node's length.  0 or -MP_ERR_BADINPUT.
 */
static int read_node(const unsigned char *t, mp_u32 off, mp_u32 i, struct mp_iort *out,
		     mp_u32 *nlen, char *why, size_t whylen)
{
	const unsigned char *n = t + off;
	mp_u32 room = out->length - off, maps, map_off, limit_off = 0;
	unsigned int type, rev, bits;
	mp_u64 local;

	if (room < NODE_HDR_LEN)
		return bad(why, whylen, "node %u at %#x: its 16-byte header runs past the end of "
			   "the table (%#x bytes)", i, off, out->length);
	type = n[0];
	*nlen = mp_get_le16(n + 1);
	rev = n[3];
	maps = mp_get_le32(n + 8);
	map_off = mp_get_le32(n + 12);
	if (*nlen < NODE_HDR_LEN)
		return bad(why, whylen, "node %u at %#x: length %u, less than a node header "
			   "(16 bytes)", i, off, *nlen);
	if (*nlen > room)
		return bad(why, whylen, "node %u at %#x: length %u runs past the end of the table "
			   "(%#x bytes)", i, off, *nlen, out->length);
	/* a count of up to 2^32 mappings of 20 bytes and an offset: no overflow in 64 bits */
	if (maps && (map_off < NODE_HDR_LEN ||
		     (mp_u64)maps * ID_MAPPING_LEN + map_off > *nlen))
		return bad(why, whylen, "node %u at %#x: %u ID mappings at offset %#x run past "
			   "its %u bytes", i, off, maps, map_off, *nlen);
	out->by_type[type < MP_IORT_OTHER ? type : MP_IORT_OTHER]++;
	if (type == MP_IORT_NAMED_COMPONENT)
		limit_off = NC_LIMIT_OFF;
	else if (type == MP_IORT_ROOT_COMPLEX && rev < 1)
		out->nr_rc_rev0++;	/* "if (node->revision < 1) break;" */
	else if (type == MP_IORT_ROOT_COMPLEX)
		limit_off = RC_LIMIT_OFF;
	if (!limit_off)
		return 0;
	/* the kernel reads the byte whatever the node's length says; memplan checks it */
	if (*nlen <= limit_off)
		return bad(why, whylen, "node %u at %#x: a %s of %u bytes has no memory address "
			   "size limit (byte %u)", i, off,
			   mp_iort_node_type_name((enum mp_iort_node_type)type), *nlen, limit_off);
	bits = n[limit_off];
	out->nr_limits++;
	if (bits > 64)
		out->nr_bits_over_64++;
	/* limit = min_not_zero(limit, DMA_BIT_MASK(bits)); the first node to give it is named */
	local = dma_bit_mask(bits);
	if (local && (!out->has_limit_node || local < out->dma_max)) {
		out->dma_max = local;
		out->has_limit_node = true;
		out->limit_type = (enum mp_iort_node_type)type;
		out->limit_index = i;
		out->limit_offset = off;
		out->limit_bits = bits;
	}
	return 0;
}

int mp_iort_parse(const void *table, size_t len, struct mp_iort *out, char *why, size_t whylen)
{
	const unsigned char *t = table;
	mp_u32 count, off, i, nlen = 0;
	int err;

	if (why && whylen)
		why[0] = '\0';
	if (!table || !out)
		return -MP_ERR_BADARG;
	mp_memset(out, 0, sizeof(*out));
	/* PHYS_ADDR_MAX: what the kernel returns without an IORT, or with no limit in it */
	out->dma_max = MP_U64_MAX;
	err = read_header(t, len, out, why, whylen);
	if (err)
		return err;
	count = mp_get_le32(t + 36);
	off = mp_get_le32(t + 40);
	out->nr_nodes = count;
	if (!count)
		return 0;
	if (off < IORT_HDR_LEN || off >= out->length)
		return bad(why, whylen, "the node array's offset %#x lies outside the table "
			   "(%#x to %#x)", off, IORT_HDR_LEN, out->length - 1);
	/* every node takes 16 bytes or more: the count is bounded by the table */
	if (count > (out->length - off) / NODE_HDR_LEN)
		return bad(why, whylen, "%u nodes cannot fit: the %u bytes from the node array's "
			   "offset %#x hold at most %u", count, out->length - off, off,
			   (out->length - off) / NODE_HDR_LEN);
	/*
	 * acpi_iort_dma_get_max_cpu_address(): for (i = 0; i < node_count; i++),
	 * stopping at the table's end; here every node must lie inside it, and
	 * each one advances by at least its 16-byte header
	 */
	for (i = 0; i < count; i++) {
		err = read_node(t, off, i, out, &nlen, why, whylen);
		if (err)
			return err;
		off += nlen;
	}
	return 0;
}
