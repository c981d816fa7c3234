/* SPDX-License-Identifier: MIT */
/* test_ofdm.c - the OcuSync front end (burst.c, chan.c, sync.c, ofdm.c)
 * on synthetic bursts built here (QPSK, Zadoff-Chu symbols, cyclic
 * prefixes, IFFT, upsampled with liquid-dsp, offset, noise) and on the
 * real Mavic Air 2 recording ../shared/corpus/drone/mavic_air_2.sigmf-data
 * (cf32, 50 MS/s; see ../shared/corpus/SOURCES.md), plus hostile input.
 * Timings are printed, not asserted. With VIGIE_LLR_OUT=<dir> set, the
 * LLRs of each real burst go to <dir>/ocu_llr_<n>.f32 (raw float32). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>
#include <complex.h>
#include <cmocka.h>
#include <fftw3.h>
#include <liquid/liquid.h>

#include "sdr/ocusync.h"
#include "noise.h"

#define RECORDING "../shared/corpus/drone/mavic_air_2.sigmf-data"
#define REC_RATE 50e6
#define MARGIN 1536 /* samples of noise either side at 15.36 MS/s */

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* One reproducible stream for the whole file. */
static struct noise rng;

/* Complex Gaussian noise of unit power. */
static float complex
gauss(void)
{
	return noise_cgauss(&rng, M_SQRT1_2);
}

/* ---- a synthetic burst ---- */

struct synth {
	int legacy;
	uint8_t bits[OCU_E];       /* the six data symbols' bits */
	float complex *x;          /* at the output rate */
	size_t n;
	double start;              /* first sample of the burst in x */
};

/* Carrier k (-300..300, not 0) of a 1024-point symbol. */
static size_t
bin_of(int k)
{
	return (size_t)((k + OCU_NFFT) % OCU_NFFT);
}

static void
zc_symbol(float complex *f, int u)
{
	for (int n = 0; n < 601; n++) {
		long k = (long)u * n * (n + 1) % (2 * 601);
		double ph = -M_PI * (double)k / 601;

		if (n != 300)
			f[bin_of(n - 300)] = CMPLXF((float)cos(ph),
			    (float)sin(ph));
	}
}

static void
qpsk_symbol(float complex *f, const uint8_t *b)
{
	int c = 0;

	for (int k = -300; k <= 300; k++, c++) {
		if (k == 0) {
			c--;
			continue;
		}
		f[bin_of(k)] = CMPLXF(b[2 * c] ? -1.0f : 1.0f,
		    b[2 * c + 1] ? -1.0f : 1.0f) * (float)M_SQRT1_2;
	}
}

/* The burst at 15.36 MS/s with MARGIN zeros either side into out
 * (returns its length). */
static size_t
synth_base(struct synth *s, float complex *out)
{
	int nsym = s->legacy ? 8 : 9, za = s->legacy ? 2 : 3;
	int zb = s->legacy ? 4 : 5;
	uint8_t gold[1200];
	fftwf_complex *buf = fftwf_malloc(OCU_NFFT * sizeof *buf);
	fftwf_plan p = fftwf_plan_dft_1d(OCU_NFFT, buf, buf, FFTW_BACKWARD,
	    FFTW_ESTIMATE);
	size_t m = 0, used = 0;

	gold_bits(OCU_GOLD_CINIT, gold, 1200);
	for (size_t i = 0; i < OCU_E; i++)
		s->bits[i] = (uint8_t)(noise_u64(&rng) & 1);
	memset(out, 0, MARGIN * sizeof *out);
	m = MARGIN;
	for (int i = 0; i < nsym; i++) {
		size_t cp = (i == 0 || i == nsym - 1) ? 80 : 72;

		memset(buf, 0, OCU_NFFT * sizeof *buf);
		if (i == za)
			zc_symbol(buf, 600);
		else if (i == zb)
			zc_symbol(buf, 147);
		else if (i == 0 && !s->legacy)
			qpsk_symbol(buf, gold);
		else {
			qpsk_symbol(buf, s->bits + used);
			used += 1200;
		}
		fftwf_execute(p);
		for (size_t j = 0; j < OCU_NFFT; j++)
			buf[j] /= 32.0f;   /* unit power per sample-ish */
		memcpy(out + m, buf + OCU_NFFT - cp, cp * sizeof *out);
		memcpy(out + m + cp, buf, OCU_NFFT * sizeof *out);
		m += cp + OCU_NFFT;
	}
	assert_int_equal(used, OCU_E);
	memset(out + m, 0, MARGIN * sizeof *out);
	fftwf_destroy_plan(p);
	fftwf_free(buf);
	return m + MARGIN;
}

