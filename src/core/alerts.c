/* SPDX-License-Identifier: MIT */
/* alerts.c - the rules vigie raises, and alerts folded per key. */
#include "alerts.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "pool.h"

static const struct alert_rule rules[] = {
	{ "exploit.cve-2017-7921", "high", "CVE-2017-7921",
	    "Hikvision authentication bypass attempt: a request carries "
	    "auth= with base64 of \"admin:\"", false },
	{ "exploit.cve-2021-36260", "critical", "CVE-2021-36260",
	    "Hikvision command injection attempt: PUT /SDK/webLanguage with "
	    "shell characters in <language>", false },
	{ "recon.hikvision-weblanguage", "low", "CVE-2021-36260",
	    "probe for the Hikvision /SDK/webLanguage endpoint (reconnaissance "
	    "before CVE-2021-36260)", false },
	{ "exploit.cve-2021-33044", "critical", "CVE-2021-33044",
	    "Dahua authentication bypass attempt: global.login with "
	    "clientType NetKeyboard", false },
	{ "exploit.cve-2021-33045", "critical", "CVE-2021-33045",
	    "Dahua authentication bypass attempt: global.login with "
	    "loginType Loopback", false },
	{ "exploit.cve-2017-7927", "high", "CVE-2017-7927",
	    "Dahua configuration and password disclosure attempt "
	    "(/current_config/)", false },
	{ "exploit.cve-2013-6117", "medium", "CVE-2013-6117",
	    "Dahua DVR serial number query without login (DVRIP)", false },
	{ "cleartext.http-basic", "high", NULL,
	    "user name and password sent to the device in clear (HTTP or "
	    "RTSP Basic authentication without TLS)", false },
	{ "cleartext.digest", "medium", NULL,
	    "Digest authentication to the device without TLS: the exchange "
	    "can be replayed or cracked offline", false },
	{ "cleartext.telnet", "high", NULL,
	    "Telnet session to the device: whatever is typed, the password "
	    "included, crosses the network in clear", false },
	{ "cleartext.ftp", "high", NULL,
	    "FTP login to the device: user name and password in clear", false },
	{ "upload.flagged-country", "high", NULL,
	    "the device sent data to an address in a flagged jurisdiction", true },
	{ "cloud.vendor-cloud", "medium", NULL,
	    "the device talks to its maker's cloud service", false },
	{ "cloud.p2p-relay", "medium", NULL,
	    "the device uses a vendor P2P relay: it is reachable from the "
	    "internet through the maker's servers", false },
	{ "cloud.flight-records", "high", NULL,
	    "drone flight records endpoint reached: flight logs, GPS tracks "
	    "or media may be uploaded", false },
	{ "cloud.geofence", "low", NULL,
	    "drone geofence (FlySafe) service reached: location of interest "
	    "disclosed to the maker", false },
	{ "cloud.telemetry", "medium", NULL,
	    "the maker's telemetry or analytics endpoint reached", false },
	{ "firmware.vulnerable", "high", NULL,
	    "the device runs firmware known to be vulnerable", false },
	{ "device.factory-state", "high", NULL,
	    "device not activated (Hikvision SADP Activated false, Dahua DHIP "
	    "Init 1): whoever reaches it first sets the administrator "
	    "password", false },
	{ "exposure.inbound", "high", NULL,
	    "a camera or recorder answered a connection opened from the "
	    "internet: it is exposed", false },
	{ "policy.isolation", "medium", NULL,
	    "a device of a kind the policy isolates talked to the internet", false },
	{ "drone.implied-speed", "high", NULL,
	    "a drone's broadcast positions imply a speed it cannot fly: "
	    "the position or the ID is forged", false },
	{ "drone.two-places", "high", NULL,
	    "one drone ID broadcast from two places at once: two "
	    "transmitters claim it", false },
	{ "drone.operator-distance", "medium", NULL,
	    "drone and operator positions farther apart than any consumer "
	    "radio link reaches: a forged position", false },
	{ "drone.serial-invalid", "medium", NULL,
	    "a drone serial number that breaks ANSI/CTA-2063-A: forged or "
	    "mistyped", false },
	{ "drone.two-radios", "high", NULL,
	    "one drone ID sent by two transmitters of the same kind "
	    "interleaved: a cloned or spoofed broadcast", false },
	{ "drone.many-ids", "high", NULL,
	    "one transmitter sent many drone IDs: a Remote ID spoofer "
	    "(device is the transmitter)", false },
	{ "drone.protocol-mismatch", "high", NULL,
	    "DJI DroneID and ASTM Remote ID from the same transmitter "
	    "disagree on where the drone is", false },
	{ "drone.auth-incomplete", "medium", NULL,
	    "Remote ID authentication pages that do not assemble into a "
	    "complete set", false },
	{ "drone.round-position", "medium", NULL,
	    "a drone position on whole degrees in both coordinates, as "
	    "spoofing tools send", false },
	{ "zone.drone-inside", "high", NULL,
	    "a drone flew inside a protected zone of the sites file (ref: "
	    "the zone)", false },
	{ "zone.operator-inside", "high", NULL,
	    "a drone's operator was inside a protected zone of the sites "
	    "file (ref: the zone)", false },
	{ "sensor.header-chain", "medium", NULL,
	    "frames with header chains deeper than any real network stack "
	    "(a way to slip traffic past inspection); device is the first "
	    "sender", false },
	{ "sensor.capacity", "low", NULL,
	    "flow, host, destination or alert table full: records were "
	    "written early or alerts lost; raise the limits", false },
};

#define NRULES (sizeof rules / sizeof rules[0])

const struct alert_rule *
alert_rule_find(const char *id)
{
	for (size_t i = 0; i < NRULES; i++)
		if (strcmp(rules[i].id, id) == 0)
			return &rules[i];
	return NULL;
}

