/* SPDX-License-Identifier: MIT */
/* test_uas.c - ASTM F3411 Remote ID (odid.c), DJI DroneID (djiid.c) and
 * CTA-2063-A serials (cta2063.c): crafted messages of every type with
 * their boundary values, damaged packs and every truncation, and real
 * payloads cut from the public captures in ../shared/corpus/drone/ (see
 * ../shared/corpus/SOURCES.md): odid_wifi_bcn_sample.pcap and
 * odid_bt5_lr_sample.pcapng (opendroneid/wireshark-dissector, Apache-
 * 2.0), parrot_anafi4_real.pcapng and mavic_alessa_spoofed.pcapng
 * (cyber-defence-campus/RemoteIDReceiver, MIT). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "proto/uas.h"

#define MAXM 16

/* Messages odid_decode() passed during one run. */
static struct {
	unsigned n;
	struct odid_msg m[MAXM];
} S;
static struct stats ST;

static void
on_msg(void *ctx, const struct odid_msg *m)
{
	(void)ctx;
	if (S.n < MAXM)
		S.m[S.n] = *m;
	S.n++;
}

/* A heap copy of exactly n bytes (so ASan sees a read past them), with
 * the counters cleared for the decoder about to read it. */
static uint8_t *
heap_copy(const uint8_t *b, size_t n)
{
	uint8_t *copy = malloc(n ? n : 1);

	assert_non_null(copy);
	if (n)
		memcpy(copy, b, n);
	memset(&ST, 0, sizeof ST);
	return copy;
}

/* odid_decode over a private heap copy of b. */
static enum dec
odid_run(const uint8_t *b, size_t n, uint8_t *counter)
{
	uint8_t *copy = heap_copy(b, n), cnt = 0;
	enum dec r;

	memset(&S, 0, sizeof S);
	r = odid_decode(cur_make(copy, n), &cnt, on_msg, NULL, &ST);
	free(copy);
	if (counter != NULL)
		*counter = cnt;
	return r;
}

/* One message decoded with odid_message(), from a heap copy. */
static enum dec
one(const uint8_t *b, size_t n, struct odid_msg *m)
{
	uint8_t *copy = heap_copy(b, n);
	enum dec r = odid_message(cur_make(copy, n), m, &ST);

	free(copy);
	return r;
}

static enum dec
dji_run(const uint8_t *b, size_t n, struct dji_msg *m)
{
	uint8_t *copy = heap_copy(b, n);
	enum dec r = djiid_decode(cur_make(copy, n), m, &ST);

	free(copy);
	return r;
}

static void
near(double got, double want)
{
	double d = got - want;

	if (d < 0)
		d = -d;
	if (d > 1e-9) {
		print_error("got %.10f, want %.10f\n", got, want);
		fail();
	}
}

static void
str_is(const uint8_t *p, size_t n, const char *want)
{
	assert_int_equal(n, strlen(want));
	assert_memory_equal(p, want, n);
}

/* Crafting: a zeroed message with its type and version. */
static void
msg(uint8_t *b, unsigned type, unsigned version)
{
	memset(b, 0, ODID_MSG_LEN);
	b[0] = (uint8_t)(type << 4 | version);
}

static void
put16(uint8_t *b, unsigned v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
}

