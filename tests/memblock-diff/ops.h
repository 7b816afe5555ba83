/* SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause) */
/*
 * ops.h - the operation language shared by oracle.c (the kernel's
 * mm/memblock.c) and model.c (memplan's planner/core/memblock.c).
 *
 * One operation per line, numbers in C syntax (0x.., decimal):
 *   add B S | reserve B S | remove B S | free B S | nomap B S | clearnomap B S
 *   alloc SIZE ALIGN START END    memblock_phys_alloc_range(), prints the address
 *   bottomup 0|1                  memblock_set_bottom_up()
 *   cap B S                       memblock_cap_memory_range()
 *   limit L                       memblock_mem_limit_remove_map()
 *   reset                         start over with empty arrays (for benchmarks)
 * Blank lines and lines starting with '#' are ignored.
 *
 * Output (default): after every op "@ <n> <op line>", for alloc "= 0x<addr>",
 * then "M <base> <size> <flags>" per memory region and "R ..." per reserved
 * region (hex).  --quiet [--repeat K]: replay the whole file K times and print
 * one line: a checksum of the final region lists and of every alloc result,
 * the op count and the replay time (parsing and printing excluded).
 */
#ifndef MEMBLOCK_DIFF_OPS_H
#define MEMBLOCK_DIFF_OPS_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum op_kind { OP_ADD, OP_RESERVE, OP_REMOVE, OP_FREE, OP_NOMAP, OP_CLEARNOMAP,
	       OP_ALLOC, OP_BOTTOMUP, OP_CAP, OP_LIMIT, OP_RESET };

struct op {
	enum op_kind kind;
	uint64_t a[4];
	char text[160];
};

static const struct { const char *name; enum op_kind kind; int nargs; } op_names[] = {
	{ "add", OP_ADD, 2 }, { "reserve", OP_RESERVE, 2 }, { "remove", OP_REMOVE, 2 },
	{ "free", OP_FREE, 2 }, { "nomap", OP_NOMAP, 2 }, { "clearnomap", OP_CLEARNOMAP, 2 },
	{ "alloc", OP_ALLOC, 4 }, { "bottomup", OP_BOTTOMUP, 1 }, { "cap", OP_CAP, 2 },
	{ "limit", OP_LIMIT, 1 }, { "reset", OP_RESET, 0 },
};

/* Read every op of @path; exits on a malformed line. */
static inline struct op *ops_read(const char *path, size_t *n_out)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	struct op *ops = NULL;
	size_t n = 0, cap = 0, lineno = 0;
	char line[512];

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL, *tok, *nl = strchr(line, '\n');
		struct op op;
		size_t i;
		int k;

		lineno++;
		if (nl)
			*nl = 0;
		tok = strtok_r(line, " \t", &save);
		if (!tok || tok[0] == '#')
			continue;
		memset(&op, 0, sizeof(op));
		for (i = 0; i < sizeof(op_names) / sizeof(op_names[0]); i++)
			if (!strcmp(tok, op_names[i].name))
				break;
		if (i == sizeof(op_names) / sizeof(op_names[0])) {
			fprintf(stderr, "%s:%zu: unknown op '%s'\n", path, lineno, tok);
			exit(2);
		}
		op.kind = op_names[i].kind;
		snprintf(op.text, sizeof(op.text), "%s", tok);
		for (k = 0; k < op_names[i].nargs; k++) {
			char *end;
			size_t len = strlen(op.text);

			tok = strtok_r(NULL, " \t", &save);
			if (!tok) {
				fprintf(stderr, "%s:%zu: %s needs %d arguments\n", path, lineno,
					op_names[i].name, op_names[i].nargs);
				exit(2);
			}
			errno = 0;
			op.a[k] = strtoull(tok, &end, 0);
			if (*end || errno) {
				fprintf(stderr, "%s:%zu: bad number '%s'\n", path, lineno, tok);
				exit(2);
			}
			snprintf(op.text + len, sizeof(op.text) - len, " %s", tok);
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			ops = realloc(ops, cap * sizeof(*ops));
			if (!ops) {
				perror("realloc");
				exit(2);
			}
		}
		ops[n++] = op;
	}
	if (f != stdin)
		fclose(f);
	*n_out = n;
	return ops;
}

/* FNV-1a over 64-bit words */
static inline uint64_t ck_add(uint64_t h, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		h ^= (v >> (8 * i)) & 0xff;
		h *= 0x100000001b3ULL;
	}
	return h;
}
#define CK_INIT 0xcbf29ce484222325ULL

static inline double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct drv_opts {
	const char *path;
	int quiet;
	long repeat;
};

static inline void drv_usage(const char *prog)
{
	fprintf(stderr, "usage: %s [--quiet [--repeat K]] OPS-FILE|-\n", prog);
	exit(2);
}

static inline struct drv_opts drv_parse_args(int argc, char **argv)
{
	struct drv_opts o = { NULL, 0, 1 };
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quiet"))
			o.quiet = 1;
		else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
			o.repeat = strtol(argv[++i], NULL, 0);
		else if (!o.path && (argv[i][0] != '-' || !strcmp(argv[i], "-")))
			o.path = argv[i];
		else
			drv_usage(argv[0]);
	}
	if (!o.path || o.repeat < 1)
		drv_usage(argv[0]);
	return o;
}

/* the quiet summary line; identical format in both drivers */
static inline void drv_summary(FILE *f, const char *who, uint64_t ck, size_t nops, long repeat,
			       double secs)
{
	double total = (double)nops * repeat;

	fprintf(f, "%s checksum=%016llx ops=%.0f time=%.6f ops_per_sec=%.0f\n", who,
	       (unsigned long long)ck, total, secs, secs > 0 ? total / secs : 0.0);
}

/* what a driver plugs into drv_run(): its allocator behind the same operations */
struct drv_hooks {
	const char *who;				/* "memplan" or "kernel" */
	void (*reset)(void);
	uint64_t (*do_op)(const struct op *op);
	void (*check)(size_t i);			/* exits 3 on a broken state */
	void (*print_state)(FILE *f);			/* "M ..." then "R ..." lines */
	uint64_t (*checksum)(uint64_t h);		/* both types into @h */
};

/*
 * Run @ops through a driver: without -q, the state after every operation on
 * @f (what run.sh diffs); with -q, @o->repeat timed runs and the summary line.
 */
static inline void drv_run(FILE *f, const struct op *ops, size_t n, const struct drv_opts *o,
			   const struct drv_hooks *d)
{
	uint64_t ck = CK_INIT;
	double t0, t1;
	size_t i;
	long r;

	d->reset();
	if (!o->quiet) {
		for (i = 0; i < n; i++) {
			uint64_t ret = d->do_op(&ops[i]);

			d->check(i + 1);
			fprintf(f, "@ %zu %s\n", i + 1, ops[i].text);
			if (ops[i].kind == OP_ALLOC)
				fprintf(f, "= %#llx\n", (unsigned long long)ret);
			d->print_state(f);
		}
		return;
	}
	t0 = now_sec();
	for (r = 0; r < o->repeat; r++) {
		d->reset();
		for (i = 0; i < n; i++) {
			uint64_t ret = d->do_op(&ops[i]);

			if (ops[i].kind == OP_ALLOC)
				ck = ck_add(ck, ret);
		}
	}
	t1 = now_sec();
	d->check(n);
	fflush(stdout);
	drv_summary(f, d->who, d->checksum(ck), n, o->repeat, t1 - t0);
}

#endif
