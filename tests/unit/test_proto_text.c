/* SPDX-License-Identifier: MIT */
/* test_proto_text.c - the line-based text decoders: textscan helpers,
 * HTTP, RTSP, SSDP and Dahua P2P, on crafted payloads in the formats of
 * ../shared/docs/network.md sections 1.4, 1.5, 1.6 and 2.2 and on the SSDP
 * sample of the public corpus; negative controls and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "proto/proto.h"
#include "proto/textscan.h"

/* ---- fact collector ---- */

struct got {
	unsigned subj, field, conf;
	const char *src;
	char val[TS_VAL_MAX + 1];
	size_t len;
};

struct col {
	struct got f[2 * PROTO_MAX_FACTS];
	unsigned n;
	unsigned long sum;
};

static void
collect(void *ud, const struct fact *f)
{
	struct col *c = ud;
	struct got *g;

	/* Touch every byte (ASan checks the value lies in the payload). */
	for (size_t i = 0; i < f->len; i++)
		c->sum += (unsigned char)f->val[i];
	assert_true(f->len > 0);
	assert_true(f->len <= TS_VAL_MAX);
	assert_true(f->subject < SUBJ_MAX);
	assert_true(f->field < FACT_COUNT);
	assert_non_null(f->source);
	if (c->n >= 2 * PROTO_MAX_FACTS)
		return;
	g = &c->f[c->n++];
	g->subj = f->subject;
	g->field = f->field;
	g->conf = f->confidence;
	g->src = f->source;
	g->len = f->len;
	memcpy(g->val, f->val, f->len);
	g->val[f->len] = '\0';
}

/* Runs fn on an exact-size heap copy of the payload, so ASan sees any
 * read past its end. */
static enum dec
run(proto_fn fn, const void *b, size_t n, struct col *c, struct stats *st)
{
	uint8_t *copy = malloc(n ? n : 1);
	struct pkt p;
	struct proto_ctx ctx = { &p, st, collect, c, NULL, NULL };
	enum dec r;

	assert_non_null(copy);
	if (n)
		memcpy(copy, b, n);
	memset(&p, 0, sizeof p);
	memset(c, 0, sizeof *c);
	memset(st, 0, sizeof *st);
	r = fn(cur_make(copy, n), &ctx);
	free(copy);
	return r;
}

#define RUN(fn, lit, c, st) run(fn, lit, sizeof(lit) - 1, c, st)

static void
expect_n(const struct col *c, unsigned i, unsigned subj,
    enum fact_field field, unsigned conf, const char *val, size_t len)
{
	assert_true(i < c->n);
	assert_int_equal(c->f[i].subj, subj);
	assert_int_equal(c->f[i].field, field);
	assert_int_equal(c->f[i].conf, conf);
	assert_int_equal(c->f[i].len, len);
	assert_memory_equal(c->f[i].val, val, len);
}

/* expect(col, index, subject, field, confidence, "string literal") */
#define expect(c, i, subj, field, conf, lit) \
	expect_n(c, i, subj, field, conf, lit, sizeof(lit) - 1)

/* Facts reported by one decoder (httpbody_decode adds its own). */
static unsigned
count_src(const struct col *c, const char *src)
{
	unsigned n = 0;

	for (unsigned i = 0; i < c->n; i++)
		n += strcmp(c->f[i].src, src) == 0;
	return n;
}

