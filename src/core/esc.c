/* SPDX-License-Identifier: MIT */
/* esc.c - escaping, length-capped string copies (RFC 8259, RFC 3629;
 * HTML: WHATWG HTML "serializing HTML fragments"; CSV: RFC 4180). */
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

/* One escaping rule: for the character at s (left bytes remain), set
 * *piece (possibly into buf, 8 bytes) and *adv (input bytes consumed, at
 * least 1) and return the piece's length. */
typedef size_t (*esc_rule)(const unsigned char *s, size_t left, char *buf,
    const char **piece, size_t *adv);

/* Apply rule over in[0..n) into out (cap bytes incl. the NUL), whole
 * pieces only; returns the length written. */
static size_t
esc_run(char *out, size_t cap, const char *in, size_t n, esc_rule rule)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0, i = 0;

	if (cap == 0)
		return 0;
	while (i < n) {
		char buf[8];
		const char *piece = buf;
		size_t adv = 1, k = rule(s + i, n - i, buf, &piece, &adv);

		if (put(out, cap, &o, piece, k) < 0)
			break;
		i += adv;
	}
	out[o] = '\0';
	return o;
}

static size_t
rule_json(const unsigned char *s, size_t left, char *buf, const char **piece,
    size_t *adv)
{
	unsigned cp = 0;

	*adv = utf8_len(s, left, &cp);
	if (*adv == 0) {
		*adv = 1;
		*piece = "\\ufffd";
		return 6;
	}
	switch (cp) {
	case '"':
	case '\\':
		buf[0] = '\\', buf[1] = (char)cp;
		return 2;
	case '\n':
		*piece = "\\n";
		return 2;
	case '\t':
		*piece = "\\t";
		return 2;
	case '\r':
		*piece = "\\r";
		return 2;
	default:
		break;
	}
	if (cp < 0x20 || cp == 0x7f || cp == '<' || cp == '>' || cp == '&' ||
	    cp == '\'' || cp == 0x2028 || cp == 0x2029)
		return (size_t)snprintf(buf, 8, "\\u%04x", cp);
	*piece = (const char *)s;
	return *adv;
}

static size_t
rule_term(const unsigned char *s, size_t left, char *buf, const char **piece,
    size_t *adv)
{
	unsigned cp = 0;

	*adv = utf8_len(s, left, &cp);
	if (*adv == 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
		*adv = 1;
		return (size_t)snprintf(buf, 8, "\\x%02x", s[0]);
	}
	if (cp == '\\') {
		*piece = "\\\\";
		return 2;
	}
	*piece = (const char *)s;
	return *adv;
}

static size_t
rule_utf8(const unsigned char *s, size_t left, char *buf, const char **piece,
    size_t *adv)
{
	unsigned cp = 0;

	(void)buf;
	*adv = utf8_len(s, left, &cp);
	if (*adv == 0 || cp == 0) {
		*adv = 1;
		*piece = "\xef\xbf\xbd";
		return 3;
	}
	*piece = (const char *)s;
	return *adv;
}

/* Bidirectional formatting characters (Unicode UAX #9): they can make
 * text read differently from what it is ("Trojan Source"). */
static int
is_bidi(unsigned cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static size_t
rule_html(const unsigned char *s, size_t left, char *buf, const char **piece,
    size_t *adv)
{
	unsigned cp = 0;

	*adv = utf8_len(s, left, &cp);
	if (*adv == 0) {
		*adv = 1;
		*piece = "\xef\xbf\xbd";
		return 3;
	}
	switch (cp) {
	case '&':
		*piece = "&amp;";
		return 5;
	case '<':
		*piece = "&lt;";
		return 4;
	case '>':
		*piece = "&gt;";
		return 4;
	case '"':
		*piece = "&quot;";
		return 6;
	case '\'':
		*piece = "&#39;";
		return 5;
	default:
		break;
	}
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return (size_t)snprintf(buf, 8, "\\x%02x", cp);
	if (is_bidi(cp))
		return (size_t)snprintf(buf, 8, "\\u%04x", cp);
	*piece = (const char *)s;
	return *adv;
}

static size_t
rule_csv(const unsigned char *s, size_t left, char *buf, const char **piece,
    size_t *adv)
{
	unsigned cp = 0;

	*adv = utf8_len(s, left, &cp);
	if (*adv == 0) {
		*adv = 1;
		*piece = "\xef\xbf\xbd";
		return 3;
	}
	if (cp == '"') {
		*piece = "\"\"";
		return 2;
	}
	if ((cp < 0x20 && cp != '\t' && cp != '\r' && cp != '\n') ||
	    cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return (size_t)snprintf(buf, 8, "\\x%02x", cp);
	*piece = (const char *)s;
	return *adv;
}

size_t
esc_html(char *out, size_t cap, const char *in, size_t n)
{
	return esc_run(out, cap, in, n, rule_html);
}

size_t
esc_csv(char *out, size_t cap, const char *in, size_t n)
{
	size_t k = 0, len;

	if (cap < 3) {
		if (cap > 0)
			out[0] = '\0';
		return 0;
	}
	out[k++] = '"';
	/* OWASP "CSV injection": these first characters start a formula. */
	if (n > 0 && in[0] != '\0' && strchr("=+-@\t\r", in[0]) != NULL &&
	    cap >= 4)
		out[k++] = '\'';
	len = esc_run(out + k, cap - k - 1, in, n, rule_csv);
	k += len;
	out[k++] = '"';
	out[k] = '\0';
	return k;
}

size_t
esc_json(char *out, size_t cap, const char *in, size_t n)
{
	return esc_run(out, cap, in, n, rule_json);
}

size_t
esc_term(char *out, size_t cap, const char *in, size_t n)
{
	return esc_run(out, cap, in, n, rule_term);
}

size_t
esc_utf8(char *out, size_t cap, const char *in, size_t n)
{
	return esc_run(out, cap, in, n, rule_utf8);
}

bool
esc_label_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}
