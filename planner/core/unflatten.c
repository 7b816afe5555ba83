// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * unflatten.c - the size of the unflattened device tree, byte for byte as
 * unflatten_dt_nodes() sizes it in its dry run (drivers/of/fdt.c, 6.1 and
 * 6.12 alike):
 *
 *  - per node: struct device_node followed by the node's name ("name@unit",
 *    NUL-terminated; the root's is empty), aligned to the struct's alignment;
 *  - per property: struct property, aligned (the value stays in the blob);
 *  - a node without a "name" property (every node of a version 16+ blob) gets
 *    one made up: struct property plus the name up to '@', NUL-terminated;
 *  - without CONFIG_OF_KOBJ a node whose status is not "okay"/"ok" is left out
 *    (its own struct and properties, not its children);
 *
 * __unflatten_device_tree() rounds the total up to 4 and adds 4 for the
 * 0xdeadbeef end marker, then allocates it with the struct's alignment (8).
 */
#include "early_alloc.h"

/* __alignof__(struct device_node) and __alignof__(struct property): pointers */
#define UNFLATTEN_ALIGN 8

/* of_fdt_device_is_available() */
static bool available(const void *fdt, int node)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);

	return !status || mp_streq(status, "okay") || mp_streq(status, "ok");
}

/* the made-up "name" property's value length: the node name up to '@', plus NUL */
static mp_u64 made_up_name(const char *name)
{
	const char *p = name, *ps = name, *pa = NULL;

	for (; *p; p++) {
		if (*p == '@')
			pa = p;
		else if (*p == '/')
			ps = p + 1;
	}
	if (!pa || pa < ps)
		pa = p;
	return (mp_u64)(pa - ps) + 1;
}

mp_u64 mp_unflatten_size(const void *fdt, mp_u64 node_size, mp_u64 prop_size, bool all_nodes,
			 bool *numa)
{
	mp_u64 size = 0;
	int node = 0, depth = 0;

	*numa = false;
	for (; node >= 0 && depth >= 0; node = fdt_next_node(fdt, node, &depth)) {
		const char *name;
		bool has_name = false;
		int len, prop;

		/* FDT_MAX_DEPTH: deeper nodes are skipped with a warning */
		if (depth >= 64 - 1)
			continue;
		if (!all_nodes && !available(fdt, node))
			continue;
		name = fdt_get_name(fdt, node, &len);
		if (!name)
			break;
		size = mp_round_up(size, UNFLATTEN_ALIGN) + node_size + (mp_u64)len + 1;
		fdt_for_each_property_offset(prop, fdt, node) {
			const char *pname;
			int plen;

			if (!fdt_getprop_by_offset(fdt, prop, &pname, &plen) || !pname)
				continue;
			if (mp_streq(pname, "name"))
				has_name = true;
			else if (mp_streq(pname, "numa-node-id"))
				*numa = true;
			size = mp_round_up(size, UNFLATTEN_ALIGN) + prop_size;
		}
		if (!has_name)
			size = mp_round_up(size, UNFLATTEN_ALIGN) + prop_size + made_up_name(name);
	}
	return mp_round_up(size, 4) + 4;
}

/* struct alias_prop (drivers/of/of_private.h): link, alias, np, id, stem[] */
#define ALIAS_PROP 40

/* kstrtoint() of the alias's trailing digits: an int, or -1 */
static bool alias_id(const char *name, size_t len, size_t *stem)
{
	size_t end = len;
	mp_u64 id = 0;

	while (end > 0 && name[end - 1] >= '0' && name[end - 1] <= '9')
		end--;
	*stem = end;
	if (end == len)
		return false;	/* kstrtoint("") fails: no digits, no alias */
	for (; end < len; end++) {
		id = id * 10 + (mp_u64)(name[end] - '0');
		if (id > 0x7fffffff)
			return false;
	}
	return true;
}

/*
 * of_alias_scan(), right after the tree in unflatten_device_tree(): one
 * alias_prop and the stem's name per property of /aliases that names a node
 * by an absolute path (nothing is an alias yet) and ends in a number
 */
void mp_alias_allocs(const void *fdt, bool all_nodes, void (*fn)(void *ctx, mp_u64 size),
		     void *ctx)
{
	int aliases = fdt_path_offset(fdt, "/aliases"), prop;

	if (aliases < 0 || (!all_nodes && !available(fdt, aliases)))
		return;
	fdt_for_each_property_offset(prop, fdt, aliases) {
		const char *name, *val;
		size_t nlen, plen, stem;
		int len, node;

		val = fdt_getprop_by_offset(fdt, prop, &name, &len);
		if (!val || !name || len < 1 || mp_streq(name, "name") || mp_streq(name, "phandle") ||
		    mp_streq(name, "linux,phandle") || val[0] != '/' || val[len - 1])
			continue;
		/* of_find_node_opts_by_path(): the path ends at ':' */
		for (plen = 0; val[plen] && val[plen] != ':'; plen++)
			;
		node = fdt_path_offset_namelen(fdt, val, (int)plen);
		if (node < 0 || (!all_nodes && !available(fdt, node)))
			continue;
		nlen = mp_strlen(name);
		if (!alias_id(name, nlen, &stem))
			continue;
		fn(ctx, ALIAS_PROP + stem + 1);
	}
}
