/* SPDX-License-Identifier: MIT */
/* factcheck.h - shared helpers of the decoder test suites: collect the
 * facts a decoder reports (checking the proto.h contract as they come),
 * run a decoder on an exact-size heap copy so ASan sees any overread,
 * assert exact facts, load corpus samples (skipping when absent).
 * Included by one test file per executable: the statics are its own. */
#ifndef VIGIE_FACTCHECK_H
#define VIGIE_FACTCHECK_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "proto/proto.h"

#define MAXF 128

struct got_fact {
	unsigned subj, field, conf;
	char val[300];
	size_t len;
};

struct got {
	unsigned n;
	struct got_fact f[MAXF];
};

static struct got G;
static struct stats ST;
static struct pkt PK;

static void
on_fact(void *ud, const struct fact *f)
{
	struct got *g = ud;
	struct got_fact *o;

	assert_non_null(f->val);
	assert_true(f->len > 0);
	assert_true(f->len <= 256);
	assert_true(g->n < MAXF);
	o = &g->f[g->n++];
	o->subj = f->subject;
	o->field = f->field;
	o->conf = f->confidence;
	memcpy(o->val, f->val, f->len);
	o->val[f->len] = '\0';
	o->len = f->len;
}

/* run: decoder fn on a heap copy of exactly n bytes (so ASan sees any
 * overread), with fresh facts and counters. */
static enum dec
run(proto_fn fn, const void *p, size_t n)
{
	struct proto_ctx ctx = { &PK, &ST, on_fact, &G, NULL, NULL };
	uint8_t *copy = malloc(n ? n : 1);
	enum dec r;

	assert_non_null(copy);
	if (n)
		memcpy(copy, p, n);
	memset(&G, 0, sizeof G);
	memset(&ST, 0, sizeof ST);
	r = fn(cur_make(n ? copy : NULL, n), &ctx);
	free(copy);
	return r;
}

static enum dec
run_s(proto_fn fn, const char *s)
{
	return run(fn, s, strlen(s));
}

static void
dump(void)
{
	for (unsigned i = 0; i < G.n; i++)
		fprintf(stderr, "  fact subj=%u field=%u conf=%u \"%s\"\n",
		    G.f[i].subj, G.f[i].field, G.f[i].conf, G.f[i].val);
}

/* has: the exact fact was reported. */
static void
has(unsigned subj, unsigned field, unsigned conf, const char *val)
{
	for (unsigned i = 0; i < G.n; i++) {
		if (G.f[i].subj == subj && G.f[i].field == field &&
		    G.f[i].conf == conf && strcmp(G.f[i].val, val) == 0)
			return;
	}
	fprintf(stderr, "missing fact subj=%u field=%u conf=%u \"%s\"\n",
	    subj, field, conf, val);
	dump();
	fail();
}

/* nfacts: exactly n facts were reported. */
static void
nfacts(unsigned n)
{
	if (G.n != n) {
		fprintf(stderr, "expected %u facts, got %u\n", n, G.n);
		dump();
	}
	assert_int_equal(G.n, n);
}

#endif
