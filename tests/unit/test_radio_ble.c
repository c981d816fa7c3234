/* SPDX-License-Identifier: MIT */
/* test_radio_ble.c - radio_decode() on hand-built BLE frames of the
 * three BLE link types: legacy ADV_NONCONN_IND (LL), AUX_ADV_IND behind
 * the LE physical-layer header, and the nRF Sniffer header (versions 1
 * and 3); bad CRCs, bad lengths and other PDUs. Their truncations are in
 * test_radio.c's sweep over every link type. */
#include "radio_util.h"

static const uint8_t ADVA_SHOWN[6] = { 0xe0, 0x7d, 0xea, 0xeb, 0x2f, 0x1c };

static void
ble4_nonconn(void **state)
{
	struct buf f = { .n = 0 };
	struct seen s;
	struct stats st;

	(void)state;
	ble4_pdu(&f);
	assert_int_equal(run(251, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.carrier[AIR_BLE4], 1);
	assert_int_equal(s.len, 26);
	assert_int_equal(s.pay[0], 3);
	assert_memory_equal(s.last.tx, ADVA_SHOWN, 6);
	assert_false(s.last.has_rssi);

	/* An AD structure running past the PDU. */
	f.b[6 + 6 + 3] = 40;
	assert_int_equal(run(251, &f, &s, &st), DEC_OK);
	assert_int_equal(s.n, 0);
	assert_int_equal(st.n[STAT_BLE_AD_MALFORMED], 1);
	f.b[6 + 6 + 3] = 30;

	/* A data channel packet, a connect request, a PDU without AdvA. */
	f.b[0] = 0x11;
	assert_int_equal(run(251, &f, &s, &st), DEC_UNSUPPORTED);
	f.b[0] = 0xd6, f.b[4] = 0x05;
	assert_int_equal(run(251, &f, &s, &st), DEC_UNSUPPORTED);
	f.b[4] = 0x42, f.b[5] = 4;
	assert_int_equal(run(251, &f, &s, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_BLE_MALFORMED], 1);
	f.b[5] = 200;
	assert_int_equal(run(251, &f, &s, &st), DEC_TRUNC);
	assert_int_equal(st.n[STAT_BLE_TRUNC], 1);
}

static void
ble5_phdr_aux(void **state)
{
	struct buf f = { .n = 0 };
	struct seen s;
	struct stats st;

	(void)state;
	put8(&f, 10), put8(&f, (uint8_t)-66), put8(&f, (uint8_t)-90);
	put8(&f, 0), put32le(&f, 0x8e89bed6);
	put16le(&f, 0x0001 | 0x0002 | 0x0400 | 0x0800 | 2u << 14);
	ble5_pdu(&f, true);
	assert_int_equal(run(256, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.carrier[AIR_BLE5], 1);
	assert_int_equal(s.len, 26);
	assert_int_equal(s.pay[0], 9);
	assert_memory_equal(s.last.tx, ADVA_SHOWN, 6);
	assert_int_equal(s.last.freq_mhz, 2422); /* RF channel 10 */
	assert_true(s.last.has_rssi);
	assert_int_equal(s.last.rssi_dbm, -66);

	/* CRC checked and failed: counted, dropped. */
	f.b[9] &= (uint8_t)~0x08;
	assert_int_equal(run(256, &f, &s, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_BLE_BAD_CRC], 1);
	assert_int_equal(s.n, 0);

	/* An extended header claiming more than its flagged fields hold. */
	f.b[9] |= 0x08;
	f.b[10 + 5 + 2] = 4;
	assert_int_equal(run(256, &f, &s, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_BLE_MALFORMED], 1);
	/* ... or more than the PDU. */
	f.b[10 + 5 + 2] = 63;
	assert_int_equal(run(256, &f, &s, &st), DEC_MALFORMED);

	/* An empty extended header: no AdvA, AdvData at once. */
	f.n = 0;
	put32le(&f, 0x8e89bed6);
	put8(&f, 0x07), put8(&f, 1 + 31), put8(&f, 0);
	ad_astm(&f, 4);
	assert_int_equal(run(251, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_false(s.last.has_tx);
}

static void
nordic_header(void **state)
{
	struct buf f = { .n = 0 };
	struct seen s;
	struct stats st;

	(void)state;
	nordic_v3(&f, 0x21, 10);
	assert_int_equal(run(272, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.carrier[AIR_BLE5], 1);
	assert_int_equal(s.last.freq_mhz, 2424); /* channel index 10 */
	assert_int_equal(s.last.rssi_dbm, -53);
	assert_memory_equal(s.last.tx, ADVA_SHOWN, 6);

	f.n = 0; /* CRC failed */
	nordic_v3(&f, 0x20, 10);
	assert_int_equal(run(272, &f, &s, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_BLE_BAD_CRC], 1);

	f.n = 0; /* AUX_CHAIN_IND: a fragment */
	nordic_v3(&f, 0x23, 10);
	assert_int_equal(run(272, &f, &s, &st), DEC_UNSUPPORTED);

	f.n = 0; /* channel index 38 */
	nordic_v3(&f, 0x21, 38);
	assert_int_equal(run(272, &f, &s, &st), DEC_OK);
	assert_int_equal(s.last.freq_mhz, 2426);

	f.n = 0; /* trailing bytes beyond the payload length: ignored */
	nordic_v3(&f, 0x21, 10);
	put32le(&f, 0xffffffff);
	assert_int_equal(run(272, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	f.b[1] = 0xff; /* longer than the frame */
	assert_int_equal(run(272, &f, &s, &st), DEC_TRUNC);
	assert_int_equal(st.n[STAT_NORDIC_TRUNC], 1);
	f.b[1] = 3, f.b[2] = 0; /* shorter than the header */
	assert_int_equal(run(272, &f, &s, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_NORDIC_MALFORMED], 1);

	/* Version 1 (header length, payload length) on 1M PHY, legacy PDU. */
	f.n = 0;
	{
		struct buf p = { .n = 0 };

		ble4_pdu(&p);
		put8(&f, 1), put8(&f, 6), put8(&f, (unsigned)(10 + p.n));
		put8(&f, 1), put16le(&f, 7), put8(&f, 6);
		put8(&f, 10), put8(&f, 0x01), put8(&f, 37), put8(&f, 70);
		put16le(&f, 0), put32le(&f, 0);
		putn(&f, p.b, p.n);
	}
	assert_int_equal(run(272, &f, &s, &st), DEC_OK);
	assert_int_equal(s.carrier[AIR_BLE4], 1);
	assert_int_equal(s.last.freq_mhz, 2402);
	assert_int_equal(s.last.rssi_dbm, -70);
	f.b[6] = 0x0e; /* a ping response, not a packet */
	assert_int_equal(run(272, &f, &s, &st), DEC_UNSUPPORTED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ble4_nonconn),
		cmocka_unit_test(ble5_phdr_aux),
		cmocka_unit_test(nordic_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
