/* SPDX-License-Identifier: MIT */
/* telnet.c - Telnet client input in clear (TCP 23, client to server).
 *
 * Reference: RFC 854 (NVT, IAC commands), RFC 855 (option negotiation,
 * subnegotiation), RFC 1184 and RFC 885 (commands 236-239).
 *
 *   data bytes ...  IAC IAC            (a data byte 255)
 *                   IAC WILL|WONT|DO|DONT option     (3 bytes)
 *                   IAC SB option ... IAC SE         (subnegotiation)
 *                   IAC NOP|DM|BRK|IP|AO|AYT|EC|EL|GA|EOF|SUSP|ABORT|EOR
 *
 * A client segment whose data bytes (outside IAC commands and
 * subnegotiations) are text is user input: a login name, a password, a
 * command, sent to the device in clear. Stateless: a subnegotiation
 * begun in an earlier segment is read as data, one cut by the segment
 * end is skipped to the end. */
#include <stdio.h>

#include "proto.h"

#define IAC 255
#define SB 250
#define SE 240
#define WILL 251
#define DONT 254
#define CMD_MIN 236 /* lowest command byte in use (RFC 1184 EOF) */

static const char R_TELNET[] = "cleartext.telnet";

/* What one segment holds, outside commands and subnegotiations. */
struct tn_count {
	size_t data;    /* data bytes */
	size_t text;    /* of which printable ASCII, CR, LF or TAB */
	size_t high;    /* of which 0x80-0xff */
	unsigned cmds;  /* IAC commands */
	bool bad;       /* IAC followed by no command */
};

static void
tn_data(struct tn_count *k, unsigned ch)
{
	k->data++;
	if ((ch >= 0x20 && ch < 0x7f) || ch == '\r' || ch == '\n' ||
	    ch == '\t')
		k->text++;
	else if (ch >= 0x80)
		k->high++;
}

/* tn_scan: count the n bytes at q. Each pass consumes at least one. */
static void
tn_scan(const uint8_t *q, size_t n, struct tn_count *k)
{
	size_t i = 0;

	while (i < n) {
		unsigned ch = q[i++], cmd;

		if (ch != IAC) {
			tn_data(k, ch);
			continue;
		}
		if (i >= n)
			return; /* IAC cut by the segment end */
		cmd = q[i++];
		k->cmds++;
		if (cmd == IAC) {
			tn_data(k, cmd);
		} else if (cmd >= WILL && cmd <= DONT) {
			i++; /* the option byte (may be past the end) */
		} else if (cmd == SB) {
			/* Up to IAC SE; IAC IAC inside is an escaped byte. */
			while (i < n && !(q[i] == IAC && i + 1 < n &&
			    q[i + 1] == SE))
				i += q[i] == IAC && i + 1 < n ? 2 : 1;
			i += 2;
		} else if (cmd < CMD_MIN) {
			k->bad = true;
		}
	}
}

/* telnet_decode: a TCP payload from a Telnet client to its server (the
 * caller tells the direction: port 23, client to server). A segment
 * whose data bytes are mostly binary (more bytes 0x80-0xff than text,
 * and no IAC command: TLS, SSH or a binary probe on port 23) is
 * DEC_UNSUPPORTED. Otherwise telnet.msgs counts it and, if it carries
 * text data (printable ASCII, CR, LF, TAB), it reports
 * cleartext.telnet about the receiver once, evidence "telnet session
 * with client input, <n> bytes" (never the bytes typed). An IAC followed
 * by no command byte counts telnet.malformed and returns DEC_MALFORMED
 * after the finding. */
enum dec
telnet_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct cur c = payload;
	size_t n = cur_left(&c);
	const uint8_t *q = cur_take(&c, n);
	struct tn_count k = { 0, 0, 0, 0, false };
	char ev[64];
	int len;

	if (n == 0 || q == NULL)
		return DEC_UNSUPPORTED;
	tn_scan(q, n, &k);
	if (k.cmds == 0 && (k.text == 0 || k.high > k.text))
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, TELNET_MSGS);
	if (k.text > 0 && k.high <= k.text) {
		len = snprintf(ev, sizeof ev,
		    "telnet session with client input, %zu bytes", k.data);
		if (len > 0 && (size_t)len < sizeof ev)
			proto_finding(ctx, SUBJ_RECEIVER, R_TELNET, ev,
			    (size_t)len);
	}
	if (k.bad) {
		STAT_INC(ctx->st, TELNET_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
