"""The world's own ECS: a service with deployments that take minutes, circuit-breaker rollbacks,
FAILED rollouts that leave the old tasks running, other actors' deploys, RunTask tasks, and the
CODE_DEPLOY controller. moto 5.2.1 cannot do any of this (its deployments complete at once and
its RunTask fails with awsvpc), so these calls are answered from here; moto still sees each
request first, so its signature is verified.

Everything is a function of simulated time: `advance(now)` moves deployments along; it is
called before every call the world answers and whenever the driver jumps.
"""
import itertools

import settings

REGION_ACCOUNT = f"{settings.REGION}:{settings.MOTO_ACCOUNT_ID}"


class Deployment:
    def __init__(self, ident, config, desired, created_at, duration, outcome, actor):
        self.id = ident
        self.subnets = list(config["subnets"])
        self.config = dict(config)
        self.desired = desired
        self.created_at = self.updated_at = created_at
        self.duration = duration
        self.outcome = outcome          # "complete", "fail" (tasks never start), "rollback" (circuit breaker)
        self.actor = actor
        self.status = "PRIMARY"
        self.rollout = "IN_PROGRESS"
        self.completed_at = None


class Task:
    def __init__(self, arn, subnet, zone, group, started_by, started_at):
        self.arn, self.subnet, self.zone = arn, subnet, zone
        self.group, self.started_by, self.started_at = group, started_by, started_at
        self.stopped_at = None

    @property
    def running(self):
        return self.stopped_at is None


