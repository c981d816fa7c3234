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

#include "../core/ascii.h"
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

#define DNSNAME_WIRE_MAX 255 /* RFC 1035 2.3.4: whole name, wire form */
#define DNSNAME_LABEL_MAX 63

/* dnsname_read_any: dnsname_read() for any name (its general loop). */
bool dnsname_read_any(const struct cur *msg, struct cur *c, char *out,
    size_t *outlen);

/* dnsname_plain: the common case of dnsname_read(), inline: a name
 * written out in full, no pointer, ending inside c. Its labels are found
 * first, then taken in one piece and copied with their length bytes
 * turned into dots. False, with nothing changed, for any other name. */
static inline bool
dnsname_plain(struct cur *c, char *out, size_t *outlen)
{
	struct cur r = *c;
	const uint8_t *s;
	size_t n, k;
	uint8_t len;

	/* The labels and the final zero must lie inside c and take at most
	 * 255 bytes: walk a view of at most that many (a shorter c stays
	 * whole); a read past it turns the view bad and reads 0. */
	(void)cur_clamp(&r, DNSNAME_WIRE_MAX);
	len = cur_u8(&r);
	while (len != 0) {
		const uint8_t *q;

		/* A pointer, or a reserved label type. */
		if (len > DNSNAME_LABEL_MAX)
			return false;
		/* The label and the next length byte, in one take. */
		if ((q = cur_take(&r, (size_t)len + 1)) == NULL)
			return false;
		len = q[len];
	}
	if (cur_bad(&r))
		return false;
	/* s[0, n) holds the labels, s[n] the zero; as text, the bytes from
	 * s + 1 with each further length byte a dot. n < 255 keeps the text
	 * within out. */
	n = (size_t)(r.p - c->p) - 1;
	s = cur_take(c, n + 1);
	if (n > 0) {
		ascii_lower_copy(out, s + 1, n - 1);
		for (k = (size_t)s[0] + 1; k < n; k += (size_t)s[k] + 1)
			out[k - 1] = '.';
		*outlen = n - 1;
	} else {
		*outlen = 0;
	}
	return true;
}

/* dnsname_read: read the name at c (a cursor inside msg, the whole DNS
 * message starting at its header) into out (DNSNAME_MAX bytes) as dotted
 * lower-case text of *outlen bytes, not NUL-ended ("" for the root).
 * Compression pointers must point strictly before the label sequence
 * they sit in; labels are at most 63 bytes and the whole name at most
 * 255 wire bytes. On success c moves past the name as written at its
 * original place (past the first pointer if any) and true is returned;
 * on any violation c turns bad and false is returned. A name written
 * out in full is read inline. */
static inline bool
dnsname_read(const struct cur *msg, struct cur *c, char *out,
    size_t *outlen)
{
	if (!cur_bad(msg) && c->p >= msg->p && c->p <= msg->end &&
	    dnsname_plain(c, out, outlen))
		return true;
	return dnsname_read_any(msg, c, out, outlen);
}

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
