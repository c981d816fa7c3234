/* SPDX-License-Identifier: MIT */
/* tcp.c - TCP header (RFC 9293).
 *
 *   sport(2) dport(2) seq(4) ack(4) off/rsv(1) flags(1) win(2) csum(2)
 *   urg(2) options(off*4-20) */
#include "decode.h"

enum dec
tcp_decode(struct cur c, struct pkt *p, struct stats *st)
{
	const uint8_t *h = cur_take(&c, 20); /* the fixed header */
	unsigned hl;

	if (h == NULL) {
		STAT_INC(st, TCP_TRUNC);
		return DEC_TRUNC;
	}
	p->sport = be16(h);
	p->dport = be16(h + 2);
	p->tcp_flags = h[13];
	p->l4_ok = true;
	hl = (unsigned)(h[12] >> 4) * 4u;
	if (hl < 20) {
		/* Ports are still usable for flow accounting. */
		STAT_INC(st, TCP_MALFORMED);
		return DEC_MALFORMED;
	}
	if (!cur_skip(&c, hl - 20)) {
		STAT_INC(st, TCP_TRUNC);
		return DEC_TRUNC;
	}
	p->payload = c;
	return DEC_OK;
}
