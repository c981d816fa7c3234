/* SPDX-License-Identifier: MIT */
/* test_text.c - escaping (JSON, terminal, UTF-8), address parsing,
 * prefix sets and public addresses, time formatting, JSON rendering of
 * hostile strings, word-at-a-time folding, comparing and hashing of
 * short strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/addr.h"
#include "core/ascii.h"
#include "core/hash.h"
#include "core/esc.h"
#include "out/sink.h"

static void
json_escapes_hostile_text(void **state)
{
	char out[256];
	static const char evil[] = "\"},{\"admin\":true<script>\\\x01\n\x7f";

	(void)state;
	esc_json(out, sizeof out, evil, sizeof evil - 1);
	assert_string_equal(out, "\\\"},{\\\"admin\\\":true\\u003cscript\\u003e"
	    "\\\\\\u0001\\n\\u007f");
	/* Invalid UTF-8 and NUL: replaced / escaped, never passed through. */
	esc_json(out, sizeof out, "a\xff" "b\xc0\xaf" "c\0d", 8);
	assert_string_equal(out, "a\\ufffdb\\ufffd\\ufffdc\\u0000d");
	/* Valid multi-byte text passes; U+2028 is escaped. */
	esc_json(out, sizeof out, "\xc3\xa9\xe2\x80\xa8", 5);
	assert_string_equal(out, "\xc3\xa9\\u2028");
}

static void
json_escape_never_splits(void **state)
{
	char out[8];

	(void)state;
	/* Room for 7 bytes: "ab" + one 6-byte escape would be 8: dropped. */
	assert_int_equal(esc_json(out, sizeof out, "ab\x01", 3), 2);
	assert_string_equal(out, "ab");
	assert_int_equal(esc_json(out, 1, "abc", 3), 0);
	assert_string_equal(out, "");
}

static void
terminal_escape(void **state)
{
	char out[64];

	(void)state;
	esc_term(out, sizeof out, "cam\x1b[2Jx\\\xc2\x9b", 11);
	assert_string_equal(out, "cam\\x1b[2Jx\\\\\\xc2\\x9b");
	esc_utf8(out, sizeof out, "ok\xff\0z", 5);
	assert_string_equal(out, "ok\xef\xbf\xbd\xef\xbf\xbdz");
}

static void
prefixes(void **state)
{
	struct netset ns = { .n = 0 };
	struct addr a;
	char err[128];

	(void)state;
	netset_defaults(&ns);
	assert_true(addr_parse(&a, "192.168.7.7"));
	assert_true(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "100.127.255.1"));
	assert_true(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "100.128.0.1"));
	assert_false(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "fd12::1"));
	assert_true(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "2001:db8::1"));
	assert_false(netset_has(&ns, &a));
	netset_clear(&ns);
	assert_int_equal(netset_add(&ns, "203.0.113.0/25", err, sizeof err), 0);
	assert_true(addr_parse(&a, "203.0.113.127"));
	assert_true(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "203.0.113.128"));
	assert_false(netset_has(&ns, &a));
	assert_int_equal(netset_add(&ns, "2001:db8:1::/48", err, sizeof err), 0);
	assert_true(addr_parse(&a, "2001:db8:1:ffff::9"));
	assert_true(netset_has(&ns, &a));
	/* Emptied by netset_clear(), the defaults are gone. */
	assert_true(addr_parse(&a, "192.168.7.7"));
	assert_false(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "fe80::1"));
	assert_false(netset_has(&ns, &a));
	/* Prefixes wider than a first byte or octet, and IPv6 ones holding
	 * the IPv4-mapped range. */
	netset_clear(&ns);
	assert_int_equal(netset_add(&ns, "64.0.0.0/2", err, sizeof err), 0);
	assert_int_equal(netset_add(&ns, "2000::/3", err, sizeof err), 0);
	assert_true(addr_parse(&a, "127.255.0.1"));
	assert_true(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "128.0.0.1"));
	assert_false(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "3fff::1"));
	assert_true(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "4000::1"));
	assert_false(netset_has(&ns, &a));
	assert_int_equal(netset_add(&ns, "0.0.0.0/4", err, sizeof err), 0);
	assert_true(addr_parse(&a, "15.1.2.3"));
	assert_true(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "16.1.2.3"));
	assert_false(netset_has(&ns, &a));
	assert_int_equal(netset_add(&ns, "::/80", err, sizeof err), 0);
	assert_true(addr_parse(&a, "16.1.2.3"));
	assert_true(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "::1:0:0:1"));
	assert_false(netset_has(&ns, &a));
	assert_true(addr_parse(&a, "::1"));
	assert_true(netset_has(&ns, &a));
	assert_int_equal(netset_add(&ns, "::/0", err, sizeof err), 0);
	assert_true(addr_parse(&a, "fe80::1"));
	assert_true(netset_has(&ns, &a));
	/* Bad input is refused with a message naming it. */
	assert_int_equal(netset_add(&ns, "10.0.0.0/33", err, sizeof err), -1);
	assert_non_null(strstr(err, "10.0.0.0/33"));
	assert_int_equal(netset_add(&ns, "bogus", err, sizeof err), -1);
	assert_int_equal(netset_add(&ns, "10.0.0.0/", err, sizeof err), -1);
	assert_int_equal(netset_add(&ns, "10.0.0.0/-1", err, sizeof err), -1);
	assert_true(addr_parse(&a, "239.1.2.3"));
	assert_true(addr_is_group(&a));
	assert_true(addr_parse(&a, "ff02::1"));
	assert_true(addr_is_group(&a));
	assert_true(addr_parse(&a, "192.168.1.255"));
	assert_false(addr_is_group(&a));
}

