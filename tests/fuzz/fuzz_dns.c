/* SPDX-License-Identifier: MIT */
/* fuzz_dns.c - libFuzzer target for dns_decode() (UDP/TCP 53).
 *
 * Input: one transport payload, decoded once as UDP and once as TCP
 * (with its length prefix).
 * Every fact value is read byte by byte so ASan sees any overread.
 * Seeds in corpus/dns/ named dlink_* and edimax_* are payloads cut from
 * the IoT Sentinel captures (andypitcher/IoT_Sentinel, MIT, see
 * ../shared/corpus/SOURCES.md); the others are crafted for vigie. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(dns_decode, data, size, 17, 40000, 53);
	fuzz_decode(dns_decode, data, size, 6, 40000, 53);
	return 0;
}
