// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * write_dts.c - the plan as a DTS a boot loader could hand over to pin
 * today's placement: every /memreserve/ entry, every /reserved-memory
 * region that got memory as a static node at its planned address (keeping
 * no-map, reusable, compatible, linux,cma-default), and, as comments, the
 * crash kernel's linux,usable-memory-range for the capture kernel's
 * /chosen and the crashkernel=size@base that pins it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "writers.h"

/* A comment body: a "*" followed by "/" would end the comment early. */
static void comment_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t')
			fputc(' ', f);
		else if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			fputc('?', f);
		else if (*s == '*' && s[1] == '/')
			fputs("* ", f);
		else
			fputc(*s, f);
	}
}

static void dts_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			fprintf(f, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

/* The node name without its unit address, limited to DT node-name characters. */
static void node_base_name(const struct mp_rmem *m, char *buf, size_t len)
{
	const char *s = m->name ? m->name : "region";
	size_t n = 0;

	if (strrchr(s, '/'))
		s = strrchr(s, '/') + 1;
	for (; *s && *s != '@' && n + 1 < len; s++) {
		char c = *s;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == ',' || c == '.' || c == '_' || c == '+' || c == '-'))
			c = '_';
		buf[n++] = c;
	}
	if (!n)
		n = (size_t)snprintf(buf, len, "region");
	buf[n < len ? n : len - 1] = '\0';
}

static void cells(FILE *f, mp_u64 base, mp_u64 size)
{
	fprintf(f, "<0x%llx 0x%llx 0x%llx 0x%llx>", (unsigned long long)(base >> 32),
		(unsigned long long)(base & 0xffffffff), (unsigned long long)(size >> 32),
		(unsigned long long)(size & 0xffffffff));
}

/* The region keeps memory at boot, at an address a static node can name. */
static bool pinnable(const struct mp_rmem *m)
{
	return m->kind != MP_RMEM_MEMRESERVE && m->size && m->status == MP_RMEM_RESERVED;
}

static void write_node(FILE *f, const struct mp_plan *p, size_t idx)
{
	const struct mp_rmem *m = &p->rmem[idx];
	char name[64], other[64], h[CLI_HUMAN_LEN];
	unsigned dup = 0;
	size_t i, k;

	node_base_name(m, name, sizeof(name));
	/* two regions planned at one address with one name: keep node names unique */
	for (i = 0; i < idx; i++) {
		if (!pinnable(&p->rmem[i]) || p->rmem[i].base != m->base)
			continue;
		node_base_name(&p->rmem[i], other, sizeof(other));
		if (!strcmp(name, other))
			dup++;
	}
	fputs("\n\t\t/* ", f);
	comment_text(f, m->path ? m->path : "?");
	fprintf(f, ": %s, %s", mp_rmem_kind_name(m->kind), cli_human_size(m->size, h, sizeof(h)));
	if (m->kind == MP_RMEM_DYNAMIC)
		fputs(", planned address", f);
	fputs(" */\n", f);
	if (dup)
		fprintf(f, "\t\t%s-%u@%llx {\n", name, dup, (unsigned long long)m->base);
	else
		fprintf(f, "\t\t%s@%llx {\n", name, (unsigned long long)m->base);
	if (m->compatible) {
		fputs("\t\t\tcompatible = ", f);
		dts_string(f, m->compatible);
		fputs(";\n", f);
	}
	fputs("\t\t\treg = ", f);
	if (m->kind == MP_RMEM_STATIC && m->nr_regs) {
		for (k = 0; k < m->nr_regs; k++) {
			if (k)
				fputs(", ", f);
			cells(f, m->regs[k].base, m->regs[k].size);
		}
	} else {
		cells(f, m->base, m->size);
	}
	fputs(";\n", f);
	if (m->no_map)
		fputs("\t\t\tno-map;\n", f);
	if (m->reusable)
		fputs("\t\t\treusable;\n", f);
	if (m->cma_default)
		fputs("\t\t\tlinux,cma-default;\n", f);
	fputs("\t\t};\n", f);
}

