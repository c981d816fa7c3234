/* SPDX-License-Identifier: MIT */
/* wsd.c - WS-Discovery (UDP 3702): ONVIF ProbeMatches, Hello and Probe.
 *
 * Reference: OASIS WS-Discovery 1.1 (2009) and the ONVIF Core
 * Specification, section 7.3 (scopes); typical scope values as in
 * ../shared/docs/network.md section 1.3. A SOAP envelope per datagram:
 *
 *   <Envelope><Header>..</Header><Body>
 *     <ProbeMatches><ProbeMatch>             (or <Hello>, <ResolveMatch>)
 *       <EndpointReference><Address>urn:uuid:...-c056e3a1b2c4</Address>
 *       </EndpointReference>
 *       <Types>dn:NetworkVideoTransmitter</Types>
 *       <Scopes>onvif://www.onvif.org/type/video_encoder
 *         onvif://www.onvif.org/MAC/58:50:ed:1f:e3:85
 *         onvif://www.onvif.org/hardware/DS-2CD2385G1-I
 *         onvif://www.onvif.org/name/HIKVISION%20DS-2CD2385G1-I
 *         onvif://www.onvif.org/location/city/hangzhou</Scopes>
 *       <XAddrs>http://192.168.1.64/onvif/device_service</XAddrs>
 *     </ProbeMatch></ProbeMatches>
 *   </Body></Envelope>
 *
 *   <Envelope>..<Body><Probe><Types>..</Types></Probe></Body></Envelope>
 *
 * Scope values are reported raw (still percent-encoded). */
#include <string.h>

#include "../core/ascii.h"
#include "proto.h"
#include "xmlscan.h"

#define WSD_SRC "wsd"
#define WSD_MAX_TAGS 4096   /* elements scanned per envelope */
#define WSD_MAX_TOKENS 64   /* scope URIs / addresses looked at per list */
#define WSD_MAX_DEVICES 16
#define WSD_PREFIX "onvif://www.onvif.org/"

struct span {
	const char *p;
	size_t n;
};

/* One ProbeMatch / Hello / ResolveMatch. */
struct wsd_dev {
	struct span scopes, xaddrs, addr;
};

/* Type scopes that name a device class (others name capabilities). */
static const char *const wsd_kinds[] = {
	"NetworkVideoTransmitter", "Network_Video_Transmitter",
	"NetworkVideoStorage", "Network_Video_Storage",
	"NetworkVideoDisplay", "Network_Video_Display",
	"NetworkVideoAnalytics", "Network_Video_Analytics",
	"NVT", "NVS", "NVD", "NVR", "DVR", "XVR", "HCVR", "IPC",
};

/* Name scopes that are generic words rather than a brand. */
static const char *const wsd_generic[] = {
	"IPC", "IPCAM", "IPCamera", "IP%20Camera", "IP_Camera", "Camera",
	"NetworkCamera", "Network%20Camera", "NVR", "DVR", "XVR", "ONVIF",
	"Device", "IP-Camera", "IPDome", "Dome", "Encoder",
};

/* is_space: c is XML white space; any byte above ' ' is turned away by
 * the first test. */
static bool
is_space(char c)
{
	return (unsigned char)c <= ' ' &&
	    (c == ' ' || c == '\t' || c == '\r' || c == '\n');
}

static bool
in_list(const char *p, size_t n, const char *const *l, size_t ln)
{
	for (size_t i = 0; i < ln; i++)
		if (xml_ieq(p, n, l[i]))
			return true;
	return false;
}

/* next_token: the next whitespace-separated token of *list (advanced
 * past it); false when none is left. */
static bool
next_token(struct span *list, struct span *tok)
{
	const char *p = list->p, *end;

	if (p == NULL)
		return false;
	end = p + list->n;
	while (p < end && is_space(*p))
		p++;
	tok->p = p;
	while (p < end && !is_space(*p))
		p++;
	tok->n = (size_t)(p - tok->p);
	list->n = (size_t)(end - p);
	list->p = p;
	return tok->n > 0;
}

