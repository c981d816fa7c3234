/* SPDX-License-Identifier: MIT */
/* sdr.h - the software-radio inputs of a run: IQ recordings (input.c)
 * and live SoapySDR devices (live.c), each fed through the OcuSync
 * receiver (rx.h) into the engine's airspace. */
#ifndef VIGIE_SDR_H
#define VIGIE_SDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/engine.h"
#include "iq.h"

/* Channels --channels takes at most. The default hop list (live.c) is
 * the DroneID channels the published receivers listen on:
 * RUB-SysSec/DroneSecurity and proto17/dji_droneid use 2399.5 to
 * 2459.5 MHz in 15 MHz steps, and 5756.5 to 5816.5 in 20 MHz steps. */
#define SDR_HOP_MAX 16
#define SDR_DEFAULT_DWELL_S 2.0  /* DroneID repeats a few times a second */
#define SDR_LIVE_RATE 15360000.0 /* the burst's own rate: least to do */

struct sdr_cfg {
	struct iq_meta over;   /* --format, --rate, --freq, --start */
	int iters;             /* turbo iterations, 0 = default */
	/* live devices */
	const char *device;    /* SoapySDR arguments ("driver=hackrf") */
	double hop_mhz[SDR_HOP_MAX];
	unsigned nhop;         /* 0: both bands' channels */
	double dwell_s;        /* per channel */
	double gain_db;        /* < 0: automatic gain control */
	double seconds;        /* stop after this long; 0: until signalled */
	volatile int *stop;    /* set non-zero (by a signal) to stop */
	/* progress: called every few blocks of a file with the bytes of
	 * it read, its size (0 when unknown) and the samples read; NULL
	 * for none */
	void (*progress)(void *ctx, uint64_t done, uint64_t total,
	    uint64_t samples);
	void *progress_ctx;
};

struct ocu_heard;

/* sdr_heard: file decoded frame h with e's airspace: its time t0_us
 * (sample 0) plus its sample offset at rate, no transmitter address
 * (OcuSync gives none), the frequency it was heard on. */
void sdr_heard(struct engine *e, uint64_t t0_us, double rate,
    const struct ocu_heard *h);

/* sdr_file: read the IQ recording at path (iq.h: SigMF or raw) through
 * the receiver into e. 0 when read to its end; -1 with one line in err
 * when it could not be opened or a read failed (what was read before
 * is kept). Counts the file in e's totals. */
int sdr_file(struct engine *e, const char *path, const struct sdr_cfg *cfg,
    char *err, size_t errn);

/* sdr_live: receive from the SoapySDR device cfg->device, hopping over
 * the channels, until cfg->seconds have passed or *cfg->stop is set.
 * 0, or -1 with one line in err (no such device, rate or frequency
 * refused, stream failure). Frame times are the host clock. */
int sdr_live(struct engine *e, const struct sdr_cfg *cfg, char *err,
    size_t errn);

#endif
