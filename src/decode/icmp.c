/* SPDX-License-Identifier: MIT */
/* icmp.c - ICMP (RFC 792) and ICMPv6 (RFC 4443): type and code only.
 * Flows of ICMP are keyed with ports 0 and counted per protocol. */
#include "decode.h"

enum dec
icmp_decode(struct cur c, struct pkt *p, struct stats *st)
{
	(void)cur_u8(&c); /* type */
	(void)cur_u8(&c); /* code */
	(void)cur_be16(&c);
	if (cur_bad(&c)) {
		STAT_INC(st, ICMP_TRUNC);
		return DEC_TRUNC;
	}
	if (p->proto == 58)
		STAT_INC(st, ICMP6_PACKETS);
	else
		STAT_INC(st, ICMP_PACKETS);
	p->l4_ok = true;
	p->payload = c;
	return DEC_OK;
}
