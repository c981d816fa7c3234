/* SPDX-License-Identifier: MIT */
/* geo.c - country and AS lookups in MaxMind DB files (libmaxminddb).
 *
 * Reference: MaxMind DB File Format Specification 2.0; the schemas read
 * are listed in geo.h. Each database is mapped read-only once; a lookup
 * walks its search tree and reads the few values wanted, validating each:
 * the files are third-party data. */
#include "geo.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <maxminddb.h>

struct geo {
	MMDB_s country, asn;
	bool has_country, has_asn;
};

/* Words of a database_type that say which data a file holds. MaxMind
 * names its files GeoLite2-Country, GeoIP2-City, GeoIP2-Enterprise,
 * GeoLite2-ASN, GeoIP2-ISP; DB-IP and ip-location-db use "country",
 * "city" and "asn" too. */
static const char *const country_types[] = { "country", "city",
	"enterprise", NULL };
static const char *const asn_types[] = { "asn", "isp", NULL };

static bool
type_is(const char *type, const char *const *words)
{
	if (type == NULL)
		return false;
	for (; *words != NULL; words++)
		if (strcasestr(type, *words) != NULL)
			return true;
	return false;
}

/* Append one warning line to warn, newline-separated. */
static void
warn_add(char *warn, size_t warnn, const char *what, const char *path,
    const char *why)
{
	size_t used;

	if (warn == NULL || warnn == 0)
		return;
	used = strlen(warn);
	if (used + 1 >= warnn)
		return;
	snprintf(warn + used, warnn - used, "%s%s database %s: %s; %s",
	    used > 0 ? "\n" : "", what, path, why,
	    "its data will be unknown");
}

/* A database_type fit for a message: printable ASCII, at most 40 bytes. */
static void
type_text(char *out, size_t n, const char *type)
{
	size_t i;

	for (i = 0; type != NULL && type[i] != '\0' && i + 1 < n && i < 40;
	    i++)
		out[i] = type[i] >= 0x20 && type[i] < 0x7f ? type[i] : '?';
	out[i] = '\0';
}

/* Open one database into db. 1 if it is open and of the wanted kind; 0
 * if not (a warning added); -1 if memory is short. */
static int
open_one(MMDB_s *db, const char *path, const char *what,
    const char *const *types, char *warn, size_t warnn)
{
	char why[160], t[48];
	struct stat sb;
	int st;

	/* What mmap(2) would only call "No such device" or "Invalid
	 * argument". */
	if (stat(path, &sb) == 0 && (S_ISDIR(sb.st_mode) ||
	    (S_ISREG(sb.st_mode) && sb.st_size == 0))) {
		warn_add(warn, warnn, what, path, S_ISDIR(sb.st_mode) ?
		    "it is a directory" : "it is empty");
		return 0;
	}
	errno = 0;
	st = MMDB_open(path, MMDB_MODE_MMAP, db);
	if (st == MMDB_OUT_OF_MEMORY_ERROR)
		return -1;
	if (st != MMDB_SUCCESS) {
		if ((st == MMDB_FILE_OPEN_ERROR || st == MMDB_IO_ERROR) &&
		    errno != 0)
			snprintf(why, sizeof why, "cannot read it (%s)",
			    strerror(errno));
		else
			snprintf(why, sizeof why,
			    "not a usable MaxMind DB file (%s)",
			    MMDB_strerror(st));
		warn_add(warn, warnn, what, path, why);
		return 0;
	}
	if (!type_is(db->metadata.database_type, types)) {
		type_text(t, sizeof t, db->metadata.database_type);
		snprintf(why, sizeof why,
		    "its type is \"%s\", not a%s database", t,
		    types == asn_types ? "n ASN" : " country");
		warn_add(warn, warnn, what, path, why);
		MMDB_close(db);
		return 0;
	}
	return 1;
}

struct geo *
geo_open(const char *country_path, const char *asn_path, char *warn,
    size_t warnn)
{
	struct geo *g;
	int r;

	if (warn != NULL && warnn > 0)
		warn[0] = '\0';
	g = calloc(1, sizeof *g);
	if (g == NULL)
		return NULL;
	if (country_path != NULL) {
		r = open_one(&g->country, country_path, "GeoIP country",
		    country_types, warn, warnn);
		if (r < 0)
			goto oom;
		g->has_country = r > 0;
	}
	if (asn_path != NULL) {
		r = open_one(&g->asn, asn_path, "ASN", asn_types, warn, warnn);
		if (r < 0)
			goto oom;
		g->has_asn = r > 0;
	}
	return g;
oom:
	geo_free(g);
	return NULL;
}

/* Look sa up in db: the record's entry, or false if db has none. */
static bool
find(const MMDB_s *db, const struct sockaddr *sa, MMDB_entry_s *e)
{
	MMDB_lookup_result_s res;
	int err = MMDB_SUCCESS;

	res = MMDB_lookup_sockaddr(db, sa, &err);
	if (err != MMDB_SUCCESS || !res.found_entry)
		return false;
	*e = res.entry;
	return true;
}

