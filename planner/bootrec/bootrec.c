// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/*
 * bootrec.c - readers for boot-record files: kernel logs (console + dmesg),
 * /proc/iomem and memblock debugfs.  See bootrec.h for the formats and the kernel
 * functions they come from.  Every read is bounded by the given length; every number
 * is overflow-checked; malformed input gives an error code, never a crash.
 */
#define _GNU_SOURCE
#include "hexdigit.h"
#include "bootrec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BOOTREC_MAX_ENTRIES (1u << 22)

const char *bootrec_strerror(int err)
{
	switch (err) {
	case BOOTREC_OK: return "ok";
	case BOOTREC_EINVAL: return "malformed input";
	case BOOTREC_ENOMEM: return "out of memory";
	case BOOTREC_ERANGE: return "value out of range";
	default: return "unknown error";
	}
}

/* Grow *arr (element size ELEM) so that it can hold at least N+1 elements. */
static int grow(void **arr, size_t *cap, size_t n, size_t elem)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return BOOTREC_OK;
	if (n >= BOOTREC_MAX_ENTRIES)
		return BOOTREC_ERANGE;
	ncap = *cap ? *cap * 2 : 64;
	if (ncap > BOOTREC_MAX_ENTRIES)
		ncap = BOOTREC_MAX_ENTRIES;
	p = realloc(*arr, ncap * elem);
	if (!p)
		return BOOTREC_ENOMEM;
	*arr = p;
	*cap = ncap;
	return BOOTREC_OK;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Parse hex digits at s[*p..len); at least one, at most 16. */
static int parse_hex(const char *s, size_t len, size_t *p, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = *p, nd = 0;
	int h;

	while (i < len && (h = mp_hex_digit(s[i])) < 16) {
		if (nd == 16)
			return BOOTREC_ERANGE;
		v = (v << 4) | (uint64_t)h;
		nd++;
		i++;
	}
	if (!nd)
		return BOOTREC_EINVAL;
	*p = i;
	*out = v;
	return BOOTREC_OK;
}

/* Parse decimal digits at s[*p..len); at least one; overflow-checked. */
static int parse_dec(const char *s, size_t len, size_t *p, uint64_t *out, size_t *ndig)
{
	uint64_t v = 0;
	size_t i = *p;

	while (i < len && is_digit(s[i])) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (UINT64_MAX - d) / 10)
			return BOOTREC_ERANGE;
		v = v * 10 + d;
		i++;
	}
	if (i == *p)
		return BOOTREC_EINVAL;
	if (ndig)
		*ndig = i - *p;
	*p = i;
	*out = v;
	return BOOTREC_OK;
}

/*
 * OPEN spaces SEC "." FRAC "]" at s[*p]: a printk timestamp (OPEN "[") or the host
 * timestamp (OPEN "[H").  FRAC is 6 digits from the kernel; 1..9 are accepted.
 * Returns 1 and advances *p past "] " on success, 0 (nothing consumed) otherwise.
 */
static int parse_bracket_time(const char *s, size_t len, size_t *p, const char *open,
			      int64_t *ns)
{
	size_t i = *p, nd = 0, ol = strlen(open);
	uint64_t sec, frac;

	if (len - i < ol || memcmp(s + i, open, ol))
		return 0;
	i += ol;
	while (i < len && s[i] == ' ')
		i++;
	if (parse_dec(s, len, &i, &sec, NULL) != BOOTREC_OK)
		return 0;
	if (i >= len || s[i] != '.')
		return 0;
	i++;
	if (parse_dec(s, len, &i, &frac, &nd) != BOOTREC_OK || nd > 9)
		return 0;
	if (i >= len || s[i] != ']')
		return 0;
	i++;
	while (nd < 9) {
		frac *= 10;
		nd++;
	}
	if (sec > (uint64_t)INT64_MAX / 1000000000u - 1)
		return 0;
	*ns = (int64_t)(sec * 1000000000u + frac);
	if (i < len && s[i] == ' ')
		i++;
	*p = i;
	return 1;
}

