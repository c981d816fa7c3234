/* SPDX-License-Identifier: MIT */
/* dhp2p.c - Dahua P2P (Easy4IP / IMOU cloud rendezvous, UDP 8800), its
 * PTCP tunnel datagrams and its NAT probes.
 *
 * No public specification; layouts from ../shared/docs/network.md section 2.2
 * (khoanguyen-3fc/dh-p2p: README.md, helpers.py, main.py, ptcp.lua):
 *
 *   rendezvous (HTTP-like text in one UDP datagram):
 *     DHGET|DHPOST SP path SP HTTP/1.1 CRLF
 *     CSeq: n CRLF  Authorization: WSSE profile="UsernameToken" CRLF
 *     X-WSSE: UsernameToken Username="...", PasswordDigest="..." CRLF
 *     CRLF  [<body>...</body>]
 *   PTCP ("PhonyTCP"), both ends of a tunnel, big-endian:
 *     0      4      8      12     16     20     24
 *     "PTCP" | sent | recv | pid  | lmid | rmid | body...
 *   NAT probe: a STUN message with every bit inverted:
 *     ff fe ff e7 (Binding Request, length 24) or fe fe ff e7 (Binding
 *     Success Response), cookie(4), transaction id(12), 24 bytes of
 *     attributes: 44 bytes in all.
 *
 * The rendezvous paths seen (/probe/p2psrv, /online/p2psrv/{SN},
 * /probe/device/{SN}, /online/relay, /device/{SN}/p2p-channel,
 * /relay/agent) are all sent by the client (the viewing app): the {SN}
 * names the camera it wants to reach, which is neither the sender nor
 * the receiver (a cloud server), so it is not reported. */
#include <string.h>

#include "proto.h"
#include "textscan.h"

static const char SRC[] = "dhp2p";
static const char P2P[] = "dahua-p2p";
static const char PTCP[] = "dahua-ptcp";
static const char PROBE[] = "dahua-p2p-probe";

/* PTCP header: magic and five 32-bit words. */
#define DHP2P_PTCP_HDR 24

/* NAT probe: 20-byte inverted STUN header + the 24 attribute bytes its
 * inverted length field (ff e7 = ~0x0018) announces. */
#define DHP2P_PROBE_LEN 44

static void
protocol(struct proto_ctx *ctx, unsigned conf, const char *v, size_t n)
{
	proto_fact(ctx, SUBJ_SENDER, FACT_PROTOCOL, conf, SRC, v, n);
}

/* A rendezvous request: "DHGET " / "DHPOST " + path + " HTTP/1.1". */
static enum dec
dhp2p_text(struct cur payload, size_t mlen, struct proto_ctx *ctx)
{
	struct cur c = payload;
	struct ts_str line, target;
	enum ts_eol k = ts_line(&c, &line);

	if (k != TS_EOL && k != TS_END)
		return DEC_UNSUPPORTED;
	if (!ts_eq(ts_version(line, mlen, &target), "HTTP/1.1") ||
	    target.len == 0 || target.p[0] != '/')
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, DHP2P_MSGS);
	protocol(ctx, 90, P2P, sizeof P2P - 1);
	return DEC_OK;
}

/* dhp2p_decode: one UDP datagram of Dahua P2P. A DHGET/DHPOST request
 * line ending in HTTP/1.1 is FACT_PROTOCOL "dahua-p2p" (sender, 90); the
 * WSSE credentials are never reported. "PTCP" with a full 24-byte header
 * is "dahua-ptcp" (sender, 80). An inverted-STUN NAT probe (ff fe ff e7 /
 * fe fe ff e7, 44 bytes or more) is "dahua-p2p-probe" (sender, 60).
 * A PTCP or probe magic on a datagram too short for its header is
 * counted in dhp2p.malformed (DEC_MALFORMED, no fact); anything else is
 * DEC_UNSUPPORTED. */
enum dec
dhp2p_decode(struct cur payload, struct proto_ctx *ctx)
{
	size_t n = cur_left(&payload);

	if (ts_starts(payload, "DHGET "))
		return dhp2p_text(payload, sizeof "DHGET " - 1, ctx);
	if (ts_starts(payload, "DHPOST "))
		return dhp2p_text(payload, sizeof "DHPOST " - 1, ctx);
	if (ts_starts(payload, "PTCP")) {
		STAT_INC(ctx->st, DHP2P_MSGS);
		if (n < DHP2P_PTCP_HDR) {
			STAT_INC(ctx->st, DHP2P_MALFORMED);
			return DEC_MALFORMED;
		}
		protocol(ctx, 80, PTCP, sizeof PTCP - 1);
		return DEC_OK;
	}
	if (ts_starts(payload, "\xff\xfe\xff\xe7") ||
	    ts_starts(payload, "\xfe\xfe\xff\xe7")) {
		STAT_INC(ctx->st, DHP2P_MSGS);
		if (n < DHP2P_PROBE_LEN) {
			STAT_INC(ctx->st, DHP2P_MALFORMED);
			return DEC_MALFORMED;
		}
		protocol(ctx, 60, PROBE, sizeof PROBE - 1);
		return DEC_OK;
	}
	return DEC_UNSUPPORTED;
}
