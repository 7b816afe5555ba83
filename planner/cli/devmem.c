// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * devmem.c - `memplan devmem --size N`: choose a physical range for ZONE_DEVICE
 * private memory (memremap_pages(MEMORY_DEVICE_PRIVATE), e.g. HMM device
 * memory) that collides with nothing the platform decodes.
 *
 * Memory hotplug works in sections: SECTION_SIZE_BITS on arm64 is 27 (128 MiB)
 * for 4K and 16K pages and 29 (512 MiB) for 64K (arch/arm64/include/asm/
 * sparsemem.h, 6.1 and 6.12), so base and size are section aligned.  The range
 * must avoid all RAM (every memory node, also beyond mem=), every reserved
 * range, every `hotpluggable` range, every device `reg` window (translated
 * through the parents' `ranges` to CPU addresses) and every bus window (the
 * parent side of a non-empty `ranges`, e.g. a PCIe host's 64-bit MMIO window,
 * where BARs are assigned).  It must also be reachable by the linear map:
 * arch_get_mappable_range() (arch/arm64/mm/mmu.c) accepts
 * [memstart_addr, memstart_addr + 2^(VA_BITS-1)); memstart_addr is the start
 * of DRAM rounded down to ARM64_MEMSTART_ALIGN (1 GiB with 4K pages, 32 MiB
 * with 16K, 512 MiB with 64K).  Since 5.11 KASLR randomizes memstart_addr only
 * by what the CPU's PA range leaves spare, so this bound holds with KASLR too.
 * The search is top-down from min(2^PA_BITS, that end), like
 * request_free_mem_region() walks iomem_resource from the top, so the first
 * free slot is above all RAM whenever there is room there.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devmem.h"
#include "output.h"
#include "dtout.h"
#include "planinput.h"
#include "util.h"
#include "writers.h"

#define MAX_DEPTH 64
#define MAX_CANDIDATES 256
#define MAX_REGS 64

static const char usage[] =
	"Usage: memplan devmem (--dtb FILE | --dts FILE) --size N [OPTION]...\n"
	"Choose a physical address range for ZONE_DEVICE private memory (device\n"
	"memory registered with memremap_pages(), e.g. by HMM drivers) and explain\n"
	"the choice.  The range is aligned to the memory-section size (memory\n"
	"hotplug works in sections: 128 MiB with 4K and 16K pages, 512 MiB with 64K;\n"
	"the size is rounded up to it) and avoids:\n"
	"  - RAM: every memory node of the DT (also beyond mem=), and the plan's banks;\n"
	"  - every /reserved-memory region and /memreserve/ entry;\n"
	"  - every `hotpluggable` memory range (it may be plugged later);\n"
	"  - every MMIO `reg` window of every node (with its parent's #address-cells\n"
	"    and #size-cells, translated through each ancestor's `ranges` to a CPU\n"
	"    address; /memory and /reserved-memory are skipped, a reg that cannot be\n"
	"    translated -- no `ranges` on the way, e.g. I2C devices -- is not MMIO);\n"
	"  - every bus window: the CPU side of each non-empty `ranges` (PCIe BARs are\n"
	"    assigned inside these).\n"
	"The search is top-down from the highest address the kernel can map:\n"
	"min(2^CONFIG_ARM64_PA_BITS, memstart + 2^(CONFIG_ARM64_VA_BITS-1)) -- the\n"
	"linear map limit of arch_get_mappable_range() -- so space above all RAM is\n"
	"preferred; each candidate tried is listed with the reason it was rejected.\n"
	"\n"
	"Input (the plan options):\n"
	"%s"
	"\n"
	"  --size N              bytes of device memory (memparse suffixes: 4G)\n"
	"  --format FMT          text (default) or json (\"memplan-devmem/1\")\n"
	"  -o, --output FILE     write to FILE instead of standard output\n"
	"  -h, --help            show this help\n"
	"\n"
	"Exit status: 0 a range was found; 1 no free range; 2 bad input or usage.\n"
	"\n"
	"Example:\n"
	"  memplan devmem --dts board.dts --kconfig .config --size 16G\n";