/* Which addresses a public registry may know. */
static void
public_addresses(void **state)
{
	static const char *const pub[] = { "8.8.8.8", "1.1.1.1",
		"100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
		"192.0.1.255", "192.0.3.0", "192.88.98.255", "198.17.255.255",
		"198.20.0.0", "223.255.255.255", "11.0.0.0", "126.255.255.255",
		"::ffff:8.8.4.4", "64:ff9b::808:808", "2001:200::1",
		"2001:4860:4860::8888", "2002:808:808::1", "2408:8000::1",
		"2a00:1450::1", "3ffe::1", "2001:db9::1", "3fff:1000::1" };
	static const char *const priv[] = { "0.0.0.0", "0.1.2.3", "10.1.2.3",
		"100.64.0.0", "100.127.255.255", "127.0.0.1", "169.254.1.1",
		"172.16.0.1", "172.31.255.255", "192.0.0.9", "192.0.2.1",
		"192.88.99.1", "192.168.1.1", "198.18.0.1", "198.19.255.255",
		"198.51.100.7", "203.0.113.9", "224.0.0.251", "239.255.255.250",
		"240.0.0.1", "255.255.255.255", "::", "::1", "::ffff:10.0.0.1",
		"::ffff:127.0.0.1", "::8.8.8.8", "64:ff9b::c0a8:101",
		"64:ff9b:1::808:808", "100::1", "2001::1", "2001:1ff::1",
		"2001:10::1", "2001:db8::1", "2001:db8:ffff::1", "3fff::1",
		"fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "ff0e::1",
		"1::1", "4000::1", "5f00::1", "e000::1" };
	struct addr a;

	(void)state;
	for (size_t i = 0; i < sizeof pub / sizeof pub[0]; i++) {
		assert_true(addr_parse(&a, pub[i]));
		if (!addr_is_public(&a))
			fail_msg("%s should be public", pub[i]);
	}
	for (size_t i = 0; i < sizeof priv / sizeof priv[0]; i++) {
		assert_true(addr_parse(&a, priv[i]));
		if (addr_is_public(&a))
			fail_msg("%s should not be public", priv[i]);
	}
}

