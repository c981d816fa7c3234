/* SPDX-License-Identifier: MIT */
/* addr.h - IP addresses (IPv4 held as IPv4-mapped IPv6), MACs, prefixes. */
#ifndef VIGIE_ADDR_H
#define VIGIE_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "limits.h"

_Static_assert(LOCAL_MAX_NETS <= 64, "struct netset has a bit per prefix");

/* An IP address: 16 bytes; IPv4 is stored as ::ffff:a.b.c.d. */
struct addr {
	uint8_t b[16];
};

/* A prefix list: which addresses count as the organisation's own. */
struct prefix {
	uint64_t mask[2], bits[2]; /* the address words, and net within them */
	struct addr net;
	uint8_t len; /* in bits of the 128-bit form */
};

struct netset {
	unsigned n;
	/* Per lead key (an IPv6 address's first byte; 256 + the first octet
	 * of an IPv4 one), the prefixes (a bit each) that can hold an address
	 * with that key: an address is compared with those only, most
	 * addresses outside the set with none. */
	uint64_t lead[512];
	struct prefix p[LOCAL_MAX_NETS];
};

/* addr_from_v4: an address from 4 network-order bytes. */
void addr_from_v4(struct addr *a, const uint8_t *v4);

/* addr_from_v6: an address from 16 network-order bytes. */
void addr_from_v6(struct addr *a, const uint8_t *v6);

/* addr_is_v4: true if a is IPv4-mapped. */
bool addr_is_v4(const struct addr *a);

/* addr_is_group: multicast (224/4, ff00::/8) or limited broadcast. */
bool addr_is_group(const struct addr *a);

/* addr_is_unicast: neither unspecified (0.0.0.0, ::) nor a group address:
 * one that can name a host. */
bool addr_is_unicast(const struct addr *a);

/* addr_is_public: a global unicast address, one that a public registry
 * (GeoIP, ASN) can know: false for every range of the IANA IPv4 and IPv6
 * special-purpose registries (RFC 6890 and later) that is not globally
 * reachable, whole (0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12,
 * 192.0.0/24, 192.0.2/24, 192.88.99/24, 192.168/16, 198.18/15,
 * 198.51.100/24, 203.0.113/24, 224/4, 240/4 with 255.255.255.255;
 * 2001::/23, 2001:db8::/32, 3fff::/20), and for all IPv6 outside
 * 2000::/3 (::, ::1, 100::/64, fc00::/7, fe80::/10, ff00::/8 ...).
 * IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) addresses are
 * judged by the IPv4 address they carry. */
bool addr_is_public(const struct addr *a);

/* addr_fmt: write a as text ("192.0.2.1", "2001:db8::1") into buf of
 * size n (at least 46); returns buf. */
char *addr_fmt(const struct addr *a, char *buf, size_t n);

/* addr_fmt_v4: 4 network-order bytes as dotted text into buf (at least
 * 16 bytes, NUL-ended); returns the length. */
size_t addr_fmt_v4(const uint8_t *v4, char *buf);

/* addr_parse: parse a textual IPv4 or IPv6 address; false if invalid. */
bool addr_parse(struct addr *a, const char *s);

/* mac_fmt: write 6 bytes as "aa:bb:cc:dd:ee:ff" into buf (at least 18). */
char *mac_fmt(const uint8_t *mac, char *buf, size_t n);

/* netset_add: parse "ADDR/LEN" (or a bare address) and add it to ns.
 * Returns 0, or -1 with a message in err (size errn) naming the problem. */
int netset_add(struct netset *ns, const char *cidr, char *err, size_t errn);

/* netset_clear: empty ns (the only way to: its per-key marks must go
 * with its prefixes). */
void netset_clear(struct netset *ns);

/* netset_defaults: fill ns with RFC 1918, RFC 6598, RFC 3927 link-local,
 * IPv6 ULA (fc00::/7) and link-local (fe80::/10). */
void netset_defaults(struct netset *ns);

/* netset_has: true if a lies in one of the prefixes of ns. */
bool netset_has(const struct netset *ns, const struct addr *a);

#endif
