# What an operator needs to hear about: failed runs, runs close to the timeout, no successful
# run for a while, and a burst of scale actions (the embedded-metric-format figure
# EFSAutoscaler/ScaleActions that every run logs per file system).

locals {
  alarm_function_name = var.create_lambda ? aws_lambda_function.this[0].function_name : null
}

resource "aws_cloudwatch_metric_alarm" "lambda_errors" {
  count = var.create_lambda ? 1 : 0

  alarm_name          = "${var.name}-errors"
  alarm_description   = "A run of ${var.name} failed (posted to the runtime's error endpoint). See the function's logs."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = local.alarm_function_name }
  statistic           = "Sum"
  period              = 60 * var.schedule_interval_minutes
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "lambda_duration" {
  count = var.create_lambda ? 1 : 0

  alarm_name          = "${var.name}-duration-near-timeout"
  alarm_description   = "A run of ${var.name} took more than ${floor(var.alarm_duration_ratio * 100)}% of its ${var.lambda_timeout_seconds}s timeout: the count is getting too slow for the function; let the worker count (COUNT_CACHE_TTL_SECONDS) or raise the timeout."
  namespace           = "AWS/Lambda"
  metric_name         = "Duration"
  dimensions          = { FunctionName = local.alarm_function_name }
  statistic           = "Maximum"
  period              = 60 * var.schedule_interval_minutes
  evaluation_periods  = 1
  threshold           = floor(var.lambda_timeout_seconds * 1000 * var.alarm_duration_ratio)
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

# Successful runs = invocations - errors over N intervals; no data at all also fires.
resource "aws_cloudwatch_metric_alarm" "lambda_no_success" {
  count = var.create_lambda ? 1 : 0

  alarm_name          = "${var.name}-no-successful-run"
  alarm_description   = "${var.name} has not completed a run successfully in ${var.alarm_missed_runs} schedule intervals (${var.alarm_missed_runs * var.schedule_interval_minutes} minutes)."
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions

  metric_query {
    id          = "successes"
    expression  = "FILL(invocations, 0) - FILL(errors, 0)"
    label       = "Successful runs"
    return_data = true
  }

  metric_query {
    id = "invocations"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Invocations"
      dimensions  = { FunctionName = local.alarm_function_name }
      stat        = "Sum"
      period      = 60 * var.schedule_interval_minutes * var.alarm_missed_runs
    }
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Errors"
      dimensions  = { FunctionName = local.alarm_function_name }
      stat        = "Sum"
      period      = 60 * var.schedule_interval_minutes * var.alarm_missed_runs
    }
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "scale_actions_burst" {
  alarm_name          = "${var.name}-scale-actions-burst"
  alarm_description   = "More than ${var.alarm_scale_actions_per_hour} mount-target actions on ${aws_efs_file_system.this.id} within an hour: the thresholds may be flapping or a run keeps failing half-way."
  namespace           = "EFSAutoscaler"
  metric_name         = "ScaleActions"
  dimensions          = { FileSystemId = aws_efs_file_system.this.id }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = var.alarm_scale_actions_per_hour
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

# The autoscaler's own figures (embedded metric format, namespace EFSAutoscaler, dimension
# FileSystemId): an operation stuck pending, a run that lost the lock while mutating, a drain
# that timed out with users left (it deletes nothing and fails loudly).
resource "aws_cloudwatch_metric_alarm" "pending_operation_age" {
  alarm_name          = "${var.name}-pending-operation-age"
  alarm_description   = "An operation on ${aws_efs_file_system.this.id} has been pending for more than ${var.alarm_pending_operation_age_seconds}s (a mount target not becoming available, a drain not finishing). See the runs' reports."
  namespace           = "EFSAutoscaler"
  metric_name         = "PendingOperationAgeSeconds"
  dimensions          = { FileSystemId = aws_efs_file_system.this.id }
  statistic           = "Maximum"
  period              = 60 * var.schedule_interval_minutes
  evaluation_periods  = 1
  threshold           = var.alarm_pending_operation_age_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "events" {
  for_each = {
    LockLost             = "A run of ${var.name} lost the lock on ${aws_efs_file_system.this.id} while it held it: another run took over (a clock far off, a run stalled past its lease). It stopped before its next mutating call."
    DrainTimedOut        = "A scale-in drain on ${aws_efs_file_system.this.id} timed out with users left: nothing was deleted. Find the tasks still in that AZ."
    DeploymentRolledBack = "A deployment ${var.name} forced on the service failed or was rolled back; none is forced again until the backoff ends (the run report's deployment_backoff says why)."
  }

  alarm_name          = "${var.name}-${lower(replace(each.key, "/([a-z])([A-Z])/", "$1-$2"))}"
  alarm_description   = each.value
  namespace           = "EFSAutoscaler"
  metric_name         = each.key
  dimensions          = { FileSystemId = aws_efs_file_system.this.id }
  statistic           = "Sum"
  period              = 60 * var.schedule_interval_minutes
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}
