#!/usr/bin/env python3
"""A fault-injecting HTTP/1.1 proxy between efs-autoscaler and the local AWS emulator (moto).

Test tooling, loopback only. The binary under test reaches it through `AWS_ENDPOINT_URL`; the
proxy forwards each request to moto and, per call and with configurable probabilities, injects
one of these faults instead of (or after) forwarding it:

    throttle      HTTP 400 throttling error in the service's own protocol shape:
                  EC2 (query/XML): <Response><Errors><Error><Code>RequestLimitExceeded</Code>...
                  SSM, ECS (json1.1): {"__type":"ThrottlingException",...}
                  EFS (restJson): x-amzn-ErrorType: ThrottlingException and {"ErrorCode":...}
    throttle429   the same shape with HTTP 429 (TooManyRequestsException for EFS)
    http500       HTTP 500 InternalFailure / InternalError (EC2), in the service's shape
    http503       HTTP 503 ServiceUnavailable, in the service's shape
    reset_before  TCP reset before anything reaches moto (the call surely did not happen)
    reset_after   moto performs the call, then the client's connection is reset instead of
                  answered: the dangerous case (CreateMountTarget succeeded, the client saw an
                  error)
    delay         moto performs the call, the response is held for --delay-seconds (default
                  31 s, settings.DELAY_FAULT_SECONDS: the client's per-attempt total timeout is
                  `HTTPTimeouts.total`, 30 s, with no environment knob), so the client times
                  out first

Forwarding is byte-exact: the request line, every header (Host included) and the body reach
moto exactly as the client sent them, on a fresh upstream connection per call, and moto's
response bytes reach the client unchanged. The client signed for `Host: 127.0.0.1:<proxy port>`
and moto recomputes SigV4 from the request it receives, Host header included, so the
signature verifies without rewriting anything (moto routes by credential scope and
X-Amz-Target, not by host name).

Every call is logged as one JSON line (to --log and to GET /_proxy/log): sequence number,
time, method, path, service, operation (EFS by path, EC2 by the form's Action=, SSM and ECS by
X-Amz-Target), whether moto saw it (`forwarded`), moto's status (`upstream_status`), the
status the client saw (`client_status`, null after a reset or a timeout), the fault, whether
the operation mutates, and for mutating calls a few identifying fields (`detail`).

Control (unsigned, same port, path prefix /_proxy/):
    GET  /_proxy/log[?since=N]   JSON list of log entries with seq >= N
    GET  /_proxy/config          current fault configuration
    POST /_proxy/config          JSON object: any of rate, weights{kind: w}, seed,
                                 delay_seconds, only_services[], only_operations[]
    POST /_proxy/kill            JSON {operation, phase: "before"|"after", pid, signal=9,
                                 skip=0, count=1}: when a call to `operation` arrives (after
                                 letting `skip` such calls through), send `signal` to
                                 `pid` before forwarding it (the call never happens) or after
                                 moto performed it (the process dies before seeing the answer)
    POST /_proxy/kill/clear      drop every kill rule

Usage: fault_proxy.py --upstream http://127.0.0.1:PORT [--rate 0.2] [--seed 1]
           [--weights throttle=1,reset_after=1,...] [--delay-seconds 31] [--log FILE]
           [--parent-pid PID]
Prints `READY <port>` on stdout once it accepts connections.
"""
import argparse
import json
import os
import random
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse

import settings

FAULT_KINDS = ("throttle", "throttle429", "http500", "http503", "reset_before", "reset_after", "delay")
DYNAMODB_WRITES = {"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems"}
MUTATING = {"CreateMountTarget", "DeleteMountTarget", "PutParameter", "DeleteParameter", "UpdateService",
            *DYNAMODB_WRITES}
EFS_PREFIX = "/2015-02-01/"
MAX_HEADER_BYTES = 64 * 1024


class ClientGone(Exception):
    """The client closed its connection (normal at the end of keep-alive)."""


