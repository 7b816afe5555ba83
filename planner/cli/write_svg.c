// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * write_svg.c - the plan as a to-scale memory map: addresses increase
 * upward, zones are coloured bands, banks are the RAM column (holes are
 * hatched), every region is a box labelled on the right with its name, size
 * and range (leader lines keep small regions readable; labels never
 * overlap), the crash kernel and CMA stand out, free memory is green.
 *
 * --svg-scale log gives each stretch between two region boundaries a height
 * that grows with log2 of its size, so a 4 KiB carve-out and a 60 GiB gap
 * are both visible on one page.  Self-contained: no scripts, no external
 * fonts or images; <title> elements give tooltips.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "writers.h"

/* Geometry (px). */
#define SVG_W 1060
#define AXIS_X 148 /* tick label right edge */
#define ZONE_X 162 /* zone strip */
#define ZONE_W 22
#define MAP_X 190 /* RAM column */
#define MAP_W 270
#define LEADER_X 520 /* where leader lines reach the labels */
#define LABEL_X 528
#define LABEL_H 31 /* two text lines */
#define MIN_BOX_H 3
#define MAP_STRIP_W 7 /* linear-map granularity strip */
#define TOP 86	      /* map top */
#define MAP_H_MIN 760

#define FONT "DejaVu Sans, Verdana, Arial, sans-serif"
#define MONO "DejaVu Sans Mono, Menlo, Consolas, monospace"

struct style {
	const char *fill, *stroke, *text;
};

static const struct style st_kernel = { "#1e3a8a", "#172554", "#ffffff" };
static const struct style st_alloc = { "#64748b", "#334155", "#ffffff" };
static const struct style st_static = { "#2563eb", "#1e40af", "#ffffff" };
static const struct style st_dynamic = { "#7c3aed", "#5b21b6", "#ffffff" };
static const struct style st_memres = { "#475569", "#1e293b", "#ffffff" };
static const struct style st_cma = { "#f59e0b", "#b45309", "#1f2937" };
static const struct style st_crash = { "#dc2626", "#7f1d1d", "#ffffff" };
static const struct style st_nomap = { "#94a3b8", "#475569", "#1f2937" };
static const struct style st_inactive = { "none", "#dc2626", "#1f2937" };
static const char *const zone_fill[MP_NR_ZONES] = { "#bfdbfe", "#ddd6fe", "#fde68a" };
static const char *const map_fill[] = {
	[MP_MAP_PUD] = "#065f46",      [MP_MAP_CONT_PMD] = "#059669", [MP_MAP_PMD] = "#6ee7b7",
	[MP_MAP_CONT_PTE] = "#fcd34d", [MP_MAP_PTE] = "#f97316",
};
static const char *const zone_band[MP_NR_ZONES] = { "#eff6ff", "#f5f3ff", "#fffbeb" };

/* ------------------------------------------------------------------ */
/* XML text */

static const char *xml_entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&apos;";
	default: return NULL;
	}
}

static void xml(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");

	while (*s) {
		const char *ent = xml_entity(*s);
		int n;

		if (ent) {
			fputs(ent, f);
			s++;
			continue;
		}
		/* XML 1.0 has no control characters; bytes that are not UTF-8 become '?' */
		n = *s < 0x20 || *s == 0x7f ? 0 : mp_utf8_len(s);
		if (!n) {
			fputc(*s == '\t' || *s == '\n' ? ' ' : '?', f);
			s++;
			continue;
		}
		fwrite(s, 1, (size_t)n, f);
		s += n;
	}
}

/* At most @max characters of @s (by bytes of whole UTF-8 sequences), "…" when cut. */
static void xml_cut(FILE *f, const char *s, size_t max)
{
	char buf[256];
	size_t n = 0, chars = 0;
	const unsigned char *u = (const unsigned char *)(s ? s : "");

	while (u[n] && chars < max && n + 4 < sizeof(buf)) {
		int l = mp_utf8_len(u + n);

		n += l ? (size_t)l : 1;
		chars++;
	}
	memcpy(buf, u, n);
	buf[n] = '\0';
	xml(f, buf);
	if (u[n])
		fputs("\u2026", f);
}

