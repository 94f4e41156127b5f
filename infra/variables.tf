###############################################################################
# Naming and tagging
###############################################################################

variable "name" {
  description = "Name prefix for every resource (function, cluster, repository, roles, log groups)."
  type        = string
  default     = "efs-autoscaler"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", var.name))
    error_message = "name must be 3-40 characters of lower-case letters, digits and hyphens, starting with a letter (IAM role names get suffixes up to 24 characters)."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource."
  type        = map(string)
  default     = {}
}

###############################################################################
# Network
###############################################################################

variable "vpc_id" {
  description = "VPC that holds the file system, its mount targets, the function and the worker (VPC_ID)."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123456789abcdef0."
  }
}

variable "subnet_ids" {
  description = "Subnets eligible for mount targets, one per AZ is chosen (SUBNET_IDS). The autoscaler only ever adds mount targets in these subnets' AZs."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "subnet_ids must not be empty: the autoscaler needs at least one eligible subnet."
  }
  validation {
    condition     = alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "every subnet_ids entry must look like subnet-0123456789abcdef0."
  }
  validation {
    condition     = length(distinct(var.subnet_ids)) == length(var.subnet_ids)
    error_message = "subnet_ids must not repeat a subnet."
  }
}

variable "initial_mount_targets" {
  description = <<-EOT
    Mount targets Terraform creates with the file system, one per AZ. The function and the
    worker run in these subnets, so their own mount stays available whatever the autoscaler
    does; min_mount_targets must be at least this many. Each availability_zone is checked
    against the subnet's real AZ at plan time.
  EOT
  type = list(object({
    availability_zone = string
    subnet_id         = string
  }))

  validation {
    condition     = length(var.initial_mount_targets) > 0
    error_message = "initial_mount_targets must not be empty: the function and the worker need a mount target in their own AZ."
  }
  validation {
    condition     = length(distinct([for m in var.initial_mount_targets : m.availability_zone])) == length(var.initial_mount_targets)
    error_message = "initial_mount_targets must name each availability_zone at most once: EFS allows one mount target per AZ."
  }
  validation {
    condition     = alltrue([for m in var.initial_mount_targets : contains(var.subnet_ids, m.subnet_id)])
    error_message = "every initial_mount_targets subnet_id must also be listed in subnet_ids."
  }
}

variable "client_security_group_ids" {
  description = "Security groups of the application's tasks (and any other NFS clients). Only they, the function and the worker may reach NFS (2049/tcp) on the mount targets."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.client_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", s))])
    error_message = "every client_security_group_ids entry must look like sg-0123456789abcdef0."
  }
}

###############################################################################
# File system
###############################################################################

variable "kms_key_arn" {
  description = "Customer-managed KMS key for EFS, log groups and the image repository. Null: the module creates one (with rotation)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID) or null."
  }
}

variable "efs_performance_mode" {
  description = "EFS performance mode. generalPurpose suits almost everything; maxIO only for very high aggregate client counts."
  type        = string
  default     = "generalPurpose"

  validation {
    condition     = contains(["generalPurpose", "maxIO"], var.efs_performance_mode)
    error_message = "efs_performance_mode must be generalPurpose or maxIO."
  }
}

variable "efs_throughput_mode" {
  description = "EFS throughput mode."
  type        = string
  default     = "elastic"

  validation {
    condition     = contains(["bursting", "elastic", "provisioned"], var.efs_throughput_mode)
    error_message = "efs_throughput_mode must be bursting, elastic or provisioned."
  }
}

variable "efs_provisioned_throughput_mibps" {
  description = "Provisioned throughput in MiB/s; required when efs_throughput_mode is provisioned."
  type        = number
  default     = null

  validation {
    condition     = var.efs_throughput_mode != "provisioned" || (var.efs_provisioned_throughput_mibps != null && try(var.efs_provisioned_throughput_mibps > 0, false))
    error_message = "efs_provisioned_throughput_mibps must be > 0 when efs_throughput_mode is provisioned."
  }
}

