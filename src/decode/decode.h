/* SPDX-License-Identifier: MIT */
/* decode.h - the frame decoders: link layers, IP, transports.
 *
 * Each takes a cursor by value over the bytes of its layer, fills the
 * struct pkt and returns an enum dec. None prints or allocates; every
 * problem is counted in the struct stats given. */
#ifndef VIGIE_DECODE_H
#define VIGIE_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/packet.h"
#include "../core/stats.h"

/* A link-layer decoder. */
typedef enum dec (*link_fn)(struct cur c, struct pkt *p, struct stats *st);

/* link_lookup: the decoder for a libpcap DLT value, or NULL if vigie does
 * not decode that link type. name (if not NULL) receives its short name. */
link_fn link_lookup(int dlt, const char **name);

/* decode_frame: decode n bytes of a frame of link type dlt into p (whose
 * ts_us and wirelen the caller has set). Unsupported link types are
 * counted. Never reads outside [frame, frame + n). */
enum dec decode_frame(int dlt, const uint8_t *frame, size_t n, struct pkt *p,
    struct stats *st);

/* ether_decode: Ethernet II / 802.3 with up to VLAN_MAX_DEPTH VLAN tags. */
enum dec ether_decode(struct cur c, struct pkt *p, struct stats *st);

/* ether_l3: dispatch on an EtherType (also used by SLL, SLL2). */
enum dec ether_l3(uint16_t type, struct cur c, struct pkt *p,
    struct stats *st);

/* ipv4_decode: an IPv4 header; total length clamps the view. */
enum dec ipv4_decode(struct cur c, struct pkt *p, struct stats *st);

/* ipv6_decode: an IPv6 header and its extension-header chain. */
enum dec ipv6_decode(struct cur c, struct pkt *p, struct stats *st);

/* ip_l4: dispatch the transport of an IP datagram (proto in p). */
enum dec ip_l4(struct cur c, struct pkt *p, struct stats *st);

/* tcp_decode, udp_decode, icmp_decode: transport headers. */
enum dec tcp_decode(struct cur c, struct pkt *p, struct stats *st);
enum dec udp_decode(struct cur c, struct pkt *p, struct stats *st);
enum dec icmp_decode(struct cur c, struct pkt *p, struct stats *st);

#endif
