/* SPDX-License-Identifier: MIT */
/* gen_text.c - text payloads (HTTP, RTSP, SSDP, WS-Discovery) for gen_mixed. */
/*
 * References: RFC 9112 (HTTP/1.1), RFC 2326 (RTSP 1.0), RFC 8866 (SDP), UPnP
 * Device Architecture 1.1 (SSDP), WS-Discovery 1.0 with the ONVIF Core profile
 * scopes. Device pages imitate the shape of Hikvision ISAPI deviceInfo and
 * Dahua magicBox.
 */
#include "gen.h"

#include <inttypes.h>
#include <stdio.h>

static const char *const hik_model[3] = { "DS-2CD2143G2-I", "DS-2CD2387G2-LU",
	"DS-2DE4425IW-DE" };
static const char *const dahua_model[3] = { "IPC-HDW2431T-AS-S2",
	"IPC-HFW2831S-S-S2", "SD49225XA-HNR" };

static const char *const user_agent[3] = {
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
	"like Gecko) Chrome/131.0.0.0 Safari/537.36",
	"Microsoft-CryptoAPI/10.0",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 "
	"(KHTML, like Gecko) Version/18.1 Safari/605.1.15",
};

static const char *
cam_model(const struct host *cam, unsigned idx)
{
	return idx < N_HIK ? hik_model[cam->model] : dahua_model[cam->model];
}

void
text_http_req(struct wb *w, const struct sess *s, unsigned ua)
{
	wb_fmt(w,
	    "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\n"
	    "Accept: */*\r\nAccept-Encoding: gzip, deflate\r\n"
	    "Connection: keep-alive\r\n\r\n",
	    s->path, s->sni, user_agent[ua % 3]);
}

