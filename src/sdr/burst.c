/* SPDX-License-Identifier: MIT */
/* burst.c - finding OcuSync DroneID bursts in a sample stream by their
 * energy within a band of their width, wherever it lies in the input.
 * Reference: RUB-SysSec/DroneSecurity src/SpectrumCapture.py (bursts by
 * energy, then resampled); proto17/dji_droneid matlab/find_bursts.m;
 * FFTW3 (a batch of short transforms per window).
 *
 * A burst is about 9 MHz wide; at 50 MS/s the noise of the whole input
 * is 7.4 dB more than the noise in its band, so the power of the whole
 * input only rises clearly above its noise for bursts some 9 dB above
 * the noise in their band. Here the stream is cut into frames of nfft
 * samples (bins of about OCU_DET_BIN_HZ; rectangular, not overlapped)
 * and each frame's power spectrum is summed per window of
 * OCU_DET_WIN_US (DET_FRAMES frames). Each bin has its own noise floor,
 * so the detector works on whitened power: power over floor, about 1 in
 * noise whatever the receiver's passband shape. A decision every window
 * looks at the last DET_MA windows (32 us) in every band position: the
 * mean whitened power over the `group` adjacent bins that make
 * OCU_DET_BAND_HZ (circularly), the best of them against OCU_DET_ON to
 * start and OCU_DET_OFF (DET_HOLD windows running) to end. Over 32 us
 * and 9 MHz the noise's mean is known to about 6 %, so bursts down to
 * about -3 dB in their band stand out, under what the demodulator
 * needs.
 *
 * Edges: the start is the first of the DET_MA windows (the end the last
 * of the windows since the decision before the last DET_HOLD + DET_MA)
 * whose whitened power in the burst's band exceeds DET_EDGE on its own:
 * loud bursts are placed to a window, as the wide-band detector did;
 * faint ones fall back to the bounds of the sums that decided, which
 * enclose them. The floor follows each window once DET_MA windows after
 * it have also been quiet, so the rising edge of a burst (not loud
 * enough yet to decide) never lifts it; an event that goes on for
 * DET_STUCK times OCU_DET_MAX_US is taken as a new floor.
 *
 * A burst is reported, with a margin either side, once the stream has
 * passed its end plus the margin, if it lasted a DroneID's length and is
 * wide: the whitened excess power over the burst, in its best band, has
 * a participation ratio (sum^2 / sum of squares, in bins) of about 13
 * bins (8 MHz) for DroneID's flat 9 MHz and 2 to 3 bins for the 1.4 MHz
 * OcuSync control bursts that share its channels and durations, or for
 * a tone; spans under OCU_DET_MIN_BW_HZ are dropped.
 *
 * Cost: one nfft-point FFT per nfft samples (FFTW, estimated plans) and
 * a pass over its output; per window, a few passes over nfft bins. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ocusync.h"
#include <fftw3.h>

#define DET_MA 4             /* windows summed for a decision */
#define DET_HOLD 2           /* decisions under OFF in a row end a burst */
#define DET_RING 8           /* windows kept (a power of two, at least
                              * DET_MA + DET_HOLD + 1) */
#define DET_WARM 16          /* windows averaged for a first floor */
#define DET_FLOOR_RATE (1.0f / 32) /* floor's step toward a quiet window */
#define DET_EDGE 2.0f        /* one window's whitened power at an edge */
#define DET_RMAX 1e6f        /* whitened power is clamped to this */
/* ... and to this per bin in the decisions' sums, so that a narrow
 * signal (a few bins) cannot make a band look loud on its own. */
#define DET_CLAMP 2.5f
/* An event's band may move by a DET_DRIFT-th of a band either way. */
#define DET_DRIFT 4
/* A band apart from an event's, this many times as loud (over the
 * floor, as decided), starts a new event: a burst in one band while a
 * narrow-band one goes on in another. Under it, the band where the
 * power of a burst's Zadoff-Chu symbols (chirps) sits moves and does not
 * split the burst. */
#define DET_SWITCH 1.4
/* During an event the floor learns nothing within half a band of its
 * band (the taper's leakage from a loud burst, its drift). */
#define DET_SHADOW 2
/* Mean excess power 2 and 3 bins outside the band on one side, over that
 * inside: above this, the signal is wider than DroneID (the 12 MHz
 * bursts in the recording, Wi-Fi). */
