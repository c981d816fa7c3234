/* SPDX-License-Identifier: MIT */
/* fuzz_sadp_l2.c - libFuzzer target for sadp_l2_decode() (EtherType 0x8033, bytes after the Ethernet header).
 *
 * Input: one payload. Every fact value is read byte by byte so ASan sees
 * any overread, and every fact is checked against the proto.h contract. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(sadp_l2_decode, data, size, 0, 0, 0);
	return 0;
}
