/* SPDX-License-Identifier: MIT */
/* fuzz_rtsp.c - libFuzzer target for rtsp_decode(): the input is one
 * transport payload. Every reported value is read byte by byte (ASan
 * checks it lies in the input) and the fact contract is checked. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(rtsp_decode, data, size, 6, 50000, 554);
	fuzz_decode(rtsp_decode, data, size, 6, 554, 50000);
	return 0;
}
