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

/*
 * cli_run_dtc - run `dtc -q -I @from -O @to -o @out @in` and wait for it;
 * messages name @what.  Returns 0, or -1 after saying why.
 */
int cli_run_dtc(const char *prog, const char *from, const char *to, const char *in,
		const char *out, const char *what)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		say(prog, "fork: %s", strerror(errno));
		return -1;
	}
	if (!pid) {
		/* -q: warnings are lint's business; errors still print */
		execlp("dtc", "dtc", "-q", "-I", from, "-O", to, "-o", out, in, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			say(prog, "waitpid: %s", strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		say(prog, "%s: cannot run dtc (install device-tree-compiler)", what);
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status)) {
		say(prog, "%s: dtc -I %s -O %s failed (exit status %d), see its messages above",
		    what, from, to, WEXITSTATUS(status));
		return -1;
	}
	if (!WIFEXITED(status)) {
		say(prog, "%s: dtc killed by signal %d", what, WTERMSIG(status));
		return -1;
	}
	return 0;
}

/* Run dtc on @dts and load the blob it writes. */
int cli_compile_dts(const char *prog, const char *dts, char **buf, size_t *len)
{
	const char *tmpdir = getenv("TMPDIR");
	char tmp[4096], why[128];
	int fd, ret = -1;

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
	if (cli_run_dtc(prog, "dts", "dtb", dts, tmp, dts))
		goto out;
	if (cli_load_file(tmp, CLI_FILE_MAX, buf, len, why, sizeof(why))) {
		say(prog, "%s: reading dtc's output: %s", dts, why);
		goto out;
	}
	ret = 0;
out:
	unlink(tmp);
	return ret;
}
