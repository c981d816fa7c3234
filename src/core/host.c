/* SPDX-License-Identifier: MIT */
/* host.c - the local host table: pool, chained buckets, exact LRU list.
 * It is touched once when a flow starts and once when it ends, never per
 * packet, so the list is kept exact by moving a host to the tail. */
#include "host.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "ilist.h"
#include "pool.h"

struct host_table {
	struct host *pool;    /* slots 1..max */
	uint32_t *bucket;
	uint32_t mask, max, used, freelist, count;
	struct ilist lru;     /* least recently active at head */
	uint32_t gw;          /* slot of the last gateway seen, or 0 */
	uint64_t seed;
	host_emit_fn emit;
	void *ctx;
	struct stats *st;
};

struct host_table *
host_new(uint32_t max, uint64_t seed, host_emit_fn emit, void *ctx,
    struct stats *st)
{
	struct host_table *t;

	if (max < 4 || max > (1u << 24))
		return NULL;
	t = calloc(1, sizeof *t);
	if (t == NULL)
		return NULL;
	t->max = max; /* first: host_free() sizes the pool by it */
	t->pool = pool_map((size_t)max + 1, sizeof *t->pool, false);
	t->bucket = pool_buckets(max, 256, &t->mask);
	if (t->pool == NULL || t->bucket == NULL) {
		host_free(t);
		return NULL;
	}
	t->lru = (struct ilist){ t->pool, sizeof *t->pool,
		offsetof(struct host, lru), 0, 0 };
	t->seed = seed;
	t->emit = emit;
	t->ctx = ctx;
	t->st = st;
	return t;
}

void
host_free(struct host_table *t)
{
	if (t == NULL)
		return;
	pool_unmap(t->pool, (size_t)t->max + 1, sizeof *t->pool);
	pool_unmap(t->bucket, (size_t)t->mask + 1, sizeof *t->bucket);
	free(t);
}

uint32_t
host_count(const struct host_table *t)
{
	return t->count;
}

static uint32_t
bucket_of(const struct host_table *t, const struct host_key *k)
{
	return (uint32_t)hash_bytes(k, sizeof *k, t->seed) & t->mask;
}

static void
lru_unlink(struct host_table *t, uint32_t i)
{
	ilist_unlink(&t->lru, i);
}

static void
lru_append(struct host_table *t, uint32_t i)
{
	ilist_append(&t->lru, i);
}

/* Host i becomes the most recent: the last the table evicts. */
static void
lru_renew(struct host_table *t, uint32_t i)
{
	lru_unlink(t, i);
	lru_append(t, i);
}

/* Remove host i (emitting it first) and free its slot. */
static void
host_remove(struct host_table *t, uint32_t i, bool evicted)
{
	struct host *h = &t->pool[i];
	uint32_t *pp = &t->bucket[bucket_of(t, &h->k)];

	t->emit(t->ctx, h, evicted);
	while (*pp && *pp != i)
		pp = &t->pool[*pp].hnext;
	if (*pp == i)
		*pp = h->hnext;
	lru_unlink(t, i);
	h->hnext = t->freelist;
	h->k.kind = 0; /* no key: a stale pointer to a free slot matches none */
	t->freelist = i;
	t->count--;
}

static struct host *
host_find(struct host_table *t, const struct host_key *k)
{
	for (uint32_t i = t->bucket[bucket_of(t, k)]; i; i = t->pool[i].hnext)
		if (memcmp(&t->pool[i].k, k, sizeof *k) == 0)
			return &t->pool[i];
	return NULL;
}

/* Find or create the host with key k, and make it the most recent. */
static struct host *
host_get(struct host_table *t, const struct host_key *k, uint64_t ts)
{
	struct host *h = host_find(t, k);
	uint32_t i, b;

	if (h) {
		lru_renew(t, (uint32_t)(h - t->pool));
		return h;
	}
	if (t->freelist) {
		i = t->freelist;
		t->freelist = t->pool[i].hnext;
	} else if (t->used < t->max) {
		i = ++t->used;
	} else {
		STAT_INC(t->st, HOST_EVICTED);
		host_remove(t, t->lru.head, true);
		i = t->freelist;
		t->freelist = t->pool[i].hnext;
	}
	h = &t->pool[i];
	memset(h, 0, sizeof *h);
	h->k = *k;
	h->first_us = h->last_us = ts;
	b = bucket_of(t, k);
	h->hnext = t->bucket[b];
	t->bucket[b] = i;
	lru_append(t, i);
	t->count++;
	return h;
}

/* The keys' first word (kind, MAC, pad) is stored whole: host_find()
 * hashes a key as three words, and a word read back over a byte store
 * and a 6-byte copy cannot be forwarded from them, a stall on every
 * lookup (a fifth of host_find's time). */
_Static_assert(offsetof(struct host_key, mac) == 1 &&
    offsetof(struct host_key, ip) == 8 && sizeof(struct host_key) == 24,
    "host_key_mac() and host_key_ip() store the key by these offsets");

