/* SPDX-License-Identifier: MIT */
/* burst.c - finding OcuSync DroneID bursts in a sample stream by their
 * energy within a band of their width, wherever it lies in the input.
 * Reference: RUB-SysSec/DroneSecurity src/SpectrumCapture.py (bursts by
 * energy, then resampled); proto17/dji_droneid matlab/find_bursts.m;
 * FFTW3 (a batch of short transforms per window).
 *
 * A burst is 9 MHz wide: at 50 MS/s the input holds 7.4 dB more noise
 * than its band, so its power stands out of the whole input's only some
 * 9 dB over the noise in its band; the demodulator decodes to -2 dB.
 *
 *   spectrum  frames of nfft samples (bins of about OCU_DET_BIN_HZ),
 *             Tukey-tapered (little leakage from a loud band), their
 *             power summed per window of about OCU_DET_WIN_US.
 *   floor     per bin; the detector works on whitened power (over the
 *             floor: about 1 in noise whatever the receiver's passband).
 *             A bin learns a window once the DET_MA windows after it
 *             were free of events there too.
 *   decide    every window, over the last DET_MA windows (32 us), at
 *             each band position: the mean whitened power of the `group`
 *             bins that make OCU_DET_BAND_HZ (circularly), each clamped
 *             to DET_CLAMP so that no narrow signal carries a band. An
 *             event starts where the best band exceeds OCU_DET_ON and
 *             follows its band (the best nearby of its decisions' sum:
 *             the Zadoff-Chu symbols are chirps, their power sweeps the
 *             band) until DET_HOLD decisions there are under OCU_DET_OFF.
 *             Over 32 us and 9 MHz the noise's mean is known to about 6 %:
 *             bursts stand out down to about -3 dB in their band. Up to
 *             DET_EVENTS run at once (a new one needs a band apart from
 *             theirs, their bins counting as noise): a narrow-band burst
 *             in one band does not hide a DroneID starting in another.
 *   edges     the first of the DET_MA windows that decided (the last of
 *             those the last decisions saw) loud in the band on its own
 *             (DET_EDGE): a loud burst is placed to a window (where the
 *             wide-band detector put it), a faint one within those.
 *   verdict   an event of OCU_DET_MIN_US..OCU_DET_MAX_US is a span (with
 *             OCU_DET_MARGIN_US either side, reported once the stream is
 *             past it) if its excess power over the floor in its band is
 *             on average over OCU_DET_ON - 1 (not an error of the floor);
 *             spread over OCU_DET_MIN_BW_HZ or more by the participation
 *             ratio (sum^2 / sum of squares, in bins) of what exceeds
 *             DET_SIGNIF deviations of its estimate: some 13 bins for
 *             DroneID's flat 9 MHz, 2 to 4 for the 1.4 MHz OcuSync
 *             control bursts sharing its channels and durations, or a
 *             tone; and confined: 2 to 4 bins out of the band, on either
 *             side, under DET_GUARD of the excess inside or within noise
 *             (not the 12 MHz bursts of the recording, nor Wi-Fi).
 *
 * An event that lasts DET_STUCK times OCU_DET_MAX_US is a new floor in
 * its band. Cost: an nfft-point FFT (FFTW, estimated plans, so results
 * do not vary) per nfft samples; per window, passes over the bins. */
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
#define DET_WARM 8           /* windows averaged for a first floor */
#define DET_EVENTS 3         /* events followed at once */
/* The floor: the mean of the quiet windows, then (from 1/DET_FLOOR_RATE
 * of them) an exponential average of about DET_FLOOR_N. */
#define DET_FLOOR_RATE (1.0f / 32)
#define DET_FLOOR_N (2 / DET_FLOOR_RATE - 1)
#define DET_TAPER 0.5        /* of each frame tapered (Tukey window) */
#define DET_RMAX 1e6f        /* whitened power is clamped to this, */
#define DET_CLAMP 2.5f       /* ... and to this in the decisions' sums */
#define DET_DRIFT 4          /* an event's band moves 1/DET_DRIFT of one */
/* The floor learns nothing within 1/DET_SHADOW of a band either side of
 * an event's band (leakage from a loud burst, drift). */
