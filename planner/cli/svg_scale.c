// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * svg_scale.c - the vertical address scale of the SVG page (linear, or segmented
 * log2: each stretch between two region boundaries grows with log2 of its
 * size) and the axis drawn from it.
 */
#include <math.h>
#include <stdlib.h>

#include "svg.h"

mp_u64 svg_after(mp_u64 base, mp_u64 size)
{
	mp_u64 e = mp_last_byte(base, size);

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
		    a <= mp_last_byte(p->banks[i].base, p->banks[i].size))
			return true;
	return false;
}

/* "ZONE_DMA32": the name a zone has on the page. */
void svg_zone_label(int z, char *buf, size_t len)
{
	snprintf(buf, len, "ZONE_%s", z == MP_ZONE_NORMAL ? "NORMAL" : mp_zone_name(z));
}

/*
 * The length of a zone's name turned upright in the strip (11px bold
 * capitals run wider than CHAR_EM), with a margin at both ends.
 */
double svg_zone_label_len(int z)
{
	char t[32];

	svg_zone_label(z, t, sizeof(t));
	return svg_nchars(t) * 0.75 * ZONE_FONT + 10;
}

/*
 * The log scale is not to scale anyway, so a zone whose stretches add up to
 * less than the height of its name in the strip is stretched to that height
 * (the others give up the room): otherwise a thin ZONE_DMA32 band would cut
 * its name.  @s->pos holds the weights of the stretches here.  A zone's
 * boundaries are breakpoints, so every stretch is inside or outside it.
 */
static void log_zone_floor(struct svg_scale *s, const struct mp_plan *p, double height)
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
			double wz = 0, need = svg_zone_label_len(z) + 2, k; /* 2: over draw_zone_names()'s test */

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

int svg_scale_build(struct svg_scale *s, const struct mp_plan *p, const struct cli_view *v,
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
		s->bp[n++] = svg_after(v->rows[i].base, v->rows[i].size);
	}
	for (i = 0; i < p->nr_banks; i++) {
		s->bp[n++] = p->banks[i].base;
		s->bp[n++] = svg_after(p->banks[i].base, p->banks[i].size);
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
double svg_scale_y(const struct svg_scale *s, mp_u64 a)
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
/* Axis */

static void tick(FILE *f, double y, mp_u64 a, bool major)
{
	fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"tick\"/>\n",
		AXIS_X + 4, y, ZONE_X - 2, y);
	if (major)
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" class=\"axis\">0x%llx</text>\n", AXIS_X,
			y + 3.5, (unsigned long long)a);
}

void svg_draw_axis(FILE *f, const struct svg_scale *s, enum cli_svg_scale mode)
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
		tick(f, svg_scale_y(s, s->bp[0]), s->bp[0], true);
		last = svg_scale_y(s, s->bp[0]);
		for (; a <= s->bp[s->n - 1]; a += step) {
			double y = svg_scale_y(s, a);

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
		double y = svg_scale_y(s, s->bp[i]);
		bool room = last < -1e8 || last - y >= 13;

		tick(f, y, s->bp[i], room);
		if (room)
			last = y;
	}
}