/* The upsampler for synthetic bursts: liquid-dsp's single-stage
 * arbitrary resampler (its multi-stage msresamp_crcf leaks memory in
 * liquid 1.5 at such ratios, which LeakSanitizer reports). */
static resamp_crcf
upsampler(float r)
{
	resamp_crcf q = resamp_crcf_create(r, 13, 0.4f, 60.0f, 64);

	assert_non_null(q);
	return q;
}

/* Its delay in output samples, by the centroid of a Gaussian pulse. */
static double
upsampler_delay(float r)
{
	resamp_crcf q = upsampler(r);
	float complex *in = calloc(8192, sizeof *in);
	float complex *out = calloc(8192 * 8, sizeof *out);
	double s = 0, sw = 0;
	unsigned got = 0;

	assert_non_null(in);
	assert_non_null(out);
	for (int i = 0; i < 8192; i++)
		in[i] = (float)exp(-0.5 * pow((double)(i - 4096) / 40.0, 2));
	resamp_crcf_execute_block(q, in, 8192, out, &got);
	for (unsigned i = 0; i < got; i++) {
		s += (double)crealf(out[i]) * i;
		sw += (double)crealf(out[i]);
	}
	resamp_crcf_destroy(q);
	free(in);
	free(out);
	return s / sw - 4096.0 * r;
}

/* A burst at rate, its band at band_hz plus cfo_hz, noise snr_db below
 * the signal within its band. */
static void
synth_make(struct synth *s, double rate, double band_hz, double cfo_hz,
    double snr_db)
{
	float complex *base = calloc(OCU_BURST_LEN + 2 * MARGIN,
	    sizeof *base);
	size_t nb = synth_base(s, base), lag;
	float r = (float)(rate / OCU_RATE);
	double sig = 0, sd;

	assert_non_null(base);
	s->x = calloc((size_t)((double)nb * r) + 256, sizeof *s->x);
	assert_non_null(s->x);
	if (r > 1.0001f) {
		resamp_crcf q = upsampler(r);
		unsigned got = 0;

		resamp_crcf_execute_block(q, base, (unsigned)nb, s->x, &got);
		s->n = got;
		s->start = MARGIN * r + upsampler_delay(r);
		resamp_crcf_destroy(q);
	} else {
		memcpy(s->x, base, nb * sizeof *base);
		s->n = nb;
		s->start = MARGIN;
	}
	lag = (size_t)s->start;
	for (size_t i = lag; i < lag + (size_t)(OCU_BURST_LEN * r); i++)
		sig += (double)(crealf(s->x[i] * conjf(s->x[i])));
	sig /= OCU_BURST_LEN * r;
	/* Noise power over the whole band: in-band SNR times rate / 9 MHz. */
	sd = sqrt(sig / pow(10, snr_db / 10) * rate / 9.015e6);
	for (size_t i = 0; i < s->n; i++) {
		double ph = 2 * M_PI * (band_hz + cfo_hz) * (double)i / rate;

		s->x[i] = s->x[i] * CMPLXF((float)cos(ph), (float)sin(ph)) +
		    (float)sd * gauss();
	}
	free(base);
}

