/* SPDX-License-Identifier: MIT */
/* test_vulns.c - the vulnerable-firmware table: the shipped one loads and
 * names makers manufacturers.tsv knows, malformed rows are refused with
 * their FILE:LINE, version and build strings as devices state them,
 * model globs, unknown fields never match, hostile bytes are harmless.
 * Runs from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "intel/kb.h"
#include "intel/vulns.h"

#define ROW_TAIL "\tCVE-2020-0001\t9.8\tno\tTEST-1\tnote\n"

static struct vulns *shipped;

static int
setup(void **state)
{
	char err[512];

	(void)state;
	if ((shipped = vulns_load("data/vulns.tsv", err, sizeof err)) == NULL) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	vulns_free(shipped);
	return 0;
}

static void
write_tmp(char *path, const char *text)
{
	int fd;

	strcpy(path, "/tmp/vigie-vulns-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static struct vulns *
load_text(const char *text)
{
	char path[32], err[512];
	struct vulns *v;

	write_tmp(path, text);
	v = vulns_load(path, err, sizeof err);
	if (v == NULL)
		print_error("%s\n", err);
	unlink(path);
	return v;
}

static void
refused(const char *text, const char *want)
{
	char path[32], err[512], full[600];

	write_tmp(path, text);
	assert_null(vulns_load(path, err, sizeof err));
	snprintf(full, sizeof full, "%s%s", path, want);
	assert_string_equal(err, full);
	unlink(path);
}

/* The CVEs matched, space-separated, in table order ("" if none). */
static const char *
cves(const struct vulns *v, const char *vendor, const char *model,
    const char *fw, const char *build)
{
	static char buf[256];
	const struct vuln *out[8];
	unsigned n;

	n = vulns_match(v, vendor, model, model ? strlen(model) : 0, fw,
	    fw ? strlen(fw) : 0, build, build ? strlen(build) : 0, out, 8);
	buf[0] = '\0';
	for (unsigned i = 0; i < n; i++) {
		strcat(buf, i ? " " : "");
		strcat(buf, out[i]->cve);
	}
	return buf;
}

static void
shipped_table(void **state)
{
	struct kb kb;
	char err[512], line[4096];
	FILE *f;
	unsigned rows = 0;

	(void)state;
	/* Every vendor is a maker name as manufacturers.tsv spells it. */
	memset(&kb, 0, sizeof kb);
	assert_int_equal(kb_load(&kb, "data", err, sizeof err), 0);
	f = fopen("data/vulns.tsv", "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL) {
		bool found = false;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\t")] = '\0';
		for (unsigned i = 0; i < kb.nmaker; i++)
			found |= strcmp(kb.maker[i].name, line) == 0;
		if (!found)
			fail_msg("vendor '%s' not in manufacturers.tsv", line);
		rows++;
	}
	fclose(f);
	kb_free(&kb);
	assert_true(rows >= 11);
}

static void
versions(void **state)
{
	uint32_t v[VULNS_VER_PARTS];
	static const char *const bad[] = { "", "V", "v.5", "abc", "5..4",
		"5.4.", ".5", "1.2.3.4.5.6.7.8.9", "9999999999", "V5.4.0 x",
		"5.4/1", "IPC_5.4.0", "5.4.0 build" };

	(void)state;
	assert_true(vulns_version("V5.4.0", 6, v));
	assert_true(v[0] == 5 && v[1] == 4 && v[2] == 0 && v[3] == 0);
	assert_true(vulns_version(" v5.5.6 ", 8, v));
	assert_true(v[0] == 5 && v[1] == 5 && v[2] == 6);
	assert_true(vulns_version("2.800.0000000.24.R", 18, v));
	assert_true(v[0] == 2 && v[1] == 800 && v[2] == 0 && v[3] == 24 &&
	    v[4] == 0);
	assert_true(vulns_version("3.218.00LR002.1", 15, v));
	assert_true(v[0] == 3 && v[1] == 218 && v[2] == 0 && v[3] == 1);
	assert_true(vulns_version("2.622.0000000.31.R,", 19, v));
	assert_true(vulns_version("5.4.41", 6, v));
	assert_int_equal(v[2], 41);
	assert_true(vulns_version("1.2.3.4.5.6.7.8", 15, v));
	assert_true(vulns_version("999999999", 9, v));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (vulns_version(bad[i], strlen(bad[i]), v))
			fail_msg("'%s' taken as a version", bad[i]);
}

