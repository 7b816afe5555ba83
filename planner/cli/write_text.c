// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * write_text.c - the plan as a table for people: a header, the memory map
 * in address order with zones and banks as section rules and the free gaps
 * spelled out, the decisions and why, the diagnostics, and the kernel lines
 * the boot is predicted to print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memplan_consumers.h"
#include "util.h"
#include "writers.h"

struct out {
	FILE *f;
	bool color;
};

enum colour { C_RESET, C_BOLD, C_DIM, C_RED, C_GREEN, C_YELLOW, C_BLUE, C_MAGENTA, C_CYAN };

static const char *const ansi[] = {
	[C_RESET] = "\033[0m",	[C_BOLD] = "\033[1m",	    [C_DIM] = "\033[2m",
	[C_RED] = "\033[1;31m", [C_GREEN] = "\033[32m",	    [C_YELLOW] = "\033[33m",
	[C_BLUE] = "\033[34m",	[C_MAGENTA] = "\033[1;35m", [C_CYAN] = "\033[36m",
};

static void on(struct out *o, enum colour c)
{
	if (o->color)
		fputs(ansi[c], o->f);
}

static void off(struct out *o)
{
	if (o->color)
		fputs(ansi[C_RESET], o->f);
}

/*
 * Strings from the DT and the command line reach a terminal: control
 * characters and bytes that are not UTF-8 are shown as \xNN.
 */
static void put(struct out *o, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");

	while (*s) {
		int n = *s < 0x20 || *s == 0x7f ? 0 : mp_utf8_len(s);

		if (!n) {
			fprintf(o->f, "\\x%02x", *s++);
			continue;
		}
		fwrite(s, 1, (size_t)n, o->f);
		s += n;
	}
}

/* @pre, @str as put() writes it, and @post; nothing when there is no @str */
static void put_opt(struct out *o, const char *pre, const char *str, const char *post)
{
	if (!str)
		return;
	fputs(pre, o->f);
	put(o, str);
	fputs(post, o->f);
}

static void heading(struct out *o, const char *title)
{
	fputc('\n', o->f);
	on(o, C_BOLD);
	fputs(title, o->f);
	off(o);
	fputc('\n', o->f);
}

#define RULE_WIDTH 96

/* "-- text -----..." up to RULE_WIDTH columns */
static void rule(struct out *o, enum colour c, const char *text)
{
	int n = (int)strlen(text) + 4;

	on(o, c);
	fprintf(o->f, "  -- %s ", text);
	for (; n < RULE_WIDTH - 2; n++)
		fputc('-', o->f);
	off(o);
	fputc('\n', o->f);
}

/* every input and where it came from; the assumed ones are what to give next */
static void header_inputs(struct out *o, const struct mp_plan *p)
{
	const struct mp_inputs *s = &p->inputs;
	const struct {
		const char *name;
		enum mp_source src;
	} row[] = {
		{ "memory", s->memory }, { "image base", s->image_base },
		{ "image size", s->image_size }, { "image layout", s->image_layout },
		{ "DTB base", s->dtb_base }, { "DTB size", s->dtb_size },
		{ "initrd", s->initrd }, { "kconfig", s->kconfig }, { "profile", s->profile },
		{ "cmdline", s->cmdline }, { "CPU LPA2/LVA", s->cpu_va52 },
		{ "IORT", s->acpi_iort },
	};
	size_t i;

	fprintf(o->f, "  boot      %s%s\n",
		!p->efi_boot ? "DT, entered directly (no EFI stub)" :
		p->acpi_boot ? "UEFI (EFI stub, EFI memory map), ACPI tables: no unflattened DT" :
			       "UEFI (EFI stub, EFI memory map), DT",
		!p->efi_boot ? "" :
		p->efi_stub.kaslr ? "; Image at a random 64 KiB slot (KASLR, EFI RNG)" :
		p->efi_stub.rng ? "; Image 2 MiB aligned (nokaslr)" :
				  "; Image 2 MiB aligned (no EFI RNG: no KASLR)");
	fputs("  inputs   ", o->f);
	for (i = 0; i < sizeof(row) / sizeof(row[0]); i++) {
		bool assumed = row[i].src == MP_SRC_ASSUMED;

		/* the CPU's 52-bit support: only for a 52-bit configuration */
		if (row[i].src == MP_SRC_NONE && !strcmp(row[i].name, "CPU LPA2/LVA"))
			continue;

		fprintf(o->f, "%s", i ? ", " : " ");
		if (assumed)
			on(o, C_YELLOW);
		fprintf(o->f, "%s %s", row[i].name, mp_source_name(row[i].src));
		if (assumed)
			off(o);
	}
	/* the drivers known to ask for their regions (--rmem-caller) */
	for (i = 0; i < p->nr_rmem_callers; i++)
		fprintf(o->f, "%s%s", i ? " " : ", rmem callers ", p->rmem_callers[i]);
	fputc('\n', o->f);
	/* the struct sizes of the early allocations and where they came from */
	fputs("  structs  ", o->f);
	for (i = 0; i < MP_KS_COUNT; i++) {
		const struct mp_ksize *ks = &p->ksizes[i];

		if (ks->src == MP_KSIZE_UNUSED)
			continue;
		fprintf(o->f, "%s%s %llu %s", i ? ", " : " ", mp_kstruct_name((enum mp_kstruct)i),
			(unsigned long long)ks->bytes, mp_ksize_src_name(ks->src));
	}
	fputc('\n', o->f);
}

