/* SPDX-License-Identifier: MIT */
/* test_air.c - the airspace behind the decoders: zones and their file,
 * tracks (deduplicated, thinned at the cap), the spoof checks on DJI
 * records fed directly (implied speed, two places, operator distance,
 * round position, two radios, many IDs), zone alerts, eviction from a
 * full aircraft table, an aircraft's further IDs listed whole, binary
 * ASTM IDs (UUID, session ID) keyed, alerted on, listed and linked as
 * their whole text, the outlines of zones. Runs from the repository
 * root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <math.h>
#include <cmocka.h>

#include "core/air.h"
#include "core/alerts.h"
#include "core/limits.h"
#include "intel/zones.h"

/* ---- zones ---- */

static struct zones *
zones_text(const char *text, char *err, size_t errn)
{
	char path[] = "/tmp/vigie-zones-XXXXXX";
	int fd = mkstemp(path);
	struct zones *z;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	z = zones_load(path, err, errn);
	unlink(path);
	return z;
}

static void
geometry(void **state)
{
	char err[300];
	struct zones *z = zones_text("# test\n"
	    "hq circle 48.8566 2.3522 500 org=ministry\n"
	    "sq polygon 0,0 0,1 1,1 1,0\n"
	    "am polygon -1,179.5 -1,-179.5 1,-179.5 1,179.5\n"
	    "ring polygon 0,0 0,1 0,1 1,1 1,0 0,0\n", err, sizeof err);

	(void)state;
	assert_non_null(z);
	assert_int_equal(z->n, 4);
	/* A ring closed by repeating its first vertex, and a vertex given
	 * twice in a row: each kept once, the same square as sq. */
	assert_int_equal(z->z[3].nv, 4);
	assert_true(zones_distance(&z->z[3], 0.5, 0.5) == 0);
	assert_string_equal(z->z[0].org, "ministry");
	/* One degree of latitude is 111.195 km on the mean sphere. */
	assert_true(fabs(geo_metres(0, 0, 1, 0) - 111195.08) < 1);
	assert_true(zones_distance(&z->z[0], 48.8566, 2.3522) == 0);
	/* 1 km north of the centre: 500 m outside. */
	assert_true(fabs(zones_distance(&z->z[0], 48.8566 + 1000 / 111195.08,
	    2.3522) - 500) < 1);
	assert_true(zones_distance(&z->z[1], 0.5, 0.5) == 0);
	/* 0.1 degree east of the square's east edge at the equator. */
	assert_true(fabs(zones_distance(&z->z[1], 0.5, 1.1) - 11119.5) < 20);
	/* Across the antimeridian: both sides inside, the far side not. */
	assert_true(zones_distance(&z->z[2], 0, 179.9) == 0);
	assert_true(zones_distance(&z->z[2], 0, -179.9) == 0);
	assert_true(zones_distance(&z->z[2], 0, 179.0) > 50000);
	assert_true(zones_distance(&z->z[2], 0, 0) > 1e6);
	free(z);
}

/* The outline --geojson draws: a circle's points at its radius as
 * zones_distance() measures it, a polygon's vertices counter-clockwise,
 * longitudes unwrapped across the antimeridian; a ring round a pole
 * turns once, a circle round both poles holds the outside of its ring. */
