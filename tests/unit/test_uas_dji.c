/* SPDX-License-Identifier: MIT */
/* test_uas_dji.c - DJI DroneID (djiid.c): a real version 2 record cut
 * from mavic_alessa_spoofed.pcapng in ../shared/corpus/drone/
 * (cyber-defence-campus/RemoteIDReceiver, MIT; see
 * ../shared/corpus/SOURCES.md), also in its OcuSync framing; crafted
 * version 1 records, coordinate and yaw bounds, errors, every
 * truncation, and the flight purpose record. */
#include "uas_util.h"

static enum dec
dji_run(const uint8_t *b, size_t n, struct dji_msg *m)
{
	uint8_t *copy = heap_copy(b, n);
	enum dec r = djiid_decode(cur_make(copy, n), m, &ST);

	free(copy);
	return r;
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dji_v2_sample),
		cmocka_unit_test(test_dji_v1),
		cmocka_unit_test(test_dji_bounds),
		cmocka_unit_test(test_dji_errors),
		cmocka_unit_test(test_dji_purpose),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
