/* SPDX-License-Identifier: MIT */
/* sync.c - OcuSync burst timing and frequency offset, at 15.36 MS/s.
 * Reference: RUB-SysSec/DroneSecurity src/Packet.py find_fine_start()
 * (cyclic prefix correlation), src/zcsequence.py (the Zadoff-Chu
 * symbols); proto17/dji_droneid matlab/updated_scripts/create_zc.m;
 * van de Beek et al., "ML estimation of time and frequency offset in
 * OFDM systems" (IEEE Trans. Signal Processing, 1997).
 *
 * 1. Cyclic prefixes: M(m) = sum of y[m+j] conj(y[m+j+1024]), j < 72, is
 *    taken at the last 72 samples of all nine prefixes of a candidate
 *    start and summed; its peak gives the start, its phase the offset
 *    modulo one carrier (15 kHz).
 * 2. Zadoff-Chu symbols (3: root 600, 5: root 147, each
 *    x_u(n) = exp(-j pi u n (n+1) / 601) on carriers -300..300, DC
 *    zeroed): for each whole-carrier offset d within +-SYNC_MAX_CARRIERS,
 *    the received carriers shifted by d times the conjugate reference,
 *    back to time (the channel impulse response); the d whose two
 *    responses peak highest at one common delay is the offset and that
 *    delay the timing error. Root 600 alone cannot tell a carrier shift
 *    from a 1.7-sample delay; root 147 can. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"

#define SYNC_CP_WIN OCU_CP_SHORT  /* samples of each prefix compared */
#define SYNC_MAX_CARRIERS OCU_MAX_CARRIER_ERR /* offsets tried, +- */
/* Timing error looked for, +- samples. Within +-16 carriers root 147's
 * response never lands where root 600's does at a wrong offset. */
#define SYNC_MAX_DELAY 100
#define SYNC_SHIFT (OCU_CP_SHORT + OCU_NFFT) /* one symbol: see ocu_sync_run */
/* Cyclic prefix correlation over prefix energy at the peak, at least:
 * about 0.5 at 0 dB SNR, 0.05 on noise. */
#define SYNC_MIN_CP 0.1
/* Zadoff-Chu response peak over the energy a single path would put
 * there: 1 for a clean flat channel, about 0.01 on noise. */
#define SYNC_MIN_ZC 0.08

struct ocu_sync {
	size_t ny_max;
	double complex *m;      /* prefix correlation per position */
	double *e;              /* energy of both windows per position */
	float complex zc[2][OCU_USED];   /* references, carrier order */
	float complex sym[2][OCU_NFFT];  /* spectra of symbols 3 and 5 */
	float resp[2 * SYNC_MAX_DELAY + 1];
};

/* The Zadoff-Chu symbol of root u on the used carriers: carrier c
 * (0..599) holds x_u(c) below DC and x_u(c + 1) above (x_u(300) would be
 * on DC and is not sent). */
static void
sync_zc_make(float complex *out, int u)
{
	for (int c = 0; c < OCU_USED; c++) {
		long n = c < OCU_HALF ? c : c + 1;
		/* u n (n+1) is even: reduce modulo 2 * 601 exactly. */
		long k = (long)u * n * (n + 1) % (2 * OCU_ZC_LEN);
		double ph = -M_PI * (double)k / OCU_ZC_LEN;

		out[c] = CMPLXF((float)cos(ph), (float)sin(ph));
	}
}

struct ocu_sync *
ocu_sync_new(size_t ny_max)
{
	struct ocu_sync *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->ny_max = ny_max;
	s->m = calloc(ny_max, sizeof *s->m);
	s->e = calloc(ny_max, sizeof *s->e);
	if (s->m == NULL || s->e == NULL) {
		ocu_sync_free(s);
		return NULL;
	}
	sync_zc_make(s->zc[0], OCU_ZC_ROOT_A);
	sync_zc_make(s->zc[1], OCU_ZC_ROOT_B);
	return s;
}

void
ocu_sync_free(struct ocu_sync *s)
{
	if (s == NULL)
		return;
	free(s->m);
	free(s->e);
	free(s);
}

const float complex *
ocu_sync_zc_ref(const struct ocu_sync *s, int which)
{
	return s->zc[which != 0];
}

