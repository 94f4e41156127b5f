# EventBridge Scheduler invokes the function with its own role, which may invoke only it.

resource "aws_iam_role" "scheduler" {
  count = var.create_lambda ? 1 : 0

  name               = "${var.name}-scheduler"
  assume_role_policy = data.aws_iam_policy_document.assume["scheduler"].json
  tags               = local.tags
}

data "aws_iam_policy_document" "scheduler_invoke" {
  count = var.create_lambda ? 1 : 0

  statement {
    sid       = "InvokeAutoscaler"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_function.this[0].arn, "${aws_lambda_function.this[0].arn}:*"]
  }

  # The schedule is encrypted with the module's key; Scheduler decrypts it with this role.
  statement {
    sid       = "DecryptSchedule"
    actions   = ["kms:Decrypt"]
    resources = [local.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  count = var.create_lambda ? 1 : 0

  name   = "invoke-function"
  role   = aws_iam_role.scheduler[0].id
  policy = data.aws_iam_policy_document.scheduler_invoke[0].json
}

resource "aws_scheduler_schedule" "this" {
  count = var.create_lambda ? 1 : 0

  name                         = var.name
  description                  = "Runs ${var.name} (${local.schedule_expression})"
  schedule_expression          = local.schedule_expression
  schedule_expression_timezone = var.schedule_timezone
  state                        = "ENABLED"
  kms_key_arn                  = local.kms_key_arn

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_function.this[0].arn
    role_arn = aws_iam_role.scheduler[0].arn
    # An empty event is a normal scheduled run (lambda/events/empty.json).
    input = jsonencode({})

    # A missed run is not replayed: the next one reconciles.
    retry_policy {
      maximum_retry_attempts       = 0
      maximum_event_age_in_seconds = 60
    }
  }
}
