/* SPDX-License-Identifier: MIT */
/* cta2063.c - ANSI/CTA-2063-A small UAS serial numbers.
 *
 *   MMMM L SSS...S
 *   MMMM  manufacturer code, 4 characters, assigned by ICAO
 *   L     length of the rest: 1-9, A-F (10-15)
 *   S     the manufacturer's serial, exactly L characters
 * Every character is a digit or an upper-case letter other than O and I.
 * The Basic ID of ASTM F3411 (ID type 1) carries such a serial; DJI also
 * puts one in its DroneID beacons. */
#include <stdio.h>
#include <string.h>

#include "uas.h"

#define CTA_MFR_LEN 4

/* cta_char: whether c may appear in a CTA-2063-A serial. */
static bool
cta_char(uint8_t c)
{
	return (c >= '0' && c <= '9') ||
	    (c >= 'A' && c <= 'Z' && c != 'O' && c != 'I');
}

/* cta_len: the value of a length character, 0 if it is none. */
static unsigned
cta_len(uint8_t c)
{
	if (c >= '1' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'A' && c <= 'F')
		return (unsigned)(c - 'A') + 10;
	return 0;
}

/* fail: why gets reason (a short literal); returns false. */
static bool
fail(char *why, size_t whyn, const char *reason)
{
	if (why != NULL && whyn > 0)
		(void)snprintf(why, whyn, "%s", reason);
	return false;
}

/* cta2063_valid: see uas.h. */
bool
cta2063_valid(const uint8_t *s, size_t n, char *why, size_t whyn)
{
	unsigned len;

	if (why != NULL && whyn > 0)
		why[0] = '\0';
	if (s == NULL || n < CTA_MFR_LEN + 2)
		return fail(why, whyn, "too short");
	for (size_t i = 0; i < CTA_MFR_LEN; i++) {
		if (!cta_char(s[i]))
			return fail(why, whyn, "bad manufacturer code");
	}
	len = cta_len(s[CTA_MFR_LEN]);
	if (len == 0)
		return fail(why, whyn, "bad length character");
	if (n - CTA_MFR_LEN - 1 != len) {
		if (why != NULL && whyn > 0)
			(void)snprintf(why, whyn,
			    "length says %u, serial has %zu", len,
			    n - CTA_MFR_LEN - 1);
		return false;
	}
	for (size_t i = CTA_MFR_LEN + 1; i < n; i++) {
		if (!cta_char(s[i]))
			return fail(why, whyn, "bad character in serial");
	}
	return true;
}

/* Manufacturer codes with a public source:
 *   1581 DJI      DJI's developer documentation (Mobile SDK v5,
 *                 IUASRemoteIDManager: "The prefix 1581F means it is a
 *                 drone produced by DJI")
 *   1588 Parrot   broadcast by a Parrot Anafi Thermal as 1588E040445AC
 *                 004418 (cyber-defence-campus/RemoteIDReceiver,
 *                 parrot_anafi4_real.pcapng; ../shared/corpus)
 *   1596 Dronetag Dronetag's knowledge base ("How to find SN": "SN
 *                 starting with 1596 (MFR Code of Dronetag)") */
static const struct {
	char code[CTA_MFR_LEN];
	const char *maker;
} cta_makers[] = {
	{ { '1', '5', '8', '1' }, "DJI" },
	{ { '1', '5', '8', '8' }, "Parrot" },
	{ { '1', '5', '9', '6' }, "Dronetag" },
};

/* cta2063_maker: see uas.h. */
const char *
cta2063_maker(const uint8_t *s, size_t n)
{
	if (s == NULL || n < CTA_MFR_LEN)
		return NULL;
	for (size_t i = 0; i < sizeof cta_makers / sizeof cta_makers[0]; i++) {
		if (memcmp(s, cta_makers[i].code, CTA_MFR_LEN) == 0)
			return cta_makers[i].maker;
	}
	return NULL;
}
