/* SPDX-License-Identifier: MIT */
/* fuzz_cs2.c - libFuzzer target for cs2_decode() (UDP 32100/32108).
 *
 * Input: one transport payload.
 * Every fact value is read byte by byte so ASan sees any overread. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(cs2_decode, data, size, 17, 32100, 50000);
	return 0;
}
