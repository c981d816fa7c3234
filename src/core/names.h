/* SPDX-License-Identifier: MIT */
/* names.h - which name each remote address goes by, per client.
 *
 * Passive DNS, TLS SNI and HTTP Host headers tell what name a client had
 * in mind when it reached an address. This table keeps, for a (client,
 * remote address) pair, the best such name seen: a name the client sent
 * in its own connection (SNI, Host) beats one it was given by DNS, and a
 * later name of the same kind replaces an earlier one. A name learnt with
 * no client known is filed for "any client", which answers when a
 * client has no entry of its own. (Filing every name twice, per client
 * and for anyone, doubled the table's cost on DNS-heavy traffic.)
 *
 * Fixed capacity (two-way set associative, the older entry of a set is
 * replaced), nothing allocated after names_new(). */
#ifndef VIGIE_NAMES_H
#define VIGIE_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

enum name_src {
	NAME_NONE = 0,
	NAME_DNS,      /* a DNS answer the client received */
	NAME_HTTP,     /* the Host header of the client's request */
	NAME_TLS       /* the SNI of the client's TLS ClientHello */
};

#define NAMES_LEN_MAX 238 /* longer names keep their last bytes */

struct names;

/* names_new: a table of slots entries (rounded up to a power of two, at
 * least 64). Its hash seed is fixed, so that what a full table keeps is
 * the same on every run. NULL if memory is short. */
struct names *names_new(uint32_t slots);

/* names_free: release t. */
void names_free(struct names *t);

/* names_put: client (may be NULL: unknown) reached, or was told of,
 * remote under name (len bytes, lower case) by source src at packet time
 * ts_us. Names longer than NAMES_LEN_MAX keep their last bytes (the
 * registered domain). */
void names_put(struct names *t, const struct addr *client,
    const struct addr *remote, const char *name, size_t len,
    enum name_src src, uint64_t ts_us);

/* names_get: the best name for remote as client knows it (client may be
 * NULL): the client's own entry, else one filed with no client. NULL if
 * none; else the name (not NUL-ended, valid until the next names_put)
 * with its length in *len and its source in *src. Puts are applied in
 * batches: t is not const because a lookup applies those still queued
 * that bear on it first, so it answers as if each had been applied at
 * once. */
const char *names_get(struct names *t, const struct addr *client,
    const struct addr *remote, size_t *len, enum name_src *src);

/* names_src_name: "dns", "http", "tls" (or NULL for NAME_NONE). */
const char *names_src_name(enum name_src src);

#endif
