// SPDX-License-Identifier: GPL-2.0
/*
 * memplan_kernel.c - run the memplan planner core (the files next to this
 * one, shared unchanged with the memplan user-space CLI) on the kernel's own
 * flattened DT, before paging_init().
 *
 * At that point nothing but the kernel image is mapped, so the planner's
 * memory is a static __initdata arena: the core never allocates on its own.
 * The plan is the one `memplan plan --kernel memplan-6.12` computes for the
 * same DTB, command line, .config and image placement; memplan_render_json()
 * writes it as the same JSON, for /sys/kernel/debug/memplan.
 */
#define pr_fmt(fmt) "memplan: " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/libfdt.h>
#include <linux/memplan.h>
#include <asm/page.h>
#include <asm/pgtable.h>

#include "memplan.h"

/*
 * A QEMU virt DT needs about 7 KiB; 1 MiB per 1,000 reserved regions.  The size
 * is the core's MP_KERNEL_ARENA_SIZE: user-space memplan replays the plan in an
 * arena of that size to predict when this kernel falls back to the stock path.
 */
#define MEMPLAN_ARENA_SIZE	MP_KERNEL_ARENA_SIZE

/*
 * The JSON's "kconfig_source": the CLI names the .config it read; here the
 * facts are this build's own CONFIG_* values (memplan_kconfig()).
 */
#define MEMPLAN_KCONFIG_SOURCE	"kernel:memplan-6.12"

static unsigned char memplan_arena_mem[MEMPLAN_ARENA_SIZE] __initdata __aligned(16);
static struct mp_arena memplan_arena __initdata;
static struct mp_input memplan_input __initdata;
static struct mp_plan *memplan_plan __initdata;
static bool memplan_plan_ok __initdata;

/* The .config facts the planner needs (struct mp_kconfig), from this build. */
static void __init memplan_kconfig(struct mp_kconfig *kc)
{
	mp_kconfig_defaults(MP_MEMPLAN_6_12, kc);
	kc->from_file = true;
	kc->page_shift = PAGE_SHIFT;
	kc->va_bits = CONFIG_ARM64_VA_BITS;
	kc->pa_bits = PHYS_MASK_SHIFT;
	kc->zone_dma = IS_ENABLED(CONFIG_ZONE_DMA);
	kc->zone_dma32 = IS_ENABLED(CONFIG_ZONE_DMA32);
	kc->zone_device = IS_ENABLED(CONFIG_ZONE_DEVICE);
	kc->crash_reserve = IS_ENABLED(CONFIG_CRASH_RESERVE);
	kc->crash_dump = IS_ENABLED(CONFIG_CRASH_DUMP);
	kc->cma = IS_ENABLED(CONFIG_CMA);
	kc->dma_cma = IS_ENABLED(CONFIG_DMA_CMA);
#ifdef CONFIG_DMA_CMA
#if defined(CONFIG_CMA_SIZE_SEL_PERCENTAGE)
	kc->cma_size_sel = MP_CMA_SEL_PERCENTAGE;
#elif defined(CONFIG_CMA_SIZE_SEL_MIN)
	kc->cma_size_sel = MP_CMA_SEL_MIN;
#elif defined(CONFIG_CMA_SIZE_SEL_MAX)
	kc->cma_size_sel = MP_CMA_SEL_MAX;
#else
	kc->cma_size_sel = MP_CMA_SEL_MBYTES;
#endif
#ifdef CONFIG_CMA_SIZE_MBYTES
	kc->cma_size_mbytes = CONFIG_CMA_SIZE_MBYTES;
#endif
#ifdef CONFIG_CMA_SIZE_PERCENTAGE
	kc->cma_size_percentage = CONFIG_CMA_SIZE_PERCENTAGE;
#endif
#endif
#ifdef CONFIG_CMA
	kc->cma_areas = CONFIG_CMA_AREAS;
#endif
	kc->dma_declare_coherent = IS_ENABLED(CONFIG_DMA_DECLARE_COHERENT);
	kc->dma_restricted_pool = IS_ENABLED(CONFIG_DMA_RESTRICTED_POOL);
	kc->kfence = IS_ENABLED(CONFIG_KFENCE);
#ifdef CONFIG_KFENCE
	kc->kfence_sample_interval = CONFIG_KFENCE_SAMPLE_INTERVAL;
	kc->kfence_num_objects = CONFIG_KFENCE_NUM_OBJECTS;
#endif
	kc->rodata_full_default = IS_ENABLED(CONFIG_RODATA_FULL_DEFAULT_ENABLED);
	kc->debug_pagealloc = IS_ENABLED(CONFIG_DEBUG_PAGEALLOC);
	kc->debug_pagealloc_default = IS_ENABLED(CONFIG_DEBUG_PAGEALLOC_ENABLE_DEFAULT);
	kc->numa = IS_ENABLED(CONFIG_NUMA);
	kc->hugetlb_page = IS_ENABLED(CONFIG_HUGETLB_PAGE);
	kc->transparent_hugepage = IS_ENABLED(CONFIG_TRANSPARENT_HUGEPAGE);
	kc->efi = IS_ENABLED(CONFIG_EFI);
	kc->gic_v3_its = IS_ENABLED(CONFIG_ARM_GIC_V3_ITS);
	kc->nr_cpus = CONFIG_NR_CPUS;
	kc->page_extension = IS_ENABLED(CONFIG_PAGE_EXTENSION);
	/* boot_command_line is final: CONFIG_CMDLINE was applied already */
	kc->builtin_cmdline = NULL;
	kc->cmdline_mode = MP_CMDLINE_FROM_BOOTLOADER;
}

