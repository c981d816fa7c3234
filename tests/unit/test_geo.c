/* SPDX-License-Identifier: MIT */
/* test_geo.c - country and AS lookups in the small databases built from
 * tests/data/geo-test.txt (VIGIE_TEST_GEO_COUNTRY, VIGIE_TEST_GEO_ASN),
 * what geo_open() does with missing, foreign and damaged files, and, when
 * scripts/geo-update has installed them, the real databases in geo/. Runs
 * from the repository root (CTest sets it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/addr.h"
#include "intel/geo.h"

#define COUNTRY_DB VIGIE_TEST_GEO_COUNTRY
#define ASN_DB VIGIE_TEST_GEO_ASN

static struct geo *
open_both(void)
{
	char warn[512];
	struct geo *g;

	g = geo_open(COUNTRY_DB, ASN_DB, warn, sizeof warn);
	assert_non_null(g);
	if (warn[0] != '\0')
		fail_msg("unexpected warning: %s", warn);
	assert_true(geo_has_country(g));
	assert_true(geo_has_asn(g));
	return g;
}

/* Look s up; returns what geo_lookup() said. */
static bool
look(const struct geo *g, const char *s, struct geo_info *gi)
{
	struct addr a;

	if (!addr_parse(&a, s))
		fail_msg("cannot parse %s", s);
	return geo_lookup(g, &a, gi);
}

static void
expect(const struct geo *g, const char *s, const char *cc, uint32_t asn,
    const char *org)
{
	struct geo_info gi;

	if (!look(g, s, &gi))
		fail_msg("%s: not found", s);
	assert_string_equal(gi.country, cc);
	assert_int_equal(gi.asn, asn);
	assert_string_equal(gi.org, org);
}

static void
expect_unknown(const struct geo *g, const char *s)
{
	static const struct geo_info none;
	struct geo_info gi;

	memset(&gi, 0x55, sizeof gi);
	if (look(g, s, &gi))
		fail_msg("%s: found %s AS%u", s, gi.country, gi.asn);
	assert_memory_equal(&gi, &none, sizeof gi);
}

static void
lookups_v4_v6(void **state)
{
	struct geo *g = open_both();

	(void)state;
	expect(g, "47.91.200.1", "CN", 45102,
	    "Alibaba (US) Technology Co., Ltd.");
	expect(g, "119.28.28.28", "HK", 132203,
	    "Tencent Building, Kejizhongyi Avenue");
	expect(g, "151.101.1.1", "FR", 54113, "Fastly, Inc.");
	expect(g, "2.23.255.255", "FR", 20940, "Akamai International B.V.");
	expect(g, "8.8.8.8", "US", 15169, "Google LLC");
	expect(g, "2408:8000::1", "CN", 4837, "CHINA UNICOM China169 Backbone");
	expect(g, "2408:8fff:ffff::1", "CN", 4837,
	    "CHINA UNICOM China169 Backbone");
	/* Hostile organisation names come back as they are. */
	expect(g, "185.220.101.1", "DE", 64496,
	    "Evil \"Org\" <script>alert(1)</script>");
	expect(g, "185.220.107.255", "DE", 64497,
	    "Ctl\x01Org\tTab\x1b[2JClear Ltd");
	expect(g, "51.68.1.1", "FR", 16276,
	    "OVH SAS Soci\xc3\xa9t\xc3\xa9 H\xc3\xa9" "bergement");
	/* One database knows it, the other not. */
	expect(g, "9.9.9.9", "CH", 0, "");
	expect(g, "2a00:1450:4001::200e", "", 15169, "Google LLC");
	/* Just outside the networks. */
	expect_unknown(g, "47.92.0.1");
	expect_unknown(g, "8.8.9.1");
	expect_unknown(g, "2408:9000::1");
	geo_free(g);
}

static void
mapped_nat64_6to4(void **state)
{
	static const uint8_t mapped[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0xff, 0xff, 8, 8, 8, 8 };
	struct geo *g = open_both();
	struct geo_info gi;
	struct addr a;

	(void)state;
	addr_from_v6(&a, mapped);
	assert_true(geo_lookup(g, &a, &gi));
	assert_string_equal(gi.country, "US");
	assert_int_equal(gi.asn, 15169);
	expect(g, "::ffff:47.91.0.1", "CN", 45102,
	    "Alibaba (US) Technology Co., Ltd.");
	expect(g, "64:ff9b::808:808", "US", 15169, "Google LLC");
	/* 6to4 is aliased to IPv4 inside the database itself. */
	expect(g, "2002:808:808::1", "US", 15169, "Google LLC");
	/* NAT64 of a private address: not looked up. */
	expect_unknown(g, "64:ff9b::a01:203");
	geo_free(g);
}

