# NFS only from the clients: the mount targets accept 2049/tcp from the function, the worker
# and the application's security groups, nothing else.

resource "aws_security_group" "mount_target" {
  name_prefix = "${var.name}-mount-target-"
  description = "EFS mount targets of ${var.name}: NFS from the autoscaler and the application only"
  vpc_id      = var.vpc_id
  tags        = merge(local.tags, { Name = "${var.name}-mount-target" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "nfs_from_autoscaler" {
  for_each = { for role, group in aws_security_group.compute : role => group.id }

  security_group_id            = aws_security_group.mount_target.id
  description                  = "NFS from the ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = each.value
}

# count, not for_each over the ids: a client group created in the same apply (the new-vpc
# example's application group) has an id only after apply, and for_each keys must be known
# at plan time; the list's length always is. Reordering the list replaces rules in place
# (security groups are stateful: established NFS connections are not cut).
resource "aws_vpc_security_group_ingress_rule" "nfs_from_clients" {
  count = length(var.client_security_group_ids)

  security_group_id            = aws_security_group.mount_target.id
  description                  = "NFS from application clients"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = var.client_security_group_ids[count.index]
}

# The function and the worker: NFS to the mount targets, HTTPS to the AWS APIs (through a NAT
# gateway or VPC interface endpoints for EFS, EC2, SSM, ECS and CloudWatch Logs).
resource "aws_security_group" "compute" {
  for_each = toset(["lambda", "worker"])

  name_prefix = "${var.name}-${each.key}-"
  description = "${var.name} ${each.key}: NFS to the mount targets, HTTPS to AWS APIs"
  vpc_id      = var.vpc_id
  tags        = merge(local.tags, { Name = "${var.name}-${each.key}" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "nfs" {
  for_each = { for role, group in aws_security_group.compute : role => group.id }

  security_group_id            = each.value
  description                  = "NFS to the EFS mount targets"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = aws_security_group.mount_target.id
}

resource "aws_vpc_security_group_egress_rule" "https" {
  for_each = { for role, group in aws_security_group.compute : role => group.id }

  security_group_id = each.value
  description       = "HTTPS to the AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