/*
 * The IORT: its nodes by type and the node whose memory address size limit
 * bounds ZONE_DMA (acpi_iort_dma_get_max_cpu_address()), "no limit" for 64
 * bits or none
 */
static void header_iort(struct out *o, const struct mp_iort *t)
{
	const char *sep = "";
	int k;

	fprintf(o->f, "  IORT      revision %u, %u node%s", t->revision, t->nr_nodes,
		t->nr_nodes == 1 ? "" : "s");
	for (k = 0; k < MP_IORT_NODE_TYPES; k++) {
		if (!t->by_type[k])
			continue;
		fprintf(o->f, "%s%u %s", *sep ? sep : " (", t->by_type[k],
			mp_iort_node_type_name((enum mp_iort_node_type)k));
		sep = ", ";
	}
	fputs(*sep ? "): " : ": ", o->f);
	if (t->has_limit_node)
		fprintf(o->f, "%s #%u at 0x%x: %u bits, ", mp_iort_node_type_name(t->limit_type),
			t->limit_index, t->limit_offset, t->limit_bits);
	else
		fputs("no node with a limit, ", o->f);
	if (t->dma_max == MP_U64_MAX)
		fputs("no limit", o->f);
	else
		fprintf(o->f, "limit 0x%016llx", (unsigned long long)t->dma_max);
	if (!t->checksum_ok)
		fprintf(o->f, "; checksum 0x%02x, should be 0x%02x", t->checksum,
			t->checksum_want);
	fputc('\n', o->f);
}

