# efs-autoscaler in a VPC you already have, next to an application service you already run.
# The VPC needs a route to the AWS APIs from the given subnets (NAT gateway or interface
# endpoints for elasticfilesystem, ec2, ssm, ecs, logs, ecr.api, ecr.dkr and an S3 gateway).

module "efs_autoscaler" {
  source = "../../"

  name                      = var.name
  vpc_id                    = var.vpc_id
  subnet_ids                = var.subnet_ids
  initial_mount_targets     = var.initial_mount_targets
  client_security_group_ids = var.app_security_group_ids

  app_ecs_cluster_name = var.app_ecs_cluster_name
  app_ecs_service_name = var.app_ecs_service_name

  file_count_threshold   = var.file_count_threshold
  scale_in_threshold     = var.scale_in_threshold
  image_tag              = var.image_tag
  efs_backup_enabled     = var.efs_backup_enabled
  lambda_timeout_seconds = var.lambda_timeout_seconds
  tags                   = var.tags
  alarm_actions          = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]
}
