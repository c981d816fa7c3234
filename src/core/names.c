/* SPDX-License-Identifier: MIT */
/* names.c - remote address -> name, per client (see names.h).
 *
 * An entry is the tag of a (client, remote) pair (a hash of both) with
 * its time, the name's source and length and, for nearly every name,
 * the number of its text in a table of distinct names: an office's tens
 * of thousands of pairs go by a few hundred names, so the texts stay in
 * cache and a put or a lookup touches one line of the entries. Entries
 * are 32 bytes, two to a set, a set to a line. Once the distinct names
 * fill their table (a flood of made-up names), further names are kept
 * in a 256-byte slot of their entry instead: the answers are the same,
 * only slower. */
#include "names.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "hash.h"
#include "limits.h"
#include "pool.h"

/* The text of an entry whose name has no number (see above). */
struct slot {
	char name[NAMES_LEN_MAX];
	uint8_t pad[18];
};

_Static_assert(sizeof(struct slot) == 256, "a name slot is 256 bytes");

struct ent {
	uint64_t tag;           /* hash of (client, remote) | 1; 0 = empty */
	uint64_t seen_us;
	uint32_t word;          /* number of the name's text; 0: in the slot */
	uint8_t src, len;
	uint8_t pad[10];
};

_Static_assert(sizeof(struct ent) == 32, "a set of two entries is a line");

/* A distinct name: where its text is in the arena. */
struct word {
	uint64_t h;             /* hash_str() of the text; 0 = unused */
	uint32_t off;
	uint8_t len;
};

/* A put waiting in the queue (see names_put). The text of a name
 * without a number waits beside it, in qtext: the entries themselves
 * stay small, a few to a line. */
struct pend {
	uint64_t tag, ts;
	uint32_t word;          /* as in struct ent; 0: the text is in qtext */
	uint8_t src, len;
};

struct names {
	struct slot *s;
	struct ent *t;          /* page aligned: a set's two entries share a
	                         * line */
	uint32_t mask;          /* entries - 1 */
	uint64_t seed;
	struct word *w;         /* NAMES_WORDS, open addressing */
	uint32_t nw;            /* distinct names held */
	uint32_t last;          /* number of the last name put (0: none):
	                         * a response's answers share their name */
	char *arena;            /* their texts, NAMES_ARENA bytes */
	uint32_t used;
	unsigned nq;            /* puts queued */
	uint64_t qsets[4];      /* the sets they go to, 8 bits of their
	                         * index: a filter for names_get() */
	bool any_filed;         /* a name was put with no client */
	struct pend q[NAMES_QUEUE];
	char qtext[NAMES_QUEUE][NAMES_LEN_MAX];
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
	t->w = pool_map(NAMES_WORDS, sizeof *t->w, false);
	t->arena = pool_map(NAMES_ARENA, 1, false);
	if (t->s == NULL || t->t == NULL || t->w == NULL ||
	    t->arena == NULL) {
		pool_unmap(t->s, n, sizeof *t->s);
		pool_unmap(t->t, n, sizeof *t->t);
		pool_unmap(t->w, NAMES_WORDS, sizeof *t->w);
		pool_unmap(t->arena, NAMES_ARENA, 1);
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
	pool_unmap(t->w, NAMES_WORDS, sizeof *t->w);
	pool_unmap(t->arena, NAMES_ARENA, 1);
	free(t);
}

/* The number (1-based) of the text name (len > 0 bytes) among the
 * distinct names, added if it is new and there is room; 0 if it is not
 * there and cannot be added. Texts are never removed, and a text is
 * looked for along the same probes it would have been added on: two
 * entries with numbers hold the same name exactly when their numbers
 * are equal, and a name without a number is none of those that have
 * one. */
static uint32_t
word_of(struct names *t, const char *name, size_t len)
{
	uint64_t h;
	uint32_t j;

	/* A text has one number (see above): the last one's, if it is the
	 * same text, spares the hash and the probes. */
	if (t->last != 0 && t->w[t->last - 1].len == len &&
	    bytes_same(t->arena + t->w[t->last - 1].off, name, len))
		return t->last;
	h = hash_str(name, len, t->seed);
	j = (uint32_t)(h >> 1) & (NAMES_WORDS - 1);
	for (unsigned k = 0; k < NAMES_PROBES; k++) {
		struct word *w = &t->w[j];

		if (w->h == 0) {
			if (t->nw >= NAMES_WORDS / 2 ||
			    len > NAMES_ARENA - t->used)
				return 0;
			memcpy(t->arena + t->used, name, len);
			w->h = h;
			w->off = t->used;
			w->len = (uint8_t)len;
			t->used += (uint32_t)len;
			t->nw++;
			return t->last = j + 1;
		}
		if (w->h == h && w->len == len &&
		    bytes_same(t->arena + w->off, name, len))
			return t->last = j + 1;
		j = (j + 1) & (NAMES_WORDS - 1);
	}
	return 0;
}

/* The text of entry i. */
static const char *
text_of(const struct names *t, uint32_t i)
{
	uint32_t wd = t->t[i].word;

	return wd ? t->arena + t->w[wd - 1].off : t->s[i].name;
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
put(struct names *t, const struct pend *q, const char *text)
{
	uint32_t i = slot_for(t, q->tag);
	struct ent *e = &t->t[i];
	bool held = e->tag == q->tag;

	if (held && q->src < e->src)
		return; /* a stronger name stays */
	e->tag = q->tag;
	e->seen_us = q->ts;
	if (held && e->src == q->src && e->len == q->len &&
	    (e->word != 0 || q->word != 0 ? e->word == q->word :
	    memcmp(t->s[i].name, text, q->len) == 0))
		return; /* the same name again: nothing to write */
	e->src = q->src;
	e->len = q->len;
	e->word = q->word;
	/* A slot taken over is written without being read: the first
	 * touch of a page is then one fault, not a read fault and a write
	 * fault. */
	if (q->word == 0)
		memcpy(t->s[i].name, text, q->len);
}

/* Apply the queued puts in order. Their entries' lines were prefetched
 * as they were queued; the slots of the rare names without a number are
 * fetched first, all at once, so that their misses overlap. */
static void
flush(struct names *t)
{
	for (unsigned k = 0; k < t->nq; k++) {
		const struct pend *q = &t->q[k];
		const char *sl;

		if (q->word != 0)
			continue;
		sl = (const char *)&t->s[slot_for(t, q->tag)];
		/* Two puts into one set may change each other's slot: then
		 * this fetch was wasted, and nothing else. */
		for (unsigned o = 0; o < q->len; o += 64)
			__builtin_prefetch(sl + o, 1);
	}
	for (unsigned k = 0; k < t->nq; k++)
		put(t, &t->q[k], t->qtext[k]);
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
	if ((q->word = word_of(t, name, len)) == 0)
		memcpy(t->qtext[q - t->q], name, len);
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
	if (i < 0) {
		*len = 0;
		*src = NAME_NONE;
		return NULL;
	}
	*len = t->t[i].len;
	*src = (enum name_src)t->t[i].src;
	return text_of(t, (uint32_t)i);
}

const char *
names_src_name(enum name_src src)
{
	static const char *const n[] = { NULL, "dns", "http", "tls" };

	return (unsigned)src < sizeof n / sizeof n[0] ? n[src] : NULL;
}
