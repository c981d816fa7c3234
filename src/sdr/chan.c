/* SPDX-License-Identifier: MIT */
/* chan.c - the OcuSync front end's channeliser: where the ~9 MHz DroneID
 * band lies in the input, mixed down to DC, resampled to 15.36 MS/s.
 * Reference: RUB-SysSec/DroneSecurity src/helpers.py estimate_offset()
 * (the band from a power spectrum) and SpectrumCapture.py; liquid-dsp
 * msresamp_crcf (multi-stage half-band + arbitrary resampler).
 *
 * The band: a Welch power spectrum (1024-point Hann segments spread over
 * the span), then the centre of the 601-carrier-wide window holding the
 * most power. Its error, under a spectrum bin (49 kHz at 50 MS/s), is
 * left to sync.c, which finds whole carriers of offset on the Zadoff-Chu
 * symbols. The input is scaled to unit peak on the way, so no later
 * stage depends on the receiver's gain. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <liquid/liquid.h>

#include "front.h"

#define CHAN_CHUNK 4096      /* input samples mixed per resampler call */
#define CHAN_SEGS 32         /* spectrum segments averaged at most */
#define CHAN_BAND_HZ (OCU_ZC_LEN * OCU_RATE / OCU_NFFT) /* 9.015 MHz */
/* Mean power in the band over that outside it, at least; noise alone is
 * near 1 (a receiver's roll-off at the band edges raises it a little). */
#define CHAN_MIN_CONTRAST 1.5f
#define CHAN_ATTEN_DB 60.0f  /* resampler stop-band attenuation */

struct ocu_chan {
	double rate, ratio;     /* input rate; OCU_RATE / rate */
	double delay;           /* resampler delay, output samples */
	size_t max_in, out_max;
	msresamp_crcf rs;       /* NULL when the input is at OCU_RATE */
	float complex *mix;     /* CHAN_CHUNK mixed samples */
	float win[OCU_NFFT];    /* Hann window */
	float psd[OCU_NFFT];    /* averaged power per bin */
};

/* The resampler's delay, measured: a Gaussian pulse through it, the
 * shift of its centroid. (liquid-dsp 1.5's msresamp_crcf_get_delay()
 * is wrong for ratios that use both its half-band and arbitrary stages:
 * 33 output samples reported, 10.1 measured, at 50 to 15.36 MS/s.) */
static int
chan_measure_delay(struct ocu_chan *c)
{
	double sigma = 8.0 / c->ratio, mid = CHAN_CHUNK / 2, s = 0, sw = 0;
	size_t cap = (size_t)ceil(2.0 * c->ratio * CHAN_CHUNK) + 2;
	float complex *out = malloc(cap * sizeof *out);
	unsigned int got = 0;

	if (out == NULL)
		return -1;
	if (sigma > CHAN_CHUNK / 16)
		sigma = CHAN_CHUNK / 16;
	for (size_t i = 0; i < CHAN_CHUNK; i++) {
		double t = ((double)i - mid) / sigma;

		c->mix[i] = (float)exp(-0.5 * t * t);
	}
	msresamp_crcf_reset(c->rs);
	msresamp_crcf_execute(c->rs, c->mix, CHAN_CHUNK, out, &got);
	for (unsigned int i = 0; i < got && i < cap; i++) {
		s += (double)crealf(out[i]) * i;
		sw += (double)crealf(out[i]);
	}
	free(out);
	c->delay = sw > 0 ? s / sw - mid * c->ratio : 0;
	return 0;
}

struct ocu_chan *
ocu_chan_new(double rate, size_t max_in)
{
	struct ocu_chan *c;

	if (!(rate >= OCU_RATE) || max_in == 0)
		return NULL;
	c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->rate = rate;
	c->ratio = OCU_RATE / rate;
	c->max_in = max_in;
	c->out_max = OCU_PAD + (size_t)ceil(c->ratio * (double)max_in) +
	    (size_t)ceil(2.0 * c->ratio * CHAN_CHUNK) + 16;
	c->mix = malloc(CHAN_CHUNK * sizeof *c->mix);
	if (c->ratio < 0.9999)
		c->rs = msresamp_crcf_create((float)c->ratio, CHAN_ATTEN_DB);
	if (c->mix == NULL || (c->ratio < 0.9999 && (c->rs == NULL ||
	    chan_measure_delay(c) != 0))) {
		ocu_chan_free(c);
		return NULL;
	}
	for (int i = 0; i < OCU_NFFT; i++)
		c->win[i] = (float)(0.5 - 0.5 * cos(2.0 * M_PI * i / OCU_NFFT));
	return c;
}

void
ocu_chan_free(struct ocu_chan *c)
{
	if (c == NULL)
		return;
	if (c->rs != NULL)
		msresamp_crcf_destroy(c->rs);
	free(c->mix);
	free(c);
}

size_t
ocu_chan_out_max(const struct ocu_chan *c)
{
	return c->out_max;
}

