// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * uboot_env.c - U-Boot's environment as text: what `printenv` prints, or
 * `env export -t` writes (lib/hashtable.c hexport_r() with '\n' as the
 * separator, v2023.01), one `name=value` a line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uboot.h"
#include "util.h"

static bool name_ok(const char *s, size_t n)
{
	size_t i;

	if (!n)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] > '~' || s[i] == '=')
			return false;
	return true;
}

/* one logical line from @p: joined over backslash-newline, CR dropped; in place */
static char *take_line(char **p, char *end, unsigned *lineno)
{
	char *start = *p, *w = *p, *r = *p;

	while (r < end && *r != '\n') {
		if (*r == '\\' && r + 1 < end && r[1] == '\n') {
			*w++ = '\n';	/* an escaped newline of env export -t */
			r += 2;
			(*lineno)++;
			continue;
		}
		if (*r == '\\' && r + 2 < end && r[1] == '\r' && r[2] == '\n') {
			*w++ = '\n';
			r += 3;
			(*lineno)++;
			continue;
		}
		*w++ = *r++;
	}
	if (w > start && w[-1] == '\r')
		w--;
	*w = '\0';
	*p = r < end ? r + 1 : end;
	return start;
}

int cli_uboot_env_parse(char *text, size_t len, struct cli_uboot_env *env, char *err,
			size_t errlen)
{
	char *p = text, *end = text + len;
	unsigned lineno = 0;
	size_t cap = 0;

	env->vars = NULL;
	env->nr = 0;
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "a NUL byte: a binary environment, not `printenv` text");
		return -1;
	}
	while (p < end) {
		unsigned first = ++lineno;
		char *line = take_line(&p, end, &lineno), *eq;

		/* a pasted console: U-Boot's prompt line "=> printenv" */
		if (!*line || *line == '#' || !strncmp(line, "Environment size: ", 18) ||
		    !strncmp(line, "=> ", 3))
			continue;
		eq = strchr(line, '=');
		if (!eq || !name_ok(line, (size_t)(eq - line))) {
			snprintf(err, errlen, "line %u: not a U-Boot environment line "
				 "(name=value): '%.60s'", first, line);
			return -1;
		}
		if (env->nr == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct mp_uboot_var *v = realloc(env->vars, ncap * sizeof(*v));

			if (!v) {
				snprintf(err, errlen, "out of memory");
				return -1;
			}
			env->vars = v;
			cap = ncap;
		}
		*eq = '\0';
		env->vars[env->nr++] = (struct mp_uboot_var){ line, eq + 1 };
	}
	return 0;
}

int cli_uboot_env_load(const char *path, struct cli_uboot_env *env, char *err, size_t errlen)
{
	char why[200];
	size_t len;

	memset(env, 0, sizeof(*env));
	if (cli_load_file(path, CLI_UBOOT_ENV_MAX, &env->text, &len, why, sizeof(why))) {
		snprintf(err, errlen, "--uboot-env %s: %s", path, why);
		return -1;
	}
	if (cli_uboot_env_parse(env->text, len, env, why, sizeof(why))) {
		snprintf(err, errlen, "--uboot-env %s: %s", path, why);
		cli_uboot_env_free(env);
		return -1;
	}
	return 0;
}

void cli_uboot_env_free(struct cli_uboot_env *env)
{
	free(env->vars);
	free(env->text);
	memset(env, 0, sizeof(*env));
}
