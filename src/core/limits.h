/* SPDX-License-Identifier: MIT */
/* limits.h - every tunable bound of vigie, named once, with the reason for it. */
#ifndef VIGIE_LIMITS_H
#define VIGIE_LIMITS_H

/* Deepest VLAN tag stack walked (802.1Q, 802.1ad, QinQ 0x9100). Real
 * networks use one or two; anything deeper is hostile and counted. */
#define VLAN_MAX_DEPTH 8

/* Most IPv6 extension headers walked before giving up. RFC 8200 names
 * six kinds, each expected at most once or twice. */
#define IPV6_MAX_EXT 16

/* Default and bounds of the flow table (--max-flows). A flow slot is
 * about 128 bytes; slots are touched only when first used. */
#define FLOW_DEFAULT_MAX 262144u
#define FLOW_MIN_MAX 16u
#define FLOW_MAX_MAX (1u << 24)

/* Packets decoded ahead of their flow updates, so the flow table's cache
 * misses for a batch overlap (see engine_drain). */
#define FLOW_BATCH 16

/* Names (DNS answers, SNI, Host) held back before they are filed, so the
 * cache misses of a batch overlap (see names_put): a lookup still sees
 * every name filed before it. */
#define NAMES_QUEUE 32

/* Distinct name texts the names table numbers (a power of two; at most
 * half of them are used, so that a probe sequence is short), the bytes
 * their texts may take, and the probes a lookup makes. An office goes by
 * a few hundred names; past these bounds (a flood of made-up names) the
 * table keeps each further name in its entry's own slot instead. */
#define NAMES_WORDS 32768u
#define NAMES_ARENA (1u << 20)
#define NAMES_PROBES 16

/* Default idle timeout in seconds of packet time (--idle-timeout). */
#define FLOW_DEFAULT_IDLE 120u

/* Host table capacity: local hosts remembered at once. */
#define HOST_DEFAULT_MAX 65536u

/* IP addresses (with their own counters) kept per MAC-keyed host. */
#define HOST_MAX_IPS 12

/* A MAC seen with more distinct local IPv4 addresses than this, or more
 * IPv6 addresses than HOST_ROUTER_V6, fronts other hosts (a router, or
 * a capture taken upstream of one): its hosts are then keyed by IP. */
#define HOST_ROUTER_V4 3
#define HOST_ROUTER_V6 6

/* A host's address list must not fill before it can be seen to be a
 * router, or an unlisted address would be counted as new every time. */
_Static_assert(HOST_MAX_IPS > HOST_ROUTER_V4 + HOST_ROUTER_V6 + 1,
    "HOST_MAX_IPS too small for router detection");

/* --local prefixes accepted. */
#define LOCAL_MAX_NETS 64

/* Read buffer for capture files (bytes): the records of a native pcap
 * file are read in place from it, a pread(2) per 64 KiB (capture.c);
 * other files go through stdio with it as the FILE's buffer (the default
 * 4 KiB one costs a read(2) per 4 KiB). Larger was slower through stdio:
 * at 128 KiB and up the buffer no longer stays in L2 beside the flow
 * table while the kernel copies into it (bench/run.sh, 12 interleaved
 * runs: 64 KiB median 321 ms task-clock, 1 MiB 367 ms, 16 KiB 362 ms);
 * read in place, 32 KiB to 1 MiB measured alike within the noise. */
#define CAPTURE_READ_BUFFER (1u << 16)

/* Inspection budget for announcements (SSDP, mDNS, WS-Discovery, SADP,
 * DHIP, Dahua 5050): a device repeats them every few seconds with the
 * same content, so at most INSPECT_BUDGET of them per sender and
 * protocol are decoded per INSPECT_WINDOW seconds of packet time; the
 * rest are counted (inspect.skipped). Budgets live in INSPECT_SLOTS
 * direct-mapped slots (a collision only resets a budget). */
#define INSPECT_BUDGET 8
#define INSPECT_WINDOW 60
#define INSPECT_SLOTS 4096

/* TCP payload is inspected from the first segments of each direction of a
 * connection: at most INSPECT_TCP_SEGMENTS segments that a decoder would
 * look at (a known port, or a first byte of a TLS handshake or of text)
 * per direction and INSPECT_WINDOW, in INSPECT_SLOTS slots of their own; the
 * rest are counted (inspect.tcp_skipped). A video or upload stream is
 * thus not searched for banners in every segment that happens to start
 * with a capital letter, and a long-lived connection is looked at again
 * each window. */
#define INSPECT_TCP_SEGMENTS 8

/* Slots of the inspector's cache of recently resolved hosts. */
#define INSPECT_HOSTS 256

/* Names (DNS questions, SNI, Host) whose knowledge-base domain the
 * inspector remembers: a direct-mapped memo of 64-byte entries, 16 KiB;
 * an office looks up a few hundred names over and over. */
