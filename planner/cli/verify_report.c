// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_report.c - `memplan verify`: the result as a text report for people and
 * as JSON ("memplan-verify/1") for scripts.
 */
#include <stdio.h>

#include "verify_internal.h"

static const char *op_mark(enum verify_op op)
{
	return op == VOP_MATCH ? "=" : op == VOP_MISSING ? "-" : "+";
}

static const char *kplan_status(enum verify_mstatus st)
{
	return st == VM_MATCH ? "MATCH" : "MISMATCH";
}

static size_t count_ok(const struct verify_range *v, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += v[i].op == VOP_MATCH;
	return k;
}

/* "; WHAT M of N[UNIT]" of the summary line, when the check was made */
static void summary_count(FILE *f, bool checked, const char *what, const char *unit,
			  const struct verify_range *v, size_t n)
{
	if (checked)
		fprintf(f, "; %s %zu of %zu%s", what, count_ok(v, n), n, unit);
}

static void write_map_ranges(FILE *f, const char *title, const struct verify_range *v,
			     size_t n)
{
	size_t i;

	fprintf(f, "\n%s\n", title);
	for (i = 0; i < n; i++)
		fprintf(f, "  %s 0x%016llx-0x%016llx %s\n", op_mark(v[i].op),
			(unsigned long long)v[i].start, (unsigned long long)v[i].end, v[i].what);
}

/* "reserve 0x...-0x... [N x SIZE]" of one memblock call or run */
static void put_call(FILE *f, bool free, mp_u64 base, mp_u64 size, mp_u64 count)
{
	fprintf(f, "%s 0x%016llx-0x%016llx", free ? "free   " : "reserve",
		(unsigned long long)base, (unsigned long long)(base + size - 1));
	if (count > 1)
		fprintf(f, " %llu x 0x%llx", (unsigned long long)count,
			(unsigned long long)(size / count));
}

/* a list of planned and present things: "= start-end what (where)" lines */
static void write_found(FILE *f, const char *title, const struct verify_range *v, size_t n)
{
	size_t i;

	fprintf(f, "\n%s\n", title);
	for (i = 0; i < n; i++)
		fprintf(f, "  %s 0x%016llx-0x%016llx %s (%s)\n", op_mark(v[i].op),
			(unsigned long long)v[i].start, (unsigned long long)v[i].end, v[i].what,
			v[i].where);
	if (!n)
		fprintf(f, "  none planned, none present\n");
}

static void write_mblog(FILE *f, const struct verify_result *r)
{
	size_t i;

	fprintf(f, "\nmemblock calls of the plan vs the log's (memblock=debug), in order "
		   "(= same, ! differs; runs of one-size calls top-down folded)\n");
	for (i = 0; i < r->nr_mblog; i++) {
		const struct verify_mbcall *c = &r->mblog[i];

		fprintf(f, "  %s ", c->op == VOP_MATCH ? "=" : "!");
		put_call(f, c->free, c->base, c->size, c->count);
		fprintf(f, "  %s", c->what);
		if (c->op == VOP_MATCH) {
			fprintf(f, " (%s)\n", c->got.caller);
		} else if (c->has_got) {
			fputs("\n      logged: ", f);
			put_call(f, c->got.free, c->got.base, c->got.size, c->got.count);
			fprintf(f, "  %s\n", c->got.caller);
		} else {
			fputs("\n      logged: nothing more\n", f);
		}
	}
	if (r->mblog_uncompared)
		fprintf(f, "  (%zu more calls of the plan not compared past the first "
			   "difference)\n", r->mblog_uncompared);
}

