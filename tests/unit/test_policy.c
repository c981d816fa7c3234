/* SPDX-License-Identifier: MIT */
/* test_policy.c - the policy file: the shipped one loads, every kind of
 * malformed line is refused with its FILE:LINE, cloud suffixes match on
 * label boundaries (most specific first), allow lines by prefix, domain
 * and site, byte counts with suffixes. Runs from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "intel/policy.h"

/* Write n bytes of text to a new temporary file; its name goes to path
 * (32 bytes). */
static void
write_tmp_n(char *path, const char *text, size_t n)
{
	int fd;

	strcpy(path, "/tmp/vigie-policy-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
}

static void
write_tmp(char *path, const char *text)
{
	write_tmp_n(path, text, strlen(text));
}

static struct policy *
load_text(const char *text)
{
	char path[32], err[512];
	struct policy *p;

	write_tmp(path, text);
	p = policy_load(path, err, sizeof err);
	if (p == NULL)
		print_error("%s\n", err);
	unlink(path);
	return p;
}

/* n bytes of text must be refused with "PATH" + want. */
static void
refused_n(const char *text, size_t n, const char *want)
{
	char path[32], err[512], full[600];

	write_tmp_n(path, text, n);
	assert_null(policy_load(path, err, sizeof err));
	snprintf(full, sizeof full, "%s%s", path, want);
	assert_string_equal(err, full);
	unlink(path);
}

static void
refused(const char *text, const char *want)
{
	refused_n(text, strlen(text), want);
}

static const char *
category(const struct policy *p, const char *name)
{
	const struct policy_cloud *c = policy_cloud(p, name, strlen(name));

	return c ? c->category : NULL;
}

static void
shipped_file(void **state)
{
	char err[512];
	struct policy *p = policy_load("data/policy.conf", err, sizeof err);

	(void)state;
	if (p == NULL)
		fail_msg("%s", err);
	assert_true(policy_flagged(p, "CN"));
	assert_true(policy_flagged(p, "HK"));
	assert_true(policy_flagged(p, "MO"));
	assert_true(policy_flagged(p, "cn"));
	assert_false(policy_flagged(p, "TW"));
	assert_false(policy_flagged(p, "US"));
	assert_false(policy_flagged(p, "C1"));
	assert_int_equal(policy_upload_threshold(p), 1048576);
	assert_true(policy_isolated(p, "camera"));
	assert_true(policy_isolated(p, "nvr"));
	assert_true(policy_isolated(p, "dvr"));
	assert_true(policy_isolated(p, "intercom"));
	assert_false(policy_isolated(p, "drone"));
	assert_false(policy_isolated(p, "toaster"));
	assert_string_equal(policy_severity(p, "sensor.capacity", "low"),
	    "low");
	assert_string_equal(category(p, "www.hik-connect.com"),
	    "vendor-cloud");
	assert_string_equal(category(p, "www.easy4ipcloud.com"), "p2p-relay");
	assert_string_equal(category(p, "iotaccess.easy4ipcloud.com"),
	    "vendor-cloud");
	assert_string_equal(category(p, "statistical-report.djiservice.org"),
	    "telemetry");
	assert_string_equal(category(p, "flysafe-cdn.aasky.net"), "geofence");
	assert_false(policy_allowed(p, "hq", NULL, "dji.com", 7));
	policy_free(p);
}

static void
cloud_suffixes(void **state)
{
	char err[512];
	struct policy *p = policy_load("data/policy.conf", err, sizeof err);
	const struct policy_cloud *c;
	char buf[300];

	(void)state;
	assert_non_null(p);
	c = policy_cloud(p, "mydjiflight.dji.com", 19);
	assert_non_null(c);
	assert_string_equal(c->category, "flight-records");
	assert_string_equal(c->suffix, "mydjiflight.dji.com");
	assert_string_equal(c->vendor, "DJI");
	assert_string_equal(category(p, "x.mydjiflight.dji.com"),
	    "flight-records");
	assert_string_equal(category(p, "dji.com"), "vendor-cloud");
	assert_string_equal(category(p, "account-api.dji.com"),
	    "vendor-cloud");
	assert_string_equal(category(p, "FlySafe-API.DJI.com."), "geofence");
	assert_string_equal(category(p, "api.flysafe-api.dji.com"),
	    "geofence");
	/* Label boundaries only. */
	assert_null(category(p, "evildji.com"));
	assert_null(category(p, "xmydjiflight.dji.com.evil.example"));
	assert_string_equal(category(p, "xmydjiflight.dji.com"),
	    "vendor-cloud");
	assert_null(category(p, "dji.com.evil.example"));
	assert_null(category(p, "com"));
	assert_null(category(p, ""));
	assert_null(category(p, "."));
	assert_null(category(p, ".."));
	/* Not NUL-ended: only len bytes are read. */
	memcpy(buf, "dji.comXYZ", 10);
	assert_non_null(policy_cloud(p, buf, 7));
	assert_null(policy_cloud(p, buf, 10));
	/* Longer than a DNS name. */
	memset(buf, 'a', sizeof buf);
	memcpy(buf + sizeof buf - 8, ".dji.com", 8);
	assert_null(policy_cloud(p, buf, sizeof buf));
	assert_non_null(policy_cloud(p, buf + 50, sizeof buf - 50));
	policy_free(p);
}

static void
allow_lines(void **state)
{
	struct policy *p;
	struct addr a;

	(void)state;
	p = load_text("allow * 192.0.2.0/24   # the VMS\n"
		      "allow *\t2001:db8::/32\n"
		      "allow hq 198.51.100.7\n"
		      "allow hq Hik-Connect.com\n"
		      "allow * example.org\n");
	assert_non_null(p);
	assert_true(addr_parse(&a, "192.0.2.9"));
	assert_true(policy_allowed(p, NULL, &a, NULL, 0));
	assert_true(policy_allowed(p, "lab", &a, NULL, 0));
	assert_true(addr_parse(&a, "192.0.3.1"));
	assert_false(policy_allowed(p, NULL, &a, NULL, 0));
	assert_true(addr_parse(&a, "2001:db8:1::1"));
	assert_true(policy_allowed(p, "hq", &a, NULL, 0));
	assert_true(addr_parse(&a, "198.51.100.7"));
	assert_false(policy_allowed(p, NULL, &a, NULL, 0));
	assert_false(policy_allowed(p, "lab", &a, NULL, 0));
	assert_false(policy_allowed(p, "HQ", &a, NULL, 0));
	assert_true(policy_allowed(p, "hq", &a, NULL, 0));
	assert_true(policy_allowed(p, "hq", NULL, "dev.hik-connect.com", 19));
	assert_true(policy_allowed(p, "hq", NULL, "hik-connect.com.", 16));
	assert_false(policy_allowed(p, "lab", NULL, "dev.hik-connect.com",
	    19));
	assert_false(policy_allowed(p, NULL, NULL, "dev.hik-connect.com",
	    19));
	assert_true(policy_allowed(p, NULL, NULL, "WWW.EXAMPLE.ORG", 15));
	assert_false(policy_allowed(p, NULL, NULL, "notexample.org", 14));
	assert_false(policy_allowed(p, NULL, NULL, "example.org.evil", 16));
	assert_false(policy_allowed(p, "hq", NULL, NULL, 0));
	/* Address not allowed, name allowed: allowed. */
	assert_true(addr_parse(&a, "203.0.113.1"));
	assert_true(policy_allowed(p, NULL, &a, "cdn.example.org", 15));
	assert_false(policy_allowed(p, NULL, &a, "cdn.example.net", 15));
	/* A site named "*" is not every site. */
	assert_false(policy_allowed(p, "*", NULL, "dev.hik-connect.com",
	    19));
	policy_free(p);
}

static void
thresholds(void **state)
{
	static const struct {
		const char *text;
		uint64_t want;
	} ok[] = {
		{ "upload-threshold 0\n", 0 },
		{ "upload-threshold 123\n", 123 },
		{ "upload-threshold 512k\n", 512 * 1024 },
		{ "upload-threshold 512K\n", 512 * 1024 },
		{ "upload-threshold 2M\n", 2u << 20 },
		{ "upload-threshold 3G\n", (uint64_t)3 << 30 },
		{ "\n# none\n", POLICY_DEFAULT_UPLOAD },
	};
	static const char *const bad[] = { "12X", "k", "-5", "1.5M", "1MB",
		"1m", "99999999999999999999", "17179869184G" };

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct policy *p = load_text(ok[i].text);

		assert_non_null(p);
		assert_int_equal(policy_upload_threshold(p), ok[i].want);
		policy_free(p);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[64], want[128];

		snprintf(text, sizeof text, "upload-threshold %s\n", bad[i]);
		snprintf(want, sizeof want, ":1: bad number '%s' (bytes, "
		    "optionally followed by k, M or G)", bad[i]);
		refused(text, want);
	}
}

