// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_efi.c - `memplan verify` of a UEFI boot: the EFI memory map and the
 * initrd's size, from the record when no option gives them.
 *
 * A kernel booted with efi=debug prints the map it builds memblock from
 * (reserve_regions()); a record of such a boot plans from its own log.  The
 * EFI stub says where it put the initrd only in a config table, not how big
 * it is: the record's QEMU command names the file, and a running system's log
 * says "Freeing initrd memory: NK" (whole pages, which is what the kernel
 * reserves).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "memplan_efi.h"
#include "verify_internal.h"

/* the log lines of the planned boot, one text, for mp_efi_map_parse() */
static char *log_text(const struct bootrec_log *log, int boot, size_t *len)
{
	size_t i, n = 0;
	char *t, *p;

	for (i = 0; i < log->n; i++)
		if (log->lines[i].boot == boot)
			n += log->lines[i].len + 1;
	t = malloc(n + 1);
	if (!t)
		return NULL;
	p = t;
	for (i = 0; i < log->n; i++)
		if (log->lines[i].boot == boot) {
			memcpy(p, log->lines[i].text, log->lines[i].len);
			p += log->lines[i].len;
			*p++ = '\n';
		}
	*p = 0;
	*len = n;
	return t;
}

int verify_derive_efi(const struct bootrec_log *log, int boot, struct verify_result *res,
		      struct mp_efi_map **out)
{
	char err[200];
	size_t len;
	char *text = log_text(log, boot, &len);
	struct mp_efi_map *m = malloc(sizeof(*m));

	*out = NULL;
	if (!text || !m) {
		free(text);
		free(m);
		return -1;
	}
	if (!strstr(text, "efi: Processing EFI memory map:") ||
	    mp_efi_map_parse(text, len, m, err, sizeof(err))) {
		if (strstr(text, "efi: Processing EFI memory map:"))
			verify_add_derived(res, "--efi-memmap: the log's EFI memory map does not "
					   "read: %s", err);
		free(m);
		free(text);
		return 0;
	}
	free(text);
	verify_add_derived(res, "--efi-memmap: the log's (efi=debug): %zu descriptors%s", m->nr,
			   m->memattr_entries_known ? ", memory attributes table entries" : "");
	*out = m;
	return 0;
}

/* "-initrd FILE" of the record's qemu-command: that file's size */
static mp_u64 qemu_initrd_size(const char *dir)
{
	char *p = verify_path_in(dir, "qemu-command"), *d = NULL, *f, *e;
	size_t len;
	struct stat st;
	mp_u64 size = 0;

	if (p && !bootrec_read_file(p, &d, &len) && (f = strstr(d, " -initrd ")) != NULL) {
		f += 9;
		e = f;
		while (*e && *e != ' ' && *e != '\n')
			e++;
		*e = 0;
		if (!stat(f, &st) && st.st_size > 0)
			size = (mp_u64)st.st_size;
	}
	free(d);
	free(p);
	return size;
}

mp_u64 verify_derive_initrd_size(const char *dir, const struct bootrec_log *log, int boot,
				 struct verify_result *res)
{
	mp_u64 size = dir ? qemu_initrd_size(dir) : 0;
	size_t i;

	if (size) {
		verify_add_derived(res, "--initrd-size %llu (the record's QEMU -initrd file)",
				   (unsigned long long)size);
		return size;
	}
	/* memblock=debug: free_initrd_mem() frees the pages it was reserved with */
	for (i = 0; i < log->n; i++) {
		unsigned long long b, e;
		char caller[32];

		if (log->lines[i].boot == boot &&
		    sscanf(log->lines[i].text, "memblock_phys_free: [%llx-%llx] %31[a-z_]", &b, &e,
			   caller) == 3 && !strcmp(caller, "free_initrd_mem") && e > b) {
			verify_add_derived(res, "--initrd-size 0x%llx (the pages free_initrd_mem() "
					   "gave back, memblock=debug)", e + 1 - b);
			return e + 1 - b;
		}
	}
	/*
	 * free_reserved_area() counts the whole pages inside [start, end): one
	 * page less than were reserved unless the initrd ends on a page boundary
	 */
	for (i = 0; i < log->n; i++) {
		unsigned long long k;

		if (log->lines[i].boot == boot &&
		    sscanf(log->lines[i].text, "Freeing initrd memory: %lluK", &k) == 1 && k &&
		    k < (1ULL << 40)) {
			verify_add_derived(res, "--initrd-size %lluK + 1 (\"Freeing initrd memory\" "
					   "counts the whole pages inside it: assumed to end inside "
					   "one more page)", k);
			return (k << 10) + 1;
		}
	}
	return 0;
}
