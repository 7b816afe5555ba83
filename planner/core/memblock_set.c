// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * memblock_set.c - the ordered set behind each memblock type.  The kernel
 * keeps a sorted array and pays O(n) per insertion; memplan keeps a doubly
 * linked list in address order, searched from a finger like the array, and
 * past MB_TREE_THRESHOLD regions a treap keyed by base over the same nodes,
 * so that 100,000 regions cost O(n log n).  No kernel rule lives here: the
 * rules (merging, isolation, searches, capacity) are memblock.c's.
 */
#include "memblock_set.h"


static mp_u32 next_prio(struct mp_memblock *mb)
{
	/* xorshift32: deterministic, so plans are reproducible */
	mp_u32 x = mb->seed;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	mb->seed = x;
	return x;
}


/* ---- treap primitives ------------------------------------------------ */

static struct mp_mb_node *tp_merge(struct mp_mb_node *a, struct mp_mb_node *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	if (a->prio > b->prio) {
		a->right = tp_merge(a->right, b);
		return a;
	}
	b->left = tp_merge(a, b->left);
	return b;
}

/* split into keys < @key and keys >= @key */
static void tp_split(struct mp_mb_node *t, mp_u64 key, struct mp_mb_node **lo,
		     struct mp_mb_node **hi)
{
	if (!t) {
		*lo = *hi = NULL;
		return;
	}
	if (t->r.base < key) {
		tp_split(t->right, key, &t->right, hi);
		*lo = t;
	} else {
		tp_split(t->left, key, lo, &t->left);
		*hi = t;
	}
}

static struct mp_mb_node *tp_find_le_tree(struct mp_mb_node *t, mp_u64 key)
{
	struct mp_mb_node *best = NULL;

	while (t) {
		if (t->r.base <= key) {
			best = t;
			t = t->right;
		} else {
			t = t->left;
		}
	}
	return best;
}

static struct mp_mb_node *tp_find_lt_tree(struct mp_mb_node *t, mp_u64 key)
{
	struct mp_mb_node *best = NULL;

	while (t) {
		if (t->r.base < key) {
			best = t;
			t = t->right;
		} else {
			t = t->left;
		}
	}
	return best;
}

/*
 * Small sets (the common case: a DT has tens of regions) live in the sorted
 * list alone, searched linearly like the kernel's arrays; past
 * MB_TREE_THRESHOLD regions the treap is built and searches become O(log n).
 */
#ifndef MB_TREE_THRESHOLD
#define MB_TREE_THRESHOLD 48
#endif

static bool use_tree(const struct mp_mb_type *type)
{
	return type->tree;
}

/*
 * The last node with base <= key (le) or < key (lt).  In list mode the walk
 * starts at the finger, the node the previous search ended on (successive
 * memblock steps touch neighbouring regions), or at the head or tail when the
 * key lies beyond them.  BEFORE(n) is the ordering test of each variant.
 */
#define DEFINE_FIND_BEFORE(fn, tree_fn, BEFORE)                                          \
	struct mp_mb_node *fn(struct mp_mb_type *type, mp_u64 key)                       \
	{                                                                                \
		struct mp_mb_node *n = type->finger;                                     \
											\
		if (use_tree(type))                                                      \
			return tree_fn(type->root, key);                                 \
		if (!type->head || !BEFORE(type->head))                                  \
			return NULL;                                                     \
		if (BEFORE(type->tail))                                                  \
			return type->finger = type->tail;                                \
		if (!n)                                                                  \
			n = type->head;                                                  \
		if (BEFORE(n)) {                                                         \
			while (BEFORE(n->next)) /* the tail is not BEFORE */             \
				n = n->next;                                             \
		} else {                                                                 \
			while (!BEFORE(n)) /* the head is BEFORE */                      \
				n = n->prev;                                             \
		}                                                                        \
		return type->finger = n;                                                 \
	}

#define LE(n) ((n)->r.base <= key)
#define LT(n) ((n)->r.base < key)
DEFINE_FIND_BEFORE(mp_mbs_find_le, tp_find_le_tree, LE)
DEFINE_FIND_BEFORE(mp_mbs_find_lt, tp_find_lt_tree, LT)
#undef LE
#undef LT

struct mp_mb_node *mp_mbs_find_ge(struct mp_mb_type *type, mp_u64 key)
{
	struct mp_mb_node *n = mp_mbs_find_lt(type, key);

	return n ? n->next : type->head;
}

