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

int mp_cmdline_scan(struct mp_ctx *ctx, const char *bootargs, size_t bootargs_len,
		    struct mp_cmdline_facts *cl);
void mp_parse_crashkernel(struct mp_ctx *ctx, mp_u64 system_ram, struct mp_crash_req *req);
const char *mp_strstr_any(const char *haystack, const char *needle);

#endif
