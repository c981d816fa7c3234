/* SPDX-License-Identifier: MIT */
/* hash.h - seeded 64-bit hash of small fixed-size keys.
 *
 * Multiply-xorshift over 8-byte words with a per-run random seed: fast
 * enough for the per-packet path, and the seed keeps an adversary who
 * cannot observe bucket timings from choosing colliding keys cheaply.
 * Chained tables (flows, hosts, destinations, aircraft) use it: no output
 * depends on their bucket order, so the seed never changes results.
 * Tables that drop an entry chosen by its hash (the set-associative names
 * table, the direct-mapped inspection budgets) use fixed seeds instead:
 * what they keep would otherwise differ from run to run, and collisions
 * there cost no time, only an evicted entry. */
#ifndef VIGIE_HASH_H
#define VIGIE_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ascii.h"

static inline uint64_t
hash_mix(uint64_t h)
{
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ull;
	h ^= h >> 32;
	return h;
}

/* hash_bytes: hash n bytes at p (n a multiple of 8 is fastest). */
static inline uint64_t
hash_bytes(const void *p, size_t n, uint64_t seed)
{
	const uint8_t *b = p;
	uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ull), w;

	for (; n >= 8; n -= 8, b += 8) {
		memcpy(&w, b, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
		h ^= h >> 29;
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, b, n);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
	}
	return hash_mix(h);
}

/* hash_words: the pass hash_str() and hash_str_fold() share over the n
 * bytes at s (n may be 0), before the final mix: 8 bytes at a time, the
 * last word overlapping the one before and a short string read as two
 * overlapping halves or three single bytes, so there is no
 * byte-at-a-time tail. With fold, each word has its ASCII folded to lower
 * case first (a constant at every call: the test goes away). */
static inline uint64_t
hash_words(const char *s, size_t n, uint64_t seed, bool fold)
{
	uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ull), w;
	uint32_t a, b;

	if (n >= 8) {
		for (; n > 8; n -= 8, s += 8) {
			memcpy(&w, s, 8);
			h = (h ^ (fold ? ascii_lower8(w) : w)) *
			    0x9e3779b97f4a7c15ull;
			h ^= h >> 29;
		}
		memcpy(&w, s + n - 8, 8);
	} else if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w = (uint64_t)a << 32 | b;
	} else if (n > 0) {
		w = (uint64_t)(uint8_t)s[0] << 16 |
		    (uint64_t)(uint8_t)s[n / 2] << 8 | (uint8_t)s[n - 1];
	} else {
		w = 0;
	}
	return (h ^ (fold ? ascii_lower8(w) : w)) * 0x9e3779b97f4a7c15ull;
}

/* hash_str: hash the n bytes of a string at s (names, labels). Never 0. */
static inline uint64_t
hash_str(const char *s, size_t n, uint64_t seed)
{
	return hash_mix(hash_words(s, n, seed, false)) | 1;
}

/* hash_str_fold: hash_str() of s with ASCII folded to lower case: names
 * equal but for case hash alike (they are then compared whole, in any
 * case). Never 0. */
static inline uint64_t
hash_str_fold(const char *s, size_t n, uint64_t seed)
{
	return hash_mix(hash_words(s, n, seed, true)) | 1;
}

static inline uint64_t
hash_mum(uint64_t a, uint64_t b)
{
	__extension__ typedef unsigned __int128 u128;
	u128 r = (u128)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* hash_key40: hash of a 40-byte key (the flow key): three independent
 * multiplications, so the per-packet cost is a few cycles. */
static inline uint64_t
hash_key40(const void *p, uint64_t seed)
{
	uint64_t w[5];

	memcpy(w, p, sizeof w);
	return hash_mum(hash_mum(w[0] ^ seed, w[1] ^ 0xa0761d6478bd642full) ^
	    hash_mum(w[2] ^ 0xe7037ed1a0b428dbull, w[3] ^ seed),
	    w[4] ^ 0x8ebc6af09c88c6e3ull);
}

/* hash_seed: a random seed from the kernel (a fixed one if unavailable). */
uint64_t hash_seed(void);

#endif
