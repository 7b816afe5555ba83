// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * planinput.c - options describing one boot, and the plan built from them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "acpi_file.h"
#include "btf_file.h"
#include "efimap_file.h"
#include "image.h"
#include "kconfig.h"
#include "planinput.h"
#include "uboot.h"
#include "util.h"

/* arena: 64 MiB + 256 bytes per DT byte (capped at 1 GiB), once 4x on -NOSPACE */
#define ARENA_BASE (64u << 20)
#define ARENA_PER_DT_BYTE 256u
#define ARENA_CAP (1ull << 30)
#define ARENA_RETRY_FACTOR 4

enum {
	OPT_DTB = CLI_PLAN_OPT_FIRST,
	OPT_DTS,
	OPT_CMDLINE,
	OPT_KERNEL,
	OPT_KCONFIG,
	OPT_IMAGE,
	OPT_IMAGE_BASE,
	OPT_IMAGE_SIZE,
	OPT_FDT_BASE,
	OPT_ASSUME_MEMORY,
	OPT_UBOOT_ENV,
	OPT_CPU_VA52,
	OPT_BTF,
	OPT_EFI_MEMMAP,
	OPT_INITRD_SIZE,
	OPT_ACPI_IORT,
	OPT_PHYS_OFFSET,
	OPT_RMEM_OPS_LOST,
	OPT_RMEM_CALLER,
};

const struct option cli_plan_options[] = {
	CLI_OPT_ARG("dtb", OPT_DTB), CLI_OPT_ARG("dts", OPT_DTS),
	CLI_OPT_ARG("cmdline", OPT_CMDLINE), CLI_OPT_ARG("kernel", OPT_KERNEL),
	CLI_OPT_ARG("kconfig", OPT_KCONFIG), CLI_OPT_ARG("image", OPT_IMAGE),
	CLI_OPT_ARG("image-base", OPT_IMAGE_BASE), CLI_OPT_ARG("image-size", OPT_IMAGE_SIZE),
	CLI_OPT_ARG("fdt-base", OPT_FDT_BASE), CLI_OPT_ARG("assume-memory", OPT_ASSUME_MEMORY),
	CLI_OPT_ARG("uboot-env", OPT_UBOOT_ENV), CLI_OPT_FLAG("cpu-va52", OPT_CPU_VA52),
	CLI_OPT_ARG("btf", OPT_BTF), CLI_OPT_ARG("efi-memmap", OPT_EFI_MEMMAP),
	CLI_OPT_ARG("initrd-size", OPT_INITRD_SIZE), CLI_OPT_ARG("acpi-iort", OPT_ACPI_IORT),
	CLI_OPT_ARG("phys-offset", OPT_PHYS_OFFSET), CLI_OPT_FLAG("rmem-ops-lost", OPT_RMEM_OPS_LOST),
	CLI_OPT_ARG("rmem-caller", OPT_RMEM_CALLER),
	{ NULL, 0, NULL, 0 },
};

