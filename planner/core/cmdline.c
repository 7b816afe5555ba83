// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * cmdline.c - the command line: how boot_command_line is formed
 * (early_init_dt_scan_chosen(), drivers/of/fdt.c), the early parameters that
 * change memory placement (parse_early_param() -> parse_args(), kernel/params.c)
 * and crashkernel= (kernel/crash_core.c 6.1, kernel/crash_reserve.c 6.12;
 * docs/kernel-model.md §5), which scans the raw string, not parse_args' tokens.
 */
#include "cmdline.h"

/* ---- boot_command_line ------------------------------------------------- */

static int form_line(struct mp_ctx *ctx, const char *bootargs, size_t bootargs_len,
		     struct mp_cmdline_facts *cl)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	const char *src = ctx->in->cmdline ? ctx->in->cmdline : bootargs;
	size_t n = src ? mp_strlen(src) : 0;
	char *line;

	(void)bootargs_len;
	if (n >= MP_COMMAND_LINE_SIZE) {
		if (ctx->in->strict)
			return mp_fail(ctx, -MP_ERR_BADCMDLINE,
				       "%s: command line is %zu bytes; arm64 COMMAND_LINE_SIZE is "
				       "%d, the kernel would silently keep only the first %d",
				       ctx->in->cmdline ? "--cmdline" : "/chosen/bootargs", n,
				       MP_COMMAND_LINE_SIZE, MP_COMMAND_LINE_SIZE - 1);
		mp_diag(ctx, MP_SEV_WARNING, "cmdline-truncated", "/chosen",
			"command line of %zu bytes truncated to %d like strscpy() does", n,
			MP_COMMAND_LINE_SIZE - 1);
		n = MP_COMMAND_LINE_SIZE - 1;
	}
	line = mp_arena_alloc(ctx->arena, MP_COMMAND_LINE_SIZE + 1, 1);
	if (!line)
		return mp_fail(ctx, -MP_ERR_NOSPACE, "arena exhausted");
	if (src)
		mp_memcpy(line, src, n);
	line[n] = '\0';

	/* CONFIG_CMDLINE: EXTEND appends, FORCE replaces, else only if empty */
	if (kc->builtin_cmdline && kc->builtin_cmdline[0]) {
		const char *b = kc->builtin_cmdline;
		size_t bl = mp_strlen(b);

		if (kc->cmdline_mode == MP_CMDLINE_FORCE || !line[0]) {
			n = mp_min(bl, MP_COMMAND_LINE_SIZE - 1);
			mp_memcpy(line, b, n);
			line[n] = '\0';
		} else if (kc->cmdline_mode == MP_CMDLINE_EXTEND) {
			/* strlcat(" ") then strlcat(CONFIG_CMDLINE) */
			if (n < MP_COMMAND_LINE_SIZE - 1)
				line[n++] = ' ';
			while (*b && n < MP_COMMAND_LINE_SIZE - 1)
				line[n++] = *b++;
			line[n] = '\0';
		}
	}
	cl->line = line;
	return 0;
}

/* ---- parse_args() tokens ---------------------------------------------- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* parameq(): '-' and '_' are the same in parameter names */
/* parse_option_str(): @word is one of the comma-separated words of @list */
static bool has_word(const char *list, const char *word)
{
	size_t n = mp_strlen(word);

	while (*list) {
		size_t i = 0;

		while (list[i] && list[i] != ',')
			i++;
		if (i == n && !mp_memcmp(list, word, n))
			return true;
		list += i + (list[i] == ',');
	}
	return false;
}

static bool parameq(const char *a, const char *b)
{
	for (; *a || *b; a++, b++) {
		char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;

		if (x != y)
			return false;
	}
	return true;
}

/* kstrtobool(): y/Y/1/on true, n/N/0/off false */
static int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -MP_EINVAL;
	switch (s[0]) {
	case 'y':
	case 'Y':
	case '1':
		*res = true;
		return 0;
	case 'n':
	case 'N':
	case '0':
		*res = false;
		return 0;
	case 'o':
	case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	}
	return -MP_EINVAL;
}

