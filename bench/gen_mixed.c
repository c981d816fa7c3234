/* SPDX-License-Identifier: MIT */
/* gen_mixed.c - deterministic mixed small-office capture for benchmarks. */
/*
 * Output: classic pcap (pcap-savefile(5)) written by hand in little-endian:
 * magic a1b2c3d4, version 2.4, snaplen 65535, LINKTYPE_ETHERNET; each record is
 * ts_sec, ts_usec, caplen, len and the frame without FCS (runts padded to 60
 * bytes).  Headers follow RFC 791/8200/768/793 with valid IPv4, UDP and TCP
 * checksums; 802.1Q tags per IEEE 802.1Q.
 *
 * Network seen from one mirror port of the router (router MAC fixed):
 *
 *   router 4c:5e:0c:1a:2b:3c
 *     192.168.10.1, VLAN 10 tagged trunk towards the cameras
 *       cameras 192.168.10.20-59, Hikvision/Dahua OUIs: RTP video to the
 *         NVR 192.168.10.2 and to workstations, RTSP 554, TLS uploads to
 *         cloud hosts, SSDP, WS-Discovery
 *     192.168.20.1, untagged
 *       workstations 192.168.20.100-159, 2001:db8:20::/64, fd00:20::/64:
 *         DNS, HTTPS, HTTP, IPv6 HTTPS, SMB2 over IPv6 to a NAS, mDNS,
 *         SSDP, ARP
 *
 * Camera frames that cross the router carry VLAN 10.  RTP packets are drawn
 * directly; everything else comes from N_SLOT concurrent sessions, each a small
 * script stepped one packet at a time.  Only integer arithmetic and the own
 * PRNG are used, so the same arguments always give the same bytes.
 */
#define _POSIX_C_SOURCE 200809L

#include "gen.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEF_PACKETS 1000000u
#define DEF_SEED    0x7669676965303031ull /* "vigie001" */

static const uint8_t oui_cam[6][3] = {
	{ 0x44, 0x19, 0xb6 }, { 0xc0, 0x56, 0xe3 },
	{ 0xbc, 0xad, 0x28 }, /* Hikvision */
	{ 0x3c, 0xef, 0x8c }, { 0x90, 0x02, 0xa9 },
	{ 0xe0, 0x50, 0x8b }, /* Dahua */
};
static const uint8_t oui_ws[4][3] = {
	/* Dell, HP, Intel, Apple */
	{ 0x00, 0x14, 0x22 },
	{ 0x3c, 0xd9, 0x2b },
	{ 0x00, 0x1b, 0x21 },
	{ 0xf0, 0x18, 0x98 },
};
static const uint8_t oui_nas[3] = { 0x00, 0x11, 0x32 }; /* Synology */

static const char *const names[N_NAME] = {
	"www.google.com",
	"www.youtube.com",
	"outlook.office365.com",
	"login.microsoftonline.com",
	"teams.microsoft.com",
	"graph.microsoft.com",
	"www.bing.com",
	"github.com",
	"api.github.com",
	"www.wikipedia.org",
	"slack.com",
	"zoom.us",
	"www.linkedin.com",
	"www.amazon.com",
	"s3.amazonaws.com",
	"update.googleapis.com",
	"fonts.gstatic.com",
	"www.gstatic.com",
	"accounts.google.com",
	"mail.google.com",
	"drive.google.com",
	"docs.google.com",
	"www.dropbox.com",
	"www.facebook.com",
	"www.apple.com",
	"www.icloud.com",
	"www.cloudflare.com",
	"cdn.jsdelivr.net",
	"ajax.googleapis.com",
	"www.office.com",
	"onedrive.live.com",
	"settings-win.data.microsoft.com",
	"v10.events.data.microsoft.com",
	"www.msn.com",
	"www.reddit.com",
	"stackoverflow.com",
	"www.bbc.co.uk",
	"meet.google.com",
	"www.salesforce.com",
	"app.hubspot.com",
	"www.msftconnecttest.com",
	"connectivitycheck.gstatic.com",
	"ctldl.windowsupdate.com",
	"ocsp.digicert.com",
	"download.windowsupdate.com",
	"crl.pki.goog",
	"dev.hik-connect.com",
	"alarm.hik-connect.com",
	"www.easy4ipcloud.com",
	"p2p.easy4ipcloud.com",
};