void verify_write_text(FILE *f, const struct verify_result *r, const char *source)
{
	size_t i, total = r->matched + r->missing + r->unexpected;

	fprintf(f, "memplan verify: %s\n", source);
	for (i = 0; i < r->nr_derived; i++)
		fprintf(f, "  derived %s\n", r->derived[i]);
	fprintf(f, "\nKernel log (= matched, - predicted but not printed, + printed but not "
		   "predicted)\n");
	for (i = 0; i < r->nr_lines; i++)
		fprintf(f, "  %s %-11s %s\n", op_mark(r->lines[i].op),
			verify_family_name(r->lines[i].family), r->lines[i].text);
	if (!r->nr_lines)
		fprintf(f, "  (no line of the kernel_log families, predicted or printed)\n");
	if (r->crash_checked)
		write_found(f, "Crash kernel in /proc/iomem (= matched, - planned but absent, "
			       "+ present but not planned)", r->crash, r->nr_crash);
	if (r->claims_checked) {
		fprintf(f, "\nExact allocations of the plan reserved in the real boot "
			   "(= covered, - not covered)\n");
		for (i = 0; i < r->nr_claims; i++) {
			const struct verify_range *c = &r->claims[i];

			fprintf(f, "  %s 0x%016llx-0x%016llx %-26s %s", op_mark(c->op),
				(unsigned long long)c->start, (unsigned long long)c->end,
				c->what ? c->what : "?", c->where);
			if (c->op != VOP_MATCH)
				fprintf(f, ": not covered from 0x%016llx",
					(unsigned long long)c->first_gap);
			fputc('\n', f);
		}
	}
	if (r->pools_checked)
		write_found(f, "Restricted DMA pools set up at probe vs swiotlb-pools (= same name "
			       "and io_tlb_nslabs, - planned only, + real only)", r->pools,
			    r->nr_pools);
	if (r->mblog_checked)
		write_mblog(f, r);
	if (r->linmap_checked)
		write_map_ranges(f, "Linear map vs kernel_page_tables (= same range and level, "
				    "- planned only, + real only)", r->linmap, r->nr_linmap);
	if (r->loaded_checked)
		write_map_ranges(f, "Linear map with the capture kernel loaded vs "
				    "kernel_page_tables.loaded", r->loaded, r->nr_loaded);
	if (r->kplan_checked) {
		fprintf(f, "\nThe kernel's early decisions (early_mm.json, shrunk: "
			   "early_mm.shrunk.json, loaded: early_mm.loaded.json) vs this plan, "
			   "member by member\n");
		for (i = 0; i < r->nr_kplan; i++) {
			const struct verify_member *m = &r->kplan[i];

			fprintf(f, "  %-8s  %s", kplan_status(m->status), m->name);
			if (m->detail)
				fprintf(f, "  (%s)", m->detail);
			fputc('\n', f);
		}
	}
	fprintf(f, "\nsummary: %zu of %zu lines matched (%zu missing, %zu unexpected)", r->matched,
		total, r->missing, r->unexpected);
	summary_count(f, r->crash_checked, "crash kernel ranges", "", r->crash, r->nr_crash);
	summary_count(f, r->claims_checked, "allocations", " reserved", r->claims, r->nr_claims);
	summary_count(f, r->pools_checked, "restricted DMA pools", "", r->pools, r->nr_pools);
	if (r->mblog_checked) {
		size_t same = 0;

		for (i = 0; i < r->nr_mblog; i++)
			same += r->mblog[i].op == VOP_MATCH;
		fprintf(f, "; memblock calls %zu of %zu", same, r->nr_mblog + r->mblog_uncompared);
	}
	summary_count(f, r->linmap_checked, "linear map", " ranges", r->linmap, r->nr_linmap);
	summary_count(f, r->loaded_checked, "loaded", " ranges", r->loaded, r->nr_loaded);
	if (r->kplan_checked) {
		size_t same = 0, compared = 0;

		for (i = 0; i < r->nr_kplan; i++) {
			compared++;
			same += r->kplan[i].status == VM_MATCH;
		}
		fprintf(f, "; kernel decisions %zu of %zu members", same, compared);
	}
	fprintf(f, ": %s\n", verify_ok(r) ? "MATCH" : "MISMATCH");
}

static void json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	fputc('"', f);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static const char *op_name(enum verify_op op)
{
	return op == VOP_MATCH ? "matched" : op == VOP_MISSING ? "missing" : "unexpected";
}

static void json_ranges(FILE *f, const char *key, const struct verify_range *v, size_t n)
{
	size_t i;

	fprintf(f, ",\n  \"%s\": [", key);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s\n    {\"status\": \"%s\", \"start\": \"0x%016llx\", \"end\": "
			   "\"0x%016llx\", \"what\": ",
			i ? "," : "", op_name(v[i].op), (unsigned long long)v[i].start,
			(unsigned long long)v[i].end);
		json_str(f, v[i].what);
		fputs(", \"where\": ", f);
		json_str(f, v[i].where);
		if (v[i].op != VOP_MATCH && v[i].first_gap)
			fprintf(f, ", \"first_gap\": \"0x%016llx\"",
				(unsigned long long)v[i].first_gap);
		fputc('}', f);
	}
	fputs(n ? "\n  ]" : "]", f);
}

