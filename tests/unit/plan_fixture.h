/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * plan_fixture.h - what the core's end-to-end unit tests share: a DTB buffer
 * they build with libfdt's sequential-write API, a two-cell property writer,
 * a plan of that DTB (strict, the profile's default .config, the Image and
 * the DTB at given addresses, one 64 MiB arena reused by every call) and a
 * region lookup by name.
 */
#ifndef MEMPLAN_TEST_PLAN_FIXTURE_H
#define MEMPLAN_TEST_PLAN_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static char dtb[65536];

/* @name = <a-hi a-lo b-hi b-lo>, 64-bit cells, into the DTB being written */
static inline void prop2(const char *name, mp_u64 a, mp_u64 b)
{
	fdt32_t c[4] = { cpu_to_fdt32((uint32_t)(a >> 32)), cpu_to_fdt32((uint32_t)a),
			 cpu_to_fdt32((uint32_t)(b >> 32)), cpu_to_fdt32((uint32_t)b) };

	fdt_property(dtb, name, c, sizeof(c));
}

/*
 * Start dtb: an optional /memreserve/ entry (@rsv_size 0: none), the root with
 * 2-cell addresses, /chosen/bootargs and one memory node of [@mem_base, +@mem_size).
 * The caller adds nodes, then closes the root and finishes the tree.
 */
static inline void begin_dt(mp_u64 rsv_base, mp_u64 rsv_size, mp_u64 mem_base,
			    mp_u64 mem_size, const char *bootargs)
{
	char name[32];

	snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)mem_base);
	fdt_create(dtb, sizeof(dtb));
	if (rsv_size)
		fdt_add_reservemap_entry(dtb, rsv_base, rsv_size);
	fdt_finish_reservemap(dtb);
	fdt_begin_node(dtb, "");
	fdt_property_u32(dtb, "#address-cells", 2);
	fdt_property_u32(dtb, "#size-cells", 2);
	fdt_begin_node(dtb, "chosen");
	fdt_property_string(dtb, "bootargs", bootargs);
	fdt_end_node(dtb);
	fdt_begin_node(dtb, name);
	fdt_property_string(dtb, "device_type", "memory");
	prop2("reg", mem_base, mem_size);
	fdt_end_node(dtb);
}

/* open /reserved-memory with 2-cell addresses and sizes and an empty ranges */
static inline void begin_rmem_node(void)
{
	fdt_begin_node(dtb, "reserved-memory");
	fdt_property_u32(dtb, "#address-cells", 2);
	fdt_property_u32(dtb, "#size-cells", 2);
	fdt_property(dtb, "ranges", NULL, 0);
}

/* the message of the plan's first diagnostic @code, or "" when it has none */
static inline const char *diag(const struct mp_plan *p, const char *code)
{
	for (size_t i = 0; p && i < p->nr_diags; i++)
		if (!strcmp(p->diags[i].code, code))
			return p->diags[i].message;
	return "";
}

/* how many times the plan predicts the kernel prints @line (0: never) */
static inline int logged(const struct mp_plan *p, const char *line)
{
	int n = 0;

	for (size_t i = 0; p && i < p->nr_log; i++)
		n += !strcmp(p->log[i], line);
	return n;
}

/* when set, plan_at() passes the input through it last (e.g. another page size) */
static void (*plan_tweak)(struct mp_input *in);

/* The plan of dtb for @prof with a 32 MiB Image at @text and the DTB at @fdt_base. */
static inline struct mp_plan *plan_at(enum mp_profile prof, mp_u64 text, mp_u64 fdt_base)
{
	static void *buf;
	static struct mp_arena arena;
	struct mp_input in;
	struct mp_plan *p;
	int err;

	if (!buf)
		buf = malloc(64 << 20);
	if (!buf)
		abort();
	mp_arena_init(&arena, buf, 64 << 20);
	memset(&in, 0, sizeof(in));
	in.fdt = dtb;
	in.fdt_len = sizeof(dtb);
	in.profile = prof;
	mp_kconfig_defaults(prof, &in.kc);
	in.image.text = text;
	in.image.size = 0x2000000;
	in.image_given = true;
	in.fdt_base = fdt_base;
	in.fdt_base_given = true;
	in.strict = true;
	if (plan_tweak)
		plan_tweak(&in);
	err = mp_plan_build(&in, &arena, &p);
	if (err)
		fprintf(stderr, "plan failed: %s\n", p && p->error ? p->error : mp_strerror(err));
	return err ? NULL : p;
}

#endif /* MEMPLAN_TEST_PLAN_FIXTURE_H */
