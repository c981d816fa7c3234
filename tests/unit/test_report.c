/* SPDX-License-Identifier: MIT */
/* test_report.c - what the report's formats rest on: HTML and CSV
 * escaping of hostile strings (markup, formulas, control and bidi
 * characters, invalid UTF-8, a buffer too small), and SHA-256 / base64
 * (FIPS 180-4 and RFC 4648 test vectors) for the page's CSP hash, and
 * the parsers of stored lists (addresses, polygon vertices) on texts a
 * hostile store could hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/esc.h"
#include "core/sha256.h"
#include "intel/zones.h"
#include "out/report.h"

static void
html_escapes_markup(void **state)
{
	char out[256];

	(void)state;
	esc_html(out, sizeof out, "<script>alert(1)</script>", 25);
	assert_string_equal(out, "&lt;script&gt;alert(1)&lt;/script&gt;");
	esc_html(out, sizeof out, "a\"b'c&d", 7);
	assert_string_equal(out, "a&quot;b&#39;c&amp;d");
	/* Control characters become visible text, never raw bytes. */
	esc_html(out, sizeof out, "cam\x1b[2J\x00z\n", 10);
	assert_string_equal(out, "cam\\x1b[2J\\x00z\\x0a");
	/* C1 controls, a right-to-left override, invalid UTF-8. */
	esc_html(out, sizeof out, "\xc2\x9b" "x\xe2\x80\xae" "y\xff", 8);
	assert_string_equal(out, "\\x9bx\\u202ey\xef\xbf\xbd");
	/* Valid text passes. */
	esc_html(out, sizeof out, "h\xc3\xa9llo", 6);
	assert_string_equal(out, "h\xc3\xa9llo");
}

static void
html_escape_never_splits(void **state)
{
	char out[8];

	(void)state;
	/* "ab" + "&quot;" (6) would need 9 bytes with the NUL. */
	assert_int_equal(esc_html(out, sizeof out, "ab\"", 3), 2);
	assert_string_equal(out, "ab");
}

static void
csv_quotes_and_neutralises(void **state)
{
	char out[256];

	(void)state;
	esc_csv(out, sizeof out, "=HYPERLINK(\"http://x\")", 22);
	assert_string_equal(out, "\"'=HYPERLINK(\"\"http://x\"\")\"");
	esc_csv(out, sizeof out, "+cmd|' /C calc'!A0", 18);
	assert_string_equal(out, "\"'+cmd|' /C calc'!A0\"");
	esc_csv(out, sizeof out, "-2+3", 4);
	assert_string_equal(out, "\"'-2+3\"");
	esc_csv(out, sizeof out, "@SUM(1)", 7);
	assert_string_equal(out, "\"'@SUM(1)\"");
	esc_csv(out, sizeof out, "\t=1", 3);
	assert_string_equal(out, "\"'\t=1\"");
	/* Not at the start: left alone. Commas and line ends stay inside
	 * the quotes (RFC 4180). */
	esc_csv(out, sizeof out, "a=1,b\r\nc", 8);
	assert_string_equal(out, "\"a=1,b\r\nc\"");
	esc_csv(out, sizeof out, "", 0);
	assert_string_equal(out, "\"\"");
	/* Other controls and invalid UTF-8. */
	esc_csv(out, sizeof out, "x\x1b[31m\x00\xff", 8);
	assert_string_equal(out, "\"x\\x1b[31m\\x00\xef\xbf\xbd\"");
	/* A NUL first is no formula. */
	esc_csv(out, sizeof out, "\0=", 2);
	assert_string_equal(out, "\"\\x00=\"");
}

static void
csv_escape_fits(void **state)
{
	char out[6];

	(void)state;
	/* Always a whole quoted cell: what does not fit is dropped. */
	assert_int_equal(esc_csv(out, sizeof out, "abcdef", 6), 5);
	assert_string_equal(out, "\"abc\"");
	assert_int_equal(esc_csv(out, 3, "abc", 3), 2);
	assert_string_equal(out, "\"\"");
	assert_int_equal(esc_csv(out, 2, "abc", 3), 0);
	assert_string_equal(out, "");
}

