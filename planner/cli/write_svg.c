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
 * are both visible on one page (a zone's band is stretched to hold its name).
 * Below the map: the regions that got no address and the errors and
 * warnings, each in full and wrapped; the canvas grows to hold every text.
 * Self-contained: no scripts, no external fonts or images; <title> elements
 * give tooltips.  Layout is the page's only: where memory goes is the plan's.
 */
#include <math.h>
#include <stdarg.h>
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
#define LINE_H 11  /* a further line of .detail */
#define REASON_LINES 2 /* a failure's reason in a label: at most (the tooltip has it all) */
#define MIN_BOX_H 3
#define MAP_STRIP_W 7 /* linear-map granularity strip */
#define TOP 86	      /* map top */
#define MAP_H_MIN 760
#define ZONE_FONT 11 /* .zone */

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

/* @len bytes of @str as XML character data. */
static void xml_n(FILE *f, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)(str ? str : ""), *end = s + len;

	while (s < end && *s) {
		const char *ent = xml_entity(*s);
		int n;

		if (ent) {
			fputs(ent, f);
			s++;
			continue;
		}
		/* XML 1.0 has no control characters; bytes that are not UTF-8 become '?' */
		n = *s < 0x20 || *s == 0x7f ? 0 : mp_utf8_len(s);
		if (!n || n > end - s) {
			fputc(*s == '\t' || *s == '\n' ? ' ' : '?', f);
			s++;
			continue;
		}
		fwrite(s, 1, (size_t)n, f);
		s += n;
	}
}

static void xml(FILE *f, const char *str)
{
	xml_n(f, str, str ? strlen(str) : 0);
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

/*
 * Text width is estimated, not measured (no fonts are read): CHAR_EM font
 * sizes a character, a little above the average advance of DejaVu Sans and
 * Verdana in running text and of DejaVu Sans Mono (0.602).  Wrapping and the
 * canvas size both use it, so a line that was wrapped also fits the canvas.
 */
#define CHAR_EM 0.62

static size_t nchars(const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t n = 0;

	while (*u) {
		int l = mp_utf8_len(u);

		u += l ? l : 1;
		n++;
	}
	return n;
}

/* The byte offset of character @n of @s (or of its end). */
static size_t char_off(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t off = 0;

	while (u[off] && n--) {
		int l = mp_utf8_len(u + off);

		off += l ? (size_t)l : 1;
	}
	return off;
}

/*
 * At most @max characters of a name, cut in the middle when longer: node
 * names of one SoC often share a long start and differ in the end
 * ("...-region@81f00000"), which a cut at the end would lose.
 */
static void xml_cut_mid(FILE *f, const char *s, size_t max)
{
	size_t n, head;

	s = s ? s : "";
	n = nchars(s);
	if (n <= max || max < 3) {
		xml(f, s);
		return;
	}
	head = (max - 1) / 2;
	xml_n(f, s, char_off(s, head));
	fputs("\u2026", f);
	xml(f, s + char_off(s, n - (max - 1 - head)));
}

/* How many characters of a @px font fit into @width px (at least 16: never 0). */
static size_t fit_chars(double width, double px)
{
	double n = width / (CHAR_EM * px);

	return n < 16 ? 16 : (size_t)n;
}

/*
 * The first line of @s wrapped at @max characters: up to the last blank
 * that fits, or cut inside a word longer than a line (a node path has no
 * blank to break at).  Return: its length in bytes; *@next: the start of
 * the rest, with the blanks at the break skipped.
 */
static size_t wrap_line(const char *s, size_t max, const char **next)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0, chars = 0, brk = 0;

	while (u[n] && chars < max) {
		int l = mp_utf8_len(u + n);

		if (u[n] == ' ' && n)
			brk = n;
		n += l ? (size_t)l : 1;
		chars++;
	}
	if (u[n] && u[n] != ' ' && brk)
		n = brk;
	*next = s + n;
	while (**next == ' ')
		(*next)++;
	return n;
}

