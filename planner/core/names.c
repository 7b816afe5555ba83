// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * names.c - the names of the plan's enums, as every writer prints them (the
 * JSON writer's values, the text and SVG writers' labels).  In the core so
 * that the CLI and the kernel's debugfs file spell them the same way.
 */
#include "memplan_consumers.h"

/* @names[@v], or "?" for a value the table does not name */
static const char *pick(const char *const *names, size_t n, unsigned int v)
{
	return v < n && names[v] ? names[v] : "?";
}

/* a name function over a designated table: NAME_FN(fn, type, [ENUM] = "name", ...) */
#define NAME_FN(fn, type, ...)						\
	const char *fn(type v)						\
	{								\
		static const char *const n[] = { __VA_ARGS__ };		\
									\
		return pick(n, MP_ARRAY_SIZE(n), v);			\
	}

NAME_FN(mp_severity_name, enum mp_severity,
	[MP_SEV_ERROR] = "error", [MP_SEV_WARNING] = "warning", [MP_SEV_NOTE] = "note")
NAME_FN(mp_rmem_kind_name, enum mp_rmem_kind,
	[MP_RMEM_STATIC] = "static", [MP_RMEM_DYNAMIC] = "dynamic",
	[MP_RMEM_MEMRESERVE] = "memreserve")
NAME_FN(mp_rmem_status_name, enum mp_rmem_status,
	[MP_RMEM_RESERVED] = "reserved", [MP_RMEM_FAILED] = "failed", [MP_RMEM_DROPPED] = "dropped",
	[MP_RMEM_FREED] = "freed")
NAME_FN(mp_consumer_outcome_name, enum mp_consumer_outcome,
	[MP_CONS_ASSIGNED] = "assigned", [MP_CONS_TARGET_DISABLED] = "target-disabled",
	[MP_CONS_NO_TARGET] = "no-target", [MP_CONS_NOT_RECORDED] = "not-recorded",
	[MP_CONS_NO_OPS] = "no-ops", [MP_CONS_OPS_LOST] = "ops-lost",
	[MP_CONS_INIT_FAILS] = "init-fails")
NAME_FN(mp_alloc_kind_name, enum mp_alloc_kind,
	[MP_ALLOC_KERNEL] = "kernel", [MP_ALLOC_FDT] = "fdt", [MP_ALLOC_INITRD] = "initrd",
	[MP_ALLOC_ELFCOREHDR] = "elfcorehdr", [MP_ALLOC_MEMRESERVE] = "memreserve",
	[MP_ALLOC_RMEM] = "rmem", [MP_ALLOC_PGTABLE] = "pgtable", [MP_ALLOC_KFENCE] = "kfence",
	[MP_ALLOC_EARLY] = "early", [MP_ALLOC_CMA] = "cma", [MP_ALLOC_CRASH] = "crash",
	[MP_ALLOC_CRASH_LOW] = "crash_low", [MP_ALLOC_EFI] = "efi")
NAME_FN(mp_cma_source_name, enum mp_cma_source,
	[MP_CMA_DT] = "dt", [MP_CMA_CMDLINE] = "cmdline", [MP_CMA_KCONFIG] = "kconfig")
NAME_FN(mp_crash_status_name, enum mp_crash_status,
	[MP_CRASH_NONE] = "none", [MP_CRASH_RESERVED] = "reserved", [MP_CRASH_FAILED] = "failed")
NAME_FN(mp_zone_name, enum mp_zone_id,
	[MP_ZONE_DMA] = "DMA", [MP_ZONE_DMA32] = "DMA32", [MP_ZONE_NORMAL] = "Normal")

const char *mp_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case MP_OK: return "success";
	case MP_ENOENT: return "not found (ENOENT)";
	case MP_ENOMEM: return "out of memory (ENOMEM)";
	case MP_EBUSY: return "busy (EBUSY)";
	case MP_ENODEV: return "no such device (ENODEV)";
	case MP_EINVAL: return "invalid value (EINVAL)";
	case MP_ENOSPC: return "no space left (ENOSPC)";
	case MP_ERR_NOSPACE: return "arena exhausted";
	case MP_ERR_BADDTB: return "invalid device tree blob";
	case MP_ERR_BADINPUT: return "malformed input value";
	case MP_ERR_BADCMDLINE: return "unusable command line";
	case MP_ERR_BADARG: return "invalid argument";
	case MP_ERR_INTERNAL: return "internal planner error";
	default: return "unknown error";
	}
}

NAME_FN(mp_map_level_name, enum mp_map_level,
	[MP_MAP_PUD] = "pud", [MP_MAP_CONT_PMD] = "cont_pmd", [MP_MAP_PMD] = "pmd",
	[MP_MAP_CONT_PTE] = "cont_pte", [MP_MAP_PTE] = "pte")
NAME_FN(mp_iort_node_type_name, enum mp_iort_node_type,
	[MP_IORT_ITS_GROUP] = "its_group", [MP_IORT_NAMED_COMPONENT] = "named_component",
	[MP_IORT_ROOT_COMPLEX] = "root_complex", [MP_IORT_SMMU] = "smmu",
	[MP_IORT_SMMU_V3] = "smmu_v3", [MP_IORT_PMCG] = "pmcg", [MP_IORT_RMR] = "rmr",
	[MP_IORT_OTHER] = "other")
