# The scheduled function: one run per invocation, never two at once (reserved concurrency 1),
# never retried by Lambda (the next scheduled run reconciles whatever this one left pending).

resource "aws_lambda_function" "this" {
  #checkov:skip=CKV_AWS_116:A failed scheduled run carries no payload worth replaying; failures surface through the Errors alarm and the next run reconciles (DESIGN.md §3).
  #checkov:skip=CKV_AWS_272:Code signing applies to zip packages; the default package is an ECR image from an immutable repository scanned on push.
  #checkov:skip=CKV_AWS_173:The environment holds IDs, names and thresholds only (DESIGN.md §6), no secrets; a CMK would add kms:Decrypt outside the least-privilege set.
  count = var.create_lambda ? 1 : 0

  function_name = var.name
  description   = "efs-autoscaler: mount targets for ${aws_efs_file_system.this.id} follow its file count"
  role          = aws_iam_role.lambda.arn
  architectures = [var.architecture]
  timeout       = var.lambda_timeout_seconds
  memory_size   = var.lambda_memory_mb

  reserved_concurrent_executions = 1

  package_type = var.lambda_package_type
  # Image: the worker image, started as the Lambda face (argv[1] = lambda).
  image_uri = var.lambda_package_type == "Image" ? local.image_uri : null
  dynamic "image_config" {
    for_each = var.lambda_package_type == "Image" ? [1] : []
    content {
      entry_point       = ["/usr/local/bin/efs-autoscaler"]
      command           = ["lambda"]
      working_directory = "/"
    }
  }
  # Zip: lambda/package.sh puts `bootstrap` at the zip's root for provided.al2023.
  runtime          = var.lambda_package_type == "Zip" ? "provided.al2023" : null
  handler          = var.lambda_package_type == "Zip" ? "bootstrap" : null
  filename         = var.lambda_package_type == "Zip" ? var.lambda_zip_path : null
  source_code_hash = var.lambda_package_type == "Zip" ? filebase64sha256(var.lambda_zip_path) : null

  vpc_config {
    subnet_ids         = local.compute_subnet_ids
    security_group_ids = [aws_security_group.compute["lambda"].id]
  }

  file_system_config {
    arn              = aws_efs_access_point.this.arn
    local_mount_path = local.efs_mount_path
  }

  environment {
    variables = local.autoscaler_environment
  }

  tracing_config {
    mode = "PassThrough"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.lambda.name
  }

  tags = local.tags

  # The role must be able to create the VPC interfaces and mount the file system before
  # Lambda validates the configuration; the mount targets must exist to mount through.
  depends_on = [
    aws_iam_role_policy.lambda_vpc_access,
    aws_iam_role_policy.lambda_efs_client_mount,
    aws_iam_role_policy.lambda_logs,
    aws_efs_mount_target.initial,
    aws_efs_file_system_policy.this,
  ]
}

resource "aws_lambda_function_event_invoke_config" "this" {
  count = var.create_lambda ? 1 : 0

  function_name                = aws_lambda_function.this[0].function_name
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = 60 * var.schedule_interval_minutes
}
