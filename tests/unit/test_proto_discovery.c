/* SPDX-License-Identifier: MIT */
/* test_proto_discovery.c - the XML and JSON scanners and the discovery
 * decoders (SADP, layer-2 SADP, DHIP, Dahua 5050, WS-Discovery) on the
 * public samples (../shared/corpus/net/, see SOURCES.md there) and on
 * crafted payloads: exact facts, negative controls, every truncation,
 * oversized, unterminated and deeply nested input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "proto/jsonscan.h"
#include "proto/proto.h"
#include "proto/xmlscan.h"

#include "factcheck.h"

static unsigned
count_field(unsigned field)
{
	unsigned k = 0;

	for (unsigned i = 0; i < G.n; i++)
		k += G.f[i].field == field;
	return k;
}

/* load: a corpus sample into buf (cap bytes); 0 and skip if absent. */
static size_t
load(const char *name, uint8_t *buf, size_t cap)
{
	char path[256];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "../shared/corpus/net/%s", name);
	f = fopen(path, "rb");
	if (f == NULL) {
		printf("sample %s absent: skipped\n", path);
		skip();
	}
	n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

/* every_length: the decoder on each prefix of p must not crash and must
 * report only well-formed facts (checked in on_fact). */
static void
every_length(proto_fn fn, const void *p, size_t n)
{
	for (size_t i = 0; i <= n; i++)
		(void)run(fn, p, i);
}

/* ------------------------------------------------------------------ */
/* xmlscan, jsonscan */

static void
xml_scanner(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\r\n<!-- <MAC>no</MAC> -->"
	    "<d:Root a=\"x>y\" b='1'>\r\n <d:Scopes> a&amp;b </d:Scopes>"
	    "<![CDATA[<MAC>no</MAC>]]><e/><f x=\"1\"/>< notatag"
	    "<MAC>00-11</MAC></d:Root><tail";
	struct xml_scan s;
	struct xml_el el;
	const char *v;
	size_t n;

	(void)state;
	xml_init(&s, cur_make((const uint8_t *)doc, sizeof doc - 1));
	assert_true(xml_next(&s, &el));
	assert_true(xml_name_is(&el, "root"));
	assert_int_equal(el.attr_len, strlen(" a=\"x>y\" b='1'"));
	assert_true(xml_next(&s, &el));
	assert_true(xml_name_is(&el, "Scopes"));
	assert_int_equal(el.text_len, 7);
	assert_memory_equal(el.text, "a&amp;b", 7);
	assert_true(xml_next(&s, &el) && el.end);
	assert_true(xml_next(&s, &el) && el.empty);
	assert_true(xml_name_is(&el, "e"));
	assert_true(xml_next(&s, &el) && el.empty && el.attr_len == 6);
	assert_true(xml_next(&s, &el) && xml_name_is(&el, "MAC"));
	assert_memory_equal(el.text, "00-11", 5);
	assert_true(xml_next(&s, &el) && el.end);
	assert_true(xml_next(&s, &el) && el.end && xml_name_is(&el, "Root"));
	assert_false(xml_next(&s, &el)); /* "<tail" unterminated */
	assert_true(s.bad);
	assert_true(xml_find(cur_make((const uint8_t *)doc, sizeof doc - 1),
	    "mac", &v, &n));
	assert_int_equal(n, 5);
	assert_false(xml_find(cur_make((const uint8_t *)doc, 10), "MAC", &v,
	    &n));
}

static void
xml_helpers(void **state)
{
	const char *fw, *b;
	size_t fn, bn;

	(void)state;
	xml_split_build("V5.5.6build 180326", 18, &fw, &fn, &b, &bn);
	assert_int_equal(fn, 6);
	assert_memory_equal(fw, "V5.5.6", 6);
	assert_int_equal(bn, 12);
	assert_memory_equal(b, "build 180326", 12);
	xml_split_build(" 4.001.0000005.0,build:2020-11-17 ", 34, &fw, &fn,
	    &b, &bn);
	assert_int_equal(fn, 15);
	assert_memory_equal(b, "build:2020-11-17", bn);
	xml_split_build("2.400.0.8", 9, &fw, &fn, &b, &bn);
	assert_int_equal(fn, 9);
	assert_int_equal(bn, 0);
	assert_true(xml_zero_addr("0.0.0.0", 7));
	assert_true(xml_zero_addr("00-00-00-00-00-00", 17));
	assert_false(xml_zero_addr("10.0.0.1", 8));
	assert_true(xml_ieq("ProbeMatch", 10, "probematch"));
	assert_false(xml_ieq("ProbeMatc", 9, "probematch"));
	assert_null(xml_istr("abc", 3, "abcd"));
}