double
ocu_chan_delay(const struct ocu_chan *c)
{
	return c->delay;
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

/* The averaged power spectrum of x, scaled by gain, into c->psd (bin 0 at
 * DC, FFT order); the DC bin replaced by its neighbours' mean, since
 * direct-conversion receivers leave a spike there. */
static void
chan_psd(struct ocu_chan *c, struct ocu_fft *f, const float complex *x,
    size_t n, float gain)
{
	size_t nseg = n / OCU_NFFT, step;

	if (nseg > CHAN_SEGS)
		nseg = CHAN_SEGS;
	step = nseg > 1 ? (n - OCU_NFFT) / (nseg - 1) : 0;
	memset(c->psd, 0, sizeof c->psd);
	for (size_t s = 0; s < nseg; s++) {
		const float complex *p = x + s * step;

		for (int i = 0; i < OCU_NFFT; i++)
			f->buf[i] = p[i] * (c->win[i] * gain);
		fftwf_execute(f->fwd);
		for (int i = 0; i < OCU_NFFT; i++) {
			float re = crealf(f->buf[i]), im = cimagf(f->buf[i]);
			c->psd[i] += re * re + im * im;
		}
	}
	c->psd[0] = 0.5f * (c->psd[1] + c->psd[OCU_NFFT - 1]);
}

/* The band: the centre bin (signed, -512..511) of the window of wb bins
 * with the most power, among those that fit inside the input band. */
static enum ocu_stage
chan_band(const struct ocu_chan *c, double *band_hz)
{
	int wb = (int)lround(CHAN_BAND_HZ / c->rate * OCU_NFFT);
	int h = wb / 2, lim = OCU_NFFT / 2 - h - 1, best = 0;
	double sum = 0, top = -1, total = 0;

	if (lim < 0)
		lim = 0;
	for (int i = 0; i < OCU_NFFT; i++)
		total += c->psd[i];
	/* Window centred on bin -lim first, then slide up to +lim. */
	for (int k = -lim - h; k < -lim - h + wb; k++)
		sum += c->psd[(k + OCU_NFFT) % OCU_NFFT];
	for (int ctr = -lim; ctr <= lim; ctr++) {
		if (sum > top) {
			top = sum;
			best = ctr;
		}
		sum += c->psd[(ctr + h + (wb - 2 * h) + OCU_NFFT) % OCU_NFFT];
		sum -= c->psd[(ctr - h + OCU_NFFT) % OCU_NFFT];
	}
	*band_hz = best * c->rate / OCU_NFFT;
	if (!(total > 0))
		return OCU_FAIL_BAND;
	if (wb < OCU_NFFT - 8) {
		double in = top / wb, out = (total - top) / (OCU_NFFT - wb);

		if (!(in > CHAN_MIN_CONTRAST * out))
			return OCU_FAIL_BAND;
	}
	return OCU_OK;
}

/* x mixed down by f cycles per sample and scaled by gain into y, which
 * must hold n samples. */
static void
chan_mix(const float complex *x, size_t n, double f, double phase0,
    float gain, float complex *y)
{
	double wr = cos(-2.0 * M_PI * f), wi = sin(-2.0 * M_PI * f);
	double pr = gain * cos(phase0), pi = gain * sin(phase0);

	for (size_t i = 0; i < n; i++) {
		float a = crealf(x[i]), b = cimagf(x[i]);
		float cr = (float)pr, ci = (float)pi;
		double t = pr * wr - pi * wi;

		y[i] = CMPLXF(a * cr - b * ci, a * ci + b * cr);
		pi = pr * wi + pi * wr;
		pr = t;
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

enum ocu_stage
ocu_chan_run(struct ocu_chan *c, struct ocu_fft *f, const float complex *x,
    size_t n, float complex *y, size_t *ny, double *band_hz)
{
	float peak = chan_peak(x, n), gain;
	double fr;
	size_t m = OCU_PAD;
	enum ocu_stage st;

	*ny = 0;
	*band_hz = 0;
	if (!(peak > 0) || n < OCU_NFFT)
		return OCU_FAIL_BAND;
	gain = 1.0f / peak;
	chan_psd(c, f, x, n, gain);
	st = chan_band(c, band_hz);
	if (st != OCU_OK)
		return st;
	fr = *band_hz / c->rate;
	memset(y, 0, OCU_PAD * sizeof *y);
	if (c->rs != NULL)
		msresamp_crcf_reset(c->rs);
	for (size_t i0 = 0; i0 < n; i0 += CHAN_CHUNK) {
		size_t k = n - i0 < CHAN_CHUNK ? n - i0 : CHAN_CHUNK;
		double ph = -2.0 * M_PI * fr * (double)i0;
		unsigned int got = 0;

		if (c->rs == NULL) {
			chan_mix(x + i0, k, fr, ph, gain, y + m);
			m += k;
			continue;
		}
		if (c->out_max - m < (size_t)ceil(2.0 * c->ratio * (double)k) + 2)
			break;
		chan_mix(x + i0, k, fr, ph, gain, c->mix);
		msresamp_crcf_execute(c->rs, c->mix, (unsigned int)k, y + m,
		    &got);
		m += got;
	}
	*ny = m;
	return OCU_OK;
}
