// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * estimate.c - `memplan estimate`: recommend a crashkernel= size for one board
 * and kernel, then plan the boot with it to prove it fits.
 *
 * The rules are the core's (planner/core/estimate.c): kdump-utils' size
 * (mp_crash_recommend()), the forms the kernel accepts (mp_crash_param(): 6.1
 * has no default ,low), what fits below the DMA limit (mp_crash_fits_low())
 * and the smaller sizes (mp_crash_smaller()).  Here: options, the trial plans
 * with each crashkernel=, and the derivation as text or JSON.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estimate.h"
#include "plan_getopt.h"
#include "util.h"
#include "output.h"
#include "writers.h"

#define MIB (1ull << 20)

static const char usage[] =
	"Usage: memplan estimate (--dtb FILE | --dts FILE) [OPTION]...\n"
	"Recommend a crashkernel= size for this board and kernel, plan the boot with\n"
	"it and print the exact crashkernel= to use.\n"
	"\n"
	"The size is Fedora/RHEL kdump-utils' aarch64 recommendation\n"
	"(kdump_get_arch_recommend_crashkernel):\n"
	"  RAM < 2 GiB: not recommended (0); 2-4 GiB: 256M; 4-64 GiB: 320M; >= 64 GiB: 576M\n"
	"  64K pages: +100M, and +384M more when the DT has an Arm SMMU (an arm,smmu-v3\n"
	"  or arm,mmu-500/arm,smmu-v2 node, or any `iommus` property): its command and\n"
	"  event queues grow with the page size; with 4K pages kdump-utils counts them\n"
	"  as negligible (+0).  16K pages: kdump-utils has no table; memplan assumes the\n"
	"  4K numbers and says so.  RAM is memblock's total (every memory bank, as the\n"
	"  kernel sizes crashkernel= ranges), or --ram.\n"
	"Then the DT is planned with crashkernel=SIZE (replacing any crashkernel= of\n"
	"the command line).  It must be reserved below the DMA limit\n"
	"(CRASH_ADDR_LOW_MAX).  If it is not, memplan proposes and re-plans:\n"
	"  - linux-6.12, mainline, memplan-6.12 (6.2+): crashkernel=SIZE,high (the kernel\n"
	"    adds a 128M ,low region below the DMA limit by default);\n"
	"  - linux-6.1: crashkernel=SIZE,high crashkernel=128M,low (6.1 reserves no\n"
	"    default low region: without ,low the capture kernel has no DMA-able memory);\n"
	"  - otherwise the largest multiple of 32M (>= 128M) that fits below the DMA limit.\n"
	"\n"
	"Input (the plan options; --kconfig gives the page size):\n"
	"%s"
	"\n"
	"  --ram N               memory size to size for (default: the DT's memory)\n"
	"  --format FMT          text (default): the derivation, the parameter last;\n"
	"                        json: the \"memplan-estimate/1\" schema for scripts\n"
	"  -o, --output FILE     write to FILE instead of standard output (\"-\")\n"
	"  -h, --help            show this help\n"
	"\n"
	"The last line of the text is the parameter, e.g. `crashkernel=320M`, or\n"
	"`crashkernel: not recommended` below 2 GiB of RAM.\n"
	"\n"
	"Exit status: 0 a crashkernel= that fits was found (or none is recommended);\n"
	"1 nothing fits; 2 bad input or usage.\n"
	"\n"
	"Example:\n"
	"  memplan estimate --dts board.dts --kconfig /boot/config-$(uname -r)\n";

static const char *prog = "memplan estimate";

#define MAX_TRIALS 16	/* the first try, ,high and the smaller sizes that fail */

/* one crashkernel= planned: what the kernel would reserve */
struct trial_result {
	char param[128];
	const char *reason;	/* not reserved: why (points into the plan) */
	bool reserved, fits_low;
	bool high, low;
	mp_u64 high_base, high_size, low_base, low_size, dma_limit;
};

/*
 * The whole answer, for the JSON writer; the text is printed as it is found
 * (into @txt, NULL with --format json) so that it reads as a derivation.
 */
