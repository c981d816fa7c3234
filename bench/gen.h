/* SPDX-License-Identifier: MIT */
/* gen.h - shared model, limits and interfaces of the capture generator. */
/*
 * gen_mixed.c  the network model: hosts, session mix, scheduler, command line
 * gen_tcp.c    TCP session scripts: handshake, messages, acks, FIN/RST
 * gen_text.c   text payloads: HTTP, RTSP, SSDP, WS-Discovery, camera web pages
 * gen_payload.c  binary payloads: TLS, DNS, mDNS, SMB2; PRNG and byte writer
 * gen_wire.c   Ethernet/802.1Q/IPv4/IPv6/UDP/TCP/ARP headers and pcap records
 */
#ifndef VIGIE_BENCH_GEN_H
#define VIGIE_BENCH_GEN_H

#include "gen_payload.h"

#include <stdio.h>

#define N_CAM	     40 /* cameras on 192.168.10.0/24 */
#define N_HIK	     24 /* cameras [0, N_HIK) Hikvision-style, rest Dahua */
#define N_WS	     60 /* workstations on 192.168.20.0/24 */
#define N_VIEW	     6	/* live-view RTP streams camera -> workstation */
#define N_RTP	     (N_CAM + N_VIEW)
#define N_SLOT	     160 /* concurrent interleaved sessions */
#define N_TLS_NAME   40	 /* names: HTTPS, then plain HTTP, then cloud */
#define N_HTTP	     6
#define N_NAME	     (N_TLS_NAME + N_HTTP + 4)
#define NAME_CLOUD   (N_TLS_NAME + N_HTTP) /* 2 Hikvision, 2 Dahua */
#define IPS_PER_NAME 48 /* public IPv4 addresses behind one name */
#define IP6_PER_NAME 8	/* public IPv6 addresses behind one name */
#define CLOUD_IPS    4	/* camera cloud names use only the first few */
#define RTP_PERMILLE 50 /* share of packets that are RTP video */
#define GAP_MAX_US   44 /* gap uniform in [1, GAP_MAX_US] us: ~44 kpps */
#define EPOCH_S	     1767600000u  /* 2026-01-05T08:00:00Z */
#define OUTBUF_SZ    (16u << 20)  /* output buffer, flushed when full */
#define POOL_SZ	     (256u << 10) /* random bytes payload filler comes from */
#define FRAME_MAX    2048
#define SCRATCH_MAX  8192 /* largest built message header */
#define UDP_MAX	     1472 /* largest UDP payload built */
#define MSG_MAX	     40	  /* messages in one TCP session script */
#define VLAN_CAM     10	  /* tag of camera frames crossing the router */

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PSH 0x08
#define TH_ACK 0x10

enum seg { SEG_CAM, SEG_WS, SEG_WAN };
enum fam { FAM4, FAM6, FAMULA };

struct host {
	uint8_t mac[6], ip4[4], ip6[16], ula[16], uuid[16];
	char ip4s[16];
	uint8_t seg, ttl, model;
	uint16_t port; /* next ephemeral port */
};

/* Index 0 is the client (initiator), 1 the server; MACs as seen on the wire. */
struct flow {
	uint8_t mac[2][6], ip[2][16];
	uint16_t port[2], ipid[2], vlan;
	uint32_t flabel[2];
	uint8_t ttl[2], l4;
	bool v6;
};

enum mkind {
	K_APP,
	K_TLS_CH12,
	K_TLS_CH13,
	K_TLS_S12,
	K_TLS_S13,
	K_TLS_CFIN12,
	K_TLS_FIN,
	K_HTTP_REQ,
	K_HTTP_RESP,
	K_CAMINFO,
	K_RTSP_REQ,
	K_RTSP_RESP,
	K_SMB
};

/* One application message: hdr built bytes, then extra filler bytes. */
struct msg {
	uint8_t dir, kind;
	uint16_t arg;
	uint32_t len, extra, hdr;
};

enum skind { S_TCP, S_DNS, S_MDNS, S_NOTIFY, S_MSEARCH, S_WSD, S_ARP };

struct sess {
	struct flow fl;
	struct msg m[MSG_MAX];
	const char *sni, *path, *ctype; /* TLS/HTTP host, HTTP path, type */
	uint64_t seed;
	uint32_t off, seq[2];
	uint16_t mss, win[2], id, cam, name, qtype;
	uint8_t kind, phase, nmsg, cur, unacked, ackn, last_dir, closer;
	uint8_t step, nresp;
	uint8_t resp[3];
	bool rst, nx, nvr;
};

struct rtp {
	struct flow fl;
	uint32_t ssrc, ts;
	uint16_t seq, left, fno;
};

