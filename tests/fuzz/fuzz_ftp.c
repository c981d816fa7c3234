/* SPDX-License-Identifier: MIT */
/* fuzz_ftp.c - libFuzzer target for ftp_decode(): the input is one TCP
 * payload from an FTP client to port 21. */
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(ftp_decode, data, size, 6, 50000, 21);
	return 0;
}
