"""What the world adds to moto's EFS: mount-target lifecycles in simulated time (moto makes a
mount target `available` the moment it is created), creates that end in `error`, per-AZ
create failures, ownership (who created each mount target), and a One Zone file system."""

import re

# EFS's own error codes and HTTP statuses for a refused CreateMountTarget.
CREATE_ERRORS = {
    "NoFreeAddressesInSubnet": 409,
    "NetworkInterfaceLimitExceeded": 409,
    "UnsupportedAvailabilityZone": 400,
}


SUBNET_ID = re.compile(r"<subnetId>(subnet-[0-9a-f]+)</subnetId>")
FREE_ADDRESSES = re.compile(r"<availableIpAddressCount>\d+</availableIpAddressCount>")
ITEM_TAG = re.compile(r"<item>|</item>|<item/>")


def subnet_items(xml):
    """(start, end) of each top-level <item> of a DescribeSubnets response's <subnetSet>."""
    start = xml.find("<subnetSet>")
    if start < 0:
        return []
    spans, depth, opened = [], 0, None
    for tag in ITEM_TAG.finditer(xml, start):
        if tag.group(0) == "<item>":
            if depth == 0:
                opened = tag.start()
            depth += 1
        elif tag.group(0) == "</item>":
            depth -= 1
            if depth == 0:
                spans.append((opened, tag.end()))
            if depth < 0:
                break
    return spans


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
    def __init__(self, file_system_id, subnet_az, one_zone=None, zone_ids=None):
        self.file_system_id = file_system_id
        self.subnet_az = subnet_az
        self.one_zone = one_zone
        self.zone_ids = zone_ids or {}   # AZ name -> AZ id, as EC2 describes them
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

    def rewrite_subnets(self, xml):
        """EC2 DescribeSubnets as AWS shows a full subnet: no free addresses where EFS says so."""
        full = {z for z, code in self.create_failures.items() if code == "NoFreeAddressesInSubnet"}

        if not full:
            return xml
        out, last = [], 0
        for start, end in subnet_items(xml):
            item = xml[start:end]
            ids = [i for i in SUBNET_ID.findall(item) if self.subnet_az.get(i) in full]
            if ids:
                item = FREE_ADDRESSES.sub("<availableIpAddressCount>0</availableIpAddressCount>", item)
            out += [xml[last:start], item]
            last = end
        return "".join(out) + xml[last:]

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
                fs["AvailabilityZoneId"] = self.zone_ids.get(self.one_zone)
        return document