/* M(m) and the windows' energy for every m < nm, by running sums. */
static void
sync_cp_corr(struct ocu_sync *s, const float complex *y, size_t nm)
{
	double complex acc = 0;
	double en = 0;

	for (size_t j = 0; j < SYNC_CP_WIN; j++) {
		float complex a = y[j], b = y[j + OCU_NFFT];

		acc += (double complex)ocu_mulc(a, b);
		en += (double)(ocu_norm(a) + ocu_norm(b));
	}
	for (size_t m = 0; m < nm; m++) {
		float complex a0 = y[m], b0 = y[m + OCU_NFFT];
		float complex a1 = y[m + SYNC_CP_WIN];
		float complex b1 = y[m + SYNC_CP_WIN + OCU_NFFT];

		s->m[m] = acc;
		s->e[m] = en;
		if (m + 1 == nm)
			break;
		acc += (double complex)(ocu_mulc(a1, b1) - ocu_mulc(a0, b0));
		en += (double)(ocu_norm(a1) + ocu_norm(b1)) -
		    (double)(ocu_norm(a0) + ocu_norm(b0));
	}
}

/* Step 1: the start with the strongest prefix correlation, and the
 * frequency offset (Hz, within half a carrier) its phase gives. */
static enum ocu_stage
sync_cp(struct ocu_sync *s, const float complex *y, size_t ny, size_t *start,
    double *cfo_hz)
{
	size_t nm = ny - OCU_NFFT - SYNC_CP_WIN + 1, best = 0;
	double top = -1, en = 0;
	double complex g = 0;

	sync_cp_corr(s, y, nm);
	for (size_t t = 0; t + OCU_BURST_LEN <= ny; t++) {
		double complex sum = 0;
		double mag;

		for (int i = 0; i < OCU_NSYM; i++)
			sum += s->m[t + ocu_sym_start(i) + ocu_cp_len(i) -
			    SYNC_CP_WIN];
		mag = creal(sum) * creal(sum) + cimag(sum) * cimag(sum);
		if (mag > top) {
			top = mag;
			best = t;
			g = sum;
		}
	}
	for (int i = 0; i < OCU_NSYM; i++)
		en += s->e[best + ocu_sym_start(i) + ocu_cp_len(i) - SYNC_CP_WIN];
	*start = best;
	*cfo_hz = -carg(g) * OCU_RATE / (2.0 * M_PI * OCU_NFFT);
	if (!(en > 0) || !(2.0 * sqrt(top) >= SYNC_MIN_CP * en))
		return OCU_FAIL_SYNC;
	return OCU_OK;
}

/* The spectrum of symbol i of the burst starting at start into out. */
static void
sync_fft(struct ocu_fft *f, const float complex *y, size_t start, int i,
    float complex *out)
{
	size_t w = start + ocu_sym_start(i) + ocu_cp_len(i) - OCU_BACKOFF;

	memcpy(f->buf, y + w, OCU_NFFT * sizeof *f->buf);
	fftwf_execute(f->fwd);
	memcpy(out, f->buf, OCU_NFFT * sizeof *out);
}

/* The impulse response of symbol sym's carriers, shifted d carriers,
 * against reference ref, at delays -SYNC_MAX_DELAY..SYNC_MAX_DELAY,
 * normalised so a single clean path gives 1; added to acc. */
static void
sync_resp(struct ocu_fft *f, const float complex *sym,
    const float complex *ref, int d, float *acc)
{
	double en = 0;

	memset(f->buf, 0, OCU_NFFT * sizeof *f->buf);
	for (size_t c = 0; c < OCU_USED; c++) {
		size_t b = ocu_carrier_bin(c);
		float complex p = ocu_mulc(
		    sym[(b + (size_t)(d + OCU_NFFT)) % OCU_NFFT], ref[c]);

		f->buf[b] = p;
		en += (double)ocu_norm(p);
	}
	fftwf_execute(f->inv);
	if (!(en > 0))
		return;
	for (int k = -SYNC_MAX_DELAY; k <= SYNC_MAX_DELAY; k++) {
		double p = ocu_norm(f->buf[(k + OCU_NFFT) % OCU_NFFT]);

		acc[k + SYNC_MAX_DELAY] += (float)(p / (OCU_USED * en));
	}
}

/* Best delay in acc (index) and its value. */
static float
sync_peak(const float *acc, int *at)
{
	float top = -1;

	for (int k = 0; k < 2 * SYNC_MAX_DELAY + 1; k++) {
		if (acc[k] > top) {
			top = acc[k];
			*at = k - SYNC_MAX_DELAY;
		}
	}
	return top;
}