struct wrap {
	double x, y;	 /* the first line's baseline */
	double lh;	 /* line height */
	double indent;	 /* of the lines after the first, px */
	double width;	 /* room from @x to the canvas edge, px */
	double px;	 /* font size of @cls */
	const char *cls; /* CSS class of the <text> */
	size_t limit;	 /* at most this many lines, the last ending in "…"; 0: all */
};

/*
 * @s as one <text> a line, wrapped as @w says; with @f NULL nothing is
 * written, so the same call measures the height beforehand.
 * Return: the number of lines.
 */
static size_t put_wrapped(FILE *f, const struct wrap *w, const char *s)
{
	size_t lines = 0;

	s = s ? s : "";
	do {
		size_t max = fit_chars(lines ? w->width - w->indent : w->width, w->px), n;
		const char *next;
		bool cut;

		n = wrap_line(s, max, &next);
		cut = w->limit && lines + 1 == w->limit && *next;
		if (cut)
			n = wrap_line(s, max - 1, &next);
		if (f) {
			fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" class=\"%s\">",
				w->x + (lines ? w->indent : 0), w->y + lines * w->lh, w->cls);
			xml_n(f, s, n);
			fputs(cut ? "\u2026</text>\n" : "</text>\n", f);
		}
		lines++;
		s = cut ? "" : next;
	} while (*s);
	return lines;
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

/* "ZONE_DMA32": the name a zone has on the page. */
static void zone_label(int z, char *buf, size_t len)
{
	snprintf(buf, len, "ZONE_%s", z == MP_ZONE_NORMAL ? "NORMAL" : mp_zone_name(z));
}

/*
 * The length of a zone's name turned upright in the strip (11px bold
 * capitals run wider than CHAR_EM), with a margin at both ends.
 */
static double zone_label_len(int z)
{
	char t[32];

	zone_label(z, t, sizeof(t));
	return nchars(t) * 0.75 * ZONE_FONT + 10;
}

/*
 * The log scale is not to scale anyway, so a zone whose stretches add up to
 * less than the height of its name in the strip is stretched to that height
 * (the others give up the room): otherwise a thin ZONE_DMA32 band would cut
 * its name.  @s->pos holds the weights of the stretches here.  A zone's
 * boundaries are breakpoints, so every stretch is inside or outside it.
 */
static void log_zone_floor(struct scale *s, const struct mp_plan *p, double height)
{
	int pass, z;
	size_t i;

	for (pass = 0; pass < 4; pass++) {
		double total = 0;

		for (i = 1; i < s->n; i++)
			total += s->pos[i];
		for (z = 0; z < MP_NR_ZONES; z++) {
			const struct mp_zone *zn = &p->zones[z];
			mp_u64 end = zn->end == MP_U64_MAX ? zn->end : zn->end + 1;
			double wz = 0, need = zone_label_len(z) + 2, k; /* 2: over draw_zone_names()'s test */

			if (!zn->configured || zn->empty || need * 2 > height)
				continue;
			for (i = 1; i < s->n; i++)
				if (s->bp[i - 1] >= zn->start && s->bp[i] <= end)
					wz += s->pos[i];
			if (wz <= 0 || wz >= total || wz / total * height >= need)
				continue;
			/* k * wz / (total - wz + k * wz) == need / height */
			k = need * (total - wz) / (wz * (height - need));
			for (i = 1; i < s->n; i++)
				if (s->bp[i - 1] >= zn->start && s->bp[i] <= end)
					s->pos[i] *= k;
			total += wz * (k - 1);
		}
	}
}

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
	/* first the weight of each stretch (pos[i]: the one below bp[i]) */
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
		s->pos[i] = w;
	}
	if (mode == CLI_SVG_LOG)
		log_zone_floor(s, p, height);
	for (i = 1; i < s->n; i++)
		s->pos[i] += s->pos[i - 1];
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
	size_t extra;	      /* lines of the label below its two (a failure's reason) */
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

/* The room a label takes from the top of its first line to the next label. */
static double label_h(const struct box *b)
{
	return LABEL_H + LINE_H * (double)b->extra;
}

/*
 * Spread label anchors so that neighbours do not overlap (a label is
 * label_h() tall, its anchor LABEL_H / 2 below its top), as close to their
 * boxes as possible, inside [top, bottom] (the anchors' range of a label of
 * two lines).
 */