static void
outlines(void **state)
{
	static const double cw_lat[] = { -10, -17, -17, -10 };
	static const double cw_lon[] = { 170, 170, 185, 185 };
	static const struct {
		int turns;
		bool outside;
	} want[] = { { 0, false }, { 1, false }, { -1, false }, { 1, false },
		{ -1, false }, { 0, true } };
	char err[300];
	struct zones *z = zones_text("dl circle -16.5 179.99 20000\n"
	    "n circle 89.9 0 50000\n"
	    "s circle -89.9 179.99 50000\n"
	    "np circle 90 0 1000\n"
	    "sp circle -90 0 1000\n"
	    "both circle 0 0 15000000\n"
	    "cw polygon -10,170 -10,-175 -17,-175 -17,170\n", err, sizeof err);
	struct zone_ring r;

	(void)state;
	assert_non_null(z);
	for (unsigned k = 0; k < 6; k++) {
		const struct zone *c = &z->z[k];

		zones_ring(c, &r);
		assert_int_equal(r.n, ZONE_CIRCLE_POINTS);
		assert_int_equal(r.turns, want[k].turns);
		assert_true(r.outside == want[k].outside);
		for (unsigned i = 0; i < r.n; i++) {
			double d = geo_metres(c->lat, c->lon, r.lat[i],
			    r.lon[i]);

			assert_true(fabs(d - c->radius) < 1e-6 * c->radius);
			assert_true(zones_distance(c, r.lat[i], r.lon[i]) <
			    1e-6 * c->radius);
			if (i > 0)
				assert_true(fabs(r.lon[i] - r.lon[i - 1]) <=
				    180);
		}
	}
	/* The circle at 179.99 goes on east of 180, not to -179.99. */
	zones_ring(&z->z[0], &r);
	for (unsigned i = 0; i < r.n; i++)
		assert_true(r.lon[i] > 179.5 && r.lon[i] < 180.5);
	/* Given clockwise: from the first vertex the other way round. */
	zones_ring(&z->z[6], &r);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.turns, 0);
	for (unsigned i = 0; i < 4; i++) {
		assert_true(r.lat[i] == cw_lat[i]);
		assert_true(r.lon[i] == cw_lon[i]);
	}
	free(z);
}

static void
file_errors(void **state)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "a circle 91 0 10\n", ":1: circle needs" },
		{ "a circle 0 0 0\n", ":1: circle needs" },
		{ "a circle 0 0\n", ":1: circle needs" },
		{ "a square 0 0 1\n", ":1: unknown shape 'square'" },
		{ "a polygon 0,0 1,1\n", ":1: polygon needs 3" },
		{ "a polygon 0,0 1,1 1,x\n", ":1: polygon vertex 3" },
		{ "arctic polygon 80,0 80,90 80,180 80,-90\n",
		    ":1: polygon goes round a pole" },
		{ "antarctic polygon -70,-170 -70,-10 -70,150\n",
		    ":1: polygon goes round a pole" },
		{ "dup polygon 0,0 0,0 1,1 1,1 0,0\n",
		    ":1: polygon needs 3 different vertices" },
		/* Corners listed across: a bow tie. */
		{ "tie polygon 0,0 1,1 0,1 1,0\n",
		    ":1: polygon edges 1 and 3 meet" },
		/* A vertex on a far edge (touching, not crossing); a bow
		 * tie across the antimeridian. */
		{ "spike polygon 0,0 0,2 2,2 0,1 2,0\n",
		    ":1: polygon edges 1 and 3 meet" },
		{ "dateline polygon 0,179 1,-179 0,-179 1,179\n",
		    ":1: polygon edges 1 and 3 meet" },
		{ "# c\nok circle 0 0 1\nok circle 1 1 1\n",
		    ":3: zone 'ok' defined twice" },
		{ "bad<name circle 0 0 1\n", ":1: zone name must be" },
		{ "a circle 0 0 1 org=\n", ":1: org= needs" },
		{ "a circle 0 0 1 org=x\x1b[2Jy\n", ":1: org= needs" },
		{ "x\n", ":1: expected NAME" },
	};
	char err[300];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct zones *z = zones_text(bad[i].text, err, sizeof err);

		assert_null(z);
		if (strstr(err, bad[i].want) == NULL)
			fail_msg("'%s': got '%s'", bad[i].text, err);
	}
	assert_null(zones_load("/nonexistent/zones", err, sizeof err));
	assert_non_null(strstr(err, "/nonexistent/zones"));
}

/* ---- the airspace, fed DJI records ---- */

#define GOT_DRONES 8

struct got {
	unsigned drones, positions, evicted;
	char last_id[64];
	char last_ids[256];
	char id[GOT_DRONES][64]; /* the first drones' id and linked */
	char linked[GOT_DRONES][64];
	uint64_t last_positions;
	struct alert al[64];
	unsigned nal;
};

