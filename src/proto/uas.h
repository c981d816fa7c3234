/* SPDX-License-Identifier: MIT */
/* uas.h - the drone broadcast messages: ASTM F3411 Remote ID (odid.c)
 * and DJI DroneID (djiid.c), decoded to physical values.
 *
 * Values are in SI units and degrees, per the standard's scalings. A
 * value the sender marks unknown (speed 255, altitude 0 = -1000 m,
 * direction 361, latitude/longitude 0, timestamp 0xFFFF) has its *_ok
 * flag false and a zero value: never a number that looks real. Strings
 * are the raw bytes up to the first NUL (not NUL-terminated: use the
 * length), from the wire: escape on output; the binary Basic IDs (UUID,
 * session ID) are turned into hex text instead. A value the standard makes
 * impossible (latitude beyond +-90 degrees, direction 360, a timestamp
 * beyond the hour) is counted as malformed and reported like an unknown
 * one. Decoders keep no state, allocate nothing and count problems in
 * st. */
#ifndef VIGIE_UAS_H
#define VIGIE_UAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/cursor.h"
#include "../core/packet.h"
#include "../core/stats.h"

#define ODID_MSG_LEN 25
#define ODID_PACK_MAX 10      /* messages in one Message Pack */
#define ODID_ID_LEN 20        /* Basic ID and Operator ID field */
#define ODID_ID_TEXT 40       /* Basic ID text: 20 binary bytes in hex */
#define ODID_SELFID_LEN 23
#define ODID_AUTH_PAGES 16
#define ODID_AUTH_PAGE0 17    /* data bytes in page 0 */
#define ODID_AUTH_PAGEN 23    /* data bytes in pages 1..15 */

enum odid_type {
	ODID_BASIC = 0,
	ODID_LOCATION = 1,
	ODID_AUTH = 2,
	ODID_SELFID = 3,
	ODID_SYSTEM = 4,
	ODID_OPERATOR = 5,
	ODID_PACK = 15
};

struct odid_basic {
	uint8_t id_type;      /* 0 none, 1 serial (CTA-2063-A), 2 CAA
	                       * registration, 3 UTM UUID, 4 session ID */
	uint8_t ua_type;      /* 0..15, see ../shared/docs/droneid.md */
	uint8_t id_len;       /* 0: none (empty or all NUL) */
	/* Types 1, 2 (and 0, 5-15): the text up to the first NUL. Types 3
	 * and 4 are binary and become text without NUL: type 3 holding a
	 * UUID (bytes 16-19 NUL), its RFC 9562 form
	 * "3f2a91c4-5b7e-4d2a-9c1f-8e6b7a5d4c3b"; else lowercase hex of the
	 * bytes before the trailing NUL padding ("0103f3d8..."). */
	uint8_t id[ODID_ID_TEXT];
};

struct odid_location {
	uint8_t status;       /* 0 undeclared, 1 ground, 2 airborne,
	                       * 3 emergency, 4 remote-ID system failure */
	uint8_t height_type;  /* 0 above take-off, 1 above ground */
	bool dir_ok, speed_ok, vspeed_ok, pos_ok;
	bool alt_baro_ok, alt_geo_ok, height_ok, ts_ok;
	double direction;     /* degrees 0..359 */
	double speed;         /* horizontal, m/s */
	double vspeed;        /* vertical, m/s, up positive */
	int32_t lat_e7, lon_e7; /* degrees x 1e7 as sent */
	double alt_baro, alt_geo, height; /* metres */
	uint8_t acc_h, acc_v, acc_baro, acc_speed, acc_ts; /* raw codes */
	double ts_s;          /* seconds since the full hour (0.1 s steps) */
};

struct odid_auth {
	uint8_t auth_type;    /* 0 none, 1 UAS ID signature, 2 operator ID
	                       * signature, 3 message set signature, 4 network
	                       * remote ID, 5 specific method, ... */
	uint8_t page;         /* 0..15 */
	uint8_t last_page;    /* page 0 only */
	uint8_t length;       /* page 0 only: total data bytes */
	uint32_t timestamp;   /* page 0 only: s since 2019-01-01 00:00 UTC */
	uint8_t data_len;     /* ODID_AUTH_PAGE0 or ODID_AUTH_PAGEN */
	uint8_t data[ODID_AUTH_PAGEN];
};

struct odid_selfid {
	uint8_t desc_type;    /* 0 text, 1 emergency, 2 extended status */
	uint8_t len;
	uint8_t text[ODID_SELFID_LEN];
};

struct odid_system {
	uint8_t op_loc_type;  /* 0 take-off, 1 live GNSS, 2 fixed */
	uint8_t class_type;   /* 0 undeclared, 1 EU */
	bool op_pos_ok, ceiling_ok, floor_ok, op_alt_ok, ts_ok;
	int32_t op_lat_e7, op_lon_e7;
	uint16_t area_count;
	uint32_t area_radius; /* metres */
	double area_ceiling, area_floor; /* metres */
	uint8_t eu_category;  /* 0 undeclared, 1 open, 2 specific, 3 certified
	                       * (EU classification only, else 0) */
	uint8_t eu_class;     /* 0 undeclared, 1..7 = class 0..6 */
	double op_alt;        /* operator geodetic altitude, metres */
	uint32_t timestamp;   /* s since 2019-01-01 00:00 UTC (ts_ok: not 0,
	                       * which -19 senders leave there) */
};

