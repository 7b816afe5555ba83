// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_cli_input.c - the CLI's input readers: memparse-like numbers, human
 * sizes, the .config reader, the arm64 Image header, UTF-8 validation, the
 * --btf and --acpi-iort file readers.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "acpi_file.h"
#include "btf_file.h"
#include "image.h"
#include "memplan_btf.h"
#include "kconfig.h"
#include "util.h"
#include "tap.h"
#include "testdata.h"


static void test_parse_size_memparse_suffixes(void)
{
	static const struct {
		const char *s;
		uint64_t v;
	} ok[] = {
		{ "0", 0 },
		{ "4096", 4096 },
		{ "0x40200000", 0x40200000 },
		{ "010", 8 },
		{ "64K", 64ULL << 10 },
		{ "256m", 256ULL << 20 },
		{ "4G", 4ULL << 30 },
		{ "1T", 1ULL << 40 },
		{ "2P", 2ULL << 50 },
		{ "15E", 15ULL << 60 },
		{ "0x1M", 1ULL << 20 },
		{ "18446744073709551615", ~0ULL },
	};
	static const char *const bad[] = {
		"",
		"K",
		"-1",
		"+1",
		" 1",
		"1 ",
		"0x",
		"12Q",
		"1KB",
		"4G!",
		"16E",
		"0x10000000000000000",
		"18446744073709551616",
		"0x8000000000000000K",
		"08",
	};
	uint64_t v;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		v = 1234;
		CHECK(!cli_parse_size(ok[i].s, &v) && v == ok[i].v, "'%s' -> %llu", ok[i].s,
		      (unsigned long long)v);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(cli_parse_size(bad[i], &v) == -1, "'%s' accepted", bad[i]);
}

static void test_human_size_never_overstates(void)
{
	static const struct {
		uint64_t v;
		const char *s;
	} t[] = {
		{ 0, "0 B" },
		{ 100, "100 B" },
		{ 4096, "4 KiB" },
		{ 256ULL << 20, "256 MiB" },
		{ 3ULL << 29, "1.5 GiB" },
		{ (127ULL << 20) - 4096, "126.99 MiB" },
		{ (1ULL << 30) + 1, "1.0 GiB" },
		{ ~0ULL, "15.99 EiB" },
	};
	char buf[CLI_HUMAN_LEN];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK(!strcmp(cli_human_size(t[i].v, buf, sizeof(buf)), t[i].s), "%llu: '%s'",
		      (unsigned long long)t[i].v, buf);
}

static void test_utf8_validation(void)
{
	CHECK(mp_utf8_len((const unsigned char *)"a") == 1, "ascii");
	CHECK(mp_utf8_len((const unsigned char *)"\xc2\xb5") == 2, "micro");
	CHECK(mp_utf8_len((const unsigned char *)"\xe2\x80\x93") == 3, "en dash");
	CHECK(mp_utf8_len((const unsigned char *)"\xf0\x9f\x98\x80") == 4, "emoji");
	CHECK(mp_utf8_len((const unsigned char *)"\xff") == 0, "0xff");
	CHECK(mp_utf8_len((const unsigned char *)"\xc0\xaf") == 0, "overlong");
	CHECK(mp_utf8_len((const unsigned char *)"\xed\xa0\x80") == 0, "surrogate");
	CHECK(mp_utf8_len((const unsigned char *)"\xe2\x80") == 0, "cut short");
	CHECK(mp_utf8_len((const unsigned char *)"\xf4\x90\x80\x80") == 0, "> U+10FFFF");
}

