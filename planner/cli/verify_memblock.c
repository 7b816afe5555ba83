// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_memblock.c - `memplan verify`: the plan's memblock calls vs the ones a
 * kernel booted with memblock=debug logged, one by one and in order.
 *
 * memblock_reserve() and memblock_phys_free() print their range first thing
 * (memblock_dbg() in mm/memblock.c, 6.1 and 6.12 alike); every allocation ends
 * in a memblock_reserve() from memblock_alloc_range_nid(), after a line naming
 * the size, alignment and caller.  The log starts at arm64_memblock_init(), once
 * parse_early_param() has seen memblock=debug, and so does the plan's trace
 * (struct mp_mb_event).  Both sides are compared from there to the plan's last
 * call (the end of bootmem_init(): the crash kernel and CMA included); what the
 * kernel allocates later (per-CPU areas, log buffer) the plan does not model.
 *
 * A run of page-table pages is thousands of one-page calls, each right below the
 * previous: both sides fold such runs (same call size, adjacent top-down) into
 * one, so a run compares as its base, size and count.  Zero-size calls are left
 * out on both sides.
 */
#include <stdlib.h>
#include <string.h>

#include "verify_internal.h"

/* memblock_reserve: [0x...-0x...] CALLER  /  memblock_phys_free: [...] CALLER */
static bool parse_range(const char *s, mp_u64 *base, mp_u64 *size, const char **rest)
{
	unsigned long long b, e;
	int n = 0;

	if (sscanf(s, " [%llx-%llx]%n", &b, &e, &n) != 2 || !n)
		return false;
	*base = b;
	/* an empty range prints as [base-base-1] */
	*size = (mp_u64)e + 1 - b;
	*rest = s + n;
	return true;
}

/* "early_init_dt_alloc_memory_arch+0x30/0x68" -> "early_init_dt_alloc_memory_arch" */
static void copy_caller(char *dst, size_t len, const char *s)
{
	size_t n = 0;

	while (*s == ' ')
		s++;
	while (s[n] && s[n] != '+' && s[n] != ' ' && n + 1 < len)
		n++;
	memcpy(dst, s, n);
	dst[n] = 0;
}

/* the fold both sides share: @e continues the run of @run */
static bool continues(const struct verify_mbcall *run, const struct verify_mbcall *e)
{
	return !run->free && !e->free && run->count && e->count &&
	       run->size / run->count == e->size / e->count && e->base + e->size == run->base;
}

static int push(struct verify_mbcall **arr, size_t *n, size_t *cap, const struct verify_mbcall *e)
{
	struct verify_mbcall *last = *n ? &(*arr)[*n - 1] : NULL;

	if (!e->size)
		return 0;
	if (last && continues(last, e)) {
		/* a run's first reserve may have lost its allocation line to the merge */
		if (!strcmp(last->caller, "memblock_alloc_range_nid"))
			memcpy(last->caller, e->caller, sizeof(last->caller));
		last->base = e->base;
		last->size += e->size;
		last->count += e->count;
		return 0;
	}
	if (verify_grow((void **)arr, cap, *n + 1, sizeof(**arr)))
		return -1;
	(*arr)[(*n)++] = *e;
	return 0;
}

/* the memblock=debug calls of one boot's log, folded */
static int log_calls(const struct bootrec_log *log, struct verify_mbcall **out, size_t *n)
{
	static const char rsv[] = "memblock_reserve:", fre[] = "memblock_phys_free:";
	char alloc_caller[sizeof((*out)->caller)] = "";
	size_t i, cap = 0;

	*out = NULL;
	*n = 0;
	for (i = 0; log && i < log->n; i++) {
		const char *t = log->lines[i].text, *rest, *c;
		struct verify_mbcall e = { .count = 1 };

		if (!strncmp(t, "memblock_", 9) && strstr(t, " bytes align=")) {
			/* memblock_alloc_try_nid: N bytes align=... max_addr=... CALLER */
			c = strrchr(t, ' ');
			copy_caller(alloc_caller, sizeof(alloc_caller), c ? c : "");
			continue;
		}
		if (!strncmp(t, rsv, sizeof(rsv) - 1))
			t += sizeof(rsv) - 1;
		else if (!strncmp(t, fre, sizeof(fre) - 1))
			t += sizeof(fre) - 1, e.free = true;
		else
			continue;
		if (!parse_range(t, &e.base, &e.size, &rest))
			continue;
		copy_caller(e.caller, sizeof(e.caller), rest);
		/* an allocation's reserve names memblock_alloc_range_nid(): use its caller's */
		if (!e.free && !strcmp(e.caller, "memblock_alloc_range_nid") && *alloc_caller)
			memcpy(e.caller, alloc_caller, sizeof(e.caller));
		alloc_caller[0] = 0;
		if (push(out, n, &cap, &e))
			return -1;
	}
	return 0;
}

/* the plan's label of a reserved range: the allocation note that holds it */
static const char *plan_label(const struct mp_plan *plan, const struct verify_mbcall *e)
{
	size_t i;

	if (e->free)
		return "freed";
	for (i = 0; i < plan->nr_allocs; i++) {
		const struct mp_alloc *a = &plan->allocs[i];

		if (e->base >= a->base && e->base - a->base < a->size)
			return a->what;
	}
	return "memblock_reserve()";
}

static bool same_call(const struct verify_mbcall *a, const struct verify_mbcall *b)
{
	return a->free == b->free && a->base == b->base && a->size == b->size &&
	       a->count == b->count;
}

int verify_compare_memblock(const struct mp_plan *plan, const struct bootrec_log *log,
			    struct verify_result *res)
{
	struct verify_mbcall *got = NULL, *want = NULL;
	size_t nr_got, nr_want = 0, cap = 0, i;
	int ret = -1;

	if (log_calls(log, &got, &nr_got))
		goto out;
	ret = 0;
	if (!nr_got)
		goto out;	/* booted without memblock=debug: nothing to compare */
	for (i = 0; i < plan->nr_mb_events; i++) {
		const struct mp_mb_event *ev = &plan->mb_events[i];
		struct verify_mbcall e = { .base = ev->base, .size = ev->size,
					    .count = ev->count, .free = ev->free };

		if (push(&want, &nr_want, &cap, &e))
			goto fail;
	}
	res->mblog_checked = true;
	res->mblog_logged = nr_got;
	for (i = 0; i < nr_want; i++) {
		struct verify_mbcall c = want[i];

		c.what = plan_label(plan, &want[i]);
		if (i < nr_got) {
			c.got.base = got[i].base;
			c.got.size = got[i].size;
			c.got.count = got[i].count;
			c.got.free = got[i].free;
			memcpy(c.got.caller, got[i].caller, sizeof(c.got.caller));
			c.has_got = true;
		}
		c.op = c.has_got && same_call(&want[i], &got[i]) ? VOP_MATCH : VOP_MISSING;
		if (verify_grow((void **)&res->mblog, &res->cap_mblog, res->nr_mblog + 1,
				sizeof(*res->mblog)))
			goto fail;
		res->mblog[res->nr_mblog++] = c;
		/* past the first difference the two sequences no longer line up */
		if (c.op != VOP_MATCH) {
			res->mblog_uncompared = nr_want - i - 1;
			break;
		}
	}
	goto out;
fail:
	ret = -1;
out:
	free(got);
	free(want);
	return ret;
}
