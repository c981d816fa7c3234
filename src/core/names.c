/* SPDX-License-Identifier: MIT */
/* names.c - remote address -> name, per client (see names.h). */
#include "names.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "limits.h"
#include "pool.h"

/* The names, apart from the tags: a lookup reads only the dense tag
 * array (an L2-sized one for the default table), and only a hit or a
 * write touches the 256-byte slot. */
struct slot {
	uint8_t src, len;
	char name[NAMES_LEN_MAX];
	uint8_t pad[16];
};

_Static_assert(sizeof(struct slot) == 256, "a name slot is 256 bytes");

struct tag {
	uint64_t tag;           /* hash of (client, remote) | 1; 0 = empty */
	uint64_t seen_us;
};

/* A put waiting in the queue (see names_put). */
struct pend {
	uint64_t tag, ts;
	uint8_t src, len;
	char name[NAMES_LEN_MAX];
};

struct names {
	struct slot *s;
	struct tag *t;          /* page aligned: a set's two tags share a line */
	uint32_t mask;          /* slots - 1 */
	uint64_t seed;
	unsigned nq;            /* puts queued */
	uint64_t qsets[4];      /* the sets they go to, 8 bits of their
	                         * index: a filter for names_get() */
	bool any_filed;         /* a name was put with no client */
	struct pend q[NAMES_QUEUE];
};

static const struct addr anyone; /* all zero: "any client" */

struct names *
names_new(uint32_t slots)
{
	struct names *t = calloc(1, sizeof *t);
	uint32_t n = 64;

	if (t == NULL)
		return NULL;
	while (n < slots && n < (1u << 24))
		n <<= 1;
	t->s = pool_map(n, sizeof *t->s, true);
	t->t = pool_map(n, sizeof *t->t, false);
	if (t->s == NULL || t->t == NULL) {
		pool_unmap(t->s, n, sizeof *t->s);
		pool_unmap(t->t, n, sizeof *t->t);
		free(t);
		return NULL;
	}
	t->mask = n - 1;
	/* A fixed seed: which entry a full set drops depends on the hash
	 * (hash.h). A flood of chosen collisions can only evict names, as
	 * any flood of answers can; it costs no time. */
	t->seed = 0x6e616d65736565ull;
	return t;
}

void
names_free(struct names *t)
{
	if (t == NULL)
		return;
	pool_unmap(t->s, (size_t)t->mask + 1, sizeof *t->s);
	pool_unmap(t->t, (size_t)t->mask + 1, sizeof *t->t);
	free(t);
}

static uint64_t
tag_of(const struct names *t, const struct addr *client,
    const struct addr *remote)
{
	uint64_t h = hash_bytes(remote, sizeof *remote, t->seed);

	return hash_bytes(client ? client : &anyone, sizeof *client, h) | 1;
}

/* The index of the slot holding tag, or -1. Its set is two slots: tag's
 * and the one beside it. */
static int64_t
find(const struct names *t, uint64_t tag)
{
	uint32_t a = (uint32_t)tag & t->mask;

	if (t->t[a].tag == tag)
		return a;
	return t->t[a ^ 1].tag == tag ? (int64_t)(a ^ 1) : -1;
}

/* The slot a put of tag writes: the one holding tag, else an empty one
 * of its set, else the one of the set seen longer ago. */
static uint32_t
slot_for(const struct names *t, uint64_t tag)
{
	int64_t f = find(t, tag);
	uint32_t a = (uint32_t)tag & t->mask, b = a ^ 1;

	if (f >= 0)
		return (uint32_t)f;
	return t->t[a].tag == 0 ? a : t->t[b].tag == 0 ? b :
	    t->t[a].seen_us <= t->t[b].seen_us ? a : b;
}

static void
put(struct names *t, uint64_t tag, const char *name, size_t len,
    enum name_src src, uint64_t ts)
{
	uint32_t i = slot_for(t, tag);
	struct slot *s = &t->s[i];
	bool held = t->t[i].tag == tag;

