/* SPDX-License-Identifier: MIT */
/* input.c - an IQ recording through the OcuSync receiver into the
 * engine (sdr.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../decode/radio.h"
#include "rx.h"
#include "sdr.h"

#define INPUT_BLOCK 65536      /* samples per read */
#define PROGRESS_EVERY 32      /* blocks between progress calls */

struct hear_ctx {
	struct engine *e;
	uint64_t start_us;         /* time of sample 0 */
	double rate;
};

void
sdr_heard(struct engine *e, uint64_t t0_us, double rate,
    const struct ocu_heard *h)
{
	struct radio r;
	double mhz = h->freq_hz / 1e6;

	memset(&r, 0, sizeof r);
	r.ts_us = t0_us + (uint64_t)((double)h->sample * 1e6 / rate);
	r.carrier = AIR_OCUSYNC;
	if (mhz > 0 && mhz < 65535)
		r.freq_mhz = (uint16_t)lround(mhz);
	engine_dji(e, r.ts_us, OCU_TB, &r, h->m);
}

static void
on_heard(void *ctx, const struct ocu_heard *h)
{
	struct hear_ctx *hc = ctx;
	sdr_heard(hc->e, hc->start_us, hc->rate, h);
}

/* Feed q through rx to its end; the counters into st. */
static void
pump(struct iq_file *q, struct ocu_rx *rx, const struct sdr_cfg *cfg,
    float complex *buf, struct stats *st)
{
	size_t n, sz = iq_fmt_size(q->m.fmt);
	unsigned blocks = 0;

	while ((n = iq_read(q, buf, INPUT_BLOCK)) > 0) {
		ocu_rx_feed(rx, buf, n);
		st->n[STAT_SDR_SAMPLES] += n;
		if (cfg->progress != NULL && ++blocks % PROGRESS_EVERY == 0)
			cfg->progress(cfg->progress_ctx, q->read * sz,
			    q->samples == UINT64_MAX ? 0 : q->samples * sz,
			    st->n[STAT_SDR_SAMPLES]);
		if (cfg->stop != NULL && *cfg->stop)
			break;
	}
}

int
sdr_file(struct engine *e, const char *path, const struct sdr_cfg *cfg,
    char *err, size_t errn)
{
	struct iq_file *q = malloc(sizeof *q); /* a 64 KiB read buffer */
	struct stats *st = engine_counters(e);
	struct hear_ctx hc = { e, 0, 0 };
	struct ocu_rx_cfg rc;
	struct ocu_rx *rx;
	float complex *buf;
	int rc_ = 0;

	if (q == NULL || iq_open(q, path, &cfg->over, err, errn) < 0) {
		if (q == NULL)
			snprintf(err, errn, "%s: out of memory", path);
		free(q);
		engine_input(e, true);
		return -1;
	}
	hc.start_us = q->m.has_start ? q->m.start_us : 0;
	hc.rate = q->m.rate;
	rc = (struct ocu_rx_cfg){ q->m.rate, q->m.freq_hz, cfg->iters, on_heard,
		&hc, st };
	rx = ocu_rx_new(&rc);
	buf = malloc(INPUT_BLOCK * sizeof *buf);
	if (rx == NULL || buf == NULL) {
		snprintf(err, errn, "%s: out of memory for the receiver", path);
		rc_ = -1;
	} else {
		pump(q, rx, cfg, buf, st);
		if (q->ioerr) {
			snprintf(err, errn, "%s: read failed after %llu samples "
			    "(those were processed)", q->path,
			    (unsigned long long)q->read);
			rc_ = -1;
		}
	}
	st->n[STAT_SDR_NONFINITE] += q->nonfinite;
	if (q->partial)
		STAT_INC(st, SDR_PARTIAL);
	engine_input(e, rc_ < 0);
	ocu_rx_free(rx);
	free(buf);
	iq_close(q);
	free(q);
	return rc_;
}
