// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * image.c - the arm64 Image header (arch/arm64/kernel/head.S, described in
 * Documentation/arch/arm64/booting.rst):
 *
 *	u32 code0, code1; u64 text_offset; u64 image_size; u64 flags;
 *	u64 res2, res3, res4; u32 magic = "ARM\x64"; u32 res5;
 *
 * all little-endian.  Only image_size matters to placement (the kernel
 * reserves [_text, _end)); the flags are returned for cross-checks.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "image.h"

static uint64_t get_le64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static uint32_t get_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int cli_image_parse(const unsigned char *buf, size_t len, struct cli_image_header *hdr, char *err,
		    size_t errlen)
{
	static const unsigned page_shift[4] = { 0, 12, 14, 16 };

	if (len >= 2 && buf[0] == 0x1f && buf[1] == 0x8b) {
		snprintf(err, errlen,
			 "gzip-compressed (a distribution vmlinuz?); "
			 "decompress it first: zcat FILE > Image");
		return -1;
	}
	/* EFI zboot (CONFIG_EFI_ZBOOT): "MZ" then "zimg" at offset 4 */
	if (len >= 8 && buf[0] == 'M' && buf[1] == 'Z' && !memcmp(buf + 4, "zimg", 4)) {
		snprintf(err, errlen,
			 "an EFI zboot image (compressed); extract the Image "
			 "payload first");
		return -1;
	}
	if (len < ARM64_IMAGE_HEADER_SIZE) {
		snprintf(err, errlen, "too short for an arm64 Image header (%zu of 64 bytes)", len);
		return -1;
	}
	if (get_le32(buf + 56) != ARM64_IMAGE_MAGIC) {
		snprintf(err, errlen,
			 "not an arm64 Image: bad magic 0x%08x at offset 56 "
			 "(expected 0x%08x, \"ARM\\x64\")",
			 get_le32(buf + 56), ARM64_IMAGE_MAGIC);
		return -1;
	}
	hdr->text_offset = get_le64(buf + 8);
	hdr->image_size = get_le64(buf + 16);
	hdr->flags = get_le64(buf + 24);
	if (!hdr->image_size) {
		snprintf(err, errlen,
			 "image_size is 0 (a kernel older than 3.17); "
			 "give --image-size instead");
		return -1;
	}
	hdr->big_endian = hdr->flags & 1;
	hdr->page_shift = page_shift[(hdr->flags >> 1) & 3];
	hdr->phys_anywhere = (hdr->flags >> 3) & 1;
	return 0;
}

int cli_image_read(const char *path, struct cli_image_header *hdr, char *err, size_t errlen)
{
	unsigned char buf[ARM64_IMAGE_HEADER_SIZE];
	char why[160];
	size_t len;
	FILE *f;

	f = strcmp(path, "-") ? fopen(path, "rb") : stdin;	/* "-": standard input */
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	len = fread(buf, 1, sizeof(buf), f);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path,
			 errno == EISDIR ? "is a directory" : strerror(errno ? errno : EIO));
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	if (!len) {
		snprintf(err, errlen, "%s: empty file", path);
		return -1;
	}
	if (cli_image_parse(buf, len, hdr, why, sizeof(why))) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	return 0;
}
