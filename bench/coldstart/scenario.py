"""The seeded moto scenario and the environment the benchmarks give efs-autoscaler (the demo's
configuration), shared by bench/coldstart and bench/countcache."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = os.path.join(HERE, "..", "..", "Tests", "TestSupport", "python", "moto_scenario.py")
REGION = "ap-northeast-1"


def seed(endpoint):
    out = subprocess.run([sys.executable, SCENARIO, "--endpoint", endpoint, "--region", REGION],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def environment(scenario, endpoint, tree, threshold, api=None, ttl=0):
    """The demo's configuration. LOCK_TABLE_NAME is the seeded lock table (releases before the
    lock table ignore it and keep their state in the SSM state parameter's default name)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "http_", "https_", "HTTP"))}
    env.update({
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": scenario["accessKeyId"], "AWS_SECRET_ACCESS_KEY": scenario["secretAccessKey"],
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": "/nonexistent",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
        "AWS_LAMBDA_FUNCTION_NAME": "efs-autoscaler", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
        "TARGET_DIRECTORY": tree, "FILE_COUNT_THRESHOLD": str(threshold),
        "EFS_FILE_SYSTEM_ID": scenario["fileSystemId"], "VPC_ID": scenario["vpcId"],
        "SECURITY_GROUP_ID": scenario["securityGroupId"], "SSM_PARAMETER_NAME": scenario["parameterName"],
        "LOCK_TABLE_NAME": scenario["lockTableName"],
        "ECS_CLUSTER_NAME": scenario["clusterName"], "ECS_SERVICE_NAME": scenario["serviceName"],
        "MANAGE_SERVICE_SUBNETS": "true", "SCALE_OUT_COOLDOWN_SECONDS": "300",
        "COUNT_CACHE_TTL_SECONDS": str(ttl), "LOG_LEVEL": "info", "LOG_FORMAT": "json",
    })
    if api is not None:
        env["AWS_LAMBDA_RUNTIME_API"] = api
    return env
