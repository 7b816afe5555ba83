/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * hexdigit.h - the value of one hexadecimal digit, as the kernel's
 * _parse_integer() (lib/kstrtox.c) reads digits, for the core's number
 * parsing and for the boot-record readers (which build without the core:
 * this header includes nothing).
 */
#ifndef MEMPLAN_HEXDIGIT_H
#define MEMPLAN_HEXDIGIT_H

/**
 * mp_hex_digit() - the value of a digit in any base up to 16
 * @c: the character
 *
 * Return: 0-15, or 16 for a character that is no digit (so that a caller's
 * "value < base" test rejects it for every base).
 */
static inline int mp_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 16;
}

#endif