static void
errors(void **state)
{
	char *big;
	size_t off = 0;

	(void)state;
	refused("frobnicate 1\n", ":1: unknown directive 'frobnicate' (see "
	    "docs/policy.md)");
	refused("# comment\n\nflagged-country CN cn\n", ":3: 'cn' is not a "
	    "country code (two upper-case letters, ISO 3166-1 alpha-2)");
	refused("flagged-country CHN\n", ":1: 'CHN' is not a country code "
	    "(two upper-case letters, ISO 3166-1 alpha-2)");
	refused("flagged-country\n", ":1: usage: flagged-country CC [CC...]");
	refused("allow * 10.0.0.0/33\n", ":1: '10.0.0.0/33' has a bad prefix "
	    "length");
	refused("allow * 10.0.0.300\n", ":1: '10.0.0.300' is not an address "
	    "or CIDR prefix");
	refused("allow * localhost\n", ":1: 'localhost' is neither a CIDR "
	    "prefix nor a domain suffix");
	refused("allow hq\n", ":1: usage: allow SITE|* CIDR|DOMAIN-SUFFIX");
	refused("upload-threshold 1M\nupload-threshold 2M\n", ":2: "
	    "upload-threshold given twice (first on line 1)");
	refused("cloud dji.com cloud DJI\n", ":1: unknown category 'cloud' "
	    "(vendor-cloud, p2p-relay, flight-records, geofence, telemetry)");
	refused("cloud *.dji.com vendor-cloud DJI\n", ":1: '*.dji.com' is "
	    "not a domain suffix (two or more dotted labels of letters, "
	    "digits, '-', '_'; no '*')");
	refused("cloud com vendor-cloud DJI\n", ":1: 'com' is not a domain "
	    "suffix (two or more dotted labels of letters, digits, '-', '_'; "
	    "no '*')");
	refused("cloud dji.com vendor-cloud\n", ":1: usage: cloud "
	    "DOMAIN-SUFFIX CATEGORY VENDOR");
	refused("cloud dji.com vendor-cloud DJI\ncloud DJI.com telemetry DJI\n",
	    ":2: cloud suffix 'dji.com' listed twice");
	refused("isolate camera toaster\n", ":1: unknown kind 'toaster' "
	    "(camera, nvr, dvr, intercom, access-control, drone, "
	    "drone-controller, drone-app-host, radio, unknown)");
	refused("severity sensor.capacity urgent\n", ":1: unknown severity "
	    "'urgent' (info, low, medium, high, critical)");
	refused("severity Bad!Rule high\n", ":1: 'Bad!Rule' is not a rule id "
	    "(lower case letters, digits, '.', '-', '_'; at most 47 bytes)");
	refused("severity a high\r\nseverity a low\r\n", ":2: severity of 'a' "
	    "given twice (first on line 1)");
	refused("flagged-country CN\x01\n", ":1: control character 0x01");
	refused_n("flagged-country CN\n\0\n", 21, ":2: NUL byte");
	/* Too many entries. */
	big = malloc(64 * 1024);
	assert_non_null(big);
	for (unsigned i = 0; i <= POLICY_MAX_CLOUDS; i++)
		off += (size_t)sprintf(big + off,
		    "cloud h%u.example telemetry X\n", i);
	refused(big, ":257: too many cloud lines (at most 256)");
	off = 0;
	for (unsigned i = 0; i <= LOCAL_MAX_NETS; i++)
		off += (size_t)sprintf(big + off, "allow lab 10.0.%u.0/24\n",
		    i);
	refused(big, ":65: too many allowed prefixes for site 'lab' (at most "
	    "64)");
	memset(big, 'a', 2000);
	big[2000] = '\0';
	refused(big, ":1: line longer than 1024 bytes");
	free(big);
}

