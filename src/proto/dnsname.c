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

#include "../core/ascii.h"

#define NAME_WIRE_MAX 255 /* RFC 1035 2.3.4: whole name, wire form */
#define LABEL_MAX 63
#define LABELS_MAX 128    /* 255 wire bytes hold at most 127 labels */

/* The common case of dnsname_read(): a name written out in full, no
 * pointer, ending inside c. Its labels are found first, then copied in
 * one piece with their length bytes turned into dots. False, with
 * nothing changed, for any other name: the general loop reads it (and
 * fails it if it is broken). */
static bool
plain_name(struct cur *c, char *out, size_t *outlen)
{
	const uint8_t *s = c->p, *p = s;
	size_t wire = 1, n, k;

	for (;;) {
		uint8_t len;

		if (p >= c->end)
			return false;
		if ((len = *p) == 0)
			break;
		/* A pointer, or a reserved label type. */
		if (len > LABEL_MAX)
			return false;
		wire += 1u + len;
		if (wire > NAME_WIRE_MAX || (size_t)(c->end - p) <= len)
			return false;
		p += 1u + len;
	}
	/* s[0, n) holds the labels; as text, the bytes from s + 1 with each
	 * further length byte a dot. wire <= 255 keeps n within out. */
	n = (size_t)(p - s);
	if (n > 0) {
		memcpy(out, s + 1, n - 1);
		for (k = (size_t)s[0] + 1; k < n; k += (size_t)s[k] + 1)
			out[k - 1] = '.';
		ascii_lower(out, n - 1);
		*outlen = n - 1;
	} else {
		*outlen = 0;
	}
	c->p = p + 1;
	return true;
}

bool
dnsname_read(const struct cur *msg, struct cur *c, char *out,
    size_t *outlen)
{
	struct cur r = *c;
	size_t msglen, seg, wire = 1, n = 0;
	unsigned hops = 0;
	bool jumped = false;

	*outlen = 0;
	if (cur_bad(c) || cur_bad(msg) || c->p < msg->p || c->p > msg->end)
		goto fail;
	if (plain_name(c, out, outlen))
		return true;
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
		if (len > LABEL_MAX)
			goto fail;
		wire += 1u + len;
		lab = cur_take(&r, len);
		if (lab == NULL || wire > NAME_WIRE_MAX ||
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
