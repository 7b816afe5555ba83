// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify.c - `memplan verify`: build the plan for the DTB a kernel really received and
 * compare it with that kernel's boot log, /proc/iomem and memblock debugfs (verify.h).
 *
 * The comparison is exact: a line is matched only when it is byte-for-byte the line
 * the kernel printed.  Nothing here knows the expected answer of a scenario.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bootrec.h"
#include "image.h"
#include "kconfig.h"
#include "util.h"
#include "verify.h"
#include "capture.h"
#include "jsonread.h"
#include "ptdump.h"
#include "writers.h"

#define EXIT_MISMATCH 1
#define EXIT_USAGE 2
#define SZ_2M 0x200000ull
#define ARENA_BASE (64u << 20)
#define ARENA_PER_DT_BYTE 256u
#define ARENA_CAP (1ull << 30)
/* the LCS table is (P+1)*(R+1) cells; beyond this a greedy in-order match is used */
#define LCS_MAX_CELLS (64u << 20)

/* ---- families --------------------------------------------------------------------- */

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* "  NAME" + padding + "[mem " or "empty": free_area_init()'s "  %-8s " lines */
static bool zone_line(const char *s)
{
	static const char *const names[] = { "DMA", "DMA32", "Normal" };
	size_t i;

	if (strncmp(s, "  ", 2))
		return false;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i]);
		const char *p = s + 2 + n;

		if (strncmp(s + 2, names[i], n) || *p != ' ')
			continue;
		while (*p == ' ')
			p++;
		if (starts(p, "[mem 0x") || !strcmp(p, "empty"))
			return true;
	}
	return false;
}

/* "%s (%pa--%pa) overlaps with %s (%pa--%pa)": __rmem_check_for_overlap()'s 2nd line */
static bool overlap_line(const char *s)
{
	const char *w = strstr(s, ") overlaps with ");
	const char *a = strstr(s, " (0x");
	size_t n = strlen(s);

	return w && a && a < w && strstr(a, "--0x") && strstr(a, "--0x") < w && n > 2 &&
	       s[n - 1] == ')' && strstr(w, " (0x") && strstr(strstr(w, " (0x"), "--0x");
}

enum verify_family verify_family(const char *s)
{
	if (!s)
		return VF_NONE;
	if (starts(s, "cannot allocate crashkernel"))
		return VF_CRASH_FAIL;
	if (starts(s, "crashkernel"))
		return VF_CRASH;
	/* rmem_swiotlb_setup() prints with swiotlb's pr_fmt */
	if (starts(s, "Reserved memory:") || starts(s, "software IO TLB: Reserved memory:"))
		return VF_RESMEM;
	if (starts(s, "OF: reserved mem:"))
		return VF_OF_RMEM;
	if (starts(s, "OF: fdt: Reserved memory"))
		return VF_OF_FDT;
	if (starts(s, "cma: Reserved") || starts(s, "cma: Failed"))
		return VF_CMA;
	if (zone_line(s))
		return VF_ZONE;
	if (overlap_line(s))
		return VF_OVERLAP;
	return VF_NONE;
}

const char *verify_family_name(enum verify_family f)
{
	switch (f) {
	case VF_CRASH: return "crashkernel";
	case VF_CRASH_FAIL: return "crash-fail";
	case VF_RESMEM: return "resmem";
	case VF_OF_RMEM: return "of-rmem";
	case VF_OVERLAP: return "overlap";
	case VF_OF_FDT: return "of-fdt";
	case VF_CMA: return "cma";
	case VF_ZONE: return "zone";
	case VF_OTHER: return "other";
	default: return "none";
	}
}

/* ---- result bookkeeping ------------------------------------------------------------- */

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*arr, ncap * elem);
	if (!p)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

static int add_line(struct verify_result *r, enum verify_op op, enum verify_family fam,
		    const char *text)
{
	if (grow((void **)&r->lines, &r->cap_lines, r->nr_lines + 1, sizeof(*r->lines)))
		return -1;
	r->lines[r->nr_lines++] = (struct verify_line){ op, fam, text };
	if (op == VOP_MATCH)
		r->matched++;
	else if (op == VOP_MISSING)
		r->missing++;
	else
		r->unexpected++;
	return 0;
}

static int add_range(struct verify_range **arr, size_t *n, size_t *cap,
		     const struct verify_range *v)
{
	if (grow((void **)arr, cap, *n + 1, sizeof(**arr)))
		return -1;
	(*arr)[(*n)++] = *v;
	return 0;
}

void verify_result_free(struct verify_result *r)
{
	size_t i;

	if (!r)
		return;
	free(r->lines);
	free(r->crash);
	free(r->claims);
	free(r->linmap);
	free(r->loaded);
	for (i = 0; i < r->nr_kplan; i++) {
		free(r->kplan[i].name);
		free(r->kplan[i].detail);
	}
	free(r->kplan);
	memset(r, 0, sizeof(*r));
}

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

/* Append to @out (room for @cap) the part of @r outside [hole_start, hole_end]. */
static size_t clip_range(const struct mp_map_range *r, mp_u64 hole_start, mp_u64 hole_end,
			 struct mp_map_range *out)
{
	size_t n = 0;

	if (r->end < hole_start || r->start > hole_end) {
		out[n++] = *r;
		return n;
	}
	if (r->start < hole_start)
		out[n++] = (struct mp_map_range){ r->start, hole_start - 1, r->level };
	if (r->end > hole_end)
		out[n++] = (struct mp_map_range){ hole_end + 1, r->end, r->level };
	return n;
}