static int
hard_errors(const float *llr, const uint8_t *bits, size_t n)
{
	int e = 0;

	for (size_t i = 0; i < n; i++) {
		assert_true(isfinite(llr[i]));
		e += (llr[i] < 0) != bits[i];
	}
	return e;
}

/* A synthetic burst through ocu_demod_burst: found where it is, at its
 * offset, with at most max_err wrong hard bits (Gold symbol included). */
static void
synth_check(double rate, double band_hz, double cfo_hz, double snr_db,
    int legacy, int max_err)
{
	struct ocu_demod *d = ocu_demod_new(rate);
	struct synth s = { .legacy = legacy };
	struct ocu_burst_info info;
	float *llr = malloc(OCU_E * sizeof *llr);
	enum ocu_stage st;
	double t0;
	int err;

	assert_non_null(d);
	assert_non_null(llr);
	synth_make(&s, rate, band_hz, cfo_hz, snr_db);
	t0 = now();
	st = ocu_demod_burst(d, s.x, s.n, llr, &info);
	t0 = now() - t0;
	printf("synth %.2f MS/s%s: stage %d start %.1f (true %.1f) band "
	    "%.0f cfo %.0f (total %.0f, true %.0f) snr %.1f dB gold %d, "
	    "%.2f ms\n", rate / 1e6, legacy ? " legacy" : "", st, info.start,
	    s.start, info.band_hz, info.cfo_hz, info.band_hz + info.cfo_hz,
	    band_hz + cfo_hz, info.snr_db, info.gold_errors, t0 * 1e3);
	assert_int_equal(st, OCU_OK);
	assert_int_equal(info.legacy, legacy);
	/* A legacy burst starts where its symbol 0 would be, one 72-sample
	 * symbol before the first it sends. */
	assert_true(fabs(info.start + (legacy ? 1096 * rate / OCU_RATE : 0) -
	    s.start) < 1.5 * rate / OCU_RATE);
	assert_true(fabs(info.band_hz + info.cfo_hz - band_hz - cfo_hz) <
	    150.0);
	assert_int_equal(info.zc_root[0], 600);
	assert_int_equal(info.zc_root[1], 147);
	err = hard_errors(llr, s.bits, OCU_E);
	printf("  bit errors: %d data, %d Gold\n", err, info.gold_errors);
	if (legacy)
		assert_int_equal(info.gold_errors, -1);
	else
		err += info.gold_errors;
	assert_true(err <= max_err);
	free(s.x);
	free(llr);
	ocu_demod_free(d);
}

static void
test_synth_50(void **state)
{
	(void)state;
	synth_check(50e6, 1.3e6, 2345.0, 20.0, 0, 0);
	/* 8400 bits at about 1e-4 raw BER: a few errors may come. */
	synth_check(50e6, -7.2e6, -6100.0, 12.0, 0, 8);
}

static void
test_synth_rates(void **state)
{
	(void)state;
	synth_check(15.36e6, 0.0, 4321.0, 20.0, 0, 0);
	synth_check(20e6, -1.0e6, -1234.0, 20.0, 0, 0);
	synth_check(30.72e6, 3.5e6, 77.0, 20.0, 0, 0);
}

static void
test_synth_legacy(void **state)
{
	(void)state;
	synth_check(50e6, 0.6e6, 1500.0, 20.0, 1, 0);
}

/* ---- the detector ---- */

struct spans {
	struct ocu_span s[16];
	int n;
};

static void
on_span(void *ctx, struct ocu_span s)
{
	struct spans *sp = ctx;

	if (sp->n < 16)
		sp->s[sp->n] = s;
	sp->n++;
}

static void
detect_all(double rate, const float complex *x, size_t n, size_t block,
    struct spans *sp)
{
	struct ocu_detect *d = ocu_detect_new(rate);

	assert_non_null(d);
	memset(sp, 0, sizeof *sp);
	for (size_t i = 0; i < n; i += block)
		ocu_detect_feed(d, x + i, n - i < block ? n - i : block, i,
		    on_span, sp);
	ocu_detect_free(d);
}