enum obstacle_kind { OB_RAM, OB_HOTPLUG, OB_RESERVED, OB_MMIO, OB_BUS, OB_KINDS };

static const char *const kind_names[OB_KINDS] = { "RAM", "hotpluggable", "reserved", "MMIO",
						  "bus window" };

struct obstacle {
	mp_u64 base, size;
	enum obstacle_kind kind;
	char *path;
};

struct candidate {
	mp_u64 base, end; /* exclusive end */
	bool chosen;
	size_t obstacle[3]; /* indices of the overlapping obstacles (lowest bases) */
	size_t nr_obstacles;
	size_t more;
};

struct devmem {
	struct obstacle *ob;
	size_t nr, cap;
	size_t untranslated;
	struct candidate cand[MAX_CANDIDATES];
	size_t nr_cand;
	mp_u64 size, section, top, pa_top, linear_top, memstart, ram_top;
	bool found;
};

static const char *prog = "memplan devmem";

static int add(struct devmem *d, mp_u64 base, mp_u64 size, enum obstacle_kind k, const char *path)
{
	if (!size)
		return 0;
	if (base + size < base)
		size = MP_U64_MAX - base; /* clipped at the top of the space */
	if (d->nr == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 128;
		struct obstacle *n = realloc(d->ob, cap * sizeof(*n));

		if (!n)
			return -1;
		d->ob = n;
		d->cap = cap;
	}
	d->ob[d->nr].path = strdup(path ? path : "");
	if (!d->ob[d->nr].path)
		return -1;
	d->ob[d->nr].base = base;
	d->ob[d->nr].size = size;
	d->ob[d->nr].kind = k;
	d->nr++;
	return 0;
}

static bool is_pci(const void *fdt, int node)
{
	const char *t = fdt_getprop(fdt, node, "device_type", NULL);

	return t && !strcmp(t, "pci");
}

/*
 * Translate @addr from the child address space of bus @stack[depth] to a CPU
 * address, walking the ancestors' `ranges` (of_translate_address()).  An
 * absent `ranges` ends translation (not memory mapped); an empty one is 1:1.
 */
static int translate(const void *fdt, const int *stack, int depth, mp_u64 *addr)
{
	int d;

	for (d = depth; d > 0; d--) {
		int bus = stack[d], parent = stack[d - 1], cac, csc, pac, psc, len, n, i;
		const unsigned char *p = fdt_getprop(fdt, bus, "ranges", &len);
		bool found = false;

		if (!p)
			return -1;
		if (!len)
			continue;
		cli_dt_cells(fdt, bus, &cac, &csc);
		cli_dt_cells(fdt, parent, &pac, &psc);
		if (cac < 1 || cac > 3 || pac < 1 || pac > 3 || csc < 1 || csc > 2 ||
		    len % ((cac + pac + csc) * 4))
			return -1;
		n = len / ((cac + pac + csc) * 4);
		for (i = 0; i < n && !found; i++) {
			const unsigned char *e = p + i * (cac + pac + csc) * 4;
			/* PCI: the first cell is phys.hi (space code, flags): compare the rest */
			mp_u64 c = cli_dt_read(e + (cac == 3 ? 4 : 0), cac == 3 ? 2 : cac);
			mp_u64 pa = cli_dt_read(e + cac * 4 + (pac == 3 ? 4 : 0), pac == 3 ? 2 : pac);
			mp_u64 s = cli_dt_read(e + (cac + pac) * 4, csc);

			if (*addr >= c && *addr - c < s) {
				*addr = *addr - c + pa;
				found = true;
			}
		}
		if (!found)
			return -1;
	}
	return 0;
}

