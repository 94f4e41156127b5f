#!/usr/bin/env bash
# One casing for identifiers: Swift names spell the initialism `Id` (`subnetId`, `requestId`),
# as AWS's API models spell their members (`SubnetId`, `FileSystemId`), never `ID`. Fails,
# naming file:line, on a Swift identifier matching [a-z0-9]ID (then a word end, an `s` plural
# or another word: `subnetID`, `groupIDs`, `RequestID`, `traceIDAndARN`). String literals and
# comments are blanked first, so wire names and AWS spellings (`InvalidSubnetID.NotFound`,
# `AWS_ACCESS_KEY_ID`) stay as they are; code inside `\(...)` interpolations is still read.
# Usage: scripts/checks/identifier-casing.sh [PATH...]   (default Sources Tests bench)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

require perl "apt-get install perl"
roots=("$@")
[[ ${#roots[@]} -gt 0 ]] || roots=(Sources Tests bench)
mapfile -d '' files < <(find "${roots[@]}" -type f -name '*.swift' -print0 | sort -z)
[[ ${#files[@]} -gt 0 ]] || fail "no Swift files under ${roots[*]}"

# Prints file:line: text for each offending line; exits 1 when there is one.
findings="$(perl -e '
use strict;
use warnings;
my $pattern = qr/[a-z0-9]ID(?:s?\b|[A-Z])/;
my $status = 0;
for my $file (@ARGV) {
    open my $fh, "<", $file or die "$file: $!\n";
    my $src = do { local $/; <$fh> };
    close $fh;
    # The file with string and comment text turned into spaces (newlines kept, so lines still
    # match). A stack of states: code (with its open-parenthesis depth, to find the `)` that
    # ends an interpolation) or string (its closing delimiter and escape, `#`s included).
    my $code = "";
    my $blank = sub { (my $text = shift) =~ s/[^\n]/ /g; $code .= $text };
    my @stack = (["code", 0]);
    pos($src) = 0;
    while (pos($src) < length $src) {
        my $top = $stack[-1];
        if ($top->[0] eq "code") {
            if ($src =~ /\G(\/\/[^\n]*)/gc) { $blank->($1) }
            elsif ($src =~ /\G\/\*/gc) {
                my ($depth, $text) = (1, "/*");
                while ($depth && $src =~ /\G(.*?)(\/\*|\*\/)/gcs) { $text .= $1 . $2; $depth += $2 eq "/*" ? 1 : -1 }
                if ($depth) { $text .= substr($src, pos($src)); pos($src) = length $src }
                $blank->($text);
            }
            elsif ($src =~ /\G(#*)("""|")/gc) { push @stack, ["string", $2 . $1, "\\" . $1]; $blank->($1 . $2) }
            elsif ($src =~ /\G\(/gc) { $top->[1]++; $code .= "(" }
            elsif ($src =~ /\G\)/gc) {
                if ($top->[1] == 0 && @stack > 1) { pop @stack; $code .= " " } else { $top->[1]--; $code .= ")" }
            }
            elsif ($src =~ /\G([^\/"#()]+|.)/gcs) { $code .= $1 }
        } else {
            my ($closer, $escape) = ($top->[1], $top->[2]);
            if ($src =~ /\G\Q$closer\E/gc) { pop @stack; $blank->($closer) }
            elsif ($src =~ /\G\Q$escape\E\(/gc) { push @stack, ["code", 0]; $blank->("$escape(") }
            elsif ($src =~ /\G(\Q$escape\E.|.)/gcs) { $blank->($1) }
        }
    }
    my @lines = split /\n/, $src, -1;
    my $number = 0;
    for my $line (split /\n/, $code, -1) {
        $number++;
        next unless $line =~ $pattern;
        (my $text = $lines[$number - 1]) =~ s/^\s+//;
        print "$file:$number: $text\n";
        $status = 1;
    }
}
exit $status;
' "${files[@]}")" || {
    echo "$findings" >&2
    fail "$(wc -l <<<"$findings") lines spell an identifier with ID; write Id (subnetId, requestId), as AWS's models do"
}
echo "$check_name: ${#files[@]} Swift files, every identifier spells Id"
