// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * expect-check - evaluate hand-written expectations against a memplan plan.
 *
 *   expect-check PLAN.json FILE.expect
 *
 * FILE.expect holds one expectation per line:
 *
 *   <json-path> <op> <value>
 *
 * json-path: members separated by '.', array elements selected with [N]
 *	(0-based index) or [member=value] (the first element whose member,
 *	rendered as text, equals value), e.g.
 *	reserved_memory[name=linux,cma].base, memory[0].size.
 * op:
 *   =, !=    string members compare as text (exactly: "0x%016llx" and
 *	      "0x%llx" formats matter); null, true, false are JSON literals;
 *	      JSON numbers compare numerically.
 *   <=, >=   both sides read as unsigned numbers (strtoull base 0), so hex
 *	      strings compare by value.
 *   contains on an array: some element equals value exactly (a whole
 *	      kernel_log line); on a string: value is a substring.
 *   lacks    on an array: no element has value as a substring; on a string:
 *	      value is not a substring.
 *   matches  value is a POSIX extended regex; on an array: some element
 *	      matches; otherwise the rendered value matches.
 *   times    value is "N TEXT": exactly N elements of the array equal TEXT
 *	      (a kernel line printed N times is listed N times, docs/design.md §4).
 * value: the rest of the line with surrounding blanks removed, or a JSON
 *	string literal ("  DMA      [mem ...]") when blanks matter.
 * Blank lines, lines starting with '#' and '@' (runner directives such as
 * "@args") are ignored.
 *
 * Prints every failing line with the actual value, then "ok FILE" or
 * "FAIL FILE"; exits 0, 1 if an expectation failed, 2 on a malformed
 * expectation line, an unreadable file or invalid JSON.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <jansson.h>
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum op { OP_EQ, OP_NE, OP_LE, OP_GE, OP_CONTAINS, OP_LACKS, OP_MATCHES, OP_TIMES };

static const struct {
	const char *name;
	enum op op;
} ops[] = {
	{ "=", OP_EQ }, { "!=", OP_NE }, { "<=", OP_LE }, { ">=", OP_GE },
	{ "contains", OP_CONTAINS }, { "lacks", OP_LACKS }, { "matches", OP_MATCHES },
	{ "times", OP_TIMES },
};

/* Render a JSON value as text: strings raw, everything else compact JSON. */
static char *render(const json_t *v)
{
	if (!v)
		return strdup("<missing>");
	if (json_is_string(v))
		return strdup(json_string_value(v));
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	return s ? s : strdup("<unrenderable>");
}

/* Like render() but strings keep their quotes (for messages). */
static char *show(const json_t *v)
{
	if (!v)
		return strdup("<missing>");
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	return s ? s : strdup("<unrenderable>");
}

/*
 * Resolve @path in @root.  Returns the value or NULL when absent; sets
 * *bad to a message when the path itself is malformed.
 */
