/* SPDX-License-Identifier: MIT */
/* ofdm.c - the OcuSync front end's last stage and its entry point: FFT
 * of each symbol, channel estimate from the two Zadoff-Chu symbols,
 * equalisation and QPSK soft demapping to the 7200 LLRs.
 * Reference: RUB-SysSec/DroneSecurity src/Packet.py (symbols, channel
 * from the ZC symbols), src/qpsk.py (symbol order, quadrant to bits);
 * proto17/dji_droneid matlab/updated_scripts/quantize_qpsk.m; 3GPP TS
 * 36.211 7.1.2 (QPSK: b0 from the real part, b1 from the imaginary part,
 * a 1 bit on the negative side).
 *
 * Per burst (9 symbols; ZC at 3 and 5; QPSK at 0 1 2 4 6 7 8):
 *   a[c], b[c] = carrier c of symbol 3, 5 times the conjugate reference
 *   theta = arg sum b conj(a)     residual phase drift from 3 to 5
 *   H[c] = (a e^{j theta/2} + b e^{-j theta/2}) / 2, at symbol 4's time
 *   noise = mean |a e^{j theta/2} - b e^{-j theta/2}|^2 / 2
 *   q = y e^{-j drift} conj(H), then each symbol's common phase from its
 *   own QPSK decisions, g the QPSK amplitude relative to the ZC's, and
 *   LLR(b0) = 2 sqrt2 g Re q / noise, LLR(b1) = 2 sqrt2 g Im q / noise.
 * Output order: symbols 1 2 4 6 7 8, carriers from -300 to +300 (DC
 * skipped), two bits each (real part first). Symbol 0 holds the Gold
 * sequence itself (c_init 0x12345678, bits 0..1199) and is only checked. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"

/* Symbol 0 with less than this share of the data symbols' energy is
 * absent: an 8-symbol burst. */
#define OFDM_LEGACY_ENERGY 0.1f
/* The channel estimate is averaged over carriers c - K .. c + K (after
 * its phase slope is taken out): 135 kHz, well inside the coherence
 * bandwidth of line-of-sight links, cuts its noise by 9. */
#define OFDM_SMOOTH 4
/* Noise at least this far below the channel (60 dB): keeps LLRs finite
 * on a clean synthetic burst. */
#define OFDM_MAX_SNR 1e6f

static const int ofdm_data_syms[OCU_DATA_SYMS] = { 0, 1, 2, 4, 6, 7, 8 };

struct ocu_demod {
	size_t max_in, min_in, ycap;            /* spans taken; y's size */
	struct ocu_chan *chan;
	struct ocu_sync *sync;
	struct ocu_fft fft;
	float complex *y;                       /* resampled burst */
	float complex car[OCU_NSYM][OCU_USED];  /* used carriers per symbol */
	float complex h[OCU_USED];              /* channel at symbol 4 */
	float complex tmp[OCU_USED];            /* ofdm_smooth's */
	float hpow;                             /* sum of |h|^2 */
	uint8_t gold[OCU_BITS_SYM];             /* symbol 0's bits */
};

int
ocu_fft_init(struct ocu_fft *f)
{
	f->fwd = f->inv = NULL;
	f->buf = fftwf_malloc(OCU_NFFT * sizeof *f->buf);
	if (f->buf == NULL)
		return -1;
	f->fwd = fftwf_plan_dft_1d(OCU_NFFT, f->buf, f->buf, FFTW_FORWARD,
	    FFTW_ESTIMATE);
	f->inv = fftwf_plan_dft_1d(OCU_NFFT, f->buf, f->buf, FFTW_BACKWARD,
	    FFTW_ESTIMATE);
	return f->fwd != NULL && f->inv != NULL ? 0 : -1;
}

void
ocu_fft_fini(struct ocu_fft *f)
{
	if (f->fwd != NULL)
		fftwf_destroy_plan(f->fwd);
	if (f->inv != NULL)
		fftwf_destroy_plan(f->inv);
	fftwf_free(f->buf);
	f->buf = NULL;
	f->fwd = f->inv = NULL;
}