static const struct {
	const char *path, *ctype;
	uint16_t code;
	uint32_t body_min, body_max;
} http_site[N_HTTP] = {
	{ "/connecttest.txt", "text/plain", 200, 22, 22 },
	{ "/generate_204", "text/html", 204, 0, 0 },
	{ "/msdownload/update/v3/static/trustedr/en/authrootstl.cab",
	    "application/vnd.ms-cab-compressed", 200, 20000, 80000 },
	{ "/MFEwTzBNMEswSTAJBgUrDgMCGgUABBSAUQYBMq2awn1Rh6Doh%"
	  "2FsBYgFV7gQUA95QNVbR",
	    "application/ocsp-response", 200, 471, 471 },
	{ "/c/msdownload/update/software/defu/2026/01/"
	  "am_delta_patch_1.443.12.0.exe",
	    "application/octet-stream", 200, 20000, 60000 },
	{ "/gtsr1/gtsr1.crl", "application/pkix-crl", 200, 700, 2000 },
};

static const uint8_t wan_pref[16][2] = {
	{ 13, 107 },
	{ 20, 190 },
	{ 23, 215 },
	{ 34, 117 },
	{ 35, 186 },
	{ 52, 84 },
	{ 52, 97 },
	{ 104, 16 },
	{ 104, 18 },
	{ 142, 250 },
	{ 151, 101 },
	{ 157, 240 },
	{ 172, 217 },
	{ 185, 199 },
	{ 199, 232 },
	{ 216, 58 },
};
static const uint8_t cloud_pref[4][2] = { { 47, 91 }, { 47, 254 }, { 120, 24 },
	{ 120, 78 } };

/* Segments in a response body: 60% one, 30% 2-4, 10% up to 30. */
static uint32_t
body_segs(struct gen *g)
{
	uint32_t p = rng_below(&g->r, 10);

	return p < 6 ? 1
	    : p < 9  ? rng_range(&g->r, 2, 4)
		     : rng_range(&g->r, 5, 30);
}

static void
wan_host(struct gen *g, struct host *h, const uint8_t *ip, enum fam fam)
{
	memset(h, 0, sizeof(*h));
	h->seg = SEG_WAN;
	h->ttl = (uint8_t)rng_range(&g->r, 44, 58);
	memcpy(fam == FAM4 ? h->ip4 : h->ip6, ip, fam == FAM4 ? 4 : 16);
}

static void
new_https(struct gen *g, struct sess *s, bool v6)
{
	struct host srv, *c = &g->ws[rng_below(&g->r, N_WS)];
	uint32_t name = rng_below(&g->r, N_TLS_NAME), i, nreq;

	if (v6)
		wan_host(g, &srv, g->wan6[name][rng_below(&g->r, IP6_PER_NAME)],
		    FAM6);
	else
		wan_host(g, &srv, g->wan4[name][rng_below(&g->r, IPS_PER_NAME)],
		    FAM4);
	tcp_begin(g, s, c, &srv, v6 ? FAM6 : FAM4, 443, v6 ? 1440 : 1460);
	s->sni = names[name];
	tcp_add_msg(s, 0, K_TLS_CH13, 0, 0);
	tcp_add_msg(s, 1, K_TLS_S13, 0, rng_range(&g->r, 1500, 3500));
	tcp_add_msg(s, 0, K_TLS_FIN, 0, 0);
	nreq = 1 + rng_below(&g->r, 6);
	for (i = 0; i < nreq; i++) {
		tcp_add_app(g, s, 0, 1, 700);
		tcp_add_app(g, s, 1, body_segs(g), 1460);
	}
}