static void write_header(struct out *o, const struct mp_plan *p, const struct cli_render *r,
			 const struct cli_view *v)
{
	char h1[CLI_HUMAN_LEN], h2[CLI_HUMAN_LEN];
	const struct mp_kconfig *kc = &p->kc;
	mp_u64 nomap = 0;
	size_t i;

	on(o, C_BOLD);
	fputs("memplan plan", o->f);
	if (r && r->input_name) {
		fputs(": ", o->f);
		put(o, r->input_name);
	}
	off(o);
	fprintf(o->f, "\n  profile   %s\n", mp_profile_name(p->profile));
	fputs("  kconfig   ", o->f);
	put(o, r && r->kconfig_source ? r->kconfig_source :
	       kc->from_file	      ? "from file" :
					"profile defaults (no --kconfig)");
	fprintf(o->f, ": %u KiB pages, VA %u / PA %u bits", (1u << kc->page_shift) >> 10,
		kc->va_bits, kc->pa_bits);
	if (p->bits.va_bits_actual != kc->va_bits || p->bits.phys_mask_shift != kc->pa_bits)
		fprintf(o->f, " (%u / %u in use: %s)", p->bits.va_bits_actual,
			p->bits.phys_mask_shift,
			p->inputs.cpu_va52 == MP_SRC_ASSUMED ? "a CPU without LPA2/LVA assumed, "
							       "--cpu-va52 if it has" :
							       "the CPU has no LPA2/LVA");
	fprintf(o->f, "%s%s%s%s%s\n",
		kc->zone_dma ? ", ZONE_DMA" : "", kc->zone_dma32 ? ", ZONE_DMA32" : "",
		kc->cma ? ", CMA" : "", kc->kfence ? ", KFENCE" : "",
		kc->rodata_full_default ? ", rodata=full" : "");
	fputs("  cmdline   \"", o->f);
	put(o, p->cmdline);
	fputs("\"\n", o->f);
	for (i = 0; i < p->nr_banks; i++)
		if (p->banks[i].nomap)
			nomap += p->banks[i].size;
	fprintf(o->f, "  RAM       %s in %zu memblock range%s",
		cli_human_size(v->ram_total, h1, sizeof(h1)), p->nr_banks,
		p->nr_banks == 1 ? "" : "s");
	if (nomap)
		fprintf(o->f, " (%s no-map)", cli_human_size(nomap, h1, sizeof(h1)));
	fprintf(o->f, ", %s free after boot-time reservations",
		cli_human_size(v->free_total, h2, sizeof(h2)));
	if (p->mem_limit)
		fprintf(o->f, " (mem=%s)", cli_human_size(p->mem_limit, h1, sizeof(h1)));
	fputc('\n', o->f);
	fprintf(o->f, "  image     0x%016llx-0x%016llx %s%s\n", (unsigned long long)p->image.text,
		(unsigned long long)mp_last_byte(p->image.text, p->image.size),
		cli_human_size(p->image.size, h1, sizeof(h1)),
		p->image.text_assumed ? " (placement assumed)" : "");
	if (p->fdt_size)
		fprintf(o->f, "  DTB       0x%016llx-0x%016llx %s%s\n",
			(unsigned long long)p->fdt_base,
			(unsigned long long)mp_last_byte(p->fdt_base, p->fdt_size),
			cli_human_size(p->fdt_size, h1, sizeof(h1)),
			p->fdt_base_assumed ? " (placement assumed)" : "");
	header_inputs(o, p);
	if (p->iort)
		header_iort(o, p->iort);
	fprintf(o->f, "  DMA limit 0x%016llx", (unsigned long long)p->dma_phys_limit);
	if (p->dt_dma_max != MP_U64_MAX)
		fprintf(o->f, " (DT dma-ranges reach 0x%016llx)",
			(unsigned long long)p->dt_dma_max);
	if (p->iort && p->iort->dma_max != MP_U64_MAX)
		fprintf(o->f, " (IORT limit 0x%016llx)", (unsigned long long)p->iort->dma_max);
	fputc('\n', o->f);
}

/* The "what" column of one map row. */
static void row_what(struct out *o, const struct mp_plan *p, const struct cli_row *row)
{
	const struct mp_rmem *m = row->rmem;
	FILE *f = o->f;

	switch (row->kind) {
	case CLI_ROW_FREE:
		on(o, C_GREEN);
		fputs("free", f);
		off(o);
		return;
	case CLI_ROW_NOMAP:
		on(o, C_DIM);
		fputs("no-map memory", f);
		off(o);
		return;
	case CLI_ROW_CMA:
		on(o, C_CYAN);
		fprintf(f, "CMA (default area, from %s)", mp_cma_source_name(p->cma.source));
		off(o);
		return;
	case CLI_ROW_CRASH:
	case CLI_ROW_CRASH_LOW:
		on(o, C_MAGENTA);
		put(o, row->label);
		off(o);
		put_opt(o, "  ", p->crash.request, "");
		if (p->crash.uncertain)
			fputs("  (uncertain)", f);
		return;
	case CLI_ROW_ALLOC:
		put(o, row->label);
		on(o, C_DIM);
		fprintf(f, "  [%s%s]", mp_alloc_kind_name(row->alloc->kind),
			row->alloc->estimated ? ", estimated" : "");
		off(o);
		return;
	case CLI_ROW_RMEM:
	case CLI_ROW_MEMRESERVE: break;
	}
	on(o, C_BLUE);
	put(o, row->label ? row->label : "?");
	off(o);
	if (m->kind == MP_RMEM_STATIC && m->nr_regs > 1)
		fprintf(f, " reg[%zu]", row->reg_index);
	on(o, C_DIM);
	fprintf(f, "  [%s%s%s", mp_rmem_kind_name(m->kind), m->no_map ? ", no-map" : "",
		m->reusable ? ", reusable" : "");
	put_opt(o, ", ", m->compatible, "");
	put_opt(o, " -> ", m->init, "");
	fputc(']', f);
	off(o);
	if (m->status != MP_RMEM_RESERVED) {
		fputs("  ", f);
		on(o, m->status == MP_RMEM_FAILED ? C_RED : C_YELLOW);
		fprintf(f, "%s", mp_rmem_status_name(m->status));
		off(o);
		put_opt(o, ": ", m->reason, "");
	}
}

