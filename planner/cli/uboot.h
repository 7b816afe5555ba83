/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * uboot.h - U-Boot's environment as text (uboot_env.c) and planning "as
 * U-Boot booti hands it over" (uboot_plan.c, `memplan plan --uboot-env`,
 * `memplan handoff uboot`).  The model is the core's (memplan_uboot.h).
 */
#ifndef MEMPLAN_CLI_UBOOT_H
#define MEMPLAN_CLI_UBOOT_H

#include <stdio.h>
#include "memplan_uboot.h"

struct cli_planned;

/* the largest environment file read (U-Boot's qemu_arm64 env is 256 KiB) */
#define CLI_UBOOT_ENV_MAX (4u << 20)

struct cli_uboot_env {
	char *text;			/* the file, edited in place (owned) */
	struct mp_uboot_var *vars;	/* point into @text (owned array) */
	size_t nr;
};

/**
 * cli_uboot_env_parse() - read `printenv` output or `env export -t` text
 * @text: NUL-terminated, @len bytes; split and unescaped in place
 * @len: its length (a NUL inside is an error: a binary environment)
 * @env: the variables in file order (@env->text is not set)
 * @err: why the text is not an environment: "line N: ..."
 * @errlen: size of @err
 *
 * Lines are `name=value`; empty lines, `#` comments (as `env import -t`
 * skips them), printenv's closing "Environment size: N/M bytes", U-Boot's
 * prompt line ("=> printenv", from a pasted console) and trailing CR are
 * skipped; a line ending in a backslash continues on the next line
 * with a newline in the value (`env export -t` escapes one so).  A name is
 * printable ASCII without blanks or '='.
 *
 * Return: 0 or -1.
 */
int cli_uboot_env_parse(char *text, size_t len, struct cli_uboot_env *env, char *err,
			size_t errlen);

/**
 * cli_uboot_env_load() - cli_uboot_env_parse() over a file
 * @path: the file, "-" for standard input
 * @env: the environment; cli_uboot_env_free() it
 * @err: the reason, naming the file and line
 * @errlen: size of @err
 *
 * Return: 0 or -1.
 */
int cli_uboot_env_load(const char *path, struct cli_uboot_env *env, char *err, size_t errlen);

/**
 * cli_uboot_env_free() - free what cli_uboot_env_load() allocated
 * @env: the environment (may be zeroed)
 */
void cli_uboot_env_free(struct cli_uboot_env *env);

/**
 * cli_uboot_handover() - run the core's booti model over a loaded board DT
 * @dtb: the board DT (U-Boot's control DT or the one loaded to fdt_addr_r)
 * @dtb_len: its length
 * @env_path: the environment file
 * @image_path: the Image (its header: size, text_offset, flags), or NULL:
 *	@image_size with text_offset 0, placeable anywhere
 * @image_size: the Image's size without @image_path (0: Debian 6.1's 0x2010000)
 * @ho: the hand-over; its DT lives in @mem
 * @mem: malloc()ed arena memory for the DT and messages; free() it
 * @prog: "memplan CMD", for messages
 *
 * Return: 0, or CLI_EXIT_USAGE after one line (unreadable file, bad DT).
 */
int cli_uboot_handover(const char *dtb, size_t dtb_len, const char *env_path,
		       const char *image_path, mp_u64 image_size, struct mp_uboot_handover *ho,
		       void **mem, const char *prog);

/**
 * cli_uboot_print() - the hand-over as text: placement, then one line a finding
 * @f: where
 * @ho: the hand-over
 * @prefix: put before every line ("" or "memplan plan: U-Boot: ")
 */
void cli_uboot_print(FILE *f, const struct mp_uboot_handover *ho, const char *prefix);

/**
 * cli_uboot_print_json() - the hand-over as one JSON object "memplan-uboot/1"
 * @f: where
 * @ho: the hand-over
 */
void cli_uboot_print_json(FILE *f, const struct mp_uboot_handover *ho);

/**
 * cli_uboot_errors() - how many findings of error severity
 * @ho: the hand-over
 *
 * Return: the count.
 */
size_t cli_uboot_errors(const struct mp_uboot_handover *ho);

/**
 * cli_uboot_apply() - `--uboot-env`: replace a loaded plan input by U-Boot's hand-over
 * @p: loaded by cli_plan_load() (the board DT); on success its DT, Image base
 *	and DTB base are the hand-over's
 * @env_path: the environment file
 * @image_path: --image, or NULL
 * @prog: "memplan CMD"
 *
 * The placement and the findings go to standard error, prefixed "PROG: U-Boot: ".
 *
 * Return: 0; CLI_EXIT_FINDINGS when booti stops before the kernel;
 * CLI_EXIT_USAGE after one line for bad input.
 */
int cli_uboot_apply(struct cli_planned *p, const char *env_path, const char *image_path,
		    const char *prog);

/**
 * cli_handoff_uboot() - `memplan handoff uboot`
 * @argc: arguments after "handoff"
 * @argv: "uboot" first
 *
 * Return: the exit status.
 */
int cli_handoff_uboot(int argc, char **argv);

#endif /* MEMPLAN_CLI_UBOOT_H */