static void
builds(void **state)
{
	static const struct {
		const char *s;
		uint32_t want;
	} ok[] = {
		{ "170123", 20170123 },
		{ "build 170123", 20170123 },
		{ "build170123", 20170123 },
		{ " Build 180326 ", 20180326 },
		{ "build:2020-11-17", 20201117 },
		{ "2020-11-17", 20201117 },
		{ "Build Date 2017-08-11", 20170811 },
		{ "20201117", 20201117 },
		{ "2019.04.02", 20190402 },
	};
	static const char *const bad[] = { "", "build", "build 1701234",
		"foo 170123", "2020-13-01", "17012", "2020-11-17x",
		"2020-11/17", "171301", "170100", "build 17-01-23",
		"build: 170123 rev2" };
	uint32_t d;

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		if (!vulns_build(ok[i].s, strlen(ok[i].s), &d))
			fail_msg("'%s' not taken as a build date", ok[i].s);
		assert_int_equal(d, ok[i].want);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (vulns_build(bad[i], strlen(bad[i]), &d))
			fail_msg("'%s' taken as a build date", bad[i]);
}

static void
hikvision(void **state)
{
	(void)state;
	/* DS-2CD2xx2FWD: V5.3.1 b150410 - V5.4.4 b161125; and inside the
	 * CVE-2021-36260 window. */
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD2142FWD-IWS",
	    "V5.4.0", "build 160401"), "CVE-2017-7921 CVE-2021-36260");
	assert_string_equal(cves(shipped, "hikvision", "ds-2cd2142fwd-iws",
	    "V5.4.0", "build 160401"), "CVE-2017-7921 CVE-2021-36260");
	/* DS-2CD2xx2F-I, first affected build: before the 36260 window. */
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD2032F-I",
	    "V5.2.0", "build 140721"), "CVE-2017-7921");
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD2032F-I",
	    "V5.2.0", "build 140720"), "");
	/* Fixed firmware 5.4.41 lies above V5.4.4 (41 > 4, not 4.1). */
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD2142FWD-I",
	    "V5.4.41", "build 161125"), "CVE-2021-36260");
	/* Inclusive bounds: DS-2DFx up to V5.4.5 build 160928. */
	assert_string_equal(cves(shipped, "Hikvision", "DS-2DF8225IX-AEL",
	    "V5.4.5", "build 160928"), "CVE-2017-7921 CVE-2021-36260");
	assert_string_equal(cves(shipped, "Hikvision", "DS-2DF8225IX-AEL",
	    "V5.4.5", "build 160929"), "CVE-2021-36260");
	/* Both 4x2xFWD and 4xx5 rows match: one CVE reported once. */
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD4225FWD-IZ",
	    "V5.3.0", "150101"), "CVE-2017-7921");
	/* SADP states "V5.5.6build 180326" as one string. */
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD2143G0-I",
	    "V5.5.6build 180326", NULL), "CVE-2021-36260");
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD2143G0-I",
	    "V5.5.6build 180326", "build 180326"), "CVE-2021-36260");
	/* Fixed build. */
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD2143G0-I",
	    "V5.5.800", "build 210628"), "");
	/* Not a camera family named for CVE-2021-36260. */
	assert_string_equal(cves(shipped, "Hikvision", "DS-7608NI-K2",
	    "V4.1.0", "build 190101"), "");
	/* Another maker's name. */
	assert_string_equal(cves(shipped, "Dahua", "DS-2CD2142FWD-IWS",
	    "V5.4.0", "build 160401"), "");
}

static void
dahua(void **state)
{
	(void)state;
	assert_string_equal(cves(shipped, "Dahua", "IPC-HDW1230S",
	    "2.800.0000000.24.R", "build:2020-11-17"),
	    "CVE-2021-33044 CVE-2021-33045");
	/* magicBox "version=2.800.0000000.24.R,build:2020-11-17". */
	assert_string_equal(cves(shipped, "Dahua", "IPC-HDW1230S",
	    "2.800.0000000.24.R,build:2020-11-17", NULL),
	    "CVE-2021-33044 CVE-2021-33045");
	assert_string_equal(cves(shipped, "Dahua", "DH-IPC-HDBW4631R-ZS",
	    "2.622.0000000.31.R", "2016-03-01"),
	    "CVE-2021-33044 CVE-2021-33045 CVE-2017-7927");
	assert_string_equal(cves(shipped, "Dahua", "XVR5104HS",
	    "4.001.0000000.3.R", "2021-06-30"),
	    "CVE-2021-33044 CVE-2021-33045");
	assert_string_equal(cves(shipped, "Dahua", "XVR5104HS",
	    "4.001.0000000.3.R", "2021-07-01"), "");
	/* An OEM model (Lorex) is not guessed at. */
	assert_string_equal(cves(shipped, "Dahua", "LNB8005",
	    "3.218.00LR002.1", "2020-11-17"), "");
}