#define DET_GUARD 0.3
#define DET_TAPER 0.5        /* of each frame tapered (Tukey window) */
#define DET_MIN_NFFT 16
/* An event this many times OCU_DET_MAX_US long is a new noise floor. */
#define DET_STUCK 3
#define DET_QUEUE 4          /* spans waiting for their trailing margin */
#define DET_LOUD 1e30f       /* power per bin given to a non-finite window */
#define DET_MIN_FLOOR 1e-30f
#define DET_NONE UINT32_MAX  /* no event */

struct ocu_detect {
	uint32_t nfft, frames, win;   /* frames of nfft samples per window */
	uint32_t group;               /* bins in a band of OCU_DET_BAND_HZ */
	double bin_hz;
	uint64_t min_len, max_len, margin, stuck;
	uint64_t next;                /* stream index expected next */
	int started;
	/* The window being filled (tapered), the FFT of its frames; the
	 * taper has each value twice, for the real and imaginary parts. */
	float *taper;
	float complex *in, *out;
	fftwf_plan plan;
	uint32_t fill;
	float scale;
	/* Power per bin of the last DET_RING windows, window w at row
	 * w % DET_RING; whether each was loud (non-finite) and the band of
	 * the event it was in (DET_NONE). */
	float *spec;
	unsigned char loud[DET_RING];
	uint32_t evb[DET_RING];
	uint64_t nwin;                /* windows since the last restart */
	uint64_t decided;             /* ... of them past the warm-up */
	/* Noise: power per bin. */
	float *floor;
	uint32_t warm;
	/* Scratch: whitened power per bin, the same extended circularly,
	 * sums over groups, the bins the floor may learn from. */
	float *white, *ext, *grp;
	unsigned char *keep;
	/* The event in progress: windows first_win.. (on_start in the
	 * stream); power per bin summed over them; the decisions' whitened
	 * power summed, whose best band near the last is its band. */
	int on;
	uint32_t below, band;
	uint64_t first_win, on_start;
	double *acc;
	float *trk;
	/* Spans found, not yet reported. */
	struct ocu_span q[DET_QUEUE];
	unsigned nq;
};

/* The smallest n' >= n whose only prime factors are 2, 3 and 5 (sizes
 * FFTW transforms fastest). */
static uint32_t
det_smooth(uint32_t n)
{
	for (;; n++) {
		uint32_t m = n;

		while (m % 2 == 0)
			m /= 2;
		while (m % 3 == 0)
			m /= 3;
		while (m % 5 == 0)
			m /= 5;
		if (m == 1)
			return n;
	}
}

/* The frame's taper (a Tukey window: raised-cosine edges over DET_TAPER
 * of it, flat between) and the scale that makes a bin's power that of
 * white noise per bin. Leakage from a loud band falls to -33 dB 4 bins
 * away (-19 dB untapered), for 0.74 of the untapered frame's averaging. */
static void
det_taper(struct ocu_detect *d)
{
	double s2 = 0;

	for (uint32_t i = 0; i < d->nfft; i++) {
		double t = (i + 0.5) / d->nfft, e = t < 0.5 ? t : 1 - t, w = 1;

		if (e < DET_TAPER / 2)
			w = 0.5 * (1 - cos(2 * M_PI * e / DET_TAPER));
		d->taper[2 * i] = d->taper[2 * i + 1] = (float)w;
		s2 += w * w;
	}
	d->scale = (float)(1 / (s2 * d->frames));
}

/* FFT size, frames and band width for rate: bins of about
 * OCU_DET_BIN_HZ, windows of about OCU_DET_WIN_US. */
static void
det_size(struct ocu_detect *d, double rate)
{
	long frames;

	d->nfft = det_smooth((uint32_t)lround(rate / OCU_DET_BIN_HZ));
	if (d->nfft < DET_MIN_NFFT)
		d->nfft = DET_MIN_NFFT;
	frames = lround(rate * OCU_DET_WIN_US * 1e-6 / d->nfft);
	d->frames = frames < 1 ? 1 : (uint32_t)frames;
	d->win = d->frames * d->nfft;
	d->bin_hz = rate / d->nfft;
	d->group = (uint32_t)(OCU_DET_BAND_HZ / d->bin_hz);
	if (d->group < 1)
		d->group = 1;
	if (d->group > d->nfft)
		d->group = d->nfft;
	d->min_len = (uint64_t)(rate * OCU_DET_MIN_US * 1e-6);
	d->max_len = (uint64_t)(rate * OCU_DET_MAX_US * 1e-6);
	d->margin = (uint64_t)(rate * OCU_DET_MARGIN_US * 1e-6);
	d->stuck = DET_STUCK * d->max_len;
}

