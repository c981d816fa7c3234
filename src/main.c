/* SPDX-License-Identifier: MIT */
/* main.c - vigie scan and vigie sdr from parsed options (cli.c) to the
 * summary; the subcommand dispatch. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "core/alerts.h"
#include "core/engine.h"
#include "core/hash.h"
#include "core/limits.h"
#include "intel/ident.h"
#include "intel/kb.h"
#include "out/progress.h"
#include "out/report.h"
#include "out/summary.h"
#include "sdr/sdr.h"

#ifndef VIGIE_DATA_DIR
#define VIGIE_DATA_DIR "data"
#endif
#define IEEE_DATA_DIR "/usr/share/ieee-data"
#ifndef VIGIE_GEO_DIR
#define VIGIE_GEO_DIR "geo"
#endif

/* Every alert rule id, for checking the policy's severity overrides. */
struct rule_ids {
	const char *id[64];
	size_t n;
};

static void
note_rule(void *ctx, const struct alert_rule *r)
{
	struct rule_ids *ids = ctx;

	if (ids->n < sizeof ids->id / sizeof ids->id[0])
		ids->id[ids->n++] = r->id;
}

/* The policy and the vulnerable-firmware table of the knowledge base
 * directory data (policy: path instead, if not NULL); -1 after one
 * message naming the file and line at fault. flows_only (--no-identify):
 * no firmware table, and the default policy only if it is there. */
static int
load_rules(const char *data, const char *policy, bool flows_only,
    struct policy **pol, struct vulns **vul)
{
	char path[4096], err[600];
	struct rule_ids ids = { { NULL }, 0 };

	alert_rule_each(note_rule, &ids);
	*pol = NULL;
	*vul = NULL;
	if (policy == NULL) {
		snprintf(path, sizeof path, "%s/policy.conf", data);
		policy = path;
		/* --no-identify needs no knowledge base: without one, no
		 * policy alerts either. */
		if (flows_only && access(path, F_OK) != 0)
			return 0;
	}
	if ((*pol = policy_load(policy, err, sizeof err)) == NULL) {
		fprintf(stderr, "vigie: policy: %s\n", err);
		return -1;
	}
	if (!policy_check_rules(*pol, ids.id, ids.n, err, sizeof err)) {
		fprintf(stderr, "vigie: policy: %s\n", err);
		return -1;
	}
	if (flows_only) /* no identity to match firmware against */
		return 0;
	snprintf(path, sizeof path, "%s/vulns.tsv", data);
	if ((*vul = vulns_load(path, err, sizeof err)) == NULL) {
		fprintf(stderr, "vigie: vulnerable firmware table: %s\n", err);
		return -1;
	}
	return 0;
}

/* The GeoIP databases: default ones quietly absent are one warning. */
static struct geo *
open_geo(const char *country, const char *asn)
{
	char w[1200] = "";
	struct geo *g = geo_open(country ? country :
	    VIGIE_GEO_DIR "/country.mmdb", asn ? asn :
	    VIGIE_GEO_DIR "/asn.mmdb", w, sizeof w);

	/* One line per database missing, each a warning of its own. */
	for (char *l = w, *nl; *l; l = nl) {
		nl = l + strcspn(l, "\n");
		fprintf(stderr, "vigie: warning: %.*s (scripts/geo-update "
		    "installs it)\n", (int)(nl - l), l);
		if (*nl)
			nl++;
	}
	return g;
}

/* Load the knowledge base; -1 after one message naming the file and line
 * at fault. A missing MAC registry is only a warning. */
static int
load_kb(struct kb *kb, const char *data, const char *ieee)
{
	char err[600];
	int r;

	if (kb_load(kb, data, err, sizeof err) < 0) {
		fprintf(stderr, "vigie: knowledge base: %s\n", err);
		return -1;
	}
	r = kb_load_oui(kb, ieee, data, err, sizeof err);
	if (r < 0) {
		fprintf(stderr, "vigie: knowledge base: %s\n", err);
		return -1;
	}
	if (r > 0)
		fprintf(stderr, "vigie: warning: %s\n", err);
	return 0;
}


