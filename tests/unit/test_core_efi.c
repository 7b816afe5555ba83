// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_core_efi.c - planner/core/efimap.c and efi.c: reading the EFI memory
 * map from the efi=debug lines of real boots (tests/unit/data/efi-*.log:
 * QEMU virt, EDK II 2022.11, Debian's 6.1 and 6.12 and our patched 6.12, DT
 * and ACPI), the lines no kernel prints, and the rules of efi_init() and
 * acpi_boot_table_init() that the plan follows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "memplan.h"
#include "memplan_efi.h"
#include "tap.h"
#include "testdata.h"

static struct mp_efi_map map;

static int parse(const char *text)
{
	char err[200];

	return mp_efi_map_parse(text, strlen(text), &map, err, sizeof(err));
}

static void real_logs(void)
{
	static const char *const names[] = { "efi-d61-dt.log", "efi-d61-acpi.log",
					     "efi-p612-dt.log", "efi-p612-acpi.log",
					     "efi-d612-dt.log", "efi-d612-acpi.log" };
	size_t i, len;

	TEST("the efi=debug lines of six real boots");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *t = test_data_load(names[i], &len), err[200];
		bool acpi = strstr(names[i], "acpi") != NULL;

		CHECK(!mp_efi_map_parse(t, len, &map, err, sizeof(err)), "%s: %s", names[i], err);
		/* EDK II's descriptors: 48 bytes; the map size is what the log says */
		CHECK_EQ(map.desc_size, 48);
		CHECK_EQ(map.map_size, map.nr * 48);
		CHECK(map.memattr_entries_known && map.memattr_entries == 21, "%s", names[i]);
		CHECK(map.memreserve && map.initrd_table && map.memattr, "%s", names[i]);
		CHECK(!!map.acpi20 == acpi, "%s: ACPI 2.0 table", names[i]);
		CHECK(!strncmp(map.version, "EFI v2.7", 8), "%s: %s", names[i], map.version);
		/* the flash is write-combining MMIO, the last descriptor the UART */
		CHECK_EQ(map.desc[map.nr - 1].type, MP_EFI_MMIO);
		CHECK_EQ(map.desc[map.nr - 1].attr, MP_EFI_RUNTIME | MP_EFI_UC);
		CHECK_EQ(map.desc[map.nr - 2].attr, MP_EFI_RUNTIME | MP_EFI_WC);
		CHECK_EQ(map.desc[0].phys, 0x40000000);
		CHECK_EQ(map.desc[0].type, MP_EFI_CONVENTIONAL);
		free(t);
	}
}

static void bad_lines(void)
{
	char many[4200 * 60 + 64];
	size_t n = 0, i;

	TEST("lines no kernel prints are refused with a reason");
	CHECK(parse("efi: EFI v2.7 by EDK II\n"), "no block");
	CHECK(parse("efi: Processing EFI memory map:\n"), "a block without descriptors");
	CHECK(parse("efi: Processing EFI memory map:\n"
		    "efi:   0x000040000000-0x000043ffffff [Conventionl|   |WB]\n"), "type");
	CHECK(parse("efi: Processing EFI memory map:\n"
		    "efi:   0x000040000000-0x000043ffffff [Conventional|XX|WB]\n"), "attribute");
	CHECK(parse("efi: Processing EFI memory map:\n"
		    "efi:   0x000040000800-0x000043ffffff [Conventional|WB]\n"), "not whole pages");
	CHECK(parse("efi: Processing EFI memory map:\n"
		    "efi:   0x000043ffffff-0x000040000000 [Conventional|WB]\n"), "backwards");
	CHECK(parse("efi: Processing EFI memory map:\n"
		    "efi:   0xfffffffffffff000-0xffffffffffffffff [Conventional|WB]\n"), "wraps");
	CHECK(parse("efi: Processing EFI memory map:\n"
		    "efi:   0x000040000000-0x000043ffffff [Conventional|WB\n"), "no ]");
	CHECK(parse("efi: Processing EFI memory map:\n"
		    "efi:   0x10000000000000000-0x000043ffffff [Conventional|WB]\n"), "17 digits");
	n += (size_t)snprintf(many, sizeof(many), "efi: Processing EFI memory map:\n");
	for (i = 0; i < 4097; i++)
		n += (size_t)snprintf(many + n, sizeof(many) - n,
				      "efi:   0x%012zx-0x%012zx [Conventional|WB]\n",
				      i << 12, (i << 12) + 0xfff);
	CHECK(parse(many), "4097 descriptors");

	TEST("forms the kernel does print");
	CHECK(!parse("<6>[    0.000000] efi: Processing EFI memory map:\n"
		     "<6>[    0.000000] efi:   0x000040000000-0x000043ffffff [type=99     |"
		     "attr=0x0000000001000008]\n"), "type=N and attr=0x...");
	CHECK_EQ(map.desc[0].type, 99);
	CHECK_EQ(map.desc[0].attr, 0x1000008);
	/* a capture kernel's block after the first one's is not read */
	CHECK(!parse("efi: Processing EFI memory map:\n"
		     "efi:   0x000040000000-0x000043ffffff [Conventional|WB]\n"
		     "efi: Processing EFI memory map:\n"
		     "efi:   0x000050000000-0x000053ffffff [Conventional|WB]\n"), "two boots");
	CHECK_EQ(map.nr, 1);
}

