// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_claims.c - `memplan verify`: what the plan reserves vs what the recorded
 * boot shows reserved: the "Crash kernel" resources of /proc/iomem, and every exact
 * allocation of the plan in memblock.reserved (or /proc/iomem for what the kernel
 * frees or never reserves in memblock after boot).
 */
#include <stdlib.h>
#include <string.h>

#include "verify_internal.h"

/* ---- crash kernel resources ------------------------------------------------------- */

int verify_compare_crash(const struct mp_plan *plan, const struct bootrec_iomem *io,
			 struct verify_result *res)
{
	struct verify_range want[2];
	size_t nw = 0, i, k;
	unsigned char got[2] = { 0, 0 };

	res->crash_checked = true;
	if (plan->crash.status == MP_CRASH_RESERVED) {
		if (plan->crash.low_present && plan->crash.low_size)
			want[nw++] = (struct verify_range){ VOP_MISSING, plan->crash.low_base,
							    plan->crash.low_base +
								    plan->crash.low_size - 1,
							    "crash kernel (low)", "plan", 0 };
		if (plan->crash.high_present && plan->crash.high_size)
			want[nw++] = (struct verify_range){ VOP_MISSING, plan->crash.high_base,
							    plan->crash.high_base +
								    plan->crash.high_size - 1,
							    "crash kernel", "plan", 0 };
	}
	for (i = 0; io && i < io->n; i++) {
		const struct bootrec_iomem_entry *e = &io->e[i];
		struct verify_range v = { VOP_UNEXPECTED, e->start, e->end, "Crash kernel",
					  "iomem", 0 };

		if (strcmp(e->name, "Crash kernel"))
			continue;
		for (k = 0; k < nw; k++)
			if (!got[k] && want[k].start == e->start && want[k].end == e->end)
				break;
		if (k < nw) {
			got[k] = 1;
			v.op = VOP_MATCH;
			v.what = want[k].what;
		}
		if (verify_add_range(&res->crash, &res->nr_crash, &res->cap_crash, &v))
			return -1;
	}
	for (k = 0; k < nw; k++) {
		if (got[k])
			continue;
		want[k].where = "not in /proc/iomem";
		if (verify_add_range(&res->crash, &res->nr_crash, &res->cap_crash, &want[k]))
			return -1;
	}
	return 0;
}

/* ---- exact allocations vs memblock.reserved / iomem ------------------------------- */

struct span {
	mp_u64 start, end; /* inclusive */
};

struct spans {
	struct span *s;
	size_t n, cap;
};

static int spans_add(struct spans *ss, mp_u64 start, mp_u64 end)
{
	if (end < start)
		return 0;
	if (verify_grow((void **)&ss->s, &ss->cap, ss->n + 1, sizeof(*ss->s)))
		return -1;
	ss->s[ss->n++] = (struct span){ start, end };
	return 0;
}

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* sort and merge overlapping and touching spans */
static void spans_merge(struct spans *ss)
{
	size_t i, o = 0;

	if (!ss->n)
		return;
	qsort(ss->s, ss->n, sizeof(*ss->s), cmp_span);
	for (i = 1; i < ss->n; i++) {
		if (ss->s[i].start <= ss->s[o].end ||
		    (ss->s[o].end != MP_U64_MAX && ss->s[i].start == ss->s[o].end + 1)) {
			if (ss->s[i].end > ss->s[o].end)
				ss->s[o].end = ss->s[i].end;
		} else {
			ss->s[++o] = ss->s[i];
		}
	}
	ss->n = o + 1;
}

/* The first address of [start, end] not covered by SS (merged), or end + 1 (covered). */
static mp_u64 first_gap(const struct spans *ss, mp_u64 start, mp_u64 end)
{
	mp_u64 at = start;
	size_t i;

	for (i = 0; i < ss->n && at <= end; i++) {
		if (ss->s[i].end < at)
			continue;
		if (ss->s[i].start > at)
			return at;
		if (ss->s[i].end >= end)
			return end + 1;
		at = ss->s[i].end + 1;
	}
	return at <= end ? at : end + 1;
}

static const struct mp_rmem *rmem_of(const struct mp_plan *plan, const struct mp_alloc *a)
{
	size_t i;

	for (i = 0; i < plan->nr_rmem; i++) {
		const struct mp_rmem *r = &plan->rmem[i];

		if (r->name && a->what && !strcmp(r->name, a->what) && a->base >= r->base &&
		    a->base - r->base < (r->size ? r->size : 1))
			return r;
	}
	for (i = 0; i < plan->nr_rmem; i++)
		if (plan->rmem[i].name == a->what)
			return &plan->rmem[i];
	return NULL;
}


