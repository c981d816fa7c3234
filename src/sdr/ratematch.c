/* SPDX-License-Identifier: MIT */
/* ratematch.c - LTE turbo rate matching and de-matching, 3GPP TS 36.212
 * 5.1.4.1, for OcuSync's one case: D = 1412, E = 7200, rv 0, no soft
 * buffer limit (Ncb = Kw = 4320).
 *
 * Each stream d0, d1, d2 is preceded by 28 dummy bits and written row
 * by row into a 45 x 32 matrix; d0 and d1 are read column by column in
 * the inter-column permutation order P, d2 through
 *   pi(k) = (P[k / R] + 32 (k mod R) + 1) mod Kpi.
 * The circular buffer is v0, then v1 and v2 interlaced; bit selection
 * starts at k0 = 90 and skips dummies. E is larger than the 4236 coded
 * bits, so the buffer is read about 1.7 times: the receiver adds the
 * LLRs of the repeated bits. */
#include <string.h>

#include "fec.h"

/* Inter-column permutation, 36.212 Table 5.1.4-1. */
static const uint8_t rm_perm[OCU_RM_COLS] = {
	0, 16, 8, 24, 4, 20, 12, 28, 2, 18, 10, 26, 6, 22, 14, 30,
	1, 17, 9, 25, 5, 21, 13, 29, 3, 19, 11, 27, 7, 23, 15, 31,
};

/* rm_source: what circular buffer cell w holds: the index into the
 * three streams (see fec.h), or -1 for a dummy. */
static int
rm_source(int w)
{
	int stream, k, y;

	if (w < OCU_KPI) {
		stream = 0;
		k = w;
	} else {
		stream = 1 + ((w - OCU_KPI) & 1);
		k = (w - OCU_KPI) >> 1;
	}
	y = rm_perm[k / OCU_RM_ROWS] + OCU_RM_COLS * (k % OCU_RM_ROWS);
	if (stream == 2)
		y = (y + 1) % OCU_KPI;
	if (y < OCU_ND)
		return -1;
	return stream * OCU_D + y - OCU_ND;
}

void
ratematch_positions(uint16_t pos[OCU_NCODED])
{
	int n = 0;

	/* One lap of the buffer from k0 meets every coded bit once. */
	for (int j = 0; j < OCU_KW; j++) {
		int src = rm_source((OCU_K0 + j) % OCU_KW);

		if (src >= 0)
			pos[n++] = (uint16_t)src;
	}
}

void
ratematch(const uint16_t pos[OCU_NCODED], const uint8_t d[3 * OCU_D],
    uint8_t e[OCU_E])
{
	for (int k = 0, j = 0; k < OCU_E; k++) {
		e[k] = d[pos[j]];
		if (++j == OCU_NCODED)
			j = 0;
	}
}

void
ratematch_soft(const uint16_t pos[OCU_NCODED], const float e[OCU_E],
    float d[3 * OCU_D])
{
	memset(d, 0, 3 * OCU_D * sizeof *d);
	for (int k = 0, j = 0; k < OCU_E; k++) {
		d[pos[j]] += e[k];
		if (++j == OCU_NCODED)
			j = 0;
	}
}
