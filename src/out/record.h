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

enum ftype {
	FT_STR,   /* text, possibly from the wire: always escaped */
	FT_U64,   /* unsigned integer */
	FT_F64,   /* real number */
	FT_BOOL,  /* true / false */
	FT_TIME,  /* packet time, microseconds; written as RFC 3339 UTC */
	FT_ADDR,  /* IP address */
	FT_MAC,   /* MAC address */
	FT_ADDRS, /* list of IP addresses; SQLite holds a JSON array */
	FT_OBJ    /* object of counters name -> u64; SQLite holds JSON */
};

struct field {
	const char *name;
	enum ftype type;
	const char *doc;
};

#define REC_MAX_FIELDS 32

struct schema {
	const char *name;          /* record "type" and SQLite table */
	const struct field *f;
	unsigned n;
	const char *table;         /* SQLite table holding these records */
};

/* A counters object: names and values, n of each. */
struct counters {
	const char *const *name;
	const uint64_t *val;
	unsigned n;
};

struct val {
	bool set;                  /* false: null / omitted */
	union {
		struct {
			const char *p;
			size_t len;
		} s;
		uint64_t u;
		double d;
		bool b;
		struct addr a;
		uint8_t mac[6];
		struct {
			const struct addr *v;
			unsigned n;
		} addrs;
		struct counters obj;
	} u;
};

struct record {
	const struct schema *s;
	struct val v[REC_MAX_FIELDS];
};

extern const struct schema schema_device, schema_flow, schema_alert,
    schema_stats;

/* schema_all: NULL-terminated list of every schema. */
const struct schema *const *schema_all(void);

/* rec_init: an empty record of schema s (all fields null). */
void rec_init(struct record *r, const struct schema *s);

/* rec_field: index of field name in r's schema; aborts (internal bug)
 * if there is no such field. */
unsigned rec_field(const struct record *r, const char *name);

/* Setters by field name; each checks the field's type (internal bug if
 * wrong). rec_str copies nothing: p must outlive the record's use. */
void rec_str(struct record *r, const char *name, const char *p, size_t len);
void rec_cstr(struct record *r, const char *name, const char *p);
void rec_u64(struct record *r, const char *name, uint64_t v);
void rec_f64(struct record *r, const char *name, double v);
void rec_bool(struct record *r, const char *name, bool v);
void rec_time(struct record *r, const char *name, uint64_t us);
void rec_addr(struct record *r, const char *name, const struct addr *a);
void rec_mac(struct record *r, const char *name, const uint8_t *mac);
void rec_addrs(struct record *r, const char *name, const struct addr *v,
    unsigned n);
void rec_obj(struct record *r, const char *name, struct counters c);

/* time_fmt: microseconds since 1970 as "YYYY-MM-DDTHH:MM:SS.uuuuuuZ"
 * into buf (at least 32 bytes). */
char *time_fmt(uint64_t us, char *buf, size_t n);

#endif
