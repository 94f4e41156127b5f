# The file system, its access point and the mount targets Terraform owns. Mount targets in
# other AZs are created and deleted by the autoscaler at run time and are not in this state.

resource "aws_efs_file_system" "this" {
  creation_token   = var.name
  encrypted        = true
  kms_key_id       = local.kms_key_arn
  performance_mode = var.efs_performance_mode
  throughput_mode  = var.efs_throughput_mode

  provisioned_throughput_in_mibps = var.efs_throughput_mode == "provisioned" ? var.efs_provisioned_throughput_mibps : null

  dynamic "lifecycle_policy" {
    for_each = var.efs_transition_to_ia == null ? [] : [var.efs_transition_to_ia]
    content {
      transition_to_ia = lifecycle_policy.value
    }
  }

  dynamic "lifecycle_policy" {
    for_each = var.efs_transition_to_ia == null ? [] : [1]
    content {
      transition_to_primary_storage_class = "AFTER_1_ACCESS"
    }
  }

  tags = merge(local.tags, { Name = var.name })
}

# Only when backups are wanted: a file system created through the API has automatic backups
# off, and destroying this resource (turning efs_backup_enabled off later) sets it back to
# DISABLED.
resource "aws_efs_backup_policy" "this" {
  count = var.efs_backup_enabled ? 1 : 0

  file_system_id = aws_efs_file_system.this.id

  backup_policy {
    status = "ENABLED"
  }
}

# Deployments from before the count keep their policy (or, with backups off, have it turned
# DISABLED by the destroy of this instance).
moved {
  from = aws_efs_backup_policy.this
  to   = aws_efs_backup_policy.this[0]
}

# Clients reach the file system only through a mount target (so only through the security
# group below) and only over TLS. The autoscaler's own roles are denied ClientWrite: the
# function and the worker only ever read the tree, whatever the application may do.
data "aws_iam_policy_document" "file_system" {
  statement {
    sid       = "DenyNonTLS"
    effect    = "Deny"
    actions   = ["*"]
    resources = [aws_efs_file_system.this.arn]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid       = "ClientsThroughMountTargets"
    actions   = concat(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], var.efs_client_root_access ? ["elasticfilesystem:ClientRootAccess"] : [])
    resources = [aws_efs_file_system.this.arn]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "elasticfilesystem:AccessedViaMountTarget"
      values   = ["true"]
    }
  }

  statement {
    sid       = "AutoscalerReadsOnly"
    effect    = "Deny"
    actions   = ["elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"]
    resources = [aws_efs_file_system.this.arn]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.lambda.arn, aws_iam_role.worker_task.arn]
    }
  }
}

resource "aws_efs_file_system_policy" "this" {
  file_system_id = aws_efs_file_system.this.id
  policy         = data.aws_iam_policy_document.file_system.json
}

# The autoscaler sees the tree as this POSIX user, whatever uid the files belong to:
# directories the application makes unreadable to others are reported, not counted.
resource "aws_efs_access_point" "this" {
  file_system_id = aws_efs_file_system.this.id

  posix_user {
    uid = var.access_point_posix_uid
    gid = var.access_point_posix_gid
  }

  root_directory {
    path = var.access_point_path
    creation_info {
      owner_uid   = var.access_point_posix_uid
      owner_gid   = var.access_point_posix_gid
      permissions = "0755"
    }
  }

  tags = merge(local.tags, { Name = "${var.name}-autoscaler" })
}

resource "aws_efs_mount_target" "initial" {
  for_each = { for m in var.initial_mount_targets : m.availability_zone => m }

  file_system_id  = aws_efs_file_system.this.id
  subnet_id       = each.value.subnet_id
  security_groups = [aws_security_group.mount_target.id]

  lifecycle {
    precondition {
      condition     = data.aws_subnet.initial[each.key].availability_zone == each.key
      error_message = "initial_mount_targets: subnet ${each.value.subnet_id} is in ${data.aws_subnet.initial[each.key].availability_zone}, not ${each.key}."
    }
    precondition {
      condition     = data.aws_subnet.initial[each.key].vpc_id == var.vpc_id
      error_message = "initial_mount_targets: subnet ${each.value.subnet_id} is not in ${var.vpc_id}."
    }
  }
}
