/* SPDX-License-Identifier: MIT */
/* names.c - remote address -> name, per client (see names.h). */
#include "names.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "hash.h"
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

struct names {
	struct slot *s;
	struct tag *t;
	uint32_t mask;          /* slots - 1 */
	uint64_t seed;
};

static const struct addr anyone; /* all zero: "any client" */

struct names *
names_new(uint32_t slots, uint64_t seed)
{
	struct names *t = calloc(1, sizeof *t);
	uint32_t n = 64;

	if (t == NULL)
		return NULL;
	while (n < slots && n < (1u << 24))
		n <<= 1;
	t->s = pool_map(n, sizeof *t->s, false);
	t->t = calloc(n, sizeof *t->t);
	if (t->s == NULL || t->t == NULL) {
		if (t->s != NULL)
			munmap(t->s, (size_t)n * sizeof *t->s);
		free(t->t);
		free(t);
		return NULL;
	}
	t->mask = n - 1;
	t->seed = seed;
	return t;
}

void
names_free(struct names *t)
{
	if (t == NULL)
		return;
	munmap(t->s, ((size_t)t->mask + 1) * sizeof *t->s);
	free(t->t);
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

static void
put(struct names *t, uint64_t tag, const char *name, size_t len,
    enum name_src src, uint64_t ts)
{
	int64_t f = find(t, tag);
	uint32_t i;
	struct slot *s;

	if (f < 0) {
		uint32_t a = (uint32_t)tag & t->mask, b = a ^ 1;
		i = t->t[a].tag == 0 ? a : t->t[b].tag == 0 ? b :
		    t->t[a].seen_us <= t->t[b].seen_us ? a : b;
	} else {
		i = (uint32_t)f;
		if (src < t->s[i].src)
			return; /* a stronger name stays */
	}
	if (len > NAMES_LEN_MAX) {
		name += len - NAMES_LEN_MAX;
		len = NAMES_LEN_MAX;
	}
	s = &t->s[i];
	t->t[i].tag = tag;
	t->t[i].seen_us = ts;
	if (s->src == (uint8_t)src && s->len == len &&
	    memcmp(s->name, name, len) == 0)
		return; /* the same name again: nothing to write */
	s->src = (uint8_t)src;
	s->len = (uint8_t)len;
	memcpy(s->name, name, len);
}

void
names_put(struct names *t, const struct addr *client,
    const struct addr *remote, const char *name, size_t len,
    enum name_src src, uint64_t ts_us)
{
	if (len == 0 || src == NAME_NONE)
		return;
	put(t, tag_of(t, client, remote), name, len, src, ts_us);
}

const char *
names_get(const struct names *t, const struct addr *client,
    const struct addr *remote, size_t *len, enum name_src *src)
{
	const struct slot *s = NULL;
	int64_t i = -1;

	if (client != NULL)
		i = find(t, tag_of(t, client, remote));
	if (i < 0)
		i = find(t, tag_of(t, NULL, remote));
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
