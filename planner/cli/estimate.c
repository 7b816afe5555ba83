// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * estimate.c - `memplan estimate`: recommend a crashkernel= size for one board
 * and kernel, then plan the boot with it to prove it fits.
 *
 * The size follows Fedora/RHEL kdump-utils (kdump-lib.sh,
 * kdump_get_arch_recommend_crashkernel(), aarch64 branch):
 *   base table "2G-4G:256M,4G-64G:320M,64G-:576M" (4K kernels; below 2 GiB: none);
 *   64K-page kernels: +100M ("the diff of MemFree between 4K and 64K measured on
 *   a high end aarch64 machine is 82M"), and +384M more with an Arm SMMU
 *   ("cmdq_num * 16 bytes + evtq_num * 32B + priq_num * 16B ... on a 4K
 *   system, it is negligible").
 * kdump-utils has no 16K variant: memplan uses the 4K numbers for 16K (an
 * assumption, printed).  Then the DT is planned with crashkernel=SIZE: the
 * region must be reserved below CRASH_ADDR_LOW_MAX (the DMA limit, §6).  If it
 * is not, `,high` (6.2+: the kernel adds a 128 MiB ,low by default) or
 * `,high` + explicit `,low` (linux-6.1: no default low region) is proposed,
 * else the largest size that fits low; each proposal is re-planned.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estimate.h"
#include "planinput.h"
#include "util.h"

#define MIB (1ull << 20)
#define GIB (1ull << 30)
#define DEFAULT_LOW (128 * MIB) /* DEFAULT_CRASH_KERNEL_LOW_SIZE */
#define MIN_CRASH (128 * MIB)	/* below this a distro capture kernel does not boot */

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
	"  -h, --help            show this help\n"
	"\n"
	"The last line printed is the parameter, e.g. `crashkernel=320M`, or\n"
	"`crashkernel: not recommended` below 2 GiB of RAM.\n"
	"\n"
	"Exit status: 0 a crashkernel= that fits was found (or none is recommended);\n"
	"1 nothing fits; 2 bad input or usage.\n"
	"\n"
	"Example:\n"
	"  memplan estimate --dts board.dts --kconfig /boot/config-$(uname -r)\n";

static const char *prog = "memplan estimate";

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

static void trial_free(struct trial *t)
{
	cli_planned_free(&t->p);
	free(t->cmdline);
	t->cmdline = NULL;
}

/* reserved entirely below CRASH_ADDR_LOW_MAX? */
static bool fits_low(const struct mp_plan *p)
{
	const struct mp_crash *c = &p->crash;

	return c->status == MP_CRASH_RESERVED && !c->high_present && c->low_present &&
	       c->low_base + c->low_size <= c->low_max;
}

static void describe(const struct trial *t)
{
	const struct mp_crash *c = &t->p.plan->crash;

	printf("  plan with %s (%s): ", t->param, mp_profile_name(t->p.plan->profile));
	if (c->status != MP_CRASH_RESERVED) {
		printf("NOT reserved%s%s\n", c->reason ? ": " : "", c->reason ? c->reason : "");
		return;
	}
	if (c->high_present)
		printf("high [0x%016llx-0x%016llx]", (unsigned long long)c->high_base,
		       (unsigned long long)(c->high_base + c->high_size - 1));
	if (c->high_present && c->low_present)
		printf(" + ");
	if (c->low_present)
		printf("low [0x%016llx-0x%016llx]", (unsigned long long)c->low_base,
		       (unsigned long long)(c->low_base + c->low_size - 1));
	printf(" (DMA limit 0x%016llx)\n", (unsigned long long)c->low_max);
}

/* has the DT an Arm SMMU (or any IOMMU user)? sets @what */
static bool find_iommu(const void *fdt, const char **what)
{
	static const char *const compat[] = { "arm,smmu-v3", "arm,mmu-500", "arm,smmu-v2",
					      "arm,mmu-401", "arm,smmu-v1" };
	int node, depth = 0;
	size_t i;

	for (i = 0; i < sizeof(compat) / sizeof(compat[0]); i++)
		if (fdt_node_offset_by_compatible(fdt, -1, compat[i]) >= 0) {
			*what = compat[i];
			return true;
		}
	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth))
		if (fdt_getprop(fdt, node, "iommus", NULL)) {
			*what = "an `iommus` property";
			return true;
		}
	return false;
}

static mp_u64 table_size(mp_u64 ram)
{
	if (ram < 2 * GIB)
		return 0;
	if (ram < 4 * GIB)
		return 256 * MIB;
	if (ram < 64 * GIB)
		return 320 * MIB;
	return 576 * MIB;
}

