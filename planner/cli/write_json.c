// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * write_json.c - `memplan plan --format json`: the core's JSON writer
 * (planner/core/json.c, shared with the kernel's /sys/kernel/debug/memplan)
 * writing to a FILE.
 */
#include <stdio.h>

#include "writers.h"

static void file_write(void *ctx, const char *buf, size_t len)
{
	fwrite(buf, 1, len, ctx);
}

int cli_write_json(FILE *f, const struct mp_plan *p, const struct cli_render *r)
{
	struct mp_sink sink = { file_write, f };

	mp_write_json(p, r ? r->kconfig_source : NULL, &sink);
	return ferror(f) ? -1 : 0;
}

/* A JSON string literal with the plan writer's escaping, for other JSON outputs. */
void cli_json_put_string(FILE *f, const char *s)
{
	struct mp_sink sink = { file_write, f };

	mp_json_put_string(&sink, s);
}