/* A string field as a C string ("" unset); its bytes as given, so a NUL
 * among them shows as the end of the text. */
static void
val_text(char *buf, size_t n, const struct val *v)
{
	snprintf(buf, n, "%.*s", v->set ? (int)v->u.s.len : 0,
	    v->set ? v->u.s.p : "");
}

static void
on_rec(void *ctx, const struct record *r)
{
	struct got *g = ctx;

	if (r->s == &schema_drone) {
		val_text(g->last_id, sizeof g->last_id, &r->v[F_DRONE_id]);
		val_text(g->last_ids, sizeof g->last_ids, &r->v[F_DRONE_ids]);
		if (g->drones < GOT_DRONES) {
			memcpy(g->id[g->drones], g->last_id, sizeof g->id[0]);
			val_text(g->linked[g->drones], sizeof g->linked[0],
			    &r->v[F_DRONE_linked]);
		}
		g->drones++;
		g->last_positions = r->v[F_DRONE_positions].u.u;
		if (r->v[F_DRONE_evicted].u.b)
			g->evicted++;
	} else if (r->s == &schema_drone_pos) {
		g->positions++;
	}
}

static void
on_alert(void *ctx, const struct alert *a)
{
	struct got *g = ctx;

	if (g->nal < 64)
		g->al[g->nal++] = *a;
}

/* Count of alerts of rule (folded) and the first one's device. */
static unsigned
alerts_of(const struct got *g, const char *rule, const char **device)
{
	unsigned n = 0;

	for (unsigned i = 0; i < g->nal; i++)
		if (strcmp(g->al[i].rule->id, rule) == 0) {
			if (n++ == 0 && device)
				*device = g->al[i].device;
		}
	return n;
}

struct rig {
	struct stats st;
	struct alerts *al;
	struct air *air;
	struct got got;
};

static void
rig_up(struct rig *r, const struct zones *z)
{
	memset(r, 0, sizeof *r);
	r->al = alerts_new(4096, &r->st);
	assert_non_null(r->al);
	struct air_cfg cfg = { NULL, z, on_rec, &r->got };
	r->air = air_new(&cfg, r->al, &r->st);
	assert_non_null(r->air);
}

static void
rig_down(struct rig *r)
{
	air_finish(r->air);
	alerts_each(r->al, on_alert, &r->got);
}

static void
rig_free(struct rig *r)
{
	air_free(r->air);
	alerts_free(r->al);
}

/* One DJI telemetry record from transmitter mac at t seconds. */
static void
dji(struct rig *r, uint8_t mac, const char *serial, double t, double lat,
    double lon, double app_lat, double app_lon)
{
	struct radio rd = { 0 };
	struct dji_msg m = { 0 };

	rd.ts_us = (uint64_t)(1.7e15 + t * 1e6);
	memcpy(rd.tx, (uint8_t[6]){ 0x02, 0, 0, 0, 0, mac }, 6);
	rd.has_tx = true;
	rd.carrier = AIR_WIFI_BEACON;
	rd.freq_mhz = 2437;
	m.sub = 0x10;
	m.version = 2;
	m.serial_len = (uint8_t)strlen(serial);
	memcpy(m.serial, serial, m.serial_len);
	m.pos_ok = true;
	m.lat = lat;
	m.lon = lon;
	m.height = 50;
	if (app_lat != 0) {
		m.app_ok = true;
		m.app_lat = app_lat;
		m.app_lon = app_lon;
	}
	m.product = 58;
	air_dji(r->air, &rd, &m);
}