/* ------------------------------------------------------------------ */
/* The vertical scale: breakpoints with cumulative heights. */

struct scale {
	mp_u64 *bp;  /* sorted, unique */
	double *pos; /* height below bp[i], pos[0] = 0 */
	size_t n;
	double height;
};

static mp_u64 after(mp_u64 base, mp_u64 size)
{
	mp_u64 e = cli_end(base, size);

	return e == MP_U64_MAX ? e : e + 1;
}

static int cmp_u64(const void *a, const void *b)
{
	mp_u64 x = *(const mp_u64 *)a, y = *(const mp_u64 *)b;

	return x < y ? -1 : x > y;
}

static bool in_bank(const struct mp_plan *p, mp_u64 a)
{
	size_t i;

	for (i = 0; i < p->nr_banks; i++)
		if (p->banks[i].size && a >= p->banks[i].base &&
		    a <= cli_end(p->banks[i].base, p->banks[i].size))
			return true;
	return false;
}

static double scale_y(const struct scale *s, mp_u64 a);

static int scale_build(struct scale *s, const struct mp_plan *p, const struct cli_view *v,
		       enum cli_svg_scale mode, double height)
{
	size_t cap = 2 * (v->nr_rows + p->nr_banks + MP_NR_ZONES) + 2, n = 0, i;
	double total = 0;
	int z;

	s->bp = malloc(cap * sizeof(*s->bp));
	s->pos = malloc(cap * sizeof(*s->pos));
	if (!s->bp || !s->pos)
		return -1;
	s->bp[n++] = v->lowest;
	s->bp[n++] = v->highest == MP_U64_MAX ? v->highest : v->highest + 1;
	for (i = 0; i < v->nr_rows; i++) {
		s->bp[n++] = v->rows[i].base;
		s->bp[n++] = after(v->rows[i].base, v->rows[i].size);
	}
	for (i = 0; i < p->nr_banks; i++) {
		s->bp[n++] = p->banks[i].base;
		s->bp[n++] = after(p->banks[i].base, p->banks[i].size);
	}
	for (z = 0; z < MP_NR_ZONES; z++)
		if (p->zones[z].configured && !p->zones[z].empty) {
			s->bp[n++] = p->zones[z].start;
			s->bp[n++] = p->zones[z].end == MP_U64_MAX ? MP_U64_MAX :
								     p->zones[z].end + 1;
		}
	qsort(s->bp, n, sizeof(*s->bp), cmp_u64);
	/* unique, and inside [lowest, highest + 1] (zones may reach beyond RAM) */
	for (i = 0, s->n = 0; i < n; i++) {
		if (s->bp[i] < s->bp[0] || s->bp[i] > s->bp[n - 1])
			continue;
		if (s->n && s->bp[s->n - 1] == s->bp[i])
			continue;
		s->bp[s->n++] = s->bp[i];
	}
	s->pos[0] = 0;
	for (i = 1; i < s->n; i++) {
		double len = (double)(s->bp[i] - s->bp[i - 1]), w;

		if (mode == CLI_SVG_LINEAR) {
			w = len;
		} else {
			/* 4 KiB -> 1, 1 MiB -> 9, 1 GiB -> 19; holes without RAM stay thin */
			w = log2(len) - 11;
			if (w < 1)
				w = 1;
			if (!in_bank(p, s->bp[i - 1]) && w > 3)
				w = 3;
		}
		s->pos[i] = s->pos[i - 1] + w;
	}
	total = s->n > 1 ? s->pos[s->n - 1] : 1;
	for (i = 0; i < s->n; i++)
		s->pos[i] = s->pos[i] / total * height;
	s->height = height;
	return 0;
}