# ---------------------------------------------------------------------------------------------
# HTTP framing (bytes in, bytes out; nothing is re-encoded)


class Message:
    """One HTTP message as raw bytes plus the parsed fields the proxy needs."""

    def __init__(self, raw_head, start_line, headers, body, raw_body):
        self.raw_head = raw_head      # start line + headers + CRLFCRLF, exactly as received
        self.start_line = start_line
        self.headers = headers        # list of (name, value), names as received
        self.body = body              # decoded body (chunked framing removed)
        self.raw_body = raw_body      # body bytes exactly as received

    def header(self, name):
        lname = name.lower()
        for k, v in self.headers:
            if k.lower() == lname:
                return v
        return None

    @property
    def raw(self):
        return self.raw_head + self.raw_body


class Reader:
    """Buffered reads from a socket."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise ClientGone()
        self.buf += data

    def until(self, marker, limit):
        while marker not in self.buf:
            if len(self.buf) > limit:
                raise ValueError("header section too large")
            self._fill()
        i = self.buf.index(marker) + len(marker)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out

    def exactly(self, n):
        while len(self.buf) < n:
            self._fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def rest(self):
        chunks = [self.buf]
        self.buf = b""
        while True:
            data = self.sock.recv(65536)
            if not data:
                return b"".join(chunks)
            chunks.append(data)


def read_message(reader, is_response=False, request_method=None):
    """Reads one request or response; keeps the exact bytes and the decoded body."""
    raw_head = reader.until(b"\r\n\r\n", MAX_HEADER_BYTES)
    lines = raw_head[:-4].decode("iso-8859-1").split("\r\n")
    start_line = lines[0]
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    msg = Message(raw_head, start_line, headers, b"", b"")
    status = None
    if is_response:
        parts = start_line.split(" ", 2)
        status = int(parts[1])
    te = (msg.header("Transfer-Encoding") or "").lower()
    length = msg.header("Content-Length")
    if is_response and (request_method == "HEAD" or status in (204, 304) or 100 <= status < 200):
        return msg
    if "chunked" in te:
        raw, body = [], []
        while True:
            size_line = reader.until(b"\r\n", MAX_HEADER_BYTES)
            raw.append(size_line)
            size = int(size_line.split(b";")[0].strip(), 16)
            if size == 0:
                while True:  # trailers up to an empty line
                    line = reader.until(b"\r\n", MAX_HEADER_BYTES)
                    raw.append(line)
                    if line == b"\r\n":
                        break
                break
            chunk = reader.exactly(size + 2)
            raw.append(chunk)
            body.append(chunk[:-2])
        msg.raw_body, msg.body = b"".join(raw), b"".join(body)
    elif length is not None:
        msg.raw_body = msg.body = reader.exactly(int(length))
    elif is_response:
        msg.raw_body = msg.body = reader.rest()  # delimited by close
    return msg


def wants_close(msg, is_response=False):
    """Whether the connection ends after this message (HTTP/1.0 without keep-alive, an explicit
    close, or a response delimited by closing the connection)."""
    conn = (msg.header("Connection") or "").lower()
    if "close" in conn:
        return True
    tokens = msg.start_line.split(" ")
    version = tokens[0] if is_response else tokens[-1]
    if version == "HTTP/1.0" and "keep-alive" not in conn:
        return True
    if is_response and msg.header("Content-Length") is None and not no_body(msg) \
            and "chunked" not in (msg.header("Transfer-Encoding") or "").lower():
        return True
    return False


def no_body(response):
    status = response_status(response)
    return status in (204, 304) or 100 <= status < 200


def reset(sock):
    """Closes with a TCP RST instead of a FIN: what a dropped connection looks like."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


# ---------------------------------------------------------------------------------------------
# Classifying calls