static void
unknown_public(void **state)
{
	struct geo *g = open_both();

	(void)state;
	expect_unknown(g, "198.41.0.4");
	expect_unknown(g, "1.1.1.1");
	expect_unknown(g, "2600::1");
	expect_unknown(g, "2c0f:f000::1");
	geo_free(g);
}

/* The test databases do hold these networks; geo_lookup() must not ask. */
static void
private_never_looked_up(void **state)
{
	static const char *const never[] = { "10.1.2.3", "100.64.0.1",
		"192.168.1.1", "192.0.2.5", "fd00::1", "fd12::1", "2001:db8::1",
		"::ffff:10.1.2.3", "127.0.0.1", "169.254.0.1", "224.0.0.1",
		"255.255.255.255", "0.0.0.0", "::", "::1", "fe80::1",
		"ff02::1" };
	struct geo *g = open_both();

	(void)state;
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		expect_unknown(g, never[i]);
	geo_free(g);
}

static void
country_validated(void **state)
{
	struct geo *g = open_both();

	(void)state;
	/* Lower case is raised; "X1" is not a country, the AS still is. */
	expect(g, "45.33.1.1", "US", 63949, "Akamai Connected Cloud");
	expect(g, "91.198.174.192", "", 14907, "Wikimedia Foundation Inc.");
	geo_free(g);
}

static void
org_truncated(void **state)
{
	static const char longorg[] = "Long Name Telecommunications Holding "
	    "Company Proprietary Limited Incorporated Worldwide 0123456";
	struct geo *g = open_both();
	struct geo_info gi;

	(void)state;
	assert_int_equal(sizeof longorg - 1, 95);
	assert_true(look(g, "41.0.0.1", &gi));
	assert_int_equal(strlen(gi.org), 95);
	assert_string_equal(gi.org, longorg);
	/* Byte 95 starts a two-byte character: the cut comes before it. */
	assert_true(look(g, "41.32.0.1", &gi));
	assert_int_equal(strlen(gi.org), 94);
	assert_memory_equal(gi.org, longorg, 88);
	assert_string_equal(gi.org + 88, "012345");
	geo_free(g);
}

static void
no_databases(void **state)
{
	char warn[64] = "left over";
	struct geo *g;
	struct geo_info gi;

	(void)state;
	g = geo_open(NULL, NULL, warn, sizeof warn);
	assert_non_null(g);
	assert_string_equal(warn, "");
	assert_false(geo_has_country(g));
	assert_false(geo_has_asn(g));
	assert_false(look(g, "8.8.8.8", &gi));
	geo_free(g);
	assert_false(look(NULL, "8.8.8.8", &gi));
	geo_free(NULL);
}

static void
missing_file(void **state)
{
	char warn[512];
	struct geo *g;
	struct geo_info gi;

	(void)state;
	g = geo_open("/nonexistent/vigie/country.mmdb", ASN_DB, warn,
	    sizeof warn);
	assert_non_null(g);
	assert_non_null(strstr(warn, "/nonexistent/vigie/country.mmdb"));
	assert_non_null(strstr(warn, "No such file"));
	assert_null(strchr(warn, '\n'));
	assert_false(geo_has_country(g));
	assert_true(geo_has_asn(g));
	expect(g, "8.8.8.8", "", 15169, "Google LLC");
	geo_free(g);

	/* Both missing: two lines, lookups unknown, no crash. */
	g = geo_open("/nonexistent/c.mmdb", "/nonexistent/a.mmdb", warn,
	    sizeof warn);
	assert_non_null(g);
	assert_non_null(strstr(warn, "/nonexistent/c.mmdb"));
	assert_non_null(strstr(strchr(warn, '\n'), "/nonexistent/a.mmdb"));
	assert_false(geo_has_country(g));
	assert_false(geo_has_asn(g));
	assert_false(look(g, "8.8.8.8", &gi));
	geo_free(g);

	/* A warning buffer too small, or none: still no crash. */
	g = geo_open("/nonexistent/c.mmdb", NULL, warn, 8);
	assert_non_null(g);
	assert_true(strlen(warn) < 8);
	geo_free(g);
	g = geo_open("/nonexistent/c.mmdb", NULL, NULL, 0);
	assert_non_null(g);
	geo_free(g);
}

static void
not_mmdb(void **state)
{
	char warn[512];
	struct geo *g;
	struct geo_info gi;

	(void)state;
	g = geo_open("tests/data/geo-test.txt", "tests/data", warn,
	    sizeof warn);
	assert_non_null(g);
	assert_non_null(strstr(warn, "tests/data/geo-test.txt"));
	assert_non_null(strstr(warn, "MaxMind DB"));
	assert_non_null(strstr(strchr(warn, '\n'),
	    "tests/data: it is a directory"));
	assert_false(geo_has_country(g));
	assert_false(geo_has_asn(g));
	assert_false(look(g, "8.8.8.8", &gi));
	geo_free(g);
}

