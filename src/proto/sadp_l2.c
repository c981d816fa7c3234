/* SPDX-License-Identifier: MIT */
/* sadp_l2.c - Hikvision layer-2 SADP (EtherType 0x8033), older SADP Tool.
 *
 * No public specification; layout as documented in ../shared/docs/network.md
 * section 1.1 (after the Ethernet header, integers big-endian):
 *
 *    0    1      2       4         8      10    11     12        14
 *   +----+------+-------+---------+------+-----+------+---------+
 *   | 21 | type | 01 xx | counter | 06 04| qry | parm | checksum|
 *   +----+------+-------+---------+------+-----+------+---------+
 *   14 sender MAC (6)  20 sender IPv4 (4)  24 target MAC (6)
 *   30 target IPv4 (4) 34 subnet mask (4)  38 payload (IPv6, ...)
 *
 * type: 1 response (from a device), 2 request (from the tool); origin
 * byte 3: 0x42 SADP tool, 0xf6 device. qry: 0x02 DeviceOnlineRequest,
 * 0x03 Inquiry, 0x04 InquiryResponse, 0x06/0x07 UpdateIP, 0x0a/0x0b
 * ResetPassword, 0x0c/0x0d CMSInfo, 0x10/0x11 ModifyNetParam. */
#include <string.h>

#include "../core/addr.h"
#include "proto.h"

#define SADPL2_SRC "sadp_l2"
#define SADPL2_HDR 38
#define SADPL2_RESPONSE 0x01
#define SADPL2_ORIGIN_DEVICE 0xf6
#define SADPL2_INQUIRY_RESPONSE 0x04

static const char hexd[] = "0123456789abcdef";

/* fmt_mac: "aa:bb:cc:dd:ee:ff" of the 6 bytes at a into buf (18 bytes). */
static size_t
fmt_mac(char *buf, const uint8_t *a)
{
	for (unsigned i = 0; i < 6; i++) {
		buf[i * 3] = hexd[a[i] >> 4];
		buf[i * 3 + 1] = hexd[a[i] & 15];
		if (i < 5)
			buf[i * 3 + 2] = ':';
	}
	return 17;
}

static bool
zero(const uint8_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != 0)
			return false;
	return true;
}

/* sadp_l2_decode: a layer-2 SADP frame (payload after the Ethernet
 * header): byte 0 0x21, bytes 8-9 06 04. Every frame gives
 * FACT_PROTOCOL "sadp-l2" (85) for the sender. A frame from a device
 * (type 1 response, origin 0xf6 or query InquiryResponse) also states
 * the device: VENDOR "Hikvision", MAC and IP from the sender fields (85)
 * for SUBJ_STATED (zero addresses are not reported). A frame shorter
 * than the 38-byte header counts sadp_l2.malformed and returns
 * DEC_TRUNC. The MAC and IP texts are formatted into a buffer that lives
 * for the duration of the call. */
enum dec
sadp_l2_decode(struct cur frame, struct proto_ctx *ctx)
{
	struct cur t = frame;
	const uint8_t *h = cur_take(&t, 10);
	char mac[18], ip[16];
	bool device;

	if (h == NULL || h[0] != 0x21 || h[8] != 0x06 || h[9] != 0x04)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, SADP_L2_MSGS);
	proto_fact(ctx, SUBJ_SENDER, FACT_PROTOCOL, 85, SADPL2_SRC, "sadp-l2",
	    7);
	t = frame;
	h = cur_take(&t, SADPL2_HDR);
	if (h == NULL) {
		STAT_INC(ctx->st, SADP_L2_MALFORMED);
		return DEC_TRUNC;
	}
	device = h[1] == SADPL2_RESPONSE || h[3] == SADPL2_ORIGIN_DEVICE ||
	    h[10] == SADPL2_INQUIRY_RESPONSE;
	if (!device || (zero(h + 14, 6) && zero(h + 20, 4)))
		return DEC_OK;
	proto_fact(ctx, SUBJ_STATED, FACT_VENDOR, 85, SADPL2_SRC, "Hikvision",
	    9);
	if (!zero(h + 14, 6))
		proto_fact(ctx, SUBJ_STATED, FACT_MAC, 85, SADPL2_SRC, mac,
		    fmt_mac(mac, h + 14));
	if (!zero(h + 20, 4))
		proto_fact(ctx, SUBJ_STATED, FACT_IP, 85, SADPL2_SRC, ip,
		    addr_fmt_v4(h + 20, ip));
	return DEC_OK;
}
