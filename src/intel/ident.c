/* SPDX-License-Identifier: MIT */
/* ident.c - device evidence and identity fusion.
 *
 * Fusion (see docs/identification.md): every piece of evidence that names
 * a maker votes for it - a stated vendor (through the brand table), a
 * model prefix, a cloud or P2P domain the device looks up, the MAC's IEEE
 * registration. Votes of distinct sources combine as independent
 * witnesses (1 - product of (1 - c)); the strongest maker wins, ties to
 * the first in manufacturers.tsv. Other fields take the most confident
 * value, the earliest on ties; disagreeing values are listed as
 * conflicts and all stay in the evidence. */
#include "ident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/ascii.h"
#include "../core/pool.h"

_Static_assert(IDENT_EVID_MAX < 255 &&
    (IDENT_SIG_SLOTS & (IDENT_SIG_SLOTS - 1)) == 0,
    "a signature slot holds 1 + a record index in a byte");

struct ident_pool {
	struct ident *pool;   /* slots 1..max */
	uint32_t max, used, freelist;
	struct stats *st;
};

static const char *const field_names[FACT_COUNT] = { "vendor", "brand",
	"model", "serial", "firmware", "build", "kind", "name", "mac", "ip",
	"hardware", "location", "server", "user_agent", "realm", "url",
	"domain", "cert_subject", "cert_issuer", "dhcp_vendor", "dhcp_prl",
	"activated", "cloud", "protocol", "oem", "reported_by" };

const char *
fact_field_name(unsigned field)
{
	return field < FACT_COUNT ? field_names[field] : "?";
}

struct ident_pool *
ident_pool_new(uint32_t max, struct stats *st)
{
	struct ident_pool *ip = calloc(1, sizeof *ip);

	if (ip == NULL)
		return NULL;
	ip->pool = pool_map((size_t)max + 1, sizeof *ip->pool, false);
	if (ip->pool == NULL) {
		free(ip);
		return NULL;
	}
	ip->max = max;
	ip->st = st;
	return ip;
}

void
ident_pool_free(struct ident_pool *ip)
{
	if (ip == NULL)
		return;
	pool_unmap(ip->pool, (size_t)ip->max + 1, sizeof *ip->pool);
	free(ip);
}

struct ident *
ident_get(struct ident_pool *ip, uint32_t i)
{
	return i == 0 || i > ip->max ? NULL : &ip->pool[i];
}

uint32_t
ident_alloc(struct ident_pool *ip)
{
	uint32_t i;

	if (ip->freelist) {
		i = ip->freelist;
		ip->freelist = ip->pool[i].next_free;
	} else if (ip->used < ip->max) {
		i = ++ip->used;
	} else {
		return 0;
	}
	ip->pool[i].nev = 0;
	memset(ip->pool[i].last, 0, sizeof ip->pool[i].last);
	ip->pool[i].dropped = 0;
	ip->pool[i].next_free = 0;
	return i;
}

void
ident_release(struct ident_pool *ip, uint32_t i)
{
	if (i == 0 || i > ip->max)
		return;
	ip->pool[i].next_free = ip->freelist;
	ip->freelist = i;
}

/* isspace() of the C locale, the one vigie runs in, without the call. */
static bool
space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* A signature of evidence {source, field, val (len > 0 bytes)}: equal
 * evidence has equal signatures. From the field, the length, the first
 * byte of the source and the first and last 8 bytes of the value. */
