/* SPDX-License-Identifier: MIT */
/* front.h - what the OcuSync front-end stages (chan.c, sync.c, ofdm.c)
 * share with each other and nobody else: burst geometry at OCU_RATE, the
 * carrier map, the shared FFT and the stage entry points.
 * Reference: ocusync.h; RUB-SysSec/DroneSecurity src/helpers.py (CP
 * lengths, carrier order); 3GPP TS 36.211 6.12 (cyclic prefixes).
 *
 * A burst at OCU_RATE, symbol i starting at ocu_sym_start(i):
 *
 *   | 80 | 1024 | 72 | 1024 | ... (7 x 72) ... | 80 | 1024 |
 *     CP  sym 0   CP   sym 1                    CP   sym 8
 *
 * An 8-symbol (legacy) burst has the same CP pattern over its eight
 * symbols, so it lines up with symbols 1..8 of this template but for
 * its first CP (80, not 72), which the timing metric does not see: the
 * front end always works on the 9-symbol template and calls a burst
 * legacy when symbol 0 is empty. */
#ifndef VIGIE_SDR_FRONT_H
#define VIGIE_SDR_FRONT_H

#include <complex.h>
#include <fftw3.h>
#include <stddef.h>

#include "ocusync.h"

#define OCU_CP_LONG 80   /* first and last symbol */
#define OCU_CP_SHORT 72  /* the others */
#define OCU_USED 600     /* carriers carrying data, DC excluded */
#define OCU_HALF 300     /* used carriers either side of DC */
#define OCU_ZC_LEN 601   /* Zadoff-Chu length (DC included, then zeroed) */
#define OCU_ZC_ROOT_A 600
#define OCU_ZC_ROOT_B 147
#define OCU_ZC_SYM_A 3   /* symbol of root 600 (2 in a legacy burst) */
#define OCU_ZC_SYM_B 5   /* symbol of root 147 (4 in a legacy burst) */
#define OCU_BITS_SYM (2 * OCU_USED) /* QPSK bits per symbol */
/* Zeros put before the resampled burst so that the 9-symbol template
 * fits a legacy burst whose missing symbol 0 falls before the span. */
#define OCU_PAD (OCU_CP_LONG + OCU_NFFT)
/* The FFT window starts this many samples before the end of each cyclic
 * prefix, inside it, so that a late timing estimate or a channel's
 * early path does not mix in the next symbol. The linear phase it adds
 * is the same on every symbol and goes into the channel estimate. */
#define OCU_BACKOFF 4

/* Cyclic prefix length of symbol i of the 9-symbol template. */
static inline size_t
ocu_cp_len(int i)
{
	return (i == 0 || i == OCU_NSYM - 1) ? OCU_CP_LONG : OCU_CP_SHORT;
}

/* Offset of symbol i (its cyclic prefix) from the burst start. */
static inline size_t
ocu_sym_start(int i)
{
	if (i == 0)
		return 0;
	return OCU_CP_LONG + OCU_NFFT +
	    (size_t)(i - 1) * (OCU_CP_SHORT + OCU_NFFT);
}

/* FFT bin (0..1023) of used-carrier index c (0..599, lowest frequency
 * first: -300..-1 then +1..+300 carriers from DC). */
static inline size_t
ocu_carrier_bin(size_t c)
{
	return c < OCU_HALF ? OCU_NFFT - OCU_HALF + c : c - OCU_HALF + 1;
}

/* a * conj(b), |a|^2 and a * b, spelt out: C's complex product checks
 * for infinities on every call, which costs in per-sample loops. */
static inline float complex
ocu_mulc(float complex a, float complex b)
{
	float ar = crealf(a), ai = cimagf(a), br = crealf(b), bi = cimagf(b);

	return CMPLXF(ar * br + ai * bi, ai * br - ar * bi);
}

static inline float
ocu_norm(float complex a)
{
	return crealf(a) * crealf(a) + cimagf(a) * cimagf(a);
}