const char cli_plan_options_help[] =
	"  --dtb FILE            the flattened DT as the kernel receives it\n"
	"  --dts FILE            DT source; compiled with `dtc -I dts -O dtb` first\n"
	"  --cmdline STR         kernel command line (default: /chosen/bootargs)\n"
	"  --kernel PROFILE      linux-6.1 | linux-6.12 | mainline | memplan-6.12\n"
	"                        (default: linux-6.12)\n"
	"  --kconfig FILE        the kernel's .config (default: the profile's defaults)\n"
	"  --image FILE          arm64 Image: its header gives the image size\n"
	"  --image-base ADDR     physical address of the Image (_text)\n"
	"  --image-size N        _end - _text, instead of --image\n"
	"  --fdt-base ADDR       where the DTB itself sits in memory (it is reserved)\n"
	"  --assume-memory [BASE:]SIZE[,BASE:SIZE...]\n"
	"                        RAM the boot loader fills in, for a DT without usable\n"
	"                        /memory (default: 2 GiB, placed to cover the board's\n"
	"                        reservations; always stated as assumed)\n"
	"  --cpu-va52            the CPU has FEAT_LPA2 (4K/16K pages) or FEAT_LVA (64K):\n"
	"                        a 52-bit .config runs with 52 bits (default: a CPU\n"
	"                        without, such as cortex-a57: the 48-bit fallback)\n"
	"  --btf FILE            the kernel's BTF: /sys/kernel/btf/vmlinux, a vmlinux or\n"
	"                        the Image (Debian's carry it): exact struct sizes for\n"
	"                        the early allocations (else the .config's layouts)\n"
	"  --efi-memmap FILE     a UEFI boot: the EFI memory map, as a boot log with\n"
	"                        efi=debug shows it (dmesg, or its \"efi:\" lines) or in\n"
	"                        JSON (memplan(1)); memory then comes from the map\n"
	"  --initrd-size N       the initrd's size, for one the EFI stub loaded (the\n"
	"                        map shows where, not how big)\n"
	"  --acpi-iort FILE      the firmware's ACPI IORT (/sys/firmware/acpi/tables/IORT):\n"
	"                        its memory address limits bound ZONE_DMA, as\n"
	"                        acpi_iort_dma_get_max_cpu_address() (default: none)\n"
	"  --phys-offset ADDR    memstart_addr as the booted kernel had it: PHYS_OFFSET of\n"
	"                        its VMCOREINFO; KASLR's shift of the linear map moves\n"
	"                        the vmemmap and its page tables (default: no shift)\n"
	"  --rmem-ops-lost       model the 2024 v8 dynamic reserved_mem series: regions\n"
	"                        initialized before the reserved_mem[] array (6.12's\n"
	"                        dynamic ones) lose their ops, so devices naming them get\n"
	"                        -EINVAL (\"would this series break my board?\")\n"
	"  --rmem-caller COMPATIBLE\n"
	"                        the driver of nodes compatible with this calls\n"
	"                        of_reserved_mem_device_init_by_idx() for every\n"
	"                        memory-region index at probe: predict its lines too\n"
	"                        (repeatable; default: only of_dma_configure() calls it)\n"
	"  --uboot-env FILE      plan the DT and placement U-Boot 2023.01 booti hands over\n"
	"                        from this environment (printenv text; see memplan(1))\n";

struct option *cli_plan_options_merge(struct option *out, size_t cap, const struct option *extra)
{
	size_t n = 0, i;

	for (i = 0; extra && extra[i].name; i++) {
		if (n + 1 >= cap)
			return NULL;
		out[n++] = extra[i];
	}
	for (i = 0; cli_plan_options[i].name; i++) {
		if (n + 1 >= cap)
			return NULL;
		out[n++] = cli_plan_options[i];
	}
	memset(&out[n], 0, sizeof(out[n]));
	return out;
}

static int number(const char *prog, const char *opt, const char *arg, mp_u64 *v)
{
	uint64_t x;

	if (cli_parse_size(arg, &x)) {
		cli_error(prog, "--%s: invalid number '%s' (expected e.g. 0x40000000, 64M)", opt, arg);
		return -1;
	}
	*v = x;
	return 0;
}

int cli_plan_arg(struct cli_plan_args *a, int c, const char *arg, const char *prog)
{
	switch (c) {
	case OPT_DTB: a->dtb = arg; return 1;
	case OPT_DTS: a->dts = arg; return 1;
	case OPT_CMDLINE: a->cmdline = arg; return 1;
	case OPT_KERNEL: a->kernel = arg; return 1;
	case OPT_KCONFIG: a->kconfig = arg; return 1;
	case OPT_IMAGE: a->image = arg; return 1;
	case OPT_IMAGE_BASE:
		a->image_base_given = true;
		return number(prog, "image-base", arg, &a->image_base) ? -1 : 1;
	case OPT_IMAGE_SIZE:
		a->image_size_given = true;
		if (number(prog, "image-size", arg, &a->image_size))
			return -1;
		if (!a->image_size) {
			cli_error(prog, "--image-size: must not be 0");
			return -1;
		}
		return 1;
	case OPT_UBOOT_ENV: a->uboot_env = arg; return 1;
	case OPT_CPU_VA52: a->cpu_va52 = true; return 1;
	case OPT_BTF: a->btf = arg; return 1;
	case OPT_EFI_MEMMAP: a->efi_memmap = arg; return 1;
	case OPT_INITRD_SIZE:
		return number(prog, "initrd-size", arg, &a->initrd_size) ? -1 : 1;
	case OPT_ACPI_IORT: a->acpi_iort = arg; return 1;
	case OPT_RMEM_OPS_LOST: a->rmem_ops_lost = true; return 1;
	case OPT_RMEM_CALLER:
		return cli_rmem_caller_add(prog, a->rmem_callers, &a->nr_rmem_callers, arg) ? -1 : 1;
	case OPT_PHYS_OFFSET:
		a->phys_offset_given = true;
		return number(prog, "phys-offset", arg, &a->phys_offset) ? -1 : 1;
	case OPT_FDT_BASE:
		a->fdt_base_given = true;
		return number(prog, "fdt-base", arg, &a->fdt_base) ? -1 : 1;
	case OPT_ASSUME_MEMORY:
		return cli_parse_assume_memory(prog, arg, &a->assume) ? -1 : 1;
	}
	return 0;
}

