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
#else
static inline int memplan_early_plan(const struct memplan_boot *boot)
{
	return -ENODEV;
}

static inline int memplan_fdt_dma_max(phys_addr_t *max)
{
	return -ENOENT;
}
#endif

#endif /* _LINUX_MEMPLAN_H */
