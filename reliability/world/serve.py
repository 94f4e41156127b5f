"""Time to serve: per scale-out, simulated time from the count crossing the threshold to the new
AZ published and the service's rollout in it completed, against the floor AWS imposes (that
mount target's creation time + MOUNT_TARGET_SETTLE_SECONDS + the rollout's duration)."""
import json
import statistics


def samples(sb):
    w = sb.world
    settle = float(sb.environment().get("MOUNT_TARGET_SETTLE_SECONDS") or 0)
    out = []
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
        floor = target.creating_seconds + settle + (rollout.completed_at - rollout.created_at)
        out.append({"zone": target.zone, "ours": served - crossed[-1], "floor": floor,
                    "ratio": (served - crossed[-1]) / floor if floor > 0 else None})
    return out


def distribution(ratios):
    ratios = sorted(r for r in ratios if r is not None)
    if not ratios:
        return None
    p95 = ratios[min(len(ratios) - 1, int(round(0.95 * (len(ratios) - 1))))]
    return {"n": len(ratios), "median": statistics.median(ratios), "p95": p95, "max": ratios[-1]}


def describe(dist):
    return json.dumps(dist) if dist else "no samples"
