/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memplan_acpi.h - the ACPI tables a plan reads: the IORT (IO Remapping
 * Table, Arm DEN 0049) and the ZONE_DMA limit Linux takes from it.
 *
 * On an ACPI boot arm64's zone_sizes_init() (arch/arm64/mm/init.c) bounds
 * ZONE_DMA by acpi_iort_dma_get_max_cpu_address() (drivers/acpi/arm64/iort.c,
 * the same function in 6.1 and 6.12) as well as by the DT's dma-ranges.
 * mp_iort_parse() reads the table as /sys/firmware/acpi/tables/IORT gives it
 * and computes that limit; a plan takes the result through mp_input.iort.
 * The reader works on caller memory only and checks every offset and length
 * first: the table is untrusted input.
 */
#ifndef MEMPLAN_ACPI_H
#define MEMPLAN_ACPI_H

#include "memplan_env.h"

/* the node types of Arm DEN 0049 (ACPICA's enum acpi_iort_node_type) */
enum mp_iort_node_type {
	MP_IORT_ITS_GROUP,
	MP_IORT_NAMED_COMPONENT,
	MP_IORT_ROOT_COMPLEX,
	MP_IORT_SMMU,
	MP_IORT_SMMU_V3,
	MP_IORT_PMCG,
	MP_IORT_RMR,
	MP_IORT_OTHER,		/* any type above RMR: counted, not read */
	MP_IORT_NODE_TYPES
};

/* room for mp_iort_parse()'s one-line reason */
#define MP_IORT_WHY_LEN 160

/**
 * struct mp_iort - what a plan uses of an IORT, and a summary for the writers
 * @dma_max: acpi_iort_dma_get_max_cpu_address(): the highest address every
 *	device can reach (inclusive), MP_U64_MAX for no limit
 * @length: the table's length (its header's, equal to the file's)
 * @revision: the table's revision (QEMU 7.2 writes 3, Arm DEN 0049E.b)
 * @checksum_ok: the bytes add up to 0 modulo 256 (the kernel reads a table
 *	with a bad checksum all the same; see mp_iort_parse())
 * @checksum: the header's checksum byte
 * @checksum_want: the byte that would make the sum 0
 * @oem_id: the header's OEM ID, NUL-terminated ("BOCHS " for QEMU)
 * @nr_nodes: the nodes of the table (its node count)
 * @by_type: how many nodes of each &enum mp_iort_node_type
 * @nr_limits: the nodes whose memory address size limit the kernel reads:
 *	named components, and root complexes of revision 1 or later
 * @nr_rc_rev0: root complexes of revision 0, which have no limit field
 * @nr_bits_over_64: limits over 64 bits (see mp_iort_parse())
 * @has_limit_node: a node gives @dma_max (a limit of 0 bits is none)
 * @limit_type: that node's type (named component or root complex)
 * @limit_index: its position in the node array, from 0
 * @limit_offset: its byte offset in the table
 * @limit_bits: its memory address size limit, as the table holds it
 */
struct mp_iort {
	mp_u64 dma_max;
	mp_u32 length;
	unsigned int revision;
	bool checksum_ok;
	unsigned int checksum, checksum_want;
	char oem_id[7];
	mp_u32 nr_nodes;
	mp_u32 by_type[MP_IORT_NODE_TYPES];
	mp_u32 nr_limits, nr_rc_rev0, nr_bits_over_64;
	bool has_limit_node;
	enum mp_iort_node_type limit_type;
	mp_u32 limit_index, limit_offset;
	unsigned int limit_bits;
};

/**
 * mp_iort_parse() - read an IORT and the ZONE_DMA limit Linux takes from it
 * @table: the table as /sys/firmware/acpi/tables/IORT gives it (the ACPI
 *	header, the IORT header, the node array), little-endian
 * @len: bytes at @table
 * @out: the limit and the summary (zeroed first)
 * @why: on failure one line saying what is wrong and where; may be NULL
 * @whylen: bytes at @why
 *
 * Mirrors acpi_iort_dma_get_max_cpu_address() of Linux 6.1 and 6.12 (the
 * same code): over the node array, a named component's memory address size
 * limit and, when the node's revision is 1 or more, a root complex's, each as
 * DMA_BIT_MASK(bits); the smallest that is not 0 wins (min_not_zero()), so a
 * limit of 0 bits is none and 64 bits is all ones.  DMA_BIT_MASK() shifts by
 * a count over 64 too, which C leaves undefined; arm64 shifts by the count
 * modulo 64, and so does this (@nr_bits_over_64 counts them).
 *
 * The kernel reads the table before it verifies any checksum ("Early table
 * checksum verification disabled") and keeps it afterwards (ACPICA warns
 * "Incorrect checksum in table [IORT]" but ACPI_CHECKSUM_ABORT is off), so a
 * bad checksum is reported in @out, not refused.  The kernel trusts the
 * layout; this reader does not: the header's signature and length (which
 * must equal @len), the node array inside the table, a node count the table
 * can hold, every node of 16 bytes or more and inside the table, its ID
 * mappings inside the node and the limit byte it reads inside the node - any
 * miss is an error, so a node length of 0 cannot loop and no count can run
 * past the bytes.
 *
 * Return: 0, -MP_ERR_BADINPUT for a malformed table (@why says why), or
 * -MP_ERR_BADARG for a NULL @table or @out.
 */
int mp_iort_parse(const void *table, size_t len, struct mp_iort *out, char *why, size_t whylen);

/**
 * mp_iort_node_type_name() - the name of an IORT node type, as JSON prints it
 * @t: the type
 *
 * Return: "its_group", "named_component", "root_complex", "smmu", "smmu_v3",
 * "pmcg", "rmr" or "other"; "?" for a value outside the enum.
 */
const char *mp_iort_node_type_name(enum mp_iort_node_type t);

#endif /* MEMPLAN_ACPI_H */
