"""A minimal local AWS Lambda Runtime API server for the cold-start benchmark.

It serves a fixed number of invocations (one by default) to the same runtime process, one
after another as Lambda does with a warm sandbox, and timestamps with `time.monotonic()`
(CLOCK_MONOTONIC, the same clock the driver reads right before spawning the bootstrap), when
each request arrives:

- the first `GET /2018-06-01/runtime/invocation/next` (the end of the runtime's init phase),
- for every invocation, the moment its event has been written back to the runtime (the
  invocation starts) and the `POST .../invocation/{id}/response` or `.../error` (it ends),
- `POST .../init/error` (the runtime could not start).

Invocation i (0-based) is delivered on the runtime's (i+1)-th `GET .../next`, so invocation 0 is
the cold one and the next ones run in the process that already answered. Each has its own
request id. The `GET .../next` after the last invocation is held open until the server is
stopped, as Lambda freezes the sandbox there. Binds 127.0.0.1 only, on a port chosen by the OS.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/2018-06-01/runtime"
FUNCTION_ARN = "arn:aws:lambda:ap-northeast-1:123456789012:function:efs-autoscaler"


def request_id(index):
    return f"c0ld5ta7-0000-4000-8000-{index + 1:012d}"


class Invocation:
    """One event's life: delivered and finished in monotonic seconds, how it ended, the body."""

    def __init__(self, index):
        self.request_id = request_id(index)
        self.delivered = None
        self.finished = None
        self.outcome = None  # "response" or "error"
        self.body = b""


class Recorder:
    """What the runtime did and when (monotonic seconds); `done` is set once every invocation
    has been answered, or once one ended in an error (the driver stops there)."""

    def __init__(self, event, deadline_seconds, invocations=1):
        self.event = json.dumps(event).encode()
        self.deadline_seconds = deadline_seconds
        self.lock = threading.Lock()
        self.first_next = None
        self.invocations = [Invocation(i) for i in range(invocations)]
        self.served = 0
        self.init_error = None
        self.done = threading.Event()
        self.stop = threading.Event()

    def take_invocation(self):
        """The next invocation to deliver, or None when all have been."""
        with self.lock:
            if self.first_next is None:
                self.first_next = time.monotonic()
            if self.served == len(self.invocations):
                return None
            self.served += 1
            return self.invocations[self.served - 1]

    def finish(self, invocation, outcome, body, arrived):
        with self.lock:
            if invocation.finished is None:
                invocation.finished = arrived
                invocation.outcome = outcome
                invocation.body = body
            return outcome != "response" or all(i.finished is not None for i in self.invocations)


def make_handler(recorder):
    by_id = {i.request_id: i for i in recorder.invocations}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # TCP_NODELAY: without it the body, written after the headers, waits for the runtime's
        # delayed ACK (40 ms on Linux) on a reused connection, inside the timed invocation.
        disable_nagle_algorithm = True

        def log_message(self, *_):
            pass

        def _reply(self, status, body=b"", headers=()):
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()

        def do_GET(self):
            if self.path != PREFIX + "/invocation/next":
                self._reply(404)
                return
            invocation = recorder.take_invocation()
            if invocation is None:
                # Lambda freezes the sandbox here; hold the request until the driver is done.
                recorder.stop.wait()
                self.close_connection = True
                return
            deadline_ms = int((time.time() + recorder.deadline_seconds) * 1000)
            self._reply(200, recorder.event, [
                ("Content-Type", "application/json"),
                ("Lambda-Runtime-Aws-Request-Id", invocation.request_id),
                ("Lambda-Runtime-Deadline-Ms", str(deadline_ms)),
                ("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN),
                ("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000001;Sampled=0"),
            ])
            with recorder.lock:
                invocation.delivered = time.monotonic()

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            arrived = time.monotonic()
            if self.path == f"{PREFIX}/init/error":
                with recorder.lock:
                    recorder.init_error = body
                self._reply(202, b'{"status":"OK"}', [("Content-Type", "application/json")])
                recorder.done.set()
                return
            head, _, outcome = self.path.rpartition("/")
            invocation = by_id.get(head[len(PREFIX + "/invocation/"):]) if head.startswith(PREFIX + "/invocation/") else None
            if invocation is None or outcome not in ("response", "error"):
                self._reply(404)
                return
            last = recorder.finish(invocation, outcome, body, arrived)
            # Accept before telling the driver, which then reads the peak RSS and kills the runtime.
            self._reply(202, b'{"status":"OK"}', [("Content-Type", "application/json")])
            if last:
                recorder.done.set()

    return Handler


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The driver kills the runtime once it has what it measures; the reset is expected.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


class RuntimeAPIServer:
    """Context manager: `with RuntimeAPIServer(event) as api:` then `api.address`, `api.recorder`."""

    def __init__(self, event, deadline_seconds=300, invocations=1):
        self.recorder = Recorder(event, deadline_seconds, invocations)
        self.httpd = QuietServer(("127.0.0.1", 0), make_handler(self.recorder))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def address(self):
        host, port = self.httpd.server_address[:2]
        return f"{host}:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.recorder.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
