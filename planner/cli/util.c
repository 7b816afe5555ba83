// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * util.c - memparse-like number parsing, bounded file loading and
 * human-readable sizes for the memplan CLI.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int cli_load_file(const char *path, size_t max, char **bufp, size_t *lenp, char *err, size_t errlen)
{
	size_t cap = 64 * 1024, len = 0;
	char *buf, *nb;
	FILE *f;

	f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	buf = malloc(cap + 1);
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		fclose(f);
		return -1;
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
	fclose(f);
	if (!len) {
		snprintf(err, errlen, "empty file");
		free(buf);
		return -1;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
fail:
	fclose(f);
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

int cli_usage_error(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", prog);
	return 2;
}
