// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * bench_plan.c - time mp_plan_build() in-process (bench/run.sh).
 *
 *   bench_plan plan DTB PROFILE ITERS ARENA_MIB
 *	Plan DTB ITERS times (arena re-initialised each time, not re-allocated)
 *	and print one line:
 *	  ret=<r> iters=<n> mean_us=<m> min_us=<m> rmem=<n> mb_reserved=<n> mb_memory=<n>
 *   bench_plan gendts N
 *	Write a DTS with a 64 GiB memory node at 0x40000000 and N static,
 *	non-adjacent /reserved-memory children (64 KiB every 512 KiB from 5 GiB),
 *	for dtc (which merges repeated definitions of a node).
 *   bench_plan gendtb N OUT.dtb
 *	The same tree written directly with libfdt's sequential-write API
 *	(dtc needs minutes for 100,000 sibling nodes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libfdt.h>

#include "memplan.h"

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void *load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f) {
		perror(path);
		exit(2);
	}
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 16;
			buf = realloc(buf, cap);
			if (!buf) {
				perror("realloc");
				exit(2);
			}
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r);
	fclose(f);
	*len = n;
	return buf;
}

#define CHUNK 5000

static int cmd_gendts(long n)
{
	const unsigned long long base = 0x140000000ULL, stride = 0x80000ULL, size = 0x10000ULL;
	long i;

	if (n < 0 || (unsigned long long)n * stride > 0xf00000000ULL) {
		fprintf(stderr, "gendts: N must be 0..%llu\n", 0xf00000000ULL / stride);
		return 2;
	}
	printf("/dts-v1/;\n\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
	       "\tcompatible = \"linux,dummy-virt\";\n\tmodel = \"bench %ld static regions\";\n\n"
	       "\tchosen {\n\t\tbootargs = \"console=ttyAMA0\";\n\t};\n\n"
	       "\tmemory@40000000 {\n\t\tdevice_type = \"memory\";\n"
	       "\t\treg = <0x0 0x40000000 0x10 0x0>;\n\t};\n\n"
	       "\treserved-memory {\n\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n"
	       "\t\tranges;\n\n", n);
	for (i = 0; i < n; i++) {
		unsigned long long a = base + (unsigned long long)i * stride;

		/*
		 * dtc's parser recurses once per sibling node (bison stack,
		 * YYMAXDEPTH 10000: "memory exhausted"), so re-open the node
		 * every CHUNK children; dtc merges the definitions.
		 */
		if (i && i % CHUNK == 0)
			printf("\t};\n};\n\n/ {\n\treserved-memory {\n");
		printf("\t\tr%ld@%llx {\n\t\t\treg = <0x%llx 0x%llx 0x0 0x%llx>;\n\t\t};\n", i, a,
		       a >> 32, a & 0xffffffffULL, size);
	}
	printf("\t};\n};\n");
	return 0;
}

