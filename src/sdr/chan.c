/* SPDX-License-Identifier: MIT */
/* chan.c - the OcuSync front end's channeliser: where the ~9 MHz DroneID
 * band lies in the input, moved to DC, low-passed and resampled to
 * 15.36 MS/s, all in the frequency domain.
 * Reference: RUB-SysSec/DroneSecurity src/helpers.py estimate_offset()
 * (the band from a power spectrum), SpectrumCapture.py (shift, then
 * resample); FFTW3 (single precision, plans made once).
 *
 * The span (zero-padded to T = OCU_SPAN_MAX_US) goes through one FFT of
 * nin = T * rate points, so its bins are 1/T = 833 Hz apart at any
 * rate. The band is the window of 601 carriers' width (9.015 MHz) with
 * the most power in that full-resolution spectrum: its sharp edges place
 * it within a few carriers even at -4 dB SNR, where a Welch average of
 * short windowed segments misses by 20. The bins around the band centre
 * within +-(300 + OCU_MAX_CARRIER_ERR) carriers, the rest zero (an ideal
 * low-pass), then make a spectrum of nout = T * OCU_RATE = 18432 points
 * whose inverse FFT is the band at DC at 15.36 MS/s: mixing, filtering
 * and resampling at once, with no filter delay, in about a third of the
 * time liquid-dsp's msresamp_crcf takes for 50 MS/s input. A rate whose
 * T * rate is not whole comes out at most 1 / nin off 15.36 MS/s (under
 * 17 ppm near 50 MS/s: a sixth of a sample over a burst). The input
 * is scaled to unit peak on the way, so no later stage depends on the
 * receiver's gain and no power overflows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"

/* Band width searched for: the 601 carriers, DC included. */
#define CHAN_BAND_HZ (OCU_ZC_LEN * OCU_RATE / OCU_NFFT)
/* Mean power in the band over that outside it, at least: noise alone
 * gives 1 (a little over with a receiver's roll-off at the edges);
 * DroneID with 0.76 of the span at -6 dB SNR gives 1.19. */
#define CHAN_MIN_CONTRAST 1.2

struct ocu_chan {
	double rate;
	size_t nin, nout;        /* FFT sizes either side */
	float complex *in, *out; /* FFTW buffers, transformed in place */
	float *pw;               /* power per input bin */
	fftwf_plan fwd, inv;
};

struct ocu_chan *
ocu_chan_new(double rate, size_t *max_in)
{
	struct ocu_chan *c;
	double t = OCU_SPAN_MAX_US * 1e-6;

	if (!(rate >= OCU_RATE) || rate > 1e9)
		return NULL;
	c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->rate = rate;
	c->nin = (size_t)lround(rate * t);
	c->nout = (size_t)lround(OCU_RATE * t);
	c->in = fftwf_malloc(c->nin * sizeof *c->in);
	c->out = fftwf_malloc(c->nout * sizeof *c->out);
	c->pw = malloc(c->nin * sizeof *c->pw);
	if (c->in != NULL && c->out != NULL && c->pw != NULL) {
		c->fwd = fftwf_plan_dft_1d((int)c->nin, c->in, c->in,
		    FFTW_FORWARD, FFTW_ESTIMATE);
		c->inv = fftwf_plan_dft_1d((int)c->nout, c->out, c->out,
		    FFTW_BACKWARD, FFTW_ESTIMATE);
	}
	if (c->fwd == NULL || c->inv == NULL) {
		ocu_chan_free(c);
		return NULL;
	}
	/* Touched now, so the first burst does not pay the page faults. */
	memset(c->in, 0, c->nin * sizeof *c->in);
	memset(c->out, 0, c->nout * sizeof *c->out);
	memset(c->pw, 0, c->nin * sizeof *c->pw);
	*max_in = c->nin;
	return c;
}

void
ocu_chan_free(struct ocu_chan *c)
{
	if (c == NULL)
		return;
	if (c->fwd != NULL)
		fftwf_destroy_plan(c->fwd);
	if (c->inv != NULL)
		fftwf_destroy_plan(c->inv);
	fftwf_free(c->in);
	fftwf_free(c->out);
	free(c->pw);
	free(c);
}

size_t
ocu_chan_out_max(const struct ocu_chan *c)
{
	return OCU_PAD + c->nout;
}

double
ocu_chan_step(const struct ocu_chan *c)
{
	return (double)c->nin / (double)c->nout;
}

void
ocu_rotate(float complex *y, size_t n, double f)
{
	/* A phasor recurrence in double, restarted from cos/sin every 1024
	 * samples so that its error never grows. */
	double wr = cos(-2.0 * M_PI * f), wi = sin(-2.0 * M_PI * f);

	for (size_t i0 = 0; i0 < n; i0 += 1024) {
		double ph = -2.0 * M_PI * f * (double)i0;
		double pr = cos(ph), pi = sin(ph);
		size_t i1 = n - i0 < 1024 ? n : i0 + 1024;

		for (size_t i = i0; i < i1; i++) {
			float a = crealf(y[i]), b = cimagf(y[i]);
			float cr = (float)pr, ci = (float)pi;
			double t = pr * wr - pi * wi;

			y[i] = CMPLXF(a * cr - b * ci, a * ci + b * cr);
			pi = pr * wi + pi * wr;
			pr = t;
		}
	}
}

