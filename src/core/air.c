/* SPDX-License-Identifier: MIT */
/* air.c - aircraft heard through drone broadcasts: filing and checks.
 *
 * Path of a broadcast: radio_decode() finds the payload in a frame,
 * odid_decode() / djiid_decode() turn it into messages, and this file
 * notes the transmitter (table keyed by MAC, with an age list) and files
 * the messages under an aircraft, found or made in air_store.c (table
 * keyed by ID, with an age list; the track: points in chunks from a
 * shared pool, thinned when long). Each fix goes through the spoof
 * checks of ../shared/docs/droneid.md section 4 (air_check.c) and onto
 * the track. Zone checks (air_check.c) and records (air_rec.c) come at
 * the end (or when an aircraft is evicted). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "air_int.h"
#include "hash.h"
#include "host.h"
#include "limits.h"
#include "pool.h"

const char *const air_ua_names[16] = { "none", "aeroplane",
	"helicopter-or-multirotor", "gyroplane", "hybrid-lift", "ornithopter",
	"glider", "kite", "free-balloon", "captive-balloon", "airship",
	"parachute", "rocket", "tethered-powered", "ground-obstacle",
	"other" };

/* Fastest credible horizontal speed per UA type, m/s: well above what
 * such craft fly (DJI FPV 39 m/s; racing quads ~50), so that only a
 * broadcast that jumps is flagged. */
const double air_ua_vmax[16] = { 100, 150, 60, 60, 100, 30, 100, 40,
	80, 10, 50, 60, 1000, 10, 1, 150 };

const char *
air_ua_type_name(uint8_t t)
{
	return air_ua_names[t & 15];
}

const char *
air_idt_name(uint8_t t)
{
	static const char *const n[] = { "transmitter", "serial",
		"caa-registration", "utm-uuid", "session-id", "dji-serial",
		"unspecified" };
	return t < sizeof n / sizeof n[0] ? n[t] : "unknown";
}

const char *
air_carrier_name(uint8_t c)
{
	static const char *const n[] = { "none", "wifi-beacon", "wifi-nan",
		"ble4", "ble5", "ocusync" };
	return c < sizeof n / sizeof n[0] ? n[c] : "unknown";
}

struct air *
air_new(const struct air_cfg *cfg, struct alerts *al, struct stats *st)
{
	struct air *a = calloc(1, sizeof *a);

	if (a == NULL)
		return NULL;
	a->cfg = *cfg;
	a->al = al;
	a->st = st;
	a->seed = hash_seed();
	a->r_speed = alert_rule_find("drone.implied-speed");
	a->r_places = alert_rule_find("drone.two-places");
	a->r_op = alert_rule_find("drone.operator-distance");
	a->r_serial = alert_rule_find("drone.serial-invalid");
	a->r_radios = alert_rule_find("drone.two-radios");
	a->r_many = alert_rule_find("drone.many-ids");
	a->r_mismatch = alert_rule_find("drone.protocol-mismatch");
	a->r_auth = alert_rule_find("drone.auth-incomplete");
	a->r_round = alert_rule_find("drone.round-position");
	a->r_zdrone = alert_rule_find("zone.drone-inside");
	a->r_zop = alert_rule_find("zone.operator-inside");
	return a;
}

void
air_free(struct air *a)
{
	if (a == NULL)
		return;
	pool_unmap(a->ac, AIR_MAX_AIRCRAFT + 1, sizeof *a->ac);
	pool_unmap(a->tx, AIR_MAX_TX + 1, sizeof *a->tx);
	pool_unmap(a->ck, NCHUNKS + 1, sizeof *a->ck);
	if (a->abkt != NULL)
		pool_unmap(a->abkt, (size_t)a->amask + 1, sizeof *a->abkt);
	if (a->tbkt != NULL)
		pool_unmap(a->tbkt, (size_t)a->tmask + 1, sizeof *a->tbkt);
	free(a);
}

