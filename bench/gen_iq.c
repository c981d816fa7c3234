/* SPDX-License-Identifier: MIT */
/* gen_iq.c - the software-radio benchmark's recording: the real DroneID
 * bursts of a short SigMF recording (the corpus's Mavic Air 2) placed
 * at a fixed interval in white Gaussian noise, written as a SigMF
 * recording (cf32_le) of the same rate and frequency.
 *
 * usage: vigie-bench-iq [-s SECONDS] [-i INTERVAL_S] [-n SNR_DB] [-r SEED]
 *                       -o OUT_BASE SOURCE
 *   -s  length of the output (default 2 s)
 *   -i  time between bursts (default 0.2 s)
 *   -n  in-band SNR of the bursts against the added noise, dB: noise
 *       power in the 9.015 MHz the burst occupies (601 carriers of
 *       15 kHz) over the burst's mean power (default 20)
 *   -r  noise seed (default 1)
 * Writes OUT_BASE.sigmf-meta and OUT_BASE.sigmf-data. The bursts are
 * found with vigie's own detector (src/sdr/burst.c), cycled in order.
 * Deterministic for the same arguments and source. */
#include <complex.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sdr/iq.h"
#include "sdr/ocusync.h"

#define MAX_BURSTS 64
#define BLOCK 65536

struct src {
	float complex *x;    /* the whole source recording */
	size_t n;
	struct ocu_span sp[MAX_BURSTS];
	unsigned nb;
};

static void
on_span(void *ctx, struct ocu_span s)
{
	struct src *S = ctx;

	if (S->nb < MAX_BURSTS && s.start + s.len <= S->n)
		S->sp[S->nb++] = s;
}

/* Read the source and find its bursts; exits on error. */
static void
load(struct src *S, const char *path, struct iq_meta *m)
{
	static struct iq_file q;
	struct iq_meta none = { 0 };
	char err[600];
	size_t cap = 1u << 20, got;
	struct ocu_detect *d;

	if (iq_open(&q, path, &none, err, sizeof err) < 0) {
		fprintf(stderr, "vigie-bench-iq: %s\n", err);
		exit(1);
	}
	*m = q.m;
	S->x = malloc(cap * sizeof *S->x);
	while (S->x != NULL &&
	    (got = iq_read(&q, S->x + S->n, cap - S->n)) > 0) {
		S->n += got;
		if (S->n == cap)
			S->x = realloc(S->x, (cap *= 2) * sizeof *S->x);
	}
	iq_close(&q);
	if (S->x == NULL || (d = ocu_detect_new(m->rate)) == NULL) {
		fprintf(stderr, "vigie-bench-iq: out of memory\n");
		exit(1);
	}
	ocu_detect_feed(d, S->x, S->n, 0, on_span, S);
	ocu_detect_free(d);
	if (S->nb == 0) {
		fprintf(stderr, "vigie-bench-iq: %s: no burst found\n", path);
		exit(1);
	}
}

/* xorshift64* and Box-Muller: reproducible Gaussian noise. */
static uint64_t rng;

static double
uni(void)
{
	rng ^= rng >> 12, rng ^= rng << 25, rng ^= rng >> 27;
	return (double)((rng * 2685821657736338717ull) >> 11) * 0x1p-53;
}

static float complex
gauss(double sigma)
{
	double u = uni(), v = uni();
	double r = sqrt(-2.0 * log(u > 0 ? u : 1e-300)) * sigma;
	return CMPLXF((float)(r * cos(2 * M_PI * v)),
	    (float)(r * sin(2 * M_PI * v)));
}

/* Mean power of the bursts. */
static double
burst_power(const struct src *S)
{
	double p = 0;
	size_t k = 0;

	for (unsigned b = 0; b < S->nb; b++)
		for (uint64_t i = 0; i < S->sp[b].len; i++, k++) {
			float complex v = S->x[S->sp[b].start + i];
			p += (double)(crealf(v) * crealf(v) +
			    cimagf(v) * cimagf(v));
		}
	return k ? p / (double)k : 0;
}

