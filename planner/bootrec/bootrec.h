/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * bootrec.h - readers for the boot-record files the QEMU harness (scripts/qemu-boot)
 * writes: kernel logs (serial console and dmesg), /proc/iomem, and
 * /sys/kernel/debug/memblock/{memory,reserved}.
 *
 * Formats modelled:
 *  - printk lines as printed by kernel/printk/printk.c (info_print_prefix):
 *    optional "<N>" syslog prefix (dmesg -r / syslog(2)), "[%5lu.%06lu] " timestamp
 *    (CONFIG_PRINTK_TIME), optional "[%6s] " caller id (CONFIG_PRINTK_CALLER), plus the
 *    host-timestamp prefix "[H%11.6f] " that scripts/qemu-boot adds to serial.log;
 *  - /proc/iomem: kernel/resource.c r_show(), "%*s%0*llx-%0*llx : %s", 2 spaces per depth;
 *  - memblock debugfs: mm/memblock.c memblock_debug_show(): 6.1 "%4d: %pa..%pa",
 *    6.12 appends " %4d" node (or "   x") and flag names ("NONE", "NOMAP", "A|B").
 *
 * All parsers take a buffer + length (no NUL needed), never crash on bad input, and
 * return BOOTREC_OK or a negative bootrec_err.  Results own their memory: free them
 * with the matching *_free().
 */
#ifndef MEMPLAN_BOOTREC_H
#define MEMPLAN_BOOTREC_H

#include <stddef.h>
#include <stdint.h>

enum bootrec_err {
	BOOTREC_OK = 0,
	BOOTREC_EINVAL = -1,	/* malformed input */
	BOOTREC_ENOMEM = -2,	/* allocation failed */
	BOOTREC_ERANGE = -3,	/* a number does not fit, or too many entries */
};

/* Where a log line came from. */
enum bootrec_src {
	BOOTREC_SRC_CONSOLE = 1,	/* serial console (serial.log) */
	BOOTREC_SRC_DMESG = 2,	/* dmesg / dmesg -r */
};

struct bootrec_line {
	char *text;		/* NUL-terminated, all prefixes and CRs stripped */
	size_t len;
	int level;		/* 0..7 from "<N>", or -1 when the line had none */
	int64_t ts_ns;		/* printk timestamp in ns, or -1 (user-space output) */
	int64_t host_ns;	/* host timestamp in ns from "[H...]", or -1 */
	int boot;		/* 0 for the first kernel; +1 at every later
				 * "Booting Linux on physical CPU" (kdump capture kernel) */
	enum bootrec_src src;
};

struct bootrec_log {
	struct bootrec_line *lines;
	size_t n;
	size_t cap;
};

/**
 * bootrec_log_parse() - read a kernel log
 * @log: where the lines are appended (zeroed, or used before)
 * @data: the log's bytes (no NUL needed)
 * @len: their number
 * @src: what kind of log it is
 *
 * Each line's printk prefixes are stripped (bootrec_line_split()); lines are counted
 * into boots at every "Booting Linux on physical CPU".
 *
 * Return: BOOTREC_OK or a negative &enum bootrec_err.
 */
int bootrec_log_parse(struct bootrec_log *log, const char *data, size_t len,
		      enum bootrec_src src);
/**
 * bootrec_log_merge() - one boot's kernel lines from a console log and a dmesg
 * @out: set to the merged lines (zeroed)
 * @console: the console log (serial.log)
 * @boot: which boot of @console: 0 the first kernel, 1 the capture kernel, ...
 * @dmesg: a dmesg of the same boot (may be empty)
 *
 * Kernel lines only (ts_ns >= 0), in boot order.  dmesg is complete except for its
 * start (early-buffer overflow) and for lines printed after it was read; the
 * console can miss lines in between.  So @out = console lines before dmesg's first
 * record + dmesg + console lines after dmesg's last record, matched as multisets on
 * equal timestamps.
 *
 * Return: BOOTREC_OK or a negative &enum bootrec_err.
 */
int bootrec_log_merge(struct bootrec_log *out, const struct bootrec_log *console, int boot,
		      const struct bootrec_log *dmesg);

/**
 * bootrec_log_free() - free a log's lines and clear it
 * @log: the log
 */
void bootrec_log_free(struct bootrec_log *log);

/**
 * bootrec_line_split() - where one line's text starts after its printk prefixes
 * @line: the line
 * @len: its bytes
 * @out_meta: set to the level and timestamps the prefixes give
 * @text_off: set to the text's offset in @line
 * @text_len: set to its length
 *
 * Exposed for tests.
 *
 * Return: BOOTREC_OK.
 */
int bootrec_line_split(const char *line, size_t len, struct bootrec_line *out_meta,
		       size_t *text_off, size_t *text_len);