int cli_rmem_caller_add(const char *prog, const char **list, size_t *nr, const char *arg)
{
	if (!*arg)
		return cli_usage_error(prog, "--rmem-caller: empty compatible");
	if (*nr == MP_RMEM_CALLERS_MAX)
		return cli_usage_error(prog, "--rmem-caller: more than %d compatibles",
				       MP_RMEM_CALLERS_MAX);
	list[(*nr)++] = arg;
	return 0;
}

/* one bank: "SIZE" (only alone) or "BASE:SIZE" */
static int assume_bank(const char *prog, const char *tok, struct cli_assume *out)
{
	const char *colon = strchr(tok, ':');
	uint64_t b = 0, sz;
	mp_u64 end;
	char tmp[64];

	if (colon) {
		if ((size_t)(colon - tok) >= sizeof(tmp))
			return cli_usage_error(prog, "--assume-memory: bad base in '%s'", tok);
		memcpy(tmp, tok, (size_t)(colon - tok));
		tmp[colon - tok] = '\0';
		if (cli_parse_size(tmp, &b))
			return cli_usage_error(prog, "--assume-memory: bad base '%s'", tmp);
	}
	if (cli_parse_size(colon ? colon + 1 : tok, &sz) || !sz)
		return cli_usage_error(prog, "--assume-memory: bad size in '%s' ([BASE:]SIZE, "
				       "e.g. 0x80000000:4G)", tok);
	if (mp_add_overflows(b, sz, &end))
		return cli_usage_error(prog, "--assume-memory: %s: the bank ends past the 64-bit "
				       "address space", tok);
	if (out->nr && (!colon || !out->base_given))
		return cli_usage_error(prog, "--assume-memory: several banks each need a base "
				       "(BASE:SIZE,BASE:SIZE)");
	if (out->nr == MP_ASSUME_MAX_BANKS)
		return cli_usage_error(prog, "--assume-memory: more than %d banks",
				       MP_ASSUME_MAX_BANKS);
	out->base_given = colon != NULL;
	out->banks[out->nr++] = (struct mp_range){ b, sz };
	return 0;
}

