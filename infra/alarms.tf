# What an operator needs to hear about: failed runs, runs close to the timeout, no successful
# run for a while, a burst of scale actions, a pending operation that does not finish, and a
# deployment that was rolled back (the embedded-metric-format figures EFSAutoscaler/ScaleActions,
# PendingOperationAgeSeconds and DeploymentRolledBack that every run logs per file system).

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

resource "aws_cloudwatch_metric_alarm" "pending_operation_age" {
  alarm_name          = "${var.name}-pending-operation-stuck"
  alarm_description   = "A pending operation on ${aws_efs_file_system.this.id} is older than SCALE_OUT_TIMEOUT_SECONDS (${var.scale_out_timeout_seconds}s): a mount target that does not come, or a drain that does not finish. See the run report's pending and az_backoff."
  namespace           = "EFSAutoscaler"
  metric_name         = "PendingOperationAgeSeconds"
  dimensions          = { FileSystemId = aws_efs_file_system.this.id }
  statistic           = "Maximum"
  period              = 60 * var.schedule_interval_minutes
  evaluation_periods  = 1
  threshold           = var.scale_out_timeout_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "deployment_rolled_back" {
  alarm_name          = "${var.name}-deployment-rolled-back"
  alarm_description   = "A deployment ${var.name} forced on the service failed or was rolled back; none is forced again until the backoff ends (the run report's deployment_backoff says why)."
  namespace           = "EFSAutoscaler"
  metric_name         = "DeploymentRolledBack"
  dimensions          = { FileSystemId = aws_efs_file_system.this.id }
  statistic           = "Maximum"
  period              = 60 * var.schedule_interval_minutes
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}
