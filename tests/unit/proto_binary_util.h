/* SPDX-License-Identifier: MIT */
/* proto_binary_util.h - shared helpers of the binary decoder suites
 * (test_proto_binary.c, test_proto_binary_dns.c): collect the facts and
 * DNS answers a decoder reports, run it on an exact-size heap copy with
 * the transport and ports given, assert exact facts, read payloads from
 * the IoT Sentinel captures (skipping when absent) and the repository's
 * fuzz seeds, sweep every prefix through every decoder. Included by one
 * test file per executable: the statics are its own. */
#ifndef VIGIE_TEST_PROTO_BINARY_UTIL_H
#define VIGIE_TEST_PROTO_BINARY_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <pcap/dlt.h>

#include "decode/decode.h"
#include "proto/proto.h"

#define MAXF 64
#define VALMAX 300

struct got {
	unsigned n;
	struct {
		unsigned subj, field, conf;
		char val[VALMAX];
		size_t len;
	} f[MAXF];
};

static inline void
collect(void *ud, const struct fact *f)
{
	struct got *g = ud;

	/* Every value: non-empty, capped, readable to its end. */
	assert_true(f->len > 0);
	assert_true(f->len <= 256);
	assert_non_null(f->source);
	if (g->n >= MAXF)
		return;
	g->f[g->n].subj = f->subject;
	g->f[g->n].field = f->field;
	g->f[g->n].conf = f->confidence;
	memcpy(g->f[g->n].val, f->val, f->len);
	g->f[g->n].len = f->len;
	g->n++;
}

static struct got G;
static struct stats ST;

/* DNS answers reported (name, cname, address) during one run(). */
static struct {
	unsigned n;
	char name[8][64], cname[8][64];
	struct addr a[8];
} A;

static inline void
on_answer(void *ud, const struct dns_answer *a)
{
	(void)ud;
	if (A.n < 8) {
		snprintf(A.name[A.n], 64, "%.*s", (int)a->nlen, a->name);
		snprintf(A.cname[A.n], 64, "%.*s", (int)a->clen,
		    a->cname ? a->cname : "");
		A.a[A.n] = a->addr;
	}
	A.n++;
}

/* Run fn on a private copy of b (so ASan sees overreads) with the given
 * transport and ports; facts land in G. */
static inline enum dec
run(proto_fn fn, const uint8_t *b, size_t n, unsigned proto,
    unsigned sport, unsigned dport)
{
	struct pkt p;
	struct proto_ctx ctx;
	uint8_t *copy = malloc(n ? n : 1);
	enum dec r;

	assert_non_null(copy);
	if (n)
		memcpy(copy, b, n);
	memset(&p, 0, sizeof p);
	memset(&G, 0, sizeof G);
	memset(&ST, 0, sizeof ST);
	memset(&A, 0, sizeof A);
	p.proto = (uint8_t)proto;
	p.sport = (uint16_t)sport;
	p.dport = (uint16_t)dport;
	p.l4_ok = true;
	ctx.p = &p;
	ctx.st = &ST;
	ctx.fact = collect;
	ctx.finding = NULL;
	ctx.answer = on_answer;
	ctx.ud = &G;
	r = fn(cur_make(copy, n), &ctx);
	free(copy);
	return r;
}

static inline void
expect(unsigned i, unsigned subj, unsigned field, unsigned conf,
    const char *val)
{
	assert_true(i < G.n);
	assert_int_equal(G.f[i].subj, subj);
	assert_int_equal(G.f[i].field, field);
	assert_int_equal(G.f[i].conf, conf);
	assert_int_equal(G.f[i].len, strlen(val));
	assert_memory_equal(G.f[i].val, val, G.f[i].len);
}

/* Whole file into a malloc'd buffer; NULL if absent. */
static inline uint8_t *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b;
	long k;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (k = ftell(f)) < 0) {
		fclose(f);
		return NULL;
	}
	rewind(f);
	b = malloc((size_t)k + 1);
	if (b == NULL || fread(b, 1, (size_t)k, f) != (size_t)k) {
		free(b);
		b = NULL;
	}
	fclose(f);
	*n = (size_t)k;
	return b;
}

/* The transport payload of frame idx (0-based) of a classic pcap, as a
 * malloc'd copy; the ports and IP protocol in *p. Skips the test when
 * the capture is absent. */
static inline uint8_t *
pcap_payload(const char *name, unsigned idx, struct pkt *p, size_t *n)
{
	char path[256];
	size_t len, o = 24;
	uint8_t *f, *out = NULL;
	struct stats st;

	snprintf(path, sizeof path, "../shared/corpus/net/%s", name);
	f = slurp(path, &len);
	if (f == NULL) {
		printf("skip: %s absent\n", path);
		skip();
	}
	for (unsigned i = 0; o + 16 <= len; i++) {
		size_t cl = (size_t)f[o + 8] | (size_t)f[o + 9] << 8 |
		    (size_t)f[o + 10] << 16 | (size_t)f[o + 11] << 24;

		o += 16;
		if (cl > len - o)
			break;
		if (i == idx) {
			memset(p, 0, sizeof *p);
			memset(&st, 0, sizeof st);
			assert_int_equal(decode_frame(DLT_EN10MB, f + o, cl, p,
			    &st), DEC_OK);
			*n = cur_left(&p->payload);
			out = malloc(*n + 1);
			assert_non_null(out);
			memcpy(out, p->payload.p, *n);
			break;
		}
		o += cl;
	}
	free(f);
	assert_non_null(out);
	return out;
}

/* A corpus seed of the repository (part of the tree: must exist). */
static inline uint8_t *
seed(const char *rel, size_t *n)
{
	char path[256];
	uint8_t *b;

	snprintf(path, sizeof path, "tests/fuzz/corpus/%s", rel);
	b = slurp(path, n);
	assert_non_null(b);
	return b;
}

/* Every prefix of b through every decoder: no crash, sane facts. */
static inline void
sweep(const uint8_t *b, size_t n)
{
	static const proto_fn fns[] = { dns_decode, mdns_decode, dhcp_decode,
		tls_decode, hiksdk_decode, dvrip_decode, cs2_decode };

	for (size_t k = 0; k <= n; k++)
		for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
			(void)run(fns[i], b, k, 17, 37777, 8000);
			(void)run(fns[i], b, k, 6, 8000, 37777);
		}
}

/* A crafted DNS query, which both suites also give to other decoders;
 * their other crafted payloads are their own, the larger ones read
 * from tests/fuzz/corpus/. */
static const uint8_t DNS_QUERY[37] = {
	0x1a, 0x2b, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x03, 0x64, 0x65, 0x76, 0x0b, 0x68, 0x69, 0x6b, 0x2d, 0x63, 0x6f, 0x6e,
	0x6e, 0x65, 0x63, 0x74, 0x03, 0x63, 0x6f, 0x6d, 0x00, 0x00, 0x01, 0x00,
	0x01,
};

#endif
