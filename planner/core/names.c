// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * names.c - the names of the plan's enums, as every writer prints them (the
 * JSON writer's values, the text and SVG writers' labels).  In the core so
 * that the CLI and the kernel's debugfs file spell them the same way.
 */
#include "memplan.h"

const char *mp_severity_name(enum mp_severity s)
{
	switch (s) {
	case MP_SEV_ERROR: return "error";
	case MP_SEV_WARNING: return "warning";
	case MP_SEV_NOTE: return "note";
	}
	return "?";
}

const char *mp_rmem_kind_name(enum mp_rmem_kind k)
{
	switch (k) {
	case MP_RMEM_STATIC: return "static";
	case MP_RMEM_DYNAMIC: return "dynamic";
	case MP_RMEM_MEMRESERVE: return "memreserve";
	}
	return "?";
}

const char *mp_rmem_status_name(enum mp_rmem_status s)
{
	switch (s) {
	case MP_RMEM_RESERVED: return "reserved";
	case MP_RMEM_FAILED: return "failed";
	case MP_RMEM_DROPPED: return "dropped";
	case MP_RMEM_FREED: return "freed";
	}
	return "?";
}

const char *mp_alloc_kind_name(enum mp_alloc_kind k)
{
	switch (k) {
	case MP_ALLOC_KERNEL: return "kernel";
	case MP_ALLOC_FDT: return "fdt";
	case MP_ALLOC_INITRD: return "initrd";
	case MP_ALLOC_ELFCOREHDR: return "elfcorehdr";
	case MP_ALLOC_MEMRESERVE: return "memreserve";
	case MP_ALLOC_RMEM: return "rmem";
	case MP_ALLOC_PGTABLE: return "pgtable";
	case MP_ALLOC_KFENCE: return "kfence";
	case MP_ALLOC_EARLY: return "early";
	case MP_ALLOC_CMA: return "cma";
	case MP_ALLOC_CRASH: return "crash";
	case MP_ALLOC_CRASH_LOW: return "crash_low";
	}
	return "?";
}

const char *mp_cma_source_name(enum mp_cma_source s)
{
	switch (s) {
	case MP_CMA_DT: return "dt";
	case MP_CMA_CMDLINE: return "cmdline";
	case MP_CMA_KCONFIG: return "kconfig";
	}
	return "?";
}

const char *mp_crash_status_name(enum mp_crash_status s)
{
	switch (s) {
	case MP_CRASH_NONE: return "none";
	case MP_CRASH_RESERVED: return "reserved";
	case MP_CRASH_FAILED: return "failed";
	}
	return "?";
}

const char *mp_zone_name(enum mp_zone_id z)
{
	static const char *const names[MP_NR_ZONES] = {
		[MP_ZONE_DMA] = "DMA",
		[MP_ZONE_DMA32] = "DMA32",
		[MP_ZONE_NORMAL] = "Normal",
	};

	return (unsigned int)z < MP_NR_ZONES ? names[z] : "?";
}

const char *mp_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case MP_OK: return "success";
	case MP_ENOENT: return "not found (ENOENT)";
	case MP_ENOMEM: return "out of memory (ENOMEM)";
	case MP_EBUSY: return "busy (EBUSY)";
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

const char *mp_map_level_name(enum mp_map_level l)
{
	static const char *const n[] = { "pud", "cont_pmd", "pmd", "cont_pte", "pte" };

	return (unsigned int)l < MP_ARRAY_SIZE(n) ? n[l] : "?";
}