struct estimate {
	FILE *txt;
	const char *input, *kernel;
	unsigned page_kib;
	bool kconfig_from_file, ram_given;
	struct mp_crash_estimate rec;
	struct trial_result trials[MAX_TRIALS];
	size_t nr_trials;
	const char *verdict;
	char param[128];	/* the answer; empty: none */
};

/* text output only: the JSON writer prints the structure instead */
__attribute__((format(printf, 2, 3))) static void say(struct estimate *e, const char *fmt, ...)
{
	va_list ap;

	if (!e->txt)
		return;
	va_start(ap, fmt);
	vfprintf(e->txt, fmt, ap);
	va_end(ap);
}

struct trial {
	struct cli_planned p;
	char param[128];
	char *cmdline; /* the plan may point into it */
};

/* @cmdline without its crashkernel= tokens, then @param */
static char *with_crashkernel(const char *cmdline, const char *param)
{
	size_t n = (cmdline ? strlen(cmdline) : 0) + strlen(param) + 2, k = 0;
	char *out = malloc(n);
	const char *s = cmdline ? cmdline : "";

	if (!out)
		return NULL;
	while (*s) {
		size_t len;

		while (*s == ' ')
			s++;
		len = strcspn(s, " ");
		if (len && strncmp(s, "crashkernel=", 12)) {
			memcpy(out + k, s, len);
			k += len;
			out[k++] = ' ';
		}
		s += len;
	}
	memcpy(out + k, param, strlen(param) + 1);
	return out;
}

static int try_plan(const struct cli_planned *base, const char *cmdline, const char *param,
		    struct trial *t)
{
	char *cl = with_crashkernel(cmdline, param);

	memset(t, 0, sizeof(*t));
	snprintf(t->param, sizeof(t->param), "%s", param);
	if (!cl)
		return CLI_EXIT_USAGE;
	t->p.in = base->in;
	t->p.dt_name = base->dt_name;
	t->p.dtb = malloc(base->dtb_len);
	if (!t->p.dtb) {
		free(cl);
		return CLI_EXIT_USAGE;
	}
	memcpy(t->p.dtb, base->dtb, base->dtb_len);
	t->p.dtb_len = base->dtb_len;
	t->p.in.fdt = t->p.dtb;
	t->p.in.cmdline = cl;
	t->cmdline = cl;
	return cli_plan_run(&t->p, prog);
}

/* try_plan(), then say what the kernel reserved */
static void trial_free(struct trial *t)
{
	cli_planned_free(&t->p);
	free(t->cmdline);
	t->cmdline = NULL;
}

/* record @t's outcome in @e and say it */
static void describe(struct estimate *e, const struct trial *t)
{
	const struct mp_crash *c = &t->p.plan->crash;
	struct trial_result *r = &e->trials[e->nr_trials < MAX_TRIALS ? e->nr_trials++ :
							      MAX_TRIALS - 1];

	memset(r, 0, sizeof(*r));
	snprintf(r->param, sizeof(r->param), "%s", t->param);
	r->reserved = c->status == MP_CRASH_RESERVED;
	r->reason = c->reason;
	r->fits_low = mp_crash_fits_low(c);
	r->high = r->reserved && c->high_present;
	r->low = r->reserved && c->low_present;
	r->high_base = c->high_base;
	r->high_size = c->high_size;
	r->low_base = c->low_base;
	r->low_size = c->low_size;
	r->dma_limit = c->low_max;
	say(e, "  plan with %s (%s): ", t->param, mp_profile_name(t->p.plan->profile));
	if (!r->reserved) {
		say(e, "NOT reserved%s%s\n", c->reason ? ": " : "", c->reason ? c->reason : "");
		return;
	}
	if (r->high)
		say(e, "high [0x%016llx-0x%016llx]", (unsigned long long)c->high_base,
		    (unsigned long long)(c->high_base + c->high_size - 1));
	if (r->high && r->low)
		say(e, " + ");
	if (r->low)
		say(e, "low [0x%016llx-0x%016llx]", (unsigned long long)c->low_base,
		    (unsigned long long)(c->low_base + c->low_size - 1));
	say(e, " (DMA limit 0x%016llx)\n", (unsigned long long)c->low_max);
}

