/* SPDX-License-Identifier: MIT */
/* air_store.c - where the aircraft are kept: a table of slots keyed by
 * aircraft ID (hashed buckets, an age list; at the cap the least recently
 * heard is written and evicted, and a generation count tells stale
 * references), and each aircraft's track: its points in chunks from a
 * shared pool, thinned to every second point when long or when the pool
 * runs dry. Capacities are in limits.h; air.c files messages here. */
#include <string.h>

#include "air_int.h"
#include "hash.h"
#include "host.h"
#include "limits.h"

/* ---- track points ---- */

/* Give chunks c, c->next, ... back to the pool. */
static void
chunks_release(struct air *a, uint32_t c)
{
	while (c != 0) {
		uint32_t next = a->ck[c].next;

		a->ck[c].next = a->cfree;
		a->cfree = c;
		c = next;
	}
}

/* Keep every second point of ac's track (always the last), compacted
 * into its first chunks; the rest go back to the pool. */
static void
track_thin(struct air *a, struct aircraft *ac)
{
	uint32_t wc = ac->head, kept = 0, k = 0, i = 0;
	uint32_t total = ac->npts;

	ac->npts = 0;
	for (uint32_t c = ac->head; c != 0; c = a->ck[c].next) {
		for (uint32_t j = 0; j < a->ck[c].n; j++, i++) {
			if (i % 2 != 0 && i != total - 1)
				continue;
			if (k == AIR_CHUNK) {
				a->ck[wc].n = k;
				wc = a->ck[wc].next;
				k = 0;
			}
			a->ck[wc].p[k++] = a->ck[c].p[j];
			kept++;
		}
	}
	a->ck[wc].n = k;
	chunks_release(a, a->ck[wc].next);
	a->ck[wc].next = 0;
	ac->tail = wc;
	ac->npts = kept;
	ac->thinned++;
	STAT_INC(a->st, AIR_TRACK_THINNED);
}

void
air_track_add(struct air *a, struct aircraft *ac, const struct air_fix *f)
{
	uint32_t t = ac->tail;

	if (ac->npts >= AIR_TRACK_MAX)
		track_thin(a, ac);
	if (t == 0 || a->ck[ac->tail].n == AIR_CHUNK) {
		uint32_t c = a->cfree;

		if (c == 0 && a->cnext <= NCHUNKS) {
			c = a->cnext++;
			a->ck[c].next = 0;
			a->cfree = c;
		}
		if (c == 0) {
			if (ac->npts < 2)
				return; /* nothing of its own to give */
			track_thin(a, ac);
			if (a->ck[ac->tail].n < AIR_CHUNK)
				goto put;
			if ((c = a->cfree) == 0)
				return;
		}
		a->cfree = a->ck[c].next;
		a->ck[c].next = 0;
		a->ck[c].n = 0;
		if (ac->tail)
			a->ck[ac->tail].next = c;
		else
			ac->head = c;
		ac->tail = c;
	}
put:
	if (ac->npts > 0 && ac->has_fix) {
		/* path length from the point before */
		const struct air_fix *l = &ac->fix;
		ac->path_m += geo_metres(l->lat_e7 / 1e7, l->lon_e7 / 1e7,
		    f->lat_e7 / 1e7, f->lon_e7 / 1e7);
	}
	a->ck[ac->tail].p[a->ck[ac->tail].n++] = *f;
	ac->npts++;
}

void
air_points(struct air *a, const struct aircraft *ac,
    void (*fn)(void *ctx, const struct air_fix *f), void *ctx)
{
	for (uint32_t c = ac->head; c != 0; c = a->ck[c].next)
		for (uint32_t j = 0; j < a->ck[c].n; j++)
			fn(ctx, &a->ck[c].p[j]);
}

/* ---- aircraft table ---- */

static uint32_t
ac_bucket(const struct air *a, const char *key, size_t n)
{
	return (uint32_t)hash_bytes(key, n, a->seed) & a->amask;
}

uint32_t
air_ac_find(struct air *a, const char *key, size_t n)
{
	for (uint32_t i = a->abkt[ac_bucket(a, key, n)]; i != 0;
	    i = a->ac[i].ac.chain)
		if (a->ac[i].ac.key_len == n &&
		    memcmp(a->ac[i].ac.key, key, n) == 0)
			return i;
	return 0;
}

static void
ac_unchain(struct air *a, uint32_t i)
{
	struct aircraft *ac = &a->ac[i].ac;
	uint32_t *pp = &a->abkt[ac_bucket(a, ac->key, ac->key_len)];

	while (*pp != i)
		pp = &a->ac[*pp].ac.chain;
	*pp = ac->chain;
}

uint32_t
air_ac_new(struct air *a, const char *key, size_t n, uint8_t idt,
    uint64_t ts)
{
	struct aircraft *ac;
	uint32_t i;

	if (a->afree == 0 && a->anext <= AIR_MAX_AIRCRAFT) {
		a->ac[a->anext].ac.chain = 0;
		a->afree = a->anext++;
	}
	if (a->afree == 0) { /* full: write the least recently heard */
		uint32_t old = a->aage.head;

		a->ac[old].ac.evicted = true;
		air_ac_write(a, &a->ac[old].ac);
		STAT_INC(a->st, AIR_AIRCRAFT_EVICTED);
		ilist_unlink(&a->aage, old);
		ac_unchain(a, old);
		chunks_release(a, a->ac[old].ac.head);
		a->ac[old].used = false;
		a->ac[old].gen++;
		a->ac[old].ac.chain = a->afree;
		a->afree = old;
		a->nac--;
	}
	i = a->afree;
	a->afree = a->ac[i].ac.chain;
	ac = &a->ac[i].ac;
	memset(ac, 0, sizeof *ac);
	memcpy(ac->key, key, n);
	ac->key_len = (uint8_t)n;
	ac->id_type = idt;
	ac->first_us = ac->last_us = ts;
	a->ac[i].used = true;
	ac->chain = a->abkt[ac_bucket(a, key, n)];
	a->abkt[ac_bucket(a, key, n)] = i;
	ilist_append(&a->aage, i);
	a->nac++;
	a->heard++;
	return i;
}

/* Give aircraft i a new key (no aircraft may hold it). */
void
air_ac_rekey(struct air *a, uint32_t i, const char *key, size_t n,
    uint8_t idt)
{
	struct aircraft *ac = &a->ac[i].ac;
	uint32_t b;

	ac_unchain(a, i);
	memcpy(ac->key, key, n);
	ac->key_len = (uint8_t)n;
	ac->id_type = idt;
	b = ac_bucket(a, key, n);
	ac->chain = a->abkt[b];
	a->abkt[b] = i;
}

/* The aircraft keyed by the transmitter of r ("mac:..."), made if new;
 * 0 when r has no transmitter (a message from no one is not filed). */
uint32_t
air_ac_of_tx(struct air *a, const struct radio *r)
{
	struct host_key k;
	char key[AIR_KEY_MAX];
	size_t n;
	uint32_t i;

	if (!r->has_tx)
		return 0;
	host_key_mac(&k, r->tx);
	n = strlen(host_key_fmt(&k, key, sizeof key));
	if ((i = air_ac_find(a, key, n)) != 0)
		return i;
	return air_ac_new(a, key, n, AIR_IDT_MAC, r->ts_us);
}

/* The aircraft a transmitter's reference names, if still the same. */
uint32_t
air_tx_ref(const struct air *a, uint32_t i, uint32_t gen)
{
	return i != 0 && a->ac[i].used && a->ac[i].gen == gen ? i : 0;
}