static void early_param(struct mp_ctx *ctx, struct mp_cmdline_facts *cl, const char *param,
			const char *val)
{
	const struct mp_kconfig *kc = &ctx->in->kc;
	const char *p;

	if (parameq(param, "mem")) {
		/* early_mem(), arch/arm64/mm/init.c */
		if (!val)
			return;
		cl->mem_limit = mp_round_down(mp_memparse(val, &p), ctx->page_size);
		cl->mem_set = true;
		mp_log(ctx, "Memory limited to %lluMB", (unsigned long long)(cl->mem_limit >> 20));
	} else if (parameq(param, "rodata")) {
		/* set_debug_rodata() + arch_parse_debug_rodata() */
		cl->rodata_arg = val;
		if (val && mp_streq(val, "full"))
			cl->rodata_full = true;
		else if (val && (mp_streq(val, "on") || mp_streq(val, "off")))
			cl->rodata_full = false;
		else
			mp_log(ctx, "Invalid option string for rodata: '%s'", val ? val : "(null)");
	} else if (parameq(param, "kfence.sample_interval")) {
		/* parse_kfence_early_init(): get_option() */
		if (kc->kfence && val) {
			const char *s = val;
			bool neg = *s == '-';
			mp_u64 v;

			if (neg)
				s++;
			v = mp_simple_strtoull(s, &p);
			if (p != s)
				cl->kfence_early = v != 0;
		}
	} else if (parameq(param, "debug_pagealloc")) {
		bool en = false;

		if (kc->debug_pagealloc && !kstrtobool(val, &en))
			cl->debug_pagealloc = en;
	} else if (parameq(param, "cma")) {
		/* early_cma(), kernel/dma/contiguous.c */
		if (!val) {
			mp_log(ctx, "cma: Config string not provided");
			return;
		}
		cl->cma_set = true;
		cl->cma_base = cl->cma_limit = 0;
		cl->cma_size = mp_memparse(val, &p);
		if (*p != '@')
			return;
		cl->cma_base = mp_memparse(p + 1, &p);
		if (*p != '-') {
			cl->cma_limit = cl->cma_base + cl->cma_size;
			return;
		}
		cl->cma_limit = mp_memparse(p + 1, &p);
	} else if (parameq(param, "movable_node")) {
		cl->movable_node = true;
	} else if (parameq(param, "nokaslr")) {
		/* read by the early idreg override code (arm64_sw_feature_override) */
		cl->nokaslr = true;
	} else if (parameq(param, "nr_cpus") && val) {
		/* nrcpus(), kernel/smp.c: get_option(), taken when below nr_cpu_ids */
		const char *s = val;
		mp_u64 v = mp_simple_strtoull(s, &p);

		if (p != s && v > 0 && v < 0x80000000ULL)
			cl->nr_cpus = v;
	} else if (parameq(param, "acpi") && val) {
		/* parse_acpi() 6.1/6.12: "off", "on", "force"; anything else is ignored */
		if (!mp_strcmp(val, "off")) {
			cl->acpi_off = true;
		} else if (!mp_strcmp(val, "on")) {
			cl->acpi_on = true;
		} else if (!mp_strcmp(val, "force")) {
			cl->acpi_force = true;
		}
	} else if (parameq(param, "efi") && val) {
		/* parse_efi_cmdline(): comma-separated words, of which these matter here */
		cl->efi_debug |= has_word(val, "debug");
		cl->efi_nosoftreserve |= has_word(val, "nosoftreserve");
	} else if (parameq(param, "crashkernel")) {
		/* 6.1 enable_crash_mem_map(): any token, any value */
		cl->crash_token = true;
	}
}

/*
 * parse_args() with next_arg(): blanks separate, double quotes group (and
 * are dropped around values), a bare "--" ends the kernel's arguments.
 */
