// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * kconfig.c - read a kernel .config (scripts/kconfig/confdata.c format:
 * "CONFIG_X=value" and "# CONFIG_X is not set") and hand each symbol to the
 * core's mp_kconfig_set(), which knows which ones change placement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kconfig.h"
#include "util.h"

static bool is_sym_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/*
 * Unescape a "quoted" value in place, as confdata.c writes it (only \" and
 * \\ are escaped).  @s points at the opening quote.  Returns the value or
 * NULL if the closing quote is missing or junk follows it.
 */
static char *unquote(char *s)
{
	char *r = s + 1, *w = s;

	for (;;) {
		if (!*r)
			return NULL;
		if (*r == '"')
			break;
		if (*r == '\\' && r[1])
			r++;
		*w++ = *r++;
	}
	r++;
	while (*r == ' ' || *r == '\t' || *r == '\r')
		r++;
	if (*r)
		return NULL;
	*w = '\0';
	return s;
}

/* Trim trailing blanks (and a CR of a file edited elsewhere). */
static void rtrim(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

static int apply(struct mp_kconfig *kc, const char *sym, const char *value, const char *name,
		 unsigned lineno, char *err, size_t errlen)
{
	int ret = mp_kconfig_set(kc, sym, value);

	if (ret < 0) {
		snprintf(err, errlen, "%s:%u: CONFIG_%s: invalid value %s%s%s (%s)", name, lineno,
			 sym, value ? "'" : "", value ? value : "(not set)", value ? "'" : "",
			 mp_strerror(-ret));
		return -1;
	}
	return 0;
}

int cli_kconfig_parse(struct mp_kconfig *kc, char *text, const char *name, char *err, size_t errlen)
{
	unsigned lineno = 0;
	char *line = text, *next;

	for (; line && *line; line = next) {
		char *p, *sym, *value;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		rtrim(line);
		p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			continue;

		if (*p == '#') {
			/* "# CONFIG_FOO is not set"; any other comment is skipped */
			p++;
			while (*p == ' ')
				p++;
			if (strncmp(p, "CONFIG_", 7))
				continue;
			sym = p + 7;
			p = sym;
			while (is_sym_char(*p))
				p++;
			if (p == sym || strcmp(p, " is not set"))
				continue;
			*p = '\0';
			if (apply(kc, sym, NULL, name, lineno, err, errlen))
				return -1;
			continue;
		}

		if (strncmp(p, "CONFIG_", 7)) {
			snprintf(err, errlen, "%s:%u: expected CONFIG_NAME=value, got '%.40s'",
				 name, lineno, p);
			return -1;
		}
		sym = p + 7;
		p = sym;
		while (is_sym_char(*p))
			p++;
		if (p == sym || *p != '=') {
			snprintf(err, errlen, "%s:%u: expected CONFIG_NAME=value, got '%.40s'",
				 name, lineno, line);
			return -1;
		}
		*p++ = '\0';
		value = p;
		if (*value == '"') {
			value = unquote(value);
			if (!value) {
				snprintf(err, errlen, "%s:%u: CONFIG_%s: unterminated string value",
					 name, lineno, sym);
				return -1;
			}
		} else if (!*value) {
			snprintf(err, errlen, "%s:%u: CONFIG_%s: empty value", name, lineno, sym);
			return -1;
		}
		if (apply(kc, sym, value, name, lineno, err, errlen))
			return -1;
	}
	kc->from_file = true;
	return 0;
}

/* whether @text has the line @line (whole, at a line start) */
static bool has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line))) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\r' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

/*
 * What kind of file this is, before its lines are applied: confdata.c's header
 * "# Linux/<arch> <version> Kernel Configuration" (also in /proc/config.gz), and
 * the arch symbol every full arm64 .config has: ARM64 is def_bool y, so
 * `make savedefconfig` output and fragments leave it out.
 */
int cli_kconfig_identify(const char *text, const char *path, struct cli_kconfig_ident *id,
			 char *err, size_t errlen)
{
	static const char *const other[] = {
		"CONFIG_X86=y", "CONFIG_ARM=y", "CONFIG_RISCV=y", "CONFIG_PPC=y",
		"CONFIG_S390=y", "CONFIG_MIPS=y", "CONFIG_LOONGARCH=y", "CONFIG_SPARC=y",
	};
	const char *h = strstr(text, "\n# Linux/");
	size_t i;

	memset(id, 0, sizeof(*id));
	if (h && h - text < 512 &&
	    sscanf(h + 9, "%15[^ \n] %31[^ \n] Kernel Configuration", id->arch, id->version) != 2)
		id->arch[0] = id->version[0] = '\0';
	if (id->arch[0] && strcmp(id->arch, "arm64")) {
		snprintf(err, errlen, "%s: a .config for %s (Linux/%s %s), not arm64", path,
			 id->arch, id->arch, id->version);
		return -1;
	}
	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		if (has_line(text, other[i])) {
			snprintf(err, errlen, "%s: not an arm64 .config (%s)", path, other[i]);
			return -1;
		}
	if (!has_line(text, "CONFIG_ARM64=y")) {
		snprintf(err, errlen, "%s: not a full arm64 .config (no CONFIG_ARM64=y): a "
			 "defconfig or a fragment? Expand it with `make ARCH=arm64 olddefconfig` "
			 "and pass the resulting .config", path);
		return -1;
	}
	return 0;
}

/* the profile's kernel version: "6.1", "6.12"; mainline is 6.13 or later */
static bool version_matches(const char *version, enum mp_profile profile, const char **want)
{
	unsigned int major = 0, minor = 0;
	const char *name = mp_profile_name(profile);
	char mm[16];

	*want = strchr(name, '-') ? strchr(name, '-') + 1 : name;
	if (sscanf(version, "%u.%u", &major, &minor) != 2)
		return true;	/* nothing to compare */
	if (!strcmp(name, "mainline")) {
		*want = "6.13 or later";
		return major > 6 || (major == 6 && minor >= 13);
	}
	snprintf(mm, sizeof(mm), "%u.%u", major, minor);
	return !strcmp(mm, *want);
}

void cli_kconfig_warn_version(const char *prog, const char *path,
			      const struct cli_kconfig_ident *id, enum mp_profile profile)
{
	const char *want;

	if (id->version[0] && !version_matches(id->version, profile, &want))
		fprintf(stderr, "%s: warning: %s is the .config of Linux %s, but --kernel %s "
				"models %s: the plan follows the profile's rules\n", prog, path,
			id->version, mp_profile_name(profile), want);
}

int cli_kconfig_load(struct mp_kconfig *kc, const char *path, char **bufp, char *err, size_t errlen,
		     struct cli_kconfig_ident *id)
{
	char why[128];
	size_t len;
	char *buf;

	*bufp = NULL;
	/* /proc/config.gz (CONFIG_IKCONFIG_PROC) as it is */
	if (cli_load_file_gunzip(path, CLI_FILE_MAX, &buf, &len, why, sizeof(why))) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	if (memchr(buf, '\0', len)) {
		snprintf(err, errlen, "%s: binary file, not a kernel .config", path);
		free(buf);
		return -1;
	}
	*bufp = buf;
	if (cli_kconfig_identify(buf, path, id, err, errlen))
		return -1;
	return cli_kconfig_parse(kc, buf, path, err, errlen);
}