variable "efs_transition_to_ia" {
  description = "Lifecycle policy: move files not accessed for this long to Infrequent Access. Null disables."
  type        = string
  default     = "AFTER_30_DAYS"

  validation {
    condition     = var.efs_transition_to_ia == null || contains(["AFTER_1_DAY", "AFTER_7_DAYS", "AFTER_14_DAYS", "AFTER_30_DAYS", "AFTER_60_DAYS", "AFTER_90_DAYS", "AFTER_180_DAYS", "AFTER_270_DAYS", "AFTER_365_DAYS"], var.efs_transition_to_ia)
    error_message = "efs_transition_to_ia must be null or one of AFTER_1_DAY, AFTER_7_DAYS, AFTER_14_DAYS, AFTER_30_DAYS, AFTER_60_DAYS, AFTER_90_DAYS, AFTER_180_DAYS, AFTER_270_DAYS, AFTER_365_DAYS."
  }
}

variable "efs_backup_enabled" {
  description = "Turn on EFS automatic backups (AWS Backup default plan)."
  type        = bool
  default     = true
}

variable "access_point_path" {
  description = "Root directory of the EFS access point the function and the worker mount (the tree that is counted)."
  type        = string
  default     = "/data"

  validation {
    condition     = can(regex("^/([A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*)?$", var.access_point_path))
    error_message = "access_point_path must be an absolute path such as /data, without a trailing slash."
  }
}

variable "access_point_posix_uid" {
  description = "POSIX uid the access point enforces; matches the container's non-root user."
  type        = number
  default     = 10001
}

variable "access_point_posix_gid" {
  description = "POSIX gid the access point enforces; matches the container's non-root group."
  type        = number
  default     = 10001
}

###############################################################################
# The application service whose subnets the autoscaler manages
###############################################################################

variable "app_ecs_cluster_name" {
  description = "ECS cluster of the application service the autoscaler redeploys (ECS_CLUSTER_NAME)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.app_ecs_cluster_name))
    error_message = "app_ecs_cluster_name must be an ECS cluster name (letters, digits, hyphens, underscores), not an ARN."
  }
}

variable "app_ecs_service_name" {
  description = "ECS service the autoscaler redeploys and whose awsvpc subnets it keeps in AZs with a mount target (ECS_SERVICE_NAME). Its own Terraform must ignore network_configuration[0].subnets (see docs/DEPLOY.md)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.app_ecs_service_name))
    error_message = "app_ecs_service_name must be an ECS service name (letters, digits, hyphens, underscores), not an ARN."
  }
}

variable "manage_service_subnets" {
  description = "MANAGE_SERVICE_SUBNETS: let the autoscaler rewrite the application service's subnets."
  type        = bool
  default     = true
}

###############################################################################
# Scaling policy (DESIGN.md §2, §6)
###############################################################################

variable "file_count_threshold" {
  description = "FILE_COUNT_THRESHOLD: above this many files, one more AZ gets a mount target."
  type        = number
  default     = 100000

  validation {
    condition     = var.file_count_threshold > 0 && floor(var.file_count_threshold) == var.file_count_threshold
    error_message = "file_count_threshold must be a whole number > 0."
  }
}

variable "scale_in_threshold" {
  description = "SCALE_IN_THRESHOLD: below this many files (held for the stabilization window), one AZ is removed. Null: never scale in."
  type        = number
  default     = null

  validation {
    condition     = var.scale_in_threshold == null || try(var.scale_in_threshold >= 0 && var.scale_in_threshold < var.file_count_threshold, false)
    error_message = "scale_in_threshold must be null or >= 0 and below file_count_threshold (otherwise the autoscaler would flap)."
  }
}

variable "files_per_mount_target" {
  description = "FILES_PER_MOUNT_TARGET: switches to proportional mode (ceil(count / this)). Null: threshold mode."
  type        = number
  default     = null

  validation {
    condition     = var.files_per_mount_target == null || try(var.files_per_mount_target > 0, false)
    error_message = "files_per_mount_target must be null or > 0."
  }
}

