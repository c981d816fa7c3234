/* SPDX-License-Identifier: MIT */
/* air_check.c - the checks that tell when a drone broadcast lies
 * (../shared/docs/droneid.md section 4, docs/events.md drone.* rules): implied
 * speed and two places at once, drone-operator distance, whole-degree
 * positions, DJI and ASTM disagreeing, serials that break CTA-2063-A,
 * authentication pages that do not assemble; and the zones of the sites
 * file. Thresholds are in limits.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "air_int.h"
#include "limits.h"

/* Within 1e-5 degree (about a metre) of a whole degree: spoofers put
 * round numbers through DJI's radians scaling with 174533 where the true
 * factor is 174532.925, which lands 5e-6 degree off. Two coordinates that
 * close to whole degrees happen by chance once in billions of fixes. */
static bool
near_integer(double d)
{
	return fabs(d - round(d)) < 1e-5;
}

/* Checks of a new fix against the aircraft's last one and its operator. */
static void
fix_checks(struct air *a, struct aircraft *ac, const struct air_fix *f)
{
	double lat = f->lat_e7 / 1e7, lon = f->lon_e7 / 1e7;
	char ev[200];

	if (ac->has_fix) {
		const struct air_fix *l = &ac->fix;
		double d = geo_metres(l->lat_e7 / 1e7, l->lon_e7 / 1e7, lat,
		    lon);
		uint64_t dt = f->ts > l->ts ? f->ts - l->ts : 0;
		double vmax = air_ua_vmax[ac->has_ua ? ac->ua_type & 15 : 2];

		if (dt < AIR_SPEED_MIN_US && d > AIR_TWO_PLACES_M) {
			snprintf(ev, sizeof ev, "%.0f m apart within %.3f s: "
			    "%.7f,%.7f and %.7f,%.7f", d, (double)dt / 1e6,
			    l->lat_e7 / 1e7, l->lon_e7 / 1e7, lat, lon);
			ac->spoof |= SPOOF_TWO_PLACES;
			air_hit(a, ac, a->r_places, NULL, ev, l->ts, f->ts);
		} else if (dt >= AIR_SPEED_MIN_US && d > AIR_SPEED_MIN_M &&
		    d / ((double)dt / 1e6) > vmax) {
			snprintf(ev, sizeof ev, "%.0f m in %.1f s = %.0f m/s "
			    "(a %s flies at most %.0f m/s): %.7f,%.7f to "
			    "%.7f,%.7f", d, (double)dt / 1e6,
			    d / ((double)dt / 1e6),
			    air_ua_names[ac->has_ua ? ac->ua_type & 15 : 2], vmax,
			    l->lat_e7 / 1e7, l->lon_e7 / 1e7, lat, lon);
			ac->spoof |= SPOOF_SPEED;
			air_hit(a, ac, a->r_speed, NULL, ev, l->ts, f->ts);
		}
	}
	if (f->flags & FIX_OPERATOR) {
		double d = geo_metres(lat, lon, f->op_lat_e7 / 1e7,
		    f->op_lon_e7 / 1e7);

		if (!ac->has_max_op || d > ac->max_op_m)
			ac->max_op_m = d;
		ac->has_max_op = true;
		if (d > AIR_OPERATOR_MAX_M) {
			snprintf(ev, sizeof ev, "drone %.7f,%.7f is %.1f km "
			    "from its operator %.7f,%.7f (limit %.0f km)", lat,
			    lon, d / 1000, f->op_lat_e7 / 1e7,
			    f->op_lon_e7 / 1e7, AIR_OPERATOR_MAX_M / 1000);
			ac->spoof |= SPOOF_OPERATOR;
			air_hit(a, ac, a->r_op, NULL, ev, f->ts, f->ts);
		}
	}
	if (near_integer(lat) && near_integer(lon)) {
		snprintf(ev, sizeof ev, "position %.7f,%.7f is a whole number "
		    "of degrees in both coordinates", lat, lon);
		ac->spoof |= SPOOF_ROUND;
		air_hit(a, ac, a->r_round, NULL, ev, f->ts, f->ts);
	}
}