static int cmp_map_range(const void *a, const void *b)
{
	const struct mp_map_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

int verify_compare_loaded_linmap(const struct mp_plan *plan, const struct mp_map_range *real,
				 size_t nr_real, const struct mp_range *freed, size_t nr_freed,
				 struct verify_result *res)
{
	struct range_list out = { &res->loaded, &res->nr_loaded, &res->cap_loaded };
	const struct mp_crash *c = &plan->crash;
	mp_u64 hole[4][2];
	size_t nh = 0, n = plan->linmap.nr_ranges, i, k, m;
	struct mp_map_range *pred, *tmp;
	int ret;

	res->loaded_checked = true;
	if (plan->linmap.crash_protected && c->status == MP_CRASH_RESERVED) {
		if (c->low_present && c->low_size)
			hole[nh][0] = c->low_base, hole[nh++][1] = c->low_base + c->low_size - 1;
		if (c->high_present && c->high_size)
			hole[nh][0] = c->high_base, hole[nh++][1] = c->high_base + c->high_size - 1;
	}
	/* freed by a shrink: cut out here, added back below with the page level */
	for (k = 0; k < nr_freed && nh < 4; k++)
		if (freed[k].size)
			hole[nh][0] = freed[k].base, hole[nh++][1] = freed[k].base + freed[k].size - 1;
	/* each hole can split a range in two: at most n + nh ranges after each pass */
	pred = calloc(n + 2 * nh + nr_freed + 1, sizeof(*pred));
	tmp = calloc(n + 2 * nh + nr_freed + 1, sizeof(*tmp));
	if (!pred || !tmp) {
		free(pred);
		free(tmp);
		return -1;
	}
	for (i = 0; i < n; i++)
		pred[i] = plan->linmap.ranges[i];
	for (k = 0; k < nh; k++) {
		m = 0;
		for (i = 0; i < n; i++)
			m += clip_range(&pred[i], hole[k][0], hole[k][1], tmp + m);
		memcpy(pred, tmp, m * sizeof(*pred));
		n = m;
	}
	/* crash_free_reserved_phys_range() maps freed memory with pages (forced_pte) */
	for (k = 0; k < nr_freed; k++)
		if (freed[k].size)
			pred[n++] = (struct mp_map_range){ freed[k].base,
							   freed[k].base + freed[k].size - 1,
							   MP_MAP_PTE };
	qsort(pred, n, sizeof(*pred), cmp_map_range);
	/* ptdump merges touching runs of one level: so must the prediction */
	for (i = 0, m = 0; i < n; i++) {
		if (m && pred[m - 1].level == pred[i].level && pred[m - 1].end + 1 == pred[i].start)
			pred[m - 1].end = pred[i].end;
		else
			pred[m++] = pred[i];
	}
	ret = compare_ranges(pred, m, real, nr_real, "kernel_page_tables.loaded", out);
	free(pred);
	free(tmp);
	return ret;
}

bool verify_ok(const struct verify_result *r)
{
	size_t i;

	for (i = 0; i < r->nr_linmap; i++)
		if (r->linmap[i].op != VOP_MATCH)
			return false;
	for (i = 0; i < r->nr_loaded; i++)
		if (r->loaded[i].op != VOP_MATCH)
			return false;
	if (r->missing || r->unexpected)
		return false;
	for (i = 0; i < r->nr_crash; i++)
		if (r->crash[i].op != VOP_MATCH)
			return false;
	for (i = 0; i < r->nr_claims; i++)
		if (r->claims[i].op != VOP_MATCH)
			return false;
	for (i = 0; i < r->nr_kplan; i++)
		if (r->kplan[i].status == VM_MISMATCH)
			return false;
	return true;
}

/* ---- 1. the kernel log -------------------------------------------------------------- */

/* Diff P against R (both family lines, in order) into RES. */
static int diff_sequences(const char **p, const enum verify_family *pf, size_t np,
			  const char **r, const enum verify_family *rf, size_t nr,
			  struct verify_result *res)
{
	size_t i = 0, j = 0;
	uint32_t *L = NULL;
	size_t w = nr + 1;

	if (np && nr && (np + 1) <= LCS_MAX_CELLS / w) {
		size_t a, b;

		/* L[a][b] = LCS length of p[a..] and r[b..] */
		L = calloc((np + 1) * w, sizeof(*L));
		if (!L)
			return -1;
		for (a = np; a-- > 0;)
			for (b = nr; b-- > 0;)
				L[a * w + b] = !strcmp(p[a], r[b]) ?
						       L[(a + 1) * w + b + 1] + 1 :
						       (L[(a + 1) * w + b] >= L[a * w + b + 1] ?
								L[(a + 1) * w + b] :
								L[a * w + b + 1]);
	}
	while (i < np || j < nr) {
		int rc;

		if (i < np && j < nr && !strcmp(p[i], r[j])) {
			rc = add_line(res, VOP_MATCH, pf[i], p[i]);
			i++, j++;
		} else if (i < np && j < nr && L) {
			if (L[(i + 1) * w + j] >= L[i * w + j + 1]) {
				rc = add_line(res, VOP_MISSING, pf[i], p[i]);
				i++;
			} else {
				rc = add_line(res, VOP_UNEXPECTED, rf[j], r[j]);
				j++;
			}
		} else if (i < np && j < nr) {
			/* greedy: is p[i] printed later? then r[j] is unexpected */
			size_t k;

			for (k = j + 1; k < nr && strcmp(p[i], r[k]); k++)
				;
			if (k < nr) {
				rc = add_line(res, VOP_UNEXPECTED, rf[j], r[j]);
				j++;
			} else {
				rc = add_line(res, VOP_MISSING, pf[i], p[i]);
				i++;
			}
		} else if (i < np) {
			rc = add_line(res, VOP_MISSING, pf[i], p[i]);
			i++;
		} else {
			rc = add_line(res, VOP_UNEXPECTED, rf[j], r[j]);
			j++;
		}
		if (rc) {
			free(L);
			return -1;
		}
	}
	free(L);
	return 0;
}

int verify_compare_log(const char *const *pred, size_t nr_pred, const struct bootrec_log *log,
		       struct verify_result *res)
{
	const char **p = NULL, **r = NULL;
	enum verify_family *pf = NULL, *rf = NULL;
	unsigned char *used = NULL;
	size_t np = 0, nr = 0, i, j, nlog = log ? log->n : 0;
	int rc = -1;

	p = calloc(nr_pred + 1, sizeof(*p));
	pf = calloc(nr_pred + 1, sizeof(*pf));
	r = calloc(nlog + 1, sizeof(*r));
	rf = calloc(nlog + 1, sizeof(*rf));
	used = calloc(nlog + 1, 1);
	if (!p || !pf || !r || !rf || !used)
		goto out;
	for (i = 0; i < nr_pred; i++) {
		enum verify_family f = verify_family(pred[i]);

		if (f == VF_NONE)
			continue;
		pf[np] = f;
		p[np++] = pred[i];
	}
	for (i = 0; i < nlog; i++) {
		enum verify_family f = verify_family(log->lines[i].text);

		if (f == VF_NONE)
			continue;
		rf[nr] = f;
		r[nr++] = log->lines[i].text;
	}
	if (diff_sequences(p, pf, np, r, rf, nr, res))
		goto out;
	/* predicted lines of no family: each must occur somewhere (a multiset) */
	for (i = 0; i < nr_pred; i++) {
		if (verify_family(pred[i]) != VF_NONE)
			continue;
		for (j = 0; j < nlog; j++)
			if (!used[j] && !strcmp(log->lines[j].text, pred[i]))
				break;
		if (j < nlog)
			used[j] = 1;
		if (add_line(res, j < nlog ? VOP_MATCH : VOP_MISSING, VF_OTHER, pred[i]))
			goto out;
	}
	rc = 0;
out:
	free(p);
	free(pf);
	free(r);
	free(rf);
	free(used);
	return rc;
}

/* ---- 2. Crash kernel resources ------------------------------------------------------ */

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
		if (add_range(&res->crash, &res->nr_crash, &res->cap_crash, &v))
			return -1;
	}
	for (k = 0; k < nw; k++) {
		if (got[k])
			continue;
		want[k].where = "not in /proc/iomem";
		if (add_range(&res->crash, &res->nr_crash, &res->cap_crash, &want[k]))
			return -1;
	}
	return 0;
}