int __init memplan_early_plan(const struct memplan_boot *boot)
{
	struct mp_input *in = &memplan_input;
	int ret;

	if (!boot->fdt)
		return -ENOENT;
	memplan_kconfig(&in->kc);
	in->fdt = boot->fdt;
	in->fdt_len = fdt_totalsize(boot->fdt);
	in->fdt_base = boot->fdt_phys;
	in->fdt_base_given = true;
	in->cmdline = boot->cmdline;
	in->profile = MP_MEMPLAN_6_12;
	in->image.text = boot->text;
	in->image.size = boot->image_size;
	in->image.stext_offset = boot->stext_offset;
	in->image.init_offset = boot->init_offset;
	in->image.sdata_offset = boot->sdata_offset;
	in->image_given = true;
	in->strict = false;
	in->in_kernel = true;

	mp_arena_init(&memplan_arena, memplan_arena_mem, sizeof(memplan_arena_mem));
	ret = mp_plan_build(in, &memplan_arena, &memplan_plan);
	if (ret) {
		pr_warn("no early plan (%s%s%s): using the stock boot path\n",
			mp_strerror(ret), memplan_plan && memplan_plan->error ? ": " : "",
			memplan_plan && memplan_plan->error ? memplan_plan->error : "");
		return ret == -MP_ERR_NOSPACE ? -ENOMEM : -EINVAL;
	}
	memplan_plan_ok = true;
	return 0;
}

int __init memplan_fdt_dma_max(phys_addr_t *max)
{
	if (!memplan_plan_ok)
		return -ENOENT;
	*max = memplan_plan->dt_dma_max == MP_U64_MAX ? PHYS_ADDR_MAX :
	       (phys_addr_t)memplan_plan->dt_dma_max;
	return 0;
}

/* A bounded buffer for the core's JSON writer, counting what does not fit. */
struct memplan_json_buf {
	char *buf;
	size_t size;
	size_t len;
};

static void __init memplan_json_write(void *ctx, const char *s, size_t len)
{
	struct memplan_json_buf *b = ctx;

	if (b->len < b->size)
		memcpy(b->buf + b->len, s, min(len, b->size - b->len));
	b->len += len;
}

ssize_t __init memplan_render_json(char *buf, size_t size)
{
	struct memplan_json_buf b = { .buf = buf, .size = size };
	struct mp_sink sink = { .write = memplan_json_write, .ctx = &b };

	if (!memplan_plan_ok)
		return -ENOENT;
	mp_write_json(memplan_plan, MEMPLAN_KCONFIG_SOURCE, &sink);
	return b.len;
}