/* The tables, at the first payload; false (counted) if memory is short. */
static bool
air_ready(struct air *a)
{
	if (a->ready)
		return true;
	if (a->failed) {
		STAT_INC(a->st, AIR_NO_MEMORY);
		return false;
	}
	a->ac = pool_map(AIR_MAX_AIRCRAFT + 1, sizeof *a->ac, false);
	a->tx = pool_map(AIR_MAX_TX + 1, sizeof *a->tx, false);
	a->ck = pool_map(NCHUNKS + 1, sizeof *a->ck, false);
	a->abkt = pool_buckets(AIR_MAX_AIRCRAFT, 64, &a->amask);
	a->tbkt = pool_buckets(AIR_MAX_TX, 64, &a->tmask);
	if (!a->ac || !a->tx || !a->ck || !a->abkt || !a->tbkt) {
		a->failed = true;
		STAT_INC(a->st, AIR_NO_MEMORY);
		return false;
	}
	a->aage = (struct ilist){ a->ac, sizeof *a->ac,
		offsetof(struct slot, ac.age), 0, 0 };
	a->tage = (struct ilist){ a->tx, sizeof *a->tx,
		offsetof(struct tx, age), 0, 0 };
	/* Slots are handed out in index order, then from their free lists:
	 * pages are touched only as the tables fill. */
	a->anext = a->tnext = a->cnext = 1;
	a->ready = true;
	return true;
}

/* ---- alerts ---- */

/* "drone:<id>" for alerts (the ID as text: uas.h; escaped on output). */
static void
ac_alert_key(const struct aircraft *ac, char *buf, size_t n)
{
	snprintf(buf, n, "drone:%.*s", (int)ac->key_len, ac->key);
}

void
air_hit(struct air *a, const struct aircraft *ac, const struct alert_rule *r,
    const char *ref, const char *ev, uint64_t first, uint64_t last)
{
	char key[ALERT_DEVICE_MAX];

	if (r == NULL)
		return;
	ac_alert_key(ac, key, sizeof key);
	(void)alerts_hit(a->al, r, key, NULL, ref, ev, strlen(ev), first,
	    last, 1, 0);
}

/* ---- transmitters ---- */

static struct tx *
tx_get(struct air *a, const uint8_t *mac)
{
	uint32_t b = (uint32_t)hash_bytes(mac, 6, a->seed ^ 0x7478u) & a->tmask;
	uint32_t i;

	for (i = a->tbkt[b]; i != 0; i = a->tx[i].chain)
		if (memcmp(a->tx[i].mac, mac, 6) == 0) {
			ilist_unlink(&a->tage, i);
			ilist_append(&a->tage, i);
			return &a->tx[i];
		}
	if (a->tfree == 0 && a->tnext <= AIR_MAX_TX) {
		a->tx[a->tnext].chain = 0;
		a->tfree = a->tnext++;
	}
	if (a->tfree == 0) { /* forget the one heard least recently */
		uint32_t old = a->tage.head, ob, *pp;

		ob = (uint32_t)hash_bytes(a->tx[old].mac, 6,
		    a->seed ^ 0x7478u) & a->tmask;
		for (pp = &a->tbkt[ob]; *pp != old; pp = &a->tx[*pp].chain)
			;
		*pp = a->tx[old].chain;
		ilist_unlink(&a->tage, old);
		a->tx[old].chain = a->tfree;
		a->tfree = old;
		STAT_INC(a->st, AIR_TX_EVICTED);
	}
	i = a->tfree;
	a->tfree = a->tx[i].chain;
	memset(&a->tx[i], 0, sizeof a->tx[i]);
	memcpy(a->tx[i].mac, mac, 6);
	a->tx[i].chain = a->tbkt[b];
	a->tbkt[b] = i;
	ilist_append(&a->tage, i);
	return &a->tx[i];
}

/* Note that tx sent aircraft i; past AIR_TX_MAX_IDS distinct ones it is
 * a spoofer. */