variable "min_mount_targets" {
  description = "MIN_MOUNT_TARGETS. Null: the number of initial_mount_targets, so the function's and the worker's AZs keep theirs."
  type        = number
  default     = null

  validation {
    condition     = var.min_mount_targets == null || try(var.min_mount_targets >= length(var.initial_mount_targets), false)
    error_message = "min_mount_targets must be null or at least the number of initial_mount_targets (the function and the worker mount through them)."
  }
}

variable "max_mount_targets" {
  description = "MAX_MOUNT_TARGETS. Null: every eligible AZ."
  type        = number
  default     = null

  validation {
    condition     = var.max_mount_targets == null || try(var.max_mount_targets >= 1 && var.max_mount_targets >= coalesce(var.min_mount_targets, length(var.initial_mount_targets)), false)
    error_message = "max_mount_targets must be null or >= 1 and >= min_mount_targets (min <= max)."
  }
}

variable "scale_out_cooldown_seconds" {
  description = "SCALE_OUT_COOLDOWN_SECONDS, counted from when the previous action completed."
  type        = number
  default     = 300

  validation {
    condition     = var.scale_out_cooldown_seconds >= 0
    error_message = "scale_out_cooldown_seconds must be >= 0."
  }
}

variable "scale_in_stabilization_seconds" {
  description = "SCALE_IN_STABILIZATION_SECONDS: how long the low signal must hold before one AZ is removed."
  type        = number
  default     = 900

  validation {
    condition     = var.scale_in_stabilization_seconds >= 0
    error_message = "scale_in_stabilization_seconds must be >= 0."
  }
}

variable "drain_timeout_seconds" {
  description = "DRAIN_TIMEOUT_SECONDS: the longest scale-in waits for the application's redeployment before deleting a mount target."
  type        = number
  default     = 900

  validation {
    condition     = var.drain_timeout_seconds > 0
    error_message = "drain_timeout_seconds must be > 0."
  }
}

variable "count_cache_ttl_seconds" {
  description = "COUNT_CACHE_TTL_SECONDS: a count younger than this (e.g. the worker's) is reused instead of walking the tree."
  type        = number
  default     = 300

  validation {
    condition     = var.count_cache_ttl_seconds >= 0
    error_message = "count_cache_ttl_seconds must be >= 0."
  }
}

variable "count_concurrency" {
  description = "COUNT_CONCURRENCY: directories read in parallel. Null: the binary's default."
  type        = number
  default     = null

  validation {
    condition     = var.count_concurrency == null || try(var.count_concurrency >= 1 && var.count_concurrency <= 1024, false)
    error_message = "count_concurrency must be null or between 1 and 1024."
  }
}

variable "count_recursive" {
  description = "COUNT_RECURSIVE: false counts the top level only, like the original."
  type        = bool
  default     = true
}