/* ---- 3. exact allocations vs memblock.reserved / iomem ------------------------------ */

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
	if (grow((void **)&ss->s, &ss->cap, ss->n + 1, sizeof(*ss->s)))
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
		if (a->kind == MP_ALLOC_INITRD || a->kind == MP_ALLOC_KERNEL) {
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
		if (add_range(&res->claims, &res->nr_claims, &res->cap_claims, &v))
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

/* ---- 4. the kernel's early decisions (early_mm.json) -------------------------------- */

static int add_member(struct verify_result *res, enum verify_mstatus st, const char *prefix,
		      const char *name, size_t name_len, const char *detail)
{
	struct verify_member *m;

	if (grow((void **)&res->kplan, &res->cap_kplan, res->nr_kplan + 1, sizeof(*res->kplan)))
		return -1;
	m = &res->kplan[res->nr_kplan];
	m->status = st;
	if (asprintf(&m->name, "%s%.*s", prefix, (int)name_len, name) < 0)
		m->name = NULL;
	m->detail = detail ? strdup(detail) : NULL;
	if (!m->name || (detail && !m->detail)) {
		free(m->name);
		free(m->detail);
		return -1;
	}
	res->nr_kplan++;
	return 0;
}

/*
 * "NAME.PATH: kernel A, memplan B" for the first difference of @k and @o; just
 * "kernel A, memplan B" when they differ as a whole.
 */
static void member_diff(const char *name, size_t name_len, const struct jr_value *k,
			const struct jr_value *o, char *buf, size_t len)
{
	const struct jr_value *dk = k, *dm = o;
	char where[256], a[96], b[96];

	jr_equal(k, o, where, sizeof(where), &dk, &dm);
	jr_brief(dk, a, sizeof(a));
	jr_brief(dm, b, sizeof(b));
	if (where[0])
		snprintf(buf, len, "%.*s%s: kernel %s, memplan %s", (int)name_len, name, where, a,
			 b);
	else
		snprintf(buf, len, "kernel %s, memplan %s", a, b);
}

static void sink_memstream(void *ctx, const char *buf, size_t len)
{
	fwrite(buf, 1, len, ctx);
}

int verify_compare_early_mm(const struct mp_plan *plan, enum verify_early_mm_when when,
			    const char *json, size_t len, struct verify_result *res, char *err,
			    size_t errlen)
{
	static const char schema_token[] = "\"arm64-early-mm/1\"";
	bool loaded = when == EARLY_MM_LOADED;
	const char *prefix = loaded ? "loaded:" : when == EARLY_MM_SHRUNK ? "shrunk:" : "";
	struct jr_value *kdoc = NULL, *odoc = NULL;
	const struct jr_value *schema;
	char *ours = NULL, perr[128], detail[512];
	size_t ours_len = 0, i;
	FILE *f;
	int rc = -1;

	/* the prediction, written as the kernel writes the file */
	f = open_memstream(&ours, &ours_len);
	if (!f)
		return -1;
	mp_write_early_mm_json(plan, loaded, &(struct mp_sink){ sink_memstream, f });
	if (fclose(f))
		goto out;
	if (jr_parse(ours, ours_len, &odoc, perr, sizeof(perr))) {
		snprintf(err, errlen, "our own prediction does not parse: %s", perr);
		rc = -2;
		goto out;
	}
	if (jr_parse(json, len, &kdoc, perr, sizeof(perr))) {
		snprintf(err, errlen, "not JSON: %s", perr);
		rc = -2;
		goto out;
	}
	schema = jr_member(kdoc, "schema");
	if (kdoc->type != JR_OBJECT || !schema || schema->type != JR_STRING ||
	    schema->len != strlen(schema_token) || memcmp(schema->text, schema_token, schema->len)) {
		snprintf(err, errlen, "not the kernel's early decisions (no \"schema\": "
			 "\"arm64-early-mm/1\")");
		rc = -2;
		goto out;
	}
	res->kplan_checked = true;
	for (i = 0; i < odoc->nr_kids; i++) {
		const struct jr_value *o = &odoc->kids[i];
		char *name = strndup(o->key, o->key_len);
		const struct jr_value *k = name ? jr_member(kdoc, name) : NULL;
		enum verify_mstatus st;

		if (!name)
			goto out;
		st = k && jr_equal(k, o, NULL, 0, NULL, NULL) ? VM_MATCH : VM_MISMATCH;
		free(name);
		if (st != VM_MATCH)
			member_diff(o->key, o->key_len, k, o, detail, sizeof(detail));
		if (add_member(res, st, prefix, o->key, o->key_len, st == VM_MATCH ? NULL : detail))
			goto out;
	}
	/* what only the kernel's file has */
	for (i = 0; i < kdoc->nr_kids; i++) {
		const struct jr_value *k = &kdoc->kids[i];
		char *name = strndup(k->key, k->key_len);
		bool ours_too;

		if (!name)
			goto out;
		ours_too = jr_member(odoc, name) != NULL;
		free(name);
		if (ours_too)
			continue;
		member_diff(k->key, k->key_len, k, NULL, detail, sizeof(detail));
		if (add_member(res, VM_MISMATCH, prefix, k->key, k->key_len, detail))
			goto out;
	}
	rc = 0;
out:
	jr_free(kdoc);
	jr_free(odoc);
	free(ours);
	return rc;
}

/* ---- output ------------------------------------------------------------------------- */

static const char *op_mark(enum verify_op op)
{
	return op == VOP_MATCH ? "=" : op == VOP_MISSING ? "-" : "+";
}

static const char *kplan_status(enum verify_mstatus st)
{
	return st == VM_MATCH ? "MATCH" : "MISMATCH";
}

static size_t count_ok(const struct verify_range *v, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += v[i].op == VOP_MATCH;
	return k;
}

static void write_map_ranges(FILE *f, const char *title, const struct verify_range *v,
			     size_t n)
{
	size_t i;

	fprintf(f, "\n%s\n", title);
	for (i = 0; i < n; i++)
		fprintf(f, "  %s 0x%016llx-0x%016llx %s\n", op_mark(v[i].op),
			(unsigned long long)v[i].start, (unsigned long long)v[i].end, v[i].what);
}

void verify_write_text(FILE *f, const struct verify_result *r, const char *source)
{
	size_t i, total = r->matched + r->missing + r->unexpected;

	fprintf(f, "memplan verify: %s\n", source);
	for (i = 0; i < r->nr_derived; i++)
		fprintf(f, "  derived %s\n", r->derived[i]);
	fprintf(f, "\nKernel log (= matched, - predicted but not printed, + printed but not "
		   "predicted)\n");
	for (i = 0; i < r->nr_lines; i++)
		fprintf(f, "  %s %-11s %s\n", op_mark(r->lines[i].op),
			verify_family_name(r->lines[i].family), r->lines[i].text);
	if (!r->nr_lines)
		fprintf(f, "  (no line of the kernel_log families, predicted or printed)\n");
	if (r->crash_checked) {
		fprintf(f, "\nCrash kernel in /proc/iomem (= matched, - planned but absent, "
			   "+ present but not planned)\n");
		for (i = 0; i < r->nr_crash; i++)
			fprintf(f, "  %s 0x%016llx-0x%016llx %s (%s)\n", op_mark(r->crash[i].op),
				(unsigned long long)r->crash[i].start,
				(unsigned long long)r->crash[i].end, r->crash[i].what,
				r->crash[i].where);
		if (!r->nr_crash)
			fprintf(f, "  none planned, none present\n");
	}
	if (r->claims_checked) {
		fprintf(f, "\nExact allocations of the plan reserved in the real boot "
			   "(= covered, - not covered)\n");
		for (i = 0; i < r->nr_claims; i++) {
			const struct verify_range *c = &r->claims[i];

			fprintf(f, "  %s 0x%016llx-0x%016llx %-26s %s", op_mark(c->op),
				(unsigned long long)c->start, (unsigned long long)c->end,
				c->what ? c->what : "?", c->where);
			if (c->op != VOP_MATCH)
				fprintf(f, ": not covered from 0x%016llx",
					(unsigned long long)c->first_gap);
			fputc('\n', f);
		}
	}
	if (r->linmap_checked)
		write_map_ranges(f, "Linear map vs kernel_page_tables (= same range and level, "
				    "- planned only, + real only)", r->linmap, r->nr_linmap);
	if (r->loaded_checked)
		write_map_ranges(f, "Linear map with the capture kernel loaded vs "
				    "kernel_page_tables.loaded", r->loaded, r->nr_loaded);
	if (r->kplan_checked) {
		fprintf(f, "\nThe kernel's early decisions (early_mm.json, shrunk: early_mm.shrunk.json, "
			   "loaded: early_mm.loaded.json) vs this plan, member by member\n");
		for (i = 0; i < r->nr_kplan; i++) {
			const struct verify_member *m = &r->kplan[i];

			fprintf(f, "  %-8s  %s", kplan_status(m->status), m->name);
			if (m->detail)
				fprintf(f, "  (%s)", m->detail);
			fputc('\n', f);
		}
	}
	fprintf(f, "\nsummary: %zu of %zu lines matched (%zu missing, %zu unexpected)", r->matched,
		total, r->missing, r->unexpected);
	if (r->crash_checked)
		fprintf(f, "; crash kernel ranges %zu of %zu", count_ok(r->crash, r->nr_crash),
			r->nr_crash);
	if (r->claims_checked)
		fprintf(f, "; allocations %zu of %zu reserved", count_ok(r->claims, r->nr_claims),
			r->nr_claims);
	if (r->linmap_checked)
		fprintf(f, "; linear map %zu of %zu ranges", count_ok(r->linmap, r->nr_linmap),
			r->nr_linmap);
	if (r->loaded_checked)
		fprintf(f, "; loaded %zu of %zu ranges", count_ok(r->loaded, r->nr_loaded),
			r->nr_loaded);
	if (r->kplan_checked) {
		size_t same = 0, compared = 0;

		for (i = 0; i < r->nr_kplan; i++) {
			compared++;
			same += r->kplan[i].status == VM_MATCH;
		}
		fprintf(f, "; kernel decisions %zu of %zu members", same, compared);
	}
	fprintf(f, ": %s\n", verify_ok(r) ? "MATCH" : "MISMATCH");
}

static void json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	fputc('"', f);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static const char *op_name(enum verify_op op)
{
	return op == VOP_MATCH ? "matched" : op == VOP_MISSING ? "missing" : "unexpected";
}

static void json_ranges(FILE *f, const char *key, const struct verify_range *v, size_t n)
{
	size_t i;

	fprintf(f, ",\n  \"%s\": [", key);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s\n    {\"status\": \"%s\", \"start\": \"0x%016llx\", \"end\": "
			   "\"0x%016llx\", \"what\": ",
			i ? "," : "", op_name(v[i].op), (unsigned long long)v[i].start,
			(unsigned long long)v[i].end);
		json_str(f, v[i].what);
		fputs(", \"where\": ", f);
		json_str(f, v[i].where);
		if (v[i].op != VOP_MATCH && v[i].first_gap)
			fprintf(f, ", \"first_gap\": \"0x%016llx\"",
				(unsigned long long)v[i].first_gap);
		fputc('}', f);
	}
	fputs(n ? "\n  ]" : "]", f);
}

