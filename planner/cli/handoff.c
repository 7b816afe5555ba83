// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * handoff.c - `memplan handoff xen-dom0|kexec`: write the DT the next stage
 * boots with, so that no reserved range reaches it as plain memory.
 *
 *  xen-dom0  Xen (xen/arch/arm/domain_build.c) gives dom0 a DT whose memory
 *            nodes hold only dom0's RAM.  Xen's historic construction appended
 *            the host's /reserved-memory regions to dom0's memory node as
 *            normal RAM and dropped /reserved-memory, so dom0's memblock handed
 *            firmware carve-outs to the page allocator, the crash kernel or CMA.
 *            Here every region stays a /reserved-memory node with all its
 *            properties; a dynamic region whose alloc-ranges miss dom0's RAM is
 *            pinned (static reg) at the host plan's address, since dom0 could
 *            not allocate it; /memreserve/ is kept.  A check over the written
 *            DT proves no reserved range is plain memory without its node.
 *  kexec     the kdump capture kernel's DT as kexec-tools 2.0.25 builds it
 *            (capture.c).  Its memory is only the crash region, so a dynamic
 *            region without alloc-ranges, or whose alloc-ranges meet the crash
 *            region, is allocated inside it (of_reserved_mem.c, §7.4; kdump-poc
 *            pitfall 5).  Those are flagged, or with --fix pinned at the first
 *            kernel's address (outside the capture kernel's memory: harmless).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "dtout.h"
#include "handoff.h"
#include "plan_getopt.h"
#include "util.h"

#define MAX_DOM0_RANGES 64
#define MAX_REGS 64

static const char usage_main[] =
	"Usage: memplan handoff TARGET [OPTION]...\n"
	"Write the device tree the next boot stage receives, keeping every reserved\n"
	"range reserved.  TARGET is one of:\n"
	"  xen-dom0   the DT Xen hands dom0 (see `memplan handoff xen-dom0 --help`)\n"
	"  kexec      the DT of a kdump capture kernel (see `memplan handoff kexec --help`)\n"
	"\n"
	"Exit status: 0 ok; 1 a reserved range would reach the next stage as plain\n"
	"memory (a finding); 2 bad input or usage.\n";

static const char usage_xen[] =
	"Usage: memplan handoff xen-dom0 (--dtb FILE | --dts FILE) --dom0-mem LIST -o FILE\n"
	"                                [OPTION]...\n"
	"Write the DT Xen gives dom0: memory nodes that hold only dom0's RAM, and every\n"
	"host /reserved-memory region kept as a /reserved-memory node with all its\n"
	"properties:\n"
	"  - static regions (reg) are kept as they are;\n"
	"  - dynamic regions (size, no reg) stay dynamic when their alloc-ranges (or,\n"
	"    without alloc-ranges, any memory) meet dom0's RAM -- dom0's kernel then\n"
	"    allocates them inside its RAM -- and are otherwise pinned as static reg\n"
	"    at the address the host plan gives them (reg wins over size in\n"
	"    of_reserved_mem.c, so the dynamic properties are kept for reference);\n"
	"  - /memreserve/ entries are kept.\n"
	"The written DT is then checked: every host reserved range that lies in dom0's\n"
	"memory must be covered by a /reserved-memory reg or /memreserve/ entry of the\n"
	"output, every host region must still have its node, and /reserved-memory must\n"
	"keep the root's cell sizes and `ranges` (or the kernel ignores all of it).\n"
	"Finally dom0's boot is planned from the written DT and summarised.\n"
	"\n"
	"Host DT (the plan options; the host plan gives dynamic regions' addresses):\n"
	"%s"
	"\n"
	"dom0:\n"
	"  --dom0-mem LIST       dom0's RAM: BASE:SIZE[,BASE:SIZE...] (required), each\n"
	"                        range inside the host's memory, e.g. 0x40000000:512M\n"
	"  --dom0-bootargs STR   set /chosen/bootargs of dom0's DT (Xen: xen,dom0-bootargs)\n"
	"  --legacy              write Xen's historic construction instead, for\n"
	"                        comparison: reserved regions appended to the memory node\n"
	"                        as RAM, /reserved-memory dropped (the check then fails)\n"
	"\n"
	"Output:\n"
	"  -o, --output FILE     where to write dom0's DT (required)\n"
	"  --format FMT          dtb (default) or dts (decompiled with dtc)\n"
	"  -h, --help            show this help\n"
	"\n"
	"Exit status: 0 the DT is safe; 1 the check found a reserved range handed over\n"
	"as plain memory (always with --legacy when a region meets dom0's RAM); 2 bad\n"
	"input or usage.\n"
	"\n"
	"Example:\n"
	"  memplan handoff xen-dom0 --dts host.dts --dom0-mem 0x40000000:1G -o dom0.dtb\n";

