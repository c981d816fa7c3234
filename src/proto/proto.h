/* SPDX-License-Identifier: MIT */
/* proto.h - application-protocol decoders and the facts they report.
 *
 * Each decoder (one protocol per file in src/proto/) reads one packet's
 * transport payload through a bounded cursor and reports what it learns
 * as facts: {subject, field, value, confidence, source}. A decoder keeps
 * no state, allocates nothing, prints nothing; a problem is counted in
 * ctx->st (its own counters, see stats.h) and decoding goes on where it
 * can. Values point into the packet and are only valid during the call:
 * the receiver copies what it keeps, capped and escaped on output.
 *
 * Subjects: a fact describes the packet's sender, its receiver, or a
 * device the message states by itself (SADP, DHIP and ONVIF carry the
 * device's own MAC and IP; an NVR lists the cameras behind it). Stated
 * devices are numbered from SUBJ_STATED within one packet, and each
 * should get a FACT_MAC and/or FACT_IP fact naming it. */
#ifndef VIGIE_PROTO_H
#define VIGIE_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/cursor.h"
#include "../core/packet.h"
#include "../core/stats.h"

/* What a fact is about. */
enum fact_field {
	FACT_VENDOR = 0,   /* maker as the message names it ("Hikvision") */
	FACT_BRAND,        /* label shown to users (OEM brand, "LOREX") */
	FACT_MODEL,        /* model / device type ("DS-2CD2143G2-I") */
	FACT_SERIAL,       /* serial number */
	FACT_FIRMWARE,     /* firmware / software version ("V5.5.6") */
	FACT_BUILD,        /* firmware build date ("build 180326") */
	FACT_KIND,         /* device class as stated ("IPC", "NVR", "DVR") */
	FACT_NAME,         /* device / machine name, mDNS or DHCP hostname */
	FACT_MAC,          /* MAC the device states as its own (any text form) */
	FACT_IP,           /* IP the device states as its own (text) */
	FACT_HARDWARE,     /* hardware id / version */
	FACT_LOCATION,     /* ONVIF location scope */
	FACT_SERVER,       /* Server: banner (HTTP, RTSP, SSDP) */
	FACT_USER_AGENT,   /* User-Agent of a client */
	FACT_REALM,        /* authentication realm */
	FACT_URL,          /* request path that identifies the server's vendor */
	FACT_DOMAIN,       /* a DNS name the sender looked up, or TLS SNI */
	FACT_CERT_SUBJECT, /* TLS server certificate subject (RFC 4514 text) */
	FACT_CERT_ISSUER,  /* TLS server certificate issuer */
	FACT_DHCP_VENDOR,  /* DHCP option 60 vendor class */
	FACT_DHCP_PRL,     /* DHCP option 55 list, as "1,3,6,15" */
	FACT_ACTIVATED,    /* "true"/"false": device set up (SADP Activated) */
	FACT_CLOUD,        /* "true"/"false": vendor cloud enabled (SADP) */
	FACT_PROTOCOL,     /* a vendor protocol was spoken: value names it
	                    * ("hik-sdk-8000", "dahua-dvrip", "dahua-p2p",
	                    * "cs2-p2p", "sadp-probe", "dhip-search") */
	FACT_OEM,          /* OEM code / info (SADP OEMInfo) */
	FACT_REPORTED_BY,  /* (added by vigie, not decoders) the device whose
	                    * message stated this one, e.g. its NVR */
	FACT_COUNT
};

/* Subject numbers. */
#define SUBJ_SENDER 0
#define SUBJ_RECEIVER 1
#define SUBJ_STATED 2   /* first device stated in the message; +1, ... */
#define SUBJ_MAX 18     /* at most 16 stated devices per packet */

struct fact {
	uint8_t subject;        /* SUBJ_* */
	uint8_t field;          /* enum fact_field */
	uint8_t confidence;     /* 0-100: how sure this value is right */
	const char *source;     /* static decoder name: "sadp", "dhip", ... */
	const char *val;        /* bytes from the packet (not NUL-ended) */
	size_t len;
};

/* A security finding: the packet shows an attack on, or a risky use of,
 * its subject (an exploit attempt against the receiver, credentials sent
 * to it in clear). rule is a static rule id ("exploit.cve-2021-36260");
 * val/len is the evidence (not NUL-ended): bytes of the packet, or a
 * short text the decoder composed from them, valid during the call.
 * Credentials a decoder recognises as such (an Authorization value, an
 * FTP password) are kept out of it. */
struct finding {
	uint8_t subject;        /* SUBJ_SENDER or SUBJ_RECEIVER */
	const char *rule;
	const char *val;
	size_t len;
};

/* A name learned from a DNS answer: the client (the answer's receiver)
 * asked for name and was given addr (possibly through a CNAME chain,
 * whose last name is cname, or NULL). Both names are decompressed and
 * lower case, in decoder memory valid during the call. */
struct dns_answer {
	const char *name;
	size_t nlen;
	const char *cname;
	size_t clen;
	struct addr addr;
	uint32_t ttl;
};