static void
unknown_fields(void **state)
{
	const struct vuln *out[4];

	(void)state;
	/* The model is needed by every shipped row. */
	assert_string_equal(cves(shipped, "Hikvision", NULL, "V5.4.0",
	    "build 160401"), "");
	assert_string_equal(cves(shipped, "Hikvision", "", "V5.4.0",
	    "build 160401"), "");
	/* The 7921 rows need the build; 36260 needs it too. */
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD2142FWD-IWS",
	    "V5.4.0", NULL), "");
	/* The 7921 rows need the firmware; 36260 does not. */
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD2142FWD-IWS",
	    NULL, "build 160401"), "CVE-2021-36260");
	/* Unparseable counts as unknown. */
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD2142FWD-IWS",
	    "IPC_5.4.0", "build 160401"), "CVE-2021-36260");
	assert_string_equal(cves(shipped, "Hikvision", "DS-2CD2142FWD-IWS",
	    "V5.4.0", "last spring"), "");
	assert_string_equal(cves(shipped, "Dahua", "IPC-HDW1230S",
	    "2.800.0000000.24.R", NULL), "");
	assert_int_equal(vulns_match(shipped, NULL, "IPC-HDW1230S", 12,
	    NULL, 0, "2020-11-17", 10, out, 4), 0);
	assert_int_equal(vulns_match(NULL, "Dahua", "IPC-HDW1230S", 12,
	    NULL, 0, "2020-11-17", 10, out, 4), 0);
	/* At most max results. */
	assert_int_equal(vulns_match(shipped, "Dahua", "IPC-HDW1230S", 12,
	    NULL, 0, "2020-11-17", 10, out, 1), 1);
	assert_int_equal(vulns_match(shipped, "Dahua", "IPC-HDW1230S", 12,
	    NULL, 0, "2020-11-17", 10, out, 0), 0);
}

static void
globs(void **state)
{
	struct vulns *v = load_text("# a test table\n\n"
	    "X\tA*B?C|Z*|DS-2CD4?2?FWD\t-\t-\t-\t-" ROW_TAIL
	    "Y\t*\t1.0\t2.0\t-\t-" ROW_TAIL);

	(void)state;
	assert_non_null(v);
	assert_string_equal(cves(v, "X", "AxxBzC", NULL, NULL),
	    "CVE-2020-0001");
	assert_string_equal(cves(v, "X", "aqqbzc", NULL, NULL),
	    "CVE-2020-0001");
	assert_string_equal(cves(v, "X", "AB_C", NULL, NULL), "CVE-2020-0001");
	assert_string_equal(cves(v, "X", "ABBBBC", NULL, NULL),
	    "CVE-2020-0001");
	assert_string_equal(cves(v, "X", "ABC", NULL, NULL), "");
	assert_string_equal(cves(v, "X", "AxxBzCd", NULL, NULL), "");
	assert_string_equal(cves(v, "X", "Z", NULL, NULL), "CVE-2020-0001");
	assert_string_equal(cves(v, "X", "DS-2CD4A2BFWD", NULL, NULL),
	    "CVE-2020-0001");
	assert_string_equal(cves(v, "X", "DS-2CD4A2BFWD-Z", NULL, NULL), "");
	assert_string_equal(cves(v, "X", "DS-2CD42FWD", NULL, NULL), "");
	/* Model "*": the model is not needed; the firmware is. */
	assert_string_equal(cves(v, "Y", NULL, "1.5", NULL), "CVE-2020-0001");
	assert_string_equal(cves(v, "Y", NULL, "2.0.1", NULL), "");
	assert_string_equal(cves(v, "Y", NULL, NULL, NULL), "");
	vulns_free(v);
}