#define DET_SHADOW 2
#define DET_EDGE 2.0f        /* one window's whitened power at an edge */
/* Standard deviations of the estimate (the floor's and the burst's own)
 * beyond which a bin's excess counts toward the width: a floor learnt
 * from a few windows must not make a narrow burst look wide. */
#define DET_SIGNIF 2.0
#define DET_GUARD 0.3        /* excess out of the band over inside */
#define DET_STUCK 3          /* times OCU_DET_MAX_US: a new floor */
#define DET_QUEUE 8          /* spans waiting for their trailing margin */
#define DET_LOUD 1e30f       /* power per bin given to a non-finite window */
#define DET_MIN_FLOOR 1e-30f

/* One signal being followed. */
struct det_event {
	int on;
	uint32_t below, band, nd;     /* decisions under OFF in a row; first
	                               * bin of its band; decisions seen */
	uint64_t first_win, on_start; /* its first window; in the stream */
	double *acc;                  /* power per bin over its windows */
	float *trk;                   /* whitened power of its decisions */
};

struct ocu_detect {
	uint32_t nfft, frames, win;   /* frames of nfft samples per window */
	uint32_t group;               /* bins in a band of OCU_DET_BAND_HZ */
	double bin_hz, eff;           /* eff: independent frames a window */
	uint64_t min_len, max_len, margin, stuck;
	uint64_t next;                /* stream index expected next */
	int started;
	/* The window being filled (tapered), the FFT of its frames; the
	 * taper has each value twice, for real and imaginary parts. */
	float *taper;
	float complex *in, *out;
	fftwf_plan plan;
	uint32_t fill;
	float scale;
	/* Of the last DET_RING windows (window w at row w % DET_RING): the
	 * power per bin, and the bins free of events (none if loud). */
	float *spec;
	unsigned char *quiet;
	uint64_t nwin, decided;       /* windows since the last restart,
	                               * and past the warm-up */
	/* Noise: power per bin and how many windows it holds. */
	float *floor, *cnt;
	uint32_t warm;
	/* Scratch: whitened power per bin, the same extended circularly,
	 * its sums over groups; an event's excess; the bins to learn. */
	float *white, *ext, *grp, *exc;
	unsigned char *keep;
	struct det_event ev[DET_EVENTS];
	/* Spans found, not yet reported, by end. */
	struct ocu_span q[DET_QUEUE];
	unsigned nq;
	float *fpool;                 /* what the arrays above point into */
	double *dpool;
	unsigned char *upool;
};

/* FFT size (the nearest size at or above rate / OCU_DET_BIN_HZ whose
 * only prime factors are 2, 3 and 5, which FFTW transforms fastest),
 * frames per window and bins per band for rate. */
static void
det_size(struct ocu_detect *d, double rate)
{
	long frames;
	uint32_t n = (uint32_t)lround(rate / OCU_DET_BIN_HZ), m;

	for (;; n++) { /* n >= 24: rate >= OCU_RATE */
		for (m = n; m % 2 == 0 || m % 3 == 0 || m % 5 == 0;)
			m /= m % 2 == 0 ? 2 : m % 3 == 0 ? 3 : 5;
		if (m == 1)
			break;
	}
	d->nfft = n;
	frames = lround(rate * OCU_DET_WIN_US * 1e-6 / n);
	d->frames = frames < 1 ? 1 : (uint32_t)frames;
	d->win = d->frames * n;
	d->bin_hz = rate / n;
	d->group = (uint32_t)(OCU_DET_BAND_HZ / d->bin_hz);
	d->group = d->group < 1 ? 1 : d->group > n ? n : d->group;
	d->min_len = (uint64_t)(rate * OCU_DET_MIN_US * 1e-6);
	d->max_len = (uint64_t)(rate * OCU_DET_MAX_US * 1e-6);
	d->margin = (uint64_t)(rate * OCU_DET_MARGIN_US * 1e-6);
	d->stuck = DET_STUCK * d->max_len;
}

/* The frame's taper (Tukey: raised-cosine edges over DET_TAPER of it):
 * leakage from a loud band is -33 dB 4 bins away (-19 dB untapered) for
 * 0.74 of the untapered frame's averaging (eff: the independent frames
 * a window is worth); scale: a bin's power is that of noise per bin. */
