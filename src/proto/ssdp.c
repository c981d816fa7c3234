/* SPDX-License-Identifier: MIT */
/* ssdp.c - SSDP (UPnP discovery) on UDP 1900: who announces, who
 * searches.
 *
 * Reference: UPnP Device Architecture 2.0, section 1 (Discovery); HTTP
 * over UDP, one message per datagram:
 *
 *   NOTIFY * HTTP/1.1       (ssdp:alive / ssdp:byebye, multicast)
 *   M-SEARCH * HTTP/1.1     (search, multicast or unicast)
 *   HTTP/1.1 200 OK         (search response, unicast)
 *   HOST:, CACHE-CONTROL:, LOCATION:, SERVER:, NT:, NTS:, USN:, ST:,
 *   MAN:, MX:, USER-AGENT: ... CRLF, then a blank line. */
#include <string.h>

#include "proto.h"
#include "textscan.h"

static const char SRC[] = "ssdp";

static const char *const ssdp_methods[] = { "M-SEARCH ", "NOTIFY ", NULL };
static const char *const ssdp_resp[] = { "HTTP/1.", NULL };
static const struct ts_dialect ssdp_dialect = {
	ssdp_resp, ssdp_methods, "HTTP/1."
};

/* ssdp_decode: one SSDP datagram. NOTIFY and search responses: SERVER
 * (sender, 60: "OS/version UPnP/1.x product/version"), LOCATION (sender's
 * description URL, FACT_URL 40); M-SEARCH: USER-AGENT (sender, 40). NT,
 * USN and ST are not reported: they carry UUIDs and URNs, seldom a maker
 * that can be cut reliably. Other payloads: DEC_UNSUPPORTED. Damage
 * (overlong or colon-less lines, a bad status) is counted in
 * ssdp.malformed and returned as DEC_MALFORMED after the facts. */
enum dec
ssdp_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct ts_msg m;
	struct ts_str target;
	const struct ts_hdr *srv = NULL, *loc = NULL, *ua = NULL;
	bool search = ts_starts(payload, "M-SEARCH ");

	if (ts_head(payload, &ssdp_dialect, &m, &target) == TS_NOT)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, SSDP_MSGS);
	/* The first of each field used, in one pass: the length of its name
	 * picks the one field it can be. */
	for (unsigned i = 0; i < m.nhdr; i++) {
		const struct ts_hdr *h = &m.hdr[i];

		switch (h->name.len) {
		case 6:
			if (srv == NULL && ts_ieq(h->name, "SERVER"))
				srv = h;
			break;
		case 8:
			if (loc == NULL && ts_ieq(h->name, "LOCATION"))
				loc = h;
			break;
		case 10:
			if (search && ua == NULL &&
			    ts_ieq(h->name, "USER-AGENT"))
				ua = h;
			break;
		default:
			break;
		}
	}
	if (srv != NULL)
		ts_fact(ctx, SUBJ_SENDER, FACT_SERVER, 60, SRC, srv->val);
	if (loc != NULL)
		ts_fact(ctx, SUBJ_SENDER, FACT_URL, 40, SRC, loc->val);
	if (ua != NULL)
		ts_fact(ctx, SUBJ_SENDER, FACT_USER_AGENT, 40, SRC, ua->val);
	if (m.bad) {
		STAT_INC(ctx->st, SSDP_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
