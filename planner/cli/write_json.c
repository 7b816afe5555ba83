// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * write_json.c - the plan as JSON, schema "memplan-plan/1" (DESIGN.md §4).
 *
 * Addresses are "0x%016llx" strings, sizes "0x%llx" strings, never JSON
 * numbers; every "end" is inclusive.  Member order is fixed, so outputs
 * diff cleanly.  A tiny emitter of our own: the CLI needs no JSON library.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "writers.h"

#define JSON_MAX_DEPTH 16

struct json {
	FILE *f;
	int depth;
	bool has_member[JSON_MAX_DEPTH]; /* something written at this level */
};

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

static void put_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	fputc('"', f);
	while (*s) {
		const char *esc = json_escape(*s);
		int n;

		if (esc) {
			fputs(esc, f);
			s++;
			continue;
		}
		if (*s < 0x20 || *s == 0x7f) {
			fprintf(f, "\\u%04x", *s);
			s++;
			continue;
		}
		n = cli_utf8_len(s);
		if (!n) {
			/* not UTF-8: keep the byte visible as U+00XX */
			fprintf(f, "\\u%04x", *s);
			s++;
			continue;
		}
		fwrite(s, 1, (size_t)n, f);
		s += n;
	}
	fputc('"', f);
}

/* Separator, indentation and "key": before a value at the current level. */
static void member(struct json *j, const char *key)
{
	if (j->has_member[j->depth])
		fputc(',', j->f);
	j->has_member[j->depth] = true;
	if (j->depth) {
		fputc('\n', j->f);
		fprintf(j->f, "%*s", 2 * j->depth, "");
	}
	if (key) {
		put_string(j->f, key);
		fputs(": ", j->f);
	}
}

static void open_(struct json *j, const char *key, char c)
{
	member(j, key);
	fputc(c, j->f);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->has_member[j->depth] = false;
}

static void close_(struct json *j, char c)
{
	bool had = j->has_member[j->depth];

	if (j->depth)
		j->depth--;
	if (had) {
		fputc('\n', j->f);
		fprintf(j->f, "%*s", 2 * j->depth, "");
	}
	fputc(c, j->f);
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
		put_string(j->f, s);
	else
		fputs("null", j->f);
}

static void null(struct json *j, const char *key)
{
	member(j, key);
	fputs("null", j->f);
}

static void boolean(struct json *j, const char *key, bool v)
{
	member(j, key);
	fputs(v ? "true" : "false", j->f);
}

static void number(struct json *j, const char *key, unsigned long long v)
{
	member(j, key);
	fprintf(j->f, "%llu", v);
}

static void addr(struct json *j, const char *key, mp_u64 v)
{
	member(j, key);
	fprintf(j->f, "\"0x%016llx\"", (unsigned long long)v);
}

static void size(struct json *j, const char *key, mp_u64 v)
{
	member(j, key);
	fprintf(j->f, "\"0x%llx\"", (unsigned long long)v);
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

static void write_zones(struct json *j, const struct mp_plan *p)
{
	int z;

	obj(j, "zones");
	for (z = 0; z < MP_NR_ZONES; z++) {
		const struct mp_zone *zn = &p->zones[z];

		if (!zn->configured || zn->empty) {
			null(j, cli_zone_name(z));
			continue;
		}
		obj(j, cli_zone_name(z));
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
		bool has_addr = m->kind != MP_RMEM_DYNAMIC || m->status == MP_RMEM_RESERVED ||
				m->status == MP_RMEM_FREED;

		obj(j, NULL);
		str(j, "path", m->path);
		str(j, "name", m->name);
		str(j, "kind", cli_rmem_kind_name(m->kind));
		if (has_addr)
			addr(j, "base", m->base);
		else
			null(j, "base");
		size(j, "size", m->size);
		boolean(j, "no_map", m->no_map);
		boolean(j, "reusable", m->reusable);
		str(j, "compatible", m->compatible);
		str(j, "status", cli_rmem_status_name(m->status));
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
	str(j, "source", cli_cma_source_name(c->source));
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
	str(j, "status", cli_crash_status_name(c->status));
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
		addr(j, "end", cli_end(a->base, a->size));
		size(j, "size", a->size);
		str(j, "kind", cli_alloc_kind_name(a->kind));
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
		str(j, "severity", cli_severity_name(d->severity));
		str(j, "code", d->code);
		str(j, "message", d->message);
		if (d->path)
			str(j, "path", d->path);
		obj_end(j);
	}
	arr_end(j);
}

int cli_write_json(FILE *f, const struct mp_plan *p, const struct cli_render *r)
{
	struct json j = { .f = f };
	char src[64];
	size_t i;

	/* the .config path, else where the profile's facts came from */
	snprintf(src, sizeof(src), "%s:%s", p->kc.from_file ? "file" : "defaults",
		 mp_profile_name(p->profile));

	obj(&j, NULL);
	str(&j, "schema", "memplan-plan/1");
	str(&j, "profile", mp_profile_name(p->profile));
	str(&j, "cmdline", p->cmdline);
	str(&j, "kconfig_source", r && r->kconfig_source ? r->kconfig_source : src);
	write_memory(&j, p);
	write_zones(&j, p);
	addr(&j, "dma_limit", p->dma_phys_limit);
	write_rmem(&j, p);
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
	fputc('\n', f);
	return ferror(f) ? -1 : 0;
}

/* A JSON string literal with the writer's escaping, for other JSON outputs. */
void cli_json_put_string(FILE *f, const char *s)
{
	put_string(f, s);
}
