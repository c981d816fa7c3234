/* SPDX-License-Identifier: MIT */
/* test_uas.c - ASTM F3411 Remote ID (odid.c) on crafted messages: every
 * message type with its boundary values (Basic ID, binary IDs, Location,
 * Authentication, Self-ID, System, Operator ID), unknown types and
 * versions, message packs, damaged packs and every truncation. Payloads
 * from the public captures and CTA-2063-A serials: test_uas_corpus.c;
 * DJI DroneID: test_uas_dji.c. */
#include "uas_util.h"

/* One message decoded with odid_message(), from a heap copy. */
static enum dec
one(const uint8_t *b, size_t n, struct odid_msg *m)
{
	uint8_t *copy = heap_copy(b, n);
	enum dec r = odid_message(cur_make(copy, n), m, &ST);

	free(copy);
	return r;
}

/* Crafting: a zeroed message with its type and version. */
static void
msg(uint8_t *b, unsigned type, unsigned version)
{
	memset(b, 0, ODID_MSG_LEN);
	b[0] = (uint8_t)(type << 4 | version);
}

/* A Location message with lat/lon and nothing else known but what the
 * caller sets after. */
static void
loc_at(uint8_t *b, int32_t lat, int32_t lon)
{
	msg(b, ODID_LOCATION, 2);
	b[2] = 181;
	b[1] = 0x03; /* direction 361, speed 255 with multiplier: unknown */
	b[3] = 255;
	b[4] = 126;
	put32(b + 5, (uint32_t)lat);
	put32(b + 9, (uint32_t)lon);
	put16(b + 21, 0xFFFF);
}

static void
test_basic(void **state)
{
	uint8_t b[ODID_MSG_LEN];
	struct odid_msg m;

	(void)state;
	msg(b, ODID_BASIC, 2);
	b[1] = 0x12; /* serial number, multirotor */
	memcpy(b + 2, "1581F6N8A23B2ML3Y3KR", 20);
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_int_equal(m.type, ODID_BASIC);
	assert_int_equal(m.version, 2);
	assert_int_equal(m.u.basic.id_type, 1);
	assert_int_equal(m.u.basic.ua_type, 2);
	str_is(m.u.basic.id, m.u.basic.id_len, "1581F6N8A23B2ML3Y3KR");
	assert_int_equal(ST.n[STAT_ODID_MSGS], 1);

	/* Control characters are data; the text stops at the first NUL. */
	msg(b, ODID_BASIC, 1);
	b[1] = 0x2F;
	memcpy(b + 2, "AB\x01\x1b[0m\x7f", 8);
	b[10] = 0;
	memcpy(b + 11, "HIDDEN", 6);
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_int_equal(m.u.basic.id_type, 2);
	assert_int_equal(m.u.basic.ua_type, 15);
	str_is(m.u.basic.id, m.u.basic.id_len, "AB\x01\x1b[0m\x7f");
	/* A first NUL: empty. */
	b[2] = 0;
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_int_equal(m.u.basic.id_len, 0);

	/* UTM UUID (type 3): binary, reported as its text (a first 0x00
	 * byte is data). */
	msg(b, ODID_BASIC, 2);
	b[1] = 0x30;
	for (unsigned i = 0; i < 16; i++)
		b[2 + i] = (uint8_t)(i * 17);  /* starts with 0x00 */
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	str_is(m.u.basic.id, m.u.basic.id_len,
	    "00112233-4455-6677-8899-aabbccddeeff");
}

/* Binary Basic IDs (types 3 and 4) leave the decoder as text (uas.h):
 * 0x00 bytes inside are data, only the NUL padding after the ID goes. */
