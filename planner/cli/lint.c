// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * lint.c - `memplan lint FILE|DIR...`: plan every DT under each kernel profile
 * (non-strict, so malformed constructs are modelled as the kernel handles them)
 * and report the plans' diagnostics as findings: one per code and node, with
 * the profiles it affects and a one-line fix hint.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libfdt.h>

#include "lint.h"
#include "memplan.h"
#include "util.h"
#include "writers.h"
#include "output.h"
#include "planinput.h"

#define LINT_ARENA (64u << 20)

static const char usage[] =
	"Usage: memplan lint [OPTION]... FILE|DIR...\n"
	"Check device trees for reserved-memory, DMA-zone and crash-kernel mistakes.\n"
	"FILE is a DTB (*.dtb or any binary blob) or DT source (*.dts, compiled with\n"
	"dtc); a DIR is searched recursively for *.dtb and *.dts files.  Every DT is\n"
	"planned under each kernel profile, and each finding says which profiles it\n"
	"affects, the node, and how to fix it.\n"
	"\n"
	"FILE \"-\" reads one DT (blob or source) from standard input.\n"
	"\n"
	"  --kernel PROFILE   lint for this profile only (repeatable; default:\n"
	"                     linux-6.1 and linux-6.12)\n"
	"  --cmdline STR      command line to plan with (default: /chosen/bootargs)\n"
	"  --format FMT       text (default) or json\n"
	"  --errors-only      report only findings of severity error\n"
	"  --assume-memory [BASE:]SIZE[,BASE:SIZE...]\n"
	"                     a DT that leaves its memory to the boot loader (no\n"
	"                     memory node, or reg size 0, as many upstream board DTs)\n"
	"                     is linted with this RAM (default: 2 GiB at the memory\n"
	"                     node's base, lowered and grown to cover the board's\n"
	"                     static reservations); a note says so\n"
	"  -o, --output FILE  write the report to FILE (\"-\": standard output)\n"
	"  --werror           treat every warning as an error (exit status 1)\n"
	"  --rmem-ops-lost    lint as the 2024 v8 dynamic reserved_mem series would run:\n"
	"                     which devices would lose their carve-out (rmem-consumer)\n"
	"  --rmem-caller COMPATIBLE\n"
	"                     the driver of nodes compatible with this asks for every\n"
	"                     memory-region at probe: its failures are errors (repeatable)\n"
	"  -W CODE, -W no-CODE\n"
	"                     report CODE as a warning / do not report it\n"
	"  -E CODE, -E no-CODE\n"
	"                     report CODE as an error / as a warning at most\n"
	"                     (CODE: a finding code, or \"all\"; later options win)\n"
	"  --list-codes       print every finding code and its fix hint, and exit\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit status: 0 no error found; 1 an error-severity finding (or an unreadable\n"
	"or corrupt DT); 2 usage, or no DT file found.\n";

struct finding {
	char *file, *code, *path, *message;
	enum mp_severity severity;
	unsigned profiles; /* bit per enum mp_profile */
	bool assumed;	   /* follows from the assumed memory (mp_diag.assumed) */
};

/* -W/-E: what to do with one code ("all": every code) */
enum lint_action { LINT_OFF, LINT_AS_WARNING, LINT_AS_ERROR, LINT_AT_MOST_WARNING };

struct lint_override {
	const char *code;
	enum lint_action action;
};

#define LINT_MAX_OVERRIDES 64

struct lint {
	struct finding *f;
	size_t n, cap;
	enum mp_profile profiles[MP_PROFILE_COUNT];
	size_t nr_profiles;
	const char *cmdline;
	bool json, errors_only;
	struct cli_assume assume;	/* --assume-memory */
	struct mp_mem_assumption assumption;
	size_t files, bad_files;
	void *arena_mem;
	struct lint_override overrides[LINT_MAX_OVERRIDES];
	size_t nr_overrides;
	bool werror;
	bool rmem_ops_lost;	/* --rmem-ops-lost: plan as the v8 reserved_mem series */
	/* --rmem-caller: compatibles whose drivers ask for every memory-region */
	const char *rmem_callers[MP_RMEM_CALLERS_MAX];
	size_t nr_rmem_callers;
};

