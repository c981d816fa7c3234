/* SPDX-License-Identifier: MIT */
/* stats.c - names of the anomaly counters. */
#include "stats.h"

static const char *const names[STAT_COUNT] = {
#define STAT_NAME(id, name) name,
	STAT_LIST(STAT_NAME)
#undef STAT_NAME
};

const char *
stat_name(enum stat_id id)
{
	return (unsigned)id < STAT_COUNT ? names[id] : "?";
}
