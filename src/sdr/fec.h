/* SPDX-License-Identifier: MIT */
/* fec.h - inside the OcuSync FEC back end: LTE rate matching
 * (ratematch.c) and the LTE turbo code (turbo.c), which fec.c strings
 * together behind ocu_fec_decode() and ocu_encode() (ocusync.h).
 * Reference: 3GPP TS 36.212 5.1.3.2 (turbo code) and 5.1.4.1 (rate
 * matching), for the one block size OcuSync uses: K = 1408, D = 1412. */
#ifndef VIGIE_SDR_FEC_H
#define VIGIE_SDR_FEC_H

#include <stdbool.h>

#include "ocusync.h"

/* Sub-block interleaver (36.212 5.1.4.1.1): 32 columns, R = 45 rows,
 * so Kpi = 1440 and the first 28 cells of each sub-block are dummies. */
#define OCU_RM_COLS 32
#define OCU_RM_ROWS ((OCU_D + OCU_RM_COLS - 1) / OCU_RM_COLS)
#define OCU_KPI (OCU_RM_ROWS * OCU_RM_COLS)
#define OCU_ND (OCU_KPI - OCU_D)
#define OCU_KW (3 * OCU_KPI)   /* circular buffer, also Ncb */
#define OCU_NCODED (3 * OCU_D) /* bits in the buffer that are not dummies */
/* Start of redundancy version 0: R * (2 * ceil(Ncb / 8R) * rv + 2). */
#define OCU_K0 (2 * OCU_RM_ROWS)

/* Limits on soft values. Input LLRs are clamped to +-OCU_LLR_MAX (a
 * well scaled LLR stays far below it even at 30 dB; the bound keeps the
 * decoder's metrics far from float overflow whatever it is sent), and
 * the a priori values the two constituent decoders pass each other to
 * +-OCU_APR_MAX, so that no number of iterations can overflow. */
#define OCU_LLR_MAX 1e4f
#define OCU_APR_MAX 1e6f
/* Turbo iterations are capped here: past a dozen they no longer help. */
#define OCU_ITERS_MAX 32

/* The three coded streams d0 (systematic), d1, d2 (parities) sit one
 * after the other in one array of 3 * OCU_D: stream i, bit k at
 * i * OCU_D + k. */

/* ---- ratematch.c ---- */

/* ratematch_positions: the order in which bit selection reads the
 * circular buffer for rv 0: pos[j] is the index (into the three streams
 * as above) of the j-th non-dummy bit read from k0 on. Transmitted bit
 * e_k is the coded bit pos[k % OCU_NCODED]: as E > OCU_NCODED, the
 * buffer is read once round and then again from k0. */
void ratematch_positions(uint16_t pos[OCU_NCODED]);

/* ratematch: the transmit side: OCU_E bits e from the coded bits d
 * (0 or 1 each), through the positions pos. */
void ratematch(const uint16_t pos[OCU_NCODED], const uint8_t d[3 * OCU_D],
    uint8_t e[OCU_E]);

/* ratematch_soft: the receive side: the soft values of the coded
 * bits, each the sum of the OCU_E received LLRs e that carried it (one
 * or two copies; 0 for none). */
void ratematch_soft(const uint16_t pos[OCU_NCODED], const float e[OCU_E],
    float d[3 * OCU_D]);

/* ---- turbo.c ---- */

/* QPP interleaver parameters for K = 1408, TS 36.212 Table 5.1.3-3. */
#define OCU_QPP_F1 43u
#define OCU_QPP_F2 88u

/* turbo_qpp: the QPP interleaver pi(i) = (f1 i + f2 i^2) mod K, for
 * 0 <= i < OCU_K: the second encoder's i-th input is bit pi(i). */
unsigned turbo_qpp(unsigned i);

/* turbo_encode: the OCU_K bits c (0 or 1, MSB of the first byte first)
 * to the three streams d0, d1, d2 of OCU_D bits each, the twelve tail
 * bits placed as 36.212 5.1.3.2.2 says. */
void turbo_encode(const uint8_t c[OCU_K], uint8_t d[3 * OCU_D]);

struct turbo;

/* turbo_new: decoder state (interleaver table, forward metrics,
 * extrinsic buffers), NULL when out of memory. turbo_free(NULL) is a
 * no-op. */
struct turbo *turbo_new(void);
void turbo_free(struct turbo *t);

/* turbo_decode: iterative max-log-MAP decoding of the soft streams d
 * (LLRs, positive for 0, finite) into the OCU_TB-byte block tb, at
 * most iters iterations (at least one, at most OCU_ITERS_MAX),
 * stopping after the first whose hard decisions pass CRC-24A. True on success; *used (if not NULL)
 * gets the iterations run. A block in which some bit's a posteriori
 * LLR is exactly 0 (undecided, as when nothing was received) is not
 * accepted even if the guess passes the CRC. */
bool turbo_decode(struct turbo *t, const float d[3 * OCU_D], int iters,
    uint8_t tb[OCU_TB], int *used);

#endif