/* The y coordinate of address @a (addresses grow upward). */
static double scale_y(const struct scale *s, mp_u64 a)
{
	size_t lo = 0, hi;
	double h;

	if (s->n < 2 || a <= s->bp[0])
		return TOP + s->height;
	if (a >= s->bp[s->n - 1])
		return TOP;
	hi = s->n - 1;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (s->bp[mid] <= a)
			lo = mid;
		else
			hi = mid;
	}
	h = s->pos[lo] +
	    (s->pos[hi] - s->pos[lo]) * ((double)(a - s->bp[lo]) / (double)(s->bp[hi] - s->bp[lo]));
	return TOP + s->height - h;
}

/* ------------------------------------------------------------------ */
/* Boxes and labels */

struct box {
	const struct cli_row *row;
	const struct style *st;
	double y0, y1; /* top, bottom */
	double x0, x1;
	double want, label_y; /* label centre: wanted, placed */
	bool dashed;
};

static const struct style *row_style(const struct cli_row *r, bool *dashed)
{
	*dashed = false;
	switch (r->kind) {
	case CLI_ROW_CMA: return &st_cma;
	case CLI_ROW_CRASH:
	case CLI_ROW_CRASH_LOW: return &st_crash;
	case CLI_ROW_NOMAP: return &st_nomap;
	case CLI_ROW_MEMRESERVE: return &st_memres;
	case CLI_ROW_FREE: return NULL;
	case CLI_ROW_ALLOC:
		*dashed = r->alloc->estimated;
		switch (r->alloc->kind) {
		case MP_ALLOC_KERNEL: return &st_kernel;
		case MP_ALLOC_CMA: return &st_cma;
		case MP_ALLOC_CRASH:
		case MP_ALLOC_CRASH_LOW: return &st_crash;
		default: return &st_alloc;
		}
	case CLI_ROW_RMEM: break;
	}
	if (r->rmem->status != MP_RMEM_RESERVED) {
		*dashed = true;
		return &st_inactive;
	}
	if (r->rmem->cma_default)
		return &st_cma;
	return r->rmem->kind == MP_RMEM_DYNAMIC ? &st_dynamic : &st_static;
}

static int cmp_want(const void *a, const void *b)
{
	const struct box *x = *(const struct box *const *)a, *y = *(const struct box *const *)b;

	if (x->want != y->want)
		return x->want < y->want ? -1 : 1;
	return x->row->base > y->row->base ? -1 : x->row->base < y->row->base;
}

/*
 * Spread label centres so that neighbours are LABEL_H apart, as close to
 * their boxes as possible, inside [top, bottom].
 */
static void place_labels(struct box **b, size_t n, double top, double bottom)
{
	size_t i;

	for (i = 0; i < n; i++) {
		double y = b[i]->want;

		if (i && y < b[i - 1]->label_y + LABEL_H)
			y = b[i - 1]->label_y + LABEL_H;
		if (y < top)
			y = top;
		b[i]->label_y = y;
	}
	for (i = n; i-- > 0;) {
		double lim = i + 1 < n ? b[i + 1]->label_y - LABEL_H : bottom;

		if (b[i]->label_y > lim)
			b[i]->label_y = lim;
	}
}

/* Overlapping boxes share the column side by side (lanes per overlap cluster). */
static void assign_lanes(struct box *bx, size_t n)
{
	size_t i = 0;

	while (i < n) {
		mp_u64 cend = cli_end(bx[i].row->base, bx[i].row->size);
		mp_u64 lane_end[8];
		unsigned lane[256], nl = 0, l;
		size_t j, k;

		for (j = i + 1; j < n && bx[j].row->base <= cend; j++) {
			mp_u64 e = cli_end(bx[j].row->base, bx[j].row->size);

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
			lane_end[l] = cli_end(b, bx[k].row->size);
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
		 (unsigned long long)cli_end(base, size));
}

static void label_line2(FILE *f, const struct cli_row *r)
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
			if (m->reason) {
				fputs(": ", f);
				xml_cut(f, m->reason, 40);
			}
		}
	} else if (r->alloc) {
		fprintf(f, "  %s%s", mp_alloc_kind_name(r->alloc->kind),
			r->alloc->estimated ? " (estimated)" : "");
	}
}

/* ------------------------------------------------------------------ */
/* Small boot-time allocations packed together (memmap pieces, NODE_DATA,
 * the unflattened DT, ...) become one box: a dozen 1 KiB boxes say less. */

