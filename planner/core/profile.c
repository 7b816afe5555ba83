// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * profile.c - the kernel profiles (docs/design.md §3) and the configuration facts
 * of docs/kernel-model.md §1 item 5 / §3.4: documented defaults per profile,
 * and the mapping from .config symbols.
 */
#include "internal.h"

static const char *const profile_names[MP_PROFILE_COUNT] = {
	[MP_LINUX_6_1] = "linux-6.1",
	[MP_LINUX_6_12] = "linux-6.12",
	[MP_MAINLINE] = "mainline",
	[MP_MEMPLAN_6_12] = "memplan-6.12",
};

const char *mp_profile_name(enum mp_profile p)
{
	return (unsigned int)p < MP_PROFILE_COUNT ? profile_names[p] : "?";
}

int mp_profile_parse(const char *name, enum mp_profile *p)
{
	unsigned int i;

	for (i = 0; i < MP_PROFILE_COUNT; i++)
		if (mp_streq(name, profile_names[i])) {
			*p = (enum mp_profile)i;
			return 0;
		}
	return -MP_ERR_BADARG;
}

/*
 * Defaults: Debian's arm64 build for linux-6.1 (read from the config of
 * linux-image-6.1.0-56-arm64-unsigned: CMA 64 MiB, 19 CMA areas, NR_CPUS 256,
 * PAGE_EXTENSION, no KFENCE, no DMA_RESTRICTED_POOL), arm64 defconfig values
 * for the 6.12 and mainline profiles.
 * Both: 4K pages, 48-bit VA/PA, ZONE_DMA + ZONE_DMA32, rodata=full default,
 * KFENCE off, NUMA on, hugetlb + THP on, EFI + GICv3 ITS on.
 */
int mp_kconfig_defaults(enum mp_profile p, struct mp_kconfig *kc)
{
	if ((unsigned int)p >= MP_PROFILE_COUNT)
		return -MP_ERR_BADARG;
	mp_memset(kc, 0, sizeof(*kc));
	kc->page_shift = 12;
	kc->va_bits = 48;
	kc->pa_bits = 48;
	kc->zone_dma = kc->zone_dma32 = true;
	kc->crash_reserve = kc->crash_dump = true;
	kc->cma = kc->dma_cma = true;
	kc->cma_size_sel = MP_CMA_SEL_MBYTES;
	kc->cma_size_mbytes = p == MP_LINUX_6_1 ? 64 : 32;
	kc->cma_areas = p == MP_LINUX_6_1 ? 19 : 7;
	kc->dma_declare_coherent = true;
	/* Debian's 6.1 arm64 config leaves DMA_RESTRICTED_POOL unset */
	kc->dma_restricted_pool = p != MP_LINUX_6_1;
	kc->page_extension = p == MP_LINUX_6_1;
	kc->kfence_sample_interval = 100;
	kc->kfence_num_objects = 255;
	kc->rodata_full_default = true;
	kc->numa = true;
	kc->hugetlb_page = kc->transparent_hugepage = true;
	kc->efi = kc->gic_v3_its = kc->acpi = true;
	kc->nr_cpus = p == MP_LINUX_6_1 ? 256 : 512;
	kc->sysfs = true;
	kc->randomize_base = true;
	kc->cpumask_offstack = p != MP_LINUX_6_1;
	kc->memory_hotremove = true;
	kc->nodes_shift = 4;
	kc->cmdline_mode = MP_CMDLINE_FROM_BOOTLOADER;
	return 0;
}

static int parse_u64(const char *v, mp_u64 *out)
{
	const char *end;

	if (!v || !*v)
		return -MP_ERR_BADINPUT;
	*out = mp_simple_strtoull(v, &end);
	return *end ? -MP_ERR_BADINPUT : 0;
}

struct bool_sym {
	const char *name;
	size_t off;
};

#define B(n, f) { n, __builtin_offsetof(struct mp_kconfig, f) }
static const struct bool_sym bool_syms[] = {
	B("ZONE_DMA", zone_dma),
	B("ZONE_DMA32", zone_dma32),
	B("ZONE_DEVICE", zone_device),
	B("KEXEC_CORE", crash_reserve),
	B("CRASH_RESERVE", crash_reserve),
	B("CRASH_DUMP", crash_dump),
	B("CMA", cma),
	B("DMA_CMA", dma_cma),
	B("DMA_DECLARE_COHERENT", dma_declare_coherent),
	B("DMA_RESTRICTED_POOL", dma_restricted_pool),
	B("KFENCE", kfence),
	B("RODATA_FULL_DEFAULT_ENABLED", rodata_full_default),
	B("DEBUG_PAGEALLOC", debug_pagealloc),
	B("DEBUG_PAGEALLOC_ENABLE_DEFAULT", debug_pagealloc_default),
	B("NUMA", numa),
	B("HUGETLB_PAGE", hugetlb_page),
	B("TRANSPARENT_HUGEPAGE", transparent_hugepage),
	B("EFI", efi),
	B("ACPI", acpi),
	B("ARM_GIC_V3_ITS", gic_v3_its),
	B("PAGE_EXTENSION", page_extension),
	B("SYSFS", sysfs),
	B("RANDOMIZE_BASE", randomize_base),
	B("OF_DYNAMIC", of_dynamic),
	B("DEBUG_LOCK_ALLOC", debug_lock_alloc),
	B("DEBUG_KOBJECT_RELEASE", debug_kobject_release),
	B("CPUMASK_OFFSTACK", cpumask_offstack),
	B("MEMORY_HOTREMOVE", memory_hotremove),
};
#undef B

