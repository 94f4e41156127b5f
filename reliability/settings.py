"""The settings of the reliability drivers (soak, crash, concurrent_runs) and the hostile world.

Every number that something else must agree with lives here, once. Two kinds:

* what the binary is told: `deployment.Deployment.environment` turns these into its environment
  variables, so the binary and the checks that rely on a value (the soak's cooldown window, the
  world's hosts against the drain minimum, the time-to-serve floor) use one value by construction;
* what the binary does not take from its environment: each names, beside it, the Swift value it
  mirrors, and reliability/tests/test_settings.py reads that value from the sources and compares.
"""

# ---------------------------------------------------------------------------------------------
# Where everything runs

REGION = "ap-northeast-1"
# moto's account (moto.core.DEFAULT_ACCOUNT_ID): the ARNs the world's own ECS model and Lambda
# Runtime API make must look like the ones moto makes.
MOTO_ACCOUNT_ID = "123456789012"

# ---------------------------------------------------------------------------------------------
# What the binary does not read from its environment (checked by tests/test_settings.py)

# ReconcilerOptions.leaseGraceSeconds (Sources/Scaling/Reconciling/ReconcilerOptions.swift): a
# run's lock outlives its deadline by this much.
LEASE_GRACE_SECONDS = 30
# HTTPTimeouts.total (Sources/AWSCore/HTTP/HTTPRequest.swift): how long the client waits for one
# attempt's whole exchange.
CLIENT_TIMEOUT_SECONDS = 30
# The lock table's hash key: the one Sources/ScalingAWS/DynamoDBLockStore.swift writes and
# infra/lock.tf declares.
LOCK_TABLE_KEY = "file_system_id"

# The fault proxy's `delay`: the answer is held until the client gave up on it.
DELAY_FAULT_SECONDS = CLIENT_TIMEOUT_SECONDS + 1

# ---------------------------------------------------------------------------------------------
# Runs of the binary

# `efs-autoscaler invoke --timeout` (the drivers) and the Lambda deadline (the world).
RUN_TIMEOUT_SECONDS = 120
# How long after a run started the next scheduled one comes when that run died or overlapped:
# by then the run's lock has expired (its deadline + the lease grace).
LEASE_GAP_SECONDS = RUN_TIMEOUT_SECONDS + LEASE_GRACE_SECONDS + 1

# ---------------------------------------------------------------------------------------------
# The policy every run is given (Deployment.environment), drivers and world alike

FILE_COUNT_THRESHOLD = 100
SCALE_IN_THRESHOLD = 50
# SCALE_IN_COOLDOWN_SECONDS is left unset, so this gates scale-ins too.
SCALE_OUT_COOLDOWN_SECONDS = 300
COUNT_CACHE_TTL_SECONDS = 0

# File counts that ask for a scale-out, for a scale-in, and for nothing.
SCALE_OUT_FILES = 150
SCALE_IN_FILES = 20
IDLE_FILES = 60

# The drivers' own: moto's mount targets are available at once and its deployments finish at
# once: no DNS to wait for, no consumer re-reading the list (the hostile world models both).
DRIVER_POLICY = {
    "SCALE_IN_STABILIZATION_SECONDS": 600,
    "DRAIN_TIMEOUT_SECONDS": 900,
    "MOUNT_TARGET_SETTLE_SECONDS": 0,
    "DRAIN_MIN_SECONDS": 0,
}

# ---------------------------------------------------------------------------------------------
# The hostile world (reliability/world)

# Simulated seconds per real second while a binary runs (world_run.py --rate).
WORLD_RATE = 30.0
# The world's hosts re-read the published list this often; the binary is told to keep a drained
# mount target at least as long after unpublishing it (DRAIN_MIN_SECONDS), as an operator would.
HOST_REREAD_SECONDS = 300
# A new mount target's DNS name takes up to this long to resolve (AWS's advice, and the binary's
# own default); told to the binary, and counted in the world's time-to-serve floor (serve.py).
WORLD_SETTLE_SECONDS = 90
# A count that asks for a scale-in in the world's scenarios.
WORLD_SCALE_IN_FILES = 10

WORLD_POLICY = {
    "SCALE_IN_STABILIZATION_SECONDS": 300,
    "DRAIN_TIMEOUT_SECONDS": 1800,
    "MIN_MOUNT_TARGETS": 1,
    "DRAIN_MIN_SECONDS": HOST_REREAD_SECONDS,
    "MOUNT_TARGET_SETTLE_SECONDS": WORLD_SETTLE_SECONDS,
}
