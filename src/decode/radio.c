/* SPDX-License-Identifier: MIT */
/* radio.c - the radio link-type table and radio_decode().
 *
 * Link types per tcpdump.org/linktypes.html: 105 IEEE802_11 (no radio
 * header), 127 IEEE802_11_RADIOTAP, 192 PPI, 251 BLUETOOTH_LE_LL, 256
 * BLUETOOTH_LE_LL_WITH_PHDR, 272 NORDIC_BLE. */
#include <string.h>

#include "radiolayer.h"

static const struct {
	int dlt;
	const char *name;
	radio_fn fn;
} radios[] = {
	{ 105, "802.11", ieee80211_decode },
	{ 127, "802.11-radiotap", radiotap_decode },
	{ 192, "802.11-ppi", ppi_decode },
	{ 251, "ble-ll", btle_decode },
	{ 256, "ble-ll-phdr", btle_phdr_decode },
	{ 272, "ble-nordic", btle_nordic_decode },
};

static radio_fn
radio_lookup(int dlt, const char **name)
{
	for (size_t i = 0; i < sizeof radios / sizeof radios[0]; i++) {
		if (radios[i].dlt == dlt) {
			if (name)
				*name = radios[i].name;
			return radios[i].fn;
		}
	}
	return NULL;
}

bool
radio_link(int dlt, const char **name)
{
	return radio_lookup(dlt, name) != NULL;
}

enum dec
radio_decode(int dlt, const uint8_t *frame, size_t n, uint64_t ts_us,
    const struct radio_out *out, struct stats *st)
{
	radio_fn fn = radio_lookup(dlt, NULL);
	struct radio r;

	if (fn == NULL) {
		STAT_INC(st, LINK_UNSUPPORTED);
		return DEC_UNSUPPORTED;
	}
	memset(&r, 0, sizeof r);
	r.ts_us = ts_us;
	return fn(cur_make(frame, n), &r, out, st);
}
