/* SPDX-License-Identifier: MIT */
/* gen_wire.c - Ethernet/IP/UDP/TCP/ARP headers and pcap records. */
/*
 * References: pcap-savefile(5) (classic format, little-endian,
 * LINKTYPE_ETHERNET), IEEE 802.1Q, RFC 826 (ARP), RFC 791 (IPv4), RFC 8200
 * (IPv6), RFC 768 (UDP), RFC 9293 (TCP), RFC 1071 (checksum).
 */
#include "gen.h"

#include <string.h>

const uint8_t wire_mac_router[6] = { 0x4c, 0x5e, 0x0c, 0x1a, 0x2b, 0x3c };

/* Copy n bytes of incompressible filler (n <= POOL_SZ). */
void
wire_filler(struct gen *g, uint8_t *dst, size_t n)
{
	memcpy(dst, g->pool + rng_below(&g->r, (uint32_t)(POOL_SZ - n + 1)), n);
}

/* Ones-complement sum, 32 bits at a time (folding keeps it equal to the 16-bit
 * sum). */
static uint64_t
csum_add(uint64_t acc, const uint8_t *p, size_t n)
{
	for (; n >= 4; p += 4, n -= 4)
		acc += (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
	if (n >= 2) {
		acc += (uint32_t)p[0] << 8 | p[1];
		p += 2;
		n -= 2;
	}
	if (n)
		acc += (uint32_t)p[0] << 8;
	return acc;
}

static uint16_t
csum_fold(uint64_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)~acc;
}

void
wire_flush(struct gen *g)
{
	if (g->olen && fwrite(g->obuf, 1, g->olen, g->f) != g->olen)
		g->oerr = true;
	g->olen = 0;
}

/* Append g->frame[0..len) as one record; time advances first. */
void
wire_emit(struct gen *g, size_t len)
{
	uint8_t *p;

	if (len < 60) {
		memset(g->frame + len, 0, 60 - len);
		len = 60;
	}
	g->t_us += rng_range(&g->r, 1, GAP_MAX_US);
	if (g->olen + 16 + len > OUTBUF_SZ)
		wire_flush(g);
	p = g->obuf + g->olen;
	le32(p, (uint32_t)(EPOCH_S + g->t_us / 1000000));
	le32(p + 4, (uint32_t)(g->t_us % 1000000));
	le32(p + 8, (uint32_t)len);
	le32(p + 12, (uint32_t)len);
	memcpy(p + 16, g->frame, len);
	g->olen += 16 + len;
	g->npkt++;
	g->nbytes += 16 + len;
}

uint16_t
wire_eport(struct host *h)
{
	uint16_t p = h->port, lo = h->seg == SEG_CAM ? 32768 : 49152;
	uint16_t hi = h->seg == SEG_CAM ? 60999 : 65535;

	h->port = p >= hi ? lo : (uint16_t)(p + 1);
	return p;
}

static const uint8_t *
host_ip(const struct host *h, enum fam fam)
{
	return fam == FAM4 ? h->ip4 : fam == FAM6 ? h->ip6 : h->ula;
}

/* Addresses, the MACs seen on the mirror port and the VLAN tag for a
 * client/server pair. */
void
wire_flow(struct gen *g, struct flow *fl, const struct host *c,
    const struct host *s, enum fam fam, uint8_t l4, uint16_t cport,
    uint16_t sport)
{
	size_t alen = fam == FAM4 ? 4 : 16;

	memset(fl, 0, sizeof(*fl));
	memcpy(fl->mac[0], c->mac, 6);
	memcpy(fl->mac[1], s->mac, 6);
	if (c->seg != s->seg) {
		if (c->seg == SEG_CAM)
			memcpy(fl->mac[1], wire_mac_router, 6);
		else if (s->seg == SEG_CAM)
			memcpy(fl->mac[0], wire_mac_router, 6);
		if (c->seg == SEG_WAN)
			memcpy(fl->mac[0], wire_mac_router, 6);
		if (s->seg == SEG_WAN)
			memcpy(fl->mac[1], wire_mac_router, 6);
	}
	if ((c->seg == SEG_CAM || s->seg == SEG_CAM) &&
	    (!memcmp(fl->mac[0], wire_mac_router, 6) ||
		!memcmp(fl->mac[1], wire_mac_router, 6)))
		fl->vlan = VLAN_CAM;
	fl->v6 = fam != FAM4;
	memcpy(fl->ip[0], host_ip(c, fam), alen);
	memcpy(fl->ip[1], host_ip(s, fam), alen);
	fl->port[0] = cport;
	fl->port[1] = sport;
	fl->ipid[0] = rng_u16(&g->r);
	fl->ipid[1] = rng_u16(&g->r);
	fl->flabel[0] = rng_below(&g->r, 1u << 20);
	fl->flabel[1] = rng_below(&g->r, 1u << 20);
	fl->ttl[0] = c->ttl;
	fl->ttl[1] = s->ttl;
	fl->l4 = l4;
}

size_t
wire_l4_off(const struct flow *fl)
{
	return 14u + (fl->vlan ? 4u : 0u) + (fl->v6 ? 40u : 20u);
}

/* Ethernet, optional 802.1Q and IP headers for l4len transport bytes; returns
 * L4 offset. */