struct ocu_detect *
ocu_detect_new(double rate)
{
	struct ocu_detect *d;
	size_t n;
	int nn;

	if (!(rate >= OCU_RATE) || rate > 1e9)
		return NULL;
	d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	det_size(d, rate);
	n = d->nfft;
	d->taper = malloc(2 * n * sizeof *d->taper);
	d->in = fftwf_malloc(d->win * sizeof *d->in);
	d->out = fftwf_malloc(d->win * sizeof *d->out);
	d->spec = calloc(DET_RING * n, sizeof *d->spec);
	d->floor = calloc(n, sizeof *d->floor);
	d->white = calloc(n, sizeof *d->white);
	d->ext = calloc(n + d->group, sizeof *d->ext);
	d->grp = calloc(n, sizeof *d->grp);
	d->keep = calloc(n, 1);
	d->acc = calloc(n, sizeof *d->acc);
	d->trk = calloc(n, sizeof *d->trk);
	if (d->taper == NULL || d->in == NULL || d->out == NULL ||
	    d->spec == NULL || d->floor == NULL || d->white == NULL ||
	    d->ext == NULL || d->grp == NULL || d->keep == NULL ||
	    d->acc == NULL || d->trk == NULL) {
		ocu_detect_free(d);
		return NULL;
	}
	det_taper(d);
	nn = (int)n;
	d->plan = fftwf_plan_many_dft(1, &nn, (int)d->frames, d->in, NULL, 1,
	    nn, d->out, NULL, 1, nn, FFTW_FORWARD, FFTW_ESTIMATE);
	if (d->plan == NULL) {
		ocu_detect_free(d);
		return NULL;
	}
	return d;
}

void
ocu_detect_free(struct ocu_detect *d)
{
	if (d == NULL)
		return;
	if (d->plan != NULL)
		fftwf_destroy_plan(d->plan);
	free(d->taper);
	fftwf_free(d->in);
	fftwf_free(d->out);
	free(d->spec);
	free(d->floor);
	free(d->white);
	free(d->ext);
	free(d->grp);
	free(d->keep);
	free(d->acc);
	free(d->trk);
	free(d);
}

/* Forget the stream so far but the spans already found: a new stream
 * position, or the noise floor to learn again. */
static void
det_restart(struct ocu_detect *d)
{
	d->fill = 0;
	d->nwin = d->decided = 0;
	d->warm = 0;
	d->on = 0;
	d->below = 0;
}

/* Row of window w in spec. */
static float *
det_row(struct ocu_detect *d, uint64_t w)
{
	return d->spec + (size_t)(w % DET_RING) * d->nfft;
}

/* Transform the window just filled; its power per bin into p. Returns 1
 * if it is loud: not finite, and then every bin is DET_LOUD. */
static int
det_spectrum(struct ocu_detect *d, float *p)
{
	const float complex *o = d->out;
	uint32_t n = d->nfft;
	float total = 0;

	fftwf_execute(d->plan);
	for (uint32_t k = 0; k < n; k++)
		p[k] = 0;
	for (uint32_t f = 0; f < d->frames; f++, o += n)
		for (uint32_t k = 0; k < n; k++) {
			float re = crealf(o[k]), im = cimagf(o[k]);

			p[k] += re * re + im * im;
		}
	for (uint32_t k = 0; k < n; k++) {
		p[k] *= d->scale;
		total += p[k];
	}
	if (isfinite(total))
		return 0;
	for (uint32_t k = 0; k < n; k++)
		p[k] = DET_LOUD;
	return 1;
}

/* For det_best: grp[j] = the sum of v over the group of d->group bins
 * from bin j on (circularly), every j. Summed shift by shift so that
 * it vectorises: no chain of dependent additions. */
static void
det_groups(struct ocu_detect *d, const float *v)
{
	uint32_t n = d->nfft, g = d->group;
	float *restrict ext = d->ext, *restrict grp = d->grp;

	memcpy(ext, v, n * sizeof *ext);
	memcpy(ext + n, v, g * sizeof *ext);
	memcpy(grp, ext, n * sizeof *grp);
	for (uint32_t t = 1; t < g; t++) {
		const float *restrict e = ext + t;

		for (uint32_t j = 0; j < n; j++)
			grp[j] += e[j];
	}
}