struct marker {
	mp_u64 addr;
	char text[128];
	enum colour colour;
};

static int cmp_marker(const void *a, const void *b)
{
	const struct marker *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return (int)x->colour - (int)y->colour; /* banks (bold) before zones */
}

static void write_map(struct out *o, const struct mp_plan *p, const struct cli_view *v)
{
	struct marker mk[64 + MP_NR_ZONES];
	size_t nr_mk = 0, next = 0, i, depth = 0;
	mp_u64 stack[16];
	char h[CLI_HUMAN_LEN];
	int z;

	for (i = 0; i < p->nr_banks && nr_mk < 64; i++) {
		const struct mp_bank *b = &p->banks[i];

		mk[nr_mk].addr = b->base;
		mk[nr_mk].colour = C_BOLD;
		snprintf(mk[nr_mk].text, sizeof(mk[0].text),
			 "bank %zu  0x%016llx-0x%016llx  %s%s%s", i, (unsigned long long)b->base,
			 (unsigned long long)mp_last_byte(b->base, b->size),
			 cli_human_size(b->size, h, sizeof(h)), b->nomap ? "  no-map" : "",
			 b->hotplug ? "  hotplug" : "");
		nr_mk++;
	}
	for (z = 0; z < MP_NR_ZONES; z++) {
		const struct mp_zone *zn = &p->zones[z];

		if (!zn->configured || zn->empty)
			continue;
		mk[nr_mk].addr = zn->start;
		mk[nr_mk].colour = C_YELLOW;
		snprintf(mk[nr_mk].text, sizeof(mk[0].text), "zone %-6s 0x%016llx-0x%016llx  %s",
			 mp_zone_name(z), (unsigned long long)zn->start,
			 (unsigned long long)zn->end,
			 cli_human_size(zn->end - zn->start + 1, h, sizeof(h)));
		nr_mk++;
	}
	qsort(mk, nr_mk, sizeof(mk[0]), cmp_marker);

	heading(o, "Memory map");
	on(o, C_DIM);
	fprintf(o->f, "  %-18s %-18s %11s  %s\n", "start", "end", "size", "what");
	off(o);
	for (i = 0; i < v->nr_rows; i++) {
		const struct cli_row *row = &v->rows[i];
		mp_u64 end = mp_last_byte(row->base, row->size);

		/* alignment padding between allocations is not worth a line */
		if (row->kind == CLI_ROW_FREE && row->size < 4096)
			continue;

		while (next < nr_mk && mk[next].addr <= row->base) {
			rule(o, mk[next].colour, mk[next].text);
			next++;
		}
		/* rows inside an earlier, larger row are indented under it */
		while (depth && row->base > stack[depth - 1])
			depth--;
		fprintf(o->f, "  0x%016llx 0x%016llx %11s  %*s", (unsigned long long)row->base,
			(unsigned long long)end, cli_human_size(row->size, h, sizeof(h)),
			(int)(2 * depth), "");
		row_what(o, p, row);
		fputc('\n', o->f);
		if (row->kind != CLI_ROW_FREE && depth < MP_ARRAY_SIZE(stack))
			stack[depth++] = end;
	}
	for (; next < nr_mk; next++)
		rule(o, mk[next].colour, mk[next].text);

	if (v->nr_unplaced) {
		heading(o, "Not placed");
		for (i = 0; i < v->nr_unplaced; i++) {
			const struct mp_rmem *m = v->unplaced[i];

			int w = (int)strlen(m->path ? m->path : "?");

			fputs("  ", o->f);
			put(o, m->path ? m->path : "?");
			/* a skipped node's reg was never read: no size to state */
			fprintf(o->f, "%*s %11s  ", w < 37 ? 37 - w : 0, "",
				mp_rmem_placed(m) || m->kind == MP_RMEM_DYNAMIC ?
					cli_human_size(m->size, h, sizeof(h)) : "-");
			on(o, m->status == MP_RMEM_FAILED ? C_RED : C_YELLOW);
			fputs(mp_rmem_status_name(m->status), o->f);
			off(o);
			put_opt(o, ": ", m->reason, "");
			fputc('\n', o->f);
		}
	}
}

