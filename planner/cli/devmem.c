// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * devmem.c - `memplan devmem --size N`: options, the plan, then the core's
 * mp_devmem_place() (planner/core/devmem.c, where the rules live: sections,
 * the linear-map limit, the obstacles of the DT) and its answer as text or
 * JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devmem.h"
#include "output.h"
#include "plan_getopt.h"
#include "util.h"
#include "writers.h"

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
	"    assigned inside these);\n"
	"  - every --device-memory range.\n"
	"The search is top-down from the highest address the kernel can map:\n"
	"min(2^CONFIG_ARM64_PA_BITS, memstart + 2^(CONFIG_ARM64_VA_BITS-1)) -- the\n"
	"linear map limit of arch_get_mappable_range() -- so space above all RAM is\n"
	"preferred; each candidate tried is listed with the reason it was rejected.\n"
	"Then the kernel's own pick for the same size: request_free_mem_region()\n"
	"(6.12: get_free_mem_region() down from PHYSMEM_END, the linear map's end;\n"
	"6.1: down from 2^MAX_PHYSMEM_BITS) skips only what iomem holds when the driver\n"
	"asks: RAM (hotpluggable DT memory too: it is System RAM from boot on), reserved\n"
	"ranges, MMIO, bus windows -- not a memory device's range, which enters iomem\n"
	"only when the device probes or is plugged.  A pick inside --device-memory is a\n"
	"collision: whichever comes second fails (a virtio-mem device cannot reserve\n"
	"its region).\n"
	"\n"
	"Input (the plan options):\n"
	"%s"
	"\n"
	"  --size N              bytes of device memory (memparse suffixes: 4G)\n"
	"  --device-memory BASE:SIZE[,BASE:SIZE...]\n"
	"                        address space memory devices claim at run time, which\n"
	"                        no DT describes: a virtio-mem device's region (its\n"
	"                        config space: addr, region_size; QEMU: inside the\n"
	"                        device memory area of -m SIZE,maxmem=, from RAM's end\n"
	"                        rounded up to 1 GiB), DIMM slots, an ACPI SRAT\n"
	"                        hot-pluggable range\n"
	"  --format FMT          text (default) or json (\"memplan-devmem/1\")\n"
	"  -o, --output FILE     write to FILE instead of standard output\n"
	"  -h, --help            show this help\n"
	"\n"
	"Exit status: 0 a range was found; 1 no free range, or the kernel's pick\n"
	"collides with --device-memory; 2 bad input or usage.\n"
	"\n"
	"Example:\n"
	"  memplan devmem --dts board.dts --kconfig .config --size 16G\n";

static const char *prog = "memplan devmem";

#define MAX_DEVICE_RANGES 64

static void put_hex(FILE *f, const char *name, mp_u64 v, bool comma)
{
	fprintf(f, "\"%s\": \"0x%016llx\"%s", name, (unsigned long long)v, comma ? ", " : "");
}

