"""Clients the world models, so that "deleted while a client used it" is visible: hosts that
mount by IP and re-read the published list every `period` simulated seconds (tasks by AZ are in
ecs.py)."""
import json


class Host:
    def __init__(self, name, period, phase):
        self.name, self.period, self.phase = name, float(period), float(phase)

    def last_read(self, now):
        if now < self.phase:
            return None
        return self.phase + ((now - self.phase) // self.period) * self.period

    def held_ids(self, world, now):
        read = self.last_read(now)
        value = world.list_value_at(read) if read is not None else world.list_value_at(world.started_at)
        try:
            return {e["mount_target_id"] for e in json.loads(value or "{}").get("mount_targets", [])}
        except (ValueError, TypeError, AttributeError, KeyError):
            return set()
