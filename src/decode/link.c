/* SPDX-License-Identifier: MIT */
/* link.c - link-type table and the small link layers: BSD loopback
 * (DLT_NULL, DLT_LOOP), raw IP, Linux cooked capture SLL and SLL2.
 *
 * References: tcpdump.org/linktypes.html; LINKTYPE_LINUX_SLL:
 *   pkttype(2) arphrd(2) addrlen(2) addr(8) protocol(2)
 * LINKTYPE_LINUX_SLL2:
 *   protocol(2) reserved(2) ifindex(4) arphrd(2) pkttype(1) addrlen(1)
 *   addr(8) */
#include <pcap/dlt.h>

#include "decode.h"

/* Raw IP: the version nibble says which. */
static enum dec
raw_decode(struct cur c, struct pkt *p, struct stats *st)
{
	uint8_t v;

	if (cur_left(&c) < 1) {
		STAT_INC(st, RAW_BAD_VERSION);
		return DEC_TRUNC;
	}
	v = (uint8_t)(c.p[0] >> 4);
	if (v == 4)
		return ipv4_decode(c, p, st);
	if (v == 6)
		return ipv6_decode(c, p, st);
	STAT_INC(st, RAW_BAD_VERSION);
	return DEC_MALFORMED;
}

static enum dec
ipv4_only(struct cur c, struct pkt *p, struct stats *st)
{
	return ipv4_decode(c, p, st);
}

static enum dec
ipv6_only(struct cur c, struct pkt *p, struct stats *st)
{
	return ipv6_decode(c, p, st);
}

/* BSD address families seen in DLT_NULL / DLT_LOOP headers: AF_INET is 2
 * everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS). */
static enum dec
null_family(uint32_t af, struct cur c, struct pkt *p, struct stats *st)
{
	switch (af) {
	case 2:
		return ipv4_decode(c, p, st);
	case 24:
	case 28:
	case 30:
		return ipv6_decode(c, p, st);
	default:
		STAT_INC(st, NULL_UNKNOWN_AF);
		return DEC_UNSUPPORTED;
	}
}

/* DLT_NULL: family in the byte order of the capturing host. Values are
 * small, so whichever order leaves a small number is the right one. */
static enum dec
null_decode(struct cur c, struct pkt *p, struct stats *st)
{
	uint32_t af = cur_le32(&c);

	if (cur_bad(&c)) {
		STAT_INC(st, NULL_TRUNC);
		return DEC_TRUNC;
	}
	if (af > 0xffff)
		af = (af >> 24) | ((af >> 8) & 0xff00u);
	return null_family(af, c, p, st);
}

/* DLT_LOOP: family always in network byte order. */
static enum dec
loop_decode(struct cur c, struct pkt *p, struct stats *st)
{
	uint32_t af = cur_be32(&c);

	if (cur_bad(&c)) {
		STAT_INC(st, NULL_TRUNC);
		return DEC_TRUNC;
	}
	return null_family(af, c, p, st);
}

/* Take the link-layer source address of a cooked header if it is a MAC. */
static void
cooked_mac(struct pkt *p, uint16_t arphrd, uint16_t alen, const uint8_t *a)
{
	if (arphrd == 1 && alen == 6) /* ARPHRD_ETHER */
		p->mac_src = a;
}

static enum dec
sll_decode(struct cur c, struct pkt *p, struct stats *st)
{
	uint16_t arphrd, alen, proto;
	const uint8_t *a;

	(void)cur_be16(&c); /* packet type */
	arphrd = cur_be16(&c);
	alen = cur_be16(&c);
	a = cur_take(&c, 8);
	proto = cur_be16(&c);
	if (cur_bad(&c)) {
		STAT_INC(st, SLL_TRUNC);
		return DEC_TRUNC;
	}
	cooked_mac(p, arphrd, alen, a);
	return ether_l3(proto, c, p, st);
}

static enum dec
sll2_decode(struct cur c, struct pkt *p, struct stats *st)
{
	uint16_t arphrd, alen, proto;
	const uint8_t *a;

	proto = cur_be16(&c);
	(void)cur_skip(&c, 6); /* reserved, interface index */
	arphrd = cur_be16(&c);
	(void)cur_u8(&c); /* packet type */
	alen = cur_u8(&c);
	a = cur_take(&c, 8);
	if (cur_bad(&c)) {
		STAT_INC(st, SLL2_TRUNC);
		return DEC_TRUNC;
	}
	cooked_mac(p, arphrd, alen, a);
	return ether_l3(proto, c, p, st);
}

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_IPV6
#define DLT_IPV6 229
#endif

static const struct {
	int dlt;
	const char *name;
	link_fn fn;
} links[] = {
	{ DLT_EN10MB, "ethernet", ether_decode },
	{ DLT_LINUX_SLL, "linux-sll", sll_decode },
	{ DLT_LINUX_SLL2, "linux-sll2", sll2_decode },
	{ DLT_RAW, "raw", raw_decode },
	{ 101, "raw", raw_decode }, /* LINKTYPE_RAW where not mapped */
	{ DLT_IPV4, "ipv4", ipv4_only },
	{ DLT_IPV6, "ipv6", ipv6_only },
	{ DLT_NULL, "null", null_decode },
	{ DLT_LOOP, "loop", loop_decode },
};

link_fn
link_lookup(int dlt, const char **name)
{
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		if (links[i].dlt == dlt) {
			if (name)
				*name = links[i].name;
			return links[i].fn;
		}
	}
	return NULL;
}

enum dec
decode_frame(int dlt, const uint8_t *frame, size_t n, struct pkt *p,
    struct stats *st)
{
	link_fn fn = link_lookup(dlt, NULL);

	if (fn == NULL) {
		STAT_INC(st, LINK_UNSUPPORTED);
		return DEC_UNSUPPORTED;
	}
	return fn(cur_make(frame, n), p, st);
}