static void test_kconfig_lines_and_errors(void)
{
	struct mp_kconfig kc;
	char err[256];
	char good[] = "#\n# Automatically generated file; DO NOT EDIT.\n#\n"
		      "CONFIG_ARM64=y\n"
		      "# CONFIG_KFENCE is not set\n"
		      "CONFIG_CMDLINE=\"console=ttyAMA0 \\\"quoted\\\" back\\\\slash\"\n"
		      "CONFIG_NR_CPUS=256\r\n"
		      "CONFIG_SOMETHING_UNKNOWN=0x1234\n"
		      "\n"
		      "# a comment\n";
	/* malformed lines: the message names the file, the line and the reason */
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "CONFIG_ARM64=y\nCONFIG_FOO\n", "x.config:2:" },
		{ "CONFIG_ARM64=y\n\nhello world\n", "x.config:3:" },
		{ "CONFIG_CMDLINE=\"abc\n", "x.config:1: CONFIG_CMDLINE: unterminated" },
		{ "CONFIG_FOO=\n", "empty value" },
	};
	size_t i;

	CHECK(mp_kconfig_defaults(MP_LINUX_6_12, &kc) == 0, "defaults");
	CHECK(cli_kconfig_parse(&kc, good, "good.config", err, sizeof(err)) == 0, "%s", err);
	CHECK(kc.from_file, "from_file");
	CHECK(kc.builtin_cmdline &&
		      !strcmp(kc.builtin_cmdline, "console=ttyAMA0 \"quoted\" back\\slash"),
	      "CONFIG_CMDLINE unescaped: %s", kc.builtin_cmdline ? kc.builtin_cmdline : "(null)");
	CHECK(!kc.kfence, "is not set");

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[64];

		snprintf(text, sizeof(text), "%s", bad[i].text);
		mp_kconfig_defaults(MP_LINUX_6_12, &kc);
		CHECK(cli_kconfig_parse(&kc, text, "x.config", err, sizeof(err)) == -1 &&
			      strstr(err, bad[i].want),
		      "%s: %s", bad[i].want, err);
	}
}

