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

/* stdio buffer for reading capture files (bytes): one read(2) per 64 KiB
 * instead of per 4 KiB.  Larger is slower: at 128 KiB and up the buffer no
 * longer stays in L2 beside the flow table while the kernel copies into it
 * (bench/run.sh, 12 interleaved runs: 64 KiB median 321 ms task-clock,
 * 1 MiB 367 ms, 16 KiB 362 ms). */
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
#define INSPECT_HOSTS 64

/* Records written to SQLite per transaction. */
#define SQL_BATCH 4096

/* Longest string taken from the wire into any record (bytes). */
#define STR_MAX 256

/* Top talkers shown in the terminal summary. */
#define SUMMARY_TOP 10

#endif