static void json_call(FILE *f, bool free, mp_u64 base, mp_u64 size, mp_u64 count)
{
	fprintf(f, "{\"call\": \"%s\", \"base\": \"0x%016llx\", \"size\": \"0x%llx\", "
		   "\"count\": %llu}", free ? "free" : "reserve", (unsigned long long)base,
		(unsigned long long)size, (unsigned long long)count);
}

/* "memblock_calls": {"logged": N, "uncompared": N, "calls": [...]} */
static void json_mblog(FILE *f, const struct verify_result *r)
{
	size_t i;

	fprintf(f, ",\n  \"memblock_calls\": {\"logged\": %zu, \"uncompared\": %zu, "
		   "\"calls\": [", r->mblog_logged, r->mblog_uncompared);
	for (i = 0; i < r->nr_mblog; i++) {
		const struct verify_mbcall *c = &r->mblog[i];

		fprintf(f, "%s\n    {\"status\": \"%s\", \"what\": ", i ? "," : "",
			c->op == VOP_MATCH ? "matched" : "differs");
		json_str(f, c->what);
		fputs(", \"planned\": ", f);
		json_call(f, c->free, c->base, c->size, c->count);
		fputs(", \"logged\": ", f);
		if (c->has_got) {
			json_call(f, c->got.free, c->got.base, c->got.size, c->got.count);
			fputs(", \"caller\": ", f);
			json_str(f, c->got.caller);
		} else {
			fputs("null", f);
		}
		fputc('}', f);
	}
	fputs(r->nr_mblog ? "\n  ]}" : "]}", f);
}

void verify_write_json(FILE *f, const struct verify_result *r, const char *source)
{
	size_t i;

	fputs("{\n  \"schema\": \"memplan-verify/1\",\n  \"source\": ", f);
	json_str(f, source);
	fprintf(f, ",\n  \"match\": %s,\n  \"matched\": %zu,\n  \"missing\": %zu,\n"
		   "  \"unexpected\": %zu,\n  \"derived\": [",
		verify_ok(r) ? "true" : "false", r->matched, r->missing, r->unexpected);
	for (i = 0; i < r->nr_derived; i++) {
		fputs(i ? ", " : "", f);
		json_str(f, r->derived[i]);
	}
	fputs("],\n  \"lines\": [", f);
	for (i = 0; i < r->nr_lines; i++) {
		fprintf(f, "%s\n    {\"status\": \"%s\", \"family\": \"%s\", \"text\": ",
			i ? "," : "", op_name(r->lines[i].op),
			verify_family_name(r->lines[i].family));
		json_str(f, r->lines[i].text);
		fputc('}', f);
	}
	fputs(r->nr_lines ? "\n  ]" : "]", f);
	if (r->crash_checked)
		json_ranges(f, "crash_kernel", r->crash, r->nr_crash);
	if (r->claims_checked)
		json_ranges(f, "allocations", r->claims, r->nr_claims);
	if (r->pools_checked)
		json_ranges(f, "restricted_pools", r->pools, r->nr_pools);
	if (r->mblog_checked)
		json_mblog(f, r);
	if (r->linmap_checked)
		json_ranges(f, "linear_map", r->linmap, r->nr_linmap);
	if (r->loaded_checked)
		json_ranges(f, "linear_map_loaded", r->loaded, r->nr_loaded);
	if (r->kplan_checked) {
		fputs(",\n  \"kernel_decisions\": [", f);
		for (i = 0; i < r->nr_kplan; i++) {
			const struct verify_member *m = &r->kplan[i];

			fprintf(f, "%s\n    {\"member\": ", i ? "," : "");
			json_str(f, m->name);
			fputs(", \"status\": ", f);
			json_str(f, m->status == VM_MATCH ? "matched" : "mismatch");
			fputs(", \"detail\": ", f);
			if (m->detail)
				json_str(f, m->detail);
			else
				fputs("null", f);
			fputc('}', f);
		}
		fputs(r->nr_kplan ? "\n  ]" : "]", f);
	}
	fputs("\n}\n", f);
}
