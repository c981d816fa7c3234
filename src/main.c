/* SPDX-License-Identifier: MIT */
/* main.c - command line: parse options, then run one scan. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/alerts.h"
#include "core/engine.h"
#include "core/hash.h"
#include "core/limits.h"
#include "intel/ident.h"
#include "intel/kb.h"
#include "out/report.h"
#include "out/summary.h"

#ifndef VIGIE_VERSION
#define VIGIE_VERSION "0.1.0"
#endif
#ifndef VIGIE_DATA_DIR
#define VIGIE_DATA_DIR "data"
#endif
#define IEEE_DATA_DIR "/usr/share/ieee-data"
#ifndef VIGIE_GEO_DIR
#define VIGIE_GEO_DIR "geo"
#endif

/* Every alert rule id, for checking the policy's severity overrides. */
static const char *rule_ids[64];
static size_t nrule_ids;

static void
note_rule(void *ctx, const struct alert_rule *r)
{
	(void)ctx;
	if (nrule_ids < sizeof rule_ids / sizeof rule_ids[0])
		rule_ids[nrule_ids++] = r->id;
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

	alert_rule_each(note_rule, NULL);
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
	if (!policy_check_rules(*pol, rule_ids, nrule_ids, err, sizeof err)) {
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

enum exit_code {
	EXIT_OK = 0,       /* everything read and written */
	EXIT_INPUT = 1,    /* an input file could not be read (fully) */
	EXIT_USAGE = 2,    /* bad command line */
	EXIT_OUTPUT = 3    /* database or JSON output failed */
};

enum opt_id {
	O_JSON = 256, O_DB, O_NO_DB, O_LOCAL, O_SITE, O_MAX_FLOWS,
	O_MAX_HOSTS, O_IDLE, O_QUIET, O_HELP, O_VERSION, O_LIST_FIELDS,
	O_DATA, O_IEEE, O_NO_IDENTIFY, O_GEOIP, O_ASN, O_POLICY, O_MAX_DESTS,
	O_SITES, O_GEOJSON, O_ORG
};

/* One table serves getopt_long and --help. */
static const struct opt {
	const char *name;
	int has_arg;
	int id;
	const char *arg, *help;
} opts[] = {
	{ "json", 1, O_JSON, "PATH", "write JSON Lines records to PATH "
	    "('-' = standard output)" },
	{ "db", 1, O_DB, "PATH", "SQLite store (default vigie.db)" },
	{ "no-db", 0, O_NO_DB, NULL, "do not write the SQLite store" },
	{ "local", 1, O_LOCAL, "CIDR", "the organisation's own addresses; "
	    "repeatable (default: RFC 1918, RFC 6598, 169.254/16, fc00::/7, "
	    "fe80::/10)" },
	{ "site", 1, O_SITE, "NAME", "tag every record with this site name" },
	{ "org", 1, O_ORG, "NAME", "the organisation the site belongs to, "
	    "kept in the store for reports (vigie report)" },
	{ "max-flows", 1, O_MAX_FLOWS, "N", "flow table capacity (default "
	    "262144); the least recently active flow is evicted beyond it" },
	{ "max-hosts", 1, O_MAX_HOSTS, "N", "host table capacity (default "
	    "65536)" },
	{ "idle-timeout", 1, O_IDLE, "SEC", "end a flow idle this long in "
	    "packet time (default 120)" },
	{ "data", 1, O_DATA, "DIR", "knowledge base directory (default: the "
	    "data/ directory vigie was built with)" },
	{ "ieee-data", 1, O_IEEE, "DIR", "IEEE MAC registry directory "
	    "(default /usr/share/ieee-data, Debian package ieee-data)" },
	{ "geoip", 1, O_GEOIP, "PATH", "country database, mmdb (default: "
	    "geo/country.mmdb installed by scripts/setup; a MaxMind "
	    "GeoLite2-Country or -City file works too)" },
	{ "asn", 1, O_ASN, "PATH", "AS number and organisation database, "
	    "mmdb (default geo/asn.mmdb; a MaxMind GeoLite2-ASN file works "
	    "too)" },
	{ "policy", 1, O_POLICY, "PATH", "policy: flagged countries, vendor "
	    "clouds, allowed destinations, isolated kinds (default: "
	    "policy.conf of the --data directory; docs/policy.md)" },
	{ "max-dests", 1, O_MAX_DESTS, "N", "destination table capacity "
	    "(default 65536); the least recently updated one is written "
	    "early beyond it" },
	{ "sites", 1, O_SITES, "PATH", "protected zones (circles, polygons) "
	    "for drone and operator alerts (docs/sites.md)" },
	{ "geojson", 1, O_GEOJSON, "PATH", "write drone tracks, operator and "
	    "home points and zones as GeoJSON ('-' = standard output)" },
	{ "no-identify", 0, O_NO_IDENTIFY, NULL, "flows and hosts only: no "
	    "payload inspection or device identification" },
	{ "quiet", 0, O_QUIET, NULL, "no terminal summary" },
	{ "list-fields", 0, O_LIST_FIELDS, NULL, "list every record field "
	    "and exit" },
	{ "help", 0, O_HELP, NULL, "this help" },
	{ "version", 0, O_VERSION, NULL, "print the version" },
};
#define NOPTS (sizeof opts / sizeof opts[0])

struct scan_opts {
	struct engine_cfg cfg;
	const char *json, *db, *data, *ieee, *geoip, *asn, *policy, *sites;
	const char *org;
	bool no_db, quiet, local_given, no_identify;
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: vigie scan [options] FILE...\n"
	    "Read pcap/pcapng captures ('-' = standard input) and report the\n"
	    "local hosts and flows they show; 802.11 monitor-mode and\n"
	    "Bluetooth LE captures: the drones they hear.\n\noptions:\n");
	for (size_t i = 0; i < NOPTS; i++) {
		char left[40];
		snprintf(left, sizeof left, "--%s%s%s", opts[i].name,
		    opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
		fprintf(f, "  %-22s %s\n", left, opts[i].help);
	}
	fprintf(f, "\nexit status: 0 all read and written; 1 an input file "
	    "could not be read\n(the others were still processed); 2 bad "
	    "command line; 3 the database\nor JSON output failed.\n"
	    "\nexample: vigie scan --site hq --json out.jsonl a.pcap b.pcapng\n");
}

static int bad_usage(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* One line naming the problem, a pointer to --help, exit status 2. */
static int
bad_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vigie: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'vigie scan --help'.\n");
	return EXIT_USAGE;
}

/* Parse a decimal count in [lo, hi]; false if it is not one. */
static bool
parse_count(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static void
list_fields(void)
{
	const struct schema *const *all = schema_all();
	static const char *const tn[] = { [FT_STR] = "string",
		[FT_U64] = "integer", [FT_F64] = "number",
		[FT_I64] = "integer", [FT_DEG] = "degrees",
		[FT_BOOL] = "boolean", [FT_TIME] = "time",
		[FT_ADDR] = "address", [FT_MAC] = "mac",
		[FT_ADDRS] = "address list", [FT_OBJ] = "object",
		[FT_EVID] = "evidence list" };
	_Static_assert(sizeof tn / sizeof tn[0] == FT_EVID + 1,
	    "a field type without a name");

	for (unsigned k = 0; all[k]; k++)
		for (unsigned i = 0; i < all[k]->n; i++)
			printf("%s.%s\t%s\t%s\n", all[k]->name,
			    all[k]->f[i].name, tn[all[k]->f[i].type],
			    all[k]->f[i].doc);
}

static bool
site_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* Parse options; returns -1 to go on, or an exit code. */
static int
parse(int argc, char **argv, struct scan_opts *o)
{
	struct option lo[NOPTS + 1];
	char err[200];
	uint64_t v;
	int c;

	memset(lo, 0, sizeof lo);
	for (size_t i = 0; i < NOPTS; i++)
		lo[i] = (struct option){ opts[i].name, opts[i].has_arg, NULL,
			opts[i].id };
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hqV", lo, NULL)) != -1) {
		switch (c) {
		case O_JSON:
			o->json = optarg;
			break;
		case O_DB:
			o->db = optarg;
			break;
		case O_NO_DB:
			o->no_db = true;
			break;
		case O_LOCAL:
			if (!o->local_given)
				o->cfg.local.n = 0;
			o->local_given = true;
			if (netset_add(&o->cfg.local, optarg, err,
			    sizeof err) < 0)
				return bad_usage("--local: %s", err);
			break;
		case O_SITE:
			if (!site_ok(optarg))
				return bad_usage("--site: '%s' must be 1-64 "
				    "printable characters", optarg);
			o->cfg.site = optarg;
			break;
		case O_ORG:
			if (!site_ok(optarg))
				return bad_usage("--org: '%s' must be 1-64 "
				    "printable characters", optarg);
			o->org = optarg;
			break;
		case O_MAX_FLOWS:
			if (!parse_count(optarg, FLOW_MIN_MAX, FLOW_MAX_MAX, &v))
				return bad_usage("--max-flows: '%s' is not a "
				    "number from 16 to 16777216", optarg);
			o->cfg.max_flows = (uint32_t)v;
			break;
		case O_MAX_HOSTS:
			if (!parse_count(optarg, 16, 1u << 24, &v))
				return bad_usage("--max-hosts: '%s' is not a "
				    "number from 16 to 16777216", optarg);
			o->cfg.max_hosts = (uint32_t)v;
			break;
		case O_IDLE:
			if (!parse_count(optarg, 1, 86400 * 7, &v))
				return bad_usage("--idle-timeout: '%s' is not "
				    "a number of seconds from 1 to 604800",
				    optarg);
			o->cfg.idle_us = v * 1000000u;
			break;
		case O_DATA:
			o->data = optarg;
			break;
		case O_IEEE:
			o->ieee = optarg;
			break;
		case O_NO_IDENTIFY:
			o->no_identify = true;
			break;
		case O_GEOIP:
			o->geoip = optarg;
			break;
		case O_ASN:
			o->asn = optarg;
			break;
		case O_POLICY:
			o->policy = optarg;
			break;
		case O_SITES:
			o->sites = optarg;
			break;
		case O_GEOJSON:
			o->cfg.geojson = optarg;
			break;
		case O_MAX_DESTS:
			if (!parse_count(optarg, 16, 1u << 24, &v))
				return bad_usage("--max-dests: '%s' is not a "
				    "number from 16 to 16777216", optarg);
			o->cfg.max_dests = (uint32_t)v;
			break;
		case 'q':
		case O_QUIET:
			o->quiet = true;
			break;
		case 'h':
		case O_HELP:
			usage(stdout);
			return EXIT_OK;
		case 'V':
		case O_VERSION:
			printf("vigie %s\n", VIGIE_VERSION);
			return EXIT_OK;
		case O_LIST_FIELDS:
			list_fields();
			return EXIT_OK;
		case ':':
			return bad_usage("option '%s' needs a value",
			    argv[optind - 1]);
		default:
			return bad_usage("unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return bad_usage("%s", "no capture file given");
	return -1;
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

static int
scan(int argc, char **argv)
{
	struct scan_opts o = { .db = "vigie.db", .data = VIGIE_DATA_DIR,
		.ieee = IEEE_DATA_DIR };
	static struct kb kb; /* large; lives for the whole run */
	struct policy *pol = NULL;
	struct vulns *vul = NULL;
	struct zones *zones = NULL;
	struct geo *geo = NULL;
	struct sink sinks[ENGINE_MAX_SINKS];
	struct summary *sum = NULL;
	struct engine *e;
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
	if ((r = parse(argc, argv, &o)) >= 0)
		return r;
	if (!o.no_identify) {
		if (load_kb(&kb, o.data, o.ieee) < 0)
			return EXIT_USAGE;
		o.cfg.kb = &kb;
	}
	if (load_rules(o.data, o.policy, o.no_identify, &pol, &vul) < 0) {
		policy_free(pol);
		kb_free(&kb);
		return EXIT_USAGE;
	}
	o.cfg.policy = pol;
	o.cfg.vulns = vul;
	if (o.sites != NULL &&
	    (zones = zones_load(o.sites, err, sizeof err)) == NULL) {
		fprintf(stderr, "vigie: sites: %s\n", err);
		rc = EXIT_USAGE;
		goto out;
	}
	o.cfg.zones = zones;
	rc = EXIT_OUTPUT; /* until the run starts */
	if ((geo = open_geo(o.geoip, o.asn)) == NULL) {
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
	e = engine_new(&o.cfg, sinks, nsinks, sum);
	if (e == NULL) {
		fprintf(stderr, "vigie: out of memory for %u flows; lower "
		    "--max-flows\n", o.cfg.max_flows);
		goto out;
	}
	rc = EXIT_OK;
	t0 = now_s();
	for (int i = optind; i < argc; i++) {
		if (engine_file(e, argv[i], err, sizeof err) < 0) {
			fprintf(stderr, "vigie: %s\n", err);
			rc = EXIT_INPUT;
		}
	}
	files = join_files(argc - optind, argv + optind);
	if (engine_finish(e, now_s() - t0, files ? files : "") < 0)
		rc = EXIT_OUTPUT;
	free(files);
	if (sum) {
		FILE *out = o.json && strcmp(o.json, "-") == 0 ? stderr : stdout;
		summary_print(sum, out, isatty(fileno(out)) &&
		    getenv("NO_COLOR") == NULL);
	}
	engine_free(e);
out:
	summary_free(sum);
	kb_free(&kb);
	geo_free(geo);
	policy_free(pol);
	vulns_free(vul);
	free(zones);
	return rc;
}

int
main(int argc, char **argv)
{
	/* A closed pipe is an output error we report, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	/* Past a file-size limit, a write fails with EFBIG and the store
	 * reports it, instead of the process being killed mid-write. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc >= 2 && strcmp(argv[1], "scan") == 0)
		return scan(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "report") == 0)
		return report_main(argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "-V") == 0)) {
		printf("vigie %s\n", VIGIE_VERSION);
		return EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--list-fields") == 0) {
		list_fields();
		return EXIT_OK;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		printf("usage: vigie COMMAND [options]\n\ncommands:\n"
		    "  scan    read captures, report hosts, flows, alerts\n"
		    "  report  summarise the store for people: text, JSON, "
		    "CSV, HTML\n\n");
		usage(stdout);
		return EXIT_OK;
	}
	fprintf(stderr, "vigie: %s\nusage: vigie scan [options] FILE... "
	    "(vigie --help for more)\n", argc < 2 ? "no command given" :
	    "unknown command");
	return EXIT_USAGE;
}