static void
honest_flight(void **state)
{
	struct rig r;

	(void)state;
	rig_up(&r, NULL);
	/* 10 m/s north for 60 s, operator 200 m away, repeated frames. */
	for (int i = 0; i < 600; i++)
		dji(&r, 1, "1WKDE5R0030P01", i * 0.1, 48.85 + (i / 10) *
		    10 / 111195.08, 2.35, 48.85, 2.3473);
	rig_down(&r);
	assert_int_equal(r.got.drones, 1);
	assert_string_equal(r.got.last_id, "1WKDE5R0030P01");
	/* one point per second of distinct position */
	assert_int_equal(r.got.last_positions, 60);
	assert_int_equal(r.got.positions, 60);
	assert_int_equal(r.got.nal, 0);
	rig_free(&r);
}

static void
spoofs(void **state)
{
	struct rig r;
	const char *dev = NULL;

	(void)state;
	rig_up(&r, NULL);
	/* teleport: 5 km in 1 s, and back */
	dji(&r, 1, "TELEPORT000001", 0, 48.85, 2.35, 0, 0);
	dji(&r, 1, "TELEPORT000001", 1, 48.85 + 5000 / 111195.08, 2.35, 0, 0);
	dji(&r, 1, "TELEPORT000001", 2, 48.85, 2.35, 0, 0);
	/* two places within 0.1 s */
	dji(&r, 2, "TWOPLACES00001", 10, 48.0, 2.5, 0, 0);
	dji(&r, 2, "TWOPLACES00001", 10.1, 48.1, 2.5, 0, 0);
	/* operator 40 km away */
	dji(&r, 3, "FAROPERATOR001", 20, 48.5, 2.5, 48.5 + 40000 / 111195.08,
	    2.5);
	/* round numbers, like the public spoofers */
	dji(&r, 4, "ROUND000000001", 30, 12.0, 13.0, 0, 0);
	/* one serial from two transmitters, interleaved */
	for (int i = 0; i < 6; i++)
		dji(&r, (uint8_t)(5 + i % 2), "TWORADIOS00001", 40 + i * 0.3,
		    47.1, 8.7, 0, 0);
	/* many serials from one transmitter */
	for (int i = 0; i < 6; i++) {
		char s[20];
		snprintf(s, sizeof s, "MANYIDS0000%03d", i);
		dji(&r, 9, s, 50 + i, 47.2 + i * 0.001, 8.7, 0, 0);
	}
	rig_down(&r);
	assert_int_equal(alerts_of(&r.got, "drone.implied-speed", &dev), 1);
	assert_string_equal(dev, "drone:TELEPORT000001");
	assert_int_equal(r.got.al[0].count, 2); /* there and back */
	assert_int_equal(alerts_of(&r.got, "drone.two-places", &dev), 1);
	assert_string_equal(dev, "drone:TWOPLACES00001");
	assert_int_equal(alerts_of(&r.got, "drone.operator-distance", &dev), 1);
	assert_string_equal(dev, "drone:FAROPERATOR001");
	assert_int_equal(alerts_of(&r.got, "drone.round-position", &dev), 1);
	assert_string_equal(dev, "drone:ROUND000000001");
	assert_int_equal(alerts_of(&r.got, "drone.two-radios", &dev), 1);
	assert_string_equal(dev, "drone:TWORADIOS00001");
	assert_int_equal(alerts_of(&r.got, "drone.many-ids", &dev), 1);
	assert_string_equal(dev, "mac:02:00:00:00:00:09");
	assert_int_equal(r.got.drones, 5 + 6);
	rig_free(&r);
}

static void
zone_alerts(void **state)
{
	char err[200];
	struct zones *z = zones_text("hq circle 48.8566 2.3522 500\n"
	    "far circle 10 10 100\n", err, sizeof err);
	struct rig r;
	const char *dev = NULL;

	(void)state;
	assert_non_null(z);
	rig_up(&r, z);
	/* crosses the circle north to south, operator inside it */
	for (int i = 0; i <= 20; i++)
		dji(&r, 1, "ZONE0000000001", i, 48.8566 + ((10 - i) * 100 +
		    50) / 111195.08, 2.3522, 48.8560, 2.3522);
	rig_down(&r);
	assert_int_equal(alerts_of(&r.got, "zone.drone-inside", &dev), 1);
	assert_string_equal(dev, "drone:ZONE0000000001");
	assert_int_equal(alerts_of(&r.got, "zone.operator-inside", NULL), 1);
	for (unsigned i = 0; i < r.got.nal; i++)
		if (strcmp(r.got.al[i].rule->id, "zone.drone-inside") == 0) {
			assert_string_equal(r.got.al[i].ref, "hq");
			/* 10 of the 21 points are within 500 m (450 m
			 * north to 450 m south) */
			if (strstr(r.got.al[i].evidence, "10 positions "
			    "inside; closest approach 50 m from its "
			    "centre") == NULL)
				fail_msg("%s", r.got.al[i].evidence);
		}
	rig_free(&r);
	free(z);
}