static inline float complex
ocu_mul(float complex a, float complex b)
{
	float ar = crealf(a), ai = cimagf(a), br = crealf(b), bi = cimagf(b);

	return CMPLXF(ar * br - ai * bi, ar * bi + ai * br);
}

/* One 1024-point FFT in place on buf, each way (FFTW's unnormalised
 * transforms), planned once. */
struct ocu_fft {
	float complex *buf;
	fftwf_plan fwd, inv;
};

/* ocu_fft_init: allocate buf and make both plans; 0 on success, -1 when
 * out of memory (f is then safe to pass to ocu_fft_fini). Planning is not
 * thread-safe in FFTW: call from one thread at a time. */
int ocu_fft_init(struct ocu_fft *f);
void ocu_fft_fini(struct ocu_fft *f);

/* ocu_rotate: y[i] *= exp(-2 pi j f (i + 0)) for i < n, f in cycles per
 * sample: removes a frequency offset f. */
void ocu_rotate(float complex *y, size_t n, double f);

/* ---- chan.c ---- */

/* Carriers of frequency error left after chan.c that sync.c looks for,
 * either way; chan.c's low-pass keeps them. */
#define OCU_MAX_CARRIER_ERR 16

struct ocu_chan;

/* ocu_chan_new: band finder and resampler for input at rate samples/s
 * (FFTW plans and buffers for OCU_SPAN_MAX_US); *max_in receives the
 * longest span it takes. NULL when out of memory or the rate is outside
 * OCU_RATE .. 1 GS/s. */
struct ocu_chan *ocu_chan_new(double rate, size_t *max_in);
void ocu_chan_free(struct ocu_chan *c);

/* ocu_chan_out_max: how many samples ocu_chan_run may write to y. */
size_t ocu_chan_out_max(const struct ocu_chan *c);

/* ocu_chan_step: input samples per output sample (rate / OCU_RATE, to
 * within 1 / max_in): output sample k after the OCU_PAD zeros is input
 * sample k * step, with no delay. */
double ocu_chan_step(const struct ocu_chan *c);

/* ocu_chan_run: the centre of the strongest 9 MHz band in x[0..n) (all
 * finite, n <= max_in), relative to the tuned frequency, to *band_hz;
 * that band, moved to DC, low-passed and resampled to OCU_RATE, into y
 * after OCU_PAD zeros; *ny receives the samples written (OCU_PAD
 * included). Returns OCU_FAIL_BAND when no band stands above the rest of
 * the spectrum (or x is all zero). */
enum ocu_stage ocu_chan_run(struct ocu_chan *c, const float complex *x,
    size_t n, float complex *y, size_t *ny, double *band_hz);

/* ---- sync.c ---- */

struct ocu_sync;

/* Where a burst lies in the resampled samples and what it looked like. */
struct ocu_timing {
	size_t start;       /* first sample of symbol 0's cyclic prefix */
	double cfo_hz;      /* total offset removed after ocu_chan_run */
	int zc_root[2];     /* roots found in symbols 3 and 5, 0 if none */
};

/* ocu_sync_new: scratch for spans of up to ny_max resampled samples and
 * the Zadoff-Chu references; NULL when out of memory. */
struct ocu_sync *ocu_sync_new(size_t ny_max);
void ocu_sync_free(struct ocu_sync *s);

/* ocu_sync_run: time the burst in y[0..ny) by its cyclic prefixes, find
 * its frequency offset (fraction of a carrier from the prefixes, whole
 * carriers and fine timing from the Zadoff-Chu symbols) and remove it
 * from y in place. Returns OCU_FAIL_SHORT, OCU_FAIL_SYNC or OCU_FAIL_ZC,
 * or OCU_OK with t filled (t->zc_root as far as it got in any case). */
enum ocu_stage ocu_sync_run(struct ocu_sync *s, struct ocu_fft *f,
    float complex *y, size_t ny, struct ocu_timing *t);

/* ocu_sync_zc_ref: the frequency-domain Zadoff-Chu symbol of root 600
 * (which 0) or 147 (which 1) at the used carriers, in carrier order. */
const float complex *ocu_sync_zc_ref(const struct ocu_sync *s, int which);

#endif
