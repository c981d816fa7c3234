/* SPDX-License-Identifier: MIT */
/* test_decode.c - link, IP and transport decoders on hand-built frames,
 * including every truncation of a good frame. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <pcap/dlt.h>

#include "decode/decode.h"

static const uint8_t MAC_D[6] = { 0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e };
static const uint8_t MAC_S[6] = { 0x44, 0x19, 0xb6, 0x12, 0x34, 0x56 };

static size_t
put16(uint8_t *b, size_t o, unsigned v)
{
	b[o] = (uint8_t)(v >> 8);
	b[o + 1] = (uint8_t)v;
	return o + 2;
}

static size_t
eth(uint8_t *b, unsigned type)
{
	memcpy(b, MAC_D, 6);
	memcpy(b + 6, MAC_S, 6);
	return put16(b, 12, type);
}

/* IPv4 header at b+o: 192.168.1.64 -> 47.91.72.10, given proto and the
 * total length; frag is the flags/offset word. */
static size_t
ipv4(uint8_t *b, size_t o, unsigned proto, unsigned totlen, unsigned frag)
{
	static const uint8_t src[4] = { 192, 168, 1, 64 };
	static const uint8_t dst[4] = { 47, 91, 72, 10 };

	b[o] = 0x45, b[o + 1] = 0;
	put16(b, o + 2, totlen);
	put16(b, o + 4, 0x1234);
	put16(b, o + 6, frag);
	b[o + 8] = 64, b[o + 9] = (uint8_t)proto;
	put16(b, o + 10, 0);
	memcpy(b + o + 12, src, 4);
	memcpy(b + o + 16, dst, 4);
	return o + 20;
}

static size_t
udp(uint8_t *b, size_t o, unsigned sp, unsigned dp, unsigned len)
{
	put16(b, o, sp);
	put16(b, o + 2, dp);
	put16(b, o + 4, len);
	return put16(b, o + 6, 0);
}

static size_t
tcp(uint8_t *b, size_t o, unsigned sp, unsigned dp, unsigned flags,
    unsigned doff)
{
	memset(b + o, 0, 20);
	put16(b, o, sp);
	put16(b, o + 2, dp);
	b[o + 12] = (uint8_t)(doff << 4);
	b[o + 13] = (uint8_t)flags;
	return o + 20;
}

static enum dec
run(int dlt, const uint8_t *b, size_t n, struct pkt *p, struct stats *st)
{
	memset(p, 0, sizeof *p);
	memset(st, 0, sizeof *st);
	return decode_frame(dlt, b, n, p, st);
}

static void
eth_ipv4_udp(void **state)
{
	uint8_t b[128] = { 0 };
	size_t o = ipv4(b, eth(b, 0x0800), 17, 20 + 8 + 10, 0);
	struct pkt p;
	struct stats st;

	(void)state;
	o = udp(b, o, 37020, 37020, 18);
	/* 64-byte frame: the tail is Ethernet padding, not payload. */
	assert_int_equal(run(DLT_EN10MB, b, 64, &p, &st), DEC_OK);
	assert_int_equal(p.l3, 4);
	assert_int_equal(p.proto, 17);
	assert_int_equal(p.sport, 37020);
	assert_true(p.l4_ok);
	assert_int_equal(cur_left(&p.payload), 10);
	assert_int_equal(p.ip_len, 38);
	assert_memory_equal(p.mac_src, MAC_S, 6);
	assert_int_equal(p.src.b[12], 192);
	assert_int_equal(p.dst.b[15], 10);
	(void)o;
}

