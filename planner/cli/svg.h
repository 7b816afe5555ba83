/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * svg.h - what the files of the SVG writer share (write_svg.c the page,
 * svg_text.c XML text and wrapping, svg_scale.c the address scale and its
 * axis, svg_boxes.c region boxes, their styles and labels): the page's
 * geometry and the structures passed between them.  Internal to the writer.
 */
#ifndef MEMPLAN_CLI_SVG_H
#define MEMPLAN_CLI_SVG_H

#include <stdio.h>

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

/*
 * Text width is estimated, not measured (no fonts are read): CHAR_EM font
 * sizes a character, a little above the average advance of DejaVu Sans and
 * Verdana in running text and of DejaVu Sans Mono (0.602).  Wrapping and the
 * canvas size both use it, so a line that was wrapped also fits the canvas.
 */
#define CHAR_EM 0.62

struct svg_style {
	const char *fill, *stroke, *text;
};

/* the fills of the region kinds (svg_boxes.c), also drawn in the legend */
extern const struct svg_style svg_st_kernel;
extern const struct svg_style svg_st_alloc;
extern const struct svg_style svg_st_static;
extern const struct svg_style svg_st_dynamic;
extern const struct svg_style svg_st_memres;
extern const struct svg_style svg_st_cma;
extern const struct svg_style svg_st_crash;
extern const struct svg_style svg_st_nomap;
extern const struct svg_style svg_st_inactive;

/* ---- svg_text.c --------------------------------------------------- */

/* how svg_put_wrapped() lays out one text */
struct svg_wrap {
	double x, y;	 /* the first line's baseline */
	double lh;	 /* line height */
	double indent;	 /* of the lines after the first, px */
	double width;	 /* room from @x to the canvas edge, px */
	double px;	 /* font size of @cls */
	const char *cls; /* CSS class of the <text> */
	size_t limit;	 /* at most this many lines, the last ending in "…"; 0: all */
};

/**
 * svg_xml() - write a string as XML character data
 * @f: the page
 * @str: the text (NULL: nothing); control characters and bytes that are not
 *	UTF-8 become ' ' or '?': XML 1.0 has no place for them
 */
void svg_xml(FILE *f, const char *str);

/**
 * svg_xml_cut() - at most @max characters of @s, "…" when cut
 * @f: the page
 * @s: the text
 * @max: characters (whole UTF-8 sequences)
 */
void svg_xml_cut(FILE *f, const char *s, size_t max);

/**
 * svg_xml_cut_mid() - at most @max characters of a name, cut in the middle
 * @f: the page
 * @s: the name: node names of one SoC often share a long start and differ
 *	in the end ("...-region@81f00000"), which a cut at the end would lose
 * @max: characters
 */
void svg_xml_cut_mid(FILE *f, const char *s, size_t max);

/**
 * svg_nchars() - the characters of a UTF-8 string
 * @s: the string (NULL: 0)
 *
 * Return: the number of characters (a byte that is not UTF-8 counts one).
 */
size_t svg_nchars(const char *s);

/**
 * svg_fit_chars() - how many characters of a font fit into a width
 * @width: px
 * @px: the font size
 *
 * Return: the characters (CHAR_EM), at least 16: never 0.
 */
size_t svg_fit_chars(double width, double px);

/**
 * svg_put_wrapped() - a text as one <text> a line, wrapped
 * @f: the page, or NULL to measure only
 * @w: where and how
 * @s: the text
 *
 * Return: the number of lines.
 */
size_t svg_put_wrapped(FILE *f, const struct svg_wrap *w, const char *s);

/* ---- svg_scale.c -------------------------------------------------- */

/* the vertical scale: breakpoints with cumulative heights */
struct svg_scale {
	mp_u64 *bp;  /* sorted, unique */
	double *pos; /* height below bp[i], pos[0] = 0 */
	size_t n;
	double height;
};

/**
 * svg_after() - the address after a range
 * @base: its start
 * @size: its size
 *
 * Return: base + size, or U64_MAX for a range that reaches the top.
 */
mp_u64 svg_after(mp_u64 base, mp_u64 size);

/**
 * svg_zone_label() - "ZONE_DMA32": the name a zone has on the page
 * @z: the zone (enum mp_zone_id)
 * @buf: where the name goes
 * @len: its size
 */
void svg_zone_label(int z, char *buf, size_t len);