int bootrec_line_split(const char *s, size_t len, struct bootrec_line *meta,
		       size_t *text_off, size_t *text_len)
{
	size_t p = 0;
	int64_t t;

	meta->level = -1;
	meta->ts_ns = -1;
	meta->host_ns = -1;

	/* host prefix "[H   12.345678] " (scripts/qemu-boot) */
	if (parse_bracket_time(s, len, &p, "[H", &t))
		meta->host_ns = t;

	/* syslog level "<N>" (facility * 8 + level) */
	if (p < len && s[p] == '<') {
		size_t i = p + 1;
		uint64_t v;
		size_t nd;

		if (parse_dec(s, len, &i, &v, &nd) == BOOTREC_OK && nd <= 4 && i < len &&
		    s[i] == '>') {
			meta->level = (int)(v & 7);
			p = i + 1;
		}
	}

	/* printk time "[    0.000000] " */
	if (parse_bracket_time(s, len, &p, "[", &t)) {
		meta->ts_ns = t;
		/* CONFIG_PRINTK_CALLER: "[     T1] " / "[    C0] " */
		if (p < len && s[p] == '[') {
			size_t i = p + 1;
			uint64_t v;

			while (i < len && s[i] == ' ')
				i++;
			if (i < len && (s[i] == 'T' || s[i] == 'C')) {
				i++;
				if (parse_dec(s, len, &i, &v, NULL) == BOOTREC_OK && i < len &&
				    s[i] == ']') {
					i++;
					if (i < len && s[i] == ' ')
						i++;
					p = i;
				}
			}
		}
	}
	*text_off = p;
	*text_len = len - p;
	return BOOTREC_OK;
}

static int log_push(struct bootrec_log *log, const struct bootrec_line *meta,
		    const char *text, size_t len)
{
	struct bootrec_line *l;
	size_t i, o = 0;
	int rc;

	rc = grow((void **)&log->lines, &log->cap, log->n, sizeof(*log->lines));
	if (rc)
		return rc;
	l = &log->lines[log->n];
	*l = *meta;
	l->text = malloc(len + 1);
	if (!l->text)
		return BOOTREC_ENOMEM;
	for (i = 0; i < len; i++)
		if (text[i] != '\r' && text[i] != '\0')
			l->text[o++] = text[i];
	l->text[o] = '\0';
	l->len = o;
	log->n++;
	return BOOTREC_OK;
}

int bootrec_log_parse(struct bootrec_log *log, const char *data, size_t len,
		      enum bootrec_src src)
{
	static const char booting[] = "Booting Linux on physical CPU";
	size_t start = 0;
	int boot = 0, seen_boot = 0;

	/* continue the boot count of lines parsed earlier into the same log */
	if (log && log->n) {
		boot = log->lines[log->n - 1].boot;
		seen_boot = 1;
	}
	if (!log || (!data && len))
		return BOOTREC_EINVAL;
	while (start < len) {
		const char *nl = memchr(data + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - data) : len;
		size_t llen = end - start, off, tlen;
		struct bootrec_line meta;
		int rc;

		/* leading CRs (QEMU writes "\r\n"; a CR may also start the next line) */
		while (llen && data[start] == '\r') {
			start++;
			llen--;
		}
		memset(&meta, 0, sizeof(meta));
		meta.src = src;
		bootrec_line_split(data + start, llen, &meta, &off, &tlen);
		if (meta.ts_ns >= 0 && tlen >= sizeof(booting) - 1 &&
		    !memcmp(data + start + off, booting, sizeof(booting) - 1)) {
			if (seen_boot)
				boot++;
			seen_boot = 1;
		}
		meta.boot = boot;
		if (llen) {
			rc = log_push(log, &meta, data + start + off, tlen);
			if (rc)
				return rc;
		}
		start = end + 1;
	}
	return BOOTREC_OK;
}

void bootrec_log_free(struct bootrec_log *log)
{
	size_t i;

	if (!log)
		return;
	for (i = 0; i < log->n; i++)
		free(log->lines[i].text);
	free(log->lines);
	memset(log, 0, sizeof(*log));
}

