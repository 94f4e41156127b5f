# `terraform test` (offline, mocked AWS provider): the variable validations and preconditions
# reject bad input at plan time, and good input plans. Run by scripts/checks/terraform-validate.sh
# where a terraform binary and provider mirror exist.

mock_provider "aws" {
  # Mocked computed values (ARNs, URLs) are known at plan time, so plans can be asserted on.
  override_during = plan

  mock_data "aws_region" {
    defaults = { name = "ap-northeast-1" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_resource "aws_efs_file_system" {
    defaults = { arn = "arn:aws:elasticfilesystem:ap-northeast-1:123456789012:file-system/fs-0123456789abcdef0", id = "fs-0123456789abcdef0" }
  }
  mock_resource "aws_ecr_repository" {
    defaults = { repository_url = "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/efs-autoscaler", arn = "arn:aws:ecr:ap-northeast-1:123456789012:repository/efs-autoscaler" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/efs-autoscaler" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:ap-northeast-1:123456789012:function:efs-autoscaler" }
  }
  mock_resource "aws_dynamodb_table" {
    defaults = { arn = "arn:aws:dynamodb:ap-northeast-1:123456789012:table/efs-autoscaler-lock" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:ap-northeast-1:123456789012:key/11111111-2222-3333-4444-555555555555" }
  }
}

override_data {
  target = data.aws_subnet.initial["ap-northeast-1a"]
  values = { availability_zone = "ap-northeast-1a", vpc_id = "vpc-0123456789abcdef0" }
}

variables {
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]
  initial_mount_targets = [
    { availability_zone = "ap-northeast-1a", subnet_id = "subnet-0aaaaaaaaaaaaaaa1" },
  ]
  app_ecs_cluster_name = "app"
  app_ecs_service_name = "web"
}

run "good_input_plans" {
  command = plan

  assert {
    condition     = aws_lambda_function.this[0].reserved_concurrent_executions == 1
    error_message = "the function must never run twice at once"
  }
  assert {
    condition     = aws_lambda_function_event_invoke_config.this[0].maximum_retry_attempts == 0
    error_message = "Lambda must not retry a failed run"
  }
  assert {
    condition     = local.autoscaler_environment["MIN_MOUNT_TARGETS"] == "1" && local.autoscaler_environment["TARGET_DIRECTORY"] == "/mnt/efs"
    error_message = "environment defaults wrong"
  }
  assert {
    condition     = !contains(keys(local.autoscaler_environment), "SCALE_IN_THRESHOLD") && !contains(keys(local.autoscaler_environment), "MAX_MOUNT_TARGETS")
    error_message = "unset optional settings must be left to the binary's defaults"
  }
  assert {
    condition     = local.schedule_expression == "rate(5 minutes)"
    error_message = "default schedule"
  }
  assert {
    condition     = local.worker_container.user == "10001:10001" && local.worker_container.stopTimeout == 120 && local.worker_container.readonlyRootFilesystem && local.worker_container.command == ["--count-only", "--interval", "300s", "--grace", "110s"]
    error_message = "the worker must run as the non-root user"
  }
  assert {
    condition     = local.autoscaler_environment["LOCK_TABLE_NAME"] == "efs-autoscaler-lock" && local.autoscaler_environment["PROTECTED_AZS"] == "ap-northeast-1a"
    error_message = "The function and the worker get the lock table and the AZs of Terraform's own mount targets."
  }
  assert {
    condition     = local.autoscaler_environment["DRAIN_MIN_SECONDS"] == "300" && local.autoscaler_environment["SCALE_OUT_TIMEOUT_SECONDS"] == "1800" && local.autoscaler_environment["MOUNT_TARGET_SETTLE_SECONDS"] == "90"
    error_message = "The drain, scale-out and settle defaults are passed."
  }
  assert {
    condition     = !contains(keys(local.autoscaler_environment), "MOUNT_TARGET_IP_ADDRESS_TYPE") && !contains(keys(local.autoscaler_environment), "SERVICE_SUBNET_IDS")
    error_message = "Unset optional settings stay out of the environment."
  }
  assert {
    condition     = aws_dynamodb_table.lock.billing_mode == "PAY_PER_REQUEST" && aws_dynamodb_table.lock.hash_key == "file_system_id" && aws_dynamodb_table.lock.ttl[0].attribute_name == "expires_ttl" && aws_dynamodb_table.lock.point_in_time_recovery[0].enabled
    error_message = "The lock table is on demand, keyed by file system, with TTL and point-in-time recovery."
  }
  assert {
    condition     = length(aws_efs_backup_policy.this) == 1 && length(aws_vpc_security_group_ingress_rule.nfs_from_clients) == 0
    error_message = "Backups are on by default; no client rule without client groups."
  }
  assert {
    condition     = local.doctor_container.entryPoint == ["efs-autoscaler"] && local.doctor_container.command == ["doctor"]
    error_message = "the doctor task runs efs-autoscaler doctor"
  }
}

run "empty_subnets_rejected" {
  command = plan
  variables {
    subnet_ids = []
  }
  expect_failures = [var.subnet_ids]
}

run "duplicate_az_rejected" {
  command = plan
  variables {
    initial_mount_targets = [
      { availability_zone = "ap-northeast-1a", subnet_id = "subnet-0aaaaaaaaaaaaaaa1" },
      { availability_zone = "ap-northeast-1a", subnet_id = "subnet-0bbbbbbbbbbbbbbb2" },
    ]
  }
  expect_failures = [var.initial_mount_targets]
}

run "zero_threshold_rejected" {
  command = plan
  variables {
    file_count_threshold = 0
  }
  expect_failures = [var.file_count_threshold]
}

run "scale_in_above_threshold_rejected" {
  command = plan
  variables {
    file_count_threshold = 1000
    scale_in_threshold   = 1000
  }
  expect_failures = [var.scale_in_threshold]
}

run "min_above_max_rejected" {
  command = plan
  variables {
    min_mount_targets = 3
    max_mount_targets = 2
  }
  expect_failures = [var.max_mount_targets]
}

run "bad_schedule_rejected" {
  command = plan
  variables {
    schedule_expression = "every 5 minutes"
  }
  expect_failures = [var.schedule_expression]
}

run "cron_schedule_accepted" {
  command = plan
  variables {
    schedule_expression = "cron(0/5 * * * ? *)"
  }
  assert {
    condition     = aws_scheduler_schedule.this[0].schedule_expression == "cron(0/5 * * * ? *)"
    error_message = "cron expression must pass through"
  }
}

run "subnet_in_wrong_az_rejected" {
  command = plan
  override_data {
    target = data.aws_subnet.initial["ap-northeast-1a"]
    values = { availability_zone = "ap-northeast-1c", vpc_id = "vpc-0123456789abcdef0" }
  }
  expect_failures = [aws_efs_mount_target.initial]
}

# The shortest timeout the module accepts is the one the code's count reserve was sized for
# (ReconcilerOptions.countReserve: a quarter of the run); one second less is rejected.
run "lambda_timeout_boundary_accepted" {
  command = plan
  variables {
    lambda_timeout_seconds = 30
  }
  assert {
    condition     = aws_lambda_function.this[0].timeout == 30
    error_message = "30 s is accepted."
  }
}

run "lambda_timeout_below_boundary_rejected" {
  command = plan
  variables {
    lambda_timeout_seconds = 29
  }
  expect_failures = [var.lambda_timeout_seconds]
}

run "full_worker_next_to_the_function_rejected" {
  command = plan
  variables {
    worker_mode = "full"
  }
  expect_failures = [var.worker_mode]
}

run "full_worker_alone_accepted" {
  command = plan
  variables {
    worker_mode   = "full"
    create_lambda = false
  }
  assert {
    condition     = local.worker_container.command == ["--interval", "300s", "--grace", "110s"]
    error_message = "A full worker reconciles."
  }
}

run "bad_ip_address_type_rejected" {
  command = plan
  variables {
    mount_target_ip_address_type = "IPV5"
  }
  expect_failures = [var.mount_target_ip_address_type]
}

run "negative_drain_rejected" {
  command = plan
  variables {
    drain_min_seconds = -1
  }
  expect_failures = [var.drain_min_seconds]
}

run "client_groups_get_a_rule_each" {
  command = plan
  variables {
    client_security_group_ids = ["sg-0123456789abcdef0", "sg-0fedcba9876543210"]
    service_subnet_ids        = ["subnet-0ccccccccccccccc3"]
  }
  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.nfs_from_clients) == 2 && aws_vpc_security_group_ingress_rule.nfs_from_clients[1].referenced_security_group_id == "sg-0fedcba9876543210"
    error_message = "One NFS rule per client group, keyed by position."
  }
  assert {
    condition     = local.autoscaler_environment["SERVICE_SUBNET_IDS"] == "subnet-0ccccccccccccccc3"
    error_message = "service_subnet_ids is passed through."
  }
}
