/* SPDX-License-Identifier: MIT */
/* test_proto_binary_dns.c - the DNS name reader (dnsname.c), DNS and
 * mDNS decoders: crafted messages, answers and CNAME chains, real
 * payloads cut from the IoT Sentinel captures (../shared/corpus/net/,
 * andypitcher/IoT_Sentinel, MIT), negative controls and hostile input
 * (every truncation, pointer loops, oversized names). DHCP, TLS/X.509
 * and the camera protocols: test_proto_binary.c. */
#include "proto_binary_util.h"
#include "proto/dnsname.h"

/* Crafted payloads; the larger ones are read from tests/fuzz/corpus/. */
static const uint8_t DNS_RESP[71] = {
	0x00, 0x77, 0x81, 0x80, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
	0x03, 0x77, 0x77, 0x77, 0x0c, 0x65, 0x61, 0x73, 0x79, 0x34, 0x69, 0x70,
	0x63, 0x6c, 0x6f, 0x75, 0x64, 0x03, 0x63, 0x6f, 0x6d, 0x00, 0x00, 0x01,
	0x00, 0x01, 0xc0, 0x0c, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c,
	0x00, 0x05, 0x02, 0x6c, 0x62, 0xc0, 0x10, 0xc0, 0x32, 0x00, 0x01, 0x00,
	0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x04, 0x2f, 0x5b, 0x48, 0x0a,
};

static const uint8_t DNS_TCP[51] = {
	0x00, 0x31, 0x00, 0x55, 0x01, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x03, 0x61, 0x70, 0x69, 0x0b, 0x68, 0x69, 0x6b, 0x2d, 0x63,
	0x6f, 0x6e, 0x6e, 0x65, 0x63, 0x74, 0x03, 0x63, 0x6f, 0x6d, 0x00, 0x00,
	0x1c, 0x00, 0x01, 0x05, 0x61, 0x6c, 0x61, 0x72, 0x6d, 0xc0, 0x10, 0x00,
	0x01, 0x00, 0x01,
};

/* ---- dnsname ---------------------------------------------------- */

static bool
name_at(const uint8_t *m, size_t mlen, size_t off, char *out, size_t *n)
{
	struct cur msg = cur_make(m, mlen), c = msg;

	(void)cur_skip(&c, off);
	return dnsname_read(&msg, &c, out, n);
}

