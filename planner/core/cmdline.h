/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * cmdline.h - the command line as arm64 sees it in setup_arch(): the
 * effective string, the early parameters that move memory, and the
 * crashkernel= parser.
 */
#ifndef MEMPLAN_CMDLINE_H
#define MEMPLAN_CMDLINE_H

#include "internal.h"

#define MP_COMMAND_LINE_SIZE 2048 /* arm64 */

struct mp_cmdline_facts {
	const char *line;		/* boot_command_line */
	bool mem_set;
	mp_u64 mem_limit;		/* memory_limit, page aligned */
	bool rodata_full;
	const char *rodata_arg;
	bool kfence_early;		/* kfence_early_init */
	bool debug_pagealloc;
	bool cma_set;
	mp_u64 cma_size, cma_base, cma_limit;
	bool movable_node;
	bool nokaslr;
	mp_u64 nr_cpus;			/* nr_cpus= (0: not given): nrcpus() lowers nr_cpu_ids */
	bool acpi_off, acpi_on, acpi_force;	/* acpi= (arch/arm64/kernel/acpi.c parse_acpi()) */
	bool efi_debug, efi_nosoftreserve;	/* efi=debug, efi=nosoftreserve (parse_efi_cmdline()) */
	bool crash_token;		/* any crashkernel early param (6.1 crash_mem_map) */
};

/* The result of parse_crashkernel() and its arm64 caller's choices. */
struct mp_crash_req {
	int ret;			/* 0, -MP_ENOENT (none), -MP_EINVAL */
	mp_u64 size, base, low_size;
	bool high;
	const char *token;		/* text of the chosen token(s) */
	const char *why;		/* memplan's explanation of a rejection */
};

/**
 * mp_cmdline_scan() - boot_command_line and the early parameters that move memory
 * @ctx: the run; its input's cmdline, if given, replaces @bootargs
 * @bootargs: /chosen/bootargs, NUL-terminated, or NULL
 * @bootargs_len: its property length (not used: the string's length is)
 * @cl: filled, after being zeroed
 *
 * early_init_dt_scan_chosen() (drivers/of/fdt.c): the line is cut to
 * COMMAND_LINE_SIZE - 1 (2047) bytes with a "cmdline-truncated" warning (strict
 * mode: the error below), then CONFIG_CMDLINE replaces it (CMDLINE_FORCE, or an
 * empty line), is appended after a blank (CMDLINE_EXTEND) or is ignored.  Then
 * parse_early_param() -> parse_args() (kernel/params.c) over it: mem=, rodata=,
 * kfence.sample_interval=, debug_pagealloc=, cma=, movable_node and any
 * crashkernel token, over the configuration's defaults (rodata=full, KFENCE's
 * early pool, debug_pagealloc).  crashkernel= itself is parsed later, by
 * mp_parse_crashkernel().
 *
 * Return: 0, or the fatal error recorded with mp_fail(): -MP_ERR_BADCMDLINE
 * for a line over 2047 bytes in strict mode, -MP_ERR_NOSPACE when the arena
 * is full.
 */
int mp_cmdline_scan(struct mp_ctx *ctx, const char *bootargs, size_t bootargs_len,
		    struct mp_cmdline_facts *cl);
/**
 * mp_parse_crashkernel() - parse_crashkernel() and its arm64 caller's checks
 * @ctx: the run, after mp_cmdline_scan()
 * @system_ram: memblock_phys_mem_size(), for the start-[end]:size ranges
 *	syntax and 6.12's size check
 * @req: filled, after being zeroed: ret 0, -MP_ENOENT (no crashkernel=) or
 *	-MP_EINVAL (with why), the token text(s) used, the sizes and base
 *
 * parse_crashkernel() (kernel/crash_core.c 6.1, kernel/crash_reserve.c 6.12)
 * with 6.1 reserve_crashkernel() / 6.12 arch_reserve_crashkernel(): the last
 * plain token, size[@offset] or ranges[@offset]; without one the last ",high"
 * with the last ",low" (DEFAULT_CRASH_KERNEL_LOW_SIZE, 128 MiB, since 6.2
 * when there is no ",low"); ",low" alone is refused.  A size of 0 is refused,
 * and 6.12 silently refuses a size not below @system_ram.  The kernel's
 * messages about a malformed value are logged as it prints them.
 */
void mp_parse_crashkernel(struct mp_ctx *ctx, mp_u64 system_ram, struct mp_crash_req *req);
/**
 * mp_strstr_any() - strstr(): a substring anywhere in a string
 * @haystack: the string searched
 * @needle: the string sought
 *
 * As the kernel's crashkernel= parsing finds "crashkernel=" with strstr():
 * anywhere, not only at the start of a parameter.
 *
 * Return: the first occurrence of @needle in @haystack, or NULL (also for an
 * empty @haystack).
 */
const char *mp_strstr_any(const char *haystack, const char *needle);

#endif
