/* SPDX-License-Identifier: MIT */
/* test_iq.c - IQ recordings (src/sdr/iq.c): SigMF metadata, raw formats,
 * times, and every bad file the issue names: wrong rate, truncated,
 * NaN/Inf samples, a dataset outside its directory, zero-length data;
 * and the DroneID frame of a transport block (src/sdr/frame.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <math.h>

#include "out/record.h"
#include "sdr/frame.h"
#include "sdr/iq.h"

static char dir[] = "/tmp/vigie-iq-XXXXXX";
static struct iq_file Q;

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Write n bytes to dir/name; the path in path. */
static void
put(const char *name, const void *b, size_t n, char *path, size_t pn)
{
	FILE *f;

	snprintf(path, pn, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, n, f), n);
	fclose(f);
}

/* put() of a string, without its NUL. */
static void
put_text(const char *name, const char *text, char *path, size_t pn)
{
	put(name, text, strlen(text), path, pn);
}

static void
test_time(void **state)
{
	uint64_t us;

	(void)state;
	assert_true(time_parse("1970-01-01T00:00:00Z", 20, false, &us));
	assert_int_equal(us, 0);
	assert_true(time_parse("2026-05-04T10:00:00.25Z", 23, false, &us));
	assert_int_equal(us, 1777888800250000ull);
	assert_true(time_parse("2024-02-29", 10, false, &us));
	assert_int_equal(us, 1709164800000000ull);
	assert_false(time_parse("2026-02-30", 10, false, &us));
	/* 2026 is no leap year. */
	assert_false(time_parse("2026-02-29", 10, false, &us));
	assert_false(time_parse("2100-02-29", 10, false, &us));
	assert_true(time_parse("2000-02-29", 10, false, &us));
	assert_false(time_parse("2026-05-04T10:00:00", 19, false, &us));
	assert_false(time_parse("2026-05-04T25:00:00Z", 20, false, &us));
	assert_false(time_parse("2026-05-04T10:00:00.x5Z", 23, false, &us));
	assert_false(time_parse("1969-12-31", 10, false, &us));
	/* The forms vigie report takes too, and the end of a period. */
	assert_true(time_parse("2026-05-04T10:00+00:00", 22, false, &us));
	assert_int_equal(us, 1777888800000000ull);
	assert_true(time_parse("2026-05-04 10:00:00Z", 20, false, &us));
	assert_int_equal(us, 1777888800000000ull);
	assert_true(time_parse("2026-05-04", 10, true, &us));
	assert_int_equal(us, 1777888800000000ull + 14 * 3600000000ull - 1);
	assert_true(time_parse("2026-05-04T10:00Z", 17, true, &us));
	assert_int_equal(us, 1777888800000000ull + 60000000ull - 1);
	assert_false(time_parse("2026-05-04T10:00:00.1234567890Z", 31, false,
	    &us)); /* more than 9 digits */
	assert_false(time_parse("2026-05-04T10:00:00Zx", 21, false, &us));
	assert_false(time_parse("2026-5-4", 8, false, &us));
}

