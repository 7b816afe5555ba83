/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memplan: the planner core (lib/memplan) run by the kernel on its own
 * flattened DT, early in setup_arch().
 */
#ifndef _LINUX_MEMPLAN_H
#define _LINUX_MEMPLAN_H

#include <linux/types.h>
#include <linux/errno.h>

/* Where the architecture found the things the plan starts from. */
struct memplan_boot {
	const void *fdt;		/* initial_boot_params */
	phys_addr_t fdt_phys;		/* where the DTB sits */
	const char *cmdline;		/* boot_command_line (final) */
	phys_addr_t text;		/* pa(_text) */
	u64 image_size;			/* _end - _text */
	u64 stext_offset;		/* _stext - _text */
	u64 init_offset;		/* __init_begin - _text */
	u64 sdata_offset;		/* _sdata - _text */
};

#ifdef CONFIG_MEMPLAN
/*
 * memplan_early_plan - build the memplan-6.12 plan for this boot.
 * Return: 0, or a negative errno when the planner could not decide
 * (invalid DT, planner arena exhausted): the caller keeps the stock path.
 */
int memplan_early_plan(const struct memplan_boot *boot);

/*
 * memplan_fdt_dma_max - of_dma_get_max_cpu_address(NULL), computed from the
 * flattened DT by memplan_early_plan().  Return: 0 and *max set, or -ENOENT
 * when there is no plan.
 */
int memplan_fdt_dma_max(phys_addr_t *max);

/*
 * memplan_render_json - the plan of memplan_early_plan() as the JSON
 * `memplan plan --format json` prints for the same inputs (schema
 * memplan-plan/1, "kconfig_source": "kernel:memplan-6.12").  The plan lives
 * in __initdata: call it before free_initmem().
 * @buf: where to write (no NUL is added); NULL with @size 0 to measure
 * @size: bytes at @buf
 * Return: the JSON's length (more than @size: @buf holds the first @size
 * bytes), or -ENOENT when there is no plan.
 */
ssize_t memplan_render_json(char *buf, size_t size);
#else
static inline int memplan_early_plan(const struct memplan_boot *boot)
{
	return -ENODEV;
}

static inline int memplan_fdt_dma_max(phys_addr_t *max)
{
	return -ENOENT;
}

static inline ssize_t memplan_render_json(char *buf, size_t size)
{
	return -ENOENT;
}
#endif

#endif /* _LINUX_MEMPLAN_H */
