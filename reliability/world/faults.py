"""Seeded fault plans of the world (what AWS does at its worst), decided per call."""
import random

from . import wire


class Faults:
    """Each decision is drawn from (seed, run, operation, how many such calls the run made), not
    from one shared sequence: how many polls a run makes depends on real timing, and must not
    shift every later draw. Same seed, same faults at the same calls."""

    def __init__(self, seed):
        self.seed = seed
        self._seen = {}
        self.storms = []          # (start, end, probability, retry_after_ms)
        self.random_rate = 0.0    # the fault proxy's kinds but throttle429 and delay, per call
        self.random_kinds = tuple(k for k in wire.fp.FAULT_KINDS if k not in ("throttle429", "delay"))
        self.late_writes = []     # {match(call) -> bool, delay, remaining}
        self.stale_window = 0.0   # seconds after a write during which a read may return the older value
        self.stale_names = set()  # SSM parameter names (and "dynamodb") with eventually consistent reads
        self.counts = {}

    def _draw(self, call, purpose):
        key = (call.get("run"), call["operation"], purpose)
        n = self._seen[key] = self._seen.get(key, 0) + 1
        return random.Random(f"{self.seed}:{key}:{n}")

    def count(self, kind):
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def throttled(self, call, now):
        for start, end, probability, retry_after_ms in self.storms:
            if start <= now < end and self._draw(call, "storm").random() < probability:
                self.count("throttle-storm")
                return wire.throttle(call["service"], retry_after_ms)
        return None

    def random_fault(self, call):
        if self.random_rate <= 0 or call["service"] not in ("efs", "ec2", "ssm", "ecs", "dynamodb"):
            return None
        draw = self._draw(call, "fault")
        roll, pick = draw.random(), draw.random()
        if roll >= self.random_rate:
            return None
        kind = self.random_kinds[int(pick * len(self.random_kinds))]
        self.count(kind)
        return kind

    def late(self, call):
        """The delay (simulated seconds) after which this write lands, or None."""
        for rule in self.late_writes:
            if rule["remaining"] > 0 and rule["match"](call):
                if rule.get("skip", 0) > 0:
                    rule["skip"] -= 1
                    continue
                rule["remaining"] -= 1
                self.count("late-write")
                return rule["delay"]
        return None
