/* SPDX-License-Identifier: MIT */
/* ipv6.c - IPv6 header and extension-header chain (RFC 8200, RFC 4302).
 *
 *   ver/tc/flow(4) paylen(2) next(1) hlim(1) src(16) dst(16)
 * Extension headers: next(1) len(1) ...; length in 8-octet units beyond
 * the first 8 (AH: 4-octet units beyond the first 8). Fragment: 8 octets,
 * offset in the top 13 bits of bytes 2-3. The chain is walked at most
 * IPV6_MAX_EXT deep. */
#include "../core/limits.h"
#include "decode.h"

/* Next-header values that are extension headers we walk. */
static bool
is_ext(uint8_t nh)
{
	switch (nh) {
	case 0:   /* hop-by-hop options */
	case 43:  /* routing */
	case 44:  /* fragment */
	case 51:  /* authentication header */
	case 60:  /* destination options */
	case 135: /* mobility */
	case 139: /* HIP */
	case 140: /* shim6 */
		return true;
	default:
		return false;
	}
}

/* Walk the extension chain; *nh is updated to the transport protocol. */
static enum dec
ext_walk(struct cur *c, uint8_t *nh, struct pkt *p, struct stats *st)
{
	unsigned depth = 0;

	while (is_ext(*nh)) {
		uint8_t next, len;
		size_t hlen;

		if (++depth > IPV6_MAX_EXT) {
			STAT_INC(st, IPV6_EXT_TOO_DEEP);
			p->evasion = true;
			return DEC_MALFORMED;
		}
		next = cur_u8(c);
		len = cur_u8(c);
		if (*nh == 44) {
			uint16_t off = cur_be16(c);
			(void)cur_skip(c, 4);
			if (cur_bad(c))
				break;
			if ((off & 0xfff8u) != 0) {
				STAT_INC(st, IPV6_FRAG_LATER);
				p->frag = FRAG_LATER;
				*nh = next;
				return DEC_UNSUPPORTED;
			}
			if (off & 1u) {
				STAT_INC(st, IPV6_FRAG_FIRST);
				p->frag = FRAG_FIRST;
			}
		} else {
			hlen = *nh == 51 ? ((size_t)len + 2) * 4 :
			    ((size_t)len + 1) * 8;
			(void)cur_skip(c, hlen - 2);
		}
		if (cur_bad(c))
			break;
		*nh = next;
	}
	if (cur_bad(c)) {
		STAT_INC(st, IPV6_TRUNC);
		return DEC_TRUNC;
	}
	return DEC_OK;
}

enum dec
ipv6_decode(struct cur c, struct pkt *p, struct stats *st)
{
	uint32_t vtf = cur_be32(&c);
	uint16_t plen = cur_be16(&c);
	uint8_t nh = cur_u8(&c);
	const uint8_t *src, *dst;
	const uint8_t *start;
	enum dec r;

	(void)cur_u8(&c);
	src = cur_take(&c, 16);
	dst = cur_take(&c, 16);
	if (cur_bad(&c)) {
		STAT_INC(st, IPV6_TRUNC);
		return DEC_TRUNC;
	}
	if ((vtf >> 28) != 6) {
		STAT_INC(st, IPV6_MALFORMED);
		return DEC_MALFORMED;
	}
	if (plen == 0 && nh == 0) {
		STAT_INC(st, IPV6_JUMBO); /* RFC 2675: length in an option */
		plen = (uint16_t)(cur_left(&c) > 0xffff ? 0xffff : cur_left(&c));
	}
	if (plen > cur_left(&c))
		STAT_INC(st, IPV6_LEN_CLAMPED);
	else
		(void)cur_clamp(&c, plen);
	addr_from_v6(&p->src, src);
	addr_from_v6(&p->dst, dst);
	p->l3 = 6;
	p->ip_len = 40u + plen;
	start = c.p;
	r = ext_walk(&c, &nh, p, st);
	if (!cur_bad(&c)) {
		size_t used = (size_t)(c.p - start);
		p->l4_len = used >= plen ? 0 : plen - (uint32_t)used;
	}
	p->proto = nh;
	if (r == DEC_UNSUPPORTED)
		return DEC_OK; /* a later fragment: counted, no transport */
	if (r != DEC_OK)
		return r;
	return ip_l4(c, p, st);
}
