/* SPDX-License-Identifier: MIT */
/* record.h - typed records and the schemas that describe them.
 *
 * Each record kind (device, flow, alert, stats) declares its fields once
 * in schema.c; the JSON keys, the SQLite columns, docs/events.md and
 * `vigie --list-fields` all follow from that one table. */
#ifndef VIGIE_RECORD_H
#define VIGIE_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/addr.h"

/* The SQLite store's schema version: what vigie scan writes and the
 * newest vigie report reads (2: device identity columns, evidence;
 * 3: destinations, alert remote_name/country/ref; 4: drones,
 * drone_positions, stats drones; 5: scans org, zones). */
#define STORE_SCHEMA 5

enum ftype {
	FT_STR,   /* text, possibly from the wire: always escaped */
	FT_U64,   /* unsigned integer */
	FT_F64,   /* real number (3 decimals) */
	FT_I64,   /* signed integer */
	FT_DEG,   /* degrees of latitude or longitude (7 decimals) */
	FT_BOOL,  /* true / false */
	FT_TIME,  /* packet time, microseconds; written as RFC 3339 UTC */
	FT_ADDR,  /* IP address */
	FT_MAC,   /* MAC address */
	FT_ADDRS, /* list of IP addresses; SQLite holds a JSON array */
	FT_OBJ,   /* object of counters name -> u64; SQLite holds JSON */
	FT_EVID   /* evidence list; SQLite holds it in table evidence */
};

struct field {
	const char *name;
	enum ftype type;
	const char *doc;
};

#define REC_MAX_FIELDS 64

/* The fields of each record kind, in output order:
 * X(kind, name, type, meaning). Expanded into the schema tables in
 * schema.c and into the index constants F_<kind>_<name> below. */
#define DEV_FIELDS(X) \
	X(DEV, site, FT_STR, "site tag given with --site (null if none)") \
	X(DEV, key, FT_STR, "identity: \"mac:<MAC>\" or \"ip:<address>\"") \
	X(DEV, mac, FT_MAC, "the host's own MAC: its key, or for a host " \
	    "keyed by IP the MAC it stated itself (SADP, DHIP, ONVIF, " \
	    "ISAPI); null if unknown") \
	X(DEV, via_mac, FT_MAC, "for a host keyed by IP: the MAC of the " \
	    "router it was seen behind") \
	X(DEV, router, FT_BOOL, "this MAC fronts other hosts (router or " \
	    "gateway); they are reported keyed by IP") \
	X(DEV, vlan, FT_U64, "VLAN id it was last seen on (null if " \
	    "untagged)") \
	X(DEV, ips, FT_ADDRS, "local IP addresses seen for it, first seen " \
	    "first") \
	X(DEV, ips_more, FT_U64, "further addresses seen beyond those " \
	    "listed") \
	X(DEV, first_seen, FT_TIME, "first packet time") \
	X(DEV, last_seen, FT_TIME, "last packet time") \
	X(DEV, flows, FT_U64, "flows it took part in") \
	X(DEV, pkts_out, FT_U64, "packets it sent") \
	X(DEV, bytes_out, FT_U64, "IP bytes it sent") \
	X(DEV, pkts_in, FT_U64, "packets it received") \
	X(DEV, bytes_in, FT_U64, "IP bytes it received") \
	X(DEV, evicted, FT_BOOL, "written early because the host table " \
	    "was full; a later record may continue it") \
	X(DEV, vendor, FT_STR, "real maker (an OEM unit names its maker, " \
	    "not its label); from protocol evidence, model, domains or the " \
	    "MAC registry") \
	X(DEV, brand, FT_STR, "brand label seen, when not the maker's own " \
	    "name") \
	X(DEV, model, FT_STR, "model, as the device states it") \
	X(DEV, serial, FT_STR, "serial number") \
	X(DEV, firmware, FT_STR, "firmware version") \
	X(DEV, build, FT_STR, "firmware build (date)") \
	X(DEV, kind, FT_STR, "camera, nvr, dvr, intercom, access-control, " \
	    "drone, drone-controller, drone-app-host, radio or unknown") \
	X(DEV, name, FT_STR, "device, mDNS or DHCP host name") \
	X(DEV, covered, FT_BOOL, "the maker is on a covered list " \
	    "(data/manufacturers.tsv)") \
	X(DEV, covered_basis, FT_STR, "legal basis and date of the covered " \
	    "status (null if not covered)") \
	X(DEV, confidence, FT_U64, "0-100: confidence in the vendor, from " \
	    "independent evidence combined") \
	X(DEV, conflicts, FT_STR, "fields whose evidence disagrees " \
	    "(comma-separated; all values are in evidence)") \
	X(DEV, evidence, FT_EVID, "every distinct piece of evidence: " \
	    "{source, field, value, confidence, count}")

