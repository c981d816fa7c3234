/* SPDX-License-Identifier: MIT */
/* httpbody.c - device-information HTTP bodies: Hikvision ISAPI, Dahua
 * magicBox and RPC2, ONVIF GetDeviceInformation.
 *
 * References: Hikvision ISAPI (Intelligent Security API) core protocol,
 * /ISAPI/System/deviceInfo and /ISAPI/ContentMgmt/InputProxy/channels;
 * Dahua HTTP API for IPC & NVR (magicBox.cgi, RPC2 JSON);
 * ONVIF Device Management Service, GetDeviceInformation. Shapes:
 *
 *   <DeviceInfo version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
 *     <deviceName/> <model/> <serialNumber/> <macAddress/>
 *     <firmwareVersion>V5.4.5</..> <firmwareReleasedDate>build 170123</..>
 *     <hardwareVersion/> <deviceType>IPC</deviceType> ...
 *   <InputProxyChannelList ..><InputProxyChannel><id>1</id>
 *     <sourceInputPortDescriptor><proxyProtocol>HIKVISION</..>
 *       <ipAddress>192.168.254.2</ipAddress> ...
 *   deviceType=IPC-HFW4431R-Z\r\nserialNumber=..\r\n        (magicBox)
 *   version=2.800.0000000.1.R,build:2020-11-17\r\n
 *   {"params":{"camera":[{"DeviceInfo":{"Address":"..","DeviceType":..,
 *     "SerialNo":..,"Vendor":..,"Mac":..,"Version":..}},..]},"result":true}
 *   <Envelope><Body><GetDeviceInformationResponse><Manufacturer>..
 *     <Model/><FirmwareVersion/><SerialNumber/><HardwareId/>
 *
 * The body kind is told by its first bytes and its root element. */
#include <string.h>

#include "jsonscan.h"
#include "proto.h"
#include "xmlscan.h"

#define HB_SRC "httpbody"
#define HB_MAX_TAGS 8192     /* XML elements scanned per body */
#define HB_MAX_EVENTS 16384  /* JSON events scanned per body */
#define HB_MAX_LINES 64      /* magicBox lines */
#define HB_MAX_STATED 16

struct span {
	const char *p;
	size_t n;
};

/* One field of a body kind: element or key name, fact, confidence. */
struct hb_field {
	const char *name;
	enum fact_field fact;
	unsigned conf;
};

static const struct hb_field isapi_fields[] = {
	{ "model", FACT_MODEL, 95 },
	{ "serialNumber", FACT_SERIAL, 95 },
	{ "macAddress", FACT_MAC, 95 },
	{ "firmwareVersion", FACT_FIRMWARE, 95 },
	{ "firmwareReleasedDate", FACT_BUILD, 95 },
	{ "deviceType", FACT_KIND, 90 },
	{ "deviceName", FACT_NAME, 80 },
	{ "hardwareVersion", FACT_HARDWARE, 90 },
};

static const struct hb_field onvif_fields[] = {
	{ "Manufacturer", FACT_VENDOR, 80 },
	{ "Model", FACT_MODEL, 85 },
	{ "FirmwareVersion", FACT_FIRMWARE, 85 },
	{ "SerialNumber", FACT_SERIAL, 85 },
	{ "HardwareId", FACT_HARDWARE, 80 },
};

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_FIELDS 8

/* Channel (camera behind an NVR) fields, ISAPI and RPC2 alike. */
enum ch_field { C_IP, C_MAC, C_MODEL, C_SN, C_FW, C_PROTO, C_COUNT };

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* first_byte: the first byte past whitespace and a UTF-8 byte order mark
 * (within 64 bytes), or 0. */
static uint8_t
first_byte(struct cur c)
{
	for (unsigned i = 0; i < 64; i++) {
		uint8_t b = cur_u8(&c);

		if (cur_bad(&c))
			return 0;
		if (!is_space((char)b) && b != 0xef && b != 0xbb && b != 0xbf)
			return b;
	}
	return 0;
}

/* version: FIRMWARE and BUILD facts of a firmware string. */
static void
version(struct proto_ctx *ctx, unsigned subj, unsigned conf, const char *p,
    size_t n)
{
	const char *fw, *build;
	size_t fwn, buildn;

	xml_split_build(p, n, &fw, &fwn, &build, &buildn);
	xml_fact(ctx, subj, FACT_FIRMWARE, conf, HB_SRC, fw, fwn);
	xml_fact(ctx, subj, FACT_BUILD, conf, HB_SRC, build, buildn);
}

