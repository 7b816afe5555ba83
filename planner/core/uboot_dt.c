// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * uboot_dt.c - the board DT as U-Boot 2023.01 reads it before `booti`, and
 * the edits image_setup_libfdt() makes to the copy the kernel receives
 * (docs/kernel-model.md §16.3).  Our own code after U-Boot's
 * lib/fdtdec.c, boot/image-fdt.c and common/fdt_support.c (v2023.01); the
 * edits go through libfdt in U-Boot's order so that the bytes come out as
 * U-Boot's.
 */
#include "internal.h"
#include "uboot_dt.h"

/* boot/image-fdt.c: FDT_RAMDISK_OVERHEAD, room for the initrd properties */
#define UB_RAMDISK_OVERHEAD 0x80
/* fdt_shrink_to_minimum(): the end of the DT on a page boundary */
#define UB_PAGE 0x1000

/* fdtdec_get_number(): up to two cells, more are folded as U-Boot folds them */
static mp_u64 cells(const fdt32_t *p, int n)
{
	mp_u64 v = 0;

	while (n-- > 0)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

/* fdtdec_get_is_enabled(): no status, or exactly "okay" */
static bool enabled(const void *fdt, int node)
{
	int len;
	const char *s = fdt_getprop(fdt, node, "status", &len);

	return !s || (len == 5 && !mp_memcmp(s, "okay", 5));
}

/*
 * fdt_get_resource(node, "reg", index): the parent's cells; 1 and the
 * resource, 0 when there is no such entry, -1 for cells libfdt refuses
 */
static int resource(const void *fdt, int node, int index, mp_u64 *base, mp_u64 *size)
{
	int parent = fdt_parent_offset(fdt, node), na, ns, len, i;
	const fdt32_t *p;

	if (parent < 0)
		return -1;
	na = fdt_address_cells(fdt, parent);
	ns = fdt_size_cells(fdt, parent);
	if (na < 1 || na > 2 || ns < 0 || ns > 2)
		return -1;
	p = fdt_getprop(fdt, node, "reg", &len);
	if (!p)
		return 0;
	for (i = 0; (size_t)(i + 1) * (size_t)(na + ns) * 4 <= (size_t)len; i++) {
		if (i == index) {
			*base = cells(p + (size_t)i * (na + ns), na);
			*size = cells(p + (size_t)i * (na + ns) + na, ns);
			return 1;
		}
	}
	return 0;
}

static bool is_memory(const void *fdt, int node)
{
	int len;
	const char *t = fdt_getprop(fdt, node, "device_type", &len);

	return t && len == 7 && !mp_memcmp(t, "memory", 7);
}

static int read_memory(const void *fdt, struct mp_ub_dt *dt)
{
	int node, i, r;
	mp_u64 b, s;

	/* get_next_memory_node(): device_type = "memory", enabled, in DT order */
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		if (!is_memory(fdt, node) || !enabled(fdt, node))
			continue;
		for (i = 0; (r = resource(fdt, node, i, &b, &s)) > 0; i++) {
			if (!dt->has_ram) {
				/* fdtdec_setup_mem_size_base(): the first reg */
				dt->ram_base = b;
				dt->ram_size = s;
				dt->has_ram = true;
			}
			dt->nr_mem_regs++;
		}
		if (r < 0)
			return -MP_ERR_BADDTB;
	}
	return 0;
}

static void add_resv(struct mp_ub_dt *dt, mp_u64 base, mp_u64 size, bool nomap, bool memreserve,
		     const char *name)
{
	if (dt->nr_resv == MP_UB_MAX_REGIONS) {
		dt->resv_truncated = true;
		return;
	}
	dt->resv[dt->nr_resv++] = (struct mp_ub_resv){ base, size, nomap, memreserve, name };
}