struct mp_mb_node *mp_mbs_find_gt(struct mp_mb_type *type, mp_u64 key)
{
	struct mp_mb_node *n = mp_mbs_find_le(type, key);

	return n ? n->next : type->head;
}

/*
 * build the treap over the list once the set grows past the threshold (keys
 * are already sorted; the right spine never exceeds the node count, which is
 * MB_TREE_THRESHOLD + 1 here)
 */
static void build_tree(struct mp_memblock *mb, struct mp_mb_type *type)
{
	struct mp_mb_node *stack[MB_TREE_THRESHOLD + 2], *n;
	int depth = 0;

	/* Cartesian-tree construction in one pass: O(n) */
	for (n = type->head; n; n = n->next) {
		struct mp_mb_node *last = NULL;

		n->left = n->right = NULL;
		n->prio = next_prio(mb);
		while (depth && stack[depth - 1]->prio < n->prio)
			last = stack[--depth];
		n->left = last;
		if (depth)
			stack[depth - 1]->right = n;
		stack[depth++] = n;
	}
	type->root = depth ? stack[0] : NULL;
	type->tree = true;
}

/* @hint: the node that will precede the new one, when the caller knows it */
struct mp_mb_node *mp_mbs_insert(struct mp_memblock *mb, struct mp_mb_type *type,
				     const struct mp_mb_region *r, struct mp_mb_node *hint)
{
	struct mp_mb_node *n = type->free_nodes, *lo, *hi;

	if (n) {
		type->free_nodes = n->left;
	} else {
		n = mp_arena_alloc(mb->arena, sizeof(*n), 0);
		if (!n) {
			mb->err = -MP_ERR_NOSPACE;
			return NULL;
		}
	}
	n->r = *r;
	n->left = n->right = NULL;
	n->prio = next_prio(mb);
	if (use_tree(type)) {
		tp_split(type->root, r->base, &lo, &hi);
		/* the list neighbours: the largest key below, and its old successor */
		n->prev = lo;
		while (n->prev && n->prev->right)
			n->prev = n->prev->right;
		type->root = tp_merge(tp_merge(lo, n), hi);
	} else {
		n->prev = hint != MP_MBS_NO_HINT ? hint : mp_mbs_find_lt(type, r->base);
	}
	n->next = n->prev ? n->prev->next : type->head;
	if (n->prev)
		n->prev->next = n;
	else
		type->head = n;
	if (n->next)
		n->next->prev = n;
	else
		type->tail = n;
	type->cnt++;
	type->total_size += r->size;
	if (!use_tree(type) && type->cnt > MB_TREE_THRESHOLD)
		build_tree(mb, type);
	return n;
}

void mp_mbs_erase(struct mp_mb_type *type, struct mp_mb_node *n)
{
	if (use_tree(type)) {
		struct mp_mb_node **link = &type->root;
		mp_u64 base = n->r.base;

		while (*link && *link != n)
			link = base < (*link)->r.base ? &(*link)->left : &(*link)->right;
		if (!*link)
			return;
		*link = tp_merge(n->left, n->right);
	}
	if (type->finger == n)
		type->finger = n->prev ? n->prev : n->next;
	if (n->prev)
		n->prev->next = n->next;
	else
		type->head = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		type->tail = n->prev;
	type->cnt--;
	type->total_size -= n->r.size;
	n->left = type->free_nodes;
	type->free_nodes = n;
}

/* ---- public cursor ---------------------------------------------------- */

static bool out(struct mp_mb_node *n, struct mp_mb_region *r)
{
	if (!n)
		return false;
	*r = n->r;
	return true;
}

bool mp_mb_first(struct mp_mb_type *t, struct mp_mb_region *r)
{
	return out(t->head, r);
}

bool mp_mb_last(struct mp_mb_type *t, struct mp_mb_region *r)
{
	return out(t->tail, r);
}

bool mp_mb_next(struct mp_mb_type *t, mp_u64 after_base, struct mp_mb_region *r)
{
	return out(mp_mbs_find_gt(t, after_base), r);
}

bool mp_mb_prev(struct mp_mb_type *t, mp_u64 before_base, struct mp_mb_region *r)
{
	return out(mp_mbs_find_lt(t, before_base), r);
}

bool mp_mb_containing(struct mp_mb_type *t, mp_u64 addr, struct mp_mb_region *r)
{
	struct mp_mb_node *n = mp_mbs_find_le(t, addr);

	if (!n || mp_mbs_end(&n->r) <= addr)
		return false;
	*r = n->r;
	return true;
}
