/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * kconfig.h - read a kernel .config into the core's struct mp_kconfig.
 */
#ifndef MEMPLAN_CLI_KCONFIG_H
#define MEMPLAN_CLI_KCONFIG_H

#include <stddef.h>

#include "memplan.h"

/**
 * cli_kconfig_parse() - apply every line of a .config held in memory
 * @kc: filled beforehand with mp_kconfig_defaults(); updated in place and
 *	marked from_file.
 * @text: the file contents, NUL-terminated; modified in place (string
 *	values are unescaped where they lie, and @kc may point into @text,
 *	e.g. builtin_cmdline), so @text must outlive @kc.
 * @name: the file name, for messages.
 * @err: "FILE:LINE: reason" on failure
 * @errlen: the size of @err
 *
 * Accepts "CONFIG_X=y|m|n|"str"|123|0x.." and "# CONFIG_X is not set";
 * other comments and blank lines are skipped.  Names the core does not
 * know are ignored by mp_kconfig_set().
 *
 * Return: 0, or -1 on a malformed line or a value the core rejects.
 */
int cli_kconfig_parse(struct mp_kconfig *kc, char *text, const char *name, char *err,
		      size_t errlen);

/* what a .config says it is: confdata.c's "# Linux/ARCH VERSION Kernel Configuration" */
struct cli_kconfig_ident {
	char arch[16];		/* "arm64", or "" without the header */
	char version[32];	/* "6.12.118", or "" */
};

/**
 * cli_kconfig_identify() - whether a .config is a full arm64 one, and its version
 * @text: the file's text (NUL-terminated, not modified)
 * @path: its name, for the message
 * @id: what its header says
 * @err: the reason it is refused
 * @errlen: the size of @err
 *
 * Refused: another architecture's header ("# Linux/x86 ...") or arch symbol
 * (CONFIG_X86=y, ...), or no CONFIG_ARM64=y (a defconfig or a fragment: ARM64
 * is def_bool y, so only a full .config lists it).
 *
 * Return: 0 or -1 (message in @err).
 */
int cli_kconfig_identify(const char *text, const char *path, struct cli_kconfig_ident *id,
			 char *err, size_t errlen);

/**
 * cli_kconfig_load() - read a .config (plain or gzip'd) and cli_kconfig_parse() it
 * @kc: as for cli_kconfig_parse()
 * @path: the file ("-": standard input; /proc/config.gz works as it is)
 * @bufp: set to the malloc()ed file contents, which @kc may point into;
 *	free() it after the last use of @kc (also set, or NULL, on failure)
 * @err: the reason on failure
 * @errlen: the size of @err
 * @id: what the file says it is (its header)
 *
 * A file that is not a full arm64 .config is refused before its lines are
 * applied: another architecture's (header or arch symbol), or one without
 * CONFIG_ARM64=y (a defconfig, a fragment).
 *
 * Return: 0 or -1 (message in @err).
 */
int cli_kconfig_load(struct mp_kconfig *kc, const char *path, char **bufp, char *err,
		     size_t errlen, struct cli_kconfig_ident *id);

/**
 * cli_kconfig_warn_version() - warn when a .config is not of the profile's kernel version
 * @prog: "memplan CMD", for the message
 * @path: the .config's name
 * @id: from cli_kconfig_load()
 * @profile: the profile planned with
 */
void cli_kconfig_warn_version(const char *prog, const char *path,
			      const struct cli_kconfig_ident *id, enum mp_profile profile);

#endif /* MEMPLAN_CLI_KCONFIG_H */