static void
hex(const uint8_t *d, char *out)
{
	for (int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void
sha256_vectors(void **state)
{
	static const struct {
		const char *in, *want;
	} v[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
		    "7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff"
		    "61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419"
		    "db06c1" },
	};
	uint8_t d[32];
	char h[65], b64[64], *a;

	(void)state;
	for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
		sha256(v[i].in, strlen(v[i].in), d);
		hex(d, h);
		assert_string_equal(h, v[i].want);
	}
	/* Lengths at the padding boundaries: 55 (one block), 64 (two). */
	a = malloc(64);
	assert_non_null(a);
	memset(a, 'a', 64);
	sha256(a, 55, d);
	hex(d, h);
	assert_string_equal(h, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e24"
	    "1c9f1e910f734318");
	sha256(a, 64, d);
	hex(d, h);
	assert_string_equal(h, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5"
	    "997337df154668eb");
	free(a);
	sha256("abc", 3, d);
	assert_int_equal(base64(d, 32, b64, sizeof b64), 44);
	assert_string_equal(b64, "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
	/* RFC 4648 section 10. */
	assert_int_equal(base64((const uint8_t *)"fo", 2, b64, sizeof b64), 4);
	assert_string_equal(b64, "Zm8=");
	assert_int_equal(base64((const uint8_t *)"foob", 4, b64, sizeof b64),
	    8);
	assert_string_equal(b64, "Zm9vYg==");
	assert_int_equal(base64(d, 32, b64, 44), 0); /* no room for the NUL */
	assert_string_equal(b64, "");
}

struct got_list {
	unsigned n;
	char text[512];
	double lat[2 * ZONE_MAX_VERTICES], lon[2 * ZONE_MAX_VERTICES];
};

static void
on_addr(void *ctx, const char *a, size_t len, unsigned i)
{
	struct got_list *g = ctx;
	size_t k = strlen(g->text);

	assert_int_equal(i, g->n);
	g->n++;
	snprintf(g->text + k, sizeof g->text - k, "%s%.*s", k ? "|" : "",
	    (int)len, a);
}

static void
on_vertex(void *ctx, double lat, double lon)
{
	struct got_list *g = ctx;

	assert_true(g->n < 2 * ZONE_MAX_VERTICES);
	g->lat[g->n] = lat;
	g->lon[g->n] = lon;
	g->n++;
}

/* rep_addrs() and rep_vertices() read text from the store, which anyone
 * may have written: damaged lists give what is well-formed in them, in
 * range, and never more than the caps. */
static void
stored_lists_hostile(void **state)
{
	static const char nul[] = "[\"10.0.0.1\",\0\"fe80::1\"]";
	struct got_list g;
	char big[2 * ZONE_MAX_VERTICES * 16 + 16], *p = big;

	(void)state;
	memset(&g, 0, sizeof g);
	rep_addrs("[\"10.0.0.1\",\"fe80::1\"]", 22, on_addr, &g);
	assert_string_equal(g.text, "10.0.0.1|fe80::1");
	memset(&g, 0, sizeof g);
	rep_addrs("[\"zzz\",\"1234\",\"<b>\",,,", 22, on_addr, &g);
	assert_int_equal(g.n, 0); /* no '.' or ':': no address */
	memset(&g, 0, sizeof g);
	rep_addrs(nul, sizeof nul - 1, on_addr, &g); /* a NUL inside */
	assert_string_equal(g.text, "10.0.0.1|fe80::1");
	memset(&g, 0, sizeof g);
	rep_addrs("[\"10.0.0.", 10, on_addr, &g); /* cut short */
	assert_string_equal(g.text, "10.0.0.");

	memset(&g, 0, sizeof g);
	rep_vertices("[[1e999,2],[3,4],[91,0],[0,181],[-90,-180]]",
	    on_vertex, &g);
	assert_int_equal(g.n, 2); /* out of range and infinite dropped */
	assert_true(g.lat[0] == 3 && g.lon[0] == 4);
	assert_true(g.lat[1] == -90 && g.lon[1] == -180);
	memset(&g, 0, sizeof g);
	rep_vertices("[[,,]]]][[", on_vertex, &g);
	assert_int_equal(g.n, 0);
	memset(&g, 0, sizeof g);
	rep_vertices("[[1,2],[3", on_vertex, &g); /* cut short */
	assert_int_equal(g.n, 1);
	memset(&g, 0, sizeof g);
	rep_vertices(NULL, on_vertex, &g);
	assert_int_equal(g.n, 0);
	/* Twice the vertices a zone may have: no more than the cap. */
	*p++ = '[';
	for (unsigned i = 0; i < 2 * ZONE_MAX_VERTICES; i++)
		p += sprintf(p, "[%u,%u],", i % 90, i % 180);
	*p = '\0';
	memset(&g, 0, sizeof g);
	rep_vertices(big, on_vertex, &g);
	assert_int_equal(g.n, ZONE_MAX_VERTICES);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_escapes_markup),
		cmocka_unit_test(html_escape_never_splits),
		cmocka_unit_test(csv_quotes_and_neutralises),
		cmocka_unit_test(csv_escape_fits),
		cmocka_unit_test(sha256_vectors),
		cmocka_unit_test(stored_lists_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
