#!/usr/bin/env bash
# The README's first command: efs-autoscaler end to end on this machine.
#
# Starts a local AWS emulator (moto) on 127.0.0.1 with signature checking on, seeds a VPC with
# three AZs, an EFS file system with one mount target, an ECS Fargate service and the SSM
# mount-target list, generates a file tree above the threshold, then runs the Lambda handler
# locally (`efs-autoscaler invoke`) three times: scale out, the cooldown holding, and, after the
# tree shrinks, the slow scale-in (unpublish and redeploy first, delete on a later run).
# Usage: scripts/demo.sh            Nothing leaves 127.0.0.1; everything is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
echo "== building efs-autoscaler"
swift build --product efs-autoscaler 2>&1 | tail -n 1
bin="$(swift build --show-bin-path)/efs-autoscaler"

work=$(mktemp -d)
moto_pid=""
cleanup() {
    [[ -n "$moto_pid" ]] && kill "$moto_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
summarize() { python3 scripts/lib/demo_summary.py report; }
count_files() { "$bin" count "$TARGET_DIRECTORY" --json | python3 scripts/lib/demo_summary.py count; }

step "starting the local AWS emulator (moto, signature checking on)"
mkfifo "$work/ready"
INITIAL_NO_AUTH_ACTION_COUNT=3 MOTO_ECS_SERVICE_RUNNING=1 MOTO_SETTLED_DEPLOYMENTS=1 \
    python3 Tests/TestSupport/python/moto_runner.py --parent-pid $$ >"$work/ready" 2>"$work/moto.log" &
moto_pid=$!
read -r _ port <"$work/ready"
endpoint="http://127.0.0.1:$port"
echo "  emulator at $endpoint"

step "seeding: VPC with 3 AZs, EFS with 1 mount target, ECS Fargate service, SSM list, DynamoDB lock table"
python3 Tests/TestSupport/python/moto_scenario.py --endpoint "$endpoint" --region ap-northeast-1 >"$work/scenario.json"
read_field() { python3 -c "import json,sys; print(json.load(open('$work/scenario.json'))$1)"; }
export AWS_ENDPOINT_URL="$endpoint" AWS_REGION=ap-northeast-1 AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent
AWS_ACCESS_KEY_ID=$(read_field '["accessKeyId"]'); export AWS_ACCESS_KEY_ID
AWS_SECRET_ACCESS_KEY=$(read_field '["secretAccessKey"]'); export AWS_SECRET_ACCESS_KEY
EFS_FILE_SYSTEM_ID=$(read_field '["fileSystemId"]'); export EFS_FILE_SYSTEM_ID
VPC_ID=$(read_field '["vpcId"]'); export VPC_ID
SECURITY_GROUP_ID=$(read_field '["securityGroupId"]'); export SECURITY_GROUP_ID
SSM_PARAMETER_NAME=$(read_field '["parameterName"]'); export SSM_PARAMETER_NAME
ECS_CLUSTER_NAME=$(read_field '["clusterName"]'); export ECS_CLUSTER_NAME
ECS_SERVICE_NAME=$(read_field '["serviceName"]'); export ECS_SERVICE_NAME
LOCK_TABLE_NAME=$(read_field '["lockTableName"]'); export LOCK_TABLE_NAME
echo "  file system $EFS_FILE_SYSTEM_ID in $VPC_ID, zones $(read_field '["zones"]')"

export TARGET_DIRECTORY="$work/efs"
export FILE_COUNT_THRESHOLD=1000 SCALE_IN_THRESHOLD=200 MANAGE_SERVICE_SUBNETS=true
export SCALE_OUT_COOLDOWN_SECONDS=300 SCALE_IN_STABILIZATION_SECONDS=0 DRAIN_TIMEOUT_SECONDS=0
export COUNT_CACHE_TTL_SECONDS=0 LOG_LEVEL=warning LOG_FORMAT=text
# The emulator's mount targets are available at once, with no DNS to wait for, and nothing
# re-reads the list: no settle time and no minimum drain here (defaults 90 s and 300 s).
export MOUNT_TARGET_SETTLE_SECONDS=0 DRAIN_MIN_SECONDS=0

step "generating a file tree above the threshold (1500 files in 30 directories)"
python3 - "$TARGET_DIRECTORY" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(30):
    path = os.path.join(root, f"dir-{d:02}")
    os.makedirs(path)
    for f in range(50):
        open(os.path.join(path, f"file-{f:03}.dat"), "w").close()
PY
count_files

step "run 1: efs-autoscaler invoke (service repaired into the served AZ, then above the threshold: scale out)"
"$bin" invoke >"$work/run1.json" || true
summarize <"$work/run1.json"

step "run 2: again, within the cooldown (nothing may happen)"
"$bin" invoke >"$work/run2.json" || true
summarize <"$work/run2.json"

step "the workload shrinks to 100 files"
find "$TARGET_DIRECTORY" -name 'file-*' | sort | tail -n +101 | xargs rm -f
count_files

step "efs-autoscaler plan (a dry run: what scale-in would do)"
SCALE_OUT_COOLDOWN_SECONDS=0 "$bin" plan --json >"$work/plan.json" || true
summarize <"$work/plan.json"

step "run 3: scale in, phase 1 (unpublish, move the service, redeploy)"
SCALE_OUT_COOLDOWN_SECONDS=0 "$bin" invoke >"$work/run3.json" || true
summarize <"$work/run3.json"

step "run 4: scale in, phase 2 (the rollout is done: delete the drained mount target)"
SCALE_OUT_COOLDOWN_SECONDS=0 "$bin" invoke >"$work/run4.json" || true
summarize <"$work/run4.json"

step "done: the emulator is stopped and the tree removed"
