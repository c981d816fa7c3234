/* SPDX-License-Identifier: MIT */
/* udp.c - UDP header (RFC 768); its length field clamps the payload. */
#include "decode.h"

enum dec
udp_decode(struct cur c, struct pkt *p, struct stats *st)
{
	const uint8_t *h = cur_take(&c, 8);
	uint16_t len;

	if (h == NULL) {
		STAT_INC(st, UDP_TRUNC);
		return DEC_TRUNC;
	}
	p->sport = be16(h);
	p->dport = be16(h + 2);
	len = be16(h + 4);
	p->l4_ok = true;
	/* Length 0 is legal for IPv6 jumbograms only; below 8 is malformed.
	 * A length beyond the datagram keeps the ports, drops the payload. */
	if (len < 8 && !(len == 0 && p->l3 == 6)) {
		STAT_INC(st, UDP_MALFORMED);
		return DEC_MALFORMED;
	}
	if (len != 0 && !cur_clamp(&c, (size_t)len - 8)) {
		/* Longer than captured: fine if the IP header allows it (short
		 * snaplen) or this is a first fragment; else it lies. */
		if (p->frag == FRAG_NONE && len > p->l4_len) {
			STAT_INC(st, UDP_MALFORMED);
			return DEC_MALFORMED;
		}
	}
	p->payload = c;
	return DEC_OK;
}
