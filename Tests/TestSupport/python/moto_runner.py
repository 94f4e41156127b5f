#!/usr/bin/env python3
"""Runs moto's server for the Swift tests and dies with the test process.

Why not plain `moto_server`: the tests need (1) a port chosen by the OS, reported back
without a race, (2) the server gone when the test process exits, even when it crashes, and
(3) a log of the requests moto received, to prove a request was sent exactly once.

Prints `READY <port>` on stdout once it accepts connections. Extra endpoints:
GET /_tests/requests -> JSON list of {method, path, target, accessKeyId}; POST clears it.
Environment (read by moto): INITIAL_NO_AUTH_ACTION_COUNT, MOTO_ECS_SERVICE_RUNNING.
"""
import argparse
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
                            "accessKeyId": match.group(1) if match else None})
        return app(environ, start_response)
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
    app = with_request_log(DomainDispatcherApplication(create_backend_app))
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
