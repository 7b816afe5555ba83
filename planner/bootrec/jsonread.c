// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * jsonread.c - a small JSON reader (RFC 8259 syntax, checked) and a
 * value-by-value comparison, for `memplan verify` (jsonread.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"

#define JR_MAX_DEPTH 64

struct parser {
	const char *s;
	size_t len, at;
	int depth;
	char *err;
	size_t errlen;
};

static int fail(struct parser *p, const char *what)
{
	if (p->err && p->errlen && !p->err[0])
		snprintf(p->err, p->errlen, "%s at byte %zu", what, p->at);
	return -1;
}

static void skip_ws(struct parser *p)
{
	while (p->at < p->len && (p->s[p->at] == ' ' || p->s[p->at] == '\t' ||
				  p->s[p->at] == '\n' || p->s[p->at] == '\r'))
		p->at++;
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* a string token at p->at (on its '"'); advances past it */
static int scan_string(struct parser *p)
{
	p->at++;
	while (p->at < p->len) {
		unsigned char c = (unsigned char)p->s[p->at];

		if (c == '"') {
			p->at++;
			return 0;
		}
		if (c < 0x20)
			return fail(p, "control character in a string");
		if (c != '\\') {
			p->at++;
			continue;
		}
		if (++p->at >= p->len)
			break;
		c = (unsigned char)p->s[p->at];
		if (c == 'u') {
			int i;

			for (i = 1; i <= 4; i++)
				if (p->at + i >= p->len || !is_hex(p->s[p->at + i]))
					return fail(p, "bad \\u escape");
			p->at += 5;
		} else if (strchr("\"\\/bfnrt", c) && c) {
			p->at++;
		} else {
			return fail(p, "bad escape");
		}
	}
	return fail(p, "unterminated string");
}

static int scan_number(struct parser *p)
{
	size_t at = p->at;

	if (at < p->len && p->s[at] == '-')
		at++;
	if (at < p->len && p->s[at] == '0')
		at++;
	else if (at < p->len && is_digit(p->s[at]))
		while (at < p->len && is_digit(p->s[at]))
			at++;
	else
		return fail(p, "bad number");
	if (at < p->len && p->s[at] == '.') {
		if (++at >= p->len || !is_digit(p->s[at]))
			return fail(p, "bad number");
		while (at < p->len && is_digit(p->s[at]))
			at++;
	}
	if (at < p->len && (p->s[at] == 'e' || p->s[at] == 'E')) {
		at++;
		if (at < p->len && (p->s[at] == '+' || p->s[at] == '-'))
			at++;
		if (at >= p->len || !is_digit(p->s[at]))
			return fail(p, "bad number");
		while (at < p->len && is_digit(p->s[at]))
			at++;
	}
	p->at = at;
	return 0;
}

static bool literal(struct parser *p, const char *word)
{
	size_t n = strlen(word);

	if (p->len - p->at < n || memcmp(p->s + p->at, word, n))
		return false;
	p->at += n;
	return true;
}

static int append(struct jr_value *v, const struct jr_value *kid, size_t *cap)
{
	if (v->nr_kids == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct jr_value *k = realloc(v->kids, ncap * sizeof(*k));

		if (!k)
			return -1;
		v->kids = k;
		*cap = ncap;
	}
	v->kids[v->nr_kids++] = *kid;
	return 0;
}

static void free_kids(struct jr_value *v)
{
	size_t i;

	for (i = 0; i < v->nr_kids; i++)
		free_kids(&v->kids[i]);
	free(v->kids);
	v->kids = NULL;
	v->nr_kids = 0;
}

static int parse_value(struct parser *p, struct jr_value *v);

/* the elements of an array or the members of an object, after its opening bracket */
static int parse_container(struct parser *p, struct jr_value *v, bool object)
{
	char close = object ? '}' : ']';
	size_t cap = 0;

	if (++p->depth > JR_MAX_DEPTH)
		return fail(p, "nested too deeply");
	p->at++;
	skip_ws(p);
	if (p->at < p->len && p->s[p->at] == close) {
		p->at++;
		p->depth--;
		return 0;
	}
	for (;;) {
		struct jr_value kid;

		memset(&kid, 0, sizeof(kid));
		skip_ws(p);
		if (object) {
			size_t start = p->at;

			if (p->at >= p->len || p->s[p->at] != '"')
				return fail(p, "expected a member name");
			if (scan_string(p))
				return -1;
			kid.key = p->s + start + 1;
			kid.key_len = p->at - start - 2;
			skip_ws(p);
			if (p->at >= p->len || p->s[p->at] != ':')
				return fail(p, "expected ':'");
			p->at++;
			skip_ws(p);
		}
		if (parse_value(p, &kid)) {
			free_kids(&kid); /* what it held before the error */
			return -1;
		}
		if (append(v, &kid, &cap)) {
			free_kids(&kid);
			return fail(p, "out of memory");
		}
		skip_ws(p);
		if (p->at < p->len && p->s[p->at] == ',') {
			p->at++;
			continue;
		}
		if (p->at < p->len && p->s[p->at] == close) {
			p->at++;
			p->depth--;
			return 0;
		}
		return fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int parse_value(struct parser *p, struct jr_value *v)
{
	size_t start;

	skip_ws(p);
	start = p->at;
	if (p->at >= p->len)
		return fail(p, "unexpected end");
	switch (p->s[p->at]) {
	case '{':
		v->type = JR_OBJECT;
		return parse_container(p, v, true);
	case '[':
		v->type = JR_ARRAY;
		return parse_container(p, v, false);
	case '"':
		v->type = JR_STRING;
		if (scan_string(p))
			return -1;
		break;
	case 't':
	case 'f':
		v->type = JR_BOOL;
		if (!literal(p, "true") && !literal(p, "false"))
			return fail(p, "bad literal");
		break;
	case 'n':
		v->type = JR_NULL;
		if (!literal(p, "null"))
			return fail(p, "bad literal");
		break;
	default:
		v->type = JR_NUMBER;
		if (scan_number(p))
			return -1;
		break;
	}
	v->text = p->s + start;
	v->len = p->at - start;
	return 0;
}

int jr_parse(const char *text, size_t len, struct jr_value **root, char *err, size_t errlen)
{
	struct parser p = { text, len, 0, 0, err, errlen };
	struct jr_value *v = calloc(1, sizeof(*v));

	if (err && errlen)
		err[0] = '\0';
	*root = NULL;
	if (!v)
		return fail(&p, "out of memory");
	if (parse_value(&p, v)) {
		jr_free(v);
		return -1;
	}
	skip_ws(&p);
	if (p.at != p.len) {
		jr_free(v);
		return fail(&p, "text after the JSON value");
	}
	*root = v;
	return 0;
}

void jr_free(struct jr_value *root)
{
	if (!root)
		return;
	free_kids(root);
	free(root);
}

static bool key_is(const struct jr_value *v, const char *key, size_t n)
{
	return v->key && v->key_len == n && !memcmp(v->key, key, n);
}

const struct jr_value *jr_member(const struct jr_value *obj, const char *key)
{
	size_t i, n = strlen(key);

	if (!obj || obj->type != JR_OBJECT)
		return NULL;
	for (i = 0; i < obj->nr_kids; i++)
		if (key_is(&obj->kids[i], key, n))
			return &obj->kids[i];
	return NULL;
}

static const struct jr_value *member_n(const struct jr_value *obj, const char *key, size_t n)
{
	size_t i;

	for (i = 0; i < obj->nr_kids; i++)
		if (key_is(&obj->kids[i], key, n))
			return &obj->kids[i];
	return NULL;
}

/* append to @where at @at; returns the new end */
static size_t path_add(char *where, size_t wlen, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static size_t path_add(char *where, size_t wlen, size_t at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!where || at >= wlen)
		return at;
	va_start(ap, fmt);
	n = vsnprintf(where + at, wlen - at, fmt, ap);
	va_end(ap);
	if (n < 0)
		return at;
	return at + (size_t)n < wlen ? at + (size_t)n : wlen - 1;
}

static bool differ(const struct jr_value *a, const struct jr_value *b, char *where, size_t wlen,
		   size_t at, const struct jr_value **da, const struct jr_value **db)
{
	if (where && at < wlen)
		where[at] = '\0';
	if (da)
		*da = a;
	if (db)
		*db = b;
	return false;
}

static bool equal_at(const struct jr_value *a, const struct jr_value *b, char *where, size_t wlen,
		     size_t at, const struct jr_value **da, const struct jr_value **db)
{
	size_t i, n;

	if (a->type != b->type)
		return differ(a, b, where, wlen, at, da, db);
	if (a->type != JR_ARRAY && a->type != JR_OBJECT) {
		if (a->len != b->len || memcmp(a->text, b->text, a->len))
			return differ(a, b, where, wlen, at, da, db);
		return true;
	}
	n = a->nr_kids < b->nr_kids ? a->nr_kids : b->nr_kids;
	for (i = 0; i < n; i++) {
		const struct jr_value *x = &a->kids[i], *y = &b->kids[i];
		size_t end;

		if (a->type == JR_ARRAY) {
			end = path_add(where, wlen, at, "[%zu]", i);
		} else {
			end = path_add(where, wlen, at, ".%.*s", (int)x->key_len, x->key);
			if (!key_is(y, x->key, x->key_len))
				/* another member here: compare with the same name on the other side */
				return differ(x, member_n(b, x->key, x->key_len), where, wlen, end,
					      da, db);
		}
		if (!equal_at(x, y, where, wlen, end, da, db))
			return false;
	}
	if (a->nr_kids == b->nr_kids)
		return true;
	{
		const struct jr_value *x = i < a->nr_kids ? &a->kids[i] : NULL;
		const struct jr_value *y = i < b->nr_kids ? &b->kids[i] : NULL;
		const struct jr_value *k = x ? x : y;
		size_t end = a->type == JR_ARRAY ?
				     path_add(where, wlen, at, "[%zu]", i) :
				     path_add(where, wlen, at, ".%.*s", (int)k->key_len, k->key);

		return differ(x, y, where, wlen, end, da, db);
	}
}

bool jr_equal(const struct jr_value *a, const struct jr_value *b, char *where, size_t wlen,
	      const struct jr_value **da, const struct jr_value **db)
{
	if (where && wlen)
		where[0] = '\0';
	if (!a || !b) {
		if (da)
			*da = a;
		if (db)
			*db = b;
		return a == b;
	}
	return equal_at(a, b, where, wlen, 0, da, db);
}

void jr_brief(const struct jr_value *v, char *buf, size_t len)
{
	if (!len)
		return;
	if (!v)
		snprintf(buf, len, "(absent)");
	else if (v->type == JR_OBJECT)
		snprintf(buf, len, v->nr_kids ? "{...}" : "{}");
	else if (v->type == JR_ARRAY)
		snprintf(buf, len, "[%zu entr%s]", v->nr_kids, v->nr_kids == 1 ? "y" : "ies");
	else if (v->len < len)
		snprintf(buf, len, "%.*s", (int)v->len, v->text);
	else
		snprintf(buf, len, "%.*s...", (int)(len > 4 ? len - 4 : 0), v->text);
}
