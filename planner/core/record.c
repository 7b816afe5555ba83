// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * record.c - the plan's recorder: the log lines the kernel would print, the
 * diagnostics, the first fatal error, the labelled early allocations and the
 * reserved-memory records.  Every boot phase writes through these, so they
 * live apart from the boot sequence (plan.c) that calls the phases.
 */
#include "internal.h"

/* format into the arena; NULL when it is full */
static char *vformat(struct mp_ctx *ctx, const char *fmt, va_list ap)
{
	char line[160]; /* nearly every kernel line fits: format once */
	va_list aq;
	char *out;
	int n;

	va_copy(aq, ap);
	n = mp_vsnprintf(line, sizeof(line), fmt, aq);
	va_end(aq);
	out = n >= 0 ? mp_arena_alloc(ctx->arena, (size_t)n + 1, 1) : NULL;
	if (!out)
		return NULL;
	if ((size_t)n < sizeof(line))
		mp_memcpy(out, line, (size_t)n + 1);
	else
		mp_vsnprintf(out, (size_t)n + 1, fmt, ap);
	return out;
}

void mp_log(struct mp_ctx *ctx, const char *fmt, ...)
{
	struct mp_plan *p = ctx->plan;
	va_list ap;
	char *line;

	va_start(ap, fmt);
	line = vformat(ctx, fmt, ap);
	va_end(ap);
	if (!line || mp_grow(ctx->arena, (void **)&p->log, &p->cap_log, p->nr_log + 1,
			     sizeof(*p->log))) {
		ctx->err = ctx->err ? ctx->err : -MP_ERR_NOSPACE;
		return;
	}
	p->log[p->nr_log++] = line;
}

/* with assumed memory, these findings follow from where the assumption put RAM */
static const char *const memory_findings[] = {
	"rmem-outside-ram", "rmem-partly-outside-ram", "rmem-alloc-failed",
	"rmem-alloc-ranges-too-small", "rmem-reserve-failed-assumed", "cma-failed",
	"crash-failed", "zone-dma-empty", "placement-on-reservation",
};

/* whether a finding exists only because of assumed memory (mp_diag.assumed) */
static bool from_assumption(const struct mp_input *in, const char *code)
{
	size_t i;

	if (!in->mem_assumed || in->mem_assumed->base_src == MP_SRC_DT)
		return false;
	for (i = 0; i < sizeof(memory_findings) / sizeof(memory_findings[0]); i++)
		if (!strcmp(code, memory_findings[i]))
			return true;
	return false;
}

void mp_diag(struct mp_ctx *ctx, enum mp_severity sev, const char *code, const char *path,
	     const char *fmt, ...)
{
	struct mp_plan *p = ctx->plan;
	struct mp_diag d = { sev, code, NULL, path, from_assumption(ctx->in, code) };
	va_list ap;

	va_start(ap, fmt);
	d.message = vformat(ctx, fmt, ap);
	va_end(ap);
	/* a diagnostic lost to a full arena is not fatal: the plan is still whole */
	if (d.message && !mp_grow(ctx->arena, (void **)&p->diags, &p->cap_diags, p->nr_diags + 1,
				  sizeof(d)))
		p->diags[p->nr_diags++] = d;
}

int mp_fail(struct mp_ctx *ctx, int err, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (ctx->err)
		return ctx->err;
	ctx->err = err;
	va_start(ap, fmt);
	msg = vformat(ctx, fmt, ap);
	va_end(ap);
	ctx->plan->error = msg ? msg : mp_strerror(err);
	return err;
}

void mp_note_alloc(struct mp_ctx *ctx, mp_u64 base, mp_u64 size, enum mp_alloc_kind kind,
		   const char *what, bool estimated)
{
	struct mp_plan *p = ctx->plan;
	struct mp_alloc *last = p->nr_allocs ? &p->allocs[p->nr_allocs - 1] : NULL;

	/* one entry for a run of page-table pages, not thousands */
	if (last && last->kind == kind && last->what == what && last->base == base + size) {
		last->base = base;
		last->size += size;
		return;
	}
	if (mp_grow(ctx->arena, (void **)&p->allocs, &p->cap_allocs, p->nr_allocs + 1,
		    sizeof(*p->allocs)))
		return;
	p->allocs[p->nr_allocs++] = (struct mp_alloc){ base, size, kind, what, estimated };
}

/*
 * mp_forget_alloc - memory given back (memblock_phys_free(), or a no-map mark
 * cleared): drop or trim the labels that cover [base, base+size); with @what,
 * only the labels of that name (a cleared no-map mark frees nothing else).
 */
void mp_forget_alloc(struct mp_ctx *ctx, mp_u64 base, mp_u64 size, const char *what)
{
	struct mp_plan *p = ctx->plan;
	mp_u64 end = base + size;
	size_t i, n = 0;

	for (i = 0; i < p->nr_allocs; i++) {
		struct mp_alloc a = p->allocs[i];
		mp_u64 aend = a.base + a.size;

		if (aend <= base || a.base >= end || (what && a.what != what)) {
			p->allocs[n++] = a;
			continue;
		}
		/* keep what lies outside the freed range (one side only) */
		if (a.base < base) {
			a.size = base - a.base;
			p->allocs[n++] = a;
		} else if (aend > end) {
			a.base = end;
			a.size = aend - end;
			p->allocs[n++] = a;
		}
	}
	p->nr_allocs = n;
}

bool mp_rmem_placed(const struct mp_rmem *m)
{
	if (m->kind == MP_RMEM_DYNAMIC)
		return m->status == MP_RMEM_RESERVED || m->status == MP_RMEM_FREED;
	return m->size != 0;
}

void mp_cap_memory(struct mp_ctx *ctx, mp_u64 base, mp_u64 size)
{
	mp_u64 end;

	if (!size)
		return;
	mp_mb_cap_memory_range(&ctx->mb, base, size);
	/* as mp_mb_cap_memory_range() does, the part above may wrap: then none */
	if (base)
		mp_forget_alloc(ctx, 0, base, NULL);
	if (!mp_add_overflows(base, size, &end))
		mp_forget_alloc(ctx, end, MP_U64_MAX - end, NULL);
}

struct mp_rmem *mp_new_rmem(struct mp_ctx *ctx)
{
	struct mp_plan *p = ctx->plan;

	if (mp_grow(ctx->arena, (void **)&p->rmem, &p->cap_rmem, p->nr_rmem + 1,
		    sizeof(*p->rmem))) {
		mp_fail(ctx, -MP_ERR_NOSPACE, "arena exhausted");
		return NULL;
	}
	mp_memset(&p->rmem[p->nr_rmem], 0, sizeof(p->rmem[0]));
	return &p->rmem[p->nr_rmem++];
}
