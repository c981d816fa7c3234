/* SPDX-License-Identifier: MIT */
/* ident.h - what is known about a device: its evidence, and the identity
 * fused from it (vendor, brand, model, serial, firmware, kind, covered).
 *
 * Evidence records are {source, field, value, confidence} with a count;
 * identical ones fold. Each device keeps at most IDENT_EVID_MAX distinct
 * records; identities live in a fixed pool (lazily mapped) with a free
 * list, so nothing is allocated per packet. */
#ifndef VIGIE_IDENT_H
#define VIGIE_IDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/stats.h"
#include "../proto/proto.h"
#include "kb.h"

#define IDENT_EVID_MAX 40
#define IDENT_VAL_MAX 128   /* bytes kept of a value (incl. NUL) */
#define IDENT_DEFAULT_MAX 16384
#define IDENT_SIG_SLOTS 32  /* power of two; with nev, in one line */

struct evid {
	const char *source;     /* static decoder name */
	uint64_t first_us;
	uint32_t count;
	uint8_t field, conf, len;
	char val[IDENT_VAL_MAX]; /* len bytes, may hold any byte; NUL after */
};

struct ident {
	uint8_t nev;
	uint32_t dropped;        /* records beyond ev[] */
	uint32_t next_free;
	uint8_t last[IDENT_SIG_SLOTS]; /* by a signature's low bits: 1 + the
	                         * index of the last record of such a
	                         * signature added or counted; 0: none */
	uint32_t sig[IDENT_EVID_MAX]; /* of ev[i], see ident_add(); with
	                         * nev, in the first lines a search reads */
	struct evid ev[IDENT_EVID_MAX];
};

struct ident_pool;

/* ident_pool_new: room for max identities; NULL if memory is short. */
struct ident_pool *ident_pool_new(uint32_t max, struct stats *st);

/* ident_pool_free: release the pool. */
void ident_pool_free(struct ident_pool *ip);

/* ident_get: the identity at index i (1-based); NULL for 0. */
struct ident *ident_get(struct ident_pool *ip, uint32_t i);

/* ident_alloc: a fresh empty identity's index, or 0 when the pool is full
 * (counted as evidence.dropped by the caller's add). */
uint32_t ident_alloc(struct ident_pool *ip);

/* ident_release: return identity i (0 is ignored) to the pool. */
void ident_release(struct ident_pool *ip, uint32_t i);

/* ident_add: fold the evidence {source, field, val[0..len), conf} seen
 * at ts_us into id; the value is copied (capped at IDENT_VAL_MAX - 1
 * bytes, surrounding white space trimmed). Counts evidence.dropped when
 * id is full. */
void ident_add(struct ident_pool *ip, struct ident *id, const char *source,
    unsigned field, unsigned conf, const char *val, size_t len,
    uint64_t ts_us);

/* The fused identity of a device. Strings point into the evidence or the
 * knowledge base; NULL when unknown. */
struct fused {
	const char *vendor;          /* the real maker */
	const char *brand;           /* label seen, when not the maker's own */
	const char *model, *serial, *firmware, *build, *name;
	size_t vendor_len, brand_len, model_len, serial_len, firmware_len,
	    build_len, name_len;
	enum kind kind;
	bool covered;
	const struct kb_maker *maker; /* when the maker is in the base */
	unsigned confidence;         /* 0-100, in the vendor */
	char conflicts[64];          /* fields with disagreeing values */
	uint8_t mac[6];              /* MAC the device stated, if has_mac */
	bool has_mac;
};

/* ident_fuse: the identity of a device with evidence id (may be NULL)
 * and MAC mac (may be NULL), by the rules in docs/identification.md. */
void ident_fuse(const struct kb *kb, const struct ident *id,
    const uint8_t *mac, struct fused *out);

/* fact_field_name: "vendor", "model", ... for enum fact_field. */
const char *fact_field_name(unsigned field);

/* mac_parse: a MAC in text ("44-47-cc-37-ce-81", "44:47:CC:37:CE:81",
 * "4447cc37ce81", "4447.cc37.ce81"), n bytes; false if it is not one or
 * is all zero / broadcast. */
bool mac_parse(const char *s, size_t n, uint8_t *mac);

#endif