static int push_copy(struct bootrec_log *out, const struct bootrec_line *l)
{
	return log_push(out, l, l->text, l->len);
}

/* Kernel lines of boot BOOT (any boot if BOOT < 0), as an index array (ts_ns >= 0). */
static int kernel_lines(const struct bootrec_log *log, int boot, size_t **idx, size_t *n)
{
	size_t i, k = 0;

	*idx = NULL;
	*n = 0;
	if (!log || !log->n)
		return BOOTREC_OK;
	*idx = malloc(log->n * sizeof(**idx));
	if (!*idx)
		return BOOTREC_ENOMEM;
	for (i = 0; i < log->n; i++)
		if (log->lines[i].ts_ns >= 0 && (boot < 0 || log->lines[i].boot == boot))
			(*idx)[k++] = i;
	*n = k;
	return BOOTREC_OK;
}

static int same_line(const struct bootrec_line *a, const struct bootrec_line *b)
{
	return a->ts_ns == b->ts_ns && a->len == b->len && !memcmp(a->text, b->text, a->len);
}

/*
 * Console lines with timestamp TS that have no partner among dmesg lines with the same
 * timestamp (multiset match), in console order.  USED marks matched dmesg lines.
 */
static int emit_unmatched_at(struct bootrec_log *out, const struct bootrec_log *c,
			     const size_t *ci, size_t cn, size_t *cpos,
			     const struct bootrec_log *d, const size_t *di, size_t dn,
			     int64_t ts, unsigned char *used)
{
	int rc;

	while (*cpos < cn && c->lines[ci[*cpos]].ts_ns == ts) {
		const struct bootrec_line *cl = &c->lines[ci[*cpos]];
		size_t j;
		int found = 0;

		for (j = 0; j < dn; j++) {
			if (used[j] || d->lines[di[j]].ts_ns != ts)
				continue;
			if (same_line(cl, &d->lines[di[j]])) {
				used[j] = 1;
				found = 1;
				break;
			}
		}
		if (!found) {
			rc = push_copy(out, cl);
			if (rc)
				return rc;
		}
		(*cpos)++;
	}
	return BOOTREC_OK;
}

/* how many console lines in a row from dmesg's first are enough to place it */
#define ANCHOR_LINES 8

/*
 * The console lines at dmesg's first timestamp that dmesg lost: dmesg lost a
 * prefix (its early buffer overflowed) and has everything from its first line
 * on, so the console lines before the place where dmesg's first lines appear
 * in order are what it lost; the rest of the group dmesg has (the console may
 * even show it in another order, printed later).  Emits those and moves *@cpos
 * past the group.  Return: 1 done, 0 no such place (the caller matches as a
 * multiset), or a negative error.
 */
static int emit_lost_prefix(struct bootrec_log *out, const struct bootrec_log *c,
			    const size_t *ci, size_t cn, size_t *cpos,
			    const struct bootrec_log *d, const size_t *di, size_t dn, int64_t ts)
{
	size_t cg = 0, dg = 0, i, k;
	int rc;

	while (*cpos + cg < cn && c->lines[ci[*cpos + cg]].ts_ns == ts)
		cg++;
	while (dg < dn && d->lines[di[dg]].ts_ns == ts)
		dg++;
	for (i = 0; i < cg; i++) {
		for (k = 0; k < ANCHOR_LINES && k < dg && i + k < cg; k++)
			if (!same_line(&c->lines[ci[*cpos + i + k]], &d->lines[di[k]]))
				break;
		if (k && (k == ANCHOR_LINES || k == dg || i + k == cg))
			break;
	}
	if (i == cg)
		return 0;
	for (k = 0; k < i; k++) {
		rc = push_copy(out, &c->lines[ci[*cpos + k]]);
		if (rc)
			return rc;
	}
	*cpos += cg;
	return 1;
}

