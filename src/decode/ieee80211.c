/* SPDX-License-Identifier: MIT */
/* ieee80211.c - 802.11 management frames that carry drone broadcasts.
 *
 * References: IEEE 802.11-2020 9.2 (frame format), 9.3.3 (management
 * frames), 9.4.2 (elements); Wi-Fi Alliance NAN specification (service
 * discovery frames, Service Descriptor attribute); ASTM F3411 (Wi-Fi
 * transports); ../shared/docs/droneid.md.
 *
 *   frame control(2) duration(2) addr1(6) addr2(6: transmitter) addr3(6)
 *   sequence(2) [HT control(4) when the Order bit is set], then the body.
 *
 * Beacon (subtype 8) and probe response (5): timestamp 8, interval 2,
 * capabilities 2, then elements: id(1) length(1) data. Kept: the SSID
 * (element 0) and vendor elements (221): OUI 26:37:12 + 58 62 13 is DJI
 * DroneID (payload: the body after the OUI), OUI FA:0B:BC type 0x0D is
 * ASTM F3411 (payload: the body after the type byte).
 *
 * Action (subtype 13, and 14, no-ack): category 4 (public), action 9
 * (vendor specific), OUI 50:6F:9A, type 0x13: a NAN service discovery
 * frame, then NAN attributes: id(1) length(2, LE) body. The Service
 * Descriptor attribute (id 3): service ID 6, instance ID 1, requestor
 * instance ID 1, service control 1, then by the control bits binding
 * bitmap 2 (0x40), matching filter length(1)+data (0x04), service
 * response filter length(1)+data (0x08), service info length(1)+data
 * (0x10); bit 0x20 (discovery range limited) adds no field. Service ID
 * 88:69:19:9D:92:09 is ASTM F3411 (payload: the service info).
 *
 * Data and control frames are not decoded: vigie reads no IP from
 * 802.11 data frames (encrypted on any network worth watching, and the
 * wired side sees the same traffic). Protected frames are skipped. */
#include <string.h>

#include "radiolayer.h"

#include "../core/limits.h"

#define FC_TYPE_MGMT 0
#define FC_SUB_PROBE_RESP 5
#define FC_SUB_BEACON 8
#define FC_SUB_ACTION 13
#define FC_SUB_ACTION_NOACK 14
#define FC_PROTECTED 0x40
#define FC_ORDER 0x80

#define IE_SSID 0
#define IE_VENDOR 221
#define SSID_MAX 32

#define NAN_ATTR_SDA 0x03
#define SDA_BINDING 0x40
#define SDA_MATCH 0x04
#define SDA_SRF 0x08
#define SDA_INFO 0x10

static const uint8_t OUI_DJI[3] = { 0x26, 0x37, 0x12 };
static const uint8_t DJI_MAGIC[3] = { 0x58, 0x62, 0x13 };
static const uint8_t OUI_ASTM[3] = { 0xfa, 0x0b, 0xbc };
static const uint8_t OUI_WFA[3] = { 0x50, 0x6f, 0x9a };
static const uint8_t ODID_SERVICE[6] = { 0x88, 0x69, 0x19, 0x9d, 0x92, 0x09 };

#define ASTM_TYPE 0x0d
#define WFA_TYPE_NAN 0x13

/* The next element of c: 1 and its id and body, 0 at the end, -1 when
 * it runs past the frame (c is then bad). */
static int
ie_next(struct cur *c, uint8_t *id, struct cur *body)
{
	uint8_t len;

	if (cur_left(c) == 0)
		return 0;
	*id = cur_u8(c);
	len = cur_u8(c);
	*body = cur_sub(c, len);
	return cur_bad(c) ? -1 : 1;
}

/* First pass: the SSID, so that it is known before any payload leaves
 * (a vendor element may come before it). Counts a broken chain once. */
static void
ie_ssid(struct cur c, struct radio *r, struct stats *st)
{
	struct cur b;
	uint8_t id;
	int k = 1;
	bool seen = false;

	for (unsigned i = 0; i < WIFI_MAX_IES && k > 0; i++) {
		k = ie_next(&c, &id, &b);
		if (k <= 0 || id != IE_SSID || seen)
			continue;
		seen = true;
		if (cur_left(&b) > SSID_MAX) {
			STAT_INC(st, WIFI_IE_MALFORMED);
			continue;
		}
		r->ssid_len = (uint8_t)cur_left(&b);
		memcpy(r->ssid, b.p, r->ssid_len);
	}
	if (k < 0 || (k > 0 && cur_left(&c) > 0))
		STAT_INC(st, WIFI_IE_MALFORMED);
}

/* A vendor element's body b: hand out the drone payload it holds. */
static void
ie_vendor(struct cur b, struct radio *r, const struct radio_out *out)
{
	const uint8_t *oui = cur_take(&b, 3);
	struct cur p = b;

	if (oui == NULL)
		return;
	if (memcmp(oui, OUI_DJI, 3) == 0) {
		const uint8_t *m = cur_take(&b, 3);

		if (m != NULL && memcmp(m, DJI_MAGIC, 3) == 0)
			radio_emit(out, r, AIRP_DJI, p);
	} else if (memcmp(oui, OUI_ASTM, 3) == 0 && cur_u8(&b) == ASTM_TYPE) {
		radio_emit(out, r, AIRP_ODID, b);
	}
}

