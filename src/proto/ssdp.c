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
	const struct ts_hdr *h;
	unsigned at = 0;
	bool search = ts_starts(payload, "M-SEARCH ");
	bool resp = !search && ts_starts(payload, "HTTP/1.");
	size_t mlen = search ? sizeof "M-SEARCH " - 1 : sizeof "NOTIFY " - 1;

	if (!search && !resp && !ts_starts(payload, "NOTIFY "))
		return DEC_UNSUPPORTED;
	ts_parse(payload, &m);
	if (!resp && !ts_ipfx(ts_version(m.start, mlen, &target), "HTTP/1."))
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, SSDP_MSGS);
	/* "HTTP/1.1 " then the status code. */
	if (resp && !ts_status_ok(ts_from(m.start, sizeof "HTTP/1.1 " - 1)))
		m.bad = true;
	if ((h = ts_hdr_find(&m, "SERVER", &at)) != NULL)
		ts_fact(ctx, SUBJ_SENDER, FACT_SERVER, 60, SRC, h->val);
	at = 0;
	if ((h = ts_hdr_find(&m, "LOCATION", &at)) != NULL)
		ts_fact(ctx, SUBJ_SENDER, FACT_URL, 40, SRC, h->val);
	at = 0;
	if (search && (h = ts_hdr_find(&m, "USER-AGENT", &at)) != NULL)
		ts_fact(ctx, SUBJ_SENDER, FACT_USER_AGENT, 40, SRC, h->val);
	if (m.bad) {
		STAT_INC(ctx->st, SSDP_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
