/* SPDX-License-Identifier: MIT */
/* inspect.c - dispatch to the application decoders, and from facts to
 * device evidence. */
#include "inspect.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../proto/proto.h"
#include "../proto/textscan.h"
#include "alerts.h"
#include "ascii.h"
#include "hash.h"
#include "limits.h"
#include "names.h"

/* Longest name the domain memo keeps (a name longer is looked up). */
#define DMEMO_NAME 47

/* A fact collected during one decoder call; its value is in the arena. */
struct cfact {
	const char *source;
	uint32_t off;
	uint8_t subject, field, conf, len;
};

struct inspector {
	const struct kb *kb;
	struct host_table *ht;
	const struct netset *local;
	struct stats *st;
	struct names *names;            /* remote address -> name (or NULL) */
	struct alerts *alerts;          /* findings become alerts (or NULL) */
	struct ident_pool *ip;
	const struct pkt *p;
	struct cfact f[PROTO_MAX_FACTS];
	unsigned nf;
	char arena[PROTO_MAX_FACTS * IDENT_VAL_MAX];
	uint32_t used;
	struct hcache {                 /* recent (MAC, address) -> host */
		uint64_t tag;
		struct host *h;
		struct host_key key;    /* h's key when cached */
	} hc[INSPECT_HOSTS];
	struct budget {
		uint64_t key;           /* sender+decoder (| 1; 0: unused) */
		uint64_t win_used;      /* window << 8 | units used in it */
	} budget[INSPECT_SLOTS],        /* announcements */
	  tcp[INSPECT_SLOTS];           /* TCP connection directions */
	_Alignas(64) struct dmemo {     /* recent names -> kb_domain() */
		uint64_t h;             /* hash_str() of the name; 0: none */
		const struct kb_domain *d;
		uint8_t len;
		char name[DMEMO_NAME];
	} dm[INSPECT_DOMAINS];
};

_Static_assert(sizeof(struct dmemo) == 64, "a domain memo entry is a line");
_Static_assert(_Alignof(struct inspector) == 64 &&
    offsetof(struct inspector, dm) % 64 == 0, "memo entries start on a line");

struct inspector *
inspect_new(const struct kb *kb, struct host_table *ht,
    const struct netset *local, uint32_t max_idents, struct names *names,
    struct alerts *alerts, struct stats *st)
{
	/* Aligned as its domain memo, whose entries are a line each. */
	struct inspector *in = aligned_alloc(_Alignof(struct inspector),
	    sizeof *in);

	if (in == NULL)
		return NULL;
	memset(in, 0, sizeof *in);
	in->kb = kb;
	in->ht = ht;
	in->local = local;
	in->st = st;
	in->names = names;
	in->alerts = alerts;
	in->ip = ident_pool_new(max_idents, st);
	if (in->ip == NULL) {
		free(in);
		return NULL;
	}
	return in;
}

void
inspect_free(struct inspector *in)
{
	if (in == NULL)
		return;
	ident_pool_free(in->ip);
	free(in);
}

static struct host *host_of(struct inspector *in, const uint8_t *mac,
    const struct addr *ip);
static bool is_local(struct inspector *in, const struct addr *ip,
    const uint8_t *mac);

/* Out of line: inspect_packet() runs for every packet and is inlined
 * into the packet loop, which needs only its tests, not what follows;
 * on_finding(), rare, would give on_fact() its stack frame and canary. */
#if defined(__GNUC__)
#define INSPECT_NOINLINE __attribute__((noinline))
#else
#define INSPECT_NOINLINE
#endif

/* Decoders call this for each finding: it becomes an alert about the
 * local device it concerns (the subject), with the other end as the
 * remote one. Findings about devices outside --local are only counted. */