variable "target_subdirectory" {
  description = "Directory under the access point root that is counted; empty counts the whole access point."
  type        = string
  default     = ""

  validation {
    condition     = var.target_subdirectory == "" || can(regex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$", var.target_subdirectory))
    error_message = "target_subdirectory must be empty or a relative path such as incoming/2024 (no leading or trailing slash, no ..)."
  }
}

variable "drain_min_seconds" {
  description = "DRAIN_MIN_SECONDS: after a scale-in unpublishes a mount target and redeploys, hold at least this long before deleting it. Null: leave it unset (the binary's default, 300)."
  type        = number
  default     = 300

  validation {
    condition     = var.drain_min_seconds == null || try(var.drain_min_seconds >= 0 && floor(var.drain_min_seconds) == var.drain_min_seconds, false)
    error_message = "drain_min_seconds must be null or a whole number >= 0."
  }
}

variable "scale_out_timeout_seconds" {
  description = "SCALE_OUT_TIMEOUT_SECONDS: a mount target still not available this long after its creation is a failed scale-out (alarmed on through PendingOperationAgeSeconds). Null: the binary's default."
  type        = number
  default     = 1800

  validation {
    condition     = var.scale_out_timeout_seconds == null || try(var.scale_out_timeout_seconds >= 60 && floor(var.scale_out_timeout_seconds) == var.scale_out_timeout_seconds, false)
    error_message = "scale_out_timeout_seconds must be null or a whole number >= 60 (a mount target takes a minute or two to become available)."
  }
}

variable "mount_target_settle_seconds" {
  description = "MOUNT_TARGET_SETTLE_SECONDS: how long a new mount target must be available before its AZ is added to the service (it is published at once; AWS advises up to 90 s for its DNS name). Null: the binary's default."
  type        = number
  default     = 90

  validation {
    condition     = var.mount_target_settle_seconds == null || try(var.mount_target_settle_seconds >= 0 && var.mount_target_settle_seconds <= 3600 && floor(var.mount_target_settle_seconds) == var.mount_target_settle_seconds, false)
    error_message = "mount_target_settle_seconds must be null or a whole number between 0 and 3600."
  }
}

variable "mount_target_ip_address_type" {
  description = "MOUNT_TARGET_IP_ADDRESS_TYPE of the mount targets the autoscaler creates: IPV4_ONLY, DUAL_STACK or IPV6_ONLY (the subnets must have the matching CIDRs). Null: unset (EFS's default, IPV4_ONLY)."
  type        = string
  default     = null

  validation {
    condition     = var.mount_target_ip_address_type == null || contains(["IPV4_ONLY", "DUAL_STACK", "IPV6_ONLY"], coalesce(var.mount_target_ip_address_type, "-"))
    error_message = "mount_target_ip_address_type must be null, IPV4_ONLY, DUAL_STACK or IPV6_ONLY."
  }
}

variable "service_subnet_ids" {
  description = "SERVICE_SUBNET_IDS: the application service's candidate subnets, one per AZ, when they differ from subnet_ids (the mount targets'). Empty: unset (the service uses the mount targets' subnets)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.service_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "every service_subnet_ids entry must look like subnet-0123456789abcdef0."
  }
  validation {
    condition     = length(distinct(var.service_subnet_ids)) == length(var.service_subnet_ids)
    error_message = "service_subnet_ids must not repeat a subnet."
  }
}

