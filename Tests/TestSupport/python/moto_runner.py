#!/usr/bin/env python3
"""Runs moto's server for the Swift tests and dies with the test process.

Why not plain `moto_server`: the tests need (1) a port chosen by the OS, reported back
without a race, (2) the server gone when the test process exits, even when it crashes, and
(3) a log of the requests moto received, to prove a request was sent exactly once.

Prints `READY <port>` on stdout once it accepts connections. Extra endpoints:
GET /_tests/requests -> JSON list of {method, path, target, accessKeyId, parameterName}; POST
clears it (`parameterName` is the `Name` of a JSON-protocol request such as SSM PutParameter).
POST /_tests/mount-target-creating-seconds, body = seconds: for that long after its creation a
mount target is reported `creating` (moto makes them `available` at once; real EFS takes a
minute or two), so tests can exercise polling and a deadline cut mid-wait. Reset sets it to 0.
Environment (read by moto): INITIAL_NO_AUTH_ACTION_COUNT, MOTO_ECS_SERVICE_RUNNING.
"""
import argparse
import io
import json
import os
import re
import threading
import time

from werkzeug.serving import make_server

from moto.server import DomainDispatcherApplication, create_backend_app

LOG = []
LOG_LOCK = threading.Lock()
CREDENTIAL = re.compile(r"Credential=([^/]+)/")


def json_name(environ):
    """The `Name` field of a JSON-protocol request body, leaving the body readable for moto."""
    if not environ.get("HTTP_X_AMZ_TARGET"):
        return None
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(body)
    try:
        name = json.loads(body).get("Name")
    except (ValueError, AttributeError):
        return None
    return name if isinstance(name, str) else None


def with_request_log(app):
    def wrapped(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/_tests/requests":
            with LOG_LOCK:
                body = json.dumps(LOG).encode()
                if environ["REQUEST_METHOD"] == "POST":
                    LOG.clear()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        if not path.startswith("/moto-api"):
            match = CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
            with LOG_LOCK:
                LOG.append({"method": environ["REQUEST_METHOD"], "path": path,
                            "query": environ.get("QUERY_STRING", ""),
                            "target": environ.get("HTTP_X_AMZ_TARGET"),
                            "accessKeyId": match.group(1) if match else None,
                            "parameterName": json_name(environ)})
        return app(environ, start_response)
    return wrapped


CREATING = {"seconds": 0.0, "created": {}}
CREATING_LOCK = threading.Lock()
MOUNT_TARGETS = "/2015-02-01/mount-targets"


def creating_rewrite(method, body):
    """Marks mount targets younger than the creating window as `creating` in an EFS response."""
    try:
        document = json.loads(body)
    except ValueError:
        return body
    now = time.monotonic()
    with CREATING_LOCK:
        if method == "POST" and isinstance(document.get("MountTargetId"), str):
            CREATING["created"][document["MountTargetId"]] = now
        targets = document.get("MountTargets", []) if method == "GET" else [document]
        for target in targets:
            created = CREATING["created"].get(target.get("MountTargetId"))
            if created is not None and now - created < CREATING["seconds"] and target.get("LifeCycleState") == "available":
                target["LifeCycleState"] = "creating"
    return json.dumps(document).encode()


def rewrite_response(app, environ, start_response, rewrite):
    """Runs `app`, passes a 200 answer's body through `rewrite`, and fixes its Content-Length."""
    captured = {}

    def capture(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, headers
        return lambda data: None

    result = app(environ, capture)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    if captured["status"].startswith("200"):
        body = rewrite(body)
    headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
    start_response(captured["status"], headers + [("Content-Length", str(len(body)))])
    return [body]


def with_creating_window(app):
    def wrapped(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/_tests/mount-target-creating-seconds":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            seconds = float(environ["wsgi.input"].read(length) or b"0")
            with CREATING_LOCK:
                CREATING["seconds"] = seconds
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "0")])
            return [b""]
        if path == "/moto-api/reset":
            with CREATING_LOCK:
                CREATING["seconds"] = 0.0
                CREATING["created"].clear()
        with CREATING_LOCK:
            active = CREATING["seconds"] > 0
        if not active or not path.startswith(MOUNT_TARGETS):
            return app(environ, start_response)
        return rewrite_response(app, environ, start_response,
                                lambda body: creating_rewrite(environ["REQUEST_METHOD"], body))
    return wrapped


def settled_deployments(body):
    """An ECS service as it looks once its rollout finished: only the PRIMARY deployment, carrying
    the service's current network configuration, its rollout `COMPLETED`. moto keeps every deployment with the network
    configuration the service was *created* with, whatever UpdateService changed, so a check of
    "which deployment still runs in this AZ" would see a configuration no deployment has."""
    try:
        document = json.loads(body)
    except ValueError:
        return body
    services = document.get("services") or ([document["service"]] if isinstance(document.get("service"), dict) else [])
    for service in services:
        primary = [d for d in service.get("deployments", []) if d.get("status") == "PRIMARY"]
        for deployment in primary:
            if "networkConfiguration" in service:
                deployment["networkConfiguration"] = service["networkConfiguration"]
            deployment["rolloutState"] = "COMPLETED"
        if primary:
            service["deployments"] = primary
    return json.dumps(document).encode()


def with_settled_deployments(app):
    """Only with MOTO_SETTLED_DEPLOYMENTS=1 (the reliability drivers, whose moto stands for an ECS
    whose rollouts finish at once); the Swift tests see moto's own answers."""
    if os.environ.get("MOTO_SETTLED_DEPLOYMENTS") != "1":
        return app

    def wrapped(environ, start_response):
        target = environ.get("HTTP_X_AMZ_TARGET") or ""
        if not target.endswith((".DescribeServices", ".UpdateService")):
            return app(environ, start_response)
        return rewrite_response(app, environ, start_response, settled_deployments)
    return wrapped


def exit_with_parent(parent):
    # When started directly by the test process, being re-parented means it died, even if
    # its pid was reused; when started through a shell, only the pid check applies.
    direct = os.getppid() == parent
    while True:
        try:
            os.kill(parent, 0)
        except OSError:
            os._exit(0)
        if direct and os.getppid() != parent:
            os._exit(0)
        time.sleep(0.5)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parent-pid", type=int, required=True)
    args = ap.parse_args()
    threading.Thread(target=exit_with_parent, args=(args.parent_pid,), daemon=True).start()
    app = with_settled_deployments(with_creating_window(with_request_log(DomainDispatcherApplication(create_backend_app))))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(f"READY {server.server_port}", flush=True)
    # The test reads stdout to its end: close the descriptor itself (sys.stdout.close() would
    # leave fd 1 open) and point it at /dev/null for anything printed later.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    server.serve_forever()


if __name__ == "__main__":
    main()
