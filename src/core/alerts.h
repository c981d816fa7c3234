/* SPDX-License-Identifier: MIT */
/* alerts.h - alerts folded per (rule, device, remote end, reference).
 *
 * Every rule match is a hit: the first hit of a key opens an alert with
 * its evidence, later ones add to its count, its last-seen time and its
 * byte volume (upload rules only alert above a threshold of bytes). The
 * table has a fixed capacity; once full, hits of new keys are counted in
 * alert.dropped and lost, hits of known keys still count. Output order
 * does not depend on hashing: alerts_each() sorts. */
#ifndef VIGIE_ALERTS_H
#define VIGIE_ALERTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "stats.h"

#define ALERT_DEVICE_MAX 64  /* "mac:..." or "ip:..." (IPv6 up to 45) */
#define ALERT_REF_MAX 24     /* "CVE-2021-36260" */
#define ALERT_EVID_MAX 200   /* evidence bytes kept (the first hit's) */

/* What the sensor knows of a rule: its id, default severity and the
 * sentence a person reads. */
struct alert_rule {
	const char *id;
	const char *severity;   /* info, low, medium, high, critical */
	const char *ref;        /* CVE it detects, or NULL */
	const char *summary;
	bool volume;            /* raised only once the bytes folded into
	                         * it reach the policy's upload threshold */
};

struct alert {
	const struct alert_rule *rule;
	char device[ALERT_DEVICE_MAX];  /* "" if about no device */
	char ref[ALERT_REF_MAX];        /* "" if none */
	struct addr remote;
	bool has_remote;
	uint8_t evlen;
	uint64_t first_us, last_us, count, bytes;
	const char *severity;           /* NULL: the rule's own */
	char country[3];                /* of the remote end, "" unknown */
	char name[128];                 /* of the remote end, "" unknown */
	char evidence[ALERT_EVID_MAX];  /* from the wire: escaped on output */
};

struct alerts;

/* alert_rule_find: the rule with id, or NULL if vigie has no such rule. */
const struct alert_rule *alert_rule_find(const char *id);

/* alert_rule_each: call fn for every rule vigie knows (documentation,
 * policy validation). */
void alert_rule_each(void (*fn)(void *ctx, const struct alert_rule *r),
    void *ctx);

/* alerts_new: a table of at most max alerts counting into st. NULL if
 * memory is short. */
struct alerts *alerts_new(uint32_t max, struct stats *st);

/* alerts_free: release t. */
void alerts_free(struct alerts *t);

/* alerts_hit: count matches of rule (must be from alert_rule_find())
 * about device (key text, NULL or "" for none) and remote (NULL: none),
 * with reference ref (NULL: the rule's own), seen from first_us to
 * last_us (packet times), adding bytes to its volume. ev (evlen bytes,
 * possibly from the wire) is kept from the first hit, capped at
 * ALERT_EVID_MAX. Returns the alert (its severity, country and name may
 * be filled in by the caller), or NULL if the table is full. */
struct alert *alerts_hit(struct alerts *t, const struct alert_rule *rule,
    const char *device, const struct addr *remote, const char *ref,
    const char *ev, size_t evlen, uint64_t first_us, uint64_t last_us,
    uint64_t count, uint64_t bytes);

/* alerts_each: call fn for every alert, ordered by first time, rule,
 * device, remote and reference. */
void alerts_each(struct alerts *t,
    void (*fn)(void *ctx, const struct alert *a), void *ctx);

/* alerts_count: alerts held. */
uint32_t alerts_count(const struct alerts *t);

#endif