static const char usage_kexec[] =
	"Usage: memplan handoff kexec (--dtb FILE | --dts FILE) -o FILE [OPTION]...\n"
	"Write the DT a kdump capture kernel boots with, as kexec -p (kexec-tools\n"
	"2.0.25) builds it from the first kernel's: linux,usable-memory-range (the\n"
	"crash regions), linux,elfcorehdr and the capture command line in /chosen.\n"
	"The capture kernel's memory is only the crash region, so every dynamic\n"
	"/reserved-memory region without alloc-ranges, or whose alloc-ranges meet the\n"
	"crash region, is allocated inside it and eats the capture kernel's memory.\n"
	"Those regions are reported; with --fix they are rewritten to static reg at\n"
	"the first kernel's address (outside the capture kernel's memory, so the\n"
	"reservation is a harmless no-op and drivers still find their node).  The\n"
	"capture kernel is planned before and after to show what the crash region\n"
	"loses.\n"
	"\n"
	"First kernel (the plan options; crashkernel= must be reserved):\n"
	"%s"
	"\n"
	"Capture kernel:\n"
	"  --capture-cmdline STR the capture kernel's command line (kexec --append;\n"
	"                        default \"cma=0 nr_cpus=1 reset_devices\")\n"
	"  --capture-image-size N   the capture Image's size (default: the first's)\n"
	"  --capture-initrd-size N  size of the capture initrd (default: none)\n"
	"  --nr-cpus N           CPUs of the first kernel: one ELF note each (default 1)\n"
	"  --fix                 pin the offending regions (see above)\n"
	"\n"
	"Output:\n"
	"  -o, --output FILE     where to write the capture kernel's DT (required)\n"
	"  --format FMT          dtb (default) or dts (decompiled with dtc)\n"
	"  -h, --help            show this help\n"
	"\n"
	"Exit status: 0 nothing lands in the crash region (or --fix pinned it all);\n"
	"1 a region is allocated inside the crash region, or no crash kernel is\n"
	"reserved; 2 bad input or usage.\n"
	"\n"
	"Example:\n"
	"  memplan handoff kexec --dts board.dts --cmdline 'crashkernel=256M' --fix \\\n"
	"                        -o capture.dtb\n";

enum {
	OPT_DOM0_MEM = 400,
	OPT_DOM0_BOOTARGS,
	OPT_LEGACY,
	OPT_FORMAT,
	OPT_FIX,
	OPT_CAP_CMDLINE,
	OPT_CAP_IMAGE_SIZE,
	OPT_CAP_INITRD_SIZE,
	OPT_NR_CPUS,
};

static const struct option handoff_options[] = {
	{ "dom0-mem", required_argument, NULL, OPT_DOM0_MEM },
	{ "dom0-bootargs", required_argument, NULL, OPT_DOM0_BOOTARGS },
	{ "legacy", no_argument, NULL, OPT_LEGACY },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "fix", no_argument, NULL, OPT_FIX },
	{ "capture-cmdline", required_argument, NULL, OPT_CAP_CMDLINE },
	{ "capture-image-size", required_argument, NULL, OPT_CAP_IMAGE_SIZE },
	{ "capture-initrd-size", required_argument, NULL, OPT_CAP_INITRD_SIZE },
	{ "nr-cpus", required_argument, NULL, OPT_NR_CPUS },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct handoff_opts {
	struct cli_plan_args in;
	bool xen, legacy, fix, dts;
	const char *output, *bootargs, *cap_cmdline;
	const char *output_name;	/* for the report: "<stdout>" with -o - */
	struct mp_range dom0[MAX_DOM0_RANGES];
	size_t nr_dom0;
	mp_u64 cap_image_size, cap_initrd_size, nr_cpus;
};

static const char *prog = "memplan handoff";

#define usage_error(...) cli_usage_error(prog, __VA_ARGS__)

/* every error line has one form: "memplan handoff: ..." */
#define error(...) cli_error(prog, __VA_ARGS__)

static int cmp_range(const void *a, const void *b)
{
	const struct mp_range *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/* "BASE:SIZE[,BASE:SIZE...]" -> sorted, disjoint ranges */
static int parse_dom0_mem(const char *arg, struct handoff_opts *o)
{
	char *s = strdup(arg), *tok, *save = NULL;
	size_t i;

	if (!s)
		return usage_error("out of memory");
	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(tok, ':');
		uint64_t b, z;

		if (!colon || (*colon = 0, cli_parse_size(tok, &b)) || cli_parse_size(colon + 1, &z) ||
		    !z || b + z < b) {
			free(s);
			return usage_error("--dom0-mem: '%s' is not BASE:SIZE (e.g. 0x40000000:512M)",
					   arg);
		}
		if (o->nr_dom0 == MAX_DOM0_RANGES) {
			free(s);
			return usage_error("--dom0-mem: more than %d ranges", MAX_DOM0_RANGES);
		}
		o->dom0[o->nr_dom0++] = (struct mp_range){ b, z };
	}
	free(s);
	if (!o->nr_dom0)
		return usage_error("--dom0-mem: empty list");
	qsort(o->dom0, o->nr_dom0, sizeof(o->dom0[0]), cmp_range);
	for (i = 1; i < o->nr_dom0; i++)
		if (o->dom0[i].base < o->dom0[i - 1].base + o->dom0[i - 1].size)
			return usage_error("--dom0-mem: ranges 0x%llx and 0x%llx overlap",
					   (unsigned long long)o->dom0[i - 1].base,
					   (unsigned long long)o->dom0[i].base);
	return 0;
}

