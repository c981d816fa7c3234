/* SPDX-License-Identifier: MIT */
/* rx.c - the OcuSync DroneID receiver: keeps the recent samples, finds
 * bursts (burst.c), demodulates them (chan.c, sync.c, ofdm.c), decodes
 * them (fec.c) and reads the DroneID frame (frame.c). Stages in
 * ocusync.h; sources there. */
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "rx.h"

struct ocu_rx {
	struct ocu_rx_cfg cfg;
	struct ocu_detect *det;
	struct ocu_demod *dem;
	struct ocu_fec *fec;
	float complex *ring;   /* the last cap samples, by index mod cap */
	size_t cap;            /* a power of two */
	float complex *burst;  /* one span, contiguous */
	size_t burst_cap;
	float *llr;            /* OCU_E soft bits */
	uint64_t fed;          /* samples fed so far */
	uint64_t floor;        /* no span before this index (retuned) */
};

static const char *const stage_names[OCU_STAGES] = {
	[OCU_OK] = "ok", [OCU_FAIL_SHORT] = "short",
	[OCU_FAIL_BAND] = "band", [OCU_FAIL_SYNC] = "sync",
	[OCU_FAIL_ZC] = "zc", [OCU_FAIL_CRC24] = "crc24",
	[OCU_FAIL_FRAME] = "frame", [OCU_FAIL_CRC16] = "crc16",
};

const char *
ocu_stage_name(enum ocu_stage s)
{
	return (unsigned)s < OCU_STAGES ? stage_names[s] : "unknown";
}

/* The counter of each stage. */
static const enum stat_id stage_stat[OCU_STAGES] = {
	[OCU_OK] = STAT_SDR_DECODED, [OCU_FAIL_SHORT] = STAT_SDR_FAIL_SHORT,
	[OCU_FAIL_BAND] = STAT_SDR_FAIL_BAND,
	[OCU_FAIL_SYNC] = STAT_SDR_FAIL_SYNC,
	[OCU_FAIL_ZC] = STAT_SDR_FAIL_ZC,
	[OCU_FAIL_CRC24] = STAT_SDR_FAIL_CRC24,
	[OCU_FAIL_FRAME] = STAT_SDR_FAIL_FRAME,
	[OCU_FAIL_CRC16] = STAT_SDR_FAIL_CRC16,
};

struct ocu_rx *
ocu_rx_new(const struct ocu_rx_cfg *cfg)
{
	struct ocu_rx *rx = calloc(1, sizeof *rx);
	size_t want;

	if (rx == NULL)
		return NULL;
	rx->cfg = *cfg;
	if (rx->cfg.iters <= 0)
		rx->cfg.iters = OCU_RX_ITERS;
	want = (size_t)(cfg->rate * OCU_RX_HISTORY_S);
	for (rx->cap = 4096; rx->cap < 2 * want; rx->cap *= 2)
		;
	rx->burst_cap = rx->cap / 2;
	rx->ring = malloc(rx->cap * sizeof *rx->ring);
	rx->burst = malloc(rx->burst_cap * sizeof *rx->burst);
	rx->llr = malloc(OCU_E * sizeof *rx->llr);
	rx->det = ocu_detect_new(cfg->rate);
	rx->dem = ocu_demod_new(cfg->rate);
	rx->fec = ocu_fec_new();
	if (rx->ring == NULL || rx->burst == NULL || rx->llr == NULL ||
	    rx->det == NULL || rx->dem == NULL || rx->fec == NULL) {
		ocu_rx_free(rx);
		return NULL;
	}
	return rx;
}

void
ocu_rx_free(struct ocu_rx *rx)
{
	if (rx == NULL)
		return;
	ocu_detect_free(rx->det);
	ocu_demod_free(rx->dem);
	ocu_fec_free(rx->fec);
	free(rx->ring);
	free(rx->burst);
	free(rx->llr);
	free(rx);
}

/* Demodulate and decode the burst in rx->burst[0..n). */
static enum ocu_stage
decode(struct ocu_rx *rx, size_t n, struct ocu_burst_info *info,
    uint8_t tb[OCU_TB], struct dji_msg *m, int *iters)
{
	enum ocu_stage s;

	s = ocu_demod_burst(rx->dem, rx->burst, n, rx->llr, info);
	if (s == OCU_OK)
		s = ocu_fec_decode(rx->fec, rx->llr, rx->cfg.iters, tb, iters);
	if (s == OCU_OK)
		s = ocu_frame_parse(tb, OCU_TB, m, rx->cfg.st);
	return s;
}

/* burst.c callback: one span found. */
static void
on_span(void *ctx, struct ocu_span sp)
{
	struct ocu_rx *rx = ctx;
	struct ocu_burst_info info = { 0 };
	uint8_t tb[OCU_TB];
	struct dji_msg m;
	enum ocu_stage s;
	int iters = 0;
	size_t n = sp.len > rx->burst_cap ? rx->burst_cap : (size_t)sp.len;

	STAT_INC(rx->cfg.st, SDR_BURSTS);
	/* Gone from the history (or from before a retune): lost. */
	if (sp.start < rx->floor || sp.start + n > rx->fed ||
	    rx->fed - sp.start > rx->cap) {
		STAT_INC(rx->cfg.st, SDR_LOST);
		return;
	}
	for (size_t i = 0; i < n; i++)
		rx->burst[i] = rx->ring[(sp.start + i) & (rx->cap - 1)];
	s = decode(rx, n, &info, tb, &m, &iters);
	rx->cfg.st->n[stage_stat[s]]++;
	if (s != OCU_OK || rx->cfg.heard == NULL)
		return;
	rx->cfg.heard(rx->cfg.ctx, &(struct ocu_heard){ sp.start,
	    rx->cfg.freq_hz + info.band_hz, &info, &m, tb, iters });
}

void
ocu_rx_feed(struct ocu_rx *rx, const float complex *x, size_t n)
{
	/* In pieces of at most half the history, so that a span ending
	 * in a piece still has its start in the ring. */
	while (n > 0) {
		size_t k = n < rx->cap / 2 ? n : rx->cap / 2;
		uint64_t first = rx->fed;

		for (size_t i = 0; i < k; i++)
			rx->ring[(first + i) & (rx->cap - 1)] = x[i];
		rx->fed += k;
		ocu_detect_feed(rx->det, x, k, first, on_span, rx);
		x += k;
		n -= k;
	}
}

void
ocu_rx_retune(struct ocu_rx *rx, double freq_hz)
{
	rx->cfg.freq_hz = freq_hz;
	rx->floor = rx->fed;
	ocu_detect_reset(rx->det);
}

uint64_t
ocu_rx_samples(const struct ocu_rx *rx)
{
	return rx->fed;
}