/* Every finding code lint reports (the core's diagnostic codes and lint's own),
 * with its one-line fix hint (NULL: nothing to fix, only information). */
static const struct {
	const char *code, *hint;
} hints[] = {
	{ "rmem-overlap", "make the regions disjoint, or merge them into one node" },
	{ "rmem-outside-ram", "drop the node or fix its reg: nothing is reserved" },
	{ "rmem-partly-outside-ram", "trim reg to the memory node's range" },
	{ "rmem-nomap-reusable", "choose one: no-map (firmware) or reusable (CMA)" },
	{ "rmem-cma-misaligned",
	  "align base and size of the CMA pool to the pageblock size (2 MiB with 4K pages)" },
	{ "rmem-alloc-ranges-too-small", "widen alloc-ranges or reduce size/alignment" },
	{ "rmem-alloc-failed", "make room (fewer/smaller regions) or widen alloc-ranges" },
	{ "rmem-too-many",
	  "keep /reserved-memory at 64 nodes or fewer (64 dynamic ones on 6.12)" },
	{ "rmem-reserve-failed",
	  "a no-map region must not overlap other reservations (DTB, kernel, initrd)" },
	{ "rmem-init-failed", "fix the pool's properties so its driver accepts it" },
	{ "rmem-consumer",
	  "point memory-region at a region the kernel keeps and a handler takes (a coherent "
	  "shared-dma-pool needs no-map)" },
	{ "rmem-consumer-disabled", "enable the region's node, or drop the phandle" },
	{ "rmem-cma-outside-memory",
	  "keep CMA pools inside the kernel's memory; for kdump make the pool dynamic "
	  "(size + alloc-ranges) so the capture kernel drops it" },
	{ "rmem-ops-lost-ignored", NULL },
	{ "xen-reserved-disabled",
	  "remove the disabled node from the DT Xen boots from (memplan handoff xen-dom0 "
	  "--fix --host-output), or run Xen 4.19 or later" },
	{ "rmem-multi-reg", "use one node per range so drivers can find each" },
	{ "rmem-root-format",
	  "give /reserved-memory the root's #address-cells/#size-cells and 'ranges;'" },
	{ "rmem-bad-alignment", "alignment must be a power of two" },
	{ "rmem-nomap-hotplug", "move firmware carve-outs out of hotpluggable memory" },
	{ "zone-dma-empty", "dma-ranges below the start of DRAM: check the bus's dma-ranges" },
	{ "crash-failed", "use a smaller crashkernel= or ,high + ,low" },
	{ "crashkernel-bad-base", "write the base as an address (e.g. @0x80000000) or drop '@'" },
	{ "crash-no-config", "enable CONFIG_CRASH_DUMP (CRASH_RESERVE) or drop crashkernel=" },
	{ "cma-failed", "reduce cma= / CONFIG_CMA_SIZE_MBYTES or make room below the DMA limit" },
	{ "fdt-too-big", "the DTB must be under 2 MiB (MAX_FDT_SIZE)" },
	{ "memory-no-device-type", "add device_type = \"memory\" to the memory node" },
	{ "memory-assumed", "pass --assume-memory BASE:SIZE with the board's real RAM" },
	{ "placement-assumed", "give --image-base/--fdt-base at the boot loader's real addresses" },
	{ "placement-on-reservation", "give --image-base/--fdt-base at the boot loader's real addresses" },
	{ "rmem-reserve-failed-assumed",
	  "check with --image-base/--fdt-base at the boot loader's real addresses" },
	{ "dt-reg-length", "reg length must be a multiple of the root's address+size cells" },
	{ "dt-root-cells", "use #address-cells/#size-cells of 1 or 2" },
	{ "dt-unterminated-string", "terminate string properties with NUL" },
	{ "memblock-resize-panic", "too many reservations before paging_init(): merge regions" },
	{ "cmdline-truncated", "shorten bootargs below 2048 bytes" },
	{ "elfcorehdr-overlap", "the ELF core header must not overlap other reservations" },
	{ "crash-estimated",
	  "pass --btf with the kernel's BTF: the struct sizes below the crash kernel are typical" },
	{ "alloc-unmapped", "align no-map carve-outs to the page size (64K) or use 4K pages" },
	{ "kaslr-tables",
	  "give --phys-offset (the kernel's PHYS_OFFSET) or boot with nokaslr for exact addresses" },
	{ "numa-not-modelled", "plan with one NUMA node only; check the allocations on a boot" },
	{ "rmem-early-records", NULL },
	{ "efi-initrd-size", "pass --initrd-size with the initrd file's size" },
	{ "efi-initrd-unplaced", "check --initrd-size: the stub's Loader Data range has another size" },
	{ "efi-memattr-size", "give the whole log of a boot with efi=debug (dmesg, not the console)" },
	{ "efi-memmap-address", "give the log's \"efi: MemMap Address\" lines or /sys/firmware/fdt" },
	{ "efi-mirror", NULL },
	{ "efi-kaslr-image", "boot with nokaslr where the allocations must not move" },
	{ "efi-table-unmodelled", NULL },
	{ "dtb-invalid", "fix the file: it is not a DT the kernel can read" },
	{ "iort-checksum", "fix the firmware's IORT checksum (ACPICA warns at every boot)" },
	{ "iort-limit-bits",
	  "fix the firmware's IORT: a memory address size limit is 64 bits at most" },
};