struct ocu_demod *
ocu_demod_new(double rate)
{
	struct ocu_demod *d;

	if (!(rate >= OCU_RATE) || rate > 1e9)
		return NULL;
	d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	/* An 8-symbol burst is the shortest. */
	d->min_in = (size_t)ceil((OCU_BURST_LEN - OCU_PAD + OCU_CP_LONG -
	    OCU_CP_SHORT) * rate / OCU_RATE);
	d->chan = ocu_chan_new(rate, &d->max_in);
	if (d->chan != NULL) {
		d->ycap = ocu_chan_out_max(d->chan);
		d->sync = ocu_sync_new(d->ycap);
		d->y = calloc(d->ycap, sizeof *d->y);
	}
	if (d->chan == NULL || d->sync == NULL || d->y == NULL ||
	    ocu_fft_init(&d->fft) != 0) {
		ocu_demod_free(d);
		return NULL;
	}
	gold_bits(OCU_GOLD_CINIT, d->gold, OCU_BITS_SYM);
	return d;
}

void
ocu_demod_free(struct ocu_demod *d)
{
	if (d == NULL)
		return;
	ocu_fft_fini(&d->fft);
	ocu_chan_free(d->chan);
	ocu_sync_free(d->sync);
	free(d->y);
	free(d);
}

/* Start of symbol i's FFT window in y. */
static size_t
ofdm_window(size_t start, int i)
{
	return start + ocu_sym_start(i) + ocu_cp_len(i) - OCU_BACKOFF;
}

/* The used carriers of every symbol into d->car. */
static void
ofdm_symbols(struct ocu_demod *d, size_t start)
{
	for (int i = 0; i < OCU_NSYM; i++) {
		memcpy(d->fft.buf, d->y + ofdm_window(start, i),
		    OCU_NFFT * sizeof *d->fft.buf);
		fftwf_execute(d->fft.fwd);
		for (size_t c = 0; c < OCU_USED; c++)
			d->car[i][c] = d->fft.buf[ocu_carrier_bin(c)];
	}
}

/* The next phasor p * w, in double. */
static double complex
ofdm_step(double complex p, double complex w)
{
	return CMPLX(creal(p) * creal(w) - cimag(p) * cimag(w),
	    creal(p) * cimag(w) + cimag(p) * creal(w));
}

/* d->h averaged over 2 OFDM_SMOOTH + 1 carriers (fewer at the band
 * edges), around its mean phase slope (timing offset) so that the slope
 * does not shrink it. */
static void
ofdm_smooth(struct ocu_demod *d)
{
	double complex acc = 0, sum = 0, w, p = 1;
	size_t lo = 0, hi = 0;

	for (size_t c = 0; c + 1 < OCU_USED; c++)
		acc += (double complex)ocu_mulc(d->h[c + 1], d->h[c]);
	w = CMPLX(cos(carg(acc)), sin(carg(acc)));
	for (size_t c = 0; c < OCU_USED; c++) {
		d->tmp[c] = ocu_mulc(d->h[c], (float complex)p);
		p = ofdm_step(p, w);
	}
	p = 1;
	for (size_t c = 0; c < OCU_USED; c++) {
		size_t a = c >= OFDM_SMOOTH ? c - OFDM_SMOOTH : 0;
		size_t b = c + OFDM_SMOOTH + 1 < OCU_USED ?
		    c + OFDM_SMOOTH + 1 : OCU_USED;

		for (; hi < b; hi++)
			sum += (double complex)d->tmp[hi];
		for (; lo < a; lo++)
			sum -= (double complex)d->tmp[lo];
		d->h[c] = ocu_mul((float complex)(sum / (double)(b - a)),
		    (float complex)p);
		p = ofdm_step(p, w);
	}
}

/* Channel estimate into d->h from the ZC symbols; returns the noise
 * variance per carrier and sets *drift to the phase advance per sample
 * left after sync.c. */
