output "ecr_repository_url" {
  description = "Push the efs-autoscaler image here before the first full apply."
  value       = module.efs_autoscaler.ecr_repository_url
}

output "file_system_id" {
  description = "The managed EFS file system."
  value       = module.efs_autoscaler.file_system_id
}

output "lambda_function_name" {
  description = "Invoke with lambda/events/doctor.json to run doctor."
  value       = module.efs_autoscaler.lambda_function_name
}

output "worker_cluster_name" {
  description = "ECS cluster of the worker."
  value       = module.efs_autoscaler.worker_cluster_name
}

output "worker_service_name" {
  description = "ECS service of the worker."
  value       = module.efs_autoscaler.worker_service_name
}

output "ssm_parameter_name" {
  description = "The published mount-target list."
  value       = module.efs_autoscaler.ssm_parameter_name
}

output "doctor_task_definition_family" {
  description = "One-off task running `efs-autoscaler doctor` (docs/DEPLOY.md)."
  value       = module.efs_autoscaler.doctor_task_definition_family
}

output "worker_security_group_id" {
  description = "Security group for one-off worker tasks."
  value       = module.efs_autoscaler.worker_security_group_id
}

output "compute_subnet_ids" {
  description = "Subnets whose AZ has a Terraform-owned mount target."
  value       = module.efs_autoscaler.compute_subnet_ids
}

output "ecr_repository_name" {
  description = "The image repository's name (emptied before the last destroy, docs/DEPLOY.md)."
  value       = module.efs_autoscaler.ecr_repository_name
}

output "initial_mount_target_ids" {
  description = "Mount targets Terraform owns, by AZ; any other mount target of the file system is the autoscaler's."
  value       = module.efs_autoscaler.initial_mount_target_ids
}
