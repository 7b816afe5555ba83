// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * svg_boxes.c - the region boxes of the SVG page: their styles, the labels placed
 * beside them without overlaps, the lanes of overlapping boxes, and the
 * small early allocations grouped into one box.
 */
#include <stdio.h>
#include <stdlib.h>

#include "svg.h"

const struct svg_style svg_st_kernel = { "#1e3a8a", "#172554", "#ffffff" };
const struct svg_style svg_st_alloc = { "#64748b", "#334155", "#ffffff" };
const struct svg_style svg_st_static = { "#2563eb", "#1e40af", "#ffffff" };
const struct svg_style svg_st_dynamic = { "#7c3aed", "#5b21b6", "#ffffff" };
const struct svg_style svg_st_memres = { "#475569", "#1e293b", "#ffffff" };
const struct svg_style svg_st_cma = { "#f59e0b", "#b45309", "#1f2937" };
const struct svg_style svg_st_crash = { "#dc2626", "#7f1d1d", "#ffffff" };
const struct svg_style svg_st_nomap = { "#94a3b8", "#475569", "#1f2937" };
const struct svg_style svg_st_inactive = { "none", "#dc2626", "#1f2937" };

const struct svg_style *svg_row_style(const struct cli_row *r, bool *dashed)
{
	*dashed = false;
	switch (r->kind) {
	case CLI_ROW_CMA: return &svg_st_cma;
	case CLI_ROW_CRASH:
	case CLI_ROW_CRASH_LOW: return &svg_st_crash;
	case CLI_ROW_NOMAP: return &svg_st_nomap;
	case CLI_ROW_MEMRESERVE: return &svg_st_memres;
	case CLI_ROW_FREE: return NULL;
	case CLI_ROW_ALLOC:
		*dashed = r->alloc->estimated;
		switch (r->alloc->kind) {
		case MP_ALLOC_KERNEL: return &svg_st_kernel;
		case MP_ALLOC_CMA: return &svg_st_cma;
		case MP_ALLOC_CRASH:
		case MP_ALLOC_CRASH_LOW: return &svg_st_crash;
		default: return &svg_st_alloc;
		}
	case CLI_ROW_RMEM: break;
	}
	if (r->rmem->status != MP_RMEM_RESERVED) {
		*dashed = true;
		return &svg_st_inactive;
	}
	if (r->rmem->cma_default)
		return &svg_st_cma;
	return r->rmem->kind == MP_RMEM_DYNAMIC ? &svg_st_dynamic : &svg_st_static;
}

int svg_cmp_want(const void *a, const void *b)
{
	const struct svg_box *x = *(const struct svg_box *const *)a;
	const struct svg_box *y = *(const struct svg_box *const *)b;

	if (x->want != y->want)
		return x->want < y->want ? -1 : 1;
	return x->row->base > y->row->base ? -1 : x->row->base < y->row->base;
}

/* The room a label takes from the top of its first line to the next label. */
double svg_label_h(const struct svg_box *b)
{
	return LABEL_H + LINE_H * (double)b->extra;
}

/*
 * Spread label anchors so that neighbours do not overlap (a label is
 * svg_label_h() tall, its anchor LABEL_H / 2 below its top), as close to their
 * boxes as possible, inside [top, bottom] (the anchors' range of a label of
 * two lines).
 */
void svg_place_labels(struct svg_box **b, size_t n, double top, double bottom)
{
	size_t i;

	for (i = 0; i < n; i++) {
		double y = b[i]->want;

		if (i && y < b[i - 1]->label_y + svg_label_h(b[i - 1]))
			y = b[i - 1]->label_y + svg_label_h(b[i - 1]);
		if (y < top)
			y = top;
		b[i]->label_y = y;
	}
	for (i = n; i-- > 0;) {
		double lim = i + 1 < n ? b[i + 1]->label_y : bottom + LABEL_H;

		lim -= svg_label_h(b[i]);
		if (b[i]->label_y > lim)
			b[i]->label_y = lim;
	}
}

/* Overlapping boxes share the column side by side (lanes per overlap cluster). */
void svg_assign_lanes(struct svg_box *bx, size_t n)
{
	size_t i = 0;

	while (i < n) {
		mp_u64 cend = mp_last_byte(bx[i].row->base, bx[i].row->size);
		mp_u64 lane_end[8];
		unsigned lane[256], nl = 0, l;
		size_t j, k;

		for (j = i + 1; j < n && bx[j].row->base <= cend; j++) {
			mp_u64 e = mp_last_byte(bx[j].row->base, bx[j].row->size);

			if (e > cend)
				cend = e;
		}
		/* cluster [i, j): greedy interval colouring, at most 8 lanes */
		for (k = i; k < j; k++) {
			mp_u64 b = bx[k].row->base;

			for (l = 0; l < nl && lane_end[l] >= b; l++)
				;
			if (l == nl) {
				if (nl < 8)
					nl++;
				else
					l = nl - 1;
			}
			lane_end[l] = mp_last_byte(b, bx[k].row->size);
			if (k - i < 256)
				lane[k - i] = l;
		}
		for (k = i; k < j; k++) {
			unsigned ln = k - i < 256 ? lane[k - i] : 0;
			double w = (double)MAP_W / nl;

			bx[k].x0 = MAP_X + ln * w + (ln ? 1 : 0);
			bx[k].x1 = MAP_X + (ln + 1) * w;
		}
		i = j;
	}
}

