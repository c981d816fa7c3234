#!/usr/bin/perl
# SPDX-License-Identifier: MIT
# asn-mmdb.pl - IP-to-AS ranges in CSV (@ip-location-db/asn) to a MaxMind DB
# in the GeoLite2-ASN schema, for vigie's --asn (run by scripts/geo-update).
#
# Usage: perl scripts/asn-mmdb.pl OUT.mmdb CSV...
#
# CSV lines: first_ip,last_ip,asn,organisation (RFC 4180 quoting: a field
# holding a comma or quote is quoted, quotes inside doubled), IPv4 or IPv6.
# The database: database_type "vigie-ASN", IPv6 tree with IPv4 aliased in
# (::ffff:0:0/96, 2002::/16 and 2001::/32 lead to the IPv4 data), records
# "autonomous_system_number" (uint32) and "autonomous_system_organization"
# (UTF-8; bytes that are not UTF-8 become U+FFFD). Ranges inside those
# aliased networks cannot be written and are skipped, as are AS 0 ranges
# (not routed). Needs Debian's libmaxmind-db-writer-perl; about 12 s and
# 200 MB of memory for the 515,000 ranges of the whole data set.
use strict;
use warnings;

use Encode qw(decode);
use MaxMind::DB::Writer::Tree;

die "usage: $0 OUT.mmdb CSV...\n" unless @ARGV >= 2;
my ($out, @csv) = @ARGV;

my $tree = MaxMind::DB::Writer::Tree->new(
	database_type => 'vigie-ASN',
	description   => {
		en => 'IP to AS number and organisation, from @ip-location-db/asn'
		    . ' (RouteViews, DB-IP, NRO; CC BY 4.0)',
	},
	languages             => ['en'],
	ip_version            => 6,
	record_size           => 28,
	alias_ipv6_to_ipv4    => 1,
	map_key_type_callback => sub {
		return {
			autonomous_system_number       => 'uint32',
			autonomous_system_organization => 'utf8_string',
		}->{ $_[0] };
	},
);

# One record per (AS, organisation), shared by all its ranges.
my %record;
my ($ranges, $skipped, $first_skip) = (0, 0, '');

for my $file (@csv) {
	open my $in, '<:raw', $file or die "$file: $!\n";
	while (my $line = <$in>) {
		$line =~ s/\r?\n\z//;
		my ($lo, $hi, $asn, $org) =
		    $line =~ /\A([0-9A-Fa-f.:]+),([0-9A-Fa-f.:]+),(\d+),(.*)\z/s
		    or die "$file:$.: not first_ip,last_ip,asn,organisation\n";
		if ($org =~ /\A"(.*)"\z/s) {
			($org = $1) =~ s/""/"/g;
		}
		next if $asn == 0 || $asn > 4294967295;
		my $rec = $record{"$asn\0$org"} //= {
			autonomous_system_number       => $asn + 0,
			autonomous_system_organization => decode('UTF-8', $org),
		};
		if (eval { $tree->insert_range($lo, $hi, $rec); 1 }) {
			$ranges++;
		} elsif ($@ =~ /aliased/) {
			($first_skip = "$file:$.: $lo - $hi") if !$skipped++;
		} else {
			die "$file:$.: $@";
		}
	}
	close $in;
}
die "$out: no ranges in @csv\n" unless $ranges;
print "asn-mmdb: skipped $skipped ranges inside the networks aliased to"
    . " IPv4 (first: $first_skip)\n" if $skipped;

my $tmp = "$out.tmp";
open my $fh, '>:raw', $tmp or die "$tmp: $!\n";
$tree->write_tree($fh);
close $fh or die "$tmp: $!\n";
rename $tmp, $out or die "$out: $!\n";
printf "asn-mmdb: %d ranges, %d organisations -> %s\n", $ranges,
    scalar keys %record, $out;