static float
ofdm_channel(struct ocu_demod *d, double *drift)
{
	const float complex *za = ocu_sync_zc_ref(d->sync, 0);
	const float complex *zb = ocu_sync_zc_ref(d->sync, 1);
	double complex acc = 0;
	double noise = 0, hp = 0;
	float complex ra, rb;
	double theta;

	for (size_t c = 0; c < OCU_USED; c++)
		acc += (double complex)ocu_mulc(
		    ocu_mulc(d->car[OCU_ZC_SYM_B][c], zb[c]),
		    ocu_mulc(d->car[OCU_ZC_SYM_A][c], za[c]));
	theta = carg(acc);
	*drift = theta / (double)(ocu_sym_start(OCU_ZC_SYM_B) -
	    ocu_sym_start(OCU_ZC_SYM_A));
	ra = CMPLXF((float)cos(theta / 2), (float)sin(theta / 2));
	rb = conjf(ra);
	for (size_t c = 0; c < OCU_USED; c++) {
		float complex a = ocu_mul(
		    ocu_mulc(d->car[OCU_ZC_SYM_A][c], za[c]), ra);
		float complex b = ocu_mul(
		    ocu_mulc(d->car[OCU_ZC_SYM_B][c], zb[c]), rb);

		d->h[c] = 0.5f * (a + b);
		noise += (double)ocu_norm(a - b);
	}
	ofdm_smooth(d);
	for (size_t c = 0; c < OCU_USED; c++)
		hp += (double)ocu_norm(d->h[c]);
	d->hpow = (float)hp;
	noise /= 2.0 * OCU_USED;
	if (!(noise * OFDM_MAX_SNR >= hp / OCU_USED))
		noise = hp / OCU_USED / OFDM_MAX_SNR;
	return (float)noise;
}

/* Symbol i equalised in place: times the conjugate channel, its phase
 * drift since symbol 4 and its common phase error removed. */
static void
ofdm_equalise(struct ocu_demod *d, int i, size_t start, double drift)
{
	double dt = (double)ofdm_window(start, i) -
	    0.5 * (double)(ofdm_window(start, OCU_ZC_SYM_A) +
	    ofdm_window(start, OCU_ZC_SYM_B));
	float complex rot = CMPLXF((float)cos(drift * dt),
	    (float)-sin(drift * dt));
	float complex *q = d->car[i];
	double complex cpe = 0;

	for (size_t c = 0; c < OCU_USED; c++) {
		q[c] = ocu_mulc(ocu_mul(q[c], rot), d->h[c]);
		cpe += (double complex)ocu_mulc(q[c], CMPLXF(
		    crealf(q[c]) < 0 ? -1.0f : 1.0f,
		    cimagf(q[c]) < 0 ? -1.0f : 1.0f));
	}
	rot = CMPLXF((float)cos(carg(cpe)), (float)-sin(carg(cpe)));
	for (size_t c = 0; c < OCU_USED; c++)
		q[c] = ocu_mul(q[c], rot);
}

/* Hard-decision errors of equalised symbol 0 against the Gold bits. */
static int
ofdm_gold_errors(const struct ocu_demod *d)
{
	int n = 0;

	for (size_t c = 0; c < OCU_USED; c++) {
		n += (crealf(d->car[0][c]) < 0) != d->gold[2 * c];
		n += (cimagf(d->car[0][c]) < 0) != d->gold[2 * c + 1];
	}
	return n;
}

/* Whether symbol 0 is absent (an 8-symbol burst), by its energy before
 * equalisation against the mean of the six data symbols'. */
static int
ofdm_legacy(const struct ocu_demod *d)
{
	double e[OCU_DATA_SYMS], data = 0;

	for (int j = 0; j < OCU_DATA_SYMS; j++) {
		const float complex *q = d->car[ofdm_data_syms[j]];

		e[j] = 0;
		for (size_t c = 0; c < OCU_USED; c++)
			e[j] += (double)ocu_norm(q[c]);
		if (j > 0)
			data += e[j];
	}
	return e[0] < OFDM_LEGACY_ENERGY * data / (OCU_DATA_SYMS - 1);
}

/* The LLRs of the equalised data symbols 1 2 4 6 7 8 into llr, scaled by
 * the QPSK amplitude (measured on the symbols sent, from first) over
 * the noise. OCU_FAIL_ZC if any came out non-finite (a zero channel). */
