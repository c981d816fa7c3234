/* SPDX-License-Identifier: MIT */
/* gen_tcp.c - scripted TCP sessions: handshake, messages, acks, close. */
/*
 * A session is a list of messages (direction, builder kind, filler length).
 * Each step emits one segment: SYN, SYN-ACK, ACK, then the messages cut at the
 * MSS with a pure ACK from the receiver every ackn segments, then FIN/FIN/ACK
 * or a RST. Builders draw from a PRNG seeded by the session seed and message
 * index, so a header longer than one segment can be rebuilt identically for its
 * later parts.
 */
#include "gen.h"

#include <string.h>

/* Build the header part of message m into g->scratch; returns its length. */
static size_t
msg_build(struct gen *g, const struct sess *s, const struct msg *m)
{
	struct rng r;
	struct wb w;

	rng_seed(&r, s->seed ^ ((uint64_t)(m - s->m) << 48));
	wb_init(&w, g->scratch, SCRATCH_MAX);
	switch (m->kind) {
	case K_TLS_CH12:
	case K_TLS_CH13:
		tls_client_hello(&w, &r, s->sni, m->kind == K_TLS_CH13);
		break;
	case K_TLS_S12:
		tls_server_flight12(&w, &r, s->sni, 700 + rng_below(&r, 500));
		break;
	case K_TLS_S13:
		tls_server_flight13(&w, &r, m->extra);
		break;
	case K_TLS_CFIN12:
		tls_client_finish12(&w, &r);
		break;
	case K_TLS_FIN:
		tls_finish(&w, &r);
		break;
	case K_HTTP_REQ:
		text_http_req(&w, s, (unsigned)(s->seed >> 61));
		break;
	case K_HTTP_RESP:
		text_http_resp(&w, m->arg, s->ctype, m->extra);
		break;
	case K_CAMINFO:
		text_caminfo(&w, &g->cam[s->cam], s->cam < N_HIK);
		break;
	case K_RTSP_REQ:
	case K_RTSP_RESP:
		text_rtsp(&w, g, s, m->arg, m->kind == K_RTSP_RESP);
		break;
	case K_SMB:
		smb2_header(&w, &r, m->arg, m->extra);
		break;
	default:
		break;
	}
	g->scratch_owner = m;
	return w.n;
}

/* Write bytes [off, off + n) of message m into dst: built header, then filler.
 */
static void
msg_bytes(struct gen *g, struct sess *s, const struct msg *m, uint8_t *dst,
    uint32_t off, uint32_t n)
{
	uint32_t k = 0;

	if (m->kind ==
	    K_APP) { /* one TLS application_data record per segment */
		dst[0] = 0x17;
		dst[1] = 3;
		dst[2] = 3;
		be16(dst + 3, n - 5);
		wire_filler(g, dst + 5, n - 5);
		return;
	}
	if (off < m->hdr) {
		if (g->scratch_owner != m)
			msg_build(g, s, m);
		k = m->hdr - off < n ? m->hdr - off : n;
		memcpy(dst, g->scratch + off, k);
	}
	wire_filler(g, dst + k, n - k);
}

static bool
tcp_data(struct gen *g, struct sess *s)
{
	struct msg *m = &s->m[s->cur];
	uint32_t n;
	bool last;

	if (s->off == 0 && m->kind != K_APP && m->hdr == 0) {
		m->hdr = (uint32_t)msg_build(g, s, m);
		m->len = m->hdr + m->extra;
	}
	n = m->len - s->off < s->mss ? m->len - s->off : s->mss;
	msg_bytes(g, s, m, g->frame + wire_l4_off(&s->fl) + 20, s->off, n);
	s->off += n;
	last = s->off >= m->len;
	wire_tcp(g, s, m->dir, last ? TH_PSH | TH_ACK : TH_ACK, n);
	s->last_dir = m->dir;
	s->unacked++;
	if (last) {
		s->cur++;
		s->off = 0;
		/* A reply in the other direction carries the ack; otherwise ack
		 * now. */
		if (s->cur < s->nmsg && s->m[s->cur].dir != m->dir)
			s->unacked = 0;
		else
			s->unacked = s->ackn;
	}
	return true;
}

/* Handshake, scripted messages (receiver acks every ackn segments), FIN or RST.
 */
bool
tcp_step(struct gen *g, struct sess *s)
{
	switch (s->phase) {
	case 0:
		s->phase = 1;
		wire_tcp(g, s, 0, TH_SYN, 0);
		return true;
	case 1:
		s->phase = 2;
		wire_tcp(g, s, 1, TH_SYN | TH_ACK, 0);
		return true;
	case 2:
		s->phase = 3;
		wire_tcp(g, s, 0, TH_ACK, 0);
		return true;
	case 3:
		if (s->unacked >= s->ackn) {
			s->unacked = 0;
			wire_tcp(g, s, !s->last_dir, TH_ACK, 0);
			return true;
		}
		if (s->cur < s->nmsg)
			return tcp_data(g, s);
		if (s->rst) {
			wire_tcp(g, s, 0, TH_RST | TH_ACK, 0);
			return false;
		}
		s->phase = 4;
		wire_tcp(g, s, s->closer, TH_FIN | TH_ACK, 0);
		return true;
	case 4:
		s->phase = 5;
		wire_tcp(g, s, !s->closer, TH_FIN | TH_ACK, 0);
		return true;
	default:
		wire_tcp(g, s, s->closer, TH_ACK, 0);
		return false;
	}
}

void
tcp_add_msg(
    struct sess *s, int dir, enum mkind kind, uint32_t arg, uint32_t extra)
{
	struct msg *m;

	if (s->nmsg >= MSG_MAX)
		return;
	m = &s->m[s->nmsg++];
	m->dir = (uint8_t)dir;
	m->kind = (uint8_t)kind;
	m->arg = (uint16_t)arg;
	m->extra = extra;
}

/* nseg TLS records: full MSS except the last, which is 40..last_max bytes. */
void
tcp_add_app(
    struct gen *g, struct sess *s, int dir, uint32_t nseg, uint32_t last_max)
{
	tcp_add_msg(s, dir, K_APP, 0, 0);
	s->m[s->nmsg - 1].len = (nseg - 1) * s->mss +
	    rng_range(&g->r, 40, last_max < s->mss ? last_max : s->mss);
}

void
tcp_begin(struct gen *g, struct sess *s, struct host *c, const struct host *srv,
    enum fam fam, uint16_t sport, uint16_t mss)
{
	wire_flow(g, &s->fl, c, srv, fam, 6, wire_eport(c), sport);
	s->kind = S_TCP;
	s->mss = mss;
	s->seq[0] = (uint32_t)rng_next(&g->r);
	s->seq[1] = (uint32_t)rng_next(&g->r);
	s->win[0] = (uint16_t)rng_range(&g->r, 500, 2052);
	s->win[1] = (uint16_t)rng_range(&g->r, 250, 1024);
	s->rst = rng_below(&g->r, 25) == 0;
	s->ackn =
	    rng_below(&g->r, 10) < 6 ? 1 : 2; /* quick ack or delayed ack */
}