static void
det_taper(struct ocu_detect *d)
{
	double s2 = 0, s4 = 0;

	for (uint32_t i = 0; i < d->nfft; i++) {
		double t = (i + 0.5) / d->nfft, e = t < 0.5 ? t : 1 - t, w = 1;

		if (e < DET_TAPER / 2)
			w = 0.5 * (1 - cos(2 * M_PI * e / DET_TAPER));
		d->taper[2 * i] = d->taper[2 * i + 1] = (float)w;
		s2 += w * w;
		s4 += w * w * w * w;
	}
	d->scale = (float)(1 / (s2 * d->frames));
	d->eff = s2 * s2 / (s4 * d->nfft) * d->frames;
}

/* The arrays, in three pools; -1 when out of memory. */
static int
det_alloc(struct ocu_detect *d)
{
	size_t n = d->nfft, g = d->group;
	float *f;
	double *a;

	d->in = fftwf_malloc(d->win * sizeof *d->in);
	d->out = fftwf_malloc(d->win * sizeof *d->out);
	f = d->fpool = calloc((DET_RING + 8 + DET_EVENTS) * n + g, sizeof *f);
	a = d->dpool = calloc(DET_EVENTS * n, sizeof *a);
	d->upool = calloc((DET_RING + 1) * n, 1);
	if (d->in == NULL || d->out == NULL || f == NULL || a == NULL ||
	    d->upool == NULL)
		return -1;
	d->taper = f;
	d->spec = f += 2 * n;
	d->floor = f += DET_RING * n;
	d->cnt = f += n;
	d->white = f += n;
	d->grp = f += n;
	d->exc = f += n;
	d->ext = f += n;
	f += n + g;
	for (unsigned e = 0; e < DET_EVENTS; e++, f += n, a += n) {
		d->ev[e].trk = f;
		d->ev[e].acc = a;
	}
	d->quiet = d->upool;
	d->keep = d->upool + DET_RING * n;
	return 0;
}

struct ocu_detect *
ocu_detect_new(double rate)
{
	struct ocu_detect *d;
	int n;

	if (!(rate >= OCU_RATE) || rate > 1e9)
		return NULL;
	d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	det_size(d, rate);
	if (det_alloc(d) < 0) {
		ocu_detect_free(d);
		return NULL;
	}
	det_taper(d);
	n = (int)d->nfft;
	d->plan = fftwf_plan_many_dft(1, &n, (int)d->frames, d->in, NULL, 1,
	    n, d->out, NULL, 1, n, FFTW_FORWARD, FFTW_ESTIMATE);
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
	fftwf_free(d->in);
	fftwf_free(d->out);
	free(d->fpool);
	free(d->dpool);
	free(d->upool);
	free(d);
}

/* Forget the stream but the spans found: a new stream position. */
static void
det_restart(struct ocu_detect *d)
{
	d->fill = 0;
	d->nwin = d->decided = 0;
	d->warm = 0;
	for (unsigned e = 0; e < DET_EVENTS; e++)
		d->ev[e].on = 0;
}

/* Row of window w in spec (and quiet). */
static size_t
det_row(const struct ocu_detect *d, uint64_t w)
{
	return (size_t)(w % DET_RING) * d->nfft;
}

/* Transform the window just filled; its power per bin into p. Returns 1
 * if it is loud: not finite, and then every bin is DET_LOUD. */
static int
det_spectrum(struct ocu_detect *d, float *p)
{
	const float complex *o = d->out;
	uint32_t n = d->nfft;
	int bad = 0;

	fftwf_execute(d->plan);
	memset(p, 0, n * sizeof *p);
	for (uint32_t f = 0; f < d->frames; f++, o += n)
		for (uint32_t k = 0; k < n; k++) {
			float re = crealf(o[k]), im = cimagf(o[k]);

			p[k] += re * re + im * im;
		}
	for (uint32_t k = 0; k < n; k++) {
		p[k] *= d->scale;
		bad |= !(p[k] <= FLT_MAX);
	}
	if (!bad)
		return 0;
	for (uint32_t k = 0; k < n; k++)
		p[k] = DET_LOUD;
	return 1;
}

