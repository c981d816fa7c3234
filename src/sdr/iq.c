/* SPDX-License-Identifier: MIT */
/* iq.c - IQ recordings: SigMF metadata and raw sample files (iq.h).
 * SigMF specification v1.x, https://github.com/sigmf/SigMF. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/cursor.h"
#include "../out/record.h"
#include "../proto/jsonscan.h"
#include "iq.h"

static const struct {
	const char *name, *sigmf;
	enum iq_fmt f;
	size_t size;
} fmts[] = {
	{ "cf32", "cf32_le", IQ_CF32, 8 },
	{ "cs16", "ci16_le", IQ_CS16, 4 },
	{ "cs8", "ci8", IQ_CS8, 2 },
	{ "cu8", "cu8", IQ_CU8, 2 },
};
#define NFMTS (sizeof fmts / sizeof fmts[0])

enum iq_fmt
iq_fmt_parse(const char *s, size_t n)
{
	for (size_t i = 0; i < NFMTS; i++)
		if ((strlen(fmts[i].name) == n &&
		    memcmp(fmts[i].name, s, n) == 0) ||
		    (strlen(fmts[i].sigmf) == n &&
		    memcmp(fmts[i].sigmf, s, n) == 0))
			return fmts[i].f;
	return IQ_NONE;
}

const char *
iq_fmt_name(enum iq_fmt f)
{
	for (size_t i = 0; i < NFMTS; i++)
		if (fmts[i].f == f)
			return fmts[i].name;
	return "none";
}

size_t
iq_fmt_size(enum iq_fmt f)
{
	for (size_t i = 0; i < NFMTS; i++)
		if (fmts[i].f == f)
			return fmts[i].size;
	return 0;
}

/* A JSON number member as double; false if it is not a finite one. */
static bool
num(const struct json_ev *ev, double *out)
{
	char b[64], *end;

	if (ev->kind != JSON_LITERAL || ev->val_len == 0 ||
	    ev->val_len >= sizeof b)
		return false;
	memcpy(b, ev->val, ev->val_len);
	b[ev->val_len] = '\0';
	errno = 0;
	*out = strtod(b, &end);
	return *end == '\0' && errno == 0 && isfinite(*out);
}

#define BAD(...) (snprintf(err, errn, __VA_ARGS__), -1)

/* One member of global. */
static int
global_member(const struct json_ev *ev, struct iq_meta *m, char *err,
    size_t errn)
{
	if (json_key_is(ev, "core:datatype")) {
		if (ev->kind != JSON_STRING ||
		    (m->fmt = iq_fmt_parse(ev->val, ev->val_len)) == IQ_NONE)
			return BAD("core:datatype '%.*s' is not one of cf32_le, "
			    "ci16_le, ci8, cu8", (int)(ev->val_len > 32 ? 32 :
			    ev->val_len), ev->val ? ev->val : "");
	} else if (json_key_is(ev, "core:sample_rate")) {
		if (!num(ev, &m->rate) || m->rate <= 0)
			return BAD("core:sample_rate is not a positive number");
	} else if (json_key_is(ev, "core:dataset")) {
		if (ev->kind != JSON_STRING || ev->val_len == 0 ||
		    ev->val_len >= sizeof m->dataset)
			return BAD("core:dataset is not a file name");
		memcpy(m->dataset, ev->val, ev->val_len);
		m->dataset[ev->val_len] = '\0';
	}
	return 0;
}

/* One member of the first capture segment. */
static int
capture_member(const struct json_ev *ev, struct iq_meta *m, char *err,
    size_t errn)
{
	double v;

	if (json_key_is(ev, "core:frequency")) {
		if (!num(ev, &m->freq_hz) || m->freq_hz < 0)
			return BAD("captures: core:frequency is not a "
			    "frequency");
	} else if (json_key_is(ev, "core:datetime")) {
		if (ev->kind != JSON_STRING ||
		    !time_parse(ev->val, ev->val_len, false, &m->start_us))
			return BAD("captures: core:datetime is not an ISO 8601 "
			    "UTC time");
		m->has_start = true;
	} else if (json_key_is(ev, "core:sample_start")) {
		if (!num(ev, &v) || v < 0 || v > 1e15 || v != floor(v))
			return BAD("captures: core:sample_start is not a "
			    "sample index");
		m->skip = (uint64_t)v;
	}
	return 0;
}