static void
eth_ipv4_tcp_flags_and_bad_offset(void **state)
{
	uint8_t b[128] = { 0 };
	size_t o = ipv4(b, eth(b, 0x0800), 6, 40, 0);
	struct pkt p;
	struct stats st;

	(void)state;
	tcp(b, o, 51000, 443, TCP_SYN, 5);
	assert_int_equal(run(DLT_EN10MB, b, o + 20, &p, &st), DEC_OK);
	assert_int_equal(p.tcp_flags, TCP_SYN);
	assert_int_equal(p.dport, 443);
	tcp(b, o, 51000, 443, TCP_SYN, 3); /* data offset below 5 */
	assert_int_equal(run(DLT_EN10MB, b, o + 20, &p, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_TCP_MALFORMED], 1);
	assert_true(p.l4_ok); /* ports still usable */
	tcp(b, o, 51000, 443, TCP_SYN, 15); /* options beyond the frame */
	assert_int_equal(run(DLT_EN10MB, b, o + 20, &p, &st), DEC_TRUNC);
	assert_int_equal(st.n[STAT_TCP_TRUNC], 1);
}

static void
vlan_and_qinq(void **state)
{
	uint8_t b[128] = { 0 };
	size_t o = eth(b, 0x88a8);
	struct pkt p;
	struct stats st;

	(void)state;
	o = put16(b, o, 100);
	o = put16(b, o, 0x8100);
	o = put16(b, o, 0x2000 | 20); /* PCP bits must be masked off */
	o = put16(b, o, 0x0800);
	o = udp(b, ipv4(b, o, 17, 28, 0), 1, 2, 8);
	assert_int_equal(run(DLT_EN10MB, b, o, &p, &st), DEC_OK);
	assert_int_equal(p.vlan, 20);
	assert_int_equal(p.l3, 4);
}

static void
vlan_too_deep(void **state)
{
	uint8_t b[256] = { 0 };
	size_t o = eth(b, 0x8100);
	struct pkt p;
	struct stats st;

	(void)state;
	for (int i = 0; i < 20; i++) {
		o = put16(b, o, 7);
		o = put16(b, o, 0x8100);
	}
	assert_int_equal(run(DLT_EN10MB, b, o + 30, &p, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_VLAN_TOO_DEEP], 1);
	assert_true(p.evasion);
	assert_int_equal(p.l3, 0);
}

static void
ipv4_malformed_and_fragments(void **state)
{
	uint8_t b[128] = { 0 };
	size_t o = eth(b, 0x0800);
	struct pkt p;
	struct stats st;

	(void)state;
	udp(b, ipv4(b, o, 17, 36, 0x2000), 5000, 6000, 3008); /* first */
	assert_int_equal(run(DLT_EN10MB, b, o + 36, &p, &st), DEC_OK);
	assert_int_equal(p.frag, FRAG_FIRST);
	assert_true(p.l4_ok); /* UDP length beyond a first fragment is fine */
	assert_int_equal(st.n[STAT_UDP_MALFORMED], 0);
	ipv4(b, o, 17, 36, 185); /* a later fragment: no transport */
	assert_int_equal(run(DLT_EN10MB, b, o + 36, &p, &st), DEC_OK);
	assert_int_equal(p.frag, FRAG_LATER);
	assert_false(p.l4_ok);
	assert_int_equal(st.n[STAT_IPV4_FRAG_LATER], 1);
	ipv4(b, o, 17, 36, 0);
	b[o] = 0x44; /* IHL 4 */
	assert_int_equal(run(DLT_EN10MB, b, o + 36, &p, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_IPV4_MALFORMED], 1);
	ipv4(b, o, 17, 10, 0); /* total length below the header */
	assert_int_equal(run(DLT_EN10MB, b, o + 36, &p, &st), DEC_MALFORMED);
	ipv4(b, o, 17, 1500, 0); /* longer than captured: decode what is here */
	udp(b, o + 20, 1, 2, 1480);
	assert_int_equal(run(DLT_EN10MB, b, o + 36, &p, &st), DEC_OK);
	assert_int_equal(st.n[STAT_IPV4_LEN_CLAMPED], 1);
	assert_int_equal(st.n[STAT_UDP_MALFORMED], 0);
	assert_int_equal(p.ip_len, 1500);
}

