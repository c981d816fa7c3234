/* SPDX-License-Identifier: MIT */
/* http.c - HTTP/1.x message heads: server banners, realms, vendor API
 * paths, client names; response bodies go to httpbody_decode().
 *
 * Reference: RFC 9112 (HTTP/1.1 message syntax), RFC 9110 sections 7.2
 * (Host), 10.2.4 (Server), 10.1.5 (User-Agent), 11.6.1 (WWW-Authenticate).
 * Vendor strings: ../shared/docs/network.md section 1.4 (F6, F7).
 *
 *   request:  METHOD SP request-target SP HTTP/1.x CRLF  headers CRLF body
 *   response: HTTP/1.x SP 3DIGIT SP reason CRLF          headers CRLF body */
#include <string.h>

#include "proto.h"
#include "textscan.h"

static const char SRC[] = "http";
static const char HIK[] = "Hikvision";
static const char DAHUA[] = "Dahua";

/* Methods recognised at the start of a payload (with their space). */
static const char *const http_methods[] = {
	"GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ",
	NULL,
};
static const char *const http_resp[] = { "HTTP/1.0 ", "HTTP/1.1 ", NULL };
const struct ts_text_dialect http_dialect = {
	{ http_resp, http_methods, "HTTP/1." },
	TS_LETTER('H') | TS_LETTER('G') | TS_LETTER('P') | TS_LETTER('D') |
	    TS_LETTER('O')
};

/* Request paths that only a Hikvision or Dahua web server answers. */
static const struct http_vpath {
	const char *path;
	bool prefix;           /* match the start of the path, else all */
	const char *vendor;
} http_vpaths[] = {
	{ "/ISAPI/", true, HIK },
	{ "/SDK/", true, HIK },
	{ "/PSIA/", true, HIK },
	{ "/doc/page/login.asp", false, HIK },
	{ "/cgi-bin/magicBox.cgi", false, DAHUA },
	{ "/cgi-bin/configManager.cgi", false, DAHUA },
	{ "/RPC2", false, DAHUA },
	{ "/RPC2_", true, DAHUA },   /* RPC2_Login, RPC2_Loadfile */
};

