// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * kstruct.c - the sizes of the kernel structs the early allocations are made
 * of, and where each came from (plan->ksizes[]).
 *
 * The unflattened DT is a struct device_node per node and a struct property per
 * property (unflatten_dt_nodes(), drivers/of/fdt.c), NODE_DATA() one pg_data_t
 * (alloc_node_data()), the usemaps one struct mem_section_usage and its bitmap
 * per section (sparse_init_nid()).  Their sizes follow the configuration, and
 * the crash kernel and CMA land right below them: a few bytes more can move both
 * by 2 MiB.  The kernel's BTF says them exactly (--btf); without it the layouts
 * below give device_node, property and mem_section_usage from the .config for
 * the versions they were read in (6.1 and 6.12, arm64: pointers and longs are
 * 8 bytes), and pg_data_t, whose layout depends on too many options to write
 * down, is a measured typical size the plan calls estimated.
 */
#include "early_alloc.h"

/* struct fwnode_handle: secondary, ops, dev, suppliers, consumers, u8 flags */
#define FWNODE_HANDLE 64
/* struct kobject: name, entry, parent, kset, ktype, sd, kref and five state bits */
#define KOBJECT 64
/* struct rcu_head: next, func */
#define RCU_HEAD 16

/* struct device_node (include/linux/of.h), or 0 when no rule covers the configuration */
static mp_u64 device_node_rule(const struct mp_kconfig *kc)
{
	/* name, phandle (4 + padding), full_name, fwnode, properties, deadprops,
	 * parent, child, sibling, [kobj], _flags, data */
	mp_u64 size = 8 + 8 + 8 + FWNODE_HANDLE + 5 * 8 + 8 + 8;

	if (kc->sysfs) {
		if (kc->debug_kobject_release)
			return 0;	/* a delayed_work inside the kobject: not written down */
		size += KOBJECT;
	}
	return size;
}

/* struct property (include/linux/of.h) */
static mp_u64 property_rule(const struct mp_kconfig *kc, const struct mp_behaviour *b)
{
	/* name, length (4 + padding), value, next */
	mp_u64 size = 8 + 8 + 8 + 8;

	/* _flags: CONFIG_OF_DYNAMIC (or SPARC) */
	if (kc->of_dynamic)
		size += 8;
	if (kc->sysfs) {
		/*
		 * struct bin_attribute attr (OF_KOBJ): struct attribute (name, mode;
		 * with DEBUG_LOCK_ALLOC also ignore_lockdep, key and a 16-byte
		 * lock_class_key), size, private, f_mapping, read, write, [llseek],
		 * mmap
		 */
		size += (kc->debug_lock_alloc ? 40 : 16) + 6 * 8;
		if (b->bin_attribute_llseek)
			size += 8;
	}
	return size;
}

/* a typical roundup(sizeof(pg_data_t), SMP_CACHE_BYTES): Debian's arm64 builds */
static mp_u64 pglist_data_typical(const struct mp_behaviour *b)
{
	return b->numa_distance_eager ? 0x2c80 : 0x3740;
}

/* no struct read here is near 1 MiB: a larger "BTF" size is ignored (bounds the sums) */
#define KSTRUCT_MAX (1ULL << 20)

static void set(struct mp_plan *p, enum mp_kstruct k, mp_u64 btf, mp_u64 rule, mp_u64 typical)
{
	if (btf && btf <= KSTRUCT_MAX)
		p->ksizes[k] = (struct mp_ksize){ btf, MP_KSIZE_BTF };
	else if (rule)
		p->ksizes[k] = (struct mp_ksize){ rule, MP_KSIZE_RULE };
	else
		p->ksizes[k] = (struct mp_ksize){ typical, MP_KSIZE_ESTIMATED };
}

void mp_kstruct_sizes(struct mp_ctx *ctx)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	const mp_u64 *btf = ctx->in->btf_sizes;
	const struct mp_behaviour *b = &ctx->b;
	struct mp_plan *p = ctx->plan;
	bool rules = b->kstruct_rules;
	mp_u64 usage;
	unsigned int sect_bits;

	set(p, MP_KS_DEVICE_NODE, btf[MP_KS_DEVICE_NODE], rules ? device_node_rule(kc) : 0, 208);
	set(p, MP_KS_PROPERTY, btf[MP_KS_PROPERTY], rules ? property_rule(kc, b) : 0, 104);
	/*
	 * rcu_head, and with SPARSEMEM_VMEMMAP (always on arm64) subsection_map:
	 * a bit per 2 MiB (SUBSECTION_SHIFT) of the section, in longs: 8 bytes for
	 * 128 MiB sections (4K, 16K), 32 for 512 MiB (64K)
	 */
	sect_bits = mp_section_size_bits(kc->page_shift);
	usage = RCU_HEAD + (sect_bits > 21 ? mp_round_up(1ULL << (sect_bits - 21), 64) / 8 : 8);
	set(p, MP_KS_MEM_SECTION_USAGE, btf[MP_KS_MEM_SECTION_USAGE], rules ? usage : 0, usage);
	if (kc->numa)
		set(p, MP_KS_PGLIST_DATA, btf[MP_KS_PGLIST_DATA] ?
			  mp_round_up(btf[MP_KS_PGLIST_DATA], 64) : 0, 0, pglist_data_typical(b));
	else
		p->ksizes[MP_KS_PGLIST_DATA] = (struct mp_ksize){ 0, MP_KSIZE_UNUSED };
}

bool mp_kstruct_estimated(const struct mp_plan *p, enum mp_kstruct k)
{
	return p->ksizes[k].src == MP_KSIZE_ESTIMATED;
}

const char *mp_kstruct_name(enum mp_kstruct k)
{
	static const char *const names[MP_KS_COUNT] = {
		[MP_KS_DEVICE_NODE] = "device_node",
		[MP_KS_PROPERTY] = "property",
		[MP_KS_PGLIST_DATA] = "pglist_data",
		[MP_KS_MEM_SECTION_USAGE] = "mem_section_usage",
	};

	return (unsigned int)k < MP_KS_COUNT ? names[k] : "?";
}

const char *mp_ksize_src_name(enum mp_ksize_src s)
{
	switch (s) {
	case MP_KSIZE_BTF: return "btf";
	case MP_KSIZE_RULE: return "kconfig";
	case MP_KSIZE_ESTIMATED: return "estimated";
	default: return "unused";
	}
}
