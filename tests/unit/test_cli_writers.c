// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * test_cli_writers.c - the CLI's writers (text, JSON, SVG, DTS) render a
 * hand-built struct mp_plan faithfully: JSON parses (jansson) and follows
 * "memplan-plan/1" (hex strings, inclusive ends, required members, string
 * escaping), the DTS compiles with dtc, the SVG is well-formed, the text
 * shows every region, gap and decision.
 */
#define _GNU_SOURCE
#include <jansson.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "writers.h"
#include "tap.h"


#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

/* A log line, a message and a reason that need JSON escaping. */
static const char nasty[] = "quote \" backslash \\ tab \t nl \n ctl \x01 del \x7f "
			    "micro \xc2\xb5 bad \xff end";

static struct mp_range tz_regs[] = { { 0x7e000000, 32 * MiB } };
static struct mp_range multi_regs[] = { { 0x50000000, 1 * MiB }, { 0x50200000, 2 * MiB } };
static struct mp_range vpu_ranges[] = { { 0x40000000, 1 * GiB } };

static struct mp_rmem rmem[] = {
	{ .path = "/reserved-memory/tz@7e000000",
	  .name = "tz@7e000000",
	  .kind = MP_RMEM_STATIC,
	  .base = 0x7e000000,
	  .size = 32 * MiB,
	  .regs = tz_regs,
	  .nr_regs = 1,
	  .no_map = true,
	  .status = MP_RMEM_RESERVED },
	{ .path = "/reserved-memory/linux,cma",
	  .name = "linux,cma",
	  .kind = MP_RMEM_DYNAMIC,
	  .base = 0x13c000000,
	  .size = 64 * MiB,
	  .reusable = true,
	  .cma_default = true,
	  .compatible = "shared-dma-pool",
	  .align = 2 * MiB,
	  .status = MP_RMEM_RESERVED,
	  .init = "cma" },
	{ .path = "/reserved-memory/vpu",
	  .name = "vpu",
	  .kind = MP_RMEM_DYNAMIC,
	  .base = 0x7d800000,
	  .size = 8 * MiB,
	  .align = 64,
	  .alloc_ranges = vpu_ranges,
	  .nr_alloc_ranges = 1,
	  .status = MP_RMEM_RESERVED },
	{ .path = "/reserved-memory/multi@50000000",
	  .name = "multi@50000000",
	  .kind = MP_RMEM_STATIC,
	  .base = 0x50000000,
	  .size = 1 * MiB,
	  .regs = multi_regs,
	  .nr_regs = 2,
	  .compatible = "acme,\"odd\"",
	  .status = MP_RMEM_RESERVED },
	{ .path = "/reserved-memory/huge",
	  .name = "huge",
	  .kind = MP_RMEM_DYNAMIC,
	  .size = 8 * GiB,
	  .align = 4096,
	  .status = MP_RMEM_FAILED,
	  .reason = nasty },
	{ .path = "/reserved-memory/gone@60000000",
	  .name = "gone@60000000",
	  .kind = MP_RMEM_STATIC,
	  .base = 0x60000000,
	  .size = 4096,
	  .status = MP_RMEM_DROPPED,
	  .reason = "overlaps tz@7e000000" },
	{ .path = "/memreserve/[0]",
	  .name = "/memreserve/[0]",
	  .kind = MP_RMEM_MEMRESERVE,
	  .base = 0x48100000,
	  .size = 4096,
	  .status = MP_RMEM_RESERVED },
};

static struct mp_bank banks[] = {
	{ .base = 0x40000000, .size = 4 * GiB },
	{ .base = 0x880000000, .size = 1 * GiB },
};

static struct mp_alloc allocs[] = {
	{ 0x40200000, 32 * MiB, MP_ALLOC_KERNEL, "kernel [_text, _end)", false },
	{ 0x48000000, 64 * 1024, MP_ALLOC_FDT, "DTB", false },
	{ 0x48100000, 4096, MP_ALLOC_MEMRESERVE, "/memreserve/[0]", false },
	{ 0x7d800000, 8 * MiB, MP_ALLOC_RMEM, "vpu", false },
	{ 0x13c000000, 64 * MiB, MP_ALLOC_CMA, "linux,cma", false },
	{ 0x137f00000, 64 * MiB, MP_ALLOC_EARLY, "memmap", true },
	{ 0x13bff9000, 7 * 4096, MP_ALLOC_PGTABLE, "linear map tables", false },
	{ 0xf6000000, 128 * MiB, MP_ALLOC_CRASH_LOW, "crashkernel low", false },
	{ 0x8b0000000, 256 * MiB, MP_ALLOC_CRASH, "crashkernel", false },
};

