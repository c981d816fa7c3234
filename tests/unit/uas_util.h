/* SPDX-License-Identifier: MIT */
/* uas_util.h - shared helpers of the UAS decoder suites (test_uas.c,
 * test_uas_corpus.c, test_uas_dji.c): the messages odid_decode() passed,
 * decoders run on an exact-size heap copy (so ASan sees any overread)
 * with fresh counters, comparisons of values and unterminated strings,
 * little-endian writers for crafting. Included by one test file per
 * executable: the statics are its own. */
#ifndef VIGIE_TEST_UAS_UTIL_H
#define VIGIE_TEST_UAS_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "proto/uas.h"

#define MAXM 16

/* Messages odid_decode() passed during one run. */
static struct {
	unsigned n;
	struct odid_msg m[MAXM];
} S;
static struct stats ST;

static inline void
on_msg(void *ctx, const struct odid_msg *m)
{
	(void)ctx;
	if (S.n < MAXM)
		S.m[S.n] = *m;
	S.n++;
}

/* A heap copy of exactly n bytes (so ASan sees a read past them), with
 * the counters cleared for the decoder about to read it. */
static inline uint8_t *
heap_copy(const uint8_t *b, size_t n)
{
	uint8_t *copy = malloc(n ? n : 1);

	assert_non_null(copy);
	if (n)
		memcpy(copy, b, n);
	memset(&ST, 0, sizeof ST);
	return copy;
}

/* odid_decode over a private heap copy of b. */
static inline enum dec
odid_run(const uint8_t *b, size_t n, uint8_t *counter)
{
	uint8_t *copy = heap_copy(b, n), cnt = 0;
	enum dec r;

	memset(&S, 0, sizeof S);
	r = odid_decode(cur_make(copy, n), &cnt, on_msg, NULL, &ST);
	free(copy);
	if (counter != NULL)
		*counter = cnt;
	return r;
}

static inline void
near(double got, double want)
{
	double d = got - want;

	if (d < 0)
		d = -d;
	if (d > 1e-9) {
		print_error("got %.10f, want %.10f\n", got, want);
		fail();
	}
}

static inline void
str_is(const uint8_t *p, size_t n, const char *want)
{
	assert_int_equal(n, strlen(want));
	assert_memory_equal(p, want, n);
}

static inline void
put16(uint8_t *b, unsigned v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
}

static inline void
put32(uint8_t *b, uint32_t v)
{
	put16(b, v & 0xFFFF);
	put16(b + 2, v >> 16);
}

#endif
