/* SPDX-License-Identifier: MIT */
/* fec.c - the OcuSync DroneID FEC back end: 7200 scrambled LLRs to the
 * 176-byte transport block, and back for the transmit side.
 *
 * Receive: descramble (flip the sign of LLR k where the LTE Gold bit
 * c(k), c_init 0x12345678, is 1: the sequence restarts at the first bit
 * of the first of the six data symbols, as in RUB-SysSec/DroneSecurity
 * qpsk.py), de-rate-match (TS 36.212 5.1.4.1, repeated bits added),
 * turbo decode (5.1.3.2), check CRC-24A over the whole block (5.1.1;
 * proto17/dji_droneid remove_turbo.cc: D 1412, E 7200, 176 bytes).
 * Transport block bytes enter the encoder MSB first. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fec.h"

struct ocu_fec {
	struct turbo *turbo;
	uint16_t pos[OCU_NCODED]; /* rate matching read order */
	float sign[OCU_E];        /* -1 where the Gold bit is 1, else +1 */
	float e[OCU_E];           /* descrambled, clamped LLRs */
	float d[3 * OCU_D];       /* de-rate-matched streams d0, d1, d2 */
};

struct ocu_fec *
ocu_fec_new(void)
{
	struct ocu_fec *f = calloc(1, sizeof *f);
	uint8_t g[OCU_E];

	if (f == NULL || (f->turbo = turbo_new()) == NULL) {
		ocu_fec_free(f);
		return NULL;
	}
	ratematch_positions(f->pos);
	gold_bits(OCU_GOLD_CINIT, g, OCU_E);
	for (int k = 0; k < OCU_E; k++)
		f->sign[k] = g[k] ? -1.0f : 1.0f;
	return f;
}

void
ocu_fec_free(struct ocu_fec *f)
{
	if (f == NULL)
		return;
	turbo_free(f->turbo);
	free(f);
}

/* clamp: an input LLR limited to +-OCU_LLR_MAX; NaN (which the front
 * end promises never to send) counts as no information. */
static float
clamp(float x)
{
	if (isnan(x))
		return 0.0f;
	return x > OCU_LLR_MAX ? OCU_LLR_MAX : x < -OCU_LLR_MAX ?
	    -OCU_LLR_MAX : x;
}

/* soft_streams: descramble and de-rate-match llr into f->d. */
static void
soft_streams(struct ocu_fec *f, const float *llr)
{
	for (int k = 0; k < OCU_E; k++)
		f->e[k] = f->sign[k] * clamp(llr[k]);
	ratematch_soft(f->pos, f->e, f->d);
}

enum ocu_stage
ocu_fec_decode(struct ocu_fec *f, const float *llr, int iters,
    uint8_t tb[OCU_TB], int *used)
{
	soft_streams(f, llr);
	if (!turbo_decode(f->turbo, f->d, iters, tb, used))
		return OCU_FAIL_CRC24;
	return OCU_OK;
}

enum ocu_stage
ocu_fec_hard(struct ocu_fec *f, const float *llr, uint8_t tb[OCU_TB])
{
	bool undecided = false;

	soft_streams(f, llr);
	memset(tb, 0, OCU_TB);
	for (unsigned k = 0; k < OCU_K; k++) {
		tb[k >> 3] |= (uint8_t)((f->d[k] < 0.0f) << (7 - (k & 7u)));
		undecided |= f->d[k] == 0.0f;
	}
	if (undecided || crc24a(tb, OCU_TB) != 0)
		return OCU_FAIL_CRC24;
	return OCU_OK;
}

void
ocu_encode(const uint8_t tb[OCU_TB], uint8_t bits[OCU_E])
{
	uint8_t c[OCU_K], d[3 * OCU_D], g[OCU_E];
	uint16_t pos[OCU_NCODED];

	for (unsigned k = 0; k < OCU_K; k++)
		c[k] = (uint8_t)((unsigned)tb[k >> 3] >> (7 - (k & 7u)) & 1u);
	turbo_encode(c, d);
	ratematch_positions(pos);
	ratematch(pos, d, bits);
	gold_bits(OCU_GOLD_CINIT, g, OCU_E);
	for (int k = 0; k < OCU_E; k++)
		bits[k] ^= g[k];
}
