// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_record.c - `memplan verify`: reading a boot record of scripts/qemu-boot (a
 * directory of files: serial.log, dmesg, iomem, memblock-*, cmdline, IORT, capture/, ...)
 * or one kernel log, through the boot-record readers (planner/bootrec/).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "verify_internal.h"

char *verify_path_in(const char *dir, const char *name)
{
	char *p = NULL;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		return NULL;
	return p;
}

/* Read DIR/NAME if it exists: 1 read, 0 absent, -1 error (reported). */
int verify_read_opt(const char *dir, const char *name, char **data, size_t *len)
{
	char *p = verify_path_in(dir, name);
	int rc;

	*data = NULL;
	*len = 0;
	if (!p)
		return verr("out of memory"), -1;
	if (access(p, F_OK)) {
		free(p);
		return 0;
	}
	rc = bootrec_read_file(p, data, len);
	if (rc) {
		verr("%s: %s", p, bootrec_strerror(rc));
		free(p);
		return -1;
	}
	free(p);
	return 1;
}

/* DIR/NAME parsed as a log of @src when the record has it: 1, 0 absent, -1 (reported) */
static int read_log(const char *dir, const char *name, enum bootrec_src src,
		    struct bootrec_log *log)
{
	char *d = NULL;
	size_t len;
	int has = verify_read_opt(dir, name, &d, &len), rc;

	if (has <= 0)
		return has;
	rc = bootrec_log_parse(log, d, len, src);
	free(d);
	if (rc)
		return verr("%s/%s: %s", dir, name, bootrec_strerror(rc)), -1;
	return 1;
}

/* the log: a record's serial.log (boot N) merged with its dmesg, or one file */
int verify_load_log(const struct verify_opts *o, struct bootrec_log *out, char *src,
		    size_t srclen)
{
	struct bootrec_log con = { 0 }, dm = { 0 }, empty = { 0 };
	char *d = NULL;
	size_t len, i;
	int rc, ret = -1, any_ts = 0;

	if (o->bootlog) {
		char why[256];

		/* cli_load_file: "-" is standard input, and a missing file says so */
		if (cli_load_file(o->bootlog, CLI_FILE_MAX, &d, &len, why, sizeof(why)))
			return verr("--boot-log %s: %s", o->bootlog, why), -1;
		rc = bootrec_log_parse(&con, d, len, BOOTREC_SRC_DMESG);
		free(d);
		if (rc) {
			verr("%s: %s", o->bootlog, bootrec_strerror(rc));
			goto out;
		}
		for (i = 0; i < con.n; i++)
			any_ts |= con.lines[i].ts_ns >= 0;
		if (!any_ts) /* dmesg -t: no timestamps, every line is the kernel's */
			for (i = 0; i < con.n; i++)
				con.lines[i].ts_ns = 0;
		rc = bootrec_log_merge(out, &con, o->boot, &empty);
		snprintf(src, srclen, "%s (boot %d: %zu kernel lines)",
			 strcmp(o->bootlog, "-") ? o->bootlog : "<stdin>", o->boot,
			 out->n);
	} else {
		int has_c, has_d;

		has_c = read_log(o->record, "serial.log", BOOTREC_SRC_CONSOLE, &con);
		if (has_c < 0)
			goto out;
		has_d = read_log(o->record, "dmesg", BOOTREC_SRC_DMESG, &dm);
		if (has_d < 0)
			goto out;
		if (!has_c && !has_d) {
			verr("%s: neither serial.log nor dmesg: no kernel log to compare",
			     o->record);
			goto out;
		}
		/* dmesg is the first kernel's; for a later boot use the console alone */
		rc = bootrec_log_merge(out, &con, o->boot, o->boot ? &empty : &dm);
		snprintf(src, srclen, "record %s (boot %d: %zu kernel lines from%s%s)", o->record,
			 o->boot, out->n, has_c ? " serial.log" : "",
			 has_d && !o->boot ? " dmesg" : "");
	}
	if (rc) {
		verr("merging the logs: %s", bootrec_strerror(rc));
		goto out;
	}
	if (!out->n) {
		verr("%s: no kernel line for boot %d", o->bootlog ? o->bootlog : o->record,
		     o->boot);
		goto out;
	}
	ret = 0;
out:
	bootrec_log_free(&con);
	bootrec_log_free(&dm);
	return ret;
}

