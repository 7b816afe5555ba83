// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * efimap.c - the EFI memory map as a boot log shows it (memplan_efi.h).
 *
 * efi=debug makes efi_init() print, in this order (6.1 and 6.12 alike):
 *   efi: Getting UEFI parameters from /chosen in DT:        (efi_get_fdt_params)
 *   efi:   MemMap Address       : 0x00000000bbdd0040
 *   efi:   MemMap Size          : 0x0000000000000630
 *   efi:   MemMap Desc. Size    : 0x0000000000000030
 *   efi: EFI v2.7 by EDK II                                 (uefi_init)
 *   efi: SMBIOS 3.0=0xbfed0000 MEMATTR=0xbe171018 ...       (efi_config_parse_tables)
 *   efi: Processing EFI memory map:                         (reserve_regions)
 *   efi:   0x000040000000-0x000043ffffff [Conventional|   |..|WB|  |  |  ]
 * and, once the runtime services are mapped, the memory attributes table
 * (efi_memattr_apply_permissions()): "efi: memattr:  0x..." on 6.12 ("efi:  0x..."
 * on 6.1).  memblock=debug lines come in between; they are skipped.
 */
#include "memplan_efi.h"
#include "hexdigit.h"

/* efi.c memory_type_name[] */
static const char *const type_names[MP_EFI_NR_TYPES] = {
	"Reserved", "Loader Code", "Loader Data", "Boot Code", "Boot Data", "Runtime Code",
	"Runtime Data", "Conventional", "Unusable", "ACPI Reclaim", "ACPI Mem NVS", "MMIO",
	"MMIO Port", "PAL Code", "Persistent", "Unaccepted",
};

static const struct {
	const char *name;
	mp_u64 bit;
} attr_names[] = {
	{ "RUN", MP_EFI_RUNTIME }, { "HP", MP_EFI_HP }, { "MR", MP_EFI_MR }, { "CC", MP_EFI_CC },
	{ "SP", MP_EFI_SP },	   { "NV", MP_EFI_NV }, { "XP", MP_EFI_XP }, { "RP", MP_EFI_RP },
	{ "WP", MP_EFI_WP },	   { "RO", MP_EFI_RO }, { "UCE", MP_EFI_UCE }, { "WB", MP_EFI_WB },
	{ "WT", MP_EFI_WT },	   { "WC", MP_EFI_WC }, { "UC", MP_EFI_UC },
};

const char *mp_efi_type_name(mp_u32 type)
{
	return type < MP_EFI_NR_TYPES ? type_names[type] : NULL;
}

static bool same_ci(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (mp_strlen(b) != alen)
		return false;
	for (i = 0; i < alen; i++) {
		char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

/* a decimal or 0x hex number filling [s, s + len) exactly */
static bool whole_number(const char *s, size_t len, mp_u64 *v)
{
	unsigned int base = 10;
	size_t i = 0;
	mp_u64 n = 0;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == len)
		return false;
	for (; i < len; i++) {
		int d = mp_hex_digit(s[i]);

		if ((unsigned int)d >= base || n > (MP_U64_MAX - (mp_u64)d) / base)
			return false;
		n = n * base + (mp_u64)d;
	}
	*v = n;
	return true;
}

int mp_efi_type_parse(const char *name, size_t len, mp_u32 *type)
{
	mp_u64 v;
	mp_u32 t;

	for (t = 0; t < MP_EFI_NR_TYPES; t++)
		if (same_ci(name, len, type_names[t])) {
			*type = t;
			return 0;
		}
	/* "[type=%u" for a type past the table */
	if (len > 5 && !mp_memcmp(name, "type=", 5) && whole_number(name + 5, len - 5, &v) &&
	    v <= 0xffffffffULL) {
		*type = (mp_u32)v;
		return 0;
	}
	return -1;
}

mp_u64 mp_efi_attr_parse(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++)
		if (same_ci(name, len, attr_names[i].name))
			return attr_names[i].bit;
	return 0;
}

/* ---- the text -------------------------------------------------------------- */

struct cursor {
	const char *s, *end;
};

static void skip_blanks(struct cursor *c)
{
	while (c->s < c->end && (*c->s == ' ' || *c->s == '\t'))
		c->s++;
}

static bool eat(struct cursor *c, const char *lit)
{
	size_t n = mp_strlen(lit);

	if ((size_t)(c->end - c->s) < n || mp_memcmp(c->s, lit, n))
		return false;
	c->s += n;
	return true;
}

