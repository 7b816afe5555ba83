/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * planinput.h - the options that describe one boot (DT, command line, kernel
 * profile, .config, Image placement) and turning them into a plan.  Shared by
 * every subcommand that plans: plan, verify, handoff, devmem, estimate.
 */
#ifndef MEMPLAN_CLI_PLANINPUT_H
#define MEMPLAN_CLI_PLANINPUT_H

#include <getopt.h>
#include <stdbool.h>
#include "memplan.h"
#include "util.h"	/* CLI_EXIT_* */

/* --assume-memory [BASE:]SIZE[,BASE:SIZE...]: the RAM a boot loader would fill in */
struct cli_assume {
	struct mp_range banks[MP_ASSUME_MAX_BANKS];
	size_t nr;		/* 0: not given */
	bool base_given;	/* BASE:SIZE form (else one SIZE) */
};

struct cli_plan_args {
	const char *dtb, *dts, *cmdline, *kernel, *kconfig, *image;
	struct cli_assume assume;
	bool cpu_va52;		/* --cpu-va52 */
	const char *btf;	/* --btf: the kernel's BTF (struct sizes) */
	const char *efi_memmap;	/* --efi-memmap: a UEFI boot's EFI memory map */
	mp_u64 initrd_size;	/* --initrd-size: an initrd the EFI stub loaded */
	const char *acpi_iort;	/* --acpi-iort: the firmware's IORT (the ZONE_DMA limit) */
	const char *dt_file;	/* positional FILE: a blob or source, by its bytes */
	const char *uboot_env;	/* --uboot-env: plan U-Boot booti's hand-over (uboot.h) */
	mp_u64 image_base, image_size, fdt_base;
	bool image_base_given, image_size_given, fdt_base_given;
	mp_u64 phys_offset;	/* --phys-offset: VMCOREINFO's PHYS_OFFSET */
	bool phys_offset_given;
	bool rmem_ops_lost;	/* --rmem-ops-lost: the v8 series' lost rmem->ops */
	/* --rmem-caller: compatibles whose drivers ask for every memory-region */
	const char *rmem_callers[MP_RMEM_CALLERS_MAX];
	size_t nr_rmem_callers;
};

/* getopt_long values 256..287 belong to these options */
#define CLI_PLAN_OPT_FIRST 256
#define CLI_PLAN_OPT_LAST 287
extern const struct option cli_plan_options[]; /* NULL-terminated */

/* the --help lines for these options */
extern const char cli_plan_options_help[];

/**
 * cli_plan_options_merge() - a command's own options followed by the plan options
 * @out: the merged, NULL-terminated table
 * @cap: room in @out, in entries
 * @extra: the command's own options (NULL-terminated)
 *
 * Return: @out, or NULL when @cap is too small.
 */
struct option *cli_plan_options_merge(struct option *out, size_t cap, const struct option *extra);

/**
 * cli_plan_arg() - take an option if it is a plan option
 * @a: the plan options so far
 * @c: getopt_long()'s value
 * @arg: its argument
 * @prog: "memplan CMD", for the message
 *
 * Return: 1 taken, 0 not a plan option, -1 bad value (message printed).
 */
int cli_plan_arg(struct cli_plan_args *a, int c, const char *arg, const char *prog);

/**
 * cli_plan_args_check() - the checks across options (--dtb xor --dts, ...)
 * @a: the plan options
 * @prog: "memplan CMD", for the message
 *
 * Return: 0, or CLI_EXIT_USAGE after one line.
 */
int cli_plan_args_check(const struct cli_plan_args *a, const char *prog);

/**
 * cli_rmem_caller_add() - take one --rmem-caller COMPATIBLE
 * @prog: "memplan CMD", for the message
 * @list: the compatibles so far (MP_RMEM_CALLERS_MAX entries)
 * @nr: how many; grown by one
 * @arg: the compatible
 *
 * Return: 0, or CLI_EXIT_USAGE after one line (empty, or too many).
 */
int cli_rmem_caller_add(const char *prog, const char **list, size_t *nr, const char *arg);

/**
 * cli_parse_assume_memory() - read --assume-memory's value
 * @prog: "memplan CMD", for the message
 * @arg: "SIZE", or "BASE:SIZE[,BASE:SIZE...]" (cli_parse_size() numbers)
 * @out: the banks
 *
 * Return: 0, or CLI_EXIT_USAGE after a usage error.
 */
int cli_parse_assume_memory(const char *prog, const char *arg, struct cli_assume *out);

/**
 * cli_dt_assume_memory() - a copy of a DT without usable memory, with RAM filled in
 * @prog: "memplan CMD", for the message
 * @name: the DT's name, for the message
 * @dtb: the flattened DT
 * @given: --assume-memory (nr 0: memplan chooses)
 * @a: the assumption made (mp_assume_memory())
 * @len: the copy's size
 *
 * Return: the malloc'ed copy, or NULL after a message.
 */
char *cli_dt_assume_memory(const char *prog, const char *name, const char *dtb,
			   const struct cli_assume *given, struct mp_mem_assumption *a,
			   size_t *len);

struct cli_planned {
	struct mp_input in;
	struct cli_assume assume_given;		/* --assume-memory */
	struct mp_mem_assumption assumption;	/* in.mem_assumed points here */
	struct mp_iort iort;			/* --acpi-iort: in.iort points here */
	struct mp_plan *plan;
	const char *dt_name;
	char *dtb;		/* the DTB bytes (owned) */
	size_t dtb_len;
	char *kcbuf;		/* .config text: strings of in.kc point into it */
	struct mp_efi_map *efi;	/* --efi-memmap (owned); in.efi points here */
	void *mem;		/* the arena's memory */
	size_t mem_size;
	struct mp_arena arena;
};

/**
 * cli_plan_load() - read the DT (compiling DTS), .config, Image header, BTF, IORT
 * @a: the plan options
 * @p: its @in filled (strict mode: every file must be what it claims)
 * @prog: "memplan CMD", for the message
 *
 * Return: 0 or an exit status (message printed).
 */
int cli_plan_load(const struct cli_plan_args *a, struct cli_planned *p, const char *prog);

/**
 * cli_plan_run() - plan @p->in, growing the arena once if it is too small
 * @p: the loaded input; @p->plan is set
 * @prog: "memplan CMD", for the message
 *
 * Return: 0 or an exit status (message printed).
 */
int cli_plan_run(struct cli_planned *p, const char *prog);

/**
 * cli_plan_boot() - cli_plan_load() then cli_plan_run(): what every planning command does first
 * @a: the plan options
 * @p: the planned boot (free it with cli_planned_free() whatever the result)
 * @prog: "memplan CMD", for the message
 *
 * Return: 0 or an exit status (message printed).
 */
int cli_plan_boot(const struct cli_plan_args *a, struct cli_planned *p, const char *prog);

/**
 * cli_planned_free() - free what cli_plan_load() and cli_plan_run() allocated
 * @p: the planned boot (may be partly filled)
 */
void cli_planned_free(struct cli_planned *p);

#endif
