/* SPDX-License-Identifier: MIT */
/* flow.c - the flow table: pool + free list, chained power-of-two buckets,
 * and an age list with lazy re-queueing.
 *
 * The age list is kept in order of list_us, the time a flow was last put
 * at its tail. A packet only updates last_us; when a flow reaches the head
 * and turns out to have been active since (last_us > list_us) it goes back
 * to the tail. So the head, once settled, is exactly the least recently
 * active flow, and the per-packet path does no list surgery. */
#include "flow.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "ilist.h"
#include "limits.h"
#include "pool.h"

struct flow_table {
	struct flow *pool;   /* slots 1..max; slot 0 is the null index */
	uint32_t *bucket;    /* heads of chains */
	uint32_t mask;       /* bucket count - 1 */
	uint32_t max, used;  /* capacity; slots ever handed out */
	uint32_t freelist;   /* recycled slots, chained through hnext */
	uint32_t count;      /* live flows */
	struct ilist age;    /* least recently queued at head */
	uint64_t idle_us, seed;
	flow_emit_fn emit;
	void *ctx;
	struct stats *st;
};

struct flow_table *
flow_new(uint32_t max, uint64_t idle_us, uint64_t seed, flow_emit_fn emit,
    void *ctx, struct stats *st)
{
	struct flow_table *t;

	if (max < FLOW_MIN_MAX || max > FLOW_MAX_MAX)
		return NULL;
	t = calloc(1, sizeof *t);
	if (t == NULL)
		return NULL;
	t->max = max; /* first: flow_free() sizes the pool by it */
	/* Each 128-byte flow on one pair of cache lines; huge pages for
	 * the random lookups. */
	t->pool = pool_map((size_t)max + 1, sizeof *t->pool, true);
	t->bucket = pool_buckets(max, 1024, &t->mask);
	if (t->pool == NULL || t->bucket == NULL) {
		flow_free(t);
		return NULL;
	}
	t->age = (struct ilist){ t->pool, sizeof *t->pool,
		offsetof(struct flow, age), 0, 0 };
	t->idle_us = idle_us;
	t->seed = seed;
	t->emit = emit;
	t->ctx = ctx;
	t->st = st;
	return t;
}

void
flow_free(struct flow_table *t)
{
	if (t == NULL)
		return;
	pool_unmap(t->pool, (size_t)t->max + 1, sizeof *t->pool);
	pool_unmap(t->bucket, (size_t)t->mask + 1, sizeof *t->bucket);
	free(t);
}

uint32_t
flow_count(const struct flow_table *t)
{
	return t->count;
}

static uint32_t
bucket_of(const struct flow_table *t, const struct flow_key *k)
{
	return (uint32_t)hash_key40(k, t->seed) & t->mask;
}

/* Keys are equal: five 8-byte words, no library call. */
static bool
key_eq(const struct flow_key *x, const struct flow_key *y)
{
	uint64_t a[5], b[5];

	memcpy(a, x, sizeof a);
	memcpy(b, y, sizeof b);
	return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) |
	    (a[3] ^ b[3]) | (a[4] ^ b[4])) == 0;
}

static void
age_unlink(struct flow_table *t, uint32_t i)
{
	ilist_unlink(&t->age, i);
}

static void
age_append(struct flow_table *t, uint32_t i)
{
	ilist_append(&t->age, i);
	t->pool[i].list_us = t->pool[i].last_us;
}

/* End flow i: emit it, unlink it from its chain and the age list, and
 * put its slot on the free list. */
static void
flow_end(struct flow_table *t, uint32_t i, enum flow_end why)
{
	struct flow *f = &t->pool[i];
	uint32_t *pp = &t->bucket[f->bucket];

	t->emit(t->ctx, f, why);
	while (*pp && *pp != i)
		pp = &t->pool[*pp].hnext;
	if (*pp == i)
		*pp = f->hnext;
	age_unlink(t, i);
	f->hnext = t->freelist;
	t->freelist = i;
	t->count--;
}

/* Settle the head: re-queue flows active since they were queued, so the
 * head is the least recently active. Each re-queue follows a packet on
 * that flow, so the work is bounded by packets seen. */
static uint32_t
age_settle(struct flow_table *t)
{
	while (t->age.head) {
		struct flow *f = &t->pool[t->age.head];
		uint32_t i = t->age.head;

		if (f->last_us <= f->list_us || t->age.head == t->age.tail)
			return i;
		age_unlink(t, i);
		age_append(t, i);
	}
	return 0;
}

