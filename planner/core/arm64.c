// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * arm64.c - the arm64 memory-layout constants that depend on the page size,
 * in one place for the planner and every command that needs them.
 */
#include "internal.h"

mp_u64 mp_memstart_align(unsigned int page_shift)
{
	switch (page_shift) {
	case 12:	/* PUD_SHIFT 30 */
	case 14:	/* CONT_PMD_SHIFT = PMD_SHIFT 25 + CONT_PMD 5 */
		return MP_SZ_G;
	case 16:	/* PMD_SHIFT 29 (= SECTION_SIZE_BITS 29) */
		return 512 * MP_SZ_M;
	default:
		return 0;
	}
}

unsigned int mp_section_size_bits(unsigned int page_shift)
{
	switch (page_shift) {
	case 12:
	case 14:
		return 27;
	case 16:
		return 29;
	default:
		return 0;
	}
}