	if (held && src < s->src)
		return; /* a stronger name stays */
	t->t[i].tag = tag;
	t->t[i].seen_us = ts;
	/* A slot taken over is written without being read: the first
	 * touch of a page is then one fault, not a read fault and a write
	 * fault. */
	if (held && s->src == (uint8_t)src && s->len == len &&
	    memcmp(s->name, name, len) == 0)
		return; /* the same name again: nothing to write */
	s->src = (uint8_t)src;
	s->len = (uint8_t)len;
	memcpy(s->name, name, len);
}

/* Apply the queued puts in order. Their tags' lines were prefetched as
 * they were queued; the slots each will most likely write are fetched
 * first, all at once, so that their misses overlap. */
static void
flush(struct names *t)
{
	for (unsigned k = 0; k < t->nq; k++) {
		const struct pend *q = &t->q[k];
		const char *sl = (const char *)&t->s[slot_for(t, q->tag)];

		/* Two puts into one set may change each other's slot: then
		 * this fetch was wasted, and nothing else. */
		for (unsigned o = 0; o < 2u + q->len; o += 64)
			__builtin_prefetch(sl + o, 1);
	}
	for (unsigned k = 0; k < t->nq; k++) {
		const struct pend *q = &t->q[k];

		put(t, q->tag, q->name, q->len, (enum name_src)q->src, q->ts);
	}
	t->nq = 0;
	memset(t->qsets, 0, sizeof t->qsets);
}

/* The bit of tag's set in the filter of queued puts. */
static unsigned
qbit(const struct names *t, uint64_t tag)
{
	return ((uint32_t)tag & t->mask) >> 1 & 255u;
}

void
names_put(struct names *t, const struct addr *client,
    const struct addr *remote, const char *name, size_t len,
    enum name_src src, uint64_t ts_us)
{
	struct pend *q;

	if (len == 0 || src == NAME_NONE)
		return;
	if (len > NAMES_LEN_MAX) {
		name += len - NAMES_LEN_MAX;
		len = NAMES_LEN_MAX;
	}
	if (client == NULL)
		t->any_filed = true;
	q = &t->q[t->nq++];
	q->tag = tag_of(t, client, remote);
	t->qsets[qbit(t, q->tag) / 64] |= 1ull << qbit(t, q->tag) % 64;
	q->ts = ts_us;
	q->src = (uint8_t)src;
	q->len = (uint8_t)len;
	memcpy(q->name, name, len);
	__builtin_prefetch(&t->t[(uint32_t)q->tag & t->mask]);
	if (t->nq == NAMES_QUEUE)
		flush(t);
}

/* May a put be queued into the set of tag? (Its filter bit is set: a
 * put into this set, or one sharing its 8 bits of set index.) */
static bool
queued_in(const struct names *t, uint64_t tag)
{
	unsigned b = qbit(t, tag);

	return t->nq > 0 && (t->qsets[b / 64] >> b % 64 & 1u) != 0;
}

const char *
names_get(struct names *t, const struct addr *client,
    const struct addr *remote, size_t *len, enum name_src *src)
{
	const struct slot *s = NULL;
	/* Entries for any client exist only if a name was put with none:
	 * otherwise that lookup is skipped (a tag of anyone's could then
	 * only be another pair's, colliding in 63 bits). */
	bool any_too = client == NULL || t->any_filed;
	uint64_t any = any_too ? tag_of(t, NULL, remote) : 0;
	uint64_t own = client != NULL ? tag_of(t, client, remote) : any;
	int64_t i = -1;

	/* A set changes only by the puts into it: the others can wait
	 * (applying them early would give the same answers). */
	if (queued_in(t, own) || (any_too && queued_in(t, any)))
		flush(t);
	if (client != NULL)
		i = find(t, own);
	if (i < 0 && any_too)
		i = find(t, any);
	if (i >= 0)
		s = &t->s[i];
	if (s == NULL) {
		*len = 0;
		*src = NAME_NONE;
		return NULL;
	}
	*len = s->len;
	*src = (enum name_src)s->src;
	return s->name;
}

const char *
names_src_name(enum name_src src)
{
	static const char *const n[] = { NULL, "dns", "http", "tls" };

	return (unsigned)src < sizeof n / sizeof n[0] ? n[src] : NULL;
}