/* grp[j] = the sum of v over the group of d->group bins from bin j on
 * (circularly), every j: shift by shift, so that it vectorises. */
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

/* The highest mean per bin in grp over the count bands (first bins) from
 * bin from on. */
static float
det_best(const struct ocu_detect *d, uint32_t from, uint32_t count)
{
	uint32_t n = d->nfft, j = from;
	float top = -FLT_MAX;

	for (uint32_t i = 0; i < count; i++, j = j + 1 == n ? 0 : j + 1)
		top = d->grp[j] > top ? d->grp[j] : top;
	return top / (float)d->group;
}

/* Of the count bands from bin from on, the one (first bin) where v sums
 * highest, the first of equals: a sliding sum, for a few bands. */
static uint32_t
det_near_best(const struct ocu_detect *d, const float *v, uint32_t from,
    uint32_t count)
{
	uint32_t n = d->nfft, arg = from, j = from, k = from;
	float sum = 0, top;

	for (uint32_t i = 0; i < d->group; i++, k = k + 1 == n ? 0 : k + 1)
		sum += v[k];
	top = sum;
	for (uint32_t c = 1; c < count; c++) {
		sum += v[k] - v[j]; /* bin j leaves, bin j + group comes */
		j = j + 1 == n ? 0 : j + 1;
		k = k + 1 == n ? 0 : k + 1;
		if (sum > top) {
			top = sum;
			arg = j;
		}
	}
	return arg;
}

/* The bands within group / DET_DRIFT bins of band j (fewer than nfft,
 * as group <= nfft): the first (returned) and their count. */
static uint32_t
det_near(const struct ocu_detect *d, uint32_t j, uint32_t *count)
{
	uint32_t r = d->group / DET_DRIFT;

	*count = 2 * r + 1;
	return (j + d->nfft - r) % d->nfft;
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

/* The bins where an event in band j keeps the floor from learning: the
 * first (returned) and their count. */
static uint32_t
det_shadow(const struct ocu_detect *d, uint32_t j, uint32_t *count)
{
	uint32_t n = d->nfft, sh = d->group / DET_SHADOW;

	*count = d->group + 2 * sh < n ? d->group + 2 * sh : n;
	return (j + n - sh) % n;
}

/* The first windows: their mean power per bin is the first floor. */
static void
det_learn(struct ocu_detect *d, const float *p)
{
	float w = (float)d->warm;

	for (uint32_t k = 0; k < d->nfft; k++) {
		float f = (d->floor[k] * w + p[k]) / (w + 1);

		d->floor[k] = f > DET_MIN_FLOOR ? f : DET_MIN_FLOOR;
		d->cnt[k] = w + 1;
	}
	d->warm++;
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
		const float *p = d->spec + det_row(d, i);

		for (uint32_t k = 0; k < n; k++)
			d->white[k] += p[k];
	}
	for (uint32_t k = 0; k < n; k++) {
		float r = d->white[k] / (DET_MA * d->floor[k]);

		d->white[k] = r < DET_CLAMP ? r : DET_CLAMP;
	}
}

/* Window w's bins free of events: all but those in an event's shadow;
 * none if it was loud. */
static void
det_mark(struct ocu_detect *d, uint64_t w, int loud)
{
	unsigned char *q = d->quiet + det_row(d, w);
	uint32_t n = d->nfft;

	memset(q, !loud, n);
	for (unsigned e = 0; e < DET_EVENTS; e++) {
		uint32_t span, k = det_shadow(d, d->ev[e].band, &span);

		for (uint32_t t = 0; t < span && d->ev[e].on;
		    t++, k = k + 1 == n ? 0 : k + 1)
			q[k] = 0;
	}
}

/* After decision w: the floor learns window w - DET_MA in the bins free
 * of events in it and in every window since. */