/* Server banners of Hikvision web servers (and their OEM units). */
static const char *const http_hik_servers[] = {
	"App-webs/", "Hikvision-Webs", "DNVRS-Webs", "DVRDVS-Webs",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Most WWW-Authenticate fields read per response (Digest + Basic is the
 * usual pair). */
#define HTTP_MAX_CHALLENGES 4

static void
vendor(struct proto_ctx *ctx, unsigned subj, unsigned conf, const char *v)
{
	proto_fact(ctx, subj, FACT_VENDOR, conf, SRC, v, strlen(v));
}

/* The host part of a Host value if it is a DNS name: empty for IP
 * literals ("192.0.0.64:80", "[fe80::1]") and for bytes no name has. */
static struct ts_str
host_name(struct ts_str h)
{
	const char *colon = h.len ? memchr(h.p, ':', h.len) : NULL;
	bool alpha = false;

	if (colon != NULL)
		h.len = (size_t)(colon - h.p);
	for (size_t i = 0; i < h.len; i++) {
		unsigned char ch = (unsigned char)h.p[i];

		if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')
			alpha = true;
		else if (!(ch >= '0' && ch <= '9') && ch != '.' && ch != '-' &&
		    ch != '_')
			return ts_from(h, h.len);
	}
	return alpha ? h : ts_from(h, h.len);
}

/* Request: vendor path (about the receiver), client name and host. */
static void
http_request(const struct ts_msg *m, struct ts_str target,
    struct proto_ctx *ctx)
{
	struct ts_str path = ts_path(target);
	const struct ts_hdr *h;
	unsigned at = 0;

	for (size_t i = 0; i < NELEM(http_vpaths); i++) {
		const struct http_vpath *v = &http_vpaths[i];
		bool hit = v->prefix ? ts_ipfx(path, v->path) :
		    ts_ieq(path, v->path);

		if (hit) {
			ts_fact(ctx, SUBJ_RECEIVER, FACT_URL, 60, SRC, path);
			vendor(ctx, SUBJ_RECEIVER, 60, v->vendor);
			break;
		}
	}
	if ((h = ts_hdr_find(m, "User-Agent", &at)) != NULL)
		ts_fact(ctx, SUBJ_SENDER, FACT_USER_AGENT, 50, SRC, h->val);
	at = 0;
	if ((h = ts_hdr_find(m, "Host", &at)) != NULL)
		ts_fact(ctx, SUBJ_SENDER, FACT_DOMAIN, 50, SRC,
		    host_name(h->val));
}

/* The body view, clamped to Content-Length when that is smaller. */
static struct cur
http_body(const struct ts_msg *m)
{
	struct cur b = m->body;
	const struct ts_hdr *h;
	unsigned at = 0;
	size_t n = 0, i;

	if ((h = ts_hdr_find(m, "Content-Length", &at)) == NULL)
		return b;
	for (i = 0; i < h->val.len && i < 10; i++) {
		if (h->val.p[i] < '0' || h->val.p[i] > '9')
			return b;
		n = n * 10 + (size_t)(h->val.p[i] - '0');
	}
	if (i == h->val.len && i > 0 && n < cur_left(&b))
		(void)cur_clamp(&b, n);
	return b;
}

/* Response: server banner, challenges, then the body. */
static void
http_response(const struct ts_msg *m, struct proto_ctx *ctx)
{
	const struct ts_hdr *h;
	unsigned at = 0;
	struct cur body;

	if ((h = ts_hdr_find(m, "Server", &at)) != NULL) {
		ts_fact(ctx, SUBJ_SENDER, FACT_SERVER, 70, SRC, h->val);
		for (size_t i = 0; i < NELEM(http_hik_servers); i++) {
			if (ts_ipfx(h->val, http_hik_servers[i])) {
				vendor(ctx, SUBJ_SENDER, 80, HIK);
				break;
			}
		}
	}
	at = 0;
	for (unsigned n = 0; n < HTTP_MAX_CHALLENGES &&
	    (h = ts_hdr_find(m, "WWW-Authenticate", &at)) != NULL; n++)
		ts_realm_facts(ctx, SRC, h->val);
	body = http_body(m);
	if (m->ended && cur_left(&body) > 0)
		(void)httpbody_decode(body, SUBJ_SENDER, ctx);
}

/* http_decode: one HTTP/1.x request or response head at the start of a
 * TCP payload. Responses: Server (sender, 70; a Hikvision banner adds
 * VENDOR 80), WWW-Authenticate realms (see ts_realm_facts), and a body
 * in this segment goes to httpbody_decode() for the sender. Requests: a
 * Hikvision or Dahua API path is the receiver's FACT_URL and VENDOR (60);
 * User-Agent (sender, 50); a Host that is a DNS name is FACT_DOMAIN
 * (sender, 50). Anything else, including RTSP and SSDP request lines,
 * is DEC_UNSUPPORTED. A head cut by the segment end is read as far as it
 * goes; damage (bad status, overlong or colon-less lines) is counted in
 * http.malformed and returned as DEC_MALFORMED after the facts. */
enum dec
http_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct ts_text t;

	ts_text_init(&t, payload);
	return http_decode_text(&t, ctx);
}

enum dec
http_decode_text(struct ts_text *t, struct proto_ctx *ctx)
{
	const struct ts_msg *m;
	struct ts_str target;
	bool bad;
	enum ts_kind k = ts_text_head(t, &http_dialect, &m, &target, &bad);

	if (k == TS_NOT)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, HTTP_MSGS);
	if (k == TS_RESPONSE)
		http_response(m, ctx);
	else
		http_request(m, target, ctx);
	if (bad) {
		STAT_INC(ctx->st, HTTP_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
