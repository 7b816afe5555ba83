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

#include "svg.h"
#include "util.h"

static const char *const zone_fill[MP_NR_ZONES] = { "#bfdbfe", "#ddd6fe", "#fde68a" };
static const char *const map_fill[] = {
	[MP_MAP_PUD] = "#065f46",      [MP_MAP_CONT_PMD] = "#059669", [MP_MAP_PMD] = "#6ee7b7",
	[MP_MAP_CONT_PTE] = "#fcd34d", [MP_MAP_PTE] = "#f97316",
};
static const char *const zone_band[MP_NR_ZONES] = { "#eff6ff", "#f5f3ff", "#fffbeb" };

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
	struct svg_grouped g;
	struct svg_scale sc;
	struct svg_box *bx, **lb; /* the boxes by address; the same by label position */
	size_t nb;
	double w, h;	      /* the canvas */
	double map_h, bottom; /* the map spans TOP..bottom */
	char *title, *sub;    /* the heading's first two lines, not yet escaped */
	bool oom;
};

static const struct svg_style st_free = { "#dcfce7", "#86efac", "#166534" };
static const struct svg_style st_hole = { "url(#hole)", "#cbd5e1", "#64748b" };

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
	if (40 + svg_nchars(s->title) * 0.7 * 17 > s->w)
		s->w = ceil(40 + svg_nchars(s->title) * 0.7 * 17);
	if (40 + svg_nchars(s->sub) * CHAR_EM * 12 > s->w)
		s->w = ceil(40 + svg_nchars(s->sub) * CHAR_EM * 12);
	return 0;
}