static INSPECT_NOINLINE void
on_finding(void *ud, const struct finding *f)
{
	struct inspector *in = ud;
	const struct pkt *p = in->p;
	const struct alert_rule *rule;
	const struct addr *dev, *rem;
	const uint8_t *mac;
	struct host *h;
	struct host_key k;
	char key[ALERT_DEVICE_MAX];

	if (in->alerts == NULL || p->l3 == 0 || f->rule == NULL ||
	    (rule = alert_rule_find(f->rule)) == NULL)
		return;
	dev = f->subject == SUBJ_SENDER ? &p->src : &p->dst;
	rem = f->subject == SUBJ_SENDER ? &p->dst : &p->src;
	mac = f->subject == SUBJ_SENDER ? p->mac_src : p->mac_dst;
	/* The device must be ours; for a cloud rule the other end must not
	 * be (two local hosts speaking P2P are not using a relay). */
	if (!is_local(in, dev, mac) || addr_is_group(dev) ||
	    (f->subject == SUBJ_SENDER && is_local(in, rem, NULL))) {
		STAT_INC(in->st, FINDINGS_REMOTE);
		return;
	}
	h = host_of(in, mac, dev);
	if (h != NULL)
		k = h->k;
	else
		host_key_ip(&k, dev);
	host_key_fmt(&k, key, sizeof key);
	(void)alerts_hit(in->alerts, rule, key, rem, NULL, f->val, f->len,
	    p->ts_us, p->ts_us, 1, 0);
}

/* Decoders call this for each DNS answer: the receiver (the client)
 * learnt that the name is at the address. */
static void
on_answer(void *ud, const struct dns_answer *a)
{
	struct inspector *in = ud;

	if (in->names != NULL && in->p->l3)
		names_put(in->names, &in->p->dst, &a->addr, a->name, a->nlen,
		    NAME_DNS, in->p->ts_us);
}

/* kb_domain() of name (n > 0 bytes) through a memo of recent names:
 * hosts look the same few hundred names up again and again, and the
 * knowledge base does not change while packets are read. Out of line:
 * most names never get here (see domain_fact). */
static INSPECT_NOINLINE const struct kb_domain *
domain_memo(struct inspector *in, const char *name, size_t n)
{
	struct dmemo *m;
	uint64_t h;

	if (n > DMEMO_NAME)
		return kb_domain(in->kb, name, n);
	h = hash_str(name, n, 0x646f6d61696e73ull);
	m = &in->dm[h >> 1 & (INSPECT_DOMAINS - 1)];
	if (m->h != h || m->len != n || !bytes_same(m->name, name, n)) {
		m->h = h;
		m->len = (uint8_t)n;
		memcpy(m->name, name, n);
		m->d = kb_domain(in->kb, name, n);
	}
	return m->d;
}

/* Keep a copy of fact f (len > 0 bytes) for the end of the decoder call.
 * Out of line, as the other steps of on_fact() after its first tests:
 * these then need no stack frame, which most facts (names looked up that
 * are no vendor's) are spared. */
static INSPECT_NOINLINE void
keep_fact(struct inspector *in, const struct fact *f, size_t len)
{
	struct cfact *c;

	if (f->field == FACT_PROTOCOL && f->subject == SUBJ_SENDER &&
	    ((len == 7 && memcmp(f->val, "cs2-p2p", 7) == 0) ||
	    (len == 9 && memcmp(f->val, "dahua-p2p", 9) == 0))) {
		struct finding g = { SUBJ_SENDER, "cloud.p2p-relay", f->val,
			len };
		on_finding(in, &g);
	}
	if (in->nf >= PROTO_MAX_FACTS) {
		STAT_INC(in->st, FACTS_DROPPED);
		return;
	}
	if (len > IDENT_VAL_MAX - 1)
		len = IDENT_VAL_MAX - 1;
	c = &in->f[in->nf++];
	c->source = f->source;
	c->off = in->used;
	c->subject = f->subject;
	c->field = f->field;
	c->conf = f->confidence > 100 ? 100 : f->confidence;
	c->len = (uint8_t)len;
	memcpy(in->arena + in->used, f->val, len);
	in->used += (uint32_t)len;
}

/* A domain fact f (len bytes) whose name the knowledge base's filter
 * lets through: kept if kb_domain() knows it. */
