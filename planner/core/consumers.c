// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * consumers.c - the devices that name reserved-memory regions.  For every
 * phandle of every node's memory-region, what of_reserved_mem_device_init_by_idx()
 * (drivers/of/of_reserved_mem.c, the same in 6.1 and 6.12) returns once the
 * device is set up: the region's node, its reserved_mem[] record as the plan
 * left it (of_reserved_mem_lookup() finds records by name), the record's ops
 * (set by the handler that initialized it, rmem_init.c) and the handler's
 * device_init.  And who calls it: of_dma_configure() for the first
 * restricted-dma-pool of every platform or AMBA device (of_dma_set_restricted_buffer(),
 * drivers/of/device.c), and a driver that asks: one of the compatibles given as
 * rmem callers (--rmem-caller) asks for every index; others memplan does not know.
 */
#include "internal.h"
#include "memplan_consumers.h"
#include "rmem.h"

#define MAX_DEPTH 32

/* "name@unit" -> "name": %pOFn */
static const char *node_name(struct mp_ctx *ctx, const char *full)
{
	size_t n = 0;
	char *name;

	if (!full)
		return "";
	while (full[n] && full[n] != '@')
		n++;
	if (!full[n])
		return full;
	name = mp_arena_alloc(ctx->arena, n + 1, 1);
	if (!name)
		return "";
	mp_memcpy(name, full, n);
	name[n] = '\0';
	return name;
}

/*
 * of_device_make_bus_id() (drivers/of/platform.c): going up from the node,
 * the first node whose reg translates to a CPU address gives "<addr>.<name>",
 * each node below it its full name, joined by ':'
 */
static const char *bus_id(struct mp_ctx *ctx, int node)
{
	const void *fdt = ctx->in->fdt;
	int stack[MAX_DEPTH + 1], depth = fdt_node_depth(fdt, node), i;
	const char *suffix = NULL;

	if (depth < 1 || depth > MAX_DEPTH)
		return mp_dt_path(ctx, node);
	for (i = 0; i <= depth; i++)
		stack[i] = fdt_supernode_atdepth_offset(fdt, node, i, NULL);
	for (i = depth; i >= 1; i--) {
		const char *full = fdt_get_name(fdt, stack[i], NULL);
		unsigned int pac, psc;
		const unsigned char *reg;
		int len;

		mp_dt_cells(fdt, stack[i - 1], &pac, &psc);
		reg = fdt_getprop(fdt, stack[i], "reg", &len);
		if (reg && pac >= 1 && pac <= 3 && len >= (int)(pac * 4)) {
			mp_u64 addr = mp_dt_read_cells(reg, pac);

			if (!mp_dt_translate(fdt, stack, i - 1, &addr))
				return suffix ? mp_aprintf(ctx->arena, "%llx.%s:%s",
							   (unsigned long long)addr,
							   node_name(ctx, full), suffix)
					      : mp_aprintf(ctx->arena, "%llx.%s",
							   (unsigned long long)addr,
							   node_name(ctx, full));
		}
		suffix = suffix ? mp_aprintf(ctx->arena, "%s:%s", full ? full : "", suffix)
				: (full ? full : "");
	}
	return suffix ? suffix : "";
}

/* of_reserved_mem_lookup(): the first record, in the array's sorted order, of that name */
static const struct mp_rmem *lookup(const struct mp_ctx *ctx, const char *name)
{
	size_t i;

	for (i = 0; name && i < ctx->nr_records; i++)
		if (ctx->records[i]->name && mp_streq(ctx->records[i]->name, name))
			return ctx->records[i];
	return NULL;
}

/* the plan's region of a /reserved-memory child, whether recorded or not */
static const struct mp_rmem *region_of(const struct mp_ctx *ctx, int node)
{
	size_t i;

	for (i = 0; i < ctx->plan->nr_rmem; i++)
		if (ctx->plan->rmem[i].fdt_offset == node)
			return &ctx->plan->rmem[i];
	return NULL;
}

static void set(struct mp_consumer *c, enum mp_consumer_outcome o, int err, const char *why)
{
	c->outcome = o;
	c->err = err;
	c->why = why;
}