void verify_write_json(FILE *f, const struct verify_result *r, const char *source)
{
	size_t i;

	fputs("{\n  \"schema\": \"memplan-verify/1\",\n  \"source\": ", f);
	json_str(f, source);
	fprintf(f, ",\n  \"match\": %s,\n  \"matched\": %zu,\n  \"missing\": %zu,\n"
		   "  \"unexpected\": %zu,\n  \"derived\": [",
		verify_ok(r) ? "true" : "false", r->matched, r->missing, r->unexpected);
	for (i = 0; i < r->nr_derived; i++) {
		fputs(i ? ", " : "", f);
		json_str(f, r->derived[i]);
	}
	fputs("],\n  \"lines\": [", f);
	for (i = 0; i < r->nr_lines; i++) {
		fprintf(f, "%s\n    {\"status\": \"%s\", \"family\": \"%s\", \"text\": ",
			i ? "," : "", op_name(r->lines[i].op),
			verify_family_name(r->lines[i].family));
		json_str(f, r->lines[i].text);
		fputc('}', f);
	}
	fputs(r->nr_lines ? "\n  ]" : "]", f);
	if (r->crash_checked)
		json_ranges(f, "crash_kernel", r->crash, r->nr_crash);
	if (r->claims_checked)
		json_ranges(f, "allocations", r->claims, r->nr_claims);
	if (r->linmap_checked)
		json_ranges(f, "linear_map", r->linmap, r->nr_linmap);
	if (r->loaded_checked)
		json_ranges(f, "linear_map_loaded", r->loaded, r->nr_loaded);
	if (r->kplan_checked) {
		fputs(",\n  \"kernel_decisions\": [", f);
		for (i = 0; i < r->nr_kplan; i++) {
			const struct verify_member *m = &r->kplan[i];

			fprintf(f, "%s\n    {\"member\": ", i ? "," : "");
			json_str(f, m->name);
			fputs(", \"status\": ", f);
			json_str(f, m->status == VM_MATCH ? "matched" : "mismatch");
			fputs(", \"detail\": ", f);
			if (m->detail)
				json_str(f, m->detail);
			else
				fputs("null", f);
			fputc('}', f);
		}
		fputs(r->nr_kplan ? "\n  ]" : "]", f);
	}
	fputs("\n}\n", f);
}

/* ---- the command ------------------------------------------------------------------- */

static const char usage_verify[] =
	"Usage: memplan verify --record DIR [OPTION]...\n"
	"       memplan verify --boot-log FILE (--dtb FILE | --dts FILE) [OPTION]...\n"
	"Plan the boot of the DTB a kernel received and compare the prediction with what\n"
	"that kernel really did:\n"
	"  - the kernel_log families (crashkernel*, cannot allocate crashkernel, Reserved\n"
	"    memory:, OF: reserved mem: incl. OVERLAP, OF: fdt: Reserved memory, cma:, the\n"
	"    zone lines), predicted vs printed, line by line in order;\n"
	"  - /proc/iomem \"Crash kernel\" ranges vs the planned crash regions;\n"
	"  - every exact (not estimated) allocation of the plan vs memblock.reserved\n"
	"    (the initrd, the kernel image and static no-map regions via /proc/iomem);\n"
	"  - the linear map vs kernel_page_tables, when the record has it;\n"
	"  - the early decisions of a memplan-6.12 kernel (early_mm.json =\n"
	"    /sys/kernel/debug/arm64_early_mm, early_mm.shrunk.json after a shrink,\n"
	"    early_mm.loaded.json after kexec -p),\n"
	"    when the record has them: member by member, the first differing value shown.\n"
	"\n"
	"Input:\n"
	"  --record DIR          a boot record of scripts/qemu-boot: fdt.dtb, cmdline,\n"
	"                        serial.log and/or dmesg, iomem, memblock-reserved,\n"
	"                        memblock-memory, kernel_page_tables, early_mm.json\n"
	"                        (missing files skip the checks that need them)\n"
	"  --boot-log FILE       a kernel log (dmesg, dmesg -r or a serial console log);\n"
	"                        only the log comparison is made\n"
	"  --capture             with --record of a kdump boot: plan the first kernel from\n"
	"                        DIR, then the capture kernel kexec -p sets up from it\n"
	"                        (as `memplan plan --capture`: command line from\n"
	"                        DIR/capture/cmdline, initrd size from DIR/capture/fdt.dtb),\n"
	"                        and compare that plan with the capture boot in DIR/capture\n"
	"  --boot N              which boot of a log holding several (kdump: 0 = first\n"
	"                        kernel, 1 = capture kernel; default 0)\n"
	"  --dtb FILE, --dts FILE  the DT (default with --record: DIR/fdt.dtb)\n"
	"  --cmdline STR         (default with --record: DIR/cmdline, else /chosen/bootargs)\n"
	"  --kernel PROFILE      linux-6.1 | linux-6.12 | mainline | memplan-6.12\n"
	"                        (default: linux-6.12)\n"
	"  --kconfig FILE        the kernel's .config\n"
	"  --image FILE | --image-size N   the Image (its header) or its size\n"
	"  --image-base ADDR     pa(_text); with --record derived from /proc/iomem\n"
	"                        \"Kernel code\" rounded down to 2 MiB when not given\n"
	"  --fdt-base ADDR       where the DTB sat; with --record derived when not given:\n"
	"                        /chosen linux,initrd-end rounded up to 2 MiB (QEMU's rule)\n"
	"                        confirmed by a memblock-reserved range of the DTB's\n"
	"                        totalsize, else such a 2 MiB aligned reserved range\n"
	"\n"
	"Output:\n"
	"  --format FMT          text (default) or json (\"memplan-verify/1\")\n"
	"  -o, --output FILE     write to FILE instead of standard output\n"
	"  -h, --help            show this help\n"
	"\n"
	"The text report ends with \"summary: M of N lines matched ...: MATCH|MISMATCH\".\n"
	"Exit status: 0 everything matched; 1 a mismatch; 2 bad input or usage.\n";

struct verify_opts {
	const char *record, *bootlog, *dtb, *dts, *cmdline, *kernel, *kconfig, *image;
	const char *format, *output;
	int boot;
	mp_u64 image_base, image_size, fdt_base;
	bool image_base_given, image_size_given, fdt_base_given;
	bool capture;
};

enum {
	O_RECORD = 256, O_BOOTLOG, O_BOOT, O_DTB, O_DTS, O_CMDLINE, O_KERNEL, O_KCONFIG,
	O_IMAGE, O_IMAGE_BASE, O_IMAGE_SIZE, O_FDT_BASE, O_FORMAT, O_CAPTURE,
};

static const struct option verify_options[] = {
	{ "record", required_argument, NULL, O_RECORD },
	{ "capture", no_argument, NULL, O_CAPTURE },
	{ "boot-log", required_argument, NULL, O_BOOTLOG },
	{ "boot", required_argument, NULL, O_BOOT },
	{ "dtb", required_argument, NULL, O_DTB },
	{ "dts", required_argument, NULL, O_DTS },
	{ "cmdline", required_argument, NULL, O_CMDLINE },
	{ "kernel", required_argument, NULL, O_KERNEL },
	{ "kconfig", required_argument, NULL, O_KCONFIG },
	{ "image", required_argument, NULL, O_IMAGE },
	{ "image-base", required_argument, NULL, O_IMAGE_BASE },
	{ "image-size", required_argument, NULL, O_IMAGE_SIZE },
	{ "fdt-base", required_argument, NULL, O_FDT_BASE },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* every error line has one form: "memplan verify: ..."; returns 2 */
#define verr(...) cli_error("memplan verify", __VA_ARGS__)

#define vusage(...) cli_usage_error("memplan verify", __VA_ARGS__)

static int num_opt(const char *opt, const char *arg, mp_u64 *v)
{
	uint64_t x;

	if (cli_parse_size(arg, &x))
		return vusage("--%s: invalid number '%s' (expected e.g. 0x40000000, 64M)", opt,
			      arg);
	*v = x;
	return 0;
}

/* Returns 0 to go on, -1 after --help, or an exit status. */
static int parse_opts(int argc, char **argv, struct verify_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->kernel = "linux-6.12";
	o->format = "text";
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", verify_options, NULL)) != -1) {
		switch (c) {
		case O_RECORD: o->record = optarg; break;
		case O_CAPTURE: o->capture = true; break;
		case O_BOOTLOG: o->bootlog = optarg; break;
		case O_DTB: o->dtb = optarg; break;
		case O_DTS: o->dts = optarg; break;
		case O_CMDLINE: o->cmdline = optarg; break;
		case O_KERNEL: o->kernel = optarg; break;
		case O_KCONFIG: o->kconfig = optarg; break;
		case O_IMAGE: o->image = optarg; break;
		case O_FORMAT: o->format = optarg; break;
		case 'o': o->output = optarg; break;
		case O_BOOT: {
			char *end;
			long v;

			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 0 || v > 1000)
				return vusage("--boot: '%s' is not a boot number (0, 1, ...)",
					      optarg);
			o->boot = (int)v;
			break;
		}
		case O_IMAGE_BASE:
			if (num_opt("image-base", optarg, &o->image_base))
				return EXIT_USAGE;
			o->image_base_given = true;
			break;
		case O_IMAGE_SIZE:
			if (num_opt("image-size", optarg, &o->image_size))
				return EXIT_USAGE;
			if (!o->image_size)
				return vusage("--image-size: must not be 0");
			o->image_size_given = true;
			break;
		case O_FDT_BASE:
			if (num_opt("fdt-base", optarg, &o->fdt_base))
				return EXIT_USAGE;
			o->fdt_base_given = true;
			break;
		case 'h': fputs(usage_verify, stdout); return -1;
		default: return cli_getopt_error("memplan verify", c, argv);
		}
	}
	if (optind < argc)
		return vusage("unexpected argument '%s'", argv[optind]);
	if (!o->record == !o->bootlog)
		return vusage(o->record ? "give either --record or --boot-log, not both" :
					  "--record DIR or --boot-log FILE is required");
	if (o->dtb && o->dts)
		return vusage("give either --dtb or --dts, not both");
	if (o->capture && !o->record)
		return vusage("--capture needs --record DIR of a kdump boot (DIR/capture/)");
	if (o->bootlog && !o->dtb && !o->dts)
		return vusage("--boot-log needs the DT the kernel received: --dtb or --dts");
	if (o->image && o->image_size_given)
		return vusage("--image and --image-size both give the image size; use one");
	if (strcmp(o->format, "text") && strcmp(o->format, "json"))
		return vusage("--format: '%s' is not text or json", o->format);
	return 0;
}

