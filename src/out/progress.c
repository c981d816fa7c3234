/* SPDX-License-Identifier: MIT */
/* progress.c - a progress line on a terminal (progress.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "progress.h"

#define PROGRESS_REDRAW_S 0.2
#define PROGRESS_BAR 24

struct progress {
	FILE *tty;
	uint64_t total;
	const char *unit;
	double t0, last;
	int drawn;          /* width of the last line drawn */
};

static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct progress *
progress_new(FILE *tty, uint64_t total, const char *unit)
{
	struct progress *p = calloc(1, sizeof *p);

	if (p == NULL)
		return NULL;
	p->tty = tty;
	p->total = total;
	p->unit = unit;
	p->t0 = p->last = mono();
	return p;
}

/* "1.2 GB", "340.0 MB", "12.0 kB" */
static void
bytes(char *b, size_t n, uint64_t v)
{
	if (v >= 1000000000u)
		snprintf(b, n, "%.1f GB", (double)v / 1e9);
	else if (v >= 1000000u)
		snprintf(b, n, "%.1f MB", (double)v / 1e6);
	else
		snprintf(b, n, "%.1f kB", (double)v / 1e3);
}

void
progress_update(struct progress *p, uint64_t done, uint64_t items)
{
	char bar[PROGRESS_BAR + 1], d[32], t[32], line[160];
	double now = mono(), el, frac, rate;
	int w;

	if (p == NULL || now - p->last < PROGRESS_REDRAW_S)
		return;
	p->last = now;
	el = now - p->t0;
	rate = el > 0 ? (double)items / el : 0;
	bytes(d, sizeof d, done);
	if (p->total > 0) {
		frac = (double)done / (double)p->total;
		if (frac > 1)
			frac = 1;
		memset(bar, ' ', PROGRESS_BAR);
		memset(bar, '=', (size_t)(frac * PROGRESS_BAR));
		bar[PROGRESS_BAR] = '\0';
		bytes(t, sizeof t, p->total);
		double left = frac > 0 ? el / frac - el : 0;
		w = snprintf(line, sizeof line, "[%s] %3.0f%% %s of %s  %.2f M "
		    "%s/s  ETA %d:%02d", bar, frac * 100, d, t, rate / 1e6,
		    p->unit, (int)left / 60, (int)left % 60);
	} else {
		w = snprintf(line, sizeof line, "%s read  %.2f M %s/s", d,
		    rate / 1e6, p->unit);
	}
	fprintf(p->tty, "\r%s%*s", line, p->drawn > w ? p->drawn - w : 0, "");
	fflush(p->tty);
	p->drawn = w;
}

void
progress_total(struct progress *p, uint64_t total)
{
	if (p != NULL)
		p->total = total;
}

void
progress_clear(struct progress *p)
{
	if (p == NULL || p->drawn == 0)
		return;
	fprintf(p->tty, "\r%*s\r", p->drawn, "");
	fflush(p->tty);
	p->drawn = 0;
}

void
progress_end(struct progress *p)
{
	progress_clear(p);
	free(p);
}
