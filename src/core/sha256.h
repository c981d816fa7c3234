/* SPDX-License-Identifier: MIT */
/* sha256.h - SHA-256 (FIPS 180-4) and base64 (RFC 4648 section 4), for
 * the hash of the HTML report's style sheet in its Content-Security-Policy
 * (CSP Level 3, "hash-source"). Not for anything that needs speed. */
#ifndef VIGIE_SHA256_H
#define VIGIE_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* sha256: the 32-byte digest of n bytes at p into out. */
void sha256(const void *p, size_t n, uint8_t out[32]);

/* base64: n bytes at p as padded base64 text into out (cap bytes incl.
 * the NUL); returns the length, or 0 (out empty) if it does not fit. */
size_t base64(const uint8_t *p, size_t n, char *out, size_t cap);

#endif
