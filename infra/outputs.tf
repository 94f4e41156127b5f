output "file_system_id" {
  description = "EFS file system ID (EFS_FILE_SYSTEM_ID)."
  value       = aws_efs_file_system.this.id
}

output "file_system_arn" {
  description = "EFS file system ARN."
  value       = aws_efs_file_system.this.arn
}

output "access_point_id" {
  description = "Access point the autoscaler mounts read-only."
  value       = aws_efs_access_point.this.id
}

output "mount_target_security_group_id" {
  description = "Security group of every mount target (SECURITY_GROUP_ID). Add the application's security group to client_security_group_ids so it may reach NFS."
  value       = aws_security_group.mount_target.id
}

output "initial_mount_target_ids" {
  description = "Mount targets Terraform owns, by AZ."
  value       = { for az, m in aws_efs_mount_target.initial : az => m.id }
}

output "ssm_parameter_name" {
  description = "Published mount-target list (SSM_PARAMETER_NAME)."
  value       = aws_ssm_parameter.mount_targets.name
}

output "state_parameter_name" {
  description = "State and count cache (STATE_PARAMETER_NAME)."
  value       = aws_ssm_parameter.state.name
}

output "ecr_repository_url" {
  description = "Push the image here (docs/DEPLOY.md)."
  value       = aws_ecr_repository.this.repository_url
}

output "image_uri" {
  description = "Image the worker (and an Image-type function) runs."
  value       = local.image_uri
}

output "lambda_function_name" {
  description = "Name of the scheduled function, null when create_lambda is false."
  value       = var.create_lambda ? aws_lambda_function.this[0].function_name : null
}

output "lambda_role_arn" {
  description = "Execution role of the function."
  value       = aws_iam_role.lambda.arn
}

output "worker_task_role_arn" {
  description = "Task role of the worker."
  value       = aws_iam_role.worker_task.arn
}

output "worker_cluster_name" {
  description = "ECS cluster of the worker, null when create_worker is false."
  value       = var.create_worker ? aws_ecs_cluster.worker[0].name : null
}

output "worker_service_name" {
  description = "ECS service of the worker, null when create_worker is false."
  value       = var.create_worker ? aws_ecs_service.worker[0].name : null
}

output "worker_task_definition_arn" {
  description = "Task definition of the worker service."
  value       = var.create_worker ? aws_ecs_task_definition.this["worker"].arn : null
}

output "doctor_task_definition_family" {
  description = "One-off task that runs `efs-autoscaler doctor` with the worker's role, network and environment."
  value       = var.create_worker ? aws_ecs_task_definition.this["doctor"].family : null
}

output "worker_security_group_id" {
  description = "Security group of the worker (for a one-off run-task)."
  value       = aws_security_group.compute["worker"].id
}

output "compute_subnet_ids" {
  description = "Subnets the function and the worker run in (the initial mount targets' subnets)."
  value       = local.compute_subnet_ids
}

output "autoscaler_environment" {
  description = "The environment (DESIGN.md §6) given to the function and the worker."
  value       = local.autoscaler_environment
}

output "ecr_repository_name" {
  description = "Name of the image repository (docs/DEPLOY.md, tear down: empty it before the last destroy)."
  value       = aws_ecr_repository.this.name
}

output "lock_table_name" {
  description = "DynamoDB table holding the one-mutator lock and the state item (LOCK_TABLE_NAME)."
  value       = aws_dynamodb_table.lock.name
}

output "lock_table_arn" {
  description = "ARN of the lock table."
  value       = aws_dynamodb_table.lock.arn
}
