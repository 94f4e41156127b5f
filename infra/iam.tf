# Least privilege for the autoscaler's two roles (the function's and the worker task's).
#
# data.aws_iam_policy_document.autoscaler holds exactly the actions the Swift service clients
# call (Sources/AWSServices, each request's `iamAction`); scripts/checks/iam-actions.sh fails if
# the code and this document disagree in either direction. Everything else the roles hold is
# what AWS itself requires on the caller's behalf, kept in separate documents below and listed
# with the AWS documentation's reason in infra/tests/transitive_actions.json, which the same
# check enforces.

locals {
  file_system_arn = aws_efs_file_system.this.arn
  parameter_arns  = [aws_ssm_parameter.mount_targets.arn, aws_ssm_parameter.state.arn]
  app_cluster_arn = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:cluster/${var.app_ecs_cluster_name}"
  subnet_arns     = [for s in var.subnet_ids : "arn:${local.partition}:ec2:${local.region}:${local.account_id}:subnet/${s}"]
  # The compute subnets are a subset of subnet_ids (a variable validation guarantees it).
  compute_subnet_arns = [for s in local.compute_subnet_ids : "arn:${local.partition}:ec2:${local.region}:${local.account_id}:subnet/${s}"]
  eni_arn_pattern     = "arn:${local.partition}:ec2:${local.region}:${local.account_id}:network-interface/*"
}

###############################################################################
# Actions the code calls
###############################################################################

data "aws_iam_policy_document" "autoscaler" {
  # DescribeFileSystems is called with FileSystemId and DescribeMountTargets with
  # FileSystemId, so both authorize against the file-system resource.
  statement {
    sid       = "ObserveFileSystem"
    actions   = ["elasticfilesystem:DescribeFileSystems", "elasticfilesystem:DescribeMountTargets"]
    resources = [local.file_system_arn]
  }

  statement {
    sid       = "ScaleMountTargets"
    actions   = ["elasticfilesystem:CreateMountTarget", "elasticfilesystem:DeleteMountTarget"]
    resources = [local.file_system_arn]
  }

  # Security-group drift: read every mount target's groups, set them back on owned ones.
  statement {
    sid       = "ReconcileMountTargetSecurityGroups"
    actions   = ["elasticfilesystem:DescribeMountTargetSecurityGroups", "elasticfilesystem:ModifyMountTargetSecurityGroups"]
    resources = [local.file_system_arn]
  }

  # EC2 Describe* calls support no resource-level permissions; the region is the scope.
  statement {
    sid       = "ObserveNetwork"
    actions   = ["ec2:DescribeSubnets", "ec2:DescribeAvailabilityZones", "ec2:DescribeSecurityGroups"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [local.region]
    }
  }

  statement {
    sid       = "PublishMountTargetsAndState"
    actions   = ["ssm:GetParameter", "ssm:PutParameter"]
    resources = local.parameter_arns
  }

  # Only the application's service; UpdateService only sets subnets and forceNewDeployment,
  # never a task definition or role, so no iam:PassRole is needed.
  statement {
    sid       = "RedeployApplicationService"
    actions   = ["ecs:DescribeServices", "ecs:UpdateService"]
    resources = [local.app_service_arn]
  }

  # Before a drained mount target is deleted: which of the application cluster's tasks (and,
  # without awsvpc, container instances) still run in its AZ. Only that cluster.
  statement {
    sid       = "ListApplicationTasks"
    actions   = ["ecs:ListTasks"]
    resources = ["*"]
    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [local.app_cluster_arn]
    }
  }

  statement {
    sid     = "DescribeApplicationTasks"
    actions = ["ecs:DescribeTasks", "ecs:DescribeContainerInstances"]
    resources = [
      "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task/${var.app_ecs_cluster_name}/*",
      "arn:${local.partition}:ecs:${local.region}:${local.account_id}:container-instance/${var.app_ecs_cluster_name}/*",
    ]
    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [local.app_cluster_arn]
    }
  }

  # The one-mutator lock and state item: reads and conditional updates of this table only (the
  # code creates the item with a conditional UpdateItem, so no PutItem).
  statement {
    sid       = "LockAndState"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.lock.arn]
  }
}

# The lock table is encrypted with the module's (or the caller's) key; DynamoDB uses it on the
# caller's behalf, so the caller's role must allow it, and only through DynamoDB.
data "aws_iam_policy_document" "lock_table_key" {
  statement {
    sid       = "LockTableKeyThroughDynamoDB"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [local.kms_key_arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["dynamodb.${local.region}.amazonaws.com"]
    }
  }
}

###############################################################################
# Required by AWS on the caller's behalf (infra/tests/transitive_actions.json)
###############################################################################

# EFS CreateMountTarget requires ec2:DescribeSubnets, ec2:DescribeNetworkInterfaces and
# ec2:CreateNetworkInterface of the caller; DeleteMountTarget requires
# ec2:DeleteNetworkInterface on the mount target's network interface (EFS API reference).
data "aws_iam_policy_document" "mount_target_network_interfaces" {
  statement {
    sid       = "DescribeNetworkInterfaces"
    actions   = ["ec2:DescribeNetworkInterfaces"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [local.region]
    }
  }

  statement {
    sid       = "CreateMountTargetInterface"
    actions   = ["ec2:CreateNetworkInterface"]
    resources = concat([local.eni_arn_pattern, aws_security_group.mount_target.arn], local.subnet_arns)
  }

  statement {
    sid       = "DeleteMountTargetInterface"
    actions   = ["ec2:DeleteNetworkInterface"]
    resources = [local.eni_arn_pattern]
  }

  # DescribeMountTargetSecurityGroups and ModifyMountTargetSecurityGroups act on the mount
  # target's network interface with the caller's permission (EFS API reference).
  statement {
    sid       = "MountTargetInterfaceSecurityGroups"
    actions   = ["ec2:DescribeNetworkInterfaceAttribute", "ec2:ModifyNetworkInterfaceAttribute"]
    resources = [local.eni_arn_pattern, aws_security_group.mount_target.arn]
  }
}

