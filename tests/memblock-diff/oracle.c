// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * oracle.c - replay an op file (ops.h) on the kernel's real mm/memblock.c,
 * built in user space by build-oracle.sh (tools/testing/memblock's stubs).
 *
 * Only physical-address APIs are used, so the addresses never have to be
 * backed by host memory (docs/kernel-model.md §12.3).  The simulator's arrays
 * are static with 128 entries and memblock_allow_resize() is never called:
 * doubling would panic ("cannot resize"), so the generator keeps the region
 * counts below that.  Alignments are always explicit (SMP_CACHE_BYTES is 32
 * in the tools/ headers, 64 on arm64).
 */
#include <linux/types.h>
#include <linux/seq_file.h>
#include <linux/memblock.h>

#include "ops.h"

#include <unistd.h>

/*
 * Our output; stdout itself is redirected to stderr because the kernel's
 * pr_*()/WARN_ON() stubs printf() there (WARN_ON even without a newline).
 */
static FILE *out;

/* normally defined by tests/common.c; read by movable_node_is_enabled() */
bool movable_node_enabled;

static void reset(void)
{
	/* as tests/common.c reset_memblock_regions() + _attributes() */
	memset(memblock.memory.regions, 0, memblock.memory.cnt * sizeof(struct memblock_region));
	memblock.memory.cnt = 0;
	memblock.memory.total_size = 0;
	memset(memblock.reserved.regions, 0,
	       memblock.reserved.cnt * sizeof(struct memblock_region));
	memblock.reserved.cnt = 0;
	memblock.reserved.total_size = 0;
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
}

static uint64_t do_op(const struct op *op)
{
	const uint64_t *a = op->a;

	switch (op->kind) {
	case OP_ADD: memblock_add(a[0], a[1]); break;
	case OP_RESERVE: memblock_reserve(a[0], a[1]); break;
	case OP_REMOVE: memblock_remove(a[0], a[1]); break;
	case OP_FREE: memblock_phys_free(a[0], a[1]); break;
	case OP_NOMAP: memblock_mark_nomap(a[0], a[1]); break;
	case OP_CLEARNOMAP: memblock_clear_nomap(a[0], a[1]); break;
	case OP_ALLOC: return memblock_phys_alloc_range(a[0], a[1], a[2], a[3]);
	case OP_BOTTOMUP: memblock_set_bottom_up(a[0] != 0); break;
	case OP_CAP: memblock_cap_memory_range(a[0], a[1]); break;
	case OP_LIMIT: memblock_mem_limit_remove_map(a[0]); break;
	case OP_RESET: reset(); break;
	}
	return 0;
}

/* the static capacities (128 each in mm/memblock.c without arch overrides) */
static unsigned long memory_max0, reserved_max0;

static void check_capacity(size_t i)
{
	/* the static arrays must never have been replaced (no doubling) */
	if (memblock.memory.max != memory_max0 || memblock.reserved.max != reserved_max0 ||
	    memblock.memory.cnt + 2 > memblock.memory.max ||
	    memblock.reserved.cnt + 2 > memblock.reserved.max) {
		fprintf(stderr, "oracle: op %zu: region arrays near capacity (%lu/%lu, %lu/%lu)\n",
			i, memblock.memory.cnt, memblock.memory.max, memblock.reserved.cnt,
			memblock.reserved.max);
		exit(3);
	}
}

static uint64_t checksum(uint64_t h, const struct memblock_type *t)
{
	unsigned long i;

	for (i = 0; i < t->cnt; i++) {
		h = ck_add(h, t->regions[i].base);
		h = ck_add(h, t->regions[i].size);
		h = ck_add(h, t->regions[i].flags);
	}
	return ck_add(h, 0x5eb);
}

static void print_type(FILE *f, char tag, const struct memblock_type *t)
{
	unsigned long i;

	for (i = 0; i < t->cnt; i++)
		fprintf(f, "%c %#llx %#llx %#x\n", tag, (unsigned long long)t->regions[i].base,
		       (unsigned long long)t->regions[i].size, (unsigned)t->regions[i].flags);
}

static void print_state(FILE *f)
{
	print_type(f, 'M', &memblock.memory);
	print_type(f, 'R', &memblock.reserved);
}

static uint64_t checksum_all(uint64_t h)
{
	return checksum(checksum(h, &memblock.memory), &memblock.reserved);
}

int main(int argc, char **argv)
{
	static const struct drv_hooks hooks = {
		"kernel", reset, do_op, check_capacity, print_state, checksum_all,
	};
	struct drv_opts o = drv_parse_args(argc, argv);
	size_t n;
	struct op *ops = ops_read(o.path, &n);

	fflush(stdout);
	out = fdopen(dup(1), "w");
	if (!out || dup2(2, 1) < 0) {
		perror("oracle: redirecting stdout");
		return 2;
	}
	memory_max0 = memblock.memory.max;
	reserved_max0 = memblock.reserved.max;
	drv_run(out, ops, n, &o, &hooks);
	free(ops);
	fclose(out);
	return 0;
}
