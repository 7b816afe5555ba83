/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * jsonread.h - a small JSON reader: enough to compare two documents value by
 * value, for `memplan verify` and the kernel's /sys/kernel/debug/arm64_early_mm
 * (arm64-early-mm/1).  The CLI links no JSON library.
 *
 * Values keep their text as written: strings with their quotes and escapes,
 * numbers as digits.  Two documents written the same way (the kernel's
 * arm64_early_mm and the core's early_mm.c) therefore compare exactly, token by
 * token, whatever the spacing.
 */
#ifndef MEMPLAN_BOOTREC_JSONREAD_H
#define MEMPLAN_BOOTREC_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

enum jr_type { JR_NULL, JR_BOOL, JR_NUMBER, JR_STRING, JR_ARRAY, JR_OBJECT };

struct jr_value {
	enum jr_type type;
	const char *text;	  /* scalars: the token in the document */
	size_t len;
	const char *key;	  /* a member of an object: its name, quotes stripped */
	size_t key_len;
	struct jr_value *kids;	  /* array elements or object members, in order */
	size_t nr_kids;
};

/**
 * jr_parse() - parse a JSON document
 * @text: the document: one value, then only white space; must outlive *@root
 * @len: its bytes
 * @root: set to the value (free it with jr_free())
 * @err: a message with the byte offset, on failure
 * @errlen: bytes at @err
 *
 * Return: 0, or -1 with @err set.
 */
int jr_parse(const char *text, size_t len, struct jr_value **root, char *err, size_t errlen);

/**
 * jr_free() - free what jr_parse() made
 * @root: the value (may be NULL)
 */
void jr_free(struct jr_value *root);

/**
 * jr_member() - a member of an object
 * @obj: the object (anything else has no member)
 * @key: the member's name
 *
 * Return: the member's value, or NULL.
 */
const struct jr_value *jr_member(const struct jr_value *obj, const char *key);

/**
 * jr_equal() - compare two values token by token
 * @a: one value (may be NULL: absent)
 * @b: the other (may be NULL)
 * @where: set to the path of the first difference below them (".high.base",
 *	"[3].end", "" for @a and @b themselves); may be NULL
 * @wlen: bytes at @where
 * @da: set to @a's differing value (NULL: absent on that side); may be NULL
 * @db: set to @b's differing value; may be NULL
 *
 * Equal means the same types, the same scalar tokens, arrays of the same length,
 * objects with the same member names in the same order.
 *
 * Return: true when equal.
 */
bool jr_equal(const struct jr_value *a, const struct jr_value *b, char *where, size_t wlen,
	      const struct jr_value **da, const struct jr_value **db);

/**
 * jr_brief() - a value shortly, for messages
 * @v: the value (may be NULL)
 * @buf: set to a scalar's token, "{...}", "[N entries]" or "(absent)"
 * @len: bytes at @buf
 */
void jr_brief(const struct jr_value *v, char *buf, size_t len);

#endif /* MEMPLAN_BOOTREC_JSONREAD_H */