#define SW(call)                                                            \
	do {                                                                \
		int err_ = (call);                                          \
		if (err_ < 0) {                                             \
			fprintf(stderr, "gendtb: %s: %s\n", #call, fdt_strerror(err_)); \
			return 2;                                           \
		}                                                           \
	} while (0)

static int cmd_gendtb(long n, const char *path)
{
	const unsigned long long base = 0x140000000ULL, stride = 0x80000ULL, size = 0x10000ULL;
	size_t cap = 4096 + (size_t)n * 128;
	char *buf = malloc(cap), name[64], model[64];
	fdt32_t cells2 = cpu_to_fdt32(2);
	fdt64_t mem[2] = { cpu_to_fdt64(0x40000000ULL), cpu_to_fdt64(0x1000000000ULL) };
	FILE *f;
	long i;

	if (!buf || n < 0 || (unsigned long long)n * stride > 0xf00000000ULL)
		return 2;
	snprintf(model, sizeof(model), "bench %ld static regions", n);
	SW(fdt_create(buf, (int)cap));
	SW(fdt_finish_reservemap(buf));
	SW(fdt_begin_node(buf, ""));
	SW(fdt_property(buf, "#address-cells", &cells2, 4));
	SW(fdt_property(buf, "#size-cells", &cells2, 4));
	SW(fdt_property_string(buf, "compatible", "linux,dummy-virt"));
	SW(fdt_property_string(buf, "model", model));
	SW(fdt_begin_node(buf, "chosen"));
	SW(fdt_property_string(buf, "bootargs", "console=ttyAMA0"));
	SW(fdt_end_node(buf));
	SW(fdt_begin_node(buf, "memory@40000000"));
	SW(fdt_property_string(buf, "device_type", "memory"));
	SW(fdt_property(buf, "reg", mem, sizeof(mem)));
	SW(fdt_end_node(buf));
	SW(fdt_begin_node(buf, "reserved-memory"));
	SW(fdt_property(buf, "#address-cells", &cells2, 4));
	SW(fdt_property(buf, "#size-cells", &cells2, 4));
	SW(fdt_property(buf, "ranges", NULL, 0));
	for (i = 0; i < n; i++) {
		unsigned long long a = base + (unsigned long long)i * stride;
		fdt64_t reg[2] = { cpu_to_fdt64(a), cpu_to_fdt64(size) };

		snprintf(name, sizeof(name), "r%ld@%llx", i, a);
		SW(fdt_begin_node(buf, name));
		SW(fdt_property(buf, "reg", reg, sizeof(reg)));
		SW(fdt_end_node(buf));
	}
	SW(fdt_end_node(buf));
	SW(fdt_end_node(buf));
	SW(fdt_finish(buf));
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, fdt_totalsize(buf), f) != fdt_totalsize(buf) || fclose(f)) {
		perror(path);
		return 2;
	}
	free(buf);
	return 0;
}

static int cmd_plan(const char *path, const char *profile, long iters, long arena_mib)
{
	struct mp_input in;
	struct mp_arena arena;
	struct mp_plan *plan = NULL;
	size_t len, asize = (size_t)arena_mib << 20;
	void *dtb = load(path, &len), *mem;
	double t, total = 0, best = 1e30;
	int ret = 0;
	long i;

	memset(&in, 0, sizeof(in));
	if (mp_profile_parse(profile, &in.profile) < 0 ||
	    mp_kconfig_defaults(in.profile, &in.kc) < 0) {
		fprintf(stderr, "bad profile %s\n", profile);
		return 2;
	}
	in.fdt = dtb;
	in.fdt_len = len;
	in.strict = true;
	mem = malloc(asize);
	if (!mem) {
		perror("malloc arena");
		return 2;
	}
	for (i = 0; i < iters; i++) {
		mp_arena_init(&arena, mem, asize);
		t = now_us();
		ret = mp_plan_build(&in, &arena, &plan);
		t = now_us() - t;
		total += t;
		if (t < best)
			best = t;
		if (ret < 0)
			break;
	}
	printf("ret=%d iters=%ld mean_us=%.1f min_us=%.1f rmem=%zu mb_reserved=%zu "
	       "mb_memory=%zu arena_used_mib=%.1f\n",
	       ret, i < iters ? i + 1 : iters, total / (i < iters ? i + 1 : iters), best,
	       plan ? plan->nr_rmem : 0, plan ? plan->nr_mb_reserved : 0,
	       plan ? plan->nr_mb_memory : 0, arena.used / 1048576.0);
	if (ret < 0 && plan && plan->error)
		fprintf(stderr, "bench_plan: %s: %s\n", path, plan->error);
	free(mem);
	free(dtb);
	return ret < 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "gendts"))
		return cmd_gendts(strtol(argv[2], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "gendtb"))
		return cmd_gendtb(strtol(argv[2], NULL, 0), argv[3]);
	if (argc == 6 && !strcmp(argv[1], "plan"))
		return cmd_plan(argv[2], argv[3], strtol(argv[4], NULL, 0),
				strtol(argv[5], NULL, 0));
	fprintf(stderr, "usage: %s plan DTB PROFILE ITERS ARENA_MIB | gendts N | gendtb N OUT\n", argv[0]);
	return 2;
}
