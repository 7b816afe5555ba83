/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memplan.h - the planner core's API: inputs, the plan, diagnostics, the
 * JSON writer.
 *
 * Data flows one way: inputs (flattened DT, command line, kernel config
 * facts, image placement) -> facts (dtscan) -> the boot sequence of one
 * kernel profile, run over one memblock model -> the plan.  The core never
 * prints and never allocates on its own: every byte comes from a caller-given
 * arena (struct mp_arena), and the JSON writer writes through a caller-given
 * sink (struct mp_sink).  Functions return 0 or a negative -MP_ERR_* code;
 * mp_strerror() names them.
 */
#ifndef MEMPLAN_H
#define MEMPLAN_H

#include "memplan_env.h"
#include "memplan_inputs.h"
#include "memplan_early.h"
#include "memplan_acpi.h"

/*
 * Error codes, returned negated (like the kernel's -errno and libfdt's
 * -FDT_ERR_*).  One vocabulary for the whole core: the first group are the
 * kernel's own errno values, used where the model returns what the modelled
 * kernel function returns (the caller's next step depends on which one, as in
 * the kernel); the second group are the planner's own failures.
 */
enum mp_err {
	MP_OK = 0,
	MP_ENOENT = 2,	    /* -ENOENT: nothing of that kind (parse_crashkernel()) */
	MP_ENOMEM = 12,	    /* -ENOMEM: memblock could not allocate or grow */
	MP_EBUSY = 16,	    /* -EBUSY: the range is taken (early_init_dt_reserve_memory()) */
	MP_ENODEV = 19,	    /* -ENODEV: no such node (of_reserved_mem_device_init_by_idx()) */
	MP_EINVAL = 22,	    /* -EINVAL: the kernel rejects the value */
	MP_ENOSPC = 28,	    /* -ENOSPC: no slot left (cma_init_reserved_mem()) */
	MP_ERR_NOSPACE = 256, /* the arena is exhausted */
	MP_ERR_BADDTB,	    /* the flattened DT is not valid */
	MP_ERR_BADINPUT,    /* a DT property or option value is malformed */
	MP_ERR_BADCMDLINE,  /* the command line cannot be used */
	MP_ERR_BADARG,	    /* an API argument is invalid */
	MP_ERR_INTERNAL,    /* a planner invariant was violated */
	MP_ERR_MAX
};

/**
 * mp_strerror() - the name of an error code
 * @err: an &enum mp_err value, negated or not
 *
 * Return: a static string; "unknown error" for a value outside the enum.
 */
const char *mp_strerror(int err);

/* ------------------------------------------------------------------ */
/* Memory: a bump arena owned by the caller.                           */

struct mp_arena {
	unsigned char *base;
	size_t size;
	size_t used;
	bool exhausted;
};

/**
 * mp_arena_init() - make a caller's buffer an empty arena
 * @arena: the arena to set up
 * @buf: the memory every allocation will come from; it must outlive every
 *	plan built in it
 * @size: bytes at @buf
 *
 * Nothing is cleared here: mp_arena_alloc() zeroes what it hands out.
 */
void mp_arena_init(struct mp_arena *arena, void *buf, size_t size);
/**
 * mp_arena_alloc() - take zeroed memory from an arena
 * @arena: the arena
 * @size: bytes wanted
 * @align: a power of two, or 0 for sizeof(mp_u64); it aligns the offset into
 *	the buffer, so the buffer itself must be at least as aligned
 *
 * A bump allocator: the core never frees, a plan lives exactly as long as its
 * arena.
 *
 * Return: the memory, zeroed, or NULL with @arena->exhausted set when @size
 * bytes at @align do not fit in what is left.
 */
void *mp_arena_alloc(struct mp_arena *arena, size_t size, size_t align);

/* ------------------------------------------------------------------ */
/* Kernel profiles (docs/design.md §3).                                */

enum mp_profile {
	MP_LINUX_6_1,	  /* Debian 6.1.192 */
	MP_LINUX_6_12,	  /* Debian 6.12.117 */
	MP_MAINLINE,	  /* newest mainline read (docs/kernel-model.md §0.1) */
	MP_MEMPLAN_6_12,  /* 6.12 with the series of kernel-patches/6.12 */
	MP_PROFILE_COUNT
};

/**
 * mp_profile_name() - the name of a kernel profile
 * @p: the profile
 *
 * Return: "linux-6.1", "linux-6.12", "mainline" or "memplan-6.12"; "?" for a
 * value outside the enum.
 */