static INSPECT_NOINLINE void
keep_domain(struct inspector *in, const struct fact *f, size_t len)
{
	if (domain_memo(in, f->val, len) != NULL)
		keep_fact(in, f, len);
}

/* Names looked up are evidence only when they belong to a vendor cloud,
 * P2P service or app (a workstation's thousand lookups are not): most
 * are turned away by the knowledge base's filter of name tails. */
static inline void
domain_fact(struct inspector *in, const struct fact *f, size_t len)
{
	if (kb_domain_may_match(in->kb, f->val, len))
		keep_domain(in, f, len);
}

/* A domain fact f (len bytes) of a sender, by a source whose name starts
 * as "tls" or "http" does: the name a client sent in its own TLS or HTTP
 * connection names the server it reached. */
static INSPECT_NOINLINE void
sender_domain(struct inspector *in, const struct fact *f, size_t len)
{
	enum name_src src = strcmp(f->source, "tls") == 0 ? NAME_TLS :
	    strcmp(f->source, "http") == 0 ? NAME_HTTP : NAME_NONE;

	if (src != NAME_NONE)
		names_put(in->names, &in->p->src, &in->p->dst, f->val, len,
		    src, in->p->ts_us);
	domain_fact(in, f, len);
}

/* Decoders call this for each fact: keep a copy for the end of the call
 * (a name looked up only if it is a vendor's, see domain_fact). */
static void
on_fact(void *ud, const struct fact *f)
{
	struct inspector *in = ud;
	size_t len = f->len;

	if (f->field >= FACT_COUNT || f->subject >= SUBJ_MAX || len == 0 ||
	    f->val == NULL || f->source == NULL)
		return;
	if (f->field != FACT_DOMAIN)
		keep_fact(in, f, len);
	/* The first byte settles most sources ("dns"). */
	else if (in->names && f->subject == SUBJ_SENDER && in->p->l3 &&
	    (f->source[0] == 't' || f->source[0] == 'h'))
		sender_domain(in, f, len);
	else
		domain_fact(in, f, len);
}

/* Is (ip, mac) one of ours? */
static bool
is_local(struct inspector *in, const struct addr *ip, const uint8_t *mac)
{
	return (ip != NULL && netset_has(in->local, ip) &&
	    !addr_is_group(ip)) ||
	    (mac != NULL && host_is_endpoint(in->ht, mac));
}

/* The host for (mac, ip), through a small cache of recent answers: the
 * same few devices speak most of the messages. A cached host is used only
 * if its slot still holds the same key (and a MAC-keyed one is still not
 * a router); then it is only touched (host_touch(): the most recent,
 * its last-seen time moved on), so a device heard over one long flow is
 * not the table's oldest. */
static struct host *
host_of(struct inspector *in, const uint8_t *mac, const struct addr *ip)
{
	static const struct addr none; /* unspecified: no address */
	struct host_obs o = { mac, ip ? ip : &none, in->p->vlan,
		in->p->ts_us };
	uint64_t tag = hash_bytes(o.ip, sizeof *o.ip, 0x3c6ef372fe94f82bull);
	struct hcache *c;
	struct host *h;

	if (mac)
		tag = hash_bytes(mac, 6, tag);
	tag |= 1;
	c = &in->hc[tag >> 1 & (INSPECT_HOSTS - 1)]; /* bit 0 is always set */
	if (c->tag == tag && memcmp(&c->h->k, &c->key, sizeof c->key) == 0 &&
	    !(c->key.kind == HOST_BY_MAC && c->h->router)) {
		host_touch(in->ht, c->h, o.ts_us);
		return c->h;
	}
	h = host_flow(in->ht, &o, false, 0, 0, 0, 0);
	if (h != NULL) {
		c->tag = tag;
		c->h = h;
		c->key = h->k;
	}
	return h;
}

/* The device a stated subject is: the sender itself if it names the
 * sender's MAC or address, else the device at the stated (local) address,
 * else the one with the stated MAC. */