/* A linear scan: 64 KiB of hostile XML in well under a second. */
static void
xml_large_is_linear(void **state)
{
	size_t n = 65536;
	char *b = malloc(n);
	struct xml_scan s;
	struct xml_el el;
	unsigned k = 0;
	clock_t t0 = clock();

	(void)state;
	assert_non_null(b);
	for (size_t i = 0; i < n; i++)
		b[i] = "<a x='1'>-</a><!--x-->"[i % 22];
	xml_init(&s, cur_make((const uint8_t *)b, n));
	while (xml_next(&s, &el))
		k++;
	assert_true(k > 5000);
	memset(b, '<', n); /* every byte starts a nameless tag */
	xml_init(&s, cur_make((const uint8_t *)b, n));
	assert_false(xml_next(&s, &el));
	memset(b, '-', n);
	memcpy(b, "<!--", 4); /* unterminated comment */
	xml_init(&s, cur_make((const uint8_t *)b, n));
	assert_false(xml_next(&s, &el));
	assert_true(s.bad);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	free(b);
}

static void
json_scanner(void **state)
{
	static const char doc[] =
	    "{ \"a\" : { \"IPAddress\" : \"1.2.3.4\" }, \"b\" : [ 1, true,"
	    " \"x\\\"y\" , { \"k\" : null } ], \"v6\" : \"fe80::1\\/64\" }";
	struct json_scan s;
	struct json_ev ev;
	const char *v;
	size_t n;

	(void)state;
	json_init(&s, cur_make((const uint8_t *)doc, sizeof doc - 1));
	assert_true(json_next(&s, &ev) && ev.kind == JSON_OBJECT);
	assert_true(json_next(&s, &ev) && ev.kind == JSON_OBJECT);
	assert_true(json_key_is(&ev, "a") && ev.depth == 1);
	assert_true(json_next(&s, &ev) && ev.kind == JSON_STRING);
	assert_true(json_parent_is(&ev, "a") && ev.depth == 2);
	assert_int_equal(ev.val_len, 7);
	assert_true(json_next(&s, &ev) && ev.kind == JSON_END);
	assert_true(json_next(&s, &ev) && ev.kind == JSON_ARRAY);
	assert_true(json_next(&s, &ev) && ev.kind == JSON_LITERAL);
	assert_null(ev.key);
	assert_true(json_parent_is(&ev, "b"));
	assert_true(json_next(&s, &ev) && ev.val_len == 4);
	assert_true(json_next(&s, &ev) && ev.val_len == 4); /* x\"y raw */
	while (json_next(&s, &ev))
		;
	assert_false(s.malformed);
	assert_true(json_find(cur_make((const uint8_t *)doc, sizeof doc - 1),
	    "v6", NULL, &v, &n));
	assert_int_equal(n, 11);
	assert_memory_equal(v, "fe80::1\\/64", 11);
	assert_true(json_find(cur_make((const uint8_t *)doc, sizeof doc - 1),
	    "IPAddress", "A", &v, &n));
	assert_false(json_find(cur_make((const uint8_t *)doc, sizeof doc - 1),
	    "IPAddress", "b", &v, &n));
}

static void
json_hostile(void **state)
{
	static const char *const bad[] = {
		"{\"a\" : \"unterminated", "{\"a\" \"b\"}", "{\"a\":1]",
		"[1,2}", "{\"a\":\"1.0, \"b\" : 2}", "}", "{\"a\":\"x\\",
		"{\"a\":}",
	};
	struct json_scan s;
	struct json_ev ev;
	char deep[200];
	unsigned k;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		json_init(&s, cur_make((const uint8_t *)bad[i],
		    strlen(bad[i])));
		for (k = 0; k < 100 && json_next(&s, &ev); k++)
			assert_true(ev.kind != JSON_STRING ||
			    !json_key_is(&ev, "a"));
		assert_true(s.malformed);
	}
	memset(deep, '[', sizeof deep);
	json_init(&s, cur_make((const uint8_t *)deep, sizeof deep));
	for (k = 0; json_next(&s, &ev); k++)
		;
	assert_int_equal(k, JSON_MAX_DEPTH);
	assert_true(s.malformed);
}

/* ------------------------------------------------------------------ */
/* SADP */

