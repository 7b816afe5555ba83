// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * model.c - replay an op file (ops.h) on memplan's memblock model
 * (planner/core/memblock.c), set up like the kernel after
 * memblock_allow_resize() with large arrays, 4 KiB pages.
 */
#include "internal.h"

#include "ops.h"

#define ARENA_BYTES (64u << 20)
#define LARGE 1000000

static struct mp_arena arena;
static void *arena_buf;
static struct mp_memblock mb;

static void reset(void)
{
	mp_arena_init(&arena, arena_buf, ARENA_BYTES);
	mp_mb_init(&mb, &arena, 4096, LARGE, LARGE);
	mb.allow_resize = true;
}

static uint64_t do_op(const struct op *op)
{
	const uint64_t *a = op->a;

	switch (op->kind) {
	case OP_ADD: mp_mb_add(&mb, a[0], a[1]); break;
	case OP_RESERVE: mp_mb_reserve(&mb, a[0], a[1]); break;
	case OP_REMOVE: mp_mb_remove(&mb, a[0], a[1]); break;
	case OP_FREE: mp_mb_phys_free(&mb, a[0], a[1]); break;
	case OP_NOMAP: mp_mb_mark_nomap(&mb, a[0], a[1]); break;
	case OP_CLEARNOMAP: mp_mb_clear_nomap(&mb, a[0], a[1]); break;
	case OP_ALLOC: return mp_mb_phys_alloc_range(&mb, a[0], a[1], a[2], a[3]);
	case OP_BOTTOMUP: mb.bottom_up = a[0] != 0; break;
	case OP_CAP: mp_mb_cap_memory_range(&mb, a[0], a[1]); break;
	case OP_LIMIT: mp_mb_mem_limit_remove_map(&mb, a[0]); break;
	case OP_RESET: reset(); break;
	}
	return 0;
}

static void check_state(size_t i)
{
	if (mb.err || mb.panicked) {
		fprintf(stderr, "model: op %zu: err=%d panicked=%d\n", i, mb.err, mb.panicked);
		exit(3);
	}
}

static uint64_t checksum(uint64_t h, struct mp_mb_type *t)
{
	struct mp_mb_region r;
	bool ok;

	for_each_mb_region(t, r, ok) {
		h = ck_add(h, r.base);
		h = ck_add(h, r.size);
		h = ck_add(h, r.flags);
	}
	return ck_add(h, 0x5eb);
}

static void print_type(FILE *f, char tag, struct mp_mb_type *t)
{
	struct mp_mb_region r;
	bool ok;

	for_each_mb_region(t, r, ok)
		fprintf(f, "%c %#llx %#llx %#x\n", tag, (unsigned long long)r.base,
			(unsigned long long)r.size, r.flags);
}

static void print_state(FILE *f)
{
	print_type(f, 'M', &mb.memory);
	print_type(f, 'R', &mb.reserved);
}

static uint64_t checksum_all(uint64_t h)
{
	return checksum(checksum(h, &mb.memory), &mb.reserved);
}

int main(int argc, char **argv)
{
	static const struct drv_hooks hooks = {
		"memplan", reset, do_op, check_state, print_state, checksum_all,
	};
	struct drv_opts o = drv_parse_args(argc, argv);
	size_t n;
	struct op *ops = ops_read(o.path, &n);

	arena_buf = malloc(ARENA_BYTES);
	if (!arena_buf) {
		perror("malloc");
		return 2;
	}
	drv_run(stdout, ops, n, &o, &hooks);
	free(ops);
	free(arena_buf);
	return 0;
}
