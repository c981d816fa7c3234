/* SPDX-License-Identifier: MIT */
/* turbo.c - the LTE turbo code, 3GPP TS 36.212 5.1.3.2, for K = 1408:
 * encoder and iterative max-log-MAP decoder.
 *
 * Two 8-state recursive systematic encoders, G(D) = [1, g1/g0] with
 * g0 = 1 + D^2 + D^3 (feedback) and g1 = 1 + D + D^3, the second fed
 * through the QPP interleaver pi(i) = (43 i + 88 i^2) mod 1408 (Table
 * 5.1.3-3). With the register (s1 s2 s3), s1 the newest:
 *   a = u ^ s2 ^ s3,  z = a ^ s1 ^ s3,  next state (a s1 s2).
 * Termination (5.1.3.2.2): three steps per encoder with a = 0 (the input
 * is the feedback), first encoder then second; the twelve tail bits
 * x z x z x z x' z' x' z' x' z' go in turn to d0, d1, d2, d0, ... at
 * positions K .. K+3.
 *
 * Decoding: state s = 4 s1 + 2 s2 + s3; a branch is named by its new
 * bit a, so the next state is 4a + (s >> 1). Branch metrics are half
 * LLRs (bipolar, +1 for bit 0); state metrics are renormalised to
 * state 0 at each step. The extrinsic output excludes the systematic
 * and a priori terms and is scaled by 0.75 before the other decoder
 * uses it (the usual max-log correction). Decoding stops after the
 * first iteration whose hard decisions pass CRC-24A. */
#include <stdlib.h>
#include <string.h>

#include "fec.h"

#define TURBO_NS 8          /* trellis states */
#define TURBO_NEG (-1e30f)  /* metric of an unreachable state */
/* Extrinsic scaling: with 0.75 (0.7 and 0.8 do as well) 45 of 50 blocks
 * decode at Es/N0 -6.5 dB in test_fec, against 25 unscaled. */
#define TURBO_EXT_SCALE 0.75f

/* turbo_br[s][a]: the branch from state s with new bit a, as u << 1 | z
 * (systematic bit, parity bit). */
static const uint8_t turbo_br[TURBO_NS][2] = {
	{ 0, 3 }, { 3, 0 }, { 2, 1 }, { 1, 2 },
	{ 1, 2 }, { 2, 1 }, { 3, 0 }, { 0, 3 },
};

struct turbo {
	uint16_t pi[OCU_K];
	float alpha[OCU_K * TURBO_NS]; /* forward metrics before each step */
	float sys2[OCU_K];             /* systematic LLRs, interleaved */
	float apr[OCU_K];              /* a priori of the running decoder */
	float ext1[OCU_K];             /* decoder 1 extrinsic, natural */
	float ext2[OCU_K];             /* decoder 2 extrinsic, natural */
	float exti[OCU_K];             /* decoder 2 extrinsic, interleaved */
};

unsigned
turbo_qpp(unsigned i)
{
	/* f2 i^2 < 2^28 for i < 1408: no overflow in 32 bits. */
	return (OCU_QPP_F1 * i + OCU_QPP_F2 * i * i) % OCU_K;
}

/* rsc: one encoder step from *s with input u (or with the feedback as
 * input when tail); sets *x to the systematic bit, returns the parity. */
static uint8_t
rsc(unsigned *s, unsigned u, int tail, uint8_t *x)
{
	unsigned s1 = *s >> 2 & 1u, s2 = *s >> 1 & 1u, s3 = *s & 1u;
	unsigned a;

	if (tail)
		u = s2 ^ s3;
	a = u ^ s2 ^ s3;
	*x = (uint8_t)u;
	*s = a << 2 | *s >> 1;
	return (uint8_t)(a ^ s1 ^ s3);
}