/* Of the count bands (first bins of circular groups of d->group bins)
 * from bin from on, the one where the values given to det_groups sum
 * highest (the first of equals); that sum's mean per bin into *best. */
static uint32_t
det_best(const struct ocu_detect *d, uint32_t from, uint32_t count,
    double *best)
{
	uint32_t n = d->nfft, arg = from, j = from;
	float top = -FLT_MAX;

	for (uint32_t i = 0; i < count; i++, j = j + 1 == n ? 0 : j + 1)
		if (d->grp[j] > top) {
			top = d->grp[j];
			arg = j;
		}
	*best = (double)top / d->group;
	return arg;
}

/* Of the count bands from bin from on, the one where v sums highest:
 * det_groups and det_best for a few bands. */
static uint32_t
det_near_best(const struct ocu_detect *d, const float *v, uint32_t from,
    uint32_t count)
{
	uint32_t n = d->nfft, arg = from, j = from;
	float top = -FLT_MAX;

	for (uint32_t c = 0; c < count; c++, j = j + 1 == n ? 0 : j + 1) {
		float sum = 0;

		for (uint32_t i = 0, k = j; i < d->group;
		    i++, k = k + 1 == n ? 0 : k + 1)
			sum += v[k];
		if (sum > top) {
			top = sum;
			arg = j;
		}
	}
	return arg;
}

/* The bands near band j, where an event's band may drift: the first
 * (returned) and their count, for det_best. */
static uint32_t
det_near(const struct ocu_detect *d, uint32_t j, uint32_t *count)
{
	uint32_t r = d->group / DET_DRIFT, n = d->nfft;

	if (2 * r + 1 >= n) {
		*count = n;
		return 0;
	}
	*count = 2 * r + 1;
	return (j + n - r) % n;
}

/* Whether bands j and k (first bins) overlap by less than half. */
static int
det_apart(const struct ocu_detect *d, uint32_t j, uint32_t k)
{
	uint32_t n = d->nfft, a = (j + n - k) % n, b = (k + n - j) % n;

	return (a < b ? a : b) > d->group / 2;
}

/* Whitened power of one window's spectrum p in band j, mean per bin. */
static float
det_band(const struct ocu_detect *d, const float *p, uint32_t j)
{
	float s = 0;

	for (uint32_t i = 0; i < d->group; i++) {
		uint32_t k = (j + i) % d->nfft;
		float r = p[k] / d->floor[k];

		s += r < DET_RMAX ? r : DET_RMAX;
	}
	return s / (float)d->group;
}

/* The first windows: their mean power per bin is the first floor. */
static void
det_learn(struct ocu_detect *d, const float *p)
{
	float w = (float)d->warm;

	for (uint32_t k = 0; k < d->nfft; k++) {
		float f = (d->floor[k] * w + p[k]) / (w + 1);

		d->floor[k] = f > DET_MIN_FLOOR ? f : DET_MIN_FLOOR;
	}
	d->warm++;
}

/* After decision w: the floor learns window w - DET_MA, but for the
 * bins near the band of an event in any window since (so neither a
 * burst's first faint windows nor its leakage), or not at all if it was
 * loud. */
static void
det_fold(struct ocu_detect *d, uint64_t w)
{
	uint64_t o = w - DET_MA;
	const float *p = det_row(d, o);
	uint32_t n = d->nfft, sh = d->group / DET_SHADOW;
	uint32_t span = d->group + 2 * sh < n ? d->group + 2 * sh : n;
	uint32_t last = DET_NONE;

	if (d->loud[o % DET_RING])
		return;
	memset(d->keep, 1, n);
	for (uint64_t i = o; i <= w; i++) {
		uint32_t b = d->evb[i % DET_RING], k;

		if (b == DET_NONE || b == last)
			continue;
		last = b;
		k = (b + n - sh) % n;
		for (uint32_t t = 0; t < span; t++, k = k + 1 == n ? 0 : k + 1)
			d->keep[k] = 0;
	}
	for (uint32_t k = 0; k < n; k++) {
		float f = d->floor[k] + (p[k] - d->floor[k]) * DET_FLOOR_RATE;

		f = f > DET_MIN_FLOOR ? f : DET_MIN_FLOOR;
		d->floor[k] = d->keep[k] ? f : d->floor[k];
	}
}

