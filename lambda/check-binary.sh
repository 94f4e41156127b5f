#!/usr/bin/env bash
# Reports what a built efs-autoscaler binary needs from the system it runs on: its NEEDED
# shared libraries and the highest GLIBC_, GLIBCXX_ and CXXABI_ symbol versions it uses, plus
# any other versioned symbols (Debian's libcurl exports CURL_OPENSSL_4, OpenSSL OPENSSL_3.0.0).
#
# Lambda's provided.al2023 has glibc 2.34 and GCC 11's libstdc++ (GLIBCXX_3.4.29,
# CXXABI_1.3.13). A binary built on Debian 12 (glibc 2.36) usually needs GLIBC_2.35+, which
# fails there at load time with "version `GLIBC_2.35' not found". By default this script fails
# when the binary needs more than those ceilings or libraries outside the runtime's set;
# --report-only prints the same report and always succeeds (CI builds on Debian, where the
# deployable artifact is the container image, so the report is there to make a change visible).
#
# Usage: lambda/check-binary.sh [--report-only] [--glibc-ceiling V] [--glibcxx-ceiling V]
#                               [--cxxabi-ceiling V] BINARY
set -euo pipefail

report_only=false
glibc_ceiling=2.34
glibcxx_ceiling=3.4.29
cxxabi_ceiling=1.3.13
# Libraries provided.al2023 provides (AL2023 glibc, libgcc, libstdc++, curl, OpenSSL 3, zlib).
al2023_libraries=" libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libutil.so.1 ld-linux-x86-64.so.2 ld-linux-aarch64.so.1 libgcc_s.so.1 libstdc++.so.6 libcurl.so.4 libcrypto.so.3 libssl.so.3 libz.so.1 "

usage() {
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

binary=""
while (($#)); do
    case "$1" in
        --report-only) report_only=true ;;
        --glibc-ceiling) glibc_ceiling="${2:?--glibc-ceiling needs a version}"; shift ;;
        --glibcxx-ceiling) glibcxx_ceiling="${2:?--glibcxx-ceiling needs a version}"; shift ;;
        --cxxabi-ceiling) cxxabi_ceiling="${2:?--cxxabi-ceiling needs a version}"; shift ;;
        -h|--help) usage ;;
        -*) echo "check-binary: unknown option $1" >&2; usage ;;
        *) [[ -z "$binary" ]] || { echo "check-binary: more than one binary given ($binary, $1)" >&2; exit 2; }
           binary="$1" ;;
    esac
    shift
done
[[ -n "$binary" ]] || usage
[[ -f "$binary" ]] || { echo "check-binary: $binary: no such file" >&2; exit 2; }
for tool in objdump readelf; do
    command -v "$tool" >/dev/null || { echo "check-binary: $tool is not installed (binutils)" >&2; exit 2; }
done
readelf -h "$binary" >/dev/null 2>&1 || { echo "check-binary: $binary is not an ELF file" >&2; exit 2; }

# Highest version among "PREFIX_x.y.z" tokens read on stdin; empty when none.
max_version() {
    local prefix="$1"
    grep -oE "\\b${prefix}_[0-9]+(\\.[0-9]+)*\\b" | sed "s/^${prefix}_//" | sort -u -V | tail -n 1 || true
}

# True when version $1 is strictly greater than $2.
version_gt() {
    [[ "$1" != "$2" ]] && [[ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -n 1)" == "$1" ]]
}

dynamic_symbols="$(objdump -T "$binary")"
needed="$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
machine="$(readelf -h "$binary" | sed -n 's/^ *Machine: *//p')"
size_bytes="$(stat -c %s "$binary")"

glibc_max="$(max_version GLIBC <<<"$dynamic_symbols")"
glibcxx_max="$(max_version GLIBCXX <<<"$dynamic_symbols")"
cxxabi_max="$(max_version CXXABI <<<"$dynamic_symbols")"
other_versions="$(grep -oE '\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[0-9]+(\.[0-9]+)*\b' <<<"$dynamic_symbols" \
    | grep -vE '^(GLIBC|GLIBCXX|CXXABI|GCC)_' | sort -u | tr '\n' ' ' || true)"

echo "binary:   $binary ($machine, $((size_bytes / 1024 / 1024)) MiB)"
echo "NEEDED:   $(tr '\n' ' ' <<<"$needed")"
echo "GLIBC:    ${glibc_max:-none} (ceiling $glibc_ceiling)"
echo "GLIBCXX:  ${glibcxx_max:-none} (ceiling $glibcxx_ceiling)"
echo "CXXABI:   ${cxxabi_max:-none} (ceiling $cxxabi_ceiling)"
echo "other versioned symbols: ${other_versions:-none}"

problems=()
if [[ -n "$glibc_max" ]] && version_gt "$glibc_max" "$glibc_ceiling"; then
    offenders="$(grep -E "GLIBC_[0-9.]+" <<<"$dynamic_symbols" | awk -v c="$glibc_ceiling" '
        { for (i = 1; i <= NF; i++) if ($i ~ /^\(?GLIBC_[0-9.]+\)?$/) { v = $i; gsub(/[()]|GLIBC_/, "", v); print v, $NF } }' \
        | while read -r v sym; do version_gt "$v" "$glibc_ceiling" && echo "$sym@GLIBC_$v"; done | sort -u | head -n 8 | tr '\n' ' ' || true)"
    problems+=("needs GLIBC_$glibc_max > $glibc_ceiling (e.g. $offenders)")
fi
if [[ -n "$glibcxx_max" ]] && version_gt "$glibcxx_max" "$glibcxx_ceiling"; then
    problems+=("needs GLIBCXX_$glibcxx_max > $glibcxx_ceiling")
fi
if [[ -n "$cxxabi_max" ]] && version_gt "$cxxabi_max" "$cxxabi_ceiling"; then
    problems+=("needs CXXABI_$cxxabi_max > $cxxabi_ceiling")
fi
if grep -qE '\bCURL_[A-Z0-9_]+\b' <<<"$other_versions"; then
    problems+=("links Debian's versioned libcurl symbols ($(grep -oE '\bCURL_[A-Z0-9_]+\b' <<<"$other_versions" | sort -u | tr '\n' ' '))")
fi
while read -r lib; do
    [[ -z "$lib" ]] && continue
    [[ "$al2023_libraries" == *" $lib "* ]] && continue
    case "$lib" in
        libswift*|libFoundation*|lib_Foundation*|libdispatch*|libBlocksRuntime*)
            problems+=("needs the Swift runtime library $lib: build with --static-swift-stdlib") ;;
        *) problems+=("needs $lib, which provided.al2023 does not ship") ;;
    esac
done <<<"$needed"

if ((${#problems[@]} == 0)); then
    echo "verdict:  fits provided.al2023 (glibc <= $glibc_ceiling, libstdc++ <= GLIBCXX_$glibcxx_ceiling)"
    exit 0
fi
for p in "${problems[@]}"; do
    echo "verdict:  does not fit provided.al2023: $p"
done
if $report_only; then
    echo "(report only: not failing; deploy the container image, or build the zip on Amazon Linux 2023 — docs/DEPLOY.md)"
    exit 0
fi
exit 1
