/* SPDX-License-Identifier: MIT */
/* tcp.c - TCP header (RFC 9293).
 *
 *   sport(2) dport(2) seq(4) ack(4) off/rsv(1) flags(1) win(2) csum(2)
 *   urg(2) options(off*4-20) */
#include "decode.h"

enum dec
tcp_decode(struct cur c, struct pkt *p, struct stats *st)
{
	uint16_t sport = cur_be16(&c), dport = cur_be16(&c);
	uint8_t off, flags;
	unsigned hl;

	(void)cur_skip(&c, 8);
	off = cur_u8(&c);
	flags = cur_u8(&c);
	(void)cur_skip(&c, 6);
	if (c.bad) {
		STAT_INC(st, TCP_TRUNC);
		return DEC_TRUNC;
	}
	p->sport = sport;
	p->dport = dport;
	p->tcp_flags = flags;
	p->l4_ok = true;
	hl = (unsigned)(off >> 4) * 4u;
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
