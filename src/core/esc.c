/* SPDX-License-Identifier: MIT */
/* esc.c - escaping, length-capped string copies (RFC 8259, RFC 3629). */
#include "esc.h"

#include <stdio.h>
#include <string.h>

size_t
utf8_len(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c, min;
	size_t len;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		len = 2, c &= 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3, c &= 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Append piece (k bytes) if it fits in out, leaving room for the NUL. */
static int
put(char *out, size_t cap, size_t *o, const char *piece, size_t k)
{
	if (*o + k + 1 > cap)
		return -1;
	memcpy(out + *o, piece, k);
	*o += k;
	return 0;
}

size_t
esc_json(char *out, size_t cap, const char *in, size_t n)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0, i = 0;

	if (cap == 0)
		return 0;
	while (i < n) {
		char buf[8];
		const char *piece = buf;
		size_t k, adv;
		unsigned cp = 0;

		adv = utf8_len(s + i, n - i, &cp);
		if (adv == 0) {
			piece = "\\ufffd", k = 6, adv = 1;
		} else if (cp == '"' || cp == '\\') {
			buf[0] = '\\', buf[1] = (char)cp, k = 2;
		} else if (cp == '\n') {
			piece = "\\n", k = 2;
		} else if (cp == '\t') {
			piece = "\\t", k = 2;
		} else if (cp == '\r') {
			piece = "\\r", k = 2;
		} else if (cp < 0x20 || cp == 0x7f || cp == '<' || cp == '>' ||
		    cp == '&' || cp == '\'' || cp == 0x2028 || cp == 0x2029) {
			k = (size_t)snprintf(buf, sizeof buf, "\\u%04x", cp);
		} else {
			piece = (const char *)s + i, k = adv;
		}
		if (put(out, cap, &o, piece, k) < 0)
			break;
		i += adv;
	}
	out[o] = '\0';
	return o;
}

size_t
esc_term(char *out, size_t cap, const char *in, size_t n)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0, i = 0;

	if (cap == 0)
		return 0;
	while (i < n) {
		char buf[8];
		const char *piece = buf;
		size_t k, adv;
		unsigned cp = 0;

		adv = utf8_len(s + i, n - i, &cp);
		if (adv == 0 || cp < 0x20 || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0)) {
			k = (size_t)snprintf(buf, sizeof buf, "\\x%02x", s[i]);
			adv = 1;
		} else if (cp == '\\') {
			piece = "\\\\", k = 2;
		} else {
			piece = (const char *)s + i, k = adv;
		}
		if (put(out, cap, &o, piece, k) < 0)
			break;
		i += adv;
	}
	out[o] = '\0';
	return o;
}

size_t
esc_utf8(char *out, size_t cap, const char *in, size_t n)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0, i = 0;

	if (cap == 0)
		return 0;
	while (i < n) {
		unsigned cp = 0;
		size_t adv = utf8_len(s + i, n - i, &cp);
		const char *piece = (const char *)s + i;
		size_t k = adv;

		if (adv == 0 || cp == 0) {
			piece = "\xef\xbf\xbd", k = 3, adv = 1;
		}
		if (put(out, cap, &o, piece, k) < 0)
			break;
		i += adv;
	}
	out[o] = '\0';
	return o;
}