static void crash_comment(FILE *f, const struct mp_plan *p)
{
	const struct mp_crash *c = &p->crash;

	if (!c->request) {
		fputs("\t\t/* no crash kernel requested */\n", f);
		return;
	}
	if (c->status != MP_CRASH_RESERVED) {
		fprintf(f, "\t\t/* %s: %s", c->request, mp_crash_status_name(c->status));
		if (c->reason) {
			fputs(": ", f);
			comment_text(f, c->reason);
		}
		fputs(" */\n", f);
		return;
	}
	fputs("\t\t/*\n\t\t * ", f);
	comment_text(f, c->request);
	fputs(": the capture kernel's /chosen gets\n", f);
	fputs("\t\t * linux,usable-memory-range = ", f);
	if (c->high_present) {
		cells(f, c->high_base, c->high_size);
		if (c->low_present)
			fputs(", ", f);
	}
	if (c->low_present)
		cells(f, c->low_base, c->low_size);
	fputs(";\n", f);
	if (c->high_present && !c->low_present)
		fprintf(f, "\t\t * pin it with crashkernel=0x%llx@0x%llx\n",
			(unsigned long long)c->high_size, (unsigned long long)c->high_base);
	else if (c->low_present && !c->high_present)
		fprintf(f, "\t\t * pin it with crashkernel=0x%llx@0x%llx\n",
			(unsigned long long)c->low_size, (unsigned long long)c->low_base);
	fputs("\t\t */\n", f);
}

int cli_write_dts(FILE *f, const struct mp_plan *p, const struct cli_render *r)
{
	char h[CLI_HUMAN_LEN];
	size_t i;

	fputs("/dts-v1/;\n\n", f);
	fprintf(f, "/*\n * memplan: the planned placement of %s (%s), as static regions.\n",
		r && r->input_name ? r->input_name : "the input DT", mp_profile_name(p->profile));
	fputs(" * Merge /reserved-memory into the board DT to pin today's placement.\n */\n\n", f);
	for (i = 0; i < p->nr_rmem; i++) {
		const struct mp_rmem *m = &p->rmem[i];

		if (m->kind != MP_RMEM_MEMRESERVE)
			continue;
		if (m->status == MP_RMEM_RESERVED)
			fprintf(f, "/memreserve/ 0x%016llx 0x%016llx;\n",
				(unsigned long long)m->base, (unsigned long long)m->size);
		else
			fprintf(f, "/* /memreserve/ 0x%016llx 0x%016llx: %s */\n",
				(unsigned long long)m->base, (unsigned long long)m->size,
				mp_rmem_status_name(m->status));
	}
	/* 2/2 cells as on nearly every arm64 board; adjust reg if yours differ */
	fputs("\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n\n\treserved-memory {\n", f);
	fputs("\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n\t\tranges;\n", f);
	for (i = 0; i < p->nr_rmem; i++) {
		const struct mp_rmem *m = &p->rmem[i];

		if (m->kind == MP_RMEM_MEMRESERVE)
			continue;
		if (pinnable(m)) {
			write_node(f, p, i);
			continue;
		}
		fputs("\n\t\t/* ", f);
		comment_text(f, m->path ? m->path : "?");
		fprintf(f, ": %s, %s, %s", mp_rmem_kind_name(m->kind),
			cli_human_size(m->size, h, sizeof(h)), mp_rmem_status_name(m->status));
		if (m->reason) {
			fputs(": ", f);
			comment_text(f, m->reason);
		}
		fputs(" */\n", f);
	}
	fputs("\t};\n\n\tchosen {\n", f);
	crash_comment(f, p);
	fputs("\t};\n};\n", f);
	return ferror(f) ? -1 : 0;
}