/* Three bursts and a narrow-band one of the same length in noise at
 * 20 MS/s: the three are found, with their margin, the other not. */
static void
test_detect_synth(void **state)
{
	const double rate = 20e6;
	size_t gap = (size_t)(2e-3 * rate), n = 5 * gap, at[3];
	float complex *x = calloc(n, sizeof *x);
	struct spans sp;

	(void)state;
	assert_non_null(x);
	for (size_t i = 0; i < n; i++)
		x[i] = 0.05f * gauss();
	for (int b = 0; b < 3; b++) {
		struct synth s = { 0 };

		synth_make(&s, rate, 1e6 * (b - 1), 0.0, 30.0);
		at[b] = (size_t)(b + 1) * gap;
		for (size_t i = 0; i < s.n; i++)
			x[at[b] + i] += 0.3f * s.x[i];
		at[b] += (size_t)s.start;
		free(s.x);
	}
	/* 640 us of a 300 kHz tone, as loud. */
	for (size_t i = 0; i < (size_t)(640e-6 * rate); i++) {
		double ph = 2 * M_PI * 3e5 * (double)i / rate;

		x[gap / 3 + i] += 0.3f * CMPLXF((float)cos(ph), (float)sin(ph));
	}
	detect_all(rate, x, n, 7777, &sp);
	assert_int_equal(sp.n, 3);
	for (int b = 0; b < 3; b++) {
		size_t len = (size_t)(643e-6 * rate);

		printf("synthetic burst %d at %zu: span %llu + %llu\n", b, at[b],
		    (unsigned long long)sp.s[b].start,
		    (unsigned long long)sp.s[b].len);
		assert_true(sp.s[b].start + (size_t)(50e-6 * rate) <= at[b]);
		assert_true(sp.s[b].start + sp.s[b].len >=
		    at[b] + len + (size_t)(50e-6 * rate));
		assert_true(sp.s[b].len < (size_t)(1100e-6 * rate));
	}
	free(x);
}

/* ---- the detector on synthetic streams (unit-power noise) ---- */

/* Add to x[0..n) noise flat over bw around f0 (one FFT) at snr_db over
 * the unit noise in its band: a control burst (1.4 MHz), a wider one. */
static void
add_band(float complex *x, size_t n, double rate, double f0, double bw,
    double snr_db)
{
	fftwf_complex *b = fftwf_malloc(n * sizeof *b);
	fftwf_plan p = fftwf_plan_dft_1d((int)n, b, b, FFTW_BACKWARD,
	    FFTW_ESTIMATE);
	double pw = 0, amp;

	assert_non_null(b);
	for (size_t k = 0; k < n; k++) {
		double f = (k < n / 2 ? (double)k : (double)k - (double)n) *
		    rate / (double)n;

		b[k] = fabs(f - f0) < bw / 2 ? gauss() : 0;
	}
	fftwf_execute(p);
	for (size_t i = 0; i < n; i++)
		pw += (double)crealf(b[i] * conjf(b[i]));
	amp = sqrt(pow(10, snr_db / 10) * bw / rate / (pw / (double)n));
	for (size_t i = 0; i < n; i++)
		x[i] += (float)amp * b[i];
	fftwf_destroy_plan(p);
	fftwf_free(b);
}

/* Add a synthetic DroneID burst at band_hz to x from index at on, snr_db
 * over the noise in its 9.015 MHz; returns where it starts. */
static size_t
add_burst(float complex *x, size_t at, double rate, double band_hz,
    double snr_db)
{
	struct synth s = { 0 };
	size_t len = (size_t)(OCU_BURST_LEN * rate / OCU_RATE), from;
	double p = 0;
	float amp;

	synth_make(&s, rate, band_hz, 0.0, 60.0);
	from = (size_t)s.start;
	for (size_t i = from; i < from + len; i++)
		p += (double)crealf(s.x[i] * conjf(s.x[i]));
	amp = (float)sqrt(pow(10, snr_db / 10) * 9.015e6 / rate /
	    (p / (double)len));
	for (size_t i = 0; i < s.n; i++)
		x[at + i] += amp * s.x[i];
	free(s.x);
	return at + from;
}

