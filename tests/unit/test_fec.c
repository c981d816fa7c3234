/* SPDX-License-Identifier: MIT */
/* test_fec.c - the OcuSync FEC back end (src/sdr: crc.c, gold.c,
 * ratematch.c, turbo.c, fec.c) against TS 36.211 7.2 and TS 36.212
 * 5.1.1, 5.1.3.2, 5.1.4.1: known CRC and Gold vectors, the rate matching
 * order checked against the systematic-bit offset and de-interleaving
 * of RUB-SysSec/DroneSecurity (qpsk.py), an independent bit-level turbo
 * encoder, round trips, and decoding over simulated AWGN with a fixed
 * seed: the turbo decoder must recover bursts that hard decisions on
 * the systematic bits cannot. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "sdr/fec.h"
#include "noise.h"

/* Blocks per SNR point: enough to tell 95 % apart from 90 %; the whole
 * suite takes about 0.4 s in Release, 7 s under the sanitizers. */
#define NBLOCKS 50
#define ITERS 8

/* random_tb: 173 random bytes and their CRC-24A, MSB first. */
static void
random_tb(struct noise *r, uint8_t tb[OCU_TB])
{
	uint32_t c;

	for (int i = 0; i < OCU_TB - 3; i++)
		tb[i] = (uint8_t)noise_u64(r);
	c = crc24a(tb, OCU_TB - 3);
	tb[OCU_TB - 3] = (uint8_t)(c >> 16);
	tb[OCU_TB - 2] = (uint8_t)(c >> 8);
	tb[OCU_TB - 1] = (uint8_t)c;
}

/* channel: BPSK (bit 0 -> +1) over AWGN at es_n0_db, to LLRs
 * 2y / sigma^2 (positive for 0). Infinite SNR: +-1, no noise. */
static void
channel(struct noise *r, const uint8_t bits[OCU_E], double es_n0_db,
    float llr[OCU_E])
{
	double var = 0.5 / pow(10.0, es_n0_db / 10.0);

	for (int k = 0; k < OCU_E; k++) {
		double x = bits[k] ? -1.0 : 1.0;

		if (isinf(es_n0_db))
			llr[k] = (float)x;
		else
			llr[k] = (float)(2.0 * (x + sqrt(var) *
			    noise_gauss(r)) / var);
	}
}

/* ---- CRCs, bit by bit from their definitions ---- */

static uint32_t
ref_crc24a(const uint8_t *p, size_t n)
{
	uint32_t r = 0;

	for (size_t i = 0; i < 8 * n; i++) {
		uint32_t in = (uint32_t)(p[i / 8] >> (7 - i % 8)) & 1u;
		uint32_t top = (r >> 23) & 1u;

		r = (r << 1) & 0xffffffu;
		if (top ^ in)
			r ^= 0x864cfbu;
	}
	return r;
}

static uint16_t
ref_crc16(const uint8_t *p, size_t n)
{
	unsigned r = 0x3692;

	for (size_t i = 0; i < 8 * n; i++) {
		unsigned in = (unsigned)(p[i / 8] >> (i % 8)) & 1u;

		r = ((r ^ in) & 1u) ? (r >> 1) ^ 0x8408u : r >> 1;
	}
	return (uint16_t)r;
}

static void
crc24a_vectors(void **state)
{
	struct noise r = { 1 };
	uint8_t b[OCU_TB] = { 0 };

	(void)state;
	/* CRC-24/LTE-A check value of the RevEng catalogue. */
	assert_int_equal(crc24a((const uint8_t *)"123456789", 9), 0xcde703);
	assert_int_equal(crc24a(b, 0), 0);
	for (int t = 0; t < 20; t++) {
		random_tb(&r, b);
		assert_int_equal(crc24a(b, OCU_TB - 3),
		    ref_crc24a(b, OCU_TB - 3));
		assert_int_equal(crc24a(b, OCU_TB), 0);
		b[t] ^= (uint8_t)(1u << (t % 8));
		assert_int_not_equal(crc24a(b, OCU_TB), 0);
	}
}

