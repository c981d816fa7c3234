/* SPDX-License-Identifier: MIT */
/* ocusync.h - the DJI OcuSync DroneID receive chain, stage by stage.
 *
 * A DroneID burst is an LTE-like OFDM burst, about 644 us long and
 * 10 MHz wide: at 15.36 MS/s, 1024-point symbols with 601 carriers
 * around DC (600 used, DC empty), cyclic prefixes of 80 samples on the
 * first and last symbols and 72 on the others. Nine symbols (eight on
 * older aircraft, which omit the first); symbols 3 and 5 (2 and 4) are
 * Zadoff-Chu symbols of roots 600 and 147; the other seven carry QPSK,
 * of which the first is a known Gold sequence and the last six hold the
 * 7200 coded bits: LTE turbo code (K = 1408, D = 1412), rate matched
 * to E = 7200, scrambled with the LTE Gold sequence c_init 0x12345678,
 * decoding to a 176-byte transport block ending in CRC-24A. Inside it:
 * a length byte, the DroneID record (see djiid_record()), a CRC-16.
 * Sources: RUB-SysSec/DroneSecurity (NDSS 2023), proto17/dji_droneid,
 * 3GPP TS 36.211 7.2, TS 36.212 5.1.3-5.1.4.
 *
 * Stages, one per file:
 *   burst.c      burst detection on the input stream (any rate): energy
 *                in a band of the burst's width, by short FFTs
 *   chan.c       coarse band centre, mix to DC, resample to 15.36 MS/s
 *   sync.c       symbol timing (cyclic prefix, Zadoff-Chu) and CFO
 *   ofdm.c       FFT, channel estimate, equalisation, QPSK soft demap
 *   gold.c       LTE Gold sequence (descrambling)
 *   ratematch.c  LTE turbo rate de-matching (circular buffer, rv 0)
 *   turbo.c      LTE turbo decoder, max-log-MAP, QPP interleaver
 *   crc.c        CRC-24A and the DJI CRC-16
 *   fec.c        LLRs -> transport block: descramble, de-rate-match,
 *                turbo decode, CRC-24A
 *   rx.c         the whole chain: samples in, DroneID frames out
 *
 * Soft bits are log-likelihood ratios as float, positive meaning the
 * bit is more likely 0 (llr = log P(b=0) / P(b=1)). No stage allocates
 * per burst: every buffer lives in the stage's state, made once. */
#ifndef VIGIE_OCUSYNC_H
#define VIGIE_OCUSYNC_H

#include <complex.h>
#include <stddef.h>
#include <stdint.h>

/* C11's CMPLXF and CMPLX, which glibc's complex.h leaves out for
 * clang 14 (the fuzz build). */
#ifndef CMPLXF
#define CMPLXF(x, y) __builtin_complex((float)(x), (float)(y))
#endif
#ifndef CMPLX
#define CMPLX(x, y) __builtin_complex((double)(x), (double)(y))
#endif

#define OCU_RATE 15360000.0 /* samples per second after resampling */
#define OCU_NFFT 1024
#define OCU_NCARRIERS 601   /* including the empty DC carrier */
#define OCU_NSYM 9          /* symbols in a burst (8 on legacy aircraft) */
#define OCU_DATA_SYMS 7     /* QPSK symbols: the Gold one, then six */
#define OCU_E 7200          /* coded bits after the Gold symbol */
#define OCU_K 1408          /* turbo code block, bits, CRC included */
#define OCU_D (OCU_K + 4)   /* turbo coded stream length with tail */
#define OCU_TB 176          /* transport block bytes, CRC-24A included */
#define OCU_GOLD_CINIT 0x12345678u
/* Samples of one burst at OCU_RATE: 9 x 1024 + 2 x 80 + 7 x 72. */
#define OCU_BURST_LEN (OCU_NSYM * OCU_NFFT + 2 * 80 + 7 * 72)

/* Where a burst was lost. Every stage returns one of these; rx.c counts
 * them per stage. */
enum ocu_stage {
	OCU_OK = 0,
	OCU_FAIL_SHORT,   /* too few samples for a burst */
	OCU_FAIL_BAND,    /* no 10 MHz band found in the burst */
	OCU_FAIL_SYNC,    /* no cyclic-prefix timing peak */
	OCU_FAIL_ZC,      /* Zadoff-Chu symbols not found where expected */
	OCU_FAIL_CRC24,   /* turbo decoding did not give a valid CRC-24A */
	OCU_FAIL_FRAME,   /* length byte impossible for the block */
	OCU_FAIL_CRC16,   /* inner DJI CRC-16 wrong */
	OCU_STAGES
};

