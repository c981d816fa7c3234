/* SPDX-License-Identifier: MIT */
/* gold.c - the LTE pseudo-random (Gold) sequence, 3GPP TS 36.211 7.2:
 *   x1(0) = 1, x1(1..30) = 0, x1(n+31) = x1(n+3) ^ x1(n)
 *   x2(0..30) from c_init (bit i is x2(i)),
 *   x2(n+31) = x2(n+3) ^ x2(n+2) ^ x2(n+1) ^ x2(n)
 *   c(n) = x1(n+1600) ^ x2(n+1600)
 * OcuSync scrambles DroneID with it, c_init 0x12345678. */
#include "ocusync.h"

/* Each register holds x(n) .. x(n+30) in bits 0 .. 30. */
static uint32_t
x1_step(uint32_t x)
{
	uint32_t nb = ((x >> 3) ^ x) & 1u;
	return (x >> 1) | (nb << 30);
}

static uint32_t
x2_step(uint32_t x)
{
	uint32_t nb = ((x >> 3) ^ (x >> 2) ^ (x >> 1) ^ x) & 1u;
	return (x >> 1) | (nb << 30);
}

void
gold_bits(uint32_t c_init, uint8_t *out, size_t n)
{
	uint32_t x1 = 1u, x2 = c_init & 0x7fffffffu;

	for (int i = 0; i < 1600; i++) {
		x1 = x1_step(x1);
		x2 = x2_step(x2);
	}
	for (size_t i = 0; i < n; i++) {
		out[i] = (uint8_t)((x1 ^ x2) & 1u);
		x1 = x1_step(x1);
		x2 = x2_step(x2);
	}
}