static void
dji_crc16_vectors(void **state)
{
	struct noise r = { 2 };
	uint8_t b[91] = { 0 };

	(void)state;
	assert_int_equal(dji_crc16(b, 0), 0x3692);
	assert_int_equal(dji_crc16((const uint8_t *)"123456789", 9), 0x7109);
	for (int t = 0; t < 20; t++) {
		for (size_t i = 0; i < sizeof b; i++)
			b[i] = (uint8_t)noise_u64(&r);
		assert_int_equal(dji_crc16(b, sizeof b - (size_t)t),
		    ref_crc16(b, sizeof b - (size_t)t));
	}
}

static void
gold_prefix(void **state)
{
	const char *want = "1101001011100001110111100111100101001111"
	    "111011110000101101110000";
	uint8_t g[64];

	(void)state;
	gold_bits(OCU_GOLD_CINIT, g, 64);
	for (int i = 0; i < 64; i++)
		assert_int_equal(g[i], want[i] - '0');
}

/* ---- interleavers ---- */

static void
qpp_permutation(void **state)
{
	uint8_t seen[OCU_K] = { 0 };

	(void)state;
	for (unsigned i = 0; i < OCU_K; i++) {
		unsigned p = turbo_qpp(i);

		assert_true(p < OCU_K);
		assert_int_equal(seen[p], 0);
		seen[p] = 1;
	}
	assert_int_equal(turbo_qpp(1), (43 + 88) % OCU_K);
}

/* rub_systematic: RUB's rm_turbo_rx: the j-th of the 1412 bits read from
 * the coded stream at offset 4148 is d0 bit rub[j]. The matrix is filled
 * column by column in permutation order, the top cell of columns below
 * 28 being a dummy, then read row by row without the 28 dummies. */
static void
rub_systematic(uint16_t rub[OCU_D])
{
	static const uint8_t perm[32] = { 0, 16, 8, 24, 4, 20, 12, 28, 2, 18,
	    10, 26, 6, 22, 14, 30, 1, 17, 9, 25, 5, 21, 13, 29, 3, 19, 11,
	    27, 7, 23, 15, 31 };
	int j = 0;

	for (int col = 0; col < 32; col++)
		for (int row = perm[col] < 28 ? 1 : 0; row < 45; row++)
			rub[j++] = (uint16_t)(row * 32 + perm[col] - 28);
	assert_int_equal(j, OCU_D);
}

static void
ratematch_order(void **state)
{
	uint16_t pos[OCU_NCODED], rub[OCU_D];
	uint8_t seen[3 * OCU_D] = { 0 };

	(void)state;
	assert_int_equal(OCU_RM_ROWS, 45);
	assert_int_equal(OCU_ND, 28);
	assert_int_equal(OCU_K0, 90);
	ratematch_positions(pos);
	for (int j = 0; j < OCU_NCODED; j++) {
		assert_true(pos[j] < 3 * OCU_D);
		assert_int_equal(seen[pos[j]], 0);
		seen[pos[j]] = 1;
	}
	/* Transmitted bits 4148 .. 5559 are the whole systematic stream
	 * (that is where RUB's decoder reads it), bit 4147 a parity. */
	rub_systematic(rub);
	for (int j = 0; j < OCU_D; j++)
		assert_int_equal(pos[(4148 + j) % OCU_NCODED], rub[j]);
	assert_true(pos[4147] >= OCU_D);
	/* k0 = 90 is column 2 of v0, permuted column 8: row 0, d0 bit
	 * 8 + 0 * 32 - 28 < 0 is a dummy, so the first bit sent is row 1. */
	assert_int_equal(pos[0], 8 + 32 - 28);
}

/* ---- the turbo encoder, bit by bit from the figure of 5.1.3.2 ---- */

/* ref_rsc: constituent encoder over n inputs then its three tail
 * steps; writes the n parities, and the tail x z x z x z. */
