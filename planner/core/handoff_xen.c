// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * handoff_xen.c - the DT Xen on arm64 builds for dom0, and the host DT to
 * give Xen so that this DT is safe.  Returns findings; never prints.
 *
 * Xen 4.13 to 4.18 (xen/arch/arm/bootfdt.c process_reserved_memory(), then
 * domain_build.c handle_node() and make_memory_node()) records the reg of
 * every /reserved-memory child as reserved memory, whatever its status;
 * keeps those ranges out of its heap; copies /reserved-memory to dom0 as it
 * is and lists the ranges in a second memory node, so that dom0 may map
 * them.  dom0's kernel skips a disabled child (of_reserved_mem.c), so its
 * range becomes dom0 RAM that Xen never gave dom0: the 2023 xen-devel report
 * ("Failing to acquire the MFN"), fixed in 4.19 by "xen/arm: Skip memory
 * nodes if not enabled".
 */
#include "memplan_handoff.h"
#include "internal.h"
#include "dtscan.h"
#include "handoff_dt.h"

#define XEN_NR_MEM_BANKS 256	/* xen/arch/arm/include/asm/setup.h, 4.17 */
#define MAX_LEGACY 256		/* host reserved ranges the legacy construction lists */
#define SZ_2M 0x200000ULL
#define SZ_128M 0x8000000ULL

/* host reserved ranges (static regs, dynamic placements), as the legacy construction lists them */
static size_t host_reserved(const struct mp_plan *host, struct mp_range *out, size_t cap)
{
	size_t i, k, n = 0;

	for (i = 0; i < host->nr_rmem && n < cap; i++) {
		const struct mp_rmem *r = &host->rmem[i];

		if (r->kind == MP_RMEM_MEMRESERVE)
			continue;
		if (r->kind == MP_RMEM_STATIC && r->nr_regs) {
			for (k = 0; k < r->nr_regs && n < cap; k++)
				if (r->regs[k].size)
					out[n++] = r->regs[k];
		} else if (r->size && r->status != MP_RMEM_FAILED && r->status != MP_RMEM_DROPPED) {
			out[n++] = (struct mp_range){ r->base, r->size };
		}
	}
	return n;
}

/* by base, stable (equal bases keep their order) */
static void sort_ranges(struct mp_range *r, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct mp_range x = r[i];

		for (j = i; j > 0 && r[j - 1].base > x.base; j--)
			r[j] = r[j - 1];
		r[j] = x;
	}
}

/* drop every node of device_type "memory": handle_node() skips them (skip_matches) */
static void drop_memory_nodes(void *fdt)
{
	int node;

	for (;;) {
		bool found = false;

		fdt_for_each_subnode(node, fdt, 0) {
			const char *t = fdt_getprop(fdt, node, "device_type", NULL);

			if (t && mp_streq(t, "memory")) {
				found = true;
				break;
			}
		}
		if (!found)
			break;
		fdt_del_node(fdt, node);
	}
}

/*
 * bootinfo.reserved_mem as Xen reads it: the non-empty reg entries of every
 * /reserved-memory child, in DT order (device_tree_get_meminfo()); 4.19 on
 * skips unavailable children.  Returns how many, or -1 past NR_MEM_BANKS
 * (process_reserved_memory_node() panics).
 */
static int xen_reserved(const void *fdt, enum mp_xen_build build, struct mp_range *out)
{
	int rm = fdt_path_offset(fdt, "/reserved-memory"), child, n = 0;
	struct mp_range regs[XEN_NR_MEM_BANKS + 1];
	unsigned int ac, sc;

	if (rm < 0)
		return 0;
	mp_dt_cells(fdt, rm, &ac, &sc);
	fdt_for_each_subnode(child, fdt, rm) {
		int k, nr;

		if (build == MP_XEN_4_19 && !mp_dt_available(fdt, child))
			continue;
		nr = ho_read_pairs(fdt, child, "reg", ac, sc, regs, XEN_NR_MEM_BANKS + 1);
		for (k = 0; k < nr; k++) {
			if (k > XEN_NR_MEM_BANKS || !regs[k].size)
				continue;
			if (n == XEN_NR_MEM_BANKS)
				return -1;
			out[n++] = regs[k];
		}
	}
	return n;
}