static void
det_fold(struct ocu_detect *d, uint64_t w)
{
	uint64_t o = w - DET_MA;
	const float *restrict p = d->spec + det_row(d, o);
	float *restrict fl = d->floor, *restrict cnt = d->cnt;
	unsigned char *restrict keep = d->keep;
	uint32_t n = d->nfft;

	memcpy(keep, d->quiet + det_row(d, o), n);
	for (uint64_t i = o + 1; i <= w; i++) {
		const unsigned char *restrict q = d->quiet + det_row(d, i);

		for (uint32_t k = 0; k < n; k++)
			keep[k] &= q[k];
	}
	for (uint32_t k = 0; k < n; k++) {
		float c = cnt[k] + 1, r = 1 / c > DET_FLOOR_RATE ? 1 / c :
		    DET_FLOOR_RATE;
		float f = fl[k] + (p[k] - fl[k]) * r;

		f = f > DET_MIN_FLOOR ? f : DET_MIN_FLOOR;
		c = c < DET_FLOOR_N ? c : DET_FLOOR_N;
		fl[k] = keep[k] ? f : fl[k];
		cnt[k] = keep[k] ? c : cnt[k];
	}
}

/* exc = event ev's excess power over the floor per bin, over its nw
 * windows. */
static void
det_excess(struct ocu_detect *d, const struct det_event *ev, uint64_t nw)
{
	for (uint32_t k = 0; k < d->nfft; k++) {
		double r = ev->acc[k] / (double)nw / (double)d->floor[k];

		d->exc[k] = (float)(r < DET_RMAX ? r : DET_RMAX) - 1;
	}
}

/* The deviation of bin k's excess in exc (an event of nw windows) with
 * no signal there, from the floor's estimate and the event's own (times
 * 1 + the excess where there is one). */
static double
det_sd(const struct ocu_detect *d, uint32_t k, uint64_t nw)
{
	return sqrt(1 / (d->eff * d->cnt[k]) + 1 / (d->eff * (double)nw));
}

/* Whether the excess in exc over band j, of an event of nw windows,
 * looks like DroneID's (see the top of the file). */
static int
det_droneid(const struct ocu_detect *d, uint32_t j, uint64_t nw)
{
	uint32_t n = d->nfft, g = d->group, k = j;
	double s = 0, s2 = 0, sum = 0, lo, hi, sd;

	for (uint32_t i = 0; i < g; i++, k = k + 1 == n ? 0 : k + 1) {
		double e = (double)d->exc[k];

		sum += e;
		e -= DET_SIGNIF * (e > 0 ? 1 + e : 1) * det_sd(d, k, nw);
		if (e > 0) {
			s += e;
			s2 += e * e;
		}
	}
	if (!(sum >= (OCU_DET_ON - 1.0) * g) || !(s2 > 0) ||
	    s * s / s2 * d->bin_hz < OCU_DET_MIN_BW_HZ)
		return 0;
	if (g + 8 > n)
		return 1;
	/* The guards, 2 to 4 bins out: their mean excess must be small
	 * against that inside, or not beyond what noise gives. */
	lo = hi = 0;
	for (uint32_t i = 2; i <= 4; i++) {
		lo += (double)d->exc[(j + n - i) % n];
		hi += (double)d->exc[(j + g - 1 + i) % n];
	}
	sd = det_sd(d, (lo > hi ? j + n - 3 : j + g + 2) % n, nw);
	return (lo > hi ? lo : hi) / 3 <= fmax(DET_GUARD * sum / g,
	    DET_SIGNIF * sd / sqrt(3));
}

/* Queue the span of a burst start..start + len (margins added) by end;
 * dropped when the queue is full. */
static void
det_queue(struct ocu_detect *d, uint64_t start, uint64_t len)
{
	struct ocu_span s;
	unsigned k;

	if (d->nq == DET_QUEUE)
		return;
	s.start = start > d->margin ? start - d->margin : 0;
	s.len = start + len + d->margin - s.start;
	for (k = d->nq; k > 0 && d->q[k - 1].start + d->q[k - 1].len >
	    s.start + s.len; k--)
		d->q[k] = d->q[k - 1];
	d->q[k] = s;
	d->nq++;
}

/* Decision window w (ending at stream index end) starts event ev in band
 * j: its first window is the first of the last DET_MA loud enough on its
 * own in band j, else the first of them. */
