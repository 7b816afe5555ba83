// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_linmap.c - `memplan verify`: the linear map the plan predicts vs the one
 * /sys/kernel/debug/kernel_page_tables of the recorded boot shows (kernels with
 * PTDUMP_DEBUGFS), range by range and level by level; with a kdump record also
 * once kexec -p has loaded the capture kernel (the core's mp_linmap_loaded()).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ptdump.h"
#include "verify_internal.h"

/* a growable list of linear-map comparison results */
struct range_list {
	struct verify_range **v;
	size_t *n, *cap;
};

static int add_linmap(struct range_list l, enum verify_op op, const struct mp_map_range *m,
		      const char *where)
{
	struct verify_range *v;

	if (*l.n == *l.cap) {
		size_t ncap = *l.cap ? *l.cap * 2 : 32;

		v = realloc(*l.v, ncap * sizeof(*v));
		if (!v)
			return -1;
		*l.v = v;
		*l.cap = ncap;
	}
	(*l.v)[(*l.n)++] = (struct verify_range){ op, m->start, m->end,
						   mp_map_level_name(m->level), where, 0 };
	return 0;
}

static bool same_range(const struct mp_map_range *a, const struct mp_map_range *b)
{
	return a->start == b->start && a->end == b->end && a->level == b->level;
}

/* both lists are in address order: a merge walk */
static int compare_ranges(const struct mp_map_range *pred, size_t n,
			  const struct mp_map_range *real, size_t nr_real, const char *where,
			  struct range_list out)
{
	size_t i = 0, j = 0;

	while (i < n || j < nr_real) {
		if (i < n && j < nr_real && same_range(&pred[i], &real[j])) {
			if (add_linmap(out, VOP_MATCH, &pred[i], where))
				return -1;
			i++, j++;
		} else if (j >= nr_real || (i < n && pred[i].start <= real[j].start)) {
			if (add_linmap(out, VOP_MISSING, &pred[i++], "planned"))
				return -1;
		} else {
			if (add_linmap(out, VOP_UNEXPECTED, &real[j++], where))
				return -1;
		}
	}
	return 0;
}

int verify_compare_linmap(const struct mp_plan *plan, const struct mp_map_range *real,
			  size_t nr_real, struct verify_result *res)
{
	struct range_list out = { &res->linmap, &res->nr_linmap, &res->cap_linmap };

	res->linmap_checked = true;
	return compare_ranges(plan->linmap.ranges, plan->linmap.nr_ranges, real, nr_real,
			      "kernel_page_tables", out);
}

int verify_compare_loaded_linmap(const struct mp_plan *plan, const struct mp_map_range *real,
				 size_t nr_real, const struct mp_range *freed, size_t nr_freed,
				 struct verify_result *res)
{
	struct range_list out = { &res->loaded, &res->nr_loaded, &res->cap_loaded };
	size_t room = mp_linmap_loaded_room(plan, nr_freed), n;
	struct mp_map_range *pred = calloc(room, sizeof(*pred));
	int ret = -1;

	res->loaded_checked = true;
	if (pred && !mp_linmap_loaded(plan, freed, nr_freed, pred, room, &n))
		ret = compare_ranges(pred, n, real, nr_real, "kernel_page_tables.loaded", out);
	free(pred);
	return ret;
}

/* the physical runs of the linear map in a kernel_page_tables dump: 0, or -1 unusable */
static int read_linear_map(const char *pt, size_t ptlen, const char *iomem, size_t iolen,
			   unsigned int page_shift, struct ptdump_phys *phys)
{
	struct ptdump pd = { 0 };
	uint64_t memstart;
	int ret = -1;

	/* physical = virtual - PAGE_OFFSET + memstart_addr, memstart_addr from /proc/iomem */
	if (iomem && !ptdump_memstart_from_iomem(iomem, iolen, page_shift, &memstart) &&
	    !ptdump_parse(&pd, pt, ptlen) && !ptdump_linear_phys(&pd, 0, memstart, phys))
		ret = 0;
	ptdump_free(&pd);
	return ret;
}

/*
 * kernel_page_tables.loaded of a kdump record: the linear map with the capture
 * kernel loaded, after the record's shrink if it has one.  0 done (or not
 * compared, said in a "derived" line), -1 on an error.
 */
static int compare_loaded(const struct verify_opts *o, const struct mp_plan *plan,
			  const char *iomem, size_t iolen, struct verify_result *res)
{
	struct ptdump_phys phys = { 0 };
	struct mp_range freed[MP_CRASH_SHRINK_MAX];
	struct mp_plan shrunk;
	size_t ptlen, nr_freed = 0;
	mp_u64 shrink_to;
	char *pt = NULL;
	int r, sr, ret = 0;

	r = verify_read_opt(o->record, "kernel_page_tables.loaded", &pt, &ptlen);
	if (r <= 0)
		return r;
	/* shrunk before kexec -p: predicted only where freed memory gets pages */
	sr = verify_read_crash_shrink(o->record, &shrink_to);
	if (sr < 0) {
		free(pt);
		return -1;
	}
	if (sr > 0 && !plan->linmap.forced_pte) {
		verify_add_derived(res, "kernel_page_tables.loaded: taken after a crash kernel "
					"shrink without forced page mappings: not compared");
		free(pt);
		return 0;
	}
	if (sr > 0) {
		shrunk = *plan;
		nr_freed = mp_crash_shrink(&shrunk, shrink_to, freed);
		plan = &shrunk;
	}
	if (read_linear_map(pt, ptlen, iomem, iolen, plan->kc.page_shift, &phys))
		verify_add_derived(res, "kernel_page_tables.loaded: present but unusable: not "
					"compared");
	else if (verify_compare_loaded_linmap(plan, phys.r, phys.n, freed, nr_freed, res))
		ret = -1;
	ptdump_phys_free(&phys);
	free(pt);
	return ret;
}

int verify_compare_page_tables(const struct verify_opts *o, const struct mp_plan *plan,
			       struct verify_result *res)
{
	struct ptdump_phys phys = { 0 };
	char *pt = NULL, *iomem = NULL;
	size_t ptlen, iolen = 0;
	int r, ret = 0;

	r = verify_read_opt(o->record, "kernel_page_tables", &pt, &ptlen);
	if (r <= 0)
		return r < 0 ? -1 : 0;
	if (verify_read_opt(o->record, "iomem", &iomem, &iolen) <= 0 ||
	    read_linear_map(pt, ptlen, iomem, iolen, plan->kc.page_shift, &phys)) {
		verify_add_derived(res, "kernel_page_tables: present but unusable (no iomem, or a "
					"parse error): linear map not compared");
	} else if (verify_compare_linmap(plan, phys.r, phys.n, res)) {
		ret = -1;
	}
	ptdump_phys_free(&phys);
	free(pt);
	if (!ret)
		ret = compare_loaded(o, plan, iomem, iolen, res);
	free(iomem);
	return ret;
}
