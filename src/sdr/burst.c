/* SPDX-License-Identifier: MIT */
/* burst.c - finding OcuSync DroneID bursts in a sample stream by energy.
 * Reference: RUB-SysSec/DroneSecurity src/SpectrumCapture.py (bursts by
 * energy, then resampled); proto17/dji_droneid matlab/find_bursts.m.
 *
 * Per sample only two sums are kept, over windows of OCU_DET_WIN_US:
 * power |x|^2 and the lag product x[n] conj(x[n - L]), L about 120 ns.
 * Per window: a burst starts when the power exceeds OCU_DET_ON times the
 * noise floor and ends when it falls under OCU_DET_OFF times it. The
 * floor follows quieter windows quickly and louder ones (outside bursts)
 * slowly. A burst is reported, with a margin either side, once the
 * stream has passed its end plus the margin, if it lasted a DroneID's
 * length and is wide: the lag product over the burst (less the noise's)
 * over its power is |sinc(B L)| for a flat band B wide, under 0.15 for
 * DroneID's 9 MHz, above 0.9 for the 1.4 MHz OcuSync control bursts
 * that share its channels and durations. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ocusync.h"

#define DET_WARM 4           /* windows averaged for a first floor */
#define DET_DOWN 0.25f       /* floor's step toward a quieter window */
#define DET_UP (1.0f / 64)   /* ... toward a louder one, outside bursts */
#define DET_LAG_S 120e-9     /* lag of the bandwidth test */
#define DET_LAG_MAX 64       /* samples: 120 ns up to 533 MS/s */
/* Lag correlation over power above which a burst is narrow-band. */
#define DET_MAX_CORR 0.5
/* An event this many times OCU_DET_MAX_US long is a new noise floor. */
#define DET_STUCK 3
#define DET_QUEUE 4          /* spans waiting for their trailing margin */
#define DET_LOUD 1e30f       /* power given to a non-finite window */
#define DET_MIN_FLOOR 1e-30f

struct ocu_detect {
	uint32_t win, lag;            /* samples per window; lag */
	uint64_t min_len, max_len, margin, stuck;
	uint64_t next;                /* stream index expected next */
	int started;
	/* The window being summed. */
	uint32_t fill;
	float acc, cre, cim;
	/* The last lag samples of the stream, then the first of a block. */
	float complex tmp[2 * DET_LAG_MAX];
	/* Noise. */
	float floor;
	float complex cfloor;
	uint32_t warm;
	/* The burst in progress. */
	int on;
	uint64_t on_start, on_wins;
	double bp;
	double complex bc;
	/* Spans found, not yet reported. */
	struct ocu_span q[DET_QUEUE];
	unsigned nq;
};

struct ocu_detect *
ocu_detect_new(double rate)
{
	struct ocu_detect *d;
	long lag;

	if (!(rate >= OCU_RATE) || rate > 1e9)
		return NULL;
	d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	d->win = (uint32_t)lround(rate * OCU_DET_WIN_US * 1e-6);
	lag = lround(rate * DET_LAG_S);
	d->lag = (uint32_t)(lag < 1 ? 1 : lag > DET_LAG_MAX ? DET_LAG_MAX : lag);
	d->min_len = (uint64_t)(rate * OCU_DET_MIN_US * 1e-6);
	d->max_len = (uint64_t)(rate * OCU_DET_MAX_US * 1e-6);
	d->margin = (uint64_t)(rate * OCU_DET_MARGIN_US * 1e-6);
	d->stuck = DET_STUCK * d->max_len;
	return d;
}

void
ocu_detect_free(struct ocu_detect *d)
{
	free(d);
}

/* Forget the stream so far but the spans already found: a new stream
 * position, or the noise floor to learn again. */
static void
det_restart(struct ocu_detect *d, int keep_history)
{
	d->fill = 0;
	d->acc = d->cre = d->cim = 0;
	d->on = 0;
	d->warm = 0;
	if (!keep_history)
		memset(d->tmp, 0, sizeof d->tmp);
}

