/* SPDX-License-Identifier: MIT */
/* harness.h - the common body of the decoder fuzz targets.
 *
 * fuzz_decode() runs one decoder over the input as the payload of a
 * packet with the given transport and ports, with a fact receiver that
 * reads every byte of every value (so ASan sees any read outside the
 * input) and aborts on any breach of the proto.h fact contract; findings
 * and DNS answers are checked and read the same way. */
#ifndef VIGIE_FUZZ_HARNESS_H
#define VIGIE_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_seen {
	volatile unsigned sum;  /* volatile: the reads are not optimised out */
	unsigned n;
};

static void
fuzz_touch(void *ud, const struct fact *f)
{
	struct fuzz_seen *s = ud;

	if (f->subject >= SUBJ_MAX || f->field >= FACT_COUNT ||
	    f->confidence > 100 || f->len == 0 || f->len > 256 ||
	    f->val == NULL || f->source == NULL)
		abort();
	s->n++; /* more than PROTO_MAX_FACTS is allowed: the receiver caps */
	for (size_t i = 0; i < f->len; i++)
		s->sum += (unsigned)(uint8_t)f->val[i];
}

/* Findings: a rule id, and evidence within the cap whose every byte is
 * read (it may be composed by the decoder, but must be readable). */
static void
fuzz_finding(void *ud, const struct finding *f)
{
	struct fuzz_seen *s = ud;

	if (f->rule == NULL || f->val == NULL || f->len == 0 ||
	    f->len > PROTO_EVIDENCE_MAX ||
	    (f->subject != SUBJ_SENDER && f->subject != SUBJ_RECEIVER))
		abort();
	for (size_t i = 0; i < f->len; i++)
		s->sum += (unsigned)(uint8_t)f->val[i];
	for (const char *r = f->rule; *r != '\0'; r++)
		s->sum += (unsigned)(uint8_t)*r;
}

/* DNS answers: a name, and a CNAME if any, within the text limit (253
 * characters), every byte read. */
static void
fuzz_answer(void *ud, const struct dns_answer *a)
{
	struct fuzz_seen *s = ud;

	if (a->name == NULL || a->nlen > 255 || a->clen > 255 ||
	    (a->cname == NULL) != (a->clen == 0))
		abort();
	for (size_t i = 0; i < a->nlen; i++)
		s->sum += (unsigned)(uint8_t)a->name[i];
	for (size_t i = 0; i < a->clen; i++)
		s->sum += (unsigned)(uint8_t)a->cname[i];
	for (size_t i = 0; i < sizeof a->addr.b; i++)
		s->sum += a->addr.b[i];
}

/* Decode data[0..size) with fn as a proto (6 or 17) payload from sport
 * to dport. */
static inline void
fuzz_decode(proto_fn fn, const uint8_t *data, size_t size, uint8_t proto,
    uint16_t sport, uint16_t dport)
{
	struct fuzz_seen s = { 0, 0 };
	struct stats st;
	struct pkt p;
	struct proto_ctx ctx = { &p, &st, fuzz_touch, &s, fuzz_finding,
		fuzz_answer };

	memset(&p, 0, sizeof p);
	memset(&st, 0, sizeof st);
	p.proto = proto;
	p.sport = sport;
	p.dport = dport;
	p.l4_ok = true;
	(void)fn(cur_make(data, size), &ctx);
}

#endif
