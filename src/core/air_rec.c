/* SPDX-License-Identifier: MIT */
/* air_rec.c - an aircraft as records: one drone record, then a
 * drone_position record per track point (docs/events.md); aircraft in
 * output order (first heard, then ID). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "air_int.h"

/* ---- records ---- */

struct wctx {
	struct air *a;
	const struct aircraft *ac;
};

static void
write_point(void *ctx, const struct air_fix *f)
{
	struct wctx *w = ctx;
	struct record r;

	rec_init(&r, &schema_drone_pos);
	rec_cstr(&r, F_DPOS_site, w->a->cfg.site);
	rec_str(&r, F_DPOS_drone, w->ac->key, w->ac->key_len);
	rec_time(&r, F_DPOS_time, f->ts);
	rec_deg(&r, F_DPOS_lat, f->lat_e7 / 1e7);
	rec_deg(&r, F_DPOS_lon, f->lon_e7 / 1e7);
	if (f->flags & FIX_ALT_GEO)
		rec_f64(&r, F_DPOS_alt_geo, f->alt_geo);
	if (f->flags & FIX_ALT_BARO)
		rec_f64(&r, F_DPOS_alt_baro, f->alt_baro);
	if (f->flags & FIX_HEIGHT)
		rec_f64(&r, F_DPOS_height, f->height);
	if (f->flags & FIX_SPEED)
		rec_f64(&r, F_DPOS_speed, f->speed);
	if (f->flags & FIX_VSPEED)
		rec_f64(&r, F_DPOS_vspeed, f->vspeed);
	if (f->flags & FIX_HEADING)
		rec_f64(&r, F_DPOS_heading, f->heading);
	if (f->flags & FIX_OPERATOR) {
		rec_deg(&r, F_DPOS_operator_lat, f->op_lat_e7 / 1e7);
		rec_deg(&r, F_DPOS_operator_lon, f->op_lon_e7 / 1e7);
	}
	rec_cstr(&r, F_DPOS_protocol, f->flags & FIX_DJI ? "dji" : "astm");
	rec_cstr(&r, F_DPOS_carrier, air_carrier_name(f->carrier));
	if (f->freq)
		rec_u64(&r, F_DPOS_freq, f->freq);
	if (f->flags & FIX_RSSI)
		rec_i64(&r, F_DPOS_rssi, f->rssi);
	w->a->cfg.emit(w->a->cfg.ctx, &r);
}

/* Comma-joined names of the bits set in mask. */
static const char *
bits_text(uint32_t mask, const char *const *names, unsigned n, char *buf,
    size_t cap)
{
	size_t k = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < n && k + 1 < cap; i++) {
		int w;

		if (!(mask & (1u << i)) || names[i] == NULL)
			continue;
		w = snprintf(buf + k, cap - k, "%s%s", k ? "," : "", names[i]);
		if (w < 0 || (size_t)w >= cap - k)
			break; /* cut: what fits stays */
		k += (size_t)w;
	}
	return k ? buf : NULL;
}

static const char *
eu_class_name(uint8_t c, char *buf, size_t n)
{
	if (c == 0 || c > 7)
		return NULL;
	snprintf(buf, n, "class-%u", c - 1u);
	return buf;
}

/* Text built for one drone record (the record points into it). */
struct wbuf {
	char ids[AIR_IDS * AIR_MORE_ID_MAX]; /* with a comma each */
	char protos[16];
	char carriers[64];
	char macs[AIR_MACS * 18];
	char chans[AIR_FREQS * 6];
	char eu[16];
	char spoof[200];
};

/* Fields that describe the aircraft's identity. */
static void
rec_identity(struct record *r, const struct aircraft *ac, struct wbuf *b)
{
	static const char *const protos[] = { "astm", "dji" };
	static const char *const carriers[] = { NULL, "wifi-beacon",
		"wifi-nan", "ble4", "ble5", "ocusync" };
	const char *maker = NULL;
	size_t k = 0;

	rec_str(r, F_DRONE_id, ac->key, ac->key_len);
	rec_cstr(r, F_DRONE_id_type, air_idt_name(ac->id_type));
	for (unsigned i = 0; i < ac->nids; i++) {
		size_t n = strlen(ac->ids[i]);

		if (k + n + 1 > sizeof b->ids)
			break;
		if (k)
			b->ids[k++] = ',';
		memcpy(b->ids + k, ac->ids[i], n);
		k += n;
	}
	if (k)
		rec_str(r, F_DRONE_ids, b->ids, k);
	rec_cstr(r, F_DRONE_protocols, bits_text(ac->protos, protos, 2,
	    b->protos, sizeof b->protos));
	rec_cstr(r, F_DRONE_carriers, bits_text(ac->carriers, carriers, 6,
	    b->carriers, sizeof b->carriers));
	if (ac->id_type == AIR_IDT_SERIAL)
		maker = cta2063_maker((const uint8_t *)ac->key, ac->key_len);
	if (ac->protos & 2)
		maker = "DJI";
	rec_cstr(r, F_DRONE_maker, maker);
	if (ac->has_product) {
		rec_cstr(r, F_DRONE_model, djiid_product(ac->product));
		rec_u64(r, F_DRONE_product_code, ac->product);
	}
	if (ac->id_type == AIR_IDT_SERIAL)
		rec_bool(r, F_DRONE_serial_valid, ac->serial_ok);
	if (ac->has_ua)
		rec_cstr(r, F_DRONE_ua_type, air_ua_type_name(ac->ua_type));
}