static size_t
put_l2l3(uint8_t *f, struct flow *fl, int dir, size_t l4len)
{
	size_t o = 12;

	memcpy(f, fl->mac[!dir], 6);
	memcpy(f + 6, fl->mac[dir], 6);
	if (fl->vlan) {
		be16(f + 12, 0x8100);
		be16(f + 14, fl->vlan);
		o = 16;
	}
	be16(f + o, fl->v6 ? 0x86dd : 0x0800);
	o += 2;
	if (fl->v6) {
		be32(f + o, 0x60000000u | fl->flabel[dir]);
		be16(f + o + 4, (uint32_t)l4len);
		f[o + 6] = fl->l4;
		f[o + 7] = fl->ttl[dir];
		memcpy(f + o + 8, fl->ip[dir], 16);
		memcpy(f + o + 24, fl->ip[!dir], 16);
		return o + 40;
	}
	f[o] = 0x45;
	f[o + 1] = 0;
	be16(f + o + 2, (uint32_t)(20 + l4len));
	be16(f + o + 4, fl->ipid[dir]++);
	be16(f + o + 6, fl->l4 == 6 ? 0x4000 : 0);
	f[o + 8] = fl->ttl[dir];
	f[o + 9] = fl->l4;
	be16(f + o + 10, 0);
	memcpy(f + o + 12, fl->ip[dir], 4);
	memcpy(f + o + 16, fl->ip[!dir], 4);
	be16(f + o + 10, csum_fold(csum_add(0, f + o, 20)));
	return o + 20;
}

/* Transport checksum over the pseudo-header and segment; field at l4 + at. */
static void
put_l4sum(uint8_t *f, const struct flow *fl, size_t l4, size_t l4len, size_t at)
{
	uint64_t acc =
	    fl->v6 ? csum_add(0, f + l4 - 32, 32) : csum_add(0, f + l4 - 8, 8);
	uint16_t c;

	acc += fl->l4 + (uint64_t)l4len;
	c = csum_fold(csum_add(acc, f + l4, l4len));
	if (c == 0 && fl->l4 == 17)
		c = 0xffff;
	be16(f + l4 + at, c);
}

uint8_t *
wire_udp_payload(struct gen *g, const struct flow *fl)
{
	return g->frame + wire_l4_off(fl) + 8;
}

/* Send the UDP payload already at wire_udp_payload(); dir 0 is client to
 * server. */
void
wire_udp(struct gen *g, struct flow *fl, int dir, size_t paylen)
{
	uint8_t *f = g->frame;
	size_t l4len = 8 + paylen, l4 = put_l2l3(f, fl, dir, l4len);

	be16(f + l4, fl->port[dir]);
	be16(f + l4 + 2, fl->port[!dir]);
	be16(f + l4 + 4, (uint32_t)l4len);
	be16(f + l4 + 6, 0);
	put_l4sum(f, fl, l4, l4len, 6);
	wire_emit(g, l4 + l4len);
}

/* Send one TCP segment whose payload is already at wire_l4_off() + 20. */
void
wire_tcp(struct gen *g, struct sess *s, int dir, uint8_t flags, size_t paylen)
{
	static const uint8_t synopt[12] = { 2, 4, 0, 0, 1, 3, 3, 8, 1, 1, 4,
		2 };
	uint8_t *f = g->frame, *t;
	size_t thl = (flags & TH_SYN) ? 32 : 20, l4len = thl + paylen;
	size_t l4 = put_l2l3(f, &s->fl, dir, l4len);

	t = f + l4;
	be16(t, s->fl.port[dir]);
	be16(t + 2, s->fl.port[!dir]);
	be32(t + 4, s->seq[dir]);
	be32(t + 8, (flags & TH_ACK) ? s->seq[!dir] : 0);
	t[12] = (uint8_t)(thl << 2);
	t[13] = flags;
	be16(t + 14, (flags & TH_SYN) ? 64240 : s->win[dir]);
	be32(t + 16, 0);
	if (flags & TH_SYN) {
		memcpy(t + 20, synopt, sizeof(synopt));
		be16(t + 22, s->mss);
	}
	put_l4sum(f, &s->fl, l4, l4len, 16);
	s->seq[dir] +=
	    (uint32_t)paylen + ((flags & (TH_SYN | TH_FIN)) ? 1u : 0u);
	wire_emit(g, l4 + l4len);
}

void
wire_arp(struct gen *g, const struct host *from, const struct host *to,
    bool reply, uint16_t vlan)
{
	uint8_t *f = g->frame;
	size_t o = 12;

	if (reply)
		memcpy(f, to->mac, 6);
	else
		memset(f, 0xff, 6);
	memcpy(f + 6, from->mac, 6);
	if (vlan) {
		be16(f + 12, 0x8100);
		be16(f + 14, vlan);
		o = 16;
	}
	memcpy(f + o, "\x08\x06\x00\x01\x08\x00\x06\x04\x00", 9);
	f[o + 9] = reply ? 2 : 1;
	memcpy(f + o + 10, from->mac, 6);
	memcpy(f + o + 16, from->ip4, 4);
	if (reply)
		memcpy(f + o + 20, to->mac, 6);
	else
		memset(f + o + 20, 0, 6);
	memcpy(f + o + 26, to->ip4, 4);
	wire_emit(g, o + 30);
}

void
wire_header(struct gen *g)
{
	uint8_t h[24];

	le32(h, 0xa1b2c3d4u);
	h[4] = 2; /* version 2.4 */
	h[5] = 0;
	h[6] = 4;
	h[7] = 0;
	le32(h + 8, 0);	     /* thiszone */
	le32(h + 12, 0);     /* sigfigs */
	le32(h + 16, 65535); /* snaplen */
	le32(h + 20, 1);     /* LINKTYPE_ETHERNET */
	memcpy(g->obuf, h, sizeof(h));
	g->olen = sizeof(h);
	g->nbytes = sizeof(h);
}