int bootrec_log_merge(struct bootrec_log *out, const struct bootrec_log *console, int boot,
		      const struct bootrec_log *dmesg)
{
	size_t *ci = NULL, *di = NULL, cn = 0, dn = 0, cp = 0, j;
	unsigned char *used = NULL;
	int64_t first, last;
	int rc;

	if (!out)
		return BOOTREC_EINVAL;
	if (boot < 0)
		return BOOTREC_EINVAL;
	rc = kernel_lines(console, boot, &ci, &cn);
	if (!rc)
		rc = kernel_lines(dmesg, -1, &di, &dn);
	if (rc)
		goto done;
	if (!dn) {
		for (cp = 0; cp < cn && !rc; cp++)
			rc = push_copy(out, &console->lines[ci[cp]]);
		goto done;
	}
	used = calloc(dn, 1);
	if (!used) {
		rc = BOOTREC_ENOMEM;
		goto done;
	}
	first = dmesg->lines[di[0]].ts_ns;
	last = dmesg->lines[di[dn - 1]].ts_ns;

	/* the start dmesg lost */
	while (cp < cn && console->lines[ci[cp]].ts_ns < first && !rc)
		rc = push_copy(out, &console->lines[ci[cp++]]);
	if (!rc) {
		rc = emit_lost_prefix(out, console, ci, cn, &cp, dmesg, di, dn, first);
		if (rc > 0)
			rc = 0;
		else if (!rc)
			rc = emit_unmatched_at(out, console, ci, cn, &cp, dmesg, di, dn, first,
					       used);
	}
	/* dmesg itself */
	for (j = 0; j < dn && !rc; j++)
		rc = push_copy(out, &dmesg->lines[di[j]]);
	if (rc)
		goto done;
	/* skip console lines dmesg covers; at the last timestamp match as a multiset */
	while (cp < cn && console->lines[ci[cp]].ts_ns < last)
		cp++;
	if (last != first) {
		size_t k = cp;

		/* console lines at LAST that dmesg also has are not repeated */
		rc = emit_unmatched_at(out, console, ci, cn, &k, dmesg, di, dn, last, used);
		cp = k;
	} else {
		while (cp < cn && console->lines[ci[cp]].ts_ns == last)
			cp++;
	}
	/* printed after dmesg was read */
	while (cp < cn && !rc)
		rc = push_copy(out, &console->lines[ci[cp++]]);
done:
	free(ci);
	free(di);
	free(used);
	return rc;
}

/* ---- swiotlb pools ------------------------------------------------------- */

int bootrec_pools_parse(struct bootrec_pools *p, const char *data, size_t len)
{
	size_t i = 0;

	memset(p, 0, sizeof(*p));
	while (i < len) {
		size_t eol = i, sp, q, nd;
		uint64_t v;
		int r;

		while (eol < len && data[eol] != '\n')
			eol++;
		if (eol == i) {
			i = eol + 1;
			continue;
		}
		for (sp = i; sp < eol && data[sp] != ' '; sp++)
			if (!data[sp] || data[sp] == '\t')
				return BOOTREC_EINVAL;
		if (sp == i || sp == eol || sp - i >= sizeof(p->v[0].name))
			return BOOTREC_EINVAL;
		q = sp + 1;
		r = parse_dec(data, eol, &q, &v, &nd);
		if (r)
			return r;
		if (q != eol)
			return BOOTREC_EINVAL;
		r = grow((void **)&p->v, &p->cap, p->n, sizeof(p->v[0]));
		if (r)
			return r;
		memcpy(p->v[p->n].name, data + i, sp - i);
		p->v[p->n].name[sp - i] = '\0';
		p->v[p->n].nslabs = v;
		p->n++;
		i = eol + 1;
	}
	return BOOTREC_OK;
}

