/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * verify_internal.h - what the files of `memplan verify` share and nothing else
 * uses (verify.h is the command's interface):
 *
 *   verify_main.c    options, the plan of the recorded boot (and of its capture
 *                    kernel), the order of the checks
 *   verify_record.c  reading a boot record: its files, the kernel log
 *   verify_derive.c  what the record says about the boot's inputs: the Image's
 *                    placement and layout, the DTB's base
 *   verify_result.c  the result's lists: growing, freeing, the verdict
 *   verify_log.c     the kernel_log families and the log diff
 *   verify_claims.c  crash kernel resources and exact allocations vs
 *                    /proc/iomem and memblock debugfs
 *   verify_memblock.c the plan's memblock calls vs a memblock=debug log, one by one
 *   verify_linmap.c  the linear map vs kernel_page_tables (also once kexec -p
 *                    has loaded a capture kernel)
 *   verify_kplan.c   the early decisions of a memplan-6.12 kernel (early_mm.json)
 *   verify_report.c  the text and JSON reports
 */
#ifndef MEMPLAN_CLI_VERIFY_INTERNAL_H
#define MEMPLAN_CLI_VERIFY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "bootrec.h"
#include "memplan.h"
#include "memplan_efi.h"
#include "memplan_kexec.h"
#include "util.h"
#include "verify.h"

#define VERIFY_EXIT_MISMATCH 1
#define VERIFY_EXIT_USAGE 2

/* every error line has one form: "memplan verify: ..."; returns 2 */
#define verr(...) cli_error("memplan verify", __VA_ARGS__)
#define vusage(...) cli_usage_error("memplan verify", __VA_ARGS__)

/* the options of one `memplan verify` run (verify_main.c parses them) */
struct verify_opts {
	const char *record, *bootlog, *dtb, *dts, *cmdline, *kernel, *kconfig, *image, *btf;
	const char *efi_memmap;	/* --efi-memmap (else the record's log, if it has the map) */
	mp_u64 initrd_size;	/* --initrd-size (else derived) */
	mp_u64 phys_offset;	/* --phys-offset (else DIR/vmcoreinfo) */
	bool phys_offset_given;
	const char *acpi_iort;
	/* --rmem-caller: compatibles whose drivers ask for every memory-region */
	const char *rmem_callers[MP_RMEM_CALLERS_MAX];
	size_t nr_rmem_callers;
	const char *format, *output;
	int boot;
	mp_u64 image_base, image_size, fdt_base;
	bool image_base_given, image_size_given, fdt_base_given, kernel_given;
	bool capture;
};

/* ---- verify_efi.c ---- */

/**
 * verify_derive_efi() - the EFI memory map a kernel booted with efi=debug logged
 * @log: the log
 * @boot: which boot of it is planned
 * @res: gets a "derived" line
 * @out: set to the map (free() it), or NULL when the log has none
 *
 * Return: 0, or -1 when out of memory.
 */
int verify_derive_efi(const struct bootrec_log *log, int boot, struct verify_result *res,
		      struct mp_efi_map **out);

/**
 * verify_derive_initrd_size() - the size of the initrd the EFI stub loaded
 * @dir: the record (its qemu-command names the -initrd file), or NULL
 * @log: the log ("Freeing initrd memory: NK")
 * @boot: which boot of it is planned
 * @res: gets a "derived" line
 *
 * Return: the size, or 0 when neither says.
 */
mp_u64 verify_derive_initrd_size(const char *dir, const struct bootrec_log *log, int boot,
				 struct verify_result *res);

/* ---- verify_result.c ---- */

/**
 * verify_grow() - make room for @need elements in a malloc'ed array
 * @arr: the array (may be NULL), replaced when it moves
 * @cap: its capacity in elements, updated
 * @need: the elements it must hold
 * @elem: the size of one element
 *
 * Return: 0, or -1 when out of memory (@arr and @cap unchanged).
 */
int verify_grow(void **arr, size_t *cap, size_t need, size_t elem);

/**
 * verify_add_range() - append one range to a result list
 * @arr: the list
 * @n: its length, incremented
 * @cap: its capacity
 * @v: the range
 *
 * Return: 0, or -1 when out of memory.
 */
int verify_add_range(struct verify_range **arr, size_t *n, size_t *cap,
		     const struct verify_range *v);

/* ---- verify_record.c ---- */

/**
 * verify_path_in() - "DIR/NAME"
 * @dir: a directory
 * @name: a file in it
 *
 * Return: a malloc'ed string, or NULL when out of memory.
 */
char *verify_path_in(const char *dir, const char *name);

/**
 * verify_read_opt() - read DIR/NAME if the record has it
 * @dir: the record directory
 * @name: the file
 * @data: set to its malloc'ed bytes (NULL when absent)
 * @len: set to their number
 *
 * Return: 1 read, 0 absent, -1 on an error (reported).
 */
int verify_read_opt(const char *dir, const char *name, char **data, size_t *len);

/**
 * verify_load_log() - the kernel log to compare
 * @o: the options: --boot-log FILE, or --record DIR (serial.log and/or dmesg), --boot
 * @out: set to boot @o->boot's kernel lines
 * @src: set to the report's "source" line
 * @srclen: bytes at @src
 *
 * Return: 0, or -1 after an error line.
 */
int verify_load_log(const struct verify_opts *o, struct bootrec_log *out, char *src,
		    size_t srclen);

/**
 * verify_read_iort() - the firmware's IORT of a record (DIR/IORT), when it has one
 * @dir: the record directory
 * @out: the table's DMA limit and summary (mp_iort_parse())
 *
 * A record of an ACPI boot keeps /sys/firmware/acpi/tables/IORT as DIR/IORT;
 * it bounds ZONE_DMA as --acpi-iort does.
 *
 * Return: 1 read, 0 absent, -1 after an error line (unreadable or malformed).
 */
int verify_read_iort(const char *dir, struct mp_iort *out);

/**
 * verify_read_phys_offset() - the booted kernel's memstart_addr from a record
 * @dir: the record directory
 * @name: "vmcoreinfo" (the first kernel) or "capture/vmcoreinfo"
 * @out: NUMBER(PHYS_OFFSET) of the file, the text of the kernel's VMCOREINFO
 *	note (vmcore-check --vmcoreinfo /proc/kcore)
 *
 * Return: 1 read, 0 absent, -1 after an error line (unreadable or malformed).
 */
int verify_read_phys_offset(const char *dir, const char *name, mp_u64 *out);

/**
 * verify_load_record_tables() - iomem, memblock-reserved and memblock-memory of a record
 * @dir: the record directory
 * @io: set to /proc/iomem when the record has it
 * @has_io: set to whether it has
 * @rsv: set to memblock-reserved when the record has it
 * @has_rsv: set to whether it has
 * @mem: set to memblock-memory when the record has it
 * @has_mem: set to whether it has
 *
 * Return: 0, or -1 after an error line.
 */
int verify_load_record_tables(const char *dir, struct bootrec_iomem *io, bool *has_io,
			      struct bootrec_memblock *rsv, bool *has_rsv,
			      struct bootrec_memblock *mem, bool *has_mem);

/**
 * verify_read_cmdline() - a record's command line (DIR/cmdline), trailing blanks cut
 * @dir: the record directory
 * @cmdline: set to the malloc'ed line, NULL when the record has none
 *
 * Return: 0, or -1 after an error line (unreadable, a NUL byte inside).
 */
int verify_read_cmdline(const char *dir, char **cmdline);

/**
 * verify_capture_initrd_size() - the initrd size kexec -p loaded in a kdump record
 * @dir: the record directory: /chosen linux,initrd-{start,end} of DIR/capture/fdt.dtb
 *
 * Return: the size, 0 without an initrd (or without the file).
 */
mp_u64 verify_capture_initrd_size(const char *dir);

/**
 * verify_read_crash_shrink() - the crash kernel size after a shrink, if the record has one
 * @dir: the record directory: kexec_crash_size, what /sys/kernel/kexec_crash_size read
 *	after memplan.shrink= (kexec/init.sh)
 * @size: set to it
 *
 * Return: 1 read, 0 without the file, -1 after an error line.
 */
int verify_read_crash_shrink(const char *dir, mp_u64 *size);

/* ---- verify_derive.c ---- */

/**
 * verify_add_derived() - note an input derived from the record, for the report
 * @r: the result ("derived" lines; at most six are kept)
 * @fmt: printf format of the line
 */
void verify_add_derived(struct verify_result *r, const char *fmt, ...) MP_PRINTF(2, 3);

/**
 * verify_derive_xen_dtb() - where Xen put dom0's DTB, from its console
 * @dir: the record directory (DIR/serial.log holds Xen's console)
 * @res: gets the "derived" line
 * @base: set to the address of "(XEN) Loading d0 DTB to 0x...-0x..."
 *
 * Xen 4.17 places dom0's DTB itself (place_modules()); until memplan models
 * that, a dom0 record's DTB base comes from Xen's own line.
 *
 * Return: 0 found, 1 not a dom0 record (or no such line).
 */
int verify_derive_xen_dtb(const char *dir, struct verify_result *res, mp_u64 *base);
/**
 * verify_derive_fdt_base() - where the DTB sat, from the record
 * @fdt: the DTB the kernel received
 * @rsv: memblock-reserved (may be NULL)
 * @io: /proc/iomem (may be NULL)
 * @res: gets a "derived" line saying how
 * @base: set to the base
 *
 * Return: 0, or -1 when the record does not tell.
 */
int verify_derive_fdt_base(const void *fdt, const struct bootrec_memblock *rsv,
			   const struct bootrec_iomem *io, struct verify_result *res,
			   mp_u64 *base);

/**
 * verify_derive_image() - the Image's placement and section layout from /proc/iomem
 * @io: /proc/iomem
 * @res: gets "derived" lines saying how
 * @img: its text, stext/init/sdata offsets (and size unless @size_given) are set
 * @size_given: the size came from --image or --image-size
 * @efi: a UEFI boot's EFI map, or NULL: the base is the Loader Code range that
 *	holds "Kernel code" (the stub's copy, 64 KiB aligned with KASLR), else
 *	"Kernel code" rounded down to 2 MiB
 *
 * Return: 0, or -1 without a "Kernel code" resource.
 */
int verify_derive_image(const struct bootrec_iomem *io, struct verify_result *res,
			struct mp_image *img, bool size_given, const struct mp_efi_map *efi);

/**
 * verify_derive_cpu_va52() - whether the booted CPU ran a 52-bit configuration with 52 bits
 * @log: the boot's kernel log
 * @kc: the configuration (a line is reported only for a 52-bit VA or PA one)
 * @res: gets a "derived" line saying how
 *
 * The kernel reports the boot CPU capability ARM64_HAS_VA52 as "CPU features:
 * detected: 52-bit Virtual Addressing (LPA2)" (4K/16K) or "(LVA)" (64K)
 * (arch/arm64/kernel/cpufeature.c, 6.9+); it is detected only when the
 * configuration is 52-bit and the CPU can.
 *
 * Return: true when the log has that line (&mp_input.cpu_va52).
 */
bool verify_derive_cpu_va52(const struct bootrec_log *log, const struct mp_kconfig *kc,
			    struct verify_result *res);

/* ---- verify_log.c ---- */

/**
 * verify_add_line() - append one compared log line to @r and count it
 * @r: the result
 * @op: matched, missing or unexpected
 * @fam: the line's family
 * @text: the line (not copied)
 *
 * Return: 0, or -1 when out of memory.
 */
int verify_add_line(struct verify_result *r, enum verify_op op, enum verify_family fam,
		    const char *text);

/* ---- verify_linmap.c ---- */

/**
 * verify_compare_page_tables() - the linear-map checks of a record
 * @o: the options (the record directory)
 * @plan: the plan of the recorded boot
 * @res: gets the comparisons, or "derived" lines saying why none was made
 *
 * kernel_page_tables vs the plan's linear map; kernel_page_tables.loaded (a kdump
 * record) vs the linear map once kexec -p has loaded the capture kernel, after the
 * record's crash kernel shrink if it has one.
 *
 * Return: 0, or -1 (out of memory or a file that cannot be read).
 */
int verify_compare_page_tables(const struct verify_opts *o, const struct mp_plan *plan,
			       struct verify_result *res);

/* ---- verify_kplan.c ---- */

/**
 * verify_compare_early_mm_files() - the early decisions of a memplan-6.12 record
 * @o: the options (the record directory)
 * @plan: the plan of the recorded boot
 * @res: gets the member-by-member comparisons
 *
 * early_mm.json, early_mm.shrunk.json and early_mm.loaded.json, as far as the
 * record has them, each against the plan as it stands then.
 *
 * Return: 0, or nonzero after an error line.
 */
int verify_compare_early_mm_files(const struct verify_opts *o, const struct mp_plan *plan,
				  struct verify_result *res);

#endif /* MEMPLAN_CLI_VERIFY_INTERNAL_H */