static struct mp_map_range map_ranges[] = {
	{ 0x40000000, 0x7dffffff, MP_MAP_PTE },
	{ 0x80000000, 0xbfffffff, MP_MAP_PUD },
	{ 0xc0000000, 0x13fffffff, MP_MAP_CONT_PMD },
	{ 0x880000000, 0x8bfffffff, MP_MAP_PUD },
};

static struct mp_diag diags[] = {
	{ MP_SEV_ERROR, "rmem-no-space", nasty, "/reserved-memory/huge", false },
	{ MP_SEV_WARNING, "rmem-overlap", "gone@60000000 overlaps tz@7e000000",
	  "/reserved-memory/gone@60000000", false },
	{ MP_SEV_NOTE, "kconfig-defaults", "no --kconfig: linux-6.12 defaults apply", NULL, false },
};

static const char *log_lines[] = {
	"OF: reserved mem: 0x000000007e000000..0x000000007fffffff (32768 KiB) nomap non-reusable tz@7e000000",
	"crashkernel low memory reserved: 0xf6000000 - 0xfe000000 (128 MB)",
	"crashkernel reserved: 0x00000008b0000000 - 0x00000008c0000000 (256 MB)",
	"Zone ranges:",
	"  DMA      [mem 0x0000000040000000-0x00000000ffffffff]",
	"  DMA32    empty",
	"  Normal   [mem 0x0000000100000000-0x00000008bfffffff]",
	nasty,
};

static void build_plan(struct mp_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->profile = MP_LINUX_6_12;
	p->kc.page_shift = 12;
	p->kc.va_bits = 48;
	p->kc.pa_bits = 48;
	p->kc.zone_dma = p->kc.zone_dma32 = p->kc.cma = true;
	p->cmdline = "console=ttyAMA0 crashkernel=256M,high \"quoted\"";
	p->image.text = 0x40200000;
	p->image.size = 32 * MiB;
	p->image.text_assumed = true;
	p->fdt_base = 0x48000000;
	p->fdt_size = 64 * 1024;
	p->banks = banks;
	p->nr_banks = MP_ARRAY_SIZE(banks);
	p->dt_dma_max = MP_U64_MAX;
	p->dma_phys_limit = 0x100000000;
	p->zones[MP_ZONE_DMA] = (struct mp_zone){ true, false, 0x40000000, 0xffffffff };
	p->zones[MP_ZONE_DMA32] = (struct mp_zone){ true, true, 0, 0 };
	p->zones[MP_ZONE_NORMAL] = (struct mp_zone){ true, false, 0x100000000, 0x8bfffffff };
	p->rmem = rmem;
	p->nr_rmem = MP_ARRAY_SIZE(rmem);
	p->cma = (struct mp_cma){ .present = true,
				  .base = 0x13c000000,
				  .size = 64 * MiB,
				  .source = MP_CMA_DT,
				  .requested = 64 * MiB };
	p->crash = (struct mp_crash){ .request = "crashkernel=256M,high",
				      .size = 256 * MiB,
				      .low_request = 128 * MiB,
				      .is_high = true,
				      .low_max = 0x100000000,
				      .low_present = true,
				      .high_present = true,
				      .low_base = 0xf6000000,
				      .low_size = 128 * MiB,
				      .high_base = 0x8b0000000,
				      .high_size = 256 * MiB,
				      .status = MP_CRASH_RESERVED,
				      .deferred = false,
				      .deferred_reason = "ZONE_DMA limit known from the DT" };
	p->linmap = (struct mp_linmap){ .granule = 4096,
					.forced_pte = false,
					.ranges = map_ranges,
					.nr_ranges = MP_ARRAY_SIZE(map_ranges),
					.table_pages = 7 };
	p->allocs = allocs;
	p->nr_allocs = MP_ARRAY_SIZE(allocs);
	p->diags = diags;
	p->nr_diags = MP_ARRAY_SIZE(diags);
	p->log = log_lines;
	p->nr_log = MP_ARRAY_SIZE(log_lines);
}