static void parse_early(struct mp_ctx *ctx, struct mp_cmdline_facts *cl)
{
	size_t n = mp_strlen(cl->line);
	char *buf = mp_arena_alloc(ctx->arena, n + 1, 1);
	char *args = buf;

	if (!buf)
		return;
	mp_memcpy(buf, cl->line, n + 1);
	for (;;) {
		size_t i, equals = 0;
		bool in_quote = false, quoted = false;
		char *param, *val = NULL, *next;

		while (is_space(*args))
			args++;
		if (!*args)
			break;
		if (*args == '"') {
			args++;
			in_quote = quoted = true;
		}
		for (i = 0; args[i]; i++) {
			if (is_space(args[i]) && !in_quote)
				break;
			if (!equals && args[i] == '=')
				equals = i;
			if (args[i] == '"')
				in_quote = !in_quote;
		}
		param = args;
		if (equals) {
			args[equals] = '\0';
			val = args + equals + 1;
			if (*val == '"') {
				val++;
				if (args[i - 1] == '"')
					args[i - 1] = '\0';
			}
		}
		if (quoted && i > 0 && args[i - 1] == '"')
			args[i - 1] = '\0';
		next = args[i] ? args + i + 1 : args + i;
		args[i] = '\0';
		args = next;
		if (!val && mp_streq(param, "--"))
			break;
		early_param(ctx, cl, param, val);
	}
}

int mp_cmdline_scan(struct mp_ctx *ctx, const char *bootargs, size_t bootargs_len,
		    struct mp_cmdline_facts *cl)
{
	const struct mp_kconfig *kc = &ctx->in->kc;

	mp_memset(cl, 0, sizeof(*cl));
	if (form_line(ctx, bootargs, bootargs_len, cl))
		return ctx->err;
	cl->rodata_full = kc->rodata_full_default;
	cl->kfence_early = kc->kfence && kc->kfence_sample_interval != 0;
	cl->debug_pagealloc = kc->debug_pagealloc && kc->debug_pagealloc_default;
	parse_early(ctx, cl);
	return 0;
}

/* ---- crashkernel= ------------------------------------------------------ */

const char *mp_strstr_any(const char *h, const char *n)
{
	size_t nl = mp_strlen(n);

	for (; *h; h++)
		if (mp_strnlen(h, nl) == nl && !mp_memcmp(h, n, nl))
			return h;
	return NULL;
}

static const char *mp_strchr(const char *s, char c)
{
	for (; *s; s++)
		if (*s == c)
			return s;
	return NULL;
}

static bool ends_with(const char *p, const char *end_p, const char *suffix)
{
	size_t sl = mp_strlen(suffix);

	return (size_t)(end_p - p) >= sl && !mp_memcmp(end_p - sl, suffix, sl);
}

/* get_last_crashkernel(): the last "crashkernel=" substring whose token fits */
static const char *get_last(struct mp_ctx *ctx, const char *line, const char *suffix)
{
	static const char *const known[] = { ",high", ",low", ",cma" };
	size_t nknown = ctx->b.crash_suffix_cma ? 3 : 2;
	const char *p = mp_strstr_any(line, "crashkernel="), *chosen = NULL;

	while (p) {
		const char *end_p = mp_strchr(p, ' ');
		size_t i;
		bool skip = false;

		if (!end_p)
			end_p = p + mp_strlen(p);
		if (!suffix) {
			for (i = 0; i < nknown; i++)
				if (ends_with(p, end_p, known[i]))
					skip = true;
			if (!skip)
				chosen = p;
		} else if (ends_with(p, end_p, suffix)) {
			chosen = p;
		}
		p = mp_strstr_any(p + 1, "crashkernel=");
	}
	return chosen;
}

static const char *token_text(struct mp_ctx *ctx, const char *p)
{
	size_t n = 0;
	char *t;

	while (p[n] && p[n] != ' ')
		n++;
	t = mp_arena_alloc(ctx->arena, n + 1, 1);
	if (t) {
		mp_memcpy(t, p, n);
		t[n] = '\0';
	}
	return t;
}

static int warn(struct mp_ctx *ctx, struct mp_crash_req *req, const char *line,
		const char *why)
{
	mp_log(ctx, "%s", line);
	req->why = why;
	return -MP_EINVAL;
}