static void
new_https4(struct gen *g, struct sess *s)
{
	new_https(g, s, false);
}

static void
new_https6(struct gen *g, struct sess *s)
{
	new_https(g, s, true);
}

/* Camera upload to its vendor cloud: TLS 1.2 handshake, then records up. */
static void
new_camtls(struct gen *g, struct sess *s)
{
	uint32_t i = rng_below(&g->r, N_CAM);
	uint32_t name =
	    NAME_CLOUD + (i < N_HIK ? 0u : 2u) + rng_below(&g->r, 2);
	struct host srv;

	wan_host(g, &srv, g->wan4[name][rng_below(&g->r, CLOUD_IPS)], FAM4);
	tcp_begin(g, s, &g->cam[i], &srv, FAM4, 443, 1400);
	s->sni = names[name];
	tcp_add_msg(s, 0, K_TLS_CH12, 0, 0);
	tcp_add_msg(s, 1, K_TLS_S12, 0, 0);
	tcp_add_msg(s, 0, K_TLS_CFIN12, 0, 0);
	tcp_add_msg(s, 1, K_TLS_FIN, 0, 0);
	tcp_add_app(g, s, 0, rng_range(&g->r, 2, 16), 1400);
	tcp_add_app(g, s, 1, 1, 120);
	s->rst = false;
}

static void
new_http(struct gen *g, struct sess *s)
{
	uint32_t site = rng_below(&g->r, N_HTTP), name = N_TLS_NAME + site;
	struct host srv;

	wan_host(g, &srv, g->wan4[name][rng_below(&g->r, IPS_PER_NAME)], FAM4);
	tcp_begin(g, s, &g->ws[rng_below(&g->r, N_WS)], &srv, FAM4, 80, 1460);
	s->sni = names[name];
	s->path = http_site[site].path;
	tcp_add_msg(s, 0, K_HTTP_REQ, 0, 0);
	s->ctype = http_site[site].ctype;
	tcp_add_msg(s, 1, K_HTTP_RESP, http_site[site].code,
	    rng_range(
		&g->r, http_site[site].body_min, http_site[site].body_max));
	s->closer = (uint8_t)rng_below(&g->r, 2);
}

/* A workstation opens a camera's web page (device information). */
static void
new_camweb(struct gen *g, struct sess *s)
{
	uint32_t i = rng_below(&g->r, N_CAM);

	tcp_begin(
	    g, s, &g->ws[rng_below(&g->r, N_WS)], &g->cam[i], FAM4, 80, 1460);
	s->cam = (uint16_t)i;
	s->sni = g->cam[i].ip4s;
	s->path = i < N_HIK ? "/ISAPI/System/deviceInfo"
			    : "/cgi-bin/magicBox.cgi?action=getSystemInfo";
	tcp_add_msg(s, 0, K_HTTP_REQ, 0, 0);
	tcp_add_msg(s, 1, K_CAMINFO, 0, 0);
	s->closer = 1;
}

static void
new_rtsp(struct gen *g, struct sess *s)
{
	uint32_t i = rng_below(&g->r, N_CAM), k, n;

	s->nvr = rng_below(&g->r, 10) < 7;
	tcp_begin(g, s, s->nvr ? &g->nvr : &g->ws[rng_below(&g->r, 3)],
	    &g->cam[i], FAM4, 554, 1460);
	s->cam = (uint16_t)i;
	for (k = 0; k < 4; k++) {
		tcp_add_msg(s, 0, K_RTSP_REQ, k, 0);
		tcp_add_msg(s, 1, K_RTSP_RESP, k, 0);
	}
	n = rng_below(&g->r, 4);
	for (k = 0; k < n; k++) {
		tcp_add_msg(s, 0, K_RTSP_REQ, 4, 0);
		tcp_add_msg(s, 1, K_RTSP_RESP, 4, 0);
	}
	tcp_add_msg(s, 0, K_RTSP_REQ, 5, 0);
	tcp_add_msg(s, 1, K_RTSP_RESP, 5, 0);
}