/*
 * a /memreserve/ inside the initrd's pages (U-Boot's fdt_initrd() adds one): the
 * kernel frees it with the initrd - free_initrd_mem() memblock_free()s the
 * page-aligned range under CONFIG_ARCH_KEEP_MEMBLOCK (init/initramfs.c)
 */
static bool in_initrd(const struct mp_plan *plan, const struct mp_alloc *a)
{
	mp_u64 s = plan->initrd_start & ~0xfffULL, e = (plan->initrd_end + 0xfff) & ~0xfffULL;

	return plan->has_initrd && a->base >= s && a->size <= e - s && a->base - s <= e - s - a->size;
}
int verify_check_claims(const struct mp_plan *plan, const struct bootrec_memblock *reserved,
			const struct bootrec_memblock *memory, const struct bootrec_iomem *io,
			struct verify_result *res)
{
	struct spans rsv = { 0 }, mem = { 0 }, inram = { 0 }, nomap = { 0 };
	size_t i;
	int rc = -1;

	res->claims_checked = true;
	for (i = 0; reserved && i < reserved->n; i++)
		if (spans_add(&rsv, reserved->r[i].base, reserved->r[i].end))
			goto out;
	for (i = 0; memory && i < memory->n; i++)
		if (spans_add(&mem, memory->r[i].base, memory->r[i].end))
			goto out;
	for (i = 0; io && i < io->n; i++) {
		const struct bootrec_iomem_entry *e = &io->e[i];

		/* children of System RAM: Kernel code/data, reserved, Crash kernel */
		if (e->parent >= 0 && !strcmp(io->e[e->parent].name, "System RAM") &&
		    spans_add(&inram, e->start, e->end))
			goto out;
		/* NOMAP memory: a top-level "reserved" resource (request_standard_resources) */
		if (e->parent < 0 && !strcmp(e->name, "reserved") &&
		    spans_add(&nomap, e->start, e->end))
			goto out;
	}
	spans_merge(&rsv);
	spans_merge(&mem);
	spans_merge(&inram);
	spans_merge(&nomap);

	for (i = 0; i < plan->nr_allocs; i++) {
		const struct mp_alloc *a = &plan->allocs[i];
		struct verify_range v = { VOP_MATCH, a->base, a->base + a->size - 1, a->what,
					  "memblock-reserved", 0 };
		const struct mp_rmem *rm = NULL;
		mp_u64 gap;

		if (a->estimated || !a->size)
			continue;
		if (a->kind == MP_ALLOC_RMEM)
			rm = rmem_of(plan, a);
		if (a->kind == MP_ALLOC_INITRD || a->kind == MP_ALLOC_KERNEL ||
		    (a->kind == MP_ALLOC_MEMRESERVE && in_initrd(plan, a))) {
			/* freed from memblock after boot: free_initrd_mem(); paging_init()
			 * frees init_pg_dir.  /proc/iomem shows them as of arch_initcall. */
			v.where = "iomem";
			gap = io ? first_gap(&inram, v.start, v.end) : v.start;
			if (!io)
				v.where = "no iomem in the record";
		} else if (rm && rm->no_map && rm->kind != MP_RMEM_DYNAMIC) {
			/* 6.1 early_init_dt_reserve_memory(): memblock_mark_nomap() only.
			 * Only the part inside memblock.memory becomes NOMAP memory. */
			mp_u64 s = v.start, e = v.end;
			size_t k;

			v.where = "iomem (no-map)";
			gap = e + 1;
			for (k = 0; k < mem.n && gap == e + 1; k++) {
				mp_u64 cs = s > mem.s[k].start ? s : mem.s[k].start;
				mp_u64 ce = e < mem.s[k].end ? e : mem.s[k].end;
				mp_u64 g1, g2;

				if (cs > ce)
					continue;
				g1 = first_gap(&nomap, cs, ce);
				g2 = first_gap(&rsv, cs, ce);
				if (g1 <= ce && g2 <= ce)
					gap = g1 > g2 ? g1 : g2;
			}
			if (!io)
				v.where = "no iomem in the record", gap = s;
		} else {
			gap = first_gap(&rsv, v.start, v.end);
		}
		if (gap <= v.end) {
			v.op = VOP_MISSING;
			v.first_gap = gap;
		}
		if (verify_add_range(&res->claims, &res->nr_claims, &res->cap_claims, &v))
			goto out;
	}
	rc = 0;
out:
	free(rsv.s);
	free(mem.s);
	free(inram.s);
	free(nomap.s);
	return rc;
}
