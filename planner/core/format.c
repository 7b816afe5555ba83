// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * format.c - the small printf the core uses to write kernel log lines and
 * diagnostics, so that the same text comes out in user space and in the
 * kernel without libc.
 *
 * Supported: %% %c %s %d %i %u %x %X with flags '#', '0', '-', a width, and
 * the length modifiers l, ll, z.  That is every conversion the kernel's
 * messages of docs/kernel-model.md §10 need once %pa is written as %016llx.
 */
#include "memplan.h"

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, mp_u64 v, bool neg, unsigned int base, bool upper,
		    bool alt, bool zero, bool left, int width)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, pre = 0, pad, i;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg)
		pre = 1;
	if (alt && base == 16)
		pre = 2;
	pad = width - n - pre;
	if (!left && !zero)
		for (; pad > 0; pad--)
			put(o, ' ');
	if (neg)
		put(o, '-');
	if (alt && base == 16) {
		put(o, '0');
		put(o, upper ? 'X' : 'x');
	}
	if (!left && zero)
		for (; pad > 0; pad--)
			put(o, '0');
	for (i = n - 1; i >= 0; i--)
		put(o, tmp[i]);
	for (; pad > 0; pad--)
		put(o, ' ');
}

int mp_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool alt = false, zero = false, left = false;
		int width = 0, lng = 0;
		const char *s;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '#')
				alt = true;
			else if (*fmt == '0')
				zero = true;
			else if (*fmt == '-')
				left = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			lng = *fmt == 'z' ? 3 : lng + 1;
			fmt++;
		}
		switch (*fmt) {
		case '%':
			put(&o, '%');
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			int n, pad;

			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			n = (int)mp_strlen(s);
			pad = width - n;
			if (!left)
				for (; pad > 0; pad--)
					put(&o, ' ');
			while (*s)
				put(&o, *s++);
			for (; pad > 0; pad--)
				put(&o, ' ');
			break;
		}
		case 'd':
		case 'i': {
			mp_s64 v = lng >= 2 ? va_arg(ap, long long) :
				   lng == 1 ? va_arg(ap, long) :
				   lng == 3 ? (mp_s64)va_arg(ap, size_t) : va_arg(ap, int);
			bool neg = v < 0;

			put_num(&o, neg ? (mp_u64)0 - (mp_u64)v : (mp_u64)v, neg, 10,
				false, false, zero, left, width);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			mp_u64 v = lng >= 2 ? va_arg(ap, unsigned long long) :
				   lng == 1 ? va_arg(ap, unsigned long) :
				   lng == 3 ? va_arg(ap, size_t) : va_arg(ap, unsigned int);

			put_num(&o, v, false, *fmt == 'u' ? 10 : 16, *fmt == 'X',
				alt, zero, left, width);
			break;
		}
		default:
			return -1;
		}
	}
	if (size)
		o.buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int mp_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mp_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
