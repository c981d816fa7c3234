/* SPDX-License-Identifier: MIT */
/* cli.c - the options of vigie scan and vigie sdr: one table for
 * getopt_long, --help and config files (see cli.h). */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/esc.h"
#include "core/limits.h"
#include "intel/datafile.h"
#include "out/record.h"
#include "sdr/iq.h"

enum opt_id {
	O_JSON = 256, O_DB, O_NO_DB, O_LOCAL, O_SITE, O_MAX_FLOWS,
	O_MAX_HOSTS, O_IDLE, O_QUIET, O_HELP, O_VERSION, O_LIST_FIELDS,
	O_DATA, O_IEEE, O_NO_IDENTIFY, O_GEOIP, O_ASN, O_POLICY, O_MAX_DESTS,
	O_SITES, O_GEOJSON, O_FORMAT, O_RATE, O_FREQ, O_START, O_ITERS,
	O_DEVICE, O_HOP, O_DWELL, O_GAIN, O_SECONDS, O_CONFIG, O_ORG
};

/* One table serves getopt_long and --help. */
static const struct opt {
	const char *name;
	int has_arg;
	int id;
	unsigned cmds;
	const char *arg, *help;
} opts[] = {
	{ "json", 1, O_JSON, C_BOTH, "PATH", "write JSON Lines records to PATH "
	    "('-' = standard output)" },
	{ "db", 1, O_DB, C_BOTH, "PATH", "SQLite store (default vigie.db)" },
	{ "no-db", 0, O_NO_DB, C_BOTH, NULL, "do not write the SQLite store" },
	{ "local", 1, O_LOCAL, C_SCAN, "CIDR", "the organisation's own addresses; "
	    "repeatable (default: RFC 1918, RFC 6598, 169.254/16, fc00::/7, "
	    "fe80::/10)" },
	{ "site", 1, O_SITE, C_BOTH, "NAME", "tag every record with this site name" },
	{ "org", 1, O_ORG, C_BOTH, "NAME", "the organisation the site belongs "
	    "to, kept in the store for reports (vigie report)" },
	{ "max-flows", 1, O_MAX_FLOWS, C_SCAN, "N", "flow table capacity (default "
	    "262144); the least recently active flow is evicted beyond it" },
	{ "max-hosts", 1, O_MAX_HOSTS, C_SCAN, "N", "host table capacity (default "
	    "65536)" },
	{ "idle-timeout", 1, O_IDLE, C_SCAN, "SEC", "end a flow idle this long in "
	    "packet time (default 120)" },
	{ "data", 1, O_DATA, C_BOTH, "DIR", "knowledge base directory (default: the "
	    "data/ directory vigie was built with)" },
	{ "ieee-data", 1, O_IEEE, C_SCAN, "DIR", "IEEE MAC registry directory "
	    "(default /usr/share/ieee-data, Debian package ieee-data)" },
	{ "geoip", 1, O_GEOIP, C_SCAN, "PATH", "country database, mmdb (default: "
	    "geo/country.mmdb installed by scripts/setup; a MaxMind "
	    "GeoLite2-Country or -City file works too)" },
	{ "asn", 1, O_ASN, C_SCAN, "PATH", "AS number and organisation database, "
	    "mmdb (default geo/asn.mmdb; a MaxMind GeoLite2-ASN file works "
	    "too)" },
	{ "policy", 1, O_POLICY, C_BOTH, "PATH", "policy: flagged countries, vendor "
	    "clouds, allowed destinations, isolated kinds (default: "
	    "policy.conf of the --data directory; docs/policy.md)" },
	{ "max-dests", 1, O_MAX_DESTS, C_SCAN, "N", "destination table capacity "
	    "(default 65536); the least recently updated one is written "
	    "early beyond it" },
	{ "sites", 1, O_SITES, C_BOTH, "PATH", "protected zones (circles, polygons) "
	    "for drone and operator alerts (docs/sites.md)" },
	{ "geojson", 1, O_GEOJSON, C_BOTH, "PATH", "write drone tracks, operator and "
	    "home points and zones as GeoJSON ('-' = standard output)" },
	{ "format", 1, O_FORMAT, C_SDR, "FMT", "sample format of raw IQ "
	    "files: cf32, cs16 (ci16_le), cs8 (hackrf_transfer), cu8 "
	    "(rtl_sdr); SigMF recordings state their own" },
	{ "rate", 1, O_RATE, C_SDR, "HZ", "sample rate of raw IQ files "
	    "(at least 15.36e6), e.g. 50e6" },
	{ "freq", 1, O_FREQ, C_SDR, "HZ", "centre frequency of raw IQ "
	    "files, e.g. 2457.5e6 (reported with each burst)" },
	{ "start", 1, O_START, C_SDR, "TIME", "time of the first sample, "
	    "ISO 8601 UTC (default: SigMF core:datetime, else "
	    "1970-01-01T00:00:00Z)" },
	{ "iterations", 1, O_ITERS, C_SDR, "N", "turbo decoder iterations "
	    "at most, 1-16 (default 8)" },
	{ "device", 1, O_DEVICE, C_SDR, "ARGS", "receive live from this "
	    "SoapySDR device (e.g. driver=hackrf, driver=uhd) instead of "
	    "files" },
	{ "channels", 1, O_HOP, C_SDR, "MHZ,...", "live: channels to hop "
	    "over (default: 2399.5-2459.5 and 5756.5-5816.5 MHz, the "
	    "DroneID channels)" },
	{ "dwell", 1, O_DWELL, C_SDR, "SEC", "live: time on each channel "
	    "(default 2)" },
	{ "gain", 1, O_GAIN, C_SDR, "DB", "live: receive gain (default: "
	    "automatic)" },
	{ "seconds", 1, O_SECONDS, C_SDR, "SEC", "live: stop after this "
	    "long (default: at Ctrl-C)" },
	{ "no-identify", 0, O_NO_IDENTIFY, C_SCAN, NULL, "flows and hosts only: no "
	    "payload inspection or device identification" },
	{ "quiet", 0, O_QUIET, C_BOTH, NULL, "no terminal summary or "
	    "progress line" },
	{ "config", 1, O_CONFIG, C_BOTH, "PATH", "read options from PATH "
	    "first, one per line ('db /var/lib/vigie/hq.db'; docs/config.md); "
	    "the command line overrides it" },
	{ "list-fields", 0, O_LIST_FIELDS, C_BOTH, NULL, "list every record field "
	    "and exit" },
	{ "help", 0, O_HELP, C_BOTH, NULL, "this help" },
	{ "version", 0, O_VERSION, C_BOTH, NULL, "print the version" },
};
#define NOPTS (sizeof opts / sizeof opts[0])