static void report_json(FILE *f, const struct mp_devmem *d, const struct mp_plan *plan)
{
	size_t i, k;

	fprintf(f, "{\n  \"schema\": \"memplan-devmem/1\",\n  ");
	put_hex(f, "size", d->size, true);
	put_hex(f, "section_size", d->section, true);
	fprintf(f, "\"page_size\": %u,\n  ", 1u << plan->kc.page_shift);
	put_hex(f, "search_top", d->top, true);
	put_hex(f, "pa_limit", d->pa_top, true);
	put_hex(f, "linear_map_limit", d->linear_top, true);
	put_hex(f, "ram_top", d->ram_top, false);
	fprintf(f, ",\n  \"obstacles\": {");
	for (k = 0; k < MP_DEVMEM_KINDS; k++)
		fprintf(f, "%s\"%s\": %zu", k ? ", " : "", mp_devmem_kind_name(k), d->counts[k]);
	fprintf(f, ", \"untranslatable_reg\": %zu},\n  \"chosen\": ", d->untranslated);
	if (d->found) {
		const struct mp_devmem_candidate *c = &d->cand[d->nr_cand - 1];

		fputc('{', f);
		put_hex(f, "base", c->base, true);
		put_hex(f, "end", c->end - 1, true);
		fprintf(f, "\"above_all_ram\": %s}", c->base >= d->ram_top ? "true" : "false");
	} else {
		fputs("null", f);
	}
	fprintf(f, ",\n  \"kernel_pick\": ");
	if (d->kernel_found) {
		fputc('{', f);
		put_hex(f, "base", d->kernel_base, true);
		put_hex(f, "end", d->kernel_base + d->size - 1, true);
		put_hex(f, "search_top", d->kernel_top, false);
		fprintf(f, ", \"search_top_assumed\": %s", d->kernel_top_assumed ? "true" : "false");
		fprintf(f, ", \"collides_with\": ");
		if (d->kernel_collides) {
			const struct mp_devmem_obstacle *o = &d->ob[d->kernel_collision];

			fprintf(f, "{\"kind\": \"%s\", ", mp_devmem_kind_name(o->kind));
			put_hex(f, "base", o->base, true);
			put_hex(f, "end", o->base + (o->size - 1), false);
			fputc('}', f);
		} else {
			fputs("null", f);
		}
		fputc('}', f);
	} else {
		fputs("null", f);
	}
	fprintf(f, ",\n  \"candidates\": [");
	for (i = 0; i < d->nr_cand; i++) {
		const struct mp_devmem_candidate *c = &d->cand[i];

		fprintf(f, "%s\n    {", i ? "," : "");
		put_hex(f, "base", c->base, true);
		put_hex(f, "end", c->end - 1, true);
		fprintf(f, "\"accepted\": %s, \"rejected_by\": [", c->chosen ? "true" : "false");
		for (k = 0; k < c->nr_obstacles; k++) {
			const struct mp_devmem_obstacle *o = &d->ob[c->obstacle[k]];

			fprintf(f, "%s{\"kind\": \"%s\", \"path\": ", k ? ", " : "",
				mp_devmem_kind_name(o->kind));
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

static void report_text(FILE *f, const struct mp_devmem *d, const struct mp_plan *plan)
{
	char h[CLI_HUMAN_LEN], h2[CLI_HUMAN_LEN], linear[32];
	mp_u64 lin;
	size_t i, k;

	fprintf(f, "ZONE_DEVICE private memory: %s", cli_human_size(d->size, h, sizeof(h)));
	if (d->asked != d->size)
		fprintf(f, " (%s rounded up to whole sections)",
			cli_human_size(d->asked, h2, sizeof(h2)));
	fprintf(f, "\n  memory section %s (%u KiB pages)%s\n", cli_human_size(d->section, h, sizeof(h)),
		(1u << plan->kc.page_shift) >> 10,
		plan->kc.from_file ? "" : " -- profile default; give --kconfig for yours");
	/* the run-time sizes (a 52-bit configuration may run with 48 bits) */
	lin = plan->bits.linear_size;
	if (lin & (lin - 1))
		snprintf(linear, sizeof(linear), "0x%llx", (unsigned long long)lin);
	else
		snprintf(linear, sizeof(linear), "2^%d", __builtin_ctzll(lin));
	fprintf(f, "  search from 0x%016llx down: min(2^%u PA bits = 0x%016llx, linear map end "
		   "0x%016llx = memstart 0x%llx + %s)\n", (unsigned long long)d->top,
		plan->bits.phys_mask_shift, (unsigned long long)d->pa_top,
		(unsigned long long)d->linear_top, (unsigned long long)d->memstart, linear);
	fprintf(f, "  avoiding %zu ranges:", d->nr);
	for (k = 0; k < MP_DEVMEM_KINDS; k++)
		fprintf(f, "%s %zu %s", k ? "," : "", d->counts[k], mp_devmem_kind_name(k));
	fprintf(f, " (%zu reg entries not memory-mapped: skipped)\n", d->untranslated);
	if (plan->kc.from_file && !plan->kc.zone_device)
		fprintf(f, "  warning: CONFIG_ZONE_DEVICE is not set in the .config\n");
	fprintf(f, "candidates, top-down:\n");
	for (i = 0; i < d->nr_cand; i++) {
		const struct mp_devmem_candidate *c = &d->cand[i];

		fprintf(f, "  [0x%016llx-0x%016llx] ", (unsigned long long)c->base,
			(unsigned long long)(c->end - 1));
		if (c->chosen) {
			fprintf(f, "chosen: free%s\n", c->base >= d->ram_top ? ", above all RAM" :
					 ", below the top of RAM (no room above it)");
			continue;
		}
		fprintf(f, "rejected: overlaps");
		for (k = 0; k < c->nr_obstacles; k++) {
			const struct mp_devmem_obstacle *o = &d->ob[c->obstacle[k]];

			fprintf(f, "%s %s %s [0x%llx-0x%llx]", k ? "," : "", mp_devmem_kind_name(o->kind),
				o->path, (unsigned long long)o->base,
				(unsigned long long)(o->base + (o->size - 1)));
		}
		if (c->more)
			fprintf(f, " and %zu more", c->more);
		fputc('\n', f);
	}
	/* what the kernel itself would hand a driver for this size */
	if (d->kernel_found)
		fprintf(f, "the kernel's pick (request_free_mem_region(), %s): 0x%016llx-0x%016llx%s\n",
			d->kernel_top == d->linear_top ?
				"6.12: down from PHYSMEM_END, the linear map's end" :
				"6.1: down from 2^MAX_PHYSMEM_BITS",
			(unsigned long long)d->kernel_base,
			(unsigned long long)(d->kernel_base + d->size - 1),
			d->found && d->kernel_base == d->cand[d->nr_cand - 1].base ?
				", the same range" :
			d->kernel_collides ?
				", not memplan's: memplan avoids a range the kernel cannot see "
				"(not in iomem when the driver asks; below)" :
			d->kernel_top > d->top ?
				", above memplan's: device-private memory need not lie in the "
				"linear map (mhp_range_allowed(.., false)), memplan keeps it there" :
				", not memplan's: the kernel steps from its top unrounded and "
				"avoids only what iomem holds when the driver asks");
	else
		fprintf(f, "the kernel's pick (request_free_mem_region()): none: -ERANGE\n");
	if (d->kernel_collides) {
		const struct mp_devmem_obstacle *o = &d->ob[d->kernel_collision];

		fprintf(f, "  COLLISION: the kernel's pick lies in %s %s [0x%016llx-0x%016llx]: "
			   "get_free_mem_region() sees only iomem, ", mp_devmem_kind_name(o->kind),
			o->path, (unsigned long long)o->base,
			(unsigned long long)(o->base + (o->size - 1)));
		if (o->kind == MP_DEVMEM_DEVICE)
			fprintf(f, "where a memory device's range appears when the device probes or "
				   "is plugged; whichever comes second fails (a virtio-mem device: "
				   "\"could not reserve device region\", -EBUSY)");
		else
			fprintf(f, "and the kernel did not add this memory (mem=, or beyond the "
				   "linear map's reach: arm64_memblock_init()), so it is no System "
				   "RAM there; adding it later (add_memory(), a DIMM) then fails");
		fprintf(f, "%s\n", d->found ? "; memplan's range avoids it" : "");
	}
	if (d->kernel_top_assumed)
		fprintf(f, "  with KASLR the kernel lowers memstart_addr, and so PHYSMEM_END and its "
			   "pick, by a random number of GiB: this assumes none (--phys-offset: "
			   "the booted kernel's PHYS_OFFSET)\n");
	if (d->found) {
		const struct mp_devmem_candidate *c = &d->cand[d->nr_cand - 1];

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
		CLI_OPT_ARG("size", 's'), CLI_OPT_ARG("format", 'f'),
		CLI_OPT_ARG("device-memory", 'D'),
		{ NULL, 0, NULL, 0 },
	};
	struct mp_range device[MAX_DEVICE_RANGES];
	size_t nr_device = 0;
	struct cli_getopt g;
	struct cli_plan_args a;
	struct cli_planned p;
	struct mp_devmem d;
	const char *format = "text", *output = NULL;
	uint64_t asked = 0;
	bool size_given = false;
	struct cli_out out;
	int c, r, status;

	memset(&a, 0, sizeof(a));
	memset(&d, 0, sizeof(d));
	cli_getopt_init(&g, &a, extra, ":o:h", prog);
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case CLI_GETOPT_BAD: return CLI_EXIT_USAGE;
		case 's':
			if (cli_parse_size(optarg, &asked) || !asked)
				return cli_usage_error(prog, "--size: invalid size '%s' (e.g. 4G)",
						       optarg);
			size_given = true;
			break;
		case 'f': format = optarg; break;
		case 'D':
			if (cli_parse_ranges(prog, "--device-memory", optarg, device,
					     MAX_DEVICE_RANGES, &nr_device))
				return CLI_EXIT_USAGE;
			break;
		case 'o': output = optarg; break;
		case 'h': printf(usage, cli_plan_options_help); return 0;
		default: return cli_getopt_error(prog, c, argv);
		}
	}
	if (cli_getopt_end(&g, argc, argv))
		return CLI_EXIT_USAGE;
	if (!size_given)
		return cli_usage_error(prog, "--size N is required");
	if (strcmp(format, "text") && strcmp(format, "json"))
		return cli_usage_error(prog, "--format: '%s' is not text or json", format);
	status = cli_plan_boot(&a, &p, prog);
	if (status)
		goto out;
	r = mp_devmem_place(p.plan, p.in.fdt, asked, device, nr_device, &p.arena, &d);
	if (r) {
		status = cli_error(prog, r == -MP_ERR_BADARG ? "--size: too large" : "out of memory");
		goto out;
	}
	status = cli_out_open(&out, prog, output);
	if (status)
		goto out;
	if (!strcmp(format, "json"))
		report_json(out.f, &d, p.plan);
	else
		report_text(out.f, &d, p.plan);
	status = cli_out_close(&out, prog, true);
	if (status)
		goto out;
	status = d.found && !d.kernel_collides ? 0 : CLI_EXIT_FINDINGS;
out:
	cli_planned_free(&p);
	return status;
}
