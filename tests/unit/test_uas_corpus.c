/* SPDX-License-Identifier: MIT */
/* test_uas_corpus.c - ASTM F3411 Remote ID (odid.c) on real payloads cut
 * from the public captures in ../shared/corpus/drone/ (see
 * ../shared/corpus/SOURCES.md): odid_wifi_bcn_sample.pcap and
 * odid_bt5_lr_sample.pcapng (opendroneid/wireshark-dissector, Apache-
 * 2.0), parrot_anafi4_real.pcapng (cyber-defence-campus/
 * RemoteIDReceiver, MIT); and CTA-2063-A serials (cta2063.c): those
 * the captures carry, every fault, the manufacturer codes. */
#include "uas_util.h"

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
		cmocka_unit_test(test_corpus_bcn),
		cmocka_unit_test(test_corpus_parrot),
		cmocka_unit_test(test_corpus_bt5),
		cmocka_unit_test(test_cta2063),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