#define GROUP_MAX_SIZE (1ULL << 20) /* members are smaller than this */
#define GROUP_MAX_GAP (64ULL << 10) /* and at most this far apart */

struct grouped {
	struct cli_row *rows;
	size_t n;
	char (*labels)[48];
	struct mp_alloc *allocs; /* the group's stand-in allocation */
};

static bool groupable(const struct cli_row *r)
{
	return r->kind == CLI_ROW_ALLOC && r->size < GROUP_MAX_SIZE &&
	       (r->alloc->kind == MP_ALLOC_EARLY || r->alloc->kind == MP_ALLOC_PGTABLE);
}

static int group_rows(const struct cli_view *v, struct grouped *g)
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
		mp_u64 end = cli_end(r->base, r->size);
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
			if (cli_end(q->base, q->size) > end)
				end = cli_end(q->base, q->size);
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

/* ------------------------------------------------------------------ */
/* Axis */

static void tick(FILE *f, double y, mp_u64 a, bool major)
{
	fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"tick\"/>\n",
		AXIS_X + 4, y, ZONE_X - 2, y);
	if (major)
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" class=\"axis\">0x%llx</text>\n", AXIS_X,
			y + 3.5, (unsigned long long)a);
}

static void draw_axis(FILE *f, const struct scale *s, enum cli_svg_scale mode)
{
	double last = -1e9;
	size_t i;

	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" class=\"tick\"/>\n", ZONE_X - 2,
		TOP, ZONE_X - 2, TOP + s->height);
	if (s->n < 2)
		return;
	if (mode == CLI_SVG_LINEAR) {
		mp_u64 span = s->bp[s->n - 1] - s->bp[0], step = 1, a;

		while (step < (1ULL << 62) && span / step > 12)
			step <<= 1;
		a = (s->bp[0] + step - 1) & ~(step - 1);
		if (a < s->bp[0])
			return;
		tick(f, scale_y(s, s->bp[0]), s->bp[0], true);
		last = scale_y(s, s->bp[0]);
		for (; a <= s->bp[s->n - 1]; a += step) {
			double y = scale_y(s, a);

			if (last - y >= 14) {
				tick(f, y, a, true);
				last = y;
			}
			if (a + step < a)
				break;
		}
		if (last - TOP >= 14)
			tick(f, TOP, s->bp[s->n - 1], true);
		return;
	}
	/* segmented: every boundary, labelled where there is room */
	for (i = 0; i < s->n; i++) {
		double y = scale_y(s, s->bp[i]);
		bool room = last < -1e8 || last - y >= 13;

		tick(f, y, s->bp[i], room);
		if (room)
			last = y;
	}
}

/* ------------------------------------------------------------------ */

static void legend_item(FILE *f, double x, double y, const struct style *st, const char *pattern,
			const char *text)
{
	fprintf(f,
		"<rect x=\"%.0f\" y=\"%.0f\" width=\"14\" height=\"14\" rx=\"2\" fill=\"%s\" "
		"stroke=\"%s\"%s/>\n",
		x, y, pattern ? pattern : st->fill, st->stroke,
		st == &st_inactive ? " stroke-dasharray=\"3 2\"" : "");
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" class=\"small\">%s</text>\n", x + 19, y + 11, text);
}

static const struct style st_free = { "#dcfce7", "#86efac", "#166534" };
static const struct style st_hole = { "url(#hole)", "#cbd5e1", "#64748b" };