static void
ref_rsc(const uint8_t *in, int n, uint8_t *par, uint8_t tail[6])
{
	uint8_t reg[3] = { 0, 0, 0 }; /* D^1, D^2, D^3 */

	for (int k = 0; k < n + 3; k++) {
		uint8_t fb = reg[1] ^ reg[2]; /* g0 = 1 + D^2 + D^3 */
		uint8_t u = k < n ? in[k] : fb;
		uint8_t a = u ^ fb;
		uint8_t z = a ^ reg[0] ^ reg[2]; /* g1 = 1 + D + D^3 */

		reg[2] = reg[1];
		reg[1] = reg[0];
		reg[0] = a;
		if (k < n) {
			par[k] = z;
		} else {
			tail[2 * (k - n)] = u;
			tail[2 * (k - n) + 1] = z;
		}
	}
	assert_int_equal(reg[0] | reg[1] | reg[2], 0);
}

static void
turbo_encoder(void **state)
{
	struct noise r = { 3 };
	uint8_t c[OCU_K], ci[OCU_K], z1[OCU_K], z2[OCU_K], t1[6], t2[6];
	uint8_t d[3 * OCU_D];

	(void)state;
	for (int k = 0; k < OCU_K; k++)
		c[k] = (uint8_t)(noise_u64(&r) & 1u);
	for (unsigned k = 0; k < OCU_K; k++)
		ci[k] = c[turbo_qpp(k)];
	ref_rsc(c, OCU_K, z1, t1);
	ref_rsc(ci, OCU_K, z2, t2);
	turbo_encode(c, d);
	for (int k = 0; k < OCU_K; k++) {
		assert_int_equal(d[k], c[k]);
		assert_int_equal(d[OCU_D + k], z1[k]);
		assert_int_equal(d[2 * OCU_D + k], z2[k]);
	}
	/* 5.1.3.2.2: d0 = x z1 x' z1'; d1 = z x2 z' x2'; d2 = x1 z2 x1' z2'. */
	const uint8_t want[3][4] = {
		{ t1[0], t1[3], t2[0], t2[3] },
		{ t1[1], t1[4], t2[1], t2[4] },
		{ t1[2], t1[5], t2[2], t2[5] },
	};
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 4; j++)
			assert_int_equal(d[i * OCU_D + OCU_K + j], want[i][j]);
}

/* ---- decoding ---- */

/* tails_decide: the decoder reads each encoder's tail where the encoder
 * put it. All parities are erased and so is the systematic LLR of the
 * last bit into one encoder: only that encoder's tail bits (the state
 * it ended in) can decide the bit, and without them the block fails. */
static void
tails_decide(void **state)
{
	struct turbo *t = turbo_new();
	struct noise r = { 8 };
	uint8_t tb[OCU_TB], c[OCU_K], d[3 * OCU_D], out[OCU_TB];
	float s[3 * OCU_D];

	(void)state;
	assert_non_null(t);
	for (int b = 0; b < 16; b++) {
		int second = b & 1, base = second ? 2 : 0;
		unsigned last = second ? turbo_qpp(OCU_K - 1) : OCU_K - 1;

		random_tb(&r, tb);
		for (unsigned k = 0; k < OCU_K; k++)
			c[k] = (uint8_t)((unsigned)tb[k >> 3] >> (7 - (k & 7u)) & 1u);
		turbo_encode(c, d);
		for (int i = 0; i < 3 * OCU_D; i++) {
			int k = i % OCU_D, tail = k >= OCU_K;
			/* tail bit number (0..11) of the twelve, if a tail */
			int j = 3 * (k - OCU_K) + i / OCU_D;

			s[i] = d[i] ? -1.0f : 1.0f;
			if ((!tail && i >= OCU_D) || (unsigned)i == last ||
			    (tail && (j < base * 3 || j >= base * 3 + 6)))
				s[i] = 0.0f;
		}
		assert_true(turbo_decode(t, s, 4, out, NULL));
		assert_memory_equal(out, tb, OCU_TB);
		for (int j = 0; j < 6; j++)
			s[(j % 3) * OCU_D + OCU_K + (base * 3 + j) / 3] = 0.0f;
		assert_false(turbo_decode(t, s, 4, out, NULL));
	}
	turbo_free(t);
	turbo_free(NULL);
}

