// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * dtc.c - compile DT source with the system's dtc (device-tree-compiler) into a
 * temporary blob and load it: how plan and lint accept --dts / *.dts.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

__attribute__((format(printf, 2, 3))) static void say(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Run dtc on @dts and load the blob it writes. */
int cli_compile_dts(const char *prog, const char *dts, char **buf, size_t *len)
{
	const char *tmpdir = getenv("TMPDIR");
	char tmp[4096], why[128];
	int fd, status, ret = -1;
	pid_t pid;

	if (access(dts, R_OK)) {
		say(prog, "%s: %s", dts, strerror(errno));
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s/memplan-XXXXXX.dtb", tmpdir && *tmpdir ? tmpdir : "/tmp");
	fd = mkstemps(tmp, 4);
	if (fd < 0) {
		say(prog, "cannot create a temporary file in %s: %s",
		      tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
		return -1;
	}
	close(fd);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		say(prog, "fork: %s", strerror(errno));
		goto out;
	}
	if (!pid) {
		/* -q: warnings are lint's business; errors still print */
		execlp("dtc", "dtc", "-q", "-I", "dts", "-O", "dtb", "-o", tmp, dts, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			say(prog, "waitpid: %s", strerror(errno));
			goto out;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		say(prog, "%s: cannot run dtc (install device-tree-compiler)", dts);
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		if (WIFEXITED(status))
			say(prog, "%s: dtc failed (exit status %d), see its messages above", dts,
			      WEXITSTATUS(status));
		else
			say(prog, "%s: dtc killed by signal %d", dts, WTERMSIG(status));
		goto out;
	}
	if (cli_load_file(tmp, CLI_FILE_MAX, buf, len, why, sizeof(why))) {
		say(prog, "%s: reading dtc's output: %s", dts, why);
		goto out;
	}
	ret = 0;
out:
	unlink(tmp);
	return ret;
}

