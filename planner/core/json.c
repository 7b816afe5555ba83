// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * json.c - the plan as JSON, schema "memplan-plan/1" (docs/design.md §4).
 *
 * Addresses are "0x%016llx" strings, sizes "0x%llx" strings, never JSON
 * numbers; every "end" is inclusive.  Member order is fixed, so outputs
 * diff cleanly.  Output goes through a caller-given sink (struct mp_sink):
 * the core does no I/O of its own and allocates nothing here.
 */
#include "memplan_consumers.h"
#include "internal.h"

#define JSON_MAX_DEPTH 16

struct json {
	const struct mp_sink *sink;
	int depth;
	bool has_member[JSON_MAX_DEPTH]; /* something written at this level */
};

static void out(const struct mp_sink *sink, const char *s, size_t len)
{
	if (len)
		sink->write(sink->ctx, s, len);
}

void mp_sink_puts(const struct mp_sink *sink, const char *s)
{
	out(sink, s, mp_strlen(s));
}

void mp_sink_printf(const struct mp_sink *sink, const char *fmt, ...)
{
	char buf[160]; /* a number, or one short object of early_mm.c */
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mp_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		out(sink, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

int mp_utf8_len(const unsigned char *s)
{
	unsigned int c = s[0], cp;
	int n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) /* also stops at the NUL */
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* The two-character escape of @c, or NULL. */
static const char *json_escape(unsigned char c)
{
	switch (c) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '\b': return "\\b";
	case '\f': return "\\f";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	default: return NULL;
	}
}

void mp_json_put_string(const struct mp_sink *sink, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	out(sink, "\"", 1);
	while (*s) {
		const char *esc = json_escape(*s);
		int n;

		if (esc) {
			mp_sink_puts(sink, esc);
			s++;
			continue;
		}
		if (*s < 0x20 || *s == 0x7f) {
			mp_sink_printf(sink, "\\u%04x", *s);
			s++;
			continue;
		}
		n = mp_utf8_len(s);
		if (!n) {
			/* not UTF-8: keep the byte visible as U+00XX */
			mp_sink_printf(sink, "\\u%04x", *s);
			s++;
			continue;
		}
		out(sink, (const char *)s, (size_t)n);
		s += n;
	}
	out(sink, "\"", 1);
}

static void indent(struct json *j)
{
	static const char spaces[] = "                                ";
	size_t n = 2 * (size_t)j->depth;

	out(j->sink, "\n", 1);
	while (n) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		out(j->sink, spaces, k);
		n -= k;
	}
}

/* Separator, indentation and "key": before a value at the current level. */
static void member(struct json *j, const char *key)
{
	if (j->has_member[j->depth])
		out(j->sink, ",", 1);
	j->has_member[j->depth] = true;
	if (j->depth)
		indent(j);
	if (key) {
		mp_json_put_string(j->sink, key);
		out(j->sink, ": ", 2);
	}
}

static void open_(struct json *j, const char *key, char c)
{
	member(j, key);
	out(j->sink, &c, 1);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->has_member[j->depth] = false;
}

static void close_(struct json *j, char c)
{
	bool had = j->has_member[j->depth];

	if (j->depth)
		j->depth--;
	if (had)
		indent(j);
	out(j->sink, &c, 1);
}

static void obj(struct json *j, const char *key)
{
	open_(j, key, '{');
}

static void obj_end(struct json *j)
{
	close_(j, '}');
}

static void arr(struct json *j, const char *key)
{
	open_(j, key, '[');
}

static void arr_end(struct json *j)
{
	close_(j, ']');
}

static void str(struct json *j, const char *key, const char *s)
{
	member(j, key);
	if (s)
		mp_json_put_string(j->sink, s);
	else
		mp_sink_puts(j->sink, "null");
}

static void null(struct json *j, const char *key)
{
	member(j, key);
	mp_sink_puts(j->sink, "null");
}

static void boolean(struct json *j, const char *key, bool v)
{
	member(j, key);
	mp_sink_puts(j->sink, v ? "true" : "false");
}

static void number(struct json *j, const char *key, mp_u64 v)
{
	member(j, key);
	mp_sink_printf(j->sink, "%llu", (unsigned long long)v);
}

static void addr(struct json *j, const char *key, mp_u64 v)
{
	member(j, key);
	mp_sink_printf(j->sink, "\"0x%016llx\"", (unsigned long long)v);
}

static void size(struct json *j, const char *key, mp_u64 v)
{
	member(j, key);
	mp_sink_printf(j->sink, "\"0x%llx\"", (unsigned long long)v);
}

/* {base, size} as the crash kernel's low/high and the memory banks use it. */
static void base_size(struct json *j, const char *key, mp_u64 base, mp_u64 sz)
{
	obj(j, key);
	addr(j, "base", base);
	size(j, "size", sz);
	obj_end(j);
}