static void
test_sigmf(void **state)
{
	static const char ok[] = "{\"global\":{\"core:datatype\":\"ci16_le\","
	    "\"core:sample_rate\":2e7,\"core:dataset\":\"x.bin\"},"
	    "\"captures\":[{\"core:sample_start\":10,\"core:frequency\":"
	    "5.7965e9,\"core:datetime\":\"2026-05-04T10:00:00Z\"},"
	    "{\"core:frequency\":1}]}";
	static const struct {
		const char *text, *err;
	} bad[] = {
		{ "{\"global\":{\"core:sample_rate\":1e6}}", "core:datatype" },
		{ "{\"global\":{\"core:datatype\":\"cf32_be\"}}",
		    "core:datatype 'cf32_be'" },
		{ "{\"global\":{\"core:datatype\":\"cu8\"}}",
		    "core:sample_rate" },
		{ "{\"global\":{\"core:datatype\":\"cu8\",\"core:sample_rate\":"
		    "-5}}", "core:sample_rate" },
		{ "{\"global\":{\"core:datatype\":\"cu8\",\"core:sample_rate\":"
		    "1e6},\"captures\":[{\"core:datetime\":\"yesterday\"}]}",
		    "core:datetime" },
		{ "{\"global\":{\"core:datatype\":\"cu8\"", "not valid JSON" },
		{ "[1,2]", "not a JSON object" },
	};
	struct iq_meta m;
	char err[300];

	(void)state;
	assert_int_equal(iq_sigmf_parse(ok, strlen(ok), &m, err, sizeof err),
	    0);
	assert_int_equal(m.fmt, IQ_CS16);
	assert_true(m.rate == 2e7 && m.freq_hz == 5.7965e9);
	assert_true(m.has_start && m.start_us == 1777888800000000ull);
	assert_int_equal(m.skip, 10);
	assert_string_equal(m.dataset, "x.bin");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		assert_int_equal(iq_sigmf_parse(bad[i].text,
		    strlen(bad[i].text), &m, err, sizeof err), -1);
		if (strstr(err, bad[i].err) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i, err,
			    bad[i].err);
	}
}

/* Open path with no overrides; the error text, or "" when it opened. */
static const char *
try_open(const char *path, const struct iq_meta *over)
{
	static char err[600];
	static const struct iq_meta none;

	err[0] = '\0';
	if (iq_open(&Q, path, over ? over : &none, err, sizeof err) == 0) {
		iq_close(&Q);
		return "";
	}
	assert_true(err[0] != '\0');
	return err;
}

static void
test_open_errors(void **state)
{
	char p[512], meta[512];
	float s[4] = { 1, 2, 3, 4 };
	struct iq_meta raw = { .fmt = IQ_CF32, .rate = 50e6 };

	(void)state;
	/* A dataset outside the metadata's directory. */
	put_text("a.sigmf-meta", "{\"global\":{\"core:datatype\":\"cf32_le\","
	    "\"core:sample_rate\":5e7,\"core:dataset\":\"../x\"}}", meta,
	    sizeof meta);
	assert_non_null(strstr(try_open(meta, NULL), "outside"));
	/* Zero-length data. */
	put_text("b.sigmf-meta", "{\"global\":{\"core:datatype\":\"cf32_le\","
	    "\"core:sample_rate\":5e7}}", meta, sizeof meta);
	put("b.sigmf-data", "", 0, p, sizeof p);
	assert_non_null(strstr(try_open(meta, NULL), "no samples"));
	/* Missing data file: named. */
	unlink(p);
	assert_non_null(strstr(try_open(meta, NULL), "b.sigmf-data"));
	/* A rate too low for a burst. */
	put_text("c.sigmf-meta", "{\"global\":{\"core:datatype\":\"cu8\","
	    "\"core:sample_rate\":2.048e6}}", meta, sizeof meta);
	put("c.sigmf-data", s, sizeof s, p, sizeof p);
	assert_non_null(strstr(try_open(meta, NULL), "15.36"));
	/* ... unless overridden. */
	raw.fmt = IQ_NONE;
	assert_string_equal(try_open(meta, &raw), "");
	/* Raw files need a format and a rate. */
	put("d.bin", s, sizeof s, p, sizeof p);
	assert_non_null(strstr(try_open(p, NULL), "--format"));
	raw = (struct iq_meta){ .fmt = IQ_CS8 };
	assert_non_null(strstr(try_open(p, &raw), "--rate"));
	assert_non_null(strstr(try_open("/nonexistent/x.bin",
	    &(struct iq_meta){ .fmt = IQ_CS8, .rate = 2e7 }), "nonexistent"));
}

