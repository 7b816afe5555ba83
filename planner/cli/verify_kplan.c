// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_kplan.c - `memplan verify`: the early decisions of a memplan-6.12 kernel
 * (/sys/kernel/debug/arm64_early_mm, kernel patch 0006, read into early_mm.json at
 * boot, after a kexec_crash_size shrink and after kexec -p) vs the core's
 * prediction of that file (mp_write_early_mm_json()), top-level member by member.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"
#include "verify_internal.h"

static int add_member(struct verify_result *res, enum verify_mstatus st, const char *prefix,
		      const char *name, size_t name_len, const char *detail)
{
	struct verify_member *m;

	if (verify_grow((void **)&res->kplan, &res->cap_kplan, res->nr_kplan + 1,
			sizeof(*res->kplan)))
		return -1;
	m = &res->kplan[res->nr_kplan];
	m->status = st;
	if (asprintf(&m->name, "%s%.*s", prefix, (int)name_len, name) < 0)
		m->name = NULL;
	m->detail = detail ? strdup(detail) : NULL;
	if (!m->name || (detail && !m->detail)) {
		free(m->name);
		free(m->detail);
		return -1;
	}
	res->nr_kplan++;
	return 0;
}

/*
 * "NAME.PATH: kernel A, memplan B" for the first difference of @k and @o; just
 * "kernel A, memplan B" when they differ as a whole.
 */
static void member_diff(const char *name, size_t name_len, const struct jr_value *k,
			const struct jr_value *o, char *buf, size_t len)
{
	const struct jr_value *dk = k, *dm = o;
	char where[256], a[96], b[96];

	jr_equal(k, o, where, sizeof(where), &dk, &dm);
	jr_brief(dk, a, sizeof(a));
	jr_brief(dm, b, sizeof(b));
	if (where[0])
		snprintf(buf, len, "%.*s%s: kernel %s, memplan %s", (int)name_len, name, where, a,
			 b);
	else
		snprintf(buf, len, "kernel %s, memplan %s", a, b);
}

static void sink_memstream(void *ctx, const char *buf, size_t len)
{
	fwrite(buf, 1, len, ctx);
}

/*
 * The members of @a, each looked up in @b: with @ours, @a is our prediction and @b
 * the kernel's file (a member matches when its value is equal); else @a is the
 * kernel's file and only what our prediction @b lacks is added (a mismatch each).
 * 0, or -1 (out of memory).
 */
static int compare_members(struct verify_result *res, const char *prefix,
			   const struct jr_value *a, const struct jr_value *b, bool ours)
{
	char detail[512];
	size_t i;

	for (i = 0; i < a->nr_kids; i++) {
		const struct jr_value *m = &a->kids[i], *other;
		char *name = strndup(m->key, m->key_len);
		enum verify_mstatus st;

		if (!name)
			return -1;
		other = jr_member(b, name);
		free(name);
		if (!ours && other)
			continue;
		st = ours && other && jr_equal(other, m, NULL, 0, NULL, NULL) ? VM_MATCH :
										 VM_MISMATCH;
		/* member_diff() takes the kernel's value first */
		if (st != VM_MATCH)
			member_diff(m->key, m->key_len, ours ? other : m, ours ? m : NULL, detail,
				    sizeof(detail));
		if (add_member(res, st, prefix, m->key, m->key_len, st == VM_MATCH ? NULL : detail))
			return -1;
	}
	return 0;
}

int verify_compare_early_mm(const struct mp_plan *plan, enum verify_early_mm_when when,
			    const char *json, size_t len, struct verify_result *res, char *err,
			    size_t errlen)
{
	static const char schema_token[] = "\"arm64-early-mm/1\"";
	bool loaded = when == EARLY_MM_LOADED;
	const char *prefix = loaded ? "loaded:" : when == EARLY_MM_SHRUNK ? "shrunk:" : "";
	struct jr_value *kdoc = NULL, *odoc = NULL;
	const struct jr_value *schema;
	char *ours = NULL, perr[128];
	size_t ours_len = 0;
	FILE *f;
	int rc = -1;

	/* the prediction, written as the kernel writes the file */
	f = open_memstream(&ours, &ours_len);
	if (!f)
		return -1;
	mp_write_early_mm_json(plan, loaded, &(struct mp_sink){ sink_memstream, f });
	if (fclose(f))
		goto out;
	if (jr_parse(ours, ours_len, &odoc, perr, sizeof(perr))) {
		snprintf(err, errlen, "our own prediction does not parse: %s", perr);
		rc = -2;
		goto out;
	}
	if (jr_parse(json, len, &kdoc, perr, sizeof(perr))) {
		snprintf(err, errlen, "not JSON: %s", perr);
		rc = -2;
		goto out;
	}
	schema = jr_member(kdoc, "schema");
	if (kdoc->type != JR_OBJECT || !schema || schema->type != JR_STRING ||
	    schema->len != strlen(schema_token) ||
	    memcmp(schema->text, schema_token, schema->len)) {
		snprintf(err, errlen, "not the kernel's early decisions (no \"schema\": "
			 "\"arm64-early-mm/1\")");
		rc = -2;
		goto out;
	}
	res->kplan_checked = true;
	rc = compare_members(res, prefix, odoc, kdoc, true);
	if (!rc) /* what only the kernel's file has */
		rc = compare_members(res, prefix, kdoc, odoc, false);
out:
	jr_free(kdoc);
	jr_free(odoc);
	free(ours);
	return rc;
}

/*
 * With a record of a memplan-6.12 kernel: its early decisions
 * (/sys/kernel/debug/arm64_early_mm at boot, after a kexec_crash_size shrink and
 * after kexec -p, as far as the record has them) vs the prediction.
 */
int verify_compare_early_mm_files(const struct verify_opts *o, const struct mp_plan *plan,
				  struct verify_result *res)
{
	/* indexed by enum verify_early_mm_when */
	static const char *const files[] = { "early_mm.json", "early_mm.shrunk.json",
					     "early_mm.loaded.json" };
	char *json = NULL, err[256];
	struct mp_plan shrunk_plan;
	struct mp_map_range remapped[MP_CRASH_SHRINK_MAP_MAX];
	struct mp_range freed[MP_CRASH_SHRINK_MAX];
	mp_u64 shrink_to;
	size_t len, i;
	int r;

	for (i = 0; i < 3; i++) {
		const struct mp_plan *p = plan;

		r = verify_read_opt(o->record, files[i], &json, &len);
		if (r < 0)
			return r;
		if (!r)
			continue;
		/* a shrink before kexec -p leaves less to map and to protect */
		if (i != EARLY_MM_BOOT) {
			r = verify_read_crash_shrink(o->record, &shrink_to);
			if (r < 0) {
				free(json);
				return r;
			}
			if (r > 0) {
				shrunk_plan = *plan;
				mp_crash_shrink(&shrunk_plan, shrink_to, freed);
				if (i == EARLY_MM_SHRUNK)
					mp_linmap_after_shrink(&shrunk_plan, remapped);
				p = &shrunk_plan;
			}
		}
		r = verify_compare_early_mm(p, (enum verify_early_mm_when)i, json, len, res, err,
					    sizeof(err));
		free(json);
		if (r == -2)
			verr("%s/%s: %s", o->record, files[i], err);
		else if (r)
			verr("out of memory");
		if (r)
			return r;
	}
	return 0;
}
