/* SPDX-License-Identifier: MIT */
/* fuzz_telnet.c - libFuzzer target for telnet_decode(): the input is one
 * TCP payload from a Telnet client to port 23. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(telnet_decode, data, size, 6, 50000, 23);
	return 0;
}