static void
udp_lengths(void **state)
{
	uint8_t b[128] = { 0 };
	size_t o = ipv4(b, eth(b, 0x0800), 17, 40, 0);
	struct pkt p;
	struct stats st;

	(void)state;
	udp(b, o, 1, 2, 4); /* below the header */
	assert_int_equal(run(DLT_EN10MB, b, o + 20, &p, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_UDP_MALFORMED], 1);
	udp(b, o, 1, 2, 400); /* beyond the IP datagram: a lie */
	assert_int_equal(run(DLT_EN10MB, b, o + 20, &p, &st), DEC_MALFORMED);
	udp(b, o, 1, 2, 20);
	assert_int_equal(run(DLT_EN10MB, b, o + 20, &p, &st), DEC_OK);
	assert_int_equal(cur_left(&p.payload), 12);
}

/* IPv6 header at o with the next header nh and payload length plen. */
static size_t
ipv6(uint8_t *b, size_t o, unsigned nh, unsigned plen)
{
	memset(b + o, 0, 40);
	b[o] = 0x60;
	put16(b, o + 4, plen);
	b[o + 6] = (uint8_t)nh;
	b[o + 7] = 64;
	b[o + 8] = 0x20, b[o + 9] = 0x01, b[o + 23] = 1;
	b[o + 24] = 0x20, b[o + 25] = 0x01, b[o + 39] = 2;
	return o + 40;
}

static void
ipv6_ext_chain(void **state)
{
	uint8_t b[512] = { 0 };
	size_t o = ipv6(b, eth(b, 0x86dd), 0, 16 + 24 + 20);
	struct pkt p;
	struct stats st;

	(void)state;
	b[o] = 60, b[o + 1] = 0; /* hop-by-hop, 8 bytes, next dest-opts */
	b[o + 8] = 43, b[o + 9] = 0; /* dest-opts, 8 bytes, next routing */
	b[o + 16] = 6, b[o + 17] = 2; /* routing, 24 bytes, next TCP */
	tcp(b, o + 40, 41000, 80, TCP_SYN, 5);
	assert_int_equal(run(DLT_EN10MB, b, o + 60, &p, &st), DEC_OK);
	assert_int_equal(p.l3, 6);
	assert_int_equal(p.proto, 6);
	assert_int_equal(p.sport, 41000);
	assert_int_equal(p.l4_len, 20);
	/* A chain deeper than IPV6_MAX_EXT is refused and flagged. */
	o = ipv6(b, eth(b, 0x86dd), 60, 400);
	for (int i = 0; i < 40; i++)
		b[o + (size_t)i * 8] = 60, b[o + (size_t)i * 8 + 1] = 0;
	assert_int_equal(run(DLT_EN10MB, b, o + 400, &p, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_IPV6_EXT_TOO_DEEP], 1);
	assert_true(p.evasion);
}

static void
ipv6_fragments(void **state)
{
	uint8_t b[256] = { 0 };
	size_t o = ipv6(b, eth(b, 0x86dd), 44, 8 + 8 + 4);
	struct pkt p;
	struct stats st;

	(void)state;
	b[o] = 17;
	put16(b, o + 2, 1); /* offset 0, more fragments */
	udp(b, o + 8, 41001, 5000, 1208);
	assert_int_equal(run(DLT_EN10MB, b, o + 20, &p, &st), DEC_OK);
	assert_int_equal(p.frag, FRAG_FIRST);
	assert_int_equal(p.dport, 5000);
	put16(b, o + 2, 75 << 3); /* offset 600, last */
	assert_int_equal(run(DLT_EN10MB, b, o + 20, &p, &st), DEC_OK);
	assert_int_equal(p.frag, FRAG_LATER);
	assert_false(p.l4_ok);
	assert_int_equal(p.proto, 17);
}

