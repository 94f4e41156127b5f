#!/usr/bin/env python3
"""The Terraform module applied for real: the AWS provider against the local emulator.

For each example, in a scratch copy of the repository's infra/ (the module is never edited):
  1. docs/DEPLOY.md's first-deploy block, run line by line in bash from an empty state;
     `terraform` gets the flags a script needs (-auto-approve, -input=false, offline init from
     the provider mirror), `docker buildx ... --push` becomes an ECR PutImage of the tag it
     names, `$EDITOR terraform.tfvars` keeps the example's tfvars and the test's overrides are
     in test.auto.tfvars (loaded after terraform.tfvars);
  2. `terraform plan -detailed-exitcode` is empty right after the deploy;
  3. the autoscaler binary runs as the deployed function would, with the environment and
     timeout read back from the emulator's Lambda function, and scales out once; the worker's
     task definition carries the same environment; (existing-vpc) the worker, run with its
     task definition's command, only counts, and the function decides on that count;
  4. the plan is still empty;
  5. (new-vpc) `plan -out` of a later change, then an autoscaler write, then `apply` of that
     plan: the autoscaler's value and version survive;
  6. DEPLOY.md's teardown block, line by line: afterwards nothing the module created is left.
Provider endpoints all point at 127.0.0.1 (a *_override.tf file); anything else the provider
might reach goes to a proxy that does not exist. Usage: apply_test.py --binary PATH
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import boto3

REPO = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
REGION = "ap-northeast-1"
ACCOUNT = "123456789012"  # moto's default account
DEPLOY = REPO / "docs" / "DEPLOY.md"
SERVICES = ["cloudwatch", "dynamodb", "ec2", "ecr", "ecs", "efs", "iam", "kms", "lambda", "logs",
            "scheduler", "sns", "ssm", "sts"]
FILES = 150  # the tree the autoscaler counts; the tests' threshold is 100
# Distinct name prefixes, so one example's leftovers are never mistaken for the other's.
# A guard against a provider waiting forever on something the emulator never does (it hung on
# DeleteFileSystemPolicy before moto_apply_server.py served it), not a performance gate: on a
# loaded 2-core machine the first deploy alone has taken over two minutes.
STEP_TIMEOUT = 420
NAMES = {"new-vpc": "efs-autoscaler-demo", "existing-vpc": "efs-as-existing"}


class Failure(Exception):
    pass


def log(example, message):
    print(f"terraform-apply: [{example}] {message}", flush=True)


def sh_block(heading):
    """The first ```sh block after a Markdown heading of DEPLOY.md."""
    text = DEPLOY.read_text()
    start = text.index(heading)
    match = re.search(r"```sh\n(.*?)```", text[start:], re.S)
    if not match:
        raise Failure(f"docs/DEPLOY.md: no sh block under {heading!r}")
    return match.group(1)


def aws_client(endpoint, service):
    return boto3.client(service, region_name=REGION, endpoint_url=endpoint,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


# bash prelude for DEPLOY.md's blocks: the commands a person types, made non-interactive.
PRELUDE = r'''
set -euo pipefail
terraform() {
    case "$1" in
        init) command terraform init -input=false -no-color -plugin-dir="$TF_PLUGIN_DIR" "${@:2}" ;;
        apply|destroy)
            if [[ "${*: -1}" == tfplan ]]; then command terraform "$1" -input=false -no-color "${@:2}"
            else command terraform "$1" -auto-approve -input=false -no-color "${@:2}"; fi ;;
        plan) command terraform plan -input=false -no-color "${@:2}" ;;
        *) command terraform "$@" ;;
    esac
}
# No engine here: `docker buildx build ... -t REPO:TAG --push CONTEXT` becomes an ECR PutImage
# of that tag, after checking that the Dockerfile and the build context exist.
docker() {
    local tag="" file="" context="${*: -1}"
    while (($#)); do
        case "$1" in -t) tag="$2"; shift ;; -f) file="$2"; shift ;; esac
        shift
    done
    [[ -f "$file" && -f "$context/Package.swift" ]] || { echo "docker shim: no $file or no Package.swift in $context" >&2; return 1; }
    python3 "$APPLY_TEST" --push-image "$tag"
}
EDITOR=true
'''


class Example:
    def __init__(self, name, scratch, endpoint, plugin_dir, binary):
        self.name = name
        self.root = scratch / name
        self.dir = self.root / "infra" / "examples" / name
        self.endpoint = endpoint
        self.plugin_dir = plugin_dir
        self.binary = binary
        self.timings = {}
        self.drift = []

    # -- plumbing ---------------------------------------------------------------------------
    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "TF_"))}
        env.update({
            "TF_CLI_CONFIG_FILE": "/dev/null", "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1",
            "TF_PLUGIN_DIR": str(self.plugin_dir), "APPLY_TEST": str(Path(__file__).resolve()),
            "AWS_ENDPOINT_URL": self.endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": REGION, "AWS_REGION": REGION, "AWS_CONFIG_FILE": "/nonexistent",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_PAGER": "",
            # Anything not pointed at the emulator goes nowhere instead of to the internet.
            "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": "127.0.0.1,localhost",
        })
        return env

    def bash(self, script, step):
        started = time.monotonic()
        log_path = self.root / f"{step}.log"
        with open(log_path, "w") as out:
            # -x: the log shows which of DEPLOY.md's lines ran.
            try:
                result = run_group(["bash", "-xc", PRELUDE + script], cwd=self.dir, env=self.env(),
                                   stdout=out, stderr=subprocess.STDOUT)
            except subprocess.TimeoutExpired:
                raise Failure(f"{step} did not finish in {STEP_TIMEOUT}s:\n{tail(log_path.read_text())}")
        self.timings[step] = round(time.monotonic() - started, 1)
        if result.returncode != 0:
            raise Failure(f"{step} failed (exit {result.returncode}):\n{tail(log_path.read_text())}")

    def terraform(self, *args, step, ok=(0,)):
        started = time.monotonic()
        try:
            result = run_group(["terraform", args[0], "-input=false", "-no-color", *args[1:]], cwd=self.dir,
                               env=self.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except subprocess.TimeoutExpired:
            raise Failure(f"{step}: terraform {' '.join(args)} did not finish in {STEP_TIMEOUT}s")
        self.timings[step] = round(time.monotonic() - started, 1)
        (self.root / f"{step}.log").write_text(result.stdout + result.stderr)
        if result.returncode not in ok:
            raise Failure(f"{step}: terraform {' '.join(args)} exited {result.returncode}:\n{tail(result.stdout + result.stderr)}")
        return result

    def output(self, name):
        result = subprocess.run(["terraform", "output", "-json", name], cwd=self.dir, env=self.env(),
                                capture_output=True, text=True, check=True)
        return json.loads(result.stdout)

    def client(self, service):
        return aws_client(self.endpoint, service)

    def expect_empty_plan(self, step, *extra):
        result = self.terraform("plan", "-detailed-exitcode", *extra, step=step, ok=(0, 2))
        if result.returncode == 2:
            changes = [line.strip() for line in result.stdout.splitlines()
                       if re.match(r"\s*(#|[~+-] |-/\+)", line) and "(known after apply)" not in line]
            # Recorded, not raised: the steps after it still say what they would have shown.
            self.drift.append(f"{step}: the plan is not empty:\n" + "\n".join(changes[:60]))
            log(self.name, f"{step}: FAIL: the plan is not empty (continuing)")

    # -- the scratch copy -------------------------------------------------------------------
    def prepare(self, overrides):
        shutil.copytree(REPO / "infra", self.root / "infra",
                        ignore=shutil.ignore_patterns(".terraform*", "terraform.tfstate*", "*.tfvars", "tests"))
        shutil.copytree(REPO / "container", self.root / "container")
        shutil.copy(REPO / "Package.swift", self.root / "Package.swift")
        endpoints = "\n".join(f'    {s:<10} = "{self.endpoint}"' for s in SERVICES)
        # Test-only: merged into the example's provider block by Terraform's override rules.
        (self.dir / "emulator_override.tf").write_text(f'''provider "aws" {{
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {{
{endpoints}
  }}
}}
''')
        (self.dir / "test.auto.tfvars").write_text("".join(f"{k} = {json.dumps(v)}\n" for k, v in overrides.items()))

    # -- the steps --------------------------------------------------------------------------
    def first_deploy(self):
        block = sh_block("### First deploy")
        lines = join_continuations(block)
        targets = [t for line in lines for t in re.findall(r"-target=(\S+)", line)]
        if targets != ["module.efs_autoscaler.aws_ecr_repository.this"]:
            raise Failure(f"DEPLOY.md's first deploy targets {targets}; the test expects the image repository only")
        # `cd infra/examples/...` is where the test already is.
        script = "\n".join(line for line in lines if not line.startswith("cd "))
        self.bash(script, "first-deploy")

    def read_back(self):
        function = self.client("lambda").get_function_configuration(FunctionName=self.output("lambda_function_name"))
        environment = function["Environment"]["Variables"]
        ecs = self.client("ecs")
        family = self.output("doctor_task_definition_family").removesuffix("-doctor") + "-worker"
        worker = ecs.describe_task_definition(taskDefinition=family)["taskDefinition"]["containerDefinitions"][0]
        worker_environment = {e["name"]: e["value"] for e in worker.get("environment", [])}
        if worker_environment != environment:
            raise Failure(f"the worker's environment differs from the function's: {sorted(set(worker_environment.items()) ^ set(environment.items()))}")
        return function, worker

    def run_autoscaler(self, function, target_directory, step, **overrides):
        environment = dict(function["Environment"]["Variables"])
        # The function counts its EFS mount; here the same tree is a local directory.
        environment["TARGET_DIRECTORY"] = str(target_directory)
        # The emulator's mount targets are available at once and have no DNS name to settle: the
        # one variable set here beside the function's own (the 90 s default would make every
        # second scale-out wait for a later invocation; planner tests cover the settle).
        environment["MOUNT_TARGET_SETTLE_SECONDS"] = "0"
        environment.update(overrides)
        env = self.env()
        env.update(environment)
        env["LOG_FORMAT"] = "text"
        started = time.monotonic()
        result = subprocess.run([str(self.binary), "invoke", "--timeout", str(function["Timeout"])],
                                env=env, capture_output=True, text=True)
        self.timings[step] = round(time.monotonic() - started, 1)
        (self.root / f"{step}.log").write_text(result.stdout + result.stderr)
        try:
            report = json.loads(result.stdout)
        except ValueError:
            raise Failure(f"{step}: no report (exit {result.returncode}):\n{tail(result.stdout + result.stderr)}")
        if result.returncode != 0 or not report.get("new_mount_target_created"):
            raise Failure(f"{step}: the autoscaler did not scale out (timeout {function['Timeout']} s):\n{json.dumps(report, indent=1)[:3000]}\n{tail(result.stderr)}")
        return report

    def run_worker(self, worker, target_directory, lock_table, file_system_id):
        """The worker as its task definition starts it (the image's ENTRYPOINT is
        `efs-autoscaler worker`, the task definition adds the command) until it has stored a
        count in the lock item, then SIGTERM, as ECS stops it."""
        command = worker.get("command", [])
        if "--count-only" not in command:
            raise Failure(f"the worker's command {command} is not --count-only: two mutating faces for one file system")
        env = self.env()
        env.update({e["name"]: e["value"] for e in worker.get("environment", [])})
        env["TARGET_DIRECTORY"] = str(target_directory)
        env["LOG_FORMAT"] = "text"
        dynamodb = self.client("dynamodb")
        key = {"file_system_id": {"S": file_system_id}}
        previous = (dynamodb.get_item(TableName=lock_table, Key=key, ConsistentRead=True).get("Item") or {}).get("last_count")
        started = time.monotonic()
        with open(self.root / "worker.log", "w") as out:
            process = subprocess.Popen([str(self.binary), "worker", *command], env=env, stdout=out,
                                       stderr=subprocess.STDOUT, start_new_session=True)
            GROUPS.add(process.pid)
            try:
                item = None
                while time.monotonic() - started < 60 and process.poll() is None:
                    item = dynamodb.get_item(TableName=lock_table, Key=key, ConsistentRead=True).get("Item")
                    if item and item.get("last_count") not in (None, previous):
                        break
                    time.sleep(0.5)
                process.terminate()
                code = process.wait(timeout=60)
            finally:
                GROUPS.discard(process.pid)
                if process.poll() is None:
                    process.kill()
        self.timings["worker-count-only"] = round(time.monotonic() - started, 1)
        if not item or item.get("last_count") in (None, previous):
            raise Failure(f"the count-only worker stored no count in {lock_table}:\n{tail((self.root / 'worker.log').read_text())}")
        if code != 0:
            raise Failure(f"the worker exited {code} on SIGTERM:\n{tail((self.root / 'worker.log').read_text())}")
        return item

    def teardown(self):
        self.bash("\n".join(join_continuations(sh_block("## Tear down"))), "teardown")
        state = subprocess.run(["terraform", "state", "list"], cwd=self.dir, env=self.env(),
                               capture_output=True, text=True)
        if state.stdout.strip():
            raise Failure(f"terraform state still lists:\n{state.stdout}")


def run_group(command, **kwargs):
    """subprocess.run in a process group of its own: on a timeout, or when this test is
    interrupted, terraform and its provider go too, not only the shell that started them."""
    with subprocess.Popen(command, start_new_session=True, text=True, **kwargs) as process:
        GROUPS.add(process.pid)
        try:
            stdout, stderr = process.communicate(timeout=STEP_TIMEOUT)
        except BaseException:
            kill_group(process.pid)
            process.wait()
            raise
        finally:
            GROUPS.discard(process.pid)
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


GROUPS = set()  # process groups of the steps running now


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def stop_on_signal(signum, frame):
    """SIGTERM or SIGINT to this test ends the steps it started (each in its own group)."""
    for pid in list(GROUPS):
        kill_group(pid)
    os._exit(128 + signum)


def join_continuations(block):
    """The block's commands: continuation lines joined, comments and blank lines dropped."""
    lines, current = [], ""
    for raw in block.splitlines():
        line = raw.rstrip()
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current = (current + line).strip()
        if current and not current.startswith("#"):
            lines.append(current)
        current = ""
    return lines


def tail(text, lines=40):
    return "\n".join(text.strip().splitlines()[-lines:])


def make_tree(root):
    root.mkdir(parents=True)
    for d in range(5):
        (root / f"d{d}").mkdir()
        for f in range(FILES // 5):
            (root / f"d{d}" / f"f{f}").touch()


def mount_target_ids(example, file_system_id):
    targets = example.client("efs").describe_mount_targets(FileSystemId=file_system_id)["MountTargets"]
    return sorted(t["MountTargetId"] for t in targets)


def seed_existing_vpc(endpoint):
    """What the existing-vpc example expects to find: a VPC with private subnets in three AZs,
    the application's security group, cluster and service, and the alarm topic."""
    ec2 = aws_client(endpoint, "ec2")
    vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.7.{i}.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
               for i, az in enumerate(["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"])]
    group = ec2.create_security_group(GroupName="my-app", Description="my app", VpcId=vpc)["GroupId"]
    ecs = aws_client(endpoint, "ecs")
    ecs.create_cluster(clusterName="my-app")
    ecs.register_task_definition(family="my-app-web", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
                                 cpu="256", memory="512",
                                 containerDefinitions=[{"name": "web", "image": "public.ecr.aws/nginx/nginx:1", "essential": True}])
    ecs.create_service(cluster="my-app", serviceName="my-app-web", taskDefinition="my-app-web", desiredCount=2,
                       launchType="FARGATE",
                       networkConfiguration={"awsvpcConfiguration": {"subnets": subnets[:1], "securityGroups": [group]}})
    topic = aws_client(endpoint, "sns").create_topic(Name="platform-alarms")["TopicArn"]
    return {
        "vpc_id": vpc, "subnet_ids": subnets,
        "initial_mount_targets": [{"availability_zone": "ap-northeast-1a", "subnet_id": subnets[0]}],
        "app_security_group_ids": [group], "alarm_topic_arn": topic,
    }


def leftovers(endpoint, name):
    """Resources named after the example that are still in the emulator."""
    found = []
    c = lambda s: aws_client(endpoint, s)  # noqa: E731
    found += [f"efs {f['FileSystemId']}" for f in c("efs").describe_file_systems()["FileSystems"] if f.get("CreationToken") == name]
    found += [f"lambda {f['FunctionName']}" for f in c("lambda").list_functions()["Functions"] if f["FunctionName"].startswith(name)]
    clusters = [a for a in c("ecs").list_clusters()["clusterArns"] if f"/{name}-" in a]
    found += [f"ecs cluster {k['clusterArn']}" for k in (c("ecs").describe_clusters(clusters=clusters)["clusters"] if clusters else [])
              if k["status"] != "INACTIVE"]
    found += [f"iam role {r['RoleName']}" for r in c("iam").list_roles()["Roles"] if r["RoleName"].startswith(f"{name}-")]
    found += [f"ssm {p['Name']}" for p in c("ssm").describe_parameters()["Parameters"] if p["Name"].startswith(f"/{name}/")]
    found += [f"log group {g['logGroupName']}" for g in c("logs").describe_log_groups()["logGroups"] if name in g["logGroupName"]]
    found += [f"ecr {r['repositoryName']}" for r in c("ecr").describe_repositories()["repositories"] if r["repositoryName"] == name]
    found += [f"dynamodb {t}" for t in c("dynamodb").list_tables()["TableNames"] if t.startswith(name)]
    found += [f"schedule {s['Name']}" for s in c("scheduler").list_schedules()["Schedules"] if s["Name"].startswith(name)]
    found += [f"alarm {a['AlarmName']}" for a in c("cloudwatch").describe_alarms()["MetricAlarms"] if a["AlarmName"].startswith(f"{name}-")]
    found += [f"security group {g['GroupId']} ({g['GroupName']})" for g in c("ec2").describe_security_groups()["SecurityGroups"]
              if g["GroupName"].startswith(f"{name}-")]
    for key in c("kms").list_keys()["Keys"]:
        meta = c("kms").describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        if meta.get("Description", "").startswith(f"{name}:") and meta["KeyState"] != "PendingDeletion":
            found.append(f"kms key {key['KeyId']} ({meta['KeyState']})")
    return found


def check_parameters_untouched(example, before, step):
    ssm = example.client("ssm")
    for name, (value, version) in before.items():
        parameter = ssm.get_parameter(Name=name)["Parameter"]
        if (parameter["Value"], parameter["Version"]) != (value, version):
            raise Failure(f"{step}: {name} was rewritten: version {version} -> {parameter['Version']}; "
                          f"the autoscaler's value:\n  {value[:800]}\nnow:\n  {parameter['Value'][:800]}")


def parameter_values(example, names):
    ssm = example.client("ssm")
    out = {}
    for name in names:
        parameter = ssm.get_parameter(Name=name)["Parameter"]
        out[name] = (parameter["Value"], parameter["Version"])
    return out


def run_new_vpc(example, work):
    example.prepare({"name": NAMES["new-vpc"], "file_count_threshold": 100, "alarm_email": None})
    example.first_deploy()
    log(example.name, "deployed in DEPLOY.md's order from an empty state")
    example.expect_empty_plan("plan-after-deploy")
    function, worker = example.read_back()
    file_system = example.output("file_system_id")
    owned = sorted(example.output("initial_mount_target_ids").values())
    tree = work / f"{example.name}-tree"
    make_tree(tree)
    example.run_autoscaler(function, tree, "scale-out-1")
    after = mount_target_ids(example, file_system)
    if len(after) != len(owned) + 1:
        raise Failure(f"expected one more mount target than Terraform's {owned}, found {after}")
    log(example.name, f"scaled out: {len(owned)} -> {len(after)} mount targets (timeout {function['Timeout']} s)")
    example.expect_empty_plan("plan-after-scale-out")

    # A later release: Terraform plans a change that touches the parameters (their tags), the
    # autoscaler writes in between, and the saved plan is applied.
    example.terraform("plan", "-out", "tfplan-later", "-var", 'tags={"release":"2"}', step="plan-later")
    example.run_autoscaler(function, tree, "scale-out-2", SCALE_OUT_COOLDOWN_SECONDS="0")
    names = [example.output("ssm_parameter_name")]
    names += [v for k, v in function["Environment"]["Variables"].items() if k == "STATE_PARAMETER_NAME"]
    written = parameter_values(example, names)
    example.terraform("apply", "tfplan-later", step="apply-later")
    check_parameters_untouched(example, written, "apply-later")
    log(example.name, "plan -out, autoscaler write, apply of that plan: the autoscaler's values and versions stayed")
    with open(example.dir / "test.auto.tfvars", "a") as tfvars:
        tfvars.write('tags = {"release" = "2"}\n')
    example.teardown()


def run_existing_vpc(example, work):
    seeded = seed_existing_vpc(example.endpoint)
    # The shortest timeout the module accepts: the count must still complete in it.
    example.prepare({**seeded, "name": NAMES["existing-vpc"], "file_count_threshold": 100,
                     "scale_in_threshold": 50, "lambda_timeout_seconds": 30})
    example.first_deploy()
    log(example.name, "deployed in DEPLOY.md's order from an empty state")
    # (new-vpc shows the plan empty right after the deploy; here only after the scale-out.)
    function, worker = example.read_back()
    file_system = example.output("file_system_id")
    tree = work / f"{example.name}-tree"
    make_tree(tree)
    report = example.run_autoscaler(function, tree, "scale-out")
    if report.get("count_source") != "walked":
        raise Failure(f"the function was to walk the tree itself: count_source {report.get('count_source')!r}")
    log(example.name, f"the function counted and scaled out within the module's shortest timeout "
                      f"({function['Timeout']} s): {len(mount_target_ids(example, file_system))} mount targets")
    # One mutator: the worker, as its task definition runs it, only counts; the function then
    # decides on that count (a second scale-out, the cooldown waived for this run only).
    before = mount_target_ids(example, file_system)
    environment = function["Environment"]["Variables"]
    example.run_worker(worker, tree, environment["LOCK_TABLE_NAME"], file_system)
    if mount_target_ids(example, file_system) != before:
        raise Failure("the count-only worker changed the mount targets")
    log(example.name, "the worker only counted: a new count in the lock table, the mount targets unchanged")
    report = example.run_autoscaler(function, tree, "scale-out-on-workers-count", SCALE_OUT_COOLDOWN_SECONDS="0")
    if report.get("count_source") != "cached":
        raise Failure(f"the function walked the tree instead of using the worker's count: count_source {report.get('count_source')!r}")
    log(example.name, f"the function decided on the worker's count: {len(mount_target_ids(example, file_system))} mount targets")
    example.expect_empty_plan("plan-after-scale-out")
    example.teardown()


def push_image(tag):
    """The docker shim's push: an image manifest under REPO:TAG in the emulator's ECR."""
    repository_url, _, image_tag = tag.rpartition(":")
    name = repository_url.split("/", 1)[1]
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 2,
                           "digest": "sha256:" + "0" * 64}, "layers": []}
    aws_client(os.environ["AWS_ENDPOINT_URL"], "ecr").put_image(repositoryName=name, imageManifest=json.dumps(manifest),
                                                                imageTag=image_tag)


def start_emulator(work):
    server = subprocess.Popen([sys.executable, str(HERE / "moto_apply_server.py"), "--parent-pid", str(os.getpid())],
                              stdout=subprocess.PIPE, stderr=open(work / "moto.log", "w"), text=True,
                              env={**os.environ, "MOTO_ECS_SERVICE_RUNNING": "1", "MOTO_SETTLED_DEPLOYMENTS": "1"})
    ready = server.stdout.readline().split()
    if len(ready) != 2 or ready[0] != "READY":
        raise Failure(f"the emulator did not start: {ready}")
    return server, f"http://127.0.0.1:{ready[1]}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary")
    ap.add_argument("--plugin-dir", default=os.environ.get("TF_PLUGIN_DIR", "/opt/tf-plugins"))
    ap.add_argument("--push-image")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directory")
    ap.add_argument("--only", choices=["new-vpc", "existing-vpc"])
    args = ap.parse_args()
    if args.push_image:
        push_image(args.push_image)
        return 0

    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    work = Path(tempfile.mkdtemp(prefix="tf-apply-"))
    server = None
    started = time.monotonic()
    try:
        server, endpoint = start_emulator(work)
        runs = {"new-vpc": run_new_vpc, "existing-vpc": run_existing_vpc}
        if args.only:
            runs = {args.only: runs[args.only]}
        examples = {name: Example(name, work, endpoint, Path(args.plugin_dir), Path(args.binary).resolve()) for name in runs}
        failures = []
        with concurrent.futures.ThreadPoolExecutor(len(runs)) as pool:
            futures = {pool.submit(run, examples[name], work): name for name, run in runs.items()}
            for future in concurrent.futures.as_completed(futures):
                name = futures[future]
                try:
                    future.result()
                    if examples[name].drift:
                        raise Failure("\n".join(examples[name].drift))
                except Failure as failure:
                    failures.append(name)
                    earlier = "".join(f"\n{d}" for d in examples[name].drift if d not in str(failure))
                    print(f"terraform-apply: [{name}] FAIL: {failure}{earlier}\n  logs: {examples[name].root}", file=sys.stderr)
        for name in runs:
            if name in failures:
                continue
            left = leftovers(endpoint, NAMES[name])
            if left:
                failures.append(name)
                print(f"terraform-apply: [{name}] FAIL: after the teardown the emulator still holds:\n  "
                      + "\n  ".join(left), file=sys.stderr)
            else:
                log(name, f"torn down, nothing left; step timings (s) {examples[name].timings}")
        print(f"terraform-apply: {len(runs) - len(failures)} passed, {len(failures)} failed "
              f"in {time.monotonic() - started:.0f}s", flush=True)
        return 1 if failures else 0
    except Failure as failure:
        print(f"terraform-apply: FAIL: {failure}", file=sys.stderr)
        return 1
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
        if not args.keep and not os.environ.get("KEEP_APPLY_TEST"):
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"terraform-apply: scratch kept in {work}")


if __name__ == "__main__":
    sys.exit(main())