#define FLOW_FIELDS(X) \
	X(FLOW, site, FT_STR, "site tag given with --site (null if none)") \
	X(FLOW, proto, FT_STR, "transport: tcp, udp, icmp, icmp6, or the " \
	    "IP protocol number") \
	X(FLOW, src, FT_ADDR, "initiator address (sender of the SYN, else " \
	    "of the first packet seen)") \
	X(FLOW, sport, FT_U64, "initiator port (0 for ICMP and port-less " \
	    "protocols)") \
	X(FLOW, dst, FT_ADDR, "responder address") \
	X(FLOW, dport, FT_U64, "responder port") \
	X(FLOW, src_mac, FT_MAC, "link-layer address the initiator's " \
	    "packets came from (null if the link has none)") \
	X(FLOW, dst_mac, FT_MAC, "link-layer address of the responder side") \
	X(FLOW, vlan, FT_U64, "VLAN id (null if untagged)") \
	X(FLOW, direction, FT_STR, "outbound (local initiator, remote " \
	    "responder), inbound, internal (both local) or external") \
	X(FLOW, first_seen, FT_TIME, "first packet time") \
	X(FLOW, last_seen, FT_TIME, "last packet time") \
	X(FLOW, pkts_src, FT_U64, "packets sent by the initiator") \
	X(FLOW, bytes_src, FT_U64, "IP bytes sent by the initiator") \
	X(FLOW, pkts_dst, FT_U64, "packets sent by the responder") \
	X(FLOW, bytes_dst, FT_U64, "IP bytes sent by the responder") \
	X(FLOW, end, FT_STR, "why the record was written: idle, evicted, " \
	    "closed (TCP 5-tuple reused) or eof")

#define DEST_FIELDS(X) \
	X(DEST, site, FT_STR, "site tag given with --site (null if none)") \
	X(DEST, device, FT_STR, "key of the local device (as in its device " \
	    "record)") \
	X(DEST, covered, FT_BOOL, "the device's maker is on a covered list") \
	X(DEST, local, FT_ADDR, "the device's address in these flows (the " \
	    "first one seen)") \
	X(DEST, remote, FT_ADDR, "remote address") \
	X(DEST, name, FT_STR, "best name of the remote end: the TLS SNI or " \
	    "HTTP Host the device sent, else the DNS name it was given " \
	    "(null if none seen)") \
	X(DEST, name_source, FT_STR, "tls, http or dns (null if no name)") \
	X(DEST, country, FT_STR, "ISO 3166-1 country of the remote address " \
	    "(null: not public, or unknown to the GeoIP database)") \
	X(DEST, asn, FT_U64, "autonomous system of the remote address " \
	    "(null if unknown)") \
	X(DEST, org, FT_STR, "organisation of that autonomous system") \
	X(DEST, scope, FT_STR, "public, private (outside --local but " \
	    "private or reserved) or multicast") \
	X(DEST, flagged, FT_BOOL, "the country is a flagged jurisdiction " \
	    "of the policy") \
	X(DEST, cloud, FT_STR, "policy category of the name when it is a " \
	    "vendor cloud, P2P relay, flight-record, geofence or telemetry " \
	    "endpoint, as \"category:vendor\" (null otherwise)") \
	X(DEST, proto, FT_STR, "transport: tcp, udp, icmp, icmp6 or the IP " \
	    "protocol number") \
	X(DEST, port, FT_U64, "service port: the remote port of flows the " \
	    "device opened, the device's own port of flows opened from " \
	    "outside (0 for port-less protocols)") \
	X(DEST, direction, FT_STR, "outbound (the device opened the flows), " \
	    "inbound (the remote end did) or both") \
	X(DEST, flows, FT_U64, "flows folded into this record") \
	X(DEST, pkts_up, FT_U64, "packets the device sent") \
	X(DEST, bytes_up, FT_U64, "IP bytes the device sent") \
	X(DEST, pkts_down, FT_U64, "packets the device received") \
	X(DEST, bytes_down, FT_U64, "IP bytes the device received") \
	X(DEST, first_seen, FT_TIME, "first packet time") \
	X(DEST, last_seen, FT_TIME, "last packet time")

