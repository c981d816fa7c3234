/* SPDX-License-Identifier: MIT */
/* ipv4.c - IPv4 header (RFC 791).
 *
 *   ver/ihl(1) tos(1) totlen(2) id(2) flags/fragoff(2) ttl(1) proto(1)
 *   csum(2) src(4) dst(4) options(ihl*4-20)
 * The total length clamps the view (Ethernet padding is not payload). A
 * total length beyond the captured bytes (snaplen) is counted and the
 * captured part decoded. Later fragments carry no transport header. */
#include "decode.h"

enum dec
ipv4_decode(struct cur c, struct pkt *p, struct stats *st)
{
	size_t avail = cur_left(&c);
	const uint8_t *h = cur_take(&c, 20); /* the fixed header */
	uint16_t totlen, frag;
	unsigned hl;

	if (h == NULL) {
		STAT_INC(st, IPV4_TRUNC);
		return DEC_TRUNC;
	}
	hl = (h[0] & 0x0fu) * 4u;
	totlen = be16(h + 2);
	frag = be16(h + 6);
	if ((h[0] >> 4) != 4 || hl < 20 || totlen < hl) {
		STAT_INC(st, IPV4_MALFORMED);
		return DEC_MALFORMED;
	}
	if (!cur_skip(&c, hl - 20)) { /* options */
		STAT_INC(st, IPV4_TRUNC);
		return DEC_TRUNC;
	}
	/* Clamp to the datagram; if the frame holds less, keep what is there. */
	if (totlen > avail)
		STAT_INC(st, IPV4_LEN_CLAMPED);
	else
		(void)cur_clamp(&c, totlen - hl);
	addr_from_v4(&p->src, h + 12);
	addr_from_v4(&p->dst, h + 16);
	p->l3 = 4;
	p->proto = h[9];
	p->ip_len = totlen;
	p->l4_len = totlen - hl;
	if ((frag & 0x1fffu) != 0) {
		STAT_INC(st, IPV4_FRAG_LATER);
		p->frag = FRAG_LATER;
		return DEC_OK;
	}
	if (frag & 0x2000u) {
		STAT_INC(st, IPV4_FRAG_FIRST);
		p->frag = FRAG_FIRST;
	}
	return ip_l4(c, p, st);
}