static int parse_options(int argc, char **argv, struct handoff_opts *o)
{
	const char *fmt = "dtb";
	struct cli_getopt g;
	int c;

	cli_getopt_init(&g, &o->in, handoff_options, ":o:h", prog);
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case CLI_GETOPT_BAD: return CLI_EXIT_USAGE;
		case OPT_DOM0_MEM:
			if (!o->xen)
				return usage_error("--dom0-mem is an option of xen-dom0");
			if (parse_dom0_mem(optarg, o))
				return CLI_EXIT_USAGE;
			break;
		case OPT_DOM0_BOOTARGS:
		case OPT_LEGACY:
			if (!o->xen)
				return usage_error("%s is an option of xen-dom0", argv[optind - 1]);
			if (c == OPT_LEGACY)
				o->legacy = true;
			else
				o->bootargs = optarg;
			break;
		case OPT_FIX:
		case OPT_CAP_CMDLINE:
		case OPT_CAP_IMAGE_SIZE:
		case OPT_CAP_INITRD_SIZE:
		case OPT_NR_CPUS:
			if (o->xen)
				return usage_error("%s is an option of kexec", argv[optind - 1]);
			if (c == OPT_FIX)
				o->fix = true;
			else if (c == OPT_CAP_CMDLINE)
				o->cap_cmdline = optarg;
			else if (c == OPT_CAP_IMAGE_SIZE &&
				 cli_number_arg(prog, "capture-image-size", optarg, &o->cap_image_size))
				return CLI_EXIT_USAGE;
			else if (c == OPT_CAP_INITRD_SIZE &&
				 cli_number_arg(prog, "capture-initrd-size", optarg, &o->cap_initrd_size))
				return CLI_EXIT_USAGE;
			else if (c == OPT_NR_CPUS) {
				if (cli_number_arg(prog, "nr-cpus", optarg, &o->nr_cpus))
					return CLI_EXIT_USAGE;
				if (!o->nr_cpus || o->nr_cpus > 4096)
					return usage_error("--nr-cpus: 1..4096");
			}
			break;
		case OPT_FORMAT: fmt = optarg; break;
		case 'o': o->output = optarg; break;
		case 'h':
			printf(o->xen ? usage_xen : usage_kexec, cli_plan_options_help);
			return -1;
		default: return cli_getopt_error(prog, c, argv);
		}
	}
	if (cli_getopt_end(&g, argc, argv))
		return CLI_EXIT_USAGE;
	if (strcmp(fmt, "dtb") && strcmp(fmt, "dts"))
		return usage_error("--format: '%s' is not dtb or dts", fmt);
	o->dts = !strcmp(fmt, "dts");
	if (!o->output)
		return usage_error("-o FILE is required (the DT is binary by default)");
	if (o->xen && !o->nr_dom0)
		return usage_error("--dom0-mem LIST is required");
	return 0;
}

/* ------------------------------------------------------------------ */
/* Shared: region facts.                                               */

static bool ranges_meet(const struct mp_range *a, size_t na, const struct mp_range *b, size_t nb)
{
	size_t i, k;

	for (i = 0; i < na; i++)
		for (k = 0; k < nb; k++)
			if (cli_overlaps(a[i].base, a[i].size, b[k].base, b[k].size))
				return true;
	return false;
}

/* dynamic region @r would be allocated in @mem: no alloc-ranges means anywhere */
static bool dynamic_lands_in(const struct mp_rmem *r, const struct mp_range *mem, size_t n)
{
	if (!r->nr_alloc_ranges)
		return true;
	return ranges_meet(r->alloc_ranges, r->nr_alloc_ranges, mem, n);
}

/* unit name for a region pinned at @base: "name@base" */
static void pinned_name(const char *name, mp_u64 base, char *out, size_t len)
{
	const char *at = strchr(name, '@');
	int n = at ? (int)(at - name) : (int)strlen(name);

	snprintf(out, len, "%.*s@%llx", n, name, (unsigned long long)base);
}

/* rewrite node @path of @fdt to static reg <base size> (root cells) */
static int pin_region(void *fdt, const char *path, mp_u64 base, mp_u64 size, int ac, int sc)
{
	struct mp_range r = { base, size };
	char name[256];
	int node = fdt_path_offset(fdt, path), ret;

	if (node < 0)
		return node;
	ret = cli_dt_set_ranges(fdt, node, "reg", &r, 1, ac, sc);
	if (ret)
		return ret;
	pinned_name(fdt_get_name(fdt, node, NULL), base, name, sizeof(name));
	return fdt_set_name(fdt, node, name);
}