static void
wrong_type(void **state)
{
	char warn[512];
	struct geo *g;

	(void)state;
	/* The databases swapped: each refused for its type. */
	g = geo_open(ASN_DB, COUNTRY_DB, warn, sizeof warn);
	assert_non_null(g);
	assert_non_null(strstr(warn, ASN_DB));
	assert_non_null(strstr(warn, "vigie-test-ASN"));
	assert_non_null(strstr(warn, COUNTRY_DB));
	assert_false(geo_has_country(g));
	assert_false(geo_has_asn(g));
	expect_unknown(g, "8.8.8.8");
	geo_free(g);
	/* The ASN database as country: the ASN part still works. */
	g = geo_open(ASN_DB, ASN_DB, warn, sizeof warn);
	assert_non_null(g);
	assert_null(strchr(warn, '\n'));
	expect(g, "8.8.8.8", "", 15169, "Google LLC");
	geo_free(g);
}

/* Copy the test country database to a temporary file, damaged by f. */
static void
damaged_copy(char *path, void (*f)(uint8_t *, long *))
{
	FILE *in, *out;
	uint8_t *buf;
	long n;
	int fd;

	in = fopen(COUNTRY_DB, "rb");
	assert_non_null(in);
	assert_int_equal(fseek(in, 0, SEEK_END), 0);
	n = ftell(in);
	assert_true(n > 0);
	rewind(in);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, in), (size_t)n);
	fclose(in);
	f(buf, &n);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	out = fdopen(fd, "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(buf, 1, (size_t)n, out), (size_t)n);
	assert_int_equal(fclose(out), 0);
	free(buf);
}

static void
cut_in_half(uint8_t *b, long *n)
{
	(void)b;
	*n /= 2;
}

static void
scramble_tree(uint8_t *b, long *n)
{
	/* The search tree comes first: point its records everywhere. */
	for (long i = 0; i < *n / 2; i++)
		b[i] = (uint8_t)(i * 37 + 11);
}

static void
damaged_files(void **state)
{
	static const char *const probe[] = { "8.8.8.8", "47.91.0.1",
		"2408:8000::1", "1.2.3.4", "2600::1", "151.101.9.9" };
	char path[] = "/tmp/vigie-geo-XXXXXX", warn[512];
	struct geo *g;
	struct geo_info gi;

	(void)state;
	damaged_copy(path, cut_in_half);
	g = geo_open(path, NULL, warn, sizeof warn);
	assert_non_null(g);
	assert_non_null(strstr(warn, path));
	assert_false(geo_has_country(g));
	geo_free(g);
	unlink(path);

	/* Opens (the metadata is whole); lookups must stay in bounds. */
	strcpy(path, "/tmp/vigie-geo-XXXXXX");
	damaged_copy(path, scramble_tree);
	g = geo_open(path, NULL, warn, sizeof warn);
	assert_non_null(g);
	for (size_t i = 0; i < sizeof probe / sizeof probe[0]; i++) {
		(void)look(g, probe[i], &gi);
		assert_true(gi.country[2] == '\0');
	}
	geo_free(g);
	unlink(path);
}

/* The databases scripts/geo-update installs, if it has run. */
static void
installed_databases(void **state)
{
	static const char country[] = VIGIE_GEO_DIR "/country.mmdb";
	static const char asn[] = VIGIE_GEO_DIR "/asn.mmdb";
	char warn[512];
	struct geo *g;
	struct geo_info gi;

	(void)state;
	if (access(country, R_OK) != 0 || access(asn, R_OK) != 0) {
		printf("skipped: %s or %s is not there"
		    " (run scripts/geo-update)\n", country, asn);
		skip();
	}
	g = geo_open(country, asn, warn, sizeof warn);
	assert_non_null(g);
	if (warn[0] != '\0')
		fail_msg("%s", warn);
	assert_true(look(g, "8.8.8.8", &gi));
	assert_int_equal(strlen(gi.country), 2);
	assert_true(gi.country[0] >= 'A' && gi.country[0] <= 'Z');
	assert_true(gi.country[1] >= 'A' && gi.country[1] <= 'Z');
	assert_int_equal(gi.asn, 15169);
	assert_true(gi.org[0] != '\0');
	assert_true(look(g, "2001:4860:4860::8888", &gi));
	assert_int_equal(gi.asn, 15169);
	expect_unknown(g, "192.168.1.1");
	geo_free(g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lookups_v4_v6),
		cmocka_unit_test(mapped_nat64_6to4),
		cmocka_unit_test(unknown_public),
		cmocka_unit_test(private_never_looked_up),
		cmocka_unit_test(country_validated),
		cmocka_unit_test(org_truncated),
		cmocka_unit_test(no_databases),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(not_mmdb),
		cmocka_unit_test(wrong_type),
		cmocka_unit_test(damaged_files),
		cmocka_unit_test(installed_databases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
