variable "region" {
  description = "Region to deploy into."
  type        = string
  default     = "ap-northeast-1"
}

variable "name" {
  description = "Name prefix for the example's resources."
  type        = string
  default     = "efs-autoscaler-demo"
}

variable "vpc_cidr" {
  description = "CIDR of the new VPC; one /20 private subnet per AZ is carved from it."
  type        = string
  default     = "10.42.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 18
    error_message = "vpc_cidr must be an IPv4 CIDR of /18 or larger."
  }
}

variable "availability_zones" {
  description = "AZs that get a private subnet (the autoscaler can grow to this many mount targets). The first one gets the mount target Terraform owns."
  type        = list(string)
  default     = ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 6 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "availability_zones must list 2 to 6 distinct AZ names."
  }
}

variable "image_tag" {
  description = "Tag of the efs-autoscaler image pushed to the module's repository (docs/DEPLOY.md)."
  type        = string
}

variable "file_count_threshold" {
  description = "FILE_COUNT_THRESHOLD for the demo."
  type        = number
  default     = 100000
}

variable "alarm_email" {
  description = "Email address subscribed to the alarms topic; null for none."
  type        = string
  default     = null
}

variable "efs_backup_enabled" {
  description = "EFS automatic backups (AWS Backup default plan); false creates no backup policy (backups stay off)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
}
