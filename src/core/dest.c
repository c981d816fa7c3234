/* SPDX-License-Identifier: MIT */
/* dest.c - destinations of local devices (see dest.h). */
#include "dest.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "pool.h"

struct dest_table {
	struct dest *pool;      /* slot 0 unused */
	uint32_t *bucket, mask;
	uint32_t max, used, count, freelist;
	struct ilist age;       /* least recently updated at head */
	uint64_t seed;
	dest_emit_fn emit;
	void *ctx;
	struct stats *st;
	const struct dest **sorted;
};

struct dest_table *
dest_new(uint32_t max, uint64_t seed, dest_emit_fn emit, void *ctx,
    struct stats *st)
{
	struct dest_table *t;

	if (max < 16 || max > (1u << 24))
		return NULL;
	if ((t = calloc(1, sizeof *t)) == NULL)
		return NULL;
	t->max = max; /* first: dest_free() sizes the pool by it */
	t->pool = pool_map((size_t)max + 1, sizeof *t->pool, false);
	t->bucket = pool_buckets(max, 64, &t->mask);
	if (t->pool == NULL || t->bucket == NULL) {
		dest_free(t);
		return NULL;
	}
	t->seed = seed;
	t->emit = emit;
	t->ctx = ctx;
	t->st = st;
	t->age = (struct ilist){ t->pool, sizeof *t->pool,
		offsetof(struct dest, age), 0, 0 };
	return t;
}

void
dest_free(struct dest_table *t)
{
	if (t == NULL)
		return;
	pool_unmap(t->pool, (size_t)t->max + 1, sizeof *t->pool);
	pool_unmap(t->bucket, (size_t)t->mask + 1, sizeof *t->bucket);
	free(t->sorted);
	free(t);
}

static uint32_t
bucket_of(const struct dest_table *t, const struct host_key *h,
    const struct addr *remote, uint16_t port, uint8_t proto)
{
	uint64_t x = hash_bytes(h, sizeof *h, t->seed);

	x = hash_bytes(remote, sizeof *remote, x);
	x ^= (uint64_t)port << 8 | proto;
	x *= 0x9e3779b97f4a7c15ull;
	return (uint32_t)(x >> 32) & t->mask;
}

/* Take slot i out of its chain and the age list, onto the free list. */
static void
remove_slot(struct dest_table *t, uint32_t i)
{
	struct dest *d = &t->pool[i];
	uint32_t *pp = &t->bucket[bucket_of(t, &d->host, &d->remote, d->port,
	    d->proto)];

	while (*pp != i)
		pp = &t->pool[*pp].hnext;
	*pp = d->hnext;
	ilist_unlink(&t->age, i);
	d->hnext = t->freelist;
	t->freelist = i;
	t->count--;
}

static void
set_name(struct dest *d, const struct dest_obs *o)
{
	const char *n = o->name;
	size_t len = o->nlen;

	if (n == NULL || len == 0 || o->name_src < d->name_src)
		return;
	if (len > DEST_NAME_MAX) {
		n += len - DEST_NAME_MAX;
		len = DEST_NAME_MAX;
	}
	memcpy(d->name, n, len);
	d->name_len = (uint8_t)len;
	d->name_src = (uint8_t)o->name_src;
}

void
dest_add(struct dest_table *t, const struct dest_obs *o)
{
	uint32_t b = bucket_of(t, o->host, o->remote, o->port, o->proto);
	uint32_t i;
	struct dest *d;

	for (i = t->bucket[b]; i; i = t->pool[i].hnext) {
		d = &t->pool[i];
		if (d->port == o->port && d->proto == o->proto &&
		    memcmp(&d->remote, o->remote, sizeof d->remote) == 0 &&
		    memcmp(&d->host, o->host, sizeof d->host) == 0)
			break;
	}
	if (i == 0) {
		if (t->count == t->max) {
			uint32_t old = t->age.head;
			STAT_INC(t->st, DEST_EVICTED);
			t->emit(t->ctx, &t->pool[old]);
			remove_slot(t, old);
			b = bucket_of(t, o->host, o->remote, o->port, o->proto);
		}
		if (t->freelist) {
			i = t->freelist;
			t->freelist = t->pool[i].hnext;
		} else {
			i = ++t->used;
		}
		d = &t->pool[i];
		memset(d, 0, sizeof *d);
		d->host = *o->host;
		d->remote = *o->remote;
		d->local = *o->local;
		d->port = o->port;
		d->proto = o->proto;
		d->vlan = o->vlan;
		d->first_us = o->first_us;
		d->hnext = t->bucket[b];
		t->bucket[b] = i;
		t->count++;
	} else {
		ilist_unlink(&t->age, i);
	}
	ilist_append(&t->age, i);
	d = &t->pool[i];
	d->dir |= o->outbound ? DEST_OUT : DEST_IN;
	if (!o->outbound && o->pkts_up > 0)
		d->in_answered++;
	d->flows++;
	d->pkts_up += o->pkts_up;
	d->bytes_up += o->bytes_up;
	d->pkts_down += o->pkts_down;
	d->bytes_down += o->bytes_down;
	if (o->first_us < d->first_us)
		d->first_us = o->first_us;
	if (o->last_us > d->last_us)
		d->last_us = o->last_us;
	set_name(d, o);
}

static int
cmp_dest(const void *x, const void *y)
{
	const struct dest *a = *(const struct dest *const *)x;
	const struct dest *b = *(const struct dest *const *)y;
	int c;

	if ((c = memcmp(&a->host, &b->host, sizeof a->host)) != 0)
		return c;
	if (a->bytes_up != b->bytes_up)
		return a->bytes_up > b->bytes_up ? -1 : 1;
	if ((c = memcmp(&a->remote, &b->remote, sizeof a->remote)) != 0)
		return c;
	if (a->proto != b->proto)
		return a->proto < b->proto ? -1 : 1;
	return a->port < b->port ? -1 : a->port > b->port;
}

const struct dest *const *
dest_sorted(struct dest_table *t, uint32_t *n)
{
	uint32_t k = 0;

	*n = 0;
	free(t->sorted);
	t->sorted = NULL;
	if (t->count == 0)
		return NULL;
	t->sorted = malloc(t->count * sizeof *t->sorted);
	if (t->sorted == NULL) {
		for (uint32_t i = t->age.head; i; i = t->pool[i].age.next)
			t->emit(t->ctx, &t->pool[i]);
		return NULL;
	}
	for (uint32_t i = t->age.head; i; i = t->pool[i].age.next)
		t->sorted[k++] = &t->pool[i];
	qsort(t->sorted, k, sizeof *t->sorted, cmp_dest);
	*n = k;
	return t->sorted;
}