static void
test_dnsname(void **state)
{
	uint8_t m[600];
	char out[DNSNAME_MAX];
	size_t n, o;

	(void)state;
	/* Compression pointer followed; cursor stops after the pointer. */
	{
		struct cur msg = cur_make(DNS_RESP, sizeof DNS_RESP), c = msg;
		(void)cur_skip(&c, 12 + 22 + 4 + 12);
		assert_true(dnsname_read(&msg, &c, out, &n));
		assert_int_equal(n, strlen("lb.easy4ipcloud.com"));
		assert_memory_equal(out, "lb.easy4ipcloud.com", n);
		assert_int_equal(c.p - msg.p, 12 + 22 + 4 + 12 + 5);
	}
	/* Pointer to itself, forward pointer, pointer into its own name. */
	memset(m, 0, sizeof m);
	m[12] = 0xc0, m[13] = 12;
	assert_false(name_at(m, 14, 12, out, &n));
	m[12] = 0xc0, m[13] = 20;
	assert_false(name_at(m, 30, 12, out, &n));
	m[12] = 1, m[13] = 'a', m[14] = 0xc0, m[15] = 12;
	assert_false(name_at(m, 16, 12, out, &n));
	/* A chain of backwards pointers: 16 hops pass, 17 fail. */
	o = 12;
	m[o++] = 0;
	for (unsigned i = 0; i < 18; i++) {
		m[o] = 1, m[o + 1] = 'x';
		m[o + 2] = 0xc0, m[o + 3] = (uint8_t)(o - (i ? 4 : 1));
		o += 4;
	}
	assert_true(name_at(m, o, 12 + 1 + 15 * 4, out, &n));
	assert_int_equal(n, 16 * 2 - 1);
	assert_false(name_at(m, o, 12 + 1 + 16 * 4, out, &n));
	/* Label of 64; name of 255 wire bytes passes, 257 fails. */
	m[12] = 64;
	assert_false(name_at(m, 100, 12, out, &n));
	memset(m, 'a', sizeof m);
	for (unsigned i = 0; i < 4; i++)
		m[i * 64] = i < 3 ? 63 : 61;
	m[3 * 64 + 62] = 0;
	assert_true(name_at(m, 300, 0, out, &n));
	assert_int_equal(n, 253);
	m[3 * 64] = 63, m[3 * 64 + 62] = 'a', m[4 * 64] = 0;
	assert_false(name_at(m, 300, 0, out, &n));
	/* Upper case folded; truncated names fail. */
	{
		static const uint8_t u[] = { 3, 'W', 'w', 'W', 2, 'C', 'n', 0 };
		assert_true(name_at(u, sizeof u, 0, out, &n));
		assert_memory_equal(out, "www.cn", 6);
		for (size_t k = 0; k < sizeof u; k++)
			assert_false(name_at(u, k, 0, out, &n));
	}
	/* Only A-Z fold, in every position of the 8-byte steps: the bytes
	 * next to the letters ('@' '[' '`' '{'), high bytes, '.' stay. */
	{
		static const uint8_t u[] = { 20, '@', 'A', 'Z', '[', '`', 'a',
			'z', '{', 0xc1, 0xda, 0xff, 0x80, 'M', 'q', '-', '_',
			'0', '9', 'Q', 'B', 1, 'X', 0 };
		static const char want[] = { '@', 'a', 'z', '[', '`', 'a',
			'z', '{', (char)0xc1, (char)0xda, (char)0xff,
			(char)0x80,
			'm', 'q', '-', '_', '0', '9', 'q', 'b', '.', 'x' };
		assert_true(name_at(u, sizeof u, 0, out, &n));
		assert_int_equal(n, sizeof want);
		assert_memory_equal(out, want, sizeof want);
	}
	assert_true(dnsname_has_suffix("a.local", 7, "local"));
	assert_false(dnsname_has_suffix("alocal", 6, "local"));
}

/* dnsname_plain() on a copy of the n bytes at m in a buffer of exactly
 * n bytes (so that ASan sees a read past it); *used receives how far the
 * cursor moved, or SIZE_MAX if it changed on failure. */
static bool
plain_at(const uint8_t *m, size_t n, char *out, size_t *outlen,
    size_t *used)
{
	uint8_t *b = malloc(n ? n : 1);
	struct cur c, was;
	bool ok;

	assert_non_null(b);
	if (n > 0)
		memcpy(b, m, n);
	c = was = cur_make(b, n);
	ok = dnsname_plain(&c, out, outlen);
	*used = (size_t)(c.p - was.p);
	if (c.end != was.end || (!ok && c.p != was.p))
		*used = SIZE_MAX;
	free(b);
	return ok;
}

static void
test_dnsname_plain(void **state)
{
	static const uint8_t www[] = { 3, 'W', 'w', 'w', 2, 'c', 'N', 0 };
	uint8_t m[300];
	char out[DNSNAME_MAX];
	size_t n, used;
	struct cur bad = cur_make(www, sizeof www);

	(void)state;
	/* The final zero is the last byte of the buffer: read, and the
	 * cursor left at its end. */
	assert_true(plain_at(www, sizeof www, out, &n, &used));
	assert_int_equal(n, 6);
	assert_memory_equal(out, "www.cn", 6);
	assert_int_equal(used, sizeof www);
	/* Every cut (the zero, a label's last byte, a length byte, the
	 * empty buffer): false, cursor untouched. */
	for (size_t k = 0; k < sizeof www; k++) {
		assert_false(plain_at(www, k, out, &n, &used));
		assert_int_equal(used, 0);
	}
	/* The root alone, as the whole buffer. */
	assert_true(plain_at(www + 7, 1, out, &n, &used));
	assert_int_equal(n, 0);
	assert_int_equal(used, 1);
	/* A pointer, or a reserved label type: left to dnsname_read_any(). */
	m[0] = 0xc0, m[1] = 12;
	assert_false(plain_at(m, 2, out, &n, &used));
	assert_int_equal(used, 0);
	m[0] = 1, m[1] = 'a', m[2] = 0x40, m[3] = 0;
	assert_false(plain_at(m, 4, out, &n, &used));
	assert_int_equal(used, 0);
	/* 255 wire bytes (zero at offset 254) pass even as the whole buffer;
	 * 256 fail however long the buffer. */
	memset(m, 'a', sizeof m);
	for (unsigned i = 0; i < 4; i++)
		m[i * 64] = i < 3 ? 63 : 61;
	m[254] = 0;
	assert_true(plain_at(m, 255, out, &n, &used));
	assert_int_equal(n, 253);
	assert_int_equal(used, 255);
	m[3 * 64] = 62, m[254] = 'a', m[255] = 0;
	assert_false(plain_at(m, 256, out, &n, &used));
	assert_false(plain_at(m, sizeof m, out, &n, &used));
	assert_int_equal(used, 0);
	/* A bad cursor stays bad. */
	(void)cur_take(&bad, sizeof www + 1);
	assert_false(dnsname_plain(&bad, out, &n));
	assert_true(cur_bad(&bad));
}

