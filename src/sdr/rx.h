/* SPDX-License-Identifier: MIT */
/* rx.h - the OcuSync DroneID receiver: a stream of IQ samples in,
 * decoded DroneID records out (rx.c drives the stages of ocusync.h). */
#ifndef VIGIE_OCU_RX_H
#define VIGIE_OCU_RX_H

#include <complex.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/stats.h"
#include "../proto/uas.h"
#include "ocusync.h"

/* Turbo iterations at most per burst (the decoder stops once CRC-24A
 * holds, usually after one or two). */
#define OCU_RX_ITERS 8
/* Samples of history kept for bursts that straddle input blocks: the
 * longest span the detector reports, with margins, must fit. */
#define OCU_RX_HISTORY_S 0.004

/* One decoded DroneID frame. */
struct ocu_heard {
	uint64_t sample;           /* stream index of the burst's start */
	double freq_hz;            /* tuned frequency + band offset */
	const struct ocu_burst_info *info;
	const struct dji_msg *m;
	const uint8_t *tb;         /* the transport block (OCU_TB bytes) */
	int iters;                 /* turbo iterations used */
};

struct ocu_rx_cfg {
	double rate;               /* input samples per second */
	double freq_hz;            /* tuned centre frequency (0: unknown) */
	int iters;                 /* turbo iterations (0: OCU_RX_ITERS) */
	void (*heard)(void *ctx, const struct ocu_heard *h);
	void *ctx;
	struct stats *st;          /* sdr.* and djiid.* counters */
};

struct ocu_rx;

/* ocu_rx_new: a receiver for cfg (copied); NULL when out of memory or
 * the rate is outside what the front end takes. */
struct ocu_rx *ocu_rx_new(const struct ocu_rx_cfg *cfg);

/* ocu_rx_feed: the next n samples of the stream. Each burst found is
 * demodulated and decoded; a decoded frame goes to cfg->heard, a burst
 * lost at any stage is counted under that stage. */
void ocu_rx_feed(struct ocu_rx *rx, const float complex *x, size_t n);

/* ocu_rx_retune: the stream continues at another centre frequency
 * (channel hopping): history is dropped, the sample count goes on. */
void ocu_rx_retune(struct ocu_rx *rx, double freq_hz);

/* ocu_rx_samples: samples fed so far. */
uint64_t ocu_rx_samples(const struct ocu_rx *rx);

/* ocu_rx_free: release rx (NULL is fine). */
void ocu_rx_free(struct ocu_rx *rx);

#endif