/* How a failure's reason wraps below its label (measured and drawn alike). */
static struct svg_wrap reason_wrap(const struct svg *s, double y)
{
	return (struct svg_wrap){ .x = LABEL_X + 15, .y = y, .lh = LINE_H,
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
	struct svg_wrap rw = reason_wrap(s, 0);
	double labels = 40;
	size_t i, n = 0;

	s->bx = calloc(s->g.n + 1, sizeof(*s->bx));
	s->lb = calloc(s->g.n + 1, sizeof(*s->lb));
	if (!s->bx || !s->lb)
		return -1;
	for (i = 0; i < s->g.n; i++) {
		const struct cli_row *row = &s->g.rows[i];
		struct svg_box *b;

		if (row->kind == CLI_ROW_FREE)
			continue;
		b = &s->bx[n++];
		b->row = row;
		b->st = svg_row_style(row, &b->dashed);
		b->extra = svg_label_reason(row) ? svg_put_wrapped(NULL, &rw, svg_label_reason(row)) : 0;
		labels += svg_label_h(b);
	}
	s->nb = n;
	s->map_h = labels > MAP_H_MIN ? labels : MAP_H_MIN;
	s->bottom = TOP + s->map_h;
	if (svg_scale_build(&s->sc, s->p, &s->v, s->mode, s->map_h))
		return -1;
	for (i = 0; i < n; i++) {
		struct svg_box *b = &s->bx[i];

		b->y0 = svg_scale_y(&s->sc, svg_after(b->row->base, b->row->size));
		b->y1 = svg_scale_y(&s->sc, b->row->base);
		if (b->y1 - b->y0 < MIN_BOX_H) {
			double c = (b->y0 + b->y1) / 2;

			b->y0 = c - MIN_BOX_H / 2.0;
			b->y1 = c + MIN_BOX_H / 2.0;
		}
		b->want = (b->y0 + b->y1) / 2;
		s->lb[i] = b;
	}
	svg_assign_lanes(s->bx, n);
	/* labels: sorted top to bottom on the page */
	qsort(s->lb, n, sizeof(*s->lb), svg_cmp_want);
	svg_place_labels(s->lb, n, TOP + LABEL_H / 2.0, s->bottom - LABEL_H / 2.0);
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
	struct svg_wrap w = { .x = 30, .lh = NOTE_LH, .indent = 14, .width = s->w - 50, .px = 11 };
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
		y += NOTE_GAP + NOTE_LH * (double)(svg_put_wrapped(f, &w, t) - 1);
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
		y += NOTE_GAP + NOTE_LH * (double)(svg_put_wrapped(f, &w, t) - 1);
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
	if (svg_group_rows(&s->v, &s->g) || svg_heading(s, r) || svg_boxes(s))
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
	svg_xml(f, s->title);
	fputs("</text>\n<text x=\"20\" y=\"50\" class=\"sub\">", f);
	svg_xml(f, s->sub);
	fputs("</text>\n<text x=\"20\" y=\"66\" class=\"sub\">cmdline: ", f);
	svg_xml_cut(f, p->cmdline ? p->cmdline : "", svg_fit_chars(s->w - 80, 12));
	fputs("</text>\n", f);
}

/* The top and bottom of zone @z's band; false if it has none worth drawing. */
static bool zone_band_y(const struct svg *s, int z, double *y0, double *y1)
{
	const struct mp_zone *zn = &s->p->zones[z];

	if (!zn->configured || zn->empty)
		return false;
	*y0 = svg_scale_y(&s->sc, zn->end == MP_U64_MAX ? zn->end : zn->end + 1);
	*y1 = svg_scale_y(&s->sc, zn->start);
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
		svg_zone_label(z, t, sizeof(t));
		if (y1 - y0 >= svg_zone_label_len(z)) {
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
		double y0 = svg_scale_y(&s->sc, svg_after(bk->base, bk->size));
		double y1 = svg_scale_y(&s->sc, bk->base);

		fprintf(f,
			"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\" "
			"stroke=\"#334155\" stroke-width=\"1.2\"><title>bank %zu: 0x%llx\u2013"
			"0x%llx (%s)%s</title></rect>\n",
			MAP_X, y0, MAP_W, y1 - y0, bk->nomap ? "url(#nomap)" : "#ffffff", i,
			(unsigned long long)bk->base,
			(unsigned long long)mp_last_byte(bk->base, bk->size),
			cli_human_size(bk->size, h, sizeof(h)), bk->nomap ? ", no-map" : "");
	}
	for (i = 0; i < s->v.nr_rows; i++) {
		const struct cli_row *row = &s->v.rows[i];
		double y0, y1;

		if (row->kind != CLI_ROW_FREE)
			continue;
		y0 = svg_scale_y(&s->sc, svg_after(row->base, row->size));
		y1 = svg_scale_y(&s->sc, row->base);
		fprintf(f,
			"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
			"<title>free: 0x%llx\u20130x%llx (%s)</title></rect>\n",
			MAP_X + 1, y0, MAP_W - 2, y1 - y0, st_free.fill,
			(unsigned long long)row->base,
			(unsigned long long)mp_last_byte(row->base, row->size),
			cli_human_size(row->size, h, sizeof(h)));
		if (y1 - y0 >= 15)
			fprintf(f, "<text x=\"%d\" y=\"%.1f\" class=\"free\">free %s</text>\n",
				MAP_X + MAP_W / 2, (y0 + y1) / 2 + 4,
				cli_human_size(row->size, h, sizeof(h)));
	}
	/* the linear map's granularity, as a strip beside the RAM column */
	for (i = 0; i < p->linmap.nr_ranges; i++) {
		const struct mp_map_range *mr = &p->linmap.ranges[i];
		double y0 = svg_scale_y(&s->sc, mr->end == MP_U64_MAX ? mr->end : mr->end + 1);
		double y1 = svg_scale_y(&s->sc, mr->start);

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
		const struct svg_box *b = &s->bx[i];

		fprintf(f,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
			"fill-opacity=\"0.92\" stroke=\"%s\" stroke-width=\"%s\"%s><title>",
			b->x0, b->y0, b->x1 - b->x0, b->y1 - b->y0, b->st->fill, b->st->stroke,
			b->st == &svg_st_crash || b->st == &svg_st_cma ? "2" : "1",
			b->dashed ? " stroke-dasharray=\"4 2\"" : "");
		svg_xml(f, b->row->label);
		fprintf(f, ": %s, ", cli_human_size(b->row->size, h, sizeof(h)));
		svg_label_detail(f, b->row, true);
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
			svg_xml_cut_mid(f, b->row->label, (size_t)((b->x1 - b->x0) / 7));
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
		const struct svg_box *b = s->lb[i];
		double cy = b->want, ly = b->label_y;
		struct svg_wrap rw = reason_wrap(s, ly + 10 + LINE_H);

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
		svg_xml_cut_mid(f, b->row->label, 48);
		if (b->row->rmem && b->row->rmem->kind == MP_RMEM_STATIC &&
		    b->row->rmem->nr_regs > 1)
			fprintf(f, " reg[%zu]", b->row->reg_index);
		fprintf(f, "</tspan><tspan class=\"size\" dx=\"5\">\u00b7 %s</tspan></text>\n",
			cli_human_size(b->row->size, h, sizeof(h)));
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" class=\"detail\">", LABEL_X + 15, ly + 10);
		svg_label_detail(f, b->row, false);
		fputs("</text>\n", f);
		if (svg_label_reason(b->row))
			svg_put_wrapped(f, &rw, svg_label_reason(b->row));
	}
}