void
turbo_encode(const uint8_t c[OCU_K], uint8_t d[3 * OCU_D])
{
	uint8_t *d0 = d, *d1 = d + OCU_D, *d2 = d + 2 * OCU_D, x, tail[12];
	unsigned s = 0, s2 = 0;

	for (unsigned k = 0; k < OCU_K; k++) {
		d0[k] = c[k] & 1u;
		d1[k] = rsc(&s, c[k] & 1u, 0, &x);
		d2[k] = rsc(&s2, c[turbo_qpp(k)] & 1u, 0, &x);
	}
	for (int j = 0; j < 3; j++) {
		tail[2 * j + 1] = rsc(&s, 0, 1, &tail[2 * j]);
		tail[6 + 2 * j + 1] = rsc(&s2, 0, 1, &tail[6 + 2 * j]);
	}
	for (int j = 0; j < 12; j++)
		d[(j % 3) * OCU_D + OCU_K + j / 3] = tail[j];
}

struct turbo *
turbo_new(void)
{
	struct turbo *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	for (unsigned i = 0; i < OCU_K; i++)
		t->pi[i] = (uint16_t)turbo_qpp(i);
	return t;
}

void
turbo_free(struct turbo *t)
{
	free(t);
}

static inline float
fmax2(float a, float b)
{
	return a > b ? a : b;
}

/* apriori: scaled, bounded extrinsic as the other decoder's a priori. */
static inline float
apriori(float ext)
{
	float v = TURBO_EXT_SCALE * ext;

	return v > OCU_APR_MAX ? OCU_APR_MAX : v < -OCU_APR_MAX ?
	    -OCU_APR_MAX : v;
}

/* gammas: the four branch metrics of a step, indexed u << 1 | z, from
 * the systematic (with a priori) and parity LLRs. */
static inline void
gammas(float lu, float lp, float g[4])
{
	g[0] = 0.5f * (lu + lp);
	g[1] = 0.5f * (lu - lp);
	g[2] = -g[1];
	g[3] = -g[0];
}

/* tail_beta: the backward metrics at step K of one encoder from its
 * three tail steps (x, z: the LLRs of its tail bits in order), ending
 * in state 0. */
static void
tail_beta(const float x[3], const float z[3], float b[TURBO_NS])
{
	float nb[TURBO_NS], g[4];

	for (int s = 0; s < TURBO_NS; s++)
		b[s] = s == 0 ? 0.0f : TURBO_NEG;
	for (int j = 2; j >= 0; j--) {
		gammas(x[j], z[j], g);
		for (int s = 0; s < TURBO_NS; s++)
			nb[s] = g[turbo_br[s][0]] + b[s >> 1];
		for (int s = 0; s < TURBO_NS; s++)
			b[s] = nb[s] - nb[0];
	}
}

/* forward: the alpha recursion of one decoder over the K steps, each
 * step's metrics stored before it is taken. */
static void
forward(float *restrict alpha, const float *restrict sys,
    const float *restrict apr, const float *restrict par)
{
	float a[TURBO_NS], n[TURBO_NS], g[4];

	for (int s = 0; s < TURBO_NS; s++)
		a[s] = s == 0 ? 0.0f : TURBO_NEG;
	for (int k = 0; k < OCU_K; k++) {
		memcpy(alpha + k * TURBO_NS, a, sizeof a);
		gammas(sys[k] + apr[k], par[k], g);
		for (int ns = 0; ns < TURBO_NS; ns++) {
			int p0 = (ns & 3) << 1, p1 = p0 | 1, na = ns >> 2;

			n[ns] = fmax2(a[p0] + g[turbo_br[p0][na]],
			    a[p1] + g[turbo_br[p1][na]]);
		}
		for (int s = 0; s < TURBO_NS; s++)
			a[s] = n[s] - n[0];
	}
}

/* backward: the beta recursion from the tail metrics b, writing each
 * step's extrinsic LLR (a posteriori less systematic and a priori). */
