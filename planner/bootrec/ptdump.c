// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * ptdump.c - reader for /sys/kernel/debug/kernel_page_tables (arch/arm64/mm/ptdump.c
 * note_page()/dump_prot(), 6.1 and 6.12) and its linear map as physical ranges.
 * See ptdump.h for the format.
 */
#include <stdlib.h>
#include <string.h>

#include "hexdigit.h"
#include "memplan.h"
#include "ptdump.h"

#define PTDUMP_MAX_ENTRIES (1u << 22)
#define PTDUMP_MAX_SECTIONS 4096u
#define PTDUMP_MAX_NAME 256u

static int grow(void **p, size_t *cap, size_t want, size_t elem, size_t max)
{
	size_t ncap;
	void *np;

	if (want <= *cap)
		return PTDUMP_OK;
	if (want > max)
		return PTDUMP_ERANGE;
	ncap = *cap ? *cap * 2 : 64;
	if (ncap < want)
		ncap = want;
	if (ncap > max)
		ncap = max;
	np = realloc(*p, ncap * elem);
	if (!np)
		return PTDUMP_ENOMEM;
	*p = np;
	*cap = ncap;
	return PTDUMP_OK;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* "0x" + 1..16 hex digits at *p; advances *p */
static int parse_hex(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int nd = 0, d;

	if (end - s < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return PTDUMP_EINVAL;
	s += 2;
	while (s < end && (d = mp_hex_digit(*s)) < 16) {
		if (++nd > 16)
			return PTDUMP_ERANGE;
		x = x << 4 | (uint64_t)d;
		s++;
	}
	if (!nd)
		return PTDUMP_EINVAL;
	*p = s;
	*v = x;
	return PTDUMP_OK;
}

static int parse_dec(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int nd = 0;

	while (s < end && *s >= '0' && *s <= '9') {
		unsigned d = (unsigned)(*s - '0');

		if (x > (UINT64_MAX - d) / 10)
			return PTDUMP_ERANGE;
		x = x * 10 + d;
		nd++;
		s++;
	}
	if (!nd)
		return PTDUMP_EINVAL;
	*p = s;
	*v = x;
	return PTDUMP_OK;
}

static int tok_is(const char *t, size_t n, const char *s)
{
	return strlen(s) == n && !memcmp(t, s, n);
}

static const struct {
	const char *tok;
	unsigned set;
} attr_toks[] = {
	{ "F", 0 },	/* valid clear: handled below */
	{ "USR", PTDUMP_A_USER },
	{ "ro", PTDUMP_A_RDONLY },
	{ "RW", 0 },
	{ "NX", PTDUMP_A_PXN },
	{ "x", 0 },
	{ "SHD", PTDUMP_A_SHD },
	{ "AF", PTDUMP_A_AF },
	{ "NG", PTDUMP_A_NG },
	{ "CON", PTDUMP_A_CONT },
	{ "BLK", PTDUMP_A_BLK },
	{ "UXN", PTDUMP_A_UXN },
	{ "GP", PTDUMP_A_GP },
};

static const struct {
	const char *tok;
	enum ptdump_memtype mt;
} mt_toks[] = {
	{ "DEVICE/nGnRnE", PTDUMP_MT_DEVICE_nGnRnE },
	{ "DEVICE/nGnRE", PTDUMP_MT_DEVICE_nGnRE },
	{ "MEM/NORMAL-NC", PTDUMP_MT_NORMAL_NC },
	{ "MEM/NORMAL", PTDUMP_MT_NORMAL },
	{ "MEM/NORMAL-TAGGED", PTDUMP_MT_NORMAL_TAGGED },
};

static const char *const level_names[] = { "PGD", "P4D", "PUD", "PMD", "PTE" };

/* one "0x...-0x...   SIZE LEVEL [attrs]" line */
static int parse_entry(const char *s, const char *end, struct ptdump_entry *e)
{
	uint64_t num, mult = 1024, size;
	const char *units = "KMGTPE", *u;
	size_t i, n;
	int rc;

	if ((rc = parse_hex(&s, end, &e->vstart)) != PTDUMP_OK)
		return rc;
	if (s >= end || *s != '-')
		return PTDUMP_EINVAL;
	s++;
	if ((rc = parse_hex(&s, end, &e->vend)) != PTDUMP_OK)
		return rc;
	if (s >= end || !is_space(*s))
		return PTDUMP_EINVAL;
	while (s < end && is_space(*s))
		s++;
	if ((rc = parse_dec(&s, end, &num)) != PTDUMP_OK)
		return rc;
	if (s >= end || !(u = memchr(units, *s, 6)))
		return PTDUMP_EINVAL;
	for (; u > units; u--) {
		if (mult > UINT64_MAX / 1024)
			return PTDUMP_ERANGE;
		mult *= 1024;
	}
	s++;
	/* the size column: exact for every end address, vend == 0 meaning 2^64 */
	if (e->vend != 0 && e->vend <= e->vstart)
		return PTDUMP_EINVAL;
	if (e->vend == 0 && e->vstart == 0)
		return PTDUMP_EINVAL;
	size = e->vend - e->vstart;	/* modulo 2^64 */
	if (num > UINT64_MAX / mult || num * mult != size)
		return PTDUMP_EINVAL;
	e->size = size;

	if (s >= end || !is_space(*s))
		return PTDUMP_EINVAL;
	while (s < end && is_space(*s))
		s++;
	for (n = 0; s + n < end && !is_space(s[n]); n++)
		;
	for (i = 0; i < 5; i++)
		if (tok_is(s, n, level_names[i]))
			break;
	if (i == 5)
		return PTDUMP_EINVAL;
	e->level = (enum ptdump_level)i;
	s += n;

	e->has_attrs = 0;
	e->attrs = PTDUMP_A_VALID;
	e->memtype = PTDUMP_MT_NONE;
	for (;;) {
		while (s < end && is_space(*s))
			s++;
		if (s >= end)
			break;
		for (n = 0; s + n < end && !is_space(s[n]); n++)
			;
		e->has_attrs = 1;
		for (i = 0; i < sizeof(attr_toks) / sizeof(attr_toks[0]); i++)
			if (tok_is(s, n, attr_toks[i].tok))
				break;
		if (i < sizeof(attr_toks) / sizeof(attr_toks[0])) {
			if (i == 0)
				e->attrs &= ~PTDUMP_A_VALID;
			e->attrs |= attr_toks[i].set;
		} else {
			for (i = 0; i < sizeof(mt_toks) / sizeof(mt_toks[0]); i++)
				if (tok_is(s, n, mt_toks[i].tok))
					break;
			if (i < sizeof(mt_toks) / sizeof(mt_toks[0]))
				e->memtype = mt_toks[i].mt;
			else
				e->attrs |= PTDUMP_A_UNKNOWN;
		}
		s += n;
	}
	if (!e->has_attrs)
		e->attrs = 0;
	return PTDUMP_OK;
}

static int add_section(struct ptdump *pd, const char *name, size_t n)
{
	char *copy;
	int rc;

	if (n > PTDUMP_MAX_NAME || memchr(name, '\0', n))
		return PTDUMP_EINVAL;
	rc = grow((void **)&pd->sections, &pd->capsections, pd->nsections + 1,
		  sizeof(*pd->sections), PTDUMP_MAX_SECTIONS);
	if (rc)
		return rc;
	copy = malloc(n + 1);
	if (!copy)
		return PTDUMP_ENOMEM;
	memcpy(copy, name, n);
	copy[n] = '\0';
	pd->sections[pd->nsections++] = copy;
	return PTDUMP_OK;
}

int ptdump_parse(struct ptdump *pd, const char *data, size_t len)
{
	const char *p = data, *end;
	int line = 0, rc = PTDUMP_OK;

	if (!pd || (!data && len))
		return PTDUMP_EINVAL;
	end = len ? data + len : data;	/* no arithmetic on a NULL data */
	pd->err_line = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p;

		line++;
		while (le > s && is_space(le[-1]))
			le--;
		while (s < le && is_space(*s))
			s++;
		if (s == le) {
			/* blank line */
		} else if (le - s >= 10 && !memcmp(s, "---[ ", 5) && !memcmp(le - 5, " ]---", 5)) {
			rc = add_section(pd, s + 5, (size_t)(le - s - 10));
		} else if (*s == '0') {
			struct ptdump_entry e;

			memset(&e, 0, sizeof(e));
			rc = parse_entry(s, le, &e);
			if (!rc) {
				e.section = (int)pd->nsections - 1;
				e.line = line;
				rc = grow((void **)&pd->e, &pd->cap, pd->n + 1, sizeof(*pd->e),
					  PTDUMP_MAX_ENTRIES);
				if (!rc)
					pd->e[pd->n++] = e;
			}
		} else {
			rc = PTDUMP_EINVAL;
		}
		if (rc) {
			pd->err_line = line;
			return rc;
		}
		p = nl ? nl + 1 : end;
	}
	return PTDUMP_OK;
}

void ptdump_free(struct ptdump *pd)
{
	size_t i;

	if (!pd)
		return;
	for (i = 0; i < pd->nsections; i++)
		free(pd->sections[i]);
	free(pd->sections);
	free(pd->e);
	memset(pd, 0, sizeof(*pd));
}

int ptdump_section(const struct ptdump *pd, const char *name)
{
	size_t i;

	for (i = 0; i < pd->nsections; i++)
		if (!strcmp(pd->sections[i], name))
			return (int)i;
	return PTDUMP_ENOENT;
}

int ptdump_entry_map_level(const struct ptdump_entry *e)
{
	if (!e->has_attrs || !(e->attrs & PTDUMP_A_VALID))
		return -1;
	switch (e->level) {
	case PTDUMP_PTE:
		return e->attrs & PTDUMP_A_CONT ? MP_MAP_CONT_PTE : MP_MAP_PTE;
	case PTDUMP_PMD:
		return e->attrs & PTDUMP_A_CONT ? MP_MAP_CONT_PMD : MP_MAP_PMD;
	default:
		/* a level-1 block: PUD, or PGD when the PUD level is folded (3-level 4K) */
		return MP_MAP_PUD;
	}
}

const char *ptdump_map_level_name(enum mp_map_level l)
{
	static const char *const n[] = { "pud", "cont_pmd", "pmd", "cont_pte", "pte" };

	return (unsigned)l < sizeof(n) / sizeof(n[0]) ? n[l] : "?";
}


int ptdump_memstart_from_iomem(const char *data, size_t len, unsigned page_shift,
			       uint64_t *memstart)
{
	const char *p = data, *end;
	uint64_t align = mp_memstart_align(page_shift), lo = UINT64_MAX;

	if (!align || !memstart || (!data && len))
		return PTDUMP_EINVAL;
	end = len ? data + len : data;	/* no arithmetic on a NULL data */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p, *name;
		uint64_t a = 0;
		int nd = 0, d;

		p = nl ? nl + 1 : end;
		if (s == le || is_space(*s))
			continue;	/* children are indented */
		while (s < le && (d = mp_hex_digit(*s)) < 16 && nd < 17) {
			a = a << 4 | (uint64_t)d;
			nd++;
			s++;
		}
		if (!nd || nd > 16 || s >= le || *s != '-')
			continue;
		name = memchr(s, ':', (size_t)(le - s));
		if (!name || le - name < 2)
			continue;
		name += 2;
		if ((tok_is(name, (size_t)(le - name), "System RAM") ||
		     tok_is(name, (size_t)(le - name), "reserved")) && a < lo)
			lo = a;
	}
	if (lo == UINT64_MAX)
		return PTDUMP_ENOENT;
	*memstart = lo & ~(align - 1);
	return PTDUMP_OK;
}