/* ocu_stage_name: a short stable name ("crc24") for counters. */
const char *ocu_stage_name(enum ocu_stage s);

/* ---- gold.c ---- */

/* gold_bits: the first n bits (one per byte, 0 or 1) of the LTE Gold
 * sequence c(n) of TS 36.211 7.2 for c_init (Nc = 1600). */
void gold_bits(uint32_t c_init, uint8_t *out, size_t n);

/* ---- crc.c ---- */

/* crc24a: CRC-24A of TS 36.212 5.1.1 (poly 0x864CFB, init 0, MSB
 * first) over n bytes. Over a block ending in its own CRC it is 0. */
uint32_t crc24a(const uint8_t *p, size_t n);

/* dji_crc16: DJI's CRC-16 (poly 0x1021 reflected, the reflected
 * register preset to 0x3692, no final xor; RevEng: refin/refout, init
 * 0x496C; "123456789" gives 0x7109) over n bytes, as the DroneID frame
 * ends with it (little-endian). */
uint16_t dji_crc16(const uint8_t *p, size_t n);

/* ---- fec.c (with ratematch.c, turbo.c) ---- */

struct ocu_fec;

/* ocu_fec_new: decoder state (interleaver tables, trellis buffers);
 * NULL when out of memory. ocu_fec_free(NULL) is a no-op. */
struct ocu_fec *ocu_fec_new(void);
void ocu_fec_free(struct ocu_fec *f);

/* ocu_fec_decode: from the OCU_E scrambled LLRs of the six data
 * symbols (in transmission order) to the OCU_TB-byte transport block,
 * using at most iters turbo iterations (at least one, at most 32;
 * stopping early once CRC-24A holds). LLR k is descrambled with Gold
 * bit c(k) of gold_bits(OCU_GOLD_CINIT): the sequence restarts at the
 * first bit of the first data symbol (the Gold symbol before them is
 * c(0..1199) too). Bits leave MSB first in each byte. Returns OCU_OK
 * with tb filled, or OCU_FAIL_CRC24 (tb then holds the last, wrong,
 * decisions); a block with an undecided bit (as when the LLRs are all
 * 0) fails. *used (if not NULL) receives the iterations run. llr is not
 * modified; values beyond +-1e4 are clamped, NaN is taken as 0. */
enum ocu_stage ocu_fec_decode(struct ocu_fec *f, const float *llr,
    int iters, uint8_t tb[OCU_TB], int *used);

/* ocu_fec_hard: the same block from hard decisions alone: the sign of
 * each systematic bit read straight from the de-rate-matched buffer
 * (where the two copies of a repeated bit are added, as for the turbo
 * decoder; RUB's decoder reads the one copy in bits 4148..5559), no
 * turbo decoding. Returns OCU_OK when CRC-24A holds. Used to show what
 * the turbo decoder adds. */
enum ocu_stage ocu_fec_hard(struct ocu_fec *f, const float *llr,
    uint8_t tb[OCU_TB]);

/* ocu_encode: the transmit side, for tests and the benchmark: a
 * transport block (CRC-24A already in its last 3 bytes, bytes entering
 * the turbo encoder MSB first) to the OCU_E scrambled coded bits (one
 * per byte), as the aircraft sends them. Uses about 20 KB of stack. */
void ocu_encode(const uint8_t tb[OCU_TB], uint8_t bits[OCU_E]);

/* ---- burst.c, chan.c, sync.c, ofdm.c: the front end ---- */

struct ocu_demod;

/* What the front end measured on one burst. */
struct ocu_burst_info {
	double start;      /* where symbol 0's cyclic prefix begins (or would
	                    * on a legacy burst), as an index into x at the
	                    * input rate, to about one 15.36 MS/s sample */
	double band_hz;    /* band centre relative to the tuned frequency,
	                    * from the power spectrum (to 1/OCU_SPAN_MAX_US) */
	double cfo_hz;     /* the rest of the offset: whole carriers from
	                    * the ZC symbols, the fraction from the cyclic
	                    * prefixes and the ZC symbols' phase */
	double snr_db;     /* per carrier, in band: the channel estimate's
	                    * power over the noise between the estimates of
	                    * the two ZC symbols */
	int zc_root[2];    /* roots found in the two ZC symbols */
	int legacy;        /* 8-symbol burst */
	int gold_errors;   /* hard-decision errors of the Gold symbol (of
	                    * 1200 bits; -1 on legacy bursts or when not
	                    * reached): a quality figure for the burst */
};

/* Longest span ocu_demod_burst takes (microseconds): a longer one is cut
 * to its middle OCU_SPAN_MAX_US. Covers the detector's longest span. */
