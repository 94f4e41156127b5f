# efs-autoscaler: an EFS file system whose mount targets follow the file count, the scheduled
# function and the Fargate worker that run the autoscaler, and everything they need. Concerns
# live in their own files: efs.tf, ssm.tf, iam.tf, lambda.tf, scheduler.tf, ecs.tf, ecr.tf,
# logs.tf, alarms.tf, kms.tf, security_groups.tf.

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

# The real AZ of each initial mount target's subnet, checked against the declared one.
data "aws_subnet" "initial" {
  for_each = { for m in var.initial_mount_targets : m.availability_zone => m }
  id       = each.value.subnet_id
}

locals {
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  tags = merge(var.tags, { "efs-autoscaler:stack" = var.name })

  # The function and the worker run where Terraform keeps a mount target, so scale-in can
  # never take away the mount target they read the tree through.
  compute_subnet_ids = [for m in var.initial_mount_targets : m.subnet_id]

  kms_key_arn = var.kms_key_arn != null ? var.kms_key_arn : aws_kms_key.this[0].arn

  ssm_parameter_name   = coalesce(var.ssm_parameter_name, "/${var.name}/mount-targets")
  state_parameter_name = "${local.ssm_parameter_name}/state"

  # Lambda requires EFS mounts under /mnt; the worker uses the same path so both see one tree.
  efs_mount_path   = "/mnt/efs"
  target_directory = var.target_subdirectory == "" ? local.efs_mount_path : "${local.efs_mount_path}/${var.target_subdirectory}"

  image_uri = var.image_uri != null ? var.image_uri : "${aws_ecr_repository.this.repository_url}:${var.image_tag}"

  schedule_expression = var.schedule_expression != null ? var.schedule_expression : "rate(${var.schedule_interval_minutes} ${var.schedule_interval_minutes == 1 ? "minute" : "minutes"})"

  app_service_arn = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:service/${var.app_ecs_cluster_name}/${var.app_ecs_service_name}"

  # DESIGN.md §6: the environment contract shared by the function and the worker. Optional
  # settings are left out when null so the binary applies its own documented default.
  autoscaler_environment = merge(
    {
      TARGET_DIRECTORY               = local.target_directory
      FILE_COUNT_THRESHOLD           = tostring(var.file_count_threshold)
      EFS_FILE_SYSTEM_ID             = aws_efs_file_system.this.id
      VPC_ID                         = var.vpc_id
      SUBNET_IDS                     = join(",", var.subnet_ids)
      SECURITY_GROUP_ID              = aws_security_group.mount_target.id
      SSM_PARAMETER_NAME             = local.ssm_parameter_name
      STATE_PARAMETER_NAME           = local.state_parameter_name
      ECS_CLUSTER_NAME               = var.app_ecs_cluster_name
      ECS_SERVICE_NAME               = var.app_ecs_service_name
      MANAGE_SERVICE_SUBNETS         = tostring(var.manage_service_subnets)
      MIN_MOUNT_TARGETS              = tostring(coalesce(var.min_mount_targets, length(var.initial_mount_targets)))
      SCALE_OUT_COOLDOWN_SECONDS     = tostring(var.scale_out_cooldown_seconds)
      SCALE_IN_STABILIZATION_SECONDS = tostring(var.scale_in_stabilization_seconds)
      DRAIN_TIMEOUT_SECONDS          = tostring(var.drain_timeout_seconds)
      COUNT_CACHE_TTL_SECONDS        = tostring(var.count_cache_ttl_seconds)
      COUNT_RECURSIVE                = tostring(var.count_recursive)
      DRY_RUN                        = tostring(var.dry_run)
      LOG_LEVEL                      = var.log_level
      LOG_FORMAT                     = "json"
      LOCK_TABLE_NAME                = aws_dynamodb_table.lock.name
      # The AZs of the mount targets Terraform owns: the autoscaler never deletes those.
      PROTECTED_AZS = join(",", sort([for m in var.initial_mount_targets : m.availability_zone]))
    },
    var.max_mount_targets == null ? {} : { MAX_MOUNT_TARGETS = tostring(var.max_mount_targets) },
    var.scale_in_threshold == null ? {} : { SCALE_IN_THRESHOLD = tostring(var.scale_in_threshold) },
    var.files_per_mount_target == null ? {} : { FILES_PER_MOUNT_TARGET = tostring(var.files_per_mount_target) },
    var.count_concurrency == null ? {} : { COUNT_CONCURRENCY = tostring(var.count_concurrency) },
    var.drain_min_seconds == null ? {} : { DRAIN_MIN_SECONDS = tostring(var.drain_min_seconds) },
    var.scale_out_timeout_seconds == null ? {} : { SCALE_OUT_TIMEOUT_SECONDS = tostring(var.scale_out_timeout_seconds) },
    var.mount_target_settle_seconds == null ? {} : { MOUNT_TARGET_SETTLE_SECONDS = tostring(var.mount_target_settle_seconds) },
    var.scale_in_cooldown_seconds == null ? {} : { SCALE_IN_COOLDOWN_SECONDS = tostring(var.scale_in_cooldown_seconds) },
    var.mount_target_ip_address_type == null ? {} : { MOUNT_TARGET_IP_ADDRESS_TYPE = var.mount_target_ip_address_type },
    length(var.service_subnet_ids) == 0 ? {} : { SERVICE_SUBNET_IDS = join(",", var.service_subnet_ids) },
    var.extra_environment,
  )
}
