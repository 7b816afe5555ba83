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

static void print_type(char tag, struct mp_mb_type *t)
{
	struct mp_mb_region r;
	bool ok;

	for_each_mb_region(t, r, ok)
		printf("%c %#llx %#llx %#x\n", tag, (unsigned long long)r.base,
		       (unsigned long long)r.size, r.flags);
}

int main(int argc, char **argv)
{
	struct drv_opts o = drv_parse_args(argc, argv);
	size_t n, i;
	struct op *ops = ops_read(o.path, &n);
	uint64_t ck = CK_INIT;
	double t0, t1;
	long r;

	arena_buf = malloc(ARENA_BYTES);
	if (!arena_buf) {
		perror("malloc");
		return 2;
	}
	reset();
	if (!o.quiet) {
		for (i = 0; i < n; i++) {
			uint64_t ret = do_op(&ops[i]);

			check_state(i + 1);
			printf("@ %zu %s\n", i + 1, ops[i].text);
			if (ops[i].kind == OP_ALLOC)
				printf("= %#llx\n", (unsigned long long)ret);
			print_type('M', &mb.memory);
			print_type('R', &mb.reserved);
		}
		free(ops);
		free(arena_buf);
		return 0;
	}
	t0 = now_sec();
	for (r = 0; r < o.repeat; r++) {
		reset();
		for (i = 0; i < n; i++) {
			uint64_t ret = do_op(&ops[i]);

			if (ops[i].kind == OP_ALLOC)
				ck = ck_add(ck, ret);
		}
	}
	t1 = now_sec();
	check_state(n);
	ck = checksum(checksum(ck, &mb.memory), &mb.reserved);
	drv_summary(stdout, "memplan", ck, n, o.repeat, t1 - t0);
	free(ops);
	free(arena_buf);
	return 0;
}
