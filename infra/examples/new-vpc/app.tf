# Stand-in for your application: a Fargate service that mounts the file system. Replace the
# container with yours; keep the lifecycle block (docs/DEPLOY.md, "Two controllers").

locals {
  app_service_name = "${var.name}-app"
}

resource "aws_ecs_cluster" "app" {
  name = "${var.name}-app"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_security_group" "app" {
  name_prefix = "${var.name}-app-"
  description = "Demo application tasks: NFS to the mount targets, HTTPS to the endpoints"
  vpc_id      = aws_vpc.this.id

  egress {
    description = "HTTPS to the VPC endpoints"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  egress {
    description = "NFS to the mount targets"
    from_port   = 2049
    to_port     = 2049
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/${var.name}-app"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.flow_logs.arn
}

data "aws_iam_policy_document" "app_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "app_execution" {
  name               = "${var.name}-app-execution"
  assume_role_policy = data.aws_iam_policy_document.app_assume.json
}

data "aws_iam_policy_document" "app_execution" {
  statement {
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = ["arn:aws:ecr:${var.region}:${data.aws_caller_identity.current.account_id}:repository/${var.name}"]
  }
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.app.arn}:*"]
  }
}

resource "aws_iam_role_policy" "app_execution" {
  name   = "pull-and-log"
  role   = aws_iam_role.app_execution.id
  policy = data.aws_iam_policy_document.app_execution.json
}

resource "aws_ecs_task_definition" "app" {
  family                   = "${var.name}-app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.app_execution.arn

  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = module.efs_autoscaler.file_system_id
      transit_encryption = "ENABLED"
      # The module's access point creates its root directory on first use, owned by 10001.
      authorization_config {
        access_point_id = module.efs_autoscaler.access_point_id
      }
    }
  }

  container_definitions = jsonencode([{
    name                   = "app"
    image                  = module.efs_autoscaler.image_uri
    essential              = true
    user                   = "10001:10001"
    readonlyRootFilesystem = true
    # Placeholder workload: the image's own shell keeps the task alive with the volume mounted.
    entryPoint  = ["/bin/sh", "-c"]
    command     = ["while true; do sleep 3600; done"]
    mountPoints = [{ sourceVolume = "data", containerPath = "/mnt/data", readOnly = false }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.app.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "app"
      }
    }
  }])
}

resource "aws_ecs_service" "app" {
  name            = local.app_service_name
  cluster         = aws_ecs_cluster.app.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    # Only where a mount target exists at first; the autoscaler adds AZs as it adds mount targets.
    subnets          = module.efs_autoscaler.compute_subnet_ids
    security_groups  = [aws_security_group.app.id]
    assign_public_ip = false
  }

  # Two controllers never fight: after creation the autoscaler owns this service's subnets
  # (MANAGE_SERVICE_SUBNETS=true), so Terraform must not put its initial list back.
  lifecycle {
    ignore_changes = [network_configuration[0].subnets]
  }
}
