# A complete, self-contained deployment: a new private VPC, a demo application service that
# uses the file system, and efs-autoscaler managing the file system's mount targets and the
# application's subnets. Apply order and image push: docs/DEPLOY.md.

locals {
  # The first AZ gets the mount target Terraform owns; the autoscaler adds the others.
  first_az = local.azs[0]
}

module "efs_autoscaler" {
  source = "../../"

  name   = var.name
  vpc_id = aws_vpc.this.id

  subnet_ids = [for s in aws_subnet.private : s.id]
  initial_mount_targets = [{
    availability_zone = local.first_az
    subnet_id         = aws_subnet.private[local.first_az].id
  }]
  client_security_group_ids = [aws_security_group.app.id]

  app_ecs_cluster_name = aws_ecs_cluster.app.name
  app_ecs_service_name = local.app_service_name

  file_count_threshold = var.file_count_threshold
  scale_in_threshold   = floor(var.file_count_threshold / 2)
  image_tag            = var.image_tag
  efs_backup_enabled   = var.efs_backup_enabled
  tags                 = var.tags
  alarm_actions        = [aws_sns_topic.alarms.arn]
}

resource "aws_kms_key" "alarms" {
  description         = "${var.name} alarm topic"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.alarms_key.json
}

data "aws_iam_policy_document" "alarms_key" {
  #checkov:skip=CKV_AWS_111:A KMS key policy's "*" resource means this key only; administration stays with the account root as in the AWS default key policy.
  #checkov:skip=CKV_AWS_356:A KMS key policy's "*" resource means this key only.
  #checkov:skip=CKV_AWS_109:A KMS key policy's "*" resource means this key only; the account root administers it as in the AWS default key policy.
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  # CloudWatch alarms publish to the encrypted topic.
  statement {
    sid       = "CloudWatchPublishes"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = aws_kms_key.alarms.arn
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email == null ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}