/* SMB2 file reads from the NAS over ULA IPv6. */
static void
new_smb6(struct gen *g, struct sess *s)
{
	static const uint16_t cmd[4][3] = {
		{ 0, 34, 160 }, { 1, 90, 8 }, { 3, 40, 16 }, { 5, 120, 88 }
	}; /* command, request body, response body */
	uint32_t k, n = 1 + rng_below(&g->r, 8);

	tcp_begin(
	    g, s, &g->ws[rng_below(&g->r, N_WS)], &g->nas, FAMULA, 445, 1440);
	for (k = 0; k < 4; k++) {
		tcp_add_msg(s, 0, K_SMB, cmd[k][0], cmd[k][1]);
		tcp_add_msg(s, 1, K_SMB, 0x8000u | cmd[k][0], cmd[k][2]);
	}
	for (k = 0; k < n; k++) {
		tcp_add_msg(s, 0, K_SMB, 8, 49);
		tcp_add_msg(
		    s, 1, K_SMB, 0x8008, 16 + 1440 * rng_range(&g->r, 1, 16));
	}
}

static void
new_dns(struct gen *g, struct sess *s)
{
	uint32_t i;

	if (rng_below(&g->r, 100) < 85) {
		i = rng_below(&g->r, N_WS);
		s->name = (uint16_t)rng_below(&g->r, N_TLS_NAME + N_HTTP);
		s->qtype = rng_below(&g->r, 4) == 0 ? 28 : 1;
		wire_flow(g, &s->fl, &g->ws[i], &g->rtr20, FAM4, 17,
		    wire_eport(&g->ws[i]), 53);
	} else {
		i = rng_below(&g->r, N_CAM);
		s->name = (uint16_t)(NAME_CLOUD + (i < N_HIK ? 0u : 2u) +
		    rng_below(&g->r, 2));
		s->qtype = 1;
		wire_flow(g, &s->fl, &g->cam[i], &g->rtr10, FAM4, 17,
		    wire_eport(&g->cam[i]), 53);
	}
	s->kind = S_DNS;
	s->id = rng_u16(&g->r);
	s->nx = rng_below(&g->r, 40) == 0;
}

static bool
dns_step(struct gen *g, struct sess *s)
{
	uint8_t addrs[3 * 16];
	unsigned nans = 0, span, first, k;
	size_t alen = s->qtype == 28 ? 16 : 4;
	struct wb w;

	wb_init(&w, wire_udp_payload(g, &s->fl), UDP_MAX);
	if (s->step++ == 0) {
		dns_query(&w, s->id, names[s->name], s->qtype);
		wire_udp(g, &s->fl, 0, w.n);
		return true;
	}
	if (!s->nx) {
		span = s->name >= NAME_CLOUD ? CLOUD_IPS
		    : alen == 4		     ? IPS_PER_NAME
					     : IP6_PER_NAME;
		nans = 1 + rng_below(&g->r, 3);
		first = rng_below(&g->r, span - nans + 1);
		for (k = 0; k < nans; k++)
			memcpy(addrs + k * alen,
			    alen == 4 ? g->wan4[s->name][first + k]
				      : g->wan6[s->name][first + k],
			    alen);
	}
	dns_answer(&w, s->id, names[s->name], s->qtype, addrs, nans,
	    rng_range(&g->r, 30, 3600));
	wire_udp(g, &s->fl, 1, w.n);
	return false;
}

static void
mcast_host(
    struct host *h, uint8_t a, uint8_t b, uint8_t c, uint8_t d, enum seg seg)
{
	memset(h, 0, sizeof(*h));
	h->seg = (uint8_t)seg;
	h->ip4[0] = a;
	h->ip4[1] = b;
	h->ip4[2] = c;
	h->ip4[3] = d;
	memcpy(h->mac, "\x01\x00\x5e", 3);
	h->mac[3] = b & 0x7f;
	h->mac[4] = c;
	h->mac[5] = d;
}