struct gen {
	struct rng r;
	uint64_t t_us, npkt, nbytes;
	struct host cam[N_CAM], ws[N_WS], nvr, rtr10, rtr20, nas;
	struct rtp rtp[N_RTP];
	struct sess slot[N_SLOT];
	uint8_t wan4[N_NAME][IPS_PER_NAME][4];
	uint8_t wan6[N_NAME][IP6_PER_NAME][16];
	const struct msg *scratch_owner; /* whose header scratch holds */
	FILE *f;
	size_t olen;
	bool oerr;
	uint8_t obuf[OUTBUF_SZ];
	uint8_t pool[POOL_SZ];
	uint8_t frame[FRAME_MAX];
	uint8_t scratch[SCRATCH_MAX];
};

static inline void
be16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
be32(uint8_t *p, uint32_t v)
{
	be16(p, v >> 16);
	be16(p + 2, v & 0xffff);
}

static inline void
le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* gen_wire.c */
extern const uint8_t wire_mac_router[6];
/* Start the output: 24-byte pcap file header into the buffer. */
void wire_header(struct gen *g);
/* Write the buffered output to g->f; a short write sets g->oerr. */
void wire_flush(struct gen *g);
/*
 * Append g->frame[0..len) as one pcap record.  Runts are zero-padded to 60
 * bytes; packet time first advances by 1..GAP_MAX_US microseconds.
 */
void wire_emit(struct gen *g, size_t len);
/* Copy n (<= POOL_SZ) bytes of incompressible filler into dst. */
void wire_filler(struct gen *g, uint8_t *dst, size_t n);
/* Next ephemeral port of h (cameras 32768-60999, others 49152-65535). */
uint16_t wire_eport(struct host *h);
/*
 * Set up fl for client c talking to server s over address family fam and
 * transport l4 (6 or 17): addresses, ports, fresh IP ids and flow labels,
 * TTLs from the hosts, and the MACs/VLAN seen at the capture point (frames
 * leaving the local segment carry the router MAC; camera frames that cross
 * the router carry VLAN_CAM).
 */
void wire_flow(struct gen *g, struct flow *fl, const struct host *c,
    const struct host *s, enum fam fam, uint8_t l4, uint16_t cport,
    uint16_t sport);
/* Offset of the transport header in a frame of fl. */
size_t wire_l4_off(const struct flow *fl);
/* Where the UDP payload of the next frame of fl is to be written. */
uint8_t *wire_udp_payload(struct gen *g, const struct flow *fl);
/* Emit a UDP datagram of fl in direction dir (0: client to server) whose
 * paylen payload bytes are already at wire_udp_payload(). */
void wire_udp(struct gen *g, struct flow *fl, int dir, size_t paylen);
/*
 * Emit one TCP segment of session s in direction dir with flags; paylen
 * payload bytes are already at wire_l4_off() + 20.  SYNs carry MSS, window
 * scale and SACK-permitted options.  Advances s->seq[dir].
 */
void wire_tcp(
    struct gen *g, struct sess *s, int dir, uint8_t flags, size_t paylen);
/* Emit an ARP request (broadcast) or reply from host from about host to. */
void wire_arp(struct gen *g, const struct host *from, const struct host *to,
    bool reply, uint16_t vlan);

/* gen_tcp.c */
/*
 * Start TCP session s from client c (next ephemeral port) to srv:sport with
 * the given MSS; random ISNs and windows, 1 in 25 ends with a RST, 6 in 10
 * receivers ack every segment (others every second).  Messages are then
 * added with tcp_add_msg/tcp_add_app.
 */
void tcp_begin(struct gen *g, struct sess *s, struct host *c,
    const struct host *srv, enum fam fam, uint16_t sport, uint16_t mss);
/* Append a message built by kind (see enum mkind) plus extra filler bytes. */
void tcp_add_msg(
    struct sess *s, int dir, enum mkind kind, uint32_t arg, uint32_t extra);
/* Append nseg TLS application_data records (last one 40..last_max bytes). */
void tcp_add_app(
    struct gen *g, struct sess *s, int dir, uint32_t nseg, uint32_t last_max);
/* Emit the next packet of s; false when that was its last packet. */
bool tcp_step(struct gen *g, struct sess *s);

/* gen_text.c: each appends one complete text message to w. */
/* HTTP GET of s->path on host s->sni; ua picks the User-Agent. */
void text_http_req(struct wb *w, const struct sess *s, unsigned ua);
/* HTTP response head for code with a Content-Length of clen. */
void text_http_resp(
    struct wb *w, unsigned code, const char *ctype, uint32_t clen);
/* Camera device-information page (Hikvision ISAPI XML or Dahua CGI text). */
void text_caminfo(struct wb *w, const struct host *cam, bool hik);
/* RTSP request or response number step (0 OPTIONS .. 5 TEARDOWN). */
void text_rtsp(struct wb *w, const struct gen *g, const struct sess *s,
    unsigned step, bool resp);
/* SSDP NOTIFY/M-SEARCH/reply or WS-Discovery Probe/ProbeMatches: step 0 is
 * the multicast message, step k the reply of camera s->resp[k - 1]. */
void text_disc(
    struct wb *w, const struct gen *g, const struct sess *s, unsigned step);

#endif
