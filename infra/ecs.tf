# The Fargate worker: `efs-autoscaler worker` reconciles every interval and can count trees too
# large for a Lambda run; the function then reuses its cached count (COUNT_CACHE_TTL_SECONDS).

locals {
  worker_container = {
    name      = "worker"
    image     = local.image_uri
    essential = true
    # The image's ENTRYPOINT is ["efs-autoscaler", "worker"]. On SIGTERM the worker waits up to
    # --grace for the run in progress: 10 s less than ECS waits before SIGKILL.
    # worker_mode count-only (default): it counts and writes the count cache, the function
    # decides and mutates; one mutating face per file system.
    command = concat(var.worker_mode == "count-only" ? ["--count-only"] : [],
    ["--interval", "${var.schedule_interval_minutes * 60}s", "--grace", "${var.worker_stop_timeout_seconds - 10}s"])
    user = var.container_user
    # ECS Exec's agent needs a writable root file system, so it is read-only unless exec is on.
    readonlyRootFilesystem = !var.worker_enable_execute_command
    # SIGTERM, then this long to finish the current step before SIGKILL.
    stopTimeout = var.worker_stop_timeout_seconds
    environment = [for k in sort(keys(local.autoscaler_environment)) : { name = k, value = local.autoscaler_environment[k] }]
    mountPoints = [
      { sourceVolume = "efs", containerPath = local.efs_mount_path, readOnly = true },
      { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
    ]
    linuxParameters = {
      initProcessEnabled = true
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.worker.name
        awslogs-region        = local.region
        awslogs-stream-prefix = "worker"
      }
    }
  }

  # `efs-autoscaler doctor` in the worker's exact environment, as a one-off task
  # (run-task cannot override an ENTRYPOINT): docs/DEPLOY.md, "Run doctor".
  doctor_container = merge(local.worker_container, {
    name       = "doctor"
    entryPoint = ["efs-autoscaler"]
    command    = ["doctor"]
    logConfiguration = merge(local.worker_container.logConfiguration, {
      options = merge(local.worker_container.logConfiguration.options, { awslogs-stream-prefix = "doctor" })
    })
  })

  container_definitions = {
    worker = jsonencode([local.worker_container])
    doctor = jsonencode([local.doctor_container])
  }
}

resource "aws_ecs_cluster" "worker" {
  count = var.create_worker ? 1 : 0

  name = "${var.name}-worker"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = local.tags
}

# The worker service's task and the one-off doctor task: same role, network, volumes and
# environment, different command.
resource "aws_ecs_task_definition" "this" {
  for_each = toset(var.create_worker ? ["worker", "doctor"] : [])

  family                   = "${var.name}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.worker_cpu
  memory                   = var.worker_memory_mb
  task_role_arn            = aws_iam_role.worker_task.arn
  execution_role_arn       = aws_iam_role.worker_execution.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.architecture == "arm64" ? "ARM64" : "X86_64"
  }

  volume {
    name = "efs"
    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.this.id
      transit_encryption = "ENABLED"
      authorization_config {
        access_point_id = aws_efs_access_point.this.id
        iam             = "ENABLED"
      }
    }
  }

  # The root file system is read-only; /tmp is task storage.
  volume {
    name = "tmp"
  }

  container_definitions = local.container_definitions[each.key]

  tags = local.tags
}

resource "aws_ecs_service" "worker" {
  count = var.create_worker ? 1 : 0

  name            = "${var.name}-worker"
  cluster         = aws_ecs_cluster.worker[0].id
  task_definition = aws_ecs_task_definition.this["worker"].arn
  desired_count   = 1
  launch_type     = "FARGATE"
  # One worker at a time: stop the old task before starting the new one.
  deployment_minimum_healthy_percent = 0
  deployment_maximum_percent         = 100
  enable_execute_command             = var.worker_enable_execute_command
  propagate_tags                     = "SERVICE"

  network_configuration {
    subnets          = local.compute_subnet_ids
    security_groups  = [aws_security_group.compute["worker"].id]
    assign_public_ip = false
  }

  tags = local.tags

  depends_on = [
    aws_efs_mount_target.initial,
    aws_efs_file_system_policy.this,
    aws_iam_role_policy.worker_efs_client_mount,
  ]
}
