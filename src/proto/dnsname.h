/* SPDX-License-Identifier: MIT */
/* dnsname.h - DNS names and resource records on the wire (RFC 1035 4.1).
 *
 * Shared by the DNS and mDNS decoders. A name is read into a caller
 * buffer as dotted, lower-cased text (no escaping: the output layer
 * escapes), following compression pointers (RFC 1035 4.1.4) only
 * backwards and at most DNSNAME_HOPS times, so loops are impossible. */
#ifndef VIGIE_DNSNAME_H
#define VIGIE_DNSNAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/cursor.h"

#define DNSNAME_MAX 256   /* text buffer size: 253 chars + slack */
#define DNSNAME_HOPS 16   /* compression pointers followed per name */

/* One resource record header (RFC 1035 4.1.3). */
struct dnsname_rr {
	char name[DNSNAME_MAX];   /* owner name, dotted, lower case */
	size_t nlen;
	uint16_t type, klass;
	uint32_t ttl;
	struct cur rdata;         /* the RDATA, inside the message */
};

/* dnsname_read: read the name at c (a cursor inside msg, the whole DNS
 * message starting at its header) into out (DNSNAME_MAX bytes) as dotted
 * lower-case text of *outlen bytes, not NUL-ended ("" for the root).
 * Compression pointers must point strictly before the label sequence
 * they sit in; labels are at most 63 bytes and the whole name at most
 * 255 wire bytes. On success c moves past the name as written at its
 * original place (past the first pointer if any) and true is returned;
 * on any violation c turns bad and false is returned. */
bool dnsname_read(const struct cur *msg, struct cur *c, char *out,
    size_t *outlen);

/* dnsname_rr_read: read one resource record at c inside msg into rr:
 * owner name, type, class, TTL and an RDATA cursor. c moves past the
 * record. Returns false (c bad) if the record is broken or cut short. */
bool dnsname_rr_read(const struct cur *msg, struct cur *c,
    struct dnsname_rr *rr);

/* dnsname_has_suffix: true if name (len bytes, lower case) equals
 * suffix or ends with "." suffix (suffix lower case, without a leading
 * dot), i.e. the match falls on a label boundary. */
bool dnsname_has_suffix(const char *name, size_t len, const char *suffix);

#endif
