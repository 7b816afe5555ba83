// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * efimap_file.c - --efi-memmap FILE: the EFI memory map of a UEFI boot, as the
 * kernel's log shows it with efi=debug (the core's mp_efi_map_parse()) or in
 * memplan's JSON form (memplan(1), "EFI MEMORY MAP"):
 *
 *   { "map": { "address": "0xbbdd0040", "size": "0x630", "desc_size": 48 },
 *     "tables": { "MEMATTR": "0xbe171018", "memattr_entries": 21,
 *                 "MEMRESERVE": "0xbbdeff98", "INITRD": "0xbbdeff18",
 *                 "ACPI 2.0": "0xbc430018", "RNG": "0xb99fe418" },
 *     "descriptors": [ { "type": "Conventional", "start": "0x40000000",
 *                        "end": "0x43ffffff", "attributes": [ "WB" ] } ] }
 *
 * "map" and "tables" and each of their members are optional; "end" is the last
 * byte, as the log prints it ("pages" may be given instead).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "efimap_file.h"
#include "jsonread.h"
#include "util.h"

/* a whole console log of a memblock=debug boot is a few MiB */
#define EFI_LOG_MAX (256u << 20)

/* a JSON number or a "0x..."/decimal string, the whole token */
static int json_u64(const struct jr_value *v, mp_u64 *out)
{
	const char *s;
	size_t n;
	char buf[40];
	uint64_t x;

	if (!v || (v->type != JR_NUMBER && v->type != JR_STRING))
		return -1;
	s = v->text;
	n = v->len;
	if (v->type == JR_STRING) {
		s++;
		n -= 2;
	}
	if (!n || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = 0;
	if (cli_parse_size(buf, &x))
		return -1;
	*out = x;
	return 0;
}

/* an optional member: absent is fine, present must be a number */
static int opt_u64(const struct jr_value *obj, const char *key, mp_u64 *out, char *err,
		   size_t errlen)
{
	const struct jr_value *v = jr_member(obj, key);

	if (!v)
		return 0;
	if (json_u64(v, out)) {
		snprintf(err, errlen, "\"%s\": not a number (0x... or decimal)", key);
		return -1;
	}
	return 0;
}

static int json_desc(const struct jr_value *d, size_t i, struct mp_efi_desc *out, char *err,
		     size_t errlen)
{
	const struct jr_value *t = jr_member(d, "type"), *a = jr_member(d, "attributes");
	mp_u64 start, end = 0, pages = 0, v;
	size_t k;

	if (d->type != JR_OBJECT || !t)
		return snprintf(err, errlen, "descriptors[%zu]: an object with \"type\"", i), -1;
	if (t->type == JR_STRING) {
		if (mp_efi_type_parse(t->text + 1, t->len - 2, &out->type))
			return snprintf(err, errlen, "descriptors[%zu]: unknown type %.*s", i,
					(int)t->len, t->text), -1;
	} else if (json_u64(t, &v) || v > 0xffffffffULL) {
		return snprintf(err, errlen, "descriptors[%zu]: bad type", i), -1;
	} else {
		out->type = (mp_u32)v;
	}
	if (json_u64(jr_member(d, "start"), &start) ||
	    (opt_u64(d, "end", &end, err, errlen) || opt_u64(d, "pages", &pages, err, errlen)) ||
	    (!jr_member(d, "end") == !jr_member(d, "pages")))
		return snprintf(err, errlen, "descriptors[%zu]: \"start\" and one of \"end\" "
					     "(last byte) or \"pages\"", i), -1;
	if (jr_member(d, "end")) {
		if (end < start || ((end + 1) & (MP_EFI_PAGE - 1)) || end == UINT64_MAX)
			return snprintf(err, errlen, "descriptors[%zu]: \"end\" is the last byte "
						     "of whole 4 KiB pages after \"start\"", i), -1;
		pages = (end - start + 1) / MP_EFI_PAGE;
	}
	if ((start & (MP_EFI_PAGE - 1)) || !pages || pages > (UINT64_MAX - start) / MP_EFI_PAGE)
		return snprintf(err, errlen, "descriptors[%zu]: not whole 4 KiB pages, or wraps", i),
		       -1;
	out->phys = start;
	out->pages = pages;
	out->attr = 0;
	if (a && a->type != JR_ARRAY)
		return snprintf(err, errlen, "descriptors[%zu]: \"attributes\" is an array of "
					     "names (\"WB\", \"RUN\", ...)", i), -1;
	for (k = 0; a && k < a->nr_kids; k++) {
		const struct jr_value *n = &a->kids[k];
		mp_u64 bit = n->type == JR_STRING ? mp_efi_attr_parse(n->text + 1, n->len - 2) : 0;

		if (!bit)
			return snprintf(err, errlen, "descriptors[%zu]: unknown attribute %.*s", i,
					(int)n->len, n->text), -1;
		out->attr |= bit;
	}
	return 0;
}

static int parse_json(const char *text, size_t len, struct mp_efi_map *m, char *err,
		      size_t errlen)
{
	struct jr_value *root = NULL;
	const struct jr_value *map, *tab, *ds;
	char jerr[160];
	int ret = -1;
	size_t i;

	memset(m, 0, sizeof(*m));
	if (jr_parse(text, len, &root, jerr, sizeof(jerr))) {
		snprintf(err, errlen, "not JSON: %s", jerr);
		return -1;
	}
	map = jr_member(root, "map");
	tab = jr_member(root, "tables");
	ds = jr_member(root, "descriptors");
	if (root->type != JR_OBJECT || !ds || ds->type != JR_ARRAY || !ds->nr_kids) {
		snprintf(err, errlen, "an object with a non-empty \"descriptors\" array");
		goto out;
	}
	if (ds->nr_kids > MP_EFI_MAX_DESC) {
		snprintf(err, errlen, "more than %d descriptors", MP_EFI_MAX_DESC);
		goto out;
	}
	if (opt_u64(map, "address", &m->map_phys, err, errlen) ||
	    opt_u64(map, "size", &m->map_size, err, errlen) ||
	    opt_u64(map, "desc_size", &m->desc_size, err, errlen) ||
	    opt_u64(tab, "MEMATTR", &m->memattr, err, errlen) ||
	    opt_u64(tab, "memattr_entries", &m->memattr_entries, err, errlen) ||
	    opt_u64(tab, "MEMRESERVE", &m->memreserve, err, errlen) ||
	    opt_u64(tab, "INITRD", &m->initrd_table, err, errlen) ||
	    opt_u64(tab, "ACPI 2.0", &m->acpi20, err, errlen) ||
	    opt_u64(tab, "RNG", &m->rng_seed, err, errlen))
		goto out;
	if (m->memattr_entries > 0xffffffffULL || (m->desc_size && m->desc_size < 40) ||
	    m->desc_size > 4096) {
		snprintf(err, errlen, "\"memattr_entries\" or \"desc_size\" out of range");
		goto out;
	}
	m->memattr_entries_known = jr_member(tab, "memattr_entries") != NULL;
	for (i = 0; i < ds->nr_kids; i++)
		if (json_desc(&ds->kids[i], i, &m->desc[i], err, errlen))
			goto out;
	m->nr = ds->nr_kids;
	ret = 0;
out:
	jr_free(root);
	return ret;
}

int cli_efi_map_parse(const char *text, size_t len, struct mp_efi_map *m, char *err,
		      size_t errlen)
{
	size_t i = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'))
		i++;
	if (i < len && text[i] == '{')
		return parse_json(text, len, m, err, errlen);
	return mp_efi_map_parse(text, len, m, err, errlen);
}

int cli_efi_map_load(const char *path, struct mp_efi_map **out, char *err, size_t errlen)
{
	char *text = NULL, perr[200];
	size_t len = 0;
	struct mp_efi_map *m;
	int ret;

	*out = NULL;
	if (cli_load_file(path, EFI_LOG_MAX, &text, &len, perr, sizeof(perr))) {
		snprintf(err, errlen, "--efi-memmap: %s", perr);
		return -1;
	}
	m = malloc(sizeof(*m));
	if (!m) {
		free(text);
		snprintf(err, errlen, "--efi-memmap: out of memory");
		return -1;
	}
	ret = cli_efi_map_parse(text, len, m, perr, sizeof(perr));
	free(text);
	if (ret) {
		snprintf(err, errlen, "--efi-memmap: %s: %s", path, perr);
		free(m);
		return -1;
	}
	*out = m;
	return 0;
}