static void fmt_range(char *buf, size_t len, mp_u64 base, mp_u64 size)
{
	snprintf(buf, len, "0x%llx\u20130x%llx", (unsigned long long)base,
		 (unsigned long long)mp_last_byte(base, size));
}

/*
 * A region's second line: its range, kind and flags and, if it holds no
 * memory, what became of it; @reason adds why (the tooltip has room for it,
 * the label puts it on lines of its own).
 */
void svg_label_detail(FILE *f, const struct cli_row *r, bool reason)
{
	char rng[64];

	fmt_range(rng, sizeof(rng), r->base, r->size);
	fputs(rng, f);
	if (r->rmem) {
		const struct mp_rmem *m = r->rmem;

		fprintf(f, "  %s%s%s", mp_rmem_kind_name(m->kind), m->no_map ? " no-map" : "",
			m->reusable ? " reusable" : "");
		if (m->status != MP_RMEM_RESERVED) {
			fprintf(f, " \u2014 %s", mp_rmem_status_name(m->status));
			if (m->reason && reason) {
				fputs(": ", f);
				svg_xml(f, m->reason);
			}
		}
	} else if (r->alloc) {
		fprintf(f, "  %s%s", mp_alloc_kind_name(r->alloc->kind),
			r->alloc->estimated ? " (estimated)" : "");
	}
}

/* The reason a region holds no memory, below its label, or NULL. */
const char *svg_label_reason(const struct cli_row *r)
{
	if (!r->rmem || r->rmem->status == MP_RMEM_RESERVED)
		return NULL;
	return r->rmem->reason;
}

/* ------------------------------------------------------------------ */
/* Small boot-time allocations packed together (memmap pieces, NODE_DATA,
 * the unflattened DT, ...) become one box: a dozen 1 KiB boxes say less. */

#define GROUP_MAX_SIZE (1ULL << 20) /* members are smaller than this */
#define GROUP_MAX_GAP (64ULL << 10) /* and at most this far apart */

static bool groupable(const struct cli_row *r)
{
	return r->kind == CLI_ROW_ALLOC && r->size < GROUP_MAX_SIZE &&
	       (r->alloc->kind == MP_ALLOC_EARLY || r->alloc->kind == MP_ALLOC_PGTABLE);
}

int svg_group_rows(const struct cli_view *v, struct svg_grouped *g)
{
	size_t i = 0, k, last, count;

	g->n = 0;
	g->rows = calloc(v->nr_rows + 1, sizeof(*g->rows));
	g->labels = calloc(v->nr_rows + 1, sizeof(*g->labels));
	g->allocs = calloc(v->nr_rows + 1, sizeof(*g->allocs));
	if (!g->rows || !g->labels || !g->allocs)
		return -1;
	while (i < v->nr_rows) {
		const struct cli_row *r = &v->rows[i];
		mp_u64 end = mp_last_byte(r->base, r->size);
		bool estimated = r->alloc && r->alloc->estimated;

		if (!groupable(r)) {
			g->rows[g->n++] = *r;
			i++;
			continue;
		}
		last = i;
		count = 1;
		for (k = i + 1; k < v->nr_rows; k++) {
			const struct cli_row *q = &v->rows[k];

			if (q->base > end && q->base - end > GROUP_MAX_GAP)
				break;
			if (q->kind == CLI_ROW_FREE)
				continue;
			if (!groupable(q))
				break;
			last = k;
			count++;
			estimated |= q->alloc->estimated;
			if (mp_last_byte(q->base, q->size) > end)
				end = mp_last_byte(q->base, q->size);
		}
		if (count < 2) {
			g->rows[g->n++] = *r;
			i++;
			continue;
		}
		g->rows[g->n] = *r;
		g->rows[g->n].size = end - r->base + 1;
		snprintf(g->labels[g->n], sizeof(g->labels[0]), "%zu early allocations", count);
		g->rows[g->n].label = g->labels[g->n];
		g->allocs[g->n] = *r->alloc;
		g->allocs[g->n].kind = MP_ALLOC_EARLY;
		g->allocs[g->n].estimated = estimated;
		g->rows[g->n].alloc = &g->allocs[g->n];
		g->n++;
		i = last + 1;
	}
	return 0;
}