def classify(method, target_path, msg):
    """(service, operation) of a call: EFS by path, EC2 by Action=, SSM/ECS by X-Amz-Target."""
    path = urllib.parse.urlsplit(target_path).path
    amz_target = msg.header("X-Amz-Target")
    if amz_target:
        prefix, _, op = amz_target.partition(".")
        if prefix.startswith("AmazonSSM"):
            return "ssm", op
        if prefix.startswith("AmazonEC2ContainerService"):
            return "ecs", op
        if prefix.startswith("DynamoDB_"):
            return "dynamodb", op
        return prefix, op
    if path.startswith(EFS_PREFIX):
        rest = path[len(EFS_PREFIX):].strip("/").split("/")
        if rest[0] == "mount-targets":
            if method == "POST":
                return "efs", "CreateMountTarget"
            if method == "DELETE":
                return "efs", "DeleteMountTarget"
            if len(rest) > 2 and rest[2] == "security-groups":
                return "efs", "DescribeMountTargetSecurityGroups" if method == "GET" else "ModifyMountTargetSecurityGroups"
            return "efs", "DescribeMountTargets"
        if rest[0] == "file-systems":
            return "efs", {"GET": "DescribeFileSystems", "POST": "CreateFileSystem",
                           "DELETE": "DeleteFileSystem"}.get(method, "FileSystems")
        return "efs", f"{method} {path}"
    form = urllib.parse.parse_qs(msg.body.decode("utf-8", "replace")) if msg.body else {}
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(target_path).query)
    action = (form.get("Action") or query.get("Action") or [None])[0]
    if action:
        return "ec2", action
    return "unknown", f"{method} {path}"


def detail(operation, target_path, request, response):
    """A few fields that identify what a mutating call did (never credentials)."""
    out = {}
    try:
        req = json.loads(request.body) if request.body else {}
    except ValueError:
        req = {}
    try:
        resp = json.loads(response.body) if response is not None and response.body else {}
    except ValueError:
        resp = {}
    if operation == "CreateMountTarget":
        out["subnet_id"] = req.get("SubnetId")
        out["file_system_id"] = req.get("FileSystemId")
        out["mount_target_id"] = resp.get("MountTargetId")
        out["availability_zone"] = resp.get("AvailabilityZoneName")
        out["error_code"] = resp.get("ErrorCode") if response is not None and response_status(response) >= 300 else None
    elif operation == "DeleteMountTarget":
        out["mount_target_id"] = urllib.parse.urlsplit(target_path).path.rstrip("/").split("/")[-1]
    elif operation == "PutParameter":
        out["name"] = req.get("Name")
        out["overwrite"] = req.get("Overwrite")
        out["version"] = resp.get("Version")
        if response is not None and response_status(response) >= 300:
            out["error_code"] = resp.get("__type")
        try:
            document = json.loads(req.get("Value") or "")
        except ValueError:
            document = None
        if isinstance(document, dict) and "version" in document:  # the state document
            pending = document.get("pending") or {}
            out["pending"] = {k: pending.get(k) for k in ("kind", "availability_zone", "started_at")} if pending else None
            out["lease_owner"] = (document.get("lease") or {}).get("owner")
    elif operation in ("UpdateItem", "PutItem"):
        # A write of the lock item: who holds the lock, and the state document it carries.
        values = req.get("ExpressionAttributeValues") or {}
        out["name"] = lock_item_name(req.get("TableName"))
        out["lease_owner"] = (values.get(":o") or {}).get("S")
        try:
            document = json.loads((values.get(":s") or {}).get("S") or "")
        except ValueError:
            document = None
        if isinstance(document, dict):
            pending = document.get("pending") or {}
            out["pending"] = {k: pending.get(k) for k in ("kind", "availability_zone", "started_at")} if pending else None
        if response is not None and response_status(response) >= 300:
            out["error_code"] = resp.get("__type")
    elif operation == "UpdateService":
        out["service"] = req.get("service")
        out["force_new_deployment"] = req.get("forceNewDeployment")
        subnets = (((req.get("networkConfiguration") or {}).get("awsvpcConfiguration") or {}).get("subnets"))
        if subnets is not None:
            out["subnets"] = subnets
    return {k: v for k, v in out.items() if v is not None}