const char *mp_profile_name(enum mp_profile p);
/**
 * mp_profile_parse() - the profile of a name
 * @name: a name as mp_profile_name() spells it (exact match)
 * @p: set to the profile on success
 *
 * Return: 0, or -MP_ERR_BADARG for any other name (@p is left alone).
 */
int mp_profile_parse(const char *name, enum mp_profile *p);

enum mp_cma_sel { MP_CMA_SEL_MBYTES, MP_CMA_SEL_PERCENTAGE, MP_CMA_SEL_MIN, MP_CMA_SEL_MAX };
enum mp_cmdline_mode { MP_CMDLINE_FROM_BOOTLOADER, MP_CMDLINE_EXTEND, MP_CMDLINE_FORCE };

/*
 * The kernel configuration facts that change placement
 * (docs/kernel-model.md §1 item 5 and §3.4).
 */
struct mp_kconfig {
	bool from_file;		 /* false: the profile's documented defaults */
	unsigned int page_shift;	 /* 12 (4K), 14 (16K), 16 (64K) */
	unsigned int va_bits;	 /* CONFIG_ARM64_VA_BITS */
	unsigned int pa_bits;	 /* CONFIG_ARM64_PA_BITS */
	bool zone_dma, zone_dma32, zone_device;
	bool crash_reserve;	 /* 6.1 KEXEC_CORE, >= 6.9 CRASH_RESERVE */
	bool crash_dump;	 /* CONFIG_CRASH_DUMP (elfcorehdr) */
	bool cma, dma_cma;
	enum mp_cma_sel cma_size_sel;
	mp_u64 cma_size_mbytes;
	unsigned int cma_size_percentage;
	unsigned int cma_areas;
	bool dma_declare_coherent, dma_restricted_pool;
	bool kfence;
	mp_u64 kfence_sample_interval;
	unsigned int kfence_num_objects;
	bool rodata_full_default;
	bool debug_pagealloc, debug_pagealloc_default;
	bool numa;
	bool hugetlb_page, transparent_hugepage;
	bool efi, gic_v3_its;
	bool acpi;		 /* CONFIG_ACPI: a UEFI boot may take ACPI tables instead of the DT */
	unsigned int nr_cpus;
	bool page_extension;	 /* struct mem_section is 32 bytes */
	/* the options the sizes of the early allocations follow (kstruct.c) */
	bool randomize_base;	 /* KASLR: the page tables of the kernel and vmemmap vary */
	bool sysfs;		 /* OF_KOBJ (def_bool SYSFS): kobjects in device_node, property */
	bool of_dynamic;	 /* struct property has _flags */
	bool debug_lock_alloc;	 /* struct attribute has lockdep keys */
	bool debug_kobject_release; /* struct kobject has a delayed_work */
	bool cpumask_offstack;	 /* cpumasks are allocated: NUMA's node_to_cpumask_map */
	bool memory_hotremove;	 /* usemaps go to the section of the node's pgdat */
	unsigned int nodes_shift; /* NODES_SHIFT: MAX_NUMNODES */
	unsigned int force_max_order; /* ARCH_FORCE_MAX_ORDER (0: the page size's default) */
	const char *builtin_cmdline; /* CONFIG_CMDLINE or NULL */
	enum mp_cmdline_mode cmdline_mode;
};

/**
 * mp_kconfig_defaults() - the configuration facts a profile assumes without a .config
 * @p: the profile
 * @kc: overwritten with the defaults (@kc->from_file false)
 *
 * linux-6.1 takes Debian's arm64 build (CMA 64 MiB, 19 CMA areas, NR_CPUS 256,
 * PAGE_EXTENSION, no DMA_RESTRICTED_POOL); the other profiles arm64 defconfig
 * (CMA 32 MiB, 7 areas, NR_CPUS 512).  All: 4K pages, 48-bit VA and PA,
 * ZONE_DMA and ZONE_DMA32, crash reserve and dump, rodata=full by default,
 * KFENCE off, NUMA, HugeTLB and THP, EFI and GICv3 ITS on.
 *
 * Return: 0, or -MP_ERR_BADARG for a value outside the enum (@kc untouched).
 */
int mp_kconfig_defaults(enum mp_profile p, struct mp_kconfig *kc);

/**
 * mp_memstart_align() - ARM64_MEMSTART_ALIGN for a page size
 * @page_shift: 12 (4K), 14 (16K) or 16 (64K)
 *
 * The granule memstart_addr (the physical base of the linear map) is rounded
 * down to: PUD (1 GiB) with 4K, CONT_PMD (32 x 32 MiB = 1 GiB) with 16K, PMD
 * (512 MiB) with 64K, never less than a memory section (asm/memory.h, 5.11+).
 *
 * Return: the alignment in bytes, 0 for an unknown page size.
 */