int mp_ub_dt_read(const void *fdt, struct mp_ub_dt *dt)
{
	int i, n, rm, node, r;
	mp_u64 b, s;

	mp_memset(dt, 0, sizeof(*dt));
	if (read_memory(fdt, dt))
		return -MP_ERR_BADDTB;
	/* boot_fdt_add_mem_rsv_regions(): every /memreserve/ ... */
	n = fdt_num_mem_rsv(fdt);
	for (i = 0; i < n; i++) {
		uint64_t a, sz;

		if (!fdt_get_mem_rsv(fdt, i, &a, &sz))
			add_resv(dt, a, sz, false, true, "/memreserve/");
	}
	/* ... then each enabled /reserved-memory child with a reg (its first entry) */
	rm = fdt_subnode_offset(fdt, 0, "reserved-memory");
	if (rm < 0)
		return 0;
	fdt_for_each_subnode(node, fdt, rm) {
		r = resource(fdt, node, 0, &b, &s);
		if (r < 0)
			return -MP_ERR_BADDTB;
		if (r && enabled(fdt, node))
			add_resv(dt, b, s, fdt_getprop(fdt, node, "no-map", NULL) != NULL, false,
				 fdt_get_name(fdt, node, NULL));
	}
	return 0;
}

/* fdt_setprop_uxx(): 64-bit cells when the root's #address-cells is 2 */
static int setprop_uxx(void *fdt, int node, const char *name, mp_u64 v, bool is_u64)
{
	return is_u64 ? fdt_setprop_u64(fdt, node, name, v) :
			fdt_setprop_u32(fdt, node, name, (uint32_t)v);
}

static int setstr(void *fdt, int node, const char *name, const char *s)
{
	return fdt_setprop(fdt, node, name, s, (int)mp_strlen(s) + 1);
}

/* fdt_chosen(): bootargs from the environment, then u-boot,version */
static int chosen(void *fdt, const struct mp_ub_edit *e)
{
	int node = fdt_subnode_offset(fdt, 0, "chosen");

	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(fdt, 0, "chosen");
	if (node < 0)
		return node;
	if (e->bootargs) {
		int err = setstr(fdt, node, "bootargs", e->bootargs);

		if (err < 0)
			return err;
	}
	return e->version ? setstr(fdt, node, "u-boot,version", e->version) : 0;
}

/* arch_fixup_fdt() -> fdt_fixup_memory_banks(): /memory gets bd's one bank */
static int memory_banks(void *fdt, const struct mp_ub_edit *e)
{
	int node = fdt_subnode_offset(fdt, 0, "memory"), na, ns, err;
	uint8_t reg[16], *p = reg;

	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(fdt, 0, "memory");
	if (node < 0)
		return node;
	err = setstr(fdt, node, "device_type", "memory");
	if (err < 0 || (!e->bank_base && !e->bank_size))
		return err;
	/* fdt_pack_reg(): the root's cells, 64-bit when 2 */
	na = fdt_address_cells(fdt, 0);
	ns = fdt_size_cells(fdt, 0);
	if (na == 2) {
		fdt64_st(p, e->bank_base);
		p += 8;
	} else {
		fdt32_st(p, (uint32_t)e->bank_base);
		p += 4;
	}
	if (ns == 2) {
		fdt64_st(p, e->bank_size);
		p += 8;
	} else {
		fdt32_st(p, (uint32_t)e->bank_size);
		p += 4;
	}
	return fdt_setprop(fdt, node, "reg", reg, (int)(p - reg));
}

/* fdt_shrink_to_minimum(blob, 0): totalsize up to the next page boundary */
static int shrink(void *fdt, mp_u64 addr)
{
	int i, n = fdt_num_mem_rsv(fdt), self = 0, err;
	uint64_t a, s;
	mp_u64 actual, off = addr & (UB_PAGE - 1);

	for (i = 0; i < n; i++) {
		if (!fdt_get_mem_rsv(fdt, i, &a, &s) && a == addr) {
			fdt_del_mem_rsv(fdt, i);
			self = 1;
			break;
		}
	}
	/* strings end, plus five reservation entries */
	actual = (mp_u64)fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt) +
		 5 * sizeof(struct fdt_reserve_entry);
	actual = mp_round_up(actual + off, UB_PAGE) - off;
	fdt_set_totalsize(fdt, (uint32_t)actual);
	if (self) {
		err = fdt_add_mem_rsv(fdt, addr, actual);
		if (err < 0)
			return err;
	}
	return (int)actual;
}