static void
unreadable_and_overrides(void **state)
{
	static const char *const known[] = { "sensor.capacity",
		"sensor.header-chain" };
	char err[512], path[32];
	struct policy *p;

	(void)state;
	assert_null(policy_load("/nonexistent/policy.conf", err, sizeof err));
	assert_string_equal(err, "/nonexistent/policy.conf: No such file or "
	    "directory");
	write_tmp(path, "severity sensor.capacity high\n"
			"severity no.such critical   # typo\n");
	p = policy_load(path, err, sizeof err);
	assert_non_null(p);
	assert_string_equal(policy_severity(p, "sensor.capacity", "low"),
	    "high");
	assert_string_equal(policy_severity(p, "sensor.header-chain",
	    "medium"), "medium");
	assert_false(policy_check_rules(p, known, 2, err, sizeof err));
	{
		char want[128];

		snprintf(want, sizeof want, "%s:2: unknown rule 'no.such'",
		    path);
		assert_string_equal(err, want);
	}
	policy_free(p);
	unlink(path);
	/* An empty policy: nothing flagged, isolated or overridden. */
	p = load_text("");
	assert_non_null(p);
	assert_false(policy_flagged(p, "CN"));
	assert_false(policy_isolated(p, "camera"));
	assert_null(category(p, "dji.com"));
	assert_true(policy_check_rules(p, known, 2, err, sizeof err));
	policy_free(p);
	policy_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_file),
		cmocka_unit_test(cloud_suffixes),
		cmocka_unit_test(allow_lines),
		cmocka_unit_test(thresholds),
		cmocka_unit_test(errors),
		cmocka_unit_test(unreadable_and_overrides),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