static int try_describe(struct estimate *e, const struct cli_planned *base, const char *cmdline,
			const char *param, struct trial *t)
{
	int status = try_plan(base, cmdline, param, t);

	if (!status)
		describe(e, t);
	return status;
}

/* the answer: its last text line is the parameter (or "crashkernel: not ...") */
static void conclude(struct estimate *e, const char *verdict, const char *param)
{
	e->verdict = verdict;
	snprintf(e->param, sizeof(e->param), "%s", param ? param : "");
}

/* the size: kdump-utils' table and additions; 0 with a verdict when none is possible */
static mp_u64 recommend(struct estimate *e, const struct cli_planned *p, mp_u64 ram)
{
	const struct mp_crash_estimate *rec = &e->rec;
	char h[CLI_HUMAN_LEN];
	size_t i;

	mp_crash_recommend(p->in.fdt, p->plan->kc.page_shift, ram, &e->rec);
	say(e, "kernel %s, %u KiB pages%s; RAM %s%s\n", e->kernel, e->page_kib,
	    e->kconfig_from_file ? "" : " (profile default: give --kconfig)",
	    cli_human_size(rec->ram, h, sizeof(h)), e->ram_given ? " (--ram)" : " (memory banks)");
	say(e, "kdump-utils aarch64 table 2G-4G:256M,4G-64G:320M,64G-:576M: ");
	if (!rec->table) {
		say(e, "RAM below 2 GiB\ncrashkernel: not recommended\n");
		conclude(e, "not-recommended", NULL);
		return 0;
	}
	say(e, "%llu MiB\n", (unsigned long long)(rec->table / MIB));
	if (rec->assume_16k)
		say(e, "  assumption: 16K pages use the 4K numbers (kdump-utils has no 16K "
		       "variant)\n");
	for (i = 0; i < rec->nr_add; i++) {
		if (rec->add[i].smmu)
			say(e, "  +%llu MiB: SMMU (%s) with 64K pages (kdump-utils: cmdq*16B + "
			       "evtq*32B + priq*16B queues)\n",
			    (unsigned long long)(rec->add[i].size / MIB), rec->iommu);
		else
			say(e, "  +%llu MiB: %s\n", (unsigned long long)(rec->add[i].size / MIB),
			    rec->add[i].why);
	}
	if (rec->iommu && e->page_kib != 64)
		say(e, "  +0: IOMMU (%s) found; with %u KiB pages its queues are "
		       "negligible (kdump-utils adds 384M for 64K only)\n", rec->iommu, e->page_kib);
	say(e, "recommended size: %llu MiB\n", (unsigned long long)(rec->size / MIB));
	if (rec->too_big) {
		say(e, "the recommended size is not smaller than RAM: the kernel rejects it\n"
		       "crashkernel: not possible\n");
		conclude(e, "not-possible", NULL);
		return 0;
	}
	return rec->size;
}

/*
 * Plan crashkernel=SIZE, then ,high (+ ,low), then smaller sizes, until one is
 * reserved below the DMA limit.  Returns 0 (an answer), CLI_EXIT_FINDINGS or
 * another exit status.
 */
