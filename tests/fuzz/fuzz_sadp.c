/* SPDX-License-Identifier: MIT */
/* fuzz_sadp.c - libFuzzer target for sadp_decode() (UDP 37020 XML).
 *
 * Input: one payload. Every fact value is read byte by byte so ASan sees
 * any overread, and every fact is checked against the proto.h contract. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	volatile unsigned sum;  /* volatile: the reads are not optimised out */
	unsigned n;
};

static void
touch(void *ud, const struct fact *f)
{
	struct seen *s = ud;

	if (f->subject >= SUBJ_MAX || f->field >= FACT_COUNT ||
	    f->confidence > 100 || f->len == 0 || f->len > 256 ||
	    f->val == NULL)
		abort();
	s->n++;  /* more than PROTO_MAX_FACTS is allowed: the receiver caps */
	for (size_t i = 0; i < f->len; i++)
		s->sum += (unsigned)(uint8_t)f->val[i];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pkt p;
	struct stats st;
	struct proto_ctx ctx;
	struct seen s = { 0, 0 };

	memset(&p, 0, sizeof p);
	memset(&st, 0, sizeof st);
	p.proto = 17;
	p.sport = 37020;
	p.dport = 37020;
	p.l4_ok = true;
	ctx.p = &p;
	ctx.st = &st;
	ctx.fact = touch;
	ctx.ud = &s;
	(void)sadp_decode(cur_make(data, size), &ctx);
	return 0;
}
