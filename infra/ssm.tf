# The two documents of DESIGN.md §4. Terraform creates them so that their ARNs can scope the
# IAM policy; the autoscaler owns their values afterwards. The provider's update re-puts the
# value it read at refresh whenever anything but tags changes (description, tier, type,
# allowed_pattern, data_type), overwriting a value the autoscaler wrote between plan and
# apply; so every attribute that triggers a PutParameter is ignored, and only tags (which
# are tagged, never put) and the name (a new parameter) stay with Terraform.

resource "aws_ssm_parameter" "mount_targets" {
  #checkov:skip=CKV2_AWS_34:The original consumers read this list as a plain String; it holds mount target IDs, IPs and AZs, nothing secret, and SecureString would add kms:Decrypt to every consumer.
  name        = local.ssm_parameter_name
  description = "Available mount targets of ${aws_efs_file_system.this.id}, published by ${var.name}"
  type        = "String"
  tier        = "Standard"
  value       = jsonencode({ mount_targets = [] })
  tags        = local.tags

  lifecycle {
    ignore_changes = [value, insecure_value, description, tier, type, data_type, allowed_pattern]
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
    ignore_changes = [value, insecure_value, description, tier, type, data_type, allowed_pattern]
  }
}