/* emit_fields: the facts of the first value of each field in v. */
static void
emit_fields(struct proto_ctx *ctx, unsigned subj, const struct hb_field *f,
    size_t nf, const struct span *v)
{
	for (size_t i = 0; i < nf; i++) {
		if (f[i].fact == FACT_FIRMWARE &&
		    xml_istr(v[i].p, v[i].n, "build") != NULL)
			version(ctx, subj, f[i].conf, v[i].p, v[i].n);
		else if (f[i].fact == FACT_MAC &&
		    xml_zero_addr(v[i].p, v[i].n))
			continue;
		else
			xml_fact(ctx, subj, f[i].fact, f[i].conf, HB_SRC,
			    v[i].p, v[i].n);
	}
}

/* xml_fields: first non-empty text of each field among the elements that
 * follow, up to the end tag named until (or the end of the body). */
static bool
xml_fields(struct xml_scan *s, const char *until, const struct hb_field *f,
    size_t nf, struct span *v)
{
	struct xml_el el;

	for (unsigned n = 0; n < HB_MAX_TAGS && xml_next(s, &el); n++) {
		if (el.end) {
			if (xml_name_is(&el, until))
				return true;
			continue;
		}
		for (size_t i = 0; i < nf; i++) {
			if (v[i].n == 0 && el.text_len > 0 &&
			    xml_name_is(&el, f[i].name)) {
				v[i].p = el.text;
				v[i].n = el.text_len;
			}
		}
	}
	return false;
}

/* isapi_vendor: confidence that a root element's namespace is
 * Hikvision's (0: not stated). */
static unsigned
isapi_vendor(const struct xml_el *root)
{
	if (xml_istr(root->attr, root->attr_len, "hikvision.com") ||
	    xml_istr(root->attr, root->attr_len, "isapi.org"))
		return 95;
	return xml_istr(root->attr, root->attr_len, "psialliance") ? 70 : 0;
}

/* device_info: an ISAPI/PSIA <DeviceInfo> document. */
static bool
device_info(struct proto_ctx *ctx, unsigned subj, struct xml_scan *s,
    const struct xml_el *root)
{
	struct span v[MAX_FIELDS];
	unsigned conf = isapi_vendor(root);
	bool closed;

	memset(v, 0, sizeof v);
	closed = xml_fields(s, "DeviceInfo", isapi_fields,
	    NFIELDS(isapi_fields), v);
	if (conf)
		proto_fact(ctx, subj, FACT_VENDOR, conf, HB_SRC, "Hikvision",
		    9);
	emit_fields(ctx, subj, isapi_fields, NFIELDS(isapi_fields), v);
	return closed;
}

/* is_addr: the text can be an IP literal (hex digits, '.', ':'). */
static bool
is_addr(const char *p, size_t n)
{
	xml_trim(&p, &n);
	if (n == 0 || xml_zero_addr(p, n))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = (char)(p[i] | 0x20);

		if (!(p[i] >= '0' && p[i] <= '9') && p[i] != '.' &&
		    p[i] != ':' && !(c >= 'a' && c <= 'f'))
			return false;
	}
	return true;
}

/* channel: the facts of one camera behind a recorder, if it states an
 * address (false otherwise). The vendor is reported when the protocol
 * the recorder speaks to it (or a DS-2 model) implies it. */
static bool
channel(struct proto_ctx *ctx, unsigned subj, const struct span *v)
{
	const char *vendor = NULL;
	bool ip = is_addr(v[C_IP].p, v[C_IP].n);
	bool mac = v[C_MAC].n && !xml_zero_addr(v[C_MAC].p, v[C_MAC].n);
	struct span pr = v[C_PROTO], md = v[C_MODEL];

	if (!ip && !mac)
		return false;
	xml_trim(&pr.p, &pr.n);
	xml_trim(&md.p, &md.n);
	if (xml_ieq(pr.p, pr.n, "HIKVISION") ||
	    (md.n > 4 && xml_ieq(md.p, 4, "DS-2")))
		vendor = "Hikvision";
	else if (xml_ieq(pr.p, pr.n, "DAHUA"))
		vendor = "Dahua";
	if (ip)
		xml_fact(ctx, subj, FACT_IP, 85, HB_SRC, v[C_IP].p, v[C_IP].n);
	if (mac)
		xml_fact(ctx, subj, FACT_MAC, 85, HB_SRC, v[C_MAC].p,
		    v[C_MAC].n);
	if (vendor != NULL)
		proto_fact(ctx, subj, FACT_VENDOR, 70, HB_SRC, vendor,
		    strlen(vendor));
	xml_fact(ctx, subj, FACT_MODEL, 80, HB_SRC, v[C_MODEL].p, v[C_MODEL].n);
	xml_fact(ctx, subj, FACT_SERIAL, 80, HB_SRC, v[C_SN].p, v[C_SN].n);
	if (v[C_FW].n)
		version(ctx, subj, 80, v[C_FW].p, v[C_FW].n);
	return true;
}