static void place_labels(struct box **b, size_t n, double top, double bottom)
{
	size_t i;

	for (i = 0; i < n; i++) {
		double y = b[i]->want;

		if (i && y < b[i - 1]->label_y + label_h(b[i - 1]))
			y = b[i - 1]->label_y + label_h(b[i - 1]);
		if (y < top)
			y = top;
		b[i]->label_y = y;
	}
	for (i = n; i-- > 0;) {
		double lim = i + 1 < n ? b[i + 1]->label_y : bottom + LABEL_H;

		lim -= label_h(b[i]);
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

/*
 * A region's second line: its range, kind and flags and, if it holds no
 * memory, what became of it; @reason adds why (the tooltip has room for it,
 * the label puts it on lines of its own).
 */
static void label_detail(FILE *f, const struct cli_row *r, bool reason)
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
				xml(f, m->reason);
			}
		}
	} else if (r->alloc) {
		fprintf(f, "  %s%s", mp_alloc_kind_name(r->alloc->kind),
			r->alloc->estimated ? " (estimated)" : "");
	}
}

/* The reason a region holds no memory, below its label, or NULL. */
static const char *label_reason(const struct cli_row *r)
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
/* The page.  <svg> states its size first, so everything that sets the size
 * (labels, wrapped notes, the heading's width) is worked out beforehand. */

#define LEGEND_H 108 /* from the map's bottom to the notes: draw_legend() */
#define NOTE_GAP 17  /* from one note to the next */
#define NOTE_LH 14   /* between the wrapped lines of one note */

struct svg {
	const struct mp_plan *p;
	enum cli_svg_scale mode;
	struct cli_view v;
	struct grouped g;
	struct scale sc;
	struct box *bx, **lb; /* the boxes by address; the same by label position */
	size_t nb;
	double w, h;	      /* the canvas */
	double map_h, bottom; /* the map spans TOP..bottom */
	char *title, *sub;    /* the heading's first two lines, not yet escaped */
	bool oom;
};

static const struct style st_free = { "#dcfce7", "#86efac", "#166534" };
static const struct style st_hole = { "url(#hole)", "#cbd5e1", "#64748b" };

