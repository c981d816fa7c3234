/* SPDX-License-Identifier: MIT */
/* odid.c - ASTM F3411 Remote ID messages (-19, -20, -22a: protocol
 * versions 0, 1, 2; ASD-STAN prEN 4709-002 uses the same messages).
 *
 * Reference: ASTM F3411-22a, section 5.4.5 (message formats) and the
 * encodings of its data dictionary, cross-checked against the public
 * reference implementation opendroneid/opendroneid-core-c (opendroneid.c
 * and opendroneid.h) and the Wireshark dissector opendroneid/wireshark-
 * dissector. Every message is 25 bytes, integers little-endian:
 *
 *   byte 0        type (high nibble) | protocol version (low nibble)
 *   0 Basic ID    1: ID type | UA type; 2-21 UAS ID; 22-24 reserved
 *                 (ID type 3: a UUID in 2-17, NUL padded; 4: session
 *                 ID type in 2, then the ID; both binary)
 *   1 Location    1: status(7-4) height type(2) E/W(1) speed mult(0)
 *                 2 direction; 3 speed; 4 vertical speed (int8)
 *                 5-8 lat, 9-12 lon (int32, deg x 1e7)
 *                 13-14 pressure alt, 15-16 geodetic alt, 17-18 height
 *                 19 vert acc | horiz acc; 20 baro acc | speed acc
 *                 21-22 timestamp (0.1 s since the hour); 23 ts acc
 *   2 Auth        1: auth type | page; page 0: 2 last page, 3 length,
 *                 4-7 timestamp, 8-24 data; page 1-15: 2-24 data
 *   3 Self-ID     1: description type; 2-24 text
 *   4 System      1: class type(4-2) | operator location type(1-0)
 *                 2-5 op lat, 6-9 op lon; 10-11 area count; 12 area
 *                 radius (x10 m); 13-14 ceiling, 15-16 floor; 17 EU
 *                 category | class; 18-19 op altitude; 20-23 timestamp
 *   5 Operator ID 1: type; 2-21 operator ID; 22-24 reserved
 *   F Pack        1: message size (25); 2: count; then the messages
 *
 * Encodings: altitude = value x 0.5 - 1000 m (0 = unknown); speed =
 * value x 0.25, or x 0.75 + 63.75 with the multiplier (255 m/s, i.e.
 * 255 with the multiplier, = unknown); vertical speed = int8 x 0.5 (63
 * m/s, raw 126, = unknown); direction = value (+180 with the E/W bit),
 * 361 = unknown; timestamp 0xFFFF = unknown. */
#include <string.h>

#include "uas.h"

#define ODID_VERSION_MAX 2
#define ODID_PACK_HDR 3
#define ODID_LAT_MAX 900000000      /* 90 deg x 1e7 */
#define ODID_LON_MAX 1800000000     /* 180 deg x 1e7 */
#define ODID_DIR_UNKNOWN 361
#define ODID_SPEED_UNKNOWN 255      /* raw, with the multiplier */
#define ODID_VSPEED_UNKNOWN 126     /* raw: 63 m/s */
#define ODID_TS_UNKNOWN 0xFFFF
#define ODID_TS_MAX 36000           /* one hour in tenths of a second */
#define ODID_UUID_LEN 16            /* Basic ID type 3: a 128-bit UUID */

/* Little-endian integers from bytes the caller holds (a message is
 * taken whole through the cursor, then read at fixed offsets with
 * cursor.h's le16() and le32()). */
static int32_t
les32(const uint8_t *q)
{
	return as_s32(le32(q));
}

/* altitude: the standard's altitude encoding; false for 0 (unknown). */
static bool
altitude(const uint8_t *q, double *out)
{
	uint16_t v = le16(q);

	*out = v == 0 ? 0.0 : v * 0.5 - 1000.0;
	return v != 0;
}

/* position: latitude and longitude (deg x 1e7); both zero is unknown,
 * beyond +-90 / +-180 impossible (*bad set); either way *ok is false
 * and the values zero. */
static void
position(const uint8_t *q, int32_t *lat, int32_t *lon, bool *ok,
    bool *bad)
{
	int32_t a = les32(q), o = les32(q + 4);

	*ok = false;
	*lat = *lon = 0;
	if (a == 0 && o == 0)
		return;
	if (a > ODID_LAT_MAX || a < -ODID_LAT_MAX || o > ODID_LON_MAX ||
	    o < -ODID_LON_MAX) {
		*bad = true;
		return;
	}
	*lat = a;
	*lon = o;
	*ok = true;
}

/* binary_id: a binary UAS ID (ID types 3 and 4) as text into out (room
 * for ODID_ID_TEXT), so that no NUL or control byte of it leaves the
 * decoder; the length written. Type 3 whose bytes after the first 16 are
 * NUL padding: the UUID those 16 bytes hold, in the RFC 9562 form (8-4-4-
 * 4-12 lowercase hex digits). Anything else (type 4: a session ID type
 * byte, then the ID; type 3 with more than 16 bytes): lowercase hex of
 * the bytes before the trailing NUL padding. All NUL: empty. */