static char *open_copy(const void *fdt, size_t extra)
{
	size_t size = fdt_totalsize(fdt) + extra;
	char *buf = calloc(1, size);

	if (buf && fdt_open_into(fdt, buf, (int)size)) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void print_range(const char *label, mp_u64 base, mp_u64 size)
{
	char h[CLI_HUMAN_LEN];

	printf("%s[0x%016llx-0x%016llx] %s", label, (unsigned long long)base,
	       (unsigned long long)(base + size - 1), cli_human_size(size, h, sizeof(h)));
}

/* plan @dtb with the inputs of @base; returns 0 or an exit status */
static int replan(const struct cli_planned *base, const char *dtb, struct cli_planned *out,
		  const char *name)
{
	size_t len = fdt_totalsize(dtb);

	memset(out, 0, sizeof(*out));
	out->in = base->in;
	out->dtb = malloc(len);
	if (!out->dtb)
		return CLI_EXIT_USAGE;
	memcpy(out->dtb, dtb, len);
	out->dtb_len = len;
	out->in.fdt = out->dtb;
	out->in.fdt_len = len;
	out->dt_name = name;
	return cli_plan_run(out, prog);
}

/* ------------------------------------------------------------------ */
/* xen-dom0                                                            */

struct check {
	unsigned violations;
};

__attribute__((format(printf, 2, 3))) static void violation(struct check *c, const char *fmt, ...)
{
	va_list ap;

	c->violations++;
	printf("  VIOLATION: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* ranges of the output that stay reserved in dom0: static reg of /reserved-memory, /memreserve/ */
static size_t out_reserved(const void *fdt, struct mp_range *out, size_t cap, bool *rm_ok)
{
	int rac, rsc, ac, sc, rm, child, i, n;
	size_t k = 0;
	struct mp_range regs[MAX_REGS];

	cli_dt_cells(fdt, 0, &rac, &rsc);
	n = fdt_num_mem_rsv(fdt);
	for (i = 0; i < n && k < cap; i++) {
		uint64_t a, s;

		if (fdt_get_mem_rsv(fdt, i, &a, &s) || !s)
			break;
		out[k++] = (struct mp_range){ a, s };
	}
	rm = fdt_path_offset(fdt, "/reserved-memory");
	*rm_ok = false;
	if (rm < 0)
		return k;
	cli_dt_cells(fdt, rm, &ac, &sc);
	/* §7.2: the kernel ignores /reserved-memory unless the cells match and ranges exists */
	*rm_ok = ac == rac && sc == rsc && fdt_getprop(fdt, rm, "ranges", NULL);
	if (!*rm_ok)
		return k;
	fdt_for_each_subnode(child, fdt, rm) {
		const char *st = fdt_getprop(fdt, child, "status", NULL);
		int m, j;

		if (st && strcmp(st, "okay") && strcmp(st, "ok"))
			continue;
		m = cli_dt_ranges(fdt, child, "reg", rac, rsc, regs, MAX_REGS);
		for (j = 0; j < m && j < MAX_REGS && k < cap; j++)
			if (regs[j].size)
				out[k++] = regs[j];
	}
	return k;
}

/* is [base, base+size) ∩ mem fully covered by @res? (byte-exact sweep) */
static bool covered(mp_u64 base, mp_u64 size, const struct mp_range *mem, size_t nm,
		    const struct mp_range *res, size_t nr)
{
	size_t i, k;

	for (i = 0; i < nm; i++) {
		mp_u64 lo, hi, pos;

		if (!cli_overlaps(base, size, mem[i].base, mem[i].size))
			continue;
		lo = base > mem[i].base ? base : mem[i].base;
		hi = base + size < mem[i].base + mem[i].size ? base + size : mem[i].base + mem[i].size;
		pos = lo;
		while (pos < hi) {
			mp_u64 best = pos;

			for (k = 0; k < nr; k++)
				if (res[k].base <= pos && res[k].base + res[k].size > best)
					best = res[k].base + res[k].size;
			if (best == pos)
				return false;
			pos = best;
		}
	}
	return true;
}

static size_t out_memory(const void *fdt, struct mp_range *out, size_t cap)
{
	int node, ac, sc, n, j;
	size_t k = 0;
	struct mp_range regs[MAX_REGS];

	cli_dt_cells(fdt, 0, &ac, &sc);
	fdt_for_each_subnode(node, fdt, 0) {
		const char *t = fdt_getprop(fdt, node, "device_type", NULL);

		if (!t || strcmp(t, "memory"))
			continue;
		n = cli_dt_ranges(fdt, node, "reg", ac, sc, regs, MAX_REGS);
		for (j = 0; j < n && j < MAX_REGS && k < cap; j++)
			if (regs[j].size)
				out[k++] = regs[j];
	}
	return k;
}

/*
 * The hand-off check, over the written DT only: every host reserved range in
 * dom0's memory is covered by a reservation of the output, every host region
 * keeps its node, /memreserve/ survives.
 */
static unsigned check_dom0(const struct mp_plan *host, const void *host_fdt, const void *fdt)
{
	static struct mp_range mem[256], res[1024];
	size_t nm = out_memory(fdt, mem, 256), nr, i, k;
	struct check c = { 0 };
	bool rm_ok;

	nr = out_reserved(fdt, res, 1024, &rm_ok);
	if (fdt_path_offset(host_fdt, "/reserved-memory") >= 0 && !rm_ok)
		violation(&c, "/reserved-memory is missing or unusable (cells/ranges): the kernel "
			      "would ignore every region under it");
	for (i = 0; i < host->nr_rmem; i++) {
		const struct mp_rmem *r = &host->rmem[i];
		int node;

		if (r->kind == MP_RMEM_MEMRESERVE) {
			if (!covered(r->base, r->size, mem, nm, res, nr))
				violation(&c, "%s [0x%llx+0x%llx] is dom0 memory but not reserved",
					  r->path, (unsigned long long)r->base,
					  (unsigned long long)r->size);
			continue;
		}
		node = fdt_path_offset(fdt, r->path);
		if (node < 0 && r->kind == MP_RMEM_DYNAMIC && r->status == MP_RMEM_RESERVED) {
			char path[512];

			snprintf(path, sizeof(path), "/reserved-memory/");
			pinned_name(r->name, r->base, path + strlen(path),
				    sizeof(path) - strlen(path));
			node = fdt_path_offset(fdt, path);
		}
		if (node < 0)
			violation(&c, "%s has no /reserved-memory node in dom0's DT", r->path);
		if (node < 0 && r->kind == MP_RMEM_DYNAMIC) {
			if (r->status == MP_RMEM_RESERVED && !covered(r->base, r->size, mem, nm, res, nr))
				violation(&c, "%s (host address 0x%llx+0x%llx) is handed over as plain "
					      "memory", r->path, (unsigned long long)r->base,
					  (unsigned long long)r->size);
		} else if (r->kind == MP_RMEM_STATIC) {
			for (k = 0; k < (r->nr_regs ? r->nr_regs : 1); k++) {
				mp_u64 b = r->nr_regs ? r->regs[k].base : r->base;
				mp_u64 s = r->nr_regs ? r->regs[k].size : r->size;

				if (!covered(b, s, mem, nm, res, nr))
					violation(&c, "%s [0x%llx+0x%llx] is handed over as plain "
						      "memory", r->path, (unsigned long long)b,
						  (unsigned long long)s);
			}
		} else if (!fdt_getprop(fdt, node, "reg", NULL) && !dynamic_lands_in(r, mem, nm)) {
			violation(&c, "%s stays dynamic but its alloc-ranges miss dom0's memory: "
				      "dom0 cannot allocate it", r->path);
		}
	}
	return c.violations;
}

/* collect host reserved ranges (static regs, dynamic placements) for --legacy */
static size_t host_reserved(const struct mp_plan *host, struct mp_range *out, size_t cap)
{
	size_t i, k, n = 0;

	for (i = 0; i < host->nr_rmem && n < cap; i++) {
		const struct mp_rmem *r = &host->rmem[i];

		if (r->kind == MP_RMEM_MEMRESERVE)
			continue;
		if (r->kind == MP_RMEM_STATIC && r->nr_regs) {
			for (k = 0; k < r->nr_regs && n < cap; k++)
				if (r->regs[k].size)
					out[n++] = r->regs[k];
		} else if (r->size && r->status != MP_RMEM_FAILED && r->status != MP_RMEM_DROPPED) {
			out[n++] = (struct mp_range){ r->base, r->size };
		}
	}
	return n;
}

static int build_dom0(const struct handoff_opts *o, const struct cli_planned *host, char **outp)
{
	const struct mp_plan *hp = host->plan;
	static struct mp_range mem[MAX_DOM0_RANGES + 256];
	size_t nmem = 0, i;
	char name[64];
	char *fdt;
	int ac, sc, node, ret;

	fdt = open_copy(host->in.fdt, 16384 + hp->nr_rmem * 64 + (o->bootargs ? strlen(o->bootargs) : 0));
	if (!fdt) {
		error("%s: cannot open the DT for editing", host->dt_name);
		return CLI_EXIT_USAGE;
	}
	cli_dt_cells(fdt, 0, &ac, &sc);
	/* drop every memory node: dom0 sees only its own RAM */
	for (;;) {
		bool found = false;

		fdt_for_each_subnode(node, fdt, 0) {
			const char *t = fdt_getprop(fdt, node, "device_type", NULL);

			if (t && !strcmp(t, "memory")) {
				found = true;
				break;
			}
		}
		if (!found)
			break;
		fdt_del_node(fdt, node);
	}
	for (i = 0; i < o->nr_dom0; i++)
		mem[nmem++] = o->dom0[i];
	if (o->legacy) {
		/* Xen's historic bug: reserved regions become banks of the memory node */
		nmem += host_reserved(hp, mem + nmem, 256);
		qsort(mem, nmem, sizeof(mem[0]), cmp_range);
		node = fdt_path_offset(fdt, "/reserved-memory");
		if (node >= 0)
			fdt_del_node(fdt, node);
	} else {
		for (i = 0; i < hp->nr_rmem; i++) {
			const struct mp_rmem *r = &hp->rmem[i];

			if (r->kind != MP_RMEM_DYNAMIC || dynamic_lands_in(r, o->dom0, o->nr_dom0))
				continue;
			if (r->status != MP_RMEM_RESERVED) {
				printf("  note: %s: alloc-ranges miss dom0's RAM and the host plan "
				       "gives it no address (%s): left dynamic, dom0 will fail to "
				       "allocate it\n", r->path, mp_rmem_status_name(r->status));
				continue;
			}
			ret = pin_region(fdt, r->path, r->base, r->size, ac, sc);
			if (ret) {
				error("%s: cannot pin %s: %s", host->dt_name, r->path,
				      fdt_strerror(ret));
				free(fdt);
				return CLI_EXIT_USAGE;
			}
			print_range("  pinned ", r->base, r->size);
			printf(" %s: alloc-ranges miss dom0's RAM, static reg at the host "
			       "plan's address\n", r->path);
		}
	}
	snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)mem[0].base);
	node = fdt_add_subnode(fdt, 0, name);
	ret = node < 0 ? node : fdt_setprop_string(fdt, node, "device_type", "memory");
	if (!ret)
		ret = cli_dt_set_ranges(fdt, node, "reg", mem, nmem, ac, sc);
	if (!ret && o->bootargs) {
		node = fdt_path_offset(fdt, "/chosen");
		if (node == -FDT_ERR_NOTFOUND)
			node = fdt_add_subnode(fdt, 0, "chosen");
		ret = node < 0 ? node : fdt_setprop_string(fdt, node, "bootargs", o->bootargs);
	}
	if (!ret)
		ret = fdt_pack(fdt);
	if (ret) {
		error("%s: cannot build dom0's DT: %s", host->dt_name, fdt_strerror(ret));
		free(fdt);
		return CLI_EXIT_USAGE;
	}
	*outp = fdt;
	return 0;
}

static void summarize_dom0(const struct cli_planned *host, const struct mp_plan *d)
{
	const struct mp_plan *hp = host->plan;
	size_t i, k;

	printf("dom0's boot planned from the written DT (%s):\n", mp_profile_name(d->profile));
	for (i = 0; i < d->nr_rmem; i++) {
		const struct mp_rmem *r = &d->rmem[i];

		print_range("  ", r->base, r->size);
		printf(" %s: %s\n", r->path, mp_rmem_status_name(r->status));
	}
	if (!d->nr_rmem)
		printf("  no reserved regions\n");
	if (d->crash.status == MP_CRASH_RESERVED) {
		struct mp_range cr[2];
		size_t nc = 0;

		if (d->crash.low_present)
			cr[nc++] = (struct mp_range){ d->crash.low_base, d->crash.low_size };
		if (d->crash.high_present)
			cr[nc++] = (struct mp_range){ d->crash.high_base, d->crash.high_size };
		for (k = 0; k < nc; k++) {
			print_range("  crash kernel ", cr[k].base, cr[k].size);
			putchar('\n');
		}
		for (i = 0; i < hp->nr_rmem; i++) {
			const struct mp_rmem *r = &hp->rmem[i];

			for (k = 0; k < nc; k++)
				if (r->size && cli_overlaps(cr[k].base, cr[k].size, r->base, r->size))
					printf("  CONFLICT: the crash kernel lands on host region %s\n",
					       r->path);
		}
	}
	if (d->cma.present && !d->cma.failed) {
		print_range("  CMA ", d->cma.base, d->cma.size);
		putchar('\n');
		for (i = 0; i < hp->nr_rmem; i++) {
			const struct mp_rmem *r = &hp->rmem[i];

			if (r->size && !r->cma_default &&
			    cli_overlaps(d->cma.base, d->cma.size, r->base, r->size))
				printf("  CONFLICT: the CMA area lands on host region %s\n", r->path);
		}
	}
}

static int cmd_xen(struct handoff_opts *o)
{
	struct cli_planned host, dom0;
	char *fdt = NULL;
	size_t i, b;
	unsigned v;
	int status;

	status = cli_plan_load(&o->in, &host, prog);
	if (!status)
		status = cli_plan_run(&host, prog);
	if (status) {
		cli_planned_free(&host);
		return status;
	}
	/* Xen gives dom0 host RAM: every range must be inside host memory (banks merged) */
	for (i = 0; i < o->nr_dom0; i++) {
		mp_u64 pos = o->dom0[i].base, end = pos + o->dom0[i].size;
		bool moved = true;

		while (pos < end && moved) {
			moved = false;
			for (b = 0; b < host.plan->nr_banks; b++) {
				const struct mp_bank *k = &host.plan->banks[b];

				if (k->base <= pos && k->base + k->size > pos) {
					pos = k->base + k->size;
					moved = true;
				}
			}
		}
		if (pos < end) {
			error("--dom0-mem: 0x%llx+0x%llx is not inside the memory of %s",
			      (unsigned long long)o->dom0[i].base,
			      (unsigned long long)o->dom0[i].size, host.dt_name);
			cli_planned_free(&host);
			return CLI_EXIT_USAGE;
		}
	}
	printf("memplan handoff xen-dom0: %s -> %s (%s construction)\n", host.dt_name, o->output_name,
	       o->legacy ? "legacy Xen" : "memplan");
	for (i = 0; i < o->nr_dom0; i++) {
		print_range("  dom0 RAM ", o->dom0[i].base, o->dom0[i].size);
		putchar('\n');
	}
	status = build_dom0(o, &host, &fdt);
	if (status) {
		cli_planned_free(&host);
		return status;
	}
	printf("check of the written DT:\n");
	v = check_dom0(host.plan, host.in.fdt, fdt);
	if (!v)
		printf("  ok: every host reserved range in dom0's memory stays reserved, every "
		       "region keeps its node\n");
	if (cli_dt_write(prog, fdt, o->output, o->dts)) {
		free(fdt);
		cli_planned_free(&host);
		return CLI_EXIT_USAGE;
	}
	if (o->bootargs)
		host.in.cmdline = NULL;
	status = replan(&host, fdt, &dom0, o->output_name);
	if (!status)
		summarize_dom0(&host, dom0.plan);
	cli_planned_free(&dom0);
	free(fdt);
	cli_planned_free(&host);
	if (status)
		return status;
	return v ? CLI_EXIT_FINDINGS : 0;
}

/* ------------------------------------------------------------------ */
/* kexec                                                               */

/* bytes of the capture plan's reserved-memory allocations inside @crash */
static mp_u64 crash_eaten(const struct mp_plan *p, const struct mp_range *crash, size_t nc,
			  bool print)
{
	mp_u64 total = 0;
	size_t i;

	for (i = 0; i < p->nr_rmem; i++) {
		const struct mp_rmem *r = &p->rmem[i];

		if (r->kind != MP_RMEM_DYNAMIC || !r->size ||
		    (r->status != MP_RMEM_RESERVED && r->status != MP_RMEM_FREED) ||
		    !ranges_meet(&(struct mp_range){ r->base, r->size }, 1, crash, nc))
			continue;
		if (r->status == MP_RMEM_FREED) {
			if (print) {
				print_range("    ", r->base, r->size);
				printf(" %s allocated inside the crash region, then freed (%s)\n",
				       r->path, r->reason ? r->reason : "its driver rejected it");
			}
			continue;
		}
		total += r->size;
		if (print) {
			print_range("    ", r->base, r->size);
			printf(" %s allocated inside the crash region\n", r->path);
		}
	}
	return total;
}

static int plan_capture(const struct cli_planned *first, const struct handoff_opts *o,
			const struct cli_capture *cap, const char *dtb, struct cli_planned *out)
{
	struct cli_planned base = *first;

	base.in.cmdline = NULL;
	base.in.image.text = cap->image_base;
	base.in.image.size = o->cap_image_size ? o->cap_image_size : first->plan->image.size;
	base.in.image_given = true;
	base.in.fdt_base = cap->fdt_base;
	base.in.fdt_base_given = true;
	return replan(&base, dtb, out, o->output_name);
}

static int cmd_kexec(struct handoff_opts *o)
{
	struct cli_planned first, before, after;
	struct cli_capture_opts co;
	struct cli_capture cap;
	struct mp_range crash[2];
	char err[512], h1[CLI_HUMAN_LEN], h2[CLI_HUMAN_LEN];
	const struct mp_plan *fp;
	size_t nc = 0, i, flagged = 0;
	mp_u64 crash_total = 0, eaten;
	char *fixed = NULL;
	int status, ac, sc, ret;

	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	status = cli_plan_load(&o->in, &first, prog);
	if (!status)
		status = cli_plan_run(&first, prog);
	if (status) {
		cli_planned_free(&first);
		return status;
	}
	fp = first.plan;
	co = (struct cli_capture_opts){
		.cmdline = o->cap_cmdline ? o->cap_cmdline : "cma=0 nr_cpus=1 reset_devices",
		.image_size = o->cap_image_size ? o->cap_image_size : fp->image.size,
		.initrd_size = o->cap_initrd_size,
		.nr_cpus = o->nr_cpus ? (unsigned)o->nr_cpus : 1,
	};
	if (cli_capture_dtb(fp, first.in.fdt, &co, &cap, err, sizeof(err))) {
		error("%s: %s", first.dt_name, err);
		cli_planned_free(&first);
		return CLI_EXIT_FINDINGS;
	}
	if (fp->crash.low_present)
		crash[nc++] = (struct mp_range){ fp->crash.low_base, fp->crash.low_size };
	if (fp->crash.high_present)
		crash[nc++] = (struct mp_range){ fp->crash.high_base, fp->crash.high_size };
	printf("memplan handoff kexec: %s -> %s\n", first.dt_name, o->output_name);
	for (i = 0; i < nc; i++) {
		print_range("  crash region ", crash[i].base, crash[i].size);
		putchar('\n');
		crash_total += crash[i].size;
	}
	printf("  capture kernel: Image at 0x%016llx, DTB at 0x%016llx, elfcorehdr at "
	       "0x%016llx\n  capture command line: %s\n", (unsigned long long)cap.image_base,
	       (unsigned long long)cap.fdt_base, (unsigned long long)cap.elfcorehdr, co.cmdline);
	if (!strstr(co.cmdline, "cma=") && fp->kc.cma)
		printf("  warning: the capture command line has no cma=: the default CMA area is "
		       "carved out of the crash region (add cma=0)\n");

	fixed = open_copy(cap.dtb, 4096 + fp->nr_rmem * 64);
	if (!fixed) {
		error("cannot edit the capture DT");
		status = CLI_EXIT_USAGE;
		goto out;
	}
	cli_dt_cells(fixed, 0, &ac, &sc);
	printf("dynamic /reserved-memory regions in the capture kernel:\n");
	for (i = 0; i < fp->nr_rmem; i++) {
		const struct mp_rmem *r = &fp->rmem[i];

		if (r->kind != MP_RMEM_DYNAMIC || !dynamic_lands_in(r, crash, nc))
			continue;
		flagged++;
		printf("  %s %s: %s, so the capture kernel allocates it inside the crash region",
		       o->fix ? "fixed" : "FLAGGED", r->path,
		       r->nr_alloc_ranges ? "its alloc-ranges meet the crash region" :
					    "it has no alloc-ranges");
		if (!o->fix) {
			putchar('\n');
			continue;
		}
		if (r->status != MP_RMEM_RESERVED) {
			printf(" -- not pinned: the first kernel gives it no address (%s)\n",
			       mp_rmem_status_name(r->status));
			flagged--;
			continue;
		}
		ret = pin_region(fixed, r->path, r->base, r->size, ac, sc);
		if (ret) {
			error("cannot pin %s: %s", r->path, fdt_strerror(ret));
			status = CLI_EXIT_USAGE;
			goto out;
		}
		print_range(";\n        pinned to static reg ", r->base, r->size);
		printf(" (the first kernel's address)\n");
	}
	if (!flagged)
		printf("  none is allocated inside the crash region\n");
	ret = fdt_pack(fixed);
	if (ret) {
		error("cannot edit the capture DT: %s", fdt_strerror(ret));
		status = CLI_EXIT_USAGE;
		goto out;
	}
	status = plan_capture(&first, o, &cap, cap.dtb, &before);
	if (status)
		goto out;
	printf("capture kernel planned from the DT as kexec builds it:\n");
	eaten = crash_eaten(before.plan, crash, nc, true);
	printf("  %s of the %s crash region taken by reserved-memory\n",
	       cli_human_size(eaten, h1, sizeof(h1)), cli_human_size(crash_total, h2, sizeof(h2)));
	if (o->fix) {
		status = plan_capture(&first, o, &cap, fixed, &after);
		if (status)
			goto out;
		printf("capture kernel planned from the written (fixed) DT:\n");
		eaten = crash_eaten(after.plan, crash, nc, true);
		printf("  %s of the %s crash region taken by reserved-memory\n",
		       cli_human_size(eaten, h1, sizeof(h1)),
		       cli_human_size(crash_total, h2, sizeof(h2)));
	}
	if (cli_dt_write(prog, o->fix ? fixed : cap.dtb, o->output, o->dts)) {
		status = CLI_EXIT_USAGE;
		goto out;
	}
	printf("re-plan: memplan plan --dtb %s --image-base 0x%llx --image-size 0x%llx "
	       "--fdt-base 0x%llx\n", o->dts ? "<the DTB>" : o->output_name,
	       (unsigned long long)cap.image_base, (unsigned long long)co.image_size,
	       (unsigned long long)cap.fdt_base);
	status = (o->fix ? eaten : flagged) ? CLI_EXIT_FINDINGS : 0;
out:
	free(fixed);
	free(cap.dtb);
	cli_planned_free(&before);
	cli_planned_free(&after);
	cli_planned_free(&first);
	return status;
}

int cli_cmd_handoff(int argc, char **argv)
{
	struct handoff_opts o;
	int ret;

	memset(&o, 0, sizeof(o));
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage_main, argc < 2 ? stderr : stdout);
		return argc < 2 ? CLI_EXIT_USAGE : 0;
	}
	if (!strcmp(argv[1], "xen-dom0")) {
		prog = "memplan handoff xen-dom0";
		o.xen = true;
	} else if (!strcmp(argv[1], "kexec")) {
		prog = "memplan handoff kexec";
	} else {
		return usage_error("unknown target '%s' (xen-dom0, kexec)", argv[1]);
	}
	ret = parse_options(argc - 1, argv + 1, &o);
	if (ret)
		return ret < 0 ? 0 : ret;
	o.output_name = o.output;
	if (!strcmp(o.output, "-")) {
		/*
		 * -o -: the DT goes to standard output, as dtc -o - writes it, so the
		 * report moves to standard error; dtc (for --format dts) inherits
		 * the descriptor as /dev/fd/N.
		 */
		static char path[32];
		int fd;

		fflush(stdout);
		fd = dup(STDOUT_FILENO);
		if (fd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
			return error("-o -: %s", strerror(errno));
		snprintf(path, sizeof(path), "/dev/fd/%d", fd);
		o.output = path;
		o.output_name = "<stdout>";
	}
	return o.xen ? cmd_xen(&o) : cmd_kexec(&o);
}