mp_u64 mp_memstart_align(unsigned int page_shift);

/**
 * mp_section_size_bits() - SECTION_SIZE_BITS for a page size
 * @page_shift: 12 (4K), 14 (16K) or 16 (64K)
 *
 * The sparsemem section, the unit of memory hotplug: 27 (128 MiB) with 4K and
 * 16K pages, 29 (512 MiB) with 64K (asm/sparsemem.h, 5.12+).
 *
 * Return: the number of bits, 0 for an unknown page size.
 */
unsigned int mp_section_size_bits(unsigned int page_shift);
/* the address sizes a configuration runs with on a CPU (mp_arm64_bits()) */
struct mp_arm64_bits {
	unsigned int va_bits_actual;	/* vabits_actual */
	unsigned int va_bits_min;	/* VA_BITS_MIN */
	unsigned int phys_mask_shift;	/* PHYS_MASK_SHIFT (= MAX_PHYSMEM_BITS) */
	unsigned int pgtable_levels;	/* translation levels in use */
	mp_u64 linear_size;		/* arm64_memblock_init()'s linear_region_size */
};

/**
 * mp_arm64_bits() - the VA and PA sizes a configuration runs with
 * @kc: the configuration (page size, CONFIG_ARM64_VA_BITS, CONFIG_ARM64_PA_BITS)
 * @cpu_va52: the CPU implements FEAT_LPA2 (4K/16K) or FEAT_LVA (64K)
 * @out: filled
 *
 * Linux 6.9+ (asm/memory.h, asm/pgtable-prot.h, 6.12): a 52-bit VA
 * configuration runs with vabits_actual 52 only on a CPU that can; else with
 * VA_BITS_MIN, 48 (16K pages: 47).  With 4K or 16K pages PA_BITS_52 selects
 * ARM64_LPA2 and PHYS_MASK_SHIFT is then 52 only when LPA2 is enabled, else 48
 * (64K: CONFIG_ARM64_PA_BITS).  The linear region is PAGE_END -
 * _PAGE_OFFSET(vabits_actual) = 2^vabits_actual - 2^(VA_BITS_MIN - 1).
 * The levels are those of vabits_actual (pgtable_l4/l5_enabled()).
 *
 * Return: 0, or -MP_ERR_BADARG for a page size or bit count memplan does not
 * model (@out untouched).
 */
int mp_arm64_bits(const struct mp_kconfig *kc, bool cpu_va52, struct mp_arm64_bits *out);

/**
 * mp_kconfig_set() - apply one line of a .config
 * @kc: the facts, from mp_kconfig_defaults() or earlier calls
 * @name: the option without the CONFIG_ prefix
 * @value: the text after '=' of "CONFIG_NAME=value", or NULL for
 *	"# CONFIG_NAME is not set"; kept by pointer for CMDLINE, so it must
 *	live as long as @kc
 *
 * The first call switches @kc from the profile's defaults to file mode: every
 * boolean starts off, as in a .config, where an option that is absent is off
 * (also KFENCE_SAMPLE_INTERVAL 0, no CMDLINE, CMDLINE_FROM_BOOTLOADER).  A
 * boolean is on with "y" or "m"; KEXEC_CORE (6.1) and CRASH_RESERVE (6.9+)
 * both set the crash_reserve fact, and either one being off does not clear
 * it.  Numbers are read like simple_strtoull(..., 0).
 *
 * Return: 0, also for a name memplan does not know, or -MP_ERR_BADINPUT when
 * a known numeric option's value is empty, not wholly a number, or too large
 * (over 0xffffffff for an unsigned int fact, over 0xfffffffe00000001 for a
 * 64-bit one).
 */
int mp_kconfig_set(struct mp_kconfig *kc, const char *name, const char *value);

/* The kernel image's physical layout (docs/kernel-model.md §1 item 3). */
struct mp_image {
	mp_u64 text;		/* pa(_text), 2 MiB aligned */
	mp_u64 size;		/* _end - _text (Image header image_size) */
	mp_u64 stext_offset;	/* _stext - _text */
	mp_u64 init_offset;	/* __init_begin - _text */
	mp_u64 sdata_offset;	/* _sdata - _text */
	bool text_assumed;	/* placement not given: boot-loader default used */
	bool layout_assumed;	/* section offsets are the profile's typical ones */
};

struct mp_efi_map;	/* memplan_efi.h */

