/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * fuzz_input.h - how every target takes its input: an exact-size heap copy
 * (so ASan sees every read past the end, which libFuzzer's own buffer would
 * hide) and, for targets that drive several readers, a first selector byte.
 */
#ifndef MEMPLAN_FUZZ_INPUT_H
#define MEMPLAN_FUZZ_INPUT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* an exact-size copy of @data; aborts when malloc fails (never a silent skip) */
static inline void *fuzz_copy(const uint8_t *data, size_t size)
{
	void *buf = malloc(size ? size : 1);

	if (!buf)
		abort();
	memcpy(buf, data, size);
	return buf;
}

/* the first byte in @sel and a copy of the rest; NULL for an empty input */
static inline void *fuzz_take(const uint8_t *data, size_t *size, uint8_t *sel)
{
	if (*size < 1)
		return NULL;
	*sel = data[0];
	(*size)--;
	return fuzz_copy(data + 1, *size);
}

#endif