# A function in a VPC: Lambda creates and manages its Hyperplane network interfaces with the
# execution role (AWSLambdaVPCAccessExecutionRole, Lambda developer guide "VPC").
data "aws_iam_policy_document" "lambda_vpc_access" {
  statement {
    sid       = "DescribeNetworkInterfaces"
    actions   = ["ec2:DescribeNetworkInterfaces"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [local.region]
    }
  }

  statement {
    sid       = "ManageFunctionInterfaces"
    actions   = ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"]
    resources = concat([local.eni_arn_pattern, aws_security_group.compute["lambda"].arn], local.compute_subnet_arns)
  }
}

# Lambda writes the function's stdout (JSON logs and EMF metrics) with the execution role.
# The module creates the log group, so no logs:CreateLogGroup.
data "aws_iam_policy_document" "lambda_logs" {
  statement {
    sid       = "WriteFunctionLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.lambda.arn}:*"]
  }
}

# Mounting the access point with IAM authorization (Lambda file_system_config, ECS volume
# with iam = ENABLED) is authorized against the role. No ClientWrite: the mount is read-only.
data "aws_iam_policy_document" "efs_client_mount" {
  statement {
    sid       = "MountAccessPointReadOnly"
    actions   = ["elasticfilesystem:ClientMount"]
    resources = [local.file_system_arn]
    condition {
      test     = "StringEquals"
      variable = "elasticfilesystem:AccessPointArn"
      values   = [aws_efs_access_point.this.arn]
    }
  }
}

# ECS Exec opens its SSM Session Manager channels with the task role (ECS developer guide
# "Using ECS Exec"); granted only when worker_enable_execute_command is true.
data "aws_iam_policy_document" "worker_exec" {
  statement {
    sid = "EcsExecChannels"
    actions = [
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
    ]
    resources = ["*"]
  }
}

###############################################################################
# Who may assume the module's roles: each service principal, from this account only
###############################################################################

data "aws_iam_policy_document" "assume" {
  for_each = toset(["lambda", "ecs-tasks", "scheduler"])

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["${each.key}.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

###############################################################################
# The function's role
###############################################################################

resource "aws_iam_role" "lambda" {
  name               = "${var.name}-lambda"
  assume_role_policy = data.aws_iam_policy_document.assume["lambda"].json
  tags               = local.tags
}

resource "aws_iam_role_policy" "lambda_autoscaler" {
  name   = "autoscaler"
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.autoscaler.json
}

resource "aws_iam_role_policy" "lambda_mount_target_network_interfaces" {
  name   = "mount-target-network-interfaces"
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.mount_target_network_interfaces.json
}

resource "aws_iam_role_policy" "lambda_vpc_access" {
  name   = "vpc-access"
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.lambda_vpc_access.json
}

resource "aws_iam_role_policy" "lambda_logs" {
  name   = "logs"
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.lambda_logs.json
}

resource "aws_iam_role_policy" "lambda_lock_table_key" {
  name   = "lock-table-key"
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.lock_table_key.json
}

resource "aws_iam_role_policy" "lambda_efs_client_mount" {
  name   = "efs-client-mount"
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.efs_client_mount.json
}

###############################################################################
# The worker task's role (what the code runs as) and execution role (what ECS runs as)
###############################################################################

resource "aws_iam_role" "worker_task" {
  name               = "${var.name}-worker-task"
  assume_role_policy = data.aws_iam_policy_document.assume["ecs-tasks"].json
  tags               = local.tags
}

resource "aws_iam_role_policy" "worker_autoscaler" {
  name   = "autoscaler"
  role   = aws_iam_role.worker_task.id
  policy = data.aws_iam_policy_document.autoscaler.json
}

resource "aws_iam_role_policy" "worker_mount_target_network_interfaces" {
  name   = "mount-target-network-interfaces"
  role   = aws_iam_role.worker_task.id
  policy = data.aws_iam_policy_document.mount_target_network_interfaces.json
}

resource "aws_iam_role_policy" "worker_lock_table_key" {
  name   = "lock-table-key"
  role   = aws_iam_role.worker_task.id
  policy = data.aws_iam_policy_document.lock_table_key.json
}

resource "aws_iam_role_policy" "worker_efs_client_mount" {
  name   = "efs-client-mount"
  role   = aws_iam_role.worker_task.id
  policy = data.aws_iam_policy_document.efs_client_mount.json
}

resource "aws_iam_role_policy" "worker_exec" {
  count = var.worker_enable_execute_command ? 1 : 0

  name   = "ecs-exec"
  role   = aws_iam_role.worker_task.id
  policy = data.aws_iam_policy_document.worker_exec.json
}

# Pulls the image and ships the container's stdout to CloudWatch Logs; never seen by the code.
resource "aws_iam_role" "worker_execution" {
  name               = "${var.name}-worker-execution"
  assume_role_policy = data.aws_iam_policy_document.assume["ecs-tasks"].json
  tags               = local.tags
}

data "aws_iam_policy_document" "worker_execution" {
  statement {
    sid       = "EcrAuthToken"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "PullImage"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = [aws_ecr_repository.this.arn]
  }

  statement {
    sid       = "WriteWorkerLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.worker.arn}:*"]
  }
}

resource "aws_iam_role_policy" "worker_execution" {
  name   = "pull-and-log"
  role   = aws_iam_role.worker_execution.id
  policy = data.aws_iam_policy_document.worker_execution.json
}