/* DJI and ASTM positions from one transmitter at about the same time. */
static void
fix_mismatch(struct air *a, struct aircraft *ac, struct tx *t,
    const struct air_fix *f, bool dji)
{
	uint64_t ots = dji ? t->astm_ts : t->dji_ts;
	uint32_t other = dji ? air_tx_ref(a, t->ac, t->ac_gen) :
	    air_tx_ref(a, t->dji, t->dji_gen);
	char ev[220];
	double d;

	if (dji) {
		t->dji_ts = f->ts;
		t->dji_lat = f->lat_e7;
		t->dji_lon = f->lon_e7;
	} else {
		t->astm_ts = f->ts;
		t->astm_lat = f->lat_e7;
		t->astm_lon = f->lon_e7;
	}
	if (other == 0 || ots == 0 || f->ts - ots > AIR_MISMATCH_US ||
	    &a->ac[other].ac == ac)
		return;
	memcpy(ac->linked, a->ac[other].ac.key, a->ac[other].ac.key_len);
	ac->linked[a->ac[other].ac.key_len] = '\0';
	memcpy(a->ac[other].ac.linked, ac->key, ac->key_len);
	a->ac[other].ac.linked[ac->key_len] = '\0';
	d = geo_metres(f->lat_e7 / 1e7, f->lon_e7 / 1e7,
	    (dji ? t->astm_lat : t->dji_lat) / 1e7,
	    (dji ? t->astm_lon : t->dji_lon) / 1e7);
	if (d <= AIR_MISMATCH_M)
		return;
	snprintf(ev, sizeof ev, "DJI DroneID and ASTM Remote ID from one "
	    "transmitter %.1f s apart place it %.0f m apart (%s %.*s)",
	    (double)(f->ts - ots) / 1e6, d, dji ? "ASTM" : "DJI",
	    (int)a->ac[other].ac.key_len, a->ac[other].ac.key);
	ac->spoof |= SPOOF_MISMATCH;
	a->ac[other].ac.spoof |= SPOOF_MISMATCH;
	air_hit(a, ac, a->r_mismatch, NULL, ev, ots, f->ts);
}

/* File a fix: checks, then the track if it says something new. */
void
air_ac_fix(struct air *a, struct aircraft *ac, struct tx *t, struct air_fix *f,
    bool dji)
{
	const struct air_fix *l = &ac->fix;

	if (ac->has_op) {
		f->op_lat_e7 = ac->op_lat_e7;
		f->op_lon_e7 = ac->op_lon_e7;
		f->flags |= FIX_OPERATOR;
	}
	if (f->flags & FIX_HEIGHT && (!ac->has_max_height ||
	    f->height > ac->max_height)) {
		ac->max_height = f->height;
		ac->has_max_height = true;
	}
	if (f->flags & FIX_SPEED && f->speed > ac->max_speed)
		ac->max_speed = f->speed;
	fix_checks(a, ac, f);
	if (t != NULL)
		fix_mismatch(a, ac, t, f, dji);
	if (!ac->has_fix || f->lat_e7 != l->lat_e7 ||
	    f->lon_e7 != l->lon_e7 || f->alt_geo != l->alt_geo ||
	    f->height != l->height || f->ts - l->ts >= AIR_POINT_US ||
	    (f->flags & FIX_OPERATOR && (f->op_lat_e7 != l->op_lat_e7 ||
	    f->op_lon_e7 != l->op_lon_e7)))
		air_track_add(a, ac, f);
	else
		return; /* same as the point kept: the latest stays that one */
	ac->fix = *f;
	ac->has_fix = true;
}

void
air_radio_fix(const struct radio *r, struct air_fix *f)
{
	memset(f, 0, sizeof *f);
	f->ts = r->ts_us;
	f->freq = r->freq_mhz;
	f->carrier = r->carrier;
	if (r->has_rssi) {
		f->rssi = r->rssi_dbm;
		f->flags |= FIX_RSSI;
	}
}

/* ---- authentication pages ---- */

void
air_auth_close(struct air *a, struct aircraft *ac, uint64_t ts)
{
	char ev[200], pages[80];
	size_t n = 0;
	unsigned want;

	if (!ac->auth_open)
		return;
	ac->auth_open = false;
	want = ac->auth_last == 0xff ? 0 : ac->auth_last;
	if (ac->auth_last != 0xff && ac->auth_pages ==
	    (uint16_t)((1u << (want + 1)) - 1) && ac->auth_len > 0 &&
	    ac->auth_len <= ODID_AUTH_PAGE0 + ODID_AUTH_PAGEN * want &&
	    (want == 0 || ac->auth_len > ODID_AUTH_PAGE0 +
	    ODID_AUTH_PAGEN * (want - 1))) {
		ac->auth_ok++;
		return;
	}
	ac->auth_bad++;
	ac->spoof |= SPOOF_AUTH;
	pages[0] = '\0';
	for (unsigned p = 0; p < ODID_AUTH_PAGES; p++)
		if (ac->auth_pages & (1u << p) && n < sizeof pages - 4)
			n += (size_t)snprintf(pages + n, sizeof pages - n,
			    "%s%u", n ? "," : "", p);
	if (ac->auth_last == 0xff)
		snprintf(ev, sizeof ev, "authentication pages %s heard "
		    "without page 0", pages);
	else
		snprintf(ev, sizeof ev, "authentication pages %s heard of "
		    "0..%u, length %u bytes", pages, ac->auth_last,
		    ac->auth_len);
	air_hit(a, ac, a->r_auth, NULL, ev, ts, ts);
}