int mp_ho_xen_bank_conflict(const void *host_fdt, enum mp_xen_build build,
			    const struct mp_range *dom0, size_t n, struct mp_range *hit)
{
	struct mp_range rsv[XEN_NR_MEM_BANKS];
	int nrsv = build == MP_XEN_LEGACY ? 0 : xen_reserved(host_fdt, build, rsv), k, nm;
	size_t i;

	nm = build == MP_XEN_LEGACY ? 0 : fdt_num_mem_rsv(host_fdt);
	for (i = 0; i < n; i++) {
		for (k = 0; k < nrsv; k++)
			if (mp_overlaps(dom0[i].base, dom0[i].size, rsv[k].base, rsv[k].size)) {
				*hit = rsv[k];
				return (int)i;
			}
		/* dt_unreserved_regions(): /memreserve/ stays out of Xen's heap too */
		for (k = 0; k < nm; k++) {
			uint64_t a, sz;

			if (!fdt_get_mem_rsv(host_fdt, k, &a, &sz) && sz &&
			    mp_overlaps(dom0[i].base, dom0[i].size, a, sz)) {
				*hit = (struct mp_range){ a, sz };
				return (int)i;
			}
		}
	}
	return -1;
}

/* the /chosen module of Xen's multiboot binding with compatible @kind, or < 0 */
static int xen_module(const void *fdt, int chosen, const char *kind)
{
	int node;

	fdt_for_each_subnode(node, fdt, chosen)
		if (!fdt_node_check_compatible(fdt, node, kind))
			return node;
	return -FDT_ERR_NOTFOUND;
}

/* the size of a module's reg (the chosen node's cells); 0 when unreadable */
static mp_u64 module_size(const void *fdt, int chosen, int node)
{
	struct mp_range r;
	unsigned int ac, sc;

	mp_dt_cells(fdt, chosen, &ac, &sc);
	return node >= 0 && ho_read_pairs(fdt, node, "reg", ac, sc, &r, 1) == 1 ? r.size : 0;
}

/*
 * place_modules() (xen/arch/arm/kernel.c): the DT and the initrd, each
 * rounded up to 2 MiB, at bank 0 + 128 MiB when the kernel ends below that
 * (memplan assumes it does: an Image under 128 MiB), else at the end of
 * bank 0; the kernel itself at bank 0's start (text_offset 0 since 3.17)
 */
static void place_modules(const struct mp_range *bank0, mp_u64 dtb_size, mp_u64 initrd_size,
			  struct mp_xen_modules *m)
{
	mp_u64 modsize = mp_round_up(dtb_size, SZ_2M) + mp_round_up(initrd_size, SZ_2M);

	mp_memset(m, 0, sizeof(*m));
	if (modsize < dtb_size || bank0->base > ~0ULL - bank0->size ||
	    bank0->size < SZ_128M || bank0->size - SZ_128M < modsize)
		return;
	m->placed = true;
	m->kernel_base = bank0->base;
	m->dtb_base = bank0->base + SZ_128M;
	m->initrd_base = m->dtb_base + mp_round_up(dtb_size, SZ_2M);
	m->initrd_size = initrd_size;
}

static int set_u64(void *fdt, int node, const char *name, mp_u64 v)
{
	fdt64_t be = cpu_to_fdt64(v);

	return fdt_setprop(fdt, node, name, &be, sizeof(be));
}

/*
 * write_properties() on /chosen: bootargs from xen,dom0-bootargs, else the
 * kernel module's, else the host's; no Xen or EFI properties, no
 * stdout-path; linux,initrd-* where place_modules() put the ramdisk; the
 * module nodes are skipped (handle_node(): "multiboot,module")
 */
static int write_chosen(void *fdt, const char *bootargs, const struct mp_xen_modules *m)
{
	static const char *const drop[] = {
		"xen,xen-bootargs", "xen,dom0-bootargs", "linux,initrd-start", "linux,initrd-end",
		"stdout-path", "linux,uefi-system-table", "linux,uefi-mmap-start",
		"linux,uefi-mmap-size", "linux,uefi-mmap-desc-size", "linux,uefi-mmap-desc-ver",
	};
	int chosen = fdt_path_offset(fdt, "/chosen"), node, ret = 0;
	size_t i;

	if (chosen < 0)
		return 0;
	for (;;) {
		bool found = false;

		fdt_for_each_subnode(node, fdt, chosen)
			if (mp_dt_xen_module(fdt, node)) {
				found = true;
				break;
			}
		if (!found)
			break;
		fdt_del_node(fdt, node);
	}
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		fdt_delprop(fdt, chosen, drop[i]);
	if (bootargs)
		ret = fdt_setprop_string(fdt, chosen, "bootargs", bootargs);
	else
		fdt_delprop(fdt, chosen, "bootargs");
	if (!ret && m->placed && m->initrd_size) {
		ret = set_u64(fdt, chosen, "linux,initrd-start", m->initrd_base);
		if (!ret)
			ret = set_u64(fdt, chosen, "linux,initrd-end", m->initrd_base + m->initrd_size);
	}
	return ret;
}