/* One-packet multicast announcements and queries. */
static void
new_mcast(struct gen *g, struct sess *s, enum skind kind)
{
	struct host mc, *c;
	uint16_t cport;
	unsigned k;

	s->kind = (uint8_t)kind;
	if (kind == S_MDNS) {
		c = &g->ws[rng_below(&g->r, N_WS)];
		mcast_host(&mc, 224, 0, 0, 251, SEG_WS);
		wire_flow(g, &s->fl, c, &mc, FAM4, 17, 5353, 5353);
		s->fl.ttl[0] = 255;
		s->name = (uint16_t)rng_below(&g->r, 4);
		return;
	}
	s->nvr = kind == S_WSD || rng_below(&g->r, 10) < 4;
	s->cam = (uint16_t)rng_below(&g->r, N_CAM);
	if (kind == S_NOTIFY)
		c = &g->cam[s->cam];
	else
		c = s->nvr ? &g->nvr : &g->ws[rng_below(&g->r, N_WS)];
	mcast_host(&mc, 239, 255, 255, 250, (enum seg)c->seg);
	cport = kind == S_NOTIFY ? 1900 : wire_eport(c);
	wire_flow(
	    g, &s->fl, c, &mc, FAM4, 17, cport, kind == S_WSD ? 3702 : 1900);
	s->fl.ttl[0] = kind == S_WSD ? 1 : 4;
	if (s->nvr && kind != S_NOTIFY) {
		s->nresp = (uint8_t)rng_range(&g->r, 1, 3);
		k = rng_below(&g->r, N_CAM); /* distinct responders */
		s->resp[0] = (uint8_t)k;
		s->resp[1] = (uint8_t)((k + 7) % N_CAM);
		s->resp[2] = (uint8_t)((k + 19) % N_CAM);
	}
}

static void
new_mdns(struct gen *g, struct sess *s)
{
	new_mcast(g, s, S_MDNS);
}

static void
new_notify(struct gen *g, struct sess *s)
{
	new_mcast(g, s, S_NOTIFY);
}

static void
new_msearch(struct gen *g, struct sess *s)
{
	new_mcast(g, s, S_MSEARCH);
}

static void
new_wsd(struct gen *g, struct sess *s)
{
	new_mcast(g, s, S_WSD);
}

static void
new_arp(struct gen *g, struct sess *s)
{
	s->kind = S_ARP;
	s->cam = (uint16_t)rng_below(&g->r, N_CAM);
	s->id = (uint16_t)rng_below(&g->r, N_WS);
	s->name = (uint16_t)rng_below(
	    &g->r, 4); /* 0,1: ws->gw, 2: gw->cam, 3: NVR->cam */
}

/* Multicast query/announcement, then unicast replies from the cameras in
 * resp[]. */
static bool
mcast_step(struct gen *g, struct sess *s)
{
	static const char *const svc[4] = { "_googlecast._tcp.local",
		"_airplay._tcp.local", "_ipp._tcp.local",
		"_spotify-connect._tcp.local" };
	struct flow fl;
	struct wb w;
	unsigned step = s->step++;

	if (step == 0) {
		wb_init(&w, wire_udp_payload(g, &s->fl), UDP_MAX);
		if (s->kind == S_MDNS)
			mdns_query(&w, svc[s->name]);
		else
			text_disc(&w, g, s, 0);
		wire_udp(g, &s->fl, 0, w.n);
		return s->nresp > 0;
	}
	wire_flow(g, &fl, &g->cam[s->resp[step - 1]], &g->nvr, FAM4, 17,
	    s->kind == S_WSD ? 3702 : 1900, s->fl.port[0]);
	wb_init(&w, wire_udp_payload(g, &fl), UDP_MAX);
	text_disc(&w, g, s, step);
	wire_udp(g, &fl, 0, w.n);
	return step < s->nresp;
}

