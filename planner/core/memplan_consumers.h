/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memplan_consumers.h - the devices that name reserved-memory regions
 * (mp_plan.consumers, consumers.c; docs/kernel-model.md §19)
 */
#ifndef MEMPLAN_CONSUMERS_H
#define MEMPLAN_CONSUMERS_H
#include "memplan.h"

/*
 * What of_reserved_mem_device_init_by_idx() (drivers/of/of_reserved_mem.c,
 * 6.1 and 6.12) does with one phandle of a device's memory-region
 * (consumers.c; docs/kernel-model.md §19)
 */
enum mp_consumer_outcome {
	MP_CONS_ASSIGNED,	/* ops->device_init() succeeded: "assigned reserved memory node" */
	MP_CONS_TARGET_DISABLED, /* the region's node is not available: 0, nothing assigned */
	MP_CONS_NO_TARGET,	/* the phandle names no node: -ENODEV */
	MP_CONS_NOT_RECORDED,	/* no reserved_mem[] record of that name: -EINVAL */
	MP_CONS_NO_OPS,		/* the record has no ops (no handler took it): -EINVAL */
	MP_CONS_OPS_LOST,	/* the ops were lost with the record's copy (--rmem-ops-lost): -EINVAL */
	MP_CONS_INIT_FAILS,	/* ops->device_init() fails: the error it returns */
};

struct mp_consumer {
	const char *node;	/* the consumer's path */
	const char *dev_name;	/* its device's name, of_device_make_bus_id() */
	unsigned int index;	/* in memory-region */
	const char *name;	/* memory-region-names[index], or NULL */
	const char *target;	/* the region node's path, or NULL */
	const char *region;	/* the record's name (the node's unit name), or NULL */
	bool consumer_available; /* the consumer node is: it can become a device */
	/*
	 * of_dma_configure() calls it for every platform/AMBA device at probe
	 * (of_dma_set_restricted_buffer(): the first available restricted-dma-pool
	 * with CONFIG_DMA_RESTRICTED_POOL); otherwise only a driver that calls
	 * of_reserved_mem_device_init*() does
	 */
	bool generic;
	/*
	 * the node's driver calls it for every index at probe, in order, keeping
	 * each region (its compatible was given as an rmem caller, mp_input)
	 */
	bool driver;
	/* the region has no compatible: a carve-out its driver maps itself (no finding) */
	bool plain;
	enum mp_consumer_outcome outcome;
	int err;		/* what the call returns: 0 or a negative errno */
	const char *why;	/* one line: the reason, naming the kernel function */
};

/**
 * mp_consumer_outcome_name() - the stable name of an outcome, as JSON and text print it
 * @o: the outcome
 *
 * Return: "assigned", "target-disabled", "no-target", "not-recorded", "no-ops",
 * "ops-lost" or "init-fails".
 */
const char *mp_consumer_outcome_name(enum mp_consumer_outcome o);

#endif /* MEMPLAN_CONSUMERS_H */