static void
test_basic_binary(void **state)
{
	static const struct {
		uint8_t type;
		uint8_t id[ODID_ID_LEN];    /* the rest NUL padding */
		const char *want;
	} c[] = {
		/* a UUID with 0x00 bytes inside */
		{ 3, { 0x12, 0x34, 0, 0, 0xab, 0xcd, 0x40, 0, 0x80, 0, 0,
		    0x01, 0xde, 0xad, 0, 0xef },
		    "12340000-abcd-4000-8000-0001dead00ef" },
		/* a UUID ending in 0x00: its own bytes, not padding */
		{ 3, { 0x3f, 0x2a, 0x91, 0xc4, 0x5b, 0x7e, 0x4d, 0x2a, 0x9c,
		    0x1f, 0x8e, 0x6b, 0x7a, 0, 0, 0 },
		    "3f2a91c4-5b7e-4d2a-9c1f-8e6b7a000000" },
		/* more than 16 bytes is no UUID: hex up to the padding */
		{ 3, { 0x3f, 0x2a, 0x91, 0xc4, 0x5b, 0x7e, 0x4d, 0x2a, 0x9c,
		    0x1f, 0x8e, 0x6b, 0x7a, 0x5d, 0x4c, 0x3b, 0, 0x01 },
		    "3f2a91c45b7e4d2a9c1f8e6b7a5d4c3b0001" },
		/* a session ID (type byte 1) with NULs inside */
		{ 4, { 0x01, 'A', 0, 'B', 0, 0, 0x07 }, "01410042000007" },
		/* a session ID filling the field: 40 hex digits */
		{ 4, { 0x01, 0x03, 0xf3, 0xd8, 0x3d, 0x70, 0x89, 0xf1, 0x93,
		    0xb5, 0xc7, 0xd0, 0x5b, 0xe5, 0xf2, 0x37, 0x83, 0x58,
		    0x30, 0x93 }, "0103f3d83d7089f193b5c7d05be5f23783583093" },
		/* all NUL: no ID */
		{ 3, { 0 }, "" },
		{ 4, { 0 }, "" },
	};
	uint8_t b[ODID_MSG_LEN];
	struct odid_msg m;

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		msg(b, ODID_BASIC, 2);
		b[1] = (uint8_t)(c[i].type << 4 | 2);
		memcpy(b + 2, c[i].id, ODID_ID_LEN);
		assert_int_equal(one(b, sizeof b, &m), DEC_OK);
		assert_int_equal(m.u.basic.id_type, c[i].type);
		assert_true(m.u.basic.id_len <= sizeof m.u.basic.id);
		str_is(m.u.basic.id, m.u.basic.id_len, c[i].want);
	}
}

/* Every field of a Location message with known values. */
static void
test_location(void **state)
{
	uint8_t b[ODID_MSG_LEN];
	struct odid_msg m;
	const struct odid_location *l = &m.u.loc;

	(void)state;
	msg(b, ODID_LOCATION, 2);
	b[1] = 0x20 | 0x04 | 0x02; /* airborne, above ground, west */
	b[2] = 90;                 /* 90 + 180 = 270 */
	b[3] = 82;                 /* 20.5 m/s */
	b[4] = 0xF6;               /* -10 x 0.5 = -5 m/s */
	put32(b + 5, (uint32_t)455457468);
	put32(b + 9, (uint32_t)-1229681496);
	put16(b + 13, 2474);       /* 237 m */
	put16(b + 15, 2475);       /* 237.5 m */
	put16(b + 17, 2200);       /* 100 m */
	b[19] = 0x3A;              /* vertical 3, horizontal 10 */
	b[20] = 0x42;              /* baro 4, speed 2 */
	put16(b + 21, 12345);      /* 1234.5 s */
	b[23] = 0x0F;
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_int_equal(l->status, 2);
	assert_int_equal(l->height_type, 1);
	assert_true(l->dir_ok && l->speed_ok && l->vspeed_ok && l->pos_ok);
	assert_true(l->alt_baro_ok && l->alt_geo_ok && l->height_ok);
	assert_true(l->ts_ok);
	near(l->direction, 270);
	near(l->speed, 20.5);
	near(l->vspeed, -5);
	assert_int_equal(l->lat_e7, 455457468);
	assert_int_equal(l->lon_e7, -1229681496);
	near(l->alt_baro, 237);
	near(l->alt_geo, 237.5);
	near(l->height, 100);
	assert_int_equal(l->acc_v, 3);
	assert_int_equal(l->acc_h, 10);
	assert_int_equal(l->acc_baro, 4);
	assert_int_equal(l->acc_speed, 2);
	near(l->ts_s, 1234.5);
	assert_int_equal(l->acc_ts, 15);
	assert_int_equal(ST.n[STAT_ODID_MALFORMED], 0);
}

/* Direction, speed, vertical speed, altitude and timestamp encodings at
 * their edges. */
