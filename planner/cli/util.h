/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * util.h - small user-space helpers of the memplan CLI: memparse-like
 * number parsing, bounded file loading, human-readable sizes.
 */
#ifndef MEMPLAN_CLI_UTIL_H
#define MEMPLAN_CLI_UTIL_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* getopt_long() table entries: an option with an argument, and one without */
#define CLI_OPT_ARG(name, val) { (name), required_argument, NULL, (val) }
#define CLI_OPT_FLAG(name, val) { (name), no_argument, NULL, (val) }

/* printf-style argument checking, as the core spells it (memplan_env.h) */
#ifndef MP_PRINTF
#define MP_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#endif

/*
 * The exit statuses of every command (docs/design.md §4): 0 ok; 1 a finding (the
 * plan has errors, lint found something, a check failed, nothing fits); 2 bad
 * input or usage.
 */
#define CLI_EXIT_OK 0
#define CLI_EXIT_FINDINGS 1
#define CLI_EXIT_USAGE 2

/* The largest file the CLI reads (DTB, .config, Image header is only 64 bytes). */
#define CLI_FILE_MAX (64u << 20)

/**
 * cli_parse_size() - parse a number like the kernel's memparse()
 * @s: digits in base 0 (0x hex, leading 0 octal, else decimal), optionally
 *	followed by one of K M G T P E (either case)
 * @out: the value
 *
 * Unlike memparse() (lib/cmdline.c), trailing characters, an empty string, a
 * sign and overflow (also by the suffix shift) are rejected.
 *
 * Return: 0, or -1 (nothing stored).
 */
int cli_parse_size(const char *s, uint64_t *out);

struct mp_range;

/**
 * cli_parse_ranges() - parse an option's BASE:SIZE[,BASE:SIZE...] list
 * @prog: "memplan COMMAND", for the error line
 * @opt: the option's name ("--dom0-mem"), for the error line
 * @arg: the list
 * @out: the ranges, sorted by base
 * @cap: at most this many
 * @n: how many were parsed
 *
 * Each BASE and SIZE as cli_parse_size() reads them; a SIZE of 0, a range
 * past the end of the address space, more than @cap ranges and overlapping
 * ranges are refused.
 *
 * Return: 0, or CLI_EXIT_USAGE after one error line on standard error.
 */
int cli_parse_ranges(const char *prog, const char *opt, const char *arg, struct mp_range *out,
		     size_t cap, size_t *n);

/**
 * cli_load_file() - read a whole file into a malloc()ed, NUL-terminated buffer
 * @path: the file, or "-" for standard input (read once; not closed)
 * @max: refuse files larger than this
 * @buf: the contents
 * @len: their length (the extra NUL is not counted)
 * @err: a one-line reason on failure (without the path)
 * @errlen: its size
 *
 * A 0-byte file and a directory are errors.  Works on pipes and other
 * non-seekable files.
 *
 * Return: 0 or -1.
 */
int cli_load_file(const char *path, size_t max, char **buf, size_t *len, char *err, size_t errlen);

/**
 * cli_is_gzip() - whether a buffer starts with the gzip magic 1f 8b
 * @buf: the bytes (e.g. of /proc/config.gz)
 * @len: how many
 *
 * Return: true for gzip data.
 */
bool cli_is_gzip(const char *buf, size_t len);

/**
 * cli_gunzip() - decompress one gzip stream held in memory
 * @in: the compressed bytes
 * @inlen: how many
 * @max: refuse output larger than this
 * @buf: the malloc()ed, NUL-terminated output
 * @len: its length (NUL not counted)
 * @err: a one-line reason on failure (corrupt, cut short, too large)
 * @errlen: its size
 *
 * Return: 0 or -1 (nothing stored).
 */
int cli_gunzip(const char *in, size_t inlen, size_t max, char **buf, size_t *len, char *err,
	       size_t errlen);

/**
 * cli_load_file_gunzip() - cli_load_file(), then cli_gunzip() when the file is gzip'd
 * @path: the file, or "-" for standard input
 * @max: refuse files, and decompressed contents, larger than this
 * @buf: the malloc()ed, NUL-terminated contents (decompressed)
 * @len: their length (the NUL not counted)
 * @err: a one-line reason on failure (without the path)
 * @errlen: its size
 *
 * For the files a user may hand over compressed as they are: /proc/config.gz,
 * a distribution's gzip'd kernel.
 *
 * Return: 0 or -1 (nothing stored).
 */
