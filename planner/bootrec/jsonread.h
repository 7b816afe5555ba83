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

/*
 * jr_parse - parse the JSON document @text (@len bytes; one value, then only
 * white space).  @text must outlive *@root.  Return: 0, or -1 with a message
 * (with the byte offset) in @err.
 */
int jr_parse(const char *text, size_t len, struct jr_value **root, char *err, size_t errlen);
void jr_free(struct jr_value *root);

/* the member @key of object @obj, or NULL */
const struct jr_value *jr_member(const struct jr_value *obj, const char *key);

/*
 * jr_equal - compare @a and @b: same types, same scalar tokens, arrays of the
 * same length, objects with the same member names in the same order.  When
 * they differ, @where (if not NULL) gets the path of the first difference
 * below them (".high.base", "[3].end", "" for @a and @b themselves), and
 * *@da / *@db the differing values (NULL: absent on that side).
 */
bool jr_equal(const struct jr_value *a, const struct jr_value *b, char *where, size_t wlen,
	      const struct jr_value **da, const struct jr_value **db);

/* @v shortly, for messages: a scalar's token, "{...}" or "[N entries]" */
void jr_brief(const struct jr_value *v, char *buf, size_t len);

#endif /* MEMPLAN_BOOTREC_JSONREAD_H */