static bool
arp_step(struct gen *g, struct sess *s)
{
	const struct host *a, *b;
	uint16_t vlan = 0;

	if (s->name < 2) {
		a = &g->ws[s->id];
		b = &g->rtr20;
	} else {
		a = s->name == 2 ? &g->rtr10 : &g->nvr;
		b = &g->cam[s->cam];
		vlan = s->name == 2 ? VLAN_CAM : 0;
	}
	if (s->step++ == 0) {
		wire_arp(g, a, b, false, vlan);
		return true;
	}
	wire_arp(g, b, a, true, vlan);
	return false;
}

static bool
sess_step(struct gen *g, struct sess *s)
{
	switch (s->kind) {
	case S_TCP:
		return tcp_step(g, s);
	case S_DNS:
		return dns_step(g, s);
	case S_ARP:
		return arp_step(g, s);
	default:
		return mcast_step(g, s);
	}
}

/* Session mix: weight per new session (packet share also scales with session
 * length). */
static const struct {
	uint16_t weight;
	void (*start)(struct gen *, struct sess *);
} mix[] = {
	{ 850, new_dns },
	{ 190, new_https4 },
	{ 45, new_https6 },
	{ 22, new_http },
	{ 12, new_camweb },
	{ 25, new_camtls },
	{ 20, new_rtsp },
	{ 5, new_smb6 },
	{ 400, new_notify },
	{ 50, new_msearch },
	{ 25, new_wsd },
	{ 450, new_mdns },
	{ 250, new_arp },
};

static void
sess_new(struct gen *g, struct sess *s)
{
	uint32_t total = 0, pick;
	size_t i;

	for (i = 0; i < sizeof(mix) / sizeof(mix[0]); i++)
		total += mix[i].weight;
	pick = rng_below(&g->r, total);
	for (i = 0; pick >= mix[i].weight; i++)
		pick -= mix[i].weight;
	memset(s, 0, sizeof(*s));
	s->seed = rng_next(&g->r);
	if (g->scratch_owner >= s->m && g->scratch_owner < s->m + MSG_MAX)
		g->scratch_owner = NULL;
	mix[i].start(g, s);
}

/* One RTP/H.264 FU-A packet (RFC 3550, RFC 6184) of a camera stream at 25
 * frames/s. */
static void
rtp_step(struct gen *g, struct rtp *r)
{
	uint8_t *p = wire_udp_payload(g, &r->fl);
	bool first = false, last, idr;
	uint32_t n;

	if (r->left == 0) {
		r->fno++;
		r->ts += 3600;
		idr = r->fno % 50 == 0;
		r->left = (uint16_t)(idr ? rng_range(&g->r, 30, 60)
					 : rng_range(&g->r, 2, 8));
		first = true;
	}
	idr = r->fno % 50 == 0;
	last = --r->left == 0;
	n = last ? rng_range(&g->r, 200, 1400) : rng_range(&g->r, 1200, 1400);
	p[0] = 0x80;
	p[1] = (uint8_t)((last ? 0x80 : 0) | 96);
	be16(p + 2, r->seq++);
	be32(p + 4, r->ts);
	be32(p + 8, r->ssrc);
	p[12] = 0x7c; /* FU-A indicator, NRI 3 */
	p[13] =
	    (uint8_t)((first ? 0x80 : 0) | (last ? 0x40 : 0) | (idr ? 5 : 1));
	wire_filler(g, p + 14, n - 14);
	wire_udp(g, &r->fl, 0, n);
}

static void
host_mac(struct gen *g, struct host *h, const uint8_t oui[3])
{
	memcpy(h->mac, oui, 3);
	h->mac[3] = (uint8_t)rng_below(&g->r, 256);
	h->mac[4] = (uint8_t)rng_below(&g->r, 256);
	h->mac[5] = (uint8_t)rng_below(&g->r, 256);
}

