/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * handoff_dt.h - the DT editing the hand-offs share (handoff.c): findings,
 * (address, size) properties, pinning a dynamic region, copies of a DT.
 * Private to the planner core's handoff*.c.
 */
#ifndef HANDOFF_DT_H
#define HANDOFF_DT_H

#include "memplan_handoff.h"

/**
 * ho_add() - append a finding
 * @fi: the findings, or NULL to keep none
 * @kind: what it is
 * @r: the region, or NULL
 * @base: where
 * @size: how big
 * @message: MP_HO_VIOLATION: what is wrong
 *
 * Return: 0, or -MP_ERR_NOSPACE when the arena is full.
 */
int ho_add(struct mp_ho_findings *fi, enum mp_ho_kind kind, const struct mp_rmem *r,
	   mp_u64 base, mp_u64 size, const char *message);

/**
 * ho_ranges_meet() - whether two lists of ranges overlap
 * @a: the first list
 * @na: its length
 * @b: the second list
 * @nb: its length
 *
 * Return: true when a range of @a meets one of @b.
 */
bool ho_ranges_meet(const struct mp_range *a, size_t na, const struct mp_range *b, size_t nb);

/**
 * ho_dynamic_lands_in() - whether a dynamic region would be allocated in @mem
 * @r: the region
 * @mem: the memory
 * @n: its ranges
 *
 * Return: true when @r's alloc-ranges meet @mem; no alloc-ranges means anywhere.
 */
bool ho_dynamic_lands_in(const struct mp_rmem *r, const struct mp_range *mem, size_t n);

/**
 * ho_pinned_name() - the unit name of a region pinned at @base: "name@base"
 * @name: the region's name (a unit address, if any, is replaced)
 * @base: the address
 * @out: where the name goes
 * @len: its size
 */
void ho_pinned_name(const char *name, mp_u64 base, char *out, size_t len);

/**
 * ho_read_pairs() - the (address, size) pairs of a property
 * @fdt: the DT
 * @node: the node
 * @prop: the property
 * @ac: address cells
 * @sc: size cells
 * @out: the pairs
 * @cap: at most this many are stored
 *
 * Return: how many pairs the property holds (0 when absent), or -1 when it
 * is not whole pairs.
 */
int ho_read_pairs(const void *fdt, int node, const char *prop, unsigned int ac,
		  unsigned int sc, struct mp_range *out, size_t cap);

/**
 * ho_set_pairs() - set a property to (address, size) pairs
 * @fdt: the DT, open for editing
 * @node: the node
 * @prop: the property
 * @r: the pairs
 * @n: how many
 * @ac: address cells (1 or 2)
 * @sc: size cells (1 or 2)
 * @arena: where the cells are built
 *
 * Return: 0, or a libfdt error.
 */
int ho_set_pairs(void *fdt, int node, const char *prop, const struct mp_range *r, size_t n,
		 unsigned int ac, unsigned int sc, struct mp_arena *arena);

/**
 * ho_pin_region() - rewrite a dynamic region to static reg, renamed name@base
 * @fdt: the DT, open for editing
 * @path: the region's node
 * @base: its address
 * @size: its size
 * @arena: where the cells are built
 *
 * Return: 0, or a libfdt error.
 */
int ho_pin_region(void *fdt, const char *path, mp_u64 base, mp_u64 size, struct mp_arena *arena);

/**
 * ho_open_copy() - a copy of a DT open for editing
 * @fdt: the DT
 * @extra: bytes of room to add
 * @arena: where the copy goes
 *
 * Return: the copy, or NULL.
 */
void *ho_open_copy(const void *fdt, size_t extra, struct mp_arena *arena);

/**
 * ho_failed() - record where a build failed
 * @res: the result
 * @step: the step
 * @fdt_err: libfdt's error there, or 0
 * @path: the region that could not be pinned, or NULL
 *
 * Return: -1.
 */
int ho_failed(struct mp_ho_result *res, enum mp_ho_step step, int fdt_err, const char *path);

/**
 * ho_finish() - the end of a build: the DT packed into @res
 * @res: the result
 * @fdt: the DT built
 * @ret: the build's libfdt error, or 0
 *
 * Return: 0, or -1 with @res->step set.
 */
int ho_finish(struct mp_ho_result *res, void *fdt, int ret);

#endif /* HANDOFF_DT_H */