/* onvif: if tok is onvif://www.onvif.org/<rest> (the prefix in any
 * case; nearly always in lower case, which one memcmp() settles), rest. */
static bool
onvif(const struct span *tok, struct span *rest)
{
	size_t pl = sizeof WSD_PREFIX - 1;

	if (tok->n <= pl || (memcmp(tok->p, WSD_PREFIX, pl) != 0 &&
	    !xml_ieq(tok->p, pl, WSD_PREFIX)))
		return false;
	rest->p = tok->p + pl;
	rest->n = tok->n - pl;
	return true;
}

/* scope: if rest (a scope past the onvif:// prefix) is <cat>/<value>,
 * the value (with trailing slashes removed); false otherwise. */
static bool
scope(const struct span *rest, const char *cat, struct span *val)
{
	size_t cl = strlen(cat);

	if (rest->n <= cl + 1 || !xml_ieq(rest->p, cl, cat) ||
	    rest->p[cl] != '/')
		return false;
	val->p = rest->p + cl + 1;
	val->n = rest->n - cl - 1;
	while (val->n > 0 && val->p[val->n - 1] == '/')
		val->n--;
	return val->n > 0;
}

/* The scope categories read (other scopes are skipped). */
enum { SC_MAC = 1, SC_NAME, SC_HARDWARE, SC_LOCATION, SC_TYPE };

/* The scopes of interest in a Scopes list, in list order, read in one
 * pass over its first WSD_MAX_TOKENS tokens. */
struct scope_set {
	struct span v[WSD_MAX_TOKENS];  /* values */
	unsigned char cat[WSD_MAX_TOKENS];
	unsigned n;
	int mac, hw;                    /* first MAC, hardware scope, or -1 */
};

/* category: the category of rest (a scope past the onvif:// prefix, not
 * empty) and its value in *val; 0 if it is none of those read or its
 * value is empty. The first letter picks the one category to test. */
static unsigned
category(const struct span *rest, struct span *val)
{
	switch (rest->p[0] | 0x20) {
	case 'm':
		return scope(rest, "MAC", val) ? SC_MAC : 0;
	case 'n':
		return scope(rest, "name", val) ? SC_NAME : 0;
	case 'h':
		return scope(rest, "hardware", val) ? SC_HARDWARE : 0;
	case 'l':
		return scope(rest, "location", val) ? SC_LOCATION : 0;
	case 't':
		return scope(rest, "type", val) ? SC_TYPE : 0;
	default:
		return 0;
	}
}

/* scope_set: the scopes of interest in list. */
static void
scope_set(struct span list, struct scope_set *ss)
{
	struct span tok, rest, v;
	unsigned cat;

	ss->n = 0;
	ss->mac = ss->hw = -1;
	for (unsigned i = 0; i < WSD_MAX_TOKENS && next_token(&list, &tok);
	    i++) {
		if (!onvif(&tok, &rest) || (cat = category(&rest, &v)) == 0)
			continue;
		if (cat == SC_MAC && ss->mac < 0)
			ss->mac = (int)ss->n;
		if (cat == SC_HARDWARE && ss->hw < 0)
			ss->hw = (int)ss->n;
		ss->v[ss->n] = v;
		ss->cat[ss->n++] = (unsigned char)cat;
	}
}

/* xaddr_ip: the host of the first http(s) address whose host is a
 * dotted IPv4 literal. */
static bool
xaddr_ip(struct span list, struct span *ip)
{
	struct span tok;

	for (unsigned i = 0; i < WSD_MAX_TOKENS && next_token(&list, &tok);
	    i++) {
		const char *h = xml_istr(tok.p, tok.n < 12 ? tok.n : 12, "://");
		const char *end = tok.p + tok.n, *q;
		unsigned dots = 0;

		if (h == NULL)
			continue;
		h += 3;
		for (q = h; q < end && *q != '/' && *q != ':'; q++) {
			if (*q == '.')
				dots++;
			else if (*q < '0' || *q > '9')
				break;
		}
		if (dots == 3 && q > h + 6 && q - h <= 15 &&
		    (q == end || *q == '/' || *q == ':')) {
			ip->p = h;
			ip->n = (size_t)(q - h);
			return true;
		}
	}
	return false;
}

