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

/*
 * asm/memory.h 6.12: VA_BITS_MIN, vabits_actual, PAGE_END, _PAGE_OFFSET();
 * asm/pgtable-prot.h 6.12: PHYS_MASK_SHIFT with CONFIG_ARM64_LPA2;
 * arch/arm64/Kconfig: ARM64_LPA2 = ARM64_PA_BITS_52 && !ARM64_64K_PAGES.
 */
int mp_arm64_bits(const struct mp_kconfig *kc, bool cpu_va52, struct mp_arm64_bits *out)
{
	unsigned int s = kc->page_shift, va = kc->va_bits, pa = kc->pa_bits;
	struct mp_arm64_bits b;

	if ((s != 12 && s != 14 && s != 16) || va < 36 || va > 52 || pa < 32 || pa > 52)
		return -MP_ERR_BADARG;
	b.va_bits_min = va > 48 ? (s == 14 ? 47 : 48) : va;
	b.va_bits_actual = va > 48 && !cpu_va52 ? b.va_bits_min : va;
	b.phys_mask_shift = pa == 52 && s != 16 && !cpu_va52 ? 48 : pa;
	/* (vabits - PAGE_SHIFT) / (PAGE_SHIFT - 3) levels above the page offset */
	b.pgtable_levels = (b.va_bits_actual - 4) / (s - 3);
	b.linear_size = (1ULL << b.va_bits_actual) - (1ULL << (b.va_bits_min - 1));
	*out = b;
	return 0;
}
