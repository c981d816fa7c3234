/* SPDX-License-Identifier: MIT */
/* fuzz_http.c - libFuzzer target for http_decode(): the input is one
 * transport payload. Every reported value is read byte by byte (ASan
 * checks it lies in the input) and the fact contract is checked. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(http_decode, data, size, 6, 50000, 80);
	fuzz_decode(http_decode, data, size, 6, 80, 50000);
	return 0;
}