static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Input names joined by spaces, for the store's scan row. */
static char *
join_files(int n, char **v)
{
	size_t len = 1, o = 0;
	char *s;

	for (int i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	s = malloc(len);
	if (s == NULL)
		return NULL;
	for (int i = 0; i < n; i++)
		o += (size_t)snprintf(s + o, len - o, "%s%s", i ? " " : "",
		    v[i]);
	s[o] = '\0';
	return s;
}

static int
open_sinks(const struct scan_opts *o, struct sink *sinks, unsigned *n)
{
	struct store_meta meta = { o->cfg.site, o->org, o->cfg.zones };
	char err[600];

	*n = 0;
	if (o->json) {
		if (json_open(&sinks[*n], o->json, err, sizeof err) < 0) {
			fprintf(stderr, "vigie: %s\n", err);
			return -1;
		}
		(*n)++;
	}
	if (!o->no_db) {
		if (sqlite_open(&sinks[*n], o->db, &meta, err,
		    sizeof err) < 0) {
			fprintf(stderr, "vigie: %s (use --db PATH for another "
			    "place, or --no-db)\n", err);
			for (unsigned i = 0; i < *n; i++)
				sinks[i].ops->close(sinks[i].self, NULL, err,
				    sizeof err);
			return -1;
		}
		(*n)++;
	}
	return 0;
}

/* Set by SIGINT / SIGTERM: live input stops and the run is written. */
static volatile int stop_flag;

static void
on_stop(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/* The progress line of a run: bytes of the files finished before the
 * one being read. */
struct prog {
	struct progress *p;
	uint64_t base;
};

static void
on_scan_progress(void *ctx, uint64_t file_bytes, uint64_t packets)
{
	struct prog *pg = ctx;
	progress_update(pg->p, pg->base + file_bytes, packets);
}

static void
on_sdr_progress(void *ctx, uint64_t done, uint64_t total, uint64_t samples)
{
	struct prog *pg = ctx;

	progress_total(pg->p, total);
	progress_update(pg->p, done, samples);
}

/* Size of a regular file, 0 for anything else. */
static uint64_t
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ?
	    (uint64_t)sb.st_size : 0;
}

/* A progress line on standard error when it is a terminal and the run
 * is not --quiet; the capture files' total size known up front. */
static void
progress_start(struct prog *pg, struct scan_opts *o, int argc, char **argv)
{
	uint64_t total = 0;

	pg->p = NULL;
	pg->base = 0;
	if (o->quiet || !isatty(fileno(stderr)) || o->sdr.device != NULL)
		return;
	for (int i = optind; i < argc && o->cmd == C_SCAN; i++)
		total += file_size(argv[i]);
	if ((pg->p = progress_new(stderr, total, o->cmd == C_SDR ? "samples" :
	    "packets")) == NULL)
		return;
	o->cfg.progress = on_scan_progress;
	o->cfg.progress_ctx = pg;
	o->sdr.progress = on_sdr_progress;
	o->sdr.progress_ctx = pg;
}

/* Read every input of the run into e; the exit status so far. */
static int
run_inputs(struct engine *e, struct scan_opts *o, int argc, char **argv,
    struct prog *pg)
{
	char err[600];
	int rc = EXIT_OK;

	if (o->cmd == C_SDR && o->sdr.device != NULL) {
		signal(SIGINT, on_stop);
		signal(SIGTERM, on_stop);
		o->sdr.stop = &stop_flag;
		if (o->sdr.dwell_s == 0)
			o->sdr.dwell_s = SDR_DEFAULT_DWELL_S;
		if (sdr_live(e, &o->sdr, err, sizeof err) < 0) {
			fprintf(stderr, "vigie: %s\n", err);
			rc = EXIT_INPUT;
		}
		return rc;
	}
	for (int i = optind; i < argc; i++) {
		int r = o->cmd == C_SDR ?
		    sdr_file(e, argv[i], &o->sdr, err, sizeof err) :
		    engine_file(e, argv[i], err, sizeof err);
		pg->base += file_size(argv[i]);
		if (r < 0) {
			progress_clear(pg->p); /* the message on a line of
			                        * its own */
			fprintf(stderr, "vigie: %s\n", err);
			rc = EXIT_INPUT;
		}
	}
	return rc;
}

/* vigie scan and vigie sdr: the run, from options to the summary. */
static int
scan(int argc, char **argv, unsigned cmd)
{
	struct scan_opts o = { .cmd = cmd, .db = "vigie.db",
		.data = VIGIE_DATA_DIR, .ieee = IEEE_DATA_DIR,
		.sdr = { .gain_db = -1 } };
	struct kb *kb = NULL;
	struct policy *pol = NULL;
	struct vulns *vul = NULL;
	struct zones *zones = NULL;
	struct geo *geo = NULL;
	struct sink sinks[ENGINE_MAX_SINKS];
	struct summary *sum = NULL;
	struct engine *e;
	struct prog pg;
	unsigned nsinks;
	int rc = EXIT_OK, r;
	char err[600], *files;
	double t0;

	netset_defaults(&o.cfg.local);
	o.cfg.max_flows = FLOW_DEFAULT_MAX;
	o.cfg.max_hosts = HOST_DEFAULT_MAX;
	o.cfg.idle_us = (uint64_t)FLOW_DEFAULT_IDLE * 1000000u;
	o.cfg.seed = hash_seed();
	o.cfg.max_idents = IDENT_DEFAULT_MAX;
	o.cfg.max_dests = ENGINE_MAX_DESTS;
	if ((r = cli_parse(argc, argv, &o)) >= 0) {
		free(o.config_text);
		return r;
	}
	if (cmd == C_SDR) /* no network traffic: nothing to identify */
		o.no_identify = true;
	rc = EXIT_USAGE; /* until the knowledge is loaded */
	if (!o.no_identify) {
		if ((kb = calloc(1, sizeof *kb)) == NULL) {
			fprintf(stderr, "vigie: out of memory\n");
			goto out;
		}
		if (load_kb(kb, o.data, o.ieee) < 0)
			goto out;
		o.cfg.kb = kb;
	}
	if (load_rules(o.data, o.policy, o.no_identify, &pol, &vul) < 0)
		goto out;
	o.cfg.policy = pol;
	o.cfg.vulns = vul;
	if (o.sites != NULL &&
	    (zones = zones_load(o.sites, err, sizeof err)) == NULL) {
		fprintf(stderr, "vigie: sites: %s\n", err);
		goto out;
	}
	o.cfg.zones = zones;
	rc = EXIT_OUTPUT; /* until the run starts */
	if (cmd == C_SCAN && (geo = open_geo(o.geoip, o.asn)) == NULL) {
		fprintf(stderr, "vigie: out of memory\n");
		goto out;
	}
	o.cfg.geo = geo;
	if (open_sinks(&o, sinks, &nsinks) < 0)
		goto out;
	if (!o.quiet && (sum = summary_new()) == NULL) {
		fprintf(stderr, "vigie: out of memory\n");
		goto out;
	}
	progress_start(&pg, &o, argc, argv); /* sets o.cfg.progress */
	e = engine_new(&o.cfg, sinks, nsinks, sum);
	if (e == NULL) {
		progress_end(pg.p);
		fprintf(stderr, "vigie: out of memory for %u flows; lower "
		    "--max-flows\n", o.cfg.max_flows);
		goto out;
	}
	t0 = now_s();
	rc = run_inputs(e, &o, argc, argv, &pg);
	progress_end(pg.p);
	files = o.sdr.device ? strdup(o.sdr.device) :
	    join_files(argc - optind, argv + optind);
	if (engine_finish(e, now_s() - t0, files ? files : "") < 0)
		rc = EXIT_OUTPUT;
	free(files);
	if (sum) {
		/* Standard output may carry the records: then the summary
		 * goes to stderr. */
		bool taken = (o.json && strcmp(o.json, "-") == 0) ||
		    (o.cfg.geojson && strcmp(o.cfg.geojson, "-") == 0);
		FILE *out = taken ? stderr : stdout;
		summary_print(sum, out, isatty(fileno(out)) &&
		    getenv("NO_COLOR") == NULL);
	}
	engine_free(e);
out:
	summary_free(sum);
	if (kb != NULL)
		kb_free(kb);
	free(kb);
	free(o.config_text);
	geo_free(geo);
	policy_free(pol);
	vulns_free(vul);
	free(zones);
	return rc;
}

int
main(int argc, char **argv)
{
	/* A closed pipe is a write failing with EPIPE, not a death mid-write
	 * (the store would lose its last batch): a named pipe's is reported,
	 * standard output's only ends that output (json.c, outfile.c). */
	signal(SIGPIPE, SIG_IGN);
	/* Past a file-size limit, a write fails with EFBIG and the store
	 * reports it, instead of the process being killed mid-write. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc >= 2 && strcmp(argv[1], "scan") == 0)
		return scan(argc - 1, argv + 1, C_SCAN);
	if (argc >= 2 && strcmp(argv[1], "sdr") == 0)
		return scan(argc - 1, argv + 1, C_SDR);
	if (argc >= 2 && strcmp(argv[1], "report") == 0)
		return report_main(argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "-V") == 0)) {
		printf("vigie %s\n", VIGIE_VERSION);
		return EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--list-fields") == 0) {
		cli_list_fields();
		return EXIT_OK;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		printf("usage: vigie COMMAND [options]\n\ncommands:\n"
		    "  scan    read captures, report hosts, flows, alerts\n"
		    "  sdr     hear DJI OcuSync DroneID in IQ recordings or "
		    "live\n"
		    "  report  summarise the store for people: text, JSON, "
		    "CSV, HTML\n\n(vigie COMMAND --help for each)\n\n");
		cli_usage(stdout, C_SCAN);
		return EXIT_OK;
	}
	/* One line naming the problem, then the hint every usage error
	 * ends with. */
	if (argc < 2)
		fprintf(stderr, "vigie: no command given (scan, sdr or "
		    "report)\n");
	else
		fprintf(stderr, "vigie: unknown command '%s' (scan, sdr or "
		    "report)\n", argv[1]);
	fprintf(stderr, "Try 'vigie --help'.\n");
	return EXIT_USAGE;
}
