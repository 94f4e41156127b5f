"""Time to serve: per scale-out, simulated time from the count crossing the threshold to the new
AZ published and the service's rollout in it completed, against the floor AWS imposes (that
mount target's creation time + MOUNT_TARGET_SETTLE_SECONDS + the rollout's duration). The settle
time and the cooldown are the ones the binary was given (the sandbox's environment)."""
import json
import statistics


def samples(sb):
    w = sb.world
    env = sb.environment()
    settle = float(env["MOUNT_TARGET_SETTLE_SECONDS"])
    cooldown = float(env["SCALE_OUT_COOLDOWN_SECONDS"])
    out = []
    previous_served = None
    history = w.ssm_history.get(w.list_name, [])
    for target in sorted(w.efs.targets.values(), key=lambda t: t.created_at):
        if target.owner != "autoscaler" or target.final_state != "available":
            continue
        crossed = [t for t in sb.crossed_at if t <= target.created_at]
        if not crossed:
            continue
        published = next((t for t, value, _ in history if t >= target.created_at and target.id in value), None)
        if published is None:
            continue
        rollout = next((d for d in w.ecs.deployments if d.created_at >= published and d.completed_at is not None
                        and any(sb.subnet_az.get(s) == target.zone for s in d.subnets)), None)
        if rollout is None:
            continue
        served = max(published, rollout.completed_at)
        # A count that stays above the threshold asks for the next AZ only once the cooldown after
        # the previous scale-out has passed: that is when this one's clock starts.
        start = crossed[-1] if previous_served is None else max(crossed[-1], previous_served + cooldown)
        previous_served = served
        floor = target.creating_seconds + settle + (rollout.completed_at - rollout.created_at)
        out.append({"zone": target.zone, "start": start, "served": served, "ours": served - start, "floor": floor,
                    "ratio": (served - start) / floor if floor > 0 else None})
    return out


def distribution(ratios):
    ratios = sorted(r for r in ratios if r is not None)
    if not ratios:
        return None
    p95 = ratios[min(len(ratios) - 1, int(round(0.95 * (len(ratios) - 1))))]
    return {"n": len(ratios), "median": statistics.median(ratios), "p95": p95, "max": ratios[-1]}


def describe(dist):
    return json.dumps(dist) if dist else "no samples"
