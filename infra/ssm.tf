# The two documents of DESIGN.md §4. Terraform creates them so that their ARNs can scope the
# IAM policy; the autoscaler owns their values afterwards, so later applies ignore the value.

resource "aws_ssm_parameter" "mount_targets" {
  #checkov:skip=CKV2_AWS_34:The original consumers read this list as a plain String; it holds mount target IDs, IPs and AZs, nothing secret, and SecureString would add kms:Decrypt to every consumer.
  name        = local.ssm_parameter_name
  description = "Available mount targets of ${aws_efs_file_system.this.id}, published by ${var.name}"
  type        = "String"
  tier        = "Standard"
  value       = jsonencode({ mount_targets = [] })
  tags        = local.tags

  lifecycle {
    ignore_changes = [value]
  }
}

resource "aws_ssm_parameter" "state" {
  #checkov:skip=CKV2_AWS_34:Cooldown clocks, the last count and the pending operation: nothing secret, and the code reads it with plain GetParameter (no kms:Decrypt in the least-privilege set).
  name        = local.state_parameter_name
  description = "State and count cache of ${var.name} (versioned JSON, written by the autoscaler)"
  type        = "String"
  tier        = "Standard"
  # The autoscaler accepts this empty document as "no state yet"; it never invents defaults
  # for a malformed one.
  value = jsonencode({ version = 1 })
  tags  = local.tags

  lifecycle {
    ignore_changes = [value]
  }
}