/* Beacon or probe response body c. */
static enum dec
wifi_beacon(struct cur c, struct radio *r, const struct radio_out *out,
    struct stats *st)
{
	struct cur b;
	uint8_t id;

	if (!cur_skip(&c, 12)) { /* timestamp, interval, capabilities */
		STAT_INC(st, WIFI_TRUNC);
		return DEC_TRUNC;
	}
	ie_ssid(c, r, st);
	r->carrier = AIR_WIFI_BEACON;
	for (unsigned i = 0; i < WIFI_MAX_IES; i++) {
		if (ie_next(&c, &id, &b) <= 0)
			break;
		if (id == IE_VENDOR)
			ie_vendor(b, r, out);
	}
	return DEC_OK;
}

/* Service Descriptor attribute body a. */
static void
nan_sda(struct cur a, struct radio *r, const struct radio_out *out,
    struct stats *st)
{
	const uint8_t *sid = cur_take(&a, 6);
	uint8_t ctl, n;
	struct cur info = { NULL, NULL };

	(void)cur_skip(&a, 2); /* instance ID, requestor instance ID */
	ctl = cur_u8(&a);
	if (ctl & SDA_BINDING)
		(void)cur_skip(&a, 2);
	if (ctl & SDA_MATCH) {
		n = cur_u8(&a);
		(void)cur_skip(&a, n);
	}
	if (ctl & SDA_SRF) {
		n = cur_u8(&a);
		(void)cur_skip(&a, n);
	}
	if (ctl & SDA_INFO) {
		n = cur_u8(&a);
		info = cur_sub(&a, n);
	}
	if (cur_bad(&a)) {
		STAT_INC(st, NAN_MALFORMED);
		return;
	}
	if ((ctl & SDA_INFO) && memcmp(sid, ODID_SERVICE, 6) == 0) {
		r->carrier = AIR_WIFI_NAN;
		radio_emit(out, r, AIRP_ODID, info);
	}
}

/* Action frame body c: NAN service discovery frames. */
static enum dec
wifi_action(struct cur c, struct radio *r, const struct radio_out *out,
    struct stats *st)
{
	uint8_t cat, act, type;
	const uint8_t *oui;

	cat = cur_u8(&c);
	act = cur_u8(&c);
	if (cur_bad(&c)) {
		STAT_INC(st, WIFI_TRUNC);
		return DEC_TRUNC;
	}
	if (cat != 4 || act != 9) /* public, vendor specific */
		return DEC_UNSUPPORTED;
	oui = cur_take(&c, 3);
	type = cur_u8(&c);
	if (cur_bad(&c)) {
		STAT_INC(st, WIFI_TRUNC);
		return DEC_TRUNC;
	}
	if (memcmp(oui, OUI_WFA, 3) != 0 || type != WFA_TYPE_NAN)
		return DEC_UNSUPPORTED;
	for (unsigned i = 0; i < NAN_MAX_ATTRS && cur_left(&c) > 0; i++) {
		uint8_t id = cur_u8(&c);
		uint16_t len = cur_le16(&c);
		struct cur a = cur_sub(&c, len);

		if (cur_bad(&c)) {
			STAT_INC(st, NAN_MALFORMED);
			break;
		}
		if (id == NAN_ATTR_SDA)
			nan_sda(a, r, out, st);
	}
	return DEC_OK;
}

enum dec
ieee80211_decode(struct cur c, struct radio *r, const struct radio_out *out,
    struct stats *st)
{
	uint8_t fc0, fc1, sub;
	const uint8_t *ta;

	fc0 = cur_u8(&c);
	fc1 = cur_u8(&c);
	if (cur_bad(&c)) {
		STAT_INC(st, WIFI_TRUNC);
		return DEC_TRUNC;
	}
	if ((fc0 & 3) != 0) { /* protocol version */
		STAT_INC(st, WIFI_MALFORMED);
		return DEC_MALFORMED;
	}
	if (((fc0 >> 2) & 3) != FC_TYPE_MGMT || (fc1 & FC_PROTECTED))
		return DEC_UNSUPPORTED;
	sub = (uint8_t)(fc0 >> 4);
	(void)cur_skip(&c, 2 + 6); /* duration, receiver */
	ta = cur_take(&c, 6);
	(void)cur_skip(&c, 6 + 2); /* BSSID, sequence */
	if (fc1 & FC_ORDER)
		(void)cur_skip(&c, 4); /* HT control */
	if (cur_bad(&c)) {
		STAT_INC(st, WIFI_TRUNC);
		return DEC_TRUNC;
	}
	memcpy(r->tx, ta, 6);
	r->has_tx = true;
	switch (sub) {
	case FC_SUB_BEACON:
	case FC_SUB_PROBE_RESP:
		return wifi_beacon(c, r, out, st);
	case FC_SUB_ACTION:
	case FC_SUB_ACTION_NOACK:
		return wifi_action(c, r, out, st);
	default:
		return DEC_UNSUPPORTED;
	}
}