/* every memory-region phandle: what of_reserved_mem_device_init_by_idx() gives it */
static void write_consumers(struct out *o, const struct mp_plan *p)
{
	size_t i;

	if (!p->nr_consumers)
		return;
	heading(o, "Devices' reserved memory (memory-region)");
	for (i = 0; i < p->nr_consumers; i++) {
		const struct mp_consumer *c = &p->consumers[i];
		bool ok = c->outcome == MP_CONS_ASSIGNED;

		fputs("  ", o->f);
		put(o, c->node);
		fprintf(o->f, "[%u]", c->index);
		put_opt(o, " \"", c->name, "\"");
		fputs(" -> ", o->f);
		put(o, c->region ? c->region : c->target ? c->target : "?");
		fputs(": ", o->f);
		on(o, ok ? C_GREEN : c->err ? C_RED : C_YELLOW);
		fputs(mp_consumer_outcome_name(c->outcome), o->f);
		off(o);
		if (!c->consumer_available)
			fputs(" (node disabled: no device)", o->f);
		else if (c->generic)
			fputs(c->driver ? " at probe (of_dma_configure(), then its driver)" :
					  " at probe (of_dma_configure())", o->f);
		else if (c->driver)
			fputs(" at probe (its driver, --rmem-caller)", o->f);
		else
			fputs(ok ? " when its driver asks" : "", o->f);
		if (c->err)
			fprintf(o->f, ", %s", mp_strerror(c->err));
		put_opt(o, ": ", c->why, "");
		fputc('\n', o->f);
	}
}

static void write_decisions(struct out *o, const struct mp_plan *p)
{
	const struct mp_crash *c = &p->crash;
	const struct mp_linmap *l = &p->linmap;
	char h1[CLI_HUMAN_LEN], h2[CLI_HUMAN_LEN];
	FILE *f = o->f;
	int z;

	heading(o, "Decisions");

	fputs("  crash kernel  ", f);
	if (!c->request) {
		fputs("not requested (no crashkernel=)\n", f);
	} else {
		put(o, c->request);
		fputs(": ", f);
		on(o, c->status == MP_CRASH_RESERVED ? C_MAGENTA : C_RED);
		fputs(mp_crash_status_name(c->status), f);
		off(o);
		if (c->status == MP_CRASH_RESERVED && c->low_present != c->high_present) {
			fprintf(f, " %s at 0x%016llx",
				cli_human_size(c->low_present ? c->low_size : c->high_size, h1,
					       sizeof(h1)),
				(unsigned long long)(c->low_present ? c->low_base : c->high_base));
		} else if (c->status == MP_CRASH_RESERVED) {
			if (c->high_present)
				fprintf(f, " %s at 0x%016llx",
					cli_human_size(c->high_size, h1, sizeof(h1)),
					(unsigned long long)c->high_base);
			if (c->low_present)
				fprintf(f, "%s %s low at 0x%016llx", c->high_present ? " +" : "",
					cli_human_size(c->low_size, h1, sizeof(h1)),
					(unsigned long long)c->low_base);
		}
		if (c->uncertain)
			fputs(" (uncertain: depends on estimated allocations)", f);
		fputc('\n', f);
		put_opt(o, "                ", c->reason, "\n");
		fprintf(f, "                %s",
			c->deferred ? "deferred to bootmem_init() (after map_mem)" :
				      "reserved in arm64_memblock_init() (before map_mem)");
		put_opt(o, ": ", c->deferred_reason, "");
		fputc('\n', f);
		if (c->low_max)
			fprintf(f, "                low limit (CRASH_ADDR_LOW_MAX) 0x%016llx\n",
				(unsigned long long)c->low_max);
	}

	fputs("  CMA           ", f);
	if (!p->cma.present)
		fputs("none\n", f);
	else if (p->cma.failed)
		fprintf(f, "%s (from %s) FAILED\n",
			cli_human_size(p->cma.requested ? p->cma.requested : p->cma.size, h1,
				       sizeof(h1)),
			mp_cma_source_name(p->cma.source));
	else
		fprintf(f, "%s at 0x%016llx (from %s)\n",
			cli_human_size(p->cma.size, h1, sizeof(h1)),
			(unsigned long long)p->cma.base, mp_cma_source_name(p->cma.source));

	fputs("  linear map    ", f);
	if (l->forced_pte) {
		on(o, C_YELLOW);
		fputs("forced to page mappings", f);
		off(o);
		put_opt(o, ": ", l->forced_reason, "");
	} else {
		fputs("block mappings allowed", f);
		put_opt(o, " (", l->forced_reason, ")");
	}
	fprintf(f, "\n                granule %s, %zu ranges, %llu table pages (%s)\n",
		cli_human_size(l->granule, h1, sizeof(h1)), l->nr_ranges,
		(unsigned long long)l->table_pages,
		cli_human_size(l->table_pages * (l->granule ? l->granule : 4096), h2, sizeof(h2)));
	if (l->crash_protected)
		fputs("                crash kernel region unmapped while a capture kernel is "
		      "loaded\n", f);

	fputs("  zones        ", f);
	for (z = 0; z < MP_NR_ZONES; z++) {
		const struct mp_zone *zn = &p->zones[z];

		if (!zn->configured)
			continue;
		if (zn->empty)
			fprintf(f, " %s empty;", mp_zone_name(z));
		else
			fprintf(f, " %s 0x%016llx-0x%016llx;", mp_zone_name(z),
				(unsigned long long)zn->start, (unsigned long long)zn->end);
	}
	fputc('\n', f);
}