typedef int (*writer_fn)(FILE *, const struct mp_plan *, const struct cli_render *);

/* Run a writer into memory; the result is malloc()ed and NUL-terminated. */
static char *render(writer_fn fn, const struct mp_plan *p, const struct cli_render *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int ret;

	if (!f)
		return NULL;
	ret = fn(f, p, r);
	fclose(f);
	if (ret) {
		free(buf);
		return NULL;
	}
	return buf;
}

static bool matches(const char *re, const char *s)
{
	regex_t rx;
	bool ok;

	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB))
		return false;
	ok = s && !regexec(&rx, s, 0, NULL, 0);
	regfree(&rx);
	return ok;
}

#define ADDR_RE "^0x[0-9a-f]{16}$"
#define SIZE_RE "^0x([1-9a-f][0-9a-f]*|0)$"

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool is_addr(json_t *o, const char *key)
{
	return matches(ADDR_RE, jstr(o, key));
}

static bool is_size(json_t *o, const char *key)
{
	return matches(SIZE_RE, jstr(o, key));
}

static unsigned long long hexval(json_t *o, const char *key)
{
	const char *s = jstr(o, key);

	return s ? strtoull(s, NULL, 16) : 0;
}

static void test_json_schema_and_formats(void)
{
	struct cli_render r = { .input_name = "board.dtb" };
	static const char *const required[] = { "schema",	   "memory",	  "zones",
						"reserved_memory", "consumers", "cma",	  "crashkernel",
						"linear_map",	   "diagnostics", "kernel_log" };
	static const char *const order[] = { "schema",	       "profile",	  "cmdline",
					     "kconfig_source", "inputs", "memory",	  "zones",
					     "dma_limit",      "reserved_memory", "consumers", "cma",
					     "crashkernel",    "linear_map",	  "allocations",
					     "diagnostics",    "kernel_log" };
	struct mp_plan p;
	json_error_t err;
	json_t *root, *a, *o;
	const char *key;
	size_t i, k = 0;
	char *out;

	build_plan(&p);
	out = render(cli_write_json, &p, &r);
	CHECK(out != NULL, "writer failed");
	if (!out)
		return;
	root = json_loads(out, JSON_REJECT_DUPLICATES, &err);
	CHECK(root != NULL, "JSON does not parse: line %d: %s", err.line, err.text);
	if (!root) {
		fputs(out, stderr);
		free(out);
		return;
	}
	for (i = 0; i < MP_ARRAY_SIZE(required); i++)
		CHECK(json_object_get(root, required[i]) != NULL, "missing member %s", required[i]);
	json_object_foreach(root, key, o)
	{
		CHECK(k < MP_ARRAY_SIZE(order) && !strcmp(key, order[k]), "member %zu is %s", k,
		      key);
		k++;
	}
	CHECK(!strcmp(jstr(root, "schema"), "memplan-plan/1"), "schema");
	CHECK(!strcmp(jstr(root, "profile"), "linux-6.12"), "profile %s", jstr(root, "profile"));
	CHECK(!strcmp(jstr(root, "cmdline"), p.cmdline), "cmdline round trip");
	CHECK(is_addr(root, "dma_limit"), "dma_limit %s", jstr(root, "dma_limit"));

	a = json_object_get(root, "memory");
	CHECK(json_array_size(a) == 2, "memory banks");
	json_array_foreach(a, i, o)
	{
		CHECK(is_addr(o, "base") && is_size(o, "size"), "bank %zu formats", i);
		CHECK(json_is_boolean(json_object_get(o, "nomap")), "bank nomap");
	}
	CHECK(!strcmp(jstr(json_array_get(a, 1), "base"), "0x0000000880000000"), "bank 1 base");
	CHECK(!strcmp(jstr(json_array_get(a, 1), "size"), "0x40000000"), "bank 1 size");

	o = json_object_get(root, "zones");
	CHECK(json_is_object(json_object_get(o, "DMA")), "DMA zone");
	CHECK(json_is_null(json_object_get(o, "DMA32")), "empty DMA32 is null");
	CHECK(!strcmp(jstr(json_object_get(o, "DMA"), "end"), "0x00000000ffffffff"),
	      "zone end inclusive");
	CHECK(is_addr(json_object_get(o, "Normal"), "start"), "Normal start");

	a = json_object_get(root, "reserved_memory");
	CHECK(json_array_size(a) == MP_ARRAY_SIZE(rmem), "one entry per region");
	json_array_foreach(a, i, o)
	{
		const char *kind = jstr(o, "kind"), *st = jstr(o, "status");

		CHECK(!strcmp(jstr(o, "path"), rmem[i].path), "DT order %zu", i);
		CHECK(kind && (!strcmp(kind, "static") || !strcmp(kind, "dynamic") ||
			       !strcmp(kind, "memreserve")),
		      "kind %s", kind);
		CHECK(st && strstr("reserved failed dropped freed", st), "status %s", st);
		CHECK(is_addr(o, "base") || json_is_null(json_object_get(o, "base")), "base");
		CHECK(is_size(o, "size"), "size %s", jstr(o, "size"));
		CHECK(json_is_boolean(json_object_get(o, "no_map")) &&
			      json_is_boolean(json_object_get(o, "reusable")),
		      "flags");
		CHECK(json_object_get(o, "compatible") && json_object_get(o, "reason") &&
			      json_object_get(o, "name"),
		      "members present");
	}
	CHECK(!strcmp(jstr(json_array_get(a, 6), "kind"), "memreserve"), "memreserve kind");
	CHECK(json_is_null(json_object_get(json_array_get(a, 4), "base")), "failed dynamic");
	CHECK(!strcmp(jstr(json_array_get(a, 4), "reason"), nasty) == false,
	      "invalid UTF-8 cannot round-trip byte-exactly");
	CHECK(!strcmp(jstr(json_array_get(a, 3), "compatible"), "acme,\"odd\""),
	      "compatible escaping");
	CHECK(json_array_size(json_object_get(json_array_get(a, 3), "regs")) == 2, "regs");

	o = json_object_get(root, "cma");
	CHECK(is_addr(o, "base") && is_size(o, "size") && !strcmp(jstr(o, "source"), "dt"), "cma");

	o = json_object_get(root, "crashkernel");
	CHECK(!strcmp(jstr(o, "request"), "crashkernel=256M,high"), "crash request");
	CHECK(json_is_false(json_object_get(o, "deferred")), "deferred");
	CHECK(!strcmp(jstr(o, "status"), "reserved"), "crash status");
	CHECK(is_addr(json_object_get(o, "low"), "base") &&
		      is_size(json_object_get(o, "low"), "size"),
	      "crash low");
	CHECK(hexval(json_object_get(o, "high"), "base") == 0x8b0000000ULL, "crash high");

	o = json_object_get(root, "linear_map");
	CHECK(!strcmp(jstr(o, "granule"), "0x1000"), "granule");
	CHECK(json_integer_value(json_object_get(o, "table_pages")) == 7, "table_pages");
	CHECK(json_is_null(json_object_get(o, "forced_reason")), "forced_reason null");
	a = json_object_get(o, "ranges");
	CHECK(json_array_size(a) == MP_ARRAY_SIZE(map_ranges), "map ranges");
	json_array_foreach(a, i, o)
	{
		CHECK(is_addr(o, "start") && is_addr(o, "end"), "range formats");
		CHECK((hexval(o, "end") & 0xfff) == 0xfff, "range end inclusive");
		CHECK(matches("^(pud|cont_pmd|pmd|cont_pte|pte)$", jstr(o, "mapping")),
		      "mapping %s", jstr(o, "mapping"));
	}

	a = json_object_get(root, "allocations");
	CHECK(json_array_size(a) == MP_ARRAY_SIZE(allocs), "allocations");
	o = json_array_get(a, 1);
	CHECK(!strcmp(jstr(o, "end"), "0x000000004800ffff") && !strcmp(jstr(o, "kind"), "fdt"),
	      "allocation end inclusive");

	a = json_object_get(root, "diagnostics");
	CHECK(json_array_size(a) == 3, "diagnostics");
	CHECK(!strcmp(jstr(json_array_get(a, 0), "severity"), "error"), "severity");
	CHECK(json_object_get(json_array_get(a, 2), "path") == NULL, "path omitted when NULL");
	CHECK(!strcmp(jstr(json_array_get(a, 1), "path"), "/reserved-memory/gone@60000000"),
	      "path");

	a = json_object_get(root, "kernel_log");
	CHECK(json_array_size(a) == MP_ARRAY_SIZE(log_lines), "kernel_log");
	for (i = 0; i + 1 < MP_ARRAY_SIZE(log_lines); i++)
		CHECK(!strcmp(json_string_value(json_array_get(a, i)), log_lines[i]),
		      "log line %zu round trip", i);
	/* the invalid byte 0xff comes back as U+00FF, everything else byte-exact */
	CHECK(!strcmp(json_string_value(json_array_get(a, i)),
		      "quote \" backslash \\ tab \t nl \n ctl \x01 del \x7f micro \xc2\xb5 bad "
		      "\xc3\xbf end"),
	      "escaping round trip");
	CHECK(strstr(out, "\\u0001") && strstr(out, "\\u00ff") && strstr(out, "\xc2\xb5"),
	      "escapes as specified");

	json_decref(root);
	free(out);
}