/* of_reserved_mem_device_init_by_idx() for one phandle, in the kernel's order */
static void resolve(struct mp_ctx *ctx, struct mp_consumer *c, uint32_t phandle)
{
	const void *fdt = ctx->in->fdt;
	int target = fdt_node_offset_by_phandle(fdt, phandle);
	const struct mp_rmem *rec, *own;

	if (target < 0) {
		set(c, MP_CONS_NO_TARGET, -MP_ENODEV,
		    mp_aprintf(ctx->arena, "phandle %#x names no node: of_parse_phandle() fails",
			       phandle));
		return;
	}
	c->target = mp_dt_path(ctx, target);
	if (!mp_dt_available(fdt, target)) {
		set(c, MP_CONS_TARGET_DISABLED, 0,
		    "the region's node is disabled: the call returns 0 and assigns nothing");
		return;
	}
	rec = lookup(ctx, fdt_get_name(fdt, target, NULL));
	if (!rec) {
		own = region_of(ctx, target);
		set(c, MP_CONS_NOT_RECORDED, -MP_EINVAL,
		    !own ? "not a /reserved-memory region: of_reserved_mem_lookup() finds no record"
			 : mp_aprintf(ctx->arena, "the region has no reserved_mem[] record (%s%s%s)",
				      mp_rmem_status_name(own->status), own->reason ? ": " : "",
				      own->reason ? own->reason : ""));
		return;
	}
	c->region = rec->name;
	/*
	 * A carve-out without a compatible has no handler by design: its driver
	 * takes base and size with of_reserved_mem_lookup(), which finds the
	 * record (remoteproc, modem, firmware regions)
	 */
	if (!rec->init && !rec->compatible) {
		set(c, MP_CONS_NO_OPS, -MP_EINVAL,
		    "a plain carve-out (no compatible): of_reserved_mem_lookup() finds its "
		    "record for a driver that maps it itself; of_reserved_mem_device_init*() "
		    "would get -EINVAL");
		c->plain = true;
		return;
	}
	if (!rec->init) {
		set(c, MP_CONS_NO_OPS, -MP_EINVAL,
		    rec->status == MP_RMEM_FREED || rec->reason ?
			    mp_aprintf(ctx->arena, "its record has no ops: %s",
				       rec->reason ? rec->reason : "its driver init failed") :
			    mp_aprintf(ctx->arena, "its record has no ops: no built-in handler "
				       "takes compatible \"%s\"",
				       rec->compatible ? rec->compatible : ""));
		return;
	}
	/* the v8 series copied early-initialized records without ops and priv */
	if (ctx->in->rmem_ops_lost && !ctx->b.rmem_sorted_init && rec->kind == MP_RMEM_DYNAMIC) {
		set(c, MP_CONS_OPS_LOST, -MP_EINVAL,
		    "a dynamic region initialized before the reserved_mem[] array was "
		    "allocated: the series copied its record without ops");
		return;
	}
	/*
	 * rmem_dma_device_init(): dma_init_coherent_memory() maps the pool with
	 * memremap(MEMREMAP_WC), which refuses System RAM ("memremap attempted on
	 * ram"): a coherent pool must be no-map on arm64
	 */
	if (mp_streq(rec->init, "dma-coherent") && !rec->no_map) {
		set(c, MP_CONS_INIT_FAILS, -MP_EINVAL,
		    "rmem_dma_device_init(): the pool lies in System RAM (no no-map), and "
		    "memremap(MEMREMAP_WC) refuses it (WARN \"memremap attempted on ram\")");
		return;
	}
	set(c, MP_CONS_ASSIGNED, 0,
	    mp_streq(rec->init, "cma") ? "rmem_cma_device_init(): the device's CMA area" :
	    mp_streq(rec->init, "restricted-dma") ?
		    "rmem_swiotlb_device_init(): the device's bounce buffers come from the pool" :
	    mp_streq(rec->init, "dma-coherent") ?
		    "rmem_dma_device_init(): the device's coherent allocations come from the pool" :
		    "the handler's device_init");
}

/*
 * A driver that asks (--rmem-caller) keeps each region it is given: a second
 * coherent pool meets dev->dma_mem already set, and dma_assign_coherent_memory()
 * (kernel/dma/coherent.c, 6.1 and 6.12) refuses it with -EBUSY.  CMA and
 * restricted pools overwrite dev->cma_area / dev->dma_io_tlb_mem silently
 */
static void second_coherent(const struct mp_ctx *ctx, struct mp_consumer *c, bool *held)
{
	const struct mp_rmem *rec = lookup(ctx, c->region);

	if (c->outcome != MP_CONS_ASSIGNED || !rec || !mp_streq(rec->init, "dma-coherent"))
		return;
	if (*held)
		set(c, MP_CONS_INIT_FAILS, -MP_EBUSY,
		    "dma_assign_coherent_memory(): the device holds a coherent pool already "
		    "(an earlier index): -EBUSY");
	*held = true;
}

/* the node's compatible is one whose driver asks for every region (--rmem-caller) */
static bool driver_asks(const struct mp_ctx *ctx, int node)
{
	size_t i;

	for (i = 0; i < ctx->in->nr_rmem_callers && i < MP_RMEM_CALLERS_MAX; i++)
		if (ctx->in->rmem_callers[i] &&
		    !fdt_node_check_compatible(ctx->in->fdt, node, ctx->in->rmem_callers[i]))
			return true;
	return false;
}