/* a finding of the assumed memory: the board's real RAM decides it, not the node */
#define ASSUMED_HINT "pass --assume-memory BASE:SIZE with the board's real RAM, then look again"

static const char *hint_for(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (!strcmp(hints[i].code, code))
			return hints[i].hint;
	return NULL;
}

static bool code_known(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (!strcmp(hints[i].code, code))
			return true;
	return false;
}

/*
 * effective - a finding's severity after -W/-E/--werror (later options win, as
 * in dtc); -1 when it is not to be reported.
 */
static int effective(const struct lint *l, const struct finding *x)
{
	int sev = (int)x->severity;
	size_t i;

	for (i = 0; i < l->nr_overrides; i++) {
		const struct lint_override *o = &l->overrides[i];

		if (strcmp(o->code, "all") && strcmp(o->code, x->code))
			continue;
		switch (o->action) {
		case LINT_OFF: sev = -1; break;
		case LINT_AS_WARNING: sev = MP_SEV_WARNING; break;
		case LINT_AS_ERROR: sev = MP_SEV_ERROR; break;
		case LINT_AT_MOST_WARNING:
			if (sev == MP_SEV_ERROR)
				sev = MP_SEV_WARNING;
			break;
		}
	}
	if (l->werror && sev == MP_SEV_WARNING)
		sev = MP_SEV_ERROR;
	if (l->errors_only && sev != MP_SEV_ERROR)
		sev = -1;
	return sev;
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

static int add_finding(struct lint *l, const char *file, const struct mp_diag *d,
		       enum mp_profile prof)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		struct finding *f = &l->f[i];

		if (!strcmp(f->file, file) && !strcmp(f->code, d->code) &&
		    !strcmp(f->path, d->path ? d->path : "")) {
			f->profiles |= 1u << prof;
			if (d->severity < f->severity)
				f->severity = d->severity;
			return 0;
		}
	}
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 64;
		struct finding *nf = realloc(l->f, ncap * sizeof(*nf));

		if (!nf)
			return -1;
		l->f = nf;
		l->cap = ncap;
	}
	l->f[l->n] = (struct finding){ strdup(file), strdup(d->code), dup_or_empty(d->path),
				       dup_or_empty(d->message), d->severity, 1u << prof,
				       d->assumed };
	if (!l->f[l->n].file || !l->f[l->n].code || !l->f[l->n].path || !l->f[l->n].message)
		return -1;
	l->n++;
	return 0;
}

static void bad_file(struct lint *l, const char *file, const char *why)
{
	struct mp_diag d = { MP_SEV_ERROR, "dtb-invalid", why, NULL, false };

	l->bad_files++;
	add_finding(l, file, &d, MP_LINUX_6_1);
}

