/* SPDX-License-Identifier: MIT */
/* ascii.h - ASCII case folding eight bytes at a time (no locale: bytes
 * 0x80-0xff never change). */
#ifndef VIGIE_ASCII_H
#define VIGIE_ASCII_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/* ascii_lower: fold the n bytes at s to lower case in place. Folding
 * twice changes nothing, so a tail shorter than a word is folded as the
 * last whole word (or two 4-byte halves) of s, overlapping the one
 * before: no byte-at-a-time loop for names of 4 bytes or more. */
static inline void
ascii_lower(char *s, size_t n)
{
	uint64_t w;
	uint32_t h;

	if (n >= 8) {
		for (size_t i = 0; i + 8 <= n; i += 8) {
			memcpy(&w, s + i, 8);
			w = ascii_lower8(w);
			memcpy(s + i, &w, 8);
		}
		if (n % 8 != 0) {
			memcpy(&w, s + n - 8, 8);
			w = ascii_lower8(w);
			memcpy(s + n - 8, &w, 8);
		}
	} else if (n >= 4) {
		memcpy(&h, s, 4);
		h = (uint32_t)ascii_lower8(h);
		memcpy(s, &h, 4);
		memcpy(&h, s + n - 4, 4);
		h = (uint32_t)ascii_lower8(h);
		memcpy(s + n - 4, &h, 4);
	} else {
		for (size_t i = 0; i < n; i++)
			s[i] = (char)ascii_lower8((uint8_t)s[i]);
	}
}

#endif
