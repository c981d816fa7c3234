/* SPDX-License-Identifier: MIT */
/* cursor.h - bounded reader over untrusted bytes with a sticky error flag.
 *
 * Every read of packet bytes goes through a struct cur. A short read
 * returns zero (or NULL) and turns the cursor bad, which it stays, so a
 * decoder can read a fixed header with several calls and test cur_bad()
 * once.
 *
 * The cursor is two pointers and nothing else, so that it travels in two
 * registers when passed or returned by value (a third field sends it
 * through the stack, and the 16-byte reload of three 8-byte stores stalls
 * store forwarding once per decoding layer). A bad cursor points both ends
 * at cur_bad_mark: it then has nothing left to read, with no flag to
 * test. */
#ifndef VIGIE_CURSOR_H
#define VIGIE_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cur {
	const uint8_t *p;   /* next unread byte */
	const uint8_t *end; /* one past the last readable byte */
};

/* Where a bad cursor points; never read. */
extern const uint8_t cur_bad_mark[1];

/* cur_make: a cursor over n bytes at p. p may be NULL when n is 0. */
static inline struct cur
cur_make(const uint8_t *p, size_t n)
{
	struct cur c = { p, p ? p + n : p };
	return c;
}

/* cur_bad: whether a read has gone past the end (sticky). */
static inline bool
cur_bad(const struct cur *c)
{
	return c->p == cur_bad_mark;
}

/* cur_fail: turn c bad, as a short read does (for a decoder that finds
 * the bytes impossible rather than short). */
static inline void
cur_fail(struct cur *c)
{
	c->p = c->end = cur_bad_mark;
}

/* cur_left: bytes still readable (0 once bad). */
static inline size_t
cur_left(const struct cur *c)
{
	return (size_t)(c->end - c->p);
}

/* cur_take: pointer to the next n bytes and advance, or NULL and bad
 * (also NULL for n == 0 on a cursor already bad). */
static inline const uint8_t *
cur_take(struct cur *c, size_t n)
{
	const uint8_t *q;

	if ((size_t)(c->end - c->p) < n || cur_bad(c)) {
		cur_fail(c);
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
	return !cur_bad(c);
}

/* cur_u8: next byte, 0 once bad. */
static inline uint8_t
cur_u8(struct cur *c)
{
	const uint8_t *q = cur_take(c, 1);
	return q ? q[0] : 0;
}

/* be16, be32, le16, le32: integers from bytes already taken through a
 * cursor (the caller holds a pointer cur_take() vouched for, or a buffer
 * whose length it has proven), big- and little-endian. */
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

static inline uint16_t
le16(const uint8_t *q)
{
	return (uint16_t)((unsigned)q[1] << 8 | q[0]);
}

static inline uint32_t
le32(const uint8_t *q)
{
	return (uint32_t)q[3] << 24 | (uint32_t)q[2] << 16 |
	    (uint32_t)q[1] << 8 | q[0];
}

/* cur_be16: next big-endian 16-bit value, 0 once bad. */
static inline uint16_t
cur_be16(struct cur *c)
{
	const uint8_t *q = cur_take(c, 2);
	return q ? be16(q) : 0;
}

/* cur_le16: next little-endian 16-bit value, 0 once bad. */
static inline uint16_t
cur_le16(struct cur *c)
{
	const uint8_t *q = cur_take(c, 2);
	return q ? le16(q) : 0;
}

/* cur_be32: next big-endian 32-bit value, 0 once bad. */
static inline uint32_t
cur_be32(struct cur *c)
{
	const uint8_t *q = cur_take(c, 4);
	return q ? be32(q) : 0;
}

/* cur_le32: next little-endian 32-bit value, 0 once bad. */
static inline uint32_t
cur_le32(struct cur *c)
{
	const uint8_t *q = cur_take(c, 4);
	return q ? le32(q) : 0;
}

/* as_s32: a 32-bit two's complement value read as unsigned, as signed
 * (without the implementation-defined conversion). */
static inline int32_t
as_s32(uint32_t v)
{
	return v <= INT32_MAX ? (int32_t)v : -(int32_t)(~v) - 1;
}

/* cur_text0: copy the bytes of a fixed-size text field at src (n bytes,
 * already taken through a cursor) up to its first NUL into dst (room for
 * n); returns how many. For NUL-padded fields of broadcast messages. */
static inline uint8_t
cur_text0(uint8_t *dst, const uint8_t *src, size_t n)
{
	size_t k = 0;

	while (k < n && k < 255 && src[k] != 0)
		k++;
	if (k > 0)
		memcpy(dst, src, k);
	return (uint8_t)k;
}

/* cur_sub: split off the next n bytes as a child cursor and advance past
 * them. If fewer remain, the parent turns bad and the child is empty+bad. */
static inline struct cur
cur_sub(struct cur *c, size_t n)
{
	const uint8_t *q = cur_take(c, n);

	return cur_bad(c) ? *c : cur_make(q, n);
}

/* cur_clamp: shrink the readable view to at most n bytes from here; a
 * length field smaller than the frame (Ethernet padding) trims the view.
 * Returns false if fewer than n bytes remain (the view is then untouched,
 * so the caller can count a truncation and go on with what is there). */
static inline bool
cur_clamp(struct cur *c, size_t n)
{
	if ((size_t)(c->end - c->p) < n || cur_bad(c))
		return false;
	c->end = c->p + n;
	return true;
}

/* cur_trim: drop the last n bytes of c's view (a trailer such as a frame
 * check sequence). False, c unchanged, if fewer than n are left or c is
 * bad. */
static inline bool
cur_trim(struct cur *c, size_t n)
{
	if ((size_t)(c->end - c->p) < n || cur_bad(c))
		return false;
	c->end -= n;
	return true;
}

#endif
