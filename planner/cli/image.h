/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * image.h - read the arm64 Image header (Documentation/arch/arm64/booting.rst).
 */
#ifndef MEMPLAN_CLI_IMAGE_H
#define MEMPLAN_CLI_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARM64_IMAGE_MAGIC 0x644d5241u /* "ARM\x64", little-endian at offset 56 */
#define ARM64_IMAGE_HEADER_SIZE 64

struct cli_image_header {
	uint64_t text_offset; /* load offset from a 2 MiB aligned base */
	uint64_t image_size;  /* effective size: _end - _text */
	uint64_t flags;
	bool big_endian;     /* flags bit 0 */
	unsigned page_shift; /* flags bits 1-2: 12/14/16, 0 = unspecified */
	bool phys_anywhere;  /* flags bit 3: may be placed anywhere in RAM */
};

/**
 * cli_image_parse() - decode a 64-byte arm64 Image header
 * @buf: the first bytes of the file
 * @len: how many (at least 64 for success)
 * @hdr: the decoded fields
 * @err: why the file is not a usable Image (gzip'd vmlinuz, EFI zboot, bad
 *	magic, image_size 0 of a pre-3.17 kernel, ...)
 * @errlen: the size of @err
 *
 * Return: 0 or -1.
 */
int cli_image_parse(const unsigned char *buf, size_t len, struct cli_image_header *hdr, char *err,
		    size_t errlen);

/**
 * cli_image_read() - read an Image file's header and cli_image_parse() it
 * @path: the file ("-": standard input)
 * @hdr: the decoded fields
 * @err: the reason, naming the file
 * @errlen: the size of @err
 *
 * Return: 0 or -1.
 */
int cli_image_read(const char *path, struct cli_image_header *hdr, char *err, size_t errlen);

#endif /* MEMPLAN_CLI_IMAGE_H */