struct bootrec_iomem_entry {
	uint64_t start;
	uint64_t end;		/* inclusive, as printed */
	char *name;
	int depth;		/* 0 for top level */
	long parent;		/* index of the parent entry, -1 at top level */
};

struct bootrec_iomem {
	struct bootrec_iomem_entry *e;
	size_t n;
	size_t cap;
};

/**
 * bootrec_iomem_parse() - read /proc/iomem
 * @io: set to its entries, each with its depth and parent (zeroed)
 * @data: the file's bytes
 * @len: their number
 *
 * Return: BOOTREC_OK or a negative &enum bootrec_err.
 */
int bootrec_iomem_parse(struct bootrec_iomem *io, const char *data, size_t len);

/**
 * bootrec_iomem_free() - free what bootrec_iomem_parse() read
 * @io: the entries
 */
void bootrec_iomem_free(struct bootrec_iomem *io);

/**
 * bootrec_vmcoreinfo_number() - one NUMBER(@key)=0x... line of a VMCOREINFO note's text
 * @data: the text (vmcore-check --vmcoreinfo of /proc/kcore or /proc/vmcore)
 * @len: its bytes
 * @key: e.g. "PHYS_OFFSET"
 * @out: the value
 *
 * Return: BOOTREC_OK, BOOTREC_EINVAL when the line is missing or not a hex
 * number, BOOTREC_ERANGE when the number has more than 16 digits.
 */
int bootrec_vmcoreinfo_number(const char *data, size_t len, const char *key, uint64_t *out);

/* one restricted DMA pool of the swiotlb debugfs: DIR/io_tlb_nslabs */
struct bootrec_pool {
	char name[64];		/* the pool's directory: the reserved-memory node's name */
	uint64_t nslabs;	/* io_tlb_nslabs: size / 2 KiB (IO_TLB_SHIFT) */
};

struct bootrec_pools {
	struct bootrec_pool *v;
	size_t n, cap;
};

/**
 * bootrec_pools_parse() - the swiotlb pools a record lists, "NAME NSLABS" lines
 * @p: set to the pools (zeroed first)
 * @data: the file's bytes (init.sh's swiotlb-pools: the debugfs directories
 *	holding io_tlb_nslabs, the default "swiotlb" one included)
 * @len: their number
 *
 * Return: BOOTREC_OK, BOOTREC_EINVAL for a line that is not a name (1-63
 * bytes, no blank) and a decimal number, BOOTREC_ERANGE, BOOTREC_ENOMEM.
 */
int bootrec_pools_parse(struct bootrec_pools *p, const char *data, size_t len);
void bootrec_pools_free(struct bootrec_pools *p);

/* memblock region flags (include/linux/memblock.h bit numbers) */
#define BOOTREC_MB_HOTPLUG 0x1u
#define BOOTREC_MB_MIRROR 0x2u
#define BOOTREC_MB_NOMAP 0x4u
#define BOOTREC_MB_DRV_MNG 0x8u
#define BOOTREC_MB_RSV_NIT 0x10u
#define BOOTREC_MB_UNKNOWN 0x80000000u

struct bootrec_mb_region {
	uint64_t base;
	uint64_t end;		/* inclusive */
	int index;
	int nid;		/* node, or -1 ("x" or not printed) */
	int has_node_flags;	/* 1 when the 6.12 node/flags columns were present */
	unsigned int flags;
};

struct bootrec_memblock {
	struct bootrec_mb_region *r;
	size_t n;
	size_t cap;
};

/**
 * bootrec_memblock_parse() - read /sys/kernel/debug/memblock/{memory,reserved}
 * @mb: set to the regions (zeroed)
 * @data: the file's bytes (6.1 or 6.12 format)
 * @len: their number
 *
 * Return: BOOTREC_OK or a negative &enum bootrec_err.
 */
int bootrec_memblock_parse(struct bootrec_memblock *mb, const char *data, size_t len);

/**
 * bootrec_memblock_free() - free what bootrec_memblock_parse() read
 * @mb: the regions
 */
void bootrec_memblock_free(struct bootrec_memblock *mb);

/**
 * bootrec_read_file() - read a whole file into a malloc'ed buffer
 * @path: the file
 * @data: set to its bytes, NUL-terminated (NULL on failure)
 * @len: set to their number, the NUL excluded
 *
 * Return: BOOTREC_OK or a negative &enum bootrec_err.
 */
int bootrec_read_file(const char *path, char **data, size_t *len);

/**
 * bootrec_strerror() - the message of an error code
 * @err: an &enum bootrec_err value
 *
 * Return: a static string.
 */
const char *bootrec_strerror(int err);

#endif /* MEMPLAN_BOOTREC_H */