/* uuid_mac: the last 12 hex digits of a urn:uuid endpoint address when
 * they can be a MAC: a non-random UUID (version digit not 4) whose tail
 * is a unicast, non-zero address. */
static bool
uuid_mac(struct span a, struct span *mac)
{
	const char *p = a.p;
	size_t n = a.n;

	xml_trim(&p, &n);
	if (n < 9 + 36 || !xml_ieq(p, 9, "urn:uuid:"))
		return false;
	p += 9, n -= 9;
	if (n != 36 || p[14] == '4' || p[23] != '-')
		return false;
	for (size_t i = 24; i < 36; i++)
		if (ascii_hexval(p[i]) < 0)
			return false;
	/* Bit 0 of the first octet set: a group address, not a NIC. */
	if (xml_zero_addr(p + 24, 12) || (ascii_hexval(p[25]) & 1))
		return false;
	mac->p = p + 24;
	mac->n = 12;
	return true;
}

/* brand: the brand a name scope states, if it looks like one: the name
 * minus a trailing hardware model ("HIKVISION%20DS-2CD2385G1-I"), or a
 * name without digits that is not a generic word ("Dahua", "LOREX"). */
static bool
brand(struct span name, struct span hw, struct span *b)
{
	*b = name;
	if (hw.n > 0 && name.n > hw.n &&
	    memcmp(name.p + name.n - hw.n, hw.p, hw.n) == 0) {
		b->n = name.n - hw.n;
		while (b->n > 0 && (b->p[b->n - 1] == '_' ||
		    b->p[b->n - 1] == '-' || b->p[b->n - 1] == ' '))
			b->n--;
		if (b->n >= 3 && xml_ieq(b->p + b->n - 3, 3, "%20"))
			b->n -= 3;
	}
	for (size_t i = 0; i < b->n; i++)
		if (b->p[i] >= '0' && b->p[i] <= '9' && !(i >= 1 &&
		    b->p[i - 1] == '%') && !(i >= 2 && b->p[i - 2] == '%'))
			return false;
	return b->n > 0 && !in_list(b->p, b->n, wsd_generic,
	    sizeof wsd_generic / sizeof wsd_generic[0]);
}

/* scopes: the facts of every scope of interest, in list order. */
static void
scopes(struct proto_ctx *ctx, unsigned subj, const struct scope_set *ss)
{
	struct span hw = { NULL, 0 }, b;

	if (ss->hw >= 0)
		hw = ss->v[ss->hw];
	for (unsigned i = 0; i < ss->n; i++) {
		struct span v = ss->v[i];

		switch (ss->cat[i]) {
		case SC_NAME:
			xml_fact(ctx, subj, FACT_NAME, 70, WSD_SRC, v.p, v.n);
			if (brand(v, hw, &b))
				xml_fact(ctx, subj, FACT_BRAND, 60, WSD_SRC,
				    b.p, b.n);
			break;
		case SC_HARDWARE:
			xml_fact(ctx, subj, FACT_MODEL, 80, WSD_SRC, v.p, v.n);
			break;
		case SC_LOCATION:
			xml_fact(ctx, subj, FACT_LOCATION, 70, WSD_SRC, v.p,
			    v.n);
			break;
		case SC_TYPE:
			if (in_list(v.p, v.n, wsd_kinds,
			    sizeof wsd_kinds / sizeof wsd_kinds[0]))
				xml_fact(ctx, subj, FACT_KIND, 60, WSD_SRC,
				    v.p, v.n);
			break;
		default:
			break;
		}
	}
}