int verify_read_iort(const char *dir, struct mp_iort *out)
{
	char *d = NULL, why[MP_IORT_WHY_LEN];
	size_t len;
	int r = verify_read_opt(dir, "IORT", &d, &len);

	if (r <= 0)
		return r;
	r = mp_iort_parse(d, len, out, why, sizeof(why));
	free(d);
	if (r)
		return verr("%s/IORT: %s", dir, why), -1;
	return 1;
}

int verify_read_phys_offset(const char *dir, const char *name, mp_u64 *out)
{
	char *d = NULL;
	size_t len;
	uint64_t v;
	int r = verify_read_opt(dir, name, &d, &len);

	if (r <= 0)
		return r;
	r = bootrec_vmcoreinfo_number(d, len, "PHYS_OFFSET", &v);
	free(d);
	if (r)
		return verr("%s/%s: no NUMBER(PHYS_OFFSET)=0x... line (the text of a "
			    "VMCOREINFO note)", dir, name), -1;
	*out = v;
	return 1;
}

/* iomem / memblock-reserved / memblock-memory of a record directory, when present */
int verify_load_record_tables(const char *dir, struct bootrec_iomem *io, bool *has_io,
			      struct bootrec_memblock *rsv, bool *has_rsv,
			      struct bootrec_memblock *mem, bool *has_mem)
{
	static const char *const names[3] = { "iomem", "memblock-reserved", "memblock-memory" };
	bool *has[3] = { has_io, has_rsv, has_mem };
	char *data;
	size_t len;
	int i, r, ret;

	for (i = 0; i < 3; i++) {
		r = verify_read_opt(dir, names[i], &data, &len);
		if (r < 0)
			return -1;
		*has[i] = r;
		if (!r)
			continue;
		ret = i == 0 ? bootrec_iomem_parse(io, data, len) :
			       bootrec_memblock_parse(i == 1 ? rsv : mem, data, len);
		free(data);
		if (ret) {
			verr("%s/%s: %s", dir, names[i], bootrec_strerror(ret));
			return -1;
		}
	}
	return 0;
}

/* the initrd size kexec loaded: /chosen linux,initrd-{start,end} of the capture DTB */
mp_u64 verify_capture_initrd_size(const char *dir)
{
	char *p = verify_path_in(dir, "capture/fdt.dtb"), *d = NULL;
	size_t len;
	mp_u64 size = 0;

	if (p && !bootrec_read_file(p, &d, &len) && len >= 40 && !fdt_check_header(d) &&
	    fdt_totalsize(d) <= len && !mp_dt_struct_walk(d, len)) {
		int node = fdt_path_offset(d, "/chosen"), l1, l2;
		const fdt32_t *s, *e;

		s = node >= 0 ? fdt_getprop(d, node, "linux,initrd-start", &l1) : NULL;
		e = node >= 0 ? fdt_getprop(d, node, "linux,initrd-end", &l2) : NULL;
		if (s && e && l1 == 8 && l2 == 8) {
			mp_u64 a = (mp_u64)fdt32_to_cpu(s[0]) << 32 | fdt32_to_cpu(s[1]);
			mp_u64 b = (mp_u64)fdt32_to_cpu(e[0]) << 32 | fdt32_to_cpu(e[1]);

			size = b > a ? b - a : 0;
		}
	}
	free(d);
	free(p);
	return size;
}

/*
 * A kdump record taken with memplan.shrink= (kexec/init.sh) holds kexec_crash_size:
 * what /sys/kernel/kexec_crash_size read after the shrink.  Return 1 and the size,
 * 0 without the file, -1 on a read error.
 */
int verify_read_crash_shrink(const char *dir, mp_u64 *size)
{
	char *d = NULL, *end;
	size_t len;
	unsigned long long v;
	int r = verify_read_opt(dir, "kexec_crash_size", &d, &len);

	if (r <= 0)
		return r;
	errno = 0;
	v = strtoull(d, &end, 0);
	if (errno || end == d || (*end && *end != '\n')) {
		free(d);
		return verr("%s/kexec_crash_size: not a number", dir);
	}
	free(d);
	*size = v;
	return 1;
}

int verify_read_cmdline(const char *dir, char **cmdline)
{
	size_t len;
	int r = verify_read_opt(dir, "cmdline", cmdline, &len);

	if (r <= 0)
		return r;
	while (len && ((*cmdline)[len - 1] == '\n' || (*cmdline)[len - 1] == '\r' ||
		       (*cmdline)[len - 1] == ' '))
		(*cmdline)[--len] = '\0';
	if (strlen(*cmdline) != len) {
		free(*cmdline);
		*cmdline = NULL;
		return verr("%s/cmdline: contains a NUL byte", dir), -1;
	}
	return 0;
}