void
cli_usage(FILE *f, unsigned cmd)
{
	if (cmd == C_SDR)
		fprintf(f, "usage: vigie sdr [options] FILE...\n"
		    "       vigie sdr [options] --device ARGS\n"
		    "Hear DJI OcuSync DroneID bursts in IQ recordings (SigMF, "
		    "or raw with\n--format and --rate) or live from a SoapySDR "
		    "device, and report the\naircraft, their tracks and "
		    "pilots as scan does for Wi-Fi and Bluetooth.\n\n"
		    "options:\n");
	else
		fprintf(f, "usage: vigie scan [options] FILE...\n"
		    "Read pcap/pcapng captures ('-' = standard input) and "
		    "report the\nlocal hosts and flows they show; 802.11 "
		    "monitor-mode and\nBluetooth LE captures: the drones they "
		    "hear.\n\noptions:\n");
	for (size_t i = 0; i < NOPTS; i++) {
		char left[40];
		if (!(opts[i].cmds & cmd))
			continue;
		snprintf(left, sizeof left, "--%s%s%s", opts[i].name,
		    opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
		fprintf(f, "  %-22s %s\n", left, opts[i].help);
	}
	fprintf(f, "\nexit status: 0 all read and written; 1 an input "
	    "could not be read\n(the others were still processed); 2 bad "
	    "command line; 3 the database\nor JSON output failed.\n");
	if (cmd == C_SDR)
		fprintf(f, "\nexamples:\n"
		    "  vigie sdr --site hq --geojson air.geojson rec.sigmf-meta\n"
		    "  vigie sdr --format cs8 --rate 20e6 --freq 2459.5e6 "
		    "hackrf.bin\n"
		    "  vigie sdr --device driver=hackrf --channels 2459.5,"
		    "5796.5 --seconds 600\n");
	else
		fprintf(f, "\nexample: vigie scan --site hq --json out.jsonl "
		    "a.pcap b.pcapng\n");
}

static int bad_usage(const struct scan_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* One line naming the problem (and the config file line being read, if
 * any), a pointer to --help, exit status 2. */
static int
bad_usage(const struct scan_opts *o, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vigie: ");
	if (o->config_path != NULL)
		fprintf(stderr, "%s:%u: ", o->config_path, o->config_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'vigie %s --help'.\n",
	    o->cmd == C_SDR ? "sdr" : "scan");
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

/* --channels: MHz values separated by commas. */
static bool
parse_hops(const char *s, struct sdr_cfg *c)
{
	char buf[512], *tok, *save = NULL;

	if (strlen(s) >= sizeof buf)
		return false;
	snprintf(buf, sizeof buf, "%s", s);
	c->nhop = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		if (c->nhop == SDR_HOP_MAX ||
		    !datafile_number(tok, 30, 7000, &c->hop_mhz[c->nhop]))
			return false;
		c->nhop++;
	}
	return c->nhop > 0;
}

/* The options only sdr takes; -1 to go on, or an exit code. */
static int
parse_sdr(int c, struct scan_opts *o)
{
	struct sdr_cfg *s = &o->sdr;
	double v;

	switch (c) {
	case O_FORMAT:
		s->over.fmt = iq_fmt_parse(optarg, strlen(optarg));
		if (s->over.fmt == IQ_NONE)
			return bad_usage(o, "--format: '%s' is not cf32, cs16, "
			    "cs8 or cu8", optarg);
		break;
	case O_RATE:
		if (!datafile_number(optarg, IQ_RATE_MIN, IQ_RATE_MAX,
		    &s->over.rate))
			return bad_usage(o, "--rate: '%s' is not a sample rate "
			    "from 15.36e6 to 250e6 (a DroneID burst is 10 MHz "
			    "wide)", optarg);
		break;
	case O_FREQ:
		if (!datafile_number(optarg, 1e6, 7e9, &s->over.freq_hz))
			return bad_usage(o, "--freq: '%s' is not a frequency "
			    "in Hz from 1e6 to 7e9", optarg);
		break;
	case O_START:
		if (!time_parse(optarg, strlen(optarg), false,
		    &s->over.start_us))
			return bad_usage(o, "--start: '%s' is not an ISO 8601 "
			    "UTC time (2026-05-04T10:00:00Z)", optarg);
		s->over.has_start = true;
		break;
	case O_ITERS:
		if (!datafile_number(optarg, 1, 16, &v) || v != (int)v)
			return bad_usage(o, "--iterations: '%s' is not a whole "
			    "number from 1 to 16", optarg);
		s->iters = (int)v;
		break;
	case O_DEVICE:
		s->device = optarg;
		break;
	case O_HOP:
		if (!parse_hops(optarg, s))
			return bad_usage(o, "--channels: '%s' is not a list of "
			    "up to %d frequencies in MHz", optarg, SDR_HOP_MAX);
		break;
	case O_DWELL:
		if (!datafile_number(optarg, 0.05, 3600, &s->dwell_s))
			return bad_usage(o, "--dwell: '%s' is not a number of "
			    "seconds from 0.05 to 3600", optarg);
		break;
	case O_GAIN:
		if (!datafile_number(optarg, 0, 100, &s->gain_db))
			return bad_usage(o, "--gain: '%s' is not a gain in dB "
			    "from 0 to 100", optarg);
		break;
	case O_SECONDS:
		if (!datafile_number(optarg, 0.001, 1e9, &s->seconds))
			return bad_usage(o, "--seconds: '%s' is not a positive "
			    "number of seconds", optarg);
		break;
	default:
		return bad_usage(o, "unknown option '%s'", optarg);
	}
	return -1;
}

void
cli_list_fields(void)
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

/* Parse options; returns -1 to go on, or an exit code. */
static int
parse_opts(int argc, char **argv, struct scan_opts *o)
{
	struct option lo[NOPTS + 1];
	char err[200];
	uint64_t v;
	int c, li = 0;

	memset(lo, 0, sizeof lo);
	for (size_t i = 0; i < NOPTS; i++)
		lo[i] = (struct option){ opts[i].name, opts[i].has_arg, NULL,
			opts[i].id };
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hqV", lo, &li)) != -1) {
		/* An option of the other subcommand: named as unknown here. */
		if (c >= O_JSON && !(opts[li].cmds & o->cmd))
			return bad_usage(o, "option '--%s' is for vigie %s",
			    opts[li].name, o->cmd == C_SDR ? "scan" : "sdr");
		if (c >= O_FORMAT && c <= O_SECONDS) {
			int r = parse_sdr(c, o);
			if (r >= 0)
				return r;
			continue;
		}
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
				netset_clear(&o->cfg.local);
			o->local_given = true;
			if (netset_add(&o->cfg.local, optarg, err,
			    sizeof err) < 0)
				return bad_usage(o, "--local: %s", err);
			break;
		case O_SITE:
			if (!esc_label_ok(optarg))
				return bad_usage(o, "--site: '%s' must be 1-64 "
				    "printable characters", optarg);
			o->cfg.site = optarg;
			break;
		case O_ORG:
			if (!esc_label_ok(optarg))
				return bad_usage(o, "--org: '%s' must be 1-64 "
				    "printable characters", optarg);
			o->org = optarg;
			break;
		case O_MAX_FLOWS:
			if (!parse_count(optarg, FLOW_MIN_MAX, FLOW_MAX_MAX, &v))
				return bad_usage(o, "--max-flows: '%s' is not "
				    "a number from 16 to 16777216", optarg);
			o->cfg.max_flows = (uint32_t)v;
			break;
		case O_MAX_HOSTS:
			if (!parse_count(optarg, 16, 1u << 24, &v))
				return bad_usage(o, "--max-hosts: '%s' is not "
				    "a number from 16 to 16777216", optarg);
			o->cfg.max_hosts = (uint32_t)v;
			break;
		case O_IDLE:
			if (!parse_count(optarg, 1, 86400 * 7, &v))
				return bad_usage(o, "--idle-timeout: '%s' is "
				    "not a number of seconds from 1 to 604800",
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
		case O_CONFIG: /* read before the command line */
			if (o->config_path != NULL)
				return bad_usage(o, "%s", "a config file "
				    "cannot name another (--config)");
			break;
		case O_GEOJSON:
			o->cfg.geojson = optarg;
			break;
		case O_MAX_DESTS:
			if (!parse_count(optarg, 16, 1u << 24, &v))
				return bad_usage(o, "--max-dests: '%s' is not "
				    "a number from 16 to 16777216", optarg);
			o->cfg.max_dests = (uint32_t)v;
			break;
		case 'q':
		case O_QUIET:
			o->quiet = true;
			break;
		case 'h':
		case O_HELP:
			cli_usage(stdout, o->cmd);
			return EXIT_OK;
		case 'V':
		case O_VERSION:
			printf("vigie %s\n", VIGIE_VERSION);
			return EXIT_OK;
		case O_LIST_FIELDS:
			cli_list_fields();
			return EXIT_OK;
		case ':':
			return bad_usage(o, "option '%s' needs a value",
			    argv[optind - 1]);
		default:
			return bad_usage(o, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	return -1;
}

#define CONFIG_MAX_LINE 4096

/* One config line "name [=] [value]" (trimmed, not a comment) as an
 * option, written as "--name=value" to arg (room for the line and 4
 * bytes more, kept for the run: options point into it); -1 to go on,
 * or an exit code. */
static int
config_line(char *line, char *arg, struct scan_opts *o)
{
	char *name = line, *val;
	char *argv[3] = { "vigie", arg, NULL };
	size_t i;

	val = name + strcspn(name, " \t=");
	if (*val) {
		*val++ = '\0';
		val += strspn(val, " \t");
		if (*val == '=')
			val += 1 + strspn(val + 1, " \t");
	}
	for (i = 0; i < NOPTS && strcmp(opts[i].name, name) != 0; i++)
		;
	if (i == NOPTS || opts[i].id == O_HELP || opts[i].id == O_VERSION ||
	    opts[i].id == O_LIST_FIELDS)
		return bad_usage(o, "'%s' is not an option a config file "
		    "can set", name);
	if (opts[i].has_arg && *val == '\0')
		return bad_usage(o, "%s needs a value", name);
	if (!opts[i].has_arg && *val && strcmp(val, "true") != 0 &&
	    strcmp(val, "yes") != 0)
		return bad_usage(o, "%s takes no value (or 'true')", name);
	sprintf(arg, "--%s%s%s", name, opts[i].has_arg ? "=" : "",
	    opts[i].has_arg ? val : ""); /* room: see load_config() */
	optind = 0;
	return parse_opts(2, argv, o);
}

/* --config PATH: every line an option, applied before the command line.
 * Values are kept for the run in o->config_text (options keep pointers
 * into it; the caller frees it). -1 to go
 * on, or an exit code after one message naming the file and line. */
static int
load_config(const char *path, struct scan_opts *o)
{
	char *lines;
	FILE *f = fopen(path, "r");
	char *l, *next, *arg;
	unsigned no = 0;
	long size;
	int r = -1;

	if (f == NULL || fseek(f, 0, SEEK_END) < 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) < 0) {
		fprintf(stderr, "vigie: --config %s: %s\n", path,
		    strerror(errno));
		if (f)
			fclose(f);
		return EXIT_USAGE;
	}
	/* Each option written out takes at most 4 bytes more than its
	 * line, lines of at least one byte: 5 x size. */
	if (size > (1 << 20) || (lines = o->config_text = calloc(1,
	    6 * (size_t)size + 8)) == NULL ||
	    fread(lines, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "vigie: --config %s: unreadable or larger than "
		    "1 MiB\n", path);
		fclose(f);
		return EXIT_USAGE;
	}
	fclose(f);
	arg = lines + size + 1;
	for (l = lines; *l && r < 0; l = next) {
		char *nl = strchr(l, '\n');
		next = nl ? nl + 1 : l + strlen(l);
		if (nl)
			*nl = '\0';
		no++;
		l += strspn(l, " \t");
		for (size_t n = strlen(l); n && (l[n - 1] == ' ' ||
		    l[n - 1] == '\t' || l[n - 1] == '\r'); n--)
			l[n - 1] = '\0';
		if (*l == '\0' || *l == '#')
			continue;
		o->config_path = path;
		o->config_line = no;
		if (strlen(l) >= CONFIG_MAX_LINE)
			r = bad_usage(o, "%s", "line too long");
		else
			r = config_line(l, arg, o);
		arg += strlen(arg) + 1;
	}
	o->config_path = NULL;
	return r;
}

/* The --config argument on the command line, or NULL. */
static const char *
config_arg(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--config=", 9) == 0)
			return argv[i] + 9;
	}
	return NULL;
}

int
cli_parse(int argc, char **argv, struct scan_opts *o)
{
	int r;

	if (config_arg(argc, argv) != NULL &&
	    (r = load_config(config_arg(argc, argv), o)) >= 0)
		return r;
	optind = 0; /* GNU getopt: start afresh */
	if ((r = parse_opts(argc, argv, o)) >= 0)
		return r;
	if (o->json && o->cfg.geojson && strcmp(o->json, "-") == 0 &&
	    strcmp(o->cfg.geojson, "-") == 0)
		return bad_usage(o, "%s", "--json - and --geojson - would both "
		    "write to standard output");
	if (o->cmd == C_SDR && o->sdr.device != NULL && optind < argc)
		return bad_usage(o, "%s", "--device reads live: give no files "
		    "with it");
	if (o->cmd == C_SDR && o->sdr.device == NULL && (o->sdr.nhop ||
	    o->sdr.dwell_s > 0 || o->sdr.gain_db >= 0 || o->sdr.seconds > 0))
		return bad_usage(o, "%s", "--channels, --dwell, --gain and "
		    "--seconds are for live input (--device)");
	if (optind >= argc && !(o->cmd == C_SDR && o->sdr.device != NULL))
		return bad_usage(o, "%s", o->cmd == C_SDR ? "no IQ file or "
		    "--device given" : "no capture file given");
	return -1;
}