static void legend_item(FILE *f, double x, double y, const struct svg_style *st,
			const char *pattern, const char *text)
{
	fprintf(f,
		"<rect x=\"%.0f\" y=\"%.0f\" width=\"14\" height=\"14\" rx=\"2\" fill=\"%s\" "
		"stroke=\"%s\"%s/>\n",
		x, y, pattern ? pattern : st->fill, st->stroke,
		st == &svg_st_inactive ? " stroke-dasharray=\"3 2\"" : "");
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" class=\"small\">%s</text>\n", x + 19, y + 11, text);
}

/* Three rows of colour keys below the map.  Return: where the notes start (LEGEND_H below). */
static double draw_legend(FILE *f, const struct svg *s)
{
	double y = s->bottom + 22;
	size_t i;
	int z;

	legend_item(f, 20, y, &svg_st_kernel, NULL, "kernel image");
	legend_item(f, 140, y, &svg_st_static, NULL, "static region");
	legend_item(f, 260, y, &svg_st_dynamic, NULL, "dynamic region");
	legend_item(f, 390, y, &svg_st_cma, NULL, "CMA");
	legend_item(f, 460, y, &svg_st_crash, NULL, "crash kernel");
	legend_item(f, 570, y, &svg_st_alloc, NULL, "other reservation");
	legend_item(f, 710, y, &st_free, NULL, "free");
	legend_item(f, 770, y, &st_hole, "url(#hole)", "no RAM");
	legend_item(f, 850, y, &svg_st_inactive, NULL, "failed / dropped");
	y += 24;
	legend_item(f, 20, y, &svg_st_nomap, "url(#nomap)", "no-map");
	for (z = 0; z < MP_NR_ZONES; z++) {
		const struct svg_style zs = { zone_fill[z], "#94a3b8", "" };
		char t[48];

		if (!s->p->zones[z].configured)
			continue;
		svg_zone_label(z, t, sizeof(t));
		if (s->p->zones[z].empty)
			strcat(t, " empty");
		legend_item(f, 140 + 140 * z, y, &zs, NULL, t);
	}
	y += 24;
	fprintf(f, "<text x=\"20\" y=\"%.0f\" class=\"small\">linear map strip:</text>\n", y + 11);
	for (i = 0; i <= MP_MAP_PTE; i++) {
		const struct svg_style ms = { map_fill[i], "#334155", "" };

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
	svg_draw_axis(f, &s.sc, s.mode);
	draw_notes(f, &s, draw_legend(f, &s));
	fputs("</svg>\n", f);
	ret = ferror(f) || s.oom ? -1 : 0;
out:
	svg_free(&s);
	return ret;
}