int
iq_sigmf_parse(const char *text, size_t n, struct iq_meta *m, char *err,
    size_t errn)
{
	struct json_scan s;
	struct json_ev ev;
	int seg = -1; /* capture segment being read (0: the first) */
	bool first = true;

	memset(m, 0, sizeof *m);
	json_init(&s, cur_make((const uint8_t *)text, n));
	while (json_next(&s, &ev)) {
		if (first && ev.kind != JSON_OBJECT)
			return BAD("the metadata is not a JSON object");
		first = false;
		if (ev.depth == 2 && ev.kind == JSON_OBJECT &&
		    json_parent_is(&ev, "captures"))
			seg++;
		if (ev.depth == 2 && json_parent_is(&ev, "global") &&
		    global_member(&ev, m, err, errn) < 0)
			return -1;
		if (ev.depth == 3 && seg == 0 && ev.kind != JSON_END &&
		    capture_member(&ev, m, err, errn) < 0)
			return -1;
	}
	if (s.malformed)
		return BAD("not valid JSON (near byte %zu)",
		    (size_t)(s.p - text));
	if (m->fmt == IQ_NONE)
		return BAD("global has no core:datatype");
	if (m->rate == 0)
		return BAD("global has no core:sample_rate");
	return 0;
}

/* Whether path ends with suffix. */
static bool
ends(const char *path, const char *suffix)
{
	size_t a = strlen(path), b = strlen(suffix);
	return a >= b && strcmp(path + a - b, suffix) == 0;
}

/* Read the SigMF metadata file meta into m and set the data path. */
static int
read_sigmf(struct iq_file *q, const char *meta, const char *base,
    char *err, size_t errn)
{
	char e[300], *text;
	FILE *f = fopen(meta, "rb");
	size_t n;
	const char *slash;
	int r;

	if (f == NULL)
		return BAD("%s: %s", meta, strerror(errno));
	text = malloc(IQ_META_MAX + 1);
	if (text == NULL) {
		fclose(f);
		return BAD("%s: out of memory", meta);
	}
	n = fread(text, 1, IQ_META_MAX + 1, f);
	r = ferror(f) ? BAD("%s: %s", meta, strerror(errno)) :
	    n > IQ_META_MAX ? BAD("%s: larger than %u bytes: not SigMF "
	    "metadata", meta, IQ_META_MAX) :
	    iq_sigmf_parse(text, n, &q->m, e, sizeof e) < 0 ?
	    BAD("%s: %s", meta, e) : 0;
	free(text);
	fclose(f);
	if (r < 0)
		return r;
	if (q->m.dataset[0] == '\0') {
		snprintf(q->path, sizeof q->path, "%s.sigmf-data", base);
		return 0;
	}
	/* Only a file beside the metadata: no directories, no "..". */
	if (strchr(q->m.dataset, '/') || strchr(q->m.dataset, '\\') ||
	    strcmp(q->m.dataset, "..") == 0 || strcmp(q->m.dataset, ".") == 0)
		return BAD("%s: core:dataset '%s' points outside the "
		    "metadata's directory", meta, q->m.dataset);
	slash = strrchr(meta, '/');
	snprintf(q->path, sizeof q->path, "%.*s%s", slash ?
	    (int)(slash - meta + 1) : 0, meta, q->m.dataset);
	return 0;
}

/* Fill q->path and q->m for path: SigMF or raw. */
static int
locate(struct iq_file *q, const char *path, char *err, size_t errn)
{
	char base[4096], meta[4200];
	struct stat sb;

	snprintf(base, sizeof base, "%s", path);
	if (ends(base, ".sigmf-meta") || ends(base, ".sigmf-data"))
		base[strlen(base) - strlen(".sigmf-meta")] = '\0';
	snprintf(meta, sizeof meta, "%s.sigmf-meta", base);
	if (ends(path, ".sigmf-meta") || ends(path, ".sigmf-data") ||
	    stat(meta, &sb) == 0)
		return read_sigmf(q, meta, base, err, errn);
	snprintf(q->path, sizeof q->path, "%s", path);
	return 0;
}