struct mp_input {
	const void *fdt;	 /* flattened DT as the kernel receives it */
	size_t fdt_len;		 /* bytes available at @fdt */
	mp_u64 fdt_base;	 /* where the DTB sits; 0 with !fdt_base_given */
	bool fdt_base_given;
	const char *cmdline;	 /* NULL: /chosen/bootargs */
	enum mp_profile profile;
	struct mp_kconfig kc;
	struct mp_image image;	 /* .size == 0: profile default */
	bool image_given;	 /* image.text was given */
	bool strict;		 /* malformed DT constructs abort with -MP_ERR_BADINPUT */
	/* RAM the boot loader fills in, written into @fdt already; NULL: the DT's own */
	const struct mp_mem_assumption *mem_assumed;
	/* where the caller's inputs came from (UNSAID: derived; see struct mp_inputs) */
	enum mp_source image_base_src, image_size_src, fdt_base_src, kconfig_src, profile_src,
		cpu_va52_src;
	/*
	 * The CPU implements FEAT_LPA2 (4K and 16K pages) or FEAT_LVA (64K): a
	 * 52-bit VA/PA configuration then runs with 52 bits; without it with
	 * 48 (16K: 47) bits of VA and 48 of PA (mp_arm64_bits())
	 */
	bool cpu_va52;
	/*
	 * struct sizes from the kernel's BTF (--btf), indexed by enum mp_kstruct;
	 * 0: not given; above 1 MiB: ignored as not a kernel's
	 */
	mp_u64 btf_sizes[MP_KS_COUNT];
	/*
	 * A UEFI boot: the EFI memory map and configuration tables the kernel
	 * reads in efi_init() (--efi-memmap; memplan_efi.h); NULL: a DT boot
	 */
	const struct mp_efi_map *efi;
	/* the initrd's bytes, for an initrd the EFI stub loaded (--initrd-size); 0: unknown */
	mp_u64 initrd_size;
	/*
	 * the firmware's IORT (--acpi-iort), read by mp_iort_parse(): its limit
	 * bounds ZONE_DMA as acpi_iort_dma_get_max_cpu_address() does; NULL:
	 * none, the limit is all ones (a DT boot).  Must outlive the plan.
	 */
	const struct mp_iort *iort;
	enum mp_source iort_src;	/* UNSAID (FILE) or RECORD */
	/*
	 * memstart_addr as the booted kernel had it: PHYS_OFFSET of its
	 * VMCOREINFO (--phys-offset).  With KASLR, arm64_memblock_init() lowers
	 * memstart_addr by a random multiple of ARM64_MEMSTART_ALIGN
	 * (memstart_offset_seed), which moves the vmemmap; without it memplan
	 * assumes no such shift.
	 */
	mp_u64 phys_offset;
	bool phys_offset_given;
	enum mp_source phys_offset_src;	/* UNSAID (given) or RECORD */
	/*
	 * Model the 2024 v8 "dynamic reserved_mem" series (--rmem-ops-lost):
	 * records initialized before the reserved_mem[] array was allocated
	 * (6.12's dynamic regions) reach the array without their ops and priv,
	 * so of_reserved_mem_device_init_by_idx() fails with -EINVAL for them
	 */
	bool rmem_ops_lost;
	/*
	 * The compatibles whose drivers call of_reserved_mem_device_init_by_idx()
	 * for every index of their node's memory-region at probe (--rmem-caller),
	 * as a driver that takes a shared-dma-pool does: their phandles then
	 * print "assigned reserved memory node" too (consumers.c).  At most
	 * MP_RMEM_CALLERS_MAX; the strings must outlive the plan.
	 */
	const char *const *rmem_callers;
	size_t nr_rmem_callers;
};

#define MP_RMEM_CALLERS_MAX 16

/* ------------------------------------------------------------------ */
/* The plan.                                                           */

enum mp_severity { MP_SEV_ERROR, MP_SEV_WARNING, MP_SEV_NOTE };

struct mp_diag {
	enum mp_severity severity;
	const char *code;	/* stable, e.g. "crash-no-fit" */
	const char *message;
	const char *path;	/* DT node path or NULL */
	bool assumed;		/* exists only because of an assumed input (the memory) */
};

struct mp_bank {
	mp_u64 base, size;
	bool nomap, hotplug;
};

enum mp_zone_id { MP_ZONE_DMA, MP_ZONE_DMA32, MP_ZONE_NORMAL, MP_NR_ZONES };

struct mp_zone {
	bool configured;	/* CONFIG_ZONE_* on (Normal always) */
	bool empty;
	mp_u64 start, end;	/* inclusive end, as printed */
};

