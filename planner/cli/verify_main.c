// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_main.c - `memplan verify`: build the plan for the DTB a kernel really
 * received and compare it with that kernel's boot log, /proc/iomem and memblock
 * debugfs (verify.h).  This file parses the options, loads the inputs, plans the
 * recorded boot (and, with --capture, the capture kernel kexec -p booted from it,
 * as the core's mp_capture_input() describes it), runs the checks in order and
 * writes the report; verify_internal.h lists the files that do each job.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acpi_file.h"
#include "image.h"
#include "kconfig.h"
#include "planinput.h"
#include "btf_file.h"
#include "efimap_file.h"
#include "verify_internal.h"

#define ARENA_BASE (64u << 20)
#define ARENA_PER_DT_BYTE 256u
#define ARENA_CAP (1ull << 30)

static const char usage_verify[] =
	"Usage: memplan verify --record DIR [OPTION]...\n"
	"       memplan verify --boot-log FILE (--dtb FILE | --dts FILE) [OPTION]...\n"
	"Plan the boot of the DTB a kernel received and compare the prediction with what\n"
	"that kernel really did:\n"
	"  - the kernel_log families (crashkernel*, cannot allocate crashkernel, Reserved\n"
	"    memory:, OF: reserved mem: incl. OVERLAP, OF: fdt: Reserved memory, cma:, the\n"
	"    zone lines), predicted vs printed, line by line in order;\n"
	"  - /proc/iomem \"Crash kernel\" ranges vs the planned crash regions;\n"
	"  - every exact (not estimated) allocation of the plan vs memblock.reserved\n"
	"    (the initrd, the kernel image and static no-map regions via /proc/iomem);\n"
	"  - the linear map vs kernel_page_tables, when the record has it;\n"
	"  - the early decisions of a memplan-6.12 kernel (early_mm.json =\n"
	"    /sys/kernel/debug/arm64_early_mm, early_mm.shrunk.json after a shrink,\n"
	"    early_mm.loaded.json after kexec -p),\n"
	"    when the record has them: member by member, the first differing value shown.\n"
	"\n"
	"Input:\n"
	"  --record DIR          a boot record of scripts/qemu-boot: fdt.dtb, cmdline,\n"
	"                        serial.log and/or dmesg, iomem, memblock-reserved,\n"
	"                        memblock-memory, kernel_page_tables, early_mm.json,\n"
	"                        IORT (an ACPI boot's /sys/firmware/acpi/tables/IORT)\n"
	"                        (missing files skip the checks that need them)\n"
	"  --boot-log FILE       a kernel log (dmesg, dmesg -r or a serial console log);\n"
	"                        only the log comparison is made\n"
	"  --capture             with --record of a kdump boot: plan the first kernel from\n"
	"                        DIR, then the capture kernel kexec -p sets up from it\n"
	"                        (as `memplan plan --capture`: command line from\n"
	"                        DIR/capture/cmdline, initrd size from DIR/capture/fdt.dtb),\n"
	"                        and compare that plan with the capture boot in DIR/capture\n"
	"  --boot N              which boot of a log holding several (kdump: 0 = first\n"
	"                        kernel, 1 = capture kernel; default 0)\n"
	"  --dtb FILE, --dts FILE  the DT (default with --record: DIR/fdt.dtb)\n"
	"  --cmdline STR         (default with --record: DIR/cmdline, else /chosen/bootargs)\n"
	"  --kernel PROFILE      linux-6.1 | linux-6.12 | mainline | memplan-6.12\n"
	"                        (default: linux-6.12)\n"
	"  --kconfig FILE        the kernel's .config\n"
	"  --image FILE | --image-size N   the Image (its header) or its size\n"
	"  --btf FILE            the kernel's BTF (/sys/kernel/btf/vmlinux, vmlinux, Image):\n"
	"                        exact struct sizes for the early allocations\n"
	"  --efi-memmap FILE     a UEFI boot's EFI memory map (memplan plan --help); with\n"
	"                        a log of a boot with efi=debug taken from the log\n"
	"  --initrd-size N       the initrd the EFI stub loaded; with --record derived\n"
	"                        from its QEMU command, else \"Freeing initrd memory\"\n"
	"  --acpi-iort FILE      the firmware's IORT: its limits bound ZONE_DMA\n"
	"                        (default with --record: DIR/IORT when it exists)\n"
	"  --phys-offset ADDR    the booted kernel's memstart_addr, KASLR's shift of the\n"
	"                        linear map (default with --record: PHYS_OFFSET of\n"
	"                        DIR/vmcoreinfo, DIR/capture/vmcoreinfo with --capture)\n"
	"  --rmem-caller COMPATIBLE  the driver of nodes compatible with this calls\n"
	"                        of_reserved_mem_device_init_by_idx() for every\n"
	"                        memory-region index: its \"assigned reserved memory\n"
	"                        node\" lines are predicted too (repeatable; with\n"
	"                        --capture the capture kernel's drivers)\n"
	"  --image-base ADDR     pa(_text); with --record derived from /proc/iomem\n"
	"                        \"Kernel code\" rounded down to 2 MiB when not given\n"
	"  --fdt-base ADDR       where the DTB sat; with --record derived when not given:\n"
	"                        /chosen linux,initrd-end rounded up to 2 MiB (QEMU's rule)\n"
	"                        confirmed by a memblock-reserved range of the DTB's\n"
	"                        totalsize, else such a 2 MiB aligned reserved range\n"
	"\n"
	"Output:\n"
	"  --format FMT          text (default) or json (\"memplan-verify/1\")\n"
	"  -o, --output FILE     write to FILE instead of standard output\n"
	"  -h, --help            show this help\n"
	"\n"
	"The text report ends with \"summary: M of N lines matched ...: MATCH|MISMATCH\".\n"
	"Exit status: 0 everything matched; 1 a mismatch; 2 bad input or usage.\n";


enum {
	O_RECORD = 256, O_BOOTLOG, O_BOOT, O_DTB, O_DTS, O_CMDLINE, O_KERNEL, O_KCONFIG,
	O_IMAGE, O_IMAGE_BASE, O_IMAGE_SIZE, O_FDT_BASE, O_FORMAT, O_CAPTURE, O_BTF, O_ACPI_IORT,
	O_EFI_MEMMAP, O_INITRD_SIZE, O_PHYS_OFFSET, O_RMEM_CALLER,
};

static const struct option verify_options[] = {
	CLI_OPT_ARG("record", O_RECORD), CLI_OPT_FLAG("capture", O_CAPTURE),
	CLI_OPT_ARG("boot-log", O_BOOTLOG), CLI_OPT_ARG("boot", O_BOOT),
	CLI_OPT_ARG("dtb", O_DTB), CLI_OPT_ARG("dts", O_DTS), CLI_OPT_ARG("cmdline", O_CMDLINE),
	CLI_OPT_ARG("kernel", O_KERNEL), CLI_OPT_ARG("kconfig", O_KCONFIG),
	CLI_OPT_ARG("image", O_IMAGE), CLI_OPT_ARG("image-base", O_IMAGE_BASE),
	CLI_OPT_ARG("image-size", O_IMAGE_SIZE), CLI_OPT_ARG("fdt-base", O_FDT_BASE),
	CLI_OPT_ARG("btf", O_BTF), CLI_OPT_ARG("acpi-iort", O_ACPI_IORT),
	CLI_OPT_ARG("efi-memmap", O_EFI_MEMMAP), CLI_OPT_ARG("initrd-size", O_INITRD_SIZE),
	CLI_OPT_ARG("phys-offset", O_PHYS_OFFSET), CLI_OPT_ARG("rmem-caller", O_RMEM_CALLER),
	CLI_OPT_ARG("format", O_FORMAT), CLI_OPT_ARG("output", 'o'), CLI_OPT_FLAG("help", 'h'),
	{ NULL, 0, NULL, 0 },
};

/* a number option: 0 with @v and @given set, or the usage error's exit status */
static int num_opt(const char *opt, const char *arg, mp_u64 *v, bool *given)
{
	uint64_t x;

	if (cli_parse_size(arg, &x))
		return vusage("--%s: invalid number '%s' (expected e.g. 0x40000000, 64M)", opt,
			      arg);
	*v = x;
	*given = true;
	return 0;
}

/* Returns 0 to go on, -1 after --help, or an exit status. */
static int parse_opts(int argc, char **argv, struct verify_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->kernel = "linux-6.12";
	o->format = "text";
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", verify_options, NULL)) != -1) {
		switch (c) {
		case O_RECORD: o->record = optarg; break;
		case O_CAPTURE: o->capture = true; break;
		case O_BOOTLOG: o->bootlog = optarg; break;
		case O_DTB: o->dtb = optarg; break;
		case O_DTS: o->dts = optarg; break;
		case O_CMDLINE: o->cmdline = optarg; break;
		case O_KERNEL: o->kernel = optarg; o->kernel_given = true; break;
		case O_KCONFIG: o->kconfig = optarg; break;
		case O_IMAGE: o->image = optarg; break;
		case O_BTF: o->btf = optarg; break;
		case O_EFI_MEMMAP: o->efi_memmap = optarg; break;
		case O_INITRD_SIZE: {
			bool given;

			if (num_opt("initrd-size", optarg, &o->initrd_size, &given))
				return VERIFY_EXIT_USAGE;
			break;
		}
		case O_PHYS_OFFSET:
			if (num_opt("phys-offset", optarg, &o->phys_offset, &o->phys_offset_given))
				return VERIFY_EXIT_USAGE;
			break;
		case O_ACPI_IORT: o->acpi_iort = optarg; break;
		case O_RMEM_CALLER:
			if (cli_rmem_caller_add("memplan verify", o->rmem_callers,
						&o->nr_rmem_callers, optarg))
				return VERIFY_EXIT_USAGE;
			break;
		case O_FORMAT: o->format = optarg; break;
		case 'o': o->output = optarg; break;
		case O_BOOT: {
			char *end;
			long v;

			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 0 || v > 1000)
				return vusage("--boot: '%s' is not a boot number (0, 1, ...)",
					      optarg);
			o->boot = (int)v;
			break;
		}
		case O_IMAGE_BASE:
			if (num_opt("image-base", optarg, &o->image_base, &o->image_base_given))
				return VERIFY_EXIT_USAGE;
			break;
		case O_IMAGE_SIZE:
			if (num_opt("image-size", optarg, &o->image_size, &o->image_size_given))
				return VERIFY_EXIT_USAGE;
			if (!o->image_size)
				return vusage("--image-size: must not be 0");
			break;
		case O_FDT_BASE:
			if (num_opt("fdt-base", optarg, &o->fdt_base, &o->fdt_base_given))
				return VERIFY_EXIT_USAGE;
			break;
		case 'h': fputs(usage_verify, stdout); return -1;
		default: return cli_getopt_error("memplan verify", c, argv);
		}
	}
	if (optind < argc)
		return vusage("unexpected argument '%s'", argv[optind]);
	if (!o->record == !o->bootlog)
		return vusage(o->record ? "give either --record or --boot-log, not both" :
					  "--record DIR or --boot-log FILE is required");
	if (o->dtb && o->dts)
		return vusage("give either --dtb or --dts, not both");
	if (o->capture && !o->record)
		return vusage("--capture needs --record DIR of a kdump boot (DIR/capture/)");
	if (o->bootlog && !o->dtb && !o->dts)
		return vusage("--boot-log needs the DT the kernel received: --dtb or --dts");
	if (o->image && o->image_size_given)
		return vusage("--image and --image-size both give the image size; use one");
	if (strcmp(o->format, "text") && strcmp(o->format, "json"))
		return vusage("--format: '%s' is not text or json", o->format);
	return 0;
}