int cli_load_file_gunzip(const char *path, size_t max, char **buf, size_t *len, char *err,
			 size_t errlen);

/**
 * cli_human_size() - a byte count for people
 * @size: the bytes
 * @buf: where the text goes: "256 MiB", "1.5 GiB", "4 KiB", "100 B" (exact
 *	multiples without decimals)
 * @len: its size (CLI_HUMAN_LEN is enough)
 *
 * Return: @buf.
 */
char *cli_human_size(uint64_t size, char *buf, size_t len);

/* Enough for cli_human_size() of any value. */
#define CLI_HUMAN_LEN 24

/**
 * cli_tmpfile() - create a temporary file for a dtc input or output
 * @prog: "memplan CMD", for the message
 * @suffix: the name's end, e.g. ".dtb"
 * @path: receives "$TMPDIR/memplan-XXXXXX@suffix" (TMPDIR unset or empty:
 *	/tmp); the caller unlink()s it
 * @len: its size
 *
 * Return: the open descriptor, or -1 after one line on stderr.
 */
int cli_tmpfile(const char *prog, const char *suffix, char *path, size_t len);

/**
 * cli_compile_dts() - compile DT source with dtc
 * @prog: "memplan CMD": errors go to stderr prefixed with it
 * @dts: the source ("-": standard input)
 * @buf: the malloc()ed blob
 * @len: its length
 *
 * Return: 0 or -1.
 */
int cli_compile_dts(const char *prog, const char *dts, char **buf, size_t *len);

/* how a DT file was named: --dtb, --dts, or a positional FILE whose bytes decide */
enum cli_dt_form { CLI_DT_BLOB, CLI_DT_SOURCE, CLI_DT_SNIFF };

/**
 * cli_load_dt() - read one DT as a flattened blob, the way dtc takes its input
 * @prog: "memplan CMD", for messages
 * @path: the file, or "-" for standard input
 * @form: CLI_DT_BLOB loads the bytes (DT source there is refused with a "use
 *	--dts" hint); CLI_DT_SOURCE compiles with dtc (a blob or a directory is
 *	refused first, so dtc's parser never sees one); CLI_DT_SNIFF takes a blob
 *	by its d00dfeed magic and compiles anything else, except a *.dtb name
 * @buf: the malloc()ed blob; one with a bad header is returned as it is: the
 *	planner's header check names the fault
 * @len: its length
 *
 * Return: 0, or -1 after one line on stderr.
 */
int cli_load_dt(const char *prog, const char *path, enum cli_dt_form form, char **buf,
		size_t *len);

/**
 * cli_error() - the one form of every error line: "memplan CMD: message"
 * @prog: "memplan CMD"
 * @fmt: printf format of the message, then its arguments
 *
 * On stderr, with a newline.
 *
 * Return: CLI_EXIT_USAGE, the exit status of bad input.
 */
int cli_error(const char *prog, const char *fmt, ...) MP_PRINTF(2, 3);

/**
 * cli_usage_error() - a usage mistake: the error line and where to look
 * @prog: "memplan CMD"
 * @fmt: printf format of the message, then its arguments
 *
 * cli_error(), then "Try 'PROG --help' for more information.".
 *
 * Return: CLI_EXIT_USAGE.
 */
int cli_usage_error(const char *prog, const char *fmt, ...) MP_PRINTF(2, 3);

/**
 * cli_getopt_error() - the usage error for what getopt_long() refused
 * @prog: "memplan CMD"
 * @c: what it returned: ':' (an option without its argument) or anything
 *	else unknown, run with opterr = 0 and a leading ':' in the short options
 * @argv: the arguments it parsed
 *
 * Return: CLI_EXIT_USAGE.
 */
int cli_getopt_error(const char *prog, int c, char **argv);

/**
 * cli_run_dtc() - run `dtc -q -I FROM -O TO -o OUT IN`
 * @prog: "memplan CMD", for messages
 * @from: dtc's input format
 * @to: its output format
 * @in: the input file
 * @out: the output file
 * @what: the name errors give the file
 *
 * Return: 0 or -1.
 */
int cli_run_dtc(const char *prog, const char *from, const char *to, const char *in,
		const char *out, const char *what);

#endif /* MEMPLAN_CLI_UTIL_H */