#define ALERT_FIELDS(X) \
	X(ALERT, site, FT_STR, "site tag given with --site (null if none)") \
	X(ALERT, rule, FT_STR, "rule id") \
	X(ALERT, severity, FT_STR, "info, low, medium, high or critical") \
	X(ALERT, device, FT_STR, "device key the alert is about (null if " \
	    "none)") \
	X(ALERT, remote, FT_STR, "remote end concerned (null if none)") \
	X(ALERT, remote_name, FT_STR, "its best name (null if none)") \
	X(ALERT, country, FT_STR, "its country (null if unknown)") \
	X(ALERT, ref, FT_STR, "CVE or advisory the rule refers to (null " \
	    "if none)") \
	X(ALERT, summary, FT_STR, "one sentence for a person") \
	X(ALERT, evidence, FT_STR, "what was seen, with counter names or " \
	    "fields") \
	X(ALERT, first_seen, FT_TIME, "first packet time the rule matched") \
	X(ALERT, last_seen, FT_TIME, "last packet time the rule matched") \
	X(ALERT, count, FT_U64, "matches folded into this alert")

#define DRONE_FIELDS(X) \
	X(DRONE, site, FT_STR, "site tag given with --site (null if none)") \
	X(DRONE, id, FT_STR, "the aircraft: its UAS ID or DJI serial as " \
	    "sent, or \"mac:<MAC>\" of its transmitter until an ID is heard") \
	X(DRONE, id_type, FT_STR, "serial (ANSI/CTA-2063-A), " \
	    "caa-registration, utm-uuid, session-id, dji-serial or " \
	    "transmitter") \
	X(DRONE, ids, FT_STR, "further IDs it sent, as type:value, " \
	    "comma-separated") \
	X(DRONE, protocols, FT_STR, "astm, dji or astm,dji") \
	X(DRONE, carriers, FT_STR, "how it was heard: wifi-beacon, " \
	    "wifi-nan, ble4, ble5, ocusync (comma-separated)") \
	X(DRONE, maker, FT_STR, "maker from the serial's CTA-2063-A " \
	    "manufacturer code, or DJI for DroneID") \
	X(DRONE, model, FT_STR, "model from the DJI product type") \
	X(DRONE, product_code, FT_U64, "DJI product type code") \
	X(DRONE, serial_valid, FT_BOOL, "the serial follows ANSI/CTA-2063-A " \
	    "(null if the ID is not such a serial)") \
	X(DRONE, ua_type, FT_STR, "ASTM UA type: aeroplane, " \
	    "helicopter-or-multirotor, ... (null if not sent)") \
	X(DRONE, transmitters, FT_STR, "transmitter MACs heard sending it, " \
	    "comma-separated, first heard first") \
	X(DRONE, transmitters_more, FT_U64, "further transmitters beyond " \
	    "those listed") \
	X(DRONE, ssid, FT_STR, "Wi-Fi SSID of its last beacon") \
	X(DRONE, channels, FT_STR, "frequencies heard on, MHz, " \
	    "comma-separated") \
	X(DRONE, rssi_min, FT_I64, "weakest signal, dBm") \
	X(DRONE, rssi_max, FT_I64, "strongest signal, dBm") \
	X(DRONE, first_seen, FT_TIME, "first packet time") \
	X(DRONE, last_seen, FT_TIME, "last packet time") \
	X(DRONE, messages, FT_U64, "broadcast messages decoded") \
	X(DRONE, positions, FT_U64, "track points kept (drone_position " \
	    "records)") \
	X(DRONE, position_time, FT_TIME, "packet time of the last position") \
	X(DRONE, lat, FT_DEG, "last latitude, degrees") \
	X(DRONE, lon, FT_DEG, "last longitude, degrees") \
	X(DRONE, alt_geo, FT_F64, "last geodetic (WGS84) altitude, metres; " \
	    "DJI: altitude as sent") \
	X(DRONE, alt_baro, FT_F64, "last pressure altitude, metres") \
	X(DRONE, height, FT_F64, "last height, metres (see height_ref)") \
	X(DRONE, height_ref, FT_STR, "takeoff or ground") \
	X(DRONE, speed, FT_F64, "last horizontal speed, m/s") \
	X(DRONE, vspeed, FT_F64, "last vertical speed, m/s, up positive") \
	X(DRONE, heading, FT_F64, "last track direction or yaw, degrees " \
	    "from true north") \
	X(DRONE, status, FT_STR, "ASTM status: undeclared, ground, " \
	    "airborne, emergency, rid-failure") \
	X(DRONE, operator_lat, FT_DEG, "last operator (pilot) latitude") \
	X(DRONE, operator_lon, FT_DEG, "last operator longitude") \
	X(DRONE, operator_alt, FT_F64, "operator geodetic altitude, metres") \
	X(DRONE, operator_location, FT_STR, "what the operator position is: " \
	    "takeoff, live-gnss, fixed (ASTM) or dji-app") \
	X(DRONE, home_lat, FT_DEG, "DJI home point latitude") \
	X(DRONE, home_lon, FT_DEG, "DJI home point longitude") \
	X(DRONE, operator_id, FT_STR, "ASTM operator ID") \
	X(DRONE, self_id, FT_STR, "ASTM self-ID text") \
	X(DRONE, classification, FT_STR, "undeclared or eu") \
	X(DRONE, eu_category, FT_STR, "open, specific or certified") \
	X(DRONE, eu_class, FT_STR, "class-0 ... class-6") \
	X(DRONE, area_radius, FT_U64, "operating area radius, metres") \
	X(DRONE, area_ceiling, FT_F64, "operating area ceiling, metres") \
	X(DRONE, area_floor, FT_F64, "operating area floor, metres") \
	X(DRONE, uuid, FT_STR, "DJI UUID") \
	X(DRONE, purpose, FT_STR, "DJI flight purpose text") \
	X(DRONE, path_m, FT_F64, "length of the track kept, metres") \
	X(DRONE, max_height, FT_F64, "greatest height heard, metres") \
	X(DRONE, max_speed, FT_F64, "greatest horizontal speed sent, m/s") \
	X(DRONE, max_operator_distance, FT_F64, "greatest drone-operator " \
	    "distance, metres") \
	X(DRONE, auth_type, FT_STR, "ASTM authentication type sent") \
	X(DRONE, auth_complete, FT_U64, "authentication page sets that " \
	    "assembled (signatures are not verified)") \
	X(DRONE, auth_incomplete, FT_U64, "authentication page sets that " \
	    "did not") \
	X(DRONE, linked, FT_STR, "the aircraft its transmitter also " \
	    "announced in the other protocol (DJI or ASTM)") \
	X(DRONE, spoof, FT_STR, "spoof and anomaly checks it failed, " \
	    "comma-separated (alerts drone.*)") \
	X(DRONE, evicted, FT_BOOL, "written early because the aircraft " \
	    "table was full; a later record may continue it")

