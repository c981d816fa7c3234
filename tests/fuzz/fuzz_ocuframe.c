/* SPDX-License-Identifier: MIT */
/* fuzz_ocuframe.c - libFuzzer target for ocu_frame_parse(), the DroneID
 * frame read from an OcuSync transport block once CRC-24A has held.
 *
 * An adversary with a transmitter chooses every byte of the block and
 * makes both CRCs right, so the input is used twice: as given (mostly
 * stopped by the inner CRC-16), and with the CRC-16 the length byte
 * points at set correctly, so that the record parser behind it is
 * reached. Results are checked against the contract: a frame is either
 * rejected with a stage code and nothing in m, or m holds a record. */
#include <stdlib.h>
#include <string.h>

#include "sdr/frame.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
need(bool ok)
{
	if (!ok)
		abort();
}

static void
check(enum ocu_stage s, const struct dji_msg *m)
{
	static const struct dji_msg zero;

	need(s == OCU_OK || s == OCU_FAIL_FRAME || s == OCU_FAIL_CRC16);
	if (s != OCU_OK) {
		need(memcmp(m, &zero, sizeof zero) == 0);
		return;
	}
	need(m->sub == 0x10 || m->sub == 0x11);
	need(m->serial_len <= DJI_SERIAL_LEN && m->uuid_len <= DJI_UUID_LEN);
	need(!m->pos_ok || (m->lat >= -90 && m->lat <= 90 &&
	    m->lon >= -180 && m->lon <= 180));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t tb[OCU_TB];
	struct stats st;
	struct dji_msg m;
	uint16_t crc;
	size_t len;

	memset(&st, 0, sizeof st);
	/* The parser's own bound: whatever size it is handed. */
	check(ocu_frame_parse(data, size, &m, &st), &m);
	/* A whole block, CRC-16 made right where the length says. */
	memset(tb, 0, sizeof tb);
	memcpy(tb, data, size < sizeof tb ? size : sizeof tb);
	len = tb[0];
	if (len + 3 <= OCU_TB - 3) {
		crc = dji_crc16(tb, len + 1);
		tb[len + 1] = (uint8_t)crc;
		tb[len + 2] = (uint8_t)(crc >> 8);
	}
	check(ocu_frame_parse(tb, sizeof tb, &m, &st), &m);
	return 0;
}
