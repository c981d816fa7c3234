/* SPDX-License-Identifier: MIT */
/* vulns.h - known-vulnerable firmware: which (maker, model, firmware
 * version, build date) a CVE applies to.
 *
 * Loaded once from data/vulns.tsv (columns in docs/policy.md); every
 * malformed line is reported as FILE:LINE with what is wrong. Read-only
 * after loading. Matching takes the strings devices state (hostile bytes,
 * not NUL-ended) and never guesses: a field an entry needs but the device
 * did not state, or stated in a form not understood, means no match. */
#ifndef VIGIE_VULNS_H
#define VIGIE_VULNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VULNS_MAX 256        /* table rows */
#define VULNS_MODEL_MAX 255  /* a row's model pattern(s) */
#define VULNS_NOTE_MAX 511   /* a row's note */
#define VULNS_VER_PARTS 8    /* components in a firmware version */

struct vulns;

/* A CVE a device is exposed to: its id ("CVE-2017-7921"), the advisory
 * naming the affected firmware, the table's note (scope, assumptions),
 * the CVSS v3 base score and whether CISA lists it as known exploited. */
struct vuln {
	const char *cve, *advisory, *note;
	double cvss;
	bool kev;
};

/* vulns_load: parse the table at path. A new table, or NULL with
 * "FILE:LINE: reason" in err (size errn), or "FILE: reason" if the file
 * cannot be read or memory runs out. */
struct vulns *vulns_load(const char *path, char *err, size_t errn);

/* vulns_free: release v (NULL is fine). */
void vulns_free(struct vulns *v);

/* vulns_match: the CVEs whose rows match a device of maker vendor
 * (NUL-ended maker name as manufacturers.tsv spells it, any case) stating
 * model (mlen bytes), firmware (flen) and build date (blen); each of these
 * may be NULL or of length 0 when unknown. A row matches when the vendor
 * is equal, the model matches one of its globs, the firmware version lies
 * in its range and the build date in its; a row that constrains a field
 * the device left unknown or unparseable does not match. A firmware
 * string with the build in it ("V5.5.6build 180326") is cut at "build";
 * the tail serves as the build date when build is unknown. Strings
 * longer than STR_MAX count as unknown. Stores at most max pointers in
 * out, one per CVE (the first matching row), and returns how many it
 * stored. */
unsigned vulns_match(const struct vulns *v, const char *vendor,
    const char *model, size_t mlen, const char *firmware, size_t flen,
    const char *build, size_t blen, const struct vuln **out, unsigned max);

/* vulns_version: parse a firmware version (n bytes, surrounding spaces
 * ignored): an optional 'V', then dot-separated components of letters,
 * digits, '-' and '_', the first starting with a digit. A component's
 * value is its leading decimal number, 0 if it has none: "V5.4.0" is
 * 5.4.0, Dahua's "3.218.00LR002.1" is 3.218.0.1 (the vendor code "00LR002"
 * orders nothing), "2.800.0000000.24.R" is 2.800.0.24.0. At most
 * VULNS_VER_PARTS components and values up to 999999999. Fills
 * out[VULNS_VER_PARTS] (missing components 0, so 5.4 equals 5.4.0) and
 * returns true, or false if s is not a version. */
bool vulns_version(const char *s, size_t n, uint32_t *out);

/* vulns_build: parse a build date (n bytes): "170123", "build 170123",
 * "build170123", "2020-11-17", "build:2020-11-17", "Build Date
 * 2017-08-11", "20201117". YYMMDD means 20YY. Stores YYYYMMDD in *out and
 * returns true, or false if s is not a date. */
bool vulns_build(const char *s, size_t n, uint32_t *out);

#endif