#define DRONE_POS_FIELDS(X) \
	X(DPOS, site, FT_STR, "site tag given with --site (null if none)") \
	X(DPOS, drone, FT_STR, "id of the aircraft (its drone record)") \
	X(DPOS, time, FT_TIME, "packet time of the fix") \
	X(DPOS, lat, FT_DEG, "latitude, degrees") \
	X(DPOS, lon, FT_DEG, "longitude, degrees") \
	X(DPOS, alt_geo, FT_F64, "geodetic altitude, metres") \
	X(DPOS, alt_baro, FT_F64, "pressure altitude, metres") \
	X(DPOS, height, FT_F64, "height, metres") \
	X(DPOS, speed, FT_F64, "horizontal speed, m/s") \
	X(DPOS, vspeed, FT_F64, "vertical speed, m/s") \
	X(DPOS, heading, FT_F64, "direction, degrees") \
	X(DPOS, operator_lat, FT_DEG, "operator latitude at that time") \
	X(DPOS, operator_lon, FT_DEG, "operator longitude at that time") \
	X(DPOS, protocol, FT_STR, "astm or dji") \
	X(DPOS, carrier, FT_STR, "wifi-beacon, wifi-nan, ble4, ble5 or " \
	    "ocusync") \
	X(DPOS, freq, FT_U64, "frequency, MHz") \
	X(DPOS, rssi, FT_I64, "signal, dBm")

#define STATS_FIELDS(X) \
	X(STATS, site, FT_STR, "site tag given with --site (null if none)") \
	X(STATS, files, FT_U64, "input files given") \
	X(STATS, files_failed, FT_U64, "input files that could not be " \
	    "read completely") \
	X(STATS, packets, FT_U64, "packets read") \
	X(STATS, bytes, FT_U64, "bytes on the wire of the packets read") \
	X(STATS, ip_packets, FT_U64, "packets with a decoded IP header") \
	X(STATS, first_seen, FT_TIME, "first packet time (null if none)") \
	X(STATS, last_seen, FT_TIME, "last packet time (null if none)") \
	X(STATS, flows, FT_U64, "flow records written") \
	X(STATS, devices, FT_U64, "device records written") \
	X(STATS, destinations, FT_U64, "destination records written") \
	X(STATS, alerts, FT_U64, "alert records written") \
	X(STATS, drones, FT_U64, "drone records written") \
	X(STATS, anomalies, FT_OBJ, "every anomaly counter by name (see " \
	    "docs/events.md)") \
	X(STATS, elapsed_s, FT_F64, "wall-clock seconds of the run (not " \
	    "deterministic)") \
	X(STATS, pps, FT_F64, "packets per wall-clock second (not " \
	    "deterministic)")