static void put_le(unsigned char *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void test_image_header(void)
{
	unsigned char h[64] = { 0 };
	struct cli_image_header hdr;
	char err[256];

	put_le(h + 8, 0, 8);	      /* text_offset */
	put_le(h + 16, 0x2b80000, 8); /* image_size */
	put_le(h + 24, 0xa, 8);	      /* LE, 4K pages, anywhere */
	put_le(h + 56, 0x644d5241, 4);
	CHECK(cli_image_parse(h, 64, &hdr, err, sizeof(err)) == 0, "%s", err);
	CHECK(hdr.image_size == 0x2b80000 && hdr.page_shift == 12 && hdr.phys_anywhere &&
		      !hdr.big_endian,
	      "fields");

	CHECK(cli_image_parse(h, 40, &hdr, err, sizeof(err)) == -1 && strstr(err, "too short"),
	      "%s", err);
	put_le(h + 16, 0, 8);
	CHECK(cli_image_parse(h, 64, &hdr, err, sizeof(err)) == -1 && strstr(err, "image_size"),
	      "%s", err);
	put_le(h + 16, 0x2b80000, 8);
	h[56] = 'X';
	CHECK(cli_image_parse(h, 64, &hdr, err, sizeof(err)) == -1 && strstr(err, "bad magic"),
	      "%s", err);
	h[0] = 0x1f;
	h[1] = 0x8b;
	CHECK(cli_image_parse(h, 64, &hdr, err, sizeof(err)) == -1 && strstr(err, "gzip"), "%s",
	      err);
	memcpy(h, "MZ\0\0zimg", 8);
	CHECK(cli_image_parse(h, 64, &hdr, err, sizeof(err)) == -1 && strstr(err, "zboot"), "%s",
	      err);
	CHECK(cli_image_read("/nonexistent/Image", &hdr, err, sizeof(err)) == -1 &&
		      strstr(err, "/nonexistent/Image: "),
	      "%s", err);
}

static void test_btf_file(void)
{
	char path[512], gz[] = "/tmp/memplan-btf-XXXXXX", err[512], want[600];
	struct cli_btf btf;
	mp_u64 size = 0;
	size_t len;
	char *raw;
	gzFile z;
	int fd;

	TEST("cli_btf_load");
	test_data_path("btf-debian-6.12-4k.btf", path, sizeof(path));
	CHECK(cli_btf_load(path, &btf, err, sizeof(err)) == 0, "%s", err);
	CHECK(btf.off == 0 && btf.blob_len == btf.file_len && btf.blob == btf.file);
	CHECK(mp_btf_struct_size(btf.blob, btf.blob_len, "device_node", &size) == 0 &&
	      size == 208);
	cli_btf_free(&btf);
	cli_btf_free(&btf); /* zeroed: a second call does nothing */
	CHECK(!btf.file && !btf.blob);

	/* gzip'd, as a distribution's vmlinuz may be */
	raw = test_data_load("btf-debian-6.1.btf", &len);
	fd = mkstemp(gz);
	z = fd < 0 ? NULL : gzdopen(fd, "wb");
	CHECK(z && gzwrite(z, raw, (unsigned)len) == (int)len && gzclose(z) == Z_OK);
	free(raw);
	CHECK(cli_btf_load(gz, &btf, err, sizeof(err)) == 0, "%s", err);
	CHECK(mp_btf_struct_size(btf.blob, btf.blob_len, "property", &size) == 0 && size == 96);
	cli_btf_free(&btf);
	unlink(gz);

	/* the reasons, each as one line naming the option and the file */
	test_data_path("iomem-4k.txt", path, sizeof(path));
	snprintf(want, sizeof(want), "--btf %s: no BTF: not raw BTF, an ELF with .BTF or an arm64 "
		 "Image carrying one", path);
	CHECK(cli_btf_load(path, &btf, err, sizeof(err)) == -1 && !strcmp(err, want), "%s", err);
	CHECK(!btf.file && !btf.blob);
	CHECK(cli_btf_load("/nonexistent/vmlinux", &btf, err, sizeof(err)) == -1 &&
		      !strcmp(err, "--btf /nonexistent/vmlinux: No such file or directory"),
	      "%s", err);
}

/* a 48-byte IORT without nodes (@len bytes of it) into a new file; its name in @path */
static void write_iort(char *path, size_t len)
{
	unsigned char t[48] = "IORT";
	unsigned int sum = 0;
	size_t i;
	FILE *f;
	int fd;

	t[4] = 48;	/* length */
	t[8] = 3;	/* revision */
	t[40] = 48;	/* node array offset */
	for (i = 0; i < sizeof(t); i++)
		sum += t[i];
	t[9] = (unsigned char)(0x100 - (sum & 0xff));
	fd = mkstemp(path);
	f = fd < 0 ? NULL : fdopen(fd, "wb");
	CHECK(f && fwrite(t, 1, len, f) == len);
	if (f)
		fclose(f);
}

static void test_iort_file(void)
{
	char path[] = "/tmp/memplan-iort-XXXXXX", cut[] = "/tmp/memplan-iort-XXXXXX";
	char other[512], err[512], want[700];
	struct mp_iort io;

	TEST("cli_iort_load");
	write_iort(path, 48);
	CHECK(cli_iort_load(path, &io, err, sizeof(err)) == 0, "%s", err);
	CHECK(io.dma_max == MP_U64_MAX && io.nr_nodes == 0 && io.checksum_ok && io.revision == 3);
	unlink(path);

	/* the reasons, each as one line naming the option and the file */
	write_iort(cut, 40);
	snprintf(want, sizeof(want), "--acpi-iort %s: truncated: the header's length is 48 "
		 "bytes, the file has 40", cut);
	CHECK(cli_iort_load(cut, &io, err, sizeof(err)) == -1 && !strcmp(err, want), "%s", err);
	unlink(cut);
	test_data_path("iomem-4k.txt", other, sizeof(other));
	snprintf(want, sizeof(want), "--acpi-iort %s: signature \"0900\": not an IORT", other);
	CHECK(cli_iort_load(other, &io, err, sizeof(err)) == -1 && !strcmp(err, want), "%s", err);
	CHECK(cli_iort_load("/nonexistent/IORT", &io, err, sizeof(err)) == -1 &&
		      !strcmp(err, "--acpi-iort /nonexistent/IORT: No such file or directory"),
	      "%s", err);
}

int main(void)
{
	test_parse_size_memparse_suffixes();
	test_human_size_never_overstates();
	test_utf8_validation();
	test_kconfig_lines_and_errors();
	test_image_header();
	test_btf_file();
	test_iort_file();
	return DONE();
}