/* ---- the plan of a UEFI boot ---------------------------------------------- */

static char fdt[4096];
static char arena_buf[32 << 20];

/* the stub's DT: /chosen with the command line (and a /memory node when asked) */
static void stub_dt(const char *bootargs, bool memory_node)
{
	int chosen;

	if (fdt_create_empty_tree(fdt, sizeof(fdt)) ||
	    fdt_setprop_u32(fdt, 0, "#address-cells", 2) ||
	    fdt_setprop_u32(fdt, 0, "#size-cells", 2) ||
	    (chosen = fdt_add_subnode(fdt, 0, "chosen")) < 0 ||
	    fdt_setprop_string(fdt, chosen, "bootargs", bootargs))
		abort();
	if (memory_node) {
		int m = fdt_add_subnode(fdt, 0, "memory@40000000");
		fdt64_t reg[2] = { cpu_to_fdt64(0x40000000), cpu_to_fdt64(0x80000000) };

		if (m < 0 || fdt_setprop_string(fdt, m, "device_type", "memory") ||
		    fdt_setprop(fdt, m, "reg", reg, sizeof(reg)))
			abort();
	}
}

static mp_u64 image_size = 0x640000;

static struct mp_plan *plan_efi(enum mp_profile prof, const char *log, mp_u64 initrd)
{
	struct mp_input in;
	struct mp_arena arena;
	struct mp_plan *p;
	size_t len;
	char *t = test_data_load(log, &len), err[200];

	if (mp_efi_map_parse(t, len, &map, err, sizeof(err)))
		abort();
	free(t);
	memset(&in, 0, sizeof(in));
	in.fdt = fdt;
	in.fdt_len = sizeof(fdt);
	in.profile = prof;
	mp_kconfig_defaults(prof, &in.kc);
	in.image.size = image_size;
	in.efi = &map;
	in.initrd_size = initrd;
	in.strict = true;
	mp_arena_init(&arena, arena_buf, sizeof(arena_buf));
	if (mp_plan_build(&in, &arena, &p))
		return NULL;
	return p;
}

static bool has_alloc(const struct mp_plan *p, const char *what, mp_u64 base, mp_u64 size)
{
	size_t i;

	for (i = 0; i < p->nr_allocs; i++)
		if (!strcmp(p->allocs[i].what, what) && p->allocs[i].base == base &&
		    p->allocs[i].size == size)
			return true;
	return false;
}

static bool memory_is(const struct mp_plan *p, mp_u64 base, mp_u64 size, unsigned int flags)
{
	size_t i;

	for (i = 0; i < p->nr_mb_memory; i++)
		if (p->mb_memory[i].base == base && p->mb_memory[i].size == size)
			return p->mb_memory[i].flags == flags;
	return false;
}

static bool has_diag(const struct mp_plan *p, const char *code)
{
	size_t i;

	for (i = 0; i < p->nr_diags; i++)
		if (!strcmp(p->diags[i].code, code))
			return true;
	return false;
}

static void efi_init_rules(void)
{
	struct mp_plan *p;

	TEST("efi_init(): memory is the map's, whatever the DT's /memory says");
	stub_dt("console=ttyAMA0 crashkernel=256M acpi=off", true);
	p = plan_efi(MP_LINUX_6_12, "efi-p612-dt.log", 5756341);
	CHECK(p && p->efi_boot && !p->acpi_boot);
	if (!p)
		return;
	/* the WC flash is memory, and nomap: not usable */
	CHECK(memory_is(p, 0x04000000, 0x04000000, MP_MB_NOMAP));
	/* runtime code and data: nomap */
	CHECK(memory_is(p, 0xbc440000, 0x2f0000, MP_MB_NOMAP));
	CHECK(memory_is(p, 0xbfc00000, 0x3e0000, MP_MB_NOMAP));
	/* the UART (UC MMIO) is no memory; the zone starts at the flash */
	CHECK_EQ(p->zones[0].start, 0x04000000);
	/* 16 + 21 x 48 bytes; the memreserve header; the map's page; ACPI reclaim */
	CHECK(has_alloc(p, "EFI memory attributes table", 0xbe171018, 1024));
	CHECK(has_alloc(p, "EFI memreserve table", 0xbbdeff98, 16));
	CHECK(has_alloc(p, "EFI memory map", 0xbbdd0000, 0x1000));
	CHECK(has_alloc(p, "EFI ACPI reclaim memory", 0xbbdd0000, 0x10000));

	TEST("the stub's placement: DTB 2 MiB below the initrd, Image in Loader Code");
	CHECK_EQ(p->fdt_base, 0xbae80000);
	CHECK(p->has_initrd && p->initrd_start == 0xbb080000);
	CHECK_EQ(p->image.text, 0xbb600000);
	CHECK_EQ(p->inputs.dtb_base, MP_SRC_EFI_MAP);

	TEST("no Image size: the stub's Loader Code range gives it");
	image_size = 0;
	p = plan_efi(MP_LINUX_6_12, "efi-p612-dt.log", 5756341);
	CHECK(p && p->image.text == 0xbb600000 && p->image.size == 0x640000 &&
	      p->inputs.image_size == MP_SRC_EFI_MAP);
	image_size = 0x640000;

	TEST("no initrd size: a warning, and no initrd");
	p = plan_efi(MP_LINUX_6_12, "efi-p612-dt.log", 0);
	CHECK(p && !p->has_initrd && has_diag(p, "efi-initrd-size"));
}