/* ---- DNS -------------------------------------------------------- */

static void
test_dns(void **state)
{
	static const char ssdp[] = "NOTIFY * HTTP/1.1\r\nHOST: x\r\n\r\n";

	(void)state;
	assert_int_equal(run(dns_decode, DNS_QUERY, sizeof DNS_QUERY, 17,
	    40000, 53), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_SENDER, FACT_DOMAIN, 50, "dev.hik-connect.com");
	assert_int_equal(ST.n[STAT_DNS_MSGS], 1);
	/* A response: the question names the receiver's lookup. */
	assert_int_equal(run(dns_decode, DNS_RESP, sizeof DNS_RESP, 17, 53,
	    40000), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_RECEIVER, FACT_DOMAIN, 50, "www.easy4ipcloud.com");
	/* TCP: length prefix, two questions, the second compressed. */
	assert_int_equal(run(dns_decode, DNS_TCP, sizeof DNS_TCP, 6, 40000,
	    53), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_DOMAIN, 50, "api.hik-connect.com");
	expect(1, SUBJ_SENDER, FACT_DOMAIN, 50, "alarm.hik-connect.com");
	/* Negative: SSDP text on port 53. */
	assert_int_equal(run(dns_decode, (const uint8_t *)ssdp,
	    sizeof ssdp - 1, 17, 40000, 53), DEC_UNSUPPORTED);
	assert_int_equal(G.n, 0);
	/* A broken answer: counted, the question still reported. */
	assert_int_equal(run(dns_decode, DNS_RESP, sizeof DNS_RESP - 3, 17,
	    53, 40000), DEC_MALFORMED);
	assert_int_equal(G.n, 1);
	assert_int_equal(ST.n[STAT_DNS_MALFORMED], 1);
	sweep(DNS_QUERY, sizeof DNS_QUERY);
	sweep(DNS_RESP, sizeof DNS_RESP);
	sweep(DNS_TCP, sizeof DNS_TCP);
}

/* Append name (dotted) in wire form at b+*n. */
static void
put_name(uint8_t *b, size_t *n, const char *name)
{
	while (*name) {
		size_t l = strcspn(name, ".");
		b[(*n)++] = (uint8_t)l;
		memcpy(b + *n, name, l);
		*n += l;
		name += l + (name[l] == '.');
	}
	b[(*n)++] = 0;
}

/* Append an RR owned by the question (pointer 0xc00c) or by name. */
static void
put_rr(uint8_t *b, size_t *n, const char *owner, uint16_t type,
    const uint8_t *rd, size_t rdlen)
{
	static const uint8_t tail[] = { 0, 1, 0, 0, 0, 60 };

	if (owner == NULL)
		b[(*n)++] = 0xc0, b[(*n)++] = 0x0c;
	else
		put_name(b, n, owner);
	b[(*n)++] = (uint8_t)(type >> 8);
	b[(*n)++] = (uint8_t)type;
	memcpy(b + *n, tail, sizeof tail);
	*n += sizeof tail;
	b[(*n)++] = (uint8_t)(rdlen >> 8);
	b[(*n)++] = (uint8_t)rdlen;
	memcpy(b + *n, rd, rdlen);
	*n += rdlen;
}

