"""HTTP plumbing of the world: framing comes from fault_proxy (byte-exact, shared with the fault
proxy); this adds answers in each AWS protocol's shape and forwarding to moto."""
import json
import socket
import zlib

import fault_proxy as fp

REASONS = {200: "OK", 202: "Accepted", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
           429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"}
JSON_CONTENT = {"ecs": "application/x-amz-json-1.1", "ssm": "application/x-amz-json-1.1",
                "dynamodb": "application/x-amz-json-1.0", "efs": "application/json"}
DYNAMODB_PREFIX = "DynamoDB_20120810"


def classify(method, target_path, request):
    service, operation = fp.classify(method, target_path, request)
    if service == DYNAMODB_PREFIX:
        service = "dynamodb"
    return service, operation


def http_response(status, body, headers=()):
    head = f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def json_response(service, status, obj, headers=()):
    return http_response(status, json.dumps(obj).encode(),
                         [("Content-Type", JSON_CONTENT.get(service, "application/json")),
                          ("x-amzn-RequestId", "world-0000"), *headers])


def error(service, status, code, message, headers=()):
    """An AWS error in the service's protocol shape (EC2's XML, EFS's rest-json, json-1.0/1.1)."""
    if service == "ec2":
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>{code}</Code>'
                f"<Message>{message}</Message></Error></Errors><RequestID>world</RequestID></Response>").encode()
        return http_response(status, body, [("Content-Type", "text/xml;charset=UTF-8"), *headers])
    if service == "efs":
        return http_response(status, json.dumps({"ErrorCode": code, "Message": message}).encode(),
                             [("Content-Type", "application/json"), ("x-amzn-ErrorType", code), *headers])
    prefix = "com.amazonaws.dynamodb.v20120810#" if service == "dynamodb" else ""
    return json_response(service, status, {"__type": prefix + code, "message": message}, headers)


def throttle(service, retry_after_ms):
    code = {"ec2": "RequestLimitExceeded", "dynamodb": "ThrottlingException"}.get(service, "ThrottlingException")
    return error(service, 400, code, "Rate exceeded (the world's shared quota)",
                 [("x-amz-retry-after", str(int(retry_after_ms)))])


def forward(upstream, raw, method):
    """Sends a request's exact bytes to moto; returns the parsed response."""
    conn = socket.create_connection(upstream, timeout=60)
    try:
        conn.sendall(raw)
        return fp.read_message(fp.Reader(conn), is_response=True, request_method=method)
    finally:
        conn.close()


def with_body(response, body):
    """moto's response with a replaced body (status and headers kept, framing recomputed)."""
    headers = [(k, v) for k, v in response.headers if k.lower() not in ("content-length", "transfer-encoding")]
    # DynamoDB signs its body with a CRC32 header that clients check.
    headers = [(k, str(zlib.crc32(body)) if k.lower() == "x-amz-crc32" else v) for k, v in headers]
    status = fp.response_status(response)
    return http_response(status, body, headers)


def status_of(response):
    return fp.response_status(response)


def json_body(message):
    try:
        return json.loads(message.body) if message.body else {}
    except ValueError:
        return {}