static void
tx_sent(struct air *a, struct tx *t, uint32_t i, uint64_t ts)
{
	char ev[200], mac[18], key[ALERT_DEVICE_MAX];
	struct host_key hk;

	for (unsigned k = 0; k < t->nids && k <= AIR_TX_MAX_IDS; k++)
		if (air_tx_ref(a, t->ids[k], t->ids_gen[k]) == i)
			return;
	/* Past the list, an aircraft already flagged was counted. */
	if (t->many_raised && a->ac[i].ac.spoof & SPOOF_MANY_IDS)
		return;
	if (t->nids <= AIR_TX_MAX_IDS) {
		t->ids[t->nids] = i;
		t->ids_gen[t->nids] = a->ac[i].gen;
	}
	if (t->nids < 255)
		t->nids++;
	if (t->nids <= AIR_TX_MAX_IDS || a->r_many == NULL)
		return;
	/* A spoofer: every aircraft it sent is flagged, one hit each. */
	for (unsigned k = 0; k <= AIR_TX_MAX_IDS && !t->many_raised; k++) {
		uint32_t j = air_tx_ref(a, t->ids[k], t->ids_gen[k]);
		if (j != 0)
			a->ac[j].ac.spoof |= SPOOF_MANY_IDS;
	}
	t->many_raised = true;
	a->ac[i].ac.spoof |= SPOOF_MANY_IDS;
	mac_fmt(t->mac, mac, sizeof mac);
	host_key_mac(&hk, t->mac);
	host_key_fmt(&hk, key, sizeof key);
	snprintf(ev, sizeof ev, "transmitter %s sent %u distinct aircraft IDs, "
	    "the latest %.*s", mac, t->nids, (int)a->ac[i].ac.key_len,
	    a->ac[i].ac.key);
	(void)alerts_hit(a->al, a->r_many, key, NULL, NULL, ev, strlen(ev), ts,
	    ts, 1, 0);
}

/* ---- what every message does to its aircraft ---- */

static bool
ble_class(uint8_t c)
{
	return c == AIR_BLE4 || c == AIR_BLE5;
}

/* Radio context: transmitter list (and the two-radios check), channels,
 * signal, SSID, times. */
static void
ac_heard(struct air *a, struct aircraft *ac, const struct radio *r)
{
	uint64_t ts = r->ts_us;
	unsigned i;

	ac->msgs++;
	if (ts > ac->last_us)
		ac->last_us = ts;
	ac->carriers |= (uint8_t)(1u << (r->carrier & 7));
	if (r->freq_mhz != 0) {
		for (i = 0; i < ac->nfreqs && ac->freqs[i] != r->freq_mhz; i++)
			;
		if (i == ac->nfreqs && i < AIR_FREQS)
			ac->freqs[ac->nfreqs++] = r->freq_mhz;
	}
	if (r->has_rssi) {
		if (!ac->has_rssi || r->rssi_dbm < ac->rssi_min)
			ac->rssi_min = r->rssi_dbm;
		if (!ac->has_rssi || r->rssi_dbm > ac->rssi_max)
			ac->rssi_max = r->rssi_dbm;
		ac->has_rssi = true;
	}
	if (r->ssid_len > 0) {
		ac->ssid_len = r->ssid_len > 32 ? 32 : r->ssid_len;
		memcpy(ac->ssid, r->ssid, ac->ssid_len);
	}
	if (!r->has_tx)
		return;
	for (i = 0; i < ac->nmacs && memcmp(ac->macs[i], r->tx, 6) != 0; i++)
		;
	if (i == ac->nmacs) {
		if (i == AIR_MACS) {
			ac->macs_more++;
			return;
		}
		memcpy(ac->macs[i], r->tx, 6);
		ac->mac_carrier[i] = r->carrier;
		ac->nmacs++;
	}
	/* Another radio of the same kind sent this ID since this one last
	 * did, and this one did so lately: they are interleaved. */
	for (unsigned j = 0; j < ac->nmacs && ac->mac_last[i] != 0; j++) {
		char ev[160], m1[18], m2[18];

		if (j == i || ble_class(ac->mac_carrier[j]) !=
		    ble_class(r->carrier) || ac->mac_last[j] <= ac->mac_last[i] ||
		    ts - ac->mac_last[i] > AIR_TWO_RADIOS_US)
			continue;
		mac_fmt(ac->macs[i], m1, sizeof m1);
		mac_fmt(ac->macs[j], m2, sizeof m2);
		snprintf(ev, sizeof ev, "transmitters %s and %s both sent "
		    "this ID within %.1f s", m1, m2,
		    (double)(ts - ac->mac_last[i]) / 1e6);
		ac->spoof |= SPOOF_TWO_RADIOS;
		air_hit(a, ac, a->r_radios, NULL, ev, ac->mac_last[j], ts);
		break;
	}
	ac->mac_prev[i] = ac->mac_last[i];
	ac->mac_last[i] = ts;
}