static char *path_in(const char *dir, const char *name)
{
	char *p = NULL;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		return NULL;
	return p;
}

/* Read DIR/NAME if it exists: 1 read, 0 absent, -1 error (reported). */
static int read_opt(const char *dir, const char *name, char **data, size_t *len)
{
	char *p = path_in(dir, name);
	int rc;

	*data = NULL;
	*len = 0;
	if (!p)
		return verr("out of memory"), -1;
	if (access(p, F_OK)) {
		free(p);
		return 0;
	}
	rc = bootrec_read_file(p, data, len);
	if (rc) {
		verr("%s: %s", p, bootrec_strerror(rc));
		free(p);
		return -1;
	}
	free(p);
	return 1;
}

static void add_derived(struct verify_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add_derived(struct verify_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->nr_derived >= sizeof(r->derived) / sizeof(r->derived[0]))
		return;
	va_start(ap, fmt);
	vsnprintf(r->derived[r->nr_derived++], sizeof(r->derived[0]), fmt, ap);
	va_end(ap);
}

static bool reserved_covers(const struct bootrec_memblock *mb, mp_u64 base, mp_u64 size)
{
	size_t i;

	for (i = 0; mb && i < mb->n; i++)
		if (mb->r[i].base <= base && base + size - 1 <= mb->r[i].end)
			return true;
	return false;
}

/*
 * The DTB's base: QEMU (hw/arm/boot.c) puts it at the next 2 MiB boundary after the
 * initrd; early_init_fdt_reserve_self() reserves fdt_totalsize() bytes there.
 */
static int derive_fdt_base(const void *fdt, const struct bootrec_memblock *rsv,
			   const struct bootrec_iomem *io, struct verify_result *res,
			   mp_u64 *base)
{
	mp_u64 tsize = fdt_totalsize(fdt), iend = 0, cand;
	int chosen = fdt_path_offset(fdt, "/chosen"), len = 0;
	const fdt32_t *p = chosen >= 0 ? fdt_getprop(fdt, chosen, "linux,initrd-end", &len) :
					 NULL;
	size_t i, hits = 0;

	if (p && (len == 4 || len == 8)) {
		iend = len == 4 ? fdt32_to_cpu(p[0]) :
				  ((mp_u64)fdt32_to_cpu(p[0]) << 32 | fdt32_to_cpu(p[1]));
		cand = (iend + SZ_2M - 1) & ~(SZ_2M - 1);
		if (reserved_covers(rsv, cand, tsize)) {
			add_derived(res, "--fdt-base 0x%llx (/chosen linux,initrd-end 0x%llx "
					 "rounded up to 2 MiB; memblock-reserved holds the "
					 "DTB's 0x%llx bytes there)",
				    (unsigned long long)cand, (unsigned long long)iend,
				    (unsigned long long)tsize);
			*base = cand;
			return 0;
		}
		for (i = 0; io && i < io->n; i++)
			if (io->e[i].start == cand && io->e[i].end - io->e[i].start + 1 >= tsize &&
			    !strcmp(io->e[i].name, "reserved"))
				break;
		if (!rsv && io && i < io->n) {
			add_derived(res, "--fdt-base 0x%llx (/chosen linux,initrd-end 0x%llx "
					 "rounded up to 2 MiB; a reserved /proc/iomem range "
					 "starts there)",
				    (unsigned long long)cand, (unsigned long long)iend);
			*base = cand;
			return 0;
		}
	}
	/* no initrd (or not confirmed): a 2 MiB aligned reserved range of exactly totalsize */
	for (i = 0; rsv && i < rsv->n; i++)
		if (!(rsv->r[i].base & (SZ_2M - 1)) &&
		    rsv->r[i].end - rsv->r[i].base + 1 == tsize && rsv->r[i].base >= iend) {
			if (!hits++)
				*base = rsv->r[i].base;
		}
	if (hits == 1) {
		add_derived(res, "--fdt-base 0x%llx (the only 2 MiB aligned memblock-reserved "
				 "range of the DTB's totalsize 0x%llx)",
			    (unsigned long long)*base, (unsigned long long)tsize);
		return 0;
	}
	if (p && (len == 4 || len == 8)) {
		*base = (iend + SZ_2M - 1) & ~(SZ_2M - 1);
		add_derived(res, "--fdt-base 0x%llx (/chosen linux,initrd-end 0x%llx rounded up "
				 "to 2 MiB; NOT confirmed by memblock-reserved)",
			    (unsigned long long)*base, (unsigned long long)iend);
		return 0;
	}
	return -1;
}

/*
 * The image's placement and section layout from /proc/iomem:
 * request_standard_resources() publishes "Kernel code" = [_stext (6.1) or
 * _text (6.12), __init_begin - 1] and "Kernel data" = [_sdata, _end - 1].
 */
static int derive_image(const struct bootrec_iomem *io, struct verify_result *res,
			struct mp_image *img, bool size_given)
{
	const struct bootrec_iomem_entry *code = NULL, *data = NULL;
	size_t i;

	for (i = 0; io && i < io->n; i++) {
		if (!strcmp(io->e[i].name, "Kernel code") && !code)
			code = &io->e[i];
		else if (!strcmp(io->e[i].name, "Kernel data") && !data)
			data = &io->e[i];
	}
	if (!code)
		return -1;
	img->text = code->start & ~(SZ_2M - 1);
	add_derived(res, "--image-base 0x%llx (/proc/iomem Kernel code 0x%llx rounded down "
			 "to 2 MiB)", (unsigned long long)img->text,
		    (unsigned long long)code->start);
	if (code->start > img->text)
		img->stext_offset = code->start - img->text;
	img->init_offset = code->end + 1 - img->text;
	if (data && data->start > img->text && data->end > data->start) {
		img->sdata_offset = data->start - img->text;
		if (!size_given)
			img->size = data->end + 1 - img->text;
	}
	add_derived(res, "image layout: __init_begin at +0x%llx, _sdata at +0x%llx (/proc/iomem "
			 "Kernel code/data)", (unsigned long long)img->init_offset,
		    (unsigned long long)img->sdata_offset);
	return 0;
}