/* Peak magnitude of any component of x: the scale to undo. */
static float
chan_peak(const float complex *x, size_t n)
{
	float m = 0;

	for (size_t i = 0; i < n; i++) {
		float a = fabsf(crealf(x[i])), b = fabsf(cimagf(x[i]));

		m = a > m ? a : m;
		m = b > m ? b : m;
	}
	return m;
}

/* Bin k of the input spectrum, k signed (-nin < k < nin), as an index. */
static size_t
chan_index(const struct ocu_chan *c, long k)
{
	return k < 0 ? (size_t)(k + (long)c->nin) : (size_t)k;
}

/* The band: the centre bin (signed) of the window of wb bins with the
 * most power, among those that fit inside the input band. */
static enum ocu_stage
chan_band(const struct ocu_chan *c, long *centre)
{
	long wb = lround(CHAN_BAND_HZ / c->rate * (double)c->nin);
	long h = wb / 2, lim = (long)c->nin / 2 - h - 1, best = 0;
	double sum = 0, top = -1, total = 0;
	const float *pw = c->pw;

	if (lim < 0)
		lim = 0;
	for (size_t i = 0; i < c->nin; i++)
		total += (double)pw[i];
	/* Window [ctr - h, ctr - h + wb) from ctr = -lim up to +lim. */
	for (long k = -lim - h; k < -lim - h + wb; k++)
		sum += (double)pw[chan_index(c, k)];
	for (long ctr = -lim; ctr <= lim; ctr++) {
		if (sum > top) {
			top = sum;
			best = ctr;
		}
		sum += (double)pw[chan_index(c, ctr - h + wb)] -
		    (double)pw[chan_index(c, ctr - h)];
	}
	*centre = best;
	if (!(total > 0))
		return OCU_FAIL_BAND;
	if (wb + 8 < (long)c->nin) {
		double in = top / (double)wb;
		double out = (total - top) / (double)((long)c->nin - wb);

		if (!(in > CHAN_MIN_CONTRAST * out))
			return OCU_FAIL_BAND;
	}
	return OCU_OK;
}

/* The output spectrum: input bins centre - pass .. centre + pass moved
 * to DC, zero elsewhere, in FFT order; the 1 / nin makes the inverse
 * transform give back x's scale. */
static void
chan_shift(struct ocu_chan *c, long centre)
{
	long pass = lround((OCU_HALF + OCU_MAX_CARRIER_ERR + 1) *
	    (double)c->nout / OCU_NFFT);
	float sc = 1.0f / (float)c->nin;
	size_t k;

	if (pass > (long)c->nout / 2 - 1)
		pass = (long)c->nout / 2 - 1;
	memset(c->out, 0, c->nout * sizeof *c->out);
	k = chan_index(c, centre);
	for (long j = 0; j <= pass; j++) {
		c->out[j] = c->in[k] * sc;
		k = k + 1 == c->nin ? 0 : k + 1;
	}
	k = chan_index(c, centre);
	for (long j = 1; j <= pass; j++) {
		k = k == 0 ? c->nin - 1 : k - 1;
		c->out[c->nout - (size_t)j] = c->in[k] * sc;
	}
}

enum ocu_stage
ocu_chan_run(struct ocu_chan *c, const float complex *x, size_t n,
    float complex *y, size_t *ny, double *band_hz)
{
	float peak = chan_peak(x, n), gain;
	long centre;
	size_t m;
	enum ocu_stage st;

	*ny = 0;
	*band_hz = 0;
	if (!(peak > 0) || n > c->nin)
		return OCU_FAIL_BAND;
	gain = 1.0f / peak;
	for (size_t i = 0; i < n; i++)
		c->in[i] = x[i] * gain;
	memset(c->in + n, 0, (c->nin - n) * sizeof *c->in);
	fftwf_execute(c->fwd);
	/* A direct-conversion receiver's DC spike: not the burst's. */
	c->in[0] = 0;
	for (size_t i = 0; i < c->nin; i++)
		c->pw[i] = ocu_norm(c->in[i]);
	st = chan_band(c, &centre);
	*band_hz = (double)centre * c->rate / (double)c->nin;
	if (st != OCU_OK)
		return st;
	chan_shift(c, centre);
	fftwf_execute(c->inv);
	m = (size_t)ceil((double)n / ocu_chan_step(c));
	if (m > c->nout)
		m = c->nout;
	memset(y, 0, OCU_PAD * sizeof *y);
	memcpy(y + OCU_PAD, c->out, m * sizeof *y);
	*ny = OCU_PAD + m;
	return OCU_OK;
}