/* Aircraft i was heard by protocol proto (1 ASTM, 2 DJI) from t (may be
 * NULL) with radio context r: it becomes the most recently heard, and
 * the transmitter and radio are noted. Returns it. */
static struct aircraft *
ac_touch(struct air *a, uint32_t i, struct tx *t, const struct radio *r,
    uint8_t proto)
{
	struct aircraft *ac = &a->ac[i].ac;

	ilist_unlink(&a->aage, i);
	ilist_append(&a->aage, i);
	ac->protos |= proto;
	if (t != NULL && ac->id_type != AIR_IDT_MAC)
		tx_sent(a, t, i, r->ts_us);
	ac_heard(a, ac, r);
	return ac;
}

/* Context of one payload being filed. */
struct batch {
	struct air *a;
	const struct radio *r;
	unsigned n;
	struct odid_msg m[ODID_PACK_MAX + 1];
};

/* ---- ASTM ---- */

static void
on_odid_msg(void *ctx, const struct odid_msg *m)
{
	struct batch *b = ctx;

	if (b->n < sizeof b->m / sizeof b->m[0])
		b->m[b->n++] = *m;
}

/* The aircraft-naming rank of an ASTM ID type: serial first. */
static unsigned
idt_rank(uint8_t t)
{
	static const unsigned rank[5] = { 1, 5, 4, 3, 2 };
	return t < 5 ? rank[t] : 0;
}

static uint8_t
idt_of(uint8_t astm)
{
	return astm >= 1 && astm <= 4 ? astm : 6; /* 6: unspecified */
}

/* Another ID of the aircraft, as type:value, once. */
static void
ac_more_id(struct aircraft *ac, const struct odid_basic *bi)
{
	char t[AIR_MORE_ID_MAX];

	snprintf(t, sizeof t, "%s:%.*s", air_idt_name(idt_of(bi->id_type)),
	    (int)bi->id_len, (const char *)bi->id);
	for (unsigned i = 0; i < ac->nids; i++)
		if (strcmp(ac->ids[i], t) == 0)
			return;
	if (ac->nids < AIR_IDS)
		memcpy(ac->ids[ac->nids++], t, sizeof t);
}

/* Which aircraft an ASTM payload speaks for. */
static uint32_t
odid_aircraft(struct air *a, struct batch *b, struct tx *t,
    const struct odid_basic **primary)
{
	const struct odid_basic *best = NULL;
	uint32_t i;

	for (unsigned k = 0; k < b->n; k++) {
		const struct odid_basic *bi = &b->m[k].u.basic;

		if (b->m[k].type == ODID_BASIC && bi->id_len > 0 &&
		    (best == NULL || idt_rank(bi->id_type) >
		    idt_rank(best->id_type)))
			best = bi;
	}
	*primary = best;
	if (best != NULL) {
		uint8_t idt = idt_of(best->id_type);
		uint32_t cur = t ? air_tx_ref(a, t->ac, t->ac_gen) : 0;

		if ((i = air_ac_find(a, (const char *)best->id,
		    best->id_len)) != 0)
			return i;
		if (cur != 0 && a->ac[cur].ac.id_type == AIR_IDT_MAC) {
			air_ac_rekey(a, cur, (const char *)best->id,
			    best->id_len, idt);
			return cur;
		}
		if (cur != 0 && a->ac[cur].ac.id_type != idt) {
			ac_more_id(&a->ac[cur].ac, best); /* same craft, */
			*primary = NULL;                  /* other ID kind */
			return cur;
		}
		return air_ac_new(a, (const char *)best->id, best->id_len, idt,
		    b->r->ts_us);
	}
	if (t != NULL && (i = air_tx_ref(a, t->ac, t->ac_gen)) != 0)
		return i;
	return air_ac_of_tx(a, b->r);
}

