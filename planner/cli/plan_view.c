// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * plan_view.c - the plan flattened into address-sorted rows with the free
 * gaps between them, for the writers.  Nothing here places anything: rows
 * are the plan's own regions; gaps are the banks minus what the plan says is
 * occupied.  (The names of the plan's enums are the core's: names.c.)
 */
#include <stdlib.h>
#include <string.h>

#include "writers.h"

bool cli_plan_has_errors(const struct mp_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->nr_diags; i++)
		if (plan->diags[i].severity == MP_SEV_ERROR)
			return true;
	return plan->crash.request && plan->crash.status == MP_CRASH_FAILED;
}

/* ------------------------------------------------------------------ */

struct builder {
	struct cli_row *rows;
	size_t nr, cap;
};

static struct cli_row *add_row(struct builder *b, mp_u64 base, mp_u64 size, enum cli_row_kind kind,
			       const char *label)
{
	struct cli_row *r;

	if (b->nr == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		struct cli_row *n = realloc(b->rows, cap * sizeof(*n));

		if (!n)
			return NULL;
		b->rows = n;
		b->cap = cap;
	}
	r = &b->rows[b->nr++];
	*r = (struct cli_row){ .base = base, .size = size, .kind = kind, .label = label,
			       .occupies = true, .zone = -1 };
	return r;
}

/* Is there already a row at exactly [base, base + size) of one of the structured kinds? */
static bool have_row(const struct builder *b, size_t upto, mp_u64 base, mp_u64 size)
{
	size_t i;

	for (i = 0; i < upto; i++)
		if (b->rows[i].base == base && b->rows[i].size == size)
			return true;
	return false;
}