static struct host *
stated(struct inspector *in, unsigned s)
{
	const struct pkt *p = in->p;
	uint8_t mac[6];
	struct addr ip;
	bool hm = false, hi = false;

	for (unsigned i = 0; i < in->nf; i++) {
		const struct cfact *c = &in->f[i];
		char t[64];

		if (c->subject != s)
			continue;
		if (c->field == FACT_MAC && !hm)
			hm = mac_parse(in->arena + c->off, c->len, mac);
		if (c->field == FACT_IP && !hi && c->len < sizeof t) {
			memcpy(t, in->arena + c->off, c->len);
			t[c->len] = '\0';
			t[strcspn(t, "/%] ")] = '\0'; /* "fe80::1/64" */
			hi = addr_parse(&ip, t[0] == '[' ? t + 1 : t) &&
			    addr_is_unicast(&ip);
		}
	}
	if ((hm && p->mac_src && memcmp(mac, p->mac_src, 6) == 0) ||
	    (hi && p->l3 && memcmp(&ip, &p->src, sizeof ip) == 0) ||
	    (!hm && !hi))
		return is_local(in, p->l3 ? &p->src : NULL, p->mac_src) ?
		    host_of(in, p->mac_src, p->l3 ? &p->src : NULL) : NULL;
	if (hi)
		return is_local(in, &ip, NULL) ? host_of(in, NULL, &ip) : NULL;
	return host_of(in, mac, NULL);
}

static struct host *
resolve(struct inspector *in, unsigned s)
{
	const struct pkt *p = in->p;
	const struct addr *src = p->l3 ? &p->src : NULL;
	const struct addr *dst = p->l3 ? &p->dst : NULL;

	if (s == SUBJ_SENDER) {
		/* A sender with no address yet (DHCP from 0.0.0.0) is on
		 * this link: its MAC names it. */
		if (src != NULL && !addr_is_unicast(src) && p->mac_src &&
		    !addr_is_group(src))
			return host_of(in, p->mac_src, NULL);
		return is_local(in, src, p->mac_src) ?
		    host_of(in, p->mac_src, src) : NULL;
	}
	if (s == SUBJ_RECEIVER)
		return dst && !addr_is_group(dst) &&
		    is_local(in, dst, p->mac_dst) ?
		    host_of(in, p->mac_dst, dst) : NULL;
	return stated(in, s);
}

static struct ident *
ident_of(struct inspector *in, struct host *h)
{
	if (h->ident == 0 && (h->ident = ident_alloc(in->ip)) == 0) {
		STAT_INC(in->st, EVIDENCE_DROPPED);
		return NULL;
	}
	return ident_get(in->ip, h->ident);
}

/* Fold the collected facts into the evidence of their devices. */
static void
apply(struct inspector *in)
{
	struct host *subj[SUBJ_MAX];
	bool done[SUBJ_MAX] = { false };
	char key[64];

	for (unsigned i = 0; i < in->nf; i++) {
		const struct cfact *c = &in->f[i];
		struct ident *id;

		if (!done[c->subject]) {
			subj[c->subject] = resolve(in, c->subject);
			done[c->subject] = true;
			if (c->subject >= SUBJ_STATED && subj[c->subject]) {
				/* Say who stated it, if not itself. */
				struct host *snd = resolve(in, SUBJ_SENDER);
				if (snd && snd != subj[c->subject] &&
				    (id = ident_of(in, subj[c->subject])))
					host_key_fmt(&snd->k, key, sizeof key),
					ident_add(in->ip, id, "stated",
					    FACT_REPORTED_BY, 90, key,
					    strlen(key), in->p->ts_us);
			}
		}
		if (subj[c->subject] == NULL) {
			STAT_INC(in->st, FACTS_REMOTE);
			continue;
		}
		if ((id = ident_of(in, subj[c->subject])) != NULL)
			ident_add(in->ip, id, c->source, c->field, c->conf,
			    in->arena + c->off, c->len, in->p->ts_us);
	}
}