class ECSModel:
    def __init__(self, cluster, service, subnet_az, config, desired=3, task_definition="worker:1",
                 controller="ECS", rollout_state=True, now=0.0):
        self.cluster, self.service = cluster, service
        self.cluster_arn = f"arn:aws:ecs:{REGION_ACCOUNT}:cluster/{cluster}"
        self.service_arn = f"arn:aws:ecs:{REGION_ACCOUNT}:service/{cluster}/{service}"
        self.subnet_az = subnet_az
        self.controller = controller
        self.reports_rollout_state = rollout_state
        self.task_definition = task_definition
        self.desired = desired
        self._ids = itertools.count(1)
        self.tasks = []
        self.deployments = []
        self.history = []               # (time, actor, subnets) of every accepted UpdateService
        self.next_outcomes = []         # scripted outcomes for the next deployments, in order
        self.default_duration = 180.0
        self.counts = {}                # what the world did to the service, by kind (for the reports)
        first = self._new_deployment(config, now, 0.0, "complete", "seed")
        first.rollout, first.completed_at = "COMPLETED", now
        self._place(first, now)

    # -- model

    def _new_deployment(self, config, now, duration, outcome, actor):
        d = Deployment(f"ecs-svc/{next(self._ids):019d}", config, self.desired, now, duration, outcome, actor)
        self.deployments.append(d)
        return d

    def _place(self, deployment, now):
        subnets = deployment.subnets
        for i in range(deployment.desired):
            subnet = subnets[i % len(subnets)]
            self.tasks.append(Task(f"arn:aws:ecs:{REGION_ACCOUNT}:task/{self.cluster}/{next(self._ids):032x}", subnet,
                                   self.subnet_az.get(subnet), f"service:{self.service}", deployment.id, now))

    def _stop(self, deployment, now):
        for t in self.tasks:
            if t.started_by == deployment.id and t.running:
                t.stopped_at = now

    def running_tasks(self, deployment=None):
        return [t for t in self.tasks if t.running and (deployment is None or t.started_by == deployment.id)]

    def primary(self):
        return next(d for d in self.deployments if d.status == "PRIMARY")

    @property
    def config(self):
        return self.primary().config

    def count(self, kind):
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def run_task(self, subnet, now, started_by="scheduled-task"):
        self.count("run-task")
        task = Task(f"arn:aws:ecs:{REGION_ACCOUNT}:task/{self.cluster}/{next(self._ids):032x}", subnet,
                    self.subnet_az.get(subnet), "family:cron", started_by, now)
        self.tasks.append(task)
        return task

    def stop_task(self, task, now):
        task.stopped_at = now

    def update(self, now, subnets=None, force=False, actor="autoscaler", duration=None, outcome=None):
        """UpdateService. Returns the new PRIMARY deployment (or the unchanged one)."""
        self.advance(now)
        current = self.primary()
        config = dict(current.config)
        if subnets is not None:
            config["subnets"] = list(subnets)
        if subnets is None and not force:
            return current
        if self.next_outcomes:
            scripted = self.next_outcomes.pop(0)
            outcome = outcome or scripted.get("outcome")
            duration = duration if duration is not None else scripted.get("duration")
        d = self._new_deployment(config, now, self.default_duration if duration is None else duration,
                                 outcome or "complete", actor)
        for other in self.deployments:
            if other is not d and other.status == "PRIMARY":
                other.status = "ACTIVE"
                other.updated_at = now
        self.history.append((now, actor, list(config["subnets"])))
        if actor == "operator":
            self.count("operator-redeploy")
        elif actor not in ("autoscaler", "seed") and not actor.startswith(("lambda", "worker", "invoke")):
            self.count("other-actor-deploy")
        return d

    def advance(self, now):
        """Moves every in-progress deployment along to `now` (repeats until nothing changes)."""
        changed = True
        while changed:
            changed = False
            for d in list(self.deployments):
                if d.status != "PRIMARY" or d.rollout != "IN_PROGRESS" or now < d.created_at + d.duration:
                    continue
                end = d.created_at + d.duration
                changed = True
                d.updated_at = end
                if d.outcome == "complete":
                    d.rollout, d.completed_at = "COMPLETED", end
                    self._place(d, end)
                    for other in self.deployments:
                        if other.status == "ACTIVE":
                            other.status, other.updated_at = "INACTIVE", end
                            self._stop(other, end)
                elif d.outcome == "fail":
                    # No circuit breaker: the rollout gives up, the old deployment keeps its tasks.
                    d.rollout = "FAILED"
                    self.count("failed-rollout")
                else:  # rollback: the circuit breaker restores the last completed configuration
                    d.rollout = "FAILED"
                    self.count("circuit-breaker-rollback")
                    d.status = "INACTIVE"
                    previous = next((o for o in reversed(self.deployments)
                                     if o is not d and o.completed_at is not None), None)
                    config = previous.config if previous else d.config
                    back = self._new_deployment(config, end, d.duration, "complete", "circuit-breaker")
                    for other in self.deployments:
                        if other is not back and other.status == "PRIMARY":
                            other.status = "ACTIVE"
                    self.history.append((end, "circuit-breaker", list(config["subnets"])))

    # -- rendering in ECS's JSON shape

    def _deployment_json(self, d):
        running = len(self.running_tasks(d))
        out = {"id": d.id, "status": d.status, "taskDefinition": self.task_definition, "desiredCount": d.desired,
               "pendingCount": 0 if d.rollout != "IN_PROGRESS" else d.desired, "runningCount": running,
               "failedTasks": 2 if d.rollout == "FAILED" else 0, "createdAt": d.created_at, "updatedAt": d.updated_at,
               "launchType": "FARGATE",
               "networkConfiguration": {"awsvpcConfiguration": dict(d.config)}}
        if self.reports_rollout_state and self.controller == "ECS":
            out["rolloutState"] = d.rollout
            out["rolloutStateReason"] = {"IN_PROGRESS": "ECS deployment in progress.",
                                         "COMPLETED": "ECS deployment completed.",
                                         "FAILED": "ECS deployment circuit breaker: tasks failed to start."}[d.rollout]
        return out

    def service_json(self):
        visible = [d for d in self.deployments if d.status != "INACTIVE"]
        running = len([t for t in self.running_tasks() if t.group == f"service:{self.service}"])
        return {"serviceName": self.service, "serviceArn": self.service_arn, "clusterArn": self.cluster_arn,
                "status": "ACTIVE", "desiredCount": self.desired, "runningCount": running, "pendingCount": 0,
                "launchType": "FARGATE", "taskDefinition": self.task_definition,
                "deploymentController": {"type": self.controller},
                "networkConfiguration": {"awsvpcConfiguration": dict(self.config)},
                "deployments": [self._deployment_json(d) for d in reversed(visible)]}

    def task_json(self, t):
        return {"taskArn": t.arn, "clusterArn": self.cluster_arn, "group": t.group, "startedBy": t.started_by,
                "lastStatus": "RUNNING" if t.running else "STOPPED",
                "desiredStatus": "RUNNING" if t.running else "STOPPED", "launchType": "FARGATE",
                "availabilityZone": t.zone, "createdAt": t.started_at, "startedAt": t.started_at,
                "attachments": [{"id": t.arn[-12:], "type": "ElasticNetworkInterface", "status": "ATTACHED",
                                 "details": [{"name": "subnetId", "value": t.subnet},
                                             {"name": "networkInterfaceId", "value": "eni-" + t.arn[-17:]}]}]}