static int cmp_row(const void *a, const void *b)
{
	const struct cli_row *x = a, *y = b;

	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

struct span {
	mp_u64 start, end; /* inclusive */
};

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

static int zone_of(const struct mp_plan *plan, mp_u64 addr)
{
	int z;

	for (z = 0; z < MP_NR_ZONES; z++) {
		const struct mp_zone *zn = &plan->zones[z];

		if (zn->configured && !zn->empty && addr >= zn->start && addr <= zn->end)
			return z;
	}
	return -1;
}

/* Add the free part of [start, end] as rows, split at zone boundaries. */
static int add_free(struct builder *b, const struct mp_plan *plan, mp_u64 start, mp_u64 end)
{
	while (start <= end) {
		mp_u64 stop = end;
		int z;

		for (z = 0; z < MP_NR_ZONES; z++) {
			const struct mp_zone *zn = &plan->zones[z];

			if (!zn->configured || zn->empty)
				continue;
			if (zn->start > start && zn->start - 1 < stop)
				stop = zn->start - 1;
			if (zn->end >= start && zn->end < stop)
				stop = zn->end;
		}
		if (!add_row(b, start, stop - start + 1, CLI_ROW_FREE, "free"))
			return -1;
		if (stop == MP_U64_MAX)
			break;
		start = stop + 1;
	}
	return 0;
}

/* every placed /reserved-memory and /memreserve/ region, a row per reg; the rest in @unplaced */
static int add_rmem_rows(struct builder *b, const struct mp_plan *plan,
			 const struct mp_rmem **unplaced, size_t *nr_unplaced)
{
	size_t i, j;

	for (i = 0; i < plan->nr_rmem; i++) {
		const struct mp_rmem *m = &plan->rmem[i];
		bool placed = m->size && mp_rmem_placed(m);
		enum cli_row_kind kind = m->kind == MP_RMEM_MEMRESERVE ? CLI_ROW_MEMRESERVE :
									 CLI_ROW_RMEM;
		size_t n = m->kind == MP_RMEM_STATIC && m->nr_regs ? m->nr_regs : 1;

		if (!placed) {
			unplaced[(*nr_unplaced)++] = m;
			continue;
		}
		for (j = 0; j < n; j++) {
			mp_u64 base = m->base, size = m->size;
			struct cli_row *r;

			if (m->kind == MP_RMEM_STATIC && m->nr_regs) {
				base = m->regs[j].base;
				size = m->regs[j].size;
			}
			if (!size)
				continue;
			r = add_row(b, base, size, kind, m->name ? m->name : m->path);
			if (!r)
				return -1;
			r->rmem = m;
			r->reg_index = j;
			r->occupies = m->status == MP_RMEM_RESERVED;
		}
	}
	return 0;
}

/* CMA and the crash kernel regions: the rows the allocations below must not repeat */
static int add_cma_crash_rows(struct builder *b, const struct mp_plan *plan)
{
	const struct mp_crash *c = &plan->crash;
	bool both = c->low_present && c->high_present;

	if (plan->cma.present && !plan->cma.failed && plan->cma.size &&
	    !have_row(b, b->nr, plan->cma.base, plan->cma.size) &&
	    !add_row(b, plan->cma.base, plan->cma.size, CLI_ROW_CMA, "CMA"))
		return -1;
	if (c->status != MP_CRASH_RESERVED)
		return 0;
	if (c->low_present && c->low_size &&
	    !add_row(b, c->low_base, c->low_size, CLI_ROW_CRASH_LOW,
		     both ? "crashkernel low" : "crashkernel"))
		return -1;
	if (c->high_present && c->high_size &&
	    !add_row(b, c->high_base, c->high_size, CLI_ROW_CRASH,
		     both ? "crashkernel high" : "crashkernel"))
		return -1;
	return 0;
}

/* the other allocations and no-map banks, unless a row before @nr_structured has them */
static int add_alloc_rows(struct builder *b, const struct mp_plan *plan, size_t nr_structured)
{
	size_t i;

	for (i = 0; i < plan->nr_allocs; i++) {
		const struct mp_alloc *a = &plan->allocs[i];
		struct cli_row *r;

		if (!a->size)
			continue;
		/* rmem, CMA and crash allocations are already rows, with more detail */
		if ((a->kind == MP_ALLOC_RMEM || a->kind == MP_ALLOC_MEMRESERVE ||
		     a->kind == MP_ALLOC_CMA || a->kind == MP_ALLOC_CRASH ||
		     a->kind == MP_ALLOC_CRASH_LOW) &&
		    have_row(b, nr_structured, a->base, a->size))
			continue;
		r = add_row(b, a->base, a->size, CLI_ROW_ALLOC,
			    a->what ? a->what : mp_alloc_kind_name(a->kind));
		if (!r)
			return -1;
		r->alloc = a;
	}
	for (i = 0; i < plan->nr_banks; i++) {
		const struct mp_bank *bk = &plan->banks[i];

		if (!bk->nomap || !bk->size || have_row(b, nr_structured, bk->base, bk->size))
			continue;
		if (!add_row(b, bk->base, bk->size, CLI_ROW_NOMAP, "no-map"))
			return -1;
	}
	return 0;
}

/* free gaps: each mapped bank minus every occupying row; counts the RAM into @v */
static int add_free_rows(struct builder *b, const struct mp_plan *plan, struct cli_view *v)
{
	struct span *used = malloc((b->nr + 1) * sizeof(*used));
	size_t i, j, nr_used = 0;

	if (!used)
		return -1;
	for (i = 0; i < b->nr; i++)
		if (b->rows[i].occupies) {
			used[nr_used].start = b->rows[i].base;
			used[nr_used].end = mp_last_byte(b->rows[i].base, b->rows[i].size);
			nr_used++;
		}
	qsort(used, nr_used, sizeof(*used), cmp_span);
	for (i = 0; i < plan->nr_banks; i++) {
		const struct mp_bank *bk = &plan->banks[i];
		mp_u64 cur, end;
		bool done = false;

		if (!bk->size)
			continue;
		v->ram_total += bk->size;
		if (bk->nomap)
			continue;
		cur = bk->base;
		end = mp_last_byte(bk->base, bk->size);
		for (j = 0; j < nr_used && !done; j++) {
			if (used[j].end < cur || used[j].start > end)
				continue;
			if (used[j].start > cur && add_free(b, plan, cur, used[j].start - 1))
				goto oom;
			if (used[j].end >= end)
				done = true;
			else if (used[j].end >= cur)
				cur = used[j].end + 1; /* spans may nest: keep the furthest */
		}
		if (!done && add_free(b, plan, cur, end))
			goto oom;
	}
	free(used);
	return 0;
oom:
	free(used);
	return -1;
}

/* sort the rows, give each its zone, and find the totals and the address span */
static void finish_view(struct builder *b, const struct mp_plan *plan, struct cli_view *v)
{
	size_t i;

	if (b->nr)
		qsort(b->rows, b->nr, sizeof(*b->rows), cmp_row);
	v->lowest = MP_U64_MAX;
	for (i = 0; i < b->nr; i++) {
		struct cli_row *r = &b->rows[i];

		r->zone = zone_of(plan, r->base);
		if (r->kind == CLI_ROW_FREE)
			v->free_total += r->size;
		if (r->base < v->lowest)
			v->lowest = r->base;
		if (mp_last_byte(r->base, r->size) > v->highest)
			v->highest = mp_last_byte(r->base, r->size);
	}
	for (i = 0; i < plan->nr_banks; i++) {
		if (!plan->banks[i].size)
			continue;
		if (plan->banks[i].base < v->lowest)
			v->lowest = plan->banks[i].base;
		if (mp_last_byte(plan->banks[i].base, plan->banks[i].size) > v->highest)
			v->highest = mp_last_byte(plan->banks[i].base, plan->banks[i].size);
	}
	if (v->lowest == MP_U64_MAX)
		v->lowest = 0;
}

int cli_view_build(const struct mp_plan *plan, struct cli_view *v)
{
	struct builder b = { 0 };
	const struct mp_rmem **unplaced = NULL;

	memset(v, 0, sizeof(*v));
	if (plan->nr_rmem) {
		unplaced = calloc(plan->nr_rmem, sizeof(*unplaced));
		if (!unplaced)
			return -1;
	}
	if (add_rmem_rows(&b, plan, unplaced, &v->nr_unplaced) || add_cma_crash_rows(&b, plan) ||
	    add_alloc_rows(&b, plan, b.nr) || add_free_rows(&b, plan, v))
		goto oom;
	finish_view(&b, plan, v);
	v->rows = b.rows;
	v->nr_rows = b.nr;
	v->unplaced = unplaced;
	return 0;
oom:
	free(b.rows);
	free(unplaced);
	memset(v, 0, sizeof(*v));
	return -1;
}

void cli_view_free(struct cli_view *v)
{
	free(v->rows);
	free(v->unplaced);
	memset(v, 0, sizeof(*v));
}
