/* SPDX-License-Identifier: MIT */
/* fuzz_dahua5050.c - libFuzzer target for dahua5050_decode() (UDP 5050).
 *
 * Input: one payload. Every fact value is read byte by byte so ASan sees
 * any overread, and every fact is checked against the proto.h contract. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(dahua5050_decode, data, size, 17, 5050, 5050);
	return 0;
}
