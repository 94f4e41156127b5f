#!/usr/bin/env bash
# The image's build stage, without a container engine: the files container/Dockerfile.dockerignore
# lets into the build context, then the build stage's COPY instructions, in a scratch
# directory, then `swift build --product efs-autoscaler` there. A path Package.swift declares
# but the context leaves out (a target under bench/, a resource, a test fixture) fails here
# as it would in `docker build`. Nothing is reused from .build: the scratch build resolves the
# packages anew. It builds debug, not the Dockerfile's `-c release --static-swift-stdlib`,
# which would take several times longer on 2 cores; what the context holds is the same.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

require swift "the Swift toolchain"
work="$(mktemp -d)"
trap 'rm -rf "$work"; report_elapsed' EXIT

python3 - container/Dockerfile container/Dockerfile.dockerignore "$work" <<'PY' || fail "could not lay out the build context"
"""Docker's .dockerignore rules (last matching pattern wins, `!` re-includes, a pattern that
matches a directory matches everything under it, `**` any number of directories) applied to
the files a clone holds, then the build stage's COPY instructions from that context."""
import fnmatch, os, re, shutil, subprocess, sys
from pathlib import Path

dockerfile, ignore_file, work = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
patterns = []
for line in ignore_file.read_text().splitlines():
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    negate = line.startswith("!")
    pattern = os.path.normpath(line[1:] if negate else line).lstrip("/")
    patterns.append((negate, pattern))

def matches(pattern, path):
    regex = re.escape(pattern).replace(r"\*\*/", "(.*/)?").replace(r"\*\*", ".*").replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
    parts = path.split("/")
    return any(re.fullmatch(regex, "/".join(parts[:i])) for i in range(1, len(parts) + 1))

def excluded(path):
    result = False
    for negate, pattern in patterns:
        if matches(pattern, path):
            result = not negate
    return result

# What a clone holds (tracked and untracked-but-not-ignored files): the context a user sends.
files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                       capture_output=True, text=True, check=True).stdout.split("\0")
context = work / "context"
kept = 0
for name in filter(None, files):
    if os.path.isfile(name) and not excluded(name):
        (context / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(name, context / name)
        kept += 1

# The build stage (first FROM up to the next): its plain COPY instructions into WORKDIR.
stage = dockerfile.read_text().split("\nFROM ")[1]
src = work / "src"
src.mkdir()
copies = 0
for source, dest in re.findall(r"^COPY\s+(?!--)(\S+)\s+(\S+)\s*$", stage, re.M):
    origin = context / source
    if not origin.exists():
        sys.exit(f"image-context: COPY {source}: not in the build context (Dockerfile.dockerignore leaves it out)")
    target = src / dest
    if origin.is_dir():
        shutil.copytree(origin, target, dirs_exist_ok=True)
    else:
        target = target / origin.name if dest.endswith("/") else target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(origin, target)
    copies += 1
print(f"image-context: {kept} files in the build context, {copies} COPY instructions into /src")
PY

build_log="$work/build.log"
if ! (cd "$work/src" && swift build --product efs-autoscaler >"$build_log" 2>&1); then
    grep -E "error|invalid" "$build_log" | head -n 20 >&2
    fail "swift build of the image's build context failed (container/Dockerfile.dockerignore and the COPY lines must let in every path Package.swift declares)"
fi
echo "$check_name: the image's build context builds efs-autoscaler ($(tail -n 1 "$build_log"))"