static void
track_cap(void **state)
{
	struct rig r;

	(void)state;
	rig_up(&r, NULL);
	/* a long flight: every second a new point, 3 x the cap */
	for (unsigned i = 0; i < 3 * AIR_TRACK_MAX; i++)
		dji(&r, 1, "LONGFLIGHT0001", i, 40.3 + i * 1e-5, 3.3, 0, 0);
	rig_down(&r);
	assert_int_equal(r.got.drones, 1);
	assert_true(r.got.last_positions <= AIR_TRACK_MAX);
	assert_true(r.got.last_positions >= AIR_TRACK_MAX / 2);
	assert_true(r.st.n[STAT_AIR_TRACK_THINNED] >= 2);
	assert_int_equal(r.got.nal, 0);
	rig_free(&r);
}

static void
eviction(void **state)
{
	struct rig r;

	(void)state;
	rig_up(&r, NULL);
	for (unsigned i = 0; i < AIR_MAX_AIRCRAFT + 10; i++) {
		char s[20];
		snprintf(s, sizeof s, "EVICT%09u", i);
		/* a transmitter each, so no many-ids */
		struct radio rd = { 0 };
		struct dji_msg m = { 0 };
		rd.ts_us = 1000000u * (i + 1);
		rd.has_tx = true;
		rd.tx[0] = 2;
		rd.tx[4] = (uint8_t)(i >> 8);
		rd.tx[5] = (uint8_t)i;
		rd.carrier = AIR_WIFI_BEACON;
		m.sub = 0x10;
		m.serial_len = (uint8_t)strlen(s);
		memcpy(m.serial, s, m.serial_len);
		m.pos_ok = true;
		m.lat = 45 + i * 1e-4;
		m.lon = 5;
		air_dji(r.air, &rd, &m);
	}
	rig_down(&r);
	assert_int_equal(r.got.drones, AIR_MAX_AIRCRAFT + 10);
	assert_int_equal(r.got.evicted, 10);
	assert_int_equal(r.st.n[STAT_AIR_AIRCRAFT_EVICTED], 10);
	assert_int_equal(air_count(r.air), AIR_MAX_AIRCRAFT + 10);
	rig_free(&r);
}

/* An 802.11 beacon (DLT 105) from transmitter 02:..:01 at t seconds
 * carrying one ASTM message m (ODID_MSG_LEN bytes). */
static void
astm_msg(struct rig *r, double t, const uint8_t *m)
{
	uint8_t f[128] = { 0x80, 0x00 }, *p = f + 4;
	static const uint8_t ta[6] = { 0x02, 0, 0, 0, 0, 1 };

	memset(p, 0xff, 6);
	memcpy(p + 6, ta, 6);
	memcpy(p + 12, ta, 6);
	p = f + 24 + 12; /* sequence, then timestamp, interval, capability */
	*p++ = 0, *p++ = 1, *p++ = 'x'; /* SSID */
	*p++ = 221, *p++ = 4 + 1 + 25; /* vendor: OUI FA:0B:BC type 0x0D */
	*p++ = 0xfa, *p++ = 0x0b, *p++ = 0xbc, *p++ = 0x0d;
	*p++ = 7;                      /* message counter */
	memcpy(p, m, ODID_MSG_LEN);
	p += ODID_MSG_LEN;
	air_frame(r->air, 105, (uint64_t)(1.7e15 + t * 1e6), f,
	    (size_t)(p - f));
}