static void
put(FILE *f, const float complex *x, size_t n)
{
	if (fwrite(x, sizeof *x, n, f) != n) {
		fprintf(stderr, "vigie-bench-iq: write: %s\n", strerror(errno));
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	double secs = 2, interval = 0.2, snr_db = 20, sigma;
	const char *out = NULL;
	static struct src S;
	struct iq_meta m;
	char path[4200];
	float complex *blk;
	uint64_t total, next = 0, done = 0;
	unsigned which = 0;
	FILE *f;
	int c;

	rng = 1;
	while ((c = getopt(argc, argv, "s:i:n:r:o:")) != -1) {
		switch (c) {
		case 's': secs = atof(optarg); break;
		case 'i': interval = atof(optarg); break;
		case 'n': snr_db = atof(optarg); break;
		case 'r': rng = strtoull(optarg, NULL, 0) | 1; break;
		case 'o': out = optarg; break;
		default: goto usage;
		}
	}
	if (out == NULL || optind + 1 != argc || !(secs > 0) ||
	    !(interval > 0.002))
		goto usage;
	load(&S, argv[optind], &m);
	/* Complex noise of variance sigma^2 over the whole band; in band,
	 * the fraction 9.015 MHz / rate of it. */
	sigma = sqrt(burst_power(&S) / pow(10, snr_db / 10) /
	    (9.015e6 / m.rate));
	total = (uint64_t)(secs * m.rate);
	snprintf(path, sizeof path, "%s.sigmf-data", out);
	if ((f = fopen(path, "wb")) == NULL ||
	    (blk = malloc(BLOCK * sizeof *blk)) == NULL) {
		fprintf(stderr, "vigie-bench-iq: %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	while (done < total) {
		size_t n = total - done < BLOCK ? (size_t)(total - done) : BLOCK;
		for (size_t i = 0; i < n; i++)
			blk[i] = gauss(sigma / M_SQRT2);
		/* Bursts starting in this block (they may run past it). */
		while (next < done + n) {
			const struct ocu_span *sp = &S.sp[which];
			for (uint64_t i = 0; i < sp->len; i++) {
				uint64_t at = next + i;
				if (at >= done && at < done + n)
					blk[at - done] += S.x[sp->start + i];
			}
			if (next + sp->len <= done + n) {
				next += (uint64_t)(interval * m.rate);
				which = (which + 1) % S.nb;
			} else {
				break; /* finish it in the next block */
			}
		}
		put(f, blk, n);
		done += n;
	}
	fclose(f);
	snprintf(path, sizeof path, "%s.sigmf-meta", out);
	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "vigie-bench-iq: %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	fprintf(f, "{\"global\":{\"core:version\":\"1.1.0\",\"core:datatype\":"
	    "\"cf32_le\",\"core:sample_rate\":%.0f,\"core:description\":"
	    "\"vigie-bench-iq: %u real bursts every %.3f s in noise, SNR "
	    "%.1f dB\"},\"captures\":[{\"core:sample_start\":0,"
	    "\"core:frequency\":%.1f,\"core:datetime\":"
	    "\"2026-05-04T10:00:00Z\"}],\"annotations\":[]}\n", m.rate,
	    S.nb, interval, snr_db, m.freq_hz);
	fclose(f);
	fprintf(stderr, "vigie-bench-iq: %.1f s at %.0f/s, %u source bursts "
	    "every %.3f s, SNR %.1f dB\n", secs, m.rate, S.nb, interval,
	    snr_db);
	return 0;
usage:
	fprintf(stderr, "usage: vigie-bench-iq [-s SECONDS] [-i INTERVAL_S] "
	    "[-n SNR_DB] [-r SEED] -o OUT_BASE SOURCE\n");
	return 2;
}