/* A decoder call's context, with no facts kept yet. */
static inline struct proto_ctx
call_begin(struct inspector *in)
{
	in->nf = 0;
	in->used = 0;
	return (struct proto_ctx){ in->p, in->st, on_fact, in, on_finding,
		on_answer };
}

static INSPECT_NOINLINE void
run(struct inspector *in, proto_fn fn, struct cur payload)
{
	struct proto_ctx c = call_begin(in);

	(void)fn(payload, &c);
	if (in->nf)
		apply(in);
}

/* run() for a decoder of text heads: the decoders of one segment share
 * its split head. */
static INSPECT_NOINLINE void
run_text(struct inspector *in, enum dec (*fn)(struct ts_text *,
    struct proto_ctx *), struct ts_text *t)
{
	struct proto_ctx c = call_begin(in);

	(void)fn(t, &c);
	if (in->nf)
		apply(in);
}

/* Spend one unit of the budget in key's slot of table (INSPECT_SLOTS),
 * which allows max per window; false if none is left. A collision only
 * resets a budget. A slot is 16 bytes, the tables 64 KiB each: a window
 * number (packet seconds / INSPECT_WINDOW < 2^39 for any 64-bit time)
 * shares a word with the units used (at most max < 256). */
static bool
spend(struct inspector *in, struct budget *table, uint64_t key,
    uint32_t max)
{
	uint64_t win = in->p->ts_us / 1000000u / INSPECT_WINDOW;
	struct budget *b;

	key |= 1; /* never 0: an empty slot */
	b = &table[key & (INSPECT_SLOTS - 1)];
	if (b->key != key || b->win_used >> 8 != win) {
		b->key = key;
		b->win_used = win << 8;
	}
	if ((b->win_used & 0xff) >= max)
		return false;
	b->win_used++;
	return true;
}

_Static_assert(INSPECT_BUDGET < 256 && INSPECT_TCP_SEGMENTS < 256,
    "spend() keeps the units used in 8 bits");
_Static_assert(sizeof(struct budget) == 16, "a budget slot is 16 bytes");

/* Spend one unit of the sender's budget for the announcement decoder
 * numbered id; false if none is left in this window. Keyed by the
 * sender's MAC or address, with a fixed seed so that every run of the
 * same input decodes the same messages. */
static bool
within_budget(struct inspector *in, unsigned id)
{
	const struct pkt *p = in->p;
	uint64_t key = hash_bytes(&p->src, sizeof p->src,
	    id * 0x9e3779b97f4a7c15ull);

	if (p->mac_src)
		key ^= hash_bytes(p->mac_src, 6, key);
	if (spend(in, in->budget, key, INSPECT_BUDGET))
		return true;
	STAT_INC(in->st, INSPECT_SKIPPED);
	return false;
}

/* Spend one of the segments inspected in this direction of the packet's
 * TCP connection; false (counted) once they are used up this window. */
static bool
tcp_within_budget(struct inspector *in)
{
	const struct pkt *p = in->p;
	uint64_t key = hash_bytes(&p->src, sizeof p->src,
	    0x7463702d696e7370ull);

	key = hash_bytes(&p->dst, sizeof p->dst, key);
	key ^= (uint64_t)p->sport << 16 | p->dport;
	key *= 0x9e3779b97f4a7c15ull;
	if (spend(in, in->tcp, key ^ key >> 29, INSPECT_TCP_SEGMENTS))
		return true;
	STAT_INC(in->st, INSPECT_TCP_SKIPPED);
	return false;
}

/* The UDP decoders by port, tried on the destination port, then the
 * source port: X(port, decoder, announcement number). Announcement
 * decoders' messages repeat, so they are budgeted: the number (0: not
 * budgeted) seeds the decoder's budget keys; the function's address would
 * make the slots, and so which messages are decoded, depend on where the
 * program was loaded. */