static void
test_read_formats(void **state)
{
	char p[512];
	float f[6] = { 0.5f, -0.25f, NAN, 1.0f, INFINITY, 0.0f };
	uint8_t u8[5] = { 0, 255, 127, 128, 9 }; /* last byte: half a sample */
	int8_t s8[4] = { -128, 127, 0, 64 };
	uint8_t s16[4] = { 0x00, 0x80, 0xff, 0x7f };
	float complex out[8];
	struct iq_meta o = { .fmt = IQ_CF32, .rate = 50e6 };

	(void)state;
	put("f.cf32", f, sizeof f, p, sizeof p);
	assert_int_equal(iq_open(&Q, p, &o, p, sizeof p), 0);
	assert_int_equal(iq_read(&Q, out, 8), 3);
	assert_true(crealf(out[0]) == 0.5f && cimagf(out[0]) == -0.25f);
	assert_true(out[1] == 0 && out[2] == 0); /* NaN, Inf: zero */
	assert_int_equal(Q.nonfinite, 2);
	assert_int_equal(iq_read(&Q, out, 8), 0);
	iq_close(&Q);

	o.fmt = IQ_CU8;
	put("u.cu8", u8, sizeof u8, p, sizeof p);
	assert_int_equal(iq_open(&Q, p, &o, p, sizeof p), 0);
	assert_true(Q.partial);
	assert_int_equal(iq_read(&Q, out, 8), 2);
	assert_true(fabsf(crealf(out[0]) + 127.5f / 128) < 1e-6f);
	assert_true(fabsf(cimagf(out[0]) - 127.5f / 128) < 1e-6f);
	iq_close(&Q);

	o.fmt = IQ_CS8;
	put("s.cs8", s8, sizeof s8, p, sizeof p);
	assert_int_equal(iq_open(&Q, p, &o, p, sizeof p), 0);
	assert_int_equal(iq_read(&Q, out, 8), 2);
	assert_true(crealf(out[0]) == -1.0f && cimagf(out[1]) == 0.5f);
	iq_close(&Q);

	o.fmt = IQ_CS16;
	put("s.cs16", s16, sizeof s16, p, sizeof p);
	assert_int_equal(iq_open(&Q, p, &o, p, sizeof p), 0);
	assert_int_equal(iq_read(&Q, out, 8), 1);
	assert_true(crealf(out[0]) == -1.0f);
	assert_true(fabsf(cimagf(out[0]) - 32767.0f / 32768) < 1e-6f);
	iq_close(&Q);
}

/* A version 2 telemetry frame as the transport block carries it. */
static size_t
make_frame(uint8_t *tb)
{
	static const uint8_t rec[] = {
		0x02, 0x34, 0x12, 0x00, 0x00,              /* v2 seq state */
		'1', '5', '8', '1', 'F', '5', 'B', 'K', 'D', '2', '2', '9',
		'0', '0', '1', '0',                         /* serial [16] */
	};
	size_t len = 88;

	memset(tb, 0, OCU_TB);
	tb[0] = (uint8_t)len;
	tb[1] = 0x10;
	memcpy(tb + 2, rec, sizeof rec);
	tb[2 + 65] = 58;                                /* Mavic Air 2 */
	uint16_t crc = dji_crc16(tb, len + 1);
	tb[len + 1] = (uint8_t)crc;
	tb[len + 2] = (uint8_t)(crc >> 8);
	return len;
}