/* Each payload of list is refused by fn: no fact, no message counted. */
static void
refuses(proto_fn fn, const char *const *list, size_t n, enum stat_id msgs)
{
	struct col c;
	struct stats st;

	for (size_t i = 0; i < n; i++) {
		assert_int_equal(run(fn, list[i], strlen(list[i]), &c, &st),
		    DEC_UNSUPPORTED);
		assert_int_equal(c.n, 0);
		assert_int_equal(st.n[msgs], 0);
	}
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct ts_str
S(const char *s)
{
	return (struct ts_str){ s, strlen(s) };
}

static void
assert_str(struct ts_str s, const char *want)
{
	assert_int_equal(s.len, strlen(want));
	assert_memory_equal(s.p, want, s.len);
}

/* ---- crafted payloads ---- */

static const char HIK_401[] =
    "HTTP/1.1 401 Unauthorized\r\n"
    "Date: Thu, 05 Mar 2026 10:12:33 GMT\r\n"
    "Server: App-webs/\r\n"
    "Content-Length: 178\r\n"
    "Content-Type: text/html\r\n"
    "Connection: close\r\n"
    "WWW-Authenticate: Digest qop=\"auth\", realm=\"IP Camera(C6390)\", "
    "nonce=\"4e6a49324d6a41344f5441364d6a63305a6a4d794d6a6b3d\", "
    "stale=\"FALSE\"\r\n"
    "\r\n"
    "<!DOCTYPE html>\n<html><body><h2>Access Error: 401 -- Unauthorized"
    "</h2></body></html>\n";

static const char DAHUA_401[] =
    "HTTP/1.1 401 Unauthorized\r\n"
    "CONNECTION: close\r\n"
    "CONTENT-LENGTH: 0\r\n"
    "WWW-Authenticate: Digest realm=\"Login to 4M0747EPAA1D284\", "
    "qop=\"auth\", nonce=\"1416932071\", opaque=\"4f8ba3d7fa8b\"\r\n"
    "X-Frame-Options: SAMEORIGIN\r\n"
    "\r\n";

static const char ISAPI_GET[] =
    "GET /ISAPI/System/deviceInfo?format=xml HTTP/1.1\r\n"
    "Host: 192.168.1.64\r\n"
    "User-Agent: HikCentral/2.4 (Windows NT 10.0)\r\n"
    "Accept: */*\r\n"
    "Authorization: Digest username=\"admin\", realm=\"IP Camera(C6390)\"\r\n"
    "\r\n";

static const char RPC2_POST[] =
    "POST /RPC2_Login HTTP/1.1\r\n"
    "Host: cam-lobby.example.net:8080\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
    "Content-Type: application/json\r\n"
    "Content-Length: 88\r\n"
    "\r\n"
    "{\"method\":\"global.login\",\"params\":{\"userName\":\"admin\","
    "\"password\":\"\"},\"id\":1}";

static const char RTSP_DAHUA_401[] =
    "RTSP/1.0 401 Unauthorized\r\n"
    "CSeq: 2\r\n"
    "WWW-Authenticate: Digest realm=\"Login to 6G0C1D5PAZ3C8F1\", "
    "nonce=\"b3d4f5a6c7d8e9f0\"\r\n"
    "Server: Rtsp Server/3.0\r\n"
    "\r\n";

static const char RTSP_HIK_401[] =
    "RTSP/1.0 401 Unauthorized\r\n"
    "CSeq: 3\r\n"
    "WWW-Authenticate: Digest realm=\"Hikvision\", "
    "nonce=\"9d5b2e7c1a3f\", stale=\"FALSE\"\r\n"
    "WWW-Authenticate: Basic realm=\"/\"\r\n"
    "Date:  Thu, Mar 05 2026 10:12:33 GMT\r\n"
    "\r\n";

static const char RTSP_DESCRIBE[] =
    "DESCRIBE rtsp://admin:secret@192.168.1.108:554/cam/realmonitor"
    "?channel=1&subtype=0 RTSP/1.0\r\n"
    "CSeq: 3\r\n"
    "User-Agent: LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)\r\n"
    "Accept: application/sdp\r\n"
    "\r\n";

static const char SSDP_SEARCH[] =
    "M-SEARCH * HTTP/1.1\r\n"
    "HOST: 239.255.255.250:1900\r\n"
    "MAN: \"ssdp:discover\"\r\n"
    "MX: 1\r\n"
    "ST: urn:schemas-upnp-org:device:MediaServer:1\r\n"
    "USER-AGENT: Android/13 UPnP/1.1 BubbleUPnP/3.7\r\n"
    "\r\n";

static const char SSDP_REPLY[] =
    "HTTP/1.1 200 OK\r\n"
    "CACHE-CONTROL: max-age=1800\r\n"
    "EXT:\r\n"
    "LOCATION: http://192.168.1.108:49152/rootDesc.xml\r\n"
    "SERVER: Linux/3.10.0, UPnP/1.0, Portable SDK for UPnP devices/1.6.19\r\n"
    "ST: upnp:rootdevice\r\n"
    "USN: uuid:8a3f2d10-1dd2-11b2-a105-e0508b1c2d3e::upnp:rootdevice\r\n"
    "\r\n";

static const char DHGET[] =
    "DHGET /probe/p2psrv HTTP/1.1\r\n"
    "CSeq: 1\r\n"
    "Authorization: WSSE profile=\"UsernameToken\"\r\n"
    "X-WSSE: UsernameToken Username=\"P2PClient\", "
    "PasswordDigest=\"q1w2e3r4t5y6u7i8o9p0a1s2d3f=\", Nonce=\"1804289383\", "
    "Created=\"2026-03-05T10:12:33Z\"\r\n"
    "\r\n";

static const char DHPOST[] =
    "DHPOST /device/6G0C1D5PAZ3C8F1/p2p-channel HTTP/1.1\r\n"
    "CSeq: 5\r\n"
    "Authorization: WSSE profile=\"UsernameToken\"\r\n"
    "X-WSSE: UsernameToken Username=\"P2PClient\", "
    "PasswordDigest=\"zx9c8v7b6n5m4=\", Nonce=\"846930886\", "
    "Created=\"2026-03-05T10:12:34Z\"\r\n"
    "Content-Type: \r\n"
    "Content-Length: 96\r\n"
    "\r\n"
    "<body><Identify>a1 b2 c3 d4 e5 f6 7 8</Identify><IpEncrpt>true"
    "</IpEncrpt><LocalAddr>127.0.0.1:40123</LocalAddr></body>";

/* PTCP header: magic, sent, recv, pid 0x0002ffff, lmid, rmid; body. */
static const uint8_t PTCP_SYN[] = {
	'P', 'T', 'C', 'P', 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x02, 0xff, 0xff,
	0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x03, 0x01, 0x00,
};

/* Inverted STUN Binding Request with ICE-CONTROLLING and an address. */
static const uint8_t NAT_PROBE[44] = {
	0xff, 0xfe, 0xff, 0xe7, 0x12, 0x34, 0x56, 0x78,
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
	0x7f, 0xd5, 0xff, 0xf7, 0x5e, 0x4d, 0x3c, 0x2b, 0x1a, 0x09, 0xf8, 0xe7,
	0xff, 0xfb, 0xff, 0xf7, 0xff, 0xfe, 0xdd, 0x9f, 0xd0, 0xa4, 0xb3, 0xf6,
};

/* ---- textscan ---- */

static void
ts_lines(void **state)
{
	static const char b[] = "A\r\nB\nC\r";
	struct cur c = cur_make((const uint8_t *)b, sizeof b - 1);
	struct ts_str l;
	struct ts_msg m;
	char big[TS_LINE_MAX + 10];
	size_t o;

	(void)state;
	assert_int_equal(ts_line(&c, &l), TS_EOL);
	assert_str(l, "A");
	assert_int_equal(ts_line(&c, &l), TS_EOL);
	assert_str(l, "B");
	assert_int_equal(ts_line(&c, &l), TS_END);
	assert_str(l, "C");
	assert_int_equal(ts_line(&c, &l), TS_NONE);
	assert_int_equal(l.len, 0);
	memset(big, 'x', sizeof big);
	c = cur_make((const uint8_t *)big, sizeof big);
	assert_int_equal(ts_line(&c, &l), TS_LONG);
	assert_int_equal(l.len, TS_LINE_MAX);
	assert_int_equal(cur_left(&c), 0);
	/* A header flood keeps TS_MAX_HDRS fields and stops. */
	o = (size_t)sprintf(big, "HTTP/1.1 200 OK\r\n");
	for (int i = 0; i < 200; i++)
		o += (size_t)sprintf(big + o, "X%03d:y\r\n", i);
	ts_parse(cur_make((const uint8_t *)big, o), &m);
	assert_int_equal(m.nhdr, TS_MAX_HDRS);
	assert_true(m.bad);
	assert_false(m.ended);
}

static void
ts_message(void **state)
{
	static const char b[] = "HTTP/1.1 200 OK\nServer :  Webs \n"
	    " folded continuation\nX-Empty:\r\nnocolon\r\n\nbody\0bytes";
	struct ts_msg m;
	unsigned at = 0;

	(void)state;
	ts_parse(cur_make((const uint8_t *)b, sizeof b - 1), &m);
	assert_str(m.start, "HTTP/1.1 200 OK");
	assert_int_equal(m.nhdr, 2);
	assert_str(m.hdr[0].name, "Server");
	assert_str(m.hdr[0].val, "Webs");
	assert_str(m.hdr[1].name, "X-Empty");
	assert_int_equal(m.hdr[1].val.len, 0);
	assert_true(m.bad);      /* the colon-less line */
	assert_true(m.ended);
	assert_int_equal(cur_left(&m.body), 10);
	assert_non_null(ts_hdr_find(&m, "SERVER", &at));
	assert_null(ts_hdr_find(&m, "server", &at));
	/* No blank line: not ended, empty body. */
	ts_parse(cur_make((const uint8_t *)b, 24), &m);
	assert_false(m.ended);
	assert_int_equal(cur_left(&m.body), 0);
	/* Empty input. */
	ts_parse(cur_make(NULL, 0), &m);
	assert_int_equal(m.start.len, 0);
	assert_int_equal(m.nhdr, 0);
}

static void
ts_params_paths(void **state)
{
	struct ts_str t;

	(void)state;
	assert_str(ts_param(S("Digest realm=\"Login to X1\", nonce=\"n\""),
	    "realm"), "Login to X1");
	/* A name inside another parameter's quoted value is no parameter. */
	assert_str(ts_param(S("Digest nonce=\"realm=evil\", REALM=good"),
	    "realm"), "good");
	assert_str(ts_param(S("Basic realm=\"/\""), "realm"), "/");
	assert_str(ts_param(S("Digest realm=\"unterminated"), "realm"),
	    "unterminated");
	assert_int_equal(ts_param(S("Negotiate abc=="), "realm").len, 0);
	assert_int_equal(ts_param(S("=\"\"=,,  realm"), "realm").len, 0);
	assert_str(ts_path(S("rtsp://u:p@10.0.0.1:554/cam/realmonitor?ch=1")),
	    "/cam/realmonitor");
	assert_str(ts_path(S("/a/b#frag")), "/a/b");
	assert_int_equal(ts_path(S("rtsp://10.0.0.1")).len, 0);
	assert_str(ts_version(S("GET /x y HTTP/1.1  "), 4, &t), "HTTP/1.1");
	assert_str(t, "/x y");
	assert_int_equal(ts_version(S("GET "), 4, &t).len, 0);
	assert_true(ts_status_ok(S("200 OK")));
	assert_true(ts_status_ok(S("404")));
	assert_false(ts_status_ok(S("20x OK")));
	assert_false(ts_status_ok(S("2000")));
}

/* ---- HTTP ---- */

static void
http_responses(void **state)
{
	static const char hik[] = "HTTP/1.0 401 Unauthorized\r\n"
	    "Server: DNVRS-Webs\r\n"
	    "WWW-Authenticate: Basic realm=\"HikVision\"\r\n\r\n";
	struct col c;
	struct stats st;

	(void)state;
	assert_int_equal(RUN(http_decode, HIK_401, &c, &st), DEC_OK);
	assert_int_equal(count_src(&c, "http"), 3);
	expect(&c, 0, SUBJ_SENDER, FACT_SERVER, 70, "App-webs/");
	expect(&c, 1, SUBJ_SENDER, FACT_VENDOR, 80, "Hikvision");
	expect(&c, 2, SUBJ_SENDER, FACT_REALM, 70, "IP Camera(C6390)");
	assert_int_equal(st.n[STAT_HTTP_MSGS], 1);
	assert_int_equal(st.n[STAT_HTTP_MALFORMED], 0);
	assert_int_equal(RUN(http_decode, hik, &c, &st), DEC_OK);
	assert_int_equal(c.n, 4);
	expect(&c, 0, SUBJ_SENDER, FACT_SERVER, 70, "DNVRS-Webs");
	expect(&c, 1, SUBJ_SENDER, FACT_VENDOR, 80, "Hikvision");
	expect(&c, 2, SUBJ_SENDER, FACT_REALM, 70, "HikVision");
	expect(&c, 3, SUBJ_SENDER, FACT_VENDOR, 80, "Hikvision");
	assert_int_equal(RUN(http_decode, DAHUA_401, &c, &st), DEC_OK);
	assert_int_equal(c.n, 3);
	expect(&c, 0, SUBJ_SENDER, FACT_REALM, 70, "Login to 4M0747EPAA1D284");
	expect(&c, 1, SUBJ_SENDER, FACT_VENDOR, 80, "Dahua");
	expect(&c, 2, SUBJ_SENDER, FACT_SERIAL, 85, "4M0747EPAA1D284");
}

static void
http_requests(void **state)
{
	static const char abs[] = "GET http://10.0.0.5/cgi-bin/magicBox.cgi"
	    "?action=getSystemInfo HTTP/1.1\r\nHost: 10.0.0.5\r\n\r\n";
	static const char plain[] = "GET /index.html HTTP/1.1\r\n"
	    "Host: [fe80::1]:80\r\nUser-Agent: curl/8.5.0\r\n\r\n";
	struct col c;
	struct stats st;

	(void)state;
	assert_int_equal(RUN(http_decode, ISAPI_GET, &c, &st), DEC_OK);
	assert_int_equal(c.n, 3);
	expect(&c, 0, SUBJ_RECEIVER, FACT_URL, 60, "/ISAPI/System/deviceInfo");
	expect(&c, 1, SUBJ_RECEIVER, FACT_VENDOR, 60, "Hikvision");
	expect(&c, 2, SUBJ_SENDER, FACT_USER_AGENT, 50,
	    "HikCentral/2.4 (Windows NT 10.0)");
	/* Request bodies are not decoded. */
	assert_int_equal(RUN(http_decode, RPC2_POST, &c, &st), DEC_OK);
	assert_int_equal(c.n, 4);
	expect(&c, 0, SUBJ_RECEIVER, FACT_URL, 60, "/RPC2_Login");
	expect(&c, 1, SUBJ_RECEIVER, FACT_VENDOR, 60, "Dahua");
	expect(&c, 2, SUBJ_SENDER, FACT_USER_AGENT, 50,
	    "Mozilla/5.0 (X11; Linux x86_64)");
	expect(&c, 3, SUBJ_SENDER, FACT_DOMAIN, 50, "cam-lobby.example.net");
	assert_int_equal(RUN(http_decode, abs, &c, &st), DEC_OK);
	assert_int_equal(c.n, 2);
	expect(&c, 0, SUBJ_RECEIVER, FACT_URL, 60, "/cgi-bin/magicBox.cgi");
	expect(&c, 1, SUBJ_RECEIVER, FACT_VENDOR, 60, "Dahua");
	assert_int_equal(RUN(http_decode, plain, &c, &st), DEC_OK);
	assert_int_equal(c.n, 1);
	expect(&c, 0, SUBJ_SENDER, FACT_USER_AGENT, 50, "curl/8.5.0");
	assert_int_equal(st.n[STAT_HTTP_MSGS], 1);
}

static void
http_malformed(void **state)
{
	static const char bad_status[] = "HTTP/1.1 2x0 OK\r\n"
	    "Server: Hikvision-Webs\r\n\r\n";
	static const char no_colon[] = "HTTP/1.1 200 OK\r\nServer: Webs\r\n"
	    "garbage line\r\n\r\n";
	struct col c;
	struct stats st;

	(void)state;
	assert_int_equal(RUN(http_decode, bad_status, &c, &st), DEC_MALFORMED);
	assert_int_equal(c.n, 2);
	expect(&c, 1, SUBJ_SENDER, FACT_VENDOR, 80, "Hikvision");
	assert_int_equal(st.n[STAT_HTTP_MSGS], 1);
	assert_int_equal(st.n[STAT_HTTP_MALFORMED], 1);
	assert_int_equal(RUN(http_decode, no_colon, &c, &st), DEC_MALFORMED);
	expect(&c, 0, SUBJ_SENDER, FACT_SERVER, 70, "Webs");
}

static void
http_hostile(void **state)
{
	static char b[TS_LINE_MAX + 512];
	static const char nul[] = "HTTP/1.1 401 x\r\nServer: We\0bs\x01\r\n"
	    "WWW-Authenticate: Digest realm=\"Login to \"\r\n"
	    "WWW-Authenticate: Digest realm=\"Login to A B\"\r\n"
	    "WWW-Authenticate: Digest realm=\"Login to ABCD\"\r\n"
	    "WWW-Authenticate: Digest realm=\"Login to ABCD\"\r\n"
	    "WWW-Authenticate: Digest realm=\"Login to ABCD\"\r\n\r\n";
	struct col c;
	struct stats st;
	size_t o;

	(void)state;
	/* A 1000-byte banner is capped at TS_VAL_MAX. */
	o = (size_t)sprintf(b, "HTTP/1.1 200 OK\r\nServer: ");
	memset(b + o, 'A', 1000);
	o += 1000;
	o += (size_t)sprintf(b + o, "\r\n\r\n");
	assert_int_equal(run(http_decode, b, o, &c, &st), DEC_OK);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.f[0].len, TS_VAL_MAX);
	/* An overlong line stops the scan; what came before is kept. */
	o = (size_t)sprintf(b, "HTTP/1.1 200 OK\r\nServer: Webs\r\nX: ");
	memset(b + o, 'B', sizeof b - o);
	assert_int_equal(run(http_decode, b, sizeof b, &c, &st),
	    DEC_MALFORMED);
	assert_int_equal(c.n, 1);
	/* NUL and control bytes pass; an empty or spaced serial is none;
	 * challenges past the fourth are ignored. */
	assert_int_equal(RUN(http_decode, nul, &c, &st), DEC_OK);
	assert_int_equal(c.n, 1 + 1 + 1 + 3 + 3);
	expect(&c, 0, SUBJ_SENDER, FACT_SERVER, 70, "We\0bs\x01");
	expect(&c, 1, SUBJ_SENDER, FACT_REALM, 70, "Login to");
	expect(&c, 2, SUBJ_SENDER, FACT_REALM, 70, "Login to A B");
	expect(&c, 3, SUBJ_SENDER, FACT_REALM, 70, "Login to ABCD");
	expect(&c, 5, SUBJ_SENDER, FACT_SERIAL, 85, "ABCD");
}