/* the log: a record's serial.log (boot N) merged with its dmesg, or one file */
static int load_log(const struct verify_opts *o, struct bootrec_log *out, char *src,
		    size_t srclen)
{
	struct bootrec_log con = { 0 }, dm = { 0 }, empty = { 0 };
	char *d = NULL;
	size_t len, i;
	int rc, ret = -1, any_ts = 0;

	if (o->bootlog) {
		char why[256];

		/* cli_load_file: "-" is standard input, and a missing file says so */
		if (cli_load_file(o->bootlog, CLI_FILE_MAX, &d, &len, why, sizeof(why)))
			return verr("--boot-log %s: %s", o->bootlog, why), -1;
		rc = bootrec_log_parse(&con, d, len, BOOTREC_SRC_DMESG);
		free(d);
		if (rc) {
			verr("%s: %s", o->bootlog, bootrec_strerror(rc));
			goto out;
		}
		for (i = 0; i < con.n; i++)
			any_ts |= con.lines[i].ts_ns >= 0;
		if (!any_ts) /* dmesg -t: no timestamps, every line is the kernel's */
			for (i = 0; i < con.n; i++)
				con.lines[i].ts_ns = 0;
		rc = bootrec_log_merge(out, &con, o->boot, &empty);
		snprintf(src, srclen, "%s (boot %d: %zu kernel lines)",
			 strcmp(o->bootlog, "-") ? o->bootlog : "<stdin>", o->boot,
			 out->n);
	} else {
		int has_c, has_d;

		has_c = read_opt(o->record, "serial.log", &d, &len);
		if (has_c < 0)
			goto out;
		rc = has_c ? bootrec_log_parse(&con, d, len, BOOTREC_SRC_CONSOLE) : 0;
		free(d);
		if (rc) {
			verr("%s/serial.log: %s", o->record, bootrec_strerror(rc));
			goto out;
		}
		has_d = read_opt(o->record, "dmesg", &d, &len);
		if (has_d < 0)
			goto out;
		rc = has_d ? bootrec_log_parse(&dm, d, len, BOOTREC_SRC_DMESG) : 0;
		free(d);
		if (rc) {
			verr("%s/dmesg: %s", o->record, bootrec_strerror(rc));
			goto out;
		}
		if (!has_c && !has_d) {
			verr("%s: neither serial.log nor dmesg: no kernel log to compare",
			     o->record);
			goto out;
		}
		/* dmesg is the first kernel's; for a later boot use the console alone */
		rc = bootrec_log_merge(out, &con, o->boot, o->boot ? &empty : &dm);
		snprintf(src, srclen, "record %s (boot %d: %zu kernel lines from%s%s)", o->record,
			 o->boot, out->n, has_c ? " serial.log" : "",
			 has_d && !o->boot ? " dmesg" : "");
	}
	if (rc) {
		verr("merging the logs: %s", bootrec_strerror(rc));
		goto out;
	}
	if (!out->n) {
		verr("%s: no kernel line for boot %d", o->bootlog ? o->bootlog : o->record,
		     o->boot);
		goto out;
	}
	ret = 0;
out:
	bootrec_log_free(&con);
	bootrec_log_free(&dm);
	return ret;
}

/* iomem / memblock-reserved / memblock-memory of a record directory, when present */
static int load_record_tables(const char *dir, struct bootrec_iomem *io, bool *has_io,
			      struct bootrec_memblock *rsv, bool *has_rsv,
			      struct bootrec_memblock *mem, bool *has_mem)
{
	static const char *const names[3] = { "iomem", "memblock-reserved", "memblock-memory" };
	bool *has[3] = { has_io, has_rsv, has_mem };
	char *data;
	size_t len;
	int i, r, ret;

	for (i = 0; i < 3; i++) {
		r = read_opt(dir, names[i], &data, &len);
		if (r < 0)
			return -1;
		*has[i] = r;
		if (!r)
			continue;
		ret = i == 0 ? bootrec_iomem_parse(io, data, len) :
			       bootrec_memblock_parse(i == 1 ? rsv : mem, data, len);
		free(data);
		if (ret) {
			verr("%s/%s: %s", dir, names[i], bootrec_strerror(ret));
			return -1;
		}
	}
	return 0;
}

/* the initrd size kexec loaded: /chosen linux,initrd-{start,end} of the capture DTB */
static mp_u64 capture_initrd_size(const char *dir)
{
	char *p = path_in(dir, "capture/fdt.dtb"), *d = NULL;
	size_t len;
	mp_u64 size = 0;

	if (p && !bootrec_read_file(p, &d, &len) && len >= 40 && !fdt_check_header(d) &&
	    fdt_totalsize(d) <= len) {
		int node = fdt_path_offset(d, "/chosen"), l1, l2;
		const fdt32_t *s = node >= 0 ? fdt_getprop(d, node, "linux,initrd-start", &l1) : NULL;
		const fdt32_t *e = node >= 0 ? fdt_getprop(d, node, "linux,initrd-end", &l2) : NULL;

		if (s && e && l1 == 8 && l2 == 8) {
			mp_u64 a = (mp_u64)fdt32_to_cpu(s[0]) << 32 | fdt32_to_cpu(s[1]);
			mp_u64 b = (mp_u64)fdt32_to_cpu(e[0]) << 32 | fdt32_to_cpu(e[1]);

			size = b > a ? b - a : 0;
		}
	}
	free(d);
	free(p);
	return size;
}

/*
 * A kdump record taken with memplan.shrink= (kexec/init.sh) holds kexec_crash_size:
 * what /sys/kernel/kexec_crash_size read after the shrink.  Return 1 and the size,
 * 0 without the file, -1 on a read error.
 */
static int read_crash_shrink(const char *dir, mp_u64 *size)
{
	char *d = NULL, *end;
	size_t len;
	unsigned long long v;
	int r = read_opt(dir, "kexec_crash_size", &d, &len);

	if (r <= 0)
		return r;
	errno = 0;
	v = strtoull(d, &end, 0);
	if (errno || end == d || (*end && *end != '\n')) {
		free(d);
		return verr("%s/kexec_crash_size: not a number", dir);
	}
	free(d);
	*size = v;
	return 1;
}

/*
 * crash_shrink_memory() (kernel/crash_core.c) on the plan's crash regions: the size
 * is rounded up to a page; crashk_low_res (the low region of a high+low pair) is
 * given up last; what is freed goes to @freed (at most 2 ranges).  Return how many.
 */
static size_t shrink_crash(struct mp_crash *c, mp_u64 new_size, mp_u64 page,
			   struct mp_range freed[2])
{
	mp_u64 *res_base, *res_size, *low_size = NULL, old;
	size_t n = 0;

	if (c->status != MP_CRASH_RESERVED || (!c->low_present && !c->high_present))
		return 0;
	if (c->high_present) {
		res_base = &c->high_base, res_size = &c->high_size;
		if (c->low_present)
			low_size = &c->low_size;
	} else {
		res_base = &c->low_base, res_size = &c->low_size;
	}
	new_size = (new_size + page - 1) & ~(page - 1);
	old = *res_size + (low_size ? *low_size : 0);
	if (new_size >= old)
		return 0;
	if (low_size && *low_size > new_size) {
		freed[n++] = (struct mp_range){ *res_base, *res_size };
		*res_size = 0;
		c->high_present = false;
		freed[n++] = (struct mp_range){ c->low_base + new_size, *low_size - new_size };
		*low_size = new_size;
		if (!new_size)
			c->low_present = false;
	} else {
		mp_u64 keep = new_size - (low_size ? *low_size : 0);

		freed[n++] = (struct mp_range){ *res_base + keep, *res_size - keep };
		*res_size = keep;
		if (!keep) {
			if (res_size == &c->high_size)
				c->high_present = false;
			else
				c->low_present = false;
		}
	}
	return n;
}

/*
 * --capture: from the first kernel's plan, the DT and placement kexec -p gives
 * the capture kernel (capture.c), and the capture kernel's plan.
 */
static int plan_capture(const struct verify_opts *o, struct mp_input *in, char **dtb,
			size_t *dtb_len, struct mp_arena *arena, void *mem, size_t mem_size,
			struct mp_plan **plan, struct verify_result *res)
{
	struct cli_capture_opts co = { 0 };
	struct cli_capture cap;
	char *cmd = NULL, *p = path_in(o->record, "capture/cmdline"), err[512];
	size_t len;
	mp_u64 shrink_to;
	int ret;