static int place(struct estimate *e, const struct cli_planned *p, const char *cmdline,
		 mp_u64 size)
{
	enum mp_profile prof = p->plan->profile;
	bool old = !mp_crash_default_low_size(prof);
	struct trial t, alt;
	char h[CLI_HUMAN_LEN], param[128];
	int status;
	mp_u64 s;

	memset(&t, 0, sizeof(t));
	memset(&alt, 0, sizeof(alt));
	mp_crash_param(param, sizeof(param), MP_CRASH_FORM_LOW, prof, size);
	status = try_describe(e, p, cmdline, param, &t);
	if (status)
		goto out;
	if (mp_crash_fits_low(&t.p.plan->crash)) {
		say(e, "fits below the DMA limit\n%s\n", param);
		conclude(e, "fits-below-dma-limit", param);
		goto out;
	}
	if (t.p.plan->crash.status == MP_CRASH_RESERVED)
		say(e, "  reserved, but above the DMA limit (the kernel fell back to high memory)\n");
	/* ,high (+ ,low) */
	if (old)
		say(e, "  linux-6.1: crashkernel=X,high reserves no default low region -- add "
		       ",low explicitly\n");
	mp_crash_param(param, sizeof(param), MP_CRASH_FORM_HIGH, prof, size);
	status = try_describe(e, p, cmdline, param, &alt);
	if (status)
		goto out;
	if (mp_crash_low_reserved(&alt.p.plan->crash)) {
		say(e, "the high region holds the capture kernel; the low region (%s, below the "
		       "DMA limit) serves DMA and swiotlb%s\n%s\n",
		    cli_human_size(alt.p.plan->crash.low_size, h, sizeof(h)),
		    old ? "" : " (the 6.2+ default ,low)", param);
		conclude(e, "high-with-low", param);
		goto out;
	}
	trial_free(&alt);
	/* the largest size that fits low */
	for (s = mp_crash_smaller(size); s; s = mp_crash_smaller(s)) {
		mp_crash_param(param, sizeof(param), MP_CRASH_FORM_LOW, prof, s);
		status = try_plan(p, cmdline, param, &alt);
		if (status)
			goto out;
		if (mp_crash_fits_low(&alt.p.plan->crash)) {
			describe(e, &alt);
			say(e, "smaller than recommended (%llu MiB): the capture kernel may run out "
			       "of memory\n%s\n", (unsigned long long)(size / MIB), param);
			conclude(e, "smaller-than-recommended", param);
			goto out;
		}
		trial_free(&alt);
	}
	say(e, "no crashkernel= of at least %llu MiB fits\ncrashkernel: not possible\n",
	    (unsigned long long)(mp_crash_min_size() / MIB));
	conclude(e, "not-possible", NULL);
	status = CLI_EXIT_FINDINGS;
out:
	trial_free(&t);
	trial_free(&alt);
	return status;
}

static void json_range(FILE *f, const char *name, bool present, mp_u64 base, mp_u64 size)
{
	if (present)
		fprintf(f, "\"%s\": {\"base\": \"0x%016llx\", \"size\": \"0x%llx\"}", name,
			(unsigned long long)base, (unsigned long long)size);
	else
		fprintf(f, "\"%s\": null", name);
}

/* schema memplan-estimate/1: sizes and addresses as hex strings, as in memplan-plan/1 */
static void write_json(FILE *f, const struct estimate *e)
{
	size_t i;

	fprintf(f, "{\n  \"schema\": \"memplan-estimate/1\",\n  \"input\": ");
	cli_json_put_string(f, e->input);
	fprintf(f, ",\n  \"profile\": \"%s\",\n  \"page_size\": %u,\n  \"kconfig_from_file\": %s,\n",
		e->kernel, e->page_kib * 1024, e->kconfig_from_file ? "true" : "false");
	fprintf(f, "  \"ram\": \"0x%llx\",\n  \"ram_source\": \"%s\",\n",
		(unsigned long long)e->rec.ram,
		e->ram_given ? "--ram" : "memory banks");
	fprintf(f, "  \"table_size\": \"0x%llx\",\n  \"additions\": [", (unsigned long long)e->rec.table);
	for (i = 0; i < e->rec.nr_add; i++) {
		fprintf(f, "%s{\"size\": \"0x%llx\", \"why\": ", i ? ", " : "",
			(unsigned long long)e->rec.add[i].size);
		cli_json_put_string(f, e->rec.add[i].why);
		fputc('}', f);
	}
	fprintf(f, "],\n  \"assumptions\": [%s],\n",
		e->rec.assume_16k ? "\"16K pages use the 4K numbers (kdump-utils has no 16K variant)\"" :
				"");
	fprintf(f, "  \"recommended_size\": \"0x%llx\",\n  \"trials\": [",
		(unsigned long long)e->rec.size);
	for (i = 0; i < e->nr_trials; i++) {
		const struct trial_result *r = &e->trials[i];

		fprintf(f, "%s\n    {\"crashkernel\": ", i ? "," : "");
		cli_json_put_string(f, r->param);
		fprintf(f, ", \"reserved\": %s, \"reason\": ", r->reserved ? "true" : "false");
		if (!r->reserved && r->reason)
			cli_json_put_string(f, r->reason);
		else
			fputs("null", f);
		fputs(", ", f);
		json_range(f, "high", r->high, r->high_base, r->high_size);
		fputs(", ", f);
		json_range(f, "low", r->low, r->low_base, r->low_size);
		fprintf(f, ", \"dma_limit\": \"0x%016llx\", \"fits_below_dma_limit\": %s}",
			(unsigned long long)r->dma_limit, r->fits_low ? "true" : "false");
	}
	fprintf(f, "%s],\n  \"verdict\": \"%s\",\n  \"crashkernel\": ", e->nr_trials ? "\n  " : "",
		e->verdict ? e->verdict : "not-possible");
	if (e->param[0])
		cli_json_put_string(f, e->param);
	else
		fputs("null", f);
	fputs("\n}\n", f);
}

