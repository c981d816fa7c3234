/* SPDX-License-Identifier: MIT */
/* fuzz_sigmf.c - libFuzzer target for iq_sigmf_parse(), the SigMF
 * metadata reader. Metadata arrives with recordings from anywhere: a
 * result is either one error line, or a format, a positive finite rate,
 * and a dataset name that is a string without its NUL cut off. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sdr/iq.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
need(bool ok)
{
	if (!ok)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iq_meta m;
	char err[300];

	err[0] = '\0';
	if (iq_sigmf_parse((const char *)data, size, &m, err, sizeof err) < 0) {
		need(err[0] != '\0' && strlen(err) < sizeof err);
		return 0;
	}
	need(m.fmt != IQ_NONE && iq_fmt_size(m.fmt) > 0);
	need(m.rate > 0 && isfinite(m.rate));
	need(m.freq_hz >= 0 && isfinite(m.freq_hz));
	need(memchr(m.dataset, '\0', sizeof m.dataset) != NULL);
	return 0;
}
