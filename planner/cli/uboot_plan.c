// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * uboot_plan.c - planning "as U-Boot booti hands it over": `memplan plan
 * --uboot-env FILE` (cli_uboot_apply()) and `memplan handoff uboot`, over
 * the core's model (memplan_uboot.h, docs/kernel-model.md §16).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "planinput.h"
#include "plan_getopt.h"
#include "uboot.h"
#include "util.h"

/* the hand-over DT and messages: the DT's totalsize + pad, twice, and room for text */
#define UB_ARENA_EXTRA (1u << 20)
/* Debian 6.1.0 arm64 Image: image_size 0x2010000, as planner/core/placement.c */
#define DEFAULT_IMAGE_SIZE 0x2010000ULL

int cli_uboot_handover(const char *dtb, size_t dtb_len, const char *env_path,
		       const char *image_path, mp_u64 image_size, struct mp_uboot_handover *ho,
		       void **mem, const char *prog)
{
	struct cli_uboot_env env;
	struct mp_uboot_in in;
	struct mp_arena arena;
	char err[512];
	size_t size;
	int ret;

	*mem = NULL;
	memset(&in, 0, sizeof(in));
	in.image.image_size = image_size ? image_size : DEFAULT_IMAGE_SIZE;
	in.image.anywhere = true;
	if (image_path) {
		struct cli_image_header h;

		if (cli_image_read(image_path, &h, err, sizeof(err)))
			return cli_error(prog, "%s", err);
		in.image = (struct mp_uboot_image){ h.image_size, h.text_offset, h.phys_anywhere };
	}
	if (cli_uboot_env_load(env_path, &env, err, sizeof(err)))
		return cli_error(prog, "%s", err);
	in.fdt = dtb;
	in.fdt_len = dtb_len;
	in.env = env.vars;
	in.nr_env = env.nr;
	size = 2 * dtb_len + 2 * 0x3000 + UB_ARENA_EXTRA;
	*mem = malloc(size);
	if (!*mem) {
		cli_uboot_env_free(&env);
		return cli_error(prog, "out of memory");
	}
	mp_arena_init(&arena, *mem, size);
	ret = mp_uboot_booti(&in, &arena, ho);
	/* the hand-over keeps pointers into the environment: copy the one it shows */
	if (!ret && ho->bootargs) {
		size_t n = strlen(ho->bootargs) + 1;
		char *s = mp_arena_alloc(&arena, n, 1);

		ho->bootargs = s ? memcpy(s, ho->bootargs, n) : NULL;
	}
	cli_uboot_env_free(&env);
	if (ret == -MP_ERR_BADDTB)
		return cli_error(prog, "the board DT is not a valid flattened DT");
	if (ret)
		return cli_error(prog, "U-Boot model: %s", mp_strerror(-ret));
	return 0;
}

static const char *sev_name(enum mp_severity s)
{
	return s == MP_SEV_ERROR ? "error" : s == MP_SEV_WARNING ? "warning" : "note";
}

size_t cli_uboot_errors(const struct mp_uboot_handover *ho)
{
	size_t i, n = !ho->booted;

	for (i = 0; i < ho->nr_f; i++)
		n += ho->f[i].severity == MP_SEV_ERROR;
	return n;
}

void cli_uboot_print(FILE *f, const struct mp_uboot_handover *ho, const char *prefix)
{
	size_t i;

	if (ho->booted) {
		fprintf(f, "%sImage  0x%016llx-0x%016llx%s\n", prefix,
			(unsigned long long)ho->image_text,
			(unsigned long long)(ho->image_text + ho->image_size - 1),
			ho->image_moved ? "  (moved from kernel_addr_r)" : "  (at kernel_addr_r)");
		if (ho->has_initrd)
			fprintf(f, "%sinitrd 0x%016llx-0x%016llx%s\n", prefix,
				(unsigned long long)ho->initrd_start,
				(unsigned long long)(ho->initrd_end - 1),
				ho->initrd_copied ? "  (copied below initrd_high)" :
						    "  (in place at ramdisk_addr_r)");
		fprintf(f, "%sDTB    0x%016llx-0x%016llx  (%s, from %s 0x%llx)\n", prefix,
			(unsigned long long)ho->fdt_addr,
			(unsigned long long)(ho->fdt_addr + ho->fdt_size - 1),
			ho->fdt_relocated ? "relocated" : "in place", ho->fdt_var,
			(unsigned long long)ho->fdt_load);
		if (ho->uncertain)
			fprintf(f, "%s(an address depends on U-Boot's stack pointer: assumed)\n",
				prefix);
	} else {
		fprintf(f, "%sbooti stops before starting the kernel\n", prefix);
	}
	for (i = 0; i < ho->nr_f; i++)
		fprintf(f, "%s%s: %s [%s]\n", prefix, sev_name(ho->f[i].severity),
			ho->f[i].message, ho->f[i].code);
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_range(FILE *f, const char *name, mp_u64 base, mp_u64 size, bool comma)
{
	fprintf(f, "  \"%s\": {\"base\": %llu, \"size\": %llu}%s\n", name, (unsigned long long)base,
		(unsigned long long)size, comma ? "," : "");
}

void cli_uboot_print_json(FILE *f, const struct mp_uboot_handover *ho)
{
	size_t i;

	fprintf(f, "{\n  \"schema\": \"memplan-uboot/1\",\n  \"booted\": %s,\n",
		ho->booted ? "true" : "false");
	if (ho->booted) {
		fprintf(f, "  \"kernel_addr_r\": %llu,\n  \"image_moved\": %s,\n",
			(unsigned long long)ho->kernel_load, ho->image_moved ? "true" : "false");
		json_range(f, "image", ho->image_text, ho->image_size, true);
		if (ho->has_initrd) {
			fprintf(f, "  \"ramdisk_addr_r\": %llu,\n  \"initrd_copied\": %s,\n",
				(unsigned long long)ho->initrd_load,
				ho->initrd_copied ? "true" : "false");
			json_range(f, "initrd", ho->initrd_start,
				   ho->initrd_end - ho->initrd_start, true);
		}
		fprintf(f, "  \"fdt_var\": \"%s\",\n  \"fdt_load\": %llu,\n  \"fdt_relocated\": %s,\n",
			ho->fdt_var, (unsigned long long)ho->fdt_load,
			ho->fdt_relocated ? "true" : "false");
		json_range(f, "fdt", ho->fdt_addr, ho->fdt_size, true);
		fprintf(f, "  \"fdt_copy_len\": %llu,\n", (unsigned long long)ho->fdt_copy_len);
		fprintf(f, "  \"uncertain\": %s,\n", ho->uncertain ? "true" : "false");
	}
	fprintf(f, "  \"findings\": [");
	for (i = 0; i < ho->nr_f; i++) {
		fprintf(f, "%s\n    {\"severity\": \"%s\", \"code\": \"%s\", \"message\": ",
			i ? "," : "", sev_name(ho->f[i].severity), ho->f[i].code);
		json_str(f, ho->f[i].message);
		fputc('}', f);
	}
	fprintf(f, "%s]\n}\n", ho->nr_f ? "\n  " : "");
}

int cli_uboot_apply(struct cli_planned *p, const char *env_path, const char *image_path,
		    const char *prog)
{
	struct mp_uboot_handover ho;
	char prefix[96];
	void *mem;
	size_t len;
	int status;

	status = cli_uboot_handover(p->dtb, p->dtb_len, env_path, image_path, p->in.image.size,
				    &ho, &mem, prog);
	if (status)
		return status;
	snprintf(prefix, sizeof(prefix), "%s: U-Boot: ", prog);
	cli_uboot_print(stderr, &ho, prefix);
	if (!ho.booted) {
		free(mem);
		return CLI_EXIT_FINDINGS;
	}
	len = fdt_totalsize(ho.fdt);
	free(p->dtb);
	p->dtb = malloc(len);
	if (!p->dtb) {
		free(mem);
		return cli_error(prog, "out of memory");
	}
	memcpy(p->dtb, ho.fdt, len);
	p->dtb_len = len;
	p->in.fdt = p->dtb;
	p->in.fdt_len = len;
	p->in.image.text = ho.image_text;
	p->in.image.size = ho.image_size;
	p->in.image_given = true;
	p->in.image_base_src = MP_SRC_BOOT_LOADER;
	p->in.fdt_base = ho.fdt_addr;
	p->in.fdt_base_given = true;
	p->in.fdt_base_src = MP_SRC_BOOT_LOADER;
	free(mem);
	return 0;
}
