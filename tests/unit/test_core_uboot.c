// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * test_core_uboot.c - the core's U-Boot 2023.01 booti model (uboot.c,
 * docs/kernel-model.md §16): placement by the rules of booti_setup(),
 * boot_ramdisk_high() and boot_relocate_fdt() over lmb, the hand-over DT's
 * edits, and the findings of a bad environment.  Expected values are worked
 * out here from the rules, never taken from the model's output.
 */
#include <stdlib.h>
#include <string.h>

#include "memplan_uboot.h"
#include "tap.h"

#define RAM 0x40000000ULL
#define RAM_SIZE 0x80000000ULL
#define NOMAP 0x48000000ULL
#define NOMAP_SIZE 0x200000ULL
#define IMAGE_SIZE 0x2010000ULL
#define INITRD_SIZE 0xe10ff6ULL

static char dtb[8192];
static char mem[4 << 20];

/* a QEMU-virt-like board: 2 GiB at 1 GiB, one no-map region, bootargs in /chosen */
static void board(void)
{
	int rm, n;

	fdt_create_empty_tree(dtb, sizeof(dtb));
	fdt_setprop_u32(dtb, 0, "#address-cells", 2);
	fdt_setprop_u32(dtb, 0, "#size-cells", 2);
	n = fdt_add_subnode(dtb, 0, "memory@40000000");
	fdt_setprop_string(dtb, n, "device_type", "memory");
	fdt_setprop_u64(dtb, n, "reg", RAM);
	fdt_appendprop_u64(dtb, n, "reg", RAM_SIZE);
	rm = fdt_add_subnode(dtb, 0, "reserved-memory");
	fdt_setprop_u32(dtb, rm, "#address-cells", 2);
	fdt_setprop_u32(dtb, rm, "#size-cells", 2);
	fdt_setprop(dtb, rm, "ranges", NULL, 0);
	n = fdt_add_subnode(dtb, rm, "fw@48000000");
	fdt_setprop_u64(dtb, n, "reg", NOMAP);
	fdt_appendprop_u64(dtb, n, "reg", NOMAP_SIZE);
	fdt_setprop(dtb, n, "no-map", NULL, 0);
	n = fdt_add_subnode(dtb, 0, "chosen");
	fdt_setprop_string(dtb, n, "bootargs", "old");
}

static int booti(const struct mp_uboot_var *env, size_t nr, struct mp_uboot_handover *ho)
{
	struct mp_uboot_in in = {
		.fdt = dtb, .fdt_len = sizeof(dtb), .env = env, .nr_env = nr,
		.image = { IMAGE_SIZE, 0, true },
	};
	struct mp_arena a;

	mp_arena_init(&a, mem, sizeof(mem));
	return mp_uboot_booti(&in, &a, ho);
}

static bool has(const struct mp_uboot_handover *ho, const char *code)
{
	size_t i;

	for (i = 0; i < ho->nr_f; i++)
		if (!strcmp(ho->f[i].code, code))
			return true;
	return false;
}

static void hextoul(void)
{
	const char *end;

	TEST("hextoul");
	CHECK_EQ(mp_uboot_hextoul("0x1F", NULL), 0x1f);
	CHECK_EQ(mp_uboot_hextoul("40400000", NULL), 0x40400000);
	CHECK_EQ(mp_uboot_hextoul("no", &end), 0);	/* "no" acts like 0 (image-board.c) */
	CHECK(*end == 'n');
	CHECK_EQ(mp_uboot_hextoul("ffffffffffffffff", NULL), ~0ULL);
	CHECK_EQ(mp_uboot_hextoul("10000000000000001", NULL), 1);	/* wraps as ulong */
}

/* in place: fdt_high and initrd_high all ones */
static void in_place(void)
{
	const struct mp_uboot_var env[] = {
		{ "kernel_addr_r", "0x40400000" }, { "ramdisk_addr_r", "0x44000000" },
		{ "filesize", "e10ff6" }, { "fdt_addr_r", "0x4a000000" },
		{ "fdt_high", "ffffffffffffffff" }, { "initrd_high", "0xffffffffffffffff" },
		{ "bootargs", "console=ttyAMA0" }, { "ver", "U-Boot 2023.01 (Jan 01 2023)" },
	};
	struct mp_uboot_handover ho;
	const char *s;
	int len, node;
	uint64_t a, sz;

	TEST("in place");
	board();
	CHECK_EQ(booti(env, sizeof(env) / sizeof(env[0]), &ho), 0);
	CHECK(ho.booted);
	CHECK_EQ(ho.image_text, 0x40400000);
	CHECK(!ho.image_moved && !ho.initrd_copied && !ho.fdt_relocated);
	CHECK_EQ(ho.initrd_start, 0x44000000);
	CHECK_EQ(ho.initrd_end, 0x44000000 + INITRD_SIZE);
	CHECK_EQ(ho.fdt_addr, 0x4a000000);
	CHECK_EQ(ho.nr_f, 0);
	/* the DT: bootargs replaced, u-boot,version, initrd properties and memreserve */
	node = fdt_path_offset(ho.fdt, "/chosen");
	s = fdt_getprop(ho.fdt, node, "bootargs", &len);
	CHECK(s && !strcmp(s, "console=ttyAMA0"));
	s = fdt_getprop(ho.fdt, node, "u-boot,version", &len);
	CHECK(s && !strcmp(s, "2023.01"));
	CHECK_EQ(fdt64_ld(fdt_getprop(ho.fdt, node, "linux,initrd-start", &len)), 0x44000000);
	CHECK_EQ(fdt64_ld(fdt_getprop(ho.fdt, node, "linux,initrd-end", &len)),
		 0x44000000 + INITRD_SIZE);
	CHECK_EQ(fdt_num_mem_rsv(ho.fdt), 1);
	fdt_get_mem_rsv(ho.fdt, 0, &a, &sz);
	CHECK(a == 0x44000000 && sz == INITRD_SIZE);
	/* fdt_shrink_to_minimum(): ends on a page boundary, + FDT_RAMDISK_OVERHEAD */
	CHECK_EQ((ho.fdt_addr + ho.fdt_size - 0x80) & 0xfff, 0);
}