static void
test_location_encodings(void **state)
{
	uint8_t b[ODID_MSG_LEN];
	struct odid_msg m;
	const struct odid_location *l = &m.u.loc;
	static const struct {
		uint8_t flags, raw;
		bool ok, bad;
		double deg;
	} dirs[] = {
		{ 0, 0, true, false, 0 },     { 0, 179, true, false, 179 },
		{ 2, 0, true, false, 180 },   { 2, 179, true, false, 359 },
		{ 2, 181, false, false, 0 },  /* 361: unknown */
		{ 2, 180, false, true, 0 },   /* 360: impossible */
		{ 2, 255, false, true, 0 },   /* 435 */
		{ 0, 200, true, false, 200 }, /* no E/W bit: still valid */
	};
	static const struct {
		uint8_t flags, raw;
		bool ok;
		double v;
	} speeds[] = {
		{ 0, 0, true, 0 },     { 0, 82, true, 20.5 },
		{ 0, 255, true, 63.75 },             /* 255 x 0.25 */
		{ 1, 0, true, 63.75 },
		{ 1, 254, true, 254 * 0.75 + 63.75 }, /* 254.25: the largest */
		{ 1, 255, false, 0 },                /* 255 m/s: unknown */
	};
	static const struct {
		uint8_t raw;
		bool ok;
		double v;
	} vs[] = {
		{ 0, true, 0 },      { 1, true, 0.5 },    { 124, true, 62 },
		{ 126, false, 0 },   /* 63 m/s: unknown */
		{ 63, true, 31.5 },  { 0xFF, true, -0.5 }, { 0x84, true, -62 },
		{ 0x80, true, -64 },
	};
	static const struct {
		unsigned raw;
		bool ok;
		double v;
	} alts[] = {
		{ 0, false, 0 },            /* -1000 m: unknown */
		{ 1, true, -999.5 },        { 2000, true, 0 },
		{ 65535, true, 31767.5 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		loc_at(b, 1, 1);
		b[1] = dirs[i].flags;
		b[2] = dirs[i].raw;
		assert_int_equal(one(b, sizeof b, &m),
		    dirs[i].bad ? DEC_MALFORMED : DEC_OK);
		assert_int_equal(l->dir_ok, dirs[i].ok);
		near(l->direction, dirs[i].deg);
		assert_int_equal(ST.n[STAT_ODID_MALFORMED], dirs[i].bad);
		assert_true(l->pos_ok); /* the rest of the message stands */
	}
	for (size_t i = 0; i < sizeof speeds / sizeof speeds[0]; i++) {
		loc_at(b, 1, 1);
		b[1] = speeds[i].flags;
		b[3] = speeds[i].raw;
		assert_int_equal(one(b, sizeof b, &m), DEC_OK);
		assert_int_equal(l->speed_ok, speeds[i].ok);
		near(l->speed, speeds[i].v);
	}
	for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) {
		loc_at(b, 1, 1);
		b[4] = vs[i].raw;
		assert_int_equal(one(b, sizeof b, &m), DEC_OK);
		assert_int_equal(l->vspeed_ok, vs[i].ok);
		near(l->vspeed, vs[i].v);
	}
	for (size_t i = 0; i < sizeof alts / sizeof alts[0]; i++) {
		loc_at(b, 1, 1);
		put16(b + 13, alts[i].raw);
		put16(b + 15, alts[i].raw);
		put16(b + 17, alts[i].raw);
		assert_int_equal(one(b, sizeof b, &m), DEC_OK);
		assert_int_equal(l->alt_baro_ok, alts[i].ok);
		assert_int_equal(l->alt_geo_ok, alts[i].ok);
		assert_int_equal(l->height_ok, alts[i].ok);
		near(l->alt_baro, alts[i].v);
		near(l->alt_geo, alts[i].v);
		near(l->height, alts[i].v);
	}
	/* Timestamp: 0xFFFF unknown, 0 and 36000 (the full hour) valid,
	 * beyond the hour impossible. */
	loc_at(b, 1, 1);
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_false(l->ts_ok);
	near(l->ts_s, 0);
	put16(b + 21, 0);
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_true(l->ts_ok);
	near(l->ts_s, 0);
	put16(b + 21, 36000);
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	near(l->ts_s, 3600);
	put16(b + 21, 36001);
	assert_int_equal(one(b, sizeof b, &m), DEC_MALFORMED);
	assert_false(l->ts_ok);
	near(l->ts_s, 0);
	assert_int_equal(ST.n[STAT_ODID_MALFORMED], 1);
	/* All unknown: every flag false, every value zero. */
	loc_at(b, 0, 0);
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_false(l->dir_ok || l->speed_ok || l->vspeed_ok || l->pos_ok ||
	    l->alt_baro_ok || l->alt_geo_ok || l->height_ok || l->ts_ok);
	near(l->direction + l->speed + l->vspeed + l->alt_baro + l->alt_geo +
	    l->height + l->ts_s, 0);
	assert_int_equal(l->lat_e7 | l->lon_e7, 0);
}

