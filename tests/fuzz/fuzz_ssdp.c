/* SPDX-License-Identifier: MIT */
/* fuzz_ssdp.c - libFuzzer target for ssdp_decode(): the input is one
 * transport payload. Every reported value is read byte by byte (ASan
 * checks it lies in the input) and the fact contract is checked. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(ssdp_decode, data, size, 17, 1900, 1900);
	return 0;
}