static void test_json_no_crash_no_cma(void)
{
	struct mp_plan p;
	json_error_t err;
	json_t *root, *c;
	char *out;

	build_plan(&p);
	p.cma.present = false;
	p.crash = (struct mp_crash){ .status = MP_CRASH_NONE };
	p.nr_rmem = p.nr_allocs = p.nr_diags = p.nr_log = 0;
	p.linmap.nr_ranges = 0;
	out = render(cli_write_json, &p, NULL);
	root = out ? json_loads(out, 0, &err) : NULL;
	CHECK(root != NULL, "parse");
	if (!root) {
		free(out);
		return;
	}
	CHECK(json_is_null(json_object_get(root, "cma")), "cma null");
	c = json_object_get(root, "crashkernel");
	CHECK(json_is_object(c) && json_is_null(json_object_get(c, "request")) &&
		      json_is_null(json_object_get(c, "low")) &&
		      json_is_null(json_object_get(c, "high")) &&
		      !strcmp(jstr(c, "status"), "none"),
	      "crash none");
	CHECK(json_array_size(json_object_get(root, "reserved_memory")) == 0, "empty array");
	CHECK(strstr(out, "\"reserved_memory\": []") != NULL, "empty array compact");
	json_decref(root);
	free(out);
}

static void test_text_shows_regions_gaps_decisions(void)
{
	struct cli_render r = { .input_name = "board.dtb" };
	struct mp_plan p;
	char *out;

	build_plan(&p);
	out = render(cli_write_text, &p, &r);
	CHECK(out != NULL, "writer");
	if (!out)
		return;
	CHECK(strstr(out, "0x000000007e000000 0x000000007fffffff      32 MiB") != NULL, "tz row");
	CHECK(strstr(out, "tz@7e000000") && strstr(out, "linux,cma") && strstr(out, "vpu") &&
		      strstr(out, "/memreserve/[0]"),
	      "every region");
	CHECK(strstr(out, "multi@50000000 reg[1]") != NULL, "second reg entry");
	CHECK(strstr(out, "free") != NULL, "free gaps");
	/* the gap between the 2nd crash region's end and bank 1's start is free: 768 MiB */
	CHECK(strstr(out, "0x0000000880000000 0x00000008afffffff     768 MiB  free") != NULL,
	      "free gap in bank 1");
	CHECK(strstr(out, "zone DMA ") && strstr(out, "zone Normal") && !strstr(out, "zone DMA32"),
	      "zone rules");
	CHECK(strstr(out, "huge") && strstr(out, "Not placed"), "failed region listed");
	CHECK(strstr(out, "dropped: overlaps") != NULL, "dropped status and reason");
	CHECK(strstr(out, "Decisions") && strstr(out, "crashkernel=256M,high: reserved"),
	      "crash decision");
	CHECK(strstr(out, "7 table pages (28 KiB)") != NULL, "table pages");
	CHECK(strstr(out, "1 error, 1 warning, 1 note") != NULL, "diag summary");
	CHECK(strchr(out, '\033') == NULL, "no colour unless asked");
	free(out);

	r.color = true;
	out = render(cli_write_text, &p, &r);
	CHECK(out && strchr(out, '\033') != NULL, "colour when asked");
	free(out);
}

