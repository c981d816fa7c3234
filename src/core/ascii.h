/* SPDX-License-Identifier: MIT */
/* ascii.h - ASCII case folding (no locale: bytes 0x80-0xff never change)
 * and hex digits; short strings (names, labels) folded and compared eight
 * bytes at a time.
 * A tail shorter than a word is read as the last whole word, overlapping
 * the one before (4-byte halves or single bytes below 8): no
 * byte-at-a-time loop for strings of 4 bytes or more. */
#ifndef VIGIE_ASCII_H
#define VIGIE_ASCII_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ascii_lc: c with ASCII upper case folded to lower; any other value
 * (bytes 0x80-0xff, negative chars) unchanged. */
static inline int
ascii_lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* ascii_hexval: the value of hex digit c (either case), or -1. */
static inline int
ascii_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = ascii_lc(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* ascii_lower8: the 8 bytes of x with ASCII upper case folded to lower:
 * per byte, bit 7 of h + 0x3f is set for h >= 'A' and bit 7 of h + 0x25
 * for h > 'Z' (h < 0x80, no carry out of the byte); the difference, for
 * bytes with bit 7 clear, becomes 0x20. */
static inline uint64_t
ascii_lower8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, hi = 0x80 * ones;
	uint64_t h = x & ~hi;
	uint64_t m = (h + 0x3f * ones) & ~(h + 0x25 * ones) & ~x & hi;

	return x | m >> 2;
}

/* ascii_byte_marks: the top bit of each byte of w that equals c, and no
 * other bit: exact (no borrow from one byte into the next, as the usual
 * has-zero-byte test makes), so that each marked byte can be located. */
static inline uint64_t
ascii_byte_marks(uint64_t w, unsigned char c)
{
	const uint64_t ones = 0x0101010101010101ull, low = 0x7f * ones;

	w ^= c * ones;
	return ~(((w & low) + low) | w | low);
}

/* ascii_lower_copy: copy the n bytes at src to dst folded to lower case,
 * reading and writing only those n bytes. dst may be src (folding twice
 * changes nothing, so the overlapping last word may be folded again). */
static inline void
ascii_lower_copy(char *dst, const void *src, size_t n)
{
	const uint8_t *s = src;
	uint64_t w;
	uint32_t h;

	if (n >= 8) {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&w, s + i, 8);
			w = ascii_lower8(w);
			memcpy(dst + i, &w, 8);
		}
		memcpy(&w, s + n - 8, 8);
		w = ascii_lower8(w);
		memcpy(dst + n - 8, &w, 8);
	} else if (n >= 4) {
		memcpy(&h, s, 4);
		h = (uint32_t)ascii_lower8(h);
		memcpy(dst, &h, 4);
		memcpy(&h, s + n - 4, 4);
		h = (uint32_t)ascii_lower8(h);
		memcpy(dst + n - 4, &h, 4);
	} else {
		for (size_t i = 0; i < n; i++)
			dst[i] = (char)ascii_lower8(s[i]);
	}
}

/* ascii_lower: fold the n bytes at s to lower case in place. */
static inline void
ascii_lower(char *s, size_t n)
{
	ascii_lower_copy(s, s, n);
}

/* bytes_same: are the n bytes at a and b the same, case included? For short
 * strings, cheaper than a call to memcmp(). */
static inline bool
bytes_same(const char *a, const char *b, size_t n)
{
	uint64_t x, y, d = 0;
	uint32_t u, v;

	if (n >= 8) {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			d |= x ^ y;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return (d | (x ^ y)) == 0;
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		d = u ^ v;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return (d | (u ^ v)) == 0;
	}
	for (size_t i = 0; i < n; i++)
		d |= (uint8_t)(a[i] ^ b[i]);
	return d == 0;
}

#endif
