/* SPDX-License-Identifier: MIT */
/* geo.h - country, AS number and AS organisation of public addresses, from
 * MaxMind DB files (libmaxminddb).
 *
 * Reference: MaxMind DB File Format Specification 2.0. Two schemas are read
 * for the country: @ip-location-db/geo-whois-asn-country-mmdb (a top-level
 * "country_code", what scripts/geo-update installs as geo/country.mmdb) and
 * MaxMind GeoLite2/GeoIP2 Country and City ("country" / "iso_code", else
 * "registered_country" / "iso_code"); one for the AS: GeoLite2-ASN
 * ("autonomous_system_number", "autonomous_system_organization"), which
 * geo/asn.mmdb follows. Read-only after geo_open(): lookups may run from
 * several threads at once. */
#ifndef VIGIE_GEO_H
#define VIGIE_GEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/addr.h"

struct geo;

struct geo_info {
	char country[3];   /* ISO 3166-1 alpha-2 upper case, "" if unknown */
	uint32_t asn;      /* 0 if unknown */
	char org[96];      /* AS organisation, "" if unknown; raw bytes from
	                    * the db (UTF-8), NUL-ended, truncated; the
	                    * caller escapes it on output */
};

/* geo_open: open the country database at country_path and the ASN
 * database at asn_path (either may be NULL: not used). Never fails for a
 * missing or unreadable or wrong-type file (one whose metadata
 * database_type does not name a country/city database, or an ASN/ISP
 * one): that part is then unknown, and a one-line warning naming the file
 * and the reason is appended to warn (size warnn). warn is set to "" first
 * and stays "" if nothing is wrong; two warnings are separated by a
 * newline, with none after the last. NULL only if memory is short. */
struct geo *geo_open(const char *country_path, const char *asn_path,
    char *warn, size_t warnn);

/* geo_lookup: fill *out for address a; false (out all unknown) if neither
 * database knows it. Addresses that are not public unicast
 * (addr_is_public(): private, loopback, link-local, multicast, CGNAT
 * 100.64/10, documentation, ULA, reserved ...) are never looked up: false.
 * IPv4-mapped and NAT64 (64:ff9b::/96) addresses are looked up as the
 * IPv4 address they carry. A country that is not two ASCII letters is
 * unknown; an organisation longer than 95 bytes is cut there, or before
 * a UTF-8 sequence that would be cut. g may be NULL (nothing is known). */
bool geo_lookup(const struct geo *g, const struct addr *a,
    struct geo_info *out);

/* geo_has_country: whether the country database is open and used. */
bool geo_has_country(const struct geo *g);

/* geo_has_asn: whether the ASN database is open and used. */
bool geo_has_asn(const struct geo *g);

/* geo_free: close the databases and free g (NULL is fine). */
void geo_free(struct geo *g);

#endif
