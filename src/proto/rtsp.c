/* SPDX-License-Identifier: MIT */
/* rtsp.c - RTSP/1.0 message heads: server banners, realms, the stream
 * URL paths that name the camera's maker.
 *
 * Reference: RFC 2326 sections 6, 7 and 12 (request and response syntax,
 * Server, User-Agent, WWW-Authenticate). Vendor strings:
 * ../shared/docs/network.md section 1.5 (F10, F11).
 *
 *   request:  METHOD SP rtsp://host[:port]/path[?query] SP RTSP/1.0 CRLF
 *   response: RTSP/1.0 SP 3DIGIT SP reason CRLF
 *   then header lines, a blank line, and an optional body (SDP). */
#include <string.h>

#include "proto.h"
#include "textscan.h"

static const char SRC[] = "rtsp";
static const char HIK[] = "Hikvision";
static const char DAHUA[] = "Dahua";

/* RFC 2326 section 10 methods, with their space. */
static const char *const rtsp_methods[] = {
	"OPTIONS ", "DESCRIBE ", "SETUP ", "PLAY ", "PAUSE ", "TEARDOWN ",
	"GET_PARAMETER ", "SET_PARAMETER ", "ANNOUNCE ", "RECORD ",
	"REDIRECT ", NULL,
};
static const char *const rtsp_resp[] = { "RTSP/1.0 ", NULL };
const struct ts_text_dialect rtsp_dialect = {
	{ rtsp_resp, rtsp_methods, "RTSP/1." },
	TS_LETTER('R') | TS_LETTER('O') | TS_LETTER('D') | TS_LETTER('S') |
	    TS_LETTER('P') | TS_LETTER('T') | TS_LETTER('G') | TS_LETTER('A')
};

/* Stream paths served only by one maker's cameras and recorders. */
static const struct rtsp_vpath {
	const char *path;     /* prefix of the URL path, any case */
	const char *vendor;
} rtsp_vpaths[] = {
	{ "/Streaming/Channels/", HIK },
	{ "/h264/ch1/", HIK },
	{ "/ISAPI/Streaming/", HIK },
	{ "/cam/realmonitor", DAHUA },
	{ "/cam/playback", DAHUA },
};

/* Server banners of Dahua RTSP servers and the confidence each gives. */
static const struct rtsp_banner {
	const char *prefix;
	unsigned conf;
} rtsp_dahua_servers[] = {
	{ "Dahua Rtsp Server", 80 },
	{ "Rtsp Server/3.0", 60 },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Most WWW-Authenticate fields read per response. */
#define RTSP_MAX_CHALLENGES 4

static void
vendor(struct proto_ctx *ctx, unsigned subj, unsigned conf, const char *v)
{
	proto_fact(ctx, subj, FACT_VENDOR, conf, SRC, v, strlen(v));
}

/* Request: the URL path names the server's maker; User-Agent. */
static void
rtsp_request(const struct ts_msg *m, struct ts_str target,
    struct proto_ctx *ctx)
{
	struct ts_str path = ts_path(target);
	const struct ts_hdr *h;
	unsigned at = 0;

	for (size_t i = 0; i < NELEM(rtsp_vpaths); i++) {
		if (ts_ipfx(path, rtsp_vpaths[i].path)) {
			ts_fact(ctx, SUBJ_RECEIVER, FACT_URL, 60, SRC, path);
			vendor(ctx, SUBJ_RECEIVER, 60, rtsp_vpaths[i].vendor);
			break;
		}
	}
	if ((h = ts_hdr_find(m, "User-Agent", &at)) != NULL)
		ts_fact(ctx, SUBJ_SENDER, FACT_USER_AGENT, 50, SRC, h->val);
}

/* Response: Server banner and authentication challenges. */
static void
rtsp_response(const struct ts_msg *m, struct proto_ctx *ctx)
{
	const struct ts_hdr *h;
	unsigned at = 0;

	if ((h = ts_hdr_find(m, "Server", &at)) != NULL) {
		ts_fact(ctx, SUBJ_SENDER, FACT_SERVER, 70, SRC, h->val);
		for (size_t i = 0; i < NELEM(rtsp_dahua_servers); i++) {
			if (ts_ipfx(h->val, rtsp_dahua_servers[i].prefix)) {
				vendor(ctx, SUBJ_SENDER,
				    rtsp_dahua_servers[i].conf, DAHUA);
				break;
			}
		}
	}
	at = 0;
	for (unsigned n = 0; n < RTSP_MAX_CHALLENGES &&
	    (h = ts_hdr_find(m, "WWW-Authenticate", &at)) != NULL; n++)
		ts_realm_facts(ctx, SRC, h->val);
}

/* rtsp_decode: one RTSP/1.0 request or response head at the start of a
 * TCP payload (interleaved '$' data and anything else: DEC_UNSUPPORTED).
 * Responses: Server (sender, 70; "Dahua Rtsp Server" adds VENDOR Dahua
 * 80, "Rtsp Server/3.0" VENDOR Dahua 60), WWW-Authenticate realms (see
 * ts_realm_facts: "Login to <serial>" is Dahua, "Hikvision"). Requests:
 * a Hikvision or Dahua stream path is the receiver's FACT_URL (path only:
 * scheme, host, credentials and query are cut) and VENDOR (60);
 * User-Agent (sender, 50). Damage is counted in rtsp.malformed and
 * returned as DEC_MALFORMED after the facts. */
enum dec
rtsp_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct ts_text t;

	ts_text_init(&t, payload);
	return rtsp_decode_text(&t, ctx);
}

enum dec
rtsp_decode_text(struct ts_text *t, struct proto_ctx *ctx)
{
	const struct ts_msg *m;
	struct ts_str target;
	bool bad;
	enum ts_kind k = ts_text_head(t, &rtsp_dialect, &m, &target, &bad);

	if (k == TS_NOT)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, RTSP_MSGS);
	if (k == TS_RESPONSE)
		rtsp_response(m, ctx);
	else
		rtsp_request(m, target, ctx);
	if (bad) {
		STAT_INC(ctx->st, RTSP_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
