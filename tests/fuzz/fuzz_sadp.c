/* SPDX-License-Identifier: MIT */
/* fuzz_sadp.c - libFuzzer target for sadp_decode() (UDP 37020 XML).
 *
 * Input: one payload. Every fact value is read byte by byte so ASan sees
 * any overread, and every fact is checked against the proto.h contract. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(sadp_decode, data, size, 17, 37020, 37020);
	return 0;
}
