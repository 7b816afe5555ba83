// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_kconfig.c - libFuzzer target for planner/cli/kconfig.c: the input is a
 * kernel .config.  Like cli_kconfig_load(), an input holding a NUL byte is
 * refused as binary.  The text is parsed over the defaults of every profile,
 * each time from a fresh writable, NUL-terminated, exact-size heap copy (the
 * parser unescapes strings in place and CONFIG_CMDLINE points into the
 * copy).  The configuration of one profile, picked by the input length, is
 * then planned for the minimal DTB of fuzz_dtb.h: values the reader lets
 * through (NR_CPUS=4294967295, a huge CMA_SIZE_MBYTES, a CONFIG_CMDLINE, a VA
 * or PA size the core must refuse) reach the core as they would from
 * `memplan plan --kconfig`.  Input with the gzip magic goes through
 * cli_gunzip() first, as cli_kconfig_load() takes /proc/config.gz (output
 * capped at 1 MiB here, to keep runs fast; the CLI allows 64 MiB).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_dtb.h"
#include "kconfig.h"
#include "memplan.h"
#include "util.h"

#define GUNZIP_MAX (1u << 20)

/* the input as the NUL-terminated text the readers take (they modify it) */
static char *text_of(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned planned = size % MP_PROFILE_COUNT;
	char err[256], *unzipped = NULL;
	size_t len;
	unsigned p;

	if (cli_is_gzip((const char *)data, size)) {
		if (cli_gunzip((const char *)data, size, GUNZIP_MAX, &unzipped, &len, err,
			       sizeof(err)))
			return 0;
		if (len > GUNZIP_MAX || unzipped[len] != '\0')
			abort();	/* the documented contract of cli_gunzip() */
		data = (const uint8_t *)unzipped;
		size = len;
	}
	if (memchr(data, '\0', size)) {
		free(unzipped);
		return 0;
	}
	{
		/* the check cli_kconfig_load() makes before the lines are applied */
		struct cli_kconfig_ident id;
		char *text = text_of(data, size);

		if (!cli_kconfig_identify(text, "fuzz.config", &id, err, sizeof(err)) &&
		    (memchr(id.arch, '\0', sizeof(id.arch)) == NULL ||
		     memchr(id.version, '\0', sizeof(id.version)) == NULL))
			abort();
		free(text);
	}
	for (p = 0; p < MP_PROFILE_COUNT; p++) {
		struct mp_input in;
		char *text = text_of(data, size);

		memset(&in, 0, sizeof(in));
		in.profile = (enum mp_profile)p;
		if (mp_kconfig_defaults(in.profile, &in.kc) < 0)
			abort();
		/* strict like cli_plan_load(); the parse may fail part-way, which
		 * leaves @kc as far as it got: plan only what the CLI would */
		in.strict = true;
		if (!cli_kconfig_parse(&in.kc, text, "fuzz.config", err, sizeof(err)) &&
		    p == planned)
			fuzz_plan_min(&in);
		free(text);
	}
	free(unzipped);
	return 0;
}