static void write_memory(struct json *j, const struct mp_plan *p)
{
	size_t i;

	arr(j, "memory");
	for (i = 0; i < p->nr_banks; i++) {
		obj(j, NULL);
		addr(j, "base", p->banks[i].base);
		size(j, "size", p->banks[i].size);
		boolean(j, "nomap", p->banks[i].nomap);
		boolean(j, "hotplug", p->banks[i].hotplug);
		obj_end(j);
	}
	arr_end(j);
}

/* one input: its source and, where it has one, its value */
static void input(struct json *j, const char *key, enum mp_source src, bool has_value, mp_u64 v,
		  bool is_addr)
{
	obj(j, key);
	str(j, "source", mp_source_name(src));
	if (has_value && is_addr)
		addr(j, "value", v);
	else if (has_value)
		size(j, "value", v);
	obj_end(j);
}

/*
 * The IORT (--acpi-iort): its source and, when there is one, the limit
 * acpi_iort_dma_get_max_cpu_address() gives, the node it comes from, and a
 * count of the nodes by type
 */
static void write_iort(struct json *j, const struct mp_plan *p)
{
	const struct mp_iort *t = p->iort;
	int k;

	obj(j, "acpi_iort");
	str(j, "source", mp_source_name(p->inputs.acpi_iort));
	if (t) {
		addr(j, "dma_max", t->dma_max);
		number(j, "revision", t->revision);
		size(j, "length", t->length);
		str(j, "oem_id", t->oem_id);
		boolean(j, "checksum_ok", t->checksum_ok);
		number(j, "nodes", t->nr_nodes);
		obj(j, "node_types");
		for (k = 0; k < MP_IORT_NODE_TYPES; k++)
			number(j, mp_iort_node_type_name((enum mp_iort_node_type)k), t->by_type[k]);
		obj_end(j);
		if (t->has_limit_node) {
			obj(j, "limit_node");
			str(j, "type", mp_iort_node_type_name(t->limit_type));
			number(j, "index", t->limit_index);
			size(j, "offset", t->limit_offset);
			number(j, "bits", t->limit_bits);
			obj_end(j);
		} else {
			null(j, "limit_node");
		}
	}
	obj_end(j);
}

/* where every input came from (memplan_inputs.h): given, dt, file, default or assumed */
static void write_inputs(struct json *j, const struct mp_plan *p)
{
	const struct mp_inputs *s = &p->inputs;
	const struct mp_mem_assumption *a = p->mem_assumed;
	size_t i;
	int k;

	obj(j, "inputs");
	/*
	 * how the kernel was entered: "dt" (booted directly with a DT), "uefi"
	 * (the EFI stub, memory from the EFI memory map); acpi: tables used
	 */
	obj(j, "boot");
	str(j, "firmware", p->efi_boot ? "uefi" : "dt");
	boolean(j, "acpi", p->acpi_boot);
	/* the EFI stub's choice of the Image's place (efi.c mp_efi_kaslr()) */
	if (p->efi_boot) {
		const struct mp_efi_stub *st = &p->efi_stub;

		obj(j, "efi_stub");
		boolean(j, "kaslr", st->kaslr);
		boolean(j, "efi_rng", st->rng);
		size(j, "image_align", st->align);
		if (st->kaslr) {
			number(j, "slots", st->slots);
			addr(j, "stable_below", st->stable_below);
			number(j, "stable_slots", st->stable_slots);
			boolean(j, "image_above", st->image_above);
		}
		obj_end(j);
	}
	obj_end(j);
	obj(j, "memory");
	str(j, "source", mp_source_name(s->memory));
	if (a) {
		arr(j, "banks");
		for (i = 0; i < a->nr; i++)
			base_size(j, NULL, a->banks[i].base, a->banks[i].size);
		arr_end(j);
		str(j, "base_source", mp_source_name(a->base_src));
		str(j, "size_source", mp_source_name(a->size_src));
		if (a->base_from)
			str(j, "base_from", a->base_from);
		else
			null(j, "base_from");
		number(j, "static_reservations", a->nr_rsv);
		number(j, "static_reservations_outside", a->nr_rsv_outside);
	}
	obj_end(j);
	input(j, "image_base", s->image_base, true, p->image.text, true);
	input(j, "image_size", s->image_size, true, p->image.size, false);
	input(j, "image_layout", s->image_layout, false, 0, false);
	input(j, "dtb_base", s->dtb_base, true, p->fdt_base, true);
	input(j, "dtb_size", s->dtb_size, true, p->fdt_size, false);
	obj(j, "initrd");
	str(j, "source", mp_source_name(s->initrd));
	if (p->has_initrd) {
		addr(j, "start", p->initrd_start);
		addr(j, "end", mp_last_byte(p->initrd_start, p->initrd_end - p->initrd_start));
	}
	obj_end(j);
	input(j, "kconfig", s->kconfig, false, 0, false);
	input(j, "profile", s->profile, false, 0, false);
	input(j, "cmdline", s->cmdline, false, 0, false);
	obj(j, "cpu_va52");
	str(j, "source", mp_source_name(s->cpu_va52));
	boolean(j, "value", p->bits.va_bits_actual == 52);
	obj_end(j);
	/* memstart_addr as booted, and KASLR's shift of the linear map (plan.c) */
	obj(j, "phys_offset");
	str(j, "source", mp_source_name(s->phys_offset));
	addr(j, "value", p->memstart_addr);
	size(j, "linear_offset", p->linear_offset);
	obj_end(j);
	write_iort(j, p);
	/* the compatibles whose drivers ask for every memory-region (--rmem-caller) */
	arr(j, "rmem_callers");
	for (i = 0; i < p->nr_rmem_callers; i++)
		str(j, NULL, p->rmem_callers[i]);
	arr_end(j);
	/* the struct sizes the early allocations follow (kstruct.c) */
	obj(j, "kernel_structs");
	for (k = 0; k < MP_KS_COUNT; k++) {
		const struct mp_ksize *ks = &p->ksizes[k];

		obj(j, mp_kstruct_name((enum mp_kstruct)k));
		str(j, "source", mp_ksize_src_name(ks->src));
		if (ks->src == MP_KSIZE_UNUSED)
			null(j, "size");
		else
			number(j, "size", ks->bytes);
		obj_end(j);
	}
	obj_end(j);
	obj_end(j);
}

