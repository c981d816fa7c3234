/* SPDX-License-Identifier: MIT */
/* dhip.c - Dahua DHIP frames (UDP 37810 discovery, TCP 37777 JSON RPC).
 *
 * No public specification; layout as documented in ../shared/docs/network.md
 * section 1.2 (all integers little-endian):
 *
 *    0      4        8          12         16         20   24         28  32
 *   +------+--------+----------+----------+----------+----+----------+---+
 *   | 0x20 | "DHIP" | session  | id       | body len | 0  | body len | 0 |
 *   +------+--------+----------+----------+----------+----+----------+---+
 *   | JSON body: {"method":"DHDiscover.search","params":{"mac":"",..}}   |
 *   |  or {"mac":"..","method":"client.notifyDevInfo","params":         |
 *   |      {"deviceInfo":{"DeviceClass":..,"DeviceType":..,"SerialNo":.., |
 *   |       "Version":..,"Vendor":..,"MachineName":..,"Init":..,          |
 *   |       "IPv4Address":{"IPAddress":..,..},..}}}                       |
 *   +---------------------------------------------------------------------+
 *
 * A TCP segment may carry several frames back to back. */
#include <string.h>

#include "jsonscan.h"
#include "proto.h"
#include "xmlscan.h"

#define DHIP_SRC "dhip"
#define DHIP_HDR 32
#define DHIP_MAX_FRAMES 8    /* frames decoded per payload */
#define DHIP_MAX_EVENTS 4096 /* JSON events scanned per body */
#define DHIP_PORT_TCP 37777
#define DHIP_PORT_UDP 37810

enum dhip_key {
	K_METHOD, K_MAC_TOP, K_MAC, K_IP, K_TYPE, K_SN, K_VER, K_CLASS,
	K_NAME, K_VENDOR, K_MANUF, K_INIT, K_COUNT
};

/* Member names; K_IP must sit in "IPv4Address", K_METHOD and K_MAC_TOP
 * at the top level. */
static const char *const dhip_keys[K_COUNT] = {
	[K_METHOD] = "method",
	[K_MAC_TOP] = "mac",
	[K_MAC] = "mac",
	[K_IP] = "IPAddress",
	[K_TYPE] = "DeviceType",
	[K_SN] = "SerialNo",
	[K_VER] = "Version",
	[K_CLASS] = "DeviceClass",
	[K_NAME] = "MachineName",
	[K_VENDOR] = "Vendor",
	[K_MANUF] = "Manufacturer",
	[K_INIT] = "Init",
};

struct span {
	const char *p;
	size_t n;
};

static bool
wanted(const struct json_ev *ev, unsigned k)
{
	if (!json_key_is(ev, dhip_keys[k]))
		return false;
	if (k == K_METHOD || k == K_MAC_TOP)
		return ev->depth == 1;
	if (k == K_IP)
		return json_parent_is(ev, "IPv4Address");
	return true;
}

/* collect: the first value of each wanted member of the first top-level
 * JSON value in body; false if the JSON is malformed. */
static bool
collect(struct cur body, struct span *v)
{
	struct json_scan s;
	struct json_ev ev;

	json_init(&s, body);
	for (unsigned n = 0; n < DHIP_MAX_EVENTS && json_next(&s, &ev); n++) {
		if (ev.kind == JSON_END && ev.depth == 0)
			return true;
		if (ev.val == NULL)
			continue;
		for (unsigned k = 0; k < K_COUNT; k++) {
			if (v[k].p == NULL && wanted(&ev, k)) {
				v[k].p = ev.val;
				v[k].n = ev.val_len;
			}
		}
	}
	return !s.malformed;
}

/* init_state: "Init" holds the initialisation state in its low two bits
 * (1: no account set up yet, 2: initialised); NULL if unknown. */
static const char *
init_state(const struct span *in)
{
	const char *p = in->p;
	size_t n = in->n;
	unsigned val = 0;

	xml_trim(&p, &n);
	if (n == 0 || n > 9)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return NULL;
		val = val * 10 + (unsigned)(p[i] - '0');
	}
	if ((val & 3u) == 1)
		return "false";
	return (val & 3u) == 2 ? "true" : NULL;
}

/* devinfo: facts of a client.notifyDevInfo body; returns the subject
 * used. */