/* white = the last DET_MA windows' power over the floor per bin,
 * clamped to DET_CLAMP. */
static void
det_whiten(struct ocu_detect *d, uint64_t w)
{
	uint32_t n = d->nfft;

	for (uint32_t k = 0; k < n; k++)
		d->white[k] = 0;
	for (uint64_t i = w + 1 - DET_MA; i <= w; i++) {
		const float *p = det_row(d, i);

		for (uint32_t k = 0; k < n; k++)
			d->white[k] += p[k];
	}
	for (uint32_t k = 0; k < n; k++) {
		float r = d->white[k] / (DET_MA * d->floor[k]);

		d->white[k] = r < DET_CLAMP ? r : DET_CLAMP;
	}
}

/* white = the event's excess power over the floor per bin, over its
 * nw windows. */
static void
det_excess(struct ocu_detect *d, uint64_t nw)
{
	for (uint32_t k = 0; k < d->nfft; k++) {
		double r = d->acc[k] / (double)nw / (double)d->floor[k];

		d->white[k] = (float)(r < DET_RMAX ? r : DET_RMAX) - 1;
	}
}

/* Whether the excess in white over band j looks like DroneID's: as
 * loud on average as the start of an event (the floor under the band,
 * frozen during the event, may have been a little low), spread over at
 * least OCU_DET_MIN_BW_HZ (its participation ratio, sum^2 / sum of
 * squares, in bins) and not beyond the band on either side. */
static int
det_droneid(const struct ocu_detect *d, uint32_t j)
{
	uint32_t n = d->nfft, g = d->group;
	double s = 0, s2 = 0, sum = 0, lo, hi;

	for (uint32_t i = 0; i < g; i++) {
		double e = (double)d->white[(j + i) % n];

		sum += e;
		if (e > 0) {
			s += e;
			s2 += e * e;
		}
	}
	if (!(sum >= (OCU_DET_ON - 1.0) * g) ||
	    s * s / s2 * d->bin_hz < OCU_DET_MIN_BW_HZ)
		return 0;
	if (g + 6 > n)
		return 1;
	lo = (double)d->white[(j + n - 2) % n] +
	    (double)d->white[(j + n - 3) % n];
	hi = (double)d->white[(j + g + 1) % n] +
	    (double)d->white[(j + g + 2) % n];
	return (lo > hi ? lo : hi) / 2 <= DET_GUARD * sum / g;
}

/* Decision window w (ending at stream index end) starts an event in
 * band j: its first window is the first of the last DET_MA loud enough
 * on its own in band j, else the first of them. */
static void
det_start(struct ocu_detect *d, uint64_t w, uint64_t end, uint32_t j)
{
	uint64_t first = w + 1 - DET_MA, s = first;

	while (s <= w && det_band(d, det_row(d, s), j) <= DET_EDGE)
		s++;
	if (s > w)
		s = first;
	d->on = 1;
	d->below = 0;
	d->band = j;
	d->first_win = s;
	d->on_start = end - (w - s + 1) * d->win;
	for (uint32_t k = 0; k < d->nfft; k++) {
		d->acc[k] = 0;
		d->trk[k] = d->white[k];
	}
	for (uint64_t i = s; i <= w; i++) {
		const float *p = det_row(d, i);

		for (uint32_t k = 0; k < d->nfft; k++)
			d->acc[k] += (double)p[k];
	}
}

/* The event ends at decision window w (ending at stream index end): its
 * band is where its excess power is highest near where it started; find
 * its last window (the last loud enough on its own in that band among
 * those the last decisions saw, else the last that kept it on), and
 * queue its span if it looks like DroneID. */
static void
det_finish(struct ocu_detect *d, uint64_t w, uint64_t end)
{
	uint64_t lo = w + 1 - DET_HOLD - DET_MA, e = w, len;
	uint32_t count, from = det_near(d, d->band, &count), j;
	double top;

	d->on = 0;
	det_excess(d, w - d->first_win + 1);
	det_groups(d, d->white);
	j = det_best(d, from, count, &top);
	if (lo < d->first_win)
		lo = d->first_win;
	while (e > lo && det_band(d, det_row(d, e), j) <= DET_EDGE)
		e--;
	if (det_band(d, det_row(d, e), j) <= DET_EDGE)
		e = w - DET_HOLD > d->first_win ? w - DET_HOLD : d->first_win;
	/* The spectrum of the event's own windows only. */
	for (uint64_t i = e + 1; i <= w; i++) {
		const float *p = det_row(d, i);

		for (uint32_t k = 0; k < d->nfft; k++)
			d->acc[k] -= (double)p[k];
	}
	len = end - (w - e) * d->win - d->on_start;
	det_excess(d, e - d->first_win + 1);
	if (len < d->min_len || len > d->max_len || d->nq == DET_QUEUE ||
	    !det_droneid(d, j))
		return;
	d->q[d->nq].start = d->on_start > d->margin ? d->on_start - d->margin :
	    0;
	d->q[d->nq].len = d->on_start + len + d->margin - d->q[d->nq].start;
	d->nq++;
}

