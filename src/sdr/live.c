/* SPDX-License-Identifier: MIT */
/* live.c - a live SoapySDR device through the OcuSync receiver into the
 * engine (sdr.h), hopping over the DroneID channels. SoapySDR C API,
 * https://github.com/pothosware/SoapySDR (Device.h). */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SoapySDR/Device.h>
#include <SoapySDR/Formats.h>

#include "rx.h"
#include "sdr.h"

#define LIVE_BLOCK 16384            /* samples per read */
#define LIVE_TIMEOUT_US 500000      /* a read waiting longer is an error */
#define LIVE_MAX_ERRORS 20          /* consecutive read errors: give up */

struct live {
	struct engine *e;
	SoapySDRDevice *dev;
	SoapySDRStream *rxs;
	struct ocu_rx *rx;
	double rate;
	uint64_t t0_us;                  /* host time of sample 0 */
};

static uint64_t
wall_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void
on_heard(void *ctx, const struct ocu_heard *h)
{
	struct live *lv = ctx;
	sdr_heard(lv->e, lv->t0_us, lv->rate, h);
}

/* Tune to mhz; -1 with err. */
static int
tune(struct live *lv, double mhz, char *err, size_t errn)
{
	if (SoapySDRDevice_setFrequency(lv->dev, SOAPY_SDR_RX, 0, mhz * 1e6,
	    NULL) != 0) {
		snprintf(err, errn, "device refused %.1f MHz: %s", mhz,
		    SoapySDRDevice_lastError());
		return -1;
	}
	ocu_rx_retune(lv->rx, mhz * 1e6);
	return 0;
}

/* Open, configure and start the device; -1 with err. */
static int
start(struct live *lv, const struct sdr_cfg *cfg, char *err, size_t errn)
{
	lv->dev = SoapySDRDevice_makeStrArgs(cfg->device);
	if (lv->dev == NULL) {
		snprintf(err, errn, "no SoapySDR device matches '%s' (%s); "
		    "SoapySDRUtil --find lists the ones attached", cfg->device,
		    SoapySDRDevice_lastError());
		return -1;
	}
	if (SoapySDRDevice_setSampleRate(lv->dev, SOAPY_SDR_RX, 0,
	    SDR_LIVE_RATE) != 0) {
		snprintf(err, errn, "device '%s' refused %.2f MS/s: %s",
		    cfg->device, SDR_LIVE_RATE / 1e6,
		    SoapySDRDevice_lastError());
		return -1;
	}
	lv->rate = SoapySDRDevice_getSampleRate(lv->dev, SOAPY_SDR_RX, 0);
	if (!(lv->rate >= IQ_RATE_MIN)) {
		snprintf(err, errn, "device '%s' runs at %.0f samples/s, below "
		    "the 15.36 MS/s a DroneID burst needs", cfg->device,
		    lv->rate);
		return -1;
	}
	if (cfg->gain_db < 0)
		SoapySDRDevice_setGainMode(lv->dev, SOAPY_SDR_RX, 0, true);
	else if (SoapySDRDevice_setGain(lv->dev, SOAPY_SDR_RX, 0,
	    cfg->gain_db) != 0) {
		snprintf(err, errn, "device refused gain %.1f dB: %s",
		    cfg->gain_db, SoapySDRDevice_lastError());
		return -1;
	}
	lv->rxs = SoapySDRDevice_setupStream(lv->dev, SOAPY_SDR_RX,
	    SOAPY_SDR_CF32, NULL, 0, NULL);
	if (lv->rxs == NULL || SoapySDRDevice_activateStream(lv->dev, lv->rxs,
	    0, 0, 0) != 0) {
		snprintf(err, errn, "cannot start the receive stream: %s",
		    SoapySDRDevice_lastError());
		return -1;
	}
	return 0;
}

/* Read and decode until the end; -1 with err after repeated errors. */
static int
run(struct live *lv, const struct sdr_cfg *cfg, const double *hop,
    unsigned nhop, float complex *buf, char *err, size_t errn)
{
	struct stats *st = engine_counters(lv->e);
	uint64_t per = (uint64_t)(cfg->dwell_s * lv->rate), here = 0;
	uint64_t end = cfg->seconds > 0 ?
	    (uint64_t)(cfg->seconds * lv->rate) : UINT64_MAX;
	unsigned ch = 0, errors = 0;

	while ((cfg->stop == NULL || !*cfg->stop) &&
	    ocu_rx_samples(lv->rx) < end) {
		void *bufs[1] = { buf };
		int flags = 0, n;
		long long t_ns = 0;

		n = SoapySDRDevice_readStream(lv->dev, lv->rxs, bufs,
		    LIVE_BLOCK, &flags, &t_ns, LIVE_TIMEOUT_US);
		if (n < 0) {
			if (++errors >= LIVE_MAX_ERRORS) {
				snprintf(err, errn, "receive stream failed %u "
				    "times in a row (last error %d)", errors, n);
				return -1;
			}
			continue;
		}
		errors = 0;
		ocu_rx_feed(lv->rx, buf, (size_t)n);
		st->n[STAT_SDR_SAMPLES] += (uint64_t)n;
		here += (uint64_t)n;
		if (nhop > 1 && here >= per) {
			ch = (ch + 1) % nhop;
			here = 0;
			if (tune(lv, hop[ch], err, errn) < 0)
				return -1;
		}
	}
	return 0;
}

int
sdr_live(struct engine *e, const struct sdr_cfg *cfg, char *err, size_t errn)
{
	static const double both[] = { 2399.5, 2414.5, 2429.5, 2444.5, 2459.5,
		5756.5, 5776.5, 5796.5, 5816.5 };
	const double *hop = cfg->nhop ? cfg->hop_mhz : both;
	unsigned nhop = cfg->nhop ? cfg->nhop :
	    (unsigned)(sizeof both / sizeof both[0]);
	struct live lv = { .e = e };
	struct ocu_rx_cfg rc;
	float complex *buf = NULL;
	int r = -1;

	if (start(&lv, cfg, err, errn) < 0)
		goto out;
	rc = (struct ocu_rx_cfg){ lv.rate, hop[0] * 1e6, cfg->iters, on_heard,
		&lv, engine_counters(e) };
	lv.rx = ocu_rx_new(&rc);
	buf = malloc(LIVE_BLOCK * sizeof *buf);
	if (lv.rx == NULL || buf == NULL) {
		snprintf(err, errn, "out of memory for the receiver");
		goto out;
	}
	if (tune(&lv, hop[0], err, errn) < 0)
		goto out;
	lv.t0_us = wall_us();
	r = run(&lv, cfg, hop, nhop, buf, err, errn);
out:
	engine_input(e, r < 0);
	if (lv.rxs != NULL) {
		SoapySDRDevice_deactivateStream(lv.dev, lv.rxs, 0, 0);
		SoapySDRDevice_closeStream(lv.dev, lv.rxs);
	}
	if (lv.dev != NULL)
		SoapySDRDevice_unmake(lv.dev);
	ocu_rx_free(lv.rx);
	free(buf);
	return r;
}
