// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * util.c - memparse-like number parsing, bounded file loading and
 * human-readable sizes for the memplan CLI.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "memplan.h"
#include "util.h"

/* lib/cmdline.c memparse(): K M G T P E shift by 10 each (either case). */
static int suffix_shift(char c)
{
	switch (c) {
	case 'K':
	case 'k': return 10;
	case 'M':
	case 'm': return 20;
	case 'G':
	case 'g': return 30;
	case 'T':
	case 't': return 40;
	case 'P':
	case 'p': return 50;
	case 'E':
	case 'e': return 60;
	default: return -1;
	}
}

int cli_parse_size(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;
	int shift;

	/* strtoull() would accept blanks and a sign: memparse input never has them. */
	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno == ERANGE)
		return -1;
	/* "0x" alone: strtoull() parses the 0 and leaves "x" */
	if (*end) {
		shift = suffix_shift(*end);
		if (shift < 0 || end[1])
			return -1;
		if (v && (v >> (64 - shift)))
			return -1;
		v <<= shift;
	}
	*out = v;
	return 0;
}

static int cmp_range(const void *a, const void *b)
{
	const struct mp_range *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

int cli_parse_ranges(const char *prog, const char *opt, const char *arg, struct mp_range *out,
		     size_t cap, size_t *n)
{
	char *s = strdup(arg), *tok, *save = NULL;
	size_t i;

	*n = 0;
	if (!s)
		return cli_usage_error(prog, "out of memory");
	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(tok, ':');
		uint64_t b, z;

		if (!colon || (*colon = 0, cli_parse_size(tok, &b)) || cli_parse_size(colon + 1, &z) ||
		    !z || b > UINT64_MAX - (z - 1)) {
			free(s);
			return cli_usage_error(prog, "%s: '%s' is not BASE:SIZE (e.g. 0x40000000:512M)",
					       opt, arg);
		}
		if (*n == cap) {
			free(s);
			return cli_usage_error(prog, "%s: more than %zu ranges", opt, cap);
		}
		out[(*n)++] = (struct mp_range){ b, z };
	}
	free(s);
	if (!*n)
		return cli_usage_error(prog, "%s: empty list", opt);
	qsort(out, *n, sizeof(out[0]), cmp_range);
	for (i = 1; i < *n; i++)
		if (out[i].base - out[i - 1].base < out[i - 1].size)
			return cli_usage_error(prog, "%s: ranges 0x%llx and 0x%llx overlap", opt,
					       (unsigned long long)out[i - 1].base,
					       (unsigned long long)out[i].base);
	return 0;
}

int cli_load_file(const char *path, size_t max, char **bufp, size_t *lenp, char *err, size_t errlen)
{
	size_t cap = 64 * 1024, len = 0;
	bool is_stdin = !strcmp(path, "-");
	struct stat st;
	char *buf, *nb;
	FILE *f;

	f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	/* fopen() opens a directory for reading on Linux; fread() would say EISDIR */
	if (!fstat(fileno(f), &st) && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "is a directory, not a file");
		goto fail_nobuf;
	}
	buf = malloc(cap + 1);
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		goto fail_nobuf;
	}
	for (;;) {
		size_t n = fread(buf + len, 1, cap - len, f);

		len += n;
		if (n == 0) {
			if (ferror(f)) {
				snprintf(err, errlen, "%s", strerror(errno ? errno : EIO));
				goto fail;
			}
			break;
		}
		if (len > max) {
			snprintf(err, errlen, "larger than %zu MiB", max >> 20);
			goto fail;
		}
		if (len == cap) {
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				snprintf(err, errlen, "out of memory");
				goto fail;
			}
			buf = nb;
		}
	}
	if (!is_stdin)
		fclose(f);
	if (!len) {
		snprintf(err, errlen, is_stdin ? "nothing on standard input" : "empty file");
		free(buf);
		return -1;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
fail:
	free(buf);
fail_nobuf:
	if (!is_stdin)
		fclose(f);
	return -1;
}

