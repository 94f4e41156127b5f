"""The world: one HTTP endpoint on 127.0.0.1 that the binary uses as AWS_ENDPOINT_URL.

Every call goes to moto first (moto keeps the EC2/EFS/SSM/DynamoDB resources and verifies the
SigV4 signature of every request, ECS ones included); the world then keeps its own model where
moto is too kind (efs.py, ecs.py), injects the scenario's faults (faults.py), and runs the
monitor (monitor.py) on every call. Calls are handled one at a time under one lock, so the model
and the monitor see a single order of events.
"""
import heapq
import itertools
import json
import os
import re
import signal
import socket
import threading
import urllib.parse

import settings

from . import wire
from .efs import CREATE_ERRORS
from .faults import Faults
from .monitor import Monitor

fp = wire.fp
CREDENTIAL = re.compile(r"Credential=([^/]+)/")
AUTH_ERRORS = ("Signature", "UnrecognizedClient", "AccessDenied", "MissingAuthentication", "IncompleteSignature",
               "InvalidClientTokenId", "AuthFailure")


class World:
    def __init__(self, moto_endpoint, clock, subnet_az, list_name, state_name=None, seed=1, log_path=None):
        parsed = urllib.parse.urlsplit(moto_endpoint)
        self.upstream = (parsed.hostname, parsed.port)
        self.clock = clock
        self.subnet_az = subnet_az
        self.list_name, self.state_name = list_name, state_name
        self.started_at = clock.now()
        self.efs = None
        self.ecs = None
        self.hosts = []
        self.faults = Faults(seed)
        self.monitor = Monitor(self)
        self.lock = threading.RLock()
        self.runs = {}                 # access key -> current run record
        self.run_log = []
        self.ssm_history = {}          # name -> [(t, value, version)]
        self.dynamodb_previous = {}    # json(key) -> (t, item before the last write)
        self.read_item = None          # (table, key) -> the item now, read consistently from moto
        self.hooks = {}                # operation -> [fn(world, call, request_json, response_json)]
        self.kill_rules = []
        self.events = []
        self._seq = itertools.count()
        self.calls = []
        self.log_file = open(log_path, "a", buffering=1) if log_path else None
        self.listener = None

    # -- lifecycle

    def start(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self):
        if self.listener:
            try:
                self.listener.close()
            except OSError:
                pass
        if self.log_file:
            self.log_file.close()
            self.log_file = None

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        reader = fp.Reader(client)
        try:
            while True:
                try:
                    request = fp.read_message(reader)
                except (fp.ClientGone, ConnectionError, OSError, ValueError):
                    return
                try:
                    payload = self.handle(request)
                except Exception as error:  # a bug in the world must not look like AWS
                    self.log_event("world-error", error=repr(error))
                    payload = wire.error("ecs", 500, "WorldError", repr(error))
                if payload is None:
                    fp.reset(client)
                    return
                client.sendall(payload)
                if fp.wants_close(request):
                    return
        finally:
            try:
                client.close()
            except OSError:
                pass

    # -- runs and time

    def begin_run(self, key, name, pid=None, bad_input=False, face="lambda"):
        with self.lock:
            self.runs[key] = {"name": name, "pid": pid, "bad_input": bad_input, "face": face, "alive": True,
                              "started": self.clock.now()}
            self.run_log.append(self.runs[key])

    def end_run(self, key):
        with self.lock:
            run = self.runs.get(key)
            if run:
                run["alive"] = False
                run["ended"] = self.clock.now()

    def alive_runs(self):
        return {r["name"] for r in self.runs.values() if r["alive"]}

    def at(self, t, fn, label):
        with self.lock:
            heapq.heappush(self.events, (t, next(self._seq), label, fn))

    def pump(self, now=None):
        """Runs every scheduled event due by `now`, each at its own time."""
        with self.lock:
            now = self.clock.now() if now is None else now
            while self.events and self.events[0][0] <= now:
                t, _, label, fn = heapq.heappop(self.events)
                self.log_event("event", label=label, at=round(t, 3))
                fn(t)
            if self.ecs is not None:
                self.ecs.advance(now)

    def on(self, operation, fn):
        self.hooks.setdefault(operation, []).append(fn)

    # -- the published list, as the world saw it written

    def record_parameter(self, name, value, version, t):
        self.ssm_history.setdefault(name, []).append((t, value, version))

    def list_value_at(self, t):
        value = None
        for written, v, _ in self.ssm_history.get(self.list_name, []):
            if written <= t:
                value = v
        return value

    def published_ids(self, now):
        try:
            return {e["mount_target_id"] for e in json.loads(self.list_value_at(now) or "{}").get("mount_targets", [])}
        except (ValueError, AttributeError, TypeError):
            return set()

    def log_event(self, event, **fields):
        entry = {"event": event, **fields}
        if self.log_file:
            self.log_file.write(json.dumps(entry, sort_keys=True, default=str) + "\n")

    # -- one call

    def handle(self, request):
        method, target = request.start_line.split(" ")[:2]
        service, operation = wire.classify(method, target, request)
        with self.lock:
            now = self.clock.now()
            self.pump(now)
            match = CREDENTIAL.search(request.header("Authorization") or "")
            key = match.group(1) if match else None
            run = self.runs.get(key) or {}
            body = wire.json_body(request) if service in ("ssm", "ecs", "dynamodb") else {}
            mutating = operation in fp.MUTATING
            call = {"t": round(now, 3), "service": service, "operation": operation, "run": run.get("name"),
                    "bad_input": run.get("bad_input", False), "mutating": mutating, "key": key,
                    "label": f"{operation}" + (f" {body.get('Name')}" if body.get("Name") else ""),
                    "list_write": operation == "PutParameter" and body.get("Name") == self.list_name}
            if service == "efs" and operation in ("CreateMountTarget", "DeleteMountTarget"):
                call["label"] += " " + (target.rstrip("/").rsplit("/", 1)[-1] if operation == "DeleteMountTarget"
                                        else str(wire.json_body(request).get("SubnetId")))
            self.calls.append(call)
            try:
                return self._handle(call, request, method, target, body, now)
            finally:
                self.log_event("call", **call)

    def _handle(self, call, request, method, target, body, now):
        if self._kill(call, "before"):
            call["fault"] = "kill_before"
            return None
        storm = self.faults.throttled(call, now)
        if storm is not None:
            call["fault"] = "throttle-storm"
            return storm
        kind = self.faults.random_fault(call)
        call["fault"] = kind
        if kind in ("throttle", "http500", "http503") and call["service"] == "dynamodb":
            status, code = {"throttle": (400, "ThrottlingException"), "http500": (500, "InternalServerError"),
                            "http503": (503, "ServiceUnavailable")}[kind]
            return wire.error("dynamodb", status, code, f"injected by the world ({kind})")
        if kind in ("throttle", "http500", "http503"):
            status, payload = fp.error_response(call["service"], kind, "world-fault")
            return payload
        if kind == "reset_before":
            return None
        if call["mutating"]:
            delay = self.faults.late(call)
            if delay is not None:
                call["fault"] = "late-write"
                self.at(now + delay, lambda t, c=dict(call), r=request, b=body: self._perform(c, r, method, target, b, t),
                        f"late {call['label']}")
                return None
        response = self._perform(call, request, method, target, body, now)
        if self._kill(call, "after") or kind == "reset_after":
            return None
        return response

    def _kill(self, call, phase):
        for rule in self.kill_rules:
            if rule["phase"] == phase and rule["operation"] == call["operation"] and rule["count"] > 0 \
                    and call["run"] is not None:
                if rule["skip"] > 0:
                    rule["skip"] -= 1
                    continue
                rule["count"] -= 1
                pid = next((r["pid"] for r in self.runs.values() if r["name"] == call["run"]), None)
                if pid:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    rule["fired"] = f"{phase} {call['operation']}"
                    self.faults.count(f"kill {phase} {call['operation']}")
                    return True
        return False

    def _perform(self, call, request, method, target, body, now):
        """Lets one call reach moto and the world's model; returns the bytes the client gets."""
        service, operation = call["service"], call["operation"]
        if service == "efs" and operation == "CreateMountTarget" and self.efs:
            code = self.efs.refusal(wire.json_body(request).get("SubnetId"))
            if code:
                call["refused"] = code
                return wire.error("efs", CREATE_ERRORS[code], code, f"the world refuses a mount target here ({code})")
        if service == "efs" and operation == "DeleteMountTarget" and self.efs:
            self.monitor.before_delete(call, target.rstrip("/").rsplit("/", 1)[-1], now)
        if service == "dynamodb" and call["mutating"] and self.read_item is not None:
            call["item_before"] = self.read_item(*self._dynamodb_key(body))
        response = wire.forward(self.upstream, request.raw, method)
        status = wire.status_of(response)
        call["status"] = status
        if status >= 300:
            text = response.body.decode(errors="replace")
            if any(code in text for code in AUTH_ERRORS) or status == 403:
                call["auth_error"] = text[:200]
                return response.raw
        if service == "ecs" and self.ecs is not None:
            payload = self._ecs(call, operation, body, now)
            self._after(call, now, body, None)
            return payload
        payload = response.raw
        doc = wire.json_body(response)
        if service == "efs" and self.efs and status < 300:
            payload = self._efs(call, operation, request, target, response, doc, now)
        elif service == "ssm" and status < 300:
            payload = self._ssm(call, operation, body, response, doc, now)
        elif service == "ec2" and operation == "DescribeSubnets" and status < 300 and self.efs:
            payload = wire.with_body(response, self.efs.rewrite_subnets(response.body.decode()).encode())
        elif service == "dynamodb" and status < 300:
            payload = self._dynamodb(call, operation, body, response, doc, now)
        self._after(call, now, body, doc)
        return payload

    def _after(self, call, now, body, doc):
        if call["mutating"] and call.get("status", 500) < 300:
            self.monitor.on_mutation(call)
        for hook in self.hooks.get(call["operation"], []):
            hook(self, call, body, doc)
        self.monitor.after_call(call, now)

    # -- per service

    def _efs(self, call, operation, request, target, response, doc, now):
        if operation == "CreateMountTarget":
            owner = "autoscaler" if call["run"] else "other"
            mt = self.efs.created(doc["MountTargetId"], doc["SubnetId"], now, owner, doc.get("IpAddress"))
            call["mount_target"] = {"id": mt.id, "zone": mt.zone, "creating": mt.creating_seconds, "final": mt.final_state}
            self.monitor.on_created(call, mt, now)
        elif operation == "DeleteMountTarget":
            mt = self.efs.targets.get(target.rstrip("/").rsplit("/", 1)[-1])
            if mt is not None:
                mt.deleted_at = now
            return response.raw
        if not response.body:
            return response.raw
        return wire.with_body(response, json.dumps(self.efs.rewrite(doc, now)).encode())

    def _ssm(self, call, operation, body, response, doc, now):
        name = body.get("Name")
        if operation == "PutParameter":
            if name == self.list_name:
                self.monitor.on_list_written(call, body.get("Value", ""), now)
            self.record_parameter(name, body.get("Value"), doc.get("Version"), now)
            return response.raw
        if operation == "GetParameter" and name in self.faults.stale_names:
            history = self.ssm_history.get(name, [])
            if len(history) >= 2 and now - history[-1][0] < self.faults.stale_window \
                    and doc.get("Parameter", {}).get("Version") == history[-1][2]:
                _, value, version = history[-2]
                doc["Parameter"]["Value"], doc["Parameter"]["Version"] = value, version
                self.faults.count("stale-read")
                call["fault"] = "stale-read"
                return wire.with_body(response, json.dumps(doc).encode())
        return response.raw

    def _dynamodb_key(self, body):
        if body.get("Key"):
            return body.get("TableName"), body["Key"]
        item = body.get("Item") or {}
        return body.get("TableName"), {k: item[k] for k in self.lock_key_fields if k in item}

    def _dynamodb(self, call, operation, body, response, doc, now):
        table, key = self._dynamodb_key(body)
        ident = json.dumps([table, key], sort_keys=True)
        if operation in fp.DYNAMODB_WRITES:
            self.dynamodb_previous[ident] = (now, call.get("item_before"))
            return response.raw
        if operation == "GetItem" and not body.get("ConsistentRead") and "dynamodb" in self.faults.stale_names:
            previous = self.dynamodb_previous.get(ident)
            if previous and now - previous[0] < self.faults.stale_window:
                self.faults.count("stale-read")
                call["fault"] = "stale-read"
                return wire.with_body(response, json.dumps({"Item": previous[1]} if previous[1] else {}).encode())
        return response.raw

    lock_key_fields = (settings.LOCK_TABLE_KEY,)

    def _ecs(self, call, operation, body, now):
        ecs = self.ecs
        ecs.advance(now)
        if operation == "DescribeServices":
            wanted = body.get("services") or []
            found = [ecs.service_json() for s in wanted if s in (ecs.service, ecs.service_arn)]
            failures = [{"arn": s, "reason": "MISSING"} for s in wanted if s not in (ecs.service, ecs.service_arn)]
            return wire.json_response("ecs", 200, {"services": found, "failures": failures})
        if operation == "UpdateService":
            network = (body.get("networkConfiguration") or {}).get("awsvpcConfiguration")
            if ecs.controller != "ECS" and (network or body.get("forceNewDeployment")):
                call["status"] = 400
                return wire.error("ecs", 400, "InvalidParameterException",
                                  "Unable to update network parameters or force a new deployment on services with a "
                                  f"{ecs.controller} deployment controller. Use AWS CodeDeploy to trigger a new deployment.")
            deployment = ecs.update(now, subnets=network.get("subnets") if network else None,
                                    force=bool(body.get("forceNewDeployment")), actor=call["run"] or "other")
            call["deployment"] = deployment.id
            return wire.json_response("ecs", 200, {"service": ecs.service_json()})
        if operation == "ListTasks":
            status = body.get("desiredStatus", "RUNNING")
            tasks = [t for t in ecs.tasks if (t.running if status == "RUNNING" else not t.running)]
            if body.get("serviceName"):
                tasks = [t for t in tasks if t.group == f"service:{body['serviceName'].rsplit('/', 1)[-1]}"]
            if body.get("startedBy"):
                tasks = [t for t in tasks if t.started_by == body["startedBy"]]
            start = int(body.get("nextToken") or 0)
            size = min(int(body.get("maxResults") or 100), 100)
            page = tasks[start:start + size]
            out = {"taskArns": [t.arn for t in page]}
            if start + size < len(tasks):
                out["nextToken"] = str(start + size)
            return wire.json_response("ecs", 200, out)
        if operation == "DescribeTasks":
            wanted = body.get("tasks") or []
            if len(wanted) > 100:
                return wire.error("ecs", 400, "InvalidParameterException", "tasks can have at most 100 items.")
            by_arn = {t.arn: t for t in ecs.tasks}
            return wire.json_response("ecs", 200, {
                "tasks": [ecs.task_json(by_arn[a]) for a in wanted if a in by_arn],
                "failures": [{"arn": a, "reason": "MISSING"} for a in wanted if a not in by_arn]})
        if operation == "ListContainerInstances":
            return wire.json_response("ecs", 200, {"containerInstanceArns": []})
        if operation == "DescribeContainerInstances":
            return wire.json_response("ecs", 200, {"containerInstances": [], "failures": [
                {"arn": a, "reason": "MISSING"} for a in body.get("containerInstances") or []]})
        return wire.error("ecs", 400, "InvalidAction", f"the world does not model ECS {operation}")