static void
test_frame(void **state)
{
	uint8_t tb[OCU_TB];
	struct dji_msg m;
	struct stats st;
	size_t len;

	(void)state;
	memset(&st, 0, sizeof st);
	len = make_frame(tb);
	assert_int_equal(ocu_frame_parse(tb, OCU_TB, &m, &st), OCU_OK);
	assert_int_equal(m.sub, 0x10);
	assert_int_equal(m.version, 2);
	assert_int_equal(m.seq, 0x1234);
	assert_memory_equal(m.serial, "1581F5BKD2290010", 16);
	assert_string_equal(m.product_name, "Mavic Air 2");
	tb[5] ^= 1; /* the inner CRC catches a flipped bit */
	assert_int_equal(ocu_frame_parse(tb, OCU_TB, &m, &st), OCU_FAIL_CRC16);
	assert_int_equal(m.sub, 0);
	make_frame(tb);
	tb[0] = 171; /* CRC-16 would overlap CRC-24A */
	assert_int_equal(ocu_frame_parse(tb, OCU_TB, &m, &st), OCU_FAIL_FRAME);
	tb[0] = 0;
	assert_int_equal(ocu_frame_parse(tb, OCU_TB, &m, &st), OCU_FAIL_FRAME);
	/* Short blocks are refused, not read past. */
	make_frame(tb);
	assert_int_equal(ocu_frame_parse(tb, len, &m, &st), OCU_FAIL_FRAME);
	/* An unknown subcommand with a good CRC. */
	make_frame(tb);
	tb[1] = 0x42;
	uint16_t crc = dji_crc16(tb, len + 1);
	tb[len + 1] = (uint8_t)crc;
	tb[len + 2] = (uint8_t)(crc >> 8);
	assert_int_equal(ocu_frame_parse(tb, OCU_TB, &m, &st), OCU_FAIL_FRAME);
}

/* ocu_frame_parse() on an exact-size heap copy of the first n bytes of
 * tb (so that ASan sees a read past them). */
static enum ocu_stage
frame_at(const uint8_t *tb, size_t n, struct dji_msg *m, struct stats *st)
{
	uint8_t *b = malloc(n);
	enum ocu_stage s;

	assert_non_null(b);
	memcpy(b, tb, n);
	s = ocu_frame_parse(b, n, m, st);
	free(b);
	return s;
}

/* The longest frame: its CRC-16 the last two bytes before CRC-24A. */
static void
test_frame_edges(void **state)
{
	uint8_t tb[OCU_TB];
	struct dji_msg m;
	struct stats st;
	size_t len = OCU_TB - 6;
	uint16_t crc;

	(void)state;
	memset(&st, 0, sizeof st);
	make_frame(tb);
	tb[0] = (uint8_t)len;
	crc = dji_crc16(tb, len + 1);
	tb[len + 1] = (uint8_t)crc;
	tb[len + 2] = (uint8_t)(crc >> 8);
	/* Read from a block without its CRC-24A, ending with the CRC-16. */
	assert_int_equal(frame_at(tb, OCU_TB - 3, &m, &st), OCU_OK);
	assert_memory_equal(m.serial, "1581F5BKD2290010", 16);
	assert_int_equal(frame_at(tb, OCU_TB, &m, &st), OCU_OK);
	/* Its last CRC byte is read, as the high byte. */
	tb[len + 2] ^= 0x80;
	assert_int_equal(frame_at(tb, OCU_TB - 3, &m, &st), OCU_FAIL_CRC16);
	tb[len + 2] ^= 0x80;
	/* One byte longer, its CRC-16 would end on the first CRC-24A byte;
	 * a block cut one byte short: refused, not read past. */
	tb[0] = (uint8_t)(len + 1);
	assert_int_equal(frame_at(tb, OCU_TB - 3, &m, &st), OCU_FAIL_FRAME);
	assert_int_equal(frame_at(tb, OCU_TB, &m, &st), OCU_FAIL_FRAME);
	tb[0] = (uint8_t)len;
	assert_int_equal(frame_at(tb, OCU_TB - 4, &m, &st), OCU_FAIL_FRAME);
	/* The shortest: a subcommand and no record. */
	tb[0] = 1;
	crc = dji_crc16(tb, 2);
	tb[2] = (uint8_t)crc;
	tb[3] = (uint8_t)(crc >> 8);
	assert_int_equal(frame_at(tb, OCU_TB - 3, &m, &st), OCU_FAIL_FRAME);
	assert_int_equal(m.sub, 0);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_sigmf),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_read_formats),
		cmocka_unit_test(test_frame),
		cmocka_unit_test(test_frame_edges),
	};
	return cmocka_run_group_tests(t, setup, teardown);
}