struct estimate_opts {
	struct cli_plan_args a;
	const char *format, *output;
	uint64_t ram;
	bool ram_given;
};

/* Returns 0 to go on, -1 after --help, or the usage exit status. */
static int parse_estimate_options(int argc, char **argv, struct estimate_opts *o)
{
	static const struct option extra[] = {
		CLI_OPT_ARG("ram", 'r'), CLI_OPT_ARG("format", 'f'),
		{ NULL, 0, NULL, 0 },
	};
	struct cli_getopt g;
	int c;

	memset(o, 0, sizeof(*o));
	o->format = "text";
	cli_getopt_init(&g, &o->a, extra, ":ho:", prog);
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case CLI_GETOPT_BAD: return CLI_EXIT_USAGE;
		case 'r':
			if (cli_parse_size(optarg, &o->ram) || !o->ram)
				return cli_usage_error(prog, "--ram: invalid size '%s' (e.g. 8G)",
						       optarg);
			o->ram_given = true;
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return cli_usage_error(prog, "--format: '%s' is not text or json",
						       optarg);
			o->format = optarg;
			break;
		case 'o': o->output = optarg; break;
		case 'h': printf(usage, cli_plan_options_help); return -1;
		default: return cli_getopt_error(prog, c, argv);
		}
	}
	return cli_getopt_end(&g, argc, argv);
}

int cli_cmd_estimate(int argc, char **argv)
{
	struct estimate_opts o;
	struct estimate e;
	struct cli_planned p;
	struct cli_out out;
	const char *cmdline;
	mp_u64 size;
	int status, wstatus;

	status = parse_estimate_options(argc, argv, &o);
	if (status)
		return status < 0 ? 0 : status;
	status = cli_plan_boot(&o.a, &p, prog);
	if (status)
		goto out;
	/* nothing is written before the answer is known: a failed run leaves no file */
	status = cli_out_open(&out, prog, o.output);
	if (status)
		goto out;
	memset(&e, 0, sizeof(e));
	e.txt = strcmp(o.format, "json") ? out.f : NULL;
	e.input = p.dt_name;
	e.kernel = mp_profile_name(p.plan->profile);
	e.page_kib = (1u << p.plan->kc.page_shift) >> 10;
	e.kconfig_from_file = p.plan->kc.from_file;
	e.ram_given = o.ram_given;
	size = recommend(&e, &p, o.ram_given ? o.ram : mp_plan_ram(p.plan));
	if (size) {
		cmdline = p.plan->bootargs;
		status = place(&e, &p, cmdline, size);
	} else if (e.verdict && !strcmp(e.verdict, "not-possible")) {
		status = CLI_EXIT_FINDINGS;
	}
	if (!e.txt && status <= CLI_EXIT_FINDINGS)
		write_json(out.f, &e);
	wstatus = cli_out_close(&out, prog, status <= CLI_EXIT_FINDINGS);
	if (wstatus)
		status = wstatus;
out:
	cli_planned_free(&p);
	return status;
}
