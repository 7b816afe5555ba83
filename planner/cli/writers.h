/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * writers.h - the writers, and what they share: the plan flattened into
 * address-sorted rows (placed regions plus the free gaps between them) for the
 * map-like writers (the names of the plan's enums are the core's mp_*_name()).
 * Nothing here decides placement; it only re-arranges what struct mp_plan
 * already says.
 */
#ifndef MEMPLAN_CLI_WRITERS_H
#define MEMPLAN_CLI_WRITERS_H

#include <stdio.h>

#include "memplan.h"

enum cli_row_kind {
	CLI_ROW_RMEM,	    /* one reg entry (or the allocation) of a /reserved-memory node */
	CLI_ROW_MEMRESERVE, /* a /memreserve/ entry */
	CLI_ROW_CMA,	    /* the default CMA area */
	CLI_ROW_CRASH,	    /* the crash kernel (high or only region) */
	CLI_ROW_CRASH_LOW,  /* the crash kernel's low region */
	CLI_ROW_ALLOC,	    /* another memblock reservation (kernel, DTB, tables, ...) */
	CLI_ROW_NOMAP,	    /* a no-map memory range not explained by a region */
	CLI_ROW_FREE,	    /* free memory left in a bank */
};

struct cli_row {
	mp_u64 base, size;
	enum cli_row_kind kind;
	const char *label;	      /* a short name */
	const struct mp_rmem *rmem;   /* CLI_ROW_RMEM / _MEMRESERVE */
	size_t reg_index;	      /* which reg entry of @rmem */
	const struct mp_alloc *alloc; /* CLI_ROW_ALLOC */
	bool occupies;		      /* holds memory (not failed/dropped/freed) */
	int zone;		      /* enum mp_zone_id holding @base, or -1 */
};

struct cli_view {
	struct cli_row *rows; /* by base, then larger first */
	size_t nr_rows;
	const struct mp_rmem **unplaced; /* regions that got no address */
	size_t nr_unplaced;
	mp_u64 lowest, highest; /* span of banks and rows (highest inclusive) */
	mp_u64 ram_total;	/* sum of bank sizes */
	mp_u64 free_total;	/* sum of CLI_ROW_FREE */
};

/**
 * cli_view_build() - the plan flattened into address-sorted rows for a writer
 * @plan: the plan
 * @view: its regions, allocations and the free gaps between them, with the
 *	regions that got no address apart; cli_view_free() it
 *
 * Return: 0 or -1 (out of memory).
 */
int cli_view_build(const struct mp_plan *plan, struct cli_view *view);

/**
 * cli_view_free() - free what cli_view_build() allocated
 * @view: the view (zeroed)
 */
void cli_view_free(struct cli_view *view);

/* How the writers are asked to render (filled by main.c). */
enum cli_svg_scale { CLI_SVG_LINEAR, CLI_SVG_LOG };

struct cli_render {
	const char *input_name;	    /* the DTB/DTS given, for headers */
	const char *kconfig_source; /* the .config path, or NULL: profile defaults */
	bool color;		    /* text: ANSI colours */
	enum cli_svg_scale svg_scale;
};

/**
 * cli_write_text() - the plan as a table for people
 * @f: where it goes
 * @plan: the plan
 * @r: how (input name, colour)
 *
 * The other writers take the same arguments: cli_write_json() the
 * "memplan-plan/1" schema, cli_write_svg() a to-scale memory map,
 * cli_write_dts() /reserved-memory with every region pinned.
 *
 * Return: 0, or -1 if writing to @f failed.
 */
int cli_write_text(FILE *f, const struct mp_plan *plan, const struct cli_render *r);
int cli_write_json(FILE *f, const struct mp_plan *plan, const struct cli_render *r);
int cli_write_svg(FILE *f, const struct mp_plan *plan, const struct cli_render *r);
int cli_write_dts(FILE *f, const struct mp_plan *plan, const struct cli_render *r);

/**
 * cli_plan_has_errors() - whether `memplan plan` exits 1
 * @plan: the plan
 *
 * Return: true for an error diagnostic, or a crash kernel requested but not
 * reserved.
 */
bool cli_plan_has_errors(const struct mp_plan *plan);

/**
 * cli_json_put_string() - a JSON string literal (mp_json_put_string())
 * @f: where it goes
 * @s: the text: quoted, escaped, bytes that are not UTF-8 as \u00XX
 */
void cli_json_put_string(FILE *f, const char *s);

#endif /* MEMPLAN_CLI_WRITERS_H */
