// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * dtc.c - compile DT source with the system's dtc (device-tree-compiler) into a
 * temporary blob and load it: how plan and lint accept --dts / *.dts.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

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
		cli_error(prog, "fork: %s", strerror(errno));
		return -1;
	}
	if (!pid) {
		/* -q: warnings are lint's business; errors still print */
		execlp("dtc", "dtc", "-q", "-I", from, "-O", to, "-o", out, in, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			cli_error(prog, "waitpid: %s", strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		cli_error(prog, "%s: cannot run dtc (install device-tree-compiler)", what);
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status)) {
		cli_error(prog, "%s: dtc -I %s -O %s failed (exit status %d), see its messages above",
		    what, from, to, WEXITSTATUS(status));
		return -1;
	}
	if (!WIFEXITED(status)) {
		cli_error(prog, "%s: dtc killed by signal %d", what, WTERMSIG(status));
		return -1;
	}
	return 0;
}

int cli_tmpfile(const char *prog, const char *suffix, char *path, size_t len)
{
	const char *tmpdir = getenv("TMPDIR");
	int fd;

	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	if ((size_t)snprintf(path, len, "%s/memplan-XXXXXX%s", tmpdir, suffix) >= len) {
		cli_error(prog, "TMPDIR %s: path too long", tmpdir);
		return -1;
	}
	fd = mkstemps(path, (int)strlen(suffix));
	if (fd < 0)
		cli_error(prog, "cannot create a temporary file in %s: %s", tmpdir, strerror(errno));
	return fd;
}

/* Run dtc on @dts ("-": standard input) and load the blob it writes. */
int cli_compile_dts(const char *prog, const char *dts, char **buf, size_t *len)
{
	const char *what = strcmp(dts, "-") ? dts : "standard input";
	char tmp[4096], why[128];
	int fd, ret = -1;

	fd = cli_tmpfile(prog, ".dtb", tmp, sizeof(tmp));
	if (fd < 0)
		return -1;
	close(fd);
	if (cli_run_dtc(prog, "dts", "dtb", dts, tmp, what))
		goto out;
	if (cli_load_file(tmp, CLI_FILE_MAX, buf, len, why, sizeof(why))) {
		cli_error(prog, "%s: reading dtc's output: %s", what, why);
		goto out;
	}
	ret = 0;
out:
	unlink(tmp);
	return ret;
}

/* the flattened DT's magic, d00dfeed big-endian, at offset 0 */
static bool is_dtb(const char *buf, size_t len)
{
	static const unsigned char magic[4] = { 0xd0, 0x0d, 0xfe, 0xed };

	return len >= 4 && !memcmp(buf, magic, 4);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n > t && !strcmp(s + n - t, tail);
}

/* DT source already read into memory (standard input): through a temporary .dts */
static int compile_buffer(const char *prog, const char *src, size_t srclen, char **buf,
			  size_t *len)
{
	char tmp[4096];
	int fd, ret;
	FILE *f;

	fd = cli_tmpfile(prog, ".dts", tmp, sizeof(tmp));
	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	if (!f) {
		cli_error(prog, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	ret = fwrite(src, 1, srclen, f) == srclen ? 0 : -1;
	if (fclose(f))
		ret = -1;
	if (ret)
		cli_error(prog, "standard input: cannot copy to %s: %s", tmp, strerror(errno));
	else
		ret = cli_compile_dts(prog, tmp, buf, len);
	unlink(tmp);
	return ret;
}

/* the first bytes of @path, to tell a blob from source before running dtc */
static int peek(const char *prog, const char *path, char *head, size_t *n)
{
	struct stat st;
	FILE *f;

	if (stat(path, &st)) {
		cli_error(prog, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		cli_error(prog, "%s: is a directory, not a DT file", path);
		return -1;
	}
	f = fopen(path, "rb");
	if (!f) {
		cli_error(prog, "%s: %s", path, strerror(errno));
		return -1;
	}
	*n = fread(head, 1, *n, f);
	fclose(f);
	return 0;
}

int cli_load_dt(const char *prog, const char *path, enum cli_dt_form form, char **buf,
		size_t *len)
{
	const char *what = strcmp(path, "-") ? path : "standard input";
	char head[8], why[256];
	size_t n = sizeof(head);

	if (form == CLI_DT_SOURCE) {
		if (!strcmp(path, "-"))
			return cli_compile_dts(prog, path, buf, len);
		if (peek(prog, path, head, &n))
			return -1;
		if (is_dtb(head, n)) {
			cli_error(prog, "%s: a flattened DTB, not DT source: use --dtb %s", path, path);
			return -1;
		}
		return cli_compile_dts(prog, path, buf, len);
	}
	if (form == CLI_DT_SNIFF && strcmp(path, "-") && !ends_with(path, ".dtb")) {
		/* a named file: let dtc read it itself, so /include/ finds its neighbours */
		if (peek(prog, path, head, &n))
			return -1;
		if (!is_dtb(head, n))
			return cli_compile_dts(prog, path, buf, len);
	}
	if (cli_load_file(path, CLI_FILE_MAX, buf, len, why, sizeof(why))) {
		cli_error(prog, "%s: %s", what, why);
		return -1;
	}
	if (is_dtb(*buf, *len))
		return 0;
	if (form == CLI_DT_SNIFF && !strcmp(path, "-")) {
		char *src = *buf;
		int ret = compile_buffer(prog, src, *len, buf, len);

		free(src);
		return ret;
	}
	if (*len >= 8 && !memcmp(*buf, "/dts-v1/", 8)) {
		cli_error(prog, "%s: DT source, not a flattened DTB: use --dts %s", what, path);
		free(*buf);
		*buf = NULL;
		return -1;
	}
	return 0;	/* not a DTB either: the planner's header check says why */
}