static void
test_dns_answers(void **state)
{
	static const uint8_t v4[4] = { 47, 91, 1, 10 }, other[4] = { 1, 2, 3,
		4 };
	static const uint8_t v6[16] = { 0x24, 0x08, 0x80, 0, [15] = 0x10 };
	uint8_t b[2048], rd[64];
	size_t n = 0, m;
	char t[48];

	(void)state;
	/* x.hik-connect.com CNAME y.cdn.net; y.cdn.net A, AAAA; z.other A
	 * (not in the chain: not reported). */
	memcpy(b, "\x12\x34\x81\x80\x00\x01\x00\x04\x00\x00\x00\x00", 12);
	n = 12;
	put_name(b, &n, "X.hik-connect.com");
	memcpy(b + n, "\x00\x01\x00\x01", 4);
	n += 4;
	m = 0;
	put_name(rd, &m, "y.cdn.net");
	put_rr(b, &n, NULL, 5, rd, m);
	put_rr(b, &n, "y.cdn.net", 1, v4, 4);
	put_rr(b, &n, "y.cdn.net", 28, v6, 16);
	put_rr(b, &n, "z.other", 1, other, 4);
	assert_int_equal(run(dns_decode, b, n, 17, 53, 40000), DEC_OK);
	assert_int_equal(A.n, 2);
	assert_string_equal(A.name[0], "x.hik-connect.com");
	assert_string_equal(A.cname[0], "y.cdn.net");
	assert_string_equal(addr_fmt(&A.a[0], t, sizeof t), "47.91.1.10");
	assert_string_equal(addr_fmt(&A.a[1], t, sizeof t), "2408:8000::10");
	assert_int_equal(ST.n[STAT_DNS_ANSWERS], 2);
	sweep(b, n);
	/* A CNAME loop a -> b -> a ...: cut after DNS_CNAME_MAX links,
	 * counted, nothing reported. */
	memcpy(b, "\x12\x35\x81\x80\x00\x01\x00\x14\x00\x00\x00\x00", 12);
	n = 12;
	put_name(b, &n, "a.loop");
	memcpy(b + n, "\x00\x01\x00\x01", 4);
	n += 4;
	for (unsigned i = 0; i < 20; i++) {
		m = 0;
		put_name(rd, &m, i % 2 ? "a.loop" : "b.loop");
		put_rr(b, &n, i % 2 ? "b.loop" : "a.loop", 5, rd, m);
	}
	assert_int_equal(run(dns_decode, b, n, 17, 53, 40000), DEC_OK);
	assert_int_equal(A.n, 0);
	assert_int_equal(ST.n[STAT_DNS_CNAME_TOO_LONG], 1);
	/* Owners written as a pointer to the question (0xc00c): the
	 * question's address is reported, one after a CNAME is not (the
	 * chain has moved on to the CNAME's target). */
	memcpy(b, "\x12\x36\x81\x80\x00\x01\x00\x03\x00\x00\x00\x00", 12);
	n = 12;
	put_name(b, &n, "Cam.Example");
	memcpy(b + n, "\x00\x01\x00\x01", 4);
	n += 4;
	put_rr(b, &n, NULL, 1, v4, 4);
	m = 0;
	put_name(rd, &m, "edge.cdn.net");
	put_rr(b, &n, NULL, 5, rd, m);
	put_rr(b, &n, NULL, 1, other, 4);
	assert_int_equal(run(dns_decode, b, n, 17, 53, 40000), DEC_OK);
	assert_int_equal(A.n, 1);
	assert_string_equal(A.name[0], "cam.example");
	assert_string_equal(A.cname[0], "");
	assert_string_equal(addr_fmt(&A.a[0], t, sizeof t), "47.91.1.10");
	/* A question that itself ends in a pointer (into the header: offset
	 * 4 is qdcount's zero high byte, the root) is still the owner
	 * 0xc00c points to. */
	n = 12;
	memcpy(b + n, "\x01x\xc0\x04\x00\x01\x00\x01", 8);
	n += 8;
	b[7] = 1;
	put_rr(b, &n, NULL, 1, v4, 4);
	assert_int_equal(run(dns_decode, b, n, 17, 53, 40000), DEC_OK);
	assert_int_equal(A.n, 1);
	assert_string_equal(A.name[0], "x");
	/* An error response (NXDOMAIN) names no address. */
	memcpy(b, "\x12\x34\x81\x83", 4);
	n = 12;
	put_name(b, &n, "x.hik-connect.com");
	memcpy(b + n, "\x00\x01\x00\x01", 4);
	n += 4;
	put_rr(b, &n, NULL, 1, v4, 4);
	b[7] = 1;
	assert_int_equal(run(dns_decode, b, n, 17, 53, 40000), DEC_OK);
	assert_int_equal(A.n, 0);
}

