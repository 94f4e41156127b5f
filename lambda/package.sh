#!/usr/bin/env bash
# Builds the Lambda zip for the provided.al2023 runtime: `bootstrap` (the efs-autoscaler
# binary, release, Swift runtime linked statically, stripped) at the zip's root.
#
# The binary links the build host's glibc, libstdc++, libcurl and libcrypto dynamically, so the
# zip only runs on provided.al2023 when it was built on an Amazon Linux 2023 compatible system
# (glibc <= 2.34). The script checks that with lambda/check-binary.sh and refuses to produce a
# zip that would fail to load. On any other host (Debian 12, macOS), use --in-docker with an
# Amazon Linux 2023 image that has a Swift toolchain, or deploy the container image instead
# (the module's default, docs/DEPLOY.md explains the choice).
#
# Usage: lambda/package.sh [--out DIR] [--in-docker IMAGE] [--platform linux/amd64|linux/arm64]
#                          [--no-check]
# Output: DIR/efs-autoscaler-lambda-<arch>.zip (DIR defaults to lambda/dist/). Needs zip or python3.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
out_dir="$repo/lambda/dist"
docker_image=""
platform=""
check=true

while (($#)); do
    case "$1" in
        --out) out_dir="$(mkdir -p "${2:?--out needs a directory}" && cd "$2" && pwd)"; shift ;;
        --in-docker) docker_image="${2:?--in-docker needs an image}"; shift ;;
        --platform) platform="${2:?--platform needs linux/amd64 or linux/arm64}"; shift ;;
        --no-check) check=false ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "package: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [[ -n "$platform" && "$platform" != linux/amd64 && "$platform" != linux/arm64 ]]; then
    echo "package: --platform must be linux/amd64 or linux/arm64, not $platform" >&2
    exit 2
fi

if [[ -n "$docker_image" ]]; then
    command -v docker >/dev/null || { echo "package: --in-docker needs docker" >&2; exit 2; }
    args=(--rm -v "$repo:/src" -w /src)
    [[ -n "$platform" ]] && args+=(--platform "$platform")
    inner=(lambda/package.sh --out /src/lambda/dist)
    $check || inner+=(--no-check)
    docker run "${args[@]}" "$docker_image" "${inner[@]}"
    mkdir -p "$out_dir"
    [[ "$out_dir" == "$repo/lambda/dist" ]] || cp "$repo"/lambda/dist/efs-autoscaler-lambda-*.zip "$out_dir"/
    exit 0
fi

cd "$repo"
scratch="$repo/.build-lambda"
echo "package: swift build -c release --static-swift-stdlib (scratch path $scratch)" >&2
swift build -c release --static-swift-stdlib --product efs-autoscaler --scratch-path "$scratch"
binary="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/efs-autoscaler"

case "$(uname -m)" in
    x86_64) arch=x86_64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "package: unsupported build architecture $(uname -m)" >&2; exit 2 ;;
esac

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp "$binary" "$staging/bootstrap"
strip "$staging/bootstrap" 2>/dev/null || echo "package: strip not available; shipping unstripped" >&2
chmod 0755 "$staging/bootstrap"

if $check; then
    "$repo/lambda/check-binary.sh" "$staging/bootstrap" || {
        echo "package: this build host's bootstrap would not load on provided.al2023 (above)." >&2
        echo "package: build with --in-docker IMAGE (Amazon Linux 2023 with Swift), or deploy the container image." >&2
        exit 1
    }
fi

mkdir -p "$out_dir"
zip_path="$out_dir/efs-autoscaler-lambda-$arch.zip"
rm -f "$zip_path"
# Fixed timestamp and permissions so the same binary gives the same zip (and source_code_hash).
touch -d '1980-01-01T00:00:00Z' "$staging/bootstrap"
if command -v zip >/dev/null; then
    (cd "$staging" && zip -q -X "$zip_path" bootstrap)
else
    python3 - "$staging/bootstrap" "$zip_path" <<'PY'
import sys, zipfile
info = zipfile.ZipInfo("bootstrap", date_time=(1980, 1, 1, 0, 0, 0))
info.external_attr = 0o100755 << 16
info.compress_type = zipfile.ZIP_DEFLATED
with open(sys.argv[1], "rb") as src, zipfile.ZipFile(sys.argv[2], "w") as z:
    z.writestr(info, src.read())
PY
fi
echo "package: $zip_path ($(du -h "$zip_path" | cut -f1)); set lambda_package_type = \"Zip\", lambda_zip_path, architecture = \"$arch\""