static uint8_t
binary_id(uint8_t *out, const uint8_t *id, unsigned type)
{
	static const char hexd[] = "0123456789abcdef";
	size_t n = ODID_ID_LEN, k = 0;
	bool uuid;

	while (n > 0 && id[n - 1] == 0)
		n--;
	if (n == 0)
		return 0;
	uuid = type == 3 && n <= ODID_UUID_LEN;
	if (uuid)
		n = ODID_UUID_LEN; /* a UUID's own trailing 0x00 bytes too */
	for (size_t i = 0; i < n; i++) {
		if (uuid && (i == 4 || i == 6 || i == 8 || i == 10))
			out[k++] = '-';
		out[k++] = (uint8_t)hexd[id[i] >> 4];
		out[k++] = (uint8_t)hexd[id[i] & 0x0F];
	}
	return (uint8_t)k;
}

static void
basic(const uint8_t *b, struct odid_basic *m)
{
	m->id_type = b[1] >> 4;
	m->ua_type = b[1] & 0x0F;
	if (m->id_type == 3 || m->id_type == 4)
		m->id_len = binary_id(m->id, b + 2, m->id_type);
	else
		m->id_len = cur_text0(m->id, b + 2, ODID_ID_LEN);
}

/* location: the Location/Vector message; *bad set for an impossible
 * value (reported unknown). */
static void
location(const uint8_t *b, struct odid_location *m, bool *bad)
{
	unsigned dir = b[2] + ((b[1] & 0x02) ? 180u : 0u);
	int vs = b[4] < 128 ? b[4] : b[4] - 256;
	uint16_t ts = le16(b + 21);

	m->status = b[1] >> 4;
	m->height_type = (b[1] >> 2) & 1;
	if (dir < 360) {
		m->dir_ok = true;
		m->direction = dir;
	} else if (dir != ODID_DIR_UNKNOWN) {
		*bad = true;
	}
	if (b[1] & 0x01) {
		m->speed_ok = b[3] != ODID_SPEED_UNKNOWN;
		m->speed = m->speed_ok ? b[3] * 0.75 + 255 * 0.25 : 0.0;
	} else {
		m->speed_ok = true;
		m->speed = b[3] * 0.25;
	}
	m->vspeed_ok = b[4] != ODID_VSPEED_UNKNOWN;
	m->vspeed = m->vspeed_ok ? vs * 0.5 : 0.0;
	position(b + 5, &m->lat_e7, &m->lon_e7, &m->pos_ok, bad);
	m->alt_baro_ok = altitude(b + 13, &m->alt_baro);
	m->alt_geo_ok = altitude(b + 15, &m->alt_geo);
	m->height_ok = altitude(b + 17, &m->height);
	m->acc_v = b[19] >> 4;
	m->acc_h = b[19] & 0x0F;
	m->acc_baro = b[20] >> 4;
	m->acc_speed = b[20] & 0x0F;
	if (ts <= ODID_TS_MAX) {
		m->ts_ok = true;
		m->ts_s = ts / 10.0;
	} else if (ts != ODID_TS_UNKNOWN) {
		*bad = true;
	}
	m->acc_ts = b[23] & 0x0F;
}

/* auth: one authentication page; false if page 0 states a page count
 * or a length no set of pages can hold. */
static bool
auth(const uint8_t *b, struct odid_auth *m)
{
	m->auth_type = b[1] >> 4;
	m->page = b[1] & 0x0F;
	if (m->page != 0) {
		m->data_len = ODID_AUTH_PAGEN;
		memcpy(m->data, b + 2, ODID_AUTH_PAGEN);
		return true;
	}
	if (b[2] >= ODID_AUTH_PAGES ||
	    b[3] > ODID_AUTH_PAGE0 + b[2] * ODID_AUTH_PAGEN)
		return false;
	m->last_page = b[2];
	m->length = b[3];
	m->timestamp = le32(b + 4);
	m->data_len = ODID_AUTH_PAGE0;
	memcpy(m->data, b + 8, ODID_AUTH_PAGE0);
	return true;
}

static void
system_msg(const uint8_t *b, struct odid_system *m, bool *bad)
{
	m->op_loc_type = b[1] & 0x03;
	m->class_type = (b[1] >> 2) & 0x07;
	position(b + 2, &m->op_lat_e7, &m->op_lon_e7, &m->op_pos_ok,
	    bad);
	m->area_count = le16(b + 10);
	m->area_radius = b[12] * 10u;
	m->ceiling_ok = altitude(b + 13, &m->area_ceiling);
	m->floor_ok = altitude(b + 15, &m->area_floor);
	if (m->class_type == 1) { /* byte 17 is EU category | class */
		m->eu_category = b[17] >> 4;
		m->eu_class = b[17] & 0x0F;
	}
	m->op_alt_ok = altitude(b + 18, &m->op_alt);
	m->timestamp = le32(b + 20);
	m->ts_ok = m->timestamp != 0; /* -19 senders leave it zero */
}