/* A Basic ID message of id_type whose UAS ID field holds the n bytes at
 * id (at most 20; the rest NUL padding), UA type rotorcraft. */
static void
astm_id(struct rig *r, double t, unsigned id_type, const void *id, size_t n)
{
	uint8_t m[ODID_MSG_LEN] = { 0x02 }; /* Basic ID, version 2 */

	m[1] = (uint8_t)(id_type << 4 | 2);
	memcpy(m + 2, id, n);
	astm_msg(r, t, m);
}

/* The same with a text ID. */
static void
astm_basic(struct rig *r, double t, unsigned id_type, const char *id)
{
	astm_id(r, t, id_type, id, strlen(id));
}

/* A Location message at lat, lon (degrees); nothing else known. */
static void
astm_loc(struct rig *r, double t, double lat, double lon)
{
	uint8_t m[ODID_MSG_LEN] = { 0x12, 0x03, 181, 255, 126 };
	uint32_t la = (uint32_t)(int32_t)lround(lat * 1e7);
	uint32_t lo = (uint32_t)(int32_t)lround(lon * 1e7);

	/* direction 361 and speed 255 (E/W bit and multiplier set),
	 * vertical speed 126, timestamp 0xFFFF: unknown */
	for (unsigned i = 0; i < 4; i++) {
		m[5 + i] = (uint8_t)(la >> (8 * i));
		m[9 + i] = (uint8_t)(lo >> (8 * i));
	}
	m[21] = m[22] = 0xFF;
	astm_msg(r, t, m);
}

/* A CAA registration of the full 20 bytes is listed whole beside the
 * serial that names the aircraft. */
static void
more_ids_whole(void **state)
{
	struct rig r;

	(void)state;
	rig_up(&r, NULL);
	astm_basic(&r, 0, 1, "1596D0DEPT0CRSS00001");
	astm_basic(&r, 1, 2, "GBR-OP-ABCDEFGHIJKLM");
	rig_down(&r);
	assert_int_equal(r.got.drones, 1);
	assert_string_equal(r.got.last_id, "1596D0DEPT0CRSS00001");
	assert_non_null(strstr(r.got.last_ids,
	    "caa-registration:GBR-OP-ABCDEFGHIJKLM"));
	rig_free(&r);
}

/* ---- binary ASTM IDs (UTM UUID, session ID) as text ---- */

/* Two UUIDs alike up to their first 0x00 byte and beyond it but for
 * the last byte. */
static const uint8_t uuid_a[16] = { 0x12, 0x34, 0, 0, 0xab, 0xcd, 0x40, 0,
	0x80, 0, 0, 0x01, 0xde, 0xad, 0, 0xef };
static const uint8_t uuid_b[16] = { 0x12, 0x34, 0, 0, 0xab, 0xcd, 0x40, 0,
	0x80, 0, 0, 0x01, 0xde, 0xad, 0, 0xee };
#define UUID_A "12340000-abcd-4000-8000-0001dead00ef"
#define UUID_B "12340000-abcd-4000-8000-0001dead00ee"
/* A session ID: type byte 1, then an ID with NULs inside. */
static const uint8_t session[7] = { 0x01, 'A', 0, 'B', 0, 0, 0x07 };
#define SESSION "01410042000007"

/* Alerts of rule about device. */
static unsigned
alerts_on(const struct got *g, const char *rule, const char *device)
{
	unsigned n = 0;

	for (unsigned i = 0; i < g->nal; i++)
		if (strcmp(g->al[i].rule->id, rule) == 0 &&
		    strcmp(g->al[i].device, device) == 0)
			n++;
	return n;
}

/* An aircraft named by a binary ID is keyed and alerted on by its whole
 * text, 0x00 bytes and all. */
