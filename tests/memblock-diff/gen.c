// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * gen.c - write a random memblock op sequence (language: ops.h).
 *
 *   gen SEED [--ops N] [--seqs K] [--tame]
 *
 * One sequence has N ops (default: 1..60, chosen by the seed).  With --seqs K,
 * K sequences are written separated by "reset" (benchmarks).  Addresses lie
 * in the 1 GiB - 16 GiB window at 4 KiB granularity, plus odd (unaligned,
 * low, near-2^64) ones; new ranges often start/end on earlier boundaries so
 * that touching/merging/splitting paths are exercised.  --tame leaves out
 * the extreme values (near 2^64, sizes that make base+size wrap).
 *
 * Capacity: every region boundary is a base or end of some op (or an alloc
 * result, or a limit's cut), so an array never holds more than 2*N regions.
 * N <= 60 keeps both arrays below the simulator's 128 static entries (with
 * memblock_isolate_range()'s +2), so no array doubling is ever triggered.
 * Alignments are never 0 (the kernel would use SMP_CACHE_BYTES: 32 in the
 * simulator, 64 on arm64).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OPS 60
#define GIB (1ULL << 30)
#define MIB (1ULL << 20)
#define KIB (1ULL << 10)

static uint64_t rng_state;
static int tame;	/* --tame: no addresses near 2^64, no sizes that wrap */

static uint64_t rnd(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static int chance(unsigned pct)
{
	return below(100) < pct;
}

static uint64_t bounds[2 * MAX_OPS + 8];
static size_t nbounds;

static void remember(uint64_t x)
{
	if (nbounds < sizeof(bounds) / sizeof(bounds[0]))
		bounds[nbounds++] = x;
}

static uint64_t gen_addr(void)
{
	unsigned k = (unsigned)below(100);

	if (k < 30 && nbounds)
		return bounds[below(nbounds)];
	if (k < 85)
		return 1 * GIB + below(15 * GIB / (4 * KIB)) * 4 * KIB;
	if (k < 95 || tame)
		return 1 * GIB + below(15 * GIB);	/* odd: byte granularity */
	switch (below(4)) {
	case 0: return 0;
	case 1: return below(GIB);			/* below the window */
	case 2: return UINT64_MAX - below(64 * KIB);	/* near the top */
	default: return 16 * GIB + below(4 * GIB);	/* just above the window */
	}
}

static uint64_t gen_size(void)
{
	unsigned k = (unsigned)below(100);

	if (k < 40)
		return (1 + below(4096)) * 4 * KIB;		/* 4 KiB .. 16 MiB */
	if (k < 80)
		return (1 + below(2048)) * MIB;			/* 1 MiB .. 2 GiB */
	if (k < 95 || tame)
		return 1 + below(64 * MIB);			/* odd */
	switch (below(3)) {
	case 0: return 0;
	case 1: return UINT64_MAX - below(GIB);		/* overflows base+size */
	default: return (1 + below(12)) * GIB;
	}
}

/* a range whose end sometimes lands on an earlier boundary */
static void gen_range(uint64_t *b, uint64_t *s)
{
	*b = gen_addr();
	*s = gen_size();
	if (chance(20) && nbounds) {
		uint64_t e = bounds[below(nbounds)];

		if (e > *b)
			*s = e - *b;
	}
	remember(*b);
	if (*s <= UINT64_MAX - *b)
		remember(*b + *s);
}

static void gen_alloc(void)
{
	static const uint64_t aligns[] = { 1, 8, 64, 64, 4096, 4096, 65536, 2 * MIB, 2 * MIB,
					   32 * MIB, GIB };
	uint64_t size, align, start, end;

	if (chance(85))
		size = (1 + below(64 * 1024)) * 4 * KIB;	/* 4 KiB .. 256 MiB */
	else
		size = 1 + below(16 * MIB);
	align = aligns[below(sizeof(aligns) / sizeof(aligns[0]))];
	start = chance(50) ? 0 : gen_addr();
	switch (below(10)) {
	case 0: case 1: case 2: case 3: end = UINT64_MAX; break;	/* ANYWHERE */
	case 4: end = 0; break;						/* ACCESSIBLE */
	case 5: end = 1; break;						/* NOLEAKTRACE */
	default: end = gen_addr(); break;
	}
	printf("alloc %#" PRIx64 " %#" PRIx64 " %#" PRIx64 " %#" PRIx64 "\n", size, align,
	       start, end);
	/* the result is a new pair of boundaries; unknown here, so reserve
	 * room for it in the op budget (each op adds <= 2 boundaries) */
}

static void gen_seq(unsigned nops)
{
	unsigned i;

	nbounds = 0;
	for (i = 0; i < nops; i++) {
		unsigned k = (unsigned)below(100);
		uint64_t b, s;
		const char *name;

		if (i < 2 || k < 20)
			name = "add";
		else if (k < 40)
			name = "reserve";
		else if (k < 48)
			name = "remove";
		else if (k < 58)
			name = "free";
		else if (k < 66)
			name = "nomap";
		else if (k < 72)
			name = "clearnomap";
		else if (k < 92)
			name = NULL;				/* alloc */
		else if (k < 95) {
			printf("bottomup %d\n", (int)below(2));
			continue;
		} else if (k < 97)
			name = "cap";
		else {
			uint64_t l = chance(10) ? 0 : chance(70) ? (1 + below(16 * 1024)) * MIB
							  : below(20 * GIB);

			printf("limit %#" PRIx64 "\n", l);
			continue;
		}
		if (!name) {
			gen_alloc();
			continue;
		}
		gen_range(&b, &s);
		printf("%s %#" PRIx64 " %#" PRIx64 "\n", name, b, s);
	}
}

int main(int argc, char **argv)
{
	unsigned long long seed;
	long nops = -1, nseqs = 1, i;
	int a;

	if (argc < 2) {
		fprintf(stderr, "usage: %s SEED [--ops N (1..%d)] [--seqs K] [--tame]\n", argv[0], MAX_OPS);
		return 2;
	}
	seed = strtoull(argv[1], NULL, 0);
	for (a = 2; a < argc; a++) {
		if (!strcmp(argv[a], "--ops") && a + 1 < argc)
			nops = strtol(argv[++a], NULL, 0);
		else if (!strcmp(argv[a], "--tame"))
			tame = 1;
		else if (!strcmp(argv[a], "--seqs") && a + 1 < argc)
			nseqs = strtol(argv[++a], NULL, 0);
		else {
			fprintf(stderr, "%s: bad argument %s\n", argv[0], argv[a]);
			return 2;
		}
	}
	if (nops == 0 || nops > MAX_OPS || nseqs < 1) {
		fprintf(stderr, "%s: --ops must be 1..%d, --seqs >= 1\n", argv[0], MAX_OPS);
		return 2;
	}
	rng_state = seed * 0x2545f4914f6cdd1dULL + 1;
	printf("# gen seed=%llu\n", seed);
	for (i = 0; i < nseqs; i++) {
		if (i)
			printf("reset\n");
		gen_seq(nops > 0 ? (unsigned)nops : 1 + (unsigned)below(MAX_OPS));
	}
	return 0;
}