enum mp_rmem_kind { MP_RMEM_STATIC, MP_RMEM_DYNAMIC, MP_RMEM_MEMRESERVE };
enum mp_rmem_status { MP_RMEM_RESERVED, MP_RMEM_FAILED, MP_RMEM_DROPPED, MP_RMEM_FREED };

struct mp_rmem {
	const char *path;	/* "/reserved-memory/foo@1000", or "/memreserve/[n]" */
	const char *name;	/* unit name as the kernel prints it ("foo@1000") */
	enum mp_rmem_kind kind;
	mp_u64 base, size;	/* first reg entry, or the allocation */
	struct mp_range *regs;	/* every reg entry (static) */
	size_t nr_regs;
	bool no_map, reusable, cma_default;
	const char *compatible;	/* first compatible string, or NULL */
	mp_u64 align;		/* effective alignment (dynamic) */
	struct mp_range *alloc_ranges;
	size_t nr_alloc_ranges;
	enum mp_rmem_status status;
	const char *reason;	/* why, for anything but a plain success */
	const char *init;	/* driver that took it: "cma", "dma-coherent", ... */
	int fdt_offset;
};

struct mp_consumer;	/* memplan_consumers.h */

enum mp_cma_source { MP_CMA_DT, MP_CMA_CMDLINE, MP_CMA_KCONFIG };

struct mp_cma {
	bool present;
	mp_u64 base, size;
	enum mp_cma_source source;
	bool failed;
	mp_u64 requested;
};

enum mp_crash_status { MP_CRASH_NONE, MP_CRASH_RESERVED, MP_CRASH_FAILED };

struct mp_crash {
	const char *request;	  /* the crashkernel= token(s) used, or NULL */
	bool deferred;		  /* reserved in bootmem_init, after map_mem */
	const char *deferred_reason;
	mp_u64 size, base_fixed;  /* parsed request */
	mp_u64 low_request;	  /* ,low size (or the default) */
	bool is_high;		  /* ,high form */
	mp_u64 low_max;		  /* CRASH_ADDR_LOW_MAX at the time of the call */
	bool low_present, high_present;
	mp_u64 low_base, low_size;   /* region below low_max */
	mp_u64 high_base, high_size; /* region at/above low_max */
	enum mp_crash_status status;
	const char *reason;
	bool uncertain;		  /* depends on allocations memplan estimates */
};

enum mp_map_level { MP_MAP_PUD, MP_MAP_CONT_PMD, MP_MAP_PMD, MP_MAP_CONT_PTE, MP_MAP_PTE };

/**
 * mp_map_level_name() - the name of a linear-map leaf level
 * @l: the level
 *
 * Return: "pud", "cont_pmd", "pmd", "cont_pte" or "pte"; "?" for a value
 * outside the enum.
 */
const char *mp_map_level_name(enum mp_map_level l);

struct mp_map_range {
	mp_u64 start, end;	/* physical, inclusive end */
	enum mp_map_level level;
};

struct mp_linmap {
	mp_u64 granule;
	bool forced_pte;
	const char *forced_reason;
	struct mp_map_range *ranges;
	size_t nr_ranges;
	mp_u64 table_pages;
	/*
	 * memplan-6.12: the crash kernel region(s), mapped on their own, leave
	 * the linear map while a capture kernel is loaded
	 * (arch_kexec_protect_crashkres()).  Stock 6.4+ arm64 has no protection.
	 */
	bool crash_protected;
};

#define MP_LINMAP_ALONE_MAX 5
/**
 * mp_linmap_alone() - the leaf levels of a range mapped on its own
 * @kc: page size and VA bits (the page-table geometry)
 * @start: physical start, rounded down to a page
 * @end: physical end, exclusive, rounded up to a page
 * @out: the runs, in address order, each end inclusive
 *
 * The memplan-6.12 crash region without contiguous hints, as crashk_map()
 * maps it in map_mem() and crashk_remap() maps what a shrink keeps
 * (crash_free_reserved_phys_range(), CRASHK_MAP_FLAGS, kernel-patches/6.12):
 * PTEs up to a PMD boundary, PMD blocks, PUD blocks (4K pages only), then PMD
 * and PTE again, so at most MP_LINMAP_ALONE_MAX runs.
 *
 * Return: the number of runs written to @out; 0 for an empty range (or if
 * the walk outgrew its 1 KiB scratch arena).
 */
size_t mp_linmap_alone(const struct mp_kconfig *kc, mp_u64 start, mp_u64 end,
		       struct mp_map_range out[MP_LINMAP_ALONE_MAX]);

