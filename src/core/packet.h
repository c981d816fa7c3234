/* SPDX-License-Identifier: MIT */
/* packet.h - what the decoders learn about one frame. */
#ifndef VIGIE_PACKET_H
#define VIGIE_PACKET_H

#include <stdbool.h>
#include <stdint.h>

#include "addr.h"
#include "cursor.h"

/* Result of one decoding layer. */
enum dec {
	DEC_OK = 0,      /* layer decoded */
	DEC_TRUNC,       /* header cut short: the layer stops */
	DEC_MALFORMED,   /* header present but impossible */
	DEC_UNSUPPORTED  /* valid but not something we decode */
};

enum pkt_frag { FRAG_NONE = 0, FRAG_FIRST, FRAG_LATER };

struct pkt {
	uint64_t ts_us;           /* packet time, microseconds since 1970 */
	uint32_t wirelen;         /* length on the wire */
	const uint8_t *mac_src;   /* 6 bytes, or NULL if the link has none */
	const uint8_t *mac_dst;   /* 6 bytes, or NULL */
	uint16_t vlan;            /* innermost VLAN id, 0 if untagged */
	uint16_t ethertype;       /* EtherType of a non-IP frame (payload set) */
	uint8_t l3;               /* 0 (no IP), 4 or 6 */
	uint8_t proto;            /* IP protocol number of the transport */
	uint8_t frag;             /* enum pkt_frag */
	uint8_t tcp_flags;        /* TCP flag byte, 0 for other transports */
	bool l4_ok;               /* ports (or ICMP) decoded */
	bool evasion;             /* header chain deeper than any real stack */
	struct addr src, dst;
	uint16_t sport, dport;    /* 0 for ICMP and later fragments */
	uint32_t ip_len;          /* IP datagram length from its header */
	uint32_t l4_len;          /* transport bytes per the IP header */
	struct cur payload;       /* transport payload, clamped (for a non-IP
	                           * frame: what follows its EtherType) */
};

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10

#endif