static void
det_start(struct ocu_detect *d, struct det_event *ev, uint64_t w,
    uint64_t end, uint32_t j)
{
	uint64_t first = w + 1 - DET_MA, s = first;

	while (s <= w && det_band(d, d->spec + det_row(d, s), j) <= DET_EDGE)
		s++;
	if (s > w)
		s = first;
	ev->on = 1;
	ev->below = 0;
	ev->band = j;
	ev->nd = 1;
	ev->first_win = s;
	ev->on_start = end - (w - s + 1) * d->win;
	memcpy(ev->trk, d->white, d->nfft * sizeof *ev->trk);
	memset(ev->acc, 0, d->nfft * sizeof *ev->acc);
	for (uint64_t i = s; i <= w; i++) {
		const float *p = d->spec + det_row(d, i);

		for (uint32_t k = 0; k < d->nfft; k++)
			ev->acc[k] += (double)p[k];
	}
}

/* Event ev ends at decision window w (ending at stream index end): its
 * band is where its excess is highest near where it was; its last window
 * the last loud enough on its own there among those the last decisions
 * saw, else the last that kept it on. Queue its span if it looks like
 * DroneID. */
static void
det_finish(struct ocu_detect *d, struct det_event *ev, uint64_t w,
    uint64_t end)
{
	uint64_t lo = w + 1 - DET_HOLD - DET_MA, e = w, len;
	uint32_t count, from = det_near(d, ev->band, &count), j;

	ev->on = 0;
	det_excess(d, ev, w - ev->first_win + 1);
	j = det_near_best(d, d->exc, from, count);
	if (lo < ev->first_win)
		lo = ev->first_win;
	while (e > lo && det_band(d, d->spec + det_row(d, e), j) <= DET_EDGE)
		e--;
	if (det_band(d, d->spec + det_row(d, e), j) <= DET_EDGE)
		e = w - DET_HOLD > ev->first_win ? w - DET_HOLD : ev->first_win;
	/* The power of the event's own windows only. */
	for (uint64_t i = e + 1; i <= w; i++) {
		const float *p = d->spec + det_row(d, i);

		for (uint32_t k = 0; k < d->nfft; k++)
			ev->acc[k] -= (double)p[k];
	}
	len = end - (w - e) * d->win - ev->on_start;
	if (len < d->min_len || len > d->max_len)
		return;
	det_excess(d, ev, e - ev->first_win + 1);
	if (det_droneid(d, j, e - ev->first_win + 1))
		det_queue(d, ev->on_start, len);
}

/* Event ev, nw windows long, is no burst but a new signal that stays:
 * the floor in its shadow becomes its power. */
static void
det_settle(struct ocu_detect *d, struct det_event *ev, uint64_t nw)
{
	uint32_t n = d->nfft, span, k = det_shadow(d, ev->band, &span);

	ev->on = 0;
	for (uint32_t t = 0; t < span; t++, k = k + 1 == n ? 0 : k + 1) {
		float f = (float)(ev->acc[k] / (double)nw);

		d->floor[k] = f > DET_MIN_FLOOR ? f : DET_MIN_FLOOR;
		d->cnt[k] = (float)nw < DET_FLOOR_N ? (float)nw : DET_FLOOR_N;
	}
}

/* A decision on event ev at window w (spectrum p) ending at stream index
 * end: its band follows the best nearby of its decisions' sum; it ends
 * after DET_HOLD decisions under OCU_DET_OFF there. */
static void
det_follow(struct ocu_detect *d, struct det_event *ev, uint64_t w,
    uint64_t end, const float *p)
{
	uint32_t count, from;

	for (uint32_t k = 0; k < d->nfft; k++) {
		ev->acc[k] += (double)p[k];
		ev->trk[k] += d->white[k];
	}
	ev->nd++;
	from = det_near(d, ev->band, &count);
	ev->band = det_near_best(d, ev->trk, from, count);
	from = det_near(d, ev->band, &count);
	ev->below = det_best(d, from, count) < OCU_DET_OFF ? ev->below + 1 : 0;
	if (ev->below >= DET_HOLD)
		det_finish(d, ev, w, end);
	else if (end - ev->on_start > d->stuck)
		det_settle(d, ev, w - ev->first_win + 1);
}

