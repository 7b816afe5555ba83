/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * le_bytes.h - little-endian fields written into the binary inputs the unit
 * tests build by hand (BTF blobs, ELF headers, ACPI tables); the core reads
 * them back with mp_get_le16/32/64() (memplan_env.h).
 */
#ifndef MEMPLAN_TEST_LE_BYTES_H
#define MEMPLAN_TEST_LE_BYTES_H

#include "memplan_env.h"

static inline void put_le16(unsigned char *p, unsigned int v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static inline void put_le32(unsigned char *p, mp_u32 v)
{
	put_le16(p, v & 0xffff);
	put_le16(p + 2, v >> 16);
}

static inline void put_le64(unsigned char *p, mp_u64 v)
{
	put_le32(p, (mp_u32)v);
	put_le32(p + 4, (mp_u32)(v >> 32));
}

#endif /* MEMPLAN_TEST_LE_BYTES_H */