/* Exactly the nb bursts starting at at[], each whole in a span. */
static void
spans_hold(const struct spans *sp, const size_t *at, int nb, double rate)
{
	size_t len = (size_t)(OCU_BURST_LEN * rate / OCU_RATE);

	assert_int_equal(sp->n, nb);
	for (int b = 0; b < nb; b++) {
		printf("  burst at %zu: span %llu + %llu\n", at[b],
		    (unsigned long long)sp->s[b].start,
		    (unsigned long long)sp->s[b].len);
		assert_true(sp->s[b].start <= at[b]);
		assert_true(sp->s[b].start + sp->s[b].len >= at[b] + len);
	}
}

static float complex *
noise_stream(size_t n)
{
	float complex *x = malloc(n * sizeof *x);

	assert_non_null(x);
	for (size_t i = 0; i < n; i++)
		x[i] = gauss();
	return x;
}

/* At each rate the front end takes, two bursts 1 dB under the noise in
 * their band (which at 50 MS/s is 8.4 dB under the input's noise), far
 * apart in frequency: both found, whole. */
static void
test_detect_faint(void **state)
{
	static const double rate[] = { 15.36e6, 20e6, 30.72e6, 50e6 };
	static const double band[][2] = { { 0, 0 }, { -3e6, 4e6 },
	    { -8e6, 9e6 }, { -17e6, 12.5e6 } };

	(void)state;
	for (int r = 0; r < 4; r++) {
		size_t gap = (size_t)(2e-3 * rate[r]), n = 3 * gap, at[2];
		float complex *x = noise_stream(n);
		struct spans sp;

		for (int b = 0; b < 2; b++)
			at[b] = add_burst(x, (size_t)b * gap + gap / 2, rate[r],
			    band[r][b], -1.0);
		detect_all(rate[r], x, n, 65537, &sp);
		printf("%.2f MS/s, bursts at -1 dB:\n", rate[r] / 1e6);
		spans_hold(&sp, at, 2, rate[r]);
		free(x);
	}
}

/* Bursts of DroneID's length but not its width, at 20 and 50 MS/s:
 * 1.4 MHz (the OcuSync control bursts) at 3, 10 and 30 dB over the
 * noise in their band, 12 MHz at 10 and 30 dB: no span. A DroneID burst
 * after them is found. */
static void
test_detect_shapes(void **state)
{
	static const double bw[] = { 1.4e6, 1.4e6, 1.4e6, 12e6, 12e6 };
	static const double snr[] = { 3, 10, 30, 10, 30 };

	(void)state;
	for (double rate = 20e6; rate < 60e6; rate += 30e6) {
		size_t gap = (size_t)(1.2e-3 * rate), n = 7 * gap, at;
		size_t len = (size_t)(600e-6 * rate);
		float complex *x = noise_stream(n);
		struct spans sp;

		for (int b = 0; b < 5; b++)
			add_band(x + (size_t)b * gap + gap / 4, len, rate,
			    (b - 2) * 0.1 * rate, bw[b], snr[b]);
		at = add_burst(x, 5 * gap + gap / 4, rate, 1e6, 10.0);
		detect_all(rate, x, n, 65537, &sp);
		printf("%.0f MS/s, 1.4 and 12 MHz bursts, then DroneID:\n",
		    rate / 1e6);
		spans_hold(&sp, &at, 1, rate);
		free(x);
	}
}

/* At 50 MS/s, a control burst (1.4 MHz, 10 dB) at +20 MHz and, starting
 * 200 us later while it goes on, a DroneID burst 1 dB under the noise
 * at -10 MHz; then the other way round: both DroneID bursts found. */