static void
key_word(struct host_key *k, uint8_t kind, const uint8_t *mac)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w = 0;

	if (mac != NULL)
		memcpy(&w, mac, 6);
	w = w << 8 | kind;
	memcpy(k, &w, sizeof w);
#else
	memset(k, 0, 8);
	k->kind = kind;
	if (mac != NULL)
		memcpy(k->mac, mac, 6);
#endif
}

void
host_key_mac(struct host_key *k, const uint8_t *mac)
{
	static const struct addr none;

	key_word(k, HOST_BY_MAC, mac);
	k->ip = none;
}

void
host_key_ip(struct host_key *k, const struct addr *ip)
{
	key_word(k, HOST_BY_IP, NULL);
	k->ip = *ip;
}

static void
ip_merge(struct host_ip *e, const struct host_ip *from)
{
	if (from->first_us < e->first_us || e->first_us == 0)
		e->first_us = from->first_us;
	if (from->last_us > e->last_us)
		e->last_us = from->last_us;
	e->pkts_out += from->pkts_out;
	e->pkts_in += from->pkts_in;
	e->bytes_out += from->bytes_out;
	e->bytes_in += from->bytes_in;
	e->flows += from->flows;
}

/* Index of ip in h->ip[], adding it if there is room; -1 if full. */
static int
ip_slot(struct host *h, const struct addr *ip, uint64_t ts)
{
	for (int j = 0; j < h->nip; j++)
		if (memcmp(&h->ip[j].ip, ip, sizeof *ip) == 0)
			return j;
	if (addr_is_v4(ip))
		h->nv4++;
	else
		h->nv6++;
	if (h->nip >= HOST_MAX_IPS) {
		h->ips_dropped++;
		return -1;
	}
	memset(&h->ip[h->nip], 0, sizeof h->ip[0]);
	h->ip[h->nip].ip = *ip;
	h->ip[h->nip].first_us = h->ip[h->nip].last_us = ts;
	return h->nip++;
}

/* Turn MAC-keyed host h into a router record: the addresses merged into
 * it become IP-keyed hosts with their own counters. h may be evicted by
 * the hosts this creates, so it is not used afterwards. */
static void
make_router(struct host_table *t, struct host *h)
{
	struct host_ip moved[HOST_MAX_IPS];
	uint8_t mac[6], n = h->nip;
	struct host_key k;

	STAT_INC(t->st, HOST_ROUTER_MACS);
	memcpy(moved, h->ip, sizeof moved);
	memcpy(mac, h->k.mac, 6);
	h->router = true;
	h->nip = 0;
	h->pkts_out = h->pkts_in = h->bytes_out = h->bytes_in = 0;
	h->flows = 0;
	for (uint8_t j = 0; j < n; j++) {
		struct host *hi;
		int s;

		host_key_ip(&k, &moved[j].ip);
		hi = host_get(t, &k, moved[j].first_us);
		hi->has_via = true;
		memcpy(hi->via_mac, mac, 6);
		s = ip_slot(hi, &moved[j].ip, moved[j].first_us);
		if (s >= 0)
			ip_merge(&hi->ip[s], &moved[j]);
		if (moved[j].first_us < hi->first_us)
			hi->first_us = moved[j].first_us;
		if (moved[j].last_us > hi->last_us)
			hi->last_us = moved[j].last_us;
		hi->pkts_out += moved[j].pkts_out;
		hi->pkts_in += moved[j].pkts_in;
		hi->bytes_out += moved[j].bytes_out;
		hi->bytes_in += moved[j].bytes_in;
		hi->flows += moved[j].flows;
	}
}

static bool
mac_is_group(const uint8_t *m)
{
	return (m[0] & 1u) != 0;
}

void
host_gateway(struct host_table *t, const uint8_t *m, uint64_t ts_us)
{
	struct host_key k;
	struct host *h;

	if (mac_is_group(m))
		return;
	/* Nearly every flow to the outside names the same gateway: check the
	 * last one first (a removed host has no key, so never matches). */
	h = &t->pool[t->gw];
	if (t->gw != 0 && h->k.kind == HOST_BY_MAC && h->router &&
	    memcmp(h->k.mac, m, 6) == 0) {
		lru_unlink(t, t->gw);
		lru_append(t, t->gw);
	} else {
		host_key_mac(&k, m);
		h = host_get(t, &k, ts_us);
		t->gw = (uint32_t)(h - t->pool);
	}
	if (ts_us > h->last_us)
		h->last_us = ts_us;
	if (!h->router)
		make_router(t, h); /* may evict h: t->gw is checked on use */
}

/* Addresses that never name a host: unspecified, multicast, broadcast. */
static bool
ip_is_host(const struct addr *a)
{
	static const uint8_t zero[16];

	if (addr_is_v4(a)) {
		const uint8_t *v = a->b + 12;
		if (memcmp(v, zero, 4) == 0 || v[0] >= 224)
			return false;
		return true;
	}
	return memcmp(a->b, zero, 16) != 0 && a->b[0] != 0xff;
}

