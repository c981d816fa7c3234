/* SPDX-License-Identifier: MIT */
/* fuzz_httpbody.c - libFuzzer target for httpbody_decode() (HTTP response bodies).
 *
 * Input: one payload. Every fact value is read byte by byte so ASan sees
 * any overread, and every fact is checked against the proto.h contract. */
#include "harness.h"

/* httpbody_decode() takes the subject the body describes. */
static enum dec
body_as_sender(struct cur c, struct proto_ctx *ctx)
{
	return httpbody_decode(c, SUBJ_SENDER, ctx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(body_as_sender, data, size, 6, 80, 50000);
	return 0;
}
