/* SPDX-License-Identifier: MIT */
/* dnsname.c - DNS name and resource-record reader (RFC 1035 4.1.3, 4.1.4).
 *
 *   name    = *label (0x00 | pointer)
 *   label   = len(1, 1..63) bytes(len)
 *   pointer = 11pppppp pppppppp   (offset from the message start)
 *   RR      = name type(2) class(2) ttl(4) rdlength(2) rdata(rdlength)
 *
 * Pointers may only go backwards: strictly before the start of the label
 * sequence that holds them. Each hop therefore lands earlier than the
 * last, so no loop can form; DNSNAME_HOPS caps the count anyway. */
#include <string.h>

#include "dnsname.h"

#define LABELS_MAX 128    /* 255 wire bytes hold at most 127 labels */

bool
dnsname_read_any(const struct cur *msg, struct cur *c, char *out,
    size_t *outlen)
{
	struct cur r = *c;
	size_t msglen, seg, wire = 1, n = 0;
	unsigned hops = 0;
	bool jumped = false;

	*outlen = 0;
	if (cur_bad(c) || cur_bad(msg) || c->p < msg->p || c->p > msg->end)
		goto fail;
	msglen = (size_t)(msg->end - msg->p);
	seg = (size_t)(c->p - msg->p);
	for (unsigned i = 0; i < LABELS_MAX + DNSNAME_HOPS; i++) {
		uint8_t len = cur_u8(&r);
		const uint8_t *lab;

		if (cur_bad(&r))
			goto fail;
		if (len == 0) {
			if (!jumped)
				c->p = r.p;
			ascii_lower(out, n);
			*outlen = n;
			return true;
		}
		if ((len & 0xc0) == 0xc0) {
			size_t ptr = (size_t)(len & 0x3f) << 8 | cur_u8(&r);

			/* Backwards only, and never into this sequence. */
			if (cur_bad(&r) || ptr >= seg || ++hops > DNSNAME_HOPS)
				goto fail;
			if (!jumped)
				c->p = r.p;
			jumped = true;
			r = cur_make(msg->p + ptr, msglen - ptr);
			seg = ptr;
			continue;
		}
		/* 0x40 and 0x80 label types (RFC 6891 obsoleted them). */
		if (len > DNSNAME_LABEL_MAX)
			goto fail;
		wire += 1u + len;
		lab = cur_take(&r, len);
		if (lab == NULL || wire > DNSNAME_WIRE_MAX ||
		    n + 1 + len >= DNSNAME_MAX)
			goto fail;
		if (n > 0)
			out[n++] = '.';
		memcpy(out + n, lab, len);
		n += len;
	}
fail:
	cur_fail(c);
	*outlen = 0;
	return false;
}

bool
dnsname_rr_read(const struct cur *msg, struct cur *c,
    struct dnsname_rr *rr)
{
	uint16_t rdlen;

	if (!dnsname_read(msg, c, rr->name, &rr->nlen))
		return false;
	rr->type = cur_be16(c);
	rr->klass = cur_be16(c);
	rr->ttl = cur_be32(c);
	rdlen = cur_be16(c);
	rr->rdata = cur_sub(c, rdlen);
	return !cur_bad(c);
}

bool
dnsname_has_suffix(const char *name, size_t len, const char *suffix)
{
	size_t sl = strlen(suffix);

	if (len < sl || memcmp(name + len - sl, suffix, sl) != 0)
		return false;
	return len == sl || name[len - sl - 1] == '.';
}
