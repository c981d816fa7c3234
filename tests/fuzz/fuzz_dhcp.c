/* SPDX-License-Identifier: MIT */
/* fuzz_dhcp.c - libFuzzer target for dhcp_decode() (UDP 67/68).
 *
 * Input: one transport payload.
 * Every fact value is read byte by byte so ASan sees any overread.
 * Seeds in corpus/dhcp/ named dlink_* and edimax_* are payloads cut from
 * the IoT Sentinel captures (andypitcher/IoT_Sentinel, MIT, see
 * ../shared/corpus/SOURCES.md); the others are crafted for vigie. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(dhcp_decode, data, size, 17, 68, 67);
	return 0;
}
