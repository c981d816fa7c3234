/* SPDX-License-Identifier: MIT */
/* noise.h - reproducible random numbers and Gaussian noise for the radio
 * tests: splitmix64 (any seed, 0 included, gives a full-quality stream)
 * and Box-Muller. The same seed gives the same noise on every run and
 * machine, so a test's margins are fixed, not luck. */
#ifndef VIGIE_TEST_NOISE_H
#define VIGIE_TEST_NOISE_H

#include <complex.h>
#include <math.h>
#include <stdint.h>

struct noise {
	uint64_t s;
};

/* noise_u64: the next 64 random bits of r. */
static inline uint64_t
noise_u64(struct noise *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* noise_unit: uniform in (0, 1] (never 0: its log is taken). */
static inline double
noise_unit(struct noise *r)
{
	return (double)((noise_u64(r) >> 11) + 1) * 0x1p-53;
}

/* noise_cgauss: complex Gaussian noise, each of I and Q of standard
 * deviation sigma (so of power 2 sigma^2). */
static inline float complex
noise_cgauss(struct noise *r, double sigma)
{
	double m = sqrt(-2.0 * log(noise_unit(r))) * sigma;
	double a = 2.0 * M_PI * noise_unit(r);

	return CMPLXF((float)(m * cos(a)), (float)(m * sin(a)));
}

/* noise_gauss: real Gaussian noise of standard deviation 1. */
static inline double
noise_gauss(struct noise *r)
{
	double m = sqrt(-2.0 * log(noise_unit(r)));

	return m * cos(2.0 * M_PI * noise_unit(r));
}

#endif