static enum ocu_stage
ofdm_llr(const struct ocu_demod *d, float noise, int first, float *llr)
{
	double amp = 0;
	float scale;
	size_t k = 0;

	for (int j = first; j < OCU_DATA_SYMS; j++) {
		const float complex *q = d->car[ofdm_data_syms[j]];

		for (size_t c = 0; c < OCU_USED; c++)
			amp += (double)(fabsf(crealf(q[c])) +
			    fabsf(cimagf(q[c])));
	}
	/* Mean |Re q| + |Im q| is sqrt2 times the amplitude times |h|^2. */
	amp /= M_SQRT2 * d->hpow * (OCU_DATA_SYMS - first);
	scale = (float)(2.0 * M_SQRT2 * amp / noise);
	for (int j = 1; j < OCU_DATA_SYMS; j++) {
		const float complex *q = d->car[ofdm_data_syms[j]];

		for (size_t c = 0; c < OCU_USED; c++) {
			llr[k++] = scale * crealf(q[c]);
			llr[k++] = scale * cimagf(q[c]);
		}
	}
	for (k = 0; k < OCU_E; k++)
		if (!isfinite(llr[k]))
			return OCU_FAIL_ZC;
	return OCU_OK;
}

/* Channel estimate, equalisation and LLRs of the burst whose symbols are
 * in d->car; fills info's SNR, offset, legacy flag and Gold check. */
static enum ocu_stage
ofdm_demap(struct ocu_demod *d, size_t start, float *llr,
    struct ocu_burst_info *info)
{
	double drift, snr;
	float noise = ofdm_channel(d, &drift);

	/* What the prefixes left of the offset, seen between 3 and 5. */
	info->cfo_hz += drift * OCU_RATE / (2.0 * M_PI);
	/* The pilots' SNR per carrier: |h|^2 still holds the estimate's own
	 * noise, noise / (2 (2 OFDM_SMOOTH + 1)). */
	snr = ((double)d->hpow / OCU_USED -
	    noise / (2.0 * (2 * OFDM_SMOOTH + 1))) / noise;
	info->snr_db = 10.0 * log10(snr > 1e-3 ? snr : 1e-3);
	info->legacy = ofdm_legacy(d);
	for (int j = 0; j < OCU_DATA_SYMS; j++)
		ofdm_equalise(d, ofdm_data_syms[j], start, drift);
	info->gold_errors = info->legacy ? -1 : ofdm_gold_errors(d);
	return ofdm_llr(d, noise, info->legacy, llr);
}

/* Every component finite. */
static int
ofdm_finite(const float complex *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(crealf(x[i])) || !isfinite(cimagf(x[i])))
			return 0;
	return 1;
}

enum ocu_stage
ocu_demod_burst(struct ocu_demod *d, const float complex *x, size_t n,
    float *llr, struct ocu_burst_info *info)
{
	struct ocu_burst_info scratch;
	struct ocu_timing t;
	enum ocu_stage st;
	size_t ny, cut = 0;

	if (info == NULL)
		info = &scratch;
	memset(info, 0, sizeof *info);
	info->gold_errors = -1;
	if (n < d->min_in)
		return OCU_FAIL_SHORT;
	if (n > d->max_in) {
		cut = (n - d->max_in) / 2;
		x += cut;
		n = d->max_in;
	}
	if (!ofdm_finite(x, n))
		return OCU_FAIL_BAND;
	st = ocu_chan_run(d->chan, x, n, d->y, &ny, &info->band_hz);
	if (st != OCU_OK)
		return st;
	st = ocu_sync_run(d->sync, &d->fft, d->y, ny, &t);
	info->cfo_hz = t.cfo_hz;
	info->zc_root[0] = t.zc_root[0];
	info->zc_root[1] = t.zc_root[1];
	info->start = (double)cut + ((double)t.start - OCU_PAD) *
	    ocu_chan_step(d->chan);
	if (st != OCU_OK)
		return st;
	ofdm_symbols(d, t.start);
	return ofdm_demap(d, t.start, llr, info);
}