static void
host_ip4(struct host *h, uint8_t net, uint8_t last, uint8_t seg, uint8_t ttl)
{
	h->ip4[0] = 192;
	h->ip4[1] = 168;
	h->ip4[2] = net;
	h->ip4[3] = last;
	fmt_ip4(h->ip4s, h->ip4);
	h->seg = seg;
	h->ttl = ttl;
}

static void
init_hosts(struct gen *g)
{
	unsigned i, k;
	struct host *h;

	for (i = 0; i < N_CAM; i++) {
		h = &g->cam[i];
		host_mac(g, h, oui_cam[(i < N_HIK ? 0 : 3) + i % 3]);
		host_ip4(h, 10, (uint8_t)(20 + i), SEG_CAM, 64);
		h->port = (uint16_t)rng_range(&g->r, 32768, 60999);
		h->model = (uint8_t)rng_below(&g->r, 3);
		for (k = 0; k < 16; k++)
			h->uuid[k] = (uint8_t)rng_below(&g->r, 256);
		h->uuid[6] = (uint8_t)(0x40 | (h->uuid[6] & 15));
	}
	for (i = 0; i < N_WS; i++) {
		h = &g->ws[i];
		host_mac(g, h, oui_ws[rng_below(&g->r, 4)]);
		host_ip4(h, 20, (uint8_t)(100 + i), SEG_WS, 128);
		h->port = (uint16_t)rng_range(&g->r, 49152, 65535);
		memcpy(h->ip6, "\x20\x01\x0d\xb8\x00\x20\x00\x00", 8);
		memcpy(h->ula, "\xfd\x00\x00\x20\x00\x00\x00\x00", 8);
		for (k = 8; k < 16; k++)
			h->ip6[k] = h->ula[k] = (uint8_t)rng_below(&g->r, 256);
	}
	host_mac(g, &g->nvr, oui_cam[0]);
	host_ip4(&g->nvr, 10, 2, SEG_CAM, 64);
	g->nvr.port = 51000;
	memcpy(g->rtr10.mac, wire_mac_router, 6);
	host_ip4(&g->rtr10, 10, 1, SEG_CAM, 64);
	memcpy(g->rtr20.mac, wire_mac_router, 6);
	host_ip4(&g->rtr20, 20, 1, SEG_WS, 64);
	host_mac(g, &g->nas, oui_nas);
	host_ip4(&g->nas, 20, 10, SEG_WS, 64);
	memcpy(g->nas.ula,
	    "\xfd\x00\x00\x20\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x10",
	    16);
}

static void
init_world(struct gen *g)
{
	unsigned i, k, b;
	struct rtp *r;

	init_hosts(g);
	for (i = 0; i < N_NAME; i++) {
		const uint8_t *pre = i >= NAME_CLOUD
		    ? cloud_pref[i - NAME_CLOUD]
		    : wan_pref[i % 16];

		for (k = 0; k < IPS_PER_NAME; k++) {
			g->wan4[i][k][0] = pre[0];
			g->wan4[i][k][1] = pre[1];
			g->wan4[i][k][2] = (uint8_t)rng_below(&g->r, 256);
			g->wan4[i][k][3] = (uint8_t)rng_range(&g->r, 1, 254);
		}
		for (k = 0; k < IP6_PER_NAME; k++) {
			memcpy(g->wan6[i][k], "\x20\x01\x0d\xb8", 4);
			be16(g->wan6[i][k] + 4, 0x1000 + i);
			for (b = 6; b < 16; b++)
				g->wan6[i][k][b] =
				    (uint8_t)(b < 14 ? 0
						     : rng_below(&g->r, 256));
		}
	}
	for (i = 0; i < POOL_SZ; i += 8) {
		uint64_t v = rng_next(&g->r);

		for (b = 0; b < 8; b++)
			g->pool[i + b] = (uint8_t)(v >> (8 * b));
	}
	for (i = 0; i < N_RTP; i++) {
		r = &g->rtp[i];
		if (i < N_CAM)
			wire_flow(g, &r->fl, &g->cam[i], &g->nvr, FAM4, 17,
			    (uint16_t)(8200 + 2 * i),
			    (uint16_t)(40000 + 2 * i));
		else
			wire_flow(g, &r->fl, &g->cam[i - N_CAM],
			    &g->ws[(i - N_CAM) % 3], FAM4, 17, 8216,
			    (uint16_t)(50000 + 2 * i));
		r->ssrc = (uint32_t)rng_next(&g->r);
		r->ts = (uint32_t)rng_next(&g->r);
		r->seq = rng_u16(&g->r);
		r->fno = (uint16_t)rng_below(&g->r, 50);
	}
	for (i = 0; i < N_SLOT; i++)
		sess_new(g, &g->slot[i]);
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: vigie-bench-gen -o PATH|- [-n PACKETS] [-s SEED]\n"
	    "  Write a deterministic mixed small-office capture (classic "
	    "pcap).\n"
	    "  -o PATH   output file, '-' for stdout\n"
	    "  -n N      number of packets (default %u)\n"
	    "  -s SEED   PRNG seed, decimal or 0x-hex (default 0x%llx)\n",
	    DEF_PACKETS, (unsigned long long)DEF_SEED);
}

