/* SPDX-License-Identifier: MIT */
/* hash.h - seeded 64-bit hash of small fixed-size keys.
 *
 * Multiply-xorshift over 8-byte words with a per-run random seed: fast
 * enough for the per-packet path, and the seed keeps an adversary who
 * cannot observe bucket timings from choosing colliding keys cheaply. No
 * output depends on bucket order, so the seed never changes results. */
#ifndef VIGIE_HASH_H
#define VIGIE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/* hash_seed: a random seed from the kernel (a fixed one if unavailable). */
uint64_t hash_seed(void);

#endif