static void
round_trip(void **state)
{
	struct ocu_fec *f = ocu_fec_new();
	struct noise r = { 4 };
	uint8_t tb[OCU_TB], out[OCU_TB], bits[OCU_E];
	float llr[OCU_E], copy[OCU_E];
	int used = -1;

	(void)state;
	assert_non_null(f);
	for (int t = 0; t < 5; t++) {
		random_tb(&r, tb);
		ocu_encode(tb, bits);
		channel(&r, bits, INFINITY, llr);
		memcpy(copy, llr, sizeof llr);
		assert_int_equal(ocu_fec_decode(f, llr, ITERS, out, &used),
		    OCU_OK);
		assert_memory_equal(out, tb, OCU_TB);
		assert_int_equal(used, 1);
		assert_memory_equal(llr, copy, sizeof llr);
		memset(out, 0, sizeof out);
		assert_int_equal(ocu_fec_hard(f, llr, out), OCU_OK);
		assert_memory_equal(out, tb, OCU_TB);
	}
	ocu_fec_free(f);
	ocu_fec_free(NULL);
}

/* bit_order: transport block bytes enter the encoder MSB first: with
 * only the top bit of byte 0 set, systematic bit 0 is 1, bits 1..7 are
 * 0 (located through the rate matching order, descrambled by hand). */
static void
bit_order(void **state)
{
	uint8_t tb[OCU_TB] = { 0x80 }, bits[OCU_E], g[OCU_E];
	uint16_t pos[OCU_NCODED];
	int found = 0;

	(void)state;
	ocu_encode(tb, bits);
	gold_bits(OCU_GOLD_CINIT, g, OCU_E);
	ratematch_positions(pos);
	for (int k = 0; k < OCU_E; k++) {
		unsigned i = pos[k % OCU_NCODED];

		if (i < 8) {
			assert_int_equal(bits[k] ^ g[k], i == 0);
			found++;
		}
	}
	assert_true(found >= 8);
}

/* garbage: blocks that must fail, not crash: nothing received, huge and
 * non-finite values, pure noise, a valid block with its CRC broken. */
static void
garbage(void **state)
{
	struct ocu_fec *f = ocu_fec_new();
	struct noise r = { 5 };
	uint8_t tb[OCU_TB], bits[OCU_E];
	float llr[OCU_E];
	int used;

	(void)state;
	assert_non_null(f);
	for (int t = 0; t < 6; t++) {
		for (int k = 0; k < OCU_E; k++) {
			float g = (float)noise_gauss(&r);

			llr[k] = t == 0 ? 0.0f : t == 1 ? g * 1e30f :
			    t == 2 ? (g < 0 ? -INFINITY : INFINITY) :
			    t == 3 ? (k % 7 ? NAN : g) : t == 4 ? g : 1e4f;
		}
		assert_int_equal(ocu_fec_decode(f, llr, ITERS, tb, &used),
		    OCU_FAIL_CRC24);
		assert_int_equal(used, ITERS);
		assert_int_equal(ocu_fec_hard(f, llr, tb), OCU_FAIL_CRC24);
	}
	/* The iteration count is taken into [1, OCU_ITERS_MAX]. */
	assert_int_equal(ocu_fec_decode(f, llr, 0, tb, &used),
	    OCU_FAIL_CRC24);
	assert_int_equal(used, 1);
	assert_int_equal(ocu_fec_decode(f, llr, 1000, tb, &used),
	    OCU_FAIL_CRC24);
	assert_int_equal(used, OCU_ITERS_MAX);
	random_tb(&r, tb);
	tb[10] ^= 1;
	ocu_encode(tb, bits);
	channel(&r, bits, INFINITY, llr);
	assert_int_equal(ocu_fec_decode(f, llr, ITERS, tb, NULL),
	    OCU_FAIL_CRC24);
	assert_int_equal(ocu_fec_hard(f, llr, tb), OCU_FAIL_CRC24);
	ocu_fec_free(f);
}

