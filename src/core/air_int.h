/* SPDX-License-Identifier: MIT */
/* air_int.h - what the airspace's files (air.c: filing of broadcasts
 * and the transmitter table, air_store.c: the aircraft table and tracks,
 * air_check.c: spoof, authentication and zone checks, air_rec.c:
 * records) share. Not for use outside them. */
#ifndef VIGIE_AIR_INT_H
#define VIGIE_AIR_INT_H

#include "air.h"

#define NCHUNKS (AIR_POINTS / AIR_CHUNK)

struct chunk {
	uint32_t next;
	uint32_t n;
	struct air_fix p[AIR_CHUNK];
};

/* What a transmitter (a MAC) has sent lately. */
struct tx {
	struct ilink age;
	uint32_t chain;
	uint8_t mac[6];
	uint8_t nids;          /* distinct aircraft IDs it sent (capped) */
	uint32_t ids[AIR_TX_MAX_IDS + 1]; /* their aircraft (slot, gen) */
	uint32_t ids_gen[AIR_TX_MAX_IDS + 1];
	uint32_t ac, ac_gen;   /* aircraft of its last ASTM ID */
	uint32_t dji, dji_gen; /* aircraft of its last DJI record */
	uint64_t astm_ts, dji_ts; /* its last fix in each protocol */
	int32_t astm_lat, astm_lon, dji_lat, dji_lon;
	bool many_raised;
};

struct slot {
	struct aircraft ac;
	uint32_t gen;          /* bumped when the slot is freed */
	bool used;
};

struct air {
	struct air_cfg cfg;
	struct alerts *al;
	struct stats *st;
	uint64_t seed;
	bool ready, failed;
	struct slot *ac;       /* [AIR_MAX_AIRCRAFT + 1], 0 unused */
	uint32_t *abkt, amask, afree, nac;
	struct ilist aage;
	struct tx *tx;         /* [AIR_MAX_TX + 1] */
	uint32_t *tbkt, tmask, tfree;
	struct ilist tage;
	struct chunk *ck;      /* [NCHUNKS + 1] */
	uint32_t cfree;
	uint32_t anext, tnext, cnext; /* slots never used yet start here */
	uint64_t heard;
	const struct alert_rule *r_speed, *r_places, *r_op, *r_serial,
	    *r_radios, *r_many, *r_mismatch, *r_auth, *r_round, *r_zdrone,
	    *r_zop;
};

/* UA type names and the fastest credible speed of each (m/s). */
extern const char *const air_ua_names[16];
extern const double air_ua_vmax[16];

/* Aircraft and tracks (air_store.c), once air.c has made the tables. */

/* air_ac_find: the slot of the aircraft keyed by key[0..n), or 0. */
uint32_t air_ac_find(struct air *a, const char *key, size_t n);

/* air_ac_new: a new aircraft keyed by key[0..n) (n <= AIR_KEY_MAX, a key
 * no aircraft holds) of ID type idt, first heard at ts; it becomes the
 * most recently heard. When the table is full the least recently heard
 * is written (evicted), its track freed and its slot's generation
 * bumped. Returns its slot (never 0). */
uint32_t air_ac_new(struct air *a, const char *key, size_t n, uint8_t idt,
    uint64_t ts);

/* air_ac_rekey: file aircraft i under key[0..n) of ID type idt instead
 * (no aircraft may hold that key); the rest of it is kept. */
void air_ac_rekey(struct air *a, uint32_t i, const char *key, size_t n,
    uint8_t idt);

/* air_ac_of_tx: the aircraft keyed by the transmitter of r ("mac:..."),
 * made if new; 0 when r has no transmitter. */
uint32_t air_ac_of_tx(struct air *a, const struct radio *r);

/* air_tx_ref: i if slot i still holds the aircraft it held at generation
 * gen (a transmitter's reference), else 0 (also for i == 0). */
uint32_t air_tx_ref(const struct air *a, uint32_t i, uint32_t gen);

/* air_track_add: append fix f to ac's track (adding to its path length).
 * At AIR_TRACK_MAX points, or when it needs a chunk and the pool is
 * empty, the track is thinned first; if that frees nothing the fix is
 * left out of the track. */
void air_track_add(struct air *a, struct aircraft *ac,
    const struct air_fix *f);

/* air_hit (air.c): one hit of rule r about ac (alert device "drone:<id>"). */
void air_hit(struct air *a, const struct aircraft *ac,
    const struct alert_rule *r, const char *ref, const char *ev,
    uint64_t first, uint64_t last);

/* Checks (air_check.c). */
void air_radio_fix(const struct radio *r, struct air_fix *f);
void air_ac_fix(struct air *a, struct aircraft *ac, struct tx *t,
    struct air_fix *f, bool dji);
void air_auth_page(struct air *a, struct aircraft *ac,
    const struct odid_auth *p, uint64_t ts);
void air_auth_close(struct air *a, struct aircraft *ac, uint64_t ts);
void air_serial_check(struct air *a, struct aircraft *ac, uint64_t ts);
void air_zone_check(struct air *a, struct aircraft *ac,
    const struct zone *z, bool op);

/* Records (air_rec.c): the drone record and its positions. */
void air_ac_write(struct air *a, struct aircraft *ac);

#endif
