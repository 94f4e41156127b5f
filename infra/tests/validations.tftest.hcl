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
    condition     = local.worker_container.user == "10001:10001" && local.worker_container.stopTimeout == 120 && local.worker_container.readonlyRootFilesystem && local.worker_container.command == ["--interval", "300s", "--grace", "110s"]
    error_message = "the worker must run as the non-root user"
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