void
text_http_resp(struct wb *w, unsigned code, const char *ctype, uint32_t clen)
{
	if (code == 204)
		wb_fmt(
		    w, "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
	else
		wb_fmt(w,
		    "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: "
		    "%" PRIu32 "\r\nCache-Control: max-age=3600\r\nServer: "
		    "nginx\r\n"
		    "Connection: keep-alive\r\n\r\n",
		    ctype, clen);
}

void
text_caminfo(struct wb *w, const struct host *cam, bool hik)
{
	char body[1024], uuid[37];
	int n;

	fmt_uuid(uuid, cam->uuid);
	if (hik)
		n = snprintf(body, sizeof(body),
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<DeviceInfo version=\"2.0\" "
		    "xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">\n"
		    "<deviceName>IP "
		    "CAMERA</deviceName>\n<deviceID>%s</deviceID>\n"
		    "<model>%s</"
		    "model>\n<serialNumber>%s20250612AAWR%02X%02X%02X"
		    "</serialNumber>\n<macAddress>%02x:%02x:%02x:%02x:%02x:%02x"
		    "</macAddress>\n<firmwareVersion>V5.7.3</firmwareVersion>\n"
		    "<deviceType>IPCamera</deviceType>\n</DeviceInfo>\n",
		    uuid, hik_model[cam->model], hik_model[cam->model],
		    cam->mac[3], cam->mac[4], cam->mac[5], cam->mac[0],
		    cam->mac[1], cam->mac[2], cam->mac[3], cam->mac[4],
		    cam->mac[5]);
	else
		n = snprintf(body, sizeof(body),
		    "deviceType=%s\r\nprocessor=SSC30KQ\r\n"
		    "serialNumber=7M0%02X%02X%02XPAZ%02X\r\nupdateSerial=%"
		    "s\r\n",
		    dahua_model[cam->model], cam->mac[3], cam->mac[4],
		    cam->mac[5], cam->uuid[0], dahua_model[cam->model]);
	if (n < 0 || (size_t)n >= sizeof(body))
		n = 0;
	wb_fmt(w,
	    "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
	    "Connection: close\r\n\r\n%s",
	    hik ? "application/xml" : "text/plain", n, body);
}

void
text_rtsp(struct wb *w, const struct gen *g, const struct sess *s,
    unsigned step, bool resp)
{
	static const char *const verb[6] = { "OPTIONS", "DESCRIBE", "SETUP",
		"PLAY", "GET_PARAMETER", "TEARDOWN" };
	const struct host *cam = &g->cam[s->cam];
	uint32_t sid = (uint32_t)(s->seed >> 32),
		 cport = 50000 + 2u * (uint32_t)(s->seed & 0x3ff);
	char url[96], sdp[640];
	int n;

	snprintf(url, sizeof(url), "rtsp://%s:554%s", cam->ip4s,
	    s->cam < N_HIK ? "/Streaming/Channels/101"
			   : "/cam/realmonitor?channel=1&subtype=0");
	if (!resp) {
		wb_fmt(w, "%s %s%s RTSP/1.0\r\nCSeq: %u\r\n", verb[step], url,
		    step == 2 ? "/trackID=1" : "", step + 2);
		if (step == 1)
			wb_fmt(w, "Accept: application/sdp\r\n");
		if (step == 2)
			wb_fmt(w,
			    "Transport: RTP/AVP;unicast;client_port=%u-%u\r\n",
			    cport, cport + 1);
		if (step >= 3)
			wb_fmt(w, "Session: %08X\r\n", sid);
		if (step == 3)
			wb_fmt(w, "Range: npt=0.000-\r\n");
		wb_fmt(w, "User-Agent: %s\r\n\r\n",
		    s->nvr ? "NVR RTSP Client/1.0"
			   : "LibVLC/3.0.21 (LIVE555 Streaming Media "
			     "v2016.11.28)");
		return;
	}
	wb_fmt(w, "RTSP/1.0 200 OK\r\nCSeq: %u\r\n", step + 2);
	if (step == 0)
		wb_fmt(w,
		    "Public: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, "
		    "SET_PARAMETER, GET_PARAMETER\r\n"
		    "\r\n");
	else if (step == 1) {
		n = snprintf(sdp, sizeof(sdp),
		    "v=0\r\no=- %u 1 IN IP4 %s\r\ns=Media Presentation\r\n"
		    "e=NONE\r\nb=AS:5100\r\nt=0 0\r\na=control:%s\r\n"
		    "m=video 0 RTP/AVP 96\r\nc=IN IP4 0.0.0.0\r\nb=AS:5000\r\n"
		    "a=recvonly\r\na=x-dimensions:2560,1440\r\n"
		    "a=control:%s/trackID=1\r\na=rtpmap:96 H264/90000\r\n"
		    "a=fmtp:96 profile-level-id=420029; packetization-mode=1; "
		    "sprop-parameter-sets=Z2QAM6wVFKAoAt2AiAAAAwAIAAADAZQg,"
		    "aO48sA==\r\n",
		    sid, cam->ip4s, url, url);
		if (n < 0 || (size_t)n >= sizeof(sdp))
			n = 0;
		wb_fmt(w,
		    "Content-Type: application/sdp\r\nContent-Base: %s/\r\n"
		    "Content-Length: %d\r\n\r\n%s",
		    url, n, sdp);
	} else if (step == 2)
		wb_fmt(w,
		    "Session: %08X;timeout=60\r\n"
		    "Transport: "
		    "RTP/"
		    "AVP;unicast;client_port=%u-%u;server_port=8216-8217;ssrc=%"
		    "08X;mode=\"play\"\r\n"
		    "\r\n",
		    sid, cport, cport + 1, sid ^ 0x5a5a5a5au);
	else
		wb_fmt(w, "Session: %08X\r\n%s\r\n", sid,
		    step == 3 ? "RTP-Info: url=trackID=1;seq=1;rtptime=0\r\n"
			      : "");
}

/* SSDP (UPnP 1.1 device architecture) and WS-Discovery (ONVIF) text. */
void
text_disc(
    struct wb *w, const struct gen *g, const struct sess *s, unsigned step)
{
	const struct host *cam = &g->cam[step ? s->resp[step - 1] : s->cam];
	unsigned ci = step ? s->resp[step - 1] : s->cam;
	uint8_t id[16];
	char uuid[37], mid[37];

	be32(id, (uint32_t)(s->seed >> 32));
	be32(id + 4, (uint32_t)s->seed);
	be32(id + 8, (uint32_t)(s->seed >> 16));
	be32(id + 12, ~(uint32_t)s->seed);
	id[6] = (uint8_t)(0x40 | (id[6] & 15));
	fmt_uuid(mid, id);
	fmt_uuid(uuid, cam->uuid);
	if (s->kind == S_NOTIFY || (s->kind == S_MSEARCH && step))
		wb_fmt(w,
		    "%s\r\n%sCACHE-CONTROL: max-age=1800\r\n"
		    "LOCATION: http://%s:80/upnpdevicedesc.xml\r\n"
		    "%s: upnp:rootdevice\r\n"
		    "%sSERVER: Linux/3.10, UPnP/1.0, %s/1.0\r\n"
		    "USN: uuid:%s::upnp:rootdevice\r\n\r\n",
		    step ? "HTTP/1.1 200 OK" : "NOTIFY * HTTP/1.1",
		    step ? "EXT:\r\n" : "HOST: 239.255.255.250:1900\r\n",
		    cam->ip4s, step ? "ST" : "NT",
		    step ? "" : "NTS: ssdp:alive\r\n", cam_model(cam, ci),
		    uuid);
	else if (s->kind == S_MSEARCH)
		wb_fmt(w,
		    "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
		    "MAN: \"ssdp:discover\"\r\nMX: %d\r\nST: %s\r\n%s\r\n",
		    s->nvr ? 1 : 3,
		    s->nvr ? "upnp:rootdevice"
			   : "urn:dial-multiscreen-org:service:dial:1",
		    s->nvr ? ""
			   : "USER-AGENT: Microsoft Edge/131.0 Windows\r\n");
	else if (step == 0)
		wb_fmt(w,
		    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
		    "<Envelope "
		    "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\" "
		    "xmlns=\"http://www.w3.org/2003/05/soap-envelope\">"
		    "<Header>"
		    "<wsa:MessageID "
		    "xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/"
		    "addressing\">uuid:%s"
		    "</wsa:MessageID>"
		    "<wsa:To "
		    "xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/"
		    "addressing\">urn:schemas-xmlsoap-org:ws:2005:04:discovery"
		    "</wsa:To>"
		    "<wsa:Action "
		    "xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/"
		    "addressing\">http://schemas.xmlsoap.org/ws/2005/04/"
		    "discovery/Probe"
		    "</wsa:Action></Header><Body>"
		    "<Probe "
		    "xmlns=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\">"
		    "<Types>dn:NetworkVideoTransmitter</Types><Scopes "
		    "/></Probe>"
		    "</Body></Envelope>",
		    mid);
	else
		wb_fmt(w,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		    "<env:Envelope "
		    "xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
		    "xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/"
		    "addressing\" "
		    "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/"
		    "discovery\" "
		    "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\">"
		    "<env:Header><wsa:MessageID>uuid:%s</wsa:MessageID>"
		    "<wsa:RelatesTo>uuid:%s</wsa:RelatesTo>"
		    "<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/"
		    "role/anonymous"
		    "</wsa:To>"
		    "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/"
		    "discovery/ProbeMatches"
		    "</wsa:Action></env:Header><env:Body><d:ProbeMatches>"
		    "<d:ProbeMatch><wsa:EndpointReference><wsa:Address>urn:"
		    "uuid:%s"
		    "</wsa:Address></wsa:EndpointReference>"
		    "<d:Types>dn:NetworkVideoTransmitter</d:Types>"
		    "<d:Scopes>onvif://www.onvif.org/type/video_encoder "
		    "onvif://www.onvif.org/Profile/Streaming "
		    "onvif://www.onvif.org/hardware/%s "
		    "onvif://www.onvif.org/name/%s"
		    "</d:Scopes><d:XAddrs>http://%s/onvif/device_service</"
		    "d:XAddrs>"
		    "<d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch>"
		    "</d:ProbeMatches></env:Body></env:Envelope>",
		    uuid, mid, uuid, cam_model(cam, ci),
		    ci < N_HIK ? "HIKVISION" : "Dahua", cam->ip4s);
}