static void
binary_id_key(void **state)
{
	static const struct {
		unsigned type;
		const uint8_t *id;
		size_t n;
		const char *want;
	} c[] = {
		{ 3, uuid_a, sizeof uuid_a, UUID_A },
		{ 4, session, sizeof session, SESSION },
	};
	char dev[64];
	struct rig r;

	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		rig_up(&r, NULL);
		astm_id(&r, 0, c[i].type, c[i].id, c[i].n);
		astm_loc(&r, 0.1, 12.0, 13.0); /* a round position */
		rig_down(&r);
		assert_int_equal(r.got.drones, 1);
		assert_string_equal(r.got.last_id, c[i].want);
		snprintf(dev, sizeof dev, "drone:%s", c[i].want);
		assert_int_equal(alerts_on(&r.got, "drone.round-position",
		    dev), 1);
		rig_free(&r);
	}
}

/* Two UUIDs that differ only after a 0x00 byte are two aircraft, with
 * an alert each. */
static void
binary_ids_apart(void **state)
{
	struct rig r;

	(void)state;
	rig_up(&r, NULL);
	astm_id(&r, 0, 3, uuid_a, sizeof uuid_a);
	astm_loc(&r, 0.1, 12.0, 13.0);
	astm_id(&r, 1, 3, uuid_b, sizeof uuid_b);
	astm_loc(&r, 1.1, 14.0, 15.0);
	rig_down(&r);
	assert_int_equal(r.got.drones, 2);
	assert_string_equal(r.got.id[0], UUID_A);
	assert_string_equal(r.got.id[1], UUID_B);
	assert_int_equal(alerts_of(&r.got, "drone.round-position", NULL), 2);
	assert_int_equal(alerts_on(&r.got, "drone.round-position",
	    "drone:" UUID_A), 1);
	assert_int_equal(alerts_on(&r.got, "drone.round-position",
	    "drone:" UUID_B), 1);
	rig_free(&r);
}

/* Binary IDs beside the serial that names the aircraft are listed whole
 * and apart. */
static void
binary_more_ids(void **state)
{
	struct rig r;

	(void)state;
	rig_up(&r, NULL);
	astm_basic(&r, 0, 1, "1596D0DEPT0CRSS00001");
	astm_id(&r, 1, 3, uuid_a, sizeof uuid_a);
	astm_id(&r, 2, 3, uuid_b, sizeof uuid_b);
	astm_id(&r, 3, 4, session, sizeof session);
	rig_down(&r);
	assert_int_equal(r.got.drones, 1);
	assert_string_equal(r.got.last_id, "1596D0DEPT0CRSS00001");
	assert_string_equal(r.got.last_ids, "utm-uuid:" UUID_A ",utm-uuid:"
	    UUID_B ",session-id:" SESSION);
	rig_free(&r);
}

/* The DJI aircraft of a transmitter that also sends a UUID is linked to
 * the UUID's text. */
static void
binary_linked(void **state)
{
	struct rig r;

	(void)state;
	rig_up(&r, NULL);
	astm_id(&r, 0, 3, uuid_a, sizeof uuid_a);
	astm_loc(&r, 0.1, 48.85, 2.35);
	dji(&r, 1, "LINKED00000001", 0.5, 48.85, 2.35, 0, 0);
	rig_down(&r);
	assert_int_equal(r.got.drones, 2);
	assert_string_equal(r.got.id[0], UUID_A);
	assert_string_equal(r.got.linked[0], "LINKED00000001");
	assert_string_equal(r.got.id[1], "LINKED00000001");
	assert_string_equal(r.got.linked[1], UUID_A);
	rig_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(geometry),
		cmocka_unit_test(outlines),
		cmocka_unit_test(file_errors),
		cmocka_unit_test(honest_flight),
		cmocka_unit_test(spoofs),
		cmocka_unit_test(zone_alerts),
		cmocka_unit_test(track_cap),
		cmocka_unit_test(eviction),
		cmocka_unit_test(more_ids_whole),
		cmocka_unit_test(binary_id_key),
		cmocka_unit_test(binary_ids_apart),
		cmocka_unit_test(binary_more_ids),
		cmocka_unit_test(binary_linked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
