"""What the world adds to moto's EFS: mount-target lifecycles in simulated time (moto makes a
mount target `available` the moment it is created), creates that end in `error`, per-AZ
create failures, ownership (who created each mount target), and a One Zone file system."""

# EFS's own error codes and HTTP statuses for a refused CreateMountTarget.
CREATE_ERRORS = {
    "NoFreeAddressesInSubnet": 409,
    "NetworkInterfaceLimitExceeded": 409,
    "UnsupportedAvailabilityZone": 400,
}


class MountTarget:
    def __init__(self, ident, zone, subnet, created_at, creating_seconds, final_state, owner, ip):
        self.id, self.zone, self.subnet, self.ip = ident, zone, subnet, ip
        self.created_at, self.creating_seconds = created_at, creating_seconds
        self.final_state, self.owner = final_state, owner
        self.deleted_at = None

    def state(self, now):
        if self.deleted_at is not None and now >= self.deleted_at:
            return "deleted"
        if now < self.created_at + self.creating_seconds:
            return "creating"
        return self.final_state

    @property
    def available_since(self):
        return self.created_at + self.creating_seconds if self.final_state == "available" else None


class EFSModel:
    def __init__(self, file_system_id, subnet_az, one_zone=None):
        self.file_system_id = file_system_id
        self.subnet_az = subnet_az
        self.one_zone = one_zone
        self.targets = {}
        self.create_failures = {}    # zone -> error code (every create there fails)
        self.lifecycle = lambda zone: (60.0, "available")   # zone -> (creating seconds, final state)

    def adopt(self, ident, subnet, now, owner, ip):
        """A mount target that existed before the world (Terraform's): available, not ours."""
        self.targets[ident] = MountTarget(ident, self.subnet_az[subnet], subnet, now - 3600, 0, "available", owner, ip)

    def refusal(self, subnet):
        """The error code a CreateMountTarget in `subnet` gets, or None."""
        zone = self.subnet_az.get(subnet)
        if self.one_zone and zone != self.one_zone:
            return "UnsupportedAvailabilityZone"
        return self.create_failures.get(zone)

    def created(self, ident, subnet, now, owner, ip):
        seconds, final = self.lifecycle(self.subnet_az[subnet])
        target = MountTarget(ident, self.subnet_az[subnet], subnet, now, seconds, final, owner, ip)
        self.targets[ident] = target
        return target

    def live(self, now):
        return [t for t in self.targets.values() if t.state(now) != "deleted"]

    def available_zones(self, now):
        return {t.zone for t in self.targets.values() if t.state(now) == "available"}

    def rewrite(self, document, now):
        """Sets LifeCycleState (and One Zone fields) in a moto EFS response to the world's view."""
        items = document.get("MountTargets") if isinstance(document.get("MountTargets"), list) else [document]
        for item in items:
            target = self.targets.get(item.get("MountTargetId"))
            if target is not None:
                item["LifeCycleState"] = target.state(now)
        if isinstance(document.get("FileSystems"), list) and self.one_zone:
            for fs in document["FileSystems"]:
                fs["AvailabilityZoneName"] = self.one_zone
                fs["AvailabilityZoneId"] = "apne1-az4"
        return document