static void
odid_location(struct air *a, struct aircraft *ac, struct tx *t,
    const struct radio *r, const struct odid_location *l)
{
	struct air_fix f;

	ac->status = l->status;
	ac->height_type = l->height_type;
	ac->has_status = true;
	if (!l->pos_ok)
		return;
	air_radio_fix(r, &f);
	f.lat_e7 = l->lat_e7;
	f.lon_e7 = l->lon_e7;
#define FIXV(ok, field, bit) \
	if (l->ok) { f.field = (float)l->field; f.flags |= bit; }
	FIXV(alt_geo_ok, alt_geo, FIX_ALT_GEO)
	FIXV(alt_baro_ok, alt_baro, FIX_ALT_BARO)
	FIXV(height_ok, height, FIX_HEIGHT)
	FIXV(speed_ok, speed, FIX_SPEED)
	FIXV(vspeed_ok, vspeed, FIX_VSPEED)
#undef FIXV
	if (l->dir_ok) {
		f.heading = (float)l->direction;
		f.flags |= FIX_HEADING;
	}
	air_ac_fix(a, ac, t, &f, false);
}

static void
odid_apply(struct air *a, struct aircraft *ac, const struct odid_msg *m,
    uint64_t ts)
{
	switch (m->type) {
	case ODID_BASIC:
		if (m->u.basic.id_type != 0 || m->u.basic.ua_type != 0 ||
		    !ac->has_ua) {
			ac->ua_type = m->u.basic.ua_type;
			ac->has_ua = true;
		}
		if (m->u.basic.id_len > 0 && (m->u.basic.id_len != ac->key_len ||
		    memcmp(m->u.basic.id, ac->key, ac->key_len) != 0))
			ac_more_id(ac, &m->u.basic);
		break;
	case ODID_AUTH:
		air_auth_page(a, ac, &m->u.auth, ts);
		break;
	case ODID_SELFID:
		ac->self_len = m->u.self.len;
		memcpy(ac->self, m->u.self.text, m->u.self.len);
		break;
	case ODID_SYSTEM:
		ac->sys = m->u.sys;
		ac->has_system = true;
		if (m->u.sys.op_pos_ok) {
			ac->has_op = true;
			ac->op_lat_e7 = m->u.sys.op_lat_e7;
			ac->op_lon_e7 = m->u.sys.op_lon_e7;
			ac->op_loc_type = m->u.sys.op_loc_type;
		}
		if (m->u.sys.op_alt_ok) {
			ac->has_op_alt = true;
			ac->op_alt = m->u.sys.op_alt;
		}
		break;
	case ODID_OPERATOR:
		if (m->u.op.id_len > 0) {
			ac->opid_len = m->u.op.id_len;
			memcpy(ac->opid, m->u.op.id, m->u.op.id_len);
		}
		break;
	default:
		break;
	}
}

static void
on_odid(struct air *a, const struct radio *r, struct cur c)
{
	struct batch b;
	const struct odid_basic *primary;
	struct tx *t = r->has_tx ? tx_get(a, r->tx) : NULL;
	struct aircraft *ac;
	uint8_t counter;
	uint32_t i;

	b.a = a;  /* b.m[] is written before it is read: not cleared */
	b.r = r;
	b.n = 0;
	(void)odid_decode(c, &counter, on_odid_msg, &b, a->st);
	if (b.n == 0)
		return;
	if ((i = odid_aircraft(a, &b, t, &primary)) == 0)
		return;
	if (t != NULL && (primary != NULL ||
	    air_tx_ref(a, t->ac, t->ac_gen) == 0)) {
		t->ac = i;
		t->ac_gen = a->ac[i].gen;
	}
	ac = ac_touch(a, i, t, r, 1);
	ac->msgs += b.n - 1;
	air_serial_check(a, ac, r->ts_us);
	for (unsigned k = 0; k < b.n; k++) /* state first, */
		if (b.m[k].type != ODID_LOCATION)
			odid_apply(a, ac, &b.m[k], r->ts_us);
	for (unsigned k = 0; k < b.n; k++) /* then the fixes that use it */
		if (b.m[k].type == ODID_LOCATION)
			odid_location(a, ac, t, r, &b.m[k].u.loc);
}

/* ---- DJI ---- */

static int32_t
e7(double deg)
{
	return (int32_t)lround(deg * 1e7);
}

/* A DJI serial usable as a key: non-empty, printable, not all zeros
 * (private mode). */
