/* SPDX-License-Identifier: MIT */
/* x509.c - issuer and subject Names of an X.509 certificate (RFC 5280).
 *
 *   Certificate    ::= SEQUENCE { tbsCertificate, sigAlg, signature }
 *   TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber
 *                      INTEGER, signature AlgorithmIdentifier, issuer
 *                      Name, validity SEQUENCE, subject Name, ... }
 *   Name ::= SEQUENCE OF SET OF SEQUENCE { type OID, value ANY }
 *   DER item: tag(1) length(1 | 0x8n + n bytes, n <= 4) content
 * Attribute types kept: id-at (2.5.4 = 55 04) CN 3, C 6, L 7, ST 8,
 * O 10, OU 11. */
#include <string.h>
#include <strings.h>

#include "x509.h"

#define DER_SEQ 0x30
#define DER_SET 0x31
#define DER_OID 0x06
#define X509_RDN_MAX 32   /* RDNs read per Name */
#define X509_ATV_MAX 8    /* attributes read per RDN */
#define X509_ATTRS 16     /* attributes kept per Name */

enum { AT_CN = 3, AT_C = 6, AT_L = 7, AT_ST = 8, AT_O = 10, AT_OU = 11 };

struct attr {
	uint8_t type;
	const uint8_t *v;
	size_t len;
};

struct name {
	struct attr a[X509_ATTRS];
	unsigned n;
};

/* One DER item at c: its tag and content. A length running past the
 * data is an error unless clamp is set, when the content is what is
 * there (certificates cut by the segment end). */
static bool
der_item(struct cur *c, uint8_t *tag, struct cur *content, bool clamp)
{
	uint8_t b;
	size_t len = 0, left;

	*tag = cur_u8(c);
	b = cur_u8(c);
	if (cur_bad(c) || (*tag & 0x1f) == 0x1f || b == 0x80 || b > 0x84)
		return false;
	if (b < 0x80)
		len = b;
	for (unsigned i = 0; i < (unsigned)(b & 0x7f) && b > 0x80; i++)
		len = len << 8 | cur_u8(c);
	left = cur_left(c);
	if (cur_bad(c) || (len > left && !clamp))
		return false;
	*content = cur_sub(c, len > left ? left : len);
	return !cur_bad(c);
}

/* Attribute type index of an OID content, 0 if not one we keep. */
static uint8_t
x509_attr_type(struct cur oid)
{
	const uint8_t *o = cur_take(&oid, 3);

	if (o == NULL || cur_left(&oid) != 0 || o[0] != 0x55 || o[1] != 0x04)
		return 0;
	switch (o[2]) {
	case AT_CN: case AT_C: case AT_L: case AT_ST: case AT_O: case AT_OU:
		return o[2];
	default:
		return 0;
	}
}

/* Read the attributes of a Name (content of its SEQUENCE). */
static bool
x509_name_read(struct cur c, struct name *nm)
{
	nm->n = 0;
	for (unsigned r = 0; r < X509_RDN_MAX && cur_left(&c) > 0; r++) {
		struct cur set, atv, oid, val;
		uint8_t tag;

		if (!der_item(&c, &tag, &set, false) || tag != DER_SET)
			return false;
		for (unsigned k = 0; k < X509_ATV_MAX && cur_left(&set) > 0;
		    k++) {
			uint8_t t;

			if (!der_item(&set, &tag, &atv, false) ||
			    tag != DER_SEQ ||
			    !der_item(&atv, &tag, &oid, false) ||
			    tag != DER_OID ||
			    !der_item(&atv, &tag, &val, false))
				return false;
			t = x509_attr_type(oid);
			if (t == 0 || nm->n >= X509_ATTRS)
				continue;
			nm->a[nm->n].type = t;
			nm->a[nm->n].v = val.p;
			nm->a[nm->n++].len = cur_left(&val);
		}
	}
	return true;
}

/* Append s (n bytes) to out at *o if it fits, escaping when esc. */
static void
put(char *out, size_t *o, const uint8_t *s, size_t n, bool esc)
{
	for (size_t i = 0; i < n; i++) {
		bool special = esc && strchr(",+\"\\<>;", s[i]) != NULL &&
		    s[i] != 0;

		if (*o + (special ? 2u : 1u) > X509_NAME_TEXT)
			return;
		if (special)
			out[(*o)++] = '\\';
		out[(*o)++] = (char)s[i];
	}
}

/* Render a Name in RFC 4514 order: last RDN first. */
static size_t
x509_name_render(const struct name *nm, char *out)
{
	static const char *const label[] = { [AT_CN] = "CN", [AT_C] = "C",
		[AT_L] = "L", [AT_ST] = "ST", [AT_O] = "O", [AT_OU] = "OU" };
	size_t o = 0;

	for (unsigned i = nm->n; i-- > 0;) {
		const char *l = label[nm->a[i].type];

		if (o > 0)
			put(out, &o, (const uint8_t *)",", 1, false);
		put(out, &o, (const uint8_t *)l, strlen(l), false);
		put(out, &o, (const uint8_t *)"=", 1, false);
		put(out, &o, nm->a[i].v, nm->a[i].len, true);
	}
	return o;
}

/* Does an attribute of type t equal (or, if prefix, start with) s,
 * ignoring ASCII case? */
static bool
has_attr(const struct name *nm, uint8_t t, const char *s, bool prefix)
{
	size_t sl = strlen(s);

	for (unsigned i = 0; i < nm->n; i++) {
		const struct attr *a = &nm->a[i];

		if (a->type != t || a->len < sl || (!prefix && a->len != sl))
			continue;
		if (strncasecmp((const char *)a->v, s, sl) == 0)
			return true;
	}
	return false;
}

/* Vendor default certificates (../shared/docs/network.md 1.7). */
static const char *
x509_vendor(const struct name *subj, const struct name *iss)
{
	if (has_attr(subj, AT_O, "HIKVISION", false) ||
	    has_attr(subj, AT_CN, "www.hikvision.com", false))
		return "Hikvision";
	if (has_attr(iss, AT_O, "Zhejiang Dahua Technology", true) ||
	    has_attr(iss, AT_CN, "Dahua Device ", true) ||
	    has_attr(subj, AT_O, "Zhejiang Dahua Technology", true))
		return "Dahua";
	return NULL;
}

bool
x509_names(struct cur der, struct x509_info *out)
{
	struct cur cert, tbs, el;
	struct name iss, subj;
	uint8_t tag;

	out->subject_len = out->issuer_len = 0;
	out->vendor = NULL;
	subj.n = 0;
	if (!der_item(&der, &tag, &cert, true) || tag != DER_SEQ ||
	    !der_item(&cert, &tag, &tbs, true) || tag != DER_SEQ ||
	    !der_item(&tbs, &tag, &el, false))
		return false;
	if (tag == 0xa0 && !der_item(&tbs, &tag, &el, false))
		return false;
	/* el is the serial number; then the signature algorithm. */
	if (tag != 0x02 || !der_item(&tbs, &tag, &el, false) ||
	    tag != DER_SEQ || !der_item(&tbs, &tag, &el, false) ||
	    tag != DER_SEQ || !x509_name_read(el, &iss))
		return false;
	out->issuer_len = x509_name_render(&iss, out->issuer);
	if (der_item(&tbs, &tag, &el, false) && tag == DER_SEQ &&
	    der_item(&tbs, &tag, &el, false) && tag == DER_SEQ &&
	    x509_name_read(el, &subj))
		out->subject_len = x509_name_render(&subj, out->subject);
	else
		subj.n = 0;
	out->vendor = x509_vendor(&subj, &iss);
	return true;
}
