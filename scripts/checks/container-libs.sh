#!/usr/bin/env bash
# The runtime stage of container/Dockerfile installs every shared library the binary loads.
#
# For the locally built binary (a static-stdlib release build if present, else CI's debug
# build), each library `ldd` resolves is mapped to its Debian package with `dpkg -S`. This host
# is Debian 12 like the runtime stage, so the package names are the runtime's. A library is
# covered when its package is in the runtime stage's `apt-get install` list or is pulled in by
# one of them (Depends/Pre-Depends, followed recursively through the installed packages'
# metadata). Libraries NEEDED directly by the binary must be listed explicitly, not merely
# arrive as someone else's dependency. Swift runtime libraries that a debug build loads from
# the toolchain are reported and skipped: the image links them statically
# (--static-swift-stdlib).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

require ldd "libc-bin"
require dpkg-query "a Debian host"
dockerfile=container/Dockerfile
binary="$(built_binary)"
[[ -n "$binary" ]] || fail "no built efs-autoscaler binary (run swift build first)"

# Packages the last stage installs: words after `apt-get install` up to the next && or ;.
runtime="$(awk '/^FROM /{stage=""} {stage=stage $0 "\n"} END{printf "%s", stage}' "$dockerfile" | sed -e ':a' -e '/\\$/N; s/\\\n//; ta')"
mapfile -t listed < <(grep -oE 'apt-get install[^&;]*' <<<"$runtime" | sed 's/apt-get install//' | tr ' ' '\n' | grep -vE '^(-.*|)$' | sort -u)
((${#listed[@]} > 0)) || fail "no apt-get install list found in the runtime stage of $dockerfile"

# Recursive dependency closure over the installed packages' metadata.
declare -A closure=()
queue=("${listed[@]}")
while ((${#queue[@]})); do
    pkg="${queue[0]}"
    queue=("${queue[@]:1}")
    [[ -n "${closure[$pkg]:-}" ]] && continue
    closure[$pkg]=1
    deps="$(dpkg-query -W -f='${Pre-Depends}, ${Depends}' "$pkg" 2>/dev/null || true)"
    [[ -n "$deps" ]] || continue
    # "a (>= 1), b | c, d:any" -> a b c d (alternatives all count: apt picks one of them).
    while read -r dep; do
        [[ -n "$dep" && -z "${closure[$dep]:-}" ]] && queue+=("$dep")
    done < <(sed -E 's/[,|]/\n/g' <<<"$deps" | sed -E 's/\(.*\)//; s/:[a-z0-9]+//; s/[[:space:]]//g')
done

swift_root="$(dirname "$(dirname "$(readlink -f "$(command -v swift 2>/dev/null || echo /nonexistent/bin/swift)")")")"
mapfile -t needed < <(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')

# One dpkg -S for every library path and its usr-merge aliases: path -> owning package.
mapfile -t loaded < <(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3} $1 ~ /^\// {print $1, $1}')
declare -A owner=()
candidates=()
for entry in "${loaded[@]}"; do
    path="${entry#* }"
    candidates+=("$path" "$(readlink -f "$path")" "/usr$path" "${path#/usr}")
done
while IFS= read -r line; do
    # "libcurl4:amd64: /usr/lib/x86_64-linux-gnu/libcurl.so.4"
    owner["${line##*: }"]="${line%%:*}"
done < <(dpkg -S "${candidates[@]}" 2>/dev/null || true)

package_of() {
    local path="$1" candidate
    for candidate in "$path" "$(readlink -f "$path")" "/usr$path" "${path#/usr}"; do
        [[ -n "${owner[$candidate]:-}" ]] && { echo "${owner[$candidate]}"; return 0; }
    done
    return 0
}

problems=()
skipped=()
declare -A used=()
while read -r soname path; do
    if [[ "$path" == "$swift_root"/* ]]; then
        skipped+=("$soname")
        continue
    fi
    pkg="$(package_of "$path")"
    if [[ -z "$pkg" ]]; then
        problems+=("$soname ($path) belongs to no Debian package")
        continue
    fi
    used[$pkg]=1
    direct=false
    for n in "${needed[@]}"; do [[ "$n" == "$soname" ]] && direct=true; done
    if $direct && ! printf '%s\n' "${listed[@]}" | grep -qx "$pkg"; then
        problems+=("$soname is NEEDED by the binary; its package $pkg must be in the runtime stage's apt-get install list")
    elif [[ -z "${closure[$pkg]:-}" ]]; then
        problems+=("$soname comes from $pkg, which the runtime stage neither installs nor gets as a dependency")
    fi
done < <(printf '%s\n' "${loaded[@]}")

echo "$check_name: binary $binary"
echo "$check_name: runtime apt list: ${listed[*]} (closure: ${#closure[@]} packages)"
echo "$check_name: packages providing the loaded libraries: $(printf '%s\n' "${!used[@]}" | sort | tr '\n' ' ')"
((${#skipped[@]} == 0)) || echo "$check_name: Swift toolchain libraries (static in the image build): ${skipped[*]}"
if ((${#problems[@]})); then
    for p in "${problems[@]}"; do echo "$check_name: $p" >&2; done
    fail "the runtime stage does not cover every library"
fi
echo "$check_name: every library is covered"
