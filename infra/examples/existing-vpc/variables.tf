variable "region" {
  description = "Region of the existing VPC."
  type        = string
}

variable "name" {
  description = "Name prefix for the autoscaler's resources."
  type        = string
  default     = "efs-autoscaler"
}

variable "vpc_id" {
  description = "The existing VPC."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets eligible for mount targets (one per AZ is used)."
  type        = list(string)
}

variable "initial_mount_targets" {
  description = "Mount targets Terraform creates (one per AZ); the function and the worker run in these subnets."
  type = list(object({
    availability_zone = string
    subnet_id         = string
  }))
}

variable "app_security_group_ids" {
  description = "Security groups of the application's tasks (allowed to reach NFS)."
  type        = list(string)
}

variable "app_ecs_cluster_name" {
  description = "Cluster of the application service the autoscaler manages."
  type        = string
}

variable "app_ecs_service_name" {
  description = "The application service the autoscaler manages (its Terraform must ignore network_configuration[0].subnets)."
  type        = string
}

variable "image_tag" {
  description = "Tag of the efs-autoscaler image pushed to the module's repository."
  type        = string
}

variable "file_count_threshold" {
  description = "FILE_COUNT_THRESHOLD."
  type        = number
  default     = 100000
}

variable "scale_in_threshold" {
  description = "SCALE_IN_THRESHOLD; null never scales in."
  type        = number
  default     = null
}

variable "alarm_topic_arn" {
  description = "Existing SNS topic for the alarms; null for none."
  type        = string
  default     = null
}

variable "efs_backup_enabled" {
  description = "EFS automatic backups (AWS Backup default plan); false creates no backup policy (backups stay off)."
  type        = bool
  default     = true
}

variable "lambda_timeout_seconds" {
  description = "Timeout of the scheduled function (30-900 s); the apply test deploys the shortest."
  type        = number
  default     = 300
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
}
