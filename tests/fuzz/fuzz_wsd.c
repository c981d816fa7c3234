/* SPDX-License-Identifier: MIT */
/* fuzz_wsd.c - libFuzzer target for wsd_decode() (UDP 3702).
 *
 * Input: one payload. Every fact value is read byte by byte so ASan sees
 * any overread, and every fact is checked against the proto.h contract. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(wsd_decode, data, size, 17, 3702, 3702);
	return 0;
}
