/* SPDX-License-Identifier: MIT */
/* check.h - always-on assertion for internal invariants (never for packet
 * data, which is counted, not asserted). Stays on in release builds. */
#ifndef VIGIE_CHECK_H
#define VIGIE_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "vigie: internal error: %s (%s:%d)\n", \
			    #cond, __FILE__, __LINE__);                      \
			abort();                                             \
		}                                                            \
	} while (0)

#endif