static void
account(struct host *h, int s, bool created, uint64_t ts, uint64_t po,
    uint64_t bo, uint64_t pi, uint64_t bi)
{
	struct host_ip *e = s >= 0 ? &h->ip[s] : NULL;

	if (ts < h->first_us)
		h->first_us = ts;
	if (ts > h->last_us)
		h->last_us = ts;
	if (created)
		h->flows++;
	h->pkts_out += po;
	h->bytes_out += bo;
	h->pkts_in += pi;
	h->bytes_in += bi;
	if (e == NULL)
		return;
	if (ts < e->first_us)
		e->first_us = ts;
	if (ts > e->last_us)
		e->last_us = ts;
	if (created)
		e->flows++;
	e->pkts_out += po;
	e->bytes_out += bo;
	e->pkts_in += pi;
	e->bytes_in += bi;
}

void
host_touch(struct host_table *t, struct host *h, uint64_t ts_us)
{
	lru_renew(t, (uint32_t)(h - t->pool));
	if (ts_us > h->last_us)
		h->last_us = ts_us;
}

struct host *
host_flow(struct host_table *t, const struct host_obs *o, bool created,
    uint64_t po, uint64_t bo, uint64_t pi, uint64_t bi)
{
	bool ipok = ip_is_host(o->ip);
	struct host_key k;
	struct host *h = NULL;
	int s = -1;

	if (o->mac && mac_is_group(o->mac))
		return NULL;
	if (o->mac) {
		host_key_mac(&k, o->mac);
		h = host_find(t, &k);
		if (h == NULL || !h->router) {
			if (h != NULL) { /* most recent now */
				lru_unlink(t, (uint32_t)(h - t->pool));
				lru_append(t, (uint32_t)(h - t->pool));
			} else {
				h = host_get(t, &k, o->ts_us);
			}
			if (ipok)
				s = ip_slot(h, o->ip, o->ts_us);
			if (h->nv4 > HOST_ROUTER_V4 ||
			    h->nv6 > HOST_ROUTER_V6) {
				make_router(t, h);
				h = NULL;
			}
		} else {
			h = NULL; /* a router: key the host behind it by IP */
		}
	}
	if (h == NULL) {
		if (!ipok)
			return NULL;
		host_key_ip(&k, o->ip);
		h = host_get(t, &k, o->ts_us);
		if (o->mac) {
			h->has_via = true;
			memcpy(h->via_mac, o->mac, 6);
		}
		s = ip_slot(h, o->ip, o->ts_us);
	}
	h->vlan = o->vlan;
	account(h, s, created, o->ts_us, po, bo, pi, bi);
	return h;
}

char *
host_key_fmt(const struct host_key *k, char *buf, size_t n)
{
	char tmp[48];

	if (k->kind == HOST_BY_MAC)
		snprintf(buf, n, "mac:%s", mac_fmt(k->mac, tmp, sizeof tmp));
	else
		snprintf(buf, n, "ip:%s", addr_fmt(&k->ip, tmp, sizeof tmp));
	return buf;
}

bool
host_is_endpoint(struct host_table *t, const uint8_t *m)
{
	struct host_key k;
	const struct host *h;

	if (mac_is_group(m))
		return false;
	/* The MAC in front of a remote address is nearly always the last
	 * gateway seen (a removed host has no key, so never matches). */
	h = &t->pool[t->gw];
	if (t->gw != 0 && h->k.kind == HOST_BY_MAC && h->router &&
	    memcmp(h->k.mac, m, 6) == 0)
		return false;
	host_key_mac(&k, m);
	h = host_find(t, &k);
	return h != NULL && !h->router;
}

void
host_each(struct host_table *t,
    void (*fn)(void *ctx, const struct host *h), void *ctx)
{
	for (uint32_t i = t->lru.head; i; i = t->pool[i].lru.next)
		fn(ctx, &t->pool[i]);
}

static int
cmp_host(const void *x, const void *y, void *pool)
{
	const struct host *a = (const struct host *)pool + *(const uint32_t *)x;
	const struct host *b = (const struct host *)pool + *(const uint32_t *)y;

	return memcmp(&a->k, &b->k, sizeof a->k);
}

void
host_flush(struct host_table *t)
{
	uint32_t *order, n = 0;

	order = malloc(((size_t)t->count + 1) * sizeof *order);
	if (order == NULL) {
		while (t->lru.head)
			host_remove(t, t->lru.head, false);
		return;
	}
	for (uint32_t i = t->lru.head; i; i = t->pool[i].lru.next)
		order[n++] = i;
	qsort_r(order, n, sizeof *order, cmp_host, t->pool);
	for (uint32_t j = 0; j < n; j++)
		host_remove(t, order[j], false);
	free(order);
}