/* Write @text to a temporary file; returns its malloc()ed name. */
static char *to_tmpfile(const char *text, const char *suffix)
{
	char *name;
	int fd;

	if (asprintf(&name, "/tmp/memplan-test-XXXXXX%s", suffix) < 0)
		return NULL;
	fd = mkstemps(name, (int)strlen(suffix));
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		if (fd >= 0)
			close(fd);
		free(name);
		return NULL;
	}
	close(fd);
	return name;
}

/* Run a shell command; returns its exit status and its output (stdout+stderr). */
static int run(const char *cmd, char *out, size_t len)
{
	FILE *p = popen(cmd, "r");
	size_t n = 0;
	int st;

	if (!p)
		return -1;
	while (n + 1 < len && fgets(out + n, (int)(len - n), p))
		n += strlen(out + n);
	out[n] = '\0';
	while (fgetc(p) != EOF)
		;
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_dts_compiles_with_dtc(void)
{
	char cmd[512], msg[4096], *out, *name;
	struct mp_plan p;
	int st;

	build_plan(&p);
	out = render(cli_write_dts, &p, NULL);
	CHECK(out != NULL, "writer");
	if (!out)
		return;
	CHECK(strstr(out, "/memreserve/ 0x0000000048100000 0x0000000000001000;") != NULL,
	      "memreserve kept");
	CHECK(strstr(out, "vpu@7d800000 {") != NULL, "dynamic region pinned at its address");
	CHECK(strstr(out, "reg = <0x0 0x50000000 0x0 0x100000>, <0x0 0x50200000 0x0 0x200000>;"),
	      "all reg entries");
	CHECK(strstr(out, "linux,usable-memory-range") != NULL, "crash hint");
	name = to_tmpfile(out, ".dts");
	CHECK(name != NULL, "tmpfile");
	if (name) {
		snprintf(cmd, sizeof(cmd), "dtc -I dts -O dtb -o /dev/null %s 2>&1", name);
		st = run(cmd, msg, sizeof(msg));
		CHECK(st == 0 && !msg[0], "dtc: status %d: %s", st, msg);
		if (st || msg[0])
			fputs(out, stderr);
		unlink(name);
		free(name);
	}
	free(out);
}

static void test_svg_is_well_formed(void)
{
	struct cli_render r = { .input_name = "board.dtb" };
	char cmd[512], msg[4096], *out, *name;
	struct mp_plan p;
	int s;

	build_plan(&p);
	for (s = CLI_SVG_LINEAR; s <= CLI_SVG_LOG; s++) {
		r.svg_scale = s;
		out = render(cli_write_svg, &p, &r);
		CHECK(out != NULL, "writer");
		if (!out)
			continue;
		CHECK(!strncmp(out, "<?xml", 5) && strstr(out, "</svg>"), "SVG document");
		CHECK(!strstr(out, "<script") && !strstr(out, "@import") &&
			      !strstr(out, "href=\"http"),
		      "self-contained");
		CHECK(strstr(out, "tz@7e000000") && strstr(out, "crashkernel") &&
			      strstr(out, "acme,&quot;odd&quot;") == NULL,
		      "labels");
		name = to_tmpfile(out, ".svg");
		if (name && !system("command -v python3 >/dev/null 2>&1")) {
			snprintf(cmd, sizeof(cmd),
				 "python3 -c 'import sys, xml.dom.minidom; "
				 "xml.dom.minidom.parse(sys.argv[1])' %s 2>&1",
				 name);
			CHECK(run(cmd, msg, sizeof(msg)) == 0, "XML: %s", msg);
		}
		if (name && getenv("MEMPLAN_TEST_KEEP_SVG")) {
			snprintf(cmd, sizeof(cmd), "cp %s %s.%d.svg", name,
				 getenv("MEMPLAN_TEST_KEEP_SVG"), s);
			CHECK(system(cmd) == 0, "keep");
		}
		if (name)
			unlink(name);
		free(name);
		free(out);
	}
}

/*
 * A plan as the biggest upstream DTs give (sm8550: dozens of carve-outs, nine
 * warnings that differ only in the node): 30 regions with long node names,
 * half of them failed with a long reason, two that got no address, 30 long
 * diagnostics (some the same message of other nodes, one reported twice, one
 * with XML metacharacters) and a ZONE_DMA32 of one free stretch among many.
 */
#define NR_MANY 30
static char many_path[NR_MANY][96], many_msg[NR_MANY][320];
static struct mp_range many_regs[NR_MANY];
static struct mp_rmem many_rmem[NR_MANY + 2];
static struct mp_diag many_diags[NR_MANY + 1];
static struct mp_bank many_banks[] = { { .base = 0x80000000, .size = 4 * GiB } };

static const char long_reason[] =
	"no-map range overlaps memory that is already reserved (EBUSY): it stays ordinary, "
	"allocatable RAM - but only because the Image was assumed at 0x80200000 and the "
	"DTB at 0x88000000; pass --image-base/--fdt-base with the real placement";

static void build_many(struct mp_plan *p)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	p->profile = MP_LINUX_6_12;
	p->cmdline = "crashkernel=256M";
	p->banks = many_banks;
	p->nr_banks = MP_ARRAY_SIZE(many_banks);
	p->zones[MP_ZONE_DMA] = (struct mp_zone){ true, false, 0x80000000, 0xbfffffff };
	p->zones[MP_ZONE_DMA32] = (struct mp_zone){ true, false, 0xc0000000, 0xffffffff };
	p->zones[MP_ZONE_NORMAL] = (struct mp_zone){ true, false, 0x100000000, 0x17fffffff };
	for (i = 0; i < NR_MANY; i++) {
		mp_u64 base = 0x80000000 + i * 0x1000000;

		snprintf(many_path[i], sizeof(many_path[i]),
			 "/reserved-memory/qcom-secure-firmware-carveout-with-a-long-name-%02zu@%llx",
			 i, (unsigned long long)base);
		many_regs[i] = (struct mp_range){ base, 2 * MiB };
		many_rmem[i] = (struct mp_rmem){ .path = many_path[i],
						 .name = strrchr(many_path[i], '/') + 1,
						 .kind = MP_RMEM_STATIC,
						 .base = base,
						 .size = 2 * MiB,
						 .regs = &many_regs[i],
						 .nr_regs = 1,
						 .no_map = true,
						 .status = i % 2 ? MP_RMEM_FAILED : MP_RMEM_RESERVED,
						 .reason = i % 2 ? long_reason : NULL };
		/* every third its own message; the others one message of many nodes */
		if (i % 3 == 0)
			snprintf(many_msg[i], sizeof(many_msg[i]),
				 "region %02zu overlaps region %02zu at 0x%llx: the kernel keeps the "
				 "first and reports -EBUSY for the second, so the driver that probes "
				 "it later fails with a message far from this cause <&> %02zu",
				 i, i + 1, (unsigned long long)base, i);
		else
			snprintf(many_msg[i], sizeof(many_msg[i]), "%s", long_reason);
		many_diags[i] = (struct mp_diag){ i % 3 ? MP_SEV_WARNING : MP_SEV_ERROR,
						  i % 3 ? "rmem-reserve-failed-assumed" :
							  "rmem-overlap",
						  many_msg[i], many_path[i], false };
	}
	many_diags[NR_MANY] = many_diags[1]; /* the same diagnostic twice */
	many_rmem[NR_MANY] = (struct mp_rmem){ .path = "/reserved-memory/dynamic-pool-that-"
						       "never-found-room-anywhere-in-ram",
					       .kind = MP_RMEM_DYNAMIC,
					       .size = 8 * GiB,
					       .status = MP_RMEM_FAILED,
					       .reason = long_reason };
	many_rmem[NR_MANY + 1] = many_rmem[NR_MANY];
	many_rmem[NR_MANY + 1].path = "/reserved-memory/second-dynamic-pool";
	p->rmem = many_rmem;
	p->nr_rmem = MP_ARRAY_SIZE(many_rmem);
	p->diags = many_diags;
	p->nr_diags = MP_ARRAY_SIZE(many_diags);
}