static void acpi_choice(void)
{
	struct mp_plan *p;

	TEST("acpi_boot_table_init(): the stub's DT and an RSDP mean ACPI");
	stub_dt("crashkernel=256M", false);
	p = plan_efi(MP_LINUX_6_12, "efi-p612-acpi.log", 5756341);
	CHECK(p && p->acpi_boot);
	stub_dt("crashkernel=256M acpi=off", false);
	p = plan_efi(MP_LINUX_6_12, "efi-p612-acpi.log", 5756341);
	CHECK(p && !p->acpi_boot, "acpi=off");
	stub_dt("crashkernel=256M", true);
	p = plan_efi(MP_LINUX_6_12, "efi-p612-acpi.log", 5756341);
	CHECK(p && !p->acpi_boot, "a DT with more than /chosen");
	stub_dt("crashkernel=256M acpi=force", true);
	p = plan_efi(MP_LINUX_6_12, "efi-p612-acpi.log", 5756341);
	CHECK(p && p->acpi_boot, "acpi=force");
	stub_dt("crashkernel=256M", false);
	p = plan_efi(MP_LINUX_6_12, "efi-p612-dt.log", 5756341);
	CHECK(p && !p->acpi_boot, "no RSDP");

	TEST("memplan-6.12: an RSDP keeps the stock late crash kernel, even with acpi=off");
	stub_dt("crashkernel=256M acpi=off", false);
	p = plan_efi(MP_MEMPLAN_6_12, "efi-p612-acpi.log", 5756341);
	CHECK(p && !p->acpi_boot && !p->dma_limits_early && p->crash.deferred);
	p = plan_efi(MP_MEMPLAN_6_12, "efi-p612-dt.log", 5756341);
	CHECK(p && p->dma_limits_early && !p->crash.deferred);
}

/* Debian's 6.12 booted with a virtio RNG: the stub placed the Image at random */
static void kaslr(void)
{
	struct mp_plan *p;

	TEST("KASLR with an EFI RNG: a 64 KiB aligned Image, the slots it could take");
	stub_dt("crashkernel=256M efi=debug", false);
	image_size = 0x2b40000;	/* Debian 6.12.118's image_size */
	p = plan_efi(MP_LINUX_6_12, "efi-d612-kaslr.log", 17687524);
	CHECK(p && p->efi_stub.kaslr && p->efi_stub.rng && p->efi_stub.align == 0x10000);
	if (p) {
		/* where this boot's stub put it: 64 KiB, not 2 MiB, aligned */
		CHECK_EQ(p->image.text, 0x8b1e0000);
		/* below the crash kernel: the plan holds for it, and for most slots */
		CHECK(!p->efi_stub.image_above);
		CHECK(p->efi_stub.slots > p->efi_stub.stable_slots && p->efi_stub.stable_slots);
		CHECK_EQ(p->efi_stub.stable_below, p->crash.low_base);
		CHECK(has_diag(p, "efi-kaslr-image"));
	}
	stub_dt("crashkernel=256M efi=debug nokaslr", false);
	p = plan_efi(MP_LINUX_6_12, "efi-d612-kaslr.log", 17687524);
	CHECK(p && !p->efi_stub.kaslr && p->efi_stub.align == 0x200000, "nokaslr");
	image_size = 0x640000;
	stub_dt("crashkernel=256M efi=debug", false);
	p = plan_efi(MP_LINUX_6_12, "efi-p612-dt.log", 5756341);
	CHECK(p && !p->efi_stub.kaslr && !p->efi_stub.rng, "no RNG= table: no KASLR");
}

int main(void)
{
	real_logs();
	bad_lines();
	efi_init_rules();
	acpi_choice();
	kaslr();
	return DONE();
}
