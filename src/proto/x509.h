/* SPDX-License-Identifier: MIT */
/* x509.h - subject and issuer of a DER X.509 certificate (RFC 5280 4.1).
 *
 * A minimal, bounded DER walker: no recursion, a fixed nesting depth
 * (Certificate > TBSCertificate > Name > RDN > AttributeTypeAndValue),
 * tags of one byte, definite lengths of at most 4 length bytes. */
#ifndef VIGIE_X509_H
#define VIGIE_X509_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/cursor.h"

#define X509_NAME_TEXT 256 /* rendered name, capped */

struct x509_info {
	char subject[X509_NAME_TEXT];
	size_t subject_len;            /* 0 if absent or nothing known */
	char issuer[X509_NAME_TEXT];
	size_t issuer_len;
	const char *vendor;            /* "Hikvision", "Dahua" or NULL */
};

/* x509_names: read the issuer and subject Names of the certificate in
 * der (which may be cut short after the subject: a certificate split
 * over TCP segments still yields its names). Each Name is rendered as
 * "CN=...,OU=...,O=...,L=...,ST=...,C=..." in RFC 4514 order (the
 * reverse of the DER order of its RDNs), keeping only those six
 * attribute types; values are the raw bytes of whatever string type,
 * with RFC 4514 special characters (, + " \ < > ;) escaped by a
 * backslash so a value cannot forge another attribute. Multi-valued
 * RDNs are flattened with ",". vendor is set when the names are a
 * vendor's default certificate (../shared/docs/network.md 1.7), judged on the
 * parsed attributes, never on the rendered text. Returns true if at
 * least the issuer was read. */
bool x509_names(struct cur der, struct x509_info *out);

#endif