void
flow_expire(struct flow_table *t, uint64_t now)
{
	while (t->age.head) {
		struct flow *h = &t->pool[t->age.head];
		uint32_t i;

		/* Fast path: the head was queued recently enough. */
		if (h->list_us + t->idle_us >= now)
			return;
		i = age_settle(t);
		if (t->pool[i].last_us + t->idle_us >= now)
			return;
		STAT_INC(t->st, FLOW_IDLE);
		flow_end(t, i, FLOW_END_IDLE);
	}
}

static uint32_t
slot_take(struct flow_table *t)
{
	uint32_t i;

	if (t->freelist) {
		i = t->freelist;
		t->freelist = t->pool[i].hnext;
		return i;
	}
	if (t->used < t->max)
		return ++t->used;
	/* Full: push out the least recently active flow. */
	i = age_settle(t);
	STAT_INC(t->st, FLOW_EVICTED);
	flow_end(t, i, FLOW_END_EVICTED);
	i = t->freelist;
	t->freelist = t->pool[i].hnext;
	return i;
}

/* Order two (address, port) endpoints: negative if the first is lower. */
static int
endpoint_cmp(const struct addr *a, uint16_t pa, const struct addr *b,
    uint16_t pb)
{
	uint64_t x, y;

	memcpy(&x, a->b, 8), memcpy(&y, b->b, 8);
	if (x == y)
		memcpy(&x, a->b + 8, 8), memcpy(&y, b->b + 8, 8);
	if (x != y)
		return __builtin_bswap64(x) < __builtin_bswap64(y) ? -1 : 1;
	return (int)pa - (int)pb;
}

/* Build the canonical key of p; *side is 0 if p's source is side a.
 * The last word (ports, protocol, VLAN) is stored at once: hashing reads
 * the key back as five words, and one word read over four narrow stores
 * cannot be forwarded from them (a stall as long as the hash itself). */
static void
key_of(const struct pkt *p, struct flow_key *k, int *side)
{
	uint16_t pa = p->sport, pb = p->dport;

	if (endpoint_cmp(&p->src, p->sport, &p->dst, p->dport) <= 0) {
		k->a = p->src;
		k->b = p->dst;
		*side = 0;
	} else {
		k->a = p->dst;
		k->b = p->src;
		pa = p->dport, pb = p->sport;
		*side = 1;
	}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	{
		uint64_t w = (uint64_t)pa | (uint64_t)pb << 16 |
		    (uint64_t)p->proto << 32 | (uint64_t)p->vlan << 48;
		_Static_assert(offsetof(struct flow_key, pb) == 34 &&
		    offsetof(struct flow_key, proto) == 36 &&
		    offsetof(struct flow_key, vlan) == 38,
		    "key_of() packs the last key word by these offsets");
		memcpy((char *)k + offsetof(struct flow_key, pa), &w, sizeof w);
	}
#else
	k->pa = pa;
	k->pb = pb;
	k->proto = p->proto;
	k->pad = 0;
	k->vlan = p->vlan;
#endif
}

static uint32_t
flow_insert(struct flow_table *t, const struct flow_key *k,
    const struct pkt *p, int side)
{
	uint32_t i = slot_take(t), b = bucket_of(t, k);
	struct flow *f = &t->pool[i];

	memset(f, 0, sizeof *f);
	f->k = *k;
	f->hnext = t->bucket[b];
	f->bucket = b;
	t->bucket[b] = i;
	f->first_us = f->last_us = p->ts_us;
	/* The initiator: the sender, unless this is a SYN-ACK (the capture
	 * began mid-handshake), whose receiver opened the connection. */
	f->init = (uint8_t)side;
	if (p->proto == 6 && (p->tcp_flags & (TCP_SYN | TCP_ACK)) ==
	    (TCP_SYN | TCP_ACK))
		f->init = (uint8_t)!side;
	if (p->mac_src) {
		memcpy(f->mac[side], p->mac_src, 6);
		f->has_mac |= (uint8_t)(1u << side);
	}
	if (p->mac_dst) {
		memcpy(f->mac[!side], p->mac_dst, 6);
		f->has_mac |= (uint8_t)(1u << !side);
	}
	age_append(t, i);
	t->count++;
	return i;
}

