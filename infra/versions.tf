terraform {
  # validation blocks that reference other variables need 1.9.
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.80 added the Lambda/ECS/Scheduler arguments used here; 6.x changes provider-level
      # region handling and is not tested yet.
      version = ">= 5.80, < 6.0"
    }
  }
}