def response_status(msg):
    return int(msg.start_line.split(" ", 2)[1])


def lock_item_name(table):
    """How `detail` names a write of the lock item in `table`."""
    return f"lock:{table}"


# ---------------------------------------------------------------------------------------------
# Fault responses in each protocol's shape

REASONS = {400: "Bad Request", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"}


def error_response(service, kind, request_id):
    status = {"throttle": 400, "throttle429": 429, "http500": 500, "http503": 503}[kind]
    throttled = kind.startswith("throttle")
    headers = [("x-amzn-RequestId", request_id)]
    if service == "ec2":
        code = {"throttle": "RequestLimitExceeded", "throttle429": "RequestLimitExceeded",
                "http500": "InternalError", "http503": "Unavailable"}[kind]
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>{code}</Code>'
                f"<Message>injected by fault_proxy ({kind})</Message></Error></Errors>"
                f"<RequestID>{request_id}</RequestID></Response>").encode()
        headers.append(("Content-Type", "text/xml;charset=UTF-8"))
    elif service == "efs":
        code = ("TooManyRequestsException" if kind == "throttle429" else "ThrottlingException") if throttled \
            else {"http500": "InternalServerError", "http503": "ServiceUnavailableException"}[kind]
        body = json.dumps({"ErrorCode": code, "Message": f"injected by fault_proxy ({kind})"}).encode()
        headers += [("Content-Type", "application/json"), ("x-amzn-ErrorType", code)]
    else:  # json1.1: SSM, ECS
        code = "ThrottlingException" if throttled else \
            {"http500": "InternalFailure", "http503": "ServiceUnavailable"}[kind]
        body = json.dumps({"__type": code, "message": f"injected by fault_proxy ({kind})"}).encode()
        headers.append(("Content-Type", "application/x-amz-json-1.1"))
    head = f"HTTP/1.1 {status} {REASONS[status]}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return status, head.encode() + body


