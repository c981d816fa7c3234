/* SPDX-License-Identifier: MIT */
/* ftp.c - FTP credentials in clear (TCP 21, client to server).
 *
 * Reference: RFC 959 sections 4.1.1 and 5.3 (USER, PASS, command
 * syntax); RFC 2389 (feature commands of four letters).
 *
 *   command = 3-4 letters (any case) [ SP argument ] CRLF
 *   USER <name> CRLF    PASS <password> CRLF
 *
 * After AUTH TLS the control connection is TLS and no longer starts with
 * a letter: such segments are not FTP to this decoder. */
#include <string.h>

#include "proto.h"
#include "textscan.h"

#define FTP_LINES_MAX 16    /* command lines looked at per segment */
#define FTP_LINE_MAX 512    /* longer command lines are counted as
                             * malformed: RFC 959 sets no bound, but
                             * commands are short and overlong ones
                             * are the classic overflow attempt */
#define FTP_NAME_MAX 64     /* user name bytes in the evidence */

static const char R_FTP[] = "cleartext.ftp";
static const char PASS[] = "PASS";

/* cmd_len: length of the command word at the start of s (3 or 4 ASCII
 * letters followed by a space or the end of the line), or 0. */
static size_t
cmd_len(struct ts_str s)
{
	size_t n = 0;

	while (n < s.len && n < 5 && ((s.p[n] >= 'A' && s.p[n] <= 'Z') ||
	    (s.p[n] >= 'a' && s.p[n] <= 'z')))
		n++;
	if (n < 3 || n > 4 || (n < s.len && s.p[n] != ' '))
		return 0;
	return n;
}

/* One command line; false if it is no command. */
static bool
ftp_line(struct proto_ctx *ctx, struct ts_str line)
{
	size_t n = cmd_len(line);
	struct ts_str word = { line.p, n }, arg;
	char ev[4 + 1 + FTP_NAME_MAX];

	if (n == 0 || line.len > FTP_LINE_MAX)
		return false;
	if (ts_ieq(word, "USER")) {
		/* "USER <name>": the command as sent, one space, the name
		 * without the blanks around it. */
		arg = ts_trim(ts_from(line, n));
		if (arg.len > FTP_NAME_MAX)
			arg.len = FTP_NAME_MAX;
		memcpy(ev, word.p, n);
		ev[n] = ' ';
		if (arg.len > 0)
			memcpy(ev + n + 1, arg.p, arg.len);
		proto_finding(ctx, SUBJ_RECEIVER, R_FTP, ev,
		    arg.len > 0 ? n + 1 + arg.len : n);
	} else if (ts_ieq(word, "PASS")) {
		proto_finding(ctx, SUBJ_RECEIVER, R_FTP, PASS, sizeof PASS - 1);
	}
	return true;
}

/* ftp_decode: a TCP payload from an FTP client to its server (the caller
 * tells the direction: port 21, client to server). DEC_UNSUPPORTED unless
 * it starts with a command word (3-4 letters, then a space or the end of
 * the line). Up to FTP_LINES_MAX lines: USER reports cleartext.ftp about
 * the receiver with evidence "USER <name>" (name capped at FTP_NAME_MAX
 * bytes), PASS reports cleartext.ftp with evidence "PASS" (never the
 * password). Counts ftp.msgs; a line over FTP_LINE_MAX bytes or one that
 * is no command counts ftp.malformed once and returns DEC_MALFORMED after
 * the findings. */
enum dec
ftp_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct cur c = payload;
	struct ts_str line;
	enum ts_eol k = ts_line(&c, &line);
	bool bad = false;

	if (k == TS_NONE || cmd_len(line) == 0)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, FTP_MSGS);
	for (unsigned i = 0; i < FTP_LINES_MAX; i++) {
		/* A blank line between commands is tolerated. */
		if (k == TS_LONG || (line.len > 0 && !ftp_line(ctx, line)))
			bad = true;
		if (k != TS_EOL || bad)
			break;
		if ((k = ts_line(&c, &line)) == TS_NONE)
			break;
	}
	if (bad) {
		STAT_INC(ctx->st, FTP_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
