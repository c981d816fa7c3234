/* SPDX-License-Identifier: MIT */
/* fuzz_mdns.c - libFuzzer target for mdns_decode() (UDP 5353).
 *
 * Input: one transport payload.
 * Every fact value is read byte by byte so ASan sees any overread.
 * Seeds in corpus/mdns/ named dlink_* and edimax_* are payloads cut from
 * the IoT Sentinel captures (andypitcher/IoT_Sentinel, MIT, see
 * ../shared/corpus/SOURCES.md); the others are crafted for vigie. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(mdns_decode, data, size, 17, 5353, 5353);
	return 0;
}