/* device: the facts of one match; returns the subject used. */
static unsigned
device(struct proto_ctx *ctx, const struct wsd_dev *d, unsigned stated)
{
	struct span mac = { NULL, 0 }, ip = { NULL, 0 };
	struct scope_set ss;
	unsigned mac_conf = 90, subj;

	scope_set(d->scopes, &ss);
	if (ss.mac >= 0)
		mac = ss.v[ss.mac];
	if (ss.mac < 0 || xml_zero_addr(mac.p, mac.n)) {
		mac.n = 0;
		mac_conf = 40;
		if (!uuid_mac(d->addr, &mac))
			mac.n = 0;
	}
	if (!xaddr_ip(d->xaddrs, &ip) || xml_zero_addr(ip.p, ip.n))
		ip.n = 0;
	subj = mac.n || ip.n ? stated : SUBJ_SENDER;
	if (mac.n)
		xml_fact(ctx, subj, FACT_MAC, mac_conf, WSD_SRC, mac.p, mac.n);
	if (ip.n)
		xml_fact(ctx, subj, FACT_IP, 90, WSD_SRC, ip.p, ip.n);
	scopes(ctx, subj, &ss);
	return subj;
}

static bool
is_match(const struct xml_el *el)
{
	return xml_name_is(el, "ProbeMatch") || xml_name_is(el, "Hello") ||
	    xml_name_is(el, "ResolveMatch");
}

/* record: keep el's text in d if it is the first of a field we use. */
static void
record(struct wsd_dev *d, const struct xml_el *el)
{
	struct span *f = NULL;

	if (xml_name_is(el, "Scopes"))
		f = &d->scopes;
	else if (xml_name_is(el, "XAddrs"))
		f = &d->xaddrs;
	else if (xml_name_is(el, "Address"))
		f = &d->addr;
	if (f != NULL && f->p == NULL) {
		f->p = el->text;
		f->n = el->text_len;
	}
}

/* wsd_decode: a WS-Discovery SOAP envelope (root element Envelope, any
 * prefix). Each ProbeMatch, Hello or ResolveMatch (up to 16) describes a
 * device: MAC from the MAC scope (90) or else from the last 12 hex digits
 * of a non-random urn:uuid endpoint address (40), IP from the first IPv4
 * XAddrs host (90), MODEL (hardware scope, 80), NAME (name scope, 70),
 * BRAND (the name minus the model, or a digit-free non-generic name, 60),
 * LOCATION (location scopes, 70), KIND (type scopes naming a device
 * class, 60); for SUBJ_STATED+k when a MAC or IP is stated, else for the
 * sender. A Probe gives FACT_PROTOCOL "wsd-probe" (40) for the sender.
 * An envelope cut short counts wsd.malformed (facts read are still
 * reported). */
enum dec
wsd_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct xml_scan s;
	struct xml_el el;
	struct wsd_dev d;
	unsigned stated = SUBJ_STATED, n, devs = 0;
	bool in = false, closed = false, probe = false;

	if (!xml_starts_lt(payload))
		return DEC_UNSUPPORTED;
	xml_init(&s, payload);
	if (!xml_next(&s, &el) || el.end || !xml_name_is(&el, "Envelope"))
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, WSD_MSGS);
	for (n = 0; n < WSD_MAX_TAGS && xml_next(&s, &el); n++) {
		if (el.end && xml_name_is(&el, "Envelope")) {
			closed = true;
			break;
		}
		if (!el.end && !probe && xml_name_is(&el, "Probe")) {
			probe = true;
			proto_fact(ctx, SUBJ_SENDER, FACT_PROTOCOL, 40, WSD_SRC,
			    "wsd-probe", 9);
		} else if (!el.end && is_match(&el) && !el.empty) {
			memset(&d, 0, sizeof d);
			in = devs < WSD_MAX_DEVICES;
		} else if (in && el.end && is_match(&el)) {
			in = false;
			devs++;
			if (device(ctx, &d, stated) == stated)
				stated++;
		} else if (in && !el.end) {
			record(&d, &el);
		}
	}
	if (in)
		(void)device(ctx, &d, stated);
	if (!closed) {
		STAT_INC(ctx->st, WSD_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