/* Everything memblock holds reserved at the end, labelled (for writers). */
enum mp_alloc_kind {
	MP_ALLOC_KERNEL, MP_ALLOC_FDT, MP_ALLOC_INITRD, MP_ALLOC_ELFCOREHDR,
	MP_ALLOC_MEMRESERVE, MP_ALLOC_RMEM, MP_ALLOC_PGTABLE, MP_ALLOC_KFENCE,
	MP_ALLOC_EARLY,		/* unflattened DT, memmap, NODE_DATA, ... */
	MP_ALLOC_CMA, MP_ALLOC_CRASH, MP_ALLOC_CRASH_LOW,
	MP_ALLOC_EFI,		/* what efi_init() reserves: memory map, config tables */
};

struct mp_alloc {
	mp_u64 base, size;
	enum mp_alloc_kind kind;
	const char *what;
	bool estimated;		/* size is memplan's estimate, not exact */
};

/*
 * The EFI stub's placement of the Image (efi.c; docs/kernel-model.md §17.1):
 * in place or copied 2 MiB aligned, or with KASLR and an EFI RNG at a random
 * 64 KiB slot of conventional memory (efi_random_alloc()).
 */
struct mp_efi_stub {
	bool kaslr;		/* CONFIG_RANDOMIZE_BASE, no nokaslr, an EFI RNG (RNG= table) */
	bool rng;		/* the map's config tables have RNG= */
	mp_u64 align;		/* the Image's alignment: 2 MiB, or 64 KiB with KASLR */
	mp_u64 slots;		/* KASLR: the slots the Image may take */
	mp_u64 stable_below;	/* KASLR: the plan holds with the Image ending at or below */
	mp_u64 stable_slots;	/* KASLR: how many slots end at or below it */
	bool image_above;	/* KASLR: this plan's Image ends above stable_below */
};

struct mp_plan {
	enum mp_profile profile;
	struct mp_kconfig kc;
	const char *cmdline;	/* effective command line */
	struct mp_image image;
	mp_u64 fdt_base, fdt_size;
	bool has_initrd;
	mp_u64 initrd_start, initrd_end;
	mp_u64 system_ram;	/* memblock_phys_mem_size() at crash time */
	mp_u64 mem_limit;	/* mem= (0: none) */
	mp_u64 memstart;	/* memstart_addr: the linear map's physical base */
	/*
	 * KASLR's shift of the linear map (arm64_memblock_init(),
	 * memstart_offset_seed): memstart_addr is memstart, less the 52-bit
	 * shift, less this; from mp_input.phys_offset, else 0 (assumed)
	 */
	mp_u64 linear_offset;
	mp_u64 memstart_addr;	/* the kernel's memstart_addr (VMCOREINFO PHYS_OFFSET) */
	struct mp_arm64_bits bits; /* vabits_actual, PHYS_MASK_SHIFT, the linear region */
	const char *bootargs;	/* the boot loader's line: mp_input.cmdline or /chosen/bootargs */
	struct mp_inputs inputs;	/* where each input came from */
	const struct mp_mem_assumption *mem_assumed; /* mp_input.mem_assumed */
	bool fdt_base_assumed;	/* the DTB's base is memplan's default */
	bool memory_missing;	/* failed: no usable memory (plan again with mp_assume_memory()) */
	bool efi_boot;		/* memory from the EFI memory map (mp_input.efi) */
	bool acpi_boot;		/* acpi_boot_table_init() takes ACPI: no unflattened DT */
	bool dma_limits_early;	/* memplan-6.12 0002: DMA limits from the flattened DT */
	struct mp_efi_stub efi_stub;	/* a UEFI boot: how the stub placed the Image */

	struct mp_bank *banks;
	size_t nr_banks;
	mp_u64 dt_dma_max;	/* of_dma_get_max_cpu_address(); U64_MAX: none */
	const struct mp_iort *iort; /* mp_input.iort: the IORT and its DMA limit, or NULL */
	mp_u64 dma_phys_limit;	/* arm64_dma_phys_limit */
	mp_u64 zone_dma_limit;	/* 6.12+ with ZONE_DMA: zone_dma_limit (inclusive) */
	struct mp_zone zones[MP_NR_ZONES];

	struct mp_rmem *rmem;
	size_t nr_rmem;
	/* every memory-region phandle of every node, in DT order (consumers.c) */
	struct mp_consumer *consumers;
	size_t nr_consumers;
	/* mp_input.rmem_callers: the compatibles whose drivers ask for every region */
	const char *const *rmem_callers;
	size_t nr_rmem_callers;
	struct mp_cma cma;
	struct mp_crash crash;
	struct mp_linmap linmap;