/* Latitude and longitude at the poles and the antimeridian. */
static void
test_location_position(void **state)
{
	uint8_t b[ODID_MSG_LEN];
	struct odid_msg m;
	static const struct {
		int32_t lat, lon;
		bool ok;
	} pos[] = {
		{ 900000000, 0, true },            /* North Pole */
		{ -900000000, 1800000000, true },  /* South Pole, 180 E */
		{ 0, -1800000000, true },
		{ 0, 1799999999, true },           /* 179.9999999 E */
		{ 0, -1799999999, true },          /* 179.9999999 W */
		{ 1, 0, true },                    /* one is enough */
		{ 0, 0, false },                   /* unknown */
		{ 900000001, 0, false },           /* impossible */
		{ -900000001, 0, false },
		{ 0, 1800000001, false },
		{ 0, -1800000001, false },
		{ INT32_MIN, INT32_MAX, false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof pos / sizeof pos[0]; i++) {
		bool bad = !pos[i].ok && (pos[i].lat || pos[i].lon);

		loc_at(b, pos[i].lat, pos[i].lon);
		assert_int_equal(one(b, sizeof b, &m),
		    bad ? DEC_MALFORMED : DEC_OK);
		assert_int_equal(m.u.loc.pos_ok, pos[i].ok);
		assert_int_equal(m.u.loc.lat_e7, pos[i].ok ? pos[i].lat : 0);
		assert_int_equal(m.u.loc.lon_e7, pos[i].ok ? pos[i].lon : 0);
		assert_int_equal(ST.n[STAT_ODID_MALFORMED], bad);
		assert_int_equal(ST.n[STAT_ODID_MSGS], 1);
	}
}

static void
test_auth(void **state)
{
	uint8_t b[ODID_MSG_LEN];
	struct odid_msg m;
	const struct odid_auth *a = &m.u.auth;

	(void)state;
	/* Page 0: type 1 (UAS ID signature), pages 0..2, 63 bytes. */
	msg(b, ODID_AUTH, 2);
	b[1] = 0x10;
	b[2] = 2;
	b[3] = 63; /* 17 + 2 x 23: the most three pages hold */
	put32(b + 4, 0x12345678);
	for (unsigned i = 8; i < ODID_MSG_LEN; i++)
		b[i] = (uint8_t)i;
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_int_equal(a->auth_type, 1);
	assert_int_equal(a->page, 0);
	assert_int_equal(a->last_page, 2);
	assert_int_equal(a->length, 63);
	assert_int_equal(a->timestamp, 0x12345678);
	assert_int_equal(a->data_len, ODID_AUTH_PAGE0);
	assert_memory_equal(a->data, b + 8, ODID_AUTH_PAGE0);

	/* Page 15: 23 data bytes from byte 2, no page-0 fields. */
	b[1] = 0x3F;
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_int_equal(a->auth_type, 3);
	assert_int_equal(a->page, 15);
	assert_int_equal(a->last_page, 0);
	assert_int_equal(a->length, 0);
	assert_int_equal(a->timestamp, 0);
	assert_int_equal(a->data_len, ODID_AUTH_PAGEN);
	assert_memory_equal(a->data, b + 2, ODID_AUTH_PAGEN);

	/* Page 0 claiming a page 16, or more data than its pages hold: no
	 * page, counted, and odid_decode() passes nothing. */
	b[1] = 0x10;
	b[2] = 16;
	b[3] = 17;
	assert_int_equal(one(b, sizeof b, &m), DEC_MALFORMED);
	assert_int_equal(a->data_len, 0);
	assert_int_equal(ST.n[STAT_ODID_MALFORMED], 1);
	assert_int_equal(ST.n[STAT_ODID_MSGS], 0);
	b[2] = 2;
	b[3] = 64;
	assert_int_equal(one(b, sizeof b, &m), DEC_MALFORMED);
	assert_int_equal(a->data_len, 0);
	{
		uint8_t p[1 + ODID_MSG_LEN];

		p[0] = 7;
		memcpy(p + 1, b, ODID_MSG_LEN);
		assert_int_equal(odid_run(p, sizeof p, NULL), DEC_MALFORMED);
		assert_int_equal(S.n, 0);
	}
	b[3] = 0;
	b[2] = 15;
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_int_equal(a->last_page, 15);
}

static void
test_selfid_operator(void **state)
{
	uint8_t b[ODID_MSG_LEN];
	struct odid_msg m;

	(void)state;
	msg(b, ODID_SELFID, 0);
	b[1] = 1; /* emergency description */
	memcpy(b + 2, "ABCDEFGHIJKLMNOPQRSTUVW", 23); /* full: no NUL */
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_int_equal(m.u.self.desc_type, 1);
	str_is(m.u.self.text, m.u.self.len, "ABCDEFGHIJKLMNOPQRSTUVW");

	msg(b, ODID_OPERATOR, 1);
	memcpy(b + 2, "FIN87astrdge12kxyz8", 19);
	memcpy(b + 22, "XYZ", 3); /* reserved bytes are not the ID */
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_int_equal(m.u.op.type, 0);
	str_is(m.u.op.id, m.u.op.id_len, "FIN87astrdge12kxyz8");
	memset(b + 2, 'Q', 20);
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_int_equal(m.u.op.id_len, ODID_ID_LEN);
}

static void
test_system(void **state)
{
	uint8_t b[ODID_MSG_LEN];
	struct odid_msg m;
	const struct odid_system *s = &m.u.sys;

	(void)state;
	msg(b, ODID_SYSTEM, 2);
	b[1] = 0x04 | 0x01; /* EU, live GNSS */
	put32(b + 2, (uint32_t)-337000000);
	put32(b + 6, (uint32_t)1511000000);
	put16(b + 10, 3);
	b[12] = 50;         /* 500 m */
	put16(b + 13, 2240); /* ceiling 120 m */
	put16(b + 15, 1990); /* floor -5 m */
	b[17] = 0x23;       /* specific, class 2 (C2) */
	put16(b + 18, 2100); /* 50 m */
	put32(b + 20, 150000000);
	assert_int_equal(one(b, sizeof b, &m), DEC_OK);
	assert_int_equal(s->op_loc_type, 1);
	assert_int_equal(s->class_type, 1);
	assert_true(s->op_pos_ok && s->ceiling_ok && s->floor_ok &&
	    s->op_alt_ok && s->ts_ok);
	assert_int_equal(s->op_lat_e7, -337000000);
	assert_int_equal(s->op_lon_e7, 1511000000);
	assert_int_equal(s->area_count, 3);
	assert_int_equal(s->area_radius, 500);
	near(s->area_ceiling, 120);
	near(s->area_floor, -5);
	assert_int_equal(s->eu_category, 2);
	assert_int_equal(s->eu_class, 3);
	near(s->op_alt, 50);
	assert_int_equal(s->timestamp, 150000000);

	/* The largest radius; unknown altitudes and time; no EU class
	 * without EU classification; an impossible operator position. */
	b[1] = 0x02;
	b[12] = 255;
	put16(b + 13, 0);
	put16(b + 15, 0);
	put16(b + 18, 0);
	put32(b + 20, 0);
	put32(b + 2, (uint32_t)910000000);
	assert_int_equal(one(b, sizeof b, &m), DEC_MALFORMED);
	assert_int_equal(s->op_loc_type, 2);
	assert_int_equal(s->class_type, 0);
	assert_int_equal(s->area_radius, 2550);
	assert_false(s->op_pos_ok || s->ceiling_ok || s->floor_ok ||
	    s->op_alt_ok || s->ts_ok);
	assert_int_equal(s->op_lat_e7 | s->op_lon_e7, 0);
	near(s->area_ceiling + s->area_floor + s->op_alt, 0);
	assert_int_equal(s->eu_category + s->eu_class, 0);
	assert_int_equal(ST.n[STAT_ODID_MALFORMED], 1);
	assert_int_equal(ST.n[STAT_ODID_MSGS], 1);
}

static void
test_unknown(void **state)
{
	uint8_t p[1 + ODID_MSG_LEN];
	struct odid_msg m;

	(void)state;
	memset(p, 0, sizeof p);
	p[1] = 0x62; /* type 6 */
	assert_int_equal(odid_run(p, sizeof p, NULL), DEC_UNSUPPORTED);
	assert_int_equal(S.n, 0);
	assert_int_equal(ST.n[STAT_ODID_UNKNOWN_TYPE], 1);
	p[1] = 0x03; /* Basic ID of version 3 */
	assert_int_equal(odid_run(p, sizeof p, NULL), DEC_UNSUPPORTED);
	assert_int_equal(ST.n[STAT_ODID_BAD_VERSION], 1);
	assert_int_equal(ST.n[STAT_ODID_MSGS], 0);
	p[1] = 0xF0; /* a pack where one message must be */
	assert_int_equal(one(p + 1, ODID_MSG_LEN, &m), DEC_UNSUPPORTED);
	/* Too short, or a counter alone. */
	assert_int_equal(odid_run(p, 0, NULL), DEC_TRUNC);
	assert_int_equal(odid_run(p, 1, NULL), DEC_TRUNC);
	p[1] = 0x00;
	assert_int_equal(odid_run(p, ODID_MSG_LEN, NULL), DEC_TRUNC);
	assert_int_equal(ST.n[STAT_ODID_TRUNC], 1);
	assert_int_equal(odid_run(p, sizeof p, NULL), DEC_OK);
	assert_int_equal(S.n, 1);
}

/* A pack stating count messages, holding n (the six message types in
 * turn, versions 0, 1, 2 in turn), after counter 0x42. */
static size_t
make_pack(uint8_t *p, unsigned n, unsigned count)
{
	static const unsigned types[] = { ODID_BASIC, ODID_LOCATION,
		ODID_AUTH, ODID_SELFID, ODID_SYSTEM, ODID_OPERATOR };

	p[0] = 0x42;
	p[1] = 0xF2;
	p[2] = ODID_MSG_LEN;
	p[3] = (uint8_t)count;
	for (unsigned i = 0; i < n; i++) {
		uint8_t *b = p + 4 + i * ODID_MSG_LEN;

		msg(b, types[i % 6], i % 3);
		b[1] = (uint8_t)(types[i % 6] == ODID_AUTH ? i % 16 : 0);
		b[2] = (uint8_t)('A' + i);
		if (types[i % 6] == ODID_LOCATION) {
			loc_at(b, (int32_t)i, 2);
			b[0] = (uint8_t)(ODID_LOCATION << 4 | i % 3);
		}
	}
	return 4 + (size_t)n * ODID_MSG_LEN;
}

static void
test_pack(void **state)
{
	uint8_t p[4 + 12 * ODID_MSG_LEN];
	uint8_t counter;
	size_t n;

	(void)state;
	/* Ten messages, all passed in order. */
	n = make_pack(p, 10, 10);
	assert_int_equal(odid_run(p, n, &counter), DEC_OK);
	assert_int_equal(counter, 0x42);
	assert_int_equal(S.n, 10);
	assert_int_equal(ST.n[STAT_ODID_MSGS], 10);
	for (unsigned i = 0; i < 10; i++)
		assert_int_equal(S.m[i].version, i % 3);
	assert_int_equal(S.m[0].type, ODID_BASIC);
	str_is(S.m[0].u.basic.id, S.m[0].u.basic.id_len, "A");
	assert_int_equal(S.m[1].type, ODID_LOCATION);
	assert_int_equal(S.m[2].type, ODID_AUTH);
	assert_int_equal(S.m[8].type, ODID_AUTH);
	assert_int_equal(S.m[8].u.auth.page, 8);
	assert_int_equal(S.m[9].type, ODID_SELFID);
	str_is(S.m[9].u.self.text, S.m[9].u.self.len, "J");

	/* Count 11 with eleven messages there: malformed, ten read. */
	n = make_pack(p, 11, 11);
	assert_int_equal(odid_run(p, n, NULL), DEC_MALFORMED);
	assert_int_equal(S.n, 10);
	assert_int_equal(ST.n[STAT_ODID_PACK_MALFORMED], 1);
	n = make_pack(p, 12, 255);
	assert_int_equal(odid_run(p, n, NULL), DEC_MALFORMED);
	assert_int_equal(S.n, 10);

	/* Message size other than 25: nothing can be read. */
	n = make_pack(p, 3, 3);
	p[2] = 24;
	assert_int_equal(odid_run(p, n, NULL), DEC_MALFORMED);
	assert_int_equal(S.n, 0);
	assert_int_equal(ST.n[STAT_ODID_PACK_MALFORMED], 1);
	p[2] = 0;
	assert_int_equal(odid_run(p, n, NULL), DEC_MALFORMED);
	assert_int_equal(S.n, 0);

	/* Count beyond the data: the whole messages, then truncated. */
	n = make_pack(p, 3, 5);
	assert_int_equal(odid_run(p, n + 10, NULL), DEC_TRUNC);
	assert_int_equal(S.n, 3);
	assert_int_equal(ST.n[STAT_ODID_TRUNC], 1);

	/* Empty pack; trailing padding after the messages ignored. */
	memset(p, 0, sizeof p);
	n = make_pack(p, 0, 0);
	assert_int_equal(odid_run(p, n, NULL), DEC_OK);
	assert_int_equal(S.n, 0);
	n = make_pack(p, 2, 2);
	assert_int_equal(odid_run(p, sizeof p, NULL), DEC_OK);
	assert_int_equal(S.n, 2);

	/* Members skipped: unknown type, version 3, a pack inside. */
	n = make_pack(p, 5, 5);
	p[4 + 1 * ODID_MSG_LEN] = 0x70;
	p[4 + 2 * ODID_MSG_LEN] = 0x05;
	p[4 + 3 * ODID_MSG_LEN] = 0xF0;
	assert_int_equal(odid_run(p, n, NULL), DEC_MALFORMED);
	assert_int_equal(S.n, 2);
	assert_int_equal(S.m[0].type, ODID_BASIC);
	assert_int_equal(S.m[1].type, ODID_SYSTEM);
	assert_int_equal(ST.n[STAT_ODID_UNKNOWN_TYPE], 1);
	assert_int_equal(ST.n[STAT_ODID_BAD_VERSION], 1);
	assert_int_equal(ST.n[STAT_ODID_PACK_MALFORMED], 1);
	p[4 + 3 * ODID_MSG_LEN] = 0x30; /* unknown members alone: DEC_OK */
	assert_int_equal(odid_run(p, n, NULL), DEC_OK);
	assert_int_equal(S.n, 3);

	/* A bad message among good ones: the good ones pass. */
	n = make_pack(p, 3, 3);
	put32(p + 4 + ODID_MSG_LEN + 5, (uint32_t)950000000);
	assert_int_equal(odid_run(p, n, NULL), DEC_MALFORMED);
	assert_int_equal(S.n, 3);
	assert_false(S.m[1].u.loc.pos_ok);

	/* Pack of version 3: skipped whole. */
	n = make_pack(p, 2, 2);
	p[1] = 0xF3;
	assert_int_equal(odid_run(p, n, NULL), DEC_UNSUPPORTED);
	assert_int_equal(S.n, 0);
	assert_int_equal(ST.n[STAT_ODID_BAD_VERSION], 1);
}

/* Every prefix of a ten-message pack: no read beyond it (ASan), only
 * the whole messages passed. */
static void
test_pack_truncation(void **state)
{
	uint8_t p[4 + 10 * ODID_MSG_LEN];
	size_t n = make_pack(p, 10, 10);

	(void)state;
	for (size_t k = 0; k <= n; k++) {
		enum dec r = odid_run(p, k, NULL);
		size_t whole = k < 4 ? 0 : (k - 4) / ODID_MSG_LEN;

		assert_int_equal(r, k == n ? DEC_OK : DEC_TRUNC);
		assert_int_equal(S.n, whole);
		assert_int_equal(ST.n[STAT_ODID_TRUNC], k == n ? 0 : 1);
	}
	for (size_t k = 0; k <= 1 + ODID_MSG_LEN; k++) {
		uint8_t q[1 + ODID_MSG_LEN];

		q[0] = 1;
		loc_at(q + 1, 5, 5);
		assert_int_equal(odid_run(q, k, NULL),
		    k == sizeof q ? DEC_OK : DEC_TRUNC);
		assert_int_equal(S.n, k == sizeof q);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_basic_binary),
		cmocka_unit_test(test_location),
		cmocka_unit_test(test_location_encodings),
		cmocka_unit_test(test_location_position),
		cmocka_unit_test(test_auth),
		cmocka_unit_test(test_selfid_operator),
		cmocka_unit_test(test_system),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_pack_truncation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