static void write_diags(struct out *o, const struct mp_plan *p)
{
	size_t i, n[3] = { 0 };

	for (i = 0; i < p->nr_diags; i++)
		if (p->diags[i].severity <= MP_SEV_NOTE)
			n[p->diags[i].severity]++;
	fputc('\n', o->f);
	on(o, C_BOLD);
	if (!p->nr_diags) {
		fputs("Diagnostics: none", o->f);
		off(o);
		fputc('\n', o->f);
		return;
	}
	fprintf(o->f, "Diagnostics: %zu error%s, %zu warning%s, %zu note%s", n[0],
		n[0] == 1 ? "" : "s", n[1], n[1] == 1 ? "" : "s", n[2], n[2] == 1 ? "" : "s");
	off(o);
	fputc('\n', o->f);
	for (i = 0; i < p->nr_diags; i++) {
		const struct mp_diag *d = &p->diags[i];
		static const enum colour c[] = { C_RED, C_YELLOW, C_CYAN };

		fputs("  ", o->f);
		on(o, c[d->severity <= MP_SEV_NOTE ? d->severity : 2]);
		fprintf(o->f, "%-8s", mp_severity_name(d->severity));
		off(o);
		put(o, d->code ? d->code : "?");
		fputs(": ", o->f);
		put_opt(o, "", d->path, ": ");
		put(o, d->message);
		if (d->assumed)
			fputs(" [follows from the assumed memory]", o->f);
		fputc('\n', o->f);
	}
}

int cli_write_text(FILE *f, const struct mp_plan *p, const struct cli_render *r)
{
	struct out o = { .f = f, .color = r && r->color };
	struct cli_view v;
	size_t i;

	if (cli_view_build(p, &v))
		return -1;
	write_header(&o, p, r, &v);
	write_map(&o, p, &v);
	write_consumers(&o, p);
	write_decisions(&o, p);
	write_diags(&o, p);
	if (p->nr_log) {
		heading(&o, "Predicted kernel log");
		for (i = 0; i < p->nr_log; i++) {
			fputs("  ", f);
			put(&o, p->log[i]);
			fputc('\n', f);
		}
	}
	cli_view_free(&v);
	return ferror(f) ? -1 : 0;
}
