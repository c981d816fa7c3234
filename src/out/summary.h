/* SPDX-License-Identifier: MIT */
/* summary.h - the terminal summary printed at the end of a scan. */
#ifndef VIGIE_SUMMARY_H
#define VIGIE_SUMMARY_H

#include <stdbool.h>
#include <stdio.h>

#include "record.h"

struct summary;

/* summary_new: an empty summary; NULL if memory is short. */
struct summary *summary_new(void);

/* summary_record: take note of one record as it is written. */
void summary_record(struct summary *s, const struct record *r);

/* summary_print: the hosts table, flow counts, top talkers and nonzero
 * anomaly counters to out; colour (ANSI bold) only if color is true.
 * Every string is passed through esc_term(). */
void summary_print(struct summary *s, FILE *out, bool color);

/* summary_free: release s. */
void summary_free(struct summary *s);

#endif