/*
 * Long diagnostics in full and wrapped, nothing off the canvas, no two
 * warning lines alike, ZONE_DMA32 named on both scales where it fits:
 * tests/unit/svg_layout_check.py reads the SVG.
 */
static void test_svg_long_diagnostics_fit(void)
{
	struct cli_render r = { .input_name = "many.dtb" };
	char cmd[1024], msg[8192], *out, *svg, *want;
	struct mp_plan p;
	size_t i;
	FILE *f;
	int s;

	build_many(&p);
	if (system("command -v python3 >/dev/null 2>&1")) {
		CHECK(0, "python3 is needed to read the SVG");
		return;
	}
	want = to_tmpfile("", ".txt");
	f = want ? fopen(want, "w") : NULL;
	CHECK(f != NULL, "expectations file");
	if (!f)
		return;
	for (i = 0; i < p.nr_diags; i++)
		fprintf(f, "%s\n%s\n", p.diags[i].message, p.diags[i].path);
	for (i = NR_MANY; i < p.nr_rmem; i++)
		fprintf(f, "%s\n%s\n", p.rmem[i].path, p.rmem[i].reason);
	fclose(f);
	for (s = CLI_SVG_LINEAR; s <= CLI_SVG_LOG; s++) {
		r.svg_scale = s;
		out = render(cli_write_svg, &p, &r);
		CHECK(out != NULL, "writer");
		svg = out ? to_tmpfile(out, ".svg") : NULL;
		if (svg) {
			snprintf(cmd, sizeof(cmd),
				 "python3 tests/unit/svg_layout_check.py %s %s%s 2>&1 | head -20", svg,
				 want, s == CLI_SVG_LOG ? " --zone ZONE_DMA32 --zone ZONE_DMA" : "");
			run(cmd, msg, sizeof(msg));
			CHECK(!msg[0], "%s scale:\n%s", s == CLI_SVG_LOG ? "log" : "linear", msg);
			if (getenv("MEMPLAN_TEST_KEEP_SVG")) {
				snprintf(cmd, sizeof(cmd), "cp %s %s.many.%d.svg", svg,
					 getenv("MEMPLAN_TEST_KEEP_SVG"), s);
				CHECK(system(cmd) == 0, "keep");
			}
			unlink(svg);
		}
		free(svg);
		free(out);
	}
	unlink(want);
	free(want);
}