static void
test_detect_together(void **state)
{
	const double rate = 50e6;
	size_t gap = (size_t)(2e-3 * rate), n = 3 * gap, at[2];
	size_t len = (size_t)(550e-6 * rate), lead = (size_t)(200e-6 * rate);
	float complex *x = noise_stream(n);
	struct spans sp;

	(void)state;
	add_band(x + gap / 2, len, rate, 20e6, 1.4e6, 10.0);
	at[0] = add_burst(x, gap / 2 + lead, rate, -10e6, -1.0);
	at[1] = add_burst(x, 3 * gap / 2, rate, -10e6, -1.0);
	add_band(x + at[1] + lead, len, rate, -20e6, 1.4e6, 10.0);
	detect_all(rate, x, n, 65537, &sp);
	printf("DroneID bursts with control bursts going on:\n");
	spans_hold(&sp, at, 2, rate);
	free(x);
}

/* Noise alone, then with a steady tone (10 dB over the noise per sample)
 * and a DC offset, 0.1 s at each rate fed in blocks: no span. */
static void
test_detect_noise(void **state)
{
	static const double rate[] = { 15.36e6, 20e6, 30.72e6, 50e6 };
	float complex *x = malloc(65536 * sizeof *x);

	(void)state;
	assert_non_null(x);
	for (int r = 0; r < 8; r++) {
		struct ocu_detect *d = ocu_detect_new(rate[r % 4]);
		struct spans sp = { 0 };
		size_t n = (size_t)(0.1 * rate[r % 4]);

		assert_non_null(d);
		for (size_t at = 0; at < n; at += 65536) {
			for (size_t i = 0; i < 65536; i++) {
				double ph = 2 * M_PI * 3.1e6 *
				    (double)(at + i) / rate[r % 4];

				x[i] = gauss();
				if (r >= 4)
					x[i] += 1.0f + 3.16f *
					    CMPLXF((float)cos(ph), (float)sin(ph));
			}
			ocu_detect_feed(d, x, 65536, at, on_span, &sp);
		}
		printf("%.2f MS/s, noise%s: %d spans\n", rate[r % 4] / 1e6,
		    r >= 4 ? ", tone and DC" : "", sp.n);
		assert_int_equal(sp.n, 0);
		ocu_detect_free(d);
	}
	free(x);
}

/* ---- the real recording ---- */

static float complex *
read_recording(size_t *n)
{
	FILE *f = fopen(RECORDING, "rb");
	float complex *x;
	long sz;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	*n = (size_t)sz / sizeof *x;
	x = malloc(*n * sizeof *x);
	assert_non_null(x);
	assert_int_equal(fread(x, sizeof *x, *n, f), *n);
	fclose(f);
	return x;
}

static void
write_llr(int k, const float *llr)
{
	const char *dir = getenv("VIGIE_LLR_OUT");
	char path[512];
	FILE *f;

	if (dir == NULL)
		return;
	snprintf(path, sizeof path, "%s/ocu_llr_%d.f32", dir, k);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(llr, sizeof *llr, OCU_E, f), OCU_E);
	fclose(f);
	printf("  LLRs written to %s\n", path);
}

/* One real burst through ocu_demod_burst (the best time of five runs:
 * the machine is shared): OK, 9 symbols, the Gold symbol right. */
static void
real_burst(struct ocu_demod *d, const float complex *x, struct ocu_span sp,
    int k, float *llr)
{
	struct ocu_burst_info info;
	enum ocu_stage st = OCU_STAGES;
	double t = 1e9;

	for (int r = 0; r < 5; r++) {
		double t0 = now();

		st = ocu_demod_burst(d, x + sp.start, sp.len, llr, &info);
		t0 = now() - t0;
		t = t0 < t ? t0 : t;
	}
	printf("burst %d: span %llu + %llu, stage %d, start %.0f, band %.1f "
	    "kHz, cfo %.1f Hz, snr %.1f dB, zc %d/%d, legacy %d, gold errors "
	    "%d, %.2f ms\n", k, (unsigned long long)sp.start,
	    (unsigned long long)sp.len, st, info.start, info.band_hz / 1e3,
	    info.cfo_hz, info.snr_db, info.zc_root[0], info.zc_root[1],
	    info.legacy, info.gold_errors, t * 1e3);
	assert_int_equal(st, OCU_OK);
	assert_int_equal(info.legacy, 0);
	assert_true(info.gold_errors >= 0 && info.gold_errors <= 4);
	for (size_t i = 0; i < OCU_E; i++)
		assert_true(isfinite(llr[i]));
}