/* every node's reg and every bus's ranges, as CPU-address obstacles */
static int walk_mmio(struct devmem *d, const void *fdt)
{
	int stack[MAX_DEPTH + 1], node = 0, depth = 0, skip_below = -1;
	char path[1024];

	stack[0] = 0;
	for (node = fdt_next_node(fdt, 0, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		const char *name = fdt_get_name(fdt, node, NULL);
		const char *t = fdt_getprop(fdt, node, "device_type", NULL);
		int pac, psc, len, i, n, cac, csc;
		const unsigned char *p;

		if (depth > MAX_DEPTH)
			continue;
		stack[depth] = node;
		if (skip_below >= 0 && depth > skip_below)
			continue;
		skip_below = -1;
		if (depth == 1 && name &&
		    (!strcmp(name, "reserved-memory") || (t && !strcmp(t, "memory")) ||
		     !strncmp(name, "memory@", 7) || !strcmp(name, "memory"))) {
			skip_below = 1;
			continue;
		}
		if (fdt_get_path(fdt, node, path, sizeof(path)))
			snprintf(path, sizeof(path), "%s", name ? name : "?");
		cli_dt_cells(fdt, stack[depth - 1], &pac, &psc);
		p = fdt_getprop(fdt, node, "reg", &len);
		if (p && len > 0 && psc > 0 && pac > 0 && pac <= 3 && psc <= 2 &&
		    !is_pci(fdt, stack[depth - 1]) && !(len % ((pac + psc) * 4))) {
			n = len / ((pac + psc) * 4);
			for (i = 0; i < n; i++) {
				const unsigned char *e = p + i * (pac + psc) * 4;
				mp_u64 a = cli_dt_read(e + (pac == 3 ? 4 : 0), pac == 3 ? 2 : pac);
				mp_u64 s = cli_dt_read(e + pac * 4, psc);

				if (!s)
					continue;
				if (translate(fdt, stack, depth - 1, &a)) {
					d->untranslated++;
					continue;
				}
				if (add(d, a, s, OB_MMIO, path))
					return -1;
			}
		}
		/* bus windows: the parent side of this node's ranges */
		p = fdt_getprop(fdt, node, "ranges", &len);
		cli_dt_cells(fdt, node, &cac, &csc);
		if (p && len > 0 && cac >= 1 && cac <= 3 && pac >= 1 && pac <= 3 && csc >= 1 &&
		    csc <= 2 && !(len % ((cac + pac + csc) * 4))) {
			n = len / ((cac + pac + csc) * 4);
			for (i = 0; i < n; i++) {
				const unsigned char *e = p + i * (cac + pac + csc) * 4;
				mp_u64 a = cli_dt_read(e + cac * 4 + (pac == 3 ? 4 : 0),
						       pac == 3 ? 2 : pac);
				mp_u64 s = cli_dt_read(e + (cac + pac) * 4, csc);

				if (!s || translate(fdt, stack, depth - 1, &a))
					continue;
				if (add(d, a, s, OB_BUS, path))
					return -1;
			}
		}
	}
	return 0;
}

static int collect(struct devmem *d, const struct mp_plan *plan, const void *fdt)
{
	struct mp_range regs[MAX_REGS];
	int node, ac, sc, n, i;
	size_t k, j;
	char path[1024];

	cli_dt_cells(fdt, 0, &ac, &sc);
	d->ram_top = 0;
	fdt_for_each_subnode(node, fdt, 0) {
		const char *t = fdt_getprop(fdt, node, "device_type", NULL);
		bool hp = fdt_getprop(fdt, node, "hotpluggable", NULL) != NULL;

		if (!t || strcmp(t, "memory"))
			continue;
		if (fdt_get_path(fdt, node, path, sizeof(path)))
			snprintf(path, sizeof(path), "memory");
		n = cli_dt_ranges(fdt, node, "reg", ac, sc, regs, MAX_REGS);
		for (i = 0; i < n && i < MAX_REGS; i++) {
			if (add(d, regs[i].base, regs[i].size, hp ? OB_HOTPLUG : OB_RAM, path))
				return -1;
			if (!hp && regs[i].base + regs[i].size > d->ram_top)
				d->ram_top = regs[i].base + regs[i].size;
		}
	}
	for (k = 0; k < plan->nr_banks; k++) {
		const struct mp_bank *b = &plan->banks[k];

		if (add(d, b->base, b->size, b->hotplug ? OB_HOTPLUG : OB_RAM, "memory bank"))
			return -1;
		if (!b->hotplug && b->base + b->size > d->ram_top)
			d->ram_top = b->base + b->size;
	}
	for (k = 0; k < plan->nr_rmem; k++) {
		const struct mp_rmem *r = &plan->rmem[k];

		if (r->kind == MP_RMEM_STATIC && r->nr_regs) {
			for (j = 0; j < r->nr_regs; j++)
				if (add(d, r->regs[j].base, r->regs[j].size, OB_RESERVED, r->path))
					return -1;
		} else if (r->status == MP_RMEM_RESERVED || r->kind == MP_RMEM_MEMRESERVE) {
			if (add(d, r->base, r->size, OB_RESERVED, r->path))
				return -1;
		}
	}
	return walk_mmio(d, fdt);
}

static void search(struct devmem *d)
{
	mp_u64 ceiling = d->top;
	size_t i;

	while (d->nr_cand < MAX_CANDIDATES) {
		struct candidate *c = &d->cand[d->nr_cand];
		mp_u64 end = ceiling & ~(d->section - 1), lowest = MP_U64_MAX;

		if (end < d->size)
			return;
		memset(c, 0, sizeof(*c));
		c->end = end;
		c->base = end - d->size;
		for (i = 0; i < d->nr; i++) {
			const struct obstacle *o = &d->ob[i];

			if (!cli_overlaps(c->base, d->size, o->base, o->size))
				continue;
			if (o->base < lowest)
				lowest = o->base;
			if (c->nr_obstacles < 3)
				c->obstacle[c->nr_obstacles++] = i;
			else
				c->more++;
		}
		d->nr_cand++;
		if (lowest == MP_U64_MAX) {
			c->chosen = true;
			d->found = true;
			return;
		}
		ceiling = lowest;
	}
}

static void put_hex(FILE *f, const char *name, mp_u64 v, bool comma)
{
	fprintf(f, "\"%s\": \"0x%016llx\"%s", name, (unsigned long long)v, comma ? ", " : "");
}

static void report_json(FILE *f, const struct devmem *d, const struct mp_plan *plan)
{
	size_t i, k, counts[OB_KINDS] = { 0 };

	for (i = 0; i < d->nr; i++)
		counts[d->ob[i].kind]++;
	fprintf(f, "{\n  \"schema\": \"memplan-devmem/1\",\n  ");
	put_hex(f, "size", d->size, true);
	put_hex(f, "section_size", d->section, true);
	fprintf(f, "\"page_size\": %u,\n  ", 1u << plan->kc.page_shift);
	put_hex(f, "search_top", d->top, true);
	put_hex(f, "pa_limit", d->pa_top, true);
	put_hex(f, "linear_map_limit", d->linear_top, true);
	put_hex(f, "ram_top", d->ram_top, false);
	fprintf(f, ",\n  \"obstacles\": {");
	for (k = 0; k < OB_KINDS; k++)
		fprintf(f, "%s\"%s\": %zu", k ? ", " : "", kind_names[k], counts[k]);
	fprintf(f, ", \"untranslatable_reg\": %zu},\n  \"chosen\": ", d->untranslated);
	if (d->found) {
		const struct candidate *c = &d->cand[d->nr_cand - 1];

		fputc('{', f);
		put_hex(f, "base", c->base, true);
		put_hex(f, "end", c->end - 1, true);
		fprintf(f, "\"above_all_ram\": %s}", c->base >= d->ram_top ? "true" : "false");
	} else {
		fputs("null", f);
	}
	fprintf(f, ",\n  \"candidates\": [");
	for (i = 0; i < d->nr_cand; i++) {
		const struct candidate *c = &d->cand[i];

		fprintf(f, "%s\n    {", i ? "," : "");
		put_hex(f, "base", c->base, true);
		put_hex(f, "end", c->end - 1, true);
		fprintf(f, "\"accepted\": %s, \"rejected_by\": [", c->chosen ? "true" : "false");
		for (k = 0; k < c->nr_obstacles; k++) {
			const struct obstacle *o = &d->ob[c->obstacle[k]];

			fprintf(f, "%s{\"kind\": \"%s\", \"path\": ", k ? ", " : "",
				kind_names[o->kind]);
			cli_json_put_string(f, o->path);
			fputs(", ", f);
			put_hex(f, "base", o->base, true);
			put_hex(f, "end", o->base + (o->size - 1), false);
			fputc('}', f);
		}
		fprintf(f, "], \"more\": %zu}", c->more);
	}
	fprintf(f, "%s]\n}\n", d->nr_cand ? "\n  " : "");
}

static void report_text(FILE *f, const struct devmem *d, const struct mp_plan *plan,
			mp_u64 asked)
{
	char h[CLI_HUMAN_LEN], h2[CLI_HUMAN_LEN];
	size_t i, k, counts[OB_KINDS] = { 0 };

	for (i = 0; i < d->nr; i++)
		counts[d->ob[i].kind]++;
	fprintf(f, "ZONE_DEVICE private memory: %s", cli_human_size(d->size, h, sizeof(h)));
	if (asked != d->size)
		fprintf(f, " (%s rounded up to whole sections)", cli_human_size(asked, h2, sizeof(h2)));
	fprintf(f, "\n  memory section %s (%u KiB pages)%s\n", cli_human_size(d->section, h, sizeof(h)),
		(1u << plan->kc.page_shift) >> 10,
		plan->kc.from_file ? "" : " -- profile default; give --kconfig for yours");
	fprintf(f, "  search from 0x%016llx down: min(2^%u PA bits = 0x%016llx, linear map end "
		   "0x%016llx = memstart 0x%llx + 2^%u)\n", (unsigned long long)d->top,
		plan->kc.pa_bits, (unsigned long long)d->pa_top, (unsigned long long)d->linear_top,
		(unsigned long long)d->memstart, plan->kc.va_bits - 1);
	fprintf(f, "  avoiding %zu ranges:", d->nr);
	for (k = 0; k < OB_KINDS; k++)
		fprintf(f, "%s %zu %s", k ? "," : "", counts[k], kind_names[k]);
	fprintf(f, " (%zu reg entries not memory-mapped: skipped)\n", d->untranslated);
	if (plan->kc.from_file && !plan->kc.zone_device)
		fprintf(f, "  warning: CONFIG_ZONE_DEVICE is not set in the .config\n");
	fprintf(f, "candidates, top-down:\n");
	for (i = 0; i < d->nr_cand; i++) {
		const struct candidate *c = &d->cand[i];

		fprintf(f, "  [0x%016llx-0x%016llx] ", (unsigned long long)c->base,
			(unsigned long long)(c->end - 1));
		if (c->chosen) {
			fprintf(f, "chosen: free%s\n", c->base >= d->ram_top ? ", above all RAM" :
					 ", below the top of RAM (no room above it)");
			continue;
		}
		fprintf(f, "rejected: overlaps");
		for (k = 0; k < c->nr_obstacles; k++) {
			const struct obstacle *o = &d->ob[c->obstacle[k]];

			fprintf(f, "%s %s %s [0x%llx-0x%llx]", k ? "," : "", kind_names[o->kind],
				o->path, (unsigned long long)o->base,
				(unsigned long long)(o->base + (o->size - 1)));
		}
		if (c->more)
			fprintf(f, " and %zu more", c->more);
		fputc('\n', f);
	}
	if (d->found) {
		const struct candidate *c = &d->cand[d->nr_cand - 1];

		fprintf(f, "chosen: 0x%016llx-0x%016llx (%s)\n", (unsigned long long)c->base,
			(unsigned long long)(c->end - 1), cli_human_size(d->size, h, sizeof(h)));
	} else {
		fprintf(f, "no free section-aligned range of %s below 0x%016llx\n",
			cli_human_size(d->size, h, sizeof(h)), (unsigned long long)d->top);
	}
}

int cli_cmd_devmem(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "size", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct option opts[32];
	struct cli_plan_args a;
	struct cli_planned p;
	struct devmem d;
	const char *format = "text", *output = NULL;
	uint64_t asked = 0;
	mp_u64 align, low = MP_U64_MAX;
	bool size_given = false;
	struct cli_out out;
	size_t i;
	int c, r, status;

	memset(&a, 0, sizeof(a));
	memset(&d, 0, sizeof(d));
	cli_plan_options_merge(opts, 32, extra);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
		r = cli_plan_arg(&a, c, optarg, prog);
		if (r < 0)
			return CLI_EXIT_USAGE;
		if (r)
			continue;
		switch (c) {
		case 's':
			if (cli_parse_size(optarg, &asked) || !asked)
				return cli_usage_error(prog, "--size: invalid size '%s' (e.g. 4G)",
						       optarg);
			size_given = true;
			break;
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case 'h': printf(usage, cli_plan_options_help); return 0;
		default: return cli_getopt_error(prog, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(prog, "unexpected argument '%s'", argv[optind]);
	if (cli_plan_args_check(&a, prog))
		return CLI_EXIT_USAGE;
	if (!size_given)
		return cli_usage_error(prog, "--size N is required");
	if (strcmp(format, "text") && strcmp(format, "json"))
		return cli_usage_error(prog, "--format: '%s' is not text or json", format);
	status = cli_plan_load(&a, &p, prog);
	if (!status)
		status = cli_plan_run(&p, prog);
	if (status)
		goto out;
	/* SECTION_SIZE_BITS: 27 for 4K/16K, 29 for 64K (asm/sparsemem.h) */
	d.section = p.plan->kc.page_shift == 16 ? 512ull << 20 : 128ull << 20;
	if (asked > MP_U64_MAX - d.section) {
		status = cli_error(prog, "--size: too large");
		goto out;
	}
	d.size = (asked + d.section - 1) & ~(d.section - 1);
	d.pa_top = p.plan->kc.pa_bits >= 64 ? MP_U64_MAX : 1ull << p.plan->kc.pa_bits;
	/* ARM64_MEMSTART_ALIGN: PUD (1 GiB) with 4K, CONT_PMD (32 MiB) with 16K, PMD (512 MiB) with 64K */
	align = p.plan->kc.page_shift == 12 ? 1ull << 30 :
		p.plan->kc.page_shift == 14 ? 32ull << 20 : 512ull << 20;
	for (i = 0; i < p.plan->nr_banks; i++)
		if (p.plan->banks[i].base < low)
			low = p.plan->banks[i].base;
	d.memstart = low == MP_U64_MAX ? 0 : low & ~(align - 1);
	d.linear_top = p.plan->kc.va_bits >= 2 && p.plan->kc.va_bits < 64 ?
			       d.memstart + (1ull << (p.plan->kc.va_bits - 1)) : MP_U64_MAX;
	d.top = d.pa_top < d.linear_top ? d.pa_top : d.linear_top;
	if (collect(&d, p.plan, p.in.fdt)) {
		status = cli_error(prog, "out of memory");
		goto out;
	}
	search(&d);
	status = cli_out_open(&out, prog, output);
	if (status)
		goto out;
	if (!strcmp(format, "json"))
		report_json(out.f, &d, p.plan);
	else
		report_text(out.f, &d, p.plan, asked);
	status = cli_out_close(&out, prog, true);
	if (status)
		goto out;
	status = d.found ? 0 : CLI_EXIT_FINDINGS;
out:
	for (i = 0; i < d.nr; i++)
		free(d.ob[i].path);
	free(d.ob);
	cli_planned_free(&p);
	return status;
}
