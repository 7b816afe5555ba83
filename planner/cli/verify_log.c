// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * verify_log.c - `memplan verify`, the kernel log: which predicted and printed lines
 * belong to the kernel_log families (docs/design.md §4), and their diff in order.
 *
 * The comparison is exact: a line is matched only when it is byte-for-byte the line
 * the kernel printed.  Nothing here knows the expected answer of a scenario.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "verify_internal.h"

/* the LCS table is (P+1)*(R+1) cells; beyond this a greedy in-order match is used */
#define LCS_MAX_CELLS (64u << 20)

/* ---- families --------------------------------------------------------------------- */

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* "  NAME" + padding + "[mem " or "empty": free_area_init()'s "  %-8s " lines */
static bool zone_line(const char *s)
{
	static const char *const names[] = { "DMA", "DMA32", "Normal" };
	size_t i;

	if (strncmp(s, "  ", 2))
		return false;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i]);
		const char *p = s + 2 + n;

		if (strncmp(s + 2, names[i], n) || *p != ' ')
			continue;
		while (*p == ' ')
			p++;
		if (starts(p, "[mem 0x") || !strcmp(p, "empty"))
			return true;
	}
	return false;
}

/* "%s (%pa--%pa) overlaps with %s (%pa--%pa)": __rmem_check_for_overlap()'s 2nd line */
static bool overlap_line(const char *s)
{
	const char *w = strstr(s, ") overlaps with ");
	const char *a = strstr(s, " (0x");
	size_t n = strlen(s);

	return w && a && a < w && strstr(a, "--0x") && strstr(a, "--0x") < w && n > 2 &&
	       s[n - 1] == ')' && strstr(w, " (0x") && strstr(strstr(w, " (0x"), "--0x");
}

/* the families told by a prefix, in the order they are tried */
static const struct {
	const char *prefix;
	enum verify_family family;
} family_prefixes[] = {
	/* reserve_crashkernel() and its helpers */
	{ "cannot allocate crashkernel", VF_CRASH_FAIL },
	{ "crashkernel", VF_CRASH },
	/* the reserved-memory drivers; rmem_swiotlb_setup() with swiotlb's pr_fmt */
	{ "Reserved memory:", VF_RESMEM },
	{ "software IO TLB: Reserved memory:", VF_RESMEM },
	/* drivers/of/of_reserved_mem.c and drivers/of/fdt.c */
	{ "OF: reserved mem:", VF_OF_RMEM },
	{ "OF: fdt: Reserved memory", VF_OF_FDT },
	/* mm/cma.c */
	{ "cma: Reserved", VF_CMA },
	{ "cma: Failed", VF_CMA },
};

/* dev_info()/dev_warn()'s "DRIVER DEV: " + a reserved-memory assignment message */
static const char *const device_msgs[] = {
	": assigned reserved memory node ",
	": failed to initialise \"restricted-dma-pool\" memory node",
};

static bool device_line(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(device_msgs) / sizeof(device_msgs[0]); i++)
		if (strstr(s, device_msgs[i]))
			return true;
	return false;
}

/* "DRIVER DEV: msg" -> "DEV: msg" (the model names the device, not its driver) */
static const char *device_part(const char *s)
{
	const char *sp = strchr(s, ' '), *colon = strstr(s, ": ");

	return sp && colon && sp < colon ? sp + 1 : s;
}

enum verify_family verify_family(const char *s)
{
	size_t i;

	if (!s)
		return VF_NONE;
	if (device_line(s))
		return VF_DEVICE;
	for (i = 0; i < sizeof(family_prefixes) / sizeof(family_prefixes[0]); i++)
		if (starts(s, family_prefixes[i].prefix))
			return family_prefixes[i].family;
	if (zone_line(s))
		return VF_ZONE;
	if (overlap_line(s))
		return VF_OVERLAP;
	return VF_NONE;
}

const char *verify_family_name(enum verify_family f)
{
	switch (f) {
	case VF_CRASH: return "crashkernel";
	case VF_CRASH_FAIL: return "crash-fail";
	case VF_RESMEM: return "resmem";
	case VF_OF_RMEM: return "of-rmem";
	case VF_OVERLAP: return "overlap";
	case VF_OF_FDT: return "of-fdt";
	case VF_CMA: return "cma";
	case VF_ZONE: return "zone";
	case VF_DEVICE: return "device";
	case VF_OTHER: return "other";
	default: return "none";
	}
}

int verify_add_line(struct verify_result *r, enum verify_op op, enum verify_family fam,
		    const char *text)
{
	if (verify_grow((void **)&r->lines, &r->cap_lines, r->nr_lines + 1, sizeof(*r->lines)))
		return -1;
	r->lines[r->nr_lines++] = (struct verify_line){ op, fam, text };
	if (op == VOP_MATCH)
		r->matched++;
	else if (op == VOP_MISSING)
		r->missing++;
	else
		r->unexpected++;
	return 0;
}

/* ---- the diff --------------------------------------------------------------------- */