/* Power and lag product of x[i] against xl[i], i < n, into the window. */
static void
det_sum(struct ocu_detect *d, const float complex *x,
    const float complex *xl, size_t n)
{
	float p = 0, cr = 0, ci = 0;

	for (size_t i = 0; i < n; i++) {
		float ar = crealf(x[i]), ai = cimagf(x[i]);
		float br = crealf(xl[i]), bi = cimagf(xl[i]);

		p += ar * ar + ai * ai;
		cr += ar * br + ai * bi;
		ci += ai * br - ar * bi;
	}
	d->acc += p;
	d->cre += cr;
	d->cim += ci;
}

/* The burst in progress has ended at stream index end: queue its span
 * if it looks like DroneID. */
static void
det_end(struct ocu_detect *d, uint64_t end)
{
	uint64_t len = end - d->on_start;
	double n = (double)d->on_wins, sig, corr;

	d->on = 0;
	if (len < d->min_len || len > d->max_len || d->nq == DET_QUEUE)
		return;
	sig = d->bp / n - (double)d->floor;
	corr = cabs(d->bc / n - (double complex)d->cfloor);
	if (sig > 0 && corr > DET_MAX_CORR * sig)
		return;
	d->q[d->nq].start = d->on_start > d->margin ? d->on_start - d->margin :
	    0;
	d->q[d->nq].len = end + d->margin - d->q[d->nq].start;
	d->nq++;
}

/* The noise floor after a window of power p, lag product c, outside
 * bursts. */
static void
det_floor(struct ocu_detect *d, float p, float complex c)
{
	d->floor += (p - d->floor) * (p < d->floor ? DET_DOWN : DET_UP);
	if (d->floor < DET_MIN_FLOOR)
		d->floor = DET_MIN_FLOOR;
	d->cfloor += (c - d->cfloor) * DET_UP;
}

/* One window summed, ending at stream index end. */
static void
det_window(struct ocu_detect *d, uint64_t end)
{
	float p = d->acc / (float)d->win;
	float complex c = CMPLXF(d->cre, d->cim) / (float)d->win;
	int loud = !isfinite(p) || !isfinite(crealf(c)) || !isfinite(cimagf(c));

	d->fill = 0;
	d->acc = d->cre = d->cim = 0;
	if (loud) {
		p = DET_LOUD;
		c = 0;
	}
	if (d->warm < DET_WARM) {
		if (!loud) {
			d->floor = (d->floor * (float)d->warm + p) /
			    (float)(d->warm + 1);
			d->cfloor = (d->cfloor * (float)d->warm + c) /
			    (float)(d->warm + 1);
			d->warm++;
		}
		return;
	}
	if (d->on && p < OCU_DET_OFF * d->floor) {
		det_end(d, end - d->win);
	} else if (d->on) {
		d->bp += (double)p;
		d->bc += (double complex)c;
		d->on_wins++;
		if (end - d->on_start > d->stuck)
			det_restart(d, 1);
		return;
	} else if (p > OCU_DET_ON * d->floor) {
		d->on = 1;
		d->on_start = end - d->win;
		d->on_wins = 1;
		d->bp = (double)p;
		d->bc = (double complex)c;
		return;
	}
	if (!loud)
		det_floor(d, p, c);
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
	size_t lag = d->lag, head = n < lag ? n : lag, i = 0;

	if (!d->started || first != d->next)
		det_restart(d, 0);
	d->started = 1;
	/* tmp: the stream's last lag samples, then this block's first. */
	memcpy(d->tmp + lag, x, head * sizeof *x);
	while (i < n) {
		size_t take = d->win - d->fill, a;

		if (take > n - i)
			take = n - i;
		a = i < head ? (head - i < take ? head - i : take) : 0;
		if (a > 0)
			det_sum(d, d->tmp + lag + i, d->tmp + i, a);
		if (take > a) /* then i + a >= lag */
			det_sum(d, x + i + a, x + i + a - lag, take - a);
		i += take;
		d->fill += (uint32_t)take;
		if (d->fill == d->win)
			det_window(d, first + i);
	}
	/* Keep the last lag samples (some may still be old ones). */
	memmove(d->tmp, d->tmp + head, lag * sizeof *d->tmp);
	if (n >= lag)
		memcpy(d->tmp, x + n - lag, lag * sizeof *x);
	d->next = first + n;
	det_report(d, d->next, found, ctx);
}
