/* SPDX-License-Identifier: MIT */
/* fuzz_frame.c - libFuzzer target for the frame decoders and the state
 * they drive (flow and host tables, records).
 *
 * Input: a sequence of frames, each
 *   link(1) length(2, big-endian) bytes(length)
 * where link selects one of the supported link types (modulo their
 * count). Every frame goes through engine_packet() of a fresh engine with
 * small tables and the knowledge base, so eviction, payload decoding
 * and identification run too; the engine then finishes,
 * writing its records to a JSON sink on /dev/null. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/engine.h"
#include "core/limits.h"
#include "intel/kb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int links[] = { 1, 113, 276, 12, 101, 228, 229, 0, 108, 147 };

/* The knowledge base, loaded once (without the MAC registry: it only
 * names vendors of MACs and costs time per run), so the payload
 * decoders and identification run too. */
static struct kb *
fuzz_kb(void)
{
	static struct kb kb;
	static int state; /* 0 not tried, 1 loaded, -1 failed */
	char err[256];

	if (state == 0)
		state = kb_load(&kb, VIGIE_DATA_DIR, err, sizeof err) == 0 ?
		    1 : -1;
	return state == 1 ? &kb : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct engine_cfg cfg;
	struct sink sink;
	struct engine *e;
	char err[256];
	uint64_t ts = 1767600000000000ull;
	size_t o = 0;
	unsigned n = 0;

	memset(&cfg, 0, sizeof cfg);
	netset_defaults(&cfg.local);
	cfg.max_flows = 16;
	cfg.max_hosts = 16;
	cfg.idle_us = 5000000;
	cfg.seed = 42;
	cfg.kb = fuzz_kb();
	cfg.max_idents = 8;
	if (json_open(&sink, "/dev/null", err, sizeof err) < 0)
		return 0;
	e = engine_new(&cfg, &sink, 1, NULL);
	if (e == NULL)
		return 0;
	while (o + 3 <= size && n++ < 256) {
		int dlt = links[data[o] % (sizeof links / sizeof links[0])];
		size_t len = (size_t)data[o + 1] << 8 | data[o + 2];

		o += 3;
		if (len > size - o)
			len = size - o;
		/* Time moves by the selector byte: expiry paths run too. */
		ts += (uint64_t)data[o - 3] * 100000u;
		engine_packet(e, dlt, ts, data + o, (uint32_t)len,
		    (uint32_t)len);
		o += len;
	}
	(void)engine_finish(e, 0.0, "fuzz");
	engine_free(e);
	return 0;
}