static void
backward(const float *restrict alpha, const float *restrict sys,
    const float *restrict apr, const float *restrict par,
    const float bk[TURBO_NS], float *restrict ext)
{
	float b[TURBO_NS], n[TURBO_NS], g[4];

	memcpy(b, bk, sizeof b);
	for (int k = OCU_K - 1; k >= 0; k--) {
		const float *a = alpha + k * TURBO_NS;
		float lp = 0.5f * par[k], m[2] = { TURBO_NEG, TURBO_NEG };

		for (int s = 0; s < TURBO_NS; s++) {
			for (int na = 0; na < 2; na++) {
				int br = turbo_br[s][na];
				float v = a[s] + b[na << 2 | s >> 1] +
				    ((br & 1) ? -lp : lp);

				m[br >> 1] = fmax2(m[br >> 1], v);
			}
		}
		ext[k] = m[0] - m[1];
		gammas(sys[k] + apr[k], par[k], g);
		for (int s = 0; s < TURBO_NS; s++)
			n[s] = fmax2(g[turbo_br[s][0]] + b[s >> 1],
			    g[turbo_br[s][1]] + b[4 | s >> 1]);
		for (int s = 0; s < TURBO_NS; s++)
			b[s] = n[s] - n[0];
	}
}

/* decide: the hard decisions after decoder 2, packed MSB first into
 * tb; also brings decoder 2's extrinsic back to natural order. False
 * when some bit is undecided (a posteriori LLR exactly 0). */
static bool
decide(struct turbo *t, uint8_t tb[OCU_TB])
{
	bool undecided = false;

	memset(tb, 0, OCU_TB);
	for (int k = 0; k < OCU_K; k++) {
		unsigned i = t->pi[k];
		float l = t->sys2[k] + t->apr[k] + t->exti[k];

		t->ext2[i] = t->exti[k];
		tb[i >> 3] |= (uint8_t)((l < 0.0f) << (7 - (i & 7u)));
		undecided |= l == 0.0f;
	}
	return !undecided;
}

bool
turbo_decode(struct turbo *t, const float d[3 * OCU_D], int iters,
    uint8_t tb[OCU_TB], int *used)
{
	const float *d0 = d, *d1 = d + OCU_D, *d2 = d + 2 * OCU_D;
	const float x1[3] = { d0[OCU_K], d2[OCU_K], d1[OCU_K + 1] };
	const float z1[3] = { d1[OCU_K], d0[OCU_K + 1], d2[OCU_K + 1] };
	const float x2[3] = { d0[OCU_K + 2], d2[OCU_K + 2], d1[OCU_K + 3] };
	const float z2[3] = { d1[OCU_K + 2], d0[OCU_K + 3], d2[OCU_K + 3] };
	float b1[TURBO_NS], b2[TURBO_NS];
	int it;
	bool ok = false;

	tail_beta(x1, z1, b1);
	tail_beta(x2, z2, b2);
	for (int k = 0; k < OCU_K; k++) {
		t->sys2[k] = d0[t->pi[k]];
		t->ext2[k] = 0.0f;
	}
	if (iters > OCU_ITERS_MAX)
		iters = OCU_ITERS_MAX;
	for (it = 1; !ok && (it == 1 || it <= iters); it++) {
		for (int k = 0; k < OCU_K; k++)
			t->apr[k] = apriori(t->ext2[k]);
		forward(t->alpha, d0, t->apr, d1);
		backward(t->alpha, d0, t->apr, d1, b1, t->ext1);
		for (int k = 0; k < OCU_K; k++)
			t->apr[k] = apriori(t->ext1[t->pi[k]]);
		forward(t->alpha, t->sys2, t->apr, d2);
		backward(t->alpha, t->sys2, t->apr, d2, b2, t->exti);
		ok = decide(t, tb) && crc24a(tb, OCU_TB) == 0;
	}
	if (used != NULL)
		*used = it - 1;
	return ok;
}