/* Fields of how it was heard. */
static void
rec_radio(struct record *r, const struct aircraft *ac, struct wbuf *b)
{
	size_t k = 0;

	for (unsigned i = 0; i < ac->nmacs; i++) {
		if (i)
			b->macs[k++] = ',';
		mac_fmt(ac->macs[i], b->macs + k, sizeof b->macs - k);
		k += 17;
	}
	if (k)
		rec_str(r, F_DRONE_transmitters, b->macs, k);
	if (ac->macs_more)
		rec_u64(r, F_DRONE_transmitters_more, ac->macs_more);
	if (ac->ssid_len)
		rec_str(r, F_DRONE_ssid, (const char *)ac->ssid, ac->ssid_len);
	k = 0;
	for (unsigned i = 0; i < ac->nfreqs; i++)
		k += (size_t)snprintf(b->chans + k, sizeof b->chans - k,
		    "%s%u", k ? "," : "", ac->freqs[i] % 10000u);
	if (k)
		rec_str(r, F_DRONE_channels, b->chans, k);
	if (ac->has_rssi) {
		rec_i64(r, F_DRONE_rssi_min, ac->rssi_min);
		rec_i64(r, F_DRONE_rssi_max, ac->rssi_max);
	}
}

static void
rec_position(struct record *r, const struct aircraft *ac)
{
	static const char *const status[] = { "undeclared", "ground",
		"airborne", "emergency", "rid-failure" };
	static const char *const oploc[] = { "takeoff", "live-gnss", "fixed",
		"dji-app" };
	const struct air_fix *f = &ac->fix;

	if (ac->has_fix) {
		rec_time(r, F_DRONE_position_time, f->ts);
		rec_deg(r, F_DRONE_lat, f->lat_e7 / 1e7);
		rec_deg(r, F_DRONE_lon, f->lon_e7 / 1e7);
		if (f->flags & FIX_ALT_GEO)
			rec_f64(r, F_DRONE_alt_geo, f->alt_geo);
		if (f->flags & FIX_ALT_BARO)
			rec_f64(r, F_DRONE_alt_baro, f->alt_baro);
		if (f->flags & FIX_HEIGHT) {
			rec_f64(r, F_DRONE_height, f->height);
			rec_cstr(r, F_DRONE_height_ref, ac->height_type ?
			    "ground" : "takeoff");
		}
		if (f->flags & FIX_SPEED)
			rec_f64(r, F_DRONE_speed, f->speed);
		if (f->flags & FIX_VSPEED)
			rec_f64(r, F_DRONE_vspeed, f->vspeed);
		if (f->flags & FIX_HEADING)
			rec_f64(r, F_DRONE_heading, f->heading);
	}
	if (ac->has_status)
		rec_cstr(r, F_DRONE_status, ac->status < 5 ?
		    status[ac->status] : "reserved");
	if (ac->has_op) {
		rec_deg(r, F_DRONE_operator_lat, ac->op_lat_e7 / 1e7);
		rec_deg(r, F_DRONE_operator_lon, ac->op_lon_e7 / 1e7);
		rec_cstr(r, F_DRONE_operator_location, ac->op_loc_type < 4 ?
		    oploc[ac->op_loc_type] : "reserved");
	}
	if (ac->has_op_alt)
		rec_f64(r, F_DRONE_operator_alt, ac->op_alt);
	if (ac->has_home) {
		rec_deg(r, F_DRONE_home_lat, ac->home_lat_e7 / 1e7);
		rec_deg(r, F_DRONE_home_lon, ac->home_lon_e7 / 1e7);
	}
}