/* A point of an SNR sweep. */
struct tally {
	int turbo, hard, iters;
	double us;
};

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* sweep: NBLOCKS random blocks at es_n0_db through both decoders. */
static struct tally
sweep(struct ocu_fec *f, struct noise *r, double es_n0_db, int do_turbo)
{
	struct tally t = { 0, 0, 0, 0.0 };
	uint8_t tb[OCU_TB], out[OCU_TB], bits[OCU_E];
	float llr[OCU_E];
	int used;

	for (int b = 0; b < NBLOCKS; b++) {
		random_tb(r, tb);
		ocu_encode(tb, bits);
		channel(r, bits, es_n0_db, llr);
		if (do_turbo) {
			double t0 = now_us();
			enum ocu_stage s = ocu_fec_decode(f, llr, ITERS, out,
			    &used);

			t.us += now_us() - t0;
			t.iters += used;
			t.turbo += s == OCU_OK && !memcmp(out, tb, sizeof tb);
		}
		t.hard += ocu_fec_hard(f, llr, out) == OCU_OK &&
		    !memcmp(out, tb, sizeof tb);
	}
	return t;
}

/* awgn: the lowest Es/N0 (0.5 dB steps) at which each decoder still
 * recovers 95 % of the blocks; the turbo decoder must get there with
 * hard decisions recovering almost nothing, and stop early at high SNR. */
static void
awgn(void **state)
{
	struct ocu_fec *f = ocu_fec_new();
	struct noise r = { 6 };
	double turbo_db = NAN, hard_db = NAN, db;
	struct tally t, at = { 0, 0, 0, 0.0 };

	(void)state;
	assert_non_null(f);
	for (db = -3.0; db > -10.0; db -= 0.5) {
		t = sweep(f, &r, db, 1);
		printf("# Es/N0 %5.1f dB: turbo %2d/%d (%.2f iterations, "
		    "%.0f us/block), hard %d/%d\n", db, t.turbo, NBLOCKS,
		    (double)t.iters / NBLOCKS, t.us / NBLOCKS, t.hard, NBLOCKS);
		if (t.turbo * 100 < 95 * NBLOCKS)
			break;
		turbo_db = db;
		at = t;
	}
	for (db = 12.0; db > turbo_db; db -= 0.5) {
		t = sweep(f, &r, db, 0);
		if (t.hard * 100 < 95 * NBLOCKS)
			break;
		hard_db = db;
	}
	printf("# 95%% of %d blocks: turbo (%d iterations max) at Es/N0 "
	    "%.1f dB, hard decisions at %.1f dB\n", NBLOCKS, ITERS, turbo_db,
	    hard_db);
	assert_true(isnan(turbo_db) == 0);
	assert_true(turbo_db <= -4.0);
	assert_true(at.hard <= NBLOCKS / 25);
	assert_true(hard_db >= turbo_db + 6.0);
	/* Well above the threshold one or two iterations suffice. */
	t = sweep(f, &r, 0.0, 1);
	assert_int_equal(t.turbo, NBLOCKS);
	assert_true(t.iters <= 2 * NBLOCKS);
	ocu_fec_free(f);
}

/* speed: the cost of a block that runs all iterations (noise only). */
static void
speed(void **state)
{
	struct ocu_fec *f = ocu_fec_new();
	struct noise r = { 7 };
	uint8_t bits[OCU_E] = { 0 }, tb[OCU_TB];
	float llr[OCU_E];
	double us = 0.0;
	int used;

	(void)state;
	assert_non_null(f);
	for (int b = 0; b < NBLOCKS / 5; b++) {
		channel(&r, bits, -15.0, llr);
		double t0 = now_us();

		ocu_fec_decode(f, llr, ITERS, tb, &used);
		us += now_us() - t0;
		assert_int_equal(used, ITERS);
	}
	us /= NBLOCKS / 5;
	printf("# decode, %d iterations: %.0f us per block, %.0f us per "
	    "iteration\n", ITERS, us, us / ITERS);
	ocu_fec_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crc24a_vectors),
		cmocka_unit_test(dji_crc16_vectors),
		cmocka_unit_test(gold_prefix),
		cmocka_unit_test(qpp_permutation),
		cmocka_unit_test(ratematch_order),
		cmocka_unit_test(turbo_encoder),
		cmocka_unit_test(tails_decide),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(bit_order),
		cmocka_unit_test(garbage),
		cmocka_unit_test(awgn),
		cmocka_unit_test(speed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