static void
cooked_and_loopback_links(void **state)
{
	uint8_t b[128] = { 0 }, ip[64] = { 0 };
	size_t n = udp(ip, ipv4(ip, 0, 17, 28, 0), 53, 53, 8);
	struct pkt p;
	struct stats st;

	(void)state;
	/* SLL: pkttype, ARPHRD_ETHER, addr len 6, addr(8), protocol */
	put16(b, 0, 4), put16(b, 2, 1), put16(b, 4, 6);
	memcpy(b + 6, MAC_S, 6);
	put16(b, 14, 0x0800);
	memcpy(b + 16, ip, n);
	assert_int_equal(run(DLT_LINUX_SLL, b, 16 + n, &p, &st), DEC_OK);
	assert_memory_equal(p.mac_src, MAC_S, 6);
	assert_null(p.mac_dst);
	assert_int_equal(run(DLT_LINUX_SLL, b, 10, &p, &st), DEC_TRUNC);
	assert_int_equal(st.n[STAT_SLL_TRUNC], 1);
	/* SLL2: protocol, reserved, ifindex, ARPHRD, pkttype, len, addr */
	memset(b, 0, sizeof b);
	put16(b, 0, 0x0800), put16(b, 8, 1), b[10] = 0, b[11] = 6;
	memcpy(b + 12, MAC_S, 6);
	memcpy(b + 20, ip, n);
	assert_int_equal(run(276, b, 20 + n, &p, &st), DEC_OK);
	assert_int_equal(p.sport, 53);
	/* DLT_NULL, host order either way; DLT_LOOP big-endian. */
	memset(b, 0, 4);
	b[0] = 2;
	memcpy(b + 4, ip, n);
	assert_int_equal(run(DLT_NULL, b, 4 + n, &p, &st), DEC_OK);
	b[0] = 0, b[3] = 2;
	assert_int_equal(run(DLT_NULL, b, 4 + n, &p, &st), DEC_OK);
	assert_int_equal(run(DLT_LOOP, b, 4 + n, &p, &st), DEC_OK);
	b[3] = 99;
	assert_int_equal(run(DLT_LOOP, b, 4 + n, &p, &st), DEC_UNSUPPORTED);
	assert_int_equal(st.n[STAT_NULL_UNKNOWN_AF], 1);
	/* Raw IP: the version nibble decides. */
	assert_int_equal(run(DLT_RAW, ip, n, &p, &st), DEC_OK);
	assert_int_equal(p.l3, 4);
	assert_int_equal(run(147, ip, n, &p, &st), DEC_UNSUPPORTED);
	assert_int_equal(st.n[STAT_LINK_UNSUPPORTED], 1);
}

/* Every prefix of a good frame decodes without reading past it (ASan
 * checks the reads) and with a truncation counted once the IP header is
 * cut. */
static void
every_truncation(void **state)
{
	uint8_t b[128] = { 0 };
	size_t full = tcp(b, ipv4(b, eth(b, 0x0800), 6, 40, 0), 1, 2,
	    TCP_ACK, 5);
	struct pkt p;
	struct stats st;

	(void)state;
	for (size_t n = 0; n <= full; n++) {
		uint8_t *copy = test_malloc(n ? n : 1);
		enum dec r;

		memcpy(copy, b, n);
		r = run(DLT_EN10MB, copy, n, &p, &st);
		if (n < full)
			assert_int_not_equal(r, DEC_OK);
		else
			assert_int_equal(r, DEC_OK);
		test_free(copy);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eth_ipv4_udp),
		cmocka_unit_test(eth_ipv4_tcp_flags_and_bad_offset),
		cmocka_unit_test(vlan_and_qinq),
		cmocka_unit_test(vlan_too_deep),
		cmocka_unit_test(ipv4_malformed_and_fragments),
		cmocka_unit_test(udp_lengths),
		cmocka_unit_test(ipv6_ext_chain),
		cmocka_unit_test(ipv6_fragments),
		cmocka_unit_test(cooked_and_loopback_links),
		cmocka_unit_test(every_truncation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