/**
 * svg_zone_label_len() - the length of a zone's name upright in the strip
 * @z: the zone
 *
 * Return: px, with a margin at both ends (11px bold capitals run wider
 * than CHAR_EM).
 */
double svg_zone_label_len(int z);

/**
 * svg_scale_build() - the breakpoints of the map and their heights
 * @s: the scale (its arrays are malloc()ed; the caller frees bp and pos)
 * @p: the plan
 * @v: its rows
 * @mode: linear, or log (each stretch grows with log2 of its size)
 * @height: px of the map
 *
 * Return: 0, or -1 out of memory.
 */
int svg_scale_build(struct svg_scale *s, const struct mp_plan *p, const struct cli_view *v,
		    enum cli_svg_scale mode, double height);

/**
 * svg_scale_y() - the y coordinate of an address (addresses grow upward)
 * @s: the scale
 * @a: the address
 *
 * Return: px from the top of the page.
 */
double svg_scale_y(const struct svg_scale *s, mp_u64 a);

/**
 * svg_draw_axis() - the address axis: ticks and their labels
 * @f: the page
 * @s: the scale
 * @mode: linear (round addresses) or log (every boundary, where there is room)
 */
void svg_draw_axis(FILE *f, const struct svg_scale *s, enum cli_svg_scale mode);

/* ---- svg_boxes.c -------------------------------------------------- */

/* one region's box on the map and its label */
struct svg_box {
	const struct cli_row *row;
	const struct svg_style *st;
	double y0, y1; /* top, bottom */
	double x0, x1;
	double want, label_y; /* label centre: wanted, placed */
	size_t extra;	      /* lines of the label below its two (a failure's reason) */
	bool dashed;
};

/* the rows with small early allocations packed into one (svg_group_rows()) */
struct svg_grouped {
	struct cli_row *rows;
	size_t n;
	char (*labels)[48];
	struct mp_alloc *allocs; /* the group's stand-in allocation */
};

/**
 * svg_row_style() - the fill of a row's box
 * @r: the row
 * @dashed: set when the outline is dashed (an estimate, or no memory held)
 *
 * Return: the style, NULL for free memory.
 */
const struct svg_style *svg_row_style(const struct cli_row *r, bool *dashed);

/**
 * svg_cmp_want() - qsort() order of box pointers by their wanted label place
 * @a: a struct svg_box **
 * @b: another
 *
 * Return: <0, 0 or >0.
 */
int svg_cmp_want(const void *a, const void *b);

/**
 * svg_label_h() - the room a label takes to the next label
 * @b: the box
 *
 * Return: px from the top of its first line.
 */
double svg_label_h(const struct svg_box *b);

/**
 * svg_place_labels() - spread label anchors so that neighbours do not overlap
 * @b: the boxes in svg_cmp_want() order
 * @n: how many
 * @top: the highest anchor allowed
 * @bottom: the lowest
 *
 * As close to their boxes as possible (a label is svg_label_h() tall, its
 * anchor LABEL_H / 2 below its top).
 */
void svg_place_labels(struct svg_box **b, size_t n, double top, double bottom);

/**
 * svg_assign_lanes() - overlapping boxes share the column side by side
 * @bx: the boxes by address
 * @n: how many
 */
void svg_assign_lanes(struct svg_box *bx, size_t n);

/**
 * svg_label_detail() - a region's second line
 * @f: the page
 * @r: the row
 * @reason: add why it holds no memory (the tooltip has room for it)
 *
 * Its range, kind and flags and, if it holds no memory, what became of it.
 */
void svg_label_detail(FILE *f, const struct cli_row *r, bool reason);

/**
 * svg_label_reason() - why a region holds no memory
 * @r: the row
 *
 * Return: the reason, shown below its label, or NULL.
 */
const char *svg_label_reason(const struct cli_row *r);

/**
 * svg_group_rows() - the view's rows with small early allocations grouped
 * @v: the view
 * @g: the rows (calloc()ed arrays, the caller frees them): memmap pieces,
 *	NODE_DATA, the unflattened DT... close together become one box (a
 *	dozen 1 KiB boxes say less)
 *
 * Return: 0, or -1 out of memory.
 */
int svg_group_rows(const struct cli_view *v, struct svg_grouped *g);

#endif /* MEMPLAN_CLI_SVG_H */