static json_t *resolve(json_t *root, const char *path, const char **bad)
{
	json_t *cur = root;
	const char *p = path;
	char name[512];

	*bad = NULL;
	if (!*p) {
		*bad = "empty path";
		return NULL;
	}
	while (*p) {
		if (*p == '[') {
			const char *end = strchr(p, ']');
			if (!end) {
				*bad = "unterminated [";
				return NULL;
			}
			size_t n = (size_t)(end - p - 1);
			if (n == 0 || n >= sizeof(name)) {
				*bad = "empty or overlong [selector]";
				return NULL;
			}
			memcpy(name, p + 1, n);
			name[n] = '\0';
			p = end + 1;
			if (*p == '.') {
				p++;
				if (!*p || *p == '.' || *p == '[') {
					*bad = "empty member after '.'";
					return NULL;
				}
			} else if (*p && *p != '[') {
				*bad = "junk after ]";
				return NULL;
			}
			if (!cur || !json_is_array(cur))
				return NULL;
			char *eq = strchr(name, '=');
			if (!eq) {
				char *e;
				errno = 0;
				unsigned long idx = strtoul(name, &e, 10);
				if (*e || errno || name[0] == '-') {
					*bad = "bad [index]";
					return NULL;
				}
				cur = json_array_get(cur, idx);
			} else {
				*eq = '\0';
				const char *member = name, *want = eq + 1;
				json_t *found = NULL, *el;
				size_t i;
				if (!*member) {
					*bad = "empty member in [member=value]";
					return NULL;
				}
				json_array_foreach(cur, i, el) {
					json_t *m = json_is_object(el) ? json_object_get(el, member) : NULL;
					if (!m)
						continue;
					char *r = render(m);
					bool hit = strcmp(r, want) == 0;
					free(r);
					if (hit) {
						found = el;
						break;
					}
				}
				cur = found;
			}
			continue;
		}
		size_t n = strcspn(p, ".[");
		if (n == 0 || n >= sizeof(name)) {
			*bad = "empty or overlong member name";
			return NULL;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		p += n;
		if (*p == '.') {
			p++;
			if (!*p || *p == '.' || *p == '[') {
				*bad = "empty member after '.'";
				return NULL;
			}
		}
		if (!cur || !json_is_object(cur))
			return NULL;
		cur = json_object_get(cur, name);
	}
	return cur;
}

static bool parse_u64(const char *s, unsigned long long *out)
{
	char *e;
	if (!*s || *s == '-')
		return false;
	errno = 0;
	*out = strtoull(s, &e, 0);
	return !errno && !*e;
}

static bool value_u64(const json_t *v, unsigned long long *out)
{
	if (json_is_string(v))
		return parse_u64(json_string_value(v), out);
	if (json_is_integer(v) && json_integer_value(v) >= 0) {
		*out = (unsigned long long)json_integer_value(v);
		return true;
	}
	return false;
}

/* = semantics; returns true when equal */
static bool equals(const json_t *v, const char *want)
{
	if (!v)
		return false;
	if (!strcmp(want, "null"))
		return json_is_null(v);
	if (!strcmp(want, "true"))
		return json_is_true(v);
	if (!strcmp(want, "false"))
		return json_is_false(v);
	if (json_is_string(v))
		return strcmp(json_string_value(v), want) == 0;
	if (json_is_integer(v)) {
		char *e;
		errno = 0;
		long long w = strtoll(want, &e, 0);
		return !errno && !*e && *want && w == json_integer_value(v);
	}
	if (json_is_real(v)) {
		char *e;
		double w = strtod(want, &e);
		return !*e && *want && w == json_real_value(v);
	}
	return false;
}

static int nfail, nlines;

static void fail(const char *file, int lineno, const char *line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail(const char *file, int lineno, const char *line, const char *fmt, ...)
{
	va_list ap;
	nfail++;
	printf("  %s:%d: %s\n      actual: ", file, lineno, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* Evaluate one expectation; returns -1 when the line is malformed. */
static int check_line(json_t *root, const char *file, int lineno, char *line)
{
	char *p = line, *path, *opname, *val;
	enum op op = OP_EQ;
	size_t i;
	bool known = false;
	const char *bad;

	path = p;
	p += strcspn(p, " \t");
	if (!*p)
		return -1;
	*p++ = '\0';
	p += strspn(p, " \t");
	opname = p;
	p += strcspn(p, " \t");
	if (*p)
		*p++ = '\0';
	p += strspn(p, " \t");
	val = p;
	size_t vl = strlen(val);
	while (vl && (val[vl - 1] == ' ' || val[vl - 1] == '\t'))
		val[--vl] = '\0';

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(opname, ops[i].name)) {
			op = ops[i].op;
			known = true;
		}
	if (!known || !*val)
		return -1;

	char *want = NULL;
	if (val[0] == '"') {
		json_error_t err;
		json_t *s = json_loads(val, JSON_DECODE_ANY, &err);
		if (!s || !json_is_string(s)) {
			json_decref(s);
			return -1;
		}
		want = strdup(json_string_value(s));
		json_decref(s);
	} else {
		want = strdup(val);
	}

	/* rebuild the original text for messages */
	char shown[4096];
	snprintf(shown, sizeof(shown), "%s %s %s", path, opname, val);

	json_t *v = resolve(root, path, &bad);
	if (bad) {
		fprintf(stderr, "%s:%d: malformed path '%s': %s\n", file, lineno, path, bad);
		free(want);
		return -1;
	}
	nlines++;

	char *act = show(v);
	switch (op) {
	case OP_EQ:
	case OP_NE: {
		bool eq = equals(v, want);
		if (!v || eq != (op == OP_EQ))
			fail(file, lineno, shown, "%s", act);
		break;
	}
	case OP_LE:
	case OP_GE: {
		unsigned long long a, b;
		if (!parse_u64(want, &b)) {
			free(act);
			free(want);
			return -1;
		}
		if (!v || !value_u64(v, &a))
			fail(file, lineno, shown, "%s (not a number)", act);
		else if (op == OP_LE ? !(a <= b) : !(a >= b))
			fail(file, lineno, shown, "%s", act);
		break;
	}
	case OP_CONTAINS:
	case OP_LACKS: {
		if (!v || !(json_is_array(v) || json_is_string(v))) {
			fail(file, lineno, shown, "%s (not an array or string)", act);
			break;
		}
		if (json_is_string(v)) {
			bool has = strstr(json_string_value(v), want) != NULL;
			if (has != (op == OP_CONTAINS))
				fail(file, lineno, shown, "%s", act);
			break;
		}
		json_t *el;
		size_t k;
		const json_t *hit = NULL;
		json_array_foreach(v, k, el) {
			if (!json_is_string(el))
				continue;
			const char *s = json_string_value(el);
			if (op == OP_CONTAINS ? !strcmp(s, want) : strstr(s, want) != NULL) {
				hit = el;
				break;
			}
		}
		if (op == OP_CONTAINS && !hit) {
			/* show near misses: elements sharing the first word */
			char key[64];
			size_t kl = strcspn(want, " ");
			if (kl >= sizeof(key))
				kl = sizeof(key) - 1;
			memcpy(key, want, kl);
			key[kl] = '\0';
			int shown_n = 0;
			fail(file, lineno, shown, "no such element (%zu elements)", json_array_size(v));
			json_array_foreach(v, k, el) {
				if (json_is_string(el) && kl && strstr(json_string_value(el), key) && shown_n < 8) {
					printf("      near: \"%s\"\n", json_string_value(el));
					shown_n++;
				}
			}
		} else if (op == OP_LACKS && hit) {
			fail(file, lineno, shown, "element \"%s\"", json_string_value(hit));
		}
		break;
	}
	case OP_TIMES: {
		char *e;
		errno = 0;
		unsigned long want_n = strtoul(want, &e, 10);
		if (errno || e == want || *e != ' ' || want[0] == '-') {
			free(act);
			free(want);
			return -1;
		}
		const char *text = e + 1;
		if (!v || !json_is_array(v)) {
			fail(file, lineno, shown, "%s (not an array)", act);
			break;
		}
		json_t *el;
		size_t k;
		unsigned long n = 0;
		json_array_foreach(v, k, el)
			if (json_is_string(el) && !strcmp(json_string_value(el), text))
				n++;
		if (n != want_n)
			fail(file, lineno, shown, "%lu time%s", n, n == 1 ? "" : "s");
		break;
	}
	case OP_MATCHES: {
		regex_t re;
		if (regcomp(&re, want, REG_EXTENDED | REG_NOSUB)) {
			fprintf(stderr, "%s:%d: bad regex '%s'\n", file, lineno, want);
			free(act);
			free(want);
			return -1;
		}
		bool ok = false;
		if (v && json_is_array(v)) {
			json_t *el;
			size_t k;
			json_array_foreach(v, k, el) {
				char *r = render(el);
				if (!regexec(&re, r, 0, NULL, 0))
					ok = true;
				free(r);
				if (ok)
					break;
			}
			if (!ok)
				fail(file, lineno, shown, "no element matches (%zu elements)", json_array_size(v));
		} else if (v) {
			char *r = render(v);
			ok = !regexec(&re, r, 0, NULL, 0);
			free(r);
			if (!ok)
				fail(file, lineno, shown, "%s", act);
		} else {
			fail(file, lineno, shown, "%s", act);
		}
		regfree(&re);
		break;
	}
	}
	free(act);
	free(want);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s PLAN.json FILE.expect\n", argv[0]);
		return 2;
	}
	const char *plan = argv[1], *file = argv[2];
	json_error_t err;
	json_t *root = json_load_file(plan, 0, &err);
	if (!root) {
		fprintf(stderr, "%s:%d: invalid JSON: %s\n", plan, err.line, err.text);
		printf("FAIL %s\n", file);
		return 2;
	}
	FILE *f = fopen(file, "r");
	if (!f) {
		fprintf(stderr, "%s: %s\n", file, strerror(errno));
		json_decref(root);
		return 2;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, malformed = 0;
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		char *s = line + strspn(line, " \t");
		if (!*s || *s == '#' || *s == '@')
			continue;
		char copy[4096];
		snprintf(copy, sizeof(copy), "%s", s);
		if (check_line(root, file, lineno, s) < 0) {
			fprintf(stderr, "%s:%d: malformed expectation: %s\n", file, lineno, copy);
			malformed++;
		}
	}
	free(line);
	fclose(f);
	json_decref(root);
	if (malformed) {
		printf("FAIL %s (%d malformed line%s)\n", file, malformed, malformed == 1 ? "" : "s");
		return 2;
	}
	if (nfail) {
		printf("FAIL %s (%d of %d expectations)\n", file, nfail, nlines);
		return 1;
	}
	printf("ok %s (%d expectations)\n", file, nlines);
	return 0;
}