/* 0x and hex digits */
static bool hex(struct cursor *c, mp_u64 *v)
{
	const char *start;

	if (!eat(c, "0x"))
		return false;
	start = c->s;
	while (c->s < c->end && mp_hex_digit(*c->s) < 16)
		c->s++;
	return c->s > start && c->s - start <= 16 && whole_number(start - 2, (size_t)(c->s - start) + 2, v);
}

/* the text of a line after its "efi: " tag (printk and console prefixes before) */
static bool after_tag(const char *line, const char *end, struct cursor *c)
{
	const char *p;

	for (p = line; p + 5 <= end; p++)
		if (!mp_memcmp(p, "efi: ", 5) && (p == line || p[-1] == ' ' || p[-1] == ']')) {
			c->s = p + 5;
			c->end = end;
			return true;
		}
	return false;
}

static int fail(char *err, size_t errlen, size_t lineno, const char *what)
{
	if (errlen) {
		size_t i = 0;
		char num[24];
		size_t n = 0;

		do {
			num[n++] = (char)('0' + lineno % 10);
			lineno /= 10;
		} while (lineno && n < sizeof(num));
		/* "line N: what", bounded */
		for (const char *p = "line "; *p && i + 1 < errlen; p++)
			err[i++] = *p;
		while (n && i + 1 < errlen)
			err[i++] = num[--n];
		for (const char *p = ": "; *p && i + 1 < errlen; p++)
			err[i++] = *p;
		for (const char *p = what; *p && i + 1 < errlen; p++)
			err[i++] = *p;
		err[i] = 0;
	}
	return -1;
}

/* "0x%012llx-0x%012llx [Type        |RUN|  |..|UC]" */
static int descriptor(struct cursor *c, struct mp_efi_desc *d, const char **why)
{
	mp_u64 start, last, attr = 0;
	const char *name;

	*why = "a descriptor is 0xSTART-0xEND [Type|attributes]";
	if (!hex(c, &start) || !eat(c, "-") || !hex(c, &last))
		return -1;
	skip_blanks(c);
	if (!eat(c, "["))
		return -1;
	name = c->s;
	while (c->s < c->end && *c->s != '|' && *c->s != ']')
		c->s++;
	{
		const char *ne = c->s;

		while (ne > name && ne[-1] == ' ')
			ne--;
		*why = "unknown memory type";
		if (mp_efi_type_parse(name, (size_t)(ne - name), &d->type))
			return -1;
	}
	while (c->s < c->end && *c->s == '|') {
		const char *f = ++c->s, *fe;

		while (c->s < c->end && *c->s != '|' && *c->s != ']')
			c->s++;
		fe = c->s;
		while (f < fe && *f == ' ')
			f++;
		while (fe > f && fe[-1] == ' ')
			fe--;
		if (fe == f)
			continue;
		if (fe - f > 5 && !mp_memcmp(f, "attr=", 5)) {
			/* "|attr=0x%016llx]": bits efi_md_typeattr_format() has no name for */
			*why = "bad attr=0x... field";
			if (!whole_number(f + 5, (size_t)(fe - f - 5), &attr))
				return -1;
			continue;
		}
		*why = "unknown attribute name";
		if (!mp_efi_attr_parse(f, (size_t)(fe - f)))
			return -1;
		attr |= mp_efi_attr_parse(f, (size_t)(fe - f));
	}
	*why = "a descriptor's attributes end with ]";
	if (!eat(c, "]"))
		return -1;
	*why = "a descriptor is whole 4 KiB pages, start below end";
	if (last < start || (start & (MP_EFI_PAGE - 1)) || ((last + 1) & (MP_EFI_PAGE - 1)) ||
	    last == MP_U64_MAX)
		return -1;
	d->phys = start;
	d->pages = (last - start + 1) / MP_EFI_PAGE;
	d->attr = attr;
	return 0;
}

/* "  MemMap Address       : 0x00000000bbdd0040" */
static void param(struct cursor *c, struct mp_efi_map *m)
{
	static const char *const keys[] = { "MemMap Address", "MemMap Size", "MemMap Desc. Size" };
	mp_u64 *dst[] = { &m->map_phys, &m->map_size, &m->desc_size };
	size_t k;

	skip_blanks(c);
	for (k = 0; k < 3; k++) {
		struct cursor t = *c;

		if (!eat(&t, keys[k]))
			continue;
		skip_blanks(&t);
		if (eat(&t, ":")) {
			skip_blanks(&t);
			hex(&t, dst[k]);
		}
		return;
	}
}