/* parse_crashkernel_mem(): start-[end]:size[,...][@offset] */
static int parse_ranges(struct mp_ctx *ctx, struct mp_crash_req *req, const char *cur,
			mp_u64 system_ram)
{
	mp_u64 total = mp_round_up(system_ram, 128 * MP_SZ_M);
	const char *tmp;

	/* roundup() in the kernel is not saturating; 2^64-class RAM is absurd */
	do {
		mp_u64 start, end = MP_U64_MAX, size;

		start = mp_memparse(cur, &tmp);
		if (cur == tmp)
			return warn(ctx, req, "crashkernel: Memory value expected",
				    "a range list entry must start with a size");
		cur = tmp;
		if (*cur != '-')
			return warn(ctx, req, "crashkernel: '-' expected",
				    "a range must be written start-[end]:size");
		cur++;
		if (*cur != ':') {
			end = mp_memparse(cur, &tmp);
			if (cur == tmp)
				return warn(ctx, req, "crashkernel: Memory value expected",
					    "the range end is not a number");
			cur = tmp;
			if (end <= start)
				return warn(ctx, req, "crashkernel: end <= start",
					    "a range's end must be above its start");
		}
		if (*cur != ':')
			return warn(ctx, req, "crashkernel: ':' expected",
				    "a range must be followed by ':size'");
		cur++;
		size = mp_memparse(cur, &tmp);
		if (cur == tmp)
			return warn(ctx, req, ctx->b.crash_range_size_msg,
				    "the size after ':' is not a number");
		cur = tmp;
		if (size >= total)
			return warn(ctx, req, "crashkernel: invalid size",
				    "a range entry's size is not below the RAM size rounded up "
				    "to 128 MiB");
		if (total >= start && total < end) {
			req->size = size;
			break;
		}
	} while (*cur++ == ',');

	if (req->size > 0) {
		while (*cur && *cur != ' ' && *cur != '@')
			cur++;
		if (*cur == '@') {
			cur++;
			req->base = mp_memparse(cur, &tmp);
			if (cur == tmp)
				return warn(ctx, req, ctx->b.crash_at_msg,
					    "'@' must be followed by an address");
		}
	} else {
		mp_log(ctx, "crashkernel size resulted in zero bytes");
		req->why = "no range of the list matches the RAM size";
	}
	return 0;
}

/* parse_crashkernel_simple(): size[@offset] */
static int parse_simple(struct mp_ctx *ctx, struct mp_crash_req *req, const char *s)
{
	const char *cur;

	req->size = mp_memparse(s, &cur);
	if (cur == s)
		return warn(ctx, req, "crashkernel: memory value expected",
			    "crashkernel= must start with a size");
	if (*cur == '@') {
		const char *at = cur + 1;

		/*
		 * Not validated by the kernel: "256M@" or "256M@abc" gives base 0,
		 * which reserve_crashkernel_generic() (6.12) and 6.1's
		 * reserve_crashkernel() take as "no fixed base", and text after
		 * the number is ignored.  Silent in the kernel, so say it here.
		 */
		req->base = mp_memparse(at, &cur);
		if (cur == at)
			mp_diag(ctx, MP_SEV_WARNING, "crashkernel-bad-base", NULL,
				"crashkernel=%s: '@' is not followed by an address: the kernel "
				"reads base 0 and places the region as if no '@' was given",
				token_text(ctx, s));
		else if (*cur != ' ' && *cur != '\0')
			mp_diag(ctx, MP_SEV_WARNING, "crashkernel-bad-base", NULL,
				"crashkernel=%s: the kernel ignores '%s' after the base address",
				token_text(ctx, s), token_text(ctx, cur));
	} else if (*cur != ' ' && *cur != '\0') {
		mp_log(ctx, "crashkernel: unrecognized char: %c", *cur);
		req->why = "unexpected text after the size";
		return -MP_EINVAL;
	}
	return 0;
}

/* parse_crashkernel_suffix(): size,high / size,low */
static int parse_suffix(struct mp_ctx *ctx, struct mp_crash_req *req, const char *s,
			const char *suffix, mp_u64 *size)
{
	const char *cur;
	size_t sl = mp_strlen(suffix);

	*size = mp_memparse(s, &cur);
	if (cur == s)
		return warn(ctx, req, "crashkernel: memory value expected",
			    "crashkernel=...,high/,low must start with a size");
	if (mp_strnlen(cur, sl) < sl || mp_memcmp(cur, suffix, sl)) {
		mp_log(ctx, "crashkernel: unrecognized char: %c", *cur);
		req->why = "'@' and other text are not allowed with ,high/,low";
		return -MP_EINVAL;
	}
	cur += sl;
	if (*cur != ' ' && *cur != '\0') {
		mp_log(ctx, "crashkernel: unrecognized char: %c", *cur);
		req->why = "unexpected text after the suffix";
		return -MP_EINVAL;
	}
	return 0;
}

