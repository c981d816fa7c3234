/* SPDX-License-Identifier: MIT */
/* fuzz_dhip.c - libFuzzer target for dhip_decode() (UDP 37810 and TCP 37777).
 *
 * Input: one payload. Every fact value is read byte by byte so ASan sees
 * any overread, and every fact is checked against the proto.h contract. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(dhip_decode, data, size, 17, 37810, 37810);
	fuzz_decode(dhip_decode, data, size, 6, 50000, 37777);
	return 0;
}
