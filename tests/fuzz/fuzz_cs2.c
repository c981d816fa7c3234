/* SPDX-License-Identifier: MIT */
/* fuzz_cs2.c - libFuzzer target for cs2_decode() (UDP 32100/32108).
 *
 * Input: one transport payload.
 * Every fact value is read byte by byte so ASan sees any overread. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "proto/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
touch(void *ud, const struct fact *f)
{
	unsigned *sum = ud;

	for (size_t i = 0; i < f->len; i++)
		*sum += (unsigned)(uint8_t)f->val[i];
	*sum += (unsigned)f->subject + f->field + f->confidence;
}

static void
run(const uint8_t *data, size_t size, uint8_t proto, uint16_t sport,
    uint16_t dport)
{
	struct pkt p;
	struct stats st;
	struct proto_ctx ctx;
	unsigned sum = 0;

	memset(&p, 0, sizeof p);
	memset(&st, 0, sizeof st);
	p.proto = proto;
	p.sport = sport;
	p.dport = dport;
	p.l4_ok = true;
	ctx.p = &p;
	ctx.st = &st;
	ctx.fact = touch;
	ctx.ud = &sum;
	(void)cs2_decode(cur_make(data, size), &ctx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run(data, size, 17, 32100, 50000);
	return 0;
}