static void
test_dns_pcap(void **state)
{
	struct pkt p;
	size_t n = 0;
	uint8_t *b;

	(void)state;
	b = pcap_payload("D-LinkCam_Setup-A-1-STA.pcap", 29, &p, &n);
	assert_int_equal(run(dns_decode, b, n, 17, p.sport, p.dport), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_SENDER, FACT_DOMAIN, 50, "ntp1.dlink.com");
	free(b);
	/* 19 answers, CNAME and compression: walked, not reported. */
	b = pcap_payload("D-LinkCam_Setup-A-1-STA.pcap", 187, &p, &n);
	assert_int_equal(run(dns_decode, b, n, 17, p.sport, p.dport), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_RECEIVER, FACT_DOMAIN, 50, "signal.mydlink.com");
	sweep(b, n);
	free(b);
}

/* ---- mDNS ------------------------------------------------------- */

static void
test_mdns(void **state)
{
	size_t n = 0;
	uint8_t *b = seed("mdns/announce_hik", &n);

	(void)state;
	assert_int_equal(run(mdns_decode, b, n, 17, 5353, 5353), DEC_OK);
	assert_int_equal(G.n, 4);
	expect(0, SUBJ_SENDER, FACT_NAME, 50, "ipc-7a08.local");
	expect(1, SUBJ_SENDER, FACT_MODEL, 60, "DS-2CD2143G2-I");
	expect(2, SUBJ_SENDER, FACT_VENDOR, 60, "Hikvision");
	expect(3, SUBJ_SENDER, FACT_NAME, 50, "cam2.local");
	assert_int_equal(ST.n[STAT_MDNS_MSGS], 1);
	/* A DNS query is an mDNS query: nothing. */
	assert_int_equal(run(mdns_decode, DNS_QUERY, sizeof DNS_QUERY, 17,
	    5353, 5353), DEC_OK);
	assert_int_equal(G.n, 0);
	/* Cut in the last record: earlier facts kept, counted. */
	assert_int_equal(run(mdns_decode, b, n - 1, 17, 5353, 5353),
	    DEC_MALFORMED);
	assert_int_equal(G.n, 3);
	assert_int_equal(ST.n[STAT_MDNS_MALFORMED], 1);
	sweep(b, n);
	free(b);
}

static void
test_mdns_pcap(void **state)
{
	struct pkt p;
	size_t n = 0;
	uint8_t *b;

	(void)state;
	b = pcap_payload("EdimaxCam1_Setup-A-1-STA.pcap", 5, &p, &n);
	assert_int_equal(run(mdns_decode, b, n, 17, 5353, 5353), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_SENDER, FACT_NAME, 50, "localcam.local");
	sweep(b, n);
	free(b);
	b = pcap_payload("EdimaxCam1_Setup-A-1-STA.pcap", 13, &p, &n);
	assert_int_equal(run(mdns_decode, b, n, 17, 5353, 5353), DEC_OK);
	assert_int_equal(G.n, 0);
	free(b);
	/* A, PTR and SRV name one host: reported once. */
	b = pcap_payload("D-LinkCam_Setup-A-1-STA.pcap", 4, &p, &n);
	assert_int_equal(run(mdns_decode, b, n, 17, 5353, 5353), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_NAME, 50, "dcs-935l-b0c554255b0e.local");
	expect(1, SUBJ_SENDER, FACT_MODEL, 60, "DCS-935L");
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dnsname),
		cmocka_unit_test(test_dnsname_plain),
		cmocka_unit_test(test_dns),
		cmocka_unit_test(test_dns_answers),
		cmocka_unit_test(test_dns_pcap),
		cmocka_unit_test(test_mdns),
		cmocka_unit_test(test_mdns_pcap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