/* The detector's cost per sample: the recording fed reps times. */
static void
time_detector(const float complex *x, size_t n, int reps)
{
	struct spans sp;
	double t = now();

	for (int r = 0; r < reps; r++)
		detect_all(REC_RATE, x, n, 100003, &sp);
	t = now() - t;
	printf("ocu_detect_feed: %.2f ns/sample (%.0fx real time at 50 MS/s)"
	    "\n", t * 1e9 / ((double)n * reps),
	    (double)n * reps / REC_RATE / t);
}

static void
test_recording(void **state)
{
	size_t n = 0;
	float complex *x = read_recording(&n);
	struct ocu_demod *d;
	struct spans sp;
	float *llr;

	(void)state;
	if (x == NULL) {
		printf("%s absent: real-recording test skipped\n", RECORDING);
		skip();
	}
	detect_all(REC_RATE, x, n, 100003, &sp);
	printf("recording: %zu samples (%.2f ms), %d spans\n", n,
	    (double)n / REC_RATE * 1e3, sp.n);
	assert_int_equal(sp.n, 3);
	/* The same spans whatever the blocks (bursts straddle them). */
	for (size_t block = 777; block < 100000; block *= 11) {
		struct spans other;

		detect_all(REC_RATE, x, n, block, &other);
		assert_int_equal(other.n, sp.n);
		assert_memory_equal(other.s, sp.s, 3 * sizeof *sp.s);
	}
	d = ocu_demod_new(REC_RATE);
	llr = malloc(OCU_E * sizeof *llr);
	assert_non_null(d);
	assert_non_null(llr);
	for (int k = 0; k < sp.n; k++) {
		real_burst(d, x, sp.s[k], k, llr);
		write_llr(k, llr);
	}
	time_detector(x, n, 20);
	free(llr);
	ocu_demod_free(d);
	free(x);
}

/* ---- hostile input ---- */

/* Short, empty, all-zero, noise, NaN, infinite and huge input to
 * ocu_demod_burst: a stage code, never a crash or non-finite LLRs. */
static void
test_hostile_demod(void **state)
{
	struct ocu_demod *d = ocu_demod_new(50e6);
	struct synth s = { 0 };
	struct ocu_burst_info info;
	float *llr = malloc(OCU_E * sizeof *llr);
	float complex *z;
	enum ocu_stage st;

	(void)state;
	assert_non_null(d);
	assert_non_null(llr);
	assert_null(ocu_demod_new(10e6));
	synth_make(&s, 50e6, 1e6, 0.0, 20.0);
	assert_int_equal(ocu_demod_burst(d, s.x, 20000, llr, &info),
	    OCU_FAIL_SHORT);
	assert_int_equal(ocu_demod_burst(d, s.x, 0, llr, NULL),
	    OCU_FAIL_SHORT);
	z = calloc(s.n, sizeof *z);
	assert_non_null(z);
	assert_int_equal(ocu_demod_burst(d, z, s.n, llr, &info), OCU_FAIL_BAND);
	for (size_t i = 0; i < s.n; i++)
		z[i] = gauss();
	st = ocu_demod_burst(d, z, s.n, llr, &info);
	printf("noise: stage %d\n", st);
	assert_int_not_equal(st, OCU_OK);
	s.x[s.n / 2] = CMPLXF(NAN, 0.0f);
	assert_int_equal(ocu_demod_burst(d, s.x, s.n, llr, &info),
	    OCU_FAIL_BAND);
	s.x[s.n / 2] = CMPLXF(0.0f, INFINITY);
	assert_int_equal(ocu_demod_burst(d, s.x, s.n, llr, &info),
	    OCU_FAIL_BAND);
	/* Huge but finite samples still demodulate. */
	s.x[s.n / 2] = 0;
	for (size_t i = 0; i < s.n; i++)
		s.x[i] *= 1e30f;
	assert_int_equal(ocu_demod_burst(d, s.x, s.n, llr, &info), OCU_OK);
	for (size_t i = 0; i < OCU_E; i++)
		assert_true(isfinite(llr[i]));
	free(z);
	free(s.x);
	free(llr);
	ocu_demod_free(d);
}

