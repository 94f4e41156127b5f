"""reliability/settings.py: the values the binary does not take from its environment agree with
the sources that define them, and the file counts ask for what their names say."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import settings  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def source_value(path, pattern):
    with open(os.path.join(ROOT, path)) as f:
        match = re.search(pattern, f.read())
    assert match, f"{pattern!r} not found in {path}: update reliability/settings.py and this test"
    return match.group(1)


def test_lease_grace_is_the_reconcilers():
    grace = source_value("Sources/Scaling/Reconciling/ReconcilerOptions.swift", r"leaseGraceSeconds: Double = (\d+)")
    assert settings.LEASE_GRACE_SECONDS == int(grace)


def test_client_timeout_is_the_http_clients():
    total = source_value("Sources/AWSCore/HTTP/HTTPRequest.swift", r"total: Double = (\d+)")
    assert settings.CLIENT_TIMEOUT_SECONDS == int(total)
    assert settings.DELAY_FAULT_SECONDS > settings.CLIENT_TIMEOUT_SECONDS


def test_lock_table_key_is_the_lock_stores():
    key = source_value("Sources/ScalingAWS/DynamoDBLockStore.swift", r'private var key: DynamoDBItem \{ \["(\w+)"')
    assert settings.LOCK_TABLE_KEY == key


def test_account_is_motos():
    from moto.core import DEFAULT_ACCOUNT_ID
    assert settings.MOTO_ACCOUNT_ID == DEFAULT_ACCOUNT_ID


def test_file_counts_ask_for_what_they_are_named_after():
    assert settings.SCALE_IN_FILES < settings.SCALE_IN_THRESHOLD
    assert settings.WORLD_SCALE_IN_FILES < settings.SCALE_IN_THRESHOLD
    assert settings.SCALE_IN_THRESHOLD <= settings.IDLE_FILES <= settings.FILE_COUNT_THRESHOLD
    assert settings.SCALE_OUT_FILES > settings.FILE_COUNT_THRESHOLD
