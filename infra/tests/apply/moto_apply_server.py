#!/usr/bin/env python3
"""moto for the Terraform apply test: Tests/TestSupport/python/moto_runner.py (same READY
protocol, request log and parent watch) with moto's read-back gaps filled in.

The AWS provider reads every resource back after creating it and plans the difference. Where
moto accepts an argument but never returns it, every plan would show a change that real AWS
would not, and "the plan is empty after apply" could never hold. Each patch below returns
what moto was sent, nothing more; infra/tests/apply/README.md lists them with the reason.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "Tests", "TestSupport", "python"))

import moto_runner  # noqa: E402
from moto.awslambda import models as lambda_models  # noqa: E402
from moto.ec2.models import security_groups as ec2_security_groups  # noqa: E402
from moto.ecs import models as ecs_models  # noqa: E402
from moto.efs import models as efs_models  # noqa: E402
from moto.efs import responses as efs_responses  # noqa: E402


def patch_security_group_rule_description():
    """A rule that references a group keeps its description in the group pair, which
    DescribeSecurityGroupRules ignores (moto reads only the CIDR range's)."""
    rule = ec2_security_groups.SecurityGroupRule

    def description(self):
        return self.ip_range.get("Description") or (self.source_group or {}).get("Description")

    rule.description = property(description)


def patch_lambda_file_system_and_logging_config():
    """GetFunction leaves out FileSystemConfigs and LoggingConfig although CreateFunction and
    UpdateFunctionConfiguration accept them."""
    function = lambda_models.LambdaFunction
    original_init = function.__init__
    original_configuration = function.get_configuration
    original_update = function.update_configuration

    def init(self, account_id, spec, *args, **kwargs):
        original_init(self, account_id, spec, *args, **kwargs)
        self.fidelity_file_system_configs = spec.get("FileSystemConfigs") or []
        self.fidelity_logging_config = spec.get("LoggingConfig")

    def get_configuration(self, *args, **kwargs):
        config = original_configuration(self, *args, **kwargs)
        if getattr(self, "fidelity_file_system_configs", None):
            config["FileSystemConfigs"] = self.fidelity_file_system_configs
        if getattr(self, "fidelity_logging_config", None):
            config["LoggingConfig"] = self.fidelity_logging_config
        return config

    def update_configuration(self, config_updates):
        if "FileSystemConfigs" in config_updates:
            self.fidelity_file_system_configs = config_updates["FileSystemConfigs"] or []
        if "LoggingConfig" in config_updates:
            self.fidelity_logging_config = config_updates["LoggingConfig"]
        original_update(self, config_updates)
        return self.get_configuration()

    function.__init__ = init
    function.get_configuration = get_configuration
    function.update_configuration = update_configuration


def patch_ecs_service_az_rebalancing():
    """DescribeServices has no availabilityZoneRebalancing; the provider sends DISABLED (its
    default), which is also what ECS reports for a service created with it."""
    ecs_models.Service.availability_zone_rebalancing = "DISABLED"


def patch_efs_delete_file_system_policy():
    """moto has no DeleteFileSystemPolicy: the provider retries the unknown operation until
    its timeout, so `terraform destroy` never finishes."""

    def backend_delete(self, file_system_id):
        self.file_systems_by_id[file_system_id].file_system_policy = None

    def response_delete(self):
        self.efs_backend.delete_file_system_policy(self._get_param("FileSystemId"))
        return "{}", {"Content-Type": "application/json"}

    efs_models.EFSBackend.delete_file_system_policy = backend_delete
    efs_responses.EFSResponse.delete_file_system_policy = response_delete


def patch_efs_backup_policy():
    """moto has no PutBackupPolicy (the provider retries it without end: `aws_efs_backup_policy`
    never finishes creating), and DescribeBackupPolicy answers PolicyNotFound where EFS says
    DISABLED."""

    def status(self):
        return {"Status": "ENABLED" if self._backup else "DISABLED"}

    def backend_put(self, file_system_id, status):
        self.file_systems_by_id[file_system_id]._backup = status == "ENABLED"
        return self.file_systems_by_id[file_system_id].backup_policy

    def response_put(self):
        import json
        policy = self.efs_backend.put_backup_policy(self._get_param("FileSystemId"),
                                                    self._get_param("BackupPolicy")["Status"])
        return json.dumps({"BackupPolicy": policy}), {"Content-Type": "application/json"}

    efs_models.FileSystem.backup_policy = property(status)
    efs_models.EFSBackend.put_backup_policy = backend_put
    efs_responses.EFSResponse.put_backup_policy = response_put


if __name__ == "__main__":
    patch_efs_backup_policy()
    patch_efs_delete_file_system_policy()
    patch_security_group_rule_description()
    patch_lambda_file_system_and_logging_config()
    patch_ecs_service_az_rebalancing()
    moto_runner.main()