static void
rec_declared(struct record *r, const struct aircraft *ac, struct wbuf *b)
{
	static const char *const cats[] = { NULL, "open", "specific",
		"certified" };
	static const char *const auth[] = { "none", "uas-id-signature",
		"operator-id-signature", "message-set-signature",
		"network-remote-id", "specific-method" };
	const struct odid_system *s = &ac->sys;

	if (ac->opid_len)
		rec_str(r, F_DRONE_operator_id, (const char *)ac->opid,
		    ac->opid_len);
	if (ac->self_len)
		rec_str(r, F_DRONE_self_id, (const char *)ac->self,
		    ac->self_len);
	if (ac->has_system) {
		rec_cstr(r, F_DRONE_classification, s->class_type == 1 ? "eu" :
		    s->class_type == 0 ? "undeclared" : "reserved");
		if (s->class_type == 1) {
			rec_cstr(r, F_DRONE_eu_category, s->eu_category < 4 ?
			    cats[s->eu_category] : NULL);
			rec_cstr(r, F_DRONE_eu_class, eu_class_name(
			    s->eu_class, b->eu, sizeof b->eu));
		}
		if (s->area_radius)
			rec_u64(r, F_DRONE_area_radius, s->area_radius);
		if (s->ceiling_ok)
			rec_f64(r, F_DRONE_area_ceiling, s->area_ceiling);
		if (s->floor_ok)
			rec_f64(r, F_DRONE_area_floor, s->area_floor);
	}
	if (ac->uuid_len)
		rec_str(r, F_DRONE_uuid, (const char *)ac->uuid, ac->uuid_len);
	if (ac->purpose_len)
		rec_str(r, F_DRONE_purpose, (const char *)ac->purpose,
		    ac->purpose_len);
	if (ac->auth_ok || ac->auth_bad) {
		rec_cstr(r, F_DRONE_auth_type, ac->auth_type < 6 ?
		    auth[ac->auth_type] : "other");
		rec_u64(r, F_DRONE_auth_complete, ac->auth_ok);
		rec_u64(r, F_DRONE_auth_incomplete, ac->auth_bad);
	}
}

void
air_ac_write(struct air *a, struct aircraft *ac)
{
	static const char *const spoof[] = { "implied-speed",
		"operator-distance", "serial-invalid", "two-radios",
		"two-places", "protocol-mismatch", "many-ids",
		"auth-incomplete", "round-position" };
	struct wctx w = { a, ac };
	struct record r;
	struct wbuf b;

	air_auth_close(a, ac, ac->last_us);
	if (a->cfg.zones != NULL)
		for (unsigned i = 0; i < a->cfg.zones->n; i++) {
			air_zone_check(a, ac, &a->cfg.zones->z[i], false);
			air_zone_check(a, ac, &a->cfg.zones->z[i], true);
		}
	rec_init(&r, &schema_drone);
	rec_cstr(&r, F_DRONE_site, a->cfg.site);
	rec_identity(&r, ac, &b);
	rec_radio(&r, ac, &b);
	rec_time(&r, F_DRONE_first_seen, ac->first_us);
	rec_time(&r, F_DRONE_last_seen, ac->last_us);
	rec_u64(&r, F_DRONE_messages, ac->msgs);
	rec_u64(&r, F_DRONE_positions, ac->npts);
	rec_position(&r, ac);
	rec_declared(&r, ac, &b);
	if (ac->npts > 1)
		rec_f64(&r, F_DRONE_path_m, ac->path_m);
	if (ac->has_max_height)
		rec_f64(&r, F_DRONE_max_height, ac->max_height);
	if (ac->max_speed > 0)
		rec_f64(&r, F_DRONE_max_speed, ac->max_speed);
	if (ac->has_max_op)
		rec_f64(&r, F_DRONE_max_operator_distance, ac->max_op_m);
	if (ac->linked[0])
		rec_cstr(&r, F_DRONE_linked, ac->linked);
	rec_cstr(&r, F_DRONE_spoof, bits_text(ac->spoof, spoof, 9, b.spoof,
	    sizeof b.spoof));
	rec_bool(&r, F_DRONE_evicted, ac->evicted);
	a->cfg.emit(a->cfg.ctx, &r);
	air_points(a, ac, write_point, &w);
}

static int
ac_order(const void *x, const void *y)
{
	const struct aircraft *p = *(const struct aircraft *const *)x;
	const struct aircraft *q = *(const struct aircraft *const *)y;
	int c;

	if (p->first_us != q->first_us)
		return p->first_us < q->first_us ? -1 : 1;
	c = memcmp(p->key, q->key, p->key_len < q->key_len ? p->key_len :
	    q->key_len);
	return c ? c : (int)p->key_len - (int)q->key_len;
}

/* Every aircraft held, in output order, into a fresh array (NULL: none
 * or no memory). */
static struct aircraft **
air_sorted(struct air *a, uint32_t *n)
{
	struct aircraft **v;

	*n = 0;
	if (!a->ready || a->nac == 0 ||
	    (v = malloc(a->nac * sizeof *v)) == NULL)
		return NULL;
	for (uint32_t i = 1; i <= AIR_MAX_AIRCRAFT; i++)
		if (a->ac[i].used)
			v[(*n)++] = &a->ac[i].ac;
	qsort(v, *n, sizeof *v, ac_order);
	return v;
}

void
air_finish(struct air *a)
{
	uint32_t n;
	struct aircraft **v = air_sorted(a, &n);

	for (uint32_t i = 0; i < n; i++)
		air_ac_write(a, v[i]);
	free(v);
}

void
air_each(struct air *a, void (*fn)(void *ctx, struct air *a,
    const struct aircraft *ac), void *ctx)
{
	uint32_t n;
	struct aircraft **v = air_sorted(a, &n);

	for (uint32_t i = 0; i < n; i++)
		fn(ctx, a, v[i]);
	free(v);
}

uint64_t
air_count(const struct air *a)
{
	return a->heard;
}