/* Which reference symbol sym matches at offset d: root index or 0. */
static int
sync_root(struct ocu_sync *s, struct ocu_fft *f, int which, int d)
{
	static const int roots[2] = { OCU_ZC_ROOT_A, OCU_ZC_ROOT_B };
	float v[2];
	int at;

	for (int r = 0; r < 2; r++) {
		memset(s->resp, 0, sizeof s->resp);
		sync_resp(f, s->sym[which], s->zc[r], d, s->resp);
		v[r] = sync_peak(s->resp, &at);
	}
	if (v[0] < SYNC_MIN_ZC && v[1] < SYNC_MIN_ZC)
		return 0;
	return roots[v[1] > v[0]];
}

/* Step 2: whole carriers of offset and the timing error, from symbols 3
 * and 5 (already corrected for the fraction of a carrier). */
static enum ocu_stage
sync_zc(struct ocu_sync *s, struct ocu_fft *f, const float complex *y,
    size_t start, int *carriers, int *delay, int roots[2])
{
	float top = -1;

	sync_fft(f, y, start, OCU_ZC_SYM_A, s->sym[0]);
	sync_fft(f, y, start, OCU_ZC_SYM_B, s->sym[1]);
	for (int d = -SYNC_MAX_CARRIERS; d <= SYNC_MAX_CARRIERS; d++) {
		float v;
		int at = 0;

		memset(s->resp, 0, sizeof s->resp);
		sync_resp(f, s->sym[0], s->zc[0], d, s->resp);
		sync_resp(f, s->sym[1], s->zc[1], d, s->resp);
		v = sync_peak(s->resp, &at);
		if (v > top) {
			top = v;
			*carriers = d;
			*delay = at;
		}
	}
	roots[0] = sync_root(s, f, 0, *carriers);
	roots[1] = sync_root(s, f, 1, *carriers);
	if (!(top >= 2 * SYNC_MIN_ZC))
		return OCU_FAIL_ZC;
	if (roots[0] != OCU_ZC_ROOT_A || roots[1] != OCU_ZC_ROOT_B)
		return OCU_FAIL_ZC;
	return OCU_OK;
}

/* Step 2 at *start, else one symbol earlier or later: the prefixes of
 * an 8-symbol burst match the template as well from its first symbol
 * as from one symbol earlier (where the 9-symbol template puts it), and
 * at low SNR a 9-symbol burst's can win one symbol off. *start moves to
 * where the Zadoff-Chu symbols were found; roots are those seen at the
 * first place tried, or where they were found. */
static enum ocu_stage
sync_zc_near(struct ocu_sync *s, struct ocu_fft *f, const float complex *y,
    size_t ny, size_t *start, int *carriers, int *delay, int roots[2])
{
	static const long shifts[3] = { 0, -SYNC_SHIFT, SYNC_SHIFT };
	enum ocu_stage st = OCU_FAIL_ZC;
	int r[2];

	for (int k = 0; k < 3 && st != OCU_OK; k++) {
		long at = (long)*start + shifts[k];

		if (at < SYNC_MAX_DELAY ||
		    (size_t)at + OCU_BURST_LEN + SYNC_MAX_DELAY > ny)
			continue;
		st = sync_zc(s, f, y, (size_t)at, carriers, delay, r);
		if (k == 0 || st == OCU_OK) {
			roots[0] = r[0];
			roots[1] = r[1];
		}
		if (st == OCU_OK)
			*start = (size_t)at;
	}
	return st;
}

enum ocu_stage
ocu_sync_run(struct ocu_sync *s, struct ocu_fft *f, float complex *y,
    size_t ny, struct ocu_timing *t)
{
	enum ocu_stage st;
	size_t start;
	double cfo;
	int d = 0, delay = 0;
	long fine;

	memset(t, 0, sizeof *t);
	if (ny < OCU_BURST_LEN + SYNC_MAX_DELAY || ny > s->ny_max)
		return OCU_FAIL_SHORT;
	st = sync_cp(s, y, ny, &start, &cfo);
	t->start = start;
	t->cfo_hz = cfo;
	if (st != OCU_OK)
		return st;
	ocu_rotate(y, ny, cfo / OCU_RATE);
	st = sync_zc_near(s, f, y, ny, &start, &d, &delay, t->zc_root);
	if (st != OCU_OK)
		return st;
	/* The response peaks at OCU_BACKOFF when timing is right. */
	fine = (long)start + delay - OCU_BACKOFF;
	start = fine > 0 ? (size_t)fine : 0;
	ocu_rotate(y, ny, (double)d / OCU_NFFT);
	t->start = start;
	t->cfo_hz = cfo + d * OCU_RATE / OCU_NFFT;
	return OCU_OK;
}