/* The response body goes to httpbody_decode: the HTTP facts stay the
 * same whatever that decoder adds. */
static void
http_isapi_body(void **state)
{
	static const char b[] = "HTTP/1.1 200 OK\r\n"
	    "Content-Type: application/xml\r\n"
	    "Server: webserver\r\n\r\n"
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<DeviceInfo version=\"2.0\" "
	    "xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">\n"
	    "<deviceName>IP CAMERA</deviceName>\n"
	    "<model>DS-2CD2143G2-I</model>\n"
	    "<serialNumber>DS-2CD2143G2-I20230101AAWRK12345678</serialNumber>\n"
	    "<macAddress>44:19:b6:12:34:56</macAddress>\n"
	    "<firmwareVersion>V5.7.3</firmwareVersion>\n"
	    "<firmwareReleasedDate>build 220112</firmwareReleasedDate>\n"
	    "</DeviceInfo>\n";
	static const char cut[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
	    "\r\n<?xml version=\"1.0\"?><DeviceInfo xmlns=\"http://www."
	    "hikvision.com/ver20/XMLSchema\"><model>DS-2CD2143G2-I</model>"
	    "</DeviceInfo>";
	struct col c;
	struct stats st;

	(void)state;
	assert_int_equal(RUN(http_decode, b, &c, &st), DEC_OK);
	assert_int_equal(count_src(&c, "http"), 1);
	expect(&c, 0, SUBJ_SENDER, FACT_SERVER, 70, "webserver");
	/* The body was handed over (httpbody_decode reported something). */
	assert_true(c.n > 1);
	/* Content-Length clamps the body: 5 bytes say nothing. */
	assert_int_equal(RUN(http_decode, cut, &c, &st), DEC_OK);
	assert_int_equal(c.n, 0);
}

/* ---- RTSP ---- */

static void
rtsp_messages(void **state)
{
	static const char setup[] = "SETUP rtsp://10.0.0.64:554/Streaming/"
	    "Channels/101/trackID=1 RTSP/1.0\r\nCSeq: 4\r\n"
	    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n";
	static const char h264[] = "OPTIONS rtsp://10.0.0.64/h264/ch1/main/"
	    "av_stream RTSP/1.0\r\nCSeq: 1\r\n\r\n";
	static const char star[] = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n"
	    "User-Agent: Lavf60.16.100\r\n\r\n";
	static const char ok[] = "RTSP/1.0 200 OK\r\nCSeq: 1\r\n"
	    "Server: Dahua Rtsp Server\r\n"
	    "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, PAUSE\r\n\r\n";
	struct col c;
	struct stats st;

	(void)state;
	assert_int_equal(RUN(rtsp_decode, RTSP_DAHUA_401, &c, &st), DEC_OK);
	assert_int_equal(c.n, 5);
	expect(&c, 0, SUBJ_SENDER, FACT_SERVER, 70, "Rtsp Server/3.0");
	expect(&c, 1, SUBJ_SENDER, FACT_VENDOR, 60, "Dahua");
	expect(&c, 2, SUBJ_SENDER, FACT_REALM, 70, "Login to 6G0C1D5PAZ3C8F1");
	expect(&c, 3, SUBJ_SENDER, FACT_VENDOR, 80, "Dahua");
	expect(&c, 4, SUBJ_SENDER, FACT_SERIAL, 85, "6G0C1D5PAZ3C8F1");
	assert_int_equal(st.n[STAT_RTSP_MSGS], 1);
	assert_int_equal(RUN(rtsp_decode, RTSP_HIK_401, &c, &st), DEC_OK);
	assert_int_equal(c.n, 3);
	expect(&c, 0, SUBJ_SENDER, FACT_REALM, 70, "Hikvision");
	expect(&c, 1, SUBJ_SENDER, FACT_VENDOR, 80, "Hikvision");
	expect(&c, 2, SUBJ_SENDER, FACT_REALM, 70, "/");
	assert_int_equal(RUN(rtsp_decode, ok, &c, &st), DEC_OK);
	assert_int_equal(c.n, 2);
	expect(&c, 1, SUBJ_SENDER, FACT_VENDOR, 80, "Dahua");
	assert_int_equal(RUN(rtsp_decode, RTSP_DESCRIBE, &c, &st), DEC_OK);
	assert_int_equal(c.n, 3);
	expect(&c, 0, SUBJ_RECEIVER, FACT_URL, 60, "/cam/realmonitor");
	expect(&c, 1, SUBJ_RECEIVER, FACT_VENDOR, 60, "Dahua");
	expect(&c, 2, SUBJ_SENDER, FACT_USER_AGENT, 50,
	    "LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)");
	assert_int_equal(RUN(rtsp_decode, setup, &c, &st), DEC_OK);
	assert_int_equal(c.n, 2);
	expect(&c, 0, SUBJ_RECEIVER, FACT_URL, 60,
	    "/Streaming/Channels/101/trackID=1");
	expect(&c, 1, SUBJ_RECEIVER, FACT_VENDOR, 60, "Hikvision");
	assert_int_equal(RUN(rtsp_decode, h264, &c, &st), DEC_OK);
	expect(&c, 0, SUBJ_RECEIVER, FACT_URL, 60, "/h264/ch1/main/av_stream");
	assert_int_equal(RUN(rtsp_decode, star, &c, &st), DEC_OK);
	assert_int_equal(c.n, 1);
	expect(&c, 0, SUBJ_SENDER, FACT_USER_AGENT, 50, "Lavf60.16.100");
}

/* Every start line of each dialect passes its first-letter filter: a
 * request of each method and each response is a message of its decoder,
 * and no other. */
static void
start_lines(void **state)
{
	static const char *const http[] = { "GET", "POST", "PUT", "HEAD",
		"DELETE", "OPTIONS", "PATCH" };
	static const char *const rtsp[] = { "OPTIONS", "DESCRIBE", "SETUP",
		"PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER", "SET_PARAMETER",
		"ANNOUNCE", "RECORD", "REDIRECT" };
	static const char *const resp[] = { "HTTP/1.0 200 OK\r\n\r\n",
		"HTTP/1.1 200 OK\r\n\r\n", "RTSP/1.0 200 OK\r\n\r\n" };
	struct col c;
	struct stats st;
	char b[96];

	(void)state;
	for (size_t i = 0; i < sizeof http / sizeof http[0]; i++) {
		snprintf(b, sizeof b, "%s /x HTTP/1.1\r\n\r\n", http[i]);
		assert_int_equal(run(http_decode, b, strlen(b), &c, &st),
		    DEC_OK);
		assert_int_equal(run(rtsp_decode, b, strlen(b), &c, &st),
		    DEC_UNSUPPORTED);
	}
	for (size_t i = 0; i < sizeof rtsp / sizeof rtsp[0]; i++) {
		snprintf(b, sizeof b, "%s rtsp://h/x RTSP/1.0\r\n\r\n",
		    rtsp[i]);
		assert_int_equal(run(rtsp_decode, b, strlen(b), &c, &st),
		    DEC_OK);
		assert_int_equal(run(http_decode, b, strlen(b), &c, &st),
		    DEC_UNSUPPORTED);
	}
	/* Every method and response prefix of the dialects' own lists has
	 * its first letter in the dialect's mask, and no other letter is. */
	assert_int_equal(http_dialect.first,
	    ts_dialect_letters(&http_dialect.d));
	assert_int_equal(rtsp_dialect.first,
	    ts_dialect_letters(&rtsp_dialect.d));
	for (size_t i = 0; i < 3; i++) {
		proto_fn yes = i < 2 ? http_decode : rtsp_decode;
		proto_fn no = i < 2 ? rtsp_decode : http_decode;

		assert_int_equal(run(yes, resp[i], strlen(resp[i]), &c, &st),
		    DEC_OK);
		assert_int_equal(run(no, resp[i], strlen(resp[i]), &c, &st),
		    DEC_UNSUPPORTED);
	}
}

/* ---- SSDP ---- */

static size_t
read_sample(const char *name, uint8_t *buf, size_t cap)
{
	char path[256];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "../shared/corpus/net/%s", name);
	f = fopen(path, "rb");
	if (f == NULL)
		return 0;
	n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

static void
ssdp_sample(void **state)
{
	uint8_t b[4096];
	size_t n = read_sample("SSDP.selftest", b, sizeof b);
	struct col c;
	struct stats st;

	(void)state;
	if (n == 0) {
		print_message("SSDP.selftest absent: skipped\n");
		skip();
	}
	assert_int_equal(run(ssdp_decode, b, n, &c, &st), DEC_OK);
	assert_int_equal(c.n, 2);
	expect(&c, 0, SUBJ_SENDER, FACT_SERVER, 60,
	    "Universal Scanner/0.0, Virtual/1.0");
	expect(&c, 1, SUBJ_SENDER, FACT_URL, 40,
	    "http://240.0.1.0/rootDesc.xml");
	assert_int_equal(st.n[STAT_SSDP_MSGS], 1);
	assert_int_equal(st.n[STAT_SSDP_MALFORMED], 0);
	/* Every truncation decodes or is refused, without harm. */
	for (size_t k = 0; k < n; k++)
		(void)run(ssdp_decode, b, k, &c, &st);
}

static void
ssdp_search_reply(void **state)
{
	struct col c;
	struct stats st;

	(void)state;
	assert_int_equal(RUN(ssdp_decode, SSDP_SEARCH, &c, &st), DEC_OK);
	assert_int_equal(c.n, 1);
	expect(&c, 0, SUBJ_SENDER, FACT_USER_AGENT, 40,
	    "Android/13 UPnP/1.1 BubbleUPnP/3.7");
	assert_int_equal(RUN(ssdp_decode, SSDP_REPLY, &c, &st), DEC_OK);
	assert_int_equal(c.n, 2);
	expect(&c, 0, SUBJ_SENDER, FACT_SERVER, 60,
	    "Linux/3.10.0, UPnP/1.0, Portable SDK for UPnP devices/1.6.19");
	expect(&c, 1, SUBJ_SENDER, FACT_URL, 40,
	    "http://192.168.1.108:49152/rootDesc.xml");
	assert_int_equal(RUN(ssdp_decode, "HTTP/1.1 OK\r\nSERVER: s\r\n\r\n",
	    &c, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_SSDP_MALFORMED], 1);
	expect(&c, 0, SUBJ_SENDER, FACT_SERVER, 60, "s");
}

/* ---- Dahua P2P ---- */

static void
dhp2p_messages(void **state)
{
	uint8_t b[44];
	struct col c;
	struct stats st;

	(void)state;
	assert_int_equal(RUN(dhp2p_decode, DHGET, &c, &st), DEC_OK);
	assert_int_equal(c.n, 1);
	expect(&c, 0, SUBJ_SENDER, FACT_PROTOCOL, 90, "dahua-p2p");
	assert_int_equal(st.n[STAT_DHP2P_MSGS], 1);
	/* Client request naming a device: the serial is not the sender's;
	 * the WSSE user name never leaves. */
	assert_int_equal(RUN(dhp2p_decode, DHPOST, &c, &st), DEC_OK);
	assert_int_equal(c.n, 1);
	expect(&c, 0, SUBJ_SENDER, FACT_PROTOCOL, 90, "dahua-p2p");
	assert_int_equal(run(dhp2p_decode, PTCP_SYN, sizeof PTCP_SYN, &c, &st),
	    DEC_OK);
	assert_int_equal(c.n, 1);
	expect(&c, 0, SUBJ_SENDER, FACT_PROTOCOL, 80, "dahua-ptcp");
	assert_int_equal(run(dhp2p_decode, PTCP_SYN, 23, &c, &st),
	    DEC_MALFORMED);
	assert_int_equal(c.n, 0);
	assert_int_equal(st.n[STAT_DHP2P_MALFORMED], 1);
	assert_int_equal(run(dhp2p_decode, NAT_PROBE, sizeof NAT_PROBE, &c,
	    &st), DEC_OK);
	expect(&c, 0, SUBJ_SENDER, FACT_PROTOCOL, 60, "dahua-p2p-probe");
	memcpy(b, NAT_PROBE, sizeof b);
	b[0] = 0xfe;
	assert_int_equal(run(dhp2p_decode, b, sizeof b, &c, &st), DEC_OK);
	assert_int_equal(c.n, 1);
	assert_int_equal(run(dhp2p_decode, b, 30, &c, &st), DEC_MALFORMED);
	assert_int_equal(c.n, 0);
	b[3] = 0xe8;
	assert_int_equal(run(dhp2p_decode, b, sizeof b, &c, &st),
	    DEC_UNSUPPORTED);
}

/* Negative controls: other protocols and near misses are refused. */
static void
refusals(void **state)
{
	static const char *const http[] = {
		"OPTIONS rtsp://10.0.0.1/cam/realmonitor RTSP/1.0\r\n\r\n",
		"NOTIFY * HTTP/1.1\r\nSERVER: x\r\n\r\n",
		"M-SEARCH * HTTP/1.1\r\n\r\n",
		"DHGET /probe/p2psrv HTTP/1.1\r\n\r\n",
		"RTSP/1.0 200 OK\r\nServer: Dahua Rtsp Server\r\n\r\n",
		"GET /ISAPI/System/deviceInfo\r\nHost: a\r\n\r\n",
		"GET  HTTP/1.1\r\n\r\n",
		"get / HTTP/1.1\r\n\r\n",
		"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
		"",
	};
	static const char *const rtsp[] = {
		"GET /cam/realmonitor HTTP/1.1\r\n\r\n",
		"OPTIONS * HTTP/1.1\r\n\r\n",
		"HTTP/1.1 401 Unauthorized\r\nServer: Rtsp Server/3.0\r\n\r\n",
		"$\x00\x01\x2c\x80\x60\x12\x34",
		"PLAY rtsp://10.0.0.1/cam/realmonitor\r\n\r\n",
		"",
	};
	static const char *const ssdp[] = {
		"GET / HTTP/1.1\r\n\r\n",
		"NOTIFY * RTSP/1.0\r\n\r\n",
		"NOTIFY\r\n",
		"\x01\x01\x06\x00\x12\x34\x56\x78",
		"",
	};
	static const char *const dhp2p[] = {
		"GET /probe/p2psrv HTTP/1.1\r\n\r\n",
		"DHGET /probe/p2psrv RTSP/1.0\r\n\r\n",
		"DHGET probe HTTP/1.1\r\n\r\n",
		"DHPOST  HTTP/1.1\r\n\r\n",
		"PTC",
		"\xf1\x41\x00\x14",
		"",
	};

	(void)state;
	refuses(http_decode, http, NELEM(http), STAT_HTTP_MSGS);
	refuses(rtsp_decode, rtsp, NELEM(rtsp), STAT_RTSP_MSGS);
	refuses(ssdp_decode, ssdp, NELEM(ssdp), STAT_SSDP_MSGS);
	refuses(dhp2p_decode, dhp2p, NELEM(dhp2p), STAT_DHP2P_MSGS);
}

/* ---- every decoder on every truncation of every sample ---- */

static void
truncations(void **state)
{
	static const struct {
		const void *b;
		size_t n;
	} samples[] = {
		{ HIK_401, sizeof HIK_401 - 1 },
		{ DAHUA_401, sizeof DAHUA_401 - 1 },
		{ ISAPI_GET, sizeof ISAPI_GET - 1 },
		{ RPC2_POST, sizeof RPC2_POST - 1 },
		{ RTSP_DAHUA_401, sizeof RTSP_DAHUA_401 - 1 },
		{ RTSP_HIK_401, sizeof RTSP_HIK_401 - 1 },
		{ RTSP_DESCRIBE, sizeof RTSP_DESCRIBE - 1 },
		{ SSDP_SEARCH, sizeof SSDP_SEARCH - 1 },
		{ SSDP_REPLY, sizeof SSDP_REPLY - 1 },
		{ DHGET, sizeof DHGET - 1 },
		{ DHPOST, sizeof DHPOST - 1 },
		{ PTCP_SYN, sizeof PTCP_SYN },
		{ NAT_PROBE, sizeof NAT_PROBE },
	};
	static const proto_fn fns[] = {
		http_decode, rtsp_decode, ssdp_decode, dhp2p_decode,
	};
	struct col c;
	struct stats st;

	(void)state;
	for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++)
		for (size_t f = 0; f < sizeof fns / sizeof fns[0]; f++)
			for (size_t k = 0; k <= samples[s].n; k++) {
				enum dec r = run(fns[f], samples[s].b, k, &c,
				    &st);
				assert_true(r <= DEC_UNSUPPORTED);
				if (r == DEC_UNSUPPORTED)
					assert_int_equal(c.n, 0);
			}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ts_lines),
		cmocka_unit_test(ts_message),
		cmocka_unit_test(ts_params_paths),
		cmocka_unit_test(http_responses),
		cmocka_unit_test(http_requests),
		cmocka_unit_test(http_malformed),
		cmocka_unit_test(http_hostile),
		cmocka_unit_test(http_isapi_body),
		cmocka_unit_test(rtsp_messages),
		cmocka_unit_test(start_lines),
		cmocka_unit_test(ssdp_sample),
		cmocka_unit_test(ssdp_search_reply),
		cmocka_unit_test(dhp2p_messages),
		cmocka_unit_test(refusals),
		cmocka_unit_test(truncations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