def plain_response(status, obj):
    body = json.dumps(obj).encode()
    return (f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


# ---------------------------------------------------------------------------------------------
# The proxy


class FaultConfig:
    def __init__(self, rate, weights, seed, delay_seconds):
        self.rate = rate
        self.weights = weights
        self.seed = seed
        self.delay_seconds = delay_seconds
        self.only_services = None
        self.only_operations = None
        self.random = random.Random(seed)

    def as_dict(self):
        return {"rate": self.rate, "weights": self.weights, "seed": self.seed, "delay_seconds": self.delay_seconds,
                "only_services": self.only_services, "only_operations": self.only_operations}

    def update(self, obj):
        if "rate" in obj:
            rate = float(obj["rate"])
            if not 0 <= rate <= 1:
                raise ValueError(f"rate must be between 0 and 1, got {rate}")
            self.rate = rate
        if "weights" in obj:
            self.weights = parse_weights(obj["weights"])
        if "seed" in obj:
            self.seed = obj["seed"]
            self.random = random.Random(self.seed)
        if "delay_seconds" in obj:
            self.delay_seconds = float(obj["delay_seconds"])
        if "only_services" in obj:
            self.only_services = obj["only_services"]
        if "only_operations" in obj:
            self.only_operations = obj["only_operations"]

    def draw(self, service, operation):
        """The fault for one call, or None. One seeded generator, drawn twice per call."""
        roll, pick = self.random.random(), self.random.random()
        if self.only_services is not None and service not in self.only_services:
            return None
        if self.only_operations is not None and operation not in self.only_operations:
            return None
        if roll >= self.rate:
            return None
        total = sum(self.weights.values())
        if total <= 0:
            return None
        x = pick * total
        for kind in FAULT_KINDS:
            x -= self.weights.get(kind, 0)
            if x < 0:
                return kind
        return None


def parse_weights(spec):
    if isinstance(spec, dict):
        weights = {k: float(v) for k, v in spec.items()}
    else:
        weights = {}
        for item in filter(None, (s.strip() for s in spec.split(","))):
            k, _, v = item.partition("=")
            weights[k.strip()] = float(v)
    unknown = set(weights) - set(FAULT_KINDS)
    if unknown:
        raise ValueError(f"unknown fault kinds {sorted(unknown)}; known: {', '.join(FAULT_KINDS)}")
    if any(w < 0 for w in weights.values()):
        raise ValueError("weights must be >= 0")
    return {k: weights.get(k, 0.0) for k in FAULT_KINDS}


class Proxy:
    def __init__(self, upstream, config, log_path):
        parsed = urllib.parse.urlsplit(upstream)
        if parsed.scheme != "http" or parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"--upstream must be a loopback http:// URL, got {upstream}")
        self.upstream = (parsed.hostname, parsed.port or 80)
        self.config = config
        self.lock = threading.Lock()
        self.log = []
        self.log_file = open(log_path, "a", buffering=1) if log_path else None
        self.kill_rules = []
        self.request_counter = 0

    # -- bookkeeping

    def record(self, entry):
        with self.lock:
            entry["seq"] = len(self.log)
            self.log.append(entry)
            if self.log_file:
                self.log_file.write(json.dumps(entry, sort_keys=True) + "\n")

    def take_kill_rule(self, operation, phase):
        with self.lock:
            for rule in self.kill_rules:
                if rule["operation"] == operation and rule["phase"] == phase and rule["count"] > 0:
                    if rule.get("skip", 0) > 0:
                        rule["skip"] -= 1
                        continue
                    rule["count"] -= 1
                    return rule
        return None

    # -- per connection

    def serve(self, client):
        reader = Reader(client)
        try:
            while True:
                try:
                    request = read_message(reader)
                except (ClientGone, ConnectionError, OSError):
                    return
                keep = self.handle(client, request)
                if not keep:
                    return
        finally:
            try:
                client.close()
            except OSError:
                pass

    def handle(self, client, request):
        """Answers one request. Returns False when the client connection must end."""
        method, target_path = request.start_line.split(" ")[0], request.start_line.split(" ")[1]
        if target_path.startswith("/_proxy/"):
            client.sendall(self.control(method, target_path, request))
            return True
        service, operation = classify(method, target_path, request)
        with self.lock:
            self.request_counter += 1
            request_id = f"fault-proxy-{self.request_counter:08d}"
            fault = self.config.draw(service, operation)
        entry = {"t": time.time(), "method": method, "path": urllib.parse.urlsplit(target_path).path,
                 "service": service, "operation": operation, "target": request.header("X-Amz-Target"),
                 "mutating": operation in MUTATING, "fault": fault, "forwarded": False,
                 "upstream_status": None, "client_status": None}

        rule = self.take_kill_rule(operation, "before")
        if rule:
            self.kill(rule)
            entry["fault"] = "kill_before"
            self.record(entry)
            reset(client)
            return False
        if fault in ("throttle", "throttle429", "http500", "http503"):
            status, payload = error_response(service, fault, request_id)
            entry["client_status"] = status
            self.record(entry)
            client.sendall(payload)
            return True
        if fault == "reset_before":
            self.record(entry)
            reset(client)
            return False

        try:
            response = self.forward(request)
        except (OSError, ValueError, ClientGone) as error:
            entry["fault"] = entry["fault"] or "upstream_error"
            entry["error"] = str(error)
            self.record(entry)
            reset(client)
            return False
        entry["forwarded"] = True
        entry["upstream_status"] = response_status(response)
        if entry["mutating"]:
            entry["detail"] = detail(operation, target_path, request, response)

        rule = self.take_kill_rule(operation, "after")
        if rule:
            self.kill(rule)
            entry["fault"] = "kill_after"
            self.record(entry)
            reset(client)
            return False
        if fault == "reset_after":
            self.record(entry)
            reset(client)
            return False
        if fault == "delay":
            self.record(entry)
            time.sleep(self.config.delay_seconds)
            try:
                client.sendall(response.raw)
            except OSError:
                pass
            reset(client)
            return False
        entry["client_status"] = entry["upstream_status"]
        self.record(entry)
        client.sendall(response.raw)
        return not wants_close(response, is_response=True) and not wants_close(request)

    def forward(self, request):
        upstream = socket.create_connection(self.upstream, timeout=60)
        try:
            upstream.sendall(request.raw)
            method = request.start_line.split(" ")[0]
            return read_message(Reader(upstream), is_response=True, request_method=method)
        finally:
            upstream.close()

    def kill(self, rule):
        try:
            os.kill(rule["pid"], rule.get("signal", signal.SIGKILL))
        except ProcessLookupError:
            pass

    # -- control

    def control(self, method, target_path, request):
        parts = urllib.parse.urlsplit(target_path)
        path = parts.path
        try:
            if path == "/_proxy/log" and method == "GET":
                since = int((urllib.parse.parse_qs(parts.query).get("since") or ["0"])[0])
                with self.lock:
                    return plain_response(200, self.log[since:])
            if path == "/_proxy/config":
                if method == "POST":
                    with self.lock:
                        self.config.update(json.loads(request.body or b"{}"))
                with self.lock:
                    return plain_response(200, self.config.as_dict())
            if path == "/_proxy/kill" and method == "POST":
                rule = json.loads(request.body)
                if rule.get("phase") not in ("before", "after") or not rule.get("operation") or not rule.get("pid"):
                    raise ValueError("a kill rule needs operation, phase (before|after) and pid")
                rule.setdefault("count", 1)
                rule.setdefault("signal", int(signal.SIGKILL))
                with self.lock:
                    self.kill_rules.append(rule)
                return plain_response(200, rule)
            if path == "/_proxy/kill/clear" and method == "POST":
                with self.lock:
                    self.kill_rules.clear()
                return plain_response(200, {"cleared": True})
            return plain_response(404, {"error": f"no control endpoint {method} {path}"})
        except (ValueError, TypeError, KeyError) as error:
            return plain_response(400, {"error": str(error)})


