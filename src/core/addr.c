/* SPDX-License-Identifier: MIT */
/* addr.c - address formatting, parsing and prefix sets. */
#include "addr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t v4map[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

void
addr_from_v4(struct addr *a, const uint8_t *v4)
{
	memcpy(a->b, v4map, 12);
	memcpy(a->b + 12, v4, 4);
}

void
addr_from_v6(struct addr *a, const uint8_t *v6)
{
	memcpy(a->b, v6, 16);
}

bool
addr_is_v4(const struct addr *a)
{
	return memcmp(a->b, v4map, 12) == 0;
}

bool
addr_is_group(const struct addr *a)
{
	if (addr_is_v4(a))
		return a->b[12] >= 224 && (a->b[12] < 240 ||
		    (a->b[12] == 255 && a->b[13] == 255 && a->b[14] == 255 &&
		    a->b[15] == 255));
	return a->b[0] == 0xff;
}

bool
addr_is_unicast(const struct addr *a)
{
	static const uint8_t zero[16];

	if (addr_is_group(a))
		return false;
	if (addr_is_v4(a))
		return memcmp(a->b + 12, zero, 4) != 0;
	return memcmp(a->b, zero, 16) != 0;
}

/* IPv4 special-purpose blocks that are not globally reachable: IANA's
 * registry, with its small globally reachable exceptions inside
 * 192.0.0.0/24 left out too. */
static const struct {
	uint32_t net;
	uint8_t len;
} v4_special[] = {
	{ 0x00000000, 8 },  /* 0/8 "this network" */
	{ 0x0a000000, 8 },  /* 10/8 private */
	{ 0x64400000, 10 }, /* 100.64/10 shared address space (CGNAT) */
	{ 0x7f000000, 8 },  /* 127/8 loopback */
	{ 0xa9fe0000, 16 }, /* 169.254/16 link-local */
	{ 0xac100000, 12 }, /* 172.16/12 private */
	{ 0xc0000000, 24 }, /* 192.0.0/24 IETF protocol assignments */
	{ 0xc0000200, 24 }, /* 192.0.2/24 documentation */
	{ 0xc0586300, 24 }, /* 192.88.99/24 6to4 relay anycast (deprecated) */
	{ 0xc0a80000, 16 }, /* 192.168/16 private */
	{ 0xc6120000, 15 }, /* 198.18/15 benchmarking */
	{ 0xc6336400, 24 }, /* 198.51.100/24 documentation */
	{ 0xcb007100, 24 }, /* 203.0.113/24 documentation */
	{ 0xe0000000, 4 },  /* 224/4 multicast */
	{ 0xf0000000, 4 },  /* 240/4 reserved, and 255.255.255.255 */
};

static bool
v4_is_public(const uint8_t *v4)
{
	uint32_t x = (uint32_t)v4[0] << 24 | (uint32_t)v4[1] << 16 |
	    (uint32_t)v4[2] << 8 | v4[3];

	for (size_t i = 0; i < sizeof v4_special / sizeof v4_special[0]; i++) {
		uint32_t m = 0xffffffffu << (32 - v4_special[i].len);
		if ((x & m) == v4_special[i].net)
			return false;
	}
	return true;
}

bool
addr_is_public(const struct addr *a)
{
	static const uint8_t nat64[12] = { 0, 0x64, 0xff, 0x9b };
	const uint8_t *b = a->b;

	if (addr_is_v4(a) || memcmp(b, nat64, 12) == 0)
		return v4_is_public(b + 12);
	if ((b[0] & 0xe0) != 0x20) /* outside 2000::/3 global unicast */
		return false;
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02)
		return false; /* 2001::/23 IETF protocol assignments */
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
		return false; /* 2001:db8::/32 documentation */
	if (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xf0) == 0)
		return false; /* 3fff::/20 documentation (RFC 9637) */
	return true;
}

char *
addr_fmt(const struct addr *a, char *buf, size_t n)
{
	const char *r;

	if (addr_is_v4(a))
		r = inet_ntop(AF_INET, a->b + 12, buf, (socklen_t)n);
	else
		r = inet_ntop(AF_INET6, a->b, buf, (socklen_t)n);
	if (r == NULL && n > 0)
		buf[0] = '\0';
	return buf;
}

size_t
addr_fmt_v4(const uint8_t *v4, char *buf)
{
	return (size_t)snprintf(buf, 16, "%u.%u.%u.%u", v4[0], v4[1], v4[2],
	    v4[3]);
}

bool
addr_parse(struct addr *a, const char *s)
{
	uint8_t v[16];

	if (inet_pton(AF_INET, s, v) == 1) {
		addr_from_v4(a, v);
		return true;
	}
	if (inet_pton(AF_INET6, s, v) == 1) {
		addr_from_v6(a, v);
		return true;
	}
	return false;
}