/* Diff P against R (both family lines, in order) into RES. */
static int diff_sequences(const char **p, const enum verify_family *pf, size_t np,
			  const char **r, const enum verify_family *rf, size_t nr,
			  struct verify_result *res)
{
	size_t i = 0, j = 0;
	uint32_t *L = NULL;
	size_t w = nr + 1;

	if (np && nr && (np + 1) <= LCS_MAX_CELLS / w) {
		size_t a, b;

		/* L[a][b] = LCS length of p[a..] and r[b..] */
		L = calloc((np + 1) * w, sizeof(*L));
		if (!L)
			return -1;
		for (a = np; a-- > 0;)
			for (b = nr; b-- > 0;)
				L[a * w + b] = !strcmp(p[a], r[b]) ?
						       L[(a + 1) * w + b + 1] + 1 :
						       (L[(a + 1) * w + b] >= L[a * w + b + 1] ?
								L[(a + 1) * w + b] :
								L[a * w + b + 1]);
	}
	while (i < np || j < nr) {
		int rc;

		if (i < np && j < nr && !strcmp(p[i], r[j])) {
			rc = verify_add_line(res, VOP_MATCH, pf[i], p[i]);
			i++, j++;
		} else if (i < np && j < nr && L) {
			if (L[(i + 1) * w + j] >= L[i * w + j + 1]) {
				rc = verify_add_line(res, VOP_MISSING, pf[i], p[i]);
				i++;
			} else {
				rc = verify_add_line(res, VOP_UNEXPECTED, rf[j], r[j]);
				j++;
			}
		} else if (i < np && j < nr) {
			/* greedy: is p[i] printed later? then r[j] is unexpected */
			size_t k;

			for (k = j + 1; k < nr && strcmp(p[i], r[k]); k++)
				;
			if (k < nr) {
				rc = verify_add_line(res, VOP_UNEXPECTED, rf[j], r[j]);
				j++;
			} else {
				rc = verify_add_line(res, VOP_MISSING, pf[i], p[i]);
				i++;
			}
		} else if (i < np) {
			rc = verify_add_line(res, VOP_MISSING, pf[i], p[i]);
			i++;
		} else {
			rc = verify_add_line(res, VOP_UNEXPECTED, rf[j], r[j]);
			j++;
		}
		if (rc) {
			free(L);
			return -1;
		}
	}
	free(L);
	return 0;
}

int verify_compare_log(const char *const *pred, size_t nr_pred, const struct bootrec_log *log,
		       struct verify_result *res)
{
	const char **p = NULL, **r = NULL;
	enum verify_family *pf = NULL, *rf = NULL;
	unsigned char *used = NULL;
	size_t np = 0, nr = 0, i, j, nlog = log ? log->n : 0;
	int rc = -1;

	p = calloc(nr_pred + 1, sizeof(*p));
	pf = calloc(nr_pred + 1, sizeof(*pf));
	r = calloc(nlog + 1, sizeof(*r));
	rf = calloc(nlog + 1, sizeof(*rf));
	used = calloc(nlog + 1, 1);
	if (!p || !pf || !r || !rf || !used)
		goto out;
	for (i = 0; i < nr_pred; i++) {
		enum verify_family f = verify_family(pred[i]);

		if (f == VF_NONE || f == VF_DEVICE)
			continue;
		pf[np] = f;
		p[np++] = pred[i];
	}
	for (i = 0; i < nlog; i++) {
		enum verify_family f = verify_family(log->lines[i].text);

		if (f == VF_NONE || f == VF_DEVICE)
			continue;
		rf[nr] = f;
		r[nr++] = log->lines[i].text;
	}
	if (diff_sequences(p, pf, np, r, rf, nr, res))
		goto out;
	/* the devices' lines: a multiset each way, the log's without the driver's name */
	for (i = 0; i < nr_pred; i++) {
		if (verify_family(pred[i]) != VF_DEVICE)
			continue;
		for (j = 0; j < nlog; j++)
			if (!used[j] && verify_family(log->lines[j].text) == VF_DEVICE &&
			    !strcmp(device_part(log->lines[j].text), pred[i]))
				break;
		if (j < nlog)
			used[j] = 1;
		if (verify_add_line(res, j < nlog ? VOP_MATCH : VOP_MISSING, VF_DEVICE, pred[i]))
			goto out;
	}
	for (j = 0; j < nlog; j++)
		if (!used[j] && verify_family(log->lines[j].text) == VF_DEVICE &&
		    verify_add_line(res, VOP_UNEXPECTED, VF_DEVICE, log->lines[j].text))
			goto out;
	memset(used, 0, nlog + 1);
	/* predicted lines of no family: each must occur somewhere (a multiset) */
	for (i = 0; i < nr_pred; i++) {
		if (verify_family(pred[i]) != VF_NONE)
			continue;
		for (j = 0; j < nlog; j++)
			if (!used[j] && !strcmp(log->lines[j].text, pred[i]))
				break;
		if (j < nlog)
			used[j] = 1;
		if (verify_add_line(res, j < nlog ? VOP_MATCH : VOP_MISSING, VF_OTHER, pred[i]))
			goto out;
	}
	rc = 0;
out:
	free(p);
	free(pf);
	free(r);
	free(rf);
	free(used);
	return rc;
}
