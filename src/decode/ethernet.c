/* SPDX-License-Identifier: MIT */
/* ethernet.c - Ethernet II and IEEE 802.1Q / 802.1ad (QinQ) tags.
 *
 * Reference: IEEE 802.3, 802.1Q.
 *   dst(6) src(6) [TPID(2) TCI(2)]* ethertype(2) payload
 * A type field of 1500 or less is an 802.3 length (LLC follows). */
#include "../core/limits.h"
#include "decode.h"

#define ETYPE_IPV4 0x0800
#define ETYPE_ARP 0x0806
#define ETYPE_IPV6 0x86dd
#define ETYPE_VLAN 0x8100
#define ETYPE_QINQ 0x88a8
#define ETYPE_QINQ_OLD 0x9100

enum dec
ether_l3(uint16_t type, struct cur c, struct pkt *p, struct stats *st)
{
	switch (type) {
	case ETYPE_IPV4:
		return ipv4_decode(c, p, st);
	case ETYPE_IPV6:
		return ipv6_decode(c, p, st);
	case ETYPE_ARP:
		STAT_INC(st, ETH_ARP);
		return DEC_UNSUPPORTED;
	default:
		/* Kept for the layer-2 protocols we inspect (SADP 0x8033). */
		p->ethertype = type;
		p->payload = c;
		STAT_INC(st, ETH_NON_IP);
		return DEC_UNSUPPORTED;
	}
}

enum dec
ether_decode(struct cur c, struct pkt *p, struct stats *st)
{
	const uint8_t *h = cur_take(&c, 14);
	uint16_t type;
	unsigned depth = 0;

	if (h == NULL) {
		STAT_INC(st, ETH_TRUNC);
		return DEC_TRUNC;
	}
	p->mac_dst = h;
	p->mac_src = h + 6;
	type = be16(h + 12);
	while (type == ETYPE_VLAN || type == ETYPE_QINQ ||
	    type == ETYPE_QINQ_OLD) {
		/* Bounded: each turn consumes 4 bytes and counts a level. */
		if (++depth > VLAN_MAX_DEPTH) {
			STAT_INC(st, VLAN_TOO_DEEP);
			p->evasion = true;
			return DEC_MALFORMED;
		}
		p->vlan = cur_be16(&c) & 0x0fff;
		type = cur_be16(&c);
		if (cur_bad(&c)) {
			STAT_INC(st, VLAN_TRUNC);
			return DEC_TRUNC;
		}
	}
	if (type <= 1500) {
		STAT_INC(st, ETH_LLC);
		return DEC_UNSUPPORTED;
	}
	return ether_l3(type, c, p, st);
}