static void write_zones(struct json *j, const struct mp_plan *p)
{
	int z;

	obj(j, "zones");
	for (z = 0; z < MP_NR_ZONES; z++) {
		const struct mp_zone *zn = &p->zones[z];

		if (!zn->configured || zn->empty) {
			null(j, mp_zone_name(z));
			continue;
		}
		obj(j, mp_zone_name(z));
		addr(j, "start", zn->start);
		addr(j, "end", zn->end);
		obj_end(j);
	}
	obj_end(j);
}

static void write_rmem(struct json *j, const struct mp_plan *p)
{
	size_t i, k;

	arr(j, "reserved_memory");
	for (i = 0; i < p->nr_rmem; i++) {
		const struct mp_rmem *m = &p->rmem[i];
		/* a node the kernel skips was never read: null, as the man page says */
		bool has_addr = mp_rmem_placed(m);

		obj(j, NULL);
		str(j, "path", m->path);
		str(j, "name", m->name);
		str(j, "kind", mp_rmem_kind_name(m->kind));
		if (has_addr)
			addr(j, "base", m->base);
		else
			null(j, "base");
		size(j, "size", m->size);
		boolean(j, "no_map", m->no_map);
		boolean(j, "reusable", m->reusable);
		str(j, "compatible", m->compatible);
		str(j, "status", mp_rmem_status_name(m->status));
		str(j, "reason", m->reason);
		/* extras beyond the contract's list */
		boolean(j, "cma_default", m->cma_default);
		str(j, "init", m->init);
		if (m->kind == MP_RMEM_STATIC) {
			arr(j, "regs");
			for (k = 0; k < m->nr_regs; k++)
				base_size(j, NULL, m->regs[k].base, m->regs[k].size);
			arr_end(j);
		}
		if (m->kind == MP_RMEM_DYNAMIC) {
			size(j, "alignment", m->align);
			arr(j, "alloc_ranges");
			for (k = 0; k < m->nr_alloc_ranges; k++)
				base_size(j, NULL, m->alloc_ranges[k].base,
					  m->alloc_ranges[k].size);
			arr_end(j);
		}
		obj_end(j);
	}
	arr_end(j);
}

/* every memory-region phandle of every node: what its device gets (consumers.c) */
static void write_consumers(struct json *j, const struct mp_plan *p)
{
	size_t i;

	arr(j, "consumers");
	for (i = 0; i < p->nr_consumers; i++) {
		const struct mp_consumer *c = &p->consumers[i];

		obj(j, NULL);
		str(j, "node", c->node);
		str(j, "device", c->dev_name);
		number(j, "index", c->index);
		str(j, "name", c->name);
		str(j, "target", c->target);
		str(j, "region", c->region);
		boolean(j, "node_available", c->consumer_available);
		/*
		 * who calls of_reserved_mem_device_init_by_idx() for it first: of_dma_configure()
		 * (the generic restricted pool), the node's driver (an rmem caller), or
		 * none memplan knows of; driver_calls: the driver calls it (too)
		 */
		str(j, "caller", c->generic ? "of_dma_configure" : c->driver ? "driver" : "none");
		boolean(j, "driver_calls", c->driver);
		str(j, "outcome", mp_consumer_outcome_name(c->outcome));
		boolean(j, "plain_carveout", c->plain);
		number(j, "errno", (mp_u64)(c->err < 0 ? -c->err : c->err));
		str(j, "why", c->why);
		obj_end(j);
	}
	arr_end(j);
}

