/* SPDX-License-Identifier: MIT */
/* engine.h - the scan pipeline: capture -> decode -> flows -> hosts ->
 * records to the sinks. One engine per run; no globals, so tests and
 * fuzzers build fresh ones. */
#ifndef VIGIE_ENGINE_H
#define VIGIE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../out/sink.h"
#include "../intel/geo.h"
#include "../intel/kb.h"
#include "../intel/policy.h"
#include "../intel/vulns.h"
#include "../intel/zones.h"
#include "addr.h"
#include "stats.h"

#define ENGINE_MAX_SINKS 4
#define ENGINE_MAX_ALERTS 4096  /* distinct alerts held (alert.dropped) */
#define ENGINE_NAMES 16384      /* (client, remote) -> name entries */
#define ENGINE_MAX_DESTS 65536  /* default --max-dests */
#define ENGINE_PROGRESS_PACKETS 65536 /* packets between progress calls */
#define ENGINE_GEO_MEMO 4096    /* remote addresses whose geography is kept
                                 * (a power of two: sets of two) */

struct engine_cfg {
	struct netset local;   /* the organisation's own addresses */
	const char *site;      /* --site, or NULL */
	uint32_t max_flows;
	uint32_t max_hosts;
	uint64_t idle_us;
	uint64_t seed;         /* hash seed */
	struct kb *kb;         /* knowledge base; NULL: no identification.
	                        * MAC registry entries are read into it as
	                        * devices need them. */
	uint32_t max_idents;   /* devices carrying evidence at once */
	uint32_t max_dests;    /* destinations held at once */
	const struct geo *geo; /* country and ASN of remote ends; NULL:
	                        * none */
	const struct policy *policy; /* flagged countries, clouds, ...;
	                        * NULL: no policy alerts */
	const struct vulns *vulns; /* vulnerable firmware; NULL: none */
	const struct zones *zones; /* protected zones (--sites); NULL: none */
	const char *geojson;   /* --geojson path for the airspace, or NULL */
	/* Called every ENGINE_PROGRESS_PACKETS packets of a capture file
	 * with the bytes of it read so far; NULL: never. */
	void (*progress)(void *ctx, uint64_t file_bytes, uint64_t packets);
	void *progress_ctx;
};

/* Totals the summary and the caller read after engine_finish(). */
struct engine_totals {
	uint64_t packets, bytes, ip_packets;
	uint64_t first_us, last_us;
	uint64_t flows, devices, dests, alerts, drones;
	unsigned files, files_failed;
};

struct engine;
struct summary;
struct radio;
struct dji_msg;

/* engine_new: an engine writing to the n sinks given (copied) and to the
 * summary sum (may be NULL). NULL if memory is short or cfg is invalid. */
struct engine *engine_new(const struct engine_cfg *cfg,
    const struct sink *sinks, unsigned n, struct summary *sum);

/* engine_packet: process one captured frame of link type dlt: ts_us is
 * its packet time, caplen the bytes at data, wirelen its length on the
 * wire. Never fails; every problem is counted. data is not used after the
 * call returns; the flow update may be held back for up to FLOW_BATCH
 * packets (engine_file and engine_finish complete it). */
void engine_packet(struct engine *e, int dlt, uint64_t ts_us,
    const uint8_t *data, uint32_t caplen, uint32_t wirelen);

/* engine_file: read one capture file (pcap or pcapng; "-" is standard
 * input) through libpcap into e. 0 when read to its end; -1 with a one-
 * line reason in err when it could not be opened or was cut short (the
 * packets read before the problem are kept). */
int engine_file(struct engine *e, const char *path, char *err, size_t errn);

/* engine_input: count one input that is not a capture file (an IQ
 * recording, a radio device) in the run's totals, failed or not. */
void engine_input(struct engine *e, bool failed);

/* engine_dji: one DJI DroneID record m decoded by the software radio
 * (src/sdr) at time ts_us, n bytes on the air, with radio context r:
 * counted as a frame of the run and filed with the airspace as the
 * Wi-Fi ones are. */
void engine_dji(struct engine *e, uint64_t ts_us, size_t n,
    const struct radio *r, const struct dji_msg *m);

/* engine_counters: the anomaly counters, for an input path that keeps
 * its own (sdr.*). */
struct stats *engine_counters(struct engine *e);

/* engine_finish: end of input: write every flow, device and alert, then
 * the stats record (elapsed_s wall seconds), and close the sinks with
 * the run's identity. Returns 0, or -1 if a sink failed at any point
 * (message(s) printed to stderr naming the output). */
int engine_finish(struct engine *e, double elapsed_s, const char *files);

/* engine_totals: totals so far. */
const struct engine_totals *engine_totals(const struct engine *e);

/* engine_stats: the anomaly counters. */
const struct stats *engine_stats(const struct engine *e);

/* engine_free: release e (after engine_finish, or to abandon a run). */
void engine_free(struct engine *e);

#endif