struct proto_ctx {
	const struct pkt *p;    /* addresses, ports, MACs of the packet */
	struct stats *st;       /* anomaly counters */
	/* Receives each fact; the decoder may report at most PROTO_MAX_FACTS
	 * per packet (the receiver ignores more and counts it). */
	void (*fact)(void *ud, const struct fact *f);
	void *ud;
	/* Receives findings (may be NULL: they are dropped). */
	void (*finding)(void *ud, const struct finding *f);
	/* Receives DNS answers (may be NULL: not reported). */
	void (*answer)(void *ud, const struct dns_answer *a);
};

#define PROTO_MAX_FACTS 96

/* proto_fact: report one fact (helper for decoders). val/len must lie in
 * the packet; len is capped by the receiver. */
static inline void
proto_fact(struct proto_ctx *c, unsigned subject, enum fact_field field,
    unsigned confidence, const char *source, const char *val, size_t len)
{
	struct fact f = { (uint8_t)subject, (uint8_t)field,
		(uint8_t)confidence, source, val, len };
	c->fact(c->ud, &f);
}

/* Evidence bytes a decoder hands over with a finding at most: enough for
 * a request line's method and path (the receiver caps at about this). */
#define PROTO_EVIDENCE_MAX 200

/* proto_finding: report one finding (helper for decoders). */
static inline void
proto_finding(struct proto_ctx *c, unsigned subject, const char *rule,
    const char *val, size_t len)
{
	struct finding f = { (uint8_t)subject, rule, val, len };

	if (c->finding != NULL)
		c->finding(c->ud, &f);
}

/* A decoder: payload is the transport payload of ctx->p. Returns DEC_OK
 * if it recognised and decoded (part of) the payload, DEC_UNSUPPORTED if
 * the payload is not its protocol (cheap test first), DEC_MALFORMED or
 * DEC_TRUNC after counting the problem. */
typedef enum dec (*proto_fn)(struct cur payload, struct proto_ctx *ctx);

/* The decoders (src/proto/<name>.c). */
enum dec sadp_decode(struct cur payload, struct proto_ctx *ctx);   /* UDP 37020 XML */
enum dec sadp_l2_decode(struct cur frame, struct proto_ctx *ctx); /* EtherType 0x8033, payload after the Ethernet header */
enum dec dhip_decode(struct cur payload, struct proto_ctx *ctx);   /* UDP 37810, TCP 37777 DHIP frames */
enum dec dahua5050_decode(struct cur payload, struct proto_ctx *ctx); /* UDP 5050 */
enum dec wsd_decode(struct cur payload, struct proto_ctx *ctx);    /* UDP 3702 */
enum dec ssdp_decode(struct cur payload, struct proto_ctx *ctx);   /* UDP 1900 */
enum dec mdns_decode(struct cur payload, struct proto_ctx *ctx);   /* UDP 5353 */
enum dec dns_decode(struct cur payload, struct proto_ctx *ctx);    /* UDP/TCP 53 */
enum dec dhcp_decode(struct cur payload, struct proto_ctx *ctx);   /* UDP 67/68 */
enum dec http_decode(struct cur payload, struct proto_ctx *ctx);   /* HTTP request or response */
enum dec rtsp_decode(struct cur payload, struct proto_ctx *ctx);   /* RTSP request or response */
enum dec tls_decode(struct cur payload, struct proto_ctx *ctx);    /* TLS records: ClientHello SNI, Certificate */
enum dec hiksdk_decode(struct cur payload, struct proto_ctx *ctx); /* TCP 8000 */
enum dec dvrip_decode(struct cur payload, struct proto_ctx *ctx);  /* TCP 37777 binary */
enum dec dhp2p_decode(struct cur payload, struct proto_ctx *ctx);  /* Dahua P2P DHGET/DHPOST, PTCP */
enum dec cs2_decode(struct cur payload, struct proto_ctx *ctx);    /* CS2 PPPP, UDP 32100/32108 */
enum dec exploit_http_decode(struct cur payload, struct proto_ctx *ctx);  /* HTTP/RTSP requests to a device: exploits, credentials */
enum dec exploit_dahua_decode(struct cur payload, struct proto_ctx *ctx); /* TCP 37777 to a device: login bypasses, serial query */
enum dec telnet_decode(struct cur payload, struct proto_ctx *ctx); /* TCP 23 client to server: typed input in clear */
enum dec ftp_decode(struct cur payload, struct proto_ctx *ctx);    /* TCP 21 client to server: USER / PASS in clear */

/* httpbody_decode: the body of an HTTP response (or request) whose
 * device-information content identifies a device: Hikvision ISAPI
 * <DeviceInfo> (and ISAPI InputProxy channel lists: the cameras behind an
 * NVR, as stated subjects), Dahua magicBox key=value replies, Dahua RPC2
 * JSON replies (e.g. LogicDeviceManager.getCameraAll: cameras behind an
 * NVR), ONVIF GetDeviceInformationResponse. subject is the subject the
 * body describes (the HTTP sender for a response). Bodies are recognised
 * by content, not by path. Returns as a decoder. */
enum dec httpbody_decode(struct cur body, unsigned subject,
    struct proto_ctx *ctx);

#endif
