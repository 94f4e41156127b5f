# The one-mutator lock and the state document (DESIGN.md §3, §4): one item per file system,
# taken and proven again with conditional writes before every mutating call. Items carry an
# epoch-seconds `expires_ttl`, so DynamoDB removes a lock nobody renewed (days later: TTL is a
# clean-up, never the lock's expiry, which the code checks itself).

resource "aws_dynamodb_table" "lock" {
  name         = "${var.name}-lock"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "file_system_id"

  attribute {
    name = "file_system_id"
    type = "S"
  }

  ttl {
    attribute_name = "expires_ttl"
    enabled        = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = local.kms_key_arn
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = local.tags
}
