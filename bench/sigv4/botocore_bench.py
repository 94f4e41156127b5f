#!/usr/bin/env python3
"""botocore's SigV4Auth on the same request as bench/sigv4/Sources/main.swift."""
import json
import sys
import time

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
creds = Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "FwoGZXIvYXdzEXAMPLETOKEN")
body = b'{"Name":"/efs-autoscaler/mount-targets","WithDecryption":false}'
auth = SigV4Auth(creds, "ssm", "ap-northeast-1")
request = AWSRequest(method="POST", url="https://ssm.ap-northeast-1.amazonaws.com/", data=body,
                     headers={"Content-Type": "application/x-amz-json-1.1",
                              "X-Amz-Target": "AmazonSSM.GetParameter",
                              "User-Agent": "efs-autoscaler/0.1"})
start = time.perf_counter()
for _ in range(iterations):
    auth.add_auth(request)  # replaces Authorization, X-Amz-Date and the token each time
elapsed = time.perf_counter() - start
print(json.dumps({"signer": "botocore", "iterations": iterations, "seconds": elapsed,
                  "signatures_per_second": int(iterations / elapsed)}))
