/* SPDX-License-Identifier: MIT */
/* sadp.c - Hikvision SADP over UDP 37020 (XML): device replies and probes.
 *
 * No public specification; field set as documented in ../shared/docs/network.md
 * section 1.1. One XML document per datagram, CRLF between lines:
 *
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <ProbeMatch>                     (or <Hello>: device reply / notice)
 *     <Uuid>..</Uuid><Types>inquiry</Types><DeviceType>142378</DeviceType>
 *     <DeviceDescription>DS-2CD2320D-I</DeviceDescription>
 *     <DeviceSN>DS-2CD2320D-I20180919AACHC52932642</DeviceSN>
 *     <MAC>44-47-cc-37-ce-81</MAC><IPv4Address>..</IPv4Address>
 *     <SoftwareVersion>V5.5.6build 180326</SoftwareVersion>
 *     <Activated>true</Activated><HCPlatformEnable>flase</HCPlatformEnable>
 *     [<OEMInfo>..</OEMInfo>] [<DetailOEMCode>..</DetailOEMCode>] ...
 *   </ProbeMatch>
 *   <Probe><Uuid>{GUID}</Uuid><Types>inquiry</Types></Probe>   (search)
 *
 * Real replies are often malformed XML (literal "flase", missing end
 * tags); values are taken as stated. */
#include <string.h>

#include "proto.h"
#include "xmlscan.h"

#define SADP_SRC "sadp"
#define SADP_MAX_TAGS 4096  /* elements scanned per document */

enum sadp_tag {
	T_MODEL, T_SN, T_SW, T_MAC, T_IP, T_ACT, T_CLOUD, T_OEM, T_OEMCODE,
	T_COUNT
};

static const char *const sadp_tags[T_COUNT] = {
	[T_MODEL] = "DeviceDescription",
	[T_SN] = "DeviceSN",
	[T_SW] = "SoftwareVersion",
	[T_MAC] = "MAC",
	[T_IP] = "IPv4Address",
	[T_ACT] = "Activated",
	[T_CLOUD] = "HCPlatformEnable",
	[T_OEM] = "OEMInfo",
	[T_OEMCODE] = "DetailOEMCode",
};

struct span {
	const char *p;
	size_t n;
};

/* collect: the first non-empty text of each wanted tag; true if the end
 * tag of the root element (named root) was seen. */
static bool
collect(struct xml_scan *s, const char *root, struct span *v)
{
	struct xml_el el;

	for (unsigned n = 0; n < SADP_MAX_TAGS && xml_next(s, &el); n++) {
		if (el.end) {
			if (xml_name_is(&el, root))
				return true;
			continue;
		}
		for (unsigned t = 0; t < T_COUNT; t++) {
			if (v[t].n == 0 && el.text_len > 0 &&
			    xml_name_is(&el, sadp_tags[t])) {
				v[t].p = el.text;
				v[t].n = el.text_len;
			}
		}
	}
	return false;
}

/* report: the facts of one device reply. */
static void
report(struct proto_ctx *ctx, const struct span *v)
{
	const char *fw, *build;
	size_t fwn, buildn;
	bool has_mac = v[T_MAC].n && !xml_zero_addr(v[T_MAC].p, v[T_MAC].n);
	bool has_ip = v[T_IP].n && !xml_zero_addr(v[T_IP].p, v[T_IP].n);
	unsigned subj = has_mac || has_ip ? SUBJ_STATED : SUBJ_SENDER;

	proto_fact(ctx, subj, FACT_VENDOR, 90, SADP_SRC, "Hikvision", 9);
	if (has_mac)
		xml_fact(ctx, subj, FACT_MAC, 95, SADP_SRC, v[T_MAC].p,
		    v[T_MAC].n);
	if (has_ip)
		xml_fact(ctx, subj, FACT_IP, 95, SADP_SRC, v[T_IP].p, v[T_IP].n);
	xml_fact(ctx, subj, FACT_MODEL, 95, SADP_SRC, v[T_MODEL].p,
	    v[T_MODEL].n);
	xml_fact(ctx, subj, FACT_SERIAL, 95, SADP_SRC, v[T_SN].p, v[T_SN].n);
	if (v[T_SW].n) {
		xml_split_build(v[T_SW].p, v[T_SW].n, &fw, &fwn, &build,
		    &buildn);
		xml_fact(ctx, subj, FACT_FIRMWARE, 95, SADP_SRC, fw, fwn);
		xml_fact(ctx, subj, FACT_BUILD, 95, SADP_SRC, build, buildn);
	}
	xml_fact(ctx, subj, FACT_ACTIVATED, 95, SADP_SRC, v[T_ACT].p,
	    v[T_ACT].n);
	xml_fact(ctx, subj, FACT_CLOUD, 95, SADP_SRC, v[T_CLOUD].p,
	    v[T_CLOUD].n);
	xml_fact(ctx, subj, FACT_OEM, 90, SADP_SRC, v[T_OEM].p, v[T_OEM].n);
	xml_fact(ctx, subj, FACT_OEM, 90, SADP_SRC, v[T_OEMCODE].p,
	    v[T_OEMCODE].n);
}

/* sadp_decode: a SADP XML datagram (UDP 37020). The root element decides:
 * <ProbeMatch> or <Hello> is a device describing itself: VENDOR
 * "Hikvision" (90), MODEL, SERIAL, FIRMWARE and BUILD (split at "build"),
 * MAC, IP, ACTIVATED, CLOUD (95, values as stated) and OEM (90), for
 * SUBJ_STATED when the reply states a MAC or IPv4 address, else for
 * SUBJ_SENDER. <Probe> is a search: FACT_PROTOCOL "sadp-probe" (60) for
 * the sender. Any other payload is DEC_UNSUPPORTED. A reply without its
 * end tag or with an unterminated construct counts sadp.malformed and
 * still reports what was read. */
enum dec
sadp_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct span v[T_COUNT];
	struct xml_scan s;
	struct xml_el root;
	bool closed;

	if (!xml_starts_lt(payload))
		return DEC_UNSUPPORTED;
	xml_init(&s, payload);
	if (!xml_next(&s, &root) || root.end)
		return DEC_UNSUPPORTED;
	if (xml_name_is(&root, "Probe")) {
		STAT_INC(ctx->st, SADP_MSGS);
		proto_fact(ctx, SUBJ_SENDER, FACT_PROTOCOL, 60, SADP_SRC,
		    "sadp-probe", 10);
		return DEC_OK;
	}
	if (!xml_name_is(&root, "ProbeMatch") && !xml_name_is(&root, "Hello"))
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, SADP_MSGS);
	memset(v, 0, sizeof v);
	closed = collect(&s, xml_name_is(&root, "Hello") ? "Hello" :
	    "ProbeMatch", v);
	report(ctx, v);
	if (!closed || s.bad) {
		STAT_INC(ctx->st, SADP_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
