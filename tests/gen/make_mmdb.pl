#!/usr/bin/perl
# SPDX-License-Identifier: MIT
# make_mmdb.pl - build the unit tests' small GeoIP databases from a text spec.
#
# Usage: perl tests/gen/make_mmdb.pl SPEC COUNTRY.mmdb ASN.mmdb
#
# SPEC (tests/data/geo-test.txt) has one network a line, "#" comments:
#   CIDR COUNTRY ASN ORG...
# COUNTRY "-" writes no country record; ASN 0 writes no ASN record; in ORG,
# \xHH is the byte HH and \\ a backslash. The country database has the
# schema of @ip-location-db/geo-whois-asn-country-mmdb (a top-level
# "country_code"), the ASN database that of MaxMind GeoLite2-ASN
# ("autonomous_system_number", "autonomous_system_organization"). Both are
# IPv6 trees with IPv4 aliased into them, as the real ones are. Needs
# Debian's libmaxmind-db-writer-perl.
use strict;
use warnings;

use Encode qw(decode);
use MaxMind::DB::Writer::Tree;

die "usage: $0 SPEC COUNTRY.mmdb ASN.mmdb\n" unless @ARGV == 3;
my ($spec, $country_out, $asn_out) = @ARGV;

sub tree {
	my ($type, $types) = @_;
	return MaxMind::DB::Writer::Tree->new(
		database_type         => $type,
		description           => { en => "vigie unit-test data ($type)" },
		languages             => ['en'],
		ip_version            => 6,
		record_size           => 24,
		alias_ipv6_to_ipv4    => 1,
		# The spec names public networks only; keep the writer's own
		# list of reserved ones out of the way of any later test line.
		remove_reserved_networks => 0,
		map_key_type_callback => sub { $types->{ $_[0] } },
	);
}

# ORG as characters: UTF-8 text with \xHH and \\ escapes.
sub org_text {
	my ($raw) = @_;
	$raw =~ s/\\(x([0-9A-Fa-f]{2})|\\)/defined $2 ? chr(hex $2) : '\\'/ge;
	return decode('UTF-8', $raw, Encode::FB_CROAK);
}

my $country = tree('vigie-test-Country', { country_code => 'utf8_string' });
my $asn = tree('vigie-test-ASN', {
	autonomous_system_number       => 'uint32',
	autonomous_system_organization => 'utf8_string',
});

open my $in, '<:raw', $spec or die "$spec: $!\n";
my $n = 0;
while (my $line = <$in>) {
	$line =~ s/\r?\n\z//;
	next if $line =~ /^\s*(#|\z)/;
	my ($cidr, $cc, $num, $org) = split ' ', $line, 4;
	die "$spec:$.: want CIDR COUNTRY ASN ORG\n"
	    unless defined $num && $num =~ /^\d+\z/ && $cidr =~ m{/\d+\z};
	$country->insert_network($cidr, { country_code => $cc }) if $cc ne '-';
	if ($num != 0) {
		$asn->insert_network($cidr, {
			autonomous_system_number       => $num + 0,
			autonomous_system_organization => org_text($org // ''),
		});
	}
	$n++;
}
close $in;
die "$spec: no networks\n" unless $n;

for ([$country, $country_out], [$asn, $asn_out]) {
	my ($t, $path) = @$_;
	my $tmp = "$path.tmp";
	open my $out, '>:raw', $tmp or die "$tmp: $!\n";
	$t->write_tree($out);
	close $out or die "$tmp: $!\n";
	rename $tmp, $path or die "$path: $!\n";
}
