/* SPDX-License-Identifier: MIT */
/* fuzz_rtsp.c - libFuzzer target for rtsp_decode(): the input is one
 * transport payload. Every reported value is read byte by byte (ASan
 * checks it lies in the input) and the fact contract is checked. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "proto/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
sink(void *ud, const struct fact *f)
{
	unsigned long *sum = ud;

	if (f->len == 0 || f->len > 256 || f->val == NULL ||
	    f->subject >= SUBJ_MAX || f->field >= FACT_COUNT)
		__builtin_trap();
	for (size_t i = 0; i < f->len; i++)
		*sum += (unsigned char)f->val[i];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pkt p;
	struct stats st;
	unsigned long sum = 0;
	struct proto_ctx ctx = { &p, &st, sink, &sum };

	memset(&p, 0, sizeof p);
	memset(&st, 0, sizeof st);
	(void)rtsp_decode(cur_make(data, size), &ctx);
	return 0;
}