int cli_parse_assume_memory(const char *prog, const char *arg, struct cli_assume *out)
{
	char buf[512], *tok, *save = NULL;

	memset(out, 0, sizeof(*out));
	if (strlen(arg) >= sizeof(buf))
		return cli_usage_error(prog, "--assume-memory: value too long");
	strcpy(buf, arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (assume_bank(prog, tok, out))
			return CLI_EXIT_USAGE;
	if (!out->nr)
		return cli_usage_error(prog, "--assume-memory: empty value ([BASE:]SIZE)");
	return 0;
}

char *cli_dt_assume_memory(const char *prog, const char *name, const char *dtb,
			   const struct cli_assume *given, struct mp_mem_assumption *a,
			   size_t *len)
{
	size_t cap = fdt_totalsize(dtb) + 1024;
	char *buf;
	int err = mp_assume_memory(dtb, given->banks, given->nr, given->base_given, a);

	if (err) {
		cli_error(prog, "%s: cannot assume memory: the root's #address-cells/#size-cells "
			  "are not 1 or 2, or a bank wraps", name);
		return NULL;
	}
	buf = malloc(cap);
	if (!buf) {
		cli_error(prog, "%s: out of memory", name);
		return NULL;
	}
	err = mp_dt_with_memory(dtb, a, buf, cap, len);
	if (err) {
		cli_error(prog, "%s: cannot write the assumed memory into the DT%s", name,
			  err == -MP_EINVAL ? ": a bank does not fit the root's #address-cells/"
					      "#size-cells" : "");
		free(buf);
		return NULL;
	}
	return buf;
}

int cli_plan_args_check(const struct cli_plan_args *a, const char *prog)
{
	enum mp_profile p;

	int given = !!a->dtb + !!a->dts + !!a->dt_file;

	if (given != 1)
		return cli_error(prog, given ? "give one DT: FILE, --dtb FILE or --dts FILE" :
					  "a DT is required: FILE, --dtb FILE or --dts FILE "
					  "(\"-\" reads standard input)");
	if (a->image && a->image_size_given)
		return cli_error(prog, "--image and --image-size both give the image size; use one");
	if (a->kernel && mp_profile_parse(a->kernel, &p) < 0)
		return cli_error(prog, "--kernel: unknown profile '%s' (linux-6.1, linux-6.12, "
				  "mainline, memplan-6.12)", a->kernel);
	return 0;
}

int cli_plan_load(const struct cli_plan_args *a, struct cli_planned *p, const char *prog)
{
	char err[512];

	memset(p, 0, sizeof(*p));
	p->dt_name = a->dtb ? a->dtb : a->dts ? a->dts : a->dt_file;
	if (!strcmp(p->dt_name, "-"))
		p->dt_name = "<stdin>";	/* as dtc names it */
	if (mp_profile_parse(a->kernel ? a->kernel : "linux-6.12", &p->in.profile) < 0 ||
	    mp_kconfig_defaults(p->in.profile, &p->in.kc) < 0)
		return cli_error(prog, "--kernel: unknown profile '%s'", a->kernel);
	if (a->kconfig) {
		struct cli_kconfig_ident id;

		if (cli_kconfig_load(&p->in.kc, a->kconfig, &p->kcbuf, err, sizeof(err), &id))
			return cli_error(prog, "%s", err);
		cli_kconfig_warn_version(prog, a->kconfig, &id, p->in.profile);
	}
	if (a->btf && cli_btf_struct_sizes(a->btf, p->in.btf_sizes, err, sizeof(err)))
		return cli_error(prog, "%s", err);
	if (a->efi_memmap && cli_efi_map_load(a->efi_memmap, &p->efi, err, sizeof(err)))
		return cli_error(prog, "%s", err);
	p->in.efi = p->efi;
	p->in.initrd_size = a->initrd_size;
	p->in.phys_offset = a->phys_offset;
	p->in.phys_offset_given = a->phys_offset_given;
	p->in.rmem_ops_lost = a->rmem_ops_lost;
	p->in.rmem_callers = a->rmem_callers;
	p->in.nr_rmem_callers = a->nr_rmem_callers;
	if (a->acpi_iort) {
		if (cli_iort_load(a->acpi_iort, &p->iort, err, sizeof(err)))
			return cli_error(prog, "%s", err);
		p->in.iort = &p->iort;
	}
	if (a->image) {
		struct cli_image_header hdr;

		if (cli_image_read(a->image, &hdr, err, sizeof(err)))
			return cli_error(prog, "%s", err);
		if (hdr.big_endian)
			fprintf(stderr, "%s: warning: %s: a big-endian kernel; memplan models "
					"little-endian arm64\n", prog, a->image);
		if (hdr.page_shift && hdr.page_shift != p->in.kc.page_shift)
			fprintf(stderr, "%s: warning: %s: built for %u KiB pages, but the %s says "
					"%u KiB\n", prog, a->image, (1u << hdr.page_shift) >> 10,
				a->kconfig ? ".config" : "profile default",
				(1u << p->in.kc.page_shift) >> 10);
		p->in.image.size = hdr.image_size;
	}
	if (a->image_size_given)
		p->in.image.size = a->image_size;
	if (a->image_base_given) {
		p->in.image.text = a->image_base;
		p->in.image_given = true;
	}
	p->in.fdt_base = a->fdt_base;
	p->in.fdt_base_given = a->fdt_base_given;
	p->in.cmdline = a->cmdline;
	p->in.strict = true;
	p->assume_given = a->assume;
	p->in.cpu_va52 = a->cpu_va52;
	p->in.cpu_va52_src = a->cpu_va52 ? MP_SRC_GIVEN : MP_SRC_ASSUMED;
	p->in.profile_src = a->kernel ? MP_SRC_GIVEN : MP_SRC_DEFAULT;
	p->in.image_size_src = a->image_size_given ? MP_SRC_GIVEN : a->image ? MP_SRC_FILE :
										 MP_SRC_UNSAID;
	if (cli_load_dt(prog, a->dtb ? a->dtb : a->dts ? a->dts : a->dt_file,
			a->dtb ? CLI_DT_BLOB : a->dts ? CLI_DT_SOURCE : CLI_DT_SNIFF, &p->dtb,
			&p->dtb_len))
		return CLI_EXIT_USAGE;
	p->in.fdt = p->dtb;
	p->in.fdt_len = p->dtb_len;
	return a->uboot_env ? cli_uboot_apply(p, a->uboot_env, a->image, prog) : 0;
}

/* the DT leaves RAM to the boot loader: plan it as the boot loader would hand it over */
static int assume_memory(struct cli_planned *p, const char *prog)
{
	size_t len;
	char *dtb = cli_dt_assume_memory(prog, p->dt_name, p->dtb, &p->assume_given,
					 &p->assumption, &len);

	if (!dtb)
		return -1;
	free(p->dtb);
	p->dtb = dtb;
	p->dtb_len = len;
	p->in.fdt = dtb;
	p->in.fdt_len = len;
	p->in.mem_assumed = &p->assumption;
	return 0;
}

int cli_plan_run(struct cli_planned *p, const char *prog)
{
	size_t size = p->dtb_len > ARENA_CAP / ARENA_PER_DT_BYTE ? ARENA_CAP :
			ARENA_BASE + p->dtb_len * ARENA_PER_DT_BYTE;
	int ret = 0, attempt;

	if (size > ARENA_CAP)
		size = ARENA_CAP;
	if (p->mem && p->mem_size >= size)
		size = p->mem_size;
	for (attempt = 0; attempt < 2; attempt++) {
		if (!p->mem || p->mem_size < size) {
			free(p->mem);
			p->mem = malloc(size);
			p->mem_size = p->mem ? size : 0;
		}
		if (!p->mem)
			return cli_error(prog, "%s: cannot allocate %zu MiB for the plan", p->dt_name,
				    size >> 20);
		mp_arena_init(&p->arena, p->mem, p->mem_size);
		p->plan = NULL;
		ret = mp_plan_build(&p->in, &p->arena, &p->plan);
		if (ret < 0 && p->plan && p->plan->memory_missing && !p->in.mem_assumed) {
			if (assume_memory(p, prog))
				return CLI_EXIT_USAGE;
			attempt--;
			continue;
		}
		if (ret != -MP_ERR_NOSPACE)
			break;
		size *= ARENA_RETRY_FACTOR;
	}
	if (!ret && p->assume_given.nr && !p->in.mem_assumed)
		fprintf(stderr, "%s: warning: %s: --assume-memory ignored: the DT's /memory "
				"gives RAM\n", prog, p->dt_name);
	if (ret == -MP_ERR_NOSPACE)
		return cli_error(prog, "%s: the plan needs more than %zu MiB of memory", p->dt_name,
			    p->mem_size >> 20);
	if (ret < 0) {
		cli_error(prog, "%s: %s", p->dt_name,
		     p->plan && p->plan->error ? p->plan->error : mp_strerror(-ret));
		if (ret == -MP_ERR_BADDTB && p->dtb_len >= 8 && !memcmp(p->dtb, "/dts-v1/", 8))
			fprintf(stderr, "%s: %s looks like DT source: use --dts\n", prog,
				p->dt_name);
		return CLI_EXIT_USAGE;
	}
	return 0;
}

void cli_planned_free(struct cli_planned *p)
{
	free(p->mem);
	free(p->dtb);
	free(p->kcbuf);
	free(p->efi);
	memset(p, 0, sizeof(*p));
}

int cli_plan_boot(const struct cli_plan_args *a, struct cli_planned *p, const char *prog)
{
	int status = cli_plan_load(a, p, prog);

	return status ? status : cli_plan_run(p, prog);
}