/* __parse_crashkernel(): one token kind */
static int parse_one(struct mp_ctx *ctx, struct mp_crash_req *req, const char *line,
		     mp_u64 system_ram, const char *suffix, mp_u64 *size, mp_u64 *base)
{
	const char *ck = get_last(ctx, line, suffix), *colon, *space;
	int ret;

	*size = 0;
	*base = 0;
	if (!ck)
		return -MP_ENOENT;
	req->token = req->token ? mp_aprintf(ctx->arena, "%s %s", req->token,
					     token_text(ctx, ck)) :
				  token_text(ctx, ck);
	ck += 12; /* strlen("crashkernel=") */
	if (suffix)
		return parse_suffix(ctx, req, ck, suffix, size);
	colon = mp_strchr(ck, ':');
	space = mp_strchr(ck, ' ');
	if (colon && (!space || colon < space)) {
		struct mp_crash_req r = *req;

		r.size = r.base = 0;
		ret = parse_ranges(ctx, &r, ck, system_ram);
		*size = r.size;
		*base = r.base;
		req->why = r.why;
		return ret;
	}
	{
		struct mp_crash_req r = *req;

		r.size = r.base = 0;
		ret = parse_simple(ctx, &r, ck);
		*size = r.size;
		*base = r.base;
		req->why = r.why;
		return ret;
	}
}

/*
 * parse_crashkernel() and the arm64 caller's handling of its result:
 * 6.1 reserve_crashkernel() / 6.12 arch_reserve_crashkernel().
 */
void mp_parse_crashkernel(struct mp_ctx *ctx, mp_u64 system_ram, struct mp_crash_req *req)
{
	const char *line = ctx->cl->line;
	mp_u64 dummy;
	int ret;

	mp_memset(req, 0, sizeof(*req));
	ret = parse_one(ctx, req, line, system_ram, NULL, &req->size, &req->base);
	if (ret == -MP_ENOENT) {
		req->token = NULL;
		ret = parse_one(ctx, req, line, 0, ",high", &req->size, &req->base);
		if (ret == -MP_ENOENT) {
			req->ret = -MP_ENOENT;
			if (get_last(ctx, line, ",low")) {
				req->token = token_text(ctx, get_last(ctx, line, ",low"));
				req->why = "crashkernel=...,low alone reserves nothing: it only "
					   "accompanies ,high";
				req->ret = -MP_EINVAL;
			}
			return;
		}
		if (ret || !req->size) {
			if (!ret)
				req->why = "crashkernel=0,high requests nothing";
			req->ret = -MP_EINVAL;
			return;
		}
		ret = parse_one(ctx, req, line, 0, ",low", &req->low_size, &dummy);
		if (ret == -MP_ENOENT) {
			/* DEFAULT_CRASH_KERNEL_LOW_SIZE, where the kernel has one (estimate.c) */
			req->low_size = ctx->b.crash_low_default ? MP_CRASH_LOW_DEFAULT : 0;
			ret = 0;
		} else if (ret) {
			req->ret = ret;
			return;
		}
		req->high = true;
		req->base = 0;
	} else if (!ctx->b.crash_generic && (ret || !req->size)) {
		if (!ret && !req->why)
			req->why = "crashkernel=0 requests nothing";
		req->ret = ret ? ret : -MP_EINVAL;
		return;
	}
	if (ctx->b.crash_generic) {
		if (ret) {
			req->ret = ret;
			return;
		}
		if (!req->size) {
			if (!req->why)
				req->why = "the requested size is 0";
			req->ret = -MP_EINVAL;
			return;
		}
		if (req->size >= system_ram) {
			/* parse_crashkernel() 6.12: silently rejected */
			req->why = "the size is not below the RAM size (memblock_phys_mem_size); "
				   "the kernel rejects it without a message";
			req->ret = -MP_EINVAL;
			return;
		}
	}
	req->ret = 0;
}