/* the numeric options: unsigned int fields, or 64-bit ones (wide) */
struct num_sym {
	const char *name;
	size_t off;
	bool wide;
	unsigned int max;	/* the largest value a kernel builds with; 0: any */
};

#define N(sym, field, w) { sym, offsetof(struct mp_kconfig, field), w, 0 }
/* mm: MAX_PAGE_ORDER + PAGE_SHIFT <= SECTION_SIZE_BITS (29 with 64K pages) */
#define N_MAX(sym, field, m) { sym, offsetof(struct mp_kconfig, field), false, m }
static const struct num_sym num_syms[] = {
	N("ARM64_VA_BITS", va_bits, false), N("ARM64_PA_BITS", pa_bits, false),
	N("CMA_SIZE_PERCENTAGE", cma_size_percentage, false), N("CMA_AREAS", cma_areas, false),
	N("KFENCE_NUM_OBJECTS", kfence_num_objects, false), N("NR_CPUS", nr_cpus, false),
	N_MAX("NODES_SHIFT", nodes_shift, 10), N_MAX("ARCH_FORCE_MAX_ORDER", force_max_order, 14),
	N("CMA_SIZE_MBYTES", cma_size_mbytes, true),
	N("KFENCE_SAMPLE_INTERVAL", kfence_sample_interval, true),
};
#undef N

/* a numeric option the core knows; others are ignored */
static int set_number(struct mp_kconfig *kc, const char *name, const char *value)
{
	mp_u64 v;
	size_t i;

	for (i = 0; i < MP_ARRAY_SIZE(num_syms); i++) {
		const struct num_sym *n = &num_syms[i];

		if (!mp_streq(name, n->name))
			continue;
		if (parse_u64(value, &v) || v > 0xffffffffULL * (n->wide ? 0xffffffffULL : 1) ||
		    (n->max && v > n->max))
			return -MP_ERR_BADINPUT;
		if (n->wide)
			*(mp_u64 *)((char *)kc + n->off) = v;
		else
			*(unsigned int *)((char *)kc + n->off) = (unsigned int)v;
		return 0;
	}
	return 0;
}

/* the choice options: one of a set is =y (page size, CMA size selector, cmdline mode) */
enum choice { PAGE_SHIFT, CMA_SEL, CMDLINE_MODE };

static const struct {
	const char *name;
	enum choice what;
	unsigned int value;
} choice_syms[] = {
	{ "ARM64_4K_PAGES", PAGE_SHIFT, 12 }, { "ARM64_16K_PAGES", PAGE_SHIFT, 14 },
	{ "ARM64_64K_PAGES", PAGE_SHIFT, 16 },
	{ "CMA_SIZE_SEL_MBYTES", CMA_SEL, MP_CMA_SEL_MBYTES },
	{ "CMA_SIZE_SEL_PERCENTAGE", CMA_SEL, MP_CMA_SEL_PERCENTAGE },
	{ "CMA_SIZE_SEL_MIN", CMA_SEL, MP_CMA_SEL_MIN }, { "CMA_SIZE_SEL_MAX", CMA_SEL, MP_CMA_SEL_MAX },
	{ "CMDLINE_FORCE", CMDLINE_MODE, MP_CMDLINE_FORCE },
	{ "CMDLINE_EXTEND", CMDLINE_MODE, MP_CMDLINE_EXTEND },
};

/* a choice option set =y; false when @name is none */
static bool set_choice(struct mp_kconfig *kc, const char *name)
{
	size_t i;

	for (i = 0; i < MP_ARRAY_SIZE(choice_syms); i++) {
		if (!mp_streq(name, choice_syms[i].name))
			continue;
		if (choice_syms[i].what == PAGE_SHIFT)
			kc->page_shift = choice_syms[i].value;
		else if (choice_syms[i].what == CMA_SEL)
			kc->cma_size_sel = (enum mp_cma_sel)choice_syms[i].value;
		else
			kc->cmdline_mode = (enum mp_cmdline_mode)choice_syms[i].value;
		return true;
	}
	return false;
}

int mp_kconfig_set(struct mp_kconfig *kc, const char *name, const char *value)
{
	bool on = value && (mp_streq(value, "y") || mp_streq(value, "m"));
	size_t i;

	if (!kc->from_file) {
		/* a .config lists every enabled bool: start from all off */
		for (i = 0; i < MP_ARRAY_SIZE(bool_syms); i++)
			*(bool *)((char *)kc + bool_syms[i].off) = false;
		kc->kfence_sample_interval = 0;
		kc->builtin_cmdline = NULL;
		kc->cmdline_mode = MP_CMDLINE_FROM_BOOTLOADER;
		kc->from_file = true;
	}
	for (i = 0; i < MP_ARRAY_SIZE(bool_syms); i++)
		if (mp_streq(name, bool_syms[i].name)) {
			/* KEXEC_CORE (6.1) and CRASH_RESERVE (6.9+) mean the same */
			*(bool *)((char *)kc + bool_syms[i].off) |= on;
			if (!on && !mp_streq(name, "KEXEC_CORE") && !mp_streq(name, "CRASH_RESERVE"))
				*(bool *)((char *)kc + bool_syms[i].off) = false;
			return 0;
		}
	if (on && set_choice(kc, name))
		return 0;
	if (mp_streq(name, "CMDLINE") && value)
		kc->builtin_cmdline = value;
	else if (value && !on && mp_strcmp(value, "n"))
		return set_number(kc, name, value);
	return 0;
}