/* odid_message: one 25-byte message (see uas.h). */
enum dec
odid_message(struct cur c, struct odid_msg *m, struct stats *st)
{
	const uint8_t *b = cur_take(&c, ODID_MSG_LEN);
	bool bad = false;

	memset(m, 0, sizeof *m);
	if (b == NULL) {
		STAT_INC(st, ODID_TRUNC);
		return DEC_TRUNC;
	}
	m->type = b[0] >> 4;
	m->version = b[0] & 0x0F;
	if (m->version > ODID_VERSION_MAX) {
		STAT_INC(st, ODID_BAD_VERSION);
		return DEC_UNSUPPORTED;
	}
	switch (m->type) {
	case ODID_BASIC:
		basic(b, &m->u.basic);
		break;
	case ODID_LOCATION:
		location(b, &m->u.loc, &bad);
		break;
	case ODID_AUTH:
		if (!auth(b, &m->u.auth)) {
			memset(&m->u.auth, 0, sizeof m->u.auth);
			STAT_INC(st, ODID_MALFORMED);
			return DEC_MALFORMED; /* data_len 0: not a page */
		}
		break;
	case ODID_SELFID:
		m->u.self.desc_type = b[1];
		m->u.self.len = cur_text0(m->u.self.text, b + 2, ODID_SELFID_LEN);
		break;
	case ODID_SYSTEM:
		system_msg(b, &m->u.sys, &bad);
		break;
	case ODID_OPERATOR:
		m->u.op.type = b[1];
		m->u.op.id_len = cur_text0(m->u.op.id, b + 2, ODID_ID_LEN);
		break;
	default: /* 6-14 unassigned; a pack is not one message */
		STAT_INC(st, ODID_UNKNOWN_TYPE);
		return DEC_UNSUPPORTED;
	}
	STAT_INC(st, ODID_MSGS);
	if (bad) {
		STAT_INC(st, ODID_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}

/* usable: whether odid_message() left a message to pass on. */
static bool
usable(enum dec r, const struct odid_msg *m)
{
	if (r == DEC_OK)
		return true;
	return r == DEC_MALFORMED &&
	    !(m->type == ODID_AUTH && m->u.auth.data_len == 0);
}

/* worse: the more severe of two results for the payload as a whole
 * (unknown and skipped messages do not make a pack fail). */
static enum dec
worse(enum dec a, enum dec b)
{
	if (a == DEC_TRUNC || b == DEC_TRUNC)
		return DEC_TRUNC;
	if (a == DEC_MALFORMED || b == DEC_MALFORMED)
		return DEC_MALFORMED;
	return DEC_OK;
}

/* pack: the messages of a Message Pack at c (from its type byte). */
static enum dec
pack(struct cur c, void (*fn)(void *, const struct odid_msg *),
    void *ctx, struct stats *st)
{
	uint8_t hdr = cur_u8(&c), size = cur_u8(&c), count = cur_u8(&c);
	enum dec res = DEC_OK;
	struct odid_msg m;

	if (cur_bad(&c)) {
		STAT_INC(st, ODID_TRUNC);
		return DEC_TRUNC;
	}
	if ((hdr & 0x0F) > ODID_VERSION_MAX) {
		STAT_INC(st, ODID_BAD_VERSION);
		return DEC_UNSUPPORTED;
	}
	if (size != ODID_MSG_LEN) { /* no way to find the messages */
		STAT_INC(st, ODID_PACK_MALFORMED);
		return DEC_MALFORMED;
	}
	/* F3411-20 and -22a allow 9 messages, -19 allowed 10: up to 10
	 * are read from any version, beyond that the count is impossible. */
	if (count > ODID_PACK_MAX) {
		STAT_INC(st, ODID_PACK_MALFORMED);
		res = DEC_MALFORMED;
		count = ODID_PACK_MAX;
	}
	for (unsigned i = 0; i < count; i++) {
		struct cur one;
		enum dec r;

		if (cur_left(&c) < ODID_MSG_LEN) { /* count beyond the data */
			STAT_INC(st, ODID_TRUNC);
			return DEC_TRUNC;
		}
		one = cur_sub(&c, ODID_MSG_LEN);
		if (one.p[0] >> 4 == ODID_PACK) { /* a pack inside a pack */
			STAT_INC(st, ODID_PACK_MALFORMED);
			res = DEC_MALFORMED;
			continue;
		}
		r = odid_message(one, &m, st);
		if (usable(r, &m))
			fn(ctx, &m);
		res = worse(res, r);
	}
	return res;
}

/* odid_decode: counter byte, then one message or a pack (see uas.h). */
enum dec
odid_decode(struct cur c, uint8_t *counter,
    void (*fn)(void *ctx, const struct odid_msg *m), void *ctx,
    struct stats *st)
{
	struct odid_msg m;
	enum dec r;

	*counter = cur_u8(&c);
	if (cur_bad(&c) || cur_left(&c) == 0) {
		STAT_INC(st, ODID_TRUNC);
		return DEC_TRUNC;
	}
	if (c.p[0] >> 4 == ODID_PACK)
		return pack(c, fn, ctx, st);
	r = odid_message(c, &m, st);
	if (usable(r, &m))
		fn(ctx, &m);
	return r;
}