/* a bounded buffer that counts what does not fit, as the kernel's debugfs file uses */
struct bounded {
	char buf[512];
	size_t len;
};

static void bounded_write(void *ctx, const char *s, size_t len)
{
	struct bounded *b = ctx;

	if (b->len < sizeof(b->buf))
		memcpy(b->buf + b->len, s,
		       len < sizeof(b->buf) - b->len ? len : sizeof(b->buf) - b->len);
	b->len += len;
}

static void file_sink(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, ctx);
}

/* The core's writer through any sink: the CLI's bytes, with the caller's kconfig_source. */
static void test_json_core_sink(void)
{
	struct cli_render r = { .input_name = "board.dtb", .kconfig_source = "/boot/config" };
	struct bounded b = { .len = 0 };
	struct mp_sink sink = { bounded_write, &b };
	struct mp_plan p;
	char *cli, *kernel;
	size_t n;
	FILE *f;

	build_plan(&p);
	cli = render(cli_write_json, &p, &r);
	CHECK(cli && strstr(cli, "\n  \"kconfig_source\": \"/boot/config\",\n"), "path given");
	mp_write_json(&p, "/boot/config", &sink);
	n = cli ? strlen(cli) : 0;
	CHECK(b.len == n, "sink saw %zu bytes, the CLI wrote %zu", b.len, n);
	CHECK(cli && !memcmp(b.buf, cli, n < sizeof(b.buf) ? n : sizeof(b.buf)), "same bytes");
	free(cli);

	/* no source named: where the facts came from, for the profile */
	kernel = NULL;
	f = open_memstream(&kernel, &n);
	if (f) {
		mp_write_json(&p, NULL, &(struct mp_sink){ file_sink, f });
		fclose(f);
	}
	CHECK(kernel && strstr(kernel, "\"kconfig_source\": \"defaults:linux-6.12\""),
	      "defaults fallback");
	free(kernel);
}

int main(void)
{
	test_json_schema_and_formats();
	test_json_no_crash_no_cma();
	test_json_core_sink();
	test_text_shows_regions_gaps_decisions();
	test_dts_compiles_with_dtc();
	test_svg_is_well_formed();
	test_svg_long_diagnostics_fit();
	return DONE();
}