static uint32_t
evid_sig(const char *source, unsigned field, const char *val, size_t len)
{
	uint64_t a, b, h;
	uint32_t x, y;

	if (len >= 8) {
		memcpy(&a, val, 8);
		memcpy(&b, val + len - 8, 8);
	} else if (len >= 4) {
		memcpy(&x, val, 4);
		memcpy(&y, val + len - 4, 4);
		a = x;
		b = y;
	} else {
		a = (uint64_t)(uint8_t)val[0] << 16 |
		    (uint64_t)(uint8_t)val[len / 2] << 8 |
		    (uint8_t)val[len - 1];
		b = 0;
	}
	h = a * 0x9e3779b97f4a7c15ull ^ b * 0xc2b2ae3d27d4eb4full ^
	    ((uint64_t)(uint8_t)source[0] << 16 | (uint64_t)field << 8 | len) *
	    0x165667b19e3779f9ull;
	return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

/* Is e the evidence {source, field, val (len bytes)}? Sources are static
 * names, most often the very same pointer. */
static inline bool
evid_is(const struct evid *e, const char *source, unsigned field,
    const char *val, size_t len)
{
	return e->field == field && e->len == len &&
	    (e->source == source || strcmp(e->source, source) == 0) &&
	    memcmp(e->val, val, len) == 0;
}

void
ident_add(struct ident_pool *ip, struct ident *id, const char *source,
    unsigned field, unsigned conf, const char *val, size_t len, uint64_t ts)
{
	struct evid *e;
	uint32_t sig;
	uint8_t *slot;
	unsigned i;

	while (len > 0 && space(val[0]))
		val++, len--;
	while (len > 0 && space(val[len - 1]))
		len--;
	if (len == 0)
		return;
	if (len > IDENT_VAL_MAX - 1)
		len = IDENT_VAL_MAX - 1;
	/* The signatures sit together, the entries 160 bytes apart: only
	 * an entry with the same signature is read. */
	sig = evid_sig(source, field, val, len);
	/* Records are distinct, so the order they are tried in does not
	 * matter: the last one of this signature slot first (evidence seen
	 * again, most of what arrives, stops there), then all. */
	slot = &id->last[sig & (IDENT_SIG_SLOTS - 1)];
	i = *slot - 1u;
	if (*slot == 0 || id->sig[i] != sig ||
	    !evid_is(&id->ev[i], source, field, val, len)) {
		for (i = 0; i < id->nev; i++)
			if (id->sig[i] == sig &&
			    evid_is(&id->ev[i], source, field, val, len))
				break;
	}
	if (i < id->nev) {
		e = &id->ev[i];
		e->count++;
		if (conf > e->conf)
			e->conf = (uint8_t)conf;
		*slot = (uint8_t)(i + 1);
		return;
	}
	if (id->nev >= IDENT_EVID_MAX) {
		id->dropped++;
		STAT_INC(ip->st, EVIDENCE_DROPPED);
		return;
	}
	id->sig[id->nev] = sig;
	e = &id->ev[id->nev++];
	*slot = id->nev;
	e->source = source;
	e->first_us = ts;
	e->count = 1;
	e->field = (uint8_t)field;
	e->conf = (uint8_t)(conf > 100 ? 100 : conf);
	e->len = (uint8_t)len;
	memcpy(e->val, val, len);
	e->val[len] = '\0';
}

bool
mac_parse(const char *s, size_t n, uint8_t *mac)
{
	unsigned nib = 0, sum = 0, ones = 0;

	memset(mac, 0, 6);
	for (size_t i = 0; i < n && nib <= 12; i++) {
		int v = ascii_hexval((unsigned char)s[i]);

		if (v < 0) {
			if (s[i] == ':' || s[i] == '-' || s[i] == '.')
				continue;
			return false;
		}
		if (nib < 12)
			mac[nib / 2] = (uint8_t)((unsigned)mac[nib / 2] << 4 |
			    (unsigned)v);
		nib++;
	}
	if (nib != 12)
		return false;
	for (unsigned i = 0; i < 6; i++) {
		sum += mac[i];
		ones += mac[i] == 0xff;
	}
	return sum != 0 && ones != 6;
}

/* Maker votes: best confidence per (maker, source), combined at the end. */
struct vote {
	const char *source;
	uint8_t maker, conf;
};

#define MAX_VOTES 64

static void
vote(struct vote *v, unsigned *nv, int maker, const char *source,
    unsigned conf)
{
	if (maker < 0)
		return;
	for (unsigned i = 0; i < *nv; i++) {
		if (v[i].maker == maker && strcmp(v[i].source, source) == 0) {
			if (conf > v[i].conf)
				v[i].conf = (uint8_t)conf;
			return;
		}
	}
	if (*nv < MAX_VOTES)
		v[(*nv)++] = (struct vote){ source, (uint8_t)maker,
			(uint8_t)conf };
}

/* Pick the most confident evidence of field (earliest on ties). */
static const struct evid *
best(const struct ident *id, unsigned field)
{
	const struct evid *b = NULL;

	for (unsigned i = 0; id && i < id->nev; i++) {
		const struct evid *e = &id->ev[i];
		if (e->field == field && (b == NULL || e->conf > b->conf ||
		    (e->conf == b->conf && e->first_us < b->first_us)))
			b = e;
	}
	return b;
}

/* Same value? Text ignoring case; MACs by their bytes, whatever the
 * notation ("44-19-b6-..." and "44:19:B6:..."). */
static bool
same_value(unsigned field, const struct evid *a, const struct evid *b)
{
	uint8_t ma[6], mb[6];

	if (field == FACT_MAC && mac_parse(a->val, a->len, ma) &&
	    mac_parse(b->val, b->len, mb))
		return memcmp(ma, mb, 6) == 0;
	return a->len == b->len && strncasecmp(a->val, b->val, a->len) == 0;
}

/* Note field in out->conflicts if its evidence holds two values. */
static void
conflict(const struct ident *id, unsigned field, struct fused *out)
{
	const struct evid *first = NULL;

	for (unsigned i = 0; id && i < id->nev; i++) {
		const struct evid *e = &id->ev[i];
		if (e->field != field)
			continue;
		if (first == NULL) {
			first = e;
		} else if (!same_value(field, first, e)) {
			size_t o = strlen(out->conflicts);
			snprintf(out->conflicts + o, sizeof out->conflicts - o,
			    "%s%s", o ? "," : "", field_names[field]);
			return;
		}
	}
}

/* Collect maker votes and kind candidates from the evidence. */
static void
gather(const struct kb *kb, const struct ident *id, struct vote *v,
    unsigned *nv, enum kind *kind, unsigned *kconf)
{
	for (unsigned i = 0; id && i < id->nev; i++) {
		const struct evid *e = &id->ev[i];
		const struct kb_brand *b;
		const struct kb_model *m;
		const struct kb_domain *d;
		enum kind k = KIND_UNKNOWN;
		unsigned kc = 0;

		switch (e->field) {
		case FACT_VENDOR:
			if ((b = kb_brand(kb, e->val, e->len)) != NULL)
				vote(v, nv, b->maker, e->source, e->conf);
			break;
		case FACT_BRAND:
			if ((b = kb_brand(kb, e->val, e->len)) != NULL &&
			    b->rel != REL_GENERIC)
				vote(v, nv, b->maker, e->source,
				    e->conf * 6u / 10u);
			break;
		case FACT_MODEL:
			if ((m = kb_model(kb, e->val, e->len)) != NULL) {
				vote(v, nv, m->maker, "model",
				    e->conf < 80 ? e->conf : 80);
				k = (enum kind)m->kind, kc = 80;
			}
			break;
		case FACT_KIND:
			k = kb_kind_label(kb, e->val, e->len), kc = e->conf;
			break;
		case FACT_DOMAIN:
			if ((d = kb_domain(kb, e->val, e->len)) == NULL)
				break;
			if (d->role == ROLE_APP)
				k = KIND_DRONE_APP, kc = 70;
			else if (d->role != ROLE_VENDOR)
				vote(v, nv, d->maker, "domain", 40);
			break;
		default:
			break;
		}
		if (k != KIND_UNKNOWN && kc > *kconf)
			*kind = k, *kconf = kc;
	}
}

static void
take(const struct evid *e, const char **p, size_t *n)
{
	if (e != NULL) {
		*p = e->val;
		*n = e->len;
	}
}

void
ident_fuse(const struct kb *kb, const struct ident *id, const uint8_t *mac,
    struct fused *out)
{
	struct vote v[MAX_VOTES];
	unsigned nv = 0, kconf = 0, bestc = 0;
	double comb[KB_MAX_MAKERS];
	const struct evid *e;
	int win = -1;

	memset(out, 0, sizeof *out);
	memset(comb, 0, sizeof comb);
	gather(kb, id, v, &nv, &out->kind, &kconf);
	if (mac != NULL) {
		const char *org = kb_oui(kb, mac);
		if (org != NULL)
			vote(v, &nv, kb_maker_of_org(kb, org), "oui", 60);
	}
	for (unsigned i = 0; i < nv; i++)
		comb[v[i].maker] = 1.0 - (1.0 - comb[v[i].maker]) *
		    (1.0 - v[i].conf / 100.0);
	for (unsigned m = 0; m < kb->nmaker; m++) {
		unsigned c = (unsigned)(comb[m] * 100.0 + 0.5);
		if (c > bestc) /* strict: ties keep the earlier maker */
			bestc = c, win = (int)m;
	}
	if (win >= 0) {
		out->maker = &kb->maker[win];
		out->vendor = out->maker->name;
		out->vendor_len = strlen(out->vendor);
		out->covered = out->maker->covered;
		out->confidence = bestc > 99 ? 99 : bestc;
	} else if ((e = best(id, FACT_VENDOR)) != NULL) {
		take(e, &out->vendor, &out->vendor_len);
		out->confidence = e->conf;
	} else if (mac != NULL && kb_oui(kb, mac) != NULL) {
		out->vendor = kb_oui(kb, mac);
		out->vendor_len = strlen(out->vendor);
		out->confidence = 50;
	}
	/* Brand: a stated label that is not the maker's own name. */
	for (unsigned f = FACT_BRAND; out->brand == NULL; f = FACT_VENDOR) {
		const struct kb_brand *b;

		e = best(id, f);
		if (e != NULL && ((b = kb_brand(kb, e->val, e->len)) == NULL ||
		    (b->rel != REL_OWN && b->rel != REL_GENERIC)) &&
		    !(out->vendor && e->len == out->vendor_len &&
		    strncasecmp(e->val, out->vendor, e->len) == 0))
			take(e, &out->brand, &out->brand_len);
		if (f == FACT_VENDOR)
			break;
	}
	take(best(id, FACT_MODEL), &out->model, &out->model_len);
	take(best(id, FACT_SERIAL), &out->serial, &out->serial_len);
	take(best(id, FACT_FIRMWARE), &out->firmware, &out->firmware_len);
	take(best(id, FACT_BUILD), &out->build, &out->build_len);
	take(best(id, FACT_NAME), &out->name, &out->name_len);
	if ((e = best(id, FACT_MAC)) != NULL)
		out->has_mac = mac_parse(e->val, e->len, out->mac);
	conflict(id, FACT_MODEL, out);
	conflict(id, FACT_SERIAL, out);
	conflict(id, FACT_FIRMWARE, out);
	conflict(id, FACT_MAC, out);
}