int cli_cmd_estimate(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "ram", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct option opts[32];
	struct cli_plan_args a;
	struct cli_planned p;
	struct trial t, alt;
	const char *cmdline, *iommu = NULL;
	char h[CLI_HUMAN_LEN], param[128];
	uint64_t ram = 0;
	mp_u64 size, base, delta = 0, s;
	bool ram_given = false, old = false;
	unsigned ps;
	size_t i;
	int c, r, status;

	memset(&a, 0, sizeof(a));
	memset(&t, 0, sizeof(t));
	memset(&alt, 0, sizeof(alt));
	cli_plan_options_merge(opts, 32, extra);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		r = cli_plan_arg(&a, c, optarg, prog);
		if (r < 0)
			return CLI_EXIT_USAGE;
		if (r)
			continue;
		switch (c) {
		case 'r':
			if (cli_parse_size(optarg, &ram) || !ram) {
				fprintf(stderr, "%s: --ram: invalid size '%s' (e.g. 8G)\n", prog, optarg);
				return CLI_EXIT_USAGE;
			}
			ram_given = true;
			break;
		case 'h': printf(usage, cli_plan_options_help); return 0;
		case ':':
			fprintf(stderr, "%s: option '%s' needs an argument\n", prog, argv[optind - 1]);
			return CLI_EXIT_USAGE;
		default:
			fprintf(stderr, "%s: unknown option '%s'\nTry '%s --help'.\n", prog,
				argv[optind - 1], prog);
			return CLI_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", prog, argv[optind]);
		return CLI_EXIT_USAGE;
	}
	if (cli_plan_args_check(&a, prog))
		return CLI_EXIT_USAGE;
	status = cli_plan_load(&a, &p, prog);
	if (!status)
		status = cli_plan_run(&p, prog);
	if (status)
		goto out;
	if (!ram_given)
		for (i = 0; i < p.plan->nr_banks; i++)
			ram += p.plan->banks[i].size;
	ps = 1u << p.plan->kc.page_shift;
	old = p.plan->profile == MP_LINUX_6_1;
	printf("kernel %s, %u KiB pages%s; RAM %s%s\n", mp_profile_name(p.plan->profile), ps >> 10,
	       p.plan->kc.from_file ? "" : " (profile default: give --kconfig)",
	       cli_human_size(ram, h, sizeof(h)), ram_given ? " (--ram)" : " (memory banks)");
	base = table_size(ram);
	printf("kdump-utils aarch64 table 2G-4G:256M,4G-64G:320M,64G-:576M: ");
	if (!base) {
		printf("RAM below 2 GiB\ncrashkernel: not recommended\n");
		status = 0;
		goto out;
	}
	printf("%llu MiB\n", (unsigned long long)(base / MIB));
	if (ps == 64 * 1024) {
		delta += 100 * MIB;
		printf("  +100 MiB: 64K pages (kdump-utils: measured MemFree difference 82M)\n");
	} else if (ps == 16 * 1024) {
		printf("  assumption: 16K pages use the 4K numbers (kdump-utils has no 16K "
		       "variant)\n");
	}
	if (find_iommu(p.in.fdt, &iommu)) {
		if (ps == 64 * 1024) {
			delta += 384 * MIB;
			printf("  +384 MiB: SMMU (%s) with 64K pages (kdump-utils: cmdq*16B + "
			       "evtq*32B + priq*16B queues)\n", iommu);
		} else {
			printf("  +0: IOMMU (%s) found; with %u KiB pages its queues are "
			       "negligible (kdump-utils adds 384M for 64K only)\n", iommu, ps >> 10);
		}
	}
	size = base + delta;
	snprintf(param, sizeof(param), "crashkernel=%lluM", (unsigned long long)(size / MIB));
	printf("recommended size: %llu MiB\n", (unsigned long long)(size / MIB));
	if (size >= ram) {
		printf("the recommended size is not smaller than RAM: the kernel rejects it\n"
		       "crashkernel: not possible\n");
		status = CLI_EXIT_FINDINGS;
		goto out;
	}

	cmdline = a.cmdline;
	if (!cmdline) {
		int ch = fdt_path_offset(p.in.fdt, "/chosen");

		cmdline = ch >= 0 ? fdt_getprop(p.in.fdt, ch, "bootargs", NULL) : NULL;
	}
	status = try_plan(&p, cmdline, param, &t);
	if (status)
		goto out;
	describe(&t);
	if (fits_low(t.p.plan)) {
		printf("fits below the DMA limit\n%s\n", param);
		goto out;
	}
	if (t.p.plan->crash.status == MP_CRASH_RESERVED)
		printf("  reserved, but above the DMA limit (the kernel fell back to high memory)\n");
	/* ,high (+ ,low) */
	if (old) {
		printf("  linux-6.1: crashkernel=X,high reserves no default low region -- add "
		       ",low explicitly\n");
		snprintf(param, sizeof(param), "crashkernel=%lluM,high crashkernel=%lluM,low",
			 (unsigned long long)(size / MIB), (unsigned long long)(DEFAULT_LOW / MIB));
	} else {
		snprintf(param, sizeof(param), "crashkernel=%lluM,high",
			 (unsigned long long)(size / MIB));
	}
	status = try_plan(&p, cmdline, param, &alt);
	if (status)
		goto out;
	describe(&alt);
	if (alt.p.plan->crash.status == MP_CRASH_RESERVED && alt.p.plan->crash.low_present &&
	    alt.p.plan->crash.low_base + alt.p.plan->crash.low_size <= alt.p.plan->crash.low_max) {
		printf("the high region holds the capture kernel; the low region (%s, below the "
		       "DMA limit) serves DMA and swiotlb%s\n%s\n",
		       cli_human_size(alt.p.plan->crash.low_size, h, sizeof(h)),
		       old ? "" : " (the 6.2+ default ,low)", param);
		goto out;
	}
	trial_free(&alt);
	/* the largest size that fits low */
	for (s = (size - 32 * MIB) & ~(32 * MIB - 1); s >= MIN_CRASH; s -= 32 * MIB) {
		snprintf(param, sizeof(param), "crashkernel=%lluM", (unsigned long long)(s / MIB));
		status = try_plan(&p, cmdline, param, &alt);
		if (status)
			goto out;
		if (fits_low(alt.p.plan)) {
			describe(&alt);
			printf("smaller than recommended (%llu MiB): the capture kernel may run out "
			       "of memory\n%s\n", (unsigned long long)(size / MIB), param);
			goto out;
		}
		trial_free(&alt);
	}
	printf("no crashkernel= of at least %llu MiB fits\ncrashkernel: not possible\n",
	       (unsigned long long)(MIN_CRASH / MIB));
	status = CLI_EXIT_FINDINGS;
out:
	trial_free(&t);
	trial_free(&alt);
	cli_planned_free(&p);
	return status;
}
