/* SPDX-License-Identifier: MIT */
/* progress.h - a progress line on a terminal: bytes read of the total,
 * items per second, time left. Redrawn at most five times a second;
 * cleared at the end. Only ever given a terminal (the caller checks
 * isatty and --quiet). */
#ifndef VIGIE_PROGRESS_H
#define VIGIE_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

struct progress;

/* progress_new: a progress line on tty for total input bytes (0 when
 * unknown: no percentage, no time left), counting items named unit
 * ("packets", "samples"). NULL when out of memory. */
struct progress *progress_new(FILE *tty, uint64_t total, const char *unit);

/* progress_update: done bytes read so far (of all inputs) and items
 * processed; redraws when the last drawing is 200 ms old. */
void progress_update(struct progress *p, uint64_t done, uint64_t items);

/* progress_total: the total changed (0: unknown), e.g. at the next file
 * of inputs whose sizes are only known once opened. */
void progress_total(struct progress *p, uint64_t total);

/* progress_clear: erase the line (before another message); the next
 * update draws it again. */
void progress_clear(struct progress *p);

/* progress_end: clear the line and release p (NULL is fine). */
void progress_end(struct progress *p);

#endif