static const char *const isapi_ch_tags[C_COUNT] = {
	[C_IP] = "ipAddress", [C_MAC] = "macAddress", [C_MODEL] = "model",
	[C_SN] = "serialNumber", [C_FW] = "firmwareVersion",
	[C_PROTO] = "proxyProtocol",
};

static bool
is_channel(const struct xml_el *el)
{
	return xml_name_is(el, "InputProxyChannel") ||
	    xml_name_is(el, "InputProxyChannelStatus");
}

/* ch_record: keep el's text if it is the first of a channel field. */
static void
ch_record(struct span *v, const struct xml_el *el)
{
	for (unsigned i = 0; i < C_COUNT; i++) {
		bool hit = xml_name_is(el, isapi_ch_tags[i]) ||
		    (i == C_PROTO && xml_name_is(el, "adminProtocol"));

		if (hit && v[i].n == 0 && el->text_len > 0) {
			v[i].p = el->text;
			v[i].n = el->text_len;
		}
	}
}

static bool
same_name(const struct xml_el *a, const struct xml_el *b)
{
	return a->name_len == b->name_len &&
	    memcmp(a->name, b->name, a->name_len) == 0;
}

/* proxy_channels: an ISAPI InputProxyChannel(Status)List, or one
 * channel as the root: each channel is a stated device. True if the
 * root's end tag was seen. */
static bool
proxy_channels(struct proto_ctx *ctx, unsigned subj, struct xml_scan *s,
    const struct xml_el *root)
{
	struct span v[C_COUNT];
	struct xml_el el;
	unsigned stated = SUBJ_STATED, conf = isapi_vendor(root);
	bool in = is_channel(root), closed = false;

	if (conf)
		proto_fact(ctx, subj, FACT_VENDOR, conf > 90 ? 90 : conf,
		    HB_SRC, "Hikvision", 9);
	memset(v, 0, sizeof v);
	for (unsigned n = 0; n < HB_MAX_TAGS && xml_next(s, &el); n++) {
		if (!el.end && is_channel(&el)) {
			memset(v, 0, sizeof v);
			in = stated < SUBJ_STATED + HB_MAX_STATED;
		} else if (el.end && is_channel(&el)) {
			if (in && channel(ctx, stated, v))
				stated++;
			in = false;
		} else if (!el.end && in) {
			ch_record(v, &el);
		}
		if (el.end && same_name(&el, root)) {
			closed = true;
			break;
		}
	}
	if (in)
		(void)channel(ctx, stated, v);
	return closed;
}

/* onvif: an ONVIF SOAP envelope; false (nothing reported) unless it holds
 * a GetDeviceInformationResponse. *closed says it ended properly. */
static bool
onvif(struct proto_ctx *ctx, unsigned subj, struct xml_scan *s, bool *closed)
{
	struct span v[MAX_FIELDS];
	struct xml_el el;

	for (unsigned n = 0; n < HB_MAX_TAGS && xml_next(s, &el); n++) {
		if (el.end || !xml_name_is(&el, "GetDeviceInformationResponse"))
			continue;
		memset(v, 0, sizeof v);
		*closed = xml_fields(s, "GetDeviceInformationResponse",
		    onvif_fields, NFIELDS(onvif_fields), v);
		emit_fields(ctx, subj, onvif_fields, NFIELDS(onvif_fields), v);
		return true;
	}
	return false;
}

