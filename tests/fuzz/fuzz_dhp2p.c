/* SPDX-License-Identifier: MIT */
/* fuzz_dhp2p.c - libFuzzer target for dhp2p_decode(): the input is one
 * transport payload. Every reported value is read byte by byte (ASan
 * checks it lies in the input) and the fact contract is checked. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(dhp2p_decode, data, size, 17, 50000, 8800);
	return 0;
}
