// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * svg_text.c - text for the SVG page: XML character data, cut names, and lines wrapped
 * to the page width (estimated with CHAR_EM: no fonts are read).
 */
#include <string.h>

#include "svg.h"

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

void svg_xml(FILE *f, const char *str)
{
	xml_n(f, str, str ? strlen(str) : 0);
}

/* At most @max characters of @s (by bytes of whole UTF-8 sequences), "…" when cut. */
void svg_xml_cut(FILE *f, const char *s, size_t max)
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
	svg_xml(f, buf);
	if (u[n])
		fputs("\u2026", f);
}

size_t svg_nchars(const char *s)
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
void svg_xml_cut_mid(FILE *f, const char *s, size_t max)
{
	size_t n, head;

	s = s ? s : "";
	n = svg_nchars(s);
	if (n <= max || max < 3) {
		svg_xml(f, s);
		return;
	}
	head = (max - 1) / 2;
	xml_n(f, s, char_off(s, head));
	fputs("\u2026", f);
	svg_xml(f, s + char_off(s, n - (max - 1 - head)));
}

/* How many characters of a @px font fit into @width px (at least 16: never 0). */
size_t svg_fit_chars(double width, double px)
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

/*
 * @s as one <text> a line, wrapped as @w says; with @f NULL nothing is
 * written, so the same call measures the height beforehand.
 * Return: the number of lines.
 */
size_t svg_put_wrapped(FILE *f, const struct svg_wrap *w, const char *s)
{
	size_t lines = 0;

	s = s ? s : "";
	do {
		size_t max = svg_fit_chars(lines ? w->width - w->indent : w->width, w->px), n;
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
