"""A local Lambda Runtime API (2018-06-01) that hands out one invocation with a deadline in
simulated epoch milliseconds, then parks every further `next` until it is stopped: each
scheduled invocation is a fresh process with its own place on the simulated clock."""
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import settings

PREFIX = "/2018-06-01/runtime"
FUNCTION_ARN = f"arn:aws:lambda:{settings.REGION}:{settings.MOTO_ACCOUNT_ID}:function:efs-autoscaler"


class RuntimeAPI:
    def __init__(self, event, deadline_ms, function_arn=FUNCTION_ARN):
        self.event, self.deadline_ms, self.function_arn = event, int(deadline_ms), function_arn
        self.request_id = str(uuid.uuid4())
        self.handed_out = False
        self.result = None          # ("response"|"error"|"init-error", json body)
        self.done = threading.Event()
        self.stopping = threading.Event()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status, body=b"", headers=()):
                try:
                    self.send_response(status)
                    for k, v in headers:
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the process was ended while parked in `next`

            def do_GET(self):
                if self.path != f"{PREFIX}/invocation/next":
                    return self._reply(404)
                if api.handed_out:
                    api.stopping.wait()
                    return self._reply(500)
                api.handed_out = True
                self._reply(200, json.dumps(api.event).encode(), [
                    ("Lambda-Runtime-Aws-Request-Id", api.request_id),
                    ("Lambda-Runtime-Deadline-Ms", str(api.deadline_ms)),
                    ("Lambda-Runtime-Invoked-Function-Arn", api.function_arn),
                    ("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0"),
                    ("Content-Type", "application/json")])

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                kinds = {f"{PREFIX}/invocation/{api.request_id}/response": "response",
                         f"{PREFIX}/invocation/{api.request_id}/error": "error", f"{PREFIX}/init/error": "init-error"}
                kind = kinds.get(self.path)
                if kind is None:
                    return self._reply(404)
                try:
                    api.result = (kind, json.loads(body or b"null"))
                except ValueError:
                    api.result = (kind, body.decode(errors="replace"))
                self._reply(202, b'{"status":"OK"}', [("Content-Type", "application/json")])
                api.done.set()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        """Ends the server; harmless when it already ended."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
