/* SPDX-License-Identifier: MIT */
/* iq.h - IQ recordings: SigMF (metadata + dataset) and raw sample files.
 *
 * SigMF: https://github.com/sigmf/SigMF (sigmf-spec.md, v1.x): a
 * NAME.sigmf-meta JSON file beside NAME.sigmf-data (or the file named
 * by global core:dataset, which vigie only accepts as a plain file name
 * in the metadata's own directory). Read: global core:datatype (cf32_le,
 * ci16_le, ci8, cu8), core:sample_rate, core:dataset; the first capture
 * segment's core:frequency, core:datetime and core:sample_start.
 * Raw files: the same four formats, rate and frequency from the command
 * line. Samples come out as complex float, full scale 1.0 for integer
 * formats. */
#ifndef VIGIE_IQ_H
#define VIGIE_IQ_H

#include <complex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum iq_fmt {
	IQ_NONE = 0,
	IQ_CF32,   /* float32 I, float32 Q, little-endian */
	IQ_CS16,   /* int16 I, Q, little-endian (SigMF ci16_le) */
	IQ_CS8,    /* int8 I, Q (hackrf_transfer; SigMF ci8) */
	IQ_CU8     /* uint8 I, Q offset 127.5 (rtl_sdr; SigMF cu8) */
};

/* The lowest and highest sample rates vigie takes: below OCU_RATE a
 * 10 MHz burst does not fit; above, no SDR it knows records. */
#define IQ_RATE_MIN 15360000.0
#define IQ_RATE_MAX 250000000.0
#define IQ_META_MAX (1u << 20)   /* larger SigMF metadata is refused */

struct iq_meta {
	enum iq_fmt fmt;
	double rate;          /* samples per second, 0 if not given */
	double freq_hz;       /* centre frequency, 0 if not given */
	uint64_t start_us;    /* time of sample 0 (Unix, us) if has_start */
	bool has_start;
	uint64_t skip;        /* samples to skip (core:sample_start) */
	char dataset[256];    /* core:dataset, "" if not given */
};

/* iq_fmt_parse: "cf32", "cs16", "cs8", "cu8" (and the SigMF names
 * cf32_le, ci16_le, ci8, cu8); IQ_NONE for anything else. */
enum iq_fmt iq_fmt_parse(const char *s, size_t n);

/* iq_fmt_name: the command-line name of f ("cf32"). */
const char *iq_fmt_name(enum iq_fmt f);

/* iq_fmt_size: bytes per complex sample of f (0 for IQ_NONE). */
size_t iq_fmt_size(enum iq_fmt f);

/* iq_sigmf_parse: SigMF metadata text (n bytes, not NUL-terminated)
 * into m. 0, or -1 with one line in err naming the field at fault. Never
 * reads outside [text, text + n). */
int iq_sigmf_parse(const char *text, size_t n, struct iq_meta *m, char *err,
    size_t errn);

struct iq_file {
	FILE *f;
	struct iq_meta m;
	char path[4096];      /* the sample file */
	uint64_t samples;     /* whole samples in the file (after skip) */
	uint64_t read;        /* samples delivered so far */
	uint64_t nonfinite;   /* NaN or Inf samples, delivered as 0 */
	bool partial;         /* the file ends inside a sample */
	bool ioerr;           /* a read failed (errno-worthy, not EOF) */
	uint8_t buf[1u << 16];
};

/* iq_open: open path for reading. A SigMF recording is recognised by
 * the name (NAME.sigmf-meta, NAME.sigmf-data, or NAME when
 * NAME.sigmf-meta exists); its metadata gives format, rate, frequency
 * and start, which *over fields override when set (fmt != IQ_NONE,
 * rate > 0, freq_hz > 0, has_start). Any other file is raw and needs
 * over->fmt and over->rate. 0, or -1 with one line in err naming the
 * file and the problem (unreadable, no samples, rate out of range,
 * dataset outside the directory, bad metadata). */
int iq_open(struct iq_file *q, const char *path, const struct iq_meta *over,
    char *err, size_t errn);

/* iq_read: up to max samples into out; returns how many (0 at the end
 * of the file or after a read error, which sets q->ioerr). Non-finite
 * samples are counted in q->nonfinite and delivered as 0. */
size_t iq_read(struct iq_file *q, float complex *out, size_t max);

/* iq_close: close the file (q may be unopened: f NULL). */
void iq_close(struct iq_file *q);

#endif
