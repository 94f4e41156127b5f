/// The environment contract (DESIGN.md §6) as `--help` shows it.
enum AutoscalerEnvironmentHelp {
    static let text = """
    Environment:
      TARGET_DIRECTORY                 directory on the EFS file system whose files are counted (required)
      EFS_FILE_SYSTEM_ID               fs-… (required)
      VPC_ID / SUBNET_IDS              where mount targets may go: the VPC's subnets, or a comma list
      SECURITY_GROUP_ID                security group(s) for new mount targets, comma-separated; the
                                       autoscaler's own mount targets are set back to them when they drift
      MOUNT_TARGET_IP_ADDRESS_TYPE     IPV4_ONLY (default), DUAL_STACK or IPV6_ONLY for new mount targets
      SSM_PARAMETER_NAME               SSM parameter holding the published mount-target list (required)
      LOCK_TABLE_NAME                  DynamoDB table of the lock, the state and the count cache
                                       (one item per file system; required to change anything)
      STATE_PARAMETER_NAME             the SSM state parameter of older releases, read once to migrate
      ECS_CLUSTER_NAME, ECS_SERVICE_NAME  the service to redeploy (optional)
      FILE_COUNT_THRESHOLD             scale out above this many files (default 100000)
      SCALE_IN_THRESHOLD               scale in below this many files (unset: never scale in)
      FILES_PER_MOUNT_TARGET           proportional mode: one mount target per this many files
      MIN_MOUNT_TARGETS, MAX_MOUNT_TARGETS  bounds (default 1 and every eligible AZ)
      SCALE_OUT_COOLDOWN_SECONDS       before a scale-out, after the last action completed (a scale-out:
                                       its rollout) (default 300)
      SCALE_IN_COOLDOWN_SECONDS        before a scale-in, likewise (0-604800; default SCALE_OUT_COOLDOWN_SECONDS)
      SCALE_OUT_TIMEOUT_SECONDS        a create still not available after this fails and backs off its AZ
                                       (60-604800; default 1800)
      MOUNT_TARGET_SETTLE_SECONDS      between available (published at once) and adding its AZ to the
                                       service (0-3600; default 90)
      SERVICE_SUBNET_IDS               the service's candidate subnets, comma list (with
                                       MANAGE_SERVICE_SUBNETS; unset: the mount targets' subnets)
      SCALE_IN_STABILIZATION_SECONDS   low signal must hold this long (default 900)
      DRAIN_MIN_SECONDS                keep a drained mount target at least this long after
                                       unpublishing it: the consumers' re-read interval (default 300)
      DRAIN_TIMEOUT_SECONDS            a drain with tasks still in its AZ after this long fails the
                                       run; the mount target stays, never deleted under a task (default 900)
      PROTECTED_AZS                    AZs whose mount targets are never deleted, comma-separated
                                       (only mount targets this autoscaler created ever are)
      COUNT_CACHE_TTL_SECONDS          reuse a complete count this young (default 300)
      COUNT_CONCURRENCY, COUNT_RECURSIVE  the walker (defaults 64, true)
      MANAGE_SERVICE_SUBNETS           keep the service's subnets in served AZs (default false)
      DRY_RUN                          decide but change nothing (default false)
      LOG_LEVEL, LOG_FORMAT            info (also warn); json unless standard error is a terminal
      AWS_REGION / AWS_DEFAULT_REGION, AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
      AWS_SESSION_TOKEN, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI|_FULL_URI,
      AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE), AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN and
      AWS_ROLE_SESSION_NAME, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EFS|_EC2|_SSM|_ECS|_DYNAMODB|_STS,
      AWS_MAX_ATTEMPTS                 the AWS client (standard SDK meanings)
    """
}
