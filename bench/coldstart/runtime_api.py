"""A minimal local AWS Lambda Runtime API server for the cold-start benchmark.

It serves exactly one invocation and timestamps, with `time.monotonic()` (CLOCK_MONOTONIC, the
same clock the driver reads right before spawning the bootstrap), when each request arrives:

- the first `GET /2018-06-01/runtime/invocation/next` (the end of the runtime's init phase),
- the moment the event has been written back to the runtime (the invocation starts),
- the `POST .../invocation/{id}/response` or `.../error` (the invocation ends), or
  `POST .../init/error` (the runtime could not start).

A second `GET .../next` is held open until the server is stopped, as Lambda freezes the
sandbox there. Binds 127.0.0.1 only, on a port chosen by the OS.
"""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/2018-06-01/runtime"
REQUEST_ID = "c0ld5ta7-0000-4000-8000-000000000001"
FUNCTION_ARN = "arn:aws:lambda:ap-northeast-1:123456789012:function:efs-autoscaler"


class Recorder:
    """What the runtime did and when (monotonic seconds); `done` is set once a response or
    error has been accepted."""

    def __init__(self, event, deadline_seconds):
        self.event = json.dumps(event).encode()
        self.deadline_seconds = deadline_seconds
        self.lock = threading.Lock()
        self.first_next = None
        self.delivered = None
        self.finished = None
        self.outcome = None  # "response", "error" or "init_error"
        self.body = b""
        self.served = False
        self.done = threading.Event()
        self.stop = threading.Event()

    def take_invocation(self):
        with self.lock:
            if self.first_next is None:
                self.first_next = time.monotonic()
            if self.served:
                return False
            self.served = True
            return True

    def finish(self, outcome, body, arrived):
        with self.lock:
            if self.finished is None:
                self.finished = arrived
                self.outcome = outcome
                self.body = body


def make_handler(recorder):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

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
            if not recorder.take_invocation():
                # Lambda freezes the sandbox here; hold the request until the driver is done.
                recorder.stop.wait()
                self.close_connection = True
                return
            deadline_ms = int((time.time() + recorder.deadline_seconds) * 1000)
            self._reply(200, recorder.event, [
                ("Content-Type", "application/json"),
                ("Lambda-Runtime-Aws-Request-Id", REQUEST_ID),
                ("Lambda-Runtime-Deadline-Ms", str(deadline_ms)),
                ("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN),
                ("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000001;Sampled=0"),
            ])
            with recorder.lock:
                recorder.delivered = time.monotonic()

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            arrived = time.monotonic()
            if self.path == f"{PREFIX}/invocation/{REQUEST_ID}/response":
                outcome = "response"
            elif self.path == f"{PREFIX}/invocation/{REQUEST_ID}/error":
                outcome = "error"
            elif self.path == f"{PREFIX}/init/error":
                outcome = "init_error"
            else:
                self._reply(404)
                return
            recorder.finish(outcome, body, arrived)
            # Accept before telling the driver, which then reads the peak RSS and kills the runtime.
            self._reply(202, b'{"status":"OK"}', [("Content-Type", "application/json")])
            recorder.done.set()

    return Handler


class RuntimeAPIServer:
    """Context manager: `with RuntimeAPIServer(event) as api:` then `api.address`, `api.recorder`."""

    def __init__(self, event, deadline_seconds=300):
        self.recorder = Recorder(event, deadline_seconds)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.recorder))
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