static unsigned
devinfo(struct proto_ctx *ctx, const struct span *v, unsigned stated)
{
	const struct span *mac = v[K_MAC_TOP].n ? &v[K_MAC_TOP] : &v[K_MAC];
	const struct span *brand = v[K_VENDOR].n ? &v[K_VENDOR] : &v[K_MANUF];
	bool has_mac = mac->n && !xml_zero_addr(mac->p, mac->n);
	bool has_ip = v[K_IP].n && !xml_zero_addr(v[K_IP].p, v[K_IP].n);
	unsigned subj = has_mac || has_ip ? stated : SUBJ_SENDER;
	const char *fw, *build, *act;
	size_t fwn, buildn;

	proto_fact(ctx, subj, FACT_VENDOR, 90, DHIP_SRC, "Dahua", 5);
	if (has_mac)
		xml_fact(ctx, subj, FACT_MAC, 95, DHIP_SRC, mac->p, mac->n);
	if (has_ip)
		xml_fact(ctx, subj, FACT_IP, 95, DHIP_SRC, v[K_IP].p, v[K_IP].n);
	xml_fact(ctx, subj, FACT_MODEL, 95, DHIP_SRC, v[K_TYPE].p, v[K_TYPE].n);
	xml_fact(ctx, subj, FACT_SERIAL, 95, DHIP_SRC, v[K_SN].p, v[K_SN].n);
	if (v[K_VER].n) {
		xml_split_build(v[K_VER].p, v[K_VER].n, &fw, &fwn, &build,
		    &buildn);
		xml_fact(ctx, subj, FACT_FIRMWARE, 95, DHIP_SRC, fw, fwn);
		xml_fact(ctx, subj, FACT_BUILD, 95, DHIP_SRC, build, buildn);
	}
	xml_fact(ctx, subj, FACT_KIND, 90, DHIP_SRC, v[K_CLASS].p,
	    v[K_CLASS].n);
	xml_fact(ctx, subj, FACT_NAME, 80, DHIP_SRC, v[K_NAME].p, v[K_NAME].n);
	xml_fact(ctx, subj, FACT_BRAND, 85, DHIP_SRC, brand->p, brand->n);
	act = v[K_INIT].n ? init_state(&v[K_INIT]) : NULL;
	if (act != NULL)
		proto_fact(ctx, subj, FACT_ACTIVATED, 70, DHIP_SRC, act,
		    strlen(act));
	return subj;
}

/* device_side: the subject that is the Dahua device in a DHIP exchange,
 * told by the well-known port; SUBJ_MAX if it cannot be told. */
static unsigned
device_side(const struct proto_ctx *ctx)
{
	const struct pkt *p = ctx->p;

	if (p == NULL)
		return SUBJ_MAX;
	if (p->sport == DHIP_PORT_TCP || p->sport == DHIP_PORT_UDP)
		return SUBJ_SENDER;
	if (p->dport == DHIP_PORT_TCP || p->dport == DHIP_PORT_UDP)
		return SUBJ_RECEIVER;
	return SUBJ_MAX;
}

/* body: one frame's JSON; *stated is the next stated subject. False if
 * the body was malformed. */
static bool
body(struct proto_ctx *ctx, struct cur b, unsigned *stated)
{
	struct span v[K_COUNT];
	bool ok;
	const char *m;
	size_t mn;
	unsigned side;

	memset(v, 0, sizeof v);
	ok = collect(b, v);
	m = v[K_METHOD].p;
	mn = v[K_METHOD].n;
	if (m != NULL && xml_ieq(m, mn, "client.notifyDevInfo")) {
		if (devinfo(ctx, v, *stated) == *stated &&
		    *stated + 1 < SUBJ_MAX)
			(*stated)++;
	} else if (m != NULL && xml_ieq(m, mn, "DHDiscover.search")) {
		proto_fact(ctx, SUBJ_SENDER, FACT_PROTOCOL, 60, DHIP_SRC,
		    "dhip-search", 11);
	} else if ((side = device_side(ctx)) != SUBJ_MAX) {
		proto_fact(ctx, side, FACT_PROTOCOL, 85, DHIP_SRC,
		    "dahua-dhip", 10);
	}
	return ok;
}

/* dhip_decode: DHIP frames (bytes 4-7 "DHIP"), up to DHIP_MAX_FRAMES per
 * payload. client.notifyDevInfo: VENDOR "Dahua" (90), MAC (top-level
 * "mac") and IP (IPv4Address.IPAddress) (95), MODEL (DeviceType),
 * SERIAL (SerialNo), FIRMWARE and BUILD (Version) (95), KIND
 * (DeviceClass, 90), NAME (MachineName, 80), BRAND (Vendor or
 * Manufacturer as stated, 85), ACTIVATED from Init (70); for SUBJ_STATED
 * (+k per frame) when a MAC or IP is stated, else SUBJ_SENDER.
 * DHDiscover.search: FACT_PROTOCOL "dhip-search" (60) for the sender.
 * Other methods: FACT_PROTOCOL "dahua-dhip" (85) for the side using port
 * 37777/37810, if any. A short header returns DEC_TRUNC; a body shorter
 * than stated or broken JSON counts dhip.malformed (facts read before
 * the damage are still reported). */
enum dec
dhip_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct cur c = payload, t = payload;
	const uint8_t *magic = cur_take(&t, 8);
	unsigned stated = SUBJ_STATED;
	bool bad = false;

	if (magic == NULL || memcmp(magic + 4, "DHIP", 4) != 0)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, DHIP_MSGS);
	for (unsigned k = 0; k < DHIP_MAX_FRAMES && cur_left(&c) > 0; k++) {
		const uint8_t *h = cur_take(&c, DHIP_HDR);
		struct cur hc = cur_make(h, DHIP_HDR);
		uint32_t blen;

		if (h == NULL) {
			STAT_INC(ctx->st, DHIP_MALFORMED);
			return k == 0 ? DEC_TRUNC : DEC_MALFORMED;
		}
		if (memcmp(h + 4, "DHIP", 4) != 0)
			break; /* not a further frame: leave the rest */
		(void)cur_skip(&hc, 16);
		blen = cur_le32(&hc);
		if (blen > cur_left(&c)) {
			bad = true;
			blen = (uint32_t)cur_left(&c);
		}
		if (blen > 0 && !body(ctx, cur_sub(&c, blen), &stated))
			bad = true;
	}
	if (bad) {
		STAT_INC(ctx->st, DHIP_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