static void
put32(uint8_t *b, uint32_t v)
{
	put16(b, v & 0xFFFF);
	put16(b + 2, v >> 16);
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

/* odid_wifi_bcn_sample.pcap, frame 1: the vendor IE (FA:0B:BC 0D) body
 * after its type byte: counter, pack of 5, protocol version 0. */
static const uint8_t BCN_F1[133 - 4] = {
	0xd0, 0xf0, 0x19, 0x05, 0x00, 0x00, 0x4d, 0x46, 0x47, 0x31, 0x41, 0x30,
	0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x50, 0xf6, 0x10, 0x00, 0x5c, 0x52, 0x7e, 0xbc, 0xba,
	0x25, 0x1b, 0xa8, 0x8c, 0xb4, 0xb6, 0x00, 0x00, 0xaa, 0x09, 0x98, 0x08,
	0x39, 0x41, 0x00, 0x00, 0x0a, 0x00, 0x30, 0x00, 0x52, 0x65, 0x63, 0x72,
	0x65, 0x61, 0x74, 0x69, 0x6f, 0x6e, 0x61, 0x6c, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x04, 0xa4, 0x85, 0x25,
	0x1b, 0x6e, 0xdb, 0xb3, 0xb6, 0x01, 0x00, 0x32, 0x00, 0x00, 0x00, 0x00,
	0x15, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x50, 0x00, 0x47, 0x42,
	0x52, 0x2d, 0x4f, 0x50, 0x2d, 0x31, 0x32, 0x33, 0x41, 0x42, 0x43, 0x44,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void
test_corpus_bcn(void **state)
{
	uint8_t counter;
	const struct odid_location *l = &S.m[1].u.loc;
	const struct odid_system *s = &S.m[3].u.sys;

	(void)state;
	assert_int_equal(odid_run(BCN_F1, sizeof BCN_F1, &counter), DEC_OK);
	assert_int_equal(counter, 0xd0);
	assert_int_equal(S.n, 5);
	for (unsigned i = 0; i < 5; i++)
		assert_int_equal(S.m[i].version, 0);
	assert_int_equal(S.m[0].type, ODID_BASIC);
	assert_int_equal(S.m[0].u.basic.id_type, 0);
	assert_int_equal(S.m[0].u.basic.ua_type, 0);
	str_is(S.m[0].u.basic.id, S.m[0].u.basic.id_len, "MFG1A0123456789");
	assert_int_equal(S.m[1].type, ODID_LOCATION);
	assert_int_equal(l->status, 0);
	assert_int_equal(l->height_type, 0);
	assert_true(l->dir_ok);
	near(l->direction, 92);
	assert_true(l->speed_ok);
	near(l->speed, 20.5);
	assert_false(l->vspeed_ok); /* raw 126: 63 m/s, unknown */
	assert_true(l->pos_ok);
	assert_int_equal(l->lat_e7, 455457468);   /* 45.5457468 N */
	assert_int_equal(l->lon_e7, -1229681496); /* 122.9681496 W */
	assert_false(l->alt_baro_ok);
	assert_true(l->alt_geo_ok);
	near(l->alt_geo, 237);
	assert_true(l->height_ok);
	near(l->height, 100);
	assert_int_equal(l->acc_h, 9);
	assert_int_equal(l->acc_v, 3);
	assert_int_equal(l->acc_baro, 4);
	assert_int_equal(l->acc_speed, 1);
	assert_true(l->ts_ok);
	near(l->ts_s, 0);
	assert_int_equal(l->acc_ts, 10);
	assert_int_equal(S.m[2].type, ODID_SELFID);
	assert_int_equal(S.m[2].u.self.desc_type, 0);
	str_is(S.m[2].u.self.text, S.m[2].u.self.len, "Recreational");
	assert_int_equal(S.m[3].type, ODID_SYSTEM);
	assert_int_equal(s->class_type, 1);
	assert_int_equal(s->op_loc_type, 0);
	assert_true(s->op_pos_ok);
	assert_int_equal(s->op_lat_e7, 455443876);   /* 45.5443876 N */
	assert_int_equal(s->op_lon_e7, -1229726866); /* 122.9726866 W */
	assert_int_equal(s->area_count, 1);
	assert_int_equal(s->area_radius, 500);
	assert_false(s->ceiling_ok || s->floor_ok || s->op_alt_ok || s->ts_ok);
	assert_int_equal(s->eu_category, 1); /* open */
	assert_int_equal(s->eu_class, 5);    /* class 4 */
	assert_int_equal(S.m[4].type, ODID_OPERATOR);
	assert_int_equal(S.m[4].u.op.type, 0);
	str_is(S.m[4].u.op.id, S.m[4].u.op.id_len, "GBR-OP-123ABCD");
	assert_int_equal(ST.n[STAT_ODID_MSGS], 5);
}

/* parrot_anafi4_real.pcapng, frame 95: vendor IE body after FA:0B:BC
 * 0D: pack of Basic ID, Location, System, Operator ID (version 0). */
static const uint8_t PARROT_F95[108 - 4] = {
	0x5d, 0xf0, 0x19, 0x04, 0x00, 0x12, 0x31, 0x35, 0x38, 0x38, 0x45, 0x30,
	0x34, 0x30, 0x34, 0x34, 0x35, 0x41, 0x43, 0x30, 0x30, 0x34, 0x34, 0x31,
	0x38, 0x00, 0x00, 0x00, 0x00, 0x10, 0x20, 0x54, 0x00, 0x00, 0x9a, 0xf3,
	0x21, 0x1c, 0xde, 0x20, 0x34, 0x05, 0x00, 0x00, 0x00, 0x00, 0xd0, 0x07,
	0x00, 0x00, 0x5f, 0x24, 0x00, 0x00, 0x40, 0x05, 0x80, 0xf1, 0x21, 0x1c,
	0x3d, 0x20, 0x34, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x50, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* The same capture, frame 3: a pack holding one Location message. */
static const uint8_t PARROT_F3[33 - 4] = {
	0x5b, 0xf0, 0x19, 0x01, 0x10, 0x10, 0x54, 0x00, 0x00, 0x9f, 0xf3, 0x21,
	0x1c, 0xe3, 0x20, 0x34, 0x05, 0x00, 0x00, 0x00, 0x00, 0xd0, 0x07, 0x00,
	0x00, 0x4b, 0x24, 0x00, 0x00,
};

static void
test_corpus_parrot(void **state)
{
	const struct odid_location *l = &S.m[1].u.loc;
	const struct odid_system *s = &S.m[2].u.sys;
	char why[64];

	(void)state;
	assert_int_equal(odid_run(PARROT_F95, sizeof PARROT_F95, NULL),
	    DEC_OK);
	assert_int_equal(S.n, 4);
	assert_int_equal(S.m[0].u.basic.id_type, 1); /* serial */
	assert_int_equal(S.m[0].u.basic.ua_type, 2); /* multirotor */
	str_is(S.m[0].u.basic.id, S.m[0].u.basic.id_len,
	    "1588E040445AC004418");
	assert_true(cta2063_valid(S.m[0].u.basic.id, S.m[0].u.basic.id_len,
	    why, sizeof why));
	assert_string_equal(cta2063_maker(S.m[0].u.basic.id,
	    S.m[0].u.basic.id_len), "Parrot");
	assert_int_equal(l->status, 2);
	near(l->direction, 84);
	near(l->speed, 0);
	near(l->vspeed, 0);
	assert_true(l->speed_ok && l->vspeed_ok && l->dir_ok);
	assert_int_equal(l->lat_e7, 471987098); /* 47.1987098 N */
	assert_int_equal(l->lon_e7, 87302366);  /* 8.7302366 E */
	assert_false(l->alt_baro_ok || l->alt_geo_ok);
	assert_true(l->height_ok);
	near(l->height, 0);
	near(l->ts_s, 931.1);
	assert_int_equal(s->class_type, 1);
	assert_int_equal(s->op_loc_type, 1); /* live GNSS */
	assert_int_equal(s->op_lat_e7, 471986560);
	assert_int_equal(s->op_lon_e7, 87302205);
	assert_int_equal(s->area_count, 0);
	assert_int_equal(s->area_radius, 0);
	assert_int_equal(s->eu_category, 1); /* open */
	assert_int_equal(s->eu_class, 2);    /* class 1 */
	assert_int_equal(S.m[3].type, ODID_OPERATOR);
	assert_int_equal(S.m[3].u.op.id_len, 0);

	assert_int_equal(odid_run(PARROT_F3, sizeof PARROT_F3, NULL), DEC_OK);
	assert_int_equal(S.n, 1);
	assert_int_equal(S.m[0].u.loc.status, 1);
	assert_int_equal(S.m[0].u.loc.lat_e7, 471987103);
	assert_int_equal(S.m[0].u.loc.lon_e7, 87302371);
	near(S.m[0].u.loc.ts_s, 929.1);
}

/* odid_bt5_lr_sample.pcapng, frame 101: the service data after UUID
 * 0xFFFA and application code 0x0D: counter, pack of 5, then zero
 * padding to the advertisement's end. A drone without a fix: the real
 * unknown markers. */
static const uint8_t BT5_F101[229] = {
	0x73, 0xf0, 0x19, 0x05, 0x00, 0x12, 0x53, 0x53, 0x45, 0x56, 0x54, 0x46,
	0x47, 0x39, 0x33, 0x37, 0x30, 0x30, 0x30, 0x37, 0x30, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x23, 0xb5, 0xff, 0x7e, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x62, 0x07, 0x00, 0x00, 0xcf, 0x07,
	0x00, 0x50, 0x00, 0x00, 0x01, 0x00, 0x30, 0x00, 0x44, 0x72, 0x6f, 0x6e,
	0x65, 0x20, 0x49, 0x44, 0x20, 0x64, 0x65, 0x6d, 0x6f, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x04, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x50, 0x00, 0x46, 0x49,
	0x4e, 0x38, 0x37, 0x61, 0x73, 0x74, 0x72, 0x64, 0x67, 0x65, 0x31, 0x32,
	0x6b, 0x78, 0x79, 0x7a, 0x38, 0x00, 0x00, 0x00, 0x00,
};

static void
test_corpus_bt5(void **state)
{
	const struct odid_location *l = &S.m[1].u.loc;
	char why[64];

	(void)state;
	assert_int_equal(odid_run(BT5_F101, sizeof BT5_F101, NULL), DEC_OK);
	assert_int_equal(S.n, 5);
	str_is(S.m[0].u.basic.id, S.m[0].u.basic.id_len, "SSEVTFG93700070");
	assert_int_equal(S.m[0].u.basic.id_type, 1);
	assert_false(cta2063_valid(S.m[0].u.basic.id, S.m[0].u.basic.id_len,
	    why, sizeof why)); /* 'T' is no length character */
	assert_string_equal(why, "bad length character");
	assert_int_equal(l->status, 2);
	assert_false(l->dir_ok || l->speed_ok || l->vspeed_ok || l->pos_ok);
	assert_true(l->alt_baro_ok);
	near(l->alt_baro, -55);
	assert_false(l->alt_geo_ok);
	near(l->height, -0.5);
	assert_int_equal(l->acc_baro, 5);
	assert_int_equal(l->acc_ts, 1);
	str_is(S.m[2].u.self.text, S.m[2].u.self.len, "Drone ID demo");
	assert_int_equal(S.m[3].u.sys.eu_category, 1);
	assert_int_equal(S.m[3].u.sys.eu_class, 1);
	assert_false(S.m[3].u.sys.op_pos_ok);
	str_is(S.m[4].u.op.id, S.m[4].u.op.id_len, "FIN87astrdge12kxyz8");
}

/* mavic_alessa_spoofed.pcapng, frame 1: the DJI vendor IE body after
 * OUI 26:37:12 (58 62 13, subcommand 0x10, version 2 record). */
static const uint8_t DJI_SPOOF_F1[94 - 3] = {
	0x58, 0x62, 0x13, 0x10, 0x02, 0x4d, 0x06, 0x33, 0x1f, 0x4b, 0x36, 0x52,
	0x45, 0x30, 0x57, 0x45, 0x4e, 0x41, 0x48, 0x39, 0x50, 0x38, 0x51, 0x41,
	0x4c, 0x01, 0x9f, 0x22, 0x00, 0x3c, 0xf5, 0x1f, 0x00, 0x37, 0x00, 0x64,
	0x00, 0x34, 0x08, 0x3c, 0x0f, 0x84, 0x03, 0xbc, 0xd0, 0x3f, 0x3c, 0xa0,
	0x5b, 0x00, 0x00, 0x00, 0x00, 0x18, 0x23, 0x95, 0x00, 0x17, 0x84, 0x72,
	0x00, 0x17, 0x84, 0x72, 0x00, 0x18, 0x23, 0x95, 0x00, 0x58, 0x06, 0x00,
	0x61, 0x6c, 0x65, 0x73, 0x73, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void
check_spoof(const struct dji_msg *m)
{
	assert_int_equal(m->sub, 0x10);
	assert_int_equal(m->version, 2);
	assert_int_equal(m->seq, 0x064d);
	assert_int_equal(m->state, 0x1f33);
	str_is(m->serial, m->serial_len, "K6RE0WENAH9P8QAL");
	assert_true(m->pos_ok);
	/* 2094396 and 2268929 radians x 1e7 */
	near(m->lat, 2094396 * 180.0 / (3.14159265358979323846 * 1e7));
	near(m->lon, 2268929 * 180.0 / (3.14159265358979323846 * 1e7));
	near(m->lat, 12.0000051429);
	near(m->lon, 13.0000055715);
	near(m->alt, 55);
	near(m->height, 10);
	near(m->v_north, 21);
	near(m->v_east, 39);
	near(m->v_up, 9);
	assert_false(m->att_ok);
	near(m->yaw, 239); /* -121.00 */
	assert_int_equal(m->app_time_ms, 1537227839);
	assert_true(m->app_ok);
	near(m->app_lat, 56.0000240002);
	near(m->app_lon, 43.0000184288);
	assert_true(m->home_ok);
	near(m->home_lat, 56.0000240002);
	near(m->home_lon, 43.0000184288);
	assert_int_equal(m->product, 88);
	assert_null(m->product_name);
	/* uuid_len 6, but the spoofer wrote that length as 16 bits: the
	 * field starts with its high byte, a NUL. */
	assert_int_equal(m->uuid_len, 0);
}

static void
test_dji_v2_sample(void **state)
{
	struct dji_msg m;
	uint8_t frame[1 + 1 + sizeof DJI_SPOOF_F1 - 4 + 2];
	size_t rec = sizeof DJI_SPOOF_F1 - 4;

	(void)state;
	assert_int_equal(dji_run(DJI_SPOOF_F1, sizeof DJI_SPOOF_F1, &m),
	    DEC_OK);
	check_spoof(&m);
	assert_int_equal(ST.n[STAT_DJIID_MSGS], 1);

	/* The OcuSync framing: length, subcommand, record, CRC-16. */
	frame[0] = (uint8_t)(sizeof frame - 1);
	frame[1] = 0x10;
	memcpy(frame + 2, DJI_SPOOF_F1 + 4, rec);
	frame[2 + rec] = 0xAB;
	frame[3 + rec] = 0xCD;
	memset(&ST, 0, sizeof ST);
	assert_int_equal(djiid_record(cur_make(frame + 2, sizeof frame - 2),
	    frame[1], &m, &ST), DEC_OK);
	check_spoof(&m);
}

/* A version 1 record, crafted. */
static size_t
make_v1(uint8_t *b)
{
	static const uint8_t head[4] = { 0x58, 0x62, 0x13, 0x10 };
	uint8_t *r = b + 4;

	memset(b, 0, 4 + 75);
	memcpy(b, head, 4);
	r[0] = 1;
	put16(r + 1, 77);
	put16(r + 3, 0x0F3F);
	memcpy(r + 5, "08QDE2R00A0123", 14);
	put32(r + 21, (uint32_t)-6577028);  /* lon -37.68... deg */
	put32(r + 25, (uint32_t)8726646);   /* lat 50 deg */
	put16(r + 29, (uint16_t)-12);       /* altitude -12 m */
	put16(r + 31, 1234);                /* 123.4 m */
	put16(r + 33, (uint16_t)-250);      /* -2.5 m/s */
	put16(r + 35, 1000);
	put16(r + 37, 5);
	put16(r + 39, (uint16_t)-1050);     /* pitch -10.5 */
	put16(r + 41, 300);                 /* roll 3 */
	put16(r + 43, (uint16_t)-1);        /* yaw -0.01: 359.99 */
	put32(r + 45, (uint32_t)-6577028);
	put32(r + 49, (uint32_t)8726646);
	r[53] = 16;
	r[54] = 5;
	memcpy(r + 55, "UUID1ZZZ", 8);
	return 4 + 75;
}

static void
test_dji_v1(void **state)
{
	uint8_t b[4 + 75];
	size_t n = make_v1(b);
	struct dji_msg m;
	double deg = 180.0 / (3.14159265358979323846 * 1e7);

	(void)state;
	assert_int_equal(dji_run(b, n, &m), DEC_OK);
	assert_int_equal(m.version, 1);
	assert_int_equal(m.seq, 77);
	assert_int_equal(m.state, 0x0F3F);
	str_is(m.serial, m.serial_len, "08QDE2R00A0123");
	assert_true(m.pos_ok);
	near(m.lat, 8726646 * deg);
	near(m.lon, -6577028 * deg);
	near(m.alt, -12);
	near(m.height, 123.4);
	near(m.v_north, -2.5);
	near(m.v_east, 10);
	near(m.v_up, 0.05);
	assert_true(m.att_ok);
	near(m.pitch, -10.5);
	near(m.roll, 3);
	near(m.yaw, 359.99);
	assert_false(m.app_ok);
	near(m.app_lat + m.app_lon, 0);
	assert_int_equal(m.app_time_ms, 0);
	assert_true(m.home_ok);
	near(m.home_lat, 8726646 * deg);
	assert_int_equal(m.product, 16);
	assert_string_equal(m.product_name, "Mavic Pro");
	str_is(m.uuid, m.uuid_len, "UUID1");

	/* Every prefix short of the UUID's 5 bytes: no read beyond it,
	 * nothing usable. */
	for (size_t k = 0; k < n - 20 + 5; k++) {
		enum dec r = dji_run(b, k, &m);

		assert_int_equal(r, DEC_TRUNC);
		assert_int_equal(m.sub, 0);
		assert_int_equal(ST.n[STAT_DJIID_TRUNC], 1);
	}
	/* A UUID cut within its stated length is cut short too. */
	assert_int_equal(dji_run(b, n - 20 + 4, &m), DEC_TRUNC);
	assert_int_equal(dji_run(b, n - 20 + 5, &m), DEC_OK);
}

static void
test_dji_bounds(void **state)
{
	uint8_t b[4 + 87];
	struct dji_msg m;
	uint8_t *r = b + 4;
	static const struct {
		int32_t raw;
		bool ok;
	} lats[] = {
		{ 15707963, true },   /* 89.9999998 */
		{ -15707963, true },
		{ 15707964, false },  /* 90.0000004: beyond the pole */
		{ -15707964, false },
		{ INT32_MAX, false },
	};
	static const struct {
		int16_t raw;
		double deg;
	} yaws[] = {
		{ 0, 0 }, { -1, 359.99 }, { 18000, 180 }, { -18000, 180 },
		{ 32767, 327.67 }, { -32768, 32.32 }, { 27000, 270 },
	};

	(void)state;
	memcpy(b, DJI_SPOOF_F1, sizeof b);
	for (size_t i = 0; i < sizeof lats / sizeof lats[0]; i++) {
		put32(r + 25, (uint32_t)lats[i].raw);
		put32(r + 21, 0);
		assert_int_equal(dji_run(b, sizeof b, &m),
		    lats[i].ok ? DEC_OK : DEC_MALFORMED);
		assert_int_equal(m.pos_ok, lats[i].ok);
		if (lats[i].ok)
			near(m.lat, lats[i].raw * 180.0 /
			    (3.14159265358979323846 * 1e7));
		else
			near(m.lat + m.lon, 0);
		assert_int_equal(ST.n[STAT_DJIID_MALFORMED], !lats[i].ok);
		assert_true(m.home_ok); /* the rest stands */
	}
	put32(r + 25, 0);
	put32(r + 21, 31415926);  /* 179.9999997 */
	assert_int_equal(dji_run(b, sizeof b, &m), DEC_OK);
	assert_true(m.pos_ok);
	near(m.lat, 0);
	put32(r + 21, (uint32_t)-31415927); /* beyond 180 W */
	assert_int_equal(dji_run(b, sizeof b, &m), DEC_MALFORMED);
	assert_false(m.pos_ok);
	put32(r + 21, 0);
	assert_int_equal(dji_run(b, sizeof b, &m), DEC_OK);
	assert_false(m.pos_ok); /* 0, 0: unknown */
	/* app position zero, home beyond the pole */
	put32(r + 49, 0);
	put32(r + 53, 0);
	put32(r + 61, 20000000);
	assert_int_equal(dji_run(b, sizeof b, &m), DEC_MALFORMED);
	assert_false(m.app_ok || m.home_ok);
	near(m.app_lat + m.app_lon + m.home_lat + m.home_lon, 0);
	memcpy(b, DJI_SPOOF_F1, sizeof b);
	for (size_t i = 0; i < sizeof yaws / sizeof yaws[0]; i++) {
		put16(r + 39, (uint16_t)yaws[i].raw);
		assert_int_equal(dji_run(b, sizeof b, &m), DEC_OK);
		near(m.yaw, yaws[i].deg);
		assert_true(m.yaw >= 0 && m.yaw < 360);
	}
	/* UUID length beyond its 20-byte field: capped, counted. */
	r[66] = 21;
	memset(r + 67, 'U', 20);
	assert_int_equal(dji_run(b, sizeof b, &m), DEC_MALFORMED);
	assert_int_equal(m.uuid_len, 20);
	/* Product table. */
	assert_string_equal(djiid_product(58), "Mavic Air 2");
	assert_string_equal(djiid_product(70), "Mini SE");
	assert_string_equal(djiid_product(3), "Phantom 3 Series Pro");
	assert_null(djiid_product(0));
	assert_null(djiid_product(13));
	assert_null(djiid_product(71));
	assert_null(djiid_product(255));
}

static void
test_dji_errors(void **state)
{
	uint8_t b[sizeof DJI_SPOOF_F1];
	struct dji_msg m;

	(void)state;
	memcpy(b, DJI_SPOOF_F1, sizeof b);
	b[1] = 0x63;
	assert_int_equal(dji_run(b, sizeof b, &m), DEC_MALFORMED);
	assert_int_equal(m.sub, 0);
	assert_int_equal(ST.n[STAT_DJIID_MALFORMED], 1);
	assert_int_equal(ST.n[STAT_DJIID_MSGS], 0);
	memcpy(b, DJI_SPOOF_F1, sizeof b);
	b[3] = 0x12;
	assert_int_equal(dji_run(b, sizeof b, &m), DEC_UNSUPPORTED);
	assert_int_equal(ST.n[STAT_DJIID_UNSUPPORTED], 1);
	b[3] = 0x10;
	b[4] = 3;
	assert_int_equal(dji_run(b, sizeof b, &m), DEC_UNSUPPORTED);
	assert_int_equal(m.sub, 0);
	b[4] = 0;
	assert_int_equal(dji_run(b, sizeof b, &m), DEC_UNSUPPORTED);
	/* Every prefix of the real sample: cut short until the 6 UUID
	 * bytes its length states are there. */
	for (size_t k = 0; k < 4 + 87; k++) {
		bool whole = k >= 4 + 67 + 6;

		assert_int_equal(dji_run(DJI_SPOOF_F1, k, &m),
		    whole ? DEC_OK : DEC_TRUNC);
		assert_int_equal(m.sub, whole ? 0x10 : 0);
	}
	assert_int_equal(dji_run(DJI_SPOOF_F1, 4 + 87, &m), DEC_OK);
}

static void
test_dji_purpose(void **state)
{
	uint8_t b[4 + 16 + 1 + 10 + 1 + 40];
	struct dji_msg m;
	size_t n;

	(void)state;
	memset(b, 0, sizeof b);
	memcpy(b, "\x58\x62\x13\x11", 4);
	memcpy(b + 4, "1WKDE8S00A0042", 14);
	b[20] = 8;
	memcpy(b + 21, "DRONE-07XX", 10); /* only 8 of 10 are the ID */
	b[31] = 12;
	memcpy(b + 32, "survey field and more", 21);
	n = 32 + 21;
	assert_int_equal(dji_run(b, n, &m), DEC_OK);
	assert_int_equal(m.sub, 0x11);
	str_is(m.serial, m.serial_len, "1WKDE8S00A0042");
	str_is(m.drone_id, m.drone_id_len, "DRONE-07");
	str_is(m.purpose, m.purpose_len, "survey field");
	assert_false(m.pos_ok);
	/* A purpose length beyond the record: what is there (DJI's own
	 * frames do this, as Kismet notes). */
	b[31] = 200;
	assert_int_equal(dji_run(b, n, &m), DEC_OK);
	str_is(m.purpose, m.purpose_len, "survey field and more");
	assert_int_equal(dji_run(b, 32, &m), DEC_OK);
	assert_int_equal(m.purpose_len, 0);
	/* Drone ID length beyond its 10-byte field. */
	b[20] = 11;
	assert_int_equal(dji_run(b, n, &m), DEC_MALFORMED);
	str_is(m.drone_id, m.drone_id_len, "DRONE-07XX");
	/* Cut before the purpose length. */
	for (size_t k = 4; k < 32; k++) {
		assert_int_equal(dji_run(b, k, &m), DEC_TRUNC);
		assert_int_equal(m.sub, 0);
	}
	/* Through djiid_record, as OcuSync carries it. */
	memset(&ST, 0, sizeof ST);
	b[20] = 8;
	assert_int_equal(djiid_record(cur_make(b + 4, n - 4), 0x11, &m, &ST),
	    DEC_OK);
	str_is(m.drone_id, m.drone_id_len, "DRONE-07");
	assert_int_equal(djiid_record(cur_make(b + 4, n - 4), 0x20, &m, &ST),
	    DEC_UNSUPPORTED);
	{
		uint8_t big[4 + 28 + 255];

		memset(big, 'p', sizeof big);
		memcpy(big, b, 32);
		big[31] = 255;
		assert_int_equal(dji_run(big, sizeof big, &m), DEC_OK);
		assert_int_equal(m.purpose_len, DJI_PURPOSE_LEN);
	}
}

static void
test_cta2063(void **state)
{
	char why[64];
	static const char *const good[] = {
		"1581F6N8A23B2ML3Y3KR", /* ../shared/docs/droneid.md */
		"1588E040445AC004418",  /* Parrot Anafi (corpus) */
		"MFG1A0123456789",      /* odid_wifi_bcn_sample.pcap */
		"ABCD1Z", "0000F123456789ABCDEF",
	};
	static const struct {
		const char *s, *why;
	} bad[] = {
		{ "", "too short" },
		{ "1581", "too short" },
		{ "15811", "too short" },
		{ "158O1X", "bad manufacturer code" },
		{ "158i1X", "bad manufacturer code" },
		{ "158101", "bad length character" },
		{ "1581G1", "bad length character" },
		{ "1581a1", "bad length character" },
		{ "15812X", "length says 2, serial has 1" },
		{ "15811XY", "length says 1, serial has 2" },
		{ "15813XIZ", "bad character in serial" },
		{ "15813XOZ", "bad character in serial" },
		{ "15813x0Z", "bad character in serial" },
		{ "15813X Z", "bad character in serial" },
		{ "SSEVTFG93700070", "bad length character" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		strcpy(why, "unchanged");
		assert_true(cta2063_valid((const uint8_t *)good[i],
		    strlen(good[i]), why, sizeof why));
		assert_string_equal(why, "");
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(cta2063_valid((const uint8_t *)bad[i].s,
		    strlen(bad[i].s), why, sizeof why));
		assert_string_equal(why, bad[i].why);
		assert_false(cta2063_valid((const uint8_t *)bad[i].s,
		    strlen(bad[i].s), NULL, 0));
	}
	/* A NUL inside is a bad character; a small why is cut. */
	assert_false(cta2063_valid((const uint8_t *)"15812X\0", 7, why, 4));
	assert_string_equal(why, "bad");
	assert_false(cta2063_valid(NULL, 0, why, sizeof why));

	assert_string_equal(cta2063_maker((const uint8_t *)"1581F6N8A", 9),
	    "DJI");
	assert_string_equal(cta2063_maker((const uint8_t *)"1588E0", 6),
	    "Parrot");
	assert_string_equal(cta2063_maker((const uint8_t *)"1596", 4),
	    "Dronetag");
	assert_null(cta2063_maker((const uint8_t *)"158", 3));
	assert_null(cta2063_maker((const uint8_t *)"MFG1A0", 6));
	assert_null(cta2063_maker(NULL, 0));
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
		cmocka_unit_test(test_corpus_bcn),
		cmocka_unit_test(test_corpus_parrot),
		cmocka_unit_test(test_corpus_bt5),
		cmocka_unit_test(test_dji_v2_sample),
		cmocka_unit_test(test_dji_v1),
		cmocka_unit_test(test_dji_bounds),
		cmocka_unit_test(test_dji_errors),
		cmocka_unit_test(test_dji_purpose),
		cmocka_unit_test(test_cta2063),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