variable "ssm_parameter_name" {
  description = "SSM_PARAMETER_NAME: the published mount-target list (original format). Null: /<name>/mount-targets."
  type        = string
  default     = null

  validation {
    condition     = var.ssm_parameter_name == null || can(regex("^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.ssm_parameter_name))
    error_message = "ssm_parameter_name must be null or a hierarchical name such as /efs-autoscaler/mount-targets."
  }
}

variable "dry_run" {
  description = "DRY_RUN: observe, decide and report, but change nothing."
  type        = bool
  default     = false
}

variable "log_level" {
  description = "LOG_LEVEL of the function and the worker."
  type        = string
  default     = "info"

  validation {
    condition     = contains(["trace", "debug", "info", "notice", "warning", "error", "critical"], var.log_level)
    error_message = "log_level must be one of trace, debug, info, notice, warning, error, critical."
  }
}

variable "extra_environment" {
  description = "More environment variables for the function and the worker (they win over the module's)."
  type        = map(string)
  default     = {}
}

###############################################################################
# Image and function
###############################################################################

variable "architecture" {
  description = "CPU architecture of the image/zip: x86_64 (what docs/DEPLOY.md builds by default) or arm64."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "image_tag" {
  description = "Tag of the image in the module's repository, used by the worker and (package type Image) by the function. The repository is immutable: push a new tag per release."
  type        = string
  default     = "latest-release"

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a valid image tag (letters, digits, _ . -, at most 128 characters)."
  }
}

variable "image_uri" {
  description = "Full image URI to run instead of <repository>:<image_tag> (e.g. a digest). Must be in ECR in this account and region for Lambda."
  type        = string
  default     = null
}

variable "create_lambda" {
  description = "Create the scheduled Lambda function."
  type        = bool
  default     = true
}

variable "lambda_package_type" {
  description = "Image: the function runs the worker image (docs/DEPLOY.md explains why this is the default). Zip: a provided.al2023 zip from lambda/package.sh, built on an AL2023-compatible host."
  type        = string
  default     = "Image"

  validation {
    condition     = contains(["Image", "Zip"], var.lambda_package_type)
    error_message = "lambda_package_type must be Image or Zip."
  }
}

variable "lambda_zip_path" {
  description = "Path of the zip from lambda/package.sh; required when lambda_package_type is Zip."
  type        = string
  default     = null

  validation {
    condition     = var.lambda_package_type != "Zip" || var.lambda_zip_path != null
    error_message = "lambda_zip_path is required when lambda_package_type is Zip."
  }
}

variable "lambda_timeout_seconds" {
  description = "Function timeout. The code keeps a quarter of the run (at most 60 s) after the count for the reconcile step, so even the shortest accepted timeout leaves the count 22.5 s (ReconcilerOptions.countReserve); a step cut by the deadline is recorded as pending and resumed by the next run."
  type        = number
  default     = 300

  validation {
    condition     = var.lambda_timeout_seconds >= 30 && var.lambda_timeout_seconds <= 900
    error_message = "lambda_timeout_seconds must be between 30 and 900."
  }
}

variable "lambda_memory_mb" {
  description = "Function memory (also buys CPU for the parallel directory walk)."
  type        = number
  default     = 512

  validation {
    condition     = var.lambda_memory_mb >= 128 && var.lambda_memory_mb <= 10240
    error_message = "lambda_memory_mb must be between 128 and 10240."
  }
}

variable "schedule_interval_minutes" {
  description = "How often the function runs; also the worker's interval and the base of the missed-run alarm."
  type        = number
  default     = 5

  validation {
    condition     = var.schedule_interval_minutes >= 1 && var.schedule_interval_minutes <= 1440 && floor(var.schedule_interval_minutes) == var.schedule_interval_minutes
    error_message = "schedule_interval_minutes must be a whole number between 1 and 1440."
  }
}

variable "schedule_expression" {
  description = "Override the schedule with an EventBridge Scheduler expression: rate(...), cron(...) or at(...). Null: rate(schedule_interval_minutes minutes)."
  type        = string
  default     = null

  validation {
    condition     = var.schedule_expression == null || can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(\\S+( \\S+){5}\\)|at\\([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\))$", var.schedule_expression))
    error_message = "schedule_expression must be rate(N minutes|hours|days), cron(six fields) or at(yyyy-mm-ddThh:mm:ss)."
  }
}

variable "schedule_timezone" {
  description = "Time zone for cron/at schedule expressions."
  type        = string
  default     = "UTC"
}

###############################################################################
# Worker (ECS Fargate)
###############################################################################

variable "worker_mode" {
  description = <<-EOT
    count-only (default): the worker runs `worker --count-only`, only counting the tree and
    writing the count cache, and the function decides and mutates: one mutating face per file
    system. full: the worker reconciles too; then create_lambda must be false.
  EOT
  type        = string
  default     = "count-only"

  validation {
    condition     = contains(["count-only", "full"], var.worker_mode)
    error_message = "worker_mode must be count-only or full."
  }
  validation {
    condition     = var.worker_mode == "count-only" || !var.create_lambda || !var.create_worker
    error_message = "worker_mode = full makes the worker a second mutating face next to the function: set create_lambda = false (one mutator per file system)."
  }
}

variable "create_worker" {
  description = "Create the ECS cluster, task definition and service that run `efs-autoscaler worker`."
  type        = bool
  default     = true
}

variable "worker_cpu" {
  description = "Fargate task CPU units."
  type        = number
  default     = 512

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.worker_cpu)
    error_message = "worker_cpu must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "worker_memory_mb" {
  description = "Fargate task memory in MiB (must fit worker_cpu)."
  type        = number
  default     = 1024

  validation {
    condition     = var.worker_memory_mb >= 512 && var.worker_memory_mb <= 122880
    error_message = "worker_memory_mb must be between 512 and 122880."
  }
}

variable "worker_stop_timeout_seconds" {
  description = "Seconds ECS waits after SIGTERM before SIGKILL; the worker gets 10 s less (--grace) to finish its current step."
  type        = number
  default     = 120

  validation {
    condition     = var.worker_stop_timeout_seconds >= 15 && var.worker_stop_timeout_seconds <= 120
    error_message = "worker_stop_timeout_seconds must be between 15 (the worker's --grace is 10 s less) and 120 (the Fargate maximum)."
  }
}

variable "worker_enable_execute_command" {
  description = "Allow `aws ecs execute-command` into the worker (adds the ssmmessages channel actions to the task role)."
  type        = bool
  default     = false
}

variable "container_user" {
  description = "uid:gid the worker container runs as; the image's non-root user is 10001:10001."
  type        = string
  default     = "10001:10001"

  validation {
    condition     = can(regex("^[1-9][0-9]*:[1-9][0-9]*$", var.container_user))
    error_message = "container_user must be a non-root numeric uid:gid such as 10001:10001."
  }
}

###############################################################################
# Logs and alarms
###############################################################################

variable "log_retention_days" {
  description = "Retention of the function's and the worker's log groups."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)."
  }
}