/* write_properties()'s choice of dom0's command line; NULL: none */
static const char *xen_bootargs(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), kernel;
	const char *s;

	if (chosen < 0)
		return NULL;
	s = fdt_getprop(fdt, chosen, "xen,dom0-bootargs", NULL);
	if (s)
		return s;
	kernel = xen_module(fdt, chosen, "multiboot,kernel");
	s = kernel >= 0 ? fdt_getprop(fdt, kernel, "bootargs", NULL) : NULL;
	if (s && *s)
		return s;
	return fdt_getprop(fdt, chosen, "bootargs", NULL);
}

/* make_memory_node(): "memory@<first range>" with @mem as reg (root cells) */
static int add_memory(void *fdt, const struct mp_range *mem, size_t n, struct mp_arena *arena)
{
	unsigned int ac, sc;
	char name[32];
	int node, ret;

	if (!n)
		return 0;
	mp_dt_cells(fdt, 0, &ac, &sc);
	mp_snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)mem[0].base);
	node = fdt_add_subnode(fdt, 0, name);
	ret = node < 0 ? node : fdt_setprop_string(fdt, node, "device_type", "memory");
	return ret ? ret : ho_set_pairs(fdt, node, "reg", mem, n, ac, sc, arena);
}

int mp_ho_build_dom0(const struct mp_plan *host, const void *host_fdt, const struct mp_range *dom0,
		     size_t n, const char *bootargs, enum mp_xen_build build,
		     struct mp_arena *arena, struct mp_ho_findings *fi,
		     struct mp_xen_modules *mods, struct mp_ho_result *res)
{
	struct mp_range *rsv = mp_arena_alloc(arena, (XEN_NR_MEM_BANKS + MAX_LEGACY + n) *
						     sizeof(*rsv), 0);
	int chosen = fdt_path_offset(host_fdt, "/chosen"), nrsv = 0, node, ret;
	struct mp_xen_modules m;
	size_t nmem;
	void *fdt;

	mp_memset(res, 0, sizeof(*res));
	fdt = ho_open_copy(host_fdt, 16384 + host->nr_rmem * 64 + (bootargs ? mp_strlen(bootargs) : 0),
			   arena);
	if (!fdt || !rsv || !n)
		return ho_failed(res, MP_HO_OPEN, 0, NULL);
	if (build != MP_XEN_LEGACY) {
		nrsv = xen_reserved(host_fdt, build, rsv);
		if (nrsv < 0) {
			ho_add(fi, MP_HO_XEN_TOO_MANY, NULL, 0, XEN_NR_MEM_BANKS, NULL);
			return ho_failed(res, MP_HO_BUILD, 0, NULL);
		}
	}
	drop_memory_nodes(fdt);
	/* prepare_dtb_hwdom(): dom0's DT starts with an empty reserve map */
	while (build != MP_XEN_LEGACY && fdt_num_mem_rsv(fdt) > 0)
		fdt_del_mem_rsv(fdt, 0);
	if (build == MP_XEN_LEGACY) {
		/* one memory node: dom0's RAM and the host's reserved ranges */
		mp_memcpy(rsv, dom0, n * sizeof(*rsv));
		nmem = n + host_reserved(host, rsv + n, MAX_LEGACY);
		sort_ranges(rsv, nmem);
		node = fdt_path_offset(fdt, "/reserved-memory");
		if (node >= 0)
			fdt_del_node(fdt, node);
		ret = add_memory(fdt, rsv, nmem, arena);
		if (!ret && bootargs) {
			node = fdt_path_offset(fdt, "/chosen");
			if (node == -FDT_ERR_NOTFOUND)
				node = fdt_add_subnode(fdt, 0, "chosen");
			ret = node < 0 ? node : fdt_setprop_string(fdt, node, "bootargs", bootargs);
		}
		if (mods)
			mp_memset(mods, 0, sizeof(*mods));
		return ho_finish(res, fdt, ret);
	}
	/* the DT's final size is Xen's, not ours: both stay below 2 MiB */
	place_modules(&dom0[0], fdt_totalsize(host_fdt),
		      chosen < 0 ? 0 : module_size(host_fdt, chosen,
						   xen_module(host_fdt, chosen, "multiboot,ramdisk")),
		      &m);
	ret = write_chosen(fdt, bootargs ? bootargs : xen_bootargs(host_fdt), &m);
	/* fdt_add_subnode() puts a node first: the bank node ends up first, as Xen writes it */
	if (!ret)
		ret = add_memory(fdt, rsv, (size_t)nrsv, arena);
	if (!ret)
		ret = add_memory(fdt, dom0, n, arena);
	if (mods)
		*mods = m;
	return ho_finish(res, fdt, ret);
}