/* of_dma_set_restricted_buffer(): the first available restricted-dma-pool phandle */
static int first_restricted(struct mp_ctx *ctx, const fdt32_t *ph, int n)
{
	const void *fdt = ctx->in->fdt;
	int i;

	if (!ctx->in->kc.dma_restricted_pool)
		return -1;
	for (i = 0; i < n; i++) {
		int t = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(ph[i]));

		if (t >= 0 && !fdt_node_check_compatible(fdt, t, "restricted-dma-pool") &&
		    mp_dt_available(fdt, t))
			return i;
	}
	return -1;
}

static int add_node(struct mp_ctx *ctx, int node, const fdt32_t *ph, int n)
{
	const void *fdt = ctx->in->fdt;
	struct mp_plan *p = ctx->plan;
	int names_len = 0, i, generic = first_restricted(ctx, ph, n);
	const char *names = fdt_getprop(fdt, node, "memory-region-names", &names_len);
	const char *path = mp_dt_path(ctx, node), *dev = bus_id(ctx, node);
	bool avail = mp_dt_available(fdt, node), driver = avail && driver_asks(ctx, node);
	bool coherent_held = false;

	for (i = 0; i < n; i++) {
		struct mp_consumer *c;

		if (mp_grow(ctx->arena, (void **)&p->consumers, &ctx->cap_consumers,
			    p->nr_consumers + 1, sizeof(*c)))
			return mp_fail(ctx, -MP_ERR_NOSPACE, "arena exhausted");
		c = &p->consumers[p->nr_consumers++];
		mp_memset(c, 0, sizeof(*c));
		c->node = path;
		c->dev_name = dev;
		c->index = (unsigned int)i;
		c->consumer_available = avail;
		c->generic = avail && i == generic;
		c->driver = driver;
		if (names && names_len > 0)
			c->name = fdt_stringlist_get(fdt, node, "memory-region-names", i, NULL);
		resolve(ctx, c, fdt32_to_cpu(ph[i]));
		if (c->generic && c->outcome == MP_CONS_ASSIGNED)
			mp_log(ctx, "%s: assigned reserved memory node %s", dev, c->region);
		else if (c->generic && c->err)
			mp_log(ctx, "%s: failed to initialise \"restricted-dma-pool\" memory node", dev);
		/*
		 * the driver's own call, after of_dma_configure()'s: a restricted
		 * pool the generic call assigned is assigned (and printed) again
		 */
		if (driver)
			second_coherent(ctx, c, &coherent_held);
		if (driver && c->outcome == MP_CONS_ASSIGNED)
			mp_log(ctx, "%s: assigned reserved memory node %s", dev, c->region);
		if (!avail || c->plain)
			continue;
		if (c->err)
			mp_diag(ctx, c->generic || driver ? MP_SEV_ERROR : MP_SEV_WARNING,
				"rmem-consumer", path, "memory-region[%d]%s%s%s: %s %s: %s", i,
				c->name ? " \"" : "", c->name ? c->name : "", c->name ? "\"" : "",
				c->generic ? "of_dma_configure() at probe gets" :
				driver ? "its driver (an rmem caller) at probe gets" :
					 "a driver calling of_reserved_mem_device_init*() gets",
				mp_strerror(c->err), c->why);
		else if (c->outcome == MP_CONS_TARGET_DISABLED)
			mp_diag(ctx, MP_SEV_WARNING, "rmem-consumer-disabled", path,
				"memory-region[%d] %s is disabled: the driver gets 0 and no region",
				i, c->target);
	}
	return 0;
}

void mp_consumers(struct mp_ctx *ctx)
{
	const void *fdt = ctx->in->fdt;
	int node, depth = 0;

	ctx->plan->rmem_callers = ctx->in->rmem_callers;
	ctx->plan->nr_rmem_callers = ctx->in->nr_rmem_callers < MP_RMEM_CALLERS_MAX ?
					     ctx->in->nr_rmem_callers : MP_RMEM_CALLERS_MAX;
	if (ctx->in->rmem_ops_lost && ctx->b.rmem_sorted_init)
		mp_diag(ctx, MP_SEV_NOTE, "rmem-ops-lost-ignored", NULL,
			"--rmem-ops-lost models a 6.12-era series; this kernel initializes "
			"every region after recording it");
	for (node = fdt_next_node(fdt, 0, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		int len;
		const fdt32_t *ph = fdt_getprop(fdt, node, "memory-region", &len);

		if (!ph || len <= 0)
			continue;
		if (len % 4) {
			mp_diag(ctx, MP_SEV_WARNING, "rmem-consumer", mp_dt_path(ctx, node),
				"memory-region is %d bytes, not whole phandles: "
				"of_property_count_elems_of_size() refuses it", len);
			continue;
		}
		if (add_node(ctx, node, ph, len / 4))
			return;
	}
}