/* The detector on zeros, NaNs and a rate too low: nothing found, no
 * hang or crash. */
static void
test_hostile_detect(void **state)
{
	size_t n = 200000;
	float complex *z = calloc(n, sizeof *z);
	struct spans sp;

	(void)state;
	assert_non_null(z);
	assert_null(ocu_detect_new(1e6));
	detect_all(50e6, z, n, 4099, &sp);
	assert_int_equal(sp.n, 0);
	for (size_t i = 0; i < n; i++)
		z[i] = CMPLXF(NAN, NAN);
	detect_all(50e6, z, n, 1001, &sp);
	printf("detector on NaNs: %d spans\n", sp.n);
	free(z);
}

/* A retuned receiver: the stream numbers on, but the samples are of
 * another channel, here 20 dB louder, with a burst 10 dB over its noise
 * 1 ms in. After ocu_detect_reset() the detector finds what a new one
 * fed only the new channel finds: the burst, in the same span. */
static void
test_detect_retune(void **state)
{
	const double rate = 20e6;
	size_t half = (size_t)(0.02 * rate), n = 2 * half, at;
	float complex *x = calloc(n, sizeof *x);
	struct ocu_detect *d = ocu_detect_new(rate);
	struct ocu_detect *fresh = ocu_detect_new(rate);
	struct spans sp = { 0 }, ref = { 0 };

	(void)state;
	assert_non_null(x);
	assert_non_null(d);
	assert_non_null(fresh);
	for (size_t i = 0; i < n; i++)
		x[i] = gauss() * (i < half ? 0.1f : 1.0f);
	at = add_burst(x, half + (size_t)(0.001 * rate), rate, 2.0e6, 10.0);
	for (size_t i = 0; i < half; i += 65536)
		ocu_detect_feed(d, x + i, half - i < 65536 ? half - i : 65536,
		    i, on_span, &sp);
	assert_int_equal(sp.n, 0);
	ocu_detect_reset(d);
	for (size_t i = half; i < n; i += 65536) {
		size_t k = n - i < 65536 ? n - i : 65536;

		ocu_detect_feed(d, x + i, k, i, on_span, &sp);
		ocu_detect_feed(fresh, x + i, k, i, on_span, &ref);
	}
	spans_hold(&ref, &at, 1, rate);
	assert_int_equal(sp.n, ref.n);
	assert_true(sp.s[0].start == ref.s[0].start &&
	    sp.s[0].len == ref.s[0].len);
	ocu_detect_free(d);
	ocu_detect_free(fresh);
	free(x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_synth_50),
		cmocka_unit_test(test_synth_rates),
		cmocka_unit_test(test_synth_legacy),
		cmocka_unit_test(test_detect_synth),
		cmocka_unit_test(test_detect_faint),
		cmocka_unit_test(test_detect_shapes),
		cmocka_unit_test(test_detect_together),
		cmocka_unit_test(test_detect_noise),
		cmocka_unit_test(test_detect_retune),
		cmocka_unit_test(test_recording),
		cmocka_unit_test(test_hostile_demod),
		cmocka_unit_test(test_hostile_detect),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