static bool
dji_serial_ok(const struct dji_msg *m)
{
	bool nonzero = false;

	for (unsigned i = 0; i < m->serial_len; i++) {
		if (m->serial[i] < 0x21 || m->serial[i] > 0x7e)
			return false;
		if (m->serial[i] != '0')
			nonzero = true;
	}
	return m->serial_len > 0 && nonzero;
}

static uint32_t
dji_aircraft(struct air *a, const struct radio *r, const struct dji_msg *m,
    struct tx *t)
{
	uint32_t i;

	if (dji_serial_ok(m)) {
		if ((i = air_ac_find(a, (const char *)m->serial,
		    m->serial_len)) != 0)
			return i;
		if (t != NULL && (i = air_tx_ref(a, t->dji, t->dji_gen)) != 0 &&
		    a->ac[i].ac.id_type == AIR_IDT_MAC) {
			air_ac_rekey(a, i, (const char *)m->serial,
			    m->serial_len, AIR_IDT_DJI);
			return i;
		}
		return air_ac_new(a, (const char *)m->serial, m->serial_len,
		    AIR_IDT_DJI, r->ts_us);
	}
	if (t != NULL && (i = air_tx_ref(a, t->dji, t->dji_gen)) != 0)
		return i;
	return air_ac_of_tx(a, r);
}

static void
dji_telemetry(struct air *a, struct aircraft *ac, struct tx *t,
    const struct radio *r, const struct dji_msg *m)
{
	struct air_fix f;

	if (m->product != 0 || !ac->has_product) {
		ac->product = m->product;
		ac->has_product = true;
	}
	if (m->uuid_len > 0) {
		ac->uuid_len = m->uuid_len;
		memcpy(ac->uuid, m->uuid, m->uuid_len);
	}
	if (m->app_ok) {
		ac->has_op = true;
		ac->op_lat_e7 = e7(m->app_lat);
		ac->op_lon_e7 = e7(m->app_lon);
		ac->op_loc_type = 3;
	}
	if (m->home_ok) {
		ac->has_home = true;
		ac->home_lat_e7 = e7(m->home_lat);
		ac->home_lon_e7 = e7(m->home_lon);
	}
	ac->height_type = 0;
	if (!m->pos_ok)
		return;
	air_radio_fix(r, &f);
	f.lat_e7 = e7(m->lat);
	f.lon_e7 = e7(m->lon);
	f.alt_geo = (float)m->alt;
	f.height = (float)m->height;
	f.speed = (float)hypot(m->v_north, m->v_east);
	f.vspeed = (float)m->v_up;
	f.heading = (float)m->yaw;
	f.flags |= FIX_ALT_GEO | FIX_HEIGHT | FIX_SPEED | FIX_VSPEED |
	    FIX_HEADING | FIX_DJI;
	air_ac_fix(a, ac, t, &f, true);
}

void
air_dji(struct air *a, const struct radio *r, const struct dji_msg *m)
{
	struct tx *t;
	struct aircraft *ac;
	uint32_t i;

	if (!air_ready(a))
		return;
	t = r->has_tx ? tx_get(a, r->tx) : NULL;
	if ((i = dji_aircraft(a, r, m, t)) == 0)
		return;
	if (t != NULL) {
		t->dji = i;
		t->dji_gen = a->ac[i].gen;
	}
	ac = ac_touch(a, i, t, r, 2);
	if (m->sub == 0x11) {
		ac->purpose_len = m->purpose_len;
		memcpy(ac->purpose, m->purpose, m->purpose_len);
		return;
	}
	dji_telemetry(a, ac, t, r, m);
}

static void
on_payload(void *ctx, const struct radio *r, enum air_payload kind,
    struct cur c)
{
	struct air *a = ctx;
	struct dji_msg m;

	if (!air_ready(a))
		return;
	if (kind == AIRP_ODID)
		on_odid(a, r, c);
	else if (kind == AIRP_DJI && djiid_decode(c, &m, a->st) == DEC_OK)
		air_dji(a, r, &m);
}

void
air_frame(struct air *a, int dlt, uint64_t ts_us, const uint8_t *data,
    size_t n)
{
	struct radio_out out = { a, on_payload };

	(void)radio_decode(dlt, data, n, ts_us, &out, a->st);
}