#define UDP_PORTS(X) \
	X(37020, sadp_decode, 4) \
	X(37810, dhip_decode, 5) \
	X(5050, dahua5050_decode, 6) \
	X(3702, wsd_decode, 3) \
	X(1900, ssdp_decode, 1) \
	X(5353, mdns_decode, 2) \
	X(53, dns_decode, 0) \
	X(67, dhcp_decode, 0) \
	X(68, dhcp_decode, 0) \
	X(8800, dhp2p_decode, 0) \
	X(32100, cs2_decode, 0) \
	X(32108, cs2_decode, 0)

/* The TCP ports inspect_tcp() decodes whatever the first byte, in the
 * order it tries them. Attacks and logins in clear, on the destination
 * port of a local device: X(port, decoder). A service's own messages,
 * on either end: X(port, decoder), a port's decoders one after another. */
#define TCP_EXPLOIT(X) X(23, telnet_decode) X(21, ftp_decode) \
	X(37777, exploit_dahua_decode)
#define TCP_CONTENT(X) X(53, dns_decode) X(8000, hiksdk_decode) \
	X(37777, dhip_decode) X(37777, dvrip_decode)

/* A port's slot of 64 (Fibonacci hashing): a set's mask (a bit per
 * slot, a constant) turns most other ports away without a load. */
#define PORT_SLOT(port) ((uint32_t)(port) * 0x9e3779b1u >> 26)
#define UDP_BIT(port, fn, id) | 1ull << PORT_SLOT(port)
#define TCP_BIT(port, fn) | 1ull << PORT_SLOT(port)

static const uint64_t udp_mask = 0 UDP_PORTS(UDP_BIT);
static const uint64_t tcp_mask = 0 TCP_EXPLOIT(TCP_BIT)
    TCP_CONTENT(TCP_BIT);

/* Could port be in the set of mask? False only if it is not. */
static inline bool
port_maybe(uint64_t mask, uint16_t port)
{
	return mask >> PORT_SLOT(port) & 1;
}

struct udp_dec {
	proto_fn fn;    /* NULL: none */
	unsigned id;    /* announcement number, 0: not budgeted */
};

/* The decoder of UDP port port. A switch rather than a table: no load
 * that the data streaming through between datagrams could evict. */
static struct udp_dec
udp_port(uint16_t port)
{
#define UDP_CASE(port, fn, id) case port: return (struct udp_dec){ fn, id };
	switch (port) {
	UDP_PORTS(UDP_CASE)
	default:
		return (struct udp_dec){ NULL, 0 };
	}
#undef UDP_CASE
}

/* Vendor P2P on any port, known by its first bytes (at least 4). */
static inline proto_fn
udp_p2p(struct cur pl)
{
	const uint8_t *b = pl.p;

	if (cur_left(&pl) < 4)
		return NULL;
	if (b[0] == 0xf1)
		return cs2_decode;
	if ((b[0] == 'D' && b[1] == 'H') || memcmp(b, "PTCP", 4) == 0 ||
	    ((b[0] == 0xff || b[0] == 0xfe) && b[1] == 0xfe))
		return dhp2p_decode;
	return NULL;
}

/* Could a decoder want UDP packet p? The test of inspect_udp() below
 * through the port mask: most datagrams of other ports stop here. */
static inline bool
udp_wanted(const struct pkt *p)
{
	return port_maybe(udp_mask, p->dport) ||
	    port_maybe(udp_mask, p->sport) || udp_p2p(p->payload) != NULL;
}

static INSPECT_NOINLINE void
inspect_udp(struct inspector *in, const struct pkt *p)
{
	struct udp_dec d = udp_port(p->dport);

	in->p = p;
	if (d.fn == NULL)
		d = udp_port(p->sport);
	if (d.fn == NULL)
		d.fn = udp_p2p(p->payload);
	if (d.fn != NULL && (d.id == 0 || within_budget(in, d.id)))
		run(in, d.fn, p->payload);
}

static bool
port_is(const struct pkt *p, uint16_t port)
{
	return p->sport == port || p->dport == port;
}

/* Could a decoder look at TCP segment p whose payload starts with b0:
 * text or a TLS handshake by its first byte, or a port watched? The
 * test of inspect_tcp() below without its locality checks: most
 * segments (encrypted records, file data, video) stop here. */
