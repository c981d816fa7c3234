/* SPDX-License-Identifier: MIT */
/* fuzz_hiksdk.c - libFuzzer target for hiksdk_decode() (TCP 8000).
 *
 * Input: one transport payload, decoded in both directions.
 * Every fact value is read byte by byte so ASan sees any overread. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(hiksdk_decode, data, size, 6, 8000, 50000);
	fuzz_decode(hiksdk_decode, data, size, 6, 50000, 8000);
	return 0;
}