	if (!p || bootrec_read_file(p, &cmd, &len)) {
		free(p);
		return verr("%s/capture/cmdline: cannot be read (not a kdump record?)", o->record);
	}
	free(p);
	while (len && (cmd[len - 1] == '\n' || cmd[len - 1] == ' '))
		cmd[--len] = '\0';
	co.cmdline = cmd;
	ret = read_crash_shrink(o->record, &shrink_to);
	if (ret < 0) {
		free(cmd);
		return -1;
	}
	if (ret > 0) {
		struct mp_range freed[2];

		shrink_crash(&(*plan)->crash, shrink_to, 1ULL << (*plan)->kc.page_shift, freed);
		add_derived(res, "crash kernel shrunk to 0x%llx bytes before kexec -p "
				 "(kexec_crash_size)", (unsigned long long)shrink_to);
	}
	co.image_size = (*plan)->image.size;
	co.initrd_size = capture_initrd_size(o->record);
	co.nr_cpus = 1;
	if (cli_capture_dtb(*plan, in->fdt, &co, &cap, err, sizeof(err))) {
		free(cmd);
		return verr("--capture: %s", err);
	}
	add_derived(res, "capture kernel: Image at 0x%llx, DTB at 0x%llx, elfcorehdr 0x%llx+0x%llx, "
			 "initrd of 0x%llx bytes", (unsigned long long)cap.image_base,
		    (unsigned long long)cap.fdt_base, (unsigned long long)cap.elfcorehdr,
		    (unsigned long long)cap.elfcorehdr_size, (unsigned long long)co.initrd_size);
	free(cmd);
	free(*dtb);
	*dtb = cap.dtb;
	*dtb_len = cap.dtb_len;
	in->fdt = *dtb;
	in->fdt_len = *dtb_len;
	in->cmdline = NULL;
	in->image.text = cap.image_base;
	in->image_given = true;
	in->fdt_base = cap.fdt_base;
	in->fdt_base_given = true;
	mp_arena_init(arena, mem, mem_size);
	*plan = NULL;
	ret = mp_plan_build(in, arena, plan);
	if (ret < 0)
		return verr("planning the capture kernel failed: %s",
			    *plan && (*plan)->error ? (*plan)->error : mp_strerror(-ret));
	return 0;
}

/*
 * With a record that has kernel_page_tables (kernels with PTDUMP_DEBUGFS), the
 * linear map: physical = virtual - PAGE_OFFSET + memstart_addr, memstart_addr
 * from /proc/iomem (no linear-map randomisation in the harness's kernels).
 */
static int compare_page_tables(const struct verify_opts *o, const struct mp_plan *plan,
			       struct verify_result *res)
{
	struct ptdump pd = { 0 };
	struct ptdump_phys phys = { 0 };
	char *pt = NULL, *iomem = NULL;
	size_t ptlen, iolen, nr_freed = 0;
	struct mp_range freed[2];
	struct mp_plan shrunk_plan;
	mp_u64 shrink_to;
	uint64_t memstart;
	int r, ret = 0;

	r = read_opt(o->record, "kernel_page_tables", &pt, &ptlen);
	if (r <= 0)
		return r < 0 ? -1 : 0;
	if (read_opt(o->record, "iomem", &iomem, &iolen) <= 0 ||
	    ptdump_memstart_from_iomem(iomem, iolen, plan->kc.page_shift, &memstart) ||
	    ptdump_parse(&pd, pt, ptlen) || ptdump_linear_phys(&pd, 0, memstart, &phys)) {
		add_derived(res, "kernel_page_tables: present but unusable (no iomem, or a "
				 "parse error): linear map not compared");
	} else if (verify_compare_linmap(plan, phys.r, phys.n, res)) {
		ret = -1;
	}
	ptdump_phys_free(&phys);
	ptdump_free(&pd);
	free(pt);
	pt = NULL;

	/* kdump records: the same once kexec -p has loaded the capture kernel */
	r = ret ? 0 : read_opt(o->record, "kernel_page_tables.loaded", &pt, &ptlen);
	if (r < 0)
		ret = -1;
	if (r > 0) {
		/* shrunk before kexec -p: predicted only where freed memory gets pages */
		int sr = read_crash_shrink(o->record, &shrink_to);

		if (sr < 0) {
			r = 0, ret = -1;
		} else if (sr > 0 && !plan->linmap.forced_pte) {
			add_derived(res, "kernel_page_tables.loaded: taken after a crash kernel "
					 "shrink without forced page mappings: not compared");
			r = 0;
		} else if (sr > 0) {
			struct mp_crash shrunk = plan->crash;

			nr_freed = shrink_crash(&shrunk, shrink_to, 1ULL << plan->kc.page_shift,
						freed);
			shrunk_plan = *plan;
			shrunk_plan.crash = shrunk;
			plan = &shrunk_plan;
		}
	}
	if (r > 0) {
		memset(&pd, 0, sizeof(pd));
		memset(&phys, 0, sizeof(phys));
		if (!iomem ||
		    ptdump_memstart_from_iomem(iomem, iolen, plan->kc.page_shift, &memstart) ||
		    ptdump_parse(&pd, pt, ptlen) || ptdump_linear_phys(&pd, 0, memstart, &phys))
			add_derived(res, "kernel_page_tables.loaded: present but unusable: not "
					 "compared");
		else if (verify_compare_loaded_linmap(plan, phys.r, phys.n, freed, nr_freed,
						      res))
			ret = -1;
		ptdump_phys_free(&phys);
		ptdump_free(&pd);
	}
	free(pt);
	free(iomem);
	return ret;
}

/*
 * After a shrink, crash_free_reserved_phys_range() (memplan-6.12 0003) maps what
 * each region keeps on its own again, as map_mem() mapped the whole region: the
 * runs the debugfs walk sees over the shrunk regions.  Only the crash regions are
 * looked up by mp_write_early_mm_json(), so they are all @plan's linear map holds
 * afterwards (in @out).
 */
static void remap_shrunk_crash(struct mp_plan *plan,
			       struct mp_map_range out[2 * MP_LINMAP_ALONE_MAX])
{
	const struct mp_crash *c = &plan->crash;
	size_t n = 0;

	if (!plan->linmap.crash_protected)
		return;	/* not mapped on its own (late reservation): nothing re-mapped */
	if (c->low_present && c->low_size)
		n += mp_linmap_alone(&plan->kc, c->low_base, c->low_base + c->low_size, out + n);
	if (c->high_present && c->high_size)
		n += mp_linmap_alone(&plan->kc, c->high_base, c->high_base + c->high_size,
				     out + n);
	plan->linmap.ranges = out;
	plan->linmap.nr_ranges = n;
}

/*
 * With a record of a memplan-6.12 kernel: its early decisions
 * (/sys/kernel/debug/arm64_early_mm at boot, after a kexec_crash_size shrink and
 * after kexec -p, as far as the record has them) vs the prediction.
 */
static int compare_early_mm(const struct verify_opts *o, const struct mp_plan *plan,
			    struct verify_result *res)
{
	/* indexed by enum verify_early_mm_when */
	static const char *const files[] = { "early_mm.json", "early_mm.shrunk.json",
					     "early_mm.loaded.json" };
	char *json = NULL, err[256];
	struct mp_plan shrunk_plan;
	struct mp_map_range remapped[2 * MP_LINMAP_ALONE_MAX];
	struct mp_range freed[2];
	mp_u64 shrink_to;
	size_t len, i;
	int r;

	for (i = 0; i < 3; i++) {
		const struct mp_plan *p = plan;

		r = read_opt(o->record, files[i], &json, &len);
		if (r < 0)
			return r;
		if (!r)
			continue;
		/* a shrink before kexec -p leaves less to map and to protect */
		if (i != EARLY_MM_BOOT) {
			r = read_crash_shrink(o->record, &shrink_to);
			if (r < 0) {
				free(json);
				return r;
			}
			if (r > 0) {
				shrunk_plan = *plan;
				shrink_crash(&shrunk_plan.crash, shrink_to,
					     1ULL << plan->kc.page_shift, freed);
				if (i == EARLY_MM_SHRUNK)
					remap_shrunk_crash(&shrunk_plan, remapped);
				p = &shrunk_plan;
			}
		}
		r = verify_compare_early_mm(p, (enum verify_early_mm_when)i, json, len, res, err,
					    sizeof(err));
		free(json);
		if (r == -2)
			verr("%s/%s: %s", o->record, files[i], err);
		else if (r)
			verr("out of memory");
		if (r)
			return r;
	}
	return 0;
}