static void lint_blob(struct lint *l, const char *file, const char *dtb, size_t len)
{
	size_t i, k;
	char *assumed = NULL;

	for (i = 0; i < l->nr_profiles; i++) {
		struct mp_input in;
		struct mp_arena arena;
		struct mp_plan *plan = NULL;
		int ret;

		memset(&in, 0, sizeof(in));
		in.profile = l->profiles[i];
		mp_kconfig_defaults(in.profile, &in.kc);
		in.fdt = dtb;
		in.fdt_len = len;
		in.cmdline = l->cmdline;
		in.strict = false;
		in.rmem_ops_lost = l->rmem_ops_lost;
		in.rmem_callers = l->rmem_callers;
		in.nr_rmem_callers = l->nr_rmem_callers;
		in.mem_assumed = assumed ? &l->assumption : NULL;
		mp_arena_init(&arena, l->arena_mem, LINT_ARENA);
		ret = mp_plan_build(&in, &arena, &plan);
		/* the DT leaves RAM to the boot loader: lint it with RAM filled in */
		if (ret < 0 && plan && plan->memory_missing && !assumed) {
			size_t alen;

			assumed = cli_dt_assume_memory("memplan lint", file, dtb, &l->assume,
						       &l->assumption, &alen);
			if (assumed) {
				dtb = assumed;
				len = alen;
				i--;
				continue;
			}
		}
		if (ret < 0) {
			char why[512];

			snprintf(why, sizeof(why), "%s", plan && plan->error ? plan->error :
						       mp_strerror(-ret));
			bad_file(l, file, why);
			break;
		}
		for (k = 0; k < plan->nr_diags; k++)
			if (add_finding(l, file, &plan->diags[k], in.profile))
				break;
	}
	free(assumed);
}

static void lint_file(struct lint *l, const char *file)
{
	size_t len = 0;
	char *dtb = NULL;

	l->files++;
	/* a blob by its magic, source (dtc) otherwise; the reason goes to stderr */
	if (cli_load_dt("memplan lint", file, CLI_DT_SNIFF, &dtb, &len)) {
		bad_file(l, strcmp(file, "-") ? file : "<stdin>",
			 "cannot be read or compiled (see the message above)");
		return;
	}
	lint_blob(l, strcmp(file, "-") ? file : "<stdin>", dtb, len);
	free(dtb);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* files of a directory tree, sorted so reports are stable */
static void lint_dir(struct lint *l, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if (!d || depth > 32) {
		if (d)
			closedir(d);
		bad_file(l, dir, "cannot read the directory");
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*nn));

			if (!nn)
				break;
			names = nn;
		}
		names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (!names[n])
			break;
		sprintf(names[n++], "%.*s/%s", (int)(strlen(dir) - (dir[strlen(dir) - 1] == '/')),
			dir, e->d_name);
	}
	closedir(d);
	if (n)	/* qsort(NULL, 0, ...) is undefined: an empty directory has no names */
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		struct stat st;
		size_t len = strlen(names[i]);

		/* lstat: never follow a symlinked directory (kbuild's O= dirs link
		 * "source" back to the tree: an endless loop) */
		if (!lstat(names[i], &st) && S_ISDIR(st.st_mode))
			lint_dir(l, names[i], depth + 1);
		else if (len > 4 && (!strcmp(names[i] + len - 4, ".dtb") ||
				     !strcmp(names[i] + len - 4, ".dts")))
			lint_file(l, names[i]);
		free(names[i]);
	}
	free(names);
}

static void profiles_text(unsigned mask, char *buf, size_t len)
{
	size_t used = 0;
	unsigned p;

	buf[0] = '\0';
	for (p = 0; p < MP_PROFILE_COUNT; p++)
		if (mask & (1u << p))
			used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
						 used ? ", " : "", mp_profile_name(p));
}