static const char sadp_ds2cd[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
    "<ProbeMatch>\r\n"
    "<Uuid>8E1C4F2A-3B5D-4C6E-9F70-4447CC37CE81</Uuid>\r\n"
    "<Types>inquiry</Types>\r\n"
    "<DeviceType>142378</DeviceType>\r\n"
    "<DeviceDescription>DS-2CD2320D-I</DeviceDescription>\r\n"
    "<DeviceSN>DS-2CD2320D-I20180919AACHC52932642</DeviceSN>\r\n"
    "<CommandPort>8000</CommandPort>\r\n"
    "<HttpPort>80</HttpPort>\r\n"
    "<MAC>44-47-cc-37-ce-81</MAC>\r\n"
    "<IPv4Address>192.168.1.64</IPv4Address>\r\n"
    "<IPv4SubnetMask>255.255.255.0</IPv4SubnetMask>\r\n"
    "<IPv4Gateway>192.168.1.1</IPv4Gateway>\r\n"
    "<DHCP>false</DHCP>\r\n"
    "<SoftwareVersion>V5.5.6build 180326</SoftwareVersion>\r\n"
    "<DSPVersion>V7.3 build 180315</DSPVersion>\r\n"
    "<BootTime>2019-02-11 08:14:55</BootTime>\r\n"
    "<Activated>false</Activated>\r\n"
    "<SupportHCPlatform>true</SupportHCPlatform>\r\n"
    "<HCPlatformEnable>true</HCPlatformEnable>\r\n"
    "<OEMInfo>LTS</OEMInfo>\r\n"
    "<DetailOEMCode>10011</DetailOEMCode>\r\n"
    "<Salt>4e7c1d9a</Salt>\r\n"
    "</ProbeMatch>\r\n";

static void
sadp_sample(void **state)
{
	uint8_t b[4096];
	size_t n;

	(void)state;
	n = load("Hikvision.selftest", b, sizeof b);
	assert_int_equal(run(sadp_decode, b, n), DEC_OK);
	has(SUBJ_STATED, FACT_VENDOR, 90, "Hikvision");
	has(SUBJ_STATED, FACT_MAC, 95, "00-11-22-33-44-55");
	has(SUBJ_STATED, FACT_IP, 95, "240.0.5.0");
	has(SUBJ_STATED, FACT_MODEL, 95, "Virtual");
	has(SUBJ_STATED, FACT_SERIAL, 95, "Virtual-123456789");
	has(SUBJ_STATED, FACT_FIRMWARE, 95, "V1.0");
	has(SUBJ_STATED, FACT_BUILD, 95, "build 200101");
	has(SUBJ_STATED, FACT_ACTIVATED, 95, "true");
	has(SUBJ_STATED, FACT_CLOUD, 95, "flase");
	nfacts(9);
	assert_int_equal(ST.n[STAT_SADP_MSGS], 1);
	assert_int_equal(ST.n[STAT_SADP_MALFORMED], 0);
	every_length(sadp_decode, b, n);
}

static void
sadp_crafted(void **state)
{
	(void)state;
	assert_int_equal(run_s(sadp_decode, sadp_ds2cd), DEC_OK);
	has(SUBJ_STATED, FACT_MODEL, 95, "DS-2CD2320D-I");
	has(SUBJ_STATED, FACT_SERIAL, 95, "DS-2CD2320D-I20180919AACHC52932642");
	has(SUBJ_STATED, FACT_MAC, 95, "44-47-cc-37-ce-81");
	has(SUBJ_STATED, FACT_IP, 95, "192.168.1.64");
	has(SUBJ_STATED, FACT_FIRMWARE, 95, "V5.5.6");
	has(SUBJ_STATED, FACT_BUILD, 95, "build 180326");
	has(SUBJ_STATED, FACT_ACTIVATED, 95, "false");
	has(SUBJ_STATED, FACT_CLOUD, 95, "true");
	has(SUBJ_STATED, FACT_OEM, 90, "LTS");
	has(SUBJ_STATED, FACT_OEM, 90, "10011");
	has(SUBJ_STATED, FACT_VENDOR, 90, "Hikvision");
	nfacts(11);
	every_length(sadp_decode, sadp_ds2cd, sizeof sadp_ds2cd - 1);
}

static void
sadp_probe_hello_and_odd(void **state)
{
	char big[70000];
	size_t o;

	(void)state;
	assert_int_equal(run_s(sadp_decode,
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?><Probe><Uuid>"
	    "{5B1C9E1A-6E4C-4BA4-8C8F-0D1F6E0B2A11}</Uuid><Types>inquiry"
	    "</Types></Probe>"), DEC_OK);
	has(SUBJ_SENDER, FACT_PROTOCOL, 60, "sadp-probe");
	nfacts(1);
	/* Hello, no address stated: facts for the sender; unterminated. */
	assert_int_equal(run_s(sadp_decode,
	    "\xef\xbb\xbf<Hello><DeviceDescription>DS-7608NI-K2"
	    "</DeviceDescription><MAC>00-00-00-00-00-00</MAC><SoftwareVersion>"
	    "V4.1.50build 191030</SoftwareVersion><Activated>tr"),
	    DEC_MALFORMED);
	has(SUBJ_SENDER, FACT_MODEL, 95, "DS-7608NI-K2");
	has(SUBJ_SENDER, FACT_FIRMWARE, 95, "V4.1.50");
	has(SUBJ_SENDER, FACT_BUILD, 95, "build 191030");
	has(SUBJ_SENDER, FACT_VENDOR, 90, "Hikvision");
	nfacts(4); /* "tr" may be cut short: not reported */
	assert_int_equal(ST.n[STAT_SADP_MALFORMED], 1);
	/* Entities raw, NUL inside a value kept, oversized value capped. */
	o = (size_t)snprintf(big, sizeof big, "<ProbeMatch><MAC>a&amp;b</MAC>"
	    "<DeviceSN>");
	memset(big + o, 'S', 60000);
	o += 60000;
	o += (size_t)snprintf(big + o, sizeof big - o, "</DeviceSN>"
	    "<DeviceDescription>X");
	big[o++] = '\0';
	o += (size_t)snprintf(big + o, sizeof big - o, "Y</DeviceDescription>"
	    "</ProbeMatch>");
	assert_int_equal(run(sadp_decode, big, o), DEC_OK);
	has(SUBJ_STATED, FACT_MAC, 95, "a&amp;b");
	for (unsigned i = 0; i < G.n; i++) {
		if (G.f[i].field == FACT_SERIAL)
			assert_int_equal(G.f[i].len, 256);
		if (G.f[i].field == FACT_MODEL)
			assert_memory_equal(G.f[i].val, "X\0Y", 3);
	}
	assert_int_equal(count_field(FACT_SERIAL), 1);
}

static void
sadp_negative(void **state)
{
	uint8_t b[4096];
	size_t n;

	(void)state;
	assert_int_equal(run_s(sadp_decode, ""), DEC_UNSUPPORTED);
	assert_int_equal(run_s(sadp_decode, "<html><body>hi</body></html>"),
	    DEC_UNSUPPORTED);
	assert_int_equal(run_s(sadp_decode, "NOTIFY * HTTP/1.1\r\n\r\n"),
	    DEC_UNSUPPORTED);
	assert_int_equal(run_s(sadp_decode, "{\"ProbeMatch\":1}"),
	    DEC_UNSUPPORTED);
	nfacts(0);
	n = load("Wsdiscovery.selftest", b, sizeof b);
	assert_int_equal(run(sadp_decode, b, n), DEC_UNSUPPORTED);
	nfacts(0);
	assert_int_equal(ST.n[STAT_SADP_MSGS], 0);
}

/* ------------------------------------------------------------------ */
/* Layer-2 SADP */

static const uint8_t l2_reply[] = {
	0x21, 0x01, 0x01, 0xf6, 0x00, 0x00, 0x00, 0x2a, 0x06, 0x04, 0x04,
	0x00, 0x5a, 0x3c,
	0x44, 0x19, 0xb6, 0x12, 0x34, 0x56, 192, 168, 1, 64,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0,
	255, 255, 255, 0,
	0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x46, 0x19, 0xb6, 0xff, 0xfe, 0x12,
	0x34, 0x56,
};

static const uint8_t l2_inquiry[] = {
	0x21, 0x02, 0x01, 0x42, 0x00, 0x00, 0x00, 0x2a, 0x06, 0x04, 0x03,
	0x00, 0x11, 0x22,
	0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 10, 0, 0, 5,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0,
	255, 255, 255, 0,
};

static void
sadp_l2_frames(void **state)
{
	uint8_t b[sizeof l2_reply];

	(void)state;
	assert_int_equal(run(sadp_l2_decode, l2_reply, sizeof l2_reply),
	    DEC_OK);
	has(SUBJ_SENDER, FACT_PROTOCOL, 85, "sadp-l2");
	has(SUBJ_STATED, FACT_VENDOR, 85, "Hikvision");
	has(SUBJ_STATED, FACT_MAC, 85, "44:19:b6:12:34:56");
	has(SUBJ_STATED, FACT_IP, 85, "192.168.1.64");
	nfacts(4);
	assert_int_equal(ST.n[STAT_SADP_L2_MSGS], 1);
	assert_int_equal(run(sadp_l2_decode, l2_inquiry, sizeof l2_inquiry),
	    DEC_OK);
	has(SUBJ_SENDER, FACT_PROTOCOL, 85, "sadp-l2");
	nfacts(1);
	assert_int_equal(run(sadp_l2_decode, l2_reply, 20), DEC_TRUNC);
	assert_int_equal(ST.n[STAT_SADP_L2_MALFORMED], 1);
	nfacts(1);
	memcpy(b, l2_reply, sizeof b);
	b[0] = 0x45; /* an IPv4 header, not SADP */
	assert_int_equal(run(sadp_l2_decode, b, sizeof b), DEC_UNSUPPORTED);
	nfacts(0);
	memcpy(b, l2_reply, sizeof b);
	memset(b + 14, 0, 10); /* no address: nothing stated */
	assert_int_equal(run(sadp_l2_decode, b, sizeof b), DEC_OK);
	nfacts(1);
	every_length(sadp_l2_decode, l2_reply, sizeof l2_reply);
}

/* ------------------------------------------------------------------ */
/* DHIP */

/* dhip_frame: a DHIP header for body into out; returns the length. */
static size_t
dhip_frame(uint8_t *out, const char *body)
{
	size_t n = strlen(body);

	memset(out, 0, 32);
	out[0] = 0x20;
	memcpy(out + 4, "DHIP", 4);
	out[8] = 0x11;
	out[16] = (uint8_t)n, out[17] = (uint8_t)(n >> 8);
	out[24] = (uint8_t)n, out[25] = (uint8_t)(n >> 8);
	memcpy(out + 32, body, n);
	return 32 + n;
}

static const char dhip_lorex[] =
    "{ \"mac\" : \"e0:50:8b:1a:2b:3c\", \"method\" : \"client.notifyDevInfo\","
    " \"params\" : { \"deviceInfo\" : { \"AlarmInputChannels\" : 1,"
    " \"DeviceClass\" : \"IPC\", \"DeviceType\" : \"LNB8005\","
    " \"HttpPort\" : 80, \"IPv4Address\" : { \"DefaultGateway\" :"
    " \"192.168.1.1\", \"DhcpEnable\" : true, \"IPAddress\" : "
    "\"192.168.1.108\", \"SubnetMask\" : \"255.255.255.0\" },"
    " \"IPv6Address\" : { \"IPAddress\" : \"fe80::e250:8bff:fe1a:2b3c\\/64\""
    " }, \"Init\" : 2, \"MachineName\" : \"Front Door\", \"Port\" : 37777,"
    " \"SerialNo\" : \"4M0747EPAA1D284\", \"Vendor\" : \"LOREX\","
    " \"Version\" : \"2.622.0000000.28.R, Build Date 2018-04-13\" } } }\n";

static void
dhip_sample(void **state)
{
	uint8_t b[4096];
	size_t n;

	(void)state;
	n = load("Dahua2.selftest", b, sizeof b);
	/* "Version" : "1.0000, -- the broken string is not reported. */
	assert_int_equal(run(dhip_decode, b, n), DEC_MALFORMED);
	has(SUBJ_STATED, FACT_VENDOR, 90, "Dahua");
	has(SUBJ_STATED, FACT_MAC, 95, "00:11:22:33:44:55");
	has(SUBJ_STATED, FACT_IP, 95, "240.0.4.0");
	has(SUBJ_STATED, FACT_MODEL, 95, "Virtual (JSON)");
	has(SUBJ_STATED, FACT_SERIAL, 95, "123456789");
	has(SUBJ_STATED, FACT_KIND, 90, "V");
	has(SUBJ_STATED, FACT_NAME, 80, "Virtual");
	has(SUBJ_STATED, FACT_BRAND, 85, "General");
	nfacts(8);
	assert_int_equal(ST.n[STAT_DHIP_MSGS], 1);
	assert_int_equal(ST.n[STAT_DHIP_MALFORMED], 1);
	every_length(dhip_decode, b, n);
}

static void
dhip_crafted(void **state)
{
	uint8_t b[4096];
	size_t n = dhip_frame(b, dhip_lorex);

	(void)state;
	assert_int_equal(run(dhip_decode, b, n), DEC_OK);
	has(SUBJ_STATED, FACT_VENDOR, 90, "Dahua");
	has(SUBJ_STATED, FACT_MAC, 95, "e0:50:8b:1a:2b:3c");
	has(SUBJ_STATED, FACT_IP, 95, "192.168.1.108");
	has(SUBJ_STATED, FACT_MODEL, 95, "LNB8005");
	has(SUBJ_STATED, FACT_SERIAL, 95, "4M0747EPAA1D284");
	has(SUBJ_STATED, FACT_FIRMWARE, 95, "2.622.0000000.28.R");
	has(SUBJ_STATED, FACT_BUILD, 95, "Build Date 2018-04-13");
	has(SUBJ_STATED, FACT_KIND, 90, "IPC");
	has(SUBJ_STATED, FACT_NAME, 80, "Front Door");
	has(SUBJ_STATED, FACT_BRAND, 85, "LOREX");
	has(SUBJ_STATED, FACT_ACTIVATED, 70, "true");
	nfacts(11);
	assert_int_equal(ST.n[STAT_DHIP_MALFORMED], 0);
	/* Two frames in one segment: two stated devices. */
	n += dhip_frame(b + n, dhip_lorex);
	assert_int_equal(run(dhip_decode, b, n), DEC_OK);
	has(SUBJ_STATED + 1, FACT_SERIAL, 95, "4M0747EPAA1D284");
	nfacts(22);
	every_length(dhip_decode, b, n);
}

static void
dhip_search_login_and_hostile(void **state)
{
	uint8_t b[4096];
	char deep[300];
	size_t n;

	(void)state;
	n = dhip_frame(b, "{\"method\":\"DHDiscover.search\",\"params\":"
	    "{\"mac\":\"\",\"uni\":1}}\n");
	assert_int_equal(run(dhip_decode, b, n), DEC_OK);
	has(SUBJ_SENDER, FACT_PROTOCOL, 60, "dhip-search");
	nfacts(1);
	n = dhip_frame(b, "{\"id\":2,\"method\":\"global.login\",\"params\":"
	    "{\"userName\":\"admin\",\"password\":\"\",\"clientType\":\"Web3.0\","
	    "\"loginType\":\"Direct\"},\"session\":0}");
	PK.dport = 37777;
	assert_int_equal(run(dhip_decode, b, n), DEC_OK);
	has(SUBJ_RECEIVER, FACT_PROTOCOL, 85, "dahua-dhip");
	nfacts(1);
	PK.dport = 0;
	assert_int_equal(run(dhip_decode, b, n), DEC_OK);
	nfacts(0);
	/* Body length beyond the datagram, deep nesting, short header. */
	b[16] = 0xff, b[17] = 0xff, b[18] = 0xff, b[19] = 0xff;
	assert_int_equal(run(dhip_decode, b, n), DEC_MALFORMED);
	memset(deep, '[', sizeof deep - 1);
	deep[sizeof deep - 1] = '\0';
	n = dhip_frame(b, deep);
	assert_int_equal(run(dhip_decode, b, n), DEC_MALFORMED);
	nfacts(0);
	assert_int_equal(run(dhip_decode, b, 20), DEC_TRUNC);
	assert_int_equal(ST.n[STAT_DHIP_MALFORMED], 1);
	assert_int_equal(run_s(dhip_decode, "DHIPDHIP"), DEC_TRUNC);
	assert_int_equal(run_s(dhip_decode, "DHIPDHIX"), DEC_UNSUPPORTED);
	assert_int_equal(run_s(dhip_decode, "<?xml version"),
	    DEC_UNSUPPORTED);
	nfacts(0);
}

/* ------------------------------------------------------------------ */
/* Dahua 5050 */

static void
d5050_sample(void **state)
{
	uint8_t b[4096];
	size_t n;

	(void)state;
	n = load("Dahua1.selftest", b, sizeof b);
	assert_int_equal(run(dahua5050_decode, b, n), DEC_OK);
	has(SUBJ_STATED, FACT_VENDOR, 85, "Dahua");
	has(SUBJ_STATED, FACT_MAC, 85, "00:11:22:33:44:55");
	has(SUBJ_STATED, FACT_IP, 85, "240.0.3.0");
	has(SUBJ_STATED, FACT_MODEL, 85, "Virtual");
	has(SUBJ_STATED, FACT_SERIAL, 85, "123456789");
	has(SUBJ_STATED, FACT_NAME, 60, "Dahua");
	nfacts(6);
	assert_int_equal(ST.n[STAT_DAHUA5050_MSGS], 1);
	assert_int_equal(ST.n[STAT_DAHUA5050_MALFORMED], 0);
	every_length(dahua5050_decode, b, n);
	/* Section lengths beyond the datagram: counted, still read. */
	assert_int_equal(run(dahua5050_decode, b, n - 10), DEC_MALFORMED);
	has(SUBJ_STATED, FACT_MAC, 85, "00:11:22:33:44:55");
	assert_int_equal(run(dahua5050_decode, b, 0x60), DEC_TRUNC);
	assert_int_equal(ST.n[STAT_DAHUA5050_MALFORMED], 1);
}

static void
d5050_crafted(void **state)
{
	uint8_t b[512];
	static const char tail[] = "3c:ef:8c:01:02:03"
	    "SerialNo:3H02C16PAZ00123\r\nName:Warehouse\r\n"
	    "Device:DH-IPC-HFW1230S\r\n\r\n";
	static const uint8_t req[32] = { 0xa3, 0x01, 0x00, 0x01, [16] = 2 };

	(void)state;
	memset(b, 0, sizeof b);
	b[0] = 0xb3;
	b[2] = 17;                       /* section 2: MAC only */
	b[4] = (uint8_t)(sizeof tail - 1 - 17);
	b[16] = 2;
	b[20] = (uint8_t)(sizeof tail - 1 - 17);
	memcpy(b + 0x28, "IPC-HFW1230S", 12);
	b[0x38] = 10, b[0x39] = 1, b[0x3a] = 20, b[0x3b] = 30;
	memcpy(b + 0x78, tail, sizeof tail - 1);
	assert_int_equal(run(dahua5050_decode, b, 0x78 + sizeof tail - 1),
	    DEC_OK);
	has(SUBJ_STATED, FACT_MAC, 85, "3c:ef:8c:01:02:03");
	has(SUBJ_STATED, FACT_IP, 85, "10.1.20.30");
	has(SUBJ_STATED, FACT_MODEL, 85, "IPC-HFW1230S");
	has(SUBJ_STATED, FACT_SERIAL, 85, "3H02C16PAZ00123");
	has(SUBJ_STATED, FACT_NAME, 60, "Warehouse");
	nfacts(6);
	/* No device type in the fixed part: "Device:" gives the model. */
	memset(b + 0x28, 0, 16);
	assert_int_equal(run(dahua5050_decode, b, 0x78 + sizeof tail - 1),
	    DEC_OK);
	has(SUBJ_STATED, FACT_MODEL, 80, "DH-IPC-HFW1230S");
	nfacts(6);
	assert_int_equal(run(dahua5050_decode, req, sizeof req), DEC_OK);
	has(SUBJ_SENDER, FACT_PROTOCOL, 60, "dahua5050-search");
	nfacts(1);
	assert_int_equal(run(dahua5050_decode, req, 3), DEC_UNSUPPORTED);
	assert_int_equal(run_s(dahua5050_decode, "M-SEARCH * HTTP/1.1\r\n"),
	    DEC_UNSUPPORTED);
	nfacts(0);
}

/* ------------------------------------------------------------------ */
/* WS-Discovery */

static const char wsd_hik[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
    "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
    "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
    "xmlns:wsadis=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
    "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\">"
    "<env:Header><wsadis:MessageID>urn:uuid:2a9f3c1e-98d7-11b2-8f5e-"
    "5850ed1fe385</wsadis:MessageID><wsadis:RelatesTo>uuid:0a6dc791-2be6-"
    "4991-9af1-454778a1917a</wsadis:RelatesTo><wsadis:To>"
    "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
    "</wsadis:To><wsadis:Action>http://schemas.xmlsoap.org/ws/2005/04/"
    "discovery/ProbeMatches</wsadis:Action></env:Header>"
    "<env:Body><d:ProbeMatches><d:ProbeMatch><wsadis:EndpointReference>"
    "<wsadis:Address>urn:uuid:4ae9b6d0-1dd2-11b2-a105-5850ED1FE385"
    "</wsadis:Address></wsadis:EndpointReference>"
    "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>"
    "<d:Scopes>onvif://www.onvif.org/type/video_encoder "
    "onvif://www.onvif.org/Profile/Streaming "
    "onvif://www.onvif.org/MAC/58:50:ed:1f:e3:85 "
    "onvif://www.onvif.org/hardware/DS-2CD2385G1-I "
    "onvif://www.onvif.org/name/HIKVISION%20DS-2CD2385G1-I "
    "onvif://www.onvif.org/location/city/hangzhou</d:Scopes>"
    "<d:XAddrs>http://192.168.1.64/onvif/device_service "
    "http://[fe80::5a50:edff:fe1f:e385]/onvif/device_service</d:XAddrs>"
    "<d:MetadataVersion>10</d:MetadataVersion></d:ProbeMatch>"
    "</d:ProbeMatches></env:Body></env:Envelope>\r\n";

static const char wsd_dahua_hello[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\" ?><s:Envelope "
    "xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Header/>"
    "<s:Body><d:Hello xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/"
    "discovery\"><a:EndpointReference xmlns:a=\"http://schemas.xmlsoap.org/"
    "ws/2004/08/addressing\"><a:Address>uuid:5f5a69c2-e0ae-504f-829b-"
    "a0bd1d3c4e5f</a:Address></a:EndpointReference><d:Types>"
    "dn:NetworkVideoTransmitter</d:Types><d:Scopes>"
    "onvif://www.onvif.org/location/country/china "
    "onvif://www.onvif.org/name/Dahua "
    "onvif://www.onvif.org/hardware/IPC-HFW2228M-I1-V2 "
    "onvif://www.onvif.org/Profile/Streaming "
    "onvif://www.onvif.org/type/Network_Video_Transmitter "
    "onvif://www.onvif.org/extension/unique_identifier/1"
    "</d:Scopes><d:XAddrs>http://10.0.8.21:80/onvif/device_service"
    "</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:Hello>"
    "</s:Body></s:Envelope>";

static void
wsd_sample(void **state)
{
	uint8_t b[4096];
	size_t n;

	(void)state;
	n = load("Wsdiscovery.selftest", b, sizeof b);
	assert_int_equal(run(wsd_decode, b, n), DEC_OK);
	has(SUBJ_STATED, FACT_IP, 90, "240.0.2.0");
	has(SUBJ_STATED, FACT_MAC, 40, "000000000002");
	nfacts(2);
	assert_int_equal(ST.n[STAT_WSD_MSGS], 1);
	assert_int_equal(ST.n[STAT_WSD_MALFORMED], 0);
	every_length(wsd_decode, b, n);
}

static void
wsd_crafted(void **state)
{
	char two[8192];
	const char *m0, *m1;

	(void)state;
	assert_int_equal(run_s(wsd_decode, wsd_hik), DEC_OK);
	has(SUBJ_STATED, FACT_MAC, 90, "58:50:ed:1f:e3:85");
	has(SUBJ_STATED, FACT_IP, 90, "192.168.1.64");
	has(SUBJ_STATED, FACT_MODEL, 80, "DS-2CD2385G1-I");
	has(SUBJ_STATED, FACT_NAME, 70, "HIKVISION%20DS-2CD2385G1-I");
	has(SUBJ_STATED, FACT_BRAND, 60, "HIKVISION");
	has(SUBJ_STATED, FACT_LOCATION, 70, "city/hangzhou");
	nfacts(6);
	assert_int_equal(run_s(wsd_decode, wsd_dahua_hello), DEC_OK);
	has(SUBJ_STATED, FACT_IP, 90, "10.0.8.21");
	has(SUBJ_STATED, FACT_NAME, 70, "Dahua");
	has(SUBJ_STATED, FACT_BRAND, 60, "Dahua");
	has(SUBJ_STATED, FACT_MODEL, 80, "IPC-HFW2228M-I1-V2");
	has(SUBJ_STATED, FACT_LOCATION, 70, "country/china");
	has(SUBJ_STATED, FACT_KIND, 60, "Network_Video_Transmitter");
	nfacts(6); /* no uuid MAC: not a urn:uuid address */
	/* Two matches in one envelope: two stated devices. */
	m0 = strstr(wsd_hik, "<d:ProbeMatch>");
	m1 = strstr(wsd_hik, "</d:ProbeMatches>");
	snprintf(two, sizeof two, "%.*s%.*s%s", (int)(m1 - wsd_hik), wsd_hik,
	    (int)(m1 - m0), m0, m1);
	assert_int_equal(run_s(wsd_decode, two), DEC_OK);
	has(SUBJ_STATED + 1, FACT_MAC, 90, "58:50:ed:1f:e3:85");
	nfacts(12);
	every_length(wsd_decode, wsd_hik, sizeof wsd_hik - 1);
}

static void
wsd_probe_and_negative(void **state)
{
	uint8_t b[4096];
	size_t n, cut;

	(void)state;
	assert_int_equal(run_s(wsd_decode,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><e:Envelope xmlns:e="
	    "\"http://www.w3.org/2003/05/soap-envelope\"><e:Header><w:MessageID>"
	    "uuid:84ede3de-7dec-11d0-c360-f01234567890</w:MessageID><w:To>"
	    "urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To><w:Action>"
	    "http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action>"
	    "</e:Header><e:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter"
	    "</d:Types></d:Probe></e:Body></e:Envelope>"), DEC_OK);
	has(SUBJ_SENDER, FACT_PROTOCOL, 40, "wsd-probe");
	nfacts(1);
	/* Unterminated envelope with a match: facts, counted malformed. */
	cut = (size_t)(strstr(wsd_hik, "<d:XAddrs>") - wsd_hik) + 20;
	assert_int_equal(run(wsd_decode, wsd_hik, cut), DEC_MALFORMED);
	has(SUBJ_STATED, FACT_MAC, 90, "58:50:ed:1f:e3:85");
	assert_int_equal(count_field(FACT_IP), 0);
	assert_int_equal(ST.n[STAT_WSD_MALFORMED], 1);
	assert_int_equal(run_s(wsd_decode, sadp_ds2cd), DEC_UNSUPPORTED);
	assert_int_equal(run_s(wsd_decode, "HTTP/1.1 200 OK\r\n\r\n"),
	    DEC_UNSUPPORTED);
	nfacts(0);
	n = load("SSDP.selftest", b, sizeof b);
	assert_int_equal(run(wsd_decode, b, n), DEC_UNSUPPORTED);
	assert_int_equal(run(sadp_decode, b, n), DEC_UNSUPPORTED);
	assert_int_equal(run(dhip_decode, b, n), DEC_UNSUPPORTED);
	assert_int_equal(run(dahua5050_decode, b, n), DEC_UNSUPPORTED);
	assert_int_equal(run(sadp_l2_decode, b, n), DEC_UNSUPPORTED);
	nfacts(0);
}

/* Every sample against every other decoder: no facts. */
static void
cross_negative(void **state)
{
	static const char *const names[] = { "Hikvision.selftest",
		"Dahua1.selftest", "Dahua2.selftest", "Wsdiscovery.selftest" };
	static const proto_fn fns[] = { sadp_decode, dahua5050_decode,
		dhip_decode, wsd_decode };
	uint8_t b[4096];

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		size_t n = load(names[i], b, sizeof b);

		for (size_t j = 0; j < 4; j++) {
			if (i == j)
				continue;
			assert_int_equal(run(fns[j], b, n), DEC_UNSUPPORTED);
			nfacts(0);
		}
		assert_int_equal(run(sadp_l2_decode, b, n), DEC_UNSUPPORTED);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xml_scanner),
		cmocka_unit_test(xml_helpers),
		cmocka_unit_test(xml_large_is_linear),
		cmocka_unit_test(json_scanner),
		cmocka_unit_test(json_hostile),
		cmocka_unit_test(sadp_sample),
		cmocka_unit_test(sadp_crafted),
		cmocka_unit_test(sadp_probe_hello_and_odd),
		cmocka_unit_test(sadp_negative),
		cmocka_unit_test(sadp_l2_frames),
		cmocka_unit_test(dhip_sample),
		cmocka_unit_test(dhip_crafted),
		cmocka_unit_test(dhip_search_login_and_hostile),
		cmocka_unit_test(d5050_sample),
		cmocka_unit_test(d5050_crafted),
		cmocka_unit_test(wsd_sample),
		cmocka_unit_test(wsd_crafted),
		cmocka_unit_test(wsd_probe_and_negative),
		cmocka_unit_test(cross_negative),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
