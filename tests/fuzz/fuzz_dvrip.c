/* SPDX-License-Identifier: MIT */
/* fuzz_dvrip.c - libFuzzer target for dvrip_decode() (TCP 37777).
 *
 * Input: one transport payload, decoded in both directions.
 * Every fact value is read byte by byte so ASan sees any overread. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(dvrip_decode, data, size, 6, 37777, 50000);
	fuzz_decode(dvrip_decode, data, size, 6, 50000, 37777);
	return 0;
}