void
alert_rule_each(void (*fn)(void *ctx, const struct alert_rule *r),
    void *ctx)
{
	for (size_t i = 0; i < NRULES; i++)
		fn(ctx, &rules[i]);
}

#define ALERTS_RESERVED 4

struct alerts {
	struct alert *a;
	uint64_t *tag;          /* per slot: hash of the key | 1; 0 = empty */
	uint32_t max, n, mask;
	struct stats *st;
};

struct alerts *
alerts_new(uint32_t max, struct stats *st)
{
	struct alerts *t = calloc(1, sizeof *t);
	uint32_t slots = 16;

	if (t == NULL || max == 0 || max > (1u << 24)) {
		free(t);
		return NULL;
	}
	while (slots < (max + ALERTS_RESERVED) * 2u)
		slots <<= 1;
	t->mask = slots - 1; /* first: alerts_free() sizes the slots by it */
	/* Mapped, not calloc()ed: the allocator may serve 8 MiB from its heap
	 * and clear it all, while a run touches a few slots. */
	t->a = pool_map(slots, sizeof *t->a, false);
	t->tag = pool_map(slots, sizeof *t->tag, false);
	if (t->a == NULL || t->tag == NULL) {
		alerts_free(t);
		return NULL;
	}
	t->max = max;
	t->st = st;
	return t;
}

void
alerts_free(struct alerts *t)
{
	if (t == NULL)
		return;
	pool_unmap(t->a, (size_t)t->mask + 1, sizeof *t->a);
	pool_unmap(t->tag, (size_t)t->mask + 1, sizeof *t->tag);
	free(t);
}

static bool
same(const struct alert *a, const struct alert_rule *rule,
    const char *device, const struct addr *remote, const char *ref)
{
	return a->rule == rule && strcmp(a->device, device) == 0 &&
	    strcmp(a->ref, ref) == 0 && a->has_remote == (remote != NULL) &&
	    (remote == NULL || memcmp(&a->remote, remote, sizeof *remote) == 0);
}

struct alert *
alerts_hit(struct alerts *t, const struct alert_rule *rule,
    const char *device, const struct addr *remote, const char *ref,
    const char *ev, size_t evlen, uint64_t first_us, uint64_t last_us,
    uint64_t count, uint64_t bytes)
{
	uint64_t h;
	uint32_t i;
	struct alert *a;

	if (device == NULL)
		device = "";
	if (ref == NULL)
		ref = rule->ref ? rule->ref : "";
	h = hash_bytes(rule->id, strlen(rule->id), 0x616c657274ull);
	h = hash_bytes(device, strlen(device), h);
	h = hash_bytes(ref, strlen(ref), h);
	if (remote)
		h = hash_bytes(remote, sizeof *remote, h);
	h |= 1;
	/* Linear probing; the table is at most half full. */
	for (i = (uint32_t)h & t->mask; t->tag[i] != 0; i = (i + 1) & t->mask)
		if (t->tag[i] == h &&
		    same(&t->a[i], rule, device, remote, ref))
			break;
	a = &t->a[i];
	if (t->tag[i] == 0) {
		/* The last few places are kept for the sensor's own alerts,
		 * one of which says that the table filled up. */
		if (t->n >= t->max + ALERTS_RESERVED ||
		    (t->n >= t->max && strncmp(rule->id, "sensor.", 7) != 0)) {
			STAT_INC(t->st, ALERT_DROPPED);
			return NULL;
		}
		t->n++;
		t->tag[i] = h;
		a->rule = rule;
		strncpy(a->device, device, sizeof a->device - 1);
		strncpy(a->ref, ref, sizeof a->ref - 1);
		if (remote) {
			a->remote = *remote;
			a->has_remote = true;
		}
		if (evlen > ALERT_EVID_MAX)
			evlen = ALERT_EVID_MAX;
		if (ev != NULL)
			memcpy(a->evidence, ev, evlen);
		a->evlen = ev != NULL ? (uint8_t)evlen : 0;
		a->first_us = first_us;
		a->last_us = last_us;
	}
	if (first_us < a->first_us)
		a->first_us = first_us;
	if (last_us > a->last_us)
		a->last_us = last_us;
	a->count += count;
	a->bytes += bytes;
	return a;
}

static int
cmp_alert(const void *x, const void *y)
{
	const struct alert *a = *(const struct alert *const *)x;
	const struct alert *b = *(const struct alert *const *)y;
	int c;

	if (a->first_us != b->first_us)
		return a->first_us < b->first_us ? -1 : 1;
	if ((c = strcmp(a->rule->id, b->rule->id)) != 0 ||
	    (c = strcmp(a->device, b->device)) != 0)
		return c;
	if (a->has_remote != b->has_remote)
		return a->has_remote ? 1 : -1;
	if ((c = memcmp(&a->remote, &b->remote, sizeof a->remote)) != 0)
		return c;
	return strcmp(a->ref, b->ref);
}

void
alerts_each(struct alerts *t, void (*fn)(void *ctx, const struct alert *a),
    void *ctx)
{
	const struct alert **v;
	uint32_t n = 0;

	if (t->n == 0)
		return;
	v = malloc(t->n * sizeof *v);
	for (uint32_t i = 0; i <= t->mask; i++)
		if (t->tag[i] != 0) {
			if (v != NULL)
				v[n++] = &t->a[i];
			else
				fn(ctx, &t->a[i]); /* unsorted, nothing lost */
		}
	if (v == NULL)
		return;
	qsort(v, n, sizeof *v, cmp_alert);
	for (uint32_t i = 0; i < n; i++)
		fn(ctx, v[i]);
	free(v);
}

uint32_t
alerts_count(const struct alerts *t)
{
	return t->n;
}
