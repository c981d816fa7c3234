/* SPDX-License-Identifier: MIT */
/* cli.h - the command line of vigie scan and vigie sdr: options from a
 * config file and argv, --help, exit statuses. */
#ifndef VIGIE_CLI_H
#define VIGIE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "core/engine.h"
#include "sdr/sdr.h"

#ifndef VIGIE_VERSION
#define VIGIE_VERSION "0.1.0"
#endif

/* Exit statuses of scan, sdr and report (--help and README list them). */
enum exit_code {
	EXIT_OK = 0,       /* everything read and written */
	EXIT_INPUT = 1,    /* an input file could not be read (fully) */
	EXIT_USAGE = 2,    /* bad command line */
	EXIT_OUTPUT = 3    /* database or JSON output failed */
};

/* Which subcommands take an option. */
#define C_SCAN 1u
#define C_SDR 2u
#define C_BOTH (C_SCAN | C_SDR)

/* What the options of one run say. */
struct scan_opts {
	unsigned cmd;          /* C_SCAN or C_SDR */
	struct engine_cfg cfg;
	struct sdr_cfg sdr;
	const char *json, *db, *data, *ieee, *geoip, *asn, *policy, *sites;
	const char *org;
	bool no_db, quiet, local_given, no_identify;
	char *config_text;       /* the --config file, then the options made
	                          * of it (options point into it): the
	                          * caller frees it after the run */
	const char *config_path; /* while a --config line is read: its file */
	unsigned config_line;    /* ... and line, for the error message */
};

/* cli_parse: fill o (cmd, defaults already set by the caller) from the
 * --config file named on the command line, if any, then from argv (argv[0]
 * the subcommand; the command line wins). Returns -1 to go on, optind
 * then at the first input, or an exit status once --help, --version or
 * --list-fields has printed, or after one message on stderr naming the
 * problem (FILE:LINE: for a config line) and pointing to --help. */
int cli_parse(int argc, char **argv, struct scan_opts *o);

/* cli_usage: the --help text of subcommand cmd (C_SCAN or C_SDR) to f. */
void cli_usage(FILE *f, unsigned cmd);

/* cli_list_fields: every record field, name, type and meaning, a line
 * each, to stdout (--list-fields). */
void cli_list_fields(void);

#endif