static bool
parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno == 0 && end != s && *end == '\0' && s[0] != '-';
}

int
main(int argc, char **argv)
{
	uint64_t n = DEF_PACKETS, seed = DEF_SEED;
	const char *path = NULL;
	struct gen *g;
	uint32_t slot;
	int c;

	while ((c = getopt(argc, argv, "n:o:s:h")) != -1) {
		switch (c) {
		case 'n':
			if (!parse_u64(optarg, &n) || n == 0) {
				fprintf(stderr,
				    "vigie-bench-gen: -n wants a positive "
				    "count, "
				    "got '%s'\n",
				    optarg);
				return 2;
			}
			break;
		case 'o':
			path = optarg;
			break;
		case 's':
			if (!parse_u64(optarg, &seed)) {
				fprintf(stderr,
				    "vigie-bench-gen: -s wants an unsigned "
				    "number, "
				    "got '%s'\n",
				    optarg);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (path == NULL || optind != argc) {
		fprintf(stderr,
		    "vigie-bench-gen: give the output with -o PATH (or -o - "
		    "for "
		    "stdout)\n");
		usage(stderr);
		return 2;
	}
	g = calloc(1, sizeof(*g));
	if (g == NULL) {
		fprintf(stderr, "vigie-bench-gen: out of memory\n");
		return 1;
	}
	g->f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
	if (g->f == NULL) {
		fprintf(stderr, "vigie-bench-gen: cannot create %s: %s\n", path,
		    strerror(errno));
		free(g);
		return 1;
	}
	rng_seed(&g->r, seed);
	init_world(g);
	wire_header(g);
	while (g->npkt < n) {
		if (rng_below(&g->r, 1000) < RTP_PERMILLE) {
			rtp_step(g, &g->rtp[rng_below(&g->r, N_RTP)]);
			continue;
		}
		slot = rng_below(&g->r, N_SLOT);
		if (!sess_step(g, &g->slot[slot]))
			sess_new(g, &g->slot[slot]);
	}
	wire_flush(g);
	if (g->oerr || fflush(g->f) != 0 ||
	    (g->f != stdout && fclose(g->f) != 0)) {
		fprintf(stderr, "vigie-bench-gen: write to %s failed: %s\n",
		    path, strerror(errno));
		free(g);
		return 1;
	}
	fprintf(stderr,
	    "vigie-bench-gen: %" PRIu64 " packets, %" PRIu64 " bytes, %.1f s "
	    "of "
	    "traffic, seed 0x%" PRIx64 " -> %s\n",
	    g->npkt, g->nbytes, (double)g->t_us / 1e6, seed, path);
	free(g);
	return 0;
}