static int linear_phys_fill(const struct ptdump *pd, uint64_t page_offset, uint64_t memstart,
		       struct ptdump_phys *out)
{
	int sec = ptdump_section(pd, "Linear Mapping start");
	size_t i;
	int rc;

	if (sec < 0)
		return PTDUMP_ENOENT;
	if (!page_offset) {
		for (i = 0; i < pd->n && pd->e[i].section != sec; i++)
			;
		if (i == pd->n)
			return PTDUMP_ENOENT;
		page_offset = pd->e[i].vstart;
	}
	out->page_offset = page_offset;
	for (i = 0; i < pd->n; i++) {
		const struct ptdump_entry *e = &pd->e[i];
		struct mp_map_range *last = out->n ? &out->r[out->n - 1] : NULL;
		int lvl = ptdump_entry_map_level(e);
		uint64_t start, last_byte;

		if (e->section != sec || lvl < 0)
			continue;
		if (e->vstart < page_offset || e->vend == 0)
			return PTDUMP_ERANGE;
		start = e->vstart - page_offset + memstart;
		last_byte = start + (e->size - 1);
		if (start < memstart || last_byte < start)
			return PTDUMP_ERANGE;	/* wraps */
		if (last && start <= last->end)
			return PTDUMP_EINVAL;	/* not in address order */
		if (last && (int)last->level == lvl && last->end + 1 == start) {
			last->end = last_byte;
			continue;
		}
		rc = grow((void **)&out->r, &out->cap, out->n + 1, sizeof(*out->r),
			  PTDUMP_MAX_ENTRIES);
		if (rc)
			return rc;
		out->r[out->n].start = start;
		out->r[out->n].end = last_byte;
		out->r[out->n].level = (enum mp_map_level)lvl;
		out->n++;
	}
	return PTDUMP_OK;
}

int ptdump_linear_phys(const struct ptdump *pd, uint64_t page_offset, uint64_t memstart,
		       struct ptdump_phys *out)
{
	int rc = linear_phys_fill(pd, page_offset, memstart, out);

	/* on failure nothing is left for the caller to free */
	if (rc)
		ptdump_phys_free(out);
	return rc;
}

void ptdump_phys_free(struct ptdump_phys *out)
{
	if (!out)
		return;
	free(out->r);
	memset(out, 0, sizeof(*out));
}

const char *ptdump_strerror(int err)
{
	switch (err) {
	case PTDUMP_OK:
		return "ok";
	case PTDUMP_EINVAL:
		return "malformed kernel_page_tables input";
	case PTDUMP_ENOMEM:
		return "out of memory";
	case PTDUMP_ERANGE:
		return "value or count out of range";
	case PTDUMP_ENOENT:
		return "not found";
	default:
		return "unknown error";
	}
}