char *
mac_fmt(const uint8_t *mac, char *buf, size_t n)
{
	snprintf(buf, n, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
	    mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

/* Zero every bit of a beyond the first len. */
static void
mask_to(struct addr *a, unsigned len)
{
	for (unsigned i = 0; i < 16; i++) {
		unsigned lo = i * 8;
		if (len >= lo + 8)
			continue;
		if (len <= lo)
			a->b[i] = 0;
		else
			a->b[i] &= (uint8_t)(0xffu << (8 - (len - lo)));
	}
}

/* Do prefix p and the block of the first blen bits of b meet? Two
 * prefixes meet if they agree on the bits both fix. */
static bool
prefix_meets(const struct prefix *p, struct addr b, unsigned blen)
{
	struct addr a = p->net;
	unsigned n = p->len < blen ? p->len : blen;

	mask_to(&a, n);
	mask_to(&b, n);
	return memcmp(a.b, b.b, sizeof a.b) == 0;
}

/* The lead key of a: see struct netset. */
static inline unsigned
lead_key(const struct addr *a)
{
	return memcmp(a->b, v4map, 12) == 0 ? 256u + a->b[12] : a->b[0];
}

/* Mark prefix i of ns (p) under every lead key an address of p can
 * have: the keys whose block (k::/8, or ::ffff:k.0.0.0/104) meets p. */
static void
lead_mark(struct netset *ns, unsigned i, const struct prefix *p)
{
	static const struct addr mapped = { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0xff, 0xff } };
	unsigned lo, span;

	/* The first bytes of p's IPv6 addresses. */
	lo = p->net.b[0];
	span = p->len >= 8 ? 0 : 0xffu >> p->len;
	for (unsigned k = lo; k <= (lo | span); k++)
		ns->lead[k] |= 1ull << i;
	/* The first octets of its IPv4 addresses, if it has some. */
	if (!prefix_meets(p, mapped, 96))
		return;
	lo = p->net.b[12];
	span = p->len >= 104 ? 0 : p->len <= 96 ? 0xffu :
	    0xffu >> (p->len - 96);
	for (unsigned k = lo; k <= (lo | span); k++)
		ns->lead[256 + k] |= 1ull << i;
}

int
netset_add(struct netset *ns, const char *cidr, char *err, size_t errn)
{
	char host[64];
	const char *slash = strchr(cidr, '/');
	size_t hl = slash ? (size_t)(slash - cidr) : strlen(cidr);
	struct prefix p;
	unsigned long len;
	char *end;

	if (hl == 0 || hl >= sizeof host) {
		snprintf(err, errn, "'%.80s' is not an address or CIDR prefix",
		    cidr);
		return -1;
	}
	memcpy(host, cidr, hl);
	host[hl] = '\0';
	if (!addr_parse(&p.net, host)) {
		snprintf(err, errn, "'%.80s' is not an address or CIDR prefix",
		    cidr);
		return -1;
	}
	len = addr_is_v4(&p.net) ? 32 : 128;
	if (slash) {
		unsigned long max = len;
		if (slash[1] < '0' || slash[1] > '9')
			goto badlen;
		len = strtoul(slash + 1, &end, 10);
		if (*end != '\0' || len > max)
			goto badlen;
	}
	if (addr_is_v4(&p.net))
		len += 96;
	p.len = (uint8_t)len;
	mask_to(&p.net, p.len);
	{
		struct addr m;
		memset(m.b, 0xff, sizeof m.b);
		mask_to(&m, p.len);
		memcpy(p.mask, m.b, sizeof p.mask);
		memcpy(p.bits, p.net.b, sizeof p.bits);
	}
	if (ns->n >= LOCAL_MAX_NETS) {
		snprintf(err, errn, "too many local prefixes (at most %d)",
		    LOCAL_MAX_NETS);
		return -1;
	}
	lead_mark(ns, ns->n, &p);
	ns->p[ns->n++] = p;
	return 0;
badlen:
	snprintf(err, errn, "'%.80s' has a bad prefix length", cidr);
	return -1;
}

void
netset_defaults(struct netset *ns)
{
	static const char *const def[] = { "10.0.0.0/8", "172.16.0.0/12",
		"192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16",
		"fc00::/7", "fe80::/10" };
	char err[128];

	netset_clear(ns);
	for (size_t i = 0; i < sizeof def / sizeof def[0]; i++)
		(void)netset_add(ns, def[i], err, sizeof err);
}

void
netset_clear(struct netset *ns)
{
	ns->n = 0;
	memset(ns->lead, 0, sizeof ns->lead);
}

bool
netset_has(const struct netset *ns, const struct addr *a)
{
	uint64_t w[2];

	/* Two masked word compares per prefix that can hold an address of
	 * a's lead key (the words in memory order, as the masks and nets
	 * are). */
	memcpy(w, a->b, sizeof w);
	for (uint64_t m = ns->lead[lead_key(a)]; m != 0; m &= m - 1) {
		const struct prefix *p = &ns->p[__builtin_ctzll(m)];

		if (((w[0] & p->mask[0]) ^ p->bits[0]) == 0 &&
		    ((w[1] & p->mask[1]) ^ p->bits[1]) == 0)
			return true;
	}
	return false;
}