/* printf into a malloc()ed string, or NULL */
static char *strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *strf(const char *fmt, ...)
{
	va_list ap;
	char *buf;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(buf = malloc((size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(buf, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return buf;
}

/* The heading's lines as plain text, so that the canvas can be made wide enough. */
static int svg_heading(struct svg *s, const struct cli_render *r)
{
	const struct mp_plan *p = s->p;
	char h[CLI_HUMAN_LEN], h2[CLI_HUMAN_LEN];

	s->title = strf("memplan \u2014 %s \u2014 %s",
			r && r->input_name ? r->input_name : "memory map",
			mp_profile_name(p->profile));
	s->sub = strf("RAM %s in %zu memblock range%s, %s free \u00b7 %s%s%s \u00b7 %s scale",
		      cli_human_size(s->v.ram_total, h, sizeof(h)), p->nr_banks,
		      p->nr_banks == 1 ? "" : "s", cli_human_size(s->v.free_total, h2, sizeof(h2)),
		      p->crash.request ? p->crash.request : "no crash kernel",
		      p->crash.request ? ": " : "",
		      p->crash.request ? mp_crash_status_name(p->crash.status) : "",
		      s->mode == CLI_SVG_LOG ? "segmented log" : "linear");
	if (!s->title || !s->sub)
		return -1;
	/* the title is 17px bold: wider than CHAR_EM */
	if (40 + nchars(s->title) * 0.7 * 17 > s->w)
		s->w = ceil(40 + nchars(s->title) * 0.7 * 17);
	if (40 + nchars(s->sub) * CHAR_EM * 12 > s->w)
		s->w = ceil(40 + nchars(s->sub) * CHAR_EM * 12);
	return 0;
}

/* How a failure's reason wraps below its label (measured and drawn alike). */
static struct wrap reason_wrap(const struct svg *s, double y)
{
	return (struct wrap){ .x = LABEL_X + 15, .y = y, .lh = LINE_H,
			      .width = s->w - 10 - (LABEL_X + 15), .px = 10,
			      .cls = "detail", .limit = REASON_LINES };
}

/*
 * The boxes (every row but free memory) on the scale, side by side where
 * they overlap, and their labels spread beside the map: the map is as tall
 * as its labels need.
 */
static int svg_boxes(struct svg *s)
{
	struct wrap rw = reason_wrap(s, 0);
	double labels = 40;
	size_t i, n = 0;

	s->bx = calloc(s->g.n + 1, sizeof(*s->bx));
	s->lb = calloc(s->g.n + 1, sizeof(*s->lb));
	if (!s->bx || !s->lb)
		return -1;
	for (i = 0; i < s->g.n; i++) {
		const struct cli_row *row = &s->g.rows[i];
		struct box *b;

		if (row->kind == CLI_ROW_FREE)
			continue;
		b = &s->bx[n++];
		b->row = row;
		b->st = row_style(row, &b->dashed);
		b->extra = label_reason(row) ? put_wrapped(NULL, &rw, label_reason(row)) : 0;
		labels += label_h(b);
	}
	s->nb = n;
	s->map_h = labels > MAP_H_MIN ? labels : MAP_H_MIN;
	s->bottom = TOP + s->map_h;
	if (scale_build(&s->sc, s->p, &s->v, s->mode, s->map_h))
		return -1;
	for (i = 0; i < n; i++) {
		struct box *b = &s->bx[i];

		b->y0 = scale_y(&s->sc, after(b->row->base, b->row->size));
		b->y1 = scale_y(&s->sc, b->row->base);
		if (b->y1 - b->y0 < MIN_BOX_H) {
			double c = (b->y0 + b->y1) / 2;

			b->y0 = c - MIN_BOX_H / 2.0;
			b->y1 = c + MIN_BOX_H / 2.0;
		}
		b->want = (b->y0 + b->y1) / 2;
		s->lb[i] = b;
	}
	assign_lanes(s->bx, n);
	/* labels: sorted top to bottom on the page */
	qsort(s->lb, n, sizeof(*s->lb), cmp_want);
	place_labels(s->lb, n, TOP + LABEL_H / 2.0, s->bottom - LABEL_H / 2.0);
	return 0;
}

static bool same_str(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* Say the same but maybe of another node: one entry of the notes. */
static bool same_diag(const struct mp_diag *a, const struct mp_diag *b)
{
	return a->severity == b->severity && same_str(a->code, b->code) &&
	       same_str(a->message, b->message);
}

/*
 * The diagnostic @first and every later one that says the same of another
 * node, as one entry "warning CODE, 9 nodes: /a, /b, ...: MESSAGE": nine
 * copies of one long message would look identical once wrapped.
 * Return: a malloc()ed string, or NULL.
 */
static char *diag_text(const struct mp_plan *p, size_t first)
{
	const struct mp_diag *d = &p->diags[first];
	size_t i, j, n = 0, paths = 0, len;
	char *list = NULL, *t, nodes[32] = "", times[40] = "";
	FILE *m = open_memstream(&list, &len);

	if (!m)
		return NULL;
	for (i = first; i < p->nr_diags; i++) {
		const struct mp_diag *e = &p->diags[i];

		if (!same_diag(d, e))
			continue;
		n++;
		for (j = first; e->path && j < i; j++)
			if (same_diag(d, &p->diags[j]) && same_str(p->diags[j].path, e->path))
				break;
		if (!e->path || j < i)
			continue;
		fprintf(m, "%s%s", paths++ ? ", " : "", e->path);
	}
	if (fclose(m)) {
		free(list);
		return NULL;
	}
	if (paths > 1)
		snprintf(nodes, sizeof(nodes), ", %zu nodes", paths);
	if (n > paths && n > 1)
		snprintf(times, sizeof(times), " (reported %zu times)", n);
	t = strf("%s %s%s: %s%s%s%s", mp_severity_name(d->severity), d->code ? d->code : "?",
		 nodes, list, paths ? ": " : "", d->message ? d->message : "", times);
	free(list);
	return t;
}

/*
 * Below the legend: the regions that got no address, then the errors and
 * warnings (notes are left to the text format), each in full and wrapped to
 * the canvas.  With @f NULL it only measures.  Return: the y below the last.
 */
static double draw_notes(FILE *f, struct svg *s, double y)
{
	const struct mp_plan *p = s->p;
	struct wrap w = { .x = 30, .lh = NOTE_LH, .indent = 14, .width = s->w - 50, .px = 11 };
	char h[CLI_HUMAN_LEN], *t;
	size_t i, j;

	if (s->v.nr_unplaced && f)
		fprintf(f, "<text x=\"20\" y=\"%.0f\" class=\"name\">Not placed</text>\n", y);
	for (i = 0; i < s->v.nr_unplaced; i++) {
		const struct mp_rmem *m = s->v.unplaced[i];

		t = strf("%s (%s, %s): %s%s%s", m->path, cli_human_size(m->size, h, sizeof(h)),
			 mp_rmem_kind_name(m->kind), mp_rmem_status_name(m->status),
			 m->reason ? " \u2014 " : "", m->reason ? m->reason : "");
		s->oom |= !t;
		w.y = y + NOTE_GAP;
		w.cls = "err";
		y += NOTE_GAP + NOTE_LH * (double)(put_wrapped(f, &w, t) - 1);
		free(t);
	}
	if (s->v.nr_unplaced)
		y += 26;
	for (i = 0, j = 0; i < p->nr_diags; i++) {
		const struct mp_diag *d = &p->diags[i];
		size_t k;

		for (k = 0; k < i && !same_diag(&p->diags[k], d); k++)
			;
		if (d->severity == MP_SEV_NOTE || k < i)
			continue; /* a note, or said with an earlier one */
		if (!j++ && f)
			fprintf(f, "<text x=\"20\" y=\"%.0f\" class=\"name\">Diagnostics</text>\n",
				y);
		t = diag_text(p, i);
		s->oom |= !t;
		w.y = y + NOTE_GAP;
		w.cls = d->severity == MP_SEV_ERROR ? "err" : "warn";
		y += NOTE_GAP + NOTE_LH * (double)(put_wrapped(f, &w, t) - 1);
		free(t);
	}
	return y;
}

/* Everything but the drawing: rows, width, boxes, labels, scale, height. */
static int svg_prepare(struct svg *s, const struct cli_render *r)
{
	s->w = SVG_W;
	if (cli_view_build(s->p, &s->v))
		return -1;
	if (group_rows(&s->v, &s->g) || svg_heading(s, r) || svg_boxes(s))
		return -1;
	s->h = ceil(draw_notes(NULL, s, s->bottom + LEGEND_H) + 24);
	return s->oom ? -1 : 0;
}

static void svg_free(struct svg *s)
{
	free(s->sc.bp);
	free(s->sc.pos);
	free(s->bx);
	free(s->lb);
	free(s->g.rows);
	free(s->g.labels);
	free(s->g.allocs);
	free(s->title);
	free(s->sub);
	cli_view_free(&s->v);
}

/* The prologue (size, patterns, styles) and the heading. */
static void svg_head(FILE *f, const struct svg *s)
{
	const struct mp_plan *p = s->p;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		"viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\">\n",
		s->w, s->h, s->w, s->h, FONT);
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
	      ".zonel{font-size:9px;font-weight:bold;fill:#1e293b}\n"
	      ".leader{fill:none;stroke:#64748b;stroke-width:0.8}\n"
	      "</style>\n</defs>\n",
	      f);
	fprintf(f, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", s->w, s->h);
	fputs("<text x=\"20\" y=\"30\" class=\"title\">", f);
	xml(f, s->title);
	fputs("</text>\n<text x=\"20\" y=\"50\" class=\"sub\">", f);
	xml(f, s->sub);
	fputs("</text>\n<text x=\"20\" y=\"66\" class=\"sub\">cmdline: ", f);
	xml_cut(f, p->cmdline ? p->cmdline : "", fit_chars(s->w - 80, 12));
	fputs("</text>\n", f);
}

/* The top and bottom of zone @z's band; false if it has none worth drawing. */
static bool zone_band_y(const struct svg *s, int z, double *y0, double *y1)
{
	const struct mp_zone *zn = &s->p->zones[z];

	if (!zn->configured || zn->empty)
		return false;
	*y0 = scale_y(&s->sc, zn->end == MP_U64_MAX ? zn->end : zn->end + 1);
	*y1 = scale_y(&s->sc, zn->start);
	return *y1 - *y0 >= 0.5;
}

/*
 * Zone names go on after every band, as a later band paints over a name
 * running past its own.  Upright in the strip where the band is tall enough
 * (always on the log scale: log_zone_floor()), else level in the left
 * margin beside the band, at least a line below the name above.
 */
static void draw_zone_names(FILE *f, const struct svg *s)
{
	double last = 0;
	int z;

	for (z = MP_NR_ZONES; z-- > 0;) { /* the higher zone is higher on the page */
		double y0, y1, y;
		char t[32];

		if (!zone_band_y(s, z, &y0, &y1))
			continue;
		zone_label(z, t, sizeof(t));
		if (y1 - y0 >= zone_label_len(z)) {
			fprintf(f,
				"<text class=\"zone\" transform=\"translate(%d %.1f) rotate(-90)\">"
				"%s</text>\n",
				ZONE_X + ZONE_W / 2 + 4, (y0 + y1) / 2, t);
			continue;
		}
		y = (y0 + y1) / 2 + 3;
		if (y < last + 11)
			y = last + 11;
		fprintf(f, "<text x=\"6\" y=\"%.1f\" class=\"zonel\">%s</text>\n", y, t);
		last = y;
	}
}

/* Zone bands across the page, the zone strip and the zones' boundaries. */
static void draw_zones(FILE *f, const struct svg *s)
{
	int z;

	for (z = 0; z < MP_NR_ZONES; z++) {
		double y0, y1;

		if (!zone_band_y(s, z, &y0, &y1))
			continue;
		fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"%s\"/>\n",
			ZONE_X, y0, s->w - ZONE_X - 10, y1 - y0, zone_band[z]);
		fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>\n",
			ZONE_X, y0, ZONE_W, y1 - y0, zone_fill[z]);
		fprintf(f,
			"<line x1=\"%d\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#94a3b8\" "
			"stroke-dasharray=\"4 3\"/>\n",
			ZONE_X, y1, s->w - 10, y1);
	}
	draw_zone_names(f, s);
}

/* The RAM column (holes hatched, banks white, free memory green) and the linear-map strip. */
static void draw_ram(FILE *f, const struct svg *s)
{
	const struct mp_plan *p = s->p;
	char h[CLI_HUMAN_LEN];
	size_t i;

	fprintf(f,
		"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%.1f\" fill=\"url(#hole)\" "
		"stroke=\"#cbd5e1\"><title>no RAM</title></rect>\n",
		MAP_X, TOP, MAP_W, s->map_h);
	for (i = 0; i < p->nr_banks; i++) {
		const struct mp_bank *bk = &p->banks[i];
		double y0 = scale_y(&s->sc, after(bk->base, bk->size)), y1 = scale_y(&s->sc, bk->base);

		fprintf(f,
			"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\" "
			"stroke=\"#334155\" stroke-width=\"1.2\"><title>bank %zu: 0x%llx\u2013"
			"0x%llx (%s)%s</title></rect>\n",
			MAP_X, y0, MAP_W, y1 - y0, bk->nomap ? "url(#nomap)" : "#ffffff", i,
			(unsigned long long)bk->base,
			(unsigned long long)cli_end(bk->base, bk->size),
			cli_human_size(bk->size, h, sizeof(h)), bk->nomap ? ", no-map" : "");
	}
	for (i = 0; i < s->v.nr_rows; i++) {
		const struct cli_row *row = &s->v.rows[i];
		double y0, y1;

		if (row->kind != CLI_ROW_FREE)
			continue;
		y0 = scale_y(&s->sc, after(row->base, row->size));
		y1 = scale_y(&s->sc, row->base);
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
		double y0 = scale_y(&s->sc, mr->end == MP_U64_MAX ? mr->end : mr->end + 1);
		double y1 = scale_y(&s->sc, mr->start);

		fprintf(f,
			"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
			"<title>linear map 0x%llx\u20130x%llx: %s</title></rect>\n",
			MAP_X + MAP_W + 4, y0, MAP_STRIP_W, y1 - y0 > 1 ? y1 - y0 : 1,
			map_fill[mr->level <= MP_MAP_PTE ? mr->level : MP_MAP_PTE],
			(unsigned long long)mr->start, (unsigned long long)mr->end,
			mp_map_level_name(mr->level));
	}
}

/* The region boxes, with everything about them in a tooltip and a name inside if it fits. */
static void draw_regions(FILE *f, const struct svg *s)
{
	char h[CLI_HUMAN_LEN];
	size_t i;

	for (i = 0; i < s->nb; i++) {
		const struct box *b = &s->bx[i];

		fprintf(f,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
			"fill-opacity=\"0.92\" stroke=\"%s\" stroke-width=\"%s\"%s><title>",
			b->x0, b->y0, b->x1 - b->x0, b->y1 - b->y0, b->st->fill, b->st->stroke,
			b->st == &st_crash || b->st == &st_cma ? "2" : "1",
			b->dashed ? " stroke-dasharray=\"4 2\"" : "");
		xml(f, b->row->label);
		fprintf(f, ": %s, ", cli_human_size(b->row->size, h, sizeof(h)));
		label_detail(f, b->row, true);
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
			xml_cut_mid(f, b->row->label, (size_t)((b->x1 - b->x0) / 7));
			fputs("</text>\n", f);
		}
	}
}

/* The labels right of the map, each led to its box; a failure's reason wraps below. */
static void draw_labels(FILE *f, const struct svg *s)
{
	char h[CLI_HUMAN_LEN];
	size_t i;

	for (i = 0; i < s->nb; i++) {
		const struct box *b = s->lb[i];
		double cy = b->want, ly = b->label_y;
		struct wrap rw = reason_wrap(s, ly + 10 + LINE_H);

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
		xml_cut_mid(f, b->row->label, 48);
		if (b->row->rmem && b->row->rmem->kind == MP_RMEM_STATIC &&
		    b->row->rmem->nr_regs > 1)
			fprintf(f, " reg[%zu]", b->row->reg_index);
		fprintf(f, "</tspan><tspan class=\"size\" dx=\"5\">\u00b7 %s</tspan></text>\n",
			cli_human_size(b->row->size, h, sizeof(h)));
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" class=\"detail\">", LABEL_X + 15, ly + 10);
		label_detail(f, b->row, false);
		fputs("</text>\n", f);
		if (label_reason(b->row))
			put_wrapped(f, &rw, label_reason(b->row));
	}
}

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

/* Three rows of colour keys below the map.  Return: where the notes start (LEGEND_H below). */
static double draw_legend(FILE *f, const struct svg *s)
{
	double y = s->bottom + 22;
	size_t i;
	int z;

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
		char t[48];

		if (!s->p->zones[z].configured)
			continue;
		zone_label(z, t, sizeof(t));
		if (s->p->zones[z].empty)
			strcat(t, " empty");
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
	return s->bottom + LEGEND_H;
}

int cli_write_svg(FILE *f, const struct mp_plan *p, const struct cli_render *r)
{
	struct svg s = { .p = p, .mode = r ? r->svg_scale : CLI_SVG_LINEAR };
	int ret = -1;

	if (svg_prepare(&s, r))
		goto out;
	svg_head(f, &s);
	draw_zones(f, &s);
	draw_ram(f, &s);
	draw_regions(f, &s);
	draw_labels(f, &s);
	draw_axis(f, &s.sc, s.mode);
	draw_notes(f, &s, draw_legend(f, &s));
	fputs("</svg>\n", f);
	ret = ferror(f) || s.oom ? -1 : 0;
out:
	svg_free(&s);
	return ret;
}