def exit_with_parent(parent):
    while True:
        try:
            os.kill(parent, 0)
        except OSError:
            os._exit(0)
        time.sleep(0.5)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--upstream", required=True, help="moto's URL, e.g. http://127.0.0.1:5000")
    ap.add_argument("--rate", type=float, default=0.0, help="probability that a call is faulted (0..1)")
    ap.add_argument("--weights", default=",".join(f"{k}=1" for k in FAULT_KINDS),
                    help="relative weight per fault kind, e.g. throttle=2,delay=0.1")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--delay-seconds", type=float, default=float(settings.DELAY_FAULT_SECONDS))
    ap.add_argument("--log", help="append one JSON line per call to this file")
    ap.add_argument("--parent-pid", type=int, help="exit when this process is gone")
    args = ap.parse_args()
    try:
        config = FaultConfig(args.rate, parse_weights(args.weights), args.seed, args.delay_seconds)
        if not 0 <= args.rate <= 1:
            raise ValueError(f"--rate must be between 0 and 1, got {args.rate}")
        proxy = Proxy(args.upstream, config, args.log)
    except ValueError as error:
        print(f"fault_proxy: {error}", file=sys.stderr)
        sys.exit(2)
    if args.parent_pid:
        threading.Thread(target=exit_with_parent, args=(args.parent_pid,), daemon=True).start()

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        print(f"READY {listener.getsockname()[1]}", flush=True)
        while True:
            client, _ = listener.accept()
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=proxy.serve, args=(client,), daemon=True).start()
    finally:
        listener.close()
        if proxy.log_file:
            proxy.log_file.close()


if __name__ == "__main__":
    main()
