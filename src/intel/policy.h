/* SPDX-License-Identifier: MIT */
/* policy.h - the site policy: which jurisdictions, clouds and device kinds
 * are flagged, what is allowed, and how severe each rule is.
 *
 * Loaded once from a line-oriented text file (data/policy.conf as shipped;
 * the format is documented in docs/policy.md); every malformed line is
 * reported as FILE:LINE with what is wrong, and loading fails. Read-only
 * after loading. */
#ifndef VIGIE_POLICY_H
#define VIGIE_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"

#define POLICY_MAX_CLOUDS 256  /* cloud lines */
#define POLICY_CLOUD_SLOTS 512 /* hash slots for them (power of two) */
#define POLICY_MAX_SITES 32    /* distinct sites named by allow (plus *) */
#define POLICY_MAX_NAMES 256   /* allow lines with a domain suffix */
#define POLICY_MAX_RULES 64    /* severity lines */
#define POLICY_LINE_MAX 1024   /* bytes in a line, newline excluded */
#define POLICY_MAX_WORDS 64    /* words in a line */
#define POLICY_NAME_MAX 253    /* a DNS name in text, no trailing dot */
#define POLICY_RULE_MAX 47     /* a rule id */
#define POLICY_VENDOR_MAX 31   /* a cloud's vendor label */

/* Threshold used when the file has no upload-threshold line: 1 MiB. A
 * device or app exchanges a few hundred KB of registration, keep-alive and
 * telemetry with its cloud over a capture; a camera streaming even a
 * 512 kbit/s sub-stream sends 1 MiB in about 16 seconds. */
#define POLICY_DEFAULT_UPLOAD ((uint64_t)1 << 20)

struct policy;

/* A cloud entry: the suffix as written (lower case), its category
 * ("vendor-cloud", "p2p-relay", "flight-records", "geofence" or
 * "telemetry") and the vendor label as written. */
struct policy_cloud {
	const char *suffix, *category, *vendor;
};

/* policy_load: parse the policy file at path. Returns a new policy, or
 * NULL with "FILE:LINE: reason" in err (size errn) for the first
 * malformed line, or "FILE: reason" if the file cannot be read or memory
 * runs out. Directives left out mean none (no country flagged, no cloud,
 * no allow, no kind isolated, no override), except upload-threshold,
 * which defaults to POLICY_DEFAULT_UPLOAD. */
struct policy *policy_load(const char *path, char *err, size_t errn);

/* policy_free: release p (NULL is fine). */
void policy_free(struct policy *p);

/* policy_flagged: true if the country whose ISO 3166-1 alpha-2 code is cc
 * (two letters, any case; not NUL-ended) is flagged. */
bool policy_flagged(const struct policy *p, const char cc[2]);

/* policy_upload_threshold: bytes a local device may send to one remote
 * address in a flagged country before the upload rule fires (the rule
 * fires when the count exceeds it). */
uint64_t policy_upload_threshold(const struct policy *p);

/* policy_cloud: the most specific (longest) cloud entry whose suffix
 * matches name (len bytes, not NUL-ended; any case; a trailing dot
 * ignored) on a label boundary: equal to it, or ending in "." + suffix.
 * NULL if none. "evildji.com" does not match "dji.com". */
const struct policy_cloud *policy_cloud(const struct policy *p,
    const char *name, size_t len);

/* policy_allowed: true if the destination is allowed for site: an allow
 * line for that site (exact, case-sensitive) or for "*" names a prefix
 * holding a, or a domain suffix matching name (nlen bytes, not NUL-ended,
 * any case, trailing dot ignored; on a label boundary). a may be NULL,
 * name may be NULL (or nlen 0); site NULL means no site, so only "*"
 * lines apply. */
bool policy_allowed(const struct policy *p, const char *site,
    const struct addr *a, const char *name, size_t nlen);

/* policy_isolated: true if devices of kind (a kind name as kind_name()
 * prints it, NUL-ended) must not reach the internet. */
bool policy_isolated(const struct policy *p, const char *kind);

/* policy_severity: the severity of rule (NUL-ended rule id): its override
 * ("info", "low", "medium", "high" or "critical"), else dflt. */
const char *policy_severity(const struct policy *p, const char *rule,
    const char *dflt);

/* policy_check_rules: check that every severity line names one of the n
 * rule ids in known. true, or false with "FILE:LINE: unknown rule 'x'" in
 * err (the caller knows its rules; the loader does not). */
bool policy_check_rules(const struct policy *p, const char *const *known,
    size_t n, char *err, size_t errn);

#endif