/* "SMBIOS 3.0=0xbfed0000 MEMATTR=0xbe171018 ACPI 2.0=0xbc430018 INITRD=... " */
static void tables(const char *s, const char *end, struct mp_efi_map *m)
{
	static const char *const unmodelled[] = { "ESRT=", "TPMEventLog=", "TPMFinalLog=",
						  "MOKvar=" };
	const struct {
		const char *key;
		mp_u64 *dst;
	} known[] = { { "MEMATTR=", &m->memattr }, { "MEMRESERVE=", &m->memreserve },
		      { "INITRD=", &m->initrd_table }, { "ACPI 2.0=", &m->acpi20 },
		      { "ACPI=", &m->acpi20 }, { "RNG=", &m->rng_seed } };
	const char *p;
	size_t k;

	for (p = s; p < end; p++) {
		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++) {
			struct cursor c = { p, end };

			if ((p == s || p[-1] == ' ') && eat(&c, known[k].key))
				hex(&c, known[k].dst);
		}
		for (k = 0; k < sizeof(unmodelled) / sizeof(unmodelled[0]); k++) {
			size_t n = mp_strlen(unmodelled[k]), have = mp_strlen(m->unmodelled);

			if ((p == s || p[-1] == ' ') && (size_t)(end - p) >= n &&
			    !mp_memcmp(p, unmodelled[k], n - 1) && have + n + 1 < sizeof(m->unmodelled)) {
				if (have)
					m->unmodelled[have++] = ' ';
				mp_memcpy(m->unmodelled + have, unmodelled[k], n - 1);
				m->unmodelled[have + n - 1] = 0;
			}
		}
	}
}

enum block { NONE, MEMMAP, MEMATTR, DONE };

int mp_efi_map_parse(const char *text, size_t len, struct mp_efi_map *out, char *err,
		     size_t errlen)
{
	const char *line = text, *end = text + len;
	enum block in = NONE;
	bool seen_map = false;
	size_t lineno = 0;

	mp_memset(out, 0, sizeof(*out));
	while (line < end) {
		const char *eol = line;
		struct cursor c;

		while (eol < end && *eol != '\n')
			eol++;
		lineno++;
		if (after_tag(line, eol, &c)) {
			const char *why;

			if (eat(&c, "Processing EFI memory map:")) {
				/* a second boot (the capture kernel) ends the first one's text */
				if (seen_map)
					break;
				seen_map = true;
				in = MEMMAP;
			} else if (eat(&c, "memattr: Processing EFI Memory Attributes") ||
				   eat(&c, "Processing EFI Memory Attributes")) {
				in = MEMATTR;
				out->memattr_entries_known = true;
				out->memattr_entries = 0;
			} else if (in == MEMMAP && (skip_blanks(&c), c.s + 2 <= c.end) &&
				   !mp_memcmp(c.s, "0x", 2)) {
				if (out->nr >= MP_EFI_MAX_DESC)
					return fail(err, errlen, lineno, "more than 4096 descriptors");
				if (descriptor(&c, &out->desc[out->nr], &why))
					return fail(err, errlen, lineno, why);
				out->nr++;
			} else if (in == MEMATTR && (eat(&c, "memattr:  0x") || eat(&c, " 0x") ||
						     eat(&c, "memattr: ! 0x") || eat(&c, "! 0x"))) {
				out->memattr_entries++;
			} else if (!seen_map && eat(&c, "EFI v")) {
				size_t n = (size_t)(eol - c.s) + 5;

				if (n >= sizeof(out->version))
					n = sizeof(out->version) - 1;
				mp_memcpy(out->version, c.s - 5, n);
				out->version[n] = 0;
				while (n && (out->version[n - 1] == '\r' || out->version[n - 1] == ' '))
					out->version[--n] = 0;
			} else if (!seen_map) {
				param(&c, out);
				tables(c.s, eol, out);
			} else if (in == MEMATTR) {
				in = DONE;
			}
		}
		line = eol + 1;
	}
	if (!seen_map)
		return fail(err, errlen, lineno,
			    "no \"efi: Processing EFI memory map:\" block (boot with efi=debug)");
	if (!out->nr)
		return fail(err, errlen, lineno, "the EFI memory map block has no descriptors");
	return 0;
}
