#!/usr/bin/env python3
"""Signs requests with botocore's SigV4Auth, the independent peer of our signer.

Reads one JSON request per line on stdin and prints one JSON object per line with the
Authorization header botocore computes. The clock is pinned to each request's timestamp.
"""
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class _PinnedDatetime(datetime.datetime):
    pinned = None

    @classmethod
    def utcnow(cls):
        return cls.pinned


class _DatetimeModule:
    datetime = _PinnedDatetime


# Older botocore reads datetime.datetime.utcnow(); newer reads botocore.auth.get_current_datetime().
botocore.auth.datetime = _DatetimeModule
if hasattr(botocore.auth, "get_current_datetime"):
    botocore.auth.get_current_datetime = lambda *args, **kwargs: _PinnedDatetime.pinned


def sign(req):
    _PinnedDatetime.pinned = datetime.datetime.fromtimestamp(req["time"], tz=datetime.timezone.utc).replace(tzinfo=None)
    creds = Credentials(req["access_key"], req["secret_key"], req.get("token"))
    request = AWSRequest(method=req["method"], url=req["url"], data=req["body"].encode("utf-8"),
                         params=[tuple(p) for p in req["params"]])
    for name, value in req["headers"]:
        request.headers[name] = value  # appends: repeated names stay repeated
    # botocore's SigV4Auth does not add x-amz-content-sha256; we always do, so sign it as a header.
    request.headers["X-Amz-Content-SHA256"] = req["payload_hash"]
    botocore.auth.SigV4Auth(creds, req["service"], req["region"]).add_auth(request)
    return request.headers["Authorization"]


for line in sys.stdin:
    print(json.dumps({"authorization": sign(json.loads(line))}), flush=True)
