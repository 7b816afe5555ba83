// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * output.c - the result's destination and colour, the same for every command.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "util.h"

/* the process's umask (read by setting it; the CLI has one thread) */
static mode_t umask_value(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}

int cli_out_open(struct cli_out *o, const char *prog, const char *path)
{
	struct stat st;
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	o->path = path;
	if (!stat(path, &st) && S_ISDIR(st.st_mode))
		return cli_error(prog, "-o %s: is a directory", path);
	if (!lstat(path, &st) && !S_ISREG(st.st_mode)) {
		/*
		 * /dev/null, a FIFO, a symbolic link such as /dev/fd/N: renaming
		 * over it would replace the link, not write where it points
		 */
		o->f = fopen(path, "w");
		if (!o->f)
			return cli_error(prog, "-o %s: %s", path, strerror(errno));
		return 0;
	}
	if (asprintf(&o->tmp, "%s.memplan-XXXXXX", path) < 0) {
		o->tmp = NULL;
		return cli_error(prog, "out of memory");
	}
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		int e = errno;

		free(o->tmp);
		o->tmp = NULL;
		return cli_error(prog, "-o %s: %s", path, strerror(e));
	}
	/* mkstemp() creates 0600; a result file is as readable as any other */
	/* on failure the file stays 0600: still a usable result */
	(void)!fchmod(fd, 0666 & ~umask_value());
	o->f = fdopen(fd, "w");
	if (!o->f) {
		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return cli_error(prog, "-o %s: %s", path, strerror(errno));
	}
	return 0;
}

int cli_out_close(struct cli_out *o, const char *prog, bool keep)
{
	const char *name = o->path ? o->path : "standard output";
	int bad = 0, e = 0;

	if (!o->f)
		return 0;
	if (fflush(o->f) || ferror(o->f)) {
		bad = 1;
		e = errno ? errno : EIO;
	}
	if (o->f != stdout && fclose(o->f) && !bad) {
		bad = 1;
		e = errno ? errno : EIO;
	}
	o->f = NULL;
	if (o->tmp) {
		if (keep && !bad && rename(o->tmp, o->path)) {
			bad = 1;
			e = errno;
		}
		if (!keep || bad)
			unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
	}
	if (bad)
		return cli_error(prog, "%s: write error: %s", name, strerror(e));
	return 0;
}

int cli_color_parse(const char *arg, enum cli_color *c)
{
	if (!strcmp(arg, "auto"))
		*c = CLI_COLOR_AUTO;
	else if (!strcmp(arg, "always"))
		*c = CLI_COLOR_ALWAYS;
	else if (!strcmp(arg, "never"))
		*c = CLI_COLOR_NEVER;
	else
		return -1;
	return 0;
}

bool cli_color_use(enum cli_color c, FILE *f)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (c != CLI_COLOR_AUTO)
		return c == CLI_COLOR_ALWAYS;
	return isatty(fileno(f)) && !(nc && *nc) && !(term && !strcmp(term, "dumb"));
}