int cli_write_svg(FILE *f, const struct mp_plan *p, const struct cli_render *r)
{
	enum cli_svg_scale mode = r ? r->svg_scale : CLI_SVG_LINEAR;
	struct scale sc = { 0 };
	struct cli_view v;
	struct grouped g = { 0 };
	struct box *bx = NULL, **lb = NULL;
	size_t i, nb = 0, nl = 0, nerr = 0;
	double map_h, bottom, y;
	char h[CLI_HUMAN_LEN], h2[CLI_HUMAN_LEN];
	int z, height, ret = -1;

	if (cli_view_build(p, &v))
		return -1;
	if (group_rows(&v, &g))
		goto out;
	bx = calloc(v.nr_rows + 1, sizeof(*bx));
	lb = calloc(v.nr_rows + 1, sizeof(*lb));
	if (!bx || !lb)
		goto out;
	for (i = 0; i < g.n; i++)
		if (g.rows[i].kind != CLI_ROW_FREE)
			nb++;
	map_h = nb * LABEL_H + 40 > MAP_H_MIN ? nb * LABEL_H + 40 : MAP_H_MIN;
	if (scale_build(&sc, p, &v, mode, map_h))
		goto out;
	bottom = TOP + map_h;

	for (i = 0, nb = 0; i < g.n; i++) {
		const struct cli_row *row = &g.rows[i];
		struct box *b;

		if (row->kind == CLI_ROW_FREE)
			continue;
		b = &bx[nb++];
		b->row = row;
		b->st = row_style(row, &b->dashed);
		b->y0 = scale_y(&sc, after(row->base, row->size));
		b->y1 = scale_y(&sc, row->base);
		if (b->y1 - b->y0 < MIN_BOX_H) {
			double c = (b->y0 + b->y1) / 2;

			b->y0 = c - MIN_BOX_H / 2.0;
			b->y1 = c + MIN_BOX_H / 2.0;
		}
		b->want = (b->y0 + b->y1) / 2;
	}
	assign_lanes(bx, nb);

	/* labels: sorted top to bottom on the page */
	for (i = 0; i < nb; i++)
		lb[nl++] = &bx[i];
	qsort(lb, nl, sizeof(*lb), cmp_want);
	place_labels(lb, nl, TOP + LABEL_H / 2.0, bottom - LABEL_H / 2.0);

	for (i = 0; i < p->nr_diags; i++)
		if (p->diags[i].severity != MP_SEV_NOTE)
			nerr++;
	height = (int)(bottom + 144 + 17 * (v.nr_unplaced + (nerr > 12 ? 13 : nerr) + 2));

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" font-family=\"%s\">\n",
		SVG_W, height, SVG_W, height, FONT);
	fputs("<title>memplan memory map</title>\n<defs>\n"
	      "<pattern id=\"hole\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
	      "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#f8fafc\"/>"
	      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#cbd5e1\" stroke-width=\"2\"/>"
	      "</pattern>\n"
	      "<pattern id=\"nomap\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
	      "patternTransform=\"rotate(-45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
	      "stroke=\"#0f172a\" stroke-opacity=\"0.35\" stroke-width=\"2\"/></pattern>\n"
	      "<style>\n"
	      ".title{font-size:17px;font-weight:bold;fill:#0f172a}\n"
	      ".sub{font-size:12px;fill:#334155}\n"
	      ".axis{font-family:" MONO ";font-size:10px;fill:#475569;text-anchor:end}\n"
	      ".tick{stroke:#94a3b8;stroke-width:1}\n"
	      ".name{font-size:12px;font-weight:bold;fill:#0f172a}\n"
	      ".size{font-size:12px;fill:#334155}\n"
	      ".detail{font-family:" MONO ";font-size:10px;fill:#475569}\n"
	      ".small{font-size:11px;fill:#334155}\n"
	      ".err{font-size:11px;fill:#b91c1c}\n"
	      ".warn{font-size:11px;fill:#a16207}\n"
	      ".free{font-size:11px;fill:#166534;text-anchor:middle}\n"
	      ".zone{font-size:11px;font-weight:bold;fill:#1e293b;text-anchor:middle}\n"
	      ".leader{fill:none;stroke:#64748b;stroke-width:0.8}\n"
	      "</style>\n</defs>\n",
	      f);
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", SVG_W, height);

	/* title */
	fputs("<text x=\"20\" y=\"30\" class=\"title\">memplan \u2014 ", f);
	xml(f, r && r->input_name ? r->input_name : "memory map");
	fprintf(f, " \u2014 %s</text>\n", mp_profile_name(p->profile));
	fprintf(f,
		"<text x=\"20\" y=\"50\" class=\"sub\">RAM %s in %zu memblock range%s, %s free \u00b7 ",
		cli_human_size(v.ram_total, h, sizeof(h)), p->nr_banks, p->nr_banks == 1 ? "" : "s",
		cli_human_size(v.free_total, h2, sizeof(h2)));
	if (p->crash.request) {
		xml(f, p->crash.request);
		fprintf(f, ": %s", mp_crash_status_name(p->crash.status));
	} else {
		fputs("no crash kernel", f);
	}
	fprintf(f, " \u00b7 %s scale</text>\n", mode == CLI_SVG_LOG ? "segmented log" : "linear");
	fputs("<text x=\"20\" y=\"66\" class=\"sub\">cmdline: ", f);
	xml_cut(f, p->cmdline ? p->cmdline : "", 140);
	fputs("</text>\n", f);

	/* zone bands and strip */
	for (z = 0; z < MP_NR_ZONES; z++) {
		const struct mp_zone *zn = &p->zones[z];
		double y0, y1;

		if (!zn->configured || zn->empty)
			continue;
		y0 = scale_y(&sc, zn->end == MP_U64_MAX ? zn->end : zn->end + 1);
		y1 = scale_y(&sc, zn->start);
		if (y1 - y0 < 0.5)
			continue;
		fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>\n",
			ZONE_X, y0, SVG_W - ZONE_X - 10, y1 - y0, zone_band[z]);
		fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>\n",
			ZONE_X, y0, ZONE_W, y1 - y0, zone_fill[z]);
		fprintf(f,
			"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#94a3b8\" "
			"stroke-dasharray=\"4 3\"/>\n",
			ZONE_X, y1, SVG_W - 10, y1);
		if (y1 - y0 > 40)
			fprintf(f,
				"<text class=\"zone\" transform=\"translate(%d %.1f) rotate(-90)\">"
				"ZONE_%s</text>\n",
				ZONE_X + ZONE_W / 2 + 4, (y0 + y1) / 2,
				z == MP_ZONE_NORMAL ? "NORMAL" : mp_zone_name(z));
	}

	/* the RAM column: holes hatched, banks white, free memory green */
	fprintf(f,
		"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%.1f\" fill=\"url(#hole)\" "
		"stroke=\"#cbd5e1\"><title>no RAM</title></rect>\n",
		MAP_X, TOP, MAP_W, map_h);
	for (i = 0; i < p->nr_banks; i++) {
		const struct mp_bank *bk = &p->banks[i];
		double y0 = scale_y(&sc, after(bk->base, bk->size)), y1 = scale_y(&sc, bk->base);

		fprintf(f,
			"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\" "
			"stroke=\"#334155\" stroke-width=\"1.2\"><title>bank %zu: 0x%llx\u2013"
			"0x%llx (%s)%s</title></rect>\n",
			MAP_X, y0, MAP_W, y1 - y0, bk->nomap ? "url(#nomap)" : "#ffffff", i,
			(unsigned long long)bk->base,
			(unsigned long long)cli_end(bk->base, bk->size),
			cli_human_size(bk->size, h, sizeof(h)), bk->nomap ? ", no-map" : "");
	}
	for (i = 0; i < v.nr_rows; i++) {
		const struct cli_row *row = &v.rows[i];
		double y0, y1;

		if (row->kind != CLI_ROW_FREE)
			continue;
		y0 = scale_y(&sc, after(row->base, row->size));
		y1 = scale_y(&sc, row->base);
		fprintf(f,
			"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
			"<title>free: 0x%llx\u20130x%llx (%s)</title></rect>\n",
			MAP_X + 1, y0, MAP_W - 2, y1 - y0, st_free.fill,
			(unsigned long long)row->base,
			(unsigned long long)cli_end(row->base, row->size),
			cli_human_size(row->size, h, sizeof(h)));
		if (y1 - y0 >= 15)
			fprintf(f, "<text x=\"%d\" y=\"%.1f\" class=\"free\">free %s</text>\n",
				MAP_X + MAP_W / 2, (y0 + y1) / 2 + 4,
				cli_human_size(row->size, h, sizeof(h)));
	}

	/* the linear map's granularity, as a strip beside the RAM column */
	for (i = 0; i < p->linmap.nr_ranges; i++) {
		const struct mp_map_range *mr = &p->linmap.ranges[i];
		double y0 = scale_y(&sc, mr->end == MP_U64_MAX ? mr->end : mr->end + 1);
		double y1 = scale_y(&sc, mr->start);

		fprintf(f,
			"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
			"<title>linear map 0x%llx\u20130x%llx: %s</title></rect>\n",
			MAP_X + MAP_W + 4, y0, MAP_STRIP_W, y1 - y0 > 1 ? y1 - y0 : 1,
			map_fill[mr->level <= MP_MAP_PTE ? mr->level : MP_MAP_PTE],
			(unsigned long long)mr->start, (unsigned long long)mr->end,
			mp_map_level_name(mr->level));
	}

	/* regions */
	for (i = 0; i < nb; i++) {
		const struct box *b = &bx[i];

		fprintf(f,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
			"fill-opacity=\"0.92\" stroke=\"%s\" stroke-width=\"%s\"%s><title>",
			b->x0, b->y0, b->x1 - b->x0, b->y1 - b->y0, b->st->fill, b->st->stroke,
			b->st == &st_crash || b->st == &st_cma ? "2" : "1",
			b->dashed ? " stroke-dasharray=\"4 2\"" : "");
		xml(f, b->row->label);
		fprintf(f, ": %s, ", cli_human_size(b->row->size, h, sizeof(h)));
		label_line2(f, b->row);
		fputs("</title></rect>\n", f);
		if (b->row->rmem && b->row->rmem->no_map)
			fprintf(f,
				"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				"fill=\"url(#nomap)\"/>\n",
				b->x0, b->y0, b->x1 - b->x0, b->y1 - b->y0);
		/* a name inside boxes that have room */
		if (b->y1 - b->y0 >= 16 && b->x1 - b->x0 >= 60) {
			fprintf(f,
				"<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\" "
				"text-anchor=\"middle\">",
				(b->x0 + b->x1) / 2, (b->y0 + b->y1) / 2 + 4, b->st->text);
			xml_cut(f, b->row->label, (size_t)((b->x1 - b->x0) / 7));
			fputs("</text>\n", f);
		}
	}

	/* labels with leader lines */
	for (i = 0; i < nl; i++) {
		const struct box *b = lb[i];
		double cy = b->want, ly = b->label_y;

		fprintf(f, "<path class=\"leader\" d=\"M%.1f %.1f H%d L%d %.1f H%d\"/>\n", b->x1,
			cy, MAP_X + MAP_W + 18, LEADER_X - 16, ly, LEADER_X);
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.8\" fill=\"#334155\"/>\n", b->x1,
			cy);
		fprintf(f,
			"<rect x=\"%d\" y=\"%.1f\" width=\"10\" height=\"10\" rx=\"2\" "
			"fill=\"%s\" stroke=\"%s\"/>\n",
			LABEL_X, ly - 12, b->st->fill, b->st->stroke);
		fprintf(f, "<text x=\"%d\" y=\"%.1f\"><tspan class=\"name\">", LABEL_X + 15,
			ly - 3);
		xml_cut(f, b->row->label, 48);
		if (b->row->rmem && b->row->rmem->kind == MP_RMEM_STATIC &&
		    b->row->rmem->nr_regs > 1)
			fprintf(f, " reg[%zu]", b->row->reg_index);
		fprintf(f, "</tspan><tspan class=\"size\" dx=\"5\">\u00b7 %s</tspan></text>\n",
			cli_human_size(b->row->size, h, sizeof(h)));
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" class=\"detail\">", LABEL_X + 15, ly + 10);
		label_line2(f, b->row);
		fputs("</text>\n", f);
	}

	draw_axis(f, &sc, mode);

	/* legend */
	y = bottom + 22;
	legend_item(f, 20, y, &st_kernel, NULL, "kernel image");
	legend_item(f, 140, y, &st_static, NULL, "static region");
	legend_item(f, 260, y, &st_dynamic, NULL, "dynamic region");
	legend_item(f, 390, y, &st_cma, NULL, "CMA");
	legend_item(f, 460, y, &st_crash, NULL, "crash kernel");
	legend_item(f, 570, y, &st_alloc, NULL, "other reservation");
	legend_item(f, 710, y, &st_free, NULL, "free");
	legend_item(f, 770, y, &st_hole, "url(#hole)", "no RAM");
	legend_item(f, 850, y, &st_inactive, NULL, "failed / dropped");
	y += 24;
	legend_item(f, 20, y, &st_nomap, "url(#nomap)", "no-map");
	for (z = 0; z < MP_NR_ZONES; z++) {
		const struct style zs = { zone_fill[z], "#94a3b8", "" };
		char t[64];

		if (!p->zones[z].configured)
			continue;
		if (p->zones[z].empty)
			snprintf(t, sizeof(t), "ZONE_%s empty",
				 z == MP_ZONE_NORMAL ? "NORMAL" : mp_zone_name(z));
		else
			snprintf(t, sizeof(t), "ZONE_%s",
				 z == MP_ZONE_NORMAL ? "NORMAL" : mp_zone_name(z));
		legend_item(f, 140 + 140 * z, y, &zs, NULL, t);
	}
	y += 24;
	fprintf(f, "<text x=\"20\" y=\"%.0f\" class=\"small\">linear map strip:</text>\n", y + 11);
	for (i = 0; i <= MP_MAP_PTE; i++) {
		const struct style ms = { map_fill[i], "#334155", "" };

		legend_item(f, 140 + 85 * (double)i, y, &ms, NULL, mp_map_level_name(i));
	}
	fprintf(f,
		"<text x=\"600\" y=\"%.0f\" class=\"small\">dashed outline: estimated "
		"size \u00b7 hover a box for details</text>\n",
		y + 11);
	y += 38;

	if (v.nr_unplaced) {
		fprintf(f, "<text x=\"20\" y=\"%.0f\" class=\"name\">Not placed</text>\n", y);
		for (i = 0; i < v.nr_unplaced; i++) {
			const struct mp_rmem *m = v.unplaced[i];

			y += 17;
			fprintf(f, "<text x=\"30\" y=\"%.0f\" class=\"err\">", y);
			xml_cut(f, m->path, 60);
			fprintf(f, " (%s, %s): %s", cli_human_size(m->size, h, sizeof(h)),
				mp_rmem_kind_name(m->kind), mp_rmem_status_name(m->status));
			if (m->reason) {
				fputs(" \u2014 ", f);
				xml_cut(f, m->reason, 90);
			}
			fputs("</text>\n", f);
		}
		y += 26;
	}
	if (nerr) {
		size_t shown = 0;

		fprintf(f, "<text x=\"20\" y=\"%.0f\" class=\"name\">Diagnostics</text>\n", y);
		for (i = 0; i < p->nr_diags && shown < 12; i++) {
			const struct mp_diag *d = &p->diags[i];

			if (d->severity == MP_SEV_NOTE)
				continue;
			y += 17;
			shown++;
			fprintf(f, "<text x=\"30\" y=\"%.0f\" class=\"%s\">%s ", y,
				d->severity == MP_SEV_ERROR ? "err" : "warn",
				mp_severity_name(d->severity));
			xml_cut(f, d->code, 40);
			fputs(": ", f);
			xml_cut(f, d->message, 120);
			fputs("</text>\n", f);
		}
		if (nerr > shown)
			fprintf(f,
				"<text x=\"30\" y=\"%.0f\" class=\"small\">\u2026 and %zu more</text>\n",
				y + 17, nerr - shown);
	}
	fputs("</svg>\n", f);
	ret = ferror(f) ? -1 : 0;
out:
	free(sc.bp);
	free(sc.pos);
	free(bx);
	free(lb);
	free(g.rows);
	free(g.labels);
	free(g.allocs);
	cli_view_free(&v);
	return ret;
}