variable "alarm_actions" {
  description = "ARNs (e.g. SNS topics) notified when an alarm fires and when it recovers."
  type        = list(string)
  default     = []
}

variable "alarm_missed_runs" {
  description = "The no-successful-run alarm fires after this many schedule intervals without one."
  type        = number
  default     = 3

  validation {
    condition     = var.alarm_missed_runs >= 1 && var.alarm_missed_runs * var.schedule_interval_minutes <= 1440
    error_message = "alarm_missed_runs must be >= 1 and alarm_missed_runs * schedule_interval_minutes must be at most 1440 (one day)."
  }
}

variable "alarm_duration_ratio" {
  description = "The duration alarm fires when the longest run exceeds this fraction of the timeout."
  type        = number
  default     = 0.8

  validation {
    condition     = var.alarm_duration_ratio > 0 && var.alarm_duration_ratio < 1
    error_message = "alarm_duration_ratio must be between 0 and 1 (exclusive)."
  }
}

variable "alarm_scale_actions_per_hour" {
  description = "The scale-burst alarm fires when more than this many scale actions (EMF metric EFSAutoscaler/ScaleActions) happen in one hour."
  type        = number
  default     = 3

  validation {
    condition     = var.alarm_scale_actions_per_hour >= 1
    error_message = "alarm_scale_actions_per_hour must be >= 1."
  }
}

variable "alarm_pending_operation_age_seconds" {
  description = "The pending-operation alarm fires when an operation (a scale-out waiting for its mount target, a drain) has been pending longer than this (EMF metric EFSAutoscaler/PendingOperationAgeSeconds)."
  type        = number
  default     = 1800

  validation {
    condition     = var.alarm_pending_operation_age_seconds >= 60
    error_message = "alarm_pending_operation_age_seconds must be >= 60."
  }
}

variable "efs_client_root_access" {
  description = "Grant NFS clients (other than the autoscaler) root access; off means root is squashed."
  type        = bool
  default     = false
}

variable "scale_in_cooldown_seconds" {
  description = "SCALE_IN_COOLDOWN_SECONDS: how long after the last completed action a scale-in may start. null: scale_out_cooldown_seconds gates scale-in too."
  type        = number
  default     = null

  validation {
    condition     = var.scale_in_cooldown_seconds == null || (coalesce(var.scale_in_cooldown_seconds, 0) >= 0 && coalesce(var.scale_in_cooldown_seconds, 0) <= 604800)
    error_message = "scale_in_cooldown_seconds must be from 0 to 604800."
  }
}