/* The string at the path (NULL-ended) below e, or NULL; *n its length. */
static const char *
get_str(MMDB_entry_s *e, size_t *n, const char *k1, const char *k2)
{
	MMDB_entry_data_s d;

	if (MMDB_get_value(e, &d, k1, k2, (const char *)NULL) != MMDB_SUCCESS ||
	    !d.has_data || d.type != MMDB_DATA_TYPE_UTF8_STRING)
		return NULL;
	*n = d.data_size;
	return d.utf8_string;
}

/* Copy a two-letter country code, upper case; false if it is not one. */
static bool
country_code(char out[3], const char *s, size_t n)
{
	char c[2];

	if (s == NULL || n != 2)
		return false;
	for (int i = 0; i < 2; i++) {
		c[i] = s[i];
		if (c[i] >= 'a' && c[i] <= 'z')
			c[i] = (char)(c[i] - 'a' + 'A');
		if (c[i] < 'A' || c[i] > 'Z')
			return false;
	}
	out[0] = c[0];
	out[1] = c[1];
	out[2] = '\0';
	return true;
}

static void
lookup_country(const struct geo *g, const struct sockaddr *sa,
    struct geo_info *out)
{
	MMDB_entry_s e;
	const char *s;
	size_t n = 0;

	if (!g->has_country || !find(&g->country, sa, &e))
		return;
	/* ip-location-db, then GeoLite2 / GeoIP2 Country and City. */
	s = get_str(&e, &n, "country_code", NULL);
	if (country_code(out->country, s, n))
		return;
	s = get_str(&e, &n, "country", "iso_code");
	if (country_code(out->country, s, n))
		return;
	s = get_str(&e, &n, "registered_country", "iso_code");
	(void)country_code(out->country, s, n);
}

/* Copy at most cap-1 bytes of s (n bytes), NUL-ended; where the cut
 * falls inside a UTF-8 sequence, before that sequence. */
static void
copy_cut(char *out, size_t cap, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = n < cap - 1 ? n : cap - 1, j = k;

	if (k < n && (u[k] & 0xc0) == 0x80) { /* u[k] continues a sequence */
		while (j > 0 && k - j < 3 && (u[j - 1] & 0xc0) == 0x80)
			j--;
		if (j > 0 && u[j - 1] >= 0xc0) /* its lead byte: cut there */
			k = j - 1;
	}
	memcpy(out, s, k);
	out[k] = '\0';
}

static void
lookup_asn(const struct geo *g, const struct sockaddr *sa,
    struct geo_info *out)
{
	MMDB_entry_s e;
	MMDB_entry_data_s d;
	const char *s;
	size_t n = 0;

	if (!g->has_asn || !find(&g->asn, sa, &e))
		return;
	if (MMDB_get_value(&e, &d, "autonomous_system_number",
	    (const char *)NULL) == MMDB_SUCCESS && d.has_data) {
		if (d.type == MMDB_DATA_TYPE_UINT32)
			out->asn = d.uint32;
		else if (d.type == MMDB_DATA_TYPE_UINT16)
			out->asn = d.uint16;
		else if (d.type == MMDB_DATA_TYPE_UINT64 &&
		    d.uint64 <= UINT32_MAX)
			out->asn = (uint32_t)d.uint64;
	}
	s = get_str(&e, &n, "autonomous_system_organization", NULL);
	if (s != NULL)
		copy_cut(out->org, sizeof out->org, s, n);
}

bool
geo_lookup(const struct geo *g, const struct addr *a, struct geo_info *out)
{
	static const uint8_t nat64[12] = { 0, 0x64, 0xff, 0x9b };
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	const struct sockaddr *sa;

	memset(out, 0, sizeof *out);
	if (g == NULL || (!g->has_country && !g->has_asn) ||
	    !addr_is_public(a))
		return false;
	/* IPv4 as AF_INET, so an IPv4-only database answers it too. */
	if (addr_is_v4(a) || memcmp(a->b, nat64, 12) == 0) {
		memset(&sin, 0, sizeof sin);
		sin.sin_family = AF_INET;
		memcpy(&sin.sin_addr, a->b + 12, 4);
		sa = (const struct sockaddr *)&sin;
	} else {
		memset(&sin6, 0, sizeof sin6);
		sin6.sin6_family = AF_INET6;
		memcpy(&sin6.sin6_addr, a->b, 16);
		sa = (const struct sockaddr *)&sin6;
	}
	lookup_country(g, sa, out);
	lookup_asn(g, sa, out);
	return out->country[0] != '\0' || out->asn != 0 || out->org[0] != '\0';
}

bool
geo_has_country(const struct geo *g)
{
	return g != NULL && g->has_country;
}

bool
geo_has_asn(const struct geo *g)
{
	return g != NULL && g->has_asn;
}

void
geo_free(struct geo *g)
{
	if (g == NULL)
		return;
	if (g->has_country)
		MMDB_close(&g->country);
	if (g->has_asn)
		MMDB_close(&g->asn);
	free(g);
}
