/* SPDX-License-Identifier: MIT */
/* ip_l4.c - transport dispatch for IPv4 and IPv6 (IANA protocol numbers). */
#include "decode.h"

enum dec
ip_l4(struct cur c, struct pkt *p, struct stats *st)
{
	switch (p->proto) {
	case 6:
		return tcp_decode(c, p, st);
	case 17:
		return udp_decode(c, p, st);
	case 1:
	case 58:
		return icmp_decode(c, p, st);
	default:
		STAT_INC(st, IP_OTHER_PROTO);
		return DEC_UNSUPPORTED;
	}
}
