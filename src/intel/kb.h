/* SPDX-License-Identifier: MIT */
/* kb.h - the knowledge base: makers and their covered status, brands,
 * cloud/app domains, model prefixes, device-class labels, MAC registry.
 *
 * Loaded once from the plain-text files in data/ (reviewed like code) and
 * from Debian's ieee-data registry; every malformed line is reported as
 * file:line with what is wrong. Read-only after loading. */
#ifndef VIGIE_KB_H
#define VIGIE_KB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../core/ascii.h"

#define KB_MAX_MAKERS 32
#define KB_MAX_BRANDS 256
#define KB_MAX_DOMAINS 256
#define KB_MAX_MODELS 256
#define KB_MAX_KINDS 64
#define KB_DOMAIN_SLOTS 1024 /* hash slots for domain suffixes */
#define KB_DOMAIN_FILTER 2048 /* bits of the filter of suffixes' tails */

/* Device kinds vigie reports. */
enum kind {
	KIND_UNKNOWN = 0, KIND_CAMERA, KIND_NVR, KIND_DVR, KIND_INTERCOM,
	KIND_ACCESS, KIND_DRONE, KIND_DRONE_CONTROLLER, KIND_DRONE_APP,
	KIND_RADIO, KIND_COUNT
};

/* Role of a domain suffix. */
enum domain_role { ROLE_CLOUD = 0, ROLE_P2P, ROLE_VENDOR, ROLE_APP };

/* Relation of a brand to its maker. */
enum brand_rel { REL_OWN = 0, REL_SUBSIDIARY, REL_OEM, REL_GENERIC };

struct kb_maker {
	char id[16], name[48], country[3];
	bool covered;
	char basis[256], since[11];
	char ieee[128];              /* comma-separated name fragments */
};

struct kb_brand {
	char brand[40];
	uint8_t maker, rel;
};

struct kb_domain {
	char suffix[64];             /* lower case */
	uint8_t len;                 /* of suffix */
	uint8_t maker, role;
	char service[64];
};

struct kb_model {
	char prefix[24];
	uint8_t maker, kind;
};

struct kb_kind {
	char label[40];
	uint8_t kind;
};

struct oui_ent {
	uint64_t prefix;   /* the prefix's bits, left-aligned in 48 */
	uint32_t org;      /* offset of the organisation name in names */
	uint8_t bits;      /* 24, 28 or 36 */
};

struct kb {
	struct kb_maker maker[KB_MAX_MAKERS];
	unsigned nmaker;
	struct kb_brand brand[KB_MAX_BRANDS];
	unsigned nbrand;
	struct kb_domain domain[KB_MAX_DOMAINS];
	unsigned ndomain;
	uint16_t dslot[KB_DOMAIN_SLOTS]; /* index + 1 into domain[] */
	unsigned dlabels;                /* most labels in a suffix */
	uint64_t dfilter[KB_DOMAIN_FILTER / 64]; /* kb_domain_tail() of
	                                 * each suffix, a bit each */
	struct kb_model model[KB_MAX_MODELS];
	unsigned nmodel;
	struct kb_kind kindl[KB_MAX_KINDS];
	unsigned nkind;
	struct oui_ent *oui;             /* registry entries */
	size_t noui, coui;
	uint32_t *oslot;                 /* hash of (prefix, bits): index+1 */
	size_t omask;
	char ieee_dir[1024];             /* where the registry is read from */
	uint32_t *checked;               /* set of 24-bit prefixes looked up */
	size_t nchecked, cchecked;       /* (open addressing, key + 1) */
	bool oui_all;                    /* the whole registry is loaded */
	bool oui_missing;
	char *names;                     /* organisation names, NUL-ended */
	size_t nnames, cnames;
	bool oui_loaded;
};

/* kb_load: load data_dir's *.tsv files into kb (zeroed by the caller).
 * 0, or -1 with "FILE:LINE: problem" in err. */
int kb_load(struct kb *kb, const char *data_dir, char *err, size_t errn);

/* kb_load_oui: set up MAC vendor lookups: load data_dir/oui-extra.tsv
 * and note ieee_dir, where the IEEE registry (oui.csv, mam.csv,
 * oui36.csv) is read from on demand by kb_oui_want(). 0; 1 if the
 * registry is missing (a warning in err; MAC vendors then come from
 * oui-extra.tsv only); -1 with "FILE:LINE: problem" in err. */
int kb_load_oui(struct kb *kb, const char *ieee_dir, const char *data_dir,
    char *err, size_t errn);

/* kb_oui_want: make kb_oui() answer for the n MACs at macs (6 bytes
 * each): read the registry once, keeping only the assignments they fall
 * in (a few MB read, a few entries kept). With macs NULL, keep all. MACs
 * already answered cost nothing. 0, or -1 on a malformed registry or no
 * memory (lookups then answer from what is loaded). */
