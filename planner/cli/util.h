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

/*
 * The exit statuses of every command (DESIGN.md §4): 0 ok; 1 a finding (the
 * plan has errors, lint found something, a check failed, nothing fits); 2 bad
 * input or usage.
 */
#define CLI_EXIT_OK 0
#define CLI_EXIT_FINDINGS 1
#define CLI_EXIT_USAGE 2

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
 * @path: the file, or "-" for standard input (read once; not closed).
 * @max: refuse files larger than this.
 * @buf, @len: the contents (the extra NUL is not counted in @len).
 * @err, @errlen: a one-line reason on failure (without the path).
 *
 * A 0-byte file and a directory are errors.  Works on pipes and other
 * non-seekable files.
 * Return: 0 or -1.
 */
int cli_load_file(const char *path, size_t max, char **buf, size_t *len, char *err, size_t errlen);

/* cli_is_gzip - whether @buf starts with the gzip magic 1f 8b (/proc/config.gz). */
bool cli_is_gzip(const char *buf, size_t len);

/*
 * cli_gunzip - decompress one gzip stream held in memory.
 * @in, @inlen: the compressed bytes.
 * @max: refuse output larger than this.
 * @buf, @len: the malloc()ed, NUL-terminated output (NUL not counted).
 * @err, @errlen: a one-line reason on failure (corrupt, cut short, too large).
 * Return: 0 or -1 (nothing stored).
 */
int cli_gunzip(const char *in, size_t inlen, size_t max, char **buf, size_t *len, char *err,
	       size_t errlen);

/*
 * cli_human_size - format a byte count for people: "256 MiB", "1.5 GiB",
 * "4 KiB", "100 B".  Exact multiples print without decimals.
 * Return: @buf.
 */
char *cli_human_size(uint64_t size, char *buf, size_t len);

/* Enough for cli_human_size() of any value. */
#define CLI_HUMAN_LEN 24

/*
 * cli_tmpfile - create "$TMPDIR/memplan-XXXXXX@suffix" (TMPDIR unset or empty:
 * /tmp) for a dtc input or output.
 * @path, @len: receives the name; the caller unlink()s it.
 * Return: the open descriptor, or -1 after one line on stderr.
 */
int cli_tmpfile(const char *prog, const char *suffix, char *path, size_t len);

/*
 * Compile DT source @dts ("-": standard input) with dtc into *@buf (malloc'ed,
 * *@len bytes); errors go to stderr prefixed with @prog.  Returns 0 or -1.
 */
int cli_compile_dts(const char *prog, const char *dts, char **buf, size_t *len);

/* how a DT file was named: --dtb, --dts, or a positional FILE whose bytes decide */
enum cli_dt_form { CLI_DT_BLOB, CLI_DT_SOURCE, CLI_DT_SNIFF };

/*
 * cli_load_dt - read one DT as a flattened blob, the way dtc takes its input.
 * @prog: "memplan CMD", for messages.
 * @path: the file, or "-" for standard input.
 * @form: CLI_DT_BLOB loads the bytes (DT source there is refused with a "use
 *	--dts" hint); CLI_DT_SOURCE compiles with dtc (a blob or a directory is
 *	refused first, so dtc's parser never sees one); CLI_DT_SNIFF takes a blob
 *	by its d00dfeed magic and compiles anything else, except a *.dtb name.
 * @buf, @len: the malloc()ed blob.  A blob with a bad header is returned as
 *	it is: the planner's header check names the fault.
 * Return: 0, or -1 after one line on stderr.
 */
int cli_load_dt(const char *prog, const char *path, enum cli_dt_form form, char **buf,
		size_t *len);

/*
 * cli_error - the one form of every error line: "memplan CMD: message" on
 * stderr.  Return: CLI_EXIT_USAGE, the exit status of bad input.
 */
int cli_error(const char *prog, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* a usage mistake: "PROG: message" and where to look; returns CLI_EXIT_USAGE */
int cli_usage_error(const char *prog, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * cli_getopt_error - the usage error for what getopt_long() returned as ':'
 * (an option without its argument) or anything else unknown, run with
 * opterr = 0 and a leading ':' in the short options.  Return: CLI_EXIT_USAGE.
 */
int cli_getopt_error(const char *prog, int c, char **argv);

/* Run `dtc -q -I FROM -O TO -o OUT IN`; errors name WHAT.  Returns 0 or -1. */
int cli_run_dtc(const char *prog, const char *from, const char *to, const char *in,
		const char *out, const char *what);

#endif /* MEMPLAN_CLI_UTIL_H */