#define INSPECT_DOMAINS 256

/* Records written to SQLite per transaction. */
#define SQL_BATCH 4096

/* Longest string taken from the wire into any record (bytes). */
#define STR_MAX 256

/* Radio link layers (src/decode/radiotap.c, ieee80211.c, btle.c).
 * Radiotap present words followed through bit 31: one per antenna or
 * namespace; real drivers use up to five. */
#define RADIOTAP_MAX_WORDS 8

/* PPI fields walked in one header (each at least 4 bytes; real headers
 * carry two or three). */
#define PPI_MAX_FIELDS 64

/* 802.11 information elements walked in one management frame (each at
 * least 2 bytes; a beacon carries a few dozen). */
#define WIFI_MAX_IES 256

/* NAN attributes walked in one service discovery frame. */
#define NAN_MAX_ATTRS 64

/* BLE AD structures walked in one advertising payload (at most 255
 * bytes, each structure at least 1). */
#define BLE_MAX_ADS 128

/* Top talkers shown in the terminal summary. */
#define SUMMARY_TOP 10

/* Airspace (air.c). Aircraft and transmitters remembered at once; at the
 * cap the one heard least recently is written early (aircraft) or
 * forgotten (transmitter) and counted. A busy airfield hears tens. */
#define AIR_MAX_AIRCRAFT 1024u
#define AIR_MAX_TX 2048u

/* Track points: a shared pool of AIR_POINTS points in chunks of
 * AIR_CHUNK, at most AIR_TRACK_MAX per aircraft. A track that reaches
 * its cap (or finds the pool empty) is thinned to every second point, so
 * a long flight keeps its whole shape at a coarser step. A new point is
 * kept when the position or altitude changed, or AIR_POINT_US passed. */
#define AIR_POINTS 131072u
#define AIR_CHUNK 32u
#define AIR_TRACK_MAX 8192u
#define AIR_POINT_US 1000000u

/* Spoof checks. Fixes closer in time than AIR_SPEED_MIN_US are not
 * used for an implied speed (timestamps jitter), nor jumps shorter than
 * AIR_SPEED_MIN_M (GNSS noise); fixes closer than that in time but more
 * than AIR_TWO_PLACES_M apart put one ID in two places at once. */
#define AIR_SPEED_MIN_US 500000u
#define AIR_SPEED_MIN_M 50.0
#define AIR_TWO_PLACES_M 1000.0
/* Drone-operator distance beyond any consumer radio link: DJI's O4 is
 * rated 20 km (FCC); RemoteIDReceiver flags beyond 15 km. */
#define AIR_OPERATOR_MAX_M 25000.0
/* A transmitter sending more distinct aircraft IDs than this is a
 * spoofer (ASTM lets one aircraft send two Basic IDs of different
 * types, which vigie files under one aircraft). */
#define AIR_TX_MAX_IDS 3
/* Two transmitters of one kind (Wi-Fi or BLE) sending the same ID
 * interleaved within this window: two radios claim one aircraft. */
#define AIR_TWO_RADIOS_US 2000000u
/* DJI and ASTM broadcasts from one transmitter within this time whose
 * positions differ by more than AIR_MISMATCH_M disagree. */
#define AIR_MISMATCH_US 2000000u
#define AIR_MISMATCH_M 300.0

/* Zones of a sites file (--sites), and vertices of a polygon zone. */
#define ZONE_MAX 256
#define ZONE_MAX_VERTICES 64
#define ZONE_NAME_MAX 24

/* vigie report. --site may be given this many times. */
#define REPORT_MAX_SITES 64
/* Bytes of one stored string a report shows: the store keeps STR_MAX
 * bytes of a string from the wire, but a store made by hand may hold
 * anything; longer strings are cut (at a character boundary). */
#define REPORT_STR_MAX 4096
/* Rows of the HTML and text reports that a person still reads: the
 * devices that are not covered, the destinations shown under each
 * covered device, the alerts, the drones. JSON and CSV list every row;
 * what is left out is counted on the page. */
#define REPORT_OTHER_DEVICES 2000
#define REPORT_DEST_ROWS 50
#define REPORT_TEXT_DEST_ROWS 10
#define REPORT_ALERT_ROWS 2000
#define REPORT_DRONE_ROWS 500
/* Points of one drone track drawn in the HTML report's map (a longer
 * track is thinned evenly, its last point kept), and bars of a chart. */
#define REPORT_TRACK_POINTS 1500
/* A site's drone map spans the points within this distance (metres) of
 * their median; points farther away (spoofed, or another place) are
 * counted under the map, not drawn. */
#define REPORT_MAP_RADIUS_M 30000.0
#define REPORT_CHART_BARS 15

#endif