static void write_cma(struct json *j, const struct mp_plan *p)
{
	const struct mp_cma *c = &p->cma;

	if (!c->present) {
		null(j, "cma");
		return;
	}
	obj(j, "cma");
	if (c->failed)
		null(j, "base");
	else
		addr(j, "base", c->base);
	size(j, "size", c->size);
	str(j, "source", mp_cma_source_name(c->source));
	str(j, "status", c->failed ? "failed" : "reserved");
	size(j, "requested", c->requested);
	obj_end(j);
}

static void write_crash(struct json *j, const struct mp_plan *p)
{
	const struct mp_crash *c = &p->crash;
	bool placed = c->status == MP_CRASH_RESERVED;

	obj(j, "crashkernel");
	str(j, "request", c->request);
	boolean(j, "deferred", c->deferred);
	str(j, "deferred_reason", c->deferred_reason);
	if (placed && c->low_present)
		base_size(j, "low", c->low_base, c->low_size);
	else
		null(j, "low");
	if (placed && c->high_present)
		base_size(j, "high", c->high_base, c->high_size);
	else
		null(j, "high");
	str(j, "status", mp_crash_status_name(c->status));
	str(j, "reason", c->reason);
	boolean(j, "uncertain", c->uncertain);
	obj_end(j);
}

static void write_linmap(struct json *j, const struct mp_plan *p)
{
	const struct mp_linmap *l = &p->linmap;
	size_t i;

	obj(j, "linear_map");
	size(j, "granule", l->granule);
	boolean(j, "forced_pte", l->forced_pte);
	str(j, "forced_reason", l->forced_reason);
	arr(j, "ranges");
	for (i = 0; i < l->nr_ranges; i++) {
		obj(j, NULL);
		addr(j, "start", l->ranges[i].start);
		addr(j, "end", l->ranges[i].end);
		str(j, "mapping", mp_map_level_name(l->ranges[i].level));
		obj_end(j);
	}
	arr_end(j);
	number(j, "table_pages", l->table_pages);
	/* extra beyond the contract: arch_kexec_protect_crashkres() unmaps the crash region */
	boolean(j, "crash_protected", l->crash_protected);
	obj_end(j);
}

static void write_allocs(struct json *j, const struct mp_plan *p)
{
	size_t i;

	arr(j, "allocations");
	for (i = 0; i < p->nr_allocs; i++) {
		const struct mp_alloc *a = &p->allocs[i];

		obj(j, NULL);
		addr(j, "base", a->base);
		addr(j, "end", mp_last_byte(a->base, a->size));
		size(j, "size", a->size);
		str(j, "kind", mp_alloc_kind_name(a->kind));
		str(j, "what", a->what);
		boolean(j, "estimated", a->estimated);
		obj_end(j);
	}
	arr_end(j);
}

static void write_diags(struct json *j, const struct mp_plan *p)
{
	size_t i;

	arr(j, "diagnostics");
	for (i = 0; i < p->nr_diags; i++) {
		const struct mp_diag *d = &p->diags[i];

		obj(j, NULL);
		str(j, "severity", mp_severity_name(d->severity));
		str(j, "code", d->code);
		str(j, "message", d->message);
		if (d->path)
			str(j, "path", d->path);
		boolean(j, "assumed", d->assumed);
		obj_end(j);
	}
	arr_end(j);
}

void mp_write_json(const struct mp_plan *p, const char *kconfig_source,
		   const struct mp_sink *sink)
{
	struct json j = { .sink = sink };
	char src[64];
	size_t i;

	/* without a named source: whether the facts came from a .config, and for which profile */
	mp_snprintf(src, sizeof(src), "%s:%s", p->kc.from_file ? "file" : "defaults",
		    mp_profile_name(p->profile));

	obj(&j, NULL);
	str(&j, "schema", "memplan-plan/1");
	str(&j, "profile", mp_profile_name(p->profile));
	str(&j, "cmdline", p->cmdline);
	str(&j, "kconfig_source", kconfig_source ? kconfig_source : src);
	write_inputs(&j, p);
	write_memory(&j, p);
	write_zones(&j, p);
	addr(&j, "dma_limit", p->dma_phys_limit);
	write_rmem(&j, p);
	write_consumers(&j, p);
	write_cma(&j, p);
	write_crash(&j, p);
	write_linmap(&j, p);
	write_allocs(&j, p);
	write_diags(&j, p);
	arr(&j, "kernel_log");
	for (i = 0; i < p->nr_log; i++)
		str(&j, NULL, p->log[i]);
	arr_end(&j);
	obj_end(&j);
	out(sink, "\n", 1);
}
