/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * memblock_set.h - the ordered set that holds one memblock type's regions
 * (memblock_set.c), for memblock.c alone.
 */
#ifndef MEMPLAN_MEMBLOCK_SET_H
#define MEMPLAN_MEMBLOCK_SET_H

#include "internal.h"

struct mp_mb_node {
	struct mp_mb_region r;
	struct mp_mb_node *left, *right;
	struct mp_mb_node *prev, *next; /* in address order: O(1) walks */
	mp_u32 prio;
};

/* the end of a region, base + size */
static inline mp_u64 mp_mbs_end(const struct mp_mb_region *r)
{
	return r->base + r->size;
}

/**
 * mp_mbs_find_le() - the region with the highest base <= @key
 * @type: the set
 * @key: an address
 *
 * mp_mbs_find_lt() is the same with base < @key, mp_mbs_find_ge() and
 * mp_mbs_find_gt() the lowest base >= / > @key.
 *
 * Return: the node, or NULL when there is none.
 */
struct mp_mb_node *mp_mbs_find_le(struct mp_mb_type *type, mp_u64 key);
struct mp_mb_node *mp_mbs_find_lt(struct mp_mb_type *type, mp_u64 key);
struct mp_mb_node *mp_mbs_find_ge(struct mp_mb_type *type, mp_u64 key);
struct mp_mb_node *mp_mbs_find_gt(struct mp_mb_type *type, mp_u64 key);

/* mp_mbs_insert()'s @hint when the caller does not know the predecessor */
#define MP_MBS_NO_HINT ((struct mp_mb_node *)1)

/**
 * mp_mbs_insert() - add a region to the set (the caller keeps it disjoint)
 * @mb: the memblock (arena, node free list, treap priorities)
 * @type: the set
 * @r: the region
 * @hint: the node that will precede it (NULL: it becomes the head), or
 *	MP_MBS_NO_HINT to search
 *
 * Return: the new node, or NULL with @mb->err set when the arena is full.
 */
struct mp_mb_node *mp_mbs_insert(struct mp_memblock *mb, struct mp_mb_type *type,
				 const struct mp_mb_region *r, struct mp_mb_node *hint);

/**
 * mp_mbs_erase() - take a node out of the set (it goes to the free list)
 * @type: the set
 * @n: the node
 */
void mp_mbs_erase(struct mp_mb_type *type, struct mp_mb_node *n);

#endif