static inline bool
tcp_wanted(const struct pkt *p, uint8_t b0)
{
#define TCP_E_IS(port, fn) || p->dport == port
#define TCP_C_IS(port, fn) || p->dport == port || p->sport == port
	return (b0 >= 'A' && b0 <= 'Z') || b0 == 0x16 ||
	    ((port_maybe(tcp_mask, p->dport) ||
	    port_maybe(tcp_mask, p->sport)) &&
	    (false TCP_EXPLOIT(TCP_E_IS) TCP_CONTENT(TCP_C_IS)));
#undef TCP_E_IS
#undef TCP_C_IS
}

/* The first port of TCP_CONTENT at either end of p, 0 if none. */
static uint16_t
tcp_service(const struct pkt *p)
{
#define TCP_C_FIND(port, fn) if (port_is(p, port)) return port;
	TCP_CONTENT(TCP_C_FIND)
#undef TCP_C_FIND
	return 0;
}

static void
inspect_tcp(struct inspector *in, struct cur pl)
{
	const struct pkt *p = in->p;
	struct ts_text t;
	uint16_t svc;
	bool text;
	uint8_t b0;

	if (cur_left(&pl) == 0)
		return;
	b0 = pl.p[0];
	ts_text_init(&t, pl);
	/* Attacks on our devices and logins to them in clear: every
	 * segment sent to a local device (cheap first-byte tests first),
	 * outside the inspection bound, which an attacker could use up. */
#define TCP_E_IS(port, fn) || p->dport == port
#define TCP_E_RUN(port, fn) if (p->dport == port) run(in, fn, pl); else
#define TCP_C_RUN(port, fn) if (svc == port) run(in, fn, pl);
	if (in->alerts != NULL && ((b0 >= 'A' && b0 <= 'Z')
	    TCP_EXPLOIT(TCP_E_IS)) && is_local(in, &p->dst, p->mac_dst)) {
		TCP_EXPLOIT(TCP_E_RUN)
			run_text(in, exploit_http_decode_text, &t);
	}
	/* What a remote sender says of itself (its certificate, its HTTP or
	 * RTSP responses) would be dropped as facts.remote: not parsed. */
	text = (b0 == 0x16 || (b0 >= 'A' && b0 <= 'Z')) &&
	    is_local(in, &p->src, p->mac_src);
	svc = tcp_service(p);
	if ((!text && svc == 0) || !tcp_within_budget(in))
		return;
	TCP_CONTENT(TCP_C_RUN)
#undef TCP_E_IS
#undef TCP_E_RUN
#undef TCP_C_RUN
	if (!text)
		return;
	if (b0 == 0x16)
		run(in, tls_decode, pl);
	else {
		/* Text: HTTP or RTSP, each decoder checks its own grammar. */
		run_text(in, http_decode_text, &t);
		run_text(in, rtsp_decode_text, &t);
	}
}

static INSPECT_NOINLINE void
inspect_l4_tcp(struct inspector *in, const struct pkt *p)
{
	in->p = p;
	inspect_tcp(in, p->payload);
}

void
inspect_packet(struct inspector *in, const struct pkt *p)
{
	if (p->l3 == 0) {
		if (p->ethertype == 0x8033) {
			in->p = p;
			run(in, sadp_l2_decode, p->payload);
		}
		return;
	}
	/* No payload, a later fragment or a cut transport: nothing to read. */
	if (cur_left(&p->payload) == 0 || !p->l4_ok ||
	    p->frag == FRAG_LATER)
		return;
	if (p->proto == 17) {
		if (udp_wanted(p))
			inspect_udp(in, p);
	} else if (p->proto == 6 && tcp_wanted(p, p->payload.p[0])) {
		inspect_l4_tcp(in, p);
	}
}

const struct ident *
inspect_ident(struct inspector *in, const struct host *h)
{
	return ident_get(in->ip, h->ident);
}

void
inspect_host_gone(struct inspector *in, const struct host *h)
{
	ident_release(in->ip, h->ident);
}