/* lmb: the initrd copied to the top below initrd_high, the DTB copy below it */
static void relocated(void)
{
	const struct mp_uboot_var env[] = {
		{ "kernel_addr_r", "0x40400000" }, { "ramdisk_addr_r", "0x44000000" },
		{ "filesize", "e10ff6" }, { "fdtcontroladdr", "0x4a000000" },
		{ "fdt_high", "0x60000000" }, { "initrd_high", "0x60000000" },
	};
	struct mp_uboot_handover ho;
	unsigned long long rd, of_len;

	TEST("relocated");
	board();
	CHECK_EQ(booti(env, sizeof(env) / sizeof(env[0]), &ho), 0);
	rd = (0x60000000ULL - INITRD_SIZE) & ~0xfffULL;
	of_len = fdt_totalsize(dtb) + 0x3000;	/* SYS_FDT_PAD */
	CHECK(ho.booted && ho.initrd_copied && ho.fdt_relocated);
	CHECK_EQ(ho.initrd_start, rd);
	CHECK_EQ(ho.fdt_addr, (rd - of_len) & ~0xfffULL);
	CHECK(!strcmp(ho.fdt_var, "fdtcontroladdr"));
	CHECK(!ho.uncertain);
	CHECK(has(&ho, "uboot-no-version"));
}

/* kernel_addr_r not 2 MiB aligned: booti_setup() moves the Image up */
static void unaligned(void)
{
	const struct mp_uboot_var env[] = {
		{ "kernel_addr_r", "0x40480000" }, { "fdt_addr_r", "0x4a000000" },
		{ "fdt_high", "0x60000000" },
	};
	struct mp_uboot_handover ho;

	TEST("unaligned kernel_addr_r");
	board();
	CHECK_EQ(booti(env, 3, &ho), 0);
	CHECK(ho.image_moved && has(&ho, "uboot-image-moved"));
	CHECK_EQ(ho.image_text, 0x40600000);
	CHECK(!ho.has_initrd);
}

/* findings: outside RAM, a DTB in place on a no-map region, the RD overlap */
static void bad(void)
{
	struct mp_uboot_var env[] = {
		{ "kernel_addr_r", "0x20000000" }, { "fdt_addr_r", "0x48001000" },
		{ "fdt_high", "ffffffffffffffff" }, { "ramdisk_addr_r", "0x21000000" },
		{ "filesize", "1000" },
	};
	struct mp_uboot_handover ho;

	TEST("kernel_addr_r outside RAM");
	board();
	CHECK_EQ(booti(env, 3, &ho), 0);
	CHECK(ho.booted && has(&ho, "uboot-outside-ram"));
	TEST("fdt_addr_r on no-map, in place");
	CHECK(has(&ho, "uboot-fdt-on-reserved") && has(&ho, "uboot-fdt-block-nomap"));
	TEST("fdt_addr_r unaligned");
	env[1].value = "0x4a000004";
	CHECK_EQ(booti(env, 3, &ho), 0);
	CHECK(has(&ho, "uboot-fdt-unaligned"));
	TEST("initrd on the Image");
	CHECK_EQ(booti(env, 5, &ho), 0);
	CHECK(!ho.booted && has(&ho, "uboot-initrd-overlaps-image"));
	TEST("no kernel_addr_r");
	CHECK_EQ(booti(env + 1, 2, &ho), 0);
	CHECK(!ho.booted && has(&ho, "uboot-no-kernel-addr"));
	TEST("bad DT");
	memset(dtb, 0, 64);
	CHECK_EQ(booti(env, 3, &ho), -MP_ERR_BADDTB);
}

/* no fdt_high: below bootm_low + min(bank, bootm_mapsize) - near U-Boot's own area */
static void defaults(void)
{
	const struct mp_uboot_var env[] = {
		{ "kernel_addr_r", "0x40400000" }, { "ramdisk_addr_r", "0x44000000" },
		{ "filesize", "100000" }, { "fdt_addr_r", "0x4a000000" },
		{ "initrd_high", "0x40001000" },
	};
	const struct mp_uboot_var mapped[] = {
		{ "kernel_addr_r", "0x40400000" }, { "fdt_addr_r", "0x4a000000" },
		{ "bootm_mapsize", "10000000" },
	};
	struct mp_uboot_handover ho;

	TEST("fdt_high unset");
	board();
	CHECK_EQ(booti(env, 4, &ho), 0);
	CHECK(ho.booted && ho.fdt_relocated && ho.uncertain && has(&ho, "uboot-stack-dependent"));
	CHECK(ho.fdt_addr < RAM + RAM_SIZE);
	TEST("bootm_mapsize");
	CHECK_EQ(booti(mapped, 3, &ho), 0);
	CHECK_EQ(ho.fdt_addr, (RAM + 0x10000000 - fdt_totalsize(dtb) - 0x3000) & ~0xfffULL);
	CHECK(!ho.uncertain);
	TEST("initrd_high too low");
	CHECK_EQ(booti(env, 5, &ho), 0);
	CHECK(!ho.booted && has(&ho, "uboot-initrd-alloc"));
}

int main(void)
{
	hextoul();
	in_place();
	relocated();
	unaligned();
	defaults();
	bad();
	return DONE();
}