static void report_text(const struct lint *l, FILE *f)
{
	size_t i, errors = 0, warnings = 0, notes = 0;

	for (i = 0; i < l->n; i++) {
		const struct finding *x = &l->f[i];
		const char *hint = x->assumed ? ASSUMED_HINT : hint_for(x->code);
		int sev = effective(l, x);
		char prof[128];

		if (sev < 0)
			continue;
		errors += sev == MP_SEV_ERROR;
		warnings += sev == MP_SEV_WARNING;
		notes += sev == MP_SEV_NOTE;
		profiles_text(x->profiles, prof, sizeof(prof));
		fprintf(f, "%s: %s %s%s%s: %s%s [%s]\n", x->file,
			mp_severity_name((enum mp_severity)sev), x->code, x->path[0] ? " " : "",
			x->path, x->message,
			x->assumed ? " (follows from the assumed memory)" : "", prof);
		if (hint)
			fprintf(f, "    fix: %s\n", hint);
	}
	fprintf(f, "%zu file%s linted: %zu error%s, %zu warning%s, %zu note%s\n", l->files,
		l->files == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
		warnings == 1 ? "" : "s", notes, notes == 1 ? "" : "s");
}

static void report_json(const struct lint *l, FILE *f)
{
	size_t i, shown = 0;
	unsigned p;

	fprintf(f, "{\n  \"schema\": \"memplan-lint/1\",\n  \"files\": %zu,\n  \"findings\": [",
		l->files);
	for (i = 0; i < l->n; i++) {
		const struct finding *x = &l->f[i];
		const char *hint = x->assumed ? ASSUMED_HINT : hint_for(x->code);
		int sev = effective(l, x);
		bool first = true;

		if (sev < 0)
			continue;
		fprintf(f, "%s\n    {\"file\": ", shown++ ? "," : "");
		cli_json_put_string(f, x->file);
		fprintf(f, ", \"severity\": \"%s\", \"code\": ", mp_severity_name((enum mp_severity)sev));
		cli_json_put_string(f, x->code);
		fprintf(f, ", \"path\": ");
		if (x->path[0])
			cli_json_put_string(f, x->path);
		else
			fputs("null", f);
		fprintf(f, ", \"message\": ");
		cli_json_put_string(f, x->message);
		fprintf(f, ", \"profiles\": [");
		for (p = 0; p < MP_PROFILE_COUNT; p++)
			if (x->profiles & (1u << p)) {
				fprintf(f, "%s\"%s\"", first ? "" : ", ", mp_profile_name(p));
				first = false;
			}
		fprintf(f, "], \"assumed\": %s, \"hint\": ", x->assumed ? "true" : "false");
		if (hint)
			cli_json_put_string(f, hint);
		else
			fputs("null", f);
		fputc('}', f);
	}
	fprintf(f, "%s]\n}\n", shown ? "\n  " : "");
}

/* -W [no-]CODE / -E [no-]CODE, as dtc takes its checks */
static int parse_override(struct lint *l, int opt, const char *arg)
{
	bool no = !strncmp(arg, "no-", 3);
	const char *code = no ? arg + 3 : arg;

	if (strcmp(code, "all") && !code_known(code))
		return cli_usage_error("memplan lint", "-%c: unknown finding code '%s' (memplan "
				       "lint --list-codes shows them)", opt, code);
	if (l->nr_overrides == LINT_MAX_OVERRIDES)
		return cli_usage_error("memplan lint", "-%c: more than %d -W/-E options", opt,
				       LINT_MAX_OVERRIDES);
	l->overrides[l->nr_overrides++] = (struct lint_override){
		code, opt == 'W' ? (no ? LINT_OFF : LINT_AS_WARNING) :
				   (no ? LINT_AT_MOST_WARNING : LINT_AS_ERROR)
	};
	return 0;
}

static void list_codes(void)
{
	size_t i;

	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		printf("%-28s %s\n", hints[i].code, hints[i].hint ? hints[i].hint : "-");
}

enum { LINT_OPT_WERROR = 256, LINT_OPT_LIST_CODES, LINT_OPT_RMEM_OPS_LOST, LINT_OPT_RMEM_CALLER };