int cli_verify_main(int argc, char **argv)
{
	struct verify_opts o;
	struct verify_result res;
	struct bootrec_log log = { 0 };
	struct bootrec_iomem io = { 0 };
	struct bootrec_memblock rsv = { 0 }, mem = { 0 };
	bool has_io = false, has_rsv = false, has_mem = false;
	struct mp_input in;
	struct mp_arena arena;
	struct mp_plan *plan = NULL;
	char *dtb = NULL, *kcbuf = NULL, *cmdline = NULL, *data = NULL, *capdir = NULL, err[512];
	char source[4200];
	void *arena_mem = NULL;
	size_t dtb_len = 0, len, arena_size;
	int ret, status = EXIT_USAGE, attempt;
	FILE *out = stdout;

	memset(&res, 0, sizeof(res));
	ret = parse_opts(argc, argv, &o);
	if (ret)
		return ret < 0 ? 0 : ret;
	if (o.record) {
		struct stat st;

		/* a file here would otherwise fail later as "DIR/cmdline: Not a directory" */
		if (stat(o.record, &st))
			return verr("--record %s: %s", o.record, strerror(errno));
		if (!S_ISDIR(st.st_mode))
			return verr("--record %s: not a directory (a boot record: a directory with "
				    "fdt.dtb, serial.log, iomem, ...)", o.record);
	}

	memset(&in, 0, sizeof(in));
	if (mp_profile_parse(o.kernel, &in.profile) < 0)
		return vusage("--kernel: unknown profile '%s' (linux-6.1, linux-6.12, mainline, "
			      "memplan-6.12)",
			      o.kernel);
	if (mp_kconfig_defaults(in.profile, &in.kc) < 0)
		return verr("no kconfig defaults for %s", o.kernel);
	if (o.kconfig && cli_kconfig_load(&in.kc, o.kconfig, &kcbuf, err, sizeof(err))) {
		verr("%s", err);
		goto out;
	}
	if (o.image) {
		struct cli_image_header hdr;

		if (cli_image_read(o.image, &hdr, err, sizeof(err))) {
			verr("%s", err);
			goto out;
		}
		in.image.size = hdr.image_size;
	}
	if (o.image_size_given)
		in.image.size = o.image_size;

	/* the record's files */
	if (o.record) {
		int r;

		if (access(o.record, R_OK | X_OK)) {
			verr("%s: %s", o.record, strerror(errno));
			goto out;
		}

		if ((r = read_opt(o.record, "iomem", &data, &len)) < 0)
			goto out;
		if (r && (ret = bootrec_iomem_parse(&io, data, len))) {
			verr("%s/iomem: %s", o.record, bootrec_strerror(ret));
			goto out;
		}
		has_io = r;
		free(data);
		data = NULL;
		if ((r = read_opt(o.record, "memblock-reserved", &data, &len)) < 0)
			goto out;
		if (r && (ret = bootrec_memblock_parse(&rsv, data, len))) {
			verr("%s/memblock-reserved: %s", o.record, bootrec_strerror(ret));
			goto out;
		}
		has_rsv = r;
		free(data);
		data = NULL;
		if ((r = read_opt(o.record, "memblock-memory", &data, &len)) < 0)
			goto out;
		if (r && (ret = bootrec_memblock_parse(&mem, data, len))) {
			verr("%s/memblock-memory: %s", o.record, bootrec_strerror(ret));
			goto out;
		}
		has_mem = r;
		free(data);
		data = NULL;
		if (!o.cmdline) {
			if ((r = read_opt(o.record, "cmdline", &cmdline, &len)) < 0)
				goto out;
			if (r) {
				while (len && (cmdline[len - 1] == '\n' || cmdline[len - 1] == '\r' ||
					       cmdline[len - 1] == ' '))
					cmdline[--len] = '\0';
				if (strlen(cmdline) != len) {
					verr("%s/cmdline: contains a NUL byte", o.record);
					goto out;
				}
				o.cmdline = cmdline;
			}
		}
	}
	if (load_log(&o, &log, source, sizeof(source)))
		goto out;

	/* the DT */
	if (o.dts) {
		if (cli_load_dt("memplan verify", o.dts, CLI_DT_SOURCE, &dtb, &dtb_len))
			goto out;
	} else {
		char *p = o.dtb ? strdup(o.dtb) : path_in(o.record, "fdt.dtb");

		if (!p) {
			verr("out of memory");
			goto out;
		}
		if (cli_load_dt("memplan verify", p, CLI_DT_BLOB, &dtb, &dtb_len)) {
			free(p);
			goto out;
		}
		free(p);
	}
	if (dtb_len < 40 || fdt_check_header(dtb) || fdt_totalsize(dtb) > dtb_len) {
		verr("%s: not a flattened device tree", o.dtb ? o.dtb : o.dts ? o.dts : "fdt.dtb");
		goto out;
	}

	if (o.image_base_given) {
		in.image.text = o.image_base;
		in.image_given = true;
	} else if (o.record && has_io &&
		   !derive_image(&io, &res, &in.image, in.image.size != 0)) {
		in.image_given = true;
	}
	if (o.fdt_base_given) {
		in.fdt_base = o.fdt_base;
		in.fdt_base_given = true;
	} else if (o.record) {
		if (!derive_fdt_base(dtb, has_rsv ? &rsv : NULL, has_io ? &io : NULL, &res,
				     &in.fdt_base))
			in.fdt_base_given = true;
		else
			add_derived(&res, "--fdt-base: cannot be derived from the record (no "
					  "initrd, no reserved range of the DTB's size): the "
					  "plan does not reserve the DTB");
	}
	in.fdt = dtb;
	in.fdt_len = dtb_len;
	in.cmdline = o.cmdline;
	in.strict = false; /* a real kernel booted this DT: model, do not reject */

	arena_size = ARENA_BASE + (dtb_len > ARENA_CAP / ARENA_PER_DT_BYTE ?
					   ARENA_CAP :
					   dtb_len * ARENA_PER_DT_BYTE);
	if (arena_size > ARENA_CAP)
		arena_size = ARENA_CAP;
	for (attempt = 0; attempt < 2; attempt++) {
		free(arena_mem);
		arena_mem = malloc(arena_size);
		if (!arena_mem) {
			verr("cannot allocate %zu MiB for the plan", arena_size >> 20);
			goto out;
		}
		mp_arena_init(&arena, arena_mem, arena_size);
		plan = NULL;
		ret = mp_plan_build(&in, &arena, &plan);
		if (ret != -MP_ERR_NOSPACE)
			break;
		arena_size *= 4;
	}
	if (ret < 0) {
		verr("planning failed: %s", plan && plan->error ? plan->error : mp_strerror(-ret));
		goto out;
	}

	if (o.capture) {
		if (plan_capture(&o, &in, &dtb, &dtb_len, &arena, arena_mem, arena_size, &plan,
				 &res))
			goto out;
		/* from here on the record is the capture kernel's */
		bootrec_log_free(&log);
		bootrec_iomem_free(&io);
		bootrec_memblock_free(&rsv);
		bootrec_memblock_free(&mem);
		memset(&log, 0, sizeof(log));
		memset(&io, 0, sizeof(io));
		memset(&rsv, 0, sizeof(rsv));
		memset(&mem, 0, sizeof(mem));
		capdir = path_in(o.record, "capture");
		if (!capdir)
			goto out;
		o.record = capdir;
		o.boot = 0;
		if (load_record_tables(o.record, &io, &has_io, &rsv, &has_rsv, &mem, &has_mem) ||
		    load_log(&o, &log, source, sizeof(source)))
			goto out;
	}
	if (o.record && compare_page_tables(&o, plan, &res)) {
		verr("%s/kernel_page_tables: cannot be read", o.record);
		goto out;
	}
	if (o.record && compare_early_mm(&o, plan, &res))
		goto out;
	if (verify_compare_log(plan->log, plan->nr_log, &log, &res) ||
	    (has_io && verify_compare_crash(plan, &io, &res)) ||
	    (has_rsv && verify_check_claims(plan, &rsv, has_mem ? &mem : NULL,
					    has_io ? &io : NULL, &res))) {
		verr("out of memory");
		goto out;
	}
	if (o.output) {
		out = fopen(o.output, "w");
		if (!out) {
			verr("%s: %s", o.output, strerror(errno));
			out = stdout;
			goto out;
		}
	}
	if (!strcmp(o.format, "json"))
		verify_write_json(out, &res, source);
	else
		verify_write_text(out, &res, source);
	if (fflush(out) || ferror(out)) {
		verr("%s: write error", o.output ? o.output : "standard output");
		goto out;
	}
	status = verify_ok(&res) ? 0 : EXIT_MISMATCH;
out:
	if (out != stdout)
		fclose(out);
	verify_result_free(&res);
	bootrec_log_free(&log);
	bootrec_iomem_free(&io);
	bootrec_memblock_free(&rsv);
	bootrec_memblock_free(&mem);
	free(arena_mem);
	free(dtb);
	free(kcbuf);
	free(cmdline);
	free(data);
	free(capdir);
	return status;
}