/* one run of the command: its inputs, the plan, the result */
struct verify_run {
	struct verify_opts o;
	struct verify_result res;
	struct bootrec_log log;
	struct bootrec_iomem io;
	struct bootrec_memblock rsv, mem;
	bool has_io, has_rsv, has_mem;
	struct mp_input in;
	struct mp_iort iort;	/* --acpi-iort or DIR/IORT: in.iort points here */
	struct mp_arena arena;
	struct mp_plan *plan;
	char *dtb, *kcbuf, *cmdline, *capdir;
	struct mp_efi_map *efi;	/* --efi-memmap or the log's (owned) */
	size_t dtb_len;
	void *arena_mem;
	size_t arena_size;
	char source[4200];
};

/* a file here would otherwise fail later as "DIR/cmdline: Not a directory" */
static int check_record_dir(const char *record)
{
	struct stat st;

	if (stat(record, &st))
		return verr("--record %s: %s", record, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return verr("--record %s: not a directory (a boot record: a directory with "
			    "fdt.dtb, serial.log, iomem, ...)", record);
	return 0;
}

/* the kernel profile, its .config and the Image size: 0 or -1 (reported) */
static int load_kernel(struct verify_run *v)
{
	const struct verify_opts *o = &v->o;
	char err[512];

	v->in.profile_src = o->kernel_given ? MP_SRC_GIVEN : MP_SRC_DEFAULT;
	if (mp_profile_parse(o->kernel, &v->in.profile) < 0)
		return vusage("--kernel: unknown profile '%s' (linux-6.1, linux-6.12, mainline, "
			      "memplan-6.12)", o->kernel), -1;
	if (mp_kconfig_defaults(v->in.profile, &v->in.kc) < 0)
		return verr("no kconfig defaults for %s", o->kernel), -1;
	if (o->kconfig) {
		struct cli_kconfig_ident id;

		if (cli_kconfig_load(&v->in.kc, o->kconfig, &v->kcbuf, err, sizeof(err), &id))
			return verr("%s", err), -1;
		cli_kconfig_warn_version("memplan verify", o->kconfig, &id, v->in.profile);
	}
	if (o->btf && cli_btf_struct_sizes(o->btf, v->in.btf_sizes, err, sizeof(err)))
		return verr("%s", err), -1;
	if (o->acpi_iort) {
		if (cli_iort_load(o->acpi_iort, &v->iort, err, sizeof(err)))
			return verr("%s", err), -1;
		v->in.iort = &v->iort;
	}
	if (o->image) {
		struct cli_image_header hdr;

		if (cli_image_read(o->image, &hdr, err, sizeof(err)))
			return verr("%s", err), -1;
		v->in.image.size = hdr.image_size;
	}
	if (o->image_size_given)
		v->in.image.size = o->image_size;
	return 0;
}

/* the record's tables, its IORT and command line: 0 or -1 (reported) */
/* PHYS_OFFSET from the record's VMCOREINFO text: memstart_addr with KASLR's shift */
static void record_phys_offset(struct verify_run *v, struct mp_input *in, const char *file)
{
	in->phys_offset_given = true;
	in->phys_offset_src = MP_SRC_RECORD;
	verify_add_derived(&v->res, "PHYS_OFFSET from %s: memstart_addr 0x%016llx", file,
			   (unsigned long long)in->phys_offset);
}

static int load_record(struct verify_run *v)
{
	int r;

	if (access(v->o.record, R_OK | X_OK))
		return verr("%s: %s", v->o.record, strerror(errno)), -1;
	if (verify_load_record_tables(v->o.record, &v->io, &v->has_io, &v->rsv, &v->has_rsv,
				      &v->mem, &v->has_mem))
		return -1;
	/* an ACPI boot's IORT bounds ZONE_DMA; --acpi-iort overrides the record's */
	if (!v->in.iort) {
		r = verify_read_iort(v->o.record, &v->iort);
		if (r < 0)
			return -1;
		if (r) {
			v->in.iort = &v->iort;
			v->in.iort_src = MP_SRC_RECORD;
			verify_add_derived(&v->res, "IORT from the record: ZONE_DMA limit "
					   "0x%016llx", (unsigned long long)v->iort.dma_max);
		}
	}
	/* KASLR's shift of the linear map: the first kernel's VMCOREINFO */
	if (!v->o.phys_offset_given) {
		r = verify_read_phys_offset(v->o.record, "vmcoreinfo", &v->in.phys_offset);
		if (r < 0)
			return -1;
		if (r)
			record_phys_offset(v, &v->in, "vmcoreinfo");
	}
	if (v->o.cmdline)
		return 0;
	if (verify_read_cmdline(v->o.record, &v->cmdline))
		return -1;
	if (v->cmdline)
		v->o.cmdline = v->cmdline;
	return 0;
}

/* the DT the kernel received: 0 or -1 (reported) */
static int load_dt(struct verify_run *v)
{
	const struct verify_opts *o = &v->o;

	if (o->dts) {
		if (cli_load_dt("memplan verify", o->dts, CLI_DT_SOURCE, &v->dtb, &v->dtb_len))
			return -1;
	} else {
		char *p = o->dtb ? strdup(o->dtb) : verify_path_in(o->record, "fdt.dtb");
		int r;

		if (!p)
			return verr("out of memory"), -1;
		r = cli_load_dt("memplan verify", p, CLI_DT_BLOB, &v->dtb, &v->dtb_len);
		free(p);
		if (r)
			return -1;
	}
	if (v->dtb_len < 40 || fdt_check_header(v->dtb) || fdt_totalsize(v->dtb) > v->dtb_len ||
	    mp_dt_struct_walk(v->dtb, v->dtb_len))
		return verr("%s: not a flattened device tree",
			    o->dtb ? o->dtb : o->dts ? o->dts : "fdt.dtb"), -1;
	return 0;
}

/* a UEFI boot's EFI memory map: --efi-memmap, else the log's: 0 or -1 (reported) */
static int load_efi(struct verify_run *v)
{
	char err[512];

	if (v->o.efi_memmap) {
		if (cli_efi_map_load(v->o.efi_memmap, &v->efi, err, sizeof(err)))
			return verr("%s", err), -1;
		return 0;
	}
	if (verify_derive_efi(&v->log, v->o.boot, &v->res, &v->efi))
		return verr("out of memory"), -1;
	return 0;
}

/* the Image and DTB placement: given, or derived from the record */
static void place_inputs(struct verify_run *v)
{
	const struct verify_opts *o = &v->o;
	struct mp_input *in = &v->in;

	if (o->image_base_given) {
		in->image.text = o->image_base;
		in->image_given = true;
	} else if (o->record && v->has_io &&
		   !verify_derive_image(&v->io, &v->res, &in->image, in->image.size != 0,
					v->efi)) {
		in->image_given = true;
		in->image_base_src = MP_SRC_RECORD;
	}
	if (o->fdt_base_given) {
		in->fdt_base = o->fdt_base;
		in->fdt_base_given = true;
	} else if (o->record && !v->efi) {
		/* a UEFI boot: the core finds the stub's DTB in the EFI map */
		if (!verify_derive_xen_dtb(o->record, &v->res, &in->fdt_base)) {
			in->fdt_base_given = true;
			in->fdt_base_src = MP_SRC_RECORD;
		} else if (!verify_derive_fdt_base(v->dtb, v->has_rsv ? &v->rsv : NULL,
					    v->has_io ? &v->io : NULL, &v->res, &in->fdt_base)) {
			in->fdt_base_given = true;
			in->fdt_base_src = MP_SRC_RECORD;
		} else
			verify_add_derived(&v->res, "--fdt-base: cannot be derived from the "
					   "record (no initrd, no reserved range of the DTB's "
					   "size): the plan does not reserve the DTB");
	}
	in->fdt = v->dtb;
	in->fdt_len = v->dtb_len;
	in->cmdline = o->cmdline;
	in->efi = v->efi;
	in->initrd_size = o->initrd_size;
	/* the verified kernel's drivers that ask for their regions (with --capture the capture's) */
	in->rmem_callers = o->rmem_callers;
	in->nr_rmem_callers = o->nr_rmem_callers;
	/* --phys-offset is the verified kernel's: with --capture the capture kernel's */
	if (o->phys_offset_given && !o->capture) {
		in->phys_offset = o->phys_offset;
		in->phys_offset_given = true;
		in->phys_offset_src = MP_SRC_GIVEN;
	}
	if (v->efi && !in->initrd_size)
		in->initrd_size = verify_derive_initrd_size(o->record, &v->log, o->boot, &v->res);
	in->cpu_va52 = verify_derive_cpu_va52(&v->log, &in->kc, &v->res);
	in->cpu_va52_src = MP_SRC_RECORD;
	in->strict = false; /* a real kernel booted this DT: model, do not reject */
}

/* the plan of the recorded boot, the arena grown once if too small: 0 or -1 (reported) */
static int build_plan(struct verify_run *v)
{
	int ret = 0, attempt;

	v->arena_size = ARENA_BASE + (v->dtb_len > ARENA_CAP / ARENA_PER_DT_BYTE ?
					      ARENA_CAP :
					      v->dtb_len * ARENA_PER_DT_BYTE);
	if (v->arena_size > ARENA_CAP)
		v->arena_size = ARENA_CAP;
	for (attempt = 0; attempt < 2; attempt++) {
		free(v->arena_mem);
		v->arena_mem = malloc(v->arena_size);
		if (!v->arena_mem)
			return verr("cannot allocate %zu MiB for the plan",
				    v->arena_size >> 20), -1;
		mp_arena_init(&v->arena, v->arena_mem, v->arena_size);
		v->plan = NULL;
		ret = mp_plan_build(&v->in, &v->arena, &v->plan);
		if (ret != -MP_ERR_NOSPACE)
			break;
		v->arena_size *= 4;
	}
	if (ret < 0)
		return verr("planning failed: %s", v->plan && v->plan->error ? v->plan->error :
						   mp_strerror(-ret)), -1;
	return 0;
}

/* the options kexec -p was given in a kdump record: 0, or -1 (reported) */
static int capture_opts(struct verify_run *v, struct mp_capture_opts *co, char **cmd)
{
	char *p = verify_path_in(v->o.record, "capture/cmdline");
	size_t len;
	mp_u64 shrink_to;
	int ret;

	if (!p || bootrec_read_file(p, cmd, &len)) {
		free(p);
		return verr("%s/capture/cmdline: cannot be read (not a kdump record?)",
			    v->o.record), -1;
	}
	free(p);
	while (len && ((*cmd)[len - 1] == '\n' || (*cmd)[len - 1] == ' '))
		(*cmd)[--len] = '\0';
	co->cmdline = *cmd;
	ret = verify_read_crash_shrink(v->o.record, &shrink_to);
	if (ret < 0)
		return -1;
	if (ret > 0) {
		struct mp_range freed[MP_CRASH_SHRINK_MAX];

		/* the first kernel's plan as kexec -p found it */
		mp_crash_shrink(v->plan, shrink_to, freed);
		verify_add_derived(&v->res, "crash kernel shrunk to 0x%llx bytes before kexec -p "
					    "(kexec_crash_size)", (unsigned long long)shrink_to);
	}
	co->initrd_size = verify_capture_initrd_size(v->o.record);
	co->nr_cpus = 1;
	return 0;
}

/*
 * --capture: from the first kernel's plan, the DT and placement kexec -p gives
 * the capture kernel (the core's mp_capture_input()), and the capture kernel's plan.
 */
static int plan_capture(struct verify_run *v)
{
	struct mp_capture_opts co = { 0 };
	struct mp_capture cap;
	struct mp_input in;
	char *cmd = NULL, *dtb = NULL, err[512];
	size_t room;
	int ret = capture_opts(v, &co, &cmd);

	if (!ret) {
		room = mp_capture_dtb_room(v->in.fdt, &co);
		dtb = malloc(room);
		if (!dtb)
			ret = verr("--capture: out of memory");
		else if (mp_capture_input(v->plan, &v->in, &co, dtb, room, &cap, &in, err,
					  sizeof(err)))
			ret = verr("--capture: %s", err);
	}
	free(cmd);
	if (ret) {
		free(dtb);
		return -1;
	}
	verify_add_derived(&v->res, "capture kernel: Image at 0x%llx, DTB at 0x%llx, "
				    "elfcorehdr 0x%llx+0x%llx, initrd of 0x%llx bytes",
			   (unsigned long long)cap.image_base, (unsigned long long)cap.fdt_base,
			   (unsigned long long)cap.elfcorehdr,
			   (unsigned long long)cap.elfcorehdr_size,
			   (unsigned long long)co.initrd_size);
	free(v->dtb);
	v->dtb = dtb;
	v->dtb_len = cap.dtb_len;
	v->in = in;
	mp_arena_init(&v->arena, v->arena_mem, v->arena_size);
	v->plan = NULL;
	if (v->o.phys_offset_given) {
		v->in.phys_offset = v->o.phys_offset;
		v->in.phys_offset_given = true;
	} else {
		ret = verify_read_phys_offset(v->o.record, "capture/vmcoreinfo", &v->in.phys_offset);
		if (ret < 0)
			return -1;
		if (ret)
			record_phys_offset(v, &v->in, "capture/vmcoreinfo");
	}
	ret = mp_plan_build(&v->in, &v->arena, &v->plan);
	if (ret < 0)
		return verr("planning the capture kernel failed: %s",
			    v->plan && v->plan->error ? v->plan->error : mp_strerror(-ret)), -1;
	return 0;
}

static void free_record(struct verify_run *v)
{
	bootrec_log_free(&v->log);
	bootrec_iomem_free(&v->io);
	bootrec_memblock_free(&v->rsv);
	bootrec_memblock_free(&v->mem);
	memset(&v->log, 0, sizeof(v->log));
	memset(&v->io, 0, sizeof(v->io));
	memset(&v->rsv, 0, sizeof(v->rsv));
	memset(&v->mem, 0, sizeof(v->mem));
}

/* from here on the record is the capture kernel's (DIR/capture): 0 or -1 */
static int switch_to_capture(struct verify_run *v)
{
	free_record(v);
	v->capdir = verify_path_in(v->o.record, "capture");
	if (!v->capdir)
		return -1;
	v->o.record = v->capdir;
	v->o.boot = 0;
	if (verify_load_record_tables(v->o.record, &v->io, &v->has_io, &v->rsv, &v->has_rsv,
				      &v->mem, &v->has_mem) ||
	    verify_load_log(&v->o, &v->log, v->source, sizeof(v->source)))
		return -1;
	return 0;
}

/* every comparison the record allows, into v->res: 0 or -1 (reported) */
/* DIR/swiotlb-pools, when the record has it: the restricted DMA pools set up */
static int compare_pools(struct verify_run *v)
{
	struct bootrec_pools pools;
	char *d = NULL;
	size_t len;
	int r = verify_read_opt(v->o.record, "swiotlb-pools", &d, &len);

	if (r <= 0)
		return r;
	r = bootrec_pools_parse(&pools, d, len);
	free(d);
	if (r) {
		bootrec_pools_free(&pools);
		return verr("%s/swiotlb-pools: %s", v->o.record, bootrec_strerror(r));
	}
	r = verify_compare_pools(v->plan, &pools, &v->res);
	bootrec_pools_free(&pools);
	return r ? verr("out of memory") : 0;
}

static int run_checks(struct verify_run *v)
{
	const struct mp_plan *plan = v->plan;
	struct verify_result *res = &v->res;

	if (v->o.record && verify_compare_page_tables(&v->o, plan, res))
		return verr("%s/kernel_page_tables: cannot be read", v->o.record), -1;
	if (v->o.record && verify_compare_early_mm_files(&v->o, plan, res))
		return -1;
	if (v->o.record && compare_pools(v))
		return -1;
	if (verify_compare_log(plan->log, plan->nr_log, &v->log, res) ||
	    verify_compare_memblock(plan, &v->log, res) ||
	    (v->has_io && verify_compare_crash(plan, &v->io, res)) ||
	    (v->has_rsv && verify_check_claims(plan, &v->rsv, v->has_mem ? &v->mem : NULL,
					       v->has_io ? &v->io : NULL, res)))
		return verr("out of memory"), -1;
	return 0;
}

/* the report to -o FILE or standard output: the exit status */
static int write_report(const struct verify_run *v)
{
	const struct verify_opts *o = &v->o;
	FILE *out = stdout;
	int status = VERIFY_EXIT_USAGE;

	if (o->output) {
		out = fopen(o->output, "w");
		if (!out)
			return verr("%s: %s", o->output, strerror(errno));
	}
	if (!strcmp(o->format, "json"))
		verify_write_json(out, &v->res, v->source);
	else
		verify_write_text(out, &v->res, v->source);
	if (fflush(out) || ferror(out))
		verr("%s: write error", o->output ? o->output : "standard output");
	else
		status = verify_ok(&v->res) ? 0 : VERIFY_EXIT_MISMATCH;
	if (out != stdout)
		fclose(out);
	return status;
}

/* load, plan, compare: the exit status */
static int run(struct verify_run *v)
{
	if (v->o.record && check_record_dir(v->o.record))
		return VERIFY_EXIT_USAGE;
	if (load_kernel(v) || (v->o.record && load_record(v)) ||
	    verify_load_log(&v->o, &v->log, v->source, sizeof(v->source)) || load_dt(v))
		return VERIFY_EXIT_USAGE;
	if (load_efi(v))
		return VERIFY_EXIT_USAGE;
	place_inputs(v);
	if (build_plan(v))
		return VERIFY_EXIT_USAGE;
	if (v->o.capture && (plan_capture(v) || switch_to_capture(v)))
		return VERIFY_EXIT_USAGE;
	if (run_checks(v))
		return VERIFY_EXIT_USAGE;
	return write_report(v);
}

int cli_verify_main(int argc, char **argv)
{
	struct verify_run *v = calloc(1, sizeof(*v));
	int status;

	if (!v)
		return verr("out of memory");
	status = parse_opts(argc, argv, &v->o);
	if (!status)
		status = run(v);
	else if (status < 0)
		status = 0; /* --help */
	verify_result_free(&v->res);
	free_record(v);
	free(v->arena_mem);
	free(v->efi);
	free(v->dtb);
	free(v->kcbuf);
	free(v->cmdline);
	free(v->capdir);
	free(v);
	return status;
}