void bootrec_pools_free(struct bootrec_pools *p)
{
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* ---- VMCOREINFO --------------------------------------------------------- */

int bootrec_vmcoreinfo_number(const char *data, size_t len, const char *key, uint64_t *out)
{
	size_t klen = strlen(key), i = 0;

	while (i < len) {
		size_t eol = i, p;

		while (eol < len && data[eol] != '\n')
			eol++;
		/* NUMBER(key)=0x... (arm64 arch_crash_save_vmcoreinfo(): "0x%llx") */
		p = i + 7 + klen + 2;
		if (eol - i >= 7 + klen + 2 && !memcmp(data + i, "NUMBER(", 7) &&
		    !memcmp(data + i + 7, key, klen) && !memcmp(data + i + 7 + klen, ")=", 2)) {
			int r;

			if (eol - p >= 2 && data[p] == '0' && (data[p + 1] | 0x20) == 'x')
				p += 2;
			r = parse_hex(data, eol, &p, out);
			if (r)
				return r;
			return p == eol ? BOOTREC_OK : BOOTREC_EINVAL;
		}
		i = eol + 1;
	}
	return BOOTREC_EINVAL;
}

/* ---- /proc/iomem ------------------------------------------------------- */

int bootrec_iomem_parse(struct bootrec_iomem *io, const char *data, size_t len)
{
	long stack[64];
	size_t start = 0;
	int rc;

	if (!io || (!data && len))
		return BOOTREC_EINVAL;
	while (start < len) {
		const char *nl = memchr(data + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - data) : len;
		const char *s = data + start;
		size_t l = end - start, p = 0, sp, nlen;
		uint64_t a, b;
		struct bootrec_iomem_entry *e;
		int depth;

		start = end + 1;
		while (l && (s[l - 1] == '\r'))
			l--;
		if (!l)
			continue;
		while (p < l && s[p] == ' ')
			p++;
		sp = p;
		if (sp % 2 || sp / 2 >= sizeof(stack) / sizeof(stack[0]))
			return BOOTREC_EINVAL;
		depth = (int)(sp / 2);
		if ((rc = parse_hex(s, l, &p, &a)))
			return rc;
		if (p >= l || s[p] != '-')
			return BOOTREC_EINVAL;
		p++;
		if ((rc = parse_hex(s, l, &p, &b)))
			return rc;
		if (p + 3 > l || memcmp(s + p, " : ", 3)) {
			/* r_show prints " : " then the name; an empty name leaves " :" */
			if (!(p + 2 == l && !memcmp(s + p, " :", 2)))
				return BOOTREC_EINVAL;
			p = l;
		} else {
			p += 3;
		}
		if (b < a)
			return BOOTREC_EINVAL;
		if (depth > 0 && (io->n == 0 || depth > io->e[io->n - 1].depth + 1))
			return BOOTREC_EINVAL;
		if ((rc = grow((void **)&io->e, &io->cap, io->n, sizeof(*io->e))))
			return rc;
		e = &io->e[io->n];
		nlen = l - p;
		e->name = malloc(nlen + 1);
		if (!e->name)
			return BOOTREC_ENOMEM;
		memcpy(e->name, s + p, nlen);
		e->name[nlen] = '\0';
		e->start = a;
		e->end = b;
		e->depth = depth;
		e->parent = depth ? stack[depth - 1] : -1;
		stack[depth] = (long)io->n;
		io->n++;
	}
	return BOOTREC_OK;
}

void bootrec_iomem_free(struct bootrec_iomem *io)
{
	size_t i;

	if (!io)
		return;
	for (i = 0; i < io->n; i++)
		free(io->e[i].name);
	free(io->e);
	memset(io, 0, sizeof(*io));
}

/* ---- memblock debugfs --------------------------------------------------- */

static const char *const mb_flagname[] = { "HOTPLUG", "MIRROR", "NOMAP", "DRV_MNG", "RSV_NIT" };

static int parse_mb_flags(const char *s, size_t l, unsigned int *flags)
{
	size_t p = 0;

	*flags = 0;
	if (l == 4 && !memcmp(s, "NONE", 4))
		return BOOTREC_OK;
	while (p < l) {
		size_t q = p, k;
		int hit = 0;

		while (q < l && s[q] != '|')
			q++;
		for (k = 0; k < sizeof(mb_flagname) / sizeof(mb_flagname[0]); k++) {
			if (strlen(mb_flagname[k]) == q - p && !memcmp(s + p, mb_flagname[k], q - p)) {
				*flags |= 1u << k;
				hit = 1;
			}
		}
		if (!hit) {
			if (q - p == 7 && !memcmp(s + p, "UNKNOWN", 7))
				*flags |= BOOTREC_MB_UNKNOWN;
			else
				return BOOTREC_EINVAL;
		}
		if (q == l)
			break;
		p = q + 1;
		if (p == l)
			return BOOTREC_EINVAL;	/* trailing '|' */
	}
	return BOOTREC_OK;
}

int bootrec_memblock_parse(struct bootrec_memblock *mb, const char *data, size_t len)
{
	size_t start = 0;
	int rc;

	if (!mb || (!data && len))
		return BOOTREC_EINVAL;
	while (start < len) {
		const char *nl = memchr(data + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - data) : len;
		const char *s = data + start;
		size_t l = end - start, p = 0;
		uint64_t idx, a, b;
		struct bootrec_mb_region *r;

		start = end + 1;
		while (l && (s[l - 1] == '\r' || s[l - 1] == ' '))
			l--;
		if (!l)
			continue;
		while (p < l && s[p] == ' ')
			p++;
		if ((rc = parse_dec(s, l, &p, &idx, NULL)))
			return rc;
		if (idx > INT32_MAX)
			return BOOTREC_ERANGE;
		if (p + 4 > l || memcmp(s + p, ": 0x", 4))
			return BOOTREC_EINVAL;
		p += 4;
		if ((rc = parse_hex(s, l, &p, &a)))
			return rc;
		if (p + 4 > l || memcmp(s + p, "..0x", 4))
			return BOOTREC_EINVAL;
		p += 4;
		if ((rc = parse_hex(s, l, &p, &b)))
			return rc;
		if (b < a)
			return BOOTREC_EINVAL;
		if ((rc = grow((void **)&mb->r, &mb->cap, mb->n, sizeof(*mb->r))))
			return rc;
		r = &mb->r[mb->n];
		memset(r, 0, sizeof(*r));
		r->index = (int)idx;
		r->base = a;
		r->end = b;
		r->nid = -1;
		if (p < l) {
			/* 6.12: " %4d " node or "%4c " 'x', then flags */
			uint64_t nid;
			size_t q;

			if (s[p] != ' ')
				return BOOTREC_EINVAL;
			while (p < l && s[p] == ' ')
				p++;
			if (p < l && s[p] == 'x') {
				p++;
			} else {
				if ((rc = parse_dec(s, l, &p, &nid, NULL)))
					return rc;
				if (nid > INT32_MAX)
					return BOOTREC_ERANGE;
				r->nid = (int)nid;
			}
			if (p >= l || s[p] != ' ')
				return BOOTREC_EINVAL;
			p++;
			q = p;
			if ((rc = parse_mb_flags(s + q, l - q, &r->flags)))
				return rc;
			r->has_node_flags = 1;
		}
		mb->n++;
	}
	return BOOTREC_OK;
}

void bootrec_memblock_free(struct bootrec_memblock *mb)
{
	if (!mb)
		return;
	free(mb->r);
	memset(mb, 0, sizeof(*mb));
}

int bootrec_read_file(const char *path, char **data, size_t *len)
{
	FILE *f;
	char *buf = NULL;
	size_t n = 0, cap = 0;

	*data = NULL;
	*len = 0;
	f = fopen(path, "rb");
	if (!f)
		return BOOTREC_EINVAL;
	for (;;) {
		size_t got;

		if (cap - n < 65536) {
			char *nb;

			if (cap > ((size_t)1 << 32)) {
				free(buf);
				fclose(f);
				return BOOTREC_ERANGE;
			}
			nb = realloc(buf, cap + 65536 + 1);
			if (!nb) {
				free(buf);
				fclose(f);
				return BOOTREC_ENOMEM;
			}
			buf = nb;
			cap += 65536;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return BOOTREC_EINVAL;
	}
	fclose(f);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return BOOTREC_OK;
}