/* A decision during an event, at window w (spectrum p) ending at stream
 * index end: its band follows the best of its decisions' sum, nearby; it
 * goes on while its band stays over OCU_DET_OFF, and gives way to a much
 * louder band apart from it. */
static void
det_follow(struct ocu_detect *d, uint64_t w, uint64_t end, const float *p)
{
	uint32_t count, from, j;
	double own, all;

	for (uint32_t k = 0; k < d->nfft; k++) {
		d->acc[k] += (double)p[k];
		d->trk[k] += d->white[k];
	}
	from = det_near(d, d->band, &count);
	d->band = det_near_best(d, d->trk, from, count);
	from = det_near(d, d->band, &count);
	det_groups(d, d->white);
	det_best(d, from, count, &own);
	j = det_best(d, 0, d->nfft, &all);
	if (all > OCU_DET_ON && all > DET_SWITCH * own &&
	    det_apart(d, j, d->band)) {
		det_finish(d, w, end);
		det_start(d, w, end, j);
		return;
	}
	d->below = own < OCU_DET_OFF ? d->below + 1 : 0;
	if (d->below >= DET_HOLD)
		det_finish(d, w, end);
	else if (end - d->on_start > d->stuck)
		det_restart(d);
}

/* One window filled, ending at stream index end. */
static void
det_window(struct ocu_detect *d, uint64_t end)
{
	uint64_t w = d->nwin++;
	float *p = det_row(d, w);
	int loud = det_spectrum(d, p);
	double stat;
	uint32_t j;

	d->loud[w % DET_RING] = (unsigned char)loud;
	d->evb[w % DET_RING] = DET_NONE;
	if (d->warm < DET_WARM) {
		if (!loud)
			det_learn(d, p);
		return;
	}
	det_whiten(d, w);
	if (d->on) {
		det_follow(d, w, end, p);
	} else {
		det_groups(d, d->white);
		j = det_best(d, 0, d->nfft, &stat);
		if (stat > OCU_DET_ON)
			det_start(d, w, end, j);
	}
	if (d->warm == 0) /* restarted */
		return;
	if (d->on)
		d->evb[w % DET_RING] = d->band;
	if (++d->decided > DET_MA)
		det_fold(d, w);
}

/* Report the queued spans that end by stream index pos. */
static void
det_report(struct ocu_detect *d, uint64_t pos,
    void (*found)(void *ctx, struct ocu_span s), void *ctx)
{
	unsigned k = 0;

	while (k < d->nq && d->q[k].start + d->q[k].len <= pos)
		found(ctx, d->q[k++]);
	memmove(d->q, d->q + k, (d->nq - k) * sizeof *d->q);
	d->nq -= k;
}

void
ocu_detect_feed(struct ocu_detect *d, const float complex *x, size_t n,
    uint64_t first, void (*found)(void *ctx, struct ocu_span s), void *ctx)
{
	size_t i = 0;

	if (!d->started || first != d->next)
		det_restart(d);
	d->started = 1;
	/* Frame by frame (or what is left of one), tapered on the way
	 * (as floats: this loop sees every sample). */
	while (i < n) {
		uint32_t at = d->fill % d->nfft;
		size_t take = d->nfft - at;
		const float *restrict tw = d->taper + 2 * at;
		const float *restrict from = (const float *)(x + i);
		float *restrict to = (float *)(d->in + d->fill);

		if (take > n - i)
			take = n - i;
		for (size_t t = 0; t < 2 * take; t++)
			to[t] = from[t] * tw[t];
		i += take;
		d->fill += (uint32_t)take;
		if (d->fill == d->win) {
			d->fill = 0;
			det_window(d, first + i);
		}
	}
	d->next = first + n;
	det_report(d, d->next, found, ctx);
}