/* Returns 0 to go on, -1 after --help/--list-codes, or the usage exit status. */
static int parse_lint_options(struct lint *l, int argc, char **argv, const char **output)
{
	static const struct option opts[] = {
		CLI_OPT_ARG("kernel", 'k'), CLI_OPT_ARG("cmdline", 'c'),
		CLI_OPT_ARG("format", 'f'), CLI_OPT_FLAG("errors-only", 'e'),
		CLI_OPT_ARG("assume-memory", 'm'), CLI_OPT_ARG("output", 'o'),
		CLI_OPT_FLAG("werror", LINT_OPT_WERROR),
		CLI_OPT_FLAG("rmem-ops-lost", LINT_OPT_RMEM_OPS_LOST),
		CLI_OPT_ARG("rmem-caller", LINT_OPT_RMEM_CALLER),
		CLI_OPT_FLAG("list-codes", LINT_OPT_LIST_CODES), CLI_OPT_FLAG("help", 'h'),
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:W:E:", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (l->nr_profiles == MP_PROFILE_COUNT ||
			    mp_profile_parse(optarg, &l->profiles[l->nr_profiles]))
				return cli_usage_error("memplan lint", "--kernel: unknown profile "
						       "'%s' (linux-6.1, linux-6.12, mainline, "
						       "memplan-6.12)", optarg);
			l->nr_profiles++;
			break;
		case 'c': l->cmdline = optarg; break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return cli_usage_error("memplan lint", "--format: '%s' is not text "
						       "or json", optarg);
			l->json = !strcmp(optarg, "json");
			break;
		case 'e': l->errors_only = true; break;
		case 'm':
			if (cli_parse_assume_memory("memplan lint", optarg, &l->assume))
				return CLI_EXIT_USAGE;
			break;
		case 'o': *output = optarg; break;
		case 'W':
		case 'E':
			if (parse_override(l, c, optarg))
				return CLI_EXIT_USAGE;
			break;
		case LINT_OPT_WERROR: l->werror = true; break;
		case LINT_OPT_RMEM_OPS_LOST: l->rmem_ops_lost = true; break;
		case LINT_OPT_RMEM_CALLER:
			if (cli_rmem_caller_add("memplan lint", l->rmem_callers,
						&l->nr_rmem_callers, optarg))
				return CLI_EXIT_USAGE;
			break;
		case LINT_OPT_LIST_CODES: list_codes(); return -1;
		case 'h': fputs(usage, stdout); return -1;
		default: return cli_getopt_error("memplan lint", c, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error("memplan lint", "no FILE or DIR given (\"-\" reads "
				       "standard input)");
	if (!l->nr_profiles) {
		l->profiles[l->nr_profiles++] = MP_LINUX_6_1;
		l->profiles[l->nr_profiles++] = MP_LINUX_6_12;
	}
	return 0;
}

static void lint_free(struct lint *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->f[i].file);
		free(l->f[i].code);
		free(l->f[i].path);
		free(l->f[i].message);
	}
	free(l->f);
	free(l->arena_mem);
}

int cli_cmd_lint(int argc, char **argv)
{
	const char *output = NULL, *empty_dir = NULL;
	struct cli_out out;
	struct lint l;
	int status = 0;
	size_t i;

	memset(&l, 0, sizeof(l));
	status = parse_lint_options(&l, argc, argv, &output);
	if (status)
		return status < 0 ? 0 : status;
	l.arena_mem = malloc(LINT_ARENA);
	if (!l.arena_mem) {
		return cli_error("memplan lint", "out of memory");
	}
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		struct stat st;
		size_t before = l.files;

		if (strcmp(argv[i], "-") && !stat(argv[i], &st) && S_ISDIR(st.st_mode)) {
			lint_dir(&l, argv[i], 0);
			if (l.files == before && !empty_dir)
				empty_dir = argv[i];
		} else {
			lint_file(&l, argv[i]);
		}
	}
	if (!l.files) {
		lint_free(&l);
		return cli_error("memplan lint", "nothing to lint: no *.dtb or *.dts file in %s",
				 empty_dir);
	}
	if (empty_dir)
		cli_error("memplan lint", "warning: %s: no *.dtb or *.dts file in it", empty_dir);
	status = cli_out_open(&out, "memplan lint", output);
	if (status) {
		lint_free(&l);
		return status;
	}
	if (l.json)
		report_json(&l, out.f);
	else
		report_text(&l, out.f);
	status = cli_out_close(&out, "memplan lint", true);
	for (i = 0; !status && i < l.n; i++)
		if (effective(&l, &l.f[i]) == MP_SEV_ERROR)
			status = CLI_EXIT_FINDINGS;
	lint_free(&l);
	return status;
}
