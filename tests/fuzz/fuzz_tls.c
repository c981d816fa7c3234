/* SPDX-License-Identifier: MIT */
/* fuzz_tls.c - libFuzzer target for tls_decode() (TCP, first byte 0x16).
 *
 * Input: one transport payload.
 * Every fact value is read byte by byte so ASan sees any overread.
 * Seeds in corpus/tls/ named dlink_* and edimax_* are payloads cut from
 * the IoT Sentinel captures (andypitcher/IoT_Sentinel, MIT, see
 * ../shared/corpus/SOURCES.md); the others are crafted for vigie. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(tls_decode, data, size, 6, 443, 50000);
	return 0;
}
