// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * num.c - number parsing exactly as the kernel does it for boot parameters:
 * simple_strtoull() (lib/vsprintf.c + lib/kstrtox.c) and memparse()
 * (lib/cmdline.c); docs/kernel-model.md §2.1.
 */
#include "internal.h"
#include "hexdigit.h"

/*
 * simple_strtoull(s, &end, 0): base from the prefix ("0x" followed by a hex
 * digit: 16; a leading 0: 8; else 10), no sign or blanks, silent wrap on
 * overflow; @end == @s when no digit was consumed.
 */
mp_u64 mp_simple_strtoull(const char *s, const char **end)
{
	unsigned int base = 10;
	const char *p = s;
	mp_u64 v = 0;

	if (p[0] == '0') {
		if ((p[1] == 'x' || p[1] == 'X') && mp_hex_digit(p[2]) < 16) {
			base = 16;
			p += 2;
		} else {
			base = 8;
		}
	}
	while (mp_hex_digit(*p) < (int)base) {
		v = v * base + (mp_u64)mp_hex_digit(*p);
		p++;
	}
	*end = p;
	return v;
}

/* memparse(): a number and an optional K/M/G/T/P/E suffix (one char) */
mp_u64 mp_memparse(const char *s, const char **end)
{
	const char *p;
	mp_u64 v = mp_simple_strtoull(s, &p);
	unsigned int shift = 0;

	switch (*p) {
	case 'E':
	case 'e':
		shift = 60;
		break;
	case 'P':
	case 'p':
		shift = 50;
		break;
	case 'T':
	case 't':
		shift = 40;
		break;
	case 'G':
	case 'g':
		shift = 30;
		break;
	case 'M':
	case 'm':
		shift = 20;
		break;
	case 'K':
	case 'k':
		shift = 10;
		break;
	}
	if (shift) {
		v <<= shift;
		p++;
	}
	*end = p;
	return v;
}
