/* SPDX-License-Identifier: MIT */
/* test_proto_binary.c - DHCP, TLS/X.509, Hikvision SDK 8000, Dahua
 * DVRIP and CS2 PPPP decoders: crafted payloads, real payloads cut from
 * the IoT Sentinel captures (../shared/corpus/net/, andypitcher/
 * IoT_Sentinel, MIT), TLS flights and certificates made with Python ssl
 * and openssl (tests/fuzz/corpus/tls/), negative controls and hostile
 * input (every truncation, forged and malformed certificates). DNS names,
 * DNS and mDNS: test_proto_binary_dns.c. */
#include "proto_binary_util.h"
#include "proto/x509.h"

/* Crafted payloads; the larger ones are read from tests/fuzz/corpus/. */
static const uint8_t CS2_DEVLGN[44] = {
	0xf1, 0x10, 0x00, 0x28, 0x54, 0x4e, 0x50, 0x55, 0x53, 0x41, 0x45, 0x00,
	0x00, 0x01, 0xe2, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x6c, 0x7d, 0xc0, 0xa8, 0x01, 0x09,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static const uint8_t CS2_PUNCH[24] = {
	0xf1, 0x41, 0x00, 0x14, 0x54, 0x4e, 0x50, 0x55, 0x53, 0x41, 0x45, 0x00,
	0x00, 0x01, 0xe2, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x00, 0x00, 0x00,
};

static const uint8_t DVRIP_A4[32] = {
	0xa4, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static const uint8_t DVRIP_F4[87] = {
	0xf4, 0x00, 0x00, 0x00, 0x37, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7b, 0x22, 0x6d, 0x65,
	0x74, 0x68, 0x6f, 0x64, 0x22, 0x3a, 0x22, 0x67, 0x6c, 0x6f, 0x62, 0x61,
	0x6c, 0x2e, 0x6c, 0x6f, 0x67, 0x69, 0x6e, 0x22, 0x2c, 0x22, 0x70, 0x61,
	0x72, 0x61, 0x6d, 0x73, 0x22, 0x3a, 0x7b, 0x22, 0x75, 0x73, 0x65, 0x72,
	0x4e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0x61, 0x64, 0x6d, 0x69, 0x6e,
	0x22, 0x7d, 0x7d,
};

static const uint8_t DVRIP_DHIP[87] = {
	0x20, 0x00, 0x00, 0x00, 0x44, 0x48, 0x49, 0x50, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x37, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x37, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7b, 0x22, 0x6d, 0x65,
	0x74, 0x68, 0x6f, 0x64, 0x22, 0x3a, 0x22, 0x67, 0x6c, 0x6f, 0x62, 0x61,
	0x6c, 0x2e, 0x6c, 0x6f, 0x67, 0x69, 0x6e, 0x22, 0x2c, 0x22, 0x70, 0x61,
	0x72, 0x61, 0x6d, 0x73, 0x22, 0x3a, 0x7b, 0x22, 0x75, 0x73, 0x65, 0x72,
	0x4e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0x61, 0x64, 0x6d, 0x69, 0x6e,
	0x22, 0x7d, 0x7d,
};

static const uint8_t HIK_1E[16] = {
	0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x1e, 0x00, 0x00, 0x00, 0x1e,
	0x00, 0x00, 0x00, 0x00,
};

/* ---- DHCP ------------------------------------------------------- */

static void
test_dhcp(void **state)
{
	size_t n, rn;
	uint8_t *b = seed("dhcp/request_hik", &n);
	uint8_t *relay = seed("dhcp/request_relayed", &rn);

	(void)state;
	assert_int_equal(run(dhcp_decode, b, n, 17, 68, 67), DEC_OK);
	assert_int_equal(G.n, 5);
	expect(0, SUBJ_SENDER, FACT_MAC, 60, "44:19:b6:12:34:56");
	expect(1, SUBJ_SENDER, FACT_DHCP_PRL, 40, "1,3,6,12,15,28,42");
	expect(2, SUBJ_SENDER, FACT_DHCP_VENDOR, 50, "udhcp 1.19.4");
	expect(3, SUBJ_SENDER, FACT_NAME, 50, "DS-2CD2143G2-I");
	expect(4, SUBJ_SENDER, FACT_IP, 40, "192.168.1.64");
	/* Relayed: the client is a stated device, with its MAC. */
	assert_int_equal(run(dhcp_decode, relay, rn, 17, 67, 67), DEC_OK);
	assert_int_equal(G.n, 3);
	expect(0, SUBJ_STATED, FACT_MAC, 60, "44:19:b6:12:34:56");
	expect(1, SUBJ_STATED, FACT_NAME, 50, "cam1");
	expect(2, SUBJ_STATED, FACT_IP, 40, "10.1.2.3");
	/* An option overrunning the end: malformed, earlier facts kept. */
	assert_int_equal(run(dhcp_decode, b, 240 + 3 + 9 + 6 + 5, 17, 68, 67),
	    DEC_MALFORMED);
	assert_int_equal(ST.n[STAT_DHCP_MALFORMED], 1);
	assert_int_equal(G.n, 2);
	expect(1, SUBJ_SENDER, FACT_IP, 40, "192.168.1.64");
	assert_int_equal(run(dhcp_decode, DNS_QUERY, sizeof DNS_QUERY, 17, 68,
	    67), DEC_UNSUPPORTED);
	sweep(b, n);
	sweep(relay, rn);
	/* A reply: counted only. No cookie: not DHCP. */
	b[0] = 2;
	assert_int_equal(run(dhcp_decode, b, n, 17, 67, 68), DEC_OK);
	assert_int_equal(G.n, 0);
	b[0] = 1, b[236] = 0;
	assert_int_equal(run(dhcp_decode, b, n, 17, 68, 67), DEC_UNSUPPORTED);
	assert_int_equal(G.n, 0);
	free(b);
	free(relay);
}

static void
test_dhcp_pcap(void **state)
{
	struct pkt p;
	size_t n = 0;
	uint8_t *b;

	(void)state;
	b = pcap_payload("D-LinkCam_Setup-A-1-STA.pcap", 18, &p, &n);
	assert_int_equal(run(dhcp_decode, b, n, 17, 68, 67), DEC_OK);
	assert_int_equal(G.n, 5);
	expect(0, SUBJ_SENDER, FACT_MAC, 60, "b0:c5:54:25:5b:0e");
	expect(1, SUBJ_SENDER, FACT_DHCP_PRL, 40, "1,3,6,12,15,28,42");
	expect(2, SUBJ_SENDER, FACT_DHCP_VENDOR, 50, "udhcp 1.22.1");
	expect(3, SUBJ_SENDER, FACT_NAME, 50, "DCS-935L");
	expect(4, SUBJ_SENDER, FACT_IP, 40, "10.10.10.37");
	free(b);
	b = pcap_payload("EdimaxCam1_Setup-A-1-STA.pcap", 2, &p, &n);
	assert_int_equal(run(dhcp_decode, b, n, 17, 68, 67), DEC_OK);
	assert_int_equal(G.n, 3);
	expect(0, SUBJ_SENDER, FACT_MAC, 60, "74:da:38:80:7a:08");
	expect(1, SUBJ_SENDER, FACT_DHCP_VENDOR, 50, "udhcp 0.9.8");
	expect(2, SUBJ_SENDER, FACT_DHCP_PRL, 40, "1,3,6,12,15,28,42");
	sweep(b, n);
	free(b);
}

/* ---- TLS and X.509 ---------------------------------------------- */

static void
test_tls_client(void **state)
{
	static const char http[] = "GET / HTTP/1.1\r\n\r\n";
	size_t n = 0;
	uint8_t *b = seed("tls/client_hello_sni", &n);

	(void)state;
	assert_int_equal(run(tls_decode, b, n, 6, 50000, 443), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_SENDER, FACT_DOMAIN, 60, "dev.hik-connect.com");
	assert_int_equal(ST.n[STAT_TLS_MSGS], 1);
	sweep(b, n);
	free(b);
	/* An SNI extension claiming 64 KiB, and a name claiming 255 bytes,
	 * inside a 65-byte hello: lengths past the segment are clamped (a
	 * hello cut by the segment end looks the same, so it is not called
	 * malformed), and the name that does not fit is not reported. */
	{
		enum dec r;
		static const uint8_t head[] = { 0x16, 0x03, 0x01, 0x00, 0x38,
			0x01, 0x00, 0x00, 0x34, 0x03, 0x03 };
		static const uint8_t tail[] = { 0x00, 0x00, 0x02, 0x13, 0x01,
			0x01, 0x00, 0x00, 0x0b, 0x00, 0x00, 0xff, 0xff, 0xff,
			0xfd, 0x00, 0xff, 0xfa, 'a', '.', 'c', 'n' };
		uint8_t big[sizeof head + 32 + sizeof tail];

		memcpy(big, head, sizeof head);
		memset(big + sizeof head, 0x5a, 32);
		memcpy(big + sizeof head + 32, tail, sizeof tail);
		r = run(tls_decode, big, sizeof big, 6, 50000, 443);
		assert_int_equal(r, DEC_OK);
		assert_int_equal(G.n, 0);
		assert_int_equal(ST.n[STAT_TLS_MSGS], 1);
		sweep(big, sizeof big);
	}
	assert_int_equal(run(tls_decode, (const uint8_t *)http,
	    sizeof http - 1, 6, 50000, 443), DEC_UNSUPPORTED);
	assert_int_equal(run(tls_decode, DNS_QUERY, sizeof DNS_QUERY, 6,
	    50000, 443), DEC_UNSUPPORTED);
}

static void
test_tls_server(void **state)
{
	size_t n = 0;
	uint8_t *b;

	(void)state;
	b = seed("tls/server_tls12_hikvision", &n);
	assert_int_equal(run(tls_decode, b, n, 6, 443, 50000), DEC_OK);
	assert_int_equal(G.n, 3);
	expect(0, SUBJ_SENDER, FACT_CERT_SUBJECT, 80, "CN=www.hikvision.com,"
	    "OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN");
	expect(1, SUBJ_SENDER, FACT_CERT_ISSUER, 80, "CN=www.hikvision.com,"
	    "OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN");
	expect(2, SUBJ_SENDER, FACT_VENDOR, 85, "Hikvision");
	sweep(b, n);
	free(b);
	b = seed("tls/server_tls12_dahua", &n);
	assert_int_equal(run(tls_decode, b, n, 6, 443, 50000), DEC_OK);
	assert_int_equal(G.n, 3);
	expect(0, SUBJ_SENDER, FACT_CERT_SUBJECT, 80, "CN=192.168.1.108,C=CN");
	expect(1, SUBJ_SENDER, FACT_CERT_ISSUER, 80, "CN=Dahua Device NVR CA,"
	    "O=Zhejiang Dahua Technology Co.\\,Ltd.,C=CN");
	expect(2, SUBJ_SENDER, FACT_VENDOR, 85, "Dahua");
	free(b);
	/* TLS 1.3: the certificate is encrypted. */
	b = seed("tls/server_tls13", &n);
	assert_int_equal(run(tls_decode, b, n, 6, 443, 50000), DEC_OK);
	assert_int_equal(G.n, 0);
	free(b);
}

static void
test_tls_pcap(void **state)
{
	struct pkt p;
	size_t n = 0;
	uint8_t *b;

	(void)state;
	/* The certificate runs past this segment: names still read. */
	b = pcap_payload("D-LinkCam_Setup-A-1-STA.pcap", 193, &p, &n);
	assert_int_equal(run(tls_decode, b, n, 6, p.sport, p.dport), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_CERT_SUBJECT, 80, "CN=*.auto.mydlink.com,"
	    "O=D-Link Corporation,OU=IT Dept.,L=Taipei,ST=Taiwan,C=TW");
	expect(1, SUBJ_SENDER, FACT_CERT_ISSUER, 80, "CN=GlobalSign "
	    "Organization Validation CA - SHA256 - G2,O=GlobalSign nv-sa,C=BE");
	sweep(b, n);
	free(b);
}

static void
test_x509_hostile(void **state)
{
	size_t n, dn;
	uint8_t *rec = seed("tls/cert_forged_cn", &n), *der = rec + 15;
	struct x509_info xi;

	(void)state;
	/* A CN forging ",O=HIKVISION": escaped, and no vendor. */
	assert_int_equal(run(tls_decode, rec, n, 6, 443, 50000), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_CERT_SUBJECT, 80,
	    "O=Acme,CN=evil\\,O=HIKVISION");
	sweep(rec, n);
	/* Every truncation of the DER; long lengths and bad tags. */
	dn = n - 15;
	for (size_t k = 0; k <= dn; k++) {
		uint8_t *d = malloc(k + 1);
		assert_non_null(d);
		memcpy(d, der, k);
		(void)x509_names(cur_make(d, k), &xi);
		free(d);
	}
	der[1] = 0x85;
	assert_false(x509_names(cur_make(der, dn), &xi));
	der[1] = 0x80;
	assert_false(x509_names(cur_make(der, dn), &xi));
	der[1] = 0x82, der[0] = 0x1f;
	assert_false(x509_names(cur_make(der, dn), &xi));
	/* Deep nesting: a SEQUENCE tower is no certificate. */
	memset(der, 0x30, dn);
	for (size_t i = 1; i < dn; i += 2)
		der[i] = (uint8_t)(dn - i - 1 > 127 ? 0x81 : dn - i - 1);
	assert_false(x509_names(cur_make(der, dn), &xi));
	free(rec);
}

/* ---- Hikvision SDK 8000, DVRIP, CS2 ------------------------------ */

static void
test_hiksdk(void **state)
{
	uint8_t b[17];

	(void)state;
	assert_int_equal(run(hiksdk_decode, HIK_1E, 16, 6, 8000, 50000),
	    DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_PROTOCOL, 70, "hik-sdk-8000");
	expect(1, SUBJ_SENDER, FACT_VENDOR, 70, "Hikvision");
	assert_int_equal(ST.n[STAT_HIKSDK_MSGS], 1);
	memcpy(b, HIK_1E, 16);
	b[7] = b[11] = 0x0d;
	assert_int_equal(run(hiksdk_decode, b, 16, 6, 8000, 50000), DEC_OK);
	assert_int_equal(G.n, 2);
	/* Towards the port, longer, or another code: nothing. */
	assert_int_equal(run(hiksdk_decode, HIK_1E, 16, 6, 50000, 8000),
	    DEC_UNSUPPORTED);
	b[16] = 0;
	assert_int_equal(run(hiksdk_decode, b, 17, 6, 8000, 50000),
	    DEC_UNSUPPORTED);
	b[7] = 0x0e;
	assert_int_equal(run(hiksdk_decode, b, 16, 6, 8000, 50000),
	    DEC_UNSUPPORTED);
	assert_int_equal(run(hiksdk_decode, DVRIP_A4, 16, 6, 8000, 50000),
	    DEC_UNSUPPORTED);
	assert_int_equal(G.n, 0);
}

static void
test_dvrip(void **state)
{
	uint8_t b[sizeof DVRIP_A4 + sizeof DVRIP_F4];

	(void)state;
	/* Snort SID 45320 query, client to 37777: the receiver. */
	assert_int_equal(run(dvrip_decode, DVRIP_A4, sizeof DVRIP_A4, 6,
	    50000, 37777), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_RECEIVER, FACT_PROTOCOL, 70, "dahua-dvrip");
	expect(1, SUBJ_RECEIVER, FACT_VENDOR, 70, "Dahua");
	assert_int_equal(run(dvrip_decode, DVRIP_F4, sizeof DVRIP_F4, 6,
	    37777, 50000), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_PROTOCOL, 70, "dahua-dvrip");
	/* Two messages in one segment. */
	memcpy(b, DVRIP_A4, sizeof DVRIP_A4);
	memcpy(b + sizeof DVRIP_A4, DVRIP_F4, sizeof DVRIP_F4);
	assert_int_equal(run(dvrip_decode, b, sizeof b, 6, 50000, 37777),
	    DEC_OK);
	/* DHIP on 37777, wrong length, unknown command: nothing. */
	assert_int_equal(run(dvrip_decode, DVRIP_DHIP, sizeof DVRIP_DHIP, 6,
	    50000, 37777), DEC_UNSUPPORTED);
	assert_int_equal(run(dvrip_decode, DVRIP_F4, sizeof DVRIP_F4 - 1, 6,
	    50000, 37777), DEC_UNSUPPORTED);
	memcpy(b, DVRIP_A4, sizeof DVRIP_A4);
	b[0] = 0xa5;
	assert_int_equal(run(dvrip_decode, b, sizeof DVRIP_A4, 6, 50000,
	    37777), DEC_UNSUPPORTED);
	assert_int_equal(G.n, 0);
	sweep(DVRIP_F4, sizeof DVRIP_F4);
}

static void
test_cs2(void **state)
{
	uint8_t b[sizeof CS2_DEVLGN];

	(void)state;
	assert_int_equal(run(cs2_decode, CS2_DEVLGN, sizeof CS2_DEVLGN, 17,
	    50000, 32100), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_PROTOCOL, 70, "cs2-p2p");
	expect(1, SUBJ_SENDER, FACT_SERIAL, 60, "TNPUSAE-123456-ABCDE");
	assert_int_equal(ST.n[STAT_CS2_MSGS], 1);
	/* PUNCH_PKT: the id may be the peer's, so no serial. */
	assert_int_equal(run(cs2_decode, CS2_PUNCH, sizeof CS2_PUNCH, 17,
	    32108, 50000), DEC_OK);
	assert_int_equal(G.n, 1);
	/* A prefix that is not an upper-case word: no serial. */
	memcpy(b, CS2_DEVLGN, sizeof b);
	b[5] = 'n';
	assert_int_equal(run(cs2_decode, b, sizeof b, 17, 50000, 32100),
	    DEC_OK);
	assert_int_equal(G.n, 1);
	/* Length field wrong, unknown type, other magic: nothing. */
	assert_int_equal(run(cs2_decode, CS2_DEVLGN, sizeof CS2_DEVLGN - 1, 17,
	    50000, 32100), DEC_UNSUPPORTED);
	b[1] = 0x77;
	assert_int_equal(run(cs2_decode, b, sizeof b, 17, 50000, 32100),
	    DEC_UNSUPPORTED);
	assert_int_equal(run(cs2_decode, DNS_QUERY, sizeof DNS_QUERY, 17,
	    50000, 32100), DEC_UNSUPPORTED);
	assert_int_equal(G.n, 0);
	/* DEV_LGN too short for a device id: malformed. */
	memcpy(b, CS2_DEVLGN, 4 + 10);
	b[2] = 0, b[3] = 10;
	assert_int_equal(run(cs2_decode, b, 14, 17, 50000, 32100),
	    DEC_MALFORMED);
	sweep(CS2_DEVLGN, sizeof CS2_DEVLGN);
}

/* The binary decoders stay silent on every other sample. */
static void
test_cross_negative(void **state)
{
	static const char *const s[] = { "dns/resp_cname",
		"mdns/announce_hik", "dhcp/request_hik", "cs2/dev_lgn",
		"dvrip/f4_json_login", "hiksdk/reply_1e" };

	(void)state;
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		size_t n = 0;
		uint8_t *b = seed(s[i], &n);

		if (i != 5)
			assert_int_equal(run(hiksdk_decode, b, n, 6, 8000, 1),
			    DEC_UNSUPPORTED);
		if (i != 4)
			assert_int_equal(run(dvrip_decode, b, n, 6, 37777, 1),
			    DEC_UNSUPPORTED);
		if (i != 3)
			assert_int_equal(run(cs2_decode, b, n, 17, 32100, 1),
			    DEC_UNSUPPORTED);
		assert_int_equal(run(tls_decode, b, n, 6, 443, 1),
		    DEC_UNSUPPORTED);
		assert_int_equal(G.n, 0);
		free(b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dhcp),
		cmocka_unit_test(test_dhcp_pcap),
		cmocka_unit_test(test_tls_client),
		cmocka_unit_test(test_tls_server),
		cmocka_unit_test(test_tls_pcap),
		cmocka_unit_test(test_x509_hostile),
		cmocka_unit_test(test_hiksdk),
		cmocka_unit_test(test_dvrip),
		cmocka_unit_test(test_cs2),
		cmocka_unit_test(test_cross_negative),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