int kb_oui_want(struct kb *kb, const uint8_t *macs, size_t n);

/* kb_free: release what the loaders allocated. */
void kb_free(struct kb *kb);

/* kb_oui: the registered organisation of mac, or NULL (unknown, not
 * asked for with kb_oui_want(), or a locally administered / group
 * address). */
const char *kb_oui(const struct kb *kb, const uint8_t *mac);

/* kb_maker_of_org: the maker whose IEEE name fragments match org
 * (case-insensitive), or -1. */
int kb_maker_of_org(const struct kb *kb, const char *org);

/* kb_maker_id: index of the maker with this id, or -1. */
int kb_maker_id(const struct kb *kb, const char *id);

/* kb_brand: the brand entry for label s (n bytes, case-insensitive,
 * surrounding spaces ignored), or NULL. */
const struct kb_brand *kb_brand(const struct kb *kb, const char *s, size_t n);

/* kb_domain: the entry whose suffix matches name (n bytes, any case; a
 * trailing dot ignored) on a label boundary, longest first, or NULL. */
const struct kb_domain *kb_domain(const struct kb *kb, const char *name,
    size_t n);

/* kb_domain_tail: the key of name (n bytes, any case, as compared:
 * a trailing dot already removed) in the filter of suffixes: its last
 * two labels (the bytes after its last dot but one, or all of it), or
 * their last 8 bytes, folded to lower case, as a word of which the bytes
 * before them are zero. A name that ends with a suffix on a label
 * boundary (every suffix holds a dot) has the suffix's key. (Little-
 * endian byte order: a name's last byte is the word's highest.) */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "kb_domain_tail() and kb.c's label_start() assume little-endian words"
#endif
static inline uint64_t
kb_domain_tail(const char *name, size_t n)
{
	uint64_t w, z;
	uint32_t a, b;
	unsigned last;

	if (n >= 8) {
		memcpy(&w, name + n - 8, 8);
	} else if (n >= 4) {
		/* Two overlapping halves, placed as the last n bytes. */
		memcpy(&a, name, 4);
		memcpy(&b, name + n - 4, 4);
		w = (uint64_t)b << 32 | (uint64_t)a << (8 * (8 - n));
	} else {
		w = 0;
		for (size_t i = 0; i < n; i++)
			w |= (uint64_t)(uint8_t)name[i] << (8 * (8 - n + i));
	}
	w = ascii_lower8(w);
	/* Its dots as the top bit of their bytes, found exactly (no
	 * borrows); the bytes up to the last dot but one are dropped. */
	z = ascii_byte_marks(w, '.');
	if (z == 0)
		return w;
	last = 63 - (unsigned)__builtin_clzll(z);
	z ^= 1ull << last;
	if (z == 0)
		return w;
	/* The dot but one is below the last, in byte 6 at most. */
	return w & ~0ull << (64 - __builtin_clzll(z));
}

/* The filter bit of key k (kb_domain_tail()). */
static inline unsigned
kb_domain_bit(uint64_t k)
{
	return (unsigned)((k * 0x9e3779b97f4a7c15ull) >> 53) &
	    (KB_DOMAIN_FILTER - 1);
}

/* Is key k (kb_domain_tail()) a suffix's? False only if it is not. */
static inline bool
kb_domain_filter_has(const struct kb *kb, uint64_t k)
{
	unsigned bit = kb_domain_bit(k);

	return (kb->dfilter[bit / 64] >> (bit % 64) & 1) != 0;
}

/* kb_domain_may_match: false only if kb_domain(kb, name, n) is NULL,
 * from one word of the name and one bit of a filter: most names looked
 * up (a workstation's) are no vendor's, and are turned away here
 * without a hash of the whole name. */
static inline bool
kb_domain_may_match(const struct kb *kb, const char *name, size_t n)
{
	if (n > 0 && name[n - 1] == '.')
		n--;
	return kb_domain_filter_has(kb, kb_domain_tail(name, n));
}

/* kb_model: the entry with the longest prefix of model s (n bytes), or
 * NULL. */
const struct kb_model *kb_model(const struct kb *kb, const char *s, size_t n);

/* kb_kind_label: the kind a stated class label means, or KIND_UNKNOWN. */
enum kind kb_kind_label(const struct kb *kb, const char *s, size_t n);

/* kind_name: "camera", "nvr", ... ("unknown" for KIND_UNKNOWN). */
const char *kind_name(enum kind k);

/* role_name: "cloud", "p2p", "vendor", "app". */
const char *role_name(enum domain_role r);

#endif