/* fdt_initrd(): replace a /memreserve/ at the initrd's start, then the two properties */
static int initrd(void *fdt, const struct mp_ub_edit *e)
{
	int node, i, n, err;
	uint64_t a, s;
	bool is_u64;

	if (e->initrd_start == e->initrd_end)
		return 0;
	node = fdt_subnode_offset(fdt, 0, "chosen");
	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(fdt, 0, "chosen");
	if (node < 0)
		return node;
	n = fdt_num_mem_rsv(fdt);
	for (i = 0; i < n; i++) {
		fdt_get_mem_rsv(fdt, i, &a, &s);
		if (a == e->initrd_start) {
			fdt_del_mem_rsv(fdt, i);
			break;
		}
	}
	err = fdt_add_mem_rsv(fdt, e->initrd_start, e->initrd_end - e->initrd_start);
	if (err < 0)
		return err;
	is_u64 = fdt_address_cells(fdt, 0) == 2;
	err = setprop_uxx(fdt, node, "linux,initrd-start", e->initrd_start, is_u64);
	if (err < 0)
		return err;
	return setprop_uxx(fdt, node, "linux,initrd-end", e->initrd_end, is_u64);
}

/* the copy boot_relocate_fdt() makes (or the DT in place, grown by the pad) */
static int copy_in(const void *fdt, const struct mp_ub_edit *e, struct mp_arena *arena,
		   void **out)
{
	void *buf;

	if (e->of_len > (1u << 30) || e->of_len < fdt_totalsize(fdt))
		return -MP_ERR_BADDTB;
	buf = mp_arena_alloc(arena, (size_t)e->of_len, 8);
	if (!buf)
		return -MP_ERR_NOSPACE;
	if (e->in_place) {
		/* "We assume there is space after the existing fdt to use for padding" */
		mp_memcpy(buf, fdt, fdt_totalsize(fdt));
		fdt_set_totalsize(buf, (uint32_t)e->of_len);
	} else if (fdt_open_into(fdt, buf, (int)e->of_len)) {
		return -MP_ERR_BADDTB;
	}
	*out = buf;
	return 0;
}

int mp_ub_dt_edit(const void *fdt, const struct mp_ub_edit *e, struct mp_arena *arena,
		  void **out, const char **why)
{
	void *blob;
	int err, size;

	*out = NULL;
	*why = "fdt move failed";
	err = copy_in(fdt, e, arena, &blob);
	if (err)
		return err;
	/* fdt_root(): serial-number from serial# */
	*why = "root node setup failed";
	if (e->serial && setstr(blob, 0, "serial-number", e->serial) < 0)
		return -MP_ERR_BADDTB;
	*why = "/chosen node create failed";
	if (chosen(blob, e) < 0)
		return -MP_ERR_BADDTB;
	*why = "arch-specific fdt fixup failed";
	if (memory_banks(blob, e) < 0)
		return -MP_ERR_BADDTB;
	*why = "fdt_shrink_to_minimum failed";
	size = shrink(blob, e->fdt_addr);
	if (size < 0)
		return -MP_ERR_BADDTB;
	if (e->has_initrd && e->initrd_start && e->initrd_end)
		fdt_set_totalsize(blob, (uint32_t)size + UB_RAMDISK_OVERHEAD);
	*why = "fdt_initrd failed";
	if (e->has_initrd && initrd(blob, e) < 0)
		return -MP_ERR_BADDTB;
	*why = NULL;
	*out = blob;
	return 0;
}