/* xml_body: a body starting with '<'. */
static enum dec
xml_body(struct cur body, unsigned subj, struct proto_ctx *ctx)
{
	struct xml_scan s;
	struct xml_el root;
	bool closed = false;

	xml_init(&s, body);
	if (!xml_next(&s, &root) || root.end)
		return DEC_UNSUPPORTED;
	if (xml_name_is(&root, "DeviceInfo")) {
		STAT_INC(ctx->st, HTTPBODY_MSGS);
		closed = device_info(ctx, subj, &s, &root);
	} else if (xml_name_is(&root, "InputProxyChannelList") ||
	    xml_name_is(&root, "InputProxyChannelStatusList") ||
	    is_channel(&root)) {
		STAT_INC(ctx->st, HTTPBODY_MSGS);
		closed = proxy_channels(ctx, subj, &s, &root);
	} else if (xml_name_is(&root, "Envelope")) {
		if (!onvif(ctx, subj, &s, &closed))
			return DEC_UNSUPPORTED;
		STAT_INC(ctx->st, HTTPBODY_MSGS);
	} else {
		return DEC_UNSUPPORTED;
	}
	if (s.bad || !closed) {
		STAT_INC(ctx->st, HTTPBODY_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}

/* magicBox keys: strong ones alone identify a Dahua reply. */
struct mb_key {
	const char *name;
	enum fact_field fact;   /* FACT_COUNT: no fact */
	unsigned conf;
	bool strong;
};

static const struct mb_key mb_keys[] = {
	{ "deviceType", FACT_MODEL, 90, true },
	{ "serialNumber", FACT_SERIAL, 90, true },
	{ "version", FACT_FIRMWARE, 90, false },
	{ "vendor", FACT_BRAND, 80, true },
	{ "machineName", FACT_NAME, 70, true },
	{ "name", FACT_NAME, 60, false },
	{ "hardwareVersion", FACT_HARDWARE, 80, false },
	{ "updateSerial", FACT_COUNT, 0, true },
	{ "processor", FACT_COUNT, 0, true },
	{ "appAutoStart", FACT_COUNT, 0, true },
};

static bool
key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '[' ||
	    c == ']';
}

/* mb_line: split the line [p, le) at '='; false unless it is key=value
 * with a key of key characters. */
static bool
mb_line(const char *p, const char *le, struct span *k, struct span *v)
{
	const char *q = p;

	while (q < le && key_char(*q))
		q++;
	if (q == p || q == le || *q != '=')
		return false;
	k->p = p, k->n = (size_t)(q - p);
	v->p = q + 1, v->n = (size_t)(le - q - 1);
	return true;
}

/* mb_lookup: the magicBox key named k, or NULL. A "version" counts as strong
 * in the Dahua "x.y.z,build:date" form. */
static const struct mb_key *
mb_lookup(struct span k, struct span v, bool *strong)
{
	for (size_t i = 0; i < NFIELDS(mb_keys); i++) {
		if (!xml_ieq(k.p, k.n, mb_keys[i].name))
			continue;
		*strong = mb_keys[i].strong ||
		    (mb_keys[i].fact == FACT_FIRMWARE &&
		    xml_istr(v.p, v.n, ",build:") != NULL);
		return &mb_keys[i];
	}
	*strong = false;
	return NULL;
}

/* mb_scan: walk the key=value lines of [p, end); report facts if emit.
 * Returns the number of strong keys, or -1 if the first line is not
 * key=value. */
static int
mb_scan(const char *p, const char *end, bool emit, unsigned subj,
    struct proto_ctx *ctx)
{
	struct span k, v;
	int strong = 0;
	bool st;

	for (unsigned i = 0; i < HB_MAX_LINES && p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const struct mb_key *m;

		while (p < le && is_space(*p))
			p++;
		if (!mb_line(p, le, &k, &v)) {
			if (i == 0)
				return -1;
		} else if ((m = mb_lookup(k, v, &st)) != NULL) {
			strong += st;
			if (emit && m->fact == FACT_FIRMWARE)
				version(ctx, subj, m->conf, v.p, v.n);
			else if (emit && m->fact != FACT_COUNT)
				xml_fact(ctx, subj, m->fact, m->conf, HB_SRC,
				    v.p, v.n);
		}
		p = nl ? nl + 1 : end;
	}
	return strong;
}

/* magicbox: key=value lines; DEC_UNSUPPORTED unless the first line is
 * key=value and a Dahua-specific key appears (checked before any fact is
 * reported). */
static enum dec
magicbox(struct cur body, unsigned subj, struct proto_ctx *ctx)
{
	size_t n = cur_left(&body);
	const char *p = (const char *)cur_take(&body, n);

	if (p == NULL || mb_scan(p, p + n, false, subj, ctx) <= 0)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, HTTPBODY_MSGS);
	proto_fact(ctx, subj, FACT_VENDOR, 85, HB_SRC, "Dahua", 5);
	(void)mb_scan(p, p + n, true, subj, ctx);
	return DEC_OK;
}

/* RPC2 camera fields, all inside a "DeviceInfo" object. */
static const char *const rpc_keys[C_COUNT] = {
	[C_IP] = "Address", [C_MAC] = "Mac", [C_MODEL] = "DeviceType",
	[C_SN] = "SerialNo", [C_FW] = "Version", [C_PROTO] = "Vendor",
};