/* pin the dynamic regions dom0 cannot allocate at the host plan's address */
static int pin_unreachable(const struct mp_plan *host, void *fdt, const struct mp_range *mem,
			   size_t n, struct mp_arena *arena, struct mp_ho_findings *fi,
			   struct mp_ho_result *res)
{
	size_t i;
	int ret;

	for (i = 0; i < host->nr_rmem; i++) {
		const struct mp_rmem *r = &host->rmem[i];

		if (r->kind != MP_RMEM_DYNAMIC || r->status == MP_RMEM_DROPPED ||
		    ho_dynamic_lands_in(r, mem, n))
			continue;
		if (r->status != MP_RMEM_RESERVED) {
			if (ho_add(fi, MP_HO_LEFT_DYNAMIC, r, r->base, r->size, NULL))
				return -MP_ERR_NOSPACE;
			continue;
		}
		ret = ho_pin_region(fdt, r->path, r->base, r->size, arena);
		if (ret)
			return ho_failed(res, MP_HO_PIN, ret, r->path);
		if (ho_add(fi, MP_HO_PINNED, r, r->base, r->size, NULL))
			return -MP_ERR_NOSPACE;
	}
	return 0;
}

int mp_ho_fix_xen_host(const struct mp_plan *host, const void *host_fdt, const struct mp_range *dom0,
		       size_t n, enum mp_xen_build build, struct mp_arena *arena,
		       struct mp_ho_findings *fi, struct mp_ho_result *res)
{
	struct mp_range *mem = mp_arena_alloc(arena, (XEN_NR_MEM_BANKS + n) * sizeof(*mem), 0);
	int nrsv, ret;
	size_t i;
	void *fdt;

	mp_memset(res, 0, sizeof(*res));
	fdt = ho_open_copy(host_fdt, 4096 + host->nr_rmem * 64, arena);
	if (!fdt || !mem)
		return ho_failed(res, MP_HO_OPEN, 0, NULL);
	/* before 4.19 Xen takes a disabled region's reg as reserved: take the node away */
	for (i = 0; build == MP_XEN_4_17 && i < host->nr_rmem; i++) {
		const struct mp_rmem *r = &host->rmem[i];
		int node;

		if (r->kind == MP_RMEM_MEMRESERVE || r->fdt_offset < 0 ||
		    mp_dt_available(host_fdt, r->fdt_offset))
			continue;
		node = fdt_path_offset(fdt, r->path);
		if (node < 0 || fdt_del_node(fdt, node))
			return ho_failed(res, MP_HO_BUILD, node, r->path);
		if (ho_add(fi, MP_HO_HOST_DROPPED, r, 0, 0, NULL))
			return ho_failed(res, MP_HO_OPEN, 0, NULL);
	}
	/* dom0's memory: its banks and the ranges Xen lists beside them */
	nrsv = xen_reserved(fdt, build, mem);
	if (nrsv < 0)
		return ho_failed(res, MP_HO_BUILD, 0, NULL);
	mp_memcpy(mem + nrsv, dom0, n * sizeof(*mem));
	ret = pin_unreachable(host, fdt, mem, (size_t)nrsv + n, arena, fi, res);
	if (ret)
		return ret == -1 ? -1 : ho_failed(res, MP_HO_OPEN, 0, NULL);
	return ho_finish(res, fdt, 0);
}