#define OCU_SPAN_MAX_US 1200

/* ocu_demod_new: front-end state for input at rate samples/s (FFTW
 * plans and buffers for OCU_SPAN_MAX_US at that rate), NULL when out of
 * memory or the rate is outside OCU_RATE .. 1e9. FFTW planning is not
 * thread-safe: create (and free) from one thread at a time. */
struct ocu_demod *ocu_demod_new(double rate);
void ocu_demod_free(struct ocu_demod *d);

/* ocu_demod_burst: n samples at the input rate holding one burst with
 * some margin either side: find the band, mix it to DC, resample to
 * OCU_RATE, time it, correct CFO, FFT, equalise on the ZC symbols and
 * write the OCU_E LLRs of the six data symbols (scrambled, transmission
 * order) to llr. info (if not NULL) is filled as far as it got; the
 * total offset removed is band_hz + cfo_hz. x is not modified.
 * Non-finite samples make the burst fail (OCU_FAIL_BAND), not the
 * process; so do all-zero ones. On failure llr is left undefined. Not
 * thread-safe on one d; separate d's may run in parallel. */
enum ocu_stage ocu_demod_burst(struct ocu_demod *d, const float complex *x,
    size_t n, float *llr, struct ocu_burst_info *info);

/* ---- burst.c: finding bursts in a stream ---- */

struct ocu_detect;

/* A burst found: where it lies in the stream (sample indices at the
 * input rate, margin included). */
struct ocu_span {
	uint64_t start;
	uint64_t len;
};

/* Detector tunables. The input's power is measured in bins of about
 * OCU_DET_BIN_HZ (short FFTs) over windows of about OCU_DET_WIN_US, over
 * each bin's own noise floor. A burst starts when that, averaged over
 * the last four windows and a band of OCU_DET_BAND_HZ (at every position
 * in the input), exceeds OCU_DET_ON, and ends when its band stays under
 * OCU_DET_OFF. It is reported, with OCU_DET_MARGIN_US either side, if it
 * lasted OCU_DET_MIN_US..OCU_DET_MAX_US and its power over the floor is
 * spread over at least OCU_DET_MIN_BW_HZ (not a narrow-band burst) but
 * not much beyond the band (see burst.c). In its band, a DroneID burst
 * stands out down to about -3 dB SNR, under the demodulator's -2 dB. */
#define OCU_DET_WIN_US 8.0
#define OCU_DET_BIN_HZ 625e3
#define OCU_DET_BAND_HZ 9e6   /* a little under the 9.015 MHz used */
#define OCU_DET_ON 1.3f       /* 1.1 dB over the noise in the band */
#define OCU_DET_OFF 1.25f     /* 1 dB */
#define OCU_DET_MIN_BW_HZ 4.5e6
#define OCU_DET_MIN_US 400.0
#define OCU_DET_MAX_US 900.0
#define OCU_DET_MARGIN_US 100.0

/* ocu_detect_new: a detector for input at rate samples/s that reports
 * spans of roughly burst length (400..900 us of energy over the running
 * noise floor in a band of DroneID's width, anywhere in the input), with
 * a margin either side. It learns the floor from its first 64 us and
 * follows up to three signals at once in separate bands. NULL when out
 * of memory or the rate is outside OCU_RATE .. 1e9. It makes an FFTW
 * plan: create (and free) from one thread at a time. */
struct ocu_detect *ocu_detect_new(double rate);
void ocu_detect_free(struct ocu_detect *d);

/* ocu_detect_feed: the next n samples of the stream (whose first sample
 * has stream index first). Calls found(ctx, span) for each span that
 * ends in this block, so the caller must keep at least the last
 * (OCU_DET_MAX_US + 2 * OCU_DET_MARGIN_US + 2 * OCU_DET_WIN_US) us of
 * samples plus one block. Keeps no pointer to x and allocates nothing.
 * A block that does not follow on from the last (first not where it
 * ended) drops any burst in progress and learns the floor again.
 * Non-finite samples count as loud: they may be reported within a span,
 * for ocu_demod_burst to reject. Spans come in order of their end. */
void ocu_detect_feed(struct ocu_detect *d, const float complex *x, size_t n,
    uint64_t first, void (*found)(void *ctx, struct ocu_span s), void *ctx);

/* ocu_detect_reset: the samples that follow, though numbered on, are of
 * another signal (a retuned receiver): any burst in progress and any
 * span not yet reported are dropped, and the floor is learnt again, as
 * for a block that does not follow on. Allocates nothing. */
void ocu_detect_reset(struct ocu_detect *d);

#endif