int
iq_open(struct iq_file *q, const char *path, const struct iq_meta *over,
    char *err, size_t errn)
{
	struct stat sb;
	size_t sz;

	memset(&q->m, 0, sizeof q->m);
	q->f = NULL;
	q->read = q->nonfinite = 0;
	q->partial = q->ioerr = false;
	if (locate(q, path, err, errn) < 0)
		return -1;
	if (over->fmt != IQ_NONE)
		q->m.fmt = over->fmt;
	if (over->rate > 0)
		q->m.rate = over->rate;
	if (over->freq_hz > 0)
		q->m.freq_hz = over->freq_hz;
	if (over->has_start) {
		q->m.start_us = over->start_us;
		q->m.has_start = true;
	}
	if (q->m.fmt == IQ_NONE)
		return BAD("%s: a raw IQ file needs --format (cf32, cs16, cs8, "
		    "cu8)", path);
	if (q->m.rate == 0)
		return BAD("%s: a raw IQ file needs --rate", path);
	if (q->m.rate < IQ_RATE_MIN || q->m.rate > IQ_RATE_MAX)
		return BAD("%s: sample rate %.0f/s is outside %.0f..%.0f (a "
		    "10 MHz DroneID burst needs at least 15.36 MS/s)", path,
		    q->m.rate, IQ_RATE_MIN, IQ_RATE_MAX);
	if ((q->f = fopen(q->path, "rb")) == NULL)
		return BAD("%s: %s", q->path, strerror(errno));
	sz = iq_fmt_size(q->m.fmt);
	if (fstat(fileno(q->f), &sb) < 0 || !S_ISREG(sb.st_mode)) {
		/* A pipe or device: read to its end, size unknown. */
		q->samples = UINT64_MAX;
	} else {
		q->samples = (uint64_t)sb.st_size / sz;
		q->partial = (uint64_t)sb.st_size % sz != 0;
		if (q->samples <= q->m.skip) {
			iq_close(q);
			return BAD("%s: no samples (%lld bytes of %s)", path,
			    (long long)sb.st_size, iq_fmt_name(q->m.fmt));
		}
		q->samples -= q->m.skip;
	}
	if (q->m.skip > 0 && fseeko(q->f, (off_t)(q->m.skip * sz),
	    SEEK_SET) < 0) {
		iq_close(q);
		return BAD("%s: cannot seek to sample %llu", path,
		    (unsigned long long)q->m.skip);
	}
	return 0;
}

/* Samples from little-endian file bytes (cursor.h's le16, le32). */
static float
f32le(const uint8_t *p)
{
	uint32_t u = le32(p);
	float f;

	memcpy(&f, &u, sizeof f);
	return f;
}

static float
s16le(const uint8_t *p)
{
	int v = le16(p);
	return (float)(v >= 32768 ? v - 65536 : v) / 32768.0f;
}

static void
convert(struct iq_file *q, const uint8_t *b, size_t n, float complex *out)
{
	for (size_t i = 0; i < n; i++) {
		float re, im;

		switch (q->m.fmt) {
		case IQ_CF32:
			re = f32le(b + 8 * i), im = f32le(b + 8 * i + 4);
			if (!isfinite(re) || !isfinite(im)) {
				q->nonfinite++;
				re = im = 0;
			}
			break;
		case IQ_CS16:
			re = s16le(b + 4 * i), im = s16le(b + 4 * i + 2);
			break;
		case IQ_CS8:
			re = (float)(int8_t)b[2 * i] / 128.0f;
			im = (float)(int8_t)b[2 * i + 1] / 128.0f;
			break;
		default: /* IQ_CU8 */
			re = ((float)b[2 * i] - 127.5f) / 128.0f;
			im = ((float)b[2 * i + 1] - 127.5f) / 128.0f;
			break;
		}
		out[i] = re + im * I; /* finite: exact */
	}
}

size_t
iq_read(struct iq_file *q, float complex *out, size_t max)
{
	size_t sz = iq_fmt_size(q->m.fmt), want, got, n;

	if (q->f == NULL || q->read >= q->samples)
		return 0;
	want = sizeof q->buf / sz;
	if (want > max)
		want = max;
	if (q->samples - q->read < want)
		want = (size_t)(q->samples - q->read);
	got = fread(q->buf, 1, want * sz, q->f);
	if (got < want * sz && ferror(q->f))
		q->ioerr = true;
	n = got / sz;
	if (got % sz != 0)
		q->partial = true;
	convert(q, q->buf, n, out);
	q->read += n;
	if (n == 0) /* a pipe ended, or the file shrank under us */
		q->samples = q->read;
	return n;
}

void
iq_close(struct iq_file *q)
{
	if (q->f != NULL)
		fclose(q->f);
	q->f = NULL;
}