/* A pure SYN on a flow that was closed (FIN both ways, or RST) starts a
 * new connection on the same 5-tuple. */
static bool
tcp_reused(const struct flow *f, const struct pkt *p)
{
	return p->proto == 6 &&
	    (p->tcp_flags & (TCP_SYN | TCP_ACK)) == TCP_SYN &&
	    ((f->tcp & (FLOW_FIN_A | FLOW_FIN_B)) ==
	    (FLOW_FIN_A | FLOW_FIN_B) || (f->tcp & FLOW_RST));
}

void
flow_probe(const struct flow_table *t, const struct pkt *p,
    struct flow_probe *pr)
{
	int side;

	key_of(p, &pr->k, &side);
	pr->side = (uint8_t)side;
	pr->bucket = bucket_of(t, &pr->k);
	__builtin_prefetch(&t->bucket[pr->bucket]);
}

void
flow_prefetch(const struct flow_table *t, const struct flow_probe *pr)
{
	uint32_t i = t->bucket[pr->bucket];

	if (i) {
		__builtin_prefetch(&t->pool[i]);
		__builtin_prefetch((const char *)&t->pool[i] + 64);
	}
}

struct flow *
flow_update_probed(struct flow_table *t, const struct pkt *p,
    const struct flow_probe *pr, bool *created)
{
	unsigned side = pr->side;
	struct flow *f;
	uint32_t i;

	*created = false;
	for (i = t->bucket[pr->bucket]; i; i = t->pool[i].hnext)
		if (key_eq(&t->pool[i].k, &pr->k))
			break;
	if (i && tcp_reused(&t->pool[i], p)) {
		STAT_INC(t->st, FLOW_TCP_REUSE);
		flow_end(t, i, FLOW_END_CLOSED);
		i = 0;
	}
	if (i == 0) {
		i = flow_insert(t, &pr->k, p, (int)side);
		*created = true;
	}
	f = &t->pool[i];
	if (p->ts_us > f->last_us)
		f->last_us = p->ts_us;
	if (p->ts_us < f->first_us)
		f->first_us = p->ts_us;
	f->pkts[side]++;
	f->bytes[side] += p->ip_len;
	if (p->proto == 6) {
		if (p->tcp_flags & TCP_FIN)
			f->tcp |= side ? FLOW_FIN_B : FLOW_FIN_A;
		if (p->tcp_flags & TCP_RST)
			f->tcp |= FLOW_RST;
		if (p->tcp_flags & TCP_SYN)
			f->tcp |= FLOW_SYN;
	}
	return f;
}

struct flow *
flow_update(struct flow_table *t, const struct pkt *p, int *side,
    bool *created)
{
	struct flow_probe pr;

	flow_probe(t, p, &pr);
	*side = pr.side;
	return flow_update_probed(t, p, &pr, created);
}

/* Flush order: first packet time, then key. The time sits beside the
 * index so most comparisons touch no flow. */
struct flush_ent {
	uint64_t first_us;
	uint32_t i;
};

static int
cmp_flush(const void *x, const void *y, void *pool)
{
	const struct flush_ent *a = x, *b = y;

	if (a->first_us != b->first_us)
		return a->first_us < b->first_us ? -1 : 1;
	return memcmp(&((const struct flow *)pool)[a->i].k,
	    &((const struct flow *)pool)[b->i].k, sizeof(struct flow_key));
}

void
flow_flush(struct flow_table *t)
{
	struct flush_ent *order;
	uint32_t n = 0;

	order = malloc(((size_t)t->count + 1) * sizeof *order);
	if (order == NULL) {
		/* Out of memory at the end: emit in age order instead. */
		while (t->age.head)
			flow_end(t, t->age.head, FLOW_END_EOF);
		return;
	}
	for (uint32_t i = t->age.head; i; i = t->pool[i].age.next)
		order[n++] = (struct flush_ent){ t->pool[i].first_us, i };
	qsort_r(order, n, sizeof *order, cmp_flush, t->pool);
	for (uint32_t j = 0; j < n; j++)
		t->emit(t->ctx, &t->pool[order[j].i], FLOW_END_EOF);
	free(order);
	/* Every flow is out: empty the table in one go rather than unlinking
	 * each from its chain. */
	memset(t->bucket, 0, ((size_t)t->mask + 1) * sizeof *t->bucket);
	t->age.head = t->age.tail = 0;
	t->used = t->freelist = t->count = 0;
}