int cli_load_file_gunzip(const char *path, size_t max, char **bufp, size_t *lenp, char *err,
			 size_t errlen)
{
	char *buf, *plain;
	size_t len;

	if (cli_load_file(path, max, &buf, &len, err, errlen))
		return -1;
	if (cli_is_gzip(buf, len)) {
		if (cli_gunzip(buf, len, max, &plain, &len, err, errlen)) {
			free(buf);
			return -1;
		}
		free(buf);
		buf = plain;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
}

bool cli_is_gzip(const char *buf, size_t len)
{
	return len >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b;
}

int cli_gunzip(const char *in, size_t inlen, size_t max, char **bufp, size_t *lenp, char *err,
	       size_t errlen)
{
	size_t cap = inlen * 4 < 64 * 1024 ? 64 * 1024 : inlen * 4;
	z_stream z;
	char *buf, *nb;
	int r;

	if (cap > max)
		cap = max;
	buf = malloc(cap + 1);
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memset(&z, 0, sizeof(z));
	/* 16 + MAX_WBITS: a gzip header and trailer, as /proc/config.gz has */
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		snprintf(err, errlen, "cannot start zlib");
		free(buf);
		return -1;
	}
	z.next_in = (Bytef *)in;
	z.avail_in = inlen > UINT32_MAX ? UINT32_MAX : (uInt)inlen;
	z.next_out = (Bytef *)buf;
	z.avail_out = (uInt)cap;
	for (;;) {
		r = inflate(&z, Z_NO_FLUSH);
		if (r == Z_STREAM_END)
			break;
		if (r != Z_OK && r != Z_BUF_ERROR) {
			snprintf(err, errlen, "corrupt gzip data (%s)", z.msg ? z.msg : "zlib error");
			goto fail;
		}
		if (z.avail_out)	/* Z_BUF_ERROR with room left: the input ended */
			goto cut;
		if (z.total_out >= max) {
			snprintf(err, errlen, "larger than %zu MiB once decompressed", max >> 20);
			goto fail;
		}
		cap = cap * 2 > max ? max : cap * 2;
		nb = realloc(buf, cap + 1);
		if (!nb) {
			snprintf(err, errlen, "out of memory");
			goto fail;
		}
		buf = nb;
		z.next_out = (Bytef *)buf + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
	}
	if (!z.total_out) {
		snprintf(err, errlen, "empty once decompressed");
		goto fail;
	}
	buf[z.total_out] = '\0';
	*bufp = buf;
	*lenp = z.total_out;
	inflateEnd(&z);
	return 0;
cut:
	snprintf(err, errlen, "gzip data cut short");
fail:
	inflateEnd(&z);
	free(buf);
	return -1;
}

char *cli_human_size(uint64_t size, char *buf, size_t len)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	unsigned u = 0;

	while (u + 1 < sizeof(unit) / sizeof(unit[0]) && size >> (10 * (u + 1)))
		u++;
	if (u == 0 || !(size & ((1ULL << (10 * u)) - 1))) {
		snprintf(buf, len, "%llu %s", (unsigned long long)(size >> (10 * u)), unit[u]);
	} else {
		/* inexact: truncate (never overstate) to 2 decimals, keep at least one */
		uint64_t scale = 1ULL << (10 * u);
		uint64_t whole = size >> (10 * u);
		unsigned frac = (unsigned)((unsigned __int128)(size & (scale - 1)) * 100 / scale);

		if (frac % 10)
			snprintf(buf, len, "%llu.%02u %s", (unsigned long long)whole, frac,
				 unit[u]);
		else
			snprintf(buf, len, "%llu.%u %s", (unsigned long long)whole, frac / 10,
				 unit[u]);
	}
	return buf;
}

static void vsay(const char *prog, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_error(const char *prog, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(prog, fmt, ap);
	va_end(ap);
	return CLI_EXIT_USAGE;
}

int cli_usage_error(const char *prog, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(prog, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", prog);
	return CLI_EXIT_USAGE;
}

int cli_getopt_error(const char *prog, int c, char **argv)
{
	/* optind already points past the option getopt_long() refused */
	if (c == ':')
		return cli_usage_error(prog, "option '%s' needs an argument", argv[optind - 1]);
	if (optopt)	/* a short option, perhaps inside a cluster such as -hx */
		return cli_usage_error(prog, "unknown option '-%c'", optopt);
	return cli_usage_error(prog, "unknown option '%s'", argv[optind - 1]);
}
