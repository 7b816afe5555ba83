/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * util.h - small user-space helpers of the memplan CLI: memparse-like
 * number parsing, bounded file loading, human-readable sizes.
 */
#ifndef MEMPLAN_CLI_UTIL_H
#define MEMPLAN_CLI_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest file the CLI reads (DTB, .config, Image header is only 64 bytes). */
#define CLI_FILE_MAX (64u << 20)

/*
 * cli_parse_size - parse a number like the kernel's memparse().
 * @s: digits in base 0 (0x hex, leading 0 octal, else decimal), optionally
 *	followed by one of K M G T P E (either case).
 * @out: the value.
 *
 * Unlike memparse(), trailing characters, an empty string, a sign and
 * overflow (also by the suffix shift) are rejected.
 * Return: 0, or -1 (nothing stored).
 */
int cli_parse_size(const char *s, uint64_t *out);

/*
 * cli_load_file - read a whole file into a malloc()ed, NUL-terminated buffer.
 * @path: the file ("-" is not special).
 * @max: refuse files larger than this.
 * @buf, @len: the contents (the extra NUL is not counted in @len).
 * @err, @errlen: a one-line reason on failure (without the path).
 *
 * A 0-byte file is an error.  Works on pipes and other non-seekable files.
 * Return: 0 or -1.
 */
int cli_load_file(const char *path, size_t max, char **buf, size_t *len, char *err, size_t errlen);

/*
 * cli_human_size - format a byte count for people: "256 MiB", "1.5 GiB",
 * "4 KiB", "100 B".  Exact multiples print without decimals.
 * Return: @buf.
 */
char *cli_human_size(uint64_t size, char *buf, size_t len);

/* Enough for cli_human_size() of any value. */
#define CLI_HUMAN_LEN 24

/*
 * Compile DT source @dts with dtc into *@buf (malloc'ed, *@len bytes); errors go
 * to stderr prefixed with @prog.  Returns 0 or -1.
 */
int cli_compile_dts(const char *prog, const char *dts, char **buf, size_t *len);

/* a usage mistake: "PROG: message" and where to look; returns 2 (the usage exit status) */
int cli_usage_error(const char *prog, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Run `dtc -q -I FROM -O TO -o OUT IN`; errors name WHAT.  Returns 0 or -1. */
int cli_run_dtc(const char *prog, const char *from, const char *to, const char *in,
		const char *out, const char *what);

#endif /* MEMPLAN_CLI_UTIL_H */
