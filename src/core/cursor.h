/* SPDX-License-Identifier: MIT */
/* cursor.h - bounded reader over untrusted bytes with a sticky error flag.
 *
 * Every read of packet bytes goes through a struct cur. A short read
 * returns zero (or NULL) and sets bad, which stays set, so a decoder can
 * read a fixed header with several calls and test bad once. */
#ifndef VIGIE_CURSOR_H
#define VIGIE_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cur {
	const uint8_t *p;   /* next unread byte */
	const uint8_t *end; /* one past the last readable byte */
	bool bad;           /* a read went past end */
};

/* cur_make: a cursor over n bytes at p. p may be NULL when n is 0. */
static inline struct cur
cur_make(const uint8_t *p, size_t n)
{
	struct cur c = { p, p ? p + n : p, false };
	return c;
}

/* cur_left: bytes still readable (0 once bad). */
static inline size_t
cur_left(const struct cur *c)
{
	return c->bad ? 0 : (size_t)(c->end - c->p);
}

/* cur_take: pointer to the next n bytes and advance, or NULL and bad. */
static inline const uint8_t *
cur_take(struct cur *c, size_t n)
{
	const uint8_t *q;

	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = true;
		return NULL;
	}
	q = c->p;
	c->p += n;
	return q;
}

/* cur_skip: advance n bytes; false (and bad) if fewer remain. */
static inline bool
cur_skip(struct cur *c, size_t n)
{
	(void)cur_take(c, n);
	return !c->bad;
}

/* cur_u8: next byte, 0 once bad. */
static inline uint8_t
cur_u8(struct cur *c)
{
	const uint8_t *q = cur_take(c, 1);
	return q ? q[0] : 0;
}

/* cur_be16: next big-endian 16-bit value, 0 once bad. */
static inline uint16_t
cur_be16(struct cur *c)
{
	const uint8_t *q = cur_take(c, 2);
	return q ? (uint16_t)((unsigned)q[0] << 8 | q[1]) : 0;
}

/* cur_le16: next little-endian 16-bit value, 0 once bad. */
static inline uint16_t
cur_le16(struct cur *c)
{
	const uint8_t *q = cur_take(c, 2);
	return q ? (uint16_t)((unsigned)q[1] << 8 | q[0]) : 0;
}

/* cur_be32: next big-endian 32-bit value, 0 once bad. */
static inline uint32_t
cur_be32(struct cur *c)
{
	const uint8_t *q = cur_take(c, 4);
	return q ? (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 |
	    (uint32_t)q[2] << 8 | q[3] : 0;
}

/* cur_le32: next little-endian 32-bit value, 0 once bad. */
static inline uint32_t
cur_le32(struct cur *c)
{
	const uint8_t *q = cur_take(c, 4);
	return q ? (uint32_t)q[3] << 24 | (uint32_t)q[2] << 16 |
	    (uint32_t)q[1] << 8 | q[0] : 0;
}

/* be16, be32: integers from bytes already taken through a cursor (the
 * caller holds a pointer cur_take() vouched for). */
static inline uint16_t
be16(const uint8_t *q)
{
	return (uint16_t)((unsigned)q[0] << 8 | q[1]);
}

static inline uint32_t
be32(const uint8_t *q)
{
	return (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 |
	    (uint32_t)q[2] << 8 | q[3];
}

/* cur_sub: split off the next n bytes as a child cursor and advance past
 * them. If fewer remain, the parent turns bad and the child is empty+bad. */
static inline struct cur
cur_sub(struct cur *c, size_t n)
{
	const uint8_t *q = cur_take(c, n);
	struct cur s = cur_make(q, c->bad ? 0 : n);
	s.bad = c->bad;
	return s;
}

/* cur_clamp: shrink the readable view to at most n bytes from here; a
 * length field smaller than the frame (Ethernet padding) trims the view.
 * Returns false if fewer than n bytes remain (the view is then untouched,
 * so the caller can count a truncation and go on with what is there). */
static inline bool
cur_clamp(struct cur *c, size_t n)
{
	if (c->bad)
		return false;
	if ((size_t)(c->end - c->p) < n)
		return false;
	c->end = c->p + n;
	return true;
}

#endif