#define REC_FIELD_ENUM(kind, name, type, doc) F_##kind##_##name,
enum { DEV_FIELDS(REC_FIELD_ENUM) F_DEV_COUNT };
enum { FLOW_FIELDS(REC_FIELD_ENUM) F_FLOW_COUNT };
enum { DEST_FIELDS(REC_FIELD_ENUM) F_DEST_COUNT };
enum { ALERT_FIELDS(REC_FIELD_ENUM) F_ALERT_COUNT };
enum { DRONE_FIELDS(REC_FIELD_ENUM) F_DRONE_COUNT };
enum { DRONE_POS_FIELDS(REC_FIELD_ENUM) F_DPOS_COUNT };
enum { STATS_FIELDS(REC_FIELD_ENUM) F_STATS_COUNT };
#undef REC_FIELD_ENUM

struct schema {
	const char *name;          /* record "type" and SQLite table */
	const struct field *f;
	unsigned n;
	const char *table;         /* SQLite table holding these records */
	int key;                   /* field naming a record (tags its
	                            * evidence rows), or -1 if it has none */
};

/* A counters object: names and values, n of each. */
struct counters {
	const char *const *name;
	const uint64_t *val;
	unsigned n;
};

/* One piece of evidence as output. */
struct rec_evid {
	const char *source, *field;
	const char *val;         /* from the wire: escaped on output */
	size_t len;
	unsigned conf, count;
};

struct val {
	bool set;                  /* false: null / omitted */
	union {
		struct {
			const char *p;
			size_t len;
		} s;
		uint64_t u;
		int64_t i;
		double d;
		bool b;
		struct addr a;
		uint8_t mac[6];
		struct {
			const struct addr *v;
			unsigned n;
		} addrs;
		struct counters obj;
		struct {
			const struct rec_evid *v;
			unsigned n;
		} evid;
	} u;
};

struct record {
	const struct schema *s;
	struct val v[REC_MAX_FIELDS];
};

extern const struct schema schema_device, schema_flow, schema_dest,
    schema_alert, schema_drone, schema_drone_pos, schema_stats;

/* schema_all: NULL-terminated list of every schema. */
const struct schema *const *schema_all(void);

/* rec_init: an empty record of schema s (all fields null). */
void rec_init(struct record *r, const struct schema *s);

/* Setters by field index (F_<kind>_<name>); each asserts that the index
 * and type fit the record's schema (an internal bug otherwise). rec_str
 * copies nothing: p must outlive the record's use. rec_cstr of NULL
 * leaves the field null. */
void rec_str(struct record *r, unsigned i, const char *p, size_t len);
void rec_cstr(struct record *r, unsigned i, const char *p);
void rec_u64(struct record *r, unsigned i, uint64_t v);
void rec_f64(struct record *r, unsigned i, double v);
void rec_i64(struct record *r, unsigned i, int64_t v);
void rec_deg(struct record *r, unsigned i, double v);
void rec_bool(struct record *r, unsigned i, bool v);
void rec_time(struct record *r, unsigned i, uint64_t us);
void rec_addr(struct record *r, unsigned i, const struct addr *a);
void rec_mac(struct record *r, unsigned i, const uint8_t *mac);
void rec_addrs(struct record *r, unsigned i, const struct addr *v,
    unsigned n);
void rec_obj(struct record *r, unsigned i, struct counters c);
void rec_evid(struct record *r, unsigned i, const struct rec_evid *v,
    unsigned n);

/* time_fmt: microseconds since 1970 as "YYYY-MM-DDTHH:MM:SS.uuuuuuZ"
 * into buf (at least 32 bytes). */
char *time_fmt(uint64_t us, char *buf, size_t n);

/* time_parse: the n bytes at s as a UTC time in microseconds since 1970:
 * a date YYYY-MM-DD (1970-9999, February 29 in leap years only),
 * optionally followed by 'T' or ' ', HH:MM, optionally :SS (00-60) and
 * .f (1 to 9 digits, microseconds kept), then Z or +00:00. The parts
 * left out are the start of the period named, or with end its last
 * microsecond (2026-11-01 as an end is 2026-11-01T23:59:59.999999Z).
 * false, *us unchanged, for anything else. */
bool time_parse(const char *s, size_t n, bool end, uint64_t *us);

#endif