struct odid_operator {
	uint8_t type;         /* 0 operator ID */
	uint8_t id_len;
	uint8_t id[ODID_ID_LEN];
};

/* One decoded ASTM message. */
struct odid_msg {
	uint8_t type;         /* enum odid_type (never ODID_PACK: packs are
	                       * opened and their messages passed one by one) */
	uint8_t version;      /* protocol version: 0, 1 or 2 */
	union {
		struct odid_basic basic;
		struct odid_location loc;
		struct odid_auth auth;
		struct odid_selfid self;
		struct odid_system sys;
		struct odid_operator op;
	} u;
};

/* odid_decode: an AIRP_ODID payload (radio.h): a counter byte, then one
 * message, which may be a Message Pack. Calls fn once per message decoded
 * (pack members in order), with *counter set to the counter byte. Returns
 * DEC_OK if every message decoded, DEC_TRUNC / DEC_MALFORMED otherwise
 * (the good messages of a damaged pack are still passed; each bad one is
 * counted). Unknown message types and protocol versions above 2 are
 * counted and skipped (DEC_UNSUPPORTED when the payload is one such
 * message, or a pack of such a version; inside a pack they do not make
 * it fail). A pack must state a message size of 25 (else nothing is read)
 * and at most ODID_PACK_MAX messages (else the first ODID_PACK_MAX are
 * read); a pack inside a pack is skipped; each is counted. */
enum dec odid_decode(struct cur c, uint8_t *counter,
    void (*fn)(void *ctx, const struct odid_msg *m), void *ctx,
    struct stats *st);

/* odid_message: exactly one 25-byte message at c (not a pack) into m.
 * DEC_OK; DEC_MALFORMED when an impossible value was counted: m holds
 * the message with that value reported unknown, except an
 * authentication page 0 whose last page index or length no set of pages
 * can hold (m->u.auth.data_len is then 0: no page); DEC_TRUNC for fewer
 * than 25 bytes; DEC_UNSUPPORTED for a protocol version above 2 or a
 * type that is not a message (6-15). Each counted. */
enum dec odid_message(struct cur c, struct odid_msg *m, struct stats *st);

#define DJI_SERIAL_LEN 16
#define DJI_UUID_LEN 20
#define DJI_PURPOSE_LEN 100

/* One decoded DJI DroneID record. */
struct dji_msg {
	uint8_t sub;          /* 0x10 flight telemetry, 0x11 flight purpose */
	uint8_t version;      /* telemetry: 1 or 2 */
	uint16_t seq;
	uint16_t state;       /* state bits as sent */
	uint8_t serial_len;
	uint8_t serial[DJI_SERIAL_LEN];
	bool pos_ok;          /* drone position non-zero */
	double lat, lon;      /* degrees (sent as radians x 1e7) */
	double alt;           /* metres */
	double height;        /* above take-off, metres */
	double v_north, v_east, v_up; /* m/s */
	bool att_ok;          /* version 1: pitch and roll present */
	double pitch, roll;   /* degrees */
	double yaw;           /* degrees */
	bool app_ok;          /* version 2: pilot (app) position non-zero */
	uint64_t app_time_ms; /* version 2: app GPS time, ms since 1970 */
	double app_lat, app_lon;
	bool home_ok;
	double home_lat, home_lon;
	uint8_t product;      /* product type code */
	const char *product_name; /* model for that code, NULL if unknown */
	uint8_t uuid_len;
	uint8_t uuid[DJI_UUID_LEN];
	/* flight purpose (0x11) */
	uint8_t drone_id_len;
	uint8_t drone_id[10];
	uint8_t purpose_len;
	uint8_t purpose[DJI_PURPOSE_LEN];
};

/* djiid_decode: an AIRP_DJI payload (radio.h: 58 62 13, subcommand,
 * record) into m. DEC_OK, DEC_TRUNC (record cut short: nothing usable),
 * DEC_MALFORMED (bad header bytes: nothing usable; or an impossible
 * value in a record that is otherwise read: a position beyond +-90 /
 * +-180 degrees, reported unknown, or a length beyond its field, capped)
 * or DEC_UNSUPPORTED (other subcommand or version); each counted.
 * m->sub is 0 unless m holds a record. */
enum dec djiid_decode(struct cur c, struct dji_msg *m, struct stats *st);

/* djiid_record: the record itself for subcommand sub (from the version
 * byte of a telemetry record, or the serial of a purpose record), as the
 * OcuSync frame carries it after its length byte. Same results. */
enum dec djiid_record(struct cur c, uint8_t sub, struct dji_msg *m,
    struct stats *st);

/* djiid_product: model name of DJI product type code, or NULL. */
const char *djiid_product(uint8_t code);

/* cta2063_valid: whether the n bytes at s are an ANSI/CTA-2063-A serial
 * number: a 4-character manufacturer code, a length character (1-9, A-F
 * for 10-15), then exactly that many characters; all digits or upper-
 * case letters other than O and I. When it is not, why (if not NULL and
 * whyn > 0) receives a short NUL-terminated reason; else an empty
 * string. */
bool cta2063_valid(const uint8_t *s, size_t n, char *why, size_t whyn);

/* cta2063_maker: the manufacturer named by the code that starts the n
 * bytes at s ("DJI" for 1581), or NULL if the code is not one vigie
 * knows (only codes with a public source: see cta2063.c). */
const char *cta2063_maker(const uint8_t *s, size_t n);

#endif