static void
record_renders_as_one_safe_line(void **state)
{
	struct record r;
	char *buf = NULL, tm[40];
	size_t cap = 0;
	long n;
	static const char evil[] = "x\"}\n{\"type\":\"device\"";

	(void)state;
	rec_init(&r, &schema_alert);
	rec_cstr(&r, F_ALERT_rule, "test");
	rec_str(&r, F_ALERT_summary, evil, sizeof evil - 1);
	rec_time(&r, F_ALERT_first_seen, 1767600000123456ull);
	rec_u64(&r, F_ALERT_count, 3);
	n = json_render(&r, &buf, &cap);
	assert_true(n > 0);
	assert_int_equal(strchr(buf, '\n') - buf, n - 1); /* one line */
	assert_non_null(strstr(buf, "\"summary\":\"x\\\"}\\n{\\\"type\\\""));
	assert_non_null(strstr(buf, "\"first_seen\":\"2026-01-05T08:00:00.123456Z\""));
	assert_non_null(strstr(buf, "\"device\":null"));
	assert_string_equal(time_fmt(0, tm, sizeof tm),
	    "1970-01-01T00:00:00.000000Z");
	free(buf);
}

/* ascii_lower_copy(), ascii_lower(), bytes_same() and hash_str_fold()
 * against byte-at-a-time references, at every length up to 40 (the word,
 * half-word and byte paths, and the overlapping last word), with bytes
 * that sit beside the ASCII letters and above 0x7f. */
static void
short_strings_by_words(void **state)
{
	static const char pool[] = "@AZ[`az{Mixed.CASE-\x80\xc1\xdaQq0";
	char src[48], dst[48], ref[48], other[48];

	(void)state;
	for (size_t n = 0; n <= 40; n++) {
		for (size_t i = 0; i < n; i++)
			src[i] = pool[(i * 7 + n) % (sizeof pool - 1)];
		for (size_t i = 0; i < n; i++)
			ref[i] = src[i] >= 'A' && src[i] <= 'Z' ?
			    (char)(src[i] + 32) : src[i];
		memset(dst, '#', sizeof dst);
		ascii_lower_copy(dst, src, n);
		assert_memory_equal(dst, ref, n);
		assert_int_equal(dst[n], '#'); /* nothing written past n */
		memcpy(other, src, n);
		ascii_lower(other, n);
		if (n > 0)
			assert_memory_equal(other, ref, n);
		assert_true(bytes_same(src, src, n));
		/* Case-blind hash: the folded and the original agree. */
		if (n > 0)
			assert_true(hash_str_fold(src, n, 7) ==
			    hash_str_fold(ref, n, 7));
		for (size_t i = 0; i < n; i++) {
			memcpy(other, src, n);
			other[i] ^= 0x01;
			assert_false(bytes_same(src, other, n));
		}
	}
	assert_true(hash_str_fold("Hik-Connect.COM", 15, 0) ==
	    hash_str_fold("hik-connect.com", 15, 0));
	/* Folding is all that differs: lower-case text hashes as hash_str(),
	 * and hash_str() itself tells case apart. */
	assert_true(hash_str_fold("hik-connect.com", 15, 0) ==
	    hash_str("hik-connect.com", 15, 0));
	assert_true(hash_str("Hik-Connect.COM", 15, 0) !=
	    hash_str("hik-connect.com", 15, 0));
}

/* ascii_byte_marks() against a byte-by-byte reference, on words made of
 * the byte sought and its neighbours (where a borrowing zero-byte test
 * gives false marks) and on random words. */
static void
byte_marks_exact(void **state)
{
	static const unsigned char pick[] = { '.', '/', '-', 0x00, 0x01,
		0x80, 0xae, 0xff };
	uint64_t x = 0x9e3779b97f4a7c15ull;

	(void)state;
	for (unsigned r = 0; r < 200000; r++) {
		uint64_t w = 0, want = 0;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		for (unsigned b = 0; b < 8; b++) {
			unsigned char c = (unsigned char)(r & 1 ?
			    x >> (8 * b) : pick[(x >> (3 * b)) & 7]);

			w |= (uint64_t)c << (8 * b);
			if (c == '.')
				want |= 0x80ull << (8 * b);
		}
		assert_true(ascii_byte_marks(w, '.') == want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_escapes_hostile_text),
		cmocka_unit_test(json_escape_never_splits),
		cmocka_unit_test(terminal_escape),
		cmocka_unit_test(byte_marks_exact),
		cmocka_unit_test(prefixes),
		cmocka_unit_test(public_addresses),
		cmocka_unit_test(record_renders_as_one_safe_line),
		cmocka_unit_test(short_strings_by_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