	/* the struct sizes the early allocations were computed from, and their source */
	struct mp_ksize ksizes[MP_KS_COUNT];

	struct mp_alloc *allocs;
	size_t nr_allocs;
	struct mp_diag *diags;
	size_t nr_diags;
	const char **log;	/* predicted kernel lines, boot order */
	size_t nr_log;

	/*
	 * every memblock_reserve() and memblock_phys_free() from
	 * arm64_memblock_init() on, in call order: what a kernel booted with
	 * memblock=debug logs once parse_early_param() has run
	 */
	struct mp_mb_event *mb_events;
	size_t nr_mb_events;

	/* the final memblock arrays */
	struct mp_region_out {
		mp_u64 base, size;
		unsigned int flags;
	} *mb_memory, *mb_reserved;
	size_t nr_mb_memory, nr_mb_reserved;

	const char *error;	/* one line, set when mp_plan_build() fails */

	/* capacity for internal use (grown in the arena) */
	size_t cap_rmem, cap_allocs, cap_diags, cap_log;
	struct mp_arena *arena;
};

/* memblock flags as the kernel defines them (include/linux/memblock.h) */
#define MP_MB_HOTPLUG 0x1u
#define MP_MB_MIRROR 0x2u
#define MP_MB_NOMAP 0x4u
#define MP_MB_DRIVER_MANAGED 0x8u

/**
 * mp_plan_build() - run the boot sequence of @in->profile and produce a plan
 * @in: the inputs; @in->fdt must stay valid while the plan is used
 * @arena: memory for the plan; size it generously (1 MiB per 1,000 regions)
 * @out: set to the plan, also on failure (then (*@out)->error says why) when
 *	the arena could hold the plan header at all; NULL otherwise
 *
 * The arm64 boot of setup_arch() over one memblock model: setup_machine_fdt()
 * and parse_early_param() (DT scan, command line, Image/DTB placement,
 * memory), arm64_memblock_init() (reserved-memory, the crash kernel where the
 * profile reserves it early), paging_init() (the linear map),
 * unflatten_device_tree() and bootmem_init() (memmap, zones, CMA, the
 * deferred crash kernel), then the lint checks and the final memblock arrays.
 * What the kernel would refuse or fail at boot (a crash kernel that does not
 * fit, a memblock resize panic) is a diagnostic in the plan, not an error.
 *
 * Return: 0, or the first fatal error: -MP_ERR_NOSPACE (the arena is full),
 * -MP_ERR_BADARG (unknown profile, page size other than 4K/16K/64K, VA bits
 * outside 36..52 or PA bits outside 32..52), -MP_ERR_BADDTB (the DTB is short,
 * truncated or corrupt), -MP_ERR_BADCMDLINE (a command line over 2047 bytes in
 * strict mode), -MP_ERR_BADINPUT (a malformed DT property in strict mode, root
 * cells of 0 or over 4, an Image or DTB placement the boot protocol forbids,
 * or no usable memory).
 */
int mp_plan_build(const struct mp_input *in, struct mp_arena *arena,
		  struct mp_plan **out);

/**
 * mp_fdt_base_after_initrd() - where QEMU puts the DTB of a boot with an initrd
 * @initrd_end: the initrd's end (/chosen linux,initrd-end)
 *
 * QEMU's arm64 loader (hw/arm/boot.c) loads the DTB at the next 2 MiB boundary
 * after the initrd: the DTB's base mp_plan_build() assumes when none is given,
 * and the one `memplan verify` looks for in a record.
 *
 * Return: the DTB's base (saturating at the top of the address space).
 */
mp_u64 mp_fdt_base_after_initrd(mp_u64 initrd_end);

/* Sizing crashkernel= (memplan estimate): memplan_estimate.h */
#include "memplan_estimate.h"

/* ZONE_DEVICE private memory (memplan devmem): memplan_devmem.h */
#include "memplan_devmem.h"

/* ------------------------------------------------------------------ */
/* Writers: the plan as text for others to read.                       */

/**
 * mp_severity_name() - the name of a value of one of the plan's enums
 * @s: the value
 *
 * One function per enum, declared together here: severity, reserved-memory
 * kind and status, allocation kind, CMA source, crash status and zone.  The
 * names are the JSON writer's values and the text and SVG writers' labels,
 * so that the CLI and the kernel's debugfs file spell them the same way.
 *
 * Return: a static string ("error", "warning" or "note" here), or "?" for a
 * value outside the enum.
 */
const char *mp_severity_name(enum mp_severity s);
const char *mp_rmem_kind_name(enum mp_rmem_kind k);
const char *mp_rmem_status_name(enum mp_rmem_status s);