/* Whether bands j and k (first bins) overlap by half or more. */
static int
det_overlap(const struct ocu_detect *d, uint32_t j, uint32_t k)
{
	uint32_t a = (j + d->nfft - k) % d->nfft;

	return (a < d->nfft - a ? a : d->nfft - a) <= d->group / 2;
}

/* The best band (first bin) in grp apart from those of events in
 * progress; its sum into *top. */
static uint32_t
det_candidate(const struct ocu_detect *d, float *top)
{
	uint32_t arg = 0;

	*top = -FLT_MAX;
	for (uint32_t j = 0; j < d->nfft; j++) {
		int ok = d->grp[j] > *top;

		for (unsigned e = 0; e < DET_EVENTS && ok; e++)
			ok = !d->ev[e].on || !det_overlap(d, j, d->ev[e].band);
		if (ok)
			*top = d->grp[arg = j];
	}
	return arg;
}

/* A new event at window w (ending at stream index end) where the best
 * band apart from those of events in progress exceeds OCU_DET_ON, also
 * once the bins they occupy (over OCU_DET_OFF on average) are taken as
 * noise: a new signal, not the skirt or a part of one followed. */
static void
det_trigger(struct ocu_detect *d, uint64_t w, uint64_t end)
{
	struct det_event *slot = NULL;
	uint32_t arg, n = d->nfft;
	float top, on = OCU_DET_ON * (float)d->group;
	int busy = 0;

	for (unsigned e = 0; e < DET_EVENTS; e++)
		if (!d->ev[e].on)
			slot = &d->ev[e];
		else
			busy = 1;
	if (slot == NULL)
		return;
	arg = det_candidate(d, &top);
	if (busy && top > on) {
		memcpy(d->exc, d->white, n * sizeof *d->exc);
		for (unsigned e = 0; e < DET_EVENTS; e++) {
			const struct det_event *ev = &d->ev[e];
			float occ = OCU_DET_OFF * (float)ev->nd;

			for (uint32_t k = 0; k < n && ev->on; k++)
				d->exc[k] = ev->trk[k] > occ ? 1 : d->exc[k];
		}
		det_groups(d, d->exc);
		arg = det_candidate(d, &top);
	}
	if (top > on)
		det_start(d, slot, w, end, arg);
}

/* One window filled, ending at stream index end. */
static void
det_window(struct ocu_detect *d, uint64_t end)
{
	uint64_t w = d->nwin++;
	float *p = d->spec + det_row(d, w);
	int loud = det_spectrum(d, p);

	if (d->warm < DET_WARM) {
		if (!loud)
			det_learn(d, p);
		return;
	}
	det_whiten(d, w);
	det_groups(d, d->white);
	for (unsigned e = 0; e < DET_EVENTS; e++)
		if (d->ev[e].on)
			det_follow(d, &d->ev[e], w, end, p);
	/* Two events whose bands came together follow one signal: the
	 * younger goes, without a span. */
	for (unsigned e = 0; e < DET_EVENTS; e++) {
		struct det_event *ev = &d->ev[e];

		for (unsigned f = 0; f < DET_EVENTS && ev->on; f++)
			if (d->ev[f].on && d->ev[f].first_win < ev->first_win &&
			    det_overlap(d, ev->band, d->ev[f].band))
				ev->on = 0;
	}
	det_trigger(d, w, end);
	det_mark(d, w, loud);
	if (++d->decided > DET_MA)
		det_fold(d, w);
}

void
ocu_detect_reset(struct ocu_detect *d)
{
	det_restart(d);
	d->nq = 0;
}

void
ocu_detect_feed(struct ocu_detect *d, const float complex *x, size_t n,
    uint64_t first, void (*found)(void *ctx, struct ocu_span s), void *ctx)
{
	size_t i = 0;
	unsigned k = 0;

	if (!d->started || first != d->next)
		det_restart(d);
	d->started = 1;
	/* Frame by frame (or what is left of one), tapered on the way, as
	 * floats: this loop sees every sample. */
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
	/* Report the queued spans that end by now. */
	while (k < d->nq && d->q[k].start + d->q[k].len <= d->next)
		found(ctx, d->q[k++]);
	memmove(d->q, d->q + k, (d->nq - k) * sizeof *d->q);
	d->nq -= k;
}