static void
errors(void **state)
{
	char *big;
	size_t off = 0;

	(void)state;
	refused("# c\nX\tY\tZ\n", ":2: expected 11 fields, found 3");
	refused("X\t*\t5..4\t-\t-\t-" ROW_TAIL, ":1: bad firmware min '5..4' "
	    "(a version like 5.4.0, or -)");
	refused("X\t*\t-\tV\t-\t-" ROW_TAIL, ":1: bad firmware max 'V' (a "
	    "version like 5.4.0, or -)");
	refused("X\t*\t5.4.1\t5.4\t-\t-" ROW_TAIL, ":1: firmware min above "
	    "max");
	refused("X\t*\t-\t-\tbuild 160101\t-" ROW_TAIL, ":1: bad build min "
	    "'build 160101' (YYMMDD, YYYY-MM-DD or -)");
	refused("X\t*\t-\t-\t-\t2021-13-01" ROW_TAIL, ":1: bad build max "
	    "'2021-13-01' (YYMMDD, YYYY-MM-DD or -)");
	refused("X\t*\t-\t-\t2021-06-01\t210531" ROW_TAIL, ":1: build min "
	    "above max");
	refused("X\ta||b\t-\t-\t-\t-" ROW_TAIL, ":1: bad model pattern 'a||b' "
	    "(globs with * and ? joined by |)");
	refused("X\ta b\t-\t-\t-\t-" ROW_TAIL, ":1: bad model pattern 'a b' "
	    "(globs with * and ? joined by |)");
	refused("X\t*\t-\t-\t-\t-\tCVE-21-1\t9.8\tno\tA\tN\n", ":1: bad CVE "
	    "id 'CVE-21-1'");
	refused("X\t*\t-\t-\t-\t-\tCVE-2021-1\t9.8\tno\tA\tN\n", ":1: bad CVE "
	    "id 'CVE-2021-1'");
	refused("X\t*\t-\t-\t-\t-\tCVE-2021-0001\t11.0\tno\tA\tN\n", ":1: bad "
	    "CVSS '11.0' (0 to 10, one decimal)");
	refused("X\t*\t-\t-\t-\t-\tCVE-2021-0001\t9.85\tno\tA\tN\n", ":1: bad "
	    "CVSS '9.85' (0 to 10, one decimal)");
	refused("X\t*\t-\t-\t-\t-\tCVE-2021-0001\t9.8\tmaybe\tA\tN\n", ":1: "
	    "KEV must be yes or no, not 'maybe'");
	refused("X\t*\t-\t-\t-\t-\tCVE-2021-0001\t9.8\tno\t\tN\n", ":1: "
	    "advisory or note empty or too long");
	refused("\t*\t-\t-\t-\t-" ROW_TAIL, ":1: vendor empty or too long");
	big = malloc(128 * 1024);
	assert_non_null(big);
	for (unsigned i = 0; i <= VULNS_MAX; i++)
		off += (size_t)sprintf(big + off, "X\t*\t-\t-\t-\t-" ROW_TAIL);
	refused(big, ":257: too many rows (at most 256)");
	free(big);
}

/* Hostile device strings: random bytes of random lengths in buffers of
 * exactly that size (ASan sees any read past them); no crash, and a
 * sane count. */
static void
hostile(void **state)
{
	static const char alphabet[] =
	    "0123456789.-:buildBUILDVv ,DS2C*?|\0\xff";
	uint32_t seed = 12345;

	(void)state;
	for (unsigned round = 0; round < 20000; round++) {
		size_t len[3];
		char *s[3];
		const struct vuln *out[8];
		unsigned n;

		for (unsigned k = 0; k < 3; k++) {
			seed = seed * 1103515245u + 12345u;
			len[k] = (seed >> 8) % 300;
			s[k] = malloc(len[k] ? len[k] : 1);
			assert_non_null(s[k]);
			for (size_t i = 0; i < len[k]; i++) {
				seed = seed * 1103515245u + 12345u;
				s[k][i] = alphabet[(seed >> 8) %
				    (sizeof alphabet - 1)];
			}
		}
		n = vulns_match(shipped, round & 1 ? "Dahua" : "Hikvision",
		    s[0], len[0], s[1], len[1], s[2], len[2], out, 8);
		assert_true(n <= 8);
		for (unsigned k = 0; k < 3; k++)
			free(s[k]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_table),
		cmocka_unit_test(versions),
		cmocka_unit_test(builds),
		cmocka_unit_test(hikvision),
		cmocka_unit_test(dahua),
		cmocka_unit_test(unknown_fields),
		cmocka_unit_test(globs),
		cmocka_unit_test(errors),
		cmocka_unit_test(hostile),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