/**
 * mp_rmem_placed() - whether a reserved-memory region has an address in the plan
 * @m: the region
 *
 * A dynamic region only once allocated; a static one once its reg was read (a
 * node the kernel skips, status not "okay", never is).
 *
 * Return: true when @m->base and @m->size say where it is.
 */
bool mp_rmem_placed(const struct mp_rmem *m);
const char *mp_alloc_kind_name(enum mp_alloc_kind k);
const char *mp_cma_source_name(enum mp_cma_source s);
const char *mp_crash_status_name(enum mp_crash_status s);
const char *mp_zone_name(enum mp_zone_id z); /* "DMA", "DMA32", "Normal" */

/**
 * mp_utf8_len() - the length of the UTF-8 sequence that starts at a byte
 * @s: the bytes; read no further than the first byte that does not continue
 *	the sequence, so a NUL ends it
 *
 * Return: 1..4, the length of the well-formed sequence at @s (1 for any byte
 * below 0x80, NUL included), or 0 when the bytes there are not one (a stray
 * continuation byte, overlong, surrogate, > U+10FFFF, cut short).
 */
int mp_utf8_len(const unsigned char *s);

/*
 * Where a writer's bytes go: @write(@ctx, buf, len) is called for every piece
 * of output, in order (a FILE or a memory stream in the CLI).  The core
 * never does I/O itself.
 */
struct mp_sink {
	void (*write)(void *ctx, const char *buf, size_t len);
	void *ctx;
};

/**
 * mp_write_json() - write a plan as JSON, schema "memplan-plan/1" (docs/design.md §4)
 * @plan: the plan
 * @kconfig_source: the "kconfig_source" member (the .config path, or e.g.
 *	a fixed string); NULL: "file:PROFILE" or "defaults:PROFILE", after
 *	@plan->kc.from_file
 * @sink: where the bytes go
 *
 * Members in a fixed order, so outputs diff cleanly; addresses are
 * "0x%016llx" strings, sizes "0x%llx" strings, every "end" inclusive.  The
 * output ends with a newline.
 */
void mp_write_json(const struct mp_plan *plan, const char *kconfig_source,
		   const struct mp_sink *sink);
/**
 * mp_write_early_mm_json() - write what a memplan-6.12 kernel's arm64_early_mm shows
 * @plan: the plan
 * @loaded: as read with a capture kernel loaded (kexec -p), when the crash
 *	region is out of the linear map
 * @sink: where the bytes go
 *
 * The prediction of /sys/kernel/debug/arm64_early_mm (kernel-patches 0006,
 * early_mm_show() in arch/arm64/mm/init.c, schema "arm64-early-mm/1") for
 * @plan, byte for byte as the kernel prints it, one line with its newline:
 * the DMA limits and where they came from, where the crash kernel was
 * reserved, crashk_res / crashk_low_res and the linear map's leaf levels over
 * them.
 */
void mp_write_early_mm_json(const struct mp_plan *plan, bool loaded, const struct mp_sink *sink);
/**
 * mp_json_put_string() - write a string as a JSON string literal
 * @sink: where the bytes go
 * @s: a NUL-terminated string, any bytes
 *
 * Quotes around it; '"', '\\' and \b \f \n \r \t escaped with a backslash,
 * other control bytes, DEL and bytes that are not well-formed UTF-8 as
 * \u00XX, so the output is valid JSON whatever @s holds.
 */
void mp_json_put_string(const struct mp_sink *sink, const char *s);

/**
 * mp_snprintf() - the core's small snprintf(), for the kernel's log lines and writers
 * @buf: the output, or NULL with @size 0
 * @size: bytes at @buf; the output is cut to @size - 1 bytes and a NUL
 * @fmt: %% %c %s %d %i %u %x %X, flags '#' '0' '-', a width, length l, ll
 *	or z (no precision); a NULL %s prints "(null)"
 *
 * The same text as the kernel's own formatting ("(%lld MB)" and the like) in
 * user space and in the kernel, without libc.
 *
 * Return: the length of the whole output without the NUL, as snprintf(); -1
 * for a conversion outside the list, and then @buf is not NUL-terminated.
 */
int mp_snprintf(char *buf, size_t size, const char *fmt, ...)
	MP_PRINTF(3, 4);
/**
 * mp_vsnprintf() - mp_snprintf() with a va_list
 * @buf: the output, or NULL with @size 0
 * @size: bytes at @buf
 * @fmt: as mp_snprintf()
 * @ap: the arguments
 *
 * Return: as mp_snprintf().
 */
int mp_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif /* MEMPLAN_H */