/* rpc_camera: the facts of one RPC2 camera (C_PROTO holds its Vendor). */
static bool
rpc_camera(struct proto_ctx *ctx, unsigned subj, struct span *v)
{
	struct span vendor = v[C_PROTO];

	v[C_PROTO].n = 0;
	if (!channel(ctx, subj, v))
		return false;
	xml_trim(&vendor.p, &vendor.n);
	if (xml_ieq(vendor.p, vendor.n, "Dahua"))
		proto_fact(ctx, subj, FACT_VENDOR, 80, HB_SRC, "Dahua", 5);
	else
		xml_fact(ctx, subj, FACT_BRAND, 60, HB_SRC, vendor.p, vendor.n);
	return true;
}

/* rpc_field: record ev if it is the first of a camera field. */
static void
rpc_field(struct span *v, const struct json_ev *ev)
{
	if (ev->val == NULL || !json_parent_is(ev, "DeviceInfo"))
		return;
	for (unsigned i = 0; i < C_COUNT; i++) {
		if (v[i].p == NULL && json_key_is(ev, rpc_keys[i])) {
			v[i].p = ev->val;
			v[i].n = ev->val_len;
		}
	}
}

/* rpc2: a Dahua RPC2 JSON reply holding a "camera" array. */
static enum dec
rpc2(struct cur body, unsigned subj, struct proto_ctx *ctx)
{
	struct json_scan s;
	struct json_ev ev;
	struct span v[C_COUNT];
	unsigned stated = SUBJ_STATED, depth = 0;
	bool arr = false, in = false, seen = false;

	json_init(&s, body);
	for (unsigned n = 0; n < HB_MAX_EVENTS && json_next(&s, &ev); n++) {
		if (!arr && !seen && ev.kind == JSON_ARRAY &&
		    json_key_is(&ev, "camera")) {
			arr = seen = true;
			depth = ev.depth + 1;
		} else if (arr && ev.kind == JSON_OBJECT && ev.depth == depth) {
			memset(v, 0, sizeof v);
			in = stated < SUBJ_STATED + HB_MAX_STATED;
		} else if (arr && ev.kind == JSON_END && ev.depth == depth) {
			if (in && rpc_camera(ctx, stated, v))
				stated++;
			in = false;
		} else if (arr && ev.kind == JSON_END && ev.depth < depth) {
			arr = false;
		} else if (in) {
			rpc_field(v, &ev);
		}
	}
	if (!seen)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, HTTPBODY_MSGS);
	proto_fact(ctx, subj, FACT_PROTOCOL, 85, HB_SRC, "dahua-rpc2", 10);
	if (in)
		(void)rpc_camera(ctx, stated, v);
	if (s.malformed) {
		STAT_INC(ctx->st, HTTPBODY_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}

/* httpbody_decode: see proto.h. Kinds, told by the first byte and root:
 * ISAPI <DeviceInfo>: VENDOR "Hikvision" (95 for the hikvision.com or
 * isapi.org namespace, 70 for PSIA), MODEL, SERIAL, MAC, FIRMWARE, BUILD
 * (95), KIND, HARDWARE (90), NAME (80), for subject. ISAPI
 * InputProxyChannel lists: VENDOR "Hikvision" for subject (90), and per
 * channel with an address SUBJ_STATED+k: IP, MAC (85), MODEL, SERIAL,
 * FIRMWARE (80), VENDOR when the proxy protocol or a DS-2 model implies
 * it (70). ONVIF GetDeviceInformationResponse: VENDOR (Manufacturer as
 * stated, 80), MODEL, FIRMWARE, SERIAL (85), HARDWARE (80). Dahua
 * magicBox key=value lines with a Dahua-specific key: VENDOR "Dahua"
 * (85), MODEL, SERIAL, FIRMWARE, BUILD (90), BRAND (vendor=, 80),
 * HARDWARE (80), NAME (70). Dahua RPC2 JSON with a "camera" array:
 * FACT_PROTOCOL "dahua-rpc2" (85) for subject and per camera with an
 * address SUBJ_STATED+k: IP, MAC, MODEL, SERIAL, FIRMWARE as above,
 * VENDOR "Dahua" (80) if its Vendor says so, else BRAND = Vendor (60). */
enum dec
httpbody_decode(struct cur body, unsigned subject, struct proto_ctx *ctx)
{
	uint8_t b = first_byte(body);

	if (b == '<')
		return xml_body(body, subject, ctx);
	if (b == '{')
		return rpc2(body, subject, ctx);
	if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))
		return magicbox(body, subject, ctx);
	return DEC_UNSUPPORTED;
}