void
air_auth_page(struct air *a, struct aircraft *ac, const struct odid_auth *p,
    uint64_t ts)
{
	ac->auth_type = p->auth_type;
	if (p->page == 0) {
		if (ac->auth_open && ac->auth_last != 0xff &&
		    ac->auth_ts == p->timestamp && ac->auth_len == p->length)
			return; /* the same set sent again */
		air_auth_close(a, ac, ts);
		ac->auth_open = true;
		ac->auth_last = p->last_page > 15 ? 15 : p->last_page;
		ac->auth_len = p->length;
		ac->auth_ts = p->timestamp;
		ac->auth_pages = 1;
		return;
	}
	if (!ac->auth_open) {
		ac->auth_open = true;
		ac->auth_last = 0xff;
		ac->auth_pages = 0;
	}
	ac->auth_pages |= (uint16_t)(1u << (p->page & 15));
}

void
air_serial_check(struct air *a, struct aircraft *ac, uint64_t ts)
{
	char why[96], ev[160];

	if (ac->serial_checked || ac->id_type != AIR_IDT_SERIAL)
		return;
	ac->serial_checked = true;
	ac->serial_ok = cta2063_valid((const uint8_t *)ac->key, ac->key_len,
	    why, sizeof why);
	if (ac->serial_ok)
		return;
	snprintf(ev, sizeof ev, "serial '%.*s' breaks ANSI/CTA-2063-A: %s",
	    (int)ac->key_len, ac->key, why);
	ac->spoof |= SPOOF_SERIAL;
	air_hit(a, ac, a->r_serial, NULL, ev, ts, ts);
}

/* ---- zones ---- */

struct zscan {
	const struct zone *z;
	bool op;               /* operator positions, else the drone's */
	double clat, clon;     /* the zone's centre */
	double best;           /* closest approach to it, metres */
	uint64_t best_ts, in_first, in_last, in_n;
};

static void
zscan_point(void *ctx, const struct air_fix *f)
{
	struct zscan *s = ctx;
	int32_t la = f->lat_e7, lo = f->lon_e7;
	double c;

	if (s->op) {
		if (!(f->flags & FIX_OPERATOR))
			return;
		la = f->op_lat_e7;
		lo = f->op_lon_e7;
	}
	if (zones_distance(s->z, la / 1e7, lo / 1e7) > 0)
		return;
	c = geo_metres(la / 1e7, lo / 1e7, s->clat, s->clon);
	if (c < s->best) {
		s->best = c;
		s->best_ts = f->ts;
	}
	if (s->in_n++ == 0)
		s->in_first = f->ts;
	s->in_last = f->ts;
}

void
air_zone_check(struct air *a, struct aircraft *ac, const struct zone *z,
    bool op)
{
	struct zscan s = { z, op, 0, 0, INFINITY, 0, 0, 0, 0 };
	char ev[200], tb[40], tc[40];

	zones_centre(z, &s.clat, &s.clon);
	air_points(a, ac, zscan_point, &s);
	if (op && ac->has_op && ac->npts == 0) { /* no track point */
		struct air_fix f = { 0 };
		f.ts = ac->last_us;
		f.op_lat_e7 = ac->op_lat_e7;
		f.op_lon_e7 = ac->op_lon_e7;
		f.flags = FIX_OPERATOR;
		zscan_point(&s, &f);
	}
	if (s.in_n == 0)
		return;
	time_fmt(s.in_first, tb, sizeof tb);
	time_fmt(s.best_ts, tc, sizeof tc);
	snprintf(ev, sizeof ev, "%s inside zone %s from %s, %llu position%s "
	    "inside; closest approach %.0f m from its centre at %s",
	    op ? "operator" : "drone", z->name, tb,
	    (unsigned long long)s.in_n, s.in_n == 1 ? "" : "s", s.best, tc);
	air_hit(a, ac, op ? a->r_zop : a->r_zdrone, z->name, ev, s.in_first,
	    s.in_last);
}
