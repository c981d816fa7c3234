/* SPDX-License-Identifier: MIT */
/* names.c - remote address -> name, per client (see names.h). */
#include "names.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "hash.h"
#include "pool.h"

struct slot {
	uint64_t tag;           /* hash of (client, remote) | 1; 0 = empty */
	uint64_t seen_us;
	uint8_t src, len;
	char name[NAMES_LEN_MAX];
};

_Static_assert(sizeof(struct slot) == 256, "a name slot is 256 bytes");

struct names {
	struct slot *s;
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
	if (t->s == NULL) {
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
	free(t);
}

static uint64_t
tag_of(const struct names *t, const struct addr *client,
    const struct addr *remote)
{
	uint64_t h = hash_bytes(remote, sizeof *remote, t->seed);

	return hash_bytes(client ? client : &anyone, sizeof *client, h) | 1;
}

/* The slot holding tag, or NULL. Its set is two slots: tag's and the
 * one beside it. */
static struct slot *
find(const struct names *t, uint64_t tag)
{
	struct slot *a = &t->s[tag & t->mask], *b = &t->s[(tag & t->mask) ^ 1];

	return a->tag == tag ? a : b->tag == tag ? b : NULL;
}

static void
put(struct names *t, uint64_t tag, const char *name, size_t len,
    enum name_src src, uint64_t ts)
{
	struct slot *s = find(t, tag);

	if (s == NULL) {
		struct slot *a = &t->s[tag & t->mask];
		struct slot *b = &t->s[(tag & t->mask) ^ 1];
		s = a->tag == 0 ? a : b->tag == 0 ? b :
		    a->seen_us <= b->seen_us ? a : b;
	} else if (src < s->src) {
		return; /* a stronger name stays */
	}
	if (len > NAMES_LEN_MAX) {
		name += len - NAMES_LEN_MAX;
		len = NAMES_LEN_MAX;
	}
	s->tag = tag;
	s->seen_us = ts;
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
	if (client != NULL)
		put(t, tag_of(t, client, remote), name, len, src, ts_us);
	put(t, tag_of(t, NULL, remote), name, len, src, ts_us);
}

const char *
names_get(const struct names *t, const struct addr *client,
    const struct addr *remote, size_t *len, enum name_src *src)
{
	const struct slot *s = NULL;

	if (client != NULL)
		s = find(t, tag_of(t, client, remote));
	if (s == NULL)
		s = find(t, tag_of(t, NULL, remote));
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
